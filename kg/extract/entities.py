"""The ``kg_entities`` component, the state its entity rules share, and their registry.

The component leaves a list of :class:`Found` spans in ``doc._.kg_entities``
(character offsets into the Doc's text). :class:`EntityRules` holds the lexicon,
the settings and the candidates found so far (``add``, ``extend_left``). The rule
families are functions of it and a :class:`Paragraph`, one module each, run in
the order :data:`NAME_RULES` gives: ``name_lexicon`` (lexicon terms),
``name_suffixes`` (suffix-headed names, checked by ``name_checks``),
``name_industries``, ``name_quotes`` (quoted and titled names), ``name_lists``,
``name_bodies``, ``name_phrases`` and ``name_speakers``. ``name_resolve`` then
resolves the candidates so that spans never overlap (longest first, then by the
priority each candidate carries). Shared word lists and predicates live in
``name_patterns``; the words themselves in ``data/words_*.txt``.

The rules read the paragraph's words as :class:`~kg.extract.spans.Tok` tuples (text,
jieba tag, character offsets), made once per paragraph from the words the tokenizer
keeps (``kg_words``: 8 ms for the seeds' 662 paragraphs, against 27 ms from the Doc's
tokens), because they compare character offsets across words, names and clauses; the
statistical tagger's proposals arrive as ``doc.spans`` (:mod:`~kg.extract.proposals`);
the candidates are plain :class:`Found` spans.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from spacy.language import Language
from spacy.tokens import Doc

from . import patterns as P
from .lexicon import Lexicon, load_lexicon
from .name_appositives import appositive_names
from .name_bodies import (
    founded_bodies,
    government_bodies,
    own_bodies,
    party_committees,
    short_company_names,
)
from .name_branches import branches, hosted_units
from .name_industries import industry_heads
from .name_lexicon import lexicon_terms
from .name_lists import lists
from .name_patterns import (
    _CLASSIFIERS,
    _CONJUNCTIONS,
    _COUNT_WORD,
    _FUNCTION_CHARS,
    _HEADING_NUMBER,
    _NOT_IN_A_NAME,
    _NOTICE,
    _NUMBER_WORD,
    _NUMERIC,
    _OBJECT_VERBS,
    _PINYIN_GLOSS,
    _balanced,
    _is_oov,
    _joins_nouns,
    _opens_century,
    _qualifies_inner_verb,
    rare_word,
)
from .name_phrases import (
    field_phrases,
    issued_titles,
    proposed_names,
    regional_strategies,
    section_heads,
    valleys,
)
from .name_quotes import quoted_names
from .name_resolve import resolve
from .name_speakers import bylines, titled_speakers
from .name_suffixes import suffix_names
from .segment import doc_text
from .spans import Found, Tok, _tokens

if not Doc.has_extension("kg_entities"):
    Doc.set_extension("kg_entities", default=None)


def _stops_name(toks: list[Tok], k: int, i: int, inner: frozenset) -> bool:
    """Whether token ``k``, outside brackets, ends a name reaching left: a count, a stop word
    or tag, a verb with its adverb, a symbol or a space."""
    t = toks[k]
    if _COUNT_WORD.match(t.text):
        return True
    if t.text in _CLASSIFIERS and k > 0 and _NUMBER_WORD.match(toks[k - 1].text):
        return True  # 15|家|科创板上市公司: a count of things is not part of a name
    if (
        t.text in P.LEFT_STOP_WORDS
        and t.text not in inner
        and not _qualifies_inner_verb(t, toks, k, i, inner)
    ) or (t.tag in P.STOP_TAGS and not _joins_nouns(toks, k, i, inner)):
        return True
    if len(t.text) > 2 and t.text[:-2] in P.STOP_VERB_ADVERBS and t.text[-2:] in P.LEFT_STOP_WORDS:
        return True  # 全力支持|苏州实验室
    if t.tag == "x" and t.text not in "·-+":
        return True
    if t.text == "方" and k > 0 and toks[k - 1].tag in ("v", "vn"):
        return True  # 运营|方|某某公司, 投资方: a party's role before its name
    return not t.text.strip()


def _listed(toks: list[Tok], k: int) -> bool:
    """Whether token ``k`` is followed by a list's enumeration comma."""
    return k + 1 < len(toks) and toks[k + 1].text == "、"


