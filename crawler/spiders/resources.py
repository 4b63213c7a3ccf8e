"""The ``resources`` spider: transport only.

It turns each due resource into a GET request and reports what happened on the
wire (status, headers, redirect chain, the first bytes of the body, or the
failure) as a :class:`linkhealth.visit.Visit`. It decides nothing: judgment and
extraction are the item pipelines' (``pipelines/``).

Scrapy pitfalls handled here:
- every status reaches ``parse_visit`` through ``HTTPERROR_ALLOW_ALL`` (not the
  ``handle_httpstatus_all`` meta key, which would switch redirects off);
- requests are ``dont_filter=True`` so a redirect back to a seen URL is
  followed (and a loop ends at REDIRECT_MAX_TIMES) instead of vanishing in the
  duplicate filter;
- bodies are read up to LINKHEALTH_READ_BYTES (or DOWNLOAD_MAXSIZE, if lower)
  and then the download stops (``StopDownload(fail=False)``): a 200 MB PDF costs
  2 MB, not a failure. A Content-Length over DOWNLOAD_MAXSIZE would make Scrapy
  cancel the download before the first byte (a served file judged a connection
  error, then broken): the spider lifts the request's ``download_maxsize`` for
  that transfer and stops it itself (inflation stays capped:
  ``crawler.middlewares.CappedHttpCompressionMiddleware``).
"""

from __future__ import annotations

import hashlib
import secrets
import time
from collections.abc import AsyncIterator
from typing import Any
from urllib.parse import urlsplit

import scrapy
from scrapy import signals
from scrapy.exceptions import StopDownload
from twisted.internet.defer import Deferred
from twisted.python.failure import Failure

from crawler.middlewares import LIFTED_MAXSIZE
from linkhealth.shares import SharePlan
from linkhealth.store import Store, utcnow
from linkhealth.urls import is_valid_url
from linkhealth.visit import Visit


def _headers(response) -> dict[str, str]:
    out = {}
    for name, values in response.headers.items():
        key = name.decode("latin-1").lower()
        out[key] = values[-1].decode("latin-1") if values else ""
    return out


def _chain(meta: dict[str, Any], final_url: str | None) -> list[dict[str, Any]]:
    urls = list(meta.get("redirect_urls", []))
    reasons = list(meta.get("redirect_reasons", []))
    chain = []
    for i, url in enumerate(urls):
        location = urls[i + 1] if i + 1 < len(urls) else final_url
        status = reasons[i] if i < len(reasons) else None
        chain.append({"url": url, "status": status if isinstance(status, int) else str(status), "location": location})
    return chain


def _failure_facts(failure) -> tuple[str, str]:
    """The failure's class name and a message that includes wrapped reasons."""
    exc = failure.value
    name = type(exc).__name__
    message = str(exc) or repr(exc)
    reasons = getattr(exc, "reasons", None)  # ResponseNeverReceived / ResponseFailed wrap failures
    if reasons:
        message = f"{message} {reasons!r}"
    cause = exc.__cause__ or exc.__context__
    if cause is not None and type(cause).__name__ not in message:
        message = f"{message} (caused by {type(cause).__name__}: {cause})"
    return name, message[:2000]


