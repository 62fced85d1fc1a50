"""The whole graph out: TriG, N-Quads, Turtle (default graph) or JSON-LD compacted with the project's context."""

from __future__ import annotations

import json
from pathlib import Path

from pyoxigraph import RdfFormat

from kg.resources import ONTOLOGY_DIR
from kg.store import Store

FORMATS = {"trig": RdfFormat.TRIG, "nquads": RdfFormat.N_QUADS, "turtle": RdfFormat.TURTLE, "jsonld": RdfFormat.JSON_LD}


def context() -> dict[str, object]:
    """The JSON-LD context of ``ontology/context.jsonld``.

    >>> context()["kg"]
    'https://w3id.org/statement-kg/ontology#'
    """
    document = json.loads((ONTOLOGY_DIR / "context.jsonld").read_text(encoding="utf-8"))
    value = document["@context"]
    assert isinstance(value, dict)
    return value


def export(store: Store, fmt: str, output: Path | None = None) -> bytes | None:
    """Serialise the store; returns the bytes when ``output`` is None.

    JSON-LD is compacted with the project's context (named graphs as ``@graph`` objects), so it
    reads with short names and loads back into the same quads.
    """
    if fmt != "jsonld":
        return store.dump(output, FORMATS[fmt])
    import rdflib  # only JSON-LD needs it; importing it costs a third of a second

    dataset = rdflib.Dataset()
    data = store.dump(None, RdfFormat.N_QUADS) or b""
    dataset.parse(data=data, format="nquads")
    text = dataset.serialize(format="json-ld", context=context(), auto_compact=True).encode("utf-8")
    if output is None:
        return text
    output.write_bytes(text)
    return None
