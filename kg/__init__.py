"""xinzhi-kg: Chinese policy writing on 新质生产力 and 新型工业化 → a traceable knowledge graph.

The stages, each usable on its own::

    from kg import read_corpus, extract, build_graph, to_rdf
    docs = list(read_corpus(["seeds/"]))
    G = build_graph(extract(d) for d in docs)
    g = to_rdf(G)

Or all at once, for notebooks (see :mod:`kg.api`)::

    import kg
    g = kg.build(["seeds/"])
    g.query("SELECT ?name WHERE { ?p a kg:Place ; rdfs:label ?name }")
"""

from __future__ import annotations

__version__ = "0.1.0"

from .analysis.evaluate import evaluate
from .api import KnowledgeGraph, build, load
from .corpus import read_corpus
from .errors import KgError
from .extract import extract
from .graph import build_graph
from .pipeline.build import build_corpus
from .rdf import to_rdf
from .sparql.query import run_query

__all__ = [
    "KgError",
    "KnowledgeGraph",
    "__version__",
    "build",
    "build_corpus",
    "build_graph",
    "evaluate",
    "extract",
    "load",
    "read_corpus",
    "run_query",
    "to_rdf",
]
