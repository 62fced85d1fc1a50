"""Time expressions that lean on the publication date: "today", "on Friday", "last week",
"in April", "Thirty-two years ago", "the 32nd anniversary of ...".

Without a publication date they are still found, with ``span=None`` (unresolved).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from dataclasses import replace
from datetime import date, timedelta

from kg.extract.date_lexicon import (
    DateLexicon,
    DatePattern,
    Handler,
    alternation,
    date_lexicon,
    date_pattern,
    month_regex,
    run_patterns,
    weekday_regex,
)
from kg.extract.date_spans import Found, day_span, month_span, shift_months, year_span, yearless_month
from kg.extract.lexicon_data import load_lexicon
from kg.extract.number_words import number_words_regex, ordinal_regex, parse_number, parse_ordinal
from kg.model import Precision, Span

_UNIT_PRECISION = {
    "day": Precision.DAY,
    "week": Precision.DAY,
    "month": Precision.MONTH,
    "year": Precision.YEAR,
}


def _found(match: re.Match[str], span: Span | None, precision: Precision, kind: str = "relative") -> Found:
    return Found(match.start(), match.end(), span, precision, kind)


def _day_word(match: re.Match[str], lex: DateLexicon, published: date | None) -> Found:
    offset = lex.day_offsets[" ".join(match.group(0).lower().split())]
    span = day_span(published + timedelta(days=offset)) if published else None
    return _found(match, span, Precision.DAY)


def _weekday(match: re.Match[str], lex: DateLexicon, published: date | None) -> Found:
    weekday = lex.weekdays[" ".join(match.group("weekday").lower().split())]
    modifier = (match.group("mod") or "").lower()
    if published is None:
        return _found(match, None, Precision.DAY)
    back = (published.weekday() - weekday) % 7
    if modifier in ("last", "past", "previous") and back == 0:
        back = 7
    if modifier == "next":
        back = -((weekday - published.weekday()) % 7 or 7)
    return _found(match, day_span(published - timedelta(days=back)), Precision.DAY)


def _period(match: re.Match[str], lex: DateLexicon, published: date | None) -> Found:
    unit, offset = lex.periods[" ".join(match.group(0).lower().split())]
    precision = {"month": Precision.MONTH, "year": Precision.YEAR}.get(unit, Precision.DAY)
    if published is None:
        return _found(match, None, precision)
    if unit == "year":
        span = year_span(published.year + offset)
    elif unit == "month":
        first = shift_months(published, offset)
        span = month_span(first.year, first.month)
    elif unit == "week":
        monday = published - timedelta(days=published.weekday()) + timedelta(weeks=offset)
        span = Span(monday, monday + timedelta(days=6))
    else:
        saturday = published - timedelta(days=(published.weekday() - 5) % 7) + timedelta(weeks=offset)
        span = Span(saturday, saturday + timedelta(days=1))
    return _found(match, span, precision)


def _bare_month(match: re.Match[str], lex: DateLexicon, published: date | None) -> Found | None:
    word = match.group("month")
    month = lex.month_of(word)
    if month is None or not lex.is_month(word) or word.lower().rstrip(".") in lex.abbreviations:
        return None
    # The month is kept so that a range can give it the year of its other end ("March to May 2021").
    return replace(_found(match, yearless_month(month, published), Precision.MONTH), month=month)


def _count(match: re.Match[str]) -> float | None:
    number = match.group("num")
    if number.lower() in ("a", "an", "one"):
        return 1
    return parse_number(number)


def _ago(match: re.Match[str], lex: DateLexicon, published: date | None) -> Found | None:
    count, unit = _count(match), lex.units[" ".join(match.group("unit").lower().split())]
    if count is None or not float(count).is_integer() or unit not in _UNIT_PRECISION:
        return None
    tie = " ".join((match.group("tie") or "").lower().split())
    precision = _UNIT_PRECISION[unit]
    if unit == "year" and tie:
        precision = Precision.DAY if tie in lex.day_ties else Precision.MONTH
    if published is None:
        return _found(match, None, precision)
    n = int(count)
    if unit == "day" or unit == "week":
        back = published - timedelta(days=n * (7 if unit == "week" else 1))
    elif unit == "month":
        back = shift_months(published, -n)
    else:
        back = published.replace(year=published.year - n, day=min(published.day, 28))
    return _found(match, _span_at(back, precision), precision)


def _span_at(day: date, precision: Precision) -> Span:
    if precision is Precision.DAY:
        return day_span(day)
    if precision is Precision.MONTH:
        return month_span(day.year, day.month)
    return year_span(day.year)


def _years_since(match: re.Match[str], lex: DateLexicon, published: date | None) -> Found | None:
    count = _count(match)
    if count is None or not float(count).is_integer() or lex.units.get(match.group("unit").lower()) != "year":
        return None
    span = year_span(published.year - int(count)) if published else None
    return _found(match, span, Precision.YEAR)


def _anniversary(match: re.Match[str], lex: DateLexicon, published: date | None) -> Found | None:
    if parse_ordinal(match.group("ord")) is None:
        return None
    return _found(match, year_span(published.year) if published else None, Precision.YEAR, "anniversary")


@functools.cache
def _patterns(language: str) -> tuple[DatePattern, ...]:
    lex = date_lexicon(language)
    number = rf"(?P<num>\d{{1,4}}|an?|one|{number_words_regex()})"
    unit = rf"(?P<unit>{alternation(lex.units)})"
    ties = alternation([*lex.month_ties, *lex.day_ties])
    preposition = alternation(p for p in lex.month_prepositions)
    ru_prepositions = rf"(?:(?:{load_lexicon('date_endings')['ru_month_prepositions']})\s+)?"
    en_month = rf"(?:the\s+month\s+of\s+)?(?P<month>{month_regex(language)})(?![\s,]*\d)"
    sources: list[tuple[str, Handler]] = [
        (rf"(?<!\w)(?:{alternation(lex.day_offsets)})(?!\w)", _day_word),
        (
            rf"(?<!\w)(?:(?P<mod>on|last|this|next|past|previous|в|во)\s+)?(?P<weekday>{weekday_regex(language)})",
            _weekday,
        ),
        (rf"(?<!\w)(?:{alternation(lex.periods)})(?!\w)", _period),
        (rf"(?<!\w)(?:(?:{preposition})[\s-]+){en_month}", _bare_month),
        (rf"(?<!\w){ru_prepositions}(?P<month>{month_regex('ru')})(?![\s,]*\d)", _bare_month),
        (
            rf"(?<![\w-]){number}[\s-]+{unit}\s+(?:{alternation(lex.ago_words)})(?!\w)(?:,?\s+(?P<tie>{ties})(?!\w))?",
            _ago,
        ),
        (rf"(?<![\w-]){number}[\s-]+{unit}\s+(?:{alternation(lex.since_phrases)})(?!\w)", _years_since),
        (
            rf"(?<!\w)(?:the\s+)?(?P<ord>{ordinal_regex()})\s+(?:{alternation(lex.anniversary_words)})(?!\w)",
            _anniversary,
        ),
        (rf"(?<!\w)(?P<ord>\d{{1,3}})-(?:{alternation(lex.anniversary_words)})(?!\w)", _anniversary),
    ]
    return tuple(date_pattern(source, handler) for source, handler in sources)


def find_relative_dates(text: str, published: date | None, language: str = "en") -> Iterator[Found]:
    """Every time expression in ``text`` that needs the publication date to resolve.

    >>> [f.span.start for f in find_relative_dates("They met on Friday.", date(2022, 2, 27))]
    [datetime.date(2022, 2, 25)]
    """
    yield from run_patterns(_patterns(language), text, language, published)
