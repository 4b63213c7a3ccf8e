"""The report as Markdown (GitHub-flavoured tables), for an issue, a wiki or a mail.

Every cell is escaped: table pipes, link and image brackets, emphasis, code
spans, HTML angle brackets and newlines, so a title like
``x | y](javascript:alert(1))`` stays text. Links are made only for http(s)
URLs, and their destinations are percent-encoded where Markdown would read
a character as syntax.
"""

from __future__ import annotations

import urllib.parse
from typing import Any

from ..sanitise import text as one_line  # one line, safe in any output
from .common import (
    SECTION_HINTS,
    SECTION_TITLES,
    archive_warning,
    clip,
    day,
    field_value,
    minute,
    network_warning,
    nonempty_sections,
    outcome_text,
    run_line,
    safe_http_url,
    summary_line,
)

_SPECIAL = set("\\`*_{}[]()<>|~&")
_CELL_LIMIT = 300


def md_escape(value: Any, limit: int | None = _CELL_LIMIT) -> str:
    """Text safe in a Markdown table cell: one line, every syntax character backslash-escaped."""
    text = one_line(value)
    if limit:
        text = clip(text, limit)
    out = []
    for ch in text:
        if ch in _SPECIAL:
            out.append("\\" + ch)
        else:
            out.append(ch)
    return "".join(out)


def md_url(url: Any) -> str | None:
    """A link destination, or None when the URL is not plain http(s)."""
    safe = safe_http_url(url)
    if safe is None:
        return None
    # keep the URL's own structure; encode what Markdown (or a table) would read as syntax
    return urllib.parse.quote(safe, safe=":/?#@!$&'*+,;=%~-._")


def md_link(text: Any, url: Any) -> str:
    label = md_escape(text) or md_escape(url)
    target = md_url(url)
    if target is None:
        return label
    return f"[{label}]({target})"


def _resource(item: dict[str, Any]) -> str:
    title = item.get("title") or item.get("url") or item.get("id")
    url = item.get("url")
    text = f"{md_link(title, url)} · {md_escape(item.get('id'))}"
    if url and md_url(url) is None:  # shown, never linked
        text += f" · {md_escape(url)}"
    return text


def _table(headers: list[str], rows: list[list[str]]) -> list[str]:
    lines = ["| " + " | ".join(headers) + " |", "|" + "|".join("---" for _ in headers) + "|"]
    for row in rows:
        lines.append("| " + " | ".join(cell if cell else " " for cell in row) + " |")
    return lines


def _archive_cell(item: dict[str, Any]) -> str:
    archive = item.get("archive")
    if not archive:
        return ""
    return md_link(f"copy of {day(archive.get('archived_at'))}", archive.get("archive_url"))


def _rows(name: str, items: list[dict[str, Any]]) -> tuple[list[str], list[list[str]]]:
    if name in ("newly_broken", "broken"):
        return (
            ["Resource", "Outcome", "Failing since", "Broken since", "Failures", "Last good", "Archived copy"],
            [
                [
                    _resource(i),
                    md_escape(outcome_text(i)),
                    day(i.get("first_failed_at")),
                    day(i.get("broken_since")),
                    str(i.get("consecutive_failures") or 0),
                    day(i.get("last_ok_at")) or "never",
                    _archive_cell(i),
                ]
                for i in items
            ],
        )
    if name == "failing":
        return (
            ["Resource", "Outcome", "Failing since", "Failures", "Last good", "Archived copy"],
            [
                [
                    _resource(i),
                    md_escape(outcome_text(i)),
                    day(i.get("first_failed_at")),
                    str(i.get("consecutive_failures") or 0),
                    day(i.get("last_ok_at")) or "never",
                    _archive_cell(i),
                ]
                for i in items
            ],
        )
    if name == "gated":
        return (
            ["Resource", "Gate", "What it means", "Checked"],
            [
                [_resource(i), md_escape(i.get("gate")), md_escape(i.get("gate_description")), day(i.get("checked_at"))]
                for i in items
            ],
        )
    if name == "moved":
        return (
            ["Resource", "Suggested new URL"],
            [[_resource(i), md_link(i.get("suggested_url"), i.get("suggested_url"))] for i in items],
        )
    if name == "soft_404":
        return (
            ["Resource", "Health", "Seen", "Detail"],
            [
                [
                    _resource(i),
                    md_escape(i.get("health")),
                    day((i.get("failure") or {}).get("checked_at")),
                    md_escape((i.get("failure") or {}).get("detail")),
                ]
                for i in items
            ],
        )
    if name == "no_url":
        return (
            ["Resource", "Provider", "Kind", "Access note"],
            [
                [
                    md_escape(i.get("title") or i.get("id")) + " · " + md_escape(i.get("id")),
                    md_escape(i.get("provider")),
                    md_escape(i.get("kind")),
                    md_escape(i.get("access_note")),
                ]
                for i in items
            ],
        )
    if name == "drift":
        return (
            ["Resource", "Field", "The page says", "The catalogue says"],
            [
                [
                    _resource(i),
                    md_escape(i.get("field")),
                    md_escape(field_value(i["field"], i.get("page_value")))
                    + (f" ({md_escape(i.get('page_source'))})" if i.get("page_source") else ""),
                    md_escape(field_value(i["field"], i.get("catalogue_value"))),
                ]
                for i in items
            ],
        )
    if name == "identity":
        return (
            ["Resource", "The page says", "Score", "Checked"],
            [
                [
                    _resource(i),
                    md_escape(i.get("page_title")),
                    f"{float(i['identity_score']):.2f}" if i.get("identity_score") is not None else "",
                    day(i.get("checked_at")),
                ]
                for i in items
            ],
        )
    if name == "content_changed":
        return (["Resource", "Changed"], [[_resource(i), day(i.get("content_changed_at"))] for i in items])
    if name == "inconclusive":
        return (
            ["Resource", "Outcome", "Checked", "Detail"],
            [
                [
                    _resource(i),
                    md_escape(outcome_text(i, key=None)),
                    minute(i.get("checked_at")),
                    md_escape(i.get("detail")),
                ]
                for i in items
            ],
        )
    raise ValueError(name)


def render(data: dict[str, Any]) -> str:
    out = [
        f"# linkhealth report: {md_escape(data.get('catalogue'))}",
        "",
        f"Generated {minute(data.get('generated_at'))} UTC. {md_escape(run_line(data), limit=None)}",
        "",
        f"**{summary_line(data)}**",  # numbers and fixed words only
    ]
    for warning in (network_warning(data), archive_warning(data)):
        if warning:
            out += ["", f"> **Note:** {md_escape(warning, limit=None)}"]
    any_section = False
    for name, items in nonempty_sections(data):
        any_section = True
        headers, rows = _rows(name, items)
        out += [
            "",
            f"## {SECTION_TITLES[name]} ({len(items)})",
            "",
            SECTION_HINTS[name][0].upper() + SECTION_HINTS[name][1:] + ".",
            "",
        ]
        out += _table(headers, rows)
    if not any_section:
        out += ["", "Nothing to report: every checked resource is served."]
    return "\n".join(out) + "\n"
