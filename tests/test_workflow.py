"""The maintainer's workflow (issue 16): offline then online, unfetchable addresses,
a damaged or newer catalogue, exit codes and Ctrl-C, acting on the report, quiet
unattended runs, notifications."""

from __future__ import annotations

import json
import os
import re
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from click.testing import CliRunner

from linkhealth.cli import cli
from linkhealth.exitcodes import ExitCode
from linkhealth.store import Store, StoreError

from .web import Page, Site, closed_port, html, redirect, stall

ROOT = Path(__file__).resolve().parents[1]

FAST = [
    "-s",
    "AUTOTHROTTLE_ENABLED=False",
    "-s",
    "DOWNLOAD_TIMEOUT=5",
    "-s",
    "RETRY_TIMES=0",
    "-s",
    "LINKHEALTH_SOFT404_PROBE=False",
    "-s",
    "LINKHEALTH_PROGRESS=False",
]


def linkhealth(*args: str, env: dict | None = None, timeout: float = 180) -> subprocess.CompletedProcess:
    """The command line as a maintainer runs it, in its own process (a crawl needs a fresh reactor)."""
    return subprocess.run(
        [sys.executable, "-m", "linkhealth", *args],
        capture_output=True,
        text=True,
        timeout=timeout,
        cwd=ROOT,
        env={**os.environ, **(env or {})},
    )


@pytest.fixture
def site():
    s = Site(
        "127.0.0.1",
        routes={
            "/ok": Page(html("A training", "Real content.")),
            "/second": Page(html("A webinar", "Real content.")),
            "/old": redirect("/new-home", 301),
            "/new-home": Page(html("New home")),
        },
    )
    with s:
        yield s


# ---------------------------------------------------------------- 1. offline, then online


@pytest.mark.parametrize("hosts_answer_offline", [False, True])
def test_readme_first_block_offline_then_online_checks_the_resources_again(tmp_path, hosts_answer_offline):
    """`linkhealth check` then `linkhealth report`, first offline (the connectivity probe
    fails: network_down), then with a local server standing in for the network: the
    second plain check visits the resources again instead of saying nothing is due.
    Offline, the resources' host is either unreachable too (network_down visits) or
    answers (visits that change nothing, since the probe failed)."""
    routes = {"/ok": Page(html("A training")), "/second": Page(html("A webinar"))}
    port = closed_port()
    site = Site("127.0.0.1", routes, port=port)
    db = str(tmp_path / "catalogue.db")
    store = Store(db)
    store.import_rows([("t", {"id": "a", "url": site.url("/ok")}), ("t", {"id": "b", "url": site.url("/second")})])
    store.close()
    if hosts_answer_offline:
        site.start()
    else:
        site.server.server_close()  # never served: the port refuses connections
    offline = {"LINKHEALTH_CONNECTIVITY_PROBE": f"http://127.0.0.1:{closed_port()}/"}
    first = linkhealth("check", "--db", db, *FAST, env=offline)
    assert first.returncode == 0, first.stderr[-2000:]
    assert "the network is down" in first.stdout
    assert linkhealth("report", "--db", db, "--no-archive").returncode == 0
    if not hosts_answer_offline:  # the network is back
        site = Site("127.0.0.1", routes, port=port).start()
    online = {"LINKHEALTH_CONNECTIVITY_PROBE": site.url("/ok")}
    try:
        second = linkhealth("check", "--db", db, *FAST, env=online)
    finally:
        site.stop()
    assert second.returncode == 0, second.stderr[-2000:]
    assert "nothing was due" not in second.stdout
    assert "checked 2 resources" in second.stdout
    store = Store(db)
    assert {r["id"]: r["health"] for r in store.db["resources"].rows} == {"a": "healthy", "b": "healthy"}
    store.close()


def test_a_network_down_visit_leaves_the_resource_due(store):
    store.add("https://example.org/a", resource_id="a")
    run = store.start_run()
    store.record_visits(
        [
            {
                "resource_id": "a",
                "run_id": run,
                "outcome": "network_down",
                "hold_health": True,
                "checked_at": "2026-11-04T02:30:00+00:00",
            }
        ]
    )
    assert store.count_due(now="2026-11-04T03:00:00+00:00") == 1


