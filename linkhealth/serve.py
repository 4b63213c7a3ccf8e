"""Datasette over the catalogue, with the project's metadata, canned queries and facets.

Read-only, and safe beside a nightly crawl that writes the same file:

- The file is given to Datasette as an ordinary (mutable) database,
  ``Datasette(files=[path])``, not ``immutables=[...]``: an immutable
  database is opened with ``?immutable=1``, which tells SQLite the file never
  changes, so it would serve stale or torn pages while a crawl writes.
  Mutable databases are read through ``file:...?mode=ro`` connections: SQLite
  itself refuses every write on them, and WAL mode lets them read while the
  crawl writes.
- Datasette 0.65 writes only through canned queries marked ``write: true``;
  none of ours is, and arbitrary SQL (``?sql=``) runs on the same read-only
  connections ("Statement must be a SELECT").
- A small ASGI wrapper (the ``asgi_wrapper`` plugin hook, registered by this
  module) answers every request other than GET/HEAD/OPTIONS with 405, so no
  plugin or form can reach a write path (Datasette 0.65 answers a POST to a
  read-only canned query with a 500 otherwise).

Safe to show to anyone who can reach the port (any visitor may run any SELECT):

- Memory per query is bounded: every connection gets SQLite's
  ``SQLITE_LIMIT_LENGTH`` (no string, blob or row over ``MAX_VALUE_BYTES``, so
  ``select randomblob(200000000)`` fails at once instead of allocating 200 MB)
  and ``SQLITE_LIMIT_SQL_LENGTH``; Datasette's own ``SERVE_SETTINGS`` bound the
  time, the rows and the CSV of each query. At most ``num_sql_threads`` queries
  run at once, so the worst case is threads x rows x value size.
- Nothing tells a visitor where the file lives or which process serves it: the
  introspection pages that show the absolute path, the Python executable or
  the server's tasks (``HIDDEN_PAGES``) answer 404, and an SQLite authorizer
  reads ``runs.pid``, ``runs.log_path`` and ``pragma_database_list.file`` as
  NULL (``HIDDEN_COLUMNS``) in every query.
- The JSON columns (``JSON_COLUMNS``) are shown as lists, not raw JSON, and the
  column descriptions sit in a closed ``<details>`` above each table
  (``datasette/templates/table.html``) so the rows stay on the first screen.

The metadata lives in ``linkhealth/datasette/metadata.yml``; the part about
the database is filed under the database's name, which Datasette takes from
the file's stem (``catalogue`` for ``catalogue.db``), so it applies whatever
the file is called.
"""

from __future__ import annotations

import copy
import json
import sqlite3
import sys
import tempfile
from pathlib import Path
from typing import Any

import yaml
from datasette import hookimpl
from markupsafe import Markup, escape

from .outcomes import (
    GATE_DESCRIPTIONS,
    HEALTH_DESCRIPTIONS,
    INCONCLUSIVE,
    OUTCOME_DESCRIPTIONS,
    RUN_STATUS_DESCRIPTIONS,
    URL_CONFIDENCE_DESCRIPTIONS,
)

METADATA_FILE = Path(__file__).parent / "datasette" / "metadata.yml"
TEMPLATE_DIR = Path(__file__).parent / "datasette" / "templates"

#: The longest string, blob or row any query may make (SQLITE_LIMIT_LENGTH). The
#: catalogue's own values are far shorter (page_description is cut at 5,000
#: characters, a redirect chain at 10 hops).
MAX_VALUE_BYTES = 64 * 1024
#: The longest SQL text a visitor may send (SQLITE_LIMIT_SQL_LENGTH).
MAX_SQL_BYTES = 64 * 1024
#: Datasette's own bounds on one query; ``--setting`` on the command line wins.
SERVE_SETTINGS: dict[str, Any] = {
    "allow_download": False,
    "sql_time_limit_ms": 1000,
    "max_returned_rows": 1000,
    "max_csv_mb": 10,
    "num_sql_threads": 3,
}
#: Introspection pages that show the file's absolute path (databases), the Python
#: executable and build (versions), the server's threads and task frames
#: (threads) or what is installed (plugins): 404 for every visitor.
HIDDEN_PAGES = ("/-/databases", "/-/versions", "/-/threads", "/-/plugins")
#: Columns read as NULL in every SELECT: where the scheduler's logs live, the
#: crawl's process id, and the database file's path (``pragma_database_list``,
#: a pragma function Datasette allows in queries; its own ``PRAGMA
#: database_list`` statement, which no visitor can send, still sees it).
HIDDEN_COLUMNS = {("runs", "pid"), ("runs", "log_path"), ("pragma_database_list", "file")}
#: JSON columns rendered as lists in the HTML pages (the JSON API keeps the JSON).
JSON_COLUMNS = ("redirect_chain", "counts", "field_sources")
CANNED_QUERIES = (
    "broken_links",
    "gated_resources",
    "moved_resources",
    "metadata_drift",
    "recent_checks",
    "resource_history",
    "identity_review",
)


