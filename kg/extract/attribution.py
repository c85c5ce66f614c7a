"""Attribution of figures: whose figure a number is, when the clause or sentence says.

The entity a clause names before the number (新能源汽车产量突破…), the program a
sentence refers back to (按照该计划…, 《方案》提出…) or opens by launching (深入实施“X计划”，…),
the fund or platform a figure describes through 的 (总规模300亿元的X基金), and the
place whose industry a measured industry is (重庆新能源汽车产量).
"""

from __future__ import annotations

import re
from pathlib import Path

from . import patterns as P
from .entities import Found
from .scope import SUBJECT_TYPES

#: 按照该计划，… / 该中心已…: a sentence about the program or platform just named.
ANAPHOR = re.compile(
    r"\s*(?:(?:据介绍|据悉|此外|同时|其中)[，,]?)?(?:按照|根据|依据|通过)?"
    r"(?:(?:该|这家|这个|此)(?P<head>计划|方案|行动|工程|项目|基金|中心|平台|实验室|基地|园区|公司|企业)"
    # 《方案》提出…: a policy's short name, declared after its full one (以下简称《方案》)
    r"|《(?P<short>方案|意见|规划|计划|纲要|办法|措施|通知|决定|条例)》)"
)
# 扎根中国|30多年的|阿斯利康: what lies between a place and the company it describes
_MODIFIES = re.compile(r"[^，,。；;、]{0,10}的")
#: What a fund or platform's own size is called (X基金规模达…).
_SIZE_WORDS = ("规模", "总规模", "资金规模")
#: Head words that stand for the whole name when repeated alone (基金规模…, 平台已…).
_BARE_HEADS = ("基金", "计划", "平台", "中心", "实验室", "园区")
#: A sentence that opens by launching something: 深入实施|“X计划”
_LAUNCH = re.compile(r"\s*(?:深入|全面|大力|加快|组织|继续|持续)?(?:实施|推行|启动|开展)")
#: Nouns that say what is measured about an industry (产量, 规模, 占…比重), one a line
#: in ``data/observation_measures.txt``.
_MEASURES = tuple(
    line.strip()
    for line in (Path(__file__).parent / "data" / "observation_measures.txt")
    .read_text(encoding="utf-8")
    .splitlines()
    if line.strip() and not line.startswith("#")
)


def subject_in_clause(
    text: str, ents: list[Found], in_sent: list[int], c0: int, c1: int
) -> int | None:
    """What a clause's number is about, when the clause names it.

    A Place or Organization in the clause wins; else a named thing directly
    followed by what is counted (新能源汽车产量突破…), unless it is one item
    of a list (电子信息、装备制造2个…产业集群 counts the list for its subject).
    """
    inside = [i for i in in_sent if c0 <= ents[i].start and ents[i].end <= c1]
    for n, i in enumerate(inside):  # 我国数字经济规模达…: the industry measured, not the country
        e = ents[i]
        opens = e.start - c0 <= 2 or (n > 0 and ents[inside[n - 1]].end == e.start)
        if e.type == "Industry" and opens and text[e.end : c1].lstrip().startswith(_MEASURES):
            return i
    actors = [i for i in inside if ents[i].type in SUBJECT_TYPES]
    for n, i in enumerate(actors):
        if n + 1 < len(actors) and _MODIFIES.fullmatch(
            text[ents[i].end : ents[actors[n + 1]].start]
        ):
            continue  # 总部位于芜湖的奇瑞汽车…销量 / 扎根中国30多年的X: the place only modifies X
        if n + 1 < len(actors) and (
            P.narrows(ents, i, actors[n + 1])
            or (
                ents[i].type == "Place"
                and ents[actors[n + 1]].type == "Organization"
                and ents[actors[n + 1]].start == ents[i].end
            )
        ):
            return actors[n + 1]  # 贵州贵阳集聚… / 重庆X汽车实现盈利…: the narrower one
        return i
    for i in inside:  # a platform or program the clause opens with (平台已上线仪器设备272台)
        e = ents[i]
        if (
            e.type in ("Platform", "Program")
            and e.start - c0 <= 2
            and text[e.end : e.end + 1] not in "、和及与"
        ):
            return i
        if e.type in ("Platform", "Program") and text.startswith(_SIZE_WORDS, e.end):
            return i  # 设立X引导基金规模达到100亿元: the fund's size
    return _bare_head_referent(text, ents, in_sent, c0)