# ---------------------------------------------------------------- 2. addresses that cannot be fetched


@pytest.mark.parametrize("url", ["not-a-url", "ftp://example.org/file.pdf", "javascript:alert(1)"])
def test_add_refuses_an_address_that_cannot_be_fetched(db_path, url):
    result = CliRunner().invoke(cli, ["add", url, "--db", db_path])
    assert result.exit_code == ExitCode.ERROR
    assert "cannot be fetched" in result.output and "Traceback" not in result.output
    assert Store(db_path).db["resources"].count == 0


def test_import_names_each_unfetchable_row_and_imports_it(db_path, tmp_path):
    f = tmp_path / "r.csv"
    f.write_text("id,url\ngood,https://example.org/a\ntypo,htps//example.org/b\nfile,ftp://example.org/c\n")
    result = CliRunner().invoke(cli, ["import", str(f), "--db", db_path])
    assert result.exit_code == 0, result.output
    assert re.search(r"line 3: typo: .*cannot be fetched", result.output)
    assert re.search(r"line 4: file: .*cannot be fetched", result.output)
    assert "3 added" in result.output
    strict = CliRunner().invoke(cli, ["import", str(f), "--strict", "--db", str(tmp_path / "other.db")])
    assert strict.exit_code == ExitCode.ERROR
    assert "line 3" in strict.output and "nothing imported" in strict.output
    assert Store(str(tmp_path / "other.db")).db["resources"].count == 0


def test_an_unfetchable_entry_is_broken_at_its_first_check(store):
    store.import_rows([("t", {"id": "typo", "url": "htps//example.org/b"})])
    run = store.start_run()
    store.record_visits(
        [
            {
                "resource_id": "typo",
                "run_id": run,
                "outcome": "invalid_url",
                "status_code": None,
                "error_class": "InvalidURL",
                "checked_at": "2026-11-04T02:30:00+00:00",
            }
        ]
    )
    assert store.resource("typo")["health"] == "broken"


def test_a_server_that_rejects_a_url_is_not_broken_at_once(store):
    """A 400 is the server's answer, not a typo in the catalogue: the usual hysteresis."""
    store.add("https://example.org/x", resource_id="x")
    run = store.start_run()
    store.record_visits(
        [
            {
                "resource_id": "x",
                "run_id": run,
                "outcome": "invalid_url",
                "status_code": 400,
                "checked_at": "2026-11-04T02:30:00+00:00",
            }
        ]
    )
    assert store.resource("x")["health"] == "failing"


# ---------------------------------------------------------------- 3. a damaged or newer catalogue


def _catalogue(path: str, n: int = 300) -> None:
    store = Store(path)
    store.import_rows(
        [(str(i), {"id": f"r{i:03d}", "url": f"https://example.org/{i}", "title": "t" * 200}) for i in range(n)]
    )
    store.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    store.close()


