"""Faults: a crawl killed with SIGKILL at many moments leaves a consistent store,
and the next run finishes the job without checking anything twice.
"""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from linkhealth.store import Store

from .helpers import consistent, wait_for
from .web import Page, Site, html

ROOT = Path(__file__).resolve().parents[1]


def slow_page(handler):
    time.sleep(0.02)
    handler.send_page(Page(html("A page " + handler.path)))


@pytest.fixture(scope="module")
def slow_site():
    with Site("127.0.0.6", fallback=slow_page) as site:
        yield site


def crawl_cmd(db: str, probe: str) -> list[str]:
    return [
        sys.executable,
        "-m",
        "linkhealth",
        "check",
        "--db",
        db,
        "-s",
        "AUTOTHROTTLE_ENABLED=False",
        "-s",
        "CONCURRENT_REQUESTS_PER_DOMAIN=4",
        "-s",
        "LINKHEALTH_STORE_BATCH=5",
        "-s",
        "LINKHEALTH_PROGRESS=False",
        "-s",
        "LINKHEALTH_SOFT404_PROBE=False",
        "-s",
        f"LINKHEALTH_CONNECTIVITY_PROBE={probe}",
    ]


def _count(db: str, sql: str) -> int:
    """A count from the catalogue the crawl is writing (0 while it is not there yet, or busy)."""
    conn = sqlite3.connect(db, timeout=0.1)
    try:
        return conn.execute(sql).fetchone()[0]
    except sqlite3.OperationalError:
        return 0
    finally:
        conn.close()


#: When to kill: once the run is opened, once the first batch is stored, mid-crawl.
KILL_WHEN = {
    "run-opened": "select count(*) from runs",
    "first-batch": "select count(*) >= 5 from checks",
    "mid-crawl": "select count(*) >= 100 from checks",
}


