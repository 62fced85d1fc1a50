"""The ``kg`` command: a thin layer over the library.

Exit codes: 0 ok, 1 validation failed, 2 usage or input error.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

import click
from pyoxigraph import RdfFormat

from kg import __version__
from kg.errors import KgError
from kg.export import FORMATS as EXPORT_FORMATS
from kg.export import export as export_store
from kg.paging import PAGE_SIZE, binds_statement, run_page
from kg.queries import FORMATS, Results, from_solutions, load, render
from kg.remote import MODES, push, select
from kg.resources import STATEMENTS_DIR
from kg.store import Store
from kg.summary import summary_table

if TYPE_CHECKING:
    from kg.ingest import Report

#: after adding this many documents in one run, ingest suggests ``kg optimize`` (each bulk load leaves files behind)
OPTIMIZE_HINT = 2_500

JOBS_OPTION = click.option(
    "--jobs", "-j", default=1, show_default=True, type=click.IntRange(1), help="Extract in this many worker processes."
)
STORE_OPTION = click.option(
    "--store",
    "store_path",
    envvar="KG_STORE",
    default="kg-store",
    show_default=True,
    type=click.Path(path_type=Path),
    help="Folder of the embedded store (env KG_STORE).",
)


class UserError(click.ClickException):
    """A one-line error for a user's mistake, exit code 2."""

    exit_code = 2


@contextmanager
def _user_errors(subject: object = None) -> Iterator[None]:
    """Library errors, and the OS and SPARQL errors a user's own paths and query files cause, as one line."""
    try:
        yield
    except KgError as error:
        raise UserError(str(error)) from None
    except OSError as error:  # e.g. --out in a folder that does not exist, or a file where a folder should be
        where = subject or error.filename
        raise UserError(f"{where}: {error.strerror or error}" if where else str(error)) from None
    except SyntaxError as error:
        raise UserError(f"{subject}: invalid SPARQL ({error})") from None


def _open(store_path: Path) -> Store:
    with _user_errors():
        return Store(store_path)


def _open_existing(store_path: Path, read_only: bool = True) -> Store:
    """The store for commands that work on what is there: a mistyped --store must not read as an empty graph."""
    if not store_path.is_dir():
        raise UserError(f"{store_path}: no store here (run kg build or kg ingest first, or give --store)")
    with _user_errors():
        return Store(store_path, read_only=read_only)


@contextmanager
def _progress(total_hint: str) -> Iterator[Callable[[str], None] | None]:
    """Progress on stderr with rich, only when stderr is a terminal."""
    if not sys.stderr.isatty():
        yield None
        return
    from rich.console import Console

    console = Console(stderr=True)
    with console.status(total_hint) as status:
        yield lambda source: status.update(f"{total_hint}: {source}")


@click.group()
@click.version_option(__version__, prog_name="kg")
def cli() -> None:
    """statement-kg: official statements into a knowledge graph where every fact is attributed."""


@cli.command(name="ingest")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@STORE_OPTION
@click.option("--force", is_flag=True, help="Extract again even when a document is unchanged.")
@JOBS_OPTION
def ingest_command(paths: tuple[Path, ...], store_path: Path, force: bool, jobs: int) -> None:
    """Read statements from files or folders (.md .txt .html .json .jsonl) and add them to the store."""
    store = _open(store_path)
    with _progress("ingesting") as progress, _user_errors():
        from kg.ingest import ingest  # the extractors load slowly; queries do not need them

        report = ingest(_canonical(paths), store, force=force, progress=progress, jobs=jobs)
    added = len(report.added)
    if added >= OPTIMIZE_HINT:
        click.echo(f"note: {added:,} documents added; kg optimize compacts the store for faster queries", err=True)
    _finish(report)


def _canonical(paths: Iterable[Path]) -> list[Path]:
    """Absolute paths: a document's identity comes from its path, the same file must give the same one.

    >>> _canonical([Path("/a/b/../c.md")])
    [PosixPath('/a/c.md')]
    """
    return [path.resolve() for path in paths]


def _finish(report: Report) -> None:
    for line in report.lines():
        click.echo(line)
    for outcome in report.rejected:
        click.echo(f"error: {outcome.source}: {outcome.detail}", err=True)
    if report.rejected:
        raise SystemExit(2)
    if report.invalid:
        raise SystemExit(1)


