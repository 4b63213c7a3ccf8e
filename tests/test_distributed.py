"""The crawl on Redis (linkhealth/distributed/, crawler/redis_spider.py,
crawler/redis_middlewares.py): a real ``redis-server`` on loopback, real
``linkhealth worker`` processes, one writer, and the test web on 127.0.0.4x.

- the queue protocol (leases, once-only results, re-queue, abandon, host
  semaphore) against Redis directly, no reactor;
- three workers and the writer over a 2,000-resource catalogue, one worker
  killed midway: every resource checked exactly once in the run, with the same
  outcomes as a single-machine ``linkhealth check --all``;
- a host never sees more than CONCURRENT_REQUESTS_PER_DOMAIN requests at once
  from all workers together (and does without the shared semaphore);
- the single-machine path never imports Redis.
"""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from linkhealth.store import Store

from .conftest import stop_process
from .helpers import wait_for
from .redisserver import REDIS_SERVER, start_redis
from .redisserver import free_port as _free_port
from .web import Page, Site, html, redirect

ROOT = Path(__file__).resolve().parents[1]

pytestmark = pytest.mark.skipif(
    REDIS_SERVER is None,
    reason="redis-server is not installed (Debian: apt-get install redis-server; .ci/run does it)",
)


@pytest.fixture(scope="module")
def redis_url(tmp_path_factory):
    pytest.importorskip("redis", reason="the redis extra is not installed")
    pytest.importorskip("scrapy_redis", reason="the redis extra is not installed")
    try:
        proc, port = start_redis(tmp_path_factory.mktemp("redis"))
    except RuntimeError as exc:
        pytest.fail(str(exc))
    try:
        yield f"redis://127.0.0.1:{port}/0"
    finally:
        stop_process(proc)


@pytest.fixture
def server(redis_url):
    import redis

    client = redis.Redis.from_url(redis_url)
    client.flushdb()
    yield client
    client.flushdb()


# ---------------------------------------------------------------- the protocol, no reactor


def test_a_job_is_leased_and_its_result_accepted_once(server):
    from linkhealth.distributed import JobQueue

    q = JobQueue(server, "t")
    q.open_run("R", {"run_id": 1})
    q.feed("R", [{"id": "a", "url": "http://x/a"}, {"id": "b", "url": "http://x/b"}], first=0)
    taken = q.fetch(10, lease_ms=60_000)
    assert [json.loads(t)["id"] for t in taken] == ["a", "b"]
    assert server.llen("t:start") == 0 and q.leased("R") == 2
    assert q.complete("R", 0, taken[0], '{"n":0}') == 1
    assert q.complete("R", 0, taken[0], '{"n":0}') == 0  # a second result for job 0 is dropped
    assert q.leased("R") == 1
    assert q.pop_results("R", 10, timeout=0) == [b'{"n":0}']


def redis_ms(server) -> int:
    """Redis's clock in milliseconds: lease deadlines are on it, not on ours."""
    seconds, micros = server.time()
    return seconds * 1000 + micros // 1000


def test_an_expired_lease_is_requeued_then_abandoned(server):
    from linkhealth.distributed import JobQueue

    q = JobQueue(server, "t")
    q.open_run("R", {})
    q.feed("R", [{"id": "a", "url": "http://x/a"}], first=0)
    for attempt in (1, 2):
        taken = q.fetch(1, lease_ms=1)  # the worker "dies": nobody renews
        assert len(taken) == 1
        # reaping a lease not yet expired changes nothing, so poll until it has expired
        wait_for(lambda: q.reap("R", max_tries=3) == (1, 0), "the lease to be re-queued", timeout=10)
        assert json.loads(server.lindex("t:start", 0))["try"] == attempt
    q.fetch(1, lease_ms=1)
    wait_for(lambda: q.reap("R", max_tries=3) == (0, 1), "the job to be abandoned", timeout=10)
    (record,) = q.pop_results("R", 10, timeout=0)
    assert json.loads(record) == {"abandoned": True, "n": 0, "resource_id": "a", "url": "http://x/a", "tries": 3}
    assert server.llen("t:start") == 0


