"""Figures in text: a number with its unit, which matches are figures, and what one counts.

:data:`NUMBER` finds 146个, 1300 万辆, 3.8亿元, 8大…; :func:`not_a_figure` drops years,
ranges, ranks, durations and numbers inside titles; :func:`indicator` reads what a
figure counts from the clause before it (新能源汽车产量突破|1300万辆).
"""

from __future__ import annotations

import re

from . import patterns as P

_UNITS = P.alternation(P.UNITS)
#: A number and its unit (146个, 1300 万辆, 3.8亿元, 8大…).
NUMBER = re.compile(
    r"(?P<num>\d+(?:[.,]\d+)*|[一二两三四五六七八九十]*[百千][一二两三四五六七八九十百千]*(?=[万亿]?(?:个|家|项|所|名|位|条|座)))\s*"
    r"(?P<scale>万亿|亿|千万|百万|万)?\s*(?P<approx>余|多)?\s*(?P<unit>" + _UNITS + r")"
    # 8大未来产业, 4大科创高地: a count of named items (Arabic digits only: 十八大 is a congress)
    r"|(?<![\d.])(?P<count>\d{1,2})(?P<big>大)(?=[\u4e00-\u9fff])"
)
#: What opens the clause before a figure without saying what is counted (其中, 累计, 拥有…).
LEAD = re.compile(
    r"^(?:[，,、：:\s]|其中|截至|目前|当前|已|已经|共|累计|全年|全市|全省|全国|集聚|拥有|建成|培育|引进|"
    r"新增|实现|达到|达|超过|超|突破|约|近|为|有|建有|布局|落地|聚集|汇聚|形成|打造|带动|年均|预计|"
    r"成功|首批|首个|获批|在)+"
)
#: What ends it, right before the figure (达到, 突破, 增长至…).
TAIL = re.compile(
    r"(?:达到|达|超过|超|突破|约|近|为|共|累计|增长至|增长到|提高到|提升至|提升到|增至|增长|提高|提升|保持|连续|分别|从|由|以上|左右|等)+$"
)
# 5%-20%, 100—500亩, 60%到70%: the bounds of a range
_RANGE_NEXT = re.compile(r"\s*(?:[-—–~～至到]|以上至)\s*\d")
_RANGE_PREV = re.compile(r"\d\s*(?:%|万|亿|元|个|亩|家)?\s*[-—–~～至到]\s*$")
#: Words before N年 that make it a time span (过去5年, 近10年, 未来5年).
_PERIOD_WORDS = ("过去", "近", "未来", "今后", "最近", "此后")


def not_a_figure(text: str, m: re.Match) -> bool:
    """Whether a match of :data:`NUMBER` is no figure: a year, a range, an idiom, a rank,
    a duration or a number inside a title.

    >>> not_a_figure("过去5年", NUMBER.search("过去5年"))
    True
    """
    unit = m.group("unit")
    num = m.group("num")
    after = text[m.end() : m.end() + 2]
    before = text[max(0, m.start() - 3) : m.start()].rstrip()[-1:]
    if unit == "年" and (
        re.fullmatch(r"(19|20)\d{2}", num)
        or after.startswith(("代", "初", "底", "末", "前", "后", "起", "来", "内", "度", "月"))
    ):
        return True
    if _RANGE_NEXT.match(text, m.end()) or _RANGE_PREV.search(
        text[max(0, m.start() - 6) : m.start()]
    ):
        return True  # 5%-20%的奖励: a range, not one figure
    if num in ("百", "千", "万") and text[m.end() : m.end() + 1] in ("万", "百", "千"):
        return True  # 千家万户, 千行百业: an idiom, not a count (千项合作项目 is one)
    if unit == "个百分点":
        return True  # 高于全省2.1个百分点: a difference between two rates, not a figure
    if unit == "年" and re.search(
        r"(?:用了?|历时|花了|耗时)$", text[max(0, m.start() - 4) : m.start()]
    ):
        return True  # 深圳用了6年: how long something took
    if unit in ("名", "位") and before == "前":
        return True  # 前10名: a cut-off, not a count (58万名人才 and 第2位 are kept)
    if unit == "个" and after.startswith("月"):
        return True  # 历时9个月: a duration
    if unit == "年" and text[max(0, m.start() - 3) : m.start()].rstrip().endswith(_PERIOD_WORDS):
        return True  # 过去5年, 未来十年: the span a statement covers, not a figure
    if before in ("第", "前") and unit not in ("名", "位"):
        return True
    # a number inside a title or a quoted name is part of the name (《…报告2024》)
    opened = text.rfind("《", 0, m.start())
    return bool(opened >= 0 and text.find("》", opened) > m.start())


def indicator(text: str, before: str, subject_surface: str, m: re.Match) -> str:
    """What a number counts: the clause before it, without its subject and verbs
    (what follows it for a count of items: 8大|未来产业)."""
    if m.group("count"):
        return re.split(r"[，,；;。、：:（(]", text[m.end() : m.end() + 24], maxsplit=1)[0].strip()
    if subject_surface:
        before = before.replace(subject_surface, "", 1)
    before = before.rsplit("、", 1)[-1].strip()  # …3个联合实验室、146个: only the last item
    indicator = TAIL.sub("", LEAD.sub("", before).strip()).strip(" ，,的")
    if not indicator:  # 拥有3个国家联合实验室: what is counted follows the number
        indicator = re.split(r"[，,；;。、：:（(]", text[m.end() : m.end() + 24], maxsplit=1)[
            0
        ].strip()
    return indicator
