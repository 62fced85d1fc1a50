"""The shapes of ``ontology/shapes.ttl``, checked in plain Python over one document's quads.

pySHACL (``kg.validate``) stays the authority (``kg validate``, ``kg build``), but it costs about a
tenth of a second per document; ingest runs this mirror instead, about two milliseconds per document.
The quads are read as one merged graph, as ``kg.validate`` merges a document's default-graph
description, its statements' graphs and the gazetteer triples of what they mention; the default
graph on its own is checked for claims made outside an assertion graph. Each problem names the
shape it mirrors and carries that shape's ``sh:message``; ``tests/test_fastcheck.py`` checks that
both validators agree on every fixture of ``tests/fixtures/shapes``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from types import MappingProxyType

from pyoxigraph import BlankNode, DefaultGraph, Literal, NamedNode, Triple

from kg.fastcheck_rules import MENTION, POINT, RDF_TYPE, Prop, Target, is_number, key, number, shapes, well_formed
from kg.mapping.builder import Row

Term = NamedNode | BlankNode | Literal | Triple
# read-only stand-ins for "nothing said of this node" and "no values"
_UNDESCRIBED: Mapping[str, AbstractSet[Term]] = MappingProxyType({})
_NO_VALUES: AbstractSet[Term] = frozenset()


@dataclass(frozen=True)
class Problem:
    """One failed shape on one focus node.

    >>> Problem("Event-label", "http://x/e", "Violation").line()
    'Violation shape:Event-label <http://x/e>: An event has a label (rdfs:label, or skos:prefLabel for a named event).'
    """

    shape: str
    focus: str
    severity: str = "Violation"
    detail: str = ""

    def line(self) -> str:
        """One line, in the form of ``kg.validate.Result.line`` (without the graph)."""
        detail = f" ({self.detail})" if self.detail else ""
        return f"{self.severity} shape:{self.shape} <{self.focus}>: {shapes().messages.get(self.shape, '')}{detail}"


class Data:
    """The quads (rows) as one merged graph: objects by subject and predicate, and types by node."""

    def __init__(self, rows: Iterable[Row]) -> None:
        self.out: dict[Term, dict[str, set[Term]]] = {}
        self.types: dict[Term, set[str]] = {}
        self.instances: dict[str, set[Term]] = {}
        self.default: list[Row] = []
        self._texts: dict[Term, list[str]] = {}
        self._numbers: dict[Term, float | None] = {}
        out = self.out
        # get-then-insert rather than setdefault, which builds an empty container for every quad
        for row in rows:
            subject, predicate, obj = row[0], row[1].value, row[2]
            if isinstance(row[3], DefaultGraph):
                self.default.append(row)
            described = out.get(subject)
            if described is None:
                out[subject] = {predicate: {obj}}
            elif (objects := described.get(predicate)) is None:
                described[predicate] = {obj}
            else:
                objects.add(obj)
            if predicate == RDF_TYPE and isinstance(obj, NamedNode):
                self.types.setdefault(subject, set()).add(obj.value)
                self.instances.setdefault(obj.value, set()).add(subject)

    def values(self, node: Term, path: tuple[tuple[str, ...], ...]) -> AbstractSet[Term]:
        """The value nodes of a SHACL path: a sequence of steps, each a set of alternative predicates.

        A path of one predicate (most; :attr:`Prop.single`) is read with :meth:`one` instead, without a copy.
        """
        current = {node}
        for step in path:
            following: set[Term] = set()
            for item in current:
                described = self.out.get(item, {})
                for predicate in step:
                    following |= described.get(predicate, set())
            current = following
        return current

    def one(self, node: Term, predicate: str) -> AbstractSet[Term]:
        """The objects of one predicate (read-only)."""
        return self.out.get(node, _UNDESCRIBED).get(predicate, _NO_VALUES)

    def texts(self, document: Term) -> list[str]:
        """The document's schema:text values, read from the literals once: every anchor in it needs them."""
        if (known := self._texts.get(document)) is None:
            found = self.one(document, "https://schema.org/text")
            known = self._texts[document] = [t.value for t in found if isinstance(t, Literal)]
        return known

    def number(self, term: Term) -> float | None:
        """The value of a numeric literal, None for any other term; parsed once: offsets are read by several shapes.

        >>> from pyoxigraph import Literal as L, NamedNode as N
        >>> data = Data([])
        >>> data.number(L("12", datatype=N("http://www.w3.org/2001/XMLSchema#integer"))), data.number(L("12"))
        (12.0, None)
        """
        if term not in self._numbers:
            self._numbers[term] = number(term) if is_number(term) else None
        return self._numbers[term]

    def has_class(self, node: Term, classes: Iterable[str]) -> bool:
        """Whether the node is typed with one of the classes."""
        return not self.types.get(node, set()).isdisjoint(classes)

    def focus(self, target: Target) -> set[Term]:
        """The focus nodes of a target: instances of a class, or subjects or objects of a predicate."""
        kind, iri = target
        if kind == "targetClass":
            return self.instances.get(iri, set())
        if kind == "targetSubjectsOf":
            return {node for node, described in self.out.items() if iri in described}
        return {obj for described in self.out.values() for obj in described.get(iri, ())}


