"""Place rules: relations read from names and their neighbours, without a verb.

北京“星谷” and 合肥高新区的量子大街 (adjacency), 武汉市武昌区 (a district with its
own city), 武汉东湖高新区 (a place named inside a name), 成都 … 成渝地区 (a member
of a region).
"""

from __future__ import annotations

import itertools
from typing import TYPE_CHECKING

from . import roles as R
from .clauses import Sentence

if TYPE_CHECKING:  # (relations imports this module: the name is for annotations only)
    from .relations import RelationRules


def adjacency(rules: RelationRules, s: Sentence) -> None:
    """Relations read from juxtaposition: 北京“星谷”, 重庆永川区, 合肥高新区的量子大街."""
    text, ents = s.text, s.ents
    for a, b in itertools.pairwise(s.members):
        ea, eb = ents[a], ents[b]
        gap = text[ea.end : eb.start]
        if len(gap) > 2 or gap.strip('的“”"') != "":
            continue
        if (ea.type == "Place" and eb.type == "Place" and rules.within(eb.name, ea.name)) or (
            ea.type == "Place" and eb.type in ("Platform", "Organization")
        ):
            rules.emit(b, "locatedIn", a, s, "adjacency")
        elif ea.type in ("Place", "Organization") and eb.type == "Program" and gap.startswith("的"):
            rules.emit(a, "implements", b, s, "adjacency")  # 德国的“工业4.0”
    # a member place named beside its region (成都 … 成渝地区)
    places = [i for i in s.members if ents[i].type == "Place"]
    for a in places:
        members = rules.lexicon.regions.get(ents[a].name)
        if not members:
            continue
        for b in places:
            if ents[b].name in members:
                rules.emit(b, "partOf", a, s, "adjacency")


def parent_places(rules: RelationRules, s: Sentence) -> None:
    """A district or county named in a sentence with its own city (苏州…，其中常熟市…;
    武汉市武昌区、洪山区) lies in it: the administrative parent the lexicon knows."""
    ents = s.ents
    places = {ents[i].name: i for i in s.members if ents[i].type == "Place"}
    for name, i in places.items():
        parent = rules.lexicon.parents.get(name)
        if (
            parent in places
            and ents[i].subclass in ("City", "District")
            and ents[places[parent]].subclass == "City"
        ):  # (a city in its province only where the text says so: 浙江杭州, 位于…)
            rules.emit(i, "locatedIn", places[parent], s, "parent")


def nested(rules: RelationRules, s: Sentence) -> None:
    """Relations a name states about itself: 人工智能+行动 focuses on 人工智能,
    武汉东湖高新区 lies in 武汉, 北京市自然科学基金… is a program of 北京."""
    ents = s.ents
    for j, inner in enumerate(ents):
        if not inner.nested or not (s.start <= inner.start < s.end):
            continue
        for i, outer in enumerate(ents):
            if outer.nested or not (outer.start <= inner.start and inner.end <= outer.end):
                continue
            if inner.type == "Industry":
                rules.emit(i, "focusesOn", j, s, "nested")
            elif inner.subclass not in ("City", "Province", "Country", "Region"):
                continue  # a county's short name inside a name is too often a coincidence (西湖实验室)
            elif outer.type == "Program" and inner.subclass in ("City", "Province"):
                rules.emit(j, "implements", i, s, "nested")
            elif (
                outer.type != "Program"
                and outer.subclass != "GovernmentBody"
                and R.qualifies(outer.surface, inner.surface)
            ):
                # (a place's own government body is its, not merely in it)
                rules.emit(i, "locatedIn", j, s, "nested")
