"""SHACL validation as SPARQL queries over an Oxigraph store.

pyshacl (:func:`kg.validate.reference.validate`) needs the whole graph in rdflib, about
1.5 KB per triple, and takes ~100 µs per triple; a build of a large corpus
can afford neither. This module compiles ``ontology/shapes.ttl`` into
SPARQL queries (one per shape for its value tests, one for its counts, one
per SPARQL constraint) and runs them, in threads, in the Oxigraph store the
build writes anyway: about 16 µs per triple on 2 cores, memory bounded by
the store.

``validate_store(store, focus=nodes, previous=results)`` checks only the
given focus nodes, each on its own (SPARQL ``LATERAL``), and keeps the
earlier results of the others: an incremental build passes the nodes whose
triples changed (:mod:`kg.rdf.writer`).

It implements the part of SHACL Core and SHACL-SPARQL that the shapes use
(listed in :data:`kg.validate.parameters.SUPPORTED`), with predicate paths only. A shapes file that
uses anything else is refused with :class:`~kg.errors.GraphFileError`
naming the shape and the parameter, never skipped in silence; such shapes
can still be checked with pyshacl (``kg validate --engine pyshacl``).
``tests/test_shape_queries.py`` and ``tests/test_shapes.py`` check that
both engines report the same results on the seed graph, on graphs broken in
every way the shapes describe, and on randomly damaged graphs. Where they
may differ: on ill-typed literals (``"abc"^^xsd:integer``) rdflib compares
values that SPARQL says cannot be compared, so a SPARQL constraint that
compares them can fire in pyshacl only (the datatype shapes flag such a
literal in both).

Semantics kept from SHACL: targets and ``sh:class`` see subclasses through
the ontology's ``rdfs:subClassOf`` (as pyshacl with the ontology mixed in);
a comparison that cannot be evaluated is a failure; SPARQL constraints
report ``?path`` and ``?value`` when they bind them and substitute
``{?var}`` in their messages.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from pathlib import Path

from .checks import ShapeQuery
from .compiler import compile_shapes
from .report import ShapeResult, ValidationReport


def _text(term) -> str:
    """A pyoxigraph term as the plain string :class:`ShapeResult` uses."""
    if term is None:
        return ""
    value = term.value
    return f"_:{value}" if type(term).__name__ == "BlankNode" else value


def _run_check(
    store, check: ShapeQuery, only: set[str] | None = None, values: str = ""
) -> list[ShapeResult]:
    """The results of one compiled check over ``store``.

    With ``only``, for those focus nodes (IRIs) alone; ``values`` is their
    ``VALUES ?this { … }`` clause.
    """
    if only is not None and not only:
        return []
    if check.focus and only is not None:
        return _run_sparql_restricted(store, check, values)
    if check.focus:
        # A SPARQL constraint's focus nodes are found first (see compile_sparql).
        nodes = {
            str(row["this"]) for row in store.query(check.focus)
        }  # str: N-Triples, which SPARQL reads
        if not nodes:
            return []
        sparql = check.sparql.replace("{FOCUS}", _values_clause(nodes), 1)
    elif only is not None:
        sparql = check.restricted(values)
    else:
        sparql = check.sparql
    solutions = store.query(sparql)
    return _results(check, solutions, [v.value for v in solutions.variables])


def _values_clause(terms: Iterable[str]) -> str:
    """``VALUES ?this { … }`` of terms written as N-Triples (``<iri>``), sorted and without repeats."""
    return "VALUES ?this { " + " ".join(sorted(set(terms))) + " }"


def _run_sparql_restricted(store, check: ShapeQuery, values: str) -> list[ShapeResult]:
    """A SPARQL constraint's results for the nodes of a ``VALUES ?this { … }`` clause only.

    The constraint runs first, for those nodes, and the target query only for
    the nodes it reports: a result counts where its node is a target. The
    constraint, with ``$this`` bound, is cheap; a target written for a scan
    of the whole graph (a MINUS) can cost milliseconds per node when bound.
    """
    solutions = store.query(check.sparql.replace("{FOCUS}", values, 1))
    variables = [v.value for v in solutions.variables]
    rows = list(solutions)
    if not rows:
        return []
    reported = _values_clause(str(row["this"]) for row in rows)
    targets = {row["this"] for row in store.query(check.restricted(reported))}
    return _results(check, [row for row in rows if row["this"] in targets], variables)


def _results(check: ShapeQuery, rows: Iterable, variables: list[str]) -> list[ShapeResult]:
    """The :class:`ShapeResult` objects of a check's result rows (``variables``: the query's)."""
    out = []
    for row in rows:
        focus = _text(row["this"])
        path = _text(row["path"]) if "path" in variables and row["path"] is not None else check.path
        value = _text(row["value"]) if "value" in variables and row["value"] is not None else ""
        if check.constraints == ("SPARQLConstraintComponent",) and not value and not check.path:
            value = focus  # a node shape's own result is about the focus node
        message = " ".join(_message(m, row, variables) for m in check.messages)
        for component in check.failed(row, variables):
            text = message or (
                check.defaults[check.constraints.index(component)] if check.defaults else ""
            )
            out.append(
                ShapeResult(focus, path, text, component, check.severity, value, check.shape)
            )
    return out


def _message(template: str, row, variables: list[str]) -> str:
    for name in variables:
        if "{" in template:
            template = template.replace(f"{{?{name}}}", _text(row[name])).replace(
                f"{{${name}}}", _text(row[name])
            )
    return template


def validate_store(
    store,
    *,
    shapes_file: str | Path | None = None,
    threads: int | None = None,
    focus: Iterable[str] | None = None,
    previous: Iterable[Sequence[str]] = (),
) -> ValidationReport:
    """Validate the default graph of a pyoxigraph ``Store`` against the shapes.

    Same report as :func:`kg.validate.reference.validate` (results sorted; ``text`` a
    plain listing), computed by the compiled SPARQL checks. The checks run
    in ``threads`` threads (default: one per core, at most 4): Oxigraph
    evaluates queries without holding Python's lock.

    Args:
        focus: check only these nodes (IRIs); ``None`` checks every focus
            node of every shape. An incremental build passes the nodes whose
            triples changed and the nodes that point at them.
        previous: results of an earlier run (:class:`ShapeResult` objects or rows of
            their fields), kept for the nodes not in ``focus``.

    Raises:
        GraphFileError: the shapes cannot be compiled (see :func:`compile_shapes`).
    """
    from concurrent.futures import ThreadPoolExecutor

    checks = compile_shapes(Path(shapes_file) if shapes_file is not None else None)
    threads = threads or min(4, os.cpu_count() or 1)
    only = None if focus is None else set(focus)
    results = set() if only is None else {ShapeResult(*r) for r in previous if r[0] not in only}
    values = "" if only is None else _values_clause(f"<{n}>" for n in only)
    with ThreadPoolExecutor(threads) as pool:
        found = pool.map(lambda check: _run_check(store, check, only, values), checks)
        results |= {r for rs in found for r in rs}
    ordered = tuple(sorted(results))
    violations = [(r.focus, r.path, r.message) for r in ordered if r.severity == "Violation"]
    lines = [f"Conforms: {not violations}", f"Results ({len(ordered)}):"]
    lines += [
        f"  {r.severity} {r.constraint} at {r.focus}{' ' + r.path if r.path else ''}"
        f"{' value ' + r.value if r.value else ''}: {r.message}"
        for r in ordered
    ]
    return ValidationReport(
        conforms=not violations, violations=violations, text="\n".join(lines), results=ordered
    )
