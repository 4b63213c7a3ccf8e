"""The store: schema, migrations, imports that refuse bad files whole, round trips."""

import json
import sqlite3
from pathlib import Path

import pytest
import sqlite_utils
from click.testing import CliRunner

from linkhealth.cli import cli
from linkhealth.errors import ImportRefused, StoreError
from linkhealth.schema import known_migrations, migrations
from linkhealth.store import Store

ROOT = Path(__file__).resolve().parents[1]


def test_new_store_has_the_contract_tables_and_columns(store):
    db = store.db
    assert {"resources", "checks", "runs", "changes"} <= set(db.table_names())
    for table, columns in {
        "resources": [
            "id",
            "url",
            "title",
            "description",
            "duration_seconds",
            "provider",
            "kind",
            "health",
            "gate",
            "last_checked_at",
            "last_ok_at",
            "consecutive_failures",
        ],
        "checks": [
            "id",
            "resource_id",
            "run_id",
            "url",
            "final_url",
            "status_code",
            "outcome",
            "gate",
            "detail",
            "checked_at",
        ],
        "runs": ["id", "started_at", "finished_at", "trigger"],
        "changes": ["resource_id", "field", "old_value", "new_value", "source", "run_id", "changed_at"],
    }.items():
        assert set(columns) <= set(db[table].columns_dict), table
    assert db.journal_mode == "wal"
    fks = {(fk.column, fk.other_table) for fk in db["checks"].foreign_keys}
    assert ("resource_id", "resources") in fks
    assert ("resource_id", "resources") in {(fk.column, fk.other_table) for fk in db["changes"].foreign_keys}


def test_an_older_catalogue_upgrades_itself(tmp_path):
    path = tmp_path / "old.db"
    db = sqlite_utils.Database(path)
    migrations.apply(db, stop_before="m002_seed_facts")
    db["resources"].insert(
        {
            "id": "old-one",
            "url": "https://example.org/a",
            "title": "Old",
            "health": "unknown",
            "consecutive_failures": 0,
        }
    )
    db.close()
    store = Store(path)
    assert "access_note" in store.db["resources"].columns_dict
    assert "page_title" in store.db["resources"].columns_dict
    assert store.resource("old-one")["title"] == "Old"
    assert [m.name for m in migrations.pending(store.db)] == []


def test_the_shipped_catalogues_steps_are_still_known_by_name_and_in_order():
    """A catalogue records each migration step it applied by name (in the set "linkhealth"):
    a step renamed or moved would be re-run, or refused as a newer linkhealth's, on every
    user's file. The committed catalogue.db holds the released steps."""
    shipped = sqlite3.connect(f"file:{ROOT / 'catalogue.db'}?mode=ro", uri=True)
    try:
        recorded = shipped.execute("select migration_set, name from _sqlite_migrations order by rowid").fetchall()
    finally:
        shipped.close()
    assert recorded and {step_set for step_set, _ in recorded} == {migrations.name} == {"linkhealth"}
    steps = [name for _, name in recorded]
    assert known_migrations()[: len(steps)] == steps


def test_hand_edited_catalogue_with_odd_values_opens(tmp_path):
    path = tmp_path / "odd.db"
    Store(path).close()
    conn = sqlite3.connect(path)
    conn.execute(
        "insert into resources (id, url, title, health, consecutive_failures) values "
        "('a', ' https://example.org/with space ', NULL, NULL, NULL), "
        "('b', 'https://example.org/x', 'dup', 'unknown', 0), "
        "('c', 'https://example.org/x', 'dup', 'weird', 0)"
    )
    conn.commit()
    conn.close()
    store = Store(path)
    due = list(store.iter_due())
    assert {r["id"] for r in due} == {"a", "b", "c"}


