"""Incremental RDF (kg.rdf.writer): a build from the previous build's outputs equals a build from scratch.

Graphs are made from invented extractions so that each test controls
exactly what changes: documents added, changed, removed and renamed,
entities merged by a new alias, homophone IRIs shifting, figures moving
to another subject, and graphs that break the shapes.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pyoxigraph as ox
from conftest import SEEDS

from kg.graph import build_graph
from kg.pipeline.build import build_corpus
from kg.rdf.writer import STATE_DIR, load_previous, save_state, write_rdf
from kg.types import DocumentInfo, Entity, Extraction, Mention, Observation, Relation
from kg.validate import validate_store

FINGERPRINT = "test"


def doc(name: str, text: str, title: str | None = None) -> tuple[DocumentInfo, str]:
    import hashlib

    sha = hashlib.sha256(text.encode()).hexdigest()
    return DocumentInfo(sha[:16], name, sha, title, len(text)), text


def extraction(
    document: tuple[DocumentInfo, str], entities=(), relations=(), observations=()
) -> Extraction:
    """An extraction of ``document`` from ``(type, name, aliases, surface)`` entities,
    ``(head name, rel, tail name)`` relations and ``(subject name, value)`` observations.
    Every mention is the surface's first place in the text."""
    info, text = document
    types = {name: type_ for type_, name, _, _ in entities}

    def mention(surface: str) -> Mention:
        start = text.index(surface)
        return Mention(info.id, start, start + len(surface), surface, text)

    ents = tuple(Entity(f"{t}:{n}", t, n, tuple(a), (mention(s),)) for t, n, a, s in entities)
    rels = tuple(
        Relation(f"{types[h]}:{h}", rel, f"{types[t]}:{t}", (mention(t),))
        for h, rel, t in relations
    )
    obs = tuple(
        Observation(f"{types[s]}:{s}", "产值", Decimal(v), "元", 2025, mention(v))
        for s, v in observations
    )
    return Extraction(info, ents, rels, obs)


A = doc("a.txt", "成都市发展电子信息产业，产值100元。", "成都")
B = doc("b.txt", "绵阳发展电子信息，建设科技城，产值200元。")
C = doc("c.txt", "德阳市发展装备制造产业，与成都合作，产值300元。")


def corpus_one() -> list[Extraction]:
    return [
        extraction(
            A,
            [
                ("Place", "成都市", [], "成都市"),
                ("Industry", "电子信息产业", ["电子信息"], "电子信息产业"),
            ],
            [("成都市", "develops", "电子信息产业")],
            [("成都市", "100")],
        ),
        extraction(
            B,
            [
                ("Place", "绵阳", [], "绵阳"),
                ("Industry", "电子信息", [], "电子信息"),
                ("Platform", "科技城", [], "科技城"),
            ],
            [("绵阳", "develops", "电子信息"), ("绵阳", "builds", "科技城")],
            [("绵阳", "200")],
        ),
        extraction(
            C,
            [
                ("Place", "德阳市", [], "德阳市"),
                ("Place", "成都", [], "成都"),
                ("Industry", "装备制造产业", [], "装备制造产业"),
            ],
            [("德阳市", "develops", "装备制造产业"), ("德阳市", "cooperatesWith", "成都")],
            [("德阳市", "300")],
        ),
    ]


def write(G, folder: Path, previous=None):
    """write_rdf into ``folder`` and save its state (validated), as a build does."""
    folder.mkdir(parents=True)
    out = write_rdf(G, folder, previous)
    if out.incremental and previous.results is not None:
        report = validate_store(out.store, focus=out.focus, previous=out.previous_results)
    else:
        report = validate_store(out.store)
    save_state(folder, out, FINGERPRINT, list(report.results))
    out.store = None
    return out, report


