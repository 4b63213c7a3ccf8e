"""The outcome vocabulary: every value ``checks.outcome``, ``checks.gate``,
``resources.health``, ``runs.status`` and ``archives.status`` may hold, and the error names the
spider records itself, each documented, in one place.

Like lychee's ``types/status.rs``: judgment, the store, the report and the
Datasette metadata all read these names from here, so a new outcome is added
once and documented once.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum


class Outcome(str, Enum):
    """What one visit of a URL found (``checks.outcome``)."""

    OK = "ok"
    NOT_MODIFIED = "not_modified"
    MOVED = "moved"
    GATED = "gated"
    SOFT_404 = "soft_404"
    NOT_FOUND = "not_found"
    GONE = "gone"
    SERVER_ERROR = "server_error"
    TIMEOUT = "timeout"
    DNS_ERROR = "dns_error"
    CONNECTION_ERROR = "connection_error"
    TLS_ERROR = "tls_error"
    REDIRECT_LOOP = "redirect_loop"
    RATE_LIMITED = "rate_limited"
    BLOCKED = "blocked"
    ROBOTS_DISALLOWED = "robots_disallowed"
    INVALID_URL = "invalid_url"
    NETWORK_DOWN = "network_down"

    def __str__(self) -> str:  # so f-strings and sqlite get the plain value
        return self.value


OUTCOME_DESCRIPTIONS: dict[Outcome, str] = {
    Outcome.OK: "2xx, the resource is served",
    Outcome.NOT_MODIFIED: "304 to a conditional request: unchanged since last visit",
    Outcome.MOVED: "permanent redirect(s) to a different URL that works",
    Outcome.GATED: "something stands between a reader and the resource; the gate says what",
    Outcome.SOFT_404: "answers 200, but the page is a 'not found', a parked domain, "
    "or the site's home page in place of the resource",
    Outcome.NOT_FOUND: "404",
    Outcome.GONE: "410",
    Outcome.SERVER_ERROR: "5xx",
    Outcome.TIMEOUT: "no answer in time",
    Outcome.DNS_ERROR: "the host name does not resolve",
    Outcome.CONNECTION_ERROR: "refused or reset",
    Outcome.TLS_ERROR: "certificate or handshake failure",
    Outcome.REDIRECT_LOOP: "redirects that never end",
    Outcome.RATE_LIMITED: "429 (inconclusive: never counts toward broken)",
    Outcome.BLOCKED: "a bot wall (challenge page) rather than the resource (inconclusive)",
    Outcome.ROBOTS_DISALLOWED: "robots.txt forbids the visit (inconclusive)",
    Outcome.INVALID_URL: "the catalogue holds something that is not a fetchable URL",
    Outcome.NETWORK_DOWN: "the crawler itself is offline (inconclusive: nothing is marked dead)",
}

#: Visits that say nothing about the resource: never count toward broken,
#: never reset a failure streak.
INCONCLUSIVE: frozenset[Outcome] = frozenset(
    {Outcome.RATE_LIMITED, Outcome.BLOCKED, Outcome.ROBOTS_DISALLOWED, Outcome.NETWORK_DOWN}
)

#: Visits that show the resource is served (possibly at a new address or behind a gate).
SUCCESSES: frozenset[Outcome] = frozenset({Outcome.OK, Outcome.NOT_MODIFIED, Outcome.MOVED, Outcome.GATED})

#: Visits that show the resource is not served: these build toward ``broken``.
FAILURES: frozenset[Outcome] = frozenset(set(Outcome) - INCONCLUSIVE - SUCCESSES)

#: Failures of the transport (nothing answered). A run in which every visit is
#: one of these reached no host at all: the crawler, not the web, is down.
TRANSPORT_FAILURES: frozenset[Outcome] = frozenset(
    {Outcome.DNS_ERROR, Outcome.CONNECTION_ERROR, Outcome.TIMEOUT, Outcome.TLS_ERROR}
)


class Gate(str, Enum):
    """What stands between a reader and the resource (``checks.gate``)."""

    LOGIN = "login"
    REQUEST_ACCESS = "request_access"
    REGISTRATION = "registration"
    PAYWALL = "paywall"
    PRIVATE = "private"
    AUTH = "auth"
    FORBIDDEN = "forbidden"

    def __str__(self) -> str:
        return self.value


GATE_DESCRIPTIONS: dict[Gate, str] = {
    Gate.LOGIN: "the link ends at (or heads for) a sign-in page",
    Gate.REQUEST_ACCESS: "the reader must ask the owner for access or permission",
    Gate.REGISTRATION: "a registration form stands in front of the content",
    Gate.PAYWALL: "the content is sold, or only open through an institution",
    Gate.PRIVATE: "a private or members-only video",
    Gate.AUTH: "401: the server asks for credentials",
    Gate.FORBIDDEN: "403 with nothing clearer",
}


class Health(str, Enum):
    """What a resource's history says (``resources.health``)."""

    HEALTHY = "healthy"
    MOVED = "moved"
    GATED = "gated"
    FAILING = "failing"
    BROKEN = "broken"
    UNKNOWN = "unknown"

    def __str__(self) -> str:
        return self.value


