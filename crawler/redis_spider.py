"""The worker's spider and its handoff: the ``resources`` spider's transport, fed from Redis.

:class:`RedisResourcesSpider` is a scrapy-redis ``RedisSpider`` over
:class:`crawler.spiders.resources.ResourcesSpider`: the requests, the wire
facts and the soft-404 probe are the resources spider's own code
(``visit_request``, ``parse_visit``, ``failed_visit``); only where the
resources come from changes. Instead of streaming due rows from the store,
``start()`` takes jobs from the shared start-URLs key with a lease
(``JobQueue.fetch`` in ``linkhealth/distributed/protocol.py``), no more than the
worker can have in flight, and renews those leases on a heartbeat while it
works on them.

:class:`RedisResultsPipeline` takes the place of ``StorePipeline``: each judged
visit goes to the writer through Redis as ``visit_record(...)`` JSON (metadata
included, no body), accepted once per job. The network hold in front of it
(``pipelines/network_hold.py``, the same stage as on one machine) keeps visits
without an answer back until this worker knows it is online, per run; when it
is not, transport failures become ``network_down`` and no visit changes health.

This module lives outside ``crawler/spiders/`` on purpose: Scrapy's spider
loader imports every module there, and the single-machine crawl must not
import Redis.
"""

from __future__ import annotations

import json
import logging
import random
import time
from collections import defaultdict
from typing import Any

import redis
from scrapy import signals
from scrapy.utils.defer import maybe_deferred_to_future
from scrapy_redis.scheduler import Scheduler
from scrapy_redis.spiders import RedisSpider
from twisted.internet.task import LoopingCall, deferLater

from crawler.redis_middlewares import HostSemaphoreUnavailable
from crawler.spiders.resources import ResourcesSpider
from linkhealth.distributed.protocol import JobQueue, PoisonMessage, parse_job, setting, worker_requests_key
from linkhealth.visit import Visit
from pipelines.network_hold import VISIT_READY, require_hold, settle_held
from pipelines.store import visit_record

logger = logging.getLogger(__name__)

#: Request meta key (and Visit attribute ``job``) carrying the job a visit answers.
JOB = "linkhealth_job"


async def _sleep(seconds: float) -> None:
    from twisted.internet import reactor  # the one Scrapy installed (not at import time)

    await maybe_deferred_to_future(deferLater(reactor, seconds, lambda: None))


