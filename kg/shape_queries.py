"""SHACL validation as SPARQL queries over an Oxigraph store.

pyshacl (:func:`kg.shapes.validate`) needs the whole graph in rdflib, about
1.5 KB per triple, and takes ~100 µs per triple; a build of a large corpus
can afford neither. This module compiles ``ontology/shapes.ttl`` into
SPARQL queries (one per shape for its value tests, one for its counts, one
per SPARQL constraint) and runs them, in threads, in the Oxigraph store the
build writes anyway: about 16 µs per triple on 2 cores, memory bounded by
the store.

``validate_store(store, focus=nodes, previous=results)`` checks only the
given focus nodes, each on its own (SPARQL ``LATERAL``), and keeps the
earlier results of the others: an incremental build passes the nodes whose
triples changed (:mod:`kg.delta`).

It implements the part of SHACL Core and SHACL-SPARQL that the shapes use
(listed in :data:`SUPPORTED`), with predicate paths only. A shapes file that
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

import functools
import itertools
import os
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

import rdflib
from rdflib import RDF, RDFS, BNode, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import SH, XSD

from .errors import GraphFileError
from .rdf import literal
from .resources import ontology_path, shapes_path
from .shapes import ShapeResult, ValidationReport, _parse

#: Shape parameters this module compiles (everything else is refused).
SUPPORTED = frozenset(
    SH[n]
    for n in [
        "targetClass",
        "targetNode",
        "targetSubjectsOf",
        "targetObjectsOf",
        "target",
        "path",
        "severity",
        "message",
        "deactivated",
        "class",
        "datatype",
        "nodeKind",
        "in",
        "languageIn",
        "pattern",
        "flags",
        "minInclusive",
        "maxInclusive",
        "minExclusive",
        "maxExclusive",
        "minLength",
        "maxLength",
        "minCount",
        "maxCount",
        "equals",
        "disjoint",
        "lessThan",
        "lessThanOrEquals",
        "or",
        "property",
        "qualifiedValueShape",
        "qualifiedMinCount",
        "qualifiedMaxCount",
        "sparql",
        "name",
        "description",
        "order",
        "group",
    ]
)
_IGNORED = {RDF.type, RDFS.label, RDFS.comment, SH.declare, SH.prefixes}

# Lexical forms of the datatypes the graph uses; an ill-typed literal fails sh:datatype.
_LEXICAL = {
    XSD.integer: r"^[+-]?[0-9]+$",
    XSD.decimal: r"^[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)$",
    XSD.gYear: r"^-?[0-9]{4,}(Z|[+-][0-9]{2}:[0-9]{2})?$",
    XSD.boolean: r"^(true|false|1|0)$",
}
_NODE_KINDS = {
    SH.IRI: "isIRI({v})",
    SH.Literal: "isLiteral({v})",
    SH.BlankNode: "isBlank({v})",
    SH.BlankNodeOrIRI: "(isBlank({v}) || isIRI({v}))",
    SH.BlankNodeOrLiteral: "(isBlank({v}) || isLiteral({v}))",
    SH.IRIOrLiteral: "(isIRI({v}) || isLiteral({v}))",
}
_COMPARISONS = {
    SH.minInclusive: ">=",
    SH.maxInclusive: "<=",
    SH.minExclusive: ">",
    SH.maxExclusive: "<",
}


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


def _term(node: rdflib.term.Node) -> str:
    """A term in SPARQL syntax."""
    if isinstance(node, URIRef):
        return f"<{node}>"
    if isinstance(node, Literal):  # N-Triples syntax, which SPARQL reads
        datatype = (
            node.datatype if node.datatype is not None and node.datatype != XSD.string else None
        )
        return literal(str(node), lang=node.language, datatype=datatype)
    raise ValueError(f"cannot write {node!r} in a query")


class _Compiler:
    """Turns the shapes graph into :class:`ShapeQuery` objects."""

    def __init__(self, shapes: rdflib.Graph, ontology: rdflib.Graph, where: Path):
        self.g = shapes
        self.where = where
        self.fresh = (f"?_v{i}" for i in itertools.count())
        subclasses: dict[URIRef, set[URIRef]] = {}
        for sub, sup in ontology.subject_objects(RDFS.subClassOf):
            if isinstance(sub, URIRef) and isinstance(sup, URIRef):
                subclasses.setdefault(sup, set()).add(sub)
        self.subclasses = subclasses
        prefixes = {
            str(self.g.value(d, SH.prefix)): str(self.g.value(d, SH.namespace))
            for d in self.g.objects(None, SH.declare)
        }
        self.prologue = "".join(f"PREFIX {p}: <{iri}>\n" for p, iri in sorted(prefixes.items()))

    # -- helpers --------------------------------------------------------------

    def refuse(self, shape: rdflib.term.Node, what: str) -> GraphFileError:
        name = shape if isinstance(shape, URIRef) else "an anonymous shape"
        return GraphFileError(
            f"{self.where}: {name}: {what} is not supported by the SPARQL validator; "
            "validate with `kg validate --engine pyshacl`, or rewrite the shape"
        )

    def closure(self, cls: URIRef) -> list[URIRef]:
        """``cls`` and every class below it in the ontology, sorted."""
        seen, todo = {cls}, [cls]
        while todo:
            for sub in self.subclasses.get(todo.pop(), ()):
                if sub not in seen:
                    seen.add(sub)
                    todo.append(sub)
        return sorted(seen)

    def values(self, node: rdflib.term.Node, prop: URIRef) -> list:
        return sorted(self.g.objects(node, prop))

    def one(self, node: rdflib.term.Node, prop: URIRef):
        vals = self.values(node, prop)
        if len(vals) > 1:
            raise self.refuse(node, f"more than one {prop.n3(self.g.namespace_manager)}")
        return vals[0] if vals else None

    def path(self, shape: rdflib.term.Node) -> URIRef | None:
        path = self.one(shape, SH.path)
        if path is not None and not isinstance(path, URIRef):
            raise self.refuse(shape, "a property path other than a single predicate")
        return path

    def check_parameters(self, shape: rdflib.term.Node) -> None:
        for prop in set(self.g.predicates(shape)):
            if prop not in SUPPORTED and prop not in _IGNORED:
                raise self.refuse(shape, f"the parameter {prop.n3(self.g.namespace_manager)}")

    # -- conformance as a boolean expression --------------------------------

    def is_instance(self, v: str, cls: URIRef) -> str:
        t = next(self.fresh)
        classes = ", ".join(_term(c) for c in self.closure(cls))
        return f"EXISTS {{ {v} a {t} . FILTER ({t} IN ({classes})) }}"

    def value_test(self, shape: rdflib.term.Node, prop: URIRef, param, v: str) -> str:
        """True iff value ``v`` satisfies one value-level parameter."""
        if prop == SH["class"]:
            return self.is_instance(v, param)
        if prop == SH.datatype:
            test = f"(isLiteral({v}) && datatype({v}) = {_term(param)})"
            if param in _LEXICAL:
                test = f"({test} && REGEX(STR({v}), {_term(Literal(_LEXICAL[param]))}))"
            return test
        if prop == SH.nodeKind:
            if param not in _NODE_KINDS:
                raise self.refuse(shape, f"sh:nodeKind {param}")
            return _NODE_KINDS[param].format(v=v)
        if prop == SH["in"]:
            terms = list(Collection(self.g, param))
            return (
                "(" + " || ".join(f"sameTerm({v}, {_term(t)})" for t in terms) + ")"
                if terms
                else "false"
            )
        if prop == SH.languageIn:
            tags = list(Collection(self.g, param))
            return (
                "COALESCE("
                + " || ".join(f"langMatches(lang({v}), {_term(t)})" for t in tags)
                + ", false)"
            )
        if prop == SH.pattern:
            flags = self.one(shape, SH.flags)
            extra = f", {_term(flags)}" if flags is not None else ""
            return f"COALESCE(!isBlank({v}) && REGEX(STR({v}), {_term(param)}{extra}), false)"
        if prop in _COMPARISONS:
            return f"COALESCE({v} {_COMPARISONS[prop]} {_term(param)}, false)"
        if prop in (SH.minLength, SH.maxLength):
            op = ">=" if prop == SH.minLength else "<="
            return f"COALESCE(!isBlank({v}) && STRLEN(STR({v})) {op} {int(param)}, false)"
        if prop == SH["or"]:
            members = list(Collection(self.g, param))
            return (
                "(" + " || ".join(self.conforms(m, v) for m in members) + ")"
                if members
                else "false"
            )
        raise self.refuse(shape, f"{prop} inside another shape")

    def conforms(self, shape: rdflib.term.Node, v: str) -> str:
        """True iff node ``v`` conforms to the (nested) node shape ``shape``."""
        self.check_parameters(shape)
        tests = []
        for prop, param in sorted(self.g.predicate_objects(shape)):
            if prop in _IGNORED or prop in (
                SH.message,
                SH.severity,
                SH.flags,
                SH.name,
                SH.description,
            ):
                continue
            if prop == SH.property:
                tests.append(self.property_conforms(param, v))
            elif prop == SH.path:
                raise self.refuse(shape, "sh:path in a nested node shape")
            else:
                tests.append(self.value_test(shape, prop, param, v))
        return "(" + " && ".join(tests) + ")" if tests else "true"

    def property_conforms(self, shape: rdflib.term.Node, v: str) -> str:
        """True iff every value of the nested property shape's path at ``v`` conforms."""
        self.check_parameters(shape)
        path = self.path(shape)
        if path is None:
            raise self.refuse(shape, "a nested property shape without sh:path")
        x = next(self.fresh)
        tests = []
        for prop, param in sorted(self.g.predicate_objects(shape)):
            if prop in _IGNORED or prop in (
                SH.path,
                SH.message,
                SH.severity,
                SH.flags,
                SH.name,
                SH.description,
            ):
                continue
            if prop in (SH.minCount, SH.maxCount):
                raise self.refuse(shape, "sh:minCount or sh:maxCount in a nested property shape")
            tests.append(self.value_test(shape, prop, param, x))
        return (
            f"NOT EXISTS {{ {v} <{path}> {x} . FILTER (!({' && '.join(tests)})) }}"
            if tests
            else "true"
        )

    # -- top-level shapes -----------------------------------------------------

    def targets(self, shape: rdflib.term.Node) -> str | None:
        """A subquery binding ``?this`` to every focus node of ``shape`` (``None``: no target)."""
        parts = []
        for cls in self.values(shape, SH.targetClass):
            parts += [f"{{ ?this a {_term(c)} }}" for c in self.closure(cls)]
        for node in self.values(shape, SH.targetNode):
            parts.append(f"{{ VALUES ?this {{ {_term(node)} }} }}")
        for prop in self.values(shape, SH.targetSubjectsOf):
            parts.append(f"{{ ?this {_term(prop)} ?_o }}")
        for prop in self.values(shape, SH.targetObjectsOf):
            parts.append(f"{{ ?_s {_term(prop)} ?this }}")
        for target in self.values(shape, SH.target):
            if (target, RDF.type, SH.SPARQLTarget) not in self.g or self.one(
                target, SH.select
            ) is None:
                raise self.refuse(
                    shape, "an sh:target that is not an sh:SPARQLTarget with sh:select"
                )
            parts.append(f"{{ {self.one(target, SH.select)} }}")
        if not parts:
            return None
        return "{ SELECT DISTINCT ?this WHERE { " + " UNION ".join(parts) + " } }"

    def compile_shape(
        self, shape: rdflib.term.Node, focus: str | None = None
    ) -> Iterator[ShapeQuery]:
        """The checks of ``shape``; ``focus`` is a parent node shape's targets, for its ``sh:property``."""
        if self.one(shape, SH.deactivated) == Literal(True):
            return
        self.check_parameters(shape)
        focus = focus or self.targets(shape)
        if focus is None:
            return
        is_property = (shape, RDF.type, SH.PropertyShape) in self.g or self.one(
            shape, SH.path
        ) is not None
        path = self.path(shape) if is_property else None
        severity = self.one(shape, SH.severity) or SH.Violation
        messages = tuple(sorted(str(m) for m in self.values(shape, SH.message)))

        def query(
            constraints: tuple[str, ...],
            body: str,
            select: str = "?this ?value",
            tail: str = "",
            counts: tuple[tuple[str, int], ...] = (),
        ) -> ShapeQuery:
            head, where = f"{self.prologue}SELECT DISTINCT {select} WHERE", f"{focus} {body}"
            return ShapeQuery(
                str(shape) if isinstance(shape, URIRef) else "",
                constraints,
                str(severity)[len(str(SH)) :],
                str(path) if path else "",
                messages,
                f"{head} {{ {where} }}{tail}",
                counts,
                tuple(defaults.get(c, f"{c} failed") for c in constraints),
                head=head,
                where=where,
                tail=tail,
            )

        defaults = {}
        cls = self.one(shape, SH["class"])
        if cls is not None:  # pyshacl's wording, so both engines say the same
            defaults["ClassConstraintComponent"] = (
                f"Value does not have class {self.g.namespace_manager.normalizeUri(cls)}"
            )

        bind = f"?this <{path}> ?value ." if path else "BIND (?this AS ?value)"
        p = f"<{path}>" if path else None
        value_tests: list[tuple[str, str]] = []  # (component, test every value must pass)
        count_tests: list[tuple[str, str, int]] = []  # (component, failing comparison, bound)
        for prop, param in sorted(self.g.predicate_objects(shape)):
            name = str(prop)[len(str(SH)) :]
            component = name[0].upper() + name[1:] + "ConstraintComponent"
            if (
                prop
                in (
                    SH["class"],
                    SH.datatype,
                    SH.nodeKind,
                    SH["in"],
                    SH.languageIn,
                    SH.pattern,
                    SH.minLength,
                    SH.maxLength,
                    SH["or"],
                )
                or prop in _COMPARISONS
            ):
                value_tests.append((component, self.value_test(shape, prop, param, "?value")))
            elif prop in (SH.minCount, SH.maxCount):
                if p is None:
                    raise self.refuse(shape, f"sh:{name} on a node shape")
                count_tests.append((component, "<" if prop == SH.minCount else ">", int(param)))
            elif prop in (SH.equals, SH.disjoint, SH.lessThan, SH.lessThanOrEquals):
                if p is None:
                    raise self.refuse(shape, f"sh:{name} on a node shape")
                other = _term(param)
                if prop == SH.equals:
                    body = (
                        f"{{ ?this {p} ?value FILTER NOT EXISTS {{ ?this {other} ?value }} }} UNION "
                        f"{{ ?this {other} ?value FILTER NOT EXISTS {{ ?this {p} ?value }} }}"
                    )
                elif prop == SH.disjoint:
                    body = f"?this {p} ?value . ?this {other} ?value ."
                else:
                    op = "<" if prop == SH.lessThan else "<="
                    body = f"?this {p} ?value . ?this {other} ?_other . FILTER (!COALESCE(?value {op} ?_other, false))"
                yield query((component,), body)
            elif prop == SH.qualifiedValueShape:
                if p is None:
                    raise self.refuse(shape, "sh:qualifiedValueShape on a node shape")
                test = self.conforms(param, "?_q")
                for bound, op in ((SH.qualifiedMinCount, "<"), (SH.qualifiedMaxCount, ">")):
                    n = self.one(shape, bound)
                    if n is not None:
                        comp = str(bound)[len(str(SH)) :]
                        yield query(
                            (comp[0].upper() + comp[1:] + "ConstraintComponent",),
                            f"OPTIONAL {{ ?this {p} ?_q FILTER ({test}) }}",
                            "?this",
                            f" GROUP BY ?this HAVING (COUNT(DISTINCT ?_q) {op} {int(n)})",
                        )
            elif prop == SH.property:
                yield from self.compile_shape(param, focus)
            elif prop == SH.sparql:
                yield self.compile_sparql(shape, param, focus, severity, path, messages)
        # One query per shape for all its value tests, one for its counts: the
        # focus nodes are found once, not once per constraint.
        if value_tests:
            flags = " ".join(
                f"BIND (COALESCE(!{test}, true) AS ?_f{i})"
                for i, (_, test) in enumerate(value_tests)
            )
            any_flag = " || ".join(f"?_f{i}" for i in range(len(value_tests)))
            select = "?this ?value " + " ".join(f"?_f{i}" for i in range(len(value_tests)))
            yield query(
                tuple(c for c, _ in value_tests), f"{bind} {flags} FILTER ({any_flag})", select
            )
        if count_tests and all(n == 1 for _, _, n in count_tests):
            yield query(*self.one_value_tests(count_tests, p))
        elif count_tests:
            having = " || ".join(f"COUNT(DISTINCT ?_v) {op} {n}" for _, op, n in count_tests)
            yield query(
                tuple(c for c, _, _ in count_tests),
                f"OPTIONAL {{ ?this {p} ?_v }}",
                "?this (COUNT(DISTINCT ?_v) AS ?_n)",
                f" GROUP BY ?this HAVING ({having})",
                counts=tuple((op, n) for _, op, n in count_tests),
            )

    @staticmethod
    def one_value_tests(
        count_tests: list[tuple[str, str, int]], p: str
    ) -> tuple[tuple[str, ...], str, str]:
        """``sh:minCount 1`` and ``sh:maxCount 1`` without counting: ``(constraints, body, select)``.

        A GROUP BY over every focus node holds a group per node (~150 bytes
        each: hundreds of MB for the mentions of a large corpus); these
        patterns stream: "no value", "a second, different value".
        """
        constraints = tuple(c for c, _, _ in count_tests)
        ops = [op for _, op, _ in count_tests]
        if ops == ["<"]:
            return constraints, f"FILTER NOT EXISTS {{ ?this {p} ?_v }}", "?this"
        if ops == [">"]:
            return (
                constraints,
                f"?this {p} ?_a . ?this {p} ?_b . FILTER (!sameTerm(?_a, ?_b))",
                "?this",
            )
        # Both bounds: a row per failing node, flag ?_f{i} saying which constraint it fails.
        flags = [f"?_f{i}" for i in range(len(ops))]
        binds = " ".join(
            f"BIND ({'!BOUND(?_a)' if op == '<' else 'BOUND(?_b)'} AS {flag})"
            for op, flag in zip(ops, flags, strict=False)
        )
        body = (
            f"OPTIONAL {{ ?this {p} ?_a }} OPTIONAL {{ ?this {p} ?_b FILTER (!sameTerm(?_a, ?_b)) }} "
            f"{binds} FILTER ({' || '.join(flags)})"
        )
        return constraints, body, "?this " + " ".join(flags)

    def compile_sparql(self, shape, constraint, focus, severity, path, messages) -> ShapeQuery:
        select = self.one(constraint, SH.select)
        if select is None:
            raise self.refuse(shape, "an sh:sparql constraint without sh:select")
        own = tuple(sorted(str(m) for m in self.values(constraint, SH.message)))
        body = re.sub(r"\$this\b", "?this", str(select))
        # {FOCUS} is replaced by VALUES over the focus nodes found first: a conforming
        # graph usually has none, and then the constraint need not run at all
        sparql = f"{self.prologue}SELECT * WHERE {{ {{FOCUS}} LATERAL {{ {body} }} }}"
        return ShapeQuery(
            str(shape) if isinstance(shape, URIRef) else "",
            ("SPARQLConstraintComponent",),
            str(severity)[len(str(SH)) :],
            str(path) if path else "",
            own or messages,
            sparql,
            focus=f"{self.prologue}SELECT ?this WHERE {{ {focus} }}",
            head=f"{self.prologue}SELECT ?this WHERE",
            where=focus,
        )

    def compile(self) -> list[ShapeQuery]:
        # every shape with a target; a nested shape is checked through its parent
        shapes = {
            s
            for p in (
                SH.targetClass,
                SH.targetNode,
                SH.targetSubjectsOf,
                SH.targetObjectsOf,
                SH.target,
            )
            for s in self.g.subjects(p, None)
        }
        out: list[ShapeQuery] = []
        for shape in sorted(shapes, key=lambda s: (isinstance(s, BNode), str(s))):
            out.extend(self.compile_shape(shape))
        return out


