"""Candidate links: mentions of the same happening by different sources are linked, never merged."""

from __future__ import annotations

import random
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

import pytest

from kg.gazetteer import Gazetteer
from kg.ingest import ingest
from kg.links import PER_EVENT, THRESHOLD, WIDE, Candidate, EventFacts, Known, LinkIndex, Shelf, score
from kg.mapping import map_references
from kg.mapping.builder import Row, nquads
from kg.mapping.links import map_links
from kg.queries import from_solutions, load
from kg.references import entry_lookup
from kg.store import Store
from kg.vocab import KG, SEM, SKOS, links_graph

FIRST = """Ministry statement on the grave near Mosul

MOSUL, 12 March 2021 – A mass grave was discovered in Mosul on 10 March 2021, the Ministry of Justice said.

John Doe
Minister of Justice
"""
SECOND = """Relief agency says remains found

GENEVA (13 March 2021) – A mass grave was found in Mosul on 10 March 2021, said Mary Major, head of the agency.
"""
UNRELATED = """Statement on a visit

BAGHDAD, 14 March 2021 – The delegation visited Erbil on 13 March 2021, said Ann Smith, the envoy.
"""


def _write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def _links(store: Store) -> list[dict[str, str]]:
    rows = from_solutions(store.query(load("compare"))).rows
    return [{k: v.value for k, v in row.items()} for row in rows]


def test_two_sources_on_the_same_grave_get_a_candidate_link(tmp_path: Path) -> None:
    store = Store(tmp_path / "store")
    ingest(
        [_write(tmp_path, "a.md", FIRST), _write(tmp_path, "b.md", SECOND), _write(tmp_path, "c.md", UNRELATED)], store
    )
    links = [r for r in _links(store) if r["eventType"] == "mass_grave_discovery"]
    assert len(links) == 1
    (link,) = links
    assert {"same type", "same place", "overlapping dates"} <= set(link["evidence"].split(", "))
    assert float(link["score"]) >= 0.8
    assert link["statement"] != link["otherStatement"]
    assert link["date"] == link["otherDate"] == "2021-03-10"
    closematches = list(store.ox.quads_for_pattern(None, SKOS.closeMatch, None, links_graph()))
    assert len(closematches) == 2 * len(_links(store))


def test_links_follow_their_documents(tmp_path: Path) -> None:
    store = Store(tmp_path / "store")
    first, second = _write(tmp_path, "a.md", FIRST), _write(tmp_path, "b.md", SECOND)
    ingest([first, second], store)
    size = len(store)
    ingest([first, second], store, force=True)
    assert len(store) == size
    second.write_text(SECOND.replace("Mosul", "Erbil"), encoding="utf-8")
    ingest([second], store)
    assert not [r for r in _links(store) if r["eventType"] == "mass_grave_discovery"]
    assert not list(store.ox.quads_for_pattern(None, KG.score, None, links_graph()))


def test_type_and_place_alone_are_not_enough_for_a_link() -> None:

    assert score(("same type", "same place")) < THRESHOLD
    assert score(("same type", "same place", "overlapping dates")) >= THRESHOLD
    assert score(("same type", "same named event")) >= THRESHOLD
    assert score(("same type", "same place", "same named event", "different dates")) < THRESHOLD


def test_a_later_run_links_to_events_already_stored(tmp_path: Path) -> None:
    store = Store(tmp_path / "store")
    ingest([_write(tmp_path, "a.md", FIRST)], store)
    ingest([_write(tmp_path, "b.md", SECOND)], store)
    assert [r for r in _links(store) if r["eventType"] == "mass_grave_discovery"]


def test_the_nearest_dates_are_kept_when_a_place_is_busy(tmp_path: Path) -> None:

    index = LinkIndex(Store(None))
    first = date(2021, 3, 1)
    for n in range(PER_EVENT + 5):
        # every other mention overlaps the new one, on 1 March; they differ in how long after it they end
        other = EventFacts(f"http://x/doc/d{n}/s0/event/1-2-killing", "killing", ("http://x/p",), (), first, first)
        index.replace(f"http://x/doc/d{n}", [replace(other, end=date(2021, 3, 1 + n))])
    new = EventFacts("http://x/doc/new/s0/event/1-2-killing", "killing", ("http://x/p",), (), first, first)
    found = index.candidates("http://x/doc/new", [new])
    kept = {c.subject.split("/")[4] for c in found} | {c.object.split("/")[4] for c in found}
    assert len(found) == PER_EVENT
    assert {"d0", f"d{PER_EVENT - 1}"} <= kept and f"d{PER_EVENT}" not in kept


def test_the_year_files_find_exactly_the_overlapping_mentions() -> None:

    pick = random.Random(4)
    start = date(1980, 1, 1)

    def span() -> tuple[date, date]:
        # days, months, years, decades and a few centuries: short and wide spans, across year ends
        begin = start + timedelta(days=pick.randrange(40 * 365))
        length = pick.choice([0, 0, 30, 364, 800, 3652, (WIDE + 3) * 365, 36500, -400, -5000])
        return begin, begin + timedelta(days=length)  # a negative length: a begin after its end, as a bad text may give

    known = [Known(*span(), f"e{n}", f"d{n % 50}") for n in range(600)]
    shelf = Shelf(known)
    for _ in range(300):
        begin, end = span()
        expected = {k.iri for k in known if k.begin <= end and k.end >= begin}
        assert {k.iri for k in shelf.overlapping(begin, end)} == expected
    left = shelf.without("d7")
    assert {k.iri for k in left.overlapping(date(1, 1, 1), date(9999, 1, 1))} == {k.iri for k in known if k.doc != "d7"}


def test_named_events_of_the_gazetteer_are_not_candidates() -> None:

    store = Store(None)
    reference = map_references(["named-event/izium-mass-graves"], entry_lookup(Gazetteer.load()))
    store.add_documents(nquads(reference))
    (place,) = {o.value for _, p, o, _ in reference if p == SEM.hasPlace}
    day = date(2022, 9, 15)
    mention = EventFacts(
        "http://x/doc/a/s0/event/1-9-mass_grave_discovery", "mass_grave_discovery", (place,), (), day, day
    )
    assert LinkIndex(store).candidates("http://x/doc/a", [mention]) == []


def test_a_malformed_candidate_link_makes_its_document_invalid(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def out_of_range(candidates: list[Candidate]) -> list[Row]:
        return map_links([Candidate(c.subject, c.object, 1.5, c.evidence) for c in candidates])

    store = Store(tmp_path / "store")
    monkeypatch.setattr("kg.ingest.map_links", out_of_range)
    report = ingest([_write(tmp_path, "a.md", FIRST), _write(tmp_path, "b.md", SECOND)], store)
    assert [o.status for o in report.outcomes] == ["added", "invalid"]
    assert "Link-score" in report.outcomes[1].detail
