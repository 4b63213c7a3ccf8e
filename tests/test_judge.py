"""The judgment of one visit (pipelines/judge.py): pure, from fixture pages, no network.

``tests/fixtures/pages/judge_cases.json`` is a list of cases, each one visit:

- ``name``: unique id; ``file``: the body, a file in tests/fixtures/pages (null: no body);
- ``path``: the path (with query) the catalogued URL points at, on one local host;
- ``status``: what the last hop answers (null: the visit fails, see ``error_class``);
- ``headers``: the response headers of that last answer (lower-case names);
- ``redirect_chain`` (optional): hops ``{"path", "status", "location"}`` in order; the
  first hop's path is ``path``; ``location`` is a path on the same host, or an absolute
  URL elsewhere (which cannot be reached offline); the page (file, status, headers) is
  served at the last hop's location;
- ``error_class`` / ``error_message`` (failures only): what the spider is expected to
  record; ``conditional``: the request carried validators;
- ``outcome`` / ``gate``: the expected verdict; ``rules``: rules of gates.py (or the
  judge's own bot-wall / parked / dead-page rules) that this page must trigger;
- ``unit_only``: true when the case cannot be served from one local host (it needs a
  particular host name, or ``host_probe`` evidence); such cases carry the real ``url``.
- ``note``: why the case exists, when that is not obvious.

Every served path (``path``, each hop's path, each local final location) maps to one
response across the manifest, so all servable cases can be served by one host at once.
"""

from __future__ import annotations

import hashlib

import pytest

from linkhealth.outcomes import Gate, Outcome
from linkhealth.visit import Visit
from pipelines.gates import GATE_STATUSES, detect_gate
from pipelines.judge import (
    BOT_WALLS,
    DEAD_PAGES,
    MAX_REDIRECTS,
    PARKED,
    STATUS_OUTCOMES,
    Page,
    Verdict,
    classify_failure,
    decode_body,
    invalid_url_reason,
    is_valid_url,
    judge,
    moved_to,
    resembles_probe,
)

from .judgecases import CASES, HTML, PAGES, page, visit, visit_from_case


def verdict_of(v: Visit) -> tuple[str, str | None]:
    got = judge(v)
    return got.outcome.value, got.gate.value if got.gate else None


# =====================================================================================
# The manifest
# =====================================================================================


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_case(case):
    got = judge(visit_from_case(case))
    assert isinstance(got, Verdict)
    assert (got.outcome.value, got.gate.value if got.gate else None) == (case["outcome"], case["gate"]), got


def test_manifest_is_well_formed_and_servable():
    names = [c["name"] for c in CASES]
    assert len(names) == len(set(names))
    served: dict[str, tuple] = {}
    for case in CASES:
        assert set(case) >= {"name", "file", "path", "status", "headers", "outcome", "gate"}, case["name"]
        assert case["path"].startswith("/"), case["name"]
        assert Outcome(case["outcome"]) and (case["gate"] is None or Gate(case["gate"]))
        assert all(k == k.lower() for k in case["headers"]), case["name"]
        if case["file"]:
            assert (PAGES / case["file"]).is_file(), case["file"]
        if case.get("unit_only"):
            assert case.get("url", "").startswith("http"), case["name"]
            continue
        assert "url" not in case and "host_probe" not in case, case["name"]
        if case["status"] is None:
            assert case.get("error_class") and case.get("redirect_chain"), case["name"]
        # one response per path across the manifest
        chain = case.get("redirect_chain") or []
        final = case["path"]
        if chain:
            assert chain[0]["path"] == case["path"], case["name"]
        for hop in chain:
            key = (hop["status"], hop["location"])
            assert served.setdefault(hop["path"], key) == key, (case["name"], hop["path"])
            final = hop["location"]
        if case["status"] is not None:
            assert final.startswith("/"), case["name"]
            key = (case["file"], case["status"], tuple(sorted(case["headers"].items())))
            assert served.setdefault(final, key) == key, (case["name"], final)


def test_every_outcome_has_a_case():
    covered = {c["outcome"] for c in CASES}
    # failures of the transport and of the catalogue need no page; tested below
    assert set(o.value for o in Outcome) - covered <= {
        "timeout",
        "dns_error",
        "connection_error",
        "tls_error",
        "robots_disallowed",
        "network_down",
    }
    assert {c["gate"] for c in CASES if c["gate"]} == {g.value for g in Gate}


@pytest.mark.parametrize("rule", BOT_WALLS + PARKED + DEAD_PAGES, ids=lambda r: r.name)
def test_every_judge_rule_has_a_fixture_that_triggers_it(rule):
    assert rule.fixture and (PAGES / rule.fixture).is_file(), rule.name
    cases = [c for c in CASES if rule.name in c.get("rules", ())]
    assert cases, f"no case in judge_cases.json lists rule {rule.name}"
    assert any(c["file"] == rule.fixture for c in cases), f"{rule.name}: no case serves its fixture"
    for case in cases:
        assert rule.evidence(Page(visit_from_case(case))) is not None, (rule.name, case["name"])


# =====================================================================================
# Outcomes, one by one
# =====================================================================================


def test_ok():
    assert judge(visit(body=page())) == Verdict(Outcome.OK)


