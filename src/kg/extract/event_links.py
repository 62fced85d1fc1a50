"""Tie an event trigger to what its sentence says about it: date, place, actors in roles, counts."""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence

from kg.extract.event_triggers import Lexicon, Trigger, clause_start, dateline_end, hard_clause
from kg.model import DateMention, EntityMention, Quantity, Role

#: place phrases of one sentence: each is the places one locative preposition introduces
PlacePhrase = tuple[EntityMention, ...]
_NESTING = re.compile(r"\bof\b|\(|\bin\b|/", re.IGNORECASE)
_PLACE_WORDS = re.compile(
    r"\b(?:village|district|region|city|town|province|rayon|oblast|area|its|the|liberated|occupied|"
    r"formerly|former)\b",
    re.IGNORECASE,
)


def in_sentence(start: int, end: int, sentence: tuple[int, int]) -> bool:
    """Whether a span lies inside a sentence.

    >>> in_sentence(3, 5, (0, 10))
    True
    """
    return sentence[0] <= start and end <= sentence[1]


def pick_date(text: str, trigger: Trigger, dates: Sequence[DateMention], lexicon: Lexicon) -> DateMention | None:
    """The event's own date: the resolved date of its sentence nearest to the trigger.

    Datelines, dates of reporting ("reported on February 24", "on Tuesday, she wrote"), "today"
    (except for speech acts) and, except for commemorations, anniversaries are left out: they date
    the statement, not the happening. A commemorated event ("anniversary of the massacre") gets none.
    """
    cues = lexicon.cues
    no_date = cues.get("no_own_date_before")
    if no_date and no_date.search(text[trigger.sentence[0] : trigger.start]):
        return None
    candidates = [d for d in dates if _own_date(text, trigger, d, lexicon)]
    if not candidates:
        return None
    return min(candidates, key=lambda d: _distance(d.anchor.start, d.anchor.end, trigger))


def _own_date(text: str, trigger: Trigger, mention: DateMention, lexicon: Lexicon) -> bool:
    cues = lexicon.cues
    start, end = mention.anchor.start, mention.anchor.end
    if not in_sentence(start, end, trigger.sentence) or mention.span is None or mention.kind == "dateline":
        return False
    if start < dateline_end(text, trigger.sentence):
        return False
    if mention.kind == "anniversary" and trigger.event_type != "commemoration_anniversary":
        return False
    today = cues.get("today")
    if today and today.search(mention.anchor.quote.strip()) and trigger.event_type not in lexicon.participant_types:
        return False
    before, after = cues.get("report_date_before"), cues.get("report_date_after")
    if before and before.search(text[trigger.sentence[0] : start]):
        return False
    return not (after and after.match(text[end : trigger.sentence[1]]))


def statement_date(dates: Sequence[DateMention], lexicon: Lexicon) -> DateMention | None:
    """The statement's own date, for speech acts: its dateline, else a resolved "today".

    >>> from kg.model import Anchor, Span, Precision
    >>> from datetime import date
    >>> from kg.extract.event_triggers import load_lexicon
    >>> today = DateMention(Anchor(0, 5, "Today"), Span(date(2020, 1, 2), date(2020, 1, 2)), Precision.DAY,
    ...                     "relative")
    >>> statement_date([today], load_lexicon("en")).iso
    '2020-01-02'
    """
    resolved = [d for d in dates if d.span is not None]
    for mention in resolved:
        if mention.kind == "dateline":
            return mention
    today = lexicon.cues.get("today")
    return next((d for d in resolved if today and today.search(d.anchor.quote.strip())), None)


