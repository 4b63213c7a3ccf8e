"""The Scrapy pipeline that hands finished visits to the store, in batches.

- One ``runs`` row per crawl; runs left open by a killed crawl are marked
  interrupted when the next one starts.
- Visits are written LINKHEALTH_STORE_BATCH at a time, one transaction per
  batch (WAL): a crash costs at most one batch, which is simply due again.
- It writes what the network hold (``pipelines/network_hold.py``) lets go, when
  it lets it go (``VISIT_READY``): a crawler that is itself offline marks nothing
  dead. Before the run is closed it asks for what is still held; a run whose
  network was down is recorded as ``network_down``. The verdicts, the suggested
  address included, are the judge's: this stage only writes them.
"""

from __future__ import annotations

import hashlib
import logging
import time
from typing import Any

from linkhealth.health import HealthPolicy
from linkhealth.lock import CrawlLock
from linkhealth.outcomes import INCONCLUSIVE, Outcome, RunStatus
from linkhealth.store import Store, StoreError
from linkhealth.visit import Visit
from pipelines.classify import judge_batch

from .network_hold import DOWN, VISIT_READY, require_hold, settle_held

logger = logging.getLogger(__name__)

#: A Scrapy signal (sent by linkhealth.crawl on a second Ctrl-C, or when the graceful stop
#: outlasts its grace): write what is held and close the run as interrupted, now.
STOP_NOW = object()


def visit_record(item: Visit, run_id: int | None) -> dict[str, Any]:
    """A judged Visit as the store's visit dict (wire facts worth keeping, no body)."""
    body = item.body or b""
    return {
        "resource_id": item.resource_id,
        "run_id": run_id,
        "url": item.url,
        "final_url": item.final_url,
        "status_code": item.status,
        "outcome": item.outcome,
        "gate": item.gate,
        "detail": item.detail,
        "checked_at": item.checked_at,
        "redirect_chain": item.redirect_chain or None,
        "elapsed_ms": item.elapsed_ms,
        "bytes": item.bytes_received if item.bytes_received is not None else (len(body) if body else None),
        "content_type": item.content_type or None,
        "etag": item.headers.get("etag"),
        "last_modified": item.headers.get("last-modified"),
        "content_hash": hashlib.sha256(body).hexdigest() if body else None,
        "error_class": item.error_class,
        "error_message": item.error_message,
        "inconclusive": Outcome(item.outcome) in INCONCLUSIVE,
        "metadata": item.metadata,
        "page": item.page,
        "hold_health": item.hold_health,
        "suggested_url": item.suggested_url,
    }