def check_document(rows: Iterable[Row]) -> list[str]:
    """Violations of the shapes in one document's quads, one line each (warnings left out).

    >>> from pyoxigraph import NamedNode as N
    >>> event = (N("http://x/e"), N(RDF_TYPE), N("http://semanticweb.cs.vu.nl/2009/11/sem/Event"), DefaultGraph())
    >>> [line.split(" <")[0] for line in check_document([event])]
    ['Violation shape:Event-eventType', 'Violation shape:Event-label', 'Violation shape:DefaultGraph-claimType']
    """
    return [p.line() for p in problems(rows) if p.severity == "Violation"]


def problems(rows: Iterable[Row]) -> list[Problem]:
    """Every failed shape (violations and warnings), in shape order, one per shape and focus node."""
    data = Data(rows)
    found: dict[tuple[str, str], Problem] = {}
    for shape in shapes().nodes:
        for node in {n for target in shape.targets for n in data.focus(target)}:
            for prop in shape.props:
                if (problem := _property(data, node, prop)) is not None:
                    found.setdefault((problem.shape, problem.focus), problem)
            for check in shape.checks:
                for problem in CHECKS[check](data, node):
                    found.setdefault((problem.shape, problem.focus), problem)
    for problem in _default_graph(data):
        found.setdefault((problem.shape, problem.focus), problem)
    return list(found.values())


# ---------------------------------------------------------------- property shapes


def _property(data: Data, node: Term, prop: Prop) -> Problem | None:
    """The first constraint of the property shape that the node fails (one problem per shape and node).

    A plain function, not a generator: it runs some 270 times per document.
    """
    values = data.one(node, prop.single) if prop.single is not None else data.values(node, prop.path)
    count = len(values)
    if count < prop.min or (prop.max is not None and count > prop.max):
        return Problem(prop.shape, _text(node), prop.severity, f"{count} value(s)")
    if prop.checks_values:
        bad = next((v for v in values if not _value_ok(data, v, prop)), None)
        if bad is not None:
            return Problem(prop.shape, _text(node), prop.severity, _text(bad))
    if prop.qualified_class is not None:
        fitting = sum(1 for v in values if data.has_class(v, (prop.qualified_class,)))
        if fitting < prop.qualified_min or (prop.qualified_max is not None and fitting > prop.qualified_max):
            return Problem(prop.shape, _text(node), prop.severity, f"{fitting} qualified value(s)")
    if prop.less_than is not None and not _ordered(data, values, data.one(node, prop.less_than), True):
        return Problem(prop.shape, _text(node), prop.severity)
    if prop.less_or_equal is not None and not _ordered(data, values, data.one(node, prop.less_or_equal), False):
        return Problem(prop.shape, _text(node), prop.severity)
    return None


def _value_ok(data: Data, value: Term, prop: Prop) -> bool:
    if prop.kind == "IRI" and not isinstance(value, NamedNode):
        return False
    if prop.kind == "Literal" and not isinstance(value, Literal):
        return False
    if prop.datatypes and not (isinstance(value, Literal) and well_formed(value, prop.datatypes)):
        return False
    if prop.classes and not data.has_class(value, prop.classes):
        return False
    if prop.values is not None and (isinstance(value, Triple) or key(value) not in prop.values):
        return False
    if prop.pattern is not None and not (isinstance(value, NamedNode | Literal) and prop.pattern.search(value.value)):
        return False
    if prop.low is not None or prop.high is not None:
        if (amount := data.number(value)) is None:
            return False
        return (prop.low is None or amount >= prop.low) and (prop.high is None or amount <= prop.high)
    return True


def _ordered(data: Data, lows: AbstractSet[Term], highs: AbstractSet[Term], strict: bool) -> bool:
    for low in lows:
        for high in highs:
            a, b = data.number(low), data.number(high)
            if a is None or b is None or a > b or (strict and a == b):
                return False
    return True


def _text(term: Term) -> str:
    return str(term) if isinstance(term, Triple) else term.value


# ---------------------------------------------------------------- node shapes and SPARQL constraints

Check = Callable[[Data, Term], Iterable[Problem]]
_T = "http://www.w3.org/2006/time#"
_KG = "https://w3id.org/statement-kg/ontology#"
_OA = "http://www.w3.org/ns/oa#"
_BOUNDS = ((_T + "inXSDDate",), (_T + "inXSDgYearMonth",), (_T + "inXSDgYear",))


def _unresolved(data: Data, node: Term) -> bool:
    return any(
        isinstance(v, Literal) and v.value == "false" and v.datatype.value.endswith("#boolean")
        for v in data.one(node, _KG + "resolved")
    )


def _begin_not_after_end(data: Data, node: Term) -> Iterable[Problem]:
    step = (tuple(p for (p,) in _BOUNDS),)
    begins = data.values(node, ((_T + "hasBeginning",), *step))
    ends = data.values(node, ((_T + "hasEnd",), *step))
    for begin in begins:
        for end in ends:
            if not (isinstance(begin, Literal) and isinstance(end, Literal)):
                continue
            if begin.datatype == end.datatype and begin.value > end.value:
                yield Problem("TimeBeginNotAfterEnd", _text(node), detail=f"{begin.value} > {end.value}")