def place_phrases(text: str, trigger: Trigger, places: Sequence[EntityMention], lexicon: Lexicon) -> list[PlacePhrase]:
    """Places of the trigger's clause (between semicolons) grouped by locative phrase, in text order.

    Coordinated phrases ("in A village, near B and in C") come back as several phrases, so the
    caller can make one event per site. Places in a dateline are left out.
    """
    low = max(hard_clause(text, trigger.sentence, trigger.start)[0], dateline_end(text, trigger.sentence))
    high = hard_clause(text, trigger.sentence, trigger.start)[1]
    usable = sorted((p for p in places if low <= p.anchor.start and p.anchor.end <= high), key=lambda p: p.anchor.start)
    phrases: list[list[EntityMention]] = []
    for place in usable:
        if phrases and not _opens_phrase(text, phrases[-1][-1], place, lexicon):
            phrases[-1].append(place)
        else:
            phrases.append([place])
    return [tuple(p) for p in phrases]


def coordinated_sites(
    text: str, trigger: Trigger, phrases: list[PlacePhrase], others: Sequence[Trigger], lexicon: Lexicon
) -> list[PlacePhrase]:
    """The phrases after the trigger that are coordinated with each other (separate sites).

    Empty unless there are two or more of them, each joined to the next by a comma or "and".
    """
    after = [p for p in phrases if p[0].anchor.start >= trigger.end and not _claimed(trigger, p, others)]
    locative = lexicon.cues.get("locative")
    sites: list[PlacePhrase] = []
    for phrase in after:
        if sites:
            between = text[sites[-1][-1].anchor.end : phrase[0].anchor.start]
            found = locative.search(between) if locative else None
            if found is None or join_kind(between[: found.start()]) not in ("comma", "list"):
                break
            if _encloses(phrase, sites[-1], lexicon):
                break
        sites.append(phrase)
    return sites if len(sites) >= 2 else []


def _encloses(phrase: PlacePhrase, previous: PlacePhrase, lexicon: Lexicon) -> bool:
    """A coarser unit after a site ("near Izium, in the Kharkiv region") locates it; it is no new site."""
    district = lexicon.specificity.get("district", 3)
    coarsest = min(specificity(p, lexicon) for p in phrase)
    return coarsest >= district and coarsest > max(specificity(p, lexicon) for p in previous)


def best_place(text: str, phrase: PlacePhrase, lexicon: Lexicon) -> EntityMention | None:
    """The most specific place of one phrase; None when it lists peers ("A, B and C").

    A hierarchy ("Edilli village of the Khojavend district") gives its most specific member.
    """
    joins = [join_kind(text[a.anchor.end : b.anchor.start]) for a, b in itertools.pairwise(phrase)]
    if "list" in joins and set(joins) <= {"list", "comma"}:
        return None
    return min(phrase, key=lambda p: (specificity(p, lexicon), p.anchor.start))


def join_kind(between: str) -> str:
    """How two places are joined: "hierarchy", "list", "comma" or "gap" (unrelated words).

    >>> [join_kind(s) for s in (" village of ", " and ", ", ", " was where the ")]
    ['hierarchy', 'list', 'comma', 'gap']
    """
    if _NESTING.search(between):
        return "hierarchy"
    stripped = _PLACE_WORDS.sub("", between)
    if re.fullmatch(r"[\s,]*\band\b\s*", stripped):
        return "list"
    if re.fullmatch(r"\s*,\s*", stripped):
        return "comma"
    return "hierarchy" if not stripped.strip() else "gap"


def choose_place(
    text: str, trigger: Trigger, phrases: list[PlacePhrase], others: Sequence[Trigger], lexicon: Lexicon
) -> EntityMention | None:
    """The place of an event: the nearest phrase of the trigger's own clause, else the nearest
    phrase that a locative preposition opens ("in Khojaly city, a grave was found").

    A phrase after another trigger ("anniversary of the massacre in Baku") belongs to that one.
    """
    own = clause_start(text, trigger.sentence[0], trigger.start)
    free = [p for p in phrases if not _claimed(trigger, p, others)]
    pool = [p for p in free if p[0].anchor.start >= own] or [p for p in free if _locative(text, p, lexicon)]
    if not pool:
        return None
    nearest = min(pool, key=lambda p: _distance(p[0].anchor.start, p[-1].anchor.end, trigger))
    return best_place(text, nearest, lexicon)


