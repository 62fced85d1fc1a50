"""What the graph must hold for the shipped statement (the Ombudsman's statement of 23 February 2024)."""

from __future__ import annotations

from collections.abc import Callable

from kg.queries import Results, from_solutions
from kg.store import Store
from kg.vocab import sparql_prefixes

Query = Callable[[str], Results]


def _select(store: Store, body: str) -> Results:
    return from_solutions(store.query(sparql_prefixes() + body))


def _rows(results: Results) -> list[dict[str, str]]:
    return [{k: v.value for k, v in row.items()} for row in results.rows]


def test_speaker_role_organisation_and_date(run_query: Query) -> None:
    (row,) = _rows(run_query("statements"))
    assert row["speakerName"] == "Sabina Aliyeva"
    assert "Commissioner for Human Rights" in row["role"] and "Ombudsman" in row["role"]
    assert "Republic of Azerbaijan" in row["organizationName"]
    assert row["published"] == "2024-02-23"
    assert row["language"] == "en"
    assert "publisherName" not in row  # the Ombudsman's own statement: no relaying outlet


def test_mass_grave_found_in_khojaly_on_21_february_2024_during_excavations(run_query: Query) -> None:
    events = _rows(run_query("events"))
    discoveries = [e for e in events if e["eventType"] == "mass_grave_discovery" and e.get("date") == "2024-02-21"]
    assert discoveries, events
    assert discoveries[0]["placeName"] == "Khojaly"
    excavations = [e for e in events if e["eventType"] == "excavation_exhumation"]
    assert any(e.get("placeName") == "Khojaly" and e.get("date") == "2024-02-21" for e in excavations)
    (day,) = [d for d in _rows(run_query("dates")) if d["value"] == "2024-02-21"]
    assert day["precision"] == "day" and day["mention"].startswith("February 21")


def test_remains_show_torture_and_a_child_aged_four_to_five(run_query: Query) -> None:
    types = {e["eventType"] for e in _rows(run_query("events"))}
    assert "torture" in types
    (age,) = [q for q in _rows(run_query("quantities")) if q.get("min") == "4"]
    assert age["max"] == "5" and "four and five" in age["mention"]


def test_khojaly_events_keep_the_authors_label_and_link_the_named_event(seed_store: Store) -> None:
    rows = _rows(
        _select(
            seed_store,
            """
        SELECT ?label ?type ?named ?namedIso WHERE {
          GRAPH ?a { ?e kg:authorLabel ?label ; kg:refersTo ?named ; sem:eventType ?type }
          GRAPH ?g { ?named sem:hasTime/kg:iso ?namedIso }
        }""",
        )
    )
    khojaly = [r for r in rows if r["label"] == "Khojaly Genocide"]
    assert khojaly, rows
    assert khojaly[0]["type"].endswith("/killing_massacre")
    assert khojaly[0]["namedIso"].startswith("1992-02")


def test_the_32nd_anniversary_agrees_with_the_named_event(seed_store: Store) -> None:
    rows = _rows(
        _select(
            seed_store,
            """
        SELECT ?when ?then WHERE {
          GRAPH ?a { ?c sem:eventType evt:commemoration_anniversary ; kg:commemorates ?k ; sem:hasTime/kg:iso ?when .
                     ?k kg:refersTo ?named . }
          GRAPH ?g { ?named sem:hasTime/kg:iso ?then . }
        }""",
        )
    )
    assert rows, "the anniversary should commemorate the Khojaly events"
    assert any(int(r["when"][:4]) - int(r["then"][:4]) == 32 for r in rows)


def test_first_karabakh_war_is_an_interval_of_years(run_query: Query) -> None:
    wars = [d for d in _rows(run_query("dates")) if "First Karabakh War" in d["mention"]]
    assert wars and all(d["value"] == "1988/1994" and d["precision"] == "year" for d in wars)


def test_counts_as_stated(run_query: Query) -> None:
    quantities = _rows(run_query("quantities"))
    (missing,) = [q for q in quantities if q.get("value") == "4000"]
    assert missing["approximate"] == "true" and "Azerbaijanis" in missing["counted"]
    (hostages,) = [q for q in quantities if q.get("value") == "150"]
    assert hostages["approximate"] == "false"


def test_appeal_to_international_organisations(run_query: Query) -> None:
    appeals = [e for e in _rows(run_query("events")) if e["eventType"] == "appeal_call_to_action"]
    assert appeals and "call on" in appeals[0]["mention"]


def test_armenia_is_the_accused_actor(seed_store: Store) -> None:
    rows = _rows(
        _select(
            seed_store,
            """
        SELECT DISTINCT ?type ?actor WHERE {
          GRAPH ?a { ?e sem:eventType ?type ; sem:hasActor ?r . ?r sem:roleType role:perpetrator ; rdf:value ?actor }
        }""",
        )
    )
    accused = {r["actor"].rsplit("/", 1)[-1] for r in rows}
    assert accused == {"armenia"}


def test_claims_are_in_the_assertion_graph_and_none_in_the_default_graph(seed_store: Store) -> None:
    in_default = _select(
        seed_store,
        """
        SELECT (COUNT(*) AS ?n) WHERE {
          { ?x a sem:Event } UNION { ?x kg:mention ?m } UNION { ?x sem:eventType ?t }
          UNION { ?x a schema:QuantitativeValue } UNION { ?x a time:ProperInterval }
        }""",
    )
    assert in_default.rows[0]["n"].value == "0"
    in_assertions = _select(
        seed_store,
        """
        SELECT (COUNT(DISTINCT ?e) AS ?n) WHERE {
          GRAPH ?h { ?s np:hasAssertion ?a } GRAPH ?a { ?e sem:eventType ?t }
        }""",
    )
    assert int(in_assertions.rows[0]["n"].value) >= 8


def test_every_anchor_quote_equals_its_text_slice(seed_store: Store) -> None:
    rows = _rows(
        _select(
            seed_store,
            """
        SELECT ?text ?start ?end ?exact WHERE {
          ?doc schema:text ?text .
          GRAPH ?a { ?t oa:hasSource ?doc ; oa:hasSelector ?p, ?q .
                     ?p oa:start ?start ; oa:end ?end . ?q oa:exact ?exact . }
        }""",
        )
    )
    assert len(rows) > 30
    for row in rows:
        assert row["text"][int(row["start"]) : int(row["end"])] == row["exact"]


def test_timeline_places_the_khojaly_events_in_february_1992(run_query: Query) -> None:
    rows = _rows(run_query("timeline"))
    assert [r["date"] for r in rows] == sorted(r["date"] for r in rows)
    assert any(r["date"].startswith("1992-02") and r["eventType"] == "killing_massacre" for r in rows)
    assert all(r["speakerName"] == "Sabina Aliyeva" for r in rows)
