"""Extraction -> RDF quads in the nanopublication pattern: the one place that makes triples.

- default graph: bibliographic facts only (:mod:`kg.mapping.bibliographic`);
- per statement: head, assertion (:mod:`kg.mapping.assertion`), provenance and publication info;
- the reference graph: the shared entities the statement mentions (:mod:`kg.mapping.reference`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

from pyoxigraph import Quad

from kg.mapping.assertion import AssertionMapper
from kg.mapping.bibliographic import content_hash, map_document, map_frame, statement_iri
from kg.mapping.builder import Quads, Row, to_quads
from kg.mapping.reference import map_entry
from kg.model import Extraction
from kg.vocab import qualified

__all__ = ["content_hash", "map_extraction", "map_references", "map_statements", "referenced_keys"]

if TYPE_CHECKING:
    from kg.gazetteer import Entry


def map_extraction(
    ex: Extraction, entry_for: Callable[[str], Entry | None], previous_hash: str | None = None
) -> list[Quad]:
    """All quads for one document: bibliographic, per-statement graphs, referenced entities, as pyoxigraph quads.

    ``entry_for`` looks a gazetteer key up (None for unresolved keys); ``previous_hash`` is the
    content hash of the version already stored, recorded as the revision this one replaces.
    """
    return to_quads(map_statements(ex, previous_hash) + map_references(referenced_keys(ex), entry_for))


def map_statements(ex: Extraction, previous_hash: str | None = None) -> list[Row]:
    """The document's own quads: the default-graph description and its statements' graphs.

    The gazetteer entries they mention are shared by many documents; a bulk ingest maps each of
    them once (:func:`map_references`) instead of once per document.
    """
    q = Quads()
    doc = map_document(q, ex, previous_hash)
    for statement in ex.statements:
        graphs = map_frame(q, ex, doc, statement)
        mapper = AssertionMapper(
            q, doc, ex.document.text, statement_iri(doc, statement.index), graphs["assertion"], ex.language
        )
        mapper.map(statement)
    return q.rows


def referenced_keys(ex: Extraction) -> list[str]:
    """The gazetteer keys a document mentions: places, actors, named events, organisations, publisher.

    >>> from kg.model import Document
    >>> referenced_keys(Extraction(Document("x", "a.md"), "en", None, None, (), "test"))
    []
    """
    keys: set[str] = set()
    for statement in ex.statements:
        keys.update(m.key for m in (*statement.places, *statement.actors))
        for event in statement.events:
            keys.update(r.actor.key for r in event.roles)
            keys.update(k for k in (event.named_event, event.place.key if event.place else None) if k)
        if statement.speaker and statement.speaker.organization_key:
            keys.add(statement.speaker.organization_key)
    if ex.publisher is not None:
        keys.add(ex.publisher.key)
    return sorted(keys)


def map_references(keys: Iterable[str], entry_for: Callable[[str], Entry | None]) -> list[Row]:
    """The reference-graph description of each key's gazetteer entry and of the places that contain it.

    >>> map_references(["place:nowhere"], lambda key: None)
    []
    """
    q = Quads()
    for key in keys:
        _map_with_parents(q, key, entry_for)
    return q.rows


def _map_with_parents(q: Quads, key: str, entry_for: Callable[[str], Entry | None]) -> None:
    seen: set[str] = set()
    current: str | None = key
    while current and current not in seen:
        seen.add(current)
        entry = entry_for(current)
        if entry is None:
            return
        map_entry(q, entry)
        parent = entry.parent or entry.place
        current = qualified("place", parent) if parent else None
