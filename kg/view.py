"""``kg view``: find a build's interactive map, or serve it on loopback.

The map (``graph.html``) is one self-contained file, so opening it from
disk works; serving it is for browsers or setups that will not open local
files. The server binds to 127.0.0.1 only and serves that one file.
"""

from __future__ import annotations

import logging
import os
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from .errors import GraphFileError

log = logging.getLogger(__name__)

#: The file name ``kg build`` gives the map.
MAP_FILE = "graph.html"
#: The only address the server listens on.
LOOPBACK = "127.0.0.1"


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


def make_server(path: str | os.PathLike, *, port: int = 0) -> ThreadingHTTPServer:
    """An HTTP server on 127.0.0.1:``port`` (0: any free port) that serves ``path`` at ``/``.

    The file is read on every request, so a rebuild shows on reload. Call
    ``serve_forever()`` on the result and ``server_close()`` when done;
    ``server_address[1]`` is the port.
    """
    path = Path(path).resolve()
    names = {"/", "/" + path.name, "/index.html"}

    class Handler(BaseHTTPRequestHandler):
        server_version = "kg-view"

        def do_GET(self) -> None:
            self._send(body=True)

        def do_HEAD(self) -> None:
            self._send(body=False)

        def _send(self, body: bool) -> None:
            if self.path.split("?", 1)[0] not in names:
                self.send_error(HTTPStatus.NOT_FOUND, f"only {path.name} is served here")
                return
            try:
                data = path.read_bytes()
            except OSError as exc:
                self.send_error(HTTPStatus.NOT_FOUND, f"{path}: {exc.strerror}")
                return
            self.send_response(HTTPStatus.OK)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(data)))
            self.send_header("Cache-Control", "no-store")
            self.end_headers()
            if body:
                self.wfile.write(data)

        def log_message(self, format: str, *args) -> None:
            log.debug("%s %s", self.address_string(), format % args)

    return ThreadingHTTPServer((LOOPBACK, port), Handler)


def server_url(server: ThreadingHTTPServer) -> str:
    """The address to open for a server made by :func:`make_server`."""
    return f"http://{LOOPBACK}:{server.server_address[1]}/"