def test_a_renewed_lease_is_not_reaped_and_a_released_job_goes_first(server):
    from linkhealth.distributed import JobQueue

    q = JobQueue(server, "t")
    q.open_run("R", {})
    q.feed("R", [{"id": "a", "url": "u"}, {"id": "b", "url": "u"}], first=0)
    fetched_at = redis_ms(server)
    a, b = q.fetch(2, lease_ms=1000)
    assert q.renew("R", [a, b], lease_ms=60_000) == 2
    # past the first lease's deadline, on Redis's clock (the one the scripts use)
    wait_for(lambda: redis_ms(server) > fetched_at + 1000, "the first lease's deadline", timeout=30)
    assert q.reap("R", max_tries=3) == (0, 0)
    assert q.release("R", [b]) == 1
    assert q.fetch(1, lease_ms=60_000) == [b]


def test_jobs_of_a_finished_run_and_done_jobs_are_skipped(server):
    from linkhealth.distributed import JobQueue

    q = JobQueue(server, "t")
    q.open_run("old", {})
    q.feed("old", [{"id": "x", "url": "u"}], first=0)
    q.close_run("old")
    q.open_run("R", {})
    q.feed("R", [{"id": "a", "url": "u"}, {"id": "b", "url": "u"}], first=0)
    server.setbit("t:run:R:done", 0, 1)  # job 0 was already stored
    assert [json.loads(t)["id"] for t in q.fetch(10, lease_ms=60_000)] == ["b"]
    assert q.complete("old", 0, "whatever", "{}") == -1  # a late result for a closed run


def test_a_run_whose_writer_died_is_over_for_the_workers(server):
    from linkhealth.distributed import JobQueue

    q = JobQueue(server, "t")
    q.open_run("dead", {}, alive_seconds=0.05)  # a writer that stops renewing
    q.feed("dead", [{"id": "a", "url": "u"}], first=0)
    taken = q.fetch(1, lease_ms=60_000)
    wait_for(lambda: q.active_runs() == set(), "the silent writer's run to lapse", timeout=10)
    assert q.complete("dead", 0, taken[0], "{}") == -1  # its results go nowhere
    q.feed("dead", [{"id": "b", "url": "u"}], first=1)
    assert q.fetch(1, lease_ms=60_000) == []  # its jobs are dropped
    q.open_run("next", {})  # the next writer deletes what the dead one left
    assert [k for k in server.keys("t:run:dead*")] == []
    assert q.active_runs() == {"next"}


def test_queued_requests_are_json_not_pickle():
    import pickle

    from scrapy.utils.request import request_from_dict

    from crawler.spiders.resources import ResourcesSpider
    from linkhealth.distributed import JsonSerializer

    spider = ResourcesSpider()
    request = spider.visit_request({"id": "a", "url": "http://x/a", "etag": '"e"', "last_modified": None})
    request.meta.update(linkhealth_job={"run": "R", "n": 1, "_member": b'{"$b": 1}'}, redirect_urls=["http://x/0"])
    data = JsonSerializer.dumps(request.to_dict(spider=spider))
    json.loads(data)
    back = request_from_dict(JsonSerializer.loads(data), spider=spider)
    assert back.url == request.url and back.headers == request.headers and back.meta == request.meta
    assert back.callback == spider.parse_visit and back.errback == spider.failed_visit and back.dont_filter
    with pytest.raises(TypeError, match="JSON only"):
        JsonSerializer.dumps({"meta": {"x": object()}})
    with pytest.raises(ValueError):
        JsonSerializer.loads(pickle.dumps({"a": 1}))


