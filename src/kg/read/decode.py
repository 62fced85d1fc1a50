"""Bytes to NFC text: size limit, empty and binary files, UTF-8 first, then a detected encoding."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

from charset_normalizer import from_bytes

from kg.errors import InputError

#: Default largest document accepted, in bytes.
MAX_BYTES = 20 * 1024 * 1024
# Control characters other than tab, line feed, form feed and carriage return mark a binary file.
_CONTROL = bytes(sorted(set(range(0x20)) - {0x09, 0x0A, 0x0C, 0x0D}))
_FALLBACKS = ("cp1251", "cp1252", "latin-1")
_COMMON = frozenset(
    [chr(c) for c in range(0x20, 0x7F)]
    + [chr(c) for c in range(0xC0, 0x100) if c not in (0xD7, 0xF7)]
    + [chr(c) for c in range(0x410, 0x450)]
    # Ukrainian and Azerbaijani letters, typographic quotes and dashes.
    + list("\u0401\u0451\u0406\u0456\u0407\u0457\u0404\u0454\u0490\u0491\u018f\u0259\u011e\u011f\u0130\u0131")
    + list(
        "\u015e\u015f\u00c7\u00e7\u00d6\u00f6\u00dc\u00fc\u201c\u201d\u2018\u2019\u00ab\u00bb\u2013\u2014\u2026\u2116"
    )
)
_WORD = re.compile(r"\w+")
_LATIN = re.compile(r"[A-Za-zÀ-ÿ]")
_CYRILLIC = re.compile("[\u0400-\u04ff]")


def read_bytes(path: Path, max_bytes: int = MAX_BYTES) -> bytes:
    """The file's bytes, refusing missing, empty and oversized files.

    >>> read_bytes(Path("/no/such/file.md"))
    Traceback (most recent call last):
    kg.errors.InputError: /no/such/file.md: no such file or directory
    """
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        raise InputError(str(path), "no such file or directory") from None
    if size > max_bytes:
        limit = max_bytes / 1024 / 1024
        raise InputError(str(path), f"file too large ({size / 1024 / 1024:.1f} MB > {limit:g} MB limit)")
    try:
        data = path.read_bytes()
    except IsADirectoryError:
        raise InputError(str(path), "is a folder, not a file") from None
    except OSError as error:
        raise InputError(str(path), f"cannot read the file ({error.strerror})") from None
    if not data.strip():
        raise InputError(str(path), "the file is empty")
    return data


def decode(data: bytes, path: str) -> str:
    """Decode ``data`` as UTF-8, else as the detected encoding; NFC, Unix line ends, no BOM.

    >>> decode("Ходжалы".encode("cp1251"), "a.txt")
    'Ходжалы'
    >>> decode(b"caf\\xc3\\xa9\\r\\n", "a.txt")
    'café\\n'
    """
    if _looks_binary(data):
        raise InputError(path, "the file is binary, not text")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = _detected(data, path)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return unicodedata.normalize("NFC", text)


def _looks_binary(data: bytes) -> bool:
    sample = data[:8192]
    if b"\x00" in sample:
        return True
    # translate deletes in C what a loop over the bytes would count in Python (0.1 ms for a 4 KB text)
    controls = len(sample) - len(sample.translate(None, _CONTROL))
    return controls > len(sample) // 100


def _detected(data: bytes, path: str) -> str:
    # The detector guesses poorly on short texts, so its guess competes with the usual legacy
    # encodings of the statements we read, judged by how plausible the decoded letters are.
    best = from_bytes(data).best()
    candidates = [best.encoding] if best is not None else []
    texts = []
    for encoding in [*candidates, *_FALLBACKS]:
        try:
            texts.append(data.decode(encoding))
        except (UnicodeDecodeError, LookupError):
            continue
    if not texts:
        raise InputError(path, "cannot decode the text (tried utf-8 and detected encodings)")
    text = min(texts, key=_implausibility)
    # Latin-1 decodes any bytes; C1 controls or a text made mostly of odd letters mean no encoding fits.
    if any("\x80" <= char <= "\x9f" for char in text) or _implausibility(text) * 5 > len(text):
        raise InputError(path, "cannot decode the text: not UTF-8 and no known encoding fits")
    return text


def _implausibility(text: str) -> int:
    """Letters outside the common alphabets, plus words mixing Latin and Cyrillic."""
    odd = sum(1 for char in text if char not in _COMMON and not char.isspace())
    mixed = sum(1 for word in _WORD.findall(text) if _LATIN.search(word) and _CYRILLIC.search(word))
    return odd + 2 * mixed
