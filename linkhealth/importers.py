"""Import files into rows: the import columns, the readers of each format, the check of each row.

Pure reading and checking, no database: :func:`read_rows` turns a ``.csv``,
``.json``, seed ``.txt`` or catalogue ``.html`` file into ``(where, row)`` pairs and
:func:`normalise_row` checks and coerces one row, both refusing a bad file with
:class:`~linkhealth.errors.ImportRefused` naming the line. The store
(``Store.import_rows``) writes what they return, so a bad file is refused whole
before anything is written.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

from .errors import ImportRefused
from .outcomes import UrlConfidence
from .sanitise import from_csv_cell

#: The import/export columns every catalogue file may have, in order.
CONTRACT_COLUMNS = ("id", "url", "title", "description", "provider", "kind", "duration_seconds")
#: Further columns the importers know: what the seed text states about a resource.
EXTRA_COLUMNS = (
    "duration_text",
    "duration_approximate",
    "length_value",
    "length_unit",
    "access_note",
    "people",
    "dates",
    "contacts",
    "notes",
    # the evidence for ``url``: where the address was seen, and what kind of address it is
    "url_source",
    "url_confidence",
)
IMPORT_COLUMNS = CONTRACT_COLUMNS + EXTRA_COLUMNS
#: Columns holding JSON lists.
JSON_COLUMNS = ("people", "dates", "contacts")
INT_COLUMNS = ("duration_seconds", "length_value", "duration_approximate")


def _clean_scalar(value: Any) -> Any:
    if isinstance(value, str):
        value = value.strip()
        return value or None
    return value


def normalise_row(raw: dict[str, Any], where: str) -> dict[str, Any]:
    """Check and coerce one import row; raise ImportRefused naming ``where`` if it is unreadable."""
    unknown = sorted(set(raw) - set(IMPORT_COLUMNS))
    if unknown:
        raise ImportRefused(
            f"{where}: unknown column(s) {', '.join(map(repr, unknown))}; known columns are {', '.join(IMPORT_COLUMNS)}"
        )
    row: dict[str, Any] = {}
    for key, value in raw.items():
        value = _clean_scalar(value)
        if key in INT_COLUMNS and value is not None:
            if isinstance(value, bool):
                value = int(value)
            try:
                number = float(value)
            except (TypeError, ValueError):
                raise ImportRefused(f"{where}: {key} must be a whole number, got {value!r}")
            if number != int(number) or number < 0:
                raise ImportRefused(f"{where}: {key} must be a whole number >= 0, got {value!r}")
            value = int(number)
        if key in JSON_COLUMNS and value is not None:
            if isinstance(value, str):
                try:
                    value = json.loads(value)
                except ValueError:
                    value = [part.strip() for part in value.split(";") if part.strip()]
            if not isinstance(value, list):
                raise ImportRefused(f"{where}: {key} must be a list, got {value!r}")
            value = json.dumps(value, ensure_ascii=False)
        if value is not None and not isinstance(value, (str, int, float)):
            raise ImportRefused(f"{where}: {key} has an unreadable value {value!r}")
        if isinstance(value, str) and "\x00" in value:
            raise ImportRefused(f"{where}: {key} contains a NUL byte")
        if key == "url_confidence" and value is not None:
            allowed = [c.value for c in UrlConfidence]
            if value not in allowed:
                raise ImportRefused(f"{where}: url_confidence must be one of {', '.join(allowed)}, got {value!r}")
        row[key] = value
    if not row.get("url") and not row.get("title") and not row.get("id"):
        raise ImportRefused(f"{where}: a row needs at least an id, a url or a title")
    return row


def read_rows(path: str | Path) -> list[tuple[str, dict[str, Any]]]:
    """Read an import file into (where, row) pairs; the format follows the extension."""
    path = Path(path)
    suffix = path.suffix.lower()
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise ImportRefused(f"{path}: no such file")
    except UnicodeDecodeError as exc:
        raise ImportRefused(f"{path}: not UTF-8 text ({exc.reason} at byte {exc.start})")
    if suffix == ".csv":
        # strict: a stray or unclosed quote is refused, not read on to the end of the file
        reader = csv.DictReader(io.StringIO(text), strict=True)
        try:
            if reader.fieldnames is None:
                return []
        except csv.Error as exc:
            raise ImportRefused(f"{path}, line {reader.reader.line_num}: unreadable header ({exc})")
        from .addresses import ADDRESS_COLUMNS

        if tuple(reader.fieldnames) == ADDRESS_COLUMNS:
            raise ImportRefused(
                f"{path}: a reviewed addresses file is read with its seed: "
                f"import the seed text (.txt) in {path.parent} instead"
            )
        unknown = sorted(set(reader.fieldnames) - set(IMPORT_COLUMNS))
        if unknown:
            raise ImportRefused(
                f"{path}: unknown column(s) {', '.join(map(repr, unknown))}; "
                f"known columns are {', '.join(IMPORT_COLUMNS)}"
            )
        rows = []
        try:
            for raw in reader:
                where = f"{path}, line {reader.line_num}"
                if None in raw:
                    raise ImportRefused(f"{where}: more fields than the header has columns")
                # the export put a ' before a cell a spreadsheet would run (linkhealth.sanitise)
                rows.append((where, {k: from_csv_cell(v) for k, v in raw.items()}))
        except csv.Error as exc:  # reader.line_num: the last row read whole
            raise ImportRefused(f"{path}, line {reader.line_num + 1}: unreadable row ({exc})")
        return rows
    if suffix == ".json":
        try:
            data = json.loads(text)
        except ValueError as exc:
            raise ImportRefused(f"{path}: not valid JSON ({exc})")
        if isinstance(data, dict) and isinstance(data.get("resources"), list):
            data = data["resources"]
        if not isinstance(data, list):
            raise ImportRefused(f"{path}: expected a JSON list of objects")
        rows = []
        for index, raw in enumerate(data, 1):
            where = f"{path}, item {index}"
            if not isinstance(raw, dict):
                raise ImportRefused(f"{where}: expected an object, got {type(raw).__name__}")
            rows.append((where, raw))
        return rows
    if suffix == ".txt":
        from .addresses import ADDRESSES_FILE, apply_addresses, parse_addresses
        from .seed import parse_seed

        entries = parse_seed(text)
        # The seed lost its hyperlinks; the reviewed addresses live beside it.
        beside = path.with_name(ADDRESSES_FILE)
        if beside.is_file():
            where = str(beside)
            entries = apply_addresses(entries, parse_addresses(beside.read_text(encoding="utf-8-sig"), where), where)
        return [(f"{path}, entry {n}", row) for n, row in enumerate(entries, 1)]
    if suffix in (".html", ".htm"):
        from .webpage import page_rows

        return page_rows(text, where=str(path))
    raise ImportRefused(f"{path}: unknown format {suffix or '(none)'}; use .csv, .json, .txt or .html")
