"""Analysts' corrections, kept in a file beside the corpus and applied on every build.

:func:`read_curation` parses ``curation.tsv`` (format in :mod:`kg.curation.decisions`);
:func:`apply_curation` applies it to the extractions before the graph stage and says
what each line did.
"""

from .apply import CurationResult, Outcome, apply_curation, matches
from .decisions import FIELDS, Decision, parse_curation, read_curation

#: The curation file a build picks up from an input folder.
CURATION_FILE = "curation.tsv"

__all__ = [
    "CURATION_FILE",
    "FIELDS",
    "CurationResult",
    "Decision",
    "Outcome",
    "apply_curation",
    "matches",
    "parse_curation",
    "read_curation",
]
