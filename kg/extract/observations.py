"""Observation rules: a number with a unit, attributed to what the clause is about.

"集聚国家级创新平台 146 个" in a paragraph about 成都 becomes (成都,
国家级创新平台, 146, 个). The subject is an entity named in the clause
before the number where there is one (新能源汽车产量突破 1300 万辆), else
the sentence's or paragraph's Place/Organization subject.

This module reads a paragraph sentence by sentence and holds the component; how a
figure is found and what it counts is :mod:`~kg.extract.figures`, whose it is
:mod:`~kg.extract.attribution`, and 分别 hands figures out in :mod:`~kg.extract.distribution`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from spacy.language import Language
from spacy.tokens import Doc

from . import attribution as A
from . import distribution as D
from . import figures as F
from . import patterns as P
from .clauses import sentence_spans
from .entities import Found
from .numerals import parse_number, split_unit
from .scope import STATES, SUBJECT_TYPES, quoted_program

if not Doc.has_extension("kg_observations"):
    Doc.set_extension("kg_observations", default=None)

_YEAR = re.compile(r"((?:19|20)\d{2})\s*年")
# 比上年, 同比, 比2019年同期: an indicator that only says against what a change is measured
_CHANGE_ONLY = re.compile(
    r"(?:比|较)?(?:上年|去年|上年末|上年同期|去年同期|上月|上季度|上半年|\d{4}年(?:同期)?|1-\d+月)?"
    r"(?:末)?(?:同比|环比)?"
    r"(?:下降|减少|回落|下跌)?|%"
)
_CHANGE_END = re.compile(r"(?:同比|环比)?(?:增长|下降|减少|提高|回落|增加|上涨|下跌)$")
_CHANGE_VERB = re.compile(r"(?:增长|下降|减少|提高|回落|增加|上涨|下跌)(?=[^，,；;]*$)")
#: 苏州全市…, 江苏全省…: a place named as a whole.
_WHOLE_OF = ("全市", "全省", "全区", "全县")


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


def find_observations(
    text: str, ents: list[Found], topic: int | None = None, anchored: bool = False
) -> list[FoundObservation]:
    """Numbers with units in a paragraph, attributed to a subject entity.

    ``topic`` indexes an entity carried in from earlier paragraphs; ``anchored``
    says it is the document's issuer or the section's subject rather than
    whatever an earlier paragraph happened to be about.
    """
    return _ObservationReader(text, ents, topic, anchored).read()


@dataclass(frozen=True)
class _SentenceContext:
    """What one sentence is about, for the numbers in it."""

    start: int
    end: int
    members: list[int]  # its spans (indices into ents), nested ones left out
    subject: int | None  # the place, organization or platform it opens with
    anaphor: int | None  # the program it refers back to (该计划…, 《方案》提出…) or quotes
    year: int | None


class _ObservationReader:
    """Reads a paragraph's sentences in order, keeping what the text is about
    (its topic, whose industries a bare industry figure measures, the program
    whose statement the sentences report)."""

    def __init__(self, text: str, ents: list[Found], topic: int | None, anchored: bool) -> None:
        self.text, self.ents = text, ents
        self.carried = self.topic = topic
        # whose industries a bare industry figure measures
        self.owner_topic = topic if anchored else None
        self.quoted: int | None = None  # the program whose statement the sentences report
        self.out: list[FoundObservation] = []

    def read(self) -> list[FoundObservation]:
        """Observations of every sentence, in text order."""
        for s0, s1 in sentence_spans(self.text):
            ctx = self._sentence(s0, s1)
            for m in F.NUMBER.finditer(self.text, s0, s1):
                if not F.not_a_figure(self.text, m):
                    self._number(ctx, m)
            self.out = D.distribute(self.text, self.ents, ctx.members, self.out, s0, s1)
        return self.out

    def _sentence(self, s0: int, s1: int) -> _SentenceContext:
        """A sentence's subject, the program it refers to, its year; updates the topic."""
        text, ents = self.text, self.ents
        in_sent = [i for i, e in enumerate(ents) if s0 <= e.start and e.end <= s1 and not e.nested]
        lead = [
            i
            for i in in_sent
            if ents[i].type in (*SUBJECT_TYPES, "Platform")
            and ents[i].start - s0 <= 12
            and text[ents[i].end : ents[i].end + 1] not in "、和及与"
            and not P.in_means_phrase(text, ents[i].start, ents[i].end)
            and not P.after_means_verb(text, ents[i].start)
        ]
        sent_subject = lead[0] if lead else None
        if (
            sent_subject is None
        ):  # 面对…，一季度苏州全市经济…: the place whose whole the text reports
            sent_subject = next(
                (
                    i
                    for i in in_sent
                    if ents[i].type == "Place" and text.startswith(_WHOLE_OF, ents[i].end)
                ),
                None,
            )
        if len(lead) > 1 and P.narrows(ents, lead[0], lead[1]):
            sent_subject = lead[1]  # 北京海淀…: the district is what the sentence is about
        ref = P.self_reference(text, s0, s1, ents, self.carried)
        if ref is not None:  # 全市规模以上工业增加值…: the place the text is about
            self.topic = self.owner_topic = sent_subject = ref
        if sent_subject is not None and ents[sent_subject].type == "Place":
            self.topic = self.owner_topic = sent_subject
        speaker = quoted_program(text, ents, in_sent, s0)
        if speaker is not None:
            self.quoted = speaker
        elif sent_subject is not None or ref is not None:
            self.quoted = None  # a sentence about someone else ends what the program said
        anaphor = A.anaphor(text, ents, s0)
        if anaphor is None:
            anaphor = self.quoted  # …下降13.5%。到2025年，…达到30%: the program's targets go on
        elif A.ANAPHOR.match(text, s0) and STATES.search(text, s0, s1):
            self.quoted = anaphor  # 《方案》提出…
        year_m = _YEAR.search(text, s0, s1)
        year = int(year_m.group(1)) if year_m else None
        return _SentenceContext(s0, s1, in_sent, sent_subject, anaphor, year)

    def _number(self, ctx: _SentenceContext, m: re.Match[str]) -> None:
        """The observations one number gives (one per subject it is attributed to)."""
        text, ents = self.text, self.ents
        if m.group("count"):  # 8大…: so many items
            scale, unit, digits = "", "个", m.group("count")
        else:
            scale, unit = split_unit(m.group("unit"))
            scale, digits = m.group("scale") or scale, m.group("num")
        value = parse_number(digits, scale)
        if value is None:
            return
        # the clause before the number names what is counted
        clause_start = ctx.start + max(
            [0] + [c.end() for c in re.finditer(r"[，,；;。：:]", text[ctx.start : m.start()])]
        )
        indicator_text = text[clause_start : m.start()]
        for subject in self._subjects(ctx, m, clause_start, unit, indicator_text):
            if subject is None:
                continue
            named = ents[subject].surface if ents[subject].start >= clause_start else ""
            indicator = F.indicator(text, indicator_text, named, m) or unit
            out = self.out
            base = _CHANGE_END.sub("", out[-1].indicator) if out else ""
            if (
                base
                and _CHANGE_ONLY.fullmatch(indicator)
                and out[-1].sent_start == ctx.start
                and not _CHANGE_ONLY.fullmatch(base)
            ):
                # 国内生产总值…亿元，比上年增长3.0%: the change of the figure before it
                verb = _CHANGE_VERB.search(text, clause_start, m.start())
                indicator = base + (verb.group() if verb else "")
            out.append(
                FoundObservation(
                    subject,
                    indicator[:40],
                    value,
                    unit,
                    ctx.year,
                    m.start(),
                    m.end(),
                    ctx.start,
                    ctx.end,
                )
            )

    def _subjects(
        self,
        ctx: _SentenceContext,
        m: re.Match[str],
        clause_start: int,
        unit: str,
        indicator_text: str,
    ) -> list[int | None]:
        """Whose figure a number is: the clause's named subject, the fund or plan it
        describes or refers to, else the sentence's, the previous number's or the topic's."""
        text, ents, in_sent = self.text, self.ents, ctx.members
        subject = A.subject_in_clause(text, ents, in_sent, clause_start, m.start())
        ref = P.self_reference(text, clause_start, m.start(), ents, self.carried)
        if ref is not None:
            subject = ref  # 到2027年，全市…: the document's place, not the industry named after it
        described = A.described(text, ents, in_sent, m.end())
        if described is not None and unit != "年":  # (扎根中国30多年的X: how long, in a place)
            subject = described  # 设立总规模300亿元的X基金: the figure describes the fund
        elif ctx.anaphor is not None and ref is None:
            subject = ctx.anaphor  # 按照该计划，3年内将…共建20余个节点: the plan's targets
        out = self.out
        if subject is None and out and out[-1].sent_start == ctx.start:
            # 占GDP比重提升至42.8%: the clause goes on about the last number's subjects
            return [o.subject for o in out if o.start == out[-1].start]
        if subject is None:
            prior = [
                i for i in in_sent if ents[i].end <= m.start() and ents[i].type in SUBJECT_TYPES
            ]
            subjects: list[int | None] = [
                ctx.subject
                if ctx.subject is not None and ents[ctx.subject].end <= m.start()
                else (prior[-1] if prior else self.topic)
            ]
            program = A.launched_program(text, ents, in_sent, ctx.start)
            # 实施“X人才计划”，每年引进人才1万人: the program's target (not 到2027年创建…:
            # a dated goal is the place's, whatever the sentence launched)
            if (
                program is not None
                and ents[program].end < clause_start
                and not _YEAR.search(indicator_text)
            ):
                subjects.append(program)
            return subjects
        if ents[subject].type == "Industry":
            # 战略性新兴产业增加值占比达到42% in a city's plan: the city's industry, so the city's figure too
            owner = A.industry_owner(ents, subject, ctx.subject, self.owner_topic, m.start())
            if owner is not None:
                return [subject, owner]
        return [subject]


@Language.factory("kg_observations")
def make_observation_component(nlp: Language, name: str):
    """spaCy factory: numbers about entities, in ``doc._.kg_observations``."""

    def component(doc: Doc) -> Doc:
        if F.NUMBER.search(doc.text) is None:
            doc._.kg_observations = []  # no number, no figure (most paragraphs of prose)
            return doc
        ents = list(doc._.kg_entities or [])
        topic = len(ents) - 1 if ents and ents[-1].rule == "topic" else None
        # programs named in earlier paragraphs, for 《方案》提出… (a short name for one of them)
        ents.extend(doc.user_data.get("kg_programs") or ())  # as topics: start = end = -1
        doc._.kg_entities = ents
        anchors = {
            a.name
            for a in (doc.user_data.get("kg_issuer"), doc.user_data.get("kg_section"))
            if a is not None
        }
        anchored = topic is not None and ents[topic].name in anchors
        doc._.kg_observations = find_observations(doc.text, ents, topic, anchored)
        return doc

    return component
