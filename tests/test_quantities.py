"""Quantities as stated: numbers, words, ranges, hedges, vague amounts, durations; not dates."""

from __future__ import annotations

import re
from datetime import date

from kg.extract.dates import extract_dates
from kg.extract.quantities import _LED, _lead, _patterns, extract_quantities
from kg.extract.regex_prefilter import fold, matches_at
from kg.model import Quantity


def rows(text: str) -> list[tuple[float | None, float | None, float | None, bool]]:
    return [(q.value, q.minimum, q.maximum, q.approximate) for q in _quantities(text)]


def _quantities(text: str) -> list[Quantity]:
    return extract_quantities(text, extract_dates(text, date(2021, 6, 1)))


def test_digits_with_separators_and_what_is_counted() -> None:
    (quantity,) = _quantities("The registry lists 2,318 displaced families in the north.")
    assert (quantity.value, quantity.approximate, quantity.counted) == (2318, False, "displaced families")
    assert quantity.anchor.quote == "2,318"


def test_hedged_numbers_are_approximate_and_keep_the_hedge_in_the_anchor() -> None:
    text = "Almost 600 houses, at least 12 schools, more than 40 clinics and some 3,000 people."
    assert rows(text) == [
        (600, None, None, True),
        (12, None, None, True),
        (40, None, None, True),
        (3000, None, None, True),
    ]
    assert _quantities(text)[0].anchor.quote == "Almost 600"


def test_number_words() -> None:
    text = "Seven journalists, twenty-one nurses and one hundred and twelve pupils, and a dozen guards."
    assert [q.value for q in _quantities(text)] == [7, 21, 112, 12]


def test_half_a_million_is_a_rounded_figure() -> None:
    assert rows("It left half a million residents without water.") == [(500000, None, None, True)]


def test_ranges_are_approximate() -> None:
    text = "It held 30-40 bodies; between 200 and 250 guards; from 5 to 8 trucks; two or three drones."
    assert rows(text) == [(None, 30, 40, True), (None, 200, 250, True), (None, 5, 8, True), (None, 2, 3, True)]


def test_vague_amounts_have_no_value() -> None:
    quantities = _quantities("Hundreds of homes burned and tens of thousands of people fled.")
    assert [(q.value, q.approximate, q.counted) for q in quantities] == [(None, True, "homes"), (None, True, "people")]


def test_durations_and_measures_carry_a_unit() -> None:
    quantities = _quantities("He was held for 63 days in a 6-metre pit roughly 15km from town, for a month.")
    assert [(q.value, q.unit, q.approximate) for q in quantities] == [
        (63, "day", False),
        (6, "m", False),
        (15, "km", True),
        (1, "month", False),
    ]


def test_ages_between_two_numbers() -> None:
    (quantity,) = _quantities("The remains belong to a girl between the ages of six and eight.")
    assert (quantity.minimum, quantity.maximum, quantity.counted, quantity.unit) == (6, 8, "age", "year")


def test_percentages_and_fractions() -> None:
    quantities = _quantities("Turnout was 45% and half of the town was destroyed.")
    assert [(q.value, q.unit, q.approximate) for q in quantities] == [(45, "percent", False), (0.5, "fraction", True)]


def test_years_dates_ordinals_and_article_numbers_are_not_quantities() -> None:
    text = "On 3 May 2019, the 14th brigade cited Article 51, as in 1995 and since the 1990s."
    assert _quantities(text) == []


def test_years_ago_is_a_date_but_years_since_is_also_a_duration() -> None:
    assert rows("Fifteen years ago the war ended.") == []
    assert rows("Fifteen years have passed since the war ended.") == [(15, None, None, False)]


def test_pronoun_one_is_not_a_count_but_one_more_is() -> None:
    assert rows("One of the graves is open; no one came; one more body was found.") == [(1, None, None, False)]


def test_russian_counts() -> None:
    text = "Нашли останки 9 человек, затем троих человек и ещё одни останки."
    quantities = extract_quantities(text)
    assert [(q.value, q.counted) for q in quantities] == [(9, "человек"), (3, "человек"), (1, "останки")]


def test_times_are_not_quantities() -> None:
    assert rows("The shelling began at 04:30 and resumed.") == []


def test_patterns_tried_only_where_a_match_may_begin_find_what_a_full_search_finds() -> None:
    text = (
        "About 15-20 people, between 3 and 5 trucks, three, four or five homes, over half a million, "
        "nearly 4,000 residents; некоторые 12 человек, от 5 до 7 домов, some 2.5 km and one more."
    )
    starts = [m.start() for m in _lead().finditer(fold(text))]
    for name, pattern in _patterns().items():
        if name in _LED:
            expected = [m.span() for m in pattern.finditer(text)]
            assert expected
            assert [m.span() for m in matches_at(pattern, text, starts)] == expected


def test_where_matches_may_begin_is_found_in_the_folded_text_as_in_the_text_ignoring_case() -> None:
    text = (
        "ABOUT 15 People, NEARLY Twenty, Between 3 AND 5, НЕ МЕНЕЕ ДВАДЦАТИ, Около 7, ſome 40, "
        "İn excess of 9, One Hundred and Five, UP TO A THOUSAND, Half A Million."
    )
    ignoring_case = re.compile(_lead().pattern, re.IGNORECASE)
    expected = [m.start() for m in ignoring_case.finditer(text)]
    assert len(expected) >= 10
    assert [m.start() for m in _lead().finditer(fold(text))] == expected
