"""Downloader middlewares: Scrapy's own, configured or minimally corrected.

- :class:`SafeRobotsTxtMiddleware`: Scrapy 2.19's RobotsTxtMiddleware lets the
  third and later requests that wait for one host's robots.txt through
  unchecked (every waiter awaits the same Deferred, and the first waiter's
  callback hands ``None`` — "no parser: allow" — down the chain). We give each
  waiter its own Deferred fed from the shared one.
- :class:`RetryAfterMiddleware`: Scrapy's RetryMiddleware, plus ``Retry-After``
  on 429/503: wait as asked (up to a cap) before the retry; a longer wait is
  not retried, so the visit is judged ``rate_limited`` and tried next run.
- :class:`AddressPolicyMiddleware`: with LINKHEALTH_BLOCK_PRIVATE_ADDRESSES,
  refuse requests (redirect hops included) to loopback, private, link-local
  and cloud-metadata addresses, and connect only to addresses that were checked.
- :class:`CappedHttpCompressionMiddleware`: Scrapy's HttpCompressionMiddleware,
  with inflation always capped at DOWNLOAD_MAXSIZE (also for a file the spider
  let past the transfer cap) and a body that inflates past it keeping its status.
- :class:`ScreenedMetaRefreshMiddleware`: Scrapy's MetaRefreshMiddleware, which
  decodes every HTML answer to look for a refresh, skipped when the body's bytes
  cannot hold one.
"""

from __future__ import annotations

import codecs
import ipaddress
import logging
from datetime import datetime, timezone
from email.utils import parsedate_to_datetime
from typing import TYPE_CHECKING, Any

from scrapy.downloadermiddlewares.httpcompression import HttpCompressionMiddleware
from scrapy.downloadermiddlewares.redirect import MetaRefreshMiddleware
from scrapy.downloadermiddlewares.retry import RetryMiddleware
from scrapy.downloadermiddlewares.robotstxt import RobotsTxtMiddleware
from scrapy.exceptions import IgnoreRequest, NotConfigured
from scrapy.http import HtmlResponse
from scrapy.utils.defer import maybe_deferred_to_future
from scrapy.utils.httpobj import urlparse_cached
from twisted.internet import reactor
from twisted.internet.defer import Deferred
from twisted.internet.task import deferLater

from crawler.addresses import (
    AddressRefused,
    PinnedResolver,
    allowed_networks,
    is_private_address,
)

if TYPE_CHECKING:
    from scrapy import Request
    from scrapy.crawler import Crawler

logger = logging.getLogger(__name__)


class QuietRobotsErrors(logging.Filter):
    """Scrapy logs a robots.txt it cannot fetch (a dead host, a refused connection) at
    ERROR with a traceback. For a link checker that is a finding, not an error of the
    crawl: the page request meets the same failure and is judged from it. One plain INFO
    line instead, so a nightly log shows no traceback for a dead link."""

    def filter(self, record: logging.LogRecord) -> bool:
        if record.levelno >= logging.ERROR and str(record.msg).startswith("Error downloading"):
            record.msg = "robots.txt not fetched for %(request)s: %(f_exception)s"
            record.levelno, record.levelname = logging.INFO, "INFO"
            record.exc_info, record.exc_text = None, None
        return True


class SafeRobotsTxtMiddleware(RobotsTxtMiddleware):
    """RobotsTxtMiddleware whose waiters each get the parsed robots.txt (not ``None``)."""

    def __init__(self, crawler):
        super().__init__(crawler)
        robots_logger = logging.getLogger(RobotsTxtMiddleware.__module__)
        if not any(isinstance(f, QuietRobotsErrors) for f in robots_logger.filters):
            robots_logger.addFilter(QuietRobotsErrors())

    async def robot_parser(self, request: Request) -> Any:
        netloc = urlparse_cached(request).netloc
        pending = self._parsers.get(netloc)
        if isinstance(pending, Deferred):
            mine: Deferred = Deferred()

            def relay(result):
                mine.callback(result)
                return result  # hand the parser on unchanged to the next waiter

            pending.addBoth(relay)
            return await maybe_deferred_to_future(mine)
        return await super().robot_parser(request)


