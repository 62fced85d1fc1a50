"""Month names, weekdays and relative-time words from ``data/lexicon``, as lookups and regexes."""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from enum import Enum
from typing import Any

from kg.extract.date_spans import Found
from kg.extract.lexicon_data import load_lexicon
from kg.extract.regex_prefilter import Needs, fold_cached, matches_at, may_match, needs_words
from kg.extract.regex_trie import SPACE, trie_alternation

#: languages whose month names are always looked for (they cannot be mistaken for other words)
_ALWAYS = ("en", "ru")


@dataclass(frozen=True)
class DateLexicon:
    """Time words of the languages looked for in one text (lower case)."""

    months: dict[str, int]
    abbreviations: frozenset[str]
    ambiguous: frozenset[str]
    month_suffix: str
    weekdays: dict[str, int]
    day_offsets: dict[str, int]
    periods: dict[str, tuple[str, int]]
    year_qualifiers: dict[str, int]
    month_prepositions: tuple[str, ...]
    units: dict[str, str]
    ago_words: tuple[str, ...]
    since_phrases: tuple[str, ...]
    month_ties: tuple[str, ...]
    day_ties: tuple[str, ...]
    anniversary_words: tuple[str, ...]
    number_labels: frozenset[str]
    count_nouns: frozenset[str]

    def month_of(self, word: str) -> int | None:
        """Month number of a written month form (with an Azerbaijani case suffix allowed)."""
        key = word.lower().rstrip(".")
        if key in self.months:
            return self.months[key]
        stems = [form for form in self.months if key.startswith(form)]
        return self.months[max(stems, key=len)] if stems else None

    def is_month(self, word: str) -> bool:
        """True when ``word`` is a month as written (ambiguous forms must be capitalised)."""
        key = word.lower().rstrip(".")
        if key in self.ambiguous or any(key.startswith(a) and len(a) > 3 for a in self.ambiguous):
            return word[:1].isupper()
        return self.month_of(word) is not None


def alternation(words: Any) -> str:
    """Regex alternation of literal phrases, longest first; spaces match any white space.

    >>> alternation(["in these days", "in"])
    'in(?:\\\\s+these\\\\s+days|)'
    """
    parts = sorted({str(w) for w in words}, key=len, reverse=True)
    # A phrase spaced unevenly sorts by a length its pattern does not have: keep the plain form.
    if all(w == " ".join(w.split()) for w in parts):
        tree = trie_alternation([tuple(SPACE if c == " " else c for c in w) for w in parts])
        if tree is not None:
            return tree
    return "|".join(r"\s+".join(re.escape(p) for p in w.split()) for w in parts)


def _by_language(section: dict[str, Any], languages: tuple[str, ...]) -> list[Any]:
    return [section[lang] for lang in languages if lang in section]


def _month_forms(languages: tuple[str, ...]) -> tuple[dict[str, int], set[str], set[str], list[str]]:
    """Month forms with their numbers, the abbreviations, the ambiguous forms, the case suffixes."""
    months: dict[str, int] = {}
    ambiguous: set[str] = set()
    abbreviations: set[str] = set()
    suffixes: list[str] = []
    for entry in _by_language(load_lexicon("months"), languages):
        for group in ("names", "abbreviations"):
            for number, forms in (entry.get(group) or {}).items():
                months.update({form: int(number) for form in forms})
                if group == "abbreviations":
                    abbreviations.update(forms)
        ambiguous.update(entry.get("ambiguous") or [])
        if entry.get("suffix"):
            suffixes.append(entry["suffix"])
    return months, abbreviations, ambiguous, suffixes


@functools.cache
def date_lexicon(language: str = "en") -> DateLexicon:
    """The time words for a text in ``language`` (English and Russian are always included).

    >>> date_lexicon("en").month_of("FEBRUARY"), date_lexicon("az").month_of("fevralda")
    (2, 2)
    """
    languages = tuple(dict.fromkeys((*_ALWAYS, language)))
    words = load_lexicon("date_words")
    months, abbreviations, ambiguous, suffixes = _month_forms(languages)
    merged: dict[str, dict[str, Any]] = {}
    for key in ("day_offsets", "period_phrases", "year_qualifiers"):
        merged[key] = {}
        for entry in _by_language(words[key], languages):
            merged[key].update(entry)
    weekdays = {
        form: int(day)
        for entry in _by_language(words["weekdays"], languages)
        for day, forms in entry.items()
        for form in forms
    }
    units = {
        form: unit
        for entry in _by_language(words["time_units"], languages)
        for unit, forms in entry.items()
        for form in forms
    }

    def flat(key: str) -> tuple[str, ...]:
        return tuple(w for entry in _by_language(words[key], languages) for w in entry)

    return DateLexicon(
        months=months,
        abbreviations=frozenset(abbreviations),
        ambiguous=frozenset(ambiguous),
        month_suffix="|".join(suffixes),
        weekdays=weekdays,
        day_offsets=merged["day_offsets"],
        periods={k: (v[0], int(v[1])) for k, v in merged["period_phrases"].items()},
        year_qualifiers=merged["year_qualifiers"],
        month_prepositions=flat("month_prepositions"),
        units=units,
        ago_words=flat("ago_words"),
        since_phrases=flat("since_phrases"),
        month_ties=flat("month_ties"),
        day_ties=flat("day_ties"),
        anniversary_words=flat("anniversary_words"),
        number_labels=frozenset(words["number_labels"]),
        count_nouns=frozenset(words["count_nouns"]),
    )


