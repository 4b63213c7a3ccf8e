"""End to end: the real crawl (a subprocess, as a user runs it) against a local
test web of several loopback hosts, then the store is read back.
"""

from __future__ import annotations

import json
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from linkhealth.store import Store

from .helpers import FAST, last_checks, run_check
from .web import Page, Site, closed_port, conditional, drop_mid_body, html, redirect, reset, stall

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def web():
    """Three hosts: an ordinary site, a site that answers 200 for every path, and a fixture host."""
    main = Site("127.0.0.2", robots="User-agent: *\nDisallow: /private/\n")
    catchall = Site("127.0.0.3", fallback=Page(html("Welcome to Catchall", "Everything is here.")))
    main.routes.update(
        {
            "/ok": Page(html("A training on trafficking", "Real content.")),
            "/moved": redirect("/new-home", 301),
            "/new-home": Page(html("New home of the page")),
            "/temporary": redirect("/ok", 302),
            "/missing": Page(html("Not here"), status=404),
            "/gone": Page(html("Gone"), status=410),
            "/error": Page(html("Oops"), status=500),
            "/slow": stall(8),
            "/loop-a": redirect("/loop-b", 302),
            "/loop-b": redirect("/loop-a", 302),
            "/limited": Page(html("Too many"), status=429, headers={"Retry-After": "3600"}),
            "/challenge": Page(html("Just a moment..."), status=403, headers={"cf-mitigated": "challenge"}),
            "/private/report": Page(html("Private report")),
            "/soft": Page(html("Page not found", "Sorry, the page you requested could not be found.")),
            "/deep/resource/page": redirect("/", 301),
            "/": Page(html("Main site home")),
            "/etag": conditional(Page(html("Stable page")), '"v1"'),
            "/to-nowhere": redirect("http://no-such-host.invalid/page", 302),
            "/reset": reset,
            "/cut": drop_mid_body,
            "/auth": Page(html("Authorization required"), status=401),
            "/forbidden": Page(html("Forbidden"), status=403),
        }
    )
    catchall.routes["/real/article"] = Page(html("A real article about care", "Different, real content " * 30))
    with main, catchall:
        yield {"main": main, "catchall": catchall}


@pytest.fixture(scope="module")
def crawled(web, tmp_path_factory):
    main, catchall = web["main"], web["catchall"]
    db = str(tmp_path_factory.mktemp("e2e") / "catalogue.db")
    store = Store(db)
    rows = [
        ("ok", main.url("/ok")),
        ("moved", main.url("/moved")),
        ("temporary", main.url("/temporary")),
        ("missing", main.url("/missing")),
        ("gone", main.url("/gone")),
        ("error", main.url("/error")),
        ("slow", main.url("/slow")),
        ("loop", main.url("/loop-a")),
        ("limited", main.url("/limited")),
        ("challenge", main.url("/challenge")),
        ("robots", main.url("/private/report")),
        ("robots2", main.url("/private/report-2")),
        ("robots3", main.url("/private/report-3")),
        ("robots4", main.url("/private/report-4")),
        ("soft", main.url("/soft")),
        ("deep", main.url("/deep/resource/page")),
        ("etag", main.url("/etag")),
        ("to-nowhere", main.url("/to-nowhere")),
        ("reset", main.url("/reset")),
        ("auth", main.url("/auth")),
        ("forbidden", main.url("/forbidden")),
        ("catchall-fake", catchall.url("/some/old/resource")),
        ("catchall-real", catchall.url("/real/article")),
        ("refused", f"http://127.0.0.4:{closed_port('127.0.0.4')}/x"),
        ("dns", "http://no-such-host.invalid/x"),
        ("tls", f"https://127.0.0.2:{main.port}/ok"),
        ("ftp", "ftp://example.org/file.pdf"),
        ("javascript", "javascript:alert(1)"),
    ]
    store.import_rows([(rid, {"id": rid, "url": url, "title": f"Resource {rid}"}) for rid, url in rows])
    store.close()
    result = run_check(db, probe=main.url("/ok"))
    assert result.returncode == 0, result.stderr[-3000:]
    return {"db": db, "result": result, "checks": last_checks(db)}


