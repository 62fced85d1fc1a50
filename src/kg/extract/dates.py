"""Time expressions in a text, resolved to intervals at the precision the text gives.

Absolute dates come from :mod:`kg.extract.date_patterns`, expressions that lean on the
publication date from :mod:`kg.extract.relative_dates`; this module settles overlaps, joins
ranges ("from 28.08.1993 to 14.12.1994", "1988-1994") and finds named periods
("the First Karabakh War") that the caller knows from the gazetteer.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import replace
from datetime import date

from kg.extract.date_lexicon import alternation
from kg.extract.date_patterns import find_written_dates
from kg.extract.date_spans import Found, coarser, month_span, safe_date, year_span
from kg.extract.lexicon_data import load_lexicon
from kg.extract.number_words import ordinal_regex, parse_ordinal
from kg.extract.relative_dates import find_relative_dates
from kg.extract.text import anchor
from kg.model import DateMention, Precision, Span

NamedPeriods = Mapping[str, tuple[str, str, str]]

_ENDINGS = load_lexicon("date_endings")
_RANGE_OPEN = re.compile(rf"(?<!\w)(?:{_ENDINGS['range_openers']})\s+(?:the\s+)?$", re.IGNORECASE)
_RANGE_LINK = re.compile(rf"^\s*(?:{_ENDINGS['range_links']})\s*$", re.IGNORECASE)
_BETWEEN_LINK = re.compile(rf"^\s*(?:{_ENDINGS['between_links']})\s+(?:the\s+)?$", re.IGNORECASE)
_WEEKDAY_BEFORE_DATE = re.compile(r"^,?\s*(?:the\s+)?$")
_INNER_OPEN = re.compile(rf"(?:{_ENDINGS['range_openers']})\s+", re.IGNORECASE)
_INNER_LINK = re.compile(rf"\s*(?:{_ENDINGS['range_links']}|{_ENDINGS['between_links']})\s+", re.IGNORECASE)


def extract_dates(
    text: str,
    published: date | None,
    language: str = "en",
    named_periods: NamedPeriods | None = None,
) -> list[DateMention]:
    """Every time expression in ``text``, in text order, resolved against ``published``.

    >>> [m.iso for m in extract_dates("On Friday, and in the 1990s.", date(2022, 2, 27))]
    ['2022-02-25', '1990/1999']
    """
    periods = {" ".join(name.lower().split()): value for name, value in (named_periods or {}).items()}
    relative = [_dated_anniversary(text, f, periods) for f in find_relative_dates(text, published, language)]
    candidates = [*find_written_dates(text, published, language), *relative, *_named_periods(text, periods)]
    chosen = _without_overlaps(candidates)
    chosen = _join_ranges(text, chosen, published)
    chosen = _drop_weekdays_before_dates(text, chosen)
    return [_mention(text, found) for found in chosen]


def _mention(text: str, found: Found) -> DateMention:
    return DateMention(anchor(text, found.start, found.end), found.span, found.precision, found.kind)


def _without_overlaps(candidates: Iterable[Found]) -> list[Found]:
    """Keep the longest of overlapping candidates (then the earliest)."""
    kept: list[Found] = []
    for found in sorted(candidates, key=lambda f: (-(f.end - f.start), f.start)):
        if all(found.end <= k.start or found.start >= k.end for k in kept):
            kept.append(found)
    return sorted(kept, key=lambda f: f.start)


def _join_ranges(text: str, found: list[Found], published: date | None) -> list[Found]:
    """Join "from A to B", "between A and B" and "A-B" into one interval."""
    joined: list[Found] = []
    index = 0
    while index < len(found):
        first = found[index]
        second = found[index + 1] if index + 1 < len(found) else None
        opener = _RANGE_OPEN.search(text[max(0, first.start - 12) : first.start])
        # A relative mention may hold its own preposition: "from April" "to September".
        inner_opener = _INNER_OPEN.match(text[first.start : first.end])
        gap = text[first.end : second.start] if second else ""
        if second is not None and not gap.strip() and (opener or inner_opener):
            inner_link = _INNER_LINK.match(text[second.start : second.end])
            gap = inner_link.group(0) if inner_link else gap
        opened = opener is not None or inner_opener is not None
        linked = second is not None and (bool(_RANGE_LINK.match(gap)) or (opened and bool(_BETWEEN_LINK.match(gap))))
        if second is not None and linked:
            start = first.start - len(opener.group(0)) if opener else first.start
            merged = _interval(first, second, start)
            if merged is not None:
                joined.append(merged)
                index += 2
                continue
        joined.append(first)
        index += 1
    return joined


def _interval(first: Found, second: Found, start: int) -> Found | None:
    first = _borrow_year(first, second)
    if first.span is None or second.span is None:
        kind = "relative" if "relative" in (first.kind, second.kind) else first.kind
        return Found(start, second.end, None, coarser(first.precision, second.precision), kind)
    if second.span.end < first.span.start:
        return None
    precision = coarser(first.precision, second.precision)
    kind = first.kind if first.kind == second.kind else "relative"
    return Found(start, second.end, Span(first.span.start, second.span.end), precision, kind, first.year)


def _borrow_year(first: Found, second: Found) -> Found:
    """ "25 February to 3 March 1992": the first part takes the year of the second."""
    if first.year is not None or second.year is None or first.month is None:
        return first
    year = second.year
    if first.day is not None:
        day = safe_date(year, first.month, first.day)
        if day is None:
            return first
        if second.span is not None and day > second.span.end:
            day = safe_date(year - 1, first.month, first.day) or day
        return replace(first, span=Span(day, day), year=day.year, kind=second.kind)
    return replace(first, span=month_span(year, first.month), year=year, kind=second.kind)


def _drop_weekdays_before_dates(text: str, found: list[Found]) -> list[Found]:
    """ "on Friday, 25 February": the stated date is the mention, the weekday only repeats it."""
    kept: list[Found] = []
    for index, item in enumerate(found):
        following = found[index + 1] if index + 1 < len(found) else None
        is_weekday = item.kind == "relative" and item.precision is Precision.DAY and item.year is None
        if (
            following is not None
            and is_weekday
            and following.precision is Precision.DAY
            and item.month is None
            and _WEEKDAY_BEFORE_DATE.match(text[item.end : following.start])
            and following.month is not None
        ):
            continue
        kept.append(item)
    return kept


def _dated_anniversary(text: str, found: Found, periods: NamedPeriods) -> Found:
    """ "the 32nd anniversary of the Khojaly Genocide": the year follows from the event's own year."""
    if found.kind != "anniversary" or not periods:
        return found
    name_after = rf"\s+of\s+(?:the\s+)?(?:{alternation(periods)})(?!\w)"
    following = re.match(name_after, text[found.end : found.end + 200], re.IGNORECASE)
    ordinal = re.search(ordinal_regex(), text[found.start : found.end], re.IGNORECASE)
    count = parse_ordinal(ordinal.group(0)) if ordinal else None
    if following is None or count is None:
        return found
    name = re.sub(r"^\s+of\s+(?:the\s+)?", "", following.group(0), flags=re.IGNORECASE)
    begin = _parse_iso(periods[" ".join(name.lower().split())][0]).start
    return replace(found, end=found.end + following.end(), span=year_span(begin.year + count))


def _named_periods(text: str, names: NamedPeriods) -> list[Found]:
    if not names:
        return []
    pattern = re.compile(rf"(?<!\w)(?:the\s+)?(?:{alternation(names)})(?!\w)", re.IGNORECASE)
    found: list[Found] = []
    for match in pattern.finditer(text):
        key = re.sub(r"^the\s+", "", " ".join(match.group(0).lower().split()))
        begin, end, precision = names[key]
        span = Span(_parse_iso(begin).start, _parse_iso(end).end)
        found.append(Found(match.start(), match.end(), span, Precision(precision), "period"))
    return found


def _parse_iso(value: str) -> Span:
    """The span an ISO date, year-month or year covers."""
    parts = [int(p) for p in value.split("-")]
    if len(parts) == 1:
        return year_span(parts[0])
    if len(parts) == 2:
        return month_span(parts[0], parts[1])
    day = date(parts[0], parts[1], parts[2])
    return Span(day, day)
