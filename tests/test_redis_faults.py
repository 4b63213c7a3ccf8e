"""The crawl on Redis when Redis, or what is in it, misbehaves (issue 18, point 7).

- poison: a job without an id, a job number the run never fed, a result for a
  resource its job was not fed for, garbage results: each is dead-lettered to
  ``P:dead``, counted and reported, and the run goes on;
- a Redis restart: workers reconnect with backoff, and exit non-zero when they
  give up (so ``Restart=on-failure`` brings them back);
- the Redis password: from the environment or a file, never on stderr or in ``ps``.

A real ``redis-server`` on loopback, real ``linkhealth`` processes where the
finding was about processes, the writer and the queue directly where it was
about one message.
"""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
import time
import tracemalloc
from pathlib import Path

import pytest

from linkhealth.store import Store

from .conftest import stop_process
from .helpers import wait_for
from .redisserver import REDIS_SERVER, free_port, start_redis
from .web import Page, Site, html

ROOT = Path(__file__).resolve().parents[1]

pytestmark = pytest.mark.skipif(
    REDIS_SERVER is None,
    reason="redis-server is not installed (Debian: apt-get install redis-server; .ci/run does it)",
)

PASSWORD = "s3cret-pw-7f1c"


@pytest.fixture(scope="module")
def redis_port(tmp_path_factory):
    pytest.importorskip("redis", reason="the redis extra is not installed")
    pytest.importorskip("scrapy_redis", reason="the redis extra is not installed")
    proc, port = start_redis(tmp_path_factory.mktemp("redis"))
    try:
        yield port
    finally:
        stop_process(proc)


@pytest.fixture
def server(redis_port):
    import redis

    client = redis.Redis(host="127.0.0.1", port=redis_port)
    client.flushdb()
    yield client
    client.flushdb()


@pytest.fixture(scope="module")
def site():
    with Site(
        "127.0.0.51", fallback=lambda handler: handler.send_page(Page(html(f"Page {handler.path}", "Text.")))
    ) as s:
        yield s


def catalogue(path: Path, site: Site, n: int) -> str:
    db = str(path)
    store = Store(db)
    store.import_rows([(str(i), {"id": f"r{i}", "url": site.url(f"/r/{i}")}) for i in range(n)])
    store.close()
    return db


def crawl_args(site: Site) -> list[str]:
    settings = {
        "AUTOTHROTTLE_ENABLED": "False",
        "LINKHEALTH_SOFT404_PROBE": "False",
        "LINKHEALTH_CONNECTIVITY_PROBE": site.url("/robots.txt"),
        "LINKHEALTH_PROGRESS": "False",
        "LINKHEALTH_REDIS_IDLE_TIMEOUT": "30",
        "LOG_LEVEL": "INFO",
    }
    return [arg for name, value in settings.items() for arg in ("-s", f"{name}={value}")]


def linkhealth(*args: str) -> list[str]:
    return [sys.executable, "-m", "linkhealth", *args]


def clean_env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("LINKHEALTH_REDIS")}
    return {**env, **extra}


def checked(db: str) -> dict[str, str]:
    with sqlite3.connect(db) as conn:
        return dict(conn.execute("select resource_id, outcome from checks").fetchall())


# ---------------------------------------------------------------- one message, no reactor


def writer_for(server, db: str, token: str = "R"):
    from linkhealth.crawl import crawl_settings
    from linkhealth.distributed import JobQueue, Writer
    from pipelines.classify import judge_batch

    queue = JobQueue(server, "t")
    queue.open_run(token, {"run_id": 1})
    store = Store(db)
    run_id = store.start_run("manual")
    return Writer(
        store, queue, crawl_settings(db, {}), run_id=run_id, token=token, judge=judge_batch, say=lambda text: None
    ), queue


def result(n: int, rid: str, **extra) -> bytes:
    record = {
        "n": n,
        "resource_id": rid,
        "url": f"http://x/{rid}",
        "outcome": "ok",
        "status_code": 200,
        "checked_at": "2026-12-02T02:30:00+00:00",
        "inconclusive": False,
        **extra,
    }
    return json.dumps(record).encode()


def dead_letters(server) -> list[dict]:
    return [json.loads(x) for x in server.lrange("t:dead", 0, -1)]


