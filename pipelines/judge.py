"""The judgment of one visit: pure functions from a :class:`linkhealth.visit.Visit`
to a :class:`Verdict` (outcome, gate, detail, suggested address). No I/O, no reactor.

The outcome and gate vocabulary is :mod:`linkhealth.outcomes`; the gate rules
are data in :mod:`pipelines.gates`. This module decides in this order:

1. ``invalid_url`` when the catalogued URL is not a fetchable http(s) URL.
2. No response (a failure, or a spider verdict such as ``RobotsDisallowed``):
   :func:`classify_failure`, which first looks at where the redirect chain was
   heading (a link that heads for accounts.google.com is ``gated``/``login`` even
   when that host cannot be reached), then at loops, then at the error class.
3. ``304`` → ``not_modified`` (detail notes a 304 to an unconditional request).
4. A redirect chain that revisits a URL, or has more than ``MAX_REDIRECTS`` hops
   → ``redirect_loop``. A revisit that ends in an answer other than a redirect
   terminated: a cookie bounce (``/a`` → ``/set-cookie`` → ``/a`` 200) is judged
   by that answer, not as a loop.
5. The status table below; bot walls (:data:`BOT_WALLS`) before gates (a wall
   told by its header alone, :data:`HEADER_WALLS`, even before a 429); then, for a
   2xx, a page that says the resource is gone (:data:`DEAD_PAGES`, :data:`PARKED`):
   a dead page is never gated; gate rules for 2xx/401/402/403/451.
6. 2xx: gates, then video-host states (YouTube's player JSON, Vimeo's notices),
   then soft-404 (an empty body, a "not found" page, a parked domain, a deep link
   sent to the home page, a page like the one the host serves for a random
   path), then ``moved`` or ``ok``.

Statuses
========

=====================  =======================  =================================================
status                 outcome (gate)           why
=====================  =======================  =================================================
2xx                    ok / moved / gated /     see step 6; a 200 challenge page (Cloudflare with
                       soft_404 / not_found /   its challenge markup, ``cf-mitigated``, AWS WAF)
                       blocked                  is ``blocked``
204, 205, empty 200    soft_404                 nothing is served in place of the resource
304                    not_modified
other 3xx (final)      server_error             a redirect the crawler could not follow (no
                                                ``Location``, or one to ``file:``, ``data:``,
                                                ``javascript:``, or one that does not parse);
                                                chain-based gates still apply
400                    invalid_url              the server rejects the URL as malformed: the
                                                catalogue entry needs fixing (counts as failure)
401                    gated (auth)             via gates.py ``http-401`` unless a clearer rule
                                                (a sign-in page) matches first
402                    gated (paywall)          gates.py ``http-402``
403                    blocked / gated          a bot wall → ``blocked``; else a gate rule (e.g.
                                                SharePoint "You need permission") or ``forbidden``
404                    not_found
405                    server_error             GET is never a wrong method for a web page: the
                                                server is misconfigured
406                    blocked                  mod_security's classic answer to a bot (inconclusive)
407                    network_down             our own proxy wants credentials: the crawler, not
                                                the link, is cut off (inconclusive)
408                    timeout                  the server gave up waiting
410                    gone
414                    invalid_url              the catalogued URL is too long for the server
418, 431               blocked                  anti-bot answers / our headers refused (inconclusive)
420, 425, 429          rate_limited             detail carries ``Retry-After``
451                    gated (forbidden)        served, not to readers where the crawler stands:
                                                a stable fact about the link (gates.py ``http-451``)
other 4xx              server_error             the server will not serve this URL for a reason
                                                that is not "not found": a failure, counted toward
                                                broken; the detail has the exact status
5xx                    server_error             but a 503 (or 403) challenge page → ``blocked``
999                    blocked                  LinkedIn's answer to crawlers
anything else          server_error
=====================  =======================  =================================================

Moved or ok
===========

- Only the leading run of permanent hops (301/308) counts: the catalogue's URL
  itself must have been moved permanently. Its target (the location of the
  last hop of that run) is the new address. So 301 → 302 is ``moved`` to the
  301's target (the 302 is where that address is served today, not an address
  to catalogue), and 302 → 301 is ``ok`` (the catalogued URL is a temporary
  alias, e.g. a "latest version" link, and should stay). :func:`moved_to` gives
  the target, and a ``moved`` verdict carries it as ``suggested_url``.
- An http → https upgrade of the same host and path is ``moved``: the catalogue
  should hold the https URL (readers skip a plaintext hop, and the http address
  may stop redirecting). A target that differs only trivially is ``ok``: an
  added or removed trailing slash, ``www.`` added or removed, host case, a
  default port, a fragment, the order of query parameters or tracking
  parameters (``utm_*``, ``fbclid``, ``gclid``): the same server's canonical
  spelling of the same address.
- Temporary redirects only (302/303/307, meta refresh) to a working page → ``ok``.

Soft-404
========

- "Not found" pages are recognised from their ``<title>`` or ``<h1>`` only, or
  from the text of a very short page (≤ 60 words): a long article that mentions
  a 404 is not a 404.
- A deep link (a path other than the site root, or one with a query) that was
  redirected to the site's root (``/``, ``/index.html``, ``/home``, ``/en/``,
  ``/default.aspx`` …) of the same registrable domain is ``soft_404``; a
  redirect to another domain's home page is not (link shorteners do that on
  purpose).
- ``visit.host_probe`` (what the host answered for a random path) makes a page
  ``soft_404`` when :func:`resembles_probe` says it is that page: the same body
  hash, or both redirected to the same place, or the same title *and* a length
  within ±5 %. The same title alone is not enough: sites whose every page
  shares one title (single-page apps, generic themes) would lose all their real
  pages. A catch-all single-page app that serves one identical shell for every
  path cannot be told apart from its dead links and is judged ``soft_404``.

Video hosts
===========

YouTube watch pages are recognised from any host by their own
``ytInitialPlayerResponse`` JSON: ``playabilityStatus`` ERROR → ``not_found``
("video unavailable: <reason>"); LOGIN_REQUIRED with the bot check ("Sign in to
confirm you're not a bot") → ``blocked``; private, members-only, sign-in
(age-restricted) and UNPLAYABLE (geo-blocked) are gate rules in gates.py;
AGE_VERIFICATION_REQUIRED and CONTENT_CHECK_REQUIRED → ``ok`` (a click-through
warning any reader can pass without an account), as are OK and
LIVE_STREAM_OFFLINE. Vimeo's "Sorry, this video does not exist" → ``not_found``.

Cost
====

This runs for every visit, so it stays cheap: a failure or a 404 needs no page;
an HTML page is decoded and parsed once by :mod:`pipelines.page` (the same
parse serves metadata extraction), and each rule tests its cheapest matcher
first (status, URL, header, title, word count) and screens its phrases by a
substring test on the page's lower-cased text (see gates.py). Figures are in
docs/performance.md.
"""

