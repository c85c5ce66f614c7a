"""The one sentence splitter: sentence ends, and cuts of over-long text at them.

A sentence ends at 。！？；!?; and any closing marks after it (”’」』）)》).
:func:`split_sentences` gives the sentence spans of a paragraph;
:func:`chunks` cuts a text into pieces of bounded length at the best place
(a sentence end, else a comma or space). Every stage that needs sentences
takes them from here (``Document.sentences`` holds the spans).
"""

from __future__ import annotations

import re

#: Characters that end a sentence.
SENTENCE_END = "。！？；!?;"
#: Characters that may close a sentence after its end mark.
CLOSERS = "”’」』）)》"

_SENTENCE = re.compile(f"[{re.escape(SENTENCE_END)}][{re.escape(CLOSERS)}]*")
_SOFT_BREAKS = "，、：,: "


def split_sentences(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Sentence spans of ``text[start:end]``, ending at 。！？； (and any closing marks after).

    >>> split_sentences("甲乙。丙丁！戊", 0, 7)
    [(0, 3), (3, 6), (6, 7)]
    """
    spans: list[tuple[int, int]] = []
    for m in _SENTENCE.finditer(text, start, end):
        if not text[start : m.end()].isspace():
            spans.append((start, m.end()))
        start = m.end()
    if start < end and not text[start:end].isspace():
        spans.append((start, end))
    return spans


def chunks(text: str, limit: int) -> list[tuple[int, int]]:
    """Split ``text`` into spans of at most ``limit`` characters (give or take
    closing marks), cutting after a sentence end, else after a comma or
    space, else anywhere, always in the second half of the span.

    >>> chunks("甲乙。丙丁，戊己庚", 4)
    [(0, 3), (3, 6), (6, 9)]
    """
    spans: list[tuple[int, int]] = []
    start, n = 0, len(text)
    while n - start > limit:
        lo, hi = start + limit // 2, start + limit
        cut = max(text.rfind(c, lo, hi) for c in SENTENCE_END)
        if cut < 0:
            cut = max(text.rfind(c, lo, hi) for c in _SOFT_BREAKS)
        if cut < 0:
            cut = hi
        else:
            cut += 1
            while cut < n and text[cut] in CLOSERS:
                cut += 1
        spans.append((start, cut))
        start = cut
    spans.append((start, n))
    return spans
