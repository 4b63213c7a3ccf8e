"""The network-down hold: a crawler that is itself offline marks nothing dead.

A visit that got no answer (DNS, refused, timeout, TLS, an address not sent) says
nothing about its resource until some host has answered: it is held until then.
If no host ever answers and the network looks down (the connectivity probe, or
DNS for well-known names, fails), the held transport failures are recorded as
``network_down`` and the other held visits as found, and no visit changes health
(``hold_health``). When the configured probe fails as the crawl opens, no visit
of the run changes health (LINKHEALTH_PROBE_AT_OPEN; a Redis worker, which
serves many runs over its life, does not ask it then).

One implementation for both writers: the local crawl's ``StorePipeline``
(``pipelines/store.py``) and a Redis worker's ``RedisResultsPipeline``
(``crawler/redis_spider.py``). A worker serves several runs at once, so the
state is kept per run (the visit's job names it; a local crawl is one run).

Why a signal rather than holding the item in the pipeline chain: Scrapy counts
an item inside a pipeline as work in progress, and a crawl with work in progress
never goes idle, so an item kept back until the crawl ends would keep it from
ending. Every visit passes through this stage at once; the writers write a visit
when this stage sends it with :data:`VISIT_READY` (at once for most, later for
held ones), and ask for the held ones with :func:`settle_held` before they close.
"""

from __future__ import annotations

import logging
import socket
import threading
import urllib.request
from collections import defaultdict
from collections.abc import Hashable, Iterable
from typing import Any

from twisted.internet import threads
from twisted.python.failure import Failure

from linkhealth.outcomes import TRANSPORT_FAILURES, Outcome
from linkhealth.visit import Visit

logger = logging.getLogger(__name__)

#: Scrapy signal sent for each visit a writer may write now (keyword ``visit``).
VISIT_READY = object()
#: Scrapy signal a writer sends before it closes (``stopping=False``: probe the network
#: if that decides anything) or stops at once (``stopping=True``: no probe, nothing held
#: changes health). The hold sends every held visit, then answers the local run's state.
SETTLE = object()

#: Names resolved to tell "this host is dead" from "we are offline" when no host answered.
CONNECTIVITY_HOSTS = ("example.com", "iana.org", "wikipedia.org")

UNKNOWN, UP, DOWN = "unknown", "up", "down"


def network_reachable(probe_url: str = "", timeout: float = 5.0) -> bool:
    """Is the crawler online? The probe URL if configured, else DNS for well-known names."""
    if probe_url:
        try:
            with urllib.request.urlopen(probe_url, timeout=timeout) as response:  # noqa: S310
                return bool(response.status < 500)
        except Exception:
            return False
    answers: list[bool] = []

    def resolve(name: str) -> None:
        try:
            socket.getaddrinfo(name, 443)
            answers.append(True)
        except OSError:
            pass

    workers = [threading.Thread(target=resolve, args=(h,), daemon=True) for h in CONNECTIVITY_HOSTS]
    for t in workers:
        t.start()
    for t in workers:
        t.join(timeout)
    return bool(answers)


def hold_visit(visit: Visit) -> None:
    """A visit of a run whose network is down: recorded, but no health changes; a transport
    failure is the crawler's, not the resource's (``network_down``)."""
    if Outcome(visit.outcome) in TRANSPORT_FAILURES:
        visit.detail = f"nothing could be reached (was {visit.outcome}: {visit.detail or visit.error_class})"
        visit.outcome = Outcome.NETWORK_DOWN.value
    visit.hold_health = True


