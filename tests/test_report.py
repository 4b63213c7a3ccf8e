"""The broken-link report: one query, five renderers, escaping, --fail-on, archived copies."""

from __future__ import annotations

import csv
import io
import json
import re
import socket
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

import pytest
from click.testing import CliRunner

from linkhealth.cli import cli
from linkhealth.report import FORMATS, build_report, lookup_archive, render_report, should_fail
from linkhealth.report.csv import neutralise
from linkhealth.report.markdown import md_escape
from linkhealth.report.terminal import WIDTH, clean, display_width
from linkhealth.store import Store

from .catalogue import DAYS, PLAN, build_catalogue


@pytest.fixture
def store(tmp_path):
    s = build_catalogue(tmp_path / "catalogue.db")
    yield s
    s.close()


@pytest.fixture
def data(store):
    return build_report(store, archive=False, now="2026-11-04T09:00:00+00:00")


def ids(items):
    return [item["id"] for item in items]


# ---------------------------------------------------------------- the query


def test_every_section_holds_exactly_the_right_resources(data):
    assert ids(data["newly_broken"]) == ["newly-dead"]
    assert ids(data["broken"]) == ["broken-old"]
    assert ids(data["failing"]) == ["failing-video"]  # a soft 404 is listed once, under soft 404s
    assert ids(data["gated"]) == ["gated-course"]
    assert ids(data["moved"]) == ["moved-handbook"]
    assert ids(data["soft_404"]) == ["parked-domain"]
    assert ids(data["no_url"]) == ["no-url"]
    assert [(d["id"], d["field"]) for d in data["drift"]] == [
        ("drifted-webinar", "title"),
        ("drifted-webinar", "duration_seconds"),
    ]
    assert ids(data["inconclusive"]) == ["rate-limited"]
    assert ids(data["identity"]) == ["healthy-guide"]
    assert ids(data["content_changed"]) == ["healthy-guide"]


def test_section_details(data):
    [new] = data["newly_broken"]
    assert new["broken_since"] == DAYS[3]
    assert new["first_failed_at"] == DAYS[1]
    assert new["last_ok_at"] == DAYS[0]
    assert new["consecutive_failures"] == 3
    assert new["failure"]["outcome"] == "gone" and new["failure"]["status_code"] == 410
    assert new["archive"] is None
    [old] = data["broken"]
    assert (old["broken_since"], old["first_failed_at"], old["last_ok_at"]) == (DAYS[2], DAYS[0], None)
    assert old["consecutive_failures"] == 4
    assert old["failure"]["detail"] == "404 Not Found"
    failing = {i["id"]: i for i in data["failing"]}
    assert failing["failing-video"]["first_failed_at"] == DAYS[3]
    assert failing["failing-video"]["last_ok_at"] == DAYS[2]
    assert {i["id"]: i for i in data["soft_404"]}["parked-domain"]["failure"]["outcome"] == "soft_404"
    [gated] = data["gated"]
    assert gated["gate"] == "login"
    assert "sign-in" in gated["gate_description"]
    assert gated["final_url"] == "https://lms.example/login?next=/course"
    [moved] = data["moved"]
    assert moved["suggested_url"] == "https://moved.example/new-home"
    assert moved["url"] == "http://moved.example/old"
    [soft] = data["soft_404"]
    assert soft["failure"]["detail"] == "the page says 'page not found'"
    [no_url] = data["no_url"]
    assert no_url == {
        "id": "no-url",
        "title": "Printed leaflet",
        "url": None,
        "provider": "NHS",
        "kind": "guide",
        "access_note": None,
        "notes": None,
    }
    title, duration = data["drift"]
    assert (title["catalogue_value"], title["page_value"], title["page_source"]) == (
        "Old webinar title",
        "New webinar title from the page",
        "jsonld",
    )
    assert (duration["catalogue_value"], duration["page_value"]) == (3600, 5400)
    [inconclusive] = data["inconclusive"]
    assert inconclusive["outcome"] == "rate_limited"
    assert inconclusive["health"] == "healthy"  # an inconclusive visit changes nothing
    assert "429" in inconclusive["outcome_description"]


