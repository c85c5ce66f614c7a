"""Relation rules: a trigger verb between typed spans in one clause.

The ``kg_relations`` component reads ``doc._.kg_entities`` and leaves a
list of :class:`FoundRelation` in ``doc._.kg_relations``. A clause's subject
is the Place or Organization it opens with; when it has none, the subject
of its sentence, and then the topic of the paragraph (a paragraph that
opens "成都要…" keeps 成都 as the subject of the clauses that follow).
Every relation is checked against the ontology's domain and range (:mod:`kg.signatures`).
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from . import lists as L
from . import patterns as P
from . import roles as R
from .clauses import Clause, FoundRelation, RelationSink, Sentence, Trigger, sentence_spans
from .entities import Found
from .lexicon import load_lexicon
from .scope import SUBJECT_TYPES, quoted_program
from .triggers import relations_of, trigger_regex

if not Doc.has_extension("kg_relations"):
    Doc.set_extension("kg_relations", default=None)
if not Doc.has_extension("kg_sentences"):
    Doc.set_extension("kg_sentences", default=None)

_OBJECT_TYPE = {
    "develops": "Industry",
    "builds": "Platform",
    "implements": "Program",
    "focusesOn": "Industry",
}
_CLAUSE_BREAK = re.compile(r"[，,；;：:。！？!?]")
# between the last item of a list of parties and their joint verb: 合肥、芜湖、蚌埠|三市|联合
_LIST_TAIL = re.compile(
    r"(?:等)?(?:[两二三四五六七八九十\d]+(?:市|省|地|区|方|国|家|城|部门|部委|单位))?(?:等地)?"
)
# X中心”在|合肥高新区揭牌 / X公司已在|苏州设立…: between a thing and the place where it acts
_AT_SITE = re.compile(r"[”\"」]?\s*(?:已经|已|将|正式|也|都)?在")
# 光电子信息|产业领域独树一帜的“|中国光谷 / 脑机接口|领域独角兽企业|X公司
_FIELD_HOLDER = re.compile(
    r"(?:等)?(?:产业)?领域[^，。；、“”]{0,8}?(?:的|企业|公司|龙头|独角兽)[“\"]?"
)
#: Verbs that issue a policy (出台关于X的规划).
_ISSUES = frozenset({"出台", "印发", "发布", "制定", "推出"})
# 出台|关于未来产业的发展规划 / 印发|关于加快集成电路产业发展的若干措施
_ABOUT = re.compile(
    r"(?:了)?(?:一批|多项|一系列)?关于([^，。；《》]{2,30}?)的[^，。；]{0,12}?(?:规划|方案|意见|措施|政策|办法|计划)"
)
#: What joins the items of a list of parties (合肥、芜湖和蚌埠).
_JOINS = ("、", "和", "及", "与", "以及")
# a clause that opens by supporting someone: 支持|常熟市建设…
_SUPPORT = re.compile(
    r"\s*(?:[（(]?[一二三四五六七八九十\d]+[)）、.．]\s*)?(?:积极|大力|全力|重点)?(?:支持|鼓励|引导|推动|指导|帮助)"
)
# a clause that only names a field: 在集成电路领域， / “在类脑智能、量子信息等前沿科技和产业变革领域，
_FIELD_CLAUSE = re.compile(r"[“\"\s]*在[^，,。；]{0,60}?(?:领域|赛道|方向|方面)(?:上|中|内)?[，,]?")
# 在集成电路、新型显示等领域: industries named as a field
_NAMED_INDUSTRIES = re.compile(r"^[^，。；]{0,8}?产业(?:领域|方面)")
_FIELD_AFTER = re.compile(r"^[^，。；]{0,8}?(?:等)?(?:重点|前沿|新兴|关键)?(?:领域|赛道|方面|方向)")
# …，与香港共建… / …，在合肥建设…: a clause that opens on a partner or a site (在 X) keeps the subject before it
_NOT_OPENING_SUBJECT = R.PARTNER_MARKS | {"在"}
# 以电子信息、装备制造为主攻方向: what a subject puts first (not …为重点的浪潮, which modifies what follows)
_MAIN_FIELD = re.compile(
    r"以([^，。；：]{2,48}?)为(?:主攻方向|重点方向|主导方向|主导|主攻|重点|龙头|主体|方向)(?![的之])"
)


#: After how many paragraphs without naming it a carried topic stops acting in verbs.
STALE_TOPIC_PARAGRAPHS = 2


_TRIGGER = trigger_regex()


class RelationRules:
    """Relation rules over the entity spans of one paragraph.

    The rule families run in the order of :data:`CLAUSE_RULES` on every clause
    and of :data:`SENTENCE_RULES` on every sentence; they share what the
    paragraph has established so far (its topic, the program a sentence
    quotes, the clause's subject).
    """

    def __init__(self) -> None:
        lex = load_lexicon()
        self.parents = lex.parents
        self.lexicon = lex

    def run(self, text: str, ents: list[Found], topic: int | None = None) -> list[FoundRelation]:
        """Relations in ``text``; ``topic`` is the index of an entity carried in
        from earlier paragraphs (the subject of clauses that name none)."""
        self.sink = RelationSink(ents, self.lexicon.regions)
        self.topic = self.initial = topic
        self.quoted: int | None = None  # the program whose statement the sentences report
        self.subject: int | None = None  # the subject of the clause being read
        self.carried: int | None = None  # the subject the clause hands to the next
        self.fields: list[int] = []  # industries a field clause (在集成电路领域，) hands on
        self.joint: list[int] = []  # the clause subject and who it acts with (合肥与芜湖…)
        for s0, s1 in sentence_spans(text):
            members = [
                i for i, e in enumerate(ents) if s0 <= e.start and e.end <= s1 and not e.nested
            ]
            sentence = Sentence(text, ents, s0, s1, members)
            self.subject = self._sentence_subject(sentence)
            clause_start = s0
            for m in [*list(_CLAUSE_BREAK.finditer(text, s0, s1)), None]:
                clause_end = m.end() if m else s1
                clause = sentence.clause(clause_start, clause_end)
                for family in CLAUSE_RULES:
                    family.run(self, clause)
                clause_start = clause_end
            for family in SENTENCE_RULES:
                family.run(self, sentence)
        return list(self.sink.found.values())

    def _emit(self, h: int, rel: str, t: int, where: Sentence | Clause, rule: str) -> None:
        sentence = where.sentence if isinstance(where, Clause) else where
        self.sink.add(h, rel, t, sentence, rule)

    # ------------------------------------------------------------------ subjects

    def _sentence_subject(self, s: Sentence) -> int | None:
        """The subject a sentence opens with, else the program it quotes or the topic;
        updates the paragraph's topic and quoted program."""
        text, ents = s.text, s.ents
        first_trigger = _TRIGGER.search(text, s.start, s.end)
        limit = first_trigger.start() if first_trigger else s.end
        sent_subject = next(
            (
                i
                for i in s.members
                if ents[i].type in (*SUBJECT_TYPES, "Platform")
                and ents[i].start < limit
                and ents[i].start - s.start <= 12
                and not R.in_list(text, ents[i])
                and not R.modifier_use(text, ents[i])
                and not P.in_means_phrase(text, ents[i].start, ents[i].end)
                and not P.after_means_verb(text, ents[i].start)
            ),
            None,
        )
        if sent_subject is not None:  # 北京海淀正…: the district is what the sentence is about
            sent_subject = next(
                (i for i in s.members if P.narrows(ents, sent_subject, i)), sent_subject
            )
        ref = P.self_reference(text, s.start, s.end, ents, self.initial)
        if ref is not None:
            sent_subject = ref  # 全市…: the place the paragraph is about
        if sent_subject is not None and ents[sent_subject].type != "Organization":
            # organizations speak in one sentence (bylines, citations); places and
            # platforms are what a passage is about, so they carry on
            self.topic = sent_subject
        speaker = quoted_program(text, ents, s.members, s.start)
        if speaker is not None:
            self.quoted = speaker  # 比如，X工程明确，…: what follows is the program's
        elif sent_subject is not None:
            self.quoted = None
        subject = sent_subject if sent_subject is not None else self.quoted
        if subject is None:
            subject = self.topic
        if sent_subject is None and subject is not None and ents[subject].subclass == "Country":
            subject = None  # a nation is the subject only where a sentence names it (theory prose says 我国 of everything)
        return subject

    def _local_subject(self, c: Clause) -> int | None:
        """The Place, Organization or Platform a clause opens with (not a list item, a
        partner after 与 or a site after 在), narrowed (北京海淀… is 海淀's)."""
        text, ents = c.text, c.ents
        local = next(
            (
                i
                for i in c.members
                if ents[i].type in (*SUBJECT_TYPES, "Platform")
                and ents[i].start - c.start <= 1
                and not R.in_list(text, ents[i])
                and text[c.start : ents[i].start].strip() not in _NOT_OPENING_SUBJECT
            ),
            None,
        )
        if local is None:
            return None
        return next((i for i in c.members if P.narrows(ents, local, i)), local)

    # ------------------------------------------------------------------ clause rule families

    def applied_fields(self, c: Clause) -> None:
        """Mark the industries of a clause listed as fields where something is applied
        (在交通、医疗等领域应用): no rule may make them developed."""
        for run in L.lists_in(c.text, c.ents, c.members):
            if c.ents[run[0]].type == "Industry" and L.applied_fields(
                c.text, c.ents, run, c.start, c.end
            ):
                self.sink.applied.update(run)

    def triggers(self, c: Clause) -> None:
        """Relations a trigger verb states between the spans of a clause; leaves in
        ``self.subject`` the subject for the clauses after it."""
        text, ents = c.text, c.ents
        local = self._local_subject(c)
        for t in self.fields:
            if local is not None:  # 在集成电路领域，长鑫存储建成…: the field is the actor's
                self._emit(local, "develops", t, c, "field")
            for p in c.members:  # 在类脑智能、量子信息等领域，组织实施…计划: the program's fields
                if ents[p].type == "Program":
                    self._emit(p, "focusesOn", t, c, "field")
        subject = self.subject
        if local is not None:
            subject = local
            # 合肥与芜湖共同组建…，并与马鞍山…协作: both act on in the clauses after
            self.joint = [local] + [
                i
                for i in c.members
                if i != local
                and ents[i].type in SUBJECT_TYPES
                and re.fullmatch(r"[与和同]", text[ents[local].end : ents[i].start])
            ]
        elif (ref := P.self_reference(text, c.start, c.end, ents, self.initial)) is not None:
            subject = ref  # …，全市…
        self.fields = []
        if _FIELD_CLAUSE.fullmatch(text[c.start : c.end]) and not _TRIGGER.search(
            text, c.start, c.end
        ):
            self.fields = [i for i in c.members if ents[i].type == "Industry"]
        self.subject = self.carried = subject
        found = [
            m
            for m in _TRIGGER.finditer(text, c.start, c.end)
            if not any(ents[i].start <= m.start() < ents[i].end for i in c.members)
        ]
        for n, m in enumerate(found):
            nxt = found[n + 1].start() if n + 1 < len(found) else c.end
            after = [i for i in c.members if ents[i].start >= m.end()]
            trigger = Trigger(
                m,
                [i for i in c.members if ents[i].end <= m.start()],
                after,
                [i for i in after if ents[i].start < nxt] or after,
            )
            self._trigger(c, trigger, subject, local)
        self._field_phrases(c, bool(found), subject)
        self._main_fields(c, subject)
        self.subject = self.carried

    def lists(self, c: Clause) -> None:
        """Enumerations in one clause: one relation per item (see :mod:`kg.extract.lists`),
        with the clause's subject (its own opening subject, else the one carried in)."""
        text, ents, subject = c.text, c.ents, self.subject
        for run in L.lists_in(text, ents, c.members):
            if subject is None or run[0] in self.sink.applied:
                continue
            if L.named_group(text, ents, run, c.start, c.end) or (
                ents[subject].type == "Program" and L.named_sectors(text, ents, run, c.end)
            ):
                for t in run:  # 电子信息、装备制造四大产业集群…: the place's own industries
                    self._emit(subject, "develops", t, c, "named-group")
        for thing, place in L.held_items(text, ents, c.members, c.end):
            self._emit(thing, "locatedIn", place, c, "held")

    def field_holders(self, c: Clause) -> None:
        """在光电子信息产业领域独树一帜的“中国光谷” / 脑机接口领域独角兽企业X: a company or
        platform described by its field develops it (the whole 、-list of fields)."""
        text, ents = c.text, c.ents
        for n, i in enumerate(c.members[:-1]):
            j = c.members[n + 1]
            if (
                ents[i].type == "Industry"
                and ents[j].type in ("Organization", "Platform")
                and _FIELD_HOLDER.fullmatch(text[ents[i].end : ents[j].start])
            ):
                for t in R.list_before(text, ents, c.members, i):
                    self._emit(j, "develops", t, c, "field-holder")

    # ------------------------------------------------------------------ one trigger

    def _trigger(self, c: Clause, t: Trigger, subject: int | None, local: int | None) -> None:
        """The relations one trigger verb states (each relation it may trigger in turn)."""
        actor = self._actor(c, t, subject, local)
        if actor is None:
            return  # 北京、上海等8省市的10家科技园成为…: the places own the actor, they do not act
        subj, site, co_subjects = actor
        if (
            site is not None
            and subj is not None
            and c.ents[site].type == "Place"
            and c.ents[subj].type in ("Platform", "Organization")
            and _AT_SITE.fullmatch(c.text[c.ents[subj].end : c.ents[site].start])
        ):
            self._emit(subj, "locatedIn", site, c, "site")  # X中心在合肥高新区揭牌: it lies there
        self._policy_about(c, t, subj, co_subjects)
        for rel in relations_of(t.match.group()):
            if rel == "cooperatesWith":
                self._cooperation(c, t.match, subject)
            elif rel == "locatedIn":
                self._locate(c, t, subject)
            elif rel == "focusesOn":
                self._focus(c, t, subj)
            elif subj is not None and not R.supports_another(c.ents, t.match, t.after):
                self._act(c, t, rel, subj, site, co_subjects)

    def _actor(
        self, c: Clause, t: Trigger, subject: int | None, local: int | None
    ) -> tuple[int | None, int | None, list[int]] | None:
        """Who acts in a trigger's verb, where (在合肥建设…) and with whom (A、B印发…):
        ``(actor, site, co_actors)``, or ``None`` when the span before the verb only
        owns the actor (X等8省市的10家科技园成为…)."""
        text, ents, m = c.text, c.ents, t.match
        subj = next(
            (
                i
                for i in reversed(t.before)
                if ents[i].type in SUBJECT_TYPES and not R.compared(text, ents[i])
            ),
            None,
        )
        site = None
        if subj is not None and R.is_site(text, ents[subj], m.start()):
            site, subj = subj, (subject if subject != subj else None)  # 在合肥建设X: where, not who
        if (
            subj is not None
            and R.possessor(text, ents[subj], m.start())
            and text[ents[subj].start - 1 : ents[subj].start] not in R.PARTNER_MARKS
        ):
            return None
        co_subjects: list[int] = []
        # 北京、上海、广东深圳等地…: the list item is 广东深圳, narrowed to 深圳
        item = next((i for i in t.before if subj is not None and P.narrows(ents, i, subj)), subj)
        if item is not None and subj is not None and R.in_list(text, ents[item]):
            # 中共中央、国务院印发…: every member of the list acts
            members = R.list_members(text, ents, t.before, item)
            co_subjects = sorted({subj if i == item else i for i in members})
        if subj is None:
            subj = subject
        elif (
            self.carried == subject
            and local is None
            and not co_subjects
            and len(text[ents[subj].end : m.start()]) <= 2
            and _SUPPORT.fullmatch(text[c.start : ents[subj].start])
        ):
            self.carried = subj  # 支持常熟市建设…，发展…: the supported actor goes on acting
        return subj, site, co_subjects

    def _policy_about(
        self, c: Clause, t: Trigger, subj: int | None, co_subjects: list[int]
    ) -> None:
        """出台关于未来产业的发展规划: a place or body that issues a policy about an industry
        develops it (each of a list of issuers: 北京、上海等地率先出台…)."""
        if subj is None or t.match.group() not in _ISSUES:
            return
        m = _ABOUT.match(c.text, t.match.end())
        if not m:
            return
        for i in t.after:
            e = c.ents[i]
            if e.type == "Industry" and m.start(1) <= e.start and e.end <= m.end(1):
                for actor in co_subjects or [subj]:
                    self._emit(actor, "develops", i, c, "policy-about")

    def _locate(self, c: Clause, t: Trigger, subject: int | None) -> None:
        """位于/落户/地处: what lies in the place after the verb."""
        text, ents, m = c.text, c.ents, t.match
        place = next((i for i in t.after if ents[i].type == "Place"), None)
        if place is None:
            return
        # 位于合肥高新区的中国声谷: what follows 的 is what lies there
        thing = next(
            (
                i
                for i in t.after
                if ents[i].start == ents[place].end + 1
                and text[ents[place].end] == "的"
                and ents[i].type in ("Platform", "Organization")
            ),
            None,
        )
        if thing is None and not text[c.start : m.start()].strip():
            # 地处长三角，嘉兴市…: a clause opening on the verb is about the next one's subject
            thing = next(
                (
                    i
                    for i in c.sentence.members
                    if 0 <= ents[i].start - c.end <= 1
                    and ents[i].type in (*SUBJECT_TYPES, "Platform")
                ),
                None,
            )
        if thing is None:
            thing = next(
                (i for i in reversed(t.before) if ents[i].type in ("Platform", "Organization")),
                subject,
            )
        if thing is not None and not self._within(ents[place].name, ents[thing].name):
            self._emit(thing, "locatedIn", place, c, "clause")

    def _focus(self, c: Clause, t: Trigger, subj: int | None) -> None:
        """聚焦/围绕/面向: a program's or platform's fields; a company or place that
        focuses on a field develops it."""
        ents, m = c.ents, t.match
        industries = [i for i in t.near if ents[i].type == "Industry"]
        head = next(
            (i for i in reversed(t.before) if ents[i].type in ("Program", "Platform")), None
        )
        if head is None and subj is not None and ents[subj].type in ("Program", "Platform"):
            head = subj
        if head is not None:
            for i in industries:
                self._emit(head, "focusesOn", i, c, "clause")
        elif subj is not None and m.group() in ("专注", "聚焦", "瞄准", "深耕", "围绕"):
            for i in industries:
                self._emit(subj, "develops", i, c, "clause")
            # 实施“领航”计划，围绕A、B等方向…: the program's fields
            program = R.just_launched(c.text, ents, c.start, m.start())
            if program is not None:
                for i in industries:
                    self._emit(program, "focusesOn", i, c, "launched")

    def _act(
        self,
        c: Clause,
        t: Trigger,
        rel: str,
        subj: int,
        site: int | None,
        co_subjects: list[int],
    ) -> None:
        """develops/builds/implements: the actor (and its co-actors) and the objects of
        the verb's type after it (before it in the passive: X行动深入实施)."""
        ents = c.ents
        want = _OBJECT_TYPE[rel]
        objects = [i for i in t.near if ents[i].type == want]
        if not objects and rel in ("builds", "implements"):
            # (not an item of the actor's own list: A机构、B基地等揭牌 names what opened)
            objects = [
                i
                for i in t.before
                if ents[i].type == want
                and i != subj
                and subj not in L.list_items(c.text, ents, t.before, i)
            ]
        for obj in objects:
            for actor in co_subjects or [subj]:
                self._emit(actor, rel, obj, c, "clause")
            if rel == "builds" and site is not None and ents[site].type == "Place":
                self._emit(obj, "locatedIn", site, c, "site")

    def _field_phrases(self, c: Clause, has_trigger: bool, subject: int | None) -> None:
        """在航空航天、信息技术等重点领域突破…: the industries of the field phrase are developed,
        by whoever stands right before 在 (支持比亚迪在新能源汽车领域…), else the subject;
        without a verb only where the text calls them industries (在芯片等新兴产业方面投资)."""
        text, ents = c.text, c.ents
        for i in c.members:
            after = text[ents[i].end : c.end]
            if not (
                (has_trigger or _NAMED_INDUSTRIES.match(after))
                and ents[i].type == "Industry"
                and _FIELD_AFTER.match(after)
            ):
                continue
            at = text.rfind("在", c.start, ents[i].start)
            if at < 0 and text[c.start : ents[i].start].find("聚焦") < 0:
                continue
            actor = next(
                (
                    j
                    for j in c.members
                    if ents[j].end == at
                    and ents[j].type in SUBJECT_TYPES
                    and not R.partner(text, ents, c.members, j)
                ),
                subject,
            )
            if actor is not None:
                # the whole 在A、B、…、C等领域 list, not only the items near 领域
                for t in R.list_before(text, ents, c.members, i):
                    self._emit(actor, "develops", t, c, "clause")

    def _main_fields(self, c: Clause, subject: int | None) -> None:
        """以电子信息、装备制造为主攻方向: the industries a subject makes its main line, it develops.

        Not 以…为重点的新一轮科技浪潮 (a modifier of what follows), and only with a clause subject.
        """
        if subject is None:
            return
        ents = c.ents
        for m in _MAIN_FIELD.finditer(c.text, c.start, c.end):
            for i in c.members:
                if (
                    ents[i].type == "Industry"
                    and m.start(1) <= ents[i].start
                    and ents[i].end <= m.end(1)
                ):
                    self._emit(subject, "develops", i, c, "main-field")

    def _cooperation(self, c: Clause, m: re.Match[str], subj: int | None) -> None:
        """A与B合作, A携手B, 与A、B对接, A、B、C三市联合…: parties joined by 与/和/同/携手 cooperate."""
        text, ents = c.text, c.ents
        parties = [i for i in c.members if ents[i].type in SUBJECT_TYPES]
        # a list of places or bodies right before the verb acts together: every pair cooperates
        chain = [i for i in parties if ents[i].end <= m.start()]
        if chain and _LIST_TAIL.fullmatch(text[ents[chain[-1]].end : m.start()]):
            members = [chain[-1]]
            for a in reversed(chain[:-1]):
                if text[ents[a].end : ents[members[-1]].start].strip() not in _JOINS:
                    break
                members.append(a)
            if text[ents[members[-1]].start - 1 : ents[members[-1]].start] in R.PARTNER_MARKS:
                members = []  # 与上海、江苏、浙江共建…: partners of the subject, not of each other
            for n, a in enumerate(members):
                for b in members[n + 1 :]:
                    self._emit(b, "cooperatesWith", a, c, "cooperation")
        for a, b in itertools.pairwise(parties):
            gap = text[ents[a].end : ents[b].start]
            if re.fullmatch(r"\s*(?:与|和|同|跟|携手|联合|并与|以及)\s*", gap):
                self._emit(a, "cooperatesWith", b, c, "cooperation")
        if subj is None or ents[subj].type not in SUBJECT_TYPES:
            return
        actors = self.joint if subj in self.joint else [subj]
        for i in parties:
            if i == subj or not re.search(
                r"(?:与|同|跟|携手|联合)\s*$", text[max(0, ents[i].start - 3) : ents[i].start]
            ):
                continue
            # 与东南亚、欧洲…合作: the whole list
            j = parties.index(i)
            while True:
                for actor in actors:
                    self._emit(actor, "cooperatesWith", parties[j], c, "cooperation")
                j += 1
                if not (
                    j < len(parties)
                    and text[ents[parties[j - 1]].end : ents[parties[j]].start]
                    in ("、", "和", "及")
                ):
                    break

    # ------------------------------------------------------------------ sentence rule families

    def adjacency(self, s: Sentence) -> None:
        """Relations read from juxtaposition: 北京“星谷”, 重庆永川区, 合肥高新区的量子大街."""
        text, ents = s.text, s.ents
        for a, b in itertools.pairwise(s.members):
            ea, eb = ents[a], ents[b]
            gap = text[ea.end : eb.start]
            if len(gap) > 2 or gap.strip('的“”"') != "":
                continue
            if (ea.type == "Place" and eb.type == "Place" and self._within(eb.name, ea.name)) or (
                ea.type == "Place" and eb.type in ("Platform", "Organization")
            ):
                self._emit(b, "locatedIn", a, s, "adjacency")
            elif (
                ea.type in ("Place", "Organization")
                and eb.type == "Program"
                and gap.startswith("的")
            ):
                self._emit(a, "implements", b, s, "adjacency")  # 德国的“工业4.0”
        # a member place named beside its region (成都 … 成渝地区)
        places = [i for i in s.members if ents[i].type == "Place"]
        for a in places:
            members = self.lexicon.regions.get(ents[a].name)
            if not members:
                continue
            for b in places:
                if ents[b].name in members:
                    self._emit(b, "partOf", a, s, "adjacency")

    def parent_places(self, s: Sentence) -> None:
        """A district or county named in a sentence with its own city (苏州…，其中常熟市…;
        武汉市武昌区、洪山区) lies in it: the administrative parent the lexicon knows."""
        ents = s.ents
        places = {ents[i].name: i for i in s.members if ents[i].type == "Place"}
        for name, i in places.items():
            parent = self.lexicon.parents.get(name)
            if (
                parent in places
                and ents[i].subclass in ("City", "District")
                and ents[places[parent]].subclass == "City"
            ):  # (a city in its province only where the text says so: 浙江杭州, 位于…)
                self._emit(i, "locatedIn", places[parent], s, "parent")

    def nested(self, s: Sentence) -> None:
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
                    self._emit(i, "focusesOn", j, s, "nested")
                elif inner.subclass not in ("City", "Province", "Country", "Region"):
                    continue  # a county's short name inside a name is too often a coincidence (西湖实验室)
                elif outer.type == "Program" and inner.subclass in ("City", "Province"):
                    self._emit(j, "implements", i, s, "nested")
                elif (
                    outer.type != "Program"
                    and outer.subclass != "GovernmentBody"
                    and R.qualifies(outer.surface, inner.surface)
                ):
                    # (a place's own government body is its, not merely in it)
                    self._emit(i, "locatedIn", j, s, "nested")

    def _within(self, place: str, container: str) -> bool:
        seen = set()
        while place in self.parents and place not in seen:
            seen.add(place)
            place = self.parents[place]
            if place == container:
                return True
        return False


@dataclass(frozen=True)
class RuleFamily:
    """A family of relation rules and its place in the order they run (lower first)."""

    priority: int
    name: str
    run: Callable[[RelationRules, Any], None]


#: Rules run on every clause, in this order: fields where something is applied are
#: marked before any rule may make them developed; the trigger rules settle the clause's
#: subject, which the list rules then use.
CLAUSE_RULES: tuple[RuleFamily, ...] = tuple(
    sorted(
        (
            RuleFamily(10, "applied-fields", RelationRules.applied_fields),
            RuleFamily(20, "triggers", RelationRules.triggers),
            RuleFamily(30, "lists", RelationRules.lists),
            RuleFamily(35, "field-holders", RelationRules.field_holders),
        ),
        key=lambda f: f.priority,
    )
)
#: Rules run on every sentence after its clauses.
SENTENCE_RULES: tuple[RuleFamily, ...] = tuple(
    sorted(
        (
            RuleFamily(40, "adjacency", RelationRules.adjacency),
            RuleFamily(50, "parents", RelationRules.parent_places),
            RuleFamily(60, "nested", RelationRules.nested),
        ),
        key=lambda f: f.priority,
    )
)


@Language.factory("kg_relations")
def make_relation_component(nlp: Language, name: str):
    """spaCy factory: relations between the entity spans, in ``doc._.kg_relations``."""
    rules = RelationRules()

    def component(doc: Doc) -> Doc:
        ents = list(doc._.kg_entities or [])
        topic = None
        carried = doc.user_data.get("kg_topic")
        if carried is not None:
            # the subject carried from earlier paragraphs, as a span outside this text
            ents.append(
                Found(
                    -1,
                    -1,
                    carried.type,
                    carried.name,
                    carried.surface,
                    carried.subclass,
                    rule="topic",
                )
            )
            topic = len(ents) - 1
        # theory prose moves on from a place it cited without saying so: a topic carried
        # unnamed through a whole paragraph no longer acts in verbs (its figures stay its)
        stale = doc.user_data.get("kg_topic_stale", 0) >= STALE_TOPIC_PARAGRAPHS
        doc._.kg_entities = ents
        doc._.kg_relations = rules.run(doc.text, ents, None if stale else topic)
        out = rules.topic if rules.topic is not None else (topic if stale else None)
        doc.user_data["kg_topic_out"] = ents[out] if out is not None else None
        return doc

    return component