def _vocabulary(intro: str, descriptions: dict) -> str:
    """A column description listing every value with its meaning (from outcomes.py)."""
    return intro + " " + "; ".join(f"{key.value}: {text}" for key, text in descriptions.items()) + "."


READ_METHODS = ("GET", "HEAD", "OPTIONS")


def _hidden_page(path: str) -> bool:
    """Whether ``path`` is one of HIDDEN_PAGES, in any of its formats (``.json``, ``/``)."""
    path = path.rstrip("/")
    for page in HIDDEN_PAGES:
        if path == page or (path.startswith(page + ".") and "/" not in path[len(page) :]):
            return True
    return False


async def _refuse(send, status: int, text: bytes, headers=()) -> None:
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [(b"content-type", b"text/plain; charset=utf-8"), *headers],
        }
    )
    await send({"type": "http.response.body", "body": text})


@hookimpl
def asgi_wrapper(datasette):
    """Refuse every write-shaped request (POST, PUT, PATCH, DELETE) with 405, and
    answer the introspection pages that show paths and processes with 404."""

    def wrap(app):
        async def read_only(scope, receive, send):
            if scope.get("type") == "http" and scope.get("method", "GET").upper() not in READ_METHODS:
                await _refuse(
                    send, 405, b"405: linkhealth serves the catalogue read-only\n", [(b"allow", b"GET, HEAD, OPTIONS")]
                )
                return
            if scope.get("type") == "http" and _hidden_page(scope.get("path", "")):
                await _refuse(send, 404, b"404: not shown by linkhealth serve\n")
                return
            await app(scope, receive, send)

        return read_only

    return wrap


def _authorizer(action, arg1, arg2, dbname, source):
    """SQLite's authorizer: HIDDEN_COLUMNS read as NULL, whatever the query."""
    if action == sqlite3.SQLITE_READ and (arg1, arg2) in HIDDEN_COLUMNS:
        return sqlite3.SQLITE_IGNORE
    return sqlite3.SQLITE_OK


def limit_connection(conn: sqlite3.Connection) -> None:
    """Bound what one query on ``conn`` can allocate and what it can see."""
    if hasattr(conn, "setlimit"):  # Python 3.11+
        conn.setlimit(sqlite3.SQLITE_LIMIT_LENGTH, MAX_VALUE_BYTES)
        conn.setlimit(sqlite3.SQLITE_LIMIT_SQL_LENGTH, MAX_SQL_BYTES)
    conn.set_authorizer(_authorizer)


@hookimpl
def prepare_connection(conn, database, datasette):
    """Every connection Datasette opens, ours or its internal one, is limited."""
    limit_connection(conn)


#: Inline styles, so the lists look the same on table, row and query pages.
_LIST_STYLE = {
    "ol": "margin:0;padding-left:1.6em;list-style:decimal",
    "ul": "margin:0;padding:0;list-style:none",
}


def _is_hop(item: Any) -> bool:
    return isinstance(item, dict) and isinstance(item.get("url"), str)


def _hop(item: dict[str, Any]) -> Markup:
    """One step of a redirect chain ({url, status, location}) as ``301 http://…``."""
    status = item.get("status")
    return escape(f"{status} {item['url']}" if status not in (None, "") else item["url"])


def _json_html(value: Any) -> Markup:
    """A JSON value as HTML: a list as an ordered list, an object as ``key: value`` lines."""
    if isinstance(value, list):
        items = "".join(f"<li>{_hop(item) if _is_hop(item) else _json_html(item)}</li>" for item in value)
        return Markup(f'<ol class="linkhealth-json" style="{_LIST_STYLE["ol"]}">{items}</ol>')
    if isinstance(value, dict):
        items = "".join(
            f'<li style="white-space:nowrap"><strong>{escape(key)}</strong>: {_json_html(item)}</li>'
            for key, item in value.items()
        )
        return Markup(f'<ul class="linkhealth-json" style="{_LIST_STYLE["ul"]}">{items}</ul>')
    return escape("null" if value is None else str(value))


@hookimpl
def render_cell(value, column):
    """``redirect_chain``, ``counts`` and ``field_sources`` as lists, one entry a line."""
    if column not in JSON_COLUMNS or not isinstance(value, str):
        return None
    try:
        data = json.loads(value)
    except ValueError:
        return None  # not JSON after all: Datasette shows the text
    if not isinstance(data, (list, dict)) or not data:
        return None
    return _json_html(data)


def register_read_only_plugin() -> None:
    """Register this module's hooks with Datasette (once per process)."""
    from datasette.plugins import pm

    module = sys.modules[__name__]
    if not pm.is_registered(module):
        pm.register(module, name="linkhealth-read-only")


