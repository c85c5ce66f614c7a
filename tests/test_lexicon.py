"""kg.extract.lexicon: surface forms → entries, from the division codes and the data lists.

The list semantics are tested on invented list files (``DATA_DIR`` pointed at a
temporary folder); the divisions come from the ``cpca`` package's national
codes, checked on a few divisions of the west.
"""

from __future__ import annotations

import pytest

from kg.extract import lexicon as L
from kg.extract.lexicon import LexEntry, Lexicon, load_lexicon

PLACE = "Place"


# --------------------------------------------------------------------------- Lexicon


def test_lexicon_add_and_get():
    lex = Lexicon()
    entry = LexEntry("Industry", "雾化材料")
    lex.add("雾化材料", entry)
    assert lex.get("雾化材料") is entry
    assert lex.get("雾化") is None


def test_lexicon_add_strips_the_surface():
    lex = Lexicon()
    lex.add("  雾化材料\t", LexEntry("Industry", "雾化材料"))
    assert list(lex.entries) == ["雾化材料"]


@pytest.mark.parametrize("surface", ["", " ", "雾", " 雾 "])
def test_lexicon_add_ignores_one_character_forms(surface):
    # one character is too ambiguous to match in running text
    lex = Lexicon()
    lex.add(surface, LexEntry(PLACE, "雾港"))
    assert lex.entries == {}


def test_lexicon_first_entry_wins_unless_override():
    lex = Lexicon()
    first, second = LexEntry(PLACE, "青禾"), LexEntry("Organization", "青禾")
    lex.add("青禾", first)
    lex.add("青禾", second)
    assert lex.get("青禾") is first
    lex.add("青禾", second, override=True)
    assert lex.get("青禾") is second


def test_lexicon_entry_defaults_and_is_a_value():
    assert LexEntry(PLACE, "雾港").subclass is None
    assert LexEntry(PLACE, "雾港", "City") == LexEntry(PLACE, "雾港", "City")
    with pytest.raises(AttributeError):
        LexEntry(PLACE, "雾港").canonical = "别处"


def test_lexicon_empty_fields_are_not_shared():
    a, b = Lexicon(), Lexicon()
    a.parents["杂多县"] = "玉树"
    a.abbreviations["雾"] = "雾港"
    assert b.parents == {} and b.abbreviations == {} and b.regions == {}


# --------------------------------------------------------------------------- the real lexicon


@pytest.fixture(scope="module")
def lex() -> Lexicon:
    return load_lexicon()


def test_lexicon_load_is_cached(lex):
    assert load_lexicon() is lex


@pytest.mark.parametrize(
    ("surface", "canonical", "subclass"),
    [
        ("青海省", "青海", "Province"),
        ("青海", "青海", "Province"),
        ("新疆维吾尔自治区", "新疆", "Province"),  # the longest suffix comes off
        ("玉树藏族自治州", "玉树", "City"),  # an autonomous prefecture: the ethnic names go too
        ("玉树州", "玉树", "City"),  # and it is written …州 as well
        ("和田地区", "和田", "City"),
        ("格尔木市", "格尔木", "City"),  # a county-level city is named like a prefecture city
        ("天津市", "天津", "City"),  # a municipality is a city, though at province level
        ("杂多县", "杂多县", "District"),  # a county keeps its full name
    ],
)
def test_lexicon_divisions(lex, surface, canonical, subclass):
    assert lex.get(surface) == LexEntry(PLACE, canonical, subclass)


@pytest.mark.parametrize(
    ("place", "parent"),
    [
        ("玉树", "青海"),
        ("杂多县", "玉树"),
        ("和田", "新疆"),
        ("格尔木", "海西"),  # a county-level city in its prefecture
        ("蓟州区", "天津"),  # a municipality's district: no prefecture row between them
    ],
)
def test_lexicon_division_parents(lex, place, parent):
    assert lex.parents[place] == parent


def test_lexicon_provinces_have_no_parent(lex):
    assert "青海" not in lex.parents and "新疆" not in lex.parents


def test_lexicon_common_word_city_keeps_its_suffix(lex):
    # 合作市: 合作 ("cooperation") alone would match everywhere in policy prose
    assert lex.get("合作市") == LexEntry(PLACE, "合作市", "District")
    assert lex.get("合作") is None


def test_lexicon_county_short_form_only_if_known_as_a_place(lex):
    # 杂多县 without 县 is no place name the general dictionary knows
    assert lex.get("杂多") is None


def test_lexicon_every_surface_has_two_characters_or_more(lex):
    assert all(len(s) >= 2 for s in lex.entries)


def test_lexicon_abbreviations_are_one_character_and_canonical(lex):
    assert lex.abbreviations
    for short, full in lex.abbreviations.items():
        assert len(short) == 1
        entry = lex.get(full)
        assert entry is None or entry.canonical == full


def test_lexicon_entry_types_are_ontology_classes(lex):
    types = {e.type for e in lex.entries.values()}
    assert types <= {"Place", "Program", "Industry", "Platform", "Organization"}


# --------------------------------------------------------------------------- the list files


def _write(folder, name, text):
    (folder / name).write_text(text, encoding="utf-8")


