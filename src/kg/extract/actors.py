"""Actor mentions: people, organisations, states as agents, armed groups and groups of people.

Known actors come from the gazetteer; others from patterns: a person's capitalised name next to a
title or a speech verb, an organisation's capitalised name around a head word ("Ministry", "Office"),
a demonym before an agent noun ("Armenian forces"). Unknown actors get ``actor/x-<slug>`` keys.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from kg.extract.regex_prefilter import finditer
from kg.extract.text import anchor, keep_widest
from kg.gazetteer import Entry, Gazetteer
from kg.model import EntityMention
from kg.vocab import slug

_CAP = r"(?:[A-Z][\w'’.-]*|al-[A-Z]\w+)"
_RUN = re.compile(rf"{_CAP}(?:[ \t]+(?:(?:of|on|for|and|the|in|to)[ \t]+)*{_CAP})*")
_PERSON = re.compile(
    r"(?:[A-Z][a-z]+(?:-[A-Z][a-z]+)?)(?:[ \t]+(?:(?:al|el|bin|ibn|van|von|de)[- ])?[A-Z][a-z]+(?:-[A-Z][a-z]+)?){1,4}"
)
_CYR_PERSON = re.compile(
    r"(?<![.!?»]\s)(?<=\s)[А-ЯЁ][а-яё]+\s[А-ЯЁ][а-яё]+(?=,)|\b[А-ЯЁA-Z]\.\s?[А-ЯЁA-Z][а-яёa-z]{2,}"
)
Found = dict[tuple[int, int], EntityMention]


def extract_actors(text: str, gazetteer: Gazetteer, places: list[EntityMention]) -> list[EntityMention]:
    """Actor mentions in ``text``, one per occurrence, in text order.

    >>> g = Gazetteer.load()
    >>> [(m.anchor.quote, m.subtype) for m in extract_actors("Armenian forces shelled it, ICRC said.", g, [])]
    [('Armenian forces', 'armed_group'), ('ICRC', 'organization')]
    """
    taken = {(p.anchor.start, p.anchor.end) for p in places}
    found: Found = {}
    for mention in _organisations(text, gazetteer):
        keep_widest(found, mention)
    for mention in _known(text, gazetteer, taken):
        keep_widest(found, mention)
    for mention in _demonym_phrases(text, gazetteer):
        keep_widest(found, mention)
    for mention in _groups(text, gazetteer):
        keep_widest(found, mention)
    blocked = taken | set(found)
    for mention in _persons(text, _person_words(gazetteer), blocked):
        keep_widest(found, mention)
    return sorted(found.values(), key=lambda m: m.anchor.start)


def _new(text: str, start: int, end: int, kind: str, key: str | None = None) -> EntityMention:
    a = anchor(text, start, end)
    return EntityMention(a, key or f"actor/x-{slug(a.quote)}", a.quote, kind, key is not None, kind)


def _known(text: str, gazetteer: Gazetteer, taken: set[tuple[int, int]]) -> Iterable[EntityMention]:
    """Gazetteer actors, and states or capitals where they are not used as places."""
    for match in gazetteer.find(text, kinds={"actor", "place"}):
        places = [e for e in match.entries if e.kind == "place"]
        if places and (match.start, match.end) in taken:
            continue
        follows = re.match(r"[ \t]+[A-Z]", text[match.end : match.end + 3])
        if match.text.isupper() and follows:
            continue  # an acronym opening a longer name: "UN High Commissioner"
        actors = [e for e in match.entries if e.kind == "actor"]
        if actors:
            entry = actors[0]
        elif places and places[0].stands_for and places[0].curated:
            entry = gazetteer.entry(f"actor/{places[0].stands_for}")
        elif places and places[0].stands_for:
            entry = places[0]
        else:
            continue
        kind = entry.subtype if entry.kind == "actor" else "state"
        yield EntityMention(anchor(text, match.start, match.end), f"actor/{entry.key}", entry.label, kind or "state",
                            True, kind)  # fmt: skip


def _organisations(text: str, gazetteer: Gazetteer) -> Iterable[EntityMention]:
    """Capitalised names around an organisation head word, and lowercase institutional phrases."""
    heads, stop, lower_phrase, phrases = _organisation_patterns(gazetteer)
    for run in _RUN.finditer(text):
        words = run.group().split()
        if not heads & {w.rstrip(".,;:") for w in words}:
            continue
        start = run.start()
        while (len(words) > 2 and words[0] in stop) or words[:1] in (["The"], ["A"], ["An"]):
            start = text.index(words[1], start + len(words[0]))
            words.pop(0)
        if len(words) >= 2 and heads & set(words):
            yield _new(text, start, run.end(), "organization")
    for found in lower_phrase.finditer(text):
        yield _new(text, found.start(), found.end(), "organization")
    for phrase in phrases:
        for found in finditer(phrase, text):
            yield _new(text, found.start(), found.end(), "organization")


@lru_cache(maxsize=4)
def _organisation_patterns(
    gazetteer: Gazetteer,
) -> tuple[frozenset[str], frozenset[str], re.Pattern[str], tuple[str, ...]]:
    """Head words, words that open no name, the lowercase institutional phrase, the fixed phrases;
    built once per gazetteer."""
    lexicon = gazetteer.lexicon
    heads = frozenset(lexicon["org_heads"])
    modifiers = "|".join(re.escape(m) for m in lexicon["org_lower_modifiers"])
    lower_heads = "|".join(re.escape(h) for h in lexicon["org_lower_heads"])
    lower_phrase = re.compile(rf"\b(?:[A-Z]\w+\s+)?(?:{modifiers})\s+(?:{lower_heads})\b(?:\s+in\s+[A-Z]\w+)?")
    phrases = tuple(rf"\b{re.escape(phrase)}\b" for phrase in lexicon["org_lower_phrases"])
    return heads, frozenset(lexicon["not_name_words"]) - heads, lower_phrase, phrases


def _demonym_phrases(text: str, gazetteer: Gazetteer) -> Iterable[EntityMention]:
    """ "Armenian forces" (armed group), "Armenian Government" (state), "Armenian servicemen" (people)."""
    demonyms, patterns = _demonym_patterns(gazetteer)
    for pattern, kind in patterns:
        for found in pattern.finditer(text):
            state = demonyms[found.group("dem")]
            key = f"actor/{state.key}" if kind == "state" else None
            yield _new(text, found.start(), found.end(), kind, key)


def _groups(text: str, gazetteer: Gazetteer) -> Iterable[EntityMention]:
    """Groups of people with a modifier ("captured civilians") and generic armed agents ("the invaders")."""
    groups, armed_tail, generic_armed = _group_patterns(gazetteer)
    for found in groups.finditer(text):
        yield _new(text, found.start(), found.end(), "group_of_people")
    for match in gazetteer.find(text, kinds={"actor"}):
        tail = armed_tail.match(text[match.end : match.end + 40])
        if match.entry.subtype == "armed_group" and tail:
            entry = match.entry
            yield EntityMention(anchor(text, match.start, match.end + tail.end()), f"actor/{entry.key}", entry.label,
                                "armed_group", True, "armed_group")  # fmt: skip
    for phrase in generic_armed:
        for found in finditer(phrase, text):
            yield _new(text, found.start(), found.end(), "armed_group")
    for found in re.finditer(r"[\"“«]([A-Z]\w+)[\"”»]\s+(?:unit|battalion|brigade|regiment|militia)\b", text):
        yield _new(text, found.start(), found.end(), "armed_group")


@lru_cache(maxsize=4)
def _demonym_patterns(gazetteer: Gazetteer) -> tuple[dict[str, Entry], list[tuple[re.Pattern[str], str]]]:
    """The curated states by demonym, and a compiled pattern per kind of noun; built once per gazetteer."""
    lexicon = gazetteer.lexicon
    demonyms = {d: e for e in gazetteer.entries("actor") if e.curated for d in e.demonyms}
    names = "|".join(re.escape(d) for d in sorted(demonyms, key=len, reverse=True))
    kinds = (
        ("armed_nouns", "armed_group"), ("state_nouns", "state"), ("org_nouns", "organization"),
        ("group_nouns", "group_of_people"),
    )  # fmt: skip
    patterns = []
    for field, kind in kinds:
        nouns = "|".join(re.escape(n) for n in sorted(lexicon[field], key=len, reverse=True))
        patterns.append((re.compile(rf"\b(?P<dem>{names})(?:\s+and\s+(?:{names}))?\s+(?:{nouns})\b"), kind))
    return demonyms, patterns


@lru_cache(maxsize=4)
def _group_patterns(gazetteer: Gazetteer) -> tuple[re.Pattern[str], re.Pattern[str], tuple[str, ...]]:
    """Modified group nouns ("captured civilians", the curated peoples included), an armed noun after a
    group's name, the generic armed agents; built once per gazetteer."""
    lexicon = gazetteer.lexicon
    peoples = [label for e in gazetteer.entries("actor") if e.curated and e.subtype == "group_of_people"
               for label, _ in e.labels]  # fmt: skip
    modifiers = "|".join(re.escape(m) for m in lexicon["group_modifiers"])
    nouns = "|".join(re.escape(n) for n in sorted(lexicon["group_nouns"] + peoples, key=len, reverse=True))
    count = r"(?:(?:\d+|two|three|four|five|six|seven|eight|nine|ten|several|some|many)\s+)?"
    groups = re.compile(rf"\b{count}(?:(?:{modifiers})\s+(?:and\s+(?:{modifiers})\s+)?)+(?:{nouns})\b")
    armed = "|".join(re.escape(n) for n in lexicon["armed_nouns"])
    armed_tail = re.compile(rf"(?:\s*\([^)]{{1,12}}\))?\s+(?:{armed})\b")
    return groups, armed_tail, tuple(rf"\b{re.escape(phrase)}\b" for phrase in lexicon["generic_armed"])


