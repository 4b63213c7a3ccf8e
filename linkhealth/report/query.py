"""The one query behind every report format: the catalogue's state as a plain dict.

:func:`build_report` reads the store and returns a JSON-serialisable dict
(schema: docs/report.md); the renderers (terminal, md, html, csv, json) only
format it. Nothing here writes to the catalogue except the archive cache.
"""

from __future__ import annotations

import json
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from ..curation import owner_of
from ..outcomes import (
    FAILURES,
    GATE_DESCRIPTIONS,
    INCONCLUSIVE,
    OUTCOME_DESCRIPTIONS,
    Gate,
    Health,
    Outcome,
    RunStatus,
)
from .archive import ArchiveLookup, cached_archive, wayback_endpoint

SCHEMA_VERSION = 1
#: The report's sections, in the order a maintainer reads them.
SECTIONS = (
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
)
HEALTH_ORDER = tuple(
    h.value for h in (Health.HEALTHY, Health.MOVED, Health.GATED, Health.FAILING, Health.BROKEN, Health.UNKNOWN)
)
#: Inconclusive outcomes listed per resource; network_down is a fact about the
#: crawler, reported once in ``last_run.network_down``.
LISTED_INCONCLUSIVE = tuple(sorted(o.value for o in INCONCLUSIVE if o is not Outcome.NETWORK_DOWN))
#: Outcomes of a visit that found the page served: its identity is judged.
SERVED = (Outcome.OK.value, Outcome.MOVED.value)
DRIFT_FIELDS = ("title", "description", "duration_seconds")
HISTORY_RUNS = 14


def _iso(now: datetime | str | None) -> str:
    if now is None:
        return datetime.now(timezone.utc).replace(microsecond=0).isoformat()
    if isinstance(now, str):
        return now
    if now.tzinfo is None:
        now = now.replace(tzinfo=timezone.utc)
    return now.astimezone(timezone.utc).replace(microsecond=0).isoformat()


def _in(values) -> str:
    return "(" + ", ".join(f"'{v}'" for v in sorted(values)) + ")"


def _latest_checks(db, where: str = "1 = 1") -> dict[str, dict[str, Any]]:
    """Each resource's newest check (by checked_at, then id) among those matching ``where``."""
    sql = f"""
        select * from (
          select c.*, row_number() over (
            partition by c.resource_id order by c.checked_at desc, c.id desc
          ) as _n
          from checks c where {where}
        ) where _n = 1
    """
    out = {}
    for row in db.query(sql):
        row.pop("_n", None)
        out[row["resource_id"]] = row
    return out


def _visit(check: dict[str, Any] | None) -> dict[str, Any] | None:
    if not check:
        return None
    return {
        "outcome": check.get("outcome"),
        "status_code": check.get("status_code"),
        "final_url": check.get("final_url"),
        "detail": check.get("detail"),
        "checked_at": check.get("checked_at"),
        "run_id": check.get("run_id"),
    }


def _resource_item(row: dict[str, Any], last: dict[str, Any] | None) -> dict[str, Any]:
    last = last or {}
    return {
        "id": row["id"],
        "title": row.get("title"),
        "url": row.get("url"),
        "provider": row.get("provider"),
        "kind": row.get("kind"),
        "health": row.get("health") or Health.UNKNOWN.value,
        "gate": row.get("gate"),
        "outcome": last.get("outcome") or row.get("last_outcome"),
        "status_code": last.get("status_code"),
        "final_url": last.get("final_url"),
        "detail": last.get("detail"),
        "checked_at": last.get("checked_at") or row.get("last_checked_at"),
        "last_ok_at": row.get("last_ok_at"),
        "first_failed_at": row.get("first_failed_at"),
        "broken_since": row.get("broken_since"),
        "consecutive_failures": row.get("consecutive_failures") or 0,
        "suggested_url": row.get("suggested_url"),
        "created_at": row.get("created_at"),
    }


def _run_info(store, run: dict[str, Any] | None) -> dict[str, Any] | None:
    if not run:
        return None
    counts = store.outcome_counts(run["id"])
    checked = sum(counts.values())
    down = counts.get(Outcome.NETWORK_DOWN.value, 0)
    return {
        "id": run["id"],
        "started_at": run.get("started_at"),
        "finished_at": run.get("finished_at"),
        "trigger": run.get("trigger"),
        "status": run.get("status"),
        "checked": checked,
        "counts": counts,
        "duration_seconds": run.get("duration_seconds"),
        "exit_code": run.get("exit_code"),
        "log_path": run.get("log_path"),
        "note": run.get("note"),
        "network_down": run.get("status") == RunStatus.NETWORK_DOWN or down > 0,
        "network_down_checks": down,
    }


