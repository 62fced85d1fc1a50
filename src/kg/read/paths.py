"""Which files to read, and which reader reads each one."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from kg.errors import InputError
from kg.model import Document
from kg.read.decode import MAX_BYTES, decode, read_bytes
from kg.read.html import read_html
from kg.read.jsonl import read_json, read_jsonl
from kg.read.markdown import read_markdown, read_plain


def _one(reader: Callable[[str, str], Document]) -> Callable[[str, str], list[Document]]:
    return lambda text, path: [reader(text, path)]


READERS: dict[str, Callable[[str, str], list[Document]]] = {
    ".md": _one(read_markdown),
    ".markdown": _one(read_markdown),
    ".txt": _one(read_plain),
    ".html": _one(read_html),
    ".htm": _one(read_html),
    ".jsonl": read_jsonl,
    ".json": read_json,
}
#: File name endings the readers understand.
SUPPORTED_SUFFIXES = frozenset(READERS)


def read_path(path: Path, max_bytes: int = MAX_BYTES) -> list[Document]:
    """Read one file into Documents, choosing the reader by the file's extension.

    >>> read_path(Path("statement.pdf"))  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    kg.errors.InputError: statement.pdf: unsupported file type '.pdf' (use .htm, .html, ...)
    """
    reader = READERS.get(path.suffix.lower())
    if reader is None:
        supported = ", ".join(sorted(SUPPORTED_SUFFIXES))
        raise InputError(str(path), f"unsupported file type '{path.suffix}' (use {supported})")
    text = decode(read_bytes(path, max_bytes), str(path))
    documents = reader(text, str(path))
    if not any(document.text.strip() for document in documents):
        raise InputError(str(path), "no text left after removing markup")
    return documents


def iter_paths(paths: Iterable[Path]) -> Iterator[Path]:
    """Files to read: each given file, and the supported files of each folder, recursively and sorted.

    >>> list(iter_paths([Path("/no/such/folder")]))
    Traceback (most recent call last):
    kg.errors.InputError: /no/such/folder: no such file or directory
    """
    for path in paths:
        if path.is_dir():
            found = sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in SUPPORTED_SUFFIXES)
            if not found:
                raise InputError(str(path), "no statements found in folder")
            yield from found
        elif path.exists():
            yield path
        else:
            raise InputError(str(path), "no such file or directory")
