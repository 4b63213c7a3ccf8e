"""The ``linkhealth`` command line: a thin click layer over the store, the crawl,
the report, the scheduler and Datasette. Each command's docstring carries an
example; the work is done in functions that tests call directly.
"""

from __future__ import annotations

import csv
import functools
import os
import sqlite3
import sys
from pathlib import Path

import click

from . import sanitise
from .exitcodes import ExitCode
from .importers import IMPORT_COLUMNS, JSON_COLUMNS
from .report.common import json_default
from .report.query import FAIL_ON
from .store import Store, StoreError, default_db_path, recovery_hint


class LinkhealthGroup(click.Group):
    """Every command's way out: Ctrl-C is exit 130 (not click's "Aborted!" and 1), and an
    SQLite error that got past the store is a clear stop naming the file, not a traceback."""

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except KeyboardInterrupt:
            click.echo("interrupted", err=True)
            raise click.exceptions.Exit(ExitCode.INTERRUPTED)
        except sqlite3.Error as exc:
            path = ctx.meta.get("linkhealth.db_path") or default_db_path()
            raise click.ClickException(f"{path}: {type(exc).__name__}: {exc}{recovery_hint(path, exc)}")


def _db_default() -> str:
    """The ``--db`` given before the command (``linkhealth --db PATH check``), else the default."""
    ctx = click.get_current_context(silent=True)
    given = ctx.find_root().params.get("db_path") if ctx is not None else None
    return given or default_db_path()


def db_option(fn):
    """``--db PATH``: shared by every command, before or after its name
    (default: $LINKHEALTH_DB or ./catalogue.db)."""
    return click.option(
        "--db",
        "db_path",
        type=click.Path(dir_okay=False),
        default=_db_default,
        show_default="$LINKHEALTH_DB or catalogue.db",
        help="The catalogue file.",
    )(fn)


def open_store(db_path: str, create: bool = False, verify: bool = False) -> Store:
    """The catalogue at ``db_path``; only ``import`` and ``add`` may create one, so a
    mistyped ``--db`` is an error, not an empty catalogue that reports nothing.
    ``verify``: read every page first (before a crawl or Datasette relies on the file)."""
    ctx = click.get_current_context(silent=True)
    if ctx is not None:  # for LinkhealthGroup's message, should the file fail later
        ctx.meta["linkhealth.db_path"] = db_path
    if not create and not Path(db_path).exists():
        raise click.ClickException(
            f"no catalogue at {db_path}: check --db (or $LINKHEALTH_DB), or create one with "
            "`linkhealth import FILE` or `linkhealth add URL`"
        )
    try:
        store = Store(db_path)
        if verify:
            store.verify()
        return store
    except StoreError as exc:
        raise click.ClickException(str(exc))


@click.group(cls=LinkhealthGroup)
@click.version_option(package_name="linkhealth")
@click.option(
    "--db",
    "db_path",
    type=click.Path(dir_okay=False),
    default=None,
    metavar="PATH",
    help="The catalogue file, for every command  [default: $LINKHEALTH_DB or catalogue.db].",
)
def cli(db_path):
    """linkhealth: keep a catalogue of web resources honest.

    \b
    linkhealth import seed/education_initiatives.txt
    linkhealth check
    linkhealth report
    linkhealth --db /srv/linkhealth/catalogue.db report
    """


def _parse_settings(ctx, param, values) -> dict[str, str]:
    """``-s NAME=VALUE`` pairs as a dict, refused up front when one is not NAME=VALUE."""
    settings = {}
    for item in values:
        name, sep, value = item.partition("=")
        if not sep or not name.strip():
            raise click.BadParameter(f"{item!r} is not NAME=VALUE", param_hint="-s")
        settings[name.strip()] = value
    return settings


def settings_option(help_text: str):
    """The repeatable ``-s NAME=VALUE`` of ``scrapy crawl``, shared by check, schedule and worker."""
    return click.option(
        "-s", "--set", "overrides", multiple=True, metavar="NAME=VALUE", callback=_parse_settings, help=help_text
    )


