"""The outlet that relays a statement, where the text names it as the relay: a byline
("By Jane Doe, AzerNews"), a dateline ("YEREVAN, JANUARY 14, ARMENPRESS."), a credit line at the
end, or its own correspondent. An outlet that was merely told something ("told AFP") is not one.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from kg.extract.lexicon_data import load_lexicon
from kg.extract.regex_prefilter import Needs, fold_cached, may_match, needs_words
from kg.extract.roles import NAME
from kg.extract.text import anchor
from kg.model import Anchor, Document, EntityMention

_BYLINE = re.compile(
    rf"^[ \t]*By[ \t]+(?P<author>{NAME})(?:[ \t]*(?:,|\||for)[ \t]*(?P<outlet>[^\n,]+?))?[ \t]*$", re.M
)
_HEAD_CHARS = 400
_CORRESPONDENT = r"(?:correspondent|reporter|корреспондент\w*)"
_CORRESPONDENT_WORD = re.compile(_CORRESPONDENT, re.IGNORECASE)


@dataclass(frozen=True)
class Outlet:
    """One news outlet of ``data/lexicon/outlets.yaml``."""

    key: str
    name: str
    pattern: re.Pattern[str]


@functools.cache
def outlets() -> tuple[Outlet, ...]:
    """The known outlets, each with a pattern matching its names as whole words.

    >>> next(o for o in outlets() if o.pattern.fullmatch("Armenpress")).key
    'actor/armenpress'
    """
    found = []
    for entry in load_lexicon("outlets")["outlets"]:
        names = "|".join(re.escape(a) for a in sorted(entry["aliases"], key=len, reverse=True))
        flags = 0 if entry.get("exact_case") else re.IGNORECASE
        found.append(Outlet(entry["key"], entry["name"], re.compile(rf"(?<![\w.])(?:{names})(?![\w]|\.\w)", flags)))
    return tuple(found)


def find_byline(text: str) -> tuple[Anchor, Anchor | None] | None:
    """The journalist and outlet of a "By NAME, OUTLET" line near the top.

    >>> author, outlet = find_byline("Title\\n\\nBy Jane Doe, Daily Example\\n\\nText.")
    >>> author.quote, outlet.quote
    ('Jane Doe', 'Daily Example')
    """
    match = _BYLINE.search(text, 0, _HEAD_CHARS)
    if match is None:
        return None
    outlet = anchor(text, *match.span("outlet")) if match.group("outlet") else None
    return anchor(text, *match.span("author")), outlet


def find_publisher(doc: Document) -> EntityMention | None:
    """The relaying outlet the text names, or the one ``doc.meta`` gives; None for a press release.

    >>> doc = Document("GENEVA, 2 MAY, EXAMPLEPRESS. The office said.\\n\\nReuters", "a.md")
    >>> find_publisher(doc).name
    'Reuters'
    """
    given = doc.meta.get("publisher")
    if given:
        return _mention(Anchor(0, 0, ""), given)
    text = doc.text
    byline = find_byline(text)
    if byline and byline[1]:
        return _mention(byline[1], byline[1].quote)
    for start, end in [*_datelines(doc), _credit_line(text)]:
        found = _known_in(text, start, end)
        if found:
            return found
    return _correspondent(text)


def _datelines(doc: Document) -> list[tuple[int, int]]:
    """Openings of the first lines after the title that read like a dateline ("CITY, DATE, OUTLET")."""
    start = doc.title_anchor.end if doc.title_anchor else 0
    found = []
    for line in re.finditer(r"[^\n]+", doc.text[start : start + _HEAD_CHARS]):
        opening = re.match(r"[^.\u2013\u2014]*?(?=\.\s|\s[-\u2013\u2014]\s|$)", line.group())
        parts = opening.group().split(",") if opening else []
        if opening and len(parts) >= 2 and all(len(part.split()) <= 4 for part in parts):
            found.append((start + line.start(), start + line.start() + len(opening.group()) + 1))
    return found


def _credit_line(text: str) -> tuple[int, int]:
    """The last line, when it is short: a credit such as "Reuters" or "Source: News.Az"."""
    body = text.rstrip()
    start = body.rfind("\n") + 1
    return (start, len(body)) if len(body[start:].split()) <= 4 else (0, 0)


def _known_in(text: str, start: int, end: int) -> EntityMention | None:
    for outlet in outlets():
        match = outlet.pattern.search(text, start, end)
        if match:
            return EntityMention(anchor(text, *match.span()), outlet.key, outlet.name, "organization")
    return None


def _correspondent(text: str) -> EntityMention | None:
    # Every relay pattern holds the word; most texts lack it, and then no outlet need be tried.
    if not _CORRESPONDENT_WORD.search(text):
        return None
    folded = fold_cached(text)
    for outlet, relay, needs in _relays():
        # A search of the whole text per outlet costs ~40 µs; a text that lacks the outlet's name needs none.
        if not may_match(needs, folded):
            continue
        match = relay.search(text)
        if match:
            group = "a" if match.group("a") else "b"
            return EntityMention(anchor(text, *match.span(group)), outlet.key, outlet.name, "organization")
    return None


@functools.cache
def _relays() -> tuple[tuple[Outlet, re.Pattern[str], Needs], ...]:
    """Each outlet with the pattern of its own correspondent ("Reuters' correspondent", "a reporter for AFP"),
    and the words one of which its name needs (:func:`~kg.extract.regex_prefilter.needs_words`)."""
    found = []
    for outlet in outlets():
        own = outlet.pattern.pattern
        relay = re.compile(
            # "Xinhua's correspondent", and "Reuters' correspondent" for a name ending in s
            rf"(?P<a>{own})(?:['\u2019]s|(?<=[sS])['\u2019])\s+{_CORRESPONDENT}"
            rf"|{_CORRESPONDENT}\s+(?:of\s+|for\s+)?(?:the\s+)?(?P<b>{own})",
            outlet.pattern.flags,
        )
        found.append((outlet, relay, needs_words(outlet.pattern)))
    return tuple(found)


def _mention(where: Anchor, name: str) -> EntityMention:
    for outlet in outlets():
        if outlet.pattern.fullmatch(name.strip()):
            return EntityMention(where, outlet.key, outlet.name, "organization")
    slug = re.sub(r"[^\w]+", "-", name.lower()).strip("-")
    return EntityMention(where, f"actor/x-{slug}", name.strip(), "organization", resolved=False)
