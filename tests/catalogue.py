"""A small catalogue with a known history: one resource in every state of the report.

Shared by the report and the Datasette tests (test modules do not import each other).
"""

from __future__ import annotations

from pathlib import Path

from linkhealth.store import Store
from pipelines.classify import judge_batch
from pipelines.identity import simhash

DAYS = [
    "2026-11-01T02:30:00+00:00",
    "2026-11-02T02:30:00+00:00",
    "2026-11-03T02:30:00+00:00",
    "2026-11-04T02:30:00+00:00",
]
#: What each resource's four nightly visits found.
PLAN = {
    "healthy-guide": ["ok", "ok", "ok", "ok"],
    "untitled-video": ["ok", "ok", "ok", "ok"],
    "failing-video": ["ok", "ok", "ok", "not_found"],
    "broken-old": ["not_found", "not_found", "not_found", "not_found"],
    "newly-dead": ["ok", "gone", "gone", "gone"],
    "parked-domain": ["ok", "ok", "soft_404", "soft_404"],
    "gated-course": ["gated", "gated", "gated", "gated"],
    "moved-handbook": ["ok", "ok", "moved", "moved"],
    "drifted-webinar": ["ok", "ok", "ok", "ok"],
    "rate-limited": ["ok", "ok", "ok", "rate_limited"],
}
CODES = {
    "ok": 200,
    "not_found": 404,
    "gone": 410,
    "soft_404": 200,
    "gated": 200,
    "moved": 200,
    "rate_limited": 429,
    "invalid_url": None,
    "network_down": None,
}
RESOURCES = [
    {
        "id": "healthy-guide",
        "url": "https://example.org/guide",
        "title": "A healthy guide",
        "provider": "WHO",
        "kind": "guide",
    },
    {"id": "untitled-video", "url": "https://example.org/video"},
    {
        "id": "failing-video",
        "url": "https://video.example/v1",
        "title": "A failing video",
        "provider": "Vimeo",
        "kind": "video",
    },
    {
        "id": "broken-old",
        "url": "https://old.example/page",
        "title": "Long-dead training",
        "provider": "IOM",
        "kind": "training",
    },
    {"id": "newly-dead", "url": "https://new.example/dead", "title": "Webinar that just died", "kind": "webinar"},
    {"id": "parked-domain", "url": "https://parked.example/res", "title": "Parked handbook", "kind": "handbook"},
    {
        "id": "gated-course",
        "url": "https://lms.example/course",
        "title": "Gated course",
        "provider": "HEAL",
        "kind": "training",
    },
    {"id": "moved-handbook", "url": "http://moved.example/old", "title": "Moved handbook", "kind": "handbook"},
    {"id": "no-url", "title": "Printed leaflet", "provider": "NHS", "kind": "guide"},
    {
        "id": "drifted-webinar",
        "url": "https://drift.example/w",
        "title": "Old webinar title",
        "kind": "webinar",
        "duration_seconds": 3600,
    },
    {"id": "rate-limited", "url": "https://busy.example/r", "title": "Busy host resource", "kind": "video"},
]


_GUIDE_TEXT = " ".join(["A healthy guide for clinicians: how to recognise and care for patients, step by step."] * 5)
_REPORT_TEXT = " ".join(["Annual report 2026: our finances, offices, staff numbers and the year's events."] * 5)
GUIDE_PAGE = {
    "title": "A healthy guide | WHO",
    "headings": ["A healthy guide"],
    "text": _GUIDE_TEXT,
    "fingerprint": simhash(_GUIDE_TEXT),
}
REPORT_PAGE = {
    "title": "Annual report 2026 | WHO",
    "headings": ["Annual report 2026"],
    "text": _REPORT_TEXT,
    "fingerprint": simhash(_REPORT_TEXT),
}


def build_catalogue(path: Path, titles: dict[str, str] | None = None, urls: dict[str, str] | None = None) -> Store:
    """Four nightly runs over 72 hours that leave one resource in every state of the report.

    ``titles`` / ``urls`` replace a resource's curated title / URL (for hostile values).
    """
    store = Store(path)
    rows = []
    for row in RESOURCES:
        row = dict(row)
        if titles and row["id"] in titles:
            row["title"] = titles[row["id"]]
        if urls and row["id"] in urls:
            row["url"] = urls[row["id"]]
        rows.append(("test", row))
    store.import_rows(rows)
    for n, when in enumerate(DAYS):
        run = store.start_run("manual" if n == 0 else "schedule")
        visits = []
        for rid, outcomes in PLAN.items():
            outcome = outcomes[n]
            url = store.resource(rid)["url"]
            visit = {
                "resource_id": rid,
                "run_id": run,
                "url": url,
                "final_url": url,
                "status_code": CODES[outcome],
                "outcome": outcome,
                "gate": None,
                "detail": None,
                "checked_at": when,
            }
            if outcome == "gated":
                visit.update(
                    gate="login",
                    final_url="https://lms.example/login?next=/course",
                    detail="redirected to a sign-in page",
                )
            elif outcome == "moved":
                visit["final_url"] = "https://moved.example/new-home"
            elif outcome == "soft_404":
                visit["detail"] = "the page says 'page not found'"
            elif outcome == "not_found":
                visit["detail"] = "404 Not Found"
            elif outcome == "rate_limited":
                visit["detail"] = "429 Too Many Requests, Retry-After 3600"
            if rid == "drifted-webinar":
                visit["metadata"] = {
                    "title": "New webinar title from the page",
                    "title_source": "jsonld",
                    "duration_seconds": 5400,
                    "duration_seconds_source": "jsonld",
                    "description": "What the page says about itself, at some length.",
                    "description_source": "og",
                }
            if rid == "healthy-guide":  # works all along; the last visit finds another thing there
                visit["page"] = GUIDE_PAGE if n < 3 else REPORT_PAGE
            if rid == "untitled-video":
                # the crawler owns this title: it follows the page, never drift
                visit["metadata"] = {"title": "Video title, take %d" % (1 + n // 2), "title_source": "og"}
            visits.append(visit)
        judge_batch(store, visits)  # identity, as the crawl's store pipeline judges it
        store.record_visits(visits)
        store.finish_run(run)
    return store
