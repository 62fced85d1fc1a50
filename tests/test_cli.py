"""The ``kg`` command end to end: build, ingest, query, validate, export, a store held by another process."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest
import rdflib
from click.testing import CliRunner
from pyoxigraph import Literal, NamedNode, Quad, RdfFormat
from pyoxigraph import Store as OxStore

from kg.cli import cli
from kg.queries import available
from kg.resources import STATEMENTS_DIR

KG = Path(sys.executable).with_name("kg")
OA_EXACT = NamedNode("http://www.w3.org/ns/oa#exact")
COUNT_QUERY = "SELECT (COUNT(*) AS ?n) WHERE { { ?s ?p ?o } UNION { GRAPH ?g { ?s ?p ?o } } }\n"
DESIGN_COLUMNS = {
    "statements": [
        "statement",
        "document",
        "source",
        "title",
        "speaker",
        "speakerName",
        "role",
        "organization",
        "organizationName",
        "publisher",
        "publisherName",
        "published",
        "language",
    ],
    "places": ["statement", "place", "placeName", "mention", "lat", "long", "sameAs"],
    "dates": ["statement", "value", "precision", "mention"],
    "events": ["statement", "event", "eventType", "eventLabel", "date", "place", "placeName", "mention"],
    "quantities": ["statement", "value", "approximate", "counted", "mention", "min", "max"],
    "actors": ["statement", "actor", "actorName", "actorKind", "mention"],
    "timeline": ["date", "event", "eventLabel", "eventType", "placeName", "statement", "speakerName"],
}


def kg(*args: str | Path, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    """Run the installed ``kg`` console script; KG_STORE is cleared so only --store counts."""
    env = {"PATH": str(KG.parent), "HOME": str(Path.home()), "LANG": "C.UTF-8"}
    return subprocess.run(
        [str(KG), *map(str, args)], capture_output=True, text=True, env=env, cwd=cwd, timeout=300, check=False
    )


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[subprocess.CompletedProcess[str], Path]:
    """``kg build`` run once on the shipped statements; the store and build folder in a tmp folder."""
    root = tmp_path_factory.mktemp("build")
    return kg("build", "--store", root / "store", "--out", root / "out"), root


def summary(stdout: str) -> dict[str, str]:
    """The summary table of ``kg build`` as a dict of row name to value."""
    rows = [line.rsplit("  ", 1) for line in stdout.splitlines() if "  " in line]
    return {name.strip(): value.strip() for name, value in rows}


def invoke(*args: str | Path) -> tuple[int, str]:
    """Run a command in this process (no subprocess needed for read-only commands); its stdout only."""
    result = CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False)
    return result.exit_code, result.stdout


def test_build_prints_summary_and_conforms(built: tuple[subprocess.CompletedProcess[str], Path]) -> None:
    result, root = built
    assert result.returncode == 0, result.stderr
    table = summary(result.stdout)
    assert table["documents"] == "1"
    assert table["statements"] == "1"
    assert int(table["events"]) > 0 and int(table["places"]) > 0 and int(table["actors"]) > 0
    assert table["conforms"] == "yes"
    assert "without date" not in table and "without speaker" not in table
    assert str(root / "out" / "graph.trig") in result.stdout


def test_build_writes_trig_with_named_graphs(built: tuple[subprocess.CompletedProcess[str], Path]) -> None:
    _, root = built
    dataset = rdflib.Dataset()
    dataset.parse(root / "out" / "graph.trig", format="trig")
    names = {str(graph.identifier) for graph in dataset.graphs()}
    assert any(name.endswith("/assertion") for name in names)
    assert any(name.endswith("/provenance") for name in names)
    assert len(dataset) > 0  # the default graph holds the bibliographic description


def test_build_progress_lines_go_to_stderr(built: tuple[subprocess.CompletedProcess[str], Path]) -> None:
    result, _ = built
    assert "added" in result.stderr and "ombudsman" in result.stderr
    assert "Traceback" not in result.stderr


def test_second_ingest_reports_unchanged_and_adds_nothing(tmp_path: Path) -> None:
    store = tmp_path / "store"
    count = tmp_path / "count.rq"
    count.write_text(COUNT_QUERY, encoding="utf-8")
    first = kg("ingest", STATEMENTS_DIR, "--store", store)
    assert first.returncode == 0, first.stderr
    assert first.stdout.startswith("added")
    _, before = invoke("query", count, "--store", store, "--format", "csv")
    second = kg("ingest", STATEMENTS_DIR, "--store", store)
    assert second.returncode == 0, second.stderr
    assert second.stdout.startswith("unchanged")
    _, after = invoke("query", count, "--store", store, "--format", "csv")
    assert int(before.split()[1]) == len(OxStore.read_only(str(store))) > 0
    assert after == before


def test_the_same_file_by_relative_or_absolute_path_is_one_document(tmp_path: Path) -> None:
    store = tmp_path / "store"
    assert kg("ingest", STATEMENTS_DIR, "--store", store).returncode == 0
    relative = kg("ingest", STATEMENTS_DIR.name, "--store", store, cwd=STATEMENTS_DIR.parent)
    assert relative.stdout.startswith("unchanged"), relative.stdout
    code, output = invoke("query", "statements", "--store", store, "--format", "csv")
    assert code == 0, output
    assert len(list(csv.DictReader(io.StringIO(output)))) == 1


def test_every_named_query_is_covered() -> None:
    assert set(DESIGN_COLUMNS) <= set(available())


@pytest.mark.parametrize("name", sorted(DESIGN_COLUMNS))
def test_query_json_has_the_design_columns(name: str, built: tuple[subprocess.CompletedProcess[str], Path]) -> None:
    _, root = built
    code, output = invoke("query", name, "--store", root / "store", "--format", "json")
    assert code == 0, output
    results = json.loads(output)
    variables = results["head"]["vars"]
    assert set(DESIGN_COLUMNS[name]) <= set(variables), set(DESIGN_COLUMNS[name]) - set(variables)
    assert results["results"]["bindings"], f"{name} returned no rows on the seed"
    for binding in results["results"]["bindings"]:
        assert set(binding) <= set(variables)
        assert all(cell["type"] in ("uri", "literal", "bnode") and "value" in cell for cell in binding.values())


@pytest.mark.parametrize("name", sorted(DESIGN_COLUMNS))
def test_query_csv_and_tsv_have_a_header(name: str, built: tuple[subprocess.CompletedProcess[str], Path]) -> None:
    _, root = built
    for fmt, delimiter in (("csv", ","), ("tsv", "\t")):
        code, output = invoke("query", name, "--store", root / "store", "--format", fmt)
        assert code == 0, output
        rows = list(csv.reader(io.StringIO(output), delimiter=delimiter))
        assert rows[0][: len(DESIGN_COLUMNS[name])] != [] and set(DESIGN_COLUMNS[name]) <= set(rows[0])
        assert len(rows) > 1 and all(len(row) == len(rows[0]) for row in rows)


def test_query_table_counts_its_rows(built: tuple[subprocess.CompletedProcess[str], Path]) -> None:
    _, root = built
    code, output = invoke("query", "statements", "--store", root / "store", "--format", "table")
    assert code == 0
    lines = output.splitlines()
    assert lines[0].split(" | ")[0].strip() == "statement"
    assert lines[-1] == "(1 rows)"
    assert "Sabina Aliyeva" in output


def test_unknown_query_name_exits_2_with_one_line(tmp_path: Path) -> None:
    result = kg("query", "no-such-query", "--store", tmp_path / "store")
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1
    assert "no-such-query" in result.stderr and "statements" in result.stderr
    assert "Traceback" not in result.stderr


def test_query_from_an_rq_file(tmp_path: Path, built: tuple[subprocess.CompletedProcess[str], Path]) -> None:
    _, root = built
    query = tmp_path / "speakers.rq"
    query.write_text("SELECT DISTINCT ?name WHERE { ?person a schema:Person ; schema:name ?name }\n", encoding="utf-8")
    code, output = invoke("query", query, "--store", root / "store", "--format", "csv")
    assert code == 0, output
    assert output.splitlines() == ["name", "Sabina Aliyeva"]


def test_validate_passes_on_the_seed(built: tuple[subprocess.CompletedProcess[str], Path]) -> None:
    _, root = built
    result = kg("validate", "--store", root / "store")
    assert result.returncode == 0, result.stdout
    assert "Conforms: yes" in result.stdout


def test_validate_fails_on_a_quote_that_is_not_the_text(tmp_path: Path) -> None:
    store = tmp_path / "store"
    assert kg("ingest", STATEMENTS_DIR, "--store", store).returncode == 0
    ox = OxStore(str(store))
    quote = next(iter(ox.quads_for_pattern(None, OA_EXACT, None)))
    ox.remove(quote)
    ox.add(Quad(quote.subject, OA_EXACT, Literal("words nobody wrote"), quote.graph_name))
    ox.flush()
    del ox
    result = kg("validate", "--store", store)
    assert result.returncode == 1
    assert "Conforms: no" in result.stdout and "words nobody wrote" in result.stdout


@pytest.mark.parametrize("fmt", ["trig", "nquads", "turtle", "jsonld"])
def test_export_to_stdout_and_to_a_file_agree(
    fmt: str, tmp_path: Path, built: tuple[subprocess.CompletedProcess[str], Path]
) -> None:
    _, root = built
    out = tmp_path / f"graph.{fmt}"
    stdout_code, to_stdout = invoke("export", "--store", root / "store", "--format", fmt)
    file_code, to_file = invoke("export", "--store", root / "store", "--format", fmt, "--out", out)
    assert stdout_code == 0 and file_code == 0, to_file
    assert to_file == ""
    assert out.read_text(encoding="utf-8") == to_stdout
    assert "Sabina Aliyeva" in to_stdout


@pytest.mark.parametrize("command", ["query statements", "validate", "export", "optimize"])
def test_reading_a_store_that_does_not_exist_is_an_error(command: str, tmp_path: Path) -> None:
    missing = tmp_path / "typo-store"
    result = kg(*command.split(), "--store", missing)
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and str(missing) in result.stderr and "no store" in result.stderr
    assert not missing.exists()


def test_nquads_export_holds_every_quad(tmp_path: Path, built: tuple[subprocess.CompletedProcess[str], Path]) -> None:
    _, root = built
    exported = kg("export", "--store", root / "store", "--format", "nquads")
    copy = OxStore()
    copy.load(exported.stdout.encode("utf-8"), format=RdfFormat.N_QUADS)
    size = len(OxStore.read_only(str(root / "store")))
    assert len(exported.stdout.splitlines()) == size == len(copy)


def test_a_store_held_by_another_process_is_refused(tmp_path: Path) -> None:
    store = tmp_path / "store"
    holder = OxStore(str(store))  # this test process holds the store open
    result = kg("ingest", STATEMENTS_DIR, "--store", store)
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and "in use by another process" in result.stderr
    assert "Traceback" not in result.stderr
    assert len(holder) == 0


def test_user_mistakes_give_one_line_not_a_traceback(
    tmp_path: Path, built: tuple[subprocess.CompletedProcess[str], Path]
) -> None:
    _, root = built
    store = root / "store"
    broken = tmp_path / "broken.rq"
    broken.write_text("SELEC ?x WHERE { ?x ?y ?z }\n", encoding="utf-8")
    a_file = tmp_path / "a-file"
    a_file.write_text("not a folder", encoding="utf-8")
    mistakes = {
        "invalid SPARQL": ["query", str(broken), "--store", str(store)],
        "No such file": ["export", "--store", str(store), "--out", str(tmp_path / "no" / "folder" / "g.trig")],
        "exists": ["build", "--store", str(tmp_path / "new-store"), "--out", str(a_file)],
    }
    for problem, args in mistakes.items():
        result = kg(*args)
        assert result.returncode == 2, (args, result.stderr)
        (line,) = result.stderr.splitlines()
        assert problem in line and Path(args[1] if problem == "invalid SPARQL" else args[-1]).name in line


def test_queries_read_a_store_while_another_process_writes_it(tmp_path: Path) -> None:
    store = tmp_path / "store"
    assert kg("ingest", STATEMENTS_DIR, "--store", store).returncode == 0
    holder = OxStore(str(store))  # this test process now holds the store for writing
    result = kg("query", "statements", "--store", store, "--format", "csv")
    assert result.returncode == 0, result.stderr
    assert "Sabina Aliyeva" in result.stdout
    assert len(holder) > 0


def test_the_command_line_loads_without_the_extractors_and_rdflib() -> None:
    # kg query answers in well under a second only if starting the command does not load them.
    probe = "import sys, kg.cli; print(sorted(m for m in ('rdflib', 'pyshacl', 'kg.pipeline') if m in sys.modules))"
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"


def test_python_dash_m_kg_is_the_kg_command() -> None:
    done = subprocess.run([sys.executable, "-m", "kg", "query", "--help"], capture_output=True, text=True, check=False)
    assert done.returncode == 0
    assert "Usage: kg query" in done.stdout
