"""The package as a user installs it: a wheel that carries its files and declares its imports."""

from __future__ import annotations

import ast
import re
import subprocess
import sys
import tomllib
import zipfile
from importlib import metadata
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
SETUPTOOLS = PYPROJECT["tool"]["setuptools"]


def _folders_with_files(top: Path) -> set[str]:
    return {
        ".".join(p.relative_to(ROOT).parts)
        for p in [top, *top.rglob("*")]
        if p.is_dir() and p.name != "__pycache__" and any(f.is_file() for f in p.iterdir())
    }


def test_packaging_lists_every_folder_of_the_package():
    mapped = {name: ROOT / folder for name, folder in SETUPTOOLS["package-dir"].items()}
    assert set(SETUPTOOLS["packages"]) == _folders_with_files(ROOT / "kg") | set(mapped)
    assert all(folder.is_dir() for folder in mapped.values())


def _imported_modules() -> set[str]:
    names: set[str] = set()
    for path in (ROOT / "kg").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names.update(a.name.split(".")[0] for a in node.names)
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names.add(node.module.split(".")[0])
    return names - set(sys.stdlib_module_names) - {"kg"}


def _declared() -> set[str]:
    project = PYPROJECT["project"]
    specs = list(project["dependencies"])
    for extra in project["optional-dependencies"].values():
        specs += extra
    return {re.split(r"[<>=!~\[; ]", s, maxsplit=1)[0].lower().replace("_", "-") for s in specs}


def test_packaging_declares_every_imported_module():
    providers = metadata.packages_distributions()
    declared = _declared()
    undeclared = {
        module: providers.get(module, ["?"])
        for module in _imported_modules()
        if not {d.lower().replace("_", "-") for d in providers.get(module, [])} & declared
    }
    assert not undeclared, f"imported but not declared in pyproject.toml: {undeclared}"


def _run(*args: str) -> None:
    proc = subprocess.run(args, capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr[-3000:]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    _run(sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(out), str(ROOT))
    return next(out.glob("*.whl"))


def test_packaging_wheel_carries_ontology_queries_and_data(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    expected = [
        "kg/ontology/xinzhi.ttl",
        "kg/ontology/shapes.ttl",
        *(f"kg/queries/{p.name}" for p in (ROOT / "queries").glob("*.rq")),
        *(f"kg/export/templates/{p.name}" for p in (ROOT / "kg/export/templates").iterdir()),
        *(f"kg/extract/data/{p.name}" for p in (ROOT / "kg/extract/data").iterdir()),
    ]
    assert [n for n in expected if n not in names] == []


@pytest.mark.slow
def test_packaging_installed_wheel_builds_queries_and_validates_from_another_folder(
    wheel, tmp_path
):
    """The wheel's kg (not the checkout's) builds, answers a named query and validates elsewhere."""
    site = tmp_path / "site"
    _run(
        sys.executable, "-m", "pip", "install", "--no-deps", "-q", "--target", str(site), str(wheel)
    )
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text(
        "成都市大力发展集成电路产业，建设国家超算中心。2023年成都集成电路产值达到1200亿元。\n",
        encoding="utf-8",
    )
    elsewhere = tmp_path / "work"
    elsewhere.mkdir()
    env = {"PYTHONPATH": str(site), "PATH": "/usr/bin:/bin", "HOME": str(tmp_path)}

    def kg_python(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run(
            [sys.executable, *args],
            cwd=elsewhere, env=env, capture_output=True, text=True, timeout=600,
        )  # fmt: skip

    def kg(*args: str) -> subprocess.CompletedProcess:
        return kg_python("-m", "kg", *args)

    where = kg_python("-c", "import kg; print(kg.__file__)")
    assert where.returncode == 0, where.stderr
    assert where.stdout.startswith(str(site))
    build = kg("build", str(corpus), "-o", "out", "-q")
    assert build.returncode == 0, build.stderr
    counts = kg("query", "out", "--name", "relation_counts", "--format", "csv")
    assert counts.returncode == 0, counts.stderr
    assert "builds" in counts.stdout
    check = kg("validate", "out")
    assert check.returncode == 0, check.stderr
