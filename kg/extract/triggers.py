"""Trigger verbs of the relation rules, read from ``data/relation_triggers.txt``.

A trigger is the verb that states a relation between the spans around it
(成都|建设|国家超算中心). Adding one is a line ``relation<TAB>word`` in the
data file; the rules decide from the types of the spans which relation holds.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

from .patterns import longest_first

TRIGGER_FILE = Path(__file__).parent / "data" / "relation_triggers.txt"

#: The relations a trigger may state (the ontology's object properties).
RELATIONS = ("develops", "builds", "implements", "focusesOn", "cooperatesWith", "locatedIn")


@cache
def load_triggers(path: Path = TRIGGER_FILE) -> dict[str, tuple[str, ...]]:
    """Trigger words by relation, in file order.

    >>> "发展" in load_triggers()["develops"]
    True
    """
    out: dict[str, list[str]] = {rel: [] for rel in RELATIONS}
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        rel, _, word = line.partition("\t")
        if rel not in out or not word.strip():
            raise ValueError(
                f"{path}:{n}: expected 'relation<TAB>word' with a relation among {', '.join(RELATIONS)}"
            )
        out[rel].append(word.strip())
    return {rel: tuple(words) for rel, words in out.items()}


@cache
def trigger_regex() -> re.Pattern[str]:
    """One pattern matching any trigger, longest first (重点发展 before 发展)."""
    words = sorted({w for ws in load_triggers().values() for w in ws}, key=longest_first)
    return re.compile("|".join(map(re.escape, words)))


@cache
def relations_of(word: str) -> tuple[str, ...]:
    """The relations a trigger word may state.

    >>> relations_of("布局")
    ('develops', 'builds')
    """
    return tuple(rel for rel, words in load_triggers().items() if word in words)
