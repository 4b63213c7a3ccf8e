"""Gate rules as data: what stands between a reader and a resource, in one place.

Each :class:`GateRule` names the gate it reports (:class:`linkhealth.outcomes.Gate`),
describes the *real* page it was written for, names the fixture that models that
page (``tests/fixtures/pages/<fixture>``; ``tests/test_gates.py`` fails for a rule
without one), and lists its matchers. A rule matches when the visit's status is
one of ``statuses`` and **every** matcher group it lists matches (within a group,
any one pattern is enough):

==================  ===========================================================
``url_patterns``    searched in ``host/path`` (no scheme, port, query or fragment)
                    of where the visit *ended*: the final URL of a page; for a
                    visit with no final page (a failure, or a 3xx not followed)
                    every URL of the redirect chain including the ``location``
                    the crawler could not reach. So a link that heads for
                    accounts.google.com is ``login`` even when that host cannot
                    be reached, while a sign-in page merely passed through on the
                    way to content (an SSO bounce) gates nothing.
``title_patterns``  searched in the page's ``<title>`` (whitespace collapsed,
                    curly quotes straightened)
``text_patterns``   searched in the page's visible text (no scripts, styles, tags)
``html_patterns``   searched in the body's bytes, ASCII letters lower-cased: only
                    for vendor markers in scripts (a challenge platform, a parking
                    lander, an app's initial state); never for forms or meta tags
``header_patterns`` (header name, pattern) pairs searched in response headers
``checks``          functions of the page model (:mod:`pipelines.page`): its forms,
                    buttons, links, embedded players, its own JSON (YouTube's
                    ``ytInitialPlayerResponse``, schema.org JSON-LD)
``confirm``         functions of the page model run last, once every other group
                    matched: costlier checks (is anything sold on the page? does it
                    register?) that only pages with the rule's wording reach
``unless_html``     the rule does not match when any of these is in the body bytes
``max_words``       the page's visible text has at most this many words: phrases
                    that gate a short page are harmless in a long article
``languages``       the rule reads only pages whose ``<html lang>`` is one of these
                    (or that declare none, or have at most ``LANGUAGE_TRUSTED_WORDS``
                    words): phrases of other languages are not searched on long pages
==================  ===========================================================

Every rule reads the page only through :class:`pipelines.page.Page`: one decoded
text and one lxml tree per visit, shared with metadata extraction.

Gates from structure
====================

Sentences differ from one platform and language to the next; the shape of a gate
does not. The structural rules read the page's forms (each field's type, name,
placeholder and label; each button's text) and where they stand:

- ``sign-in-form``: a form asking who the reader is (user name, e-mail, phone)
  and for a password → ``login``; ``email-sign-in-form`` (one e-mail field and a
  button that signs in or mails a link or code), ``sign-in-provider-picker``
  ("Continue with Google"), ``institution-picker`` (a federation's "Select your
  home organisation"), ``sign-in-app-shell`` (a sign-in title over an empty app),
  ``sign-in-route`` (``#/login``) and ``sign-in-host`` (sent on to another host
  named ``login.``, ``sso.``, ``auth.`` …), ``sign-in-flow`` (sent through an OAuth/OIDC
  or SAML authorization request that did not come back, or on to a flow's path that
  carries the way back: any identity provider, whatever its page says) and
  ``passkey-or-code-sign-in`` (a field that asks for a passkey or a one-time code)
  → ``login``;
- ``secret-form``: a form asking for nothing but a password or key (a
  password-protected post, a course's enrolment key, a meeting's passcode beside
  the name to show, a room's access code even in a text field) → ``private``;
- ``membership-by-approval``: a membership or registration someone approves, on a
  page for members only or beside an apply control → ``request_access``;
- ``registration-form`` / ``access-request-form``: a form asking for an e-mail
  address and a name (or several details) whose button says register, watch,
  view, download, send me … (several languages) → ``registration``, or request /
  apply → ``request_access``; never with a player on the page; ``email-gate-form``
  (an e-mail form inside a player), ``sign-up-form`` (a form that opens an
  account), ``registration-path`` (redirected to a registration page),
  ``recording-form`` (a form builder's name and e-mail with a plain "Submit" on a
  page that names the recording it hands over) and ``register-to-watch-script-form``
  (a lead form a marketing script draws) → ``registration``;
- ``checkout-form`` (its button pays, it asks for a card, or it posts to a
  checkout beside a price), ``purchase-offer`` (a price, and the page's own
  links buy, or a priced enrol button on a course page) and ``paywall-path`` (sent on
  to a plans, premium or free-trial page that sells) → ``paywall``;
  ``ask-owner-control``: the page's button, or a link on a page saying the item is
  withheld, asks the owner for access or a copy, on a page that does not serve a
  copy itself; ``access-request-path`` (redirected to …/request-membership/) →
  ``request_access``;
- app states (an empty shell's embedded JSON): ``private-state``,
  ``registration-required-state``, ``registration-form-state``,
  ``login-required-state``, ``paywall-state``; and an app shell's ``<noscript>`` and
  state messages (``Page.shell_text``) are read by every wording rule as its text.

A form *dominates* the page when at most ``FORM_DOMINATES_WORDS`` words of its
content stand outside it; navigation, headers, footers, asides and sidebars are
not content. Forms in that furniture (a newsletter box, a "Log in" widget), hidden
forms (a modal kept in the markup), search forms, forms that take a message
(comments, contact; but a request to the owner of a withheld item does), and
mailing-list forms whose button delivers nothing never gate.

Families of wording back them up on short pages, in English, French, Spanish,
German, Portuguese, Italian and Dutch, and most of them also in some twenty more
languages (Slavic, Scandinavian, Greek, Turkish, Hungarian, Romanian, Indonesian,
Vietnamese, Arabic, Hebrew, Chinese, Japanese, Korean), one pattern a language or
two so that each is screened by its own literals:
membership (``paywall`` when something is sold on the page, else ``login``:
"for members only", "for paid subscribers", "nur für Mitglieder"), previews and
subscribe-to-read walls (``paywall``), signing in (``login``: "you must be logged
in to view"), registration notices (``registration``), password protection and
privacy (``private``), asking for access (``request_access``), geography ("not
available in your country", and a 200 page that only refuses: ``forbidden``), requests
awaiting approval and controlled access (``request_access``). A page that a metered wall counts as
read, that JSON-LD declares free, or that says it is open access with its licence
is never a paywall (:func:`not_served_free`). docs/gates.md lists the signals per
kind.

Decisions are taken from where the visit ended, its status, the page's own text,
forms, buttons and JSON, never from sign-in or registration links that merely
appear in a page: every public YouTube or Blogger page carries a "Sign in" link to
accounts.google.com and is ``ok``. (A page's own links count only as what they do
on a short page: "Buy this course" beside a price.) The first matching rule wins, so specific rules come first and the bare
status rules (401 → ``auth``, 403 → ``forbidden``) come last.

Patterns are matched against lower-cased text (bytes for ``html_patterns``), so they are case-insensitive
whatever case they are written in (write them as the real page spells them), and
``.`` crosses newlines. Each pattern is first screened by the literal text any of
its matches must contain (:func:`required_literals`), so on most pages a rule
costs a substring test: the judge runs on every visit.

Decisions documented here:

- Box's "This shared file or folder link has been removed or is unavailable to
  you" is *not* a gate: Box shows it for deleted links and for links limited to
  collaborators alike, and for a public catalogue both mean the reader cannot
  get the file. It is judged dead (``not_found`` when served as 404, ``soft_404``
  when served as 200) in :mod:`pipelines.judge`.
- Paywalls: a publisher's purchase or institution phrases ("Purchase PDF", "Buy
  this article", "Access through your institution") gate on their own. The
  weaker signs ("Rent this article", "Subscribe to read the full text", a price)
  gate only a scholarly article page (``citation_title`` meta) that offers no
  PDF (no ``citation_pdf_url``). An article without ``citation_pdf_url`` but with
  none of that text is not a paywall: many open pages simply omit the tag.
- YouTube: a geo-blocked or otherwise ``UNPLAYABLE`` video is ``forbidden`` (it is
  served, not to us); "Sign in to confirm your age" is ``login``; the bot check
  ("Sign in to confirm you're not a bot") is no gate at all but ``blocked`` and a
  removed video is ``not_found`` (both in :mod:`pipelines.judge`).
- A password-protected video (Vimeo) is ``private``, like a private video; so is
  any page whose form wants only a shared password or key.
- Members-only content that a membership is sold for (membership plugins,
  Substack's "for paid subscribers") is ``paywall``; content for signed-in users
  with nothing on sale is ``login``.
- A 401 without ``WWW-Authenticate`` whose page refuses ("You have not been given
  permission") is ``forbidden``: the server asks for no credentials.
- Registration counts only where the form stands in front of the content: Zoom,
  GoTo Webinar and ON24 registration URLs, a BrightTALK webcast showing its
  registration form, an Eventbrite event whose main action is "Register" / "Get
  tickets", or a page saying "complete the form to watch the recording" that has
  an email field and no player embedded. A page that merely links to a
  registration page is not gated.
- Google Drive's "You need access" asks a *signed-in* reader; a signed-out crawler
  is usually sent to accounts.google.com instead, which is ``login``.

:mod:`pipelines.judge` uses the same :class:`PageRule` machinery for what is not a
gate: bot walls, parked domains, dead pages.
- 402 Payment Required is ``paywall``; 451 Unavailable For Legal Reasons is
  ``forbidden`` (the resource is served, not where the crawler stands: a stable
  fact about the link, so a gate rather than an inconclusive ``blocked``).
"""

from __future__ import annotations

import base64
import binascii
import functools
import importlib
import re
import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qsl, urlsplit

from linkhealth.outcomes import Gate, Outcome, Verdict

from .page import NON_LATIN, SHELL_WORDS

if TYPE_CHECKING:  # pragma: no cover
    from linkhealth.visit import Visit

    from .page import Page

SUCCESS = frozenset(range(200, 300))
#: a page was served: 2xx, or a 401/403 whose page may say more than its status
ANSWERED: frozenset[int | None] = SUCCESS | {401, 403}
#: also a visit with no final page (a failure, or a redirect not followed):
#: for rules decided from URLs alone
ANY: frozenset[int | None] = ANSWERED | {None}

_FLAGS = re.DOTALL

#: the regex parser, to find the literal text every match of a pattern must contain (``re._parser``
#: since Python 3.11, ``sre_parse`` before); private, so typed as what it is to us: a module of functions
_sre: Any = importlib.import_module("re._parser" if sys.version_info >= (3, 11) else "sre_parse")


def _lower_pattern(pattern: str) -> str:
    r"""A pattern for lower-cased text: letters lowered, escapes (``\S``, ``\W``) kept."""
    return re.sub(r"\\.|[^\\]+", lambda m: m.group(0) if m.group(0)[0] == "\\" else m.group(0).lower(), pattern)


def required_literals(pattern: str) -> tuple[str, ...]:
    """Strings of which every match of ``pattern`` contains at least one, or () when
    none can be told. A substring test for them is far cheaper than the search, so
    most patterns cost a ``str.__contains__`` on pages that cannot match."""
    try:
        parsed = _sre.parse(pattern)
    except re.error:
        return ()
    found = _literals(list(parsed))
    if not found:
        return ()
    # three letters are rare enough in a page to screen by; two characters of a script that
    # writes words in two (漢字, かな, 한글) are too
    if all(len(x) >= 3 or (len(x) >= 2 and not x.isascii()) for x in found):
        return found
    return ()


def _score(candidates: tuple[str, ...]) -> float:
    return min(len(x.strip()) for x in candidates) - 0.01 * len(candidates)


def _literals(items: list) -> tuple[str, ...] | None:
    best: tuple[str, ...] | None = None
    run: list[str] = []

    def consider(candidates: tuple[str, ...] | None) -> None:
        nonlocal best
        if candidates and (best is None or _score(candidates) > _score(best)):
            best = candidates

    for op, av in items:
        if op is _sre.LITERAL:
            run.append(chr(av))
            continue
        if run:
            consider(("".join(run),))
            run = []
        if op is _sre.SUBPATTERN:
            consider(_literals(list(av[-1])))
        elif op is _sre.BRANCH:
            alternatives = [_literals(list(branch)) for branch in av[1]]
            if all(alternatives):
                consider(tuple(x for alt in alternatives for x in alt))  # type: ignore[union-attr]
        elif op in (_sre.MAX_REPEAT, _sre.MIN_REPEAT) and av[0] >= 1:
            consider(_literals(list(av[2])))
    if run:
        consider(("".join(run),))
    return best


@dataclass(frozen=True)
class _Pattern:
    regex: re.Pattern[Any]  #: of str, or of bytes for markup
    literals: tuple[str, ...] | tuple[bytes, ...]

    @classmethod
    def of(cls, pattern: str) -> _Pattern:
        lowered = _lower_pattern(pattern)
        return cls(re.compile(lowered, _FLAGS), required_literals(lowered))

    @classmethod
    def of_bytes(cls, pattern: str) -> _Pattern:
        """For markup: ASCII-lowered bytes (vendor markers are ASCII)."""
        lowered = _lower_pattern(pattern)
        return cls(
            re.compile(lowered.encode("ascii"), _FLAGS), tuple(x.encode("ascii") for x in required_literals(lowered))
        )

    def search(self, haystack: Any) -> re.Match | None:
        if self.literals:
            for literal in self.literals:
                if literal in haystack:
                    break
            else:
                return None
        return self.regex.search(haystack)


@dataclass(frozen=True, kw_only=True)
class PageRule:
    """A named set of matchers over one visit's page (see the module docstring).

    Patterns are written in the case of the real page, for the reader; they are
    matched against lower-cased text (so case-insensitively) without the
    IGNORECASE flag, which would cost the regex engine its fast literal scan.
    """

    name: str
    description: str  #: the real page this rule was written for
    fixture: str | None = None  #: file in tests/fixtures/pages modelling that page
    statuses: frozenset[int | None] = ANSWERED
    url_patterns: tuple[str, ...] = ()
    title_patterns: tuple[str, ...] = ()
    text_patterns: tuple[str, ...] = ()
    html_patterns: tuple[str, ...] = ()
    header_patterns: tuple[tuple[str, str], ...] = ()  #: (lower-case header name, regex on its value)
    checks: tuple[Callable[[Any], Any], ...] = ()
    #: checks that run last, once the wording matched: the costlier ones, which most pages never reach
    confirm: tuple[Callable[[Any], Any], ...] = ()
    unless_html: tuple[str, ...] = ()
    max_words: int | None = None
    #: the rule reads only pages in these languages (primary subtags of ``<html lang>``), pages
    #: that declare none, and short pages (templates often declare "en" whatever the text):
    #: a family of phrases in one language costs nothing on the others' long pages
    languages: tuple[str, ...] = ()

    _url: tuple[_Pattern, ...] = field(init=False, repr=False, compare=False)
    _title: tuple[_Pattern, ...] = field(init=False, repr=False, compare=False)
    _text: tuple[_Pattern, ...] = field(init=False, repr=False, compare=False)
    #: the text patterns a page in Latin script alone can match (not those written only in other scripts)
    _text_latin: tuple[_Pattern, ...] = field(init=False, repr=False, compare=False)
    _html: tuple[_Pattern, ...] = field(init=False, repr=False, compare=False)
    _headers: tuple[tuple[str, _Pattern], ...] = field(init=False, repr=False, compare=False)
    _unless: tuple[_Pattern, ...] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        def compile_all(patterns: Iterable[str]) -> tuple[_Pattern, ...]:
            return tuple(_Pattern.of(p) for p in patterns)

        set_ = object.__setattr__
        set_(self, "_url", compile_all(self.url_patterns))
        set_(self, "_title", compile_all(self.title_patterns))
        set_(self, "_text", compile_all(self.text_patterns))
        set_(
            self,
            "_text_latin",
            tuple(p for p in self._text if not p.literals or any(not NON_LATIN.search(str(x)) for x in p.literals)),
        )
        set_(self, "_html", tuple(_Pattern.of_bytes(p) for p in self.html_patterns))
        set_(self, "_unless", tuple(_Pattern.of_bytes(p) for p in self.unless_html))
        set_(self, "_headers", tuple((h.lower(), _Pattern.of(p)) for h, p in self.header_patterns))
        if (
            not (
                self.url_patterns
                or self.title_patterns
                or self.text_patterns
                or self.html_patterns
                or self.header_patterns
                or self.checks
            )
            and None in self.statuses
        ):
            raise ValueError(f"rule {self.name!r} would match every failed visit")

    @property
    def needs_page(self) -> bool:
        return bool(
            self.title_patterns
            or self.text_patterns
            or self.html_patterns
            or self.header_patterns
            or self.checks
            or self.confirm
            or self.max_words is not None
        )

    def evidence(self, page: Page) -> str | None:
        """What matched (for the verdict's detail), or None when the rule does not match.

        Cheap groups first: status, URL, headers, title, the word count, the page's
        structure and own JSON; then its text (phrases are rarer than markup such as
        ``<input``), then its markup, then the ``confirm`` checks.
        """
        if page.status not in self.statuses:
            return None
        if page.status is None and self.needs_page:
            return None
        if (
            self.languages
            and page.language
            and page.language not in self.languages
            and page.words > LANGUAGE_TRUSTED_WORDS
        ):
            return None
        found: list[str] = []
        if self._url:
            for original, target in zip(page.targets, page.targets_lc):
                hit = _first(self._url, (target,))
                if hit is not None:
                    found.append(original[hit.start() : hit.end()] if len(original) == len(target) else hit.group(0))
                    break
            else:
                return None
        if self._headers:
            hit_header = None
            for name, pattern in self._headers:
                value = page.headers.get(name)
                if value is not None and pattern.search(value.lower()):
                    hit_header = f"{name}: {value}"
                    break
            if hit_header is None:
                return None
            found.append(hit_header)
        if self._title:
            if _first(self._title, (page.title_lc,)) is None:
                return None
            found.append(f"title {page.title!r}")
        if self.max_words is not None and page.words > self.max_words:
            return None
        for check in self.checks:
            result = check(page)
            if not result:
                return None
            if isinstance(result, str):
                found.append(result)
        if self._text:
            texts = self._text if len(self._text_latin) == len(self._text) or page.non_latin else self._text_latin
            # rules that share a family (members' notices for a paywall and for a free tier) search it once a page
            seen = page.__dict__.setdefault("_family_hits", {})
            key = id(self.text_patterns)
            hit = seen[key] if key in seen else seen.setdefault(key, _first(texts, (page.text_lc,)))
            if hit is not None:
                original = page.text if len(page.text) == len(page.text_lc) else page.text_lc
            elif page.words <= SHELL_WORDS and page.shell_text_lc:  # an app shell says it in <noscript> or its state
                hit, original = _first(texts, (page.shell_text_lc,)), page.shell_text_lc
            if hit is None:
                return None
            found.append(repr(_snippet(original[hit.start() : hit.end()])))
        if self._html:
            hit = _first(self._html, (page.markup_lc,))
            if hit is None:
                return None
            found.append(_snippet(hit.group(0).decode("ascii", "replace")))
        for check in self.confirm:
            result = check(page)
            if not result:
                return None
            if isinstance(result, str):
                found.append(result)
        if self._unless and _first(self._unless, (page.markup_lc,)) is not None:
            return None
        return "; ".join(found) or (f"HTTP {page.status}" if page.status else "")

    def matches(self, page: Page) -> bool:
        return self.evidence(page) is not None


@dataclass(frozen=True, kw_only=True)
class GateRule(PageRule):
    gate: Gate


def _first(patterns: tuple[_Pattern, ...], haystacks: Iterable[Any]) -> re.Match[Any] | None:
    for hay in haystacks:
        if not hay:
            continue
        for pattern in patterns:
            m = pattern.search(hay)
            if m:
                return m
    return None


def phrases(*patterns: str) -> tuple[_Pattern, ...]:
    """A family of phrases compiled as the rules' are (lower-cased, each screened by its literals),
    for code outside a rule that reads lower-cased text: one small pattern a language costs a
    substring test each where one pattern of every language would run its regex on every text."""
    return tuple(_Pattern.of(p) for p in patterns)


def search_phrases(family: tuple[_Pattern, ...], text_lc: str) -> re.Match[Any] | None:
    """The first match of any phrase of ``family`` in ``text_lc`` (lower-cased text)."""
    return _first(family, (text_lc,))


def _snippet(s: str, limit: int = 80) -> str:
    s = " ".join(s.split())
    return s if len(s) <= limit else s[: limit - 1] + "…"


# -- checks over the page's own JSON ----------------------------------------------

_BOT_CHECK = re.compile(r"confirm you.?re not a bot", re.I)
#: "Private video" in the languages of YouTube's interface that are cheap to list
_PRIVATE_VIDEO = re.compile(
    r"\bprivate video\b|\bvideo is private\b|v[ií]deo privado|vid[ée]o priv[ée]e|privates video"
    r"|video privato|prywatny film|video riêng tư|приватное видео|非公開動画|비공개 동영상",
    re.I,
)
_MEMBERS_ONLY = re.compile(
    r"members[- ]only|join this channel|nur für mitglieder|tritt diesem kanal bei"
    r"|solo para miembros|únete a este canal|réservée? aux membres|rejoins? cette chaîne"
    r"|riservat[oi] ai membri|exclusivo para membros",
    re.I,
)


def youtube_private(page: Page) -> str | bool:
    yt = page.youtube
    if yt and yt.status in ("LOGIN_REQUIRED", "UNPLAYABLE", "ERROR") and _PRIVATE_VIDEO.search(yt.reasons):
        return f"YouTube {yt.status}: {yt.reason}"
    return False


def youtube_members_only(page: Page) -> str | bool:
    yt = page.youtube
    if yt and yt.status != "OK" and (yt.members_offer or _MEMBERS_ONLY.search(yt.reasons)):
        return f"YouTube {yt.status}: {yt.reason}"
    return False


def youtube_sign_in(page: Page) -> str | bool:
    """LOGIN_REQUIRED for a reason other than the bot check (e.g. age-restricted)."""
    yt = page.youtube
    if yt and yt.status == "LOGIN_REQUIRED" and not _BOT_CHECK.search(yt.reasons):
        return f"YouTube {yt.status}: {yt.reason}"
    return False


def youtube_unplayable(page: Page) -> str | bool:
    yt = page.youtube
    if yt and yt.status == "UNPLAYABLE":
        return f"YouTube {yt.status}: {yt.reason}"
    return False


_LD_KEY = re.compile(r"[\"']isAccessibleForFree[\"']\s*:\s*[\"']?false\b", re.I)


def not_accessible_for_free(page: Page) -> str | bool:
    """schema.org ``isAccessibleForFree`` false (boolean or "False") in the page's JSON-LD,
    on the page's item or one of its parts (Google's paywalled-content markup)."""
    blocks = [b for b in page.json_ld_blocks if "isaccessibleforfree" in b.lower()]
    if not blocks:
        return False
    if any(_walk_false(item) for item in page.json_ld) or any(_LD_KEY.search(b) for b in blocks):
        return "JSON-LD isAccessibleForFree: false"
    return False


#: schema.org types whose item is the thing catalogued: a course, a recording
_SOLD_TYPES = frozenset(
    {"course", "videoobject", "mediaobject", "educationaloccupationalprogram", "audioobject", "courseinstance"}
)


def _price_of(offers: Any) -> float:
    """The lowest price among schema.org ``offers`` (one or a list): 0 when one of them is free
    (an audit track beside a paid certificate) or says so in its category, or none is given."""
    prices: list[float] = []
    for offer in offers if isinstance(offers, list) else [offers]:
        if not isinstance(offer, dict):
            continue
        if _FREE.search(str(offer.get("category", "")).lower()):
            return 0.0
        for key in ("price", "lowPrice"):
            if key in offer:
                try:
                    prices.append(float(str(offer[key]).replace(",", ".")))
                except ValueError:
                    continue
    return min(prices) if prices else 0.0


def jsonld_sold(page: Page) -> str | bool:
    """The page's JSON-LD offers its own course or recording for a price above nothing, and
    does not declare it free: a course platform's sales page, whatever its wording."""
    if not page.json_ld_blocks or not any("offers" in b and "price" in b for b in page.json_ld_blocks):
        return False
    for item in page.json_ld:
        if not isinstance(item, dict):
            continue
        kinds = item.get("@type")
        kinds = [kinds] if isinstance(kinds, str) else kinds if isinstance(kinds, list) else []
        if not any(isinstance(k, str) and k.lower() in _SOLD_TYPES for k in kinds):
            continue
        if str(item.get("isAccessibleForFree")).strip().lower() == "true":
            continue
        price = _price_of(item.get("offers"))
        if price > 0 and not any(not in_chrome and _FREE.search(label) for _href, label, in_chrome in page.actions):
            return f"JSON-LD {kinds[0]} offered at {price:g}"  # ("Enroll for free" beside it: an optional purchase)
    return False


def _walk_false(node: Any, depth: int = 0) -> bool:
    if depth > 8:
        return False
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "isAccessibleForFree" and (value is False or str(value).strip().lower() == "false"):
                return True
            if isinstance(value, (dict, list)) and _walk_false(value, depth + 1):
                return True
    elif isinstance(node, list):
        return any(_walk_false(item, depth + 1) for item in node)
    return False


def scholarly_article_without_pdf(page: Page) -> str | bool:
    if "citation_title" not in page.metas:
        return False
    if page.meta("citation_title") and not page.meta("citation_pdf_url"):
        return "citation_title without citation_pdf_url"
    return False


# -- checks over the page's structure -------------------------------------------------
#
# What generalises across platforms is the shape of a gate, not its sentences: a form
# that is most of what the page says, the fields it asks for and what its button says.
# A form in the site's furniture (navigation, header, footer, aside: a newsletter box,
# a "Log in" widget, a search box) never gates; nor does one next to a long text.

#: a field that asks who the reader is (user name, e-mail, phone), in a few languages
_USER_FIELD = re.compile(
    r"user|login|log-in|e-?mail|courriel|correo|account|identifier|benutzer|usuario"
    r"|utilisateur|identifiant|utente|phone|member ?id|mitglied|メール|邮箱|电子邮件|電子郵件|이메일|почт"
    r"|e-?post|sähköposti|e-?posta|логин|пользовател|користувач|kullanıcı|uživatel|felhasználó"
    r"|χρήστη|pengguna|tên đăng nhập|اسم المستخدم|שם משתמש|ユーザー|用户名|사용자|brugernavn|brukernavn"
    r"|käyttäjä|utilizator|телефон|telefon|電話|电话|전화"
)
_EMAIL_FIELD = re.compile(
    r"e-?mail|courriel|correo|mail address|メール|邮箱|电子邮件|電子郵件|이메일|почт|e-?post\b|e-?posten"
    r"|sähköposti|e-?posta|البريد الإلكتروني|דוא\"ל|אימייל|ηλεκτρονικ|อีเมล|ईमेल"
)
_NAME_FIELD = re.compile(
    r"name|first|last|surname|given|family|prénom|prenom|\bnom\b|nombre|apellido|vorname"
    r"|nachname|cognome|fname|lname|\bnome\b|voornaam|achternaam|imię|nazwisko|氏名|名前|姓名|이름|имя"
    r"|фамилия|ім'я|прізвище|\bad soyad|\bsoyad|jméno|příjmení|\bnév\b|όνομα|επώνυμο|\bnama\b|họ tên"
    r"|họ và tên|الاسم|שם|fornavn|efternavn|etternavn|etunimi|sukunimi|prenume|\bnume\b"
    r"|\bnaam\b|\bnamn\b|\bnavn\b|\bnimi\b|\bisim\b|\bime\b|adınız|\bad\b|isminiz|ชื่อ|नाम|নাম|نام"
)
#: what a registration form's button says: the content follows the form
_REGISTER_SUBMIT = re.compile(
    r"regist|sign ?up|sign me up|enrol|watch|view|access|continue|get (?:the|my|your|this|our|instant|free) [\w-]+"
    r"|get (?:the |instant |my |your |free )?(?:recording"
    r"|video|webinar|access|started|it now|guide|toolkit|report|replay|slides|copy|e-?book|download|link)|download"
    r"|join (?:now|the|webinar)|reserve|save my (?:spot|seat)|submit|send me|unlock|receive|create (?:a |my |your )?"
    r"(?:free )?account"
    r"|inscri|s'inscrire|acc[eé]d|regístr|registr|anmeld|teilnehmen|ansehen|voir|ver (?:el|la|ahora)|ver$|continuar"
    r"|continuer|weiter|anschauen|guarda|iscri|herunterladen|downloaden|télécharger|descargar|baixar|scaricare|pobierz"
    r"|ladda ner|stuur mij|envoyez-moi|envoie-moi|recevoir|envíame|enviadme|recibir|envie-me|receber|mandami|ricevere"
    r"|schicken sie mir|senden sie mir|erhalten|ontvangen|bekijk|créer (?:un |mon )?compte|crear (?:una |mi )?cuenta"
    r"|konto erstellen|criar (?:uma |minha )?conta|crea(?:re)? (?:un )?account|account aanmaken|załóż konto"
    r"|rejestr|zapisz się|obejrzyj|titta|tilmeld|meld (?:deg |meg )?på|ilmoittaudu|rekisteröidy|katso|kayıt ol|izle"
    r"|登録|申し込|视聴|視聴|报名|注册|观看|신청|등록|зарегистр|регистрац|смотреть|скачать|зареєстр|дивитися"
    r"|kayıt|indir|registrovat|zaregistr|sledovat|stáhnout|regisztr|megtekint|letölt|εγγραφ|παρακολούθ|λήψη|daftar|tonton"
    r"|unduh|đăng ký|tải xuống|ลงทะเบียน|تسجيل|سجل|הרשמ|הירשמ|înregistr|înscrie|vizionea|descarc|पंजीकरण|रजिस्टर"
    # a button that starts, plays or claims what the page offers: the content follows the form
    r"|\bstart (?:listening|watching|learning|reading|(?:the |my |your )?(?:course|video|training|lesson|module)s?|now)"
    r"|\blisten|\bplay\b|\bclaim|\b(?:free|my|your) tickets?\b|freischalt|débloquer|desbloque|sbloccare|sblocca|ontgrendel|odblokuj"
    r"|lås upp|разблокир|avvia|starten|démarrer|lancer la vidéo|(?:iniciar|comenzar|começar|empezar) (?:el |o |a )?"
    r"(?:curso|vídeo|video|treinamento|capacitación)|inscrev|assistir|přehr|zhlédn|देख|रिकॉर्डिंग|받기|시청|다운로드"
    r"|ダウンロード|下载|解锁|入场|получить|отримати|obtener|obtenir|ottieni|ontvang"
    # a button that watches in Polish, or claims what the page offers ("Je veux le kit", "I want the guide")
    r"|ogląd|i̇ndir|i̇zle|見る|観る|다시보기|kijk|شاهد|مشاهدة|تحميل|تنزيل|รับชม|ดูวิดีโอ|ดูย้อนหลัง|ดาวน์โหลด|צפ(?:ה|ו|ייה)|הורד"
    r"|\bse (?:inspelning\w*|webbinar\w*|video\w*|film\w*|nu|kurs\w*|föreläsning\w*"
    r"|opptak\w*|optagel\w*)"
    # "I want the kit": a button that claims the page's item (not "I want the newsletter", "… to volunteer")
    r"|(?:\bi want|\bje veux|\bquiero|\bich (?:will|möchte)|\bquero|\bvoglio|\bik wil|\bchcę|\bjag vill)\b[^.]{0,30}?\b(?:kit"
    r"|guide|gids|guía|leitfaden|toolkit|recording|video|vídeo|replay|webinar\w*|opname|grabación|aufzeichnung|gravação"
    r"|registrazione|nagranie|e-?book|pdf|report|rapport|informe|bericht|course|cours|curso|kurs|corso|cursus|access|accès"
    r"|acceso|zugang|acesso|accesso|toegang|dostęp|watch|voir|regarder|ver|ansehen|assistir|guardare|kijken|obejrzeć|download"
    r"|télécharger|descargar|herunterladen|baixar|scaricare|downloaden|pobrać|materia\w*|ressource\w*|recurso\w*)\b"
)
#: a field for a phone number: where an e-mail is not what platforms ask (a mobile number identifies the reader)
_PHONE_FIELD = re.compile(
    r"phone|mobile|\btel\b|celular|móvil|movil|téléphone|telefon|telefone|telefono|telefoon|handy|телефон|手机|手機"
    r"|電話|电话|携帯|휴대|전화|मोबाइल|फ़ोन|फोन|điện thoại|โทรศัพท์|هاتف|جوال"
)
#: a button that asks the owner instead
_REQUEST_SUBMIT = re.compile(
    r"request|apply|ask for|solicit|demander|demande d|beantragen|anfragen|anfrage|anfordern"
    r"|richied|richiest|pedir|pedido|aanvragen|aanvraag|verzoek|poproś|wniosek|begär|ansök"
    r"|запрос|запит|talep|žádost|požádat|kérelem|kér|αίτη|ajukan|minta|yêu cầu|طلب|בקש|申请|请求"
    r"|申請|リクエスト|요청|anmod|søk om|hae|solicită"
)
#: a button that buys
_BUY_SUBMIT = re.compile(
    r"purchase|\bbuy\b|\bpay\b|pay now|checkout|check out|place (?:my )?order|complete (?:my )?order"
    r"|proceed to payment|payer|pagar|bezahlen|kaufen|acheter|comprar|acquista|оплат|купить|купити"
    r"|satın al|ödeme|zaplatit|koupit|fizet|vásárl|πληρωμ|αγορ|bayar|beli|thanh toán|\bmua\b|購入|支払"
    r"|购买|支付|결제|구매|betal|\bköp|kjøp|\bosta\b|maksa|plătește|cumpără"
    # an order confirmed ("Je valide ma commande", "Realizar pedido", "Zahlungspflichtig bestellen"), several languages
    r"|\b(?:confirm|submit|finali[sz]e) (?:my |your |the )?order\b|\bvalide[rz]? (?:ma |la |votre )?commande\b"
    r"|\b(?:passer|confirmer) (?:la |ma )?commande\b|\b(?:realizar|confirmar|finalizar) (?:el |mi )?pedido\b"
    r"|\bfinalizar (?:la |a )?compra\b|\b(?:zahlungs|kosten)pflichtig bestellen\b|\bbestellung abschließen\b"
    r"|\b(?:conferma|completa) (?:l')?ordine\b|\bbestelling (?:plaatsen|afronden)\b|\bzłóż zamówienie\b"
    r"|\blägg (?:din )?beställning\b|\bоформить заказ\b|\bsiparişi (?:tamamla|onayla)\b|\bđặt hàng\b|注文を確定"
    r"|提交订单|주문하기"
)
#: what a form whose button says so hands over: content, not a newsletter (a mailing-list form used as a gate)
_DELIVERS = re.compile(
    r"watch|view|download|get (?:the |my |your |free )?(?:recording|video|guide|toolkit|replay|slides"
    r"|report|e-?book|copy|access|link)|send me|unlock|access|guarda|herunterladen|downloaden|télécharger"
    r"|descargar|baixar|scaricare|stuur mij|envoyez-moi|envíame|envie-me|mandami|ver (?:el|la)"
    r"|regarder|ansehen|anschauen|assistir|bekijk|ontvang|recevoir|recibir|receber|ricevere"
    # the same beyond western Europe (Turkish capitals lower-case to a dotted i: "İndir" is "i̇ndir")
    r"|indir|i̇ndir|izle|i̇zle|ogląd|obejrz|pobierz|tonton|unduh|\bxem\b|tải|скачать|смотреть|получить"
    # other persons and moods of the same verbs ("Pobieram poradnik", "Descargue la guía", "Téléchargez", "Scarica")
    r"|pobier|pobra|otrzym|odbier|descarg|télécharg|scarica|baix|receive|ricev|скача|получ"
)
#: a form whose only purpose is mail (news, comments, contact, search)
_NOT_A_GATE_FORM = re.compile(
    r"newsletter|subscribe|abonn|suscr|comment|search|contact|feedback|mailchimp|mc-embed"
    r"|suche|buscar|recherche|poll|survey|quiz|donat"
)

#: a page longer than this is trusted to be in the language its ``<html lang>`` declares
LANGUAGE_TRUSTED_WORDS = 600

#: at most this many words of the page's content outside the form: the form is the page
FORM_DOMINATES_WORDS = 150


def _outside_words(page: Page, form: Any, limit: int = FORM_DOMINATES_WORDS) -> int:
    """Words of the page's content outside the form: not the site's furniture, whether drawn
    with its elements or as a ``div#header`` / ``div.site-footer`` (``Page.loose_furniture_words``)."""
    outside = page.content_words - form.words
    if outside > limit:  # only then can the loose furniture change the answer
        outside -= page.loose_furniture_words
    return max(0, outside)


def _gate_forms(page: Page) -> list[Any]:
    """Forms that could stand in front of the content: not furniture, not search,
    newsletter, comment or contact forms."""
    out = []
    for form in page.forms:
        if form.in_chrome or form.hidden:
            continue
        if (_NOT_A_GATE_FORM.search(form.marks) or _NOT_A_GATE_FORM.search(form.action)) and not any(
            _DELIVERS.search(t) for t in form.submits
        ):
            continue
        if any(f.type == "search" for f in form.fields):
            continue
        if any(f.type == "textarea" for f in form.visible_fields):
            continue  # a comment or a message: the reader writes, nothing is unlocked
        out.append(form)
    return out


def password_field(page: Page) -> str | bool:
    return "a password field" if any(form.has("password") for form in page.forms) else False


def password_named_field(page: Page) -> str | bool:
    """A field named "password" (Vimeo's video password form)."""
    for form in page.forms:
        if any(f.name == "password" for f in form.fields):
            return "a field named password"
    return False


def registration_marked_form(page: Page) -> str | bool:
    """A form its own markup calls a registration or sign-up form (id, class, name, action)."""
    for form in page.forms:
        if _REGISTRATION_MARK.search(form.marks) or _REGISTRATION_MARK.search(form.action):
            return f"a registration form ({form.marks.strip() or form.action})"
    return False


_REGISTRATION_MARK = re.compile(r"regist|sign-?up")
#: a form's markup or action saying it opens an account (not German "Anmeldung": it names sign-in forms too)
_SIGN_UP_MARK = re.compile(
    r"regist|sign[-_ ]?up|signup|join|create[-_ ]?account|new[-_ ]?account|enrol|inscri"
    r"|cadastr|registrier|konto[-_]?erstellen"
)
#: a field asking for a person's name (not a user name)
_PERSON_NAME_FIELD = re.compile(
    r"(?:^|[\s_\[-])(?:first|last|full|given|family|sur)[-_ ]?name|\bfull name\b"
    r"|\byour name\b|prénom|prenom|\bnom\b|nombre|apellido|vorname|nachname|cognome|fname"
    r"|lname|nome\b|voornaam|achternaam|imię|nazwisko|имя|фамилия|ім'я|прізвище|ad soyad"
    r"|\bsoyad|jméno|příjmení|\bnév\b|όνομα|επώνυμο|nama lengkap|họ và tên|họ tên|الاسم|שם מלא"
    r"|氏名|お名前|姓名|이름|fornavn|efternavn|etternavn|etunimi|sukunimi|prenume|nume\b"
)
_TICKETS = re.compile(r"^(?:register|get tickets|reserve a spot|reserve your spot)$")


def tickets_action(page: Page) -> str | bool:
    """A button or link whose whole text is "Register" / "Get tickets" / "Reserve a spot"."""
    for text in page.buttons:
        if _TICKETS.match(text):
            return f"button {text!r}"
    for _href, text in page.links:
        if _TICKETS.match(text):
            return f"link {text!r}"
    return False


def email_field_without_player(page: Page) -> str | bool:
    """An e-mail field and no player embedded (a form beside a recording is optional)."""
    for form in page.forms:
        if any(f.type == "email" for f in form.fields):
            return "an e-mail field" if not page.has_player else False
    return False


#: a form drawn by a marketing or form-builder script, or framed from a webinar platform (HubSpot, Marketo,
#: Pardot, Microsoft Forms, Jotform, Typeform, Google Forms, Tally, Formstack, Cognito, Wufoo, Zoho; Zoom,
#: Eventbrite, ON24, GoTo registration frames): no <form> in the HTML a crawler reads
_FORM_EMBED = re.compile(
    rb"hbspt\.forms\.create|js\.hsforms\.net|forms\.hsforms\.com|mktoforms2\.loadform|id=[\"']mktoform_"
    rb"|go\.pardot\.com/l/|pi\.pardot\.com|forms\.office\.com/|form\.jotform\.com|jotform\.com/jsform"
    rb"|embed\.typeform\.com|form\.typeform\.com/to/|data-tf-(?:widget|live)|docs\.google\.com/forms/"
    rb"|tally\.so/(?:embed|r)/|formstack\.com/forms|cognitoforms\.com/f|wufoo\.com/(?:forms|embed)"
    rb"|forms\.zohopublic\.|paperform\.co|123formbuilder\.com|share\.hsforms\.com|forms\.gle/"
    # more lead-capture builders and marketing suites (not a newsletter's sign-up alone)
    rb"|fillout\.com/(?:embed|t/)|data-fillout-id|formsite\.com/|\.eloqua\.com/e/f|/acton/(?:form|fs)/"
    rb"|webto\.salesforce\.com/servlet|activehosted\.com/f/embed|sibforms\.com/serve|getresponse\.com/view_webform"
    rb"|forms\.monday\.com/|formcrafts\.com/|salesmanago\.(?:com|pl)/(?:cf|ms)/|lpages\.co/"
    # a registration form of a webinar or event platform in a frame
    rb"|zoom\.us/(?:webinar|meeting)/register|eventbrite\.[a-z.]+/(?:checkout-external|static/widgets)"
    rb"|on24\.com/wcc/r/|gotowebinar\.com/register"
)


def form_embed_without_player(page: Page) -> str | bool:
    """A form a marketing or form-builder script draws, and no player on the page."""
    if page.has_player:
        return False
    m = _FORM_EMBED.search(page.markup_lc)
    return f"a form drawn by a script ({m.group(0).decode('ascii', 'replace')})" if m else False


def registers_here(page: Page) -> str | bool:
    """The page's own way to register: a register link or button, or a form a script draws."""
    return register_action(page) or form_embed_without_player(page)


def microdata_not_accessible_for_free(page: Page) -> str | bool:
    if page.root is None or b"isaccessibleforfree" not in page.markup_lc:
        return False
    for meta in page.root.iter("meta"):
        if (meta.get("itemprop") or "").strip().lower() == "isaccessibleforfree" and (
            meta.get("content") or ""
        ).strip().lower() == "false":
            return "microdata isAccessibleForFree: false"
    return False


def _asks_who(form: Any) -> bool:
    """A field that asks who the reader is: named so in any of a few languages, or
    simply the one text, e-mail or phone field beside the password (any language)."""
    others = [f for f in form.visible_fields if f.type not in ("password", "checkbox", "radio", "select")]
    return any(_USER_FIELD.search(f.words or f.type) for f in others) or (
        len(others) == 1 and others[0].type in ("text", "email", "tel")
    )


_USER_WORDS = re.compile(
    r"user|usuário|usuario|utilisateur|benutzer|utente|login|gebruiker|użytkownik|användar"
    r"|пользовател|користувач|kullanıcı|uživatel|felhasználó|χρήστη|pengguna|tên đăng nhập"
    r"|اسم المستخدم|שם משתמש|ユーザー|用户名|사용자|brugernavn|brukernavn|käyttäjä|utilizator"
)


def creates_account(form: Any) -> bool:
    """A form that opens an account rather than signs into one: its markup or action
    says sign up / register / join / create, it asks for a name beside the password, or
    it asks for the password twice."""
    if _SIGN_UP_MARK.search(form.marks) or _SIGN_UP_MARK.search(form.action):
        return True
    if sum(1 for f in form.fields if f.type == "password") >= 2:
        return True
    return any(
        f.type not in ("password", "email") and _PERSON_NAME_FIELD.search(f.words) and not _USER_WORDS.search(f.words)
        for f in form.visible_fields
    )


#: what a passwordless sign-in asks the browser to fill in
_CREDENTIAL_AUTOCOMPLETE = re.compile(r"\bwebauthn\b|\bone-time-code\b")
_STATE_CREDENTIAL = re.compile(rb"autocomplete\W{1,4}(?:(?:username|email) )?(?:webauthn|one-time-code)")


def credential_step(page: Page) -> str | bool:
    """A passkey or one-time-code step: a visible form's field that asks for one, dominating the
    page, or (drawn by a script) the same field in the app's state rather than in a tag of the
    markup: a field kept in a hidden sign-in modal is in a tag, and is not the page."""
    for form in _gate_forms(page):
        if any(_CREDENTIAL_AUTOCOMPLETE.search(f.autocomplete) for f in form.visible_fields):
            if _outside_words(page, form) <= FORM_DOMINATES_WORDS:
                return "a form asks for a passkey or a one-time code"
    markup = page.markup_lc
    if b"webauthn" not in markup and b"one-time-code" not in markup:
        return False
    for m in _STATE_CREDENTIAL.finditer(markup):
        tag_start, tag_end = markup.rfind(b"<", 0, m.start()), markup.rfind(b">", 0, m.start())
        if tag_start > tag_end and markup.startswith((b"<input", b"<textarea"), tag_start):
            continue  # a field of the markup: read above as a form, if shown
        return "its app asks for a passkey or a one-time code"
    return False


def sign_in_form(page: Page) -> str | bool:
    """A form asking who the reader is and for a password, and little else on the page. A
    sign-in box drawn in a header bar or a narrow side column (named so, though no ``<aside>``
    says it) beside content of its own is the site's widget, not the page."""
    for form in _gate_forms(page):
        if not form.has("password") or creates_account(form) or shares_a_secret(form):
            continue
        if not _asks_who(form):
            continue
        outside = _outside_words(page, form)
        if outside > FORM_DOMINATES_WORDS:
            continue
        says_enough = outside >= SIDE_FORM_CONTENT_WORDS or _east_asian_words(page) >= SIDE_FORM_CONTENT_WORDS
        if says_enough and (_side_region(form) or _unopened_dialog(form)):
            continue  # the site's widget, or a sign-in modal kept for later, beside content of its own
        if page.has_player and page.content_words >= PLAYER_PAGE_WORDS:
            continue  # the page plays its video and says what it is: the sign-in box is the site's
        return "a sign-in form (user and password) is the page"
    return False


#: a page that plays a video and says this much of its own serves it, whatever sign-in box sits beside it
PLAYER_PAGE_WORDS = 40
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af]")


def _east_asian_words(page: Page) -> int:
    """Words of a text written without spaces (Chinese, Japanese, Korean), reckoned as two characters each:
    counted at spaces, a Japanese page of four hundred characters is thirty "words"."""
    if not page.non_latin:
        return 0
    return len(_CJK.findall(page.text[:20_000])) // 2


#: a dialog or popup the page has not opened ("tutor-modal", "login-popup"); opened ones say so ("is-open", "show")
_DIALOG = re.compile(r"modal|dialog|popup|lightbox|drawer|overlay")
_OPENED = re.compile(r"(?:^|[\s_-])(?:show|open|opened|is-open|is-active|active|visible|in)(?:$|[\s_-])")


def _unopened_dialog(form: Any) -> bool:
    names = f"{form.marks} {form.context}"
    return bool(_DIALOG.search(names)) and not _OPENED.search(names)


#: at least this many words of content beside a sign-in box in a header bar or side column: the page says
#: something of its own (a course's lessons, a thread's posts), not just "welcome, please sign in"
SIDE_FORM_CONTENT_WORDS = 80
#: a region named for the site's bar or a narrow column (Bootstrap's 1–4 of 12, a left or right column)
_SIDE_REGION = re.compile(
    r"(?:^|[\s_-])(?:(?:doc_|site_|page_|top_?)?header|navbar|top-?links|toplinks|top-?bar|side-?bar|sidebar|side-?col"
    r"|(?:left|right)-?col(?:umn)?|col-(?:xs-|sm-|md-|lg-|xl-)?[1-4]|span[1-4]|widget)(?:$|[\s_-])"
    # the same narrow columns in other grids: Tailwind's w-1/3, Bulma's is-one-third / is-3, Foundation's medium-3
    r"|(?:^|\s)(?:(?:sm|md|lg|xl):)?w-1/[34](?:$|\s)|(?:^|\s)is-(?:one-third|one-quarter|[1-4])(?:$|\s)"
    r"|(?:^|\s)(?:small|medium|large)-[1-4](?:$|\s)|(?:^|\s)pure-u-(?:\w+-)?1-[34](?:$|\s)"
)
#: a narrow column that is centred is the page's own sign-in (Bootstrap's offset, auto margins)
_CENTRED = re.compile(r"offset|mx-auto|m-auto|center|centre|justify-content")


def _side_region(form: Any) -> bool:
    names = f"{form.marks} {form.context}"
    return bool(_SIDE_REGION.search(names)) and not _CENTRED.search(names)


#: a button that signs in (or sends a sign-in link), several languages
_SIGN_IN_SUBMIT = re.compile(
    r"log ?in|sign ?in|login|log on|magic link|login link|sign-in link|connexion|se connecter"
    r"|(?:send|get|e-?mail)(?: me)? (?:a |the |my )?(?:one-time |login |sign-in |verification |access )?"
    r"(?:code|pin|passcode)\b|one-time (?:pin|code|password)|envoyer (?:le |un )?code|enviar (?:el |o )?código"
    r"|code (?:senden|anfordern)|invia (?:il )?codice|code versturen|wyślij kod|skicka kod"
    r"|anmeldelink|einloggen|iniciar sesi|inicia sesi|entrar|accedi|inloggen|zaloguj|logga in|kirjaudu"
    r"|ログイン|サインイン|登录|로그인|войти|увійти|giriş|přihlásit|bejelentkez|σύνδεση|masuk"
    r"|đăng nhập|تسجيل الدخول|התחבר|log ind|logg inn|autentific|prijav"
    r"|link (?:do )?logowania|lien de connexion|enlace (?:de inicio de sesión|mágico)|link (?:de login|mágico|magico)|login-?link"
    r"|inloglink|inloggningslänk|ссылк\w* для входа|ログインリンク|登录链接|로그인 링크"
)
#: a button that goes to the next step of a sign-in
_NEXT_SUBMIT = re.compile(
    r"^(?:continue|next|weiter|suivant|continuer|siguiente|continuar|avanti|continua|volgende"
    r"|далее|продолжить|devam|pokračovat|tovább|επόμενο|συνέχεια|lanjut|tiếp tục|التالي|הבא|次へ"
    r"|下一步|继续|다음|næste|neste|seuraava|continuă"
    r"|doorgaan|dalej|nästa|fortsätt)\b"
)
#: a control that signs in through an identity provider, several languages
_PROVIDER_ACTION = re.compile(
    r"(?:sign ?in|log ?in|login|continue|connect) (?:with|using|via|through) (?:google|microsoft|apple|facebook|linkedin"
    r"|github|sso|saml|single sign-on|your (?:organi[sz]ation|institution|school|company|work|university)|office 365"
    r"|azure|okta|clever|shibboleth|openathens|athens|spid|cie|eidas|digid|itsme|bankid|franceconnect|mitid|cl@ve|clave)"
    r"|(?:se connecter|connexion|continuer) (?:avec|via) |(?:iniciar sesión|continuar|acceder) con "
    r"|(?:anmelden|fortfahren|einloggen) (?:mit|über) |(?:entrar|continuar|iniciar sessão) com |(?:accedi|continua|entra) con "
    r"|(?:continúa|entra|ingresa) con "
    r"|(?:inloggen|doorgaan) (?:met|via) |zaloguj(?: się)? (?:przez|z) |logga in med "
)


_SIGN_IN_ROUTE = re.compile(r"^#!?/?(?:log[-_]?in|sign[-_]?in|auth(?:enticate)?|sso|session/new|account/login)\b", re.I)


def sign_in_route(page: Page) -> str | bool:
    """The address the visit ended at routes an app to its sign-in view (in the fragment)."""
    fragment = page.url.partition("#")[2]
    if fragment and _SIGN_IN_ROUTE.match("#" + fragment):
        return f"routed to #{fragment[:40]}"
    return False


def email_sign_in_form(page: Page) -> str | bool:
    """A sign-in that asks for the e-mail address (or user name) first, or sends a sign-in link:
    one field, a button that signs in (or "Continue" under a sign-in title or heading), little else."""
    for form in _gate_forms(page):
        if form.has("password"):
            continue
        fields = [f for f in form.visible_fields if f.type not in ("checkbox", "radio", "hidden")]
        if (
            len(fields) != 1
            or fields[0].type not in ("email", "text", "tel")
            or not _USER_FIELD.search(fields[0].words or fields[0].type)
        ):
            continue
        if _outside_words(page, form) > FORM_DOMINATES_WORDS:
            continue
        if any(_SIGN_IN_SUBMIT.search(t) for t in form.submits):
            return f"an e-mail sign-in form ({form.submits[0]!r})"
        if any(_NEXT_SUBMIT.search(t) for t in form.submits) and _first(
            _SIGN_IN_TITLE_RX, (page.title_lc, *(h.lower() for h in page.h1s))
        ):
            return f"the first step of a sign-in ({page.title!r})"
    return False


def provider_picker(page: Page) -> str | bool:
    """A short page whose controls sign in through identity providers ("Continue with
    Google", "Sign in with your organisation"): nothing of the resource is shown."""
    if page.words > 4 * FORM_DOMINATES_WORDS or page.content_words > 100 or page.has_player:
        return False
    label = _offered(page, _PROVIDER_ACTION, limit=80)
    return f"it offers sign-in through {label!r}" if label else False


#: a heading that asks which institution signs the reader in (a federation's discovery service, a WAYF)
_INSTITUTION_PICKER = re.compile(
    r"^\W*(?:please )?(?:select|choose|find|search for|pick) your (?:home )?(?:institution|organi[sz]ation|university"
    r"|identity provider)\b|^\W*where are you from\W*$"
    r"|^\W*(?:bitte )?wählen sie ihre (?:heimat)?(?:einrichtung|organisation|institution|hochschule|universität)\b"
    r"|^\W*(?:choisissez|sélectionnez|trouvez) votre (?:établissement|organisation|institution|université)\b"
    r"|^\W*(?:seleccione|elija|busque) su (?:institución|organización|universidad)\b"
    r"|^\W*(?:selecione|escolha) (?:a )?sua (?:instituição|organização|universidade)\b"
    r"|^\W*(?:seleziona|scegli) (?:la tua )?(?:istituzione|organizzazione|università|ente)\b"
    r"|^\W*(?:selecteer|kies) (?:je|uw) (?:instelling|organisatie|universiteit)\b"
    r"|^\W*wybierz (?:swoją )?(?:instytucję|organizację|uczelnię)\b|^\W*välj (?:ditt|din) (?:lärosäte|organisation)\b"
    # which way signs the reader in (a national gateway's method picker: certificate, PIN, app)
    r"|^\W*(?:please )?(?:select|choose|pick) (?:a |an |your |the )?(?:sign-?in|log-?in|login|authentication|identification"
    r"|verification) (?:method|option|provider)s?\b|^\W*how (?:do )?you want to (?:sign|log) in\b"
    r"|^\W*(?:elija|seleccione|escoja|elige|selecciona) (?:el|un|su|tu) (?:método|sistema|medio|modo) de (?:identificación"
    r"|autenticación|acceso)\b|^\W*(?:choisissez|sélectionnez) (?:votre|un|le) (?:moyen|mode|méthode) (?:de connexion"
    r"|d'identification|d'authentification)\b|^\W*wählen sie (?:ihre|eine|die) (?:anmeldemethode|anmeldeart|anmeldeverfahren"
    r"|authentifizierungsmethode)\b|^\W*(?:escolha|selecione) (?:o|um|a|uma) (?:método|forma|meio) de (?:autenticação"
    r"|acesso|login|identificação)\b|^\W*(?:scegli|seleziona) (?:il|un|la) (?:metodo|modalità) di (?:autenticazione|accesso"
    r"|identificazione)\b|^\W*(?:kies|selecteer) (?:een|uw|je) (?:inlogmethode|manier om in te loggen)\b"
    r"|^\W*wybierz (?:metodę|sposób) (?:logowania|uwierzytelniania)\b|^\W*välj (?:inloggningsmetod|hur du vill logga in)\b"
)


def institution_picker(page: Page) -> str | bool:
    """A short page headed by a question about the reader's institution (a federation's
    discovery service, "Where are you from?"): it chooses who signs the reader in."""
    if page.content_words > 150 or page.has_player or not any(not f.in_chrome for f in page.forms):
        return False  # a discovery service asks in a form: a list, or a search for the institution
    for text in (page.title_lc, *(h.lower() for h in page.h1s)):
        m = _INSTITUTION_PICKER.search(text)
        if m:
            return f"it asks {text[:60]!r}"
    return False


def saml_request_form(page: Page) -> str | bool:
    """A form of the page's content (not its chrome) holds the SAML request, and little of the resource shows."""
    if page.content_words > FORM_DOMINATES_WORDS or page.has_player:
        return False
    for form in page.forms:
        if not form.in_chrome and any(f.name == "samlrequest" for f in form.fields):
            return "its form hands a SAML authentication request to an identity provider"
    return False


def sign_up_form(page: Page) -> str | bool:
    """A form that opens an account (see :func:`creates_account`) with a password, and
    little else on the page: the resource is released to whoever registers (free)."""
    for form in _gate_forms(page):
        if not form.has("password") or not creates_account(form) or shares_a_secret(form):
            continue
        if _outside_words(page, form) <= FORM_DOMINATES_WORDS:
            return "an account-creation form is the page"
    return False


#: signing up through an account provider, several languages ("Sign up with Google", "Regístrate con Facebook")
_PROVIDER_SIGN_UP = re.compile(
    r"(?:sign ?up|register|join|create (?:an )?account) (?:with|using|via) (?:google|microsoft|apple|facebook|linkedin"
    r"|github|x\b|twitter)|(?:s'inscrire|inscrivez-vous|inscription) (?:avec|via) |(?:regístrate|registrarse|regístrese)"
    r" con |(?:registrieren|registriere dich) (?:mit|über) |(?:cadastre-se|cadastrar|inscreva-se) com |(?:iscriviti"
    r"|registrati) con |(?:aanmelden|registreren) met |zarejestruj się (?:przez|z) |registrera dig med "
)


def account_sign_up(page: Page) -> str | bool:
    """An account-creation form with a password (see :func:`sign_up_form`) that is an account system's door:
    the page also signs up or in through an account provider (Google, Facebook: a provider picker), or the
    resource's link sent every visitor to the sign-up page, remembering the way back (``/register?redirect=…``).
    A repository's own "create a free account to download" box on the item's page stays a registration."""
    made = sign_up_form(page)
    if not made:
        return False
    label = _offered(page, _PROVIDER_SIGN_UP, _PROVIDER_ACTION, limit=41)
    if label:
        return f"{made}, beside {label!r}"
    if page.visit.redirect_chain:
        try:
            end = urlsplit(page.url)
        except ValueError:
            return False
        if _REGISTRATION_SEGMENT.search(end.path.lower()) and _RETURN_PARAM.search(end.query.lower()):
            return f"{made}, sent there from the resource ({end.path})"
    return False


def shares_a_secret(form: Any) -> bool:
    """A form asking for a shared secret (a passcode, an access code, a key) and at most a
    display name beside it: a meeting's or a recording's passcode, not an account."""
    visible = [f for f in form.visible_fields if f.type not in ("checkbox", "radio")]
    # a room's access code is often a plain text field: what it asks for, not its type, makes it a secret
    secrets = [
        f
        for f in visible
        if f.type == "password"
        or (f.type in ("text", "number", "tel") and _SECRET_FIELD.search(f.words) and not _USER_WORDS.search(f.words))
    ]
    if not secrets or not any(_SECRET_FIELD.search(f.words) for f in secrets):
        return False
    return all(
        f in secrets
        or (f.type in ("text", "number", "tel") and _ROOM_ID.search(f.words))
        or (f.type == "text" and _PERSON_NAME_FIELD.search(f.words) and not _USER_WORDS.search(f.words))
        for f in visible
    )


#: a meeting's, webinar's or room's number, asked beside its passcode (not an account)
_ROOM_ID = re.compile(
    r"(?:meeting|webinar|room|event|session|conference)[ _-]?(?:id|number|no|code)\b|\bid (?:de (?:la )?)?(?:réunion|reunión"
    r"|reunião|sesión|webinaire|webinar)|besprechungs-?id|konferenz-?id|id (?:della )?riunione|vergader-?id|identyfikator spotkania"
    r"|会议号|会議id|ミーティングid|회의 id"
)


#: a password field that holds a shared secret, several languages
_SECRET_FIELD = re.compile(
    r"passcode|pass code|access ?code|access key|enrol+ment key|meeting (?:password|code)|\bpin\b"
    r"|код доступа|код конференции|erişim kodu|přístupový kód|hozzáférési kód|κωδικός πρόσβασης"
    r"|kode akses|mã truy cập|رمز الدخول|קוד גישה|パスコード|アクセスコード|会议密码|访问码|提取码"
    r"|tilgangskode|pääsykoodi|cod de acces"
    r"|\bkey\b|code d'accès|mot de passe de la réunion|clave de acceso|código de acceso"
    r"|zugangscode|kennwort der|código de acesso|codice di accesso|toegangscode|kod dostępu"
    # a room's, a meeting's or a recording's own password, in several languages
    r"|(?:room|meeting|session|webinar|recording|lecture|video) ?(?:password|passcode|code|pin)\b"
    r"|(?:contraseña|clave) de la (?:reunión|sala|sesión)|senha da (?:reunião|sala|sessão)"
    r"|password della (?:riunione|stanza|sessione)|(?:meeting|raum|besprechungs)-?(?:passwort|kennwort)"
    r"|wachtwoord van de (?:vergadering|ruimte)|hasło (?:spotkania|pokoju)|lösenord för (?:mötet|rummet)"
    r"|mot de passe de la (?:salle|session)|пароль (?:конференции|комнаты|встречи)"
    r"|(?:share|sharing|extraction|pickup) code|提取碼|分享码|分享碼|取件码|共有コード|공유 코드|입장 코드"
    # a file host's download key or share password, as its field is named or labelled ("pwd", "dlkey")
    r"|\bpwd\b|\bshare_?pwd\b|\b(?:dl|download)[-_ ]?key\b|ダウンロードキー|下载密码|下載密碼|다운로드 키"
    r"|code d'extraction|código de (?:extracción|descarga|extração)|codice di estrazione|kode (?:ekstraksi|berbagi|unduh)"
    r"|mã (?:trích xuất|chia sẻ)|รหัสแชร์|код (?:извлечения|для скачивания)|indirme (?:kodu|anahtarı)"
)


#: a page holding more of its own words than this, and no field for the password, is served, whatever its
#: words say about passwords elsewhere ("module 4's materials are password-protected" on module 3's readable page)
PASSWORD_NOTICE_WORDS = 80


def password_notice_is_the_page(page: Page) -> str | bool:
    """What a password notice needs before it gates: the page asks for the password (a password or shared-secret
    field) or is little more than the notice; a readable page that mentions a password for something else is served."""
    if page.content_words <= PASSWORD_NOTICE_WORDS:
        return True
    return password_field(page) or secret_form(page)


def secret_form(page: Page) -> str | bool:
    """A form asking for nothing but a password or key: a password-protected page,
    video or course (a shared secret from the owner), and little else on the page; a
    meeting's passcode with the name to show counts too."""
    for form in _gate_forms(page):
        visible = [f for f in form.visible_fields if f.type not in ("checkbox", "radio")]
        if not visible or not (all(f.type == "password" for f in visible) or shares_a_secret(form)):
            continue
        if _outside_words(page, form) <= FORM_DOMINATES_WORDS:
            return "a form asking only for a password or key"
    return False


def _contact_form(page: Page, submit: re.Pattern[str], limit: int = FORM_DOMINATES_WORDS) -> Any:
    """A form asking for an e-mail address or a phone number and a name (or several details), whose
    button matches ``submit``, with no player on the page and at most ``limit`` words of
    content beside it."""
    for form in _gate_forms(page):
        if form.has("password"):
            continue
        visible = form.visible_fields
        if not any(
            f.type in ("email", "tel") or _EMAIL_FIELD.search(f.words) or _PHONE_FIELD.search(f.words) for f in visible
        ):
            continue
        if any(_ENQUIRY.search(t) for t in form.submits) or _ENQUIRY.search(form.marks):
            continue  # a callback, a quote or a demo: the reader is asking a question, nothing is released
        if not (
            any(f.type not in ("email", "tel") and _NAME_FIELD.search(f.words) for f in visible) or len(visible) >= 3
        ):
            continue
        if not any(submit.search(text) for text in form.submits):
            continue
        if _outside_words(page, form, limit) <= limit and not page.has_player:
            # a survey or an evaluation asks for an opinion and opens nothing, whatever its button says
            return None if _SURVEY.search(_headline(page)) else form
    return None


#: a form inside a player, or an element named for an e-mail gate
_GATE_CONTEXT = re.compile(
    r"player|email[-_]?(?:capture|gate)|lead[-_]?(?:capture|gate)|video[-_]?gate|content[-_]?gate"
    r"|turnstile|gated"
)
#: "enter your e-mail to keep watching", several languages
_EMAIL_TO_WATCH = re.compile(
    r"\b(?:enter|provide|give|share|leave|type) (?:your|an|a) (?:[\w-]+ )?e-?mail(?: address)?\b[^.]{0,30}?\b(?:to|and|before)"
    r" (?:keep |continue |start |begin )?(?:watching|viewing|to watch|to view|watch|view|play|access|download|unlock"
    r"|get|receive)"
    r"|\b(?:saisissez|renseignez|indiquez|entrez|laissez) (?:votre|une) (?:adresse )?e-?mail pour (?:regarder|voir|continuer"
    r"|accéder|télécharger|recevoir|débloquer)"
    r"|\b(?:introduce|ingresa|ingrese|introduzca) (?:tu|su) (?:correo|e-?mail)[^.]{0,30}? para (?:ver|seguir|continuar"
    r"|acceder|descargar|recibir)"
    r"|\bgeben sie (?:ihre|eine) e-?mail(?:-adresse)? ein,? um\b"
    r"|\b(?:insira|introduza|informe|digite) (?:o )?seu e-?mail para (?:ver|assistir|continuar|aceder|acessar|baixar|receber)"
    r"|\binserisci (?:la tua )?(?:e-?mail|indirizzo e-?mail) per (?:guardare|vedere|continuare|accedere|scaricare|ricevere)"
    r"|\bvul (?:je|uw) e-?mail(?:adres)? in om\b"
    r"|\bpodaj (?:swój )?(?:adres )?e-?mail,? (?:aby|żeby|by)\b|\bange din e-?post(?:adress)? för att\b"
    r"|\bвведите (?:ваш |свой )?(?:e-?mail|адрес (?:электронной )?почты),? чтобы\b|\be-?posta adresinizi girin\b"
    r"|(?:メールアドレス|メール)を(?:入力|登録)(?:する|して)[^。]{0,10}(?:視聴|見る|ご覧)|(?:输入|填写)(?:您的)?邮箱(?:地址)?(?:后|即可|以)"
    r"|이메일(?:을)? 입력(?:하고|하면|하시면)"
)


def email_gate(page: Page) -> str | bool:
    """A short form asking for an e-mail address (a name, a consent box) that stands in a
    player or under "enter your e-mail to keep watching": the recording plays after it."""
    for form in _gate_forms(page):
        if form.has("password"):
            continue
        visible = [f for f in form.visible_fields if f.type not in ("checkbox", "radio")]
        if (
            not visible
            or len(visible) > 3
            or not any(f.type == "email" or _EMAIL_FIELD.search(f.words) for f in visible)
        ):
            continue
        if not any(_REGISTER_SUBMIT.search(text) for text in form.submits) or any(
            _REQUEST_SUBMIT.search(t) for t in form.submits
        ):
            continue
        if _outside_words(page, form) > FORM_DOMINATES_WORDS:
            continue
        if _GATE_CONTEXT.search(form.context) or _GATE_CONTEXT.search(form.marks):
            return f"an e-mail gate in a player ({form.context[:60]!r})"
        m = _EMAIL_TO_WATCH.search(page.text_lc)
        if m:
            return f"an e-mail form under {m.group(0)!r}"
    return False


#: an action that registers, several languages
_REGISTER_ACTION = re.compile(
    r"^(?:register|sign up|rsvp|enrol|enroll|inscri|inscrev|inscreva|regístr|registr|anmeld|iscriv|cadastr"
    r"|get (?:tickets|access|the recording)|reserve|join (?:now|the event|the webinar)"
    r"|s'inscrire|je m'inscris|inscríbe|зарегистр|регистрац|зареєстр|kayıt ol|registrovat|zaregistr"
    r"|regisztr|εγγραφ|daftar|đăng ký|ลงทะเบียน|تسجيل|הרשמ|הירשמ|înregistr|înscrie|tilmeld"
    r"|meld deg på|rekisteröidy|ilmoittaudu|立即报名|报名|注册|登録|申し込|등록|신청)"
)


def register_action(page: Page) -> str | bool:
    """A link or button in the page's content that registers, and no player embedded."""
    if page.has_player:
        return False
    for href, label, in_chrome in page.actions:
        if in_chrome:
            continue
        if _REGISTER_ACTION.search(label):
            return f"{label!r}"
        # a call to action in any words ("Quero assistir") that leads to the registration page
        if len(label) < 60 and _REGISTRATION_SEGMENT.search(href.lower().split("?")[0].split("#")[0]):
            return f"{label!r} leads to {href[:60]!r}"
    return False


#: what registering opens, named within a few words of the invitation (several languages): a
#: recording, a replay, the content; "register to see more courses" opens nothing catalogued
_WHAT_REGISTERING_OPENS = (
    r"\b(?:recordings?|replays?|videos?|webinars?|sessions?|content|courses?|materials?|slides|on-demand|presentations?"
    r"|enregistrement|rediffusion|replay|vidéo|contenu|cours|séance|session|grabación|repetición|vídeo|contenido|curso"
    r"|sesión|seminario|aufzeichnung|mitschnitt|inhalt|kurs|sitzung|vortrag|gravação|reprise|conteúdo|sessão"
    r"|registrazione|contenuto|corso|sessione|opname|inhoud|cursus|sessie|nagrani[ea]|wideo|materiał|inspelning"
    r"|webbinari|webinari[oa]?|webinaire|запис[ьи]|вебинар|вебінар|видео|відео|kayd[ıi]|kayıt|webinar[ıi]|záznam"
    r"|webinář|felvétel|webinárium|βιντεοσκόπηση|σεμινάρ|rekaman|bản ghi|hội thảo|optagelse|opptak|tallenne|tallente"
    r"|înregistrare|回放|录像|录播|视频|録画|動画|アーカイブ|다시보기|녹화|동영상)"
)

#: "register to see *more* courses" invites to other content, not to this page's
_NOT_MORE = (
    r"(?! (?:more|other|all our|más|otros|otras|plus de|d'autres|autres|mehr|weitere|andere|mais|outros|outras|più"
)
_NOT_MORE += r"|altri|altre|meer|andere|więcej|fler|flera)\b)"

#: a registration page's address: a path segment says register, in several languages
_REGISTRATION_SEGMENT = re.compile(
    r"/(?:register|registration|registrations|registrieren|registrierung|anmeldung"
    r"|inscription|inscriptions|inscripcion|inscripción|inscricao|inscrição|registro"
    r"|iscrizione|registratie|inschrijven|rsvp|rejestracja|registrace|regisztracio|kayit"
    r"|registratsiya|registraciya|daftar|dang-ky|tilmelding|ilmoittautuminen|anmalan"
    r"|pamelding|inscriere|sign-?up|sign_up|cadastro|cadastre-se|registrati|registrarse|registreren)(?:/|\.\w{2,5}$|$)"
)


def registration_target(page: Page) -> str | bool:
    """The page is a registration page by its address: reached by a redirect from an
    address that was not one, or a near-empty app shell; never with a player on it."""
    from .page import host_path

    targets = page.targets_lc
    if not targets:
        return False
    m = _REGISTRATION_SEGMENT.search(targets[0][targets[0].find("/") :])
    if m is None or page.has_player:
        return False
    start = (host_path(page.visit.url) or "").lower()
    if (
        start != targets[0]
        and not _REGISTRATION_SEGMENT.search(start[start.find("/") :])
        and any(
            f.type == "email" or _EMAIL_FIELD.search(f.words) for form in _gate_forms(page) for f in form.visible_fields
        )
    ):
        return f"redirected to {m.group(0)!r}, a form asking for an e-mail address"
    if page.words <= 60:
        return f"an app shell at {m.group(0)!r}"
    return False


#: a button that only sends the form, whatever it asks: what the page says decides what it sends for
_SEND_SUBMIT = re.compile(
    r"^(?:submit|send|enviar|envoyer|valider|absenden|senden|abschicken|invia|inviare|verzenden"
    r"|versturen|wyślij|skicka|lähetä|gönder|送信|提交|제출|отправить)\b"
)
#: a survey or an evaluation asks for an opinion and opens nothing
_SURVEY = re.compile(
    r"survey|feedback|evaluation|questionnaire|poll|quiz|enquête|encuesta|umfrage|pesquisa|sondaggio"
    r"|enquête|ankieta|avaliação|évaluation|evaluación|bewertung|valutazione|アンケート|问卷|설문"
)
_OPENS_RX = re.compile(_WHAT_REGISTERING_OPENS)


def _headline(page: Page) -> str:
    """The title, the description and the main headings: what the page says it is for."""
    return " ".join(
        (
            page.title_lc,
            (page.meta("description") or "").lower(),
            (page.meta("og:description") or "").lower(),
            *(h.lower() for h in page.h1s),
        )
    )


def recording_form(page: Page) -> str | bool:
    """A form asking for a name and an e-mail with a button that merely sends it, on a page
    whose title, description or heading names a recording, replay, video or slides and says
    it is delivered (Google Forms, Microsoft Forms, Jotform: "Fill in to receive access to the
    recording"). A survey about a recording asks for an opinion and opens nothing."""
    form = _contact_form(page, _SEND_SUBMIT)
    if form is None:
        return False
    headline = _headline(page)
    opens = _OPENS_RX.search(headline)
    if opens is None or _REQUEST_SUBMIT.search(headline) or not _DELIVERS_WORDS.search(f"{headline} {page.text_lc}"):
        return False
    return f"a form ({form.submits[0]!r}) on a page about {opens.group(0)!r}"


#: the page promises to hand the content over once the form is sent
_DELIVERS_WORDS = re.compile(
    r"\b(?:receive|get|access|watch|view|link|unlock|download|recevoir|accéder|accès|regarder|lien|recibir|acceder|acceso"
    r"|enlace|erhalten|zugang|zugriff|ansehen|receber|acesso|assistir|ricevere|accedere|accesso|guardare|ontvangen"
    r"|toegang|bekijken|otrzymać|dostęp|obejrzeć|få tillgång|titta)\w*|link do vídeo|link del video|受け取|視聴|观看|获取"
)

#: an app's state that lists an e-mail question (a form builder's or an event app's registration questions)
_STATE_EMAIL_FIELD = re.compile(
    rb"[\"'](?:type|question_?type|field_?type|input_?type|kind)[\"']\s*:\s*[\"']email[\"']"
    # a field keyed by what it asks ({"key":"email","label":"Email"}): the state of an event app's own form
    rb"|[\"'](?:key|name|ref|field_?name)[\"']\s*:\s*[\"']e-?mail(?:_?address)?[\"']"
)
_STATE_NAME_FIELD = re.compile(
    rb"[\"'](?:ref|question_?type|type|label|title|id|key)[\"']\s*:\s*[\"']([^\"']{0,40}name[^\"']{0,20})"
)
_STATE_PASSWORD_FIELD = re.compile(
    rb"[\"'](?:type|question_?type|field_?type|input_?type)[\"']\s*:\s*[\"']password[\"']"
)


def registration_state(page: Page) -> str | bool:
    """An app shell whose state holds a form asking for a name and an e-mail (no password),
    and whose title, description or state names the recording it releases: a form
    builder's or an event app's registration before its script has drawn it."""
    if page.words > SHELL_WORDS or b"email" not in page.markup_lc:
        return False
    markup = page.markup_lc
    if _STATE_EMAIL_FIELD.search(markup) is None or _STATE_PASSWORD_FIELD.search(markup):
        return False
    if not any(b"user" not in m.group(1) for m in _STATE_NAME_FIELD.finditer(markup)):
        return False
    opens = _OPENS_RX.search(f"{_headline(page)} {page.shell_text_lc}")
    return f"an app's form asking for a name and an e-mail, for {opens.group(0)!r}" if opens else False


def registration_form(page: Page) -> str | bool:
    form = _contact_form(page, _REGISTER_SUBMIT)
    if form is None or any(_REQUEST_SUBMIT.search(t) for t in form.submits):
        return False
    return f"a registration form ({', '.join(form.submits[:1])!r}) is the page"


#: the page promises that what it offers opens the moment its form is sent, several languages: "the replay
#: unlocks instantly", "Video 1 startet sofort", "o acervo é liberado na hora", "提交后即可观看回放"
_RELEASED_ON_SUBMIT = (
    r"\b(?:unlocks?|(?:is|are|will be|gets?) (?:unlocked|released)) (?:straight away|instantly|immediately|right away"
    r"|at once)\b|\b(?:unlocks?|starts?|opens?|plays?) as soon as you (?:press|click|submit|hit|send)\b",
    r"\b(?:unlock|watch)\w* (?:it |them |the \w+ )?(?:instantly|immediately|straight away|right away)\b",
    r"\b(?:startet|öffnet sich|ist|wird)\b[^.]{0,40}\bsofort\b(?: \w+)?(?: freigeschaltet| verfügbar)?|\bsofort freigeschaltet",
    r"\b(?:se débloque|s'ouvre|démarre|est débloqué\w*|est disponible) (?:immédiatement|instantanément|tout de suite"
    r"|aussitôt)",
    r"\bse (?:desbloquea|abre|habilita|libera) (?:al instante|inmediatamente|de inmediato|en el acto)",
    r"\b(?:é|será|fica|ficam|são) liberad[oa]s? (?:na hora|imediatamente|na mesma hora|na hora)",
    r"\b(?:si sblocca|si apre|parte|si avvia) (?:subito|immediatamente)|\bper avviare subito\b",
    r"\b(?:opent|start|wordt ontgrendeld)\b[^.]{0,40}\b(?:meteen|direct|onmiddellijk)\b",
    r"\b(?:ihned|okamžitě) (?:odemkne|zpřístupní|spustí)|\b(?:odemkne|zpřístupní|spustí) (?:ihned|okamžitě)",
    r"\b(?:odblokuje się|otworzy się|uruchomi się) (?:od razu|natychmiast)",
    r"\b(?:откроется|станет доступ\w*|начнётся|начнется) (?:сразу|мгновенно)|\bсразу после (?:отправки|регистрации)",
    r"提交后即可(?:观看|查看|下载)|(?:报名|填写)后(?:即可)?(?:观看|查看|下载)|送信後(?:すぐに)?(?:視聴|ダウンロード)",
    r"(?:입력하시면|제출하시면|작성하시면)[^.]{0,30}바로|जमा करते ही|\bhemen (?:izle|açıl)|\blangsung (?:terbuka|bisa ditonton)"
    r"|\bmở khóa ngay",
    # watchable straight after signing up ("申込完了後すぐにご覧いただけます", "报名成功后即可观看")
    r"申(?:し)?込(?:み)?(?:完了)?後(?:すぐに?|直ちに)(?:ご覧|視聴)|报名(?:成功)?后(?:即可|立即|马上)(?:观看|收看)"
    r"|신청 (?:완료 )?(?:후|즉시) (?:바로 )?(?:시청|보실)",
)


#: the resource (its link, a copy, the PDF) is sent to the reader's inbox as soon as the form is sent, several
#: languages ("we'll email the download link straight away", "link do PDF otrzymasz od razu"): a lead form's promise
_SENT_ON_SUBMIT = (
    r"\b(?:we'?ll|we will|you'?ll|you will)\b[^.]{0,30}?\b(?:e-?mail|send|receive|get|deliver)\w*\b[^.]{0,40}?\b(?:link"
    r"|copy|pdf|guide|e-?book|download|file|toolkit|workbook)\b[^.]{0,30}?\b(?:straight away|instantly|immediately"
    r"|right away|at once|in (?:a few|a couple of) (?:seconds|minutes))\b",
    r"\b(?:link|pdf|plik|poradnik|e-?book)\w*\b[^.]{0,40}?\botrzymasz (?:od razu|natychmiast)\b|\botrzymasz\b[^.]{0,40}?"
    r"\b(?:link|pdf|poradnik|e-?book)\w*\b[^.]{0,30}?\b(?:od razu|natychmiast)\b",
    r"\b(?:erhalten sie|erhältst du|bekommen sie|bekommst du|senden wir ihnen|schicken wir dir)\b[^.]{0,50}?\b(?:link|pdf"
    r"|leitfaden|e-?book|download)\w*\b[^.]{0,30}?\b(?:sofort|umgehend)\b",
    r"\b(?:vous recevrez|vous recevez|nous vous envoyons|nous vous enverrons)\b[^.]{0,50}?\b(?:lien|pdf|guide|e-?book)\b"
    r"[^.]{0,30}?\b(?:immédiatement|instantanément|tout de suite|aussitôt)\b",
    r"\b(?:recibirás|recibirá|te enviaremos|le enviaremos|te llegará|le llegará)\b[^.]{0,50}?\b(?:enlace|link|pdf|guía"
    r"|e-?book)\b[^.]{0,30}?\b(?:al instante|inmediatamente|de inmediato)\b",
    r"\b(?:receberá|receberás|vai receber|você recebe|enviaremos)\b[^.]{0,50}?\b(?:link|pdf|guia|e-?book)\b[^.]{0,30}?"
    r"\b(?:na hora|imediatamente|na mesma hora)\b",
    r"\b(?:riceverai|riceverà|ti invieremo|le invieremo)\b[^.]{0,50}?\b(?:link|pdf|guida|e-?book)\b[^.]{0,30}?\b(?:subito"
    r"|immediatamente)\b",
    r"\b(?:ontvang je|ontvangt u|sturen we|sturen wij)\b[^.]{0,50}?\b(?:link|pdf|gids|e-?book)\b[^.]{0,30}?\b(?:meteen"
    r"|direct|onmiddellijk)\b|\b(?:får du|skickar vi)\b[^.]{0,50}?\b(?:länk|pdf|guide|e-?bok)\w*\b[^.]{0,30}?"
    r"\b(?:direkt|omedelbart)\b",
)


def lead_form_or_embed(page: Page) -> str | bool:
    """What a promise to send the resource needs: a lead form (see :func:`lead_form_here`) or a form builder's
    embed where the form will be drawn, on a page that shows little of its own (a landing page, not an article
    with a side offer of a guide)."""
    if page.content_words > 200 or page.has_player:
        return False
    return lead_form_here(page) or form_embed_without_player(page)


def lead_form_here(page: Page) -> str | bool:
    """A form that asks who the reader is (an e-mail or phone number, a name) and sends nothing to pay
    with or a password, wherever it sits on the page (an event's ticket box may be drawn as an aside),
    or one a form-builder script draws: what a promise that the content "unlocks instantly" needs. A page
    that sells something is a purchase whose access follows payment (the paywall rules decide)."""
    if offers_payment(page):
        return False
    for form in page.forms:
        if form.hidden or form.has("password") or any(_BUY_SUBMIT.search(t) for t in form.submits):
            continue
        if form.in_chrome and not any(_REGISTER_SUBMIT.search(t) for t in form.submits):
            continue  # a header's or a sidebar's search box, or a newsletter that promises nothing here
        if (_NOT_A_GATE_FORM.search(form.marks) or _NOT_A_GATE_FORM.search(form.action)) and not any(
            _DELIVERS.search(t) for t in form.submits
        ):
            continue
        visible = form.visible_fields
        if any(
            f.type in ("email", "tel") or _EMAIL_FIELD.search(f.words) or _PHONE_FIELD.search(f.words) for f in visible
        ):
            return f"a form asking who the reader is ({', '.join(form.submits[:1])!r})"
    return form_embed_without_player(page)


#: a free ticket is what opens the recording ("Für den Zugang benötigen Sie ein kostenloses Ticket"), several languages
_FREE_TICKET = (
    r"\b(?:you(?:'ll)? need|requires?|get|claim|book|reserve) (?:a|your) free (?:ticket|pass|access pass)\b[^.]{0,40}\b(?:to|for)"
    r" (?:access|watch|view|see|get|stream|the (?:recordings?|videos?|replays?|talks))\b"
    r"|\b(?:access|the (?:recordings?|videos?|replays?)) (?:requires?|needs?) a free (?:ticket|pass)\b",
    r"\b(?:benötigen|brauchen) (?:sie|du) (?:ein|einen) kostenlos\w* (?:ticket|zugang|videoticket)\b|\bmit (?:einem|dem)"
    r" kostenlosen ticket\b[^.]{0,40}\b(?:zugang|ansehen|abrufbar)",
    r"\b(?:il (?:vous )?faut|vous avez besoin d'|nécessite|obtenez|réservez) un billet gratuit\b|\b(?:necesitas|necesita"
    r"|se requiere|obtén|reserva) una entrada gratuita\b|\b(?:você precisa de|é necessário|garanta|reserve) (?:um|seu) ingresso"
    r" gratuito\b|\b(?:serve|è necessario|occorre|prenota) un biglietto gratuito\b|\b(?:je hebt|u heeft|heb je) een gratis"
    r" ticket nodig\b|\bpotrzebujesz bezpłatnego biletu\b|\bdu behöver en gratis biljett\b",
    r"無料(?:の)?チケット(?:が必要|を(?:取得|申し込)んで)|(?:需要|领取)免费(?:门票|票)|무료 (?:티켓|입장권)(?:이 필요|을 받)",
    # a ticket named for the recording, and free ("アーカイブ視聴チケット（無料）", "Free replay ticket")
    r"(?:視聴|アーカイブ|録画|見逃し配信)チケット\s*[（(]\s*無料|チケット\s*[（(]\s*無料\s*[)）]\s*を(?:お)?申(?:し)?込"
    r"|\bfree (?:replay|archive|recording|viewing|on-demand|video) (?:ticket|pass)\b|\b(?:replay|archive|recording|viewing"
    r"|on-demand|video) (?:ticket|pass) \(free\)|\bkostenlose[sn]? (?:video|aufzeichnungs|replay)-?ticket\b"
    r"|\bbillet (?:replay|rediffusion|vidéo) gratuit\b|\bentrada gratuita (?:para|de) (?:la )?(?:grabación|repetición)\b"
    r"|\bingresso gratuito (?:para|da) (?:a )?gravação\b|(?:回放|录像|直播回看)(?:门票|票)[（(]免费|다시보기 (?:티켓|이용권)\s*[（(]무료",
)
#: a ticket shop's or registration's control: the free ticket is taken here
_TICKET_CONTROL = re.compile(
    r"ticket|cart|basket|warenkorb|panier|carrito|carrinho|carrello|winkelwagen|koszyk|varukorg|bestell|order|checkout"
    r"|register|anmeld|inscri|regist|reserv|billet|entrada|ingresso|biglietto|bilet|biljett|チケット|门票|티켓"
)


def takes_a_free_ticket_here(page: Page) -> str | bool:
    """What a notice that a free ticket opens the recording needs: the page's own control or form takes the ticket
    (add to cart, register, reserve), no player plays the recording here, and nothing on it is priced."""
    if page.has_player or offers_payment(page):
        return False
    for form in page.forms:
        if (
            not form.in_chrome
            and not form.hidden
            and any(_TICKET_CONTROL.search(t) for t in (*form.submits, form.action))
        ):
            return f"its form takes the ticket ({(form.submits or (form.action,))[0]!r})"
    label = _offered(page, _TICKET_CONTROL)
    return f"it offers {label!r}" if label else False


def _offered(page: Page, *controls: re.Pattern[str], limit: int = 60) -> str | None:
    """The first link or button in the page's content (not its furniture), shorter than ``limit``,
    that one of ``controls`` reads."""
    for _href, label, in_chrome in page.actions:
        if not in_chrome and len(label) < limit and any(control.search(label) for control in controls):
            return label
    return None


#: a page's own call to action that opens a popup by the popup's id (``data-leadbox-popup="lb-1"``,
#: ``data-target="#signup"``, ``href="#get-guide"``), and the words on it
_POPUP_TRIGGER = re.compile(
    rb"<(?:a|button)\b[^>]*?\b(?:data-[\w-]*(?:popup|modal|target|toggle|open|leadbox|lightbox|overlay|form)[\w-]*"
    rb"|href)\s*=\s*[\"']#?([\w-]{2,40})[\"'][^>]*>([^<]{1,80})<"
)
_EMAIL_INPUT = re.compile(rb"<input\b[^>]*(?:type\s*=\s*[\"']email|name\s*=\s*[\"'][^\"']*e-?mail)")
_FORM_SUBMIT_TEXT = re.compile(
    rb"<button\b[^>]*>([^<]{1,80})<|<input\b[^>]*type\s*=\s*[\"']submit[\"'][^>]*value\s*=\s*[\"']([^\"']{1,80})"
)
#: how far after the popup's opening tag its form may start and end
POPUP_SPAN = 4000


def popup_lead_form(page: Page) -> str | bool:
    """The page's own calls to action ("Recevoir la boîte à outils", "Download the guide") open a popup that is
    hidden until clicked, and the popup's form asks for an e-mail address before it hands the item over ("Accéder
    au téléchargement"): a landing page whose every way to the item is the form (a lead box). A newsletter
    popup promises nothing of the page's own, and a page with a player serves its item."""
    markup = page.markup_lc
    # a form the page model left out (hidden until clicked) is the only kind a lead box can be
    if markup.count(b"<form") <= len(page.forms) or b"<input" not in markup:
        return False
    if page.has_player or page.content_words > RECORDING_LANDING_WORDS or offers_payment(page):
        return False
    for m in _POPUP_TRIGGER.finditer(markup[:300_000]):
        target, label = m.group(1), m.group(2).decode("utf-8", "replace").strip()
        if not _DELIVERS.search(label):
            continue  # a popup opened by "Sign in" or "Subscribe" is the site's, not the item's
        at = markup.find(b'id="' + target + b'"')
        if at < 0:
            at = markup.find(b"id='" + target + b"'")
        if at < 0:
            continue
        span = markup[at : at + POPUP_SPAN]
        start, end = span.find(b"<form"), span.find(b"</form>")
        if start < 0 or end < start or not _EMAIL_INPUT.search(span, start, end) or b"password" in span[start:end]:
            continue
        for sub in _FORM_SUBMIT_TEXT.finditer(span, start, end):
            text = (sub.group(1) or sub.group(2)).decode("utf-8", "replace").strip()
            if _DELIVERS.search(text) or _REGISTER_SUBMIT.search(text):
                return f"{label!r} opens a form asking for an e-mail ({text!r})"
    return False


#: a landing page may describe its recording at length (speakers, agenda) beside the form that releases it
RECORDING_LANDING_WORDS = 500
#: a recording, in the languages of the families; in English only as a thing watched ("Recording trafficking
#: indicators in patient notes" is about documenting)
_RECORDING_WORDS = re.compile(
    r"\b(?:webinar|session|video|lecture|talk|event|course|meeting|conference|seminar|class)s? recordings?\b"
    r"|\b(?:the|a|this|full|our|its) recording\b|\brecording of (?:the|this|our|a)\b|\brecordings? (?:available|now)\b"
    r"|\brecorded (?:webinar|session|lecture|talk|event|class)|\breplay\b|\bon[- ]demand\b"
    r"|aufzeichnung|mitschnitt|enregistrement|rediffusion|grabación"
    r"|grabado|gravação|gravado|registrazione|opname|nagrani|inspelning|tallenne|optagelse|opptak|záznam|felvétel"
    r"|запис|kayd|録画|录像|回放|녹화|다시보기"
)


def recording_landing_form(page: Page) -> str | bool:
    """A landing page whose title, description or heading names a recording, and whose form
    (a name and an e-mail, no player) releases it: "Watch now", "Get the recording",
    "Download". Such a page may say a few hundred words about the session beside the form;
    an article's download box for something else has no recording in its headline, and a
    form that only registers for a live session ahead is not this."""
    form = _contact_form(page, _DELIVERS, RECORDING_LANDING_WORDS)  # the page's forms are read anyway
    if form is None or any(_REQUEST_SUBMIT.search(t) for t in form.submits):
        return False
    if not _RECORDING_WORDS.search(_headline(page)):
        return False
    return f"a form ({form.submits[0]!r}) that releases the recording its page describes"


def request_form(page: Page) -> str | bool:
    form = _contact_form(page, _REQUEST_SUBMIT)
    if form is not None:
        return f"an access request form ({', '.join(form.submits[:1])!r}) is the page"
    return _request_with_message(page)


def offers_to_ask_owner(page: Page) -> str | bool:
    """Somewhere in the page's content (or an app shell's state) a control asks the owner
    for access: what a notice about approval needs before it is a gate of its own."""
    label = _offered(page, _ASK_OWNER)
    if label:
        return f"it offers {label!r}"
    m = _ASK_OWNER.search(page.shell_text_lc) if page.words <= SHELL_WORDS else None
    return f"its app offers {m.group(0)!r}" if m else False


#: a join, membership or registration that someone must approve, several languages
_APPROVAL = (
    # (not "applications": a programme's "applications are reviewed" beside "Apply now" admits people, not readers)
    r"\b(?:membership|registration|sign-?ups?|join requests?|requests? to join|enrol+ments?)"
    r"(?: requests?)?(?: (?:in|to|for|of) (?:this|the|our) [\w-]+)? (?:is |are )?(?:subject to|requires?|needs?|pending"
    r"|awaiting) (?:the |an? )?(?:(?:admin|administrator"
    r"|owner|organi[sz]er|host|manager|moderator)(?:'s)? )?(?:approval|validation|review)\b",
    r"\b(?:the )?(?:admin|administrator|owner|organi[sz]er|host|manager|moderator)s? (?:must|will|needs? to|has to)"
    r" (?:approve|accept|review|validate) (?:your|each|the|new) (?:request|application|registration|membership|members?)\b",
    r"\b(?:inscrição|inscrições|adesão|participação|cadastro) (?:está |fica |ficam )?(?:sujeit[ao]s? (?:à|a) (?:aprovação"
    r"|análise|validação)|pendentes? até)",
    r"\b(?:inscripción|membresía|solicitud|registro|adhesión) (?:está )?sujet[ao] a (?:la )?(?:aprobación|validación)\b",
    r"\b(?:inscription|adhésion|demande) (?:est )?soumise à (?:l'approbation|la validation|validation)\b",
    r"\b(?:anmeldung|mitgliedschaft|beitritt|registrierung) (?:ist )?genehmigungspflichtig\b|\bnach (?:prüfung und )?"
    r"freigabe durch\b|\b(?:anmeldung|beitritt|mitgliedschaft) muss (?:erst )?(?:bestätigt|freigegeben) werden\b",
    r"\b(?:iscrizione|adesione|richiesta) (?:è )?soggett[ao] (?:ad? )?(?:approvazione|validazione)\b",
    r"\b(?:inschrijving|lidmaatschap|aanmelding) (?:is )?onder voorbehoud van goedkeuring\b",
    r"\b(?:członkostw\w*|dołączeni\w*|rejestracj\w*|zgłoszeni\w*)[^.]{0,60}\b(?:zatwierdz|akceptuj|przyzna)\w*"
    r"|\bzatwierdzi lub odrzuci\b|\bmedlemskap[^.]{0,30}\bgodkän\w*",
    r"가입[^.]{0,15}승인|승인제|参加[^。]{0,10}承認|承認制|(?:加入|报名|入群)[^。]{0,10}(?:审核|批准)"
    r"|\b(?:вступлени\w*|участи\w*|заявк\w*)[^.]{0,30}(?:одобрени|одобрит|модерац)",
)
#: a control that applies or asks to be let in (not one that joins or registers at once)
_APPLY_ACTION = re.compile(
    r"request|apply|solicit|demander|anfragen|beantragen|richied|aanvragen|poproś|ansök|신청|申請|申请|リクエスト|заявк"
    r"|başvur|inscrição|inscripción"
)


@functools.cache
def _members_only_rx() -> tuple[_Pattern, ...]:
    """The members' notices (defined with the wording families below), compiled once."""
    return phrases(*_MEMBERS_ONLY_NOTICE)


def restricted_or_applies(page: Page) -> str | bool:
    """What an approval notice needs before it gates: the page says it is for members only, or
    it is little more than an offer to apply or to ask to be let in (a join banner that joins at
    once over a served article, or a page explaining how to join, gates nothing)."""
    hit = search_phrases(_members_only_rx(), page.text_lc)
    if hit:
        return f"for members only ({hit.group(0)!r})"
    if page.content_words > FORM_DOMINATES_WORDS:
        return False  # a page about how to join (an association's membership page) is served
    label = _offered(page, _APPLY_ACTION)
    return f"it offers {label!r}" if label else False


#: a group, community or collection that says it is closed to those not admitted (not "private": that is the owner's
#: own notice), several languages
_CLOSED_TO_OUTSIDERS = (
    r"\b(?:this|the) (?:group|community|circle|space|network|dataset|collection|workspace)"
    r" is (?:closed|restricted|invitation-only|invite-only|members-only)\b|\b(?:this is a|a) closed (?:group|community|club"
    r"|forum|network)\b",
    r"\b(?:ce|cet) (?:groupe|espace|réseau|club|forum) est (?:fermé|restreint|réservé)\b|\bgroupe fermé\b|\b(?:este|esta)"
    r" (?:grupo|comunidad|espacio|club|foro) (?:es|está) (?:cerrad|restringid|privad)[oa]\b|\bgrupo cerrado\b|\b(?:diese|dieses)"
    r" (?:gruppe|community|netzwerk|forum) ist (?:geschlossen|nicht öffentlich)\b|\bgeschlossene gruppe\b|\b(?:este|esta)"
    r" (?:grupo|comunidade|espaço) é (?:fechad|restrit)[oa]\b|\bgrupo fechado\b|\b(?:questo|questa) (?:gruppo|comunità|spazio)"
    r" è (?:chius|riservat)[oa]\b|\bgruppo chiuso\b|\b(?:deze|dit) (?:groep|community|netwerk) is besloten\b|\bbesloten groep\b"
    r"|\b(?:ta|ten) (?:grupa|klub|społeczność) jest zamknięt[ay]\b|\bzamknięta grupa\b|\b(?:это|эта) (?:закрытая|закрытое)"
    r" (?:группа|сообщество)\b|\bзакрыт(?:ая|ое) (?:группа|сообщество)\b|\bkapalı grup\b|\bbu grup kapalı\b",
    r"非公開グループ|クローズドグループ|私密(?:小组|群组)|封闭(?:群|小组|社群)|비공개 (?:카페|그룹|커뮤니티)",
)


def asks_with_a_control(page: Page) -> str | bool:
    """A request control or form on the page itself (not its words alone): what a closed group's notice needs."""
    return offers_to_ask_owner(page) or offers_a_request(page, words_too=False)


#: the reader knocks or waits to be let in, and the host decides (a locked room, a private meeting's lobby)
_KNOCK = (
    r"(?:\bknock(?:ing|s)?\b|\bbank på\b|\bbanke på\b|\bknack(?:a|ar)\b|\banklopfen\b|\bklopfen sie an\b|\bklop(?:t)? aan\b"
    r"|\baankloppen\b|\bzapuka\w*|\bkoputa\w*|\b(?:tocar|toca|toque|llamar|llama) a la puerta\b|\bbater à porta\b"
    r"|\bbussa(?:re)?\b|\bfrapp(?:er|ez)\b|ノック|敲门|노크)"
)
_LET_IN = (
    r"(?:\bhost|\bvert(?:en)?\b|\bvärd(?:en)?\b|\bvært(?:en)?\b|gastgeber|hôte|anfitri|gospodar|isäntä|ホスト|主持人|호스트"
    r"|\blet (?:you|them|me|people) in\b|\bbe let in\b|\badmit|sluppet inn|släpp\w* in\b|lukke\w* (?:dig )?ind\b"
    r"|\bherein\b|\beintreten\b|\bwpuści|入室|입장)"
)
#: the reader knocks and the host lets them in, or the host admits whom they choose (a locked room, a private lobby)
_HOST_ADMITS = (
    _KNOCK + r"[^.。]{0,60}?" + _LET_IN,
    _LET_IN + r"[^.。]{0,60}?" + _KNOCK,
    r"\bonly (?:people|guests|those) (?:the|whom the) host (?:lets in|admits)\b|\bbli sluppet inn\b|\bbara personer som"
    r" värden släpper in\b|\b(?:gastgeber|organisator)\w* (?:lässt|lassen) (?:sie|dich) (?:herein|eintreten|rein)\b"
    r"|\bl'hôte vous (?:laissera|laisse|fera|admet|admettra)\b|\b(?:el anfitrión|la anfitriona) te (?:dejará|deja"
    r"|admitirá|admite)\b|\bo anfitrião (?:vai )?(?:deixar|admitir|deixa|admite)\b|\bl'host ti (?:farà entrare"
    r"|ammetterà)\b|\bde host laat je (?:binnen|toe)\b|\bgospodarz (?:cię )?wpuści\b",
)
#: what a knock asks: a room, a meeting or its host (not a door in a story)
_HOST_OR_ROOM = re.compile(
    r"\bhost|\broom\b|meeting|lobby|\bvert(?:en)?\b|\bvärd(?:en)?\b|\bvært(?:en)?\b|\brom(?:met)?\b|\brum(?:met)?\b"
    r"|gastgeber|organisator|\braum\b|hôte|\bsalle\b|anfitri|\bsala\b|\bkamer\b|gospodarz|\bpok[oó]j|isäntä|huone"
    r"|主持人|房间|会议|ホスト|ルーム|会議|호스트|방|회의"
)


def knocks_to_enter(page: Page) -> str | bool:
    """What a knock notice needs: a room, a meeting or a host it is addressed to, in the page's own words or its app's."""
    text = page.shell_text_lc if page.words <= SHELL_WORDS else page.text_lc
    m = _HOST_OR_ROOM.search(text)
    return f"a room or host ({m.group(0)!r})" if m else False


#: someone reviews each request or application before access is given, several languages: what makes
#: an offer to ask a person's decision rather than a form that opens the content itself
_REVIEWED_REQUEST = (
    r"\b(?:review|reviews|approve|approves|vet|vets|evaluate|evaluates|consider|considers|assess|assesses) (?:each|every"
    r"|all|your|the|this|new) (?:access |membership |join )?(?:request|application|submission)s?\b",
    r"\b(?:access |membership |join )?(?:requests?|applications?) (?:is |are |will be )(?:\w+ )?(?:reviewed|approved|vetted"
    r"|evaluated|considered|assessed) (?:by|manually|by hand|individually|before)\b",
    r"\baccess (?:to (?:this|the) [\w-]+ )?requires? (?:the )?(?:[\w-]+(?:'s|s'|’s) )?(?:manual )?approval\b",
    r"\b(?:available|open|restricted) (?:only )?to approved (?:members|users|researchers|applicants|participants)\b",
    r"\b(?:revisa\w*|evalúa\w*|evalua\w*|aprueba\w*|analiza\w*|estudia\w*) (?:cada|la|su|tu|las|sus|tus) solicitud(?:es)?\b",
    r"\bsolicitud(?:es)? (?:es|son|será|serán) (?:evaluad|revisad|aprobad|analizad|estudiad)\w*",
    r"\b(?:analisa\w*|avalia\w*|aprova\w*|revisa\w*) (?:cada|o seu|seu|o|a sua|sua) (?:pedido|solicitação)\b"
    r"|\b(?:pedido|solicitação) (?:é|será) (?:analisad|avaliad|aprovad|revisad)\w*",
    r"\b(?:demande|inscription|adhésion)s? (?:\w+ )?(?:est|sont|sera|seront) (?:examinée|validée|approuvée|étudiée)s?\b"
    r"|\bsoumises? à (?:la )?validation\b|\b(?:examine|valide|approuve|étudie)(?:ra|ront)? (?:chaque|votre|la) demande\b",
    r"\b(?:von|durch) (?:den|dem|der|einem|einer) [\w-]+ (?:freigegeben|genehmigt|geprüft|bestätigt) werden\b"
    r"|\b(?:anfrage|antrag|anträge|anfragen|aufnahmeantrag) (?:wird|werden) (?:[\w-]+ ){0,4}(?:geprüft|freigegeben"
    r"|genehmigt)\b"
    r"|\bprüf(?:t|en) (?:jede|jeden|ihre|ihren|die|den) (?:anfrage|antrag)\b",
    r"\b(?:richiest[ae]|domand[ae]) (?:è|sono|verrà|verranno|sarà|saranno) (?:valutat|esaminat|approvat)\w*",
    r"\b(?:aanvraag|aanvragen|verzoek|verzoeken) (?:wordt|worden) (?:\w+ )?(?:beoordeeld|goedgekeurd)\b",
    r"\b(?:wniosek|wnioski|prośb\w*|zgłoszeni\w*) (?:zostanie|zostaną|jest|są) (?:rozpatrzon|zatwierdzon|sprawdzon)\w*",
    r"\b(?:ansökan|förfrågan) (?:granskas|godkänns)\b",
    r"\b(?:рассмотр|розгляне|розглян|размотр|одобр)\w*[^.]{0,40}(?:заявк|запрос|захтев|запит)"
    r"|(?:заявк|запрос|захтев|запит)\w*[^.]{0,40}(?:рассмотр|одобр|размотр|розгляд|розглян)",
    r"申請[^。]{0,30}(?:承認|審査)|承認または却下|承認されるまで|(?:申请|请求)(?:加入|访问|查看|观看|入群|成为会员|(?:访问|查看|阅读)权限)[^。]{0,20}(?:审核|审批|批准)"
    r"|(?:审核|批准)(?:通过)?后(?:即可|方可|才能)?(?:加入|访问|查看|观看)"
    r"|(?:신청|요청)[^.]{0,20}(?:검토|승인)|\bbaşvuru\w*[^.]{0,30}(?:incelen|onaylan)"
    r"|\bpermintaan\w*[^.]{0,30}(?:ditinjau|disetujui)|\byêu cầu[^.]{0,30}(?:xem xét|phê duyệt)",
    # only after an administrator's approval ("только после одобрения администратора", "管理者の承認が必要")
    r"\b(?:only )?after (?:the |an )?(?:admin|administrator|owner|moderator|organi[sz]er|host)(?:'s)? (?:approval|review)\b"
    r"|\bпосле одобрения (?:администратор|модератор|владельц|автор|организатор)\w*|\b(?:yönetici|moderatör|sahibi|kurucu)\w*"
    r" tarafından (?:onaylan|incelen)\w*|\baprès (?:l'approbation|la validation|validation) (?:de l'|d'un |du |des )"
    r"(?:administrat|modérat|propriétaire|organisat)\w*|\b(?:tras|después de) la aprobación del? (?:administrador|moderador"
    r"|propietario|organizador)\w*|\bnach (?:freigabe|bestätigung|genehmigung) durch (?:den|die|einen|eine) "
    r"|\b(?:após|depois d)a aprovação do (?:administrador|moderador|proprietário|organizador)\b|\bdopo l'approvazione"
    r" (?:dell'amministratore|del moderatore|del proprietario)\b|\bna goedkeuring (?:door|van) de (?:beheerder|moderator|eigenaar)\b"
    r"|(?:管理者|主催者|オーナー|運営者)の承認(?:が必要|後)|(?:管理员|群主|版主|组织者)(?:审核|批准|同意)后|(?:운영자|관리자|방장|호스트)(?:의)? 승인",
    # someone named will review or approve the reader's own request ("your request … an admin will review it")
    r"\byour (?:request|application|join request)\b[^.]{0,60}?\b(?:admins?|administrators?|moderators?|owners?|organi[sz]ers?"
    r"|hosts?|managers?|committee|steward|team) (?:will|must|need to|needs to|have to|has to) (?:review|approve|vet|assess"
    r"|consider)(?: and (?:approve|accept))? (?:it|them)\b",
    # the request waits for someone who must approve it ("los administradores deben aprobar tu solicitud")
    r"\b(?:deben|debe|tienen que|tiene que) (?:aprobar|aceptar|revisar|validar) (?:tu|su|la|cada) solicitud\b"
    r"|\bsolicitud(?:es)?\b[^.;]{0,50}\b(?:la|las|lo|los) (?:revisa|revisan|revisará|revisarán|aprueba|aprueban|aprobará"
    r"|aprobarán|evalúa|evalúan|evaluará|evaluarán)\b|\bdoivent (?:approuver|valider|accepter) (?:votre|la|chaque)"
    r" demande\b|\bmüssen (?:ihre|deine|die|jede) (?:anfrage|beitrittsanfrage) (?:bestätigen|genehmigen|freigeben)\b"
    r"|\b(?:precisam|devem|tem que|têm que) (?:aprovar|aceitar|analisar) (?:seu|o seu|sua|a sua|cada) (?:pedido|solicitação)\b"
    r"|\bdevono (?:approvare|accettare|valutare) (?:la tua|la sua|ogni) richiesta\b|\bmoeten (?:je|uw|elk) (?:verzoek"
    r"|aanvraag) goedkeuren\b|\bmuszą zatwierdzić (?:twoją|twoje|każdą)\b",
    # a person accepts or rejects each request or member, several languages
    r"\b(?:approve or|approves or|accept or|accepts or) (?:reject|deny|decline)s?\b|\b(?:acepten|acepta|aceptan|aceptará|aprueben|aprueba|aprueban)"
    r" o (?:la |lo |las |los )?(?:rechacen|rechaza|rechazan|rechazará|denieguen|deniega)\b|\b(?:accepter|approuver|valider"
    r"|accepte|approuve|valide)(?:ra|ront)? ou (?:refuser|rejeter|refuse|rejette)(?:ra|ront)?\b|\b(?:annehmen|genehmigen"
    r"|bestätigen|freigeben|annimmt|genehmigt) oder (?:ablehnen|ablehnt)\b|\b(?:aprovar|aceitar|aprova|aceita)(?:rá|rão)?"
    r" ou (?:recusar|rejeitar|negar|recusa|rejeita|nega)(?:rá|rão)?\b|\b(?:approvare|accettare|approva|accetta)(?:rà|ranno)?"
    r" o (?:rifiutare|respingere|rifiuta|respinge)(?:rà|ranno)?\b|\bgoedkeuren of (?:afwijzen|weigeren)\b|\bkeurt"
    r" (?:het )?(?:goed|af) of\b|\b(?:zaakceptuj\w*|zatwierdz\w*|akceptuj\w*) (?:albo|lub) odrzuc\w*|\bgodkänna eller"
    r" (?:avslå|neka)\b|\bgodkjenne eller avslå\b|\bgodkende eller afvise\b|\bодобр\w* или отклон\w*\b"
    r"|\bonayla\w* (?:veya|ya da) reddet\w*|(?:批准|同意|通过)或拒绝|승인(?:하거나| 또는) 거(?:절|부)",
    # the owner or author decides whether to give it ("由作者决定是否提供全文副本")
    r"\b(?:owner|author|administrator|admin|host|organi[sz]er|moderator|committee|curator)s? (?:will decide whether|decides whether|decide whether)\b"
    r"|由(?:作者|所有者|管理员|上传者|发布者|版主|群主)(?:来)?决定是否|(?:作者|所有者|管理者)が[^。]{0,15}(?:可否|するかどうか)を?(?:判断|決定)"
    r"|\b(?:el autor|la autora|el propietario|los administradores|el organizador) (?:decide|decidirá|deciden|decidirán) si\b"
    r"|\b(?:l'auteur|le propriétaire|les administrateurs) (?:décide|décidera|décident|décideront) s(?:'il|i)\b"
    r"|\b(?:der autor|die autorin|der eigentümer|die administratoren) (?:entscheidet|entscheiden),? ob\b"
    r"|\b(?:o autor|o proprietário|os administradores) (?:decide|decidirá|decidem) se\b"
    r"|\b(?:l'autore|il proprietario|gli amministratori) (?:decide|deciderà|decidono) se\b|\b(?:de auteur|de eigenaar) beslist of\b",
    # a person reviews it by hand ("人工审核", "manually reviewed")
    r"(?:人工|手动|手動)(?:审核|審核|审批|審査)|手動で(?:審査|承認)|수동(?:으로)? (?:검토|승인)"
    r"|\b(?:manually|individually|by hand) (?:reviewed|approved|vetted)\b",
)
#: a control or a form's button that asks to be let in: a request, an application, a join request (not "Apply
#: now" alone, which a programme's admissions page offers)
_REQUEST_CONTROL = re.compile(
    r"request|solicit|demander|\bdemande\b|anfrage|anfordern|beantragen|richied|richiest|aanvra|verzoek|poproś|wniosek|ansök"
    r"|begär|заявк|запрос|запит|затражи|захтев|apply (?:for (?:data )?access|to (?:join|view|access))|ask to join"
    r"|join request|リクエスト|申請|申请"
    r"|요청|başvur|talep|istek|isteği|yêu cầu|permintaan|ajukan|คำขอ|ขอสิทธิ์"
    # a moderated list's or group's subscription, where the page says the moderators approve it
    r"|abonn|subscri|prenumer|iscriviti alla lista"
)
#: what an enquiry asks for (information, a brochure, a callback, a quote, a demo), several languages: a
#: question to the organisation, not a request to be let in or a form that releases anything
_ENQUIRY = re.compile(
    r"\binfo\b|information|brochure|prospectus|call ?back|\bcall\b|\bquote\b|\bdemo\b|consultation|appointment"
    r"|rappel|\bdevis\b|rückruf|angebot|beratung|presupuesto|cotizaci|llamada|orçamento|ligação|preventivo|richiamata"
    r"|offerte|terugbel|oddzwon|wycen|звонок|перезвон|коммерческ|回电|报价|見積|折り返し|견적|상담"
)
#: a contact or enquiry form: its request asks a question, not to be let in
_CONTACT_FORM = re.compile(r"contact|kontakt|contato|contatti|enquir|inquir|feedback|support|helpdesk|callback")
#: a request for more than is withheld: a readable document's "request edit access" gates nothing
_EDIT_RIGHTS = re.compile(
    r"\bedit (?:access|rights|permission)|bearbeitungs(?:rechte|zugriff)|droits? de modification|accès en modification"
    r"|permiso de edición|acceso de edición|permissão de edição|acesso de edição|permesso di modifica"
    r"|bewerkingsrechten|edytowania|редактирован|編集権限|编辑权限|編輯權限|편집 권한"
)


def offers_a_request(page: Page, words_too: bool = True) -> str | bool:
    """The page's content offers a way to ask (a "Request access", "Подать заявку", "Enviar solicitud" button,
    link or form) or an app shell's text says to apply: what a notice that requests are reviewed needs before
    it gates (a notice about reviews next to the content itself gates nothing)."""
    if _EDIT_RIGHTS.search(page.text_lc or page.shell_text_lc):
        return False  # asks for more than is withheld: the document itself is readable
    enquiries: set[str] = set()  # the buttons of contact forms: their requests ask a question
    for form in page.forms:
        if _CONTACT_FORM.search(f"{form.marks} {form.action}"):
            enquiries.update(form.submits)
        elif (
            not form.in_chrome
            and not form.hidden
            and any(_REQUEST_CONTROL.search(t) and not _ENQUIRY.search(t) for t in form.submits)
            and _outside_words(page, form) <= FORM_DOMINATES_WORDS
        ):
            return f"its form asks: {form.submits[0]!r}"
    if max(page.content_words, _east_asian_words(page)) > FORM_DOMINATES_WORDS:
        return False  # a page that describes the item or the process at length is served
    for href, label, in_chrome in page.actions:
        if (
            not in_chrome
            and len(label) < 60
            and label not in enquiries
            and not _A_DOCUMENT.search(f"{href.lower()} {label}")  # a form to download ("申請書（Word）") asks nothing
            and _REQUEST_CONTROL.search(label)
            and not _ENQUIRY.search(label)
        ):
            return f"it offers {label!r}"
    if not words_too:
        return False
    # an app shell's own words, or a short notice's ("log in to request access")
    if page.words <= SHELL_WORDS:
        m = _ASK_OWNER.search(page.shell_text_lc) or _APPLY_FOR_ACCESS.search(page.shell_text_lc)
        return f"it says to ask: {m.group(0)!r}" if m else False
    return _tells_reader_to_ask(page)


def _tells_reader_to_ask(page: Page) -> str | bool:
    """The page's words tell its reader to ask ("… to request access", "you can ask the author for a copy");
    a policy page says how others ask ("researchers request access through the portal")."""
    for m in (*_ASK_OWNER.finditer(page.text_lc), *_APPLY_FOR_ACCESS.finditer(page.text_lc)):
        before = _SENTENCE_END.split(page.text_lc[max(0, m.start() - 60) : m.start()])[-1]
        if not before.strip() or _TOLD_TO.search(before):
            return f"it says to ask: {m.group(0)!r}"
    return False


#: what, earlier in its sentence, makes an ask the page's word to its reader: "to", "you can", "please" (or the
#: ask opens the sentence)
_TOLD_TO = re.compile(
    r"\bto\b|\byou (?:can|may|must|need to|have to|should)\b|\bplease\b|\bpour\b|\bpara\b|\bum\b|\bper\b|\bom\b"
    r"|\baby\b|\bvous pouvez\b|\bpuedes\b|\bpuede\b|\bkönnen sie\b|\bkannst du\b|\bpode\b|\bpuoi\b|\bkunt u\b|\bkun je\b"
    r"|[:·|]\s*$"
)


#: a link to a document (a template, a form to fill in offline): its label names a file, not a request
_A_DOCUMENT = re.compile(r"\.(?:pdf|docx?|xlsx?|odt|rtf|zip)(?:[?#\s]|$)|[(（]\s*(?:pdf|word|docx?|excel|xlsx?)\b")

_APPLY_FOR_ACCESS = re.compile(
    r"\bapply for (?:data )?access\b|\bsolicite? (?:el )?acceso\b|\bdemandez (?:l')?accès\b|\bzugang beantragen\b"
    r"|\b(?:start|submit|make|send) an? (?:data |access )?request\b|\b(?:data|it|this) can be requested\b"
)


#: a page this short is the notice itself, whatever its controls
NOTICE_ONLY_WORDS = 60


def asks_on_this_page(page: Page) -> str | bool:
    """What a request notice needs on a page of some length: a way to ask on the page itself (a control or
    form that asks for access or to join) or the reader's own refusal. A help article that explains how to
    "demander l'accès" from another page, and names the button in quotes, offers none."""
    if page.words <= NOTICE_ONLY_WORDS:
        return "a short notice"
    return offers_to_ask_owner(page) or offers_a_request(page, words_too=False) or _reader_refused(page)


_REFUSED = re.compile(
    r"\byou (?:(?:do not|don't|currently|no longer|still) ){1,2}have (?:access|permission)\b|\bvous n'avez pas (?:accès|l'autorisation)"
    r"|\bno tienes? (?:acceso|permiso)|\bsie haben (?:keinen zugriff|keinen zugang|keine berechtigung)|\bvocê não tem (?:acesso"
    r"|permissão)|\bnon hai (?:accesso|i permessi)|\bje hebt geen toegang|\bu heeft geen toegang|\bnie masz dostępu"
)


def _reader_refused(page: Page) -> str | bool:
    m = _REFUSED.search(page.text_lc)
    return f"it refuses the reader ({m.group(0)!r})" if m else False


def shell_asks_owner(page: Page) -> str | bool:
    """An empty app shell whose state's own actions ask the owner for access ("Request access") and
    offer nothing to download or watch: a controlled item's landing page before its script runs."""
    if page.words > SHELL_WORDS or not page.shell_text_lc:
        return False
    m = _ASK_OWNER.search(page.shell_text_lc)
    if m is None or _DELIVERS.search(_ASK_OWNER.sub(" ", page.shell_text_lc)):
        return False
    return f"its app offers {m.group(0)!r}"


def redirected_here(page: Page) -> str | bool:
    """The visit ended elsewhere than the catalogued address: a page reached by a redirect."""
    from .page import host_path

    start = (host_path(page.visit.url) or "").lower()
    return "reached by a redirect" if page.targets_lc and start != page.targets_lc[0] else False


def redirected_to_other_host(page: Page) -> str | bool:
    """The visit ended (or was heading) on a host other than the catalogued one."""
    try:
        start = (urlsplit(page.visit.url).hostname or "").lower()
    except ValueError:
        return False
    ended = page.targets_lc[0].split("/", 1)[0] if page.targets_lc else ""
    return f"sent on from {start}" if ended and start and ended.split(":")[0] != start else False


#: a path segment that only an identity provider's or a sign-in flow's address has
_AUTH_FLOW_SEGMENT = re.compile(
    r"/(?:auth|oauth2?|oidc|openid(?:-connect)?|saml2?|authorize|authorization|interaction|if/flow|login-actions"
    r"|identifier|otp|mfa|2fa|two-factor|passkeys?|webauthn|signin|sign-in|login|sso)(?=/|$)"
)
#: a path that asks for access or membership rather than a sign-in
_REQUEST_SEGMENT = re.compile(r"/(?:request[-_]?(?:access|membership|permission)|access[-_]?requests?)(?:/|$)")
#: the SAML identity provider discovery protocol: a service provider asks the reader's federation which
#: institution will sign them in (``entityID=…&return=…``, Shibboleth's embedded and central discovery services)
_DISCOVERY_QUERY = re.compile(r"(?:^|&)entityid=")
#: an authorization request of OAuth 2 / OpenID Connect or SAML in a query
_AUTH_REQUEST = re.compile(r"(?:^|&)(?:client_id|response_type|samlrequest|code_challenge)=")
#: a query parameter that remembers where the reader was going: a sign-in sends them back there
_RETURN_PARAM = re.compile(
    r"(?:^|&)(?:next|returnto|return_?to|returnurl|return_url|returnpath|redirect|redirect_?to|redirect_?uri|redirecturl"
    r"|redirecttopath|rd|retour|destination|continue|came_from|goto|service|callback|successurl|target)="
)


#: the last segment of a sign-in page's path in the languages of sites (/acceder, /accesso, /entrar, /identification):
#: alone these also name pages about access, so they count only with the way back to where the reader was going
_SIGN_IN_WORD_SEGMENT = re.compile(
    r"/(?:acceder|acceso|accesso|acces|accès|entrar|entra|ingresar|ingreso|identificarse|identificacion|identification"
    r"|identifica|authentification|autenticazione|autenticacion|autenticacao|autentica[cç][aã]o|anmelden|einloggen"
    r"|connexion|se-connecter|accedi|inloggen|logowanie|logga-in|kirjaudu|giris|vhod|voiti|masuk|dang-nhap|log-?in"
    r"|sign-?in|login|my-account|account|mein-konto|mon-compte|mi-cuenta|minha-conta|mijn-account|moje-konto)/?$"
)


#: a query that opens a site's sign-in view (``?action=login``, Joomla's ``view=login``, ``?login&back=…``)
_SIGN_IN_VIEW = re.compile(
    r"(?:^|&)(?:action|view|page|mode|cmd|do|task|screen|tab|form|option|act)=(?:[\w.]*[_-])?(?:log-?in|sign-?in|signin"
    r"|logon|authenticate)(?:&|$)|(?:^|&)(?:login|signin|log-in|sign-in)(?:=[^&]*)?(?:&|$)"
)


def _returns_to(query: str, start_path: str) -> bool:
    """Some query parameter names the page the visit started from, as a path, an address or base64 of one
    (Joomla's ``return=``): the site will bring the reader back there, once signed in."""
    wanted = start_path.rstrip("/").lower()
    if len(wanted) < 4:
        return False
    for _key, value in parse_qsl(query):
        if wanted in value.lower():
            return True
        if len(value) >= 8 and _BASE64.match(value):
            try:
                decoded = base64.b64decode(value + "=" * (-len(value) % 4), validate=False).decode("utf-8", "ignore")
            except (binascii.Error, ValueError):
                continue
            if wanted in decoded.lower():
                return True
    return False


_BASE64 = re.compile(r"^[A-Za-z0-9+/_-]+=*$")


def sign_in_flow(page: Page) -> str | bool:
    """The visit was sent away from the resource into an identity provider's flow, whoever
    runs it: a hop that asks for authorization (OAuth/OIDC ``client_id`` + ``response_type``,
    SAML's ``SAMLRequest``) and a final address that did not come back to the resource, or a
    final address on a sign-in flow's path (``/auth/verify``, ``/if/flow/``, ``/interaction/``,
    ``/mfa``, ``/webauthn``) that remembers where the reader was going, or a federation's
    discovery service asking which institution signs the reader in (``entityID=…&return=…``).
    An SSO bounce that returns to the page it started from gates nothing."""
    visit = page.visit
    if not visit.redirect_chain:
        return False
    try:
        start, end = urlsplit(visit.url), urlsplit(page.url)
    except ValueError:
        return False
    if (start.hostname, start.path.rstrip("/")) == (end.hostname, end.path.rstrip("/")):
        return False
    path = end.path.lower()
    if _REGISTRATION_SEGMENT.search(path) or _REQUEST_SEGMENT.search(path):
        return False  # an identity provider's sign-up or access request: the rules for those decide
    query = end.query.lower()
    if _AUTH_FLOW_SEGMENT.search(path) and _RETURN_PARAM.search(query):
        return f"a sign-in flow at {end.path}"
    if _SIGN_IN_WORD_SEGMENT.search(path) and _returns_to(end.query, start.path):
        return f"sent to {end.path} with the way back to {start.path}"
    if _SIGN_IN_VIEW.search(query) and (_RETURN_PARAM.search(query) or _returns_to(end.query, start.path)):
        return f"sent to a sign-in view ({end.query[:60]}) that remembers the page"
    if _DISCOVERY_QUERY.search(query) and "return=" in query:
        return "a federation's discovery service (which institution signs you in)"
    # came back to the client's side (its host, or the host its redirect_uri names): a bounce that served
    clients = {start.hostname}
    asked = False
    for hop in visit.redirect_chain:
        for url in (hop.get("url"), hop.get("location")):
            try:
                query = urlsplit(url or "").query
            except ValueError:
                continue
            lowered = query.lower()
            if _AUTH_REQUEST.search(lowered) and ("redirect_uri=" in lowered or "samlrequest=" in lowered):
                asked = True
                for key, value in parse_qsl(query):
                    if key.lower() == "redirect_uri":
                        try:
                            clients.add(urlsplit(value).hostname)
                        except ValueError:
                            pass
    if asked and (end.hostname not in clients or _AUTH_FLOW_SEGMENT.search(path)):
        return "sent through an authorization request"
    return False


def _request_with_message(page: Page) -> str | bool:
    """A request form that carries a note to the owner (name, e-mail, a message) on a page
    that says the item is withheld (embargoed, restricted): DSpace's "request a copy". A
    contact form has the same fields, but not on a page that says something is withheld."""
    for form in page.forms:
        if form.in_chrome or form.hidden or not any(f.type == "textarea" for f in form.visible_fields):
            continue
        if not any(f.type == "email" or _EMAIL_FIELD.search(f.words) for f in form.visible_fields):
            continue
        if not any(_REQUEST_SUBMIT.search(t) for t in form.submits) and not _tells_reader_to_ask(page):
            continue
        if (
            _outside_words(page, form, ASK_OWNER_RECORD_WORDS) <= ASK_OWNER_RECORD_WORDS
            and _WITHHELD.search(page.text_lc)
            and not serves_a_copy(page)
        ):
            return f"a request to the owner ({form.submits[0]!r}) for a withheld item"
    return False


#: a control that asks the owner for access, in several languages
_ASK_OWNER = re.compile(
    r"request (?:access|permission)|ask for (?:access|permission)|pedir acesso|solicitar (?:el )?acceso"
    r"|solicitar acesso|demander (?:l'|un )?acc[eè]s|zugriff anfordern|zugang (?:anfordern|beantragen)"
    r"|richiedi (?:l'|di )?accesso|toegang aanvragen|poproś o dostęp|begär åtkomst|anmod om adgang"
    r"|be om tilgang|pyydä (?:käyttö)?oikeutta|požádat o přístup|erişim iste|zugriff anfragen"
    r"|zugang anfragen|solicitar permiso|demander l'autorisation"
    r"|request (?:a |the )?(?:copy|full[- ]text)|ask (?:the author )?for a copy|demander une copie"
    r"|solicitar (?:una |uma )?c[oó]pia|pedir (?:una |uma )?c[oó]pia|kopie anfordern|richiedi (?:una )?copia"
    r"|kopie aanvragen|アクセス権をリクエスト|申请访问|액세스 요청"
    r"|(?:request|ask|apply) to join|request (?:membership|an invitation|an invite)|demander à rejoindre"
    r"|solicitar (?:unirse|unirte|acceso al grupo)|beitritt (?:anfragen|beantragen)|pedir para (?:participar"
    r"|entrar)|richiedi di (?:unirti|partecipare)|lidmaatschap aanvragen|verzoek om lid te worden"
    r"|запросить доступ|запросити доступ|hozzáférés kérése|hozzáférést kér|αίτημα πρόσβασης"
    r"|ζητήστε πρόσβαση|minta akses|ajukan akses|yêu cầu (?:quyền )?truy cập|طلب (?:الوصول|الإذن|إذن)"
    r"|اطلب الوصول|בקשת גישה|בקש גישה|请求访问权限|申请访问权限|請求存取權|申請存取權|액세스 권한 요청"
    r"|ขอสิทธิ์(?:การ)?เข้าถึง|(?:एक्सेस|पहुंच) का अनुरोध"
    r"|권한 요청|solicit[ăa] acces|anmod om adgang|be om tilgang|pyydä käyttöoikeutta"
    # a request to *see* it: a view-only document's "request edit access" asks for more than is withheld
    r"|(?:アクセス|閲覧)権限を(?:リクエスト|申請|要求)|申请(?:访问|查看|阅读)权限|申請(?:存取|檢視)權限"
    r"|poproś o (?:członkostwo|dołączenie)|ansök om medlemskap|demander l'adhésion|solicitar (?:membresía|adesão)"
    r"|mitgliedschaft (?:beantragen|anfragen)|richiedi (?:l'adesione|l'iscrizione al gruppo)|запросить членство"
    r"|가입 신청|참여 신청|申请加入|参加(?:を)?(?:リクエスト|申請)"
    # a request for the full text or a copy of a withheld item, beyond western Europe
    r"|请求全文|申请全文|索取全文|請求全文|全文(?:を)?(?:リクエスト|請求)|원문 (?:요청|신청)|запросить (?:полный текст|копию)"
    r"|poproś o (?:kopię|pełny tekst)|solicitar (?:el )?texto completo|demander le texte intégral|tam metni iste"
    # asking the owner's permission ("Pedir permiso", "Toestemming vragen")
    r"|ped(?:ir|e|ia) (?:permiso|autorización|acceso)|demander la permission|(?:um )?erlaubnis (?:bitten|anfragen)"
    r"|berechtigung anfordern|chiedi (?:il permesso|l'accesso)|toestemming vragen|pedir permissão|solicitar permissão"
    r"|poproś o (?:zgodę|uprawnienia)|be om (?:tillåtelse|behörighet)|запросить разрешение"
    # a control that sends an access request ("Invia richiesta di accesso", "Submit access request")
    r"|(?:send|submit) (?:an? |the |your )?access request|richiesta di accesso|solicitud de acceso|demande d'accès"
    r"|zugangsanfrage|pedido de acesso|solicitação de acesso|toegangsverzoek|wniosek o dostęp|запрос (?:на )?доступ"
)
#: the page says the item itself is withheld (embargoed, restricted, not public)
_WITHHELD = re.compile(
    r"\brestricted\b|\bembargo|sotto embargo|accesso ristretto|\bprivate (?:space|group|project)\b|not (?:publicly |openly )?available|\bprivate\b|you (?:do not|don't) have"
    r" access|access (?:is )?(?:limited|restricted)|accès restreint|acceso restringido|eingeschränkt"
    r"|gesperrt|acesso restrito|accesso (?:limitato|riservato)|beperkte toegang|sperrfrist"
    r"|\bcontrolled[- ]access\b|accès contrôlé|acceso controlado|kontrollierte[rn]? zugang|acesso controlado"
    r"|accesso controllato|gecontroleerde toegang"
    r"|延迟开放|延期开放|延期公开|限制公开|受控访问|公開猶予|エンバーゴ|비공개 기간|эмбарго|ограниченн\w* доступ"
)


def serves_a_copy(page: Page) -> bool:
    """The page hands out the resource itself: a scholarly record naming its PDF
    (``citation_pdf_url``), or a free licence beside a link to a PDF. A "Request a copy"
    for a supplement beside it asks for something else."""
    if page.meta("citation_pdf_url"):
        return True
    if not _FREE_LICENCE.search(page.text_lc) and b"creativecommons.org/licenses" not in page.markup_lc:
        return False
    return any(
        not in_chrome and href.lower().split("?")[0].endswith(".pdf") for href, _label, in_chrome in page.actions
    )


def ask_owner_control(page: Page) -> str | bool:
    """The page's main control asks the owner for access (Drive, Dropbox, OneDrive,
    Notion, SharePoint in any language): a button saying "Request access" on a page
    with little content. A note to the owner may go with it. Not on a page that serves
    a copy itself (:func:`serves_a_copy`)."""
    if page.words > 4 * FORM_DOMINATES_WORDS:  # cheap tests before the furniture's words
        return False
    for text in page.buttons:
        if _ASK_OWNER.search(text) and page.content_words <= FORM_DOMINATES_WORDS:
            return False if serves_a_copy(page) else f"its button asks the owner: {text!r}"
    # a record page may carry its abstract beside the request (a repository's embargoed thesis)
    label = _offered(page, _ASK_OWNER)
    if label and page.content_words <= ASK_OWNER_RECORD_WORDS and _WITHHELD.search(page.text_lc):
        return False if serves_a_copy(page) else f"its link asks the owner: {label!r}"
    return False


#: at most this many words of content beside a link that asks the owner for a withheld item
ASK_OWNER_RECORD_WORDS = 400


#: a price: a currency sign or code next to a number
_PRICE = re.compile(
    r"[$€£¥￥₹₩₽₦₱₵₸₾֏৳฿₪₲]\s?\d[\d,.]*|\d+(?:[.,\u00a0\u202f ]\d{3})*(?:[.,]\d\d)?\s?(?:€|eur\b|usd\b|gbp\b|chf\b|kr\b|kr\.|zł|kč|sek\b|nok\b"
    r"|dkk\b|pln\b|jpy\b|円|元|원|ر\.س|د\.إ|ج\.م|﷼|руб|₽|₺|lei\b|tl\b|ft\b|грн|₴|₫|huf\b|czk\b|ron\b|try\b|idr\b|บาท|টাকা|ብር|тенге|сом\b"
    r"|сум\b)|\b(?:usd|eur|gbp|us\$|r\$|chf|sek|nok|dkk|pln|jpy|inr|rp|tl"
    # the currencies of Africa, Latin America and South Asia, written before the amount ("KSh 400", "S/ 59")
    r"|ksh|kes|tsh|ush|ngn|egp|mxn|cop|clp|brl|kzt|bdt|lkr|pkr|npr|etb|ghs|ugx|tzs|aed|sar|qar|ils|rs\.?|s/"
    # and of South-East Asia and elsewhere ("RM15", "SGD 20", "PHP 499", "ZAR 350")
    r"|rm|myr|sgd|thb|vnd|hkd|twd|nzd|aud|cad|zar|cny|rmb|krw)\s?\d"
)
#: what a price needs on the page, one of them at least: the cheap screen before :data:`_PRICE` and the
#: page's actions. Each sign is a scan of the whole text, so a long page is screened for the common
#: currencies and its own language's (:data:`_LOCAL_PRICE_SIGNS`), a short or undeclared one for all.
_PRICE_SIGNS = ("$", "€", "£", "usd", "eur", "gbp")
_LOCAL_PRICE_SIGNS: dict[str, tuple[str, ...]] = {
    "sv": (" kr", "sek"),
    "da": (" kr", "dkk"),
    "no": (" kr", "nok"),
    "nb": (" kr", "nok"),
    "nn": (" kr", "nok"),
    "is": (" kr",),
    "pl": ("zł", "pln"),
    "cs": ("kč", "czk"),
    "hu": (" ft", "huf"),
    "ja": ("¥", "￥", "円", "jpy"),
    "zh": ("¥", "￥", "元"),
    "ko": ("₩", "원"),
    "ru": ("руб", "₽"),
    "uk": ("грн", "₴"),
    "tr": (" tl", "₺", " try"),
    "id": (" rp", "idr"),
    "vi": ("₫",),
    "ro": (" lei", " ron"),
    "hi": ("₹", "inr"),
    "sw": ("ksh", "kes", "tsh", "ush"),
    "th": ("฿", "บาท"),
    "bn": ("৳", "টাকা"),
    "ka": ("₾",),
    "hy": ("֏",),
    "kk": ("₸", "тенге"),
    "tl": ("₱",),
    "fil": ("₱",),
    "he": ("₪",),
    "ha": ("₦", "ngn"),
    "yo": ("₦", "ngn"),
    "am": ("ብር", "etb"),
    "es": ("s/", "mxn", "cop", "clp", "₲"),
    "ur": ("rs", "pkr"),
    "ne": ("rs", "npr"),
    "si": ("rs", "lkr"),
    "ar": ("egp", "sar", "aed", "qar", "ر.س", "د.إ", "ج.م", "﷼"),
    "de": ("chf",),
    "fr": ("chf",),
    "it": ("chf",),
    "ms": ("myr",),
}
#: signs too common inside words to screen every page with ("rm" is in "form"): read on pages in their language
_LANGUAGE_ONLY_SIGNS: dict[str, tuple[str, ...]] = {"ms": ("rm",)}
_ALL_PRICE_SIGNS = tuple(dict.fromkeys(_PRICE_SIGNS + tuple(x for signs in _LOCAL_PRICE_SIGNS.values() for x in signs)))


def _price_signs(page: Page) -> tuple[str, ...]:
    own = _LANGUAGE_ONLY_SIGNS.get(page.language, ())
    if page.words <= LANGUAGE_TRUSTED_WORDS or not page.language:
        return _ALL_PRICE_SIGNS + own
    return _PRICE_SIGNS + _LOCAL_PRICE_SIGNS.get(page.language, ()) + own


#: a link or button that buys (its words, or its address)
_BUY_ACTION = re.compile(
    r"\bbuy\b|purchase|add to (?:cart|basket)|checkout|\bcomprar\b|\bkaufen\b|\bacheter\b"
    r"|\bacquista\b|\bpay\b|\brent\b|\bkoop\b|\bkopen\b|\bafrekenen\b|\bhuren\b|\blouer\b"
    r"|\balquilar\b|\bmieten\b|\bnoleggia|\bkup\b|\bkupuj|\bköp\b|\bhyr\b|pay[- ]per[- ]view"
    r"|in den warenkorb|ajouter au panier|añadir al carrito|adicionar ao carrinho|aggiungi al carrello"
    r"|in winkelwagen|do koszyka|購入|買う|购买|購買|구매|결제|купить|оплатить|\bkupić\b|\bköpa\b"
    r"|купити|satın al|\bkoupit\b|vásárl|\bbeli\b|\bmua\b|شراء|קנה|\bkøb\b|\bkjøp\b|\bosta\b"
    r"|cumpără|αγορά|\bnunua\b|\blipia\b|खरीदें|কিনুন|ซื้อ|خرید|\bbilhin\b|\bbayar sekarang\b"
    r"|\bpayer\b|\bpagar\b|\bpagare\b|\bbezahlen\b|\bbetalen\b|\bzapłać\b"
    r"|اشتر|ادفع"
)
#: giving is not buying: a "Donate $10" button sells nothing
_DONATION = re.compile(r"donat|spende|\bdon\b|faire un don|\bdoe\b|doação|doar\b|dona(?:r|re)?\b|\btip\b|gift aid")
_BUY_HREF = re.compile(
    r"/(?:purchase|checkout|cart|basket|buy)\b|addtocart|add-to-cart|add_to_cart|/offers?/"
    # a cart or a payment in other languages, and a payment provider's own host ("pay.", "checkout.")
    r"|/(?:panier|carrito|warenkorb|carrello|winkelwagen|koszyk|carrinho|kosik|varukorg|kundvagn|handlekurv|sepet"
    r"|keranjang|korzina|gio-hang|paiement|pagamento|zahlung|betaling|platnosc|thanh-toan|pembayaran|odeme|orders?)\b"
    r"|//(?:pay|payment|payments|checkout|buy)\."
)


def purchase_offer(page: Page) -> str | bool:
    """A short page that prices the content and whose own links or buttons buy it
    (a course sales page, a publisher's purchase box): the content is sold.

    The page's actions are read first and its text searched for a price only when one of
    them buys or names a price: a price's pattern over a whole page costs far more than
    the few labels most pages have, and most pages sell nothing."""
    if page.words > 3000:
        return False
    text = page.text_lc
    for sign in _price_signs(page):
        if sign in text:
            break
    else:
        return False
    price: re.Match[str] | None = None
    # an aside inside a short page's main content may be its buy box: its actions are read on short pages only
    asides_may_sell = page.words <= ASIDE_SALES_WORDS and page.main is not None
    main: list[tuple[dict[tuple[str, str], str], bool]] = []  # read once, and only once an action sells
    for href, label, in_chrome in page.actions:
        if in_chrome and not asides_may_sell:
            continue
        if not (
            _BUY_ACTION.search(label)
            or _BUY_HREF.search(href)
            or _priced(label)
            # a short page's "Unlock now" beside a price sells what the page withholds (a micro-payment wall)
            or (len(label) < 40 and _UNLOCK_ACTION.search(label) and page.content_words <= FORM_DOMINATES_WORDS)
            # a short page's "Enroll now", "Jetzt buchen", "Zapisz się" beside a price: a paid enrolment
            or (len(label) < 40 and _ENROL_ACTION.search(label) and page.content_words <= FORM_DOMINATES_WORDS)
            # a short page's "Subscribe", "Start trial" or "Become a premium member" beside a price sells the access
            or (
                len(label) < 40
                and _ACCESS_PLAN_ACTION.search(label)
                and not _MAILING.search(label)
                and page.content_words <= TEASER_WORDS
            )
        ):
            continue
        if _EXTRA_ITEM.search(label):  # a certificate, a print copy or a gift is sold, not the content
            continue
        if _DONATION.search(label) or _DONATION.search(href):
            continue
        if price is None:
            price = _PRICE.search(page.text_lc)
            if price is None or page.content_words > 1500:
                return False
            if _ZERO_PRICE.match(price.group(0).strip()):
                return False  # "0 €": the course is free
        if not main:
            main.append((page.main_actions, _serves_its_main(page)))
        main_actions, served_main = main[0]
        if in_chrome and not (
            _BUY_BOX.search(main_actions.get((href, label)) or "")
            and page.content_words <= SALES_PAGE_WORDS
            and not _gives_its_pdf(page)
        ):  # an aside inside the main content marked as a buy box is the sales page's, unless it hands over its PDF
            continue
        if served_main and (href, label) not in main_actions:
            continue  # a served document in the main content: an offer outside it is the site's banner
        if (
            _BUY_ACTION.search(label)
            or _BUY_HREF.search(href)
            or page.content_words <= FORM_DOMINATES_WORDS
            or (_PRICED_ACTION.search(label) and page.content_words <= 600)
        ):
            return f"a price ({price.group(0)!r}) and {label or href!r}"
    return _unlock_for_a_price(page)


#: a sales page shows a teaser: its own words (an aside's buy box included) stay under this
SALES_PAGE_WORDS = 150
#: a main content this long is a served document; an offer outside it is a banner
SERVED_MAIN_WORDS = 150


#: a teaser's own words: a page this short that offers a plan beside a price shows no more than its opening
TEASER_WORDS = 80
#: what a sales page's buy box is called in its markup (a shop widget in an aside sells something else)
_BUY_BOX = re.compile(
    r"purchas|\bbuy|price|pricing|cart|checkout|order|offer|enrol|kauf|bezug|achat|compra|acquist|koop|zakup|покуп|購入|购买"
)
#: a page this long has no sales page's aside to read
ASIDE_SALES_WORDS = 600


def _words_of(text: str) -> int:
    return text.count(" ") + 1 if text else 0


def _serves_its_main(page: Page) -> bool:
    """The main content (not the whole page) is a served document of its own."""
    main = page.main
    return (
        main is not None
        and main is not page.body
        and main is not page.root
        and _words_of(page.main_text) >= SERVED_MAIN_WORDS
    )


#: what is sold beside free content: a certificate, a print copy, a gift card, merchandise (several languages)
_EXTRA_ITEM = re.compile(
    r"certificat|certificado|zertifikat|certificato|certificaat|certyfikat|сертификат|sertifika|sertifikat|chứng chỉ"
    r"|证书|證書|証明書|修了証|수료증|인증서|\bprint(?:ed)? (?:edition|copy|issue|version)\b|\bgift card\b|merch"
    # a ticket for a later session, beside the recording the page serves
    r"|\bnext (?:session|event|webinar|edition|cohort|live)\b|\bprochaine (?:session|édition)\b|\bnächste[nr]? (?:termin"
    r"|sitzung|veranstaltung|durchgang)\b|\bpróxima (?:sesión|edición|sessão|edição|turma)\b|\bprossima (?:sessione"
    r"|edizione)\b|\bvolgende (?:sessie|editie)\b"
    r"|\bdruckausgabe\b|\bversion (?:papier|imprimée)\b|\bedición impresa\b|\bedizione cartacea\b|\bedição impressa\b"
)
#: "unlock this article", or "single article", within a few words of a price: a micro-payment wall
_UNLOCK_ITEM = re.compile(
    r"\b(?:unlock|freischalten|débloquer|desbloquear|sblocca(?:re)?|ontgrendel(?:en)?|odblokuj|lås upp|разблокир\w*"
    r"|buka kunci|mở khóa)\b|解锁|解鎖|ロック解除|잠금 해제"
    r"|\b(?:single|individual) (?:article|story|issue|video|episode)\b|\beinzel(?:artikel|beitrag|ausgabe|kauf)\b"
    r"|\barticle (?:unique|à l'unité)\b|\bartículo (?:individual|suelto)\b|\barticolo singolo\b|\bartigo avulso\b"
    r"|\blos(?:se)? artikel\b|\bpojedynczy artykuł\b"
)
#: how far from the unlocking words the price stands
UNLOCK_PRICE_CHARS = 120


def _unlock_for_a_price(page: Page) -> str | bool:
    """A short page whose words unlock this item, or sell a single article, for a price close by ('Diesen Artikel
    freischalten – Einzelartikel für 0,99 €'): a micro-payment wall that sells with a button of its own words."""
    if page.content_words > FORM_DOMINATES_WORDS:
        return False
    text = page.text_lc
    for m in _UNLOCK_ITEM.finditer(text):
        window = text[max(0, m.start() - UNLOCK_PRICE_CHARS) : m.end() + UNLOCK_PRICE_CHARS]
        price = _PRICE.search(window)
        if price and not _ZERO_PRICE.match(price.group(0).strip()):
            return f"{m.group(0)!r} beside a price ({price.group(0)!r})"
    return False


#: a control that subscribes, starts a trial or joins a premium tier (several languages): beside a price, it sells access
_ACCESS_PLAN_ACTION = re.compile(
    r"subscri|abonn|suscri|assin|iscriv|abbon|prenumer|subskryb|langgan|подпис|abone|訂閱|订阅|購読|구독"
    r"|\btrial\b|\btry (?:it )?(?:free|now)\b|\btesten\b|\bessai\b|\bprueba\b|\bprova\b|\bteste grátis\b|\bproef"
    # a premium membership, not an association's (whose page is served and asks a yearly fee of those who join)
    r"|\bbecome a (?:premium|paid) member\b|\bdevenir membre premium\b|\bhazte (?:socio|miembro) premium\b"
    r"|\bpremium-?mitglied werden\b|\bdiventa (?:socio|membro) premium\b|\btorne-se (?:membro|sócio) premium\b"
    r"|\bword premium lid\b|수강신청"
)
#: a mailing list, not a plan: "Subscribe to our newsletter"
_MAILING = re.compile(r"newsletter|news ?letter|mailing|updates|alerts|bulletin|boletín|infolettre|rundbrief|e-?mail")


#: a control that upgrades the reader to a paid plan, several languages
_UPGRADE_ACTION = re.compile(
    r"\bupgrade\b|\bgo (?:premium|pro)\b|\b(?:get|obter|obtener|obtenir|ottieni|krijg|uzyskaj|skaffa|hol dir|получить"
    r"|dapatkan)(?: [\w-]+)? (?:premium|pro|plus)\b|\bsee (?:plans|pricing)\b|\bview (?:plans|pricing)\b"
    r"|\bchoose (?:a|your) plan\b|\bstart (?:your )?(?:free )?trial\b|\btry (?:premium|pro|plus)\b|\bpasser (?:à|au) (?:premium|pro)\b"
    r"|\bvoir les (?:offres|formules)\b|\bhaz(?:te)? (?:premium|pro)\b|\bmejora tu plan\b|\bver (?:los )?planes\b|\bpremium werden\b"
    r"|\b(?:jetzt )?upgraden\b|\bpasse? a (?:premium|pro)\b|\bvedi i piani\b|\bseja (?:premium|pro)\b|\bver (?:os )?planos\b"
    r"|\bfaça (?:o )?upgrade\b|\bword premium\b|\bbekijk (?:de )?abonnementen\b|\bprzejdź na (?:premium|pro)\b|\bzobacz plany\b"
    r"|\bперейти на (?:премиум|pro)\b|\bоформить подписку\b|\bpremium'?a geç\b|\bnâng cấp\b|\btingkatkan\b|升级|升級"
    r"|アップグレード|업그레이드"
)
#: a paid tier the page says the item belongs to
_PAID_TIER = re.compile(
    r"\b(?:premium|paid) (?:content|course|lesson|video|article|episode|recording|webinar)s?\b|\bpart of (?:our |the )?"
    r"(?:[\w-]+ )?(?:premium|pro|plus|paid)\b|\bfait partie (?:de l'offre |du |de la |de )?(?:[\w-]+ )?(?:premium|pro|plus)\b"
    r"|\bforma parte (?:de|del) (?:[\w-]+ )?(?:premium|pro|plus)\b|\bfaz parte d[oa] (?:[\w-]+ )?(?:premium|pro|plus)\b"
    r"|\bfa parte (?:di|del|dell') ?(?:[\w-]+ )?(?:premium|pro|plus)\b|\bteil (?:von|des) (?:[\w-]+ )?(?:premium|pro|plus)\b"
    r"|\bdeel uit van (?:[\w-]+ )?(?:premium|pro|plus)\b|\bjest częścią (?:[\w-]+ )?(?:premium|pro|plus)\b"
    r"|\bingår i (?:[\w-]+ )?(?:premium|pro|plus)\b|\b(?:premium|pro|plus)[- ](?:only|exclusive)\b|\bavailable (?:only )?(?:on|with|in|to|for)"
    r" (?:premium|pro|plus|paid)\b|\brequires? (?:a |an )?(?:premium|pro|plus|paid) (?:plan|subscription|membership|account)\b"
    r"|\b(?:contenu|cours|formation|offre) (?:premium|payant)|\b(?:contenido|curso|plan) (?:premium|de pago)\b"
    r"|\bpremium-(?:inhalt|kurs|abo|mitglied)\w*|\b(?:contenuto|corso|piano) (?:premium|a pagamento)\b"
    r"|\b(?:conteúdo|curso|plano) (?:premium|pago)\b|\bpremium(?:inhoud|cursus|abonnement|lidmaatschap)\b"
    r"|\btreści? premium\b|\bпремиум\w*|\bücretli (?:içerik|plan|üyelik)\b|\bkonten premium\b|\bnội dung (?:premium|trả phí)\b"
    r"|会员专享|付费(?:会员|内容)|プレミアム(?:会員|プラン|限定)|프리미엄 (?:회원|전용|플랜)"
)


def upgrade_offer(page: Page) -> str | bool:
    """A short page that says the item is part of a paid tier and whose own control upgrades the reader to it
    ('This course is part of Premium – Upgrade to access', 'Contenido premium – Hazte Premium'), with or without
    a price: the item stands behind the plan."""
    if page.words > ASIDE_SALES_WORDS or page.content_words > FORM_DOMINATES_WORDS:
        return False
    tier = _PAID_TIER.search(page.text_lc)
    if tier is None:
        return False
    label = _offered(page, _UPGRADE_ACTION)
    return f"{tier.group(0)!r} and {label!r}" if label else False


#: a control that unlocks or opens what the page withholds, several languages
_UNLOCK_ACTION = re.compile(
    r"\bunlock|débloquer|desbloquear|freischalten|entsperren|sblocca|ontgrendel|odblokuj|lås upp|разблокир|открыть доступ"
    r"|kilidi aç|buka kunci|mở khóa|解锁|解鎖|ロック解除|잠금 해제"
)
#: what a priced button does: "Enroll now – $49", "Get the course for €99", "Subscribe $5/month"
_PRICED_ACTION = re.compile(
    r"enrol|register|subscribe|get |access|start|unlock|order|book|inscri|regístr|registr"
    r"|anmeld|abonn|suscr|assin|iscriv|inschrijv|zapisz|köp|kup|buch|reserv|登録|购买|報名|报名"
)
#: a control that enrols or books (not one that subscribes: a newsletter's "Subscribe" beside an unrelated price)
_ENROL_ACTION = re.compile(
    r"enrol|register|inscri|regístr|registr|anmeld|iscriv|inschrijv|zapisz|buch|reserv|\bbook\b|\border\b|登録|報名|报名"
    r"|수강신청|đăng ký|\bdaftar\b|записаться|kayıt ol|ลงทะเบียน|سجل|التسجيل|申し込|신청"
)
_ZERO_PRICE = re.compile(r"^(?:[$€£¥₹₩₽]\s?|(?:usd|eur|gbp|chf|r\$)\s?)?0+(?:[.,]0+)?(?:\s?\D{0,4})?$")


def _priced(label: str) -> re.Match | None:
    """A price in a button's words, unless the price is nothing ("$0", "0 €" means free)."""
    m = _PRICE.search(label)
    return m if m and not _ZERO_PRICE.match(m.group(0).strip()) else None


_LOCKED_STATE = re.compile(
    rb"[\"'](?:is_?)?(?:content|classroom|course|video|lesson|post|media|episode|module|chapter)_?locked[\"']\s*:\s*true"
    rb"|[\"'](?:is_?paywalled|paywalled|paywall_?active|requires_?(?:purchase|payment|subscription|membership)"
    rb"|(?:purchase|payment|subscription|membership)_?required)[\"']\s*:\s*true"
    rb"|requires?_(?:purchase|payment|subscription|membership)[\"']"
    # a course or item the app says is paid for (and so, to a reader signed in to nothing, not open)
    rb"|[\"'](?:is_?)?paid[\"']\s*:\s*true|[\"']is_?free[\"']\s*:\s*false"
)
_PRICE_STATE = re.compile(
    rb"[\"'](?:pricing|price|prices|price_?cents|amount|amount_?cents|plans)[\"']\s*:\s*[\[{\d\"']"
)


def paywall_state(page: Page) -> str | bool:
    """An app's state that locks the content and prices it."""
    markup = page.markup_lc
    if b"locked" not in markup and b"requir" not in markup and b"paywall" not in markup and b"paid" not in markup:
        return False
    locked = _LOCKED_STATE.search(markup)
    if locked is None or _PRICE_STATE.search(markup) is None:
        return False
    return f"app state {locked.group(0).decode('ascii', 'replace')!r} with a price"


def checkout_form(page: Page) -> str | bool:
    """A payment form that is the page: its button buys, it asks for a card, or it posts to a
    checkout beside a price (a product page's "I want this!")."""
    for form in _gate_forms(page):
        if _outside_words(page, form) > FORM_DOMINATES_WORDS:
            continue
        if any(_BUY_SUBMIT.search(t) for t in form.submits):
            return f"a checkout form ({form.submits[0]!r})"
        if any(_CARD_FIELD.search(f.words) for f in form.visible_fields):
            return "a form asking for a payment card"
        if _BUY_HREF.search(form.action) and _PRICE.search(page.text_lc):
            return f"a form posting to {form.action[:60]!r} beside a price"
    return False


#: a field asking for a payment card, several languages
_CARD_FIELD = re.compile(
    r"card.?number|cc-?num|card\[number\]|\bcvv\b|\bcvc\b|\bcsc\b|security code|expiry|expiration"
    r"|kartennummer|numéro de (?:la )?carte|número de (?:la )?tarjeta|número do cartão|numero (?:della )?carta"
    r"|kaartnummer|numer karty|номер карты|kart numarası|číslo karty|kártyaszám|αριθμός κάρτας"
    r"|nomor kartu|số thẻ|カード番号|卡号|카드 번호|kortnummer|kortin numero|numărul cardului"
)


#: a sign-in address: the path's last segments say log in / sign in / SSO
_SIGN_IN_TARGET = re.compile(
    r"/(?:log-?in|sign-?in|sign_in|log-?on|sign-?on|sso|auth/login|account/login|users/sign_in"
    r"|authenticate|oauth2?/(?:v[\d.]+/)?authorize|auth/authorize|saml2?/(?:sso|login))"
    r"(?:[/?#.\"']|$)",
    re.I,
)
_SCRIPT_REDIRECT = re.compile(rb"location(?:\.href)?\s*(?:=|\.replace\(|\.assign\()\s*[\"']([^\"']{0,300})")


def redirect_to_sign_in(page: Page) -> str | bool:
    """An empty page that sends the reader on to a sign-in address by itself: a meta
    refresh, or a script assigning ``location`` (an app shell without a session)."""
    refresh = page.metas.get("http-equiv:refresh") or ""
    url = refresh.partition("=")[2] if "url" in refresh.lower() else ""
    if url and _SIGN_IN_TARGET.search(url.strip(" '\"")):
        return f"meta refresh to {url.strip()}"
    markup = page.markup_lc
    if b"location" in markup:
        for match in _SCRIPT_REDIRECT.finditer(markup):
            target = match.group(1).decode("ascii", "replace")
            if _SIGN_IN_TARGET.search(target):
                return f"script redirect to {target}"
    return False


def no_challenge(page: Page) -> str | bool:
    """A 401 without ``WWW-Authenticate``: no credentials are asked for."""
    return "no WWW-Authenticate" if "www-authenticate" not in page.headers else False


#: a title that says "sign in": the word leads it, ends it, or stands after a separator
#: ("Acme | Login", "Inloggen – Portal"), in several languages; "Can't log in after ..." is a topic
#: ("Acesso aberto" is open access and "Anmeldung" also an event's registration: neither counts)
_SIGN_IN_WORDS = (
    r"(?:log ?in|sign ?in|sign ?on|login|logon|anmelden|einloggen|connexion|se connecter"
    r"|identification|iniciar sesi[oó]n|inicio de sesi[oó]n|iniciar sessão|accedi"
    r"|inloggen|aanmelden|zaloguj się|logowanie|logga in|inloggning|kirjaudu|přihlášení|giriş|prijava"
    r"|bejelentkezés|autentificare|σύνδεση|вход|войти|вхід|увійти|masuk|đăng nhập|تسجيل الدخول"
    r"|התחברות|כניסה|log ind|logg inn|ログイン|サインイン|登录|登入|로그인|เข้าสู่ระบบ|लॉग इन|साइन इन)"
)
_SIGN_IN_TITLE = (
    r"^\W*" + _SIGN_IN_WORDS + r"(?:$|[\s|\-–—:·•»,]|\b)",
    r"[|\-–—:·•»]\s*"
    + _SIGN_IN_WORDS
    + r"(?:\s*(?:$|[|\-–—:·•»])|\s+(?:to|in|with|at|bij|à|a|en|bei|na|do|til|till)\b)",
    _SIGN_IN_WORDS + r"\W*$",
    r"(?:^|[|\-–—:·•»]\s*)(?:member|members|staff|student|user|customer|client|partner|learner|employee|admin|portal"
    r"|secure|account|patient|provider|faculty|alumni|sso|single|mitglieder|membres|socios|utenti|leden) "
    r"(?:log ?in|login|logon|sign ?in|sign ?on|area|bereich|espace|área)\b",
)

_SIGN_IN_TITLE_RX = tuple(_Pattern.of(p) for p in _SIGN_IN_TITLE)

#: signing in to comment, reply, like or follow is no gate: the page is served
#: what a reader signs in for beside a served page: a comment, a reply, a question, saving, keeping progress,
#: taking a quiz, continuing on another device
_OPTIONAL_WORDS = (
    r"\b(?:comment|reply|post a|like|vote|rate|review|bookmark|save|follow|kommentier|antwort"
    r"|comentar|responder|commenter|répondre|commentare|rispondere|reageren|reactie|komentarz|kommentera"
    r"|коммент|комент|ответ|yorum|komentář|hozzászól|σχόλι|σχολι|komentar|bình luận|تعليق|תגובה|kommentere"
    r"|コメント|评论|댓글"
    r"|coment|question|ask\b|pergunta|pregunta|frage|domanda|vraag|pytani|odpowied|вопрос|soru|favo(?:u)?rit|guardar"
    r"|salvar|speichern|merken|enregistrer|sauvegarder|salvare|opslaan|zapisa|spara|сохран|kaydet|progress|progres"
    r"|fortschritt|voortgang|quiz|test\b|teste|exams?\b|certificat|zertifikat|certificado|certificato|another device"
    r"|outro dispositivo|otro dispositivo|autre appareil|anderen gerät|altro dispositivo|ander apparaat)"
)
#: the same, for scripts whose words run on from the particle before them (Arabic "لحفظ", "لإضافة تعليق")
_OPTIONAL_JOINED = r"(?:حفظ|تعليق|اختبار|سؤال|保存|收藏|提问|評論|저장|즐겨찾기|質問|お気に入り)"
#: a sign-in notice followed within a few words by one of those purposes is no gate
_NOT_TO_COMMENT = rf"(?![^.]{{0,30}}{_OPTIONAL_WORDS})(?![^.。]{{0,30}}{_OPTIONAL_JOINED})"

#: a members' or subscribers' notice, several languages (who pays is decided by :func:`offers_payment`)
_MEMBERS_ONLY_NOTICE = (
    r"\b(?:content|page|post|resource|video|recording|course|area|section|material|webinar|document|file|activit(?:y|ie)"
    r"|lecture|talk|podcast|report|chapter|lesson|event|tool|guide|toolkit"
    r"|training|module|article|episode)s? (?:is|are) (?:only )?(?:for|available to|accessible to|open to"
    r"|reserved for|restricted to) (?:our )?(?:[\w-]+ (?:and |or |& )?){0,4}(?:members|subscribers)(?: only)?\b",
    r"\bfor paid (?:subscribers|members)\b",
    # "the page you requested, "…", is available only to Professional and Premier members"
    r"\b(?:content|page|post|resource|video|recording|course|webinar|document|library|article|section|area)s?\b[^.]{0,80}?"
    r"\b(?:is|are) (?:available|accessible|open|reserved) only (?:to|for) (?:our |the )?(?:[\w-]+ (?:and |or |& )?){0,4}"
    r"(?:members|subscribers)\b",
    r"\b(?:is|are) (?:for )?(?:members?|subscribers?)[- ]only\b",
    r"\bfor members only\b",
    # a members-only area that this page is, not one a public page links to ("Members only area: log in")
    r"\b(?:this|the (?:following|requested)) (?:is a )?(?:page|area|section|resource|library|content) is (?:a )?"
    r"members[- ]only\b|\bthis is a members[- ]only (?:area|page|section|resource|library)\b",
    r"\bto (?:access|view|watch|read) this (?:content|page|post|video|recording|webinar),? you (?:must|need to)"
    r" (?:purchase|buy|subscribe|become a member|join|upgrade)\b",
    r"\b(?:become|join as) a (?:paid )?member to (?:access|view|watch|read|continue)\b",
    r"\bréservée?s? aux (?:membres|adhérents|abonnés)",
    r"\bsolo para (?:miembros|socios|suscriptores)\b",
    r"\bexclusivo para (?:membros|associados|sócios|assinantes)\b",
    r"\briservato ai (?:soci|membri|abbonati)\b",
    r"\bnur für (?:zahlende )?(?:mitglieder|abonnenten)",
    r"\bexklusiv für (?:zahlende )?(?:mitglieder|abonnenten|abonnentinnen|unterstützer)",
    r"\bexclusive (?:to|for) (?:our )?(?:paid |paying )?(?:members|subscribers|supporters|patrons)\b",
    r"\bexclusi(?:f|ve)s? (?:aux|pour les) (?:membres|abonnés|adhérents)\b",
    r"\bexclusivo (?:para|de) (?:miembros|socios|suscriptores)\b",
    r"\besclusiv[oa] (?:per|ai|agli) (?:soci|membri|abbonati|iscritti)\b",
    r"\bexclusief voor (?:leden|abonnees)\b",
    r"\bvoorbehouden aan (?:leden|abonnees)\b",
    r"\balleen voor (?:leden|abonnees)\b",
    r"\btylko dla (?:członków|subskrybentów)\b",
    r"\b(?:premium|paid|pro|plus) (?:content|members?|subscribers?|users?|accounts?|plans?) only\b",
    r"\bupgrade (?:now |your (?:plan|account|membership) )?to (?:premium|pro|plus|a paid (?:plan|membership|subscription)"
    r"|a higher (?:plan|tier)) to (?:access|view|watch|read|unlock|continue|download)\b",
    r"\b(?:purchase|payment|subscription) (?:is )?required to (?:access|view|watch|read|download|continue)\b",
    r"\b(?:join|subscribe|become a member) (?:now |today )?(?:to|and) (?:access|unlock|watch|view|read) (?:this|the|all)\b",
    r"\b(?:rejoignez|abonnez-vous|devenez membre)[^.]{0,20}? pour (?:accéder|débloquer|regarder|lire) (?:à )?(?:ce|cette|tout)",
    r"\b(?:únete|suscríbete|hazte miembro)[^.]{0,20}? para (?:acceder|desbloquear|ver|leer) (?:a )?(?:este|esta|todo)",
    r"\b(?:werde mitglied|jetzt mitglied werden|abonniere)[^.]{0,20}?,? um (?:diesen|dieses|diese|alle)\b",
    # patrons and supporters of a creator: a tier of support is a paid membership
    r"\b(?:available|only|exclusive) (?:to|for) (?:our )?(?:paying |paid )?(?:patrons|supporters|backers|sponsors)\b"
    r"|\b(?:patrons|supporters|backers)[- ]only\b",
    r"\bdostępn[yae] (?:tylko |wyłącznie )?dla (?:patronów|subskrybentów|członków|wspierających|abonentów)\b"
    r"|\bnur für (?:unterstützer|förderer|patrons?)\b|\bréservée?s? aux (?:soutiens|mécènes|contributeurs)\b"
    r"|\b(?:solo|exclusivo) para (?:mecenas|patrocinadores|suscriptores)\b|\bexclusivo para apoiadores\b"
    r"|\briservat[oa] ai sostenitori\b|\balleen voor (?:supporters|donateurs)\b"
    r"|\b(?:endast|bara) för (?:prenumeranter|medlemmar|supportrar)\b",
    r"(?:メンバー|会員|サポーター|有料会員)限定|購読者(?:限定|専用)|会员专享|仅限会员|大会员专享|vip(?:会员)?专享|付费(?:观看|内容)"
    r"|회원(?:에게)?만 (?:볼|읽을|이용할|열람할|시청할) 수 있|회원 전용 (?:글|게시물|콘텐츠|자료|강의|영상|게시판)입니다|только для (?:подписчиков|участников|патронов)|\bдоступно только (?:подписчикам|участникам)\b"
    r"|\bдоступн[оа] (?:только )?по подписке\b",
)

#: a notice that is quoted ("Why do I see 'This video is private'?") is a help page's topic
_NOT_QUOTED = r"(?<!['\"„«‹「『])"

#: a notice that the item or its account is private, or shared with chosen people only
_PRIVATE_NOTICE = (
    r"\b(?:because of|due to) (?:its|their|the (?:owner|creator|uploader|author)'s) privacy settings\b",
    r"\bprivacy settings (?:of|on|for) this (?:video|recording|content|post)\b",
    r"\b(?:this|the) (?:video|recording|media|entry|account|profile|channel|post|content|presentation|album|playlist"
    r"|clip|photo|board|project|webinar|course|track|episode|podcast|story|reel|stream|set|publication|document|file"
    r"|folder|deck|slideshow|group|community|space|workspace|site|page|event|meeting|collection|lesson|module"
    r"|notebook|map|design|gallery|showcase|library|book|magazine|issue) is (?:private|no longer public|not public"
    r"|set to private)\b",
    r"\b(?:these|this account's|their) (?:posts|tweets|videos) are protected\b|\bonly approved followers can see\b",
    r"\bthe (?:owner|creator|uploader|author) (?:of this \w+ )?has (?:made (?:it|this \w+)|set (?:it|this \w+) to)"
    r" private\b",
    r"\b(?:published|shared|visible|available) only (?:to|with) (?:its|the|their) (?:owner|creator|author|uploader)\b",
    r"\bonly (?:the )?(?:owner|people|users|accounts|viewers)(?: and [\w ]{1,40})? (?:it|this \w+) (?:was|is|has been)"
    r" shared with\b",
    r"\bfollow (?:this|the) account to see (?:their|its|the) (?:videos|posts|photos|content)\b",
    # the kinds of item a host shares, never "this clinic / practice is private"
    r"\b(?:cette|ce|cet) (?:vidéo|compte|contenu|enregistrement|publication|profil|fichier|dossier|chaîne|document"
    r"|présentation|projet|groupe|cours|page|site|tableau|espace|album|webinaire) est privée?\b",
    r"\b(?:este|esta|ese|esa) (?:vídeo|video|cuenta|contenido|grabación|publicación|perfil|archivo|canal|documento"
    r"|presentación|proyecto|grupo|curso|página|sitio|tablero|carpeta|espacio|álbum|webinario)"
    r" es privad[oa]\b",
    r"\b(?:dieses|diese|dieser) (?:video|konto|inhalt|aufnahme|beitrag|profil|datei|ordner|kanal|dokument|präsentation"
    r"|projekt|gruppe|kurs|seite|board|album|webinar) ist privat\b",
    r"\b(?:este|esta) (?:vídeo|conta|conteúdo|gravação|publicação|perfil|ficheiro|arquivo|canal|documento|apresentação"
    r"|projeto|grupo|curso|página|site|pasta|espaço|álbum) é privad[oa]\b",
    r"\b(?:questo|questa) (?:video|account|contenuto|registrazione|profilo|file|canale|documento|presentazione|progetto"
    r"|gruppo|corso|pagina|sito|cartella|spazio|album) è privat[oa]\b",
    r"\b(?:deze|dit) (?:video|account|inhoud|opname|profiel|bestand|kanaal|document|presentatie|project|groep|cursus"
    r"|pagina|site|map|album) is privé\b",
    r"\b(?:ten|to|ta) (?:film|konto|nagranie|profil|wideo|materiał|klip|kanał|plik|album|transmisja|kurs|wpis)"
    r" jest prywatn[eyay]\b",
    r"\b(?:den här|detta|det här) (?:videon?|kontot?|inspelningen|profilen) är privat\b",
    r"(?:動画|アカウント|コンテンツ|ページ|投稿|チャンネル)は非公開|私密账户|私密视频|仅(?:自己|作者)可见|비공개 (?:계정|동영상)",
    r"\b(?:has|have) (?:limited|restricted) who can (?:see|view|watch|access) (?:it|this)\b",
    r"\b(?:only|just) (?:visible|available|shared) (?:to|with) (?:their |the (?:owner's|author's) )?(?:friends|followers"
    r"|contacts|approved followers|a (?:limited|specific|selected) (?:audience|group))\b",
    r"\ba restreint (?:qui peut|l'audience)|\bha (?:limitado|restringido) quién puede ver\b"
    r"|\bhat (?:eingeschränkt|begrenzt), wer (?:es|dies) sehen kann\b",
    r"\b(?:это|данное|этот) (?:видео|запись|аккаунт|контент|материал|файл|канал)\s+(?:является )?(?:частн|приватн|закрыт)\w*"
    r"|\b(?:це|цей) (?:відео|запис|акаунт|файл) (?:є )?приватн\w*",
    r"\bbu (?:video|hesap|içerik|kayıt|dosya|kanal) (?:gizli|özel)(?:dir)?\b",
    r"\b(?:toto|tento|tato) (?:video|účet|obsah|záznam|soubor) je soukrom[ýáé]\b|\bez a (?:videó|fiók|tartalom|felvétel)"
    r" privát\b|\b(?:αυτό το|αυτός ο) (?:βίντεο|λογαριασμός|περιεχόμενο) είναι ιδιωτικ[όή]\b",
    r"\b(?:video|akun|konten|rekaman) ini (?:bersifat )?(?:pribadi|privat)\b|\b(?:video|tài khoản|nội dung) này (?:ở chế độ|là)"
    r" riêng tư\b",
    r"(?:هذا|هذه) (?:الفيديو|الحساب|المحتوى|التسجيل) (?:خاص|خاصة)|(?:סרטון|חשבון|תוכן) זה (?:פרטי|חסוי)",
    # Persian, Urdu, Bengali, Swahili, Filipino, Malay: "this video / account is private"
    r"(?:این|اين) (?:ویدیو|ویدئو|فیلم|حساب|کانال|محتوا|پست) (?:خصوصی|شخصی) (?:است|شده)"
    r"|(?:یہ|يہ) (?:ویڈیو|اکاؤنٹ|مواد) (?:نجی|پرائیویٹ) ہے|(?:এই )?(?:ভিডিওটি|ভিডিও|অ্যাকাউন্টটি) (?:ব্যক্তিগত|প্রাইভেট)"
    r"|\b(?:video|akaunti|maudhui) (?:hii|huu) ni (?:ya )?(?:faragha|binafsi)\b|\bpribado ang (?:video|account)\b"
    r"|\b(?:video|akaun|kandungan) ini (?:adalah )?peribadi\b"
    # Georgian, Armenian, Kazakh, Uzbek, Nepali, Tamil, Sinhala, Khmer, Amharic, Hausa
    r"|ეს (?:ვიდეო|ანგარიში) (?:პირადია|დახურულია)|այս (?:տեսանյութը|հաշիվը) (?:անձնական|փակ) է"
    r"|бұл (?:бейне|видео|аккаунт) (?:жеке|жабық)|\bbu (?:video|akkaunt) (?:shaxsiy|yopiq)\b|यो (?:भिडियो|खाता) निजी छ"
    r"|இந்த (?:வீடியோ|காணொளி|கணக்கு) தனிப்பட்ட|මෙම (?:වීඩියෝව|ගිණුම) පුද්ගලික|(?:វីដេអូ|គណនី)នេះជាឯកជន"
    r"|ይህ (?:ቪዲዮ|መለያ) የግል ነው|\bwannan (?:bidiyo|bidiyon) na sirri ne\b",
    r"(?:วิดีโอ|บัญชี|เนื้อหา)นี้เป็น(?:วิดีโอ)?ส่วนตัว|यह (?:वीडियो|खाता|सामग्री) निजी है",
    r"\b(?:denne|dette) (?:video(?:en)?|konto(?:en)?|indhold(?:et)?|optagelse(?:n)?|innhold(?:et)?|opptak(?:et)?) er privat\b"
    r"|\btämä (?:video|tili|sisältö|tallenne) on yksityinen\b|\b(?:acest|această) (?:videoclip|cont|conținut|înregistrare)"
    r" este privat[ăa]?\b",
    r"(?:此|该|這個|这个)(?:视频|影片|帐户|账户|账号|内容|录像)(?:为|是|已设为)?私(?:密|人|享)|私密(?:视频|影片)",
    r"\bдоступ(?:но|ен)? только (?:для )?(?:друзей|друзьям|владельц\w*|автор\w*)\b|\b(?:владелец|автор) огранич\w+ доступ\b"
    r"|\bприватное (?:видео|видеозапись|запись)\b",
    # the author or owner restricted access to it, in several languages
    r"\bthe (?:author|owner|creator|uploader)(?: of (?:this|the) \w+)? (?:has )?(?:restricted|limited) access\b"
    r"|\bl'(?:auteur|autrice|propriétaire) a (?:restreint|limité) l'accès\b|\bel (?:autor|propietario) (?:ha )?"
    r"(?:restringido|limitado) el acceso\b|\b(?:der autor|die autorin|der besitzer|die besitzerin) hat den zugriff"
    r" (?:eingeschränkt|beschränkt)\b|\bo (?:autor|proprietário) (?:restringiu|limitou) o acesso\b"
    r"|\bl'(?:autore|autrice|proprietario) ha (?:limitato|ristretto) l'accesso\b|\bde (?:auteur|eigenaar) heeft de"
    r" toegang beperkt\b",
    # a post shown only to the author's neighbours, friends or followers (blog platforms)
    r"(?:이웃|친구|팔로워)에게만 공개|비공개 (?:글|게시물|포스트)|(?:友達|フォロワー)(?:のみ|限定)に公開"
    r"|\bsadece (?:arkadaşlar|sahibi)\b|\bpouze pro přátele\b|(?:仅|只)(?:好友|朋友|粉丝)可见|友達(?:のみ|限定)公開",
    # the owner or the administrators narrowed who sees it: "limited the visibility of this page"
    r"\b(?:has|have) (?:limited|restricted) (?:the )?(?:visibility|audience) (?:of|for) (?:this|the|their|its)\b"
    r"|\b(?:a|ont) (?:limité|restreint) (?:la )?(?:visibilité|l'accès) (?:de|à) (?:cette|ce|cet)\b"
    r"|\b(?:ha|han) (?:limitado|restringido) la visibilidad de (?:esta|este)\b"
    r"|\b(?:hat|haben) die sichtbarkeit (?:dieser|dieses|des) [^.]{0,30}(?:eingeschränkt|begrenzt)\b"
    r"|\b(?:limitou|limitaram|restringiu|restringiram) a visibilidade (?:desta|deste)\b"
    r"|\b(?:ha|hanno) (?:limitato|ristretto) la visibilità (?:di questa|di questo|della|del)\b"
    r"|\b(?:heeft|hebben) de zichtbaarheid van (?:deze|dit) [^.]{0,30}beperkt\b",
    # the owner switched this very item to private ("this video has been made private", "cette vidéo a été rendue
    # privée", "この動画は非公開に設定されました"); a news item on someone's video made private names no "this"
    r"\bthis [\w-]+(?: [\w-]+)? (?:has been|was|is now|had been) (?:made|set(?: to)?|switched to|changed to|marked as)"
    r" private\b|\b(?:cette|ce|cet) [\w-]+ a été (?:rendue?|passée?|mise?|définie?) (?:en )?(?:mode )?privée?\b"
    r"|\b(?:este|esta) [\w-]+ (?:se ha|ha sido|fue) (?:hech|configurad|establecid|puest|marcad)[oa] (?:como |en )?privad[oa]\b"
    r"|\b(?:dieses|diese|dieser) [\w-]+ (?:wurde|ist) (?:auf )?privat (?:gestellt|geschaltet|gesetzt)\b|\b(?:este|esta) [\w-]+"
    r" foi (?:tornad|definid|configurad|marcad)[oa] (?:como )?privad[oa]\b|\b(?:questo|questa) [\w-]+ è stat[oa] (?:res"
    r"|impostat)[oa] (?:come )?privat[oa]\b|\b(?:deze|dit) [\w-]+ is (?:op )?privé (?:gezet|gemaakt|ingesteld)\b"
    r"|\b(?:ten|ta|to) [\w-]+ (?:został[aoy]?|jest) (?:ustawion|oznaczon)[aey] jako prywatn|\b(?:den här|detta|det här)"
    r" [\w-]+ har (?:gjorts|satts) (?:till )?privat\b|\b(?:это|этот|эта) [\w-]+ (?:был[аои]? )?(?:сделан|переведен|переведён)"
    r"[аоы]? в (?:частн|приватн|закрыт)\w*|\bbu [\w-]+\b[^.]{0,40}gizli (?:olarak ayarlandı|yapıldı)|\b(?:video|konten|akun) ini\b[^.]{0,40}"
    r"(?:menjadikannya|dijadikan|diatur (?:ke|menjadi)|diubah menjadi) (?:pribadi|privat)\b|\b(?:video|nội dung|tài khoản) này\b"
    r"[^.]{0,40}(?:đặt|chuyển) (?:ở|sang|về) chế độ riêng tư|(?:بجعل|جعل) (?:هذا|هذه) [^.]{0,20}(?:خاصًا|خاصا|خاصة)"
    r"|(?:この|本)[^。]{0,30}非公開に(?:設定|変更|され)|(?:该|此|这个|本)[^。]{0,20}(?:设为|设置为|改为|設為|設定為)(?:私密|私人"
    r"|仅自己可见)|이 [^.]{0,20}비공개로 (?:설정|전환|변경)",
    # only people the owner invited may see it (an invitation-only board, video or space), of this very item
    r"(?:\bonly (?:invited (?:people|users|members|viewers|guests|participants)|(?:people|users|members) (?:who (?:were|have been)"
    r" )?invited(?: by the owner)?) (?:can|may) (?:view|see|watch|access|open)\b|\bseules? les personnes invitées peuvent"
    r" (?:voir|accéder|consulter|regarder)\b|\bsolo (?:las personas|los usuarios|los miembros) invitad[oa]s pueden (?:ver|acceder)"
    r"\b|\bnur eingeladene (?:personen|nutzer(?:innen)?|mitglieder|teilnehmende) (?:können|dürfen)\b|\bapenas (?:pessoas|usuários"
    r"|membros) convidad[oa]s (?:podem|conseguem) (?:ver|acessar|assistir)\b|\bsolo (?:le persone|gli utenti|i membri)"
    r" invitat[ie] possono (?:vedere|accedere)\b|\balleen uitgenodigde (?:personen|gebruikers|leden|deelnemers) (?:kunnen|mogen)\b"
    r"|\btylko zaproszone osoby mogą\b|\bendast inbjudna (?:personer|användare) kan\b|\bтолько приглаш[её]нные"
    r" (?:пользователи|участники|люди) могут\b)[^.]{0,20}?\b(?:this|it|este|esta|esto|ce|cet|cette|le|la|dieses|diese|diesen|es|questo|questa|deze|dit|ten|tę|to"
    r"|den här|detta|этот|это|эту)\b"
    r"|招待された(?:ユーザー|人|メンバー|方)(?:のみ|だけ)|仅(?:受邀|被邀请)(?:的)?(?:用户|成员|人员)|초대된 (?:사용자|사람|멤버)만",
    # this video is for its channel's members (a video channel's membership, as YouTube's members-only videos)
    r"\b(?:this|the) (?:video|stream|live ?stream|post|content|episode) is (?:available )?(?:only )?(?:to|for) (?:the )?"
    r"(?:channel(?:'s)? members|members of (?:this|the) channel)\b"
    r"|\beste (?:vídeo|video|contenido) (?:solo |sólo )?(?:está )?(?:disponible )?(?:solo |sólo |únicamente )?para (?:los )?"
    r"miembros del canal\b|\b(?:cette vidéo|ce contenu) est (?:uniquement )?(?:réservée?|disponible) (?:uniquement )?(?:aux|pour"
    r" les) membres de (?:la|cette) chaîne\b|\b(?:dieses video|dieser inhalt) ist nur für (?:kanalmitglieder|mitglieder (?:dieses"
    r"|des) kanals)\b|\beste (?:vídeo|conteúdo) (?:está disponível )?(?:apenas|somente|só) para (?:os )?membros do canal\b"
    r"|\bquesto (?:video|contenuto) è (?:disponibile )?(?:solo|soltanto) per i membri del canale\b|\b(?:deze video|deze content)"
    r" is alleen (?:beschikbaar )?voor (?:kanaalleden|leden van dit kanaal)\b|\btylko dla (?:członków|sponsorów) kanału\b"
    r"|\bтолько (?:для )?спонсор\w* канала\b|\byalnızca kanal üyeler\w*|メンバー限定(?:の)?(?:動画|コンテンツ)"
    r"|채널 멤버십 (?:전용|가입자만)|(?:仅限|仅供)频道会员",
    # restricted to invited people ("This content is restricted to invited participants")
    r"\b(?:this|the) [\w-]+ is (?:restricted|limited|available only|only available|reserved) (?:only )?(?:to|for) invited"
    r" (?:participants|people|users|members|guests|attendees|viewers)\b|\bréservée? aux (?:personnes|participants|membres)"
    r" invités\b|\b(?:restringid|reservad)[oa] a (?:las personas|los participantes|los usuarios) invitad[oa]s\b|\bnur für"
    r" eingeladene (?:personen|teilnehmende|teilnehmer\w*|gäste)\b|\b(?:restrit|reservad)[oa] a (?:pessoas|participantes)"
    r" convidad[oa]s\b|\b(?:riservat|limitat)[oa] (?:alle persone|ai partecipanti) invitat[ie]\b|\balleen voor genodigden\b",
    # the owner kept it for themselves or for people they chose ("только для себя", "wyłącznie on sam")
    r"\b(?:owner|author|uploader|creator) (?:has )?(?:made|set|left|restricted|limited|marked)\b[^.]{0,50}?\b(?:only|just)"
    r" (?:for|to) (?:themselves|himself|herself)\b"
    r"|\b(?:владел\w*|автор\w*)\b[^.]{0,60}?только (?:для )?себ[яе]\b|\b(?:właściciel\w*|autor\w*)\b[^.]{0,80}?"
    r"(?:wyłącznie|tylko) (?:on sam|ona sama|dla siebie)\b|\b(?:propriétaire|auteur)\b[^.]{0,60}?(?:uniquement|seulement)"
    r" pour (?:lui|elle)(?:-même)?\b|\b(?:propietario|autor)\b[^.]{0,60}?solo para (?:sí|él|ella)(?: mism[oa])?\b"
    r"|\b(?:eigentümer|besitzer|autor)\w*\b[^.]{0,60}?nur für sich(?: selbst)?\b|\b(?:proprietário|autor)\b[^.]{0,60}?"
    r"(?:apenas|só) para (?:si|ele|ela)(?: mesm[oa])?\b|\b(?:eigenaar|auteur)\b[^.]{0,60}?alleen voor zichzelf\b"
    r"|\b(?:ägaren|upphovsperson\w*)\b[^.]{0,60}?bara för sig själv\b|(?:投稿者|所有者|作成者)[^。]{0,20}自分(?:のみ|だけ)"
    r"|(?:上传者|作者|所有者)[^。]{0,20}仅(?:自己|本人)|(?:업로더|작성자|소유자)[^.]{0,20}나만 보기",
    # the owner, streamer or host set it so that only a chosen audience may watch ("구독팬만 시청할 수 있도록 설정")
    r"\b(?:owner|streamer|creator|uploader|author|host|broadcaster)(?: of (?:this|the) \w+)? (?:has )?(?:set|made|limited"
    r"|restricted) (?:this|it|the) [^.]{0,40}?(?:so only|so that only) (?:\w+ ){1,3}(?:can|may) (?:watch|view|see|access|join)\b"
    r"|(?:스트리머|소유자|업로더|작성자|크리에이터|방송자|BJ)[가이]?\s[^.]{0,40}?(?:만|에게만) (?:시청|볼|입장|참여)[^.]{0,15}설정"
    r"|(?:配信者|投稿者|所有者|作成者)が[^。]{0,30}(?:のみ|だけ)(?:が)?(?:視聴|閲覧|参加)(?:できる|可能)[^。]{0,10}設定"
    r"|(?:主播|上传者|作者|所有者)(?:已)?(?:将|把)?[^。]{0,20}设置为仅[^。]{0,10}(?:可|能)(?:观看|查看)"
    r"|(?:구독팬|팬) 전용 (?:방송|영상)|(?:メンバー|ファン)(?:シップ)?限定(?:配信|動画)",
    # the owner turned off playback on other sites or in external players (an embed of a video that is not shared)
    r"\b(?:playback|embedding) (?:on other (?:websites|sites)|in (?:external|other) players) (?:has been|was|is) disabled"
    r"|\b(?:owner|uploader|creator|publisher)(?: of (?:this|the) video)? (?:has )?disabled (?:playback|embedding)\b"
    r"|\bembedding (?:has been |was |is )?disabled by the (?:owner|uploader|creator)\b"
    r"|\b(?:владел\w*|автор\w*)[^.]{0,30}?запретил\w* (?:его |её |ее )?(?:воспроизведение|встраивание|просмотр)"
    r" (?:во внешних плеерах|на (?:других|сторонних) сайтах)|\bвстраивание (?:видео )?(?:отключено|запрещено)"
    r"|\blecture sur d'autres sites[^.]{0,20} désactivée par le propriétaire|\breproducción en otros sitios web[^.]{0,30}"
    r"(?:inhabilitada|deshabilitada|desactivada)|\bpropietario[^.]{0,30}(?:inhabilitado|deshabilitado|desactivado) la"
    r" reproducción\b|\bwiedergabe auf anderen websites[^.]{0,30}deaktiviert|\breprodução em outros sites[^.]{0,30}"
    r"desativada|\briproduzione su altri siti[^.]{0,30}disattivata|\bafspelen op andere websites[^.]{0,30}uitgeschakeld"
    r"|\bodtwarzanie (?:w|na) innych (?:witrynach|stronach)[^.]{0,30}wyłączon|\buppspelning på andra webbplatser[^.]{0,30}"
    r"inaktiverat|他の(?:ウェブ)?サイトでの再生を無効|(?:禁止|不允许)在(?:其他|第三方)网站(?:上)?播放"
    r"|다른 (?:웹사이트|사이트)에서(?:의)? 재생을 (?:중지|사용 중지|차단)",
    # an embed the owner allows only on the sites they chose (a video host's domain restriction)
    r"\b(?:owner|creator|publisher|uploader|author)(?: of (?:this|the) \w+)? (?:only )?(?:allows|permits|lets)"
    r" (?:it|this \w+|the \w+) (?:only )?to be (?:embedded|played|shown|viewed) (?:only )?on\b",
    r"\b(?:can't|cannot|can not|may not) be (?:played|embedded|viewed|shown) (?:here|on this (?:website|site|domain|page))\b",
    r"\bcan only be (?:played|embedded|viewed|shown|watched) on (?:the )?(?:sites|websites|domains|pages) (?:that )?(?:the"
    r" (?:publisher|owner|creator|uploader|distributor) )?(?:approved|allowed|authori[sz]ed|permitted|chosen|whitelisted)\b",
    r"(?:配信元|所有者|投稿者|権利者)が(?:許可|承認)した(?:Web|ウェブ)?(?:サイト|ドメイン|ページ)(?:上)?でのみ(?:再生|視聴|表示)"
    r"|仅(?:限|能|可)在(?:授权|指定|允许)的?(?:网站|域名)(?:上)?(?:播放|观看)|(?:허용|승인)된 (?:사이트|도메인)에서만 재생"
    r"|\bne (?:peut|peuvent) être (?:lue?s?|regardée?s?) que sur les sites (?:autorisés|approuvés)"
    r"|\bsolo se puede (?:reproducir|ver) en (?:los )?sitios (?:autorizados|aprobados)"
    r"|\bnur auf (?:vom|von der|von dem) [\w-]+ (?:freigegebenen|erlaubten|zugelassenen) (?:websites|seiten|domains)"
    r"|\bsó pode ser (?:reproduzido|assistido) (?:em|nos) sites (?:autorizados|aprovados)"
    r"|\bpuò essere riprodotto solo sui siti (?:autorizzati|approvati)"
    r"|\bможно (?:воспроизвести|смотреть) только на (?:разрешённых|разрешенных|одобренных) (?:сайтах|доменах)"
    r"|\b(?:sites|websites|domains) (?:that |which )?the (?:owner|publisher|creator|uploader) (?:has )?(?:approved|allowed"
    r"|authori[sz]ed|chosen)\b|\b(?:has )?(?:restricted|limited) where (?:it|this video|the video) (?:can|may) be (?:played"
    r"|shown|embedded)\b|\bwebbplatser som ägaren (?:har )?godkänt\b|\bhar begränsat var (?:videon|den) får (?:spelas upp"
    r"|visas)\b|\bnettsteder som eieren (?:har )?godkjent\b|\bwebsteder,? som ejeren (?:har )?godkendt\b"
    r"|\bsivustoilla,? jotka omistaja on hyväksynyt\b|\bwitrynach zatwierdzonych przez właściciela\b",
    # the owner switched the item (or its channel) to private, several languages
    r"\b(?:owner|creator|uploader|author)s?\b[^.]{0,40}?\b(?:has|have) (?:set|made|switched|changed) (?:it|this|the|their|its)\b"
    r"[^.]{0,25}?\b(?:to )?private\b|\b(?:besitzer|eigentümer|inhaber|ersteller|autor)\w*\b[^.]{0,60}?\bauf\W{0,3}privat"
    r"\W{0,3} (?:gestellt|gesetzt|geschaltet)\b|\b(?:a|ont) (?:rendu|défini|mis|passé) (?:cette|ce|cet|la|le|sa|son) \w+"
    r" (?:en )?privée?\b|\b(?:ha|han) (?:hecho|configurado|puesto|marcado|vuelto) (?:este|esta|el|la|su) \w+ (?:como )?"
    r"privad[oa]\b|\b(?:tornou|definiu|colocou|configurou) (?:este|esta|o|a|seu|sua) \w+ (?:como )?privad[oa]\b"
    r"|\bha (?:reso|impostato) (?:questo|questa|il|la) \w+ (?:come )?privat[oa]\b|\bheeft (?:deze|dit|de|het|zijn|haar)"
    r" \w+ (?:op )?privé (?:gezet|gemaakt|ingesteld)\b|\bustawi\w* (?:ten|tę|to|ta|swój|swoją) \w+ jako prywatn\w*"
    r"|\bhar (?:gjort|satt|ställt in) (?:den här|detta|det här|sin|sitt) \w+ (?:som |till )?privat\b",
    r"\bne peut pas être (?:lue|lu|intégrée?|affichée?) (?:ici|sur ce site)\b|\bno se puede (?:reproducir|ver|insertar)"
    r" en este (?:sitio|dominio)\b|\bkann auf dieser (?:website|seite|domain) nicht (?:abgespielt|angezeigt|eingebettet)"
    r" werden\b|\bnão pode ser (?:reproduzido|visto|incorporado) (?:aqui|neste site)\b|\bnon può essere (?:riprodotto"
    r"|visualizzato|incorporato) su questo (?:sito|dominio)\b|\bkan niet (?:worden )?(?:afgespeeld|bekeken|ingesloten)"
    r" (?:worden )?op deze (?:website|site)\b",
)

#: what a page says when something on it is sold: a price, paying, a trial, an upgrade
_PAYMENT_WORDS = re.compile(
    r"\bpaid\b|\bpremium\b|\bpurchas|\bbuy\b|\bupgrade|\bpricing\b|\bfree trial\b|\b(?:start|try) (?:a |your )?trial\b"
    r"|\btrial (?:period|subscription)\b|\bpayant|\bpayer\b|essai gratuit|\bde pago\b|\bpagar\b|prueba gratuita|kostenpflichtig|\bbezahl"
    r"|probeabo|\bkaufen|\bpago\b|pagamento|\bpagos\b|teste grátis|avaliação gratuita|a pagamento|prova gratuita"
    r"|\bbetaald|\bbetalen\b|proefperiode|płatn|оплат|купит|платн|ücretli|satın|zaplat|placen|fizet|előfizet"
    r"|berbayar|trả phí|有料|付费|付費|유료|\bbetal|maksullinen|plăt"
)
_PAYMENT_HREF = re.compile(
    r"/(?:pricing|plans?|membership-levels|levels|checkout|purchase|product|shop|buy|upgrade"
    r"|cart|basket|billing|payment|offers?|offres?|angebote?|ofertas?|offerte|aanbod|abonnement"
    r"|abonnements|abonnementen|abonnemang|abo|suscripci[oó]n|assinatura|abbonamento|tarifs?|preise|precios|prezzi)\b"
    r"|[?&](?:level|plan|price|tier|offer)="
)


#: an action that joins an organisation as a member (membership is paid for, unless it says free);
#: a bare "Join" is not one: communities and free tiers say it too
_JOIN_ACTION = re.compile(
    r"become a member|join the (?:society|association|college|academy)|membership"
    r"|mitglied werden|devenir membre|adhérer|hazte socio|hacerse (?:miembro|socio)|asóciate"
    r"|torne-se (?:membro|sócio)|associe-se|diventa socio|associati|lid worden|word lid"
    r"|zostań członkiem|bli medlem"
)
_FREE = re.compile(r"\bfree\b|gratuit|kostenlos|gratis|grátis|gratuito|gratuita")


#: a metered wall's count of free articles: the page in front of it is served
_METERED = re.compile(
    r"\b(?:[1-9]\d?|one|two|three|four|five) (?:of|out of) (?:your )?(?:\d+|three|four|five|ten) free (?:articles|stories"
    r"|reads)\b|\b(?:have|still have|you've got) (?:[1-9]\d?|one|two|three|four|five) free (?:articles?|stories|reads)\b"
    r"|\b(?:[1-9]\d?|one|two|three|four|five) free (?:articles?|stories|reads) (?:left|remaining)\b"
    r"|\b(?:einen|eine|[1-9]\d?) von (?:\d+|fünf|zehn) kostenlosen artikeln\b|\bnoch (?:[1-9]\d?|einen|eine|zwei|drei)"
    r" kostenlose[n]? artikel|\b(?:il vous reste|plus que) (?:[1-9]\d?|un|deux|trois) articles? gratuits?"
    r"|\b(?:te quedan|le quedan|quedan) (?:[1-9]\d?|un|dos|tres) artículos? gratuitos?|\b[1-9]\d? de \d+ artículos gratuitos"
    r"|\b(?:restam|você tem|tem mais) (?:[1-9]\d?|um|dois|três) artigos? gratuitos?|\b(?:ti restano|hai ancora) "
    r"(?:[1-9]\d?|un|due|tre) articoli gratuiti|\bnog (?:[1-9]\d?|een|twee|drie) gratis artikel(?:en)?\b"
    # any language: a count "n of m" or "n/m" beside the word for free ("3 av 5 gratis artiklar", "2 z 5 darmowych")
    r"|\b[1-9]\d?\s?(?:/|of|out of|av|af|z|de|di|van|von|из|από|dari)\s?\d{1,2}\b[^.]{0,30}?(?:free|gratis|gratuit"
    r"|kostenlos|darmow|бесплатн|ücretsiz|zdarma|ingyenes|δωρεάν|無料|免费|무료)"
    r"|\b(?:du har|har du) (?:[1-9]\d?|en|ett|två|tre) (?:gratis|fria) artikl(?:ar|er) kvar\b"
    r"|\b(?:pozostał[oay]?|masz (?:jeszcze )?) (?:[1-9]\d?|jeden|dwa|trzy) darmow|\bосталось [1-9]\d? бесплатн"
    r"|無料で読める記事は残り|残り[1-9０-９]\d?本"
    # a news site counts "notes", "news" or "contents" rather than articles
    r"|\b(?:te|le|nos) quedan? (?:[1-9]\d?|una?|dos|tres) (?:notas?|noticias?|contenidos?|artículos?) (?:gratuit[oa]s?|gratis)\b"
    r"|\b(?:restam|resta|você tem) (?:[1-9]\d?|uma?|duas|dois|três) (?:matérias?|notícias?|conteúdos?) (?:gratuit[oa]s?|grátis)\b"
    r"|\b(?:il vous reste|plus que) (?:[1-9]\d?|un|une|deux|trois) (?:contenus?|actualités?) gratuit(?:e?s?)\b"
    r"|\b(?:ti restano|hai ancora) (?:[1-9]\d?|una?|due|tre) (?:notizie|contenuti) gratuit[ie]\b"
)


#: an article that says it is open access (several languages), and the licence or PDF that show it
_OPEN_ACCESS = re.compile(
    r"\bopen[- ]access\b|\bacceso abierto\b|\baccès (?:libre|ouvert)\b|\bfrei zugänglich\b"
    r"|\bacesso aberto\b|\baccesso aperto\b|\bvrij toegankelijk\b|\bopen toegang\b"
)
_FREE_LICENCE = re.compile(r"creative ?commons|\bcc[ -]by\b")


#: a control that downloads the article's PDF (several languages), or a link to a .pdf
_PDF_ACTION = re.compile(
    r"\b(?:download|télécharger|descargar|baixar|scarica|herunterladen|downloaden|pobierz|ladda ner|скачать)\b[^|]{0,20}\bpdf\b"
    r"|\bpdf\b[^|]{0,12}\b(?:download|herunterladen|downloaden|télécharger|descargar|baixar|scaricare)\b"
)


def offers_its_pdf(page: Page) -> bool:
    """One of the page's own controls (not the site's chrome) hands over a PDF: the full text is given away."""
    return any(
        not in_chrome and (_PDF_ACTION.search(label) or href.lower().split("?")[0].endswith(".pdf"))
        for href, label, in_chrome in page.actions
    )


#: a PDF that previews the item rather than being it: a sample, a table of contents, an excerpt
_PREVIEW = re.compile(
    r"preview|sample|excerpt|table of contents|\btoc\b|leseprobe|inhaltsverzeichnis|extrait|sommaire|muestra|índice"
    r"|anteprima|indice|amostra|sumário|inkijkexemplaar|inhoudsopgave|fragment|spis treści|ознакомительн|оглавлени"
)


def keeps_its_file(page: Page) -> str | bool:
    """None of the page's own controls hands over the full PDF (a preview aside)."""
    return not _gives_its_pdf(page)


def _gives_its_pdf(page: Page) -> bool:
    """One of the page's own controls hands over a PDF that is not a preview (a sample, a table of contents)."""
    return any(
        not in_chrome
        and (_PDF_ACTION.search(label) or href.split("?")[0].endswith(".pdf"))
        and not _PREVIEW.search(label + " " + href)
        for href, label, in_chrome in page.actions
    )


#: the page's own content under a free licence, declared as such: a licence statement whose subject is the work, or
#: the page's licence metadata (a caption crediting a photo's licence names the photo)
_LICENSED_FREELY = re.compile(
    r"\b(?:this|the) (?:work|book|textbook|chapter|article|text|content|course|guide|document|material|publication"
    r"|lesson|module)\b[^.]{0,80}\bis licen[cs]ed under (?:a |the )?(?:creative commons|cc[ -]by)\b"
    r"|\b(?:cette|cet|ce) (?:œuvre|ouvrage|livre|chapitre|article|contenu|cours|guide|document)\b[^.]{0,80}\best (?:mise? )?"
    r"(?:à disposition )?sous (?:la )?licence (?:creative commons|cc[ -]by)\b|\b(?:esta|este|esta obra|este livro|este"
    r" libro)\b[^.]{0,80}\b(?:está|é) (?:licenciad[oa]|disponibilizad[oa]) (?:bajo|sob) (?:una |uma |a )?licen[cç]ia"
    r" (?:creative commons|cc[ -]by)\b|\b(?:dieses|dieser|diese) (?:werk|buch|kapitel|artikel|inhalt|kurs)\b[^.]{0,80}"
    r"\bsteht unter (?:einer|der) (?:creative-commons|cc[ -]by)"
)
_FREE_LICENCE_META = re.compile(
    rb"<link\b[^>]*\brel\s*=\s*[\"']?license\b[^>]*creativecommons\.org|<meta\b[^>]*\bname\s*=\s*"
    rb"[\"'](?:dc\.rights|dcterms\.license|dc\.license|dcterms\.rights)[\"'][^>]*\bcontent\s*=\s*[\"'](?:cc[ -]by|creative ?commons"
    rb"|https?://creativecommons\.org)"
)
#: the page invites the reader to read it free, here (several languages); a free trial's "read free for 7 days" is a sale
_READ_FREE_HERE = re.compile(
    r"\bread (?:the |this )?(?:full |complete |whole |entire )(?:chapter|article|text|guide|book) (?:for free|free of charge)\b"
    r"|\bleia (?:gratuitamente|grátis|de graça)\b|\blea (?:gratis|gratuitamente)\b|\blee (?:gratis|gratuitamente)\b"
    r"|\blisez gratuitement\b|\b(?:jetzt )?kostenlos lesen\b|\bleggi gratuitamente\b|\blees (?:gratis|kosteloos)\b"
    r"|\bczytaj (?:za darmo|bezpłatnie)\b|\bläs gratis\b"
)
_TRIAL_SPAN = re.compile(
    r"\b(?:trial|prueba|essai|probe\w*|teste|prova|proef\w*|próbn\w*|provperiod)|\b\d+ (?:days?|dias|días|jours|tage[n]?"
    r"|giorni|dagen|dni|dagar|weeks?|semanas?|semaines?|wochen|settimane|weken|tygodni|veckor)\b|\b(?:months?|monat\w*"
    r"|mois|mes|meses|mese|mesi|maand\w*|miesi\w+|månad\w*)\b"
)


def _offered_free_here(page: Page) -> bool:
    """The page's own content is given away, by its licence or its own invitation to read it here free."""
    text = page.text_lc
    if _LICENSED_FREELY.search(text) or _FREE_LICENCE_META.search(page.markup_lc[:20_000]):
        return True
    m = _READ_FREE_HERE.search(text)
    if m is None:
        return False
    return not _TRIAL_SPAN.search(text[max(0, m.start() - 80) : m.end() + 80])


def not_served_free(page: Page) -> str | bool:
    """The page's content is served despite an offer: its JSON-LD says isAccessibleForFree
    true, a metered wall counts the free articles read (the banner over a served page), or
    the article says it is open access and shows a free licence or its PDF (a publisher's
    "Access through your institution" box stays on open articles too)."""
    if _METERED.search(page.text_lc):
        return False
    if _offered_free_here(page):
        return False
    if _OPEN_ACCESS.search(page.text_lc) and (
        _FREE_LICENCE.search(page.text_lc)
        or page.meta("citation_pdf_url")
        or b"creativecommons.org/licenses" in page.markup_lc
        or offers_its_pdf(page)
    ):
        return False
    if any("isaccessibleforfree" in b.lower() for b in page.json_ld_blocks) and any(
        str(item.get("isAccessibleForFree")).strip().lower() == "true"
        for item in page.json_ld
        if isinstance(item, dict)
    ):
        return False
    return True


def offers_payment(page: Page) -> str | bool:
    """Something is sold on the page: a price, paying words, or an action that leads to a
    plan, a price list or a checkout. Members-only content is a paywall only then."""
    price = _PRICE.search(page.text_lc)
    if price:
        return f"a price ({price.group(0)!r})"
    words = _PAYMENT_WORDS.search(page.text_lc)
    if words:
        return f"{words.group(0)!r}"
    for href, label, in_chrome in page.actions:
        if in_chrome:
            continue
        if _PAYMENT_HREF.search(href):
            return f"a link to {href!r}"
        if _JOIN_ACTION.search(label) and not _FREE.search(label):
            return f"{label!r}: joining is paid for"
    return False


#: a player or page refusing the reader's country or location, several languages
_GEO_NOTICE = (
    r"(?:\bnot|n't) (?:available|accessible|viewable|licensed|playable) (?:to viewers )?in your (?:country|region"
    r"|location|territory|area)\b|\bunavailable in your (?:country|region|location|territory|area)\b",
    r"\b(?:error code: )?client_geo\b",
    r"\bgeo-?(?:restricted|blocked)\b",
    # not available where the reader is: country, region, area, location or territory, any of them, each language
    r"\b(?:n'est|ne sont) pas (?:disponibles?|accessibles?) (?:dans|depuis) votre (?:pays|région|zone(?: géographique)?"
    r"|localisation|territoire|emplacement)\b",
    r"\bno (?:está|están) (?:disponibles?|accesibles?) (?:en|desde) (?:tu|su) (?:país|región|zona(?: geográfica)?|ubicación"
    r"|territorio|área)\b",
    r"\bin (?:ihrem|deinem|ihrer|deiner) (?:land|region|gebiet|standort)\b[^.]{0,20}\bnicht (?:verfügbar|abrufbar|zugänglich)\b",
    r"\bnon (?:è|sono) (?:disponibil[ei]|accessibil[ei]) (?:nel tuo|nella tua|dal tuo|dalla tua) (?:paese|regione|area"
    r"(?: geografica)?|zona|posizione|territorio)\b",
    r"\bnão (?:está|estão) (?:disponíve(?:l|is)|acessíve(?:l|is)) (?:no seu|em seu|no teu|na sua|na tua|em sua) (?:país|região"
    r"|área|localização|território|zona)\b",
    r"\bniet beschikbaar (?:in|op) (?:jouw|uw) (?:land|regio|gebied|locatie)\b",
    r"\b(?:niedostępn[eyia]|nie jest dostępn[yaeo]) w (?:twoim|twoją|twojej|twoim) (?:kraju|regionie|lokalizacji)\b"
    r"|\binte tillgänglig i (?:ditt|din) (?:land|region|område)\b",
    r"(?:所在|您的)(?:的)?(?:地区|国家|區域|地區)[^。]{0,12}(?:无法|不能|無法)(?:观看|播放|访问|觀看)"
    r"|お住まいの(?:地域|国)では[^。]{0,12}(?:視聴|ご利用|再生)できません|해당 (?:국가|지역)에서[^.]{0,12}(?:시청|재생)할 수 없"
    r"|仅限(?:中国)?(?:大陆|港澳台)地区",
    r"\bнедоступн[оаы]? (?:в|для) (?:вашей|вашего) (?:стране|региона|регионе)\b|\bнедоступне у вашій країні\b"
    r"|\bülkenizde (?:kullanılamıyor|mevcut değil|izlenemiyor)\b|\bnení ve vaší zemi (?:dostupné|k dispozici)\b"
    r"|\bnem érhető el (?:az )?(?:országodban|országában|ön országában)\b|\bδεν είναι διαθέσιμο στη χώρα σας\b",
    r"\btidak tersedia di negara anda\b|\bkhông (?:khả dụng|có sẵn) (?:ở|tại) quốc gia của bạn\b"
    r"|غير متاح في (?:بلدك|منطقتك|دولتك)|אינו זמין במדינה שלך|ไม่พร้อมให้บริการในประเทศของคุณ|आपके देश में उपलब्ध नहीं"
    r"|\bikke tilgængelig i dit land\b"
    r"|\bikke tilgjengelig i (?:ditt|ditt) land\b|\bei ole saatavilla maassasi\b|\bnie je (?:dostupné|k dispozícii) vo"
    r" vašej krajine\b|\bnije dostup(?:an|no|na) u vašoj (?:zemlji|državi|regiji)\b|\bне е достъпн[оа] във вашата (?:страна"
    r"|държава)\b|\bni na voljo v vaši državi\b|\bnepasiekiama[s]? jūsų šalyje\b|\bnu este disponibil în țara"
    r" (?:dvs|ta|dumneavoastră)\b",
    r"\b(?:can't|cannot|can not|isn't|is not|not) (?:be )?(?:played|watched|viewed|streamed|shown|available)\b[^.]{0,30}"
    r"\b(?:(?:from|in) )?where you are\b|\b(?:the )?(?:country|region) you(?:'re| are) (?:connecting|browsing|watching"
    r"|visiting) from\b",
    # refused where the reader is now, or because the reader seems to be abroad, in more languages (a negation first)
    r"\b(?:not|n't|cannot|ne|pas|no|nicht|kein\w*|non|não|niet|geen|nie|inte|ikke|ikkje|ei)\b[^.]{0,40}(?:\blà où vous (?:êtes"
    r"|vous trouvez)|\bdonde (?:estás|te encuentras|se encuentra)|\bwo (?:sie sich|du dich) (?:gerade )?(?:befinden"
    r"|befindest)|\bonde (?:você está|se encontra|estás)|\bdove (?:ti trovi|si trova)|\bwaar (?:je|u) (?:nu )?(?:bent"
    r"|zich bevindt)|\btam,? gdzie (?:jesteś|się znajdujesz)|\bdär du (?:är|befinner dig)|\b(?:der|hvor) du (?:er|befinner"
    r" deg|befinder dig))\b",
    r"\b(?:you (?:appear|seem) to be|looks like you(?:'re| are)) (?:abroad|outside (?:the|of))\b|\bvous (?:semblez|paraissez)"
    r" (?:être|vous trouver) à l'étranger\b|\bparece que (?:estás|te encuentras|você está|está) (?:en el|no) (?:extranjero"
    r"|exterior)\b|\bsie befinden sich (?:offenbar |wohl )?im ausland\b|\bsembra che tu (?:sia|ti trovi) all'estero\b"
    r"|\b(?:je|u) lijkt (?:zich )?in het buitenland te (?:zijn|bevinden)\b|\bdet ser ut (?:til|som) at du (?:befinner deg"
    r"|er) i utlandet\b|\bdu ser ud til at (?:være|befinde dig) i udlandet\b|\b(?:det verkar som (?:att )?du|du verkar)"
    r" (?:befinner dig|är|befinna dig|vara) utomlands\b|\bwygląda na to, że jesteś za granicą\b|\bпохоже, (?:что )?вы"
    r" находитесь за (?:рубежом|границей)\b",
    # refused where the reader is: "cannot be watched from your geographic area / location"
    r"\b(?:not|n't|cannot|unable to)\b[^.]{0,40}\b(?:from|in) your (?:current )?(?:geographic(?:al)? (?:area|zone"
    r"|location|region)|location)\b",
    r"\b(?:pas|indisponible|impossible)\b[^.]{0,40}\b(?:depuis|dans) votre (?:zone géographique|localisation)\b"
    r"|\b(?:no|imposible)\b[^.]{0,40}\b(?:desde|en) (?:tu|su) (?:zona geográfica|ubicación(?: actual)?)\b"
    r"|\bnon\b[^.]{0,40}\b(?:dalla|nella) tua (?:zona geografica|posizione)\b"
    r"|\b(?:não|indisponível)\b[^.]{0,40}\b(?:da|na) (?:sua|tua) (?:zona geográfica|localização)\b"
    r"|\bnicht\b[^.]{0,40}\baus (?:ihrer|deiner) (?:aktuellen )?region\b|\bniet\b[^.]{0,40}\bvanaf (?:jouw|uw) locatie\b",
    r"(?:您|你)所在的?(?:地区|地區|区域|區域)[^。]{0,8}(?:不|无法|無法)|(?:不支持|无法|不能|無法)在(?:您|你)?所在的?(?:地区"
    r"|地區|区域|區域)",
    # refused from the country the reader is in, or where the reader is (more languages)
    r"\b(?:not|n't|cannot|unable|no|pas|nicht|non|não|niet)\b[^.]{0,60}\b(?:from the country (?:you are in|where you are)"
    r"|desde el país (?:en (?:el )?que|donde) (?:te encuentras|se encuentra|estás|está)|depuis le pays où vous (?:vous )?"
    r"(?:trouvez|êtes)|(?:do|no) país (?:onde|em que) (?:você )?(?:se encontra|está)|dal paese in cui (?:ti trovi|si trova)"
    r"|aus dem land,? in dem (?:sie|du) (?:sich|dich) (?:befinden|befindest)|vanuit het land waar (?:je|u) (?:bent|zich bevindt))\b",
    r"\btidak (?:bisa|dapat) (?:diputar|ditonton|diakses|dibuka|diputarkan) di (?:lokasi|wilayah|negara|daerah)"
    r"(?:mu| anda| kamu)\b|\btidak tersedia di (?:lokasi|wilayah|kawasan) (?:anda|kamu)\b"
    r"|\bkhông thể (?:xem|phát|truy cập)[^.]{0,20}(?:tại|ở) (?:khu vực|vị trí|quốc gia) của bạn\b"
    r"|\bbulunduğunuz (?:bölgede|ülkede|konumda)[^.]{0,30}(?:izlenemez|kullanılamaz|oynatılamaz|mevcut değil)"
    r"|ไม่สามารถ(?:รับชม|เล่น)[^.]{0,20}ในพื้นที่ของคุณ|غير متاح في موقعك|لا يمكن (?:مشاهدة|تشغيل)[^.]{0,30}في (?:منطقتك|بلدك)"
    r"|현재 (?:위치|지역)에서는? (?:시청|재생|이용)할 수 없|お住まいの(?:地域|国)では[^。]{0,12}(?:視聴|ご利用|再生)いただけません",
)
_GEO_NOTICE_RX = phrases(*_GEO_NOTICE)
#: an opening quote that is still open where a notice begins: the notice is quoted (a help article's topic)
#: (an apostrophe between letters, "we're", "l'émission", is no quote)
_OPEN_QUOTE = re.compile(r"[\"“„«‹「『]|(?<!\w)'|'(?!\w)")


def geo_notice_not_quoted(page: Page) -> str | bool:
    """The refusal is the page's own, not a notice a help article quotes ('"This content is not available
    in your country": some licensed videos …'): within its sentence, no quote opened before it is left open."""
    hit = search_phrases(_GEO_NOTICE_RX, page.text_lc)
    if hit is None:
        return True
    text = page.text_lc
    start = max(text.rfind(stop, 0, hit.start()) for stop in (". ", "! ", "? ", "\n"))
    before = text[max(start, hit.start() - 120, 0) : hit.start()]
    quotes = _OPEN_QUOTE.findall(before)
    straight = sum(1 for q in quotes if q in "\"'")
    opened = sum(1 for q in quotes if q in "“„«‹「『") - sum(before.count(c) for c in "”»›」』")
    return not (straight % 2 or opened > 0)


#: an app's state whose error says the reader has no permission (not that they must sign in: that is a login)
_FORBIDDEN_STATE = re.compile(
    rb"[\"'](?:code|error|error_?code|reason|status|error_?type)[\"']\s*:\s*[\"'](?:permission_?denied|forbidden"
    rb"|access_?denied|not_?permitted|insufficient_?permissions?|no_?permission|not_?allowed)[\"']"
)


def forbidden_state(page: Page) -> str | bool:
    """An empty app shell whose embedded state's error refuses the reader (PERMISSION_DENIED, FORBIDDEN,
    ACCESS_DENIED): the app would print its permissions page."""
    if b"denied" not in page.markup_lc and b"forbidden" not in page.markup_lc and b"permi" not in page.markup_lc:
        return False
    m = _FORBIDDEN_STATE.search(page.markup_lc)
    return f"app state {m.group(0).decode('ascii', 'replace')!r}" if m else False


#: an item the app marks premium or paid, and a reader it marks without access to it
_PREMIUM_ITEM_STATE = re.compile(
    rb"[\"'](?:is_?)?(?:premium|paid|paywalled|subscriber_?only|subscribers_?only|members_?only_?paid)[\"']\s*:\s*true"
)
_NO_ACCESS_STATE = re.compile(
    rb"[\"'](?:has_?access|can_?(?:view|access|read|watch|play)|is_?entitled|entitled|is_?subscribed|user_?has_?access"
    rb"|access_?granted)[\"']\s*:\s*false"
)


def premium_locked_state(page: Page) -> str | bool:
    """A short page or app whose state marks the item premium or paid and the reader without access to it."""
    markup = page.markup_lc
    if b"false" not in markup:
        return False
    item = _PREMIUM_ITEM_STATE.search(markup)
    if item is None:
        return False
    denied = _NO_ACCESS_STATE.search(markup)
    if denied is None:
        return False
    return f"app state {item.group(0).decode('ascii', 'replace')!r} and {denied.group(0).decode('ascii', 'replace')!r}"


#: a subscriber's sign-in offered beside a subscription: "Already a subscriber? Sign in" (several languages)
_SUBSCRIBER_SIGN_IN = (
    r"already (?:a )?(?:subscriber|subscribed)\b|\bnot (?:yet )?a subscriber\b|\bdéjà abonnée?\b|\bpas encore abonnée?\b"
    r"|\bya (?:eres|es) (?:suscriptor|suscriptora)\b|\bbereits abonnent(?:in)?\b|\bschon abonnent(?:in)?\b|\bgià abbonat[oa]\b"
    r"|\bjá (?:é|és) assinante\b|\bal abonnee\b|\bjuż (?:jesteś )?(?:prenumeratorem|subskrybentem)\b|\bredan prenumerant\b"
    r"|\bуже (?:есть )?подписк\w*|\bzaten abone\b|\bsudah berlangganan\b|既に(?:購読|会員)|已(?:经)?(?:是)?(?:订阅|訂閱)(?:用户|會員|会员)"
    r"|이미 구독",
)


#: the rights a broadcaster or distributor holds over a programme (not a patient's or a reader's rights)
_MEDIA_RIGHTS = re.compile(
    r"\b(?:broadcast(?:ing)?|streaming|distribution|licen[cs]ing|territorial|media|programme|program) rights\b"
    r"|\brights (?:agreements?|holders?|restrictions?|reasons|issues)\b|\bcopyright (?:reasons|restrictions|holders?"
    r"|agreements?)\b|\blicen[cs](?:e|ing) (?:agreements?|restrictions?|reasons)\b"
    r"|\bdroits de (?:diffusion|retransmission)\b|\braisons de droits\b|\baccords? de (?:droits|licence)\b"
    r"|\bderechos de (?:emisión|retransmisión|difusión|transmisión)\b|\b(?:motivos|razones) de derechos\b"
    r"|\bacuerdos? de (?:derechos|licencia)\b|\b(?:sende|übertragungs|lizenz|verwertungs)recht\w*"
    r"|\b(?:lizenz|urheber)rechtlichen gründen\b|\brechtlichen gründen\b|\bdiritti (?:di (?:trasmissione|diffusione)|tv)\b"
    r"|\b(?:motivi|ragioni) (?:legati ai |di )?diritti\b|\baccordi di licenza\b|\bdireitos de (?:transmissão|exibição"
    r"|difusão)\b|\b(?:motivos|razões) de direitos\b|\bacordos? de licen[çc]a\b|\b(?:uitzend|licentie)rechten\b"
    r"|\b(?:rechtenkwesties|rechtenredenen)\b|\brättighetsskäl\b|\brättighetsfrågor\b|\bsändningsrätt\w*"
    r"|\bupphovsrättsliga skäl\b|\brettighe(?:tsgrunner|dsmæssige|dsårsager)\b"
    # the rights to show the programme, held for home only ("we only have the rights to show it in Norway")
    r"|\brights to (?:show|stream|broadcast|air|screen|distribute)\b|\b(?:rettigheter|rättigheter|rettigheder|rechten)"
    r" (?:til å|att|til at|om) \w+|\bdroits (?:pour|de) (?:diffuser|montrer|proposer)\b|\bderechos para (?:emitir|mostrar"
    r"|transmitir|ofrecer)\b|\bdiritti per (?:trasmettere|mostrare|offrire)\b|\bdireitos para (?:exibir|transmitir"
    r"|mostrar)\b|\brechte,? (?:um )?\w+ (?:zu )?(?:zeigen|senden|streamen)\b|\bpraw(?:a)? do (?:emisji|transmisji)\b"
    r"|\bze względu na prawa (?:autorskie|licencyjne)\b|\bправообладател\w*|\bправ(?:а|ами)? на (?:показ|трансляци\w+)"
    r"|\bлицензионн\w+ (?:соглашени|ограничени)\w*|\byayın hak\w*|\btelif (?:hakkı )?(?:nedeniyle|kısıtlama\w*)"
    r"|\bhak siar\b|\balasan hak cipta\b|\b(?:vấn đề|lý do) bản quyền\b|حقوق البث|(?:لأسباب|بسبب) (?:تتعلق ب)?حقوق"
    r"|זכויות שידור|הסכמי זכויות|เนื่องจาก(?:ปัญหา)?ลิขสิทธิ์|ข้อจำกัดด้านลิขสิทธิ์|प्रसारण अधिकार"
    r"|版权(?:原因|限制|方|问题)|版權(?:原因|限制|方|問題)|著作権(?:の)?(?:関係|都合|上の理由)|権利(?:の)?(?:関係|都合)|配信権"
    r"|저작권(?:상의)? ?(?:문제|이유|제한)|판권|중계권"
    r"|\blicenční(?:ch|m|mi)? práv\w*|\blicenčn\w+ (?:dôvod|podmien)\w*|\b(?:li[cs]enssi|oikeus)syist\w*|\besitysoikeu\w*"
    r"|\b(?:licencjogi|közvetítési jog)\w*|\bdrepturil\w* de (?:difuzare|transmisie)\b|\bδικαιώματ\w+ (?:μετάδοσης|προβολής)"
    r"|\bprava (?:emitiranja|prijenosa)\b"
)
#: the programme kept at home: only (in the home country), outside it, abroad, its territory, several languages
_ONLY_AT_HOME = re.compile(
    r"\b(?:only|solely|outside|abroad|territor\w*|uniquement|seulement|hors (?:de|du|des)|à l'étranger|territoire"
    r"|solo|sólo|soltanto|solamente|únicamente|esclusivamente|fuera (?:de|del)|extranjero|territorio|nur|außerhalb"
    r"|ausland\w*|fuori (?:da|dal|dall|dai|del|dell|d)|estero|apenas|somente|só|fora d[aeo]s?|exterior|território|alleen"
    r"|buiten|buitenland|bara|endast|utanför|utlandet|kun|bare|uden for|utenfor|udlandet|tylko|wyłącznie|poza granicami|za granicą"
    r"|только|за пределами|за рубежом|sadece|yalnızca|dışında|yurt dışı\w*|hanya|di luar|chỉ|nước ngoài|ngoài lãnh thổ"
    r"|pouze|jen|mimo|iba|len|vain|ulkopuolella|csak|kívül|doar|numai|în afara|μόνο|εκτός|samo|izvan)\b"
    r"|فقط|خارج|מחוץ ל|\bרק\b|เฉพาะ|นอกประเทศ|केवल|बाहर|仅限|僅限|只能|境外|海外|国外|のみ|에서만|해외"
)
_SENTENCE_END = re.compile(r"[.!?。！？]\s|[.!?。！？]$")
#: what the sentence keeps at home is the viewing: watch, play, see, be available (a clinician's licence keeps
#: patients, and rights that "only cover Europe" are a contract's topic)
_VIEWING = re.compile(
    r"\b(?:watch\w*|view\w*|play(?:s|ed|ing|able)?|stream\w*|available|shown|seen|accessible|ver|verse|reproduc\w+"
    r"|disponibles?|vist[oa]s?|regard\w+|voir|visionn\w+|ansehen|abspiel\w*|abruf\w*|verfügbar|sehen|gezeigt|empfang\w*"
    r"|guard\w+|vedere|visibil[ei]|disponibil[ei]|riprodu\w+|assistir|disponíve(?:l|is)|reproduz\w*|bekijk\w*|kijken"
    r"|afspel\w*|beschikbaar|zien|se|ses|titta|visas|visa|vise|tillgänglig|vises|tilgjengelig|tilgængelig|oglądać|obejrzeć|dostępn\w*"
    r"|odtwarza\w*|смотр\w+|просмотр\w*|доступ\w*|воспроизв\w+|izle\w*|erişil\w*|menonton|ditonton|tersedia|diputar"
    r"|xem|phát|sledovat|dostupn\w*|přehr\w+|katso\w*|näkyy|saatavilla|megtekint\w*|elérhető|nézhető|vizion\w+"
    r"|disponibil\w*|προβολ\w+|διαθέσιμ\w+|παρακολουθ\w+|gledati)\b"
    r"|مشاهدة|متاح|تشغيل|צפייה|זמינ|รับชม|ดู|देख|उपलब्ध|观看|播放|收看|觀看|視聴|再生|ご覧|시청|재생"
)


def rights_keep_it_home(page: Page) -> str | bool:
    """One sentence of a short page names a broadcaster's or distributor's rights and keeps the programme at home
    (only there, not outside it, on its territory): 'BBC iPlayer only plays in the UK because of rights agreements',
    'Av rättighetsskäl går programmet bara att se i Sverige', 'per motivi legati ai diritti … soltanto dal
    territorio italiano', whatever country it names, of a programme, a video or its viewing. A patient's rights are
    not a broadcaster's, and a clinician's licence that keeps a service at home keeps no programme."""
    if page.has_player:  # the refusal stands where the player would; a playing video's small print is no refusal
        return False
    text = page.text_lc
    for sentence in _SENTENCE_END.split(text):
        rights = _MEDIA_RIGHTS.search(sentence)
        if rights and len(sentence) <= 400:
            home = _ONLY_AT_HOME.search(sentence)
            if home and _VIEWING.search(sentence):
                return f"{rights.group(0)!r} and {home.group(0)!r} in one sentence"
    return False


#: the site's owners admit only some networks or addresses (an allowlist), several languages: the owner's refusal of
#: the reader's network, not a firewall's verdict on the visitor
_NETWORK_ALLOWLIST = (
    r"\bonly (?:be )?(?:accessed |reached |opened |available )?(?:from|on|within|via) (?:certain|specific|approved|allowed"
    r"|trusted|authori[sz]ed|designated|its own|the (?:organi[sz]ation's|company's|hospital's|university's))"
    r" (?:networks?|ip (?:addresses|ranges)|locations)\b|\bip (?:allow ?list|white ?list|address (?:allow|white) ?list)\b"
    r"|\b(?:your|this) (?:network|ip address) (?:is not|isn't) (?:on the|in the|one of the) (?:allow|white|approved)"
    r"|\byour network (?:does not|doesn't) have access to (?:this|the) (?:site|page|workspace|wiki)\b",
    r"\bnur (?:aus|von|über) (?:bestimmten|freigegebenen|zugelassenen|ausgewählten) (?:netzwerken|netzen|ip-adressen)\b"
    r"|\bihr netzwerk hat keinen zugriff\b|\bip-(?:zulassungsliste|allowlist|whitelist|freigabeliste)\b"
    r"|\buniquement (?:depuis|à partir de|via) (?:certains|des) (?:réseaux|adresses ip) (?:autorisé|approuvé|définis)?"
    r"|\bvotre réseau n'a pas accès\b|\bliste (?:blanche |d'autorisation )?d'adresses ip (?:autorisées)?\b"
    r"|\b(?:solo|sólo|únicamente) (?:desde|a través de) (?:determinadas|ciertas|algunas) (?:redes|direcciones ip)\b"
    r"|\b(?:tu|su) red no tiene acceso\b|\blista de (?:ip|direcciones ip) permitidas\b"
    r"|\b(?:apenas|somente|só) (?:a partir de|de|através de) (?:determinadas|certas|algumas) (?:redes|endereços ip)\b"
    r"|\b(?:sua|a sua|tua) rede não tem acesso\b|\bsolo da (?:determinate|alcune|specifiche) (?:reti|indirizzi ip)\b"
    r"|\bla (?:tua|sua) rete non ha accesso\b|\balleen (?:vanaf|via|vanuit) (?:bepaalde|specifieke|goedgekeurde)"
    r" (?:netwerken|ip-adressen)\b|\b(?:je|uw) netwerk heeft geen toegang\b|\btylko z (?:określonych|wybranych"
    r"|zatwierdzonych) (?:sieci|adresów ip)\b|\btwoja sieć nie ma dostępu\b|\bendast från (?:vissa|godkända)"
    r" (?:nätverk|ip-adresser)\b|\bditt nätverk har inte åtkomst\b|\bтолько из (?:определённых|определенных|разрешённых"
    r"|разрешенных) сетей\b|\bваша сеть не имеет доступа\b|許可された(?:ネットワーク|ipアドレス)からのみ|仅允许(?:特定|指定)"
    r"(?:网络|ip)|허용된 (?:네트워크|ip)에서만",
)


#: access to the site or resource restricted or blocked (several languages): a stub stands in its place
_LEGAL_BLOCK = (
    r"\baccess to (?:this |the (?:requested )?)(?:web ?site|site|page|resource|url|address|domain) (?:has been|is|was)"
    r" (?:blocked|restricted|disabled|denied)\b",
    # (the site itself as the object: "доступ ограничен для незарегистрированных" is a course's sign-in)
    r"\bдоступ к (?:данному |этому |запрашиваемому )?(?:информационному )?(?:ресурсу|сайту|странице)"
    r" (?:ограничен|заблокирован)|\bдоступ до (?:ресурсу|сайту) обмежено\b",
    r"\berişim(?:e|iniz)? (?:engellenmiştir|engellendi)|\b(?:situs|laman) ini (?:diblokir|telah diblokir)\b"
    r"|\bl'accès (?:à ce site )?(?:a été|est) (?:bloqué|restreint)\b|\bel acceso (?:a (?:este|esta) (?:sitio|página) )?"
    r"(?:ha sido|fue|está) (?:bloqueado|restringido)\b|\bder zugang (?:zu dieser (?:seite|website) )?(?:wurde|ist) "
    r"gesperrt\b|\bl'accesso (?:a questo sito )?è stato (?:inibito|bloccato|oscurato)\b|\bsito (?:inibito|oscurato)\b"
    r"|دسترسی (?:به این (?:سایت|وب‌سایت|صفحه) )?(?:امکان‌پذیر نیست|مسدود)|(?:该|此)网站已被(?:依法)?(?:屏蔽|封锁)",
    # the site as the subject in Korean, Japanese, Thai, Vietnamese, Hindi and Arabic ("비회원은 접속이 제한" is a sign-in's)
    r"(?:웹사이트|사이트|홈페이지)[^.]{0,80}(?:접속|접근)(?:이|가)? (?:차단|제한)되었습니다|(?:사이트|웹사이트)\)? (?:접속|접근) 차단"
    r"|(?:この|当)(?:サイト|ウェブサイト|ページ)へのアクセスは[^。]{0,30}(?:制限|遮断|ブロック)されて"
    r"|เว็บไซต์(?:นี้)?ถูก(?:ระงับ|ปิดกั้น|บล็อก)|\btrang web (?:này )?đã bị (?:chặn|hạn chế)\b|यह वेबसाइट (?:ब्लॉक|अवरुद्ध)"
    r"|تم حجب (?:هذا )?الموقع|(?:هذا )?الموقع محجوب",
)
#: what makes the restriction a legal one: a law, a court, a regulator's register
_LAW = re.compile(
    r"\blaw\b|\bact\b|\bcourt\b|\bregulat|\bregist(?:er|ry)\b|\bdecree\b|закон|суд|реестр|роскомнадзор|\bkanun"
    r"|\bmahkeme|\bkarar|\bbtk\b|kominfo|\bundang|\bloi\b|\btribunal|\bjudicial|\bley\b|\bgesetz|\bgericht|\blegge\b"
    r"|\bautorità\b|\bprovvedimento|قانون|دادگاه|依法|法律|法令|裁判所|법령|법률|법원|심의위원회|กฎหมาย|ศาล|pháp luật"
    r"|tòa án|कानून|न्यायालय|अदालत|محكمة"
)


def cites_a_law(page: Page) -> str | bool:
    """The stub says under what law, court order or register the access is restricted: a firewall's or a
    site's own refusal does not."""
    m = _LAW.search(page.text_lc)
    return f"cites {m.group(0)!r}" if m else False


_MACHINE_TYPES = ("json", "xml")


def machine_error_body(page: Page) -> str | bool:
    """The body is JSON or XML, not a page: an API's or a storage service's error for a program."""
    ct = page.content_type
    return f"a {ct} body" if ct and any(t in ct for t in _MACHINE_TYPES) and page.visit.body else False


#: a page that sells access: plans, prices, a subscription, a free trial, a checkout (several languages; not a
#: bare /trial/, which on a health site is a clinical one)
_PAYWALL_SEGMENT = re.compile(
    r"/(?:premium|pricing|prices|plans?|subscribe|subscriptions?|free-?trial|checkout|upgrade|paywall|purchase"
    r"|abonnements?|abo|abonnieren|suscripci[oó]n|suscribirse|planes|precios|assinatura|assine|planos|abbonamento"
    r"|abbonati|abonneren|prenumerera|tarifs?|preise|piani|prezzi|subskrypcja|cennik|podpiska|tarify|uyelik|paket"
    r"|langganan|goi-cuoc"
    # a membership plugin's page of paid levels (the page it sends a protected post to)
    r"|membership[-_]?(?:options|levels|plans|pricing|tiers|join)|(?:join|choose|select)[-_](?:a[-_])?(?:plan|level|tier)"
    r"|mitgliedschaft(?:en)?|adh[eé]sion|membres[ií]as?|afiliaci[oó]n|associe-se|lidmaatschap|tesseramento)(?:/|\.\w{2,5}$|$)"
)


def paywall_target(page: Page) -> str | bool:
    """Sent on from the resource to a page of plans, prices, a subscription or a trial that sells something:
    the platform shows its offer where the item was (a premium course, a streaming service's episode)."""
    from .page import host_path

    if not redirected_here(page) or not page.targets_lc:
        return False
    m = _PAYWALL_SEGMENT.search("/" + page.targets_lc[0].partition("/")[2])
    if m is None or _PAYWALL_SEGMENT.search("/" + (host_path(page.visit.url) or "").lower().partition("/")[2]):
        return False  # a plans page that moved is still the plans page the catalogue listed
    sold = offers_payment(page)
    return f"sent on to {m.group(0)!r}; {sold}" if sold else False


#: the full text, the rest or the item is for (paying) subscribers, or wants a subscription (several languages)
_SUBSCRIBERS_ONLY = (
    r"\b(?:the )?(?:rest|remainder|full (?:text|version)|remaining part) of (?:this|the) (?:article|story|post|report"
    r"|chapter|monograph|video|course|episode|issue|lesson|email|e-mail|newsletter|letter|edition|piece)\b[^.]{0,80}?"
    r"\b(?:is |are )?(?:(?:only )?(?:available|reserved|open|accessible) )?(?:only )?(?:to|for) (?:our )?(?:paying |paid"
    r" |current )?(?:subscribers|members)\b",
    r"\b(?:full|complete) (?:text|texts|monographs?|articles?|content|version|episodes?|recordings?)\b[^.]{0,60}?\b(?:is"
    r"|are) (?:only )?(?:available|accessible|open|reserved) (?:only )?(?:to|for) (?:our )?(?:paying |paid |current )?"
    r"(?:subscribers|subscribing institutions)\b|\b(?:is|are) (?:only )?available (?:only )?to (?:paying|paid) subscribers\b",
    r"\b(?:keep|continue) (?:reading|watching|listening) with (?:a|an|your) [^.]{0,40}?(?:subscription|membership)\b",
    r"(?<!no )(?<!not )(?<!without )\bsubscription (?:is )?required\b",
    r"\bpara (?:ver|leer|acceder a|continuar|seguir)\b[^.]{0,80}?\bnecesitas? (?:una )?(?:suscripción|membresía"
    r"|ser (?:suscriptor|miembro premium)|[\w ]{0,20}\bpremium)\b|\bpour (?:lire|voir|regarder|accéder)\b[^.]{0,60}?"
    r"\bvous devez (?:être abonné|vous abonner|souscrire)|\bum\b[^.]{0,60}?\bzu (?:lesen|sehen)\b,? (?:benötigen|brauchen)"
    r" sie (?:ein (?:abo|abonnement)|[\w ]{0,20}\b(?:plus|premium))\b|\bpara (?:ver|ler|assistir)\b[^.]{0,60}?\bprecisa"
    r" (?:de uma assinatura|ser assinante|[\w ]{0,20}\bpremium)\b|\bper (?:leggere|vedere|guardare)\b[^.]{0,60}?"
    r"\b(?:devi essere abbonato|serve un abbonamento|è necessario un abbonamento)\b",
    r"\b(?:полный текст|полная версия|материал|статья|запись|видео)[^.]{0,40}?\bдоступ(?:ен|на|но|ны) (?:только )?"
    r"(?:для )?(?:подписчик|платн)\w*",
    r"\b(?:makala|habari|maudhui|video) (?:haya|hii|hizi) (?:ni )?kwa (?:wanachama|wanaojisajili|waliojisajili)\b"
    r"|\bendelea kusoma\b[^.]{0,80}\b(?:kujisajili|usajili|malipo)\b",
    r"유료 (?:회원|구독자)만|구독(?:기관)? (?:이용자|회원)만|有料会員(?:のみ|だけ)|付费(?:会员|用户)(?:才能|可以)",
    # for subscribers only, in more languages (a price or plans must stand beside it)
    r"\balleen (?:beschikbaar )?voor (?:betalende )?abonnees\b|\btylko dla (?:prenumeratorów|abonentów)\b"
    r"|\bsadece (?:abonelere|ücretli üyelere) (?:özel|açık)|\b(?:hanya|khusus) (?:untuk |bagi )?pelanggan (?:berbayar|premium|berlangganan)\b"
    r"|\bchỉ dành cho (?:thành viên|hội viên|người đăng ký|tài khoản) (?:trả phí|vip|premium)\b|للمشتركين فقط|حصري للمشتركين"
    r"|केवल (?:सब्सक्राइबर|ग्राहकों|सदस्यों) के लिए|สำหรับสมาชิก(?:พรีเมียม|ที่ชำระเงิน)?เท่านั้น"
    r"|\bpouze pro předplatitele\b|\bcsak előfizetőknek\b|\bдоступно лише (?:передплатникам|підписникам)\b",
    # reserved or exclusive for subscribers, in the languages of Europe
    r"\b(?:is|are) (?:only )?(?:accessible|readable|viewable|available) (?:only )?(?:to|for) (?:our )?(?:paying |paid )?"
    r"subscribers\b|\b(?:accessible|disponible|réservée?|lisible) (?:uniquement|seulement) (?:aux|pour les) abonnés\b"
    r"|\b(?:disponible|accesible) (?:solo|sólo|únicamente) para (?:suscriptores|abonados)\b|\bnur für abonnent(?:en|innen)"
    r" (?:zugänglich|verfügbar|lesbar|sichtbar)\b|\b(?:disponível|acessível) (?:apenas|somente|só) para assinantes\b"
    r"|\b(?:disponibile|accessibile|leggibile) solo (?:per gli|agli|ai) abbonati\b|\balleen (?:toegankelijk|te lezen"
    r"|leesbaar|zichtbaar) voor (?:betalende )?abonnees\b|\bdostępn\w+ tylko dla (?:prenumeratorów|subskrybentów|abonentów)\b"
    r"|\b(?:endast|bara) tillgänglig för prenumeranter\b|\bkun tilg(?:ængelig|jengelig) for abonnenter\b",
    r"\b(?:reserved|exclusive) (?:for|to) (?:our )?(?:paying |premium )?subscribers\b|\bfor (?:paying )?subscribers only\b"
    r"|\bsubscribers?[- ]only (?:article|content|story|video|episode|course)\b|\bréservée?s? (?:exclusivement )?aux abonnés\b"
    r"|\bpour les abonnés (?:uniquement|seulement)\b|\b(?:exclusiv[oa]s?|reservad[oa]s?) (?:para|a) (?:los |nuestros )?"
    r"suscriptores\b|\bsolo para suscriptores\b|\b(?:nur|exklusiv) für (?:unsere )?abonnent(?:en|innen|\*innen)\b"
    r"|\babonnenten vorbehalten\b|\briservat[oaie] (?:agli|ai nostri) abbonati\b|\b(?:solo|esclusiv[oa]) per (?:gli )?abbonati\b"
    r"|\b(?:exclusiv[oa]s?|reservad[oa]s?) (?:para|a|aos) (?:os )?(?:nossos )?assinantes\b|\b(?:só|apenas|somente) para"
    r" assinantes\b|\bexclusief voor (?:onze )?abonnees\b|\b(?:endast|bara|exklusivt) för prenumeranter\b"
    r"|\bkun for abonnenter\b|\b(?:doar|exclusiv) pentru abonați\b|\bwyłącznie dla (?:prenumeratorów|subskrybentów)\b",
)

#: the item is paid for before it is downloaded, read or watched (a per-item charge), several languages
_PAID_ACCESS = (
    r"\b(?:requires?|needs?) (?:a )?payment (?:to|before you can) (?:download|read|view|watch|access)\b"
    r"|\bpay(?:ment)? (?:is )?required to (?:download|read|view|watch|access)\b"
    r"|(?<!\bno )\bpaid (?:download|access)\b(?! (?:is|are) not\b| (?:is|are)n't\b)"
    r"|\b(?:téléchargement|accès) payant\b|\b(?:descarga|acceso) de pago\b|\b(?:download|acesso) pago\b"
    r"|\bkostenpflichtige[rn]? (?:download|zugriff|zugang|abruf)\b|\bkostenpflichtig (?:herunterladen|abrufen|lesen|ansehen)\b"
    r"|\b(?:download|accesso) a pagamento\b|\bbetaalde (?:download|toegang)\b|\bpłatn(?:y|e) (?:pobieranie|dostęp)\b"
    r"|\bплатн(?:ый|ое) (?:доступ|скачивание)\b|\bдоступ платный\b|\bücretli (?:indirme|erişim)\b"
    r"|\b(?:unduhan|akses) berbayar\b|\b(?:tải xuống|truy cập|tải về) (?:trả phí|có phí)\b|(?:تنزيل|وصول) مدفوع"
    r"|सशुल्क (?:डाउनलोड|पहुँच)|ดาวน์โหลดแบบเสียเงิน|需付费(?:下载|阅读|观看|查看)|付费(?:下载|阅读|观看|查看)|需付費(?:下載|閱讀|觀看)"
    r"|付費(?:下載|閱讀|觀看)|有料(?:ダウンロード|で(?:閲覧|視聴|ダウンロード))|유료 ?(?:다운로드|열람|시청)",
    # the item itself is a paid one: "this is a paid course"
    r"\b(?:this|it) is a paid (?:course|webinar|training|video|recording|programme|program)\b|\bkostenpflichtige[rsn]?"
    r" (?:kurs|webinar|schulung|fortbildung|aufzeichnung)\b|\b(?:cette |une )?(?:formation|webinaire|vidéo) payante\b"
    r"|\b(?:ce |un )?(?:cours|webinaire) payant\b|\b(?:curso|webinar|seminario web|vídeo|video) de pago\b"
    r"|\b(?:corso|webinar|video) a pagamento\b|\b(?:curso|webinar|treinamento|vídeo) pago\b|\bbetaalde (?:cursus|training"
    r"|webinar|opleiding)\b|\bpłatn(?:y|e) (?:kurs|szkolenie|webinar)\b|\bплатн(?:ый|ое) (?:курс|обучение|вебинар)\b"
    r"|\bücretli (?:kurs|eğitim|webinar)\b|\b(?:kursus|pelatihan|webinar) berbayar\b|\bkhóa học (?:trả phí|có phí)\b"
    r"|유료 (?:강의|강좌|과정|콘텐츠)|有料(?:講座|コース|コンテンツ|動画|セミナー)|付费(?:课程|视频|讲座)|付費(?:課程|影片|講座)",
)


def names_a_price(page: Page) -> str | bool:
    """The page prices something (a currency beside an amount)."""
    m = _PRICE.search(page.text_lc)
    return f"a price ({m.group(0)!r})" if m else False


#: the item is watched or read after buying it or a pass (several languages): a sale, whatever else is offered
_AFTER_PURCHASE = (
    r"구매 ?후 [^.]{0,12}?(?:시청|이용|열람|감상|다운로드)(?:할|하실) 수 있|이용권(?:을)? 구매(?:하시면|해야|하셔야)",
    r"購入(?:後|すると|して)(?:に)?[^。]{0,6}(?:視聴|閲覧|ご覧|再生)|(?:この作品|この動画|この記事|続き)を(?:視聴|見る|読む"
    r"|ご覧になる)には[^。]{0,30}(?:購入|有料|プラン|トライアル|加入)",
    # ("订阅查看更多", subscribe to see more, is a newsletter's plug: the purchase must come first)
    r"(?:购买|購買|付费|付費|开通会员|開通會員|订阅|訂閱)(?:后|後)(?:才能|即可|方可)?(?:观看|阅读|收看|觀看|閱讀)"
    r"|(?:购买|購買|付费|付費)(?:才能|方可)(?:观看|阅读|收看|觀看|閱讀)",
    r"\b(?:available|viewable|watchable) (?:only )?(?:after|upon) (?:purchase|buying|payment)\b|\bdisponible (?:tras|después"
    r" de|après) (?:la )?(?:compra|achat|pago|paiement)\b|\bdisponível (?:após|depois d[ae]) (?:a )?(?:compra|pagamento)\b"
    r"|\bnach (?:dem )?(?:kauf|bezahlung) verfügbar\b|\bдоступ(?:ен|на|но) после (?:покупки|оплаты)\b",
)


# -- the rules ----------------------------------------------------------------------

#: segment boundary: the sign-in word is the last segment of the path
_END = r"/?$"

#: "complete the form below to watch the recording"
#: what a form is filled in for, when it releases something: to watch, to access, to download (several languages)
_FORM_OPENS = (
    r"(?:\b(?:watch|view|access|download|get|receive|unlock|see|anzusehen|anzuschauen|abzurufen|herunterzuladen|erhalten"
    r"|freizuschalten|sehen|ansehen|ver|acceder|descargar|recibir|obtener|desbloquear|visionner|regarder|voir|accéder"
    r"|télécharger|recevoir|obtenir|débloquer|guardare|vedere|accedere|scaricare|ricevere|ottenere|assistir|acessar|baixar"
    r"|receber|obter|bekijken|kijken|downloaden|ontvangen|obejrzeć|zobaczyć|pobrać|otrzymać|uzyskać|titta|ladda ner|få"
    r"|посмотреть|смотреть|получить|скачать|izlemek|izleyin|indirin|erişin|menonton|mengunduh|mendapatkan)\b"
    r"|視聴|ご覧|ダウンロード|見る|观看|下载|查看|获取|시청|다운로드|보실)"
)
#: an enquiry's object between the form and what it names: "to receive information about our courses" opens nothing
_NO_ENQUIRY = r"(?:(?!informa|\binfo\b|brochure|prospect|newsletter|details about|call ?back)[^.。])"


_REGISTER_TO_WATCH = (
    r"\b(?:register|sign up|fill (?:out|in) (?:the|this) form|complete (?:the|this) form)\b[^.]{0,40}?"
    r"\bto (?:watch|view|access|download|receive)\b[^.]{0,40}?"
    r"\b(?:recording|webinar|video|on-demand|session|presentation|slides|content)\b",
    # fill in the (short) form to watch or get the recording, several languages ("Füllen Sie das Formular aus, um
    # die Aufzeichnung anzusehen", "Completa el formulario para ver la grabación", "フォームにご入力いただくと…")
    r"(?:\b(?:fill (?:out|in)|complete|submit) (?:the form|this form|our form|a form|the short form|a short form"
    r"|the quick form|a quick form|the brief form)\b|\bfüllen sie (?:das|dieses)"
    r" (?:kurze )?formular aus\b|\bfüll (?:das|dieses) formular aus\b|\b(?:completa|rellena|llena|complete|rellene|llene)"
    r" (?:el|este) formulario\b|\b(?:remplissez|complétez|remplis|complète) (?:le|ce) formulaire\b|\bcompila(?:te)?"
    r" (?:il|questo) modulo\b|\bpreencha o formulário\b|\bvul het (?:korte )?formulier in\b|\bwypełnij (?:krótki )?formularz\b"
    r"|\bfyll i formuläret\b|\bzapolnite formu\b|\bзаполните (?:форму|анкету)\b|\bformu doldurun\b|\bisi formulir\b"
    r"|フォームに(?:ご)?(?:入力|記入)|(?:填写|提交)表单|양식을 (?:작성|제출))"
    + _NO_ENQUIRY
    + r"{0,40}?(?:"
    + _FORM_OPENS
    + _NO_ENQUIRY
    + r"{0,40}?"
    + _WHAT_REGISTERING_OPENS
    # the verb last, as German, Dutch and Japanese put it ("um die Aufzeichnung anzusehen")
    + "|"
    + _WHAT_REGISTERING_OPENS
    + _NO_ENQUIRY
    + r"{0,30}?"
    + _FORM_OPENS
    + ")",
    r"\bget instant access to (?:the|this|our) (?:recording|replay|webinar|video|session|on-demand)\b",
)

#: "you must be logged in to view this", in many languages (the login-required notice's phrasings)
_LOGIN_NOTICE = (
    r"\b(?:content|page|resource|video|recording|course|area|section|material|webinar|document|file"
    r"|training|module)s? (?:is|are) (?:only )?(?:available|accessible|open|visible) (?:only )?to "
    r"(?:registered|logged[- ]in|signed[- ]in) (?:users|visitors|readers|learners)\b",
    r"\byou (?:must|need to|have to|will need to|may need to|might need to) (?:be )?(?:log(?:ged)?|sign(?:ed)?) ?in(?:to your account)? "
    r"(?:to|before you can|in order to) (?:view|access|see|watch|read|continue|download|use)\b",
    r"\bplease (?:log|sign) ?in(?: again)? (?:to|in order to|first to) (?:view|access|see|watch|read|continue"
    r"|download)\b",
    r"^(?:(?:log ?in|login|sign ?in) (?:is )?required)\b",
    r"\bnur für angemeldete",
    r"\bbitte (?:melden sie sich|loggen sie sich) (?:an|ein)\b",
    r"\b(?:veuillez vous connecter|connectez-vous pour (?:voir|accéder|regarder|consulter))\b",
    r"\b(?:debes|debe|necesitas|tienes que) iniciar sesión\b",
    r"\binicia sesión para (?:ver|acceder|continuar)\b",
    r"\bfaça (?:o )?login para\b",
    r"\b(?:inicie|entre|inicia) (?:a )?sessão para\b",
    r"\baccedi per (?:vedere|visualizzare|continuare)\b",
    r"\bdevi (?:effettuare l')?(?:accedere|accesso|login)\b",
    r"\b(?:log|meld) (?:je|u) (?:eerst )?(?:in|aan) om\b|\bu moet ingelogd zijn\b|\bje moet ingelogd zijn\b",
    r"\bmusisz (?:się )?zalogować\b|\bzaloguj się,? aby\b|\b(?:aby|żeby|by) (?:obejrzeć|zobaczyć|oglądać|przeczytać"
    r"|uzyskać dostęp)[^.]{0,40}?,? zaloguj się\b",
    r"\blogga in för att\b|\bdu måste (?:vara inloggad|logga in)\b",
    r"ログインしてください|ログインが必要です|请登录|登录后(?:查看|观看)|로그인이 필요합니다",
    r"กรุณาเข้าสู่ระบบ|โปรดเข้าสู่ระบบ|कृपया लॉग इन करें|देखने के लिए लॉग इन",
    r"\b(?:войдите|авторизуйтесь|увійдіть),? (?:чтобы|щоб)\b|\bнеобходимо (?:войти|авторизоваться)\b"
    r"|\bтребуется (?:вход|авторизация)\b|\bпотрібно увійти\b",
    r"\bgiriş yap(?:malısınız|manız gerekiyor)\b|\b(?:görüntülemek|izlemek|erişmek|okumak|devam etmek|indirmek) için giriş yap\w*|\bmusíte (?:se )?přihlásit\b"
    r"|\bpřihlaste se,? (?:abyste|pro)\b|\bbe kell jelentkezn\w+|\b(?:megtekintéséhez|eléréséhez|folytatásához|letöltéséhez) jelentkezz(?:en)? be\b"
    r"|\bjelentkezz(?:en)? be,? hogy\b|\bσυνδεθείτε για να\b|\bπρέπει να συνδεθείτε\b",
    r"\b(?:silakan|harap|anda harus) (?:masuk|login)\b|\bmasuk untuk (?:melihat|mengakses|menonton)\b"
    r"|\bvui lòng đăng nhập\b|\bđăng nhập để (?:xem|truy cập|tiếp tục)\b",
    r"يرجى تسجيل الدخول|يجب تسجيل الدخول|سجّل الدخول ل|سجل الدخول ل|יש להתחבר|עליך להתחבר|התחבר(?:ו)? כדי",
    r"\bdu skal (?:være )?log(?:ge|get) ind\b|\blog ind for at\b|\bdu må (?:være )?logg(?:e|et) inn\b"
    r"|\blogg inn for å\b|\bkirjaudu sisään (?:nähdäksesi|jatkaaksesi|katsoaksesi)\b"
    r"|\btrebuie să (?:vă )?(?:autentifica|conecta)\w*\b|\bautentificați-vă pentru\b",
    r"\b(?:log|sign) ?in (?:to|in order to) (?:view|access|watch|see|read|download|open) (?:this|the) (?:content|page"
    r"|video|recording|course|document|file|webinar|resource|material|lesson|module|post|presentation)\b",
    r"\b(?:this|the) (?:content|page|video|recording|course|document|file|webinar|resource|lesson|module)"
    r" (?:requires|needs) (?:you to )?(?:a )?(?:log ?in|sign ?in|login|logged-in account)\b",
)
#: what a reader signs in for beside a served page (a comment, a reply, a question, saving, progress): a
#: sentence that names it asks for an account to do that, not to see the page
_OPTIONAL_PURPOSE = re.compile(f"{_OPTIONAL_WORDS}|{_OPTIONAL_JOINED}")
_SENTENCE_END = re.compile(r"[.!?。！？]\s*")


@functools.cache
def _login_notice_rx() -> tuple[_Pattern, ...]:
    return phrases(*_LOGIN_NOTICE)


#: the reader's request was sent and waits for someone's yes ("… when the owner approves it"), several languages
_WHEN_APPROVED = (
    r"\bwhen (?:the |an )?(?:owner|admin|administrator|organi[sz]er|host|moderator|instructor|teacher|manager)s? (?:approves"
    r"|accepts|grants|confirms) (?:it|your request|your membership|you)\b|\bsobald (?:der|die) [\w-]+ (?:sie|ihre anfrage"
    r"|deine anfrage|den beitritt) (?:freigibt|bestätigt|genehmigt|annimmt)\b|\b(?:dès que|lorsque|quand) (?:l'administrat\w+"
    r"|le propriétaire|l'organisat\w+|le formateur|la formatrice) (?:l'aura |l'a )?(?:validée?|approuvée?|acceptée?)\b"
    r"|\bcuando (?:el|la) (?:administrador|propietari|organizador|moderador)\w* (?:la |lo )?(?:apruebe|acepte)\b|\bquando o"
    r" (?:administrador|proprietário|organizador|moderador) (?:a |o )?(?:aprovar|aceitar)\b|\bquando l'(?:amministratore"
    r"|organizzatore|proprietario) (?:la |l')?(?:approverà|accetterà|approva|accetta)\b|\bzodra de (?:beheerder|eigenaar"
    r"|organisator|moderator) (?:het|je verzoek|uw verzoek) (?:goedkeurt|accepteert)\b",
)
#: the reader hears back once someone says yes ("you'll get an e-mail once it has been accepted", "cuando alguno
#: apruebe tu solicitud", "Du får en melding når den er godkjent eller avslått", "承認されるとメールでお知らせします"):
#: a person decides; the subject is whoever approves, so the family keys on the approval verb after when/once
_ONCE_APPROVED = (
    r"\b(?:when|once|after|as soon as|until)\b[^.;]{0,50}?\b(?:approves?|accepts?|grants?) (?:it|them|your (?:request"
    r"|application|membership|access))\b|\b(?:when|once|after|as soon as|until) (?:it|your (?:request|application"
    r"|membership|join request)|(?:the )?(?:request|application)|access) (?:has been|is|was|gets|have been) (?:approved"
    r"|accepted|granted)\b|\bapproved or (?:rejected|declined|denied)\b",
    r"\b(?:cuando|una vez que|en cuanto|hasta que)\b[^.;]{0,50}?\b(?:apruebe|aprueben|acepte|acepten|autorice|autoricen)"
    r" (?:tu|su|la) solicitud\b|\bsolicitud (?:sea|haya sido) (?:aprobada|aceptada)\b|\baprobada o rechazada\b",
    r"\b(?:dès que|lorsque|quand|une fois que?)\b[^.;]{0,50}?\b(?:votre demande|elle|la demande) (?:sera|aura été|a été|est)"
    r" (?:acceptée|approuvée|validée)\b|\b(?:acceptée|approuvée|validée) ou refusée\b",
    r"\bsobald\b[^.;]{0,50}?\b(?:genehmigt|freigegeben|angenommen|bestätigt) (?:wurde|ist|wird)\b|\b(?:genehmigt|angenommen)"
    r" oder abgelehnt\b",
    r"\b(?:quando|assim que|após|depois que)\b[^.;]{0,50}?\b(?:for|seja|tiver sido) (?:aprovad|aceit)[oa]\b|\b(?:aprovad|aceit)[oa]"
    r" ou (?:recusad|rejeitad|negad)[oa]\b",
    r"\b(?:quando|appena|una volta che?)\b[^.;]{0,50}?\b(?:verrà|sarà|viene|è stata|è stato) (?:accettat|approvat)[ao]\b"
    r"|\b(?:approvat|accettat)[ao] o (?:rifiutat|respint)[ao]\b",
    r"\b(?:zodra|wanneer)\b[^.;]{0,50}?\b(?:is |wordt )?(?:goedgekeurd|geaccepteerd)\b|\bgoedgekeurd of afgewezen\b",
    r"\b(?:gdy|kiedy|po)\b[^.;]{0,40}?\b(?:zostanie|została|został) (?:zatwierdzon|zaakceptowan)\w*|\b(?:zatwierdzon|zaakceptowan)\w*"
    r" (?:lub|albo) odrzucon\w*",
    r"\b(?:när|nar)\b[^.;]{0,40}?\b(?:godkänd|godkänts|godkjent|godkendt|beviljad)\b|\b(?:godkänd|godkjent|godkendt)"
    r" eller (?:avslagen|avslått|afvist|nekad)\b|\b(?:kun|kun kun)\b[^.;]{0,30}?\bhyväksy\w*",
    r"\b(?:после|когда)\b[^.;]{0,30}?\b(?:одобрени|одобрят|одобрит|подтверждения администратор)\w*|\bonaylan(?:dığında|dıktan sonra)\b"
    r"|\bsetelah (?:di)?setujui\b|\b(?:sau khi|khi) (?:được )?(?:duyệt|phê duyệt|chấp thuận)\b",
    r"承認され(?:る|た)(?:と|ら)|承認後|(?:批准|审核通过|通过审核|同意)后|승인(?:되면|된 후|후에)",
)
#: the page says the reader's request was sent (a confirmation page, not a help article about requests)
_REQUEST_SENT = re.compile(
    r"\b(?:request|application)\b[^.]{0,30}\b(?:has been|was|is) (?:sent|submitted|received)\b|\brequest (?:sent|submitted)\b"
    r"|\bwe(?:'ve| have) (?:sent|received) your request\b|\b(?:anfrage|beitrittsanfrage|antrag) (?:wurde|ist) (?:gesendet"
    r"|versendet|eingegangen|übermittelt)\b|\banfrage gesendet\b|\bdemande (?:a été|est) (?:envoyée|transmise|reçue)\b"
    r"|\bdemande envoyée\b|\bsolicitud (?:ha sido|fue) (?:enviada|recibida)\b|\bsolicitud enviada\b|\b(?:solicitação|pedido)"
    r" (?:foi|está) (?:enviad|recebid)[oa]\b|\b(?:pedido|solicitação) enviad[oa]\b|\brichiesta (?:è stata )?(?:inviata|ricevuta)\b"
    r"|\b(?:verzoek|aanvraag) is (?:verzonden|verstuurd|ontvangen)\b"
    r"|\b(?:søknad(?:en)?|ansökan|ansøgning(?:en)?|anmodning(?:en)?)(?: din| din)? (?:er|har) (?:sendt|skickats|blitt sendt)\b"
    r"|\bhakemus on lähetetty\b|\bwniosek (?:został )?wysłany\b|\bzapytanie (?:zostało )?wysłane\b"
    r"|\bзаявка (?:отправлена|подана)\b|\bдалее ожидайте\b|\bđã gửi yêu cầu\b|\bpermintaan (?:telah )?terkirim\b"
    r"|リクエストを送信しました|申請(?:を送信しました|しました)|(?:申请|请求)已(?:提交|发送)|(?:요청|신청)(?:이|을)? (?:전송|완료)"
)


#: a control that joins or applies: beside a notice that someone approves first, it sends a request
_JOIN_CONTROL = re.compile(
    r"\bjoin\b|\bapply\b|beitreten|rejoindre|adhérer|unirse|únete|participar|aderir|partecipa|unisciti|lid worden"
    r"|deelnemen|dołącz|gå med|bli medlem|liity|вступить|присоединиться|katıl|bergabung|gabung|tham gia|参加|加入|가입"
)


def awaits_a_yes(page: Page) -> str | bool:
    """What a promise to hear back once approved needs before it gates: the page confirms the reader's request
    was sent, or its own content offers to ask, apply or join (a control or form), and it is short, not an article
    whose comment box says comments appear once approved."""
    if page.content_words > FORM_DOMINATES_WORDS or page.has_player:
        return False
    sent = request_was_sent(page)
    if sent:
        return sent
    asked = asks_with_a_control(page)
    if asked:
        return asked
    label = _offered(page, _JOIN_CONTROL, limit=40)
    return f"it offers {label!r}" if label else False


#: a control that starts or sends an application, several languages ("Start an application", "Antrag absenden")
_APPLICATION_CONTROL = re.compile(
    r"applica|\bantrag|aanvraag|hakemus|wniosek|ansökan|søknad|ansøgning|candidat|postul|solicitud|solicitação"
    r"|richiesta|domanda|başvur|заявк|申請|申请|신청"
)


#: a query that says the reader's own request or application waits (``?status=pending``, ``&state=requested``)
_PENDING_QUERY = re.compile(
    r"(?:^|&)(?:status|state|request_?status|request_?state|membership|enrol+ment)=(?:pending|requested|sent|submitted"
    r"|awaiting[-_]?(?:approval|review)|waiting[-_]?(?:approval|list)?|under[-_]?review|in[-_]?review)(?:&|$)"
)


_PAYMENT_PATH = re.compile(r"checkout|payment|billing|order|cart|basket|purchase|subscri")


def pending_request_address(page: Page) -> str | bool:
    """The link was redirected to an address whose query says the reader's request waits for a decision:
    an application that an administrator reviews, whatever language the page speaks."""
    if not page.visit.redirect_chain or not redirected_here(page):
        return False
    try:
        parts = urlsplit(page.url)
    except ValueError:
        return False
    if _PAYMENT_PATH.search(parts.path.lower()):
        return False  # a payment that is pending is a purchase's state, not a request's
    m = _PENDING_QUERY.search(parts.query.lower())
    return f"sent to a request that waits ({m.group(0).strip('&')})" if m else False


def asks_with_a_form_or_control(page: Page) -> str | bool:
    """An application page's own way to apply: a form of its content asking two things or more (an
    applicant's details), or a control that applies, requests or starts an application."""
    for form in page.forms:
        if not form.in_chrome and not form.hidden and len(form.visible_fields) >= 2:
            return f"a form of {len(form.visible_fields)} fields"
    label = _offered(page, _APPLY_ACTION, _APPLICATION_CONTROL)
    return f"it offers {label!r}" if label else False


def offers_to_ask_or_apply(page: Page) -> str | bool:
    """The page's content offers to ask (see :func:`asks_with_a_control`) or holds a form, most of the page,
    whose button sends an application ("Antrag absenden", "Enviar solicitud"): what a refusal needs before
    it is a request rather than a plain "forbidden"."""
    asked = asks_with_a_control(page)
    if asked:
        return asked
    for form in page.forms:
        if (
            not form.in_chrome
            and not form.hidden
            and not _CONTACT_FORM.search(f"{form.marks} {form.action}")
            and any(_APPLICATION_CONTROL.search(t) and not _ENQUIRY.search(t) for t in form.submits)
            and _outside_words(page, form) <= FORM_DOMINATES_WORDS
        ):
            return f"its form applies: {form.submits[0]!r}"
    return False


def request_was_sent(page: Page) -> str | bool:
    """What a notice that someone will approve needs: the page confirms the reader's own request was sent."""
    m = _REQUEST_SENT.search(page.text_lc or page.shell_text_lc)
    return f"the request was sent ({m.group(0)!r})" if m else False


#: the page says its readers need not sign in, several languages ("申請者の方はログインの必要はありません")
_NO_SIGN_IN_NEEDED = re.compile(
    r"\bno (?:log ?in|sign ?in|sign-?up|account|registration) (?:is )?(?:needed|required|necessary)\b|\bno need to (?:log ?in"
    r"|sign ?in|register|create an account)\b|\b(?:do not|don't|doesn't|does not) need to (?:log ?in|sign ?in|register"
    r"|have an account)\b|\bpas besoin de (?:vous )?(?:connecter|compte|s'inscrire)\b|\b(?:connexion|inscription)"
    r" (?:n'est pas nécessaire|non requise)\b|\bno (?:es necesario|hace falta) (?:iniciar sesión|registr)"
    r"|\b(?:keine|kein) (?:anmeldung|login|konto|registrierung) (?:nötig|erforderlich|notwendig)\b|\bmüssen sich nicht"
    r" (?:anmelden|einloggen)\b|\bnão (?:é necessário|precisa) (?:fazer login|se cadastrar|entrar)\b|\bnon (?:è necessario"
    r"|serve) (?:accedere|registrarsi|effettuare il login)\b|\b(?:je|u) hoeft niet in te loggen\b|\binloggen is niet nodig\b"
    r"|\bnie trzeba się logować\b|\blogowanie nie jest wymagane\b|\bdu behöver inte logga in\b|\bне нужно (?:входить"
    r"|регистрироваться)\b|\b(?:вход|регистрация) не (?:нужн|требуется)"
    r"|ログイン(?:の必要は(?:ありません|ない)|不要)|(?:无需|不需要|不用)(?:登录|注册)|로그인(?:이|할)? 필요(?:가)? 없"
)


def notice_not_for_an_aside(page: Page) -> str | bool:
    """Some sentence carrying a sign-in notice names no optional purpose: "Aby odpowiedzieć, musisz się
    zalogować" (to reply, you must log in) puts the comment before the notice, where the notice's own
    look-ahead cannot see it."""
    text = page.text_lc if page.words > SHELL_WORDS else f"{page.text_lc} {page.shell_text_lc}"
    if _NO_SIGN_IN_NEEDED.search(text):
        return False  # the notice is for some (committee members, staff); the page says readers need no account
    for sentence in _SENTENCE_END.split(text):
        hit = search_phrases(_login_notice_rx(), sentence)
        if hit and not _OPTIONAL_PURPOSE.search(sentence):
            return f"{hit.group(0)!r}"
    return False


GATE_RULES: tuple[GateRule, ...] = (
    # ---- the server's own challenge: a 401 naming a standard scheme is HTTP authentication, whatever page it shows
    GateRule(
        name="http-401-challenge",
        gate=Gate.AUTH,
        description="A 401 whose WWW-Authenticate names a standard scheme (Basic, Digest, NTLM, Negotiate, Bearer): "
        "the server asks for credentials itself, even when the page it sends along draws a sign-in form.",
        fixture="http_401_challenge_with_form.html",
        statuses=frozenset({401}),
        header_patterns=(("www-authenticate", r"(?:^|[\s,])(?:basic|digest|ntlm|negotiate|bearer)\b"),),
    ),
    # ---- login, from where the link ends or heads (works when the host is unreachable)
    GateRule(
        name="identity-provider-sign-in",
        gate=Gate.LOGIN,
        description="The sign-in page of an identity provider the link ends at or redirects to: "
        "Google (accounts.google.com/ServiceLogin, /v3/signin/identifier, /AccountChooser: "
        "where a restricted Drive/Docs/Sites link sends a signed-out reader), Microsoft "
        "(login.microsoftonline.com, login.live.com: SharePoint/OneDrive/Teams), Box "
        "(app.box.com/login), Okta, OneLogin, Auth0, Dropbox.",
        fixture="google_signin.html",
        statuses=ANY,
        url_patterns=(
            r"^accounts\.google\.com/(?:ServiceLogin|v3/signin|AccountChooser|signin|InteractiveLogin|o/oauth2)",
            r"^login\.(?:microsoftonline\.com|live\.com|windows\.net|microsoft\.com)/",
            r"^(?:[\w-]+\.)*box\.com/login",
            r"^[\w-]+\.(?:okta|oktapreview|onelogin)\.com/",
            r"^[\w-]+(?:\.[\w-]+)*\.auth0\.com/(?:login|u/login|authorize)",
            r"^(?:www\.)?dropbox\.com/login",
            r"^[\w-]+\.b2clogin\.com/",
        ),
    ),
    # ---- private videos (the page's own player JSON or its own notice)
    GateRule(
        name="youtube-private-video",
        gate=Gate.PRIVATE,
        description="YouTube watch page of a private video: ytInitialPlayerResponse.playabilityStatus "
        "LOGIN_REQUIRED, 'This is a private video. Please sign in to verify that you may see it.' / "
        "'Private video'.",
        fixture="youtube_watch_private.html",
        checks=(youtube_private,),
    ),
    GateRule(
        name="youtube-members-only",
        gate=Gate.PRIVATE,
        description="YouTube watch page of a members-only video: playabilityStatus UNPLAYABLE, "
        "'Join this channel to get access to members-only content like this video, and other "
        "exclusive perks.'",
        fixture="youtube_watch_members_only.html",
        checks=(youtube_members_only,),
    ),
    GateRule(
        name="youtube-sign-in-required",
        gate=Gate.LOGIN,
        description="YouTube watch page that needs a signed-in viewer for a reason other than the bot "
        "check, e.g. an age-restricted video: playabilityStatus LOGIN_REQUIRED, 'Sign in to confirm "
        "your age'.",
        fixture="youtube_watch_age_restricted.html",
        checks=(youtube_sign_in,),
    ),
    GateRule(
        name="youtube-unplayable",
        gate=Gate.FORBIDDEN,
        description="YouTube watch page of a video not served here, e.g. geo-blocked: playabilityStatus "
        "UNPLAYABLE, 'The uploader has not made this video available in your country'.",
        fixture="youtube_watch_geo_blocked.html",
        checks=(youtube_unplayable,),
    ),
    GateRule(
        name="vimeo-private",
        gate=Gate.PRIVATE,
        description="Vimeo's page for a private video (vimeo.com/<id>): title 'Private Video on Vimeo', "
        "'Sorry, this video is private'.",
        fixture="vimeo_private.html",
        title_patterns=(r"^private video on vimeo$",),
    ),
    GateRule(
        name="video-password-protected",
        gate=Gate.PRIVATE,
        description="A password-protected video (Vimeo's password page: 'This video is password "
        "protected', a password field and 'Watch Video').",
        fixture="vimeo_password.html",
        text_patterns=(r"\bthis video is (?:password[- ]protected|protected by a password)\b",),
        max_words=600,
    ),
    GateRule(
        name="vimeo-password-form",
        gate=Gate.PRIVATE,
        description='Vimeo\'s password page recognised by its form: a Vimeo page whose form asks for name="password".',
        fixture="vimeo_password.html",
        title_patterns=(r"\bvimeo\b",),
        checks=(password_named_field,),
        max_words=600,
    ),
    # ---- request access
    GateRule(
        name="sharepoint-access-denied-page",
        gate=Gate.REQUEST_ACCESS,
        description="SharePoint's access-denied page the link redirects to "
        "(/_layouts/15/AccessDenied.aspx?Source=…), where a reader may request access.",
        fixture="sharepoint_need_permission.html",
        statuses=ANY,
        url_patterns=(r"/_layouts/(?:\d+/)?AccessDenied\.aspx$", r"/_layouts/(?:\d+/)?RequestAccess\.aspx$"),
    ),
    GateRule(
        name="sharepoint-need-permission",
        gate=Gate.REQUEST_ACCESS,
        description="SharePoint / OneDrive for Business sharing link outside the owner's organisation: "
        "'You need permission to access this item.' with 'Request access' (often served as 403).",
        fixture="sharepoint_need_permission.html",
        text_patterns=(
            r"\byou need permission to access this (?:item|site|file|folder|page|document|list|library)\b",
            r"\bsorry, you don't have access to this (?:item|site|page|file|folder)\b",
        ),
        max_words=800,
    ),
    GateRule(
        name="google-need-access",
        gate=Gate.REQUEST_ACCESS,
        description="Google Drive file or Docs document shared to specific people, opened by a signed-in "
        "reader without access: 'You need access — Request access, or switch to an account with "
        "access' (drive.google.com/file/d/…/view) or 'You need permission — Want in? Ask for access' "
        "(docs.google.com/document/d/…/edit).",
        fixture="google_drive_need_access.html",
        text_patterns=(r"\byou need (?:access|permission)[\s.!]{0,5}(?:request access|want in\?? ask for access)\b",),
        max_words=600,
    ),
    GateRule(
        name="dropbox-no-access",
        gate=Gate.REQUEST_ACCESS,
        description="Dropbox shared link restricted to invited people: 'You don't have access to this "
        "file' with 'Request access'.",
        fixture="dropbox_no_access.html",
        text_patterns=(r"\byou don't have access\b.{0,300}?\brequest access\b",),
        max_words=800,
    ),
    GateRule(
        name="available-on-request",
        gate=Gate.REQUEST_ACCESS,
        description="A page saying the recording or material is available on request: 'The recording "
        "of this webinar is available upon request', 'request permission to access the recorded "
        "webinar', 'contact us to request access to the recording'.",
        fixture="recording_on_request.html",
        text_patterns=(
            # the recording itself is the subject ("the recording of this webinar is available on request"),
            # not a dataset named further on (a data availability statement is no gate)
            r"\b(?:recordings?|videos?|webinars?|materials?|slides|content|training|course|modules?|archive)"
            r"(?: (?:of|from|for) (?:the|this|our|each) [\w ,'-]{1,50}?)? (?:is|are) (?:only |also )?available"
            r" (?:up)?on request\b",
            r"\brequest (?:permission|access) to (?:access|view|watch|see) (?:the|this|our)\b",
            r"\bcontact us to request access\b",
            r"\b(?:contact|e-?mail|write to) us (?:to|for) (?:request )?(?:access to|a copy of|a link to) "
            r"the (?:recording|recorded|webinar|video|slides|materials?)\b",
            r"\byou (?:will |may )?need to request (?:permission|access) to (?:access|view|watch)\b",
            # the recording itself available on request, in other languages
            r"\b(?:l'enregistrement|la vidéo|le replay|la rediffusion|les supports)[^.]{0,40}? (?:est|sont) (?:disponibles?|accessibles?)"
            r" (?:uniquement )?sur demande\b|\bcontactez-nous pour (?:obtenir|demander) (?:l'accès|le lien|l'enregistrement)",
            r"\b(?:la grabación|el vídeo|el video|la repetición|los materiales)[^.]{0,40}? (?:está|están) disponibles? (?:solo )?"
            r"(?:bajo|previa|a) (?:petición|solicitud|pedido)\b|\bcontáct(?:enos|anos|e con nosotros) para solicitar (?:el )?acceso",
            r"\b(?:die aufzeichnung|das video|der mitschnitt|die folien|die unterlagen)[^.]{0,40}? (?:ist|sind) (?:nur )?auf anfrage"
            r" (?:erhältlich|verfügbar|zugänglich)\b|\bkontaktieren sie uns[^.]{0,20}? (?:für|um) (?:den )?zugang",
            r"\b(?:a gravação|o vídeo|os materiais)[^.]{0,40}? (?:está|estão) disponíve(?:l|is) (?:apenas )?(?:mediante|sob)"
            r" (?:solicitação|pedido)\b",
            r"\b(?:la registrazione|il video|i materiali)[^.]{0,40}? (?:è|sono) disponibil[ei] (?:solo )?su richiesta\b",
            r"\b(?:de opname|de video|het materiaal)[^.]{0,40}? is (?:alleen )?op aanvraag beschikbaar\b",
            r"\bnagranie[^.]{0,40}? (?:jest )?dostępne (?:wyłącznie |tylko )?na (?:życzenie|prośbę|wniosek)\b",
        ),
        max_words=600,
    ),
    GateRule(
        name="ask-owner-control",
        gate=Gate.REQUEST_ACCESS,
        description="A file-sharing or library page whose main control asks the owner for access "
        "('Request access', 'Pedir acesso', 'Solicitar acceso', 'Zugriff anfordern'), with little else on "
        "the page (Google Drive, Dropbox, OneDrive, SharePoint in any interface language).",
        fixture="google_drive_need_access.html",
        checks=(ask_owner_control,),
    ),
    # ---- a closed group or collection with its own way to ask in
    GateRule(
        name="closed-with-request",
        gate=Gate.REQUEST_ACCESS,
        description="A group, community or dataset that says it is closed to those not admitted ('This is a closed "
        "group', 'Ce groupe est fermé', 'Geschlossene Gruppe', '非公開グループ') and offers its own control or form to ask "
        "in ('Send request', 'Enviar solicitud'): the owner or its managers decide.",
        fixture="closed_with_request.html",
        text_patterns=_CLOSED_TO_OUTSIDERS,
        confirm=(asks_with_a_control,),
        max_words=400,
    ),
    # ---- the host lets the reader in: a locked room's knock, decided before the room's privacy state
    GateRule(
        name="knock-to-enter",
        gate=Gate.REQUEST_ACCESS,
        description="A locked or private meeting room whose visitor knocks or asks to be let in, and whose host "
        "admits or refuses them ('Knock to ask the host to let you in', 'bank på for å be om å bli sluppet inn', "
        "'Skriv ditt namn och knacka', 'Klopfen Sie an'): the host's decision, whatever the room's privacy state says.",
        fixture="knock_to_enter.html",
        text_patterns=_HOST_ADMITS,
        confirm=(knocks_to_enter,),
        max_words=300,
    ),
    # ---- the owner restricted it: said on the page, whatever else the page is (a sign-in page included)
    GateRule(
        name="privacy-settings-notice",
        gate=Gate.PRIVATE,
        description="A short page saying the resource or its account is private, or published only to its "
        "owner and the people it was shared with: 'This video is unavailable because of its privacy "
        "settings', 'This video is private' (also on the sign-in page a private video sends readers to), "
        "'This account is private', 'published only to its owner', 'Cette vidéo est privée', 'Dieses "
        "Video ist privat', 'Este vídeo es privado', 'Ten film jest prywatny'.",
        fixture="video_privacy_settings.html",
        # a 401 that asks for nothing is a permissions page (http-401-refusal), whatever it says of the owner
        statuses=SUCCESS | {403},
        text_patterns=tuple(_NOT_QUOTED + p for p in _PRIVATE_NOTICE),
        max_words=300,
    ),
    GateRule(
        name="refusal-with-request",
        gate=Gate.REQUEST_ACCESS,
        description="A 403 whose own content offers to ask or apply for what it refuses (a locked archive's "
        "'Nutzungsantrag' form, 'Request access'): the labelling rules make a 403 that asks the reader to request "
        "access a request, not a plain refusal.",
        fixture="refusal_with_request_form.html",
        statuses=frozenset({403}),
        checks=(offers_to_ask_or_apply,),
        max_words=400,
    ),
    GateRule(
        name="request-sent-notice",
        gate=Gate.REQUEST_ACCESS,
        description="A short page confirming the reader's request to join or for access was sent, and that it waits "
        "for someone's yes ('Your request has been sent. You'll get an e-mail when the owner approves it', 'Ihre "
        "Anfrage wurde gesendet … sobald der Kursleiter sie freigibt'): a person decides.",
        fixture="request_sent_notice.html",
        text_patterns=_WHEN_APPROVED,
        confirm=(request_was_sent,),
        max_words=300,
    ),
    GateRule(
        name="approval-promised",
        gate=Gate.REQUEST_ACCESS,
        description="A short page promising word once someone approves ('You'll get an email once it has been "
        "accepted', 'riceverai un'email quando verrà accettata', 'Du får en melding når den er godkjent eller "
        "avslått', '承認されるとメールでお知らせします') that confirms the request was sent or offers to ask, apply "
        "or join: the reader waits for a person's yes, in any language the family covers.",
        fixture="approval_promised_join_group.html",
        statuses=SUCCESS | {403},
        text_patterns=_ONCE_APPROVED,
        confirm=(awaits_a_yes,),
        max_words=300,
    ),
    GateRule(
        name="private-state",
        gate=Gate.PRIVATE,
        description="A single-page app whose HTML is an empty shell and whose embedded state says the item "
        'or its account is private ("isPrivate": true, "privateAccount": true, "privacy": "private", '
        '"visibility": "only_me").',
        fixture="spa_private_state.html",
        html_patterns=(
            r"[\"'](?:is_?private|private_?account|is_?private_?account|private_?item|private_?video"
            r"|private_?post)[\"']\s*:\s*true\b",
            r"[\"'](?:reason_?code|reason|error_?code|error_?reason|denial_?reason|code|error|error_?type)[\"']\s*:\s*[\"'][\w-]*(?:private"
            r"|owner_?only|not_?shared)[\w-]*[\"']",
            r"[\"'](?:privacy|visibility|view_?privacy|privacy_?level|privacy_?status|privacy_?view)[\"']\s*:"
            r"\s*[\"'](?:private|only_?me|owner_?only|password|nobody|invite_?only|contacts)[\"']",
            # the same one level down: "privacy": {"view": "password"}
            r"[\"'](?:privacy|visibility)[\"']\s*:\s*\{[^{}]{0,120}?[\"'](?:view|embed|access|who_?can_?view)[\"']\s*:\s*"
            r"[\"'](?:private|password|nobody|contacts|only_?me|owner_?only|disable)[\"']",
            # an embed whose owner turned embedding off ("embeddable": false): it plays only on the owner's page
            r"[\"'](?:embeddable|is_?embeddable|embed_?allowed|allow_?embed(?:ding)?|can_?embed|embedding_?enabled)[\"']"
            r"\s*:\s*false\b",
            # a shared link or item that waits for the owner's password, not an account's
            r"[\"'](?:has_?custom_?password|password_?required|requires_?password|is_?password_?protected"
            r"|password_?protected|needs_?password|(?:share_?)?pwd_?required|has_?(?:share_?)?pwd|need_?pwd"
            r"|has_?(?:share|access)_?password|(?:extract|extraction|pickup|access)_?code_?required"
            # the same for a meeting's or a recording's passcode or PIN ("passcodeProtected": true)
            r"|(?:has_?|requires_?|needs_?)(?:pass_?code|meeting_?password|recording_?password)"
            r"|(?:pass_?code|pin|meeting_?password|recording_?password)_?(?:protected|required|locked))[\"']\s*:\s*(?:true|1)\b",
            r"[\"'](?:view|state|screen|step|stage|mode|status)[\"']\s*:\s*[\"'](?:password[-_]?(?:required|protected"
            r"|prompt|gate|form)|enter[-_]?password|locked[-_]?by[-_]?password)[\"']",
            # the app's current route is its private-item or password page
            r"[\"'](?:page|route|pathname|current_?route)[\"']\s*:\s*[\"']/?(?:[\w\[\]-]+/)*(?:private|password"
            r"|password-protected|protected-share|locked)/?[\"'?]",
        ),
        max_words=120,
    ),
    # ---- a site's own sign-in page (after what a sign-in page may say about the resource itself)
    GateRule(
        name="sign-in-path",
        gate=Gate.LOGIN,
        description="A site's own sign-in page the link ends at or redirects to: Drupal "
        "/user/login?destination=…, WordPress /wp-login.php?redirect_to=…, /account/login, "
        "/signin, /sign-in, CAS /cas/login, SAML/Shibboleth SSO endpoints, ADFS /adfs/ls/.",
        fixture="drupal_user_login.html",
        statuses=ANY,
        url_patterns=(
            r"/(?:log[-_]?in|log[-_]?on|sign[-_]?in|sign[-_]?on|sso|saml2?|adfs/ls|wp-login\.php)" + _END,
            r"/(?:log[-_]?in|sign[-_]?in)\.(?:aspx?|php|jsp|do|cfm|html?)$",
            r"/Shibboleth\.sso/",
            r"/idp/profile/SAML2/",
            r"/authwall" + _END,
            r"/protocol/openid-connect/auth" + _END,
            r"/oauth2?/(?:v[\d.]+/)?authorize" + _END,
            r"/auth/authorize" + _END,
            r"/identity/(?:log[-_]?in|sign[-_]?in)(?:/[\w-]+)?" + _END,
            r"/(?:log[-_]?in|sign[-_]?in)/(?:password|identifier|email|index\.php|canvas)" + _END,
            r"/connect/authorize" + _END,
            r"/as/authorization\.oauth2$",
            r"/SSO\.saml2$|/SSOService(?:\.php)?$|/saml2?/(?:idp/)?(?:sso|login)" + _END,
            r"/(?:anmelden|einloggen|connexion|se-connecter|iniciar-sesion|inicio-sesion|entrar|accedi|inloggen|aanmelden"
            r"|logowanie|zaloguj|logga-in|kirjaudu|prihlaseni|prihlasit|giris|giris-yap|oturum-ac|bejelentkezes|belepes"
            r"|vhod|voiti|vojti|masuk|dang-nhap|log-ind|logg-inn|autentificare|autentifikatsiya|prijava)" + _END,
            r"/(?:loginuserpass|userlogin|memberlogin|customer/account/login)(?:\.\w{2,5})?" + _END,
        ),
    ),
    GateRule(
        name="sign-in-host",
        gate=Gate.LOGIN,
        description="A link redirected to another host whose name says it signs people in (login.…, signin.…, "
        "sso.…, auth.…, idp.…, accounts.…, or a domain that is itself a sign-in service: …login.gov): an "
        "institution's, a platform's or a country's central sign-in, whatever its paths look like.",
        fixture="redirect_to_sign_in_host.html",
        url_patterns=(
            r"^(?:login|signin|sign-in|sso|auth|idp|accounts?|logon|websso|weblogin|shibboleth|cas)\.[\w-]+\.",
            # a sign-in service whose own domain says so (a national one: secure.login.gov)
            r"^(?:[\w-]+\.)*(?:login|signin|sso)\.(?:gov|gouv\.fr|gov\.[a-z]{2}|[a-z]{2})(?::\d+)?/",
        ),
        checks=(redirected_to_other_host,),
    ),
    GateRule(
        name="sign-in-flow",
        gate=Gate.LOGIN,
        description="A link sent into an identity provider's flow, of any vendor: through an OAuth/OIDC "
        "authorization request (client_id, redirect_uri) or a SAML request to a page that is not the resource, "
        "or on to a sign-in flow's address (/auth/verify, /if/flow/…, /interaction/…, /mfa, /webauthn) that "
        "carries the way back (next=, redirectToPath=, returnTo=), or on to a federation's discovery service "
        "(entityID=…&return=…): a national sign-in's provider picker, an academic federation's list of "
        "institutions, a one-time-code step, a flow executor's empty shell.",
        fixture="sign_in_flow_code_step.html",
        checks=(sign_in_flow,),
    ),
    # ---- registration in front of the content
    GateRule(
        name="zoom-registration-url",
        gate=Gate.REGISTRATION,
        description="Zoom webinar or meeting registration form (zoom.us/webinar/register/WN_…, "
        "us02web.zoom.us/meeting/register/…): the recording or session is behind the form.",
        fixture="zoom_webinar_register.html",
        statuses=ANY,
        url_patterns=(r"/webinar/register/(?:WN_|\d)", r"/meeting/register/[\w-]"),
    ),
    GateRule(
        name="zoom-registration-title",
        gate=Gate.REGISTRATION,
        description="Zoom's registration page by its title: 'Webinar Registration - Zoom' / "
        "'Meeting Registration - Zoom'.",
        fixture="zoom_webinar_register.html",
        title_patterns=(r"^(?:webinar|meeting) registration\s*-\s*zoom$",),
    ),
    GateRule(
        name="gotowebinar-registration",
        gate=Gate.REGISTRATION,
        description="GoTo Webinar registration form (register.gotowebinar.com/register/<id>, "
        "attendee.gotowebinar.com/register/<id>).",
        fixture="gotowebinar_register.html",
        statuses=ANY,
        url_patterns=(r"^(?:register|attendee|global)\.gotowebinar\.com/(?:register|rt)/",),
    ),
    GateRule(
        name="on24-registration",
        gate=Gate.REGISTRATION,
        description="ON24 event registration (event.on24.com/wcc/r/<event>/<key>, "
        "event.on24.com/eventRegistration/EventLobbyServlet?target=reg20.jsp…).",
        fixture="on24_registration.html",
        statuses=ANY,
        url_patterns=(r"/wcc/r/\d+", r"/eventRegistration/"),
    ),
    GateRule(
        name="brighttalk-registration",
        gate=Gate.REGISTRATION,
        description="BrightTALK webcast page (brighttalk.com/webcast/<channel>/<id>) showing its "
        "registration form to a signed-out viewer.",
        fixture="brighttalk_webcast.html",
        url_patterns=(r"/webcast/\d+/\d+",),
        checks=(registration_marked_form,),
    ),
    GateRule(
        name="eventbrite-event",
        gate=Gate.REGISTRATION,
        description="Eventbrite event page (eventbrite.com/e/<slug>-tickets-<id>) whose main action is "
        "'Register' / 'Get tickets' / 'Reserve a spot'.",
        fixture="eventbrite_event.html",
        url_patterns=(r"/e/(?:[\w-]+-)?tickets-\d+/?$", r"^(?:www\.)?eventbrite\.[a-z.]+/e/"),
        checks=(tickets_action,),
    ),
    GateRule(
        name="register-to-watch",
        gate=Gate.REGISTRATION,
        description="An on-demand webinar landing page whose form stands in front of the recording: "
        "'Complete the form below to watch the recording' with an email field and no player.",
        fixture="register_to_watch.html",
        text_patterns=_REGISTER_TO_WATCH,
        checks=(email_field_without_player,),
        max_words=1500,
    ),
    GateRule(
        name="register-to-watch-script-form",
        gate=Gate.REGISTRATION,
        description="The same landing page when a marketing or form-builder script draws its form (HubSpot's "
        "hbspt.forms.create, Marketo, Pardot, Microsoft Forms, Jotform, Typeform): no <form> in the HTML, only "
        "'Fill out the form to watch the recording' and the script, and no player.",
        fixture="lead_form_script.html",
        text_patterns=_REGISTER_TO_WATCH,
        confirm=(form_embed_without_player,),
        max_words=600,
    ),
    # ---- paywall
    GateRule(
        name="schema-not-accessible-for-free",
        gate=Gate.PAYWALL,
        description="A news or journal article whose JSON-LD says isAccessibleForFree: false (or "
        '"False"), on the article or its paywalled part (Google\'s paywalled-content markup).',
        fixture="paywalled_article_jsonld.html",
        checks=(not_accessible_for_free,),
        # metered sites mark every article so; a meter that still counts free articles serves this one
        confirm=(not_served_free,),
    ),
    GateRule(
        name="schema-priced-course",
        gate=Gate.PAYWALL,
        description="A course or recording whose page's JSON-LD (schema.org Course, VideoObject) carries offers at a "
        "price above nothing and does not say it is free: the sales page of a course platform, in any language.",
        fixture="course_jsonld_priced.html",
        checks=(jsonld_sold,),
        confirm=(not_served_free,),
    ),
    GateRule(
        name="microdata-not-accessible-for-free",
        gate=Gate.PAYWALL,
        description='An article whose microdata says <meta itemprop="isAccessibleForFree" content="false">.',
        fixture="paywalled_article_microdata.html",
        checks=(microdata_not_accessible_for_free,),
    ),
    GateRule(
        name="publisher-purchase",
        gate=Gate.PAYWALL,
        description="A publisher's article page for a reader without a subscription (ScienceDirect, "
        "Springer, Wiley, Taylor & Francis): 'Access through your institution', 'Purchase PDF', "
        "'Buy article PDF', 'Purchase instant access', 'Get access' with a price.",
        fixture="sciencedirect_purchase.html",
        text_patterns=(
            r"\bpurchase (?:this )?(?:pdf|article|chapter|instant access|access|short-term access)\b",
            r"\bbuy (?:this )?(?:article|chapter|pdf|article pdf|chapter pdf)\b",
            r"\baccess through your (?:institution|organi[sz]ation)\b",
            r"\bget access\b.{0,120}?(?:[$€£]\s?\d|\b(?:USD|EUR|GBP)\s?\d)",
        ),
        confirm=(not_served_free,),
    ),
    GateRule(
        name="publisher-purchase-translated",
        gate=Gate.PAYWALL,
        description="A publisher's purchase box in French, Spanish, German, Portuguese, Italian or Dutch: "
        "'Acheter cet article', 'Comprar este artículo', 'Artikel kaufen', 'Zugang über Ihre Institution', "
        "'Acquista l'articolo', 'Toegang via uw instelling'. Not read on pages that declare another language.",
        fixture="publisher_purchase_es.html",
        languages=("fr", "es", "de", "pt", "it", "nl"),
        text_patterns=(
            r"\b(?:acheter cet article|acheter l'article|acheter ce chapitre|accès via votre institution"
            r"|accès par votre institution|accès via votre établissement|comprar este artículo|comprar el artículo"
            r"|comprar este capítulo|acceso a través de su institución|acceso a través de tu institución|artikel kaufen"
            r"|kapitel kaufen|artikel erwerben|zugang über ihre institution|zugang über ihre einrichtung|comprar artigo"
            r"|comprar este artigo|acesso através da sua instituição|acesso por meio da sua instituição"
            r"|acquista l'articolo|acquista articolo|acquista il capitolo|accedi tramite la tua istituzione|artikel kopen"
            r"|hoofdstuk kopen|toegang via je instelling|toegang via uw instelling)\b",
        ),
        confirm=(not_served_free,),
    ),
    GateRule(
        name="publisher-purchase-more-languages",
        gate=Gate.PAYWALL,
        description="A publisher's or database's purchase box in languages beyond western Europe: 'Купить статью', "
        "'Kup artykuł', 'Makaleyi satın al', '論文を購入', '购买全文', '원문 구매', 'شراء المقال', 'Beli artikel', "
        "'Mua bài báo': the article is sold.",
        fixture="publisher_purchase_ru.html",
        languages=("ru", "uk", "pl", "tr", "cs", "ro", "ja", "zh", "ko", "ar", "id", "vi"),
        text_patterns=(
            r"\bкупить (?:статью|полный текст|доступ к статье|pdf)\b|\bзаказать полный текст\b|\bкупити статтю\b"
            r"|\bkup (?:artykuł|dostęp do artykułu)\b|\bmakaleyi satın al\b|\bkoupit článek\b|\bcumpără articolul\b",
            r"(?:論文|記事|本文|全文|pdf)を購入|购买(?:全文|本文|此文|论文|文章)|購買(?:全文|本文|論文)|(?:논문|원문|전문) 구매"
            r"|شراء (?:المقال|البحث|الدراسة)|\bbeli (?:artikel|akses artikel)\b|\bmua (?:bài báo|bài viết)\b",
        ),
        confirm=(not_served_free,),
        max_words=1500,
    ),
    GateRule(
        name="scholarly-article-without-pdf",
        gate=Gate.PAYWALL,
        description="A journal article page (citation_title meta) that offers no PDF "
        "(no citation_pdf_url) and shows purchase language: 'Rent this article', 'Subscribe to "
        "read the full text', 'Log in via your institution', a price.",
        fixture="journal_article_rent.html",
        checks=(scholarly_article_without_pdf,),
        text_patterns=(
            r"\b(?:rent|buy|purchase) (?:this )?(?:article|chapter|pdf|access|issue)\b",
            r"\bsubscribe (?:now )?(?:to|for) (?:read|view|access|full)",
            r"\b(?:log ?in|sign ?in) (?:via|through|with) (?:your )?(?:institution|athens|shibboleth)\b",
            r"\binstitutional (?:log ?in|access|sign ?in)\b",
            r"\bcheck access\b",
            r"(?:[$€£]|\b(?:USD|EUR|GBP) ?)\d+(?:[.,]\d\d)\b",
        ),
        confirm=(not_served_free,),
    ),
    GateRule(
        name="http-402",
        gate=Gate.PAYWALL,
        description="402 Payment Required (a few publishers and APIs answer it for paid content).",
        fixture="http_402.html",
        statuses=frozenset({402}),
    ),
    # ---- a page that is itself a sign-in form
    GateRule(
        name="password-form-page",
        gate=Gate.LOGIN,
        description="A members area that renders its sign-in form in place of the resource (the URL "
        "stays the same): an <input type=password>, a title saying log in / sign in, and little else.",
        fixture="members_password_form.html",
        title_patterns=_SIGN_IN_TITLE,
        checks=(password_field,),
        max_words=400,
    ),
    GateRule(
        name="email-sign-in-form",
        gate=Gate.LOGIN,
        description="A sign-in that asks for the e-mail address first or mails a sign-in link (Circle, Notion, "
        "Slack-like magic links, Microsoft's and Google's first step): one e-mail or user field whose button "
        "signs in ('Send magic link', 'Se connecter', 'Anmeldelink senden'), or 'Continue' under a sign-in title "
        "(German 'Anmelden' also means registering for an event, so it does not count alone).",
        fixture="email_first_sign_in_de.html",
        checks=(email_sign_in_form,),
    ),
    GateRule(
        name="sign-in-route",
        gate=Gate.LOGIN,
        description="A single-page app sent to its sign-in route in the address's fragment (…/#/login, "
        "…/#!/signin, XUI's #login/), showing nothing of the resource yet.",
        fixture="spa_hash_login_route.html",
        checks=(sign_in_route,),
        max_words=60,
    ),
    GateRule(
        name="sign-in-app-shell",
        gate=Gate.LOGIN,
        description="A single-page sign-in app before its script ran: a title saying sign in ('Zorgnetwerk "
        "– Inloggen', 'Logowanie - Szpital', 'Sign in · Portal', 'ログイン') over an empty root, as ForgeRock "
        "XUI, Authelia, Keycloak themes or a custom portal serve it; nothing of the resource is there.",
        fixture="sign_in_app_shell_pl.html",
        title_patterns=_SIGN_IN_TITLE,
        max_words=25,
    ),
    GateRule(
        name="redirect-to-sign-in",
        gate=Gate.LOGIN,
        description="A near-empty page that moves the reader on to a sign-in address by itself: a meta "
        "refresh to /login, or an app shell whose script sends visitors without a session to /signin.",
        fixture="script_redirect_signin.html",
        checks=(redirect_to_sign_in,),
        max_words=40,
    ),
    # ---- the page is a form standing in front of the content (its structure, any wording)
    GateRule(
        name="subscribers-only-notice",
        gate=Gate.PAYWALL,
        description="A short page whose full text or rest is for paying subscribers, with a price or plans beside "
        "it, though it may also offer a subscriber's sign-in ('The rest of this article … is available to paying "
        "subscribers', 'Subscription required', 'Полный текст статьи доступен только подписчикам', 'Para ver … "
        "necesitas … Premium', 'Makala haya ni kwa wanachama'): the sign-in is for those who paid.",
        fixture="subscribers_only_notice.html",
        text_patterns=_SUBSCRIBERS_ONLY,
        confirm=(offers_payment, not_served_free),
        max_words=400,
    ),
    GateRule(
        name="paid-access-notice",
        gate=Gate.PAYWALL,
        description="A short page saying the item is paid for before it is downloaded, read or watched, beside a "
        "price ('本篇文献需付费下载 … 价格 ￥4.50', 'Téléchargement payant', 'kostenpflichtiger Download', 'paid "
        "access'): a per-item charge, whatever the platform, decided before its sign-in links.",
        fixture="paid_access_notice_de.html",
        text_patterns=_PAID_ACCESS,
        confirm=(names_a_price, not_served_free, keeps_its_file),
        max_words=400,
    ),
    GateRule(
        name="premium-locked-state",
        gate=Gate.PAYWALL,
        description="A short page or app shell whose state marks the item premium or paid ('premium': true) and "
        "the reader without access to it ('hasAccess': false, 'canView': false): the app would draw its offer.",
        fixture="spa_premium_locked_state.html",
        checks=(premium_locked_state,),
        confirm=(not_served_free,),
        max_words=FORM_DOMINATES_WORDS,
    ),
    GateRule(
        name="subscriber-sign-in-offer",
        gate=Gate.PAYWALL,
        description="A teaser that offers a subscriber's sign-in beside a subscription with a price ('Already a "
        "subscriber? Sign in. Not a subscriber? Subscribe for $1/week', 'Déjà abonné ? Connectez-vous'): the sign-in "
        "is for those who paid.",
        fixture="subscriber_sign_in_offer_fr.html",
        text_patterns=_SUBSCRIBER_SIGN_IN,
        confirm=(names_a_price, not_served_free),
        max_words=FORM_DOMINATES_WORDS,
    ),
    GateRule(
        name="purchase-required-state",
        gate=Gate.PAYWALL,
        description="A player's or app's state whose error or reason code says the item must be bought or "
        "subscribed to (NEED_VOUCHER, PURCHASE_REQUIRED, NOT_PURCHASED, SUBSCRIPTION_REQUIRED, PREMIUM_ONLY), "
        "whatever language its player would print the refusal in.",
        fixture="spa_purchase_required_state.html",
        html_patterns=(
            r"[\"'](?:code|error|error_?code|reason|reason_?code|status|error_?type|restrict(?:ion)?_?(?:code|reason|type)"
            r"|block_?reason|play_?status|(?:lock|locked|access|deny|denial|gate|paywall|unavailable)_?(?:reason|code))[\"']"
            r"\s*:\s*[\"'][\w-]*(?:need_?(?:voucher|purchase|payment|subscription"
            r"|premium)|(?:purchase|payment|subscription|premium)_?required|not_?(?:purchased|subscribed|entitled)"
            r"|premium_?only|paid_?only|vip_?only|no_?entitlement)[\w-]*[\"']",
        ),
        max_words=400,
    ),
    GateRule(
        name="after-purchase-notice",
        gate=Gate.PAYWALL,
        description="A short page or an app shell saying the item can be watched or read only after buying it "
        "or a pass ('이용권 구매 후 시청할 수 있는 콘텐츠입니다', '購入後に視聴できます', '购买后观看', 'available after "
        "purchase'): the sale is the page's own message.",
        fixture="after_purchase_notice_ko.html",
        text_patterns=_AFTER_PURCHASE,
        confirm=(not_served_free,),
        max_words=400,
    ),
    GateRule(
        name="sign-in-form",
        gate=Gate.LOGIN,
        description="Any platform's sign-in page (an LMS, an identity provider, a members' portal, an "
        "authwall): a form outside the site's furniture asking for a user name or e-mail and a "
        "password, with at most FORM_DOMINATES_WORDS words of content beside it.",
        fixture="members_password_form.html",
        checks=(sign_in_form,),
    ),
    GateRule(
        name="passkey-or-code-sign-in",
        gate=Gate.LOGIN,
        description="A short page whose sign-in is a passkey or a one-time code, drawn by any vendor's "
        "component (a web component, a state object, a plain form): a visible field, or a field its app's "
        "state will draw, asks the browser for a WebAuthn credential (autocomplete 'webauthn') or a one-time "
        "code (autocomplete 'one-time-code'). Passwordless sign-ins carry no password field; a sign-in modal "
        "kept hidden in the markup is not the page.",
        fixture="passkey_sign_in_401.html",
        checks=(credential_step,),
        max_words=150,
    ),
    GateRule(
        name="secret-form",
        gate=Gate.PRIVATE,
        description="A page whose form asks for nothing but a password or key: a password-protected "
        "post (WordPress 'This content is password protected'), video or course enrolment key.",
        fixture="password_protected_post.html",
        checks=(secret_form,),
    ),
    GateRule(
        name="paywall-state",
        gate=Gate.PAYWALL,
        description="A single-page app whose HTML is an empty shell and whose embedded state says the content "
        'is locked behind a purchase or membership ("classroomLocked": true, "requiresSubscription": '
        'true, "redirectReason": "…_requires_membership") and carries a price ("pricing", '
        '"price_cents", "amount"): a paid community or course platform\'s app.',
        fixture="spa_paywall_state.html",
        checks=(paywall_state,),
        max_words=80,
    ),
    GateRule(
        name="request-access-state",
        gate=Gate.REQUEST_ACCESS,
        description="A single-page app's empty shell whose state's call to action asks the owner for access "
        "(a data catalogue's 'Request access' beside 'Make an enquiry', a document app's 'Request permission') "
        "and offers nothing to download, watch or view: the item is released on request.",
        fixture="spa_request_access_state.html",
        checks=(shell_asks_owner,),
        max_words=SHELL_WORDS,
    ),
    GateRule(
        name="membership-by-approval",
        gate=Gate.REQUEST_ACCESS,
        description="A group, site or event whose membership or registration someone approves, on a page that "
        "is for its members or offers to apply: a forum's board readable by members of a community that a "
        "manager admits, an intranet site with restricted membership ('Request membership'), a free ticket "
        "'subject to the organiser's approval'. The owner decides, so no account or form alone opens it.",
        fixture="membership_by_approval.html",
        text_patterns=_APPROVAL,
        confirm=(restricted_or_applies,),
        max_words=400,
    ),
    GateRule(
        name="reviewed-request",
        gate=Gate.REQUEST_ACCESS,
        description="A page that says a person reviews each request or application ('administrators review each "
        "application', 'cada solicitud es evaluada', 'администраторы рассмотрят заявку', 'Abonnements müssen von den "
        "Moderatoren freigegeben werden', '承認または却下します') and offers a way to ask (a request or join button, "
        "link or form): a closed group, a controlled dataset, an archive's restricted records. Before a "
        "members-only or a permission notice: the owner decides, and the page says how to ask.",
        fixture="reviewed_request.html",
        text_patterns=_REVIEWED_REQUEST,
        confirm=(offers_a_request,),
        max_words=400,
    ),
    GateRule(
        name="approval-state",
        gate=Gate.REQUEST_ACCESS,
        description='A single-page app\'s empty shell whose state says access is approved by hand ("approval": '
        '"manual", "gated": "manual", "requiresApproval": true) and whose own words say to apply or ask '
        "for access: a controlled dataset's or a closed group's page before its script draws the request.",
        fixture="spa_approval_state.html",
        html_patterns=(
            r"[\"'](?:approval|approval_?mode|gated|gated_?mode|access_?mode|join_?mode|signup_?mode)[\"']\s*:\s*[\"']"
            r"(?:manual|admin_?approval|approval|moderated|by_?request)[\"']",
            r"[\"'](?:requires_?approval|needs_?approval|approval_?required|need_?audit)[\"']\s*:\s*true\b",
        ),
        confirm=(offers_a_request,),
        max_words=SHELL_WORDS,
    ),
    GateRule(
        name="login-required-state",
        gate=Gate.LOGIN,
        description="A single-page app's empty shell whose state says a signed-in user is required "
        '("error": "UNAUTHENTICATED", "code": "LOGIN_REQUIRED"): the app will draw '
        "its sign-in, not the resource.",
        fixture="spa_login_required_state.html",
        # error codes only: a flag such as "requiresAuth": true also marks a public page's menu item, and a
        # session "status": "unauthenticated" every signed-out visit
        html_patterns=(
            r"[\"'](?:code|error|error_?code|reason|error_?type)[\"']\s*:\s*[\"'](?:unauthenticated|not_?authenticated"
            r"|login_?required|auth(?:entication)?_?required|sign_?in_?required)[\"']",
            # the app's current route is its sign-in (Next.js "page": "/login"); a route table's "path" is not
            r"[\"'](?:page|route|pathname|current_?route|current_?path|active_?route)[\"']\s*:\s*[\"']/?(?:[\w\[\]-]+/)*"
            r"(?:log-?in|sign-?in|sign_in|auth/login|sso|authenticate)/?[\"'?]",
        ),
        max_words=SHELL_WORDS,
    ),
    GateRule(
        name="registration-required-state",
        gate=Gate.REGISTRATION,
        description="A webinar platform's single-page app (Crowdcast, Hopin-like) whose initial state says "
        'registration is required ("requiresRegistration": true), or a live platform\'s whose replay waits for its '
        'sign-up form ("viewMode": "signup", "authSource": "enrollForm"), and which shows next to no text.',
        fixture="spa_registration_state.html",
        html_patterns=(
            r"[\"'](?:requires_?registration|registration_?required|is_?registration_?required"
            r"|require_?registration)[\"']\s*:\s*true\b",
            r"[\"'](?:view|step|stage|screen|mode|state|entry_?view|gate|view_?mode|watch_?mode|auth_?source"
            r"|watch_?condition)[\"']\s*:\s*[\"'](?:registration|register|registration_?form|sign_?up|signup"
            r"|enrol+_?form|enrol+ment|lead_?form)[\"']",
            r"[\"'](?:replay_?access|recording_?access|access|content_?access)[\"']\s*:\s*[\"'](?:registered"
            r"|registrants|registered_?(?:attendees|users|only))[\w-]*[\"']",
            # one level down ("registration": {"required": true}), or a landing page drawn as its registration form
            r"[\"'](?:registration|signup|sign_?up|enrol+ment)[\"']\s*:\s*\{[^{}]{0,80}?[\"'](?:required|is_?required"
            r"|mandatory)[\"']\s*:\s*true\b",
            r"[\"'](?:landing_?page|landing|page|entry)[\"']\s*:\s*\{[^{}]{0,80}?[\"'](?:template|type|layout|view)[\"']"
            r"\s*:\s*[\"'](?:registration|register|registration_?form|signup|sign_?up)[\"']",
        ),
        max_words=200,
    ),
    GateRule(
        name="access-request-form",
        gate=Gate.REQUEST_ACCESS,
        description="A form asking for name and e-mail whose button says request or apply (for access), "
        "with no player and little else on the page.",
        fixture="access_request_form.html",
        checks=(request_form,),
    ),
    GateRule(
        name="registration-form",
        gate=Gate.REGISTRATION,
        description="A form asking for name and e-mail whose button says register, watch, view, access, "
        "continue or similar (several languages), with no player and little else on the page: the "
        "recording is behind the form.",
        fixture="register_to_watch.html",
        checks=(registration_form,),
    ),
    GateRule(
        name="sent-on-submit",
        gate=Gate.REGISTRATION,
        description="A landing page promising to send the resource to the reader's inbox as soon as its form is "
        "sent ('we'll email the download link straight away', 'link do PDF otrzymasz od razu'), with a lead form "
        "or a form builder's embed and little else: the guide is released by the form, no one decides.",
        fixture="sent_on_submit_guide.html",
        text_patterns=_SENT_ON_SUBMIT,
        confirm=(lead_form_or_embed,),
        max_words=600,
    ),
    GateRule(
        name="released-on-submit",
        gate=Gate.REGISTRATION,
        description="A page that promises its recording, course or download opens the moment its form is sent "
        "('the replay unlocks instantly', 'Video 1 startet sofort', 'o acervo é liberado na hora', 'dan opent de "
        "downloadpagina meteen', '提交后即可观看回放'), with a form asking who the reader is (an e-mail or a phone "
        "number, no password, nothing to pay), even one drawn as a ticket box aside or by a form-builder's script.",
        fixture="released_on_submit.html",
        text_patterns=_RELEASED_ON_SUBMIT,
        confirm=(lead_form_here,),
        max_words=600,
    ),
    GateRule(
        name="free-ticket-access",
        gate=Gate.REGISTRATION,
        description="A ticket shop's or event page whose recordings open with a free ticket ('Für den Zugang benötigen "
        "Sie ein kostenloses Ticket', 'Get a free pass to watch the recordings', 'Réservez un billet gratuit'), taken "
        "on the page (add to cart, register), with no player and nothing priced: the access link follows the order.",
        fixture="free_ticket_access.html",
        text_patterns=_FREE_TICKET,
        confirm=(takes_a_free_ticket_here,),
        max_words=400,
    ),
    GateRule(
        name="popup-lead-form",
        gate=Gate.REGISTRATION,
        description="A landing page whose calls to action ('Recevoir la boîte à outils', 'Download the toolkit') open "
        "a popup hidden until clicked, whose form asks for an e-mail address before it hands the item over (a "
        "lead box: Leadpages, OptinMonster-like popups): every way to the item passes the form.",
        fixture="popup_lead_form.html",
        checks=(popup_lead_form,),
    ),
    GateRule(
        name="recording-landing-form",
        gate=Gate.REGISTRATION,
        description="An on-demand webinar's landing page (a custom page or a webinar platform's) that describes "
        "the session at some length (speakers, agenda: up to RECORDING_LANDING_WORDS words) beside the form that "
        "releases the recording: a name and an e-mail, 'Watch now', 'Get the recording', and no player.",
        fixture="recording_landing_page.html",
        checks=(recording_landing_form,),
        max_words=1000,
    ),
    GateRule(
        name="recording-form",
        gate=Gate.REGISTRATION,
        description="A form builder's page (Google Forms, Microsoft Forms, Jotform) asking for a name and an "
        "e-mail with a plain 'Submit' / 'Enviar' / 'Absenden', whose title or description names the "
        "recording and says it is handed over ('Preencha para receber acesso à gravação'); surveys and "
        "evaluations open nothing.",
        fixture="form_builder_recording.html",
        checks=(recording_form,),
    ),
    GateRule(
        name="registration-form-state",
        gate=Gate.REGISTRATION,
        description="A form builder's or event app's empty shell (Typeform, Luma-like) whose state lists the "
        "questions, a name and an e-mail and no password, for a recording named in its title, description "
        "or messages ('Get the recording', 'Register to get the recording link').",
        fixture="spa_registration_questions.html",
        checks=(registration_state,),
    ),
    GateRule(
        name="email-gate-form",
        gate=Gate.REGISTRATION,
        description="An e-mail gate: a short form asking for an e-mail address (a name, a consent box) inside "
        "a player or an element named for a gate, or under 'Enter your email to keep watching' "
        "('Saisissez votre e-mail pour regarder', 'Geben Sie Ihre E-Mail ein, um …'): Vimeo's and "
        "Wistia's email capture, lead-capture plugins.",
        fixture="player_email_gate.html",
        checks=(email_gate,),
    ),
    GateRule(
        name="paywall-path",
        gate=Gate.PAYWALL,
        description="A link redirected to the platform's plans, pricing, premium, subscription or free-trial page "
        "(/premium/?course=…, /freetrial?rid=…, /abonnement) that sells something: the item stands behind the "
        "offer. A plans page that was itself catalogued and moved is not one.",
        fixture="redirect_to_plans.html",
        checks=(paywall_target,),
    ),
    GateRule(
        name="account-sign-up",
        gate=Gate.LOGIN,
        description="A page that is an account system's door: a form creating an account with a password, and "
        "beside it a sign-in for those who have one or a sign-up through Google/Facebook (Alison's 'Create your free "
        "account … Already a learner? Log in'): a free member tier's sign-up is an account sign-in.",
        fixture="account_sign_up_with_provider.html",
        checks=(account_sign_up,),
        max_words=400,
    ),
    GateRule(
        name="registration-path",
        gate=Gate.REGISTRATION,
        description="A link that was redirected to a registration page (…/registration, …/register/<id>, "
        "/inscription, /registro, /anmeldung) showing a form that asks for an e-mail address, or that is "
        "one and shows almost nothing but a single-page app's shell: the event's recordings stand behind "
        "it (RingCentral Events, webinar platforms). A public page about a professional register is "
        "neither.",
        fixture="redirect_to_registration.html",
        checks=(registration_target,),
    ),
    GateRule(
        name="registration-required-notice",
        gate=Gate.REGISTRATION,
        description="An event or webinar page saying registration is needed to reach the recordings, with a "
        "register action of its own and no player (Cvent's event summary 'Registration is required to "
        "reach the virtual attendee hub', 'Inscrivez-vous pour voir le replay', 'Regístrese para ver la "
        "grabación', 'Registrieren Sie sich, um die Aufzeichnung anzusehen').",
        fixture="registration_required_notice.html",
        confirm=(registers_here,),
        text_patterns=(
            r"\bregistration (?:is )?(?:required|needed|necessary|mandatory) (?:to|in order to|before you can|for)"
            r" (?:access|view|watch|reach|see|download|join|attend|get)",
            r"\b(?:you (?:must|need to|have to) )?(?:register|sign up|create (?:a |an |your )?(?:free )?account)(?: now"
            r"| first| for free| free)?,? (?:to|in order to|and) (?:access|view"
            r"|watch|see|download|unlock|stream|get access to|receive (?:the|a|your) (?:link|recording|replay|access))\b"
            + _NOT_MORE
            + r"[^.]{0,40}?\b(?:recordings?|replays?|videos?|webinars?|sessions?|content|courses?|materials?|slides|on-demand"
            r"|presentations?|toolkit|guide|report|event|modules?|training|it|this|them)\b",
            r"\b(?:recordings?|replays?|sessions?|on-demand|content|videos?|slides|materials?) (?:is|are|will be) (?:only )?"
            r"(?:available|accessible|open) (?:only )?to (?:registered|all registered) (?:attendees|participants|delegates"
            r"|registrants|viewers)\b",
            r"\b(?:inscription (?:obligatoire|requise|nécessaire|gratuite et obligatoire) pour|inscrivez-vous (?:gratuitement )?"
            r"pour (?:voir|regarder|accéder|visionner|recevoir|télécharger)|(?:regístrese|regístrate|inscríbete|inscríbase"
            r"|registrate) (?:gratis )?para (?:ver|acceder|recibir|descargar|visualizar)|registro (?:obligatorio|necesario"
            r"|requerido) para|registrieren sie sich(?: kostenlos)?,? um|registrierung (?:ist )?erforderlich"
            r"|(?:registe-se|registre-se|inscreva-se|cadastre-se) (?:gratuitamente )?para (?:ver|assistir|aceder|acessar"
            r"|receber|baixar)|(?:registrati|registratevi|iscriviti|iscrivetevi) (?:gratuitamente )?per (?:vedere|guardare"
            r"|accedere|ricevere|scaricare)|registrazione (?:obbligatoria|richiesta) per|registreer (?:je|u)(?: gratis)? om"
            r"|registratie (?:is )?(?:verplicht|vereist) om|zarejestruj się,? (?:aby|by|żeby) (?:obejrzeć|zobaczyć|uzyskać"
            r"|pobrać)|rejestracja (?:jest )?wymagana|registrera dig (?:för att|och) (?:se|titta|få)|registrering krävs)"
            + _NOT_MORE
            + r"[^.]{0,50}?"
            + _WHAT_REGISTERING_OPENS,
            r"\b(?:зарегистрируйтесь|зареєструйтеся|kayıt olun|zaregistrujte se|regisztrálj|regisztráljon|εγγραφείτε|daftar"
            r"|đăng ký|tilmeld dig|meld deg på|rekisteröidy|înregistrați-vă|înscrieți-vă)[^.]{0,60}?"
            + _WHAT_REGISTERING_OPENS,
            _WHAT_REGISTERING_OPENS + r"[^.]{0,30}?(?:için kayıt olun|izlemek için kayıt)",
            # after registering the link or the recording is sent; it is released to those who register
            r"\bafter (?:you )?regist(?:er|ering|ration),? (?:you(?:'ll| will) (?:receive|get) (?:the|a|your) (?:link|access"
            r"|recording|replay)|the (?:link|recording|replay|access)[^.]{0,30}\b(?:is|will be) (?:sent|e-?mailed|available))"
            r"|\b(?:released|available|sent|unlocked) (?:only )?to (?:those|anyone|everyone|people) who (?:register|sign up"
            r"|claim|get|take) ",
            r"\b(?:depois|após) d?a inscrição,? (?:o (?:link|acesso|conteúdo)|você recebe)|\b(?:liberad[oa]|disponibilizad[oa]"
            r"|enviad[oa]) (?:para|a) quem (?:se inscrever|garantir o ingresso|fizer a inscrição|se cadastrar)"
            r"|\b(?:después de|tras) (?:la |tu |su )?(?:inscripción|registro),? (?:el enlace|recibirás|recibirá)"
            r"|\b(?:se libera|disponible|se envía) (?:solo )?(?:para|a) quienes? (?:se inscriba|se registre)"
            r"|\baprès (?:votre |ton )?inscription,? (?:le lien|vous recevrez|tu recevras)"
            r"|\bnach (?:der|ihrer|deiner) (?:anmeldung|registrierung),? (?:erhalten sie|erhältst du|bekommen sie|wird (?:ihnen )?"
            r"der link)|\bdopo (?:l'|la )?(?:iscrizione|registrazione),? (?:riceverai|ricevera|il link)"
            r"|\bna (?:je |uw )?(?:inschrijving|registratie|aanmelding),? (?:ontvang|krijg)",
            r"(?:注册|报名|登録|会員登録|등록)(?:后|後|して|하면|하시면)?[^。.]{0,12}(?:观看|查看|視聴|시청)"
            r"|(?:观看|视聴|視聴|시청)(?:するには|하려면)[^。.]{0,12}(?:登録|등록)",
        ),
        max_words=400,
    ),
    GateRule(
        name="checkout-form",
        gate=Gate.PAYWALL,
        description="A checkout: a form whose button buys ('Complete my purchase', 'Pay now', 'Place "
        "order') and little else on the page.",
        fixture="course_checkout.html",
        checks=(checkout_form,),
    ),
    GateRule(
        name="sign-up-form",
        gate=Gate.REGISTRATION,
        description="A page that is a form opening a free account (a name, an e-mail and a password; or a "
        "form marked sign-up / registration): 'Create a free account to download this paper' "
        "(Academia.edu-like repositories, CE portals). A page with a sign-in form too is login.",
        fixture="sign_up_to_download.html",
        checks=(sign_up_form,),
    ),
    GateRule(
        name="institution-picker",
        gate=Gate.LOGIN,
        description="A federation's discovery service or an institutional sign-in's first page (a WAYF, "
        "OpenAthens-like 'Find your institution', 'Wählen Sie Ihre Heimateinrichtung'): a short page headed by "
        "the question of which institution will sign the reader in.",
        fixture="institution_picker.html",
        checks=(institution_picker,),
        max_words=300,
    ),
    GateRule(
        name="saml-request-form",
        gate=Gate.LOGIN,
        description="A short page whose own form carries a SAML authentication request (a hidden SAMLRequest): "
        "a service provider's hand-off to an identity provider or the gateway's picker of sign-in methods, in "
        "whatever language its buttons speak; a SAMLResponse (the way back to the resource) is not one.",
        fixture="saml_request_method_picker.html",
        html_patterns=(r"<input\b[^>]*\bname\s*=\s*[\"']?samlrequest\b",),
        confirm=(saml_request_form,),
        max_words=300,
    ),
    GateRule(
        name="sign-in-provider-picker",
        gate=Gate.LOGIN,
        description="A short page whose controls sign in through identity providers: 'Continue with Google', "
        "'Sign in with your organisation', 'Se connecter avec Microsoft', 'Inloggen met SURFconext'-like "
        "pickers, with nothing of the resource beside them.",
        fixture="sign_in_provider_picker_fr.html",
        checks=(provider_picker,),
    ),
    # ---- families of wording on a short page, several languages
    GateRule(
        name="purchase-offer",
        gate=Gate.PAYWALL,
        description="A course sales page or a publisher's purchase box: a price on a short page, and its own "
        "links or buttons buy the content ('Comprar el curso', 'Add to cart', /purchase, /checkout).",
        fixture="course_sales_page.html",
        checks=(purchase_offer,),
        confirm=(not_served_free,),
    ),
    GateRule(
        name="subscribe-to-read-notice",
        gate=Gate.PAYWALL,
        description="A short page whose content stops at a subscription offer: 'Subscribe to continue "
        "reading', 'Abonnez-vous pour lire la suite', 'Suscríbete para seguir leyendo', 'Jetzt abonnieren "
        "und weiterlesen', 'Assine para continuar lendo' (a metered wall once the free articles ran out).",
        fixture="subscribe_to_continue_fr.html",
        text_patterns=(
            r"\b(?:subscribe|become a subscriber|start (?:your|a) subscription|sign up for a subscription)(?: now| today)?"
            r" (?:to|and) (?:continue reading|keep reading|read (?:the|this) (?:full|rest|whole|entire)|read more|unlock"
            r"|continue watching|watch (?:the|this) full|read the (?:full )?(?:article|story))",
            r"\babonnez-vous (?:pour|et) (?:lire la suite|continuer|poursuivre|accéder)",
            r"\b(?:suscríbete|suscríbase) (?:para|y) (?:seguir leyendo|leer (?:el artículo|más|la noticia)|continuar)",
            r"\b(?:jetzt )?abonnieren(?: sie)?,? (?:und|um) (?:weiter ?zu ?lesen|weiterlesen)",
            r"\b(?:assine|assina) (?:para|e) (?:continuar (?:a ler|lendo)|ler (?:a matéria|mais))",
            r"\babbonati (?:per|e) (?:continuare a leggere|leggere)",
            r"\b(?:abonneer|neem een abonnement)(?: je| u)? (?:om|en) (?:verder te lezen|lees verder)",
            r"\b(?:bli prenumerant|prenumerera|teckna (?:en )?prenumeration)(?: nu| idag)? (?:för att|och) (?:fortsätta"
            r" (?:att )?läsa|läsa (?:vidare|hela|mer|artikeln))",
            r"\b(?:bliv abonnent|abonnér|køb (?:et )?abonnement) for at (?:læse videre|fortsætte|læse hele)"
            r"|\b(?:bli abonnent|abonner) for å (?:lese videre|fortsette å lese|lese hele)"
            r"|\btilaa[^.]{0,20}(?:lukeaksesi|jatkaaksesi lukemista)",
            r"\b(?:zaprenumeruj|wykup (?:subskrypcję|prenumeratę|dostęp)|kup (?:dostęp|subskrypcję))[^.]{0,10}(?:aby|by|żeby)"
            r" (?:czytać dalej|przeczytać (?:całość|cały|dalej|więcej)|kontynuować)",
            r"\b(?:оформите|купите) подписку,? чтобы (?:читать|продолжить)|\bподпишитесь,? чтобы (?:читать|продолжить)",
            r"この続きをみるには|続きを(?:読む|見る|みる)には|続きは(?:有料|購入)|订阅(?:后|以)?(?:阅读|查看)全文"
            r"|(?:购买|購買)后?(?:阅读|观看|閱讀|觀看)|구독하고 계속 읽기",
            r"\bokumaya devam etmek için abone ol|\babone ol(?:un)?,? okumaya devam\b|\bpředplaťte si\b[^.]{0,30}čt"
            r"|\bpro (?:pokračování ve čtení|dočtení)\b|\bfizess elő\b|\belőfizetőknek\b[^.]{0,30}(?:olvas|elérhető)"
            r"|\bberlangganan untuk (?:melanjutkan|membaca)\b|\bđăng ký (?:gói )?(?:để đọc tiếp|để tiếp tục đọc)\b"
            r"|\bεγγραφείτε συνδρομητ\w* για να (?:διαβάσετε|συνεχίσετε)|\babonează-te pentru a (?:citi|continua)\b",
        ),
        confirm=(not_served_free,),
        max_words=400,
    ),
    GateRule(
        name="upgrade-offer",
        gate=Gate.PAYWALL,
        description="A short page that puts the item in a paid tier (Premium, Pro, a paid plan, 'contenido "
        "premium', 'プレミアム会員限定') and whose own control upgrades the reader ('Upgrade to access', 'See plans', "
        "'Start free trial', 'Hazte Premium', 'Premium werden', 'アップグレード'), priced or not.",
        fixture="upgrade_offer_es.html",
        checks=(upgrade_offer,),
        confirm=(not_served_free,),
    ),
    GateRule(
        name="membership-required-notice",
        gate=Gate.PAYWALL,
        description="A page that keeps its content for paying members or subscribers (membership "
        "plugins such as Paid Memberships Pro or WooCommerce Memberships, Substack): 'This content is "
        "for Professional members only', 'This post is for paid subscribers', 'To access this content, "
        "you must purchase CPD Membership', 'nur für Mitglieder', 'réservé aux adhérents'.",
        fixture="members_only_notice.html",
        text_patterns=_MEMBERS_ONLY_NOTICE,
        confirm=(offers_payment, not_served_free),
        max_words=400,
    ),
    GateRule(
        name="members-only-free-tier",
        gate=Gate.LOGIN,
        description="A members-only notice with nothing on sale (Ghost's free tier 'This post is for "
        "subscribers only' with 'Subscribe' and 'Sign in', a society's 'members only' page with 'Log in'): "
        "a member account is what the reader needs.",
        fixture="members_only_free_tier.html",
        text_patterns=_MEMBERS_ONLY_NOTICE,
        confirm=(not_served_free,),
        max_words=400,
    ),
    GateRule(
        name="preview-paywall",
        gate=Gate.PAYWALL,
        description="A document or video host showing a preview and selling the rest (Scribd's 'You're "
        "reading a preview … free trial', 'Vous lisez un aperçu', 'Sie lesen eine Leseprobe'): the page "
        "says the content is cut and offers a subscription, trial or purchase.",
        fixture="preview_paywall.html",
        confirm=(offers_payment, not_served_free),
        text_patterns=(
            r"\b(?:you're|you are|you've been) (?:reading|viewing|watching|seeing|listening to) (?:a |an |the )?(?:free )?"
            r"(?:preview|sample|excerpt|extract|trailer|teaser)\b",
            r"\b(?:end of|this is) (?:the |a )?(?:free )?(?:preview|sample|excerpt)\b",
            r"\b(?:subscribe|subscription|free trial|purchase|buy|upgrade|membership|unlock)\b[^.]{0,60}?\bto (?:read|see"
            r"|view|watch|access|download|continue reading|keep reading) (?:the )?(?:rest|full|whole|entire|remaining"
            r"|complete)\b",
            r"\bto (?:read|see|view|watch|access|download|continue reading|keep reading) (?:the )?(?:rest|full|whole|entire"
            r"|remaining|complete)\b[^.]{0,60}?\b(?:subscribe|subscription|free trial|purchase|buy|upgrade|membership)\b",
            r"\bunlock (?:the )?(?:full|complete|entire|whole|unlimited) (?:access|document|video|course|article|text)\b",
            r"\bvous (?:lisez|regardez) (?:un |une )?(?:aperçu|extrait)\b",
            r"\b(?:estás|está) (?:leyendo|viendo) (?:una |un )?(?:vista previa|avance|extracto|muestra)\b",
            r"\bsie (?:lesen|sehen) (?:eine |einen )?(?:vorschau|leseprobe|ausschnitt)\b",
            r"\b(?:você está|está a) (?:lendo|ler|vendo|ver) (?:uma |um )?(?:prévia|pré-visualização|amostra|trecho)\b",
            r"\bstai (?:leggendo|guardando) (?:un'|un |una )?(?:anteprima|estratto)\b",
            r"\b(?:je leest|u leest|je bekijkt) (?:een )?(?:voorbeeld|preview|fragment)\b",
            r"\bpay[- ]per[- ]view\b|\bpaiement à la séance\b|\bpago por (?:visión|evento)\b|\beinzelabruf\b",
        ),
        max_words=400,
    ),
    GateRule(
        name="login-required-notice",
        gate=Gate.LOGIN,
        description="A short page saying the reader must sign in to see the content: 'You must be logged "
        "in to view this page', 'Please log in to continue', 'only available to registered users', "
        "'Bitte melden Sie sich an', 'Veuillez vous connecter', 'Debes iniciar sesión'.",
        fixture="members_password_form.html",
        text_patterns=tuple(r"(?:" + p + r")" + _NOT_TO_COMMENT for p in _LOGIN_NOTICE),
        confirm=(notice_not_for_an_aside,),
        max_words=600,
    ),
    GateRule(
        name="geo-block-path",
        gate=Gate.FORBIDDEN,
        description="A visit sent on to a path that names a refusal by place (/region-unavailable, /geo-blocked, "
        "/not-available-in-your-country, /country-not-supported): the platform's own geo-block page, whatever "
        "it says and in whatever language.",
        fixture="geo_block_path.html",
        url_patterns=(
            r"/(?:[\w-]+[-_])?(?:geo[-_]?(?:block(?:ed|ing)?|restrict(?:ed|ion)?|fenced?|unavailable)|region[-_]?(?:unavailable"
            r"|blocked|restricted|locked|not[-_]supported|not[-_]available)|(?:not[-_])?available[-_]in[-_]your[-_](?:country"
            r"|region)|unavailable[-_]in[-_]your[-_](?:country|region)|country[-_](?:not[-_]supported|blocked|restricted"
            r"|unavailable))(?:\.\w+)?/?$",
        ),
        checks=(redirected_here,),
    ),
    GateRule(
        name="geo-restricted-state",
        gate=Gate.FORBIDDEN,
        description="A page or app whose embedded state refuses the reader's country: an error or reason code "
        "(GEO_BLOCKED, geo_restricted, REGION_RESTRICTED, NOT_AVAILABLE_IN_COUNTRY) or a current route that is "
        "the app's geo-block page, whatever language its player would print the refusal in.",
        fixture="spa_geo_blocked_state.html",
        html_patterns=(
            r"[\"'](?:code|error|error_?code|reason|reason_?code|status|error_?type|block_?reason)[\"']\s*:\s*[\"']"
            r"[\w-]*(?:geo_?block|geo_?restrict|geo_?fenc|region_?(?:restrict|block|lock|unavailable)"
            r"|not_?available_?in_?(?:your_?)?(?:country|region)|country_?(?:block|restrict)|out_?of_?region)[\w-]*[\"']",
            r"[\"'](?:page|route|pathname|current_?route)[\"']\s*:\s*[\"']/?(?:[\w-]+/)*(?:geo-?block(?:ed)?"
            r"|geo-?restrict(?:ed|ion)|region-?(?:blocked|restricted|unavailable)|unavailable-in-(?:your-)?(?:region"
            r"|country))/?[\"'?]",
        ),
        max_words=400,
    ),
    GateRule(
        name="geo-restricted-notice",
        gate=Gate.FORBIDDEN,
        description="A player or page refusing readers by geography (Brightcove's CLIENT_GEO, broadcasters): "
        "'This video is not available in your country', 'n'est pas disponible dans votre pays'.",
        fixture="geo_restricted_player.html",
        text_patterns=_GEO_NOTICE,
        confirm=(geo_notice_not_quoted,),
        max_words=400,
    ),
    GateRule(
        name="geo-home-country-notice",
        gate=Gate.FORBIDDEN,
        description="A broadcaster's or player's refusal that names its home country rather than 'your country' "
        "('Dieses Video darf aus rechtlichen Gründen nur in Deutschland gezeigt werden', 'only available to "
        "viewers in the UK', 'uniquement en France', 'endast i Sverige', '日本国内のみ'), or the broadcast rights: "
        "on a page of a few words (the player's message and the programme's title), so that an article saying "
        "where a programme can be watched stays served.",
        fixture="geo_home_country_player.html",
        text_patterns=(
            # a broadcaster's rights: the programme may be shown only at home, or not abroad
            r"\b(?:only|solely) (?:be )?(?:available|viewable|shown|watched|streamed|played|accessible)(?: to viewers)?"
            r" (?:in|within|from) (?:the )?(?:uk|united kingdom|us|usa|united states|canada|australia|ireland|new zealand"
            r"|india|south africa)\b|\boutside (?:the )?(?:uk|united kingdom|us|usa|united states|canada|australia"
            r"|ireland)\b[^.]{0,40}\b(?:watch|view|play|stream|available)",
            r"\bnur in (?:deutschland|österreich|der schweiz|der eu|europa)\b[^.]{0,30}\b(?:gezeigt|abgespielt|angesehen"
            r"|verfügbar|abrufbar|empfangbar|zu sehen)|\b(?:aus|wegen) (?:rechtlichen|lizenzrechtlichen|urheberrechtlichen)"
            r" gründen\b[^.]{0,40}\bnur in\b|\baußerhalb (?:deutschlands|österreichs|der schweiz)\b",
            r"\buniquement (?:disponible )?(?:en|depuis la) (?:france|belgique|suisse)\b|\ben raison des droits de"
            r" (?:diffusion|retransmission)\b|\bhors de (?:france|belgique|suisse)\b",
            r"\bsolo (?:está )?(?:disponible|visible) (?:en|desde) (?:españa|méxico|argentina|colombia|chile)\b"
            r"|\bfuera de (?:españa|méxico|argentina)\b|\bpor (?:motivos|razones) de derechos\b"
            r"|\bsolo in italia\b|\bfuori dall'italia\b|\bper motivi di diritti\b"
            r"|\b(?:apenas|somente|só) (?:disponível )?(?:no brasil|em portugal)\b|\bfora do brasil\b|\bfora de portugal\b"
            r"|\balleen (?:te zien |beschikbaar )?in (?:nederland|belgië)\b|\bbuiten nederland\b"
            r"|\b(?:endast|bara) (?:tillgänglig )?i sverige\b|\butanför sverige\b|\bkun (?:tilgængelig )?i danmark\b"
            r"|\bkun (?:tilgjengelig )?i norge\b|\butenfor norge\b|\bvain suomessa\b|\btylko (?:na terenie|w) polsk[ie]\b"
            r"|\bпоза межами україни\b|\bтолько (?:на территории|в) (?:россии|рф)\b|\bза пределами (?:россии|рф)\b",
            # only on the territory of the home country, whichever it is
            r"\bonly (?:within|on|in) the territory of\b|\b(?:pouze|jen) na území\b|\b(?:iba|len) na území\b"
            r"|\b(?:wyłącznie|tylko) na terytorium\b|\bcsak [^.]{0,30}területén\b|\b(?:doar|numai) pe teritoriul\b"
            r"|\b(?:solo|soltanto|solamente|esclusivamente) (?:sul|dal|nel) territorio\b|\b(?:solo|sólo|únicamente) (?:en|desde)"
            r" el territorio\b|\b(?:apenas|somente|só) (?:no|em|a partir do) território\b|\buniquement (?:sur|depuis) le"
            r" territoire\b|\bnur im (?:hoheitsgebiet|inland|bundesgebiet)\b|\bμόνο (?:εντός|στην) (?:της )?επικράτεια",
            # the broadcast rights cover the home country only
            r"\b(?:broadcast(?:ing)?|streaming|distribution) rights (?:only )?cover\b|\bderechos de (?:emisión|retransmisión"
            r"|difusión) (?:solo|sólo|únicamente) cubren\b|\bdroits de (?:diffusion|retransmission) ne couvrent que\b"
            r"|\bdireitos de (?:transmissão|exibição) (?:só|apenas) cobrem\b|\bdiritti (?:di trasmissione )?coprono solo\b"
            r"|\b(?:sende|übertragungs)rechte (?:gelten|umfassen) nur\b|\bhak siar\b[^.]{0,40}\bhanya\b"
            r"|\bhanya tersedia (?:untuk|bagi) (?:penonton|pengguna|pemirsa)[^.]{0,30}\bdi indonesia\b",
            r"(?:受|因)版权(?:方)?限制|日本国内(?:のみ|でのみ|限定)|日本国内からのアクセスに限|海外(?:から|では)[^。]{0,6}(?:視聴|ご覧|再生)|국내에서만|해외에서는[^.]{0,6}(?:시청|재생)",
        ),
        max_words=150,
    ),
    GateRule(
        name="geo-rights-notice",
        gate=Gate.FORBIDDEN,
        description="A player's refusal that gives the broadcaster's rights as the reason the programme is kept "
        "at home, whatever the country and in several languages: one sentence of a short page names broadcast "
        "rights, copyright or a licence and says only, outside, abroad or territory ('only plays in the UK because "
        "of rights agreements', 'Av rättighetsskäl … bara att se i Sverige', 'diritti di trasmissione … soltanto "
        "dal territorio italiano', 'אינה זמינה מחוץ ל… בשל הסכמי זכויות').",
        fixture="geo_rights_notice_pt.html",
        checks=(rights_keep_it_home,),
        max_words=150,
    ),
    GateRule(
        name="network-allowlist-notice",
        gate=Gate.FORBIDDEN,
        description="A short refusal saying the site's owners admit only certain networks or addresses (an IP "
        "allowlist: 'Ihr Netzwerk hat keinen Zugriff … nur aus bestimmten Netzwerken', 'only accessible from "
        "approved networks'), whatever its status and even when it prints the reader's address: the owner's "
        "refusal of the reader's network, like a country's, not a firewall's verdict on a bot.",
        fixture="network_allowlist_refusal.html",
        text_patterns=_NETWORK_ALLOWLIST,
        max_words=150,
    ),
    GateRule(
        name="legal-block-notice",
        gate=Gate.FORBIDDEN,
        description="An ISP's or a regulator's stub in place of the site, served as 200: access to the resource "
        "is restricted under a law, a court order or a registry ('Доступ к ресурсу ограничен … в соответствии с "
        "Федеральным законом', 'access to this website has been blocked by court order', 'erişime engellenmiştir', "
        "'bloqueado por orden judicial'): a stable refusal where the crawler stands, like a 451.",
        fixture="legal_block_stub_ru.html",
        text_patterns=_LEGAL_BLOCK,
        confirm=(cites_a_law,),
        max_words=200,
    ),
    GateRule(
        name="password-protected-notice",
        gate=Gate.PRIVATE,
        description="A short page saying the content is password protected ('This post is password "
        "protected. To view it please enter your password below', 'passwortgeschützt', 'protégé par "
        "mot de passe').",
        fixture="password_protected_post.html",
        text_patterns=(
            r"\b(?:content|page|post|video|recording|file|document|area|site|webinar|course|presentation|folder"
            r"|gallery|event|meeting|link|share|album|slides|module|lesson) is (?:password[- ]protected|protected (?:by|with)"
            r" a password)\b",
            r"\benter (?:the|a|your) (?:password|passcode|access code|access key) (?:below )?to (?:view|access|watch"
            r"|see|continue|unlock)\b",
            r"\bpasswortgeschützt\b",
            r"\bprotégée? par (?:un )?mot de passe\b",
            r"\bprotegid[oa] (?:por|con) contraseña\b",
            r"\bprotetto da password\b",
            r"\b(?:this|the) (?:page|post|video|site|content|file|folder|album|gallery|document|link|share|course)"
            r" (?:requires|needs) a password\b",
            r"^(?:password|passcode) required\b|\bmot de passe requis\b|\bse requiere (?:una )?contraseña\b"
            r"|\bpasswort erforderlich\b|\bsenha (?:necessária|obrigatória)\b|\bpassword richiesta\b"
            r"|\bwachtwoord (?:vereist|vereist)\b",
            r"\bprotegid[oa] (?:por|com) (?:senha|palavra-passe)\b",
            r"\b(?:beveiligd|beschermd) met een wachtwoord\b|\bwachtwoordbeveiligd\b",
            r"\blösenordsskyddad\b|\bskyddad med lösenord\b",
            r"\b(?:chronion[aey]|zabezpieczon[aey]) hasłem\b",
            r"\bsalasanasuojattu\b|\bbeskyttet med (?:passord|adgangskode)\b|\bheslem chráněn",
            r"パスワードで保護されて|密码保护|비밀번호로 보호",
            r"\bзащищен[аоы]? паролем\b|\bзахищен[аоі]? паролем\b|\b(?:şifre|parola)(?:yle|ile)? korumalı"
            r"|\bchráněn[oaýé]? heslem\b|\bjelszóval védett\b|\bπροστατεύεται (?:με|από) (?:κωδικό|συνθηματικό)"
            r"|\bdilindungi (?:kata sandi|sandi)\b|\bđược bảo vệ bằng mật khẩu\b|محمي بكلمة (?:مرور|سر)|מוגן בסיסמה|ป้องกันด้วยรหัสผ่าน|पासवर्ड से सुरक्षित"
            r"|\bbeskyttet (?:med|af) (?:adgangskode|kodeord)\b|\bprotejat cu parol[ăa]\b|受密碼保護",
            # the password the person who shared it set (a file host's share password)
            r"请输入(?:分享者|分享人|发布者|上传者|作者|所有者)(?:提供|设置|设定)?的?密码|(?:文件|分享|链接|视频|内容)设有(?:访问)?密码"
            r"|共有者が設定したパスワード|공유자가 설정한 비밀번호|\benter the password (?:provided|given|set) by the"
            r" (?:sharer|owner|uploader|sender|person who shared)\b"
            r"|请输入(?:访问|会议|提取)?密码|パスワードを入力してください|비밀번호를 입력하세요|\bвведите пароль\b"
            r"|\bşifreyi girin\b|\bzadejte heslo\b|\badja meg a jelszót\b|\bmasukkan kata sandi\b|\bnhập mật khẩu\b",
            # a shared code rather than a password: a file host's extraction code, a room's or a share's code
            r"\benter (?:the |your )?(?:share|sharing|extraction|pickup|access|room|meeting|event|viewing) code\b"
            r"|\b(?:entrez|saisissez) le code d'accès\b|\b(?:introduce|ingresa|introduzca) el código de acceso\b"
            r"|\b(?:geben sie|gib) den (?:zugangs|freigabe)code ein\b|\binserisci il codice di accesso\b"
            r"|\b(?:insira|digite|introduza) o código de acesso\b|\bvoer de toegangscode in\b|\bwpisz kod dostępu\b"
            r"|\bange åtkomstkoden\b|\bвведите код доступа\b|\berişim kodunu girin\b|\bmasukkan kode akses\b",
            r"(?:请|請)?输入(?:提取|访问|分享)码|(?:請)?輸入(?:提取|存取|分享)碼|提取码错误|アクセスコードを入力|共有(?:パスワード|コード)"
            r"|(?:공유|접근|입장|열람) ?(?:코드|비밀번호)를 입력",
            # a password or key the owner set on this item, given by the person who shared it
            r"(?:アクセス)?(?:パスワード|ダウンロードキー|キー|暗証番号)が(?:設定|かけられ)されて|(?:设置|設置|设定)了(?:访问|提取|下载)?(?:密码|密碼)"
            r"|已(?:设置|設定|设定)(?:访问|提取)?(?:密码|密碼)|비밀번호가 (?:설정|걸려)|(?:共有者|アップロードした人|投稿者|作成者)から"
            r"[^。]{0,12}(?:パスワード|キー|コード)|(?:从|向)(?:分享者|分享人|上传者|发布者)(?:处)?(?:获取|索取)(?:提取码|密码|访问码)",
            r"\b(?:protected|locked|secured) (?:by|with) (?:a|an) (?:code|pin|access code|passcode|password)\b"
            r"|\b(?:code|pin|passcode|password|key) (?:you|that you) (?:received from|got from|were given by) the (?:owner|organi[sz]er"
            r"|photographer|host|sharer|uploader|sender|author)\b|\bprotégée? par (?:un )?code\b|\bprotegid[oa] (?:por|con|com)"
            r" (?:un |uma? )?(?:código|pin)\b|\b(?:durch|mit) (?:einen |einem )?(?:code|pin) geschützt\b|\bprotett[oa] da"
            r" (?:un )?(?:codice|pin)\b|\bbeveiligd met een (?:code|pincode)\b|\bchronion[aey] kodem\b|\bskyddad med (?:en )?kod\b"
            r"|מוגנ(?:ת|ה|ים|ות)? ב(?:קוד|סיסמה)|הזינו את (?:קוד הגישה|הסיסמה|הקוד)|הזן את (?:קוד הגישה|הסיסמה)"
            r"|محمي(?:ة)? (?:برمز|بكود)|\bзащищен[аоы]? (?:кодом|пин-кодом)\b|\bdilindungi (?:kode|pin)\b",
        ),
        confirm=(password_notice_is_the_page,),
        max_words=600,
    ),
    GateRule(
        name="request-pending-notice",
        gate=Gate.REQUEST_ACCESS,
        description="A short page saying the reader's request to join or for access waits for someone's "
        "approval (an LMS group or community that validates new members: 'Your request to join is awaiting "
        "approval', 'Votre demande est en attente de validation', 'Ihre Anfrage wartet auf Freigabe', "
        "'承認待ち'); comments awaiting moderation are no request.",
        fixture="request_pending_approval.html",
        text_patterns=(
            # the reader's own request ("your application is under review" is no news item about a drug's)
            r"(?<!if )(?<!when )\byour (?:request|application|membership|access request|join request)(?: to join"
            r"| for access| for membership"
            r"| to access)?(?: is| has been| was)? (?:awaiting|pending|waiting for|subject to|under) (?:an? |the )?"
            r"(?:(?:admin|administrator|owner|moderator|organi[sz]er|host|manager)(?:'s)? )?(?:approval|validation|review"
            r"|confirmation)\b",
            r"\b(?:awaiting|pending) (?:an? |the )?(?:admin|administrator|owner|organi[sz]er|host|manager)(?:'s)? approval\b",
            r"\bdemande (?:d'adhésion |d'accès |d'inscription )?(?:est )?en attente (?:de validation|d'approbation"
            r"|de confirmation|d'acceptation)\b",
            r"\bsolicitud (?:de acceso |de ingreso )?(?:está )?pendiente de (?:aprobación|validación|revisión)\b",
            r"\b(?:anfrage|beitrittsanfrage|zugangsanfrage|antrag) (?:wartet auf|muss noch) (?:die )?(?:freigabe|bestätigung"
            r"|genehmigung)\b|\bwartet auf (?:die )?freigabe\b",
            r"\b(?:solicitação|pedido) (?:de acesso |de adesão )?(?:está )?(?:aguardando|pendente de|em análise)"
            r" (?:a )?(?:aprovação|validação)?\b",
            r"\brichiesta (?:di accesso |di adesione )?(?:è )?in attesa di (?:approvazione|validazione|conferma)\b",
            r"\b(?:aanvraag|verzoek) (?:wacht op|is in afwachting van) goedkeuring\b",
            r"\bprośb[ay] (?:o dołączenie |o dostęp )?(?:oczekuje|czeka) na (?:zatwierdzenie|akceptację)\b",
            r"\bförfrågan väntar på godkännande\b|承認待ち|承認をお待ちください|等待(?:管理员)?(?:审核|审批|批准)|승인 대기",
        ),
        max_words=300,
    ),
    GateRule(
        name="controlled-access-request",
        gate=Gate.REQUEST_ACCESS,
        description="A data repository or archive whose item is released only to those whose request or "
        "application is approved (controlled-access genomic datasets, data enclaves), and which offers to "
        "ask for it: 'Controlled access … whose application is approved by the Data Access Committee' "
        "with 'Request access', 'you must submit a data-use request that is reviewed'.",
        fixture="controlled_access_dataset.html",
        text_patterns=(
            r"\bcontrolled[- ]access\b",
            r"\bwhose (?:application|request)s? (?:is|are|has been|have been) (?:approved|accepted|granted)\b",
            r"\byou (?:must|need to|have to) (?:submit|send|file|make|complete) an? (?:[\w-]+ ){0,3}(?:request|application)\b",
            r"\b(?:access )?(?:requests?|applications?) (?:is|are) (?:reviewed|approved|assessed|considered)\b",
            r"\baccess (?:is )?(?:subject to|only after|after) (?:approval|review|authori[sz]ation)\b",
            r"\baccès (?:contrôlé|soumis à (?:autorisation|approbation))|\bdemandes sont examinées\b"
            r"|\bacceso (?:controlado|sujeto a (?:aprobación|autorización))|\bsolicitudes se revisan\b"
            r"|\bkontrollierte[rn]? zugang\b|\bzugang (?:nach|erst nach) (?:prüfung|genehmigung)\b|\banträge werden geprüft\b"
            r"|\bacesso (?:controlado|sujeito a aprovação)|\baccesso (?:controllato|soggetto ad? approvazione)"
            r"|\bgecontroleerde toegang\b|\btoegang (?:na|onder voorbehoud van) goedkeuring\b",
            # a committee that judges each request or project before access is granted, several languages
            r"\b(?:data |sample )?access committee\b|\bcomitato (?:di|per l')accesso\b|\bcomité d'accès\b|\bcomité de acceso\b"
            r"|\bcomitê de acesso\b|\b(?:zugangs|datenzugangs)(?:komitee|ausschuss|kommission)\b|\btoegangscommissie\b"
            r"|\baccess (?:is )?(?:granted|given|provided) only (?:after|upon|following) (?:the )?(?:approval|review|evaluation"
            r"|assessment)\b|\baccesso (?:è )?concesso solo dopo\b|\bacceso (?:se concede|es concedido) (?:solo|sólo|únicamente)"
            r" (?:tras|después de)\b|\baccès n'est (?:accordé|donné) qu'après\b|\bzugang wird (?:nur|erst) nach\b"
            r"|\bacesso (?:só )?é concedido (?:somente |apenas )?após\b|\btoegang wordt (?:pas|alleen) verleend na\b",
        ),
        confirm=(offers_to_ask_owner,),
        max_words=600,
    ),
    GateRule(
        name="access-request-path",
        gate=Gate.REQUEST_ACCESS,
        description="A link redirected to a page whose address asks for access or membership (a private "
        "group's …/request-membership/, …/request-access, …/access-request): the owner decides.",
        fixture="redirect_to_request_membership.html",
        url_patterns=(
            r"/(?:request[-_]?(?:access|membership|permission|invitation|invite|to[-_]join)|access[-_]?requests?"
            r"|join[-_]?requests?|requestaccess|membership[-_]?requests?)(?:/|\.\w{2,5}|$)",
        ),
        checks=(redirected_here,),
        max_words=600,
    ),
    GateRule(
        name="pending-request-address",
        gate=Gate.REQUEST_ACCESS,
        description="A link redirected to an address whose query says the reader's request or enrolment waits "
        "(…/Enroll.aspx?status=pending, …?state=requested): someone reviews it before the resource opens.",
        fixture="pending_request_address.html",
        checks=(pending_request_address,),
        max_words=600,
    ),
    GateRule(
        name="application-path",
        gate=Gate.REQUEST_ACCESS,
        description="A link redirected to an application for the resource (…/apply, …/solicitud/, …/hakemus/uusi, "
        "…/antrag, a data-permit or membership application in any of ~20 languages) whose page asks with a form or "
        "a control: the item is released once someone approves the application, not on the link.",
        fixture="application_path_data_permit.html",
        url_patterns=(
            r"/(?:apply|application|applications|access[-_]application|data[-_]?application|solicitud(?:es)?|solicitar"
            r"|solicita[cç][aã]o|demande(?:[-_]d[-_]?acces)?|antrag|nutzungsantrag|aanvraag|aanvragen|wniosek|wnioski"
            r"|ans[oö]kan|s[oø]knad|ans[oø]gning|hakemus|lupahakemus|richiesta|domanda|ba[sş]vuru|zayavka|заявка"
            r"|permohonan|pengajuan|shinsei|申請|申请|신청)(?:/|\.\w{2,5}|$)",
        ),
        checks=(redirected_here,),
        confirm=(asks_with_a_form_or_control,),
        max_words=600,
    ),
    GateRule(
        name="request-access-notice",
        gate=Gate.REQUEST_ACCESS,
        description="A short page saying the reader has no access and may request it, or that access is "
        "granted on request or application ('You don't have access … Request access', 'Zugang "
        "beantragen', 'Solicitar acceso').",
        fixture="request_access_notice.html",
        text_patterns=tuple(
            _NOT_QUOTED + p
            for p in (
                r"\byou (?:(?:do not|don't|currently|no longer|still) ){1,2}have (?:access|permission)\b.{0,200}?"
                r"\b(?:(?:request|ask for|apply for) (?:access|permission)|send (?:a|an|the|your) (?:access )?request)\b",
                r"\byou need (?:access|permission)\b.{0,100}?\b(?:request|ask for) (?:access|permission)\b",
                r"\b(?:request|apply for) access to (?:this|the) (?:content|recording|video|course|resource|file|document"
                r"|webinar|training|material|page|library)",
                r"\baccess (?:is )?(?:granted|available|provided) (?:only )?(?:up)?on (?:request|application|approval)\b",
                r"\b(?:zugang|zugriff) (?:beantragen|anfordern)\b",
                r"\brequest (?:a copy|the full[- ]text|full[- ]text)(?: pdf)?(?: directly)? from the authors?\b",
                r"\bto read the full[- ]text[^.]{0,80}\brequest a copy\b",
                r"\bdemande[rz] l'accès\b",
                r"\bsolicita(?:r)? (?:el )?acceso\b",
                r"\b(?:solicitar|pedir|solicite|peça) (?:o )?acesso\b",
                r"\brichied(?:i|ere) (?:l')?accesso\b",
                r"\btoegang (?:aan)?vragen\b",
                r"\bpoproś o dostęp\b|\bbegär åtkomst\b",
                r"\baccès (?:sur|après) demande\b|\bacceso (?:bajo|previa) solicitud\b|\bzugang (?:auf|nach) anfrage\b"
                r"|\bacesso mediante (?:pedido|solicitação)\b|\baccesso su richiesta\b|\btoegang op aanvraag\b",
                r"(?:アクセス|閲覧)権限を(?:リクエスト|申請)|申请(?:访问|查看)权限|(?:액세스|접근|열람) ?권한(?:을)? 요청"
                r"|\bзапросит[ье] доступ\b|\berişim (?:iste|talep et)\w*|\bpožádat o přístup\b|\bminta akses\b",
            )
        ),
        confirm=(asks_on_this_page,),
        max_words=500,
    ),
    GateRule(
        name="forbidden-state",
        gate=Gate.FORBIDDEN,
        description="An empty app shell whose state's error refuses the reader (PERMISSION_DENIED, FORBIDDEN, "
        "ACCESS_DENIED), whatever language the app would print it in.",
        fixture="spa_forbidden_state.html",
        checks=(forbidden_state,),
        max_words=SHELL_WORDS,
    ),
    # ---- bare statuses, when nothing clearer matched
    GateRule(
        name="http-451",
        gate=Gate.FORBIDDEN,
        description="451 Unavailable For Legal Reasons (e.g. a news site refusing readers from one "
        "region): served, not to readers where the crawler stands.",
        fixture="http_451.html",
        statuses=frozenset({451}),
    ),
    GateRule(
        name="storage-public-access-refused",
        gate=Gate.FORBIDDEN,
        description="Cloud storage refusing anonymous readers of a private container (Azure Blob Storage: "
        "409 PublicAccessNotPermitted; S3/GCS: 403 AccessDenied XML): only the owner can open it.",
        fixture="azure_blob_public_access.xml",
        statuses=frozenset({403, 409}),
        header_patterns=(
            (
                "x-ms-error-code",
                r"^(?:PublicAccessNotPermitted|AuthorizationFailure|"
                r"AuthenticationFailed)$",
            ),
        ),
    ),
    GateRule(
        name="permission-denied-notice",
        gate=Gate.FORBIDDEN,
        description="A short page served as 200 that refuses the reader and offers nothing to "
        "do about it: no sign-in, no request ('Access denied. You do not have permission to view this "
        "page', 'Zugriff verweigert', 'Accès refusé', 'Acceso denegado', 'Нет доступа'): an LMS's or a "
        "portal's permissions page.",
        fixture="permission_denied_200.html",
        statuses=SUCCESS,  # a 403 says so already (http-403); a 401 asks for credentials or is http-401-refusal
        text_patterns=(
            # the refusal, not a FAQ's condition ("If you do not have access to this course, …")
            _NOT_QUOTED
            + r"(?<!if )(?<!when )\byou (?:do not|don't|currently do not|no longer) have (?:the )?(?:permission"
            r"|rights?|access"
            r"|authori[sz]ation) (?:to|for) (?:view|access|see|open|watch|read|this)\b",
            _NOT_QUOTED
            + r"\b(?:you are|you're) not (?:authori[sz]ed|allowed|permitted) to (?:view|access|see|open|watch)\b",
            # the page opens with the refusal itself (an article "Access denied: how …" goes on with its topic)
            r"^\W*(?:access denied|access forbidden|permission denied|unauthori[sz]ed access)(?=\s*(?:$|[.!]|you\b"
            r"|sorry\b|error\b|\(|\d))",
            r"\bzugriff verweigert\b|\bkeine (?:berechtigung|zugriffsrechte)\b|\baccès (?:refusé|interdit)\b"
            r"|\bvous n'avez pas (?:l'autorisation|les droits|accès)\b|\bacceso (?:denegado|prohibido)\b"
            r"|\bno tienes? (?:permiso|acceso)\b|\bno tiene (?:permiso|acceso)\b|\bacesso negado\b"
            r"|\bvocê não tem (?:permissão|acesso)\b|\baccesso negato\b|\bnon hai (?:i permessi|l'autorizzazione|accesso)\b"
            r"|\btoegang geweigerd\b|\bje hebt geen (?:toegang|rechten)\b|\bu heeft geen (?:toegang|rechten)\b"
            r"|\bbrak dostępu\b|\bodmowa dostępu\b|\båtkomst nekad\b|\bnet dostupa\b|\bнет доступа\b"
            r"|\bдоступ (?:запрещ[её]н|закрыт)\b|\berişim (?:reddedildi|engellendi)\b|\bpřístup odepřen\b"
            r"|アクセス(?:が拒否されました|権限がありません)|(?:拒绝访问|无权访问|沒有權限|没有权限)|액세스(?:가)? 거부"
            # more languages: "you do not have permission", "access denied"
            r"|\banda tidak memiliki (?:izin|akses|hak akses)\b|\bakses ditolak\b|\bbạn không có quyền\b|\btruy cập bị từ chối\b"
            r"|ليس لديك (?:إذن|صلاحية)|تم رفض الوصول|אין לך הרשאה|הגישה נדחתה|คุณไม่มีสิทธิ์|आपको (?:अनुमति|पहुंच) नहीं"
            r"|\bу вас немає (?:доступу|прав)\b|\bдоступ заборонено\b|\bδεν έχετε (?:δικαίωμα|άδεια) πρόσβασης\b"
            r"|\bη πρόσβαση απορρίφθηκε\b|\bnincs jogosultsága\b|\bhozzáférés megtagadva\b|\bnu aveți permisiunea\b"
            r"|\bacces interzis\b|\bsinulla ei ole (?:oikeutta|käyttöoikeutta)\b|\bpääsy estetty\b|\badgang nægtet\b"
            r"|\bdu har ikke (?:adgang|tilgang)\b|\bingen tilgang\b|\bdu har inte behörighet\b|\bnemáte oprávnění\b"
            r"|\bnemáte prístup\b|\bnimate dovoljenja\b|\bnemate dozvolu\b|\bнямате (?:достъп|права)\b",
        ),
        max_words=150,
    ),
    GateRule(
        name="http-401-refusal",
        gate=Gate.FORBIDDEN,
        description="A 401 that asks for no credentials (no WWW-Authenticate) and whose page refuses "
        "the reader ('You have not been given permission', 'Access denied'): a refusal, not a login.",
        fixture="http_401_refusal.html",
        statuses=frozenset({401}),
        checks=(no_challenge,),
        text_patterns=(
            r"\b(?:not|n't) (?:been )?(?:given|granted|have) (?:permission|access)\b",
            r"\baccess (?:is )?denied\b",
            r"\bnot (?:authori[sz]ed|allowed|permitted) to (?:view|access|see|look at)\b",
            r"\bisn't open to you\b",
            # "not authorised to read …", and "you have no permission", in other languages
            r"\bnot (?:authori[sz]ed|allowed|permitted) to (?:read|download|open|edit)\b"
            r"|\bno (?:está )?autorizad[oa] (?:a|para)\b|\bnon autorisée? à\b|\bnicht (?:berechtigt|autorisiert)\b"
            r"|\bnão (?:está )?autorizad[oa] a\b|\bnon (?:sei |è )?autorizzat[oa] a\b|\bniet (?:gemachtigd|bevoegd"
            r"|geautoriseerd) om\b|\b(?:nie masz|brak) uprawnień\b|\bнет прав\b|\bне авторизован\w* для\b|\byetkiniz yok\b"
            r"|\btidak (?:memiliki izin|berwenang)\b|\bkhông có quyền\b|権限がありません|没有权限|無權|권한이 없습니다",
        ),
    ),
    GateRule(
        name="http-401-api-refusal",
        gate=Gate.FORBIDDEN,
        description="A 401 with no WWW-Authenticate whose body is a machine's error (JSON or XML from a storage "
        "bucket or an API: 'unauthorized', 'this bucket is private'): no credentials are asked for, and no "
        "page offers a reader a way in; the owner did not open it.",
        fixture="api_401_private_bucket.json",
        statuses=frozenset({401}),
        checks=(no_challenge, machine_error_body),
    ),
    GateRule(
        name="http-401",
        gate=Gate.AUTH,
        description="401 Unauthorized: the server asks for credentials (WWW-Authenticate: Basic …).",
        fixture="http_401.html",
        statuses=frozenset({401}),
    ),
    GateRule(
        name="http-403",
        gate=Gate.FORBIDDEN,
        description="403 Forbidden with nothing clearer (no bot wall, no access-request page), e.g. "
        "Apache's 'You don't have permission to access this resource.'",
        fixture="http_403.html",
        statuses=frozenset({403}),
    ),
)

#: statuses for which judge consults the gate rules
GATE_STATUSES: frozenset[int] = frozenset(s for r in GATE_RULES for s in r.statuses if s is not None)


def match_gate(page: Page, rules: tuple[GateRule, ...] = GATE_RULES) -> tuple[GateRule, str] | None:
    """The first rule that matches the page, with its evidence."""
    for rule in rules:
        hit = rule.evidence(page)
        if hit is not None:
            return rule, hit
    return None


def detect_gate(visit: Visit, *, page: Page | None = None) -> Verdict | None:
    """The gate in front of this visit's resource, or None.

    Works for a failed visit too: then only rules decided from URLs apply, over
    every URL of its redirect chain.
    """
    from .page import page_of

    if page is None:
        page = page_of(visit)
    found = match_gate(page)
    if found is None:
        return None
    rule, hit = found
    return Verdict(Outcome.GATED, rule.gate, f"{rule.name}: {hit}" if hit else rule.name)
