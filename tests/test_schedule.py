"""The nightly scheduler: its trigger and job settings, --print-next, and one crawl process."""

from __future__ import annotations

import os
import re
import signal
import sys
import textwrap
from datetime import datetime, timezone
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from click.testing import CliRunner

from linkhealth.cli import cli
from linkhealth.lock import CrawlLock
from linkhealth.store import Store
from schedules.nightly import (
    JOB_ID,
    ScheduleError,
    build_scheduler,
    build_trigger,
    crawl_command,
    print_next_runs,
    run_crawl_process,
)

from .helpers import wait_for

ROOT = Path(__file__).resolve().parents[1]


# ---------------------------------------------------------------- trigger and job


def test_job_is_configured_on_a_real_scheduler_without_starting_it(tmp_path):
    db = tmp_path / "catalogue.db"
    scheduler = build_scheduler(db, timezone="Europe/London", overrides=["LOG_LEVEL=INFO"])
    assert not scheduler.running
    jobs = scheduler.get_jobs()
    assert [job.id for job in jobs] == [JOB_ID] == ["nightly-crawl"]
    job = scheduler.get_job("nightly-crawl")
    assert job.max_instances == 1
    assert job.coalesce is True
    assert job.misfire_grace_time == 3600
    assert job.kwargs == {"db_path": str(db), "overrides": ["LOG_LEVEL=INFO"], "log_dir": None}
    assert job.func is run_crawl_process
    trigger = job.trigger
    assert str(trigger.timezone) == "Europe/London"
    fields = {f.name: str(f) for f in trigger.fields}
    assert fields["hour"] == "2" and fields["minute"] == "30"
    assert fields["day_of_week"] == "*"


def test_the_job_replaces_an_existing_one_of_its_id(tmp_path):
    scheduler = build_scheduler(tmp_path / "c.db", timezone="UTC")
    # before start() jobs wait in a pending list with their replace_existing flag
    [(job, jobstore, replace_existing)] = scheduler._pending_jobs
    assert (job.id, jobstore, replace_existing) == (JOB_ID, "default", True)


def test_at_and_cron_triggers():
    at = build_trigger(at="23:05", timezone="UTC")
    fields = {f.name: str(f) for f in at.fields}
    assert (fields["hour"], fields["minute"]) == ("23", "5")
    cron = build_trigger(cron="15 4 * * 1-5", timezone="UTC")
    fields = {f.name: str(f) for f in cron.fields}
    # crontab's 1-5 is Monday to Friday (APScheduler 3 counts Monday as 0: names avoid the trap)
    assert fields["day_of_week"] == "mon,tue,wed,thu,fri"
    monday = datetime(2026, 11, 23, 0, 0, tzinfo=timezone.utc)  # a Monday
    fires = []
    previous, now = None, monday
    for _ in range(6):
        fire = cron.get_next_fire_time(previous, now)
        fires.append(fire.strftime("%a %H:%M"))
        previous, now = fire, fire.replace(second=1)
    assert fires == ["Mon 04:15", "Tue 04:15", "Wed 04:15", "Thu 04:15", "Fri 04:15", "Mon 04:15"]
    sunday = build_trigger(cron="0 1 * * 0", timezone="UTC")
    assert {f.name: str(f) for f in sunday.fields}["day_of_week"] == "sun"
    assert {f.name: str(f) for f in build_trigger(cron="@daily", timezone="UTC").fields}["hour"] == "0"


@pytest.mark.parametrize(
    "kwargs, message",
    [
        ({"cron": "61 2 * * *"}, "--cron '61 2 * * *'"),
        ({"cron": "30 2 * *"}, "expected 5 fields"),
        ({"cron": "30 2 * * funday"}, "is not a day of the week"),
        ({"cron": "0 0 1 * 1"}, "not both"),
        ({"at": "25:00"}, "no such time of day"),
        ({"at": "half past two"}, "expected HH:MM"),
        ({"timezone": "Mars/Olympus_Mons"}, "unknown time zone 'Mars/Olympus_Mons'"),
        ({"at": "02:30", "cron": "30 2 * * *"}, "not both"),
    ],
)
def test_bad_schedules_raise_a_clear_error(kwargs, message):
    kwargs.setdefault("timezone", "UTC")
    with pytest.raises(ScheduleError) as info:
        build_trigger(**kwargs)
    assert message in str(info.value)


