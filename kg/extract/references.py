"""Reference lists: the citations a paper or report ends with are not statements of its own.

A line ``参考文献`` (or 参考资料, 主要参考文献, References) opens a list of citations
(``1. 作者，《标题》，人民日报，2024年1月``): the outlets, authors and titles in it
name where the text's ideas come from, not what it reports, so extraction skips
them. The list runs until the next part: a short unnumbered line without
punctuation (编写说明, 附录, 后记), or prose (an unnumbered line with a full stop:
the heading before it may have been joined to the last citation), or the text's end.
"""

from __future__ import annotations

import re

_OPENS = re.compile(r"\s*(?:主要)?参考(?:文献|资料)\s*[:：]?\s*$|\s*references\s*[:：]?\s*$", re.I)
#: A heading that ends the list: a few characters, no digit, no punctuation.
_NEXT_PART = re.compile(r"\s*[\u4e00-\u9fffA-Za-z ]{2,12}\s*$")
#: A numbered citation: 1. / [1] / （1） / ①.
_NUMBERED = re.compile(r"\s*(?:\d+[.．、]|\[\d+\]|[（(]\d+[)）]|[\u2460-\u2473])")


def reference_paragraphs(lines: list[str]) -> set[int]:
    """Indices of the lines that belong to a reference list (its heading included).

    >>> sorted(reference_paragraphs(["正文。", "参考文献", "1. 甲，《乙》，某日报，2024年", "后记", "说明。"]))
    [1, 2]
    >>> sorted(reference_paragraphs(["参考资料：", "[1] 甲，《乙》。", "2024年第3期", "丙由丁编写。"]))
    [0, 1, 2]
    """
    inside = False
    out = set()
    for n, line in enumerate(lines):
        if _OPENS.match(line):
            inside = True
        elif inside and (_NEXT_PART.match(line) or ("。" in line and not _NUMBERED.match(line))):
            inside = False
        if inside:
            out.add(n)
    return out
