"""The nightly crawl: APScheduler 3.x in the foreground, one crawl process per run.

A Twisted reactor cannot be restarted in one process, so each crawl is its
own process (``python -m linkhealth check --trigger schedule --wait``): a
fresh reactor, freed memory, a crash contained, and the same code path as a
manual run. Its output goes to a log file per run (``logs/crawl-<UTC>.log``
beside the catalogue, or ``$LINKHEALTH_LOG_DIR``); afterwards the exit
status, the log path and (when the crawl did not record one) the duration
are written into the ``runs`` row the crawl created.

The job is ``nightly-crawl``: ``max_instances=1`` (a slow crawl is never
overlapped by the next), ``coalesce=True`` (runs missed while the machine
slept collapse into one) and ``misfire_grace_time=3600`` (a run up to an
hour late still happens; APScheduler's default of one second would skip it).
The crawl lock (linkhealth/lock.py) keeps a scheduled crawl and a manual
``linkhealth check`` from writing the catalogue together; the scheduled one
waits (``--wait``).

Time zone: ``--timezone``, else ``$LINKHEALTH_TIMEZONE``, else the machine's.
"""

from __future__ import annotations

import logging
import os
import re
import signal
import subprocess
import sys
import time
from collections.abc import Sequence
from datetime import datetime, timedelta, tzinfo
from datetime import timezone as dt_timezone
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from apscheduler.schedulers.blocking import BlockingScheduler
from apscheduler.triggers.cron import CronTrigger

from linkhealth.outcomes import RunStatus

log = logging.getLogger("linkhealth.schedule")

JOB_ID = "nightly-crawl"
DEFAULT_AT = "02:30"
MISFIRE_GRACE_SECONDS = 3600

_DOW_NAMES = ("sun", "mon", "tue", "wed", "thu", "fri", "sat")
_CRON_ALIASES = {
    "@yearly": "0 0 1 1 *",
    "@annually": "0 0 1 1 *",
    "@monthly": "0 0 1 * *",
    "@weekly": "0 0 * * 0",
    "@daily": "0 0 * * *",
    "@midnight": "0 0 * * *",
    "@hourly": "0 * * * *",
}


class ScheduleError(Exception):
    """A schedule that cannot be used (bad --at, --cron or --timezone); the message says why."""


# ---------------------------------------------------------------- time zone


def resolve_timezone(name: str | None = None) -> tuple[tzinfo, str]:
    """The configured zone and its name: ``name``, $LINKHEALTH_TIMEZONE, the machine's, or UTC."""
    name = (name or os.environ.get("LINKHEALTH_TIMEZONE") or "").strip()
    if not name:
        try:
            import tzlocal

            name = tzlocal.get_localzone_name() or "UTC"
        except Exception:  # no /etc/localtime, odd TZ: fall back rather than refuse
            name = "UTC"
    if name.upper() == "UTC":
        return dt_timezone.utc, "UTC"
    try:
        return ZoneInfo(name), name
    except (ZoneInfoNotFoundError, ValueError, OSError):
        raise ScheduleError(f"unknown time zone {name!r}: use an IANA name such as Europe/London or UTC") from None


# ---------------------------------------------------------------- trigger


def _parse_at(at: str) -> tuple[int, int]:
    match = re.fullmatch(r"\s*(\d{1,2}):(\d{2})\s*", at or "")
    if not match:
        raise ScheduleError(f"--at {at!r}: expected HH:MM, e.g. 02:30")
    hour, minute = int(match.group(1)), int(match.group(2))
    if hour > 23 or minute > 59:
        raise ScheduleError(f"--at {at!r}: no such time of day (hours 00-23, minutes 00-59)")
    return hour, minute


def _dow_value(token: str, expr: str) -> int:
    token = token.strip().lower()
    if token in _DOW_NAMES:
        return _DOW_NAMES.index(token)
    if token.isdigit() and 0 <= int(token) <= 7:
        return int(token) % 7
    raise ScheduleError(f"--cron {expr!r}: {token!r} is not a day of the week (0-7 or sun-sat)")


def _crontab_day_of_week(field: str, expr: str) -> str:
    """Crontab's day-of-week field (0 or 7 = Sunday) in APScheduler 3's terms.

    APScheduler 3 numbers weekdays from Monday = 0, so ``1-5`` passed through
    would mean Tuesday to Saturday. Days are turned into names, which both agree on.
    """
    if field in ("*", "?"):
        return "*"
    days: set[int] = set()
    for item in field.split(","):
        part, _, step_text = item.partition("/")
        step = 1
        if step_text:
            if not step_text.isdigit() or int(step_text) == 0:
                raise ScheduleError(f"--cron {expr!r}: bad step {item!r} in the day-of-week field")
            step = int(step_text)
        if part == "*":
            first, last = 0, 6
        elif "-" in part:
            a, b = part.split("-", 1)
            first, last = _dow_value(a, expr), _dow_value(b, expr)
            if last == 0 and first > 0:  # "5-7", "fri-sun": Sunday closes the week
                last = 7
            if first > last:
                raise ScheduleError(f"--cron {expr!r}: day range {part!r} runs backwards")
        else:
            first = _dow_value(part, expr)
            last = 6 if step_text else first
        days.update(d % 7 for d in range(first, last + 1, step))
    if len(days) == 7:
        return "*"
    return ",".join(_DOW_NAMES[d] for d in sorted(days))


