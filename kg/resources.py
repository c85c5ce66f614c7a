"""Files the package ships: the ontology, the SHACL shapes and the named queries.

They live at the top of the repository (``ontology/``, ``queries/``) and are
installed as the package data ``kg.ontology`` and ``kg.queries`` (see
``[tool.setuptools.package-dir]`` in ``pyproject.toml``), so an installed
``kg`` finds them from any folder. They are found through the import system;
where ``kg`` is imported straight from a source checkout (``python -m kg`` in
the repository), those packages do not exist and the checkout's folders serve.

Example:
    >>> shapes_path().name
    'shapes.ttl'
    >>> 'relation_counts' in [p.stem for p in query_files()]
    True
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

from .errors import PackageDataError


def _folder(package: str) -> Path:
    """The folder of data package ``kg.NAME``, or the checkout's ``NAME/`` beside ``kg/``."""
    # find_spec rather than importlib.resources.files: these are namespace packages
    # (data only, no __init__.py), for which files() gives a MultiplexedPath, not a folder.
    spec = importlib.util.find_spec(package)
    if spec is not None and spec.submodule_search_locations:
        return Path(next(iter(spec.submodule_search_locations)))
    return Path(__file__).resolve().parent.parent / package.rpartition(".")[2]


def _package_file(package: str, name: str) -> Path:
    path = _folder(package) / name
    if not path.is_file():
        raise PackageDataError(
            f"{path}: missing from the installed package ({package}); "
            "reinstall xinzhi-kg (`pip install --force-reinstall xinzhi-kg`)"
        )
    return path


def ontology_path() -> Path:
    """The OWL ontology, ``ontology/xinzhi.ttl``."""
    return _package_file("kg.ontology", "xinzhi.ttl")


def shapes_path() -> Path:
    """The SHACL shapes, ``ontology/shapes.ttl``."""
    return _package_file("kg.ontology", "shapes.ttl")


def query_files() -> list[Path]:
    """The named queries, ``queries/*.rq``, sorted by name."""
    folder = _folder("kg.queries")
    files = sorted(folder.glob("*.rq"))
    if not files:
        raise PackageDataError(
            f"{folder}: no named queries (*.rq) in the installed package; "
            "reinstall xinzhi-kg (`pip install --force-reinstall xinzhi-kg`)"
        )
    return files
