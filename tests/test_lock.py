"""The crawl lock: one writer per catalogue, released by the kernel when the holder dies."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import textwrap
import threading
from pathlib import Path

import pytest

from linkhealth.lock import CrawlLock, LockHeld

ROOT = Path(__file__).resolve().parents[1]


def _holder_script(db_path: Path, run_id: int | None = 7) -> str:
    """Another process that takes the lock, says so on stdout, and holds it until its stdin closes."""
    return textwrap.dedent(
        f"""
        import sys
        sys.path.insert(0, {str(ROOT)!r})
        from linkhealth.lock import CrawlLock
        lock = CrawlLock({str(db_path)!r}).acquire()
        lock.set_run_id({run_id!r})
        print("held", flush=True)
        sys.stdin.read()
        lock.release()
        """
    )


def _start_holder(tmp_path: Path, run_id: int | None = 7) -> tuple[subprocess.Popen, Path]:
    """The holder, once it holds the lock (its "held" line is the signal; no polling)."""
    db_path = tmp_path / "catalogue.db"
    proc = subprocess.Popen(
        [sys.executable, "-c", _holder_script(db_path, run_id)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert proc.stdout.readline().strip() == "held", "the holder process died before taking the lock"
    return proc, db_path


def test_lock_file_beside_the_catalogue_records_the_holder(tmp_path):
    lock = CrawlLock(tmp_path / "catalogue.db")
    assert lock.path == tmp_path / "catalogue.db.lock"
    with lock.acquire():
        lock.set_run_id(42)
        note = json.loads(lock.path.read_text())
        assert note["pid"] == os.getpid()
        assert note["run_id"] == 42
        assert note["host"]
        assert note["started_at"].endswith("+00:00")
        assert lock.held
    assert not lock.held
    assert lock.path.exists()  # never unlinked
    assert lock.path.read_text() == ""
    assert lock.holder() is None


def test_second_lock_in_the_same_process_is_refused(tmp_path):
    first = CrawlLock(tmp_path / "c.db").acquire()
    try:
        with pytest.raises(LockHeld) as info:
            CrawlLock(tmp_path / "c.db").acquire()
        assert f"pid {os.getpid()}" in str(info.value)
    finally:
        first.release()
    CrawlLock(tmp_path / "c.db").acquire().release()


def test_a_second_process_cannot_take_it_and_is_told_who_holds_it(tmp_path):
    proc, db_path = _start_holder(tmp_path, run_id=7)
    try:
        lock = CrawlLock(db_path)
        with pytest.raises(LockHeld) as info:
            lock.acquire()
        message = str(info.value)
        assert "run 7" in message
        assert f"pid {proc.pid}" in message
        assert "since 20" in message
        assert "--wait" in message
        assert info.value.holder["run_id"] == 7
        assert lock.holder()["pid"] == proc.pid
        assert not lock.held
    finally:
        proc.kill()
        proc.wait()


def test_the_message_names_the_crawler_processes_that_hold_it_too(tmp_path):
    """The parent of a multi-process crawl records its shares: if it is killed they still
    hold the lock, and the message names them, not only the dead parent."""
    holder = CrawlLock(tmp_path / "c.db").acquire()
    try:
        holder.set_run_id(4)
        holder.set_shares([4242, 4343])
        with pytest.raises(LockHeld) as info:
            CrawlLock(tmp_path / "c.db").acquire()
        assert f"pid {os.getpid()} and its crawler process(es) 4242, 4343 on" in str(info.value)
    finally:
        holder.release()


def test_wait_waits_and_gets_it_when_released(tmp_path):
    proc, db_path = _start_holder(tmp_path)
    got = threading.Event()
    result: dict = {}

    def wait_for_it():
        result["lock"] = CrawlLock(db_path).acquire(wait=True, poll=0.05)
        got.set()

    waiter = threading.Thread(target=wait_for_it, daemon=True)
    try:
        waiter.start()
        assert not got.wait(0.3), "took a lock another process holds"
        proc.stdin.close()  # the holder releases
        assert got.wait(30), "never got the lock after it was released"
        lock = result["lock"]
        assert lock.held
        assert json.loads(lock.path.read_text())["pid"] == os.getpid()
        lock.release()
    finally:
        if not proc.stdin.closed:
            proc.stdin.close()
        proc.wait(timeout=20)
        waiter.join(timeout=20)
    assert proc.returncode == 0


def test_wait_with_a_timeout_gives_up(tmp_path):
    proc, db_path = _start_holder(tmp_path)
    try:
        with pytest.raises(LockHeld):
            CrawlLock(db_path).acquire(wait=True, poll=0.05, timeout=0.3)
    finally:
        proc.kill()
        proc.wait()


def test_a_holder_killed_with_sigkill_frees_the_lock(tmp_path):
    proc, db_path = _start_holder(tmp_path, run_id=9)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    # the dead holder's note is still in the file, but it no longer blocks anyone
    assert json.loads((tmp_path / "catalogue.db.lock").read_text())["run_id"] == 9
    lock = CrawlLock(db_path)
    assert lock.holder() is None
    with lock.acquire():
        assert json.loads(lock.path.read_text())["pid"] == os.getpid()


def test_release_is_idempotent_and_context_manager_acquires(tmp_path):
    lock = CrawlLock(tmp_path / "c.db")
    with lock:
        assert lock.held
    lock.release()
    lock.release()
    with pytest.raises(RuntimeError):
        lock.set_run_id(1)


def test_code_under_a_lock_taken_by_its_caller_can_find_it(tmp_path, monkeypatch):
    db = tmp_path / "catalogue.db"
    assert CrawlLock.current(db) is None
    lock = CrawlLock(db).acquire()
    try:
        monkeypatch.chdir(tmp_path)
        found = CrawlLock.current("catalogue.db")  # a relative path names the same lock
        assert found is lock
        found.set_run_id(12)
        assert json.loads(lock.path.read_text())["run_id"] == 12
    finally:
        lock.release()
    assert CrawlLock.current(db) is None
