"""The library's own error types; the CLI turns them into one line and an exit code."""

from __future__ import annotations


class KgError(Exception):
    """Base of every error a user can cause (exit code 2 in the CLI)."""


class InputError(KgError):
    """A file that cannot be read as a statement.

    >>> str(InputError("a.md", "the file is empty"))
    'a.md: the file is empty'
    """

    def __init__(self, path: str, problem: str) -> None:
        super().__init__(f"{path}: {problem}")
        self.path = path
        self.problem = problem


class StoreError(KgError):
    """The store cannot be opened or written (locked, corrupt, wrong folder)."""