@pytest.fixture
def invented(tmp_path, monkeypatch) -> Lexicon:
    """The lexicon with invented list files in place of kg/extract/data/ (divisions stay real)."""
    _write(
        tmp_path,
        "places_world.txt",
        "# 来源：invented for the test\n"
        "青禾国\t青禾共和国|青禾\n"
        "北冥洲\n"
        "\n"
        "# world cities: invented too\n"
        "雾港\t雾港市\n",
    )
    _write(
        tmp_path,
        "places_cn_regions.txt",
        "# 来源：invented\n"
        "云梦湾区\t云梦湾|雾港\n"
        "青禾\t青禾片区\n"
        "# abbreviations\n"
        "玉\t玉树藏族自治州\n"
        "霁\t霁川\n"
        "岚\n",
    )
    _write(tmp_path, "region_members.txt", "# invented\n云梦湾\t玉树藏族自治州|雾港市|无名岛\n")
    _write(
        tmp_path,
        "organizations.txt",
        "# invented\n岚川量子实验室\t岚川实验室\n雾港科学中心\n青禾科技集团\t青禾科技\n",
    )
    _write(tmp_path, "programs.txt", "# invented\n青禾振兴战略\n雾港倡议\n青禾计划\t青禾科技\n")
    _write(tmp_path, "industries.txt", "# invented\n雾化材料\t雾材|雾港\n")
    monkeypatch.setattr(L, "DATA_DIR", tmp_path)
    return load_lexicon.__wrapped__()


def test_lexicon_world_places_subclass(invented):
    assert invented.get("青禾国") == LexEntry(PLACE, "青禾国", "Country")
    assert invented.get("青禾共和国") == LexEntry(PLACE, "青禾国", "Country")  # an alias
    assert invented.get("北冥洲") == LexEntry(PLACE, "北冥洲", "Region")  # …洲 is a region
    assert invented.get("雾港") == LexEntry(PLACE, "雾港", "City")  # in the world cities section
    assert invented.get("雾港市") == LexEntry(PLACE, "雾港", "City")


def test_lexicon_cn_region_term_overrides_an_earlier_form(invented):
    # 青禾 was an alias of the country; as a region's own name it is the region
    assert invented.get("青禾") == LexEntry(PLACE, "青禾", "Region")
    assert invented.get("青禾片区") == LexEntry(PLACE, "青禾", "Region")
    assert invented.get("云梦湾") == LexEntry(PLACE, "云梦湾区", "Region")


def test_lexicon_cn_region_alias_does_not_override(invented):
    assert invented.get("雾港") == LexEntry(PLACE, "雾港", "City")


def test_lexicon_abbreviations_resolve_through_the_lexicon(invented):
    assert invented.abbreviations["玉"] == "玉树"  # the division's canonical name
    assert invented.abbreviations["霁"] == "霁川"  # unknown full name: kept as written
    assert "岚" not in invented.abbreviations  # no full name given
    assert invented.get("玉树藏族自治州") == LexEntry(PLACE, "玉树", "City")  # not a region


def test_lexicon_region_members_canonical(invented):
    assert invented.regions == {"云梦湾区": frozenset({"玉树", "雾港", "无名岛"})}


def test_lexicon_organizations_and_laboratories(invented):
    assert invented.get("岚川量子实验室") == LexEntry("Platform", "岚川量子实验室", "Laboratory")
    assert invented.get("岚川实验室") == LexEntry("Platform", "岚川量子实验室", "Laboratory")
    assert invented.get("雾港科学中心") == LexEntry("Platform", "雾港科学中心", "Laboratory")
    assert invented.get("青禾科技集团") == LexEntry("Organization", "青禾科技集团")
    assert invented.get("青禾科技") == LexEntry("Organization", "青禾科技集团")


def test_lexicon_programs(invented):
    assert invented.get("青禾振兴战略") == LexEntry("Program", "青禾振兴战略", "Policy")
    assert invented.get("雾港倡议") == LexEntry("Program", "雾港倡议", "Policy")
    assert invented.get("青禾计划") == LexEntry("Program", "青禾计划")
    # an alias an organization already has stays the organization's
    assert invented.get("青禾科技") == LexEntry("Organization", "青禾科技集团")


def test_lexicon_industries_after_places(invented):
    assert invented.get("雾化材料") == LexEntry("Industry", "雾化材料")
    assert invented.get("雾材") == LexEntry("Industry", "雾化材料")
    assert invented.get("雾港").type == PLACE  # the place came first


def test_lexicon_missing_list_files(tmp_path, monkeypatch):
    # with no list files at all the divisions still load
    monkeypatch.setattr(L, "DATA_DIR", tmp_path)
    lex = load_lexicon.__wrapped__()
    assert lex.get("玉树藏族自治州") == LexEntry(PLACE, "玉树", "City")
    assert {e.type for e in lex.entries.values()} == {PLACE}
    assert lex.abbreviations == {} and lex.regions == {}


@pytest.mark.parametrize(
    ("lower", "higher"),
    [("海南藏族自治州", "海南"), ("吉林市", "吉林")],
)
def test_lexicon_a_lower_division_never_shares_a_higher_ones_canonical_name(lex, lower, higher):
    # 海南藏族自治州 (in 青海) shortens to 海南, the province's name: it keeps its full name
    assert lex.get(lower).canonical == lower
    assert lex.get(higher).canonical == higher
    assert higher not in lex.parents  # a province is part of no province


def test_lexicon_an_autonomous_prefecture_is_written_with_zhou_too(lex):
    assert lex.get("海南州").canonical == "海南藏族自治州"
    assert lex.get("大理州").canonical == "大理"
