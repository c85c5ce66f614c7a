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

_UNITS = "|".join(sorted(map(re.escape, P.UNITS), key=len, reverse=True))
_NUMBER = re.compile(
    r"(?P<num>\d+(?:[.,]\d+)*|[一二两三四五六七八九十百千]+(?=[万亿]?(?:个|家|项|所|名|位|条|座)))\s*"
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
    before = text[max(0, m.start() - 1) : m.start()]
    if unit == "年" and (re.fullmatch(r"(19|20)\d{2}", num) or after.startswith(("代", "初", "底", "末", "前", "后", "起", "来", "内", "度", "月"))):
        return True
    if unit in ("名", "位") and before != "第":
        return True
    if before in ("第", "前") and unit not in ("名", "位"):
        return True
    return False


def find_observations(text: str, ents: list[Found]) -> list[FoundObservation]:
    """Numbers with units in a paragraph, attributed to a subject entity."""
    out: list[FoundObservation] = []
    topic: int | None = None
    for s0, s1 in sentence_spans(text):
        sentence = text[s0:s1]
        in_sent = [i for i, e in enumerate(ents) if s0 <= e.start and e.end <= s1]
        lead = [i for i in in_sent if ents[i].type in _SUBJECTS and ents[i].start - s0 <= 12]
        if lead:
            topic = lead[0]
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
            clause_start = max(
                [s0] + [c.end() for c in re.finditer(r"[，,；;。：:]", text[s0 : m.start()])]
            )
            if clause_start != s0:
                clause_start = s0 + clause_start if clause_start < s0 else clause_start
            clause_start = max(s0, s0 + max([0] + [c.end() for c in re.finditer(r"[，,；;。：:]", sentence[: m.start() - s0])]))
            indicator_text = text[clause_start : m.start()]
            in_clause = [i for i in in_sent if clause_start <= ents[i].start and ents[i].end <= m.start()]
            subject = None
            if in_clause:
                # the nearest named thing before the number that is not a bare place qualifier
                subject = in_clause[0] if ents[in_clause[0]].type in _SUBJECTS else in_clause[-1]
            if subject is None:
                prior = [i for i in in_sent if ents[i].end <= m.start() and ents[i].type in _SUBJECTS]
                subject = prior[-1] if prior else topic
            if subject is None:
                continue
            indicator = indicator_text
            if subject is not None and ents[subject].start >= clause_start:
                indicator = indicator.replace(ents[subject].surface, "", 1)
            indicator = _TAIL.sub("", _LEAD.sub("", indicator)).strip(" ，,的") or unit
            if m.group("unit") in ("名", "位") and text[m.start() - 1 : m.start()] == "第":
                unit = m.group("unit")
            out.append(
                FoundObservation(subject, indicator[:40], value, unit, year, m.start(), m.end(), s0, s1)
            )
    return out


@Language.factory("kg_observations")
def make_observation_component(nlp: Language, name: str):
    """spaCy factory: numbers about entities, in ``doc._.kg_observations``."""

    def component(doc: Doc) -> Doc:
        doc._.kg_observations = find_observations(doc.text, doc._.kg_entities or [])
        return doc

    return component