def test_the_host_semaphore_holds_its_limit_until_released_or_expired(server):
    from linkhealth.distributed import JobQueue

    q = JobQueue(server, "t")
    assert q.acquire_host("h", "w1:1", 2, 60_000) and q.acquire_host("h", "w2:1", 2, 60_000)
    assert not q.acquire_host("h", "w3:1", 2, 60_000)
    assert q.release_host("h", ["w1:1"]) == 1
    assert q.acquire_host("h", "w3:1", 2, 60_000)
    assert q.acquire_host("other", "w3:2", 2, 60_000)  # per host
    assert q.acquire_host("short", "dead:1", 1, 1)
    # a dead worker's slot lapses (a refused acquire changes nothing, so poll)
    wait_for(lambda: q.acquire_host("short", "w1:2", 1, 60_000), "the dead worker's slot to lapse", timeout=10)


def test_interleave_hosts_round_robins():
    from linkhealth.distributed import interleave_hosts

    rows = [{"id": i, "url": f"http://{h}/{i}"} for i, h in enumerate("aaabbc")]
    assert [r["id"] for r in interleave_hosts(rows)] == [0, 3, 5, 1, 4, 2]


# ---------------------------------------------------------------- the test web


class Concurrency:
    """Requests a host is serving at once (counted while each one 'thinks')."""

    def __init__(self):
        self.lock = threading.Lock()
        self.now = 0
        self.peak = 0

    def reset(self):
        with self.lock:
            self.now = self.peak = 0


def catalogue_site(host: str, think: float) -> tuple[Site, Concurrency]:
    """/r/<n>/ok 200, /r/<n>/missing 404, /r/<n>/moved 301 → /r/<n>/new 200."""
    seen = Concurrency()

    def route(handler):
        with seen.lock:
            seen.now += 1
            seen.peak = max(seen.peak, seen.now)
        try:
            time.sleep(think)
        finally:
            with seen.lock:
                seen.now -= 1
        path = handler.path
        if path == "/robots.txt":
            handler.send_page(Page("User-agent: *\nAllow: /\n", content_type="text/plain"))
        elif path.endswith("/missing"):
            handler.send_page(Page(html("Not here", "No such page"), status=404))
        elif path.endswith("/moved"):
            handler.send_page(redirect(path[: -len("/moved")] + "/new", 301))
        else:
            handler.send_page(Page(html(f"Training module {path}", f"Material about {path}. " * 8)))

    return Site(host, routes={"/robots.txt": route}, fallback=route), seen


def build_catalogue(db: str, sites: list[Site], n: int) -> None:
    kinds = ["ok"] * 7 + ["missing"] * 2 + ["moved"]
    store = Store(db)
    rows = [
        (
            f"row {i}",
            {
                "id": f"r{i:05d}",
                "url": sites[i % len(sites)].url(f"/r/{i}/{kinds[(i // len(sites)) % 10]}"),
                "title": f"Resource {i}",
            },
        )
        for i in range(n)
    ]
    rows.append(("bad", {"id": "not-a-url", "url": "javascript:alert(1)", "title": "Not fetchable"}))
    store.import_rows(rows)
    store.close()


def fast(probe: str, per_host: int = 8, lease: float = 6) -> list[str]:
    settings = {
        "AUTOTHROTTLE_ENABLED": "False",
        "CONCURRENT_REQUESTS_PER_DOMAIN": str(per_host),
        "DOWNLOAD_TIMEOUT": "20",
        "LINKHEALTH_SOFT404_PROBE": "False",
        "LINKHEALTH_CONNECTIVITY_PROBE": probe,
        "LINKHEALTH_PROGRESS": "False",
        "LINKHEALTH_REDIS_LEASE_SECONDS": str(lease),
        "LOG_LEVEL": "WARNING",
    }
    return [arg for name, value in settings.items() for arg in ("-s", f"{name}={value}")]


def linkhealth(*args: str) -> list[str]:
    return [sys.executable, "-m", "linkhealth", *args]


def outcomes(db: str, run_id: int | None = None) -> dict[str, list[str]]:
    with sqlite3.connect(db) as conn:
        if run_id is None:
            run_id = conn.execute("select max(id) from runs").fetchone()[0]
        rows = conn.execute("select resource_id, outcome from checks where run_id = ? order by id", [run_id]).fetchall()
    out: dict[str, list[str]] = {}
    for rid, outcome in rows:
        out.setdefault(rid, []).append(outcome)
    return out


