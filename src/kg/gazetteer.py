"""Shared entities and their spellings: places, actors and named events, with a fast name finder.

The curated files in ``data/gazetteer`` (places, actors, events) win over the world table built from
GeoNames and ISO 3166 (``world.tsv``). :meth:`Gazetteer.find` looks token n-grams up in one dict, so
tens of thousands of names cost no more than a few.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Collection, Iterator, Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

_TOKEN = re.compile(r"[^\W_]+")
_GAP = re.compile(r"[ \u00a0]|[-‐–'’./]|[.,] ")
_PREFIX = {"place": "place", "actor": "actor", "named_event": "named-event"}
_MAX_WORDS = 12
#: a name the words from some word on spell: (number of words, its index entries)
_Spelled = tuple[int, list[tuple["Entry | int", str]]]

#: Lines of world.tsv: key, type, label, lat, long, geonames, parent, population, ru.
WORLD_COLUMNS = 9


@dataclass(frozen=True)
class Entry:
    """One shared entity: a place, an actor or a named event.

    >>> Entry("khojaly", "place", "Khojaly", subtype="town").iri_path
    'place/khojaly'
    """

    key: str
    kind: str  # place | actor | named_event
    label: str
    labels: tuple[tuple[str, str], ...] = ()
    subtype: str | None = None  # placeType, or actorKind (person, organization, state, ...)
    lat: float | None = None
    long: float | None = None
    wikidata: str | None = None
    geonames: str | None = None
    parent: str | None = None
    event_type: str | None = None
    begin: str | None = None
    end: str | None = None
    precision: str | None = None
    place: str | None = None
    population: int | None = None
    curated: bool = True
    #: for a country or a capital: the state actor key it stands for when used as an agent
    stands_for: str | None = None
    #: for a state: adjectives naming it ("Armenian"), and the key of its people
    demonyms: tuple[str, ...] = ()
    people: str | None = None

    @property
    def iri_path(self) -> str:
        """``{kind}/{key}``: the entity's IRI below the base."""
        return f"{_PREFIX[self.kind]}/{self.key}"


@dataclass(frozen=True)
class Match:
    """A name found in a text, with the entries it may denote, best first.

    >>> Match(0, 4, "Baku", (Entry("baku", "place", "Baku"),)).entry.key
    'baku'
    """

    start: int
    end: int
    text: str
    entries: tuple[Entry, ...]

    @property
    def entry(self) -> Entry:
        """The preferred entry (curated first, then the most populous)."""
        return self.entries[0]


def normalize(text: str) -> str:
    """Case- and accent-insensitive form of a name, tokens joined by one space.

    >>> normalize("Xocalı  Rayonu"), normalize("Stepanakert/Khankendi")
    ('xocali rayonu', 'stepanakert khankendi')
    """
    if text.isascii():
        return " ".join(_TOKEN.findall(text.lower()))
    text = text.replace("ı", "i").replace("ə", "e").replace("Ə", "E").replace("ё", "е").replace("Ё", "Е")
    text = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    return " ".join(_TOKEN.findall(text.casefold()))


def _surface_ok(surface: str, label: str) -> bool:
    """Whether the text's spelling may stand for this label: capitalised names, exact-case acronyms."""
    if label.isupper() and len(label) <= 6:
        return surface.isupper()
    first = surface[0]
    return first.isupper() or first.isdigit() or label[0].islower()


