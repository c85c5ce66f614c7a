"""Places → GB/T 2260 division codes, WGS84 coordinates and ISO 3166-1 country codes.

The division table is the one ``cpca`` ships (``cpca/resources/adcodes.csv``:
12-digit code, name, longitude, latitude); the first six digits are the
GB/T 2260 code. A Place is looked up by its canonical name (then its
aliases): an exact official name (成都市, 海淀区) first, else the name a
division goes by without its suffix (成都, 海淀, 内蒙古).

A name several divisions share (鼓楼区 is a district of 南京, 福州, 开封 and
徐州) is resolved by the *place context*: the other places named in the same
documents that link unambiguously. A candidate earns 2 for each context place
in its city and 1 for each in its province; the best wins when it beats every
other. Without a decision from the context, a bare name that is a province's
or a city's goes to that unit rather than to a county-level one of the same
stem (西安 is the city; the district 西安区 is written with its suffix), and
only a place of the same city overrules that (西安 beside 辽源 is 辽源's
西安区). A county's name without its suffix, or a 地区's or 盟's, is linked
only beside a place of its province (灯塔 and 阿里 are words and companies
too). Anything still tied stays unlinked: never a guess.

Development zones and new areas (天府新区, 合肥高新区) have no code of their
own: they get the coordinates of the division they lie in, marked with that
division's code (:attr:`PlaceLink.within`): from the State Council's list of
national new areas, else from a division named at the start of their name
(合肥 of 合肥高新技术产业开发区), else from the places the text says they lie in
(``locatedIn``/``partOf``), when those agree.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from functools import cache
from importlib import resources

LEVELS = ("province", "city", "county")

#: Name endings of zones and areas that are no administrative division.
ZONE_SUFFIXES = (
    "新区",
    "开发区",
    "高新区",
    "经开区",
    "自贸区",
    "自由贸易试验区",
    "自由贸易港",
    "自贸港",
    "合作区",
    "示范区",
    "试验区",
    "保税区",
    "综合保税区",
)

# Rank of a name match: an exact official name; a province's or a 市's name
# without its suffix; a county-level one, or a 地区's or 盟's (灯塔, 阿里: words
# too, so they need a place of their province beside them); a prefecture
# without its ethnic-autonomy suffix (海南 of 海南藏族自治州 must not rival 海南省).
_EXACT, _HIGH, _COUNTY, _WEAK = 0, 1, 2, 3
_SKIP = {"市辖区", "县", "省直辖县级行政区划", "自治区直辖县级行政区划"}
_PROVINCE_SUFFIXES = (
    "维吾尔自治区",
    "壮族自治区",
    "回族自治区",
    "自治区",
    "特别行政区",
    "省",
    "市",
)
_CITY_SUFFIXES = ("地区", "市", "盟")
_COUNTY_SUFFIXES = ("自治县", "自治旗", "林区", "特区", "区", "县", "市", "旗")
_ETHNIC = re.compile(r"^(.{2,}?)(?:.{1,4}?族)+(?:自治州|自治县|自治旗)$")


@dataclass(frozen=True)
class Division:
    """One row of the GB/T 2260 table: six-digit ``code``, ``name``, ``level``, WGS84 ``lat``/``lon``."""

    code: str
    name: str
    level: str
    lat: Decimal
    lon: Decimal


@dataclass(frozen=True)
class PlaceLink:
    """What a Place is linked to.

    Attributes:
        adcode: its GB/T 2260 code (a division), else ``None``.
        level: ``province``, ``city`` or ``county`` (with ``adcode``).
        lat, lon: WGS84 coordinates: its own, or those of ``within``.
        within: for a zone or new area, the code of the division it lies in,
            whose coordinates it carries.
        country: its ISO 3166-1 alpha-2 code (a country).
    """

    adcode: str | None = None
    level: str | None = None
    lat: Decimal | None = None
    lon: Decimal | None = None
    within: str | None = None
    country: str | None = None

    def signature(self) -> str:
        """A text that changes exactly when the link does (for the RDF writer's block signatures)."""
        return "|".join(
            "" if v is None else str(v)
            for v in (self.adcode, self.level, self.lat, self.lon, self.within, self.country)
        )


def _level(code: str) -> str:
    if code.endswith("0000"):
        return "province"
    if code.endswith("00"):
        return "city"
    return "county"


def _short_names(name: str, level: str) -> list[tuple[str, int]]:
    """The names a division goes by without its suffix, with their rank."""
    out: list[tuple[str, int]] = []
    m = _ETHNIC.match(name)
    if m:
        out.append((m.group(1), _WEAK))
    suffixes = {
        "province": _PROVINCE_SUFFIXES,
        "city": _CITY_SUFFIXES,
        "county": _COUNTY_SUFFIXES,
    }[level]
    for suffix in suffixes:
        if name.endswith(suffix) and len(name) - len(suffix) >= 2:
            high = level == "province" or (level == "city" and suffix == "市")
            out.append((name[: -len(suffix)], _HIGH if high else _COUNTY))
            break
    return out


@cache
def divisions() -> dict[str, Division]:
    """Every division of cpca's table with coordinates, by six-digit code."""
    table = resources.files("cpca").joinpath("resources/adcodes.csv")
    out: dict[str, Division] = {}
    with table.open(encoding="utf-8") as f:
        for row in csv.DictReader(f):
            name = row["name"].strip()
            if name in _SKIP or not row["latitude"] or not row["longitude"]:
                continue
            code = row["adcode"][:6]
            out.setdefault(
                code,
                Division(
                    code, name, _level(code), Decimal(row["latitude"]), Decimal(row["longitude"])
                ),
            )
    return out


@cache
def _name_index() -> dict[str, dict[str, int]]:
    """Name → {code: best rank} over exact names and short names."""
    index: dict[str, dict[str, int]] = {}

    def add(name: str, code: str, rank: int) -> None:
        codes = index.setdefault(name, {})
        codes[code] = min(rank, codes.get(code, rank))

    for d in divisions().values():
        add(d.name, d.code, _EXACT)
        for short, rank in _short_names(d.name, d.level):
            add(short, d.code, rank)
    return index


def division_candidates(name: str) -> dict[str, int]:
    """Codes a place name may denote, with the rank of the match (0 is an exact official name).

    Exact official names shut out short ones: 朝阳区 is a district, never 朝阳市.

    >>> division_candidates("成都")
    {'510100': 1}
    >>> sorted(division_candidates("鼓楼区"))
    ['320106', '320302', '350102', '410204']
    """
    codes = _name_index().get(name, {})
    exact = {c: r for c, r in codes.items() if r == _EXACT}
    return dict(sorted((exact or codes).items()))


#: Province-level municipalities: for their districts they are also the city.
_MUNICIPALITIES = ("11", "12", "31", "50")


def _support(code: str, context: Iterable[str]) -> int:
    """2 for each context place in the candidate's city (or the candidate itself), 1 in its province."""
    score = 0
    for p in context:
        same_city = p[:4] == code[:4] and not p.endswith("0000") and not code.endswith("0000")
        if p == code or same_city or (p[:2] == code[:2] and p[:2] in _MUNICIPALITIES):
            score += 2
        elif p[:2] == code[:2]:
            score += 1
    return score


def resolve_division(candidates: Mapping[str, int], context: Iterable[str] = ()) -> str | None:
    """The one code among ``candidates`` (code → rank) that the context, or else the rank, singles out.

    >>> resolve_division({"320106": 0, "350102": 0}, ["320100"])
    '320106'
    >>> resolve_division({"320106": 0, "350102": 0}) is None
    True
    >>> resolve_division({"610100": 1, "220403": 2})
    '610100'
    >>> resolve_division({"211081": 2}) is None, resolve_division({"211081": 2}, ["210000"])
    (True, '211081')
    """
    if not candidates:
        return None
    places = sorted(set(context))
    scores = sorted(((_support(c, places), c) for c in candidates), reverse=True)
    best = min(candidates.values())
    top_score, top = scores[0]
    second_score = scores[1][0] if len(scores) > 1 else 0
    # The context decides among names of one rank; to overrule the rank (a county-level
    # 海南区 over the province 海南) it needs a place in the same city, not just the province.
    if top_score > second_score and (top_score >= 2 or (top_score > 0 and candidates[top] == best)):
        return top
    # Without the context only a full name, or a province's or a 市's short name, stands alone.
    ranked = [c for c, r in candidates.items() if r == best]
    return ranked[0] if len(ranked) == 1 and best <= _HIGH else None


@cache
def countries() -> dict[str, str]:
    """Chinese country name → ISO 3166-1 alpha-2 code (``data/iso3166_1.tsv``)."""
    out: dict[str, str] = {}
    for row in _rows("iso3166_1.tsv"):
        for zh in row[3].split("|"):
            if zh:
                out.setdefault(zh, row[0])
    return out


@cache
def new_areas() -> dict[str, str]:
    """Name of a national new area (and its other names) → code of the division holding it."""
    out: dict[str, str] = {}
    for name, others, code in _rows("new_areas.tsv"):
        for n in (name, *others.split("|")):
            if n:
                out[n] = code
    return out


def _rows(file_name: str) -> list[list[str]]:
    text = resources.files("kg.link.data").joinpath(file_name).read_text(encoding="utf-8")
    return [line.split("\t") for line in text.splitlines() if line and not line.startswith("#")]


def is_zone(name: str) -> bool:
    """Whether the name is a zone's or area's rather than a division's (by its ending).

    >>> is_zone("合肥高新技术产业开发区"), is_zone("海淀区")
    (True, False)
    """
    return name.endswith(ZONE_SUFFIXES)


def _division_link(code: str) -> PlaceLink:
    d = divisions()[code]
    return PlaceLink(adcode=code, level=d.level, lat=d.lat, lon=d.lon)


def _zone_link(code: str) -> PlaceLink:
    d = divisions()[code]
    return PlaceLink(lat=d.lat, lon=d.lon, within=code)


def _contains(outer: str, inner: str) -> bool:
    """Whether division ``outer`` holds ``inner`` (or is it)."""
    if outer == inner:
        return True
    if outer.endswith("0000"):
        return inner[:2] == outer[:2]
    if outer.endswith("00"):
        return inner[:4] == outer[:4]
    return False


def _innermost(codes: Iterable[str]) -> str | None:
    """The one code every other code holds, if the codes nest (成都 within 四川 gives 成都)."""
    codes = sorted(set(codes))
    for c in codes:
        if all(_contains(o, c) for o in codes):
            return c
    return None


@dataclass(frozen=True)
class PlaceInput:
    """What the linker reads of one Place: its names, documents and the places it is said to lie in."""

    key: str
    name: str
    aliases: tuple[str, ...] = ()
    documents: tuple[str, ...] = ()
    within: tuple[str, ...] = ()  # keys of places it is locatedIn / partOf


def link_places(places: Iterable[PlaceInput]) -> dict[str, PlaceLink]:
    """Link every place that can be linked; the others are left out of the result.

    >>> links = link_places([PlaceInput("Place:成都", "成都", documents=("d1",))])
    >>> links["Place:成都"].adcode, links["Place:成都"].level
    ('510100', 'city')
    """
    places = sorted(places, key=lambda p: p.key)
    links: dict[str, PlaceLink] = {}
    candidates: dict[str, dict[str, int]] = {}
    zones: list[PlaceInput] = []
    for p in places:
        if p.name in new_areas():
            zones.append(p)
            continue
        found = division_candidates(p.name)
        if not found and not is_zone(p.name):
            for alias in p.aliases:
                found = {**division_candidates(alias), **found}
        if found:
            candidates[p.key] = found
        elif is_zone(p.name):
            zones.append(p)
        else:
            code = countries().get(p.name) or next(
                (countries()[a] for a in p.aliases if a in countries()), None
            )
            if code:
                links[p.key] = PlaceLink(country=code)

    # Pass 1: names that denote one division; they are the context of the others.
    by_doc: dict[str, set[str]] = {}
    for p in places:
        found = candidates.get(p.key, {})
        if len(found) == 1 and min(found.values()) <= _HIGH:
            code = next(iter(found))
            links[p.key] = _division_link(code)
            for doc in p.documents:
                by_doc.setdefault(doc, set()).add(code)
    # Pass 2: shared names, by the places named in the same documents.
    for p in places:
        found = candidates.get(p.key, {})
        if p.key not in links and found:
            context = set().union(*(by_doc.get(doc, set()) for doc in p.documents))
            code = resolve_division(found, context)
            if code:
                links[p.key] = _division_link(code)
    # Pass 3: zones and new areas, from the divisions linked above.
    for p in zones:
        code = _zone_container(p, links, by_doc)
        if code:
            links[p.key] = _zone_link(code)
    return links


def _zone_container(p: PlaceInput, links: Mapping[str, PlaceLink], by_doc) -> str | None:
    for n in (p.name, *p.aliases):
        if n in new_areas():
            return new_areas()[n]
    context = set().union(*(by_doc.get(doc, set()) for doc in p.documents))
    for end in range(len(p.name) - 1, 1, -1):
        found = division_candidates(p.name[:end])
        if found:
            return resolve_division(found, context)
    said = [links[k].adcode for k in p.within if k in links and links[k].adcode]
    return _innermost(c for c in said if c)
