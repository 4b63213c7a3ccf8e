"""Network faults injected on loopback, all in ONE crawl: each ends as the right
outcome (a stall or a trickle ends at DOWNLOAD_TIMEOUT=3), and the healthy
host's visits are unaffected.

The time each fault takes is not asserted here (a busy machine would fail it);
the figures (seconds to outcome, wall time) are printed with ``-s`` and
recorded in docs/reliability.md.
"""

from __future__ import annotations

import json
import sqlite3

import pytest

from linkhealth.store import Store

from . import faultweb as fw
from .web import Page, Site, closed_port, html, reset, stall

HEALTHY = 20  # visits to the healthy host, interleaved with the faults


@pytest.fixture(scope="module")
def web():
    faulty = Site("127.0.0.21")
    healthy = Site("127.0.0.22")
    faulty.routes.update(
        {
            "/trickle": fw.trickle(1.0),
            "/stall-headers": fw.stall_mid_headers(10),
            "/stall-first-byte": stall(10),
            "/drop-mid-body": fw.drop_mid_body,
            "/reset-before-response": reset,
            "/reset-mid-body": fw.reset_mid_body,
            "/garbage": fw.raw(b"this is not HTTP at all\r\n\r\n"),
            "/empty-reply": fw.raw(b""),
            "/ok": Page(html("The faulty host can answer too")),
        }
    )
    faulty.fallback = fw.redirect_chain("/hop/", 1000)
    healthy.routes["/"] = Page(html("Healthy home"))
    for i in range(HEALTHY):
        healthy.routes[f"/page/{i}"] = Page(html(f"Healthy page {i}", "Real content " * 20))
    with faulty, healthy:
        yield {"faulty": faulty, "healthy": healthy}


FAULTS = {
    # id: (path or URL, expected outcome)
    "trickle": ("/trickle", "timeout"),
    "stall-headers": ("/stall-headers", "timeout"),
    "stall-first-byte": ("/stall-first-byte", "timeout"),
    "drop-mid-body": ("/drop-mid-body", "connection_error"),
    "reset-before-response": ("/reset-before-response", "connection_error"),
    "reset-mid-body": ("/reset-mid-body", "connection_error"),
    "garbage": ("/garbage", "connection_error"),
    "empty-reply": ("/empty-reply", "connection_error"),
    "redirect-1000": ("/hop/0", "redirect_loop"),
    "dns-one-host": ("http://only-this-host-fails.invalid/x", "dns_error"),
    "refused": ("refused", "connection_error"),
}


@pytest.fixture(scope="module")
def crawled(web, tmp_path_factory):
    faulty, healthy = web["faulty"], web["healthy"]
    db = str(tmp_path_factory.mktemp("netfaults") / "catalogue.db")
    rows = []
    for rid, (where, _) in FAULTS.items():
        if where == "refused":
            url = f"http://127.0.0.23:{closed_port('127.0.0.23')}/x"
        elif where.startswith("http"):
            url = where
        else:
            url = faulty.url(where)
        rows.append({"id": rid, "url": url})
    # the healthy host's visits, interleaved with the faults in the catalogue order
    for i in range(HEALTHY):
        rows.insert(i % (len(rows) + 1), {"id": f"healthy-{i}", "url": healthy.url(f"/page/{i}")})
    store = Store(db)
    store.import_rows([(r["id"], r) for r in rows])
    store.close()
    result = fw.run_measured(fw.linkhealth_cmd(db, probe=healthy.url("/")), timeout=120)
    assert result.returncode == 0, result.stderr[-3000:]
    conn = sqlite3.connect(db)
    conn.row_factory = sqlite3.Row
    checks = {r["resource_id"]: dict(r) for r in conn.execute("select * from checks")}
    conn.close()
    print(
        f"\nnetwork faults crawl: {len(checks)} visits, wall {result.wall:.1f} s, peak RSS {result.peak_rss_mb:.0f} MiB"
    )
    for rid in FAULTS:
        c = checks.get(rid, {})
        print(f"  {rid:24} {c.get('outcome')!s:18} {c.get('elapsed_ms')!s:>6} ms  {c.get('detail')}")
    return {"db": db, "checks": checks, "result": result}


@pytest.mark.parametrize("rid", [rid for rid, (_, expected) in sorted(FAULTS.items())])
def test_fault_ends_as_the_right_outcome(crawled, rid):
    check = crawled["checks"][rid]
    assert check["outcome"] == FAULTS[rid][1], check
    assert check["detail"], "a failure says what happened"


def test_timeouts_take_the_budget_not_the_server_time(crawled):
    """The trickle would take 100 s and the stalls 10 s: the crawler's DOWNLOAD_TIMEOUT ends each."""
    for rid in ("trickle", "stall-headers", "stall-first-byte"):
        assert crawled["checks"][rid]["error_class"] == "DownloadTimeoutError"


def test_redirect_chain_stops_at_redirect_max_times(crawled, web):
    check = crawled["checks"]["redirect-1000"]
    chain = json.loads(check["redirect_chain"])
    assert len(chain) == 10  # REDIRECT_MAX_TIMES
    hops = [h for h in web["faulty"].hits if h.startswith("/hop/")]
    assert len(hops) <= 11, "the crawler stopped following, the server saw no more hops"


def test_other_hosts_are_unaffected(crawled):
    checks = crawled["checks"]
    healthy = [checks[f"healthy-{i}"] for i in range(HEALTHY)]
    assert {c["outcome"] for c in healthy} == {"ok"}


def test_every_resource_has_exactly_one_visit_and_the_run_finished(crawled):
    store = Store(crawled["db"])
    assert store.db["checks"].count == len(FAULTS) + HEALTHY
    run = list(store.db["runs"].rows)[-1]
    assert run["status"] == "finished"
    assert store.resource("dns-one-host")["health"] == "failing"  # one bad night: not broken
    assert store.resource("healthy-0")["health"] == "healthy"
    store.close()