def test_a_job_that_fails_its_schema_is_named(server):
    from linkhealth.distributed import PoisonMessage, parse_job

    good = {"run": "R", "n": 0, "id": "a", "url": "http://x/a", "etag": None, "last_modified": None}
    assert parse_job(json.dumps(good)) == good
    for bad, where in [
        ({k: v for k, v in good.items() if k != "id"}, "must contain ['id']"),
        ({**good, "id": ""}, "id"),
        ({**good, "n": -1}, "n"),
        ({**good, "n": "0"}, "n"),
        ({**good, "url": ["x"]}, "url"),
        ({**good, "run": "R:leases"}, "run"),
        ({**good, "meta": {"x": 1}}, "meta"),
    ]:
        with pytest.raises(PoisonMessage, match="job") as error:
            parse_job(json.dumps(bad))
        assert where in str(error.value), bad
    with pytest.raises(PoisonMessage, match="not JSON"):
        parse_job(b"\x80garbage")


def test_jobs_without_a_run_or_with_a_number_never_fed_are_dead_lettered_not_leased(server):
    from linkhealth.distributed import JobQueue

    q = JobQueue(server, "t")
    q.open_run("R", {})
    q.feed("R", [{"id": "a", "url": "http://x/a"}], first=0)
    server.lpush(
        "t:start",
        json.dumps({"run": "R", "n": 2147483647, "id": "a", "url": "http://x/a"}),
        json.dumps({"id": "a", "url": "http://x/a"}),
        "not json",
    )
    taken = q.fetch(10, lease_ms=60_000)
    assert [json.loads(t)["n"] for t in taken] == [0]
    assert q.leased("R") == 1
    letters = dead_letters(server)
    assert [letter["by"] for letter in letters] == ["fetch"] * 3
    assert "not a JSON object" in letters[0]["reason"] and "run" in letters[1]["reason"]
    assert "not a job number this run fed" in letters[2]["reason"] and letters[2]["run"] == "R"
    assert q.dead_letters() == 3


def test_a_huge_job_number_allocates_nothing(server, tmp_path):
    """n = 2147483647 once made the writer allocate 256 MB (a bit per job up to n), and Redis too."""
    from linkhealth.distributed import JobQueue

    db = str(tmp_path / "c.db")
    Store(db).import_rows([("a", {"id": "a", "url": "http://x/a"})])
    writer, queue = writer_for(server, db)
    writer._feed(iter([{"id": "a", "url": "http://x/a"}]), 10)
    tracemalloc.start()
    try:
        writer._store([result(2147483647, "a")])
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 16 * 2**20, f"{peak / 2**20:.0f} MB"
    assert writer.stored == 0 and writer.rejected == 1
    assert "no job 2147483647" in dead_letters(server)[0]["reason"]
    # nor can a worker make Redis grow the run's bitmap to job 2147483647
    assert JobQueue(server, "t").complete("R", 2147483647, "member", result(2147483647, "a").decode()) == -2
    assert (server.strlen("t:run:R:done") or 0) < 1024
    writer.store.close()


def test_a_result_for_another_resource_is_refused_and_the_real_one_queued_again(server, tmp_path):
    """A forged job {run, n: 0, id: ghost} once took job 0's place: resource a was never checked."""
    db = str(tmp_path / "c.db")
    Store(db).import_rows([("a", {"id": "a", "url": "http://x/a"}), ("b", {"id": "b", "url": "http://x/b"})])
    writer, queue = writer_for(server, db)
    writer._feed(iter([{"id": "a", "url": "http://x/a"}, {"id": "b", "url": "http://x/b"}]), 10)
    forged = json.dumps({"run": "R", "n": 0, "id": "ghost", "url": "http://x/ghost"})
    server.lpush("t:start", forged)
    (taken,) = queue.fetch(1, lease_ms=60_000)
    assert json.loads(taken)["id"] == "ghost"
    assert queue.complete("R", 0, taken, result(0, "ghost").decode()) == 1  # Redis cannot tell
    writer._store(queue.pop_results("R", 10, timeout=0))
    assert writer.rejected == 1 and writer.stored == 0
    assert "job 0 was fed for 'a', not 'ghost'" in dead_letters(server)[0]["reason"]
    ids = sorted(json.loads(t)["id"] for t in queue.fetch(10, lease_ms=60_000))
    assert ids == ["a", "b"], "resource a must be visited after all"
    writer.store.close()


