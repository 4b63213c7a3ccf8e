"""The Scrapy pipeline that hands finished visits to the store, in batches.

- One ``runs`` row per crawl; runs left open by a killed crawl are marked
  interrupted when the next one starts.
- Visits are written LINKHEALTH_STORE_BATCH at a time, one transaction per
  batch (WAL): a crash costs at most one batch, which is simply due again.
- A crawler that is itself offline marks nothing dead: visits without an answer
  (DNS, refused, timeout, TLS, an invalid URL) are held back until some host has
  answered. If none ever does, and the network looks down, transport failures are
  recorded as ``network_down`` and the rest as found, and no resource's health
  changes. When the configured probe fails, no visit of the run changes health.
"""

from __future__ import annotations

import hashlib
import logging
import socket
import threading
import urllib.request
from typing import Any

from linkhealth.health import HealthPolicy
from linkhealth.outcomes import INCONCLUSIVE, TRANSPORT_FAILURES, Outcome, RunStatus
from linkhealth.store import Store, StoreError
from pipelines.classify import judge_batch
from pipelines.judge import moved_to

logger = logging.getLogger(__name__)

#: A Scrapy signal (sent by linkhealth.crawl on a second Ctrl-C, or when the graceful stop
#: outlasts its grace): write what is held and close the run as interrupted, now.
STOP_NOW = object()

#: Names resolved to tell "this host is dead" from "we are offline" when no host answered.
CONNECTIVITY_HOSTS = ("example.com", "iana.org", "wikipedia.org")


def network_reachable(probe_url: str = "", timeout: float = 5.0) -> bool:
    """Is the crawler online? The probe URL if configured, else DNS for well-known names."""
    if probe_url:
        try:
            with urllib.request.urlopen(probe_url, timeout=timeout) as response:  # noqa: S310
                return response.status < 500
        except Exception:
            return False
    answers: list[bool] = []

    def resolve(name: str) -> None:
        try:
            socket.getaddrinfo(name, 443)
            answers.append(True)
        except OSError:
            pass

    threads = [threading.Thread(target=resolve, args=(h,), daemon=True) for h in CONNECTIVITY_HOSTS]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout)
    return bool(answers)


def visit_record(item, run_id: int | None) -> dict[str, Any]:
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
        "suggested_url": moved_to(item) if item.outcome == Outcome.MOVED.value else None,
    }