def test_not_modified_conditional_and_not():
    assert judge(visit(status=304, conditional=True)).outcome is Outcome.NOT_MODIFIED
    got = judge(visit(status=304))
    assert got.outcome is Outcome.NOT_MODIFIED and "unconditional" in got.detail


@pytest.mark.parametrize(
    "status, expected",
    [
        (404, ("not_found", None)),
        (410, ("gone", None)),
        (500, ("server_error", None)),
        (502, ("server_error", None)),
        (503, ("server_error", None)),
        (504, ("server_error", None)),
        (520, ("server_error", None)),
        (400, ("invalid_url", None)),
        (414, ("invalid_url", None)),
        (401, ("gated", "auth")),
        (402, ("gated", "paywall")),
        (403, ("gated", "forbidden")),
        (451, ("gated", "forbidden")),
        (405, ("server_error", None)),
        (406, ("blocked", None)),
        (407, ("network_down", None)),
        (408, ("timeout", None)),
        (409, ("server_error", None)),
        (418, ("blocked", None)),
        (420, ("rate_limited", None)),
        (422, ("server_error", None)),
        (425, ("rate_limited", None)),
        (429, ("rate_limited", None)),
        (431, ("blocked", None)),
        (499, ("server_error", None)),
        (999, ("blocked", None)),
        (600, ("server_error", None)),
    ],
)
def test_status_table(status, expected):
    assert verdict_of(visit(status=status, body=page(f"Error {status}", "Something went wrong."))) == expected


def test_each_status_is_decided_in_one_place():
    """ "Where is a 403 decided?" has one answer: a status that the gate rules decide even for a
    page that says nothing (their bare-status rules) has no row in the status table, where it
    could never be reached and could silently disagree with the rule."""
    owned = {status for status in sorted(GATE_STATUSES) if detect_gate(visit(status=status, headers={})) is not None}
    assert {401, 402, 403, 451} <= owned
    assert not owned & set(STATUS_OUTCOMES)
    for status in owned:  # the rule named after the status decides a bare answer
        assert judge(visit(status=status, headers={})).detail.startswith(f"http-{status}: ")


def test_rate_limited_carries_retry_after():
    got = judge(visit(status=429, headers={**HTML, "retry-after": "120"}))
    assert got.outcome is Outcome.RATE_LIMITED and "Retry-After: 120" in got.detail


def test_final_3xx_not_followed_is_a_server_error():
    got = judge(visit(status=302, headers={}))
    assert got.outcome is Outcome.SERVER_ERROR and "no Location" in got.detail


def test_503_challenge_is_blocked_plain_503_is_not():
    assert verdict_of(visit(status=503, headers={**HTML, "cf-mitigated": "challenge"})) == ("blocked", None)
    assert verdict_of(visit(status=503, body=page("Service Unavailable", "Down for maintenance."))) == (
        "server_error",
        None,
    )


def test_plain_403_titled_forbidden_is_not_a_bot_wall():
    # as the end-to-end test web serves it
    body = "<!doctype html><html><head><title>Forbidden</title></head><body><h1>Forbidden</h1><p>Content of Forbidden</p></body></html>"
    assert verdict_of(visit(status=403, body=body)) == ("gated", "forbidden")


def test_a_200_titled_just_a_moment_without_challenge_markup_is_ok():
    assert verdict_of(
        visit(body=page("Just a moment...", "A blog post about patience in clinical encounters. " * 10))
    ) == ("ok", None)


def test_bot_vendor_script_on_a_normal_page_is_ok():
    head = "<script src='https://js.datadome.co/tags.js'></script><script>window._pxAppId='PXa1B2c3D4';</script>"
    assert verdict_of(visit(body=page(head=head))) == ("ok", None)


# -- failures ---------------------------------------------------------------------------

TLS_MSG = "[<twisted.python.failure.Failure OpenSSL.SSL.Error: [('SSL routines', '', 'certificate verify failed')]>]"
LOST_MSG = (
    "[<twisted.python.failure.Failure twisted.internet.error.ConnectionLost: Connection to the other side "
    "was lost in a non-clean fashion: Connection lost.>]"
)


