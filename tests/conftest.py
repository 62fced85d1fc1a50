"""Shared fixtures: the seed statement ingested once, a hand-made extraction, stores in tmp folders."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from bench.generator import write_corpus

from kg.model import (
    Anchor,
    DateMention,
    Document,
    EntityMention,
    EventMention,
    Extraction,
    Precision,
    Quantity,
    Role,
    Span,
    Speaker,
    Statement,
)
from kg.queries import Results, from_solutions, load
from kg.resources import STATEMENTS_DIR
from kg.store import Store

SAMPLE_TEXT = (
    "Ministry statement\n\n"
    "On 3 March 2021 a mass grave was found in Riverton village. "
    "About 40 bodies were recovered. The Northern army is responsible.\n\n"
    "Jane Roe\nMinister of Justice\n\n5 March 2021"
)


def _mention(text: str, words: str, nth: int = 0) -> Anchor:
    start = -1
    for _ in range(nth + 1):
        start = text.index(words, start + 1)
    return Anchor(start, start + len(words), words)


@pytest.fixture
def sample_extraction() -> Extraction:
    """A small extraction built by hand, independent of the extractors."""
    text = SAMPLE_TEXT
    place = EntityMention(_mention(text, "Riverton"), "place/x-riverton", "Riverton", "place", False, "village")
    army = EntityMention(
        _mention(text, "Northern army"), "actor/x-northern-army", "Northern army", "armed_group", False
    )
    when = DateMention(_mention(text, "3 March 2021"), Span(date(2021, 3, 3), date(2021, 3, 3)), Precision.DAY)
    published = DateMention(
        _mention(text, "5 March 2021"), Span(date(2021, 3, 5), date(2021, 3, 5)), Precision.DAY, "dateline"
    )
    bodies = Quantity(_mention(text, "About 40"), 40, None, None, True, "bodies")
    event = EventMention(
        _mention(text, "mass grave was found"),
        "mass_grave_discovery",
        "mass grave found in Riverton",
        when,
        place,
        (Role(army, "perpetrator"),),
        (bodies,),
    )
    speaker = Speaker("Jane Roe", "Minister of Justice", "Ministry of Justice", None, _mention(text, "Jane Roe"))
    statement = Statement(0, speaker, None, (when, published), (place,), (army,), (event,), (bodies,))
    doc = Document(text, "/corpus/ministry-2021.md", "markdown", "Ministry statement")
    return Extraction(doc, "en", published, None, (statement,), "test-extractor")


@pytest.fixture(scope="session")
def seed_store(tmp_path_factory: pytest.TempPathFactory) -> Store:
    """The shipped statements ingested into a fresh store, once per test session."""
    from kg.ingest import ingest

    store = Store(tmp_path_factory.mktemp("seed") / "store")
    report = ingest([STATEMENTS_DIR], store)
    assert not report.rejected, report.lines()
    return store


@pytest.fixture(scope="session")
def corpus_store(tmp_path_factory: pytest.TempPathFactory) -> Store:
    """The shipped statements, a small generated corpus and two linked sources, ingested once per session."""
    from kg.ingest import ingest

    folder = tmp_path_factory.mktemp("corpus")
    write_corpus(folder, 25, seed=11)
    store = Store(tmp_path_factory.mktemp("local") / "store")
    # Two sources on one grave, so that the compare query has a candidate link to answer with.
    links = Path(__file__).parent / "fixtures" / "links"
    report = ingest([STATEMENTS_DIR, folder, links], store)
    assert not report.rejected, report.lines()
    return store


@pytest.fixture(scope="session")
def run_query(seed_store: Store) -> Callable[[str], Results]:
    """Run a named query on the seed store."""

    def run(name: str) -> Results:
        return from_solutions(seed_store.query(load(name)))

    return run


@pytest.fixture
def tmp_store(tmp_path: Path) -> Store:
    """An empty on-disk store."""
    return Store(tmp_path / "store")
