"""The notebook-friendly entry point: one object for a built graph.

``build`` reads a corpus, ``load`` opens a saved build; both return a
:class:`KnowledgeGraph`, which answers SPARQL, hands out its NetworkX and
rdflib views, writes the output files and shows the HTML map::

    import kg
    g = kg.build(["seeds/"])
    g.query("SELECT ?name WHERE { ?p a kg:Place ; rdfs:label ?name }")
    g.save("out/")
    g = kg.load("out/")
"""

from __future__ import annotations

import html
import logging
import os
import tempfile
from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import networkx as nx

from .errors import GraphFileError, QueryError

if TYPE_CHECKING:  # pragma: no cover
    import pyoxigraph
    from rdflib import Graph

log = logging.getLogger(__name__)


class KnowledgeGraph:
    """A built graph: SPARQL, the NetworkX and RDF views, output files, the HTML map.

    Make one with :func:`build` (from texts) or :func:`load` (from a build
    folder) rather than by hand.

    Attributes:
        problems: files the build skipped, one message each (empty for a loaded graph).
        violations: SHACL violations found by the build, or ``None`` when it did not validate.
        source: the folder the graph was loaded from or last saved to, if any.
    """

    def __init__(
        self,
        graph: nx.MultiDiGraph,
        rdf: Graph | None = None,
        *,
        source: Path | None = None,
        store: pyoxigraph.Store | None = None,
        problems: list[str] | None = None,
        violations: int | None = None,
    ) -> None:
        self._graph = graph
        self._rdf = rdf
        self._store = store
        self.source = source
        self.problems = list(problems or [])
        self.violations = violations

    def __repr__(self) -> str:
        s = self.summary()
        return (
            f"<KnowledgeGraph: {sum(s['entities'].values())} entities, "
            f"{sum(s['relations'].values())} relations, {s['documents']} documents>"
        )

    def summary(self) -> dict:
        """Counts of documents, entities by type and relations by name.

        Example:
            >>> g = KnowledgeGraph(nx.MultiDiGraph())
            >>> g.summary()
            {'documents': 0, 'entities': {}, 'relations': {}, 'observations': 0}
        """
        G = self._graph
        types: dict[str, int] = defaultdict(int)
        for _, d in G.nodes(data=True):
            types[d["type"]] += 1
        rels: dict[str, int] = defaultdict(int)
        for _, _, k in G.edges(keys=True):
            rels[k] += 1
        docs = G.graph.get("documents") or {
            doc for _, d in G.nodes(data=True) for doc in d.get("documents", [])
        }
        return {
            "documents": len(docs),
            "entities": dict(sorted(types.items())),
            "relations": dict(sorted(rels.items())),
            "observations": len(G.graph.get("observations", [])),
        }

    # -- views ---------------------------------------------------------------

    def networkx(self) -> nx.MultiDiGraph:
        """The graph as a NetworkX ``MultiDiGraph`` (the live object: copy it before changing it).

        Nodes are keyed ``"Type:name"`` with attributes ``type``, ``name``,
        ``subclass``, ``aliases``, ``mentions``, ``mention_count`` and
        ``documents``; edges are keyed by relation name.

        Example (on a built graph ``g``, not run as a doctest)::
            G = g.networkx()
            G.nodes["Place:成都"]["mention_count"]
            57
        """
        return self._graph

    def rdf(self) -> Graph:
        """The graph as an rdflib ``Graph`` in the kg: vocabulary, with provenance.

        Made on first use (for a loaded graph, parsed from its ``graph.ttl``).

        Example (on a built graph ``g``, not run as a doctest)::
            len(g.rdf())
            22467
        """
        if self._rdf is None:
            ttl = self.source / "graph.ttl" if self.source is not None else None
            if ttl is not None and ttl.exists():
                from rdflib import Graph

                self._rdf = Graph()
                self._rdf.parse(ttl, format="turtle")
            else:
                from .rdf import to_rdf

                self._rdf = to_rdf(self._graph)
        return self._rdf

    def stats(self, top: int = 5) -> dict:
        """Counts, central entities, components and communities (see :func:`kg.analysis.stats.compute_stats`)."""
        from .analysis.stats import compute_stats

        return compute_stats(self._graph, top=top)

    # -- SPARQL --------------------------------------------------------------

    def _oxigraph(self) -> pyoxigraph.Store:
        """The in-memory store behind :meth:`query`, loaded once from the graph."""
        if self._store is None:
            from .rdf.store import load_graph

            self._store = load_graph(self._graph)
        return self._store

    def query(self, sparql: str, *, as_frame: bool | None = None) -> Any:
        """Answer a SPARQL query; ``kg:``, ``kgr:``, ``rdfs:``, ``skos:`` … are predeclared.

        Args:
            sparql: a SELECT, ASK, CONSTRUCT or DESCRIBE query.
            as_frame: ``True`` for a pandas DataFrame, ``False`` for a list of
                dicts; by default a DataFrame when pandas is installed.

        Returns:
            SELECT: one row per solution, one column per variable. IRIs and
            plain literals are strings, ``xsd:integer`` values ints,
            ``xsd:decimal``/``double`` values floats, unbound cells ``None``.
            CONSTRUCT/DESCRIBE: rows of ``subject``, ``predicate``, ``object``.
            ASK: a bool.

        Raises:
            QueryError: the query does not parse or cannot be evaluated.

        Example (on a built graph ``g``, not run as a doctest)::
            g.query("SELECT (COUNT(*) AS ?n) WHERE { ?d a kg:Document }", as_frame=False)
            [{'n': 5}]
        """
        import pyoxigraph as ox

        from .rdf.terms import python_value
        from .sparql.query import with_prefixes

        try:
            res = self._oxigraph().query(with_prefixes(sparql))
        except SyntaxError as exc:
            raise QueryError(f"SPARQL syntax error: {exc}") from None
        except (ValueError, OSError) as exc:
            raise QueryError(f"query failed: {exc}") from None
        if isinstance(res, ox.QueryBoolean):
            return bool(res)
        if isinstance(res, ox.QuerySolutions):
            columns = [v.value for v in res.variables]
            rows = [[python_value(s[c]) for c in columns] for s in res]
        else:
            columns = ["subject", "predicate", "object"]
            rows = [
                [python_value(t.subject), python_value(t.predicate), python_value(t.object)]
                for t in res
            ]
        return _table(columns, rows, as_frame)

    # -- files ---------------------------------------------------------------

    def save(self, out_dir: str | os.PathLike) -> list[Path]:
        """Write every output file of a build (Turtle, HTML, GraphML, JSON, CSV) into ``out_dir``.

        Returns:
            The paths written.

        Example (on a built graph ``g``, not run as a doctest)::
            g.save("out/")
            [PosixPath('out/graph.ttl'), PosixPath('out/graph.html'), ...]
        """
        from .export import write_outputs

        paths = write_outputs(self._graph, Path(out_dir))
        self.source = Path(out_dir)
        return paths

    def html_path(self) -> Path:
        """The HTML map: ``graph.html`` of the saved build, or a new file in a temporary folder."""
        if self.source is not None and (self.source / "graph.html").exists():
            return self.source / "graph.html"
        from .export.html import export_html

        path = Path(tempfile.mkdtemp(prefix="kg-map-")) / "graph.html"
        export_html(self._graph, path)
        return path

    def show(self, height: int = 750) -> Path | None:
        """Show the interactive HTML map.

        In Jupyter the map is displayed inline (an iframe holding the page)
        and ``None`` is returned; elsewhere nothing is displayed and the path
        of the HTML file is returned, to open in a browser.

        Example (on a built graph ``g``, not run as a doctest)::
            g.show()
            PosixPath('/tmp/kg-map-1a2b3c/graph.html')
        """
        path = self.html_path()
        if not _in_jupyter():
            return path
        from IPython.display import HTML, display

        page = path.read_text(encoding="utf-8")
        display(
            HTML(
                f'<div class="kg-map"><iframe srcdoc="{html.escape(page, quote=True)}" '
                f'style="width:100%;height:{int(height)}px;border:0" sandbox="allow-scripts"></iframe></div>'
            )
        )
        return None