class NetworkHold:
    """The hold's state, per run, with no I/O: which visits may be written now.

    A run's network is ``unknown`` until a visit of it is answered (``up``) or it
    is settled; ``down`` when the probe failed.
    """

    def __init__(self) -> None:
        self.state: dict[Hashable, str] = {}
        self.pending: dict[Hashable, list[Visit]] = defaultdict(list)

    def state_of(self, run: Hashable = None) -> str:
        return self.state.get(run, UNKNOWN)

    def admit(self, visit: Visit, run: Hashable = None) -> list[Visit]:
        """The visits that may be written now: none while this one waits for an answer from
        any host; else the ones it releases (an answer shows the network is up), then itself."""
        released: list[Visit] = []
        if self.state_of(run) == UNKNOWN:
            if visit.status is None:
                self.pending[run].append(visit)
                return []
            self.state[run] = UP
            released = self.pending.pop(run, [])
        if self.state_of(run) == DOWN:
            hold_visit(visit)
        return [*released, visit]

    def has_pending(self) -> bool:
        return any(self.pending.values())

    def needs_probe(self) -> bool:
        """Does the network's state decide anything? Only when a held visit failed on the wire."""
        return any(Outcome(v.outcome) in TRANSPORT_FAILURES for visits in self.pending.values() for v in visits)

    def settle(self, up: bool | None) -> list[Visit]:
        """Every held visit, now that the network was found up or down (``up``), or with
        ``None`` when nothing depends on it (no held visit failed on the wire): as found."""
        out: list[Visit] = []
        for run, visits in self.pending.items():
            if up is not None and self.state_of(run) == UNKNOWN:
                self.state[run] = UP if up else DOWN
                if not up:
                    logger.warning("no host answered and the connectivity check failed: the network is down")
            if self.state_of(run) == DOWN:
                for visit in visits:
                    hold_visit(visit)
            out.extend(visits)
        self.pending.clear()
        return out

    def stop(self) -> list[Visit]:
        """Every held visit, for a crawl stopping now: the network's state stays unknown, so
        none of them changes health."""
        out = [visit for visits in self.pending.values() for visit in visits]
        for visit in out:
            visit.hold_health = True
        self.pending.clear()
        return out


def run_of(visit: Any) -> Hashable:
    """The run a visit belongs to: its Redis job's run token, or None for the local crawl."""
    job = getattr(visit, "job", None)
    return job.get("run") if isinstance(job, dict) else None


class NetworkHoldPipeline:
    """The hold as a Scrapy item pipeline, between the judges and the writer."""

    def __init__(self, crawler: Any) -> None:
        self.crawler = crawler
        self.probe_url: str = crawler.settings.get("LINKHEALTH_CONNECTIVITY_PROBE") or ""
        self.probe_at_open: bool = crawler.settings.getbool("LINKHEALTH_PROBE_AT_OPEN", True)
        self.hold = NetworkHold()

    @classmethod
    def from_crawler(cls, crawler: Any) -> NetworkHoldPipeline:
        pipeline = cls(crawler)
        crawler.signals.connect(pipeline.on_settle, signal=SETTLE)
        return pipeline

    def open_spider(self, spider: Any = None) -> None:
        # the Redis worker's spider asks the hold to settle when its downloads are done
        (spider or self.crawler.spider).network_hold = self
        if self.probe_url and self.probe_at_open and not network_reachable(self.probe_url):
            self.hold.state[None] = DOWN
            logger.warning("connectivity probe %s failed: the network is down", self.probe_url)

    def process_item(self, item: Visit, spider: Any = None) -> Visit:
        self._send(self.hold.admit(item, run_of(item)))
        return item

    def has_pending(self) -> bool:
        return self.hold.has_pending()

    async def resolve_pending(self) -> None:
        """No answer from any host for the held visits: is this crawler online? (probed on a thread)"""
        from scrapy.utils.defer import maybe_deferred_to_future

        up = None
        if self.hold.needs_probe():
            up = await maybe_deferred_to_future(threads.deferToThread(network_reachable, self.probe_url))
        self._send(self.hold.settle(up))

    def on_settle(self, stopping: bool = False) -> str:
        if stopping:
            self._send(self.hold.stop())
        else:
            up = network_reachable(self.probe_url) if self.hold.needs_probe() else None
            self._send(self.hold.settle(up))
        return self.hold.state_of(None)

    def _send(self, visits: Iterable[Visit]) -> None:
        for visit in visits:
            for _, result in self.crawler.signals.send_catch_log(signal=VISIT_READY, visit=visit):
                if isinstance(result, Failure):  # a writer's bug: the visit is lost, and counted as an error
                    result.raiseException()


def require_hold(crawler: Any, writer: str) -> None:
    """A writer writes only what the hold sends: without the hold in ITEM_PIPELINES it would
    write nothing at all, so a crawl configured that way is refused as it starts."""
    pipelines = crawler.settings.getdict("ITEM_PIPELINES")
    if pipelines.get(f"{__name__}.NetworkHoldPipeline") is None and NetworkHoldPipeline not in pipelines:
        raise ValueError(
            f"{writer} writes what {__name__}.NetworkHoldPipeline lets go: list it in ITEM_PIPELINES before the writer"
        )


def settle_held(crawler: Any, *, stopping: bool = False) -> str:
    """Ask the hold for every visit it still holds (sent with VISIT_READY before this returns);
    the local run's network state: ``down`` when the run must be recorded as ``network_down``."""
    states = [
        result
        for _, result in crawler.signals.send_catch_log(signal=SETTLE, stopping=stopping)
        if isinstance(result, str)
    ]
    return DOWN if DOWN in states else (states[0] if states else UNKNOWN)