@dataclass
class EntityRules:
    """The rule set, with its settings (see ``kg_entities`` config)."""

    lexicon: Lexicon
    max_name_chars: int = 24
    max_prefix_tokens: int = 8
    found: list[Found] = field(default_factory=list)

    # ------------------------------------------------------------ helpers
    def extend_left(
        self, toks: list[Tok], i: int, limit: int | None = None, inner: frozenset = frozenset()
    ) -> int:
        """Index of the first token of a name whose last-but-head token is ``i``.

        ``inner`` holds stop words that may stand inside this kind of name.
        """
        limit = limit or self.max_prefix_tokens
        k = i
        depth = 0
        taken = 0
        while k >= 0 and taken < limit:
            t = toks[k]
            if t.text in "。！？；;!?\n":
                break  # never across a sentence, even inside brackets
            if t.text in "）)”":
                depth += 1
            elif t.text in "（(“":
                if depth == 0:
                    break
                depth -= 1
            elif depth == 0 and _stops_name(toks, k, i, inner):
                break
            k -= 1
            if t.text not in "“”（）()":  # brackets and quotes add no word to the name
                taken += 1
        start = k + 1
        # never start inside an unclosed parenthesis or on a leading modifier
        while start <= i and (
            (
                toks[start].text in "（()）“”·-—+"
                and not (
                    toks[start].text in "“（("
                    and any(toks[x].text in "”）)" for x in range(start + 1, i + 1))
                )
            )
            or (toks[start].text in P.LEADING_STRIP and toks[start].text not in inner)
            or (_NUMBER_WORD.match(toks[start].text) and not _opens_century(toks, start, i))
            or self._verb_before_place(toks, start, i)
            or (toks[start].tag in ("m", "q", "mq") and not _opens_century(toks, start, i))
            or (
                toks[start].tag == "v"
                and toks[start].text not in P.PROGRAM_INNER_VERBS
                and not self.lexicon.get(toks[start].text)
                and not (_is_oov(toks[start].text) and not set(toks[start].text) & _FUNCTION_CHARS)
                # 诞生了|安踏/v|、特步: a list's first item, a brand the dictionary tags as a verb
                and not (start == i and rare_word(toks[start].text) and _listed(toks, start))
            )
        ):
            start += 1
        return start

    def _verb_before_place(self, toks: list[Tok], k: int, i: int) -> bool:
        """服务|上海国际科创中心: a verb that takes the name as its object, opening on a place."""
        if toks[k].text not in _OBJECT_VERBS or k >= i:
            return False
        entry = self.lexicon.get(toks[k + 1].text)
        return entry is not None and entry.type == "Place"

    def add(
        self,
        start: int,
        end: int,
        type_: str,
        name: str,
        surface: str,
        priority: int,
        rule: str,
        subclass: str | None = None,
        aliases: tuple[str, ...] = (),
    ) -> None:
        name = _PINYIN_GLOSS.sub("", name.strip())  # 创(chuàng)新: a printed reading is no part
        if _NOT_IN_A_NAME.search(name) or (
            rule != "lexicon" and (not _balanced(name) or ("，" in name and "quote" not in rule))
        ):
            return  # …联动发展,生物医药; 芯屏等关键技术; 人工智能+”行动方案: no name holds these
        if (m := _HEADING_NUMBER.match(surface)) and name.startswith(surface[: m.end()]):
            # （三）战略…: a heading's number before a name is not part of it
            name, surface, start = name[m.end() :], surface[m.end() :], start + m.end()
        if rule != "lexicon" and name[:1] in _CONJUNCTIONS and surface[:1] == name[:1]:
            # 和乳业…计划: a conjunction before a name joins it to the last one, it is not in it
            name, surface, start = name[1:], surface[1:], start + 1
        if type_ == "Program" and (m := _NOTICE.match(name)) and m.group("title") != name:
            name = m.group(
                "title"
            )  # 关于印发〈…方案〉的通知: the program is the document it issues
        if (
            len(name) < 2
            or len(name) > 60
            or name in P.GENERIC_NAMES
            or not re.search(r"[\u4e00-\u9fffA-Za-z]", _NUMERIC.sub("", name))
        ):
            return
        self.found.append(
            Found(start, end, type_, name, surface, subclass, priority, aliases, rule)
        )

    def run(self, doc: Doc) -> list[Found]:
        """The entity spans of one paragraph: every family of :data:`NAME_RULES` in turn,
        then :func:`~kg.extract.name_resolve.resolve`."""
        self.found = []
        paragraph = Paragraph(doc_text(doc), _tokens(doc), doc)
        for family in NAME_RULES:
            family.run(self, paragraph)
        return resolve(self)


