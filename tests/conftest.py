"""Shared fixtures: the seed graph is built once per test session."""

from __future__ import annotations

import errno
import os
import shutil
import subprocess
import sys
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
