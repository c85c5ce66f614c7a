"""Decode the bytes of a text file: byte-order marks, UTF-8, GB18030, Big5.

A byte-order mark decides first (UTF-8, UTF-16, UTF-32); then strict UTF-8;
then GB18030 (a superset of GBK and GB2312) and Big5 with its extensions,
ranked by :func:`plausibility`: how much of the decoded text is made of
common Chinese characters (``data/common_chars.txt``). Every refusal is an
:class:`~kg.errors.InputError` that names the file, says why and how to fix it.

Why not charset-normalizer (3.5.3, measured with ``tests/test_corpus.py`` run
against it in place of the legacy-encoding ranking, our messages kept): with
its defaults 14 of the 48 tests fail (short simplified and traditional
phrases read as other code pages, Latin-1 and Shift-JIS bytes accepted as
text, a short name in rare characters mis-read); restricted to the same four
candidates (``cp_isolation``) 2 still fail (Shift-JIS bytes are taken for
Big5 text, and the short name in rare characters is refused). On whole texts
(the ten dev2 texts re-encoded as GB18030 and, converted to traditional
script, as Big5) all three read 20 of 20 right in about the same time. So
the ranking here stays: as good on long texts, better on short ones.
"""

from __future__ import annotations

import codecs
import re
from importlib import resources

from ..errors import InputError

#: Legacy encodings tried when the bytes are not UTF-8, in order of preference.
LEGACY_ENCODINGS = ("gb18030", "big5", "cp950", "big5hkscs")
#: Below this share of plausible characters a decoding is not believed.
MIN_PLAUSIBILITY = 0.5

_BOMS = (
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xff\xfe\x00\x00", "utf-32-le"),
    (b"\x00\x00\xfe\xff", "utf-32-be"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
)
_SAMPLE_BYTES = 256 * 1024
_SAMPLE_CHARS = 100_000
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x19\x1b-\x1f\x7f]")


def _common_characters() -> str:
    """The characters of ``data/common_chars.txt`` (lines starting with ``#`` are comments)."""
    text = (
        resources.files(__package__)
        .joinpath("data")
        .joinpath("common_chars.txt")
        .read_text("utf-8")
    )
    return "".join(line.strip() for line in text.splitlines() if not line.startswith("#"))


_LIKELY = frozenset(
    _common_characters()
    + "".join(map(chr, range(0x21, 0x7F)))  # printable ASCII
    + "".join(map(chr, range(0x3000, 0x3040)))  # CJK punctuation
    + "".join(map(chr, range(0xFF01, 0xFF5F)))  # full-width forms
    + "".join(map(chr, range(0x2010, 0x2027)))  # dashes, quotes, ellipsis
    + "".join(map(chr, range(0x2460, 0x2500)))  # ①②③ …
    + "".join(map(chr, range(0x25A0, 0x2600)))  # □■●○ …
    + "·×"
)


def _plausibility(text: str) -> tuple[float, int]:
    good = total = 0
    for ch in text:
        if ch.isspace():
            continue
        total += 1
        good += ch in _LIKELY
    return (good / total if total else 0.0), total


def plausibility(text: str) -> float:
    """Share of the non-space characters of ``text`` that make likely Chinese text.

    Counted as likely: the ~1,500 commonest Chinese characters (in simplified
    and traditional forms), printable ASCII, and CJK and full-width
    punctuation. Bytes decoded with the wrong one of GB18030 and Big5 still
    give ideographs, but rare ones, so real text scores near 1 and a wrong
    decoding far lower.

    >>> plausibility("发展新质生产力"), plausibility("發展新質生產力") > 0.9, plausibility("")
    (1.0, True, 0.0)
    >>> plausibility("聚刷倖窄盢冑") < 0.5
    True
    """
    return _plausibility(text)[0]


def _decode_sample(data: bytes, encoding: str) -> str:
    """Decode the first :data:`_SAMPLE_BYTES` of ``data`` (a character cut at the end is left out)."""
    sample = data[:_SAMPLE_BYTES]
    return codecs.getincrementaldecoder(encoding)().decode(sample, final=len(sample) == len(data))


