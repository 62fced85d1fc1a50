"""International and national days observed on a fixed month and day ("Human Rights Day", 10 December),
and the places in a text's opening that say it is written on one of them ("Today is World Refugee Day").

The days and their names live in ``data/gazetteer/observances.yaml``, the cue words in
``data/lexicon/publication_cues.yaml``.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from kg.extract.date_lexicon import alternation, date_lexicon
from kg.extract.lexicon_data import load_lexicon

DATA = Path(__file__).resolve().parents[3] / "data" / "gazetteer" / "observances.yaml"
#: paragraphs (the headline counts as one) in which a text says which day it is written on
OPENING_PARAGRAPHS = 3
_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n")
_YEAR_AFTER = re.compile(r"^[ \t]*,?[ \t]*(?:(?:of|in)\s+)?(?P<year>1[89]\d{2}|20\d{2})(?!\d)")


@dataclass(frozen=True)
class Observance:
    """A day observed every year on the same month and day, with its names."""

    key: str
    month: int
    day: int
    names: tuple[str, ...]


@dataclass(frozen=True)
class ObservedDay:
    """An observance the text says is today: where its name stands, and a year written next to it."""

    observance: Observance
    start: int
    end: int
    year: int | None = None


@functools.cache
def load_observances(path: Path = DATA) -> tuple[Observance, ...]:
    """The observances in ``path`` (default: the project's ``observances.yaml``).

    >>> next(o for o in load_observances() if o.key == "human-rights-day").day
    10
    """
    with path.open(encoding="utf-8") as handle:
        raw = yaml.safe_load(handle) or {}
    out = []
    for key, entry in raw.items():
        month, day = (int(part) for part in str(entry["date"]).split("-"))
        names = tuple(str(name) for spellings in entry["names"].values() for name in spellings)
        out.append(Observance(str(key), month, day, names))
    return tuple(out)


def observed_days(text: str, observances: tuple[Observance, ...] | None = None) -> list[ObservedDay]:
    """Observances the opening paragraphs of ``text`` say are being marked as it is written.

    >>> [d.observance.key for d in observed_days("Statement\\n\\nToday is World Refugee Day. We act.")]
    ['world-refugee-day']
    >>> observed_days("Statement\\n\\nOn World Refugee Day last year we met.")
    []
    """
    known = observances if observances is not None else load_observances()
    by_name = {" ".join(name.lower().split()): item for item in known for name in item.names}
    if not by_name:
        return []
    opening = _opening(text)
    found = []
    for match in _pattern(tuple(sorted(by_name))).finditer(text, 0, opening):
        if not (match.group("before") or match.group("after")):
            continue
        observance = by_name[" ".join(match.group("name").lower().split())]
        if _other_year_follows(text[match.end("name") : match.end("name") + 40]):
            continue
        year = _YEAR_AFTER.match(text[match.end("name") : match.end("name") + 12])
        found.append(ObservedDay(observance, match.start("name"), match.end("name"),
                                 int(year.group("year")) if year else None))  # fmt: skip
    return found


def _opening(text: str) -> int:
    """Where the opening paragraphs end."""
    count, start = 0, 0
    for match in _PARAGRAPH_BREAK.finditer(text):
        if text[start : match.start()].strip():
            count += 1
            if count == OPENING_PARAGRAPHS:
                return match.start()
        start = match.end()
    return len(text)


@functools.cache
def _pattern(names: tuple[str, ...]) -> re.Pattern[str]:
    cues = load_lexicon("publication_cues")
    before = alternation(cues["observance_before"])
    after = alternation(cues["observance_after"])
    name = rf"(?P<name>{alternation(names)})(?!\w)"
    article = r"(?:the\s+|this\s+year[\u2019']s\s+)?"
    cued = rf"(?<!\w)(?:(?P<before>{before})\s+)?{article}{name}(?P<after>,?\s+(?:{after})(?!\w))?"
    return re.compile(cued, re.IGNORECASE)


def _other_year_follows(following: str) -> bool:
    """ "on Human Rights Day last year": the mention is of another year's observance."""
    periods = date_lexicon("en").periods
    other = [phrase for phrase, (unit, offset) in periods.items() if unit == "year" and offset != 0]
    return re.match(rf"^[ \t]*,?[ \t]*(?:{alternation(other)})(?!\w)", following, re.IGNORECASE) is not None
