"""The reference-graph description of gazetteer entries, mapped once per ingest run.

Many documents mention the same places and actors; mapping their shared description once per entry
instead of once per document keeps the workers' output and the store's writes to what is new.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from kg.gazetteer import Entry, Gazetteer
from kg.mapping import map_references
from kg.mapping.builder import Row


def entry_lookup(gazetteer: Gazetteer) -> Callable[[str], Entry | None]:
    """A key lookup that answers None for keys the gazetteer does not hold."""

    def lookup(key: str) -> Entry | None:
        try:
            return gazetteer.entry(key)
        except KeyError:
            return None

    return lookup


class References:
    """Reference quads by gazetteer key, and which keys this run has already handed to the store.

    >>> refs = References(lambda key: None)
    >>> refs.rows(["place:nowhere"]), refs.unwritten(["place:nowhere"])
    ([], [])
    """

    def __init__(self, entry_for: Callable[[str], Entry | None]) -> None:
        self._entry_for = entry_for
        self._by_key: dict[str, list[Row]] = {}
        #: one object per distinct row: the rows of keys sharing a parent are the same objects
        self._interned: dict[Row, Row] = {}
        self._written: set[str] = set()

    def rows(self, keys: Iterable[str]) -> list[Row]:
        """Everything the reference graph says of these keys (what a document's validation needs)."""
        # Places share their parents (a region, a country), described once. Rows are interned, so telling
        # them apart by identity is telling them apart by value, without hashing their terms again.
        seen: set[int] = set()
        found = []
        for key in keys:
            for row in self._of(key):
                if id(row) not in seen:
                    seen.add(id(row))
                    found.append(row)
        return found

    def unwritten(self, keys: Iterable[str]) -> list[Row]:
        """The reference quads of the keys not handed out before in this run; they count as written now."""
        fresh = [key for key in keys if key not in self._written]
        self._written.update(fresh)
        return self.rows(fresh)

    def _of(self, key: str) -> list[Row]:
        if key not in self._by_key:
            self._by_key[key] = [self._interned.setdefault(row, row) for row in map_references([key], self._entry_for)]
        return self._by_key[key]
