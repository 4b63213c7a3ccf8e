"""Ctrl-C ends a crawl within seconds, even while downloads hang, in every crawler process.

Scrapy's graceful stop (the first SIGINT or SIGTERM) waits for every download in
flight: on a server that hangs, up to DOWNLOAD_TIMEOUT and its retries. This
extension notices the stop (Scrapy clears ``Crawler.crawling`` first) and gives
the downloads ``LINKHEALTH_STOP_GRACE`` seconds; then the store pipeline writes
what it holds and records the run as interrupted (``pipelines.store.STOP_NOW``)
and the reactor stops. Downloads still in flight are simply due next run.

As an extension it works in ``linkhealth check`` and in ``scrapy crawl`` alike,
so the shares of a multi-process run stop as promptly as the process that
started them.
"""

from __future__ import annotations

import contextlib
import time
from typing import TYPE_CHECKING, cast

from scrapy import signals
from twisted.internet import task
from twisted.internet.base import ReactorBase

from pipelines.store import STOP_NOW

if TYPE_CHECKING:
    from scrapy.crawler import Crawler


class PromptStop:
    #: how often to look whether a stop was asked for (cheap: one attribute read)
    interval = 0.2

    def __init__(self, crawler, grace: float):
        self.crawler = crawler
        self.grace = grace
        self.deadline: float | None = None
        self.loop: task.LoopingCall | None = None

    @classmethod
    def from_crawler(cls, crawler):
        ext = cls(crawler, crawler.settings.getfloat("LINKHEALTH_STOP_GRACE", 3.0))
        crawler.signals.connect(ext.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(ext.spider_closed, signal=signals.spider_closed)
        return ext

    def spider_opened(self, spider=None):
        self.loop = task.LoopingCall(self.tick)
        self.loop.start(self.interval, now=False)

    def spider_closed(self, spider=None, reason=None):
        if self.loop is not None and self.loop.running:
            self.loop.stop()

    def tick(self, now: float | None = None) -> bool:
        """True once the grace after a stop is over and the crawl was stopped here."""
        if self.crawler.crawling:
            return False
        now = time.monotonic() if now is None else now
        if self.deadline is None:
            self.deadline = now + self.grace
            return False
        if now < self.deadline:
            return False
        self.spider_closed()
        stop_now(self.crawler)
        return True


def stop_now(crawler: Crawler) -> None:
    """Store what the crawl holds, close its run as interrupted, and stop the reactor."""
    from twisted.internet import reactor

    crawler.signals.send_catch_log(STOP_NOW)
    with contextlib.suppress(RuntimeError):  # already stopping
        # the module stands in for the installed reactor; its type is the interface
        cast(ReactorBase, reactor).stop()
