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

    ent_index = _Index()
    for ge in gold.entities:
        ent_index.add(ge.names, ge)
    candidates = {iri: ent_index.lookup(e.names) for iri, e in pred.entities.items()}

    typed = _tally(
        (
            (
                f"{e.label} ({', '.join(sorted(e.types))})",
                [g for g in candidates[iri] if g.type in e.types],
            )
            for iri, e in pred.entities.items()
        ),
        gold.entities,
    )
    untyped = _tally(
        ((e.label, candidates[iri]) for iri, e in pred.entities.items()), gold.entities
    )
    measures["entities"], measures["entities_untyped"] = typed.score, untyped.score
    missed["entities"], spurious["entities"] = typed.missed, typed.spurious
    for t in ENTITY_CLASSES:
        of_type = [ge for ge in gold.entities if ge.type == t]
        measures[f"type:{t}"] = _tally(
            (
                (e.label, [g for g in candidates[iri] if g.type == t])
                for iri, e in pred.entities.items()
                if t in e.types
            ),
            of_type,
        ).score

    def names(iri: str) -> frozenset[str]:
        ent = pred.entities.get(iri)
        return ent.names if ent else frozenset()

    def label(iri: str) -> str:
        ent = pred.entities.get(iri)
        return ent.label if ent else iri

    rel_index = _Index()
    for gr in gold.relations:
        rel_index.add(gr.heads | gr.tails, gr)
    relations = sorted(pred.relations)

    def relation_hits(head: str, rel: str | None, tail: str) -> list:
        hn, tn = names(head), names(tail)
        hits = []
        for gr in rel_index.lookup(hn | tn):
            forward = bool(hn & gr.heads and tn & gr.tails)
            backward = bool(hn & gr.tails and tn & gr.heads)
            if rel is None:
                ok = forward or backward
            else:
                ok = gr.rel == rel and (forward or (rel in SYMMETRIC_RELATIONS and backward))
            if ok:
                hits.append(gr)
        return hits

    typed = _tally(
        ((f"{label(h)} {r} {label(t)}", relation_hits(h, r, t)) for h, r, t in relations),
        gold.relations,
    )
    untyped = _tally(
        ((f"{label(h)} {r} {label(t)}", relation_hits(h, None, t)) for h, r, t in relations),
        gold.relations,
    )
    measures["relations"], measures["relations_untyped"] = typed.score, untyped.score
    missed["relations"], spurious["relations"] = typed.missed, typed.spurious

    obs_index = _Index()
    for go in gold.observations:
        obs_index.add(go.subjects, go)
    observed = _tally(
        (
            (
                f"{label(s)} {v:g}",
                [go for go in obs_index.lookup(names(s)) if values_match(go.value, v)],
            )
            for s, v in pred.observations
        ),
        gold.observations,
    )
    measures["observations"] = observed.score
    missed["observations"], spurious["observations"] = observed.missed, observed.spurious
    return Scores(measures, missed, spurious)


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