@functools.cache
def month_regex(language: str = "en") -> str:
    """Regex source matching one written month form (not captured).

    >>> bool(re.fullmatch(month_regex("ru"), "февраля", re.I))
    True
    """
    lex = date_lexicon(language)
    full = alternation(f for f in lex.months if f not in lex.abbreviations)
    short = alternation(lex.abbreviations)
    suffix = f"(?:{lex.month_suffix})?" if lex.month_suffix else ""
    return rf"(?<!\w)(?:(?:{full}){suffix}(?!\w)|(?:{short})(?:\.|(?!\w)))"


def weekday_regex(language: str = "en") -> str:
    """Regex source matching one weekday name.

    >>> bool(re.fullmatch(weekday_regex(), "Friday", re.I))
    True
    """
    return rf"(?<!\w)(?:{alternation(date_lexicon(language).weekdays)})(?!\w)"


Handler = Callable[[re.Match[str], "DateLexicon", date | None], Found | None]


class Lead(Enum):
    """Where every match of a date pattern begins: knowing it, the pattern is tried only there."""

    ANYWHERE = "anywhere"
    #: at a written month form
    MONTH = "month"
    #: at the first digit of a number
    DIGITS = "digits"


@dataclass(frozen=True)
class DatePattern:
    """A date pattern and the handler that turns its matches into dates; ``month``: every match holds
    a written month, so a text without one is not searched.
    """

    regex: re.Pattern[str]
    handler: Handler
    lead: Lead = Lead.ANYWHERE
    month: bool = False
    #: the words one of which every match needs, in the folded text (:func:`kg.extract.regex_prefilter.needs_words`)
    needs: Needs = None


def date_pattern(source: str, handler: Handler, lead: Lead = Lead.ANYWHERE, month: bool = False) -> DatePattern:
    """A case-insensitive :class:`DatePattern` that knows the words its matches need.

    >>> date_pattern(r"\\d+\\s+(?:years|months)\\s+ago", lambda m, lex, p: None).needs
    ('months', 'years')
    """
    regex = re.compile(source, re.IGNORECASE)
    return DatePattern(regex, handler, lead, month, needs_words(regex))


@functools.cache
def _month_lead(language: str) -> re.Pattern[str]:
    return re.compile(f"(?=(?:{month_regex(language)}))", re.IGNORECASE)


_NUMBER = re.compile(r"\d+")


def month_starts(text: str, language: str = "en") -> list[int]:
    """Offsets where a written month form begins (as :func:`month_regex` matches it there).

    >>> month_starts("On 5 May and in June 2020")
    [5, 16]
    """
    return [match.start() for match in _month_lead(language).finditer(text)]


def run_patterns(patterns: Iterable[DatePattern], text: str, language: str, published: date | None) -> Iterator[Found]:
    """Every match of every pattern that its handler turns into a date, in pattern order.

    >>> list(run_patterns([DatePattern(re.compile("x"), lambda m, lex, p: None)], "x", "en", None))
    []
    """
    lex = date_lexicon(language)
    starts: dict[Lead, list[int]] = {}
    folded = fold_cached(text)
    for pattern in patterns:
        if not may_match(pattern.needs, folded):
            continue
        if pattern.month and not _starts(starts, Lead.MONTH, text, language):
            continue
        if pattern.lead is Lead.ANYWHERE:
            matches = pattern.regex.finditer(text)
        else:
            matches = matches_at(pattern.regex, text, _starts(starts, pattern.lead, text, language))
        for match in matches:
            found = pattern.handler(match, lex, published)
            if found is not None:
                yield found


def _starts(known: dict[Lead, list[int]], lead: Lead, text: str, language: str) -> list[int]:
    """Offsets where matches led by ``lead`` may begin, found once per text."""
    if lead not in known:
        found = month_starts(text, language) if lead is Lead.MONTH else [m.start() for m in _NUMBER.finditer(text)]
        known[lead] = found
    return known[lead]
