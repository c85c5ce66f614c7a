"""kg.extract.numerals: numbers as policy prose writes them, scale words multiplied out.

Inputs are invented digit strings and units, not sentences of the corpora.
"""

from __future__ import annotations

from decimal import Decimal

import cn2an
import pytest
from hypothesis import given
from hypothesis import strategies as st

from kg.extract.numerals import SCALES, parse_number, split_unit

FACTORS = dict(SCALES)


@pytest.mark.parametrize(
    ("digits", "expected"),
    [
        ("7", "7"),
        ("0", "0"),
        ("3.8", "3.8"),
        ("3.0", "3.0"),  # the digits as written: Decimal keeps the trailing zero
        ("0.05", "0.05"),
        ("12,345", "12345"),  # thousands separators, ASCII and full-width
        ("1,300.5", "1300.5"),
        ("2，048", "2048"),
        (" 42 ", "42"),  # spaces around the digits
        ("１２", "12"),  # full-width digits
    ],
)
def test_numerals_arabic_digits(digits, expected):
    assert parse_number(digits) == Decimal(expected)
    assert str(parse_number(digits)) == expected


@pytest.mark.parametrize(
    ("digits", "expected"),
    [
        ("三", 3),
        ("十五", 15),
        ("二十", 20),
        ("一百零五", 105),
        ("三千", 3000),
        ("三千五百", 3500),
        ("五万", 50_000),
        ("十万", 100_000),
        ("一千二百万", 12_000_000),
        ("一亿", 100_000_000),
        ("零", 0),
        ("〇", 0),
        ("二〇二四", 2024),  # a year written digit by digit
    ],
)
def test_numerals_chinese_numerals(digits, expected):
    assert parse_number(digits) == expected


@pytest.mark.parametrize(
    ("digits", "expected"), [("两", 2), ("两千", 2000), ("两百", 200), ("两万三千", 23_000)]
)
def test_numerals_liang_is_two(digits, expected):
    assert parse_number(digits) == expected


@pytest.mark.parametrize(("digits", "expected"), [("十", 10), ("百", 100), ("千", 1000)])
def test_numerals_bare_order_of_magnitude_is_one_of_it(digits, expected):
    # 百家企业, 千项成果: a bare 十 / 百 / 千 counts one ten, hundred, thousand
    assert parse_number(digits) == expected


@pytest.mark.parametrize(("word", "factor"), SCALES)
def test_numerals_scale_words_multiply(word, factor):
    assert parse_number("2", word) == 2 * factor
    assert parse_number("1.5", word) == Decimal("1.5") * factor
    assert parse_number("三", word) == 3 * factor  # Chinese digits take a scale too


def test_numerals_scale_values():
    assert parse_number("1.15", "万") == 11_500
    assert parse_number("3.8", "亿") == 380_000_000
    assert parse_number("2.6", "万亿") == 2_600_000_000_000
    assert parse_number("1,300", "万") == 13_000_000
    assert parse_number("5", "千万") == 50_000_000
    assert parse_number("4", "百万") == 4_000_000


def test_numerals_no_scale_leaves_the_value():
    assert parse_number("7", "") == 7
    assert parse_number("7") == 7


@pytest.mark.parametrize(
    "digits",
    [
        "",
        "abc",
        "三十余",  # an approximation word is not part of the number
        "几十",
        "2.5%",
        "1.5万",  # the scale word is passed on its own, not inside the digits
        "3/4",
        "1.2.3",
        "三点五",
    ],
)
def test_numerals_not_a_number_is_none(digits):
    assert parse_number(digits) is None


@given(st.integers(min_value=0, max_value=10**12))
def test_numerals_thousands_separators_property(n):
    assert parse_number(f"{n:,}") == n
    assert parse_number(f"{n:,}".replace(",", "，")) == n


@given(
    st.decimals(min_value=0, max_value=10**6, places=2, allow_nan=False, allow_infinity=False),
    st.sampled_from([w for w, _ in SCALES]),
)
def test_numerals_scale_property(value, word):
    assert parse_number(str(value), word) == value * FACTORS[word]


@given(st.integers(min_value=0, max_value=10**10))
def test_numerals_chinese_numerals_property(n):
    # cn2an writes the number in Chinese numerals (三千零五十); parse_number reads it back
    assert parse_number(cn2an.an2cn(n)) == n


@pytest.mark.parametrize(
    ("unit", "expected"),
    [
        ("亿元", ("亿", "元")),
        ("万元", ("万", "元")),
        ("万亿元", ("万亿", "元")),  # the longest scale word first, not 万
        ("千万元", ("千万", "元")),  # not 千
        ("百万吨", ("百万", "吨")),
        ("万人次", ("万", "人次")),
        ("万千瓦", ("万", "千瓦")),
        ("亿千瓦", ("亿", "千瓦")),
    ],
)
def test_numerals_split_unit_scale_word(unit, expected):
    assert split_unit(unit) == expected


@pytest.mark.parametrize("unit", ["千瓦", "千瓦时", "千米", "千克", "千伏"])
def test_numerals_split_unit_keeps_a_measures_kilo_prefix(unit):
    # 千瓦 is a kilowatt: 5万千瓦 is 50,000 kW, not 50,000 W
    assert split_unit(unit) == ("", unit)


@pytest.mark.parametrize("unit", ["个", "元", "家", "平方公里", "人次", "EFLOPS", "%", ""])
def test_numerals_split_unit_plain_unit(unit):
    assert split_unit(unit) == ("", unit)


@pytest.mark.parametrize("unit", ["万", "亿", "千"])
def test_numerals_split_unit_bare_scale_word_is_the_unit(unit):
    # nothing would be left of the unit, so the word stays the unit (3万: the count is in 万)
    assert split_unit(unit) == ("", unit)


@given(st.text(alphabet="万亿千百元吨个人次平方公里", max_size=6))
def test_numerals_split_unit_property(unit):
    scale, rest = split_unit(unit)
    assert scale + rest == unit
    assert scale == "" or (scale in FACTORS and rest)


@pytest.mark.parametrize("text", ["NaN", "Infinity", "1e3", "-5", "+5", "1_000"])
def test_numerals_parse_number_refuses_what_only_decimal_reads(text):
    # Decimal() takes these; a figure in Chinese text is none of them
    assert parse_number(text) is None
