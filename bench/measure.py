"""One benchmark size, measured in its own process (so peak RSS belongs to this size alone).

``python -m bench.measure CORPUS WORKDIR --jobs 2 [--baseline]`` prints one JSON object: ingest (text in,
validated store out: every document checked by ``kg.fastcheck`` as it is stored, the time spent in that
check measured apart), re-ingest of the unchanged corpus, whole-store validation with pySHACL (up to
``--shacl-max`` documents), export, every named query (p50/p95 over repeated runs, all rows read), store
size and peak RSS; with ``--baseline`` the same on rdflib (in-memory Dataset, rdflib SPARQL) and pySHACL
over the whole graph.
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
from kg.queries import available, from_solutions, load
from kg.store import Store
from kg.validate import validate_store


def timed(action: Callable[[], Any]) -> tuple[float, Any]:
    """Seconds an action takes, and its result."""
    start = time.perf_counter()
    result = action()
    return time.perf_counter() - start, result


def latencies(action: Callable[[], Any], runs: int) -> dict[str, float]:
    """p50 and p95 in milliseconds over ``runs`` runs (after one warm-up run)."""
    action()
    samples = sorted(timed(action)[0] * 1000 for _ in range(runs))
    p95 = samples[min(len(samples) - 1, round(0.95 * (len(samples) - 1)))]
    return {"p50": statistics.median(samples), "p95": p95}


def peak_rss_mb() -> float:
    """Peak resident memory of this process and of its finished children (workers), in MB."""
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return max(own, children) / 1024


def folder_mb(path: Path) -> float:
    """Size of a folder on disk, in MB."""
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file()) / 2**20


def measure_store(corpus: Path, work: Path, jobs: int, runs: int, shacl_max: int, link: bool) -> dict[str, Any]:
    """The embedded store: ingest with per-document validation, re-ingest, validate, export, queries."""
    path = work / "store"
    shutil.rmtree(path, ignore_errors=True)
    store = Store(path)
    seconds, report = timed(lambda: ingest([corpus], store, jobs=jobs, link=link))
    statements = sum(o.statements for o in report.outcomes)
    out: dict[str, Any] = {
        "documents": len(report.outcomes),
        "statements": statements,
        "rejected": len(report.rejected),
        "invalid": len(report.invalid),
        "ingest_s": seconds,
        "check_s": report.check_seconds,
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
    out["queries"] = {}
    for name in available():
        sparql = load(name)
        rows = len(from_solutions(store.query(sparql)).rows)
        timing = latencies(partial(_select_all, store, sparql), runs)
        out["queries"][name] = {"rows": rows, **timing}
    store.flush()
    out["store_mb"] = folder_mb(path)
    out["peak_rss_mb"] = peak_rss_mb()
    return out


def _select_all(store: Store, sparql: str) -> int:
    return len(from_solutions(store.query(sparql)).rows)


def _rdflib_select_all(dataset: Any, sparql: str) -> int:
    return len(list(dataset.query(sparql)))


def measure_baseline(corpus: Path, work: Path, runs: int) -> dict[str, Any]:
    """The naive way on the same data: extraction into an rdflib Dataset, rdflib SPARQL, pySHACL."""
    from pyshacl import validate
    from rdflib import Dataset

    from kg.ingest import Report as IngestReport
    from kg.ingest import documents
    from kg.parallel import Job
    from kg.parallel import work as extract_and_map
    from kg.validate import shapes_graph

    dataset = Dataset()

    def load_all() -> None:
        for doc in documents([corpus], IngestReport()):
            mapped = extract_and_map(Job(doc, None))
            dataset.parse(data=mapped.nquads.decode("utf-8"), format="nquads")

    out: dict[str, Any] = {}
    out["ingest_s"], _ = timed(load_all)
    out["validate_s"], _ = timed(lambda: validate(dataset, shacl_graph=shapes_graph(), inference="none"))
    out["ingest_s"] += out["validate_s"]
    out["export_s"], _ = timed(lambda: dataset.serialize(destination=str(work / "baseline.nq"), format="nquads"))
    out["queries"] = {}
    for name in available():
        sparql = load(name)
        out["queries"][name] = latencies(partial(_rdflib_select_all, dataset, sparql), runs)
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
    args = parser.parse_args()
    args.work.mkdir(parents=True, exist_ok=True)
    if args.baseline:
        result = measure_baseline(args.corpus, args.work, max(1, args.runs // 2))
    else:
        result = measure_store(args.corpus, args.work, args.jobs, args.runs, args.shacl_max, not args.no_links)
    json.dump(result, sys.stdout)


if __name__ == "__main__":
    main()
