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


#: A title followed by a person's name (not by 的, 职 or 们: 董事长的职责, 董事长职务).
_TITLED_PERSON = re.compile(
    rf"(?:资深|高级|常务|执行)?(?:{P.alternation(words('speaker_titles'))})(?=\s?[\u4e00-\u9fff])(?!\s?[的职们等])"
)
#: A byline's outlet: a run of characters at the start of a line (or after a space), then
#: 记者 and a name. 本报/本刊/本台 (this outlet) name nobody the reader can look up.
_BYLINE = re.compile(
    rf"(?:^|(?<=[\s　]))(?P<outlet>[\u4e00-\u9fffA-Za-z0-9]{{2,12}}?)\s?"
    rf"(?:{P.alternation(words('reporter_titles'))})\s?(?P<person>[\u4e00-\u9fff]{{2,3}})",
    re.M,
)
#: How the names of news outlets end (澎湃新闻, 某某日报, 某某经济报道, 第一财经, 某某网).
_OUTLET_HEAD = re.compile(r"(?:新闻|报|报道|周刊|杂志|网|社|台|财经|观察|参考)$")
_THIS_OUTLET = re.compile(r"^(?:本|我|据|新华社?$)")


def titled_speakers(rules: EntityRules, text: str, toks: list[Tok]) -> None:
    """某某资本|创始合伙人|张三: the name before a person's title is an organization's."""
    ends = {t.end: k for k, t in enumerate(toks)}
    for m in _TITLED_PERSON.finditer(text):
        last = ends.get(m.start())
        if last is None:  # the title starts inside a word: 副|总经理 is read as 副总经理
            continue
        first = _body_start(toks, last)
        if first > last:
            continue
        start, end = toks[first].start, toks[last].end
        name = text[start:end]
        if _names_a_body(rules, name, toks[first : last + 1]):
            rules.add(start, end, "Organization", name, name, 1, "speaker-title")


def bylines(rules: EntityRules, text: str) -> None:
    """某某新闻记者 王五: the outlet a byline names before its reporter (and nothing inside
    the reporter's name)."""
    for m in _BYLINE.finditer(text):
        # the reporter is a person: no place or body inside their name (包|兴安)
        rules.found = [
            f for f in rules.found if not (m.start("person") <= f.start < m.end("person"))
        ]
        outlet = m.group("outlet")
        if _THIS_OUTLET.match(outlet) or outlet in P.GENERIC_NAMES:
            continue
        if not _OUTLET_HEAD.search(outlet):
            continue  # 他对|记者说: only a name that reads as an outlet's
        rules.add(m.start("outlet"), m.end("outlet"), "Organization", outlet, outlet, 1, "byline")


#: Words that end the body's name on its left: function words and the pronouns before it.
_LEFT_OF_BODY = frozenset(words("body_left_stops"))
#: The most words a body's name before a title takes (a long one has its own head word).
MAX_BODY_TOKENS = 5


def _body_start(toks: list[Tok], last: int) -> int:
    """The first token of the name that ends at token ``last``: back to punctuation, a
    function word or a verb; jieba's tags inside an unknown name are not trusted
    (每日/r 互动/d are one firm's name). A firm whose name opens with a common verb
    (筑城证券) is missed: the price of not reading 推动|企业|高管 as a name."""
    k = last
    while k >= 0 and last - k < MAX_BODY_TOKENS:
        t = toks[k]
        if (
            t.tag in ("x", "v", "p", "c", "uj", "ul")
            or t.text in _LEFT_OF_BODY
            or not t.text.strip()
        ):
            break
        k -= 1
    return k + 1


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
