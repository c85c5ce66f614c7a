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
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

import networkx as nx

from .errors import GraphFileError, QueryError
from .types import ENTITY_TYPES, DocumentInfo, Mention, Observation, entity_key
from .vocab import KG_NS, KGR_NS

if TYPE_CHECKING:  # pragma: no cover
    import pyoxigraph
    from rdflib import Graph

log = logging.getLogger(__name__)

_XSD = "http://www.w3.org/2001/XMLSchema#"
_INTEGER_TYPES = {
    _XSD + t
    for t in (
        "integer",
        "int",
        "long",
        "short",
        "byte",
        "nonNegativeInteger",
        "positiveInteger",
        "nonPositiveInteger",
        "negativeInteger",
        "unsignedLong",
        "unsignedInt",
        "unsignedShort",
        "unsignedByte",
    )
}
_FLOAT_TYPES = {_XSD + t for t in ("decimal", "double", "float")}


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
        """Counts, central entities, components and communities (see :func:`kg.stats.compute_stats`)."""
        from .stats import compute_stats

        return compute_stats(self._graph, top=top)

    # -- SPARQL --------------------------------------------------------------

    def _oxigraph(self) -> pyoxigraph.Store:
        """The in-memory store behind :meth:`query`, loaded once from the graph."""
        if self._store is None:
            from .store import load_graph

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

        from .query import with_prefixes

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
            rows = [[_python_value(s[c]) for c in columns] for s in res]
        else:
            columns = ["subject", "predicate", "object"]
            rows = [
                [_python_value(t.subject), _python_value(t.predicate), _python_value(t.object)]
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

        paths = write_outputs(self._graph, out_dir)
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
    from .pipeline import build_corpus

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
        import pyoxigraph as ox

        store = ox.Store()
        with open(ttl, "rb") as fh:
            store.bulk_load(fh, ox.RdfFormat.TURTLE)
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


def graph_from_store(store: pyoxigraph.Store) -> nx.MultiDiGraph:
    """Rebuild the graph stage's ``MultiDiGraph`` from its RDF (the inverse of :func:`kg.rdf.to_rdf`)."""
    from .query import with_prefixes

    def rows(sparql: str):
        for s in store.query(with_prefixes(sparql)):
            yield [None if t is None else t.value for t in s]

    doc_prefix = KGR_NS + "doc/"
    documents = {}
    for d, file_name, sha, length, title in rows(
        "SELECT ?d ?f ?s ?n ?t WHERE { ?d a kg:Document ; kg:fileName ?f ; kg:sha256 ?s ; kg:charCount ?n "
        "OPTIONAL { ?d dcterms:title ?t } }"
    ):
        doc_id = d.removeprefix(doc_prefix)
        documents[doc_id] = DocumentInfo(doc_id, file_name, sha, title, int(length))

    mentions = {
        m: Mention(d.removeprefix(doc_prefix), int(s), int(e), text, sentence)
        for m, d, s, e, text, sentence in rows(
            "SELECT ?m ?d ?s ?e ?x ?t WHERE { ?m a kg:Mention ; kg:document ?d ; kg:startOffset ?s ; "
            "kg:endOffset ?e ; kg:surfaceForm ?x ; kg:sentence ?t }"
        )
    }

    main_types = {KG_NS + t: t for t in ENTITY_TYPES}
    keys: dict[str, str] = {}
    nodes: dict[str, dict] = {}
    for e, type_iri, name in rows(
        "SELECT ?e ?c ?name WHERE { ?e a ?c ; rdfs:label ?name . VALUES ?c { "
        + " ".join(f"kg:{t}" for t in ENTITY_TYPES)
        + " } }"
    ):
        type_ = main_types[type_iri]
        keys[e] = entity_key(type_, name)
        nodes[keys[e]] = {
            "type": type_,
            "name": name,
            "subclass": None,
            "aliases": [],
            "mentions": [],
            "mention_count": 0,
            "documents": [],
        }
    skip = set(main_types) | {
        KG_NS + c for c in ("Document", "Mention", "RelationAssertion", "Observation")
    }
    for e, c in rows("SELECT ?e ?c WHERE { ?e a ?c ; rdfs:label ?name }"):
        if e in keys and c not in skip and c.startswith(KG_NS):
            nodes[keys[e]]["subclass"] = c.removeprefix(KG_NS)
    for e, alias in rows("SELECT ?e ?a WHERE { ?e skos:altLabel ?a }"):
        if e in keys:
            nodes[keys[e]]["aliases"].append(alias)
    for e, m in rows("SELECT ?e ?m WHERE { ?e kg:hasMention ?m }"):
        if e in keys and m in mentions:
            nodes[keys[e]]["mentions"].append(mentions[m])
    for e, d in rows("SELECT ?e ?d WHERE { ?e kg:mentionedIn ?d }"):
        if e in keys:
            nodes[keys[e]]["documents"].append(d.removeprefix(doc_prefix))
    for e, n in rows("SELECT ?e ?n WHERE { ?e kg:mentionCount ?n }"):
        if e in keys:
            nodes[keys[e]]["mention_count"] = int(n)

    G = nx.MultiDiGraph()
    G.graph["documents"] = dict(sorted(documents.items(), key=lambda kv: (kv[1].file_name, kv[0])))
    for key in sorted(nodes):
        d = nodes[key]
        d["aliases"] = sorted(d["aliases"])
        d["mentions"] = sorted(d["mentions"], key=lambda m: (m.doc_id, m.start, m.end))
        d["documents"] = sorted(d["documents"])
        G.add_node(key, **d)

    edges: dict[tuple[str, str, str], list[Mention]] = {}
    for a, h, p, t in rows(
        "SELECT ?a ?h ?p ?t WHERE { ?a a kg:RelationAssertion ; kg:assertedSubject ?h ; "
        "kg:assertedPredicate ?p ; kg:assertedObject ?t }"
    ):
        if h in keys and t in keys:
            edges.setdefault(a, (keys[h], p.removeprefix(KG_NS), keys[t], []))
    for a, m in rows("SELECT ?a ?m WHERE { ?a a kg:RelationAssertion ; kg:evidence ?m }"):
        if a in edges and m in mentions:
            edges[a][3].append(mentions[m])
    for h, rel, t, evidence in sorted(edges.values(), key=lambda e: (e[0], e[1], e[2])):
        G.add_edge(
            h,
            t,
            key=rel,
            rel=rel,
            evidence=sorted(evidence, key=lambda m: (m.doc_id, m.start, m.end)),
        )

    observations = []
    for s, indicator, value, unit, year, m in rows(
        "SELECT ?s ?i ?v ?u ?y ?m WHERE { ?o a kg:Observation ; kg:subject ?s ; kg:indicator ?i ; kg:value ?v ; "
        "kg:unit ?u ; kg:evidence ?m OPTIONAL { ?o kg:year ?y } }"
    ):
        if s in keys and m in mentions:
            observations.append(
                Observation(
                    keys[s],
                    indicator,
                    Decimal(value),
                    unit,
                    int(year) if year else None,
                    mentions[m],
                )
            )
    G.graph["observations"] = sorted(
        set(observations), key=lambda o: (o.evidence.doc_id, o.evidence.start, o.subject, o.value)
    )
    return G


def _graph_from_json(path: Path) -> nx.MultiDiGraph:
    """The flat graph of ``graph.json``, with its ``|``-joined lists split again."""
    from .stats import read_graph

    G = read_graph(path)
    for _, _, d in G.edges(data=True):
        d["evidence_text"] = d.pop("evidence", "")
        d["evidence"] = []
    for _, d in G.nodes(data=True):
        d.setdefault("mentions", [])
    return G


# -- helpers ---------------------------------------------------------------------


def _python_value(term: Any) -> Any:
    """A pyoxigraph term as a plain Python value (see :meth:`KnowledgeGraph.query`)."""
    import pyoxigraph as ox

    if term is None:
        return None
    if isinstance(term, ox.Literal):
        datatype = term.datatype.value
        try:
            if datatype in _INTEGER_TYPES:
                return int(term.value)
            if datatype in _FLOAT_TYPES:
                return float(term.value)
        except ValueError:
            return term.value
        if datatype == _XSD + "boolean":
            return term.value in ("true", "1")
        return term.value
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    return term.value


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


__all__ = ["KnowledgeGraph", "build", "graph_from_store", "load"]
