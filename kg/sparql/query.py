"""SPARQL over a built graph (what ``kg query`` runs), and the named questions in ``queries/``."""

from __future__ import annotations

import csv
import io
import json
import os
import re
from dataclasses import dataclass
from pathlib import Path

from ..errors import QueryError
from ..resources import query_files
from ..vocab import PREFIXES, sparql_prologue
from .formats import W3C_RESULT_FORMATS, NotAcceptable, serialize_answer


def queries_dir() -> Path:
    """The folder of named queries (``queries/*.rq``); the one place that knows where it is."""
    return query_files()[0].parent


@dataclass(frozen=True)
class QueryResult:
    """Rows of a SELECT (``columns`` and ``rows`` of plain strings), or an ASK boolean."""

    columns: tuple[str, ...]
    rows: tuple[tuple[str | None, ...], ...]
    boolean: bool | None = None

    def to_table(self) -> str:
        """A plain-text table (what ``kg query`` prints by default)."""
        if self.boolean is not None:
            return "true" if self.boolean else "false"
        from ..export.tables import text_table

        return "\n".join(text_table(list(self.columns), [list(row) for row in self.rows]))

    def to_csv(self) -> str:
        buf = io.StringIO()
        w = csv.writer(buf, lineterminator="\n")
        if self.boolean is not None:
            w.writerow(["boolean"])
            w.writerow(["true" if self.boolean else "false"])
        else:
            w.writerow(self.columns)
            w.writerows(["" if v is None else v for v in row] for row in self.rows)
        return buf.getvalue()

    def to_json(self) -> str:
        if self.boolean is not None:
            return json.dumps({"boolean": self.boolean})
        return json.dumps(
            [dict(zip(self.columns, row, strict=False)) for row in self.rows],
            ensure_ascii=False,
            indent=1,
        )


def with_prefixes(sparql: str) -> str:
    """Put the usual prefixes before a query that does not declare them itself."""
    declared = {m.lower() for m in re.findall(r"PREFIX\s+(\w*):", sparql, flags=re.I)}
    lines = [
        line
        for line in sparql_prologue().splitlines()
        if line.split()[1][:-1].lower() not in declared
    ]
    return "\n".join(lines) + "\n" + sparql


def query_names() -> list[str]:
    """The names of the named queries, sorted (``kg query --name NAME``)."""
    return sorted(p.stem for p in queries_dir().glob("*.rq"))


def named_query(name: str) -> str:
    """The text of ``queries/NAME.rq``.

    Raises:
        QueryError: no such named query (the message lists the names).
    """
    path = queries_dir() / f"{name}.rq"
    if not path.exists():
        names = ", ".join(query_names()) or "none"
        raise QueryError(f"no named query {name!r}; known names: {names}")
    return path.read_text(encoding="utf-8")


def query_title(name: str) -> str:
    """The ``# title:`` line of a named query ("" when it has none)."""
    for line in named_query(name).splitlines():
        if line.startswith("# title:"):
            return line[8:].strip()
    return ""


def run_query(graph: str | os.PathLike, sparql: str) -> QueryResult:
    """Answer ``sparql`` over a built graph: a build folder (its ``store/``), or a Turtle file.

    The prefixes of :data:`kg.vocab.PREFIXES` are predeclared.

    Raises:
        GraphFileError: no graph at ``graph``.
        QueryError: the query does not parse or cannot be evaluated.
    """
    from ..rdf.store import open_store

    return query_store(open_store(graph), sparql)


def query_store(store, sparql: str) -> QueryResult:
    """Answer ``sparql`` over an open pyoxigraph ``Store`` (prefixes predeclared).

    >>> import pyoxigraph as ox
    >>> from kg.vocab import KGR_NS
    >>> s = ox.Store()
    >>> label = ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label")
    >>> s.add(ox.Quad(ox.NamedNode(KGR_NS + "place/chengdu"), label, ox.Literal("成都", language="zh")))
    >>> query_store(s, "SELECT ?name WHERE { ?place rdfs:label ?name }").rows
    (('成都',),)

    Raises:
        QueryError: the query does not parse or cannot be evaluated.
    """
    import pyoxigraph as ox

    try:
        res = store.query(sparql, prefixes=PREFIXES)
        if isinstance(res, ox.QueryBoolean):
            return QueryResult((), (), bool(res))
        if isinstance(res, ox.QuerySolutions):
            cols = tuple(v.value for v in res.variables)
            rows = tuple(tuple(None if s[c] is None else s[c].value for c in cols) for s in res)
            return QueryResult(cols, rows)
        # CONSTRUCT / DESCRIBE: triples as rows
        rows = tuple((t.subject.value, t.predicate.value, t.object.value) for t in res)
        return QueryResult(("subject", "predicate", "object"), rows)
    except SyntaxError as exc:
        raise QueryError(f"SPARQL syntax error: {exc}") from None
    except (ValueError, OSError) as exc:
        raise QueryError(f"query failed: {exc}") from None


def serialize_query(graph: str | os.PathLike, sparql: str, fmt: str) -> bytes:
    """Answer ``sparql`` over a built graph in a W3C result format: ``srj``, ``srx`` or ``tsv``.

    The prefixes of :data:`kg.vocab.PREFIXES` are predeclared.

    Raises:
        GraphFileError: no graph at ``graph``.
        QueryError: the query does not parse, cannot be evaluated, or is a
            CONSTRUCT/DESCRIBE (whose answer is a graph, not results).
    """
    from ..rdf.store import open_store

    store = open_store(graph)
    try:
        answer = store.query(sparql, prefixes=PREFIXES)
        return serialize_answer(answer, W3C_RESULT_FORMATS[fmt], None)[1]
    except NotAcceptable:
        raise QueryError(
            f"--format {fmt} is for SELECT and ASK results; a CONSTRUCT or DESCRIBE answer is a graph: "
            "use --format table, csv or json"
        ) from None
    except SyntaxError as exc:
        raise QueryError(f"SPARQL syntax error: {exc}") from None
    except (ValueError, OSError) as exc:
        raise QueryError(f"query failed: {exc}") from None
