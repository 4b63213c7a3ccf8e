"""Progress of a crawl: a bar on a terminal, plain log lines under cron.

done / total, rate and ETA, from the ``linkhealth/due`` stat the spider sets
and the items that reach the store. A crawl of several processes
(``LINKHEALTH_PROCESSES``) shows one bar for the whole run, in the parent: the
visits every share has stored so far, read from the store (``run_progress``).
"""

from __future__ import annotations

import logging
import sys
import time

from scrapy import signals
from scrapy.exceptions import NotConfigured

logger = logging.getLogger(__name__)


def progress_line(done: int, total: int | None, elapsed: float, width: int = 30) -> str:
    """``[#####-----]  12/30  4.1/s  ETA 0:04`` — a pure function, for tests."""
    rate = done / elapsed if elapsed > 0 else 0.0
    if total:
        filled = min(width, int(width * done / total))
        bar = "#" * filled + "-" * (width - filled)
        remaining = (total - done) / rate if rate > 0 else 0
        eta = f"ETA {int(remaining // 60)}:{int(remaining % 60):02d}"
        return f"[{bar}] {done}/{total} {rate:.1f}/s {eta}"
    return f"{done} checked {rate:.1f}/s"


def run_progress(db_path: str, run_id: int) -> tuple[int, int | None]:
    """(visits stored, resources due) of one run, read from the store: how far a run of
    several processes has got, whichever of them made the visits."""
    import sqlite3

    conn = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True, timeout=1)
    try:
        done = conn.execute("select count(*) from checks where run_id = ?", [run_id]).fetchone()[0]
        row = conn.execute("select resources_due from runs where id = ?", [run_id]).fetchone()
    finally:
        conn.close()
    return done, (row[0] if row else None)


def show_progress(line: str, tty: bool) -> None:
    """A terminal's bar is redrawn in place; anywhere else the line is logged."""
    if tty:  # erase to the end of the line: a shorter line must not leave the longer one's tail
        sys.stderr.write("\r" + line + "\x1b[K")
        sys.stderr.flush()
    else:
        logger.info("progress: %s", line)


class Progress:
    def __init__(self, crawler, interval: float = 10.0):
        self.crawler = crawler
        self.interval = interval
        self.tty = sys.stderr.isatty()
        self.done = 0
        self.started = time.monotonic()
        self.last = 0.0
        settings = crawler.settings
        shard = settings.get("LINKHEALTH_SHARD") or ""
        #: (catalogue, run id) when this process shows the progress of a whole sharded run
        self.whole_run = (
            (settings.get("LINKHEALTH_DB"), settings.getint("LINKHEALTH_RUN_ID"))
            if shard.startswith("0/") and settings.get("LINKHEALTH_RUN_ID")
            else None
        )

    @classmethod
    def from_crawler(cls, crawler):
        if not crawler.settings.getbool("LINKHEALTH_PROGRESS", True):
            raise NotConfigured
        ext = cls(crawler)
        crawler.signals.connect(ext.item_scraped, signal=signals.item_scraped)
        crawler.signals.connect(ext.spider_closed, signal=signals.spider_closed)
        return ext

    def item_scraped(self, item, response=None, spider=None):
        self.done += 1
        now = time.monotonic()
        total = self.crawler.stats.get_value("linkhealth/due")
        if self.whole_run is not None and now - self.last > (0.2 if self.tty else self.interval):
            try:  # the parent of a sharded run: every share's visits
                self.done, total = run_progress(*self.whole_run)
            except Exception:  # a busy or odd store costs the bar, never the crawl
                pass
        if (now - self.last > 0.2 or self.done == total) if self.tty else (now - self.last >= self.interval):
            show_progress(progress_line(self.done, total, now - self.started), self.tty)
            self.last = now

    def spider_closed(self, spider, reason):
        if self.tty and self.done:
            sys.stderr.write("\n")