class StorePipeline:
    """The local crawl's writer: one run, visits to the store in batches."""

    def __init__(self, crawler: Any) -> None:
        self.crawler = crawler
        s = crawler.settings
        self.db_path = s.get("LINKHEALTH_DB") or None
        self.batch_size = max(1, s.getint("LINKHEALTH_STORE_BATCH", 50))
        self.policy = HealthPolicy(
            broken_after_failures=s.getint("LINKHEALTH_BROKEN_AFTER_FAILURES", 3),
            broken_after_hours=s.getfloat("LINKHEALTH_BROKEN_AFTER_HOURS", 48),
        )
        self.trigger = s.get("LINKHEALTH_TRIGGER") or "manual"
        self.lock_wait = s.getbool("LINKHEALTH_LOCK_WAIT")
        self.lock_held_by_caller = s.getbool("LINKHEALTH_LOCK_HELD")
        self.shared_run_id = s.getint("LINKHEALTH_RUN_ID") if s.get("LINKHEALTH_RUN_ID") else None
        self.batch: list[dict[str, Any]] = []
        self.store: Store | None = None
        self.lock: CrawlLock | None = None
        self.run_id: int | None = None
        self.store_seconds = 0.0
        #: set when the catalogue cannot be written (read-only, disk full): the crawl stops
        self.store_error: str | None = None

    @classmethod
    def from_crawler(cls, crawler: Any) -> StorePipeline:
        require_hold(crawler, "StorePipeline")
        pipeline = cls(crawler)
        from scrapy import signals

        # A visit lost to a bug (an exception in a callback or a pipeline) is the
        # crawl failing, not a dead link: count them so `check` can say so and exit 1.
        crawler.signals.connect(pipeline._count_error, signal=signals.item_error)
        crawler.signals.connect(pipeline._count_error, signal=signals.spider_error)
        crawler.signals.connect(pipeline.stop_now, signal=STOP_NOW)
        crawler.signals.connect(pipeline.write, signal=VISIT_READY)
        return pipeline

    def stop_now(self) -> None:
        """The crawl is being stopped without waiting for downloads in flight: keep every
        visit made (those without an answer yet change no health: the network's state is
        unknown) and record the run as interrupted, before the reactor stops."""
        if self.store is None:
            return
        try:
            settle_held(self.crawler, stopping=True)
            self.flush()
            note = "stopped by Ctrl-C or SIGTERM; the next run re-checks what this one did not record"
            assert self.run_id is not None  # opened with the store
            if self.shared_run_id:
                counts = self.store.outcome_counts(self.run_id)
            else:
                counts = self.store.finish_run(
                    self.run_id,
                    status="interrupted",
                    note=note,
                    resources_due=self.crawler.stats.get_value("linkhealth/due"),
                )
            self.crawler.stats.set_value("linkhealth/counts", counts)
            self.crawler.stats.set_value("linkhealth/run_status", "interrupted")
        except StoreError as exc:
            self._give_up(exc)
        finally:
            self.store.close()
            self.store = None
            if self.lock is not None:
                self.lock.release()
                self.lock = None

    def _count_error(self, *args: Any, **kwargs: Any) -> None:
        self.crawler.stats.inc_value("linkhealth/errors")

    def open_spider(self, spider: Any = None) -> None:
        if not self.lock_held_by_caller:
            self.lock = CrawlLock(self.db_path or "catalogue.db")
            self.lock.acquire(wait=self.lock_wait)
        try:
            self.store = Store(self.db_path)
            # one share of a multi-process run writes into the run its parent opened
            self.run_id = self.shared_run_id or self.store.start_run(
                self.trigger, log_path=self.crawler.settings.get("LINKHEALTH_LOG_PATH") or None
            )
        except StoreError as exc:
            self._give_up(exc)
            if self.store is not None:
                self.store.close()
                self.store = None
            if self.lock is not None:
                self.lock.release()
                self.lock = None
            from scrapy.exceptions import CloseSpider

            raise CloseSpider(f"store_error: {exc}")
        lock = self.lock or CrawlLock.current(self.db_path or "catalogue.db")
        if lock is not None:
            lock.set_run_id(self.run_id)
        self.crawler.stats.set_value("linkhealth/run_id", self.run_id)

    def process_item(self, item: Visit, spider: Any = None) -> Visit:
        return item  # written when the network hold lets it go (write)

    def write(self, visit: Visit) -> None:
        """One judged visit the network hold let go, into the next batch."""
        if self.store_error or self.store is None:
            return  # the catalogue cannot be written: the crawl is closing
        self.batch.append(visit_record(visit, self.run_id))
        if len(self.batch) >= self.batch_size:
            self.flush()

    def flush(self) -> None:
        if not self.batch or self.store is None:
            return
        started = time.perf_counter()
        try:
            judge_batch(self.store, self.batch)  # identity: against the catalogue rows, before they change
            self.store.record_visits(self.batch, self.policy)
        except StoreError as exc:  # one transaction per batch: nothing half-written
            self.batch = []
            self._give_up(exc)
            from scrapy.utils.defer import deferred_from_coro

            deferred_from_coro(self.crawler.engine.close_spider_async(reason=f"store_error: {exc}"))
            return
        self.store_seconds += time.perf_counter() - started
        self.batch = []

    def _give_up(self, exc: Exception) -> None:
        """The catalogue cannot be written: say so once, clearly, and stop crawling."""
        self.store_error = str(exc)
        logger.error("stopping the crawl: %s", exc)
        self.crawler.stats.set_value("linkhealth/store_error", str(exc))
        self.crawler.stats.set_value("linkhealth/run_status", "store_error")

    def close_spider(self, spider: Any = None) -> None:
        if self.store is None:
            return
        #: a RunStatus, or Scrapy's close reason as it is (closespider_timeout, …)
        status: str = RunStatus.FINISHED
        note: str | None = None
        try:
            network = settle_held(self.crawler)  # what is still held, written first
            self.flush()
            if self.store_error:
                return  # the run stays open; the next crawl marks it interrupted
            assert self.run_id is not None  # opened with the store
            if network == DOWN:
                status = RunStatus.NETWORK_DOWN
                note = "the crawler could not reach the network: nothing was marked dead"
            reason = self.crawler.stats.get_value("finish_reason")
            if reason and reason != RunStatus.FINISHED and status == RunStatus.FINISHED:
                status = RunStatus.INTERRUPTED if reason in ("shutdown", "cancelled") else str(reason)
            elif status == RunStatus.FINISHED and not self.crawler.crawling:
                # Ctrl-C / SIGTERM: Crawler.stop() clears `crawling` before the engine closes
                # the spider; Scrapy sets finish_reason only after the pipelines are closed
                status = RunStatus.INTERRUPTED
            if self.shared_run_id:  # the parent process closes a shared run
                counts = self.store.outcome_counts(self.run_id)
            else:
                counts = self.store.finish_run(
                    self.run_id,
                    status=status,
                    note=note,
                    resources_due=self.crawler.stats.get_value("linkhealth/due"),
                )
            self.crawler.stats.set_value("linkhealth/counts", counts)
            self.crawler.stats.set_value("linkhealth/run_status", status)
            self.crawler.stats.set_value("linkhealth/store_seconds", round(self.store_seconds, 3))
        finally:
            self.store.close()
            if self.lock is not None:
                self.lock.release()
