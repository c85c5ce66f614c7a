"""Entity rule families for branches: a body's branch in a place, named in full (某某研究院
湖北分院, 某某大学深圳研究生院, 某某实验室重庆基地: the parent's name, a place, a
branch head), and a body's unit hosted by another body (某某研究中心|某某大学|基地), which
names the two bodies, not a third."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from .name_patterns import _longest_suffix
from .spans import Tok
from .wordlists import words

if TYPE_CHECKING:
    from .entities import EntityRules

#: Branch heads that make the branch an organization, whatever its parent is.
ORGANIZATION_BRANCHES = frozenset(words("branch_heads"))
#: Branch heads that make the branch of its parent's kind (a laboratory's 基地 is a platform).
SAME_TYPE_BRANCHES = frozenset(words("branch_heads_same_type"))
BRANCH_HEADS = ORGANIZATION_BRANCHES | SAME_TYPE_BRANCHES


def _before_branch_heads(rules: EntityRules, toks: list[Tok], type_: str) -> Iterator[int]:
    """Indices ``k`` of the words of ``type_`` in the lexicon that a branch head follows."""
    for k in range(1, len(toks) - 1):
        entry = rules.lexicon.get(toks[k].text)
        if entry is not None and entry.type == type_ and toks[k + 1].text in BRANCH_HEADS:
            yield k


def branches(rules: EntityRules, text: str, toks: list[Tok]) -> None:
    """某某研究院|湖北|分院: a place between a body's head word and a branch head."""
    for k in _before_branch_heads(rules, toks, "Place"):
        head = toks[k + 1]
        parent = _parent_before(rules, text, toks, k)
        if parent is None:
            continue
        start, parent_type = parent
        type_ = (
            "Organization"
            if head.text in ORGANIZATION_BRANCHES
            else "Platform"
            if head.text == "基地"  # a company's base (某某集团|四川|基地) is a facility
            else parent_type
        )
        name = text[start : head.end]
        rules.add(start, head.end, type_, name, name, 3, "branch")


def _parent_before(
    rules: EntityRules, text: str, toks: list[Tok], k: int
) -> tuple[int, str] | None:
    """Where the body whose name ends right before token ``k`` starts, and its type: a
    candidate found so far, or else words that end in a platform's or organization's head."""
    at = toks[k].start
    found = [
        f
        for f in rules.found
        if f.end == at and f.type in ("Organization", "Platform") and not f.nested
    ]
    if found:
        longest = min(found, key=lambda f: f.start)
        return longest.start, longest.type
    hit = _longest_suffix(toks[k - 1].text)
    if hit is None or hit[1] not in ("Organization", "Platform"):
        return None
    first = rules.extend_left(toks, k - 2) if k >= 2 else k - 1
    first = min(first, k - 1)
    if toks[k - 1].end - toks[first].start <= len(hit[0]):
        return None  # a bare head word (实验室|重庆基地) names no parent
    return toks[first].start, hit[1]


def hosted_units(rules: EntityRules, text: str, toks: list[Tok]) -> None:
    """某某研究中心|某某大学|分中心: a centre's unit hosted by a university names the centre
    and the university; a name running into the university is dropped (the centre's own
    name, ending at its head word, is a candidate of its own)."""
    for k in _before_branch_heads(rules, toks, "Organization"):
        host, head = toks[k], toks[k + 1]
        hit = _longest_suffix(toks[k - 1].text)
        if hit is None or hit[1] not in ("Organization", "Platform"):
            continue
        rules.found = [
            f for f in rules.found if not (f.start < host.start and f.end in (host.end, head.end))
        ]
        for f in rules.found:  # the centre is an organization, as the university is
            if f.end == host.start and f.type == "Platform" and f.rule == "suffix":
                f.type = "Organization"
