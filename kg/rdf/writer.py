"""The RDF outputs of a build (``graph.ttl``, ``store/``), made from the previous build's where it can.

A full build writes every block of :func:`kg.rdf.blocks.rdf_blocks` into
``graph.ttl`` and bulk-loads the store from it. It also writes, into
``.state/`` of the output folder, the key hash, signature hash, offset and
length of every block (:class:`BlockIndex`), the previous SHACL results and
the entity slugs.

The next build of the same folder compares each block's key and signature
with that index (:func:`write_rdf`). ``graph.ttl`` is then written by copying
the byte ranges of unchanged blocks from the old file and writing only the
changed ones; the store is a RocksDB checkpoint of the old one (hard links),
with the triples of the old versions of changed blocks removed and those of
the new versions added; and the nodes whose triples changed, with the nodes
that point at them, are all that SHACL checks again. After changing one
document of thousands, this touches that document's blocks and the headers
of the entities it names, instead of millions of triples.

The result is the same, byte for byte and triple for triple, as a full
build: ``tests/test_delta.py`` compares them after added, changed, removed
and renamed documents and entity merges. Anything that could make the old
outputs unreliable (another pipeline or rules version, a ``graph.ttl`` whose
size or time differs from what the index recorded, a missing or unreadable
index or store) makes the build a full one.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from ..errors import KgError
from .blocks import entity_iri_map, rdf_blocks, turtle_header
from .changes import apply_changes, focus_nodes
from .store import STORE_DIR, TURTLE_FILE, load_chunks

log = logging.getLogger(__name__)

#: Folder of the block index inside a build folder.
STATE_DIR = ".state"
#: Bump when the layout of ``.state/`` changes.
STATE_FORMAT = 1


def _hash64(text: str) -> int:
    return int.from_bytes(hashlib.blake2b(text.encode("utf-8"), digest_size=8).digest(), "little")


@dataclass
class BlockIndex:
    """Where each block of a ``graph.ttl`` is, in file order, with hashes of its key and signature."""

    keys: np.ndarray  # uint64
    signatures: np.ndarray  # uint64
    offsets: np.ndarray  # int64
    lengths: np.ndarray  # int64

    def save(self, path: Path) -> None:
        with open(path, "wb") as fh:
            np.savez(
                fh,
                keys=self.keys,
                signatures=self.signatures,
                offsets=self.offsets,
                lengths=self.lengths,
            )

    @classmethod
    def load(cls, path: Path) -> BlockIndex:
        with np.load(path, allow_pickle=False) as z:
            return cls(z["keys"], z["signatures"], z["offsets"], z["lengths"])


class _IndexBuilder:
    """Collects a new :class:`BlockIndex` as blocks are written."""

    def __init__(self) -> None:
        self.keys: list[int] = []
        self.signatures: list[int] = []
        self.offsets: list[int] = []
        self.lengths: list[int] = []

    def add(self, key: int, signature: int, offset: int, length: int) -> None:
        self.keys.append(key)
        self.signatures.append(signature)
        self.offsets.append(offset)
        self.lengths.append(length)

    def build(self) -> BlockIndex:
        return BlockIndex(
            np.array(self.keys, dtype=np.uint64),
            np.array(self.signatures, dtype=np.uint64),
            np.array(self.offsets, dtype=np.int64),
            np.array(self.lengths, dtype=np.int64),
        )


@dataclass
class Previous:
    """What the previous build of an output folder left that this build can reuse."""

    folder: Path
    index: BlockIndex
    slugs: dict[str, str]
    #: The SHACL results of that build as rows of strings (``None``: it did not validate);
    #: :func:`kg.validate.validate_store` takes them back as ``previous``.
    results: list[tuple[str, ...]] | None


@dataclass
class RdfOutput:
    """What :func:`write_rdf` made.

    ``focus`` is ``None`` after a full write (validate everything), else the
    nodes SHACL must check again; ``previous_results`` the results to keep for
    the other nodes.
    """

    store: object
    triples: int
    iris: dict[str, str]
    slugs: dict[str, str]
    index: BlockIndex
    incremental: bool = False
    focus: set[str] | None = None
    previous_results: list[tuple[str, ...]] = field(default_factory=list)
    reused_blocks: int = 0
    written_blocks: int = 0


def load_previous(folder: Path, fingerprint: str) -> Previous | None:
    """The previous build's index in ``folder``, or ``None`` when it cannot be trusted (logged at debug level)."""
    state_dir = folder / STATE_DIR
    try:
        meta = json.loads((state_dir / "state.json").read_text(encoding="utf-8"))
        if meta.get("format") != STATE_FORMAT or meta.get("fingerprint") != fingerprint:
            log.debug("%s: made by another pipeline version; full build", state_dir)
            return None
        st = (folder / TURTLE_FILE).stat()
        if (st.st_size, st.st_mtime_ns) != (meta["turtle_size"], meta["turtle_mtime_ns"]):
            log.debug("%s: graph.ttl changed since it was written; full build", folder)
            return None
        if not (folder / STORE_DIR / "CURRENT").is_file():
            return None
        index = BlockIndex.load(state_dir / "blocks.npz")
        results = meta.get("results")
        return Previous(
            folder,
            index,
            dict(meta.get("slugs", {})),
            None if results is None else [tuple(r) for r in results],
        )
    except (OSError, ValueError, KeyError, TypeError) as exc:
        log.debug("%s: no usable block index (%s); full build", state_dir, exc)
        return None