def assert_same_as_scratch(
    extractions: list[Extraction], tmp_path: Path, before: list[Extraction]
) -> tuple:
    """Build ``before``, then ``extractions`` from it, and from scratch; compare every output."""
    first = tmp_path / "first"
    write(build_graph(before), first)
    previous = load_previous(first, FINGERPRINT)
    assert previous is not None
    G = build_graph(extractions)
    incremental, report = write(G, tmp_path / "incremental", previous)
    scratch, full_report = write(G, tmp_path / "scratch")
    assert incremental.incremental and not scratch.incremental
    assert (tmp_path / "incremental" / "graph.ttl").read_bytes() == (
        tmp_path / "scratch" / "graph.ttl"
    ).read_bytes()
    stores = [
        set(ox.Store.read_only(str(tmp_path / f / "store"))) for f in ("incremental", "scratch")
    ]
    assert stores[0] == stores[1]
    assert incremental.triples == scratch.triples == len(stores[1])
    assert report.results == full_report.results
    return incremental, report


def test_delta_unchanged_graph_reuses_every_block(tmp_path):
    out, _ = assert_same_as_scratch(corpus_one(), tmp_path, corpus_one())
    assert out.written_blocks == 0 and out.focus == set()


def test_delta_changed_document_rewrites_only_its_blocks_and_entity_headers(tmp_path):
    before = corpus_one()
    D = doc("b.txt", "绵阳发展电子信息，建设科技城，产值250元，发展航空产业。")
    after = [
        before[0],
        extraction(
            D,
            [
                ("Place", "绵阳", [], "绵阳"),
                ("Industry", "电子信息", [], "电子信息"),
                ("Platform", "科技城", [], "科技城"),
                ("Industry", "航空产业", [], "航空产业"),
            ],
            [("绵阳", "develops", "电子信息"), ("绵阳", "develops", "航空产业")],
            [("绵阳", "250")],
        ),
        before[2],
    ]
    out, _ = assert_same_as_scratch(after, tmp_path, before)
    assert 0 < out.written_blocks < out.reused_blocks
    assert not any(n.endswith(A[0].id) for n in out.focus)  # a.txt is not checked again


def test_delta_added_and_removed_documents(tmp_path):
    before = corpus_one()
    E = doc("e.txt", "广元市发展清洁能源产业，产值50元。")
    after = [
        before[0],
        before[2],
        extraction(
            E,
            [("Place", "广元市", [], "广元市"), ("Industry", "清洁能源产业", [], "清洁能源产业")],
            [("广元市", "develops", "清洁能源产业")],
            [("广元市", "50")],
        ),
    ]
    assert_same_as_scratch(after, tmp_path, before)


def test_delta_renamed_document_changes_only_its_own_block(tmp_path):
    before = corpus_one()
    info, text = B
    renamed = (DocumentInfo(info.id, "renamed.txt", info.sha256, info.title, info.length), text)
    after = [
        before[0],
        extraction(
            renamed,
            [
                ("Place", "绵阳", [], "绵阳"),
                ("Industry", "电子信息", [], "电子信息"),
                ("Platform", "科技城", [], "科技城"),
            ],
            [("绵阳", "develops", "电子信息"), ("绵阳", "builds", "科技城")],
            [("绵阳", "200")],
        ),
        before[2],
    ]
    out, _ = assert_same_as_scratch(after, tmp_path, before)
    assert out.written_blocks == 1


def test_delta_new_alias_merges_entities_of_unchanged_documents(tmp_path):
    # 成都市 (a.txt) and 成都 (c.txt) are two places until d.txt says they are one
    before = corpus_one()
    D = doc("d.txt", "成都市（简称成都）建设天府新区。")
    after = [
        *before,
        extraction(
            D,
            [("Place", "成都市", ["成都"], "成都市"), ("Place", "天府新区", [], "天府新区")],
            [("成都市", "builds", "天府新区")],
        ),
    ]
    out, _ = assert_same_as_scratch(after, tmp_path, before)
    assert out.reused_blocks > 0
    # and the merge undone when d.txt goes again
    assert_same_as_scratch(before, tmp_path / "undo", after)


