"""Datasette over the catalogue: metadata, canned queries, facets, read-only; once for real.

Also the end-to-end check: the report in every format and every canned query
over one catalogue, each showing what it should.
"""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
from click.testing import CliRunner

from linkhealth.cli import cli
from linkhealth.report import FORMATS
from linkhealth.serve import (
    CANNED_QUERIES,
    database_name,
    datasette_metadata,
    make_datasette,
    serve_command_args,
)
from linkhealth.store import Store
from tests.catalogue import DAYS, build_catalogue
from tests.conftest import stop_process

ROOT = Path(__file__).resolve().parents[1]
ARCHIVE = "https://web.archive.org/web/20190501120000/https://new.example/dead"


@pytest.fixture
def db_path(tmp_path):
    store = build_catalogue(tmp_path / "catalogue.db")
    store.cache_archive("https://new.example/dead", ARCHIVE, "2019-05-01T12:00:00+00:00", "found")
    store.cache_archive("https://old.example/page", None, None, "none")
    store.close()
    return tmp_path / "catalogue.db"


@pytest.fixture
async def ds(db_path):
    datasette = make_datasette(db_path)
    await datasette.invoke_startup()
    yield datasette
    for database in datasette.databases.values():
        database.close()


async def rows(ds, path):
    response = await ds.client.get(path)
    assert response.status_code == 200, response.text
    return response.json()


# ---------------------------------------------------------------- metadata


def test_metadata_is_filed_under_the_file_stem():
    assert database_name("/data/catalogue.db") == "catalogue"
    meta = datasette_metadata("nightly-2026")
    assert list(meta["databases"]) == ["nightly-2026"]
    database = meta["databases"]["nightly-2026"]
    assert database["title"] and database["description"]
    assert sorted(database["queries"]) == sorted(CANNED_QUERIES)
    for name, query in database["queries"].items():
        assert query["title"] and query["description"], name
        assert query["sql"].lstrip().lower().startswith("select"), name
        assert not query.get("write"), name
    tables = database["tables"]
    assert tables["resources"]["facets"] == ["health", "gate", "provider", "kind"]
    assert tables["checks"]["facets"] == ["outcome", "gate"]
    assert tables["resource_status"]["facets"] == ["health", "gate", "outcome", "provider", "kind"]
    for table in ("resources", "checks", "runs", "changes", "archives", "resource_status", "broken_links_view"):
        assert tables[table]["title"] and tables[table]["description"], table
    # the vocabulary comes from outcomes.py
    assert "soft_404: answers 200" in tables["checks"]["columns"]["outcome"]
    assert "broken: confirmed by repeated failures" in tables["resources"]["columns"]["health"]
    assert "request_access:" in tables["resources"]["columns"]["gate"]
    assert "listing: the publisher's page that lists" in tables["resources"]["columns"]["url_confidence"]
    assert "where the address was seen" in tables["resources"]["columns"]["url_source"]


def test_the_metadata_file_is_packaged():
    pyproject = (ROOT / "pyproject.toml").read_text()
    assert '"datasette/*.yml"' in pyproject
    assert (ROOT / "linkhealth" / "datasette" / "metadata.yml").is_file()


async def test_titles_and_descriptions_are_shown(ds):
    page = await ds.client.get("/catalogue/resources")
    assert page.status_code == 200
    assert "What the history of visits says" in page.text  # a column description
    assert "one row per resource" in page.text.lower()
    home = await ds.client.get("/catalogue")
    assert "Broken links" in home.text and "Resource history" in home.text
    meta = await rows(ds, "/-/metadata.json")
    assert list(meta["databases"]) == ["catalogue"]


# ---------------------------------------------------------------- canned queries, each with data


async def test_broken_links(ds):
    result = await rows(ds, "/catalogue/broken_links.json?_shape=array")
    assert [(r["id"], r["health"], r["outcome"]) for r in result] == [
        ("broken-old", "broken", "not_found"),
        ("newly-dead", "broken", "gone"),
        ("parked-domain", "failing", "soft_404"),
        ("failing-video", "failing", "not_found"),
    ]
    by_id = {r["id"]: r for r in result}
    assert by_id["newly-dead"]["archive_url"] == ARCHIVE
    assert by_id["broken-old"]["archive_url"] is None
    assert by_id["newly-dead"]["broken_since"] == "2026-11-04"
    assert by_id["newly-dead"]["last_good"] == "2026-11-01"
    assert by_id["broken-old"]["failures"] == 4


