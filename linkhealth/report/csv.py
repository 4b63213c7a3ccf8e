"""The report as one CSV table: a row per resource per section, for a spreadsheet.

Spreadsheets run cells that start with ``=``, ``+``, ``-`` or ``@`` as
formulas (CSV injection); such cells, and cells starting with a tab or a
carriage return, are prefixed with ``'`` so they stay text.
"""

from __future__ import annotations

import csv
import io
from typing import Any

from .query import SECTIONS

COLUMNS = (
    "section",
    "id",
    "title",
    "url",
    "health",
    "gate",
    "outcome",
    "status_code",
    "detail",
    "first_failed_at",
    "broken_since",
    "consecutive_failures",
    "last_ok_at",
    "checked_at",
    "suggested_url",
    "field",
    "page_value",
    "catalogue_value",
    "archive_url",
    "archived_at",
)
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value: Any) -> Any:
    """A cell a spreadsheet will not run: text starting with a formula character gets a ``'``."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def _row(section: str, item: dict[str, Any]) -> dict[str, Any]:
    failure = item.get("failure") or {}
    archive = item.get("archive") or {}
    row = {
        "section": section,
        "id": item.get("id"),
        "title": item.get("title"),
        "url": item.get("url"),
        "health": item.get("health"),
        "gate": item.get("gate"),
        "outcome": failure.get("outcome") or item.get("outcome"),
        "status_code": failure.get("status_code") if failure else item.get("status_code"),
        "detail": failure.get("detail") if failure else item.get("detail"),
        "first_failed_at": item.get("first_failed_at"),
        "broken_since": item.get("broken_since"),
        "consecutive_failures": item.get("consecutive_failures"),
        "last_ok_at": item.get("last_ok_at"),
        "checked_at": item.get("checked_at"),
        "suggested_url": item.get("suggested_url"),
        "field": item.get("field"),
        "page_value": item.get("page_value"),
        "catalogue_value": item.get("catalogue_value"),
        "archive_url": archive.get("archive_url"),
        "archived_at": archive.get("archived_at"),
    }
    if section == "no_url":
        row["detail"] = item.get("access_note")
    elif section == "identity":  # the page's title beside the catalogue's
        row.update(field="title", page_value=item.get("page_title"), catalogue_value=item.get("title"))
    elif section == "content_changed":
        row["checked_at"] = item.get("content_changed_at")
    return row


def render(data: dict[str, Any]) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(COLUMNS), lineterminator="\n")
    writer.writeheader()
    for section in SECTIONS:
        for item in data.get(section) or []:
            writer.writerow({k: neutralise(v) for k, v in _row(section, item).items()})
    return buffer.getvalue()
