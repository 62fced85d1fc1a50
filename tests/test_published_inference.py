"""The publication date inferred from years since known events, observances and weekdays."""

from __future__ import annotations

from kg.extract.date_spans import safe_date
from kg.extract.observances import load_observances, observed_days
from kg.extract.published import find_publication_date
from kg.extract.published_inference import KnownEvent, known_event
from kg.gazetteer import Gazetteer
from kg.model import Document, Precision
from kg.pipeline import extract

FLOOD = {"harbour flood": known_event("1961-09-14", "1961-09-14")}
FIRE = {"mill fire": known_event("1990-03-14", "1990-03-15")}
LONG_WAR = {"long war": known_event("1960", "1965")}


def _found(text: str, events: dict[str, KnownEvent]) -> tuple[str | None, Precision | None, str] | None:
    found = find_publication_date(text, anniversaries=events)
    return (found.iso, found.precision, found.kind) if found else None


def test_years_passed_in_words_give_the_year() -> None:
    text = "Appeal\n\nThirty-two years have passed since the Harbour Flood, and the city still rebuilds."
    assert _found(text, FLOOD) == ("1993", Precision.YEAR, "elapsed")


def test_it_has_been_n_years_since() -> None:
    assert _found("Note\n\nIt has been 40 years since the harbour flood.", FLOOD) == ("2001", Precision.YEAR, "elapsed")


def test_a_past_count_of_years_gives_nothing() -> None:
    assert _found("Note\n\nIt had been 40 years since the Harbour Flood when the dam broke.", FLOOD) is None


def test_years_after_in_a_present_sentence() -> None:
    text = "Report\n\nTwenty years after the Harbour Flood, hundreds of families are still without homes."
    assert _found(text, FLOOD) == ("1981", Precision.YEAR, "elapsed")


def test_years_after_in_a_past_sentence_gives_nothing() -> None:
    assert _found("Report\n\nTwo years after the Harbour Flood, the port reopened.", FLOOD) is None


def test_years_ago_with_the_one_event_of_the_sentence() -> None:
    text = "Statement\n\nFifteen years ago, the Harbour Flood took the lives of our neighbours."
    assert _found(text, FLOOD) == ("1976", Precision.YEAR, "elapsed")


def test_years_ago_with_two_events_in_the_sentence_gives_nothing() -> None:
    text = "Statement\n\nFifteen years ago, after the Mill Fire, the Harbour Flood struck."
    assert _found(text, {**FLOOD, "mill fire": known_event("1960-05-01")}) is None


def test_on_this_day_years_ago_gives_the_day() -> None:
    text = "Statement\n\nOn this day 25 years ago the Harbour Flood destroyed the lower town."
    assert _found(text, FLOOD) == ("1986-09-14", Precision.DAY, "elapsed")


def test_years_since_a_war_of_several_years_need_its_start_or_end() -> None:
    assert _found("Note\n\nThirty years have passed since the Long War.", LONG_WAR) is None
    text = "Note\n\nThirty years have passed since the end of the Long War."
    assert _found(text, LONG_WAR) == ("1995", Precision.YEAR, "elapsed")


def test_disagreeing_years_give_nothing() -> None:
    text = "Note\n\nWe mark the 30th anniversary of the Mill Fire. Ten years have passed since the Harbour Flood."
    assert _found(text, {**FLOOD, **FIRE}) is None


def test_an_anniversary_of_last_year_does_not_count() -> None:
    text = "Note\n\nLast year we marked the 30th anniversary of the Mill Fire."
    assert _found(text, FIRE) is None


def test_observance_today_and_years_since_give_the_day() -> None:
    text = "Families wait\n\nToday is World Refugee Day. Forty years have passed since the Harbour Flood."
    found = find_publication_date(text, anniversaries={"harbour flood": known_event("1961-05-02")})
    assert found is not None
    assert (found.iso, found.precision, found.anchor.quote) == ("2001-06-20", Precision.DAY, "World Refugee Day")


def test_observance_before_the_events_own_day_is_this_year_or_the_next() -> None:
    # 20 June 2001 is 39 years and 9 months after 14 September 1961: "forty years" is loose or wrong.
    text = "Families wait\n\nToday is World Refugee Day. Forty years have passed since the Harbour Flood."
    assert _found(text, FLOOD) is None


def test_observance_with_an_anniversary_year() -> None:
    text = "As the world marks Human Rights Day\n\nWe recall the 20th anniversary of the Mill Fire."
    assert _found(text, FIRE) == ("2010-12-10", Precision.DAY, "observance")


