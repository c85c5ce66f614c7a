"""Observation rules: a number with a unit, attributed to what the clause is about.

"集聚国家级创新平台 146 个" in a paragraph about 成都 becomes (成都,
国家级创新平台, 146, 个). The subject is an entity named in the clause
before the number where there is one (新能源汽车产量突破 1300 万辆), else
the sentence's or paragraph's Place/Organization subject.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from decimal import Decimal
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc

from . import lists as L
from . import patterns as P
from .clauses import sentence_spans
from .entities import Found
from .numerals import parse_number, split_unit
from .scope import STATES, SUBJECT_TYPES, quoted_program

if not Doc.has_extension("kg_observations"):
    Doc.set_extension("kg_observations", default=None)

_UNITS = "|".join(sorted(map(re.escape, P.UNITS), key=P.longest_first))
_NUMBER = re.compile(
    r"(?P<num>\d+(?:[.,]\d+)*|[一二两三四五六七八九十]*[百千][一二两三四五六七八九十百千]*(?=[万亿]?(?:个|家|项|所|名|位|条|座)))\s*"
    r"(?P<scale>万亿|亿|千万|百万|万)?\s*(?P<approx>余|多)?\s*(?P<unit>" + _UNITS + r")"
    # 8大未来产业, 4大科创高地: a count of named items (Arabic digits only: 十八大 is a congress)
    r"|(?<![\d.])(?P<count>\d{1,2})(?P<big>大)(?=[\u4e00-\u9fff])"
)
_YEAR = re.compile(r"((?:19|20)\d{2})\s*年")
_LEAD = re.compile(
    r"^(?:[，,、：:\s]|其中|截至|目前|当前|已|已经|共|累计|全年|全市|全省|全国|集聚|拥有|建成|培育|引进|"
    r"新增|实现|达到|达|超过|超|突破|约|近|为|有|建有|布局|落地|聚集|汇聚|形成|打造|带动|年均|预计|"
    r"成功|首批|首个|获批|在)+"
)
_TAIL = re.compile(
    r"(?:达到|达|超过|超|突破|约|近|为|共|累计|增长至|增长到|提高到|提升至|提升到|增至|增长|提高|提升|保持|连续|分别|从|由|以上|左右|等)+$"
)
# between the figures 分别 hands out (65家和56家, 8%、8%、10%以上) and between a list and 分别
_FIGURE_JOIN = re.compile(r"\s*(?:以上|以下|左右)?\s*(?:[、,，和及与]|以及)\s*")
_LIST_TO_EACH = re.compile(r"[^。；;：:]{0,10}")
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
# 5%-20%, 100—500亩, 60%到70%: the bounds of a range
_RANGE_NEXT = re.compile(r"\s*(?:[-—–~～至到]|以上至)\s*\d")
_RANGE_PREV = re.compile(r"\d\s*(?:%|万|亿|元|个|亩|家)?\s*[-—–~～至到]\s*$")
#: Words before N年 that make it a time span (过去5年, 近10年, 未来5年).
_PERIOD_WORDS = ("过去", "近", "未来", "今后", "最近", "此后")
# 按照该计划，… / 该中心已…: a sentence about the program or platform just named
_ANAPHOR = re.compile(
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


def _subject_in_clause(
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


def _anaphor(text: str, ents: list[Found], s0: int) -> int | None:
    """What a sentence opening with 按照该计划 / 该中心 refers to: the last program or platform
    named before it in the paragraph, preferring one with that head word."""
    m = _ANAPHOR.match(text, s0)
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


def _described(text: str, ents: list[Found], in_sent: list[int], at: int) -> int | None:
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
            for m in _NUMBER.finditer(self.text, s0, s1):
                if not _skip(self.text, m):
                    self._number(ctx, m)
            self.out = _distribute(self.text, self.ents, ctx.members, self.out, s0, s1)
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
        anaphor = _anaphor(text, ents, s0)
        if anaphor is None:
            anaphor = self.quoted  # …下降13.5%。到2025年，…达到30%: the program's targets go on
        elif _ANAPHOR.match(text, s0) and STATES.search(text, s0, s1):
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
            indicator = _indicator(text, indicator_text, named, m) or unit
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
        subject = _subject_in_clause(text, ents, in_sent, clause_start, m.start())
        ref = P.self_reference(text, clause_start, m.start(), ents, self.carried)
        if ref is not None:
            subject = ref  # 到2027年，全市…: the document's place, not the industry named after it
        described = _described(text, ents, in_sent, m.end())
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
            program = _launched_program(text, ents, in_sent, ctx.start)
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
            owner = _industry_owner(ents, subject, ctx.subject, self.owner_topic, m.start())
            if owner is not None:
                return [subject, owner]
        return [subject]


def _distribute(
    text: str,
    ents: list[Found],
    in_sent: list[int],
    out: list[FoundObservation],
    s0: int,
    s1: int,
) -> list[FoundObservation]:
    """上海、北京分别拥有65家和56家…: the figures after 分别 go to the listed items in order,
    when the list before it has as many items as there are figures.

    Figures attributed to several subjects (a place and its industry) become one each.
    """
    for at in (m.start() for m in re.finditer("分别", text[s0:s1])):
        at += s0
        nxt = text.find("分别", at + 2, s1)
        end = nxt if nxt >= 0 else s1
        firsts: dict[int, FoundObservation] = {}
        for o in out:
            if o.sent_start == s0 and at < o.start < end:
                firsts.setdefault(o.start, o)
        # the figures right after 分别, joined by 、/和 (65家和56家), not the later ones
        starts: list[int] = []
        for start in sorted(firsts):
            if starts and not _FIGURE_JOIN.fullmatch(text[firsts[starts[-1]].end : start]):
                break
            starts.append(start)
        if len(starts) < 2:
            continue
        items = _last_list_before(text, ents, in_sent, at, len(starts))
        if items is None:
            continue
        kept = [o for o in out if o.sent_start != s0 or o.start not in starts]
        # what all of them measure: 等重点行业产值|分别…, else what follows the last figure
        common = _TAIL.sub("", _LEAD.sub("", text[ents[items[-1]].end : at]).strip()).strip("等的 ")
        if not common:
            last = firsts[starts[-1]]
            common = re.split(r"[，,；;。、：:（(]", text[last.end : last.end + 24], maxsplit=1)[0]
        for item, start in zip(items, starts, strict=True):
            kept.append(
                replace(firsts[start], subject=item, indicator=common[:40] or firsts[start].unit)
            )
        out = sorted(kept, key=lambda o: (o.sent_start, o.start))
    return out


def _last_list_before(
    text: str, ents: list[Found], in_sent: list[int], at: int, size: int
) -> list[int] | None:
    """The nearest 、/和-list of ``size`` named items that ends before ``at``, or ``None``."""
    before = [i for i in in_sent if ents[i].end <= at and ents[i].type != "Program"]
    runs = L.lists_in(text, ents, before)
    if not runs or len(runs[-1]) != size:
        return None  # the nearest list counts otherwise: not a one-to-one reading
    # …等重点行业产值|分别, 合肥GDP增幅|分别: only what they measure between the list and 分别
    if not _LIST_TO_EACH.fullmatch(text[ents[runs[-1][-1]].end : at]):
        return None
    return runs[-1]


def _launched_program(text: str, ents: list[Found], in_sent: list[int], s0: int) -> int | None:
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


def _industry_owner(
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


def _indicator(text: str, before: str, subject_surface: str, m: re.Match) -> str:
    """What a number counts: the clause before it, without its subject and verbs
    (what follows it for a count of items: 8大|未来产业)."""
    if m.group("count"):
        return re.split(r"[，,；;。、：:（(]", text[m.end() : m.end() + 24], maxsplit=1)[0].strip()
    if subject_surface:
        before = before.replace(subject_surface, "", 1)
    before = before.rsplit("、", 1)[-1].strip()  # …3个联合实验室、146个: only the last item
    indicator = _TAIL.sub("", _LEAD.sub("", before).strip()).strip(" ，,的")
    if not indicator:  # 拥有3个国家联合实验室: what is counted follows the number
        indicator = re.split(r"[，,；;。、：:（(]", text[m.end() : m.end() + 24], maxsplit=1)[
            0
        ].strip()
    return indicator


@Language.factory("kg_observations")
def make_observation_component(nlp: Language, name: str):
    """spaCy factory: numbers about entities, in ``doc._.kg_observations``."""

    def component(doc: Doc) -> Doc:
        ents = list(doc._.kg_entities or [])
        topic = len(ents) - 1 if ents and ents[-1].rule == "topic" else None
        # programs named in earlier paragraphs, for 《方案》提出… (a short name for one of them)
        for f in doc.user_data.get("kg_programs") or ():
            ents.append(replace(f, start=-1, end=-1, rule="topic"))
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
