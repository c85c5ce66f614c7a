"""The rules' word lists, one data file each: ``kg/extract/data/words_<name>.txt``.

Adding a suffix, a stop word or a generic modifier is a one-line change in
its file. A file holds one entry a line in the order the rules use (longest
first where that matters); lines starting with ``#`` are its header, which
says what the list is and where it comes from.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

DATA_DIR = Path(__file__).parent / "data"


@cache
def words(name: str) -> tuple[str, ...]:
    """The entries of ``data/words_<name>.txt``, in file order, without duplicates.

    >>> "实验室" in words("platform_suffixes")
    True
    """
    path = DATA_DIR / f"words_{name}.txt"
    if not path.exists():
        raise FileNotFoundError(f"{path}: no such word list; add the file (one entry a line)")
    entries = []
    for line in path.read_text(encoding="utf-8").splitlines():
        entry = line.strip()
        if entry and not entry.startswith("#"):
            entries.append(entry)
    return tuple(dict.fromkeys(entries))