@cli.command("import")
@click.argument("file", metavar="FILE|URL")
@click.option("--dry-run", is_flag=True, help="Show what would be added and changed; write nothing.")
@click.option("--strict", is_flag=True, help="Refuse the whole file when a row's address cannot be fetched.")
@db_option
def import_(file: str, dry_run: bool, strict: bool, db_path: str) -> None:
    """Add or update resources from a .csv, .json, the seed's plain-text .txt, or a
    catalogue web page (.html file or http(s) URL: a heading per resource).

    Re-importing updates by id (or by url when a row has no id); it never
    duplicates. A file with an unknown column or an unreadable row is refused
    whole, with a message naming the column or line. A row whose address is
    not a fetchable http(s) URL is named (id and line) and imported all the
    same (it is broken at its first check); --strict refuses the file instead.
    The seed text brings the reviewed addresses.csv beside it: the researched
    addresses with where each was seen (url_source, url_confidence). A page is
    fetched once, by Scrapy, with the crawler's user agent, obeying robots.txt.

    \b
    linkhealth import seed/education_initiatives.txt
    linkhealth import resources.csv --db catalogue.db --strict
    linkhealth import https://example.org/trainings.html --dry-run
    """
    store = open_store(db_path, create=True)
    unfetchable: list[dict[str, str]] = []
    try:
        if file.startswith(("http://", "https://")):
            from .webpage import fetch_page, page_rows

            html, final_url = fetch_page(file)
            rows = page_rows(html, final_url, where=file)
        else:
            from .importers import read_rows

            rows = read_rows(file)
        if dry_run:
            counts, plan = store.plan_import(rows)
        else:
            counts = store.import_rows(rows, strict=strict, unfetchable=unfetchable)
    except StoreError as exc:
        raise click.ClickException(f"nothing imported: {exc}")
    for row in unfetchable:
        click.echo(
            f"warning: {row['where']}: {row['id']}: {row['url']!r} cannot be fetched ({row['reason']}); "
            "imported, and broken until its address is fixed",
            err=True,
        )
    if dry_run:
        for item in plan:
            if item["action"] == "add":
                click.echo(f"would add {item['id']}")
                continue
            click.echo(f"would update {item['id']}:")
            for name, (old, new) in item["fields"].items():
                click.echo(f"  {name}: {_short(old)} → {_short(new)}")
    click.echo(
        f"{file}: {counts['added']} {'would be ' if dry_run else ''}added, "
        f"{counts['updated']} {'would be ' if dry_run else ''}updated, "
        f"{counts['unchanged']} unchanged ({store.path}{', nothing written' if dry_run else ''})"
    )


def _short(value, limit: int = 80) -> str:
    """A value on one line for the dry run's listing."""
    if value is None:
        return "(none)"
    text = " ".join(str(value).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


@cli.command()
@click.option("--format", "fmt", type=click.Choice(["csv", "json"]), default="csv", show_default=True)
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="Write here instead of stdout.")
@db_option
def export(fmt, output, db_path):
    """Write the catalogue out in the import columns (it imports back unchanged).

    \b
    linkhealth export --format json -o catalogue.json
    """
    rows = open_store(db_path).export_rows()
    out = open(output, "w", encoding="utf-8", newline="") if output else sys.stdout
    try:
        if fmt == "json":
            out.write(sanitise.json_dumps(rows, indent=2, default=json_default) + "\n")
        else:
            writer = csv.DictWriter(out, fieldnames=list(IMPORT_COLUMNS), lineterminator="\n")
            writer.writeheader()
            for row in rows:
                writer.writerow(
                    {
                        k: sanitise.csv_cell(
                            sanitise.json_dumps(v, indent=None) if k in JSON_COLUMNS and v is not None else v,
                            keep_lines=True,
                        )
                        for k, v in row.items()
                    }
                )
    finally:
        if output:
            out.close()


