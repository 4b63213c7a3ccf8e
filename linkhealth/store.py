"""The store: every write to ``catalogue.db``, and opening it.

This module is the only writer of the catalogue. The command line, the Scrapy
pipelines and the scheduler all go through :class:`Store`; readers (the report,
Datasette) may open the file read-only. What the file's tables look like, and
how an older one is upgraded, is ``linkhealth/schema.py``; reading import files
into rows is ``linkhealth/importers.py``. Judgment is made before a visit gets
here (health is folded in by ``linkhealth/health.py``'s pure rules): the store
writes what it is handed.
"""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import sqlite_utils
from sqlite_utils.db import jsonify_if_needed, quote_identifier

from .curation import plan_metadata_update
from .errors import ImportRefused, StoreError
from .health import HealthPolicy, HealthState, next_health
from .ids import slugify
from .importers import IMPORT_COLUMNS, JSON_COLUMNS, normalise_row, read_rows
from .outcomes import ArchiveStatus, Health, Outcome, RunStatus
from .schema import URL_EVIDENCE_COLUMNS, migrations, refuse_newer_schema, refuse_unknown_schema
from .shares import SharePlan, host_shard, url_host
from .urls import invalid_url_reason

DEFAULT_DB = "catalogue.db"

#: Curated fields the crawler may refresh from the page (see curation.py).
PAGE_FIELDS = ("title", "description", "duration_seconds")


class RunClosed(StoreError):
    """Visits for a run that is no longer ``running`` (finished, or marked interrupted by
    a later crawl): a crawler process that outlived its run must not write beside the next."""


def utcnow() -> str:
    """Now, as ISO 8601 UTC with seconds precision: the format of every time we store."""
    return datetime.now(timezone.utc).replace(microsecond=0).isoformat()


def default_db_path() -> str:
    return os.environ.get("LINKHEALTH_DB") or DEFAULT_DB


def _hex(fingerprint: int | None) -> str | None:
    """A stored (signed) 64-bit fingerprint as 16 hex digits, for a ``changes`` row."""
    return None if fingerprint is None else f"{fingerprint & (1 << 64) - 1:016x}"


# ---------------------------------------------------------------- the store


def _disk_hint(path: str) -> str:
    """' (the disk is full: N bytes free)' when that explains an SQLite error, else ''."""
    if path == ":memory:":
        return ""
    try:
        free = shutil.disk_usage(Path(path).resolve().parent).free
    except OSError:
        return ""
    return f" (the disk is full: {free} bytes free)" if free < 1024 * 1024 else ""


def default_backup_dir(db_path: str | Path) -> Path:
    """``$LINKHEALTH_BACKUP_DIR``, else ``backups/`` beside the catalogue."""
    configured = os.environ.get("LINKHEALTH_BACKUP_DIR")
    return Path(configured) if configured else Path(db_path).resolve().parent / "backups"


def recovery_hint(path: str, exc: BaseException) -> str:
    """How to get a damaged catalogue back, when ``exc`` says it is damaged; else ''.

    SQLite reports damage as a DatabaseError ("malformed", "not a database",
    "corrupt"); a busy or read-only file is not damage and gets no hint.
    """
    text = str(exc).lower()
    if not isinstance(exc, sqlite3.DatabaseError) or not any(
        word in text for word in ("malformed", "not a database", "corrupt", "disk i/o")
    ):
        return ""
    backups = default_backup_dir(path) if path != ":memory:" else None
    newest = sorted(backups.glob(f"{Path(path).stem}-*.db"))[-1:] if backups and backups.is_dir() else []
    restore = (
        f"or copy the last backup back: cp {newest[0]} {path}" if newest else f"or restore your last backup of {path}"
    )
    return (
        f". The file is damaged. Recover what SQLite can still read: "
        f"sqlite3 {path} .recover | sqlite3 recovered.db  (then check it and move it into place), "
        f"{restore}"
    )


