"""Paging a named query by statement: pick one page of statements, then answer for those statements only.

A full answer grows with the store (every mention of every statement), so ``kg query`` shows one page of
statements at a time. The page's statements are chosen by a cheap query in the store's order, and the named query is
then run with ``VALUES ?statement { ... }`` at the head of its ``WHERE`` group, which every named query is
written to start from: each row is found by index lookups from those statements, so a page costs the same
in a small store and a large one. Rows keep the query's own ``ORDER BY`` within the page.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Callable, Sequence
from concurrent.futures import Future

from kg.errors import KgError
from kg.queries import Results
from kg.vocab import NP

#: the variable every named query binds, and pages over
VARIABLE = "statement"
#: statements per page unless told otherwise
PAGE_SIZE = 100

_STATEMENTS = f"GRAPH ?head {{ ?statement <{NP.hasAssertion.value}> ?assertion }}"
_WHERE = re.compile(r"\bWHERE\s*\{", re.IGNORECASE)
#: an IRI, a string or a comment: a ``#`` starts a comment only outside the first two
_TOKEN = re.compile(r"<[^<>\"{}|^`\\\s]*>|\"(?:[^\"\\\n]|\\.)*\"|'(?:[^'\\\n]|\\.)*'|#[^\n]*")
_SELECT = re.compile(r"\bSELECT\b(.*?)\bWHERE\b", re.IGNORECASE | re.DOTALL)


def statements_query(page: int, size: int = PAGE_SIZE) -> str:
    """The statements of page ``page`` (1-based) of ``size`` statements each, in the store's own order.

    No ``ORDER BY``: Oxigraph sorts IRIs by reading each one back (seconds for 100,000 statements), while its
    index order is stable for a store that does not change, and the same in every Oxigraph holding the data.

    >>> print(statements_query(3, 10))
    SELECT ?statement WHERE { GRAPH ?head { ?statement <http://www.nanopub.org/nschema#hasAssertion> ?assertion } }
    LIMIT 10 OFFSET 20
    """
    _check(page, size)
    return f"SELECT ?{VARIABLE} WHERE {{ {_STATEMENTS} }}\nLIMIT {size} OFFSET {(page - 1) * size}"


def count_query() -> str:
    """How many statements the store holds, as ``?n``.

    >>> count_query().startswith("SELECT (COUNT(?statement) AS ?n)")
    True
    """
    return f"SELECT (COUNT(?{VARIABLE}) AS ?n) WHERE {{ {_STATEMENTS} }}"


def binds_statement(sparql: str) -> bool:
    """Whether the query's result has a ``?statement`` column (by name, or by ``SELECT *``).

    >>> binds_statement("SELECT ?statement ?x WHERE { ?statement ?p ?x }")
    True
    >>> binds_statement("# ?statement\\nSELECT ?x WHERE { ?statement ?p ?x }")
    False
    """
    match = _SELECT.search(_uncommented(sparql))
    if match is None:
        return False
    projection = match.group(1)
    return projection.strip() == "*" or re.search(rf"\?{VARIABLE}\b", projection) is not None


def page_query(sparql: str, statements: Sequence[str]) -> str:
    """``sparql`` answered for ``statements`` (IRIs) only: ``VALUES ?statement`` opens its first ``WHERE`` group.

    >>> print(page_query("SELECT * WHERE {\\n ?statement ?p ?o }", ["http://x/s1", "http://x/s2"]))
    SELECT * WHERE { VALUES ?statement { <http://x/s1> <http://x/s2> }
     ?statement ?p ?o }
    """
    match = _WHERE.search(_uncommented(sparql))
    if match is None:
        raise KgError("cannot page this query: it has no WHERE group")
    values = " ".join(f"<{iri}>" for iri in statements)
    return f"{sparql[: match.end()]} VALUES ?{VARIABLE} {{ {values} }}{sparql[match.end() :]}"


def run_page(run: Callable[[str], Results], sparql: str, page: int, size: int = PAGE_SIZE) -> tuple[Results, str]:
    """Page ``page`` of ``sparql``'s answer, and the note for stderr; ``run`` answers one SPARQL query.

    The total is counted only when the page does not tell it (a short page is the last one), and then
    beside the page's own query, in a thread: Oxigraph and HTTP both release the GIL, so on a machine with
    two cores the count (a scan of every statement, 80 ms at 100,000) adds nothing to the page's time.

    >>> from kg.queries import Cell
    >>> def run(sparql: str) -> Results:  # every query, the page's and the named one, finds statement 3
    ...     return Results(("statement",), ({"statement": Cell("uri", "http://x/s3")},))
    >>> results, line = run_page(run, "SELECT ?statement WHERE { ?statement ?p ?o }", 2, 2)
    >>> results.values("statement"), line
    (['http://x/s3'], 'page 2 of 2 (statements 3-3 of 3); everything: --all')
    """
    statements = [iri for iri in run(statements_query(page, size)).values(VARIABLE) if iri is not None]
    if 0 < len(statements) < size:
        return run(page_query(sparql, statements)), note(page, size, (page - 1) * size + len(statements))
    counting = _in_background(run, count_query())
    results = run(page_query(sparql, statements))
    (counted,) = counting.result().values("n")
    return results, note(page, size, int(counted or 0))


def _in_background(run: Callable[[str], Results], sparql: str) -> Future[Results]:
    """The answer to ``sparql``, computed in a daemon thread (an interrupted page need not wait for it).

    >>> from kg.queries import Cell
    >>> _in_background(lambda q: Results(("q",), ({"q": Cell("literal", q)},)), "SELECT 1").result().values("q")
    ['SELECT 1']
    """
    answer: Future[Results] = Future()

    def target() -> None:
        try:
            answer.set_result(run(sparql))
        except BaseException as error:  # handed to the thread that waits for the answer
            answer.set_exception(error)

    threading.Thread(target=target, name="kg-count", daemon=True).start()
    return answer


def pages(total: int, size: int = PAGE_SIZE) -> int:
    """How many pages ``total`` statements fill (at least one, so that an empty store has page 1).

    >>> pages(250, 100), pages(200, 100), pages(0, 100)
    (3, 2, 1)
    """
    return max(1, -(-total // size))


def note(page: int, size: int, total: int) -> str:
    """The line for stderr: which page this was and how to get the next one or everything.

    >>> note(1, 100, 250)
    'page 1 of 3 (statements 1-100 of 250); next: --page 2; everything: --all'
    >>> note(3, 100, 250)
    'page 3 of 3 (statements 201-250 of 250); everything: --all'
    >>> note(1, 100, 0)
    'the store holds no statements'
    >>> note(4, 100, 250)
    'page 4 of 3: past the last page (250 statements); everything: --all'
    """
    if total == 0:
        return "the store holds no statements"
    last = pages(total, size)
    if page > last:
        return f"page {page} of {last}: past the last page ({total} statements); everything: --all"
    first, end = (page - 1) * size + 1, min(page * size, total)
    following = f"; next: --page {page + 1}" if page < last else ""
    return f"page {page} of {last} (statements {first}-{end} of {total}){following}; everything: --all"


def _check(page: int, size: int) -> None:
    if page < 1 or size < 1:
        raise KgError(f"page and page size start at 1 (got page {page}, size {size})")


def _uncommented(sparql: str) -> str:
    """``sparql`` with every comment blanked out, same length, so that offsets still match the original."""
    return _TOKEN.sub(lambda m: " " * len(m.group()) if m.group().startswith("#") else m.group(), sparql)
