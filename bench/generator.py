"""A seeded generator of realistic statement texts for load tests: text in, never ready-made triples.

Each statement is drawn from its own random stream (seed and index), so statement ``i`` is the same in
every corpus size: the 1k corpus is the first thousand files of the 10k one. Three shapes: a signed
statement (signature block with name, role, organisation and date), a news report with a dateline
relaying a speaker, and Markdown with front matter (url, date, publisher).
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache
from pathlib import Path
from typing import Any

import yaml

HERE = Path(__file__).resolve().parent
DATA = HERE.parent / "data"
FIRST_DAY = date(2005, 1, 1)
LAST_DAY = date(2024, 12, 31)
MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip
#: datelines separate place and date from the text with an en dash
DASH = "\u2013"


@dataclass(frozen=True)
class Place:
    """A gazetteer place as the generator writes it."""

    name: str
    kind: str  # village, town, city, district, region, country


@dataclass(frozen=True)
class Vocabulary:
    """Everything the generator draws from: its own word lists plus gazetteer places and outlets."""

    words: dict[str, Any]
    #: the curated conflict regions, drawn most often, and larger world cities for variety
    curated: tuple[Place, ...]
    world: tuple[Place, ...]
    named_events: tuple[str, ...]
    outlets: tuple[str, ...]


@dataclass(frozen=True)
class GeneratedStatement:
    """One generated document: its file name and text, and what the generator knows it says.

    >>> s = generate(1, seed=7)[0]
    >>> s.speaker in s.text and s.name.endswith((".md", ".txt"))
    True
    """

    name: str
    text: str
    published: date
    speaker: str
    place: str


@cache
def vocabulary() -> Vocabulary:
    """Load the word lists and the gazetteer's places, named events and outlets (once)."""
    words = yaml.safe_load((HERE / "vocabulary.yaml").read_text(encoding="utf-8"))
    curated = yaml.safe_load((DATA / "gazetteer" / "places.yaml").read_text(encoding="utf-8"))
    places = [Place(entry["names"]["en"][0], entry["type"]) for entry in curated.values()]
    world = []
    for line in (DATA / "gazetteer" / "world.tsv").read_text(encoding="utf-8").splitlines():
        cells = line.split("\t")
        if cells[1] == "city" and cells[7] and int(cells[7]) >= 500_000:
            world.append(Place(cells[2], "city"))
    events = yaml.safe_load((DATA / "gazetteer" / "events.yaml").read_text(encoding="utf-8"))
    outlets = yaml.safe_load((DATA / "lexicon" / "outlets.yaml").read_text(encoding="utf-8"))["outlets"]
    return Vocabulary(
        words,
        tuple(places),
        tuple(world),
        tuple(entry["names"]["en"][0] for entry in events.values()),
        tuple(outlet["name"] for outlet in outlets),
    )


def generate(count: int, seed: int = 1, start: int = 0) -> list[GeneratedStatement]:
    """Statements ``start`` .. ``start + count - 1`` of the corpus of ``seed``.

    >>> generate(2, seed=3)[1] == generate(1, seed=3, start=1)[0]
    True
    """
    return [statement(seed, index) for index in range(start, start + count)]


def write_corpus(folder: Path, count: int, seed: int = 1) -> list[Path]:
    """Write ``count`` statements as files under ``folder`` (a sub-folder per thousand); return the paths."""
    paths = []
    for generated in iter_statements(count, seed):
        path = folder / generated.name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(generated.text, encoding="utf-8")
        paths.append(path)
    return paths


def iter_statements(count: int, seed: int = 1) -> Iterator[GeneratedStatement]:
    """The first ``count`` statements of the corpus of ``seed``, one at a time."""
    for index in range(count):
        yield statement(seed, index)


def statement(seed: int, index: int) -> GeneratedStatement:
    """Statement number ``index`` of the corpus of ``seed``: the same on every call."""
    rng = random.Random(f"{seed}:{index}")
    writer = _Writer(rng, vocabulary())
    shape = rng.choices(("signed", "dateline", "front"), weights=(6, 3, 1))[0]
    text = {"signed": writer.signed, "dateline": writer.dateline, "front": writer.front_matter}[shape]()
    suffix = ".txt" if shape == "dateline" else ".md"
    name = f"{index // 1000:04d}/statement-{index:06d}{suffix}"
    return GeneratedStatement(name, text, writer.published, writer.speaker, writer.place.name)


