"""JSON documents: one object or a list of them (.json), one object per line (.jsonl)."""

from __future__ import annotations

import json

from kg.errors import InputError
from kg.model import Document
from kg.read.document import build_document, meta_strings


def read_jsonl(text: str, path: str) -> list[Document]:
    """One Document per non-blank line of ``{url, title, text, date, publisher, author, language}``.

    >>> [d.path for d in read_jsonl('{"text": "One."}\\n\\n{"text": "Two.", "title": "T"}', "a.jsonl")]
    ['a.jsonl:1', 'a.jsonl:3']
    >>> read_jsonl('{"text": "One."}\\n{oops', "a.jsonl")
    Traceback (most recent call last):
    kg.errors.InputError: a.jsonl: invalid JSON on line 2
    """
    documents = []
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError:
            raise InputError(path, f"invalid JSON on line {number}") from None
        documents.append(_document(record, f"{path}:{number}", path, f"line {number}"))
    return documents


def read_json(text: str, path: str) -> list[Document]:
    """Documents from one JSON object, or from a list of objects.

    >>> read_json('[{"text": "A.", "url": "https://x.org/1"}]', "a.json")[0].source
    'https://x.org/1'
    """
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise InputError(path, f"invalid JSON (line {error.lineno}: {error.msg})") from None
    if isinstance(data, list):
        return [_document(item, f"{path}[{i}]", path, f"item {i}") for i, item in enumerate(data)]
    return [_document(data, path, path, "the object")]


def _document(record: object, doc_path: str, path: str, where: str) -> Document:
    if not isinstance(record, dict):
        raise InputError(path, f"{where} is not a JSON object")
    text = record.get("text")
    if not isinstance(text, str) or not text.strip():
        raise InputError(path, f"{where} has no 'text'")
    return build_document(text.replace("\r\n", "\n"), doc_path, "json", meta_strings(record))
