"""Entity rule family: a company named right after the kind of company it is (设计公司某某,
上市公司某某智能): news introduces firms that no list holds this way."""

from __future__ import annotations

from typing import TYPE_CHECKING

from . import patterns as P
from .name_patterns import _COMPANY_TAILS, _FUNCTION_CHARS, _is_oov
from .spans import Found, Tok
from .wordlists import words

if TYPE_CHECKING:
    from .entities import EntityRules

#: Kinds of company that introduce a company's name (data/words_appositive_heads.txt).
APPOSITIVE_HEADS = frozenset(words("appositive_heads"))
#: Tags of the word after the name: punctuation, or a function word or verb that ends it.
_AFTER_NAME = frozenset(["x", "d", "v", "p", "uj", "ul", "c", "f"])
#: Words before a kind of company that point to one already known (原, 该, 其 …).
_DETERMINERS = frozenset("原该本这那其各母此")
#: Characters that are function words, never part of a name (的, 在, 刚 …).
_FUNCTION_CHARACTERS = _FUNCTION_CHARS | frozenset("的地得于已刚等也都正让了着过")
#: Tags jieba gives the words of an unknown name (a person's name, a proper noun, Latin).
_NAME_WORD_TAGS = frozenset(["nr", "nrt", "nrfg", "nz", "nt", "eng"])
#: The most words such a name takes.
MAX_NAME_TOKENS = 4


def appositive_names(rules: EntityRules, text: str, toks: list[Tok]) -> None:
    """设计公司|思瑞浦|。, 上市公司|井松|智能|刚: an unknown name after a kind of company."""
    for k, head in enumerate(toks[:-1]):
        if head.text not in APPOSITIVE_HEADS:
            continue
        if k > 0 and toks[k - 1].text[-1] in _DETERMINERS:
            continue  # 离开原公司|外闯, 该公司: a firm already known, not one being named
        last = k
        while last + 1 < len(toks) and last - k < MAX_NAME_TOKENS:
            if _in_a_name(toks[last + 1]):
                last += 1
            elif last > k and _latin_word_after_space(toks, last):
                last += 2  # LMC Automotive: a Latin name of several words
            else:
                break
        if last == k or (last + 1 < len(toks) and not _ends_a_name(toks[last + 1])):
            continue  # no name, or its words run on into a longer phrase
        start, end = toks[k + 1].start, toks[last].end
        name = text[start:end]
        entry = rules.lexicon.get(name)
        if entry is not None and entry.type != "Organization":
            continue
        if 2 <= len(name) <= 24 and name not in P.GENERIC_NAMES:
            rules.add(start, end, "Organization", name, name, 1, "appositive")
            # 英国调查公司|某某: the words before the name describe the firm, they name none
            rules.found = [f for f in rules.found if not _describes(f, head)]


def _in_a_name(t: Tok) -> bool:
    """Whether a word can be part of a firm's unknown name: one no dictionary knows, one
    jieba tags as a name, a company word (科技, 智能), or a single character that is no
    function word (jieba cuts an unknown name into characters: 黔|芯|微)."""
    if len(t.text) == 1:
        return "\u4e00" <= t.text <= "\u9fff" and t.text not in _FUNCTION_CHARACTERS
    return _is_oov(t.text) or t.tag in _NAME_WORD_TAGS or t.text in _COMPANY_TAILS


def _ends_a_name(t: Tok) -> bool:
    """Whether a word ends the name before it: punctuation, a function word, an adverb or a
    verb (刚|登陆, 的|数据)."""
    return t.tag in _AFTER_NAME or t.text in _FUNCTION_CHARACTERS or not t.text.strip()


def _latin_word_after_space(toks: list[Tok], last: int) -> bool:
    """Whether a Latin word ends at ``last`` and another follows after one space."""
    return (
        last + 2 < len(toks)
        and toks[last].tag == "eng"
        and toks[last + 1].text == " "
        and toks[last + 2].tag == "eng"
    )


def _describes(f: Found, head: Tok) -> bool:
    """Whether a candidate is the description before a firm's name (英国调查公司, 英国调查)
    rather than a name: an organization by suffix or tagger ending at the kind word."""
    return (
        f.type == "Organization"
        and f.rule in ("suffix", "proposal")
        and f.start < head.start
        and f.end in (head.start, head.end)
    )
