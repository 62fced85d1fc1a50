"""Paging named queries by statement: every page together is the whole answer, each row on one page."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.cli import cli
from kg.errors import KgError
from kg.paging import binds_statement, page_query, pages, run_page, statements_query
from kg.queries import Results, available, from_solutions, load
from kg.store import Store

Row = tuple[tuple[str, str], ...]


@pytest.fixture(scope="module")
def store_path(corpus_store: Store) -> Path:
    """The folder of the session's corpus store (the CLI opens it by path)."""
    assert corpus_store.path is not None
    return corpus_store.path


def _rows(results: Results) -> Counter[Row]:
    return Counter(tuple(sorted((name, cell.value) for name, cell in row.items())) for row in results.rows)


def test_values_open_the_first_where_group_not_one_in_a_comment() -> None:
    sparql = "# a WHERE { in a comment\nSELECT ?statement WHERE { ?statement ?p ?o }"
    paged = page_query(sparql, ["http://example.org/s1"])
    assert paged.startswith("# a WHERE { in a comment\n")
    assert "WHERE { VALUES ?statement { <http://example.org/s1> } ?statement ?p ?o }" in paged


def test_a_query_binds_statement_only_when_its_projection_has_it() -> None:
    assert binds_statement("SELECT * WHERE { ?statement ?p ?o }")
    assert not binds_statement("SELECT ?p WHERE { ?statement ?p ?o }")
    assert not binds_statement("SELECT ?statements WHERE { ?statements ?p ?o }")


def test_pages_count_up_and_offsets_follow() -> None:
    assert pages(7, 3) == 3
    assert statements_query(3, 3).endswith("LIMIT 3 OFFSET 6")


@pytest.mark.parametrize("name", available())
def test_all_pages_together_are_the_whole_answer(store_path: Path, name: str) -> None:
    store = Store(store_path, read_only=True)

    def run(sparql: str) -> Results:
        return from_solutions(store.query(sparql))

    sparql = load(name)
    whole = run(sparql)
    together: Counter[Row] = Counter()
    seen: set[str] = set()
    page = 1
    while True:
        statements = set(run(statements_query(page, 4)).values("statement"))
        results, line = run_page(run, sparql, page, 4)
        assert results.variables == whole.variables
        assert set(results.values("statement")) <= statements, f"{name}: a row of another page"
        assert not statements & seen, f"{name}: a statement on two pages"
        seen |= {s for s in statements if s is not None}
        together += _rows(results)
        if "next: --page" not in line:
            break
        page += 1
    assert page > 2 and together == _rows(whole), name


def test_cli_pages_with_a_note_on_stderr_and_all_without(store_path: Path) -> None:
    runner = CliRunner()
    paged = runner.invoke(cli, ["query", "events", "--store", str(store_path), "--page-size", "2", "--format", "csv"])
    everything = runner.invoke(cli, ["query", "events", "--store", str(store_path), "--all", "--format", "csv"])
    assert paged.exit_code == 0 and everything.exit_code == 0
    assert paged.stderr.startswith("page 1 of ") and "next: --page 2" in paged.stderr and "--all" in paged.stderr
    assert paged.stdout.startswith("statement,event,") and "page" not in paged.stdout.splitlines()[-1]
    assert everything.stderr == ""
    assert len(paged.stdout.splitlines()) < len(everything.stdout.splitlines())


def test_cli_past_the_last_page_is_an_empty_answer(store_path: Path) -> None:
    result = CliRunner().invoke(cli, ["query", "dates", "--store", str(store_path), "--page", "999", "--format", "csv"])
    assert result.exit_code == 0 and "past the last page" in result.stderr
    assert result.stdout.splitlines() == ["statement,value,precision,mention,kind,begin,end,time,start"]


def test_cli_rq_file_runs_as_is_unless_paged(store_path: Path, tmp_path: Path) -> None:
    query = tmp_path / "heads.rq"
    query.write_text("SELECT ?statement WHERE { GRAPH ?h { ?statement np:hasAssertion ?a } }\n", encoding="utf-8")
    names = tmp_path / "names.rq"
    names.write_text("SELECT ?name WHERE { ?person schema:name ?name }\n", encoding="utf-8")
    runner = CliRunner()
    whole = runner.invoke(cli, ["query", str(query), "--store", str(store_path), "--format", "csv"])
    paged = runner.invoke(cli, ["query", str(query), "--store", str(store_path), "--page-size", "3", "--format", "csv"])
    refused = runner.invoke(cli, ["query", str(names), "--store", str(store_path), "--page", "2"])
    assert whole.stderr == "" and len(whole.stdout.splitlines()) > 4
    assert len(paged.stdout.splitlines()) == 4 and paged.stderr.startswith("page 1 of ")
    assert refused.exit_code == 2 and "?statement" in refused.stderr


def test_cli_all_with_page_is_a_usage_error(store_path: Path) -> None:
    result = CliRunner().invoke(cli, ["query", "events", "--store", str(store_path), "--all", "--page", "2"])
    assert result.exit_code == 2 and "--all" in result.stderr


def test_a_failed_count_is_reported_by_the_page(store_path: Path) -> None:
    store = Store(store_path, read_only=True)

    def run(sparql: str) -> Results:
        if "COUNT" in sparql:
            raise KgError("the endpoint answered 503")
        return from_solutions(store.query(sparql))

    with pytest.raises(KgError, match="503"):
        run_page(run, load("statements"), 1, 1)
