"""Exports: every format holds the whole graph; JSON-LD is compacted with the project's context."""

from __future__ import annotations

import json

import rdflib

from kg.export import export
from kg.store import Store


def test_jsonld_uses_the_context_and_loads_back_into_the_same_quads(seed_store: Store) -> None:
    data = export(seed_store, "jsonld")
    assert data is not None
    document = json.loads(data)
    assert document["@context"]["kg"] == "https://w3id.org/statement-kg/ontology#"
    dataset = rdflib.Dataset()
    dataset.parse(data=data, format="json-ld")
    assert len(list(dataset.quads((None, None, None, None)))) == len(seed_store)


def test_trig_has_prefixes_and_every_named_graph(seed_store: Store) -> None:
    data = export(seed_store, "trig")
    assert data is not None
    text = data.decode("utf-8")
    assert "@prefix sem: <http://semanticweb.cs.vu.nl/2009/11/sem/>" in text
    dataset = rdflib.Dataset()
    dataset.parse(data=text, format="trig")
    assert len(list(dataset.quads((None, None, None, None)))) == len(seed_store)
    assert any(str(g.identifier).endswith("/assertion") for g in dataset.graphs())