def test_summary_last_run_and_history(data):
    assert data["schema_version"] == 1
    assert data["generated_at"] == "2026-11-04T09:00:00+00:00"
    assert data["catalogue"] == "catalogue.db"
    assert data["summary"] == {
        "resources": 11,
        "healthy": 4,
        "moved": 1,
        "gated": 1,
        "failing": 2,
        "broken": 2,
        "unknown": 1,
        "newly_broken": 1,
        "still_broken": 1,
        "soft_404": 1,
        "no_url": 1,
        "drift": 2,
        "drift_resources": 1,
        "inconclusive": 1,
        "archived_copies": 0,
        "retired": 0,
        "identity": 1,
        "content_changed": 1,
    }
    run = data["last_run"]
    assert (run["id"], run["trigger"], run["status"], run["checked"]) == (4, "schedule", "finished", 10)
    assert run["network_down"] is False
    assert run["counts"]["gone"] == 1 and run["counts"]["rate_limited"] == 1
    assert [(r["id"], r["checked"]) for r in data["runs"]] == [(1, 10), (2, 10), (3, 10), (4, 10)]
    assert [r["health"] for r in data["runs"]] == [
        {"healthy": 8, "moved": 0, "gated": 1, "failing": 1, "broken": 0, "unknown": 1},
        {"healthy": 7, "moved": 0, "gated": 1, "failing": 2, "broken": 0, "unknown": 1},
        {"healthy": 5, "moved": 1, "gated": 1, "failing": 2, "broken": 1, "unknown": 1},
        {"healthy": 4, "moved": 1, "gated": 1, "failing": 2, "broken": 2, "unknown": 1},
    ]
    assert data["archive_lookup"] == {"enabled": False, "endpoint": None, "asked": 0, "error": None}
    json.dumps(data)  # serialisable as it is


def test_an_empty_catalogue_reports_nothing_without_failing(tmp_path):
    data = build_report(Store(tmp_path / "empty.db"), archive=False)
    assert data["last_run"] is None and data["runs"] == []
    assert data["summary"]["resources"] == 0
    for fmt in FORMATS:
        assert render_report(data, fmt)
    assert "No crawl has run yet" in render_report(data, "terminal")


def test_a_network_down_run_is_flagged_and_changes_nothing(store):
    before = build_report(store, archive=False)
    run = store.start_run("schedule")
    store.record_visits(
        {
            "resource_id": rid,
            "run_id": run,
            "url": store.resource(rid)["url"],
            "outcome": "network_down",
            "checked_at": "2026-11-05T02:30:00+00:00",
            "inconclusive": True,
        }
        for rid in PLAN
    )
    store.finish_run(run, status="network_down")
    data = build_report(store, archive=False)
    assert data["last_run"]["network_down"] is True
    assert data["last_run"]["network_down_checks"] == 10
    assert data["newly_broken"] == []  # nothing broke in a run that reached nothing
    for key in ("healthy", "broken", "failing", "gated", "moved"):
        assert data["summary"][key] == before["summary"][key]
    assert ids(data["inconclusive"]) == []  # network_down is reported once, per run
    for fmt in ("terminal", "md", "html"):
        assert "could not reach the network" in render_report(data, fmt)


# ---------------------------------------------------------------- renderers


def test_terminal_shows_every_section_within_100_columns(data):
    text = render_report(data, "terminal")
    assert "\x1b" not in text  # no colour unless asked
    for line in text.splitlines():
        assert display_width(line) <= WIDTH, line
    for heading in (
        "NEWLY BROKEN SINCE THE LAST RUN (1)",
        "STILL BROKEN (1)",
        "FAILING, NOT YET CONFIRMED (1)",
        "GATED (1)",
        "MOVED (1)",
        "SOFT 404S (1)",
        "RESOURCES WITHOUT A URL (1)",
        "METADATA DRIFT (2)",
        "INCONCLUSIVE VISITS (1)",
    ):
        assert heading in text
    assert "11 resources: 4 healthy, 1 moved, 1 gated, 2 failing, 2 broken (1 new), 1 unknown" in text
    assert "• Webinar that just died [newly-dead]" in text
    assert "gone 410 · 3 failures since 2026-11-02 · broken since 2026-11-04 · last good 2026-11-01" in text
    assert "not_found 404 · 4 failures since 2026-11-01 · broken since 2026-11-03 · last good never" in text
    assert "gate: login" in text
    assert "now at: https://moved.example/new-home" in text
    assert "page says (jsonld): New webinar title from the page" in text
    assert "catalogue says: Old webinar title" in text
    assert "page says (jsonld): 1 h 30 min (5400 s)" in text
    assert "rate_limited 429 at 2026-11-04 02:30" in text
    coloured = render_report(data, "terminal", color=True)
    assert "\x1b[1;31mNEWLY BROKEN" in coloured


