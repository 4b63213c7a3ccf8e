"""The network-down hold (pipelines/network_hold.py): one stage in front of both writers.

A crawler that is itself offline must mark nothing dead, whether the visits go
to the store (one machine) or to the Redis writer (workers). The hold's state is
tested on its own, then in front of each writer, in-process (no reactor; the
probe is replaced, so nothing leaves the machine). The end-to-end offline
crawls are in test_crawl_e2e.py and test_distributed.py.
"""

from __future__ import annotations

import pytest
from scrapy import Spider
from scrapy.utils.test import get_crawler

import pipelines.network_hold as network_hold
from crawler.settings import ITEM_PIPELINES
from linkhealth.distributed.workers import worker_settings
from linkhealth.store import Store
from linkhealth.visit import Visit
from pipelines.network_hold import NetworkHold, NetworkHoldPipeline
from pipelines.store import StorePipeline

HOLD = "pipelines.network_hold.NetworkHoldPipeline"


def failed(rid: str, outcome: str = "dns_error", job: dict | None = None) -> Visit:
    visit = Visit(
        resource_id=rid,
        url=f"http://{rid}.example/",
        error_class="DNSLookupError",
        outcome=outcome,
        detail="DNS lookup failed",
    )
    if job is not None:
        visit.job = job  # type: ignore[attr-defined]  # as the Redis spider tags a visit
    return visit


def answered(rid: str, status: int = 404, job: dict | None = None) -> Visit:
    visit = Visit(
        resource_id=rid,
        url=f"http://{rid}.example/",
        final_url=f"http://{rid}.example/",
        status=status,
        outcome="not_found",
        detail="HTTP 404 Not Found",
    )
    if job is not None:
        visit.job = job  # type: ignore[attr-defined]
    return visit


@pytest.fixture
def probe(monkeypatch):
    """The connectivity probe, answering what the test says (and counting how often it is asked)."""
    calls = {"up": True, "asked": 0}

    def reachable(probe_url: str = "", timeout: float = 5.0) -> bool:
        calls["asked"] += 1
        return calls["up"]

    monkeypatch.setattr(network_hold, "network_reachable", reachable)
    return calls


# ------------------------------------------------------------------ the state


def test_a_failure_waits_until_some_host_answers_and_then_counts_as_found():
    hold = NetworkHold()
    dead = failed("dead")
    assert hold.admit(dead) == []  # no answer from anyone yet: nothing is written
    page = answered("page")
    assert hold.admit(page) == [dead, page]  # the network is up: the failure is the host's
    assert dead.outcome == "dns_error" and not dead.hold_health
    later = failed("later")
    assert hold.admit(later) == [later]


def test_an_offline_run_changes_no_health_and_blames_the_network_for_transport_failures():
    hold = NetworkHold()
    dead, bad = failed("dead"), failed("bad", outcome="invalid_url")
    hold.admit(dead)
    hold.admit(bad)
    assert hold.needs_probe()
    assert hold.settle(up=False) == [dead, bad]
    assert dead.outcome == "network_down" and dead.hold_health
    assert dead.detail == "nothing could be reached (was dns_error: DNS lookup failed)"
    assert bad.outcome == "invalid_url" and bad.hold_health  # recorded as found, changes nothing
    page = answered("page")
    assert hold.admit(page) == [page] and page.hold_health  # the run stays offline


def test_without_a_failure_on_the_wire_the_network_is_not_asked_about():
    hold = NetworkHold()
    bad = failed("bad", outcome="invalid_url")
    hold.admit(bad)
    assert not hold.needs_probe()
    assert hold.settle(up=None) == [bad] and not bad.hold_health


def test_each_run_of_a_worker_is_held_on_its_own():
    hold = NetworkHold()
    a_dead, b_dead = failed("a"), failed("b")
    hold.admit(a_dead, run="A")
    hold.admit(b_dead, run="B")
    a_page = answered("a2")
    assert hold.admit(a_page, run="A") == [a_dead, a_page]
    assert hold.pending == {"B": [b_dead]}


def test_a_crawl_stopped_at_once_keeps_what_it_held_without_judging_the_network():
    hold = NetworkHold()
    dead = failed("dead")
    hold.admit(dead)
    assert hold.stop() == [dead]
    assert dead.outcome == "dns_error" and dead.hold_health


# ------------------------------------------------------------------ in front of each writer


def test_both_writers_have_the_same_hold_in_front_of_them():
    local = dict(ITEM_PIPELINES)
    assert local[HOLD] < local["pipelines.store.StorePipeline"]
    remote = worker_settings("redis://127.0.0.1:1/0").getdict("ITEM_PIPELINES")
    assert remote[HOLD] < remote["crawler.redis_spider.RedisResultsPipeline"]
    assert remote.get("pipelines.store.StorePipeline") is None