from __future__ import annotations

import hashlib
import ipaddress
import re
from collections.abc import Mapping
from functools import lru_cache
from typing import Any
from urllib.parse import parse_qsl, unquote, urlencode, urlsplit

from linkhealth.outcomes import Gate, Outcome, SpiderError, Verdict
from linkhealth.urls import invalid_url_reason, is_valid_url
from linkhealth.visit import Visit

from .gates import GATE_STATUSES, SUCCESS, PageRule, detect_gate
from .page import DECODE_CAP, Page, PlayerStatus, decode_body, page_of
from .page import hop_target as _hop_target

__all__ = [
    "Verdict",
    "judge",
    "classify_failure",
    "failure_name",
    "is_valid_url",
    "invalid_url_reason",
    "resembles_probe",
    "moved_to",
    "decode_body",
    "Page",
    "PlayerStatus",
    "BOT_WALLS",
    "PARKED",
    "DEAD_PAGES",
    "STATUS_OUTCOMES",
    "SPIDER_VERDICTS",
    "MAX_REDIRECTS",
    "DECODE_CAP",
]

#: more hops than this is a loop (Scrapy's REDIRECT_MAX_TIMES default)
MAX_REDIRECTS = 20
#: a page this short is judged by its text, not only by its title and <h1>
SHORT_PAGE_WORDS = 60

PERMANENT = frozenset({301, 308})



# =====================================================================================
# URLs
# =====================================================================================

# Whether a catalogued address is fetchable at all is decided in the core, where the
# importer and ``add`` ask it too; the judge turns the reason into ``invalid_url``.


def _without_password(url: str) -> str:
    """``url`` with the password of its userinfo masked, fit to be stored and reported."""
    return re.sub(r"^([a-zA-Z][\w+.-]*://[^/@:]*):[^/@]*@", r"\1:…@", url)


def _defrag(url: str) -> str:
    return url.split("#", 1)[0]




_TLD = None


@lru_cache(maxsize=4096)
def _site(host: str | None) -> str:
    """The registrable domain of a host (``news.bbc.co.uk`` → ``bbc.co.uk``); the host for IPs."""
    global _TLD
    host = (host or "").lower().rstrip(".")
    if not host:
        return ""
    try:
        ipaddress.ip_address(host.strip("[]"))
        return host
    except ValueError:
        pass
    if _TLD is None:
        import tldextract  # offline: the bundled public-suffix snapshot, no fetching, no cache dir

        _TLD = tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None)
    ext = _TLD(host)
    return ext.top_domain_under_public_suffix or host


_TRACKING = re.compile(r"^(?:utm_\w+|fbclid|gclid|dclid|msclkid|mc_cid|mc_eid|_ga|_gl|igshid|yclid)$", re.I)
_UNRESERVED = re.compile(r"%(2[DdEe]|5[Ff]|7[Ee]|[46][1-9A-Fa-f]|[57][0-9Aa]|3[0-9])")


