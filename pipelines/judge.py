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
5xx                    server_error             but a 503 (or 403) challenge page → ``blocked``, and a
                                                short 200/403/503/509 page saying "too many requests"
                                                (no challenge) → ``rate_limited``
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
from collections.abc import Mapping, Sequence
from functools import lru_cache
from typing import Any
from urllib.parse import parse_qsl, unquote, urlencode, urlsplit

from linkhealth.outcomes import Gate, Outcome, SpiderError, Verdict
from linkhealth.urls import invalid_url_reason, is_valid_url
from linkhealth.visit import Visit

from .charset import lower
from .gates import GATE_RULES, GATE_STATUSES, SUCCESS, PageRule, detect_gate, phrases, redirected_here, search_phrases
from .page import DECODE_CAP, SHELL_WORDS, Page, PlayerStatus, decode_body, host_path, page_of
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
    query = urlencode(
        sorted((k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not _TRACKING.match(k))
    )
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
#: statuses with which a server refuses a reader (a bot wall may answer with any of them)
_REFUSALS = frozenset({401, 403, 405, 429, 503})
#: a page this short is an interstitial, not a document
INTERSTITIAL_WORDS = 150

#: response headers only bot-management vendors send, on answers they refused or challenged
_VENDOR_HEADER_PREFIXES = (
    "x-kpsdk-",
    "x-dd-b",
    "x-sucuri-block",
    "x-px-block",
    "x-distil-cs",
    "x-shield-block",
    "x-botguard",
    "x-reblaze-",
    "x-waf-block",
    "x-block-reason",
)
#: a challenge widget in the markup: the vendors' scripts and frames, or an element named so
_CHALLENGE_MARKUP = re.compile(
    rb"recaptcha|hcaptcha|h-captcha|turnstile|challenges\.cloudflare\.com|geetest|arkoselabs|funcaptcha"
    rb"|friendlycaptcha|frc-captcha|captcha-delivery|px-captcha|mtcaptcha|\bcaptcha\b|[\"' _-]captcha[\"' _-]"
    rb"|id=[\"']?challenge|class=[\"'][^\"']*\bchallenge[-_](?:form|container|body|stage|running|platform)"
)
#: the widget itself (an element or a frame), not a script any page may load (reCAPTCHA v3 loads on
#: every page of many sites and shows nothing): what a 2xx must show to be a challenge
_CHALLENGE_ELEMENT = re.compile(
    rb"<(?:div|iframe|form|section)\b[^>]*(?:class|id|src)\s*=\s*[\"'][^\"']*(?:g-recaptcha|h-captcha|cf-turnstile"
    rb"|recaptcha/api2/(?:anchor|bframe)|hcaptcha\.com/captcha|challenges\.cloudflare\.com|geetest|arkoselabs"
    rb"|funcaptcha|frc-captcha|captcha-delivery|px-captcha|\bcaptcha\b|challenge[-_](?:form|container|body|stage))"
)
_HUMAN_CHECK = (
    r"\bverify (?:that )?you(?: are|'re) (?:a )?human\b",
    r"\bconfirm (?:that )?you(?: are|'re) (?:a )?human\b",
    r"\b(?:are you a robot|i'?m not a robot|are you human)\b",
    r"\bunusual traffic from your (?:computer )?network\b",
    r"\bchecking (?:your browser|if the site connection is secure|whether the site connection is secure)\b",
    r"\bneeds to review the security of your connection\b",
    r"\b(?:please )?(?:complete|solve) (?:the|this|a) (?:security check|captcha|challenge)\b",
    r"\benable (?:js|javascript)\b[^.]{0,40}\bdisable (?:any |your )?ad ?blockers?\b",
    r"\benable javascript and cookies to continue\b",
    r"\bpress (?:&|and) hold\b",
    r"\bmaking sure you(?:'re| are) (?:not a bot|human)\b",
    r"\b(?:prove|confirm|show) (?:that )?you(?:'re| are) not a (?:robot|bot)\b",
    r"\bplease wait while we (?:verify|check|are checking)\b",
    r"\b(?:browser|bot|security) (?:check|verification) (?:in progress|required|failed)\b",
    r"\bvérification (?:de (?:votre|du) )?navigateur\b|\bcomprobando (?:tu|su) navegador\b"
    r"|\b(?:ihr browser wird überprüft|überprüfung ihres browsers)\b|\bverificando (?:o )?(?:seu )?navegador\b"
    r"|\bcontrollo del (?:tuo )?browser\b|\bbrowsercontrole\b",
    r"\bvérifi(?:ez|er|ons) que vous (?:êtes|etes) (?:un )?humain",
    r"\bvérifier la sécurité de votre connexion\b",
    r"\bverifi(?:ca|que|car|camos)(?: que| se| si)? (?:eres|es|usted es|você é|é|sei|tu sia|di essere)(?: un| uma?)?"
    r" (?:humano|humana|umano|essere umano|ser humano)",
    r"\b(?:bestätigen|überprüfen|prüfen) (?:sie,? )?(?:dass|ob) sie (?:ein )?mensch sind\b",
    r"\b(?:controleer|verifieer|bevestig)(?:en)? (?:of|dat) (?:je|u) (?:een )?mens bent\b",
    r"\bpotwierdź, że jesteś człowiekiem\b",
    r"\bbekräfta att du är en människa\b",
    r"\bvahvista, että olet ihminen\b",
    r"人間であることを確認|您是真人|人机验证|로봇이 아닙니다",
    # a check of the visitor or the connection in progress, however the vendor words it
    r"\b(?:checking|verifying|making sure|ensuring) (?:that |whether |if )?you(?:'re| are) (?:a |an? )?(?:person|human"
    r"|real (?:person|human|visitor)|not a (?:robot|bot))\b",
    r"\byour (?:connection|browser) (?:is being|will be|must be) (?:checked|verified|validated)\b"
    r"|\b(?:checking|verifying) your (?:connection|browser)\b",
    r"\bvotre (?:connexion|navigateur) (?:est en cours de |va être )?(?:vérifiée?|vérification)\b"
    r"|\b(?:verificando|comprobando) (?:tu|su|a sua|sua) (?:conexión|conexão|navegador)\b"
    r"|\b(?:ihre|deine) (?:verbindung|browser) wird (?:über)?prüft\b|\bprüft [^.]{0,40}\b(?:ihren|deinen) browser\b"
    r"|\bstiamo verificando (?:la tua|il tuo) (?:connessione|browser)\b|\b(?:uw|je) (?:verbinding|browser) wordt"
    r" (?:gecontroleerd|gecontroleerd|geverifieerd)\b|\bsprawdzanie (?:połączenia|przeglądarki)\b"
    r"|\bkontrollerar (?:din )?(?:anslutning|webbläsare)\b|接続を確認しています|正在(?:验证|检查)(?:您的)?(?:连接|浏览器)",
    r"\bproof[- ]of[- ]work\b[^.]{0,80}\b(?:browser|check|challenge|puzzle)\b",
    # a DDoS protection's interstitial that sends the browser on by itself
    # (a news item saying "our DDoS protection checks every request" sends no one anywhere)
    r"\bddos[- ]protection\b[^.]{0,80}\b(?:(?:will be |being )?redirected|please wait|a (?:few )?(?:moments?|seconds))\b"
    r"|\b(?:(?:will be |being )?redirected|please wait|a (?:few )?(?:moments?|seconds))\b[^.]{0,80}\bddos[- ]protection\b",
    # "checking that your connection is secure", said of the visitor's connection, several languages
    r"\b(?:comprobando|verificando) (?:que|si) (?:su|tu|la) conexión es segura\b|\bvérifi\w+ (?:que|si) votre connexion"
    r" est sécurisée\b|\bverificando (?:se|que) (?:a sua|sua) conexão é segura\b|\bverifica(?:ndo)? (?:che|se) la (?:tua )?"
    r"connessione (?:sia|è) sicura\b|\b(?:prüfen|überprüfen),? ob (?:ihre|deine) verbindung sicher ist\b"
    r"|امنیت اتصال (?:شما )?(?:در حال )?بررسی|(?:نتحقق|جارٍ التحقق) من (?:أمان )?اتصالك|đang xác minh trình duyệt"
    r"|\bxác minh trình duyệt của bạn\b|กำลังตรวจสอบการเชื่อมต่อ|आपके कनेक्शन की (?:सुरक्षा )?जाँच",
    # "we are checking your browser", said by the site in the first person, in several languages
    r"\b(?:we are|we're) (?:checking|verifying|validating) (?:that )?your (?:browser|connection|device)\b"
    r"|\bvérifions (?:que )?votre (?:navigateur|connexion)\b|\bverifica(?:mos|ndo) (?:que )?(?:tu|su|seu|o seu) navegador\b"
    r"|\b(?:wir )?(?:überprüfen|prüfen) (?:gerade )?(?:ihren|deinen) browser\b|\bverifichiamo (?:che )?il (?:tuo )?browser\b"
    r"|\b(?:we )?controleren (?:uw|je) browser\b|\bsprawdzamy (?:twoją )?przeglądarkę\b|\bkontrollerar din webbläsare\b"
    r"|\bпроверя(?:ем|ется) ваш (?:браузер|подключение)\b|\btarayıcınızı kontrol ediyoruz\b|\bkontrolujeme váš prohlížeč\b"
    r"|正在检查您的浏览器|正在檢查您的瀏覽器|ブラウザをチェックしています|브라우저를 확인(?:하고 있습니다|하는 중)",
    # the browser itself is checked for being a robot, or the site says it is guarded against automated traffic
    r"\b(?:browser|navigateur|navegador|browser) (?:is not|isn't|n'est pas|no es|não é|non è) (?:a |un |um )?(?:robot|bot|robô)\b"
    r"|\bprotected (?:from|against) (?:automated|bot|malicious) (?:traffic|requests|access|bots)\b"
    r"|\bprotégé contre (?:le trafic|les robots|les bots)\b|\bgeschützt vor (?:automatisiertem|bot-)\w*"
    r"|\bзащищ[её]н от (?:автоматизированного|автоматического|бот)\w*",
    # "I am not a robot" in other languages
    r"\bне робот\b|\brobot olmadığınızı\b|\bnejste robot\b|\bnem vagy robot\b|\bnem robot\b|\bδεν είστε ρομπότ\b"
    r"|\bbukan robot\b|\bkhông phải (?:là )?(?:rô-bốt|robot)\b|لست روبوت|אינך רובוט|ไม่ใช่โปรแกรมอัตโนมัติ|रोबोट नहीं|\bnie jesteś robotem\b"
    r"|\bno eres un robot\b|\bn'êtes pas un robot\b|\bkein roboter\b|\bnão é um robô\b|\bnon sei un robot\b"
    r"|\bgeen robot\b|\bikke en robot\b|\binte en robot\b|不是机器人|不是機器人|ロボットではない|로봇이 아닙니다"
    r"|ربات نیستید|ربات نیستم|रोबोट नहीं हैं",
    r"\bпроверка (?:браузера|безопасности|подключения)\b|\bперевірка браузера\b|\btarayıcınız (?:kontrol|doğrulan)\w*"
    r"|\bkontrola prohlížeče\b|\bböngésző ellenőrzése\b|\bmemeriksa browser\b|\bđang kiểm tra trình duyệt\b"
    r"|请完成安全验证|正在进行安全验证|セキュリティチェック|ブラウザを確認",
    # a bot manager that says why it stopped the visit
    # the request was sent by a person, not a program: what an anti-bot check says it makes sure of (a helpline
    # "answered by a person, not a machine" checks nothing)
    r"\b(?:making sure|make sure|verify(?:ing)?|confirm(?:ing)?|checking|ensur(?:e|ing))\b[^.]{0,60}\b(?:a )?(?:person|human)"
    r"(?: being)?,? (?:and )?not (?:a |an )?(?:bot|robot|program|script|automated)"
    r"|\b(?:убежда\w+|убедиться|проверя\w+|подтверд\w+)\b[^.]{0,60}\bчеловек(?:ом)?,? а не (?:программ|робот|бот|скрипт)\w*"
    r"|\b(?:перекону\w+|перевіря\w+)\b[^.]{0,60}\bлюдиною,? а не (?:програм|робот|бот)\w*"
    r"|\b(?:vérifi\w+|assur\w+)\b[^.]{0,60}\b(?:humain|une personne),? (?:et )?(?:non|pas) (?:un )?(?:robot|programme)\b"
    r"|\b(?:verifica\w*|comprob\w+|asegur\w+)\b[^.]{0,60}\b(?:humano|una persona),? (?:y )?no (?:un )?(?:robot|programa)\b"
    r"|\b(?:prüf\w+|überprüf\w+|sicher\w*)\b[^.]{0,60}\b(?:ein )?mensch,? (?:und )?kein (?:bot|roboter|programm)\b"
    # (in progress: a help page's "请确认您的浏览器版本", confirm your browser's version, checks nothing)
    r"|正在(?:确认|核验|验证|检测|檢測|驗證)(?:您|你)的(?:浏览器|瀏覽器|访问环境|訪問環境)|需要(?:先)?核验(?:您|你)的(?:浏览器|访问环境)"
    r"|是真人(?:而|，)?(?:不是|非)(?:机器|程序)",
    r"\bpardon our interruption\b|\bmade us think (?:that )?you (?:were|are) a (?:bot|robot)\b"
    r"|\b(?:we|our systems?) (?:think|suspect|believe|detected) (?:that )?you(?:'re| are| might be)? (?:a |an )?(?:bot|robot"
    r"|automated|using automation)\b|\bautomated (?:access|requests?|queries|traffic) (?:from your|detected|is not allowed)\b"
    r"|\bunusual (?:activity|traffic|requests) (?:from your|detected|has been detected)\b",
    r"\b(?:slide|drag) (?:the )?(?:slider|puzzle piece|bar) (?:to|and) (?:verify|complete|continue)\b|请(?:拖动|按住)滑块"
    r"|向右滑动(?:完成)?验证|スライダーを(?:右に)?(?:ドラッグ|スライド)",
    # a CDN's waiting room: the visit was queued, the page not served
    # (a meeting's "you are in the waiting room, the host will let you in" is the meeting's, not a CDN's)
    r"\byou are now in (?:the |a )?(?:queue|line)\b|\byou are in (?:the |a )?(?:virtual )?queue\b"
    r"|\bvirtual (?:waiting room|queue)\b|\b(?:due to|because of) (?:very )?high (?:traffic|demand)\b[^.]{0,60}\b(?:queue"
    r"|line|wait)\b|\bsie befinden sich (?:jetzt )?in der warteschlange\b"
    r"|\bvous êtes (?:maintenant )?dans (?:la )?file d'attente\b|\bestá en (?:la )?(?:fila|cola) (?:de espera|virtual)\b"
    r"|\bsei (?:ora )?in coda\b|\b(?:coda|sala d'attesa) virtuale\b|\bvocê está na fila\b|\bsala de espera virtual\b"
    r"|\b(?:je staat|u staat) in de wachtrij\b|\bvirtuele wachtkamer\b|\bjesteś w kolejce\b|\bwirtualna poczekalnia\b"
    r"|\bвы (?:находитесь )?в очереди\b|\bsıradasınız\b|アクセスが集中して(?:おります|います)[^。]{0,40}(?:お待ち|順番|しばらく)"
    r"|順番にご案内|(?:当前)?(?:访问|訪問)(?:人数|用户)过多[^。]{0,20}(?:排队|稍候)|排队(?:中|等候)|접속 대기(?:열|중)|대기열에"
    r"|\bhàng đợi\b|\bantrean virtual\b",
)


#: a firewall saying it blocked the request (several languages), or that it locked out the reader's address
_BLOCK_NOTICE = (
    r"\b(?:request|access|page|connection|visit|traffic|ip address|ip|address)(?: [\w.:]+)? (?:was|has been|is|were|have"
    r" been) (?:blocked|intercepted|locked out|banned|stopped by)\b",
    r"\b(?:web page|request|page|access|ip) blocked\b",
    r"\bblocked by (?:the |our |this site's )?(?:security|firewall|web application firewall|waf|bot protection"
    r"|anti-bot)\b",
    r"\b(?:restricted|denied|refused|blocked) by (?:the |our |this site's )?(?:security|protection|ddos|cdn) (?:provider"
    r"|vendor|service|partner|layer)\b",
    r"\b(?:intercepted|stopped) (?:by|this request)\b[^.]{0,60}\b(?:firewall|security|waf|protection)\b",
    r"\b(?:matched|triggered) (?:a |one of )?(?:(?:security|firewall|waf) )?rules? for (?:automated|suspicious|malicious)\b",
    r"\b(?:attack|incident|violation|block) id\s*:",
    r"\b(?:sorry, )?you have been (?:blocked|banned)\b|\bwhy have i been blocked\b",
    r"\b(?:has|have) banned your (?:ip|access|address)\b|\byou are unable to access\b",
    r"\bthis website is using a security service to protect itself\b",
    r"\bvous avez été bloqué|\b(?:se le ha|has sido) bloquead[oa]\b|\bsie wurden (?:blockiert|gesperrt)\b"
    r"|\bvocê foi bloquead[oa]\b|\bsei stato bloccato\b|\bje bent geblokkeerd\b|\bu bent geblokkeerd\b",
    r"\b(?:página web|página|solicitud|petición|acceso|conexión) (?:ha sido |fue )?bloquead[ao]\b",
    r"\b(?:requête|demande|accès|page web|page|connexion) (?:a été )?bloquée?\b",
    r"\b(?:anfrage|zugriff|seite|verbindung|ihre ip-adresse) (?:wurde )?(?:blockiert|gesperrt)\b",
    r"\b(?:pedido|solicitação|requisição|acesso|página) (?:foi )?bloquead[ao]\b",
    r"\b(?:richiesta|accesso|pagina|connessione) (?:è stat[ao] )?bloccat[ao]\b",
    r"\b(?:verzoek|toegang|pagina|aanvraag) (?:is )?geblokkeerd\b",
    r"\b(?:żądanie|dostęp|strona) (?:został[oa]? )?zablokowan[ey]\b|\bbegäran (?:har )?blockerats\b",
    r"\b(?:το )?αίτημ[αά](?: σας)? (?:έχει )?(?:αποκλειστεί|αποκλείστηκε|μπλοκαριστεί|μπλοκαρίστηκε|απορρίφθηκε)\b"
    r"|\bη πρόσβαση (?:σας )?(?:έχει )?(?:αποκλειστεί|μπλοκαριστεί)\b",
    r"请求已被拦截|已被安全策略拦截|访问已被(?:暂时)?(?:阻止|拦截)|已被拦截|リクエストはブロックされ|アクセスがブロックされ"
    r"|リクエスト(?:を|が)(?:ブロック|遮断|拒否)(?:しました|されました)|已被(?:网站|網站)?(?:防火墙|防火牆|安全策略|安全防护|waf)(?:拦截|攔截)"
    # for security reasons, the access is restricted or blocked, in Japanese, Chinese and Korean
    r"|セキュリティ上の理由(?:により|で)[^。]{0,40}(?:アクセス|接続|リクエスト)[^。]{0,20}(?:制限|遮断|ブロック)"
    r"|出于安全(?:原因|考虑)[^。]{0,30}(?:限制|拦截|阻止)|보안(?:상의)? (?:이유|문제)로[^.]{0,30}(?:제한|차단)"
    r"|요청이 차단|접근이 차단",
    # refused by the site's security, whatever the product: "rejected by the application firewall"
    r"\b(?:rejected|refused|denied|blocked|dropped|filtered|stopped) by (?:the |our |this site's |an? )?(?:web )?"
    r"(?:application )?(?:firewall|security (?:policy|policies|rules?|gateway|service|system|settings|engine)|waf|bot"
    r" (?:protection|management)|anti-bot|ddos protection)\b",
    # the reader's address reported or listed as a threat: a reputation-based bouncer
    r"\byour (?:ip|ip address|address|network) (?:was|has been|is) (?:reported|flagged|listed|blacklisted|blocklisted)\b"
    r"|\b(?:refused|blocked|banned) by (?:this site's |the site's |the )?security engine\b",
    # blocked "for security reasons", either order, in several languages
    r"\b(?:for security reasons|pour des raisons de sécurité|por (?:motivos|razones) de seguridad|aus sicherheitsgründen"
    r"|por (?:motivos|razões) de segurança|per motivi di sicurezza|om veiligheidsredenen|ze względów bezpieczeństwa"
    r"|av säkerhetsskäl|по соображениям безопасности|güvenlik nedeniyle)\b[^.]{0,60}(?:block|bloqu|blocc|gesperrt"
    r"|geblokkeerd|zablokowan|blockerad|заблокирован|engellen)",
    r"\b(?:block|bloqu|blocc|gesperrt|geblokkeerd|zablokowan|blockerad|заблокирован|engellen)\w*[^.]{0,40}\b(?:for"
    r" security reasons|pour des raisons de sécurité|por (?:motivos|razones) de seguridad|aus sicherheitsgründen"
    r"|per motivi di sicurezza|om veiligheidsredenen|ze względów bezpieczeństwa|av säkerhetsskäl)\b",
    # a network's filter (a campus, a hospital, a company) that stopped the visit on its way out
    # (a stub saying only "this website has been blocked" may be a court's order: legal-block-notice)
    r"\bblocked by (?:your|the) (?:network"
    r"|organi[sz]ation|institution|school|university|company|employer|administrator)(?:'s)? (?:\w+ )?(?:polic|filter|rule"
    r"|settings)",
    # "your request was blocked" in more languages
    # (a request, not access: "доступ заблокирован по решению суда" is a legal block, a gate)
    r"\b(?:ваш )?запрос (?:был )?(?:заблокирован|отклон[её]н)\b|\bisteğiniz (?:engellendi|reddedildi)\b"
    r"|\bpermintaan (?:anda )?(?:telah )?(?:diblokir|ditolak)\b|\byêu cầu (?:của bạn )?(?:đã )?bị (?:chặn|từ chối)\b"
    r"|تم (?:حظر|رفض) (?:طلبك|الطلب)|הבקשה (?:שלך )?נחסמה|คำขอของคุณถูกบล็อก",
    # a proxy's or web filter's refusal on the reader's side: a policy, a filter, a category (Squid, Palo Alto,
    # FortiGuard, school and hospital filters)
    r"\bblocked (?:in accordance with|according to|due to|by) (?:the |your )?(?:company|corporate|organi[sz]ation(?:al|'s)?"
    r"|school|hospital|network|acceptable use|internet (?:usage|access)|security) polic"
    r"|\bblocked by (?:the )?(?:url|web|content|dns) filter|\b(?:url|web|content|dns) filter(?:ing)? (?:has )?blocked"
    r" (?:this|the|your)\b|\baccess control configuration prevents your request\b"
    r"|\bbloqu[ée]e? (?:par|selon|conformément à) la politique\b|\bbloquead[ao] (?:por|según|de acuerdo con) la política\b"
    r"|\b(?:unternehmens|firmen|sicherheits)richtlinie\b[^.]{0,40}\bgesperrt|\bgesperrt\b[^.]{0,40}\b(?:unternehmens"
    r"|firmen)richtlinie|\bgenerated by mod_?security\b|\bmod_?security\b[^.]{0,40}\b(?:blocked|denied|rejected)\b",
    # an Asian firewall's own words: intercepted or cut off by the site's protection
    # (the request or visit as the subject: news says what the police or customs intercepted)
    r"(?:请求|請求|访问|訪問|连接|連接)[^，。,.]{0,12}(?:已被|被)[^，。,.]{0,12}(?:拦截|攔截|截停|阻断|阻斷)"
    r"|(?:アクセス|通信|リクエスト)[^。]{0,40}(?:ファイアウォール|waf)[^。]{0,40}(?:遮断|ブロック|拒否)され"
    r"|(?:접근|요청|접속)[^.]{0,40}(?:방화벽|보안 정책)[^.]{0,40}차단|(?:방화벽|보안 정책)[^.]{0,40}(?:접근|요청|접속)[^.]{0,20}차단",
    r"\b(?:did not|didn't|does not|doesn't|failed to) (?:pass|meet) (?:the |our |this site's )?(?:security|firewall|bot)"
    r" (?:checks?|rules?|polic(?:y|ies)|screening|requirements)\b",
    r"\b(?:rejetée?|refusée?|bloquée?) par (?:le |notre )?(?:pare-feu|système de sécurité|waf)\b"
    r"|\b(?:rechazad[ao]|bloquead[ao]|denegad[ao]) por (?:el |nuestro )?(?:firewall|cortafuegos|sistema de seguridad|waf)\b"
    r"|\bvon (?:der |unserer )?(?:web application )?(?:firewall|sicherheitsrichtlinie|waf) (?:abgelehnt|blockiert|abgewiesen)\b"
    r"|\b(?:rejeitad[ao]|bloquead[ao]|recusad[ao]) pel[ao] (?:firewall|sistema de segurança|waf)\b"
    r"|\b(?:respint[ao]|bloccat[ao]|rifiutat[ao]) dal (?:firewall|sistema di sicurezza|waf)\b"
    r"|\b(?:geweigerd|geblokkeerd) door (?:de |onze )?(?:firewall|beveiliging|waf)\b",
)
#: a refusal page this short is a firewall's, not a document
BLOCK_PAGE_WORDS = 300

#: any status a firewall answers with (some answer 406, 418, 501, 520); not a 404 or 410, which say the page is gone
_ANY_REFUSAL = frozenset(range(400, 600)) - {404, 410}

#: the visit taken for a bot's: suspicious, unusual or automated traffic detected, several languages (read on a
#: short refusal only: a 2xx article about bots is no wall)
_SUSPECTED_TRAFFIC = (
    r"\b(?:suspicious|unusual|automated|abnormal|malicious) (?:activity|traffic|requests?|behaviou?r|access|queries)\b"
    r"|\b(?:request|traffic|visit|access)s? (?:looks?|seems?|appears?|was (?:flagged|identified) as) (?:to be )?(?:automated"
    r"|suspicious|malicious|a bot)\b",
    r"\b(?:actividad|tráfico|solicitud(?:es)?|peticion(?:es)?|comportamiento|acceso)\b(?: [\w]+){0,2} (?:sospechos[oa]s?"
    r"|inusual(?:es)?|automatizad[oa]s?|anómal[oa]s?|malicios[oa]s?)\b",
    r"\b(?:activité|trafic|requêtes?|comportement|accès)\b(?: [\w]+){0,2} (?:suspecte?s?|inhabituel(?:le)?s?|automatisée?s?"
    r"|anormale?s?|malveillante?s?)\b",
    r"\b(?:verdächtige|ungewöhnliche|automatisierte|auffällige)[nrs]? (?:aktivität|datenverkehr|anfrage|zugriff|verhalten"
    r"|traffic)\w*",
    r"\b(?:attività|traffico|richiest[ae]|comportamento|accesso)\b(?: [\w]+){0,2} (?:sospett[oaie]|insolit[oaie]|anomal[oaie]"
    r"|automatizzat[oaie]|malevol[oaie])\b",
    r"\b(?:atividade|tráfego|requisiç(?:ão|ões)|solicitaç(?:ão|ões)|pedidos?|comportamento|acesso)\b(?: [\w]+){0,2}"
    r" (?:suspeit[oa]s?|incomu(?:m|ns)|anormais?|anômal[oa]s?|automatizad[oa]s?|malicios[oa]s?)\b",
    r"\b(?:verdachte|ongebruikelijke|geautomatiseerde|afwijkende) (?:activiteit|verkeer|verzoeken|aanvragen)\b"
    r"|\b(?:podejrzan|nietypow|zautomatyzowan)\w+ (?:aktywność|ruch|żądania|zapytania|działania)\b"
    r"|\b(?:подозрительн|необычн|автоматизированн|аномальн|вредоносн)\w+ (?:активност|трафик|запрос|действи)\w*"
    r"|\b(?:şüpheli|olağandışı|otomatik|anormal) (?:etkinlik|trafik|istek|aktivite)\w*"
    r"|\b(?:aktivitas|lalu lintas|permintaan|trafik) (?:yang )?(?:mencurigakan|tidak biasa|otomatis)\b"
    r"|\b(?:hoạt động|lưu lượng|yêu cầu|truy cập) (?:đáng ngờ|bất thường|tự động)\b|ύποπτη δραστηριότητα|ασυνήθιστη κίνηση"
    r"|نشاط مشبوه|حركة (?:مرور )?غير (?:عادية|طبيعية)|פעילות חשודה|กิจกรรมที่น่าสงสัย|संदिग्ध गतिविधि"
    r"|可疑(?:活动|流量|请求|访问)|异常(?:流量|访问|请求)|自动化(?:请求|程序|访问|工具)|不審な(?:アクセス|通信)|異常な(?:アクセス|通信)"
    r"|自動化された(?:アクセス|リクエスト)|(?:의심스러운|비정상적인|자동화된) (?:활동|트래픽|요청|접근)"
    r"|(?:访问|訪問)(?:行为)?(?:存在)?异常|不正なアクセス",
    # the request looks automated, in more languages
    r"\b(?:запрос|трафик|действия)\w* (?:похож\w* на|выгляд\w+ как) автоматическ\w*|\bparece automatizad[oa]\b"
    r"|\bsemble (?:être )?automatisée?\b|\bsieht (?:nach einer )?automatisiert\w* aus\b|\bsembra automatizzat[oa]\b"
    r"|\blijkt geautomatiseerd\b|\bwygląda na zautomatyzowan\w+|\botomatik (?:gibi )?görünüyor\b|\btampak otomatis\b"
    r"|\bcó vẻ (?:là )?tự động\b",
    # the request or the visitor classified as a bot
    r"\b(?:identified|classified|flagged|detected|recogni[sz]ed) as (?:an? )?(?:bot|robot|crawler|automated)\b"
    r"|\bals (?:bot|roboter|crawler) (?:eingestuft|erkannt|identifiziert|markiert)\b|\b(?:identifiée?|considérée?|détectée?)"
    r" comme (?:un )?(?:robot|bot)\b|\b(?:identificad[oa]|considerad[oa]|detectad[oa]) como (?:un |um )?(?:bot|robot|robô)\b"
    r"|\b(?:identificat[oa]|considerat[oa]|rilevat[oa]) come (?:un )?(?:bot|robot)\b|\bals (?:bot|robot) (?:aangemerkt|herkend"
    r"|geïdentificeerd)\b|\b(?:rozpoznan|uznan|zidentyfikowan)\w* (?:jako|za) (?:bot|robot)\w*|\b(?:распознан|определ[её]н|признан)\w*"
    r" как (?:бот|робот)\w*|\b(?:bot|robot) olarak (?:algılandı|tanımlandı)|ボットと(?:判定|判断|認識)|被(?:识别|判定|认定)为(?:机器人|爬虫)",
)

#: the site's firewall (or the reader's proxy) named as what stopped, blocked or refused the request, either order,
#: several languages:
#: the refusal's own account of itself, whatever its words for "request" (a 2xx article about firewalls is
#: not read by it)
_FIREWALL_STOPPED = (
    r"\b(?:firewall|waf|pare-feu|cortafuegos|brandmauer|zapora(?: sieciowa)?|güvenlik duvarı|межсетев\w+ экран\w*"
    r"|брандмауэр\w*|tường lửa|τείχος προστασίας|(?:protection|security) system|système de (?:protection|sécurité)"
    r"|sistema de (?:protección|seguridad|proteção|segurança)|(?:schutz|sicherheits)system|sistema di (?:protezione|sicurezza)"
    r"|beveiligingssysteem|system (?:ochrony|zabezpieczeń)|система (?:защиты|безопасности)|(?:koruma|güvenlik) sistemi"
    r"|sistem (?:keamanan|perlindungan)|hệ thống (?:bảo vệ|bảo mật))\b[^.]{0,100}\b(?:σταμάτησε|απέκλεισε|μπλόκαρε|interromp\w+|interrupt\w+|interrott\w+|ferm\w+|bloc\w+|bloqu\w+"
    r"|stopp\w*|halt\w*|arrêt\w+|deten\w+|detuv\w+|unterbr\w+|blockier\w+|gestoppt|abgewiesen|abgelehnt|tegengehouden"
    r"|zatrzyma\w+|odrzuci\w+|остановил\w*|заблокир\w+|отклонил\w*|engelle\w+|durdur\w+|chặn|intercept\w+|refus\w+"
    r"|reject\w+|rechaz\w+|rejeit\w+|respin\w+|denied|den(?:y|ies)|negat\w+|negad\w+|deneg\w+)",
    r"\b(?:fermat[ao]|interrott[ao]|bloccat[ao]|respint[ao]|bloquead[ao]|interrompid[ao]|detenid[ao]|rechazad[ao]"
    r"|arrêtée?|bloquée?|rejetée?|gestoppt|blockiert|abgewiesen|stopped|blocked|halted|intercepted|rejected|refused"
    r"|tegengehouden|geblokkeerd|zatrzyman[aey]|zablokowan[aey]|остановлен\w*|заблокирован\w*|engellendi|durduruldu)\b"
    r"[^.]{0,60}\b(?:firewall|waf|pare-feu|cortafuegos|brandmauer|zapor\w+|güvenlik duvarı|межсетев\w+ экран\w*)",
    # a proxy on the reader's side whose access rules refuse the request, in several languages (a help page
    # about the proxy is a 2xx)
    r"\b(?:proxy|proxy ?server|proxyserver|servidor proxy|serveur proxy|server proxy|serwer proxy|прокси-сервер\w*)\b"
    r"[^.]{0,60}\b(?:(?:do(?:es)? not|don't) (?:allow|permit)|not allowed|den(?:y|ies|ied)|refus\w*|(?:laten|staan)"
    r"\b[^.]{0,30}\bniet toe|geweigerd|verweiger\w*|nicht (?:zu|erlaubt)|deneg\w*|negad\w*|rifiut\w*|negat\w*|nie pozwala"
    r"|odmów\w*|запрещ\w*|отклон\w*|block\w*|bloqu\w*|blocc\w*|gesperrt)",
)


#: an address as a firewall prints it to the visitor it refused (IPv4, or IPv6 of at least four groups)
_PRINTED_ADDRESS = re.compile(r"(?<![\w.:])(?:(?:\d{1,3}\.){3}\d{1,3}|(?:[0-9a-f]{1,4}:){3,7}[0-9a-f]{1,4})(?![\w.:])")
#: a refusal this short that prints the visitor's address is a firewall's, not a document
ADDRESS_REFUSAL_WORDS = 150


def _owners_refusal_by_place(page: Page) -> bool:
    """The site's owner refuses the reader's country or network (a geo-block, an IP allowlist): a gate, even when
    the page prints the reader's address or names their network."""
    return any(
        (r.name.startswith("geo-") or r.name == "network-allowlist-notice") and r.matches(page) for r in GATE_RULES
    )


def prints_client_address(page: Page) -> str | bool:
    """A short refusal that prints an IP address: firewalls of every vendor tell the visitor which
    address they refused (a web server's own 403 does not). A refusal by country that names the
    reader's address is a geo-block, judged as a gate."""
    if not page.is_html or page.words > ADDRESS_REFUSAL_WORDS:
        return False
    for m in _PRINTED_ADDRESS.finditer(page.text_lc):
        found = m.group(0)
        if "." in found:
            try:
                ipaddress.ip_address(found)
            except ValueError:
                continue
        if _owners_refusal_by_place(page):
            return False
        return f"prints the address {found}"
    return False


#: a web filter's refusal in any of its words: blocked, filtered, denied, refused (several languages)
_FILTER_REFUSAL = re.compile(
    r"\b(?:block(?:ed|iert)|gesperrt|bloqu\w+|blocc\w+|geblokkeerd|geweigerd|verweigert|zablokowan\w*|blockerad|spärrad"
    r"|sperret|blokeret|estetty|заблокирован\w*|блокир\w*|запрещ\w*|engellen\w*|diblokir|blokir|chặn|filtered|gefiltert"
    r"|filtr\w+|denied|refused|refusée?|denegad[ao]|negad[ao]|rifiutat[ao]|not (?:allowed|permitted)|nicht (?:erlaubt"
    r"|zulässig)|no permitid[ao]|non autorisée?|niet toegestaan|tidak dapat diakses|tidak diizinkan)\b"
    r"|محجوب|حجب|ถูกบล็อก|ถูกปิดกั้น|ブロック|遮断|屏蔽|封锁|封鎖|拦截|攔截|차단|अवरुद्ध"
)
#: why a filter refused: the category it put the address in, the policy or filter that applied, or the reader's own
#: network or provider that did it (several languages); a court's or a registry's order is a legal block, a gate
_FILTER_GROUND = re.compile(
    # (a privacy or cookie policy linked from a site's own refusal is no filter's ground)
    r"\b(?:categor(?:y|ie|ies|ía|ia|ias)|catégorie|kategori[ea]?|kategorii|kategória|категори\w*|κατηγορία|kategorie"
    r"|(?<!privacy )(?<!cookie )(?<!cookies )polic(?:y|ies)|richtlinie\w*|beleid|politique(?! de confidentialité| de"
    r" cookies| de protection)|política(?! de privacidad| de privacidade| de cookies| de protección)|politica(?! sulla"
    r" privacy| dei cookie| de confidențialitate)|polityk\w+(?! prywatności| cookies)|kebijakan(?! privasi)|chính sách"
    r"(?! bảo mật| quyền riêng tư)|политик\w+(?! конфиденциальности)|web ?filter\w*|content filter\w*|url filter\w*"
    r"|dns filter\w*|filtering|filterung|filtrage|filtrado|filtraggio|filtrering|filtrowani\w+|фильтр\w*|penyaringan"
    r"|(?:your|our|this|the) network|isp|internet service provider|penyedia layanan internet|jaringan (?:kami|anda)"
    r"|nuestra red|notre réseau|unser(?:em)? netz\w*|nostra rete)\b"
    r"|التصنيف|الفئة|سياسة(?! الخصوصية| الاستخدام)|تصفية|カテゴリ|フィルタ|(?<!プライバシー)ポリシー|类别|分类|類別|过滤|過濾"
    r"|策略|카테고리|(?<!보호)(?<!개인정보 )정책|필터|หมวดหมู่|(?<!ความเป็นส่วนตัว)นโยบาย(?!ความเป็นส่วนตัว)|श्रेणी"
    r"|(?<!गोपनीयता )नीति"
)
#: a filter's page this short; a document about filters is longer
FILTER_PAGE_WORDS = 300


def _visited_host(page: Page) -> str:
    try:
        host = (urlsplit(page.visit.url).hostname or "").lower()
    except ValueError:
        return ""
    return host[4:] if host.startswith("www.") else host


def _carried_elsewhere(page: Page, host: str) -> bool:
    """The visit was sent to another host whose query carries the address asked for (a filter's
    ``?u=site.example``), as plain or percent-encoded text."""
    final = page.visit.final_url or ""
    try:
        parts = urlsplit(final)
    except ValueError:
        return False
    ended = (parts.hostname or "").lower()
    return bool(parts.query) and host not in ended and host in unquote(parts.query).lower()


#: a filter's report line: the category it put the address in, as a label before its value
_CATEGORY_LABEL = re.compile(
    r"\b(?:url |web |content )?(?:categor(?:y|ie|ía|ia)|catégorie|kategori[ea]?|kategória|категория)\s*[:：]"
    r"|(?:التصنيف|الفئة|カテゴリ(?:ー)?|类别|分类|類別|카테고리|หมวดหมู่|श्रेणी)\s*[:：]"
)


#: a filter named as such (a DNS filter answers for the address itself, often with a 200)
_FILTER_NAMED = re.compile(
    r"\b(?:web ?filter\w*|content ?filter\w*|url ?filter\w*|dns ?filter\w*|internet ?filter\w*|filtering|filterung"
    r"|filtrage|filtrado|filtraggio|filtrering|filtrowani\w+|фильтр\w*|penyaringan|filtre (?:web|de contenu|d'url)"
    r"|filtro (?:web|de contenidos?|de url|dei contenuti))\b|تصفية|フィルタ|过滤|過濾|필터"
)


def _names_a_filter(page: Page) -> bool:
    """The page names the filter that refused, or reports the category it used: a filter's page even when answered
    200 at the address itself (a hosting provider's suspension names neither)."""
    return bool(_FILTER_NAMED.search(page.text_lc) or _CATEGORY_LABEL.search(page.text_lc))


def _labels_a_category(page: Page) -> bool:
    """A refusal (or a page on another host the visit was sent to) that reports the category it put the address
    in ('Category: Games', 'Categoría: Juegos'): a filter's report, though it prints no address."""
    refused = page.status is not None and page.status >= 400
    return (refused or bool(_other_host(page))) and bool(_CATEGORY_LABEL.search(page.text_lc))


def _other_host(page: Page) -> str:
    try:
        start = (urlsplit(page.visit.url).hostname or "").lower()
        ended = (urlsplit(page.visit.final_url or page.visit.url).hostname or "").lower()
    except ValueError:
        return ""
    return ended if ended != start else ""


def filter_block_page(page: Page) -> str | bool:
    """A web filter's block page on the reader's side (a school's, a hospital's, an ISP's or a country's): a short
    refusal, or a page on the host the visit was sent to, that prints the address it refused, carries it in its
    query, or reports the category it put it in (the host the visit asked for: a site's own refusal does not name
    itself as blocked), says it was blocked or refused, and gives the filter's ground, a category, a policy or the
    reader's network, whatever the product and the language. A 200 at the address itself must name the filter or
    its category (a hosting provider's "example.org was blocked for breaking our policy" is a suspension)."""
    if not page.is_html or page.words > FILTER_PAGE_WORDS:
        return False
    host = _visited_host(page)
    if "." not in host:
        return False
    text = page.text_lc
    if (page.status or 0) < 400 and not _other_host(page):
        if host not in text or not _names_a_filter(page):
            return False
    elif host not in text and not _carried_elsewhere(page, host) and not _labels_a_category(page):
        return False
    refused = _FILTER_REFUSAL.search(text) or _FILTER_REFUSAL.search(page.title_lc)
    if refused is None:
        return False
    ground = _FILTER_GROUND.search(text)
    if ground is None or _owners_refusal_by_place(page):
        return False
    return f"names {host!r}, {refused.group(0)!r} and {ground.group(0)!r}"


#: where a challenge form sends its answer: a captcha's or a challenge's endpoint (not a sign-in's "/verify")
_CHALLENGE_ACTION = re.compile(r"captcha|challenge|human-?check|bot-?check|are-?you-?human|/\.well-known/\w*captcha")
#: a field that asks for the characters of a picture, several languages
_PICTURE_CODE = re.compile(
    r"captcha|\b(?:code|characters|text|letters) (?:in|from|shown in|of) the (?:image|picture)\b|\bcode de l'image\b"
    r"|\bcódigo (?:de la|da) imagen?\b|\bcode (?:aus dem|im) bild\b|\bcodice (?:nell'|dell')immagine\b|\bcode uit de"
    r" afbeelding\b|\bkod z obrazka\b|\bsymbole z obrazka\b|\bсимволы с (?:картинки|изображения)\b|\bresimdeki kod\w*"
    r"|\bkode (?:pada|di) gambar\b|\bmã (?:trong|ở) hình\b|کد (?:داخل|روی) تصویر|الرمز (?:في|الموجود في) الصورة"
    # (a verification code alone is often a text message's: "短信验证码")
    r"|画像の(?:文字|コード)|图片中的(?:字符|验证码)|(?:图片|图形|圖形|圖片)验证码|(?:圖形|圖片)驗證碼|그림의 문자|이미지의 문자"
)


def challenge_form(page: Page) -> str | bool:
    """A page of a few words whose one form answers a challenge: it posts to a captcha's or challenge's endpoint, or
    asks for the characters of a picture (an image captcha, whatever the vendor and the language). A sign-in's
    "verify" form asks who the reader is instead, and a 429 that carries one is still a wall."""
    if not page.is_html or page.words > INTERSTITIAL_WORDS:
        return False
    for form in page.forms:
        if form.hidden or form.has("password"):
            continue
        if _CHALLENGE_ACTION.search(form.action):
            return f"a form posting to {form.action[:80]!r}"
        for field in form.visible_fields:
            if _PICTURE_CODE.search(f"{field.name} {field.placeholder} {field.label}"):
                return f"a field asking for the picture's code ({(field.placeholder or field.name)[:60]!r})"
    return False


def few_words_block(page: Page) -> str | bool:
    """A page short enough to be an error page: a firewall's (2xx: shorter still)."""
    served = page.status is not None and 200 <= page.status < 300
    return page.words <= (INTERSTITIAL_WORDS if served else BLOCK_PAGE_WORDS)


_CHALLENGE_TARGET = re.compile(
    r"captcha|/challenge|challenge-platform|/verify(?:-human)?\b|human-?check|bot-?check"
    r"|/\.well-known/\w*captcha",
    re.I,
)
_SCRIPT_LOCATION = re.compile(rb"location(?:\.href)?\s*(?:=|\.replace\(|\.assign\()\s*[\"']([^\"']{0,300})")


def challenge_redirect(page: Page) -> str | bool:
    """Sent on to a challenge by a header, a meta refresh or a script, with nothing to read."""
    for name, value in page.headers.items():
        if (
            ("captcha" in name or "challenge" in name)
            and value
            and value.strip().lower() not in ("0", "false", "off", "no", "none", "disabled", "pass", "passed")
        ):
            return f"header {name}: {value}"
    if not page.is_html or page.words > 10:
        return False
    refresh = page.metas.get("http-equiv:refresh") or ""
    target = refresh.partition(";")[2] or refresh
    if target and _CHALLENGE_TARGET.search(target):
        return f"meta refresh to {target.strip()[:80]}"
    for m in _SCRIPT_LOCATION.finditer(page.markup_lc[:20_000]):
        url = m.group(1).decode("ascii", "replace")
        if _CHALLENGE_TARGET.search(url):
            return f"script redirect to {url[:80]}"
    return False


_NOSCRIPT = re.compile(rb"<noscript\b[^>]*>(.{0,600}?)</noscript>", re.S)
#: what a challenge's <noscript> says it needs JavaScript for
_NOSCRIPT_CHALLENGE = re.compile(
    rb"verif|security check|human|robot|\bbot\b|challenge|captcha|proof[- ]of[- ]work|ddos|browser check"
    # a site protected by a wall, not an item protected by its owner's password or code
    rb"|protect(?!ed (?:by|with) (?:a |an |the )?(?:password|passcode|pass code|access code|code|pin)\b)"
    rb"|v\xc3\xa9rifi|s\xc3\xa9curit|comprob|pr\xc3\xbcf|\xc3\xbcberpr|sicherheit|verifica|controle|sprawdz"
    # a security check in scripts other than Latin (a sign-in's "验证码", a one-time code, is not one)
    + "|安全校验|安全验证|安全驗證|访问验证|人机验证|セキュリティ(?:チェック|確認)|보안 (?:확인|검사)|проверк[аи] (?:браузера|безопасности)"
    "|перевірк[аи] (?:браузера|безпеки)".encode()
)


_TAG = re.compile(rb"<[^>]*>")
#: an input a reader types into (not a hidden one)
_ASKING_INPUT = re.compile(rb"<input\b(?![^>]*type\s*=\s*[\"']?(?:hidden|submit|button)\b)[^>]*>|<textarea\b")


def noscript_challenge(page: Page) -> str | bool:
    """No visible words, and a <noscript> that wants JavaScript to verify the visitor."""
    if not page.is_html or page.words > 20:
        return False
    markup = page.markup_lc
    if b"<noscript" not in markup:
        return False
    for m in _NOSCRIPT.finditer(markup[:200_000]):
        # what the <noscript> says, not its markup: a fallback form posting to ".../verify" asks for a password,
        # and a fallback that asks the reader for anything is a page of its own, not a challenge
        if _ASKING_INPUT.search(m.group(1)):
            continue
        hit = _NOSCRIPT_CHALLENGE.search(_TAG.sub(b" ", m.group(1)))
        if hit:
            return f"<noscript> asks for JavaScript to {hit.group(0).decode('utf-8', 'replace')!r}"
    return False


def vendor_challenge_header(page: Page) -> str | bool:
    """A header that only a bot-management vendor sends (see ``_VENDOR_HEADER_PREFIXES``)."""
    for name in page.headers:
        if name.startswith(_VENDOR_HEADER_PREFIXES):
            return f"header {name}"
    return False


def few_words(page: Page) -> str | bool:
    return page.words <= INTERSTITIAL_WORDS


def asks_nothing(page: Page) -> str | bool:
    """No visible form field a reader types into (a captcha's own field aside): a challenge runs by itself."""
    for form in page.forms:
        if any(
            f.type in ("text", "email", "password", "tel", "textarea", "number")
            for f in form.visible_fields
            if "captcha" not in f.name and "challenge" not in f.name
        ):
            return False
    return True


#: a title that says the browser or the visitor is being checked, several languages
_CHALLENGE_TITLE = (
    # the whole title is the check (or the check and the site's name after a separator): "Checking your browser's
    # settings: a guide" and "安全检测中心" (a testing centre) are titles of pages about something else
    r"^\W*(?:(?:verifying|checking|validating) (?:your |the )?(?:browser|connection|request|device|that you are human"
    r"|you are human)|(?:browser|bot|human|anti-?bot|ddos) (?:check|verification|validation))\W*(?:$|[|\-–—:])",
    r"^\W*(?:vérification (?:du|de votre) navigateur|vérification de sécurité en cours|(?:verificando|comprobando)"
    r" (?:tu|su|o|seu) navegador|verificação do navegador|browserprüfung|überprüfung (?:ihres|des) browsers"
    r"|verifica del browser|browsercontrole|sprawdzanie przeglądarki|weryfikacja przeglądarki|tarayıcı (?:kontrolü"
    r"|doğrulaması)|kontrola prohlížeče|(?:đang )?(?:kiểm tra|xác minh) trình duyệt|(?:sedang )?memeriksa (?:browser"
    r"|peramban)|verificando (?:il )?browser|kontrollerar (?:din )?webbläsare)\W*(?:$|[|\-–—:])",
    # scripts written right to left or without spaces: "checking your browser" in Persian, Arabic, Hebrew, Thai, Hindi
    r"^\W*(?:در حال (?:بررسی|تأیید|تایید) (?:مرورگر|اتصال)|(?:جار[ٍي]? )?(?:التحقق|فحص) (?:من )?(?:المتصفح|متصفحك|اتصالك)"
    r"|בודק(?:ים)? את הדפדפן|בדיקת דפדפן|กำลังตรวจสอบ(?:เบราว์เซอร์|การเชื่อมต่อ)|ब्राउज़र (?:की )?जाँच|ब्राउज़र (?:की )?जांच)",
    r"^\W*(?:проверка браузера|проверяем (?:ваш )?браузер|перевірка браузера|安全检测中|正在(?:进行)?安全检测|安全验证|安全驗證"
    r"|浏览器(?:安全)?(?:检测|检查|验证)(?:中)?|访问验证|人机验证|ブラウザ(?:の)?(?:確認|チェック)(?:中)?|アクセス(?:を)?確認中"
    r"|브라우저 (?:확인|검사)(?: 중)?)\W*(?:$|[|\-–—:])",
)


def challenge_widget(page: Page) -> str | bool:
    """A challenge widget on a page of a few words whose forms ask for nothing a reader types."""
    if not page.is_html or len(page.visit.body) > 300_000 or page.words > INTERSTITIAL_WORDS:
        return False
    served = page.status is not None and 200 <= page.status < 300
    m = (_CHALLENGE_ELEMENT if served else _CHALLENGE_MARKUP).search(page.markup_lc)
    if m is None or (served and page.has_player) or not asks_nothing(page):
        return False
    return f"a challenge widget ({m.group(0).decode('ascii', 'replace').strip()})"


def script_only_page(page: Page) -> str | bool:
    """Scripts and no visible text: the page is a program for a browser to run."""
    # words are counted at spaces: a Japanese or Chinese sentence is one "word", so its length counts too
    if not page.is_html or page.words > 5 or len(page.text) > SCRIPT_ONLY_CHARS:
        return False
    return "scripts and no text" if b"<script" in page.markup_lc else False


#: what a page of "scripts and no text" may still show: a logo's alt text, a stray label
SCRIPT_ONLY_CHARS = 40

#: a JavaScript cookie challenge: an inline script sets a cookie, then loads the page again
_SETS_COOKIE = re.compile(rb"document\.cookie\s*=")
_RELOADS = re.compile(
    rb"location\.reload\s*\(|(?:\blocation|\.location)(?:\.href)?\s*=\s*([^;<]{0,300})|location\.(?:replace|assign)\(([^)]{0,300})"
)


def cookie_challenge(page: Page) -> str | bool:
    """No text, and an inline script that sets a cookie and then loads the same page again (testcookie,
    Jiasule, Yunsuo and home-made anti-bot scripts): the next request would carry the proof a browser
    computed, whatever the status (200, 5xx). An empty app that sets a cookie and sends the browser
    on to another page (a language root) is a redirect, not a challenge."""
    if not page.is_html or page.words > 5 or len(page.text) > SCRIPT_ONLY_CHARS or len(page.visit.body) > 50_000:
        return False
    markup = page.markup_lc
    if not _SETS_COOKIE.search(markup) or not _reloads_itself(page, markup):
        return False
    return "a script sets a cookie and loads the page again"


def _reloads_itself(page: Page, markup: bytes) -> bool:
    """A script loads the same page again (a reload, or ``location`` set to this very address)."""
    here = (host_path(page.url) or "").rstrip("/").encode()
    for m in _RELOADS.finditer(markup):
        target = m.group(1) or m.group(2)
        if target is None or b"location" in target or (here and here in target.replace(b"\\/", b"/")):
            return True
    return False


#: a form a script sends by itself, and where it sends it: a challenge's answer goes to a verify or challenge path
_FORM_TO_CHALLENGE = re.compile(rb"<form\b[^>]*\baction\s*=\s*[\"']([^\"']{0,300})")
_SCRIPT_SUBMITS = re.compile(rb"\.submit\s*\(\s*\)")
#: a loop that computes something (a proof of work) before the cookie is set
_COMPUTES = re.compile(
    rb"crypto\.subtle|sha-?256|sha1\(|md5\(|\bfor\s*\([^)]{0,40}<\s*\d{4,}|\bfor\s*\([^;)]*;\s*;|\bwhile\s*\(\s*(?:true|1)\s*\)"
)
#: a script that sends its answer to the server itself (which then sets the cookie)
_SENDS = re.compile(rb"\bfetch\s*\(|xmlhttprequest|navigator\.sendbeacon")
#: what a single sign-on's or an OAuth client's auto-posting form carries: a sign-in flow, not a challenge
_SSO_FIELDS = re.compile(
    rb"name\s*=\s*[\"']?(?:samlre(?:sponse|quest)|relaystate|id_token|access_token|code|state|wresult)[\"'\s>]"
)
#: links a challenge interstitial shows at most (its vendor's, a help page): a served page has its navigation
CHALLENGE_LINKS = 3


def self_submitting_challenge(page: Page) -> str | bool:
    """A short interstitial, in any language, whose script answers a challenge by itself: it submits a form
    of hidden fields to a verify or challenge path, or computes in a loop, sets a cookie (or sends the answer)
    and loads the same page again (proof-of-work walls that also print a sentence, which
    :func:`cookie_challenge` does not read). The
    page asks the reader for nothing and links to almost nothing; a single sign-on's auto-posting form goes to
    an assertion consumer, not to a verify path."""
    if not page.is_html or page.words > INTERSTITIAL_WORDS or len(page.visit.body) > 100_000:
        return False
    markup = page.markup_lc
    if b"<script" not in markup or page.has_player or not asks_nothing(page):
        return False
    if sum(1 for href, _, _ in page.actions if href and not href.startswith(("#", "javascript"))) > CHALLENGE_LINKS:
        return False
    if _SCRIPT_SUBMITS.search(markup):
        for m in _FORM_TO_CHALLENGE.finditer(markup):
            target = m.group(1).decode("ascii", "replace")
            if _CHALLENGE_TARGET.search(target) and not _SSO_FIELDS.search(markup):
                return f"a script submits its answer to {target[:80]}"
    if (
        (_SETS_COOKIE.search(markup) or _SENDS.search(markup))
        and _COMPUTES.search(markup)
        and _reloads_itself(page, markup)
    ):
        return "a script computes, hands over its answer and loads the page again"
    return False


#: machine bodies (JSON, XML) of a firewall or bot manager: the words that say so (an OAuth error's
#: "code_challenge" or a bucket named "bot-assets" is no wall)
_MACHINE_BLOCK = re.compile(
    rb"\bwaf\b|waf_|firewall|captcha|(?:bot|js|javascript|managed|security|browser)[_ -]?challenge|(?<!code_)(?<!code )challenge[_ -]?(?:required"
    rb"|failed|page)|bot[_ -]?(?:detect|block|protect|manag)|request[_ ]blocked"
    rb"|blocked[_ ]by|automated (?:traffic|requests?|access)|security[_ ]block"
)
MACHINE_BLOCK_BYTES = 4096


def machine_block_body(page: Page) -> str | bool:
    """A short JSON or XML refusal from a firewall or bot manager in front of an API or a player
    ({"code": "WAF_BLOCKED"}, {"type": "bot_detected"}): a program's bot wall."""
    ct = page.content_type or ""
    body = page.visit.body
    if not body or len(body) > MACHINE_BLOCK_BYTES or not ("json" in ct or "xml" in ct):
        return False
    m = _MACHINE_BLOCK.search(body.lower())
    return f"a {ct.split(';')[0]} refusal saying {m.group(0).decode('ascii', 'replace')!r}" if m else False


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
        name="cloudflare-challenge-script",
        description="A Cloudflare challenge in any language ('Un momento…', 'Einen Moment…', 'Один момент…'), "
        "by the options object and orchestration script only a challenge page carries (not the detection "
        "script Cloudflare adds to every page), on a page of a few words, whatever the status.",
        fixture="cloudflare_challenge_localised_es.html",
        statuses=SUCCESS | _REFUSALS,
        checks=(few_words,),
        html_patterns=(r"\b_?cf_chl_opt\b|/cdn-cgi/challenge-platform/h/\w/orchestrate/",),
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
        text_patterns=(
            r"\byour access to this site has been limited by the site owner\b",
            r"\bgenerated by wordfence\b",
        ),
    ),
    PageRule(
        name="radware-bot-manager",
        description="Radware Bot Manager's captcha (form posting to validate.perfdrive.com), often served as 200.",
        fixture="radware_captcha.html",
        statuses=_WALL_STATUSES | SUCCESS,
        html_patterns=(r"validate\.perfdrive\.com", r"<title>radware bot manager"),
    ),
    PageRule(
        name="vendor-challenge-header",
        description="A bot-management vendor's mark on an answer it refused or challenged, whatever the "
        "page says: Kasada's x-kpsdk-* (a script-only 429), DataDome's x-dd-b, Sucuri's x-sucuri-block, "
        "PerimeterX's x-px-block; only with a refusal status, as some vendors mark every answer.",
        fixture="kasada_script_challenge_429.html",
        statuses=_REFUSALS,
        checks=(vendor_challenge_header,),
    ),
    PageRule(
        name="challenge-widget",
        description="Any vendor's challenge page, known or not: a captcha or challenge widget (reCAPTCHA, "
        "hCaptcha, Turnstile, GeeTest, Arkose, Friendly Captcha, or an element named captcha/challenge) "
        "on a page of a few words whose forms ask the reader for nothing (a registration form with a "
        "captcha asks for a name and e-mail, and is no wall).",
        fixture="captcha_iframe_429_pl.html",
        statuses=SUCCESS | _REFUSALS,
        checks=(challenge_widget,),
    ),
    PageRule(
        name="script-only-refusal",
        description="A refusal (403, 429, 503) whose body is nothing but scripts: a JavaScript challenge "
        "that shows no text at all (Kasada, Akamai Bot Manager, home-made WAFs). A plain 429 or 503 "
        "says so in words and stays a rate limit or a server error.",
        fixture="script_only_challenge_503.html",
        statuses=frozenset({403, 429, 503}),
        checks=(script_only_page,),
    ),
    PageRule(
        name="block-reference-page",
        description="A CDN's or firewall's own refusal page, recognised by the trace identifier it prints for "
        "the site owner: Cloudflare's 'Ray ID' (error 1020 'Access denied … used Cloudflare to restrict "
        "access'), Imperva's 'Incident ID', Akamai's 'Reference #', F5's 'support ID', 'Block ID', 'Event "
        "ID', in several languages; a short page with a refusal status.",
        fixture="cdn_block_reference_403.html",
        statuses=_REFUSALS,
        text_patterns=(
            r"\b(?:ray|incident|support|block|blocking|rejection|event) (?:id|number|no\.?|reference)\s*[:#]?\s*[\w.-]*\d",
            r"\breference\s*(?:#|number|no\.|id|code)\s*:?\s*[\w.-]*\d",
            r"\bused cloudflare to restrict access\b",
            r"\b(?:id de (?:rayo|incidente|référence|incident|bloqueo)|numéro de référence|identifiant de l'incident"
            r"|vorfall-id|referenznummer|id do incidente|id dell'incidente|incident-id)\s*:?\s*[\w.-]*\d",
            r"\b(?:incidente|incident|vorfall|incidentnummer|incydent) (?:n\.|n°|nr\.?|no\.?|#)\s*[\w.-]*\d",
            r"\b(?:id|номер) (?:запроса|инцидента|блокировки)\s*:?\s*[\w.-]*\d",
            r"\b(?:id|identificador|número|código) de (?:incidencia|incidente|solicitud|bloqueo|evento)\s*:?\s*[\w.-]*\d"
            r"|\bid (?:evento|incidente|richiesta|blocco)\s*:?\s*[\w.-]*\d|\b(?:id|número|código) d[aoe] (?:requisição"
            r"|solicitação|incidente|evento|bloqueio)\s*:?\s*[\w.-]*\d"
            r"|\bidentifiant (?:de (?:la )?requête|d'incident|de blocage)\s*:?\s*[\w.-]*\d"
            r"|(?:検出|ブロック|お問い合わせ|リクエスト|イベント)\s?id\s*[:：]\s*[\w.-]*\d"
            r"|(?:拦截|攔截|事件|请求|請求|阻断)(?:编号|編號|id)\s*[:：]\s*[\w.-]*\d|(?:차단|요청|이벤트)\s?id\s*:\s*[\w.-]*\d",
        ),
        max_words=300,
    ),
    PageRule(
        name="firewall-block-notice",
        description="Any web application firewall's block page, named or not: a refusal (403, 405, 429, 503, "
        "or a 200) of a few words saying the request was blocked or intercepted by the site's security, "
        "or that the reader's IP address was locked out: FortiWeb 'Web Page Blocked! … Attack ID', "
        "Barracuda 'Your request was blocked', Azure Front Door 'The request is blocked.', Shield "
        "Security 'Your IP address has been locked out', Alibaba Cloud / EdgeOne '您的请求已被拦截'; "
        "'Solicitud bloqueada', 'Requête bloquée', 'Anfrage blockiert', 'Richiesta bloccata'.",
        fixture="waf_request_blocked_it.html",
        statuses=SUCCESS | _REFUSALS | _ANY_REFUSAL,
        checks=(few_words_block,),
        text_patterns=_BLOCK_NOTICE,
    ),
    PageRule(
        name="machine-block-body",
        description="A short JSON or XML refusal (any 4xx or 5xx but 404 and 410) from a firewall or bot manager "
        "in front of an API or a player: its code or message names the WAF, a bot, a captcha, a challenge or "
        "automated traffic.",
        fixture="waf_block_403.json",
        statuses=_ANY_REFUSAL,
        checks=(machine_block_body,),
    ),
    PageRule(
        name="suspected-traffic-refusal",
        description="A refusal (any 4xx or 5xx but 404 and 410) of a few words, asking the reader for nothing, that "
        "says the visit was taken for a bot's: suspicious, unusual or automated activity or traffic detected, in "
        "twenty languages ('Hemos detectado actividad sospechosa', 'trafic inhabituel', 'verdächtige Aktivitäten', "
        "'可疑流量'): any vendor's bot manager, named or not.",
        fixture="suspected_traffic_refusal_pl.html",
        statuses=_ANY_REFUSAL,
        checks=(few_words_block, asks_nothing),
        text_patterns=_SUSPECTED_TRAFFIC,
    ),
    PageRule(
        name="firewall-stopped-request",
        description="A refusal (any 4xx or 5xx but 404 and 410) of a few words in which the site's firewall "
        "names itself as what stopped, interrupted, blocked or refused the request, in either order and in "
        "several languages ('La richiesta è stata fermata dal firewall applicativo', 'O firewall de aplicação "
        "… interrompeu o acesso', 'Su petición fue detenida por el cortafuegos'): any vendor's block page, however it words the request.",
        fixture="firewall_stopped_request_es.html",
        statuses=_ANY_REFUSAL,
        checks=(few_words_block,),
        text_patterns=_FIREWALL_STOPPED,
    ),
    PageRule(
        name="address-refusal",
        description="A refusal (403, 405, 429, 503) of a few words that prints the visitor's IP address, "
        "whatever the vendor and the language: home-made and unknown firewalls, reputation bouncers and "
        "WordPress security plugins tell the visitor which address they refused; a web server's own 403 "
        "does not, and a country block or an owner's network allowlist that names the address is a gate.",
        fixture="firewall_prints_address_403.html",
        statuses=frozenset({403, 405, 429, 503}),
        checks=(prints_client_address,),
    ),
    PageRule(
        name="filter-block-page",
        description="A web filter's block page on the reader's side, whatever the product and the language "
        "(FortiGuard, Lightspeed, Netsweeper, a proxy's policy_denied, an ISP's filter): a short page that "
        "prints the address the visit asked for, says it was blocked or refused, and names the filter's ground "
        "(a category, a policy, the reader's network or provider). Before the gates: the resource was never "
        "asked; a regulator's stub citing a court or a registry gives no category or policy and stays a gate.",
        fixture="web_filter_category_block_de.html",
        statuses=SUCCESS | _ANY_REFUSAL,
        checks=(filter_block_page,),
    ),
    PageRule(
        name="challenge-form",
        description="A page of a few words whose one form answers a challenge, whatever the vendor and the language: "
        "it posts to a captcha's or challenge's endpoint (…/challenge/verify, /captcha), or asks for the characters "
        "of a picture ('Enter the code in the image', 'کد داخل تصویر را وارد کنید'); also on a 429, which carries "
        "it as often as a plain rate limit does.",
        fixture="image_captcha_form_429.html",
        statuses=SUCCESS | _REFUSALS | _ANY_REFUSAL,
        checks=(challenge_form,),
    ),
    PageRule(
        name="challenge-redirect",
        description="A page of no words that sends the browser on to a challenge by itself (a meta refresh or "
        "a script to /.well-known/sgcaptcha/, /captcha, /challenge, /cdn-cgi/challenge-platform), or an "
        "answer whose header names a captcha or challenge (SiteGround's 202 with sg-captcha: challenge).",
        fixture="captcha_meta_refresh_202.html",
        statuses=SUCCESS | _REFUSALS,
        checks=(challenge_redirect,),
    ),
    PageRule(
        name="noscript-challenge",
        description="A JavaScript challenge that shows nothing but asks, in its <noscript>, for JavaScript in "
        "order to verify the browser or prove the visitor is human (Bunny Shield, Anubis-like proof of "
        "work, home-made challenges), whatever the status; a single-page app's 'enable JavaScript to run "
        "this app' says nothing of verifying and stays what it is.",
        fixture="noscript_challenge_200.html",
        statuses=SUCCESS | _REFUSALS,
        checks=(noscript_challenge,),
    ),
    PageRule(
        name="cookie-challenge",
        description="A JavaScript cookie challenge of any vendor: no text, and an inline script that sets a "
        "cookie and loads the same page again so that the next request carries what the browser computed "
        "(nginx testcookie's __test, Jiasule's __jsl_clearance, Yunsuo's security_verify), whatever the "
        "status (200, 403, 503, 521).",
        fixture="cookie_challenge_521.html",
        statuses=SUCCESS | frozenset(range(400, 600)),
        checks=(cookie_challenge,),
    ),
    PageRule(
        name="self-submitting-challenge",
        description="A proof-of-work or JavaScript challenge that also prints a sentence, in any language: a short "
        "page asking for nothing and linking almost nowhere, whose script submits a form of hidden fields to a "
        "verify or challenge path, or computes in a loop, sets a cookie and reloads the same page (VNETWORK, "
        "ArvanCloud, Deflect and home-made walls), whatever the status (200, 429, 503).",
        fixture="self_submitting_challenge_tr.html",
        statuses=SUCCESS | frozenset(range(400, 600)),
        checks=(self_submitting_challenge,),
    ),
    PageRule(
        name="challenge-title",
        description="An interstitial titled as a check of the browser or the visitor ('Verifying your browser', "
        "'Проверка браузера', '安全检测中', 'Vérification du navigateur', 'Browserprüfung'), on a page of a few "
        "words whose forms ask the reader for nothing: any vendor's challenge, known or not.",
        fixture="challenge_title_ru.html",
        statuses=SUCCESS | _REFUSALS,
        title_patterns=_CHALLENGE_TITLE,
        checks=(few_words, asks_nothing),
    ),
    PageRule(
        name="human-verification",
        description="A 'verify you are human' interstitial from any vendor, in several languages: 'Verify you "
        "are human', 'Vérifiez que vous êtes un humain', 'Bestätigen Sie, dass Sie ein Mensch sind', "
        "'Verifica que eres humano', 'checking your browser', 'needs to review the security of your "
        "connection', 'unusual traffic from your computer network'; a page of a few words.",
        fixture="verify_human_403.html",
        statuses=SUCCESS | _REFUSALS,
        checks=(few_words,),
        text_patterns=_HUMAN_CHECK,
    ),
)

