"""Enumerations: a list of names gives one relation per item.

苏州的上市公司有A、B、C (each lies in 苏州), 电子信息、装备制造和生物医药三大产业集群
(each is developed by the place the text is about), A、B等企业落户合肥 (each lies
there). This module finds the lists and the constructions around them; the
relation rules decide the subject.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .entities import Found

#: What joins two items of one list (A、B和C, A及B).
_ITEM_JOIN = frozenset({"、", "和", "及", "与", "以及"})

# 拥有|引进了|集聚了一批: a place that has, brought in or gathered what the list names
_HOLDS = re.compile(
    r"^(?:的[^，。；]{0,10}?)?(?:还|已|也|先后|目前|共|陆续|相继|已经)*"
    r"(?:拥有|有(?![关效力序的])|引进|引入|集聚|聚集|汇聚|吸引)(?:了)?"
    r"(?:一批|多家|众多|[\d一二两三四五六七八九十百]+(?:余|多)?[家个所座项])?"
    # (an item the name rules did not find may open the list: 引进了X电器、Y有限公司…)
    r"(?:[^，。；、]{2,12}、){0,2}$"
)
# …等企业|纷纷|落户|长沙 / …等龙头企业都陆续在|深圳都市圈: a list of things, then where they settle
_SETTLE_BEFORE = re.compile(
    r"^(?:等[^，。；]{0,12}?)?(?:都|均|也|已|纷纷|陆续|先后|相继|相继在)*"
    r"(?:落户|落地|入驻|扎根|在)(?:于|到|在)?$"
)
_SETTLE_AFTER = re.compile(r"^(?:范围内|境内|内|周边)?(?:布局|设立|落户|落地|投资|建厂|设有|入驻)")
# 电子信息、装备制造和生物医药|四大产业创新集群 / |等主导产业
_NAMED_GROUP_AFTER = re.compile(
    r"^(?:等)?(?:[一二两三四五六七八九十\d]+(?:大|个|项))?[^，。；、]{0,4}?"
    r"(?:产业集群|产业创新集群|主导产业|支柱产业|重点产业|优势产业|特色产业|先导产业|战略性新兴产业集群)"
)
# 三大主导产业为|纺织鞋服、石油化工
_NAMED_GROUP_BEFORE = re.compile(
    r"(?:产业集群|主导产业|支柱产业|重点产业|优势产业|特色产业|先导产业)"
    r"(?:分别)?(?:为|是|包括|有)[：:]?$"
)
# 推动城市大脑在交通、医疗等领域应用 / 涵盖交通、医疗: fields where something is used, not industries
_APPLIED_AFTER = re.compile(
    r"^(?:等)?[^，。；、]{0,4}?(?:领域|场景|方面)[^，。；]{0,6}?(?:应用|推广|普及|落地)"
)
_APPLIED_BEFORE = re.compile(
    # (not 主导产业包括A、B: the text calls them industries)
    r"(?<!产业)(?<!行业)(?:涵盖|包括|包含|涉及|覆盖|应用于|服务于|赋能)(?:了|到)?$"
)
_NAMES_AN_INDUSTRY = re.compile(r"^(?:等)?[^，。；、]{0,6}?(?:产业|行业)")


def list_items(text: str, ents: Sequence[Found], idxs: Sequence[int], member: int) -> list[int]:
    """The items (indices into ``ents``, in text order) of the 、/和-list ``member`` is in,
    among the spans ``idxs``; just ``[member]`` when it stands alone.

    >>> from kg.extract.entities import Found
    >>> e = [Found(0, 2, "Place", "合肥", "合肥"), Found(3, 5, "Place", "芜湖", "芜湖"), Found(6, 8, "Place", "蚌埠", "蚌埠")]
    >>> list_items("合肥、芜湖和蚌埠", e, [0, 1, 2], 1)
    [0, 1, 2]
    """
    k = list(idxs).index(member)
    lo = hi = k
    while lo > 0 and text[ents[idxs[lo - 1]].end : ents[idxs[lo]].start].strip() in _ITEM_JOIN:
        lo -= 1
    while (
        hi + 1 < len(idxs)
        and text[ents[idxs[hi]].end : ents[idxs[hi + 1]].start].strip() in _ITEM_JOIN
    ):
        hi += 1
    return list(idxs[lo : hi + 1])


def lists_in(text: str, ents: Sequence[Found], idxs: Sequence[int]) -> list[list[int]]:
    """Every maximal 、/和-list of spans in ``idxs`` (single spans included), in text order."""
    out: list[list[int]] = []
    for i in idxs:
        if out and text[ents[out[-1][-1]].end : ents[i].start].strip() in _ITEM_JOIN:
            out[-1].append(i)
        else:
            out.append([i])
    return out


def held_items(
    text: str, ents: Sequence[Found], idxs: Sequence[int], c1: int
) -> list[tuple[int, int]]:
    """``(thing, place)`` pairs where a place has, brought in or houses a list of
    organizations or platforms: 长沙还拥有A、B、C等企业 / A、B等企业落户长沙 /
    A、B等企业都在深圳都市圈布局. Each item lies in the place.

    >>> from kg.extract.entities import Found
    >>> e = [Found(0, 2, "Place", "长沙", "长沙"), Found(5, 7, "Organization", "甲乙", "甲乙"), Found(8, 10, "Organization", "丙丁", "丙丁")]
    >>> held_items("长沙还拥有甲乙、丙丁等企业", e, [0, 1, 2], 14)
    [(1, 0), (2, 0)]
    """
    out: list[tuple[int, int]] = []
    for run in lists_in(text, ents, idxs):
        if ents[run[0]].type not in ("Organization", "Platform"):
            continue
        things = [i for i in run if ents[i].type in ("Organization", "Platform")]
        first, last = ents[run[0]], ents[run[-1]]
        before = [i for i in idxs if ents[i].end <= first.start and ents[i].type == "Place"]
        if before and _HOLDS.match(text[ents[before[-1]].end : first.start]):
            out += [(t, before[-1]) for t in things]
            continue
        after = [i for i in idxs if ents[i].start >= last.end and ents[i].type == "Place"]
        if not after:
            continue
        place = after[0]
        gap = text[last.end : ents[place].start]
        if _SETTLE_BEFORE.match(gap) and (
            not gap.endswith("在") or _SETTLE_AFTER.match(text[ents[place].end : c1])
        ):
            out += [(t, place) for t in things]
    return out


# 钢铁、水泥等重点行业: the sectors a plan names (not a statistics report's 重点行业产值…)
_SECTORS_AFTER = re.compile(r"^等(?:重点|主要|高耗能)?行业")


def named_sectors(text: str, ents: Sequence[Found], run: Sequence[int], c1: int) -> bool:
    """Whether a list of industries ends in 等重点行业 (the sectors a program is about).

    >>> from kg.extract.entities import Found
    >>> e = [Found(0, 2, "Industry", "钢铁", "钢铁"), Found(3, 5, "Industry", "水泥", "水泥")]
    >>> named_sectors("钢铁、水泥等重点行业能效达标", e, [0, 1], 14)
    True
    """
    return all(ents[i].type == "Industry" for i in run) and bool(
        _SECTORS_AFTER.match(text[ents[run[-1]].end : c1])
    )


def named_group(text: str, ents: Sequence[Found], run: Sequence[int], c0: int, c1: int) -> bool:
    """Whether a list of industries names a place's industry groups: 电子信息、装备制造和
    生物医药四大产业集群 / 三大主导产业为纺织鞋服、石油化工 (each is the place's, ``develops``).

    >>> from kg.extract.entities import Found
    >>> e = [Found(0, 4, "Industry", "电子信息", "电子信息"), Found(5, 9, "Industry", "生物医药", "生物医药")]
    >>> named_group("电子信息、生物医药两大产业集群产值增长", e, [0, 1], 0, 19)
    True
    """
    if any(ents[i].type != "Industry" for i in run):
        return False
    after = text[ents[run[-1]].end : c1]
    before = text[c0 : ents[run[0]].start]
    return bool(_NAMED_GROUP_AFTER.match(after) or _NAMED_GROUP_BEFORE.search(before))


def applied_fields(text: str, ents: Sequence[Found], run: Sequence[int], c0: int, c1: int) -> bool:
    """Whether a list names fields where something is applied, not industries:
    城市大脑在交通、医疗等领域应用 / 涵盖交通、医疗、城管 (unless the text says 产业/行业).

    >>> from kg.extract.entities import Found
    >>> e = [Found(4, 6, "Industry", "交通", "交通"), Found(7, 9, "Industry", "医疗", "医疗")]
    >>> applied_fields("城市大脑在交通、医疗等领域普及应用", e, [0, 1], 0, 17)
    True
    >>> applied_fields("主导产业包括交通、医疗", [Found(6, 8, "Industry", "交通", "交通"), Found(9, 11, "Industry", "医疗", "医疗")], [0, 1], 0, 11)
    False
    """
    after = text[ents[run[-1]].end : c1]
    if _NAMES_AN_INDUSTRY.match(after):
        return False
    return bool(
        _APPLIED_AFTER.match(after) or _APPLIED_BEFORE.search(text[c0 : ents[run[0]].start])
    )
