"""Atomic output: files and whole folders (build outputs, stores).

A file is written to a temporary name beside the target, then renamed: a
reader (or a build killed part-way) sees either the old file or the new
one, never half of one. :func:`staged_folder` does the same for a whole
output folder: everything is written into a sibling folder that is swapped
in at the end, so the folder never holds a mix of two builds;
:func:`swap_folder` is the one step that puts a finished folder in place
(the store of :func:`kg.rdf.store.build_store` uses it too).
"""

from __future__ import annotations

import contextlib
import ctypes
import errno
import logging
import os
import shutil
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

from .errors import GraphFileError

log = logging.getLogger(__name__)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


@contextlib.contextmanager
def atomic_path(target: str | os.PathLike) -> Iterator[Path]:
    """Yield a temporary path; on success it replaces ``target`` atomically.

    >>> import tempfile, pathlib
    >>> d = pathlib.Path(tempfile.mkdtemp())
    >>> with atomic_path(d / "a.txt") as tmp:
    ...     _ = tmp.write_text("ok")
    >>> (d / "a.txt").read_text()
    'ok'
    """
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    os.close(fd)
    tmp = Path(name)
    try:
        yield tmp
        with open(tmp, "rb") as fh:
            os.fsync(fh.fileno())
        # mkstemp makes the file private; give it the mode a plain open() would.
        os.chmod(tmp, 0o666 & ~_umask())
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()
        raise


def write_text_atomic(target: str | os.PathLike, text: str) -> None:
    """Write ``text`` (UTF-8) to ``target`` atomically."""
    with atomic_path(target) as tmp:
        tmp.write_text(text, encoding="utf-8")


def write_bytes_atomic(target: str | os.PathLike, data: bytes) -> None:
    """Write ``data`` to ``target`` atomically."""
    with atomic_path(target) as tmp:
        tmp.write_bytes(data)


# --- The output folder as a whole -------------------------------------------------

#: Infix of the sibling folders a build stages its output in (``.OUT.kg-staging-…``).
STAGING_INFIX = ".kg-staging-"
#: Infix of an old output folder moved aside when the folders cannot be swapped.
OLD_INFIX = ".kg-old-"
_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


def _renameat2():
    """libc's ``renameat2`` (Linux, glibc 2.28+), or ``None``."""
    if not sys.platform.startswith("linux"):
        return None
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        fn = libc.renameat2
    except (OSError, AttributeError):
        return None
    fn.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    fn.restype = ctypes.c_int
    return fn


def exchange_paths(a: str | os.PathLike, b: str | os.PathLike) -> bool:
    """Swap two existing paths in one atomic step (Linux ``renameat2(RENAME_EXCHANGE)``).

    Returns:
        ``False`` where the system or file system cannot do it (nothing changed).

    Raises:
        OSError: the swap was possible but failed (e.g. permissions).
    """
    fn = _renameat2()
    if fn is None:
        return False
    if fn(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE) == 0:
        return True
    err = ctypes.get_errno()
    if err in (errno.ENOSYS, errno.EINVAL, errno.ENOTSUP, errno.EOPNOTSUPP):
        return False
    raise OSError(err, os.strerror(err), os.fspath(a), None, os.fspath(b))