def test_a_last_check_time_that_is_not_a_time_is_due(tmp_path):
    """A value edited by hand ('yesterday' sorts after every ISO date) must not hide a
    resource from every nightly run; real times follow the revisit interval."""
    store = Store(tmp_path / "odd.db")
    now = "2026-11-24T12:00:00+00:00"
    for rid, checked in [
        ("odd", "yesterday"),
        ("blank", ""),
        ("recent", "2026-11-24T11:00:00+00:00"),
        ("old", "2026-11-20T11:00:00+00:00"),
    ]:
        store.db.execute(
            "insert into resources (id, url, health, last_checked_at) values (?, ?, 'healthy', ?)",
            [rid, f"https://example.org/{rid}", checked],
        )
    store.db.conn.commit()
    assert {r["id"] for r in store.iter_due(now=now)} == {"odd", "blank", "old"}
    assert store.count_due(now=now) == 3


def write(tmp_path, name, text):
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    return p


def test_csv_import_is_idempotent(store, tmp_path):
    f = write(
        tmp_path, "r.csv", "id,url,title,duration_seconds\nx,https://example.org/x,X,60\n,https://example.org/y,Y,\n"
    )
    assert store.import_file(f) == {"added": 2, "updated": 0, "unchanged": 0}
    assert store.import_file(f) == {"added": 0, "updated": 0, "unchanged": 2}
    assert store.db["resources"].count == 2
    assert store.resource("x")["duration_seconds"] == 60


def test_reimport_updates_by_id_and_by_url(store, tmp_path):
    store.import_file(write(tmp_path, "a.csv", "id,url,title\nx,https://example.org/x,X\n,https://example.org/y,Y\n"))
    store.import_file(write(tmp_path, "b.csv", "id,url,title\nx,https://example.org/x,X2\n,https://example.org/y,Y2\n"))
    assert store.db["resources"].count == 2
    titles = {r["url"]: r["title"] for r in store.db["resources"].rows}
    assert titles == {"https://example.org/x": "X2", "https://example.org/y": "Y2"}
    changes = list(store.db["changes"].rows_where("field = 'title'"))
    assert {c["new_value"] for c in changes} == {"X2", "Y2"}


def test_unknown_column_refused_naming_it(store, tmp_path):
    f = write(tmp_path, "bad.csv", "id,url,colour\nx,https://example.org/x,red\n")
    with pytest.raises(ImportRefused, match="'colour'"):
        store.import_file(f)
    assert store.db["resources"].count == 0


def test_bad_row_refuses_the_whole_file(store, tmp_path):
    f = write(
        tmp_path,
        "bad.csv",
        "id,url,title,duration_seconds\na,https://example.org/a,A,60\nb,https://example.org/b,B,an hour\n",
    )
    with pytest.raises(ImportRefused, match="line 3.*duration_seconds"):
        store.import_file(f)
    assert store.db["resources"].count == 0


@pytest.mark.parametrize(
    "bad_line",
    [
        'c,"https://example.org/c,C\nd,https://example.org/d,D\n',  # unclosed quote: would swallow the rest
        'c,https://example.org/c,"C "quoted" badly"\n',
    ],
)
def test_unreadable_csv_row_refused_naming_its_line(store, tmp_path, bad_line):
    f = write(tmp_path, "bad.csv", "id,url,title\na,https://example.org/a,A\n" + bad_line)
    with pytest.raises(ImportRefused, match="line 3: unreadable row"):
        store.import_file(f)
    assert store.db["resources"].count == 0


def test_bad_json_refused(store, tmp_path):
    with pytest.raises(ImportRefused, match="not valid JSON"):
        store.import_file(write(tmp_path, "bad.json", "[{"))
    with pytest.raises(ImportRefused, match="item 2"):
        store.import_file(write(tmp_path, "bad2.json", '[{"url": "https://e.org/"}, 3]'))


def test_cli_import_export_round_trip(tmp_path):
    db = str(tmp_path / "c.db")
    src = write(
        tmp_path,
        "in.json",
        json.dumps(
            [
                {
                    "id": "a",
                    "url": "https://example.org/a",
                    "title": "A | b",
                    "kind": "video",
                    "duration_seconds": 90,
                    "people": ["X", "Y"],
                },
                {"id": "b", "title": "No URL yet", "description": "=cmd"},
            ]
        ),
    )
    runner = CliRunner()
    r = runner.invoke(cli, ["import", str(src), "--db", db], catch_exceptions=False)
    assert r.exit_code == 0 and "2 added" in r.output
    for fmt in ("json", "csv"):
        out = tmp_path / f"out.{fmt}"
        runner.invoke(cli, ["export", "--format", fmt, "-o", str(out), "--db", db], catch_exceptions=False)
        db2 = str(tmp_path / f"c2-{fmt}.db")
        runner.invoke(cli, ["import", str(out), "--db", db2], catch_exceptions=False)
        assert Store(db2).export_rows() == Store(db).export_rows()


