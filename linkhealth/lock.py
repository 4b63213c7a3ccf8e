"""One writer at a time: the crawl lock beside the catalogue (``<db>.lock``).

Two crawls must never write one catalogue together. The lock is an
``fcntl.flock`` on a file beside the database; the kernel releases it when
the holding process ends, however it ends, so a crawl killed with SIGKILL
leaves no lock that blocks the next one. The file's content (pid, host, run
id, start time) is only a note for the message that says who holds the lock;
it is never what decides whether the lock is held.

The file is never deleted: unlinking a lock file that another process has
open would let two processes lock two different files of the same name.

It lives in the core, beside the store it guards, because every writer takes
it: ``linkhealth check`` (``linkhealth/crawl.py``), the store pipeline of a crawl
started without it (``scrapy crawl``), the Redis writer and the nightly job.

``flock`` locks are local to one machine (on NFS they may not be shared
between hosts); keep the catalogue on a local disk.

    lock = CrawlLock("catalogue.db")
    with lock.acquire(wait=False):     # raises LockHeld naming the holder
        lock.set_run_id(run_id)
        ...
"""

from __future__ import annotations

import fcntl
import json
import os
import socket
import time
from datetime import datetime, timezone
from pathlib import Path
from typing import Any


class LockHeld(Exception):
    """Another process holds the crawl lock; the message says which run, pid, host and since when."""

    def __init__(self, lock_path: str | Path, holder: dict[str, Any] | None):
        self.lock_path = str(lock_path)
        self.holder = holder or {}
        super().__init__(self._message())

    def _message(self) -> str:
        db = self.lock_path[: -len(".lock")] if self.lock_path.endswith(".lock") else self.lock_path
        h = self.holder
        if not h:
            return f"{db} is locked by another crawl (see {self.lock_path}); use --wait to wait for it"
        who = f"run {h['run_id']}" if h.get("run_id") is not None else "a crawl"
        shares = h.get("shares") or []
        also = f" and its crawler process(es) {', '.join(map(str, shares))}" if shares else ""
        where = f"pid {h.get('pid', '?')}{also} on {h.get('host', '?')}"
        since = f" since {h['started_at']}" if h.get("started_at") else ""
        return f"{db} is being written by {who} ({where}){since}; use --wait to wait for it"


def _now() -> str:
    return datetime.now(timezone.utc).replace(microsecond=0).isoformat()


class CrawlLock:
    """An exclusive, kernel-released lock on ``<db_path>.lock``."""

    #: Locks this process holds, by the lock file's real path (see :meth:`current`).
    _held: dict[str, CrawlLock] = {}

    def __init__(self, db_path: str | Path):
        self.db_path = str(db_path)
        self.path = Path(self.db_path + ".lock")
        self._fd: int | None = None
        self._info: dict[str, Any] = {}

    @classmethod
    def current(cls, db_path: str | Path) -> CrawlLock | None:
        """The lock on ``db_path`` that this process holds, if any.

        For code that runs under a lock taken by its caller (the store pipeline
        under ``linkhealth check``): ``CrawlLock.current(db).set_run_id(run_id)``.
        """
        return cls._held.get(os.path.realpath(str(db_path) + ".lock"))

    # ------------------------------------------------------------ state

    @property
    def held(self) -> bool:
        """True while this object holds the lock."""
        return self._fd is not None

    def fileno(self) -> int:
        """The locked descriptor, for a child process that is to hold the lock with this one
        (``subprocess.Popen(..., pass_fds=(lock.fileno(),))``): the kernel releases the lock
        only when every process holding the descriptor has ended."""
        if self._fd is None:
            raise RuntimeError(f"{self.path}: fileno() without holding the lock")
        return self._fd

    def holder(self) -> dict[str, Any] | None:
        """Who holds the lock now (pid, host, run_id, started_at), or None when nobody does.

        A note left by a holder that has died is ignored: the lock is probed, not the note.
        """
        if self._fd is not None:
            return dict(self._info)
        try:
            fd = os.open(self.path, os.O_RDWR)
        except FileNotFoundError:
            return None
        try:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                return self._read_note(fd)
            fcntl.flock(fd, fcntl.LOCK_UN)
            return None
        finally:
            os.close(fd)

    @staticmethod
    def _read_note(fd: int) -> dict[str, Any]:
        try:
            os.lseek(fd, 0, os.SEEK_SET)
            raw = os.read(fd, 64 * 1024).decode("utf-8", "replace")
            note = json.loads(raw) if raw.strip() else {}
            return note if isinstance(note, dict) else {}
        except (OSError, ValueError):
            return {}

    def _write_note(self) -> None:
        assert self._fd is not None
        data = json.dumps(self._info, sort_keys=True).encode()
        os.ftruncate(self._fd, 0)
        os.pwrite(self._fd, data, 0)

    # ------------------------------------------------------------ acquire / release

    def acquire(self, wait: bool = False, poll: float = 0.5, timeout: float | None = None) -> CrawlLock:
        """Take the lock, or raise LockHeld naming the holder.

        With ``wait``, poll every ``poll`` seconds until the holder lets go
        (or ``timeout`` seconds pass, then LockHeld). Returns self, so
        ``with lock.acquire(): ...`` works.
        """
        if self._fd is not None:
            raise RuntimeError(f"{self.path}: this CrawlLock is already held")
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        deadline = None if timeout is None else time.monotonic() + timeout
        tries = 0
        try:
            while True:
                try:
                    fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                    break
                except BlockingIOError:
                    tries += 1
                    if tries == 1 and not wait:
                        # holder() probes by locking for an instant: look twice
                        time.sleep(0.05)
                        continue
                    if not wait or (deadline is not None and time.monotonic() >= deadline):
                        raise LockHeld(self.path, self._read_note(fd)) from None
                    time.sleep(poll)
        except BaseException:
            os.close(fd)
            raise
        self._fd = fd
        self._held[os.path.realpath(self.path)] = self
        self._info = {
            "pid": os.getpid(),
            "host": socket.gethostname(),
            "run_id": None,
            "started_at": _now(),
            "db": self.db_path,
        }
        self._write_note()
        return self

    def set_run_id(self, run_id: int | None) -> None:
        """Record the run now holding the lock, for the message a second crawl prints."""
        if self._fd is None:
            raise RuntimeError(f"{self.path}: set_run_id() without holding the lock")
        self._info["run_id"] = run_id
        self._write_note()

    def set_shares(self, pids: list[int]) -> None:
        """Record the crawler processes that hold the lock with this one (through the
        descriptor they inherited): after the parent dies, they are who holds it."""
        if self._fd is None:
            raise RuntimeError(f"{self.path}: set_shares() without holding the lock")
        self._info["shares"] = list(pids)
        self._write_note()

    def release(self) -> None:
        """Let go (idempotent). The file stays; its note is cleared."""
        fd, self._fd = self._fd, None
        if fd is None:
            return
        key = os.path.realpath(self.path)
        if self._held.get(key) is self:
            del self._held[key]
        try:
            os.ftruncate(fd, 0)
        except OSError:
            pass
        try:
            fcntl.flock(fd, fcntl.LOCK_UN)
        finally:
            os.close(fd)
            self._info = {}

    def __enter__(self) -> CrawlLock:
        if self._fd is None:
            self.acquire()
        return self

    def __exit__(self, *exc_info: Any) -> None:
        self.release()

    def __del__(self) -> None:  # pragma: no cover - safety net
        try:
            self.release()
        except Exception:
            pass
