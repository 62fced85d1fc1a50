"""The shapes of ``ontology/shapes.ttl`` read into plain tables, for :mod:`kg.fastcheck`.

Property shapes become :class:`Prop` records (path, counts, datatypes, classes, ``sh:in``, pattern,
ranges, comparisons, qualified counts), read from the file so that the two validators cannot drift
apart; each active node shape gives its targets, its property shapes and the names of its node-level
constraints (SPARQL constraints, ``sh:or``, ``sh:class``), which :mod:`kg.fastcheck` implements by name.
Constraint components this reader does not know are listed in :attr:`Shapes.unsupported`.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from datetime import date
from typing import TypeGuard

from pyoxigraph import BlankNode, Literal, NamedNode, RdfFormat, parse

from kg.resources import ontology_file

SHAPES = "https://w3id.org/statement-kg/shapes#"
_RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDF_TYPE = _RDF + "type"
_SH = "http://www.w3.org/ns/shacl#"
_RDFS = "http://www.w3.org/2000/01/rdf-schema#"
_XSD = "http://www.w3.org/2001/XMLSchema#"
_KG = "https://w3id.org/statement-kg/ontology#"
MENTION = _KG + "mention"
#: PlacePointInRange: POINT(longitude latitude), optionally after a CRS IRI
_NUMBER = r"([-+]?[0-9.]+([eE][-+]?[0-9]+)?)"
POINT = re.compile(rf"^ *(<[^>]*> *)?POINT *[(] *{_NUMBER} +{_NUMBER} *[)] *$", re.IGNORECASE)
_LEXICAL = {
    _XSD + "integer": re.compile(r"[+-]?[0-9]+"),
    _XSD + "decimal": re.compile(r"[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)"),
    _XSD + "boolean": re.compile(r"true|false|1|0"),
    _XSD + "gYearMonth": re.compile(r"-?[0-9]{4,}-(0[1-9]|1[0-2])(Z|[+-][0-9]{2}:[0-9]{2})?"),
    _XSD + "gYear": re.compile(r"-?[0-9]{4,}(Z|[+-][0-9]{2}:[0-9]{2})?"),
}
_NUMERIC = frozenset(_XSD + t for t in ("integer", "decimal", "double", "float", "int", "long", "nonNegativeInteger"))

Target = tuple[str, str]  # (targetClass | targetSubjectsOf | targetObjectsOf, IRI)
Path = tuple[tuple[str, ...], ...]


@dataclass(frozen=True)
class Prop:
    """One property shape: its path (steps of alternative predicates) and its constraints."""

    shape: str
    path: Path
    min: int = 0
    max: int | None = None
    kind: str | None = None  # IRI | Literal
    datatypes: tuple[str, ...] = ()  # any of
    classes: tuple[str, ...] = ()  # any of
    values: frozenset[str] | None = None  # sh:in: IRIs, and '"' + text for strings
    pattern: re.Pattern[str] | None = None
    low: float | None = None
    high: float | None = None
    less_than: str | None = None
    less_or_equal: str | None = None
    qualified_class: str | None = None  # sh:qualifiedValueShape [sh:class C]
    qualified_min: int = 0
    qualified_max: int | None = None
    severity: str = "Violation"  # or Warning, Info
    #: whether any constraint reads the values themselves, not only their number
    checks_values: bool = field(init=False)
    #: the predicate of a path that is one predicate (most are), else None
    single: str | None = field(init=False)

    def __post_init__(self) -> None:
        constraints = (self.kind, self.datatypes, self.classes, self.values, self.pattern, self.low, self.high)
        object.__setattr__(self, "checks_values", any(c is not None and c != () for c in constraints))
        one = len(self.path) == 1 and len(self.path[0]) == 1
        object.__setattr__(self, "single", self.path[0][0] if one else None)


def well_formed(value: Literal, datatypes: tuple[str, ...]) -> bool:
    """Whether a literal has one of the datatypes and a valid lexical form for it.

    >>> well_formed(Literal("2021-02-30", datatype=NamedNode(_XSD + "date")), (_XSD + "date",))
    False
    """
    datatype = value.datatype.value
    if datatype not in datatypes or (value.language and datatype != _RDF + "langString"):
        return False
    if datatype == _XSD + "date":
        try:
            date.fromisoformat(value.value[:10])
        except ValueError:
            return False
        return len(value.value) == 10 or bool(re.fullmatch(r"Z|[+-][0-9]{2}:[0-9]{2}", value.value[10:]))
    lexical = _LEXICAL.get(datatype)
    return lexical is None or lexical.fullmatch(value.value) is not None


def is_number(term: object) -> TypeGuard[Literal]:
    """Whether a term is a numeric literal that parses.

    >>> is_number(Literal("4", datatype=NamedNode(_XSD + "integer"))), is_number(Literal("4"))
    (True, False)
    """
    if not isinstance(term, Literal) or term.datatype.value not in _NUMERIC:
        return False
    try:
        float(term.value)
    except ValueError:
        return False
    return True


def number(term: Literal) -> float:
    """The value of a numeric literal (check :func:`is_number` first)."""
    return float(term.value)


#: constraint parameters of a property shape that :func:`_prop` reads
_KNOWN = frozenset(_SH + p for p in (
    "path", "minCount", "maxCount", "nodeKind", "datatype", "class", "or", "in", "pattern", "flags",
    "minInclusive", "maxInclusive", "lessThan", "lessThanOrEquals", "qualifiedValueShape", "qualifiedMinCount",
    "qualifiedMaxCount", "severity", "message", "name", "description",
)) | {RDF_TYPE, _RDFS + "comment", _RDFS + "label"}  # fmt: skip
Term = NamedNode | BlankNode | Literal


@dataclass(frozen=True)
class NodeShape:
    """An active node shape: its targets, property shapes and node-level checks (by name)."""

    name: str
    targets: tuple[Target, ...]
    props: tuple[Prop, ...]
    checks: tuple[str, ...]


@dataclass(frozen=True)
class Shapes:
    """The active node shapes, the classes the default graph must not hold, what could not be read."""

    nodes: tuple[NodeShape, ...]
    claim_classes: frozenset[str]
    messages: dict[str, str] = field(default_factory=dict)
    unsupported: tuple[str, ...] = ()


class _Graph:
    def __init__(self, text: bytes) -> None:
        self.out: dict[Term, dict[str, list[Term]]] = {}
        for triple in parse(text, format=RdfFormat.TURTLE):
            self.out.setdefault(triple.subject, {}).setdefault(triple.predicate.value, []).append(triple.object)

    def all(self, node: Term, predicate: str) -> list[Term]:
        return self.out.get(node, {}).get(predicate, [])

    def value(self, node: Term, predicate: str) -> Term | None:
        found = self.all(node, predicate)
        return found[0] if found else None

    def items(self, node: Term | None) -> list[Term]:
        """The members of an RDF list."""
        members: list[Term] = []
        while node is not None and not (isinstance(node, NamedNode) and node.value == _RDF + "nil"):
            members += self.all(node, _RDF + "first")
            node = self.value(node, _RDF + "rest")
        return members


@functools.cache
def shapes() -> Shapes:
    """The shapes of ``ontology/shapes.ttl``, read once per process.

    >>> any(p.shape == "Event-label" for n in shapes().nodes for p in n.props)
    True
    """
    graph = _Graph(ontology_file("shapes.ttl").read_bytes())
    unsupported: list[str] = []
    nodes, claims = [], frozenset[str]()
    for subject, described in graph.out.items():
        if not isinstance(subject, NamedNode) or NamedNode(_SH + "NodeShape") not in described.get(RDF_TYPE, []):
            continue
        name = subject.value.removeprefix(SHAPES)
        if _is_true(graph.value(subject, _SH + "deactivated")):
            if graph.value(subject, _SH + "targetClass") is not None:
                claims = frozenset(c.value for c in graph.all(subject, _SH + "targetClass"))
            continue
        targets = tuple(
            (kind, t.value) for kind in ("targetClass", "targetSubjectsOf", "targetObjectsOf")
            for t in graph.all(subject, _SH + kind)
        )  # fmt: skip
        props = tuple(_prop(graph, p, unsupported) for p in graph.all(subject, _SH + "property"))
        checks = [c.value.removeprefix(SHAPES) for c in graph.all(subject, _SH + "sparql")]
        if graph.value(subject, _SH + "or") is not None or graph.value(subject, _SH + "class") is not None:
            checks.append(name)
        nodes.append(NodeShape(name, targets, props, tuple(checks)))
    messages = {
        s.value.removeprefix(SHAPES): m[0].value
        for s, d in graph.out.items() if isinstance(s, NamedNode) and (m := d.get(_SH + "message"))
    }  # fmt: skip
    return Shapes(tuple(nodes), claims, messages, tuple(unsupported))


def _prop(graph: _Graph, node: Term, unsupported: list[str]) -> Prop:
    name = node.value.removeprefix(SHAPES)
    unsupported += [f"{name}: {p}" for p in graph.out.get(node, {}) if p not in _KNOWN]
    alternatives = graph.items(graph.value(node, _SH + "or"))
    qualified = graph.value(node, _SH + "qualifiedValueShape")
    qualified_class = graph.value(qualified, _SH + "class") if qualified is not None else None
    values = graph.value(node, _SH + "in")
    pattern = graph.value(node, _SH + "pattern")
    kind = graph.value(node, _SH + "nodeKind")
    return Prop(
        shape=name,
        path=_path(graph, graph.value(node, _SH + "path")),
        min=_int(graph.value(node, _SH + "minCount")) or 0,
        max=_int(graph.value(node, _SH + "maxCount")),
        kind=kind.value.removeprefix(_SH) if kind is not None else None,
        datatypes=_iris(graph, [node, *alternatives], _SH + "datatype"),
        classes=_iris(graph, [node, *alternatives], _SH + "class"),
        values=frozenset(key(v) for v in graph.items(values)) if values is not None else None,
        pattern=re.compile(pattern.value) if pattern is not None else None,
        low=_float(graph.value(node, _SH + "minInclusive")),
        high=_float(graph.value(node, _SH + "maxInclusive")),
        less_than=_iri(graph.value(node, _SH + "lessThan")),
        less_or_equal=_iri(graph.value(node, _SH + "lessThanOrEquals")),
        qualified_class=qualified_class.value if qualified_class is not None else None,
        qualified_min=_int(graph.value(node, _SH + "qualifiedMinCount")) or 0,
        qualified_max=_int(graph.value(node, _SH + "qualifiedMaxCount")),
        severity=(_iri(graph.value(node, _SH + "severity")) or _SH + "Violation").removeprefix(_SH),
    )


def _path(graph: _Graph, node: Term | None) -> Path:
    """A predicate, a sequence ( p q ), or an alternative [ sh:alternativePath ( p q ) ], as steps."""
    if isinstance(node, NamedNode):
        return ((node.value,),)
    if node is None:
        return ()
    alternatives = graph.value(node, _SH + "alternativePath")
    if alternatives is not None:
        return (tuple(p.value for p in graph.items(alternatives)),)
    return tuple(step for member in graph.items(node) for step in _path(graph, member))


def key(term: Term) -> str:
    """How sh:in compares: IRIs by IRI, plain strings by their text, anything else never matches.

    >>> key(NamedNode("http://x/a")), key(Literal("a")), key(Literal("a", language="en"))
    ('http://x/a', '"a', '')
    """
    if isinstance(term, NamedNode):
        return term.value
    if isinstance(term, Literal) and not term.language and term.datatype.value == _XSD + "string":
        return '"' + term.value
    return ""


def _iris(graph: _Graph, nodes: list[Term], predicate: str) -> tuple[str, ...]:
    return tuple(v.value for n in nodes for v in graph.all(n, predicate))


def _iri(term: Term | None) -> str | None:
    return term.value if isinstance(term, NamedNode) else None


def _int(term: Term | None) -> int | None:
    return int(term.value) if term is not None else None


def _float(term: Term | None) -> float | None:
    return float(term.value) if term is not None else None


def _is_true(term: Term | None) -> bool:
    return isinstance(term, Literal) and term.value == "true"
