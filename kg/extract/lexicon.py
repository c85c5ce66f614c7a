"""Lexicons from public sources: administrative divisions and classification lists.

* Chinese administrative divisions come from the ``cpca`` package's copy of
  the national division codes (province, prefecture, county level), which
  also gives the hierarchy used for ``partOf``.
* Industries, organizations, world places and Chinese named regions come
  from the lists in ``kg/extract/data/`` (see the README there for sources).

A :class:`Lexicon` maps every surface form to a :class:`LexEntry` (type,
canonical name, finer class).
"""

from __future__ import annotations

import csv
import importlib.resources
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

DATA_DIR = Path(__file__).parent / "data"

#: Suffixes of division names, longest first, stripped to get the short name.
_DIVISION_SUFFIXES = (
    "维吾尔自治区",
    "壮族自治区",
    "回族自治区",
    "特别行政区",
    "自治区",
    "自治州",
    "地区",
    "盟",
    "省",
    "市",
)
_COUNTY_SUFFIXES = ("自治县", "新区", "区", "县", "市", "旗")
_MUNICIPALITIES = {"11", "12", "31", "50"}


@dataclass(frozen=True)
class LexEntry:
    """What a lexicon term is: type, canonical name, finer class."""

    type: str
    canonical: str
    subclass: str | None = None


@dataclass
class Lexicon:
    """Surface form → entry, plus the place hierarchy.

    Attributes:
        entries: every surface form (canonical names and aliases).
        parents: canonical place → canonical place it is part of.
        abbreviations: one-character abbreviations (蓉 → 成都), used only in
            compounds (川渝) and fixed phrases (在蓉).
        regions: canonical multi-city region → canonical member places.
    """

    entries: dict[str, LexEntry] = field(default_factory=dict)
    parents: dict[str, str] = field(default_factory=dict)
    abbreviations: dict[str, str] = field(default_factory=dict)
    regions: dict[str, frozenset[str]] = field(default_factory=dict)

    _prefixes: frozenset[str] | None = field(default=None, repr=False, compare=False)

    def add(self, surface: str, entry: LexEntry, *, override: bool = False) -> None:
        """Add a surface form; the first entry for a form wins unless ``override``."""
        surface = surface.strip()
        if len(surface) < 2:
            return
        if override or surface not in self.entries:
            self.entries[surface] = entry
            self._prefixes = None

    def begins_a_term(self, text: str) -> bool:
        """Whether some surface form begins with ``text`` (国家 begins 国家发展改革委), so a
        rule reading words one by one knows when no longer term can follow."""
        if self._prefixes is None:
            self._prefixes = frozenset(
                surface[:k] for surface in self.entries for k in range(1, len(surface) + 1)
            )
        return text in self._prefixes

    def get(self, surface: str) -> LexEntry | None:
        """The entry for a surface form, or ``None``."""
        return self.entries.get(surface)


def _strip_suffix(name: str, suffixes: tuple[str, ...]) -> str:
    for suffix in suffixes:
        if name.endswith(suffix) and len(name) - len(suffix) >= 2:
            return name[: -len(suffix)]
    return name


def _division_short(name: str) -> str:
    """Short form of a province or prefecture name.

    >>> _division_short("新疆维吾尔自治区"), _division_short("成都市"), _division_short("阿坝藏族羌族自治州")
    ('新疆', '成都', '阿坝')
    """
    short = _strip_suffix(name, _DIVISION_SUFFIXES)
    # 阿坝藏族羌族自治州 -> 阿坝: drop the ethnic names before 自治州
    if "族" in short and name.endswith("自治州"):
        short = short[:2]
    return short


def _division_level(code: str) -> int:
    """1 province, 2 city, 3 county, 4 below, from a 12-digit administrative code.

    >>> _division_level("510000000000"), _division_level("510100000000"), _division_level("510104000000")
    (1, 2, 3)
    """
    return (
        1 if code[2:] == "0" * 10 else 2 if code[4:] == "0" * 8 else 3 if code[6:] == "0" * 6 else 4
    )


def _city_short_form_ok(short: str, common_words: dict[str, str]) -> bool:
    """Whether a county-level city's name without 市 is safe as its name (临清, 常熟; not 合作, 东方).

    >>> _city_short_form_ok("临清", {}), _city_short_form_ok("合作", {"合作": "vn"})
    (True, False)
    """
    return len(short) >= 2 and short not in common_words


