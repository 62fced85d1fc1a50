"""A publication date a careful reader infers when the text gives none in full.

Years come from counts of years since a known event ("Twenty-four years have passed since X",
"the 30th anniversary of X", "N years after X, ... still", "N years ago X"); a month and day from an
observance the text says is today ("Today is Human Rights Day"), or from the weekday of an event held
for an anniversary ("a conference on Friday ... dedicated to the 30th anniversary of X"). Rules that
disagree give nothing rather than a guess.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from kg.extract.date_lexicon import alternation, date_lexicon, weekday_regex
from kg.extract.date_patterns import find_written_dates
from kg.extract.date_spans import day_span, month_span, safe_date, year_span
from kg.extract.lexicon_data import load_lexicon
from kg.extract.number_words import number_words_regex, ordinal_regex, parse_number, parse_ordinal
from kg.extract.observances import observed_days
from kg.extract.text import anchor, sentences
from kg.model import DateMention, Precision, Span

_MAX_YEARS = 300
#: a weekday names the day of an event held for an anniversary only this close to the anniversary
_WEEKDAY_REACH = 3
#: kinds of year clue that count elapsed time, so that the count grows on the anniversary itself
_ELAPSED = frozenset({"elapsed", "after", "ago"})


@dataclass(frozen=True)
class KnownEvent:
    """When a named event began and ended, each the interval its stated precision covers.

    >>> KnownEvent(day_span(date(1995, 7, 11))).day_known
    True
    """

    begin: Span
    end: Span | None = None

    @property
    def day_known(self) -> bool:
        """Whether the event's first day is known."""
        return self.begin.start == self.begin.end

    @property
    def single_year(self) -> bool:
        """Whether the event falls within one calendar year (or is open-ended)."""
        last = self.end.end if self.end else self.begin.end
        return self.begin.start.year == last.year


@dataclass(frozen=True)
class YearClue:
    """A statement that fixes the year of writing: the year, where it is stated, and how."""

    year: int
    start: int
    end: int
    kind: str  # anniversary | elapsed | after | ago
    event: KnownEvent
    #: "on this day N years ago, X": the month and day are the event's own
    same_day: bool = False


def known_event(begin: str, end: str | None = None) -> KnownEvent:
    """A known event from ISO begin and end values at any precision ("1994", "1994-05", "1994-05-12").

    >>> known_event("1992-02-25", "1992-02-26").end.start
    datetime.date(1992, 2, 26)
    >>> known_event("1994-05").begin.end
    datetime.date(1994, 5, 31)
    """
    return KnownEvent(_iso_span(begin), _iso_span(end) if end else None)


def _iso_span(value: str) -> Span:
    parts = [int(p) for p in value[:10].split("-")]
    if len(parts) == 1:
        return year_span(parts[0])
    if len(parts) == 2:
        return month_span(parts[0], parts[1])
    return day_span(date(parts[0], parts[1], parts[2]))


def year_clues(text: str, events: Mapping[str, KnownEvent]) -> list[YearClue]:
    """Every statement of ``text`` that fixes the year of writing through a known event.

    >>> flood = {"great flood": known_event("1953-01-31")}
    >>> [(c.year, c.kind) for c in year_clues("Seventy years have passed since the Great Flood.", flood)]
    [(2023, 'elapsed')]
    """
    known = {" ".join(name.lower().split()): event for name, event in events.items()}
    if not known:
        return []
    names = alternation(known)
    clues = [
        *_anniversary_clues(text, names, known),
        *_elapsed_clues(text, names, known),
        *_after_clues(text, names, known),
        *_ago_clues(text, names, known),
    ]
    return sorted(clues, key=lambda c: c.start)


def _cues() -> dict[str, Any]:
    return load_lexicon("publication_cues")


@functools.cache
def _edge_regex() -> str:
    edges = _cues()["edges"]
    return rf"(?:(?P<edge>{alternation([*edges['begin'], *edges['end']])})\s+of\s+(?:the\s+)?)?"


