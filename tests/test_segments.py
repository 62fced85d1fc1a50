import itertools
from datetime import date

import pytest

from kg.extract.reported_speech import find_institution_reports, quoted_passages
from kg.extract.segments import Segment, assemble, owner_of, segment
from kg.extract.speakers import extract_speakers
from kg.gazetteer import Gazetteer
from kg.model import Anchor, DateMention, Document, EventMention, Precision, Span, Speaker, Statement
from kg.pipeline import extract

REPORT = (
    "Floods reach the delta\n\n"
    "4 June 2023\nBy Anna Grey, Example Wire\n\n"
    '"The water rose overnight in Kherson," Mayor Ivan Dorn told reporters. "We have evacuated 300 residents."\n\n'
    "Rescue crews worked through the night.\n\n"
    '"We sent 40 boats to Odesa," said Marta Kolb, head of the River Aid mission.\n\n'
    "Figures from the Regional Health Ministry put the number of people injured at 12."
)

SIGNED = (
    "Statement on the missing\n\n"
    "We recall that 200 people remain missing in Kherson since the war.\n\n"
    "Maria Stone\nCommissioner for Human Rights\nof the Republic of Examplia\n\n5 May 2021"
)


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    return Gazetteer.load()


def _segments(text: str) -> list[Segment]:
    doc = Document(text, "x.md", title_anchor=Anchor(0, text.index("\n"), text[: text.index("\n")]))
    return segment(doc, extract_speakers(doc))


def _quotes(text: str, statement: Statement) -> set[str]:
    mentions = (*statement.places, *statement.actors, *statement.quantities, *statement.dates)
    assert all(text[m.anchor.start : m.anchor.end] == m.anchor.quote for m in mentions)
    return {m.anchor.quote for m in mentions}


def test_report_with_two_quoted_people_and_an_institution_gives_three_statements(gazetteer: Gazetteer) -> None:
    ex = extract(Document(REPORT, "report.md"), gazetteer)
    first, second, third = ex.statements
    assert [s.index for s in ex.statements] == [0, 1, 2]
    assert (first.speaker.name, first.speaker.role) == ("Ivan Dorn", "Mayor")
    assert (second.speaker.name, second.speaker.role) == ("Marta Kolb", "head of the River Aid mission")
    assert third.speaker.name is None and third.speaker.organization == "Regional Health Ministry"
    assert {"Kherson", "300", "4 June 2023"} <= _quotes(REPORT, first)
    assert "Odesa" not in _quotes(REPORT, first) and "12" not in _quotes(REPORT, first)
    assert {"Odesa", "40"} <= _quotes(REPORT, second)
    assert "Kherson" not in _quotes(REPORT, second)
    assert _quotes(REPORT, third) == {"12"}


def test_signed_statement_is_one_statement(gazetteer: Gazetteer) -> None:
    ex = extract(Document(SIGNED, "signed.md"), gazetteer)
    (statement,) = ex.statements
    assert statement.speaker is not None and statement.speaker.name == "Maria Stone"
    assert {"Kherson", "200"} <= _quotes(SIGNED, statement)


def test_segments_partition_the_text_and_quote_offsets_are_exact() -> None:
    segments = _segments(REPORT)
    spans = sorted(span for s in segments for span in s.spans)
    assert spans[0][0] == 0 and spans[-1][1] == len(REPORT)
    assert all(a[1] == b[0] for a, b in itertools.pairwise(spans))
    (kolb,) = [s for s in segments if s.speaker and s.speaker.name == "Marta Kolb"]
    assert [REPORT[a:b] for a, b in kolb.spans] == ['"We sent 40 boats to Odesa,"']
    assert owner_of(segments, REPORT.index("Rescue crews")) == 0
    assert owner_of(segments, REPORT.index("number of people injured")) == 2


def test_a_quote_continues_after_its_cue_and_a_pronoun_points_to_the_last_named_speaker() -> None:
    text = (
        "Harbour reopens\n\nThe harbour reopened on Monday, the port office said. "
        '"Ships are waiting," said Lena Park, a port official. "The cranes work again." '
        'The captain Omar Said was there. "Trade will return," she added.'
    )
    (main, park) = _segments(text)
    assert park.speaker is not None and park.speaker.name == "Lena Park"
    said = [text[a:b] for a, b in park.spans]
    assert said == ['"Ships are waiting,"', '"The cranes work again."', '"Trade will return,"']
    assert main.speaker is not None and main.speaker.organization == "port office"


