"""HTTP requests to ``kg serve``, one thread per connection: routing, bodies, CORS, errors.

A thin handler on the standard library's HTTP server: ``/sparql`` requests
are parsed and checked by :mod:`kg.sparql.protocol` and answered by the
server's worker pool; other paths are the build's files (:mod:`kg.sparql.files`).
"""

from __future__ import annotations

import logging
import os
import re
import shutil
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from .files import content_type
from .protocol import HttpError, SparqlRequest, parse_sparql_request

if TYPE_CHECKING:
    from .server import GraphServer

log = logging.getLogger(__name__)

#: Bodies up to this size are read and dropped before a 413, so the client sees the status.
_DRAIN_LIMIT = 8 << 20
_METHODS = "GET, HEAD, POST, OPTIONS"
#: A Host header we are willing to put into the base IRI.
_HOST = re.compile(r"\A(?:[A-Za-z0-9.\-]+|\[[0-9A-Fa-f:.]+\])(?::\d{1,5})?\Z")


class Handler(BaseHTTPRequestHandler):
    """Answers one connection's requests; ``self.server.app`` is the :class:`GraphServer`."""

    server_version = "xinzhi-kg"
    protocol_version = "HTTP/1.1"
    timeout = 60  # seconds a client may take to send its request

    @property
    def app(self) -> GraphServer:
        return self.server.app  # type: ignore[attr-defined]

    def log_message(self, format: str, *args) -> None:
        log.info("%s %s", self.address_string(), format % args)

    def end_headers(self) -> None:
        self.send_header("Access-Control-Allow-Origin", "*")
        self.send_header(
            "Access-Control-Expose-Headers", "Content-Type, Content-Length, Retry-After"
        )
        super().end_headers()

    def handle_expect_100(self) -> bool:
        """Refuse an oversized body before the client sends it (``Expect: 100-continue``)."""
        try:
            length = int(self.headers.get("Content-Length") or 0)
        except ValueError:
            length = 0
        if length > self.app.max_body:
            self.close_connection = True
            self._send_error(HttpError(413, self._too_large(length)))
            return False
        self.send_response_only(100)
        BaseHTTPRequestHandler.end_headers(self)  # no CORS headers on an interim response
        return True

    def _too_large(self, length: int) -> str:
        return f"request body of {length} bytes is over the {self.app.max_body}-byte limit; send a shorter query"

    def _send(self, status: int, body: bytes, ctype: str, headers: dict[str, str]) -> None:
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        for k, v in headers.items():
            self.send_header(k, v)
        if self.close_connection:
            self.send_header("Connection", "close")
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def _send_error(self, exc: HttpError) -> None:
        body = (exc.message + "\n").encode("utf-8")
        self._send(exc.status, body, "text/plain; charset=utf-8", exc.headers)

    def _guard(self, fn: Callable[[], None]) -> None:
        try:
            fn()
        except HttpError as exc:
            self._send_error(exc)
        except (BrokenPipeError, ConnectionResetError):
            self.close_connection = True
        except Exception:  # a bug here must not kill the connection thread silently
            log.exception("error answering %s %s", self.command, self.path)
            self.close_connection = True
            self._send_error(HttpError(500, "internal error; see the server log"))

    # -- methods

    def do_OPTIONS(self) -> None:
        self.send_response(204)
        self.send_header("Allow", _METHODS)
        self.send_header("Access-Control-Allow-Methods", _METHODS)
        self.send_header(
            "Access-Control-Allow-Headers",
            self.headers.get("Access-Control-Request-Headers") or "Accept, Content-Type",
        )
        self.send_header("Access-Control-Max-Age", "86400")
        self.send_header("Content-Length", "0")
        self.end_headers()

    def do_GET(self) -> None:
        self._guard(self._get)

    do_HEAD = do_GET

    def do_POST(self) -> None:
        self._guard(self._post)

    def _refuse(self) -> None:
        self._guard(self._refuse_method)

    do_PUT = do_DELETE = do_PATCH = _refuse

    def _refuse_method(self) -> None:
        raise HttpError(
            405, f"{self.command} is not allowed: this endpoint is read-only", {"Allow": _METHODS}
        )

    def _get(self) -> None:
        parts = urlsplit(self.path)
        if parts.path == "/sparql":
            accept = self.headers.get("Accept")
            self._sparql(parse_sparql_request("GET", parts.query, None, None, accept, self._base()))
        else:
            self._static(parts.path)

    def _post(self) -> None:
        parts = urlsplit(self.path)
        body = self._read_body()
        if parts.path != "/sparql":
            raise HttpError(
                405 if self.app.files.find(parts.path) else 404,
                f"POST {parts.path}: only /sparql takes POST",
                {"Allow": "GET, HEAD, OPTIONS"},
            )
        ctype, accept = self.headers.get("Content-Type"), self.headers.get("Accept")
        self._sparql(parse_sparql_request("POST", parts.query, ctype, body, accept, self._base()))

    def _base(self) -> str:
        """The endpoint's URL as the client addressed it: the base IRI of its query."""
        host = self.headers.get("Host") or ""
        if not _HOST.match(host):
            return self.app.url + "sparql"
        return f"http://{host}/sparql"

    def _read_body(self) -> bytes:
        if "chunked" in (self.headers.get("Transfer-Encoding") or "").lower():
            self.close_connection = True
            raise HttpError(411, "chunked bodies are not accepted; send Content-Length")
        length_text = self.headers.get("Content-Length")
        if length_text is None:
            return b""
        try:
            length = int(length_text)
            if length < 0:
                raise ValueError
        except ValueError:
            self.close_connection = True
            raise HttpError(400, f"bad Content-Length {length_text!r}") from None
        if length > self.app.max_body:
            self.close_connection = True
            if length <= _DRAIN_LIMIT:  # read it, so the client gets to see the 413
                left = length
                while left > 0:
                    chunk = self.rfile.read(min(left, 1 << 16))
                    if not chunk:
                        break
                    left -= len(chunk)
            raise HttpError(413, self._too_large(length))
        return self.rfile.read(length)

    def _sparql(self, req: SparqlRequest) -> None:
        status, ctype, body, headers = self.app.answer(req)
        self._send(status, body, ctype, {"Vary": "Accept", "Cache-Control": "no-store", **headers})

    def _static(self, path: str) -> None:
        file = self.app.files.find(path) if self.app.serve_files else None
        if file is None:
            raise HttpError(404, f"{path}: not found; the SPARQL endpoint is /sparql")
        try:
            fh = open(file, "rb")  # noqa: SIM115 -- closed by the with below; only open() maps to 404
        except OSError:
            raise HttpError(404, f"{path}: not found") from None
        with fh:
            self.send_response(200)
            self.send_header("Content-Type", content_type(file))
            self.send_header("Content-Length", str(os.fstat(fh.fileno()).st_size))
            self.send_header("Cache-Control", "no-cache")
            self.end_headers()
            if self.command != "HEAD":
                shutil.copyfileobj(fh, self.wfile, 1 << 20)