#: walls that hold even where the status alone would decide (a 429 that is a challenge):
#: a vendor's mitigation header, a challenge widget, a script-only page, "verify you are human";
#: not a block notice: "your address was blocked for too many requests" is the rate limit itself
HEADER_WALLS: tuple[PageRule, ...] = tuple(
    r
    for r in BOT_WALLS
    if r.name
    in (
        "vercel-checkpoint",
        "cloudflare-mitigated",
        "aws-waf-challenge",
        "vendor-challenge-header",
        "challenge-widget",
        "script-only-refusal",
        "human-verification",
        "datadome-captcha",
        "datadome-header",
        "perimeterx-captcha",
        "challenge-redirect",
        "noscript-challenge",
        "self-submitting-challenge",
        "cloudflare-challenge-script",
        "challenge-title",
        "challenge-form",
    )
)

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
#: an app's state that says the item was not found or is gone
_NOT_FOUND_STATE = re.compile(
    rb"[\"'](?:code|error|error_?code|reason|status|status_?code|error_?type)[\"']\s*:\s*[\"']?(?:not_?found|404|410"
    rb"|gone|deleted|removed|does_?not_?exist|no_?such_?\w+)[\"',}\s]"
)


def not_found_state(page: Page) -> str | bool:
    """An empty app shell whose embedded state says the item is not found or gone (NOT_FOUND, 404, DELETED)."""
    if not page.is_html or page.words > SHELL_WORDS:
        return False
    m = _NOT_FOUND_STATE.search(page.markup_lc)
    return f"app state {m.group(0).decode('ascii', 'replace').strip()!r}" if m else False


