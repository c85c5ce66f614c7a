"""Normalisation: width folding, line re-joining, sentence split, offsets back to the original."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from kg.corpus.normalise import looks_traditional, normalise, to_simplified


def test_text_rejoins_lines_broken_between_cjk_characters():
    raw = (
        "某市坚持把发展新质生产力作为推动高质量发展的重要着力点，持续\n\n"
        "推进科技创新和产业创新深度融合，加快建设现代化产业体系。\n"
        "以创新驱动引领发展\n"
        "某市深入实施创新驱动发展战略。\n"
    )
    n = normalise(raw)
    assert n.text.splitlines() == [
        "某市坚持把发展新质生产力作为推动高质量发展的重要着力点，持续推进科技创新和产业创新深度融合，加快建设现代化产业体系。",
        "以创新驱动引领发展",
        "某市深入实施创新驱动发展战略。",
    ]
    assert [n.text[s:e] for s, e in n.sentences] == n.text.splitlines()


def test_text_drops_page_numbers_and_box_markers_and_folds_width():
    n = normalise("□李四\n- 12 -\n第 3 页\n１２３ＡＢＣ研究院。\n")
    assert n.text == "李四\n123ABC研究院。"


def test_text_splits_sentences_on_chinese_end_marks():
    n = normalise("甲地建设乙中心；丙地发展丁产业！是否可行？可行。\n")
    assert [n.text[s:e] for s, e in n.sentences] == [
        "甲地建设乙中心；",
        "丙地发展丁产业！",
        "是否可行？",
        "可行。",
    ]


def test_text_converts_traditional_script_and_keeps_offsets():
    raw = "臺灣地區發展積體電路產業。\n"
    n = normalise(raw)
    assert n.traditional
    assert n.text == "台湾地区发展积体电路产业。"
    assert [raw[n.offsets[i]] for i in range(2)] == ["臺", "灣"]
    assert not looks_traditional("台湾地区发展集成电路产业。")


@settings(max_examples=300, deadline=None)
@given(
    st.text(
        alphabet=st.sampled_from(
            list("成都重庆发展产业，。；\n \u3000ＡＢ１２□●-—“”（）《》A1")
            + [chr(c) for c in range(0x4E00, 0x4E40)]
        ),
        max_size=300,
    )
)
def test_text_offsets_point_back_into_the_original(raw):
    n = normalise(raw)
    assert len(n.offsets) == len(n.text)
    for i, ch in enumerate(n.text):
        j = n.offsets[i]
        assert 0 <= j < len(raw)
        if ch not in " \n":
            # the original character folds (NFKC) to this one
            import unicodedata

            folded = unicodedata.normalize("NFKC", raw[j])
            assert ch in (raw[j], folded, to_simplified(folded))
    for s, e in n.sentences:
        assert 0 <= s < e <= len(n.text)


# --- Odd and huge input --------------------------------------------------------

import pickle  # noqa: E402

from kg.corpus.normalise import _UNCHANGED, MAX_PARAGRAPH_CHARS, _fold_char  # noqa: E402
from kg.corpus.offsets import Offsets  # noqa: E402

_CJK_CHARS = st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF)
_ODD_CHARS = st.one_of(
    st.characters(codec=None),  # any code point, surrogates and private use included
    st.characters(
        min_codepoint=0xD800, max_codepoint=0xDFFF
    ),  # lone surrogates (as from surrogateescape)
    st.characters(max_codepoint=0x1F),  # control characters
    st.sampled_from(
        list("，。；！？”）\n\r\t \u3000\u2028\u2029\f\x0b\x85\ufeff\u200b□●①ＡＢ１２…·")
    ),
)
#: CJK-heavy text in mixed scripts with control characters and lone surrogates.
ODD_TEXT = st.lists(
    st.one_of(
        _CJK_CHARS,
        _CJK_CHARS,
        _ODD_CHARS,
        st.sampled_from(["臺灣", "發展", "Ελλάδα", "Москва", "عربي"]),
    ),
    max_size=300,
).map("".join)


@settings(max_examples=400, deadline=None)
@given(ODD_TEXT)
def test_text_normalises_any_unicode_and_offsets_stay_inside(raw):
    n = normalise(raw)
    assert len(n.offsets) == len(n.text)
    assert all(0 <= j < len(raw) for j in n.offsets)
    assert list(n.offsets) == [n.offsets[i] for i in range(len(n.text))]
    assert not any("\ud800" <= ch <= "\udfff" for ch in n.text)  # lone surrogates never survive
    ends = [0]
    for s, e in n.sentences:
        assert ends[-1] <= s < e <= len(n.text)
        ends.append(e)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.integers(0, 50), max_size=60))
def test_text_offsets_behave_like_a_tuple(steps):
    values, v = [], 0
    for step in steps:
        v += step if step % 3 else 1  # mostly runs, with jumps
        values.append(v)
    o = Offsets.of(values)
    assert (
        o == tuple(values) and o == values and tuple(o) == tuple(values) and len(o) == len(values)
    )
    assert hash(o) == hash(tuple(values))
    assert [o[i] for i in range(-len(values), len(values))] == values[-len(values) :] + values
    assert o[2:7] == tuple(values[2:7]) and o.head(5) == tuple(values[:5])
    assert pickle.loads(pickle.dumps(o)) == o
    assert o.runs <= max(1, len(values))


def test_text_characters_left_unchanged_really_are():
    for c in range(0x10000):
        ch = chr(c)
        if not _UNCHANGED.match(ch):
            assert _fold_char(ch) == ch, hex(c)


def test_text_splits_an_overlong_paragraph_at_sentence_ends():
    sentence = "某市推动人工智能与实体经济深度融合，培育新质生产力。"  # 26 characters
    raw = sentence * 1000  # one line of 26,000 characters
    n = normalise(raw)
    paragraphs = n.text.split("\n")
    assert len(paragraphs) > 1 and all(len(p) <= MAX_PARAGRAPH_CHARS for p in paragraphs)
    assert all(p.endswith("。") for p in paragraphs)  # cut after a sentence end
    assert n.text.replace("\n", "") == raw
    assert [n.text[s:e] for s, e in n.sentences] == [sentence] * 1000
    assert all(raw[n.offsets[i]] == ch for i, ch in enumerate(n.text) if ch != "\n")


def test_text_splits_an_overlong_paragraph_without_sentence_ends():
    raw = "产业" * 7000 + "，" + "创新" * 3000  # no end marks: cut after the comma, then anywhere
    n = normalise(raw)
    lengths = [len(p) for p in n.text.split("\n")]
    assert max(lengths) <= MAX_PARAGRAPH_CHARS and sum(lengths) == len(raw)
    assert n.text.replace("\n", "") == raw


def test_text_normalises_a_long_line_in_linear_time():
    import time

    raw = (
        "某市加快建设现代化产业体系，推动数字经济发展（２０２３年）……" * 20000
    )  # 620,000 characters
    started = time.perf_counter()
    n = normalise(raw)
    assert time.perf_counter() - started < 20
    assert n.offsets.runs < len(n.text) // 4  # runs, not one entry per character