@cli.command()
@click.argument("url")
@click.option("--title", help="The resource's title (a curated value the crawler will not overwrite).")
@click.option("--id", "resource_id", help="A stable id; default: slugged from the title or URL.")
@db_option
def add(url, title, resource_id, db_path):
    """Add one resource.

    \b
    linkhealth add https://example.org/guide.pdf --title "A guide"
    """
    store = open_store(db_path, create=True)
    try:
        rid = store.add(url, title=title, resource_id=resource_id)
    except StoreError as exc:
        raise click.ClickException(str(exc))
    click.echo(f"{rid}\t{url.strip()}")


@cli.command()
@click.argument("resource_id")
@click.option(
    "--field",
    "fields",
    multiple=True,
    type=click.Choice(["title", "description", "duration_seconds"]),
    help="Only this field (repeatable); default: every field that drifted.",
)
@click.option("--url", "take_url", is_flag=True, help="Take a moved resource's suggested address.")
@click.option("--archived", is_flag=True, help="Take the archived copy (Wayback Machine) of a dead resource.")
@db_option
def accept(resource_id, fields, take_url, archived, db_path):
    """Act on the report: take the page's title/description/duration (drift), a moved
    resource's new address (--url) or a dead one's archived copy (--archived).

    \b
    linkhealth accept cfhi-webinar --field title
    linkhealth accept moved-handbook --url
    linkhealth accept dead-webinar --archived
    """
    if sum(map(bool, (fields, take_url, archived))) > 1:
        raise click.UsageError("give one of --field, --url or --archived")
    store = open_store(db_path)
    if take_url or archived:
        try:
            old, new = _accept_address(store, resource_id, archived)
        except StoreError as exc:
            raise click.ClickException(str(exc))
        click.echo(f"{resource_id}: {old} -> {new}")
        return
    try:
        taken = store.accept_page_values(resource_id, fields or ("title", "description", "duration_seconds"))
    except StoreError as exc:
        raise click.ClickException(str(exc))
    click.echo(f"{resource_id}: took {', '.join(taken) if taken else 'nothing (no drift)'} from the page")


def _accept_address(store: Store, resource_id: str, archived: bool) -> tuple[str | None, str]:
    """Point the resource at its suggested or archived address; (old, new)."""
    from .report.archive import ArchiveLookup, cached_archive

    row = store.resource(resource_id)
    if row is None:
        raise StoreError(f"no resource with id {resource_id!r}")
    if archived:
        found = cached_archive(store, row.get("url")) or ArchiveLookup(store)(row.get("url"), row.get("created_at"))
        new = (found or {}).get("archive_url")
        if not new:
            raise StoreError(
                f"{resource_id}: no archived copy of {row.get('url')} is known "
                "(the Wayback Machine has none, or could not be reached)"
            )
    else:
        new = row.get("suggested_url")
        if not new:
            raise StoreError(f"{resource_id}: no suggested address (it is {row.get('health')}, not moved)")
    store.accept_url(resource_id, new, source="accept:archived" if archived else "accept:url")
    return row.get("url"), new


@cli.command()
@click.argument("resource_id")
@click.option("--reason", required=True, help="Why (kept with the resource, shown in Datasette).")
@db_option
def retire(resource_id, reason, db_path):
    """Take a resource out of crawls and out of the report's lists; its history stays.

    \b
    linkhealth retire old-webinar --reason "withdrawn by the publisher, no replacement"
    """
    try:
        open_store(db_path).retire(resource_id, reason)
    except StoreError as exc:
        raise click.ClickException(str(exc))
    click.echo(f"{resource_id}: retired ({reason}); `linkhealth unretire {resource_id}` undoes it")


@cli.command()
@click.argument("resource_id")
@db_option
def unretire(resource_id, db_path):
    """Crawl and report a retired resource again.

    \b
    linkhealth unretire old-webinar
    """
    try:
        open_store(db_path).unretire(resource_id)
    except StoreError as exc:
        raise click.ClickException(str(exc))
    click.echo(f"{resource_id}: back in the catalogue's crawls and report")


