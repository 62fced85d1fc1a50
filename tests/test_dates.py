"""Date extraction: absolute, partial, ranges, relative to publication, anniversaries, named periods."""

from __future__ import annotations

import re
from datetime import date

from kg.extract.date_lexicon import Lead, alternation, month_starts
from kg.extract.date_patterns import _patterns as _written_patterns
from kg.extract.dates import extract_dates
from kg.extract.regex_prefilter import matches_at
from kg.extract.regex_trie import trie_alternation
from kg.model import Precision, Span

PUBLISHED = date(2023, 3, 15)  # a Wednesday


def isos(text: str, published: date | None = PUBLISHED, language: str = "en") -> list[str | None]:
    return [m.iso for m in extract_dates(text, published, language)]


def test_full_dates_in_common_formats() -> None:
    text = "Talks on 9 March 2021, on June 3, 2019, on 2020-07-01, on 04.05.2018 and on 17-11-2005."
    assert isos(text) == ["2021-03-09", "2019-06-03", "2020-07-01", "2018-05-04", "2005-11-17"]


def test_anchor_quotes_the_date_as_written() -> None:
    text = "The camp was closed on 12 April 1995."
    (mention,) = extract_dates(text, None)
    assert text[mention.anchor.start : mention.anchor.end] == "12 April 1995" == mention.anchor.quote
    assert mention.kind == "absolute"


def test_timestamp_keeps_the_day() -> None:
    assert isos("Updated 2021-06-30 09:45 by the desk.") == ["2021-06-30"]


def test_day_and_month_take_the_publication_year() -> None:
    assert isos("The team returned on March 9.") == ["2023-03-09"]
    assert isos("THE TEAM RETURNED ON MARCH 9.") == ["2023-03-09"]


def test_day_and_month_months_after_publication_fall_in_the_previous_year() -> None:
    assert isos("The convoy left on 20 November.") == ["2022-11-20"]


def test_of_this_year_and_last_year() -> None:
    assert isos("On January 5 of this year and on 3 May of last year.") == ["2023-01-05", "2022-05-03"]


def test_partial_dates_keep_their_precision() -> None:
    mentions = extract_dates("Fighting began in October 1998 and lasted into 1999.", None)
    assert [(m.iso, m.precision) for m in mentions] == [("1998-10", Precision.MONTH), ("1999", Precision.YEAR)]
    assert mentions[0].span == Span(date(1998, 10, 1), date(1998, 10, 31))


def test_decade() -> None:
    (mention,) = extract_dates("Thousands fled in the 1970s.", None)
    assert mention.precision is Precision.DECADE
    assert mention.span == Span(date(1970, 1, 1), date(1979, 12, 31))


def test_ranges_are_one_interval() -> None:
    text = "Raids on 11-13 July 2004; the siege of 1975–1979; from 01.02.2001 to 30.06.2002; between 1960 and 1965."
    assert isos(text) == ["2004-07-11/2004-07-13", "1975/1979", "2001-02-01/2002-06-30", "1960/1965"]


def test_range_lends_its_year_to_the_first_part() -> None:
    assert isos("from 28 December to 4 January 2011") == ["2010-12-28/2011-01-04"]


def test_hyphenated_year_ranges() -> None:
    assert isos("Drought in 2011-2012 and famine in 1983-85, but not in 05-2014.") == ["2011/2012", "1983/1985"]


def test_month_day_range_with_year() -> None:
    assert isos("The hearings ran on March 3-5, 2010.") == ["2010-03-03/2010-03-05"]


def test_numbers_that_are_not_years() -> None:
    text = "About 2,015 people signed; Article 1949 applies; 1500 people left; it rose by 2010%."
    assert isos(text) == []


def test_ordinals_and_durations_are_not_dates() -> None:
    assert isos("the 25th session lasted 48 days and a week") == []


def test_today_yesterday_and_weekdays() -> None:
    text = "Today the mayor spoke. Yesterday the police came. On Monday they met, and on Wednesday they left."
    assert isos(text) == ["2023-03-15", "2023-03-14", "2023-03-13", "2023-03-15"]


def test_last_weekday_is_strictly_before() -> None:
    assert isos("They met last Wednesday.") == ["2023-03-08"]


def test_weeks_weekends_months_and_years() -> None:
    text = "Last week, over the weekend, last month, this year and last year."
    assert isos(text) == ["2023-03-06/2023-03-12", "2023-03-11/2023-03-12", "2023-02", "2023", "2022"]


def test_bare_month_in_publication_year_unless_still_to_come() -> None:
    assert isos("Work resumed in January and stopped in June.") == ["2023-01", "2022-06"]


def test_modal_may_is_not_a_month() -> None:
    assert isos("Such acts may amount to crimes; they march on.") == []


