"""One benchmark size, measured in its own process (so peak RSS belongs to this size alone).

``python -m bench.measure CORPUS WORKDIR --jobs 2 [--baseline]`` prints one JSON object: ingest (text in,
validated store out: every document checked by ``kg.fastcheck`` as it is stored, the time spent in that
check's CPU time measured apart), re-ingest of the unchanged corpus, whole-store validation with pySHACL (up to
``--shacl-max`` documents), export, store size, ``kg optimize`` (its time and the size after), every named
query on the compacted store (p50/p95 over repeated runs of page 1 as ``kg query`` answers it, p50 of a
middle page, and the whole answer up to ``--all-max`` statements), and peak RSS; with ``--baseline`` the
same on rdflib (in-memory Dataset, rdflib SPARQL) and pySHACL over the whole graph.
"""

from __future__ import annotations

import argparse
import json
import resource
import shutil
import statistics
import sys
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

from pyoxigraph import RdfFormat

from kg.ingest import ingest
from kg.paging import count_query, pages, run_page
from kg.queries import Cell, Results, available, from_solutions, load
from kg.store import Store
from kg.validate import validate_store


def timed(action: Callable[[], Any]) -> tuple[float, Any]:
    """Seconds an action takes, and its result."""
    start = time.perf_counter()
    result = action()
    return time.perf_counter() - start, result


def latencies(action: Callable[[], Any], runs: int) -> tuple[dict[str, float], Any]:
    """p50 and p95 in milliseconds over ``runs`` runs, after one warm-up run whose result comes with them."""
    result = action()
    samples = sorted(timed(action)[0] * 1000 for _ in range(runs))
    p95 = samples[min(len(samples) - 1, round(0.95 * (len(samples) - 1)))]
    return {"p50": statistics.median(samples), "p95": p95}, result


def cpu_seconds() -> float:
    """User and system CPU time of this process and of its finished children (the ingest's workers)."""
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def peak_rss_mb() -> float:
    """Peak resident memory of this process and of its finished children (workers), in MB."""
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return max(own, children) / 1024


