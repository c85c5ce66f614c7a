"""Links read back from a build's store: the inverse of :mod:`kg.link.turtle`."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal

from .industries import IndustryLink
from .places import PlaceLink

_KG = "https://w3id.org/xinzhi-kg/ontology#"
_GEO = "http://www.w3.org/2003/01/geo/wgs84_pos#"
_PLACE = {
    _KG + "adcode": "adcode",
    _KG + "divisionLevel": "level",
    _GEO + "lat": "lat",
    _GEO + "long": "lon",
    _KG + "containingDivision": "within",
    _KG + "countryCode": "country",
}
_INDUSTRY = {
    _KG + "nationalIndustryCode": "code",
    _KG + "nationalIndustryLevel": "level",
    _KG + "nationalIndustryTitle": "title",
    _KG + "emergingIndustryCode": "sei_code",
    _KG + "emergingIndustryTitle": "sei_title",
}


def read_links(store, keys: Mapping[str, str]) -> dict[str, PlaceLink | IndustryLink]:
    """The link of every entity in a pyoxigraph ``store`` that has one, by node key.

    Args:
        store: the build's store.
        keys: entity IRI → node key (entities not in it are left out).
    """
    values = " ".join(f"<{p}>" for p in (*_PLACE, *_INDUSTRY))
    fields: dict[str, dict[str, str]] = {}
    for s in store.query(f"SELECT ?e ?p ?o WHERE {{ VALUES ?p {{ {values} }} ?e ?p ?o }}"):
        e, p, o = (t.value for t in s)
        if e in keys:
            fields.setdefault(e, {})[p] = o
    out: dict[str, PlaceLink | IndustryLink] = {}
    for e, f in sorted(fields.items()):
        if any(p in _PLACE for p in f):
            place = {_PLACE[p]: v for p, v in f.items() if p in _PLACE}
            for c in ("lat", "lon"):
                if c in place:
                    place[c] = Decimal(place[c])  # type: ignore[assignment]
            out[keys[e]] = PlaceLink(**place)  # type: ignore[arg-type]
        else:
            out[keys[e]] = IndustryLink(**{_INDUSTRY[p]: v for p, v in f.items()})
    return out
