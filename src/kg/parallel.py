"""Extraction in a pool of processes (``--jobs N``); only the parent process writes the store.

Extracting and mapping a document is pure Python and CPU-bound, so threads would not help. Workers get
jobs (:class:`Job`: a document and the content hash already stored), :data:`CHUNK` per call, extract and map
each, and send back N-Quads bytes, which the parent parses in Rust far faster than it would unpickle Python
objects. Results come back in input order through a bounded window of pending jobs, so memory stays flat
on big corpora.
Workers are started with ``spawn``: forking a process that holds an open RocksDB store is not safe.
"""

from __future__ import annotations

import gc
import multiprocessing
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cache

from kg.errors import KgError
from kg.fastcheck import check_document
from kg.gazetteer import Gazetteer
from kg.links import EventFacts, events_in
from kg.mapping import map_statements, referenced_keys
from kg.mapping.builder import nquads
from kg.model import Document, Extraction
from kg.pipeline import extract
from kg.references import References, entry_lookup


@dataclass(frozen=True)
class Job:
    """One document to extract, or to pass through untouched when ``skip`` (unchanged since last time)."""

    document: Document
    previous_hash: str | None
    skip: bool = False
    check: bool = True


@dataclass(frozen=True)
class Counts:
    """What the extraction found, for the user's report line."""

    statements: int
    events: int
    places: int
    actors: int
    flags: tuple[str, ...]


@dataclass(frozen=True)
class Mapped:
    """A worker's answer: the document's own quads as N-Quads, or why it was rejected.

    With them: the gazetteer keys it mentions (their shared reference quads are written by the parent,
    once per entry), the shape violations of the document read with those references, its dated event
    mentions for the candidate-link search, and the CPU seconds the shape check took.

    >>> Mapped(b"", None, "the file is empty").error
    'the file is empty'
    """

    nquads: bytes
    counts: Counts | None
    error: str | None
    keys: tuple[str, ...] = ()
    problems: tuple[str, ...] = ()
    events: tuple[EventFacts, ...] = ()
    check_seconds: float = 0.0


_gazetteer: Gazetteer | None = None
#: documents handed to a worker in one call: a hand-over (pickling, a pipe write, a future) per call instead of per
#: document saves ~0.4 ms of CPU per document (measured with a stand-in task of the same sizes: 0.47 -> 0.09 ms)
CHUNK = 8
#: allocations between two collections of young objects (Python's default is 700)
YOUNG = 5000


@contextmanager
def fewer_collections() -> Iterator[None]:
    """While inside, the garbage collector leaves alone what is loaded already and runs less often.

    Extracting a document allocates tens of thousands of objects, so the collector runs every few
    hundred allocations, and every full run walked the whole gazetteer again: ~1 ms of CPU per document
    (measured), 0.2 ms with this.

    >>> with fewer_collections():
    ...     gc.get_threshold()[0] == YOUNG
    True
    """
    before = gc.get_threshold()
    froze = _collect_less()
    try:
        yield
    finally:
        gc.set_threshold(*before)
        if froze:
            gc.unfreeze()


def _collect_less() -> bool:
    """Freeze what is loaded and collect young objects every :data:`YOUNG` allocations; whether it froze.

    A caller that froze objects of its own keeps them frozen: only a freeze made here is to be undone.
    """
    froze = gc.get_freeze_count() == 0
    if froze:
        gc.freeze()
    gc.set_threshold(YOUNG, *gc.get_threshold()[1:])
    return froze


def _start_worker(gazetteer: Gazetteer | None) -> None:
    global _gazetteer  # one gazetteer per worker process, loaded once
    _gazetteer = gazetteer or Gazetteer.load()
    _collect_less()  # for the worker's whole life: it only ever extracts


@cache
def _references(gazetteer: Gazetteer) -> References:
    return References(entry_lookup(gazetteer))


def work(job: Job, gazetteer: Gazetteer | None = None) -> Mapped:
    """Extract, map and check one document (in a worker, or in-process with ``gazetteer``)."""
    gazetteer = gazetteer or _gazetteer or Gazetteer.load()
    try:
        ex = extract(job.document, gazetteer)
        rows = map_statements(ex, job.previous_hash)
        keys = tuple(referenced_keys(ex))
        start = time.thread_time()  # CPU time: a worker waiting for a core is not checking
        # The shapes read a document together with the gazetteer description of what it mentions.
        problems = tuple(check_document(rows + _references(gazetteer).rows(keys))) if job.check else ()
        seconds = time.thread_time() - start
        written = nquads(rows)
    except KgError as error:
        return Mapped(b"", None, str(error))
    except Exception as error:  # an extractor bug on one text must not cost the user the rest of the batch
        return Mapped(b"", None, f"extraction failed ({type(error).__name__}: {error}); please report this file")
    return Mapped(written, counts(ex), None, keys, problems, tuple(events_in(rows)), seconds)


def counts(ex: Extraction) -> Counts:
    """Statements, events, distinct places and actors, and flags of one extraction."""
    return Counts(
        statements=len(ex.statements),
        events=sum(len(s.events) for s in ex.statements),
        places=len({m.key for s in ex.statements for m in s.places}),
        actors=len({m.key for s in ex.statements for m in s.actors}),
        flags=ex.flags + ex.notes,
    )


def run_jobs(
    jobs: Iterable[Job], processes: int, gazetteer: Gazetteer | None = None, window: int = 16
) -> Iterator[tuple[Job, Mapped | None]]:
    """Each job with its result (None for skipped jobs), in input order.

    With ``processes`` <= 1 everything runs in this process.

    >>> [mapped for _, mapped in run_jobs([Job(Document("x", "a.md"), None, skip=True)], 1)]
    [None]
    """
    if processes <= 1:
        local = gazetteer or Gazetteer.load()
        for job in jobs:
            yield job, None if job.skip else work(job, local)
        return
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(processes, mp_context=context, initializer=_start_worker, initargs=(gazetteer,)) as pool:
        try:
            yield from _ordered(jobs, pool.submit, window * processes)
        except BaseException:
            pool.shutdown(wait=False, cancel_futures=True)
            raise


def work_all(jobs: Sequence[Job]) -> list[Mapped]:
    """:func:`work` for several jobs in one call to a worker."""
    return [work(job) for job in jobs]


def _ordered(
    jobs: Iterable[Job], submit: Callable[..., Future[list[Mapped]]], window: int, chunk: int = CHUNK
) -> Iterator[tuple[Job, Mapped | None]]:
    """Jobs handed to the workers ``chunk`` at a time, results in input order, at most about ``window`` waiting."""
    pending: deque[tuple[list[Job], Future[list[Mapped]] | None]] = deque()
    gathering: list[Job] = []
    waiting = 0

    def hand_over() -> None:
        nonlocal gathering, waiting
        if gathering:
            pending.append((gathering, submit(work_all, gathering)))
            waiting += len(gathering)
            gathering = []

    for job in jobs:
        if job.skip:
            hand_over()  # a skipped job keeps its place after the jobs read before it
            pending.append(([job], None))
        else:
            gathering.append(job)
            if len(gathering) >= chunk:
                hand_over()
        while pending and (waiting > window or pending[0][1] is None):
            done, future = pending.popleft()
            waiting -= len(done) if future is not None else 0
            yield from _results(done, future)
    hand_over()
    while pending:
        yield from _results(*pending.popleft())


def _results(jobs: list[Job], future: Future[list[Mapped]] | None) -> Iterator[tuple[Job, Mapped | None]]:
    if future is None:
        yield from ((job, None) for job in jobs)
    else:
        yield from zip(jobs, future.result(), strict=True)
