"""The report as one self-contained HTML file a maintainer can mail.

Inline CSS, an inline SVG chart of health over the last runs, no scripts and
no external resources (a Content-Security-Policy says so to the browser).
Every value is escaped with ``html.escape``; links are made only for
http(s) URLs, with ``rel="noopener noreferrer"``.
"""

from __future__ import annotations

import html
from typing import Any

from ..sanitise import text as one_line  # one line, safe in any output
from .common import (
    HEALTH_COLOURS,
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
from .query import HEALTH_ORDER

_CELL_LIMIT = 400

CSS = """
body{font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1b1b1b;margin:2em auto;max-width:72em;padding:0 1em}
h1{font-size:1.5em;margin-bottom:.2em}h2{font-size:1.15em;margin-top:2em;border-bottom:2px solid #ddd;padding-bottom:.2em}
.meta{color:#555}.summary{font-weight:600;background:#f4f4f4;padding:.6em .8em;border-radius:4px}
.note{background:#fff4e0;border-left:4px solid #ef9a00;padding:.5em .8em}
.hint{color:#555;font-style:italic;margin:.2em 0 .6em}
table{border-collapse:collapse;width:100%;font-size:.93em}
th,td{text-align:left;vertical-align:top;padding:.35em .5em;border-bottom:1px solid #e3e3e3;overflow-wrap:anywhere}
th{background:#fafafa}.id{color:#666;font-size:.85em;font-family:ui-monospace,monospace}
.s-newly_broken h2,.s-broken h2{color:#c62828}.s-failing h2{color:#a86b00}.s-gated h2{color:#6a1b9a}.s-moved h2{color:#0277bd}
figure{margin:1em 0}figcaption{color:#555;font-size:.9em}
""".strip()

CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'"


def esc(value: Any, limit: int | None = _CELL_LIMIT) -> str:
    """Escaped text on one line (clipped to ``limit`` characters)."""
    text = one_line(value)
    if limit:
        text = clip(text, limit)
    return html.escape(text, quote=True)


def link(text: Any, url: Any) -> str:
    label = esc(text) or esc(url)
    safe = safe_http_url(url)
    if safe is None:
        return label
    return f'<a href="{html.escape(safe, quote=True)}" rel="noopener noreferrer">{label}</a>'


def _resource(item: dict[str, Any]) -> str:
    title = item.get("title") or item.get("url") or item.get("id")
    url = item.get("url")
    text = f'{link(title, url)}<br><span class="id">{esc(item.get("id"))}</span>'
    if url and safe_http_url(url) is None:  # shown, never linked
        text += f'<br><span class="id">{esc(url)}</span>'
    return text


def _archive(item: dict[str, Any]) -> str:
    archive = item.get("archive")
    if not archive:
        return ""
    return link(f"copy of {day(archive.get('archived_at'))}", archive.get("archive_url"))


def _table(headers: list[str], rows: list[list[str]]) -> str:
    head = "".join(f"<th>{esc(h)}</th>" for h in headers)
    body = "".join("<tr>" + "".join(f"<td>{cell}</td>" for cell in row) + "</tr>" for row in rows)
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def _rows(name: str, items: list[dict[str, Any]]) -> tuple[list[str], list[list[str]]]:
    if name in ("newly_broken", "broken", "failing"):
        headers = ["Resource", "Outcome", "Failing since"]
        if name != "failing":
            headers.append("Broken since")
        headers += ["Failures", "Last good", "Archived copy"]
        rows = []
        for i in items:
            failure = i.get("failure") or {}
            outcome = esc(outcome_text(i))
            if failure.get("detail"):
                outcome += f'<br><span class="id">{esc(failure.get("detail"))}</span>'
            row = [_resource(i), outcome, esc(day(i.get("first_failed_at")))]
            if name != "failing":
                row.append(esc(day(i.get("broken_since"))))
            row += [esc(i.get("consecutive_failures") or 0), esc(day(i.get("last_ok_at")) or "never"), _archive(i)]
            rows.append(row)
        return headers, rows
    if name == "gated":
        return ["Resource", "Gate", "What it means", "Checked"], [
            [_resource(i), esc(i.get("gate")), esc(i.get("gate_description")), esc(day(i.get("checked_at")))]
            for i in items
        ]
    if name == "moved":
        return ["Resource", "Suggested new URL"], [
            [_resource(i), link(i.get("suggested_url"), i.get("suggested_url"))] for i in items
        ]
    if name == "soft_404":
        return ["Resource", "Health", "Seen", "Detail"], [
            [
                _resource(i),
                esc(i.get("health")),
                esc(day((i.get("failure") or {}).get("checked_at"))),
                esc((i.get("failure") or {}).get("detail")),
            ]
            for i in items
        ]
    if name == "no_url":
        return ["Resource", "Provider", "Kind", "Access note"], [
            [
                f'{esc(i.get("title") or i.get("id"))}<br><span class="id">{esc(i.get("id"))}</span>',
                esc(i.get("provider")),
                esc(i.get("kind")),
                esc(i.get("access_note")),
            ]
            for i in items
        ]
    if name == "drift":
        return ["Resource", "Field", "The page says", "The catalogue says"], [
            [
                _resource(i),
                esc(i.get("field")),
                esc(field_value(i["field"], i.get("page_value")))
                + (f' <span class="id">({esc(i.get("page_source"))})</span>' if i.get("page_source") else ""),
                esc(field_value(i["field"], i.get("catalogue_value"))),
            ]
            for i in items
        ]
    if name == "identity":
        return ["Resource", "The page says", "Score", "Checked"], [
            [
                _resource(i),
                esc(i.get("page_title")),
                esc(f"{float(i['identity_score']):.2f}" if i.get("identity_score") is not None else ""),
                esc(day(i.get("checked_at"))),
            ]
            for i in items
        ]
    if name == "content_changed":
        return ["Resource", "Changed"], [[_resource(i), esc(day(i.get("content_changed_at")))] for i in items]
    if name == "inconclusive":
        return ["Resource", "Outcome", "Checked", "Detail"], [
            [_resource(i), esc(outcome_text(i, key=None)), esc(minute(i.get("checked_at"))), esc(i.get("detail"))]
            for i in items
        ]
    raise ValueError(name)


def chart(runs: list[dict[str, Any]]) -> str:
    """Stacked bars of health counts at the end of each run, as inline SVG."""
    if not runs:
        return '<p class="meta">No runs yet: the chart appears after the first crawl.</p>'
    width, height, left, bottom, top = 640, 220, 36, 36, 10
    plot_h = height - bottom - top
    slot = (width - left - 10) / max(len(runs), 1)
    bar = max(6.0, min(36.0, slot * 0.7))
    biggest = max((sum(r["health"].values()) for r in runs), default=0) or 1
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height + 24}" '
        f'viewBox="0 0 {width} {height + 24}" role="img" aria-labelledby="chart-title">',
        f'<title id="chart-title">Health of the catalogue over the last {len(runs)} runs</title>',
        f'<line x1="{left}" y1="{top + plot_h}" x2="{width - 6}" y2="{top + plot_h}" stroke="#999"/>',
        f'<text x="{left - 6}" y="{top + 4}" font-size="11" text-anchor="end" fill="#555">{biggest}</text>',
        f'<text x="{left - 6}" y="{top + plot_h}" font-size="11" text-anchor="end" fill="#555">0</text>',
    ]
    for index, run in enumerate(runs):
        x = left + index * slot + (slot - bar) / 2
        y = top + plot_h
        counts = run["health"]
        tip = f"run #{run['id']} {minute(run.get('started_at'))}: " + ", ".join(
            f"{counts.get(h, 0)} {h}" for h in HEALTH_ORDER if counts.get(h)
        )
        parts.append(f"<g><title>{esc(tip, limit=None)}</title>")
        for health in HEALTH_ORDER:
            n = counts.get(health, 0)
            if not n:
                continue
            h = plot_h * n / biggest
            y -= h
            parts.append(
                f'<rect x="{x:.1f}" y="{y:.1f}" width="{bar:.1f}" height="{h:.1f}" fill="{HEALTH_COLOURS[health]}"/>'
            )
        parts.append("</g>")
        label = esc(f"#{run['id']}")
        parts.append(
            f'<text x="{x + bar / 2:.1f}" y="{top + plot_h + 14}" font-size="10" text-anchor="middle" fill="#555">{label}</text>'
        )
        if index == 0 or index == len(runs) - 1:
            parts.append(
                f'<text x="{x + bar / 2:.1f}" y="{top + plot_h + 27}" font-size="10" text-anchor="middle" '
                f'fill="#777">{esc(day(run.get("started_at"))[5:])}</text>'
            )
    lx = left
    for health in HEALTH_ORDER:
        parts.append(f'<rect x="{lx}" y="{height + 8}" width="10" height="10" fill="{HEALTH_COLOURS[health]}"/>')
        parts.append(f'<text x="{lx + 14}" y="{height + 17}" font-size="11" fill="#333">{health}</text>')
        lx += 24 + 7 * len(health)
    parts.append("</svg>")
    return (
        "<figure>"
        + "".join(parts)
        + f"<figcaption>Health at the end of each of the last {len(runs)} runs.</figcaption></figure>"
    )