def test_garbage_results_do_not_stop_the_writer(server, tmp_path):
    db = str(tmp_path / "c.db")
    Store(db).import_rows([("a", {"id": "a", "url": "http://x/a"})])
    writer, queue = writer_for(server, db)
    writer._feed(iter([{"id": "a", "url": "http://x/a"}]), 10)
    garbage = [
        b"not json",
        b"\xff\xfe",
        b"[1, 2]",
        b'{"n": "zero", "resource_id": "a", "outcome": "ok"}',
        b'{"n": 0, "outcome": "ok"}',
        b'{"n": 0, "resource_id": "a", "outcome": "exploded"}',
        result(0, "a", status_code="two hundred"),
        result(0, "a", metadata={"title": {"nested": True}}),
        result(0, "a", redirect_chain="http://x/elsewhere"),
        b'{"abandoned": true, "n": 0}',
    ]
    writer._store(garbage)
    assert writer.rejected == len(garbage) and writer.stored == 0
    assert len(dead_letters(server)) == len(garbage)
    assert writer.outstanding == 1  # job 0 is still awaited
    writer._store([result(0, "a", metadata={"title": "The real page"})])  # and its real result is stored
    assert writer.stored == 1 and writer.outstanding == 0
    assert Store(db).resource("a")["page_title"] == "The real page"
    writer.store.close()


def test_a_second_result_for_a_stored_job_is_ignored_and_reported(server, tmp_path):
    """A worker thought stopped (its job re-queued) may answer after all: the second answer
    must not be stored twice, and the run's summary must say it came."""
    db = str(tmp_path / "c.db")
    Store(db).import_rows([("a", {"id": "a", "url": "http://x/a"})])
    writer, _queue = writer_for(server, db)
    writer._feed(iter([{"id": "a", "url": "http://x/a"}]), 10)
    writer._store([result(0, "a", metadata={"title": "First answer"})])
    assert "duplicates" not in writer.summary()
    writer._store([result(0, "a", metadata={"title": "Late second answer"})])
    assert writer.stored == 1 and writer.duplicates == 1 and writer.rejected == 0
    assert Store(db).resource("a")["page_title"] == "First answer"
    assert "duplicates ignored: 1 (results for jobs already stored or abandoned)" in writer.summary()
    assert writer.summary().startswith("redis: 1 queued, 1 stored, 0 re-queued")
    writer.store.close()


# ---------------------------------------------------------------- processes


def test_a_job_without_an_id_stalls_nothing(server, redis_port, site, tmp_path):
    """It once made every worker exit 0, and the run stalled at 0 of its resources."""
    url = f"redis://127.0.0.1:{redis_port}/0"
    db = catalogue(tmp_path / "c.db", site, 6)
    writer = subprocess.Popen(
        linkhealth("check", "--db", db, "--all", "--redis", url, *crawl_args(site)),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=ROOT,
        env=clean_env(),
    )
    workers = []
    try:
        token = wait_for(lambda: server.smembers("linkhealth:runs"), "the run to open", proc=writer).pop().decode()
        wait_for(lambda: server.llen("linkhealth:start") == 6, "the jobs", proc=writer)
        server.lpush("linkhealth:start", json.dumps({"run": token, "n": 0, "url": site.url("/poison")}))
        # one worker: the run cannot end without it, so --once cannot miss the run
        workers = [
            subprocess.Popen(
                linkhealth("worker", "--redis", url, "--once", *crawl_args(site)),
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
                cwd=ROOT,
                env=clean_env(),
            )
        ]
        out, err = writer.communicate(timeout=120)
        codes = [w.wait(timeout=60) for w in workers]
    finally:
        for proc in [writer, *workers]:
            if proc.poll() is None:
                stop_process(proc)
    assert writer.returncode == 0, err[-3000:]
    assert "checked 6 resources: 6 reachable" in out, out + err[-2000:]
    assert "poison: 1 messages dead-lettered to linkhealth:dead" in out
    assert codes == [0]  # it went on after the poison and ended with the run
    (letter,) = [json.loads(x) for x in server.lrange("linkhealth:dead", 0, -1)]
    assert letter["kind"] == "job" and "must contain ['id']" in letter["reason"]
    assert sorted(checked(db)) == [f"r{i}" for i in range(6)]