@dataclass(frozen=True)
class Paragraph:
    """What a name rule reads: the paragraph's text, its words, and its Doc (for what
    :func:`kg.extract.extract` carries in ``user_data``: issuer, section, short names)."""

    text: str
    toks: list[Tok]
    doc: Doc


@dataclass(frozen=True)
class NameRule:
    """A family of name rules and its place in the order they run (lower first).

    A later family sees the candidates of earlier ones (``rules.found``): a list
    drops the industries a list of departments holds, a short company name defers
    to its full form. Which candidate wins an overlap is not the order: each
    candidate carries its own priority (see :func:`~kg.extract.name_resolve.resolve`).
    """

    order: int
    name: str
    run: Callable[[EntityRules, Paragraph], None]


#: The name rule families, in the order they run. Adding one: write ``f(rules, paragraph)``
#: in a module of its own that calls ``rules.add`` per candidate, and list it here.
NAME_RULES: tuple[NameRule, ...] = tuple(
    sorted(
        (
            NameRule(10, "lexicon", lambda r, p: lexicon_terms(r, p.text, p.toks)),
            NameRule(20, "suffixes", lambda r, p: suffix_names(r, p.text, p.toks)),
            NameRule(25, "branches", lambda r, p: branches(r, p.text, p.toks)),
            NameRule(26, "hosted-units", lambda r, p: hosted_units(r, p.text, p.toks)),
            NameRule(30, "industry-heads", lambda r, p: industry_heads(r, p.text, p.toks)),
            NameRule(40, "quotes", lambda r, p: quoted_names(r, p.text, p.toks)),
            NameRule(50, "lists", lambda r, p: lists(r, p.text, p.toks)),
            NameRule(60, "party-committees", lambda r, p: party_committees(r, p.text)),
            NameRule(70, "government-bodies", lambda r, p: government_bodies(r, p.text, p.toks)),
            NameRule(80, "valleys", lambda r, p: valleys(r, p.text)),
            NameRule(90, "field-phrases", lambda r, p: field_phrases(r, p.text)),
            NameRule(
                100, "regional-strategies", lambda r, p: regional_strategies(r, p.text, p.toks)
            ),
            NameRule(
                110,
                "own-bodies",
                lambda r, p: own_bodies(r, p.text, p.doc.user_data.get("kg_issuer")),
            ),
            NameRule(
                120,
                "section-heads",
                lambda r, p: section_heads(r, p.text, p.doc.user_data.get("kg_section")),
            ),
            NameRule(130, "founded-bodies", lambda r, p: founded_bodies(r, p.text)),
            NameRule(140, "speaker-titles", lambda r, p: titled_speakers(r, p.text, p.toks)),
            NameRule(150, "bylines", lambda r, p: bylines(r, p.text)),
            NameRule(160, "issued-titles", lambda r, p: issued_titles(r, p.text)),
            NameRule(170, "proposed-names", lambda r, p: proposed_names(r, p.text, p.doc)),
            # after the tagger's names: its description of a firm (英国调查公司) is dropped
            NameRule(175, "appositives", lambda r, p: appositive_names(r, p.text, p.toks)),
            NameRule(
                180,
                "short-company-names",
                lambda r, p: short_company_names(
                    r, p.text, p.doc, p.doc.user_data.get("kg_short_names") or {}
                ),
            ),
        ),
        key=lambda f: f.order,
    )
)


@Language.factory("kg_entities", default_config={"max_name_chars": 24, "max_prefix_tokens": 8})
def make_entity_component(nlp: Language, name: str, max_name_chars: int, max_prefix_tokens: int):
    """spaCy factory: finds entity spans and stores them in ``doc._.kg_entities``."""
    rules = EntityRules(
        load_lexicon(), max_name_chars=max_name_chars, max_prefix_tokens=max_prefix_tokens
    )

    def component(doc: Doc) -> Doc:
        doc._.kg_entities = rules.run(doc)
        return doc

    return component