def _number() -> str:
    return rf"(?P<num>\d{{1,3}}|{number_words_regex()})[\s-]+years?"


def _event_at(
    match: re.Match[str], known: Mapping[str, KnownEvent], from_begin: bool = False
) -> tuple[KnownEvent, int] | None:
    """The event a clue counts from and the year it counts from (its end after "the end of").

    Anniversaries count from an event's start; other counts only from an event within one year.
    """
    event = known[" ".join(match.group("event").lower().split())]
    edge = (match.group("edge") or "").lower()
    if edge in _cues()["edges"]["end"]:
        return (event, event.end.start.year) if event.end else None
    if not edge and not from_begin and not event.single_year:
        return None  # "30 years since the 1988-1994 war": from its start or its end?
    return event, event.begin.start.year


def _anniversary_clues(text: str, names: str, known: Mapping[str, KnownEvent]) -> list[YearClue]:
    words = alternation(date_lexicon("en").anniversary_words)
    ordinal = rf"(?:(?P<ord>{ordinal_regex()})\s+|(?P<digits>\d{{1,3}})-)"
    pattern = rf"{ordinal}(?:{words})\s+(?:of\s+)?(?:the\s+)?{_edge_regex()}(?P<event>{names})(?!\w)"
    clues = []
    for match in re.finditer(pattern, text, re.IGNORECASE):
        count = parse_ordinal(match.group("ord") or match.group("digits"))
        origin = _event_at(match, known, from_begin=True)
        if count and origin and not _other_year_near(text, match.start()):
            clues.append(YearClue(origin[1] + count, match.start(), match.end(), "anniversary", origin[0]))
    return clues


def _elapsed_clues(text: str, names: str, known: Mapping[str, KnownEvent]) -> list[YearClue]:
    cues = _cues()
    elapsed = alternation(cues["elapsed"])
    pattern = rf"(?<![\w-]){_number()}\s+(?:{elapsed})\s+(?:the\s+)?{_edge_regex()}(?P<event>{names})(?!\w)"
    past = re.compile(rf"(?:{alternation(cues['past_before_elapsed'])})\s*$", re.IGNORECASE)
    clues = []
    for match in re.finditer(pattern, text, re.IGNORECASE):
        if past.search(text[max(0, match.start() - 20) : match.start()]) or _other_year_near(text, match.start()):
            continue
        clue = _counted(match, known, "elapsed")
        if clue is not None and not _foreign_year(_sentence_of(text, match.start()), clue):
            clues.append(clue)
    return clues


def _after_clues(text: str, names: str, known: Mapping[str, KnownEvent]) -> list[YearClue]:
    """ "N years after X, families still wait": only a sentence in the present speaks of now."""
    pattern = rf"(?<![\w-]){_number()}\s+after\s+(?:the\s+)?{_edge_regex()}(?P<event>{names})(?!\w)"
    clues = []
    for match in re.finditer(pattern, text, re.IGNORECASE):
        words = set(re.findall(r"\w+", _sentence_of(text, match.start()).lower()))
        if words & set(_cues()["present_words"]) and _speaks_of_now(text, match.start()):
            clue = _counted(match, known, "after")
            if clue is not None:
                clues.append(clue)
    return clues


