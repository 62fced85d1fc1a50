"""Counts and measures as stated: "nearly 4,000 Azerbaijanis", "15-20 people", "half a million",
"hundreds of Armenians", "48 days", "about 20km", "пятерых человек".

Approximate when hedged ("about", "more than", ...), when a range or a list of alternatives is
given ("15-20", "three, four or five": the speaker does not know the exact count), for vague
amounts ("hundreds of") and for fractions and rounded phrases ("half of", "half a million").
Years, dates, ordinals and article numbers are not quantities.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass

from kg.extract.date_lexicon import alternation, date_lexicon
from kg.extract.lexicon_data import load_lexicon
from kg.extract.number_words import number_lexicon, number_words_regex, parse_number
from kg.extract.regex_prefilter import Needs, fold_cached, matches_at, may_match, needs_words
from kg.extract.text import anchor
from kg.model import DateMention, Quantity

_LANGUAGES = ("en", "ru")
_BARE_DIGITS = r"(?:\d{1,3}(?:,\d{3})+(?:\.\d+)?(?!\d)|\d+(?:\.\d+)?(?![\d.:/]\d))"
_DIGITS = rf"(?<![\d.,:/-]){_BARE_DIGITS}"
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_TIME_UNITS = frozenset({"day", "week", "month", "year", "hour"})
#: patterns that begin with an optional hedge, then a number or a range opener ("between")
_LED = frozenset({"range", "dash", "alternatives", "single"})


@dataclass(frozen=True)
class _Hit:
    start: int
    end: int
    value: float | None
    minimum: float | None
    maximum: float | None
    approximate: bool
    unit: str | None = None
    counted: str = ""


@dataclass(frozen=True)
class _Words:
    hedges: str
    units: dict[str, str]
    unit_regex: str
    vague: str
    fractions: dict[str, float]
    openers: str
    stops: frozenset[str]
    more_words: str
    ru_more: str
    ru_one: str
    range_open: str
    range_link: str
    alternatives: str
    of_words: str


@functools.cache
def _words() -> _Words:
    data = load_lexicon("numbers")
    langs = [data[lang] for lang in _LANGUAGES]
    units = {form: unit for unit, forms in data["units"].items() for form in forms}
    return _Words(
        hedges=alternation(h for lang in langs for h in lang["hedges"]),
        units=units,
        unit_regex=alternation(units),
        vague=alternation(v for lang in langs for v in lang["vague"]),
        fractions={k: v for lang in langs for k, v in lang["fractions"].items()},
        openers=alternation(o for lang in langs for o in lang["single_unit_openers"]),
        stops=frozenset(data["counted_stops"]),
        more_words=alternation(data["en"]["more_words"]),
        ru_more=alternation(data["ru"]["more_before_one"]),
        ru_one=alternation(data["ru"]["one_after_more"]),
        range_open=alternation(k for lang in langs for k in lang["range_words"]),
        range_link=alternation(v for lang in langs for v in lang["range_words"].values()),
        alternatives=alternation(a for lang in langs for a in lang["alternatives"]),
        of_words=alternation(o for lang in langs for o in lang["of_words"]),
    )


def _number() -> str:
    scales = alternation(number_lexicon().scales)
    return rf"(?:(?:{_DIGITS})(?:\s+(?:{scales})(?!\w))?|{number_words_regex()})"


@functools.cache
def _patterns() -> dict[str, re.Pattern[str]]:
    w = _words()
    num = _number()
    hedge = rf"(?:(?P<hedge>{w.hedges})\s*)?"
    unit = rf"(?:\s*-?\s*(?P<unit>{w.unit_regex})(?!\w))?"
    age = r"(?P<age>the\s+ages?\s+of\s+)?"
    one_more = rf"(?P<one>one)\s+(?:{w.more_words})|(?:{w.ru_more})\s+(?P<ru_one>{w.ru_one})"
    sources = {
        "range": rf"{hedge}(?<!\w)(?:{w.range_open})\s+{age}(?P<a>{num})\s+(?:{w.range_link})\s+"
        rf"(?P<b>{num}){unit}",
        "dash": rf"{hedge}(?P<a>{_DIGITS})\s*[-\u2013\u2014]\s*(?P<b>{_BARE_DIGITS}){unit}(?!\w)",
        "alternatives": rf"{hedge}(?P<a>{num})(?P<middle>(?:,\s*{num})*),?\s+(?:{w.alternatives})\s+"
        rf"(?P<b>{num}){unit}(?!\w)",
        "single": rf"{hedge}(?P<a>{num}){unit}(?!\w|<sup>)",
        "vague": rf"(?<!\w)(?P<vague>{w.vague})(?:\s+(?:{w.of_words}))?(?!\w)",
        "fraction": rf"(?<!\w)(?P<fraction>{alternation(w.fractions)})(?=\s+(?:{w.of_words})\s)",
        "single_unit": rf"(?<!\w)(?:{w.openers})\s+(?P<a>an?|one)\s+(?P<unit>{w.unit_regex})(?!\w)",
        "one_more": rf"(?<!\w)(?:{one_more})(?!\w)",
    }
    return {name: re.compile(source, re.IGNORECASE) for name, source in sources.items()}


def extract_quantities(text: str, dates: Sequence[DateMention] = ()) -> list[Quantity]:
    """Every count or measure in ``text``; spans covered by ``dates`` are skipped.

    >>> [(q.value, q.approximate, q.counted) for q in extract_quantities("Nearly 4,000 Azerbaijanis died.")]
    [(4000, True, 'Azerbaijanis')]
    >>> [(q.minimum, q.maximum, q.approximate) for q in extract_quantities("the remains of 15-20 people")]
    [(15, 20, True)]
    """
    taken = [(d.anchor.start, d.anchor.end) for d in dates]
    hits = [hit for hit in _hits(text) if _allowed(text, hit, taken)]
    chosen: list[_Hit] = []
    for hit in sorted(hits, key=lambda h: (-(h.end - h.start), h.start)):
        if all(hit.end <= c.start or hit.start >= c.end for c in chosen):
            chosen.append(hit)
    return [_quantity(text, hit) for hit in sorted(chosen, key=lambda h: h.start)]


@functools.cache
def _lead() -> re.Pattern[str]:
    """Where a match of a :data:`_LED` pattern may begin: a hedge, a number, a range opener.

    Searched in the folded text (:func:`~kg.extract.regex_prefilter.fold`, as long as the text), case-sensitively:
    the words are lower case, and the same search ignoring case over the text itself took twice as long.
    """
    w = _words()
    return re.compile(rf"(?=(?:{w.hedges})|{_DIGITS}|{number_words_regex()}|(?<!\w)(?:{w.range_open}))")


@functools.cache
def _needs() -> dict[str, Needs]:
    """:func:`~kg.extract.regex_prefilter.needs_words` of each pattern: a text lacking the words is not searched."""
    return {name: needs_words(pattern) for name, pattern in _patterns().items()}


def _hits(text: str) -> list[_Hit]:
    hits: list[_Hit] = []
    # One search for where they may begin, instead of trying the long patterns at every offset.
    folded = fold_cached(text)
    starts = [match.start() for match in _lead().finditer(folded)]
    for name, pattern in _patterns().items():
        if not may_match(_needs()[name], folded):
            continue
        matches = matches_at(pattern, text, starts) if name in _LED else pattern.finditer(text)
        for match in matches:
            hit = _HANDLERS[name](match)
            if hit is not None:
                hits.append(hit)
    return hits


def _unit(match: re.Match[str]) -> str | None:
    written = match.groupdict().get("unit")
    return _words().units.get(" ".join(written.lower().split())) if written else None


def _range(match: re.Match[str]) -> _Hit | None:
    middle = re.split(r",\s*", (match.groupdict().get("middle") or "").strip(", "))
    written = [match.group("a"), *middle, match.group("b")]
    values = [parse_number(w) for w in written if w]
    if any(v is None for v in values) or len(set(values)) < 2:
        return None
    numbers = [v for v in values if v is not None]
    if match.re is _patterns()["dash"] and numbers[1] <= numbers[0]:
        return None
    age = bool(match.groupdict().get("age"))
    unit = "year" if age else _unit(match)
    counted = "age" if age else ""
    return _Hit(match.start(), match.end(), None, min(numbers), max(numbers), True, unit, counted)


def _single(match: re.Match[str]) -> _Hit | None:
    written = " ".join(match.group("a").lower().split())
    value = parse_number(written)
    if value is None or written == "one":
        return None
    approximate = bool(match.group("hedge")) or written in number_lexicon().approximate_phrases
    return _Hit(match.start(), match.end(), value, None, None, approximate, _unit(match))


def _vague(match: re.Match[str]) -> _Hit:
    return _Hit(match.start(), match.end(), None, None, None, True)


def _fraction(match: re.Match[str]) -> _Hit:
    value = _words().fractions[" ".join(match.group("fraction").lower().split())]
    return _Hit(match.start(), match.end(), value, None, None, True, "fraction")


def _single_unit(match: re.Match[str]) -> _Hit:
    return _Hit(match.start("a"), match.end(), 1, None, None, False, _unit(match))


def _one_more(match: re.Match[str]) -> _Hit:
    start = match.start("one") if match.group("one") else match.start()
    return _Hit(start, match.end(), 1, None, None, False)


_HANDLERS = {
    "range": _range,
    "dash": _range,
    "alternatives": _range,
    "single": _single,
    "vague": _vague,
    "fraction": _fraction,
    "single_unit": _single_unit,
    "one_more": _one_more,
}


def _allowed(text: str, hit: _Hit, taken: list[tuple[int, int]]) -> bool:
    """Not a year, a date, an article number; a duration inside a date ("24 years since") is kept."""
    lex = date_lexicon("ru")
    after = re.findall(r"\w+", text[hit.end : hit.end + 40].lower())
    in_date = any(hit.start < end and start < hit.end for start, end in taken)
    if in_date and (hit.unit not in _TIME_UNITS or (after and after[0] in lex.ago_words)):
        return False
    before = re.findall(r"[\w№#]+", text[max(0, hit.start - 20) : hit.start].lower())
    if before and before[-1] in lex.number_labels:
        return False
    looks_like_year = re.fullmatch(r"1\d{3}|20\d{2}", text[hit.start : hit.end]) is not None
    return not (looks_like_year and not (after and after[0] in lex.count_nouns))


def _counted(text: str, hit: _Hit) -> str:
    """The noun phrase after the number: "Azerbaijanis", "Armenian servicemen"."""
    rest = text[hit.end : hit.end + 120]
    rest = re.sub(rf"^\s+(?:{_words().of_words})\s+(?:the\s+)?", " ", rest, flags=re.IGNORECASE)
    words: list[str] = []
    for match in re.finditer(r"\s*([^\W\d_][\w'\u2019-]*)|(\S)", rest):
        word = match.group(1)
        if word is None or word.lower() in _words().stops or len(words) == 4:
            break
        if words and word.lower().endswith("ed"):
            break
        words.append(word)
        if _CYRILLIC.search(word) and len(words) == 2:
            break
    return " ".join(words) or hit.counted


def _quantity(text: str, hit: _Hit) -> Quantity:
    counted = hit.counted or _counted(text, hit)
    if not counted and hit.unit:
        counted = hit.unit
    where = anchor(text, hit.start, hit.end)
    return Quantity(where, hit.value, hit.minimum, hit.maximum, hit.approximate, counted, hit.unit)
