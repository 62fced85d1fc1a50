"""Event mentions: triggers, one event per happening, and what each sentence ties to it."""

from __future__ import annotations

import random
import re
from datetime import date

from kg.extract.event_triggers import find_triggers, load_lexicon
from kg.extract.events import NamedEventInfo, extract_events
from kg.extract.regex_prefilter import fold, may_match, needs_words, required_words
from kg.extract.text import sentences
from kg.model import Anchor, DateMention, EntityMention, EventMention, Precision, Quantity, Span


def place(text: str, name: str, subtype: str = "village", nth: int = 0) -> EntityMention:
    start = [m.start() for m in re.finditer(re.escape(name), text)][nth]
    key = "place/" + name.lower().replace(" ", "-")
    return EntityMention(Anchor(start, start + len(name), name), key, name, "place", True, subtype)


def actor(text: str, name: str, kind: str) -> EntityMention:
    start = text.index(name)
    return EntityMention(Anchor(start, start + len(name), name), "actor/" + name.lower(), name, kind)


def day(text: str, quote: str, when: date, kind: str = "absolute") -> DateMention:
    start = text.index(quote)
    return DateMention(Anchor(start, start + len(quote), quote), Span(when, when), Precision.DAY, kind)


def count(text: str, quote: str, value: float, counted: str) -> Quantity:
    start = text.index(quote)
    return Quantity(Anchor(start, start + len(quote), quote), value, None, None, False, counted)


def types(events: list[EventMention]) -> list[str]:
    return [e.event_type for e in events]


def test_anchor_quotes_the_trigger_in_the_text() -> None:
    text = "Soldiers tortured the prisoners at the depot."
    (event,) = extract_events(text, [], [], [], [])
    assert event.event_type == "torture"
    assert text[event.anchor.start : event.anchor.end] == event.anchor.quote == "tortured"


def test_war_crimes_is_not_a_war() -> None:
    text = "The shelling of the market may amount to war crimes and crimes against humanity."
    assert types(extract_events(text, [], [], [], [])) == ["armed_conflict_war"]


def test_hypothetical_clause_gives_no_event() -> None:
    text = "Should exhumations begin next year, relatives will be told."
    assert extract_events(text, [], [], [], []) == []


def test_list_of_sites_gives_one_event_per_village() -> None:
    text = "Burial pits were opened, and mass graves were found: in Norvil village, near Tasko and in Umbra village."
    places = [place(text, "Norvil"), place(text, "Tasko", "town"), place(text, "Umbra")]
    graves = [e for e in extract_events(text, places, [], [], []) if e.event_type == "mass_grave_discovery"]
    assert [e.place.name for e in graves if e.place] == ["Norvil", "Tasko", "Umbra"]


def test_one_place_list_under_one_preposition_gives_one_unplaced_event() -> None:
    text = "The team also found further mass graves around the towns of Alda, Brem and Corvo."
    places = [place(text, n, "town") for n in ("Alda", "Brem", "Corvo")]
    (event,) = extract_events(text, places, [], [], [])
    assert event.event_type == "mass_grave_discovery" and event.place is None


def test_most_specific_place_of_a_hierarchy_wins() -> None:
    text = "A mass grave was found in Norvil village of the Lakeside district."
    places = [place(text, "Norvil"), place(text, "Lakeside", "district")]
    (event,) = extract_events(text, places, [], [], [])
    assert event.place is not None and event.place.name == "Norvil"
    assert event.label == "mass grave was found in Norvil"


def test_repeated_mentions_of_one_grave_merge_into_the_first() -> None:
    text = (
        "Mass grave found in Norvil\n\nInvestigators found a mass grave in Norvil village on Monday. "
        "The grave was located thanks to witnesses. Another mass grave was found in Umbra."
    )
    places = [place(text, "Norvil"), place(text, "Norvil", nth=1), place(text, "Umbra")]
    graves = extract_events(text, places, [], [], [])
    assert [e.place.name for e in graves if e.place] == ["Norvil", "Umbra"]
    assert graves[0].anchor.quote == "Mass grave"


def test_different_victim_counts_are_different_killings() -> None:
    text = "Officials said 30 civilians were killed in the north. Another report said 12 people were killed."
    quantities = [count(text, "30 civilians", 30, "civilians"), count(text, "12 people", 12, "people")]
    killings = extract_events(text, [], [], [], quantities)
    assert [[q.value for q in e.quantities] for e in killings] == [[30], [12]]


def test_event_date_is_its_own_not_the_reporting_date() -> None:
    text = "On March 3, 2001, gunmen abducted four engineers, the ministry said on March 9."
    dates = [day(text, "March 3, 2001", date(2001, 3, 3)), day(text, "March 9", date(2001, 3, 9))]
    (event,) = extract_events(text, [], [], dates, [])
    assert event.event_type == "hostage_taking_detention"
    assert event.date is not None and event.date.iso == "2001-03-03"


def test_dateline_place_and_date_are_not_the_events() -> None:
    text = "MARLOW (4 May 2019) - Troops executed six men in Norvil, witnesses say."
    places = [place(text, "MARLOW", "city"), place(text, "Norvil")]
    dates = [day(text, "4 May 2019", date(2019, 5, 4))]
    (event,) = extract_events(text, places, [], dates, [])
    assert event.place is not None and event.place.name == "Norvil"
    assert event.date is None


def test_perpetrator_and_victim_roles() -> None:
    text = "Villagers were killed by Redland militants near the river."
    actors = [actor(text, "Villagers", "group_of_people"), actor(text, "Redland militants", "armed_group")]
    (event,) = extract_events(text, [], actors, [], [])
    assert [(r.role, r.actor.name) for r in event.roles] == [("perpetrator", "Redland militants")]


