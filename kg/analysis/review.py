"""What a reviewer should look at first in a build, as curation lines to copy.

Three kinds of likely errors, each found by one SPARQL query on the build:
entities named once that take part in no relation (often fragments), names
that differ only by an administrative or legal suffix (成都 / 成都市, 华为 /
华为公司: probably one entity), and relations whose evidence sentence names
neither end (read from a subject carried over from elsewhere, worth a look).
Each suggestion is a line of ``curation.tsv`` with the reason as its note.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

#: Suffixes whose presence or absence does not change what a name refers to.
NAME_SUFFIXES = ("股份有限公司", "有限责任公司", "有限公司", "集团", "公司", "市", "省", "县", "区")

_TYPES = "VALUES ?type { kg:Place kg:Program kg:Industry kg:Platform kg:Organization }"
_RELATIONS = (
    "VALUES ?rel { kg:locatedIn kg:develops kg:implements kg:builds kg:focusesOn "
    "kg:cooperatesWith kg:partOf }"
)
_LONELY = f"""
SELECT ?type ?label WHERE {{
  {_TYPES}
  ?e a ?type ; rdfs:label ?label ; kg:mentionCount 1 .
  FILTER NOT EXISTS {{ {_RELATIONS} ?e ?rel ?other }}
  FILTER NOT EXISTS {{ {_RELATIONS} ?other ?rel ?e }}
}} ORDER BY ?type ?label"""
_NAMES = f"""
SELECT ?type ?label ?count WHERE {{
  {_TYPES}
  ?e a ?type ; rdfs:label ?label ; kg:mentionCount ?count .
}} ORDER BY ?type ?label"""
_EVIDENCE = """
SELECT ?stype ?s ?rel ?otype ?o ?sentence
       (GROUP_CONCAT(DISTINCT ?sname; separator="\\u001f") AS ?snames)
       (GROUP_CONCAT(DISTINCT ?oname; separator="\\u001f") AS ?onames) WHERE {
  VALUES ?stype { kg:Place kg:Program kg:Industry kg:Platform kg:Organization }
  VALUES ?otype { kg:Place kg:Program kg:Industry kg:Platform kg:Organization }
  ?a kg:assertedSubject ?se ; kg:assertedPredicate ?p ; kg:assertedObject ?oe ; kg:evidence ?m .
  ?m kg:sentence ?sentence .
  ?se a ?stype ; rdfs:label ?s . ?oe a ?otype ; rdfs:label ?o .
  { ?se rdfs:label ?sname } UNION { ?se skos:altLabel ?sname }
  { ?oe rdfs:label ?oname } UNION { ?oe skos:altLabel ?oname }
  BIND (STRAFTER(STR(?p), "#") AS ?rel)
} GROUP BY ?stype ?s ?rel ?otype ?o ?sentence ORDER BY ?s ?rel ?o"""


@dataclass(frozen=True)
class Suggestion:
    """A curation line worth a reviewer's look, and why."""

    kind: str
    line: str
    reason: str


def review_build(graph: str | Path) -> list[Suggestion]:
    """The suggestions for a build (an output folder or a graph file), most telling kind first."""
    from ..sparql.query import run_query

    suggestions = _suffix_pairs(run_query(graph, _NAMES).rows)
    suggestions += _unnamed_ends(run_query(graph, _EVIDENCE).rows)
    suggestions += [
        Suggestion("lonely", f"reject-entity\t{_short(t)}:{label}", "one mention and no relation")
        for t, label in run_query(graph, _LONELY).rows
        if t and label
    ]
    return suggestions


def _short(type_iri: str) -> str:
    return type_iri.rsplit("#", 1)[-1]


def _suffix_pairs(rows) -> list[Suggestion]:
    """``merge A B`` for names of one type that differ only by a suffix of :data:`NAME_SUFFIXES`."""
    counts: dict[tuple[str, str], int] = {}
    for t, label, count in rows:
        counts[(_short(t), label)] = int(count or 0)
    out = []
    for (t, label), count in sorted(counts.items()):
        for suffix in NAME_SUFFIXES:
            stem = label.removesuffix(suffix)
            if stem != label and len(stem) >= 2 and (t, stem) in counts:
                # The more mentioned name stays canonical.
                keep, other = (stem, label) if counts[(t, stem)] >= count else (label, stem)
                out.append(
                    Suggestion(
                        "suffix",
                        f"merge\t{t}:{keep}\t{other}",
                        f"{stem} and {label} differ only by {suffix}",
                    )
                )
                break
    return out


def _unnamed_ends(rows) -> list[Suggestion]:
    """``reject-relation`` for relations stated only in sentences that name neither end."""
    named: dict[tuple[str, ...], bool] = defaultdict(bool)
    for stype, s, rel, otype, o, sentence, snames, onames in rows:
        key = (_short(stype), s, rel, _short(otype), o)
        names = [n for n in f"{snames}\x1f{onames}".split("\x1f") if n]
        named[key] |= any(n in (sentence or "") for n in names)
    return [
        Suggestion(
            "evidence",
            f"reject-relation\t{st}:{s}\t{rel}\t{ot}:{o}",
            "no evidence sentence names either end",
        )
        for (st, s, rel, ot, o), ok in sorted(named.items())
        if not ok
    ]


def format_suggestions(suggestions: list[Suggestion]) -> str:
    """The suggestions as a curation file to edit: a comment per kind, the reason as each note."""
    headings = {
        "suffix": "# Names that differ only by a suffix: probably one entity",
        "evidence": "# Relations whose evidence sentences name neither end",
        "lonely": "# Entities named once, in no relation: often fragments",
    }
    blocks = []
    for kind, heading in headings.items():
        group = [f"{s.line}\t{s.reason}" for s in suggestions if s.kind == kind]
        if group:
            blocks.append("\n".join([heading, *group]))
    return "\n\n".join(blocks) + "\n" if blocks else ""