DEAD_PAGES: tuple[PageRule, ...] = (
    PageRule(
        name="not-found-path",
        description="A deep link sent on to a page whose path says the item is gone (/404, /not-found, "
        "/page-not-found, /file-deleted, /removed, /gone), answered 200: the site's not-found page, whatever "
        "words it prints and in whatever language. A page catalogued at such a path is not one.",
        fixture="redirect_to_not_found_path.html",
        statuses=SUCCESS,
        url_patterns=(
            r"/(?:404|(?:page|file|content|item|video|document|resource)?[-_]?not[-_]?found|notfound|(?:file|page|item"
            r"|content|video)?[-_]?(?:deleted|removed)|gone)(?:\.\w+)?/?$",
        ),
        checks=(redirected_here,),
    ),
    PageRule(
        name="not-found-state",
        description="An empty app shell whose embedded state says the item is not found or gone (NOT_FOUND, "
        "status 404, DELETED), served as 200: the app would print its not-found page.",
        fixture="spa_not_found_state.html",
        statuses=SUCCESS,
        checks=(not_found_state,),
    ),
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
        text_patterns=(
            r"\b(?:item|file|folder|document|video|link|page) (?:might|may) not exist or (?:is|has been) "
            r"(?:no longer available|removed|deleted)\b",
        ),
        max_words=400,
    ),
    PageRule(
        name="link-expired",
        description="A transfer or share link that ran out (WeTransfer 'Transfer expired', a file-sharing "
        "host's 'This link has expired', 'Le lien a expiré', 'Der Link ist abgelaufen', 'El enlace ha "
        "caducado'): the files are gone and no access would bring them back: dead, not gated.",
        fixture="share_link_expired_de.html",
        statuses=SUCCESS,
        text_patterns=(
            r"\b(?:transfer|link|share|download|file|files|folder|upload|invitation|url)s? (?:has |have |is |are |was )?"
            r"(?:expired|no longer valid)\b",
            r"\b(?:this|the) (?:transfer|link|share|download|file|folder) (?:has )?(?:run out|timed out)\b",
            r"\bexpired (?:transfer|link|share|download)\b",
            r"\b(?:lien|transfert|fichier|partage|téléchargement)s? (?:a |ont |est |sont )?(?:expirée?s?|périmée?s?)\b",
            r"\b(?:enlace|vínculo|transferencia|archivo|link)s? (?:ha |han |está |es )?(?:caducado|expirado|vencido)\b",
            r"\b(?:link|übertragung|freigabe|datei|download)s? (?:ist |sind )?(?:abgelaufen|nicht mehr gültig)\b",
            r"\b(?:link|transferência|ficheiro|arquivo) (?:expirou|expirado|já expirou)\b",
            r"\b(?:link|trasferimento|file|collegamento) (?:è |e' )?scadut[oa]\b",
            r"\b(?:link|overdracht|bestand|download) (?:is )?verlopen\b",
            # the recording or replay itself ran out (not "your access has expired": that is the reader's account)
            r"\b(?:recording|replay|video|webinar|on-demand (?:recording|video|webinar)|stream)s? (?:has |have |is |are |was )?"
            r"(?:expired|no longer (?:hosted|stored))\b|\b(?:aufzeichnung|mitschnitt|video|webinar)s? (?:ist |sind )?"
            r"abgelaufen\b|\b(?:enregistrement|replay|rediffusion|vidéo|webinaire)s? (?:a |ont |est |sont )?expirée?s?\b"
            r"|\b(?:grabación|grabaciones|repetición|vídeo|video|webinar) (?:ha |han |está |es )?(?:caducad[oa]|expirad[oa])\b"
            r"|\b(?:gravação|gravações|replay|vídeo|webinar) (?:expirou|expirad[oa]|já expirou)\b|\b(?:registrazione|replica"
            r"|video|webinar) (?:è |e' )?scadut[oa]\b|\b(?:opname|video|webinar) (?:is )?verlopen\b"
            r"|\b(?:nagranie|wideo|webinar) (?:wygasło|wygasł)\b",
        ),
        max_words=300,
    ),
)