def database_name(db_path: str | Path) -> str:
    """The name Datasette gives the file (and uses in URLs): its stem."""
    return Path(db_path).stem


def datasette_metadata(db_name: str = "catalogue") -> dict[str, Any]:
    """The Datasette metadata dict, with the database part filed under ``db_name``."""
    base = yaml.safe_load(METADATA_FILE.read_text(encoding="utf-8"))
    base = copy.deepcopy(base)
    database = base.pop("database")
    outcome = _vocabulary("What one visit found. One of", OUTCOME_DESCRIPTIONS)
    health = _vocabulary("What the history of visits says. One of", HEALTH_DESCRIPTIONS)
    gate = _vocabulary("What stands between a reader and the resource. One of", GATE_DESCRIPTIONS)
    confidence = _vocabulary(
        "What kind of address url is (url_source says where it was seen). One of", URL_CONFIDENCE_DESCRIPTIONS
    )
    vocab = {"outcome": outcome, "last_outcome": outcome, "health": health, "gate": gate, "url_confidence": confidence}
    inconclusive = ", ".join(sorted(o.value for o in INCONCLUSIVE))
    tables = database.setdefault("tables", {})
    for name, column_names in {
        "resources": ("health", "gate", "last_outcome", "url_confidence"),
        "checks": ("outcome", "gate"),
        "resource_status": ("health", "gate", "outcome"),
        "broken_links_view": ("health", "outcome"),
    }.items():
        columns = tables.setdefault(name, {}).setdefault("columns", {})
        for column in column_names:
            columns[column] = vocab[column]
    tables["checks"]["columns"]["inconclusive"] = (
        f"1 when the visit says nothing about the resource ({inconclusive}): it never counts toward broken"
    )
    # How a run ended, from the same vocabulary the crawl writes it with.
    runs = tables.setdefault("runs", {}).setdefault("columns", {})
    runs["status"] = _vocabulary("How the run ended. One of", RUN_STATUS_DESCRIPTIONS)
    base["databases"] = {db_name: database}
    return base


def make_datasette(db_path: str | Path, settings: dict[str, Any] | None = None):
    """A Datasette instance over the catalogue, read-only, with the project's metadata."""
    from datasette.app import Datasette

    register_read_only_plugin()
    path = str(Path(db_path).resolve())
    return Datasette(
        files=[path],
        metadata=datasette_metadata(database_name(db_path)),
        settings={**SERVE_SETTINGS, **(settings or {})},
        template_dir=str(TEMPLATE_DIR),
    )


def write_metadata_file(db_path: str | Path, folder: str | Path) -> Path:
    """The metadata for this catalogue as a JSON file in ``folder`` (for ``datasette serve``)."""
    target = Path(folder) / "linkhealth-metadata.json"
    target.write_text(
        json.dumps(datasette_metadata(database_name(db_path)), indent=2, ensure_ascii=False),
        encoding="utf-8",
    )
    return target


def serve_command_args(db_path: str | Path, metadata_file: str | Path, port: int, host: str, extra=()) -> list[str]:
    """``datasette serve`` arguments; SERVE_SETTINGS first, so ``--setting`` in ``extra`` wins."""
    settings = []
    for name, value in SERVE_SETTINGS.items():
        if isinstance(value, bool):
            value = "on" if value else "off"
        settings += ["--setting", name, str(value)]
    return [
        "serve",
        str(db_path),
        "--metadata",
        str(metadata_file),
        "--template-dir",
        str(TEMPLATE_DIR),
        "-p",
        str(port),
        "-h",
        host,
        *settings,
        *extra,
    ]


def exposure_warning(host: str) -> str | None:
    """What to tell whoever serves beyond this machine (docs/datasette.md, "Beyond localhost")."""
    if host in ("127.0.0.1", "localhost", "::1") or host.startswith("127."):
        return None
    return (
        f"serving on {host}: anyone who can reach this port can read the whole catalogue "
        "and run any SELECT on it. Put a password in front (docs/datasette.md)."
    )


def serve_datasette(db_path: str | Path, port: int = 8001, host: str = "127.0.0.1", extra=()) -> None:
    """Run ``datasette serve`` over the catalogue in the foreground; extra options pass through."""
    from datasette.cli import cli as datasette_cli

    register_read_only_plugin()
    warning = exposure_warning(host)
    if warning:
        print(f"warning: {warning}", file=sys.stderr, flush=True)
    with tempfile.TemporaryDirectory(prefix="linkhealth-datasette-") as folder:
        metadata_file = write_metadata_file(db_path, folder)
        args = serve_command_args(db_path, metadata_file, port, host, list(extra))
        datasette_cli.main(args=args, prog_name="linkhealth serve")