EXPECTED = {
    "ok": ("ok", None),
    "moved": ("moved", None),
    "temporary": ("ok", None),
    "missing": ("not_found", None),
    "gone": ("gone", None),
    "error": ("server_error", None),
    "slow": ("timeout", None),
    "loop": ("redirect_loop", None),
    "limited": ("rate_limited", None),
    "challenge": ("blocked", None),
    "robots": ("robots_disallowed", None),
    # Scrapy 2.19 lets the 3rd and later waiters for one robots.txt through unchecked
    "robots2": ("robots_disallowed", None),
    "robots3": ("robots_disallowed", None),
    "robots4": ("robots_disallowed", None),
    "soft": ("soft_404", None),
    "deep": ("soft_404", None),
    "etag": ("ok", None),
    "to-nowhere": ("dns_error", None),
    "reset": ("connection_error", None),
    "auth": ("gated", "auth"),
    "forbidden": ("gated", "forbidden"),
    "catchall-fake": ("soft_404", None),
    "catchall-real": ("ok", None),
    "refused": ("connection_error", None),
    "dns": ("dns_error", None),
    "tls": ("tls_error", None),
    "ftp": ("invalid_url", None),
    "javascript": ("invalid_url", None),
}


@pytest.mark.parametrize("rid", sorted(EXPECTED))
def test_each_visit_gets_its_outcome(crawled, rid):
    check = crawled["checks"][rid]
    assert (check["outcome"], check["gate"]) == EXPECTED[rid], check


def test_every_resource_has_one_check_and_a_run(crawled):
    store = Store(crawled["db"])
    assert store.db["checks"].count == len(EXPECTED)
    run = list(store.db["runs"].rows)[-1]
    assert run["status"] == "finished" and run["finished_at"] and run["trigger"] == "manual"
    assert sum(json.loads(run["counts"]).values()) == len(EXPECTED)


def test_moved_suggests_the_new_url_without_rewriting(crawled, web):
    row = Store(crawled["db"]).resource("moved")
    assert row["url"] == web["main"].url("/moved")
    assert row["suggested_url"] == web["main"].url("/new-home")
    assert row["health"] == "moved"


def test_wire_facts_are_recorded(crawled):
    ok = crawled["checks"]["ok"]
    assert ok["status_code"] == 200 and ok["content_type"] == "text/html"
    assert ok["content_hash"] and ok["bytes"] > 0 and ok["elapsed_ms"] is not None
    moved = crawled["checks"]["moved"]
    chain = json.loads(moved["redirect_chain"])
    assert chain[0]["status"] == 301 and chain[0]["location"].endswith("/new-home")
    dns = crawled["checks"]["dns"]
    assert dns["error_class"] and dns["error_message"]


def test_one_bad_night_is_failing_not_broken(crawled):
    store = Store(crawled["db"])
    assert store.resource("missing")["health"] == "failing"
    assert store.resource("ok")["health"] == "healthy"
    assert store.resource("limited")["health"] == "unknown"  # inconclusive only


def test_summary_is_printed(crawled):
    out = crawled["result"].stdout
    assert f"checked {len(EXPECTED)} resources" in out


def test_dead_hosts_are_findings_not_tracebacks_in_the_log(crawled):
    """Under cron, plain log lines: a robots.txt that cannot be fetched (DNS, refused,
    TLS) is one INFO line, not an ERROR with a traceback; the page's visit says the rest."""
    [log_path] = [row["log_path"] for row in Store(crawled["db"]).db.query("select log_path from runs")]
    log = Path(log_path).read_text()  # the run's log file: stderr holds warnings only
    assert "robots.txt not fetched for" in log
    assert "Traceback" not in log
    assert "log_count/ERROR" not in log


def test_unattended_check_writes_warnings_and_the_summary_only(crawled):
    """Under cron (no terminal) stderr is no place for Scrapy's settings, stats and INFO
    lines: they go to the run's log file, named in the summary."""
    result = crawled["result"]
    [log_path] = [row["log_path"] for row in Store(crawled["db"]).db.query("select log_path from runs")]
    assert "Dumping Scrapy stats" not in result.stderr and "Overridden settings" not in result.stderr
    assert " INFO: " not in result.stderr
    log = Path(log_path).read_text()
    assert "Dumping Scrapy stats" in log and "Overridden settings" in log
    assert f"log: {log_path}" in result.stdout


