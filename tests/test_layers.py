"""The package's layers: every import of kg/ goes down the data's path, never back up.

Read from the source (imports inside functions count too): corpus → extract
→ graph → rdf → validate → export, with the build machinery, SPARQL and the
analyses above them and the API and CLI on top. A module may import its own
layer's modules and the layers below.
"""

from __future__ import annotations

import ast
from pathlib import Path

KG = Path(__file__).resolve().parent.parent / "kg"

#: Bottom to top; one entry per layer.
LAYERS = [
    ("kg.errors",),
    ("kg.types", "kg.vocab", "kg.resources", "kg.signatures", "kg.atomic"),
    ("kg.corpus",),
    ("kg.extract",),
    ("kg.curation",),
    ("kg.graph",),
    ("kg.link",),
    ("kg.rdf",),
    ("kg.validate",),
    ("kg.export",),
    ("kg.pipeline",),
    ("kg.sparql",),
    ("kg.analysis",),
    ("kg.api",),
    ("kg.cli", "kg.__main__"),
]


def _module(path: Path) -> str:
    parts = list(path.relative_to(KG.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(path: Path, module: str) -> set[str]:
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            names = [target] if node.module else []
            found.update(names + [f"{target}.{a.name}" for a in node.names])
        elif isinstance(node, ast.Import):
            found.update(a.name for a in node.names)
    return found


def _layer(module: str) -> int | None:
    best, length = None, -1
    for i, layer in enumerate(LAYERS):
        for top in layer:
            if (module == top or module.startswith(top + ".")) and len(top) > length:
                best, length = i, len(top)
    return best


def test_layers_every_module_has_a_layer():
    modules = [_module(p) for p in KG.rglob("*.py")]
    assert [m for m in modules if m != "kg" and _layer(m) is None] == []


def test_layers_imports_only_go_down():
    modules = {_module(p): p for p in KG.rglob("*.py")}
    upward = []
    for module, path in sorted(modules.items()):
        if module == "kg":
            continue  # the package's own __init__ gathers the public API from every layer
        for target in sorted(_imports(path, module)):
            if target in modules and target != "kg" and _layer(target) > _layer(module):
                upward.append(f"{module} imports {target}")
    assert upward == []
