"""RDF terms as text and back: literals and ``kg:`` names as Turtle writes them, and pyoxigraph
terms as plain Python values (what :meth:`kg.KnowledgeGraph.query` returns)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from rdflib.namespace import XSD

from ..vocab import KG, KG_NS

_XSD = str(XSD)
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


def python_value(term: Any) -> Any:
    """A pyoxigraph term as a plain Python value.

    IRIs and plain literals are strings, ``xsd:integer`` (and its kin) values
    ints, ``xsd:decimal``/``double``/``float`` values floats, booleans bools,
    blank nodes ``_:id``, ``None`` stays ``None``; a literal whose text does
    not parse as its datatype stays a string.

    >>> import pyoxigraph as ox
    >>> python_value(ox.Literal("5", datatype=ox.NamedNode(str(XSD.integer)))), python_value(None)
    (5, None)
    >>> python_value(ox.NamedNode("https://w3id.org/xinzhi-kg/id/place/chengdu"))
    'https://w3id.org/xinzhi-kg/id/place/chengdu'
    """
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


#: What a Turtle (and N-Triples, SPARQL) string literal escapes.
ESCAPES = str.maketrans({"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r"})


class _PrefixedNames:
    """``K.Mention == "kg:Mention"``: the Turtle names of :class:`~kg.vocab.KG` terms.

    Every name comes from the one namespace object, so a term the ontology
    does not have raises ``AttributeError`` instead of writing a wrong triple;
    ``K[name]`` does the same for a name held in a variable (an entity type,
    a relation). Each name is looked up once, then kept.

    >>> K.startOffset, K["develops"]
    ('kg:startOffset', 'kg:develops')
    """

    def __getattr__(self, name: str) -> str:
        if name.startswith("_"):
            raise AttributeError(name)
        prefixed = "kg:" + str(getattr(KG, name)).removeprefix(KG_NS)
        setattr(self, name, prefixed)
        return prefixed

    def __getitem__(self, name: str) -> str:
        return self.__dict__.get(name) or self.__getattr__(name)


K = _PrefixedNames()


def decimal_text(value: Decimal) -> str:
    """Canonical ``xsd:decimal`` text: no exponent, no trailing zeros.

    >>> decimal_text(Decimal("11500.00")), decimal_text(Decimal("2.450")), decimal_text(Decimal("1E+12"))
    ('11500', '2.45', '1000000000000')
    """
    return format(value.normalize(), "f")


def literal(text: str, *, lang: str | None = None, datatype: str | None = None) -> str:
    """An N-Triples literal (also valid Turtle and SPARQL).

    >>> literal('say "hi"\\n', lang="zh")
    '"say \\\\"hi\\\\"\\\\n"@zh'
    >>> literal("5", datatype="http://www.w3.org/2001/XMLSchema#integer")
    '"5"^^<http://www.w3.org/2001/XMLSchema#integer>'
    """
    body = f'"{text.translate(ESCAPES)}"'
    if lang:
        return f"{body}@{lang}"
    if datatype:
        return f"{body}^^<{datatype}>"
    return body