def save_state(
    folder: Path, out: RdfOutput, fingerprint: str, results: Iterable[tuple[str, ...]] | None
) -> None:
    """Write the block index and what goes with it into ``folder/.state`` (after ``graph.ttl`` is final)."""
    state_dir = folder / STATE_DIR
    state_dir.mkdir(exist_ok=True)
    out.index.save(state_dir / "blocks.npz")
    st = (folder / TURTLE_FILE).stat()
    meta = {
        "format": STATE_FORMAT,
        "fingerprint": fingerprint,
        "turtle_size": st.st_size,
        "turtle_mtime_ns": st.st_mtime_ns,
        "triples": out.triples,
        "slugs": out.slugs,
        "results": None if results is None else [list(r) for r in results],
    }
    (state_dir / "state.json").write_text(json.dumps(meta, ensure_ascii=False), encoding="utf-8")


def write_rdf(G, folder: Path, previous: Previous | None = None) -> RdfOutput:
    """Write ``folder/graph.ttl`` and ``folder/store`` for graph ``G``, reusing ``previous`` where it can.

    Returns the open store and what the validate stage needs to know.
    """
    import pyoxigraph as ox

    slugs = dict(previous.slugs) if previous is not None else {}
    iris = entity_iri_map(G, slugs)
    names = {data["name"] for _, data in G.nodes(data=True)}
    slugs = {name: slug for name, slug in slugs.items() if name in names}  # names gone stay gone
    ttl = folder / TURTLE_FILE
    if previous is None:
        store = ox.Store(str(folder / STORE_DIR))
        index = _write_all(G, iris, ttl, store)
        store.flush()
        return RdfOutput(store, len(store), iris, slugs, index, written_blocks=len(index.keys))
    return _write_changes(G, iris, slugs, folder, previous)


def _write_all(G, iris, ttl: Path, store) -> BlockIndex:
    """Write every block into ``ttl`` and load them into ``store``, a chunk at a time."""
    index = _IndexBuilder()
    header = turtle_header().encode("utf-8")

    def pieces() -> Iterator[bytes]:
        pos = len(header)
        for block in rdf_blocks(G, iris):
            data = block.text().encode("utf-8")
            index.add(_hash64(block.key), _hash64(block.signature), pos, len(data))
            pos += len(data)
            yield data

    with open(ttl, "wb") as fh:
        fh.write(header)
        load_chunks(store, pieces(), fh.write)
    return index.build()


class _OldBlocks:
    """Finds a block of the previous index by key hash: usually the next one in file order, else by search."""

    def __init__(self, index: BlockIndex):
        self.index = index
        self.keys = index.keys.tolist()
        self.order = np.argsort(index.keys, kind="stable")
        self.sorted_keys = index.keys[self.order]
        self.cursor = 0

    def find(self, key: int) -> int:
        if self.cursor < len(self.keys) and self.keys[self.cursor] == key:
            j = self.cursor
        else:
            i = int(np.searchsorted(self.sorted_keys, np.uint64(key)))
            if i >= len(self.sorted_keys) or int(self.sorted_keys[i]) != key:
                return -1
            j = int(self.order[i])
        self.cursor = j + 1
        return j