def test_years_ago_with_and_without_month_tie() -> None:
    assert isos("Forty years ago, in these days, the village burned.") == ["1983-03"]
    assert isos("Twenty years ago the village burned.") == ["2003"]
    assert isos("Three days ago the village burned.") == ["2023-03-12"]


def test_years_since_gives_the_year_of_the_event() -> None:
    assert isos("Eighteen years have passed since the accord was signed.") == ["2005"]


def test_anniversary_is_the_publication_year() -> None:
    (mention,) = extract_dates("They marked the 75th anniversary of the expulsion.", PUBLISHED)
    assert (mention.iso, mention.kind, mention.anchor.quote) == ("2023", "anniversary", "the 75th anniversary")


def test_anniversary_of_a_named_event_dates_itself() -> None:
    periods = {"great flood": ("1953-01-31", "1953-02-01", "day")}
    (mention,) = extract_dates("On the fiftieth anniversary of the Great Flood.", None, named_periods=periods)
    assert mention.iso == "2003"
    assert mention.anchor.quote == "the fiftieth anniversary of the Great Flood"


def test_named_period_mention() -> None:
    periods = {"winter war": ("1939-11-30", "1940-03-13", "day")}
    (mention,) = extract_dates("Veterans of the Winter War gathered.", None, named_periods=periods)
    assert (mention.iso, mention.kind, mention.anchor.quote) == ("1939-11-30/1940-03-13", "period", "the Winter War")


def test_unanchored_relative_dates_are_unresolved() -> None:
    mentions = extract_dates("On Tuesday, and last week, in March.", None)
    assert [m.span for m in mentions] == [None, None, None]
    assert [m.anchor.quote for m in mentions] == ["On Tuesday", "last week", "in March"]


def test_russian_months_and_relative_month() -> None:
    text = "Ещё 3 августа 2019 года и 12 мая. В марте начались работы, с января идёт поиск."
    assert isos(text, language="ru") == ["2019-08-03", "2022-05-12", "2023-03", "2023-01"]


def test_azerbaijani_months() -> None:
    assert isos("Hadisə 26 fevral 1992-ci ildə baş verib, 12 oktyabrda isə.", language="az") == [
        "1992-02-26",
        "2022-10-12",
    ]


def test_regression_month_ranges_without_a_year_are_one_interval() -> None:
    text = "The occupation lasted from April to September."
    (mention,) = extract_dates(text, date(2022, 9, 16))
    assert mention.iso == "2022-04/2022-09" and mention.anchor.quote == "from April to September"


def test_month_range_takes_the_year_of_its_end() -> None:
    (mention,) = extract_dates("Between March and May 2021 they fled.", date(2022, 9, 16))
    assert mention.iso == "2021-03/2021-05"


def _plain_alternation(words: list[str]) -> str:
    """The alternation as it was written before it became a tree: longest phrase first."""
    parts = sorted(set(words), key=len, reverse=True)
    return "|".join(r"\s+".join(re.escape(p) for p in w.split()) for w in parts)


def test_alternation_tree_matches_like_the_plain_alternation() -> None:
    words = ["in these days", "in", "inside", "in the", "ins", "at", "at least", "around", "ар", "арка", "арками"]
    texts = ["Inside, in  these days AT LEAST", "insist in the yard", "Арками и арка, ар", "at\nleast around in"]
    tree = alternation(words)
    assert tree != _plain_alternation(words)
    for tail in ("", r"(?!\w)", r"\s+\w+"):
        for text in texts:
            plain = [m.span() for m in re.finditer(f"(?:{_plain_alternation(words)}){tail}", text, re.I)]
            assert [m.span() for m in re.finditer(f"(?:{tree}){tail}", text, re.I)] == plain


def test_tree_refuses_siblings_one_letter_could_match() -> None:
    assert trie_alternation([tuple("Mai"), tuple("march")]) is None
    assert trie_alternation([tuple("kiss"), tuple("kıs")]) is None  # dotless i matches i, ignoring case
    assert trie_alternation([tuple("june"), tuple("july")]) == "ju(?:ne|ly)"


def test_patterns_tried_only_where_they_can_begin_find_what_a_full_search_finds() -> None:
    text = "On 5-7 May 2021, May 9, 2020, 2019-2020, 12.03.2018, no. 1995 and 5 June; June 2022 and 1990s."
    numbers = [m.start() for m in re.finditer(r"\d+", text)]
    for pattern in _written_patterns("en"):
        expected = [m.span() for m in pattern.regex.finditer(text)]
        if pattern.lead is not Lead.ANYWHERE:
            starts = month_starts(text) if pattern.lead is Lead.MONTH else numbers
            assert [m.span() for m in matches_at(pattern.regex, text, starts)] == expected
    assert month_starts("5 May, 9 JUNE and мая") == [2, 9, 18]
