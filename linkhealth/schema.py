"""The schema of ``catalogue.db``: its migrations, and the checks that refuse a catalogue this code cannot write.

The schema grows through sqlite-utils migrations (recorded by name in
``_sqlite_migrations``), so a ``catalogue.db`` made by an older linkhealth opens
and upgrades itself. Each step's name is what users' databases recorded: a step
is never renamed, reordered or edited once released; a change is a new step
appended at the end. A catalogue a newer linkhealth migrated is refused
(:func:`refuse_newer_schema`, :func:`refuse_unknown_schema`) before anything writes to it.
"""

from __future__ import annotations

import sqlite_utils
from sqlite_utils.migrations import Migrations

from .errors import StoreError

#: Columns that vouch for ``url``: they belong to one address and go when it changes.
URL_EVIDENCE_COLUMNS = ("url_source", "url_confidence")

# ---------------------------------------------------------------- migrations

migrations = Migrations("linkhealth")


@migrations()
def m001_initial(db: sqlite_utils.Database) -> None:
    """The four tables (resources, checks, changes, runs), as the first release shipped them."""
    db.table("resources").create(
        {
            "id": str,
            "url": str,
            "title": str,
            "description": str,
            "duration_seconds": int,
            "provider": str,
            "kind": str,
            "health": str,
            "gate": str,
            "last_checked_at": str,
            "last_ok_at": str,
            "consecutive_failures": int,
            "created_at": str,
            "updated_at": str,
        },
        pk="id",
        # "unknown" is Health.UNKNOWN (linkhealth.outcomes); a released step keeps its literals
        defaults={"health": "unknown", "consecutive_failures": 0},
        not_null={"id"},
    )
    db.table("runs").create(
        {"id": int, "started_at": str, "finished_at": str, "trigger": str},
        pk="id",
    )
    db.table("checks").create(
        {
            "id": int,
            "resource_id": str,
            "run_id": int,
            "url": str,
            "final_url": str,
            "status_code": int,
            "outcome": str,
            "gate": str,
            "detail": str,
            "checked_at": str,
        },
        pk="id",
        foreign_keys=[("resource_id", "resources", "id"), ("run_id", "runs", "id")],
    )
    db.table("changes").create(
        {
            "id": int,
            "resource_id": str,
            "field": str,
            "old_value": str,
            "new_value": str,
            "source": str,
            "run_id": int,
            "changed_at": str,
        },
        pk="id",
        foreign_keys=[("resource_id", "resources", "id"), ("run_id", "runs", "id")],
    )


@migrations()
def m002_seed_facts(db: sqlite_utils.Database) -> None:
    """What the seed text states beside title and duration; where values came from."""
    table = db.table("resources")
    for column, kind in [
        ("duration_text", str),
        ("duration_approximate", int),
        ("length_value", int),
        ("length_unit", str),
        ("access_note", str),
        ("people", str),
        ("dates", str),
        ("contacts", str),
        ("notes", str),
        # {"title": "curator" | "page:<source>", ...}: who set each field (curation.py)
        ("field_sources", str),
    ]:
        table.add_column(column, kind)


@migrations()
def m003_crawl_history(db: sqlite_utils.Database) -> None:
    """Wire facts per visit, failure streaks, conditional-request validators, run status."""
    checks = db.table("checks")
    for column, kind in [
        ("redirect_chain", str),
        ("elapsed_ms", int),
        ("bytes", int),
        ("content_type", str),
        ("etag", str),
        ("last_modified", str),
        ("content_hash", str),
        ("error_class", str),
        ("error_message", str),
        ("inconclusive", int),
    ]:
        checks.add_column(column, kind)
    checks.create_index(["resource_id", "checked_at"])
    checks.create_index(["run_id"])
    checks.create_index(["outcome"])
    resources = db.table("resources")
    for column, kind in [
        ("first_failed_at", str),
        ("broken_since", str),
        ("last_outcome", str),
        ("last_run_id", int),
        ("suggested_url", str),
        ("etag", str),
        ("last_modified", str),
    ]:
        resources.add_column(column, kind)
    resources.create_index(["health"])
    resources.create_index(["last_checked_at"])
    runs = db.table("runs")
    for column, kind in [
        ("status", str),
        ("pid", int),
        ("resources_due", int),
        ("counts", str),
        ("exit_code", int),
        ("log_path", str),
        ("duration_seconds", float),
        ("note", str),
    ]:
        runs.add_column(column, kind)
    db.table("changes").create_index(["resource_id"])


@migrations()
def m004_page_metadata(db: sqlite_utils.Database) -> None:
    """What the page itself says, kept beside the curated values (drift)."""
    resources = db.table("resources")
    for column, kind in [
        ("page_title", str),
        ("page_description", str),
        ("page_duration_seconds", int),
        ("page_duration_approximate", int),
        ("page_metadata", str),  # JSON: canonical URL, language, dates, media type, pages, …
        ("metadata_checked_at", str),
    ]:
        resources.add_column(column, kind)
    db.table("archives").create(
        {
            "url": str,
            "archive_url": str,
            "archived_at": str,
            "looked_up_at": str,
            "status": str,
        },
        pk="url",
        if_not_exists=True,
    )


