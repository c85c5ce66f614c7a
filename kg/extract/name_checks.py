"""Whether a suffix-headed phrase names one thing rather than a category: its prefix
names something (a place, a proper noun, a code) and is no generic modifier or clause."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from . import patterns as P
from .name_patterns import (
    _BODY_HEADS,
    _GOVERNMENT_HEADS,
    _INSTITUTION_HEADS,
    _REMIT_HEADS,
    _VALLEY_NAME,
    _balanced,
    _is_generic,
    _is_oov,
)
from .spans import Tok

if TYPE_CHECKING:
    from .entities import EntityRules


def has_proper_signal(rules: EntityRules, prefix: list[Tok]) -> bool:
    """Whether a prefix names something (a place, a proper noun, a code)."""
    text = "".join(t.text for t in prefix)
    if re.search(r"[A-Za-z0-9]", text):
        return True
    if text.startswith(("国家", "中国", "中共", "中央", "亚太", "一带一路")) and len(text) > 2:
        return True
    for t in prefix:
        entry = rules.lexicon.get(t.text)
        if entry:
            if entry.type in ("Place", "Organization", "Platform"):
                return True
            continue  # an industry or program word names a field, not a thing
        if (
            t.tag in ("nr", "nrt", "ns", "nt", "nz", "j", "nrfg")
            and t.text not in P.GENERIC_MODIFIERS
        ):
            return True
        if _is_oov(t.text) or _VALLEY_NAME.fullmatch(t.text):
            return True
    return False


def name_ok(rules: EntityRules, name: str, prefix: list[Tok], suffix: str, type_: str) -> bool:
    """Whether a suffix-headed phrase names one thing rather than a category."""
    if not _balanced(name) or re.search(r"[、。；，]", name):
        return False
    words = [t.text for t in prefix]
    if any(w in P.CLAUSE_MARKERS or w[:1] in ("被", "把") for w in words):
        return False  # 园区很多研究员离开原公司: a clause runs into the head word
    bare = name
    for t in prefix:  # 川渝全国重点实验室: places before a designation do not make a name
        if (
            (e := rules.lexicon.get(t.text)) and e.type == "Place"
        ) or t.text in rules.lexicon.abbreviations:
            bare = bare[len(t.text) :] if bare.startswith(t.text) else bare
        else:
            break
    if bare in P.GENERIC_NAMES and bare != suffix:
        return False  # 川渝全国重点实验室: places before a designation (苏州实验室 is a name)
    if bare == suffix and words and words[-1].endswith("省") and len(words) == 1:
        return False  # 浙江省实验室: the rank of a province's laboratories, not one of them
    if (
        type_ == "Platform"
        and suffix in P.SPECIFIC_HEADS
        and words
        and words[0] in ("国家", "中国")
    ):
        return True
    if type_ == "Platform" and suffix in P.FACILITY_HEADS and len(name) - len(suffix) >= 2:
        # …先后赴|大走廊, 俯瞰|大走廊: a verb of the clause before a bare corridor is no name
        clause_verb = (
            suffix.endswith("走廊")  # also a plain noun: 赴|大走廊调研
            and prefix[-1].tag == "v"
            and prefix[-1].text not in P.PROGRAM_INNER_VERBS
        )
        return not clause_verb and not _is_generic(name, prefix)
    if type_ == "Organization" and suffix in _REMIT_HEADS:
        # 重点产业发展领导小组: a leading group is named by its remit (not 工作领导小组)
        return len(name) - len(suffix) >= 4 and not any(t.tag == "v" for t in prefix)
    if _is_generic(name, prefix) or ("+" in name and type_ != "Program"):
        return False
    if type_ in ("Platform", "Organization"):
        return _body_name_ok(rules, name, prefix, suffix, type_)
    return _program_name_ok(rules, name, prefix, suffix)


def _body_name_ok(
    rules: EntityRules, name: str, prefix: list[Tok], suffix: str, type_: str
) -> bool:
    """:func:`name_ok` for a platform or an organization: a rank or a place with generic
    words is a category; an institution or a scoped body is named by what precedes it."""
    words = [t.text for t in prefix]
    if words and (
        (words[0] == "国家" and any(w in ("级", "重要", "重点", "重大") for w in words[1:3]))
        or words[0].startswith(("国家级", "省级", "市级"))
    ):
        return False  # 国家级X平台, 国家重要X基地: a rank, not a name
    # a place and generic words only (重庆科创平台, 浙江省实验室) name a category
    rest = [
        t
        for t in prefix
        if not (
            (e := rules.lexicon.get(t.text))
            and e.type == "Place"
            and e.subclass in ("City", "Province", "Country", "Region")
        )
    ]
    if (
        rest
        and len(rest) < len(prefix)
        and all(t.text in P.GENERIC_MODIFIERS or t.text in P.GENERIC_NAMES for t in rest)
    ):
        return False
    if type_ == "Organization" and suffix in _INSTITUTION_HEADS and "的" not in name:
        return True  # a university or institute is named by whatever precedes its head
    if (
        type_ == "Organization"
        and suffix in _BODY_HEADS
        and len(name) - len(suffix) >= 4
        and words
        and words[0] in ("全球", "国际", "世界", "中国", "全国", "亚洲", "亚太", "欧洲")
    ):
        return True  # 全球风能理事会: a body named by its scope and field
    if type_ == "Organization" and suffix in _GOVERNMENT_HEADS:
        # 拓宽政府: a government is a place's government (a district's too: 某某区政府)
        first = rules.lexicon.get(prefix[0].text) if prefix else None
        return first is not None and first.type == "Place"
    return has_proper_signal(rules, prefix)


def _program_name_ok(rules: EntityRules, name: str, prefix: list[Tok], suffix: str) -> bool:
    """:func:`name_ok` for a program: short generic heads need more to be a name."""
    quoted = any(t.text in '“”"' for t in prefix)
    core = len(name) - len(suffix)
    if core < 2:
        return False
    if name.endswith("体制机制"):
        return False
    if suffix == "机制" and not (
        quoted or has_proper_signal(rules, prefix) or re.search(r"[A-Za-z0-9]", name)
    ):
        return False
    if suffix in ("项目", "专项") and not (
        quoted or has_proper_signal(rules, prefix) or name.endswith(("示范项目", "试点项目"))
    ):
        return False
    if suffix.endswith("基金") and (
        "+" in name or not (quoted or has_proper_signal(rules, prefix))
    ):
        return False  # 产业投资基金 is a kind of fund, 企业+平台+基金 a formula; 苏州市…产业发展基金 is one
    if suffix == "计划" and len(name) < 7 and not quoted:
        return False
    if suffix == "改革" and (len(name) < 7 or re.search(r"体制|机制|制度", name)) and not quoted:
        return False
    return not (
        suffix in ("工程", "规划", "方案", "计划", "试点", "纲要") and len(name) < 6 and not quoted
    )
