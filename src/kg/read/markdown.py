"""Markdown and plain text: optional YAML front matter, then markup stripped to plain text.

The cleaned text is what gets stored, so every anchor refers to the text a reader sees
("32nd", not "32<sup>nd</sup>"); line structure is kept.
"""

from __future__ import annotations

import html
import re

import yaml

from kg.errors import InputError
from kg.model import Document
from kg.read.document import build_document, meta_strings

_FAST_LOADER = getattr(yaml, "CBaseLoader", yaml.BaseLoader)
_FRONT = re.compile(r"\A---[ \t]*\n(.*?)\n(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.DOTALL)
_HEADING = re.compile(r"^ {0,3}#{1,6}[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*$")
_RULE = re.compile(r"^ {0,3}(?:[-*_][ \t]*){3,}$")
_INLINE = (
    (re.compile(r"!\[[^\]]*\]\([^)]*\)"), ""),
    (re.compile(r"\[([^\]]+)\]\([^)]*\)"), r"\1"),
    (re.compile(r"<br\s*/?>", re.IGNORECASE), " "),
    (re.compile(r"</?[A-Za-z][^<>]*>"), ""),
    (re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1"), r"\2"),
    (re.compile(r"(?<![\w*])\*(?=[^\s*])(.+?)(?<=[^\s*])\*(?![\w*])"), r"\1"),
    (re.compile(r"(?<![\w_])_(?=[^\s_])(.+?)(?<=[^\s_])_(?![\w_])"), r"\1"),
    (re.compile(r"`([^`]+)`"), r"\1"),
    (re.compile(r"\\([\\`*_{}\[\]()#+\-.!<>])"), r"\1"),
)
_QUOTE_MARK = re.compile(r"^ {0,3}> ?")
#: every inline pattern needs one of these characters; most lines of prose have none
_MARKUP = re.compile(r"[\[<*_`\\]")


def read_markdown(text: str, path: str) -> Document:
    """A Document from Markdown: front matter into ``meta``, markup removed, first heading as title.

    >>> text = "---\\ntitle: T\\ndate: 2024-02-23\\n---\\n## **On the 32<sup>nd</sup> day**"
    >>> doc = read_markdown(text, "a.md")
    >>> doc.text, doc.meta["date"], doc.title
    ('On the 32nd day', '2024-02-23', 'T')
    """
    meta, body = split_front_matter(text, path)
    lines, heading_line = clean_markdown(body)
    return build_document("\n".join(lines), path, "markdown", meta, heading_line)


def read_plain(text: str, path: str) -> Document:
    """A Document from plain text, trailing spaces removed; the first short line is the title.

    >>> read_plain("Headline  \\n\\nBody.", "a.txt").title
    'Headline'
    """
    lines = [line.rstrip() for line in text.split("\n")]
    return build_document("\n".join(lines), path, "text")


def split_front_matter(text: str, path: str) -> tuple[dict[str, str], str]:
    """Split YAML front matter from the body; malformed front matter is an InputError.

    >>> split_front_matter("---\\nurl: https://x.org/a\\n---\\nBody", "a.md")
    ({'url': 'https://x.org/a'}, 'Body')
    """
    if not text.startswith("---"):
        return {}, text
    match = _FRONT.match(text)
    if match is None:
        raise InputError(path, "malformed front matter (no closing '---' line)")
    try:
        fields = _load_yaml(match.group(1))
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f" at line {mark.line + 2}" if mark is not None else ""
        raise InputError(path, f"malformed front matter (invalid YAML{where})") from None
    if fields is None:
        fields = {}
    if not isinstance(fields, dict):
        raise InputError(path, "malformed front matter (expected 'key: value' lines)")
    return meta_strings(fields), text[match.end() :]


def _load_yaml(source: str) -> object:
    """YAML read by libyaml when PyYAML has it (15x faster, measured), by PyYAML's own parser when it fails.

    BaseLoader keeps every value a string: an impossible date is reported by build_document, not by YAML.
    libyaml marks some errors a line late (an unclosed list at the end); the Python parser's error names the line.

    >>> _load_yaml("date: 2024-02-30")
    {'date': '2024-02-30'}
    """
    try:
        return yaml.load(source, Loader=_FAST_LOADER)
    except yaml.YAMLError:
        return yaml.load(source, Loader=yaml.BaseLoader)


def clean_markdown(body: str) -> tuple[list[str], int | None]:
    """Plain-text lines of a Markdown body, and the index of the first heading line.

    >>> clean_markdown("# Title\\n\\n**Sabina Aliyeva**  \\n> a [link](https://x.org)")
    (['Title', '', 'Sabina Aliyeva', 'a link'], 0)
    """
    lines: list[str] = []
    heading_line: int | None = None
    for raw in body.split("\n"):
        line = raw.rstrip()
        heading = _HEADING.match(line)
        if heading:
            line = heading.group(1)
            if heading_line is None:
                heading_line = len(lines)
        elif _RULE.match(line):
            line = ""
        line = _QUOTE_MARK.sub("", line)
        if _MARKUP.search(line):
            for pattern, replacement in _INLINE:
                line = pattern.sub(replacement, line)
        lines.append(html.unescape(line).strip() if heading else html.unescape(line).rstrip())
    return lines, heading_line
