"""The SQL that readers run names the vocabulary by its values: each literal must be a member.

The views (built by the migrations) and the Datasette canned queries compare columns
with literals such as ``health = 'broken'``. Renaming a value in ``linkhealth/outcomes.py``
would leave such a query silently empty; these tests fail instead.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import sqlite_utils
import yaml

from linkhealth.outcomes import ArchiveStatus, Gate, Health, Outcome, RunStatus
from linkhealth.schema import migrations
from pipelines.identity import MATCH, MISMATCH, UNKNOWN

METADATA = Path(__file__).resolve().parents[1] / "linkhealth" / "datasette" / "metadata.yml"

#: The values each compared column may hold, by column name.
BY_COLUMN: dict[str, set[str]] = {
    "health": {h.value for h in Health},
    "outcome": {o.value for o in Outcome},
    "gate": {g.value for g in Gate},
    "identity": {MATCH, MISMATCH, UNKNOWN},
}
#: ``status`` means something else in each table.
STATUS_BY_TABLE: dict[str, set[str]] = {
    "runs": {s.value for s in RunStatus},
    "archives": {s.value for s in ArchiveStatus},
}

_KEYWORDS = {"where", "on", "left", "inner", "join", "order", "group", "limit", "union", "using"}
_TABLE = re.compile(r"\b(?:from|join)\s+(\w+)(?:\s+(?:as\s+)?(\w+))?", re.I)
_COLUMN = r"(?:(\w+)\.)?(\w+)"
_EQUALS = re.compile(_COLUMN + r"\s*(?:=|!=|<>)\s*'([^']*)'", re.I)
_IN = re.compile(_COLUMN + r"\s+(?:not\s+)?in\s*\(\s*('[^)]*)\)", re.I)
_CASE = re.compile(r"\bcase\s+" + _COLUMN + r"((?:\s+when\s+'[^']*'\s+then\s+\S+)+)", re.I)
_LITERAL = re.compile(r"'([^']*)'")


def literal_comparisons(sql: str) -> list[tuple[str | None, str, str]]:
    """(table, column, literal) for each comparison of a column with a string literal;
    table is what the column's alias names, or the one table of a query that reads one
    (None when neither says)."""
    aliases: dict[str, str] = {}
    for table, alias in _TABLE.findall(sql):
        aliases[table.lower()] = table.lower()
        if alias and alias.lower() not in _KEYWORDS:
            aliases[alias.lower()] = table.lower()
    tables = set(aliases.values())
    only = tables.pop() if len(tables) == 1 else None

    def table_of(alias: str) -> str | None:
        return aliases.get(alias.lower()) if alias else only

    found = [(table_of(alias), column.lower(), literal) for alias, column, literal in _EQUALS.findall(sql)]
    for pattern in (_IN, _CASE):
        for alias, column, listed in pattern.findall(sql):
            found += [(table_of(alias), column.lower(), literal) for literal in _LITERAL.findall(listed)]
    return found


def strangers(sql: str) -> list[str]:
    """Every literal of ``sql`` that is not a value its column can hold."""
    wrong = []
    for table, column, literal in literal_comparisons(sql):
        if column == "status":
            allowed = STATUS_BY_TABLE.get(table or "")
            if allowed is None:
                wrong.append(f"{column} = {literal!r}: qualify status with runs or archives")
                continue
        elif column in BY_COLUMN:
            allowed = BY_COLUMN[column]
        else:
            wrong.append(f"{column} = {literal!r}: no vocabulary known for {column}")
            continue
        if literal not in allowed:
            wrong.append(f"{table + '.' if table else ''}{column} = {literal!r}: not one of {sorted(allowed)}")
    return wrong


def _views() -> dict[str, str]:
    db = sqlite_utils.Database(memory=True)
    migrations.apply(db)
    return {name: sql for name, sql in db.execute("select name, sql from sqlite_master where type = 'view'")}


def _canned_queries() -> dict[str, str]:
    found: dict[str, str] = {}

    def walk(node):
        if isinstance(node, dict):
            for key, value in node.items():
                if key == "queries" and isinstance(value, dict):
                    found.update({name: q["sql"] for name, q in value.items()})
                else:
                    walk(value)

    walk(yaml.safe_load(METADATA.read_text(encoding="utf-8")))
    return found


SOURCES = {**{f"view {k}": v for k, v in _views().items()}, **{f"query {k}": v for k, v in _canned_queries().items()}}


@pytest.mark.parametrize("name", sorted(SOURCES))
def test_every_literal_of_the_views_and_canned_queries_is_a_member_of_its_enum(name):
    assert strangers(SOURCES[name]) == []


def test_the_check_reads_the_literals_that_are_there():
    """Not vacuous: the comparisons the readers rely on are among those checked."""
    checked = {(column, literal) for sql in SOURCES.values() for _, column, literal in literal_comparisons(sql)}
    assert {
        ("health", "broken"),
        ("health", "failing"),
        ("health", "gated"),
        ("status", "found"),
        ("outcome", "ok"),
        ("identity", "mismatch"),
    } <= checked


def test_a_renamed_value_is_caught():
    view = _views()["broken_links_view"]
    [wrong] = strangers(view.replace("'failing'", "'faltering'"))
    assert wrong.startswith("resource_status.health = 'faltering': not one of")
    assert strangers(view.replace("a.status = 'found'", "a.status = 'hit'"))
    assert strangers("select * from runs where status = 'running'") == []
    assert strangers("select * from runs r where r.status = 'runing'")