def checks_so_far(db: str) -> int:
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5) as conn:
            return conn.execute("select count(*) from checks").fetchone()[0]
    except sqlite3.Error:
        return 0


def stop(procs: list[subprocess.Popen]) -> None:
    for proc in procs:
        if proc.poll() is None:
            proc.kill()
        proc.wait()


# ---------------------------------------------------------------- three workers, one killed

SIZE = 2000


@pytest.fixture(scope="module")
def web_4():
    made = [catalogue_site(f"127.0.0.{41 + i}", think=0.02) for i in range(4)]
    sites = [site for site, _ in made]
    for site in sites:
        site.start()
    try:
        yield sites, [seen for _, seen in made]
    finally:
        for site in sites:
            site.stop()


@pytest.fixture(scope="module")
def single_machine(web_4, tmp_path_factory):
    """The same catalogue checked by `linkhealth check --all` on one machine."""
    sites, _ = web_4
    db = str(tmp_path_factory.mktemp("single") / "catalogue.db")
    build_catalogue(db, sites, SIZE)
    result = subprocess.run(
        linkhealth("check", "--db", db, "--all", *fast(sites[0].url("/robots.txt"))),
        capture_output=True,
        text=True,
        timeout=240,
        cwd=ROOT,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    return outcomes(db)


@pytest.fixture(scope="module")
def distributed(web_4, redis_url, tmp_path_factory):
    """The writer and three workers; worker 0 is SIGKILLed a third of the way in."""
    import redis

    server = redis.Redis.from_url(redis_url)
    server.flushdb()
    sites, seen = web_4
    for s in seen:
        s.reset()
    workdir = tmp_path_factory.mktemp("distributed")
    db = str(workdir / "catalogue.db")
    build_catalogue(db, sites, SIZE)
    settings = fast(sites[0].url("/robots.txt"))
    logs = [open(workdir / f"{name}.log", "w+") for name in ("writer", "worker0", "worker1", "worker2")]
    writer = subprocess.Popen(
        linkhealth("check", "--db", db, "--all", "--redis", redis_url, *settings),
        stdout=subprocess.PIPE,
        stderr=logs[0],
        text=True,
        cwd=ROOT,
    )
    workers = [
        subprocess.Popen(
            linkhealth("worker", "--redis", redis_url, "--once", "--max-idle", "90", *settings),
            stdout=subprocess.DEVNULL,
            stderr=log,
            cwd=ROOT,
        )
        for log in logs[1:]
    ]

    def evidence() -> str:
        state = {
            "start": server.llen("linkhealth:start"),
            "runs": server.smembers("linkhealth:runs"),
            "checks": checks_so_far(db),
            "workers": [p.poll() for p in workers],
        }
        tails = []
        for log in logs:
            log.seek(0)
            tails.append(f"--- {Path(log.name).name}\n{log.read()[-2000:]}")
        return f"{state}\n" + "\n".join(tails)

    killed_at = None
    try:
        deadline = time.monotonic() + 240
        while time.monotonic() < deadline and writer.poll() is None:
            done = checks_so_far(db)
            if killed_at is None and done >= SIZE // 3:
                os.kill(workers[0].pid, signal.SIGKILL)
                killed_at = done
            time.sleep(0.05)
        assert writer.poll() is not None, "the writer did not finish in time\n" + evidence()
        out = writer.stdout.read()
        assert writer.returncode == 0, evidence()
        for proc in workers[1:]:
            proc.wait(timeout=30)
            assert proc.returncode == 0, evidence()
    finally:
        stop([writer, *workers])
        for log in logs:
            log.close()
    return {"db": db, "stdout": out, "killed_at": killed_at, "peaks": [s.peak for s in seen], "redis": server}


def test_a_worker_was_killed_midway(distributed):
    assert distributed["killed_at"] is not None and distributed["killed_at"] < SIZE
    # what it held was taken by the others after its leases lapsed
    assert "re-queued after a worker stopped" in distributed["stdout"]
    requeued = int(distributed["stdout"].split(" stored, ")[1].split(" re-queued")[0])
    assert requeued > 0, distributed["stdout"]


def test_every_resource_is_checked_exactly_once_in_the_run(distributed):
    checks = outcomes(distributed["db"])
    assert len(checks) == SIZE + 1
    twice = {rid: found for rid, found in checks.items() if len(found) != 1}
    assert not twice
    with sqlite3.connect(distributed["db"]) as conn:
        status, counts, due = conn.execute("select status, counts, resources_due from runs").fetchone()
    assert status == "finished" and due == SIZE + 1
    assert sum(json.loads(counts).values()) == SIZE + 1


def test_outcomes_equal_a_single_machine_run(distributed, single_machine):
    multi = {rid: found[0] for rid, found in outcomes(distributed["db"]).items()}
    single = {rid: found[0] for rid, found in single_machine.items()}
    assert multi == single
    totals = {}
    for outcome in multi.values():
        totals[outcome] = totals.get(outcome, 0) + 1
    assert totals == {"ok": 1400, "not_found": 400, "moved": 200, "invalid_url": 1}
    assert f"checked {SIZE + 1} resources" in distributed["stdout"]


def test_metadata_and_health_arrive_through_the_writer(distributed, web_4):
    store = Store(distributed["db"])
    try:
        ok = store.resource("r00000")
        assert ok["health"] == "healthy" and ok["page_title"] == "Training module /r/0/ok"
        # the identity judgment needs the catalogue rows: the writer's pipeline step makes it
        assert ok["identity"] is not None and isinstance(ok["fingerprint"], int)
        moved = store.resource(f"r{9 * 4:05d}")
        assert moved["health"] == "moved" and moved["suggested_url"].endswith("/r/36/new")
        assert store.resource("r00028")["health"] == "failing"  # a 404, one bad night
    finally:
        store.close()


def test_no_host_saw_more_than_its_limit(distributed):
    assert max(distributed["peaks"]) <= 8, distributed["peaks"]


def test_the_run_leaves_nothing_behind_in_redis(distributed):
    server = distributed["redis"]
    keys = sorted(k.decode() for k in server.keys("linkhealth:*"))
    assert not [k for k in keys if k.startswith(("linkhealth:run", "linkhealth:start"))], keys
    # what the killed worker left: host leases expire by themselves; its request
    # queue goes when it has been silent for 3 leases (the writer prunes every 10 s)
    lasting = [k for k in keys if server.ttl(k) == -1 and k != "linkhealth:workers"]
    assert all(k.startswith("linkhealth:worker:") and k.endswith(":requests") for k in lasting), keys
    from linkhealth.distributed import JobQueue

    JobQueue(server, "linkhealth").prune_workers(0)
    assert not [k for k in server.keys("linkhealth:*") if server.ttl(k) == -1], server.keys("*")


# ---------------------------------------------------------------- politeness, with and without


@pytest.fixture(scope="module")
def slow_host():
    site, seen = catalogue_site("127.0.0.45", think=0.08)
    with site:
        yield site, seen


def run_with_local_workers(redis_url, tmp_path, site, *extra) -> subprocess.CompletedProcess:
    db = str(tmp_path / "catalogue.db")
    store = Store(db)
    store.import_rows([(str(i), {"id": f"s{i}", "url": site.url(f"/r/{i}/ok")}) for i in range(90)])
    store.close()
    return subprocess.run(
        linkhealth(
            "check",
            "--db",
            db,
            "--all",
            "--redis",
            redis_url,
            "--workers",
            "3",
            *fast(site.url("/robots.txt"), per_host=2),
            *extra,
        ),
        capture_output=True,
        text=True,
        timeout=120,
        cwd=ROOT,
    )


def test_three_workers_keep_one_hosts_limit(server, redis_url, slow_host, tmp_path):
    site, seen = slow_host
    seen.reset()
    result = run_with_local_workers(redis_url, tmp_path, site)
    assert result.returncode == 0, result.stderr[-3000:]
    assert "checked 90 resources: 90 reachable" in result.stdout
    assert 1 <= seen.peak <= 2


def test_without_the_shared_semaphore_the_limit_is_per_worker(server, redis_url, slow_host, tmp_path):
    """The control: the measurement can see a breach (3 workers × 2)."""
    site, seen = slow_host
    seen.reset()
    result = run_with_local_workers(redis_url, tmp_path, site, "-s", "LINKHEALTH_REDIS_HOST_LIMITS=False")
    assert result.returncode == 0, result.stderr[-3000:]
    assert seen.peak > 2


# ---------------------------------------------------------------- the command line


def test_check_names_an_unreachable_redis(tmp_path):
    db = str(tmp_path / "catalogue.db")
    Store(db).close()
    result = subprocess.run(
        linkhealth("check", "--db", db, "--redis", f"redis://127.0.0.1:{_free_port()}/0"),
        capture_output=True,
        text=True,
        timeout=60,
        cwd=ROOT,
    )
    assert result.returncode == 1
    assert "cannot use Redis at redis://127.0.0.1:" in result.stderr


def test_workers_needs_redis(tmp_path):
    from click.testing import CliRunner

    from linkhealth.cli import cli

    result = CliRunner().invoke(cli, ["check", "--db", str(tmp_path / "c.db"), "--workers", "2"])
    assert result.exit_code == 2 and "--workers needs --redis" in result.output


# ---------------------------------------------------------------- Redis stays optional


def test_the_single_machine_path_does_not_import_redis(tmp_path):
    db = str(tmp_path / "catalogue.db")
    Store(db).close()
    code = f"""
import atexit, pkgutil, sys, importlib
def report():
    loaded = sorted(m for m in sys.modules if m.split('.')[0] in ('redis', 'scrapy_redis'))
    print('LOADED', loaded)
atexit.register(report)
import linkhealth.cli
# a whole (empty) crawl first: importing crawler.middlewares would install a reactor
linkhealth.cli.cli.main(['check', '--db', {db!r}, '-s', 'LINKHEALTH_PROGRESS=False', '-s', 'LOG_LEVEL=WARNING'],
                        standalone_mode=False)
import crawler.spiders.resources, crawler.middlewares, crawler.settings, pipelines
for info in pkgutil.iter_modules(pipelines.__path__):
    importlib.import_module('pipelines.' + info.name)
from scrapy.settings import Settings
from scrapy.spiderloader import SpiderLoader
settings = Settings(); settings.setmodule('crawler.settings')
assert 'resources' in SpiderLoader.from_settings(settings).list()
"""
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, cwd=ROOT)
    assert result.returncode == 0, result.stderr[-3000:]
    assert "nothing was due" in result.stdout
    assert "LOADED []" in result.stdout, result.stdout


