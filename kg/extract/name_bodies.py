"""Entity rule families for bodies: government departments, party committees, the
issuer's own bodies, bodies a text founds, and companies' short names."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from spacy.tokens import Doc

from . import patterns as P
from .name_patterns import (
    _COMMITTEE,
    _FOUNDED_BODY,
    _FUNCTION_CHARS,
    _GOVERNMENT_BODY,
    _NOT_PORTFOLIOS,
    _OWN_BODY,
    _PLACE_LEVELS,
)
from .spans import Tok

if TYPE_CHECKING:
    from .entities import EntityRules


def short_company_names(rules: EntityRules, text: str, doc: Doc, shorts: dict[str, str]) -> None:
    """宁德时代 where the text has named 宁德时代新能源科技股份有限公司: a short name of a
    company the document names in full (see :mod:`kg.extract.companies`), where it
    falls on word boundaries; ``kg.extract`` folds it into the full name's entity."""
    for short in shorts:
        for m in re.finditer(re.escape(short), text):
            if doc.char_span(m.start(), m.end()) is not None:
                rules.add(m.start(), m.end(), "Organization", short, short, 2, "short-name")


def founded_bodies(rules: EntityRules, text: str) -> None:
    """成立创新及科技局, 组建数据资源局: a body a verb of founding names (局 and 署 are
    too common at a word's end to be heads on their own: 布局, 格局)."""
    for m in _FOUNDED_BODY.finditer(text):
        name = m.group("name")
        stem = name[:-1]
        if (
            stem not in P.GENERIC_NAMES
            and stem not in P.GENERIC_MODIFIERS
            and stem[-1] not in _NOT_PORTFOLIOS  # 新格局, 大布局
        ):
            rules.add(
                m.start("name"),
                m.end("name"),
                "Organization",
                name,
                name,
                2,
                "founded-body",
                "GovernmentBody",
            )


def government_bodies(rules: EntityRules, text: str, toks: list[Tok]) -> None:
    """安徽省统计局, 重庆市经济和信息化委员会: a province's or city's department, named in full.

    Its portfolio may join two fields with 和 (经济和信息化), which stops the suffix rule.
    """
    for _k, t in enumerate(toks):
        entry = rules.lexicon.get(t.text)
        if not (entry and entry.type == "Place" and t.text.endswith(("省", "市", "自治区"))):
            continue
        m = _GOVERNMENT_BODY.match(text, t.end)
        portfolio = m.group("portfolio") if m else ""
        if (
            m
            # 新格局, 大布局: only a one-character head (局, 厅) ends a word that is no body
            and (len(m.group("head")) > 1 or portfolio[-1] not in _NOT_PORTFOLIOS)
            and not set(portfolio) & _PLACE_LEVELS
            and not set(portfolio.replace("和", "", 1)) & _FUNCTION_CHARS
        ):
            rules.add(
                t.start,
                m.end(),
                "Organization",
                text[t.start : m.end()],
                text[t.start : m.end()],
                3,
                "government-body",
                "GovernmentBody",
            )


def party_committees(rules: EntityRules, text: str) -> None:
    """江苏省委, 苏州市委: a place's Party committee, named in full 中共江苏省委."""
    for m in _COMMITTEE.finditer(text):
        level = m.group("level")
        for k in range(7, 1, -1):  # the longest place name that ends right before 省委/市委
            place = text[max(0, m.start() - k) : m.start()]
            entry = rules.lexicon.get(place + level) or rules.lexicon.get(place)
            if len(place) == k and entry is not None and entry.type == "Place":
                start = m.start() - k
                rules.add(
                    start,
                    m.end(),
                    "Organization",
                    f"中共{place}{level}委",
                    text[start : m.end()],
                    3,
                    "committee",
                    "GovernmentBody",
                )
                break


def own_bodies(rules: EntityRules, text: str, issuer) -> None:
    """市工信局, 市发展改革委, 市政府 in a document a city issues: that city's bodies (苏州市工信局).

    Without an issuing place, or with one of another level (省政府 in a
    city's plan), such a short form names nobody in particular and is skipped.
    """
    if issuer is None:
        return
    level = {"City": "市", "Province": "省", "District": "区"}.get(issuer.subclass)
    for m in _OWN_BODY.finditer(text):
        if m.group("level") != level:
            continue
        body = m.group("body")
        full = issuer.surface if issuer.surface.endswith(level) else issuer.name + level
        name = full + ("人民政府" if body == "政府" else body)
        rules.add(
            m.start(), m.end(), "Organization", name, m.group(), 3, "own-body", "GovernmentBody"
        )
