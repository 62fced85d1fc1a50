"""Event mentions: happenings a statement speaks of, typed with the event typology.

Triggers come from ``data/lexicon/event-triggers.yaml`` (:mod:`kg.extract.event_triggers`); what a
sentence says about each one (date, place, actors, counts) is attached by :mod:`kg.extract.event_links`.
Repeated mentions of one happening in a statement become one :class:`~kg.model.EventMention`,
anchored at its first mention; other statements' mentions are never merged here.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date

from kg.extract import event_links as links
from kg.extract.event_relations import relate
from kg.extract.event_triggers import Lexicon, Trigger, find_triggers, load_lexicon, narrowed
from kg.extract.text import anchor, sentences
from kg.model import Anchor, DateMention, EntityMention, EventMention, Precision, Quantity, Span

#: the group of drafts made from named-event mentions; plain mentions of their type may join them
NAMED = "named"


@dataclass(frozen=True)
class NamedEventInfo:
    """What the gazetteer knows of a named event (a war, a massacre).

    >>> NamedEventInfo("killing_massacre", "1992-02-25", "1992-02-26", Precision.DAY, "place/khojaly").place
    'place/khojaly'
    """

    event_type: str
    begin: str | None
    end: str | None
    precision: Precision | None
    place: str | None


@dataclass(frozen=True)
class Draft:
    """One mention of a happening before repeated mentions are merged."""

    event: EventMention
    group: str
    #: the author's proper name for the happening, lower-cased, when the text gives one
    name: str | None
    new: bool
    sentence: tuple[int, int]
    position: int
    #: the words before it point back to a happening already mentioned ("these massacres")
    anaphoric: bool = False
    #: it is tied to several places at once ("around A, B and C"), so to none of them
    vague: bool = False


@dataclass(frozen=True)
class _Context:
    """What one sentence offers to the triggers in it."""

    triggers: Sequence[Trigger]
    places: Sequence[EntityMention]
    actors: Sequence[EntityMention]
    dates: Sequence[DateMention]
    quantities: Sequence[Quantity]
    nearest: dict[int, int]


def extract_events(
    text: str,
    places: Sequence[EntityMention],
    actors: Sequence[EntityMention],
    dates: Sequence[DateMention],
    quantities: Sequence[Quantity],
    named_events: Sequence[EntityMention] = (),
    named_event_info: Mapping[str, NamedEventInfo] | None = None,
    language: str = "en",
    *,
    date_named_events: bool = True,
) -> list[EventMention]:
    """Event mentions of one statement's text, each happening once, in order of first mention.

    A mention of a named event (``named_events``, kind "named_event") becomes an event of the
    gazetteer's type, labelled as the author wrote it, placed and (with ``date_named_events``)
    dated by ``named_event_info``.

    >>> t = "In March 2021 a mass grave was found in Ortavillage. Gunmen killed 12 people."
    >>> from kg.model import Anchor
    >>> place = EntityMention(Anchor(40, 51, "Ortavillage"), "place/x-ortavillage", "Ortavillage", "place")
    >>> [(e.event_type, e.label) for e in extract_events(t, [place], [], [], [])]
    [('mass_grave_discovery', 'mass grave was found in Ortavillage'), ('killing_massacre', 'killed')]
    """
    lexicon = load_lexicon(language)
    if lexicon is not None:
        lexicon = narrowed(lexicon, text)
    info = named_event_info or {}
    blocked = [a.anchor for a in (*actors, *named_events) if a.kind != "place"]
    free_places = [p for p in places if not _inside_any(p.anchor, blocked)]
    drafts: list[Draft] = []
    for sentence in sentences(text):
        named = [n for n in named_events if links.in_sentence(n.anchor.start, n.anchor.end, sentence)]
        drafts += [_named_draft(n, info.get(n.key), places, sentence, date_named_events) for n in named]
        if lexicon is None:
            continue
        triggers = find_triggers(text, sentence, lexicon, blocked)
        nearest = links.nearest_triggers(text, triggers, quantities, lexicon)
        context = _Context(triggers, free_places, actors, dates, quantities, nearest)
        for trigger in triggers:
            drafts += _trigger_drafts(text, trigger, context, lexicon)
    drafts.sort(key=lambda d: d.position)
    merged, index_of = _merge(drafts, lexicon)
    events = relate(text, merged, drafts, index_of, lexicon)
    return _date_speech_acts(events, dates, lexicon)


def _trigger_drafts(text: str, trigger: Trigger, context: _Context, lexicon: Lexicon) -> list[Draft]:
    others = [t for t in context.triggers if t is not trigger]
    phrases = links.place_phrases(text, trigger, context.places, lexicon)
    sites = links.coordinated_sites(text, trigger, phrases, others, lexicon)
    chosen = [links.best_place(text, s, lexicon) for s in sites] or [
        links.choose_place(text, trigger, phrases, others, lexicon)
    ]
    speech_act = trigger.event_type in lexicon.speech_act_types
    name = _proper_name(text, trigger)
    base = EventMention(
        anchor=anchor(text, trigger.start, trigger.end),
        event_type=trigger.event_type,
        label="",
        date=None if speech_act else links.pick_date(text, trigger, context.dates, lexicon),
        roles=links.pick_roles(text, trigger, context.actors, lexicon),
        quantities=links.pick_quantities(trigger, context.quantities, context.nearest, lexicon),
    )
    drafts = []
    for place in chosen:
        label = name or _label(text, trigger, place, lexicon)
        event = replace(base, label=label, place=place)
        key = name.lower() if name else None
        anaphoric = _anaphoric(text, trigger, lexicon)
        vague = place is None and bool(phrases)
        drafts.append(Draft(event, trigger.group, key, trigger.new, trigger.sentence, trigger.start, anaphoric, vague))
    return drafts


def _named_draft(
    mention: EntityMention,
    info: NamedEventInfo | None,
    places: Sequence[EntityMention],
    sentence: tuple[int, int],
    dated: bool,
) -> Draft:
    label = re.sub(r"^(?:the)\s+", "", mention.anchor.quote, flags=re.IGNORECASE)
    event = EventMention(
        anchor=mention.anchor,
        event_type=info.event_type if info else "other",
        label=label,
        date=_named_date(mention, info) if dated else None,
        place=_named_place(mention, info, places),
        named_event=mention.key,
    )
    return Draft(event, NAMED, mention.key, False, sentence, mention.anchor.start)


def _named_date(mention: EntityMention, info: NamedEventInfo | None) -> DateMention | None:
    if info is None or not info.begin or info.precision is None:
        return None
    begin, end = _iso_start(info.begin), _iso_end(info.end or info.begin)
    return DateMention(mention.anchor, Span(begin, end), info.precision, "period")


def _named_place(
    mention: EntityMention, info: NamedEventInfo | None, places: Sequence[EntityMention]
) -> EntityMention | None:
    if info is None or info.place is None:
        return None
    same = [p for p in places if p.key == info.place]
    inside = [p for p in same if _inside_any(p.anchor, [mention.anchor])]
    if inside or same:
        return (inside or same)[0]
    name = info.place.rsplit("/", 1)[-1].replace("-", " ").title()
    return EntityMention(mention.anchor, info.place, name, "place")


def _merge(drafts: list[Draft], lexicon: Lexicon | None) -> tuple[list[Draft], list[int]]:
    """Fold repeated mentions of one happening into its first mention; map drafts to results."""
    merged: list[Draft] = []
    last_seen: list[int] = []
    index_of: list[int] = []
    for draft in drafts:
        target = _merge_target(merged, last_seen, draft, lexicon)
        if target is None:
            merged.append(draft)
            last_seen.append(draft.position)
            index_of.append(len(merged) - 1)
            continue
        merged[target] = _absorb(merged[target], draft)
        last_seen[target] = draft.position
        index_of.append(target)
    return merged, index_of


def _merge_target(merged: list[Draft], last_seen: list[int], draft: Draft, lexicon: Lexicon | None) -> int | None:
    compatible = [i for i, m in enumerate(merged) if _same_happening(m, draft, lexicon)]
    if not compatible:
        return None
    key = draft.event.place.key if draft.event.place else None
    same_place = [i for i in compatible if key and _place_key(merged[i].event) == key]
    return max(same_place or compatible, key=lambda i: last_seen[i])


def _same_happening(first: Draft, later: Draft, lexicon: Lexicon | None) -> bool:
    a, b = first.event, later.event
    if a.event_type != b.event_type or not _same_group(first, later):
        return False
    if first.name and later.name and first.name not in later.name and later.name not in first.name:
        return False
    if a.place and b.place and a.place.key != b.place.key:
        return False
    if later.new and not (a.place and b.place):
        return False
    if b.place and not a.place and (first.new or first.vague):
        return False
    if a.date and b.date and a.date.span and b.date.span and not _overlap(a.date.span, b.date.span):
        return False
    counts_a, counts_b = _people_counts(a, lexicon), _people_counts(b, lexicon)
    return not (counts_a and counts_b and counts_a != counts_b)


def _same_group(first: Draft, later: Draft) -> bool:
    """Plain mentions join a named event only at its place or when pointing back ("these massacres")."""
    if first.group == later.group:
        return True
    if NAMED not in (first.group, later.group):
        return False
    plain = later if first.group == NAMED else first
    named = first if plain is later else later
    place, named_place = _place_key(plain.event), _place_key(named.event)
    return (place is not None and place == named_place) or (place is None and plain.anaphoric)


def _anaphoric(text: str, trigger: Trigger, lexicon: Lexicon) -> bool:
    cue = lexicon.cues.get("anaphora")
    return bool(cue and cue.search(text[trigger.sentence[0] : trigger.start]))


def _people_counts(event: EventMention, lexicon: Lexicon | None) -> set[float]:
    """Numbers of people an event mention states; counts of graves or samples do not tell events apart."""
    skip = lexicon.not_people_counted if lexicon else None
    return {
        q.value
        for q in event.quantities
        if q.value is not None and not (skip and skip.search(f"{q.counted} {q.anchor.quote}"))
    }


def _absorb(first: Draft, later: Draft) -> Draft:
    a, b = first.event, later.event
    event = replace(
        a,
        date=a.date or b.date,
        place=a.place or b.place,
        roles=a.roles + tuple(r for r in b.roles if r not in a.roles),
        quantities=a.quantities + tuple(q for q in b.quantities if q not in a.quantities),
        named_event=a.named_event or b.named_event,
    )
    if b.named_event and not a.named_event:
        event = replace(event, label=b.label)
    if a.place is None and b.place is not None and first.name is None:
        event = replace(event, label=b.label)
    return replace(first, event=event, name=first.name or later.name)


def _date_speech_acts(
    events: list[EventMention], dates: Sequence[DateMention], lexicon: Lexicon | None
) -> list[EventMention]:
    """An appeal made in the statement is dated by the statement when its sentence gives no date."""
    if lexicon is None:
        return events
    own = links.statement_date(dates, lexicon)
    return [replace(e, date=own) if e.date is None and e.event_type in lexicon.speech_act_types else e for e in events]


def _proper_name(text: str, trigger: Trigger) -> str | None:
    """The capitalised name the trigger is part of ("First Karabakh War"), if any."""
    own_words = [w for w in text[trigger.start : trigger.end].split() if w not in ("of", "the")]
    if trigger.start == trigger.sentence[0] or not all(w[0].isupper() for w in own_words):
        return None
    words = r"(?:[A-Z][\w'\u2019-]*|of|the)"
    left = re.search(rf"(?:{words}\s+)*$", text[trigger.sentence[0] : trigger.start])
    right = re.match(rf"(?:\s+{words})*", text[trigger.end : trigger.sentence[1]])
    start = trigger.start - (len(left.group(0)) if left else 0)
    end = trigger.end + (len(right.group(0)) if right else 0)
    name = re.sub(r"^(?:(?:of|the)\s+)+|(?:\s+(?:of|the))+$", "", text[start:end])
    return name if len(name.split()) >= 2 else None


def _label(text: str, trigger: Trigger, place: EntityMention | None, lexicon: Lexicon) -> str:
    words = " ".join(text[trigger.start : trigger.end].split())
    words = words if len(words.split()) <= 6 else trigger.label
    return f"{words} {lexicon.place_joiner} {place.anchor.quote}" if place else words


def _place_key(event: EventMention) -> str | None:
    return event.place.key if event.place else None


def _inside_any(span: Anchor, containers: Sequence[Anchor]) -> bool:
    return any(c.start <= span.start and span.end <= c.end for c in containers)


def _overlap(a: Span, b: Span) -> bool:
    return a.start <= b.end and b.start <= a.end


def _iso_start(value: str) -> date:
    parts = [int(p) for p in value.split("-")]
    return date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)


def _iso_end(value: str) -> date:
    parts = [int(p) for p in value.split("-")]
    if len(parts) == 3:
        return date(parts[0], parts[1], parts[2])
    if len(parts) == 2:
        following = date(parts[0] + parts[1] // 12, parts[1] % 12 + 1, 1)
        return date.fromordinal(following.toordinal() - 1)
    return date(parts[0], 12, 31)
