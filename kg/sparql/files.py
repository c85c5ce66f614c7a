"""The build's files that ``kg serve`` shows beside the endpoint: the map at ``/``, ``graph.ttl`` …

Only top-level files of the served build folder are reachable (no ``store/``,
no hidden files, no symlink out of the folder); serving a bare ``.ttl``
shows that file as ``/graph.ttl`` and nothing beside it. :func:`html_path`
is what ``kg view`` prints.
"""

from __future__ import annotations

import mimetypes
import os
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote

from ..errors import GraphFileError

#: The file name ``kg build`` gives the map.
MAP_FILE = "graph.html"

_STATIC_TYPES = {
    ".html": "text/html; charset=utf-8",
    ".ttl": "text/turtle; charset=utf-8",
    ".json": "application/json",
    ".csv": "text/csv; charset=utf-8",
    ".graphml": "application/graphml+xml",
}


def html_path(target: str | os.PathLike) -> Path:
    """The map of ``target``: a build folder (its ``graph.html``) or an ``.html`` file.

    Raises:
        GraphFileError: there is no map there.

    >>> html_path("no-such-build")
    Traceback (most recent call last):
    ...
    kg.errors.GraphFileError: no-such-build: no such folder or file; run `kg build -o no-such-build` first
    """
    target = Path(target)
    if target.is_dir():
        path = target / MAP_FILE
        if not path.is_file():
            raise GraphFileError(
                f"{target}: no {MAP_FILE} here; run `kg build -o {target}` to write it"
            )
        return path.resolve()
    if target.is_file():
        if target.suffix.lower() not in (".html", ".htm"):
            raise GraphFileError(
                f"{target}: not an HTML file; pass a build folder or its {MAP_FILE}"
            )
        return target.resolve()
    raise GraphFileError(f"{target}: no such folder or file; run `kg build -o {target}` first")


@dataclass(frozen=True)
class ServedFiles:
    """What is shown beside the endpoint: a build ``folder``'s top-level files, or one ``turtle`` file."""

    folder: Path | None  # None when serving a bare .ttl: nothing beside it is ours to show
    turtle: Path | None

    def find(self, url_path: str) -> Path | None:
        """The file a GET of ``url_path`` names, or ``None``.

        >>> import tempfile
        >>> folder = Path(tempfile.mkdtemp())
        >>> _ = (folder / "graph.html").write_text("<html></html>")
        >>> files = ServedFiles(folder, None)
        >>> files.find("/").name, files.find("/..%2fetc%2fpasswd"), files.find("/store")
        ('graph.html', None, None)
        """
        name = unquote(url_path)
        if name == "/":
            name = "/" + MAP_FILE
        if name == "/graph.ttl" and self.turtle is not None:
            return self.turtle
        if self.folder is None:
            return None
        if not name.startswith("/") or "/" in name[1:] or "\\" in name or "\0" in name:
            return None
        name = name[1:]
        if not name or name.startswith(".") or name == "store":
            return None
        try:
            resolved = (self.folder / name).resolve(strict=True)
        except (OSError, RuntimeError):
            return None
        if resolved.parent != self.folder.resolve() or not resolved.is_file():
            return None  # e.g. a symlink out of the folder
        return resolved


def content_type(path: Path) -> str:
    """The Content-Type a served file gets.

    >>> content_type(Path("graph.ttl")), content_type(Path("x.unknown-suffix"))
    ('text/turtle; charset=utf-8', 'application/octet-stream')
    """
    return (
        _STATIC_TYPES.get(path.suffix.lower())
        or mimetypes.guess_type(path.name)[0]
        or "application/octet-stream"
    )
