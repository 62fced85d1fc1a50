"""kg.fastcheck agrees with pySHACL (kg.validate) on every shapes fixture, the seed store and mapped output."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest

from kg.fastcheck import check_document, problems
from kg.fastcheck_rules import SHAPES, shapes
from kg.ingest import ingest
from kg.resources import STATEMENTS_DIR
from kg.store import Store
from kg.validate import shapes_graph, validate_store

FIXTURES = Path(__file__).parent / "fixtures" / "shapes"
BASE = "https://w3id.org/statement-kg/id/"


def _quads(path: Path) -> list[ox.Quad]:
    store = ox.Store()
    store.load(path=str(path), format=ox.RdfFormat.TRIG)
    return list(store)


def _fixtures(kind: str) -> list[Path]:
    return sorted(FIXTURES.glob(f"{kind}-*.trig"))


@pytest.mark.parametrize("path", _fixtures("fail"), ids=lambda p: p.stem)
def test_failing_fixture_names_the_shape_pyshacl_names(path: Path) -> None:
    expected = {r.shape.removeprefix(SHAPES) for r in validate_store(_load(path)).results}
    lines = check_document(_quads(path))
    assert lines
    for shape in expected:
        assert any(f" shape:{shape} <" in line for line in lines), (shape, lines)


@pytest.mark.parametrize("path", _fixtures("valid"), ids=lambda p: p.stem)
def test_valid_fixture_has_no_problem(path: Path) -> None:
    assert problems(_quads(path)) == []


@pytest.mark.parametrize("path", _fixtures("warn"), ids=lambda p: p.stem)
def test_warning_fixture_warns_and_passes(path: Path) -> None:
    rule = path.stem.split("-", 1)[1].split("--")[0]
    found = problems(_quads(path))
    assert {(p.shape, p.severity) for p in found} == {(rule, "Warning")}
    assert check_document(_quads(path)) == []


def _load(path: Path) -> ox.Store:
    store = ox.Store()
    store.load(path=str(path), format=ox.RdfFormat.TRIG)
    return store


def test_every_shape_of_the_file_is_checked() -> None:
    read = shapes()
    assert read.unsupported == ()
    named = {str(s).removeprefix(SHAPES) for s in shapes_graph().subjects() if str(s).startswith(SHAPES)}
    covered = {p.shape for n in read.nodes for p in n.props} | {c for n in read.nodes for c in n.checks}
    covered |= {"DefaultGraph-claimType", "DefaultGraph-mention"}
    node_shapes = {n.name for n in read.nodes} | {"DefaultGraphClaimShape", "DefaultGraphMentionShape"}
    assert named - node_shapes - covered == set()


def test_seed_store_has_no_problem(tmp_path: Path) -> None:
    store = Store(tmp_path / "store")
    report = ingest([STATEMENTS_DIR], store)
    assert report.outcomes and not report.invalid, report.lines()
    assert check_document(list(store.ox)) == []


def _anchored(text: str, quote: str, start: int, end: int) -> list[ox.Quad]:
    n = ox.NamedNode
    oa, schema = "http://www.w3.org/ns/oa#", "https://schema.org/"
    rdf_type, integer = (
        n("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"),
        n("http://www.w3.org/2001/XMLSchema#integer"),
    )
    doc, anchor = n(BASE + "doc/test"), n(f"{BASE}doc/test/t{start}-{end}")
    position, quotation, graph = n(anchor.value + "#pos"), n(anchor.value + "#quote"), n(BASE + "doc/test/s0/assertion")
    return [
        ox.Quad(doc, rdf_type, n(schema + "CreativeWork")),
        ox.Quad(doc, n(schema + "text"), ox.Literal(text)),
        ox.Quad(doc, n(schema + "url"), n("https://example.org/a")),
        ox.Quad(anchor, rdf_type, n(oa + "SpecificResource"), graph),
        ox.Quad(anchor, n(oa + "hasSource"), doc, graph),
        ox.Quad(anchor, n(oa + "hasSelector"), position, graph),
        ox.Quad(anchor, n(oa + "hasSelector"), quotation, graph),
        ox.Quad(position, rdf_type, n(oa + "TextPositionSelector"), graph),
        ox.Quad(position, n(oa + "start"), ox.Literal(str(start), datatype=integer), graph),
        ox.Quad(position, n(oa + "end"), ox.Literal(str(end), datatype=integer), graph),
        ox.Quad(quotation, rdf_type, n(oa + "TextQuoteSelector"), graph),
        ox.Quad(quotation, n(oa + "exact"), ox.Literal(quote), graph),
    ]


def test_anchor_offsets_count_code_points() -> None:
    text = "Lanterns \U0001f56f\ufe0f lit in Şuşa-Kənd at dusk."
    start = text.index("Şuşa-Kənd")
    assert check_document(_anchored(text, "Şuşa-Kənd", start, start + 9)) == []
    shifted = start + 1  # the candle counted as two UTF-16 units
    (line,) = check_document(_anchored(text, "Şuşa-Kənd", shifted, shifted + 9))
    assert "shape:AnchorQuoteMatchesText" in line and "Şuşa-Kənd" in line


def test_anchor_past_the_end_and_backwards_are_reported() -> None:
    text = "The council met twice."
    past = " ".join(check_document(_anchored(text, "twice.", 16, 25)))
    assert "shape:AnchorWithinText" in past
    backwards = " ".join(check_document(_anchored(text, "", 9, 4)))
    assert "shape:Position-start" in backwards


def test_problems_are_one_line_each_with_the_shape_message() -> None:
    (line,) = check_document(_anchored("The council met twice.", "council", 4, 12))
    assert line.startswith("Violation shape:AnchorQuoteMatchesText <")
    assert "is the text between its offsets" in line


@pytest.mark.parametrize("path", _fixtures("fail"), ids=lambda p: p.stem)
def test_quads_and_rows_of_the_same_terms_give_the_same_lines(path: Path) -> None:
    # A Quad makes new term objects each time it is read; the check must not depend on which objects it gets.
    quads = _quads(path)
    assert check_document(quads) == check_document([(q.subject, q.predicate, q.object, q.graph_name) for q in quads])


def test_an_offset_too_large_for_an_integer_is_reported_not_a_crash() -> None:
    # "1e400" reads as a float, infinity: the quote check turned it into an int and crashed (OverflowError).
    end, integer = ox.NamedNode("http://www.w3.org/ns/oa#end"), ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer")
    quads = [
        ox.Quad(q.subject, q.predicate, ox.Literal("1e400", datatype=integer), q.graph_name)
        if q.predicate == end
        else q
        for q in _anchored("The council met.", "council", 4, 11)
    ]
    lines = " ".join(check_document(quads))
    assert "shape:Position-end" in lines and "shape:AnchorWithinText" in lines