def query_figures(run: Callable[[str], Results], statements: int, runs: int, all_max: int) -> dict[str, Any]:
    """Every named query as ``kg query NAME`` runs it (page 1 of 100 statements), a page from the middle,
    and the whole answer (``--all``) while there are at most ``all_max`` statements."""
    figures: dict[str, Any] = {}
    middle = max(1, pages(statements) // 2)
    for name in available():
        sparql = load(name)
        first, (page, _) = latencies(partial(run_page, run, sparql, 1), runs)
        figures[name] = {"rows": len(page.rows), **first}
        figures[name]["middle_p50"] = latencies(partial(run_page, run, sparql, middle), runs)[0]["p50"]
        figures[name]["all_rows"] = figures[name]["all_p50"] = None
        if statements <= all_max:
            whole, everything = latencies(partial(run, sparql), max(1, runs // 2))
            figures[name]["all_rows"], figures[name]["all_p50"] = len(everything.rows), whole["p50"]
    return figures


def measure_store(
    corpus: Path, work: Path, jobs: int, runs: int, shacl_max: int, link: bool, all_max: int
) -> dict[str, Any]:
    """The embedded store: ingest with per-document validation, re-ingest, validate, export, optimize, queries."""
    path = work / "store"
    shutil.rmtree(path, ignore_errors=True)
    store = Store(path)
    before = cpu_seconds()
    seconds, report = timed(lambda: ingest([corpus], store, jobs=jobs, link=link))
    cpu = cpu_seconds() - before
    statements = sum(o.statements for o in report.outcomes)
    out: dict[str, Any] = {
        "documents": len(report.outcomes),
        "statements": statements,
        "rejected": len(report.rejected),
        "invalid": len(report.invalid),
        "ingest_s": seconds,
        "check_s": report.check_seconds,
        "ingest_cpu_s": cpu,
        "links": link,
        "quads": len(store),
    }
    out["reingest_s"], again = timed(lambda: ingest([corpus], store, jobs=jobs))
    out["reingest_unchanged"] = sum(1 for o in again.outcomes if o.status == "unchanged")
    out["validate_s"], out["conforms"] = None, None
    if out["documents"] <= shacl_max:
        out["validate_s"], validation = timed(lambda: validate_store(store))
        out["conforms"] = bool(validation.conforms)
    export = work / "graph.nq"
    out["export_s"], _ = timed(lambda: store.dump(export, RdfFormat.N_QUADS))
    store.flush()
    out["store_mb"] = store.disk_bytes() / 2**20
    # As a user would after a large ingest: the queries are timed on the compacted store.
    out["optimize_s"], _ = timed(store.optimize)
    out["optimized_mb"] = store.disk_bytes() / 2**20
    out["queries"] = query_figures(lambda sparql: from_solutions(store.query(sparql)), statements, runs, all_max)
    out["peak_rss_mb"] = peak_rss_mb()
    return out


def rdflib_results(dataset: Any, sparql: str) -> Results:
    """An rdflib SPARQL answer as :class:`kg.queries.Results` (the paging runs on it unchanged)."""
    from rdflib import BNode, URIRef

    answer = dataset.query(sparql)
    variables = tuple(str(v) for v in answer.vars)
    rows = []
    for row in answer:
        cells = {}
        for name, term in zip(variables, row, strict=True):
            if term is not None:
                kind = "uri" if isinstance(term, URIRef) else "bnode" if isinstance(term, BNode) else "literal"
                cells[name] = Cell(kind, str(term))
        rows.append(cells)
    return Results(variables, tuple(rows))


def measure_baseline(corpus: Path, work: Path, runs: int, all_max: int) -> dict[str, Any]:
    """The naive way on the same data: extraction into an rdflib Dataset, rdflib SPARQL, pySHACL."""
    from pyshacl import validate
    from rdflib import Dataset

    from kg.gazetteer import Gazetteer
    from kg.ingest import Report as IngestReport
    from kg.ingest import documents
    from kg.mapping.builder import nquads
    from kg.parallel import Job
    from kg.parallel import work as extract_and_map
    from kg.references import References, entry_lookup
    from kg.validate import shapes_graph

    dataset = Dataset()

    refs = References(entry_lookup(Gazetteer.load()))

    def load_all() -> None:
        for doc in documents([corpus], IngestReport()):
            mapped = extract_and_map(Job(doc, None, check=False))
            dataset.parse(data=mapped.nquads.decode("utf-8"), format="nquads")
            if reference := refs.unwritten(mapped.keys):
                dataset.parse(data=nquads(reference).decode("utf-8"), format="nquads")

    out: dict[str, Any] = {}
    out["ingest_s"], _ = timed(load_all)
    out["validate_s"], _ = timed(lambda: validate(dataset, shacl_graph=shapes_graph(), inference="none"))
    out["ingest_s"] += out["validate_s"]
    out["export_s"], _ = timed(lambda: dataset.serialize(destination=str(work / "baseline.nq"), format="nquads"))
    (counted,) = rdflib_results(dataset, count_query()).values("n")
    statements = int(counted or 0)
    out["queries"] = query_figures(partial(rdflib_results, dataset), statements, runs, all_max)
    out["peak_rss_mb"] = peak_rss_mb()
    return out


def main() -> None:
    """Measure one corpus and print the figures as JSON."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("corpus", type=Path)
    parser.add_argument("work", type=Path)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--baseline", action="store_true")
    parser.add_argument("--shacl-max", type=int, default=1000, help="Largest corpus validated whole by pySHACL.")
    parser.add_argument("--no-links", action="store_true", help="Ingest without candidate links.")
    parser.add_argument("--all-max", type=int, default=10_000, help="Largest corpus whose queries run whole (--all).")
    args = parser.parse_args()
    args.work.mkdir(parents=True, exist_ok=True)
    if args.baseline:
        result = measure_baseline(args.corpus, args.work, max(1, args.runs // 2), args.all_max)
    else:
        links = not args.no_links
        result = measure_store(args.corpus, args.work, args.jobs, args.runs, args.shacl_max, links, args.all_max)
    json.dump(result, sys.stdout)


if __name__ == "__main__":
    main()
