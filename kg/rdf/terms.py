"""pyoxigraph terms as plain Python values (what :meth:`kg.KnowledgeGraph.query` returns)."""

from __future__ import annotations

from typing import Any

from rdflib.namespace import XSD

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
