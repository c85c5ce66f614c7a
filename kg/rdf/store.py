"""The embedded pyoxigraph store that ``kg build`` writes beside ``graph.ttl``.

A build folder holds ``store/``, an on-disk Oxigraph (RocksDB) store with the
same triples as ``graph.ttl``. Readers open it read-only, so any number of
``kg query`` runs and ``kg serve`` workers can share it; ``kg build`` never
writes into a live store but builds a new one beside it and renames it into
place. A folder without ``store/`` (or a ``.ttl`` file) still works: its
Turtle is loaded into an in-memory store.
"""

from __future__ import annotations

import contextlib
import itertools
import os
import shutil
import tempfile
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from ..atomic import swap_folder
from ..errors import GraphFileError
from .blocks import rdf_blocks, turtle_header

#: Name of the store folder inside a build folder.
STORE_DIR = "store"
#: Name of the Turtle file inside a build folder.
TURTLE_FILE = "graph.ttl"


@dataclass(frozen=True)
class GraphSource:
    """Where a graph lives: an on-disk ``store`` folder, a ``turtle`` file, or both.

    ``folder`` is the build folder (the parent of a ``.ttl`` file given directly).
    """

    folder: Path
    store: Path | None
    turtle: Path | None


def _is_store(path: Path) -> bool:
    return path.is_dir() and (path / "CURRENT").is_file()


def locate_graph(path: str | os.PathLike) -> GraphSource:
    """Find the graph behind ``path``: a build folder, its ``store/`` folder, or a Turtle file.

    A build folder answers from its store when it has one, else from ``graph.ttl``;
    a file is always read as Turtle.

    Raises:
        GraphFileError: nothing to query at ``path``.
    """
    p = Path(path)
    if p.is_file():
        return GraphSource(p.parent, None, p)
    if _is_store(p):
        ttl = p.parent / TURTLE_FILE
        return GraphSource(p.parent, p, ttl if ttl.is_file() else None)
    if p.is_dir():
        store, ttl = p / STORE_DIR, p / TURTLE_FILE
        store_ok, ttl_ok = _is_store(store), ttl.is_file()
        if store_ok or ttl_ok:
            return GraphSource(p, store if store_ok else None, ttl if ttl_ok else None)
    raise GraphFileError(
        f"{path}: no graph here; run `kg build -o {path}` first or pass a .ttl file"
    )


def graph_turtle(path: str | os.PathLike) -> Path:
    """The graph file of ``path`` (see :func:`locate_graph`), for readers that parse a file.

    Raises:
        GraphFileError: nothing to read at ``path``, or a build with a store but no ``graph.ttl``.
    """
    src = locate_graph(path)
    if src.turtle is None:
        raise GraphFileError(
            f"{path}: the build has no {TURTLE_FILE}; rebuild it with `kg build -o {src.folder}`"
        )
    return src.turtle


#: Bytes of Turtle per bulk load: Oxigraph's bulk loader buffers ~1.3 GB when
#: given everything at once, ~200 MB for chunks of this size, at ~15 % more time.
LOAD_CHUNK = 8 << 20


def load_chunks(
    store, pieces: Iterable[bytes], on_chunk: Callable[[bytes], object] | None = None
) -> None:
    """Bulk-load Turtle ``pieces`` (statements, no prefixes) into ``store`` in chunks of :data:`LOAD_CHUNK` bytes.

    ``on_chunk`` sees each chunk before it is loaded (a full build writes it to ``graph.ttl``).
    """
    import pyoxigraph as ox

    header = turtle_header().encode("utf-8")
    chunk: list[bytes] = []
    size = 0
    for piece in itertools.chain(pieces, [None]):
        if piece is not None:
            chunk.append(piece)
            size += len(piece)
        if size >= LOAD_CHUNK or (piece is None and chunk):
            data = b"".join(chunk)
            if on_chunk is not None:
                on_chunk(data)
            store.bulk_load(header + data, format=ox.RdfFormat.TURTLE)
            chunk, size = [], 0


def load_graph(G, folder: str | os.PathLike | None = None, iris=None):
    """A pyoxigraph ``Store`` holding the triples of graph ``G`` (:func:`kg.rdf.blocks.rdf_blocks`, streamed).

    Args:
        G: the graph stage's output.
        folder: where to create an on-disk store (it must not hold one yet);
            ``None`` for an in-memory store.
        iris: node key → entity IRI, when the caller has them.
    """
    import pyoxigraph as ox

    store = ox.Store(str(folder)) if folder is not None else ox.Store()
    load_chunks(store, (b.text().encode("utf-8") for b in rdf_blocks(G, iris)))
    if folder is not None:
        store.flush()
    return store


