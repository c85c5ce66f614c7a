"""Company short names derived from the full names a text gives.

A text names a company once in full (宁德时代新能源科技股份有限公司) and then by
its short name (宁德时代). A short name opens the full name or follows its
place, and stops before the legal form (武汉光迅科技股份有限公司 → 光迅科技, 光迅);
a candidate counts only where the text itself uses it outside the full names,
so nothing is guessed that the text does not say.
"""

from __future__ import annotations

import re

from .candidates import COMPANY_WORDS, _common_word, _generic
from .lexicon import Lexicon

#: A registered company name: a run of name characters and a legal form.
_FULL_NAME = re.compile(
    r"(?P<name>[\u4e00-\u9fffA-Za-z]{2,24}?)(?:集团)?(?:股份有限公司|有限责任公司|有限公司)"
)
#: Characters after which a name may open inside a run of name characters.
_BEFORE_NAME = frozenset("的与和及、是")


def _cores(run: str, lexicon: Lexicon) -> list[str]:
    """Short forms of the name before a legal form, longest first.

    A company's name is a place, a core and business words (杭州|云帆|信息科技);
    the run before the legal form may hold words before the name too
    (位于杭州的云帆…). The name opens after the run's last place (and a 的 after
    it), or, with no place, after the last 的/与/和; a short name is the name
    or its core cut anywhere before the legal form, and one of two characters
    only where business words follow it (光迅|科技).

    >>> from kg.extract.lexicon import Lexicon, LexEntry
    >>> lex = Lexicon()
    >>> lex.add("杭州", LexEntry("Place", "杭州", "City"))
    >>> _cores("位于杭州的云帆信息", lex)
    ['云帆信息', '云帆信', '云帆']
    """
    opening, core = 0, 0
    for i in range(1, len(run) - 1):
        if run[i - 1] in _BEFORE_NAME:
            opening = core = i
        for k in range(min(i, 8), 1, -1):
            entry = lexicon.get(run[i - k : i])
            if entry is not None and entry.type == "Place":
                opening, core = i - k, i
                break
    if core < len(run) and run[core] in _BEFORE_NAME:
        opening = core = core + 1
    out = []
    for i in {opening, core}:
        for j in range(i + 2, min(len(run), i + 8) + 1):
            if j - i > 2 or run[j:].startswith(COMPANY_WORDS):
                out.append(run[i:j])
    return sorted(set(out), key=lambda s: (-len(s), s))


def company_short_names(text: str, lexicon: Lexicon) -> dict[str, str]:
    """Short names the text uses for the companies it names in full: short → the
    full name's run before its legal form.

    Only forms the text uses outside the full names count; the entity rules
    take a form only where it falls on word boundaries.

    >>> from kg.extract.lexicon import Lexicon
    >>> company_short_names("云帆信息科技股份有限公司发布年报。云帆信息营收增长。", Lexicon())
    {'云帆信息': '云帆信息科技', '云帆信': '云帆信息科技', '云帆': '云帆信息科技'}
    """
    rest = _FULL_NAME.sub(" ", text)
    out: dict[str, str] = {}
    for m in _FULL_NAME.finditer(text):
        run = m.group("name")
        for short in _cores(run, lexicon):
            known = lexicon.get(short)
            if (
                short in rest
                and not _common_word(short)
                and not _generic(short)
                and not _generic(short[:2])
                and (known is None or known.type == "Organization")
            ):
                out.setdefault(short, run)
    return out