def _add_divisions(lex: Lexicon, place_words: set[str], common_words: dict[str, str]) -> None:
    path = importlib.resources.files("cpca") / "resources" / "adcodes.csv"
    with path.open(encoding="utf-8") as fh:
        codes = [(r["adcode"], r["name"]) for r in csv.DictReader(fh)]
    # Provinces first, then cities, then counties: a higher level wins a name clash
    # (西安 the city over the short form of 辽源's 西安区), and parents precede children.
    rows = sorted((_division_level(code), code, name) for code, name in codes)
    canonical_of: dict[str, str] = {}
    for level, code, name in rows:
        if level == 4 or name in ("市辖区", "县", "省直辖县级行政区划", "自治区直辖县级行政区划"):
            continue
        short = _division_short(name)
        if level == 1:
            canonical = short
            subclass = "City" if code[:2] in _MUNICIPALITIES else "Province"
        elif level == 2:
            canonical = short
            subclass = "City"
        elif name.endswith("市") and _city_short_form_ok(name[:-1], common_words):
            canonical = name[
                :-1
            ]  # a county-level city, named like a prefecture city (临清市 → 临清)
            subclass = "City"
        else:
            canonical = name
            subclass = "District"
        if canonical != name and (taken := lex.get(canonical)) and taken.type == "Place":
            # Higher levels win a name clash (吉林 the province over 吉林 the city, 海南
            # the province over 海南藏族自治州): the lower one keeps its full name, so the
            # two never become one entity.
            canonical = name
        entry = LexEntry("Place", canonical, subclass)
        lex.add(name, entry)
        lex.add(canonical, entry)
        if name.endswith("自治州"):
            lex.add(short + "州", entry)  # 大理白族自治州 is written 大理州 too
        if level == 3:
            short = _strip_suffix(name, _COUNTY_SUFFIXES)
            # A county's short form is a place only where the general
            # dictionary already knows it as a place name (永川, not 和平).
            if short != name and short in place_words:
                lex.add(short, entry)
        code_key = code[: 2 * level]
        canonical_of[code_key] = canonical
        # A district of a municipality has no prefecture row: its parent is the province level.
        parent = canonical_of.get(code[: 2 * (level - 1)]) or canonical_of.get(code[:2])
        if level > 1 and parent and parent != canonical:
            lex.parents.setdefault(canonical, parent)


def _read_list(name: str):
    """Yield ``(term, aliases, section)`` from a data file; nothing if it is missing."""
    path = DATA_DIR / name
    if not path.exists():
        return
    section = ""
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("#"):
            section = line.lstrip("# ").strip().lower()
            continue
        if not line.strip():
            continue
        term, _, rest = line.partition("\t")
        aliases = [a.strip() for a in rest.split("|") if a.strip()]
        yield term.strip(), aliases, section


def _jieba_words() -> tuple[set[str], dict[str, str]]:
    """From jieba's general dictionary, in one read: the words it tags as place names
    (``ns``), and the frequent words that are not nouns or names (合作, 东方) with their tag."""
    import jieba

    name_tags = {"ns", "n", "nr", "nz", "nt", "nrt", "nrfg", "j", "b"}
    places: set[str] = set()
    common: dict[str, str] = {}
    with (Path(jieba.__file__).parent / "dict.txt").open(encoding="utf-8") as fh:
        for line in fh:
            parts = line.split()
            if len(parts) != 3:
                continue
            if parts[2] == "ns":
                places.add(parts[0])
            elif parts[2] not in name_tags and int(parts[1]) >= 300:
                common[parts[0]] = parts[2]
    return places, common


@lru_cache(maxsize=1)
def load_lexicon() -> Lexicon:
    """Build the lexicon once per process."""
    lex = Lexicon()
    for term, aliases, section in _read_list("places_world.txt"):
        if section.startswith("world cities"):
            subclass = "City"
        elif term.endswith(("洲", "亚", "区", "部", "东", "欧", "美")):
            subclass = "Region"
        else:
            subclass = "Country"
        entry = LexEntry("Place", term, subclass)
        for surface in (term, *aliases):
            lex.add(surface, entry)
    _add_divisions(lex, *_jieba_words())
    for term, aliases, section in _read_list("places_cn_regions.txt"):
        if section.startswith("abbreviation"):
            if len(term) == 1 and aliases:
                target = lex.get(aliases[0])
                lex.abbreviations[term] = target.canonical if target else aliases[0]
            continue
        entry = LexEntry("Place", term, "Region")
        for surface in (term, *aliases):
            lex.add(surface, entry, override=surface == term)
    for region, members, _ in _read_list("region_members.txt"):
        known = lex.get(region)
        names = frozenset((e.canonical if (e := lex.get(m)) else m) for m in members)
        lex.regions[known.canonical if known else region] = names
    for term, aliases, _ in _read_list("organizations.txt"):
        # A laboratory is a platform in our ontology, whoever runs it.
        type_ = "Platform" if term.endswith(("实验室", "科学中心")) else "Organization"
        entry = LexEntry(type_, term, "Laboratory" if type_ == "Platform" else None)
        for surface in (term, *aliases):
            lex.add(surface, entry)
    for term, aliases, _ in _read_list("programs.txt"):
        entry = LexEntry("Program", term, "Policy" if term.endswith(("战略", "倡议")) else None)
        for surface in (term, *aliases):
            lex.add(surface, entry)
    for term, aliases, _ in _read_list("industries.txt"):
        entry = LexEntry("Industry", term, None)
        for surface in (term, *aliases):
            lex.add(surface, entry)
    return lex
