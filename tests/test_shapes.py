"""SHACL shapes and kg.validate: every rule has a fixture that breaks it and nothing else.

Fixtures are TriG files in tests/fixtures/shapes/: ``valid-*.trig`` conform, ``fail-<rule>.trig``
(and ``fail-<rule>--<variant>.trig``) break exactly the shape or SPARQL constraint ``shape:<rule>``,
``warn-<rule>.trig`` raise only a warning.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import URIRef
from rdflib.namespace import RDF, RDFS, SH

from kg.validate import SHAPES, Result, report, shapes_graph, validate_quads, validate_store

FIXTURES = Path(__file__).parent / "fixtures" / "shapes"
BASE = "https://w3id.org/statement-kg/id/"
_STRUCTURE = {
    RDF.type,
    RDFS.comment,
    RDFS.label,
    SH.property,
    SH.sparql,
    SH.message,
    SH.deactivated,
    SH.severity,
    SH.targetClass,
    SH.targetSubjectsOf,
    SH.targetObjectsOf,
    SH.targetNode,
}


def _load(path: Path) -> ox.Store:
    store = ox.Store()
    store.load(path=str(path), format=ox.RdfFormat.TRIG)
    return store


def _rule(path: Path) -> str:
    return path.stem.split("-", 1)[1].split("--")[0]


def _fixtures(kind: str) -> list[Path]:
    return sorted(FIXTURES.glob(f"{kind}-*.trig"))


@pytest.mark.parametrize("path", _fixtures("valid"), ids=lambda p: p.stem)
def test_valid_fixture_conforms(path: Path) -> None:
    result = validate_store(_load(path))
    assert result.conforms, result.text()
    assert result.results == ()


@pytest.mark.parametrize("path", _fixtures("fail"), ids=lambda p: p.stem)
def test_failing_fixture_breaks_exactly_its_rule(path: Path) -> None:
    result = validate_store(_load(path))
    assert not result.conforms
    assert {r.shape for r in result.results} == {SHAPES + _rule(path)}, result.text()
    assert all(r.severity == "Violation" and r.message for r in result.results)


@pytest.mark.parametrize("path", _fixtures("warn"), ids=lambda p: p.stem)
def test_warning_fixture_conforms_with_a_warning(path: Path) -> None:
    result = validate_store(_load(path))
    assert result.conforms
    assert {(r.shape, r.severity) for r in result.results} == {(SHAPES + _rule(path), "Warning")}


def _rules() -> set[str]:
    """Shapes that report results themselves: property shapes, SPARQL constraints, and node
    shapes with a constraint of their own (not only sh:property / sh:sparql)."""
    graph = shapes_graph()
    rules = {str(s) for s in graph.subjects(RDF.type, SH.PropertyShape) if isinstance(s, URIRef)}
    rules |= {str(s) for s in graph.subjects(RDF.type, SH.SPARQLConstraint) if isinstance(s, URIRef)}
    for shape in graph.subjects(RDF.type, SH.NodeShape):
        if any(p not in _STRUCTURE for p in graph.predicates(shape, None)):
            rules.add(str(shape))
    return rules


def test_every_rule_has_a_breaking_fixture() -> None:
    covered = {SHAPES + _rule(p) for p in (*_fixtures("fail"), *_fixtures("warn"))}
    assert _rules() - covered == set()
    assert covered - _rules() == set()


def test_results_name_the_named_graph_of_the_focus_node() -> None:
    result = validate_store(_load(FIXTURES / "fail-AnchorQuoteMatchesText.trig"))
    (found,) = result.results
    assert found.focus == BASE + "doc/5f0c1e2d3a4b5c6d/t23-31"
    assert found.graph == BASE + "doc/5f0c1e2d3a4b5c6d/s1/assertion"
    assert "Lindenaw" in found.message and "Lindenau" in found.message


def _anchored_document(text: str, quote: str, start: int, end: int) -> list[ox.Quad]:
    """A document with one statement whose assertion anchors ``quote`` at [start, end)."""
    n = ox.NamedNode
    schema, oa, np_, prov = (
        "https://schema.org/",
        "http://www.w3.org/ns/oa#",
        "http://www.nanopub.org/nschema#",
        "http://www.w3.org/ns/prov#",
    )
    rdf_type = n(str(RDF.type))
    doc = n(BASE + "doc/" + hashlib.sha256(text.encode()).hexdigest()[:16])
    person, statement = n(BASE + "person/test-speaker"), n(doc.value + "/s1")
    head, assertion, provenance, pubinfo = (
        n(f"{statement.value}/{part}") for part in ("head", "assertion", "provenance", "pubinfo")
    )
    anchor = n(f"{doc.value}/t{start}-{end}")
    position, quotation = n(anchor.value + "#pos"), n(anchor.value + "#quote")
    integer = ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer")
    triples = [
        (doc, rdf_type, n(schema + "CreativeWork"), None),
        (doc, n(schema + "text"), ox.Literal(text), None),
        (doc, n(schema + "url"), n("https://example.org/statement"), None),
        (person, rdf_type, n(schema + "Person"), None),
        (person, rdf_type, n(prov + "Agent"), None),
        (person, n(schema + "name"), ox.Literal("Test Speaker"), None),
        (statement, rdf_type, n(np_ + "Nanopublication"), head),
        (statement, n(np_ + "hasAssertion"), assertion, head),
        (statement, n(np_ + "hasProvenance"), provenance, head),
        (statement, n(np_ + "hasPublicationInfo"), pubinfo, head),
        (assertion, n(prov + "wasAttributedTo"), person, provenance),
        (assertion, n(prov + "wasDerivedFrom"), doc, provenance),
        (statement, n(prov + "wasGeneratedBy"), n("https://w3id.org/statement-kg/extractor/test"), pubinfo),
        (statement, n("http://purl.org/dc/terms/source"), doc, pubinfo),
        (anchor, rdf_type, n(oa + "SpecificResource"), assertion),
        (anchor, n(oa + "hasSource"), doc, assertion),
        (anchor, n(oa + "hasSelector"), position, assertion),
        (anchor, n(oa + "hasSelector"), quotation, assertion),
        (position, rdf_type, n(oa + "TextPositionSelector"), assertion),
        (position, n(oa + "start"), ox.Literal(str(start), datatype=integer), assertion),
        (position, n(oa + "end"), ox.Literal(str(end), datatype=integer), assertion),
        (quotation, rdf_type, n(oa + "TextQuoteSelector"), assertion),
        (quotation, n(oa + "exact"), ox.Literal(quote), assertion),
    ]
    return [ox.Quad(s, p, o, g if g is not None else ox.DefaultGraph()) for s, p, o, g in triples]


def test_anchor_offsets_count_code_points_not_utf16_units() -> None:
    text = "Families \U0001f56f\ufe0f gathered in Şuşa-Kənd on Sunday."
    start = text.index("Şuşa-Kənd")
    assert validate_quads(_anchored_document(text, "Şuşa-Kənd", start, start + 9)).conforms
    utf16 = len(text[:start].encode("utf-16-le")) // 2
    shifted = validate_quads(_anchored_document(text, "Şuşa-Kənd", utf16, utf16 + 9))
    assert {r.shape for r in shifted.results} == {SHAPES + "AnchorQuoteMatchesText"}


def test_anchor_past_the_end_of_the_text_is_reported() -> None:
    text = "The council met twice."
    found = validate_quads(_anchored_document(text, "twice.", 16, 25))
    assert SHAPES + "AnchorWithinText" in {r.shape for r in found.results}


def test_results_print_as_lines_naming_shape_and_severity() -> None:
    quads = _anchored_document("The council met twice.", "council", 4, 12)
    (line,) = [r.line() for r in validate_quads(quads).results if r.severity == "Violation"]
    assert "shape:AnchorQuoteMatchesText" in line and "Violation" in line


def test_report_text_counts_results_per_shape() -> None:
    result = Result("http://x/e", None, "An event has a label.", "Violation", SHAPES + "Event-label", None)
    text = report([result, result]).text()
    assert text.splitlines()[0].startswith("Conforms: no")
    assert "1  Violation shape:Event-label" in text


def test_mapping_output_conforms(sample_extraction: object) -> None:
    from kg.mapping import map_extraction

    quads = map_extraction(sample_extraction, lambda key: None)  # type: ignore[arg-type]
    result = validate_quads(quads)
    assert result.conforms, result.text()
