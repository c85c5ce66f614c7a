"""Corpus stage: text files → :class:`~kg.types.Document` objects.

- :mod:`.files`: find the text files under the given paths and read them, one
  problem line per file that cannot be read.
- :mod:`.decoding`: bytes → text (byte-order marks, UTF-8, GB18030, Big5).
- :mod:`.normalise`: PDF-extracted text → clean text with a map back to the original.
- :mod:`.offsets`: that map, stored as runs.
- :mod:`.sentences`: the one sentence splitter.
"""

from __future__ import annotations

from .decoding import decode
from .files import document_from_text, find_files, read_corpus, read_document
from .normalise import normalise

__all__ = [
    "decode",
    "document_from_text",
    "find_files",
    "normalise",
    "read_corpus",
    "read_document",
]