@pytest.mark.parametrize(
    "error_class, message, outcome",
    [
        ("DNSLookupError", "DNS lookup failed: no results for hostname lookup: no-such-host.invalid.", "dns_error"),
        (
            "TimeoutError",
            "User timeout caused connection failure: Getting https://x.org took longer than 180.0 seconds.",
            "timeout",
        ),
        ("TCPTimedOutError", "TCP connection timed out: 110: Connection timed out.", "timeout"),
        (
            "ConnectionRefusedError",
            "Connection was refused by other side: 111: Connection refused.",
            "connection_error",
        ),
        ("ConnectionLost", "Connection to the other side was lost in a non-clean fashion.", "connection_error"),
        ("ConnectionDone", "Connection was closed cleanly.", "connection_error"),
        ("ResponseNeverReceived", TLS_MSG, "tls_error"),
        ("ResponseNeverReceived", LOST_MSG, "connection_error"),
        (
            "ResponseNeverReceived",
            "[<twisted.python.failure.Failure twisted.internet.error.TimeoutError: User timeout>]",
            "timeout",
        ),
        ("ResponseFailed", LOST_MSG, "connection_error"),
        (
            "_ResponseFailed",
            "[<twisted.python.failure.Failure twisted.internet.error.ConnectionDone: Connection was closed cleanly.>]",
            "connection_error",
        ),
        (
            "ResponseFailed",
            "[<twisted.python.failure.Failure OpenSSL.SSL.Error: [('SSL routines', '', 'tlsv1 alert protocol version')]>]",
            "tls_error",
        ),
        ("SSLError", "[('SSL routines', '', 'wrong version number')]", "tls_error"),
        ("Error", "[('SSL routines', '', 'certificate verify failed')]", "tls_error"),
        (
            "TunnelError",
            "Could not open CONNECT tunnel with proxy 10.0.0.1:3128 [{'status': 502, 'reason': b'Bad Gateway'}]",
            "connection_error",
        ),
        (
            "TunnelError",
            "Could not open CONNECT tunnel with proxy 10.0.0.1:3128 [{'status': 407, 'reason': b'Proxy Authentication Required'}]",
            "network_down",
        ),
        ("IgnoreRequest", "Forbidden by robots.txt", "robots_disallowed"),
        ("IgnoreRequest", "max redirections reached", "redirect_loop"),
        ("RobotsDisallowed", "robots.txt forbids /private/report", "robots_disallowed"),
        ("InvalidURL", "Missing scheme in request url: www.example.org", "invalid_url"),
        ("RedirectLoop", "/a -> /b -> /a", "redirect_loop"),
        ("TooManyRedirects", "more than 20 redirects", "redirect_loop"),
        (
            "SizeLimitExceeded",
            "Cancelling download: expected response size (104857600) larger than download max size",
            "ok",
        ),
        ("NetworkDown", "the connectivity probe failed: the crawler is offline", "network_down"),
        # Scrapy >= 2.13 names its own download errors
        ("DownloadTimeoutError", "Getting http://127.0.0.2:8000/slow took longer than 3.0 seconds.", "timeout"),
        (
            "CannotResolveHostError",
            "DNS lookup failed: no results for hostname lookup: no-such-host.invalid.",
            "dns_error",
        ),
        (
            "DownloadConnectionRefusedError",
            "Connection was refused by other side: 111: Connection refused.",
            "connection_error",
        ),
        ("ResponseDataLossError", "Got data loss in http://x.org/a.", "connection_error"),
        ("DownloadFailedError", TLS_MSG, "tls_error"),
        ("UnsupportedURLSchemeError", "Unsupported URL scheme 'gopher'", "invalid_url"),
        # a redirect to javascript: (the catalogued URL itself is checked before any visit)
        ("ValueError", "Missing scheme in request url: javascript:alert(1)", "server_error"),
        # a Location that does not parse, and a body that answered but does not decompress
        ("ValueError", "Invalid IPv6 URL", "server_error"),
        ("BadGzipFile", "Not a gzipped file (b'th')", "server_error"),
        ("error", "Error -3 while decompressing data: incorrect header check", "server_error"),
        # an unknown class is read by its name, then by its message
        ("ReadTimeoutError", "", "timeout"),
        ("SomethingNew", "a reason nobody has seen before", "connection_error"),
        ("", "", "connection_error"),
    ],
)
def test_classify_failure(error_class, message, outcome):
    got = classify_failure(error_class, message, [])
    assert got.outcome.value == outcome and got.gate is None
    if outcome == "connection_error" and error_class:
        assert error_class in got.detail


def test_judge_routes_failures_to_classify_failure():
    v = visit(
        status=None, error_class="DNSLookupError", error_message="DNS lookup failed", final_url="https://example.org/x"
    )
    assert verdict_of(v) == ("dns_error", None)
    assert verdict_of(visit(status=None)) == ("connection_error", None)


@pytest.mark.parametrize(
    "location, error_class",
    [
        ("http://accounts.google.com/ServiceLogin?service=wise&continue=https://drive.google.com/x", "DNSLookupError"),
        ("https://accounts.google.com/v3/signin/identifier?continue=x", "TimeoutError"),
        ("https://accounts.google.com/AccountChooser?continue=x", "NetworkDown"),
        ("https://login.microsoftonline.com/common/oauth2/authorize?client_id=1", "DNSLookupError"),
        ("https://login.live.com/login.srf?wa=wsignin1.0", "ConnectionRefusedError"),
        ("https://acme.app.box.com/login?redirect_url=%2Fs%2Fabc", "DNSLookupError"),
        ("https://acme.okta.com/app/acme_sp/exk1/sso/saml", "DNSLookupError"),
        ("https://idp.example.edu/idp/profile/SAML2/Redirect/SSO?SAMLRequest=x", "TLSError"),
        ("https://sso.example.edu/cas/login?service=https://x", "DNSLookupError"),
    ],
)
def test_a_chain_heading_for_a_sign_in_host_is_login_even_unreached(location, error_class):
    chain = [{"url": "http://127.0.0.1:8765/members/recording", "status": 302, "location": location}]
    v = visit(
        "http://127.0.0.1:8765/members/recording",
        status=None,
        chain=chain,
        error_class=error_class,
        error_message="whatever failed",
    )
    assert verdict_of(v) == ("gated", "login")
    assert classify_failure(error_class, "x", chain).gate is Gate.LOGIN


