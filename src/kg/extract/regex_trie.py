"""Alternations of literal phrases written as prefix trees, for speed.

The regex engine tries every branch of ``a|b|c`` at every position; as a tree it tests one
letter per branch point ("jan(?:uary|)" instead of "january|jan"). The tree tries longer
phrases first, as the plain longest-first alternation does, so it matches exactly the same
text. When two sibling letters could match the same character under IGNORECASE ("M" and
"m"), the order of trial could differ, so the plain alternation is kept.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence

#: stands for a run of white space between the words of a phrase
SPACE = ""

Atoms = tuple[str, ...]
#: marks the end of a phrase in the tree (not a letter: letters are one character long)
_END = "<end>"
#: branches at the root from which the first letter is checked once before trying them
_CHECK_FIRST = 4


class _Node(dict[str, "_Node"]):
    """Branches of the tree by their next letter (or :data:`SPACE`, or :data:`_END`)."""


def trie_alternation(phrases: Sequence[Atoms], space: str = r"\s+") -> str | None:
    """Regex source for the phrases (each a tuple of letters and :data:`SPACE`), as a tree.

    None when the tree would not try the phrases in longest-first order.

    >>> trie_alternation([tuple("june"), tuple("jun"), tuple("july")])
    'ju(?:n(?:e|)|ly)'
    >>> trie_alternation([tuple("Mai"), tuple("march")]) is None
    True
    """
    return _cached(tuple(phrases), space)


@functools.lru_cache(maxsize=1024)  # some alternations are built per text (known event names)
def _cached(phrases: tuple[Atoms, ...], space: str) -> str | None:
    root = _Node()
    for atoms in phrases:
        node = root
        for atom in atoms:
            node = node.setdefault(atom, _Node())
        node[_END] = _Node()
    if not _distinct_siblings(root):
        return None
    source = _source(root, space)
    if len(root) >= _CHECK_FIRST and _END not in root and SPACE not in root:
        # One test of the first letter where most positions fail, instead of one per branch.
        source = "(?=[" + "".join(re.escape(letter) for letter in root) + "])" + source
    return source


def _distinct_siblings(node: _Node) -> bool:
    """No two branches of a node start with letters that one character could match."""
    letters = [a for a in node if a not in (_END, SPACE)]
    for index, first in enumerate(letters):
        pattern = re.compile(re.escape(first), re.IGNORECASE)
        if any(
            pattern.fullmatch(other) or re.fullmatch(re.escape(other), first, re.I) for other in letters[index + 1 :]
        ):
            return False
    return all(_distinct_siblings(child) for child in node.values())


def _source(node: _Node, space: str) -> str:
    branches = [
        (space if atom == SPACE else re.escape(atom)) + _source(child, space)
        for atom, child in node.items()
        if atom != _END
    ]
    if _END in node:
        if not branches:
            return ""
        branches.append("")
    if len(branches) == 1:
        return branches[0]
    return "(?:" + "|".join(branches) + ")"