def retry_after_seconds(value: str | None, now: datetime | None = None) -> float | None:
    """Seconds to wait from a Retry-After header (delta-seconds or an HTTP date)."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=timezone.utc)
    return max(0.0, (when - (now or datetime.now(timezone.utc))).total_seconds())


class RetryAfterMiddleware(RetryMiddleware):
    """Retries transient failures; on 429/503 waits for Retry-After (up to a cap)."""

    def __init__(self, settings):
        super().__init__(settings)
        self.retry_after_max = settings.getfloat("LINKHEALTH_RETRY_AFTER_MAX", 30)

    # Scrapy awaits a downloader middleware's process_response when it is a coroutine;
    # RetryMiddleware annotates only the plain form, hence the override ignore.
    async def process_response(self, request, response, spider=None):  # type: ignore[override]
        if response.status in (429, 503) and not request.meta.get("dont_retry"):
            wait = retry_after_seconds(response.headers.get(b"Retry-After", b"").decode("latin-1") or None)
            if wait is not None:
                if wait > self.retry_after_max:
                    request.meta["retry_after_exceeded"] = wait
                    return response  # not now: judged rate_limited, tried next run
                if wait > 0 and request.meta.get("retry_times", 0) < self.max_retry_times:
                    await maybe_deferred_to_future(deferLater(reactor, wait, lambda: None))
        return super().process_response(request, response)


class AddressPolicyMiddleware:
    """Refuse private and metadata addresses when the catalogue is untrusted.

    Each request is checked as it leaves, so every redirect hop is checked too. A host
    name is resolved through the crawl's own resolver, once per run, and the download
    connects to the addresses that were checked (crawler/addresses.py): a name that
    answers differently to a second lookup cannot lead the crawler inside.
    """

    def __init__(self, crawler: Crawler) -> None:
        settings = crawler.settings
        if not settings.getbool("LINKHEALTH_BLOCK_PRIVATE_ADDRESSES"):
            raise NotConfigured
        self.crawler = crawler
        self.allowed = allowed_networks(settings.getlist("LINKHEALTH_ALLOWED_PRIVATE_NETWORKS"))
        self.resolver: PinnedResolver | None = None

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler)

    async def process_request(self, request, spider=None):
        host = urlparse_cached(request).hostname or ""
        host = host.strip("[]")
        try:
            ipaddress.ip_address(host)
        except ValueError:
            if self.resolver is None:  # the reactor runs, and Scrapy has installed its resolver
                self.resolver = PinnedResolver.install(reactor, self.allowed)
            try:
                await maybe_deferred_to_future(self.resolver.check(host))
            except AddressRefused as exc:
                raise IgnoreRequest(f"AddressRefused: {exc}") from None
            # A failed lookup (DNSLookupError) propagates: the visit is a DNS error, and the
            # download never makes a second lookup of its own that nothing checked.
            return None
        if is_private_address(host, self.allowed):
            raise IgnoreRequest(f"AddressRefused: {host} resolves to a private address {host}")
        return None


#: Request meta key: the ``download_maxsize`` the spider lifted for a file declared larger
#: than the cap (so its first bytes can be read); restored here before inflation.
LIFTED_MAXSIZE = "linkhealth_lifted_maxsize"


class CappedHttpCompressionMiddleware(HttpCompressionMiddleware):
    """Inflation capped at DOWNLOAD_MAXSIZE, whatever the transfer was allowed.

    A file whose Content-Length is over the cap is served, not dead: the spider lifts
    the request's ``download_maxsize`` so its first bytes arrive (and stops the download
    itself). That same meta key caps inflation, so it is put back here, before a
    compression bomb could use the lifted limit.

    A body that inflates past the cap makes Scrapy raise ``IgnoreRequest``, which
    reaches the errback without the response: the response is attached to the
    exception so the visit keeps its status (a bomb answered with 404 is a dead link,
    one answered with 200 a served file).
    """

    def process_response(self, request, response, spider=None):
        if LIFTED_MAXSIZE in request.meta:
            request.meta["download_maxsize"] = request.meta.pop(LIFTED_MAXSIZE)
        try:
            return super().process_response(request, response)
        except IgnoreRequest as exc:
            if exc.__cause__ is not None and "MaxSize" in type(exc.__cause__).__name__:
                # IgnoreRequest declares no response; the spider's errback reads it with getattr
                exc.response = response.replace(body=b"")  # type: ignore[attr-defined]
            raise


#: Where Scrapy looks for a ``<meta http-equiv="refresh">``: the first 4,096 characters of
#: the decoded text (``scrapy.utils.response.get_meta_refresh``), at most 4 bytes each,
#: after a byte order mark of at most 3.
_REFRESH_SCAN_BYTES = 4 * 4096 + 3
#: Codecs (Python's names) that write each ASCII letter as that one byte and never make
#: one from other bytes: a text they decode holds "refresh" only where the bytes do.
_ASCII_LETTERS_KEPT = frozenset(
    {"utf-8", "ascii", "latin-1", "gb18030", "gbk", "gb2312", "big5", "shift_jis", "cp932", "euc_jp", "euc_kr"}
)


def refresh_ruled_out(response: HtmlResponse) -> bool:
    """True when ``response`` cannot declare a meta refresh: its encoding keeps ASCII
    letters as themselves and the bytes Scrapy's scan would read hold no "refresh" in
    any case (the attribute Scrapy's scan needs). False says nothing."""
    try:
        name = codecs.lookup(response.encoding).name
    except LookupError:
        return False
    if name not in _ASCII_LETTERS_KEPT and not name.startswith(("cp125", "iso8859-")):
        return False
    return b"refresh" not in response.body[:_REFRESH_SCAN_BYTES].lower()


class ScreenedMetaRefreshMiddleware(MetaRefreshMiddleware):
    """Scrapy's MetaRefreshMiddleware, after a test in the bytes.

    Scrapy decodes the whole body of every HTML answer (``response.text``) to look for
    a refresh in its first 4,096 characters; most pages have none. When the bytes rule
    one out (:func:`refresh_ruled_out`) the answer goes on undecoded, as Scrapy would
    have passed it on; otherwise Scrapy decides as before.
    """

    def process_response(self, request, response, spider=None):
        if isinstance(response, HtmlResponse) and refresh_ruled_out(response):
            return response
        return super().process_response(request, response)
