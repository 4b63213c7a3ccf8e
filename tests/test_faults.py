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
        sys.executable, "-m", "linkhealth", "check", "--db", db,
        "-s", "AUTOTHROTTLE_ENABLED=False", "-s", "CONCURRENT_REQUESTS_PER_DOMAIN=4",
        "-s", "LINKHEALTH_STORE_BATCH=5", "-s", "LINKHEALTH_PROGRESS=False",
        "-s", "LINKHEALTH_SOFT404_PROBE=False", "-s", f"LINKHEALTH_CONNECTIVITY_PROBE={probe}",
    ]


def consistent(db: str) -> None:
    conn = sqlite3.connect(db)
    assert conn.execute("pragma integrity_check").fetchone()[0] == "ok"
    assert conn.execute("pragma foreign_key_check").fetchall() == []
    # no half-recorded visit: every check is folded into its resource
    half = conn.execute(
        "select count(*) from checks c join resources r on r.id = c.resource_id "
        "where r.last_checked_at is null or r.last_checked_at < c.checked_at"
    ).fetchone()[0]
    assert half == 0
    conn.close()


@pytest.mark.parametrize("kill_after", [0.8, 1.6, 2.6])
def test_kill_9_mid_crawl_loses_nothing(tmp_path, slow_site, kill_after):
    db = str(tmp_path / "catalogue.db")
    store = Store(db)
    n = 400
    store.import_rows([(str(i), {"id": f"r{i:03d}", "url": slow_site.url(f"/page/{i}")}) for i in range(n)])
    store.close()
    probe = slow_site.url("/probe")
    proc = subprocess.Popen(crawl_cmd(db, probe), cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    time.sleep(kill_after)
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
    status, = conn.execute("select status from runs order by id desc limit 1").fetchone()
    recorded = conn.execute("select count(*) from checks").fetchone()[0]
    assert recorded < n, "the interrupt came too late to test anything"
    assert status == "interrupted", (status, err.decode()[-2000:])
    assert b"ended early (interrupted)" in out
    assert b"forcing unclean shutdown" not in err
    assert proc.returncode == 130, err.decode()[-2000:]
