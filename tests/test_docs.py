"""The documentation inside the repository matches the code and needs nothing outside it."""

from __future__ import annotations

import re
from pathlib import Path

import rdflib
from rdflib import RDF

from kg.resources import ontology_path
from kg.vocab import KG_NS

ROOT = Path(__file__).resolve().parent.parent


def test_docs_ontology_page_names_every_term_of_the_ontology():
    g = rdflib.Graph().parse(ontology_path(), format="turtle")
    terms = {str(s)[len(KG_NS) :] for s in g.subjects(RDF.type, None) if str(s).startswith(KG_NS)}
    page = (ROOT / "docs" / "ontology.md").read_text(encoding="utf-8")
    assert sorted(t for t in terms if f"kg:{t}`" not in page) == []


def test_docs_link_nothing_outside_the_repository():
    links = re.compile(r"\]\(([^)#]+)")
    for doc in [ROOT / "README.md", *(ROOT / "docs").glob("*.md")]:
        for target in links.findall(doc.read_text(encoding="utf-8")):
            if "://" in target:
                continue
            assert (doc.parent / target).resolve().is_relative_to(ROOT), f"{doc.name} → {target}"
            assert (doc.parent / target).exists(), f"{doc.name} links a missing {target}"
