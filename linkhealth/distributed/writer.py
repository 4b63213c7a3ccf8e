"""The one writer of a distributed run: feed the queue, store the results, re-queue lost leases.

It runs in the ``check --redis`` process, beside the catalogue; it speaks to the
workers only through the queue protocol (``linkhealth.distributed.protocol``).
"""

from __future__ import annotations

import itertools
import logging
import sys
import time
from collections.abc import Callable, Iterator
from typing import Any

import redis

from ..outcomes import Outcome, RunStatus
from .protocol import JobQueue, PoisonMessage, interleave_hosts, parse_result, setting

logger = logging.getLogger(__name__)

# ------------------------------------------------------------------ the writer


class Writer:
    """Feed the due resources, store the results as they come, finish the run.

    One process, no reactor: ``BLPOP`` results, ``Store.record_visits`` in
    batches, top the queue up to the window, re-queue expired leases.

    ``judge(store, visits)`` runs on each batch before it is written: the judgment
    that needs the catalogue rows, which the workers do not have (the identity
    check, ``pipelines.classify.judge_batch``, passed in by the command that starts
    the run: this module sits below the pipelines).
    """

    def __init__(
        self,
        store,
        queue: JobQueue,
        settings,
        *,
        run_id: int,
        token: str,
        judge: Callable[[Any, list[dict[str, Any]]], None],
        say=None,
    ):
        from linkhealth.health import HealthPolicy

        self.store = store
        self.judge = judge
        self.queue = queue
        self.run_id = run_id
        self.token = token
        self.say = say or (lambda text: print(text, file=sys.stderr, flush=True))
        self.policy = HealthPolicy(
            broken_after_failures=settings.getint("LINKHEALTH_BROKEN_AFTER_FAILURES", 3),
            broken_after_hours=settings.getfloat("LINKHEALTH_BROKEN_AFTER_HOURS", 48),
        )
        self.window = max(1, setting(settings, "LINKHEALTH_REDIS_WINDOW"))
        self.batch = max(1, setting(settings, "LINKHEALTH_REDIS_WRITE_BATCH"))
        self.lease = setting(settings, "LINKHEALTH_REDIS_LEASE_SECONDS")
        self.max_tries = max(1, setting(settings, "LINKHEALTH_REDIS_MAX_TRIES"))
        self.idle_timeout = setting(settings, "LINKHEALTH_REDIS_IDLE_TIMEOUT")
        #: how long workers wait for a silent writer before they drop the run
        self.alive_seconds = max(60.0, 2 * self.lease)
        self.fed = self.stored = self.abandoned = self.duplicates = self.requeued = 0
        self.network_down = self.answered = self.rejected = self.refed = 0
        #: job number -> the row it was fed for, while its result is outstanding (at
        #: most the window): what a result must match, and what is fed again if not
        self.expected: dict[int, dict[str, Any]] = {}
        self.dead_at_start = self._dead_letters()
        self.store_seconds = 0.0

    @property
    def handled(self) -> int:
        return self.stored + self.abandoned

    @property
    def outstanding(self) -> int:
        return len(self.expected)

    def _dead_letters(self) -> int:
        try:
            return self.queue.dead_letters()
        except redis.RedisError:
            return 0

    @property
    def dead_letters(self) -> int:
        """Messages dead-lettered under this prefix since the run began (its workers' and its own)."""
        return max(0, self._dead_letters() - self.dead_at_start)

    def _feed_rows(self, rows: list[dict[str, Any]]) -> None:
        first = self.fed
        self.fed += self.queue.feed(self.token, rows, first)
        for i, row in enumerate(rows):
            self.expected[first + i] = {k: row.get(k) for k in ("id", "url", "etag", "last_modified")}

    def _feed(self, rows: Iterator[dict[str, Any]], room: int) -> int:
        chunk = list(itertools.islice(rows, min(room, 2000)))
        if chunk:
            self._feed_rows(interleave_hosts(chunk))
        return len(chunk)

    def _reject(self, data: bytes, reason: str) -> None:
        self.rejected += 1
        logger.warning("result dead-lettered (%s): %.200r", reason, data)
        self.queue.dead_letter("result", data, reason, by="writer", run=self.token)

    def _store(self, raw: list[bytes]) -> None:
        visits = []
        refeed = []
        for data in raw:
            try:
                record = parse_result(data)
            except PoisonMessage as exc:
                self._reject(data, str(exc))
                continue
            n = record.pop("n")
            job = self.expected.pop(n, None)
            if job is None:
                if n < self.fed:
                    self.duplicates += 1  # its job was stored or abandoned already
                else:
                    self._reject(data, f"result: n: no job {n} was fed in this run")
                continue
            if record["resource_id"] != job["id"]:
                # Redis took this as job n's result, so job n itself will not be
                # visited: queue its resource again, under a new number.
                self._reject(
                    data, f"result: resource_id: job {n} was fed for {job['id']!r}, not {record['resource_id']!r}"
                )
                refeed.append(job)
                continue
            if record.get("abandoned"):
                self.abandoned += 1
                logger.warning(
                    "%s (%s): abandoned after %s workers stopped on it; it stays due",
                    record.get("resource_id"),
                    record.get("url"),
                    record.get("tries"),
                )
                continue
            record.pop("run", None)
            record["run_id"] = self.run_id
            if record.get("outcome") == Outcome.NETWORK_DOWN:
                self.network_down += 1
            elif record.get("status_code") is not None:
                self.answered += 1
            visits.append(record)
        if refeed:
            self.refed += len(refeed)
            self._feed_rows(refeed)
        if visits:
            started = time.perf_counter()
            self.judge(self.store, visits)
            self.store.record_visits(visits, self.policy)
            self.store_seconds += time.perf_counter() - started
            self.stored += len(visits)

    def run(
        self, rows: Iterator[dict[str, Any]], due: int | None = None, spawned: list | None = None
    ) -> tuple[str, str | None]:
        """Until every fed job is stored or abandoned; returns (status, note)."""
        exhausted = False
        started = last_result = last_reap = last_note = last_check = time.monotonic()
        warned_no_workers = False
        last_alive = 0.0
        while True:
            now = time.monotonic()
            if now - last_alive >= 1:
                self.queue.keep_alive(self.token, self.alive_seconds)
                last_alive = now
            outstanding = self.outstanding
            if not exhausted and outstanding < self.window:
                if self._feed(rows, self.window - outstanding) == 0:
                    exhausted = True
                continue
            if now - last_reap >= min(1.0, self.lease / 4):
                requeued, _ = self.queue.reap(self.token, self.max_tries)
                if requeued:
                    self.requeued += requeued
                    logger.info("re-queued %d jobs whose worker stopped renewing them", requeued)
                last_reap = now
            raw = self.queue.pop_results(self.token, self.batch, timeout=0.5)
            if raw:
                self._store(raw)
                last_result = time.monotonic()
            if exhausted and not self.expected:
                return self._status()
            if now - last_note >= 10:
                self.queue.prune_workers(3 * self.lease)
                rate = self.stored / max(now - started, 1e-9)
                seen = self.queue.workers_seen(max(self.lease, 10))
                self.say(
                    f"run {self.run_id}: {self.handled}/{due if due is not None else self.fed} stored, "
                    f"{seen} workers, {rate:.0f}/s"
                )
                if seen == 0 and not warned_no_workers and not spawned:
                    self.say("no worker is running: start `linkhealth worker --redis URL` on each crawling machine")
                    warned_no_workers = True
                last_note = now
            if spawned and now - last_check >= 2:
                last_check = now
                codes = [proc.poll() for proc in spawned]
                if None not in codes and self.queue.workers_seen(max(self.lease, 10)) == 0:
                    return RunStatus.INCOMPLETE, (
                        f"the local workers exited (exit status {', '.join(map(str, codes))}) and no other "
                        f"worker is running; {self.outstanding} resources stay due"
                    )
            if self.idle_timeout and time.monotonic() - last_result > self.idle_timeout:
                left = self.outstanding
                return RunStatus.INCOMPLETE, (
                    f"no result came for {self.idle_timeout:.0f} s with {left} resources outstanding "
                    "(are workers running?); they stay due"
                )

    def summary(self) -> str:
        """What the queue did this run, for the end-of-run report: a maintainer reading why a
        run took long, or why a resource was visited twice, finds it here. Duplicates are
        results of a job already stored or abandoned (a worker that was thought stopped and
        re-queued, then answered after all); they are ignored, and counted so that a flaky
        worker shows."""
        text = (
            f"redis: {self.fed} queued, {self.stored} stored, {self.requeued} re-queued "
            f"after a worker stopped, {self.abandoned} abandoned; "
            f"{self.store_seconds:.1f} s writing the store"
        )
        if self.duplicates:
            text += f"\nduplicates ignored: {self.duplicates} (results for jobs already stored or abandoned)"
        dead = self.dead_letters
        if dead:
            text += (
                f"\npoison: {dead} messages dead-lettered to {self.queue.dead} during the run "
                f"({self.rejected} results refused by the writer, {self.refed} resources queued "
                f"again because a result named another resource)"
            )
        return text

    def _status(self) -> tuple[str, str | None]:
        if self.network_down and not self.answered:
            return RunStatus.NETWORK_DOWN, "the crawler could not reach the network: nothing was marked dead"
        if self.abandoned:
            return RunStatus.INCOMPLETE, (
                f"{self.abandoned} resources were abandoned after every worker that took them stopped; they stay due"
            )
        return RunStatus.FINISHED, None