def _resolved_complete(data: Data, node: Term) -> Iterable[Problem]:
    if _unresolved(data, node):
        return
    for path in (_T + "unitType", _T + "hasBeginning", _T + "hasEnd", _KG + "iso"):
        if not data.one(node, path):
            yield Problem("ResolvedTimeComplete", _text(node), detail=f"no {path}")


def _unresolved_unbounded(data: Data, node: Term) -> Iterable[Problem]:
    if _unresolved(data, node) and (data.one(node, _T + "hasBeginning") or data.one(node, _T + "hasEnd")):
        yield Problem("UnresolvedTimeUnbounded", _text(node))


def _point_in_range(data: Data, node: Term) -> Iterable[Problem]:
    geo = "http://www.opengis.net/ont/geosparql#"
    for wkt in data.values(node, ((geo + "hasGeometry",), (geo + "asWKT",))):
        if not isinstance(wkt, Literal) or not _point_ok(wkt.value):
            yield Problem("PlacePointInRange", _text(node), detail=_text(wkt))


def _point_ok(wkt: str) -> bool:
    found = POINT.match(wkt)
    if found is None:
        return False
    long, lat = float(found.group(2)), float(found.group(4))
    return -180 <= long <= 180 and -90 <= lat <= 90


def _quantity_value(data: Data, node: Term) -> Iterable[Problem]:
    schema = "https://schema.org/"
    value, low, high = (data.one(node, schema + p) for p in ("value", "minValue", "maxValue"))
    approximate = any(
        isinstance(v, Literal) and v.value == "true" and v.datatype.value.endswith("#boolean")
        for v in data.one(node, _KG + "approximate")
    )
    if not (value or (low and high) or (not value and not low and not high and approximate)):
        yield Problem("QuantityValueShape", _text(node))


def _mention_target(data: Data, node: Term) -> Iterable[Problem]:
    if not data.has_class(node, (_OA + "SpecificResource",)):
        yield Problem("MentionTargetShape", _text(node))


def _texts(data: Data, node: Term) -> list[str]:
    return [text for source in data.one(node, _OA + "hasSource") for text in data.texts(source)]


def _within_text(data: Data, node: Term) -> Iterable[Problem]:
    """AnchorWithinText: no selector of the anchor ends after its document's text."""
    selectors = data.one(node, _OA + "hasSelector")
    for text in _texts(data, node):
        for selector in selectors:
            for end in data.one(selector, _OA + "end"):
                if (last := data.number(end)) is not None and last > len(text):
                    yield Problem("AnchorWithinText", _text(node), detail=f"end {_text(end)} > length {len(text)}")


def _quote_matches(data: Data, node: Term) -> Iterable[Problem]:
    """AnchorQuoteMatchesText: the quote is the text between the offsets (code points)."""
    selectors = data.one(node, _OA + "hasSelector")
    for text in _texts(data, node):
        yield from _quotes(data, node, text, selectors)


def _quotes(data: Data, node: Term, text: str, selectors: AbstractSet[Term]) -> Iterable[Problem]:
    for position in selectors:
        for start in data.one(position, _OA + "start"):
            for end in data.one(position, _OA + "end"):
                first, last = _integer(data, start), _integer(data, end)
                if first is None or last is None:
                    continue  # SPARQL's SUBSTR fails on them, and the constraint with it
                found = text[max(first, 0) : last] if last >= first else ""
                for quote in selectors:
                    for exact in data.one(quote, _OA + "exact"):
                        if _text(exact) != found:
                            yield Problem(
                                "AnchorQuoteMatchesText", _text(node), detail=f"{_text(exact)!r} != {found!r}"
                            )


def _integer(data: Data, term: Term) -> int | None:
    """The value of a numeric literal that is a whole number (not infinite), else None."""
    value = data.number(term)
    return int(value) if value is not None and value.is_integer() else None


CHECKS: dict[str, Check] = {
    "TimeBeginNotAfterEnd": _begin_not_after_end,
    "ResolvedTimeComplete": _resolved_complete,
    "UnresolvedTimeUnbounded": _unresolved_unbounded,
    "PlacePointInRange": _point_in_range,
    "QuantityValueShape": _quantity_value,
    "MentionTargetShape": _mention_target,
    "AnchorWithinText": _within_text,
    "AnchorQuoteMatchesText": _quote_matches,
}


def _default_graph(data: Data) -> Iterable[Problem]:
    """DefaultGraph-claimType and DefaultGraph-mention: claims belong in assertion graphs."""
    for subject, predicate, obj, _ in data.default:
        if predicate.value == RDF_TYPE and isinstance(obj, NamedNode):
            if obj.value in shapes().claim_classes:
                yield Problem("DefaultGraph-claimType", _text(subject))
        elif predicate.value == MENTION:
            yield Problem("DefaultGraph-mention", _text(subject))
