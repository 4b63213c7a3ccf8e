"""The reviewed addresses of the seed's resources: ``seed/addresses.csv``.

The seed text lost its hyperlinks, so its resources' addresses were researched
and written down, one row per resource, with the evidence for each:

``id``
    the seed resource (an id :func:`linkhealth.seed.parse_seed` gives)
``url``
    the address, or empty when nothing certain was found
``url_source``
    the page where the address was seen verbatim (or the page that printed the
    identifier); for a publisher's own page, that page itself
``url_confidence``
    what kind of address it is (``UrlConfidence`` in outcomes.py)
``seen_on``
    the day the address was looked up
``note``
    what the evidence says, or, for a row without a URL, what was tried

Importing the seed text (``linkhealth import seed/education_initiatives.txt``)
reads the file of this name beside it. The checks here are the review rules made
executable: an address is refused if it is not http(s), has no source, names a
document-mirror or file-sharing site (a third party's copy is not the
publisher's resource, and it is often gone or gated tomorrow), or belongs to no
resource of the seed. Refusing the whole file beats importing half of it.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from .errors import ImportRefused
from .outcomes import UrlConfidence

__all__ = ["ADDRESS_COLUMNS", "ADDRESSES_FILE", "Address", "apply_addresses", "is_mirror", "parse_addresses"]

#: The file name the seed importer looks for beside the seed text.
ADDRESSES_FILE = "addresses.csv"
ADDRESS_COLUMNS = ("id", "url", "url_source", "url_confidence", "seen_on", "note")

#: Document-mirror and file-sharing hosts: never an address, never evidence.
MIRROR_HOSTS = frozenset({
    "1library.net", "abcdocz.com", "academia.edu", "anyflip.com", "booksiview.com",
    "careersdocbox.com", "coek.info", "coursehero.com", "docksci.com", "docplayer.net",
    "docslib.org", "documents.pub", "doczz.net", "dokumen.pub", "dokumen.tips", "epdf.pub",
    "fdocuments.in", "fdocuments.net", "fdocuments.us", "issuu.com", "kipdf.com",
    "lawsdocbox.com", "pdfcoke.com", "pdfroom.com", "pdfslide.net", "pdfslide.us",
    "pubhtml5.com", "readkong.com", "researchgate.net", "scribd.com", "slidegur.com",
    "slideplayer.com", "slideshare.net", "spotidoc.com", "studylib.net", "vdocument.in",
    "vdocuments.mx", "vdocuments.net", "vdocuments.site", "vdocuments.us", "vibdoc.com",
    "yumpu.com", "zlibrary.to",
})  # fmt: skip

_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


@dataclass(frozen=True)
class Address:
    """One reviewed row: a resource's address (or none) and the evidence for it."""

    id: str
    url: str | None
    url_source: str | None
    url_confidence: str | None
    seen_on: str | None
    note: str | None

    def notes_text(self) -> str | None:
        """What goes into the resource's ``notes``: the evidence, or what was tried."""
        if not self.note:
            return None
        when = f" (looked up {self.seen_on})" if self.seen_on else ""
        if self.url:
            return f"address evidence{when}: {self.note}"
        return f"no certain address{when}; {self.note}"


def _host(url: str) -> str:
    try:
        return (urlsplit(url).hostname or "").lower().rstrip(".")
    except ValueError:
        return ""


def is_mirror(url: str) -> bool:
    """Does ``url`` point at a document-mirror or file-sharing site (any subdomain)?"""
    host = _host(url)
    return any(host == mirror or host.endswith("." + mirror) for mirror in MIRROR_HOSTS)


def _http_url(value: str) -> bool:
    parts = urlsplit(value)
    return parts.scheme in ("http", "https") and bool(parts.hostname) and not any(c.isspace() for c in value)


def _check(where: str, row: dict[str, Any]) -> Address:
    values: dict[str, Any] = {column: (row.get(column) or "").strip() or None for column in ADDRESS_COLUMNS}
    address = Address(**values)
    if not address.id:
        raise ImportRefused(f"{where}: a row needs an id")
    if address.seen_on and not _ISO_DATE.fullmatch(address.seen_on):
        raise ImportRefused(f"{where}: seen_on must be a date like 2026-12-02, got {address.seen_on!r}")
    if not address.url:
        if address.url_source or address.url_confidence:
            raise ImportRefused(f"{where}: url_source and url_confidence need a url")
        if not address.note:
            raise ImportRefused(f"{where}: a row without a url needs a note saying what was tried")
        return address
    for column in ("url", "url_source"):
        value = getattr(address, column)
        if not value:
            raise ImportRefused(f"{where}: {column} is missing (say where the address was seen)")
        if not _http_url(value):
            raise ImportRefused(f"{where}: {column} must be an http(s) address, got {value!r}")
        if is_mirror(value):
            raise ImportRefused(f"{where}: {column} {value!r} is a document-mirror or file-sharing site")
    allowed = [c.value for c in UrlConfidence]
    if address.url_confidence not in allowed:
        raise ImportRefused(
            f"{where}: url_confidence must be one of {', '.join(allowed)}, got {address.url_confidence!r}"
        )
    return address


def parse_addresses(text: str, where: str = ADDRESSES_FILE) -> dict[str, Address]:
    """The reviewed rows of an addresses file by id; :class:`ImportRefused` names the bad line."""
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff")), strict=True)
    try:
        header = reader.fieldnames or []
    except csv.Error as exc:
        raise ImportRefused(f"{where}: unreadable header ({exc})")
    if tuple(header) != ADDRESS_COLUMNS:
        raise ImportRefused(f"{where}: the header must be {','.join(ADDRESS_COLUMNS)}, got {','.join(header)}")
    addresses: dict[str, Address] = {}
    try:
        for raw in reader:
            line = f"{where}, line {reader.line_num}"
            if None in raw:
                raise ImportRefused(f"{line}: more fields than the header has columns")
            address = _check(line, raw)
            if address.id in addresses:
                raise ImportRefused(f"{line}: id {address.id!r} appears twice")
            addresses[address.id] = address
    except csv.Error as exc:
        raise ImportRefused(f"{where}, line {reader.line_num + 1}: unreadable row ({exc})")
    return addresses


def apply_addresses(
    rows: list[dict[str, Any]], addresses: dict[str, Address], where: str = ADDRESSES_FILE
) -> list[dict[str, Any]]:
    """The seed's import rows with their reviewed addresses, evidence and notes added.

    An address for an id the seed does not have is refused: it would otherwise be
    dropped without a word when a seed title (and so its id) changes.
    """
    ids = {row["id"] for row in rows}
    unknown = sorted(set(addresses) - ids)
    if unknown:
        raise ImportRefused(f"{where}: no resource of the seed has the id(s) {', '.join(map(repr, unknown))}")
    out = []
    for row in rows:
        address = addresses.get(row["id"])
        if address is None:
            out.append(row)
            continue
        row = dict(row)
        if address.url:
            row.update(url=address.url, url_source=address.url_source, url_confidence=address.url_confidence)
        notes = [n for n in (row.get("notes"), address.notes_text()) if n]
        if notes:
            row["notes"] = "; ".join(notes)
        out.append(row)
    return out
