"""Numbers as Chinese policy prose writes them: 1.15 万, 3.8亿元, 三千, 30 余.

Values are returned as :class:`~decimal.Decimal` in base units, with the
scale words 万 / 亿 / 万亿 multiplied out.
"""

from __future__ import annotations

import re
from decimal import Decimal

import cn2an

SCALES = (
    ("万亿", Decimal(10) ** 12),
    ("亿", Decimal(10) ** 8),
    ("千万", Decimal(10) ** 7),
    ("百万", Decimal(10) ** 6),
    ("万", Decimal(10) ** 4),
    ("千", Decimal(1000)),
)
_ARABIC = re.compile(r"\d+(?:\.\d+)?")
_CHINESE_NUMERAL = re.compile(r"^[零〇一二两三四五六七八九十百千万亿]+$")


def parse_number(digits: str, scale: str = "") -> Decimal | None:
    """Parse Arabic or Chinese digits and multiply out a scale word.

    >>> parse_number("1.15", "万")
    Decimal('11500.00')
    >>> parse_number("3.8", "亿")
    Decimal('380000000.0')
    >>> parse_number("三千")
    Decimal('3000')
    >>> parse_number("1,300")
    Decimal('1300')
    >>> parse_number("abc") is None, parse_number("NaN") is None, parse_number("1e3") is None
    (True, True, True)
    >>> parse_number("千"), parse_number("百")
    (Decimal('1000'), Decimal('100'))
    """
    digits = digits.replace(",", "").replace("，", "").strip()
    if digits in ("十", "百", "千"):  # 千项, 百家: a bare order of magnitude means one of it
        digits = "一" + digits
    value: Decimal | None = None
    if _ARABIC.fullmatch(digits):  # not NaN, Infinity, 1e3 or -5, which Decimal takes
        value = Decimal(digits)
    elif _CHINESE_NUMERAL.match(digits):
        try:
            value = Decimal(str(cn2an.cn2an(digits.replace("两", "二"), "smart")))
        except (ValueError, KeyError, IndexError):
            value = None
    if value is None:
        return None
    for word, factor in SCALES:
        if scale == word:
            return value * factor
    return value


def split_unit(unit: str) -> tuple[str, str]:
    """Split a leading scale word off a unit: ``"亿元"`` → ``("亿", "元")``.

    千 before a unit of measurement is its prefix (千瓦 is a kilowatt), not a scale word.

    >>> split_unit("万亿元"), split_unit("个"), split_unit("万千瓦"), split_unit("千瓦时")
    (('万亿', '元'), ('', '个'), ('万', '千瓦'), ('', '千瓦时'))
    """
    if unit.startswith("千") and unit[1:].startswith(_MEASURES):
        return "", unit
    for word, _ in SCALES:
        if unit.startswith(word) and len(unit) > len(word):
            return word, unit[len(word) :]
    return "", unit


#: Units of measurement that take 千 as a prefix (千瓦, 千米, 千克, 千伏, 千兆…).
_MEASURES = ("瓦", "米", "克", "伏", "赫", "帕", "焦", "卡", "兆", "字节")