@pytest.mark.parametrize("kill_when", sorted(KILL_WHEN))
def test_kill_9_mid_crawl_loses_nothing(tmp_path, slow_site, kill_when):
    db = str(tmp_path / "catalogue.db")
    store = Store(db)
    n = 400
    store.import_rows([(str(i), {"id": f"r{i:03d}", "url": slow_site.url(f"/page/{i}")}) for i in range(n)])
    store.close()
    probe = slow_site.url("/probe")
    proc = subprocess.Popen(crawl_cmd(db, probe), cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    wait_for(lambda: _count(db, KILL_WHEN[kill_when]), kill_when, proc=proc)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    consistent(db)
    recorded = sqlite3.connect(db).execute("select count(*) from checks").fetchone()[0]

    result = subprocess.run(crawl_cmd(db, probe), cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr[-2000:]
    consistent(db)
    conn = sqlite3.connect(db)
    statuses = [r[0] for r in conn.execute("select status from runs order by id")]
    if len(statuses) == 2:  # the killed crawl had opened its run
        assert statuses[0] == "interrupted"
    assert statuses[-1] == "finished"
    assert recorded < n, "the kill came too late to test anything"
    per_resource = dict(conn.execute("select resource_id, count(*) from checks group by resource_id"))
    assert len(per_resource) == n, "every resource ends with a recorded visit"
    assert set(per_resource.values()) == {1}, "nothing recorded by the killed run is checked again"


@pytest.mark.parametrize("processes", [1, 2])
def test_ctrl_c_mid_crawl_records_an_interrupted_run(tmp_path, slow_site, processes):
    """Ctrl-C reaches the crawl's whole process group; each process stops gracefully,
    stores what it has, and the run says it was interrupted, not finished."""
    db = str(tmp_path / "catalogue.db")
    store = Store(db)
    n = 400
    store.import_rows([(str(i), {"id": f"r{i:03d}", "url": slow_site.url(f"/page/{i}")}) for i in range(n)])
    store.close()
    cmd = crawl_cmd(db, slow_site.url("/probe")) + ["-s", f"LINKHEALTH_PROCESSES={processes}"]
    proc = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:  # until some visits are stored
        time.sleep(0.3)
        try:
            if sqlite3.connect(db).execute("select count(*) from checks").fetchone()[0] >= 10:
                break
        except sqlite3.OperationalError:
            pass
    os.killpg(proc.pid, signal.SIGINT)
    out, err = proc.communicate(timeout=120)
    consistent(db)
    conn = sqlite3.connect(db)
    (status,) = conn.execute("select status from runs order by id desc limit 1").fetchone()
    recorded = conn.execute("select count(*) from checks").fetchone()[0]
    assert recorded < n, "the interrupt came too late to test anything"
    assert status == "interrupted", (status, err.decode()[-2000:])
    assert b"ended early (interrupted)" in out
    assert b"forcing unclean shutdown" not in err
    assert proc.returncode == 130, err.decode()[-2000:]


def _alive(pid: int) -> bool:
    """A process that exists and is not a zombie (an orphan's parent may never reap it)."""
    try:
        with open(f"/proc/{pid}/stat") as f:
            return f.read().rsplit(")", 1)[1].split()[0] != "Z"
    except FileNotFoundError:
        return False


def _children(pid: int) -> list[int]:
    try:
        with open(f"/proc/{pid}/task/{pid}/children") as f:
            return [int(p) for p in f.read().split()]
    except FileNotFoundError:
        return []


def test_kill_9_of_a_sharded_crawl_parent_leaves_no_writer_beside_the_next(tmp_path):
    """The one-writer rule survives the parent: after a kill -9 of the parent of a
    2-process crawl, the next crawl gets the lock only once its share is gone too, and no
    resource is checked twice."""

    def slower_page(handler):
        time.sleep(0.2)
        handler.send_page(Page(html("A page " + handler.path)))

    # two hosts, one per share (by due counts; and by host hash on the code before)
    # output to a file: a pipe would stay open (and be waited for) while the share lives
    with (
        Site("127.0.0.6", fallback=slower_page) as one,
        Site("127.0.0.8", fallback=slower_page) as two,
        open(tmp_path / "killed.log", "wb") as log,
    ):
        db = str(tmp_path / "catalogue.db")
        store = Store(db)
        n = 60
        store.import_rows(
            [
                (f"{s.host}-{i}", {"id": f"{s.host}-{i}", "url": s.url(f"/page/{i}")})
                for s in (one, two)
                for i in range(n)
            ]
        )
        store.close()
        cmd = crawl_cmd(db, one.url("/probe")) + [
            "-s",
            "LINKHEALTH_PROCESSES=2",
            "-s",
            "CONCURRENT_REQUESTS_PER_DOMAIN=2",
        ]
        proc = subprocess.Popen(cmd, cwd=ROOT, stdout=log, stderr=log, start_new_session=True)
        try:
            deadline = time.monotonic() + 60
            share = []
            while time.monotonic() < deadline:  # until the share is up and visits are stored
                time.sleep(0.2)
                share = share or _children(proc.pid)
                try:
                    if share and sqlite3.connect(db).execute("select count(*) from checks").fetchone()[0] >= 10:
                        break
                except sqlite3.OperationalError:
                    pass
            assert share, "the parent started no share"
            os.kill(proc.pid, signal.SIGKILL)
            proc.wait()

            from linkhealth.lock import CrawlLock

            lock = CrawlLock(db).acquire(wait=True, poll=0.05, timeout=120)
            written = sqlite3.connect(db).execute("select count(*) from checks").fetchone()[0]
            lock.release()
            deadline = time.monotonic() + 120
            while any(_alive(pid) for pid in share) and time.monotonic() < deadline:
                time.sleep(0.1)  # until the share is gone (it was told to stop, or never was)
            assert not any(_alive(pid) for pid in share), "the share of the killed crawl never ended"
            after = sqlite3.connect(db).execute("select count(*) from checks").fetchone()[0]
            assert after == written, f"{after - written} visits written by the killed crawl after the lock was free"

            result = subprocess.run(
                crawl_cmd(db, one.url("/probe")), cwd=ROOT, capture_output=True, text=True, timeout=300, check=False
            )
            assert result.returncode == 0, result.stderr[-2000:]
            consistent(db)
            conn = sqlite3.connect(db)
            per_resource = dict(conn.execute("select resource_id, count(*) from checks group by resource_id"))
            assert len(per_resource) == 2 * n
            assert set(per_resource.values()) == {1}, "a resource was checked by two crawls"
        finally:
            try:
                os.killpg(proc.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
