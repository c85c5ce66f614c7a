"""Validation results as plain data: one :class:`ShapeResult` per failed check, one :class:`ValidationReport`.

Both engines (the compiled SPARQL checks of :mod:`kg.validate.engine` and the
pyshacl reference of :mod:`kg.validate.reference`) report in these types, so
a build never imports pyshacl for them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import NamedTuple

from ..errors import ValidationError


class ShapeResult(NamedTuple):
    """One SHACL validation result, every field a plain string.

    Attributes:
        focus: the node that fails (an IRI, or a literal's lexical form).
        path: the property path, ``""`` for a check on the node itself.
        message: what the shape requires (or what went wrong).
        constraint: the constraint component's local name, such as
            ``"MinCountConstraintComponent"`` or ``"SPARQLConstraintComponent"``.
        severity: ``"Violation"``, ``"Warning"`` or ``"Info"``.
        value: the offending value, ``""`` when there is none.
        shape: the IRI of the shape that fails, ``""`` for an anonymous shape.
    """

    focus: str
    path: str
    message: str
    constraint: str
    severity: str
    value: str
    shape: str


@dataclass(frozen=True)
class ValidationReport:
    """The outcome of a validation (:func:`kg.validate.validate_store` or :func:`kg.validate.reference.validate`).

    Attributes:
        conforms: True when there is no result of severity Violation
            (warnings do not break conformance).
        violations: ``(focus node, path, message)`` of each violation.
        text: pyshacl's human-readable report.
        results: every result, warnings included, with its constraint
            component and severity.
    """

    conforms: bool
    violations: list[tuple[str, str, str]]
    text: str
    results: tuple[ShapeResult, ...] = field(default=(), repr=False)

    @property
    def warnings(self) -> list[tuple[str, str, str]]:
        """``(focus node, path, message)`` of each result of severity Warning."""
        return [(r.focus, r.path, r.message) for r in self.results if r.severity == "Warning"]

    def raise_for_violations(self, where: str, limit: int = 5) -> None:
        """Raise :class:`kg.errors.ValidationError` unless the graph conforms.

        Args:
            where: what was validated (a file name or ``"the built graph"``),
                named in the message.
            limit: how many violations to quote in the message.

        Raises:
            ValidationError: if there is at least one violation.

        Example:
            >>> ValidationReport(True, [], "").raise_for_violations("x.ttl")
        """
        if self.conforms:
            return
        shown = "; ".join(
            f"{focus} {path}: {message}" if path else f"{focus}: {message}"
            for focus, path, message in self.violations[:limit]
        )
        more = len(self.violations) - limit
        if more > 0:
            shown += f"; and {more} more"
        raise ValidationError(
            f"{where}: {len(self.violations)} SHACL violation(s): {shown}; "
            "run `kg validate` for the full report and fix the stage that wrote these nodes"
        )
