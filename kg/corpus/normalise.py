"""Normalise PDF-extracted Chinese text and keep a map back to the original.

PDF extraction breaks lines mid-sentence (often with blank lines between),
interleaves page numbers and box markers, and mixes full- and half-width
forms. :func:`normalise` undoes that and returns, for every character of the
normalised text, its index in the original, so any span found later can be
shown in the source.

The work is done on whole runs of characters (not character by character)
and the offset map is stored as runs (:class:`Offsets`), so a file of tens
of megabytes on one line is normalised in memory proportional to its size
with a small constant. A paragraph longer than :data:`MAX_PARAGRAPH_CHARS`
is split at sentence ends, which bounds the work any later stage does on
one paragraph.
"""

from __future__ import annotations

import re
import statistics
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from .offsets import MappedText, Offsets, TextBuilder
from .sentences import CLOSERS, SENTENCE_END, chunks, split_sentences

#: A line ending in one of these is complete; the next line starts afresh.
LINE_COMPLETE = SENTENCE_END + "：:…" + CLOSERS
#: Markers that PDF extraction leaves at the start of bylines and boxes.
BOX_MARKERS = "□■●○◆◇▲△★☆▪▫◎"
#: A paragraph longer than this is split (at a sentence end where there is
#: one) into paragraphs of at most this many characters.
MAX_PARAGRAPH_CHARS = 5000
#: Lines longer than this are converted to simplified script in pieces.
_MAX_CONVERT_CHARS = 100_000

_PAGE_NUMBER = re.compile(
    r"^\s*(?:[-—–]\s*\d{1,4}\s*[-—–]|\d{1,4}|第\s*\d{1,4}\s*页(?:\s*共\s*\d+\s*页)?|\d{1,4}\s*/\s*\d{1,4}|page\s*\d+)\s*$",
    re.IGNORECASE,
)
_LIST_START = re.compile(
    r"^\s*(?:[（(][一二三四五六七八九十\d]+[)）]|[一二三四五六七八九十]+、|\d+(?:\.\d+)*[、.．\s]|第[一二三四五六七八九十百\d]+[章节条部分篇]|[①-⑳])"
)
_KEEP_FULL_WIDTH = "，；：！？（）"
_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_LINE_BREAK = re.compile(r"\r\n|\r|\n|\u2028|\u2029|\f")
_SPACES = re.compile(r"\s+")  # \s is exactly str.isspace() for str patterns
_SPACE_NEIGHBOURS = "，。、；：“”（）《》"
#: Characters that normalisation leaves exactly as they are (printable ASCII,
#: CJK ideographs, the usual Chinese punctuation). Anything else goes through
#: the per-character rules of :func:`_fold_char`.
_UNCHANGED = re.compile(
    "[^\u0020-\u007e\u3400-\u4dbf\u4e00-\u9fff\u3001\u3002\u3008-\u3011\u3014-\u301b"
    "\u2018\u2019\u201c\u201d\u2014\u00b7" + _KEEP_FULL_WIDTH + "]"
)
_DROPPED_CATEGORIES = ("Cc", "Cf", "Cs", "Co")


def is_cjk(ch: str) -> bool:
    """True for a CJK ideograph.

    >>> is_cjk("成"), is_cjk("A")
    (True, False)
    """
    return bool(_CJK.match(ch))


@dataclass(frozen=True)
class NormalisedText:
    """The result of :func:`normalise`.

    Attributes:
        text: normalised text; paragraphs separated by ``"\\n"``.
        offsets: ``offsets[i]`` is the index in the original of ``text[i]``
            (an :class:`Offsets`, which behaves like a tuple of ints).
        sentences: ``(start, end)`` spans of ``text``, in order.
        traditional: whether the original was converted from traditional script.
    """

    text: str
    offsets: Offsets
    sentences: tuple[tuple[int, int], ...]
    traditional: bool


@lru_cache(maxsize=1)
def _t2s():
    import opencc

    return opencc.OpenCC("t2s")


def to_simplified(text: str) -> str:
    """Traditional to simplified script (OpenCC ``t2s``).

    >>> to_simplified("國家實驗室")
    '国家实验室'
    """
    return _t2s().convert(text)


def looks_traditional(text: str, threshold: float = 0.02) -> bool:
    """Whether enough CJK characters change under t2s to call the text traditional.

    A simplified text changes in almost no character, so a small threshold
    tells the scripts apart without converting simplified text needlessly.

    >>> looks_traditional("發展新質生產力"), looks_traditional("发展新质生产力")
    (True, False)
    """
    sample = "".join(_CJK.findall(text[:20000]))
    if not sample:
        return False
    converted = to_simplified(sample)
    if len(converted) != len(sample):
        return True
    changed = sum(a != b for a, b in zip(sample, converted, strict=False))
    return changed / len(sample) >= threshold


def _fold_char(ch: str) -> str:
    """What one character becomes: ``""`` (dropped), ``" "`` (a tab) or its NFKC form."""
    if ch in BOX_MARKERS or ch == "\ufeff" or unicodedata.category(ch) in _DROPPED_CATEGORIES:
        return " " if ch == "\t" else ""
    # Fold width forms (ＡＢＣ１２３, ideographic space) but keep the
    # full-width punctuation Chinese prose is written with.
    return ch if ord(ch) <= 0x7F or ch in _KEEP_FULL_WIDTH else unicodedata.normalize("NFKC", ch)


def _fold_line(raw: str, start: int, end: int) -> TextBuilder:
    """NFKC-fold ``raw[start:end]``, keeping each output character's origin."""
    out = TextBuilder()
    pos = start
    for m in _UNCHANGED.finditer(raw, start, end):
        i = m.start()
        out.add(raw[pos:i], pos)
        folded = _fold_char(raw[i])
        if len(folded) == 1:
            out.add(folded, i)
        else:
            for f in folded:  # every character of an expansion comes from i
                out.add(f, i)
        pos = i + 1
    out.add(raw[pos:end], pos)
    return out


