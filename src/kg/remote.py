"""A SPARQL 1.1 server beyond one machine: push the store there, run the named queries there.

Pushing uses the Graph Store Protocol. ``quads`` mode POSTs N-Quads in batches of whole graphs to a
dataset endpoint (Oxigraph ``/store``, Fuseki ``/DATASET/data``, GraphDB ``/repositories/REPO/statements``);
``graphs`` mode PUTs each graph as N-Triples to ``URL?graph=IRI`` (the default graph to ``URL?default``),
which any GSP server takes and which replaces each graph; ``auto`` tries quads first and falls back to
graphs when the server refuses the media type. Only the standard library is used (urllib). Credentials may
be given in the URL (``http://user:secret@host/...``) and are sent as HTTP basic authentication.
"""

from __future__ import annotations

import base64
import json
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass

from pyoxigraph import DefaultGraph, NamedNode, Quad, RdfFormat, serialize

from kg.errors import KgError
from kg.queries import Results, from_json
from kg.store import Store

MODES = ("auto", "quads", "graphs")
#: answers that mean "this endpoint does not take N-Quads here": fall back to one request per graph
REFUSED = {400, 405, 406, 415}


class RemoteError(KgError):
    """A server that cannot be reached or that refuses a request.

    >>> str(RemoteError("http://h/store", "HTTP 404 Not Found"))
    'http://h/store: HTTP 404 Not Found'
    """

    def __init__(self, url: str, problem: str, status: int | None = None) -> None:
        super().__init__(f"{_public(url)}: {problem}")
        self.status = status


@dataclass(frozen=True)
class PushReport:
    """What a push sent.

    >>> PushReport("quads", 2, 10, 3).line()
    'pushed 10 quads in 3 graphs (incl. the default graph) with 2 request(s), mode quads'
    """

    mode: str
    requests: int
    quads: int
    graphs: int

    def line(self) -> str:
        """One line for the user."""
        return (
            f"pushed {self.quads} quads in {self.graphs} graphs (incl. the default graph) "
            f"with {self.requests} request(s), mode {self.mode}"
        )


def push(store: Store, url: str, mode: str = "auto", batch: int = 50_000, timeout: float = 300.0) -> PushReport:
    """Load every graph of ``store`` into the server at ``url`` (see the module docstring for ``mode``).

    Raises :class:`RemoteError` when the server cannot be reached or refuses the data.
    """
    if mode not in MODES:
        raise KgError(f"unknown push mode {mode!r} (use one of {', '.join(MODES)})")
    if mode in ("auto", "quads"):
        try:
            return _push_quads(store, url, batch, timeout)
        except RemoteError as error:
            if mode == "quads" or error.status not in REFUSED:
                raise
    return _push_graphs(store, url, timeout)


def select(endpoint: str, sparql: str, timeout: float = 300.0) -> Results:
    """Run a SELECT query on a SPARQL 1.1 protocol endpoint and read its JSON results.

    Raises :class:`RemoteError` when the endpoint cannot be reached or answers with an error.
    """
    body = urllib.parse.urlencode({"query": sparql}).encode("utf-8")
    headers = {
        "Content-Type": "application/x-www-form-urlencoded",
        "Accept": "application/sparql-results+json",
    }
    answer = _request("POST", endpoint, body, headers, timeout)
    try:
        data = json.loads(answer)
    except ValueError:
        raise RemoteError(endpoint, "the answer is not SPARQL JSON results") from None
    if not isinstance(data, dict):
        raise RemoteError(endpoint, "the answer is not SPARQL JSON results")
    return from_json(data)


def _push_quads(store: Store, url: str, batch: int, timeout: float) -> PushReport:
    requests = quads = graphs = 0
    for chunk, graph_count in _batches(store, batch):
        body = serialize(chunk, format=RdfFormat.N_QUADS)
        _request("POST", url, body or b"", {"Content-Type": "application/n-quads"}, timeout)
        requests, quads, graphs = requests + 1, quads + len(chunk), graphs + graph_count
    return PushReport("quads", requests, quads, graphs)


