"""One sanitiser for every output: what a page, a server or a curator wrote must not
run as code where a maintainer reads it.

The values in a report come from strangers: a page's title, a ``Location`` header in a
failure's detail, a curator's spreadsheet. Three kinds of character do harm there:

- control characters and terminal escape sequences (``ESC [ 2 J``, OSC 8 links, C1
  ``CSI``): ``cat report.csv`` would recolour, move the cursor or rewrite the terminal;
- bidi overrides and other invisible format characters (``U+202E`` and friends,
  Trojan Source): a line reads differently from what it says;
- a spreadsheet cell starting with ``=``, ``+``, ``-``, ``@``, a tab or a carriage
  return runs as a formula (CSV injection, as OWASP describes it).

Each output takes what it can carry:

- :func:`text` for what people read (terminal, Markdown, HTML, the report's CSV): one
  line, escape sequences removed whole, controls and format characters dropped;
- :func:`csv_cell` for a spreadsheet cell: :func:`text` (or, for the catalogue export,
  the same with line breaks kept) with a formula prefix neutralised by a leading ``'``;
  :func:`from_csv_cell` takes it off again on import, so an export imports back unchanged;
- :func:`json_dumps` for JSON: nothing dropped, every such character written as a
  ``\\uXXXX`` escape, so the file is valid, lossless, and inert in a terminal.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Callable
from typing import Any

#: ESC [ … final, ESC ] … BEL/ST, ESC P/X/^/_ … ST, and two-byte ESC sequences; C1 CSI too.
ESCAPE_SEQUENCE = re.compile(
    r"\x1b\[[0-?]*[ -/]*[@-~]"
    r"|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?"
    r"|\x1b[PX^_][^\x1b]*(?:\x1b\\)?"
    r"|\x1b[@-Z\\-_]"
    r"|\x9b[0-?]*[ -/]*[@-~]"
)

#: characters that end a line or move across it: a space in one-line text
_BREAKS = frozenset("\t\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029")
#: controls, format characters (bidi overrides, zero-width tricks), surrogates, line and
#: paragraph separators, private use
_UNSAFE_CATEGORIES = frozenset({"Cc", "Cf", "Cs", "Co", "Zl", "Zp"})
#: what makes a spreadsheet cell a formula (OWASP, CSV injection)
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def unsafe(ch: str) -> bool:
    """A character no output may carry raw."""
    return unicodedata.category(ch) in _UNSAFE_CATEGORIES


def _clean(text: str, keep_lines: bool) -> str:
    text = ESCAPE_SEQUENCE.sub("", text)
    if text.isprintable():  # the common case: no control, format or separator character
        return text
    out = []
    for ch in text:
        if keep_lines and ch == "\n":
            out.append(ch)
        elif ch in _BREAKS:
            out.append(" ")
        elif not unsafe(ch):
            out.append(ch)
    return "".join(out)


def text(value: Any) -> str:
    """``value`` as one line fit to print anywhere: escape sequences removed, line breaks
    and tabs made spaces, other controls and bidi/format characters dropped."""
    if value is None:
        return ""
    return re.sub(r"\s+", " ", _clean(str(value), keep_lines=False)).strip()


def csv_cell(value: Any, keep_lines: bool = False) -> Any:
    """A spreadsheet cell that will not run: :func:`text` (line breaks kept with
    ``keep_lines``), and a leading ``'`` before a formula character. Numbers and None
    are left as they are."""
    if not isinstance(value, str):
        return value
    cell = _clean(value.replace("\r\n", "\n"), keep_lines=True) if keep_lines else text(value)
    if cell.startswith(FORMULA_START):
        return "'" + cell
    return cell


def from_csv_cell(value: Any) -> Any:
    """An imported cell without the ``'`` that :func:`csv_cell` put before a formula."""
    if isinstance(value, str) and value.startswith("'") and value[1:].startswith(FORMULA_START):
        return value[1:]
    return value


def _json_escape(ch: str) -> str:
    """``ch`` as JSON writes it inside a string, as an escape when it is unsafe."""
    if ch == "\n" or not unsafe(ch):  # json.dumps's own line breaks (indent) stay
        return ch
    code = ord(ch)
    if code > 0xFFFF:  # JSON escapes an astral character as its UTF-16 surrogate pair
        code -= 0x10000
        return f"\\u{0xD800 + (code >> 10):04x}\\u{0xDC00 + (code & 0x3FF):04x}"
    return f"\\u{code:04x}"


def json_dumps(obj: Any, *, indent: int | None = 2, default: Callable[[Any], Any] | None = None) -> str:
    """JSON (UTF-8 text, readable accents) in which every unsafe character is escaped.

    ``json.dumps`` escapes C0 controls but writes DEL, C1 controls (``\\x9b`` is a CSI),
    bidi overrides and U+2028/2029 raw. They can appear only inside strings, where an
    escape means the same character: ``json.loads`` gives back exactly what went in.
    """
    raw = json.dumps(obj, indent=indent, ensure_ascii=False, default=default)
    if all(ch.isprintable() or ch == "\n" for ch in raw):
        return raw
    return "".join(map(_json_escape, raw))
