"""Processes of a distributed crawl: the ``check --redis`` run and the ``worker`` command.

This is the top of the distributed stack: it wires the store, the writer, the
crawl lock and the Scrapy worker (``crawler/redis_spider.py``) together, so it
sits above the crawler, like the command line.
"""

from __future__ import annotations

import os
import secrets
import signal
import socket
import subprocess
import sys
import time
import warnings
from pathlib import Path
from typing import Any

import redis

from ..outcomes import RunStatus
from .protocol import (
    DistributedError,
    JobQueue,
    JsonSerializer,
    connect,
    redact,
    resolve_redis_url,
    setting,
    worker_requests_key,
)
from .writer import Writer

# ------------------------------------------------------------------ the check --redis run


def _resolved(redis_url: str) -> str:
    """The URL with its password (:func:`resolve_redis_url`); an empty one is refused."""
    resolved = resolve_redis_url(redis_url)
    if resolved is None:
        raise DistributedError("no Redis URL: give --redis URL or set LINKHEALTH_REDIS_URL")
    return resolved


def _override_args(overrides: dict[str, Any]) -> list[str]:
    args = []
    for name, value in overrides.items():
        args += ["-s", f"{name}={value}"]
    return args


def spawn_workers(redis_url: str, n: int, overrides: dict[str, Any]) -> list[subprocess.Popen]:
    """``n`` local ``linkhealth worker --once`` processes (``check --workers N``).

    The URL (and its password) goes in their environment (``LINKHEALTH_REDIS_URL``),
    which only their user can read, not in their arguments, which ``ps`` shows anyone.
    """
    overrides = {"LOG_LEVEL": "WARNING", "LINKHEALTH_PROGRESS": "False", **overrides}
    command = [sys.executable, "-m", "linkhealth", "worker", "--once", *_override_args(overrides)]
    env = {**os.environ, "LINKHEALTH_REDIS_URL": redis_url}
    return [subprocess.Popen(command, stdin=subprocess.DEVNULL, env=env) for _ in range(n)]


