"""Reported speech: who the text says said something ("X said", '"...," said X', "according to X").

Each cue yields one :class:`Attribution` as written: a full name, a surname, a pronoun, a role
("the commissioner said") or an institution; :mod:`kg.extract.speakers` resolves and ranks them.
:func:`quoted_passages` finds the quotations and :func:`find_institution_reports` the institutions
given as the source of figures, for :mod:`kg.extract.segments`.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass, replace

from kg.extract.lexicon_data import load_lexicon
from kg.extract.roles import UPPER, Parts, has_word, lexicon, split_subject
from kg.extract.text import anchor, sentences
from kg.model import Anchor

_QUOTE_END = re.compile(r"[\"”»“]")
_ADVERBS = r"(?:(?:has|have|had|also|later|then|further|again|earlier|today|yesterday|recently|once\s+more)\s+)*"
# Words that may not open an appositive after a name: they start a new clause.
_CLAUSE_START = re.compile(rf"\s*(?:a|an|the)?\s*(?:[{UPPER}]|\w*\s*(?:of|in|at|for)\b)")


@dataclass(frozen=True)
class Attribution:
    """One cue attributing words; ``kind`` is named | surname | pronoun | role | institution.

    ``form`` tells where the words stand: ``verb`` ("X said that ...", words after ``cue_end``, or
    before the subject), ``inverted`` ('"...," said X', words before the cue) or ``according``
    ("according to X, ...", ``cue_end`` is the end of X).
    """

    kind: str
    cue: int
    name: Anchor | None = None
    role: Anchor | None = None
    organization: Anchor | None = None
    form: str = "verb"
    cue_end: int | None = None

    @property
    def subject_start(self) -> int:
        """Where the speaker's phrase starts (the cue when nothing is anchored)."""
        return min([a.start for a in (self.name, self.role, self.organization) if a] or [self.cue])


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
        if attribution and attribution.kind == "institution":
            # "according to Examplian sources a shell hit ...": the institution ends with "sources".
            attribution = _sources(text, match.start(), end) or attribution
        if attribution:
            anchors = (attribution.name, attribution.role, attribution.organization)
            phrase_end = max((a.end for a in anchors if a), default=match.end())
            yield replace(attribution, form="according", cue_end=phrase_end)
    for match in verb.finditer(text, start, end):
        attribution = _before(text, start, match.start(), match.start("verb"))
        form = "verb"
        if attribution is None and inverted.fullmatch(match.group("verb")):
            attribution, form = _after(text, match.end(), end, match.start("verb")), "inverted"
        if attribution:
            yield replace(attribution, form=form, cue_end=match.end())


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


_QUOTE_MARK = re.compile(r"[\"“”«»„]")
_ORGANIZATION = rf"[{UPPER}][\w'’.&-]*(?:\s+(?:(?:of|for|and|on|the)\s+)*[{UPPER}][\w'’.&-]*)*"


def quoted_passages(text: str) -> list[tuple[int, int]]:
    """Outermost double-quoted passages, marks included; a quotation may run over paragraphs.

    >>> t = 'She said: "We saw «it» here." The "so-called" plan'
    >>> [t[s:e] for s, e in quoted_passages(t)]
    ['"We saw «it» here."', '"so-called"']
    """
    passages: list[tuple[int, int]] = []
    stack: list[int] = []
    for match in _QUOTE_MARK.finditer(text):
        at = match.start()
        if not _opens(text, at, stack):
            if stack:
                start = stack.pop()
                if not stack:
                    passages.append((start, at + 1))
        elif stack and text[stack[-1]] == text[at]:
            # The same mark again: a new paragraph of the quotation reopens it, else the first was stray.
            if "\n" not in text[stack[-1] : at]:
                stack[-1] = at
        else:
            stack.append(at)
    return passages


def _opens(text: str, at: int, stack: list[int]) -> bool:
    mark = text[at]
    if mark in "«„":
        return True
    if mark == "“":
        return not (stack and text[stack[-1]] == "„")
    if mark in "”»":
        return False
    before = text[at - 1] if at else " "
    after = text[at + 1] if at + 1 < len(text) else " "
    if (before.isspace() or before in "([{—–-:") and not after.isspace():
        return True
    if not before.isspace() and (after.isspace() or after in ".,;:!?)]—–-"):
        return False
    return not (stack and text[stack[-1]] == '"')


@functools.cache
def _report_cues() -> tuple[re.Pattern[str], re.Pattern[str]]:
    words = load_lexicon("reports")
    nouns, links = _alternatives(words["source_nouns"]), _alternatives(words["source_links"])
    source = rf"(?:\s+(?:{links})\s+(?:the\s+)?(?P<source>{_ORGANIZATION}))?"
    according = re.compile(
        rf"\b(?i:according\s+to)\s+(?:the\s+)?(?P<org>(?:[\w'’-]+\s+){{0,3}}?(?i:{nouns}))\b{source}"
    )
    subject = rf"(?:(?i:{nouns})\s+(?:{links})\s+)?(?:(?i:the)\s+)?(?P<org>{_ORGANIZATION})"
    report = re.compile(rf"{subject}\s+{_ADVERBS}(?P<verb>{_alternatives(words['report_verbs'])})\b")
    return according, report


def find_institution_reports(text: str) -> list[Attribution]:
    """Institutions the text gives as the source of a claim or figures, in text order.

    >>> t = "Figures from the Examplian Government put the toll at 40. According to local sources more fled."
    >>> [(a.organization.quote, a.form) for a in find_institution_reports(t)]
    [('Examplian Government', 'verb'), ('local sources', 'according')]
    """
    according, report = _report_cues()
    found: list[Attribution] = []
    for start, end in sentences(text):
        match = report.match(text, start, end)
        if match and has_word(match.group("org"), "organization_heads"):
            org = anchor(text, match.start("org"), match.end("org"))
            found.append(Attribution("institution", match.start("verb"), organization=org, cue_end=match.end()))
        for match in according.finditer(text, start, end):
            found.extend([sourced] if (sourced := _sources(text, match.start(), end)) else [])
    return found


def _sources(text: str, start: int, end: int) -> Attribution | None:
    """ "according to Examplian sources" or "according to figures from the Ministry" at ``start``."""
    match = _report_cues()[0].match(text, start, end)
    if match is None:
        return None
    source = match.group("source")
    group = "source" if source and has_word(source, "organization_heads") else "org"
    org = anchor(text, match.start(group), match.end(group))
    return Attribution("institution", match.start(), organization=org, form="according", cue_end=match.end())