def test_delta_homophone_takes_over_a_plain_iri(tmp_path):
    # 长安 has the slug changan; 常安, added later, sorts first and takes it (长安 gets changan-<hash>)
    P = doc("p.txt", "长安发展汽车产业。")
    Q = doc("q.txt", "常安发展。")
    before = [extraction(P, [("Place", "长安", [], "长安")])]
    after = [*before, extraction(Q, [("Place", "常安", [], "常安")])]
    assert_same_as_scratch(after, tmp_path, before)
    assert_same_as_scratch(before, tmp_path / "back", after)


def test_delta_validation_of_changed_nodes_matches_a_full_validation(tmp_path):
    before = corpus_one()
    G = build_graph(before)
    # break the graph where it changes: an industry that develops a place, a mention past its document's end
    G.add_edge(
        "Industry:电子信息",
        "Place:绵阳",
        key="develops",
        rel="develops",
        evidence=[Mention(B[0].id, 0, 2, "绵阳", B[1])],
    )
    m = G.nodes["Platform:科技城"]["mentions"][0]
    G.nodes["Platform:科技城"]["mentions"] = [Mention(m.doc_id, m.start, 999, m.text, m.sentence)]
    first = tmp_path / "first"
    write(build_graph(before), first)
    _incremental, report = write(G, tmp_path / "incremental", load_previous(first, FINGERPRINT))
    _scratch, full_report = write(G, tmp_path / "scratch")
    assert report.results == full_report.results and not report.conforms
    # and they stay reported when a later build changes something else
    E = doc("e.txt", "广元市发展清洁能源产业。")
    G2 = G.copy()
    G2.graph["documents"] = {**G.graph["documents"], E[0].id: E[0]}
    G2.add_node(
        "Place:广元市",
        type="Place",
        name="广元市",
        subclass=None,
        aliases=[],
        mention_count=1,
        documents=[E[0].id],
        mentions=[Mention(E[0].id, 0, 3, "广元市", E[1])],
    )
    again, report2 = write(
        G2, tmp_path / "again", load_previous(tmp_path / "incremental", FINGERPRINT)
    )
    _, full2 = write(G2, tmp_path / "again-scratch")
    assert again.incremental and report2.results == full2.results and report2.results


def test_delta_previous_outputs_not_trusted_are_rebuilt_whole(tmp_path):
    first = tmp_path / "first"
    write(build_graph(corpus_one()), first)
    assert load_previous(first, FINGERPRINT) is not None
    assert load_previous(first, "another pipeline") is None
    ttl = first / "graph.ttl"
    ttl.write_bytes(ttl.read_bytes() + b"\n")  # edited by hand
    assert load_previous(first, FINGERPRINT) is None
    write(build_graph(corpus_one()), tmp_path / "second")
    (tmp_path / "second" / STATE_DIR / "blocks.npz").write_bytes(b"not an index")
    assert load_previous(tmp_path / "second", FINGERPRINT) is None


def test_delta_build_of_seeds_after_an_edit_equals_a_fresh_build(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for p in sorted(SEEDS.glob("*.txt"), key=lambda p: p.stat().st_size)[:3]:
        (corpus / p.name).write_bytes(p.read_bytes())
    out = tmp_path / "out"
    first = build_corpus([corpus], out, jobs=1)
    edited = sorted(corpus.glob("*.txt"))[0]
    with edited.open("a", encoding="utf-8") as fh:
        fh.write("\n绵阳市将加快建设科技城，重点发展电子信息产业，2025年产值达到500亿元。\n")
    again = build_corpus([corpus], out, jobs=1)
    assert first.rdf_reused is None and again.rdf_reused > 0
    fresh = build_corpus([corpus], tmp_path / "fresh", jobs=1, use_cache=False)
    assert fresh.rdf_reused is None
    assert (out / "graph.ttl").read_bytes() == (tmp_path / "fresh" / "graph.ttl").read_bytes()
    assert again.triples == fresh.triples != first.triples
    assert again.violations == fresh.violations == 0
    assert again.timings["rdf"] > 0 and (out / STATE_DIR / "state.json").is_file()
    stores = [set(ox.Store.read_only(str(f / "store"))) for f in (out, tmp_path / "fresh")]
    assert stores[0] == stores[1]
