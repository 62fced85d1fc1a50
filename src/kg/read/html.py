"""HTML pages: headline, dateline, byline and body paragraphs, without menus and scripts."""

from __future__ import annotations

import re

from selectolax.lexbor import LexborHTMLParser as HTMLParser
from selectolax.lexbor import LexborNode as Node

from kg.model import Document
from kg.read.document import build_document, meta_strings

_DROP = "script, style, noscript, nav, header, footer, aside, form, iframe, svg, button, template, menu"
_BLOCKS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6", "p", "li", "blockquote", "pre", "dt", "dd", "figcaption"})
_BYLINE_CLASS = re.compile(r"byline|dateline|author|date", re.IGNORECASE)
_SPACE = re.compile(r"\s+")
_META = {
    "author": ('meta[name="author"]', 'meta[property="article:author"]'),
    "date": (
        'meta[property="article:published_time"]',
        'meta[name="date"]',
        'meta[itemprop="datePublished"]',
    ),
    "publisher": ('meta[property="og:site_name"]', 'meta[name="publisher"]'),
    "url": ('meta[property="og:url"]', 'link[rel="canonical"]'),
    "language": ('meta[http-equiv="content-language"]',),
}


def read_html(text: str, path: str) -> Document:
    """A Document from an HTML page: the headline, byline and paragraphs separated by blank lines.

    >>> page = ("<html lang='en'><head><title>Site | News</title></head><body><nav>Home</nav>"
    ...         "<h1>Graves found</h1><p>The <b>commission</b> said.</p><footer>(c)</footer></body></html>")
    >>> doc = read_html(page, "a.html")
    >>> doc.text, doc.title, doc.meta["language"]
    ('Graves found\\n\\nThe commission said.', 'Graves found', 'en')
    """
    tree = HTMLParser(text)
    meta = _meta(tree)
    headline = _first_text(tree, "h1") or _first_text(tree, "title")
    for node in tree.css(_DROP):
        if not _holds_article(node):
            node.decompose()
    root = tree.css_first("article") or tree.css_first("main") or tree.body or tree.root
    paragraphs = _paragraphs(root) if root is not None else []
    if headline and headline not in paragraphs[:1]:
        paragraphs.insert(0, headline)
    return build_document("\n\n".join(paragraphs), path, "html", meta, 0 if headline else None)


def _meta(tree: HTMLParser) -> dict[str, str]:
    fields: dict[str, object] = {}
    for name, selectors in _META.items():
        for selector in selectors:
            node = tree.css_first(selector)
            value = node.attributes.get("content") or node.attributes.get("href") if node else None
            if value:
                fields[name] = value
                break
    html_node = tree.css_first("html")
    if "language" not in fields and html_node is not None and html_node.attributes.get("lang"):
        fields["language"] = html_node.attributes["lang"]
    return meta_strings(fields)


def _first_text(tree: HTMLParser, selector: str) -> str | None:
    node = tree.css_first(selector)
    return _text(node) or None if node is not None else None


def _holds_article(node: Node) -> bool:
    # Some sites wrap the whole story in <header> or <form>; dropping those would drop the story.
    return node.tag in ("header", "form") and node.css_first("article, p") is not None


def _paragraphs(root: Node) -> list[str]:
    found: list[str] = []
    for node in _descendants(root):
        is_block = node.tag in _BLOCKS and not _has_block_child(node)
        if is_block or (_is_byline(node) and not _inside_block(node)):
            text = _text(node)
            if text and (not found or found[-1] != text):
                found.append(text)
    if not found:
        text = _text(root)
        return [text] if text else []
    return found


def _is_byline(node: Node) -> bool:
    if node.tag in ("address", "time") or node.attributes.get("rel") == "author":
        return True
    return bool(_BYLINE_CLASS.search(node.attributes.get("class") or "")) and not _has_block_child(node)


def _descendants(node: Node) -> list[Node]:
    # Node.traverse keeps one cursor per tree, so nested traversals would cut each other short.
    found: list[Node] = []
    for child in node.iter(include_text=False):
        found.append(child)
        found.extend(_descendants(child))
    return found


def _has_block_child(node: Node) -> bool:
    return any(child.tag in _BLOCKS for child in _descendants(node))


def _inside_block(node: Node) -> bool:
    parent = node.parent
    while parent is not None:
        if parent.tag in _BLOCKS:
            return True
        parent = parent.parent
    return False


def _text(node: Node) -> str:
    return _SPACE.sub(" ", node.text(separator=" ")).strip()
