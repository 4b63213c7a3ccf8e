"""Run one crawl in this process (``linkhealth check``) and summarise it.

A Twisted reactor cannot be restarted, so this runs once per process: the
scheduler starts each nightly crawl as a new process of its own.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path
from typing import Any

from .outcomes import FAILURES, INCONCLUSIVE, Outcome, RunStatus
from .shares import SharePlan, plan_shares, split_slots, without_empty_shares


class CrawlFailed(Exception):
    """The crawl itself did not work (not: some links are dead)."""


class CrawlInterrupted(CrawlFailed):
    """Ctrl-C or SIGTERM stopped the crawl; the message is the summary of what it did."""


def summarise(counts: dict[str, int], status: str, due: int | None, run_id: int | None) -> str:
    """The closing lines a maintainer reads after ``linkhealth check``."""
    total = sum(counts.values())
    if total == 0 and not due:
        return f"run {run_id}: nothing was due (use --all to check everything)"
    if total == 0:  # resources were due and none was recorded: say so, never "nothing was due"
        lines = [f"run {run_id}: checked 0 of the {due} resources due"]
        if status != RunStatus.FINISHED:
            lines.append(f"the crawl ended early ({status}); what it did not record stays due")
        return "\n".join(lines)
    ok = sum(n for o, n in counts.items() if Outcome(o) not in FAILURES and Outcome(o) not in INCONCLUSIVE)
    failed = sum(n for o, n in counts.items() if Outcome(o) in FAILURES)
    unsure = sum(n for o, n in counts.items() if Outcome(o) in INCONCLUSIVE)
    parts = ", ".join(f"{o} {n}" for o, n in sorted(counts.items(), key=lambda kv: -kv[1]))
    lines = [
        f"run {run_id}: checked {total} resources: {ok} reachable, {failed} failed, {unsure} inconclusive ({parts})"
    ]
    if status == RunStatus.NETWORK_DOWN:
        lines.append(
            "the network is down: no host could be reached, so nothing was marked dead. "
            "Check the connection and run again."
        )
    elif status != RunStatus.FINISHED:
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


#: ``LINKHEALTH_PROCESSES=auto``: one crawler process per this many due resources, at most
#: one per core and never more than ``AUTO_MAX_PROCESSES``: each holds a whole Scrapy in
#: memory, and a crawl of 100k resources is to stay under 300 MB in all (what a process
#: costs: docs/performance.md). More cores are used by asking for them (a number),
#: knowing what they cost in memory.
AUTO_RESOURCES_PER_PROCESS = 2000
AUTO_MAX_PROCESSES = 2


def crawler_processes(setting: Any, due: int, cores: int | None) -> int:
    """How many crawler processes a run of ``due`` resources uses.

    A number is taken as it is. ``auto`` (the default) uses a second core once a run
    is big enough to pay for starting it (seconds and a Scrapy's memory): one
    process for the 30 links of a nightly run, two for 10,000 on two cores or more.
    """
    if _is_auto(setting):
        return max(1, min(cores or 1, due // AUTO_RESOURCES_PER_PROCESS, AUTO_MAX_PROCESSES))
    try:
        number = int(str(setting).strip())
    except ValueError:
        number = 0
    if number < 1:
        raise CrawlFailed(f"LINKHEALTH_PROCESSES must be a whole number of at least 1, or auto; got {setting!r}")
    return number


def _is_auto(setting: Any) -> bool:
    return setting is None or str(setting).strip().lower() in ("", "auto")


def due_selection(settings) -> dict[str, Any]:
    """Which resources are due, as ``Store.count_due`` takes it."""
    return {
        "everything": settings.getbool("LINKHEALTH_CHECK_ALL"),
        "ids": settings.getlist("LINKHEALTH_RESOURCE_IDS"),
        "revisit_hours": settings.getfloat("LINKHEALTH_REVISIT_HOURS", 20),
        "failing_revisit_hours": settings.getfloat("LINKHEALTH_FAILING_REVISIT_HOURS", 6),
    }


def share_exits(codes: list[int]) -> tuple[list[int], bool]:
    """The exit codes of a run's shares that mean one failed, and whether a stop signal ended one.

    Ctrl-C (or systemd's SIGTERM) reaches every share of the run. A share that is
    crawling stops gracefully and exits 0; a share that had just finished, and was
    closing once its reactor had stopped, no longer has Scrapy's handler and dies of
    the signal itself (exit status -2 or -15). Its visits were stored batch by batch, so
    that is an interrupted run, not a failed one: calling it failed told the user a
    crawler broke when they had only pressed Ctrl-C.
    """
    import signal

    stop_signals = {-signal.SIGINT, -signal.SIGTERM}
    return [code for code in codes if code and code not in stop_signals], any(code in stop_signals for code in codes)


def _interruptible_process(settings):
    """A CrawlerProcess whose second Ctrl-C stops at once, its visits stored.

    The first SIGINT/SIGTERM is Scrapy's graceful stop, cut short after
    ``LINKHEALTH_STOP_GRACE`` seconds by ``crawler.stopping.PromptStop``. Scrapy's
    own second signal stops the reactor with the store's last batch unwritten and
    the run left ``running``; here the store pipeline first writes what it holds
    and closes the run as ``interrupted``.
    """
    import signal

    from scrapy.crawler import CrawlerProcess
    from scrapy.utils.ossignal import install_shutdown_handlers

    from crawler.stopping import stop_now

    class InterruptibleProcess(CrawlerProcess):
        def _signal_kill(self, signum, frame):
            from twisted.internet import reactor

            install_shutdown_handlers(signal.SIG_IGN)
            reactor.callFromThread(self._stop_now)

        def _stop_now(self):
            for crawler in list(self.crawlers):
                stop_now(crawler)
            self._stop_reactor()

    return InterruptibleProcess(settings)


def _log_to_stderr(level: str | None) -> None:
    """Beside Scrapy's log file: what a person at the command line should see (warnings
    by default), in Scrapy's format."""
    from scrapy.utils.log import get_scrapy_root_handler

    if not level:
        return
    handler = logging.StreamHandler()
    handler.setLevel(level)
    scrapy_handler = get_scrapy_root_handler()
    if scrapy_handler is not None and scrapy_handler.formatter is not None:
        handler.setFormatter(scrapy_handler.formatter)
    logging.getLogger().addHandler(handler)


def _crawl_here(settings, stderr_level: str | None = None) -> dict[str, Any]:
    """Run the ``resources`` spider in this process until it closes; its final stats."""
    process = _interruptible_process(settings)  # LOG_INSTALL_ROOT_HANDLER: LOG_FILE, else stderr
    _log_to_stderr(stderr_level)
    # Scrapy filters below LOG_LEVEL at its handler, after a record for every
    # "Crawled (200)" line is made: at the logger, none is made (docs/performance.md).
    logging.getLogger("scrapy").setLevel(settings.get("LOG_LEVEL") or "DEBUG")
    crawler = process.create_crawler("resources")
    process.crawl(crawler)
    process.start()
    return crawler.stats.get_stats()


def log_settings(verbosity: int, log_path: str | None) -> tuple[dict[str, Any], str | None]:
    """Scrapy's log settings and the level shown on stderr, for ``-v``/``-q``.

    Default: Scrapy's full log (settings, stats, INFO lines) goes to ``log_path``
    and only warnings reach stderr, so a cron job's mail holds warnings and the
    summary. ``-v``: the full log on stderr instead (``-vv``: DEBUG). ``-q``:
    errors only, and no progress bar.
    """
    if verbosity > 0:
        return {"LOG_LEVEL": "DEBUG" if verbosity > 1 else "INFO"}, None
    settings: dict[str, Any] = {"LOG_LEVEL": "INFO"}
    if log_path:
        settings["LOG_FILE"] = log_path
    if verbosity < 0:
        settings["LINKHEALTH_PROGRESS"] = False
    level: str | None = "ERROR" if verbosity < 0 else "WARNING"
    if not log_path:
        settings["LOG_LEVEL"] = level
        level = None
    return settings, level


def new_log_path(db_path: str) -> str:
    """``logs/check-<UTC>.log`` beside the catalogue (or in $LINKHEALTH_LOG_DIR)."""
    from datetime import datetime, timezone

    from schedules.nightly import default_log_dir

    folder = default_log_dir(db_path)
    folder.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%SZ")
    path, n = folder / f"check-{stamp}.log", 2
    while path.exists():
        path, n = folder / f"check-{stamp}-{n}.log", n + 1
    return str(path)


def run_crawl(
    db_path: str,
    *,
    everything: bool = False,
    resource_ids: list[str] | None = None,
    overrides: dict[str, Any] | None = None,
    wait: bool = False,
    trigger: str = "manual",
    verbosity: int = 0,
) -> str:
    """Crawl what is due; the summary to print. CrawlInterrupted after Ctrl-C (the visits
    made are stored), CrawlFailed when the crawl itself did not work."""
    from linkhealth.lock import CrawlLock, LockHeld

    lock = CrawlLock(str(Path(db_path).resolve()))
    try:
        lock.acquire(wait=wait)
    except LockHeld as exc:
        raise CrawlFailed(str(exc))
    try:
        user_log = any(k in (overrides or {}) for k in ("LOG_FILE", "LOG_LEVEL", "LOG_ENABLED"))
        log_path = None if verbosity > 0 or user_log else new_log_path(db_path)
        quiet, stderr_level = log_settings(verbosity, log_path)
        if user_log:  # -s LOG_…: as the user says, on stderr unless a LOG_FILE is given
            quiet, stderr_level = {}, None
        if log_path:
            quiet["LINKHEALTH_LOG_PATH"] = log_path
        settings = crawl_settings(
            db_path,
            {**quiet, **(overrides or {})},
            LINKHEALTH_CHECK_ALL=everything,
            LINKHEALTH_RESOURCE_IDS=list(resource_ids or []),
            LINKHEALTH_TRIGGER=trigger,
            LINKHEALTH_LOCK_HELD=True,
        )
        if not settings.get("LINKHEALTH_SHARD"):
            plan = _share_plan(db_path, settings)
            if plan is not None:
                return _run_sharded(db_path, settings, {**quiet, **(overrides or {})}, plan, trigger, stderr_level)
        stats = _crawl_here(settings, stderr_level)
        run_id = stats.get("linkhealth/run_id")
        where = f"see {log_path}" if log_path else "see the log above"
        if "linkhealth/counts" not in stats:
            raise CrawlFailed(f"the crawl did not finish (finish reason: {stats.get('finish_reason')}); {where}")
        summary = summarise(
            stats["linkhealth/counts"],
            stats.get("linkhealth/run_status", RunStatus.FINISHED.value),
            stats.get("linkhealth/due"),
            run_id,
        )
        if log_path:
            summary += f"\nlog: {log_path}"
        if stats.get("linkhealth/run_status") == RunStatus.INTERRUPTED:
            raise CrawlInterrupted(summary)
        errors = stats.get("linkhealth/errors", 0)
        if errors:
            raise CrawlFailed(
                f"{summary}\n{errors} visit(s) could not be processed because of an error "
                f"({where}); they stay due and are checked again next run"
            )
        return summary
    finally:
        lock.release()


def _usable_cores() -> int | None:
    """Cores this process may run on (a container's cpuset, not the host's count)."""
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        return os.cpu_count()


def _progress_while_waiting(db: str, run_id: int, children: list, started: float) -> None:
    """The whole run's progress, from the store, until the other shares are done
    (this one's part is over; theirs may not be)."""
    import sys
    import time

    from crawler.progress import progress_line, run_progress, show_progress

    tty = sys.stderr.isatty()
    last = 0.0
    while any(child.poll() is None for child in children):
        now = time.monotonic()
        if now - last >= (0.5 if tty else 10.0):
            try:
                done, total = run_progress(db, run_id)
            except Exception:  # a busy or odd store costs the bar, never the run
                pass
            else:
                show_progress(progress_line(done, total, now - started), tty)
            last = now
        time.sleep(0.1)
    if tty:
        sys.stderr.write("\n")


def per_host_limit(settings) -> int:
    """Requests at a time one host may get from the whole run; 1 when Scrapy counts per
    IP address (``CONCURRENT_REQUESTS_PER_IP``), since which hosts share an address is
    not known before the crawl: no host is then split across processes."""
    if settings.getint("CONCURRENT_REQUESTS_PER_IP"):
        return 1
    return max(1, settings.getint("CONCURRENT_REQUESTS_PER_DOMAIN", 2))


def _share_plan(db_path: str, settings) -> SharePlan | None:
    """How a run splits over processes (linkhealth/shares.py), or None for one process."""
    setting = settings.get("LINKHEALTH_PROCESSES", "auto")
    if not _is_auto(setting) and crawler_processes(setting, 0, None) == 1:
        return None  # one process asked for: no need to count what is due
    from .store import Store

    store = Store(str(Path(db_path).resolve()))
    try:
        by_host = store.due_by_host(**due_selection(settings))
    finally:
        store.close()
    processes = crawler_processes(setting, sum(by_host.values()), _usable_cores())
    if processes <= 1:
        return None
    limit = per_host_limit(settings)
    plan = without_empty_shares(plan_shares(by_host, processes, limit), by_host, limit)
    return plan if plan.shares > 1 else None


#: prctl(2) option: the signal this process gets when its parent dies.
PR_SET_PDEATHSIG = 1


def _die_with(parent_pid: int):
    """A ``preexec_fn``: the share being started gets SIGTERM when its parent dies.

    Linux's parent-death signal (``prctl(PR_SET_PDEATHSIG)``, kept across ``exec``). SIGTERM,
    not SIGKILL: Scrapy stops gracefully and stores what it has fetched, and the lock it
    inherited stays held until it is gone. If the parent is already gone when the signal is
    set up, the share does not start. Elsewhere than Linux it does nothing: the inherited
    lock still keeps the next crawl out while the share runs. The signal follows the
    *thread* that started the share, so shares are started from the thread that waits
    for them (the main thread of ``linkhealth check``).
    """

    import ctypes
    import signal

    try:  # looked up here, before the fork: the child runs as little Python as it can
        prctl = ctypes.CDLL(None, use_errno=True).prctl
    except (OSError, AttributeError):
        prctl = None
    sigterm = int(signal.SIGTERM)

    def arm() -> None:
        if prctl is None:
            return
        prctl(PR_SET_PDEATHSIG, sigterm, 0, 0, 0)
        if os.getppid() != parent_pid:
            os._exit(1)

    return arm


def _share_slots(settings, plan: SharePlan, share: int) -> dict[str, Any]:
    """The ``DOWNLOAD_SLOTS`` setting for one share: the user's, plus the split hosts'."""
    slots = split_slots(plan, share, per_host_limit(settings), settings.getfloat("DOWNLOAD_DELAY"))
    return {**settings.getdict("DOWNLOAD_SLOTS"), **slots} if slots else {}


def _run_sharded(
    db_path: str, settings, overrides: dict[str, Any], plan: SharePlan, trigger: str, stderr_level: str | None = None
) -> str:
    """One run, ``plan.shares`` crawler processes, each visiting the share of the due
    URLs that ``plan`` gives it (linkhealth/shares.py).

    Scrapy runs on one core; this uses the others. This process crawls share 0
    itself; each other share is a plain ``scrapy crawl resources`` child with
    LINKHEALTH_SHARD=k/n, reading the plan from its stdin. All write their batches into
    the run opened here (SQLite in WAL mode serialises the writers; a batch is one short
    transaction). Per-host politeness holds across processes: a host is in one share,
    or split with its per-host limit divided among its shares (``DOWNLOAD_SLOTS``).
    (A supervisor that only waited would hold Scrapy's imports for nothing: a third
    process's memory for two processes' work; docs/performance.md.)
    """
    import json
    import subprocess
    import sys
    import time

    from .store import Store

    processes = plan.shares
    run_started = time.monotonic()
    db = str(Path(db_path).resolve())
    store = Store(db)
    selection = due_selection(settings)
    due = store.count_due(**selection)
    run_id = store.start_run(trigger, resources_due=due, log_path=overrides.get("LINKHEALTH_LOG_PATH"))
    passthrough = {k: v for k, v in overrides.items() if k != "LINKHEALTH_PROCESSES"}
    base = {
        "LINKHEALTH_DB": db,
        "LINKHEALTH_RUN_ID": run_id,
        "LINKHEALTH_LOCK_HELD": True,
        "LINKHEALTH_CHECK_ALL": selection["everything"],
        "LINKHEALTH_TRIGGER": trigger,
        "LINKHEALTH_PROGRESS": False,
        "LINKHEALTH_SHARE_PLAN": "-",  # each share reads the plan from its stdin
        **passthrough,
    }
    if selection["ids"]:
        base["LINKHEALTH_RESOURCE_IDS"] = ",".join(selection["ids"])
    env = {**os.environ, "SCRAPY_SETTINGS_MODULE": "crawler.settings"}
    # The one-writer rule outlives this process: each share inherits the lock's descriptor
    # (an flock belongs to the open file, so the lock is held while any share runs) and
    # gets SIGTERM if this process dies (a kill -9 here used to leave shares writing
    # with the lock released, beside the next crawl).
    from linkhealth.lock import CrawlLock

    lock = CrawlLock.current(db)
    inherit = (lock.fileno(),) if lock is not None else ()
    children = []
    for k in range(1, processes):
        args = [sys.executable, "-m", "scrapy", "crawl", "resources"]
        slots = _share_slots(settings, plan, k)
        for name, value in {
            **base,
            "LINKHEALTH_SHARD": f"{k}/{processes}",
            **({"DOWNLOAD_SLOTS": json.dumps(slots)} if slots else {}),
        }.items():
            args += ["-s", f"{name}={value}"]
        # preexec_fn: no thread of ours runs yet (the reactor has not started), and it
        # only calls prctl, looked up before the fork
        children.append(
            subprocess.Popen(args, env=env, pass_fds=inherit, stdin=subprocess.PIPE, preexec_fn=_die_with(os.getpid()))
        )  # noqa: PLW1509
    plan_json = plan.to_json().encode()
    for child in children:
        assert child.stdin is not None  # opened with stdin=PIPE
        try:
            child.stdin.write(plan_json)
            child.stdin.close()
        except BrokenPipeError:  # the share died before reading it: its exit code says so
            pass
    if lock is not None and children:
        lock.set_shares([child.pid for child in children])
    own, own_status = 1, None
    show_progress = settings.getbool("LINKHEALTH_PROGRESS", True)
    try:
        # this process's bar shows the whole run (crawler/progress.py), the shares show none
        slots = _share_slots(settings, plan, 0)
        own_settings = crawl_settings(
            db,
            {
                **base,
                "LINKHEALTH_SHARD": f"0/{processes}",
                "LINKHEALTH_PROGRESS": show_progress,
                "LINKHEALTH_SHARE_PLAN": plan,
                **({"DOWNLOAD_SLOTS": slots} if slots else {}),
            },
        )
        stats = _crawl_here(own_settings, stderr_level)
        own = 0 if "linkhealth/counts" in stats and not stats.get("linkhealth/errors") else 1
        own_status = stats.get("linkhealth/run_status")
    finally:
        # The children are in this process's group: Ctrl-C (or systemd's SIGTERM) reaches
        # each of them, and each stops gracefully, storing what it has. Another signal from
        # here would be Scrapy's second one, which forces an unclean stop: so only wait.
        if show_progress:
            _progress_while_waiting(db, run_id, children, run_started)
        codes = [own] + [child.wait() for child in children]
    counts = store.outcome_counts(run_id)
    failed, stopped = share_exits(codes)
    if failed:
        status = RunStatus.FAILED
    elif counts and set(counts) == {Outcome.NETWORK_DOWN.value}:
        status = RunStatus.NETWORK_DOWN
    elif stopped or own_status == RunStatus.INTERRUPTED or sum(counts.values()) < due:
        # Ctrl-C reached every share, though this one may have had nothing left to stop;
        # a share that stopped early left resources without a visit in this run
        status = RunStatus.INTERRUPTED
    else:
        status = RunStatus.FINISHED
    note = (
        "the crawler could not reach the network: nothing was marked dead" if status == RunStatus.NETWORK_DOWN else None
    )
    store.finish_run(run_id, status=status, note=note, resources_due=due)
    store.close()
    summary = summarise(counts, status, due, run_id)
    if failed:
        log_path = overrides.get("LINKHEALTH_LOG_PATH")
        raise CrawlFailed(
            f"{summary}\ncrawler process(es) exited with {codes}; "
            + (f"see {log_path}" if log_path else "see the log above")
        )
    if status == RunStatus.INTERRUPTED:
        raise CrawlInterrupted(summary)
    return summary
