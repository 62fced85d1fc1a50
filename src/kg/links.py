"""Candidate links between mentions of the same happening by different statements.

Mentions are never merged: a candidate link only says "these may be the same event" and carries
its evidence (same type, same place, same named event, overlapping or differing dates) and a
score, so that a user can see where sources agree and where they differ.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from pyoxigraph import DefaultGraph, Literal, NamedNode, Quad

from kg.store import Store
from kg.vocab import KG, SEM, TIME, sparql_prefixes

# Same type and place alone (0.6) is too weak: every undated grave at a town would link to every other.
# A candidate needs overlapping dates as well.
THRESHOLD = 0.7
#: at most this many candidates per event mention, the best first, so a busy place cannot make links explode
PER_EVENT = 20
WEIGHTS = {
    "same type": 0.3,
    "same named event": 0.4,
    "same place": 0.3,
    "overlapping dates": 0.2,
    "different dates": -0.4,
}
WANTED = {
    SEM.eventType.value: "type",
    SEM.hasPlace.value: "place",
    KG.refersTo.value: "named",
    SEM.hasTime.value: "time",
    TIME.hasBeginning.value: "begin",
    TIME.hasEnd.value: "end",
    TIME.inXSDDate.value: "day",
}


@dataclass(frozen=True)
class Candidate:
    """Two event mentions from different statements that may be the same happening."""

    subject: str
    object: str
    score: float
    evidence: tuple[str, ...]


def score(evidence: tuple[str, ...]) -> float:
    """The score of a set of evidence, between 0 and 1.

    >>> score(("same type", "same place", "overlapping dates"))
    0.8
    """
    return round(max(0.0, min(1.0, sum(WEIGHTS[e] for e in evidence))), 2)


@dataclass(frozen=True)
class EventFacts:
    """What a candidate search needs of one event mention, read from the document's quads."""

    iri: str
    event_type: str
    places: tuple[str, ...]
    named: tuple[str, ...]
    begin: date | None
    end: date | None


def events_in(quads: Iterable[Quad]) -> list[EventFacts]:
    """The event mentions among a document's quads, with their type, places, named events and time."""
    by_subject: dict[str, dict[str, list[str]]] = {}
    for quad in quads:
        if isinstance(quad.graph_name, DefaultGraph) or not isinstance(quad.subject, NamedNode):
            continue
        if quad.predicate.value in WANTED:
            facts = by_subject.setdefault(quad.subject.value, {})
            value = quad.object.value if isinstance(quad.object, NamedNode | Literal) else str(quad.object)
            facts.setdefault(WANTED[quad.predicate.value], []).append(value)
    events = []
    for iri, facts in sorted(by_subject.items()):
        if "type" not in facts:
            continue
        time = by_subject.get(facts.get("time", [""])[0], {})
        begin = by_subject.get(time.get("begin", [""])[0], {}).get("day", [None])[0]
        end = by_subject.get(time.get("end", [""])[0], {}).get("day", [None])[0]
        events.append(
            EventFacts(
                iri,
                facts["type"][0].rsplit("/", 1)[-1],
                tuple(facts.get("place", ())),
                tuple(facts.get("named", ())),
                date.fromisoformat(begin) if begin else None,
                date.fromisoformat(end) if end else None,
            )
        )
    return events


def candidates(store: Store, doc: NamedNode, quads: Iterable[Quad]) -> list[Candidate]:
    """Candidate links from the events among ``quads`` to events of other documents already stored."""
    found: dict[tuple[str, str], Candidate] = {}
    for event in events_in(quads):
        scored = []
        for row in _matches(store, event, doc.value):
            evidence = _evidence(event, row)
            if (value := score(evidence)) >= THRESHOLD:
                scored.append((value, row["event"], evidence))
        for value, other_event, evidence in sorted(scored, key=lambda s: (-s[0], s[1]))[:PER_EVENT]:
            one, other = sorted((event.iri, other_event))
            found[(one, other)] = Candidate(one, other, value, evidence)
    return sorted(found.values(), key=lambda c: (c.subject, c.object))


def _matches(store: Store, event: EventFacts, doc: str) -> list[dict[str, str]]:
    # Mentions of a named event are already grouped by kg:refersTo; a candidate link is for the happenings
    # nobody named, matched on type, place and overlapping dates. The date test runs in the store, and
    # LIMIT bounds the answer at a busy place.
    if event.begin is None or event.end is None or not event.places:
        return []
    places = " ".join(f"<{place}>" for place in event.places)
    sparql = (
        sparql_prefixes()
        + f"""
        SELECT DISTINCT ?other ?begin ?end
        WHERE {{
          VALUES ?place {{ {places} }}
          GRAPH ?assertion {{
            ?other sem:hasPlace ?place ; sem:eventType evt:{event.event_type} ; sem:hasTime ?t .
            ?t time:hasBeginning/time:inXSDDate ?begin ; time:hasEnd/time:inXSDDate ?end .
          }}
          FILTER(?begin <= "{event.end.isoformat()}"^^xsd:date && ?end >= "{event.begin.isoformat()}"^^xsd:date)
          FILTER(!STRSTARTS(STR(?other), "{doc}/"))
        }} LIMIT {PER_EVENT * 2}"""
    )
    rows = []
    for solution in store.query(sparql):
        row = {
            name: term.value
            for name in ("other", "begin", "end")
            if isinstance(term := solution[name], NamedNode | Literal)
        }
        row["event"] = row.pop("other")
        row["place"] = "true"
        rows.append(row)
    return rows


def _evidence(event: EventFacts, row: dict[str, str]) -> tuple[str, ...]:
    evidence = ["same type"]
    if row.get("named") == "true":
        evidence.append("same named event")
    if row.get("place") == "true":
        evidence.append("same place")
    if event.begin and event.end and "begin" in row and "end" in row:
        begin, end = date.fromisoformat(row["begin"]), date.fromisoformat(row["end"])
        evidence.append("overlapping dates" if begin <= event.end and event.begin <= end else "different dates")
    return tuple(evidence)
