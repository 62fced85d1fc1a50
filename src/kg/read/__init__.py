"""Documents in: one reader per format, all returning :class:`kg.model.Document`.

:func:`read_path` picks the reader by extension (.md/.markdown, .txt, .html/.htm, .json, .jsonl);
:func:`iter_paths` expands folders. Unreadable input raises :class:`kg.errors.InputError`.
"""

from kg.read.paths import SUPPORTED_SUFFIXES, iter_paths, read_path

__all__ = ["SUPPORTED_SUFFIXES", "iter_paths", "read_path"]
