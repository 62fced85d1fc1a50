"""Plain typed records passed between the stages: read -> extract -> map.

Nothing here knows about RDF; :mod:`kg.mapping` is the one place that makes triples.
Offsets are always Unicode code points into :attr:`Document.text` (NFC).
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from datetime import date


class Precision(enum.Enum):
    """How precisely a time is known; the unit of an OWL-Time interval.

    >>> Precision.MONTH.value
    'month'
    """

    DAY = "day"
    MONTH = "month"
    YEAR = "year"
    DECADE = "decade"


@dataclass(frozen=True)
class Span:
    """An inclusive interval of days: a day is ``Span(d, d)``.

    >>> Span(date(1992, 2, 1), date(1992, 2, 29)).days
    29
    """

    start: date
    end: date

    @property
    def days(self) -> int:
        """Number of days covered, both ends included."""
        return (self.end - self.start).days + 1


@dataclass(frozen=True)
class Anchor:
    """Where a mention stands in the document text: ``text[start:end] == quote``.

    >>> Anchor(4, 9, "Baku,").end
    9
    """

    start: int
    end: int
    quote: str


@dataclass(frozen=True)
class Document:
    """One source document after reading: NFC text plus what its form tells about it.

    ``meta`` holds front-matter or JSON fields (url, title, publisher, author, date, language)
    as given; they win over what extraction infers from the text.

    >>> Document(text="Hello", path="a.md").source
    'a.md'
    """

    text: str
    path: str
    format: str = "text"
    title: str | None = None
    title_anchor: Anchor | None = None
    meta: dict[str, str] = field(default_factory=dict)
    #: offset where the body starts (after front matter removal this is 0; kept for HTML bylines)
    body_start: int = 0

    @property
    def url(self) -> str | None:
        """The source URL when the document gives one."""
        return self.meta.get("url") or None

    @property
    def source(self) -> str:
        """The source URL, else the file path."""
        return self.url or self.path


@dataclass(frozen=True)
class DateMention:
    """A time expression as written, and what it resolves to.

    ``span`` is None when nothing in the text anchors it (the graph says it is unresolved).

    >>> DateMention(Anchor(0, 13, "February 1992"), Span(date(1992, 2, 1), date(1992, 2, 29)),
    ...             Precision.MONTH).iso
    '1992-02'
    """

    anchor: Anchor
    span: Span | None
    precision: Precision | None
    #: absolute | relative | anniversary | period | dateline
    kind: str = "absolute"

    @property
    def iso(self) -> str | None:
        """ISO 8601 at the stated precision; an interval as ``start/end``."""
        if self.span is None or self.precision is None:
            return None
        return iso_interval(self.span, self.precision)


def iso_at(day: date, precision: Precision) -> str:
    """Write a day at a precision.

    >>> iso_at(date(1992, 2, 26), Precision.MONTH)
    '1992-02'
    """
    if precision is Precision.DAY:
        return day.isoformat()
    if precision is Precision.MONTH:
        return f"{day.year:04d}-{day.month:02d}"
    return f"{day.year:04d}"


def iso_interval(span: Span, precision: Precision) -> str:
    """ISO value of a span: one value when it is exactly one unit, else ``start/end``.

    >>> iso_interval(Span(date(1988, 1, 1), date(1994, 12, 31)), Precision.YEAR)
    '1988/1994'
    >>> iso_interval(Span(date(1992, 2, 1), date(1992, 2, 29)), Precision.MONTH)
    '1992-02'
    """
    start, end = iso_at(span.start, precision), iso_at(span.end, precision)
    return start if start == end else f"{start}/{end}"


@dataclass(frozen=True)
class EntityMention:
    """A place or actor as written, resolved to a shared entity key when possible.

    ``key`` is the gazetteer key (e.g. ``place/khojaly``); for a place or actor the
    gazetteer lacks, a key derived from the name with ``resolved=False``.

    >>> EntityMention(Anchor(0, 7, "Khojaly"), "place/khojaly", "Khojaly", "place").resolved
    True
    """

    anchor: Anchor
    key: str
    name: str
    kind: str  # place | state | organization | person | armed_group | group | named_event
    resolved: bool = True
    #: for places: city, village, district, region, country...; for actors: a finer kind
    subtype: str | None = None


@dataclass(frozen=True)
class Quantity:
    """A count as stated: never imputed.

    >>> Quantity(Anchor(0, 12, "nearly 4,000"), 4000, None, None, True, "Azerbaijanis").approximate
    True
    """

    anchor: Anchor
    value: float | None
    minimum: float | None
    maximum: float | None
    approximate: bool
    counted: str
    unit: str | None = None  # e.g. "day" for durations; None for counts


@dataclass(frozen=True)
class Role:
    """An actor's part in an event, as the text attributes it (a claim)."""

    actor: EntityMention
    role: str  # perpetrator | victim | source | intervening_party | participant


@dataclass(frozen=True)
class EventMention:
    """One statement's mention of a happening; never merged with other sources' mentions.

    ``label`` is the author's own wording for it when the text names it ("Khojaly Genocide").
    """

    anchor: Anchor
    event_type: str  # notation code from ontology/event-types.ttl
    label: str
    date: DateMention | None = None
    place: EntityMention | None = None
    roles: tuple[Role, ...] = ()
    quantities: tuple[Quantity, ...] = ()
    #: gazetteer key of a named event this mention refers to (e.g. a war or massacre)
    named_event: str | None = None
    #: (relation, index of another event mention in the same statement): commemorates, part_of, evidence_of
    relations: tuple[tuple[str, int], ...] = ()


@dataclass(frozen=True)
class Speaker:
    """Who speaks: a person with a role in an organisation, or an organisation alone."""

    name: str | None
    role: str | None = None
    organization: str | None = None
    organization_key: str | None = None
    anchor: Anchor | None = None
    role_anchor: Anchor | None = None
    organization_anchor: Anchor | None = None


@dataclass(frozen=True)
class Statement:
    """What one speaker states in a document, with everything extracted from it."""

    index: int
    speaker: Speaker | None
    anchor: Anchor | None = None
    dates: tuple[DateMention, ...] = ()
    places: tuple[EntityMention, ...] = ()
    actors: tuple[EntityMention, ...] = ()
    events: tuple[EventMention, ...] = ()
    quantities: tuple[Quantity, ...] = ()


@dataclass(frozen=True)
class Extraction:
    """Everything extracted from one document."""

    document: Document
    language: str
    published: DateMention | None
    publisher: EntityMention | None
    statements: tuple[Statement, ...]
    extractor: str
    #: what was not extracted and why (e.g. events in a language without lexicons)
    notes: tuple[str, ...] = ()

    @property
    def flags(self) -> tuple[str, ...]:
        """Missing essentials, for the build summary."""
        missing = []
        if self.published is None:
            missing.append("no publication date")
        if not any(s.speaker for s in self.statements):
            missing.append("no speaker")
        return tuple(missing)
