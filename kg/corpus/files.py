"""Read a corpus: find the text files, read their bytes, make documents.

``read_corpus(paths)`` yields one :class:`~kg.types.Document` per file.
A file that cannot be read as text (binary, undecodable, unreadable, not a
regular file, a broken or looping link, empty, too large) is reported
through ``on_problem`` in one line saying what, where and how to fix it,
and the others go on; with ``strict=True`` the first such file raises
:class:`~kg.errors.InputError` instead.

The bytes are decoded by :func:`kg.corpus.decoding.decode` and the text
normalised (traditional script read as simplified, PDF line breaks joined,
sentences split) by :func:`kg.corpus.normalise.normalise`.
"""

from __future__ import annotations

import bisect
import errno
import hashlib
import logging
import os
import stat
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from ..errors import InputError
from ..types import Document
from .decoding import decode
from .normalise import normalise

log = logging.getLogger(__name__)

#: File name endings read from a folder.
TEXT_SUFFIXES = (".txt",)
#: Files larger than this are refused (normalisation and extraction hold a
#: file in memory, a few times its size).
MAX_FILE_BYTES = 256 * 1024 * 1024
#: Only this many characters of a document (after normalisation) are read;
#: the rest is left out with a warning. Extraction, the graph and its
#: provenance grow with the text (about 0.3 ms and 1.5 KB per character), so
#: this bounds the time and memory one file can take. A long book is some
#: 500,000 characters.
MAX_DOCUMENT_CHARS = 1_000_000


def _os_problem(path: Path | str, exc: OSError) -> str:
    """One line for an OS error met reading ``path``."""
    why = {
        errno.EACCES: "permission denied; make it readable (chmod a+r) or leave it out",
        errno.EPERM: "permission denied; make it readable (chmod a+r) or leave it out",
        errno.ELOOP: "symbolic link loop; fix or remove the link",
        errno.ENOENT: "broken symbolic link (or it vanished); fix the link or remove it",
        errno.ENXIO: "not a regular file (a socket or device); pass text files",
    }.get(exc.errno or 0)
    return (
        f"{path}: {why}"
        if why
        else f"{path}: cannot be read ({exc.strerror or exc}); check the file and its permissions"
    )


def _file_kind(mode: int) -> str:
    for test, kind in (
        (stat.S_ISDIR, "a folder"),
        (stat.S_ISFIFO, "a named pipe (FIFO)"),
        (stat.S_ISSOCK, "a socket"),
        (stat.S_ISCHR, "a character device"),
        (stat.S_ISBLK, "a block device"),
    ):
        if test(mode):
            return kind
    return "not a regular file"


def find_files(
    paths: Iterable[str | os.PathLike], *, on_problem: Callable[[str], None] | None = None
) -> list[Path]:
    """The text files named by ``paths`` (files as given, folders searched recursively).

    Folders are walked in sorted order without following symbolic links to
    folders; hidden files and folders (``.name``) are left out. Each file is
    listed once, however many paths lead to it. What cannot be a text file
    (a FIFO, socket or device, a broken or looping link) and folders that
    cannot be listed are reported and left out, so no reader ever blocks.

    Args:
        paths: files and folders.
        on_problem: receives one line per path left out (default: a logging warning).

    Raises:
        InputError: a path given does not exist (or is a broken symbolic link).
    """
    report = on_problem or log.warning
    found: list[Path] = []
    seen: set[str] = set()

    def add(path: Path) -> None:
        try:
            mode = os.stat(path).st_mode
        except OSError as exc:
            report(_os_problem(path, exc))
            return
        if not stat.S_ISREG(mode):
            report(f"{path}: {_file_kind(mode)}, not a text file; pass regular .txt files")
            return
        key = os.path.realpath(path)  # unlike Path.resolve, never raises on a link loop
        if key not in seen:
            seen.add(key)
            found.append(path)

    for p in map(Path, paths):
        if not p.exists():
            if p.is_symlink():
                raise InputError(
                    f"{p}: broken symbolic link or link loop; fix the link or pass the file itself"
                )
            raise InputError(
                f"{p}: no such file or folder; pass .txt files or folders that hold them"
            )
        for path in _walk(p, report) if p.is_dir() else [p]:
            add(path)
    return found


def _walk(top: Path, report: Callable[[str], None]) -> Iterator[Path]:
    """The ``.txt`` files under folder ``top`` in sorted order, hidden ones and links to folders left out."""

    def walk_error(exc: OSError) -> None:
        report(
            _os_problem(exc.filename or top, exc).replace(
                "make it readable", "make the folder readable"
            )
        )

    for root, dirs, files in os.walk(top, onerror=walk_error):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for f in sorted(files):
            if f.lower().endswith(TEXT_SUFFIXES) and not f.startswith("."):
                yield Path(root) / f