_NOT_FOUND = re.compile(
    r"""
      \b(?:page|file|document|resource|content|article|item|post|url|link|video)s?\s+
         (?:was\s+|is\s+|could\s+not\s+be\s+|couldn't\s+be\s+|cannot\s+be\s+|can't\s+be\s+)?not\s+found\b
    | ^\W*(?:error\s*)?404\b
    | \b404\s*(?:error\b|[-–—:|]|page\b|not\s+found\b)
    | \b(?:error|http)\s*404\b
    | \b(?:page|content|video|resource|document|file|item|link|it|recording|webinar|course|event|training|session|lesson
         |module|episode|podcast|post|article|chapter|guide)\s+(?:is|was)\s+no\s+longer\s+(?:available|online|accessible)\b
    | \b(?:page|content|resource|document|file|video|item|recording|webinar|course|event|training|session|lesson|module)
         \s+you\s+(?:have\s+)?(?:requested|are\s+looking\s+for|were\s+looking\s+for|tried\s+to\s+(?:access|reach))
         \b[^.]{0,40}?(?:(?:could\s+not|cannot|can't|couldn't)\s+be\s+found|(?:does\s+not|doesn't|no\s+longer)\s+exists?
         |is\s+no\s+longer\s+available|was\s+not\s+found|has\s+been\s+(?:removed|moved|deleted))
    | \b(?:this|the|that)\s+(?:page|content|video|resource|document|file|item|link|recording|webinar|meeting|event)\s+(?:does\s+not|doesn't)\s+exist\b
    | \b(?:this|the|that)\s+(?:page|content|video|resource|document|file|item|link|recording|webinar|episode|podcast|post
         |course|guide)\s+(?:has\s+been|was)\s+(?:removed|deleted|taken\s+down)\b
    | \b(?:we|i)\s+(?:can't|cannot|couldn't|could\s+not)\s+find\s+(?:that|the|this|what)\b
    | \bpage\s+(?:cannot|can't|could\s+not|couldn't)\s+be\s+found\b
    """,
    re.I | re.X,
)
#: looser phrases, for a title or <h1> of a few words only ("Not Found", "No longer available")
_NOT_FOUND_SHORT = re.compile(
    # (a question, "Not found? Try our search", is a search page's heading)
    r"\bnot\s+found\b(?!\s*\?)|\bno\s+longer\s+(?:available|exists)\b|\b(?:does\s+not|doesn't)\s+exist\b|\bhas\s+been\s+removed\b",
    re.I,
)

