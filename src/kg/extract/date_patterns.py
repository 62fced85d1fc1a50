"""Dates written out in full or in part: "23 February 2024", "2024-02-23", "February 1992", "1990s".

Each pattern yields :class:`~kg.extract.date_spans.Found` records; overlaps are settled by
:mod:`kg.extract.dates`. A day and month without a year is placed in the publication year.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from datetime import date

from kg.extract.date_lexicon import (
    DateLexicon,
    DatePattern,
    Handler,
    Lead,
    alternation,
    date_lexicon,
    date_pattern,
    month_regex,
    run_patterns,
)
from kg.extract.date_spans import (
    Found,
    day_span,
    decade_span,
    month_span,
    safe_date,
    year_span,
    yearless_day,
)
from kg.extract.lexicon_data import load_lexicon
from kg.model import Precision, Span

_ENDINGS = load_lexicon("date_endings")
_DAY = rf"(?P<day>[0-3]?\d)(?:{_ENDINGS['day']})?"
_DAY2 = rf"(?P<day2>[0-3]?\d)(?:{_ENDINGS['day_range_end']})?"
_YEAR = rf"(?P<year>1[5-9]\d{{2}}|20\d{{2}})(?:{_ENDINGS['year']})?(?![\d,.]\d)(?!\d)"
_DASH = r"\s*(?:-|\u2013|\u2014|to|and)\s*"
_ISO = r"(?P<year>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})(?:[T ]\d{1,2}:\d{2}(?::\d{2})?)?(?!\d)"
_NUMERIC = r"(?P<a>\d{1,2})(?P<sep>[./-])(?P<b>\d{1,2})(?P=sep)(?P<year>\d{4})(?!\d)"
#: not inside a longer number, a time or a numeric date ("mid-2014" is fine, "05-2014" is not)
_NOT_AFTER_NUMBER = r"(?<![\d.,:/])(?<!\d-)"
_DIGIT = re.compile(r"\d")


def _month(match: re.Match[str], lex: DateLexicon, group: str = "month") -> int | None:
    word = match.group(group)
    return lex.month_of(word) if lex.is_month(word) else None


def _full_date(match: re.Match[str], lex: DateLexicon, published: date | None) -> Found | None:
    month = _month(match, lex)
    year, day = int(match.group("year")), int(match.group("day"))
    found = safe_date(year, month, day) if month else None
    if found is None:
        return None
    return Found(match.start(), match.end(), day_span(found), Precision.DAY, "absolute", year, month, day)


def _numeric_date(match: re.Match[str], lex: DateLexicon, published: date | None) -> Found | None:
    first, second, year = int(match.group("a")), int(match.group("b")), int(match.group("year"))
    # Day first (international use) unless the second number cannot be a month.
    day, month = (second, first) if second > 12 else (first, second)
    found = safe_date(year, month, day)
    if found is None:
        return None
    return Found(match.start(), match.end(), day_span(found), Precision.DAY, "absolute", year, month, day)


def _iso_date(match: re.Match[str], lex: DateLexicon, published: date | None) -> Found | None:
    year, month, day = (int(match.group(g)) for g in ("year", "m", "d"))
    found = safe_date(year, month, day)
    if found is None:
        return None
    return Found(match.start(), match.end(), day_span(found), Precision.DAY, "absolute", year, month, day)


def _day_range(match: re.Match[str], lex: DateLexicon, published: date | None) -> Found | None:
    month = _month(match, lex)
    if month is None:
        return None
    first, last = int(match.group("day")), int(match.group("day2"))
    stated_year = int(match.group("year")) if match.group("year") else None
    if stated_year is not None:
        start, end = safe_date(stated_year, month, first), safe_date(stated_year, month, last)
    else:
        start, end = yearless_day(month, first, published), yearless_day(month, last, published)
    kind = "absolute" if stated_year else "relative"
    if published is None and stated_year is None:
        return Found(match.start(), match.end(), None, Precision.DAY, kind, None, month, first)
    if start is None or end is None or end < start:
        return None
    return Found(match.start(), match.end(), Span(start, end), Precision.DAY, kind, stated_year, month, first)


def _month_year(match: re.Match[str], lex: DateLexicon, published: date | None) -> Found | None:
    month = _month(match, lex)
    if month is None:
        return None
    year = int(match.group("year"))
    span = month_span(year, month)
    return Found(match.start(), match.end(), span, Precision.MONTH, "absolute", year, month)


def _day_month(match: re.Match[str], lex: DateLexicon, published: date | None) -> Found | None:
    month = _month(match, lex)
    if month is None:
        return None
    day = int(match.group("day"))
    if not 1 <= day <= 31:
        return None
    qualifier = match.group("qual")
    offset = lex.year_qualifiers[" ".join(qualifier.lower().split())] if qualifier else None
    found = yearless_day(month, day, published, offset)
    if published is not None and found is None:
        return None
    span = day_span(found) if found else None
    return Found(match.start(), match.end(), span, Precision.DAY, "relative", None, month, day)


def _year(match: re.Match[str], lex: DateLexicon, published: date | None) -> Found | None:
    if _labels_a_number(match, lex):
        return None
    year = int(match.group("year"))
    return Found(match.start(), match.end(), year_span(year), Precision.YEAR, "absolute", year)


def _year_range(match: re.Match[str], lex: DateLexicon, published: date | None) -> Found | None:
    """ "1993-94", "2022-2023": a range of years written as one token."""
    first = int(match.group("year"))
    written = match.group("short")
    last = int(written) if len(written) == 4 else first // 100 * 100 + int(written)
    if last <= first or _labels_a_number(match, lex):
        return None
    return Found(
        match.start(), match.end(), Span(year_span(first).start, year_span(last).end), Precision.YEAR, "absolute", first
    )


def _decade(match: re.Match[str], lex: DateLexicon, published: date | None) -> Found | None:
    year = int(match.group("decade"))
    return Found(match.start(), match.end(), decade_span(year), Precision.DECADE, "absolute", year)


def _labels_a_number(match: re.Match[str], lex: DateLexicon) -> bool:
    """A four-digit number that is an article number, a count or part of a larger number."""
    before = match.string[max(0, match.start() - 30) : match.start()]
    after = match.string[match.end() : match.end() + 30]
    previous = re.findall(r"[\w№#]+", before.lower())
    following = re.findall(r"\w+", after.lower())
    if previous and previous[-1] in lex.number_labels:
        return True
    if following and following[0] in lex.count_nouns:
        return True
    return bool(re.match(r"\s*(?:%|percent|per\s+cent|[.,]\d)", after))


@functools.cache
def _patterns(language: str) -> tuple[DatePattern, ...]:
    lex = date_lexicon(language)
    month = f"(?P<month>{month_regex(language)})"
    qualifier = alternation(lex.year_qualifiers)
    # {month} is never optional: a source holding it needs a month in the text. A source led by
    # digits starts with one and rules out a digit before it, so it begins where a number does.
    digits, month_first = Lead.DIGITS, Lead.MONTH
    sources: list[tuple[str, Handler, Lead]] = [
        (_NOT_AFTER_NUMBER + _ISO, _iso_date, digits),
        (_NOT_AFTER_NUMBER + _NUMERIC, _numeric_date, digits),
        (rf"(?<!\d){_DAY}{_DASH}{_DAY2}\s+(?:of\s+)?{month}(?:,?\s+{_YEAR})?", _day_range, digits),
        (rf"{month}\s+{_DAY}{_DASH}{_DAY2}(?!\d)(?:,?\s+{_YEAR})?", _day_range, month_first),
        (rf"(?<!\d){_DAY}\s+(?:of\s+)?{month},?\s+{_YEAR}", _full_date, digits),
        (rf"{month}\s+{_DAY},?\s+{_YEAR}", _full_date, month_first),
        (rf"{month},?\s+(?:of\s+)?{_YEAR}", _month_year, month_first),
        (rf"(?<![\d.,])\b{_DAY}\s+(?:of\s+)?{month}(?:,?\s+(?P<qual>{qualifier}))?", _day_month, digits),
        (rf"{month}\s+{_DAY}(?![\d,.]\d|\d)(?:,?\s+(?P<qual>{qualifier}))?", _day_month, month_first),
        (rf"(?<![\w'\u2019])(?:the\s+)?(?P<decade>1\d{{2}}0|20\d0)(?:{_ENDINGS['decade']})", _decade, Lead.ANYWHERE),
        (rf"{_NOT_AFTER_NUMBER}(?<![\w№#]){_YEAR}", _year, digits),
        (
            rf"{_NOT_AFTER_NUMBER}(?<!\w)(?P<year>1[5-9]\d{{2}}|20\d{{2}})\s*[-\u2013/]\s*(?P<short>\d{{4}}|\d{{2}})(?![\d.,]?\d)",
            _year_range,
            digits,
        ),
    ]
    return tuple(date_pattern(source, handler, lead, month in source) for source, handler, lead in sources)


def find_written_dates(text: str, published: date | None, language: str = "en") -> Iterator[Found]:
    """Every full or partial date written in ``text``, overlapping candidates included.

    >>> [(f.start, f.end, f.precision.name) for f in find_written_dates("On 23 February 2024.", None)][:1]
    [(3, 19, 'DAY')]
    """
    if _DIGIT.search(text):  # every written date holds a digit
        yield from run_patterns(_patterns(language), text, language, published)