def test_a_chain_heading_for_an_ordinary_unreachable_host_is_the_failure():
    chain = [{"url": "http://127.0.0.2:8000/to-nowhere", "status": 302, "location": "http://no-such-host.invalid/page"}]
    v = visit(
        "http://127.0.0.2:8000/to-nowhere",
        status=None,
        chain=chain,
        error_class="DNSLookupError",
        error_message="DNS lookup failed",
        final_url="http://no-such-host.invalid/page",
    )
    assert verdict_of(v) == ("dns_error", None)


def test_spider_verdicts_stand_even_with_a_status():
    v = visit(
        status=302,
        headers={"location": "/a"},
        error_class="RedirectLoop",
        error_message="loop",
        chain=[
            {"url": "https://example.org/a", "status": 302, "location": "https://example.org/b"},
            {"url": "https://example.org/b", "status": 302, "location": "https://example.org/a"},
        ],
    )
    assert verdict_of(v) == ("redirect_loop", None)


# -- redirect loops -------------------------------------------------------------------------


def hops(*pairs):
    return [{"url": u, "status": s, "location": loc} for u, s, loc in pairs]


def test_redirect_loop_from_a_revisited_url():
    chain = hops(("https://x.org/a", 302, "https://x.org/b"), ("https://x.org/b", 302, "https://x.org/a"))
    got = classify_failure("IgnoreRequest", "max redirections reached", chain)
    assert got.outcome is Outcome.REDIRECT_LOOP and "https://x.org/a" in got.detail


def test_redirect_loop_from_too_many_hops_even_ending_200():
    chain = hops(*[(f"https://x.org/p{i}", 302, f"https://x.org/p{i + 1}") for i in range(MAX_REDIRECTS + 1)])
    assert verdict_of(visit("https://x.org/p0", chain=chain, body=page())) == ("redirect_loop", None)


def test_redirect_loop_http_https_ping_pong():
    chain = hops(("http://x.org/a", 301, "https://x.org/a"), ("https://x.org/a", 301, "http://x.org/a"))
    assert classify_failure("", "", chain).outcome is Outcome.REDIRECT_LOOP


def test_a_cookie_bounce_that_ends_in_a_page_is_not_a_loop():
    chain = hops(
        ("https://x.org/guide", 302, "https://x.org/set-cookie?next=/guide"),
        ("https://x.org/set-cookie?next=/guide", 302, "https://x.org/guide"),
    )
    assert verdict_of(visit("https://x.org/guide", chain=chain, body=page())) == ("ok", None)


# -- moved or ok -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "url, chain, expected",
    [
        # a different path, permanently
        ("https://x.org/old", [(301, "https://x.org/new")], "moved"),
        ("https://x.org/old", [(308, "https://x.org/new")], "moved"),
        # http -> https of the same host and path is moved: the catalogue should hold https
        ("http://x.org/guide", [(301, "https://x.org/guide")], "moved"),
        # trivial: a trailing slash, www., host case, default port, fragment, tracking parameters, query order
        ("https://x.org/guide", [(301, "https://x.org/guide/")], "ok"),
        ("https://x.org/guide/", [(301, "https://x.org/guide")], "ok"),
        ("https://x.org/guide", [(301, "https://www.x.org/guide")], "ok"),
        ("https://www.x.org/guide", [(301, "https://x.org/guide")], "ok"),
        ("https://X.org:443/guide", [(301, "https://x.org/guide#top")], "ok"),
        ("https://x.org/guide?utm_source=mail&id=3", [(301, "https://x.org/guide?id=3")], "ok"),
        ("https://x.org/guide?b=2&a=1", [(301, "https://x.org/guide?a=1&b=2")], "ok"),
        # but www. plus an http->https upgrade is still moved
        ("http://x.org/guide", [(301, "https://www.x.org/guide")], "moved"),
        # temporary only
        ("https://x.org/latest", [(302, "https://x.org/v3")], "ok"),
        ("https://x.org/latest", [(303, "https://x.org/v3")], "ok"),
        ("https://x.org/latest", [(307, "https://x.org/v3")], "ok"),
        ("https://x.org/latest", [("meta refresh", "https://x.org/v3")], "ok"),
        # mixed: only the leading run of permanent hops counts
        ("https://x.org/guide", [(301, "https://x.org/guide-v2"), (302, "https://x.org/guide-v2/en")], "moved"),
        ("https://x.org/go", [(302, "https://x.org/guide-2019"), (301, "https://x.org/guides/2019")], "ok"),
    ],
)
def test_moved_or_ok(url, chain, expected):
    built, current = [], url
    for status, location in chain:
        built.append({"url": current, "status": status, "location": location})
        current = location
    assert verdict_of(visit(url, chain=built, body=page())) == (expected, None)


def test_moved_detail_names_the_permanent_target():
    chain = hops(
        ("https://x.org/guide", 301, "https://x.org/guide-v2"),
        ("https://x.org/guide-v2", 302, "https://x.org/guide-v2/en"),
    )
    v = visit("https://x.org/guide", chain=chain, body=page())
    got = judge(v)
    assert got.detail.startswith("moved permanently to https://x.org/guide-v2 ")
    assert moved_to(v) == "https://x.org/guide-v2"
    simple = visit(
        "https://x.org/old", chain=hops(("https://x.org/old", 301, "/new")), final_url="https://x.org/new", body=page()
    )
    assert judge(simple).detail == "moved permanently to https://x.org/new"