#: "this recording is no longer available / was removed", in other languages: for a title, an <h1> or a short page
_GONE_TRANSLATED = phrases(
    # the page's own kind of content is what is no longer there ("Amoxicillin ist nicht mehr verfügbar" is news)
    r"\b(?:seite|aufzeichnung|video|inhalt|datei|dokument|beitrag|webinar|kurs|link|angebot|mediathek-eintrag)"
    r"(?: ist| sind)? (?:nicht mehr|nicht länger) (?:verfügbar|online|abrufbar|vorhanden)\b",
    # the page's own kind of content no longer exists
    r"\b(?:this|the) (?:page|video|recording|webinar|file|document|content|course|event|link) no longer exists\b"
    r"|\b(?:diese|dieses|dieser|die|das|den) (?:seite|aufzeichnung|video|inhalt|datei|dokument|webinar|kurs|beitrag)"
    r" gibt es nicht mehr\b|\b(?:page|vidéo|enregistrement|contenu|fichier|document|webinaire|cours|lien)s? n'existe plus\b"
    r"|\b(?:página|vídeo|video|grabación|contenido|archivo|documento|curso|enlace|gravação|conteúdo|arquivo) (?:ya no existe"
    r"|não existe mais|já não existe)\b|\b(?:pagina|video|registrazione|contenuto|file|documento|corso) non esiste più\b"
    r"|\b(?:pagina|video|opname|inhoud|bestand|document|cursus) bestaat niet meer\b|\b(?:strona|wideo|nagranie|plik)"
    r" już nie istnieje\b|\b(?:sidan|videon|inspelningen|filen) finns inte längre\b",
    # its organiser or owner deleted it
    r"\b(?:the )?(?:organi[sz]er|owner|host|author|uploader|creator) (?:has )?(?:deleted|removed) (?:the|this) (?:recording"
    r"|video|webinar|file|document|content|event)\b|\b(?:veranstalter|besitzer|eigentümer|autor)(?:in)? hat (?:die|das|den)"
    r" (?:aufzeichnung|video|webinar|datei|dokument|inhalt)\b[^.]{0,100}\b(?:gelöscht|entfernt)\b"
    r"|\bl'(?:organisateur|organisatrice|auteur|propriétaire) a supprimé (?:l'enregistrement|la vidéo|le webinaire|le fichier)"
    r"|\bel (?:organizador|propietario|autor) (?:ha )?eliminado (?:la grabación|el vídeo|el video|el webinario|el archivo)"
    r"|\bo (?:organizador|proprietário|autor) (?:excluiu|removeu|apagou) (?:a gravação|o vídeo|o webinar|o arquivo)"
    r"|\bl'(?:organizzatore|autore|proprietario) ha (?:eliminato|rimosso) (?:la registrazione|il video|il webinar|il file)"
    r"|\bde (?:organisator|eigenaar|auteur) heeft (?:de opname|de video|het webinar|het bestand) verwijderd\b",
    r"\b(?:page|vidéo|enregistrement|contenu|fichier|document|webinaire|cours|lien|ressource)s? n'est plus (?:disponible"
    r"|accessible|en ligne)\b",
    r"\b(?:página|vídeo|video|grabación|contenido|archivo|documento|curso|enlace|recurso) ya no está disponible\b",
    r"\b(?:página|vídeo|gravação|conteúdo|arquivo|ficheiro|documento|curso|link) (?:não está mais|já não está)"
    r" disponível\b",
    r"\b(?:pagina|video|registrazione|contenuto|file|documento|corso|link) non è più disponibile\b",
    r"\b(?:pagina|video|opname|inhoud|bestand|document|cursus|link) is niet (?:meer|langer) beschikbaar\b",
    r"\b(?:strona|wideo|nagranie|treść|plik|dokument|kurs|link) nie jest już dostępn[eya]\b",
    r"\b(?:sidan|videon|inspelningen|innehållet|filen|dokumentet|kursen|länken) är inte längre tillgänglig\b",
    # removed: only with the page's own kind of content as the subject (a news title says "… was removed from the law")
    r"\b(?:seite|aufzeichnung|video|inhalt|datei|dokument|beitrag|webinar|kurs)\s+wurde\s+(?:entfernt|gelöscht)\b",
    r"\b(?:page|vidéo|enregistrement|contenu|fichier|document|webinaire|cours)\s+a été (?:supprimée?|retirée?)\b",
    r"\b(?:página|vídeo|video|grabación|contenido|archivo|documento|gravação|conteúdo|arquivo|ficheiro)\s+(?:ha sido"
    r"|foi) (?:eliminad[oa]|retirad[oa]|borrad[oa]|removid[oa]|excluíd[oa])\b",
    r"\b(?:pagina|video|registrazione|contenuto|file|documento)\s+è stat[oa] (?:rimoss[oa]|eliminat[oa])\b",
    r"\b(?:pagina|video|opname|inhoud|bestand|document)\s+is verwijderd\b",
    r"(?:動画|ページ|コンテンツ|講座)は削除されました|(?:视频|页面|内容|课程|资源|文章|直播|回放)已被?(?:删除|下架)"
    r"|(?:동영상|페이지|강의|강좌)(?:이|가) 삭제되었습니다",
    # a course, training, webinar or event (the one "you are looking for") no longer exists, was not found or was
    # removed, in the languages of Europe: the page's own kind of content as the subject
    r"\b(?:formation|cours|webinaire|événement|module|leçon|session|enregistrement|page|vidéo|contenu)(?: que vous"
    r" (?:cherchez|recherchez|avez demandée?))? (?:n'existe plus|est introuvable|a été (?:supprimée?|retirée?)|n'est plus"
    r" disponible)\b|\b(?:formation|cours|webinaire|événement|module|session)s? (?:introuvable|non trouvée?)\b",
    r"\b(?:curso|formación|capacitación|webinar(?:io)?|evento|lección|módulo|sesión|grabación|página|vídeo|video|contenido)"
    r"(?: que (?:buscas|busca|estás buscando|has solicitado))? (?:ya no existe|no existe|no se encuentra|ha sido"
    r" (?:eliminad[oa]|retirad[oa])|ya no está disponible)\b|\b(?:curso|formación|capacitación|webinar(?:io)?|evento"
    r"|lección|módulo|sesión) no encontrad[oa]\b",
    r"\b(?:kurs|schulung|fortbildung|webinar|veranstaltung|lektion|modul|seite|video|inhalt|aufzeichnung)(?:, (?:den|die|das)"
    r" sie (?:suchen|aufrufen wollten),)? (?:existiert nicht mehr|gibt es nicht mehr|wurde (?:nicht gefunden|entfernt|gelöscht)"
    r"|ist nicht mehr verfügbar)\b|\b(?:kurs|schulung|fortbildung|webinar|veranstaltung|lektion|modul) nicht gefunden\b",
    r"\b(?:corso|formazione|webinar|evento|lezione|modulo|sessione|registrazione|pagina|video|contenuto)(?: che (?:cerchi"
    r"|stai cercando|hai richiesto))? (?:non esiste più|non esiste|è stat[oa] (?:rimoss[oa]|eliminat[oa])|non è più"
    r" disponibile)\b|\b(?:corso|formazione|webinar|evento|lezione|modulo) non trovat[oa]\b",
    r"\b(?:curso|formação|capacitação|treinamento|webinar|evento|aula|módulo|sessão|gravação|página|vídeo|conteúdo)(?: que"
    r" (?:você )?(?:procura|está procurando|solicitou))? (?:não existe mais|já não existe|não existe|foi (?:removid[oa]"
    r"|excluíd[oa]|retirad[oa])|não está mais disponível)\b|\b(?:curso|formação|capacitação|treinamento|webinar|evento"
    r"|aula|módulo) não encontrad[oa]\b",
    r"\b(?:cursus|training|opleiding|webinar|evenement|les|module|sessie|opname|pagina|video)(?: die (?:je|u) zoekt)?"
    r" (?:bestaat niet meer|is verwijderd|is niet (?:meer|langer) beschikbaar)\b|\b(?:cursus|training|opleiding|webinar"
    r"|evenement) niet gevonden\b",
    r"\bnie znaleziono (?:kursu|szkolenia|webinaru|wydarzenia|materiału|nagrania|strony)\b|\b(?:strona|kurs|szkolenie|webinar"
    r"|nagranie|wydarzenie|materiał)(?:, (?:którego|której|które) szukasz,)? (?:nie istnieje|został[oa]? usunięt[aey])\b"
    r"|\b(?:kurssia|koulutusta|webinaaria|tallennetta|videota|tapahtumaa|sivua) ei (?:löytynyt|löydy)\b"
    r"|\b(?:kurz|školení|webinář|záznam|stránka)(?:, (?:který|kterou|které) hledáte,)? (?:neexistuje|nebyl[ao]? nalezen[ao]?"
    r"|byl[ao]? odstraněn[ao]?)\b",
    # "page not found" in the languages of Europe (a title or heading; the page's own kind of content)
    r"\b(?:página|contenido|vídeo|video|archivo|documento|recurso|artículo|curso) no encontrad[oa]\b|\bno (?:se )?(?:ha"
    r" podido|pudo|pudimos|podemos) encontrar (?:la|esta) página\b|\b(?:page|contenu|vidéo|document|fichier|ressource)"
    r" (?:introuvable|non trouvée?)\b|\bla page (?:demandée |que vous (?:cherchez|recherchez) )?n'existe pas\b"
    r"|\b(?:seite|datei|inhalt|dokument|video) (?:wurde )?nicht gefunden\b|\bdiese seite existiert nicht\b"
    r"|\b(?:pagina|contenuto|video|file|documento) non (?:trovat[oa]|esiste)\b|\b(?:pagina|bestand|video) (?:is )?niet"
    r" gevonden\b|\bdeze pagina bestaat niet\b|\b(?:página|conteúdo|vídeo|arquivo|ficheiro|documento) não"
    r" (?:encontrad[oa]|existe)\b|\bnie znaleziono (?:strony|pliku|filmu|nagrania)\b|\bstrona nie (?:istnieje|została"
    r" znaleziona)\b|\bsidan (?:hittades inte|kunde inte hittas|finns inte)\b|\bsiden (?:blev ikke fundet|findes ikke"
    r"|kunne ikke findes|ble ikke funnet|finnes ikke)\b|\bsivua ei (?:löytynyt|löydy)\b|\bstránka (?:nenalezena|sa nenašla)\b"
    r"|\bstranica nije pronađena\b|\bpuslapis nerastas\b|\blapa nav atrasta\b|\blehte ei leitud\b|\bpàgina no trobada\b"
    r"|\bсторінку не знайдено\b",
    # not found, or no longer exists, in the languages of the wider web: the page's own kind of content as
    # the subject; "removed" only of this very item (a news title says what was removed from elsewhere)
    r"\b(?:видео(?:то)?|страница(?:та)?|съдържание(?:то)?|клип(?:ът)?|файл(?:ът)?|материал(?:ът)?|статия(?:та)?)"
    r" (?:вече )?(?:не съществува|не е намерен[оа]?)\b|\b(?:страница|видео|запись|материал|файл|статья|новость|курс"
    r"|вебинар)(?: не найден[аоы]?| больше не существует| не существует)\b|\b(?:эт[аои]т?|данн\w+) (?:страница|видео"
    r"|запись|материал|статья|новость) (?:был[аои]? )?удал[её]н[аоы]?\b|\b(?:сторінк[ау]|відео|запис|матеріал|файл"
    r"|стаття) (?:не знайдено|більше не існує)\b",
    r"\b(?:nội dung|video|trang|bài viết|tệp|tập tin|khóa học)(?: này)? (?:không còn tồn tại|không tồn tại)\b"
    r"|\bkhông tìm thấy (?:trang|nội dung|video|bài viết)\b|\b(?:video|nội dung|trang|bài viết) (?:này|bạn (?:đang )?tìm)"
    r" đã bị (?:xóa|xoá|gỡ)\b",
    r"\b(?:halaman|video|konten|artikel|berkas|kursus|pelatihan|webinar|rekaman|kelas|acara|materi|modul)(?: ini"
    r"| yang anda cari)? (?:tidak (?:dapat )?ditemukan|sudah tidak (?:ada|tersedia)|tidak ada lagi)\b|\b(?:halaman|video"
    r"|konten|artikel|pelatihan|webinar|rekaman|kelas|materi) ini (?:telah|sudah) dihapus\b"
    r"|\b(?:sayfa|video|içerik|dosya|makale|haber|kurs|eğitim|etkinlik|kayıt|webinar) (?:bulunamadı|artık mevcut değil)"
    r"|\bbu (?:sayfa|video|içerik|haber|kurs|eğitim|kayıt|webinar) (?:kaldırıldı|silindi)",
    # a recording, a course or an event (of something) was deleted, and the sentence ends there: the page's own
    # kind of content, in Russian ("Видео удалено с YouTube по требованию …" is news of something elsewhere)
    r"\b(?:запись|видео|вебинар|курс|материал|страница|файл|мероприятие|трансляция|лекция)(?: (?:вебинара|видео"
    r"|курса|мероприятия|трансляции|лекции|урока))? (?:был[аои]? )?удал[её]н[аоы]?(?=\s*(?:$|[.!;:—–]))",
    # its organiser or owner deleted it, in more languages
    r"\b(?:организатор|владелец|автор)\w* удалил\w* (?:эту |эт\w+ |данн\w+ )?(?:запись|видео|вебинар|файл|материал"
    r"|мероприятие)|\borganizator\w* usun\w+ (?:to |te |ten )?(?:nagranie|wideo|webinar|plik)|\borganizatör\w* (?:bu )?"
    r"(?:kaydı|videoyu|webinarı|dosyayı) (?:sildi|kaldırdı)|\bpenyelenggara (?:telah |sudah )?menghapus (?:rekaman|video"
    r"|webinar|berkas)|\bban tổ chức đã (?:xóa|xoá|gỡ) (?:bản ghi|video|buổi)|主催者(?:が|により)(?:この)?(?:録画|動画|ウェビナー)"
    r"(?:を|は)?削除|主办方已(?:删除|下架)(?:该|此)?(?:录像|回放|视频|直播)|주최자가 (?:이 )?(?:녹화|영상|웨비나)(?:을|를)? 삭제",
    r"(?:หน้า|วิดีโอ|บทความ)นี้ถูกลบ|ไม่พบหน้า(?:ที่|นี้|เว็บ)"
    r"|(?:पृष्ठ|पेज|वीडियो|सामग्री|लेख) (?:नहीं मिला|नहीं मिली|मौजूद नहीं है)"
    r"|لم يتم العثور على (?:الصفحة|الفيديو|المحتوى|المقال)|(?:الصفحة|الفيديو|المحتوى|المقال) (?:غير موجود|لم تعد موجودة|لم يعد موجودا)"
    r"|(?:صفحه|ویدیو|ویدئو|مطلب) (?:مورد نظر )?(?:یافت نشد|پیدا نشد)"
    r"|(?:පිටුව|පුවත|වීඩියෝව|ලිපිය) හමු නොවීය|(?:পৃষ্ঠা|পেজ|ভিডিও|সংবাদ)(?:টি)? (?:খুঁজে )?পাওয়া যায়নি|பக்கம் கிடைக்கவில்லை"
    # (a help page quotes the message in 「…」 or "…": its topic, not its state)
    r"|(?<![「『\"'])(?:페이지|동영상|콘텐츠|게시물|강의|강좌|과정|영상|자료)(?:을|를) 찾을 수 없습니다|존재하지 않는 (?:페이지|게시물|동영상)"
    r"|(?<![「『\"'])(?:ページ|動画|コンテンツ|講座|コース|記事)(?:が|は)見つかりません|(?<![「『\"'])(?:页面|视频|視頻|内容)不存在(?=$|[\s。！!，,]|或)|找不到(?:该|此)?(?:页面|视频|内容)"
    r"|\b(?:видео|запись|ролик|материал|файл)(?:то)? (?:был[оа]? )?(?:удал[её]н[оа]?|изтрит[оа]?) (?:автором|владельцем"
    r"|пользователем|от потребителя|от автора)\b|\b(?:this |the )?(?:video|recording|file|upload) (?:was|has been)"
    r" (?:deleted|removed) by (?:the|its) (?:uploader|owner|author|creator)\b"
    r"|\bstránk[ay] (?:nebyla nalezena|neexistuje)\b|\baz oldal nem található\b|\bpagina nu a fost găsită\b"
    r"|\bη σελίδα δεν βρέθηκε\b|הדף לא נמצא|\bukurasa (?:haupatikani|haukupatikana)\b|\bhindi (?:mahanap|makita) ang pahina\b",
    # the page's own kind of content (the one asked for) was removed or deleted, in more languages: its kind is the
    # subject ("El archivo solicitado ha sido eliminado"; a medicine "retirado del mercado" is news)
    r"\b(?:archivo|fichero|vídeo|video|página|grabación|contenido|documento|curso|enlace|episodio|podcast|publicación)"
    r"(?: solicitad[oa]| que (?:buscas|busca|intentas descargar))? (?:ha sido|fue|se ha) (?:eliminad[oa]|borrad[oa]"
    r"|retirad[oa])\b|\b(?:fichier|vidéo|page|enregistrement|contenu|document|cours|lien|épisode|podcast|publication)"
    r"(?: demandée?| que vous cherchez)? a été (?:supprimée?|retirée?|effacée?)\b|\b(?:datei|video|seite|aufzeichnung"
    r"|inhalt|dokument|kurs|link|folge|episode|beitrag)(?: die sie suchen)? (?:wurde|ist) (?:vom \w+ )?(?:gelöscht"
    r"|entfernt)\b|\b(?:arquivo|ficheiro|vídeo|página|gravação|conteúdo|documento|curso|link|episódio|podcast)"
    r"(?: solicitad[oa]| que você procura)? foi (?:removid[oa]|excluíd[oa]|apagad[oa]|eliminad[oa])\b|\b(?:file|video"
    r"|pagina|registrazione|contenuto|documento|corso|link|episodio|podcast)(?: richiest[oa]| che stai cercando)?"
    r" (?:è|e') stat[oa] (?:rimoss[oa]|eliminat[oa]|cancellat[oa])\b|\b(?:bestand|video|pagina|opname|inhoud|document"
    r"|cursus|link|aflevering|podcast) is (?:verwijderd|weggehaald)\b|\b(?:plik|film|wideo|strona|nagranie|odcinek"
    r"|podcast) został[aoy]? usunięt[aey]\b|\b(?:filen|videon|sidan|inspelningen|avsnittet) har (?:tagits bort"
    r"|raderats)\b|\b(?:filen|videoen|siden|opptaket|episoden) er (?:slettet|fjernet)\b",
    # the page's own kind of content is no longer there ("Questo episodio non c'è più"), in more languages
    r"\b(?:episodio|video|pagina|file|contenuto|registrazione|corso|documento|podcast) non c'è più\b"
    r"|\b(?:episodio|video|pagina|file|contenuto|registrazione|corso) non è più disponibile\b"
    r"|\b(?:episodio|vídeo|video|página|archivo|contenido|grabación|curso) ya no está (?:aquí|disponible)\b"
    r"|\b(?:épisode|vidéo|page|fichier|contenu|enregistrement|cours) n'est plus (?:là|disponible|en ligne)\b"
    r"|\b(?:episódio|vídeo|página|arquivo|conteúdo|gravação|curso) (?:não está mais|já não está) (?:aqui|disponível)\b"
    r"|\b(?:aflevering|video|pagina|bestand|opname|cursus) is (?:niet meer beschikbaar|er niet meer)\b"
    r"|\b(?:odcinek|film|plik|strona|nagranie) nie jest już dostępn\w+|\b(?:avsnittet|videon|sidan|filen) är inte längre"
    r" tillgänglig\b|\b(?:episoden|videoen|siden|filen) er ikke lenger tilgjengelig\b",
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
    r"|(?:"
    + "|".join(_LANGUAGES)
    + r")(?:[-_][a-z]{2,4})?/?(?:(?:index|home|default)(?:\.(?:s?html?|php|aspx?|jsp))?/?)?)?$",
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
_WRAPPERS = frozenset(
    {
        "ResponseNeverReceived",
        "ResponseFailed",
        "_ResponseFailed",
        "RequestTransmissionFailed",
        "_WrapperException",
        "IgnoreRequest",
        "ConnectError",
        "TunnelError",
        "RequestGenerationFailed",
        "DownloadFailedError",
        "DownloadCancelledError",  # Scrapy >= 2.13
    }
)
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
    (
        re.compile(
            r"dns lookup|name or service not known|nodename nor servname|no address associated|getaddrinfo"
            r"|name resolution",
            re.I,
        ),
        Outcome.DNS_ERROR,
    ),
    (re.compile(r"max(?:imum)? redirect|redirection|redirect loop", re.I), Outcome.REDIRECT_LOOP),
    (
        re.compile(r"refused|reset|\blost\b|closed|connectiondone|aborted|broken pipe|unreachable|no route", re.I),
        Outcome.CONNECTION_ERROR,
    ),
)


