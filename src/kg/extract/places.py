"""Place mentions: gazetteer names in locative use, plus patterns for places the gazetteer lacks.

A state's name (or its capital's) is a place only where the text uses it as a location ("in Armenia",
"Armenia's territory"); as the subject of a clause it is an actor, left to :mod:`kg.extract.actors`.
Places the gazetteer lacks are found by their type word ("Edilli village", "the X district", "село X")
and get an unresolved key ``place/x-<slug>``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from kg.extract.regex_prefilter import finditer
from kg.extract.text import anchor, keep_widest
from kg.gazetteer import Entry, Gazetteer, Match
from kg.model import EntityMention
from kg.vocab import slug

_WORD = re.compile(r"[^\W\d_][\w'’.-]*")
_NAME = r"[A-ZÀ-ÖØ-ÞĀ-ʯ][\w’'-]*(?:[ -][A-ZÀ-ÖØ-ÞĀ-ʯ][\w’'-]*){0,3}"
_CYR_NAME = r"[А-ЯЁ][а-яё]+(?:-[А-ЯЁ][а-яё]+)?"
_LATER_TYPES = ("district", "region")


def extract_places(text: str, gazetteer: Gazetteer, language: str = "en") -> list[EntityMention]:
    """Place mentions in ``text``, one per occurrence, in text order.

    >>> g = Gazetteer.load()
    >>> [(m.anchor.quote, m.key) for m in extract_places("Armenia denies it; they fled to Armenia.", g)]
    [('Armenia', 'place/armenia')]
    """
    words = _words(gazetteer)
    found: dict[tuple[int, int], EntityMention] = {}
    for match in gazetteer.find(text, kinds={"place"}):
        if _is_place_use(text, match, words):
            found[(match.start, match.end)] = _mention(text, match.start, match.end, match.entry)
    for mention in _pattern_places(text, gazetteer, words.not_name_words):
        keep_widest(found, mention)
    for mention in _repeats(text, found.values()):
        keep_widest(found, mention)
    return sorted(found.values(), key=lambda m: m.anchor.start)


@dataclass(frozen=True)
class _PlaceWords:
    """The word lists of the gazetteer's lexicon that tell a place's use, as sets, built once per gazetteer."""

    not_name_words: frozenset[str]
    #: words before a place that make it no part of a longer name
    name_stop: frozenset[str]
    #: place type words, lower case
    type_words: frozenset[str]
    #: prepositions before a country used as a place
    locative: frozenset[str]
    #: verbs after a name that make it an agent ("Armenia denies")
    agent_verbs: frozenset[str]
    #: nouns after "X's" that make a country a place ("Azerbaijan's territory")
    possessed: frozenset[str]
    #: nouns before "of X" that make a country a place ("territory of Azerbaijan")
    of_nouns: frozenset[str]


@lru_cache(maxsize=4)
def _words(gazetteer: Gazetteer) -> _PlaceWords:
    lexicon = gazetteer.lexicon
    not_name, locative = frozenset(lexicon["not_name_words"]), frozenset(lexicon["locative_before"])
    types = frozenset(w.lower() for ws in lexicon["place_type_words"].values() for w in ws)
    return _PlaceWords(
        not_name, not_name | locative, types, locative, frozenset(lexicon["agent_verbs"]),
        frozenset(lexicon["locative_possessed"]), frozenset(lexicon["locative_of_nouns"]),
    )  # fmt: skip


def _mention(text: str, start: int, end: int, entry: Entry) -> EntityMention:
    return EntityMention(anchor(text, start, end), entry.iri_path, entry.label, "place", True, entry.subtype)


def _words_before(text: str, start: int, count: int) -> list[str]:
    return _WORD.findall(text[max(0, start - 80) : start])[-count:]


def _is_place_use(text: str, match: Match, words: _PlaceWords) -> bool:
    """Whether a gazetteer name stands for a location here (not an agent, not part of another name)."""
    entry = match.entry
    if not entry.curated and _inside_name(text, match, words):
        return False
    if entry.stands_for is None:
        return True
    following = _WORD.findall(text[match.end : match.end + 40])[:2]
    if following and following[0].lower() in words.agent_verbs:
        return False
    if entry.subtype != "country":
        return True
    return _locative(text, match, words)


def _locative(text: str, match: Match, words: _PlaceWords) -> bool:
    """Country names: after a locative preposition, "territory of", in a dateline, or "X's territory"."""
    line_start = text.rfind("\n", 0, match.start) + 1
    if match.text.isupper() and not text[line_start : match.start].strip():
        return True
    after = re.match(r"['’]s\s+(?:own\s+)?(\w+)", text[match.end : match.end + 30])
    if after and after.group(1).lower() in words.possessed:
        return True
    locative = words.locative
    before = [w for w in _words_before(text, match.start, 8) if w.lower() not in ("the", "its", "their")]
    # walk back over a list of names: "in Armenia, Georgia and Azerbaijan"
    while before and (before[-1] in ("and", "or") or (before[-1][0].isupper() and before[-1].lower() not in locative)):
        before.pop()
    if not before:
        return False
    if before[-1].lower() in locative:
        return True
    return before[-1] == "of" and len(before) > 1 and before[-2].lower() in words.of_nouns


def _inside_name(text: str, match: Match, words: _PlaceWords) -> bool:
    """World names next to other capitalised words are parts of other names ("Geneva Conventions")."""
    before = re.search(r"([^\W\d_][\w'’-]*)[ \u00a0]+$", text[max(0, match.start - 40) : match.start])
    if before and before.group(1)[0].isupper() and before.group(1) not in words.name_stop:
        return True
    after = re.match(r"[ \u00a0]+([^\W\d_][\w'’-]*)", text[match.end : match.end + 40])
    return bool(after and after.group(1)[0].isupper() and after.group(1).lower() not in words.type_words)


def _pattern_places(text: str, gazetteer: Gazetteer, stop: frozenset[str]) -> Iterable[EntityMention]:
    """Places named with a type word; resolved when the gazetteer knows the name."""
    for pattern, subtype in _type_patterns(gazetteer):
        yield from _typed(text, gazetteer, pattern, subtype, stop)


@lru_cache(maxsize=4)
def _type_patterns(gazetteer: Gazetteer) -> tuple[tuple[str, str], ...]:
    """The patterns of places named with a type word, each with the type; built once per gazetteer."""
    lexicon = gazetteer.lexicon
    patterns = []
    for subtype, words in lexicon["place_type_words"].items():
        alternatives = "|".join(re.escape(w) for w in words)
        if subtype == "street":
            patterns.append((rf"(?P<all>(?P<name>{_NAME})\s+(?:{alternatives}))\b", subtype))
            continue
        patterns.append((rf"\b(?P<name>{_NAME})\s+(?P<type>{alternatives})\b", subtype))
        patterns.append((rf"\b(?:{alternatives})\s+of\s+(?P<name>{_NAME})", subtype))
    heads = "|".join(lexicon["landmark_heads"])
    landmark = rf"\b(?P<all>(?P<name>(?:{heads})\s+of\s+(?:St\.\s+|the\s+)?{_NAME}(?:\s+(?:the|and)\s+{_NAME})*))"
    patterns.append((landmark, "building"))
    for subtype, words in lexicon["place_type_words_ru"].items():
        alternatives = "|".join(words)
        patterns.append((rf"(?:{alternatives})\s+(?P<name>{_CYR_NAME})", subtype))
        pattern = rf"(?P<all>(?P<name>[А-ЯЁ][а-яё]+(?:ского|ском|ский|ская|ской|ского))\s+(?:{alternatives}))"
        patterns.append((pattern, subtype))
    return tuple(patterns)


def _typed(
    text: str, gazetteer: Gazetteer, pattern: str, subtype: str, stop: frozenset[str]
) -> Iterable[EntityMention]:
    for found in finditer(pattern, text):
        start, end = _trim_name(text, found.start("name"), found.end("name"), stop)
        if start >= end:
            continue
        if "all" in found.groupdict() and found.group("all"):
            start, end = min(start, found.start("all")), found.end("all")
        elif subtype in _LATER_TYPES and found.groupdict().get("type"):
            end = found.end("type")
        yield _resolve(text, start, end, subtype, gazetteer)


def _trim_name(text: str, start: int, end: int, stop: frozenset[str]) -> tuple[int, int]:
    """Drop leading words that do not belong to a name ("In Edilli" -> "Edilli")."""
    words = list(re.finditer(r"\S+", text[start:end]))
    while words and words[0].group().rstrip(".,") in stop:
        words.pop(0)
    if not words:
        return start, start
    return start + words[0].start(), end


def _resolve(text: str, start: int, end: int, subtype: str, gazetteer: Gazetteer) -> EntityMention:
    name = text[start:end]
    for entry in gazetteer.lookup(name, kinds={"place"}):
        return EntityMention(anchor(text, start, end), entry.iri_path, entry.label, "place", True, entry.subtype)
    return EntityMention(anchor(text, start, end), f"place/x-{slug(name)}", name, "place", False, subtype)


def _repeats(text: str, mentions: Iterable[EntityMention]) -> Iterable[EntityMention]:
    """Other occurrences of a place first found by a pattern ("Kocho village ... Kocho alone")."""
    for mention in list(mentions):
        if mention.resolved or mention.subtype not in ("village", "town", "city"):
            continue
        for found in re.finditer(rf"(?<![\w-]){re.escape(mention.anchor.quote)}(?![\w-])", text):
            yield EntityMention(anchor(text, found.start(), found.end()), mention.key, mention.name, "place", False,
                                mention.subtype)  # fmt: skip