def test_terminal_truncates_long_values_with_an_ellipsis(tmp_path):
    store = build_catalogue(tmp_path / "c.db", titles={"newly-dead": "A very long title " * 12})
    text = render_report(build_report(store, archive=False), "terminal")
    [line] = [line for line in text.splitlines() if "A very long title" in line]
    assert "…" in line and "[newly-dead]" in line
    assert display_width(line) <= WIDTH


def test_markdown_tables(data):
    text = render_report(data, "md")
    assert text.startswith("# linkhealth report: catalogue.db\n")
    assert "## Newly broken since the last run (1)" in text
    assert (
        "| [Webinar that just died](https://new.example/dead) · newly-dead | gone 410 | 2026-11-02 | 2026-11-04 | 3 | 2026-11-01 |   |"
        in text
    )
    assert (
        "| [Moved handbook](http://moved.example/old) · moved-handbook | [https://moved.example/new-home](https://moved.example/new-home) |"
        in text
    )
    assert "| Printed leaflet · no-url | NHS | guide |   |" in text
    assert (
        "| [Old webinar title](https://drift.example/w) · drifted-webinar | title | New webinar title from the page (jsonld) | Old webinar title |"
        in text
    )
    assert "rate\\_limited 429" in text
    for heading in (
        "## Still broken (1)",
        "## Failing, not yet confirmed (1)",
        "## Gated (1)",
        "## Moved (1)",
        "## Soft 404s (1)",
        "## Resources without a URL (1)",
        "## Metadata drift (2)",
        "## Inconclusive visits (1)",
    ):
        assert heading in text


def test_html_is_one_self_contained_file_with_a_chart(data):
    text = render_report(data, "html")
    assert text.startswith("<!DOCTYPE html>")
    assert "<style>" in text and "<svg" in text and "</svg>" in text
    # no scripts, no external resources: only links a reader may click
    assert "<script" not in text.lower()
    assert not re.search(r"""(?:src|srcset)\s*=""", text)
    assert "<link" not in text and "@import" not in text and "url(" not in text
    assert "Content-Security-Policy" in text
    # one bar per run, each with its counts as a tooltip
    assert text.count("<g><title>run #") == 4
    assert "run #4" in text and "4 healthy, 1 moved, 1 gated, 2 failing, 2 broken, 1 unknown" in text
    assert '<a href="https://new.example/dead" rel="noopener noreferrer">Webinar that just died</a>' in text
    assert "https://moved.example/new-home" in text
    assert "New webinar title from the page" in text
    for section in (
        "newly_broken",
        "broken",
        "failing",
        "gated",
        "moved",
        "soft_404",
        "no_url",
        "drift",
        "identity",
        "content_changed",
        "inconclusive",
    ):
        assert f'id="{section}"' in text