@cli.command()
@STORE_OPTION
@click.option(
    "--statements",
    "statements_dir",
    default=str(STATEMENTS_DIR),
    show_default=True,
    type=click.Path(path_type=Path),
    help="Folder of statements to ingest.",
)
@click.option(
    "--out",
    "out_dir",
    default="build",
    show_default=True,
    type=click.Path(path_type=Path),
    help="Folder for the exports (graph.trig).",
)
@JOBS_OPTION
def build(store_path: Path, statements_dir: Path, out_dir: Path, jobs: int) -> None:
    """The main job: ingest the statements folder, validate, write build/graph.trig, print a summary."""
    store = _open(store_path)
    with _progress("building") as progress, _user_errors():
        from kg.ingest import ingest
        from kg.validate import validate_store

        report = ingest(_canonical([statements_dir]), store, progress=progress, jobs=jobs)
        validation = validate_store(store)
        out_dir.mkdir(parents=True, exist_ok=True)
        store.dump(out_dir / "graph.trig", RdfFormat.TRIG)
    for outcome in report.outcomes:
        if outcome.status != "rejected":  # rejected files get their one error line below
            click.echo(outcome.line(), err=True)
    click.echo(summary_table(store, validation.conforms))
    click.echo(f"wrote {out_dir / 'graph.trig'}")
    if not validation.conforms:
        click.echo(validation.text(), err=True)
    for outcome in report.rejected:
        click.echo(f"error: {outcome.source}: {outcome.detail}", err=True)
    if report.rejected:
        raise SystemExit(2)
    if not validation.conforms:
        raise SystemExit(1)


@cli.command()
@click.argument("name")
@STORE_OPTION
@click.option(
    "--format", "fmt", type=click.Choice(FORMATS), default="table", show_default=True, help="How to print the results."
)
@click.option("--endpoint", metavar="QUERY_URL", help="Run on a SPARQL 1.1 endpoint instead of the local store.")
@click.option("--page", type=click.IntRange(1), help="Which page of statements to answer for (default 1).")
@click.option("--page-size", type=click.IntRange(1), help=f"Statements per page (default {PAGE_SIZE}).")
@click.option("--all", "everything", is_flag=True, help="Answer for every statement at once (no paging).")
def query(
    name: str,
    store_path: Path,
    fmt: str,
    endpoint: str | None,
    page: int | None,
    page_size: int | None,
    everything: bool,
) -> None:
    """Run a named query from queries/ (statements, places, dates, events, ...) or a .rq file.

    A named query answers for one page of statements at a time (see --page, --all); a .rq file that binds
    ?statement is paged only when --page or --page-size is given.
    """
    if everything and (page or page_size):
        raise UserError("--all answers for every statement: give it without --page and --page-size")
    with _user_errors(name):
        sparql = load(name)
        run = _runner(store_path, endpoint)
        named = Path(name).suffix != ".rq"
        if everything or not (named or page or page_size):
            results = run(sparql)
        elif not binds_statement(sparql):
            raise UserError(f"{name}: cannot page a query whose results have no ?statement column (drop --page)")
        else:
            results, line = run_page(run, sparql, page or 1, page_size or PAGE_SIZE)
            click.echo(line, err=True)
        click.echo(render(results, fmt), nl=False)


def _runner(store_path: Path, endpoint: str | None) -> Callable[[str], Results]:
    """Answers SPARQL from the endpoint, else from the local store (opened once)."""
    if endpoint:
        return lambda sparql: select(endpoint, sparql)
    store = _open_existing(store_path)
    return lambda sparql: from_solutions(store.query(sparql))


@cli.command(name="push")
@click.argument("url")
@STORE_OPTION
@click.option(
    "--mode",
    type=click.Choice(MODES),
    default="auto",
    show_default=True,
    help="quads: N-Quads bulk to a dataset endpoint; graphs: one Graph Store Protocol PUT per graph.",
)
def push_command(url: str, store_path: Path, mode: str) -> None:
    """Load the whole store into a SPARQL 1.1 server (e.g. http://localhost:7878/store); see docs/remote.md."""
    store = _open_existing(store_path)
    with _user_errors():
        click.echo(push(store, url, mode).line())


@cli.command()
@STORE_OPTION
def optimize(store_path: Path) -> None:
    """Compact the store after a large ingest: smaller on disk, and faster to query."""
    store = _open_existing(store_path, read_only=False)
    with _user_errors():
        before, start = store.disk_bytes(), time.perf_counter()
        store.optimize()
        seconds, after = time.perf_counter() - start, store.disk_bytes()
    click.echo(f"optimized {store_path}: {before / 2**20:,.0f} MB -> {after / 2**20:,.0f} MB in {seconds:.1f} s")


@cli.command()
@STORE_OPTION
def validate(store_path: Path) -> None:
    """Check the store against the SHACL shapes; exit 1 when it does not conform."""
    store = _open_existing(store_path)
    with _user_errors():
        from kg.validate import validate_store  # pySHACL and rdflib load slowly; queries do not need them

        report = validate_store(store)
    click.echo(report.text())
    if not report.conforms:
        raise SystemExit(1)


@cli.command()
@STORE_OPTION
@click.option(
    "--format",
    "fmt",
    type=click.Choice(sorted(EXPORT_FORMATS)),
    default="trig",
    show_default=True,
    help="Serialisation (turtle holds the default graph only).",
)
@click.option("--out", type=click.Path(path_type=Path), help="File to write (default: stdout).")
def export(store_path: Path, fmt: str, out: Path | None) -> None:
    """Write the whole graph (all named graphs) to stdout or a file."""
    store = _open_existing(store_path)
    with _user_errors(out):
        data = export_store(store, fmt, out)
    if data is not None:
        sys.stdout.buffer.write(data)


def main() -> None:
    """Entry point of the ``kg`` console script."""
    cli(prog_name="kg")
