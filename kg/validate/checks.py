"""A compiled check: one SPARQL SELECT whose rows are the results of one shape."""

from __future__ import annotations

from dataclasses import dataclass

import rdflib
from rdflib import Literal, URIRef
from rdflib.namespace import SH, XSD

from ..rdf.terms import literal


@dataclass(frozen=True)
class ShapeQuery:
    """One compiled check: a SELECT whose rows are results of one shape.

    Rows bind ``?this`` and, where the constraint has them, ``?value`` and
    ``?path``; other variables feed the message. With one constraint, every
    row is a result of it. With several value constraints, flag ``?_f{i}``
    says that the row fails ``constraints[i]``; with ``counts``, the row's
    ``?_n`` fails ``constraints[i]`` when it compares to ``counts[i]`` as
    given (``("<", 1)``: fewer than one value).
    """

    shape: str
    constraints: tuple[str, ...]
    severity: str
    path: str
    messages: tuple[str, ...]
    sparql: str
    counts: tuple[tuple[str, int], ...] = ()
    defaults: tuple[str, ...] = ()  # per constraint: the message when the shape gives none
    focus: str = (
        ""  # for a SPARQL constraint: the query of its focus nodes, run first (see validate_store)
    )
    head: str = (
        ""  # the query is head + " { " + where + " }" + tail: restricted() puts VALUES before where
    )
    where: str = ""
    tail: str = ""

    def restricted(self, values: str) -> str:
        """The query (or for a SPARQL constraint, its focus query) for the nodes of a ``VALUES ?this { … }`` only.

        LATERAL makes Oxigraph evaluate the check once per given node, with
        ``?this`` bound; a plain join with a large VALUES is planned as a scan
        of every node of the target class.
        """
        return f"{self.head} {{ {values} LATERAL {{ {self.where} }} }}{self.tail}"

    def failed(self, row, variables: list[str]) -> list[str]:
        """The constraint components a result row fails."""
        if self.counts:
            n = int(row["_n"].value)
            return [
                c
                for c, (op, bound) in zip(self.constraints, self.counts, strict=False)
                if (n < bound if op == "<" else n > bound)
            ]
        if len(self.constraints) > 1 or "_f0" in variables:
            return [
                c
                for i, c in enumerate(self.constraints)
                if row[f"_f{i}"] is not None and row[f"_f{i}"].value == "true"
            ]
        return list(self.constraints)


def sparql_term(node: rdflib.term.Node) -> str:
    """A term in SPARQL syntax."""
    if isinstance(node, URIRef):
        return f"<{node}>"
    if isinstance(node, Literal):  # N-Triples syntax, which SPARQL reads
        datatype = (
            node.datatype if node.datatype is not None and node.datatype != XSD.string else None
        )
        return literal(str(node), lang=node.language, datatype=datatype)
    raise ValueError(f"cannot write {node!r} in a query")


@dataclass(frozen=True)
class ShapeContext:
    """What every query compiled from one shape shares."""

    node: rdflib.term.Node
    focus: str  # a subquery binding ?this to the focus nodes
    path: URIRef | None
    severity: URIRef
    messages: tuple[str, ...]
    defaults: dict[str, str]  # component -> message when the shape gives none
    prologue: str

    def query(
        self,
        constraints: tuple[str, ...],
        body: str,
        select: str = "?this ?value",
        tail: str = "",
        counts: tuple[tuple[str, int], ...] = (),
    ) -> ShapeQuery:
        head, where = f"{self.prologue}SELECT DISTINCT {select} WHERE", f"{self.focus} {body}"
        return ShapeQuery(
            str(self.node) if isinstance(self.node, URIRef) else "",
            constraints,
            str(self.severity)[len(str(SH)) :],
            str(self.path) if self.path else "",
            self.messages,
            f"{head} {{ {where} }}{tail}",
            counts,
            tuple(self.defaults.get(c, f"{c} failed") for c in constraints),
            head=head,
            where=where,
            tail=tail,
        )
