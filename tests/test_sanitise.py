"""Outputs that must not run code: every report format and the export neutralise
terminal escapes, control characters, bidi overrides and spreadsheet formulas
(``linkhealth/sanitise.py``), and JSON keeps every value, escaped."""

from __future__ import annotations

import csv
import io
import json

import pytest
from click.testing import CliRunner

from linkhealth.cli import cli
from linkhealth.report import FORMATS, build_report, render_report
from linkhealth.sanitise import csv_cell, from_csv_cell, json_dumps, text
from linkhealth.store import Store
from linkhealth.visit import Visit
from pipelines.judge import judge

#: what a hostile server puts in a Location header: clear the screen, set the window
#: title, a C1 CSI, a bell, and a right-to-left override
LOCATION = "http://evil.example/\x1b[2J\x1b]0;pwned\x07\x9b31m\u202egnp.exe"
#: a curator's title a spreadsheet would run
FORMULA_TITLE = '=HYPERLINK("http://evil.example/","click")'
RLO_TITLE = "Handbook \u202etxt.exe\u202c for clinicians"
DANGEROUS = ("\x1b", "\x9b", "\x07", "\u202e", "\u202c")


@pytest.fixture
def hostile_store(tmp_path):
    store = Store(tmp_path / "catalogue.db")
    store.import_rows(
        [
            ("t", {"id": "redirected", "url": "https://host.example/a", "title": FORMULA_TITLE}),
            (
                "t",
                {
                    "id": "rlo",
                    "url": "https://host.example/b",
                    "title": RLO_TITLE,
                    "description": "line one\nline two \u202eowt",
                },
            ),
        ]
    )
    visit = Visit(resource_id="redirected", url="https://host.example/a", status=301, headers={"location": LOCATION})
    verdict = judge(visit)
    assert "\x1b" in verdict.detail  # the judge keeps the server's words; the outputs must not obey them
    run = store.start_run()
    store.record_visits(
        [
            {
                "resource_id": "redirected",
                "run_id": run,
                "url": visit.url,
                "status_code": 301,
                "outcome": verdict.outcome.value,
                "detail": verdict.detail,
                "checked_at": "2026-11-01T02:00:00+00:00",
            },
            {
                "resource_id": "rlo",
                "run_id": run,
                "url": "https://host.example/b",
                "status_code": 404,
                "outcome": "not_found",
                "detail": "HTTP 404 \u202eNot Found",
                "checked_at": "2026-11-01T02:00:00+00:00",
            },
        ]
    )
    store.finish_run(run)
    yield store
    store.close()


@pytest.mark.parametrize("fmt", FORMATS)
def test_no_report_format_carries_a_raw_escape_or_bidi_override(hostile_store, fmt):
    out = render_report(build_report(hostile_store, archive=False), fmt)
    for ch in DANGEROUS:
        assert ch not in out, (fmt, repr(ch))
    assert "evil.example" in out  # the finding is still reported


def test_csv_report_cells_are_neither_formulas_nor_escapes(hostile_store):
    rows = list(csv.DictReader(io.StringIO(render_report(build_report(hostile_store, archive=False), "csv"))))
    row = next(r for r in rows if r["id"] == "redirected")
    assert row["title"] == "'" + FORMULA_TITLE
    assert "Location: http://evil.example/" in row["detail"] and "pwned" not in row["detail"]
    assert all(not v.startswith(("=", "+", "-", "@", "\t", "\r")) for r in rows for v in r.values())


def test_json_report_escapes_and_keeps_every_character(hostile_store):
    data = build_report(hostile_store, archive=False)
    out = render_report(data, "json")
    back = json.loads(out)
    detail = next(i for i in back["failing"] if i["id"] == "redirected")["failure"]["detail"]
    assert "\x1b[2J" in detail and "\u202e" in detail  # lossless
    assert "\\u001b[2J" in out and "\\u202e" in out and "\\u009b" in out  # escaped on the page
    assert "é" in json_dumps({"t": "é"})  # readable text stays readable


def test_export_neutralises_and_imports_back_unchanged(hostile_store, tmp_path):
    runner = CliRunner()
    for fmt in ("csv", "json"):
        path = tmp_path / f"export.{fmt}"
        result = runner.invoke(cli, ["export", "--db", hostile_store.path, "--format", fmt, "-o", str(path)])
        assert result.exit_code == 0, result.output
        raw = path.read_text(encoding="utf-8")
        for ch in DANGEROUS:
            assert ch not in raw, (fmt, repr(ch))
        if fmt == "csv":
            rows = {r["id"]: r for r in csv.DictReader(io.StringIO(raw))}
            assert rows["redirected"]["title"] == "'" + FORMULA_TITLE
            assert rows["rlo"]["description"] == "line one\nline two owt"  # line breaks kept
        else:
            assert {r["id"]: r for r in json.loads(raw)}["rlo"]["title"] == RLO_TITLE  # lossless
        copy = Store(tmp_path / f"copy-{fmt}.db")
        copy.import_file(path)
        assert copy.resource("redirected")["title"] == FORMULA_TITLE  # the ' is taken off again
        copy.close()


def test_the_sanitiser():
    assert text("a\x1b[31mb\x1b]8;;http://x\x1b\\c\x9b1md\u202ee\u2066f\u2069\r\ng\x00") == "abcdef g"
    assert text("Café — naïve 日本") == "Café — naïve 日本"
    for formula in ("=1+1", "+1", "-1", "@SUM(A1)", "\t=1", "\r=1", " =1"):
        assert csv_cell(formula).startswith("'"), formula
        assert from_csv_cell(csv_cell(formula)) == formula.strip()
    assert csv_cell(42) == 42 and csv_cell(None) is None and csv_cell("plain") == "plain"
    assert from_csv_cell("'quoted") == "'quoted"
    value = {"t": "\x7f\x85\u2028\U000e0041\ud800"}
    dumped = json_dumps(value)
    assert json.loads(dumped) == value and all(ch.isprintable() or ch == "\n" for ch in dumped)
