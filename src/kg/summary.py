"""The build summary: what the store holds, counted with SPARQL."""

from __future__ import annotations

from kg.store import Store
from kg.vocab import sparql_prefixes

COUNTS = {
    "documents": "SELECT (COUNT(DISTINCT ?d) AS ?n) WHERE { ?d a schema:CreativeWork }",
    "statements": "SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE { GRAPH ?h { ?s a np:Nanopublication } }",
    "events": "SELECT (COUNT(DISTINCT ?e) AS ?n) WHERE { GRAPH ?h { ?s np:hasAssertion ?a } "
              "GRAPH ?a { ?e a sem:Event ; sem:eventType ?t } }",
    "places": "SELECT (COUNT(DISTINCT ?p) AS ?n) WHERE { GRAPH ?h { ?s np:hasAssertion ?a } "
              "GRAPH ?a { ?p a sem:Place ; kg:mention ?m } }",
    "actors": "SELECT (COUNT(DISTINCT ?p) AS ?n) WHERE { GRAPH ?h { ?s np:hasAssertion ?a } "
              "GRAPH ?a { ?p a sem:Actor ; kg:mention ?m } }",
    "dates": "SELECT (COUNT(DISTINCT ?t) AS ?n) WHERE { GRAPH ?h { ?s np:hasAssertion ?a } "
             "GRAPH ?a { ?t a time:ProperInterval ; kg:mention ?m } }",
    "quantities": "SELECT (COUNT(DISTINCT ?q) AS ?n) WHERE { GRAPH ?h { ?s np:hasAssertion ?a } "
                  "GRAPH ?a { ?q a schema:QuantitativeValue } }",
}


def counts(store: Store) -> dict[str, int]:
    """How many documents, statements, events, places, actors, dates, quantities and quads.

    >>> counts(Store(None))["statements"]
    0
    """
    out = {}
    for name, sparql in COUNTS.items():
        (solution,) = list(store.query(sparql_prefixes() + sparql))
        value = solution["n"]
        out[name] = int(value.value) if value is not None else 0
    out["quads"] = len(store)
    return out


def summary_table(store: Store, conforms: bool) -> str:
    """The summary printed by ``kg build``."""
    rows = [(name, str(value)) for name, value in counts(store).items()]
    rows.append(("conforms", "yes" if conforms else "NO"))
    width = max(len(name) for name, _ in rows)
    return "\n".join(f"{name.ljust(width)}  {value}" for name, value in rows)