HEALTH_DESCRIPTIONS: dict[Health, str] = {
    Health.HEALTHY: "the last conclusive visit found the resource served",
    Health.MOVED: "served, but from a new address (see the suggested URL)",
    Health.GATED: "served behind a gate (login, request access, registration, paywall, …)",
    Health.FAILING: "has failed, not yet confirmed by repeated failures over time",
    Health.BROKEN: "confirmed by repeated failures over time",
    Health.UNKNOWN: "never checked, no URL, or only inconclusive visits",
}


class UrlConfidence(str, Enum):
    """How directly a catalogued address leads to the resource (``resources.url_confidence``).

    An address is catalogued only with the evidence of where it was seen
    (``resources.url_source``); this says what kind of address it is, so a
    maintainer knows which ones to replace first when a better one turns up.
    """

    PUBLISHER = "publisher"
    IDENTIFIER = "identifier"
    LISTING = "listing"

    def __str__(self) -> str:
        return self.value


URL_CONFIDENCE_DESCRIPTIONS: dict[UrlConfidence, str] = {
    UrlConfidence.PUBLISHER: "the publisher's own page for the resource",
    UrlConfidence.IDENTIFIER: "a persistent identifier (DOI, handle) that resolves to the resource",
    UrlConfidence.LISTING: "the publisher's page that lists or announces the resource",
}


class RunStatus(str, Enum):
    """How a crawl run ended (``runs.status``).

    A ``str`` enum like the others, so SQL parameters and JSON get the plain
    value. A Scrapy close reason other than these (``closespider_timeout``, …)
    is stored as it is: the run stopped for that reason.
    """

    RUNNING = "running"
    FINISHED = "finished"
    INTERRUPTED = "interrupted"
    NETWORK_DOWN = "network_down"
    FAILED = "failed"
    INCOMPLETE = "incomplete"

    def __str__(self) -> str:
        return self.value


RUN_STATUS_DESCRIPTIONS: dict[RunStatus, str] = {
    RunStatus.RUNNING: "the run is under way (or its process died: the next run marks it interrupted)",
    RunStatus.FINISHED: "every due resource was visited and recorded",
    RunStatus.INTERRUPTED: "stopped before the end; what it did not record stays due",
    RunStatus.NETWORK_DOWN: "the crawler could not reach the network: nothing was marked dead",
    RunStatus.FAILED: "a crawl process exited with an error; what it did not record stays due",
    RunStatus.INCOMPLETE: "a distributed run ended with resources no worker finished; they stay due",
}


class ArchiveStatus(str, Enum):
    """What a Wayback Machine lookup of a URL found (``archives.status``): remembered so
    the report asks once, not on every run."""

    FOUND = "found"
    NONE = "none"

    def __str__(self) -> str:
        return self.value


class SpiderError(str, Enum):
    """Names for failures that no exception class names, each mapped to an outcome by the judge.

    The spider records the class name of the exception Scrapy or Twisted raised
    (``DNSLookupError``, ``TimeoutError``, ``IgnoreRequest``, …) in
    ``Visit.error_class`` (``checks.error_class``). Some of those stand for
    several facts: an ``IgnoreRequest`` may be the private-address block or the
    decompression cap. The judge (``pipelines.judge.failure_name``) reads such a
    failure by one of these names; older catalogues may also hold them in
    ``checks.error_class``, where an earlier spider wrote them.
    """

    #: the catalogued URL (or the address it resolves to) may not be fetched
    INVALID_URL = "InvalidURL"
    #: the body inflated past DOWNLOAD_MAXSIZE (served; a compression bomb stops there)
    SIZE_LIMIT_EXCEEDED = "SizeLimitExceeded"
    #: robots.txt forbids the visit
    ROBOTS_DISALLOWED = "RobotsDisallowed"
    #: the redirects came back to an address already visited
    REDIRECT_LOOP = "RedirectLoop"
    #: more redirects than the crawl follows
    TOO_MANY_REDIRECTS = "TooManyRedirects"
    #: the crawler could not reach the network at all
    NETWORK_DOWN = "NetworkDown"

    def __str__(self) -> str:
        return self.value


@dataclass(frozen=True)
class Verdict:
    """What the judging stage concluded about one visit: the outcome, the gate for a
    gated page, a short line of evidence (the rule's name and what it matched), and
    for a ``moved`` visit the address to catalogue instead.

    It lives with the vocabulary, below every pipeline, so the gate rules and the
    judge that consults them can both build one without importing each other. The
    suggested address is part of the verdict because the judge is what tells a
    permanent move from a temporary alias: the stages after it only write it down."""

    outcome: Outcome
    gate: Gate | None = None
    detail: str | None = None
    #: the new address of a ``moved`` visit (the target of its leading 301/308 hops)
    suggested_url: str | None = None
