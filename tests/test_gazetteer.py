import time

from kg.gazetteer import Gazetteer, normalize
from kg.gazetteer_files import russian_forms


def test_variants_and_transliterations_share_one_key() -> None:
    g = Gazetteer.load()
    for spelling in ("Khojali", "Xocalı", "Ходжалы", "Khojaly"):
        assert g.lookup(spelling, kinds={"place"})[0].key == "khojaly"


def test_district_labels_are_derived_from_bases() -> None:
    g = Gazetteer.load()
    assert g.lookup("Kojavand region")[0].key == "khojavend-district"
    assert g.lookup("Ходжавендского района")[0].key == "khojavend-district"


def test_find_prefers_the_longest_name() -> None:
    matches = Gazetteer.load().find("Officials in the Kyiv region met in Kyiv.")
    assert [(m.text, m.entry.key) for m in matches] == [("Kyiv region", "kyiv-oblast"), ("Kyiv", "kyiv")]


def test_world_cities_carry_geonames_ids_and_skip_common_words() -> None:
    g = Gazetteer.load()
    (lyon,) = [m for m in g.find("They met in Lyon.") if m.entry.kind == "place"]
    assert lyon.entry.geonames and lyon.entry.lat is not None
    assert g.find("Police said the Mobile unit would Split up.", kinds={"place"}) == []


def test_lowercase_words_never_match_a_capitalised_name() -> None:
    assert Gazetteer.load().find("the city of bucha", kinds={"place"}) == []


def test_acronyms_match_only_in_capitals() -> None:
    g = Gazetteer.load()
    assert [m.entry.key for m in g.find("The ICRC visited.", kinds={"actor"})] == ["icrc"]
    assert g.find("Un jour", kinds={"actor"}) == []


def test_named_events_have_their_own_time_span() -> None:
    event = Gazetteer.load().entry("named-event/second-karabakh-war")
    assert (event.begin, event.end, event.event_type) == ("2020-09-27", "2020-11-10", "armed_conflict_war")


def test_curated_entries_win_over_world_entries() -> None:
    (match,) = Gazetteer.load().find("Refugees reached Baku.", kinds={"place"})
    assert match.entry.curated and match.entry.wikidata == "Q9248"


def test_find_is_fast_on_a_long_text() -> None:
    g = Gazetteer.load()
    text = "Residents of Irpin and Bucha told reporters in Paris that shelling continued. " * 65
    started = time.perf_counter()
    g.find(text)
    assert time.perf_counter() - started < 0.2


def test_normalize_and_russian_forms() -> None:
    assert normalize("Şuşa") == "susa"
    assert "Киевской области" in russian_forms("Киевская область")
