"""The mapping: nanopublication graphs, deterministic IRIs, anchors, nothing claimed in the default graph."""

from __future__ import annotations

import pytest
from pyoxigraph import BlankNode, DefaultGraph, Literal, NamedNode, Quad, RdfFormat, Triple, parse, serialize

from kg.mapping import map_extraction, map_statements
from kg.mapping.builder import DEFAULT, nquads
from kg.model import Extraction
from kg.vocab import KG, NP, OA, SCHEMA, SEM


def _quads(ex: Extraction) -> list[Quad]:
    return map_extraction(ex, lambda key: None)


def test_mapping_is_deterministic(sample_extraction: Extraction) -> None:
    assert set(_quads(sample_extraction)) == set(_quads(sample_extraction))


def test_default_graph_holds_only_bibliographic_facts(sample_extraction: Extraction) -> None:
    default = [q for q in _quads(sample_extraction) if isinstance(q.graph_name, DefaultGraph)]
    assert default
    predicates = {q.predicate for q in default}
    assert KG.mention not in predicates
    assert SEM.eventType not in predicates
    assert SCHEMA.datePublished in predicates
    objects = {q.object for q in default}
    assert SEM.Event not in objects


def test_claims_live_in_the_assertion_graph(sample_extraction: Extraction) -> None:
    quads = _quads(sample_extraction)
    heads = [q for q in quads if q.predicate == NP.hasAssertion]
    assert len(heads) == 1
    assertion = heads[0].object
    events = [q for q in quads if q.predicate == SEM.eventType]
    assert [q.graph_name for q in events] == [assertion]
    assert events[0].object == NamedNode("https://w3id.org/statement-kg/event-type/mass_grave_discovery")


def test_every_quote_selector_equals_its_text_slice(sample_extraction: Extraction) -> None:
    quads = _quads(sample_extraction)
    text = sample_extraction.document.text
    starts = {q.subject.value.removesuffix("#pos"): int(q.object.value) for q in quads if q.predicate == OA.start}
    ends = {q.subject.value.removesuffix("#pos"): int(q.object.value) for q in quads if q.predicate == OA.end}
    exacts = {q.subject.value.removesuffix("#quote"): q.object.value for q in quads if q.predicate == OA.exact}
    assert len(exacts) >= 6
    for anchor, exact in exacts.items():
        assert text[starts[anchor] : ends[anchor]] == exact


def test_unresolved_place_is_marked(sample_extraction: Extraction) -> None:
    quads = _quads(sample_extraction)
    resolved = [q for q in quads if q.predicate == KG.resolved and q.subject.value.endswith("place/x-riverton")]
    assert resolved and resolved[0].object.value == "false"


def test_regression_interval_begin_and_end_are_distinct_instants(sample_extraction: Extraction) -> None:
    from dataclasses import replace
    from datetime import date

    from kg.model import DateMention, Precision, Span
    from kg.vocab import TIME

    first = sample_extraction.statements[0].dates[0]
    year = DateMention(first.anchor, Span(date(2021, 1, 1), date(2021, 12, 31)), Precision.YEAR)
    ex = replace(sample_extraction, statements=(replace(sample_extraction.statements[0], dates=(year,), events=()),))
    quads = _quads(ex)
    days = {q.subject.value.rsplit("#", 1)[1]: q.object.value for q in quads if q.predicate == TIME.inXSDDate}
    assert days == {"begin": "2021-01-01", "end": "2021-12-31"}


def test_regression_namespace_terms_named_like_attributes() -> None:
    assert OA.prefix.value == "http://www.w3.org/ns/oa#prefix"


def test_regression_two_events_on_one_trigger_stay_two_nodes(sample_extraction: Extraction) -> None:
    from dataclasses import replace

    statement = sample_extraction.statements[0]
    (event,) = statement.events
    twin = replace(event, label="mass grave found near Riverton", place=None)
    ex = replace(sample_extraction, statements=(replace(statement, events=(event, twin)),))
    labels = [q for q in _quads(ex) if q.predicate.value.endswith("#label") and "/event/" in q.subject.value]
    assert len({q.subject for q in labels}) == 2


def test_rows_are_written_as_pyoxigraph_writes_n_quads(sample_extraction: Extraction) -> None:
    tricky = [
        Literal('a "quoted"\nline\twith \\ and \r', language="en"),
        Literal("Şuşa – Xocalı ☮"),
        Literal("\x00\x7f\u2028", datatype=NamedNode("http://x/dt")),
    ]
    rows = map_statements(sample_extraction)
    rows.append((BlankNode("b1"), NamedNode("http://x/p"), BlankNode("b2"), BlankNode("g")))
    rows += [
        (NamedNode("http://x/s"), NamedNode("http://x/p"), o, g)
        for o in tricky
        for g in (DEFAULT, NamedNode("http://x/g"))
    ]
    written = nquads(rows)
    assert written == serialize([Quad(*row) for row in rows], format=RdfFormat.N_QUADS)
    assert list(parse(written, format=RdfFormat.N_QUADS)) == [Quad(*row) for row in rows]


def test_a_triple_term_is_refused_in_a_row() -> None:
    a, b = NamedNode("http://x/a"), NamedNode("http://x/b")
    with pytest.raises(TypeError, match="not an RDF term"):
        nquads([(a, b, Triple(a, b, a), DEFAULT)])  # type: ignore[list-item]