def _overwrite_pages(path: str) -> None:
    """Garbage over the second half of the file's pages (the resources' rows), as a bad
    disk or a copy cut short leaves it; the schema pages at the start stay readable."""
    size = os.path.getsize(path)
    pages = size // 4096
    with open(path, "r+b") as f:
        for page in range(pages // 2, pages):
            f.seek(page * 4096)
            f.write(bytes((page * 37 + i) % 251 for i in range(4096)))


@pytest.mark.parametrize("command", [["report", "--no-archive"], ["export"], ["check"], ["serve", "-p", "0"]])
def test_a_damaged_catalogue_is_a_clear_stop_with_a_way_out(tmp_path, command):
    db = str(tmp_path / "catalogue.db")
    _catalogue(db)
    _overwrite_pages(db)
    result = linkhealth(*command, "--db", db, timeout=60)
    assert result.returncode == ExitCode.ERROR, result.stderr[-2000:]
    assert "Traceback" not in result.stderr
    assert ".recover" in result.stderr and db in result.stderr
    assert len(result.stderr.strip().splitlines()) <= 3


def test_the_message_names_the_newest_backup(tmp_path):
    db = str(tmp_path / "catalogue.db")
    _catalogue(db)
    store = Store(db)
    backup = store.backup(tmp_path / "backups", keep=3)
    store.close()
    _overwrite_pages(db)
    result = linkhealth("export", "--db", db, timeout=60)
    assert result.returncode == ExitCode.ERROR
    assert str(backup) in result.stderr


@pytest.fixture
def newer(tmp_path, site):
    """A catalogue of two resources on the local site, for a newer linkhealth to change."""
    db = str(tmp_path / "catalogue.db")
    store = Store(db)
    store.import_rows([("t", {"id": "a", "url": site.url("/ok")}), ("t", {"id": "b", "url": site.url("/second")})])
    return db, store


def _refused_before_fetching(db: str, site: Site, words: str) -> None:
    result = linkhealth("check", "--db", db, *FAST, timeout=120)
    assert result.returncode == ExitCode.ERROR, (result.stdout, result.stderr[-2000:])
    assert words in result.stderr
    assert "Traceback" not in result.stderr
    assert [hit for hit in site.hits if hit != "/robots.txt"] == [], "nothing may be fetched"


def test_a_catalogue_migrated_by_a_newer_linkhealth_is_refused(newer, site):
    db, store = newer
    store.db["_sqlite_migrations"].insert(
        {"migration_set": "linkhealth", "name": "m099_from_the_future", "applied_at": "2027-01-01"}
    )
    store.close()
    _refused_before_fetching(db, site, "newer linkhealth")
    assert "m099_from_the_future" in linkhealth("report", "--db", db, "--no-archive").stderr


def test_a_new_required_column_is_refused_before_anything_is_fetched(newer, site):
    db, store = newer
    store.db["checks"].add_column("tenant", str)
    store.db["checks"].transform(not_null={"tenant"})
    store.close()
    _refused_before_fetching(db, site, "checks.tenant")


def test_a_renamed_column_is_refused(newer, site):
    db, store = newer
    store.db["resources"].transform(rename={"title": "name"})
    store.close()
    _refused_before_fetching(db, site, "resources.title is missing")


def test_every_sqlite_error_in_a_write_is_a_store_error(store):
    with pytest.raises(StoreError, match="could not write"):
        with store.transaction():
            store.db.execute("insert into resources (id) values (null)")  # IntegrityError


def test_a_scheduled_run_backs_up_the_catalogue_first_keeping_n(tmp_path, monkeypatch):
    from schedules.nightly import run_crawl_process

    db = str(tmp_path / "catalogue.db")
    _catalogue(db, n=5)
    monkeypatch.setenv("LINKHEALTH_BACKUP_DIR", str(tmp_path / "backups"))
    # the "crawl" sees the backup already there: it was taken before anything could write
    seen = "import os, sys; sys.exit(0 if os.listdir(sys.argv[1]) else 9)"
    for _ in range(3):
        result = run_crawl_process(
            db, log_dir=tmp_path / "logs", backups=2, command=[sys.executable, "-c", seen, str(tmp_path / "backups")]
        )
        assert result["exit_code"] == 0
    copies = sorted((tmp_path / "backups").glob("catalogue-*.db"))
    assert len(copies) == 2
    assert sqlite3.connect(copies[-1]).execute("select count(*) from resources").fetchone()[0] == 5


# ---------------------------------------------------------------- 4. exit codes and Ctrl-C


def test_the_readme_exit_code_table_matches_the_program():
    readme = (ROOT / "README.md").read_text()
    section = readme.split("## Exit codes", 1)[1].split("\n## ", 1)[0]
    rows = re.findall(r"^\|\s*`?(\d+)`?\s*\|", section, re.M)
    assert sorted(int(code) for code in rows) == sorted(int(code) for code in ExitCode)


def test_report_fail_on_has_its_own_exit_code(store, db_path):
    store.add("https://example.org/a", resource_id="a")
    store.db["resources"].update("a", {"health": "broken"})
    result = CliRunner().invoke(cli, ["report", "--no-archive", "--fail-on", "broken", "--db", db_path])
    assert result.exit_code == ExitCode.FAIL_ON == 3


def test_ctrl_c_in_any_command_exits_130(store, db_path, monkeypatch):
    import linkhealth.report as report

    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(report, "build_report", interrupted)
    result = CliRunner().invoke(cli, ["report", "--db", db_path])
    assert result.exit_code == ExitCode.INTERRUPTED == 130


@pytest.mark.parametrize("signals,processes", [(1, 1), (2, 1), (1, 2)])
def test_ctrl_c_ends_a_crawl_promptly_even_while_downloads_hang(tmp_path, signals, processes):
    """Downloads that hang (a 300 s timeout) do not hold Ctrl-C up: the visits made are
    stored, the run is recorded as interrupted (once or twice pressed), exit 130."""
    fast = Site("127.0.0.2", routes={f"/p/{i}": Page(html(f"Page {i}")) for i in range(6)})
    slow = Site("127.0.0.3", routes={f"/s/{i}": stall(600) for i in range(4)})
    with fast, slow:
        db = str(tmp_path / "catalogue.db")
        store = Store(db)
        store.import_rows(
            [(str(i), {"id": f"f{i}", "url": fast.url(f"/p/{i}")}) for i in range(6)]
            + [(str(i), {"id": f"s{i}", "url": slow.url(f"/s/{i}")}) for i in range(4)]
        )
        store.close()
        command = [
            sys.executable,
            "-m",
            "linkhealth",
            "check",
            "--db",
            db,
            *FAST,
            "-s",
            "DOWNLOAD_TIMEOUT=300",
            "-s",
            "LINKHEALTH_STOP_GRACE=1",
            "-s",
            "CONCURRENT_REQUESTS_PER_DOMAIN=8",
            "-s",
            f"LINKHEALTH_PROCESSES={processes}",
            "-s",
            f"LINKHEALTH_CONNECTIVITY_PROBE={fast.url('/p/0')}",
        ]
        # its own process group, as a terminal's Ctrl-C reaches every crawler process of the run
        proc = subprocess.Popen(
            command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True
        )
        deadline = time.monotonic() + 60
        # every fast page served and every slow one hanging: the crawl is in the middle
        while not (
            len([h for h in fast.hits if h.startswith("/p/")]) >= 7
            and len([h for h in slow.hits if h.startswith("/s/")]) >= 4
        ):
            if time.monotonic() > deadline or proc.poll() is not None:
                proc.kill()
                pytest.fail(f"the crawl never got going: {proc.communicate()[1].decode()[-2000:]}")
            time.sleep(0.05)
        for _ in range(signals):
            os.killpg(proc.pid, signal.SIGINT)
        try:
            out, err = proc.communicate(timeout=60)  # a guard: a graceful stop would wait 300 s
        finally:
            if proc.poll() is None:
                proc.kill()
    assert proc.returncode == ExitCode.INTERRUPTED, err.decode()[-8000:]
    conn = sqlite3.connect(db)
    assert conn.execute("select status from runs").fetchall() == [("interrupted",)], err.decode()[-2000:]
    kept = {rid for (rid,) in conn.execute("select resource_id from checks")}
    assert kept == {f"f{i}" for i in range(6)}, "every visit made is kept, the hanging ones stay due"
    assert b"interrupted" in out + err


# ---------------------------------------------------------------- 5. acting on the report


def _moved(store: Store, rid: str = "handbook", title: str | None = None) -> None:
    store.add("https://example.org/old", resource_id=rid, title=title)
    run = store.start_run()
    store.record_visits(
        [
            {
                "resource_id": rid,
                "run_id": run,
                "outcome": "moved",
                "status_code": 200,
                "final_url": "https://example.org/new-home",
                "checked_at": "2026-11-04T02:30:00+00:00",
            }
        ]
    )
    store.finish_run(run)


def test_accept_url_takes_the_suggested_address(store, db_path):
    _moved(store)
    result = CliRunner().invoke(cli, ["accept", "handbook", "--url", "--db", db_path])
    assert result.exit_code == 0, result.output
    row = store.resource("handbook")
    assert (row["url"], row["health"]) == ("https://example.org/new-home", "unknown")
    assert CliRunner().invoke(cli, ["accept", "handbook", "--url", "--db", db_path]).exit_code == ExitCode.ERROR


def test_accept_archived_takes_the_archived_copy(store, db_path):
    store.add("https://example.org/dead", resource_id="dead")
    copy = "https://web.archive.org/web/20190501120000/https://example.org/dead"
    store.cache_archive("https://example.org/dead", copy, "2019-05-01T12:00:00+00:00", "found")
    result = CliRunner().invoke(cli, ["accept", "dead", "--archived", "--db", db_path])
    assert result.exit_code == 0, result.output
    assert store.resource("dead")["url"] == copy


def test_retire_takes_a_resource_out_of_crawls_and_the_report_and_unretire_undoes_it(store, db_path):
    from linkhealth.report import build_report

    _moved(store)
    assert CliRunner().invoke(cli, ["retire", "handbook", "--reason", "withdrawn", "--db", db_path]).exit_code == 0
    assert store.count_due(everything=True) == 0
    data = build_report(store, archive=False)
    assert data["moved"] == [] and data["summary"]["retired"] == 1
    assert store.db["checks"].count == 1, "history is kept"
    assert CliRunner().invoke(cli, ["unretire", "handbook", "--db", db_path]).exit_code == 0
    assert store.count_due(everything=True) == 1
    assert [i["id"] for i in build_report(store, archive=False)["moved"]] == ["handbook"]


def test_the_terminal_report_never_cuts_an_id(store, db_path):
    rid = "a-very-long-resource-id-that-a-maintainer-copies-into-accept-or-retire-x"
    _moved(store, rid, title="T" * 120)
    result = CliRunner().invoke(cli, ["report", "--no-archive", "--db", db_path])
    assert f"[{rid}]" in result.output


def test_report_summary_shows_counts_and_what_is_new(store, db_path):
    _moved(store)
    result = CliRunner().invoke(cli, ["report", "--summary", "--db", db_path])
    assert result.exit_code == 0, result.output
    assert "1 resources: 0 healthy, 1 moved" in result.output
    assert re.search(r"Newly moved \(1\):\n  handbook .* -> https://example.org/new-home", result.output)
    assert "MOVED" not in result.output  # the sections are the full report's


# ---------------------------------------------------------------- 6. quiet when unattended


def _screen(writes: list[str]) -> str:
    """What a terminal shows after these writes: \\r returns, text overwrites, ESC[K erases."""
    line, cursor = [], 0
    for text in writes:
        for token in re.findall(r"\r|\x1b\[K|.", text, re.S):
            if token == "\r":
                cursor = 0
            elif token == "\x1b[K":
                del line[cursor:]
            else:
                line[cursor : cursor + 1] = [token]
                cursor += 1
    return "".join(line)


def test_the_progress_bar_leaves_no_stray_characters(capsys):
    from crawler.progress import progress_line, show_progress

    long, short = progress_line(5, 10, 1.0), progress_line(10, 10, 100.0)
    show_progress(long + " ETA 0:0333", True)
    show_progress(short, True)
    assert _screen([capsys.readouterr().err]) == short


# ---------------------------------------------------------------- 7. telling people


class _Receiver(BaseHTTPRequestHandler):
    bodies: list = []

    def do_POST(self):
        self.bodies.append(json.loads(self.rfile.read(int(self.headers["Content-Length"]))))
        self.send_response(200)
        self.send_header("Content-Length", "2")
        self.end_headers()
        self.wfile.write(b"ok")

    def log_message(self, *args):
        pass


@pytest.fixture
def webhook():
    _Receiver.bodies = []
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Receiver)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/hooks/secret-token", _Receiver.bodies
    server.shutdown()
    server.server_close()


