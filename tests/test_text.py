"""Normalisation: width folding, line re-joining, sentence split, offsets back to the original."""
from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from kg.text import looks_traditional, normalise, to_simplified


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
    assert [n.text[s:e] for s, e in n.sentences] == ["甲地建设乙中心；", "丙地发展丁产业！", "是否可行？", "可行。"]


def test_text_converts_traditional_script_and_keeps_offsets():
    raw = "臺灣地區發展積體電路產業。\n"
    n = normalise(raw)
    assert n.traditional
    assert n.text == "台湾地区发展积体电路产业。"
    assert [raw[n.offsets[i]] for i in range(2)] == ["臺", "灣"]
    assert not looks_traditional("台湾地区发展集成电路产业。")


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("成都重庆发展产业，。；\n \u3000ＡＢ１２□●-—“”（）《》A1") + [chr(c) for c in range(0x4E00, 0x4E40)]), max_size=300))
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