def test_nothing_checked_is_not_nothing_due():
    from linkhealth.crawl import summarise

    assert "nothing was due" in summarise({}, "finished", 0, 3)
    text = summarise({}, "incomplete", 600, 3)
    assert "nothing was due" not in text and "0 of the 600 resources due" in text and "incomplete" in text


@pytest.fixture
def own_redis(tmp_path):
    """A redis-server this test may kill and start again on the same port."""
    pytest.importorskip("redis", reason="the redis extra is not installed")
    state = {"port": None, "proc": None}

    def start():
        state["proc"], state["port"] = start_redis(tmp_path, port=state["port"])
        return state["port"]

    state["start"] = start
    yield state
    if state["proc"] is not None and state["proc"].poll() is None:
        stop_process(state["proc"])


def start_worker(url: str, site: Site, log: Path, *extra: str) -> subprocess.Popen:
    return subprocess.Popen(
        linkhealth("worker", "--redis", url, *crawl_args(site), *extra),
        stdout=subprocess.DEVNULL,
        stderr=open(log, "w"),
        cwd=ROOT,
        env=clean_env(),
    )


def worker_loses_redis(own_redis, site: Site, log: Path, reconnect_seconds: float):
    """A worker on a Redis of its own, running; then that Redis stops. Returns (worker, url)."""
    import redis

    port = own_redis["start"]()
    url = f"redis://127.0.0.1:{port}/0"
    worker = start_worker(url, site, log, "-s", f"LINKHEALTH_REDIS_RECONNECT_SECONDS={reconnect_seconds}")
    try:
        client = redis.Redis(host="127.0.0.1", port=port)
        wait_for(lambda: client.zcard("linkhealth:workers"), "the worker's heartbeat", proc=worker)
        stop_process(own_redis["proc"])
    except BaseException:
        stop_process(worker)
        raise
    return worker, url


def test_a_worker_that_loses_redis_for_good_exits_non_zero(own_redis, site, tmp_path):
    log = tmp_path / "worker.log"
    worker, _ = worker_loses_redis(own_redis, site, log, 3)
    try:
        code = worker.wait(timeout=90)
    finally:
        if worker.poll() is None:
            stop_process(worker)
    text = log.read_text()
    assert code == 1, text[-3000:]
    assert "lost Redis" in text and "this worker gave up" in text


def test_a_worker_comes_back_when_redis_does(own_redis, site, tmp_path):
    log = tmp_path / "worker.log"
    worker, url = worker_loses_redis(own_redis, site, log, 120)
    try:
        wait_for(lambda: "lost Redis" in log.read_text(), "the worker to notice", proc=worker)
        own_redis["start"]()  # Redis restarts, empty
        db = catalogue(tmp_path / "c.db", site, 4)
        done = subprocess.run(
            linkhealth("check", "--db", db, "--all", "--redis", url, *crawl_args(site)),
            capture_output=True,
            text=True,
            timeout=120,
            cwd=ROOT,
            env=clean_env(),
        )
        assert worker.poll() is None, log.read_text()[-3000:]
    finally:
        if worker.poll() is None:
            stop_process(worker)
    assert done.returncode == 0, done.stderr[-3000:] + log.read_text()[-3000:]
    assert "checked 4 resources: 4 reachable" in done.stdout
    assert "Redis is back" in log.read_text()


# ---------------------------------------------------------------- the password


def test_redact_and_resolve():
    from linkhealth.distributed import DistributedError, redact, resolve_redis_url

    assert redact("redis://:pw@host:6379/0") == "redis://:***@host:6379/0"
    assert redact("rediss://user:pw@host/1") == "rediss://user:***@host/1"
    assert redact("redis://host:6379/0") == "redis://host:6379/0"
    assert resolve_redis_url("redis://h:1/0", {"LINKHEALTH_REDIS_PASSWORD": "a b/c"}) == "redis://:a%20b%2Fc@h:1/0"
    assert resolve_redis_url("redis://:given@h:1/0", {"LINKHEALTH_REDIS_PASSWORD": "other"}) == "redis://:given@h:1/0"
    with pytest.raises(DistributedError, match="cannot read the Redis password"):
        resolve_redis_url("redis://h:1/0", {"LINKHEALTH_REDIS_PASSWORD_FILE": "/nonexistent/pw"})


