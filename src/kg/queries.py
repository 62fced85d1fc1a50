"""Named SPARQL queries from ``queries/`` and the formats their results are printed in."""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass
from pathlib import Path

from pyoxigraph import BlankNode, Literal, NamedNode, QuerySolutions

from kg.errors import KgError
from kg.resources import QUERIES_DIR
from kg.vocab import sparql_prefixes

FORMATS = ("table", "csv", "tsv", "json")


@dataclass(frozen=True)
class Cell:
    """One bound value in SPARQL 1.1 JSON terms: type ``uri``, ``literal`` or ``bnode``."""

    type: str
    value: str
    datatype: str | None = None
    language: str | None = None

    def json(self) -> dict[str, str]:
        """The SPARQL 1.1 JSON results form of this value."""
        out = {"type": self.type, "value": self.value}
        if self.datatype:
            out["datatype"] = self.datatype
        if self.language:
            out["xml:lang"] = self.language
        return out


@dataclass(frozen=True)
class Results:
    """A table of solutions, the same whether it came from the local store or an endpoint."""

    variables: tuple[str, ...]
    rows: tuple[dict[str, Cell], ...]

    def values(self, column: str) -> list[str | None]:
        """The plain values of one column, None where unbound.

        >>> Results(("a",), ({"a": Cell("literal", "1")}, {})).values("a")
        ['1', None]
        """
        return [row[column].value if column in row else None for row in self.rows]


def available() -> list[str]:
    """Names of the named queries shipped in ``queries/``."""
    return sorted(p.stem for p in QUERIES_DIR.glob("*.rq"))


def load(name_or_path: str) -> str:
    """The SPARQL text of a named query or an ``.rq`` file, with the project's prefixes.

    >>> "np:hasAssertion" in load("statements")
    True
    """
    path = Path(name_or_path)
    if path.suffix != ".rq":
        path = QUERIES_DIR / f"{name_or_path}.rq"
        if not path.is_file():
            raise KgError(f"{name_or_path}: no such query (named queries: {', '.join(available())})")
    elif not path.is_file():
        raise KgError(f"{name_or_path}: no such query file")
    return sparql_prefixes() + path.read_text(encoding="utf-8")


def from_solutions(solutions: QuerySolutions) -> Results:
    """Results from a local Oxigraph query.

    A page repeats its terms (a statement and its speaker on every row of its events), so each distinct term
    becomes a cell once: converting was ~12% of a 100,000-statement store's ``compare`` page, now ~5%.

    >>> from pyoxigraph import Store
    >>> results = from_solutions(Store().query('SELECT ?a ?b WHERE { VALUES (?a ?b) { (1 UNDEF) (1 "x") } }'))
    >>> [sorted(row) for row in results.rows], results.rows[0]["a"] is results.rows[1]["a"]
    ([['a'], ['a', 'b']], True)
    """
    variables = tuple(v.value for v in solutions.variables)
    cells: dict[object, Cell] = {}
    rows = []
    for solution in solutions:
        row = {}
        # a solution iterates over its values in the order of the variables, unbound ones as None
        for name, term in zip(variables, solution, strict=True):
            if term is not None:
                if (cell := cells.get(term)) is None:
                    cell = cells[term] = _cell(term)
                row[name] = cell
        rows.append(row)
    return Results(variables, tuple(rows))


def from_json(data: dict[str, object]) -> Results:
    """Results from a SPARQL 1.1 JSON document (an endpoint's answer).

    >>> answer = {"head": {"vars": ["x"]}, "results": {"bindings": [{"x": {"type": "literal", "value": "1"}}]}}
    >>> from_json(answer).rows[0]["x"].value
    '1'
    """
    head = data.get("head")
    results = data.get("results")
    if not isinstance(head, dict) or not isinstance(results, dict):
        raise KgError("the endpoint did not answer with SPARQL JSON results")
    variables = tuple(head.get("vars", []))
    rows = []
    for binding in results.get("bindings", []):
        rows.append(
            {
                name: Cell(
                    "literal" if term["type"] == "typed-literal" else term["type"],
                    term["value"],
                    term.get("datatype"),
                    term.get("xml:lang"),
                )
                for name, term in binding.items()
            }
        )
    return Results(variables, tuple(rows))


def _cell(term: object) -> Cell:
    if isinstance(term, NamedNode):
        return Cell("uri", term.value)
    if isinstance(term, BlankNode):
        return Cell("bnode", term.value)
    if isinstance(term, Literal):
        datatype = term.datatype.value
        plain = datatype in (
            "http://www.w3.org/2001/XMLSchema#string",
            "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString",
        )
        return Cell("literal", term.value, None if plain else datatype, term.language)
    return Cell("literal", str(term))


def render(results: Results, fmt: str) -> str:
    """Results as text: an aligned ``table``, ``csv``, ``tsv`` or SPARQL 1.1 ``json``.

    >>> print(render(Results(("a", "b"), ({"a": Cell("literal", "x")},)), "csv").strip())
    a,b
    x,
    """
    if fmt == "json":
        return json.dumps(
            {
                "head": {"vars": list(results.variables)},
                "results": {"bindings": [{k: v.json() for k, v in row.items()} for row in results.rows]},
            },
            ensure_ascii=False,
            indent=1,
        )
    table = [[row[v].value if v in row else "" for v in results.variables] for row in results.rows]
    if fmt in ("csv", "tsv"):
        buffer = io.StringIO()
        writer = csv.writer(buffer, delimiter="," if fmt == "csv" else "\t", lineterminator="\n")
        writer.writerow(results.variables)
        writer.writerows(table)
        return buffer.getvalue()
    if fmt == "table":
        return _table(results.variables, table)
    raise KgError(f"unknown format {fmt!r} (use one of {', '.join(FORMATS)})")


def _table(header: tuple[str, ...], table: list[list[str]], width: int = 60) -> str:
    cells = [[c if len(c) <= width else c[: width - 1] + "…" for c in row] for row in table]
    sizes = [max([len(h)] + [len(r[i]) for r in cells]) for i, h in enumerate(header)]
    lines = [" | ".join(h.ljust(s) for h, s in zip(header, sizes, strict=True))]
    lines.append("-+-".join("-" * s for s in sizes))
    lines += [" | ".join(c.replace("\n", " ").ljust(s) for c, s in zip(r, sizes, strict=True)) for r in cells]
    lines.append(f"({len(table)} rows)")
    return "\n".join(lines) + "\n"