class RedisResourcesSpider(RedisSpider, ResourcesSpider):
    """``resources`` fed from the shared queue; one per ``linkhealth worker``."""

    name = "resources-redis"

    @classmethod
    def from_crawler(cls, crawler, *args, **kwargs):
        spider = super().from_crawler(crawler, *args, **kwargs)  # ResourcesSpider's, then setup_redis()
        s = crawler.settings
        spider.queue = JobQueue(spider.server, setting(s, "LINKHEALTH_REDIS_PREFIX"))
        spider.worker_id = s.get("LINKHEALTH_REDIS_WORKER_ID") or "worker"
        spider.lease_ms = int(setting(s, "LINKHEALTH_REDIS_LEASE_SECONDS") * 1000)
        spider.prefetch = setting(s, "LINKHEALTH_REDIS_PREFETCH") or s.getint("CONCURRENT_REQUESTS", 16)
        spider.job_max_seconds = setting(s, "LINKHEALTH_REDIS_JOB_MAX_SECONDS")
        spider.once = s.getbool("LINKHEALTH_REDIS_ONCE")
        spider.max_idle = s.getfloat("LINKHEALTH_REDIS_MAX_IDLE", 0)
        spider.reconnect_seconds = setting(s, "LINKHEALTH_REDIS_RECONNECT_SECONDS")
        spider.requests_key = worker_requests_key(spider.queue.prefix, spider.worker_id)
        spider.jobs = {}  # lease member (the job's JSON as queued) -> job
        spider.runs_seen = set()
        spider.network_hold = None  # the NetworkHoldPipeline, once open: settled when downloads are done
        spider._heartbeat = None  # a LoopingCall, made once the reactor is installed
        crawler.signals.connect(spider._opened, signal=signals.spider_opened)
        crawler.signals.connect(spider._closed, signal=signals.spider_closed)
        return spider

    # -- jobs in ----------------------------------------------------------------

    def pop_list_queue(self, redis_key, batch_size):
        """scrapy-redis's fetch, with a lease: a job taken is not lost if this worker dies."""
        return self.queue.fetch(batch_size, self.lease_ms)

    def make_request_from_data(self, data):
        """A job (JSON: run, n, id, url, etag, last_modified) → the resources spider's request.

        A job that fails JOB_SCHEMA is dead-lettered with its lease (another
        worker would fail on it the same way) and this worker goes on.
        """
        try:
            job = parse_job(data)
        except PoisonMessage as exc:
            logger.warning("job dead-lettered (%s): %.200r", exc, data)
            self.crawler.stats.inc_value("linkhealth/jobs_dead_lettered")
            run = _run_of(data)
            self.queue.dead_letter(
                "job", data, str(exc), by=self.worker_id, run=run, lease=(run, data) if run else None
            )
            return None
        job["_member"] = data
        job["_taken"] = time.monotonic()
        self.jobs[data] = job
        self.crawler.stats.inc_value("linkhealth/jobs_taken")
        if job["run"] not in self.runs_seen:
            self.runs_seen.add(job["run"])
            self._probes.clear()  # fresh soft-404 evidence for each run
        out = self.visit_request(
            {"id": job["id"], "url": job.get("url"), "etag": job.get("etag"), "last_modified": job.get("last_modified")}
        )
        if isinstance(out, Visit):  # not a fetchable URL: judged without a request
            out.job = job
        else:
            out.meta[JOB] = job
        return out

    async def start(self):
        """Take jobs while there is room; stop when told (--once, --max-idle) or never.

        When Redis cannot be reached it retries, backing off from 0.5 s to 30 s,
        for LINKHEALTH_REDIS_RECONNECT_SECONDS; then it stops with the stat
        ``linkhealth/redis_gave_up`` set, and ``linkhealth worker`` exits 1.
        """
        idle_since = time.monotonic()
        seen_run = False
        lost_since = None
        delay = 0.0
        while True:
            room = self.prefetch - len(self.jobs)
            now = time.monotonic()
            try:
                batch = []
                if room > 0:
                    self.redis_batch_size = room
                    batch = list(self.next_requests())  # scrapy-redis: fetch_data → make_request_from_data
                active = self.queue.active_runs() if self.once and not batch and not self.jobs else None
            except redis.RedisError as exc:
                lost_since = lost_since or now
                if now - lost_since >= self.reconnect_seconds:
                    self.logger.error("Redis unreachable for %.0f s (%s): this worker gives up", now - lost_since, exc)
                    self.crawler.stats.set_value("linkhealth/redis_gave_up", f"{type(exc).__name__}: {exc}")
                    return
                delay = min(30.0, max(0.5, delay * 2), max(0.05, self.reconnect_seconds - (now - lost_since)))
                self.logger.warning("lost Redis (%s): trying again in %.1f s", exc, delay)
                self.crawler.stats.inc_value("linkhealth/redis_retries")
                await _sleep(delay * random.uniform(0.8, 1.0))
                continue
            if lost_since is not None:
                self.logger.warning("Redis is back after %.0f s", now - lost_since)
                lost_since, delay = None, 0.0
            got = 0
            for out in batch:
                got += 1
                yield out
            if got:
                idle_since, seen_run = now, True
                continue
            if self.jobs:
                idle_since = now
                hold = self.network_hold
                if hold is not None and hold.has_pending() and not self.crawler.engine.downloader.active:
                    await hold.resolve_pending()
            else:
                if self.once:
                    if active:
                        seen_run = True
                    elif seen_run:
                        self.logger.info("no run is active any more: this worker is done")
                        return
                if self.max_idle and now - idle_since >= self.max_idle:
                    self.logger.info("nothing to do for %.0f s: this worker stops", self.max_idle)
                    return
            await _sleep(0.05 if room <= 0 else 0.25)

    def spider_idle(self):
        """The engine idles only once ``start()`` has returned: let the spider close."""
        return None

    # -- the wire: the resources spider's, tagged with the job ---------------------

    async def parse_visit(self, response):
        visit = await super().parse_visit(response)
        visit.job = response.meta.get(JOB)
        return visit

    def failed_visit(self, failure):
        job = failure.request.meta.get(JOB)
        if failure.check(HostSemaphoreUnavailable):
            # Redis failed under us, not the link: give the job back unjudged.
            self.give_back([job] if job else [])
            return None
        visit = super().failed_visit(failure)
        visit.job = job
        return visit

    # -- jobs out ---------------------------------------------------------------

    def send_result(self, item: Visit) -> None:
        """The judged visit to the writer (once per job), and the job out of hand."""
        job = getattr(item, "job", None)
        if not job:
            return
        record = visit_record(item, None)
        record.pop("run_id", None)
        record["n"] = job["n"]
        data = json.dumps(record, default=str, separators=(",", ":"), ensure_ascii=False)
        try:
            accepted = self.queue.complete(job["run"], job["n"], job["_member"], data)
        except redis.RedisError as exc:  # the lease expires and another worker visits it
            logger.warning("could not hand %s to the writer: %s", item.url, exc)
            accepted = None
        self.jobs.pop(job["_member"], None)
        stat = {1: "results_sent", 0: "results_duplicate", -1: "results_run_over", -2: "results_refused"}.get(
            accepted, "results_lost"
        )
        self.crawler.stats.inc_value(f"linkhealth/{stat}")

    def give_back(self, jobs: list[dict[str, Any]]) -> None:
        """Jobs this worker will not finish: to the head of the queue now."""
        by_run = defaultdict(list)
        for job in jobs:
            self.jobs.pop(job["_member"], None)
            by_run[job["run"]].append(job["_member"])
        for run, members in by_run.items():
            try:
                self.queue.release(run, members)
            except redis.RedisError:
                pass  # the leases expire instead

    def drop_job(self, job: dict[str, Any] | None) -> None:
        """Forget a job this worker can no longer carry (its lease lapses; another worker takes it)."""
        if job:
            self.jobs.pop(job.get("_member"), None)

    def heartbeat(self) -> None:
        """Renew the leases of the jobs in hand; say this worker is alive."""
        now = time.monotonic()
        by_run = defaultdict(list)
        for member, job in list(self.jobs.items()):
            if now - job["_taken"] > self.job_max_seconds:
                logger.warning(
                    "%s: no result after %.0f s; letting its lease lapse", job.get("url"), now - job["_taken"]
                )
                del self.jobs[member]
                continue
            by_run[job["run"]].append(member)
        try:
            for run, members in by_run.items():
                self.queue.renew(run, members, self.lease_ms)
            self.queue.beat(self.worker_id)
            self.server.pexpire(self.requests_key, self.lease_ms * 4)  # a dead worker's queue goes
        except redis.RedisError as exc:
            logger.warning("heartbeat to Redis failed: %s", exc)

    def _opened(self, spider):
        self._heartbeat = LoopingCall(self.heartbeat)
        self._heartbeat.start(max(0.2, self.lease_ms / 4000), now=True)

    def _closed(self, spider, reason):
        if self._heartbeat is not None and self._heartbeat.running:
            self._heartbeat.stop()
        if self.jobs:
            logger.info("giving back %d unfinished jobs", len(self.jobs))
            self.give_back(list(self.jobs.values()))
        try:
            self.server.delete(self.requests_key)
            self.server.zrem(self.queue.workers, self.worker_id)
        except redis.RedisError:
            pass


