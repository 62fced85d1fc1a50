"""``kg optimize``: compacting the store keeps every quad and every answer."""

from __future__ import annotations

import gc
import re
from pathlib import Path

import pytest
from bench.generator import write_corpus
from click.testing import CliRunner
from pyoxigraph import Store as OxStore

from kg.cli import cli
from kg.ingest import ingest
from kg.queries import from_solutions, load
from kg.store import Store


def _rows(store: Store, name: str) -> list[tuple[tuple[str, str], ...]]:
    results = from_solutions(store.query(load(name)))
    return sorted(tuple(sorted((k, v.value) for k, v in row.items() if v is not None)) for row in results.rows)


def test_optimize_keeps_every_quad_and_answer(tmp_path: Path) -> None:
    write_corpus(tmp_path / "corpus", 12, seed=5)
    path = tmp_path / "store"
    store = Store(path)
    ingest([tmp_path / "corpus"], store, batch=3)  # four bulk loads, four sets of files
    quads, events, statements = set(store.ox), _rows(store, "events"), _rows(store, "statements")
    assert len(events) > 12
    del store
    gc.collect()
    result = CliRunner().invoke(cli, ["optimize", "--store", str(path)])
    assert result.exit_code == 0, result.output
    assert re.fullmatch(r"optimized .+store: [\d,]+ MB -> [\d,]+ MB in [\d.]+ s\n", result.stdout)
    after = Store(path, read_only=True)
    assert set(after.ox) == quads
    assert _rows(after, "events") == events and _rows(after, "statements") == statements


def test_optimize_refuses_a_store_in_use(tmp_path: Path) -> None:
    holder = OxStore(str(tmp_path / "store"))
    result = CliRunner().invoke(cli, ["optimize", "--store", str(tmp_path / "store")])
    assert result.exit_code == 2
    assert "in use by another process" in result.output and "Traceback" not in result.output
    assert len(holder) == 0


def test_a_large_ingest_suggests_optimize(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write_corpus(tmp_path / "corpus", 3, seed=6)
    store = ["--store", str(tmp_path / "store")]
    monkeypatch.setattr("kg.cli.OPTIMIZE_HINT", 3)
    first = CliRunner().invoke(cli, ["ingest", str(tmp_path / "corpus"), *store])
    assert first.exit_code == 0 and "kg optimize" in first.stderr and "kg optimize" not in first.stdout
    again = CliRunner().invoke(cli, ["ingest", str(tmp_path / "corpus"), *store])  # nothing added
    assert again.exit_code == 0 and "kg optimize" not in again.stderr
