from kg.extract.actors import extract_actors
from kg.extract.places import extract_places
from kg.gazetteer import Gazetteer


def actors(text: str) -> list[tuple[str, str, str]]:
    g = Gazetteer.load()
    return [(m.anchor.quote, m.key, m.kind) for m in extract_actors(text, g, extract_places(text, g))]


def test_person_after_a_title_and_surname_repeats() -> None:
    found = actors("Defence Minister Arvid Kellner visited the site. Kellner said more graves exist.")
    assert ("Arvid Kellner", "actor/x-arvid-kellner", "person") in found
    assert ("Kellner", "actor/x-arvid-kellner", "person") in found


def test_person_before_a_role_or_speech_verb() -> None:
    assert ("Mira Ostrova", "actor/x-mira-ostrova", "person") in actors("Mira Ostrova, head of the team, agreed.")
    assert ("Tomas Verin", "actor/x-tomas-verin", "person") in actors("Later Tomas Verin told reporters.")


def test_capitalised_words_without_a_cue_are_not_people() -> None:
    assert [a for a in actors("Mass Graves Found Near River") if a[2] == "person"] == []


def test_state_as_agent_and_capital_as_agent() -> None:
    found = actors("Iraq denied it, and Baku acted quickly.")
    assert ("Iraq", "actor/iraq", "state") in found
    assert ("Baku", "actor/azerbaijan", "state") in found


def test_state_as_location_is_not_an_actor() -> None:
    assert actors("Families fled to Armenia.") == []


def test_demonym_before_agent_nouns() -> None:
    found = actors("Russian troops left; the Ukrainian Government said Russian servicemen were captured.")
    assert ("Russian troops", "actor/x-russian-troops", "armed_group") in found
    assert ("Ukrainian Government", "actor/ukraine", "state") in found
    assert ("Russian servicemen", "actor/x-russian-servicemen", "group_of_people") in found


def test_organisations_from_gazetteer_and_patterns() -> None:
    found = actors("The Ministry of Internal Affairs of Georgia thanked the OSCE and Human Rights Watch.")
    assert ("Ministry of Internal Affairs of Georgia", "actor/x-ministry-of-internal-affairs-of-georgia",
            "organization") in found  # fmt: skip
    assert ("OSCE", "actor/osce", "organization") in found
    assert ("Human Rights Watch", "actor/hrw", "organization") in found


def test_armed_group_with_its_fighters_and_victim_groups() -> None:
    found = actors("Daesh fighters abducted Yazidis and local villagers.")
    assert ("Daesh fighters", "actor/islamic-state", "armed_group") in found
    assert ("Yazidis", "actor/yazidis", "group_of_people") in found
    assert ("local villagers", "actor/x-local-villagers", "group_of_people") in found
