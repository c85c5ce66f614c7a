"""kg.rdf.ids: slugs and IRIs depend on the name alone, are valid IRIs, and never collide."""

from __future__ import annotations

import re

import pyoxigraph as ox
from hypothesis import given, settings
from hypothesis import strategies as st

from kg.rdf.ids import document_iri, entity_iris, mention_iri, short_hash, slugify
from kg.vocab import KGR_NS

SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
names = st.text(
    alphabet=st.sampled_from("产业科技创新中心成都绵阳重庆汽车电子信息ABCxyz0123（）·+-《》 "),
    min_size=1,
    max_size=12,
)


@settings(max_examples=60, deadline=None)
@given(names)
def test_ids_slug_is_lower_ascii_words_joined_by_hyphens(name):
    slug = slugify(name)
    assert SLUG.match(slug) and len(slug) <= 80


@settings(max_examples=40, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["Place", "Industry"]), names), max_size=8))
def test_ids_entity_iris_are_distinct_and_independent_of_order(pairs):
    iris = entity_iris(pairs)
    assert len(set(iris.values())) == len(set(pairs))
    assert entity_iris(list(reversed(pairs))) == iris
    for iri in iris.values():
        ox.NamedNode(iri)  # a valid IRI, or this raises


def test_ids_homophones_get_a_hash_of_their_name_and_the_smallest_keeps_the_plain_slug():
    iris = entity_iris([("Industry", "攻势"), ("Industry", "公式"), ("Place", "公式")])
    assert iris[("Industry", "公式")] == f"{KGR_NS}industry/gongshi"
    assert iris[("Industry", "攻势")] == f"{KGR_NS}industry/gongshi-{short_hash('攻势')}"
    assert iris[("Place", "公式")] == f"{KGR_NS}place/gongshi"  # types do not collide


def test_ids_slug_cache_is_used_and_extended():
    slugs = {"成都": "given-slug"}
    iris = entity_iris([("Place", "成都"), ("Place", "绵阳")], slugs)
    assert iris[("Place", "成都")] == f"{KGR_NS}place/given-slug"
    assert slugs["绵阳"] == "mianyang"


def test_ids_width_forms_and_empty_slugs():
    assert slugify("ＡＢＣ１２３") == "abc123"
    assert slugify("!!!") == "x"


def test_ids_document_and_mention_iris():
    assert document_iri("abc") == f"{KGR_NS}doc/abc"
    assert mention_iri("abc", 3, 7) == f"{KGR_NS}mention/abc/3-7"
