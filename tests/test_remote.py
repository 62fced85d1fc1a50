"""A real SPARQL server (Oxigraph from PyPI) on 127.0.0.1: push, then the same answers as locally."""

from __future__ import annotations

import re
import shutil
import socket
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from click.testing import CliRunner
from pyoxigraph import DefaultGraph

from kg.paging import run_page
from kg.queries import Results, available, from_solutions, load
from kg.remote import RemoteError, push, select
from kg.resources import STATEMENTS_DIR
from kg.store import Store

SERVER = Path(sys.executable).parent / "oxigraph"
pytestmark = pytest.mark.skipif(not SERVER.exists() and not shutil.which("oxigraph"), reason="no oxigraph server")


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextmanager
def _serve(location: Path, *flags: str) -> Iterator[str]:
    port = _free_port()
    binary = str(SERVER) if SERVER.exists() else "oxigraph"
    command = [binary, "serve", "--location", str(location), "--bind", f"127.0.0.1:{port}", *flags]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                select(base + "/query", "SELECT * WHERE { ?s ?p ?o } LIMIT 1", timeout=1)
                break
            except RemoteError:
                time.sleep(0.1)
        yield base
    finally:
        process.terminate()
        process.wait(timeout=10)


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory, corpus_store: Store) -> Iterator[str]:
    """A server holding the pushed corpus (default graph = the real default graph)."""
    with _serve(tmp_path_factory.mktemp("server")) as base:
        push(corpus_store, base + "/store")
        yield base


@pytest.fixture(scope="module")
def union_server(tmp_path_factory: pytest.TempPathFactory, corpus_store: Store) -> Iterator[str]:
    """A server whose default graph is the union of all graphs, as GraphDB and Virtuoso have it."""
    with _serve(tmp_path_factory.mktemp("union"), "--union-default-graph") as base:
        push(corpus_store, base + "/store", mode="graphs")
        yield base


def _count(store: Store, named: bool) -> int:
    return sum(1 for quad in store.ox if isinstance(quad.graph_name, DefaultGraph) != named)


def _rows(results: Results) -> Counter[tuple[tuple[str, str, str | None, str | None], ...]]:
    return Counter(
        tuple(sorted((name, cell.value, cell.datatype, cell.language) for name, cell in row.items()))
        for row in results.rows
    )


def _order_keys(sparql: str, results: Results) -> list[tuple[str | None, ...]]:
    """The values of the ORDER BY variables, row by row: what the query promises about order."""
    clause = re.search(r"ORDER BY (.*)$", sparql, re.MULTILINE)
    names = re.findall(r"\?(\w+)", clause.group(1)) if clause else []
    return [tuple(row[n].value if n in row else None for n in names) for row in results.rows]


def _assert_same_answers(store: Store, endpoint: str) -> None:
    for name in available():
        sparql = load(name)
        local = from_solutions(store.query(sparql))
        remote = select(endpoint, sparql)
        assert local.rows, f"{name}: no rows locally"
        assert remote.variables == local.variables, name
        assert _rows(remote) == _rows(local), name
        assert _order_keys(sparql, remote) == _order_keys(sparql, local), name


def test_pushed_store_answers_every_named_query_like_the_local_one(corpus_store: Store, server: str) -> None:
    (count,) = select(server + "/query", "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }").values("n")
    assert count is not None and int(count) == _count(corpus_store, named=True)
    _assert_same_answers(corpus_store, server + "/query")


def test_a_page_from_the_endpoint_is_the_local_page(corpus_store: Store, server: str) -> None:
    for name in available():
        sparql = load(name)
        local, local_note = run_page(lambda q: from_solutions(corpus_store.query(q)), sparql, 2, 5)
        remote, remote_note = run_page(lambda q: select(server + "/query", q), sparql, 2, 5)
        assert remote_note == local_note and "page 2 of " in local_note, name
        assert _rows(remote) == _rows(local), name
        assert _order_keys(sparql, remote) == _order_keys(sparql, local), name


def test_named_queries_do_not_depend_on_a_union_default_graph(corpus_store: Store, union_server: str) -> None:
    _assert_same_answers(corpus_store, union_server + "/query")


def test_pushing_twice_adds_nothing_and_graph_mode_sends_one_request_per_graph(
    corpus_store: Store, tmp_path: Path
) -> None:
    with _serve(tmp_path / "server") as base:
        first = push(corpus_store, base + "/store", mode="quads", batch=500)
        again = push(corpus_store, base + "/store", mode="graphs")
        (count,) = select(base + "/query", "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }").values("n")
    assert first.requests > 1 and first.quads == again.quads == len(corpus_store)
    assert again.requests == len(corpus_store.graph_names()) + 1
    assert count is not None and int(count) == _count(corpus_store, named=False)


def test_an_unreachable_server_is_a_clear_error(corpus_store: Store) -> None:
    url = f"http://127.0.0.1:{_free_port()}/store"
    with pytest.raises(RemoteError, match="cannot reach the server"):
        push(corpus_store, url)


def test_cli_push_then_query_with_endpoint(tmp_path: Path) -> None:
    from kg.cli import cli

    store_path = tmp_path / "store"
    runner = CliRunner()
    assert runner.invoke(cli, ["ingest", str(STATEMENTS_DIR), "--store", str(store_path)]).exit_code == 0
    local = runner.invoke(cli, ["query", "events", "--store", str(store_path), "--format", "csv"])
    with _serve(tmp_path / "server") as base:
        pushed = runner.invoke(cli, ["push", base + "/store", "--store", str(store_path)])
        remote = runner.invoke(cli, ["query", "events", "--endpoint", base + "/query", "--format", "csv"])
    assert pushed.exit_code == 0 and "pushed" in pushed.output
    assert remote.exit_code == 0 and remote.output == local.output
    assert local.output.count("\n") > 1