def test_reported_clauses_after_said_that_and_according_to() -> None:
    text = (
        "Camp report\n\n"
        'Ana Lopez, an aid worker, said: "The camp is full."\n\n'
        "Ben Cole, a camp manager, told the press that 90 tents were missing. "
        "According to Carla Diaz, a nurse, two clinics had closed. "
        "Trucks arrived, Dan Webb, a driver, said."
    )
    by_name = {s.speaker.name: [text[a:b] for a, b in s.spans] for s in _segments(text)[1:] if s.speaker}
    assert by_name["Ben Cole"] == ["90 tents were missing."]
    assert by_name["Carla Diaz"] == ["two clinics had closed."]
    assert by_name["Dan Webb"] == ["Trucks arrived,"]


def test_institution_sources_nested_in_the_main_speakers_quote_are_their_own_voice() -> None:
    text = (
        "Strikes continue\n\n"
        'Special Envoy Ida Moss said: "Shelling went on, and according to Examplian sources a hospital was hit '
        'in the capital." The Northern Government reports 14 people killed.'
    )
    segments = _segments(text)
    assert [s.speaker.organization for s in segments[1:] if s.speaker] == ["Examplian sources", "Northern Government"]
    assert [text[a:b] for a, b in segments[1].spans] == ["a hospital was hit in the capital."]
    assert owner_of(segments, text.index("Shelling")) == 0
    assert owner_of(segments, text.index("14 people")) == 2


def test_dateline_and_signature_stay_with_the_main_voice() -> None:
    text = (
        "Roads closed at the border\n\n"
        "GENEVA (2 May 2023) – Roads are closed, said Ben Cole, a relief officer. "
        "Special Envoy Ana Lopez said talks would resume on Friday. She said the talks were useful.\n\n"
        "Ana Lopez\nSpecial Envoy of the Examplian Government\n\n2 May 2023"
    )
    segments = _segments(text)
    assert segments[0].speaker is not None and segments[0].speaker.name == "Ana Lopez"
    assert segments[1].speaker is not None and segments[1].speaker.name == "Ben Cole"
    assert owner_of(segments, text.index("GENEVA")) == 0 and owner_of(segments, text.index("2 May")) == 0
    assert owner_of(segments, text.index("Roads are closed, said")) == 1
    assert owner_of(segments, text.index("Special Envoy")) == 0


def test_quoted_passages_run_over_paragraphs_and_nest() -> None:
    text = 'The ministry said:\n\n"First paragraph «named» here.\n\nSecond paragraph ends." Then "scare" words.'
    assert [text[a:b] for a, b in quoted_passages(text)] == [
        '"First paragraph «named» here.\n\nSecond paragraph ends."',
        '"scare"',
    ]


def test_institution_reports_name_the_institution() -> None:
    text = "The Border Agency reports 300 crossings. According to official figures from the Interior Ministry, 20 died."
    found = [(a.organization.quote, a.form) for a in find_institution_reports(text) if a.organization]
    assert found == [("Border Agency", "verb"), ("Interior Ministry", "according")]


def test_assemble_keeps_event_references_and_relations_within_a_statement() -> None:
    when = DateMention(Anchor(0, 4, "2020"), Span(date(2020, 1, 1), date(2020, 12, 31)), Precision.YEAR)
    first = EventMention(Anchor(10, 14, "grave"), "mass_grave_discovery", "grave", date=when)
    second = EventMention(Anchor(20, 24, "dig"), "excavation_exhumation", "dig", relations=(("part_of", 0),))
    third = EventMention(Anchor(30, 34, "dig"), "excavation_exhumation", "dig", relations=(("part_of", 0),))
    segments = [Segment(None, ((0, 15), (25, 40))), Segment(Speaker("Ana Lopez"), ((15, 25),))]
    main, other = assemble(segments, [when], [], [], [first, second, third], [])
    assert main.events == (first, third) and main.dates == (when,)
    assert main.events[1].relations == (("part_of", 0),)
    assert other.events[0].anchor == second.anchor and other.events[0].relations == ()
    assert other.speaker == Speaker("Ana Lopez")
