"""Candidate links between mentions of the same happening by different statements.

Mentions are never merged: a candidate link only says "these may be the same event" and carries
its evidence (same type, same place, same named event, overlapping or differing dates) and a
score, so that a user can see where sources agree and where they differ.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date

from pyoxigraph import DefaultGraph, Literal, NamedNode

from kg.mapping.builder import Row
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
#: what a candidate found in the index shares with the new mention
MATCHED = ("same type", "same place", "overlapping dates")
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


def events_in(rows: Iterable[Row]) -> list[EventFacts]:
    """The event mentions among a document's quads, with their type, places, named events and time."""
    by_subject: dict[str, dict[str, list[str]]] = {}
    for subject, predicate, obj, graph in rows:
        if isinstance(graph, DefaultGraph) or not isinstance(subject, NamedNode):
            continue
        if predicate.value in WANTED:
            facts = by_subject.setdefault(subject.value, {})
            value = obj.value if isinstance(obj, NamedNode | Literal) else str(obj)
            facts.setdefault(WANTED[predicate.value], []).append(value)
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


@dataclass(frozen=True)
class Known:
    """A stored (or already ingested) event mention with a place and a known begin and end."""

    begin: date
    end: date
    iri: str
    doc: str


#: a mention spanning more years than this is kept apart from the year files (a decade, a century): filing it
#: under every year it spans would cost more than reading it on every search
WIDE = 12


class Shelf:
    """The indexed mentions of one (type, place), filed under each year they span.

    A search reads only the files of the years it overlaps: at 100,000 statements a busy place holds
    thousands of mentions, and reading them all for every new one made candidate search grow with the store.

    >>> day = Known(date(2020, 1, 1), date(2020, 1, 1), "e1", "d1")
    >>> shelf = Shelf([day, Known(date(1990, 1, 1), date(1999, 12, 31), "e2", "d2")])
    >>> sorted({k.iri for k in shelf.overlapping(date(1995, 5, 1), date(2020, 6, 1))})
    ['e1', 'e2']
    """

    def __init__(self, known: Iterable[Known] = ()) -> None:
        self._years: dict[int, list[Known]] = {}
        self._wide: list[Known] = []
        for item in known:
            self.add(item)

    def add(self, item: Known) -> None:
        """File one mention."""
        years = _years(item.begin, item.end)
        if len(years) > WIDE + 1:
            self._wide.append(item)
        else:
            for year in years:
                self._years.setdefault(year, []).append(item)

    def overlapping(self, begin: date, end: date) -> Iterator[Known]:
        """The mentions whose time overlaps ``begin``..``end`` (one spanning several years may come several times)."""
        years = _years(begin, end)
        files = (
            [self._years.get(year, []) for year in years]
            if len(years) <= len(self._years)
            else [items for year, items in self._years.items() if year in years]
        )
        for items in (self._wide, *files):
            yield from (k for k in items if k.begin <= end and k.end >= begin)

    def without(self, doc: str) -> Shelf:
        """The same shelf without the mentions of ``doc``."""
        return Shelf(
            k
            for k in dict.fromkeys([*self._wide, *(k for items in self._years.values() for k in items)])
            if k.doc != doc
        )


def _years(begin: date, end: date) -> range:
    """The years a span touches, whichever end comes first: a begin after its end (a document the shapes flag)
    is filed, and searched, under the years between the two.

    >>> list(_years(date(2021, 5, 1), date(2019, 12, 31)))
    [2019, 2020, 2021]
    """
    first, last = sorted((begin.year, end.year))
    return range(first, last + 1)


def document_of(event: str) -> str:
    """The document IRI an event mention's IRI starts with.

    >>> document_of("http://x/doc/ab12/s0/event/3-9-killing")
    'http://x/doc/ab12'
    """
    return event[: event.index("/event/")].rsplit("/", 1)[0]