def _write_changes(G, iris, slugs, folder: Path, previous: Previous) -> RdfOutput:
    """The incremental write: ``graph.ttl`` from the old one's unchanged blocks, the store from a copy of the old one."""
    import pyoxigraph as ox

    index, new_texts, old_text, reused = _merge_turtle(G, iris, folder, previous)
    header = turtle_header()
    removed = (
        set(ox.parse(header.encode() + old_text, format=ox.RdfFormat.TURTLE)) if old_text else set()
    )
    added = (
        set(ox.parse(header + "".join(new_texts), format=ox.RdfFormat.TURTLE))
        if new_texts
        else set()
    )
    target = folder / STORE_DIR
    with _open_read_only(previous.folder / STORE_DIR) as old_store:
        old_store.backup(str(target))
    store = ox.Store(str(target))
    changed = apply_changes(store, removed - added, added - removed)
    store.flush()
    return RdfOutput(
        store,
        len(store),
        iris,
        slugs,
        index,
        incremental=True,
        focus=focus_nodes(store, changed),
        previous_results=previous.results or [],
        reused_blocks=reused,
        written_blocks=len(new_texts),
    )


def _merge_turtle(
    G, iris, folder: Path, previous: Previous
) -> tuple[BlockIndex, list[str], bytes, int]:
    """Write ``folder/graph.ttl``, copying the bytes of unchanged blocks from the previous one.

    Returns the new index, the text of the blocks written anew, the old text
    of the blocks not reused, and how many blocks were reused.
    """
    old = _OldBlocks(previous.index)
    old_signatures = previous.index.signatures.tolist()
    old_offsets, old_lengths = previous.index.offsets.tolist(), previous.index.lengths.tolist()
    reused = np.zeros(len(old.keys), dtype=bool)
    index = _IndexBuilder()
    new_texts: list[str] = []
    header = turtle_header().encode("utf-8")
    with open(previous.folder / TURTLE_FILE, "rb") as src, open(folder / TURTLE_FILE, "wb") as dst:
        dst.write(header)
        pos = len(header)
        run_start = run_end = -1  # a run of old bytes still to copy

        def flush_run() -> None:
            nonlocal run_start
            if run_start >= 0:
                _copy_range(src, dst, run_start, run_end - run_start)
                run_start = -1

        for block in rdf_blocks(G, iris):
            key, signature = _hash64(block.key), _hash64(block.signature)
            j = old.find(key)
            if j >= 0 and old_signatures[j] == signature and not reused[j]:
                reused[j] = True
                offset, length = old_offsets[j], old_lengths[j]
                if run_start >= 0 and offset == run_end:
                    run_end += length
                else:
                    flush_run()
                    run_start, run_end = offset, offset + length
            else:
                flush_run()
                text = block.text()
                new_texts.append(text)
                data = text.encode("utf-8")
                dst.write(data)
                length = len(data)
            index.add(key, signature, pos, length)
            pos += length
        flush_run()
        gone = np.flatnonzero(~reused).tolist()
        old_text = b"".join(_read_range(src, old_offsets[j], old_lengths[j]) for j in gone)
    return index.build(), new_texts, old_text, int(reused.sum())


@contextlib.contextmanager
def _open_read_only(path: Path) -> Iterator:
    """The previous build's store, opened read-only for the length of a ``with`` block."""
    import pyoxigraph as ox

    try:
        store = ox.Store.read_only(str(path))
    except OSError as exc:
        raise KgError(f"{path}: cannot open the previous build's store ({exc})") from None
    try:
        yield store
    finally:
        del store


def _copy_range(src, dst, offset: int, length: int) -> None:
    src.seek(offset)
    while length > 0:
        chunk = src.read(min(length, 1 << 24))
        if not chunk:
            raise KgError(
                f"{src.name}: shorter than its block index says; delete {STATE_DIR}/ and build again"
            )
        dst.write(chunk)
        length -= len(chunk)


def _read_range(src, offset: int, length: int) -> bytes:
    src.seek(offset)
    return src.read(length)