def _history(store, runs: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Health counts as they stood at the end of each of the last runs (for the chart)."""
    out = []
    for run in runs:
        end = run.get("finished_at") or run.get("started_at") or ""
        counts = {h: 0 for h in HEALTH_ORDER}
        for row in store.db.query(
            """
            select coalesce((
                select ch.new_value from changes ch
                where ch.resource_id = r.id and ch.field = 'health' and ch.run_id <= :run
                order by ch.run_id desc, ch.id desc limit 1
              ), :unknown) as health, count(*) as n
            from resources r
            where r.created_at is null or r.created_at <= :end
            group by 1
            """,
            {"run": run["id"], "end": end, "unknown": Health.UNKNOWN.value},
        ):
            counts[row["health"] if row["health"] in counts else Health.UNKNOWN.value] += row["n"]
        out.append(
            {
                "id": run["id"],
                "started_at": run.get("started_at"),
                "trigger": run.get("trigger"),
                "status": run.get("status"),
                "checked": store.db.execute("select count(*) from checks where run_id = ?", [run["id"]]).fetchone()[0],
                "health": counts,
            }
        )
    return out


def _page_source(db, resource_id: str, field: str) -> str | None:
    rows = list(
        db.query(
            "select source from changes where resource_id = ? and field = ? order by changed_at desc, id desc limit 1",
            [resource_id, f"page_{field}"],
        )
    )
    if not rows or not rows[0]["source"]:
        return None
    source = rows[0]["source"]
    return source[len("page:") :] if source.startswith("page:") else source


def build_report(
    store,
    archive: bool = True,
    now: datetime | str | None = None,
    endpoint: str | None = None,
    history: int = HISTORY_RUNS,
    timeout: float = 5.0,
) -> dict[str, Any]:
    """Everything the report shows, as a JSON-serialisable dict (schema: docs/report.md).

    ``archive``: look up archived copies of broken/failing resources in the
    Wayback Machine (cached; never blocks: see archive.py). Without it only
    cached copies are shown.
    """
    db = store.db
    generated_at = _iso(now)
    runs = list(db.query("select * from runs order by id"))
    last_run = runs[-1] if runs else None
    everything = list(db.query("select * from resources order by id"))
    # retired resources keep their history but need no action: out of every list and count
    resources = [row for row in everything if not row.get("retired_at")]
    latest = _latest_checks(db)
    latest_failure = _latest_checks(db, f"c.outcome in {_in(o.value for o in FAILURES)}")
    newly_ids: set[str] = set()
    if last_run:
        newly_ids = {
            row["resource_id"]
            for row in db.query(
                "select distinct resource_id from changes where field = 'health' and new_value = ? and run_id = ?",
                [Health.BROKEN.value, last_run["id"]],
            )
        }

    lookup = ArchiveLookup(store, endpoint, timeout) if archive else None

    def with_failure(row, item):
        item["failure"] = _visit(latest_failure.get(row["id"]))
        if lookup is not None:
            item["archive"] = lookup(row.get("url"), row.get("created_at"))
        else:
            item["archive"] = cached_archive(store, row.get("url"))
        return item

    sections: dict[str, list[dict[str, Any]]] = {name: [] for name in SECTIONS}
    for row in resources:
        rid = row["id"]
        health = row.get("health") or Health.UNKNOWN.value
        last = latest.get(rid)
        url = (row.get("url") or "").strip()
        if not url:
            sections["no_url"].append(
                {
                    "id": rid,
                    "title": row.get("title"),
                    "url": row.get("url"),
                    "provider": row.get("provider"),
                    "kind": row.get("kind"),
                    "access_note": row.get("access_note"),
                    "notes": row.get("notes"),
                }
            )
        soft_404 = (
            health in (Health.BROKEN.value, Health.FAILING.value)
            and (latest_failure.get(rid) or {}).get("outcome") == Outcome.SOFT_404.value
        )
        if soft_404 and rid not in newly_ids:
            # once per report: under soft 404s, not again under broken or failing
            sections["soft_404"].append(with_failure(row, _resource_item(row, last)))
        elif health == Health.BROKEN.value:
            item = with_failure(row, _resource_item(row, last))
            sections["newly_broken" if rid in newly_ids else "broken"].append(item)
        elif health == Health.FAILING.value:
            sections["failing"].append(with_failure(row, _resource_item(row, last)))
        elif health == Health.GATED.value:
            item = _resource_item(row, last)
            try:
                item["gate_description"] = GATE_DESCRIPTIONS[Gate(row.get("gate"))]
            except ValueError:
                item["gate_description"] = None
            sections["gated"].append(item)
        elif health == Health.MOVED.value:
            item = _resource_item(row, last)
            item["suggested_url"] = row.get("suggested_url") or (last or {}).get("final_url")
            sections["moved"].append(item)
        if last and last.get("outcome") in LISTED_INCONCLUSIVE:
            item = _resource_item(row, last)
            item["outcome_description"] = OUTCOME_DESCRIPTIONS[Outcome(last["outcome"])]
            sections["inconclusive"].append(item)
        for field in DRIFT_FIELDS:
            page_value = row.get(f"page_{field}")
            value = row.get(field)
            if page_value is None or page_value == value:
                continue
            if owner_of(row, field) != "curator":
                continue
            sections["drift"].append(
                {
                    "id": rid,
                    "title": row.get("title"),
                    "url": row.get("url"),
                    "field": field,
                    "catalogue_value": value,
                    "page_value": page_value,
                    "page_source": _page_source(db, rid, field),
                    "metadata_checked_at": row.get("metadata_checked_at"),
                }
            )

        if last and last.get("outcome") in SERVED:
            if last.get("identity") == "mismatch":
                item = _resource_item(row, last)
                item.update(
                    identity_score=last.get("identity_score"),
                    page_title=row.get("page_title"),
                    provider=row.get("provider"),
                )
                sections["identity"].append(item)
            if last.get("content_changed"):
                item = _resource_item(row, last)
                item["content_changed_at"] = row.get("content_changed_at") or last.get("checked_at")
                sections["content_changed"].append(item)

    def since(item):
        return (item.get("broken_since") or item.get("first_failed_at") or "", item["id"])

    sections["newly_broken"].sort(key=lambda i: i["id"])
    sections["broken"].sort(key=since)
    sections["failing"].sort(key=lambda i: (i.get("first_failed_at") or "", i["id"]))
    sections["gated"].sort(key=lambda i: (i.get("gate") or "", i["id"]))

    health_counts = {h: 0 for h in HEALTH_ORDER}
    for row in resources:
        h = row.get("health") or Health.UNKNOWN.value
        health_counts[h if h in health_counts else Health.UNKNOWN.value] += 1
    summary = {
        "resources": len(resources),
        **health_counts,
        "retired": len(everything) - len(resources),
        "newly_broken": len(sections["newly_broken"]),
        "still_broken": len(sections["broken"]),
        "soft_404": len(sections["soft_404"]),
        "no_url": len(sections["no_url"]),
        "drift": len(sections["drift"]),
        "drift_resources": len({d["id"] for d in sections["drift"]}),
        "inconclusive": len(sections["inconclusive"]),
        "identity": len(sections["identity"]),
        "content_changed": len(sections["content_changed"]),
        "archived_copies": sum(
            1 for name in ("newly_broken", "broken", "failing", "soft_404") for i in sections[name] if i.get("archive")
        ),
    }
    return {
        "schema_version": SCHEMA_VERSION,
        "generated_at": generated_at,
        "catalogue": Path(store.path).name,
        "last_run": _run_info(store, last_run),
        "summary": summary,
        "news": newly_changed(db, last_run["id"]) if last_run else {k: [] for k in NEWS},
        **sections,
        "runs": _history(store, runs[-history:] if history else []),
        "archive_lookup": {
            "enabled": bool(archive),
            "endpoint": wayback_endpoint(endpoint) if archive else None,
            "asked": lookup.asked if lookup else 0,
            "error": lookup.error if lookup else None,
        },
    }


#: What a run can newly find, as ``news`` of the report, in the summary and in notifications.
NEWS = (Health.BROKEN.value, Health.MOVED.value, Health.GATED.value)
#: The states ``report --fail-on`` takes.
FAIL_ON = (Health.BROKEN.value, Health.FAILING.value, Health.GATED.value)


def newly_changed(db, run_id: int) -> dict[str, list[dict[str, Any]]]:
    """The resources that became broken, moved or gated in run ``run_id`` and still are:
    what ``report --summary`` and a notification tell (not retired ones)."""
    news: dict[str, list[dict[str, Any]]] = {k: [] for k in NEWS}
    marks = ", ".join("?" for _ in NEWS)
    for row in db.query(
        f"""
        select distinct r.id, r.title, r.url, r.health, r.gate, r.suggested_url
        from changes ch join resources r on r.id = ch.resource_id
        where ch.field = 'health' and ch.run_id = ? and ch.new_value in ({marks})
          and r.health = ch.new_value and r.retired_at is null
        order by r.id
        """,
        [run_id, *NEWS],
    ):
        news[row["health"]].append(row)
    return news


def should_fail(data: dict[str, Any], fail_on) -> bool:
    """True when any resource is in one of the ``fail_on`` states (broken, failing, gated)."""
    summary = data.get("summary") or {}
    for state in fail_on or ():
        if state not in FAIL_ON:
            raise ValueError(f"--fail-on {state!r}: expected {', '.join(FAIL_ON[:-1])} or {FAIL_ON[-1]}")
        if summary.get(state, 0) > 0:
            return True
    return False


def dumps(data: dict[str, Any]) -> str:
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"