@functools.lru_cache(maxsize=4)
def compile_shapes(shapes_file: Path | None = None) -> tuple[ShapeQuery, ...]:
    """The SPARQL checks of a shapes file (default ``ontology/shapes.ttl``), compiled once per process.

    Raises:
        GraphFileError: the file is missing, is not Turtle, or uses SHACL
            this module does not implement.
    """
    where = Path(shapes_file) if shapes_file is not None else shapes_path()
    return tuple(_Compiler(_parse(where.resolve()), _parse(ontology_path()), where).compile())


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
    previous: Iterable[ShapeResult] = (),
) -> ValidationReport:
    """Validate the default graph of a pyoxigraph ``Store`` against the shapes.

    Same report as :func:`kg.shapes.validate` (results sorted; ``text`` a
    plain listing), computed by the compiled SPARQL checks. The checks run
    in ``threads`` threads (default: one per core, at most 4): Oxigraph
    evaluates queries without holding Python's lock.

    Args:
        focus: check only these nodes (IRIs); ``None`` checks every focus
            node of every shape. An incremental build passes the nodes whose
            triples changed and the nodes that point at them.
        previous: results of an earlier run, kept for the nodes not in ``focus``.

    Raises:
        GraphFileError: the shapes cannot be compiled (see :func:`compile_shapes`).
    """
    from concurrent.futures import ThreadPoolExecutor

    checks = compile_shapes(Path(shapes_file) if shapes_file is not None else None)
    threads = threads or min(4, os.cpu_count() or 1)
    only = None if focus is None else set(focus)
    results = set() if only is None else {r for r in previous if r.focus not in only}
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