def test_second_run_uses_conditional_requests(crawled, web):
    """The second crawl sends If-None-Match; the server's 304 is `not_modified`."""
    db = crawled["db"]
    result = run_check(db, "--resource", "etag", probe=web["main"].url("/ok"))
    assert result.returncode == 0, result.stderr[-2000:]
    check = last_checks(db)["etag"]
    assert check["outcome"] == "not_modified"
    assert Store(db).resource("etag")["health"] == "healthy"


def test_nothing_due_right_after_a_full_run(crawled, web):
    result = run_check(crawled["db"], probe=web["main"].url("/ok"))
    assert result.returncode == 0
    assert "nothing was due" in result.stdout


def test_offline_marks_nothing_dead(tmp_path):
    db = str(tmp_path / "offline.db")
    store = Store(db)
    dead = f"http://127.0.0.5:{closed_port('127.0.0.5')}"
    store.import_rows([(str(i), {"id": f"r{i}", "url": f"{dead}/{i}"}) for i in range(3)])
    store.close()
    result = run_check(db, probe=f"{dead}/probe")
    assert result.returncode == 0, result.stderr[-2000:]
    assert "nothing was marked dead" in result.stdout
    store = Store(db)
    assert {r["outcome"] for r in store.db["checks"].rows} == {"network_down"}
    assert {r["health"] for r in store.db["resources"].rows} == {"unknown"}
    assert list(store.db["runs"].rows)[-1]["status"] == "network_down"


@pytest.mark.parametrize("probe_fails", [True, False])
def test_a_network_down_run_changes_no_health_at_all(tmp_path, web, probe_fails):
    """Issue 3: when a run reaches no host (or the configured probe fails), *no* resource
    changes health: not an invalid URL judged without the network, nor a page that
    answered while the probe said the crawler was offline."""
    db = str(tmp_path / "offline.db")
    store = Store(db)
    dead = f"http://127.0.0.5:{closed_port('127.0.0.5')}"
    rows = {"dead": f"{dead}/x", "ftp": "ftp://example.org/file.pdf", "js": "javascript:alert(1)"}
    if probe_fails:
        rows["answered"] = web["main"].url("/missing")
    store.import_rows([(rid, {"id": rid, "url": url}) for rid, url in rows.items()])
    store.close()
    result = run_check(db, probe=f"{dead}/probe")
    assert result.returncode == 0, result.stderr[-2000:]
    assert "nothing was marked dead" in result.stdout
    store = Store(db)
    assert {r["id"]: r["health"] for r in store.db["resources"].rows} == dict.fromkeys(rows, "unknown")
    assert not [r for r in store.db["changes"].rows if r["field"] == "health"]
    assert last_checks(db)["js"]["outcome"] == "invalid_url"  # still recorded as found


