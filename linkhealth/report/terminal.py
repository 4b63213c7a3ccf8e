"""The report for a terminal: readable at 100 columns, colour only when asked (a TTY).

Every value that came from a page or a curator is cleaned first: escape
sequences and control characters are removed, so a hostile title cannot
recolour, move the cursor or rewrite the maintainer's terminal.
"""

from __future__ import annotations

import textwrap
import unicodedata
from typing import Any

# clean(value): a value safe to print: no escape sequences, no control or format characters, one line
from ..sanitise import text as clean
from .common import (
    SECTION_HINTS,
    SECTION_TITLES,
    archive_warning,
    day,
    field_value,
    identity_text,
    minute,
    network_warning,
    nonempty_sections,
    outcome_text,
    run_line,
    summary_parts,
)

WIDTH = 100

_STYLES = {
    "bold": "1",
    "dim": "2",
    "red": "31",
    "green": "32",
    "yellow": "33",
    "blue": "34",
    "magenta": "35",
    "cyan": "36",
}
SECTION_COLOURS = {
    "newly_broken": "red",
    "broken": "red",
    "failing": "yellow",
    "gated": "magenta",
    "moved": "cyan",
    "soft_404": "yellow",
    "no_url": "blue",
    "drift": "blue",
    "identity": "magenta",
    "content_changed": "cyan",
    "inconclusive": "dim",
}


def _width(ch: str) -> int:
    if unicodedata.combining(ch):
        return 0
    return 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1


def display_width(text: str) -> int:
    return sum(_width(ch) for ch in text)


def fit(text: str, width: int) -> str:
    """Cut ``text`` to ``width`` display columns, ending with … when cut."""
    if display_width(text) <= width:
        return text
    out, used = [], 0
    for ch in text:
        w = _width(ch)
        if used + w > width - 1:
            break
        out.append(ch)
        used += w
    return "".join(out).rstrip() + "…"


class _Painter:
    def __init__(self, color: bool):
        self.color = color

    def __call__(self, text: str, *styles: str) -> str:
        if not self.color or not styles:
            return text
        codes = ";".join(_STYLES[s] for s in styles)
        return f"\x1b[{codes}m{text}\x1b[0m"


def _line(paint: _Painter, text: str, indent: int = 0, *styles: str) -> str:
    return " " * indent + paint(fit(text, WIDTH - indent), *styles)


def _facts(name: str, item: dict[str, Any]) -> list[str]:
    """The one or two lines under an item's title, by section."""
    lines = []
    if name in ("newly_broken", "broken", "failing"):
        n = item.get("consecutive_failures") or 0
        facts = [
            clean(outcome_text(item)),
            f"{n} failure{'s' if n != 1 else ''} since {day(item.get('first_failed_at'))}",
        ]
        if item.get("broken_since"):
            facts.append(f"broken since {day(item.get('broken_since'))}")
        facts.append(f"last good {day(item.get('last_ok_at')) or 'never'}")
        lines.append(" · ".join(f for f in facts if f))
        detail = clean((item.get("failure") or {}).get("detail"))
        if detail:
            lines.append(detail)
        archive = item.get("archive")
        if archive:
            lines.append(f"archived copy ({day(archive.get('archived_at'))}): {clean(archive.get('archive_url'))}")
    elif name == "gated":
        lines.append(
            f"gate: {clean(item.get('gate'))}"
            + (f" ({clean(item.get('gate_description'))})" if item.get("gate_description") else "")
        )
    elif name == "moved":
        lines.append(f"now at: {clean(item.get('suggested_url'))}")
    elif name == "soft_404":
        failure = item.get("failure") or {}
        lines.append(
            f"{clean(item.get('health'))} · seen {day(failure.get('checked_at'))}"
            + (f" · {clean(failure.get('detail'))}" if failure.get("detail") else "")
        )
    elif name == "inconclusive":
        lines.append(
            f"{clean(outcome_text(item, key=None))} at {minute(item.get('checked_at'))}"
            + (f" · {clean(item.get('detail'))}" if item.get("detail") else "")
        )
    elif name == "identity":
        lines.append(clean(identity_text(item)))
    elif name == "content_changed":
        lines.append(f"changed {day(item.get('content_changed_at'))}")
    elif name == "no_url":
        facts = [clean(item.get("provider")), clean(item.get("kind")), clean(item.get("access_note"))]
        text = " · ".join(f for f in facts if f)
        if text:
            lines.append(text)
    return lines


def render(data: dict[str, Any], color: bool = False) -> str:
    paint = _Painter(color)
    out = [
        _line(
            paint,
            f"linkhealth report · {clean(data.get('catalogue'))} · {minute(data.get('generated_at'))} UTC",
            0,
            "bold",
        ),
        *(_line(paint, clean(part)) for part in summary_parts(data)),
        _line(paint, clean(run_line(data)), 0, "dim"),
    ]
    for warning in (network_warning(data), archive_warning(data)):
        if warning:
            for n, part in enumerate(textwrap.wrap(clean(warning), WIDTH - 2)):
                out.append(_line(paint, ("! " if n == 0 else "  ") + part, 0, "yellow"))
    for name, items in nonempty_sections(data):
        out.append("")
        colour = SECTION_COLOURS[name]  # every section has one
        out.append(_line(paint, f"{SECTION_TITLES[name].upper()} ({len(items)})", 0, "bold", colour))
        out.append(_line(paint, SECTION_HINTS[name], 2, "dim"))
        if name == "drift":
            for item in items:
                title = clean(item.get("title")) or clean(item.get("id"))
                tag = f" [{clean(item.get('id'))}] — {clean(item.get('field'))}"  # the id whole, as above
                out.append("  " + paint(fit(f"• {title}", max(12, WIDTH - 2 - display_width(tag)))) + paint(tag))
                source = f" ({clean(item.get('page_source'))})" if item.get("page_source") else ""
                out.append(
                    _line(paint, f"page says{source}: {clean(field_value(item['field'], item.get('page_value')))}", 4)
                )
                out.append(
                    _line(
                        paint,
                        f"catalogue says: {clean(field_value(item['field'], item.get('catalogue_value')))}",
                        4,
                        "dim",
                    )
                )
            continue
        for item in items:
            rid = clean(item.get("id"))
            title = clean(item.get("title")) or "(no title)"
            tag = f" [{rid}]"  # never cut: the id is what a maintainer copies into a command
            room = max(12, WIDTH - 2 - display_width(tag))
            out.append("  " + paint(fit(f"• {title}", room), "bold") + paint(tag, "dim"))
            if item.get("url") and name != "no_url":
                out.append(_line(paint, clean(item.get("url")), 4, "dim"))
            for fact in _facts(name, item):
                out.append(_line(paint, fact, 4))
    if not any(True for _ in nonempty_sections(data)):
        out.append("")
        out.append(_line(paint, "Nothing to report: every checked resource is served.", 0, "green"))
    return "\n".join(out) + "\n"
