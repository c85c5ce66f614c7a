"""The plain spans the entity rules work on: :class:`Tok` (a word) and :class:`Found`
(an entity span found in a Doc)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple

from spacy.tokens import Doc


@dataclass
class Found:
    """An entity span found in a Doc (character offsets into ``doc.text``)."""

    start: int
    end: int
    type: str
    name: str
    surface: str
    subclass: str | None = None
    priority: int = 0
    aliases: tuple[str, ...] = ()
    rule: str = ""
    nested: bool = False  # inside another span's name (人工智能 in 人工智能+行动)


class Tok(NamedTuple):
    """A token as the rules read it: text, jieba tag, character offsets."""

    text: str
    tag: str
    start: int
    end: int


def _tokens(doc: Doc) -> list[Tok]:
    """The Doc's words as :class:`Tok` tuples."""
    words = doc.user_data.get("kg_words")
    if words is not None:  # kept by the tokenizer: iterating a Doc's tokens costs more
        return [Tok._make(w) for w in words]
    return [Tok(t.text, t.tag_, t.idx, t.idx + len(t.text)) for t in doc]
