"""Relations between the events of one statement: commemorates, evidence_of, part_of."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from kg.extract.event_triggers import Lexicon
from kg.model import EventMention

if TYPE_CHECKING:
    from kg.extract.events import Draft

#: types whose mentions can be evidence of another happening
EVIDENCE_TYPES = frozenset({"mass_grave_discovery", "excavation_exhumation", "identification_of_remains"})
#: types a happening can be part of (a war, a massacre)
WHOLE_TYPES = frozenset({"armed_conflict_war", "killing_massacre"})


def relate(
    text: str,
    merged: Sequence[Draft],
    drafts: Sequence[Draft],
    index_of: Sequence[int],
    lexicon: Lexicon | None,
) -> list[EventMention]:
    """The merged events with relations found between mentions that share a sentence.

    ``index_of[i]`` is the merged event that ``drafts[i]`` became part of.
    """
    found: dict[int, set[tuple[str, int]]] = {i: set() for i in range(len(merged))}
    if lexicon is not None:
        for i, first in enumerate(drafts):
            for j in range(i + 1, len(drafts)):
                later = drafts[j]
                if later.sentence != first.sentence or index_of[i] == index_of[j]:
                    continue
                for source, relation, target in _relations(text, first, later, lexicon):
                    source_index = index_of[i] if source is first else index_of[j]
                    target_index = index_of[j] if target is later else index_of[i]
                    found[source_index].add((relation, target_index))
    return [_with_relations(d.event, tuple(sorted(found[i]))) for i, d in enumerate(merged)]


def _with_relations(event: EventMention, relations: tuple[tuple[str, int], ...]) -> EventMention:
    return replace(event, relations=relations) if relations != event.relations else event


def _relations(text: str, first: Draft, later: Draft, lexicon: Lexicon) -> list[tuple[Draft, str, Draft]]:
    """Relations between two mentions of one sentence, ``first`` written before ``later``."""
    between = text[first.event.anchor.end : later.event.anchor.start]
    head = text[first.event.anchor.start : later.event.anchor.start]
    cue = lexicon.cues.get
    kinds = (first.event.event_type, later.event.event_type)
    out: list[tuple[Draft, str, Draft]] = []
    speech = lexicon.participant_types
    if kinds[0] == "commemoration_anniversary" and kinds[1] not in speech:
        pattern = cue("relation:commemorates")
        if pattern and pattern.search(head):
            out.append((first, "commemorates", later))
    elif kinds[0] in EVIDENCE_TYPES and kinds[1] not in speech | EVIDENCE_TYPES:
        pattern = cue("relation:evidence_of")
        if pattern and pattern.search(between):
            out.append((first, "evidence_of", later))
    if kinds[1] in WHOLE_TYPES and kinds[0] not in speech and kinds[0] != kinds[1]:
        pattern = cue("relation:part_of")
        if pattern and pattern.search(text[max(0, later.event.anchor.start - 40) : later.event.anchor.start]):
            out.append((first, "part_of", later))
    return out
