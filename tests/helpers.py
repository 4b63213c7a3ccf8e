"""Helpers that several test modules share: test modules import from here, never from each other."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from linkhealth.store import Store

ROOT = Path(__file__).resolve().parents[1]

#: Scrapy settings for a quick end-to-end ``linkhealth check`` (pass with -s)
FAST = [
    "-s", "AUTOTHROTTLE_ENABLED=False",
    "-s", "DOWNLOAD_TIMEOUT=3",
    "-s", "RETRY_TIMES=1",
    "-s", "CONCURRENT_REQUESTS_PER_DOMAIN=8",
    "-s", "LINKHEALTH_PROGRESS=False",
    # names under .invalid fail locally: no DNS query leaves the machine
    "-s", "DNS_RESOLVER=tests.faultweb.LoopbackOnlyResolver",
]  # fmt: skip


def run_check(db: str, *args: str, probe: str | None = None, timeout: float = 180) -> subprocess.CompletedProcess:
    cmd = [sys.executable, "-m", "linkhealth", "check", "--db", db, *FAST, *args]
    if probe is not None:
        cmd += ["-s", f"LINKHEALTH_CONNECTIVITY_PROBE={probe}"]
    return subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, cwd=ROOT)


def last_checks(db: str) -> dict[str, dict]:
    store = Store(db)
    rows = store.db.query(
        "select c.* from checks c join (select resource_id, max(id) as id from checks group by resource_id) l "
        "on c.id = l.id"
    )
    return {r["resource_id"]: r for r in rows}


def consistent(db: str) -> None:
    """The catalogue file is sound and no visit is half-recorded (after a kill or a fault)."""
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


def wait_for(predicate, what: str, timeout: float = 60, proc: subprocess.Popen | None = None):
    """Poll ``predicate`` until it is true (and return its value), failing after ``timeout`` seconds
    or when ``proc`` exits first: synchronisation on a state, never on a fixed sleep."""
    deadline = time.monotonic() + timeout
    while True:
        value = predicate()
        if value:
            return value
        assert proc is None or proc.poll() is None, f"the process exited ({proc.returncode}) before {what}"
        assert time.monotonic() < deadline, f"timed out waiting for {what}"
        time.sleep(0.05)