def build_trigger(at: str | None = None, cron: str | None = None, timezone: str | None = None) -> CronTrigger:
    """The nightly trigger: every day at ``at`` (default 02:30), or a crontab expression.

    ``cron`` is read as crontab reads it (minute hour day month weekday; Sunday
    is 0 or 7); a bad expression or time zone raises ScheduleError.
    """
    if at and cron:
        raise ScheduleError("give --at or --cron, not both")
    tz, _ = resolve_timezone(timezone)
    if cron:
        expr = _CRON_ALIASES.get(cron.strip().lower(), cron.strip())
        fields = expr.split()
        if len(fields) != 5:
            raise ScheduleError(
                f"--cron {cron!r}: expected 5 fields (minute hour day-of-month month day-of-week), "
                f"got {len(fields)}; e.g. '30 2 * * *'"
            )
        minute, hour, day, month, dow = fields
        if day not in ("*", "?") and dow not in ("*", "?"):
            raise ScheduleError(
                f"--cron {cron!r}: restrict the day of the month or the day of the week, not both "
                "(cron reads the two as 'either', APScheduler as 'both')"
            )
        try:
            return CronTrigger(
                minute=minute,
                hour=hour,
                day=day,
                month=month,
                day_of_week=_crontab_day_of_week(dow, cron),
                timezone=tz,
            )
        except ValueError as exc:
            raise ScheduleError(f"--cron {cron!r}: {exc}") from None
    at_hour, at_minute = _parse_at(at or DEFAULT_AT)
    return CronTrigger(hour=at_hour, minute=at_minute, timezone=tz)


def next_run_times(
    at: str | None = None,
    cron: str | None = None,
    timezone: str | None = None,
    count: int = 5,
    now: datetime | None = None,
) -> list[datetime]:
    """The next ``count`` fire times, aware, in the configured zone."""
    trigger = build_trigger(at, cron, timezone)
    tz, _ = resolve_timezone(timezone)
    current = (now or datetime.now(tz)).astimezone(tz)
    times: list[datetime] = []
    previous = None
    while len(times) < count:
        fire = trigger.get_next_fire_time(previous, current)
        if fire is None:
            break
        times.append(fire)
        previous = fire
        current = fire + timedelta(microseconds=1)
    return times


def print_next_runs(
    at: str | None = None,
    cron: str | None = None,
    timezone: str | None = None,
    count: int = 5,
    now: datetime | None = None,
) -> str:
    """Lines like ``2026-11-25 02:30 Europe/London (Wed)``, one per coming run."""
    _, name = resolve_timezone(timezone)
    times = next_run_times(at, cron, timezone, count, now)
    if not times:
        return "no further runs: the schedule never fires again"
    return "\n".join(f"{t:%Y-%m-%d %H:%M} {name} ({t:%a})" for t in times)


# ---------------------------------------------------------------- the job


def default_log_dir(db_path: str | Path) -> Path:
    """``$LINKHEALTH_LOG_DIR``, else ``logs/`` beside the catalogue."""
    configured = os.environ.get("LINKHEALTH_LOG_DIR")
    if configured:
        return Path(configured)
    return Path(db_path).resolve().parent / "logs"


def crawl_command(db_path: str | Path, overrides: Sequence[str] = (), notify: Sequence[str] = ()) -> list[str]:
    """The crawl as a manual run does it, in a new Python process; ``-v`` since its
    stderr is the run's log file, which is to hold Scrapy's whole log."""
    command = [
        sys.executable,
        "-m",
        "linkhealth",
        "check",
        "--db",
        str(db_path),
        "--trigger",
        "schedule",
        "--wait",
        "-v",
    ]
    for item in overrides:
        command += ["-s", item]
    return command + list(notify)


