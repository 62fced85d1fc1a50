"""Load the word lists under ``data/lexicon`` (YAML), once per process."""

from __future__ import annotations

import functools
import os
from pathlib import Path
from typing import Any

import yaml

_DEFAULT_DIR = Path(__file__).resolve().parents[3] / "data" / "lexicon"


def lexicon_dir() -> Path:
    """Folder of the lexicon files; ``KG_LEXICON_DIR`` overrides the one in the checkout.

    >>> lexicon_dir().name
    'lexicon'
    """
    return Path(os.environ.get("KG_LEXICON_DIR", _DEFAULT_DIR))


@functools.cache
def load_lexicon(name: str) -> dict[str, Any]:
    """The mapping stored in ``data/lexicon/<name>.yaml``.

    >>> load_lexicon("months")["en"]["names"][2]
    ['february']
    """
    with (lexicon_dir() / f"{name}.yaml").open(encoding="utf-8") as handle:
        data = yaml.safe_load(handle)
    if not isinstance(data, dict):
        raise ValueError(f"lexicon {name} is not a mapping")
    return data
