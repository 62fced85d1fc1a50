"""The embedded store: atomic replacement, idempotent re-ingest, revisions, locking."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from kg.errors import StoreError
from kg.mapping import content_hash, map_extraction
from kg.model import Document, Extraction
from kg.store import Store
from kg.vocab import OA, PROV, SCHEMA, document_iri


def _store_extraction(store: Store, ex: Extraction) -> tuple[int, int]:
    node = document_iri(ex.document.source)
    quads = map_extraction(ex, lambda key: None, store.stored_hashes().get(node.value))
    return store.replace_document(node, quads)


def test_storing_the_same_extraction_twice_changes_nothing(tmp_store: Store, sample_extraction: Extraction) -> None:
    removed, added = _store_extraction(tmp_store, sample_extraction)
    size = len(tmp_store)
    assert removed == 0 and added == size > 50
    assert _store_extraction(tmp_store, sample_extraction) == (0, 0)
    assert len(tmp_store) == size


def test_a_revised_document_replaces_its_graphs(tmp_store: Store, sample_extraction: Extraction) -> None:
    _store_extraction(tmp_store, sample_extraction)
    doc = sample_extraction.document
    revised_text = doc.text.replace("About 40 bodies", "About 41 bodies")
    revised = replace(
        sample_extraction,
        document=replace(doc, text=revised_text),
        statements=(replace(sample_extraction.statements[0], events=(), quantities=()),),
    )
    _store_extraction(tmp_store, revised)
    node = document_iri(doc.source)
    texts = [q.object.value for q in tmp_store.ox.quads_for_pattern(node, SCHEMA.text, None)]
    assert texts == [revised_text]
    exact = {q.object.value for q in tmp_store.ox.quads_for_pattern(None, OA.exact, None)}
    assert "About 40" not in exact and "mass grave was found" not in exact
    (revision,) = list(tmp_store.ox.quads_for_pattern(node, PROV.wasRevisionOf, None))
    assert content_hash(doc.text).split(":")[1][:16] in revision.object.value


def test_speaker_descriptions_go_with_their_last_document(tmp_store: Store, sample_extraction: Extraction) -> None:
    _store_extraction(tmp_store, sample_extraction)
    other = replace(
        sample_extraction,
        document=Document("Other text entirely.", "/corpus/other.md"),
        statements=(
            replace(sample_extraction.statements[0], dates=(), places=(), actors=(), events=(), quantities=()),
        ),
        published=None,
    )
    _store_extraction(tmp_store, other)
    names = {q.object.value for q in tmp_store.ox.quads_for_pattern(None, SCHEMA.name, None)}
    assert "Jane Roe" in names
    nobody = replace(other, statements=(replace(other.statements[0], speaker=None),))
    _store_extraction(tmp_store, nobody)
    names = {q.object.value for q in tmp_store.ox.quads_for_pattern(None, SCHEMA.name, None)}
    assert "Jane Roe" in names  # still the author of the first document
    first_without_speaker = replace(
        sample_extraction, statements=(replace(sample_extraction.statements[0], speaker=None),)
    )
    _store_extraction(tmp_store, first_without_speaker)
    names = {q.object.value for q in tmp_store.ox.quads_for_pattern(None, SCHEMA.name, None)}
    assert "Jane Roe" not in names and "Ministry of Justice" not in names


def test_a_second_handle_on_an_open_store_gets_a_clear_error(tmp_path: Path) -> None:
    first = Store(tmp_path / "store")
    with pytest.raises(StoreError, match="in use by another process"):
        Store(tmp_path / "store")
    assert len(first) == 0


def test_a_damaged_store_gets_a_one_line_error(tmp_path: Path) -> None:
    Store(tmp_path / "store").add_documents(b'<http://x/a> <http://x/p> "1" .\n')
    (tmp_path / "store" / "CURRENT").write_bytes(b"\x00garbage\n")
    with pytest.raises(StoreError, match="cannot open the store") as raised:
        Store(tmp_path / "store")
    assert "\n" not in str(raised.value)