def _claimed(trigger: Trigger, phrase: PlacePhrase, others: Sequence[Trigger]) -> bool:
    start = phrase[0].anchor.start
    return start > trigger.end and any(trigger.end <= o.start and o.end <= start for o in others)


def _locative(text: str, phrase: PlacePhrase, lexicon: Lexicon) -> bool:
    locative = lexicon.cues.get("locative")
    start = phrase[0].anchor.start
    return bool(locative and locative.search(text[max(0, start - 40) : start]))


def specificity(place: EntityMention, lexicon: Lexicon) -> int:
    """Rank of a place's kind, lower is more specific; unknown kinds rank with cities."""
    default = lexicon.specificity.get("city", 2)
    return lexicon.specificity.get((place.subtype or "").lower(), default)


def pick_roles(text: str, trigger: Trigger, actors: Sequence[EntityMention], lexicon: Lexicon) -> tuple[Role, ...]:
    """Actors of the trigger's sentence in the roles its wording gives them."""
    roles: list[Role] = []
    clause = hard_clause(text, trigger.sentence, trigger.start)
    start = clause[0]
    for actor in actors:
        if not in_sentence(actor.anchor.start, actor.anchor.end, clause):
            continue
        before = text[max(start, actor.anchor.start - 60) : actor.anchor.start]
        after = text[actor.anchor.end : min(trigger.sentence[1], actor.anchor.end + 80)]
        role = _role_of(before, after, actor, trigger, lexicon)
        if role:
            roles.append(Role(actor, role))
    return tuple(roles)


def pick_quantities(
    trigger: Trigger, quantities: Sequence[Quantity], nearest_to: dict[int, int], lexicon: Lexicon
) -> tuple[Quantity, ...]:
    """Counts that stand nearer to the trigger than to any other trigger of its clause.

    ``nearest_to`` maps a quantity's start offset to the start of its nearest trigger; only
    types that count people or remains take counts, and durations are not counts.
    """
    if trigger.event_type not in lexicon.counted_types:
        return ()
    return tuple(q for q in quantities if q.unit is None and nearest_to.get(q.anchor.start) == trigger.start)


def nearest_triggers(
    text: str, triggers: Sequence[Trigger], quantities: Sequence[Quantity], lexicon: Lexicon
) -> dict[int, int]:
    """For each quantity, the start of the nearest counting trigger in its clause."""
    nearest: dict[int, int] = {}
    counting = [t for t in triggers if t.event_type in lexicon.counted_types]
    for quantity in quantities:
        inside = [
            t
            for t in counting
            if in_sentence(quantity.anchor.start, quantity.anchor.end, hard_clause(text, t.sentence, t.start))
        ]
        if inside:
            best = min(inside, key=lambda t: _distance(quantity.anchor.start, quantity.anchor.end, t))
            nearest[quantity.anchor.start] = best.start
    return nearest


def _role_of(before: str, after: str, actor: EntityMention, trigger: Trigger, lexicon: Lexicon) -> str | None:
    cues = lexicon.cues
    if trigger.event_type in lexicon.participant_types:
        return "participant" if actor.anchor.end <= trigger.start else None
    if (p := cues.get("perpetrator_before")) and p.search(before):
        return "perpetrator"
    if (p := cues.get("perpetrator_after")) and p.match(after):
        return "perpetrator"
    if actor.kind in ("group_of_people", "person", "group") and (v := cues.get("victim_before")) and v.search(before):
        return "victim"
    return None


def _opens_phrase(text: str, previous: EntityMention, place: EntityMention, lexicon: Lexicon) -> bool:
    between = text[previous.anchor.end : place.anchor.start]
    locative = lexicon.cues.get("locative")
    found = locative.search(between) if locative else None
    if found:
        # "Bucha in the Kyiv region": a preposition right after a place nests, it does not coordinate.
        return join_kind(between[: found.start()]) != "hierarchy"
    return join_kind(between) == "gap"


def _distance(start: int, end: int, trigger: Trigger) -> int:
    if end <= trigger.start:
        return trigger.start - end
    if start >= trigger.end:
        return start - trigger.end
    return 0
