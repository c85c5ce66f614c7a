"""Observation rules: a number with a unit, attributed to what the clause is about.

"集聚国家级创新平台 146 个" in a paragraph about 成都 becomes (成都,
国家级创新平台, 146, 个). The subject is an entity named in the clause
before the number where there is one (新能源汽车产量突破 1300 万辆), else
the sentence's or paragraph's Place/Organization subject.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from spacy.language import Language
from spacy.tokens import Doc

from . import patterns as P
from .entities import Found
from .numerals import parse_number, split_unit
from .relations import sentence_spans

if not Doc.has_extension("kg_observations"):
    Doc.set_extension("kg_observations", default=None)

_UNITS = "|".join(sorted(map(re.escape, P.UNITS), key=P.longest_first))
_NUMBER = re.compile(
    r"(?P<num>\d+(?:[.,]\d+)*|[一二两三四五六七八九十]*[百千][一二两三四五六七八九十百千]*(?=[万亿]?(?:个|家|项|所|名|位|条|座)))\s*"
    r"(?P<scale>万亿|亿|千万|百万|万)?\s*(?P<approx>余|多)?\s*(?P<unit>" + _UNITS + r")"
)
_YEAR = re.compile(r"((?:19|20)\d{2})\s*年")
_LEAD = re.compile(
    r"^(?:[，,、：:\s]|其中|截至|目前|当前|已|已经|共|累计|全年|全市|全省|全国|集聚|拥有|建成|培育|引进|"
    r"新增|实现|达到|达|超过|超|突破|约|近|为|有|建有|布局|落地|聚集|汇聚|形成|打造|带动|年均|预计|"
    r"成功|首批|首个|获批|在)+"
)
_TAIL = re.compile(r"(?:达到|达|超过|超|突破|约|近|为|共|累计|增长至|增长到|提高到|提升至|提升到|增至|增长|提高|提升|保持|连续|分别|从|由|以上|左右|等)+$")
_SUBJECTS = ("Place", "Organization")
#: Nouns that say what is measured about an industry (产量, 规模, 占…比重).
_MEASURES = tuple(
    "规模 产量 产值 占 增加值 出口 营收 营业收入 收入 装机 销量 比重 总量 投资 市场规模 产能 发电 利润 "
    "营业额 交易额 用户 企业 产品 核心产业 总产值 产业规模 渗透率 保有量 进口".split()
)


@dataclass(frozen=True)
class FoundObservation:
    """A number in a paragraph, its subject (a :class:`Found` index) and context."""

    subject: int
    indicator: str
    value: Decimal
    unit: str
    year: int | None
    start: int
    end: int
    sent_start: int
    sent_end: int


def _skip(text: str, m: re.Match) -> bool:
    unit = m.group("unit")
    num = m.group("num")
    after = text[m.end() : m.end() + 2]
    before = text[max(0, m.start() - 3) : m.start()].rstrip()[-1:]
    if unit == "年" and (re.fullmatch(r"(19|20)\d{2}", num) or after.startswith(("代", "初", "底", "末", "前", "后", "起", "来", "内", "度", "月"))):
        return True
    if unit in ("名", "位") and before != "第":
        return True
    if before in ("第", "前") and unit not in ("名", "位"):
        return True
    # a number inside a title or a quoted name is part of the name (《…报告2024》)
    opened = text.rfind("《", 0, m.start())
    if opened >= 0 and text.find("》", opened) > m.start():
        return True
    return False


def _subject_in_clause(text: str, ents: list[Found], in_sent: list[int], c0: int, c1: int) -> int | None:
    """What a clause's number is about, when the clause names it.

    A Place or Organization in the clause wins; else a named thing directly
    followed by what is counted (新能源汽车产量突破…), unless it is one item
    of a list (电子信息、装备制造2个…产业集群 counts the list for its subject).
    """
    inside = [i for i in in_sent if c0 <= ents[i].start and ents[i].end <= c1]
    for n, i in enumerate(inside):  # 我国数字经济规模达…: the industry measured, not the country
        e = ents[i]
        opens = e.start - c0 <= 2 or n > 0 and ents[inside[n - 1]].end == e.start
        if e.type == "Industry" and opens and text[e.end : c1].lstrip().startswith(_MEASURES):
            return i
    for i in inside:
        if ents[i].type in _SUBJECTS:
            return i
    for i in inside:  # a platform or program the clause opens with (平台已上线仪器设备272台)
        e = ents[i]
        if e.type in ("Platform", "Program") and e.start - c0 <= 2 and text[e.end : e.end + 1] not in "、和及与":
            return i
    return None


def find_observations(text: str, ents: list[Found], topic: int | None = None) -> list[FoundObservation]:
    """Numbers with units in a paragraph, attributed to a subject entity.

    ``topic`` indexes an entity carried in from earlier paragraphs.
    """
    out: list[FoundObservation] = []
    carried = topic
    for s0, s1 in sentence_spans(text):
        sentence = text[s0:s1]
        in_sent = [i for i, e in enumerate(ents) if s0 <= e.start and e.end <= s1 and not e.nested]
        lead = [i for i in in_sent if ents[i].type in _SUBJECTS + ("Platform",) and ents[i].start - s0 <= 12
                and text[ents[i].end : ents[i].end + 1] not in "、和及与"
                and not P.in_means_phrase(text, ents[i].start, ents[i].end)]
        sent_subject = lead[0] if lead else None
        ref = P.self_reference(text, s0, s1, ents, carried)
        if ref is not None:
            topic = sent_subject = ref  # 全市规模以上工业增加值…: the place the text is about
        if sent_subject is not None and ents[sent_subject].type == "Place":
            topic = sent_subject
        year_m = _YEAR.search(sentence)
        year = int(year_m.group(1)) if year_m else None
        for m in _NUMBER.finditer(text, s0, s1):
            if _skip(text, m):
                continue
            scale, unit = split_unit(m.group("unit"))
            scale = m.group("scale") or scale
            value = parse_number(m.group("num"), scale)
            if value is None:
                continue
            # the clause before the number names what is counted
            clause_start = s0 + max([0] + [c.end() for c in re.finditer(r"[，,；;。：:]", sentence[: m.start() - s0])])
            indicator_text = text[clause_start : m.start()]
            subject = _subject_in_clause(text, ents, in_sent, clause_start, m.start())
            ref = P.self_reference(text, clause_start, m.start(), ents, carried)
            if ref is not None:
                subject = ref  # 到2027年，全市…: the document's place, not the industry named after it
            if subject is None and out and out[-1].sent_start == s0:
                subject = out[-1].subject  # 占GDP比重提升至42.8%: the clause goes on about the last subject
            if subject is None:
                prior = [i for i in in_sent if ents[i].end <= m.start() and ents[i].type in _SUBJECTS]
                subject = sent_subject if sent_subject is not None and ents[sent_subject].end <= m.start() else (
                    prior[-1] if prior else topic)
            if subject is None:
                continue
            named = ents[subject].surface if ents[subject].start >= clause_start else ""
            indicator = _indicator(text, indicator_text, named, m) or unit
            out.append(FoundObservation(subject, indicator[:40], value, unit, year, m.start(), m.end(), s0, s1))
    return out


def _indicator(text: str, before: str, subject_surface: str, m: re.Match) -> str:
    """What a number counts: the clause before it, without its subject and verbs."""
    if subject_surface:
        before = before.replace(subject_surface, "", 1)
    before = before.rsplit("、", 1)[-1].strip()  # …3个联合实验室、146个: only the last item
    indicator = _TAIL.sub("", _LEAD.sub("", before).strip()).strip(" ，,的")
    if not indicator:  # 拥有3个国家联合实验室: what is counted follows the number
        indicator = re.split(r"[，,；;。、：:（(]", text[m.end() : m.end() + 24], maxsplit=1)[0].strip()
    return indicator


@Language.factory("kg_observations")
def make_observation_component(nlp: Language, name: str):
    """spaCy factory: numbers about entities, in ``doc._.kg_observations``."""

    def component(doc: Doc) -> Doc:
        ents = doc._.kg_entities or []
        topic = len(ents) - 1 if ents and ents[-1].rule == "topic" else None
        doc._.kg_observations = find_observations(doc.text, ents, topic)
        return doc

    return component
