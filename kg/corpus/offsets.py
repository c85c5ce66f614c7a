"""Offsets back to the original text, stored as runs of consecutive values.

Normalisation drops, folds and joins characters; for every character of the
normalised text it keeps the index of the character of the original it came
from. Consecutive characters mostly come from consecutive places, so the
map is kept as runs (:class:`Offsets`) and built piece by piece
(:class:`TextBuilder`, :class:`MappedText`) in memory proportional to the
number of jumps.
"""

from __future__ import annotations

import bisect
from array import array
from collections.abc import Iterable, Iterator, Sequence


class Offsets(Sequence):
    """A read-only sequence of ints stored as runs of consecutive values.

    ``offsets[i]`` is the index in the original text of character ``i`` of
    the normalised text. Consecutive characters mostly come from consecutive
    places, so the map is kept as runs: memory grows with the number of
    jumps, not with the length of the text. It behaves like a tuple of ints
    (index, slice, iterate, ``len``, ``==`` with tuples and lists).

    >>> o = Offsets.of([0, 1, 2, 10, 11])
    >>> o[3], o[-1], len(o), o[1:4], o == (0, 1, 2, 10, 11)
    (10, 11, 5, (1, 2, 10), True)
    """

    __slots__ = ("_hash", "_len", "_starts", "_values")

    def __init__(self, starts: Iterable[int] = (), values: Iterable[int] = (), length: int = 0):
        """``starts[k]``: index where run ``k`` begins; ``values[k]``: its first value."""
        self._starts = starts if isinstance(starts, array) else array("q", starts)
        self._values = values if isinstance(values, array) else array("q", values)
        self._len = length
        self._hash: int | None = None

    @classmethod
    def of(cls, values: Iterable[int]) -> Offsets:
        """Offsets holding ``values`` (any iterable of ints)."""
        starts, firsts = array("q"), array("q")
        n = 0
        for v in values:
            if not starts or firsts[-1] + (n - starts[-1]) != v:
                starts.append(n)
                firsts.append(v)
            n += 1
        return cls(starts, firsts, n)

    @property
    def runs(self) -> int:
        """How many runs of consecutive values the map holds."""
        return len(self._starts)

    def __len__(self) -> int:
        return self._len

    def head(self, n: int) -> Offsets:
        """The first ``n`` offsets.

        >>> Offsets.of([0, 1, 5, 6]).head(3) == (0, 1, 5)
        True
        """
        n = max(0, min(n, self._len))
        k = bisect.bisect_left(self._starts, n)
        return Offsets(self._starts[:k], self._values[:k], n)

    def _at(self, i: int) -> int:
        k = bisect.bisect_right(self._starts, i) - 1
        return self._values[k] + i - self._starts[k]

    def __getitem__(self, i):
        if isinstance(i, slice):
            return tuple(self._at(j) for j in range(*i.indices(self._len)))
        if i < 0:
            i += self._len
        if not 0 <= i < self._len:
            raise IndexError("offset index out of range")
        return self._at(i)

    def __iter__(self) -> Iterator[int]:
        starts, values, n = self._starts, self._values, len(self._starts)
        for k in range(n):
            end = starts[k + 1] if k + 1 < n else self._len
            yield from range(values[k], values[k] + end - starts[k])

    def __eq__(self, other) -> bool:
        if isinstance(other, Offsets):
            return (
                self._len == other._len
                and self._starts == other._starts
                and self._values == other._values
            )
        if isinstance(other, (tuple, list)):
            return len(other) == self._len and all(
                a == b for a, b in zip(self, other, strict=False)
            )
        return NotImplemented

    def __hash__(self) -> int:  # equal to the hash of the same tuple, as == promises
        if self._hash is None:
            self._hash = hash(tuple(self))
        return self._hash

    def __repr__(self) -> str:
        return f"<Offsets: {self._len} characters in {len(self._starts)} runs>"

    def __reduce__(self):
        return (Offsets, (self._starts, self._values, self._len))


class MappedText:
    """A piece of text with its offset runs: ``text[starts[k]:starts[k+1]]`` came from ``values[k]`` on."""

    __slots__ = ("newline_at", "starts", "text", "values")

    def __init__(self, text: str, starts: array, values: array, newline_at: int = 0):
        self.text = text
        self.starts = starts
        self.values = values
        self.newline_at = newline_at  # index of the raw newline ending a line (or len(raw) - 1)

    def raw_at(self, pos: int) -> int:
        k = bisect.bisect_right(self.starts, pos) - 1
        return self.values[k] + pos - self.starts[k]

    def runs_in(self, a: int, b: int) -> Iterator[tuple[int, int, int]]:
        """``(start, end, raw_start)`` for the runs covering ``text[a:b]``."""
        starts, n = self.starts, len(self.starts)
        k = bisect.bisect_right(starts, a) - 1
        while a < b:
            end = min(b, starts[k + 1] if k + 1 < n else len(self.text))
            yield a, end, self.values[k] + a - starts[k]
            a = end
            k += 1


class TextBuilder:
    """Accumulates text pieces and the runs of their origins."""

    __slots__ = ("n", "parts", "starts", "values")

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.starts = array("q")
        self.values = array("q")
        self.n = 0

    def add(self, piece: str, raw: int) -> None:
        """Append ``piece``, whose characters came from ``raw``, ``raw + 1``, …"""
        if not piece:
            return
        if not self.starts or self.values[-1] + (self.n - self.starts[-1]) != raw:
            self.starts.append(self.n)
            self.values.append(raw)
        self.parts.append(piece)
        self.n += len(piece)

    def copy(self, src: MappedText, a: int, b: int) -> None:
        """Append ``src.text[a:b]`` with its origins."""
        for x, y, raw in src.runs_in(a, b):
            self.add(src.text[x:y], raw)

    def build(self, newline_at: int = 0) -> MappedText:
        return MappedText("".join(self.parts), self.starts, self.values, newline_at)