@migrations()
def m005_views(db: sqlite_utils.Database) -> None:
    """Views for readers (Datasette, the report): each resource with its last visit."""
    db.create_view(
        "resource_status",
        """
        select
          r.id, r.title, r.url, r.provider, r.kind, r.health, r.gate,
          coalesce(c.outcome, r.last_outcome) as outcome, c.status_code, c.final_url,
          r.suggested_url, c.detail, r.last_checked_at, r.last_ok_at, r.first_failed_at,
          r.broken_since, r.consecutive_failures, r.last_run_id, r.created_at
        from resources r
        left join checks c on c.id = (
          select c2.id from checks c2 where c2.resource_id = r.id
          order by c2.checked_at desc, c2.id desc limit 1
        )
        """,
        replace=True,
    )
    # The literals below: 'found' is ArchiveStatus.FOUND, 'broken' and 'failing' are
    # Health.BROKEN and Health.FAILING (linkhealth.outcomes). tests/test_vocabulary.py
    # checks every literal of the views and canned queries against the enums.
    db.create_view(
        "broken_links_view",
        """
        select
          s.id, s.title, s.url, s.health, s.outcome, s.status_code, s.detail,
          s.broken_since, s.first_failed_at, s.consecutive_failures, s.last_ok_at,
          s.last_checked_at, s.provider, s.kind, a.archive_url, a.archived_at
        from resource_status s
        left join archives a on a.url = s.url and a.status = 'found'
        where s.health in ('broken', 'failing')
        """,
        replace=True,
    )


@migrations()
def m006_url_evidence(db: sqlite_utils.Database) -> None:
    """Where each catalogued address was seen and what kind of address it is.

    An address nobody can vouch for gets checked nightly and may pass as healthy
    for the wrong page; these columns keep the evidence beside the address.
    """
    resources = db.table("resources")
    for column in URL_EVIDENCE_COLUMNS:
        if column not in resources.columns_dict:
            resources.add_column(column, str)


@migrations()
def m007_identity(db: sqlite_utils.Database) -> None:
    """Is the page still the catalogued resource, and did its text change (pipelines/identity.py)?

    Per visit: the verdict (match, mismatch, unknown), its score, the SimHash of the
    main text and whether it moved far from the last good visit's. On the resource:
    the latest verdict and the last good visit's fingerprint. Neither counts toward
    health: both are for a maintainer to review.
    """
    for table, columns in [
        ("checks", [("identity", str), ("identity_score", float), ("fingerprint", int), ("content_changed", int)]),
        (
            "resources",
            [("identity", str), ("identity_score", float), ("fingerprint", int), ("content_changed_at", str)],
        ),
    ]:
        for column, kind in columns:
            if column not in db.table(table).columns_dict:
                db.table(table).add_column(column, kind)
    resources = db.table("resources")
    resources.create_index(["identity"], if_not_exists=True)


@migrations()
def m008_retirement(db: sqlite_utils.Database) -> None:
    """Retired resources: out of crawls and the report's action lists, history kept."""
    resources = db.table("resources")
    for column in ("retired_at", "retired_reason"):
        if column not in resources.columns_dict:
            resources.add_column(column, str)


def known_migrations() -> list[str]:
    return [m.name for m in migrations._migrations]


def refuse_newer_schema(db: sqlite_utils.Database, path: str) -> None:
    """Refuse a catalogue that a newer linkhealth has migrated, before anything writes to it.

    Its rows in ``_sqlite_migrations`` name steps this code does not know: its
    columns may be renamed or required, and every visit written here would fail.
    """
    if not db["_sqlite_migrations"].exists():
        return
    known = set(known_migrations())
    unknown = [
        name
        for (name,) in db.execute(
            "select name from _sqlite_migrations where migration_set = ? order by rowid", [migrations.name]
        ).fetchall()
        if name not in known
    ]
    if unknown:
        raise StoreError(
            f"{path} was upgraded by a newer linkhealth (schema step(s) {', '.join(unknown)} are unknown "
            f"to this one): upgrade linkhealth (pip install -U linkhealth) before using this catalogue"
        )


_EXPECTED_SCHEMA: dict[str, dict[str, bool]] | None = None


def expected_schema() -> dict[str, dict[str, bool]]:
    """{table: {column: required}} as this code's migrations build it (in memory, once)."""
    global _EXPECTED_SCHEMA
    if _EXPECTED_SCHEMA is None:
        db = sqlite_utils.Database(memory=True)
        migrations.apply(db)
        _EXPECTED_SCHEMA = {
            name: {c.name: bool(c.notnull) for c in db[name].columns}
            for name in db.table_names()
            if not name.startswith("_")
        }
        db.close()
    return _EXPECTED_SCHEMA


def refuse_unknown_schema(db: sqlite_utils.Database, path: str) -> None:
    """Refuse tables whose columns this code would fail to write: one it expects is
    missing (renamed), or one it does not know must be filled (NOT NULL, no default)."""
    problems = []
    for table, columns in expected_schema().items():
        if not db[table].exists():
            problems.append(f"table {table} is missing")
            continue
        actual = db[table].columns
        names = {c.name for c in actual}
        problems += [f"{table}.{name} is missing" for name in columns if name not in names]
        problems += [
            f"{table}.{c.name} is required (NOT NULL) but unknown to this linkhealth"
            for c in actual
            if c.name not in columns and c.notnull and c.default_value is None and not c.is_pk
        ]
    if problems:
        raise StoreError(
            f"{path} has a schema this linkhealth cannot write ({'; '.join(problems)}): it was made "
            "by a newer linkhealth or changed by hand. Upgrade linkhealth, or use a backup"
        )