class Store:
    """``catalogue.db``: open (creating and upgrading as needed) and write through here."""

    def __init__(self, path: str | Path | None = None, *, migrate: bool = True):
        self.path = str(path or default_db_path())
        if self.path != ":memory:":
            parent = Path(self.path).resolve().parent
            if not parent.is_dir():
                raise StoreError(f"{self.path}: the folder {parent} does not exist")
        try:
            conn = sqlite3.connect(self.path, timeout=30, check_same_thread=False)
            self.db = sqlite_utils.Database(conn)
            self.db.execute("PRAGMA foreign_keys = ON")
            self.db.execute("PRAGMA busy_timeout = 30000")
            if migrate:
                refuse_newer_schema(self.db, self.path)
                if self.path != ":memory:" and self.db.journal_mode != "wal":
                    self.db.enable_wal()
                migrations.apply(self.db)
                refuse_unknown_schema(self.db, self.path)
        except sqlite3.Error as exc:
            raise StoreError(
                f"{self.path}: cannot open the catalogue: {exc}{_disk_hint(self.path)}{recovery_hint(self.path, exc)}"
            ) from exc
        except StoreError:
            self.db.close()
            raise

    def verify(self) -> None:
        """Refuse a damaged file before a crawl or Datasette relies on it.

        ``PRAGMA quick_check`` reads every page (not the indexes' contents), so
        a file whose pages were overwritten is caught here, with a way out,
        instead of as a traceback in the middle of a command.
        """
        try:
            problems = [row[0] for row in self.db.execute("PRAGMA quick_check").fetchall()]
        except sqlite3.Error as exc:
            problems = [str(exc)]
        if problems != ["ok"]:
            shown = "; ".join(problems[:3]) + (f" (and {len(problems) - 3} more)" if len(problems) > 3 else "")
            raise StoreError(
                f"{self.path}: the catalogue is damaged: {shown}"
                f"{recovery_hint(self.path, sqlite3.DatabaseError('malformed'))}"
            )

    def backup(self, folder: str | Path, keep: int = 7) -> Path | None:
        """A consistent copy of the catalogue in ``folder`` (``VACUUM INTO``), keeping the
        newest ``keep`` copies; None when ``keep`` is 0 (backups off).

        Taken before a scheduled run writes, so a night that damages the file (a
        full disk, a killed machine) can be undone with yesterday's copy.
        """
        if keep <= 0 or self.path == ":memory:":
            return None
        folder = Path(folder)
        folder.mkdir(parents=True, exist_ok=True)
        stem = Path(self.path).stem
        stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%S%fZ")
        target = folder / f"{stem}-{stamp}.db"
        try:
            self.db.execute("VACUUM INTO ?", [str(target)])
        except sqlite3.Error as exc:
            raise StoreError(
                f"{self.path}: could not back up the catalogue to {target}: {exc}{_disk_hint(str(folder / 'x'))}"
            ) from exc
        copies = sorted(folder.glob(f"{stem}-*.db"))
        for old in copies[: max(0, len(copies) - keep)]:
            old.unlink(missing_ok=True)
        return target

    def close(self) -> None:
        self.db.close()

    @contextmanager
    def transaction(self) -> Iterator[sqlite_utils.Database]:
        """One atomic write; a full disk or read-only file becomes a StoreError naming the file."""
        try:
            with self.db.atomic():
                yield self.db
        except sqlite3.Error as exc:  # every class: locked, full, corrupt, a constraint of a newer schema
            raise StoreError(
                f"{self.path}: could not write the catalogue: {exc}{_disk_hint(self.path)}"
                f"{recovery_hint(self.path, exc)}"
            ) from exc

    # ---------------------------------------------------------- resources

    def resource(self, resource_id: str) -> dict[str, Any] | None:
        rows = list(self.db.query("select * from resources where id = ?", [resource_id]))
        return rows[0] if rows else None

    def _unique_id(self, base: str, taken: set[str]) -> str:
        candidate, n = base, 2
        while candidate in taken or self.resource(candidate) is not None:
            candidate = f"{base}-{n}"
            n += 1
        return candidate

    def import_rows(
        self,
        rows: Iterable[tuple[str, dict[str, Any]]],
        *,
        source: str = "import",
        strict: bool = False,
        unfetchable: list[dict[str, str]] | None = None,
    ) -> dict[str, int]:
        """Add or update resources, all or nothing.

        A row matches an existing resource by ``id``, or by ``url`` when it has
        no id; otherwise it is new and gets an id slugged from its title (or URL).
        Values given are the maintainer's: they are marked curated, so the
        crawler never overwrites them (curation.py).

        A row whose ``url`` cannot be fetched (not an absolute http(s) URL) is
        imported all the same, so one typo does not hold back a whole file; it
        is appended to ``unfetchable`` (``where``, ``id``, ``url``, ``reason``)
        for the caller to name, and is ``broken`` at its first check. With
        ``strict`` such a row refuses the whole file instead.
        """
        counts = {"added": 0, "updated": 0, "unchanged": 0}
        now = utcnow()
        prepared = [(where, normalise_row(raw, where)) for where, raw in rows]
        seen_ids: set[str] = set()
        found: list[dict[str, str]] = []
        with self.transaction():
            for where, row in prepared:
                reason = invalid_url_reason(row["url"]) if row.get("url") else None
                if reason and strict:
                    raise ImportRefused(f"{where}: {row['url']!r} cannot be fetched: {reason}")
                if reason:
                    found.append({"where": where, "id": row.get("id") or "", "url": row["url"], "reason": reason})
                existing = None
                if row.get("id"):
                    existing = self.resource(row["id"])
                elif row.get("url"):
                    matches = list(
                        self.db.query(
                            "select * from resources where url = ? order by created_at limit 1",
                            [row["url"]],
                        )
                    )
                    existing = matches[0] if matches else None
                if existing is None:
                    rid = row.get("id") or self._unique_id(
                        slugify(row.get("title") or row.get("url") or "resource"), seen_ids
                    )
                    if rid in seen_ids:
                        raise ImportRefused(f"{where}: id {rid!r} appears twice in this file")
                    record = {k: v for k, v in row.items() if v is not None}
                    record.update(
                        id=rid,
                        health=Health.UNKNOWN.value,
                        consecutive_failures=0,
                        created_at=now,
                        updated_at=now,
                        field_sources=json.dumps({f: "curator" for f in PAGE_FIELDS if record.get(f) is not None}),
                    )
                    self.db.table("resources").insert(record)
                    if reason:
                        found[-1]["id"] = rid
                    counts["added"] += 1
                    seen_ids.add(rid)
                    continue
                rid = existing["id"]
                if rid in seen_ids:
                    raise ImportRefused(f"{where}: resource {rid!r} appears twice in this file")
                seen_ids.add(rid)
                updates = {k: v for k, v in row.items() if k != "id" and existing.get(k) != v}
                if "url" in updates:
                    # The evidence vouched for the old address, not for this one.
                    for field in URL_EVIDENCE_COLUMNS:
                        if field not in row and existing.get(field) is not None:
                            updates[field] = None
                if not updates:
                    counts["unchanged"] += 1
                    continue
                sources = json.loads(existing.get("field_sources") or "{}")
                for field in PAGE_FIELDS:
                    if field in updates:
                        sources[field] = "curator" if updates[field] is not None else None
                for field, new in updates.items():
                    self.db.table("changes").insert(
                        self._change(rid, field, existing.get(field), new, source, None, now)
                    )
                if "url" in updates:
                    # A new address starts a new history.
                    updates.update(
                        health=Health.UNKNOWN.value,
                        gate=None,
                        consecutive_failures=0,
                        first_failed_at=None,
                        broken_since=None,
                        suggested_url=None,
                        etag=None,
                        last_modified=None,
                    )
                updates.update(updated_at=now, field_sources=json.dumps(sources))
                self.db.table("resources").update(rid, updates)
                counts["updated"] += 1
        for item in found:  # an existing resource matched by url: name it by its id
            item["id"] = item["id"] or self._id_for_url(item["url"])
        if unfetchable is not None:
            unfetchable.extend(found)
        return counts

    def _id_for_url(self, url: str) -> str:
        row = next(self.db.query("select id from resources where url = ? order by created_at limit 1", [url]), None)
        return row["id"] if row else ""

    def import_file(
        self, path: str | Path, *, strict: bool = False, unfetchable: list[dict[str, str]] | None = None
    ) -> dict[str, int]:
        return self.import_rows(read_rows(path), strict=strict, unfetchable=unfetchable)

    def plan_import(
        self, rows: Iterable[tuple[str, dict[str, Any]]], *, source: str = "import"
    ) -> tuple[dict[str, int], list[dict[str, Any]]]:
        """What :meth:`import_rows` would do, without doing it (``import --dry-run``).

        The import runs for real inside a transaction that is then rolled back, so
        the plan is exactly what the import does: the counts, and per resource
        ``{"id", "action": "add" | "update", "fields": {field: (old, new)}}``.
        """
        last_change = self.db.execute("select coalesce(max(id), 0) from changes").fetchone()[0]
        existing = {r[0] for r in self.db.execute("select id from resources")}
        plan: list[dict[str, Any]] = []

        class _Rollback(Exception):
            pass

        try:
            with self.transaction():
                counts = self.import_rows(rows, source=source)
                for (rid,) in self.db.execute("select id from resources order by rowid"):
                    if rid not in existing:
                        plan.append({"id": rid, "action": "add", "fields": {}})
                updates: dict[str, dict[str, Any]] = {}
                for change in self.db.query(
                    "select resource_id, field, old_value, new_value from changes where id > ? order by id",
                    [last_change],
                ):
                    fields = updates.setdefault(change["resource_id"], {})
                    fields[change["field"]] = (change["old_value"], change["new_value"])
                plan += [{"id": rid, "action": "update", "fields": f} for rid, f in updates.items()]
                raise _Rollback
        except _Rollback:
            pass
        return counts, plan

    def add(self, url: str, title: str | None = None, resource_id: str | None = None) -> str:
        """Add one resource (or update the one with that id/url); returns its id.

        Refuses an address that cannot be fetched: one resource typed by hand is
        a typo to fix now, not a broken link to discover tomorrow.
        """
        reason = invalid_url_reason(url)
        if reason:
            raise StoreError(f"{url!r} cannot be fetched: {reason}; give an absolute http:// or https:// URL")
        row = {"url": url, "title": title, "id": resource_id}
        row = {k: v for k, v in row.items() if v}
        self.import_rows([("add", row)], source="add")
        if resource_id:
            return resource_id
        return self._id_for_url(url.strip())

    def export_rows(self) -> list[dict[str, Any]]:
        """The catalogue in the import columns, ready to import again."""
        columns = ", ".join(IMPORT_COLUMNS)
        rows = []
        for row in self.db.query(f"select {columns} from resources order by rowid"):
            for key in JSON_COLUMNS:
                if row.get(key):
                    row[key] = json.loads(row[key])
            rows.append(row)
        return rows

    def accept_page_values(self, resource_id: str, fields: Iterable[str] = PAGE_FIELDS) -> list[str]:
        """Take the page's value of each field into the catalogue (the maintainer agrees)."""
        row = self.resource(resource_id)
        if row is None:
            raise StoreError(f"no resource with id {resource_id!r}")
        now = utcnow()
        sources = json.loads(row.get("field_sources") or "{}")
        taken = []
        with self.transaction():
            for field in fields:
                page_value = row.get(f"page_{field}")
                if page_value is None or page_value == row.get(field):
                    continue
                self.db.table("changes").insert(
                    self._change(resource_id, field, row.get(field), page_value, "accept", None, now)
                )
                sources[field] = "page:accepted"
                self.db.table("resources").update(resource_id, {field: page_value})
                taken.append(field)
            if taken:
                self.db.table("resources").update(
                    resource_id, {"field_sources": json.dumps(sources), "updated_at": now}
                )
        return taken

    def accept_url(self, resource_id: str, url: str, source: str = "accept") -> None:
        """Point a resource at a new address (a moved page's new home, an archived
        copy); as on import, a new address starts a new history."""
        if self.resource(resource_id) is None:
            raise StoreError(f"no resource with id {resource_id!r}")
        self.import_rows([(source, {"id": resource_id, "url": url})], source=source, strict=True)

    def retire(self, resource_id: str, reason: str) -> None:
        """Take a resource out of crawls and the report's action lists; its history stays."""
        self._set_retired(resource_id, utcnow(), reason)

    def unretire(self, resource_id: str) -> None:
        """Undo :meth:`retire`: the resource is crawled and reported again."""
        self._set_retired(resource_id, None, None)

    def _set_retired(self, resource_id: str, when: str | None, reason: str | None) -> None:
        row = self.resource(resource_id)
        if row is None:
            raise StoreError(f"no resource with id {resource_id!r}")
        now = utcnow()
        with self.transaction():
            self.db.table("changes").insert(
                self._change(
                    resource_id,
                    "retired_reason",
                    row.get("retired_reason"),
                    reason,
                    "retire" if when else "unretire",
                    None,
                    now,
                )
            )
            self.db.table("resources").update(
                resource_id, {"retired_at": when, "retired_reason": reason, "updated_at": now}
            )

    # ---------------------------------------------------------- crawl selection

    def _due_where(
        self,
        *,
        now: str,
        everything: bool,
        ids: Iterable[str] | None,
        revisit_hours: float,
        failing_revisit_hours: float,
    ) -> tuple[str, list[Any]]:
        where = ["url is not null", "trim(url) != ''", "retired_at is null"]
        params: list[Any] = []
        ids = list(ids or [])
        if ids:
            where.append("id in ({})".format(", ".join("?" for _ in ids)))
            params.extend(ids)
        elif not everything:
            now_dt = datetime.fromisoformat(now)
            healthy_cutoff = (now_dt - timedelta(hours=revisit_hours)).isoformat()
            failing_cutoff = (now_dt - timedelta(hours=failing_revisit_hours)).isoformat()
            where.append(
                "(last_checked_at is null"
                " or (health = ? and last_checked_at <= ?)"
                " or last_checked_at <= ?"
                # not a time at all (edited by hand): due, or it would never be again
                " or datetime(last_checked_at) is null)"
            )
            params.extend([Health.FAILING.value, failing_cutoff, healthy_cutoff])
        return " and ".join(where), params

    def iter_due(
        self,
        *,
        now: str | None = None,
        everything: bool = False,
        ids: Iterable[str] | None = None,
        revisit_hours: float = 20.0,
        failing_revisit_hours: float = 6.0,
        batch: int = 500,
        shard: tuple[int, int] | None = None,
        plan: SharePlan | None = None,
    ) -> Iterator[dict[str, Any]]:
        """Stream the resources due for a visit, in pages, never the whole catalogue at once.

        Due: never checked, failing and not checked for ``failing_revisit_hours``,
        or not checked for ``revisit_hours``. Paging is by rowid so rows written
        while the crawl runs do not shift the pages. ``shard=(k, n)`` keeps the
        resources of share k of n: as ``plan`` hands them out (see linkhealth/shares.py),
        else by a hash of the host name.
        """
        where, params = self._due_where(
            now=now or utcnow(),
            everything=everything,
            ids=ids,
            revisit_hours=revisit_hours,
            failing_revisit_hours=failing_revisit_hours,
        )
        where, params = self._shard_where(where, params, shard, plan)
        last_rowid = 0
        while True:
            rows = list(
                self.db.query(
                    f"select rowid as _rowid, id, url, etag, last_modified, health, title "
                    f"from resources where {where} and rowid > ? order by rowid limit ?",
                    params + [last_rowid, batch],
                )
            )
            if not rows:
                return
            for row in rows:
                last_rowid = row.pop("_rowid")
                yield row

    def _shard_where(self, where: str, params: list[Any], shard: tuple[int, int] | None, plan: SharePlan | None = None):
        if not shard or shard[1] <= 1:
            return where, params
        if plan is not None:
            self.db.register_function(plan.share_of, name="linkhealth_share", replace=True)
            return f"{where} and linkhealth_share(url, id) = ?", params + [shard[0]]
        self.db.register_function(host_shard, deterministic=True, replace=True)
        return f"{where} and host_shard(url, ?) = ?", params + [shard[1], shard[0]]

    def due_by_host(self, **kwargs: Any) -> dict[str, int]:
        """How many resources are due on each host (``count_due``'s arguments): what the
        parent of a multi-process run divides among its shares."""
        where, params = self._selection_where(kwargs)
        self.db.register_function(url_host, deterministic=True, replace=True)
        return dict(
            self.db.execute(
                f"select url_host(url) as host, count(*) from resources where {where} group by host", params
            ).fetchall()
        )

    def _selection_where(self, kwargs: dict[str, Any]) -> tuple[str, list[Any]]:
        """``_due_where`` from the keyword arguments ``count_due`` takes (popped from them)."""
        return self._due_where(
            now=kwargs.pop("now", None) or utcnow(),
            everything=kwargs.pop("everything", False),
            ids=kwargs.pop("ids", None),
            revisit_hours=kwargs.pop("revisit_hours", 20.0),
            failing_revisit_hours=kwargs.pop("failing_revisit_hours", 6.0),
        )

    def count_due(self, **kwargs: Any) -> int:
        kwargs.pop("batch", None)
        where, params = self._selection_where(kwargs)
        where, params = self._shard_where(where, params, kwargs.pop("shard", None), kwargs.pop("plan", None))
        return self.db.execute(f"select count(*) from resources where {where}", params).fetchone()[0]

    # ---------------------------------------------------------- runs

    def start_run(self, trigger: str = "manual", resources_due: int | None = None, log_path: str | None = None) -> int:
        """Open a ``runs`` row; runs left open by a crash are marked interrupted first."""
        now = utcnow()
        with self.transaction():
            self.mark_interrupted_runs(now)
            table = self.db.table("runs").insert(
                {
                    "started_at": now,
                    "trigger": trigger,
                    "status": RunStatus.RUNNING.value,
                    "pid": os.getpid(),
                    "resources_due": resources_due,
                    "log_path": log_path,
                }
            )
        run_id = table.last_pk  # an INTEGER PRIMARY KEY: always set by the insert
        assert isinstance(run_id, int)
        return run_id

    def mark_interrupted_runs(self, now: str | None = None) -> int:
        """Runs still running when a new one starts were killed: say so."""
        cursor = self.db.execute(
            "update runs set status = ?, note = coalesce(note, "
            "'the crawl stopped before it finished; the next run re-checks what it did not record') "
            "where status = ? or (status is null and finished_at is null)",
            [RunStatus.INTERRUPTED.value, RunStatus.RUNNING.value],
        )
        return cursor.rowcount

    def outcome_counts(self, run_id: int) -> dict[str, int]:
        return {
            row["outcome"]: row["n"]
            for row in self.db.query(
                "select outcome, count(*) as n from checks where run_id = ? group by outcome order by outcome",
                [run_id],
            )
        }

    def finish_run(
        self, run_id: int, status: str = RunStatus.FINISHED.value, note: str | None = None, **extra: Any
    ) -> dict[str, int]:
        """Close the run with ``status`` (a :class:`RunStatus`, or a Scrapy close reason the
        vocabulary does not name) and its outcome counts, which it returns."""
        now = utcnow()
        counts = self.outcome_counts(run_id)
        run = self.db.table("runs").get(run_id)
        duration = (datetime.fromisoformat(now) - datetime.fromisoformat(run["started_at"])).total_seconds()
        with self.transaction():
            self.db.table("runs").update(
                run_id,
                {
                    "finished_at": now,
                    "status": str(status),
                    "counts": json.dumps(counts),
                    "duration_seconds": duration,
                    "note": note,
                    **extra,
                },
            )
        return counts

    def update_run(self, run_id: int, **fields: Any) -> None:
        with self.transaction():
            self.db.table("runs").update(run_id, fields)

    # ---------------------------------------------------------- visits

    @staticmethod
    def _change(rid, field, old, new, source, run_id, now) -> dict[str, Any]:
        return {
            "resource_id": rid,
            "field": field,
            "old_value": None if old is None else str(old),
            "new_value": None if new is None else str(new),
            "source": source,
            "run_id": run_id,
            "changed_at": now,
        }

    def _resources_by_id(self, ids: list[str], columns: str = "*") -> dict[str, dict[str, Any]]:
        """The resource rows of ``ids``, a query per 500 (SQLite's variable limit is far above)."""
        rows: dict[str, dict[str, Any]] = {}
        for at in range(0, len(ids), 500):
            chunk = ids[at : at + 500]
            marks = ", ".join("?" * len(chunk))
            for row in self.db.query(f"select {columns} from resources where id in ({marks})", chunk):
                rows[row["id"]] = row
        return rows

    def identity_baselines(self, ids: Iterable[str]) -> dict[str, dict[str, Any]]:
        """Per resource of ``ids``: what the identity judgment compares a served page with
        (the catalogue's title, provider and description) and what it compares against (the
        last verdict, the last good visit's fingerprint). Read for the pipeline that judges
        a batch before :meth:`record_visits` writes it."""
        try:
            return self._resources_by_id(
                list(dict.fromkeys(ids)), "id, title, provider, description, identity, fingerprint"
            )
        except sqlite3.Error as exc:
            raise StoreError(
                f"{self.path}: could not read the catalogue: {exc}{recovery_hint(self.path, exc)}"
            ) from exc

    def record_visits(self, visits: Iterable[dict[str, Any]], policy: HealthPolicy = HealthPolicy()) -> int:
        """Write a batch of judged visits in one transaction; returns how many were recorded.

        Each visit becomes one ``checks`` row, folds into its resource's health
        (health.py) and, where it carries page metadata, refreshes the fields
        the crawler owns (curation.py), with a ``changes`` row per field changed.
        The identity fields a visit carries (judged before, ``pipelines/classify.py``)
        are written as they are.
        A crash loses at most the batch in hand, never half a visit.

        Batched throughout — one read of the batch's resources, one multi-row
        insert each for checks and changes, a prepared UPDATE per resource — since
        a row-at-a-time write cost a millisecond a visit (docs/performance.md).
        """
        visits = list(visits)
        checks: list[dict[str, Any]] = []
        changes: list[dict[str, Any]] = []
        with self.transaction():  # the read too: any SQLite error of the batch is a StoreError
            # the write lock first: a deferred transaction that read first cannot upgrade to a
            # write beside another process's batch, and fails with "database is locked" at once
            self._claim_open_runs({v["run_id"] for v in visits if v.get("run_id") is not None})
            rows = self._resources_by_id(list(dict.fromkeys(v["resource_id"] for v in visits)))
            for visit in visits:
                row = rows.get(visit["resource_id"])
                if row is None:
                    continue  # deleted while the crawl ran: nothing to record against
                check, updates = self._plan_visit(row, visit, policy, changes)
                checks.append(check)
                self._update_resource(row["id"], updates)
                rows[row["id"]] = {**row, **updates}  # a second visit in the batch folds onto this one
            if checks:
                self.db.table("checks").insert_all(checks, batch_size=200)
            if changes:
                self.db.table("changes").insert_all(changes, batch_size=200)
        return len(checks)

    def _claim_open_runs(self, run_ids: set[int]) -> None:
        """Raise RunClosed unless every run of the batch is still ``running``.

        A no-op UPDATE rather than a SELECT: it takes the write lock as the batch's first
        statement, so no other writer can close the run between this check and the
        batch's commit (and a deferred transaction that read first could not upgrade
        beside a concurrent writer without SQLITE_BUSY).
        """
        for run_id in sorted(run_ids):
            cursor = self.db.execute(
                "update runs set status = status where id = ? and status = ?", [run_id, RunStatus.RUNNING.value]
            )
            if cursor.rowcount != 1:
                found = list(self.db.query("select status from runs where id = ?", [run_id]))
                status = found[0]["status"] if found else "missing"
                raise RunClosed(
                    f"{self.path}: run {run_id} is {status}, no longer running: its visits are "
                    "not recorded (another crawl may be writing this catalogue now)"
                )

    def _update_resource(self, rid: str, updates: dict[str, Any]) -> None:
        """sqlite-utils' ``Table.update`` without its per-call existence check (the
        batch's rows were just read)."""
        if not updates:
            return
        sets = ", ".join(f"{quote_identifier(k)} = ?" for k in updates)
        args = [jsonify_if_needed(v) for v in updates.values()] + [rid]
        self.db.execute(f"update resources set {sets} where id = ?", args)

    def _plan_visit(
        self, row: dict[str, Any], visit: dict[str, Any], policy: HealthPolicy, changes: list[dict[str, Any]]
    ) -> tuple[dict[str, Any], dict[str, Any]]:
        """The ``checks`` row and the resource's updates for one visit; appends its ``changes``."""
        rid = row["id"]
        checked_at = visit.get("checked_at") or utcnow()
        chain = visit.get("redirect_chain")
        check = {
            "resource_id": rid,
            "run_id": visit.get("run_id"),
            "url": visit.get("url"),
            "final_url": visit.get("final_url"),
            "status_code": visit.get("status_code"),
            "outcome": str(visit["outcome"]),
            "gate": str(visit["gate"]) if visit.get("gate") else None,
            "detail": visit.get("detail"),
            "checked_at": checked_at,
            "redirect_chain": json.dumps(chain) if chain else None,
            "elapsed_ms": visit.get("elapsed_ms"),
            "bytes": visit.get("bytes"),
            "content_type": visit.get("content_type"),
            "etag": visit.get("etag"),
            "last_modified": visit.get("last_modified"),
            "content_hash": visit.get("content_hash"),
            "error_class": visit.get("error_class"),
            "error_message": visit.get("error_message"),
            "inconclusive": 1 if visit.get("inconclusive") else 0,
            "identity": None,
            "identity_score": None,
            "fingerprint": None,
            "content_changed": None,
        }
        state = HealthState(
            health=row.get("health") or Health.UNKNOWN.value,
            gate=row.get("gate"),
            consecutive_failures=row.get("consecutive_failures") or 0,
            first_failed_at=row.get("first_failed_at"),
            last_ok_at=row.get("last_ok_at"),
            last_checked_at=row.get("last_checked_at"),
            broken_since=row.get("broken_since"),
        )
        if visit.get("hold_health"):
            # the network was down: the visit says nothing, and the resource stays due
            new = state
        else:
            new = next_health(
                state,
                check["outcome"],
                check["gate"],
                checked_at,
                policy,
                definitive=check["outcome"] == Outcome.INVALID_URL and check["status_code"] is None,
            )
        updates: dict[str, Any] = dict(new.__dict__)
        updates["last_outcome"] = check["outcome"]
        updates["last_run_id"] = visit.get("run_id")
        if check["outcome"] == Outcome.MOVED:
            updates["suggested_url"] = visit.get("suggested_url") or visit.get("final_url")
        elif check["outcome"] in (Outcome.OK, Outcome.GATED):
            updates["suggested_url"] = None
        if check["outcome"] in (Outcome.OK, Outcome.MOVED, Outcome.GATED):
            # validators of the last successful full visit, for If-None-Match next time
            updates["etag"] = visit.get("etag")
            updates["last_modified"] = visit.get("last_modified")
        run_id = visit.get("run_id")
        if row.get("health") != updates["health"]:
            changes.append(
                self._change(rid, "health", row.get("health"), updates["health"], "crawl", run_id, checked_at)
            )
        self._write_identity(row, visit, check, updates, changes)
        metadata = visit.get("metadata")
        if metadata:
            meta_updates, planned = plan_metadata_update(row, metadata)
            updates.update(meta_updates)
            updates["metadata_checked_at"] = checked_at
            for field, old, new_value, source in planned:
                changes.append(self._change(rid, field, old, new_value, source, run_id, checked_at))
        return check, updates

    def _write_identity(
        self,
        row: dict[str, Any],
        visit: dict[str, Any],
        check: dict[str, Any],
        updates: dict[str, Any],
        changes: list[dict[str, Any]],
    ) -> None:
        """The identity fields the pipeline judged (``pipelines/classify.py``), onto the check
        and the resource; a ``changes`` row when the verdict is news or the text moved.

        Nothing when the visit carries no verdict (a page not served). Health is left
        alone: a maintainer reviews these.
        """
        verdict = visit.get("identity")
        if verdict is None:
            return
        rid, run_id, at = row["id"], check["run_id"], check["checked_at"]
        fingerprint = visit.get("fingerprint")
        changed = visit.get("content_changed")
        check.update(
            identity=verdict,
            identity_score=visit.get("identity_score"),
            fingerprint=fingerprint,
            content_changed=changed,
        )
        updates.update(identity=verdict, identity_score=visit.get("identity_score"))
        if fingerprint is not None:
            updates["fingerprint"] = fingerprint
        if visit.get("identity_news"):
            changes.append(self._change(rid, "identity", row.get("identity"), verdict, "crawl", run_id, at))
        if changed:
            updates["content_changed_at"] = at
            changes.append(
                self._change(rid, "content", _hex(row.get("fingerprint")), _hex(fingerprint), "crawl", run_id, at)
            )

    # ---------------------------------------------------------- archives

    def cache_archive(
        self, url: str, archive_url: str | None, archived_at: str | None, status: ArchiveStatus | str
    ) -> None:
        """Remember a Wayback Machine lookup for ``url`` (an :class:`ArchiveStatus`)."""
        with self.transaction():
            self.db.table("archives").upsert(
                {
                    "url": url,
                    "archive_url": archive_url,
                    "archived_at": archived_at,
                    "looked_up_at": utcnow(),
                    "status": str(ArchiveStatus(status)),
                },
                pk="url",
            )


@contextmanager
def open_store(path: str | Path | None = None) -> Iterator[Store]:
    store = Store(path)
    try:
        yield store
    finally:
        store.close()