def _canonical(url: str) -> tuple[str, str, str, str]:
    """A URL with its trivial differences removed (see "Moved or ok" above)."""
    parts = urlsplit(url.strip())
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").lower().rstrip(".")
    if host.startswith("www."):
        host = host[4:]
    try:
        port = parts.port
    except ValueError:
        port = None
    if port and port != {"http": 80, "https": 443}.get(scheme):
        host = f"{host}:{port}"
    path = _UNRESERVED.sub(lambda m: unquote(m.group(0)), parts.path) or "/"
    if len(path) > 1:
        path = path.rstrip("/") or "/"
    query = urlencode(sorted((k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not _TRACKING.match(k)))
    return scheme, host, path, query


def _trivially_same(a: str, b: str) -> bool:
    try:
        return _canonical(a) == _canonical(b)
    except ValueError:
        return a == b


def _hop_status(hop: Mapping[str, Any]) -> int | None:
    status = hop.get("status")
    if isinstance(status, int):
        return status
    try:
        return int(str(status))
    except (TypeError, ValueError):
        return None  # e.g. "meta refresh": temporary




def moved_to(visit: Visit) -> str | None:
    """The new address of a permanently moved URL: the target of the chain's leading run
    of 301/308 hops, or None when the catalogued URL was not itself moved permanently."""
    target = None
    for hop in visit.redirect_chain or ():
        if _hop_status(hop) in PERMANENT:
            target = _hop_target(hop) or target
        else:
            break
    return target


# =====================================================================================
# Rules of the judge (data, in the shape of gates.py's rules)
# =====================================================================================

_WALL_STATUSES = frozenset({403, 503})
_CF_TITLE = (
    r"^(?:just a moment\.*|attention required! \| cloudflare|please wait\.*\s*\|\s*cloudflare"
    r"|checking your browser.*|one more step|ddos-guard)$",
)

#: Bot walls: a challenge page stands where the resource should be (``blocked``, inconclusive).
BOT_WALLS: tuple[PageRule, ...] = (
    PageRule(
        name="cloudflare-mitigated",
        description="Cloudflare managed/JS challenge, marked by the response header cf-mitigated: challenge.",
        fixture="cloudflare_challenge.html",
        statuses=SUCCESS | {401, 403, 429, 503},
        header_patterns=(("cf-mitigated", r"challenge"),),
    ),
    PageRule(
        name="cloudflare-challenge-page",
        description="Cloudflare's challenge or block page by its title: 'Just a moment...', "
        "'Attention Required! | Cloudflare', 'Checking your browser'.",
        fixture="cloudflare_attention_required.html",
        statuses=_WALL_STATUSES,
        title_patterns=_CF_TITLE,
    ),
    PageRule(
        name="cloudflare-challenge-served-200",
        description="A Cloudflare challenge served with 200: its title and challenge-platform script.",
        fixture="cloudflare_challenge.html",
        statuses=SUCCESS,
        title_patterns=_CF_TITLE,
        html_patterns=(r"/cdn-cgi/challenge-platform/|__cf_chl_|cf_chl_opt|cf-browser-verification",),
    ),
    PageRule(
        name="checking-your-browser",
        description="Cloudflare's older 'Checking your browser before accessing example.org' interstitial (503).",
        fixture="cloudflare_checking_browser_503.html",
        statuses=_WALL_STATUSES,
        text_patterns=(r"\bchecking your browser before accessing\b", r"\bDDoS protection by\b"),
        max_words=400,
    ),
    PageRule(
        name="akamai-access-denied",
        description="Akamai's edge refusal: title 'Access Denied', 'You don't have permission to access "
        "… on this server. Reference #18.…'.",
        fixture="akamai_access_denied.html",
        statuses=_WALL_STATUSES,
        title_patterns=(r"^access denied$",),
        text_patterns=(r"\breference\s*#\s*\d+\.[0-9a-f]+\.\d+\.[0-9a-f]+",),
    ),
    PageRule(
        name="datadome-captcha",
        description="DataDome's captcha page (script from geo.captcha-delivery.com) or its x-datadome header.",
        fixture="datadome_captcha.html",
        statuses=_WALL_STATUSES | {401, 405},
        html_patterns=(r"captcha-delivery\.com", r"var dd\s*=\s*\{"),
    ),
    PageRule(
        name="datadome-header",
        description="A DataDome refusal marked by its response header (x-datadome / x-dd-b).",
        fixture="datadome_captcha.html",
        statuses=_WALL_STATUSES | {401, 405},
        header_patterns=(("x-datadome", r"."), ("x-dd-b", r".")),
    ),
    PageRule(
        name="perimeterx-captcha",
        description="PerimeterX / HUMAN 'Press & Hold' captcha: 'Access to this page has been denied', "
        "#px-captcha, window._pxAppId.",
        fixture="perimeterx_captcha.html",
        statuses=_WALL_STATUSES,
        html_patterns=(r"\bpx-captcha\b", r"_pxAppId", r"captcha\.px-cdn\.net", r"client\.perimeterx\.net"),
    ),
    PageRule(
        name="imperva-incapsula",
        description="Imperva/Incapsula's block page ('Request unsuccessful. Incapsula incident ID').",
        fixture="imperva_incapsula.html",
        statuses=_WALL_STATUSES | SUCCESS,
        html_patterns=(r"_Incapsula_Resource", r"Incapsula incident ID"),
    ),
    PageRule(
        name="sucuri-firewall",
        description="Sucuri WebSite Firewall - Access Denied.",
        fixture="sucuri_firewall.html",
        statuses=_WALL_STATUSES,
        title_patterns=(r"sucuri website firewall",),
    ),
    PageRule(
        name="aws-waf-challenge",
        description="AWS WAF captcha/challenge action (x-amzn-waf-action header; 'Human Verification' page, 405).",
        fixture="aws_waf_captcha.html",
        statuses=SUCCESS | {403, 405, 503},
        header_patterns=(("x-amzn-waf-action", r"captcha|challenge"),),
    ),
    PageRule(
        name="vercel-checkpoint",
        description="Vercel's Security Checkpoint ('We're verifying your browser'), marked by the response "
        "header x-vercel-mitigated: challenge (served as 429 or 403).",
        fixture="vercel_checkpoint.html",
        statuses=SUCCESS | {403, 429, 503},
        header_patterns=(("x-vercel-mitigated", r"challenge|deny"),),
    ),
    PageRule(
        name="cloudfront-request-blocked",
        description="CloudFront's 'ERROR: The request could not be satisfied … Request blocked.' (a WAF rule "
        "or geo restriction matched the crawler: inconclusive).",
        fixture="cloudfront_request_blocked.html",
        statuses=_WALL_STATUSES,
        title_patterns=(r"^error: the request could not be satisfied",),
        text_patterns=(r"\brequest blocked\b",),
    ),
    PageRule(
        name="f5-asm-rejected",
        description="F5 BIG-IP ASM's 'The requested URL was rejected. Please consult with your "
        "administrator. Your support ID is: …' (often served as 200).",
        fixture="f5_request_rejected.html",
        statuses=_WALL_STATUSES | SUCCESS,
        text_patterns=(r"\bthe requested url was rejected\. please consult with your administrator\b",),
        max_words=200,
    ),
    PageRule(
        name="wordfence-limited",
        description="Wordfence (a WordPress firewall) limiting the crawler's address: 'Your access to this "
        "site has been limited by the site owner', 'Generated by Wordfence' (503 or 403).",
        fixture="wordfence_limited.html",
        statuses=_WALL_STATUSES,
        text_patterns=(r"\byour access to this site has been limited by the site owner\b", r"\bgenerated by wordfence\b"),
    ),
    PageRule(
        name="radware-bot-manager",
        description="Radware Bot Manager's captcha (form posting to validate.perfdrive.com), often served as 200.",
        fixture="radware_captcha.html",
        statuses=_WALL_STATUSES | SUCCESS,
        html_patterns=(r"validate\.perfdrive\.com", r"<title>radware bot manager"),
    ),
    PageRule(
        name="human-verification",
        description="A generic 'verify you are human' / 'unusual traffic' refusal page (reCAPTCHA interstitial).",
        fixture="verify_human_403.html",
        statuses=_WALL_STATUSES,
        text_patterns=(
            r"\bverify (?:that )?you are (?:a )?human\b",
            r"\bare you a robot\b",
            r"\bunusual traffic from your computer network\b",
        ),
        max_words=400,
    ),
)

#: walls told by a response header alone: they hold whatever the status
HEADER_WALLS: tuple[PageRule, ...] = tuple(r for r in BOT_WALLS if r.name == "vercel-checkpoint")

#: Parked domains: the name is for sale, the resource is gone (``soft_404``).
PARKED: tuple[PageRule, ...] = (
    PageRule(
        name="parking-script",
        description="A domain parking lander (GoDaddy's img1.wsimg.com/parking-lander, Sedo, ParkingCrew, "
        "Bodis, ParkLogic) recognised by its script.",
        fixture="parked_domain_godaddy.html",
        statuses=SUCCESS,
        html_patterns=(
            r"<script\b[^>]*\bsrc\s*=\s*[\"'][^\"']*(?:sedoparking\.com|parkingcrew\.net|parklogic|bodis\.com"
            r"|/parking-lander/|/parking\.\d[\w.]*\.js|/js/parking)",
            r"\bwindow\.park\s*=",
        ),
    ),
    PageRule(
        name="domain-for-sale",
        description="A parked or for-sale page: 'This domain may be for sale', 'Buy this domain', "
        "'The domain example.org is for sale' (Sedo, Dan.com, Afternic, HugeDomains).",
        fixture="parked_domain_sedo.html",
        statuses=SUCCESS,
        text_patterns=(
            r"\bthis domain (?:name )?(?:may be|is) for sale\b",
            r"\bdomain (?:name )?(?:[\w.-]+ )?is for sale\b",
            r"\bbuy this domain\b",
            r"\bthis domain (?:is|has been) parked\b",
            r"\bparked free,? courtesy of\b",
            r"\bmake an offer on this domain\b",
            r"\binquire about (?:buying )?this domain\b",
            r"\bthis web ?page is parked\b",
        ),
        max_words=800,
    ),
    PageRule(
        name="domain-marketplace-title",
        description="A domain marketplace lander by its title: 'example.org is for sale | HugeDomains'.",
        fixture="parked_domain_hugedomains.html",
        statuses=SUCCESS,
        title_patterns=(
            r"\bis for sale\b.*(?:hugedomains|dan\.com|afternic|sedo|godaddy)",
            r"\bhugedomains\b",
            r"^(?:[\w-]+\.)+[a-z]{2,}\s*(?:[-|:]\s*)?(?:is )?for sale\b",
        ),
    ),
)

#: A page that says the resource is not there, from any host (``soft_404`` on a 200).
DEAD_PAGES: tuple[PageRule, ...] = (
    PageRule(
        name="box-link-unavailable",
        description="Box's 'This shared file or folder link has been removed or is unavailable to you' "
        "(app.box.com/s/…): deleted and collaborator-only links look the same to a public reader, "
        "and neither can be read: dead, not gated.",
        fixture="box_link_removed.html",
        statuses=SUCCESS,
        text_patterns=(r"\bshared (?:file or folder )?link has been removed or is unavailable\b",),
    ),
    PageRule(
        name="item-might-not-exist",
        description="A file-sharing host's one page for deleted, expired and unshared items (OneDrive: "
        "'This item might not exist or is no longer available'): it leads with 'might not exist', "
        "so a public reader has lost the item: dead, not gated.",
        fixture="onedrive_item_might_not_exist.html",
        statuses=SUCCESS,
        text_patterns=(r"\b(?:item|file|folder|document|video|link|page) (?:might|may) not exist or (?:is|has been) "
                       r"(?:no longer available|removed|deleted)\b",),
        max_words=400,
    ),
)

_NOT_FOUND = re.compile(
    r"""
      \b(?:page|file|document|resource|content|article|item|post|url|link|video)s?\s+
         (?:was\s+|is\s+|could\s+not\s+be\s+|couldn't\s+be\s+|cannot\s+be\s+|can't\s+be\s+)?not\s+found\b
    | ^\W*(?:error\s*)?404\b
    | \b404\s*(?:error\b|[-–—:|]|page\b|not\s+found\b)
    | \b(?:error|http)\s*404\b
    | \b(?:page|content|video|resource|document|file|item|link|it)\s+(?:is|was)\s+no\s+longer\s+(?:available|online|accessible)\b
    | \b(?:page|content|resource|document|file|video|item)\s+you\s+(?:requested|are\s+looking\s+for|were\s+looking\s+for|tried\s+to\s+(?:access|reach))
         \b[^.]{0,40}?(?:(?:could\s+not|cannot|can't|couldn't)\s+be\s+found|(?:does\s+not|doesn't|no\s+longer)\s+exists?
         |is\s+no\s+longer\s+available|was\s+not\s+found|has\s+been\s+(?:removed|moved|deleted))
    | \b(?:this|the|that)\s+(?:page|content|video|resource|document|file|item|link|recording|webinar|meeting|event)\s+(?:does\s+not|doesn't)\s+exist\b
    | \b(?:this|the|that)\s+(?:page|content|video|resource|document|file|item|link|recording|webinar)\s+(?:has\s+been|was)\s+(?:removed|deleted|taken\s+down)\b
    | \b(?:we|i)\s+(?:can't|cannot|couldn't|could\s+not)\s+find\s+(?:that|the|this|what)\b
    | \bpage\s+(?:cannot|can't|could\s+not|couldn't)\s+be\s+found\b
    """,
    re.I | re.X,
)
#: looser phrases, for a title or <h1> of a few words only ("Not Found", "No longer available")
_NOT_FOUND_SHORT = re.compile(
    r"\bnot\s+found\b|\bno\s+longer\s+(?:available|exists)\b|\b(?:does\s+not|doesn't)\s+exist\b|\bhas\s+been\s+removed\b",
    re.I,
)

_VIMEO_GONE = re.compile(r"sorry,? (?:this|that) video does not exist\b|this video (?:has been|was) removed\b")
_BOT_CHECK = re.compile(r"confirm you.?re not a bot", re.I)
#: ISO 639-1 codes: a site's root in one language is /en/, /fr/, /pt-br/ … (but /ok is a page)
_LANGUAGES = (
    "aa ab af ak am an ar as av ay az ba be bg bh bi bm bn bo br bs ca ce ch co cr cs cu cv cy da de dv dz ee el en "
    "eo es et eu fa ff fi fj fo fr fy ga gd gl gn gu gv ha he hi ho hr ht hu hy hz ia id ie ig ii ik io is it iu ja "
    "jv ka kg ki kj kk kl km kn ko kr ks ku kv kw ky la lb lg li ln lo lt lu lv mg mh mi mk ml mn mr ms mt my na nb "
    "nd ne ng nl nn no nr nv ny oc oj om or os pa pi pl ps pt qu rm rn ro ru rw sa sc sd se sg si sk sl sm sn so sq "
    "sr ss st su sv sw ta te tg th ti tk tl tn to tr ts tt tw ty ug uk ur uz ve vi vo wa wo xh yi yo za zh zu"
).split()
_ROOT_PATH = re.compile(
    r"^/?(?:(?:index|default|home|main|start|welcome|portal)(?:\.(?:s?html?|php|aspx?|jsp|cfm))?/?"
    r"|(?:" + "|".join(_LANGUAGES) + r")(?:[-_][a-z]{2,4})?/?(?:(?:index|home|default)(?:\.(?:s?html?|php|aspx?|jsp))?/?)?)?$",
    re.I,
)


def _first_match(rules: tuple[PageRule, ...], page: Page) -> tuple[PageRule, str] | None:
    for rule in rules:
        hit = rule.evidence(page)
        if hit is not None:
            return rule, hit
    return None


# =====================================================================================
# Failures
# =====================================================================================

_FAILURE_CLASSES: dict[str, Outcome] = {
    "DNSLookupError": Outcome.DNS_ERROR,
    "CannotResolveHostError": Outcome.DNS_ERROR,  # Scrapy >= 2.13
    "gaierror": Outcome.DNS_ERROR,
    "TimeoutError": Outcome.TIMEOUT,
    "DownloadTimeoutError": Outcome.TIMEOUT,  # Scrapy >= 2.13
    "TCPTimedOutError": Outcome.TIMEOUT,
    "UserTimeoutError": Outcome.TIMEOUT,
    "ConnectingCancelledError": Outcome.TIMEOUT,
    "DeferredTimeoutError": Outcome.TIMEOUT,
    "ConnectionRefusedError": Outcome.CONNECTION_ERROR,
    "DownloadConnectionRefusedError": Outcome.CONNECTION_ERROR,  # Scrapy >= 2.13
    "ResponseDataLossError": Outcome.CONNECTION_ERROR,  # Scrapy >= 2.13
    "ConnectionLost": Outcome.CONNECTION_ERROR,
    "ConnectionDone": Outcome.CONNECTION_ERROR,
    "ConnectionAborted": Outcome.CONNECTION_ERROR,
    "ConnectionResetError": Outcome.CONNECTION_ERROR,
    "ConnectionClosed": Outcome.CONNECTION_ERROR,
    "NoRouteError": Outcome.CONNECTION_ERROR,
    "PotentialDataLoss": Outcome.CONNECTION_ERROR,
    "SSLError": Outcome.TLS_ERROR,
    "Error": Outcome.TLS_ERROR,  # OpenSSL.SSL.Error
    "CertificateError": Outcome.TLS_ERROR,
    "VerificationError": Outcome.TLS_ERROR,
    "SSLHandshakeError": Outcome.TLS_ERROR,
    "RobotsDisallowed": Outcome.ROBOTS_DISALLOWED,
    "InvalidURL": Outcome.INVALID_URL,
    "UnsupportedURLSchemeError": Outcome.INVALID_URL,  # Scrapy >= 2.13
    "RedirectLoop": Outcome.REDIRECT_LOOP,
    "TooManyRedirects": Outcome.REDIRECT_LOOP,
    "NetworkDown": Outcome.NETWORK_DOWN,
    "SizeLimitExceeded": Outcome.OK,
}
#: the detail of a visit larger than DOWNLOAD_MAXSIZE (the file was served)
OVER_CAP = "served, larger than the download cap"
#: classes that wrap an inner reason, told apart by the message
_WRAPPERS = frozenset({
    "ResponseNeverReceived", "ResponseFailed", "_ResponseFailed", "RequestTransmissionFailed",
    "_WrapperException", "IgnoreRequest", "ConnectError", "TunnelError", "RequestGenerationFailed",
    "DownloadFailedError", "DownloadCancelledError",  # Scrapy >= 2.13
})
#: an unknown class is read by its name before its message
_CLASS_WORDS: tuple[tuple[re.Pattern, Outcome], ...] = (
    (re.compile(r"timeout|timedout", re.I), Outcome.TIMEOUT),
    (re.compile(r"dns|resolve|lookup", re.I), Outcome.DNS_ERROR),
    (re.compile(r"ssl|tls|certificate|handshake", re.I), Outcome.TLS_ERROR),
)
#: verdicts the spider itself reached: they stand even when a status was recorded
SPIDER_VERDICTS = frozenset({"RobotsDisallowed", "InvalidURL", "RedirectLoop", "TooManyRedirects", "NetworkDown"})

#: Scrapy's ValueError when a redirect's Location resolves to a URL it cannot request
#: (``javascript:…``): the same finding as a redirect to ``file:`` or ``data:``.
_UNFOLLOWABLE_TARGET = re.compile(r"(?:Missing scheme in request url|Unsupported URL scheme)[^:]*:\s*(.*)", re.S)

#: urllib's words for a URL it cannot split (a Location such as ``http://[::1/x``)
_UNPARSEABLE_URL = re.compile(r"Invalid IPv6 URL|Port could not be cast|Port out of range|Invalid URL")
#: A body that answered but does not decompress (``Content-Encoding: gzip`` over
#: plain text): the server's fault, not the connection's.
_UNDECODABLE_CLASSES = frozenset({"BadGzipFile"})
_UNDECODABLE_MESSAGE = re.compile(r"while decompressing|not a gzipped file|BrotliDecompress", re.I)

_MSG_RULES: tuple[tuple[re.Pattern, Outcome], ...] = (
    (re.compile(r"robots\.txt", re.I), Outcome.ROBOTS_DISALLOWED),
    (re.compile(r"\b407\b|proxy authentication", re.I), Outcome.NETWORK_DOWN),
    (re.compile(r"\bssl\b|\btls\b|certificate|handshake|openssl|x509", re.I), Outcome.TLS_ERROR),
    (re.compile(r"timed? ?out|timeout", re.I), Outcome.TIMEOUT),
    (re.compile(r"dns lookup|name or service not known|nodename nor servname|no address associated|getaddrinfo"
                r"|name resolution", re.I), Outcome.DNS_ERROR),
    (re.compile(r"max(?:imum)? redirect|redirection|redirect loop", re.I), Outcome.REDIRECT_LOOP),
    (re.compile(r"refused|reset|\blost\b|closed|connectiondone|aborted|broken pipe|unreachable|no route", re.I),
     Outcome.CONNECTION_ERROR),
)


def _detail(error_class: str, message: str, limit: int = 300) -> str:
    message = " ".join((message or "").split())
    text = f"{error_class}: {message}" if message else error_class
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _loop(chain: list[Mapping[str, Any]] | None) -> str | None:
    """Why a redirect chain is a loop (a revisited URL, or too many hops), or None."""
    if not chain:
        return None
    if len(chain) > MAX_REDIRECTS:
        return f"more than {MAX_REDIRECTS} redirects"
    seen: set[str] = set()
    for hop in chain:
        url = hop.get("url")
        if url:
            key = _defrag(str(url))
            if key in seen:
                return f"redirects back to {key}"
            seen.add(key)
    last = _hop_target(chain[-1])
    if last and _defrag(last) in seen:
        return f"redirects back to {_defrag(last)}"
    return None


def failure_name(visit: Visit) -> str | None:
    """The name a failure is judged by: the exception class the spider recorded, except
    where Scrapy's ``IgnoreRequest`` stands for a fact no class names (``SpiderError``).

    The private-address block (``crawler/addresses.py``) refuses with an
    ``IgnoreRequest`` whose message starts ``AddressRefused``: the address may not
    be fetched (``InvalidURL``). The decompression cap also gives up with one,
    after the body inflated past DOWNLOAD_MAXSIZE (``visit.over_cap``): the file
    was served (``SizeLimitExceeded``). Any other ``IgnoreRequest`` is read by its
    message (robots.txt, …). A ``ValueError`` or ``TypeError`` with no URL answered
    and no redirect is Scrapy refusing to build a request from the catalogued URL
    (nothing was sent): that address cannot be fetched either.
    """
    name = visit.error_class
    if name in ("ValueError", "TypeError") and visit.final_url is None and not visit.redirect_chain:
        return SpiderError.INVALID_URL.value
    if name == "IgnoreRequest":
        if (visit.error_message or "").startswith("AddressRefused"):
            return SpiderError.INVALID_URL.value
        if visit.over_cap:
            return SpiderError.SIZE_LIMIT_EXCEEDED.value
    return name


def classify_failure(error_class: str | None, error_message: str | None,
                     redirect_chain: list[Mapping[str, Any]] | None = None) -> Verdict:
    """A visit that got no response (or a spider verdict): chain gates, loops, then the error.

    Where the chain was heading comes first: a link that redirects to a sign-in
    host the crawler cannot reach is ``gated``/``login``, not a DNS error.
    """
    error_class = (error_class or "").strip()
    message = error_message or ""
    chain = list(redirect_chain or ())
    if chain:
        visit = Visit(resource_id="", url=str(chain[0].get("url") or ""), redirect_chain=chain)
        gate = detect_gate(visit, page=Page(visit))
        if gate is not None:
            return gate
    if error_class in ("RedirectLoop", "TooManyRedirects"):
        return Verdict(Outcome.REDIRECT_LOOP, None, _loop(chain) or _detail(error_class, message))
    why = _loop(chain)
    if why:
        return Verdict(Outcome.REDIRECT_LOOP, None, why)
    if error_class == "ValueError":  # the catalogued URL was checked before the visit: a redirect's
        target = _hop_target(chain[-1]) if chain else None
        reason = invalid_url_reason(target) if target else None
        if reason:
            return Verdict(Outcome.SERVER_ERROR, None, "a redirect the crawler could not follow (its Location"
                           f" is not a fetchable URL: {reason}: {_without_password(target)[:200]})")
        bad_target = _UNFOLLOWABLE_TARGET.match(message)
        if bad_target:
            return Verdict(Outcome.SERVER_ERROR, None,
                           f"a redirect the crawler could not follow (Location: {bad_target.group(1)[:200]})")
        if _UNPARSEABLE_URL.search(message):
            return Verdict(Outcome.SERVER_ERROR, None,
                           f"a redirect the crawler could not follow (its Location does not parse: {message[:200]})")
    if error_class in _UNDECODABLE_CLASSES or _UNDECODABLE_MESSAGE.search(message):
        return Verdict(Outcome.SERVER_ERROR, None,
                       f"the server sent a body that does not decode ({_detail(error_class or 'error', message)})")
    outcome = _FAILURE_CLASSES.get(error_class)
    if outcome is Outcome.OK:
        return Verdict(Outcome.OK, None, OVER_CAP)
    if outcome is not None and error_class not in _WRAPPERS:
        return Verdict(outcome, None, _detail(error_class, message))
    if outcome is None and error_class not in _WRAPPERS:
        for rx, found in _CLASS_WORDS:
            if rx.search(error_class):
                return Verdict(found, None, _detail(error_class, message))
    for rx, found in _MSG_RULES:
        if rx.search(message):
            return Verdict(found, None, _detail(error_class or "error", message))
    return Verdict(Outcome.CONNECTION_ERROR, None, _detail(error_class or "unknown failure", message))


# =====================================================================================
# Responses
# =====================================================================================

_REASONS = {
    400: "Bad Request", 401: "Unauthorized", 402: "Payment Required", 403: "Forbidden", 404: "Not Found",
    405: "Method Not Allowed", 406: "Not Acceptable", 407: "Proxy Authentication Required",
    408: "Request Timeout", 409: "Conflict", 410: "Gone", 411: "Length Required", 412: "Precondition Failed",
    413: "Content Too Large", 414: "URI Too Long", 415: "Unsupported Media Type", 416: "Range Not Satisfiable",
    417: "Expectation Failed", 418: "I'm a teapot", 420: "Enhance Your Calm", 421: "Misdirected Request",
    422: "Unprocessable Content", 423: "Locked", 425: "Too Early", 426: "Upgrade Required",
    428: "Precondition Required", 429: "Too Many Requests", 431: "Request Header Fields Too Large",
    451: "Unavailable For Legal Reasons", 500: "Internal Server Error", 501: "Not Implemented",
    502: "Bad Gateway", 503: "Service Unavailable", 504: "Gateway Timeout", 999: "Request denied (LinkedIn)",
}

#: statuses with a fixed outcome. 401, 402, 403 and 451 are not here: the gate rules
#: decide them, down to their bare-status rules (``http-401``, ``http-402``,
#: ``http-403``, ``http-451``) for a page that says nothing clearer.
STATUS_OUTCOMES: dict[int, tuple[Outcome, Gate | None]] = {
    400: (Outcome.INVALID_URL, None),
    404: (Outcome.NOT_FOUND, None),
    405: (Outcome.SERVER_ERROR, None),
    406: (Outcome.BLOCKED, None),
    407: (Outcome.NETWORK_DOWN, None),
    408: (Outcome.TIMEOUT, None),
    410: (Outcome.GONE, None),
    414: (Outcome.INVALID_URL, None),
    418: (Outcome.BLOCKED, None),
    420: (Outcome.RATE_LIMITED, None),
    425: (Outcome.RATE_LIMITED, None),
    429: (Outcome.RATE_LIMITED, None),
    431: (Outcome.BLOCKED, None),
    999: (Outcome.BLOCKED, None),
}
_BEFORE_WALLS = frozenset({420, 425, 429, 999})


def _status_text(status: int) -> str:
    reason = _REASONS.get(status)
    return f"HTTP {status} {reason}" if reason else f"HTTP {status}"


def _status_verdict(visit: Visit) -> Verdict:
    status = visit.status or 0
    outcome, gate = STATUS_OUTCOMES.get(status, (Outcome.SERVER_ERROR, None))
    detail = _status_text(status)
    if outcome is Outcome.RATE_LIMITED:
        retry = (visit.headers or {}).get("retry-after")
        if retry:
            detail += f"; Retry-After: {retry.strip()}"
    return Verdict(outcome, gate, detail)


def judge(visit: Visit) -> Verdict:
    """The outcome (and gate) of one visit. Pure: reads only the visit."""
    reason = invalid_url_reason(visit.url)
    if reason:
        return Verdict(Outcome.INVALID_URL, None, reason)
    status = visit.status
    error_class = failure_name(visit)
    if status is None or error_class in SPIDER_VERDICTS:
        if status is None and not error_class:
            return Verdict(Outcome.CONNECTION_ERROR, None, "no response and no error recorded")
        chain = list(visit.redirect_chain or ())
        if visit.final_url and (not chain or _hop_target(chain[-1]) != visit.final_url) \
                and _defrag(visit.final_url) != _defrag(visit.url):
            chain.append({"url": visit.final_url, "status": None, "location": None})
        return classify_failure(error_class, visit.error_message, chain)

    if status == 304:
        if visit.conditional:
            return Verdict(Outcome.NOT_MODIFIED, None, "304 Not Modified since the last visit")
        return Verdict(Outcome.NOT_MODIFIED, None, "304 Not Modified to an unconditional request")

    page = page_of(visit)
    why = _loop(visit.redirect_chain)
    if why and (len(visit.redirect_chain) > MAX_REDIRECTS or 300 <= status < 400):
        return Verdict(Outcome.REDIRECT_LOOP, None, why)

    if 300 <= status < 400:
        gate = detect_gate(visit, page=page)
        if gate is not None:
            return gate
        location = (visit.headers or {}).get("location")
        return Verdict(Outcome.SERVER_ERROR, None, f"{_status_text(status)}: a redirect the crawler could not follow"
                       + (f" (Location: {location})" if location else " (no Location)"))

    if status in _BEFORE_WALLS:
        wall = _first_match(HEADER_WALLS, page)  # a challenge answered as 429 is still a challenge
        if wall is not None:
            return Verdict(Outcome.BLOCKED, None, f"bot wall {wall[0].name}: {wall[1]}")
        return _status_verdict(visit)

    wall = _first_match(BOT_WALLS, page)
    if wall is not None:
        rule, hit = wall
        return Verdict(Outcome.BLOCKED, None, f"bot wall {rule.name}: {hit}")

    if 200 <= status < 300 and page.is_html:  # a dead page is never gated: a parked domain sells itself
        dead = _dead_page(page)
        if dead is not None:
            return dead

    if status in GATE_STATUSES:
        gate = detect_gate(visit, page=page)
        if gate is not None:
            return gate

    if 200 <= status < 300:
        if visit.over_cap:
            return _served_over_cap(visit, page)
        return _judge_served(visit, page)
    return _status_verdict(visit)


def _served_over_cap(visit: Visit, page: Page) -> Verdict:
    """A 2xx file larger than DOWNLOAD_MAXSIZE (a 40 MB webinar recording): served.

    Judged from the bytes read, when there are any: a bomb's inflated bytes were
    dropped, and an empty body here is not an empty page.
    """
    verdict = _judge_served(visit, page) if visit.body else Verdict(Outcome.OK)
    if verdict.outcome is not Outcome.OK:
        return verdict
    declared = (visit.headers or {}).get("content-length", "").strip()
    if not visit.body:
        detail = OVER_CAP + " (its body inflates past it)"
    else:
        detail = OVER_CAP + (f" (Content-Length {declared})" if declared.isdigit() else "")
        detail += f"; judged from the first {len(visit.body)} bytes"
    if verdict.detail:
        detail += f"; {verdict.detail}"
    return Verdict(Outcome.OK, None, detail)


def _judge_served(visit: Visit, page: Page) -> Verdict:
    """A 2xx that passed the gate rules: video states, soft-404, then moved or ok."""
    status = visit.status
    if status in (204, 205) or (not visit.body and not visit.body_truncated):
        return Verdict(Outcome.SOFT_404, None, f"{_status_text(status)} with an empty body" if status != 200
                       else "answers 200 with an empty body")
    verdict = _video_state(page)
    if verdict is not None:
        return verdict
    verdict = _soft_404(visit, page)
    if verdict is not None:
        return verdict
    return _moved_or_ok(visit)


def _video_state(page: Page) -> Verdict | None:
    yt = page.youtube
    if yt is not None:
        if yt.status == "ERROR":
            return Verdict(Outcome.NOT_FOUND, None, f"video unavailable: {yt.reason or 'ERROR'}")
        if yt.status == "LOGIN_REQUIRED" and _BOT_CHECK.search(yt.reasons):
            return Verdict(Outcome.BLOCKED, None, f"YouTube bot check: {yt.reason}")
        return None  # OK, AGE_VERIFICATION_REQUIRED, CONTENT_CHECK_REQUIRED, LIVE_STREAM_OFFLINE: served
    if page.is_html and "video" in page.text_lc and page.words <= 2000:
        m = _VIMEO_GONE.search(page.text_lc)
        if m and b"vimeo" in page.markup_lc[:50_000]:
            return Verdict(Outcome.NOT_FOUND, None, f"video unavailable: {page.text[m.start():m.end()]}")
    return None


def _not_found_page(page: Page) -> str | None:
    for label, text in [("title", page.title), *(("h1", h) for h in page.h1s)]:
        if not text:
            continue
        m = _NOT_FOUND.search(text) or (len(text.split()) <= 8 and _NOT_FOUND_SHORT.search(text))
        if m:
            return f"{label} {text!r}"
    if page.words <= SHORT_PAGE_WORDS:
        m = _NOT_FOUND.search(page.text)
        if m:
            return f"short page says {m.group(0)!r}"
    return None


def _soft_404(visit: Visit, page: Page) -> Verdict | None:
    if page.is_html:
        why = _not_found_page(page)
        if why:
            return Verdict(Outcome.SOFT_404, None, f"a 'not found' page: {why}")
    home = _redirected_home(visit)
    if home:
        return Verdict(Outcome.SOFT_404, None, f"redirected to the home page {home}")
    like = resembles_probe(
        url=visit.url, final_url=visit.final_url, title=page.title or None, body=visit.body, probe=visit.host_probe
    )
    if like:
        return Verdict(Outcome.SOFT_404, None, f"looks like what the host serves for any path: {like}")
    return None


def _dead_page(page: Page) -> Verdict | None:
    """A page that says the resource is gone (a removed item, a parked domain)."""
    found = _first_match(DEAD_PAGES, page) or _first_match(PARKED, page)
    if found is None:
        return None
    rule, hit = found
    kind = "parked domain" if rule in PARKED else "removed"
    return Verdict(Outcome.SOFT_404, None, f"{kind} ({rule.name}): {hit}")


def _redirected_home(visit: Visit) -> str | None:
    """The home page a deep link was redirected to, on the same registrable domain."""
    final = visit.final_url
    if not final or _defrag(final) == _defrag(visit.url):
        return None
    try:
        asked, ended = urlsplit(visit.url), urlsplit(final)
    except ValueError:
        return None
    if _ROOT_PATH.match(asked.path or "/") and not asked.query:
        return None  # the catalogue points at a home page itself
    if not _ROOT_PATH.match(ended.path or "/"):
        return None
    if _site(asked.hostname) != _site(ended.hostname):
        return None
    return final


_HASHES = {32: "md5", 40: "sha1", 64: "sha256", 128: "sha512"}


def _same_hash(body: bytes, digest: str) -> bool:
    digest = digest.strip().lower()
    algorithm, _, value = digest.rpartition(":")
    algorithm = algorithm or _HASHES.get(len(value), "")
    if not algorithm:
        return False
    try:
        return hashlib.new(algorithm, body).hexdigest() == value
    except ValueError:
        return False


def _norm_title(title: str | None) -> str:
    return " ".join((title or "").split()).casefold()


def _last_segment(url: str) -> str:
    try:
        path = urlsplit(url).path
    except ValueError:
        return ""
    segments = [s for s in path.split("/") if s]
    return segments[-1] if segments else ""


def resembles_probe(*, url: str, final_url: str | None, title: str | None, body: bytes,
                    probe: Mapping[str, Any] | None) -> str | None:
    """How a page resembles what its host answered for a random path, or None.

    ``probe`` is ``Visit.host_probe``. Only a 2xx probe counts (a host that
    answers 404 for nonsense tells us nothing here). Similar means: the same
    body hash; or both were redirected to the same URL (after putting the
    page's last path segment where the probe's random one was); or the same
    title and a body length within ±5 %.
    """
    if not probe:
        return None
    status = probe.get("status")
    if not isinstance(status, int) or not 200 <= status < 300:
        return None
    digest = probe.get("body_hash")
    if digest and body and _same_hash(body, str(digest)):
        return "the same body as a random path"
    probe_final = probe.get("final_url")
    if probe_final and final_url and _defrag(final_url) != _defrag(url):
        probe_url = probe.get("url")
        pf, vf = _defrag(str(probe_final)), _defrag(final_url)
        if probe_url and _defrag(str(probe_url)) == pf:
            pass  # the probe was not redirected: nothing to compare
        else:
            token = _last_segment(str(probe_url)) if probe_url else ""
            slug = _last_segment(url)
            if token and slug and token in pf and pf.replace(token, "\x00") == vf.replace(slug, "\x00"):
                return f"redirected the way a random path is ({final_url})"
            if pf == vf:
                return f"lands where a random path lands ({final_url})"
    probe_title, own_title = _norm_title(probe.get("title")), _norm_title(title)
    length = probe.get("length")
    if probe_title and probe_title == own_title and isinstance(length, int) and length > 0 and body:
        if abs(len(body) - length) <= 0.05 * max(length, len(body)):
            return f"the same title ({title!r}) and length as a random path"
    return None


def _moved_or_ok(visit: Visit) -> Verdict:
    chain = visit.redirect_chain
    if not chain:
        return Verdict(Outcome.OK)
    final = visit.final_url or _hop_target(chain[-1]) or visit.url
    target = moved_to(visit)
    if target is None:
        return Verdict(Outcome.OK, None, f"temporary redirect to {final}")
    if _trivially_same(visit.url, target):
        if _trivially_same(visit.url, final):
            return Verdict(Outcome.OK, None, f"redirect to an equivalent URL {final}")
        return Verdict(Outcome.OK, None, f"redirect to an equivalent URL {target}, then temporarily to {final}")
    detail = f"moved permanently to {target}"
    if _defrag(final) != _defrag(target):
        detail += f" (which redirects temporarily to {final})"
    return Verdict(Outcome.MOVED, None, detail, suggested_url=target)
