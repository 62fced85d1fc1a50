"""Names, roles and organisations in a speaker phrase ("Foreign Minister Jeyhun Bayramov").

The words come from ``data/lexicon/roles.yaml``; this module only knows how phrases are built.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import Any

from kg.extract.lexicon_data import load_lexicon

# Upper- and lower-case letters of the Latin, Greek and Cyrillic blocks, for name patterns.
UPPER = "".join(chr(c) for c in range(0x41, 0x530) if chr(c).isupper())
LOWER = "".join(chr(c) for c in range(0x61, 0x530) if chr(c).islower())
_WORD = rf"[{UPPER}][{LOWER}'\u2019]+(?:-[{UPPER}{LOWER}][{LOWER}]+)?"
_TOKEN = rf"(?:{_WORD}|(?:al|el|ad|as|ash|bin|ibn|abu)-[{UPPER}][{LOWER}]+)"
_PARTICLE = r"(?:de|da|del|della|di|van|von|der|den|bin|ibn|abu|al|el|la|le|dos|das)"
#: A person's name: two to four capitalised words, particles allowed between them.
NAME = rf"{_TOKEN}(?:\s+(?:{_PARTICLE}\s+)?{_TOKEN}){{1,3}}"
#: A surname alone ("Ismayilov said"), resolved later against full names in the text.
SURNAME = _TOKEN
_NAME_RE = re.compile(rf"{NAME}|{SURNAME}")
_POSSESSIVE = re.compile(r"['\u2019]s?$")
_NON_WORD = re.compile(r"[^\w'\u2019-]+")
_ARTICLE = re.compile(r"^(?:the|a|an)\s+", re.IGNORECASE)


@dataclass(frozen=True)
class Parts:
    """A speaker phrase taken apart; offsets are relative to the phrase."""

    name: tuple[int, int] | None
    role: tuple[int, int] | None
    organization: tuple[int, int] | None


@functools.cache
def lexicon() -> dict[str, Any]:
    """The roles lexicon (``data/lexicon/roles.yaml``).

    >>> "minister" in lexicon()["role_words"]
    True
    """
    return load_lexicon("roles")


@functools.cache
def _words(name: str) -> frozenset[str]:
    # Russian entries of the same list (role words, organisation heads) count too.
    words = [*lexicon()[name], *lexicon()["ru"].get(name, [])]
    return frozenset(word.lower() for word in words)


def is_name_word(word: str) -> bool:
    """Whether a capitalised word can be part of a person's name.

    >>> is_name_word("Bayramov"), is_name_word("Minister"), is_name_word("Rights")
    (True, False, False)
    """
    lowered = _POSSESSIVE.sub("", word.lower())
    return not (lowered in _words("name_stopwords") or lowered in _words("titles") or word.isupper())


def has_word(phrase: str, lexicon_name: str) -> bool:
    """Whether ``phrase`` holds a word or multi-word entry of the named word list.

    >>> has_word("the Ministry of Foreign Affairs", "organization_heads")
    True
    """
    lowered = " " + _NON_WORD.sub(" ", phrase.lower()) + " "
    single, spaced = _split_entries(lexicon_name)
    return not single.isdisjoint(lowered.split(" ")) or any(entry in lowered for entry in spaced)


@functools.cache
def _split_entries(lexicon_name: str) -> tuple[frozenset[str], tuple[str, ...]]:
    """The one-word entries, looked up among a phrase's words, and the others with the spaces around them
    that :func:`has_word` looks for."""
    words = _words(lexicon_name)
    single = frozenset(word for word in words if word and " " not in word)
    return single, tuple(f" {word} " for word in words if word not in single)


def split_subject(phrase: str) -> Parts:
    """Find the name in a subject phrase: role words before it, "of ORG" or an appositive after it.

    >>> p = "Major Falah Hassan of the national team"
    >>> parts = split_subject(p)
    >>> [p[s:e] for s, e in (parts.role, parts.name, parts.organization)]
    ['Major', 'Falah Hassan', 'national team']
    """
    for match in reversed(list(_NAME_RE.finditer(phrase))):
        start, end = _trim_name(phrase, match.start(), match.end())
        if start < end and _is_name(phrase[start:end]):
            role = _span(phrase, 0, start)
            return Parts((start, end), role, _after_name(phrase, end))
    return Parts(None, None, None)


def _trim_name(phrase: str, start: int, end: int) -> tuple[int, int]:
    # Keep the trailing run of name words ("Transport Minister Lena Park" -> "Lena Park").
    begin = end
    for word in reversed(list(re.finditer(r"\S+", phrase[start:end]))):
        if not (is_name_word(word.group()) or re.fullmatch(_PARTICLE, word.group())):
            break
        begin = start + word.start()
    return begin, end


def _is_name(text: str) -> bool:
    words = text.split()
    return all(is_name_word(word) or word.islower() for word in words) and any(word[:1].isupper() for word in words)


def _after_name(phrase: str, end: int) -> tuple[int, int] | None:
    rest = re.match(r"\s*,?\s*(?:of|from|at)\s+(?:the\s+)?", phrase[end:])
    return _span(phrase, end + rest.end(), len(phrase)) if rest else None


def _span(phrase: str, start: int, end: int) -> tuple[int, int] | None:
    text = phrase[start:end]
    stripped = text.strip(" ,")
    if not stripped:
        return None
    offset = start + text.index(stripped)
    article = _ARTICLE.match(stripped)
    if article and len(stripped) > article.end():
        offset += article.end()
        stripped = stripped[article.end() :]
    return offset, offset + len(stripped)


def organization_in_role(role: str) -> tuple[int, int] | None:
    """Where a role names its organisation: "head of the ICRC Delegation" -> "ICRC Delegation".

    >>> r = "a member of the Working Group of the State Commission"
    >>> s, e = organization_in_role(r)
    >>> r[s:e]
    'Working Group of the State Commission'
    """
    match = _position_regex().search(role)
    if match is None or not has_word(role[match.end() :], "organization_heads"):
        return None
    return match.end(), len(role.rstrip(" ,."))


@functools.cache
def _position_regex() -> re.Pattern[str]:
    positions = "|".join(re.escape(p) for p in sorted(_words("positions"), key=len, reverse=True))
    return re.compile(rf"\b(?:{positions})\s+(?:(?:of|at|in)\s+(?:the\s+)?)?(?=\S)", re.IGNORECASE)


def expand_organization(text: str, short: str) -> tuple[int, int] | None:
    """The full name of an organisation the text names briefly elsewhere ("the commission").

    >>> t = "The State Commission on Missing Persons, the Red Cross and others met. The commission said."
    >>> s, e = expand_organization(t, "commission")
    >>> t[s:e]
    'State Commission on Missing Persons'
    """
    head = short.split()[-1].lower()
    stem = re.escape(head[: max(4, len(head) - 2)])
    tail = r"(?:[ \t]+(?:on|for|of|по|при)[ \t]+(?:[^.;:()«»\"“”\n,]|,[ \t]+(?![a-z]))*?)?"
    end = r"(?=,\s+[a-z]|\s+(?:вместе|совместно|together)\s|[.;:()«»\"“”\n]|$)"
    pattern = rf"(?:[{UPPER}][\w-]*[ \t]+)+(?i:{stem})\w*{tail}{end}"
    for match in re.finditer(pattern, text):
        if len(match.group().split()) > len(short.split()):
            article = _ARTICLE.match(match.group())
            return match.start() + (article.end() if article else 0), match.end()
    return None


def implied_organization(role: str) -> str | None:
    """The organisation a role implies when the text names none.

    >>> implied_organization("Foreign Minister")
    'Ministry of Foreign Affairs'
    >>> implied_organization("UN High Commissioner for Human Rights")
    'Office of the UN High Commissioner for Human Rights'
    """
    lowered = role.lower()
    for pattern, organization in _implied_rules():
        if pattern.search(lowered):
            return organization.format(role=_ARTICLE.sub("", role).strip())
    return None


@functools.cache
def _implied_rules() -> tuple[tuple[re.Pattern[str], str], ...]:
    return tuple((re.compile(rule["match"]), str(rule["organization"])) for rule in lexicon()["implied_organizations"])
