"""Shared fixtures: the seed graph is built once per test session."""

from __future__ import annotations

import errno
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
SHARED = ROOT.parent / "shared"
#: Artefacts (screenshots, reports) kept after the run.
TEST_OUTPUT = ROOT / "test-output"


def pytest_addoption(parser):
    parser.addoption(
        "--regen-golden",
        action="store_true",
        default=False,
        help="write the golden files of tests/data/golden/ from this checkout instead of comparing",
    )


@pytest.fixture
def regen_golden(request) -> bool:
    """Whether ``--regen-golden`` was given: golden files are rewritten, never edited by hand."""
    return bool(request.config.getoption("--regen-golden"))


@pytest.fixture(scope="session")
def seed_build(tmp_path_factory) -> Path:
    """Build ``seeds/`` with the real CLI once; returns the output folder."""
    out = tmp_path_factory.mktemp("seed-build") / "out"
    proc = subprocess.run(
        [sys.executable, "-m", "kg", "build", str(SEEDS), "-o", str(out), "-q"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=600,
    )
    assert proc.returncode == 0, proc.stderr
    return out


@pytest.fixture(scope="session")
def seed_graph_dir(seed_build) -> Path:
    """Alias of :func:`seed_build` (the folder holding graph.ttl and the other outputs)."""
    return seed_build


@pytest.fixture(scope="session")
def test_output() -> Path:
    """A folder for artefacts that outlive the run (screenshots, reports)."""
    TEST_OUTPUT.mkdir(exist_ok=True)
    return TEST_OUTPUT


def run_kg(*args: str, cwd: Path = ROOT, timeout: int = 600) -> subprocess.CompletedProcess:
    """Run ``python -m kg ARGS`` and capture its output."""
    return subprocess.run(
        [sys.executable, "-m", "kg", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        timeout=timeout,
    )


@pytest.fixture
def kg_cli():
    """The :func:`run_kg` helper, as a fixture."""
    return run_kg


def cell(value) -> str:
    """A result cell for comparison; GROUP_CONCAT lists (``a、b``, ``a, b``) in any order compare equal."""
    text = "" if value is None else str(value)
    for sep in ("、", ", "):
        if sep in text:
            return sep.join(sorted(text.split(sep)))
    return text


def stop_process(proc: subprocess.Popen) -> None:
    """Terminate a server started by a test, killing it if it does not stop."""
    proc.terminate()
    try:
        proc.wait(timeout=15)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait(timeout=15)


@pytest.fixture
def deny_read(monkeypatch):
    """Make opening a file fail with EACCES, as it would for a user without permission.

    Root reads any file, so as root the open is refused by a patched ``os.open``.
    """

    def deny(locked: Path) -> None:
        if os.geteuid() != 0:
            locked.chmod(0)
            return
        real_open = os.open

        def refusing_open(path, *args, **kwargs):
            if os.fspath(path) == str(locked):
                raise PermissionError(errno.EACCES, "Permission denied", str(path))
            return real_open(path, *args, **kwargs)

        monkeypatch.setattr(os, "open", refusing_open)

    return deny


def have(cmd: str) -> bool:
    return shutil.which(cmd) is not None


#: A small invented corpus with a curation file (tests/test_curation_build.py).
CURATED_TEXTS = {
    "a.txt": "甲市大力发展集成电路产业，建设甲市智算中心。\n乙市与甲市合作共建西部科学城。\n",
    "b.txt": (
        "成都市大力发展集成电路产业，建设成都智算中心，重庆市发展汽车产业。\n"
        "2023年，成都集成电路产值达到1200亿元，重庆汽车产量达到200万辆。\n"
    ),
}
CURATION = (
    "# an analyst's corrections\n"
    "rename\t甲市智算中心\t甲智算中心\tshort form\tli\n"
    "reject-relation\t成都智算中心\tlocatedIn\t成都\tnot stated\n"
    "add-relation\t重庆\tbuilds\t成都智算中心\tb.txt:建设成都智算中心\ttest\n"
    "reject-observation\t成都\t集成电路产值\t120000000000\n"
    "reject-entity\t汽车\n"
)


@pytest.fixture(scope="session")
def curated_corpus(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("curated") / "corpus"
    folder.mkdir()
    for name, text in CURATED_TEXTS.items():
        (folder / name).write_text(text, encoding="utf-8")
    (folder / "curation.tsv").write_text(CURATION, encoding="utf-8")
    return folder


@pytest.fixture(scope="session")
def curated_build(curated_corpus) -> Path:
    out = curated_corpus.parent / "out"
    proc = run_kg("build", str(curated_corpus), "-o", str(out))
    assert proc.returncode == 0, proc.stderr
    assert "curation      5 lines applied" in proc.stderr
    return out


# --------------------------------------------------------------------------- the map in Chromium

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@dataclass
class PageLog:
    """What a page did while it was open."""

    errors: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)


@pytest.fixture(scope="module")
def browser():
    if not CHROMIUM.exists():
        pytest.fail(
            f"{CHROMIUM} not found: run `make test`, which installs chromium and fonts-wqy-zenhei with apt"
        )
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.fail("playwright is not installed: run `make test`, which installs the test extras")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def open_map(browser):
    """Open a map file in a fresh context; returns ``(page, log)`` once the page says it is ready.

    Predicates are written as functions: the page's CSP forbids eval, which Playwright
    uses to poll a bare expression.
    """
    contexts = []

    def _open(path: Path):
        context = browser.new_context(viewport={"width": 1400, "height": 900}, locale="zh-CN")
        contexts.append(context)
        page = context.new_page()
        log = PageLog()
        page.on(
            "console",
            lambda m: m.type in ("error", "warning") and log.errors.append(f"{m.type}: {m.text}"),
        )
        page.on("pageerror", lambda e: log.errors.append(f"pageerror: {e}"))
        page.on("request", lambda r: log.requests.append(r.url))
        page.on("dialog", lambda d: (log.dialogs.append(d.message), d.dismiss()))
        page.goto(path.resolve().as_uri())
        page.wait_for_function(
            "() => window.kgMap && (window.kgMap.ready || window.kgMap.error)", timeout=60_000
        )
        assert page.evaluate("kgMap.error") is None
        return page, log

    yield _open
    for context in contexts:
        context.close()