def test_the_verdict_carries_the_address_to_catalogue():
    """The report's "now at" and ``accept --url`` take the judge's suggestion: the target of
    the permanent hops for a move, nothing for a temporary alias or a trivial respelling."""
    chain = hops(
        ("https://x.org/guide", 301, "https://x.org/guide-v2"),
        ("https://x.org/guide-v2", 302, "https://x.org/guide-v2/en"),
    )
    assert judge(visit("https://x.org/guide", chain=chain, body=page())).suggested_url == "https://x.org/guide-v2"
    temporary = hops(("https://x.org/go", 302, "https://x.org/guide-2019"))
    assert judge(visit("https://x.org/go", chain=temporary, body=page())).suggested_url is None
    slash = hops(("https://x.org/guide", 301, "https://x.org/guide/"))
    assert judge(visit("https://x.org/guide", chain=slash, body=page())).suggested_url is None


# -- soft-404 -------------------------------------------------------------------------------


def test_empty_body_and_204_are_soft_404():
    assert verdict_of(visit(body=b"")) == ("soft_404", None)
    assert verdict_of(visit(status=204, body=b"", headers={})) == ("soft_404", None)
    # a body the spider cut at zero bytes says nothing
    assert verdict_of(visit(body=b"", body_truncated=True)) == ("ok", None)


@pytest.mark.parametrize(
    "title, h1, expected",
    [
        ("Page not found – HEAL Trafficking", "Nothing here", "soft_404"),
        ("404 Not Found", "Not Found", "soft_404"),
        ("Error 404 | Example", "Oops", "soft_404"),
        ("Example Health", "Sorry, we couldn't find that page", "soft_404"),
        ("Example Health", "The page you requested could not be found.", "soft_404"),
        ("Example Health", "This content is no longer available", "soft_404"),
        ("Example Health", "This page has been removed", "soft_404"),
        ("Example Health", "This page doesn't exist", "soft_404"),
        ("Not Found", "", "soft_404"),
        ("Oops! That page can’t be found. – Example", "", "soft_404"),
        # titles that merely contain the words
        ("Why 23% of health training links break, and what to do about it", "Keeping links alive", "ok"),
        ("How agencies found and removed barriers to care", "Barriers to care", "ok"),
        ("Form 4040 instructions for clinics", "Form 4040", "ok"),
    ],
)
def test_not_found_pages_by_title_and_h1(title, h1, expected):
    body = (
        f"<html><head><title>{title}</title></head><body><h1>{h1}</h1>"
        f"<p>{'Lots of site navigation and footer text. ' * 20}</p></body></html>"
    )
    assert verdict_of(visit(body=body)) == (expected, None)


def test_a_long_article_mentioning_404_is_ok_a_tiny_page_saying_it_is_not():
    long = page(
        "Link rot in clinical education",
        "Readers often meet a 404 error or a page not found message when a page has been removed. " * 20,
    )
    assert verdict_of(visit(body=long)) == ("ok", None)
    tiny = "<html><body><p>Sorry, the page you requested could not be found.</p></body></html>"
    assert verdict_of(visit(body=tiny)) == ("soft_404", None)


def test_deep_link_redirected_to_the_home_page():
    home = page("Home | Example Coalition", "Welcome. " * 30)
    for root in ("/", "/index.html", "/home", "/en/", "/default.aspx", "/fr/index.php"):
        chain = hops(("https://www.x.org/resources/toolkit.pdf", 301, f"https://x.org{root}"))
        got = judge(visit("https://www.x.org/resources/toolkit.pdf", chain=chain, body=home))
        assert got.outcome is Outcome.SOFT_404 and "home page" in got.detail, root
    # a deep link with a query, temporarily
    chain = hops(("https://x.org/view?id=42", 302, "https://x.org/"))
    assert verdict_of(visit("https://x.org/view?id=42", chain=chain, body=home)) == ("soft_404", None)
    # the same registrable domain on another subdomain
    chain = hops(("https://training.x.co.uk/module/3", 301, "https://www.x.co.uk/"))
    assert verdict_of(visit("https://training.x.co.uk/module/3", chain=chain, body=home)) == ("soft_404", None)


def test_home_redirects_that_are_not_soft_404():
    home = page("Home | Example Coalition", "Welcome. " * 30)
    # a two-letter page is not a language root
    chain = hops(("http://127.0.0.2:8000/temporary", 302, "http://127.0.0.2:8000/ok"))
    assert verdict_of(visit("http://127.0.0.2:8000/temporary", chain=chain, body=home)) == ("ok", None)
    # the catalogue points at a home page itself
    chain = hops(("http://x.org/", 301, "https://x.org/"))
    assert verdict_of(visit("http://x.org/", chain=chain, body=home)) == ("moved", None)
    # a link shortener pointing at another site's home page
    chain = hops(("https://bit.ly/3abcDEF", 301, "https://x.org/"))
    assert verdict_of(visit("https://bit.ly/3abcDEF", chain=chain, body=home)) == ("moved", None)


def test_parked_domain_soft_404():
    body = page("example-training.org", "This domain may be for sale! Buy this domain. Related links: Nursing, CME.")
    assert verdict_of(visit(body=body)) == ("soft_404", None)


# -- the host probe -------------------------------------------------------------------------

CATCHALL = (PAGES / "catchall_home.html").read_bytes()


