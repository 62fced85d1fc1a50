"""Who claims what: a document split into voices, each holding the stretches of text attributed to it.

The main voice (the signer, else the main speaker as :func:`kg.extract.speakers.extract_speakers`
ranks them) holds the narrative; every further voice holds what the text attributes to it:
quotations with their cue, reported clauses ("X said that ...", "according to X, ..."), and an
institution's figures ("Figures from the X put ..."). A mention belongs to the innermost voice whose
text contains the start of its anchor, so each voice's claims become their own statement.

A news report whose main speaker is only quoted keeps the same simple rule: its narrative goes to the
main speaker's statement; the relaying outlet is the publisher, and no outlet voice is invented.
"""

from __future__ import annotations

import bisect
import itertools
import re
from dataclasses import dataclass, replace

from kg.extract.reported_speech import Attribution, find_institution_reports, quoted_passages
from kg.extract.roles import has_word
from kg.extract.signature import find_signature
from kg.extract.speakers import SpeakerResult
from kg.extract.text import sentences
from kg.model import DateMention, Document, EntityMention, EventMention, Quantity, Speaker, Statement

Interval = tuple[int, int]
_Cue = tuple[Attribution, int]  # an attribution and the index of its voice

_MAX_GAP = 200
_SENTENCE_BREAK = re.compile(r"[.!?…][\"”»']?\s")
_GLUE = re.compile(r"[\s,;:–—-]*")
_THAT = re.compile(r"(?:\s+[\w'’-]+){0,5}?\s+(?:that|что|, что)\b|\s*:")
_APPOSITION = re.compile(r"(?:a|an|the)\s[^,.;:\n]{1,60},\s*")
_DATELINE = re.compile(r"(?m)^[ \t]*[A-ZА-ЯЁ][A-ZА-ЯЁ'. -]{2,}(?:,[^\n–—]{0,60}?)?\s*(?:\([^)\n]{0,40}\))?\s*[–—-]+\s")


@dataclass(frozen=True)
class Segment:
    """One voice of a document and the text spans that are its words (disjoint, in text order)."""

    speaker: Speaker | None
    spans: tuple[Interval, ...]


@dataclass(frozen=True)
class _Claim:
    voice: int
    start: int
    end: int


def segment(doc: Document, speakers: SpeakerResult) -> list[Segment]:
    """Split ``doc`` into voices: the main one first (it also holds the narrative), then others in text order.

    The spans of all segments partition the text.

    >>> from kg.extract.speakers import extract_speakers
    >>> t = 'Roads closed, Mayor Ana Lopez said. "We need tents," said Ben Cole, a relief officer.'
    >>> doc = Document(t, "a.md")
    >>> [(s.speaker.name, [t[a:b] for a, b in s.spans]) for s in segment(doc, extract_speakers(doc))][1]
    ('Ben Cole', ['"We need tents,"'])
    """
    text = doc.text
    voices, cues = _voices(speakers, find_institution_reports(text))
    quotes = quoted_passages(text)
    bounds = list(sentences(text))
    claims, trailing = _quoted(text, quotes, cues)
    for index, (attribution, voice) in enumerate(cues):
        if index not in trailing:
            # Words reported inside a quotation end with it.
            start, end = _sentence_of(bounds, attribution.cue)
            for a, b in quotes:
                if a < attribution.cue < b:
                    start, end = max(start, a), min(end, b)
            claims.extend(_Claim(voice, *_trimmed(text, s, e)) for s, e in _clause(text, (start, end), attribution))
    return _partition(text, voices, _clipped(doc, claims))


def _voices(speakers: SpeakerResult, reports: list[Attribution]) -> tuple[list[Speaker | None], list[_Cue]]:
    """The voices (main one first) and every cue with its voice; institutions reporting figures join."""
    voices: list[Speaker | None] = list(speakers.speakers) or [None]
    keys = {_key(s): i for i, s in enumerate(voices) if s is not None}
    cues = list(speakers.attributions)
    seen = {a.cue for a, _ in cues}
    for report in reports:
        if report.cue in seen or report.organization is None:
            continue
        voice = Speaker(None, None, report.organization.quote, organization_anchor=report.organization)
        index = keys.setdefault(_key(voice), len(voices))
        if index == len(voices):
            voices.append(voice)
        cues.append((report, index))
    return voices, sorted(cues, key=lambda c: c[0].cue)