class ResilientScheduler(Scheduler):
    """scrapy-redis's scheduler, for a Redis that may be gone for a while.

    scrapy-redis lets a Redis error escape from the engine's timed calls: the
    engine can then neither take a request nor tell that it is idle, and the
    worker never stops. Here a request that cannot be queued is dropped (its
    job's lease lapses and the writer queues it again), and while Redis is away
    there is nothing to take; ``start()`` decides whether to wait or give up.
    """

    def enqueue_request(self, request):
        try:
            return super().enqueue_request(request)
        except redis.RedisError as exc:
            logger.warning("could not queue %s in Redis (%s): its job goes to another worker", request.url, exc)
            drop = getattr(self.spider, "drop_job", None)
            if drop is not None:
                drop(request.meta.get(JOB))
            return False

    def next_request(self):
        try:
            return super().next_request()
        except redis.RedisError:
            return None

    def has_pending_requests(self):
        try:
            return super().has_pending_requests()
        except redis.RedisError:
            return False


def _run_of(data) -> str | None:
    """The run token of a job that failed its schema, if it names a plausible one."""
    try:
        run = json.loads(data).get("run")
    except (ValueError, AttributeError, UnicodeDecodeError):
        return None
    if isinstance(run, str) and 0 < len(run) <= 64 and run.replace("-", "").replace("_", "").isalnum():
        return run
    return None


class RedisResultsPipeline:
    """Judged visits to the writer through Redis (the worker's StorePipeline): each visit the
    network hold (``pipelines/network_hold.py``) lets go, when it lets it go."""

    def __init__(self, crawler: Any) -> None:
        self.crawler = crawler
        self.spider: RedisResourcesSpider | None = None

    @classmethod
    def from_crawler(cls, crawler: Any) -> RedisResultsPipeline:
        require_hold(crawler, "RedisResultsPipeline")
        pipeline = cls(crawler)
        crawler.signals.connect(pipeline.send, signal=VISIT_READY)
        return pipeline

    def open_spider(self, spider: Any = None) -> None:
        self.spider = spider or self.crawler.spider

    def process_item(self, item: Visit, spider: Any = None) -> Visit:
        return item  # sent when the network hold lets it go (send)

    def send(self, visit: Visit) -> None:
        if self.spider is not None:
            self.spider.send_result(visit)

    def close_spider(self, spider: Any = None) -> None:
        settle_held(self.crawler)  # what the hold still has goes to the writer first