def document_from_text(
    text: str,
    *,
    path: str | os.PathLike = "<text>",
    sha256: str | None = None,
    encoding: str = "utf-8",
    max_chars: int | None = MAX_DOCUMENT_CHARS,
) -> Document | None:
    """Normalise decoded text into a :class:`~kg.types.Document`; ``None`` when it holds no text.

    Args:
        text: the decoded file.
        path: where it came from (its base name becomes ``file_name``).
        sha256: hex digest of the file's bytes (default: of ``text`` as UTF-8).
        encoding: the encoding it was decoded with.
        max_chars: keep only the sentences within the first this many
            characters of the normalised text, with a logged warning
            (``None``: keep all).

    >>> doc = document_from_text("臺灣發展積體電路產業。", path="a.txt")
    >>> doc.text, doc.file_name, len(doc.offsets) == len(doc.text)
    ('台湾发展积体电路产业。', 'a.txt', True)
    >>> document_from_text(" \\n- 3 -\\n") is None
    True
    """
    if sha256 is None:
        sha256 = hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()
    norm = normalise(text)
    # traditional script is read as simplified; keep the original so mentions can show how it was written
    original = text if norm.traditional else None
    del text
    if not norm.text.strip():
        return None
    body, sentences, offsets = norm.text, norm.sentences, norm.offsets
    if max_chars is not None and len(body) > max_chars:
        body, sentences, offsets = _cut(body, sentences, offsets, max_chars, path)
    title = next((body[s:e] for s, e in sentences[:3] if 4 <= e - s <= 40), None)
    return Document(
        id=sha256[:16],
        file_name=Path(path).name,
        path=str(path),
        sha256=sha256,
        encoding=encoding,
        text=body,
        sentences=sentences,
        offsets=offsets,
        title=title,
        original=original,
    )


def _cut(body: str, sentences, offsets, max_chars: int, path) -> tuple:
    """``(body, sentences, offsets)`` cut at the end of the last sentence that fits (or at ``max_chars``), with a warning."""
    i = bisect.bisect_right([e for _, e in sentences], max_chars)
    cut = sentences[i - 1][1] if i else max_chars
    log.warning(
        "%s: %s characters after normalisation; only the first %s were read (the limit per file bounds "
        "time and memory); split it into files of under %s characters to read it all",
        path,
        f"{len(body):,}",
        f"{cut:,}",
        f"{max_chars:,}",
    )
    sentences = sentences[:i] if i else tuple((a, cut) for a, _ in sentences[:1] if a < cut)
    return body[:cut], sentences, offsets.head(cut)


def _read_bytes(path: Path) -> bytes:
    """The bytes of a regular file (never blocks on a FIFO, never reads a device)."""
    try:
        st = os.stat(path)
        if not stat.S_ISREG(st.st_mode):
            raise InputError(
                f"{path}: {_file_kind(st.st_mode)}, not a text file; pass regular .txt files"
            )
        if st.st_size > MAX_FILE_BYTES:
            raise InputError(
                f"{path}: too large ({st.st_size / 2**20:.0f} MB; the limit is {MAX_FILE_BYTES // 2**20} MB); "
                "split it into smaller files"
            )
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
        with os.fdopen(fd, "rb") as fh:
            if not stat.S_ISREG(os.fstat(fh.fileno()).st_mode):  # swapped for a FIFO since the stat
                raise InputError(f"{path}: not a regular file; pass regular .txt files")
            return fh.read(MAX_FILE_BYTES + 1)
    except OSError as exc:
        raise InputError(_os_problem(path, exc)) from None


def read_document(path: str | os.PathLike) -> Document | None:
    """Read, decode and normalise one file; ``None`` when it holds no text.

    Raises:
        InputError: the file cannot be read or decoded.
    """
    path = Path(path)
    data = _read_bytes(path)
    if len(data) > MAX_FILE_BYTES:
        raise InputError(
            f"{path}: too large (over {MAX_FILE_BYTES // 2**20} MB); split it into smaller files"
        )
    text, encoding = decode(data, str(path))
    sha = hashlib.sha256(data).hexdigest()
    del data
    return document_from_text(
        text, path=path, sha256=sha, encoding=encoding, max_chars=MAX_DOCUMENT_CHARS
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
        InputError: a path does not exist, or (``strict``) a file is unreadable
            or empty.
    """
    report = on_problem or log.warning

    def problem(msg: str) -> None:
        if strict:
            raise InputError(msg)
        report(msg)

    seen: dict[str, Path] = {}
    for path in find_files(paths, on_problem=problem):
        try:
            doc = read_document(path)
        except InputError as exc:
            problem(str(exc))
            continue
        except Exception as exc:  # a bug on one file should not lose the others
            if strict:
                raise
            log.debug("reading %s failed", path, exc_info=True)
            problem(
                f"{path}: could not be read ({type(exc).__name__}: {exc}); "
                "please report this with the output of `kg --debug build`"
            )
            continue
        if doc is None:
            try:
                empty = os.stat(path).st_size == 0
            except OSError:
                empty = False
            problem(
                f"{path}: empty file (0 bytes); skipped"
                if empty
                else f"{path}: empty (no text after normalisation); skipped"
            )
            continue
        if doc.id in seen:
            report(f"{path}: same bytes as {seen[doc.id]}; skipped")
            continue
        seen[doc.id] = path
        yield doc
