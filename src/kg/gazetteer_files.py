"""The gazetteer's files: curated YAML (places, actors, named events, lexicon) and the world table.

``data/gazetteer/world.tsv`` (GeoNames and ISO 3166) is kept as rows and turned into entries only when a
name is looked up; Russian place names get their case forms so that "в Ходжалы" and "Ходжавендского района"
resolve.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import replace
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from kg.gazetteer import WORLD_COLUMNS, Entry, Gazetteer
from kg.resources import GAZETTEER_DIR as DATA


@lru_cache(maxsize=1)
def default() -> Gazetteer:
    """The project's gazetteer, read once per process."""
    return read(DATA)


def _yaml(path: Path) -> dict[str, Any]:
    if not path.exists():
        return {}
    with path.open(encoding="utf-8") as handle:
        data = yaml.load(handle, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    return data or {}


def read(folder: Path) -> Gazetteer:
    """The gazetteer in ``folder``: curated YAML files first, then the rows of ``world.tsv`` they do not hold."""
    lexicon = _yaml(folder / "lexicon.yaml")
    suffixes = lexicon.get("place_suffixes", {})
    curated = [_place(k, v, suffixes) for k, v in _yaml(folder / "places.yaml").items()]
    curated += [_actor(k, v) for k, v in _yaml(folder / "actors.yaml").items()]
    curated += [_event(k, v) for k, v in _yaml(folder / "events.yaml").items()]
    actor_keys = {e.key for e in curated if e.kind == "actor"}
    curated += [
        Entry(e.key, "actor", e.label, e.labels[:1], subtype="state", wikidata=e.wikidata)
        for e in curated
        if e.kind == "place" and e.subtype == "country" and e.key not in actor_keys
    ]
    known = {e.geonames for e in curated if e.geonames} | {e.key for e in curated}
    world = [row for row in _world_rows(folder / "world.tsv") if row[5] not in known and row[0] not in known]
    return Gazetteer(curated, lexicon, world)


def _labels(names: Mapping[str, list[str]]) -> tuple[tuple[str, str], ...]:
    out: list[tuple[str, str]] = []
    for lang, spellings in names.items():
        for spelling in spellings:
            out.append((str(spelling), lang))
            if lang == "ru":
                out.extend((form, lang) for form in russian_forms(str(spelling)))
    return tuple(dict.fromkeys(out))


def _common(key: str, kind: str, raw: Mapping[str, Any], labels: tuple[tuple[str, str], ...]) -> Entry:
    label = next((text for text, lang in labels if lang == "en"), labels[0][0] if labels else key)
    wikidata, geonames = raw.get("wikidata"), raw.get("geonames")
    return Entry(
        key, kind, str(raw.get("label", label)), labels,
        wikidata=str(wikidata) if wikidata else None, geonames=str(geonames) if geonames else None,
    )  # fmt: skip


def _place(key: str, raw: Mapping[str, Any], suffixes: Mapping[str, Any]) -> Entry:
    names: dict[str, list[str]] = {lang: list(v) for lang, v in raw.get("names", {}).items()}
    for lang, bases in raw.get("bases", {}).items():
        for suffix in suffixes.get(raw["type"], {}).get(lang, []):
            names.setdefault(lang, []).extend(f"{base} {suffix}" for base in bases)
    stands_for = raw.get("capital_of") or (key if raw["type"] == "country" else None)
    return replace(
        _common(key, "place", raw, _labels(names)), subtype=raw["type"], lat=raw.get("lat"), long=raw.get("long"),
        parent=raw.get("parent"), stands_for=stands_for,
    )  # fmt: skip


def _actor(key: str, raw: Mapping[str, Any]) -> Entry:
    entry = _common(key, "actor", raw, _labels(raw.get("names", {})))
    return replace(entry, subtype=raw["kind"], demonyms=tuple(raw.get("demonyms", ())), people=raw.get("people"))


def _event(key: str, raw: Mapping[str, Any]) -> Entry:
    entry = _common(key, "named_event", raw, _labels(raw.get("names", {})))
    return replace(
        entry, subtype=raw["type"], event_type=raw["type"], begin=raw.get("begin"), end=raw.get("end"),
        precision=raw.get("precision"), place=raw.get("place"),
    )  # fmt: skip


def _world_rows(path: Path) -> list[list[str]]:
    if not path.exists():
        return []
    lines = path.read_text(encoding="utf-8").splitlines()
    return [(line.split("\t") + [""] * WORLD_COLUMNS)[:WORLD_COLUMNS] for line in lines]


_ADJECTIVE = {"ий": ("ого", "ому", "им", "ом"), "ый": ("ого", "ому", "ым", "ом"), "ой": ("ого", "ому", "ым", "ом")}
_FEMININE = {"ая": ("ой", "ой", "ой", "ой", "ую")}


def russian_forms(label: str) -> list[str]:
    """Oblique case forms of a Russian place or organisation name (its first two words inflect).

    >>> russian_forms("Ходжавендский район")[:2]
    ['Ходжавендского района', 'Ходжавендскому району']
    >>> russian_forms("Киевская область")[0]
    'Киевской области'
    """
    words = label.split(" ")
    head, tail = words[:2], words[2:]
    inflected = [_word_cases(w) for w in head]
    out = []
    for case in range(5):
        form = " ".join([forms[case] for forms in inflected] + tail)
        if form != label:
            out.append(form)
    return list(dict.fromkeys(out))


def _word_cases(word: str) -> tuple[str, str, str, str, str]:
    """Genitive, dative, instrumental, prepositional, accusative of one Russian word (a guess by ending)."""
    low = word.lower()
    if low[-2:] in _ADJECTIVE and len(low) > 4:
        gen, dat, ins, pre = (word[:-2] + e for e in _ADJECTIVE[low[-2:]])
        return gen, dat, ins, pre, word
    if low.endswith("ая"):
        gen, dat, ins, pre, acc = (word[:-2] + e for e in _FEMININE["ая"])
        return gen, dat, ins, pre, acc
    if low.endswith("ия"):
        stem = word[:-1]
        return stem + "и", stem + "и", stem + "ей", stem + "и", stem + "ю"
    if low.endswith("ь"):
        stem = word[:-1]
        return stem + "и", stem + "и", stem + "ью", stem + "и", word
    if low.endswith("а"):
        stem = word[:-1]
        vowel = "и" if stem[-1:].lower() in "кгхжшчщ" else "ы"
        return stem + vowel, stem + "е", stem + "ой", stem + "е", stem + "у"
    if low.endswith("я"):
        stem = word[:-1]
        return stem + "и", stem + "е", stem + "ей", stem + "е", stem + "ю"
    if re.search(r"[бвгджзклмнпрстфхцчшщ]$", low):
        return word + "а", word + "у", word + "ом", word + "е", word
    return word, word, word, word, word