class LinkIndex:
    """Dated, placed event mentions by (type, place), read from the store once per key and kept in step
    with the documents an ingest run stores, so that each new event finds its candidates without a query
    over the whole store.

    >>> index = LinkIndex(Store(None))
    >>> index.candidates("http://x/doc/a", [])
    []
    """

    def __init__(self, store: Store) -> None:
        self._store = store
        self._by_key: dict[tuple[str, str], Shelf] = {}
        self._keys_of: dict[str, set[tuple[str, str]]] = {}
        # A store without one dated event (a first ingest) has none to read: a query per key would find nothing.
        self._fresh = next(iter(store.ox.quads_for_pattern(None, SEM.hasTime, None, None)), None) is None

    def candidates(self, doc: str, events: Iterable[EventFacts]) -> list[Candidate]:
        """Candidate links from ``events`` (of document ``doc``) to the indexed events of other documents."""
        found: dict[tuple[str, str], Candidate] = {}
        value = score(MATCHED)
        for event in events:
            if event.begin is None or event.end is None:
                continue
            begin, end = event.begin, event.end
            distances: dict[str, int] = {}
            for key in _keys(event):
                for other in self._known(key).overlapping(begin, end):
                    if other.doc != doc:
                        # Of many overlapping mentions at a busy place, those nearest in time are the
                        # likeliest to be the same happening: they come first.
                        distances[other.iri] = abs((other.begin - begin).days) + abs((other.end - end).days)
            for other_iri in sorted(distances, key=lambda iri: (distances[iri], iri))[:PER_EVENT]:
                one, other_event = sorted((event.iri, other_iri))
                found[(one, other_event)] = Candidate(one, other_event, value, MATCHED)
        return sorted(found.values(), key=lambda c: (c.subject, c.object))

    def replace(self, doc: str, events: Iterable[EventFacts]) -> None:
        """Forget the events the index holds for ``doc`` and index its new ones."""
        dated = [(e.begin, e.end, e.iri, _keys(e)) for e in events if e.begin is not None and e.end is not None]
        # Keys are read from the store first, so that the document's stored (old) events are among those forgotten.
        for _, _, _, keys in dated:
            for key in keys:
                self._known(key)
        for key in self._keys_of.pop(doc, set()):
            self._by_key[key] = self._by_key[key].without(doc)
        for begin, end, iri, keys in dated:
            for key in keys:
                self._by_key[key].add(Known(begin, end, iri, doc))
                self._keys_of.setdefault(doc, set()).add(key)

    def _known(self, key: tuple[str, str]) -> Shelf:
        if key not in self._by_key:
            known = [] if self._fresh else self._load(*key)
            self._by_key[key] = Shelf(known)
            for item in known:
                self._keys_of.setdefault(item.doc, set()).add(key)
        return self._by_key[key]

    def _load(self, event_type: str, place: str) -> list[Known]:
        sparql = (
            sparql_prefixes()
            + f"""
            SELECT DISTINCT ?event ?begin ?end
            WHERE {{
              GRAPH ?assertion {{
                ?event sem:hasPlace <{place}> ; sem:eventType evt:{event_type} ; sem:hasTime ?t .
                ?t time:hasBeginning/time:inXSDDate ?begin ; time:hasEnd/time:inXSDDate ?end .
              }}
            }}"""
        )
        known = []
        for solution in self._store.query(sparql):
            event, begin, end = solution["event"], solution["begin"], solution["end"]
            # Named events of the gazetteer have a type, place and time too; mentions refer to them
            # (kg:refersTo) and are not candidates for them.
            if not isinstance(event, NamedNode) or "/event/" not in event.value:
                continue
            if isinstance(begin, Literal) and isinstance(end, Literal):
                known.append(
                    Known(
                        date.fromisoformat(begin.value),
                        date.fromisoformat(end.value),
                        event.value,
                        document_of(event.value),
                    )
                )
        return known


def _keys(event: EventFacts) -> list[tuple[str, str]]:
    return [(event.event_type, place) for place in event.places]
