"""The SHACL parameters the compiler (:mod:`kg.validate.compiler`) implements, and SPARQL for some of them."""

from __future__ import annotations

from rdflib import RDF, RDFS, URIRef
from rdflib.namespace import SH, XSD

#: Shape parameters the compiler implements (everything else is refused).
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
IGNORED = {RDF.type, RDFS.label, RDFS.comment, SH.declare, SH.prefixes}

# Lexical forms of the datatypes the graph uses; an ill-typed literal fails sh:datatype.
LEXICAL = {
    XSD.integer: r"^[+-]?[0-9]+$",
    XSD.decimal: r"^[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)$",
    XSD.gYear: r"^-?[0-9]{4,}(Z|[+-][0-9]{2}:[0-9]{2})?$",
    XSD.boolean: r"^(true|false|1|0)$",
}
NODE_KINDS = {
    SH.IRI: "isIRI({v})",
    SH.Literal: "isLiteral({v})",
    SH.BlankNode: "isBlank({v})",
    SH.BlankNodeOrIRI: "(isBlank({v}) || isIRI({v}))",
    SH.BlankNodeOrLiteral: "(isBlank({v}) || isLiteral({v}))",
    SH.IRIOrLiteral: "(isIRI({v}) || isLiteral({v}))",
}
#: Parameters tested on each value on its own (besides the comparisons below).
VALUE_PARAMETERS = (
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
COMPARISONS = {
    SH.minInclusive: ">=",
    SH.maxInclusive: "<=",
    SH.minExclusive: ">",
    SH.maxExclusive: "<",
}


def pair_body(prop: URIRef, p: str, other: str) -> str:
    """The failing rows of ``sh:equals``, ``sh:disjoint``, ``sh:lessThan`` or ``sh:lessThanOrEquals``."""
    if prop == SH.equals:
        return (
            f"{{ ?this {p} ?value FILTER NOT EXISTS {{ ?this {other} ?value }} }} UNION "
            f"{{ ?this {other} ?value FILTER NOT EXISTS {{ ?this {p} ?value }} }}"
        )
    if prop == SH.disjoint:
        return f"?this {p} ?value . ?this {other} ?value ."
    op = "<" if prop == SH.lessThan else "<="
    return (
        f"?this {p} ?value . ?this {other} ?_other . FILTER (!COALESCE(?value {op} ?_other, false))"
    )


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