def _check_controls(text: str, name: str) -> None:
    sample = text[:_SAMPLE_CHARS]
    controls = len(_CONTROL.findall(sample))
    if controls > max(8, len(sample) // 100):
        first = _CONTROL.search(sample)
        at = first.start() if first is not None else 0  # there is one: controls > 8
        raise InputError(
            f"{name}: not text ({controls} control characters in the first {len(sample)}, "
            f"the first at character {at}); pass UTF-8, GB18030 or Big5 text files"
        )


def _utf16_without_bom(data: bytes) -> tuple[str, str] | None:
    """``(text, encoding)`` when ``data`` reads clearly as UTF-16 with no byte-order mark."""
    if len(data) % 2 or len(data) < 8:
        return None
    for encoding in ("utf-16-le", "utf-16-be"):
        try:
            sample = _decode_sample(data, encoding)
        except UnicodeDecodeError:
            continue
        if "\x00" not in sample and plausibility(sample) >= 0.9:
            try:
                return data.decode(encoding), encoding
            except UnicodeDecodeError:
                return None
    return None


def decode(data: bytes, name: str = "<bytes>") -> tuple[str, str]:
    """Decode file bytes, detecting the encoding.

    Byte-order marks decide first (UTF-8, UTF-16, UTF-32); then strict UTF-8;
    then GB18030 (a superset of GBK and GB2312), Big5 and its extensions
    (cp950, Big5-HKSCS), ranked by :func:`plausibility` on the first 256 KB.
    UTF-16 without a byte-order mark is accepted when it reads clearly.

    Returns:
        ``(text, encoding)``.

    Raises:
        InputError: the bytes are not text in any of these encodings (the
            message names ``name`` and says why).

    >>> decode("成都".encode("gb18030"))
    ('成都', 'gb18030')
    >>> decode(b"\\xef\\xbb\\xbf" + "成都".encode("utf-8"))
    ('成都', 'utf-8-sig')
    >>> decode("臺灣發展積體電路產業".encode("big5"))
    ('臺灣發展積體電路產業', 'big5')
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding).lstrip("\ufeff"), encoding
            except UnicodeDecodeError as exc:
                raise InputError(
                    f"{name}: starts with a {encoding} byte-order mark but is not valid {encoding} "
                    f"(byte {exc.start}); re-save it as UTF-8"
                ) from None
    nul = data.find(b"\x00")
    if nul >= 0:
        found = _utf16_without_bom(data)
        if found:
            return found
        raise InputError(
            f"{name}: not text (NUL byte at offset {nul}); pass UTF-8, GB18030 or Big5 text files"
        )
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        utf8_error = exc.start
    else:
        _check_controls(text, name)
        return text, "utf-8"
    utf16 = _utf16_without_bom(data)  # Chinese in UTF-16 has no NUL bytes
    if utf16:
        return utf16
    return _decode_legacy(data, name, utf8_error)


def _decode_legacy(data: bytes, name: str, utf8_error: int) -> tuple[str, str]:
    """Decode bytes that are not UTF-8 as the most plausible of :data:`LEGACY_ENCODINGS`."""
    ranked = []
    for rank, encoding in enumerate(LEGACY_ENCODINGS):
        try:
            sample = _decode_sample(data, encoding)
        except UnicodeDecodeError:
            continue
        score, chars = _plausibility(sample)
        ranked.append((-score, rank, encoding, chars))
    for score, _, encoding, chars in sorted(ranked):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue  # the sample decoded but a later byte does not
        if -score < MIN_PLAUSIBILITY and chars >= 20:  # a few rare characters prove nothing
            raise InputError(
                _damaged_utf8(data, name, utf8_error)
                or f"{name}: does not decode to readable text (not UTF-8 at byte {utf8_error}; as {encoding} "
                f"only {-score:.0%} of it is common Chinese or ASCII); re-save it as UTF-8"
            )
        _check_controls(text, name)
        return text, encoding
    raise InputError(
        _damaged_utf8(data, name, utf8_error)
        or f"{name}: not text in UTF-8, GB18030 or Big5 (invalid UTF-8 at byte {utf8_error}); re-save it as UTF-8"
    )


def _damaged_utf8(data: bytes, name: str, error_at: int) -> str | None:
    """A message for UTF-8 text with a few bad bytes (or cut short), else ``None``."""
    if len(data) - error_at <= 3:
        try:
            data[:error_at].decode("utf-8")
        except UnicodeDecodeError:
            pass
        else:
            return (
                f"{name}: UTF-8 text that ends in the middle of a character (byte {error_at}), "
                "so it was probably cut short; copy or download it again"
            )
    sample = data[:_SAMPLE_BYTES].decode("utf-8", "replace")
    bad = sample.count("\ufffd")
    if bad <= max(1, len(sample) // 200) and plausibility(sample) >= 0.9:
        return (
            f"{name}: UTF-8 text with invalid bytes (the first at byte {error_at}); "
            "fix those bytes or re-save the file as UTF-8"
        )
    return None
