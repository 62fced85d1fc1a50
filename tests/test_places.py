from kg.extract.places import extract_places
from kg.gazetteer import Gazetteer


def places(text: str, language: str = "en") -> list[tuple[str, str, bool]]:
    return [(m.anchor.quote, m.key, m.resolved) for m in extract_places(text, Gazetteer.load(), language)]


def test_anchors_are_exact_and_one_per_occurrence() -> None:
    text = "Shelling hit Irpin at dawn; later Irpin was quiet."
    found = extract_places(text, Gazetteer.load())
    assert [text[m.anchor.start : m.anchor.end] for m in found] == ["Irpin", "Irpin"]


def test_place_inside_an_event_name_counts() -> None:
    assert ("Srebrenica", "place/srebrenica", True) in places("Survivors remember the Srebrenica genocide.")


def test_state_as_agent_is_not_a_place_but_as_location_it_is() -> None:
    assert places("Russia rejected the report.") == []
    assert places("Aid arrived in Russia and Ukraine.") == [
        ("Russia", "place/russia", True),
        ("Ukraine", "place/ukraine", True),
    ]
    assert places("Shells fell on Ukraine's territory.") == [("Ukraine", "place/ukraine", True)]


def test_adjectives_are_not_places() -> None:
    assert places("Ukrainian and Russian officials spoke.") == []


def test_unknown_village_gets_an_unresolved_key() -> None:
    found = extract_places("A grave was found in Zarnikend village.", Gazetteer.load())
    assert [(m.anchor.quote, m.key, m.resolved, m.subtype) for m in found] == [
        ("Zarnikend", "place/x-zarnikend", False, "village")
    ]


def test_unknown_place_repeats_are_found_after_the_pattern() -> None:
    found = places("The village of Tolmenka was shelled. Tolmenka has no water.")
    assert [q for q, _, _ in found] == ["Tolmenka", "Tolmenka"]


def test_known_district_with_region_word_resolves() -> None:
    assert places("Mines remain in the Fizuli region.") == [("Fizuli region", "place/fuzuli-district", True)]


def test_unknown_district_keeps_its_type_word() -> None:
    found = extract_places("Fighting reached the Marbelsk district.", Gazetteer.load())
    assert [(m.anchor.quote, m.subtype, m.resolved) for m in found] == [("Marbelsk district", "district", False)]


def test_world_city_inside_another_name_is_skipped() -> None:
    assert places("They invoked the Geneva Conventions.") == []
    assert ("GENEVA", "place/geneva", True) in places("GENEVA (5 May 2021) - Talks resumed.")


def test_russian_case_forms_and_village_pattern() -> None:
    found = places("Останки нашли в селе Зарыкенд Ходжалинского района.", "ru")
    assert ("Зарыкенд", "place/x-zarykend", False) in found
    assert ("Ходжалинского района", "place/khojaly-district", True) in found
