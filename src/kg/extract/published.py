"""The document's own date: front matter, a dateline, a date line under the headline,
a signature-block date or a trailing timestamp; else what the text implies
(:mod:`kg.extract.published_inference`), and the year so inferred when a dateline omits it.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator, Mapping
from dataclasses import replace
from datetime import date

from kg.extract.date_patterns import find_written_dates
from kg.extract.date_spans import Found, day_span, month_span, safe_date, year_span
from kg.extract.published_inference import KnownEvent, agreed_year, infer_publication, year_clues
from kg.extract.text import anchor
from kg.model import Anchor, DateMention, Precision, Span

_HEADER_LINES = 5
#: words a date line may carry besides the date ("Published:", "Monday", a place, "GMT")
_STANDALONE_WORDS = 2
_FOOTER_LINES = 4
#: a dateline opens with a place (and maybe a country or agency) before the date
_DATELINE_PREFIX = re.compile(r"^[\W_]*(?P<first>[^\W\d_])[^.!?\n]{0,60}?(?:,|\(|\u2013|\u2014|-)\s*$")
_MARKUP = re.compile(r"[*_#>|`]+")
_ISO_META = re.compile(r"(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?(?:[T ].*)?$")


def find_publication_date(
    text: str,
    meta_date: str | None = None,
    anniversaries: Mapping[str, date | KnownEvent] | None = None,
) -> DateMention | None:
    """The date the document gives itself, or None when no year can be told.

    ``anniversaries`` maps the names of known events the text mentions to their dates, so that
    "the 32nd anniversary of X" or "24 years have passed since X" can supply a year.

    >>> find_publication_date("Title\\n\\nGENEVA (2 November 2020) - The envoy said.").iso
    '2020-11-02'
    >>> find_publication_date("Title\\n\\nBAKU, March 3. The envoy said.") is None
    True
    """
    if meta_date:
        from_meta = _from_meta(meta_date)
        if from_meta is not None:
            return from_meta
    lines = list(_lines(text))
    candidates = [d for line in lines[:_HEADER_LINES] if (d := _dateline_date(text, line))]
    footer = [d for line in lines[-_FOOTER_LINES:] if (d := _standalone_date(text, line, _dates_in(text, line)))]
    candidates += reversed(footer)
    if candidates:
        first = candidates[0]
        if first.year is not None:
            return _mention(text, first, first.span)
        clues = year_clues(text, _known(anniversaries))
        year = _year_from_others(first, candidates[1:]) or agreed_year(clues, first.month, first.day)
        day = safe_date(year, first.month or 1, first.day or 1) if year else None
        return _mention(text, first, day_span(day)) if day else None
    return infer_publication(text, _known(anniversaries))


def _known(anniversaries: Mapping[str, date | KnownEvent] | None) -> dict[str, KnownEvent]:
    """Known events by name; a bare date is an event of that one day."""
    return {
        name: value if isinstance(value, KnownEvent) else KnownEvent(day_span(value))
        for name, value in (anniversaries or {}).items()
    }


def _mention(text: str, found: Found, span: Span | None) -> DateMention:
    return DateMention(anchor(text, found.start, found.end), span, found.precision, "dateline")


def _from_meta(value: str) -> DateMention | None:
    """A front-matter date: ISO (date, year-month, year, timestamp) or written out."""
    match = _ISO_META.match(value.strip())
    if match:
        year = int(match.group(1))
        month, day = (int(g) if g else None for g in match.groups()[1:3])
        if month and day and (found := safe_date(year, month, day)):
            return DateMention(Anchor(0, 0, ""), day_span(found), Precision.DAY, "meta")
        if month and 1 <= month <= 12:
            return DateMention(Anchor(0, 0, ""), month_span(year, month), Precision.MONTH, "meta")
        return DateMention(Anchor(0, 0, ""), year_span(year), Precision.YEAR, "meta")
    written = [f for f in find_written_dates(value, None) if f.year is not None]
    if not written:
        return None
    best = max(written, key=lambda f: f.end - f.start)
    return DateMention(Anchor(0, 0, ""), best.span, best.precision, "meta")


def _lines(text: str) -> Iterator[tuple[int, int]]:
    """(start, end) of each non-blank line."""
    for match in re.finditer(r"[^\n]+", text):
        if match.group().strip():
            yield match.start(), match.end()


def _dates_in(text: str, line: tuple[int, int]) -> list[Found]:
    start, end = line
    return [_shifted(f, start) for f in _line_dates(text[start:end])]


@functools.lru_cache(maxsize=64)
def _line_dates(line: str) -> tuple[Found, ...]:
    """The longest written dates with a month or year in ``line``, without overlaps, in line order.

    Cached: the header and footer lines are looked at several times.

    >>> [(f.start, f.end) for f in _line_dates("Baku, 5 March 2021 / 2021")]
    [(6, 18), (21, 25)]
    """
    found = [f for f in find_written_dates(line, None) if f.month or f.year]
    longest: list[Found] = []
    for item in sorted(found, key=lambda f: (-(f.end - f.start), f.start)):
        if all(item.end <= k.start or item.start >= k.end for k in longest):
            longest.append(item)
    return tuple(sorted(longest, key=lambda f: f.start))


def _shifted(found: Found, offset: int) -> Found:
    return replace(found, start=found.start + offset, end=found.end + offset)


def _dateline_date(text: str, line: tuple[int, int]) -> Found | None:
    """A date standing alone on its line, or after a dateline's place ("YEREVAN, JANUARY 14,")."""
    dates = _dates_in(text, line)
    standalone = _standalone_date(text, line, dates)
    if standalone is not None:
        return standalone
    for found in dates[:1]:
        prefix = _DATELINE_PREFIX.match(text[line[0] : found.start])
        if found.precision is Precision.DAY and prefix and prefix.group("first").isupper():
            return found
    return None


def _standalone_date(text: str, line: tuple[int, int], dates: list[Found]) -> Found | None:
    """Of the line's ``dates``, one that is (nearly) the whole line: "25 February 2022", "Регионы, 2022-10-05 12:18"."""
    for found in dates:
        rest = _MARKUP.sub(" ", text[line[0] : found.start] + " " + text[found.end : line[1]])
        if found.precision is Precision.DAY and len(re.findall(r"[^\W\d_]+", rest)) <= _STANDALONE_WORDS:
            return found
    return None


def _year_from_others(dateline: Found, others: list[Found]) -> int | None:
    """The year of another full date of the header or footer on the same day (a timestamp)."""
    for other in others:
        if other.year is not None and (other.month, other.day) == (dateline.month, dateline.day):
            return other.year
    return None
