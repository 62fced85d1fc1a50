"""Assemble a :class:`kg.model.Document` from cleaned text: NFC, meta as strings, the title."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from datetime import date, datetime

from kg.errors import InputError
from kg.model import Anchor, Document

#: Fields a reader keeps as document metadata (front matter, JSON, HTML meta tags).
META_FIELDS = ("url", "title", "publisher", "author", "date", "language")
# A first line longer than this is body text, not a headline.
_MAX_TITLE_CHARS = 200
# YYYY, YYYY-MM or YYYY-MM-DD, optionally followed by a time of day (dropped: a statement's date is a day).
_ISO_DATE = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?(?:[T ][\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?$")


def meta_strings(fields: Mapping[str, object]) -> dict[str, str]:
    """The known metadata fields as stripped strings, dates written in ISO 8601.

    >>> meta_strings({"date": date(2024, 2, 23), "title": " T ", "tags": ["x"], "url": None})
    {'title': 'T', 'date': '2024-02-23'}
    """
    meta: dict[str, str] = {}
    for name in META_FIELDS:
        value = fields.get(name)
        if isinstance(value, datetime | date):
            value = value.isoformat()
        if isinstance(value, str | int | float) and str(value).strip():
            meta[name] = unicodedata.normalize("NFC", str(value).strip())
    return meta


def build_document(
    text: str, path: str, fmt: str, meta: dict[str, str] | None = None, heading_line: int | None = None
) -> Document:
    """A Document over NFC ``text``; the title is line ``heading_line``, else the first short line.

    >>> doc = build_document("\\nMass grave found\\n\\nBody text here.", "a.txt", "text")
    >>> doc.title, doc.title_anchor
    ('Mass grave found', Anchor(start=0, end=16, quote='Mass grave found'))
    >>> doc.text[:4]
    'Mass'
    """
    text = unicodedata.normalize("NFC", text)
    stripped = text.lstrip("\n")
    if heading_line is not None:
        heading_line -= len(text) - len(stripped)
    text = stripped.rstrip()
    title_anchor = _title_anchor(text, heading_line)
    meta = dict(meta or {})
    if "date" in meta:
        meta["date"] = checked_date(meta["date"], path)
    title = meta.get("title") or (title_anchor.quote if title_anchor else None)
    return Document(text=text, path=path, format=fmt, title=title, title_anchor=title_anchor, meta=meta)


def checked_date(value: str, path: str) -> str:
    """An ISO metadata date at its own precision; an impossible one is an InputError.

    >>> checked_date("2018-03-12T10:00:00Z", "a.html"), checked_date("2024-02", "a.md")
    ('2018-03-12', '2024-02')
    >>> checked_date("2024-02-30", "a.md")
    Traceback (most recent call last):
    kg.errors.InputError: a.md: impossible date '2024-02-30' in the metadata
    """
    match = _ISO_DATE.match(value.strip())
    if match is None:
        return value  # written out ("12 March 2023"): the publication-date finder reads it like text
    year, month, day = (int(part) if part else 1 for part in match.groups())
    try:
        date(year, month, day)
    except ValueError:
        raise InputError(path, f"impossible date {value!r} in the metadata") from None
    return "-".join(part for part in match.groups() if part)


def _title_anchor(text: str, heading_line: int | None) -> Anchor | None:
    offset = 0
    for number, line in enumerate(text.split("\n")):
        stripped = line.strip()
        wanted = number == heading_line if heading_line is not None else bool(stripped)
        if wanted and stripped and len(stripped) <= _MAX_TITLE_CHARS:
            start = offset + line.index(stripped)
            return Anchor(start, start + len(stripped), stripped)
        if wanted:
            return None
        offset += len(line) + 1
    return None
