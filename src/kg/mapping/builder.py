"""A small quad collector and literal helpers used by the mapping modules.

Mapping collects quads as :data:`Row` tuples of terms, not as pyoxigraph ``Quad`` objects: building a
``Quad`` costs about 4 µs (measured; a ``NamedNode`` 0.9 µs), a tuple a few dozen
nanoseconds, and a document has some 500 of them. Rows become N-Quads (:func:`nquads`) for the store,
or ``Quad`` objects (:func:`to_quads`) where a caller needs them.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from pyoxigraph import BlankNode, DefaultGraph, Literal, NamedNode, Quad

from kg.model import Anchor, Precision
from kg.vocab import OA, RDF_TYPE, XSD

Term = NamedNode | Literal
Graph = NamedNode | DefaultGraph
#: one quad as a plain tuple: subject, predicate, object, graph (``DEFAULT`` for the default graph);
#: RDF 1.2 triple terms are not among them: the model makes none
Row = tuple[NamedNode | BlankNode, NamedNode, NamedNode | BlankNode | Literal, NamedNode | BlankNode | DefaultGraph]

DEFAULT = DefaultGraph()
QUOTE_CONTEXT = 32


class Quads:
    """Collects quads as rows, in insertion order without duplicates.

    >>> q = Quads()
    >>> q.add(NamedNode("http://a"), NamedNode("http://b"), Literal("c"))
    >>> q.add(NamedNode("http://a"), NamedNode("http://b"), Literal("c"))
    >>> len(q.rows)
    1
    """

    def __init__(self) -> None:
        self._seen: dict[Row, None] = {}

    def add(self, s: NamedNode, p: NamedNode, o: Term, g: Graph | None = None) -> None:
        """Add one quad (default graph when ``g`` is None)."""
        self._seen[(s, p, o, DEFAULT if g is None else g)] = None

    def maybe(self, s: NamedNode, p: NamedNode, o: Term | None, g: Graph | None = None) -> None:
        """Add a quad only when the object is known."""
        if o is not None:
            self.add(s, p, o, g)

    @property
    def rows(self) -> list[Row]:
        """The collected quads."""
        return list(self._seen)


def to_quads(rows: Iterable[Row]) -> list[Quad]:
    """Rows as pyoxigraph quads."""
    return [Quad(*row) for row in rows]


def nquads(rows: Iterable[Row]) -> bytes:
    """Rows in N-Quads, one line each, in the form pyoxigraph's own serialiser writes.

    Anything but a term (an RDF 1.2 triple term too: its ``str`` is not N-Quads) is a TypeError here, in the
    worker, where it costs one document; as a line of text it would fail the bulk load of a whole batch.

    >>> nquads([(NamedNode("http://a"), NamedNode("http://b"), Literal('say "hi"', language="en"), DEFAULT)]).decode()
    '<http://a> <http://b> "say \\\\"hi\\\\""@en .\\n'
    """
    written: dict[object, str] = {DEFAULT: ""}
    lines = []
    for row in rows:
        for term in row:
            if (form := written.get(term)) is None:
                # a document repeats its nodes, predicates and graph names: each is written (and checked) once
                if not isinstance(term, NamedNode | BlankNode | Literal):
                    raise TypeError(f"not an RDF term: {term!r}")
                form = written[term] = f"{term} "
            lines.append(form)
        lines.append(".\n")
    return "".join(lines).encode()


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