@dataclass(frozen=True)
class _PersonWords:
    """The words that tell a person's name, built once per gazetteer."""

    #: words that are no part of a name
    stop: frozenset[str]
    #: titles and "according to", before a name
    before: tuple[str, ...]
    speech_verbs: frozenset[str]
    #: roles after a name and a comma
    roles: tuple[str, ...]


@lru_cache(maxsize=4)
def _person_words(gazetteer: Gazetteer) -> _PersonWords:
    lexicon = gazetteer.lexicon
    titles = lexicon["person_titles"]
    stop = frozenset(lexicon["not_name_words"]) | {w for t in titles for w in t.split()}
    before = (*titles, *lexicon["person_before"])
    return _PersonWords(stop, before, frozenset(lexicon["speech_verbs"]), tuple(lexicon["person_after_roles"]))


def _persons(text: str, cues: _PersonWords, blocked: set[tuple[int, int]]) -> Iterable[EntityMention]:
    """Capitalised names next to a title, a role or a speech verb; then their surnames alone."""
    stop = cues.stop
    people: dict[str, str] = {}
    for found in _PERSON.finditer(text):
        words = found.group().split()
        start = found.start()
        at_sentence_start = not text[:start].rstrip() or text[:start].rstrip()[-1] in ".!?\n"
        while words and (words[0] in stop or (len(words) == 3 and at_sentence_start)):
            start = text.index(words[1], start + len(words[0])) if len(words) > 1 else found.end()
            words.pop(0)
            at_sentence_start = False
        end = found.end()
        if not 2 <= len(words) <= 3 or words[-1] in stop or _overlaps(start, end, blocked):
            continue
        if _person_cue(text, start, end, cues):
            mention = _new(text, start, end, "person")
            people[words[-1]] = mention.key
            yield mention
    for found in _CYR_PERSON.finditer(text):
        if not _overlaps(found.start(), found.end(), blocked):
            yield _new(text, found.start(), found.end(), "person")
    for surname, key in people.items():
        for found in re.finditer(rf"(?<![\w-]){re.escape(surname)}(?![\w-])", text):
            yield EntityMention(anchor(text, found.start(), found.end()), key, surname, "person", False, "person")


def _overlaps(start: int, end: int, spans: set[tuple[int, int]]) -> bool:
    return any(a < end and start < b for a, b in spans)


def _person_cue(text: str, start: int, end: int, cues: _PersonWords) -> bool:
    """A title or "according to" before the name, or a role or speech verb after it."""
    before = text[max(0, start - 40) : start].rstrip()
    after = text[end : end + 40].lstrip(" ,")
    titles = cues.before
    if any(before.endswith(t) and not before[: -len(t)][-1:].isalnum() for t in titles):
        return True
    next_words = " ".join(re.findall(r"[\w']+", after)[:2])
    verbs = cues.speech_verbs
    if next_words.split(" ")[0] in verbs or next_words in verbs:
        return True
    if next_words.startswith(("has ", "also ")) and next_words.split(" ")[-1] in verbs:
        return True
    roles = cues.roles
    return text[end : end + 2] == ", " and any(after.startswith(r + " ") for r in roles)