def test_csv_has_a_row_per_resource_per_section(data):
    rows = list(csv.DictReader(io.StringIO(render_report(data, "csv"))))
    assert [(r["section"], r["id"]) for r in rows] == [
        ("newly_broken", "newly-dead"),
        ("broken", "broken-old"),
        ("failing", "failing-video"),
        ("gated", "gated-course"),
        ("moved", "moved-handbook"),
        ("soft_404", "parked-domain"),
        ("no_url", "no-url"),
        ("drift", "drifted-webinar"),
        ("drift", "drifted-webinar"),
        ("identity", "healthy-guide"),
        ("content_changed", "healthy-guide"),
        ("inconclusive", "rate-limited"),
    ]
    assert rows[0]["outcome"] == "gone" and rows[0]["status_code"] == "410"
    assert rows[3]["gate"] == "login"
    assert rows[4]["suggested_url"] == "https://moved.example/new-home"
    assert (rows[7]["field"], rows[7]["page_value"], rows[7]["catalogue_value"]) == (
        "title",
        "New webinar title from the page",
        "Old webinar title",
    )


def test_json_is_the_query_itself(data):
    assert json.loads(render_report(data, "json")) == data


def test_unknown_format_is_refused(data):
    with pytest.raises(ValueError, match="unknown report format"):
        render_report(data, "pdf")
    assert render_report(data, "markdown") == render_report(data, "md")


# ---------------------------------------------------------------- escaping (security)

HOSTILE = {
    "newly-dead": "<script>alert('x')</script> & <img src=x onerror=alert(1)>",
    "broken-old": "x | y](javascript:alert(1)) *bold* _it_ `code` <b>",
    "failing-video": "=cmd|' /C calc'!A0",
    "gated-course": "\x1b[31mRED\x1b[0m\x1b]0;pwned title\x07 \u202eevil\r\nsecond line",
    "moved-handbook": "+SUM(A1:A2)",
    "parked-domain": '@HYPERLINK("http://evil")',
}
HOSTILE_URLS = {"failing-video": "javascript:alert(document.cookie)"}


@pytest.fixture
def hostile(tmp_path):
    store = build_catalogue(tmp_path / "hostile.db", titles=HOSTILE, urls=HOSTILE_URLS)
    yield build_report(store, archive=False)
    store.close()


def test_html_escapes_every_value(hostile):
    text = render_report(hostile, "html")
    assert "<script>alert" not in text
    assert "<img src=x" not in text
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; &amp; &lt;img src=x onerror=alert(1)&gt;" in text
    body = text.split("<body>")[1]
    assert 'href="javascript' not in body.lower()
    assert re.findall(r'href="([^"]*)"', body)  # links there are, all of them http(s)
    assert all(href.startswith(("http://", "https://")) for href in re.findall(r'href="([^"]*)"', body))
    assert "javascript:alert(document.cookie)" in body  # the bad URL is shown as text
    assert "<b>" not in body
    assert "&lt;b&gt;" in body


def test_markdown_cells_cannot_break_the_table_or_make_links(hostile):
    text = render_report(hostile, "md")
    [row] = [line for line in text.splitlines() if "broken-old" in line and line.startswith("|")]
    unescaped_pipes = len(re.findall(r"(?<!\\)\|", row))
    assert unescaped_pipes == 8  # 7 columns
    assert not re.search(r"(?<!\\)\]\((?!https?://)", text)  # every link target is http(s)
    assert "](javascript" not in text
    assert "x \\| y\\]\\(javascript:alert\\(1\\)\\) \\*bold\\* \\_it\\_ \\`code\\` \\<b\\>" in text
    assert "\\<script\\>" in text and "<script>" not in text
    # a javascript: URL is shown as text, never linked
    [video] = [line for line in text.splitlines() if "failing-video" in line and line.startswith("|")]
    assert "[" not in video.replace("\\[", "")
    assert "javascript:alert\\(document.cookie\\)" in video
    assert md_escape("a\nb|c") == "a b\\|c"


def test_csv_neutralises_formulas(hostile):
    rows = list(csv.DictReader(io.StringIO(render_report(hostile, "csv"))))
    titles = {r["id"]: r["title"] for r in rows}
    assert titles["failing-video"] == "'=cmd|' /C calc'!A0"
    assert titles["moved-handbook"] == "'+SUM(A1:A2)"
    assert titles["parked-domain"] == '\'@HYPERLINK("http://evil")'
    assert all(not str(v).startswith(("=", "+", "-", "@", "\t", "\r")) for r in rows for v in r.values())
    assert neutralise("-1+1") == "'-1+1" and neutralise("\t=x") == "'=x" and neutralise(5) == 5


