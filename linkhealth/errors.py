"""The errors a user must act on, shared by the store and the import-file readers.

Their own module so that the readers (``addresses``, ``webpage``) can refuse a
file without importing the store, which imports them: no cycle.
"""

from __future__ import annotations

__all__ = ["ImportRefused", "StoreError"]


class StoreError(Exception):
    """A problem with the catalogue file that the user must fix; the message says what."""


class ImportRefused(StoreError):
    """An import file was refused whole: the message names the line or column."""