async def test_gated_resources(ds):
    result = await rows(ds, "/catalogue/gated_resources.json?_shape=array")
    assert [(r["id"], r["gate"], r["final_url"]) for r in result] == [
        ("gated-course", "login", "https://lms.example/login?next=/course")
    ]


async def test_moved_resources(ds):
    result = await rows(ds, "/catalogue/moved_resources.json?_shape=array")
    assert [(r["id"], r["url"], r["suggested_url"]) for r in result] == [
        ("moved-handbook", "http://moved.example/old", "https://moved.example/new-home")
    ]


async def test_metadata_drift(ds):
    result = await rows(ds, "/catalogue/metadata_drift.json?_shape=array")
    assert [(r["id"], r["field"], r["catalogue_value"], r["page_value"]) for r in result] == [
        ("drifted-webinar", "duration_seconds", 3600, 5400),
        ("drifted-webinar", "title", "Old webinar title", "New webinar title from the page"),
    ]


async def test_recent_checks(ds):
    result = await rows(ds, "/catalogue/recent_checks.json?_shape=array")
    assert len(result) == 40
    assert {r["checked_at"] for r in result[:10]} == {DAYS[3]}
    newest = {r["resource_id"]: r for r in result[:10]}
    assert newest["newly-dead"]["outcome"] == "gone" and newest["newly-dead"]["title"] == "Webinar that just died"
    assert newest["rate-limited"]["status_code"] == 429


async def test_resource_history(ds):
    result = await rows(ds, "/catalogue/resource_history.json?_shape=array&resource_id=newly-dead")
    checks = [(r["at"], r["what"]) for r in result if r["event"] == "check"]
    assert checks == [(DAYS[3], "gone"), (DAYS[2], "gone"), (DAYS[1], "gone"), (DAYS[0], "ok")]
    changes = [(r["at"], r["what"], r["detail"]) for r in result if r["event"] == "change"]
    assert changes == [
        (DAYS[3], "health", "failing → broken"),
        (DAYS[1], "health", "healthy → failing"),
        (DAYS[0], "health", "unknown → healthy"),
    ]
    other = await rows(ds, "/catalogue/resource_history.json?_shape=array&resource_id=no-url")
    assert other == []


async def test_every_canned_query_is_listed_and_answers(ds):
    for name in CANNED_QUERIES:
        suffix = "&resource_id=broken-old" if name == "resource_history" else ""
        result = await rows(ds, f"/catalogue/{name}.json?_shape=array{suffix}")
        assert result, name


# ---------------------------------------------------------------- facets and views


async def test_facets(ds):
    resources = await rows(ds, "/catalogue/resources.json")
    assert list(resources["facet_results"]) == ["health", "gate", "provider", "kind"]
    health = {v["value"]: v["count"] for v in resources["facet_results"]["health"]["results"]}
    assert health == {"healthy": 4, "failing": 2, "broken": 2, "moved": 1, "gated": 1, "unknown": 1}
    checks = await rows(ds, "/catalogue/checks.json")
    assert list(checks["facet_results"]) == ["outcome", "gate"]
    outcomes = {v["value"]: v["count"] for v in checks["facet_results"]["outcome"]["results"]}
    assert outcomes["ok"] == 23 and outcomes["rate_limited"] == 1
    status = await rows(ds, "/catalogue/resource_status.json")
    assert list(status["facet_results"]) == ["health", "gate", "outcome", "provider", "kind"]
    assert status["is_view"] is True


async def test_views_do_the_joins(ds):
    status = await rows(ds, "/catalogue/resource_status.json?_shape=array&id=moved-handbook")
    assert status[0]["final_url"] == "https://moved.example/new-home"
    assert status[0]["outcome"] == "moved" and status[0]["status_code"] == 200
    broken = await rows(ds, "/catalogue/broken_links_view.json?_shape=array&_sort=id")
    assert [r["id"] for r in broken] == ["broken-old", "failing-video", "newly-dead", "parked-domain"]


# ---------------------------------------------------------------- read-only


async def test_writes_are_refused(ds, db_path):
    before = Store(db_path).db["resources"].count
    for method in ("post", "put", "patch", "delete"):
        response = await getattr(ds.client, method)("/catalogue/broken_links")
        assert response.status_code == 405, method
        assert "read-only" in response.text
    post = await ds.client.post("/catalogue/resources", data={"id": "x"})
    assert post.status_code == 405
    sql = await ds.client.get("/catalogue.json?sql=delete+from+resources")
    assert sql.status_code == 400
    assert "Statement must be a SELECT" in sql.text
    # the connections themselves are read-only (mode=ro)
    database = ds.get_database("catalogue")
    with pytest.raises(Exception):
        await database.execute("insert into runs (trigger) values ('x')")
    assert Store(db_path).db["resources"].count == before


