"""Where the project's folders are: ``ontology/``, ``data/`` and ``queries/``.

They sit next to ``src/`` in a checkout (``src/kg/../../``); the ``KG_HOME`` environment
variable points elsewhere, e.g. to a copy of those folders beside an installed package.
The functions read ``KG_HOME`` on each call; the ``*_DIR`` constants once, at import.
"""

from __future__ import annotations

import os
from pathlib import Path

_CHECKOUT = Path(__file__).resolve().parents[2]


def home() -> Path:
    """The folder holding ``ontology/``, ``data/`` and ``queries/``.

    >>> (home() / "ontology" / "MODEL.md").is_file()
    True
    """
    configured = os.environ.get("KG_HOME")
    return Path(configured).expanduser().resolve() if configured else _CHECKOUT


def ontology_dir() -> Path:
    """The ``ontology/`` folder (OWL ontology, SKOS typologies, SHACL shapes, JSON-LD context).

    >>> ontology_dir().name
    'ontology'
    """
    return home() / "ontology"


def data_dir() -> Path:
    """The ``data/`` folder (gazetteer, lexicons, sample statements).

    >>> data_dir().name
    'data'
    """
    return home() / "data"


def queries_dir() -> Path:
    """The ``queries/`` folder of named SPARQL queries.

    >>> queries_dir().name
    'queries'
    """
    return home() / "queries"


#: The folders as resolved at import time (``KG_HOME`` read once), for modules that want constants.
HOME = home()
ONTOLOGY_DIR = ontology_dir()
DATA_DIR = data_dir()
QUERIES_DIR = queries_dir()
STATEMENTS_DIR = DATA_DIR / "statements"
GAZETTEER_DIR = DATA_DIR / "gazetteer"
LEXICON_DIR = DATA_DIR / "lexicon"


def ontology_file(name: str) -> Path:
    """A file in ``ontology/``, e.g. ``shapes.ttl``.

    >>> ontology_file("shapes.ttl").name
    'shapes.ttl'
    """
    return ontology_dir() / name
