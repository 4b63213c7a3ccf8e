"""The report as JSON: exactly what :func:`build_report` returns (schema: docs/report.md).

Every value is kept; controls and bidi overrides are written as ``\\uXXXX`` escapes
(:func:`linkhealth.sanitise.json_dumps`), so the file reads back the same and cannot
drive a terminal.
"""

from __future__ import annotations

from typing import Any

from .. import sanitise
from .common import json_default


def render(data: dict[str, Any]) -> str:
    return sanitise.json_dumps(data, indent=2, default=json_default) + "\n"