def _fsync_dir(path: Path) -> None:
    with contextlib.suppress(OSError):
        fd = os.open(path, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def _lock(path: Path) -> int | None:
    """Hold an exclusive lock on folder ``path`` (so no other build takes it for stale); its fd."""
    try:
        import fcntl
    except ImportError:  # pragma: no cover - not POSIX
        return None
    fd = os.open(path, os.O_RDONLY)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        os.close(fd)
        return None
    return fd


def _unlock(fd: int | None) -> None:
    if fd is not None:
        os.close(fd)


def _link_or_copy(src: str, dst: str) -> None:
    try:
        os.link(src, dst, follow_symlinks=False)
    except OSError:
        shutil.copy2(src, dst, follow_symlinks=False)


def _carry_over(old: Path, new: Path) -> None:
    """Give ``new`` every entry of ``old`` it does not have (hard links; copies where linking fails).

    Files are linked, not moved, so ``old`` stays complete until the swap.
    """
    with os.scandir(old) as entries:
        for entry in entries:
            dst = new / entry.name
            if os.path.lexists(dst):
                continue
            if entry.is_symlink():
                os.symlink(os.readlink(entry.path), dst)
            elif entry.is_dir():
                shutil.copytree(entry.path, dst, symlinks=True, copy_function=_link_or_copy)
            elif entry.is_file():
                _link_or_copy(entry.path, str(dst))


def _siblings(target: Path, infix: str) -> list[Path]:
    prefix = f".{target.name}{infix}"
    try:
        return sorted(p for p in target.parent.iterdir() if p.name.startswith(prefix))
    except OSError:
        return []


def _clean_up(target: Path) -> None:
    """Undo what a killed build left beside ``target``.

    An old folder moved aside (no-swap fallback) goes back if ``target`` is
    missing; leftover staging and old folders no build holds are removed.
    """
    for path in _siblings(target, OLD_INFIX) + _siblings(target, STAGING_INFIX):
        fd = _lock(path) if path.is_dir() else None
        if fd is None and path.is_dir():
            continue  # another build is using it
        try:
            if OLD_INFIX in path.name and not os.path.lexists(target):
                os.rename(path, target)
                log.warning(
                    "%s: restored the previous output, which an interrupted build had moved aside",
                    target,
                )
            else:
                shutil.rmtree(path, ignore_errors=True)
        finally:
            _unlock(fd)


def _write_advice(exc: OSError) -> str:
    """What to do about a failed write, by its cause (not every OSError is a full disk)."""
    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return "free some space or pass another -o folder"
    if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return "check the folder's permissions or pass another -o folder"
    return "the previous output is unchanged; fix the cause above and build again"


def swap_folder(stage: Path, target: Path) -> None:
    """Put folder ``stage`` at ``target`` in one step; leave the old folder at ``stage``'s name.

    The caller removes ``stage`` afterwards (it holds the old folder, if there was one).
    """
    if not os.path.lexists(target):
        os.rename(stage, target)
        return
    cwd, real = os.getcwd(), os.path.realpath(target)
    if cwd == real or cwd.startswith(real + os.sep):
        log.warning(
            "%s: this process works inside the output folder, so its files are replaced one by one",
            target,
        )
        _move_entries(stage, target)
        return
    try:
        if exchange_paths(stage, target):
            return
        # No atomic swap here: move the old folder aside, then the new one in.
        # A build killed between the two renames leaves the old folder beside
        # ``target``; the next build puts it back (see _clean_up).
        aside = target.parent / f".{target.name}{OLD_INFIX}{os.getpid()}"
        fd = _lock(target)  # so no other build takes the folder aside for stale
        try:
            os.rename(target, aside)
            try:
                os.rename(stage, target)
            except BaseException:
                os.rename(aside, target)
                raise
            os.rename(aside, stage)
        finally:
            _unlock(fd)
    except OSError as exc:
        if exc.errno not in (errno.EBUSY, errno.EXDEV, errno.EINVAL):
            raise
        log.warning(
            "%s: cannot swap the output folder as a whole (%s); its files are replaced one by one",
            target,
            exc.strerror,
        )
        _move_entries(stage, target)


def _move_entries(stage: Path, target: Path) -> None:
    """Fallback: move each entry of ``stage`` into ``target``, each atomically (not the set)."""
    for entry in sorted(stage.iterdir()):
        dst = target / entry.name
        if entry.is_dir() and not entry.is_symlink() and dst.is_dir() and not dst.is_symlink():
            aside = target / f".{entry.name}{OLD_INFIX}{os.getpid()}"
            os.rename(dst, aside)
            os.rename(entry, dst)
            shutil.rmtree(aside, ignore_errors=True)
        else:
            os.replace(entry, dst)


@contextlib.contextmanager
def staged_folder(target: str | os.PathLike) -> Iterator[Path]:
    """Yield an empty folder beside ``target``; on success it replaces ``target`` as a whole.

    Write every output into the yielded folder. When the block ends, entries
    of the old ``target`` that the new folder lacks (an extraction cache, a
    file of the user's) are carried over as hard links, and the new folder
    is swapped in with one atomic rename (Linux ``RENAME_EXCHANGE``; two
    renames elsewhere). A build killed at any moment leaves ``target`` as it
    was (or, on the fallback, moved aside and put back by the next build);
    on an error the old ``target`` is untouched and the staging folder removed.

    Raises:
        GraphFileError: ``target`` exists and is not a folder, or its parent
            folder cannot be written.

    >>> import tempfile, pathlib
    >>> out = pathlib.Path(tempfile.mkdtemp()) / "out"
    >>> with staged_folder(out) as stage:
    ...     _ = (stage / "a.txt").write_text("one")
    >>> with staged_folder(out) as stage:
    ...     _ = (stage / "b.txt").write_text("two")
    >>> sorted(p.name for p in out.iterdir())  # a.txt carried over
    ['a.txt', 'b.txt']
    """
    given = Path(target)
    target = _resolve_output(given)
    stage = _make_stage(target)
    fd = _lock(stage)
    try:
        os.chmod(
            stage, (os.stat(target).st_mode & 0o7777) if target.is_dir() else 0o777 & ~_umask()
        )
        try:
            yield stage
        except OSError as exc:
            where = exc.filename or stage
            raise GraphFileError(
                f"{given}: cannot write the output ({exc.strerror or exc}: {where}); "
                + _write_advice(exc)
            ) from exc
        _put_in_place(stage, target)
    finally:
        _unlock(fd)
        shutil.rmtree(stage, ignore_errors=True)  # the old folder after a swap, or a failed stage


def _resolve_output(given: Path) -> Path:
    """The absolute output folder (a symlink's target, so the link stays); not a file.

    Raises:
        GraphFileError: ``given`` exists and is not a folder.
    """
    target = Path(os.path.realpath(given) if given.is_symlink() else os.path.abspath(given))
    if os.path.lexists(target) and not target.is_dir():
        raise GraphFileError(
            f"{given}: exists and is not a folder; pass another -o folder or remove it"
        )
    return target


def _make_stage(target: Path) -> Path:
    """A new empty staging folder beside ``target``, after clearing what killed builds left.

    Raises:
        GraphFileError: the parent folder cannot be created or written.
    """
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        _clean_up(target)
        return Path(tempfile.mkdtemp(prefix=f".{target.name}{STAGING_INFIX}", dir=target.parent))
    except OSError as exc:
        raise GraphFileError(
            f"{target.parent}: cannot create the output folder here ({exc.strerror or exc}); "
            "check its permissions or pass another -o folder"
        ) from None


def _put_in_place(stage: Path, target: Path) -> None:
    """Carry over what only the old ``target`` has, then swap the finished ``stage`` in, durably."""
    if target.is_dir():
        _carry_over(target, stage)
    _fsync_dir(stage)
    swap_folder(stage, target)
    _fsync_dir(target.parent)
