"""`kg curate`: the suggestions a reviewer sees first, on a small hand-written graph."""

from __future__ import annotations

from conftest import run_kg

from kg.analysis.review import format_suggestions, review_build

TTL = """
@prefix kg: <https://w3id.org/xinzhi-kg/ontology#> .
@prefix kgr: <https://w3id.org/xinzhi-kg/id/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .

kgr:org-huawei a kg:Organization ; rdfs:label "华为"@zh ; kg:mentionCount 3 .
kgr:org-huawei-gongsi a kg:Organization ; rdfs:label "华为公司"@zh ; kg:mentionCount 1 ;
    kg:develops kgr:industry-tongxin .
kgr:industry-tongxin a kg:Industry ; rdfs:label "通信"@zh ; kg:mentionCount 2 .
kgr:place-a a kg:Place ; rdfs:label "甲市"@zh ; skos:altLabel "甲"@zh ; kg:mentionCount 2 ;
    kg:builds kgr:platform-b .
kgr:platform-b a kg:Platform ; rdfs:label "乙中心"@zh ; kg:mentionCount 2 .
kgr:industry-lonely a kg:Industry ; rdfs:label "碎片词"@zh ; kg:mentionCount 1 .

kgr:assertion-1 kg:assertedSubject kgr:place-a ; kg:assertedPredicate kg:builds ;
    kg:assertedObject kgr:platform-b ; kg:evidence kgr:mention-1 .
kgr:mention-1 kg:sentence "该市还建成了一批平台。"@zh .
kgr:assertion-2 kg:assertedSubject kgr:org-huawei-gongsi ; kg:assertedPredicate kg:develops ;
    kg:assertedObject kgr:industry-tongxin ; kg:evidence kgr:mention-2 .
kgr:mention-2 kg:sentence "华为公司深耕通信。"@zh .
"""


def test_review_suggests_suffix_merges_unnamed_evidence_and_lonely_entities(tmp_path):
    graph = tmp_path / "graph.ttl"
    graph.write_text(TTL, encoding="utf-8")
    lines = [(s.kind, s.line) for s in review_build(graph)]
    assert lines == [
        ("suffix", "merge\tOrganization:华为\t华为公司"),
        ("evidence", "reject-relation\tPlace:甲市\tbuilds\tPlatform:乙中心"),
        ("lonely", "reject-entity\tIndustry:碎片词"),
    ]
    text = format_suggestions(review_build(graph))
    assert text.splitlines()[0].startswith("# Names that differ only by a suffix")
    assert "merge\tOrganization:华为\t华为公司\t华为 and 华为公司 differ only by 公司" in text


def test_review_cli_prints_curation_lines(tmp_path):
    graph = tmp_path / "graph.ttl"
    graph.write_text(TTL, encoding="utf-8")
    proc = run_kg("curate", str(graph))
    assert proc.returncode == 0, proc.stderr
    assert "reject-entity\tIndustry:碎片词\tone mention and no relation" in proc.stdout
