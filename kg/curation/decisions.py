"""The curation file: one analyst's decision per line, tab-separated.

Format (``curation.tsv`` beside the corpus, or ``kg build --curation FILE``)::

    # comments and blank lines are ignored
    merge               A       B                       [note]  [author]
    rename              A       NEW                     [note]  [author]
    retype              A       Type                    [note]  [author]
    alias               A       X                       [note]  [author]
    reject-entity       A                               [note]  [author]
    reject-relation     A       rel     B               [note]  [author]
    add-relation        A       rel     B   [evidence]  [note]  [author]
    reject-observation  A       indicator   value       [note]  [author]

``A`` names an entity by its name or any alias; ``Type:name`` (``Place:成都``)
restricts it to one type. ``merge A B`` says B is another name of A. The
evidence of ``add-relation`` is a quote of the sentence that states it,
optionally after the file name (``report.txt:…建设国家超算中心``).

Example:
    >>> [d.operation for d in parse_curation("merge\\t成都\\t蓉城\\n# a comment\\n", "c.tsv")]
    ['merge']
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path

from ..errors import CurationError
from ..types import ENTITY_TYPES, RELATION_TYPES

#: Operation → the names of its required fields (then the optional ones of :data:`OPTIONAL`).
FIELDS: dict[str, tuple[str, ...]] = {
    "merge": ("entity", "other"),
    "rename": ("entity", "new"),
    "retype": ("entity", "type"),
    "alias": ("entity", "alias"),
    "reject-entity": ("entity",),
    "reject-relation": ("head", "rel", "tail"),
    "add-relation": ("head", "rel", "tail"),
    "reject-observation": ("entity", "indicator", "value"),
}
#: Optional trailing fields, per operation.
OPTIONAL: dict[str, tuple[str, ...]] = {
    op: (("evidence",) if op == "add-relation" else ()) + ("note", "author") for op in FIELDS
}


@dataclass(frozen=True)
class Decision:
    """One line of a curation file.

    Attributes:
        source: the file's base name.
        line: its line number, from 1.
        operation: one of :data:`FIELDS`.
        args: the required fields, in the order :data:`FIELDS` names them.
        evidence: ``add-relation``'s quote ("" when none).
        note: why, in the analyst's words.
        author: who decided.
        text: the line as written (what a warning quotes, and what the fingerprint hashes).
    """

    source: str
    line: int
    operation: str
    args: tuple[str, ...]
    evidence: str = ""
    note: str = ""
    author: str = ""
    text: str = ""

    @property
    def where(self) -> str:
        """``file:line``, for messages."""
        return f"{self.source}:{self.line}"


def read_curation(path: str | os.PathLike) -> tuple[Decision, ...]:
    """Read a curation file; :class:`CurationError` names the file and line of a bad one."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        raise CurationError(f"{path}: not UTF-8 text ({exc.reason}); save it as UTF-8") from None
    except OSError as exc:
        raise CurationError(
            f"{path}: cannot read the curation file ({exc.strerror or exc}); check the path"
        ) from None
    return parse_curation(text, path.name)


def parse_curation(text: str, source: str) -> tuple[Decision, ...]:
    """The decisions in ``text``, in file order; ``source`` names the file in messages."""
    decisions = []
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.rstrip("\r")
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        decisions.append(_decision(line, source, number))
    return tuple(decisions)


def _decision(line: str, source: str, number: int) -> Decision:
    where = f"{source}:{number}"
    fields = [f.strip() for f in line.split("\t")]
    operation, rest = fields[0], fields[1:]
    if operation not in FIELDS:
        hint = "; separate fields with tabs" if " " in operation else ""
        raise CurationError(
            f"{where}: unknown operation {operation!r}{hint}; use one of {', '.join(FIELDS)}"
        )
    required, optional = FIELDS[operation], OPTIONAL[operation]
    if len(rest) < len(required) or not all(rest[: len(required)]):
        raise CurationError(
            f"{where}: {operation} needs {len(required)} tab-separated fields "
            f"({', '.join(required)}), got {len([f for f in rest if f])}"
        )
    if len(rest) > len(required) + len(optional):
        raise CurationError(
            f"{where}: {operation} takes at most {len(required) + len(optional)} fields "
            f"({', '.join(required + optional)}), got {len(rest)}"
        )
    args, extra = (
        tuple(rest[: len(required)]),
        dict(zip(optional, rest[len(required) :], strict=False)),
    )
    _check_args(operation, args, where)
    return Decision(
        source=source,
        line=number,
        operation=operation,
        args=args,
        evidence=extra.get("evidence", ""),
        note=extra.get("note", ""),
        author=extra.get("author", ""),
        text=line,
    )


def _check_args(operation: str, args: tuple[str, ...], where: str) -> None:
    for name in (args[0], args[2]) if operation.endswith("relation") else (args[0],):
        type_, sep, _ = name.partition(":")
        if sep and type_ in ENTITY_TYPES:
            continue
        if sep and type_.isascii() and type_.isalpha():
            raise CurationError(
                f"{where}: {type_!r} is not an entity type; write Type:name with one of "
                f"{', '.join(ENTITY_TYPES)}"
            )
    if operation == "retype" and args[1] not in ENTITY_TYPES:
        raise CurationError(
            f"{where}: cannot retype to {args[1]!r}; use one of {', '.join(ENTITY_TYPES)}"
        )
    if operation.endswith("relation") and args[1] not in RELATION_TYPES:
        raise CurationError(
            f"{where}: unknown relation {args[1]!r}; use one of {', '.join(RELATION_TYPES)}"
        )
    if operation == "reject-observation":
        try:
            Decimal(args[2])
        except InvalidOperation:
            raise CurationError(
                f"{where}: the value {args[2]!r} is not a number; give it in base units "
                "as the graph stores it (3.8亿元 → 380000000)"
            ) from None
