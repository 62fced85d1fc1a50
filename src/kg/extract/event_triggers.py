"""The event trigger lexicon (``data/lexicon/event-triggers.yaml``) and finding its triggers in a sentence."""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import yaml

from kg.extract.regex_prefilter import Needs, fold, fold_cached, may_match, needs_words
from kg.model import Anchor
from kg.resources import DATA_DIR

LEXICON_PATH = DATA_DIR / "lexicon" / "event-triggers.yaml"


@dataclass(frozen=True)
class TriggerRule:
    """One pattern of the lexicon and the kind of happening it signals."""

    event_type: str
    group: str
    label: str
    pattern: re.Pattern[str]
    #: finds in a folded sentence the words one of which every match holds (:mod:`kg.extract.regex_prefilter`)
    needs: Needs = None


@dataclass(frozen=True)
class Lexicon:
    """Everything the event extractor reads from the lexicon file, for one language."""

    language: str
    rules: tuple[TriggerRule, ...]
    exclude: tuple[tuple[re.Pattern[str], Needs], ...]
    cues: Mapping[str, re.Pattern[str]]
    speech_act_types: frozenset[str]
    participant_types: frozenset[str]
    specificity: Mapping[str, int]
    counted_types: frozenset[str]
    not_people_counted: re.Pattern[str] | None
    place_joiner: str


@dataclass(frozen=True)
class Trigger:
    """Words in a sentence that signal a happening of one type.

    >>> Trigger("torture", "torture", "torture", 4, 11, (0, 20), False).start
    4
    """

    event_type: str
    group: str
    label: str
    start: int
    end: int
    sentence: tuple[int, int]
    #: the text marks it as a new happening ("another mass grave")
    new: bool


_CUE_KEYS = (
    "hypothetical",
    "hypothetical_after",
    "new_happening",
    "today",
    "locative",
    "report_date_before",
    "report_date_after",
    "no_own_date_before",
    "anaphora",
)
_ROLE_KEYS = ("perpetrator_before", "perpetrator_after", "victim_before")
_FLAGS = re.IGNORECASE | re.UNICODE
_DATELINE = re.compile(
    r"[A-Z\u0410-\u042f\u0401][A-Z\u0410-\u042f\u0401.' -]{2,}"
    r"(?:,[^\u2013\u2014\n]{1,60}?)?\s*(?:\([^)]{1,40}\))?\s*[\u2013\u2014-]\s"
)


@functools.lru_cache(maxsize=8)
def load_lexicon(language: str = "en", path: Path = LEXICON_PATH) -> Lexicon | None:
    """Read the lexicon for one language; None when it has no trigger for that language.

    >>> load_lexicon("en").rules[0].event_type
    'mass_grave_discovery'
    >>> load_lexicon("xx") is None
    True
    """
    raw: dict[str, Any] = yaml.safe_load(path.read_text(encoding="utf-8"))
    rules = tuple(
        TriggerRule(entry["type"], entry.get("group", entry["type"]), entry["label"], pattern, needs_words(pattern))
        for entry in raw["triggers"]
        for pattern in (re.compile(p, _FLAGS) for p in entry.get(language, ()))
    )
    if not rules:
        return None
    cues = {key: re.compile(raw[key][language], _FLAGS) for key in _CUE_KEYS if language in raw.get(key, {})}
    cues |= {
        key: re.compile(raw["roles"][key][language], _FLAGS)
        for key in _ROLE_KEYS
        if language in raw["roles"].get(key, {})
    }
    cues |= {
        f"relation:{name}": re.compile(by_language[language], _FLAGS)
        for name, by_language in raw.get("relations", {}).items()
        if language in by_language
    }
    return Lexicon(
        language=language,
        rules=rules,
        exclude=tuple(
            (pattern, needs_words(pattern))
            for pattern in (re.compile(p, _FLAGS) for p in raw.get("exclude", {}).get(language, ()))
        ),
        cues=cues,
        speech_act_types=frozenset(raw.get("speech_act_types", ())),
        participant_types=frozenset(raw["roles"].get("participant_types", ())),
        specificity=dict(raw.get("place_specificity", {})),
        counted_types=frozenset(raw.get("counted_types", ())),
        not_people_counted=re.compile(raw["not_people_counted"], _FLAGS) if "not_people_counted" in raw else None,
        place_joiner=raw.get("place_joiner", {}).get(language, "in"),
    )


def narrowed(lexicon: Lexicon, text: str) -> Lexicon:
    """The lexicon for one text: without the trigger and exclusion patterns that cannot match anywhere in it,
    so that its sentences are not tested for them one by one.

    >>> len(narrowed(load_lexicon("en"), "Gunmen killed ten villagers.").rules) < len(load_lexicon("en").rules)
    True
    """
    folded = fold_cached(text)
    rules = tuple(rule for rule in lexicon.rules if may_match(rule.needs, folded))
    exclude = tuple((pattern, needs) for pattern, needs in lexicon.exclude if may_match(needs, folded))
    return replace(lexicon, rules=rules, exclude=exclude)