def _push_graphs(store: Store, url: str, timeout: float) -> PushReport:
    requests = quads = 0
    graphs: list[NamedNode | DefaultGraph] = [DefaultGraph(), *store.graph_names()]
    for graph in graphs:
        triples = [q.triple for q in store.ox.quads_for_pattern(None, None, None, graph)]
        if not triples and isinstance(graph, DefaultGraph):
            continue
        body = serialize(triples, format=RdfFormat.N_TRIPLES) or b""
        target = _graph_url(url, graph)
        _request("PUT", target, body, {"Content-Type": "application/n-triples"}, timeout)
        requests, quads = requests + 1, quads + len(triples)
    return PushReport("graphs", requests, quads, len(graphs))


def _batches(store: Store, size: int) -> Iterator[tuple[list[Quad], int]]:
    """Quads in batches of whole graphs (a graph larger than ``size`` is split); with the graph count."""
    chunk: list[Quad] = []
    count = 0
    graphs: list[NamedNode | DefaultGraph] = [DefaultGraph(), *store.graph_names()]
    for graph in graphs:
        count += 1
        for quad in store.ox.quads_for_pattern(None, None, None, graph):
            chunk.append(quad)
            if len(chunk) >= size * 2:
                yield chunk, count
                chunk, count = [], 0
        if len(chunk) >= size:
            yield chunk, count
            chunk, count = [], 0
    if chunk or count:
        yield chunk, count


def _graph_url(url: str, graph: NamedNode | DefaultGraph) -> str:
    """The Graph Store Protocol address of one graph.

    >>> _graph_url("http://h/store", NamedNode("http://x/g#1"))
    'http://h/store?graph=http%3A%2F%2Fx%2Fg%231'
    >>> _graph_url("http://h/store?x=1", DefaultGraph())
    'http://h/store?x=1&default'
    """
    joiner = "&" if "?" in url else "?"
    if isinstance(graph, DefaultGraph):
        return f"{url}{joiner}default"
    return f"{url}{joiner}graph={urllib.parse.quote(graph.value, safe='')}"


def _request(method: str, url: str, body: bytes, headers: dict[str, str], timeout: float) -> bytes:
    address, auth = _split_credentials(url)
    request = urllib.request.Request(address, data=body, method=method, headers=headers)
    if auth:
        request.add_header("Authorization", "Basic " + base64.b64encode(auth.encode("utf-8")).decode("ascii"))
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            data: bytes = response.read()
            return data
    except urllib.error.HTTPError as error:
        detail = error.read(300).decode("utf-8", "replace").strip().splitlines()
        reason = f"HTTP {error.code} {error.reason}" + (f": {detail[0]}" if detail else "")
        raise RemoteError(url, reason, error.code) from None
    except (urllib.error.URLError, OSError) as error:
        cause = error.reason if isinstance(error, urllib.error.URLError) else error
        raise RemoteError(url, f"cannot reach the server ({cause})") from None


def _split_credentials(url: str) -> tuple[str, str | None]:
    """The URL without ``user:password@``, and ``user:password`` when given.

    >>> _split_credentials("http://ann:pw@h:7200/repositories/kg")
    ('http://h:7200/repositories/kg', 'ann:pw')
    """
    parts = urllib.parse.urlsplit(url)
    if parts.username is None:
        return url, None
    host = parts.hostname or ""
    netloc = f"{host}:{parts.port}" if parts.port else host
    credentials = f"{urllib.parse.unquote(parts.username)}:{urllib.parse.unquote(parts.password or '')}"
    return urllib.parse.urlunsplit(parts._replace(netloc=netloc)), credentials


def _public(url: str) -> str:
    """A URL fit for an error message: without its password."""
    return _split_credentials(url)[0]
