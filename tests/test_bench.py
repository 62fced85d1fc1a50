"""The benchmark's statement generator: deterministic, varied, and readable by the pipeline. No timings here."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from bench.generator import generate, vocabulary, write_corpus
from bench.run import folders, remove

from kg.gazetteer import Gazetteer
from kg.pipeline import extract
from kg.read import read_path


def test_the_same_seed_gives_the_same_corpus_and_sizes_share_a_prefix() -> None:
    assert generate(30, seed=4) == generate(30, seed=4)
    assert generate(30, seed=4)[:10] == generate(10, seed=4)
    assert [s.text for s in generate(10, seed=4)] != [s.text for s in generate(10, seed=5)]


def test_statements_vary_in_shape_speaker_place_date_and_hedge() -> None:
    statements = generate(300, seed=2)
    texts = [s.text for s in statements]
    assert {Path(s.name).suffix for s in statements} == {".md", ".txt"}
    assert sum(t.startswith("---\n") for t in texts) > 10
    assert sum(bool(re.search(r"^\*\*\d{1,2} [A-Z][a-z]+ \d{4}\*\*$", t, re.M)) for t in texts) > 100
    assert sum(bool(re.search(r"^[A-Z .'-]+ \(", t, re.M)) for t in texts) > 50
    assert len({s.speaker for s in statements}) > 100
    assert len({s.place for s in statements}) > 50
    assert all(s.speaker in s.text and s.place in s.text for s in statements)
    assert (
        sum(
            "yesterday" in t.lower() or re.search(r"on (Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day", t) is not None
            for t in texts
        )
        > 50
    )
    assert (
        sum(bool(re.search(r"\b(nearly|about|at least|more than|some|approximately|over) \d", t)) for t in texts) > 50
    )


def test_places_come_from_the_gazetteer() -> None:
    gazetteer = Gazetteer.load()
    names = [p.name for p in vocabulary().curated[:40]]
    assert all(gazetteer.lookup(name) for name in names)


def test_the_pipeline_reads_speaker_and_publication_date_from_generated_text(tmp_path: Path) -> None:
    paths = write_corpus(tmp_path, 12, seed=9)
    expected = generate(12, seed=9)
    gazetteer = Gazetteer.load()
    dated = named = 0
    for path, generated in zip(paths, expected, strict=True):
        (doc,) = read_path(path)
        ex = extract(doc, gazetteer)
        dated += ex.published is not None and ex.published.iso == generated.published.isoformat()
        named += any(s.speaker and s.speaker.name == generated.speaker for s in ex.statements)
    assert dated >= 10 and named >= 8


@pytest.mark.filterwarnings("ignore:Dataset\\.:DeprecationWarning")  # rdflib warns of itself, per query
def test_the_naive_baseline_loads_the_same_statements_as_the_store(tmp_path: Path) -> None:
    from bench.measure import measure_baseline, measure_store

    write_corpus(tmp_path / "corpus", 2, seed=3)
    (tmp_path / "naive").mkdir()
    naive = measure_baseline(tmp_path / "corpus", tmp_path / "naive", 1, 0)
    store = measure_store(tmp_path / "corpus", tmp_path / "store", 1, 1, 0, True, 0)
    assert naive["queries"]["statements"]["rows"] == store["queries"]["statements"]["rows"] >= 2
    assert naive["queries"]["places"]["rows"] == store["queries"]["places"]["rows"] > 0


def test_bench_folders_are_the_same_each_run_and_start_empty(tmp_path: Path) -> None:
    # Document IRIs come from file paths: a run must not leave, nor find, an earlier run's corpus or store.
    first = folders(tmp_path, 10)
    first[0].mkdir(parents=True)
    (first[0] / "stale.md").write_text("From an earlier run.", encoding="utf-8")
    first[1].mkdir()
    second = folders(tmp_path, 10)
    remove(second)
    assert first == second
    assert not any(path.exists() for path in second)
