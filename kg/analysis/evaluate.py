"""Score a build against gold annotations: what ``kg evaluate`` reports.

The gold is a folder of JSON files, one per annotated text (the format of the
annotation spec)::

    {"doc": "a.txt",
     "entities": [{"name": "成都", "type": "Place", "aliases": ["成都市"], "status": "core"}],
     "relations": [{"head": "成都", "rel": "builds", "tail": "国家超算中心", "status": "core"}],
     "observations": [{"subject": "成都", "indicator": "国家级创新平台", "value": 146,
                       "unit": "个", "alt_subjects": [], "status": "core"}]}

The predictions are a build's ``graph.ttl``, read with rdflib. Scoring is over
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

import json
import math
import re
import unicodedata
from collections import defaultdict
from collections.abc import Callable, Collection, Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache
from os import PathLike
from pathlib import Path
from typing import Any

from rdflib import RDF, RDFS, SKOS, Graph, Literal, URIRef
from rdflib.util import guess_format

from ..errors import GraphFileError, InputError
from ..vocab import KG

#: The five entity classes, by their local names (the gold's ``type``).
ENTITY_CLASSES: dict[str, URIRef] = {
    "Place": KG.Place,
    "Program": KG.Program,
    "Industry": KG.Industry,
    "Platform": KG.Platform,
    "Organization": KG.Organization,
}
#: The seven relations, by their local names (the gold's ``rel``).
RELATION_PROPERTIES: dict[str, URIRef] = {
    "locatedIn": KG.locatedIn,
    "develops": KG.develops,
    "implements": KG.implements,
    "builds": KG.builds,
    "focusesOn": KG.focusesOn,
    "cooperatesWith": KG.cooperatesWith,
    "partOf": KG.partOf,
}
#: Relations that hold both ways, so a prediction may state either direction.
SYMMETRIC_RELATIONS = frozenset({"cooperatesWith"})
#: An observation's value matches within this fraction of the gold value.
VALUE_TOLERANCE = 0.005
#: Scale words that may lead a unit, longest first so 万亿 is not read as 万.
SCALE_WORDS = (("万亿", 10**12), ("亿", 10**8), ("千万", 10**7), ("百万", 10**6), ("万", 10**4))

# White space, quotation marks and book-title marks: names compare without them.
_IGNORED_IN_NAMES = re.compile(r"[\s“”‘’\"'「」『』《》〈〉]")


# ---------------------------------------------------------------- names and values


@cache
def _traditional_to_simplified() -> Callable[[str], str]:
    import opencc

    return opencc.OpenCC("t2s").convert


def normalize_name(name: str) -> str:
    """The form in which gold and predicted names compare.

    NFKC (full-width forms to plain ones), traditional characters to
    simplified, then quotation marks, book-title marks and white space removed.

    Example:
        >>> normalize_name("《數碼港》 計劃")
        '数码港计划'
        >>> normalize_name("“ＡＩ＋”行动")
        'AI+行动'
    """
    text = unicodedata.normalize("NFKC", name)
    text = _traditional_to_simplified()(text)
    return _IGNORED_IN_NAMES.sub("", text)


def base_value(value: float, unit: str | None) -> float:
    """``value`` with a scale word at the start of ``unit`` multiplied out.

    Example:
        >>> base_value(3.8, "亿元")
        380000000.0
        >>> base_value(1.15, "万人"), base_value(12, "%")
        (11500.0, 12.0)
    """
    for word, factor in SCALE_WORDS:
        if (unit or "").startswith(word):
            return float(value) * factor
    return float(value)


def values_match(gold: float, predicted: float) -> bool:
    """Whether ``predicted`` lies within :data:`VALUE_TOLERANCE` of ``gold``.

    Example:
        >>> values_match(200, 200.9), values_match(200, 201.1)
        (True, False)
    """
    return abs(predicted - gold) <= VALUE_TOLERANCE * abs(gold)


# ---------------------------------------------------------------- gold


@dataclass(frozen=True)
class GoldEntity:
    """A gold entity merged over files by type and canonical name."""

    key: str
    label: str
    core: bool
    type: str
    names: frozenset[str]


@dataclass(frozen=True)
class GoldRelation:
    """A gold relation; ``heads`` and ``tails`` are the normalised names of its ends."""

    key: str
    label: str
    core: bool
    rel: str
    heads: frozenset[str]
    tails: frozenset[str]


@dataclass(frozen=True)
class GoldObservation:
    """A gold observation; ``subjects`` names the subject and its ``alt_subjects``."""

    key: str
    label: str
    core: bool
    subjects: frozenset[str]
    value: float


GoldItem = GoldEntity | GoldRelation | GoldObservation


@dataclass
class Gold:
    """Everything in a folder of gold files, ready to match predictions against."""

    entities: list[GoldEntity] = field(default_factory=list)
    relations: list[GoldRelation] = field(default_factory=list)
    observations: list[GoldObservation] = field(default_factory=list)
    files: int = 0


def read_gold(path: str | PathLike[str]) -> Gold:
    """Read gold annotations: a folder of ``*.json`` files or one file.

    Raises:
        InputError: no gold there, a file that is not JSON, or an item that
            does not follow the format (missing name, unknown type or relation,
            a value that is not a number).
    """
    path = Path(path)
    if path.is_dir():
        files = sorted(path.glob("*.json"))
        if not files:
            raise InputError(f"{path}: no *.json gold files here; pass the folder of gold files")
    elif path.is_file():
        files = [path]
    else:
        raise InputError(f"{path}: no such file or folder; pass the folder of gold JSON files")
    entities: dict[str, dict] = {}
    relations: list[GoldRelation] = []
    observations: list[GoldObservation] = []
    for file in files:
        data = _read_json(file)
        _add_file(file, data, entities, relations, observations)
    merged = [
        GoldEntity(key, e["label"], e["core"], e["type"], frozenset(e["names"]))
        for key, e in entities.items()
    ]
    return Gold(merged, relations, observations, len(files))


def _read_json(file: Path) -> dict:
    try:
        data = json.loads(file.read_text(encoding="utf-8"))
    except UnicodeDecodeError as exc:
        raise InputError(f"{file}: not UTF-8 ({exc.reason}); save the gold file as UTF-8") from exc
    except json.JSONDecodeError as exc:
        raise InputError(
            f"{file}: not JSON ({exc.msg} at line {exc.lineno} column {exc.colno}); fix the file"
        ) from exc
    if not isinstance(data, dict):
        raise InputError(f"{file}: expected an object with entities, relations and observations")
    return data


def _field(
    file: Path, kind: str, index: int, item: dict, name: str, allowed: Collection[str] = ()
) -> Any:
    """``item[name]``, or an :class:`InputError` that says which item of which file lacks it."""
    value = item.get(name) if isinstance(item, dict) else None
    if value is None or value == "":
        raise InputError(f"{file}: {kind} {index + 1} has no {name!r}; see the gold format")
    if allowed and value not in allowed:
        raise InputError(
            f"{file}: {kind} {index + 1} has {name} {value!r}; use one of {', '.join(allowed)}"
        )
    return value


def _is_core(item: dict) -> bool:
    return item.get("status", "core") == "core"


def _add_file(
    file: Path,
    data: dict,
    entities: dict[str, dict],
    relations: list[GoldRelation],
    observations: list[GoldObservation],
) -> None:
    # A name's forms are those of this file's entities so named: an alias such
    # as 本市 or 省政府 stands for different entities in different files.
    forms: dict[str, set[str]] = defaultdict(set)
    for i, e in enumerate(data.get("entities", [])):
        name = _field(file, "entity", i, e, "name")
        etype = _field(file, "entity", i, e, "type", ENTITY_CLASSES)
        names = {normalize_name(n) for n in [name, *e.get("aliases", [])]}
        forms[name] |= names
        key = f"{etype}:{normalize_name(name)}"
        merged = entities.setdefault(
            key, {"label": f"{name} ({etype})", "core": False, "type": etype, "names": set()}
        )
        merged["names"] |= names
        merged["core"] = merged["core"] or _is_core(e)

    def names_of(name: str) -> frozenset[str]:
        return frozenset(forms.get(name) or {normalize_name(name)})

    for i, r in enumerate(data.get("relations", [])):
        head = _field(file, "relation", i, r, "head")
        rel = _field(file, "relation", i, r, "rel", RELATION_PROPERTIES)
        tail = _field(file, "relation", i, r, "tail")
        label = f"{head} {rel} {tail}"
        key = f"{normalize_name(head)} {rel} {normalize_name(tail)}"
        relations.append(GoldRelation(key, label, _is_core(r), rel, names_of(head), names_of(tail)))
    for i, o in enumerate(data.get("observations", [])):
        subject = _field(file, "observation", i, o, "subject")
        raw = _field(file, "observation", i, o, "value")
        try:
            value = base_value(float(raw), o.get("unit"))
        except (TypeError, ValueError) as exc:
            raise InputError(
                f"{file}: observation {i + 1} has value {raw!r}; give a number, with 万/亿 "
                "multiplied out"
            ) from exc
        subjects = frozenset().union(*(names_of(s) for s in [subject, *o.get("alt_subjects", [])]))
        indicator = o.get("indicator") or ""
        label = f"{subject} {indicator} {raw}"
        key = f"{normalize_name(subject)} {normalize_name(indicator)} {value!r}"
        observations.append(GoldObservation(key, label, _is_core(o), subjects, value))


# ---------------------------------------------------------------- predictions


@dataclass(frozen=True)
class PredictedEntity:
    """An entity of the build: its normalised names and its main classes."""

    iri: str
    label: str
    names: frozenset[str]
    types: frozenset[str]


@dataclass
class Predictions:
    """What a build states: entities by IRI, relations between them, observations."""

    entities: dict[str, PredictedEntity] = field(default_factory=dict)
    relations: set[tuple[str, str, str]] = field(default_factory=set)
    observations: list[tuple[str, float]] = field(default_factory=list)


def prediction_file(path: str | PathLike[str]) -> Path:
    """The graph file of ``path``: an RDF file, or a build folder holding ``graph.ttl``."""
    from ..rdf.store import graph_turtle

    return graph_turtle(path)


def read_predictions(path: str | PathLike[str]) -> Predictions:
    """Read a build's entities, relations and observations with rdflib.

    Raises:
        GraphFileError: no graph at ``path``, or one rdflib cannot parse.
    """
    file = prediction_file(path)
    g = Graph()
    try:
        g.parse(file, format=guess_format(str(file)) or "turtle")
    except Exception as exc:  # rdflib raises parser-specific errors
        raise GraphFileError(
            f"{file}: not a readable RDF graph ({exc}); rebuild it with `kg build`"
        ) from exc
    return predictions_from_graph(g)


def predictions_from_graph(g: Graph) -> Predictions:
    """The entities, relations and observations an rdflib graph states."""
    types: dict[str, set[str]] = defaultdict(set)
    for name, cls in ENTITY_CLASSES.items():
        for node in g.subjects(RDF.type, cls):
            types[str(node)].add(name)
    pred = Predictions()
    for iri, classes in types.items():
        node = URIRef(iri)
        labels = sorted(str(x) for x in g.objects(node, RDFS.label))
        names = {
            str(x) for p in (RDFS.label, SKOS.prefLabel, SKOS.altLabel) for x in g.objects(node, p)
        }
        label = labels[0] if labels else min(names, default=iri)
        pred.entities[iri] = PredictedEntity(
            iri, label, frozenset(normalize_name(n) for n in names), frozenset(classes)
        )
    for rel, prop in RELATION_PROPERTIES.items():
        for head, tail in g.subject_objects(prop):
            if str(head) in pred.entities and str(tail) in pred.entities:
                pred.relations.add((str(head), rel, str(tail)))
    for obs in g.subjects(RDF.type, KG.Observation):
        value = g.value(obs, KG.value)
        for subject in g.objects(obs, KG.subject):
            number = _number(value)
            if number is not None:
                pred.observations.append((str(subject), number))
    return pred


def _number(value) -> float | None:
    if not isinstance(value, Literal):
        return None
    try:
        number = float(str(value))
    except ValueError:
        return None
    return number if math.isfinite(number) else None


# ---------------------------------------------------------------- scores


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