def probe(**kw):
    out = {
        "url": "https://h.example/resources/5f0c8e2a9b7d41c3a6e2f1b0-linkhealth-probe",
        "status": 200,
        "final_url": "https://h.example/resources/5f0c8e2a9b7d41c3a6e2f1b0-linkhealth-probe",
        "title": "Anti-Trafficking Health Network",
        "body_hash": hashlib.sha256(CATCHALL).hexdigest(),
        "length": len(CATCHALL),
        "text_sample": "",
    }
    out.update(kw)
    return out


def test_host_probe_same_body_is_soft_404():
    v = visit("https://h.example/resources/old-toolkit", body=CATCHALL, host_probe=probe())
    got = judge(v)
    assert got.outcome is Outcome.SOFT_404 and "random path" in got.detail


def test_host_probe_real_page_on_a_200_for_everything_host_is_ok():
    real = (PAGES / "public_article.html").read_bytes()
    assert verdict_of(visit("https://h.example/resources/caring", body=real, host_probe=probe())) == ("ok", None)
    # the same generic title, but a different length: a real page of a site that titles every page alike
    generic = page("Anti-Trafficking Health Network", "A long real training page. " * 200)
    assert verdict_of(visit("https://h.example/training/module-1", body=generic, host_probe=probe())) == ("ok", None)


def test_host_probe_same_title_and_length_is_soft_404():
    # the catch-all page carries a timestamp: hashes differ, title and length do not
    stamped = CATCHALL.replace(b"</footer>", b"<!-- 2025-01-14T21:33:20Z --></footer>")
    v = visit("https://h.example/resources/gone", body=stamped, host_probe=probe())
    assert verdict_of(v) == ("soft_404", None)


def test_host_probe_redirected_the_same_way_is_soft_404():
    token = "5f0c8e2a9b7d41c3a6e2f1b0-linkhealth-probe"
    p = probe(final_url=f"https://h.example/search?q={token}", body_hash="0" * 64, title="Search", length=9999)
    chain = hops(("https://h.example/resources/old-toolkit", 302, "https://h.example/search?q=old-toolkit"))
    body = page("Search results", "No results for your query. " * 30)
    assert verdict_of(visit("https://h.example/resources/old-toolkit", chain=chain, body=body, host_probe=p)) == (
        "soft_404",
        None,
    )
    # both land on the same fixed page
    p = probe(final_url="https://h.example/sorry.html", body_hash="0" * 64, title="Sorry", length=9999)
    chain = hops(("https://h.example/resources/old-toolkit", 302, "https://h.example/sorry.html"))
    assert verdict_of(visit("https://h.example/resources/old-toolkit", chain=chain, body=body, host_probe=p)) == (
        "soft_404",
        None,
    )


def test_host_probe_that_got_a_404_proves_nothing():
    p = probe(status=404)
    assert verdict_of(visit("https://h.example/resources/x", body=CATCHALL, host_probe=p)) == ("ok", None)
    assert (
        resembles_probe(
            url="https://h.example/x",
            final_url="https://h.example/x",
            title="T",
            body=b"x",
            probe={"status": None, "error": "TimeoutError"},
        )
        is None
    )


def test_resembles_probe_is_a_small_pure_function():
    assert resembles_probe(
        url="https://h.example/a",
        final_url="https://h.example/a",
        title="T",
        body=CATCHALL,
        probe=probe(body_hash="sha256:" + hashlib.sha256(CATCHALL).hexdigest()),
    )
    assert resembles_probe(
        url="https://h.example/a",
        final_url="https://h.example/a",
        title="T",
        body=CATCHALL,
        probe=probe(body_hash=hashlib.md5(CATCHALL).hexdigest()),
    )
    # the probe's own final URL differs from the page's only by the random part: not a redirect, no match
    assert (
        resembles_probe(
            url="https://h.example/resources/a",
            final_url="https://h.example/resources/a",
            title="Other",
            body=b"<html>other</html>",
            probe=probe(),
        )
        is None
    )
    assert (
        resembles_probe(url="https://h.example/a", final_url="https://h.example/a", title="T", body=b"x", probe=None)
        is None
    )


# -- video hosts ----------------------------------------------------------------------------

YT_REMOVED = (PAGES / "youtube_watch_removed.html").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    "reason",
    [
        "Video unavailable",
        "This video isn't available anymore",
        "This video has been removed by the uploader",
    ],
)
def test_youtube_error_is_not_found_with_the_reason(reason):
    body = YT_REMOVED.replace("This video isn't available anymore", reason)
    got = judge(visit("https://www.youtube.com/watch?v=deadVid0001", body=body))
    assert got.outcome is Outcome.NOT_FOUND and got.detail == f"video unavailable: {reason}"


def test_youtube_not_a_bot_is_blocked():
    body = (PAGES / "youtube_watch_not_a_bot.html").read_bytes()
    got = judge(visit("https://www.youtube.com/watch?v=botWall0001", body=body))
    assert got.outcome is Outcome.BLOCKED and "not a bot" in got.detail


def test_youtube_judged_from_a_truncated_body():
    body = (PAGES / "youtube_watch_private.html").read_bytes()
    cut = body[: body.index(b'"icon"', body.index(b"playabilityStatus"))]
    assert verdict_of(visit("https://www.youtube.com/watch?v=priv4teVid1", body=cut, body_truncated=True)) == (
        "gated",
        "private",
    )
    removed = YT_REMOVED.encode()
    cut = removed[: removed.index(b"errorScreen", removed.index(b"playabilityStatus")) + 20]
    got = judge(visit("https://www.youtube.com/watch?v=deadVid0001", body=cut, body_truncated=True))
    assert got.outcome is Outcome.NOT_FOUND and "isn't available anymore" in got.detail


