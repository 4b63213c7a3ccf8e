"""Per-host politeness across workers: a semaphore per host, in Redis.

Scrapy's CONCURRENT_REQUESTS_PER_DOMAIN holds within one process. With many
workers each would allow that many, so a host could see N times its limit.
:class:`RedisHostSemaphoreMiddleware` makes the limit hold for all workers
together: before a request leaves it takes a lease on ``P:host:<hostname>``
(a sorted set of lease tokens scored by their deadlines, at most
CONCURRENT_REQUESTS_PER_DOMAIN members); it gives the lease back when the
response or the failure comes. When the host is at its limit it waits
(``deferLater``, backing off from 5 ms to 200 ms) and asks again; nothing blocks
the reactor.

It sits at 950, closest to the downloader: redirect hops, retries, the
robots.txt fetch and the soft-404 probe each pass through it as their own
request, and a lease is held only while a request is out (never while it waits
for robots.txt, a Retry-After pause or a redirect's next hop). The leases this
worker holds are renewed on a heartbeat; a worker killed mid-request stops
renewing, and its slots come free at the deadline
(LINKHEALTH_REDIS_LEASE_SECONDS).

Only loaded by ``linkhealth worker`` (``linkhealth/distributed/workers.py``: ``worker_settings``), never by
the single-machine crawl.
"""

from __future__ import annotations

import itertools
import logging
import random
import time
from collections import defaultdict
from typing import TYPE_CHECKING

import redis
from scrapy import signals
from scrapy.exceptions import IgnoreRequest, NotConfigured
from scrapy.utils.defer import maybe_deferred_to_future
from scrapy.utils.httpobj import urlparse_cached
from twisted.internet.task import LoopingCall, deferLater

from linkhealth.distributed.protocol import JobQueue, setting

if TYPE_CHECKING:
    from scrapy.crawler import Crawler

logger = logging.getLogger(__name__)

#: Request meta key holding this request's host lease token while it is out.
LEASE = "linkhealth_host_lease"


class HostSemaphoreUnavailable(IgnoreRequest):
    """Redis could not be asked for a host slot: the visit is given back, not judged."""


class RedisHostSemaphoreMiddleware:
    def __init__(self, crawler: Crawler) -> None:
        s = crawler.settings
        if not s.get("REDIS_URL") or not setting(s, "LINKHEALTH_REDIS_HOST_LIMITS"):
            raise NotConfigured
        from scrapy_redis import connection

        self.crawler = crawler
        self.queue = JobQueue(connection.from_settings(s), setting(s, "LINKHEALTH_REDIS_PREFIX"))
        self.limit = max(1, s.getint("CONCURRENT_REQUESTS_PER_DOMAIN", 8))
        self.lease_ms = int(setting(s, "LINKHEALTH_REDIS_LEASE_SECONDS") * 1000)
        self.worker = s.get("LINKHEALTH_REDIS_WORKER_ID") or "worker"
        self.held: dict[str, tuple[str, float]] = {}  # lease token -> (host, when taken)
        #: never renew a lease longer than this: a leak must not cost a host a slot for good
        self.max_hold = setting(s, "LINKHEALTH_REDIS_JOB_MAX_SECONDS")
        self.counter = itertools.count()
        self.heartbeat: LoopingCall | None = None  # once the spider opens
        crawler.signals.connect(self.opened, signal=signals.spider_opened)
        crawler.signals.connect(self.closed, signal=signals.spider_closed)

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler)

    async def process_request(self, request, spider=None):
        parts = urlparse_cached(request)
        if parts.scheme not in ("http", "https"):
            return None
        host = (parts.hostname or "").lower()
        token = f"{self.worker}:{next(self.counter)}"
        delay, errors, started = 0.005, 0, None
        while True:
            try:
                if self.queue.acquire_host(host, token, self.limit, self.lease_ms):
                    break
            except redis.RedisError as exc:
                errors += 1
                if errors >= 5:
                    raise HostSemaphoreUnavailable(f"RedisUnavailable: {exc}") from exc
            if started is None:
                started = time.monotonic()
                self.crawler.stats.inc_value("linkhealth/host_waits")
            from twisted.internet import reactor  # the one Scrapy installed

            await maybe_deferred_to_future(deferLater(reactor, delay * (0.5 + random.random()), lambda: None))
            delay = min(delay * 2, 0.2)
        if started is not None:
            waited = time.monotonic() - started
            self.crawler.stats.max_value("linkhealth/host_wait_max_s", round(waited, 3))
        self.held[token] = (host, time.monotonic())
        request.meta[LEASE] = token
        return None

    def process_response(self, request, response, spider=None):
        self._release(request)
        return response

    def process_exception(self, request, exception, spider=None):
        self._release(request)
        return None

    def _release(self, request) -> None:
        # popped, so a redirect or retry (which copies meta) does not carry it
        token = request.meta.pop(LEASE, None)
        held = self.held.pop(token, None) if token else None
        if held is None:
            return
        host = held[0]
        try:
            self.queue.release_host(host, [token])
        except redis.RedisError:
            pass  # it expires at its deadline

    def renew(self) -> None:
        now = time.monotonic()
        by_host = defaultdict(list)
        for token, (host, taken) in list(self.held.items()):
            if now - taken > self.max_hold:
                logger.warning("host lease %s on %s held %.0f s: letting it lapse", token, host, now - taken)
                del self.held[token]
                continue
            by_host[host].append(token)
        try:
            for host, tokens in by_host.items():
                self.queue.renew_host(host, tokens, self.lease_ms)
        except redis.RedisError as exc:
            logger.warning("could not renew host leases: %s", exc)

    def opened(self, spider):
        self.heartbeat = LoopingCall(self.renew)
        self.heartbeat.start(max(0.2, self.lease_ms / 4000), now=False)

    def closed(self, spider, reason):
        if self.heartbeat is not None and self.heartbeat.running:
            self.heartbeat.stop()
        by_host = defaultdict(list)
        for token, (host, _) in self.held.items():
            by_host[host].append(token)
        self.held.clear()
        for host, tokens in by_host.items():
            try:
                self.queue.release_host(host, tokens)
            except redis.RedisError:
                pass
