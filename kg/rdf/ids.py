"""Stable, readable IRIs: ``kgr:place/chengdu``, ``kgr:industry/dianzi-xinxi``.

The slug is the pinyin of the canonical name, word by word, lower case and
hyphenated. Words come from jieba's *default* dictionary in a private
tokenizer, so the lexicon terms the extractor registers never change an
IRI: the same name gets the same IRI in every build of every corpus.
"""

from __future__ import annotations

import hashlib
import logging
import re
import unicodedata
from functools import lru_cache

from ..vocab import KGR_NS

_NON_SLUG = re.compile(r"[^a-z0-9]+")


@lru_cache(maxsize=1)
def _tokenizer():
    import jieba

    jieba.setLogLevel(logging.WARNING)
    tok = jieba.Tokenizer()
    tok.initialize()
    return tok


def _words(name: str) -> list[str]:
    """jieba words, with words of four or more characters cut in pairs (电子|信息)."""
    out = []
    for word in _tokenizer().cut(name, HMM=False):
        if len(word) >= 4 and all("\u4e00" <= ch <= "\u9fff" for ch in word):
            pairs = [word[i : i + 2] for i in range(0, len(word), 2)]
            if len(pairs[-1]) == 1:
                pairs[-2:] = [pairs[-2] + pairs[-1]]
            out.extend(pairs)
        else:
            out.append(word)
    return out


@lru_cache(maxsize=65536)  # the RDF and the map both ask for every entity's IRI
def slugify(name: str) -> str:
    """Pinyin slug of a name.

    >>> slugify("电子信息")
    'dianzi-xinxi'
    >>> slugify("成都")
    'chengdu'
    >>> slugify("5G+工业互联网")
    '5g-gongye-hulianwang'
    >>> slugify("西部（成都）科学城")
    'xibu-chengdu-kexuecheng'
    """
    from pypinyin import Style, lazy_pinyin

    name = unicodedata.normalize("NFKC", name)
    parts = []
    for word in _words(name):
        py = "".join(lazy_pinyin(word, style=Style.NORMAL, errors="default", v_to_u=False))
        py = _NON_SLUG.sub("-", py.lower()).strip("-")
        if py:
            parts.append(py)
    slug = "-".join(parts)
    slug = re.sub(r"-{2,}", "-", slug)[:80].strip("-")
    return slug or "x"


def short_hash(text: str, n: int = 6) -> str:
    """First ``n`` hex digits of the SHA-1 of ``text``.

    >>> short_hash("成都")
    '1cfe67'
    """
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:n]


def entity_iris(
    keys: list[tuple[str, str]], slugs: dict[str, str] | None = None
) -> dict[tuple[str, str], str]:
    """IRIs for ``(type, name)`` pairs, with a short hash only on a slug collision.

    Within a slug that several names share, the smallest name keeps the
    plain slug and the others get ``-{hash of the name}``, so a name's IRI
    depends only on the name and the rare homophones beside it. ``slugs``
    (name → slug) is used and extended as a cache of :func:`slugify`: an
    incremental build passes the previous build's, so that it need not load
    jieba's dictionary to name the entities it already knew.

    >>> iris = entity_iris([("Place", "成都")])
    >>> iris[("Place", "成都")]
    'https://w3id.org/xinzhi-kg/id/place/chengdu'
    """
    by_slug: dict[tuple[str, str], list[str]] = {}
    if slugs is None:
        slugs = {}
    for type_, name in sorted(set(keys)):
        slug = slugs.get(name)
        if slug is None:
            slug = slugs[name] = slugify(name)
        by_slug.setdefault((type_, slug), []).append(name)
    out = {}
    for (type_, slug), names in by_slug.items():
        for i, name in enumerate(sorted(names)):
            tail = slug if i == 0 else f"{slug}-{short_hash(name)}"
            out[(type_, name)] = f"{KGR_NS}{type_.lower()}/{tail}"
    return out


def document_iri(doc_id: str) -> str:
    """IRI of a document."""
    return f"{KGR_NS}doc/{doc_id}"


def mention_iri(doc_id: str, start: int, end: int) -> str:
    """IRI of a span of a document."""
    return f"{KGR_NS}mention/{doc_id}/{start}-{end}"