class Gazetteer:
    """Entries by kind and key, and an index from normalised names to entries.

    World rows (GeoNames, ISO 3166) stay plain tuples until a lookup needs them, which keeps loading fast.
    """

    def __init__(self, entries: list[Entry], lexicon: Mapping[str, Any], world: list[list[str]] | None = None) -> None:
        self.lexicon = lexicon
        self._entries: dict[str, Entry] = {}
        self._world = world or []
        self._world_keys: dict[str, int] = {}
        self._index: dict[str, list[tuple[Entry | int, str]]] = {}
        self._longest: dict[str, int] = {}
        #: entries by kind (None: all), filled on the first ``entries`` call, when every world row is built
        self._by_kind: dict[str | None, tuple[Entry, ...]] = {}
        stop = {normalize(w) for w in lexicon.get("common_words", [])}
        for item in entries:
            self._entries.setdefault(item.iri_path, item)
        for item in self._entries.values():
            for label, _lang in item.labels:
                self._add(normalize(label), item, label)
        for row_number, row in enumerate(self._world):
            self._add_world(row_number, row, stop)
        for candidates in self._index.values():
            if len(candidates) > 1:
                candidates.sort(key=self._rank)

    def _rank(self, candidate: tuple[Entry | int, str]) -> tuple[bool, int]:
        ref = candidate[0]
        if isinstance(ref, Entry):
            return False, -(ref.population or 0)
        return True, -int(self._world[ref][7] or 0)

    def _add_world(self, row_number: int, row: list[str], stop: set[str]) -> None:
        path = "place/" + row[0]
        if path not in self._world_keys:
            self._world_keys[path] = row_number
        if row[1] == "country":
            self._world_keys.setdefault("actor/" + row[0], row_number)
        big = len(row[7]) > 6  # population of a million or more
        for spelling in (row[2], row[8]) if row[8] else (row[2],):
            name = normalize(spelling)
            if name and name not in stop and (len(name) > 3 or big):
                self._index.setdefault(name, []).append((row_number, spelling))
                first, _, rest = name.partition(" ")
                words = rest.count(" ") + 2 if rest else 1
                if words > self._longest.get(first, 0):
                    self._longest[first] = min(words, _MAX_WORDS)

    def _add(self, name: str, ref: Entry | int, label: str) -> None:
        if not name:
            return
        candidates = self._index.setdefault(name, [])
        if isinstance(ref, Entry) and any(c[0] is ref and c[1] == label for c in candidates):
            return
        candidates.append((ref, label))
        first, words = name.split(" ", 1)[0], name.count(" ") + 1
        self._longest[first] = max(self._longest.get(first, 0), min(words, _MAX_WORDS))

    def _resolve(self, ref: Entry | int, kinds: Collection[str] | None) -> list[Entry]:
        if isinstance(ref, Entry):
            return [ref] if kinds is None or ref.kind in kinds else []
        found = []
        for path in ("place/", "actor/"):
            item = self._world_entry(path + self._world[ref][0])
            if item is not None and (kinds is None or item.kind in kinds):
                found.append(item)
        return found

    def _world_entry(self, path: str) -> Entry | None:
        if path in self._entries:
            return self._entries[path] if not self._entries[path].curated else None
        row_number = self._world_keys.get(path)
        if row_number is None:
            return None
        place, actor = world_entries(self._world[row_number])
        self._entries[place.iri_path] = place
        if actor is not None:
            self._entries[actor.iri_path] = actor
        return self._entries.get(path)

    @classmethod
    def load(cls, folder: Path | None = None) -> Gazetteer:
        """The gazetteer in ``folder`` (default: the project's ``data/gazetteer``, loaded once).

        >>> Gazetteer.load().entry("place/khojaly").subtype
        'town'
        """
        from kg.gazetteer_files import default, read

        return default() if folder is None else read(folder)

    def entry(self, key: str) -> Entry:
        """The entry for ``place/khojaly``, ``actor/icrc``, ``named-event/...`` or a bare key.

        >>> Gazetteer.load().entry("icrc").subtype
        'organization'
        """
        paths = [key] if "/" in key else [f"{prefix}/{key}" for prefix in _PREFIX.values()]
        for path in paths:
            found = self._entries.get(path) or self._world_entry(path)
            if found is not None:
                return found
        raise KeyError(key)

    def entries(self, kind: str | None = None) -> Iterator[Entry]:
        """All entries, or those of one kind (world entries included).

        >>> next(Gazetteer.load().entries("named_event")).kind
        'named_event'
        """
        if not self._by_kind:
            # Built once: after it every world row has its entries, so the set can no longer grow.
            for path in list(self._world_keys):
                self._world_entry(path)
            every = tuple(self._entries.values())
            self._by_kind[None] = every
            for item in every:
                self._by_kind.setdefault(item.kind, ())
            for name in list(self._by_kind):
                if name is not None:
                    self._by_kind[name] = tuple(e for e in every if e.kind == name)
        return iter(self._by_kind.get(kind, ()))

    def lookup(self, name: str, kinds: Collection[str] | None = None) -> tuple[Entry, ...]:
        """Entries one name may denote, best first.

        >>> Gazetteer.load().lookup("Izyum")[0].key
        'izium'
        """
        found = self._index.get(normalize(name), [])
        return tuple(dict.fromkeys(e for ref, _ in found for e in self._resolve(ref, kinds)))

    def find(self, text: str, kinds: Collection[str] | None = None) -> list[Match]:
        """Known names in ``text``: non-overlapping, longest first, in text order.

        >>> [(m.text, m.entry.key) for m in Gazetteer.load().find("Shelling hit Stepanakert/Khankendi.")]
        [('Stepanakert/Khankendi', 'stepanakert')]
        """
        tokens = _tokens(text)
        names = _names_at(self, text)
        matches: list[Match] = []
        i = 0
        while i < len(tokens):
            found = self._longest_at(text, tokens, i, names[i], kinds) if names[i] else None
            if found is None:
                i += 1
                continue
            match, width = found
            matches.append(match)
            i += width
        return matches

    def _longest_at(
        self,
        text: str,
        tokens: tuple[tuple[int, int, str], ...],
        i: int,
        names: tuple[_Spelled, ...],
        kinds: Collection[str] | None,
    ) -> tuple[Match, int] | None:
        for width, candidates in names:
            start, end = tokens[i][0], tokens[i + width - 1][1]
            surface = text[start:end]
            fitting = [e for ref, label in candidates if _surface_ok(surface, label) for e in self._resolve(ref, kinds)]
            if fitting:
                return Match(start, end, surface, tuple(dict.fromkeys(fitting))), width
        return None

    def _spelled_at(
        self, tokens: tuple[tuple[int, int, str], ...], joined: tuple[int, ...], i: int
    ) -> tuple[_Spelled, ...]:
        """Known names (any kind) that the words (``tokens``, ``joined`` as :func:`_joined_words` gives them)
        from the ``i``-th on spell: (width, index entries), longest first.

        >>> text = "in Nagorno-Karabakh region"
        >>> [w for w, _ in Gazetteer.load()._spelled_at(_tokens(text), _joined_words(text), 1)]
        [3, 2]
        """
        # A name spans only words joined by name-internal gaps (a space, a hyphen, "St. "...).
        widest = min(self._longest.get(tokens[i][2], 0), len(tokens) - i, joined[i] + 1)
        found = []
        key = ""
        for width in range(1, widest + 1):
            key = f"{key} {tokens[i + width - 1][2]}" if width > 1 else tokens[i][2]
            candidates = self._index.get(key)
            if candidates:
                found.append((width, candidates))
        return tuple(reversed(found))