def _stop_workers(procs: list[subprocess.Popen], grace: float = 30.0) -> None:
    deadline = time.monotonic() + grace
    for proc in procs:
        try:
            proc.wait(timeout=max(0.1, deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            proc.terminate()
    for proc in procs:
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def run_distributed(
    db_path: str,
    redis_url: str,
    *,
    everything: bool = False,
    resource_ids: list[str] | None = None,
    overrides: dict[str, Any] | None = None,
    wait: bool = False,
    trigger: str = "manual",
    workers: int = 0,
) -> str:
    """``linkhealth check --redis URL``: feed the queue, be the one writer, summarise."""
    from linkhealth.lock import CrawlLock, LockHeld
    from pipelines.classify import judge_batch

    from ..crawl import CrawlFailed, crawl_settings, due_selection, summarise
    from ..store import Store, StoreError

    overrides = dict(overrides or {})
    try:
        redis_url = _resolved(redis_url)
    except DistributedError as exc:
        raise CrawlFailed(str(exc))
    settings = crawl_settings(
        db_path,
        overrides,
        LINKHEALTH_CHECK_ALL=everything,
        LINKHEALTH_RESOURCE_IDS=list(resource_ids or []),
        LINKHEALTH_TRIGGER=trigger,
    )
    try:
        server = connect(redis_url)
    except DistributedError as exc:
        raise CrawlFailed(str(exc))
    queue = JobQueue(server, setting(settings, "LINKHEALTH_REDIS_PREFIX"))
    lock = CrawlLock(str(Path(db_path).resolve()))
    try:
        lock.acquire(wait=wait)
    except LockHeld as exc:
        raise CrawlFailed(str(exc))
    store = None
    token = secrets.token_hex(6)
    procs: list[subprocess.Popen] = []
    previous = signal.getsignal(signal.SIGTERM)

    def terminate(signum, frame):
        raise KeyboardInterrupt

    try:
        signal.signal(signal.SIGTERM, terminate)
        store = Store(db_path)
        run_id = store.start_run(trigger)
        lock.set_run_id(run_id)
        selection = due_selection(settings)
        due = store.count_due(**selection)
        writer = Writer(store, queue, settings, run_id=run_id, token=token, judge=judge_batch)
        try:
            queue.open_run(
                token,
                alive_seconds=writer.alive_seconds,
                info={
                    "run_id": run_id,
                    "db": str(Path(db_path).resolve()),
                    "due": due,
                    "host": socket.gethostname(),
                    "pid": os.getpid(),
                    "started": time.time(),
                },
            )
            print(
                f"run {run_id}: {due} resources due, queued on {redact(redis_url)} ({queue.start}); "
                f"storing results in {store.path}",
                file=sys.stderr,
                flush=True,
            )
            if workers:
                procs = spawn_workers(redis_url, workers, overrides)
            status, note = writer.run(store.iter_due(**selection), due=due, spawned=procs)
        except KeyboardInterrupt:
            status, note = RunStatus.INTERRUPTED, "the writer was stopped; what it did not record stays due"
        except redis.RedisError as exc:
            status, note = RunStatus.INTERRUPTED, f"lost Redis ({exc}); what it did not record stays due"
        finally:
            try:
                queue.close_run(token)  # workers drop what is left of this run
                queue.prune_workers(3 * writer.lease)
            except redis.RedisError:
                pass
        counts = store.finish_run(run_id, status=status, note=note, resources_due=due)
    except StoreError as exc:
        raise CrawlFailed(str(exc))
    finally:
        signal.signal(signal.SIGTERM, previous)
        if procs:
            _stop_workers(procs)
        if store is not None:
            store.close()
        lock.release()
    lines = [summarise(counts, status, due, run_id)]
    if note and status != RunStatus.NETWORK_DOWN:
        lines.insert(1, note)
    lines.append(writer.summary())
    return "\n".join(lines)


# ------------------------------------------------------------------ the workers


def worker_settings(redis_url: str, overrides: dict[str, Any] | None = None, worker_id: str | None = None):
    """The project's Scrapy settings, with scrapy-redis's scheduler and the Redis handoff."""
    from ..crawl import crawl_settings

    overrides = dict(overrides or {})
    settings = crawl_settings(os.devnull, overrides)
    settings.set("LINKHEALTH_DB", None, priority="cmdline")  # a worker never opens the catalogue
    worker_id = worker_id or f"{socket.gethostname()}-{os.getpid()}-{secrets.token_hex(3)}"
    prefix = setting(settings, "LINKHEALTH_REDIS_PREFIX")
    pipelines = dict(settings.getdict("ITEM_PIPELINES"))
    pipelines["pipelines.store.StorePipeline"] = None
    pipelines["crawler.redis_spider.RedisResultsPipeline"] = 900
    middlewares = dict(settings.getdict("DOWNLOADER_MIDDLEWARES"))
    # closest to the wire: a host slot is held only while the request is out
    middlewares["crawler.redis_middlewares.RedisHostSemaphoreMiddleware"] = 950
    values = {
        "REDIS_URL": redis_url,
        "LINKHEALTH_REDIS_WORKER_ID": worker_id,
        "REDIS_START_URLS_KEY": f"{prefix}:start",
        # scrapy-redis: the scheduler keeps each worker's requests in Redis (redirect
        # hops stay with the worker that holds the cookies); the duplicate filter is shared.
        "SCHEDULER": "crawler.redis_spider.ResilientScheduler",
        "DUPEFILTER_CLASS": "scrapy_redis.dupefilter.RFPDupeFilter",
        "SCHEDULER_PERSIST": True,  # a worker closing must not clear the shared filter
        "SCHEDULER_QUEUE_KEY": worker_requests_key(prefix, worker_id),
        "SCHEDULER_DUPEFILTER_KEY": f"{prefix}:dupefilter",
        "SCHEDULER_SERIALIZER": JsonSerializer,  # not pickle: see JsonSerializer
        # a worker outlives runs: each run's network is decided by its own answers
        "LINKHEALTH_PROBE_AT_OPEN": False,
        "ITEM_PIPELINES": pipelines,
        "DOWNLOADER_MIDDLEWARES": middlewares,
    }
    for name, value in values.items():
        if name not in overrides:
            settings.set(name, value, priority="cmdline")
    return settings


def run_worker(
    redis_url: str,
    *,
    overrides: dict[str, Any] | None = None,
    once: bool = False,
    max_idle: float = 0,
) -> dict[str, Any]:
    """``linkhealth worker``: crawl from the shared queue until told to stop; returns the stats.

    Raises DistributedError when Redis could not be reached for
    LINKHEALTH_REDIS_RECONNECT_SECONDS, so the process exits 1 and a supervisor
    (systemd's ``Restart=on-failure``) starts it again.
    """
    from scrapy.crawler import CrawlerProcess

    redis_url = _resolved(redis_url)
    connect(redis_url)  # a clear message for a wrong URL before Scrapy starts
    settings = worker_settings(redis_url, overrides)
    settings.set("LINKHEALTH_REDIS_ONCE", once, priority="cmdline")
    settings.set("LINKHEALTH_REDIS_MAX_IDLE", max_idle, priority="cmdline")
    # scrapy-redis 0.9 still passes spider= to the stats collector: noise, not news
    warnings.filterwarnings("ignore", message=".*'spider' argument", module="scrapy_redis")
    process = CrawlerProcess(settings)  # installs the reactor when the crawl starts

    from crawler.redis_spider import RedisResourcesSpider

    crawler = process.create_crawler(RedisResourcesSpider)
    process.crawl(crawler)
    process.start()
    stats = crawler.stats.get_stats()
    if stats.get("linkhealth/redis_gave_up"):
        raise DistributedError(
            f"lost Redis at {redact(redis_url)} for "
            f"{setting(settings, 'LINKHEALTH_REDIS_RECONNECT_SECONDS'):.0f} s "
            f"({stats['linkhealth/redis_gave_up']}): this worker gave up"
        )
    return stats
