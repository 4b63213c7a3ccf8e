"""The report as JSON: exactly what :func:`build_report` returns (schema: docs/report.md)."""

from __future__ import annotations

import json
from typing import Any

from .common import json_default


def render(data: dict[str, Any]) -> str:
    return json.dumps(data, indent=2, ensure_ascii=False, default=json_default) + "\n"
