"""The broken-link report: one query (:mod:`.query`), one renderer per format.

    data = build_report(store)                 # a JSON-serialisable dict
    text = render_report(data, "html")         # terminal | md | html | csv | json
    if should_fail(data, ["broken"]): ...      # for CI

The JSON schema is documented in docs/report.md.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import Any

from .archive import lookup_archive
from .query import SCHEMA_VERSION, SECTIONS, build_report, should_fail

FORMATS = ("terminal", "md", "html", "csv", "json")
_ALIASES = {"markdown": "md", "text": "terminal", "txt": "terminal"}
#: The module of each format's ``render(data)`` (the terminal's also takes ``color``).
_RENDERERS = {"md": "markdown", "html": "html", "csv": "csv", "json": "json"}


def render_report(data: dict[str, Any], fmt: str = "terminal", color: bool = False) -> str:
    """Render the report in one format; ``color`` only affects the terminal format."""
    fmt = _ALIASES.get(fmt, fmt)
    if fmt == "terminal":
        from .terminal import render as terminal

        return terminal(data, color=color)
    if fmt not in _RENDERERS:
        raise ValueError(f"unknown report format {fmt!r}: use one of {', '.join(FORMATS)}")
    # imported when asked for: a terminal report need not load the HTML renderer
    render: Callable[[dict[str, Any]], str] = importlib.import_module(f"{__name__}.{_RENDERERS[fmt]}").render
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