@pytest.fixture
def locked_redis(tmp_path):
    pytest.importorskip("redis", reason="the redis extra is not installed")
    proc, port = start_redis(tmp_path, password=PASSWORD)
    try:
        yield port
    finally:
        stop_process(proc)


def all_command_lines() -> list[str]:
    lines = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                lines.append((entry / "cmdline").read_bytes().replace(b"\0", b" ").decode("utf-8", "replace"))
            except OSError:
                pass
    return lines


def test_the_password_comes_from_a_file_and_shows_nowhere(locked_redis, site, tmp_path):
    secret = tmp_path / "redis-password"
    secret.write_text(PASSWORD + "\n")
    db = catalogue(tmp_path / "c.db", site, 4)
    env = clean_env(
        LINKHEALTH_REDIS_URL=f"redis://127.0.0.1:{locked_redis}/0", LINKHEALTH_REDIS_PASSWORD_FILE=str(secret)
    )
    stdout, stderr = tmp_path / "out", tmp_path / "err"
    with open(stdout, "w") as out_file, open(stderr, "w") as err_file:  # files: nobody reads a pipe meanwhile
        writer = subprocess.Popen(
            linkhealth("check", "--db", db, "--all", "--workers", "1", *crawl_args(site)),
            stdout=out_file,
            stderr=err_file,
            cwd=ROOT,
            env=env,
        )
    seen = []
    try:
        deadline = time.monotonic() + 120
        while writer.poll() is None and time.monotonic() < deadline:
            # every process's arguments, as `ps` shows them, while the crawl runs
            seen += [line for line in all_command_lines() if PASSWORD in line]
        writer.wait(timeout=5)
    finally:
        if writer.poll() is None:
            stop_process(writer)
    out, err = stdout.read_text(), stderr.read_text()
    assert writer.returncode == 0, err[-3000:]
    assert "checked 4 resources: 4 reachable" in out
    assert not seen, seen[:3]
    assert PASSWORD not in out + err


def test_a_password_on_the_command_line_is_redacted(locked_redis, site, tmp_path):
    import redis

    url = f"redis://:{PASSWORD}@127.0.0.1:{locked_redis}/0"
    # in messages: the writer's, and an error's
    db = catalogue(tmp_path / "c.db", site, 2)
    done = subprocess.run(
        linkhealth("check", "--db", db, "--all", "--redis", url, "--workers", "1", *crawl_args(site)),
        capture_output=True,
        text=True,
        timeout=120,
        cwd=ROOT,
        env=clean_env(),
    )
    assert done.returncode == 0, done.stderr[-3000:]
    assert "redis://:***@127.0.0.1" in done.stderr and PASSWORD not in done.stdout + done.stderr
    wrong = subprocess.run(
        linkhealth("check", "--db", db, "--redis", f"redis://:{PASSWORD}@127.0.0.1:{free_port()}/0"),
        capture_output=True,
        text=True,
        timeout=60,
        cwd=ROOT,
        env=clean_env(),
    )
    assert wrong.returncode == 1 and "cannot use Redis at redis://:***@" in wrong.stderr
    assert PASSWORD not in wrong.stderr
    # in the process title of a worker given it on the command line
    log = tmp_path / "worker.log"
    worker = start_worker(url, site, log)
    try:
        client = redis.Redis(host="127.0.0.1", port=locked_redis, password=PASSWORD)
        wait_for(lambda: client.zcard("linkhealth:workers"), "the worker's heartbeat", proc=worker)
        title = Path(f"/proc/{worker.pid}/cmdline").read_bytes().replace(b"\0", b" ").decode()
    finally:
        stop_process(worker)
    assert "worker" in title and "redis://:***@127.0.0.1" in title
    assert PASSWORD not in title
    assert PASSWORD not in log.read_text()