def test_terminal_strips_escape_sequences_and_controls(hostile):
    for color in (False, True):
        text = render_report(hostile, "terminal", color=color)
        assert "pwned" not in text
        assert "\u202e" not in text and "\r" not in text and "\x07" not in text
        assert "RED second line" in text or "RED evil second line" in text
        if not color:
            assert "\x1b" not in text
        else:  # only our own SGR colour codes
            assert not re.search(r"\x1b(?!\[[0-9;]*m)", text)
    assert clean("a\x1b[2Jb\x1b]8;;http://x\x1b\\c\x9b31md\x00e") == "abcde"


def test_json_keeps_hostile_values_as_data(hostile):
    text = render_report(hostile, "json")
    assert json.loads(text)["newly_broken"][0]["title"] == HOSTILE["newly-dead"]


# ---------------------------------------------------------------- --fail-on, -o


def invoke(*args, env=None):
    return CliRunner().invoke(cli, list(args), catch_exceptions=False, env=env)


@pytest.mark.parametrize("state", ["broken", "failing", "gated"])
def test_fail_on_exits_non_zero_when_a_resource_is_in_that_state(store, state):
    result = invoke("report", "--db", store.path, "--no-archive", "--format", "json", "--fail-on", state)
    assert result.exit_code == 3  # ExitCode.FAIL_ON: 1 is "the command failed"
    assert json.loads(result.stdout)["summary"][state] > 0


def test_fail_on_passes_when_nothing_is_in_that_state(tmp_path):
    s = Store(tmp_path / "ok.db")
    s.import_rows([("t", {"id": "fine", "url": "https://example.org/"})])
    run = s.start_run()
    s.record_visits(
        [
            {
                "resource_id": "fine",
                "run_id": run,
                "url": "https://example.org/",
                "status_code": 200,
                "outcome": "ok",
                "checked_at": DAYS[0],
            }
        ]
    )
    s.finish_run(run)
    for state in ("broken", "failing", "gated"):
        result = invoke("report", "--db", s.path, "--no-archive", "--fail-on", state)
        assert result.exit_code == 0, result.output
    assert invoke("report", "--db", s.path, "--no-archive").exit_code == 0
    assert should_fail({"summary": {"broken": 0, "failing": 1}}, ["broken", "failing"])
    assert not should_fail({"summary": {"broken": 0}}, [])
    with pytest.raises(ValueError):
        should_fail({"summary": {}}, ["sad"])


def test_blobs_edited_in_by_hand_never_crash_a_report_or_export(tmp_path):
    """Issue 7: a catalogue edited by hand with odd values is reported, never crashed on."""
    s = Store(tmp_path / "odd.db")
    s.db.execute("insert into resources (id, url, title, health) values ('blob', X'00ff', X'41', 'failing')")
    s.db.conn.commit()
    for fmt in FORMATS:
        result = invoke("report", "--db", s.path, "--no-archive", "--format", fmt)
        assert result.exit_code == 0, (fmt, result.output)
    failing = json.loads(invoke("report", "--db", s.path, "--no-archive", "--format", "json").stdout)["failing"]
    assert failing[0]["title"] == "A" and failing[0]["url"] == "\x00\ufffd"
    exported = invoke("export", "--db", s.path, "--format", "json")
    assert exported.exit_code == 0 and json.loads(exported.stdout)[0]["title"] == "A"


def test_output_file_in_every_format(store, tmp_path):
    for fmt in FORMATS:
        target = tmp_path / f"report.{fmt}"
        result = invoke("report", "--db", store.path, "--no-archive", "--format", fmt, "-o", str(target))
        assert result.exit_code == 0
        assert result.stdout == ""
        assert f"report written to {target}" in result.stderr
        text = target.read_text(encoding="utf-8")
        assert "newly-dead" in text
    assert "\x1b" not in (tmp_path / "report.terminal").read_text()  # no colour in a file


# ---------------------------------------------------------------- archived copies