def build(
    inputs: str | os.PathLike | Iterable[str | os.PathLike],
    *,
    strict: bool = False,
    validate: bool = False,
    progress: bool = False,
) -> KnowledgeGraph:
    """Build the graph of the text files in ``inputs`` (files or folders), in memory.

    Args:
        inputs: a path or a list of paths; folders are read for ``.txt`` files.
        strict: stop at the first unreadable or empty file instead of skipping it
            (skipped files are logged as warnings and listed in ``problems``).
        validate: check the graph against the SHACL shapes (a few seconds);
            the count lands in ``violations``.
        progress: show a progress bar on stderr.

    Raises:
        InputError: no input exists, or no document could be read.

    Example (on a built graph ``g``, not run as a doctest)::
        import kg
        g = kg.build(["seeds/"])
        g
        <KnowledgeGraph: 864 entities, 217 relations, 5 documents>
    """
    from .pipeline.build import build_corpus

    if isinstance(inputs, (str, os.PathLike)):
        inputs = [inputs]
    result = build_corpus(list(inputs), strict=strict, progress=progress, validate=validate)
    return KnowledgeGraph(
        result.graph, store=result.store, problems=result.problems, violations=result.violations
    )


def load(path: str | os.PathLike) -> KnowledgeGraph:
    """Open a saved build: a folder written by ``kg build``/``save``, or its ``graph.ttl`` or ``graph.json``.

    From ``graph.ttl`` everything comes back, mentions and evidence
    included; from ``graph.json`` alone (no Turtle beside it) the graph
    keeps only what that file holds: no mentions, and evidence as text.

    Raises:
        GraphFileError: there is no graph at ``path``.

    Example (on a built graph ``g``, not run as a doctest)::
        g = kg.load("out/")
        g.query("ASK { ?p rdfs:label '成都'@zh }")
        True
    """
    p = Path(path)
    folder = p if p.is_dir() else p.parent
    ttl = p if p.suffix == ".ttl" else folder / "graph.ttl"
    js = p if p.suffix == ".json" else folder / "graph.json"
    if p.suffix != ".json" and ttl.exists():
        from .rdf.reader import graph_from_store
        from .rdf.store import open_store

        store = open_store(ttl)  # in memory, so the graph can be changed and saved elsewhere
        G = graph_from_store(store)
        return KnowledgeGraph(G, source=folder if ttl.name == "graph.ttl" else None, store=store)
    if js.exists():
        log.warning("%s: no graph.ttl beside it; loading without mentions or provenance", js)
        return KnowledgeGraph(
            _graph_from_json(js), source=folder if js.name == "graph.json" else None
        )
    raise GraphFileError(
        f"{path}: no graph.ttl or graph.json here; run `kg build -o {path}` first or pass a build folder"
    )