def test_print_next_runs_in_the_configured_zone():
    now = datetime(2026, 11, 24, 12, 0, tzinfo=ZoneInfo("Europe/London"))
    assert print_next_runs(timezone="Europe/London", now=now, count=3) == (
        "2026-11-25 02:30 Europe/London (Wed)\n"
        "2026-11-26 02:30 Europe/London (Thu)\n"
        "2026-11-27 02:30 Europe/London (Fri)"
    )
    # across the end of summer time the wall-clock time stays 02:30
    october = datetime(2026, 10, 24, 12, 0, tzinfo=ZoneInfo("Europe/London"))
    lines = print_next_runs(timezone="Europe/London", now=october, count=3).splitlines()
    assert [line.split()[1] for line in lines] == ["02:30", "02:30", "02:30"]


def test_print_next_via_the_command_line():
    result = CliRunner().invoke(
        cli,
        ["schedule", "--print-next", "--timezone", "America/New_York", "--at", "21:45"],
        catch_exceptions=False,
    )
    assert result.exit_code == 0, result.output
    lines = result.stdout.strip().splitlines()  # stdout only: stderr is not the command's answer
    assert len(lines) == 5
    for line in lines:
        assert re.fullmatch(r"\d{4}-\d\d-\d\d 21:45 America/New_York \(\w{3}\)", line), line
    default = CliRunner().invoke(cli, ["schedule", "--print-next", "--timezone", "UTC"])
    assert default.exit_code == 0
    assert all(" 02:30 UTC (" in line for line in default.output.strip().splitlines())


def test_bad_cron_on_the_command_line_is_a_clear_error():
    result = CliRunner().invoke(cli, ["schedule", "--print-next", "--cron", "99 * * * *", "--timezone", "UTC"])
    assert result.exit_code == 1
    assert "Error: --cron '99 * * * *'" in result.output
    assert "Traceback" not in result.output
    both = CliRunner().invoke(cli, ["schedule", "--at", "02:30", "--cron", "30 2 * * *", "--print-next"])
    assert both.exit_code == 2
    assert "not both" in both.output


def test_the_default_command_is_a_manual_check_in_a_new_process():
    command = crawl_command("/data/catalogue.db", ["CONCURRENT_REQUESTS=4"])
    assert command == [
        sys.executable,
        "-m",
        "linkhealth",
        "check",
        "--db",
        "/data/catalogue.db",
        "--trigger",
        "schedule",
        "--wait",
        "-v",
        "-s",
        "CONCURRENT_REQUESTS=4",
    ]


# ---------------------------------------------------------------- one crawl process


def _fake_crawl(db_path: Path, exit_code: int, *, finish: bool = True, open_run: bool = True) -> list[str]:
    """A stand-in for `linkhealth check`: opens (and maybe finishes) a schedule run, prints, exits."""
    script = textwrap.dedent(
        f"""
        import sys
        sys.path.insert(0, {str(ROOT)!r})
        from linkhealth.store import Store
        print("fake crawl starting")
        if {open_run!r}:
            store = Store({str(db_path)!r})
            run_id = store.start_run(trigger="schedule")
            if {finish!r}:
                store.finish_run(run_id, status="finished" if {exit_code} == 0 else "failed")
        print("fake crawl says goodbye", file=sys.stderr)
        sys.exit({exit_code})
        """
    )
    return [sys.executable, "-c", script]


def test_run_crawl_process_records_exit_code_and_log(tmp_path):
    db = tmp_path / "catalogue.db"
    Store(db).close()
    result = run_crawl_process(db, command=_fake_crawl(db, 3))
    assert result["exit_code"] == 3
    log_path = Path(result["log_path"])
    assert log_path.parent == tmp_path / "logs"
    assert re.fullmatch(r"crawl-\d{8}T\d{6}Z\.log", log_path.name)
    text = log_path.read_text()
    assert "fake crawl starting" in text
    assert "fake crawl says goodbye" in text
    assert "# exit status 3" in text
    run = Store(db).db["runs"].get(result["run_id"])
    assert run["trigger"] == "schedule"
    assert run["exit_code"] == 3
    assert run["log_path"] == str(log_path)
    assert run["status"] == "failed"
    assert run["duration_seconds"] is not None


