"""Stable ids from titles and URLs.

Its own module because both the store (ids of imported rows) and the seed
importer (ids of seed entries, the keys of ``seed/facts.json``) need the same
function, and the store imports the seed importer: keeping ``slugify`` here
means neither has to import the other to agree on an id.
"""

from __future__ import annotations

import re
import unicodedata

__all__ = ["slugify"]


def slugify(text: str, max_length: int = 60) -> str:
    """A stable, readable id from a title or URL: lower-case ASCII words joined by '-'."""
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    text = re.sub(r"[^a-zA-Z0-9]+", "-", text).strip("-").lower()
    if len(text) > max_length:
        text = text[:max_length].rsplit("-", 1)[0]
    return text or "resource"