def notify_options(fn):
    """``--notify-email`` and ``--notify-webhook``, shared by check and schedule."""
    fn = click.option(
        "--notify-webhook",
        "webhooks",
        multiple=True,
        metavar="URL",
        help='POST a JSON {"text": …} here (Slack, Teams, Mattermost) when a run newly '
        "broke, moved or gated something (repeatable).",
    )(fn)
    return click.option(
        "--notify-email",
        "emails",
        multiple=True,
        metavar="ADDRESS",
        help="E-mail this address when a run newly broke, moved or gated something "
        "(repeatable; SMTP server from $LINKHEALTH_SMTP_HOST and _PORT).",
    )(fn)


def verbosity_options(fn):
    fn = click.option("-q", "--quiet", count=True, help="Errors and the summary only, no progress bar.")(fn)
    return click.option(
        "-v", "--verbose", count=True, help="Scrapy's full log on stderr instead of the run's log file (-vv: debug)."
    )(fn)


@cli.command()
@click.option("--all", "everything", is_flag=True, help="Check every resource, due or not.")
@click.option("--resource", "resource_ids", multiple=True, metavar="ID", help="Check this resource (repeatable).")
@settings_option("Override a Scrapy setting, as `scrapy crawl -s` does.")
@click.option("--wait", is_flag=True, help="If another crawl holds the catalogue, wait for it instead of exiting.")
@click.option("--trigger", default="manual", hidden=True)
@click.option(
    "--redis",
    "redis_url",
    metavar="URL",
    envvar="LINKHEALTH_REDIS_URL",
    help="Queue the due resources on this Redis for `linkhealth worker`s and store their "
    "results (default: $LINKHEALTH_REDIS_URL; none: crawl here). A password is best given "
    "in $LINKHEALTH_REDIS_PASSWORD or a file named by $LINKHEALTH_REDIS_PASSWORD_FILE.",
)
@click.option(
    "--workers",
    type=click.IntRange(min=0),
    default=0,
    metavar="N",
    help="With --redis: also run N workers on this machine.",
)
@notify_options
@verbosity_options
@db_option
def check(
    everything, resource_ids, overrides, wait, trigger, redis_url, workers, emails, webhooks, verbose, quiet, db_path
):
    """Crawl the due resources and record what each visit found.

    Due: never checked, failing, or not checked within the revisit interval
    (LINKHEALTH_REVISIT_HOURS); a visit made while offline leaves it due. The
    exit status says whether the crawl itself worked, not whether links are
    dead: use `report --fail-on` for that. Ctrl-C stops within seconds, keeps
    the visits made and exits 130. Scrapy's log goes to logs/check-<UTC>.log;
    stderr gets warnings (-v: the whole log, -q: errors only).

    \b
    linkhealth check
    linkhealth check --all -s CONCURRENT_REQUESTS_PER_DOMAIN=4
    linkhealth check --resource blue-campaign --notify-email curators@example.org
    linkhealth check --all --redis redis://queue.internal:6379/0 --workers 2
    """
    from .crawl import CrawlFailed, CrawlInterrupted, run_crawl

    if workers and not redis_url:
        raise click.UsageError("--workers needs --redis")
    store = open_store(db_path, verify=True)  # clear message for an unusable file, before Scrapy starts
    unknown = [rid for rid in dict.fromkeys(resource_ids) if store.resource(rid) is None]
    store.close()
    if unknown:
        raise click.BadParameter(
            f"no resource with id {', '.join(map(repr, unknown))} in {db_path}", param_hint="--resource"
        )
    extra = {"verbosity": verbose - quiet}
    if redis_url:  # feed a shared queue and be the one writer (linkhealth/distributed/workers.py)
        _distributed().hide_password_from_ps(redis_url)
        run_crawl = functools.partial(_distributed().run_distributed, redis_url=redis_url, workers=workers)
        extra = {}
    try:
        summary = run_crawl(
            db_path,
            everything=everything,
            resource_ids=list(resource_ids),
            overrides=overrides,
            wait=wait,
            trigger=trigger,
            **extra,
        )
    except CrawlInterrupted as exc:
        click.echo(str(exc))
        click.echo("interrupted: the visits made are kept; the rest stay due", err=True)
        raise click.exceptions.Exit(ExitCode.INTERRUPTED)
    except CrawlFailed as exc:
        _notify(db_path, emails, webhooks)
        raise click.ClickException(str(exc))
    click.echo(summary)
    _notify(db_path, emails, webhooks)


