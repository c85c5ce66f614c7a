"""The Turtle of a link: the statements an entity's header block gains from :mod:`kg.link`.

Places: ``kg:adcode`` and ``kg:divisionLevel`` (a division), ``geo:lat`` and
``geo:long`` (W3C WGS84), ``kg:containingDivision`` (a zone or new area
carrying the coordinates of the division it lies in), ``kg:countryCode``
(ISO 3166-1 alpha-2). Industries: ``kg:nationalIndustryCode`` with its
level and title (GB/T 4754-2017), ``kg:emergingIndustryCode`` with its title
(《战略性新兴产业分类(2018)》). Every statement is about the entity itself,
so the block stays self-contained.
"""

from __future__ import annotations

from decimal import Decimal

from .industries import IndustryLink
from .places import PlaceLink

_INDENT = " ;\n    "
_ESCAPES = str.maketrans({"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r"})


def _string(text: str) -> str:
    return f'"{text.translate(_ESCAPES)}"'


def _decimal(value: Decimal) -> str:
    return f'"{format(value, "f")}"^^xsd:decimal'


def link_statements(link: object) -> str:
    """Predicate-object pairs for ``link``, each after ``" ;\\n    "`` (empty for no link).

    >>> print(link_statements(PlaceLink(adcode="510100", level="city", lat=Decimal("30.5"), lon=Decimal("104.0"))).strip())
    ;
        kg:adcode "510100" ;
        kg:divisionLevel "city" ;
        geo:lat "30.5"^^xsd:decimal ;
        geo:long "104.0"^^xsd:decimal
    """
    pairs: list[str] = []
    if isinstance(link, PlaceLink):
        if link.adcode:
            pairs += [
                f"kg:adcode {_string(link.adcode)}",
                f"kg:divisionLevel {_string(link.level or '')}",
            ]
        if link.lat is not None and link.lon is not None:
            pairs += [f"geo:lat {_decimal(link.lat)}", f"geo:long {_decimal(link.lon)}"]
        if link.within:
            pairs.append(f"kg:containingDivision {_string(link.within)}")
        if link.country:
            pairs.append(f"kg:countryCode {_string(link.country)}")
    elif isinstance(link, IndustryLink):
        if link.code:
            pairs += [
                f"kg:nationalIndustryCode {_string(link.code)}",
                f"kg:nationalIndustryLevel {_string(link.level or '')}",
                f"kg:nationalIndustryTitle {_string(link.title or '')}@zh",
            ]
        if link.sei_code:
            pairs += [
                f"kg:emergingIndustryCode {_string(link.sei_code)}",
                f"kg:emergingIndustryTitle {_string(link.sei_title or '')}@zh",
            ]
    return "".join(_INDENT + p for p in pairs)


def link_signature(link: object) -> str:
    """What the statements of ``link`` are made from (empty for no link)."""
    return link.signature() if isinstance(link, PlaceLink | IndustryLink) else ""