def test_cli_refuses_bad_file_with_a_clear_message(tmp_path):
    db = str(tmp_path / "c.db")
    bad = write(tmp_path, "bad.csv", "url,nope\nhttps://e.org,1\n")
    r = CliRunner().invoke(cli, ["import", str(bad), "--db", db])
    assert r.exit_code == 1
    assert "nothing imported" in r.output and "'nope'" in r.output


def test_add_and_db_from_environment(tmp_path, monkeypatch):
    db = tmp_path / "env.db"
    monkeypatch.setenv("LINKHEALTH_DB", str(db))
    monkeypatch.chdir(tmp_path.parent)
    r = CliRunner().invoke(cli, ["add", "https://example.org/guide.pdf", "--title", "A guide"], catch_exceptions=False)
    assert r.exit_code == 0
    assert r.output.strip() == "a-guide\thttps://example.org/guide.pdf"
    assert Store(db).resource("a-guide")["url"] == "https://example.org/guide.pdf"


def test_db_option_before_the_command_name(tmp_path, monkeypatch):
    """README: `linkhealth --db PATH report`: --db also goes before the command."""
    monkeypatch.delenv("LINKHEALTH_DB", raising=False)
    monkeypatch.chdir(tmp_path)
    db = tmp_path / "elsewhere.db"
    r = CliRunner().invoke(cli, ["--db", str(db), "add", "https://example.org/a", "--id", "a"], catch_exceptions=False)
    assert r.exit_code == 0, r.output
    assert Store(db).resource("a")["url"] == "https://example.org/a"
    assert not (tmp_path / "catalogue.db").exists()
    other = tmp_path / "other.db"  # after the command name, --db wins
    r = CliRunner().invoke(
        cli, ["--db", str(db), "add", "https://example.org/b", "--id", "b", "--db", str(other)], catch_exceptions=False
    )
    assert r.exit_code == 0, r.output
    assert Store(other).resource("b") and not Store(db).resource("b")


def test_check_of_an_unknown_resource_id_is_refused_naming_it(tmp_path):
    db = str(tmp_path / "c.db")
    Store(db).add("http://127.0.0.1:9/a", resource_id="a")  # never fetched
    r = CliRunner().invoke(cli, ["check", "--db", db, "--resource", "a", "--resource", "no-such-id"])
    assert r.exit_code == 2
    assert "no resource with id 'no-such-id'" in r.output
    assert Store(db).db["runs"].count == 0  # refused before any crawl


def test_unusable_database_file_is_a_clear_error(tmp_path):
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(StoreError, match="junk.db"):
        Store(junk)
    r = CliRunner().invoke(cli, ["export", "--db", str(junk)])
    assert r.exit_code == 1 and "junk.db" in r.output


def test_readonly_database_is_a_clear_error(tmp_path):
    import os

    path = tmp_path / "ro.db"
    Store(path).close()
    os.chmod(path, 0o444)
    os.chmod(tmp_path, 0o555)
    try:
        if os.access(path, os.W_OK):
            pytest.skip("running as a user who can write read-only files (root)")
        store = Store(path)
        with pytest.raises(StoreError, match="ro.db"):
            store.add("https://example.org/", title="x")
    finally:
        os.chmod(tmp_path, 0o755)
        os.chmod(path, 0o644)


def test_curated_values_are_not_overwritten_and_drift_is_kept(store):
    store.add("https://example.org/w", title="Curated title", resource_id="w")
    run = store.start_run()
    meta = {"title": "The page's title", "title_source": "jsonld", "duration_seconds": 900, "duration_source": "jsonld"}
    store.record_visits(
        [
            {
                "resource_id": "w",
                "run_id": run,
                "url": "https://example.org/w",
                "outcome": "ok",
                "status_code": 200,
                "checked_at": "2026-11-20T02:30:00+00:00",
                "metadata": meta,
            }
        ]
    )
    row = store.resource("w")
    assert row["title"] == "Curated title"
    assert row["page_title"] == "The page's title"
    assert row["duration_seconds"] == 900  # empty field filled
    fields = {c["field"] for c in store.db["changes"].rows_where("source like 'page:%'")}
    assert {"duration_seconds", "page_title"} <= fields and "title" not in fields
    assert store.accept_page_values("w", ["title"]) == ["title"]
    assert store.resource("w")["title"] == "The page's title"