def _key(speaker: Speaker) -> str:
    return re.sub(r"^the\s+", "", (speaker.name or speaker.organization or "").lower())


def _quoted(text: str, quotes: list[Interval], cues: list[_Cue]) -> tuple[list[_Claim], set[int]]:
    """Quotations with their speaker: a cue just after ('"...," X said'), just before ('X said: "..."'),
    or the cue of the sentence before (a quotation going on after "X said.").

    Returns the claims and the cues whose words are the quotation before them (no clause of their own).
    """
    owner: dict[int, int] = {}
    trailing: set[int] = set()
    ends = [e for _, e in quotes]
    for index, (attribution, voice) in enumerate(cues):
        at = bisect.bisect_right(ends, attribution.cue) - 1
        if at >= 0 and at not in owner and attribution.form != "according":
            stop = attribution.cue if attribution.form == "inverted" else attribution.subject_start
            if ends[at] <= stop and _GLUE.fullmatch(text, ends[at], stop) and "\n\n" not in text[ends[at] : stop]:
                owner[at] = voice
                trailing.add(index)
    starts = [s for s, _ in quotes]
    for index, (attribution, voice) in enumerate(cues):
        if index in trailing:
            continue
        at = bisect.bisect_left(starts, attribution.cue_end or attribution.cue)
        if at < len(quotes) and at not in owner and _leads(text, attribution.cue_end or attribution.cue, starts[at]):
            owner[at] = voice
    _continued(text, quotes, cues, owner)
    return [_Claim(v, *quotes[q]) for q, v in owner.items()], trailing


def _leads(text: str, cue_end: int, quote_start: int) -> bool:
    """Whether the words after a cue run into the quotation: the same sentence, or a colon before it."""
    gap = text[cue_end:quote_start]
    if len(gap) > _MAX_GAP or re.search(r"[\"“”«»„]", gap):
        return False
    return gap.rstrip().endswith(":") or not (_SENTENCE_BREAK.search(gap) or "\n" in gap)


def _continued(text: str, quotes: list[Interval], cues: list[_Cue], owner: dict[int, int]) -> None:
    """A quotation with no cue of its own continues the voice of the cue or quotation just before it."""
    for index, (start, _) in enumerate(quotes):
        if index in owner:
            continue
        markers = [(quotes[q][1], v) for q, v in owner.items() if quotes[q][1] <= start]
        markers += [(a.cue, v) for a, v in cues if a.cue <= start]
        if not markers:
            continue
        position, voice = max(markers)
        gap = text[position:start]
        before = text[:start].rstrip()[-1:]
        if (
            len(gap) <= _MAX_GAP
            and "\n" not in gap
            and len(_SENTENCE_BREAK.findall(gap + " ")) <= 1
            and before in ".!?:,"
            and not re.search(r"[\"“”«»„]", gap)
        ):
            owner[index] = voice


def _clause(text: str, sentence: Interval, attribution: Attribution) -> list[Interval]:
    """The reported words of a cue in its sentence: after "X said (that)", after "according to X,",
    or before ", X said" when the words come first."""
    start, end = sentence
    cue_end = attribution.cue_end or attribution.cue
    if attribution.form == "according":
        rest = _past_apposition(text, cue_end, end)
        return [(rest, end)] if len(text[rest:end].split()) >= 3 else [(start, attribution.cue)]
    if attribution.form == "inverted":
        return [(start, attribution.cue)]
    subject = max(start, attribution.subject_start)
    before = text[start:subject].rstrip()
    that = _THAT.match(text, cue_end, end)
    after = len(text[cue_end:end].split())
    if that is None and before.endswith((",", "–", "—")) and (len(before.split()) >= 4 or after <= 1):
        return [(start, subject)]
    return [(that.end() if that else cue_end, end)]


def _past_apposition(text: str, position: int, end: int) -> int:
    """Skip the commas and a role ("a nurse,") between "according to X" and the words."""
    glue = _GLUE.match(text, position, end)
    position = glue.end() if glue else position
    apposition = _APPOSITION.match(text, position, end)
    if apposition and (has_word(apposition.group(), "role_words") or has_word(apposition.group(), "titles")):
        return apposition.end()
    return position


