"""Small text helpers shared by the extractors: anchors and sentences."""

from __future__ import annotations

import functools
import re

from kg.model import Anchor, EntityMention

_SENTENCE_END = re.compile(r"(?<=[.!?…])[\"”»']?\s+(?=[\"“«'(]?[A-ZА-ЯЁÇƏĞİÖŞÜ0-9])|\n\s*\n|\n(?=\s*[-*#])")
_ABBREVIATED = (
    "St", "Mr", "Mrs", "Ms", "Dr", "Prof", "Gen", "Col", "Maj", "Lt", "Capt", "No", "Art", "vs", "etc", "e.g", "i.e",
    "U.S", "U.N", "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec",
)  # fmt: skip
#: a full stop that ends one of these words, or an initial, does not end a sentence
_ABBREVIATIONS = re.compile(rf"\b(?:{'|'.join(map(re.escape, _ABBREVIATED))}|[A-Z])\.$")
_LONGEST_ABBREVIATION = max(map(len, _ABBREVIATED)) + len(".")


def anchor(text: str, start: int, end: int) -> Anchor:
    """An anchor for ``text[start:end]``, trimmed of surrounding white space.

    >>> anchor("in  Baku ", 2, 9)
    Anchor(start=4, end=8, quote='Baku')
    """
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return Anchor(start, end, text[start:end])


@functools.lru_cache(maxsize=16)
def sentences(text: str) -> tuple[tuple[int, int], ...]:
    """(start, end) of each sentence or paragraph line, offsets into ``text``.

    Several extractors split the same text: the split is kept for the last few texts.

    >>> t = "He left. St. Andrew stayed.\\n\\nNew one"
    >>> [t[s:e] for s, e in sentences(t)]
    ['He left.', 'St. Andrew stayed.', 'New one']
    """
    found = []
    start = 0
    for match in _SENTENCE_END.finditer(text):
        # An abbreviation is the last few characters, read with the one before them for its word boundary.
        if _ABBREVIATIONS.search(text[max(start, match.start() - _LONGEST_ABBREVIATION - 1) : match.start()]):
            continue
        if text[start : match.start()].strip():
            found.append(_trim(text, start, match.start()))
        start = match.end()
    if text[start:].strip():
        found.append(_trim(text, start, len(text)))
    return tuple(found)


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    a = anchor(text, start, end)
    return a.start, a.end


def keep_widest(found: dict[tuple[int, int], EntityMention], mention: EntityMention) -> None:
    """Add ``mention`` unless a wider or equal mention overlaps it; drop the narrower ones it covers.

    >>> found = {}
    >>> keep_widest(found, EntityMention(Anchor(3, 7, "Baku"), "place/baku", "Baku", "place"))
    >>> keep_widest(found, EntityMention(Anchor(0, 7, "in Baku"), "place/baku", "Baku", "place"))
    >>> list(found)
    [(0, 7)]
    """
    start, end = mention.anchor.start, mention.anchor.end
    overlapping = [k for k in found if k[0] < end and start < k[1]]
    if any(k[1] - k[0] >= end - start for k in overlapping):
        return
    for k in overlapping:
        del found[k]
    found[(start, end)] = mention
