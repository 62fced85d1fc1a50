"""Run the benchmark: generate corpora, measure each size in its own process, print a table.

``python -m bench --sizes 1000,10000 --jobs 2 --baseline-max 1000 --results bench/RESULTS.md``
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
from datetime import UTC, datetime
from functools import partial
from importlib.metadata import version
from pathlib import Path
from typing import Any

from bench.generator import write_corpus
from bench.measure import timed

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("statement-kg", "pyoxigraph", "rdflib", "pyshacl")


#: where corpora and stores are written unless told otherwise: a fixed folder, so that runs are comparable
WORKDIR = Path(tempfile.gettempdir()) / "kg-bench"


def folders(workdir: Path, size: int) -> tuple[Path, Path, Path]:
    """The corpus, store and baseline folders of one size under ``workdir``.

    The same for every run: the store's document IRIs, made from the files' paths, are then the same too.

    >>> [p.name for p in folders(Path("/nonexistent"), 10)]
    ['corpus-10', 'work-10', 'base-10']
    """
    return workdir / f"corpus-{size}", workdir / f"work-{size}", workdir / f"base-{size}"


def remove(paths: tuple[Path, ...]) -> None:
    """Remove the folders (what an earlier run left, or this run's: a 100k store takes 9 GB)."""
    for path in paths:
        shutil.rmtree(path, ignore_errors=True)


def run_measure(
    corpus: Path, work: Path, jobs: int, runs: int, baseline: bool, shacl_max: int, link: bool, all_max: int
) -> dict[str, Any]:
    """Measure one corpus in a fresh process; its JSON output as a dict."""
    command = [sys.executable, "-m", "bench.measure", str(corpus), str(work), "--jobs", str(jobs), "--runs", str(runs)]
    command += ["--shacl-max", str(shacl_max), "--all-max", str(all_max), *([] if link else ["--no-links"])]
    if baseline:
        command.append("--baseline")
    done = subprocess.run(command, capture_output=True, text=True, cwd=ROOT, check=False)
    if done.returncode != 0:
        raise SystemExit(f"measuring {corpus} failed:\n{done.stderr[-3000:]}")
    result: dict[str, Any] = json.loads(done.stdout)
    return result


def environment() -> list[str]:
    """Machine, date and versions, for the results file."""
    cpu = platform.processor() or platform.machine()
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as info:
            cpu = next((line.split(":", 1)[1].strip() for line in info if line.startswith("model name")), cpu)
    except OSError:
        pass
    memory = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    versions = ", ".join(f"{name} {version(name)}" for name in PACKAGES)
    return [
        f"- date: {datetime.now(UTC):%Y-%m-%d %H:%M} UTC",
        f"- machine: {cpu}, {os.cpu_count()} cores visible, {memory:.0f} GB RAM, {platform.platform()}",
        f"- Python {platform.python_version()}; {versions}",
    ]


def _fmt(value: float | None, unit: str = "", digits: int = 1) -> str:
    return "n/a" if value is None else f"{value:,.{digits}f}{unit}"


def size_table(size: int, store: dict[str, Any], base: dict[str, Any] | None, jobs: int) -> list[str]:
    """Markdown rows for one size: the embedded store beside the naive baseline."""
    skipped = "skipped (too slow at this size)"

    def b(key: str, unit: str = "", digits: int = 1) -> str:
        return _fmt(base[key], unit, digits) if base else skipped

    rate = store["statements"] / store["ingest_s"]
    base_ingest = skipped
    if base:
        base_rate = _fmt(store["statements"] / base["ingest_s"], " st/s")
        base_ingest = f"{_fmt(base['ingest_s'], ' s')} = {base_rate} (1 process)"
    rows = [
        f"### {size:,} statements ({store['documents']:,} documents, {store['quads']:,} quads)",
        "",
        "| figure | statement-kg (Oxigraph store) | naive baseline (rdflib + pySHACL) |",
        "|---|---|---|",
        f"| ingest end to end, --jobs {jobs} (text in, validated store out"
        f"{'' if store['links'] else ', WITHOUT candidate links'}) | {_fmt(store['ingest_s'], ' s')}"
        f" = {_fmt(rate, ' st/s')} | {base_ingest} |",
        f"| re-ingest unchanged corpus | {_fmt(store['reingest_s'], ' s')}"
        f" ({store['ingest_s'] / max(store['reingest_s'], 1e-9):,.0f}x faster) | n/a |",
        f"| per-document check during ingest (kg.fastcheck, CPU time summed over the workers)"
        f" | {_fmt(store['check_s'], ' s')}"
        f" = {100 * store['check_s'] / store['ingest_cpu_s']:.1f}% of the ingest's"
        f" {store['ingest_cpu_s']:,.0f} CPU-seconds"
        f" ({100 * store['check_s'] / store['ingest_s']:.1f}% of its wall time) | (pySHACL, in ingest above) |",
        f"| validation, whole store (pySHACL, kg.validate) | "
        f"{_fmt(store['validate_s'], ' s') if store['validate_s'] is not None else 'skipped (--shacl-max)'}"
        f" | {b('validate_s', ' s')} (pySHACL) |",
        f"| export (N-Quads) | {_fmt(store['export_s'], ' s')} | {b('export_s', ' s')} |",
        f"| store size on disk | {_fmt(store['store_mb'], ' MB')} | in memory |",
        f"| `kg optimize` (compaction; the queries below run after it) | {_fmt(store['optimize_s'], ' s')}:"
        f" {_fmt(store['store_mb'], ' MB')} -> {_fmt(store['optimized_mb'], ' MB')} | n/a |",
        f"| peak RSS | {_fmt(store['peak_rss_mb'], ' MB', 0)} | {b('peak_rss_mb', ' MB', 0)} |",
        f"| rejected / invalid documents | {store['rejected']} / {store['invalid']} | |",
    ]
    whole = []
    for name, figures in store["queries"].items():
        theirs = base["queries"][name] if base else None
        rdflib = f"{_fmt(theirs['p50'], ' ms')} / {_fmt(theirs['p95'], ' ms')}" if theirs else skipped
        rows.append(
            f"| `kg query {name}` (page 1: {figures['rows']:,} rows) p50 / p95; middle page p50 | "
            f"{_fmt(figures['p50'], ' ms')} / {_fmt(figures['p95'], ' ms')}; {_fmt(figures['middle_p50'], ' ms')}"
            f" | {rdflib} |"
        )
        if figures["all_p50"] is not None:
            rdflib = _fmt(theirs["all_p50"], " ms") if theirs and theirs["all_p50"] is not None else skipped
            whole.append(
                f"| `kg query {name} --all` ({figures['all_rows']:,} rows) p50 | {_fmt(figures['all_p50'], ' ms')}"
                f" | {rdflib} |"
            )
    return [*rows, *whole, ""]


def main() -> None:
    """Generate, measure and print; optionally write the results file."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", default="1000", help="Comma-separated corpus sizes, e.g. 1000,10000,100000.")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--runs", type=int, default=5, help="Runs per query (p50/p95).")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--baseline-max", type=int, default=100, help="Largest size also measured on rdflib.")
    parser.add_argument("--shacl-max", type=int, default=1000, help="Largest size validated whole by pySHACL.")
    parser.add_argument("--links-max", type=int, default=10**9, help="Largest size ingested with candidate links.")
    parser.add_argument("--all-max", type=int, default=10_000, help="Largest size whose queries also run whole.")
    parser.add_argument("--results", type=Path, help="Write the table with machine, date and versions here.")
    parser.add_argument(
        "--workdir",
        type=Path,
        default=WORKDIR,
        help="Folder for the corpora and stores; their subfolders are replaced, then removed. Document IRIs come "
        "from file paths: the same folder gives the same store, and the same statements on each query's page 1.",
    )
    args = parser.parse_args()
    lines = ["# statement-kg benchmark", "", *environment(), ""]
    for size in (int(s) for s in args.sizes.split(",")):
        paths = folders(args.workdir, size)
        corpus, work, base_work = paths
        remove(paths)
        try:
            generated, _ = timed(partial(write_corpus, corpus, size, args.seed))
            link = size <= args.links_max
            store = run_measure(
                corpus, work, args.jobs, args.runs, False, args.shacl_max, link=link, all_max=args.all_max
            )
            base = None
            if size <= args.baseline_max:
                base = run_measure(
                    corpus, base_work, 1, args.runs, True, args.shacl_max, link=True, all_max=args.all_max
                )
        finally:
            remove(paths)
        table = size_table(size, store, base, args.jobs)
        table.insert(1, f"\n(corpus generated in {generated:.1f} s, seed {args.seed})")
        print("\n".join(table), flush=True)
        lines += table
    if args.results:
        args.results.write_text("\n".join(lines) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