class _Wayback(BaseHTTPRequestHandler):
    requests: list[dict] = []
    captures: dict[str, str] = {}

    def do_GET(self):  # noqa: N802
        query = {k: v[0] for k, v in parse_qs(urlsplit(self.path).query).items()}
        type(self).requests.append(query)
        url = query.get("url")
        if url in self.captures:
            closest = {
                "status": "200",
                "available": True,
                "timestamp": "20190501120000",
                "url": f"http://web.archive.org/web/20190501120000/{url}",
            }
            snapshots = {"closest": closest}
        else:
            snapshots = {}
        body = json.dumps({"url": url, "archived_snapshots": snapshots}).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture
def wayback():
    _Wayback.requests = []
    _Wayback.captures = {"https://new.example/dead": "x", "https://old.example/page": "x"}
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Wayback)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/wayback/available"
    server.shutdown()
    server.server_close()


def test_archived_copies_for_dead_resources_are_looked_up_and_cached(store, wayback):
    data = build_report(store, archive=True, endpoint=wayback)
    [new] = data["newly_broken"]
    assert new["archive"]["archive_url"] == "https://web.archive.org/web/20190501120000/https://new.example/dead"
    assert new["archive"]["archived_at"] == "2019-05-01T12:00:00+00:00"
    assert data["broken"][0]["archive"]["archive_url"].endswith("/https://old.example/page")
    assert [i["archive"] for i in data["failing"] + data["soft_404"]] == [None, None]
    assert data["summary"]["archived_copies"] == 2
    # only broken and failing resources are looked up, dated the day each was catalogued
    asked = sorted(r["url"] for r in _Wayback.requests)
    assert asked == sorted(
        [
            "https://new.example/dead",
            "https://old.example/page",
            "https://parked.example/res",
            "https://video.example/v1",
        ]
    )
    created = store.resource("newly-dead")["created_at"]
    assert {r["timestamp"] for r in _Wayback.requests} == {created[:10].replace("-", "")}
    cached = {r["url"]: r for r in store.db["archives"].rows}
    assert cached["https://new.example/dead"]["status"] == "found"
    assert cached["https://video.example/v1"]["status"] == "none"
    # the second report asks nobody: the answers are cached in the store
    again = build_report(store, archive=True, endpoint=wayback)
    assert len(_Wayback.requests) == 4
    assert again["newly_broken"][0]["archive"]["archive_url"] == new["archive"]["archive_url"]
    # and --no-archive still shows what the cache holds
    offline = build_report(store, archive=False)
    assert offline["newly_broken"][0]["archive"]["archive_url"] == new["archive"]["archive_url"]
    assert "web.archive.org/web/20190501120000" in render_report(again, "html")
    assert "copy of 2019-05-01" in render_report(again, "md")
    # the env var is the setting
    direct = lookup_archive(store, "https://new.example/dead", None, endpoint=wayback)
    assert direct["archive_url"].startswith("https://web.archive.org/")


def _closed_port() -> int:
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    sock.close()
    return port


def test_an_unreachable_archive_never_blocks_the_report(store, monkeypatch):
    endpoint = f"http://127.0.0.1:{_closed_port()}/wayback/available"
    monkeypatch.setenv("LINKHEALTH_WAYBACK_URL", endpoint)
    data = build_report(store, archive=True, timeout=2)
    assert all(i["archive"] is None for i in data["newly_broken"] + data["broken"] + data["failing"])
    assert data["archive_lookup"]["endpoint"] == endpoint
    assert data["archive_lookup"]["asked"] == 1  # gave up after the first failure
    assert "Connection refused" in data["archive_lookup"]["error"] or data["archive_lookup"]["error"]
    assert store.db["archives"].count == 0  # failures are not cached
    for fmt in FORMATS:
        assert "newly-dead" in render_report(data, fmt)
    assert "Wayback Machine could not be reached" in render_report(data, "terminal")
    assert lookup_archive(store, "https://old.example/page", "2026-01-01T00:00:00+00:00", endpoint, timeout=1) is None
    result = invoke("report", "--db", store.path, "--fail-on", "broken")
    assert result.exit_code == 3 and "NEWLY BROKEN" in result.stdout  # --fail-on's own exit status
