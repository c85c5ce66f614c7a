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
    from .clauses import FoundRelation
    from .entities import Found
    from .observations import FoundObservation

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
    """Read entities, relations and observations from one document.

    The paragraphs are read in order; what a paragraph establishes (its topic,
    the document's issuer, the section it heads, the programs named so far) is
    :class:`~kg.extract.scope.DocumentScope` for the next, and what it finds is collected in
    :class:`_Findings` with offsets into the whole text.
    """
    from .references import reference_paragraphs
    from .scope import DocumentScope
    from .segment import make_nlp  # spaCy and jieba load on first use, not on `import kg`

    nlp = make_nlp()
    text = doc.text
    scope = DocumentScope(short_names=_company_short_names(text))
    findings = _Findings(doc)
    spans = paragraphs(text)
    citations = reference_paragraphs([text[p0:p1] for p0, p1 in spans])
    for n, (p0, p1) in enumerate(spans):
        if n in citations:
            continue
        sp = nlp.make_doc(text[p0:p1].translate(_CORNER_QUOTES))
        scope.prime(sp)
        for _, component in nlp.pipeline:
            sp = component(sp)
        found = sp._.kg_entities or []
        scope.update(n, text[p0:p1], sp.user_data.get("kg_topic_out"), found)
        keys = findings.add_entities(found, p0)
        findings.add_relations(sp._.kg_relations or [], keys, p0)
        findings.add_observations(sp._.kg_observations or [], keys, p0)
    return findings.extraction()


class _Findings:
    """Entities, relations and observations of one document, as paragraphs add them."""

    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.names: dict[str, str] = {}
        self.types: dict[str, str] = {}
        self.subclasses: dict[str, str] = {}
        self.aliases: dict[str, set[str]] = defaultdict(set)
        self.mentions: dict[str, list[Mention]] = defaultdict(list)
        self.relations: dict[tuple[str, str, str], list[Mention]] = defaultdict(list)
        self.observations: list[Observation] = []
        self.sentence_of = _sentence_index(doc)
        self.as_written = _as_written(doc)

    def add_entities(self, found: list[Found], p0: int) -> list[str]:
        """Record a paragraph's spans (starting at ``p0``); their keys, in order."""
        doc, text = self.doc, self.doc.text
        keys = []
        for f in found:
            key = entity_key(f.type, f.name)
            keys.append(key)
            if f.rule == "topic":  # carried from an earlier paragraph: not a mention here
                continue
            self.names[key] = f.name
            self.types[key] = f.type
            if f.subclass:
                self.subclasses.setdefault(key, f.subclass)
            for alias in (f.surface, *f.aliases, _original_form(doc, p0 + f.start, p0 + f.end)):
                if alias and alias != f.name:
                    self.aliases[key].add(alias)
            s0, s1 = self.sentence_of(p0 + f.start)
            self.mentions[key].append(
                Mention(
                    doc.id,
                    p0 + f.start,
                    p0 + f.end,
                    text[p0 + f.start : p0 + f.end],
                    text[s0:s1],
                    self.as_written(s0, s1),
                )
            )
        return keys

    def add_relations(self, found: list[FoundRelation], keys: list[str], p0: int) -> None:
        """Record a paragraph's relations, each with its sentence as evidence."""
        text = self.doc.text
        for r in found:
            sentence = text[p0 + r.sent_start : p0 + r.sent_end].strip()
            ev = Mention(
                self.doc.id,
                p0 + r.sent_start,
                p0 + r.sent_end,
                sentence,
                sentence,
                self.as_written(p0 + r.sent_start, p0 + r.sent_end, strip=True),
            )
            self.relations[(keys[r.head], r.rel, keys[r.tail])].append(ev)

    def add_observations(self, found: list[FoundObservation], keys: list[str], p0: int) -> None:
        """Record a paragraph's figures, each with its number and sentence as evidence."""
        text = self.doc.text
        for o in found:
            ev = Mention(
                self.doc.id,
                p0 + o.start,
                p0 + o.end,
                text[p0 + o.start : p0 + o.end],
                text[p0 + o.sent_start : p0 + o.sent_end].strip(),
                self.as_written(p0 + o.sent_start, p0 + o.sent_end, strip=True),
            )
            self.observations.append(
                Observation(keys[o.subject], o.indicator, o.value, o.unit, o.year, ev)
            )

    def extraction(self) -> Extraction:
        """The document's extraction, short company names folded into their full ones."""
        relations, observations = self.relations, self.observations
        merged = _short_company_names(self.names, self.types)
        if merged:
            _merge_entities(merged, self.names, self.aliases, self.mentions)
            relations = _remap_relations(relations, merged)
            observations = [
                replace(o, subject=merged.get(o.subject, o.subject)) for o in observations
            ]
        entities = tuple(
            Entity(
                key,
                self.types[key],
                self.names[key],
                tuple(sorted(self.aliases[key])),
                tuple(self.mentions[key]),
                self.subclasses.get(key),
            )
            for key in sorted(self.names)
        )
        rels = tuple(
            Relation(h, rel, t, tuple(ev)) for (h, rel, t), ev in sorted(relations.items())
        )
        return Extraction(DocumentInfo.of(self.doc), entities, rels, tuple(observations))


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