class ResourcesSpider(scrapy.Spider):
    name = "resources"

    def __init__(self, *args, db: str | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.db_path = db
        self._probes: dict[str, Deferred | dict] = {}
        self._bytes: dict[str, int] = {}
        self.read_bytes = 2 * 1024 * 1024
        self.maxsize = 32 * 1024 * 1024
        self.soft404_probe = True

    @classmethod
    def from_crawler(cls, crawler, *args, **kwargs):
        spider = super().from_crawler(crawler, *args, **kwargs)
        settings = crawler.settings
        spider.db_path = spider.db_path or settings.get("LINKHEALTH_DB") or None
        spider.read_bytes = settings.getint("LINKHEALTH_READ_BYTES", spider.read_bytes)
        spider.maxsize = settings.getint("DOWNLOAD_MAXSIZE", spider.maxsize)
        spider.soft404_probe = settings.getbool("LINKHEALTH_SOFT404_PROBE", True)
        crawler.signals.connect(spider.on_headers_received, signal=signals.headers_received)
        crawler.signals.connect(spider.on_bytes_received, signal=signals.bytes_received)
        return spider

    # -- selection ---------------------------------------------------------------

    def _selection(self) -> dict[str, Any]:
        s = self.crawler.settings
        ids = s.getlist("LINKHEALTH_RESOURCE_IDS")
        shard = plan = None
        if s.get("LINKHEALTH_SHARD"):
            k, n = str(s.get("LINKHEALTH_SHARD")).split("/")
            shard = (int(k), int(n))
            plan = SharePlan.from_setting(s.get("LINKHEALTH_SHARE_PLAN"))  # the parent's split
        return {
            "shard": shard,
            "plan": plan,
            "everything": s.getbool("LINKHEALTH_CHECK_ALL"),
            "ids": ids,
            "revisit_hours": s.getfloat("LINKHEALTH_REVISIT_HOURS", 20),
            "failing_revisit_hours": s.getfloat("LINKHEALTH_FAILING_REVISIT_HOURS", 6),
        }

    async def start(self) -> AsyncIterator[Any]:
        """Stream the due resources from the store (a page at a time) as requests."""
        selection = self._selection()
        store = Store(self.db_path)
        try:
            self.crawler.stats.set_value("linkhealth/due", store.count_due(**selection))
            for row in store.iter_due(**selection):
                yield self.visit_request(row)
        finally:
            store.close()

    def visit_request(self, row: dict[str, Any]) -> scrapy.Request | Visit:
        """The request for one due resource, or the record of a visit that sent nothing.

        Only an address the core calls fetchable (absolute http(s) with a valid host,
        the rule ``add`` and ``import`` apply too) goes on the wire: Scrapy would
        happily read a ``file:`` or ``data:`` URL. Nothing is sent for the others and
        nothing is recorded but the address; the judge names what is wrong with it.
        """
        url = (row.get("url") or "").strip()
        if is_valid_url(url):
            try:
                headers = {}
                if row.get("etag"):
                    headers["If-None-Match"] = row["etag"]
                if row.get("last_modified"):
                    headers["If-Modified-Since"] = row["last_modified"]
                return scrapy.Request(
                    url,
                    callback=self.parse_visit,
                    errback=self.failed_visit,
                    dont_filter=True,
                    headers=headers,
                    meta={
                        "resource_id": row["id"],
                        "catalogue_url": url,
                        "conditional": bool(headers),
                        "visit_key": secrets.token_hex(8),
                        "started": time.monotonic(),
                    },
                )
            except (ValueError, TypeError) as exc:  # Scrapy refused to build it: record why
                return Visit(
                    resource_id=row["id"],
                    url=url,
                    checked_at=utcnow(),
                    error_class=type(exc).__name__,
                    error_message=str(exc)[:2000],
                )
        return Visit(resource_id=row["id"], url=url, checked_at=utcnow())

    # -- the wire ----------------------------------------------------------------

    def _cap(self, meta) -> int:
        """The download cap of this request (0: none), as set before the spider lifted it."""
        return meta.get(LIFTED_MAXSIZE, meta.get("download_maxsize", self.maxsize)) or 0

    def on_headers_received(self, headers, body_length, request, spider):
        """A file declared larger than the cap is served: read its first bytes, not nothing."""
        meta = request.meta
        if meta.get("visit_key") is None and meta.get("probe_key") is None:
            return
        if LIFTED_MAXSIZE in meta:  # lifted for an earlier hop of this visit (a redirect)
            meta["download_maxsize"] = meta.pop(LIFTED_MAXSIZE)
        meta.pop("over_cap", None)
        cap = self._cap(meta)
        if cap and isinstance(body_length, int) and body_length > cap:
            meta[LIFTED_MAXSIZE] = cap
            meta["download_maxsize"] = 0  # on_bytes_received stops this download at the cap
            meta["over_cap"] = True

    def on_bytes_received(self, data, request, spider):
        key = request.meta.get("visit_key") or request.meta.get("probe_key")
        if key is None:
            return
        total = self._bytes.get(key, 0) + len(data)
        self._bytes[key] = total
        cap = self._cap(request.meta)
        if cap and total >= cap:
            # Scrapy would cancel past the cap (a failure): stop first, keep what was read
            request.meta["over_cap"] = True
            raise StopDownload(fail=False)
        if total >= self.read_bytes:
            raise StopDownload(fail=False)

    def _elapsed(self, meta) -> int | None:
        started = meta.get("started")
        return int((time.monotonic() - started) * 1000) if started else None

    async def parse_visit(self, response):
        meta = response.meta
        body = response.body[: self.read_bytes]
        visit = Visit(
            resource_id=meta["resource_id"],
            url=meta["catalogue_url"],
            checked_at=utcnow(),
            conditional=meta.get("conditional", False),
            final_url=response.url,
            status=response.status,
            headers=_headers(response),
            redirect_chain=_chain(meta, response.url),
            body=body,
            body_truncated="download_stopped" in response.flags or len(response.body) > len(body),
            encoding=None,  # declared charsets only (header, BOM, <meta>): pipelines/charset.py
            elapsed_ms=self._elapsed(meta),
            bytes_received=self._bytes.pop(meta.get("visit_key"), None),
            over_cap=bool(meta.get("over_cap")),
        )
        if self.soft404_probe and self._wants_probe(visit):
            visit.host_probe = await self.probe_host(response.url)
        return visit

    def failed_visit(self, failure: Failure) -> Visit:
        """What a failed request left: the exception's class and message as raised (an
        ``IgnoreRequest`` stays one: the judge reads what it stands for), and whatever
        answer and redirect chain came before it."""
        request = failure.request  # type: ignore[attr-defined]  # set by Scrapy on errbacks
        meta = request.meta
        name, message = _failure_facts(failure)
        response = getattr(failure.value, "response", None)
        return Visit(
            resource_id=meta["resource_id"],
            url=meta["catalogue_url"],
            checked_at=utcnow(),
            conditional=meta.get("conditional", False),
            final_url=request.url,
            status=getattr(response, "status", None),
            headers=_headers(response) if response is not None else {},
            redirect_chain=_chain(meta, request.url),
            elapsed_ms=self._elapsed(meta),
            bytes_received=self._bytes.pop(meta.get("visit_key"), None),
            # the body inflated past DOWNLOAD_MAXSIZE (Scrapy's decompression middleware
            # gives up with an IgnoreRequest): a compression bomb, or a very large file
            over_cap=type(getattr(failure.value, "__cause__", None)).__name__ == "_DecompressionMaxSizeExceeded",
            error_class=name,
            error_message=message,
        )

    # -- soft-404 evidence -------------------------------------------------------

    @staticmethod
    def _wants_probe(visit: Visit) -> bool:
        if visit.status is None or not 200 <= visit.status < 300:
            return False
        if "html" not in visit.content_type and visit.content_type:
            return False
        path = urlsplit(visit.final_url or "").path
        return path not in ("", "/")

    async def probe_host(self, url: str) -> dict[str, Any]:
        """What this host answers for a path that cannot exist: once per host per run.

        Bar-Yossef et al., "Sic transit gloria telae" (WWW 2004): hosts that
        answer 200 for every path are found by asking for a random one.
        """
        parts = urlsplit(url)
        host = f"{parts.scheme}://{parts.netloc}"
        known = self._probes.get(host)
        if isinstance(known, dict):
            return known
        if isinstance(known, Deferred):
            mine: Deferred = Deferred()

            def relay(result):
                mine.callback(result)
                return result

            known.addBoth(relay)
            from scrapy.utils.defer import maybe_deferred_to_future

            return await maybe_deferred_to_future(mine)
        pending: Deferred = Deferred()
        self._probes[host] = pending
        result = await self._fetch_probe(host, parts.path)
        self._probes[host] = result
        pending.callback(result)
        return result

    async def _fetch_probe(self, host: str, path: str) -> dict[str, Any]:
        folder = path.rsplit("/", 1)[0]
        probe_url = f"{host}{folder}/{secrets.token_hex(12)}-linkhealth-probe"
        key = secrets.token_hex(8)
        request = scrapy.Request(
            probe_url,
            dont_filter=True,
            meta={"probe_key": key, "dont_retry": True},
            callback=scrapy.http.request.NO_CALLBACK,
        )
        try:
            response = await self.crawler.engine.download_async(request)
        except Exception as exc:  # the probe is evidence, never a failure of the visit
            self._bytes.pop(key, None)
            return {"url": probe_url, "status": None, "error": type(exc).__name__}
        self._bytes.pop(key, None)
        body = response.body[: self.read_bytes]
        text = ""
        if hasattr(response, "text"):
            try:
                text = response.text[:2000]
            except Exception:
                text = ""
        title = None
        if hasattr(response, "xpath"):
            try:
                title = (response.xpath("//title/text()").get() or "").strip() or None
            except Exception:
                title = None
        return {
            "url": probe_url,
            "status": response.status,
            "final_url": response.url,
            "title": title,
            "body_hash": hashlib.sha256(body).hexdigest(),
            "length": len(body),
            "text_sample": text,
        }
