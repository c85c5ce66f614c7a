"""Result formats: the W3C media types, content negotiation, and serialising an answer.

SELECT and ASK answers are *results* (pyoxigraph ``QueryResultsFormat``);
CONSTRUCT and DESCRIBE answers are *graphs* (``RdfFormat``). Formats are
named by those enums' member names, so they cross a process boundary as
plain strings.
"""

from __future__ import annotations

#: SELECT/ASK result formats: media type → pyoxigraph ``QueryResultsFormat`` name.
RESULT_TYPES = {
    "application/sparql-results+json": "JSON",
    "application/json": "JSON",
    "application/sparql-results+xml": "XML",
    "application/xml": "XML",
    "text/xml": "XML",
    "text/csv": "CSV",
    "text/tab-separated-values": "TSV",
}
#: CONSTRUCT/DESCRIBE formats: media type → pyoxigraph ``RdfFormat`` name.
GRAPH_TYPES = {
    "text/turtle": "TURTLE",
    "application/turtle": "TURTLE",
    "application/x-turtle": "TURTLE",
    "application/n-triples": "N_TRIPLES",
    "text/plain": "N_TRIPLES",
    "application/ld+json": "JSON_LD",
    "application/json": "JSON_LD",
    "application/rdf+xml": "RDF_XML",
    "application/xml": "RDF_XML",
    "text/xml": "RDF_XML",
    "text/n3": "N3",
    "text/rdf+n3": "N3",
}
#: Format name → the Content-Type we answer with (first is the default of its kind).
RESULT_MEDIA = {
    "JSON": "application/sparql-results+json",
    "XML": "application/sparql-results+xml",
    "CSV": "text/csv; charset=utf-8",
    "TSV": "text/tab-separated-values; charset=utf-8",
}
GRAPH_MEDIA = {
    "TURTLE": "text/turtle; charset=utf-8",
    "N_TRIPLES": "application/n-triples",
    "JSON_LD": "application/ld+json",
    "RDF_XML": "application/rdf+xml",
    "N3": "text/n3; charset=utf-8",
}
#: ``?format=`` / ``output=`` / ``results=`` values (as SPARQLWrapper and browsers send them).
FORMAT_PARAMS: dict[str, tuple[str | None, str | None]] = {
    "json": ("JSON", "JSON_LD"),
    "xml": ("XML", "RDF_XML"),
    "csv": ("CSV", None),
    "tsv": ("TSV", None),
    "turtle": (None, "TURTLE"),
    "ttl": (None, "TURTLE"),
    "n3": (None, "N3"),
    "nt": (None, "N_TRIPLES"),
    "ntriples": (None, "N_TRIPLES"),
    "n-triples": (None, "N_TRIPLES"),
    "json-ld": (None, "JSON_LD"),
    "jsonld": (None, "JSON_LD"),
    "rdf+xml": (None, "RDF_XML"),
    "rdfxml": (None, "RDF_XML"),
}
#: ``kg query --format`` names of the W3C result formats → ``QueryResultsFormat`` name.
W3C_RESULT_FORMATS = {"srj": "JSON", "srx": "XML", "tsv": "TSV"}


def negotiate(accept: str | None, table: dict[str, str], media: dict[str, str]) -> str | None:
    """The best format for an ``Accept`` header, or ``None`` when nothing offered is acceptable.

    ``table`` maps media types to format names; ``media`` lists the formats
    in order of preference (its first key answers ``*/*`` and a missing header).

    >>> negotiate("text/csv, application/json;q=0.5", RESULT_TYPES, RESULT_MEDIA)
    'CSV'
    >>> negotiate(None, RESULT_TYPES, RESULT_MEDIA), negotiate("text/*", GRAPH_TYPES, GRAPH_MEDIA)
    ('JSON', 'TURTLE')
    >>> negotiate("image/png", RESULT_TYPES, RESULT_MEDIA) is None
    True
    """
    if not accept or not accept.strip():
        return next(iter(media))
    for mtype in _ranked(accept):
        if mtype in table:
            return table[mtype]
        if mtype == "*/*":
            return next(iter(media))
        if mtype.endswith("/*"):
            major = mtype[:-1]
            for name, ctype in media.items():
                if ctype.startswith(major):
                    return name
    return None


def _ranked(accept: str) -> list[str]:
    """The media ranges of an ``Accept`` header, best first (by q, then specificity, then order)."""
    ranges = []
    for i, part in enumerate(accept.split(",")):
        mtype, *params = (x.strip() for x in part.split(";"))
        q = 1.0
        for p in params:
            key, _, val = p.partition("=")
            if key.strip().lower() == "q":
                try:
                    q = float(val)
                except ValueError:
                    q = 0.0
        mtype = mtype.lower()
        specificity = 0 if mtype == "*/*" else 1 if mtype.endswith("/*") else 2
        if q > 0:
            ranges.append((-q, -specificity, i, mtype))
    return [r[-1] for r in sorted(ranges)]


class NotAcceptable(ValueError):
    """The answer's kind (results or graph) has no acceptable format; the message lists them."""


def serialize_answer(answer, results: str | None, graph: str | None) -> tuple[str, bytes]:
    """``(content type, body)`` of a pyoxigraph query answer in the format asked for its kind.

    ``results`` names the format for SELECT/ASK answers, ``graph`` the one
    for CONSTRUCT/DESCRIBE answers (``None``: nothing acceptable).

    >>> import pyoxigraph as ox
    >>> serialize_answer(ox.Store().query("ASK {}"), "JSON", None)
    ('application/sparql-results+json', b'{"head":{},"boolean":true}')

    Raises:
        NotAcceptable: the answer's kind has no format.
    """
    import pyoxigraph as ox

    formats: type[ox.QueryResultsFormat] | type[ox.RdfFormat]
    if isinstance(answer, ox.QuerySolutions | ox.QueryBoolean):
        kind, fmt, media, formats = "SELECT and ASK", results, RESULT_MEDIA, ox.QueryResultsFormat
    else:
        kind, fmt, media, formats = "CONSTRUCT and DESCRIBE", graph, GRAPH_MEDIA, ox.RdfFormat
    if fmt is None:
        offered = ", ".join(m.split(";")[0] for m in media.values())
        raise NotAcceptable(f"{kind} results come as {offered}")
    return media[fmt], answer.serialize(format=getattr(formats, fmt))