@pytest.fixture
def smtp():
    from aiosmtpd.controller import Controller
    from aiosmtpd.handlers import Sink

    class Keep(Sink):
        def __init__(self):
            self.messages = []

        async def handle_DATA(self, server, session, envelope):
            self.messages.append(envelope)
            return "250 OK"

    handler = Keep()
    port = closed_port()
    controller = Controller(handler, hostname="127.0.0.1", port=port)
    controller.start()
    yield {"LINKHEALTH_SMTP_HOST": "127.0.0.1", "LINKHEALTH_SMTP_PORT": str(port)}, handler.messages
    controller.stop()


def test_a_check_that_finds_something_new_sends_mail_and_a_webhook(tmp_path, site, smtp, webhook):
    env, messages = smtp
    hook, bodies = webhook
    db = str(tmp_path / "catalogue.db")
    store = Store(db)
    store.import_rows([("t", {"id": "handbook", "url": site.url("/old")})])
    store.close()
    result = linkhealth(
        "check",
        "--db",
        db,
        *FAST,
        "-s",
        f"LINKHEALTH_CONNECTIVITY_PROBE={site.url('/ok')}",
        "--notify-email",
        "curators@example.org",
        "--notify-webhook",
        hook,
        env=env,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    [mail] = messages
    assert mail.rcpt_tos == ["curators@example.org"]
    text = mail.content.decode()
    assert "Subject: linkhealth: 1 moved in catalogue.db" in text and "handbook" in text
    [body] = bodies
    assert "handbook" in body["text"] and site.url("/new-home") in body["text"]
    assert "secret-token" not in result.stdout + result.stderr


def test_nothing_new_sends_nothing(store, smtp, webhook):
    from linkhealth.notify import notify

    env, messages = smtp
    store.add("https://example.org/a", resource_id="a")
    lines = notify(store, ["x@example.org"], [webhook[0]], environ=env)
    assert messages == [] and webhook[1] == []
    assert "no notification sent" in lines[0]


def test_a_failed_notification_is_reported_and_never_raises(store, webhook):
    from linkhealth.notify import notify

    _moved(store)
    env = {
        "LINKHEALTH_SMTP_HOST": "127.0.0.1",
        "LINKHEALTH_SMTP_PORT": str(closed_port()),
        "LINKHEALTH_SMTP_USER": "u",
        "LINKHEALTH_SMTP_PASSWORD": "hunter2-secret",
    }
    dead_hook = f"http://127.0.0.1:{closed_port()}/hooks/secret-token"
    lines = notify(store, ["x@example.org"], [dead_hook], environ=env)
    assert len(lines) == 2 and all(line.startswith("notification failed") for line in lines)
    assert not any("hunter2-secret" in line or "secret-token" in line for line in lines)


def test_a_password_file_others_can_read_is_refused(tmp_path):
    from linkhealth.notify import NotifyError, smtp_settings

    secret = tmp_path / "smtp-password"
    secret.write_text("hunter2\n")
    env = {"LINKHEALTH_SMTP_HOST": "127.0.0.1", "LINKHEALTH_SMTP_PASSWORD_FILE": str(secret)}
    secret.chmod(0o644)
    with pytest.raises(NotifyError, match="chmod 600"):
        smtp_settings(env)
    secret.chmod(0o600)
    assert smtp_settings(env).password == "hunter2"


def test_schedule_passes_notifications_to_every_crawl(tmp_path):
    from schedules.nightly import build_scheduler, crawl_command

    notify = ["--notify-email=curators@example.org", "--notify-webhook=http://127.0.0.1:9/hook"]
    job = build_scheduler(str(tmp_path / "c.db"), notify=notify).get_job("nightly-crawl")
    assert job.kwargs["notify"] == notify
    assert crawl_command(str(tmp_path / "c.db"), [], job.kwargs["notify"])[-2:] == notify
