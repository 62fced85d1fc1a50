"""Shared entities from the gazetteer, in the reference graph."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from pyoxigraph import Literal, NamedNode

from kg.mapping.assertion import ACTOR_CLASSES
from kg.mapping.builder import Quads, dated, decimal, text, unit_of, xsd_date
from kg.model import Precision
from kg.vocab import (
    EVT,
    GEO,
    KG,
    PROV,
    RDF_TYPE,
    SCHEMA,
    SEM,
    SKOS,
    TIME,
    WGS,
    entity_iri,
    gazetteer_graph,
    qualified,
)

GEONAMES = "https://sws.geonames.org/{}/"
WIKIDATA = "http://www.wikidata.org/entity/{}"

if TYPE_CHECKING:
    from kg.gazetteer import Entry


def map_entry(q: Quads, entry: Entry) -> NamedNode:
    """Describe one gazetteer entry (place, actor or named event) in the reference graph."""
    g = gazetteer_graph()
    node = entity_iri(qualified(entry.kind, entry.key))
    q.add(node, SKOS.prefLabel, text(entry.label, "en"), g)
    seen = {(entry.label, "en")}
    for label, language in entry.labels:
        if (label, language) not in seen:
            seen.add((label, language))
            q.add(node, SKOS.altLabel, text(label, language or None), g)
    if entry.wikidata:
        q.add(node, SKOS.exactMatch, NamedNode(WIKIDATA.format(entry.wikidata)), g)
    if entry.geonames:
        q.add(node, SKOS.exactMatch, NamedNode(GEONAMES.format(entry.geonames)), g)
    q.add(node, PROV.wasDerivedFrom, NamedNode(entity_iri("source/gazetteer").value), g)
    if entry.kind == "place":
        _place(q, node, entry)
    elif entry.kind == "named_event":
        _named_event(q, node, entry)
    else:
        q.add(node, RDF_TYPE, SEM.Actor, g)
        q.maybe(node, RDF_TYPE, ACTOR_CLASSES.get(entry.subtype or ""), g)
        q.maybe(node, KG.actorKind, text(entry.subtype) if entry.subtype else None, g)
    return node


def _place(q: Quads, node: NamedNode, entry: Entry) -> None:
    g = gazetteer_graph()
    q.add(node, RDF_TYPE, SEM.Place, g)
    q.add(node, RDF_TYPE, GEO.Feature, g)
    q.maybe(node, KG.placeType, text(entry.subtype) if entry.subtype else None, g)
    if entry.parent:
        q.add(node, SCHEMA.containedInPlace, entity_iri(qualified("place", entry.parent)), g)
    if entry.lat is not None and entry.long is not None:
        geometry = NamedNode(node.value + "#geometry")
        q.add(node, GEO.hasGeometry, geometry, g)
        q.add(geometry, RDF_TYPE, GEO.Geometry, g)
        q.add(geometry, GEO.asWKT, Literal(f"POINT({entry.long} {entry.lat})", datatype=GEO.wktLiteral), g)
        q.add(node, WGS.lat, decimal(entry.lat), g)
        q.add(node, WGS.long, decimal(entry.long), g)


def _named_event(q: Quads, node: NamedNode, entry: Entry) -> None:
    g = gazetteer_graph()
    q.add(node, RDF_TYPE, SEM.Event, g)
    if entry.event_type:
        q.add(node, SEM.eventType, EVT[entry.event_type], g)
    if entry.place:
        q.add(node, SEM.hasPlace, entity_iri(qualified("place", entry.place)), g)
    if entry.begin and entry.end:
        time = NamedNode(node.value + "#time")
        precision = Precision(entry.precision) if entry.precision else Precision.DAY
        q.add(node, SEM.hasTime, time, g)
        q.add(time, RDF_TYPE, TIME.ProperInterval, g)
        q.add(time, TIME.unitType, unit_of(precision), g)
        begin, end = (entry.begin, entry.end)
        q.add(time, KG.iso, text(begin if begin == end else f"{begin}/{end}"), g)
        for edge, value, suffix in ((TIME.hasBeginning, begin, "begin"), (TIME.hasEnd, end, "end")):
            instant = NamedNode(f"{time.value}-{suffix}")
            q.add(time, edge, instant, g)
            q.add(instant, RDF_TYPE, TIME.Instant, g)
            q.add(instant, IN_XSD[len(value)], _day_or_dated(value), g)


IN_XSD = {10: TIME.inXSDDate, 7: TIME.inXSDgYearMonth, 4: TIME.inXSDgYear}


def _day_or_dated(value: str) -> Literal:
    if len(value) == 10:
        return xsd_date(date.fromisoformat(value))
    return dated(value)
