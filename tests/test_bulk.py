"""Bulk writes: new documents batched into atomic loads, shared gazetteer descriptions written once."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from bench.generator import write_corpus
from pyoxigraph import DefaultGraph, Literal

from kg.errors import StoreError
from kg.ingest import ingest
from kg.store import BULK_LIMIT, Store
from kg.vocab import SCHEMA, SKOS, TIME, document_iri, gazetteer_graph

GRAVE = """Statement on a grave

MOSUL, 12 March 2021 – A mass grave was discovered in Mosul on 10 March 2021, the Ministry of Justice said.
"""

#: two versions of one URL: the second dates the grave a day earlier
V1 = {"url": "https://example.org/grave", "text": GRAVE, "date": "2021-03-12"}
V2 = dict(V1, text=GRAVE.replace("10 March 2021", "9 March 2021"))


def _archive(path: Path, *versions: dict[str, str]) -> Path:
    path.write_text("".join(json.dumps(v) + "\n" for v in versions), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("bulk")
    write_corpus(folder, 30, seed=11)
    return folder


def test_batch_size_does_not_change_the_store(corpus: Path, tmp_path: Path) -> None:
    one, many = Store(tmp_path / "one"), Store(tmp_path / "many")
    ingest([corpus], one, batch=1)
    report = ingest([corpus], many, batch=7)
    assert [o.status for o in report.outcomes] == ["added"] * 30
    assert set(one.ox) == set(many.ox)


def test_documents_sharing_a_place_are_all_valid(tmp_path: Path) -> None:
    for name in ("a.md", "b.md", "c.md"):
        (tmp_path / name).write_text(GRAVE.replace("Statement", f"Statement {name}"), encoding="utf-8")
    store = Store(tmp_path / "store")
    report = ingest([tmp_path / n for n in ("a.md", "b.md", "c.md")], store)
    # Each document is checked with the gazetteer description of Mosul, though only the first carries it.
    assert [o.status for o in report.outcomes] == ["added"] * 3
    labels = [q for q in store.ox.quads_for_pattern(None, SKOS.prefLabel, None, gazetteer_graph())]
    assert any(isinstance(q.object, Literal) and q.object.value == "Mosul" for q in labels)


def test_a_load_too_big_to_be_atomic_is_refused() -> None:
    line = b'<http://x/a> <http://x/p> "1" .\n'
    store = Store(None)
    with pytest.raises(StoreError, match="not be atomic"):
        store.add_documents(line * BULK_LIMIT)
    assert len(store) == 0


def test_a_document_met_twice_in_one_run_ends_as_its_last_version(tmp_path: Path) -> None:
    # Two versions of one URL in one archive: the second supersedes the first, even when the first
    # is still being written in the background when the second arrives.
    store = Store(tmp_path / "store")
    report = ingest([_archive(tmp_path / "archive.jsonl", V1, V2)], store, batch=1)
    assert [o.status for o in report.outcomes] == ["added", "replaced"]
    texts = [q.object.value for q in store.ox.quads_for_pattern(None, SCHEMA.text, None, DefaultGraph())]
    assert len(texts) == 1 and "9 March 2021" in texts[0]
    dates = {q.object.value for q in store.ox.quads_for_pattern(None, TIME.inXSDDate, None)}
    assert "2021-03-09" in dates and "2021-03-10" not in dates


def test_a_new_extractor_version_extracts_unchanged_documents_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "a.md").write_text(GRAVE, encoding="utf-8")
    store = Store(tmp_path / "store")
    assert [o.status for o in ingest([tmp_path / "a.md"], store).outcomes] == ["added"]
    assert [o.status for o in ingest([tmp_path / "a.md"], store).outcomes] == ["unchanged"]
    # The stored statements name the version that made them; a store made by another version is extracted again.
    monkeypatch.setattr("kg.ingest.EXTRACTOR", "0.0.0-older")
    assert [o.status for o in ingest([tmp_path / "a.md"], store).outcomes] == ["replaced"]


def test_a_document_met_again_is_compared_with_its_version_met_first(tmp_path: Path) -> None:
    # v1 is stored; an archive then gives v2 and v1 again: the last version given is the one kept.
    store = Store(tmp_path / "store")
    ingest([_archive(tmp_path / "first.jsonl", V1)], store)
    report = ingest([_archive(tmp_path / "archive.jsonl", V2, V1)], store, batch=1)
    assert [o.status for o in report.outcomes] == ["replaced", "replaced"]
    dates = {q.object.value for q in store.ox.quads_for_pattern(None, TIME.inXSDDate, None)}
    assert "2021-03-10" in dates and "2021-03-09" not in dates


def _failing_write(self: Store, nquads: bytes) -> None:
    raise StoreError(f"{self.path}: the documents could not be written (disk full)")


def test_a_failed_background_write_is_reported(corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(Store, "add_documents", _failing_write)
    with pytest.raises(StoreError, match="disk full"):
        ingest([corpus], Store(tmp_path / "store"), batch=2)


def test_an_interruption_is_not_hidden_by_a_failed_write(
    corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(Store, "add_documents", _failing_write)
    seen: list[str] = []

    def interrupt_at_the_second(source: str) -> None:
        seen.append(source)
        if len(seen) == 2:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        ingest([corpus], Store(tmp_path / "store"), batch=1, progress=interrupt_at_the_second)


def test_the_last_write_is_split_into_parallel_loads_of_whole_documents(
    corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    loads: list[bytes] = []
    write = Store.add_documents

    def recorded(self: Store, nquads: bytes) -> None:
        loads.append(nquads)
        write(self, nquads)

    monkeypatch.setattr(Store, "add_documents", recorded)
    monkeypatch.setattr("kg.ingest.SPLIT_MIN", 1)
    monkeypatch.setattr("kg.ingest._cores", lambda: 3)
    split_store, whole = Store(tmp_path / "split"), Store(tmp_path / "whole")
    ingest([corpus], split_store, batch=20)
    # 30 documents: a batch of 20 written while extracting, then the last 10 in three loads.
    assert len(loads) == 4
    # Each document's own graphs are in one load only.
    base, digest = document_iri("x").value.rsplit("/", 1)
    prefix = f"<{base}/".encode()
    docs = [
        {line[len(prefix) : len(prefix) + len(digest)] for line in load.splitlines() if line.startswith(prefix)}
        for load in loads
    ]
    assert all(docs[i].isdisjoint(docs[j]) for i in range(4) for j in range(i + 1, 4))
    assert sum(len(d) for d in docs) == 30 and all(docs)
    monkeypatch.setattr("kg.ingest._cores", lambda: 1)
    ingest([corpus], whole, batch=20)
    assert set(split_store.ox) == set(whole.ox)
