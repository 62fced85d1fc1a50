"""Files in, store updated: read -> extract -> map -> validate -> store, one document at a time.

A document whose text hash and extractor version match the stored ones is skipped before any
extraction. Extraction may run in worker processes (``jobs``); the store is written by this process
only: new documents are bulk-loaded a batch at a time (one atomic write of whole documents), revised
ones replaced in one transaction each, so an interrupted run leaves whole documents and the next run
picks up where it stopped.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import suppress
from dataclasses import dataclass, field
from pathlib import Path

from pyoxigraph import NamedNode, RdfFormat, parse

from kg.errors import InputError, KgError
from kg.fastcheck import check_document
from kg.gazetteer import Gazetteer
from kg.links import LinkIndex
from kg.mapping import content_hash
from kg.mapping.builder import Row, nquads
from kg.mapping.links import map_links
from kg.model import Document
from kg.parallel import Counts, Job, Mapped, fewer_collections, run_jobs
from kg.pipeline import EXTRACTOR
from kg.read import iter_paths, read_path
from kg.references import References, entry_lookup
from kg.store import BULK_LIMIT, Store
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
    #: the document was not in the store before (added, or invalid but added)
    new: bool = False

    def line(self) -> str:
        """One line for the user.

        >>> Outcome("a.md", "rejected", "the file is empty").line()
        'rejected  a.md: the file is empty'
        """
        if self.status == "rejected":
            return f"rejected  {self.source}: {self.detail}"
        if self.status == "unchanged":
            return f"unchanged {self.source}: already stored, same text"
        counts = f"{self.statements} statement(s), {self.events} events, {self.places} places, {self.actors} actors"
        flags = f" [{'; '.join(self.flags)}]" if self.flags else ""
        detail = f" ({self.detail})" if self.detail else ""
        return f"{self.status:9} {self.source}: {counts}{detail}{flags}"


@dataclass
class Report:
    """The outcomes of one ingest run."""

    outcomes: list[Outcome] = field(default_factory=list)
    #: CPU time spent checking documents against the shapes, summed over the workers
    check_seconds: float = 0.0

    @property
    def rejected(self) -> list[Outcome]:
        """Files that could not be read or stored."""
        return [o for o in self.outcomes if o.status == "rejected"]

    @property
    def invalid(self) -> list[Outcome]:
        """Documents stored, but whose graphs do not conform to the shapes."""
        return [o for o in self.outcomes if o.status == "invalid"]

    @property
    def added(self) -> list[Outcome]:
        """Documents that were not in the store before (valid or not)."""
        return [o for o in self.outcomes if o.new]

    def lines(self) -> list[str]:
        """A line per document."""
        return [o.line() for o in self.outcomes]


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


#: documents per write: new documents are bulk-loaded this many at a time (and at most ``BULK_LIMIT`` quads),
#: in one atomic write each. Every load leaves files that RocksDB compacts with the others in the background:
#: ingesting 10,000 generated statements, compaction took 3.6 ms of CPU per document with 500 per load,
#: 2.3 ms with 1,000, 0.6 ms with 2,000. The price is memory: a batch being gathered and one being written are
#: held at once (peak RSS at 100,000 statements: 0.85 GB with 500, 1.6 GB with 2,000). An interruption loses at
#: most one batch; the next run redoes it.
BATCH = 2000


#: quads a load must hold at least for the last write to be split: each load leaves files for RocksDB to compact
SPLIT_MIN = 50_000


def split(parts: list[bytes], sizes: list[int], ways: int) -> list[bytes]:
    """The documents' N-Quads (``parts``, of ``sizes`` lines) joined into at most ``ways`` pieces of about equal
    size, in order, each made of whole documents.

    >>> split([b"a\\n", b"b\\nc\\n", b"d\\n", b"e\\n"], [1, 2, 1, 1], 2)
    [b'a\\nb\\nc\\n', b'd\\ne\\n']
    >>> split([b"a\\n"], [1], 0)
    [b'a\\n']
    """
    ways = max(1, min(ways, len(parts)))
    share, start, lines = sum(sizes) / ways, 0, 0
    pieces: list[bytes] = []
    for index, size in enumerate(sizes):
        lines += size
        if lines >= share * (len(pieces) + 1) and len(pieces) < ways - 1:
            pieces.append(b"".join(parts[start : index + 1]))
            start = index + 1
    pieces.append(b"".join(parts[start:]))
    return pieces


def _cores() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


class Writer:
    """Writes whole documents: new ones gathered and bulk-loaded together, revised ones replaced one by one.

    A batch is bulk-loaded in a background thread (Oxigraph releases the GIL), so that the workers' results
    keep being collected meanwhile; at most one batch is in flight until :meth:`close`, which writes the last
    one in parallel loads and waits for them all.

    >>> writer = Writer(Store(None), batch=2)
    >>> writer.put(NamedNode("http://x/doc/a"), b"", [], new=True)
    >>> writer.pending
    1
    >>> writer.close()
    """

    def __init__(self, store: Store, batch: int = BATCH) -> None:
        self.store = store
        self.batch = batch
        self._parts: list[bytes] = []
        self._sizes: list[int] = []
        self._lines = 0
        self._documents: set[NamedNode] = set()
        self._thread = ThreadPoolExecutor(1, thread_name_prefix="kg-writer")
        self._in_flight: Future[None] | None = None

    @property
    def pending(self) -> int:
        """How many documents wait for the next write."""
        return len(self._documents)

    def put(self, doc: NamedNode, own: bytes, extra: list[Row], new: bool) -> None:
        """Store a document's N-Quads and ``extra`` quads (links, references); new documents wait for their batch."""
        more = nquads(extra)
        if not new or doc in self._documents:
            self.flush()
            self._wait()
            self.store.replace_document(doc, parse(own + more, format=RdfFormat.N_QUADS))
            return
        # N-Quads is one quad per line: the line count keeps a batch within one atomic bulk load.
        lines = own.count(b"\n") + more.count(b"\n")
        # A full batch is written when the next document comes: the last one is written by close(), in parallel.
        if self._lines + lines >= BULK_LIMIT or len(self._documents) >= self.batch:
            self.flush()
        self._parts.append(own + more)
        self._sizes.append(lines)
        self._lines += lines
        self._documents.add(doc)

    def flush(self) -> None:
        """Start writing the pending documents in one atomic write, once the previous write has finished."""
        if self._documents:
            self._wait()
            self._in_flight = self._thread.submit(self.store.add_documents, b"".join(self._parts))
            self._clear()

    def close(self, write: bool = True) -> None:
        """Write what is pending (unless not ``write``) and wait until it is stored; a failed write raises here.

        The last write has no extraction left to run beside it: its documents are split over the cores and
        written in parallel loads (each atomic, of whole documents), beside the write still in flight, whose
        documents are others: a document met again waits for its first version to be stored (:meth:`put`).
        """
        try:
            if write and self._documents:
                pieces = split(self._parts, self._sizes, min(_cores(), self._lines // SPLIT_MIN))
                self._clear()
                with ThreadPoolExecutor(len(pieces), thread_name_prefix="kg-writer-last") as pool:
                    writes = [pool.submit(self.store.add_documents, piece) for piece in pieces]
                    self._wait()
                    for written in writes:
                        written.result()
            self._wait()
        finally:
            self._thread.shutdown(wait=True)

    def _clear(self) -> None:
        self._parts, self._sizes, self._lines, self._documents = [], [], 0, set()

    def _wait(self) -> None:
        if self._in_flight is not None:
            in_flight, self._in_flight = self._in_flight, None
            in_flight.result()


def ingest(
    paths: Iterable[Path],
    store: Store,
    gazetteer: Gazetteer | None = None,
    check: bool = True,
    force: bool = False,
    progress: Callable[[str], None] | None = None,
    jobs: int = 1,
    link: bool = True,
    batch: int = BATCH,
) -> Report:
    """Add or replace the documents under ``paths`` in ``store``; each document is atomic.

    ``jobs`` > 1 extracts in that many worker processes; the results are the same as with one.
    With ``check``, each document is checked against the shapes as it is extracted
    (:func:`kg.fastcheck.check_document`) and stored either way, as invalid when it fails.
    ``link=False`` leaves out candidate links to stored events. New documents are written ``batch``
    at a time, so an interruption loses at most the last batch, which the next run picks up.
    """
    report = Report()
    refs = References(entry_lookup(gazetteer or Gazetteer.load()))
    index = LinkIndex(store) if link else None
    writer = Writer(store, batch)
    stored = Stored(store)
    pending = (_job(doc, stored, force, check) for doc in documents(paths, report))
    try:
        with fewer_collections():
            for job, mapped in run_jobs(pending, jobs, gazetteer):
                if progress:
                    progress(job.document.source)
                report.outcomes.append(_store(job, mapped, writer, refs, index))
                report.check_seconds += mapped.check_seconds if mapped else 0.0
    except BaseException:
        # Interrupted: the batch in flight completes (it is atomic), the one being gathered is dropped.
        # The interruption is what the user must see, even if that last write failed too.
        with suppress(KgError):
            writer.close(write=False)
        raise
    writer.close()
    return report


class Stored:
    """What the store holds for each document: its content hash, and whether this extractor version made it.

    Read in two index scans when the run begins (see :meth:`Store.stored_hashes`), then kept in step with the
    versions the run itself stores, so that a document met twice is compared with the version met first (and
    is a revision the second time).

    >>> stored = Stored(Store(None))
    >>> stored.see(NamedNode("http://x/doc/a"), "5e1f"), stored.see(NamedNode("http://x/doc/a"), "5e1f")
    ((None, False), ('5e1f', True))
    """

    def __init__(self, store: Store) -> None:
        self._hashes = store.stored_hashes()
        made = store.ox.quads_for_pattern(None, PROV.wasGeneratedBy, NamedNode(EXTRACTOR_NS + EXTRACTOR), None)
        # A document's first statement stands for the document: only /s0 is ever asked for.
        firsts = (q.subject.value for q in made if isinstance(q.subject, NamedNode))
        self._current = {iri for iri in firsts if iri.endswith("/s0")}

    def see(self, doc: NamedNode, text_hash: str) -> tuple[str | None, bool]:
        """The hash of the version of ``doc`` stored before this one (None when it is new), and whether this one is
        unchanged (same text, same extractor); this version is then the one stored."""
        previous = self._hashes.get(doc.value)
        unchanged = previous == text_hash and f"{doc.value}/s0" in self._current
        self._hashes[doc.value] = text_hash
        self._current.add(f"{doc.value}/s0")
        return previous, unchanged


def _job(doc: Document, stored: Stored, force: bool, check: bool = True) -> Job:
    """Compare the text's hash with the stored one first: unchanged documents need no extraction."""
    previous, unchanged = stored.see(document_iri(doc.source), content_hash(doc.text))
    return Job(doc, previous, skip=unchanged and not force, check=check)


def _store(job: Job, mapped: Mapped | None, writer: Writer, refs: References, index: LinkIndex | None) -> Outcome:
    source = job.document.source
    if mapped is None:
        return Outcome(source, "unchanged")
    if mapped.error is not None or mapped.counts is None:
        return Outcome(source, "rejected", mapped.error or "extraction failed")
    node = document_iri(source)
    extra = refs.unwritten(mapped.keys)
    problems = list(mapped.problems)
    if index is not None:
        links = map_links(index.candidates(node.value, mapped.events))
        index.replace(node.value, mapped.events)
        # The workers checked the document; the links to other documents are checked here, where they are made.
        problems += check_document(links) if job.check else []
        extra += links
    new = job.previous_hash is None
    writer.put(node, mapped.nquads, extra, new=new)
    status = "invalid" if problems else ("added" if new else "replaced")
    return _outcome(source, mapped.counts, status, "; ".join(problems[:3]), new)


def _outcome(source: str, counts: Counts, status: str, detail: str, new: bool) -> Outcome:
    return Outcome(
        source,
        status,
        detail,
        statements=counts.statements,
        events=counts.events,
        places=counts.places,
        actors=counts.actors,
        flags=counts.flags,
        new=new,
    )