def _ago_clues(text: str, names: str, known: Mapping[str, KnownEvent]) -> list[YearClue]:
    """ "Thirty years ago, X happened": the one known event of the sentence is N years old."""
    lex = date_lexicon("en")
    pattern = rf"(?<![\w-]){_number()}\s+(?:{alternation(lex.ago_words)})(?!\w)"
    name_pattern = re.compile(rf"(?<!\w)(?:the\s+)?{_edge_regex()}(?P<event>{names})(?!\w)", re.IGNORECASE)
    clues = []
    for match in re.finditer(pattern, text, re.IGNORECASE):
        sentence = _sentence_of(text, match.start())
        mentioned = list(name_pattern.finditer(sentence))
        events = {known[" ".join(m.group("event").lower().split())] for m in mentioned}
        count = parse_number(match.group("num"))
        if len(events) != 1 or not count or not _speaks_of_now(text, match.start()):
            continue
        origin = _event_at(mentioned[0], known)
        if origin is None or not 0 < count < _MAX_YEARS:
            continue
        same_day = re.search(rf"(?<!\w)(?:{alternation(lex.day_ties)})(?!\w)", sentence, re.IGNORECASE)
        same_day_known = bool(same_day) and origin[0].day_known and origin[0].end in (None, origin[0].begin)
        clues.append(YearClue(origin[1] + int(count), match.start(), match.end(), "ago", origin[0], same_day_known))
    return clues


def _counted(match: re.Match[str], known: Mapping[str, KnownEvent], kind: str) -> YearClue | None:
    count = parse_number(match.group("num"))
    origin = _event_at(match, known)
    if origin is None or not count or not float(count).is_integer() or not 0 < count < _MAX_YEARS:
        return None
    return YearClue(origin[1] + int(count), match.start(), match.end(), kind, origin[0])


def _sentence_of(text: str, offset: int) -> str:
    for start, end in sentences(text):
        if start <= offset < end:
            return text[start:end]
    return ""


def _speaks_of_now(text: str, offset: int) -> bool:
    """No word in the sentence moves it to another time ("later", "had"), and no year is written in it."""
    sentence = _sentence_of(text, offset)
    words = set(re.findall(r"\w+", sentence.lower()))
    return not words & set(_cues()["other_time_words"]) and not re.search(r"(?<!\d)(?:1[89]|20)\d{2}(?!\d)", sentence)


def _foreign_year(sentence: str, clue: YearClue) -> bool:
    """ "In his 2010 speech he said ten years had passed": a written year that is neither the event's
    nor the one the clue gives moves the count to another time."""
    last = clue.event.end.end.year if clue.event.end else clue.event.begin.end.year
    allowed = {clue.year, *range(clue.event.begin.start.year, last + 1)}
    return any(int(y) not in allowed for y in re.findall(r"(?<!\d)(?:1[89]|20)\d{2}(?!\d)", sentence))


def _other_year_near(text: str, offset: int) -> bool:
    """ "Last year we marked the 29th anniversary": the count is of another year than the writing's."""
    periods = date_lexicon("en").periods
    other = [phrase for phrase, (unit, step) in periods.items() if unit == "year" and step != 0]
    return re.search(rf"(?<!\w)(?:{alternation(other)})(?!\w)", _sentence_of(text, offset), re.IGNORECASE) is not None


def agreed_year(clues: list[YearClue], month: int | None = None, day: int | None = None) -> int | None:
    """The one year all clues give, or None when they disagree or none is given.

    With a month and day: a count of elapsed years ("24 years have passed since X") grows on X's
    anniversary, so a day before it may belong to the next year; such a day gives None.

    >>> clue = YearClue(2018, 0, 1, "elapsed", known_event("1994-05"))
    >>> agreed_year([clue]), agreed_year([clue], 8, 30), agreed_year([clue], 3, 1)
    (2018, 2018, None)
    """
    years = {c.year for c in clues}
    if len(years) != 1:
        return None
    if month is not None and day is not None:
        for clue in clues:
            start = clue.event.begin.start
            if clue.kind in _ELAPSED and (month, day) < (start.month, start.day):
                return None
    return years.pop()


