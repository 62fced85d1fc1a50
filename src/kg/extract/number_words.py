"""Numbers written in words ("thirty-two", "half a million", "пятерых") and ordinals ("32nd").

The words live in ``data/lexicon/numbers.yaml``; this module turns them into patterns and values.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from kg.extract.lexicon_data import load_lexicon
from kg.extract.regex_trie import trie_alternation

_LANGUAGES = ("en", "ru")
_ORDINAL_DIGITS = rf"\d{{1,3}}(?:{load_lexicon('date_endings')['ordinal']})"


@dataclass(frozen=True)
class NumberLexicon:
    """Number words of all supported languages, lower case."""

    small: dict[str, int]
    scales: dict[str, int]
    ordinals: dict[str, int]
    phrases: dict[str, float]
    approximate_phrases: frozenset[str]


@functools.cache
def number_lexicon() -> NumberLexicon:
    """The merged number words of every language in ``numbers.yaml``.

    >>> number_lexicon().small["twenty"]
    20
    """
    data = load_lexicon("numbers")
    small: dict[str, int] = {}
    scales: dict[str, int] = {}
    ordinals: dict[str, int] = {}
    phrases: dict[str, float] = {}
    approximate: set[str] = set()
    for language in _LANGUAGES:
        words = data[language]
        small.update(words["units"])
        small.update(words["tens"])
        scales.update(words["scales"])
        ordinals.update(words.get("ordinals") or {})
        phrases.update(words.get("phrases") or {})
        approximate.update(words.get("approximate_phrases") or [])
    return NumberLexicon(small, scales, ordinals, phrases, frozenset(approximate))


def _alternation(words: list[str]) -> str:
    parts = sorted(words, key=len, reverse=True)
    return trie_alternation([tuple(w) for w in parts]) or "|".join(re.escape(w) for w in parts)


@functools.cache
def number_words_regex() -> str:
    """Regex source for a number written in words; "and" only after a scale word.

    >>> re.fullmatch(number_words_regex(), "one hundred and fifty", re.I) is not None
    True
    """
    lex = number_lexicon()
    word = f"(?:{_alternation([*lex.small, *lex.scales])})"
    after_scale = "|".join(f"(?<={re.escape(s)})" for s in lex.scales)
    phrase = _alternation(list(lex.phrases))
    return rf"(?<![\w-])(?:(?:{phrase})|{word}(?:(?:\s+|-){word}|(?:{after_scale})\s+and\s+{word})*)(?![\w])"


@functools.cache
def ordinal_regex() -> str:
    """Regex source for an ordinal: "32nd", "thirty-second", "30-й".

    >>> re.fullmatch(ordinal_regex(), "thirty-second", re.I) is not None
    True
    """
    lex = number_lexicon()
    tens = _alternation([w for w, v in lex.small.items() if v >= 20 and v % 10 == 0 and v < 100])
    ordinal = _alternation(list(lex.ordinals))
    return rf"(?<![\w-])(?:{_ORDINAL_DIGITS}|(?:(?:{tens})[\s-])?(?:{ordinal}))(?!\w)"


def parse_number_words(phrase: str) -> float | None:
    """The value of a number written in words, or None when it is not one.

    >>> parse_number_words("Thirty-two"), parse_number_words("one hundred and fifty")
    (32, 150)
    >>> parse_number_words("half a million")
    500000
    """
    lex = number_lexicon()
    key = " ".join(phrase.lower().split())
    if key in lex.phrases:
        return lex.phrases[key]
    total, current, seen = 0, 0, False
    for token in re.split(r"[\s-]+", key):
        if token == "and":
            continue
        if token in lex.small:
            current += lex.small[token]
        elif token in lex.scales:
            scale = lex.scales[token]
            if scale >= 1000:
                total, current = total + max(current, 1) * scale, 0
            else:
                current = max(current, 1) * scale
        else:
            return None
        seen = True
    return total + current if seen else None


def parse_ordinal(text: str) -> int | None:
    """The value of an ordinal ("32nd", "thirtieth", "thirty-second", "30-й").

    >>> parse_ordinal("32nd"), parse_ordinal("Thirty-Second"), parse_ordinal("30th")
    (32, 32, 30)
    """
    digits = re.match(r"\d+", text)
    if digits:
        return int(digits.group())
    lex = number_lexicon()
    total = 0
    for token in re.split(r"[\s-]+", text.lower()):
        if token in lex.ordinals:
            total += lex.ordinals[token]
        elif token in lex.small:
            total += lex.small[token]
        else:
            return None
    return total or None


def parse_number(text: str) -> float | None:
    """A number in digits ("4,000", "1.5 million") or in words.

    >>> parse_number("4,000"), parse_number("1.5 million"), parse_number("twenty-four")
    (4000, 1500000, 24)
    """
    match = re.fullmatch(r"(\d{1,3}(?:[, ]\d{3})+|\d+)(?:\.(\d+))?(?:\s+(\w+))?", text.strip())
    if not match:
        return parse_number_words(text)
    value: float = int(re.sub(r"[, ]", "", match.group(1)))
    if match.group(2):
        value += int(match.group(2)) / 10 ** len(match.group(2))
    if match.group(3):
        scale = number_lexicon().scales.get(match.group(3).lower())
        if scale is None:
            return None
        value *= scale
    return int(value) if float(value).is_integer() else value
