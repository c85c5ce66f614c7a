"""Size as a signal: no module of kg/ over 400 lines, no function over 60 without a reason.

A function is counted from its ``def`` line to its last line (docstring and
comments included, decorators not); methods and nested functions count on
their own. A longer function passes only if its docstring gives the reason in
a line of the form ``Longer than …: <reason>`` (optionally in brackets), e.g.
``(Longer than most functions here: it is the one place where the stages are
put in order.)``.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

KG = Path(__file__).resolve().parent.parent / "kg"
MAX_MODULE_LINES = 400
MAX_FUNCTION_LINES = 60

#: A docstring line that says why a function is long: "Longer than …:" and then the reason.
REASON = re.compile(r"^\(?Longer than [^:]*:\s*\S")

#: Known offenders still to be split, as "path::function" (none left).
_PENDING: set[str] = set()


def _has_reason(node: ast.FunctionDef | ast.AsyncFunctionDef) -> bool:
    doc = ast.get_docstring(node) or ""
    return any(REASON.match(line.strip()) for line in doc.splitlines())


def _long_functions(source: str) -> list[tuple[str, int]]:
    """``(name, lines)`` of each function over the limit whose docstring gives no reason."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            lines = (node.end_lineno or node.lineno) - node.lineno + 1
            if lines > MAX_FUNCTION_LINES and not _has_reason(node):
                found.append((node.name, lines))
    return found


def _offenders() -> dict[str, int]:
    out = {}
    for path in sorted(KG.rglob("*.py")):
        rel = path.relative_to(KG.parent).as_posix()
        for name, lines in _long_functions(path.read_text(encoding="utf-8")):
            out[f"{rel}::{name}"] = lines
    return out


def test_sizes_no_module_over_400_lines():
    long_modules = {
        path.relative_to(KG.parent).as_posix(): n
        for path in sorted(KG.rglob("*.py"))
        if (n := len(path.read_text(encoding="utf-8").splitlines())) > MAX_MODULE_LINES
    }
    assert long_modules == {}


def test_sizes_no_function_over_60_lines_without_a_reason():
    offenders = _offenders()
    assert {k: n for k, n in offenders.items() if k not in _PENDING} == {}


def test_sizes_pending_list_is_not_stale():
    # Once a pending function is split (or given a reason), its entry must go.
    assert sorted(_PENDING - set(_offenders())) == []


def test_sizes_long_function_with_a_reason_passes():
    body = "\n".join(f"    x{i} = {i}" for i in range(70))
    plain = f"def f():\n    '''Do it.'''\n{body}\n"
    reasoned = (
        "def f():\n    '''Do it.\n\n    (Longer than most functions here: one table of steps.)\n"
        f"    '''\n{body}\n"
    )
    assert _long_functions(plain) == [("f", 72)]
    assert _long_functions(reasoned) == []


def test_sizes_reason_needs_words_after_the_colon():
    body = "\n".join(f"    x{i} = {i}" for i in range(70))
    empty = f"def f():\n    '''Do it.\n\n    Longer than usual:\n    '''\n{body}\n"
    assert [name for name, _ in _long_functions(empty)] == ["f"]


def test_sizes_nested_and_short_functions():
    inner = "\n".join(f"        y{i} = {i}" for i in range(65))
    source = f"def outer():\n    def inner():\n{inner}\n    return inner\n"
    assert [name for name, _ in _long_functions(source)] == ["outer", "inner"]
    assert _long_functions("def g():\n    return 1\n") == []
