"""Whether a catalogued address can be fetched at all: absolute http(s) with a valid host.

It lives in the core because three places ask it: ``add`` and ``import`` refuse or
name such an address before anything is stored, and the judge calls a visit to one
``invalid_url``.
"""

from __future__ import annotations

import ipaddress
import re
from urllib.parse import urlsplit

__all__ = ["invalid_url_reason", "is_valid_url"]

_SCHEME_REASONS = {
    "mailto": "an email address (mailto:), not a web page",
    "javascript": "a javascript: pseudo-URL, not a web page",
    "data": "an inline data: URL, not a web page",
    "file": "a local file (file:), not reachable from the crawler",
    "ftp": "an FTP URL: only http and https are fetched",
    "ftps": "an FTP URL: only http and https are fetched",
    "tel": "a telephone number (tel:), not a web page",
}
_HOST_LABEL = re.compile(r"^(?!-)[a-z0-9_-]{1,63}(?<!-)$", re.I)


def invalid_url_reason(url: str | None) -> str | None:
    """Why ``url`` is not a fetchable URL, or None when it is (absolute http(s) with a host)."""
    if url is None or not str(url).strip():
        return "empty URL"
    url = str(url).strip()
    if any(c in url for c in "\r\n\t"):
        return "the URL contains a line break or tab"
    try:
        parts = urlsplit(url)
    except ValueError as exc:
        return f"unparseable URL: {exc}"
    scheme = parts.scheme.lower()
    if not scheme:
        if " " not in url and "." in url.split("/", 1)[0]:
            return f"no scheme: {url!r} is not an absolute http(s) URL"
        return f"not a URL: {url!r}"
    if scheme not in ("http", "https"):
        if scheme in _SCHEME_REASONS:
            return _SCHEME_REASONS[scheme]
        if not parts.netloc and not url[len(scheme) + 1 :].startswith("//") and re.fullmatch(r"\d+", parts.path or ""):
            return f"not a URL: {url!r}"  # "localhost:8080"-like
        return f"a {scheme}: URL: only http and https are fetched"
    host = parts.hostname
    if not host:
        return "no host in the URL"
    try:
        parts.port  # noqa: B018 - raises on a bad port
    except ValueError:
        return "invalid port in the URL"
    if " " in parts.netloc:
        return "a space in the host name"
    if "@" in parts.netloc:
        # Twisted would take "user:pass@host" for the host name and fail as a connection error.
        return "a user name or password in the URL (user:…@host)"
    if host.startswith("[") or ":" in host:
        try:
            ipaddress.IPv6Address(host.strip("[]"))
            return None
        except ValueError:
            return f"invalid host {host!r}"
    try:
        ascii_host = host.encode("idna").decode("ascii") if not host.isascii() else host
    except UnicodeError:
        return f"invalid host {host!r}"
    labels = ascii_host.rstrip(".").split(".")
    if not all(_HOST_LABEL.match(label) for label in labels):
        return f"invalid host {host!r}"
    return None


def is_valid_url(url: str | None) -> bool:
    return invalid_url_reason(url) is None
