"""The notebooks run top to bottom in a fresh ``python3`` kernel of this venv, from ``notebooks/``.

They are stored without outputs; the executed copies are kept in
``test-output/notebooks/`` for a look.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from conftest import ROOT

nbformat = pytest.importorskip("nbformat")
nbclient = pytest.importorskip("nbclient")

NOTEBOOK_DIR = ROOT / "notebooks"
NOTEBOOKS = sorted(NOTEBOOK_DIR.glob("*.ipynb"))
SETUP_HINT = (
    "run `make test` (it installs the test extras, ipykernel included, into .venv and registers "
    "the venv's kernel: `.venv/bin/python -m ipykernel install --sys-prefix`)"
)


def _check_kernel() -> None:
    """Fail (not skip) unless the ``python3`` kernel runs this interpreter."""
    from jupyter_client.kernelspec import KernelSpecManager, NoSuchKernel

    try:
        spec = KernelSpecManager().get_kernel_spec("python3")
    except NoSuchKernel:
        pytest.fail(f"no Jupyter kernel named python3; {SETUP_HINT}")
    exe = spec.argv[0]
    # jupyter_client runs a bare "python"/"python3" kernel with sys.executable
    bare = {"python", f"python{sys.version_info[0]}", "python{}.{}".format(*sys.version_info[:2])}
    if exe not in bare and Path(exe).absolute().parent != Path(sys.executable).absolute().parent:
        pytest.fail(
            f"the python3 kernel ({spec.resource_dir}) runs {exe}, not this venv's {sys.executable}; {SETUP_HINT}"
        )


def test_notebooks_both_exist():
    assert {"01_build_and_explore.ipynb", "02_sparql_cookbook.ipynb"} <= {p.name for p in NOTEBOOKS}


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_notebooks_are_stored_without_outputs(path):
    nb = nbformat.read(path, as_version=nbformat.NO_CONVERT)
    nbformat.validate(nb)
    assert nb.nbformat == 4 and nb.metadata.kernelspec.name == "python3"
    for cell in nb.cells:
        if cell.cell_type == "code":
            assert cell.outputs == [] and cell.execution_count is None, (
                f"{path.name}: clear the outputs before committing"
            )


def _execute(path: Path, out_dir: Path, test_output: Path, monkeypatch) -> nbformat.NotebookNode:
    _check_kernel()
    monkeypatch.setenv("KG_NOTEBOOK_OUT", str(out_dir))
    monkeypatch.setenv("MPLBACKEND", "Agg")  # the notebooks must not need a display
    nb = nbformat.read(path, as_version=4)
    client = nbclient.NotebookClient(
        nb,
        kernel_name="python3",
        timeout=900,
        resources={"metadata": {"path": str(NOTEBOOK_DIR)}},
    )
    try:
        client.execute()
    finally:
        (test_output / "notebooks").mkdir(parents=True, exist_ok=True)
        nbformat.write(nb, test_output / "notebooks" / path.name)
    return nb


def _outputs(nb) -> list:
    return [o for cell in nb.cells if cell.cell_type == "code" for o in cell.outputs]


def _text(nb) -> str:
    parts = []
    for o in _outputs(nb):
        parts.append(o.get("text", ""))
        parts.append(o.get("data", {}).get("text/plain", ""))
        parts.append(o.get("data", {}).get("text/html", ""))
        parts.append(o.get("data", {}).get("text/markdown", ""))
    return "\n".join(parts)


@pytest.mark.slow
def test_notebooks_build_and_explore_runs(tmp_path, test_output, monkeypatch):
    nb = _execute(NOTEBOOK_DIR / "01_build_and_explore.ipynb", tmp_path, test_output, monkeypatch)
    assert not [o for o in _outputs(nb) if o.output_type == "error"]
    assert (tmp_path / "top_entities.png").stat().st_size > 1000
    assert (tmp_path / "seed-build" / "graph.ttl").exists()
    assert any("image/png" in o.get("data", {}) for o in _outputs(nb)), (
        "the plot is not shown inline"
    )
    assert "<iframe srcdoc=" in _text(nb), "g.show() did not display the map"


@pytest.mark.slow
def test_notebooks_sparql_cookbook_runs_every_named_query(tmp_path, test_output, monkeypatch):
    nb = _execute(NOTEBOOK_DIR / "02_sparql_cookbook.ipynb", tmp_path, test_output, monkeypatch)
    text = _text(nb)
    named = sorted((ROOT / "queries").glob("*.rq"))
    assert f"{len(named)} named queries in" in text
    for q in named:
        assert f"`{q.stem}`" in text, f"{q.name} was not run"
