"""The build summary: what the store holds, counted with SPARQL."""

from __future__ import annotations

from kg.store import Store
from kg.vocab import sparql_prefixes

COUNTS = {
    "documents": "SELECT (COUNT(DISTINCT ?d) AS ?n) WHERE { ?d a schema:CreativeWork }",
    "statements": "SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE { GRAPH ?h { ?s a np:Nanopublication } }",
    "events": (
        "SELECT (COUNT(DISTINCT ?e) AS ?n) WHERE { GRAPH ?h { ?s np:hasAssertion ?a } "
        "GRAPH ?a { ?e a sem:Event ; sem:eventType ?t } }"
    ),
    "places": (
        "SELECT (COUNT(DISTINCT ?p) AS ?n) WHERE { GRAPH ?h { ?s np:hasAssertion ?a } "
        "GRAPH ?a { ?p a sem:Place ; kg:mention ?m } }"
    ),
    "actors": (
        "SELECT (COUNT(DISTINCT ?p) AS ?n) WHERE { GRAPH ?h { ?s np:hasAssertion ?a } "
        "GRAPH ?a { ?p a sem:Actor ; kg:mention ?m } }"
    ),
    "dates": (
        "SELECT (COUNT(DISTINCT ?t) AS ?n) WHERE { GRAPH ?h { ?s np:hasAssertion ?a } "
        "GRAPH ?a { ?t a time:ProperInterval ; kg:mention ?m } }"
    ),
    "quantities": (
        "SELECT (COUNT(DISTINCT ?q) AS ?n) WHERE { GRAPH ?h { ?s np:hasAssertion ?a } "
        "GRAPH ?a { ?q a schema:QuantitativeValue } }"
    ),
}
# Stored with what was found, but missing an essential: the user should look at these.
FLAGGED = {
    "without date": (
        "SELECT (COUNT(DISTINCT ?d) AS ?n) WHERE { ?d a schema:CreativeWork "
        "FILTER NOT EXISTS { ?d schema:datePublished ?published } }"
    ),
    "without speaker": (
        "SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE { GRAPH ?h { ?s a np:Nanopublication ; "
        "np:hasAssertion ?a ; np:hasProvenance ?p } "
        "FILTER NOT EXISTS { GRAPH ?p { ?a prov:wasAttributedTo ?speaker } } }"
    ),
    # Lexicons for events, actors and counts are English-first: other languages get dates and places.
    "partial (not English)": (
        "SELECT (COUNT(DISTINCT ?d) AS ?n) WHERE { ?d a schema:CreativeWork ; schema:inLanguage ?language "
        'FILTER(!STRSTARTS(STR(?language), "en")) }'
    ),
}


def counts(store: Store) -> dict[str, int]:
    """How many documents, statements, events, places, actors, dates, quantities and quads.

    >>> counts(Store(None))["statements"]
    0
    """
    out = {name: _count(store, sparql) for name, sparql in COUNTS.items()}
    out["quads"] = len(store)
    return out


def flagged(store: Store) -> dict[str, int]:
    """How many documents lack a publication date, statements a speaker, and documents full extraction.

    >>> flagged(Store(None))
    {'without date': 0, 'without speaker': 0, 'partial (not English)': 0}
    """
    return {name: _count(store, sparql) for name, sparql in FLAGGED.items()}


def _count(store: Store, sparql: str) -> int:
    (solution,) = list(store.query(sparql_prefixes() + sparql))
    value = solution["n"]
    return int(value.value) if value is not None else 0


def summary_table(store: Store, conforms: bool) -> str:
    """The summary printed by ``kg build``; flagged rows appear only when something is missing.

    >>> print(summary_table(Store(None), True).splitlines()[-1])
    conforms    yes
    """
    rows = [(name, str(value)) for name, value in counts(store).items()]
    rows += [(name, str(value)) for name, value in flagged(store).items() if value]
    rows.append(("conforms", "yes" if conforms else "NO"))
    width = max(len(name) for name, _ in rows)
    return "\n".join(f"{name.ljust(width)}  {value}" for name, value in rows)