def test_junk_never_overwrites(store):
    store.add("https://example.org/j", resource_id="j")
    run = store.start_run()
    store.record_visits(
        [
            {
                "resource_id": "j",
                "run_id": run,
                "url": "u",
                "outcome": "ok",
                "status_code": 200,
                "checked_at": "2026-11-20T02:30:00+00:00",
                "metadata": {"title": "Just a moment...", "title_source": "title"},
            }
        ]
    )
    assert store.resource("j")["title"] is None


def test_interrupted_runs_are_marked_by_the_next_start(store):
    first = store.start_run()
    second = store.start_run()
    assert store.db["runs"].get(first)["status"] == "interrupted"
    assert store.db["runs"].get(second)["status"] == "running"


def test_a_run_marked_interrupted_accepts_no_more_visits(store):
    """A crawler process that outlived its run (its parent killed, the run marked
    interrupted by the next crawl) must not write beside the next crawl."""
    from linkhealth.store import RunClosed

    store.add("https://example.org/late", resource_id="late")
    orphaned = store.start_run()
    current = store.start_run()  # the next crawl: marks the orphaned run interrupted
    visit = {
        "resource_id": "late",
        "url": "https://example.org/late",
        "outcome": "ok",
        "status_code": 200,
        "checked_at": "2026-11-20T02:30:00+00:00",
    }
    with pytest.raises(RunClosed, match=f"run {orphaned} is interrupted"):
        store.record_visits([{**visit, "run_id": orphaned}])
    assert store.db["checks"].count == 0 and store.resource("late")["last_checked_at"] is None
    store.finish_run(current)
    with pytest.raises(RunClosed, match="finished"):
        store.record_visits([{**visit, "run_id": current}])
    assert store.record_visits([{**visit, "run_id": store.start_run()}]) == 1


def test_a_mistyped_db_is_an_error_not_an_empty_catalogue(tmp_path):
    """Only import and add create a catalogue; report/check/export on a missing file say so."""
    from click.testing import CliRunner

    from linkhealth.cli import cli

    missing = tmp_path / "typo.db"
    for args in (["report"], ["check"], ["export"], ["schedule"]):
        result = CliRunner().invoke(cli, [*args, "--db", str(missing)])
        assert result.exit_code == 1, (args, result.output)
        assert f"no catalogue at {missing}" in result.output
        assert not missing.exists()
    result = CliRunner().invoke(cli, ["add", "https://example.org/a", "--db", str(missing)])
    assert result.exit_code == 0, result.output
    assert missing.exists()


def test_run_progress_counts_every_process_visits(tmp_path):
    """The parent of a sharded crawl shows the whole run: visits stored by any share."""
    from crawler.progress import run_progress

    db = str(tmp_path / "catalogue.db")
    store = Store(db)
    for name in "abc":
        store.add(f"https://example.org/{name}", resource_id=name)
    run = store.start_run("manual", resources_due=3)
    assert run_progress(db, run) == (0, 3)
    store.record_visits(
        [
            {
                "resource_id": name,
                "run_id": run,
                "url": f"https://example.org/{name}",
                "outcome": "ok",
                "status_code": 200,
                "checked_at": "2026-11-20T02:30:00+00:00",
            }
            for name in "ab"
        ]
    )
    other = Store(db)  # as a second crawler process would
    other.record_visits(
        [
            {
                "resource_id": "c",
                "run_id": run,
                "url": "https://example.org/c",
                "outcome": "ok",
                "status_code": 200,
                "checked_at": "2026-11-20T02:31:00+00:00",
            }
        ]
    )
    other.close()
    assert run_progress(db, run) == (3, 3)
    store.close()