def find_triggers(
    text: str, sentence: tuple[int, int], lexicon: Lexicon, blocked: Sequence[Anchor] = ()
) -> list[Trigger]:
    """Triggers in one sentence, longest first where they overlap, in text order.

    Triggers inside ``blocked`` spans (actor names, named events) or excluded phrases
    ("war crimes") are dropped, and so are those in a hypothetical clause ("should exhumations
    take place").

    >>> lex = load_lexicon("en")
    >>> t = "Gunmen killed ten villagers. It may be a war crime."
    >>> [(x.event_type, t[x.start:x.end]) for x in find_triggers(t, (0, len(t)), lex)]
    [('killing_massacre', 'killed')]
    """
    start, end = sentence
    chunk = text[start:end]
    found: list[Trigger] = []
    # Most patterns cannot match a given sentence: it lacks all their words.
    folded = fold(chunk)
    excluded = [
        (m.start() + start, m.end() + start)
        for p, needs in lexicon.exclude
        if may_match(needs, folded)
        for m in p.finditer(chunk)
    ]
    stops = [(a.start, a.end) for a in blocked] + excluded
    for rule in lexicon.rules:
        if not may_match(rule.needs, folded):
            continue
        for match in rule.pattern.finditer(chunk):
            group = "t" if "t" in rule.pattern.groupindex else 0
            t_start, t_end = match.start(group) + start, match.end(group) + start
            if not _word_bounded(text, t_start, t_end) or _overlaps(t_start, t_end, stops):
                continue
            if _hypothetical(text, start, t_start, lexicon) or _planned(text, t_end, end, lexicon):
                continue
            new = _marked_new(text, start, t_start, lexicon)
            found.append(Trigger(rule.event_type, rule.group, rule.label, t_start, t_end, sentence, new))
    return _longest_first(found)


def clause_start(text: str, sentence_start: int, position: int) -> int:
    """Offset where the clause holding ``position`` begins (after the last , ; : or dash).

    >>> clause_start("If so, they left.", 0, 8)
    6
    """
    cut = max(text.rfind(mark, sentence_start, position) for mark in (",", ";", ":", " \u2013 ", " \u2014 "))
    return sentence_start if cut < 0 else cut + 1


def hard_clause(text: str, sentence: tuple[int, int], position: int) -> tuple[int, int]:
    """The part of a sentence between semicolons that holds ``position``.

    >>> t = "Houses burned; nobody died."
    >>> s, e = hard_clause(t, (0, len(t)), 16)
    >>> t[s:e]
    ' nobody died.'
    """
    start, end = sentence
    cut = text.rfind(";", start, position)
    after = text.find(";", position, end)
    return (start if cut < 0 else cut + 1), (end if after < 0 else after)


def dateline_end(text: str, sentence: tuple[int, int]) -> int:
    """End of a dateline opening the sentence ("GENEVA (2 November 2020) - "), else its start.

    >>> dateline_end("ERBIL, Kurdistan Region \u2013 Remains were found.", (0, 45))
    26
    """
    match = _DATELINE.match(text, sentence[0], sentence[1])
    return match.end() if match else sentence[0]


def _planned(text: str, position: int, sentence_end: int, lexicon: Lexicon) -> bool:
    cue = lexicon.cues.get("hypothetical_after")
    return bool(cue and cue.match(text[position:sentence_end]))


def _word_bounded(text: str, start: int, end: int) -> bool:
    before = text[start - 1] if start > 0 else " "
    after = text[end] if end < len(text) else " "
    return not (before.isalnum() or (after.isalnum() and text[end - 1].isalnum()))


def _overlaps(start: int, end: int, spans: Sequence[tuple[int, int]]) -> bool:
    return any(start < s_end and s_start < end for s_start, s_end in spans)


def _hypothetical(text: str, sentence_start: int, position: int, lexicon: Lexicon) -> bool:
    cue = lexicon.cues.get("hypothetical")
    head = text[clause_start(text, sentence_start, position) : position]
    return bool(cue and cue.search(head))


def _marked_new(text: str, sentence_start: int, position: int, lexicon: Lexicon) -> bool:
    cue = lexicon.cues.get("new_happening")
    if cue is None:
        return False
    head = text[max(sentence_start, position - 40) : position]
    return any(m.end() >= len(head.rstrip()) - 25 for m in cue.finditer(head))


def _longest_first(triggers: list[Trigger]) -> list[Trigger]:
    kept: list[Trigger] = []
    for trigger in sorted(triggers, key=lambda t: (t.start - t.end, t.start)):
        if not _overlaps(trigger.start, trigger.end, [(k.start, k.end) for k in kept]):
            kept.append(trigger)
    return sorted(kept, key=lambda t: t.start)
