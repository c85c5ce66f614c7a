"""Entity rule family: organizations named by the people who speak for them.

News quotes people with their place of work before their title and name: 某某资本
创始合伙人张三, 某某基金首席经济学家李四 分析说; bylines put the outlet before its
reporter: 某某新闻记者 王五. The name before such a title is an organization's even
when nothing in it says so (no 公司, no 集团), which is how news names most firms.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from . import patterns as P
from .name_patterns import _CATEGORY_NOUNS
from .spans import Tok
from .wordlists import words

if TYPE_CHECKING:
    from .entities import EntityRules


def _alternatives(entries: tuple[str, ...]) -> str:
    return "|".join(re.escape(w) for w in sorted(entries, key=P.longest_first))


#: A title followed by a person's name: two to four characters, then what people do in
#: quotes (说, 表示, 认为 …), a comma or a full stop, or the end of a bracketed byline.
_TITLED_PERSON = re.compile(
    rf"(?:{_alternatives(words('speaker_titles'))})"
    r"\s?[\u4e00-\u9fff·]{2,4}?"
    r"(?=[，,。：:）)]|\s|$|在|对|说|表示|认为|指出|介绍|坦言|分析|告诉|称|透露|强调|提到)"
)
#: A byline's outlet: a run of characters at the start of a line (or after a space), then
#: 记者 and a name. 本报/本刊/本台 (this outlet) name nobody the reader can look up.
_BYLINE = re.compile(
    rf"(?:^|(?<=[\s　]))(?P<outlet>[\u4e00-\u9fffA-Za-z0-9]{{2,12}}?)\s?"
    rf"(?:{_alternatives(words('reporter_titles'))})\s?[\u4e00-\u9fff]{{2,4}}(?:\s|$|[，,])",
    re.M,
)
_THIS_OUTLET = re.compile(r"^(?:本|我|据|新华社?$)")


def titled_speakers(rules: EntityRules, text: str, toks: list[Tok]) -> None:
    """某某资本|创始合伙人|张三: the name before a person's title is an organization's."""
    ends = {t.end: k for k, t in enumerate(toks)}
    for m in _TITLED_PERSON.finditer(text):
        last = ends.get(m.start())
        if last is None:  # the title starts inside a word: 副|总经理 is read as 副总经理
            continue
        first = rules.extend_left(toks, last)
        if first > last:
            continue
        start, end = toks[first].start, toks[last].end
        name = text[start:end]
        if _names_a_body(rules, name, toks[first : last + 1]):
            rules.add(start, end, "Organization", name, name, 1, "speaker-title")


def bylines(rules: EntityRules, text: str) -> None:
    """某某新闻记者 王五: the outlet a byline names before its reporter."""
    for m in _BYLINE.finditer(text):
        outlet = m.group("outlet")
        if _THIS_OUTLET.match(outlet) or outlet in P.GENERIC_NAMES:
            continue
        rules.add(m.start("outlet"), m.end("outlet"), "Organization", outlet, outlet, 1, "byline")


def _names_a_body(rules: EntityRules, name: str, toks: list[Tok]) -> bool:
    """Whether the words before a title can be a body's name: not a place (苏州市|市长 is
    the city's office), not a bare category (公司|董事长), and not a phrase with a verb."""
    entry = rules.lexicon.get(name)
    if entry is not None and entry.type == "Place":
        return False
    if len(name) < 2 or name in _CATEGORY_NOUNS or name in P.GENERIC_NAMES:
        return False
    if len(toks) == 1 and toks[0].tag == "n" and len(name) <= 2:
        return False  # 公司, 企业: a common noun on its own names no one
    return not any(t.tag.startswith("v") and t.tag != "vn" for t in toks)
