"""End to end over the fixture pages: every gate and every metadata source,
served from a loopback host at a realistic path, crawled by the real command,
read back from the store.

The cases live beside their fixtures (tests/fixtures/pages/judge_cases.json,
tests/fixtures/metadata/expected.json), so a new fixture is crawled end to end
as soon as it is listed.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from linkhealth.store import Store

from .helpers import last_checks, run_check
from .web import Page, Site, redirect

FIXTURES = Path(__file__).resolve().parent / "fixtures"
JUDGE_CASES = [c for c in json.loads((FIXTURES / "pages" / "judge_cases.json").read_text()) if not c.get("unit_only")]
META_CASES = json.loads((FIXTURES / "metadata" / "expected.json").read_text())


def page_for(case: dict, folder: Path) -> Page:
    body = (folder / case["file"]).read_bytes() if case.get("file") else b""
    headers = dict(case.get("headers") or {})
    content_type = (
        case.get("content_type")
        or headers.pop("Content-Type", None)
        or headers.pop("content-type", "text/html; charset=utf-8")
    )
    return Page(body, status=case.get("status", 200), headers=headers, content_type=content_type)


@pytest.fixture(scope="module")
def crawled(tmp_path_factory):
    gates = Site("127.0.0.7")
    meta = Site("127.0.0.8")
    for case in JUDGE_CASES:
        chain = case.get("redirect_chain") or []
        for hop in chain:
            gates.routes[hop["path"]] = redirect(hop["location"], hop["status"])
        last = chain[-1]["location"] if chain else case["path"]
        hops = {hop["path"] for hop in chain}
        # an absolute location (another host) is meant to be unreachable; a loop has no page
        if last.startswith("/") and last not in hops:
            gates.routes[last] = page_for(case, FIXTURES / "pages")
    for case in META_CASES:
        meta.routes[case["path"]] = page_for(case, FIXTURES / "metadata")
    db = str(tmp_path_factory.mktemp("pages") / "catalogue.db")
    with gates, meta:
        store = Store(db)
        rows = [{"id": f"gate-{c['name']}", "url": gates.url(c["path"])} for c in JUDGE_CASES]
        rows += [{"id": f"meta-{c['name']}", "url": meta.url(c["path"])} for c in META_CASES]
        # a curated title that differs from the page: must be kept, the page's shown as drift
        rows[-1]["title"] = "The maintainers' own title"
        store.import_rows([(r["id"], r) for r in rows])
        store.close()
        result = run_check(db, probe=meta.url("/robots.txt"))
    assert result.returncode == 0, result.stderr[-3000:]
    return {"db": db, "checks": last_checks(db), "curated": rows[-1]["id"]}


@pytest.mark.parametrize("case", JUDGE_CASES, ids=[c["name"] for c in JUDGE_CASES])
def test_gate_and_outcome_end_to_end(crawled, case):
    check = crawled["checks"][f"gate-{case['name']}"]
    assert (check["outcome"], check["gate"]) == (case["outcome"], case.get("gate")), check["detail"]


@pytest.mark.parametrize("case", META_CASES, ids=[c["name"] for c in META_CASES])
def test_metadata_end_to_end(crawled, case):
    rid = f"meta-{case['name']}"
    row = Store(crawled["db"]).resource(rid)
    assert crawled["checks"][rid]["outcome"] == "ok"
    assert row["page_title"] == case["title"]
    if rid != crawled["curated"]:
        assert row["title"] == case["title"]
    assert row["page_duration_seconds"] == case.get("duration_seconds")
    if case.get("duration_seconds"):
        assert row["duration_seconds"] == case["duration_seconds"]
        assert bool(row["page_duration_approximate"]) == bool(case.get("duration_approximate"))
    if case.get("description_startswith"):
        assert (row["page_description"] or "").startswith(case["description_startswith"])


def test_curated_title_is_kept_and_drift_recorded(crawled):
    store = Store(crawled["db"])
    row = store.resource(crawled["curated"])
    assert row["title"] == "The maintainers' own title"
    assert row["page_title"] and row["page_title"] != row["title"]
    changed = {c["field"] for c in store.db["changes"].rows_where("resource_id = ?", [crawled["curated"]])}
    assert "title" not in changed and "page_title" in changed


def test_every_crawler_change_is_a_changes_row(crawled):
    store = Store(crawled["db"])
    for row in store.db.query("select id, title from resources where id like 'meta-%' and title is not null"):
        if row["id"] == crawled["curated"]:
            continue
        rows = list(store.db["changes"].rows_where("resource_id = ? and field = 'title'", [row["id"]]))
        assert len(rows) == 1 and rows[0]["new_value"] == row["title"] and rows[0]["source"].startswith("page:")