def build_store(turtle: str | os.PathLike, target: str | os.PathLike) -> Path:
    """Load ``turtle`` into a new on-disk store at ``target``, replacing any old one.

    The store is built in a temporary folder beside ``target`` and renamed into
    place, so a reader sees the old store or the new one, never half of one
    (readers that opened the old store keep reading it until they close it).

    Raises:
        GraphFileError: the Turtle does not parse.
    """
    import pyoxigraph as ox

    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent))
    try:
        store = ox.Store(str(tmp))
        try:
            with open(turtle, "rb") as fh:
                store.bulk_load(fh, ox.RdfFormat.TURTLE)
            store.flush()
        except SyntaxError as exc:
            raise GraphFileError(
                f"{turtle}: not valid Turtle ({exc}); rebuild it with `kg build`"
            ) from None
        finally:
            del store  # releases the RocksDB lock before the rename
        mask = os.umask(0)
        os.umask(mask)
        os.chmod(tmp, 0o777 & ~mask)  # mkdtemp makes it private; give it a plain mkdir's mode
        swap_folder(tmp, target)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)  # the old store after the swap, or a failed one
    return target


def open_store(path: str | os.PathLike):
    """A pyoxigraph ``Store`` over the graph at ``path`` (see :func:`locate_graph`).

    The on-disk store is opened read-only (several readers may share it); a
    Turtle file is loaded into a fresh in-memory store.

    Raises:
        GraphFileError: no graph at ``path``, or it cannot be opened or parsed.
    """
    import pyoxigraph as ox

    src = locate_graph(path)
    if src.store is not None:
        return open_read_only(src.store)
    assert src.turtle is not None  # locate_graph found a store or a Turtle file
    store = ox.Store()
    try:
        with open(src.turtle, "rb") as fh:
            store.bulk_load(fh, ox.RdfFormat.TURTLE)
    except SyntaxError as exc:
        raise GraphFileError(
            f"{src.turtle}: not valid Turtle ({exc}); rebuild it with `kg build`"
        ) from None
    return store


def open_read_only(store_dir: str | os.PathLike):
    """Open an on-disk store read-only, retrying briefly while a rebuild renames it into place.

    Raises:
        GraphFileError: the folder is not a store or cannot be opened.
    """
    import pyoxigraph as ox

    last: Exception | None = None
    for _ in range(5):
        try:
            return ox.Store.read_only(str(store_dir))
        except OSError as exc:  # the rename window of build_store, or a damaged store
            last = exc
            time.sleep(0.05)
    raise GraphFileError(f"{store_dir}: cannot open the store ({last}); rebuild it with `kg build`")


@contextlib.contextmanager
def served_store(path: str | os.PathLike) -> Iterator[tuple[GraphSource, Path]]:
    """An on-disk store folder for ``path``: its own ``store/``, or a temporary one built from its Turtle.

    Yields ``(source, store_dir)``; a temporary store is removed on exit.
    """
    src = locate_graph(path)
    if src.store is not None:
        yield src, src.store
        return
    assert src.turtle is not None  # locate_graph found a store or a Turtle file
    tmp = Path(tempfile.mkdtemp(prefix="kg-store-"))
    try:
        yield src, build_store(src.turtle, tmp / STORE_DIR)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def iter_triples(path: str | os.PathLike) -> Iterator:
    """Every triple of the graph at ``path`` (pyoxigraph ``Triple`` objects), each once.

    A build folder's store is read as it is; a Turtle file is loaded into an
    in-memory store first, since a file may state a triple more than once
    (``graph.ttl`` writes a shared mention in every block that uses it).

    >>> import tempfile, pathlib
    >>> ttl = pathlib.Path(tempfile.mkdtemp()) / "g.ttl"
    >>> _ = ttl.write_text('<http://x/a> <http://x/p> "1" . <http://x/a> <http://x/p> "1" .')
    >>> [str(t) for t in iter_triples(ttl)]
    ['<http://x/a> <http://x/p> "1"']
    """
    import pyoxigraph as ox

    store = open_store(path)
    for quad in store.quads_for_pattern(None, None, None, ox.DefaultGraph()):
        yield quad.triple
