"""Reported speech: who the text says said something ("X said", '"...," said X', "according to X").

Each cue yields one :class:`Attribution` as written: a full name, a surname, a pronoun, a role
("the commissioner said") or an institution; :mod:`kg.extract.speakers` resolves and ranks them.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass

from kg.extract.roles import UPPER, Parts, has_word, lexicon, split_subject
from kg.extract.text import anchor, sentences
from kg.model import Anchor

_QUOTE_END = re.compile(r"[\"”»“]")
_ADVERBS = r"(?:(?:has|have|had|also|later|then|further|again|earlier|today|yesterday|recently|once\s+more)\s+)*"
# Words that may not open an appositive after a name: they start a new clause.
_CLAUSE_START = re.compile(rf"\s*(?:a|an|the)?\s*(?:[{UPPER}]|\w*\s*(?:of|in|at|for)\b)")


@dataclass(frozen=True)
class Attribution:
    """One cue attributing words; ``kind`` is named | surname | pronoun | role | institution."""

    kind: str
    cue: int
    name: Anchor | None = None
    role: Anchor | None = None
    organization: Anchor | None = None


@functools.cache
def _cues() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    words = lexicon()
    verbs = [*words["speech_verbs"], *words["ru"]["speech_verbs"]]
    statements = words["statement_phrases"]
    # Case matters: a capitalised "Called" is part of a name, not a verb.
    verb = re.compile(rf"\b{_ADVERBS}(?P<verb>{_alternatives(verbs + statements)})\b")
    inverted = re.compile(_alternatives([*words["inverted_verbs"], *words["ru"]["speech_verbs"]]), re.I)
    according = re.compile(rf"\b(?:according\s+to|{_alternatives(words['ru']['according'])})\s+", re.IGNORECASE)
    return verb, inverted, according


def _alternatives(words: list[str]) -> str:
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(words, key=len, reverse=True))


def find_attributions(text: str) -> list[Attribution]:
    """Every attribution cue in ``text``, in text order.

    >>> t = 'Deputy Mayor Ana Lopez said the road was closed. "We wait," she added.'
    >>> [(a.kind, a.name.quote if a.name else None) for a in find_attributions(t)]
    [('named', 'Ana Lopez'), ('pronoun', 'she')]
    """
    found: list[Attribution] = []
    for start, end in sentences(text):
        found.extend(_in_sentence(text, start, end))
    return found


def _in_sentence(text: str, start: int, end: int) -> Iterator[Attribution]:
    verb, inverted, according = _cues()
    for match in according.finditer(text, start, end):
        attribution = _after(text, match.end(), end, match.start())
        if attribution:
            yield attribution
    for match in verb.finditer(text, start, end):
        attribution = _before(text, start, match.start(), match.start("verb"))
        if attribution is None and inverted.fullmatch(match.group("verb")):
            attribution = _after(text, match.end(), end, match.start("verb"))
        if attribution:
            yield attribution


def _before(text: str, sentence_start: int, end: int, cue: int) -> Attribution | None:
    """The subject just before a verb: the stretch after the last quote mark, comma-delimited."""
    begin = sentence_start
    for quote in _QUOTE_END.finditer(text, sentence_start, end):
        begin = quote.end()
    segments = _segments(text, begin, end)
    if not segments:
        return None
    if text[begin:end].rstrip().endswith(",") and len(segments) >= 2:
        return _apposition(text, segments[-2], segments[-1], cue)
    return _subject(text, *segments[-1], cue)


def _segments(text: str, begin: int, end: int) -> list[tuple[int, int]]:
    spans, position = [], begin
    for comma in re.finditer(r",|\s[-\u2013\u2014]\s", text[begin:end]):
        spans.append((position, begin + comma.start()))
        position = begin + comma.end()
    spans.append((position, end))
    return [(s, e) for s, e in spans if text[s:e].strip()]


def _apposition(text: str, first: tuple[int, int], second: tuple[int, int], cue: int) -> Attribution | None:
    """ "ROLE, NAME," or "NAME, ROLE," before the verb."""
    named = _subject(text, *second, cue)
    if named is not None and named.kind == "named":
        role = _role_phrase(text, *first)
        return Attribution("named", cue, named.name, role or named.role, named.organization)
    named = _subject(text, *first, cue)
    if named is not None and named.kind in ("named", "surname"):
        role = _role_phrase(text, *second)
        return Attribution(named.kind, cue, named.name, role or named.role, named.organization)
    return named


def _subject(text: str, start: int, end: int, cue: int) -> Attribution | None:
    phrase = text[start:end]
    words = phrase.split()
    if not words or len(words) > 14:
        return None
    if len(words) == 1 and words[0].lower() in _pronouns():
        return Attribution("pronoun", cue, anchor(text, start, end))
    parts = split_subject(phrase)
    if parts.name is not None and _plausible(phrase, parts):
        name = anchor(text, start + parts.name[0], start + parts.name[1])
        kind = "named" if len(name.quote.split()) > 1 else "surname"
        role = _role_phrase(text, start + parts.role[0], start + parts.role[1]) if parts.role else None
        org = anchor(text, start + parts.organization[0], start + parts.organization[1]) if parts.organization else None
        return Attribution(kind, cue, name, role, org)
    if has_word(phrase, "organization_heads") and phrase.strip()[:1] in UPPER + "t":
        body = re.sub(r"^\s*the\s+", "", phrase, flags=re.IGNORECASE)
        return Attribution("institution", cue, organization=anchor(text, end - len(body), end))
    if has_word(phrase, "role_words") and len(words) <= 6:
        return Attribution("role", cue, role=anchor(text, start, end))
    return None


def _plausible(phrase: str, parts: Parts) -> bool:
    """A subject is "[ROLE] NAME [of ORG]": the name ends the phrase, role words precede it."""
    assert parts.name is not None
    if parts.organization is None and phrase[parts.name[1] :].strip(" ,.;:"):
        return False
    if parts.role is None:
        return True
    before = phrase[: parts.role[1]]
    if len(parts.role) and phrase[parts.name[0] - 1 : parts.name[0]] == ".":
        return False
    single = " " not in phrase[parts.name[0] : parts.name[1]]
    if single and has_word(before, "organization_heads"):
        return False
    return has_word(before, "role_words") or has_word(before, "titles")


def _after(text: str, begin: int, end: int, cue: int) -> Attribution | None:
    """The speaker after the cue: a name first, then an appositive role ("said X, head of Y")."""
    segments = _segments(text, begin, end)
    if not segments:
        return None
    head = text[segments[0][0] : segments[0][1]]
    if len(head.split()) == 1 and head.strip().lower().rstrip(".") in _pronouns():
        return None
    found = _subject(text, segments[0][0], _strip_end(text, *segments[0]), cue)
    if found is None or found.kind == "pronoun":
        return found
    role_end = None
    for s, e in segments[1:]:
        if not _CLAUSE_START.match(text[s:e]) or not (has_word(text[s:e], "role_words") or role_end):
            break
        role_end = _strip_end(text, s, e)
    if role_end is not None and found.kind in ("named", "surname"):
        role = _role_phrase(text, segments[1][0], role_end)
        return Attribution(found.kind, cue, found.name, role or found.role, found.organization)
    return found


def _strip_end(text: str, start: int, end: int) -> int:
    while end > start and text[end - 1] in " .;:!?\n":
        end -= 1
    return end


def _role_phrase(text: str, start: int, end: int) -> Anchor | None:
    phrase = text[start:end]
    if not any(has_word(phrase, words) for words in ("role_words", "titles", "organization_heads")):
        return None
    lead = re.match(r"\s*(?:(?:the|a|an)\s+)?", phrase, re.IGNORECASE)
    return anchor(text, start + (lead.end() if lead else 0), end)


@functools.cache
def _pronouns() -> frozenset[str]:
    words = lexicon()
    return frozenset([*words["pronouns"], *words["ru"]["pronouns"]])
