"""Who may change a catalogue field: the update policy, as a pure function.

The crawler *fills* empty fields and *refreshes* the fields it set itself. A
value a maintainer set (by import, ``add`` or a hand edit) is never
overwritten: the page's value is kept beside it (``page_title``, …) so the
report can show the drift, and ``linkhealth accept`` takes it over when the
maintainer agrees. Junk ("Log in", "404 Not Found", "Just a moment...") never
overwrites anything.

Ownership is read from ``field_sources`` (``"curator"`` or ``"page:<source>"``)
and double-checked against the value: a field the crawler set whose value no
longer equals what the crawler last saw was edited by hand, and is curated now.
"""

from __future__ import annotations

import json
import re
from typing import Any

PAGE_FIELDS = ("title", "description", "duration_seconds")

#: Titles that are the gate, the error or the host, never the resource.
JUNK_TITLE_PATTERNS = [
    r"log ?in",
    r"sign ?in",
    r"sign in to .*",
    r"log in to .*",
    r"(error )?40[0-9]( .*)?",
    r"50[0-9]( .*)?",
    r".*not found.*",
    r"page not found",
    r"just a moment\.*",
    r"attention required.*",
    r"access denied",
    r"forbidden",
    r"untitled( document)?",
    r"(- )?youtube",
    r"vimeo",
    r"google drive",
    r"google docs",
    r"dropbox",
    r"box",
    r"sharepoint",
    r"microsoft sharepoint",
    r"home( page)?",
    r"welcome",
    r"loading\.*",
    r"redirecting\.*",
    r"index of /.*",
    r"private video( on vimeo)?",
    r"video unavailable",
    r"request access",
    r"you need (access|permission)",
    r"webinar registration.*",
    r"registration",
    r"pdf",
    r"document",
]
_JUNK_RE = re.compile(r"^\s*(?:" + "|".join(JUNK_TITLE_PATTERNS) + r")\s*$", re.IGNORECASE)


def is_junk_title(title: str | None) -> bool:
    """True for an empty title or one that names a gate, an error or a bare host."""
    if title is None:
        return True
    text = title.strip()
    if len(text) < 3:
        return True
    if _JUNK_RE.match(text):
        return True
    # a bare site name: a single word that is a host name ("example.org")
    return bool(re.fullmatch(r"(www\.)?[\w-]+(\.[\w-]+)+", text))


def is_junk_value(field: str, value: Any) -> bool:
    if value is None:
        return True
    if field == "title":
        return is_junk_title(value)
    if field == "description":
        return not str(value).strip() or is_junk_title(value) and len(str(value)) < 40
    if field == "duration_seconds":
        return not isinstance(value, int) or value <= 0
    return False


def owner_of(row: dict[str, Any], field: str) -> str:
    """'empty', 'crawler' or 'curator': who holds this field of this resource now."""
    value = row.get(field)
    if value is None or (isinstance(value, str) and not value.strip()):
        return "empty"
    try:
        sources = json.loads(row.get("field_sources") or "{}")
    except ValueError:
        sources = {}
    source = sources.get(field)
    if source and str(source).startswith("page"):
        last_seen = row.get(f"page_{field}")
        if last_seen is not None and last_seen != value:
            return "curator"  # edited by hand after the crawler set it
        return "crawler"
    return "curator"


def plan_metadata_update(
    row: dict[str, Any], metadata: dict[str, Any]
) -> tuple[dict[str, Any], list[tuple[str, Any, Any, str]]]:
    """Decide what a page's metadata changes in a ``resources`` row.

    ``metadata`` has ``title``/``description``/``duration_seconds``, each with
    a ``<field>_source`` naming where it was read (``jsonld``, ``og``, ``pdf``,
    ``prose`` …), and optional extras (``canonical_url``, ``language``, …) that
    are kept as JSON in ``page_metadata``.

    Returns the column updates and the changes as (field, old, new, source).
    """
    updates: dict[str, Any] = {}
    changes: list[tuple[str, Any, Any, str]] = []
    try:
        sources = json.loads(row.get("field_sources") or "{}")
    except ValueError:
        sources = {}
    for field in PAGE_FIELDS:
        value = metadata.get(field)
        if is_junk_value(field, value):
            continue
        source = "page:" + str(metadata.get(f"{field}_source") or "page")
        page_column = f"page_{field}"
        owner = owner_of(row, field)
        if row.get(page_column) != value:
            updates[page_column] = value
            changes.append((page_column, row.get(page_column), value, source))
        if field == "duration_seconds":
            approx = 1 if metadata.get("duration_approximate") else 0
            if row.get("page_duration_approximate") != approx:
                updates["page_duration_approximate"] = approx
        if owner == "curator" or row.get(field) == value:
            if owner != "curator" and sources.get(field) != source:
                sources[field] = source
                updates["field_sources"] = json.dumps(sources)
            continue
        updates[field] = value
        changes.append((field, row.get(field), value, source))
        sources[field] = source
        updates["field_sources"] = json.dumps(sources)
    extras = {
        k: v
        for k, v in metadata.items()
        if k not in PAGE_FIELDS and not k.endswith("_source") and v not in (None, "", [])
    }
    if extras:
        encoded = json.dumps(extras, ensure_ascii=False, sort_keys=True, default=str)
        if encoded != row.get("page_metadata"):
            updates["page_metadata"] = encoded
    return updates, changes
