"""Errors a caller can act on. The CLI turns each into one line and exit code 1."""

from __future__ import annotations


class KgError(Exception):
    """Base class: the message says what went wrong, where, and how to fix it."""


class InputError(KgError):
    """An input file or folder cannot be read as text."""


class QueryError(KgError):
    """A SPARQL query is malformed or cannot be answered."""


class GraphFileError(KgError):
    """A graph file or output folder is missing or unreadable."""


class ValidationError(KgError):
    """The graph does not conform to the SHACL shapes."""


class PackageDataError(KgError):
    """A file the package ships (ontology, shapes, named queries) is missing from the installation."""


class CurationError(KgError):
    """A curation file cannot be read, or one of its lines is malformed (or, strictly, stale)."""


class SchedulerError(KgError):
    """The Dask scheduler cannot be reached, or its workers cannot run the extraction."""
