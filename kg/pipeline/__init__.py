"""The build machinery: corpus → extraction → graph → RDF → validation → files, as one call.

- :mod:`.build`: :func:`build_corpus`, the library entry point behind ``kg build``.
- :mod:`.extraction`: the extraction stage over a corpus, cached and in parallel.
- :mod:`.parallel`: where extraction runs (this process, a process pool, Dask).
- :mod:`.cache`: extractions on disk, keyed by file bytes and pipeline fingerprint.
- :mod:`.fingerprints`: hashes of the code and data that decide a build's output.

(Named ``pipeline`` rather than ``build`` because :func:`kg.build` is the
notebook entry point.)
"""

from __future__ import annotations

from .build import BuildResult, build_corpus

__all__ = ["BuildResult", "build_corpus"]
