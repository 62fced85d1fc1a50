"""The document's own date: front matter, datelines, date lines, signature blocks, timestamps."""

from __future__ import annotations

from datetime import date

from kg.extract.published import find_publication_date
from kg.model import Precision


def test_meta_date_wins() -> None:
    found = find_publication_date("Title\n\nLONDON, 3 May 2019 - Text.", meta_date="2019-05-04")
    assert found is not None
    assert (found.iso, found.kind) == ("2019-05-04", "meta")


def test_meta_date_at_month_precision() -> None:
    found = find_publication_date("Body.", meta_date="2019-05")
    assert found is not None and found.precision is Precision.MONTH


def test_dateline_with_place_and_parentheses() -> None:
    text = "Envoy urges restraint\n\nNAIROBI (14 June 2021) – The envoy called for calm."
    found = find_publication_date(text)
    assert found is not None
    assert (found.iso, found.anchor.quote, found.kind) == ("2021-06-14", "14 June 2021", "dateline")
    assert text[found.anchor.start : found.anchor.end] == "14 June 2021"


def test_date_line_under_the_headline() -> None:
    assert _iso("Floods hit the valley\n\n7 March 2017\nBy A. Writer\n\nRivers rose overnight.") == "2017-03-07"


def test_numeric_date_line() -> None:
    assert _iso("Report on the camps\n\n11.09.2015\n\nThe inspectors said.") == "2015-09-11"


def test_date_line_with_a_time() -> None:
    assert _iso("Briefing notes\n\n21.10.2020 | 16:40\n\nThe spokesperson said.") == "2020-10-21"


def test_signature_block_date_at_the_end() -> None:
    text = "Statement on the mine blast\n\nWe mourn the victims.\n\n**Jane Roe**\n**Director**\n\n**30 June 2016**"
    assert _iso(text) == "2016-06-30"


def test_dateline_without_year_takes_the_year_of_a_timestamp() -> None:
    text = "Новости\n\nКазань, 12 июля, корреспондент\n\nТекст новости.\n\nОбщество, 2019-07-12 10:05"
    found = find_publication_date(text)
    assert found is not None
    assert (found.iso, found.anchor.quote) == ("2019-07-12", "12 июля")


def test_dateline_without_year_takes_the_year_from_an_anniversary() -> None:
    text = "Statement\n\nSARAJEVO, JULY 11, AGENCY. On the 25th anniversary of the Srebrenica massacre we remember."
    found = find_publication_date(text, anniversaries={"srebrenica massacre": date(1995, 7, 11)})
    assert found is not None and found.iso == "2020-07-11"


def test_dateline_without_any_year_is_none() -> None:
    assert find_publication_date("Statement\n\nLIMA, April 2. The minister said so.") is None


def test_no_date_at_all_is_none() -> None:
    assert find_publication_date("Statement\n\nThe minister said on Friday that talks went well.") is None


def test_a_date_inside_the_body_is_not_the_publication_date() -> None:
    text = "Title\n\nThe minister recalled that on 12 May 1994 the ceasefire was signed.\n\nMore text."
    assert find_publication_date(text) is None


def test_anniversary_alone_gives_the_year() -> None:
    text = "Title\n\nToday we mark the 30th anniversary of the Great Flood."
    found = find_publication_date(text, anniversaries={"great flood": date(1953, 1, 31)})
    assert found is not None
    assert (found.iso, found.precision, found.kind) == ("1983", Precision.YEAR, "anniversary")


def _iso(text: str) -> str | None:
    found = find_publication_date(text)
    return found.iso if found else None
