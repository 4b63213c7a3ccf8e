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

The metadata lives in ``linkhealth/datasette/metadata.yml``; the part about
the database is filed under the database's name, which Datasette takes from
the file's stem (``catalogue`` for ``catalogue.db``), so it applies whatever
the file is called.
"""

from __future__ import annotations

import copy
import json
import tempfile
from pathlib import Path
from typing import Any

import yaml
from datasette import hookimpl

from .outcomes import (
    GATE_DESCRIPTIONS,
    HEALTH_DESCRIPTIONS,
    INCONCLUSIVE,
    OUTCOME_DESCRIPTIONS,
    URL_CONFIDENCE_DESCRIPTIONS,
)

METADATA_FILE = Path(__file__).parent / "datasette" / "metadata.yml"
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


@hookimpl
def asgi_wrapper(datasette):
    """Refuse every write-shaped request (POST, PUT, PATCH, DELETE) with 405."""

    def wrap(app):
        async def read_only(scope, receive, send):
            if scope.get("type") == "http" and scope.get("method", "GET").upper() not in READ_METHODS:
                await send(
                    {
                        "type": "http.response.start",
                        "status": 405,
                        "headers": [
                            (b"content-type", b"text/plain; charset=utf-8"),
                            (b"allow", b"GET, HEAD, OPTIONS"),
                        ],
                    }
                )
                await send({"type": "http.response.body", "body": b"405: linkhealth serves the catalogue read-only\n"})
                return
            await app(scope, receive, send)

        return read_only

    return wrap


def register_read_only_plugin() -> None:
    """Register this module's ``asgi_wrapper`` with Datasette (once per process)."""
    import sys

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
    confidence = _vocabulary("What kind of address url is (url_source says where it was seen). One of",
                             URL_CONFIDENCE_DESCRIPTIONS)
    vocab = {"outcome": outcome, "last_outcome": outcome, "health": health, "gate": gate,
             "url_confidence": confidence}
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
        f"1 when the visit says nothing about the resource ({inconclusive}): "
        "it never counts toward broken"
    )
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
        settings={"allow_download": False, **(settings or {})},
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
    return [
        "serve",
        str(db_path),
        "--metadata",
        str(metadata_file),
        "-p",
        str(port),
        "-h",
        host,
        "--setting",
        "allow_download",
        "off",
        *extra,
    ]


def serve_datasette(db_path: str | Path, port: int = 8001, host: str = "127.0.0.1", extra=()) -> None:
    """Run ``datasette serve`` over the catalogue in the foreground; extra options pass through."""
    from datasette.cli import cli as datasette_cli

    register_read_only_plugin()
    with tempfile.TemporaryDirectory(prefix="linkhealth-datasette-") as folder:
        metadata_file = write_metadata_file(db_path, folder)
        args = serve_command_args(db_path, metadata_file, port, host, list(extra))
        datasette_cli.main(args=args, prog_name="linkhealth serve")
