"""The short report: the counts and what is newly broken, moved or gated.

``linkhealth report --summary`` prints it, and a notification after a run
(linkhealth/notify.py) sends it: both from the report's one query, so what a
maintainer is told and what the report shows never disagree. Plain text: it
goes into e-mails and chat messages as well as terminals, so every value is
cleaned of control characters and escape sequences.
"""

from __future__ import annotations

from typing import Any

from ..outcomes import Health
from .common import run_line, summary_parts
from .terminal import clean

NEWS_TITLES = {
    Health.BROKEN.value: "Newly broken",
    Health.MOVED.value: "Newly moved",
    Health.GATED.value: "Newly gated",
}


def news_count(data: dict[str, Any]) -> int:
    """How many resources newly broke, moved or got gated in the last run."""
    return sum(len(items) for items in (data.get("news") or {}).values())


def _news_line(kind: str, item: dict[str, Any]) -> str:
    """'  id  title  url' plus where it went or what gate it is behind; the id is whole,
    since it is what a maintainer copies into `linkhealth accept` or `retire`."""
    line = f"  {clean(item.get('id'))}  {clean(item.get('title')) or '(no title)'}  {clean(item.get('url'))}"
    if kind == Health.MOVED and item.get("suggested_url"):
        line += f"  -> {clean(item.get('suggested_url'))}"
    elif kind == Health.GATED and item.get("gate"):
        line += f"  (gate: {clean(item.get('gate'))})"
    return line


def render_summary(data: dict[str, Any]) -> str:
    """The counts, the last run, and one line per newly broken, moved or gated resource."""
    out = [f"linkhealth · {clean(data.get('catalogue'))}", *(clean(p) for p in summary_parts(data))]
    retired = (data.get("summary") or {}).get("retired")
    if retired:
        out.append(f"{retired} retired (not crawled, not listed)")
    out.append(clean(run_line(data)))
    news = data.get("news") or {}
    if not news_count(data):
        out.append("Nothing newly broken, moved or gated in the last run.")
    for kind, title in NEWS_TITLES.items():
        items = news.get(kind) or []
        if items:
            out.append("")
            out.append(f"{title} ({len(items)}):")
            out.extend(_news_line(kind, item) for item in items)
    return "\n".join(out) + "\n"