def test_youtube_age_verification_and_offline_live_are_ok():
    ok = (PAGES / "youtube_watch_content_check.html").read_text(encoding="utf-8")
    for status in ("AGE_VERIFICATION_REQUIRED", "LIVE_STREAM_OFFLINE", "CONTENT_CHECK_REQUIRED"):
        body = ok.replace('"status":"CONTENT_CHECK_REQUIRED"', f'"status":"{status}"')
        assert verdict_of(visit("https://www.youtube.com/watch?v=contentChk1", body=body)) == ("ok", None), status


def test_a_page_quoting_youtube_words_without_its_player_json_is_ok():
    body = page(
        "Notes on our video library", "Some videos show 'Video unavailable' or 'Private video' on YouTube. " * 10
    )
    assert verdict_of(visit(body=body)) == ("ok", None)


# -- bodies ---------------------------------------------------------------------------------


def test_truncated_bodies():
    soft = (PAGES / "soft_404_page_not_found.html").read_bytes()
    cut = soft[: soft.index(b"</title>") + 8]
    assert verdict_of(visit(body=cut, body_truncated=True)) == ("soft_404", None)
    real = (PAGES / "public_article.html").read_bytes()
    assert verdict_of(visit(body=real[:1500], body_truncated=True)) == ("ok", None)
    # cut inside a <script>: the rest is not mistaken for text
    assert verdict_of(
        visit(body=b"<html><head><title>Guide</title><script>var a = 'page not found';", body_truncated=True)
    ) == ("ok", None)


def test_a_binary_body_served_as_html_is_ok():
    png = (PAGES / "binary_body.bin").read_bytes()
    assert Page(visit(body=png)).is_html is False
    assert verdict_of(visit(body=png)) == ("ok", None)
    noise = bytes(range(256)) * 8
    assert verdict_of(visit(body=noise)) == ("ok", None)


def test_a_windows_1252_page():
    body = (PAGES / "windows1252_page.html").read_bytes()
    headers = {"content-type": "text/html; charset=windows-1252"}
    p = Page(visit(body=body, headers=headers))
    assert p.title == 'Human Trafficking – "Caring for Survivors": a café-style discussion guide'
    # no charset in the header: the <meta> says it
    assert Page(visit(body=body, headers={"content-type": "text/html"})).title == p.title
    # Scrapy's encoding wins
    assert Page(visit(body=body, headers={"content-type": "text/html"}, encoding="cp1252")).title == p.title
    assert verdict_of(visit(body=body, headers=headers)) == ("ok", None)


def test_decode_body():
    assert decode_body("café".encode("cp1252"), None, "text/html; charset=ISO-8859-1") == "café"
    assert decode_body("café".encode(), "utf-8", "text/html; charset=ISO-8859-1") == "café"
    assert decode_body(b"\xef\xbb\xbf<p>caf\xc3\xa9</p>") == "<p>café</p>"
    assert decode_body("<p>café</p>".encode("utf-16"), None, "text/html") == "<p>café</p>"
    assert (
        decode_body(b"<meta charset='windows-1252'><p>\x93hi\x94</p>")
        == "<meta charset='windows-1252'><p>\u201chi\u201d</p>"
    )
    # bytes that are not UTF-8 in a page that declares nothing: read as windows-1252
    assert decode_body(b"<p>\xff\xfe broken</p>") == "<p>\xff\xfe broken</p>"
    assert decode_body("Café crème".encode("cp1252"), None, "text/html; charset=utf-8") == "Café crème"
    # a UTF-8 body cut mid-character by the read cap is still UTF-8
    assert decode_body("café".encode()[:-1]) == "caf\ufffd"
    assert decode_body(b"x" * 10, limit=4) == "xxxx"
    assert decode_body(b"<p>caf\xc3\xa9</p>", "no-such-codec") == "<p>café</p>"


def test_a_body_with_a_nul_byte():
    soft = b"<html><head><title>Page not\x00 found</title></head><body>\x00</body></html>"
    assert verdict_of(visit(body=soft)) in {("soft_404", None), ("ok", None)}  # never an exception
    body = page().encode().replace(b"<p>", b"<p>\x00", 1)
    assert verdict_of(visit(body=body)) == ("ok", None)
    assert verdict_of(visit(body=b"<html><head><title>Page not found</title></head><body>\x00</body></html>")) == (
        "soft_404",
        None,
    )


def test_non_html_bodies_are_not_parsed():
    assert verdict_of(visit(body=b'{"title": "Page not found"}', headers={"content-type": "application/json"})) == (
        "ok",
        None,
    )
    pdf = (PAGES / "guide.pdf").read_bytes()
    assert verdict_of(visit(body=pdf, headers={"content-type": "application/pdf"})) == ("ok", None)
    assert verdict_of(visit(body=pdf, headers={})) == ("ok", None)
    # no content type, but unmistakably HTML
    assert verdict_of(
        visit(body=b"<!DOCTYPE html><html><head><title>404 Not Found</title></head></html>", headers={})
    ) == ("soft_404", None)


