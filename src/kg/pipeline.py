"""Document -> Extraction: runs the extractors in order and assembles one statement per voice."""

from __future__ import annotations

from dataclasses import replace

from kg import __version__
from kg.extract.actors import extract_actors
from kg.extract.dates import extract_dates
from kg.extract.events import NamedEventInfo, extract_events
from kg.extract.language import detect_language
from kg.extract.places import extract_places
from kg.extract.published import find_publication_date
from kg.extract.published_inference import KnownEvent, known_event
from kg.extract.quantities import extract_quantities
from kg.extract.segments import assemble, segment
from kg.extract.speakers import extract_speakers
from kg.extract.text import anchor
from kg.gazetteer import Gazetteer
from kg.model import Document, EntityMention, Extraction, Precision, Speaker
from kg.vocab import qualified, slug

EXTRACTOR = f"statement-kg-rules-{__version__}"
#: languages whose event, actor and quantity lexicons exist; others get dates and places only
FULL_LANGUAGES = {"en"}
PARTIAL_LANGUAGES = {"ru", "az", "uk"}


def extract(doc: Document, gazetteer: Gazetteer) -> Extraction:
    """Run every extractor over one document.

    >>> from kg.model import Document
    >>> ex = extract(Document("GENEVA (2 November 2020) - The office said today that 12 people died.", "a.txt"),
    ...              Gazetteer.load())
    >>> ex.published.iso, ex.language
    ('2020-11-02', 'en')
    """
    text = doc.text
    language = doc.meta.get("language") or detect_language(text)
    named = _named_events(text, gazetteer)
    info = {m.key: _info(gazetteer, m.key) for m in named}
    anniversaries = _anniversaries(gazetteer, named)
    published = find_publication_date(text, doc.meta.get("date"), anniversaries)
    # Only a day anchors "on Friday" or "yesterday"; a year-only date would shift them to 1 January.
    anchor_day = published.span.start if published and published.span and published.precision is Precision.DAY else None
    # Wars serve as periods ("since the First Karabakh War"); a massacre's name is an event, not a time.
    periods = {
        name: period
        for m in named
        if info[m.key].event_type == "armed_conflict_war" and (period := _period(gazetteer, m.key))
        for name in (m.name.lower(), m.anchor.quote.lower())
    }
    dates = extract_dates(text, anchor_day, language, periods)
    places = extract_places(text, gazetteer, language)
    notes: list[str] = []
    if language in FULL_LANGUAGES or language in PARTIAL_LANGUAGES:
        actors = extract_actors(text, gazetteer, places)
        quantities = extract_quantities(text, dates)
        # A named event's own span stays on the named event (reference graph); the mention is not dated by it.
        events = extract_events(text, places, actors, dates, quantities, named, info, language, date_named_events=False)
    else:
        actors, quantities, events = [], [], []
        notes.append(f"language {language!r}: only dates and gazetteer places were extracted")
    if language in PARTIAL_LANGUAGES:
        notes.append(f"language {language!r}: event and actor lexicons are English-first; coverage is partial")
    who = extract_speakers(doc, gazetteer)
    # One statement per voice; statement 0 (the main speaker's) also holds the narrative, even in a news
    # report whose main speaker is only quoted: the outlet is its publisher, not a voice of its own.
    voices = [replace(v, speaker=_resolve_org(v.speaker, gazetteer) if v.speaker else None) for v in segment(doc, who)]
    statements = assemble(voices, dates, places, actors, events, quantities)
    return Extraction(
        document=doc,
        language=language,
        published=published,
        publisher=who.publisher,
        statements=statements,
        extractor=EXTRACTOR,
        notes=tuple(notes),
    )


def _named_events(text: str, gazetteer: Gazetteer) -> list[EntityMention]:
    found = []
    for match in gazetteer.find(text):
        if match.entry.kind == "named_event":
            found.append(
                EntityMention(
                    anchor(text, match.start, match.end),
                    qualified("named_event", match.entry.key),
                    match.entry.label,
                    "named_event",
                )
            )
    return found


def _info(gazetteer: Gazetteer, key: str) -> NamedEventInfo:
    entry = gazetteer.entry(key)
    place = qualified("place", entry.place) if entry.place else None
    precision = Precision(entry.precision) if entry.precision else None
    return NamedEventInfo(entry.event_type or "other", entry.begin, entry.end, precision, place)


def _period(gazetteer: Gazetteer, key: str) -> tuple[str, str, str] | None:
    entry = gazetteer.entry(key)
    if not entry.begin or not entry.end:
        return None
    return entry.begin, entry.end, entry.precision or "day"


def _anniversaries(gazetteer: Gazetteer, named: list[EntityMention]) -> dict[str, KnownEvent]:
    out: dict[str, KnownEvent] = {}
    for mention in named:
        entry = gazetteer.entry(mention.key)
        if entry.begin:
            event = known_event(entry.begin, entry.end)
            out[mention.anchor.quote.lower()] = event
            out[entry.label.lower()] = event
    return out


def _resolve_org(speaker: Speaker, gazetteer: Gazetteer) -> Speaker:
    if speaker.organization_key or not speaker.organization:
        return speaker
    for match in gazetteer.find(speaker.organization):
        if match.entry.kind == "actor" and match.end - match.start == len(speaker.organization.strip()):
            return replace(speaker, organization_key=match.entry.key)
    return replace(speaker, organization_key=f"actor/x-{slug(speaker.organization)}")