def test_an_offline_worker_changes_no_health(server, redis_url, tmp_path):
    """As on one machine: a run that reaches no host marks nothing dead, and the visits
    without an answer that are not transport failures (an invalid URL) change no health either."""
    from .web import closed_port

    port = closed_port("127.0.0.1")
    db = str(tmp_path / "catalogue.db")
    store = Store(db)
    store.import_rows(
        [
            ("down", {"id": "down", "url": f"http://127.0.0.1:{port}/page"}),
            ("bad", {"id": "bad", "url": "javascript:alert(1)"}),
        ]
    )
    store.close()
    result = subprocess.run(
        linkhealth(
            "check",
            "--db",
            db,
            "--all",
            "--redis",
            redis_url,
            "--workers",
            "1",
            *fast(f"http://127.0.0.1:{port}/probe"),
        ),
        capture_output=True,
        text=True,
        timeout=120,
        cwd=ROOT,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    with sqlite3.connect(db) as conn:
        checks = dict(conn.execute("select resource_id, outcome from checks").fetchall())
        health = dict(conn.execute("select id, health from resources").fetchall())
        status = conn.execute("select status from runs order by id desc").fetchone()[0]
    assert checks == {"down": "network_down", "bad": "invalid_url"}
    assert health == {"down": "unknown", "bad": "unknown"}
    assert status == "network_down"
