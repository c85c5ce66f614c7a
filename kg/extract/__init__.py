"""Extraction stage: Document → Extraction.

The spaCy pipeline runs paragraph by paragraph; its Docs never leave this
package: :func:`extract` returns plain :mod:`kg.types` dataclasses with
offsets into the document's normalised text.
"""

from __future__ import annotations

import functools
import re
from collections import defaultdict
from dataclasses import replace
from typing import TYPE_CHECKING

from ..types import (
    Document,
    DocumentInfo,
    Entity,
    Extraction,
    Mention,
    Observation,
    Relation,
    entity_key,
)

if TYPE_CHECKING:  # spaCy loads on first use, not on `import kg`
    from .entities import Found

#: Bump when extraction output changes, so cached extractions are redone.
PIPELINE_VERSION = "0.1.0"


def paragraphs(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` of each non-empty line of a normalised text.

    >>> paragraphs("甲。\\n\\n乙丙")
    [(0, 2), (4, 6)]
    """
    spans = []
    start = 0
    for line in text.split("\n"):
        end = start + len(line)
        if line.strip():
            spans.append((start, end))
        start = end + 1
    return spans


def extract(doc: Document) -> Extraction:
    """Read entities, relations and observations from one document."""
    from .references import reference_paragraphs
    from .scope import title_program
    from .segment import make_nlp  # spaCy and jieba load on first use, not on `import kg`

    nlp = make_nlp()
    text = doc.text
    names: dict[str, str] = {}
    types: dict[str, str] = {}
    subclasses: dict[str, str] = {}
    aliases: dict[str, set[str]] = defaultdict(set)
    mentions: dict[str, list[Mention]] = defaultdict(list)
    relations: dict[tuple[str, str, str], list[Mention]] = defaultdict(list)
    observations: list[Observation] = []
    sentence_of = _sentence_index(doc)
    as_written = _as_written(doc)
    short_names = _company_short_names(text)

    topic = issuer = section = None
    stale = 0  # paragraphs the carried topic has gone without being named
    programs: dict[str, Found] = {}  # programs named so far, for a later 《方案》提出…
    spans = paragraphs(text)
    citations = reference_paragraphs([text[p0:p1] for p0, p1 in spans])
    for n, (p0, p1) in enumerate(spans):
        if n in citations:
            continue
        sp = nlp.make_doc(text[p0:p1].translate(_CORNER_QUOTES))
        # a section headed by a name (5.3 杭州城西科创大走廊培育增长新引擎) is about it; a
        # document issued by or about a place (苏州市…行动方案) speaks for it in every
        # paragraph; other documents carry the last paragraph's topic
        sp.user_data["kg_topic"] = section or issuer or topic
        # a topic carried unnamed through whole paragraphs still owns their figures, but
        # is no longer trusted as the actor of their verbs (see kg.extract.relations)
        sp.user_data["kg_topic_stale"] = stale if not (section or issuer) else 0
        sp.user_data["kg_issuer"] = issuer
        sp.user_data["kg_short_names"] = short_names
        sp.user_data["kg_section"] = section
        sp.user_data["kg_programs"] = list(programs.values())
        for _, component in nlp.pipeline:
            sp = component(sp)
        topic, stale = _carry_topic(sp.user_data.get("kg_topic_out"), stale)
        found = sp._.kg_entities or []
        for f in found:  # the last named last
            # a platform named as a project (“城市大脑”项目) is recalled like a program
            if (
                (f.type == "Program" or f.rule == "quoted-project")
                and f.rule != "topic"
                and not f.nested
            ):
                programs.pop(f.name, None)
                programs[f.name] = f
        if n == 0:  # a title names the place a document speaks for, or the policy it is
            issuer = title_place(text[p0:p1], found) or title_program(text[p0:p1], found)
        elif issuer is None and (program := title_program(text[p0:p1], found)) is not None:
            issuer = program  # a plan's name on a line of its own: its text follows
        elif is_heading(text[p0:p1]):
            section = heading_subject(text[p0:p1], found)
        keys = []
        for f in found:
            key = entity_key(f.type, f.name)
            keys.append(key)
            if f.rule == "topic":  # carried from an earlier paragraph: not a mention here
                continue
            names[key] = f.name
            types[key] = f.type
            if f.subclass:
                subclasses.setdefault(key, f.subclass)
            for alias in (f.surface, *f.aliases, _original_form(doc, p0 + f.start, p0 + f.end)):
                if alias and alias != f.name:
                    aliases[key].add(alias)
            s0, s1 = sentence_of(p0 + f.start)
            mentions[key].append(
                Mention(
                    doc.id,
                    p0 + f.start,
                    p0 + f.end,
                    text[p0 + f.start : p0 + f.end],
                    text[s0:s1],
                    as_written(s0, s1),
                )
            )
        for r in sp._.kg_relations or []:
            ev = Mention(
                doc.id,
                p0 + r.sent_start,
                p0 + r.sent_end,
                text[p0 + r.sent_start : p0 + r.sent_end].strip(),
                text[p0 + r.sent_start : p0 + r.sent_end].strip(),
                as_written(p0 + r.sent_start, p0 + r.sent_end, strip=True),
            )
            relations[(keys[r.head], r.rel, keys[r.tail])].append(ev)
        for o in sp._.kg_observations or []:
            ev = Mention(
                doc.id,
                p0 + o.start,
                p0 + o.end,
                text[p0 + o.start : p0 + o.end],
                text[p0 + o.sent_start : p0 + o.sent_end].strip(),
                as_written(p0 + o.sent_start, p0 + o.sent_end, strip=True),
            )
            observations.append(
                Observation(keys[o.subject], o.indicator, o.value, o.unit, o.year, ev)
            )

    merged = _short_company_names(names, types)
    if merged:
        _merge_entities(merged, names, aliases, mentions)
        relations = _remap_relations(relations, merged)
        observations = [replace(o, subject=merged.get(o.subject, o.subject)) for o in observations]
    entities = tuple(
        Entity(
            key,
            types[key],
            names[key],
            tuple(sorted(aliases[key])),
            tuple(mentions[key]),
            subclasses.get(key),
        )
        for key in sorted(names)
    )
    rels = tuple(Relation(h, rel, t, tuple(ev)) for (h, rel, t), ev in sorted(relations.items()))
    return Extraction(DocumentInfo.of(doc), entities, rels, tuple(observations))


def _company_short_names(text: str) -> dict[str, str]:
    """Short names the text uses for companies it names in full (see kg.extract.companies)."""
    from .companies import company_short_names
    from .lexicon import load_lexicon

    return company_short_names(text, load_lexicon())


#: Corner brackets (「人工智能+」行动, the quotation marks of traditional-script texts) read as
#: “…”, which every rule knows; one character for one, so offsets stay the same.
_CORNER_QUOTES = str.maketrans("「」『』", "“”“”")


#: What follows a company's short name in its full registered name (隆基绿能|科技股份有限公司).
_COMPANY_FORM = re.compile(
    r"[\u4e00-\u9fff]{0,6}?(?:股份有限公司|有限责任公司|有限公司|集团有限公司|集团股份有限公司|集团)"
)


def _short_company_names(names: dict[str, str], types: dict[str, str]) -> dict[str, str]:
    """Keys of organizations named by a short form of another one in the same text
    (长鑫存储 beside 长鑫存储技术有限公司), mapped to the full name's key.

    >>> _short_company_names({"o:a": "长鑫存储", "o:b": "长鑫存储技术有限公司"}, {"o:a": "Organization", "o:b": "Organization"})
    {'o:a': 'o:b'}
    """
    orgs = sorted((n, k) for k, n in names.items() if types[k] == "Organization")
    merged = {}
    for short, key in orgs:
        if len(short) < 2:
            continue
        full = [k for n, k in orgs if n != short and _full_form_of(n, short)]
        if len(full) == 1:  # with two candidates the short name is ambiguous
            merged[key] = full[0]
    return merged


def _full_form_of(full: str, short: str) -> bool:
    """Whether ``full`` is ``short`` as a registered company name: a place before it
    (杭州|海康威视|数字技术股份有限公司) and a company form after it."""
    at = full.find(short)
    if at < 0 or not _COMPANY_FORM.fullmatch(full[at + len(short) :]):
        return False
    if at == 0:
        return True
    from .lexicon import load_lexicon

    entry = load_lexicon().get(full[:at])
    return entry is not None and entry.type == "Place"


def _merge_entities(merged: dict[str, str], names, aliases, mentions) -> None:
    """Fold each short-named entity into its full-named one: name, aliases, mentions."""
    for short, full in merged.items():
        aliases[full].add(names.pop(short))
        aliases[full] |= aliases.pop(short, set())
        aliases[full].discard(names[full])
        mentions[full] = sorted(mentions[full] + mentions.pop(short, []), key=lambda m: m.start)


def _remap_relations(relations: dict, merged: dict[str, str]) -> dict:
    """Relations with merged keys replaced; one that now joins an entity to itself is dropped."""
    out: dict = defaultdict(list)
    for (h, rel, t), ev in relations.items():
        h, t = merged.get(h, h), merged.get(t, t)
        if h != t:
            out[(h, rel, t)].extend(ev)
    return out


def _carry_topic(out: Found | None, stale: int) -> tuple[Found | None, int]:
    """The topic for the next paragraph, and for how many paragraphs it has gone unnamed."""
    if out is None or out.rule != "topic":
        return out, 0  # named (or none) in this paragraph
    return out, stale + 1


def title_place(line: str, found: list[Found]) -> Found | None:
    """The place a document's title line opens with (苏州市…方案, 深圳市人民政府关于…, 安徽：…), or ``None``.

    A title is a first line without a full stop; the place is its first
    span, or the place inside the government body that opens it.
    """
    if len(line) > 64 or re.search(r"[。！？]", line):
        return None
    return _opening_span(
        found,
        len(line) - len(line.lstrip()),
        lambda f: f.type == "Place" and f.subclass in ("City", "Province", "District", "Region"),
    )


# a numbered heading: 第二章, 二、, （三）, 5.3
_HEADING = re.compile(
    r"\s*(?:第[一二三四五六七八九十]+[章节部分篇]|[一二三四五六七八九十]+、|[（(][一二三四五六七八九十\d]+[)）]|\d+(?:\.\d+)+\s*|\d+[、.．]\s*)"
)


def is_heading(line: str) -> bool:
    """A short numbered line without a full stop.

    >>> is_heading("二、总体要求"), is_heading("二、加快发展。")
    (True, False)
    """
    return (
        len(line) <= 40 and _HEADING.match(line) is not None and not re.search(r"[。！？；]", line)
    )


def heading_subject(line: str, found: list[Found]) -> Found | None:
    """The place, platform or organization a numbered heading opens with, or ``None``.

    >>> heading_subject("二、总体要求", []) is None
    True
    """
    m = _HEADING.match(line)
    if not m:
        return None
    return _opening_span(
        found, m.end(), lambda f: not f.nested and f.type in ("Place", "Platform", "Organization")
    )


def _opening_span(found: list[Found], at: int, accept) -> Found | None:
    """The first span found within a character of ``at`` that ``accept`` takes (a carried topic never)."""
    for f in sorted(found, key=lambda f: (f.start, f.nested)):
        if f.rule != "topic" and f.start - at <= 1 and accept(f):
            return f
    return None


def _original_form(doc: Document, start: int, end: int) -> str | None:
    """How a span was written in a traditional-script original (``None`` otherwise).

    The normalised text is simplified; the scorer and the graph match on it,
    and the original surface form becomes an ``skos:altLabel``.
    """
    if not doc.original or end <= start:
        return None
    first, last = doc.offsets[start], doc.offsets[end - 1]
    form = doc.original[first : last + 1]
    return form if len(form) <= (end - start) * 2 else None


def _as_written(doc: Document):
    """A function from a span of the normalised text to how a traditional-script original writes it.

    Script conversion keeps one character for one (:mod:`kg.corpus.normalise`), so
    each CJK character that conversion changed is put back as written; everything
    else normalisation did (joined lines, folded widths) stays. ``None`` for a
    document written in simplified script, or a span conversion did not change.
    """
    from ..corpus.normalise import is_cjk

    text, original, offsets = doc.text, doc.original, doc.offsets

    @functools.lru_cache(maxsize=4096)
    def written(start: int, end: int, strip: bool = False) -> str | None:
        if not original:
            return None
        chars = []
        for i in range(start, end):
            n, o = text[i], original[offsets[i]]
            chars.append(o if o != n and is_cjk(o) and is_cjk(n) else n)
        out = "".join(chars)
        if strip:
            out = out.strip()
        return out if out != (text[start:end].strip() if strip else text[start:end]) else None

    return written


def _sentence_index(doc: Document):
    """A function from a character offset to the span of its sentence."""
    import bisect

    starts = [s for s, _ in doc.sentences]

    def sentence_of(offset: int) -> tuple[int, int]:
        i = bisect.bisect_right(starts, offset) - 1
        if i < 0:
            return (0, min(len(doc.text), offset + 1))
        return doc.sentences[i]

    return sentence_of