def _detail(error_class: str, message: str, limit: int = 300) -> str:
    message = " ".join((message or "").split())
    text = f"{error_class}: {message}" if message else error_class
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _loop(chain: Sequence[Mapping[str, Any]] | None) -> str | None:
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


def classify_failure(
    error_class: str | None, error_message: str | None, redirect_chain: Sequence[Mapping[str, Any]] | None = None
) -> Verdict:
    """A visit that got no response (or a spider verdict): chain gates, loops, then the error.

    Where the chain was heading comes first: a link that redirects to a sign-in
    host the crawler cannot reach is ``gated``/``login``, not a DNS error.
    """
    error_class = (error_class or "").strip()
    message = error_message or ""
    chain = [dict(hop) for hop in redirect_chain or ()]
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
        if reason and target:
            return Verdict(
                Outcome.SERVER_ERROR,
                None,
                "a redirect the crawler could not follow (its Location"
                f" is not a fetchable URL: {reason}: {_without_password(target)[:200]})",
            )
        bad_target = _UNFOLLOWABLE_TARGET.match(message)
        if bad_target:
            return Verdict(
                Outcome.SERVER_ERROR,
                None,
                f"a redirect the crawler could not follow (Location: {bad_target.group(1)[:200]})",
            )
        if _UNPARSEABLE_URL.search(message):
            return Verdict(
                Outcome.SERVER_ERROR,
                None,
                f"a redirect the crawler could not follow (its Location does not parse: {message[:200]})",
            )
    if error_class in _UNDECODABLE_CLASSES or _UNDECODABLE_MESSAGE.search(message):
        return Verdict(
            Outcome.SERVER_ERROR,
            None,
            f"the server sent a body that does not decode ({_detail(error_class or 'error', message)})",
        )
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
    400: "Bad Request",
    401: "Unauthorized",
    402: "Payment Required",
    403: "Forbidden",
    404: "Not Found",
    405: "Method Not Allowed",
    406: "Not Acceptable",
    407: "Proxy Authentication Required",
    408: "Request Timeout",
    409: "Conflict",
    410: "Gone",
    411: "Length Required",
    412: "Precondition Failed",
    413: "Content Too Large",
    414: "URI Too Long",
    415: "Unsupported Media Type",
    416: "Range Not Satisfiable",
    417: "Expectation Failed",
    418: "I'm a teapot",
    420: "Enhance Your Calm",
    421: "Misdirected Request",
    422: "Unprocessable Content",
    423: "Locked",
    425: "Too Early",
    426: "Upgrade Required",
    428: "Precondition Required",
    429: "Too Many Requests",
    431: "Request Header Fields Too Large",
    451: "Unavailable For Legal Reasons",
    500: "Internal Server Error",
    501: "Not Implemented",
    502: "Bad Gateway",
    503: "Service Unavailable",
    504: "Gateway Timeout",
    999: "Request denied (LinkedIn)",
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