def test_observance_with_a_written_year() -> None:
    text = "Message on International Women's Day 2019\n\nWomen bear the burden of displacement."
    assert _found(text, {}) == ("2019-03-08", Precision.DAY, "observance")


def test_observance_without_a_year_gives_nothing() -> None:
    assert _found("Message\n\nToday is Human Rights Day. We call for justice.", {}) is None


def test_weekday_of_an_event_held_for_an_anniversary() -> None:
    # 14 March 2015 was a Saturday; the Monday nearest it is 16 March.
    text = (
        "Forum held\n\nThe minister spoke at a forum on Monday. "
        "The forum was dedicated to the 25th anniversary of the Mill Fire."
    )
    found = find_publication_date(text, anniversaries=FIRE)
    assert found is not None
    assert (found.iso, found.precision, found.kind, found.anchor.quote) == (
        "2015-03-16",
        Precision.DAY,
        "weekday",
        "on Monday",
    )


def test_weekday_with_another_day_named_gives_the_year_only() -> None:
    text = (
        "Forum held\n\nYesterday the minister spoke at a forum on Monday "
        "dedicated to the 25th anniversary of the Mill Fire."
    )
    assert _found(text, FIRE) == ("2015", Precision.YEAR, "anniversary")


def test_two_weekdays_give_the_year_only() -> None:
    text = "Forum\n\nOn Monday and on Tuesday events marked the 25th anniversary of the Mill Fire."
    assert _found(text, FIRE) == ("2015", Precision.YEAR, "anniversary")


def test_weekday_and_observance_that_disagree_give_the_year_only() -> None:
    text = (
        "As the world marks Human Rights Day\n\nA rally on Monday was devoted to the 25th anniversary of the Mill Fire."
    )
    assert _found(text, FIRE) == ("2015", Precision.YEAR, "anniversary")


def test_today_makes_the_observance_the_day_not_the_weekday() -> None:
    text = "Today is Human Rights Day\n\nA rally on Monday was devoted to the 25th anniversary of the Mill Fire."
    assert _found(text, FIRE) == ("2015-12-10", Precision.DAY, "observance")


def test_dateline_without_year_takes_the_year_of_years_passed() -> None:
    text = "News\n\nPORTVILLE, OCTOBER 2. Forty years have passed since the Harbour Flood, the mayor said."
    assert _found(text, FLOOD) == ("2001-10-02", Precision.DAY, "dateline")


def test_observed_days_read_only_the_opening() -> None:
    late = "Title\n\nOne.\n\nTwo.\n\nThree.\n\nToday is World Humanitarian Day."
    assert observed_days(late) == []
    early = "Title\n\nThe International Day of the Victims of Enforced Disappearances is marked today."
    assert [(d.observance.month, d.observance.day) for d in observed_days(early)] == [(8, 30)]


def test_observance_named_without_a_cue_is_not_today() -> None:
    assert observed_days("Title\n\nHuman Rights Day was founded long ago.") == []


def test_every_observance_has_a_real_date_and_names() -> None:
    observances = load_observances()
    assert len(observances) > 20
    assert all(safe_date(2024, o.month, o.day) and o.names for o in observances)
    by_key = {o.key: (o.month, o.day) for o in observances}
    assert by_key["human-rights-day"] == (12, 10)
    assert by_key["armenian-genocide-remembrance-day"] == (4, 24)


def test_pipeline_dates_a_text_by_an_agreement_in_the_gazetteer() -> None:
    text = "Call for justice\n\nToday is Human Rights Day. Twenty-five years have passed since the Dayton Agreement."
    found = extract(Document(text, "a.txt"), Gazetteer.load()).published
    assert found is not None
    assert (found.iso, found.precision, found.anchor.quote) == ("2020-12-10", Precision.DAY, "Human Rights Day")


def test_weekday_of_an_anniversary_of_a_long_event_counts_from_its_first_day() -> None:
    # 1 June 2020 was a Monday; the siege's last day (20 June) would give another Sunday.
    siege = {"river siege": known_event("2000-06-01", "2000-06-20")}
    text = "Vigil\n\nA vigil on Sunday marked the 20th anniversary of the River Siege."
    assert _found(text, siege) == ("2020-05-31", Precision.DAY, "weekday")


def test_a_year_written_in_the_sentence_moves_the_count_to_another_time() -> None:
    text = "Note\n\nIn a 1999 interview she said that thirty years have passed since the Harbour Flood."
    assert _found(text, FLOOD) is None
