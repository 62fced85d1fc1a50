"""Which language a text is in: writing system first, then distinctive letters and function words.

A light heuristic with no model: enough to tag a document and choose which extractors apply.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections import Counter
from typing import Any

from kg.extract.lexicon_data import load_lexicon

_WORD = re.compile(r"[^\W\d_]+")
# Script of a letter, by the first word of its Unicode name.
_SCRIPTS = {"CYRILLIC": "cyrillic", "ARMENIAN": "hy", "ARABIC": "arabic", "GEORGIAN": "ka", "HEBREW": "he"}
_SCRIPTS.update({"GREEK": "el", "LATIN": "latin"})
#: What :func:`detect_language` answers when the text has no letters.
UNKNOWN = "und"


def detect_language(text: str) -> str:
    """ISO 639-1 code of the text's language, or ``"und"`` when there is nothing to judge.

    >>> detect_language("The commission said the grave was found.")
    'en'
    >>> detect_language("Комісія повідомила, що поховання знайдено.")
    'uk'
    >>> detect_language("Komissiya bildirib ki, bu məzarlar aşkar edilib.")
    'az'
    """
    script = _main_script(text)
    if script == "cyrillic":
        return _cyrillic(text, load_lexicon("languages")["cyrillic"])
    if script == "arabic":
        letters = load_lexicon("languages")["arabic_script"]["ku_letters"]
        return "ku" if any(char in letters for char in text) else "ar"
    if script == "latin":
        return _latin(text, load_lexicon("languages")["latin"])
    return script or UNKNOWN


def _main_script(text: str) -> str | None:
    counts: Counter[str] = Counter()
    # Each distinct letter once, in order of first appearance (ties go to the script seen first).
    for char, number in Counter(text[:20000]).items():
        if char.isalpha():
            counts[_script(char)] += number
    if not counts:
        return None
    script, _ = counts.most_common(1)[0]
    return None if script == "other" else script


@functools.cache
def _script(letter: str) -> str:
    """The script of a letter (cached: every text uses a few dozen of them)."""
    return _SCRIPTS.get(unicodedata.name(letter, "").split(" ", 1)[0], "other")


def _cyrillic(text: str, letters: dict[str, str]) -> str:
    ukrainian = sum(text.count(char) for char in letters["uk_letters"])
    russian = sum(text.count(char) for char in letters["ru_letters"])
    return "uk" if ukrainian > russian else "ru"


def _latin(text: str, lexicon: dict[str, Any]) -> str:
    sample = text[:20000]
    words = Counter(word.lower() for word in _WORD.findall(sample))
    scores = {language: sum(words[word] for word in stopwords) for language, stopwords in lexicon["stopwords"].items()}
    # The schwa weighs heavily but is not decisive alone: English reports spell Azerbaijani names.
    scores["az"] += 3 * sum(sample.count(char) for char in lexicon["az_letters"])
    best = max(scores, key=lambda language: scores[language])
    return best if scores[best] else "en"
