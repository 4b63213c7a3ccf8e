"""What every renderer shares: section titles, the summary line, dates, safe links."""

from __future__ import annotations

import unicodedata
import urllib.parse
from typing import Any

from ..outcomes import Health

SECTION_TITLES = {
    "newly_broken": "Newly broken since the last run",
    "broken": "Still broken",
    "failing": "Failing, not yet confirmed",
    "gated": "Gated",
    "moved": "Moved",
    "soft_404": "Soft 404s",
    "no_url": "Resources without a URL",
    "drift": "Metadata drift",
    "identity": "Works, but may no longer be this resource",
    "content_changed": "Changed substantially",
    "inconclusive": "Inconclusive visits",
}

SECTION_HINTS = {
    "newly_broken": "confirmed dead in the latest run: replace, use the archived copy, or retire",
    "broken": "failed repeatedly over at least two days",
    "failing": "failed recently; the crawler re-checks these sooner, nothing to do yet",
    "gated": "served, but a reader meets a gate first",
    "moved": "served from a new address: update the catalogue to the suggested URL",
    "soft_404": "answers 200, but the page is a 'not found', a parked domain or a home page",
    "no_url": "the catalogue has no address for these",
    "drift": "the page says one thing, the catalogue another (`linkhealth accept ID` takes the page's)",
    "identity": "the link works, but the page no longer looks like the catalogued resource "
    "(another page, a listing, a sold domain): check it and update the URL or the entry",
    "content_changed": "the page's main text changed substantially since the last good visit: worth a look",
    "inconclusive": "the last visit said nothing about the link (rate limited, bot wall, robots.txt)",
}

HEALTH_COLOURS = {
    Health.HEALTHY.value: "#2e7d32",
    Health.MOVED.value: "#0277bd",
    Health.GATED.value: "#6a1b9a",
    Health.FAILING.value: "#ef9a00",
    Health.BROKEN.value: "#c62828",
    Health.UNKNOWN.value: "#9e9e9e",
}


def json_default(value: Any) -> Any:
    """For ``json.dumps(default=...)``: a BLOB edited into the catalogue by hand is text
    (invalid UTF-8 replaced); anything else JSON cannot hold is its ``str``."""
    if isinstance(value, (bytes, bytearray, memoryview)):
        return bytes(value).decode("utf-8", "replace")
    return str(value)


def day(ts: Any) -> str:
    """The date part of an ISO time, or '' ."""
    if not ts:
        return ""
    return str(ts)[:10]


def minute(ts: Any) -> str:
    """'YYYY-MM-DD HH:MM' of an ISO time (UTC as stored)."""
    if not ts:
        return ""
    text = str(ts)
    return text[:10] + (" " + text[11:16] if len(text) >= 16 else "")


def human_duration(seconds: Any) -> str:
    if seconds is None or seconds == "":
        return ""
    try:
        total = int(float(seconds))
    except (TypeError, ValueError):
        return str(seconds)
    hours, rest = divmod(total, 3600)
    minutes, secs = divmod(rest, 60)
    parts = []
    if hours:
        parts.append(f"{hours} h")
    if minutes:
        parts.append(f"{minutes} min")
    if secs or not parts:
        parts.append(f"{secs} s")
    return " ".join(parts)


def field_value(field: str, value: Any) -> str:
    """A drift value as a reader wants it (durations in h/min)."""
    if value is None:
        return ""
    if field == "duration_seconds":
        return f"{human_duration(value)} ({value} s)"
    return str(value)


def identity_text(item: dict[str, Any]) -> str:
    """What a reader of the identity section needs: what the page calls itself, and the score."""
    score = item.get("identity_score")
    page_title = item.get("page_title")
    parts = [f"the page says: {page_title}" if page_title else "the page gives no title"]
    if score is not None:
        parts.append(f"identity score {float(score):.2f}")
    if item.get("final_url") and item.get("final_url") != item.get("url"):
        parts.append(f"served from {item['final_url']}")
    return " · ".join(parts)


def safe_http_url(url: Any) -> str | None:
    """The URL when it is a plain http(s) address fit for a link, else None."""
    if not isinstance(url, str):
        return None
    url = url.strip()
    if not url or any(unicodedata.category(ch)[0] in "CZ" and ch != " " for ch in url) or " " in url:
        return None
    try:
        parsed = urllib.parse.urlsplit(url)
    except ValueError:
        return None
    if parsed.scheme.lower() not in ("http", "https") or not parsed.netloc:
        return None
    return url


def outcome_text(item: dict[str, Any], key: str | None = "failure") -> str:
    """'not_found 404' for the item's ``key`` visit (its failure), else its latest visit."""
    visit = (item.get(key) if key else None) or item
    outcome = visit.get("outcome") or ""
    code = visit.get("status_code")
    return f"{outcome} {code}".strip() if code else outcome


def summary_parts(data: dict[str, Any]) -> tuple[str, str]:
    """The summary as (health counts, other counts)."""
    s = data["summary"]
    broken = f"{s['broken']} broken"
    if s.get("newly_broken"):
        broken += f" ({s['newly_broken']} new)"
    health = ", ".join(
        [
            f"{s['resources']} resources: {s['healthy']} healthy",
            f"{s['moved']} moved",
            f"{s['gated']} gated",
            f"{s['failing']} failing",
            broken,
            f"{s['unknown']} unknown",
        ]
    )
    other = " · ".join(
        [
            f"{s['soft_404']} soft 404",
            f"{s['no_url']} without a URL",
            f"{s['drift']} drifted field{'s' if s['drift'] != 1 else ''}",
            f"{s['inconclusive']} inconclusive",
        ]
        # shown once there is something: a catalogue never crawled since they existed has none
        + ([f"{s['identity']} may no longer be the resource"] if s.get("identity") else [])
        + ([f"{s['content_changed']} changed substantially"] if s.get("content_changed") else [])
    )
    return health, other


def summary_line(data: dict[str, Any]) -> str:
    """One line with every count: '10 resources: 3 healthy, … · 1 soft 404 · …'."""
    return " · ".join(summary_parts(data))


def run_line(data: dict[str, Any]) -> str:
    run = data.get("last_run")
    if not run:
        return "No crawl has run yet: run `linkhealth check`."
    text = (
        f"Last run #{run['id']} ({run.get('trigger') or 'manual'}) started {minute(run.get('started_at'))} UTC, "
        f"{run.get('status') or 'unknown status'}, {run.get('checked', 0)} visits"
    )
    if run.get("duration_seconds") is not None:
        text += f" in {human_duration(run['duration_seconds'])}"
    if run.get("exit_code") not in (None, 0):
        text += f", exit status {run['exit_code']}"
    return text + "."


def network_warning(data: dict[str, Any]) -> str | None:
    run = data.get("last_run") or {}
    if not run.get("network_down"):
        return None
    return (
        "The last run could not reach the network: nothing was marked dead in it; "
        "what follows stands as earlier runs left it."
    )


def archive_warning(data: dict[str, Any]) -> str | None:
    info = data.get("archive_lookup") or {}
    if info.get("error"):
        return f"The Wayback Machine could not be reached ({info['error']}); archived copies shown are from the cache."
    return None


def nonempty_sections(data: dict[str, Any]):
    from .query import SECTIONS

    for name in SECTIONS:
        items = data.get(name) or []
        if items:
            yield name, items


def clip(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"