@lru_cache(maxsize=16)
def _names_at(gazetteer: Gazetteer, text: str) -> tuple[tuple[_Spelled, ...], ...]:
    """:meth:`Gazetteer._spelled_at` for every word of the text; cached, as each extractor searches the
    same text for other kinds of names."""
    tokens, joined = _tokens(text), _joined_words(text)
    # Most words start no name (70% in generated statements): they skip the call.
    starts = gazetteer._longest
    return tuple(
        gazetteer._spelled_at(tokens, joined, i) if word in starts else () for i, (_, _, word) in enumerate(tokens)
    )


@lru_cache(maxsize=16)
def _tokens(text: str) -> tuple[tuple[int, int, str], ...]:
    """The text's words with their offsets and normalised forms; cached, as every extractor searches the
    same text. A word of ASCII letters and digits normalises to its lower case.

    >>> _tokens("Near Xocalı, 2 km")
    ((0, 4, 'near'), (5, 11, 'xocali'), (13, 14, '2'), (15, 17, 'km'))
    """
    return tuple(
        (m.start(), m.end(), word.lower() if (word := m.group()).isascii() else normalize(word))
        for m in _TOKEN.finditer(text)
    )


def _joined_words(text: str) -> tuple[int, ...]:
    """For each word of the text, how many words follow it across name-internal gaps only.

    >>> _joined_words("New York; St. Louis")
    (1, 0, 1, 0)
    """
    tokens = _tokens(text)
    joined = [0] * len(tokens)
    for index in range(len(tokens) - 2, -1, -1):
        if _GAP.fullmatch(text[tokens[index][1] : tokens[index + 1][0]]):
            joined[index] = joined[index + 1] + 1
    return tuple(joined)


def world_entries(row: list[str]) -> tuple[Entry, Entry | None]:
    """The place (and for a country, the state) of one world.tsv row."""
    key, kind, label, lat, long, geonames, parent, population, ru = row
    labels = ((label, "en"), (ru, "ru")) if ru else ((label, "en"),)
    place = Entry(
        key, "place", label, labels, subtype=kind, lat=float(lat) if lat else None,
        long=float(long) if long else None, geonames=geonames or None, parent=parent or None,
        population=int(population) if population else None, curated=False,
        stands_for=key if kind == "country" else None,
    )  # fmt: skip
    actor = Entry(key, "actor", label, ((label, "en"),), subtype="state", curated=False) if kind == "country" else None
    return place, actor
