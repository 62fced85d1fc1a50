"""Files in, store updated: read -> extract -> map -> validate -> store, one document at a time."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from pyoxigraph import NamedNode, Quad

from kg.errors import InputError, KgError
from kg.gazetteer import Gazetteer
from kg.mapping import content_hash, map_extraction
from kg.model import Document, Extraction
from kg.pipeline import EXTRACTOR, extract
from kg.read import iter_paths, read_path
from kg.store import Store
from kg.vocab import EXTRACTOR as EXTRACTOR_NS
from kg.vocab import PROV, document_iri


@dataclass(frozen=True)
class Outcome:
    """What happened to one document (or one unreadable file)."""

    source: str
    status: str  # added | replaced | unchanged | rejected | invalid
    detail: str = ""
    statements: int = 0
    events: int = 0
    places: int = 0
    actors: int = 0
    flags: tuple[str, ...] = ()

    def line(self) -> str:
        """One line for the user.

        >>> Outcome("a.md", "rejected", "the file is empty").line()
        'rejected  a.md: the file is empty'
        """
        if self.status == "rejected":
            return f"rejected  {self.source}: {self.detail}"
        counts = f"{self.statements} statement(s), {self.events} events, {self.places} places, {self.actors} actors"
        flags = f" [{'; '.join(self.flags)}]" if self.flags else ""
        detail = f" ({self.detail})" if self.detail else ""
        return f"{self.status:9} {self.source}: {counts}{detail}{flags}"


@dataclass
class Report:
    """The outcomes of one ingest run."""

    outcomes: list[Outcome] = field(default_factory=list)

    @property
    def rejected(self) -> list[Outcome]:
        """Files that could not be read or stored."""
        return [o for o in self.outcomes if o.status == "rejected"]

    @property
    def invalid(self) -> list[Outcome]:
        """Documents stored, but whose graphs do not conform to the shapes."""
        return [o for o in self.outcomes if o.status == "invalid"]

    def lines(self) -> list[str]:
        """A line per document."""
        return [o.line() for o in self.outcomes]


Validator = Callable[[Store, list[Quad]], list[str]]


def documents(paths: Iterable[Path], report: Report) -> Iterator[Document]:
    """Read every supported file under ``paths``; unreadable ones are recorded as rejected."""
    for path in paths:
        try:
            files = list(iter_paths([path]))
        except InputError as error:
            report.outcomes.append(Outcome(error.path, "rejected", error.problem))
            continue
        for file in files:
            try:
                yield from read_path(file)
            except InputError as error:
                report.outcomes.append(Outcome(error.path, "rejected", error.problem))


def ingest(paths: Iterable[Path], store: Store, gazetteer: Gazetteer | None = None,
           validator: Validator | None = None, force: bool = False,
           progress: Callable[[str], None] | None = None) -> Report:
    """Add or replace the documents under ``paths`` in ``store``; each document is atomic."""
    gazetteer = gazetteer or Gazetteer.load()
    report = Report()
    for doc in documents(paths, report):
        if progress:
            progress(doc.source)
        report.outcomes.append(ingest_document(doc, store, gazetteer, validator, force))
    return report


def ingest_document(doc: Document, store: Store, gazetteer: Gazetteer,
                    validator: Validator | None = None, force: bool = False) -> Outcome:
    """Extract, map, validate and store one document; unchanged documents are skipped."""
    node = document_iri(doc.source)
    previous = store.stored_hash(node)
    if previous == content_hash(doc.text) and not force and _extracted_by_this_version(store, node):
        return Outcome(doc.source, "unchanged")
    try:
        ex = extract(doc, gazetteer)
        quads = map_extraction(ex, _entry_lookup(gazetteer), previous)
    except KgError as error:
        return Outcome(doc.source, "rejected", str(error))
    problems = validator(store, quads) if validator else []
    store.replace_document(node, quads)
    status = "invalid" if problems else ("replaced" if previous else "added")
    return _outcome(ex, status, "; ".join(problems[:3]))


def _extracted_by_this_version(store: Store, doc: NamedNode) -> bool:
    statement = NamedNode(doc.value + "/s0")
    expected = NamedNode(EXTRACTOR_NS + EXTRACTOR)
    pubinfo = NamedNode(statement.value + "/pubinfo")
    return any(True for _ in store.ox.quads_for_pattern(statement, PROV.wasGeneratedBy, expected, pubinfo))


def _entry_lookup(gazetteer: Gazetteer) -> Callable[[str], object]:
    def lookup(key: str) -> object:
        try:
            return gazetteer.entry(key)
        except KeyError:
            return None

    return lookup


def _outcome(ex: Extraction, status: str, detail: str) -> Outcome:
    return Outcome(
        ex.document.source, status, detail,
        statements=len(ex.statements),
        events=sum(len(s.events) for s in ex.statements),
        places=len({m.key for s in ex.statements for m in s.places}),
        actors=len({m.key for s in ex.statements for m in s.actors}),
        flags=ex.flags + ex.notes,
    )