def test_scrapy_crawl_does_the_same(tmp_path, web):
    db = str(tmp_path / "scrapy.db")
    store = Store(db)
    store.add(web["main"].url("/missing"), resource_id="m")
    store.close()
    result = subprocess.run(
        [sys.executable, "-m", "scrapy", "crawl", "resources", "-s", f"LINKHEALTH_DB={db}", *FAST],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert last_checks(db)["m"]["outcome"] == "not_found"


def test_two_processes_share_the_hosts_and_one_run(tmp_path, web):
    """LINKHEALTH_PROCESSES=2: each host's URLs go to one process; one run, every resource once."""
    db = str(tmp_path / "sharded.db")
    store = Store(db)
    main, catchall = web["main"], web["catchall"]
    rows = [{"id": f"m{i}", "url": main.url(f"/missing?{i}")} for i in range(20)]
    rows += [{"id": f"c{i}", "url": catchall.url(f"/real/article?{i}")} for i in range(20)]
    rows += [{"id": "ok", "url": main.url("/ok")}]
    store.import_rows([(r["id"], r) for r in rows])
    store.close()
    result = run_check(
        db, "-s", "LINKHEALTH_PROCESSES=2", "-s", "LINKHEALTH_SOFT404_PROBE=False", probe=main.url("/ok")
    )
    assert result.returncode == 0, result.stderr[-3000:]
    assert "checked 41 resources" in result.stdout
    store = Store(db)
    runs = list(store.db["runs"].rows)
    assert len(runs) == 1 and runs[0]["status"] == "finished"
    per_resource = dict(store.db.execute("select resource_id, count(*) from checks group by resource_id").fetchall())
    assert len(per_resource) == 41 and set(per_resource.values()) == {1}
    assert json.loads(runs[0]["counts"]) == {"not_found": 20, "ok": 21}


def counting_slow_pages():
    """A page route that takes 0.3 s, and the most requests it had in hand at once."""
    lock = threading.Lock()
    in_hand = {"now": 0, "most": 0}

    def slow(handler):
        with lock:
            in_hand["now"] += 1
            in_hand["most"] = max(in_hand["most"], in_hand["now"])
        try:
            time.sleep(0.3)
            handler.send_page(Page(html("Slow page", "A page that takes its time")))
        finally:
            with lock:
                in_hand["now"] -= 1

    return slow, in_hand


def test_a_host_never_gets_more_than_its_concurrency_limit(tmp_path):
    """CONCURRENT_REQUESTS_PER_DOMAIN holds: a slow host with 12 catalogued pages sees at
    most 2 requests at once (Scrapy's asyncio reactor sent all 12; see crawler/settings.py)."""
    slow, in_hand = counting_slow_pages()
    with Site("127.0.0.7", fallback=slow) as site:
        db = str(tmp_path / "polite.db")
        store = Store(db)
        store.import_rows([(f"s{i}", {"id": f"s{i}", "url": site.url(f"/page/{i}")}) for i in range(12)])
        store.close()
        result = run_check(
            db,
            "-s",
            "CONCURRENT_REQUESTS_PER_DOMAIN=2",
            "-s",
            "CONCURRENT_REQUESTS=32",
            "-s",
            "LINKHEALTH_SOFT404_PROBE=False",
            probe=site.url("/robots.txt"),
        )
        assert result.returncode == 0, result.stderr[-3000:]
        assert "checked 12 resources" in result.stdout
        assert in_hand["most"] == 2, f"{in_hand['most']} requests in hand at once on one host"


def test_two_processes_split_a_big_host_within_its_politeness_limit(tmp_path):
    """One host of 16 due pages on 2 processes: both get work (they used to be split by
    host hash, which left one idle and exiting at once), and the host never gets more than
    its 2 requests at a time from the two together."""
    import re

    slow, in_hand = counting_slow_pages()
    with Site("127.0.0.7", fallback=slow) as site:
        db = str(tmp_path / "split.db")
        store = Store(db)
        store.import_rows([(f"s{i}", {"id": f"s{i}", "url": site.url(f"/page/{i}")}) for i in range(16)])
        store.close()
        result = run_check(
            db,
            "-s",
            "LINKHEALTH_PROCESSES=2",
            "-s",
            "CONCURRENT_REQUESTS_PER_DOMAIN=2",
            "-s",
            "LINKHEALTH_SOFT404_PROBE=False",
            "-s",
            "LOG_LEVEL=INFO",
            probe=site.url("/robots.txt"),
        )
        assert result.returncode == 0, result.stderr[-3000:]
        assert "checked 16 resources" in result.stdout
        shares = [int(n) for n in re.findall(r"'linkhealth/due': (\d+)", result.stderr)]
        assert len(shares) == 2 and sum(shares) == 16 and min(shares) > 0, shares
        assert in_hand["most"] <= 2, f"{in_hand['most']} requests in hand at once on one host"


@pytest.mark.parametrize(
    "setting, due, cores, expected",
    [
        ("auto", 30, 2, 1),  # a nightly catalogue: not worth a second process
        ("auto", 1999, 8, 1),
        ("auto", 10_000, 2, 2),  # the benchmark's list on this machine: both cores
        ("auto", 10_000, 1, 1),
        ("auto", 1_000_000, 64, 2),  # each process holds ~105 MB: 100k stays under 300 MB
        ("auto", 10_000, None, 1),  # cores unknown
        (None, 10_000, 2, 2),
        ("3", 10, 2, 3),  # a number is taken as it is
        (1, 10_000, 8, 1),
    ],
)
def test_crawler_processes(setting, due, cores, expected):
    from linkhealth.crawl import crawler_processes

    assert crawler_processes(setting, due, cores) == expected


@pytest.mark.parametrize("setting", ["0", "-2", "two", "1.5"])
def test_crawler_processes_refuses_nonsense(setting):
    from linkhealth.crawl import CrawlFailed, crawler_processes

    with pytest.raises(CrawlFailed, match="LINKHEALTH_PROCESSES"):
        crawler_processes(setting, 100, 2)
