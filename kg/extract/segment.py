"""The spaCy pipeline: ``spacy.blank("zh")`` with a jieba part-of-speech segmenter.

spaCy's own ``zh`` tokenizer can call jieba but drops jieba's part-of-speech
flags, which the entity rules use as weak evidence; this tokenizer keeps
them in ``token.tag_``. Lexicon terms are registered with jieba so that a
name such as 新能源汽车 stays one token.
"""

from __future__ import annotations

import logging
from functools import lru_cache

import jieba
import jieba.posseg
import spacy
from spacy.tokens import Doc

from .lexicon import Lexicon, load_lexicon
from .wordlists import words

#: Frequency given to lexicon terms: high enough to keep them whole, low
#: enough not to swallow their neighbours.
LEXICON_WORD_FREQ = 20000
_TAG_OF_TYPE = {
    "Place": "ns",
    "Organization": "nt",
    "Industry": "nz",
    "Program": "nz",
    "Platform": "nz",
}


class JiebaPossegTokenizer:
    """Text → spaCy ``Doc`` with jieba's words and POS flags as ``tag_``."""

    def __init__(self, vocab):
        self.vocab = vocab

    def __call__(self, text: str) -> Doc:
        words: list[str] = []
        tags: list[str] = []
        kept = []
        at = 0
        for pair in jieba.posseg.lcut(text, HMM=True):
            if not pair.word:
                continue
            words.append(pair.word)
            tags.append(pair.flag or "x")
            kept.append((pair.word, tags[-1], at, at + len(pair.word)))
            at += len(pair.word)
        doc = Doc(self.vocab, words=words, spaces=[False] * len(words), tags=tags)
        # the text and the tokens as plain data: spaCy rebuilds doc.text on every read
        doc.user_data["kg_text"] = text
        doc.user_data["kg_words"] = kept
        return doc

    # spaCy calls these when saving a pipeline; this tokenizer has no state.
    def to_bytes(self, **_):
        return b""

    def from_bytes(self, _data, **_):
        return self


def doc_text(doc: Doc) -> str:
    """A Doc's text, as the tokenizer kept it (``doc.text`` joins the tokens on every read)."""
    text = doc.user_data.get("kg_text")
    return text if isinstance(text, str) else doc.text


_registered = False


def register_lexicon(lex: Lexicon) -> None:
    """Tell jieba about every lexicon term (once per process)."""
    global _registered
    if _registered:
        return
    jieba.setLogLevel(logging.WARNING)
    jieba.initialize()
    for surface, entry in sorted(lex.entries.items()):
        if len(surface) >= 2:
            jieba.add_word(surface, freq=LEXICON_WORD_FREQ, tag=_TAG_OF_TYPE[entry.type])
    for word in words("segment"):
        if lex.get(word) is None:
            jieba.add_word(word, freq=LEXICON_WORD_FREQ, tag="n")
    _registered = True


@lru_cache(maxsize=4)
def make_nlp(
    components: tuple[str, ...] = (
        "kg_proposals",
        "kg_entities",
        "kg_relations",
        "kg_observations",
    ),
):
    """The extraction pipeline: blank Chinese, jieba POS tokenizer, our components.

    Loaded once per process (and so once per worker in a parallel build).
    """
    from . import entities, observations, proposals, relations  # noqa: F401  (register the factories)

    lex = load_lexicon()
    register_lexicon(lex)
    nlp = spacy.blank("zh")
    nlp.tokenizer = JiebaPossegTokenizer(nlp.vocab)
    for name in components:
        nlp.add_pipe(name)
    return nlp