class _Writer:
    """Writes one statement; holds its choices (speaker, date, main place) so the parts agree."""

    def __init__(self, rng: random.Random, vocab: Vocabulary) -> None:
        self.rng, self.vocab, self.words = rng, vocab, vocab.words
        self.published = FIRST_DAY + timedelta(days=rng.randrange((LAST_DAY - FIRST_DAY).days))
        self.speaker = f"{self.pick('first_names')} {self.pick('surnames')}"
        self.role, self.organization = rng.choice(self.words["speakers"])
        self.place = self.any_place()
        self.country = rng.choice([p for p in vocab.curated if p.kind == "country"])

    def signed(self) -> str:
        title = self.title()
        body = "\n\n".join(self.paragraphs())
        signed = f"**{self.speaker}**  \n**{self.role}**  \n**{self.organization}**"
        signature = f"{signed}\n\n**{long_date(self.published)}**"
        return f"## {title}\n\n{body}\n\n{signature}\n"

    def dateline(self) -> str:
        city = self.rng.choice([p for p in self.vocab.curated if p.kind == "city"]).name.upper()
        stamp = long_date(self.published) if self.rng.random() < 0.5 else us_date(self.published)
        said = self.rng.choice(("said on", "told reporters on", "stated on"))
        weekday = self.words["weekdays"][self.published.weekday()]
        who = f"The {self.role} of the {self.organization}, {self.speaker}"
        lead = f"{city} ({stamp}) {DASH} {who}, {said} {weekday}:"
        quote = self.pick("quotes")
        outlet = self.rng.choice(self.vocab.outlets)
        paragraphs = [lead, *self.paragraphs(), f'"{quote}," {self.speaker} said, according to {outlet}.']
        return self.title() + "\n\n" + "\n\n".join(paragraphs) + "\n"

    def front_matter(self) -> str:
        outlet = self.rng.choice(self.vocab.outlets)
        slug = f"{self.published:%Y/%m/%d}/{self.rng.randrange(10**6):06d}"
        head = (
            f'---\ntitle: "{self.title()}"\ndate: {self.published.isoformat()}\n'
            f'url: https://news.example.org/{slug}\npublisher: "{outlet}"\n---\n'
        )
        lead = f"{self.speaker}, {self.role} of the {self.organization}, said:"
        return head + "\n" + "\n\n".join([lead, *self.paragraphs()]) + "\n"

    def any_place(self) -> Place:
        return self.rng.choice(self.vocab.curated if self.rng.random() < 0.7 else self.vocab.world)

    def pick(self, key: str) -> str:
        return str(self.rng.choice(self.words[key]))

    def title(self) -> str:
        return self.pick("titles").format(org=self.organization, place=self.place.name)

    def paragraphs(self) -> list[str]:
        events = [self.event(self.place if i == 0 else self.any_place()) for i in range(self.rng.randint(1, 3))]
        context = self.pick("context").format(country=self.country.name)
        parts = [" ".join(events[:2]) + " " + context]
        if len(events) > 2 or self.rng.random() < 0.4:
            parts.append(" ".join(events[2:]) + " " + self.commemoration())
        parts.append(self.pick("appeals").format(org=self.organization))
        return [part.strip() for part in parts]

    def event(self, place: Place) -> str:
        template = self.pick("events")
        text = template.format(
            when=self.when(),
            place=self.place_phrase(place),
            qty=self.quantity(),
            other=self.quantity(small=True),
        )
        return text[0].upper() + text[1:]

    def commemoration(self) -> str:
        template = self.pick("commemorations")
        return template.format(named=self.rng.choice(self.vocab.named_events), place=self.place_phrase(self.place))

    def place_phrase(self, place: Place) -> str:
        if place.kind == "village" and self.rng.random() < 0.6:
            return f"{place.name} village"
        if place.kind == "city" and self.rng.random() < 0.2:
            return f"the city of {place.name}"
        return place.name

    def when(self) -> str:
        """A date phrase: absolute, relative to the publication date, or a past month or year."""
        rng, day = self.rng, self.published
        kind = rng.choice(("day", "weekday", "relative", "month", "year", "this_year", "decade"))
        if kind == "weekday":
            back = rng.randint(1, 6)
            return f"on {self.words['weekdays'][(day - timedelta(days=back)).weekday()]}"
        if kind == "relative":
            return str(rng.choice(list(self.words["relative_days"])))
        if kind == "this_year" and day.month > 1:
            earlier = day - timedelta(days=rng.randint(1, day.timetuple().tm_yday - 1))
            return f"on {MONTHS[earlier.month - 1]} {earlier.day} of this year"
        past = day - timedelta(days=rng.randint(30, 12_000))
        if kind == "month":
            return f"in {MONTHS[past.month - 1]} {past.year}"
        if kind == "year":
            return f"in {past.year}"
        if kind == "decade":
            return f"in the early {past.year // 10 * 10}s"
        return f"on {long_date(past)}"

    def quantity(self, small: bool = False) -> str:
        """A count as people write it: exact, hedged, in words, a range, or "dozens"."""
        rng = self.rng
        value = rng.randint(2, 30) if small else int(rng.lognormvariate(3.5, 1.4)) + 2
        form = rng.choices(("exact", "hedged", "words", "range", "dozens"), weights=(4, 4, 1, 1, 1))[0]
        if form == "words" and value <= 20:
            return self.pick("number_words")
        if form == "range":
            return f"between {value:,} and {value + rng.randint(2, 50):,}"
        if form == "dozens" and not small:
            return "dozens of"
        if form == "hedged":
            return f"{self.pick('hedges')} {value:,}"
        return f"{value:,}"


def long_date(day: date) -> str:
    """A date as a signature writes it.

    >>> long_date(date(2021, 3, 5))
    '5 March 2021'
    """
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def us_date(day: date) -> str:
    """A date as a US-style dateline writes it.

    >>> us_date(date(2021, 3, 5))
    'March 5, 2021'
    """
    return f"{MONTHS[day.month - 1]} {day.day}, {day.year}"