def _notify(db_path: str, emails, webhooks) -> None:
    """Send the run's notifications; a failure is said on stderr and never changes the exit status."""
    if not emails and not webhooks:
        return
    from .notify import notify

    try:
        store = Store(db_path)
    except StoreError as exc:
        click.echo(f"notification failed: {exc}", err=True)
        return
    try:
        for line in notify(store, emails, webhooks):
            click.echo(line, err=line.startswith("notification failed"))
    finally:
        store.close()


@cli.command()
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["terminal", "md", "html", "csv", "json"]),
    default="terminal",
    show_default=True,
)
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="Write here instead of stdout.")
@click.option(
    "--fail-on",
    "fail_on",
    multiple=True,
    type=click.Choice(FAIL_ON),
    help=f"Exit {int(ExitCode.FAIL_ON)} when any resource is in this state (repeatable), for CI.",
)
@click.option(
    "--archive/--no-archive",
    default=True,
    show_default=True,
    help="Look up archived copies of dead resources in the Wayback Machine.",
)
@click.option(
    "--summary", "short", is_flag=True, help="Only the counts and what the last run newly broke, moved or gated."
)
@db_option
def report(fmt, output, fail_on, archive, short, db_path):
    """The broken-link report: newly broken, still broken, failing, gated, moved, drift, …

    \b
    linkhealth report
    linkhealth report --summary
    linkhealth report --format html -o report.html
    linkhealth report --fail-on broken
    """
    from .report import build_report, render_report, should_fail

    store = open_store(db_path)
    data = build_report(store, archive=archive and not short)
    color = fmt == "terminal" and not output and sys.stdout.isatty() and "NO_COLOR" not in os.environ
    if short:
        from .report.summary import render_summary

        text = render_summary(data)
    else:
        text = render_report(data, fmt, color=color)
    if output:
        Path(output).write_text(text, encoding="utf-8", newline="")
        click.echo(f"report written to {output}", err=True)
    else:
        click.echo(text, nl=not text.endswith("\n"))
    if should_fail(data, fail_on):
        sys.exit(ExitCode.FAIL_ON)


@cli.command()
@click.option("--at", "at", metavar="HH:MM", help="Run every day at this time (default 02:30).")
@click.option("--cron", "cron", metavar="EXPR", help="A crontab expression, e.g. '30 2 * * *'.")
@click.option("--timezone", "tz", metavar="TZ", help="IANA time zone (default: the machine's).")
@click.option("--print-next", "print_next", is_flag=True, help="Show the coming runs and exit.")
@settings_option("Scrapy setting for each scheduled crawl.")
@click.option(
    "--backups",
    type=click.IntRange(min=0),
    default=None,
    metavar="N",
    help="Copies of the catalogue kept, one taken before each run writes "
    "(default $LINKHEALTH_BACKUPS or 7; 0: none). In backups/ beside it or $LINKHEALTH_BACKUP_DIR.",
)
@notify_options
@db_option
def schedule(at, cron, tz, print_next, overrides, backups, emails, webhooks, db_path):
    """Run the nightly crawl on a schedule, in the foreground (APScheduler).

    Each crawl runs as its own process, logged to a file per run, after a
    backup of the catalogue (VACUUM INTO).

    \b
    linkhealth schedule --at 02:30 --timezone Europe/London --notify-email curators@example.org
    linkhealth schedule --cron '30 2 * * 1-5' --print-next
    """
    from schedules.nightly import ScheduleError, print_next_runs, run_scheduler

    if at and cron:
        raise click.UsageError("give --at or --cron, not both")
    try:
        if print_next:
            click.echo(print_next_runs(at=at, cron=cron, timezone=tz))
            return
        open_store(db_path, verify=True).close()  # a missing catalogue is said now, not at 02:30 each night
        run_scheduler(
            db_path,
            at=at,
            cron=cron,
            timezone=tz,
            overrides=[f"{k}={v}" for k, v in overrides.items()],
            backups=backups,
            notify=[*(f"--notify-email={e}" for e in emails), *(f"--notify-webhook={w}" for w in webhooks)],
        )
    except ScheduleError as exc:
        raise click.ClickException(str(exc))