def test_named_event_takes_the_authors_words_and_gazetteer_facts() -> None:
    text = "We remember the victims of the Tarnow Massacre, and these massacres must never be forgotten."
    start = text.index("Tarnow Massacre")
    named = EntityMention(
        Anchor(start, start + 15, "Tarnow Massacre"), "named-event/tarnow", "Tarnow massacre", "named_event"
    )
    info = {
        "named-event/tarnow": NamedEventInfo("killing_massacre", "1943-05", "1943-05", Precision.MONTH, "place/tarnow")
    }
    (event,) = [e for e in extract_events(text, [], [], [], [], [named], info) if e.event_type == "killing_massacre"]
    assert event.label == "Tarnow Massacre"
    assert event.named_event == "named-event/tarnow"
    assert event.date is not None and event.date.iso == "1943-05"
    assert event.place is not None and event.place.key == "place/tarnow"


def test_anniversary_commemorates_the_massacre() -> None:
    text = "Today marks the 20th anniversary of the massacre in Norvil."
    today = day(text, "Today", date(2021, 6, 1), "relative")
    events = extract_events(text, [place(text, "Norvil")], [], [today], [])
    assert types(events) == ["commemoration_anniversary", "killing_massacre"]
    commemoration, massacre = events
    assert commemoration.relations == (("commemorates", 1),)
    assert commemoration.place is None and massacre.place is not None
    assert massacre.date is None and commemoration.date == today


def test_appeal_is_dated_by_the_statement() -> None:
    text = "OSLO (1 June 2021) - The council met. We urge all parties to release the detainees."
    dateline = day(text, "1 June 2021", date(2021, 6, 1), "dateline")
    appeals = [e for e in extract_events(text, [], [], [dateline], []) if e.event_type == "appeal_call_to_action"]
    assert len(appeals) == 1 and appeals[0].date == dateline


def test_search_for_the_missing_in_russian_is_one_event() -> None:
    text = "Комиссия продолжает поиск пропавших без вести."
    assert types(extract_events(text, [], [], [], [], language="ru")) == ["other"]


def test_language_without_lexicon_gives_no_trigger_events() -> None:
    assert extract_events("Des soldats ont tué dix civils.", [], [], [], [], language="fr") == []


def test_regression_inverted_attribution_keeps_the_events_date() -> None:
    text = "A mass grave was found in Lakeside on 10 March 2021, said the agency's director."
    (event,) = extract_events(text, [place(text, "Lakeside")], [], [day(text, "10 March 2021", date(2021, 3, 10))], [])
    assert event.date is not None and event.date.iso == "2021-03-10"


def test_regression_a_region_after_a_town_locates_it_rather_than_adding_a_site() -> None:
    text = "Investigators found a mass grave in a forest near Lakeside, in the Northern region."
    town = place(text, "Lakeside", "city")
    region = place(text, "Northern region", "region")
    (event,) = extract_events(text, [town, region], [], [], [])
    assert event.place == town


def test_coordinated_villages_are_still_separate_sites() -> None:
    text = "Mass graves were found in Alder village, in Birch village and in Cedar village."
    villages = [place(text, name) for name in ("Alder", "Birch", "Cedar")]
    assert [e.place for e in extract_events(text, villages, [], [], [])] == villages


def test_required_words_are_in_every_match() -> None:
    pattern = re.compile(r"(?P<t>(?:taken|took)\s+hostages?|abduct\w*|kidnapp\w*)\s+in\b", re.I)
    assert required_words(pattern) == {"hostage", "abduct", "kidnapp"}
    assert required_words(re.compile(r"(?:an?|the)\s+\w+", re.I)) is None  # too short to rule anything out
    assert required_words(re.compile(r"(?:wounded)?\s+\w+ed")) is None  # optional words are not required
    assert may_match(needs_words(re.compile("killed|shot dead", re.I)), fold("They were SHOT DEAD"))


def test_fold_covers_every_letter_the_regex_engine_takes_for_a_word_letter() -> None:
    everything = "".join(chr(c) for c in range(0x20000) if not 0xD800 <= c <= 0xDFFF)
    assert len(fold(everything)) == len(everything)
    word_letters = [chr(c) for c in [*range(0x80), *range(0x400, 0x500)]]
    for letter in word_letters:
        for match in re.finditer(re.escape(letter), everything, re.IGNORECASE):
            assert fold(match.group()) == fold(letter), (letter, match.group())


def test_triggers_are_found_whatever_the_case_and_never_in_a_sentence_without_their_words() -> None:
    lexicon = load_lexicon("en")
    assert lexicon is not None
    text = "GUNMEN KİLLED TEN VILLAGERS. Houses stood. The Excavations began."
    found = [text[t.start : t.end] for s in sentences(text) for t in find_triggers(text, s, lexicon)]
    assert found == ["KİLLED", "Excavations"]
    assert re.search("killed", "KİLLED", re.I) and not may_match(needs_words(re.compile("killed")), "houses stood")


def test_may_match_answers_as_a_search_for_any_of_the_words_would() -> None:
    # Words inside other words, overlapping ones, Cyrillic: a substring test per word equals one regex search.
    rng = random.Random(7)
    pieces = ["kill", "killed", "grave", "mass", "ssgr", "убит", "ы", " ", "-", "ed", "as"]
    for _ in range(2000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 8)))
        words = tuple(sorted({rng.choice(pieces[:7]) for _ in range(rng.randint(1, 3))}))
        expected = re.search("|".join(re.escape(w) for w in words), text) is not None
        assert may_match(words, text) is expected, (words, text)
    assert may_match(None, "")