def render(data: dict[str, Any]) -> str:
    title = f"linkhealth report: {data.get('catalogue') or ''}"
    body = [
        f"<h1>{esc(title)}</h1>",
        f'<p class="meta">Generated {esc(minute(data.get("generated_at")))} UTC. {esc(run_line(data), limit=None)}</p>',
        f'<p class="summary">{esc(summary_line(data), limit=None)}</p>',
    ]
    for warning in (network_warning(data), archive_warning(data)):
        if warning:
            body.append(f'<p class="note">{esc(warning, limit=None)}</p>')
    body.append(chart(data.get("runs") or []))
    any_section = False
    for name, items in nonempty_sections(data):
        any_section = True
        headers, rows = _rows(name, items)
        body.append(
            f'<section class="s-{name}" id="{name}"><h2>{esc(SECTION_TITLES[name])} ({len(items)})</h2>'
            f'<p class="hint">{esc(SECTION_HINTS[name][:1].upper() + SECTION_HINTS[name][1:], limit=None)}.</p>'
            f"{_table(headers, rows)}</section>"
        )
    if not any_section:
        body.append("<p>Nothing to report: every checked resource is served.</p>")
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en"><head><meta charset="utf-8">'
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        '<meta name="referrer" content="no-referrer">'
        f"<title>{esc(title)}</title><style>{CSS}</style></head>\n<body>\n" + "\n".join(body) + "\n</body></html>\n"
    )