def infer_publication(text: str, events: Mapping[str, KnownEvent]) -> DateMention | None:
    """The publication date the text implies, at the precision the clues allow, or None.

    >>> flood = {"great flood": known_event("1953-01-31")}
    >>> infer_publication("Statement\\n\\nToday is Human Rights Day. Seventy years have passed since "
    ...                   "the Great Flood.", flood).iso
    '2023-12-10'
    """
    clues = year_clues(text, events)
    observed = observed_days(text)
    written = [YearClue(d.year, d.start, d.end, "written", KnownEvent(year_span(d.year))) for d in observed if d.year]
    clues = sorted([*clues, *written], key=lambda c: c.start)
    days = {(d.observance.month, d.observance.day): (d.start, d.end, "observance") for d in observed}
    for clue in (c for c in clues if c.same_day):
        days[(clue.event.begin.start.month, clue.event.begin.start.day)] = (clue.start, clue.end, "elapsed")
    year = agreed_year(clues)
    if year is None:
        return None
    weekday = _weekday_day(text, clues, year)
    if weekday is not None:
        days.setdefault((weekday[0].month, weekday[0].day), (weekday[1], weekday[2], "weekday"))
    if len(days) == 1:
        (month, day), (start, end, kind) = next(iter(days.items()))
        if agreed_year(clues, month, day) != year:
            return None  # the day falls before the count of years grows: this year or the next
        found = safe_date(year, month, day)
        if found is not None:
            return DateMention(anchor(text, start, end), day_span(found), Precision.DAY, kind)
    first = clues[0]
    kind = "anniversary" if first.kind == "anniversary" else "elapsed"
    return DateMention(anchor(text, first.start, first.end), year_span(year), Precision.YEAR, kind)


def _weekday_day(text: str, clues: list[YearClue], year: int) -> tuple[date, int, int] | None:
    """ "on Friday", in a report of an event held for the Nth anniversary of X: the Friday nearest
    X's anniversary, when the text names no other weekday and no other day of its own time."""
    lex = date_lexicon("en")
    weekdays = list(re.finditer(rf"(?:(?P<on>on)\s+)?(?P<day>{weekday_regex('en')})", text, re.IGNORECASE))
    said_on = [m for m in weekdays if m.group("on")]
    if len({lex.weekdays[_words(m.group("day"))] for m in weekdays}) != 1 or not said_on:
        return None
    if _other_day_named(text, year):
        return None
    dedication = re.compile(rf"(?:{alternation(_cues()['dedication'])})\s+(?:the\s+)?$", re.IGNORECASE)
    held_for = [
        c for c in clues
        if c.kind == "anniversary" and c.event.day_known and dedication.search(text[max(0, c.start - 40) : c.start])
    ]  # fmt: skip
    weekday = lex.weekdays[_words(said_on[0].group("day"))]
    candidates = {
        near
        for clue in held_for
        for edge in _commemorated_days(clue.event)
        if (near := _nearest(safe_date(year, edge.start.month, edge.start.day), weekday)) is not None
    }
    if len(candidates) != 1:
        return None
    return candidates.pop(), said_on[0].start(), said_on[0].end()


def _commemorated_days(event: KnownEvent) -> list[Span]:
    """The days an anniversary of ``event`` may be kept on: its first day, and its last if it was brief."""
    days = [event.begin]
    end = event.end
    if end is not None and end.start == end.end and (end.start - event.begin.start).days <= _WEEKDAY_REACH:
        days.append(end)
    return days


def _words(phrase: str) -> str:
    return " ".join(phrase.lower().split())


def _nearest(day: date | None, weekday: int) -> date | None:
    """The date of ``weekday`` within three days of ``day``."""
    if day is None:
        return None
    shift = (weekday - day.weekday()) % 7
    return day + timedelta(days=shift - 7 if shift > _WEEKDAY_REACH else shift)


def _other_day_named(text: str, year: int) -> bool:
    """Whether the text names a day of its own time ("today", "25 February", "1 March 2022")."""
    lex = date_lexicon("en")
    if re.search(rf"(?<!\w)(?:{alternation(lex.day_offsets)})(?!\w)", text, re.IGNORECASE):
        return True
    return any(f.day is not None and f.year in (None, year) for f in find_written_dates(text, None))