def _convert_script(text: str) -> str:
    """t2s over a line, keeping one output character per input character."""
    if len(text) > _MAX_CONVERT_CHARS:
        return "".join(_convert_script(text[a:b]) for a, b in chunks(text, _MAX_CONVERT_CHARS))
    converted = to_simplified(text)
    if len(converted) == len(text):
        return converted
    return "".join(c if len(c) == 1 else ch for ch, c in ((ch, to_simplified(ch)) for ch in text))


def _squeeze_spaces(line: MappedText) -> MappedText:
    """Drop spaces at the ends and between two CJK characters (or next to
    Chinese punctuation); fold every other run of spaces to one."""
    text = line.text
    if not _SPACES.search(text):
        return line
    out = TextBuilder()
    done = 0
    for m in _SPACES.finditer(text):
        a, b = m.span()
        out.copy(line, done, a)
        if a > 0 and b < len(text):
            prev, nxt = text[a - 1], text[b]
            if not (
                (is_cjk(prev) and is_cjk(nxt))
                or prev in _SPACE_NEIGHBOURS
                or nxt in _SPACE_NEIGHBOURS
            ):
                out.add(" ", line.raw_at(a))
        done = b
    out.copy(line, done, len(text))
    return out.build(line.newline_at)


def _read_lines(raw: str, traditional: bool) -> list[MappedText]:
    bounds = [(m.start(), m.end()) for m in _LINE_BREAK.finditer(raw)]
    if not bounds or bounds[-1][1] < len(raw) or not raw:
        bounds.append((len(raw), len(raw)))
    lines: list[MappedText] = []
    pos = 0
    for end, after in bounds:
        start, pos = pos, after
        if start >= end:
            continue
        folded = _fold_line(raw, start, end)
        if not folded.n:
            continue
        line = folded.build(min(end, len(raw) - 1))
        if traditional:
            line.text = _convert_script(line.text)
        line = _squeeze_spaces(line)
        if not line.text or _PAGE_NUMBER.match(line.text):
            continue
        lines.append(line)
    return lines


def _continues(lines: list[MappedText], i: int) -> bool:
    """Whether line ``i`` runs on into line ``i + 1`` (a mid-sentence break)."""
    line, nxt = lines[i].text, lines[i + 1].text
    if line[-1] in LINE_COMPLETE or _LIST_START.match(nxt):
        return False
    if not (is_cjk(line[-1]) or line[-1].isalnum() or line[-1] in "，、“（(《"):
        return False
    if line[-1] in "，、“（(《" or len(line) >= 40:
        return True
    # A short line is a heading unless it is as wide as the column around it.
    window = [len(lines[j].text) for j in range(max(0, i - 4), min(len(lines), i + 6)) if j != i]
    window = [w for w in window if w >= 8]
    if not window:
        return False
    width = statistics.median(window)
    return len(line) >= 0.8 * width and len(line) >= 10


def normalise(raw: str) -> NormalisedText:
    """Normalise decoded text and keep the offset map.

    Width forms are folded (NFKC), traditional script becomes simplified,
    lines broken mid-sentence are re-joined, page-number lines and box
    markers dropped, and the text is split into sentences on 。！？； and
    paragraph breaks. A paragraph longer than :data:`MAX_PARAGRAPH_CHARS`
    is split into shorter ones at sentence ends.

    >>> raw = "某市积极探索核心技术攻关新型举国体制，推动科技创新和科\\n\\n技成果转化同时发力。\\n- 3 -\\n□张三\\n"
    >>> n = normalise(raw)
    >>> n.text
    '某市积极探索核心技术攻关新型举国体制，推动科技创新和科技成果转化同时发力。\\n张三'
    >>> [n.text[s:e] for s, e in n.sentences]
    ['某市积极探索核心技术攻关新型举国体制，推动科技创新和科技成果转化同时发力。', '张三']
    >>> raw[n.offsets[n.text.index("张三")]]
    '张'
    >>> "".join(normalise("ＡＢＣ１２３").text)
    'ABC123'
    """
    traditional = looks_traditional(raw)
    lines = _read_lines(raw, traditional)
    out = TextBuilder()
    sentences: list[tuple[int, int]] = []
    para = TextBuilder()
    for i, line in enumerate(lines):
        para.copy(line, 0, len(line.text))
        last = i == len(lines) - 1
        if not last and _continues(lines, i):
            nxt = lines[i + 1].text
            if (
                line.text[-1].isascii()
                and line.text[-1].isalnum()
                and nxt[0].isascii()
                and nxt[0].isalnum()
            ):
                para.add(" ", line.newline_at)
            continue
        _add_paragraph(out, sentences, para.build())
        if not last:
            out.add("\n", line.newline_at)
        para = TextBuilder()
    text = "".join(out.parts)
    return NormalisedText(
        text, Offsets(out.starts, out.values, out.n), tuple(sentences), traditional
    )


def _add_paragraph(out: TextBuilder, sentences: list[tuple[int, int]], para: MappedText) -> None:
    """Append a paragraph (split if it is too long) and its sentence spans."""
    spans = [(0, len(para.text))]
    if len(para.text) > MAX_PARAGRAPH_CHARS:
        spans = chunks(para.text, MAX_PARAGRAPH_CHARS)
    for k, (a, b) in enumerate(spans):
        if k:
            out.add("\n", para.raw_at(a))
        base = out.n - a
        sentences.extend((base + s, base + e) for s, e in split_sentences(para.text, a, b))
        out.copy(para, a, b)