def test_serve_arguments_pass_extra_options_through(tmp_path):
    args = serve_command_args(
        tmp_path / "c.db", tmp_path / "m.json", 9999, "127.0.0.1", ["--setting", "sql_time_limit_ms", "5000"]
    )
    assert args[:2] == ["serve", str(tmp_path / "c.db")]
    assert args[args.index("-p") + 1] == "9999" and args[args.index("-h") + 1] == "127.0.0.1"
    assert args[-3:] == ["--setting", "sql_time_limit_ms", "5000"]


# ---------------------------------------------------------------- end to end


async def test_end_to_end_report_in_every_format_and_every_canned_query(db_path, ds):
    runner = CliRunner()
    outputs = {}
    for fmt in FORMATS:
        result = runner.invoke(
            cli, ["report", "--db", str(db_path), "--no-archive", "--format", fmt], catch_exceptions=False
        )
        assert result.exit_code == 0, result.output
        outputs[fmt] = result.stdout
    data = json.loads(outputs["json"])
    # the report and Datasette agree on what is broken, gated, moved and drifted
    broken = await rows(ds, "/catalogue/broken_links.json?_shape=array")
    # (a soft 404 is listed once in the report, under soft 404s, whatever its health)
    soft = {h: [i["id"] for i in data["soft_404"] if i["health"] == h] for h in ("broken", "failing")}
    assert sorted(r["id"] for r in broken if r["health"] == "broken") == sorted(
        [i["id"] for i in data["newly_broken"] + data["broken"]] + soft["broken"]
    )
    assert sorted(r["id"] for r in broken if r["health"] == "failing") == sorted(
        [i["id"] for i in data["failing"]] + soft["failing"]
    )
    gated = await rows(ds, "/catalogue/gated_resources.json?_shape=array")
    assert [r["id"] for r in gated] == [i["id"] for i in data["gated"]]
    moved = await rows(ds, "/catalogue/moved_resources.json?_shape=array")
    assert [(r["id"], r["suggested_url"]) for r in moved] == [(i["id"], i["suggested_url"]) for i in data["moved"]]
    drift = await rows(ds, "/catalogue/metadata_drift.json?_shape=array")
    assert sorted((r["id"], r["field"]) for r in drift) == sorted((d["id"], d["field"]) for d in data["drift"])
    recent = await rows(ds, "/catalogue/recent_checks.json?_shape=array")
    assert len(recent) == sum(r["checked"] for r in data["runs"])
    history = await rows(ds, "/catalogue/resource_history.json?_shape=array&resource_id=newly-dead")
    assert history[0]["what"] == "health" and history[0]["detail"] == "failing → broken"
    # the archived copy cached in the store shows in the report and in Datasette
    assert data["newly_broken"][0]["archive"]["archive_url"] == ARCHIVE
    assert [r["archive_url"] for r in broken if r["id"] == "newly-dead"] == [ARCHIVE]
    # every format shows the newly broken resource and the counts
    assert "NEWLY BROKEN SINCE THE LAST RUN (1)" in outputs["terminal"]
    assert "## Newly broken since the last run (1)" in outputs["md"]
    assert f'href="{ARCHIVE}"' in outputs["html"]
    assert "11 resources: 4 healthy" in outputs["terminal"] + outputs["md"] + outputs["html"]
    csv_rows = list(csv.DictReader(io.StringIO(outputs["csv"])))
    assert ("newly_broken", "newly-dead", ARCHIVE) in [(r["section"], r["id"], r["archive_url"]) for r in csv_rows]


# ---------------------------------------------------------------- once for real


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _get(url: str, timeout: float = 5) -> tuple[int, str]:
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    with opener.open(url, timeout=timeout) as response:
        return response.status, response.read().decode("utf-8")


