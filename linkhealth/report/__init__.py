"""The broken-link report: one query (:mod:`.query`), one renderer per format.

    data = build_report(store)                 # a JSON-serialisable dict
    text = render_report(data, "html")         # terminal | md | html | csv | json
    if should_fail(data, ["broken"]): ...      # for CI

The JSON schema is documented in docs/report.md.
"""

from __future__ import annotations

from typing import Any

from .archive import lookup_archive
from .query import SCHEMA_VERSION, SECTIONS, build_report, should_fail

FORMATS = ("terminal", "md", "html", "csv", "json")
_ALIASES = {"markdown": "md", "text": "terminal", "txt": "terminal"}


def render_report(data: dict[str, Any], fmt: str = "terminal", color: bool = False) -> str:
    """Render the report in one format; ``color`` only affects the terminal format."""
    fmt = _ALIASES.get(fmt, fmt)
    if fmt == "terminal":
        from .terminal import render

        return render(data, color=color)
    if fmt == "md":
        from .markdown import render
    elif fmt == "html":
        from .html import render
    elif fmt == "csv":
        from .csv import render
    elif fmt == "json":
        from .json import render
    else:
        raise ValueError(f"unknown report format {fmt!r}: use one of {', '.join(FORMATS)}")
    return render(data)


__all__ = [
    "FORMATS",
    "SCHEMA_VERSION",
    "SECTIONS",
    "build_report",
    "lookup_archive",
    "render_report",
    "should_fail",
]
