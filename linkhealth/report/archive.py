"""Archived copies of dead resources: the Wayback Machine availability API.

For a broken or failing resource the report offers an archived copy where one
exists: ``{endpoint}?url=<url>&timestamp=<YYYYMMDD>`` with the timestamp of
the day the resource was catalogued, so the API answers with the capture
closest to the page the curator saw. Answers are cached in the ``archives``
table (through :meth:`Store.cache_archive`): a capture found is kept, "no
capture" is asked again after a week.

The archive never blocks the report: a short timeout, any error gives None,
and after the first network error the remaining look-ups of that report are
skipped (:class:`ArchiveLookup`).

The endpoint is ``$LINKHEALTH_WAYBACK_URL`` when set (tests point it at a
local server), else https://archive.org/wayback/available.
"""

from __future__ import annotations

import json
import os
import urllib.error
import urllib.parse
import urllib.request
from datetime import datetime, timedelta, timezone
from typing import Any

from ..outcomes import ArchiveStatus

DEFAULT_ENDPOINT = "https://archive.org/wayback/available"
#: How long "no capture found" is believed before asking again.
RETRY_NONE_AFTER = timedelta(days=7)
USER_AGENT = "linkhealth (link-health report; archived-copy lookup)"
_LOOPBACK = {"127.0.0.1", "localhost", "::1"}


def wayback_endpoint(endpoint: str | None = None) -> str:
    return endpoint or os.environ.get("LINKHEALTH_WAYBACK_URL") or DEFAULT_ENDPOINT


def _is_http_url(url: str | None) -> bool:
    if not url:
        return False
    try:
        parsed = urllib.parse.urlsplit(url.strip())
    except ValueError:
        return False
    return parsed.scheme.lower() in ("http", "https") and bool(parsed.netloc)


def _timestamp(before: str | None) -> str | None:
    """An ISO time (the day the resource was catalogued) as the API's YYYYMMDD."""
    if not before:
        return None
    try:
        moment = datetime.fromisoformat(before.replace("Z", "+00:00"))
    except ValueError:
        return None
    if moment.tzinfo is not None:
        moment = moment.astimezone(timezone.utc)
    return moment.strftime("%Y%m%d")


def _iso_from_wayback(ts: str | None) -> str | None:
    if not ts or not ts.isdigit() or len(ts) < 8:
        return None
    ts = (ts + "000000")[:14]
    try:
        return datetime.strptime(ts, "%Y%m%d%H%M%S").replace(tzinfo=timezone.utc).isoformat()
    except ValueError:
        return None


def _archive_url(raw: Any) -> str | None:
    if not isinstance(raw, str) or not _is_http_url(raw):
        return None
    parsed = urllib.parse.urlsplit(raw)
    if parsed.scheme == "http" and (parsed.hostname or "").endswith("archive.org"):
        raw = urllib.parse.urlunsplit(("https",) + tuple(parsed)[1:])
    return raw


def _cached(store, url: str, now: datetime) -> tuple[bool, dict[str, Any] | None]:
    """(hit, value): a cached 'found' always counts; a cached 'none' for a week."""
    rows = list(store.db.query("select * from archives where url = ?", [url]))
    if not rows:
        return False, None
    row = rows[0]
    if row.get("status") == ArchiveStatus.FOUND and row.get("archive_url"):
        return True, {
            "archive_url": row["archive_url"],
            "archived_at": row.get("archived_at"),
            "looked_up_at": row.get("looked_up_at"),
        }
    if row.get("status") == ArchiveStatus.NONE and row.get("looked_up_at"):
        try:
            looked = datetime.fromisoformat(row["looked_up_at"])
        except ValueError:
            return False, None
        if now - looked < RETRY_NONE_AFTER:
            return True, None
    return False, None


def cached_archive(store, url: str | None) -> dict[str, Any] | None:
    """What the cache says, without asking the archive (for ``report --no-archive``)."""
    if not url:
        return None
    return _cached(store, url.strip(), datetime.now(timezone.utc))[1]


class ArchiveLookup:
    """Look-ups for one report: cached, time-limited, and off after the first network error."""

    def __init__(self, store, endpoint: str | None = None, timeout: float = 5.0):
        self.store = store
        self.endpoint = wayback_endpoint(endpoint)
        self.timeout = timeout
        self.error: str | None = None
        self.asked = 0

    def _opener(self) -> urllib.request.OpenerDirector:
        host = urllib.parse.urlsplit(self.endpoint).hostname or ""
        if host in _LOOPBACK:  # never send a loopback request through a proxy
            return urllib.request.build_opener(urllib.request.ProxyHandler({}))
        return urllib.request.build_opener()

    def _ask(self, url: str, before: str | None) -> dict[str, Any]:
        params = {"url": url}
        ts = _timestamp(before)
        if ts:
            params["timestamp"] = ts
        sep = "&" if "?" in self.endpoint else "?"
        request = urllib.request.Request(
            self.endpoint + sep + urllib.parse.urlencode(params),
            headers={"User-Agent": USER_AGENT, "Accept": "application/json"},
        )
        self.asked += 1
        with self._opener().open(request, timeout=self.timeout) as response:
            body = response.read(1_000_000)
        data = json.loads(body.decode("utf-8"))
        if not isinstance(data, dict):
            raise ValueError("the availability API answered with something other than an object")
        return data

    def __call__(self, url: str | None, before: str | None = None) -> dict[str, Any] | None:
        if url is None or not _is_http_url(url):
            return None
        url = url.strip()
        now = datetime.now(timezone.utc)
        try:
            hit, value = _cached(self.store, url, now)
        except Exception:
            hit, value = False, None
        if hit:
            return value
        if self.error is not None:
            return None  # the archive did not answer earlier in this report: do not wait again
        try:
            data = self._ask(url, before)
        except (urllib.error.URLError, OSError, ValueError, UnicodeDecodeError) as exc:
            reason = getattr(exc, "reason", None) or exc
            self.error = f"{type(exc).__name__}: {reason}"
            return None
        closest = (data.get("archived_snapshots") or {}).get("closest") or {}
        status = str(closest.get("status") or "200")
        archive_url = _archive_url(closest.get("url"))
        found = bool(closest.get("available")) and archive_url and status[:1] in ("2", "3")
        result = None
        if found:
            result = {
                "archive_url": archive_url,
                "archived_at": _iso_from_wayback(str(closest.get("timestamp") or "")),
                "looked_up_at": now.replace(microsecond=0).isoformat(),
            }
        try:
            if result:
                self.store.cache_archive(url, result["archive_url"], result["archived_at"], ArchiveStatus.FOUND)
            else:
                self.store.cache_archive(url, None, None, ArchiveStatus.NONE)
        except Exception:
            pass  # a read-only or busy catalogue: the report still shows what was found
        return result


def lookup_archive(
    store, url: str | None, before: str | None, endpoint: str | None = None, timeout: float = 5
) -> dict[str, Any] | None:
    """The archived copy of ``url`` closest to ``before`` (ISO time), or None.

    Returns ``{"archive_url", "archived_at", "looked_up_at"}``; None when there
    is no capture or the archive cannot be reached (never raises for that).
    """
    return ArchiveLookup(store, endpoint, timeout)(url, before)
