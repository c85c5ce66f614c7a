"""``kg push``: upload a built graph to a SPARQL 1.1 Graph Store HTTP Protocol endpoint.

Works with any server that speaks the protocol, e.g. Oxigraph
(``http://HOST:7878/store``) or Apache Jena Fuseki (``http://HOST:3030/DATASET/data``).
Triples go up in N-Triples batches, each a ``POST`` that adds to the target
graph; with ``replace`` the first batch is a ``PUT``, which replaces the
graph's old content. Triples with blank nodes travel together in the last
batch, so the server sees each blank node once.
"""

from __future__ import annotations

import base64
import logging
import os
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from urllib.parse import quote, urlsplit, urlunsplit

from ..errors import KgError

log = logging.getLogger(__name__)

#: Triples per request by default.
BATCH_SIZE = 50_000


class PushError(KgError):
    """The Graph Store refused a batch, or could not be reached."""


@dataclass(frozen=True)
class PushResult:
    """What a push sent."""

    endpoint: str
    graph: str | None
    triples: int
    batches: int
    seconds: float


def target_url(endpoint: str, graph: str | None) -> str:
    """The Graph Store URL for ``graph`` (``None``: the default graph), indirect identification.

    >>> target_url("http://127.0.0.1:7878/store", None)
    'http://127.0.0.1:7878/store?default'
    >>> target_url("http://h/ds/data?x=1", "https://w3id.org/xinzhi-kg/graph")
    'http://h/ds/data?x=1&graph=https%3A%2F%2Fw3id.org%2Fxinzhi-kg%2Fgraph'
    """
    param = "default" if graph is None else "graph=" + quote(graph, safe="")
    return endpoint + ("&" if "?" in endpoint else "?") + param


def _split_credentials(url: str) -> tuple[str, dict[str, str], str]:
    """``(url without user:password, auth headers, url safe to print)``."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise PushError(
            f"{url}: not an http(s) URL; pass the Graph Store endpoint, e.g. http://127.0.0.1:7878/store"
        )
    if parts.username is None:
        return url, {}, url
    netloc = parts.hostname + (f":{parts.port}" if parts.port else "")
    bare = urlunsplit(parts._replace(netloc=netloc))
    token = base64.b64encode(f"{parts.username}:{parts.password or ''}".encode()).decode()
    shown = urlunsplit(parts._replace(netloc=f"{parts.username}:***@{netloc}"))
    return bare, {"Authorization": f"Basic {token}"}, shown


def batches(triples: Iterable, size: int) -> Iterator[list]:
    """Group ``triples`` into lists of at most ``size``; those with blank nodes come last, together.

    >>> import pyoxigraph as ox
    >>> a, p, b = ox.NamedNode("http://x/a"), ox.NamedNode("http://x/p"), ox.BlankNode("b")
    >>> ts = [ox.Triple(a, p, ox.Literal(str(i))) for i in range(3)] + [ox.Triple(a, p, b), ox.Triple(b, p, a)]
    >>> [len(batch) for batch in batches(ts, 2)]
    [2, 1, 2]
    """
    import pyoxigraph as ox

    if size < 1:
        raise ValueError("batch size must be at least 1")
    chunk, blank = [], []
    for t in triples:
        if isinstance(t.subject, ox.BlankNode) or isinstance(t.object, ox.BlankNode):
            blank.append(t)
            continue
        chunk.append(t)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk
    if blank:
        yield blank


def push_graph(
    graph: str | os.PathLike,
    endpoint: str,
    *,
    graph_iri: str | None = None,
    replace: bool = False,
    batch_size: int = BATCH_SIZE,
    timeout: float = 120.0,
    on_batch: Callable[[int, int], None] | None = None,
) -> PushResult:
    """Upload the graph at ``graph`` (build folder or Turtle file) to the Graph Store at ``endpoint``.

    ``graph_iri`` names the target graph (default: the default graph);
    ``replace`` drops what the target graph held before. ``on_batch(number,
    triples_so_far)`` is called after each accepted batch.

    Raises:
        GraphFileError: no graph at ``graph``.
        PushError: the server refused a batch (the message has its status and
            the start of its answer) or could not be reached.
    """
    import pyoxigraph as ox

    from ..rdf.store import iter_triples

    url, auth, shown = _split_credentials(endpoint)
    target, shown_target = target_url(url, graph_iri), target_url(shown, graph_iri)
    started = time.perf_counter()
    sent = number = 0
    for number, chunk in enumerate(batches(iter_triples(graph), batch_size), start=1):
        body = ox.serialize(chunk, format=ox.RdfFormat.N_TRIPLES) or b""
        method = "PUT" if replace and number == 1 else "POST"
        _send(
            method,
            target,
            body,
            auth,
            timeout,
            shown_target,
            f"batch {number} ({len(chunk)} triples)",
        )
        sent += len(chunk)
        log.info("pushed batch %d: %d triples so far", number, sent)
        if on_batch is not None:
            on_batch(number, sent)
    if number == 0 and replace:  # an empty graph still empties the target
        _send("PUT", target, b"", auth, timeout, shown_target, "the empty graph")
        number = 1
    return PushResult(shown, graph_iri, sent, number, time.perf_counter() - started)


def _send(
    method: str, url: str, body: bytes, auth: dict[str, str], timeout: float, shown: str, what: str
) -> None:
    req = urllib.request.Request(
        url, data=body, method=method, headers={"Content-Type": "application/n-triples", **auth}
    )
    try:
        with urllib.request.urlopen(req, timeout=timeout) as resp:
            resp.read()
    except urllib.error.HTTPError as exc:
        try:
            excerpt = exc.read(600).decode("utf-8", "replace")
        except OSError:
            excerpt = ""
        excerpt = " ".join(excerpt.split())[:300] or "(empty body)"
        raise PushError(
            f"{shown}: the server refused {what} with {method}: HTTP {exc.code} {exc.reason}: {excerpt}; "
            "is this the Graph Store endpoint (Oxigraph …/store, Fuseki …/DATASET/data) and is it writable?"
        ) from None
    except (urllib.error.URLError, OSError) as exc:
        reason = getattr(exc, "reason", None) or exc
        raise PushError(
            f"{shown}: cannot reach the server ({reason}); is it running and is the URL right?"
        ) from None