def backup_before_run(db_path: str, keep: int | None = None) -> Path | None:
    """A copy of the catalogue before the run writes (``Store.backup``), ``keep`` copies
    kept: ``--backups``, else $LINKHEALTH_BACKUPS, else 7. A failed backup is logged and
    the run goes ahead: the crawl itself says what is wrong with a damaged file."""
    from linkhealth.store import Store, StoreError, default_backup_dir

    if keep is None:
        try:
            keep = int(os.environ.get("LINKHEALTH_BACKUPS") or 7)
        except ValueError:
            log.error("LINKHEALTH_BACKUPS must be a whole number; keeping 7 backups")
            keep = 7
    try:
        store = Store(db_path)
    except StoreError as exc:
        log.error("no backup before the run: %s", exc)
        return None
    try:
        path = store.backup(default_backup_dir(db_path), keep)
    except StoreError as exc:
        log.error("no backup before the run: %s", exc)
        return None
    finally:
        store.close()
    if path:
        log.info("catalogue backed up to %s (the newest %d copies are kept)", path, keep)
    return path


def _utc_iso(moment: datetime) -> str:
    return moment.astimezone(dt_timezone.utc).replace(microsecond=0).isoformat()


def _new_log_path(log_dir: Path, started: datetime) -> Path:
    stamp = started.astimezone(dt_timezone.utc).strftime("%Y%m%dT%H%M%SZ")
    path = log_dir / f"crawl-{stamp}.log"
    n = 2
    while path.exists():
        path = log_dir / f"crawl-{stamp}-{n}.log"
        n += 1
    return path


