"""Bulk ingest: worker processes, skip by content hash, whole documents after Ctrl-C, one writer per store."""

from __future__ import annotations

import gc
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from bench.generator import write_corpus
from pyoxigraph import NamedNode, Quad

from kg.ingest import ingest
from kg.store import Store

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("corpus")
    write_corpus(folder, 40, seed=5)
    return folder


@pytest.fixture(scope="module")
def reference_run(corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Store, list[str]]:
    """The corpus ingested in one process, uninterrupted; and the order of its report."""
    store = Store(tmp_path_factory.mktemp("reference") / "store")
    report = ingest([corpus], store)
    assert [o.status for o in report.outcomes] == ["added"] * 40
    return store, [o.source for o in report.outcomes]


@pytest.fixture(scope="module")
def reference_store(reference_run: tuple[Store, list[str]]) -> Store:
    return reference_run[0]


@pytest.fixture(scope="module")
def reference(reference_store: Store) -> set[Quad]:
    return set(reference_store.ox)


def _own(store: Store, doc: NamedNode) -> set[Quad]:
    """A document's default-graph description and the graphs of its statements."""
    prefix = doc.value + "/"
    return {q for q in store.ox if q.subject == doc or str(q.graph_name).startswith("<" + prefix)}


def test_two_worker_processes_build_the_same_store(
    corpus: Path, reference_run: tuple[Store, list[str]], reference: set[Quad], tmp_path: Path
) -> None:
    store = Store(tmp_path / "store")
    report = ingest([corpus], store, jobs=2)
    assert [o.status for o in report.outcomes] == ["added"] * 40
    assert [o.source for o in report.outcomes] == reference_run[1]
    assert set(store.ox) == reference


def test_unchanged_documents_are_skipped_before_extraction(
    corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = Store(tmp_path / "store")
    ingest([corpus], store)

    def no_extraction(*_: object) -> None:
        raise AssertionError("an unchanged document was extracted again")

    monkeypatch.setattr("kg.parallel.extract", no_extraction)
    report = ingest([corpus], store)
    assert {o.status for o in report.outcomes} == {"unchanged"}


def test_an_edited_document_is_extracted_again_and_replaced(corpus: Path, tmp_path: Path) -> None:
    folder = tmp_path / "copy"
    write_corpus(folder, 3, seed=5)
    store = Store(tmp_path / "store")
    ingest([folder], store, jobs=2)
    edited = sorted(folder.rglob("*.*"))[1]
    edited.write_text(edited.read_text(encoding="utf-8") + "\nThe search will resume in spring.\n", encoding="utf-8")
    report = ingest([folder], store, jobs=2)
    assert [o.status for o in report.outcomes] == ["unchanged", "replaced", "unchanged"]


INTERRUPTIBLE = textwrap.dedent("""
    import sys
    from pathlib import Path
    from kg.ingest import ingest
    from kg.store import Store
    ingest([Path(sys.argv[1])], Store(Path(sys.argv[2])), jobs=int(sys.argv[3]), batch=4,
           progress=lambda source: print(source, flush=True))
""")


@pytest.mark.parametrize("jobs", [1, 2])
def test_ctrl_c_leaves_whole_documents_and_the_next_run_continues(
    corpus: Path, reference_store: Store, reference: set[Quad], tmp_path: Path, jobs: int
) -> None:
    path = tmp_path / "store"
    command = [sys.executable, "-c", INTERRUPTIBLE, str(corpus), str(path), str(jobs)]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT)
    assert process.stdout is not None
    for _ in range(6):
        process.stdout.readline()
    process.send_signal(signal.SIGINT)
    _, errors = process.communicate(timeout=60)
    assert process.returncode != 0 and "KeyboardInterrupt" in errors
    store = Store(path)
    stored = set(store.ox)
    documents = {q.subject for q in stored if q.predicate.value.endswith("contentHash")}
    # batches of 4: the sixth progress line comes after the first batch was written
    assert 4 <= len(documents) < 40 and len(documents) % 4 == 0
    for doc in documents:
        assert _own(store, doc) == _own(reference_store, doc)
    assert stored <= reference
    report = ingest([corpus], store)
    statuses = [o.status for o in report.outcomes]
    assert statuses.count("unchanged") == len(documents) and statuses.count("added") == 40 - len(documents)
    assert set(store.ox) == reference


