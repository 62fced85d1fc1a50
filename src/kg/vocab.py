"""Namespaces and IRI builders shared by mapping, store and queries.

The instance base is configurable (``KG_BASE``); the ontology's own terms are not, so
that graphs built under different bases still share one vocabulary.
"""

from __future__ import annotations

import hashlib
import os
import re
import unicodedata

from pyoxigraph import NamedNode

ONTOLOGY = "https://w3id.org/statement-kg/ontology#"
EVENT_TYPE = "https://w3id.org/statement-kg/event-type/"
ROLE = "https://w3id.org/statement-kg/role/"
EXTRACTOR = "https://w3id.org/statement-kg/extractor/"
DEFAULT_BASE = "https://w3id.org/statement-kg/id/"

PREFIXES = {
    "kg": ONTOLOGY,
    "evt": EVENT_TYPE,
    "role": ROLE,
    "sem": "http://semanticweb.cs.vu.nl/2009/11/sem/",
    "prov": "http://www.w3.org/ns/prov#",
    "np": "http://www.nanopub.org/nschema#",
    "oa": "http://www.w3.org/ns/oa#",
    "time": "http://www.w3.org/2006/time#",
    "geo": "http://www.opengis.net/ont/geosparql#",
    "wgs": "http://www.w3.org/2003/01/geo/wgs84_pos#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "org": "http://www.w3.org/ns/org#",
    "schema": "https://schema.org/",
    "dcterms": "http://purl.org/dc/terms/",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "wd": "http://www.wikidata.org/entity/",
}


class Namespace:
    """Builds NamedNodes under a prefix.

    >>> Namespace("https://schema.org/").name.value
    'https://schema.org/name'
    """

    def __init__(self, prefix: str) -> None:
        self._ns = prefix

    def __getattr__(self, local: str) -> NamedNode:
        # Kept as an attribute: mapping asks for the same terms hundreds of times per document.
        node = NamedNode(self._ns + local)
        setattr(self, local, node)
        return node

    def __getitem__(self, local: str) -> NamedNode:
        return NamedNode(self._ns + local)


KG = Namespace(ONTOLOGY)
EVT = Namespace(EVENT_TYPE)
ROLES = Namespace(ROLE)
SEM = Namespace(PREFIXES["sem"])
PROV = Namespace(PREFIXES["prov"])
NP = Namespace(PREFIXES["np"])
OA = Namespace(PREFIXES["oa"])
TIME = Namespace(PREFIXES["time"])
GEO = Namespace(PREFIXES["geo"])
WGS = Namespace(PREFIXES["wgs"])
SKOS = Namespace(PREFIXES["skos"])
ORG = Namespace(PREFIXES["org"])
SCHEMA = Namespace(PREFIXES["schema"])
DCTERMS = Namespace(PREFIXES["dcterms"])
RDF = Namespace(PREFIXES["rdf"])
RDFS = Namespace(PREFIXES["rdfs"])
XSD = Namespace(PREFIXES["xsd"])
RDF_TYPE = RDF.type


def base() -> str:
    """The instance base IRI, from ``KG_BASE`` or the default.

    >>> base().endswith("/")
    True
    """
    value = os.environ.get("KG_BASE", DEFAULT_BASE)
    return value if value.endswith(("/", "#")) else value + "/"


def sparql_prefixes() -> str:
    """PREFIX lines for every namespace, for queries written with short names.

    >>> "PREFIX kg: <https://w3id.org/statement-kg/ontology#>" in sparql_prefixes()
    True
    """
    return "\n".join(f"PREFIX {p}: <{iri}>" for p, iri in PREFIXES.items()) + "\n"


# Cyrillic is transliterated so that keys stay readable ("Ходжалы" -> "khodzhaly").
_LATIN = ("a", "b", "v", "g", "d", "e", "e", "zh", "z", "i", "y", "k", "l", "m", "n", "o", "p", "r", "s", "t", "u",
          "f", "kh", "ts", "ch", "sh", "shch", "", "y", "", "e", "yu", "ya")  # fmt: skip
_CYRILLIC = dict(zip("абвгдеёжзийклмнопрстуфхцчшщъыьэюя", _LATIN, strict=True))


def slug(text: str) -> str:
    """A stable ASCII slug for building IRIs and keys from names; other scripts fall back to a hash.

    >>> slug("Sabina Aliyeva (Ombudsman)"), slug("Ходжавендского района"), slug("Xocalı")
    ('sabina-aliyeva-ombudsman', 'khodzhavendskogo-rayona', 'xocali')
    >>> slug("Ստեփանակերտ")
    'x-d57843ef06'
    """
    latin = "".join(_CYRILLIC.get(c, c) for c in text.lower()).replace("ı", "i").replace("ə", "e")
    folded = unicodedata.normalize("NFKD", latin).encode("ascii", "ignore").decode()
    value = re.sub(r"[^a-z0-9]+", "-", folded).strip("-")
    if len(value) * 2 < len(text.strip()):
        return "x-" + hashlib.sha256(text.encode()).hexdigest()[:10]
    return value[:80]


def digest(text: str, length: int = 16) -> str:
    """Hex SHA-256 prefix of a text.

    >>> digest("abc", 8)
    'ba7816bf'
    """
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:length]


def document_iri(source: str) -> NamedNode:
    """The document's IRI, from its source (URL or path), so a revision keeps it.

    >>> document_iri("https://example.org/a").value.startswith(base() + "doc/")
    True
    """
    return NamedNode(f"{base()}doc/{digest(source)}")


def entity_iri(key: str) -> NamedNode:
    """A shared entity's IRI from its gazetteer key (``place/khojaly``).

    >>> entity_iri("place/khojaly").value == base() + "place/khojaly"
    True
    """
    return NamedNode(base() + key)


KIND_PREFIXES = {"place": "place/", "actor": "actor/", "named_event": "named-event/"}


def qualified(kind: str, key: str) -> str:
    """The entity key with its kind's prefix, as used in IRIs.

    >>> qualified("named_event", "khojaly-massacre"), qualified("place", "place/baku")
    ('named-event/khojaly-massacre', 'place/baku')
    """
    prefix = KIND_PREFIXES[kind]
    return key if key.startswith(prefix) else prefix + key


def gazetteer_graph() -> NamedNode:
    """The reference graph that holds the shared entities."""
    return NamedNode(base() + "graph/gazetteer")


def links_graph() -> NamedNode:
    """The graph of candidate links between event mentions of different statements."""
    return NamedNode(base() + "graph/links")
