"""Apply curation decisions to the extractions, before the graph stage.

Each decision is applied in file order to every document's extraction, so
its effect is the same whichever documents are rebuilt. Nothing is dropped
silently: what a decision takes out is returned in its :class:`Outcome`, for
the RDF to keep as rejected, and a decision that matches nothing is reported
(the caller warns, or refuses under ``--strict``).

Example:
    >>> from kg.types import DocumentInfo, Entity, Extraction, Mention
    >>> m = Mention("d1", 0, 2, "蓉城", "蓉城发展电子信息。")
    >>> x = Extraction(DocumentInfo("d1", "a.txt", "0" * 64, None, 9),
    ...                (Entity("Place:蓉城", "Place", "蓉城", (), (m,)),), (), ())
    >>> result = apply_curation([x], parse_curation("merge\\t成都\\t蓉城", "c.tsv"))
    >>> [(e.key, e.aliases) for e in result.extractions[0].entities]
    [('Place:成都', ('蓉城',))]
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from decimal import Decimal

from ..signatures import signature_ok
from ..types import ENTITY_TYPES, Entity, Extraction, Mention, Observation, Relation, entity_key
from .decisions import Decision, parse_curation  # noqa: F401 -- parse_curation: the doctest's


@dataclass
class Outcome:
    """What one decision did.

    Attributes:
        decision: the line.
        changed: entity keys (after the decision) that it renamed, retyped, merged or aliased.
        entities, relations, observations: the facts it took out (kept as rejected).
        added: the relations it added.
    """

    decision: Decision
    changed: set[str] = field(default_factory=set)
    entities: list[Entity] = field(default_factory=list)
    relations: list[Relation] = field(default_factory=list)
    observations: list[Observation] = field(default_factory=list)
    added: list[Relation] = field(default_factory=list)

    @property
    def matched(self) -> bool:
        """Whether the decision touched anything."""
        return bool(
            self.changed or self.entities or self.relations or self.observations or self.added
        )


@dataclass(frozen=True)
class CurationResult:
    """The curated extractions, and one :class:`Outcome` per decision in file order."""

    extractions: tuple[Extraction, ...]
    outcomes: tuple[Outcome, ...]

    @property
    def unmatched(self) -> list[Decision]:
        """Decisions that matched nothing (stale or misspelt lines)."""
        return [o.decision for o in self.outcomes if not o.matched]


def apply_curation(
    extractions: Iterable[Extraction], decisions: Sequence[Decision]
) -> CurationResult:
    """Apply ``decisions`` in order to every extraction; deterministic for the same inputs."""
    docs = sorted(extractions, key=lambda x: (x.document.file_name, x.document.id))
    outcomes = []
    for decision in decisions:
        outcome = Outcome(decision)
        docs = _OPERATIONS[decision.operation](docs, decision, outcome)
        outcomes.append(outcome)
    return CurationResult(tuple(docs), tuple(outcomes))


def matches(entity: Entity, ref: str) -> bool:
    """Whether ``ref`` (``name`` or ``Type:name``) names ``entity`` by its name or an alias.

    >>> e = Entity("Place:成都", "Place", "成都", ("成都市",), ())
    >>> matches(e, "成都市"), matches(e, "Place:成都"), matches(e, "Industry:成都")
    (True, True, False)
    """
    type_, sep, name = ref.partition(":")
    if sep and type_ in ENTITY_TYPES:
        if type_ != entity.type:
            return False
    else:
        name = ref
    return name == entity.name or name in entity.aliases


def _name_of(ref: str) -> str:
    """The name in ``ref``, without a ``Type:`` prefix."""
    type_, sep, name = ref.partition(":")
    return name if sep and type_ in ENTITY_TYPES else ref


# ----------------------------------------------------------------------------- entity operations


def _rekey(
    x: Extraction, change: dict[str, Entity], outcome: Outcome, *, check_signatures: bool = False
) -> Extraction:
    """Replace entities by key, merge those that now share a key, and repoint relations."""
    if not change:
        return x
    old_to_new = {old: e.key for old, e in change.items()}
    by_key: dict[str, Entity] = {}
    for e in (change.get(e.key, e) for e in x.entities):
        by_key[e.key] = _union(by_key[e.key], e) if e.key in by_key else e
    types = {key: e.type for key, e in by_key.items()}
    relations: dict[tuple[str, str, str], tuple[Mention, ...]] = {}
    for r in x.relations:
        h, t = old_to_new.get(r.head, r.head), old_to_new.get(r.tail, r.tail)
        if h == t:
            outcome.relations.append(r)
            continue
        if check_signatures and not signature_ok(r.rel, types.get(h, ""), types.get(t, "")):
            outcome.relations.append(r)
            continue
        relations[(h, r.rel, t)] = _sorted_union(relations.get((h, r.rel, t), ()), r.evidence)
    observations = tuple(
        replace(o, subject=old_to_new.get(o.subject, o.subject)) for o in x.observations
    )
    outcome.changed.update(old_to_new.values())
    return replace(
        x,
        entities=tuple(by_key[k] for k in sorted(by_key)),
        relations=tuple(Relation(h, rel, t, ev) for (h, rel, t), ev in sorted(relations.items())),
        observations=observations,
    )


def _union(a: Entity, b: Entity) -> Entity:
    aliases = tuple(sorted({*a.aliases, *b.aliases, b.name} - {a.name}))
    return replace(
        a,
        aliases=aliases,
        mentions=_sorted_union(a.mentions, b.mentions),
        subclass=a.subclass or b.subclass,
    )


def _sorted_union(a: Iterable[Mention], b: Iterable[Mention]) -> tuple[Mention, ...]:
    return tuple(sorted({*a, *b}, key=lambda m: (m.doc_id, m.start, m.end)))


def _renamed(e: Entity, name: str, type_: str | None = None) -> Entity:
    type_ = type_ or e.type
    aliases = tuple(sorted({*e.aliases, e.name} - {name}))
    subclass = e.subclass if type_ == e.type else None
    return replace(e, key=entity_key(type_, name), type=type_, name=name, aliases=aliases,
                   subclass=subclass)  # fmt: skip


def _merge(docs: list[Extraction], d: Decision, outcome: Outcome) -> list[Extraction]:
    target, other = d.args
    # A's types; where no entity is named A yet, B's (the line then names B's entity A).
    types = {e.type for x in docs for e in x.entities if matches(e, target)} or {
        e.type for x in docs for e in x.entities if matches(e, other)
    }
    name = _name_of(target)
    return [
        _rekey(
            x,
            {
                e.key: _renamed(e, name)
                for e in x.entities
                if e.type in types and matches(e, other) and not matches(e, target)
            },
            outcome,
        )
        for x in docs
    ]


def _rename(docs: list[Extraction], d: Decision, outcome: Outcome) -> list[Extraction]:
    ref, new = d.args
    return [
        _rekey(x, {e.key: _renamed(e, new) for e in x.entities if matches(e, ref)}, outcome)
        for x in docs
    ]


def _retype(docs: list[Extraction], d: Decision, outcome: Outcome) -> list[Extraction]:
    ref, type_ = d.args
    return [
        _rekey(
            x,
            {
                e.key: _renamed(e, e.name, type_)
                for e in x.entities
                if matches(e, ref) and e.type != type_
            },
            outcome,
            check_signatures=True,
        )
        for x in docs
    ]


def _alias(docs: list[Extraction], d: Decision, outcome: Outcome) -> list[Extraction]:
    ref, alias = d.args
    out = []
    for x in docs:
        change = {
            e.key: replace(e, aliases=tuple(sorted({*e.aliases, alias} - {e.name})))
            for e in x.entities
            if matches(e, ref) and alias not in (e.name, *e.aliases)
        }
        out.append(_rekey(x, change, outcome))
    return out


def _reject_entity(docs: list[Extraction], d: Decision, outcome: Outcome) -> list[Extraction]:
    out = []
    for x in docs:
        gone = {e.key for e in x.entities if matches(e, d.args[0])}
        if not gone:
            out.append(x)
            continue
        outcome.entities.extend(e for e in x.entities if e.key in gone)
        outcome.relations.extend(r for r in x.relations if {r.head, r.tail} & gone)
        outcome.observations.extend(o for o in x.observations if o.subject in gone)
        out.append(
            replace(
                x,
                entities=tuple(e for e in x.entities if e.key not in gone),
                relations=tuple(r for r in x.relations if not {r.head, r.tail} & gone),
                observations=tuple(o for o in x.observations if o.subject not in gone),
            )
        )
    return out


# ----------------------------------------------------------------------------- facts


def _keys(x: Extraction, ref: str) -> set[str]:
    return {e.key for e in x.entities if matches(e, ref)}


def _reject_relation(docs: list[Extraction], d: Decision, outcome: Outcome) -> list[Extraction]:
    head, rel, tail = d.args
    out = []
    for x in docs:
        heads, tails = _keys(x, head), _keys(x, tail)

        def hit(r: Relation, heads: set[str] = heads, tails: set[str] = tails) -> bool:
            if r.rel != rel:
                return False
            forward = r.head in heads and r.tail in tails
            return forward or (rel == "cooperatesWith" and r.head in tails and r.tail in heads)

        outcome.relations.extend(r for r in x.relations if hit(r))
        out.append(replace(x, relations=tuple(r for r in x.relations if not hit(r))))
    return out


def _reject_observation(docs: list[Extraction], d: Decision, outcome: Outcome) -> list[Extraction]:
    ref, indicator, value = d.args[0], d.args[1], Decimal(d.args[2])
    out = []
    for x in docs:
        subjects = _keys(x, ref)

        def hit(o: Observation, subjects: set[str] = subjects) -> bool:
            return o.subject in subjects and o.indicator == indicator and o.value == value

        outcome.observations.extend(o for o in x.observations if hit(o))
        out.append(replace(x, observations=tuple(o for o in x.observations if not hit(o))))
    return out


def _add_relation(docs: list[Extraction], d: Decision, outcome: Outcome) -> list[Extraction]:
    """Add the relation to the first document naming both ends (and holding the quote, if any)."""
    head, rel, tail = d.args
    file_name, sep, quote = d.evidence.partition(":")
    if not sep or not file_name.endswith(".txt"):
        file_name, quote = "", d.evidence
    for i, x in enumerate(docs):
        if file_name and x.document.file_name != file_name:
            continue
        heads, tails = sorted(_keys(x, head)), sorted(_keys(x, tail))
        evidence = _sentence(x, quote) if quote else None
        if not heads or not tails or (quote and evidence is None):
            continue
        added = Relation(heads[0], rel, tails[0], (evidence,) if evidence else ())
        outcome.added.append(added)
        docs = list(docs)
        docs[i] = replace(x, relations=(*x.relations, added))
        return docs
    return docs


def _sentence(x: Extraction, quote: str) -> Mention | None:
    """A mention spanning a sentence of ``x`` that contains ``quote``.

    Relation evidence spans whole sentences exactly; an entity mention gives
    its sentence's span from where its text first stands in the sentence.
    """
    for r in x.relations:
        for m in r.evidence:
            if quote in m.sentence:
                return Mention(m.doc_id, m.start, m.end, m.text, m.sentence)
    for e in x.entities:
        for m in e.mentions:
            at = m.sentence.find(m.text)
            if quote in m.sentence and at >= 0:
                start = m.start - at
                return Mention(m.doc_id, start, start + len(m.sentence), m.sentence, m.sentence)
    return None


_OPERATIONS = {
    "merge": _merge,
    "rename": _rename,
    "retype": _retype,
    "alias": _alias,
    "reject-entity": _reject_entity,
    "reject-relation": _reject_relation,
    "add-relation": _add_relation,
    "reject-observation": _reject_observation,
}