# -- reading a saved build -------------------------------------------------------


def _graph_from_json(path: Path) -> nx.MultiDiGraph:
    """The flat graph of ``graph.json``, with its ``|``-joined lists split again."""
    from .analysis.stats import read_tables

    G = read_tables(path)
    for _, _, d in G.edges(data=True):
        d["evidence_text"] = d.pop("evidence", "")
        d["evidence"] = []
    for _, d in G.nodes(data=True):
        d.setdefault("mentions", [])
    return G


# -- helpers ---------------------------------------------------------------------


def _table(columns: list[str], rows: list[list], as_frame: bool | None) -> Any:
    """Rows as a pandas DataFrame (when wanted and possible) or a list of dicts.

    >>> _table(["a", "b"], [[1, "x"]], as_frame=False)
    [{'a': 1, 'b': 'x'}]
    """
    if as_frame is not False:
        try:
            import pandas as pd
        except ImportError:
            if as_frame:
                raise
        else:
            return pd.DataFrame(rows, columns=columns)
    return [dict(zip(columns, row, strict=False)) for row in rows]


def _in_jupyter() -> bool:
    """True inside a Jupyter kernel (where HTML can be displayed inline)."""
    try:
        from IPython import get_ipython
    except ImportError:
        return False
    shell = get_ipython()
    if shell is None:
        return False
    try:
        from ipykernel.zmqshell import ZMQInteractiveShell
    except ImportError:
        return False
    return isinstance(shell, ZMQInteractiveShell)


__all__ = ["KnowledgeGraph", "build", "load"]