def test_a_writer_without_the_hold_in_front_is_refused_as_the_crawl_starts():
    """It would write nothing (it writes what the hold sends): better no crawl than a silent one."""
    from crawler.redis_spider import RedisResultsPipeline

    alone = {"ITEM_PIPELINES": {"pipelines.classify.JudgePipeline": 100, "pipelines.store.StorePipeline": 900}}
    with pytest.raises(ValueError, match="NetworkHoldPipeline"):
        StorePipeline.from_crawler(get_crawler(Spider, alone))
    with pytest.raises(ValueError, match="NetworkHoldPipeline"):
        RedisResultsPipeline.from_crawler(get_crawler(Spider, {"ITEM_PIPELINES": {}}))


def _local_crawl(db: str, **settings):
    crawler = get_crawler(
        Spider,
        {
            "LINKHEALTH_DB": db,
            "LINKHEALTH_LOCK_HELD": True,
            "ITEM_PIPELINES": ITEM_PIPELINES,
            "LINKHEALTH_CONNECTIVITY_PROBE": "http://127.0.0.1:9/",
            **settings,
        },
    )
    crawler.crawling = True
    spider = Spider(name="resources")
    hold, store = NetworkHoldPipeline.from_crawler(crawler), StorePipeline.from_crawler(crawler)
    hold.open_spider(spider)
    store.open_spider(spider)
    return crawler, spider, hold, store


def _checks(db: str) -> dict[str, tuple[str, str]]:
    s = Store(db)
    try:
        rows = s.db.query(
            "select c.resource_id, c.outcome, r.health from checks c join resources r on r.id = c.resource_id"
        )
        return {row["resource_id"]: (row["outcome"], row["health"]) for row in rows}
    finally:
        s.close()


@pytest.fixture
def catalogue(db_path):
    s = Store(db_path)
    s.import_rows([(rid, {"id": rid, "url": f"http://{rid}.example/"}) for rid in ("dead", "bad", "page")])
    s.close()
    return db_path


def test_the_store_writes_an_offline_run_as_network_down(catalogue, probe):
    probe["up"] = True  # as the crawl opens
    crawler, spider, hold, store = _local_crawl(catalogue)
    for visit in (failed("dead"), failed("bad", outcome="invalid_url")):
        hold.process_item(visit, spider)
        store.process_item(visit, spider)
    assert _checks(catalogue) == {}  # held: nothing written while no host has answered
    probe["up"] = False  # by the end, nothing answered and the probe fails
    store.close_spider(spider)
    assert _checks(catalogue) == {"dead": ("network_down", "unknown"), "bad": ("invalid_url", "unknown")}
    assert crawler.stats.get_value("linkhealth/run_status") == "network_down"


def test_the_store_writes_a_failure_as_found_once_a_host_answered(catalogue, probe):
    crawler, spider, hold, store = _local_crawl(catalogue)
    for visit in (failed("dead"), answered("page")):
        hold.process_item(visit, spider)
        store.process_item(visit, spider)
    store.close_spider(spider)
    assert _checks(catalogue) == {"dead": ("dns_error", "failing"), "page": ("not_found", "failing")}
    assert crawler.stats.get_value("linkhealth/run_status") == "finished"
    assert probe["asked"] == 1  # at the start only: the answer showed the network up


def test_a_failed_probe_at_the_start_keeps_every_visit_from_changing_health(catalogue, probe):
    probe["up"] = False
    crawler, spider, hold, store = _local_crawl(catalogue)
    page = answered("page")
    hold.process_item(page, spider)
    store.close_spider(spider)
    assert _checks(catalogue) == {"page": ("not_found", "unknown")}
    assert crawler.stats.get_value("linkhealth/run_status") == "network_down"


def test_the_redis_writer_sends_what_the_hold_lets_go(probe):
    from crawler.redis_spider import RedisResultsPipeline

    sent: list[Visit] = []

    class Worker(Spider):
        name = "resources-redis"

        def send_result(self, item: Visit) -> None:
            sent.append(item)

    crawler = get_crawler(
        Worker,
        {
            "LINKHEALTH_CONNECTIVITY_PROBE": "http://127.0.0.1:9/",
            "ITEM_PIPELINES": {HOLD: 800, "crawler.redis_spider.RedisResultsPipeline": 900},
            "LINKHEALTH_PROBE_AT_OPEN": False,
        },
    )
    spider = Worker()
    hold, results = NetworkHoldPipeline.from_crawler(crawler), RedisResultsPipeline.from_crawler(crawler)
    hold.open_spider(spider)
    results.open_spider(spider)
    assert probe["asked"] == 0  # a worker outlives runs: no probe as it opens
    assert spider.network_hold is hold  # the spider settles the runs when its downloads are done
    a_dead, b_dead, a_page = (
        failed("a", job={"run": "A"}),
        failed("b", job={"run": "B"}),
        answered("a2", job={"run": "A"}),
    )
    for visit in (a_dead, b_dead, a_page):
        results.process_item(hold.process_item(visit, spider), spider)
    assert sent == [a_dead, a_page] and hold.has_pending()
    probe["up"] = False
    results.close_spider(spider)
    assert sent == [a_dead, a_page, b_dead]
    assert b_dead.outcome == "network_down" and b_dead.hold_health
    assert a_dead.outcome == "dns_error" and not a_dead.hold_health
