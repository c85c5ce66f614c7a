"""Score a build against gold annotations: what ``kg evaluate`` reports.

The gold is a folder of JSON files, one per annotated text (:mod:`kg.analysis.gold`);
the predictions are a build's ``graph.ttl`` (:mod:`kg.analysis.predictions`). Scoring is over
the whole corpus, because a build merges each entity across its documents:

* An entity prediction matches a gold entity when one of its names (label,
  preferred or alternative label) equals a name or alias of the gold entity,
  after :func:`normalize_name`; typed scores also need the same type. Gold
  entities with the same type and canonical name in several files are one item.
* A relation prediction matches a gold relation through the names of its two
  ends, with the same relation (``cooperatesWith`` in either direction); the
  untyped score ignores the relation and the direction.
* An observation prediction matches a gold observation when its subject is
  named like the gold subject or one of its ``alt_subjects`` and its value is
  within 0.5 % of the gold value (a scale word 万/亿 left in a gold unit is
  multiplied out; predicted values are taken as ``kg:value`` states them,
  which the ontology defines as multiplied out).
* Precision is over predictions: matched ones count as right, unmatched ones
  as wrong, and those matching only ``borderline`` gold items are left out.
  Recall is over distinct ``core`` gold items: a relation or observation
  annotated in two files is one item to find.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from os import PathLike

from .gold import (
    ENTITY_CLASSES,
    SYMMETRIC_RELATIONS,
    Gold,
    GoldItem,
    read_gold,
    values_match,
)
from .predictions import Predictions, read_predictions


@dataclass(frozen=True)
class Score:
    """Counts for one measure; precision, recall and F1 follow from them.

    ``tp`` and ``fp`` count predictions (those matching only borderline items
    are in neither); ``found`` of ``total`` counts distinct core gold items.

    Example:
        >>> s = Score(tp=3, fp=1, found=3, total=6)
        >>> s.precision, s.recall, round(s.f1, 4), s.fn
        (0.75, 0.5, 0.6, 3)
    """

    tp: int
    fp: int
    found: int
    total: int

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.found / self.total if self.total else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def fn(self) -> int:
        return self.total - self.found

    def to_dict(self) -> dict[str, float | int]:
        """``p``, ``r``, ``f1`` (to 4 decimals), ``tp``, ``fp``, ``fn``."""
        return {
            "p": round(self.precision, 4),
            "r": round(self.recall, 4),
            "f1": round(self.f1, 4),
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
        }


#: The kinds of item the missed and spurious lists cover.
KINDS = ("entities", "relations", "observations")


@dataclass
class Scores:
    """The result of :func:`evaluate`: one :class:`Score` per measure, with what was missed and spurious.

    Measures: ``entities`` and ``entities_untyped``, ``type:<Type>`` for each
    entity type, ``relations`` and ``relations_untyped``, ``observations``.
    ``missed`` and ``spurious`` (typed, per kind) are sorted lists of labels.
    """

    measures: dict[str, Score]
    missed: dict[str, list[str]]
    spurious: dict[str, list[str]]

    def to_dict(self) -> dict:
        """Plain JSON-ready data: ``{"scores": {measure: {p, r, f1, tp, fp, fn}}, "missed", "spurious"}``."""
        return {
            "scores": {name: s.to_dict() for name, s in self.measures.items()},
            "missed": self.missed,
            "spurious": self.spurious,
        }


@dataclass
class _Tally:
    score: Score
    missed: list[str]
    spurious: list[str]


def _tally(judged: Iterable[tuple[str, Sequence[GoldItem]]], gold: Iterable[GoldItem]) -> _Tally:
    """Count predictions (each a label and the gold items it matches) against the core gold."""
    tp = fp = 0
    found: set[str] = set()
    spurious: list[str] = []
    for label, hits in judged:
        if not hits:
            fp += 1
            spurious.append(label)
            continue
        core_hits = {h.key for h in hits if h.core}
        if core_hits:
            tp += 1
            found |= core_hits
        # else: only borderline items match; the prediction counts neither way
    core = {item.key: item.label for item in gold if item.core}
    missed = sorted({label for key, label in core.items() if key not in found})
    score = Score(tp, fp, len(found & core.keys()), len(core))
    return _Tally(score, missed, sorted(spurious))


class _Index:
    """Gold items by the normalised names they can be matched through."""

    def __init__(self) -> None:
        self._by_name: dict[str, list[GoldItem]] = defaultdict(list)

    def add(self, names: Iterable[str], item: GoldItem) -> None:
        for n in names:
            self._by_name[n].append(item)

    def lookup(self, names: Iterable[str]) -> list:
        """The items any of ``names`` matches, each once (two files' copies of an item are two)."""
        seen: dict[int, GoldItem] = {}
        for n in names:
            for item in self._by_name.get(n, ()):
                seen.setdefault(id(item), item)
        return list(seen.values())


def score(gold: Gold, pred: Predictions) -> Scores:
    """Score predictions against gold, following the annotation spec (see the module docstring)."""
    measures: dict[str, Score] = {}
    missed: dict[str, list[str]] = {}
    spurious: dict[str, list[str]] = {}
    for kind, tallies in (
        ("entities", _entity_tallies(gold, pred)),
        ("relations", _relation_tallies(gold, pred)),
        ("observations", _observation_tallies(gold, pred)),
    ):
        measures.update((name, t.score) for name, t in tallies.items())
        missed[kind], spurious[kind] = tallies[kind].missed, tallies[kind].spurious
    return Scores(measures, missed, spurious)


def _entity_tallies(gold: Gold, pred: Predictions) -> dict[str, _Tally]:
    """``entities`` (typed), ``entities_untyped`` and ``type:<Type>`` for each entity type."""
    index = _Index()
    for ge in gold.entities:
        index.add(ge.names, ge)
    candidates = {iri: index.lookup(e.names) for iri, e in pred.entities.items()}
    tallies = {
        "entities": _tally(
            (
                (
                    f"{e.label} ({', '.join(sorted(e.types))})",
                    [g for g in candidates[iri] if g.type in e.types],
                )
                for iri, e in pred.entities.items()
            ),
            gold.entities,
        ),
        "entities_untyped": _tally(
            ((e.label, candidates[iri]) for iri, e in pred.entities.items()), gold.entities
        ),
    }
    for t in ENTITY_CLASSES:
        tallies[f"type:{t}"] = _tally(
            (
                (e.label, [g for g in candidates[iri] if g.type == t])
                for iri, e in pred.entities.items()
                if t in e.types
            ),
            [ge for ge in gold.entities if ge.type == t],
        )
    return tallies


def _relation_tallies(gold: Gold, pred: Predictions) -> dict[str, _Tally]:
    """``relations`` (typed, with direction) and ``relations_untyped``."""
    index = _Index()
    for gr in gold.relations:
        index.add(gr.heads | gr.tails, gr)
    relations = sorted(pred.relations)

    def judged(typed: bool) -> Iterable[tuple[str, list]]:
        for h, r, t in relations:
            label = f"{_label(pred, h)} {r} {_label(pred, t)}"
            yield (
                label,
                _relation_hits(index, _names(pred, h), r if typed else None, _names(pred, t)),
            )

    return {
        "relations": _tally(judged(typed=True), gold.relations),
        "relations_untyped": _tally(judged(typed=False), gold.relations),
    }


def _relation_hits(
    index: _Index, heads: frozenset[str], rel: str | None, tails: frozenset[str]
) -> list:
    """Gold relations from ``heads`` to ``tails`` (either way if symmetric; any if ``rel`` is None)."""
    hits = []
    for gr in index.lookup(heads | tails):
        forward = bool(heads & gr.heads and tails & gr.tails)
        backward = bool(heads & gr.tails and tails & gr.heads)
        if rel is None:
            ok = forward or backward
        else:
            ok = gr.rel == rel and (forward or (rel in SYMMETRIC_RELATIONS and backward))
        if ok:
            hits.append(gr)
    return hits


def _observation_tallies(gold: Gold, pred: Predictions) -> dict[str, _Tally]:
    """``observations``: subject named alike and value within tolerance."""
    index = _Index()
    for go in gold.observations:
        index.add(go.subjects, go)
    return {
        "observations": _tally(
            (
                (
                    f"{_label(pred, s)} {v:g}",
                    [go for go in index.lookup(_names(pred, s)) if values_match(go.value, v)],
                )
                for s, v in pred.observations
            ),
            gold.observations,
        )
    }


def _names(pred: Predictions, iri: str) -> frozenset[str]:
    """The normalised names of a predicted entity (none for an IRI the build does not describe)."""
    ent = pred.entities.get(iri)
    return ent.names if ent else frozenset()


def _label(pred: Predictions, iri: str) -> str:
    ent = pred.entities.get(iri)
    return ent.label if ent else iri


def evaluate(pred_path: str | PathLike[str], gold_dir: str | PathLike[str]) -> Scores:
    """Score the build at ``pred_path`` (a build folder or its ``graph.ttl``) against gold.

    ``gold_dir`` is a folder of gold JSON files (or one file) in the format of
    the annotation spec. See the module docstring for how items match.

    Example (with a built graph and its gold)::

        scores = evaluate("out", "tests/data/gold/seeds")
        scores.measures["entities"].f1

    Raises:
        GraphFileError: no readable graph at ``pred_path``.
        InputError: gold files missing or not in the format.
    """
    gold = read_gold(gold_dir)
    return score(gold, read_predictions(pred_path))


def format_scores(scores: Scores, show: int = 0) -> str:
    """The table ``kg evaluate`` prints, with up to ``show`` missed and spurious items per kind.

    Example:
        >>> s = Scores({"entities": Score(3, 1, 3, 6)}, {}, {})
        >>> print(format_scores(s))
        measure                   P      R     F1    tp    fp    fn
        entities              0.750  0.500  0.600     3     1     3
    """
    lines = [f"{'measure':<20}{'P':>7}{'R':>7}{'F1':>7}{'tp':>6}{'fp':>6}{'fn':>6}"]
    for name, s in scores.measures.items():
        lines.append(
            f"{name:<20}{s.precision:>7.3f}{s.recall:>7.3f}{s.f1:>7.3f}{s.tp:>6}{s.fp:>6}{s.fn:>6}"
        )
    if show:
        for kind in KINDS:
            for what, items in (("missed", scores.missed), ("spurious", scores.spurious)):
                listed = items.get(kind, [])
                more = f" (first {show} of {len(listed)})" if len(listed) > show else ""
                lines += ["", f"{what} {kind}{more}:", *(f"  {x}" for x in listed[:show])]
    return "\n".join(lines)
