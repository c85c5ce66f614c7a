"""Plain data passed between the pipeline stages.

Nothing here imports spaCy or rdflib: extraction hands these frozen
dataclasses to the graph stage, and the cache stores them as JSON.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal

ENTITY_TYPES = ("Place", "Program", "Industry", "Platform", "Organization")
RELATION_TYPES = (
    "locatedIn",
    "develops",
    "implements",
    "builds",
    "focusesOn",
    "cooperatesWith",
    "partOf",
)


@dataclass(frozen=True)
class Document:
    """One input text after decoding and normalisation.

    Attributes:
        id: stable identifier (first 16 hex digits of ``sha256``).
        file_name: the file's base name.
        path: the path it was read from, as given.
        sha256: hex digest of the file's bytes.
        encoding: the encoding it was decoded with.
        text: the normalised text every offset in the graph refers to.
        sentences: ``(start, end)`` of each sentence in ``text``.
        offsets: for each character of ``text``, its index in the decoded
            original (so a mention can be shown in the source file); a
            compact :class:`kg.corpus.offsets.Offsets` that indexes like a tuple.
        title: the first heading-like line, where there is one.
        original: the decoded text as written, kept only when it was in
            traditional script (mentions then also carry their original form).
    """

    id: str
    file_name: str
    path: str
    sha256: str
    encoding: str
    text: str
    sentences: tuple[tuple[int, int], ...]
    offsets: Sequence[int] = field(repr=False, default=())
    title: str | None = None
    original: str | None = field(repr=False, default=None)


@dataclass(frozen=True)
class DocumentInfo:
    """What later stages keep of a document: everything but the text."""

    id: str
    file_name: str
    sha256: str
    title: str | None
    length: int

    @classmethod
    def of(cls, doc: Document) -> DocumentInfo:
        return cls(doc.id, doc.file_name, doc.sha256, doc.title, len(doc.text))


@dataclass(frozen=True, slots=True)  # slots: a large corpus holds millions of these
class Mention:
    """A span of a document's normalised text and the sentence around it.

    ``written`` is that sentence as the document writes it, where its script
    differs from the normalised (simplified) text: the evidence an analyst of
    a traditional-script text reads. ``None`` for every other document.
    """

    doc_id: str
    start: int
    end: int
    text: str
    sentence: str
    written: str | None = None

    @property
    def shown(self) -> str:
        """The sentence to show a reader: as written where that differs, else the normalised one."""
        return self.written or self.sentence


@dataclass(frozen=True)
class Entity:
    """A named thing read in one document.

    ``key`` is ``"Type:canonical name"``; the same key from several
    documents is the same node in the graph.
    """

    key: str
    type: str
    name: str
    aliases: tuple[str, ...]
    mentions: tuple[Mention, ...]
    subclass: str | None = None


@dataclass(frozen=True)
class Relation:
    """``head --rel--> tail`` between entity keys, with the sentences that state it."""

    head: str
    rel: str
    tail: str
    evidence: tuple[Mention, ...]


@dataclass(frozen=True, slots=True)
class Observation:
    """A number stated about an entity: ``value`` in base units (万/亿 multiplied out)."""

    subject: str
    indicator: str
    value: Decimal
    unit: str
    year: int | None
    evidence: Mention


@dataclass(frozen=True)
class Extraction:
    """Everything read from one document."""

    document: DocumentInfo
    entities: tuple[Entity, ...]
    relations: tuple[Relation, ...]
    observations: tuple[Observation, ...]


def entity_key(type_: str, name: str) -> str:
    """The graph key of an entity.

    >>> entity_key("Place", "成都")
    'Place:成都'
    """
    return f"{type_}:{name}"