def _distributed():
    """linkhealth.distributed, or a clear message when the redis extra is not installed."""
    try:
        from . import distributed
    except ImportError as exc:
        raise click.ClickException(f"running on Redis needs the redis extra ({exc}): pip install 'linkhealth[redis]'")
    return distributed


@cli.command()
@click.option(
    "--redis",
    "redis_url",
    metavar="URL",
    envvar="LINKHEALTH_REDIS_URL",
    required=True,
    help="The Redis that `linkhealth check --redis URL` feeds (default: $LINKHEALTH_REDIS_URL; "
    "password: $LINKHEALTH_REDIS_PASSWORD or the file $LINKHEALTH_REDIS_PASSWORD_FILE).",
)
@click.option("--once", is_flag=True, help="Exit when no run is active any more (after at least one was).")
@click.option(
    "--max-idle",
    type=click.FloatRange(min=0),
    default=0,
    metavar="SECONDS",
    help="Exit after this long with nothing to do (0: never).",
)
@settings_option("Override a Scrapy setting, as `scrapy crawl -s` does.")
def worker(redis_url, once, max_idle, overrides):
    """Crawl from a shared Redis queue: one of many machines checking one catalogue.

    Takes due resources that `check --redis` queued, visits and judges them, and
    hands the results back through Redis to the one writer of the catalogue.
    Per-host limits (CONCURRENT_REQUESTS_PER_DOMAIN) hold across all workers.
    A worker that dies loses nothing: its resources go to another. When Redis
    goes away it retries for LINKHEALTH_REDIS_RECONNECT_SECONDS, then exits 1.
    See docs/scaling.md.

    \b
    linkhealth worker --redis redis://queue.internal:6379/0
    linkhealth worker --redis redis://127.0.0.1:6379/0 --once -s CONCURRENT_REQUESTS=64
    LINKHEALTH_REDIS_PASSWORD_FILE=/run/credentials/redis linkhealth worker --redis redis://queue.internal:6379/0
    """
    distributed = _distributed()
    distributed.hide_password_from_ps(redis_url)
    try:
        stats = distributed.run_worker(redis_url, overrides=overrides, once=once, max_idle=max_idle)
    except distributed.DistributedError as exc:
        raise click.ClickException(str(exc))
    click.echo(
        f"worker: {stats.get('linkhealth/results_sent', 0)} results sent ({stats.get('finish_reason', 'finished')})",
        err=True,
    )


@cli.command(context_settings={"ignore_unknown_options": True, "allow_extra_args": True})
@click.option("-p", "--port", default=8001, show_default=True, type=int)
@click.option("--host", default="127.0.0.1", show_default=True)
@click.argument("extra", nargs=-1, type=click.UNPROCESSED)
@db_option
def serve(port, host, extra, db_path):
    """Browse the catalogue in Datasette, with canned queries (broken_links, gated_resources, …).

    Read-only. Further options pass through to `datasette serve`.

    \b
    linkhealth serve -p 8001
    """
    from .serve import serve_datasette

    open_store(db_path, verify=True).close()  # migrate first: Datasette opens the file read-only
    serve_datasette(db_path, port=port, host=host, extra=list(extra))


def main():  # pragma: no cover
    cli()
