"""The signature block closing a signed statement: a name line, then role and organisation lines.

Sabina Aliyeva
The Commissioner for Human Rights
of the Republic of Azerbaijan
(Ombudsman)
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from kg.extract.roles import NAME, has_word, is_name_word
from kg.extract.text import anchor
from kg.model import Anchor

_NAME_LINE = re.compile(rf"\s*(?:(?:Mr|Mrs|Ms|Dr|Prof)\.?\s+)?({NAME})\s*")
_MAX_LINES = 7
_MAX_WORDS = 14
_DATE_LINE = re.compile(r"^[\d\s./,-]*(?:\w+\s+)?\d{1,4}[\d\s./,-]*\w*$")


@dataclass(frozen=True)
class Signature:
    """Name, role lines and organisation lines of a signature block, as anchors."""

    name: Anchor
    role: Anchor | None
    organization: Anchor | None


def find_signature(text: str) -> Signature | None:
    """The signature at the end of ``text``: short lines after the body, led by a person's name.

    >>> sig = find_signature("We call for justice.\\n\\nAna Lopez\\nHead of the Missing Persons Office\\n\\n2 May 2023")
    >>> sig.name.quote, sig.role.quote
    ('Ana Lopez', 'Head of the Missing Persons Office')
    """
    lines = _closing_lines(text)
    for index, (start, end) in enumerate(lines):
        match = _NAME_LINE.fullmatch(text, start, end)
        if match is None or not all(is_name_word(w) for w in match.group(1).split()):
            continue
        rest = lines[index + 1 :]
        if not rest or not any(has_word(text[s:e], "role_words") for s, e in rest):
            continue
        name = anchor(text, match.start(1), match.end(1))
        role, organization = _role_and_organization(text, rest)
        return Signature(name, role, organization)
    return None


def _closing_lines(text: str) -> list[tuple[int, int]]:
    """The last block of short lines (blank lines and date lines skipped), top to bottom."""
    lines: list[tuple[int, int]] = []
    end = len(text.rstrip())
    while end > 0 and len(lines) < _MAX_LINES:
        start = text.rfind("\n", 0, end) + 1
        line = text[start:end].strip()
        if line and not _DATE_LINE.match(line):
            if len(line.split()) > _MAX_WORDS or line.endswith((".", "!", "?", ":")):
                break
            lines.append((start, end))
        elif lines and not line:
            break
        end = start - 1
    return lines[::-1]


def _role_and_organization(text: str, lines: list[tuple[int, int]]) -> tuple[Anchor | None, Anchor | None]:
    """Role lines first; a line that starts with an organisation's name is the organisation."""
    role_lines: list[tuple[int, int]] = []
    org_lines: list[tuple[int, int]] = []
    for start, end in lines:
        line = text[start:end].strip()
        starts_org = has_word(" ".join(line.split()[:3]), "organization_heads")
        if org_lines or (role_lines and starts_org and not line.lower().startswith("of ")):
            org_lines.append((start, end))
        else:
            role_lines.append((start, end))
    return _join(text, role_lines), _join(text, org_lines)


def _join(text: str, lines: list[tuple[int, int]]) -> Anchor | None:
    if not lines:
        return None
    start, end = lines[0][0], lines[-1][1]
    lead = re.match(r"\s*(?:the\s+)?", text[start:end], re.IGNORECASE)
    return anchor(text, start + (lead.end() if lead else 0), end)