def _status_text(status: int | None) -> str:
    if status is None:
        return "no HTTP status"
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
        if (
            visit.final_url
            and (not chain or _hop_target(chain[-1]) != visit.final_url)
            and _defrag(visit.final_url) != _defrag(visit.url)
        ):
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
        return Verdict(
            Outcome.SERVER_ERROR,
            None,
            f"{_status_text(status)}: a redirect the crawler could not follow"
            + (f" (Location: {location})" if location else " (no Location)"),
        )

    if status in _BEFORE_WALLS:
        wall = _first_match(HEADER_WALLS, page)  # a challenge answered as 429 is still a challenge
        if wall is not None:
            return Verdict(Outcome.BLOCKED, None, f"bot wall {wall[0].name}: {wall[1]}")
        return _status_verdict(visit)

    wall = _first_match(BOT_WALLS, page)
    if wall is not None:
        rule, hit = wall
        return Verdict(Outcome.BLOCKED, None, f"bot wall {rule.name}: {hit}")

    limited = _rate_limit_page(page)  # after the walls: a challenge that says "too many requests" is still a wall
    if limited:
        return Verdict(Outcome.RATE_LIMITED, None, f"{_status_text(status)} that says it is a rate limit: {limited}")

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


#: a plain rate limit said in words, several languages
_RATE_LIMIT = re.compile(
    r"\btoo many requests\b|\brate limit(?:ed| exceeded| reached)\b|\brequest limit (?:exceeded|reached)\b"
    r"|\btrop de requêtes\b|\bdemasiadas (?:solicitudes|peticiones)\b|\bzu viele anfragen\b|\btroppe richieste\b"
    r"|\bmuitas (?:solicitações|requisições)\b|\bte veel (?:verzoeken|aanvragen)\b|\bzbyt wiele (?:żądań|zapytań)\b"
    r"|\bför många förfrågningar\b|\bслишком много запросов\b|\bçok fazla istek\b|\bterlalu banyak permintaan\b"
    r"|\bquá nhiều yêu cầu\b|请求(?:过于|太)频繁|請求(?:過於|太)頻繁|リクエストが多すぎ|요청이 너무 많"
)
#: statuses a rate limit is also served with; a page this short is the limit's notice
_RATE_LIMIT_STATUSES = frozenset({200, 403, 503, 509})
RATE_LIMIT_WORDS = 60


