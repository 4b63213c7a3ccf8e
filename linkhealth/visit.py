"""The one item the spider yields: what happened on the wire when a resource was visited.

It lives in the core, not in ``crawler/``, because the judges in ``pipelines/``
read it and the pipelines may import only the core.

The spider fills the wire facts only (status, headers, redirect chain, body up
to a cap, or the failure). The pipelines add judgment (``outcome``, ``gate``,
``detail``) and ``metadata``. Everything here is plain data, so judgment and
extraction can be tested from fixture files with no network and no reactor.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass
class Visit:
    # -- what was asked
    resource_id: str
    url: str  #: the URL as catalogued (and requested)
    run_id: int | None = None
    checked_at: str | None = None  #: ISO 8601 UTC
    conditional: bool = False  #: sent If-None-Match / If-Modified-Since

    # -- what came back (None/empty for a failure before any response)
    final_url: str | None = None  #: the URL that answered last, after redirects
    status: int | None = None
    #: response headers, names lower-cased, values decoded as latin-1, the last value of each
    headers: dict[str, str] = field(default_factory=dict)
    #: each redirect hop in order: {"url": URL that answered, "status": 301/302/…, "location": next URL}
    redirect_chain: list[dict[str, Any]] = field(default_factory=list)
    body: bytes = b""  #: the body, decompressed, up to the read cap
    body_truncated: bool = False  #: the body was longer than the cap
    encoding: str | None = None  #: the charset Scrapy settled on (header, BOM, <meta>)
    elapsed_ms: int | None = None
    bytes_received: int | None = None
    #: the file is larger than DOWNLOAD_MAXSIZE (declared, or read up to it, or inflated
    #: past it): served, judged from the status, headers and the bytes read
    over_cap: bool = False

    # -- or how it failed
    #: the exception's class name as raised, e.g. "DNSLookupError", "TimeoutError", "IgnoreRequest"
    error_class: str | None = None
    error_message: str | None = None

    #: soft-404 evidence: what the same host answered for a random path that cannot exist
    #: {"status": int|None, "final_url": str|None, "title": str|None, "body_hash": str|None,
    #:  "length": int, "text_sample": str}; None when not probed
    host_probe: dict[str, Any] | None = None

    # -- judgment (pipelines)
    outcome: str | None = None
    gate: str | None = None
    detail: str | None = None
    #: where a ``moved`` resource is served now (the judge's ``Verdict.suggested_url``)
    suggested_url: str | None = None
    metadata: dict[str, Any] | None = None
    #: what a served page presents, for the identity judgment (pipelines/identity.py)
    page: dict[str, Any] | None = None
    #: True when the store must not let this visit change health (network down)
    hold_health: bool = False

    # -- the distributed crawl
    #: the Redis job this visit answers (run token, job number, lease member); None locally
    job: dict[str, Any] | None = None

    @property
    def content_type(self) -> str:
        return self.headers.get("content-type", "").split(";")[0].strip().lower()
