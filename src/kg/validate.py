"""SHACL validation of the graph against ``ontology/shapes.ttl``.

The text-anchor rules need a document's text (default graph) and its anchors (assertion graphs)
in one data graph, so validation runs per document over the union of: the document's
default-graph description and the agents it names, the head, assertion, provenance and pubinfo
graphs of its statements, and the reference-graph (gazetteer) description of what they mention.
The reference and links graphs are checked on their own, and the default graph with the shapes
that flag claims made outside an assertion graph. The shapes are parsed once per process.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

import pyoxigraph as ox
from pyshacl import Validator
from pyshacl.graph_abstraction import DataGraph
from pyshacl.shapes_graph import ShapesGraph
from rdflib import BNode, Graph, Literal, Node, URIRef
from rdflib.namespace import RDF, SH
from rdflib.query import Result as RdflibResult
from rdflib.term import Variable

from kg.resources import ontology_file
from kg.store import Store

SHAPES = "https://w3id.org/statement-kg/shapes#"
#: Documents are validated in batches of about this many triples: pyshacl's cost per run is high.
BATCH_TRIPLES = 5000
DEFAULT_GRAPH_SHAPES = (URIRef(SHAPES + "DefaultGraphClaimShape"), URIRef(SHAPES + "DefaultGraphMentionShape"))
_NP = "http://www.nanopub.org/nschema#"
_STATEMENT_PARTS = tuple(ox.NamedNode(_NP + p) for p in ("hasAssertion", "hasProvenance", "hasPublicationInfo"))
_DOCUMENT_LINKS = (
    ox.NamedNode("http://purl.org/dc/terms/source"),
    ox.NamedNode("http://www.w3.org/ns/prov#wasDerivedFrom"),
)
_CLAIM_CLASSES = (
    "http://semanticweb.cs.vu.nl/2009/11/sem/Event",
    "http://semanticweb.cs.vu.nl/2009/11/sem/Role",
    "http://www.w3.org/2006/time#ProperInterval",
    "https://schema.org/QuantitativeValue",
    "http://www.w3.org/ns/oa#SpecificResource",
)
_MENTION = ox.NamedNode("https://w3id.org/statement-kg/ontology#mention")
_RDF_TYPE = ox.NamedNode(str(RDF.type))
_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
_CREATIVE_WORK = ox.NamedNode("https://schema.org/CreativeWork")
_PREFIXES = {
    SHAPES: "shape:",
    "https://w3id.org/statement-kg/ontology#": "kg:",
    "http://www.w3.org/ns/shacl#": "sh:",
}


@dataclass(frozen=True)
class Result:
    """One failed rule: which node, which property, which shape, in which named graph."""

    focus: str
    path: str | None
    message: str
    severity: str  # Violation | Warning | Info
    shape: str  # IRI of the shape or SPARQL constraint that failed
    graph: str | None  # named graph describing the focus node; None for the default graph
    value: str | None = None

    def line(self) -> str:
        """One line for a report.

        >>> Result("http://x/e", None, "An event has a type.", "Violation", SHAPES + "EventShape", None).line()
        'Violation shape:EventShape <http://x/e>: An event has a type. [default graph]'
        """
        where = f"<{self.graph}>" if self.graph else "default graph"
        path = f" {self.path}" if self.path else ""
        value = f" = {self.value}" if self.value else ""
        return f"{self.severity} {_short(self.shape)} <{self.focus}>{path}{value}: {self.message} [{where}]"


@dataclass(frozen=True)
class ValidationReport:
    """Outcome of a validation: conforms when no result is a Violation."""

    conforms: bool
    results: tuple[Result, ...]
    checked: int = 0  # documents and graphs validated

    def text(self, limit: int = 200) -> str:
        """A readable report: a verdict, counts per shape, then up to ``limit`` results.

        >>> print(report(()).text())
        Conforms: yes (0 documents and graphs checked)
        """
        verdict = "yes" if self.conforms else "no"
        lines = [f"Conforms: {verdict} ({self.checked} documents and graphs checked)"]
        counts: dict[tuple[str, str], int] = {}
        for result in self.results:
            key = (result.severity, _short(result.shape))
            counts[key] = counts.get(key, 0) + 1
        lines += [f"  {n:6d}  {severity} {shape}" for (severity, shape), n in sorted(counts.items())]
        lines += [r.line() for r in self.results[:limit]]
        if len(self.results) > limit:
            lines.append(f"... and {len(self.results) - limit} more")
        return "\n".join(lines)


def report(results: Iterable[Result], checked: int = 0) -> ValidationReport:
    """A report from results (duplicates dropped, sorted by shape and focus).

    >>> report([]).conforms
    True
    """
    unique = sorted(set(results), key=lambda r: (r.shape, r.focus, r.path or "", r.message))
    conforms = not any(r.severity == "Violation" for r in unique)
    return ValidationReport(conforms, tuple(unique), checked)


def validate_store(store: Store | ox.Store) -> ValidationReport:
    """Validate a whole dataset: every document with its statements, each reference graph, the default graph.

    >>> validate_store(ox.Store()).conforms
    True
    """
    data = store.ox if isinstance(store, Store) else store
    heads = _statements(data)
    statement_graphs = {g for parts in heads.values() for g in parts}
    reference = [g for g in data.named_graphs() if isinstance(g, ox.NamedNode) and g not in statement_graphs]
    by_document: dict[ox.NamedNode | None, list[ox.NamedNode]] = {}
    for statement, parts in heads.items():
        by_document.setdefault(_document_of(data, statement, parts), []).append(statement)
    for described in _documents(data):
        by_document.setdefault(described, [])
    results: list[Result] = []
    batch = _Union()
    for doc, statements in by_document.items():
        _add_document(batch, data, doc, [heads[s] for s in statements], reference)
        if len(batch.graph) >= BATCH_TRIPLES:
            results += _run(batch.graph, batch.origin)
            batch = _Union()
    results += _run(batch.graph, batch.origin)
    for graph in reference:
        results += _validate_graph(data, graph)
    results += _validate_default_graph(data)
    return report(results, len(by_document) + len(reference) + 1)


def validate_quads(quads: Iterable[ox.Quad]) -> ValidationReport:
    """Validate quads on their own, e.g. one document's mapping before it is stored.

    >>> validate_quads([]).conforms
    True
    """
    data = ox.Store()
    data.extend(quads)
    return validate_store(data)


# ---------------------------------------------------------------- shapes


@functools.cache
def shapes_graph() -> Graph:
    """The parsed shapes (ontology/shapes.ttl), once per process.

    >>> (URIRef(SHAPES + "EventShape"), RDF.type, SH.NodeShape) in shapes_graph()
    True
    """
    return Graph().parse(ontology_file("shapes.ttl"), format="turtle")


@functools.cache
def _compiled(default_graph: bool) -> ShapesGraph:
    graph = shapes_graph()
    if default_graph:
        graph = Graph()
        graph += shapes_graph()
        for shape in set(graph.subjects(RDF.type, SH.NodeShape)):
            graph.set((shape, SH.deactivated, Literal(shape not in DEFAULT_GRAPH_SHAPES)))
    return ShapesGraph(graph)


class _MirroredGraph(Graph):
    """An rdflib data graph whose SPARQL queries run on an Oxigraph copy of the same triples.

    pyshacl sends each SPARQL constraint once per focus node; rdflib parses and evaluates it in
    Python, Oxigraph in Rust an order of magnitude faster, with the same SPARQL semantics
    (SUBSTR and STRLEN count code points in both).
    """

    def __init__(self) -> None:
        super().__init__()
        self.mirror = ox.Store()

    def query(
        self,
        query_object: Any,
        processor: Any = "sparql",
        result: Any = "sparql",
        initNs: Any = None,
        initBindings: Any = None,
        use_store_provided: bool = True,
        **kwargs: Any,
    ) -> Any:
        if not isinstance(query_object, str):
            return super().query(query_object, processor, result, initNs, initBindings, use_store_provided, **kwargs)
        bindings: dict[ox.Variable, ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple] = {
            ox.Variable(str(k)): _ox_term(v) for k, v in (initBindings or {}).items()
        }
        solutions = self.mirror.query(query_object, substitutions=bindings)
        assert isinstance(solutions, ox.QuerySolutions)
        names = [v.value for v in solutions.variables]
        found = RdflibResult("SELECT")
        found.vars = [Variable(n) for n in names]
        found.bindings = [{Variable(n): _term(row[n]) for n in names if row[n] is not None} for row in solutions]
        return found


Origin = dict[tuple[Node, Node | None], str | None]


def _run(data: Graph, origin: Origin, default_graph: bool = False) -> list[Result]:
    if len(data) == 0:
        return []
    shapes = _compiled(default_graph)
    options = {"inference": "none", "inplace": True, "advanced": False}
    validator = Validator(DataGraph.from_rdflib(data), shacl_graph=shapes.graph, options=options)
    validator.shacl_graph = shapes  # reuse the harvested shapes instead of re-reading them per run
    _, report_graph, _ = validator.run()  # type: ignore[no-untyped-call]
    return list(_results(report_graph, origin))


def _results(report_graph: Graph, origin: Origin) -> Iterator[Result]:
    for node in report_graph.objects(None, SH.result):
        focus = report_graph.value(node, SH.focusNode)
        shape = report_graph.value(node, SH.sourceConstraint)
        if not isinstance(shape, URIRef):
            shape = report_graph.value(node, SH.sourceShape)
        path = report_graph.value(node, SH.resultPath)
        value = report_graph.value(node, SH.value)
        severity = report_graph.value(node, SH.resultSeverity)
        messages = sorted(str(m) for m in report_graph.objects(node, SH.resultMessage))
        yield Result(
            focus=str(focus),
            path=_path_text(report_graph, path) if path is not None else None,
            message=" ".join(messages),
            severity=str(severity).rsplit("#", 1)[-1],
            shape=str(shape),
            graph=origin.get((focus, path), origin.get((focus, None))) if focus is not None else None,
            value=str(value) if value is not None else None,
        )


def _path_text(graph: Graph, path: Node) -> str:
    if isinstance(path, URIRef):
        return f"<{path}>"
    alternatives = graph.value(path, SH.alternativePath)
    if alternatives is not None:
        return "|".join(_path_text(graph, p) for p in graph.items(alternatives))
    steps = list(graph.items(path))
    return "/".join(_path_text(graph, p) for p in steps) if steps else str(path)


def _short(iri: str) -> str:
    for namespace, prefix in _PREFIXES.items():
        if iri.startswith(namespace):
            return prefix + iri[len(namespace) :]
    return f"<{iri}>"


# ---------------------------------------------------------------- data units


def _statements(data: ox.Store) -> dict[ox.NamedNode, tuple[ox.NamedNode, ...]]:
    """Each statement with its graphs: head first, then assertion, provenance, pubinfo."""
    heads: dict[ox.NamedNode, list[ox.NamedNode]] = {}
    for quad in data.quads_for_pattern(None, _STATEMENT_PARTS[0], None, None):
        head = quad.graph_name
        if isinstance(quad.subject, ox.NamedNode) and isinstance(head, ox.NamedNode):
            parts = heads.setdefault(quad.subject, [head])
            for part in _STATEMENT_PARTS:
                parts += [
                    q.object
                    for q in data.quads_for_pattern(quad.subject, part, None, head)
                    if isinstance(q.object, ox.NamedNode) and q.object not in parts
                ]
    return {statement: tuple(parts) for statement, parts in heads.items()}


def _document_of(data: ox.Store, statement: ox.NamedNode, parts: tuple[ox.NamedNode, ...]) -> ox.NamedNode | None:
    """The statement's document: its pubinfo dcterms:source, else its assertion's prov:wasDerivedFrom."""
    for link in _DOCUMENT_LINKS:
        for graph in parts:
            for quad in data.quads_for_pattern(None, link, None, graph):
                if isinstance(quad.object, ox.NamedNode):
                    return quad.object
    return None


def _documents(data: ox.Store) -> Iterator[ox.NamedNode]:
    for quad in data.quads_for_pattern(None, _RDF_TYPE, _CREATIVE_WORK, ox.DefaultGraph()):
        if isinstance(quad.subject, ox.NamedNode):
            yield quad.subject


def _add_document(
    union: _Union,
    data: ox.Store,
    doc: ox.NamedNode | None,
    statements: list[tuple[ox.NamedNode, ...]],
    reference: list[ox.NamedNode],
) -> None:
    """One document with its statements, the agents it names and the entities they mention."""
    seeds: set[ox.NamedNode | ox.BlankNode] = {doc} if doc is not None else set()
    for parts in statements:
        for graph in parts:
            seeds |= union.add(data.quads_for_pattern(None, None, None, graph))
    for graph in reference:
        seeds |= union.add_closure(data, seeds, graph)
    agents = union.add(q for s in seeds for q in data.quads_for_pattern(s, None, None, ox.DefaultGraph()))
    union.add(q for s in agents - seeds for q in data.quads_for_pattern(s, None, None, ox.DefaultGraph()))


def _validate_graph(data: ox.Store, graph: ox.NamedNode) -> list[Result]:
    union = _Union()
    union.add(data.quads_for_pattern(None, None, None, graph))
    return _run(union.graph, union.origin)


def _validate_default_graph(data: ox.Store) -> list[Result]:
    union = _Union()
    for cls in _CLAIM_CLASSES:
        union.add(data.quads_for_pattern(None, _RDF_TYPE, ox.NamedNode(cls), ox.DefaultGraph()))
    union.add(data.quads_for_pattern(None, _MENTION, None, ox.DefaultGraph()))
    return _run(union.graph, union.origin, default_graph=True)


class _Union:
    """An rdflib data graph assembled from quads, remembering which named graph first gave each
    subject (and each subject's property), to say where a failing node is described."""

    def __init__(self) -> None:
        self.graph = _MirroredGraph()
        self.origin: Origin = {}

    def add(self, quads: Iterable[ox.Quad]) -> set[ox.NamedNode | ox.BlankNode]:
        """Add quads to the data graph; return the nodes they mention."""
        nodes: set[ox.NamedNode | ox.BlankNode] = set()
        for quad in quads:
            subject, predicate = _term(quad.subject), _term(quad.predicate)
            graph = quad.graph_name.value if isinstance(quad.graph_name, ox.NamedNode) else None
            self.origin.setdefault((subject, None), graph)
            self.origin.setdefault((subject, predicate), graph)
            self.graph.add((subject, predicate, _term(quad.object)))
            self.graph.mirror.add(ox.Quad(quad.subject, quad.predicate, quad.object))
            if isinstance(quad.subject, ox.NamedNode | ox.BlankNode):
                nodes.add(quad.subject)
            if isinstance(quad.object, ox.NamedNode | ox.BlankNode):
                nodes.add(quad.object)
        return nodes

    def add_closure(
        self, data: ox.Store, start: set[ox.NamedNode | ox.BlankNode], graph: ox.NamedNode
    ) -> set[ox.NamedNode | ox.BlankNode]:
        """Add what ``graph`` says about ``start`` and, transitively, what that points to; return the nodes."""
        todo, seen = list(start), set(start)
        while todo:
            found = self.add(data.quads_for_pattern(todo.pop(), None, None, graph))
            todo += found - seen
            seen |= found
        return seen


@functools.lru_cache(maxsize=1 << 16)
def _term(term: Any) -> URIRef | BNode | Literal:
    """The rdflib term for an Oxigraph term; cached, as predicates and classes repeat on every line."""
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        if term.datatype.value == _XSD_STRING:  # rdflib tells a plain literal from an xsd:string one
            return Literal(term.value)
        return Literal(term.value, datatype=URIRef(term.datatype.value))
    raise TypeError(f"not an RDF term: {term!r}")


def _ox_term(node: Node) -> ox.NamedNode | ox.BlankNode | ox.Literal:
    if isinstance(node, Literal):
        if node.language:
            return ox.Literal(str(node), language=node.language)
        datatype = node.datatype or URIRef(_XSD_STRING)
        return ox.Literal(str(node), datatype=ox.NamedNode(str(datatype)))
    return ox.BlankNode(str(node)) if isinstance(node, BNode) else ox.NamedNode(str(node))