def _trimmed(text: str, start: int, end: int) -> Interval:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _sentence_of(bounds: list[Interval], position: int) -> Interval:
    at = max(0, bisect.bisect_right([s for s, _ in bounds], position) - 1)
    return bounds[at] if bounds else (0, position)


def _clipped(doc: Document, claims: list[_Claim]) -> list[_Claim]:
    """Claims without the headline, datelines and the signature block: those stay with the main voice."""
    fixed: list[Interval] = [(0, doc.title_anchor.end)] if doc.title_anchor else []
    fixed += [(m.start(), m.end()) for m in _DATELINE.finditer(doc.text)]
    signature = find_signature(doc.text)
    if signature is not None:
        fixed.append((doc.text.rfind("\n", 0, signature.name.start) + 1, len(doc.text)))
    out: list[_Claim] = []
    for claim in (c for c in claims if c.start < c.end):
        pieces = [(claim.start, claim.end)]
        for a, b in fixed:
            pieces = [p for s, e in pieces for p in ((s, min(e, a)), (max(s, b), e)) if p[0] < p[1]]
        out.extend(_Claim(claim.voice, s, e) for s, e in pieces)
    return out


def _partition(text: str, voices: list[Speaker | None], claims: list[_Claim]) -> list[Segment]:
    """Give each stretch of text to the innermost claim holding it, the rest to the main voice."""
    cuts = sorted({0, len(text), *(c.start for c in claims), *(c.end for c in claims)})
    owned: dict[int, list[Interval]] = {0: []}
    for start, end in itertools.pairwise(cuts):
        holding = [c for c in claims if c.start <= start and end <= c.end]
        voice = min(holding, key=lambda c: (c.end - c.start, -c.start)).voice if holding else 0
        spans = owned.setdefault(voice, [])
        if spans and spans[-1][1] == start:
            spans[-1] = (spans[-1][0], end)
        else:
            spans.append((start, end))
    others = [v for v in owned if v != 0 and any(ch.isalnum() for s, e in owned[v] for ch in text[s:e])]
    for voice in owned:
        if voice != 0 and voice not in others:
            owned[0] = sorted(owned[0] + owned[voice])
    others.sort(key=lambda v: owned[v][0][0])
    return [Segment(voices[v], tuple(owned[v])) for v in [0, *others]]


def owner_of(segments: list[Segment], position: int) -> int:
    """Index of the segment whose span holds ``position`` (the main voice when none does).

    >>> owner_of([Segment(None, ((0, 5), (9, 12))), Segment(None, ((5, 9),))], 6)
    1
    """
    for index, found in enumerate(segments):
        if any(start <= position < end for start, end in found.spans):
            return index
    return 0


def assemble(
    segments: list[Segment],
    dates: list[DateMention],
    places: list[EntityMention],
    actors: list[EntityMention],
    events: list[EventMention],
    quantities: list[Quantity],
) -> tuple[Statement, ...]:
    """One statement per segment, with the mentions whose anchors start in its spans.

    An event keeps its date, place and roles wherever they stand: its own anchor decides. Relations
    between events stay only within a statement.

    >>> seg = [Segment(None, ((0, 3),)), Segment(Speaker("Ana Lopez"), ((3, 9),))]
    >>> [len(s.places) for s in assemble(seg, [], [], [], [], [])]
    [0, 0]
    """
    event_owner = [owner_of(segments, e.anchor.start) for e in events]
    statements = []
    for index, found in enumerate(segments):
        mine = [i for i, o in enumerate(event_owner) if o == index]
        renumber = {old: new for new, old in enumerate(mine)}
        statements.append(
            Statement(
                index=index,
                speaker=found.speaker,
                dates=tuple(m for m in dates if owner_of(segments, m.anchor.start) == index),
                places=tuple(m for m in places if owner_of(segments, m.anchor.start) == index),
                actors=tuple(m for m in actors if owner_of(segments, m.anchor.start) == index),
                events=tuple(_renumbered(events[i], renumber) for i in mine),
                quantities=tuple(m for m in quantities if owner_of(segments, m.anchor.start) == index),
            )
        )
    return tuple(statements)


def _renumbered(event: EventMention, renumber: dict[int, int]) -> EventMention:
    relations = tuple((name, renumber[target]) for name, target in event.relations if target in renumber)
    return replace(event, relations=relations) if relations != event.relations else event