def _rate_limit_page(page: Page) -> str | None:
    """A short page, served as 200, 403, 503 or 509, whose title, heading or few words say the reader sent too many
    requests (and that no wall stopped, checked before): a plain rate limit, whatever its status."""
    if page.status not in _RATE_LIMIT_STATUSES or not page.is_html or page.words > RATE_LIMIT_WORDS:
        return None
    for text in (page.title_lc, page.text_lc):
        m = _RATE_LIMIT.search(text)
        if m:
            return repr(m.group(0))
    return None


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
        return Verdict(
            Outcome.SOFT_404,
            None,
            f"{_status_text(status)} with an empty body" if status != 200 else "answers 200 with an empty body",
        )
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
            return Verdict(Outcome.NOT_FOUND, None, f"video unavailable: {page.text[m.start() : m.end()]}")
    return None


def _not_found_page(page: Page) -> str | None:
    for label, text in [("title", page.title), *(("h1", h) for h in page.h1s)]:
        if not text:
            continue
        m = (
            _NOT_FOUND.search(text)
            or (len(text.split()) <= 8 and _NOT_FOUND_SHORT.search(text))
            or search_phrases(_GONE_TRANSLATED, lower(text))
        )
        if m:
            return f"{label} {text!r}"
    if page.words <= SHORT_PAGE_WORDS:
        m = _NOT_FOUND.search(page.text) or search_phrases(_GONE_TRANSLATED, page.text_lc)
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


def resembles_probe(
    *, url: str, final_url: str | None, title: str | None, body: bytes, probe: Mapping[str, Any] | None
) -> str | None:
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