# -- URLs ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "url",
    [
        None,
        "",
        "   ",
        "\t",
        "file:///C:/trainings/guide.pdf",
        "ftp://ftp.example.org/pub/guide.pdf",
        "javascript:void(0)",
        "data:text/html,<h1>hi</h1>",
        "mailto:training@example.org",
        "tel:+15551234567",
        "guide",
        "www.example.org/guide",
        "http://",
        "https:///path/only",
        "http://exa mple.org/",
        "http://example.org:notaport/",
        "https://-bad-.example.org/",
        "http://[::1/",
        "localhost:8080",
        "see website",
        "https://example.org/a\nb",
    ],
)
def test_invalid_urls(url):
    reason = invalid_url_reason(url)
    assert reason and not is_valid_url(url)
    if url is not None:
        assert judge(visit(url=url or "", body=page())) == Verdict(Outcome.INVALID_URL, None, reason)


@pytest.mark.parametrize(
    "url",
    [
        "https://example.org/",
        "http://example.org",
        "https://www.example.org/a b.pdf",
        "http://127.0.0.1:8765/x?y=1#z",
        "https://[::1]:8443/x",
        "https://bücher.example/guide",
        "HTTPS://EXAMPLE.ORG/Guide",
        " https://example.org/padded ",
        "http://intranet/guide",
        "https://my_host.example.org/x",
    ],
)
def test_valid_urls(url):
    assert is_valid_url(url) and invalid_url_reason(url) is None


# -- the end-to-end test web's pages, judged here first ------------------------------------


def e2e_html(title, text=""):
    return (
        f"<!doctype html><html><head><meta charset='utf-8'><title>{title}</title></head>"
        f"<body><h1>{title}</h1><p>{text or 'Content of ' + title}</p></body></html>"
    )


def test_pages_of_the_end_to_end_web():
    host = "http://127.0.0.2:8000"
    assert verdict_of(visit(f"{host}/ok", body=e2e_html("A training on trafficking", "Real content."))) == ("ok", None)
    assert verdict_of(
        visit(f"{host}/soft", body=e2e_html("Page not found", "Sorry, the page you requested could not be found."))
    ) == ("soft_404", None)
    assert verdict_of(
        visit(
            f"{host}/challenge",
            status=403,
            headers={**HTML, "cf-mitigated": "challenge"},
            body=e2e_html("Just a moment..."),
        )
    ) == ("blocked", None)
    assert verdict_of(visit(f"{host}/auth", status=401, body=e2e_html("Authorization required"))) == ("gated", "auth")
    chain = hops((f"{host}/deep/resource/page", 301, f"{host}/"))
    assert verdict_of(visit(f"{host}/deep/resource/page", chain=chain, body=e2e_html("Main site home"))) == (
        "soft_404",
        None,
    )
    catchall = e2e_html("Welcome to Catchall", "Everything is here.").encode()
    p = {
        "url": "http://127.0.0.3:8000/some/old/0123456789abcdef01234567-linkhealth-probe",
        "status": 200,
        "final_url": "http://127.0.0.3:8000/some/old/0123456789abcdef01234567-linkhealth-probe",
        "title": "Welcome to Catchall",
        "body_hash": hashlib.sha256(catchall).hexdigest(),
        "length": len(catchall),
    }
    assert verdict_of(visit("http://127.0.0.3:8000/some/old/resource", body=catchall, host_probe=p)) == (
        "soft_404",
        None,
    )
    real = e2e_html("A real article about care", "Different, real content " * 30)
    assert verdict_of(visit("http://127.0.0.3:8000/real/article", body=real, host_probe=p)) == ("ok", None)


# -- cost ------------------------------------------------------------------------------------


def test_a_huge_body_is_read_only_up_to_the_decode_cap():
    """A 3 MB page is decoded (and so parsed) only up to DECODE_CAP: what a hostile or
    runaway body costs the judge is bounded. (Its speed is measured in benchmarks/pages.py.)"""
    from pipelines.page import DECODE_CAP

    big = page("A long page", "Plenty of ordinary text in paragraphs. " * 80_000).encode()
    assert len(big) > 3 * DECODE_CAP
    assert len(decode_body(big, "utf-8")) <= DECODE_CAP
    assert judge(visit(body=big)).outcome is Outcome.OK


def test_a_redirect_to_javascript_says_where_it_pointed():
    got = classify_failure("ValueError", "Missing scheme in request url: javascript:alert(1)", [])
    assert got.outcome is Outcome.SERVER_ERROR
    assert got.detail == "a redirect the crawler could not follow (Location: javascript:alert(1))"


def test_visible_text_of_a_turkish_page_is_cut_in_the_right_places():
    """ "İ" lower-cases to two characters: the scripts found in the lower-cased markup
    must still be cut from the markup itself at the same places."""
    body = (
        "<!doctype html><html><head><title>Giriş</title><script>var İ = 'not text';</script></head><body>"
        "<p>" + "İSTANBUL İzmir " * 40 + "</p><script>var tracker = 1;</script>"
        "<p>Sign in to continue</p><style>p { color: red }</style><p>Son</p></body></html>"
    )
    text = Page(visit(body=body)).text
    assert text.endswith("İSTANBUL İzmir Sign in to continue Son")
    assert "tracker" not in text and "not text" not in text and "color" not in text