def anaphor(text: str, ents: list[Found], s0: int) -> int | None:
    """What a sentence opening with 按照该计划 / 该中心 refers to: the last program or platform
    named before it in the paragraph, preferring one with that head word."""
    m = ANAPHOR.match(text, s0)
    if not m:
        return None
    head = m.group("head") or m.group("short")
    if head in ("公司", "企业"):
        kinds: tuple[str, ...] = ("Organization",)  # 该公司…: the company just named
    else:
        kinds = ("Program", "Platform") if m.group("head") else ("Program",)
    # programs recalled from earlier paragraphs (start < 0) come before this paragraph's
    recalled = [i for i, e in enumerate(ents) if e.start < 0 and e.type in kinds]
    here = [i for i, e in enumerate(ents) if 0 <= e.end <= s0 and not e.nested and e.type in kinds]
    # 该计划 is the paragraph's own when it names one; 《方案》 may be any earlier program
    before = recalled + here if m.group("short") or not here else here
    same = [
        i for i in before if ents[i].name.rstrip("）)》”").endswith(head) or head in ents[i].name
    ]
    candidates = same or ([] if m.group("short") else before)
    return candidates[-1] if candidates else None


def described(text: str, ents: list[Found], in_sent: list[int], at: int) -> int | None:
    """The program, platform or organization a figure ending at ``at`` describes
    through 的 (总规模300亿元的X基金, 面积2万平方米的X产业园), or ``None``."""
    if not text.startswith("的", at):
        return None
    return next(
        (
            i
            for i in in_sent
            if ents[i].start == at + 1 and ents[i].type in ("Program", "Platform", "Organization")
        ),
        None,
    )


def _bare_head_referent(text: str, ents: list[Found], in_sent: list[int], c0: int) -> int | None:
    """设立X联合基金，基金规模累计达3.8亿元: a clause opening with a name's head word alone
    refers to the last program or platform of the sentence with that head."""
    for i in reversed(
        [i for i in in_sent if ents[i].end <= c0 and ents[i].type in ("Program", "Platform")]
    ):
        name = ents[i].name
        head = next((h for h in _BARE_HEADS if name.endswith(h) and len(name) > len(h)), None)
        if head and text.startswith(head, c0) and not text.startswith(head + "会", c0):
            return i
    return None


def launched_program(text: str, ents: list[Found], in_sent: list[int], s0: int) -> int | None:
    """The program a sentence opens by launching (深入实施“X计划”，…), or ``None``.

    The clauses after it set the program's targets, so their figures are its too.
    """
    m = _LAUNCH.match(text, s0)
    if not m:
        return None
    return next(
        (
            i
            for i in in_sent
            if ents[i].type == "Program"
            and ents[i].start - m.end() <= 1
            and re.match(r"[”\"]?\s*[，,]", text[ents[i].end : ents[i].end + 2])
        ),
        None,
    )


def industry_owner(
    ents: list[Found], industry: int, sent_subject: int | None, topic: int | None, at: int
) -> int | None:
    """The place (or platform) whose industry a measured industry is: the place named right
    before it (重庆新能源汽车产量), else the sentence's or the text's subject.

    A nation is never the owner: theory prose says 我国 of every national total, and
    the figure is the industry's (我国数字经济规模达…).
    """
    e = ents[industry]
    before = next(
        (i for i, o in enumerate(ents) if o.end == e.start and o.start >= 0 and not o.nested), None
    )
    for i in (before, sent_subject, topic):
        if i is None or i == industry:
            continue
        o = ents[i]
        if i == before and o.type != "Place":
            continue
        if o.start >= 0 and o.end > at:
            continue  # named after the number: not what the clause before it is about
        if o.type in ("Place", "Platform") and o.subclass != "Country":
            return i
        if o.type == "Place":
            return None  # 我国…: a nation's figure stays the industry's
    return None