def test_linkhealth_serve_for_real(db_path, tmp_path):
    port = _free_port()
    script = Path(sys.executable).parent / "linkhealth"
    command = [str(script)] if script.exists() else [sys.executable, "-m", "linkhealth"]
    env = {k: v for k, v in os.environ.items() if k.lower() not in ("http_proxy", "https_proxy", "all_proxy")}
    log = open(tmp_path / "serve.log", "w")
    server = subprocess.Popen(
        command + ["serve", "--db", str(db_path), "-p", str(port)],
        stdout=log,
        stderr=subprocess.STDOUT,
        env=env,
        cwd=tmp_path,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                status, _ = _get(base + "/-/settings.json", timeout=2)
                break
            except OSError:
                assert server.poll() is None, (tmp_path / "serve.log").read_text()
                assert time.monotonic() < deadline, "Datasette did not start"
                time.sleep(0.2)
        status, page = _get(base + "/catalogue/broken_links")
        assert status == 200
        assert "Broken links" in page and "newly-dead" in page and "Long-dead training" in page
        status, body = _get(base + "/catalogue/gated_resources.json?_shape=array")
        assert [r["id"] for r in json.loads(body)] == ["gated-course"]
        request = urllib.request.Request(base + "/catalogue/broken_links", data=b"x=1", method="POST")
        with pytest.raises(urllib.error.HTTPError) as refused:
            urllib.request.build_opener(urllib.request.ProxyHandler({})).open(request, timeout=5)
        assert refused.value.code == 405
        # the real server has the same bounds and hides the same pages
        with pytest.raises(urllib.error.HTTPError) as hidden:
            _get(base + "/-/databases.json")
        assert hidden.value.code == 404
        with pytest.raises(urllib.error.HTTPError) as too_big:
            _get(base + "/catalogue.json?sql=select+length(randomblob(200000000))")
        assert too_big.value.code == 400 and "too big" in json.loads(too_big.value.read())["error"]
        status, page = _get(base + "/catalogue/checks")
        assert '<details class="linkhealth-columns">' in page

        chromium = shutil.which("chromium") or ("/usr/bin/chromium" if Path("/usr/bin/chromium").exists() else None)
        if chromium is None:
            if os.environ.get("CI", "").lower() == "true":  # CI installs it (.ci/run): missing is a failure
                pytest.fail("CI=true but no chromium: the screenshot of the served page was not taken")
            pytest.skip("no chromium here: the page was served; no screenshot taken")
        shot = tmp_path / "shot.png"
        subprocess.run(
            [
                chromium,
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-proxy-server",
                f"--user-data-dir={tmp_path / 'chromium'}",
                f"--screenshot={shot}",
                "--window-size=1280,900",
                base + "/catalogue/broken_links",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            timeout=120,
            check=False,
        )
        assert shot.exists(), "chromium wrote no screenshot"
        data = shot.read_bytes()
        assert data[:8] == b"\x89PNG\r\n\x1a\n"
        assert len(data) > 20_000  # a rendered page, not a blank one
        if os.environ.get("LINKHEALTH_SAVE_SCREENSHOT"):
            Path(os.environ["LINKHEALTH_SAVE_SCREENSHOT"]).write_bytes(data)
    finally:
        stop_process(server)
        log.close()


# ---------------------------------------------------------------- what any visitor can do


async def test_one_query_cannot_make_a_huge_value(ds):
    """`select randomblob(200000000)` once took the server to 1.5 GB: now SQLite refuses it."""
    for sql in (
        "select length(randomblob(200000000))",
        "select length(zeroblob(100000000))",
        "select length(hex(randomblob(40000)))",
    ):
        response = await ds.client.get("/catalogue.json", params={"sql": sql})
        assert response.status_code == 400, sql
        assert "too big" in response.json()["error"], sql
    # the catalogue's own values still come out whole
    rows_ = await rows(ds, "/catalogue.json?_shape=array&sql=select+id,+description+from+resources")
    assert len(rows_) == 11


async def test_query_bounds_are_set(ds):
    settings = await rows(ds, "/-/settings.json")
    assert settings["sql_time_limit_ms"] == 1000
    assert settings["max_returned_rows"] == 1000
    assert settings["max_csv_mb"] == 10
    assert settings["allow_download"] is False


def test_command_line_settings_win_over_ours(tmp_path):
    (tmp_path / "c.db").touch()
    (tmp_path / "m.json").write_text("{}")
    args = serve_command_args(
        tmp_path / "c.db", tmp_path / "m.json", 8001, "127.0.0.1", ["--setting", "sql_time_limit_ms", "5000"]
    )
    from datasette.cli import serve

    context = serve.make_context("serve", args[1:])
    settings = dict(context.params["settings"])
    assert settings["sql_time_limit_ms"] == 5000 and settings["max_csv_mb"] == 10


async def test_no_page_tells_a_visitor_where_the_file_is_or_which_process_serves_it(ds, db_path):
    import sqlite3

    log_path = "/var/log/linkhealth/secret-run-4.log"
    with sqlite3.connect(db_path) as conn:
        conn.execute("update runs set log_path = ?, pid = 424242", [log_path])
    secrets = [str(db_path.resolve()), str(db_path.parent), log_path, "424242", sys.executable]
    pages = [
        "/",
        "/.json",
        "/catalogue",
        "/catalogue.json",
        "/catalogue/runs",
        "/catalogue/runs.json",
        "/catalogue/runs.csv",
        "/catalogue/runs/1",
        "/catalogue/runs/1.json",
        "/-/settings.json",
        "/-/metadata.json",
        "/-/databases",
        "/-/databases.json",
        "/-/versions",
        "/-/versions.json",
        "/-/threads",
        "/-/threads.json",
        "/-/plugins.json",
        "/-/databases/",
    ]
    for sql in (
        "select * from runs",
        "select log_path, pid from runs",
        "select group_concat(log_path) from runs",
        "select * from pragma_database_list",
        "select file from pragma_database_list",
    ):
        pages.append("/catalogue.json?sql=" + urllib.parse.quote(sql))
    for page in pages:
        response = await ds.client.get(page)
        for secret in secrets:
            assert secret not in response.text, (page, secret)
    for page in ("/-/databases.json", "/-/versions.json", "/-/threads.json", "/-/plugins.json"):
        assert (await ds.client.get(page)).status_code == 404, page
    runs = await rows(ds, "/catalogue/runs.json?_shape=array")
    assert runs and all(r["log_path"] is None and r["pid"] is None for r in runs)
    assert runs[0]["counts"]  # the rest of the row is there


def test_serving_beyond_loopback_says_what_it_exposes():
    from linkhealth.serve import exposure_warning

    assert exposure_warning("127.0.0.1") is None and exposure_warning("localhost") is None
    warning = exposure_warning("0.0.0.0")
    assert "any SELECT" in warning and "password" in warning


async def test_json_columns_are_shown_as_lists(ds, db_path):
    import sqlite3

    chain = [
        {"url": "http://a.example/old", "status": 301, "location": "http://a.example/step"},
        {"url": "http://a.example/step", "status": 302, "location": "https://b.example/new"},
        {"url": "https://b.example/new", "status": 200, "location": None},
    ]
    with sqlite3.connect(db_path) as conn:
        conn.execute(
            "update checks set redirect_chain = ? where id = (select min(id) from checks)", [json.dumps(chain)]
        )
    page = (await ds.client.get("/catalogue/checks?_sort=id&_size=1")).text
    assert (
        "<li>301 http://a.example/old</li><li>302 http://a.example/step</li><li>200 https://b.example/new</li></ol>"
    ) in page
    assert "&#34;location&#34;" not in page
    runs = (await ds.client.get("/catalogue/runs?_sort=id")).text
    assert "<strong>gated</strong>: 1</li>" in runs and "{&#34;gated&#34;" not in runs
    resources = (await ds.client.get("/catalogue/resources")).text
    assert "<strong>title</strong>: curator</li>" in resources
    # the JSON API keeps the JSON
    api = await rows(ds, "/catalogue/checks.json?_shape=array&_sort=id&_size=1")
    assert json.loads(api[0]["redirect_chain"]) == chain


async def test_column_descriptions_are_folded_above_the_rows(ds):
    page = (await ds.client.get("/catalogue/checks")).text
    folded = page.index('<details class="linkhealth-columns">')
    assert '<details class="linkhealth-columns" open' not in page
    descriptions = page.index('<dl class="column-descriptions">')
    closed = page.index("</dl></details>")
    assert folded < descriptions < closed < page.index('<table class="rows-and-columns">')
    assert "soft_404:" in page[descriptions:closed]  # the vocabulary is still there, one click away


def test_run_statuses_are_explained_in_the_runs_table():
    """A maintainer reading ``runs`` in Datasette learns what each status means, from the vocabulary."""
    from linkhealth.outcomes import RUN_STATUS_DESCRIPTIONS, RunStatus

    status = datasette_metadata()["databases"]["catalogue"]["tables"]["runs"]["columns"]["status"]
    for value in RunStatus:
        assert value.value in status
        assert RUN_STATUS_DESCRIPTIONS[value] in status
