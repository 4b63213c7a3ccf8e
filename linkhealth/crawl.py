"""Run one crawl in this process (``linkhealth check``) and summarise it.

A Twisted reactor cannot be restarted, so this runs once per process: the
scheduler starts each nightly crawl as a new process of its own.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from .outcomes import FAILURES, INCONCLUSIVE, Outcome


class CrawlFailed(Exception):
    """The crawl itself did not work (not: some links are dead)."""


def summarise(counts: dict[str, int], status: str, due: int | None, run_id: int | None) -> str:
    """The closing lines a maintainer reads after ``linkhealth check``."""
    total = sum(counts.values())
    if total == 0:
        return f"run {run_id}: nothing was due (use --all to check everything)"
    ok = sum(n for o, n in counts.items() if Outcome(o) not in FAILURES and Outcome(o) not in INCONCLUSIVE)
    failed = sum(n for o, n in counts.items() if Outcome(o) in FAILURES)
    unsure = sum(n for o, n in counts.items() if Outcome(o) in INCONCLUSIVE)
    parts = ", ".join(f"{o} {n}" for o, n in sorted(counts.items(), key=lambda kv: -kv[1]))
    lines = [f"run {run_id}: checked {total} resources: {ok} reachable, {failed} failed, {unsure} inconclusive ({parts})"]
    if status == "network_down":
        lines.append(
            "the network is down: no host could be reached, so nothing was marked dead. "
            "Check the connection and run again."
        )
    elif status != "finished":
        lines.append(f"the crawl ended early ({status}); what it did not record stays due")
    lines.append("see `linkhealth report` for what needs attention")
    return "\n".join(lines)


def crawl_settings(db_path: str, overrides: dict[str, Any] | None = None, **linkhealth: Any):
    os.environ.setdefault("SCRAPY_SETTINGS_MODULE", "crawler.settings")
    from scrapy.settings import Settings

    settings = Settings()
    settings.setmodule("crawler.settings", priority="project")
    settings.set("LINKHEALTH_DB", str(Path(db_path).resolve()), priority="cmdline")
    for key, value in linkhealth.items():
        settings.set(key, value, priority="cmdline")
    for key, value in (overrides or {}).items():
        settings.set(key, value, priority="cmdline")
    return settings


def run_crawl(
    db_path: str,
    *,
    everything: bool = False,
    resource_ids: list[str] | None = None,
    overrides: dict[str, Any] | None = None,
    wait: bool = False,
    trigger: str = "manual",
) -> str:
    from scrapy.crawler import CrawlerProcess

    from schedules.lock import CrawlLock, LockHeld

    lock = CrawlLock(str(Path(db_path).resolve()))
    try:
        lock.acquire(wait=wait)
    except LockHeld as exc:
        raise CrawlFailed(str(exc))
    try:
        import sys

        quiet = {"LOG_LEVEL": "WARNING"} if sys.stderr.isatty() else {}
        settings = crawl_settings(
            db_path,
            {**quiet, **(overrides or {})},
            LINKHEALTH_CHECK_ALL=everything,
            LINKHEALTH_RESOURCE_IDS=list(resource_ids or []),
            LINKHEALTH_TRIGGER=trigger,
            LINKHEALTH_LOCK_HELD=True,
        )
        process = CrawlerProcess(settings, install_root_handler=True)
        crawler = process.create_crawler("resources")
        process.crawl(crawler)
        process.start()
        stats = crawler.stats.get_stats()
        run_id = stats.get("linkhealth/run_id")
        if "linkhealth/counts" not in stats:
            raise CrawlFailed(
                f"the crawl did not finish (finish reason: {stats.get('finish_reason')}); "
                "see the log above"
            )
        summary = summarise(
            stats["linkhealth/counts"], stats.get("linkhealth/run_status", "finished"),
            stats.get("linkhealth/due"), run_id,
        )
        errors = stats.get("linkhealth/errors", 0)
        if errors:
            raise CrawlFailed(
                f"{summary}\n{errors} visit(s) could not be processed because of an error "
                "(see the log above); they stay due and are checked again next run"
            )
        return summary
    finally:
        lock.release()