class StorePipeline:
    def __init__(self, crawler):
        self.crawler = crawler
        s = crawler.settings
        self.db_path = s.get("LINKHEALTH_DB") or None
        self.batch_size = max(1, s.getint("LINKHEALTH_STORE_BATCH", 50))
        self.policy = HealthPolicy(
            broken_after_failures=s.getint("LINKHEALTH_BROKEN_AFTER_FAILURES", 3),
            broken_after_hours=s.getfloat("LINKHEALTH_BROKEN_AFTER_HOURS", 48),
        )
        self.probe_url = s.get("LINKHEALTH_CONNECTIVITY_PROBE") or ""
        self.trigger = s.get("LINKHEALTH_TRIGGER") or "manual"
        self.lock_wait = s.getbool("LINKHEALTH_LOCK_WAIT")
        self.lock_held_by_caller = s.getbool("LINKHEALTH_LOCK_HELD")
        self.shared_run_id = s.getint("LINKHEALTH_RUN_ID") if s.get("LINKHEALTH_RUN_ID") else None
        self.batch: list[dict[str, Any]] = []
        self.pending: list[Any] = []  # visits without an answer, held until the network is known
        self.network = "unknown"  # "up" once any host answered, "down" if the probe failed
        self.store: Store | None = None
        self.lock = None
        self.run_id: int | None = None
        self.store_seconds = 0.0
        #: set when the catalogue cannot be written (read-only, disk full): the crawl stops
        self.store_error: str | None = None

    @classmethod
    def from_crawler(cls, crawler):
        pipeline = cls(crawler)
        from scrapy import signals

        # A visit lost to a bug (an exception in a callback or a pipeline) is the
        # crawl failing, not a dead link: count them so `check` can say so and exit 1.
        crawler.signals.connect(pipeline._count_error, signal=signals.item_error)
        crawler.signals.connect(pipeline._count_error, signal=signals.spider_error)
        crawler.signals.connect(pipeline.stop_now, signal=STOP_NOW)
        return pipeline

    def stop_now(self) -> None:
        """The crawl is being stopped without waiting for downloads in flight: keep every
        visit made (those without an answer yet change no health: the network's state is
        unknown) and record the run as interrupted, before the reactor stops."""
        if self.store is None:
            return
        try:
            for item in self.pending:
                item.hold_health = True
                self.batch.append(visit_record(item, self.run_id))
            self.pending.clear()
            self.flush()
            note = "stopped by Ctrl-C or SIGTERM; the next run re-checks what this one did not record"
            if self.shared_run_id:
                counts = self.store.outcome_counts(self.run_id)
            else:
                counts = self.store.finish_run(self.run_id, status="interrupted", note=note,
                                               resources_due=self.crawler.stats.get_value("linkhealth/due"))
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

    def _count_error(self, *args, **kwargs):
        self.crawler.stats.inc_value("linkhealth/errors")

    def open_spider(self, spider=None):
        if not self.lock_held_by_caller:
            from schedules.lock import CrawlLock

            self.lock = CrawlLock(self.db_path or "catalogue.db")
            self.lock.acquire(wait=self.lock_wait)
        try:
            self.store = Store(self.db_path)
            # one share of a multi-process run writes into the run its parent opened
            self.run_id = self.shared_run_id or self.store.start_run(
                self.trigger, log_path=self.crawler.settings.get("LINKHEALTH_LOG_PATH") or None)
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
        from schedules.lock import CrawlLock

        lock = self.lock or CrawlLock.current(self.db_path or "catalogue.db")
        if lock is not None:
            lock.set_run_id(self.run_id)
        self.crawler.stats.set_value("linkhealth/run_id", self.run_id)
        if self.probe_url and not network_reachable(self.probe_url):
            self.network = "down"
            logger.warning("connectivity probe %s failed: the network is down", self.probe_url)

    def process_item(self, item, spider=None):
        if self.store_error:
            return item  # the catalogue cannot be written: the crawl is closing
        if item.status is not None:
            if self.network == "unknown":
                self.network = "up"
                self.batch.extend(visit_record(p, self.run_id) for p in self.pending)
                self.pending.clear()
        elif self.network == "unknown":
            # no answer yet (a transport failure, an invalid URL, …): held until the
            # network is known, so a run that turns out offline changes no health
            self.pending.append(item)
            return item
        if self.network == "down":  # the probe failed: nothing changes health in this run
            self._hold(item)
        self.batch.append(visit_record(item, self.run_id))
        if len(self.batch) >= self.batch_size:
            self.flush()
        return item

    @classmethod
    def _hold(cls, item) -> None:
        """A visit of a run whose network is down: recorded, but no health changes."""
        if Outcome(item.outcome) in TRANSPORT_FAILURES:
            cls._mark_network_down(item)
        else:
            item.hold_health = True

    @staticmethod
    def _mark_network_down(item) -> None:
        item.detail = f"nothing could be reached (was {item.outcome}: {item.detail or item.error_class})"
        item.outcome = Outcome.NETWORK_DOWN.value
        item.hold_health = True

    def flush(self) -> None:
        if not self.batch or self.store is None:
            return
        import time

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

    def close_spider(self, spider=None):
        if self.store is None:
            return
        status, note = RunStatus.FINISHED, None
        try:
            if self.pending:
                # no host answered: offline if anything failed on the wire and the network is down
                if (self.network == "unknown"
                        and any(Outcome(i.outcome) in TRANSPORT_FAILURES for i in self.pending)
                        and not network_reachable(self.probe_url)):
                    self.network = "down"
                for item in self.pending:
                    if self.network == "down":
                        self._hold(item)
                    self.batch.append(visit_record(item, self.run_id))
                self.pending.clear()
            self.flush()
            if self.store_error:
                return  # the run stays open; the next crawl marks it interrupted
            if self.network == "down":
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
