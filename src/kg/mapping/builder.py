"""A small quad collector and literal helpers used by the mapping modules."""

from __future__ import annotations

from datetime import date

from pyoxigraph import DefaultGraph, Literal, NamedNode, Quad

from kg.model import Anchor, Precision
from kg.vocab import OA, RDF_TYPE, XSD

Term = NamedNode | Literal
Graph = NamedNode | DefaultGraph

QUOTE_CONTEXT = 32


class Quads:
    """Collects quads in insertion order without duplicates.

    >>> q = Quads()
    >>> q.add(NamedNode("http://a"), NamedNode("http://b"), Literal("c"))
    >>> q.add(NamedNode("http://a"), NamedNode("http://b"), Literal("c"))
    >>> len(q.quads)
    1
    """

    def __init__(self) -> None:
        self._seen: dict[Quad, None] = {}

    def add(self, s: NamedNode, p: NamedNode, o: Term, g: Graph | None = None) -> None:
        """Add one quad (default graph when ``g`` is None)."""
        self._seen[Quad(s, p, o, g if g is not None else DefaultGraph())] = None

    def maybe(self, s: NamedNode, p: NamedNode, o: Term | None, g: Graph | None = None) -> None:
        """Add a quad only when the object is known."""
        if o is not None:
            self.add(s, p, o, g)

    @property
    def quads(self) -> list[Quad]:
        """The collected quads."""
        return list(self._seen)


def text(value: str, language: str | None = None) -> Literal:
    """A string literal, language-tagged when a tag is given.

    >>> text("Baku", "en").language
    'en'
    """
    return Literal(value, language=language) if language else Literal(value)


def integer(value: int) -> Literal:
    """An xsd:integer literal."""
    return Literal(str(value), datatype=XSD.integer)


def decimal(value: float) -> Literal:
    """An xsd:decimal literal, without a trailing ``.0`` for whole numbers.

    >>> decimal(4000.0).value, decimal(2.5).value
    ('4000', '2.5')
    """
    return Literal(f"{value:.0f}" if float(value).is_integer() else repr(value), datatype=XSD.decimal)


def boolean(value: bool) -> Literal:
    """An xsd:boolean literal."""
    return Literal("true" if value else "false", datatype=XSD.boolean)


def xsd_date(value: date) -> Literal:
    """An xsd:date literal."""
    return Literal(value.isoformat(), datatype=XSD.date)


def dated(value: str) -> Literal:
    """A publication date at its own precision: xsd:date, xsd:gYearMonth or xsd:gYear.

    >>> dated("2024-02").datatype.value
    'http://www.w3.org/2001/XMLSchema#gYearMonth'
    """
    datatype = {10: XSD.date, 7: XSD.gYearMonth, 4: XSD.gYear}.get(len(value), XSD.string)
    return Literal(value, datatype=datatype)


def unit_of(precision: Precision) -> NamedNode:
    """The OWL-Time unit for a precision (decade is the project's own unit)."""
    if precision is Precision.DECADE:
        return NamedNode("https://w3id.org/statement-kg/ontology#unitDecade")
    return NamedNode("http://www.w3.org/2006/time#unit" + precision.value.capitalize())


def add_anchor(q: Quads, doc: NamedNode, text_value: str, found: Anchor, graph: Graph) -> NamedNode:
    """Add a Web Annotation target for ``found`` and return its IRI (deterministic from offsets)."""
    node = NamedNode(f"{doc.value}/t{found.start}-{found.end}")
    position = NamedNode(node.value + "#pos")
    quote = NamedNode(node.value + "#quote")
    q.add(node, RDF_TYPE, OA.SpecificResource, graph)
    q.add(node, OA.hasSource, doc, graph)
    q.add(node, OA.hasSelector, position, graph)
    q.add(node, OA.hasSelector, quote, graph)
    q.add(position, RDF_TYPE, OA.TextPositionSelector, graph)
    q.add(position, OA.start, integer(found.start), graph)
    q.add(position, OA.end, integer(found.end), graph)
    q.add(quote, RDF_TYPE, OA.TextQuoteSelector, graph)
    q.add(quote, OA.exact, Literal(found.quote), graph)
    q.add(quote, OA.prefix, Literal(text_value[max(0, found.start - QUOTE_CONTEXT) : found.start]), graph)
    q.add(quote, OA.suffix, Literal(text_value[found.end : found.end + QUOTE_CONTEXT]), graph)
    return node
