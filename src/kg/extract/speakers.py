"""Who speaks in a document: the speaker whose statement it carries first, then others; and the
outlet that relays it. Signature blocks, reported speech and institutions are found by
:mod:`kg.extract.signature` and :mod:`kg.extract.reported_speech`; this module resolves surnames,
pronouns and role references to the people they point at, and ranks them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from kg.extract.publisher import find_byline, find_publisher
from kg.extract.reported_speech import Attribution, find_attributions
from kg.extract.roles import (
    NAME,
    expand_organization,
    implied_organization,
    is_name_word,
    lexicon,
    organization_in_role,
)
from kg.extract.signature import find_signature
from kg.extract.text import anchor
from kg.model import Anchor, Document, EntityMention, Speaker

_SIGNATURE_WEIGHT = 3.0
_LEAD_WEIGHT = 2.0
_HEADLINE_WEIGHT = 1.0
_PAREN = re.compile(r"\s*\(([^)]+)\)")
_QUALIFIER = re.compile(r"^(?P<role>.+?)\s+of\s+(?P<of>(?:the\s+)?(?:Republic|Kingdom|State|Federation)\b.*|[A-Z]\w+)$")


@dataclass(frozen=True)
class SpeakerResult:
    """Speakers, the main one first, and the outlet relaying the statement (None if none named)."""

    speakers: tuple[Speaker, ...]
    publisher: EntityMention | None
    #: the journalist of a byline: the writer, not a speaker, when the report relays others' words
    journalist: Anchor | None = None
    #: each resolved cue with the index in ``speakers`` of the speaker it points at
    attributions: tuple[tuple[Attribution, int], ...] = ()


@dataclass
class _Candidate:
    name: Anchor | None
    organization: Anchor | None = None
    roles: list[Anchor] = field(default_factory=list)
    organizations: list[Anchor] = field(default_factory=list)
    score: float = 0.0
    first: int = 0


def extract_speakers(doc: Document, gazetteer: object | None = None) -> SpeakerResult:
    """Speakers of ``doc`` ranked by how much of the text is theirs, and its relaying outlet.

    >>> doc = Document('Mass graves found\\n\\n"We found them," Deputy Minister Ana Lopez told reporters.', "a.md")
    >>> result = extract_speakers(doc)
    >>> result.speakers[0].name, result.speakers[0].role, result.publisher
    ('Ana Lopez', 'Deputy Minister', None)
    """
    del gazetteer  # organisations are resolved to shared entities downstream
    text = doc.text
    candidates: dict[str, _Candidate] = {}
    full_names = _full_names(text)
    last: _Candidate | None = None
    resolved: list[tuple[Attribution, _Candidate]] = []
    for attribution in find_attributions(text):
        target = _resolve(attribution, candidates, full_names, last, text)
        if target is not None:
            target.score += 1
            last = target if target.name is not None else last
            resolved.append((attribution, target))
    signature = find_signature(text)
    if signature is not None:
        entry = _person(candidates, signature.name, text.find(signature.name.quote))
        entry.score += _SIGNATURE_WEIGHT
        entry.roles.extend([signature.role] if signature.role else [])
        entry.organizations.extend([signature.organization] if signature.organization else [])
    byline = find_byline(text)
    journalist = byline[0] if byline else None
    ranked = _rank(candidates, doc.title or "")
    speakers = tuple(_speaker(c, text) for c in ranked)
    if not speakers and journalist is not None:
        speakers = (Speaker(journalist.quote, anchor=journalist),)
    rank = {id(c): i for i, c in enumerate(ranked)}
    cues = tuple((a, rank[id(c)]) for a, c in resolved)
    return SpeakerResult(speakers, find_publisher(doc), journalist, cues)


def _full_names(text: str) -> dict[str, Anchor]:
    """Every multi-word name in the text by its last word, first occurrence kept."""
    names: dict[str, Anchor] = {}
    for match in re.finditer(NAME, text):
        words = match.group().split()
        start = match.start()
        while words and not is_name_word(words[0]):
            start = text.index(words[1], start + len(words[0])) if len(words) > 1 else match.end()
            words = words[1:]
        if len(words) >= 2 and all(is_name_word(w) or w.islower() for w in words):
            names.setdefault(words[-1], anchor(text, start, match.end()))
    return names


def _resolve(
    attribution: Attribution,
    candidates: dict[str, _Candidate],
    full_names: dict[str, Anchor],
    last: _Candidate | None,
    text: str,
) -> _Candidate | None:
    if attribution.kind == "pronoun":
        return last
    if attribution.kind == "role" and attribution.role is not None:
        return _by_role(candidates, attribution.role.quote)
    if attribution.kind == "institution" and attribution.organization is not None:
        key = attribution.organization.quote.lower()
        entry = candidates.setdefault(key, _Candidate(None, attribution.organization, first=attribution.cue))
        return entry
    name = attribution.name
    if name is None:
        return None
    if attribution.kind == "surname":
        name = full_names.get(name.quote) or _known_surname(candidates, name.quote)
        if name is None:
            return None
    entry = _person(candidates, name, attribution.cue)
    entry.roles.extend([attribution.role] if attribution.role else [])
    entry.organizations.extend([attribution.organization] if attribution.organization else [])
    return entry


def _person(candidates: dict[str, _Candidate], name: Anchor, position: int) -> _Candidate:
    key = name.quote.lower()
    if key not in candidates:
        candidates[key] = _Candidate(name, first=position)
    return candidates[key]


def _known_surname(candidates: dict[str, _Candidate], surname: str) -> Anchor | None:
    for entry in candidates.values():
        if entry.name is not None and entry.name.quote.split()[-1] == surname:
            return entry.name
    return None


def _by_role(candidates: dict[str, _Candidate], reference: str) -> _Candidate | None:
    head = reference.split()[-1].lower()
    for entry in candidates.values():
        if any(head in role.quote.lower().split() for role in entry.roles):
            return entry
    return None


def _rank(candidates: dict[str, _Candidate], title: str) -> list[_Candidate]:
    ordered = sorted(candidates.values(), key=lambda c: c.first)
    if ordered:
        ordered[0].score += _LEAD_WEIGHT
    for entry in ordered:
        if entry.name is not None and entry.name.quote.split()[-1] in title:
            entry.score += _HEADLINE_WEIGHT
    return sorted(ordered, key=lambda c: (-c.score, c.first))


def _speaker(entry: _Candidate, text: str) -> Speaker:
    if entry.name is None:
        return Speaker(
            None, None, entry.organization.quote if entry.organization else None, organization_anchor=entry.organization
        )
    role_anchor = entry.roles[0] if entry.roles else None
    org_anchor = entry.organizations[0] if entry.organizations else None
    role, organization = describe_role(role_anchor.quote if role_anchor else None, text)
    if org_anchor is not None:
        organization = _expanded(org_anchor.quote, text)
    return Speaker(entry.name.quote, role, organization, None, entry.name, role_anchor, org_anchor)


def describe_role(role_text: str | None, text: str = "") -> tuple[str | None, str | None]:
    """A role as one line, and the organisation it names or implies.

    >>> role, organization = describe_role("Commissioner for Human Rights\\nof the Republic of Moldova\\n(Ombudsman)")
    >>> role
    'Commissioner for Human Rights (Ombudsman)'
    >>> organization
    'Office of the Commissioner for Human Rights of the Republic of Moldova'
    >>> describe_role("head of the Red Cross Delegation in Armenia")
    ('head of the Red Cross Delegation in Armenia', 'Red Cross Delegation in Armenia')
    """
    if not role_text:
        return None, None
    role = _relative_clause(" ".join(role_text.split()))
    notes = _PAREN.findall(role)
    role = _PAREN.sub("", role).strip()
    qualifier = _QUALIFIER.match(role)
    base = qualifier.group("role") if qualifier and implied_organization(qualifier.group("role")) else role
    shown = base + "".join(f" ({note})" for note in notes)
    inside = organization_in_role(base)
    if inside is not None:
        return shown, _expanded(base[inside[0] : inside[1]], text)
    implied = implied_organization(base)
    if implied is not None and base != role:
        implied = f"{implied} {role[len(base) :].strip()}"
    return shown, implied


def _relative_clause(role: str) -> str:
    """ "who heads the office" -> "head of the office"."""
    match = re.match(r"who\s+(\w+)\s+(.+)$", role)
    verbs: dict[str, str] = lexicon()["position_verbs"]
    if match is None or match.group(1) not in verbs:
        return role
    return f"{verbs[match.group(1)]} of {match.group(2)}"


def _expanded(organization: str, text: str) -> str:
    """A short organisation name ("комиссии") replaced by its full form found in the text."""
    if text and len(organization.split()) <= 3:
        found = expand_organization(text, organization)
        if found is not None:
            return text[found[0] : found[1]]
    return organization
