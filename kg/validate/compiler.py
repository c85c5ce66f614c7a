"""SHACL shapes compiled to SPARQL: ``ontology/shapes.ttl`` → :class:`~kg.validate.checks.ShapeQuery` objects.

See :mod:`kg.validate.engine` for what is supported and how the checks run.
"""

from __future__ import annotations

import functools
import itertools
import re
from collections.abc import Iterator
from pathlib import Path

import rdflib
from rdflib import RDF, RDFS, BNode, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import SH

from ..errors import GraphFileError
from ..resources import ontology_path, shapes_path
from .checks import ShapeContext, ShapeQuery, sparql_term
from .parameters import (
    COMPARISONS,
    IGNORED,
    LEXICAL,
    NODE_KINDS,
    SUPPORTED,
    VALUE_PARAMETERS,
    one_value_tests,
    pair_body,
)
from .sources import read_turtle

#: Parameters of a nested shape that describe its results rather than test its values.
_NOT_TESTS = (SH.message, SH.severity, SH.flags, SH.name, SH.description)


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
            if prop not in SUPPORTED and prop not in IGNORED:
                raise self.refuse(shape, f"the parameter {prop.n3(self.g.namespace_manager)}")

    # -- conformance as a boolean expression --------------------------------

    def is_instance(self, v: str, cls: URIRef) -> str:
        t = next(self.fresh)
        classes = ", ".join(sparql_term(c) for c in self.closure(cls))
        return f"EXISTS {{ {v} a {t} . FILTER ({t} IN ({classes})) }}"

    def value_test(self, shape: rdflib.term.Node, prop: URIRef, param, v: str) -> str:
        """True iff value ``v`` satisfies one value-level parameter."""
        if prop == SH["class"]:
            return self.is_instance(v, param)
        if prop == SH.datatype:
            test = f"(isLiteral({v}) && datatype({v}) = {sparql_term(param)})"
            if param in LEXICAL:
                test = f"({test} && REGEX(STR({v}), {sparql_term(Literal(LEXICAL[param]))}))"
            return test
        if prop == SH.nodeKind:
            if param not in NODE_KINDS:
                raise self.refuse(shape, f"sh:nodeKind {param}")
            return NODE_KINDS[param].format(v=v)
        if prop == SH["in"]:
            terms = list(Collection(self.g, param))
            return (
                "(" + " || ".join(f"sameTerm({v}, {sparql_term(t)})" for t in terms) + ")"
                if terms
                else "false"
            )
        if prop == SH.languageIn:
            tags = list(Collection(self.g, param))
            return (
                "COALESCE("
                + " || ".join(f"langMatches(lang({v}), {sparql_term(t)})" for t in tags)
                + ", false)"
            )
        if prop == SH.pattern:
            flags = self.one(shape, SH.flags)
            extra = f", {sparql_term(flags)}" if flags is not None else ""
            return f"COALESCE(!isBlank({v}) && REGEX(STR({v}), {sparql_term(param)}{extra}), false)"
        if prop in COMPARISONS:
            return f"COALESCE({v} {COMPARISONS[prop]} {sparql_term(param)}, false)"
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
            assert isinstance(prop, URIRef)  # a predicate is always an IRI
            if prop in IGNORED or prop in _NOT_TESTS:
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
            assert isinstance(prop, URIRef)  # a predicate is always an IRI
            if prop in IGNORED or prop in _NOT_TESTS or prop == SH.path:
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
            parts += [f"{{ ?this a {sparql_term(c)} }}" for c in self.closure(cls)]
        for node in self.values(shape, SH.targetNode):
            parts.append(f"{{ VALUES ?this {{ {sparql_term(node)} }} }}")
        for prop in self.values(shape, SH.targetSubjectsOf):
            parts.append(f"{{ ?this {sparql_term(prop)} ?_o }}")
        for prop in self.values(shape, SH.targetObjectsOf):
            parts.append(f"{{ ?_s {sparql_term(prop)} ?this }}")
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
        s = self.shape(shape, focus)
        value_tests: list[tuple[str, str]] = []  # (component, test every value must pass)
        count_tests: list[tuple[str, str, int]] = []  # (component, failing comparison, bound)
        for prop, param in sorted(self.g.predicate_objects(shape)):
            assert isinstance(prop, URIRef)  # a predicate is always an IRI
            yield from self.parameter(s, prop, param, value_tests, count_tests)
        yield from self.grouped(s, value_tests, count_tests)

    def shape(self, shape: rdflib.term.Node, focus: str) -> ShapeContext:
        """What every query of ``shape`` shares."""
        is_property = (shape, RDF.type, SH.PropertyShape) in self.g or self.one(
            shape, SH.path
        ) is not None
        defaults = {}
        cls = self.one(shape, SH["class"])
        if cls is not None:  # pyshacl's wording, so both engines say the same
            defaults["ClassConstraintComponent"] = (
                f"Value does not have class {self.g.namespace_manager.normalizeUri(cls)}"
            )
        return ShapeContext(
            shape,
            focus,
            self.path(shape) if is_property else None,
            self.one(shape, SH.severity) or SH.Violation,
            tuple(sorted(str(m) for m in self.values(shape, SH.message))),
            defaults,
            self.prologue,
        )

    def parameter(
        self,
        s: ShapeContext,
        prop: URIRef,
        param,
        value_tests: list[tuple[str, str]],
        count_tests: list[tuple[str, str, int]],
    ) -> Iterator[ShapeQuery]:
        """The queries of one parameter of a shape; value tests and counts are collected for :meth:`grouped`."""
        name = str(prop)[len(str(SH)) :]
        component = name[0].upper() + name[1:] + "ConstraintComponent"
        p = f"<{s.path}>" if s.path else None
        if prop in VALUE_PARAMETERS or prop in COMPARISONS:
            value_tests.append((component, self.value_test(s.node, prop, param, "?value")))
        elif prop in (SH.minCount, SH.maxCount):
            if p is None:
                raise self.refuse(s.node, f"sh:{name} on a node shape")
            count_tests.append((component, "<" if prop == SH.minCount else ">", int(param)))
        elif prop in (SH.equals, SH.disjoint, SH.lessThan, SH.lessThanOrEquals):
            if p is None:
                raise self.refuse(s.node, f"sh:{name} on a node shape")
            yield s.query((component,), pair_body(prop, p, sparql_term(param)))
        elif prop == SH.qualifiedValueShape:
            if p is None:
                raise self.refuse(s.node, "sh:qualifiedValueShape on a node shape")
            test = self.conforms(param, "?_q")
            for bound, op in ((SH.qualifiedMinCount, "<"), (SH.qualifiedMaxCount, ">")):
                n = self.one(s.node, bound)
                if n is not None:
                    comp = str(bound)[len(str(SH)) :]
                    yield s.query(
                        (comp[0].upper() + comp[1:] + "ConstraintComponent",),
                        f"OPTIONAL {{ ?this {p} ?_q FILTER ({test}) }}",
                        "?this",
                        f" GROUP BY ?this HAVING (COUNT(DISTINCT ?_q) {op} {int(n)})",
                    )
        elif prop == SH.property:
            yield from self.compile_shape(param, s.focus)
        elif prop == SH.sparql:
            yield self.compile_sparql(s.node, param, s.focus, s.severity, s.path, s.messages)

    def grouped(
        self,
        s: ShapeContext,
        value_tests: list[tuple[str, str]],
        count_tests: list[tuple[str, str, int]],
    ) -> Iterator[ShapeQuery]:
        """One query for all the value tests of a shape, one for its counts: its focus nodes are found once."""
        p = f"<{s.path}>" if s.path else None
        if value_tests:
            bind = f"?this {p} ?value ." if p else "BIND (?this AS ?value)"
            flags = " ".join(
                f"BIND (COALESCE(!{test}, true) AS ?_f{i})"
                for i, (_, test) in enumerate(value_tests)
            )
            any_flag = " || ".join(f"?_f{i}" for i in range(len(value_tests)))
            select = "?this ?value " + " ".join(f"?_f{i}" for i in range(len(value_tests)))
            yield s.query(
                tuple(c for c, _ in value_tests), f"{bind} {flags} FILTER ({any_flag})", select
            )
        if count_tests and all(n == 1 for _, _, n in count_tests):
            assert p is not None  # counts on a node shape are refused in parameter()
            yield s.query(*one_value_tests(count_tests, p))
        elif count_tests:
            having = " || ".join(f"COUNT(DISTINCT ?_v) {op} {n}" for _, op, n in count_tests)
            yield s.query(
                tuple(c for c, _, _ in count_tests),
                f"OPTIONAL {{ ?this {p} ?_v }}",
                "?this (COUNT(DISTINCT ?_v) AS ?_n)",
                f" GROUP BY ?this HAVING ({having})",
                counts=tuple((op, n) for _, op, n in count_tests),
            )

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
    return tuple(
        _Compiler(read_turtle(where.resolve()), read_turtle(ontology_path()), where).compile()
    )
