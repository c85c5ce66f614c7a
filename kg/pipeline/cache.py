"""Per-document extraction cache: file bytes + pipeline fingerprint → Extraction JSON.

A rebuild extracts only the documents whose bytes, or whose extraction code,
changed since the last build. An entry is keyed by the SHA-256 of the file's
bytes and by :func:`~kg.pipeline.fingerprints.pipeline_fingerprint`, a hash of
everything else that decides what extraction returns (see
:mod:`kg.pipeline.fingerprints`). Editing a rule or a word list thus
invalidates every entry, with no version bump to forget.

Entries are written atomically (temporary file, then rename) but not
fsync'ed: a cache may lose entries in a crash, never serve half of one; an
entry that does not parse, or whose stored key does not match, is a miss.
"""

from __future__ import annotations

import contextlib
import dataclasses
import hashlib
import json
import logging
import os
import tempfile
from decimal import Decimal
from pathlib import Path

from ..types import DocumentInfo, Entity, Extraction, Mention, Observation, Relation
from .fingerprints import CACHE_FORMAT, pipeline_fingerprint

log = logging.getLogger(__name__)

#: Name of the default cache folder inside a build's output folder.
DEFAULT_CACHE_NAME = ".cache"


def file_sha256(path: str | os.PathLike) -> str:
    """Hex SHA-256 of a file's bytes, read in chunks.

    Raises:
        OSError: the file cannot be read.
    """
    with open(path, "rb") as fh:
        return hashlib.file_digest(fh, "sha256").hexdigest()


def extraction_to_json(x: Extraction) -> str:
    """Compact JSON text of an extraction (the cache's payload, and what workers send back).

    Mentions are ``[start, end, text, sentence number]`` (and the number of the
    sentence as written, for a traditional-script document) with the document
    id left out (every mention is of the one document) and each sentence
    written once: a large corpus holds millions of mentions, and reading them
    back is most of what an incremental build does.

    >>> from kg.types import DocumentInfo, Entity, Mention
    >>> m = Mention("d", 0, 2, "成都", "成都发展。")
    >>> x = Extraction(DocumentInfo("d", "a.txt", "ab", None, 5), (Entity("Place:成都", "Place", "成都", (), (m,)),), (), ())
    >>> extraction_from_json(extraction_to_json(x)) == x
    True
    """
    sentences: dict[str, int] = {}

    def mention(m: Mention) -> list:
        out = [m.start, m.end, m.text, sentences.setdefault(m.sentence, len(sentences))]
        if m.written is not None:
            out.append(sentences.setdefault(m.written, len(sentences)))
        return out

    data = {
        "document": dataclasses.asdict(x.document),
        "entities": [
            [e.key, e.type, e.name, list(e.aliases), e.subclass, [mention(m) for m in e.mentions]]
            for e in x.entities
        ],
        "relations": [
            [r.head, r.rel, r.tail, [mention(m) for m in r.evidence]] for r in x.relations
        ],
        "observations": [
            [o.subject, o.indicator, str(o.value), o.unit, o.year, mention(o.evidence)]
            for o in x.observations
        ],
    }
    data["sentences"] = list(sentences)
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def extraction_from_json(text: str) -> Extraction:
    """Inverse of :func:`extraction_to_json`; equal strings of its mentions share memory."""
    data = json.loads(text)
    document = DocumentInfo(**data["document"])
    doc_id, sentences = document.id, data["sentences"]
    texts: dict[str, str] = {}

    def mention(m: list) -> Mention:
        written = sentences[m[4]] if len(m) > 4 else None
        return Mention(doc_id, m[0], m[1], texts.setdefault(m[2], m[2]), sentences[m[3]], written)

    return Extraction(
        document=document,
        entities=tuple(
            Entity(key, type_, name, tuple(aliases), tuple(map(mention, ms)), subclass)
            for key, type_, name, aliases, subclass, ms in data["entities"]
        ),
        relations=tuple(
            Relation(h, rel, t, tuple(map(mention, ms))) for h, rel, t, ms in data["relations"]
        ),
        observations=tuple(
            Observation(subject, indicator, Decimal(value), unit, year, mention(m))
            for subject, indicator, value, unit, year, m in data["observations"]
        ),
    )


class ExtractionCache:
    """Extractions on disk, one JSON file per (document bytes, pipeline fingerprint).

    Layout: ``ROOT/extractions/<sha[:2]>/<sha>-<fingerprint[:16]>.json``. Writing
    an entry removes the entries of the same bytes under other fingerprints,
    so the cache holds at most one entry per document content.

    Args:
        root: the cache folder (created on the first write).
        fingerprint: the pipeline fingerprint entries are valid for
            (default: :func:`pipeline_fingerprint` of this process).

    Example:
        >>> import tempfile
        >>> from kg.types import DocumentInfo
        >>> c = ExtractionCache(tempfile.mkdtemp(), fingerprint="f" * 64)
        >>> x = Extraction(DocumentInfo("ab" * 8, "a.txt", "ab" * 32, None, 3), (), (), ())
        >>> c.put("ab" * 32, extraction_to_json(x))
        >>> c.get("ab" * 32) == x, c.get("cd" * 32)
        (True, None)
        >>> c.get("ab" * 32, file_name="b.txt").document.file_name
        'b.txt'
    """

    def __init__(self, root: str | os.PathLike, fingerprint: str | None = None) -> None:
        self.root = Path(root)
        self.fingerprint = fingerprint or pipeline_fingerprint()

    def path_for(self, sha256: str) -> Path:
        """Where the entry for a document's bytes lives."""
        return self.root / "extractions" / sha256[:2] / f"{sha256}-{self.fingerprint[:16]}.json"

    def get(self, sha256: str, file_name: str | None = None) -> Extraction | None:
        """The cached extraction of the document with these bytes, or ``None``.

        Args:
            sha256: hex SHA-256 of the file's bytes.
            file_name: the name the bytes now have; a renamed file is a hit
                and its extraction gets the new name.
        """
        path = self.path_for(sha256)
        try:
            text = path.read_text(encoding="utf-8")
        except FileNotFoundError:
            return None
        except OSError as exc:
            log.debug("cache entry %s unreadable (%s); extracting again", path, exc)
            return None
        try:
            head, _, body = text.partition("\n")
            meta = json.loads(head)
            if meta != self._meta(sha256):
                return None
            x = extraction_from_json(body)
        except (ValueError, KeyError, TypeError) as exc:
            log.debug("cache entry %s is damaged (%s); extracting again", path, exc)
            return None
        if file_name is not None and x.document.file_name != file_name:
            x = dataclasses.replace(
                x, document=dataclasses.replace(x.document, file_name=file_name)
            )
        return x

    def put(self, sha256: str, extraction_json: str) -> None:
        """Store the JSON of a document's extraction (see :func:`extraction_to_json`)."""
        path = self.path_for(sha256)
        path.parent.mkdir(parents=True, exist_ok=True)
        head = json.dumps(self._meta(sha256), separators=(",", ":"))
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                fh.write(head + "\n" + extraction_json)
            os.replace(tmp, path)
        except BaseException:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(tmp)
            raise
        for other in path.parent.glob(f"{sha256}-*.json"):
            if other != path:
                with contextlib.suppress(FileNotFoundError):
                    other.unlink()

    def _meta(self, sha256: str) -> dict:
        return {"format": CACHE_FORMAT, "sha256": sha256, "fingerprint": self.fingerprint}