def test_run_crawl_process_success_and_log_dir_setting(tmp_path, monkeypatch):
    db = tmp_path / "catalogue.db"
    Store(db).close()
    monkeypatch.setenv("LINKHEALTH_LOG_DIR", str(tmp_path / "elsewhere"))
    first = run_crawl_process(db, command=_fake_crawl(db, 0))
    second = run_crawl_process(db, command=_fake_crawl(db, 0))
    assert first["log_path"] != second["log_path"]  # one log file per run
    assert Path(first["log_path"]).parent == tmp_path / "elsewhere"
    store = Store(db)
    runs = list(store.db.query("select * from runs order by id"))
    assert [(r["trigger"], r["status"], r["exit_code"]) for r in runs] == [
        ("schedule", "finished", 0),
        ("schedule", "finished", 0),
    ]
    assert [r["log_path"] for r in runs] == [first["log_path"], second["log_path"]]


def test_a_crawl_that_dies_mid_run_is_marked_failed(tmp_path):
    db = tmp_path / "catalogue.db"
    Store(db).close()
    result = run_crawl_process(db, log_dir=tmp_path / "l", command=_fake_crawl(db, 9, finish=False))
    run = Store(db).db["runs"].get(result["run_id"])
    assert (run["status"], run["exit_code"]) == ("failed", 9)
    assert run["finished_at"]
    assert "exited with status 9" in run["note"]


def test_a_crawl_that_fails_before_opening_a_run_still_leaves_a_row(tmp_path):
    db = tmp_path / "catalogue.db"
    Store(db).close()
    result = run_crawl_process(db, log_dir=tmp_path / "l", command=_fake_crawl(db, 2, open_run=False))
    assert result["exit_code"] == 2
    run = Store(db).db["runs"].get(result["run_id"])
    assert (run["trigger"], run["status"], run["exit_code"]) == ("schedule", "failed", 2)
    assert run["log_path"] == result["log_path"]
    # …but not while another crawl holds the catalogue: that one's rows are not touched
    with CrawlLock(db).acquire():
        held = run_crawl_process(db, log_dir=tmp_path / "l", command=_fake_crawl(db, 2, open_run=False))
    assert held["run_id"] is None
    assert Store(db).db["runs"].count == 1


def test_a_clean_exit_without_a_run_records_nothing(tmp_path):
    db = tmp_path / "catalogue.db"
    Store(db).close()
    result = run_crawl_process(db, log_dir=tmp_path / "l", command=_fake_crawl(db, 0, open_run=False))
    assert result["run_id"] is None and result["exit_code"] == 0
    assert Store(db).db["runs"].count == 0


def test_a_hung_crawl_is_killed_after_the_timeout(tmp_path):
    db = tmp_path / "catalogue.db"
    Store(db).close()
    command = [sys.executable, "-c", "import time; time.sleep(60)"]
    result = run_crawl_process(db, log_dir=tmp_path / "l", command=command, timeout=0.5)
    assert result["exit_code"] != 0
    run = Store(db).db["runs"].get(result["run_id"])
    assert "killed after 0.5 s" in run["note"]


def test_a_killed_crawl_takes_the_processes_it_started_with_it(tmp_path):
    """A crawl of several processes (LINKHEALTH_PROCESSES) must not leave a share
    crawling, and writing, into a run that nobody will finish."""
    db = tmp_path / "catalogue.db"
    Store(db).close()
    pid_file = tmp_path / "child.pid"
    script = (
        "import subprocess, sys, time\n"
        "child = subprocess.Popen([sys.executable, '-c', 'import time; time.sleep(60)'])\n"
        f"open({str(pid_file)!r}, 'w').write(str(child.pid))\n"
        "time.sleep(60)\n"
    )
    result = run_crawl_process(db, log_dir=tmp_path / "l", command=[sys.executable, "-c", script], timeout=2)
    assert result["exit_code"] != 0
    child = int(pid_file.read_text())

    def ended() -> bool:  # gone, or a zombie waiting for init to reap it
        try:
            return Path(f"/proc/{child}/stat").read_text().split(")")[-1].split()[0] == "Z"
        except FileNotFoundError:
            return True

    try:
        wait_for(ended, "the crawl's child process to end with it", timeout=30)
    finally:
        if not ended():
            os.kill(child, signal.SIGKILL)
