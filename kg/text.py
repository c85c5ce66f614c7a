"""Normalise PDF-extracted Chinese text and keep a map back to the original.

PDF extraction breaks lines mid-sentence (often with blank lines between),
interleaves page numbers and box markers, and mixes full- and half-width
forms. :func:`normalise` undoes that and returns, for every character of the
normalised text, its index in the original, so any span found later can be
shown in the source.
"""
from __future__ import annotations

import re
import statistics
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

#: Characters that end a sentence.
SENTENCE_END = "。！？；!?;"
#: Characters that may close a sentence after its end mark.
CLOSERS = "”’」』）)》"
#: A line ending in one of these is complete; the next line starts afresh.
LINE_COMPLETE = SENTENCE_END + "：:…" + CLOSERS
#: Markers that PDF extraction leaves at the start of bylines and boxes.
BOX_MARKERS = "□■●○◆◇▲△★☆▪▫◎"

_PAGE_NUMBER = re.compile(
    r"^\s*(?:[-—–]\s*\d{1,4}\s*[-—–]|\d{1,4}|第\s*\d{1,4}\s*页(?:\s*共\s*\d+\s*页)?|\d{1,4}\s*/\s*\d{1,4}|page\s*\d+)\s*$",
    re.IGNORECASE,
)
_LIST_START = re.compile(
    r"^\s*(?:[（(][一二三四五六七八九十\d]+[)）]|[一二三四五六七八九十]+、|\d+(?:\.\d+)*[、.．\s]|第[一二三四五六七八九十百\d]+[章节条部分篇]|[①-⑳])"
)
_KEEP_FULL_WIDTH = "，；：！？（）"
_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")


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
        offsets: ``offsets[i]`` is the index in the original of ``text[i]``.
        sentences: ``(start, end)`` spans of ``text``, in order.
        traditional: whether the original was converted from traditional script.
    """

    text: str
    offsets: tuple[int, ...]
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
    changed = sum(a != b for a, b in zip(sample, converted))
    return changed / len(sample) >= threshold


def _fold_chars(raw: str, start: int, end: int) -> tuple[list[str], list[int]]:
    """NFKC-fold ``raw[start:end]`` char by char, keeping each output char's origin."""
    chars: list[str] = []
    offs: list[int] = []
    for i in range(start, end):
        ch = raw[i]
        if ch in BOX_MARKERS or ch == "\ufeff" or unicodedata.category(ch) in ("Cc", "Cf", "Cs", "Co"):
            if ch == "\t":
                chars.append(" ")
                offs.append(i)
            continue
        # Fold width forms (ＡＢＣ１２３, ideographic space) but keep the
        # full-width punctuation Chinese prose is written with.
        folded = ch if ord(ch) <= 0x7F or ch in _KEEP_FULL_WIDTH else unicodedata.normalize("NFKC", ch)
        for f in folded:
            chars.append(f)
            offs.append(i)
    return chars, offs


def _convert_script(chars: list[str]) -> list[str]:
    """t2s over a line, keeping one output character per input character."""
    line = "".join(chars)
    converted = to_simplified(line)
    if len(converted) == len(line):
        return list(converted)
    return [c if len(c) == 1 else ch for ch, c in ((ch, to_simplified(ch)) for ch in chars)]


def _squeeze_spaces(chars: list[str], offs: list[int]) -> tuple[list[str], list[int]]:
    """Drop spaces at the ends and between two CJK characters; fold runs to one."""
    out_c: list[str] = []
    out_o: list[int] = []
    n = len(chars)
    for i, ch in enumerate(chars):
        if ch.isspace():
            if not out_c or out_c[-1] == " ":
                continue
            nxt = next((chars[j] for j in range(i + 1, n) if not chars[j].isspace()), "")
            if not nxt or is_cjk(out_c[-1]) and is_cjk(nxt) or out_c[-1] in "，。、；：“”（）《》" or nxt in "，。、；：“”（）《》":
                continue
            ch = " "
        out_c.append(ch)
        out_o.append(offs[i])
    while out_c and out_c[-1] == " ":
        out_c.pop()
        out_o.pop()
    return out_c, out_o


@dataclass
class _Line:
    chars: list[str]
    offs: list[int]
    newline_at: int  # index of the raw newline ending this line (or len(raw))

    @property
    def text(self) -> str:
        return "".join(self.chars)


def _read_lines(raw: str, traditional: bool) -> list[_Line]:
    lines: list[_Line] = []
    pos = 0
    for match in re.finditer(r"\r\n|\r|\n|\u2028|\u2029|\f", raw + "\n"):
        start, end = pos, match.start()
        pos = match.end()
        chars, offs = _fold_chars(raw, start, min(end, len(raw)))
        if traditional:
            chars = _convert_script(chars)
        chars, offs = _squeeze_spaces(chars, offs)
        if not chars:
            continue
        text = "".join(chars)
        if _PAGE_NUMBER.match(text):
            continue
        lines.append(_Line(chars, offs, min(end, len(raw) - 1) if raw else 0))
    return lines


def _continues(lines: list[_Line], i: int) -> bool:
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


def _split_sentences(text: str, para_start: int) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    start = 0
    i = 0
    n = len(text)
    while i < n:
        if text[i] in SENTENCE_END:
            j = i + 1
            while j < n and text[j] in CLOSERS:
                j += 1
            if text[start:j].strip():
                spans.append((para_start + start, para_start + j))
            start = i = j
            continue
        i += 1
    if start < n and text[start:].strip():
        spans.append((para_start + start, para_start + n))
    return spans


def normalise(raw: str) -> NormalisedText:
    """Normalise decoded text and keep the offset map.

    Width forms are folded (NFKC), traditional script becomes simplified,
    lines broken mid-sentence are re-joined, page-number lines and box
    markers dropped, and the text is split into sentences on 。！？； and
    paragraph breaks.

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
    out: list[str] = []
    offs: list[int] = []
    sentences: list[tuple[int, int]] = []
    para_start = 0
    for i, line in enumerate(lines):
        out.extend(line.chars)
        offs.extend(line.offs)
        last = i == len(lines) - 1
        if not last and _continues(lines, i):
            nxt = lines[i + 1].text
            if line.chars[-1].isascii() and line.chars[-1].isalnum() and nxt[0].isascii() and nxt[0].isalnum():
                out.append(" ")
                offs.append(line.newline_at)
            continue
        para = "".join(out[para_start:])
        sentences.extend(_split_sentences(para, para_start))
        if not last:
            out.append("\n")
            offs.append(line.newline_at)
        para_start = len(out)
    return NormalisedText("".join(out), tuple(offs), tuple(sentences), traditional)