HOLDER = (
    "import sys, time; from kg.store import Store; s = Store(__import__('pathlib').Path(sys.argv[1])); "
    "print('ready', flush=True); time.sleep(60)"
)


def test_a_second_writer_process_gets_a_clear_error(corpus: Path, tmp_path: Path) -> None:
    path = tmp_path / "store"
    holder = subprocess.Popen([sys.executable, "-c", HOLDER, str(path)], stdout=subprocess.PIPE, text=True, cwd=ROOT)
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "ready"
        kg = [str(Path(sys.executable).parent / "kg"), "ingest", str(corpus), "--store", str(path)]
        second = subprocess.run(kg, capture_output=True, text=True, cwd=ROOT, timeout=60)
    finally:
        holder.kill()
        holder.wait()
    assert second.returncode == 2
    assert "in use by another process" in second.stderr and "Traceback" not in second.stderr
    assert len(Store(path)) == 0


def test_ingest_leaves_the_garbage_collector_as_it_found_it(corpus: Path) -> None:
    before = gc.get_threshold()
    gc.set_threshold(123, *before[1:])
    try:
        ingest([corpus], Store(None), jobs=1)
        assert gc.get_threshold()[0] == 123
        assert gc.get_freeze_count() == 0

        def interrupt(source: str) -> None:
            raise KeyboardInterrupt

        with pytest.raises(KeyboardInterrupt):
            ingest([corpus], Store(None), jobs=1, progress=interrupt)
        assert gc.get_threshold()[0] == 123
        assert gc.get_freeze_count() == 0
        # What the caller froze stays frozen (less what was freed meanwhile).
        gc.freeze()
        ingest([corpus], Store(None), jobs=1)
        assert gc.get_freeze_count() > 0
    finally:
        gc.unfreeze()
        gc.set_threshold(*before)


def test_a_mapping_bug_costs_its_document_not_the_batch(corpus: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import kg.parallel
    from kg.mapping.builder import DEFAULT

    real = kg.parallel.map_statements
    first = sorted(corpus.rglob("*.*"))[0].name

    def broken(ex, previous_hash=None):  # type: ignore[no-untyped-def]
        rows = real(ex, previous_hash)
        if ex.document.source.endswith(first):
            rows.append((rows[0][0], rows[0][1], None, DEFAULT))  # what a Quad used to refuse
        return rows

    monkeypatch.setattr(kg.parallel, "map_statements", broken)
    store = Store(None)
    report = ingest([corpus], store, jobs=1)
    (rejected,) = report.rejected
    assert rejected.source.endswith(first) and "TypeError" in rejected.detail
    assert len(report.added) == len(report.outcomes) - 1
    assert len(store.stored_hashes()) == len(report.outcomes) - 1


def test_jobs_handed_over_in_chunks_come_back_in_input_order() -> None:
    from concurrent.futures import Future

    from kg.model import Document
    from kg.parallel import Counts, Job, Mapped, _ordered

    calls: list[int] = []

    def submit(function: object, jobs: list[Job]) -> Future[list[Mapped]]:
        calls.append(len(jobs))
        future: Future[list[Mapped]] = Future()
        future.set_result([Mapped(job.document.source.encode(), Counts(0, 0, 0, 0, ()), None) for job in jobs])
        return future

    skipped = {"b", "f", "g"}
    names = list("abcdefghijk")
    jobs = [Job(Document("x", name), None, skip=name in skipped) for name in names]
    out = list(_ordered(jobs, submit, window=3, chunk=2))
    assert [job.document.source for job, _ in out] == names
    assert [m.nquads.decode() if m else None for _, m in out] == [None if n in skipped else n for n in names]
    # a (b is skipped), c d, e (f and g are skipped), h i, j k: a skipped job closes the chunk before it
    assert calls == [1, 2, 1, 2, 2]