def _kill_group(proc: subprocess.Popen) -> None:
    """SIGKILL the crawl and every process it started (its session's group)."""
    try:
        os.killpg(proc.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        proc.kill()


def run_crawl_process(
    db_path: str | Path,
    overrides: Sequence[str] = (),
    log_dir: str | Path | None = None,
    command: Sequence[str] | None = None,
    timeout: float | None = None,
    backups: int | None = None,
    notify: Sequence[str] = (),
) -> dict[str, Any]:
    """Run one crawl as its own process, log it to a file, record how it ended.

    Returns ``{"exit_code", "log_path", "duration_seconds", "run_id"}``. The
    ``runs`` row the crawl created (trigger ``schedule``) gets ``exit_code``
    and ``log_path``; a crawl that died before finishing its row has it marked
    ``failed``; one that failed before creating a row gets a ``failed`` row of
    its own, so every failed night shows in the store. Never raises for a
    failed crawl: the scheduler keeps going.
    """
    from linkhealth.store import StoreError

    db_path = str(db_path)
    log_dir = Path(log_dir) if log_dir else default_log_dir(db_path)
    log_dir.mkdir(parents=True, exist_ok=True)
    command = list(command) if command else crawl_command(db_path, overrides, notify)
    backup_before_run(db_path, backups)
    if timeout is None and os.environ.get("LINKHEALTH_CRAWL_TIMEOUT"):
        timeout = float(os.environ["LINKHEALTH_CRAWL_TIMEOUT"])
    last_run_before = _last_run_id(db_path)
    started = datetime.now(dt_timezone.utc)
    started_iso = _utc_iso(started)
    log_path = _new_log_path(log_dir, started)
    clock = time.monotonic()
    note = None
    with open(log_path, "w", encoding="utf-8") as log_file:
        log_file.write(f"# linkhealth scheduled crawl, started {started_iso}\n")
        log_file.write(f"# command: {' '.join(command)}\n")
        log_file.flush()
        # its own process group: a crawl of several processes (LINKHEALTH_PROCESSES) is
        # stopped whole, never leaving a share crawling into a run nobody will finish
        proc = subprocess.Popen(
            command,
            stdout=log_file,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            start_new_session=True,
        )
        try:
            exit_code = proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            _kill_group(proc)
            exit_code = proc.wait()
            note = f"killed after {timeout:g} s (LINKHEALTH_CRAWL_TIMEOUT)"
        except BaseException:  # Ctrl-C while a crawl runs: do not leave it orphaned
            _kill_group(proc)
            proc.wait()
            raise
        duration = round(time.monotonic() - clock, 3)
        log_file.write(f"\n# exit status {exit_code} after {duration:.1f} s\n")
    result: dict[str, Any] = {
        "exit_code": exit_code,
        "log_path": str(log_path),
        "duration_seconds": duration,
        "run_id": None,
    }
    log.info("crawl exited with %s after %.1f s; log: %s", exit_code, duration, log_path)
    try:
        result["run_id"] = _record_outcome(db_path, last_run_before, proc.pid, exit_code, str(log_path), duration, note)
    except (StoreError, OSError) as exc:
        log.error("could not record the crawl's exit status in %s: %s", db_path, exc)
    return result


def _last_run_id(db_path: str) -> int:
    """The newest run id before the crawl starts: its own row will be newer."""
    from linkhealth.store import Store, StoreError

    try:
        store = Store(db_path)
    except StoreError:
        return 0  # the crawl itself will say what is wrong with the file, in its log
    try:
        return store.db.execute("select coalesce(max(id), 0) from runs").fetchone()[0]
    finally:
        store.close()


def _record_outcome(
    db_path: str,
    after_run_id: int,
    pid: int,
    exit_code: int,
    log_path: str,
    duration: float,
    note: str | None,
) -> int | None:
    from linkhealth.lock import CrawlLock, LockHeld
    from linkhealth.store import Store, utcnow

    store = Store(db_path)
    try:
        # the row the crawl opened: trigger 'schedule', newer than the job, its pid preferred
        rows = list(
            store.db.query(
                "select * from runs where trigger = 'schedule' and id > ? order by (pid = ?) desc, id desc limit 1",
                [after_run_id, pid],
            )
        )
        if rows:
            run = rows[0]
            updates: dict[str, Any] = {"exit_code": exit_code, "log_path": log_path}
            if run.get("duration_seconds") is None:
                updates["duration_seconds"] = duration
            if run.get("status") in (None, RunStatus.RUNNING):
                updates.update(
                    status=RunStatus.FAILED.value,
                    finished_at=utcnow(),
                    note=note or f"the crawl process exited with status {exit_code} before it finished; see {log_path}",
                )
            elif note:
                updates["note"] = note
            store.update_run(run["id"], **updates)
            return run["id"]
        if exit_code == 0:
            return None  # the crawl chose to record no run (nothing to do)
        # The crawl failed before it opened a run: record the failure ourselves,
        # but only while no other crawl holds the catalogue.
        lock = CrawlLock(db_path)
        try:
            lock.acquire()
        except LockHeld as exc:
            log.error("crawl failed (exit %s) and no run row was recorded: %s", exit_code, exc)
            return None
        try:
            run_id = store.start_run(trigger="schedule")
            store.finish_run(
                run_id,
                status=RunStatus.FAILED.value,
                note=note
                or f"the crawl process exited with status {exit_code} before it recorded a run; see {log_path}",
                exit_code=exit_code,
                log_path=log_path,
                duration_seconds=duration,
            )
            return run_id
        finally:
            lock.release()
    finally:
        store.close()


# ---------------------------------------------------------------- the scheduler


def build_scheduler(
    db_path: str | Path,
    at: str | None = None,
    cron: str | None = None,
    timezone: str | None = None,
    overrides: Sequence[str] = (),
    log_dir: str | Path | None = None,
    backups: int | None = None,
    notify: Sequence[str] = (),
) -> BlockingScheduler:
    """A configured, not yet started scheduler holding the one nightly job."""
    trigger = build_trigger(at, cron, timezone)
    tz, _ = resolve_timezone(timezone)
    scheduler = BlockingScheduler(timezone=tz)
    scheduler.add_job(
        run_crawl_process,
        trigger=trigger,
        id=JOB_ID,
        name="linkhealth nightly crawl",
        kwargs={
            "db_path": str(db_path),
            "overrides": list(overrides),
            "log_dir": str(log_dir) if log_dir else None,
            **({"backups": backups} if backups is not None else {}),
            **({"notify": list(notify)} if notify else {}),
        },
        replace_existing=True,
        max_instances=1,
        coalesce=True,
        misfire_grace_time=MISFIRE_GRACE_SECONDS,
    )
    return scheduler


def run_scheduler(
    db_path: str | Path,
    at: str | None = None,
    cron: str | None = None,
    timezone: str | None = None,
    overrides: Sequence[str] = (),
    log_dir: str | Path | None = None,
    backups: int | None = None,
    notify: Sequence[str] = (),
) -> None:
    """Run the nightly scheduler in the foreground until Ctrl-C or SIGTERM."""
    if not logging.getLogger().handlers:
        logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(levelname)s: %(message)s")
    log.setLevel(logging.INFO)
    scheduler = build_scheduler(db_path, at, cron, timezone, overrides, log_dir, backups, notify)
    _, name = resolve_timezone(timezone)
    first = next_run_times(at, cron, timezone, count=1)
    where = log_dir or default_log_dir(db_path)
    print(
        f"linkhealth schedule: crawling {db_path} "
        + (f"next at {first[0]:%Y-%m-%d %H:%M} {name}" if first else "(never: the schedule has no future runs)")
        + f"; logs in {where}. Ctrl-C to stop.",
        file=sys.stderr,
        flush=True,
    )
    import signal

    def _stop(signum, frame):  # SIGTERM (systemd, docker stop) ends like Ctrl-C
        raise KeyboardInterrupt

    try:
        signal.signal(signal.SIGTERM, _stop)
    except ValueError:  # not the main thread
        pass
    try:
        scheduler.start()
    except (KeyboardInterrupt, SystemExit):
        pass
    finally:
        if scheduler.running:
            scheduler.shutdown(wait=False)
