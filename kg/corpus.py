"""Read a corpus: find the text files, decode them, normalise them.

``read_corpus(paths)`` yields one :class:`~kg.types.Document` per file.
Files that cannot be read as text are reported through ``on_problem`` (or
raised, with ``strict=True``) and the others go on.
"""
from __future__ import annotations

import hashlib
import logging
import os
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from .errors import InputError
from .text import normalise
from .types import Document

log = logging.getLogger(__name__)

#: File name endings read from a folder.
TEXT_SUFFIXES = (".txt",)

_BOMS = (
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xff\xfe\x00\x00", "utf-32-le"),
    (b"\x00\x00\xfe\xff", "utf-32-be"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
)


def _cjk_share(text: str) -> float:
    """Share of characters that are common CJK ideographs or ASCII (a decoding's plausibility)."""
    if not text:
        return 0.0
    good = sum(1 for ch in text if "\u4e00" <= ch <= "\u9fff" or ch.isascii() or "\u3000" <= ch <= "\u303f" or "\uff00" <= ch <= "\uffef")
    return good / len(text)


def decode(data: bytes, name: str = "<bytes>") -> tuple[str, str]:
    """Decode file bytes, detecting the encoding.

    Byte-order marks decide first (UTF-8, UTF-16, UTF-32); then strict UTF-8;
    then GB18030 (a superset of GBK and GB2312) and Big5, keeping whichever
    gives the more plausible Chinese text.

    Returns:
        ``(text, encoding)``.

    Raises:
        InputError: the bytes are not text in any of these encodings.

    >>> decode("成都".encode("gb18030"))
    ('成都', 'gb18030')
    >>> decode(b"\\xef\\xbb\\xbf" + "成都".encode("utf-8"))
    ('成都', 'utf-8-sig')
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding).lstrip("\ufeff"), encoding
            except UnicodeDecodeError as exc:
                raise InputError(
                    f"{name}: starts with a {encoding} byte-order mark but is not valid {encoding} "
                    f"(byte {exc.start}); re-save it as UTF-8"
                ) from None
    nul = data.find(b"\x00")
    if nul >= 0:
        raise InputError(f"{name}: not text (NUL byte at offset {nul}); pass UTF-8, GB18030 or Big5 text files")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    candidates = []
    for encoding in ("gb18030", "big5"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        candidates.append((_cjk_share(text), encoding == "gb18030", text, encoding))
    if not candidates:
        raise InputError(f"{name}: not text in UTF-8, GB18030 or Big5; re-save it as UTF-8")
    share, _, text, encoding = max(candidates)
    if share < 0.6:
        raise InputError(f"{name}: does not decode to readable text (best guess {encoding}); re-save it as UTF-8")
    return text, encoding


def find_files(paths: Iterable[str | os.PathLike]) -> list[Path]:
    """The text files named by ``paths`` (files as given, folders searched recursively).

    Folders are walked in sorted order without following symbolic links, so
    the same folder gives the same list on every machine.

    Raises:
        InputError: a path does not exist.
    """
    found: list[Path] = []
    seen: set[Path] = set()
    for p in map(Path, paths):
        if not p.exists():
            raise InputError(f"{p}: no such file or folder; pass .txt files or folders that hold them")
        if p.is_dir():
            for root, dirs, files in os.walk(p, followlinks=False):
                dirs.sort()
                for f in sorted(files):
                    if f.lower().endswith(TEXT_SUFFIXES) and not f.startswith("."):
                        path = Path(root) / f
                        if path.resolve() not in seen:
                            seen.add(path.resolve())
                            found.append(path)
        elif p.resolve() not in seen:
            seen.add(p.resolve())
            found.append(p)
    return found


def read_document(path: str | os.PathLike) -> Document | None:
    """Read, decode and normalise one file; ``None`` when it holds no text.

    Raises:
        InputError: the file cannot be read or decoded.
    """
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(f"{path}: cannot be read ({exc.strerror or exc}); check the path and its permissions") from None
    text, encoding = decode(data, str(path))
    norm = normalise(text)
    if not norm.text.strip():
        return None
    sha = hashlib.sha256(data).hexdigest()
    title = next((norm.text[s:e] for s, e in norm.sentences[:3] if 4 <= e - s <= 40), None)
    return Document(
        id=sha[:16],
        file_name=path.name,
        path=str(path),
        sha256=sha,
        encoding=encoding,
        text=norm.text,
        sentences=norm.sentences,
        offsets=norm.offsets,
        title=title,
    )


def read_corpus(
    paths: Iterable[str | os.PathLike],
    *,
    strict: bool = False,
    on_problem: Callable[[str], None] | None = None,
) -> Iterator[Document]:
    """Yield the documents under ``paths``, one per readable text file.

    Args:
        paths: files and folders.
        strict: raise on the first unreadable or empty file instead of
            reporting it and going on.
        on_problem: receives one line per skipped file (default: a logging warning).

    Raises:
        InputError: a path does not exist, or (``strict``) a file is unreadable.
    """
    report = on_problem or log.warning
    seen: set[str] = set()
    for path in find_files(paths):
        try:
            doc = read_document(path)
        except InputError as exc:
            if strict:
                raise
            report(str(exc))
            continue
        if doc is None:
            msg = f"{path}: empty (no text after normalisation); skipped"
            if strict:
                raise InputError(msg)
            report(msg)
            continue
        if doc.id in seen:
            report(f"{path}: same bytes as a file already read; skipped")
            continue
        seen.add(doc.id)
        yield doc
