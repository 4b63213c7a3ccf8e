"""One page, decoded once and parsed once: what judgment and extraction read.

:class:`Page` is built from a :class:`linkhealth.visit.Visit` (the wire facts) and
does no I/O. Everything it offers is computed lazily (a ``cached_property``)
from one decoded text and one lxml tree, made through parsel, Scrapy's own selector
library. The judge (:mod:`pipelines.judge`), the gate rules (:mod:`pipelines.gates`)
and metadata extraction (:mod:`pipelines.metadata`) read a page only through this
object, so a page is never decoded, tokenised or searched for its title twice
(web-poet's page-object idea: the page object is independent of Scrapy).

What a page offers
==================

- where the visit ended (``targets``), its status, headers and content type;
- ``html``: the decoded markup (first ``DECODE_CAP`` bytes); ``markup_lc``: the
  body's bytes ASCII-lower-cased, for the few rules that look for a vendor's
  script marker (bot walls, parking landers);
- ``root``: the lxml tree, with scripts, styles, templates, SVG and comments
  removed once after their useful content (JSON-LD) was read, and the elements a
  browser does not show (``hidden``, ``display: none``);
- ``title``, ``h1s``, ``headings``, ``metas`` / ``meta()``, ``lang``, ``canonical``;
- ``json_ld_blocks`` (each block's text) and ``json_ld`` (its items, a broken
  block skipped alone);
- ``youtube``: YouTube's ``ytInitialPlayerResponse``, parsed once
  (``player_response``) and summarised (:class:`PlayerStatus`);
- ``forms``: each form's inputs (type, name, placeholder, label), submit controls'
  text, its action and its words; inputs outside any form make one more form;
- ``links``, ``iframes`` (and embeds, objects, videos);
- ``text`` (all visible text of the body), ``main_text`` (the main content:
  ``<main>``, ``role=main`` or the first ``<article>``), ``outside_main_text``
  (the rest but navigation and footers), ``chrome_text`` (navigation, header,
  footer and asides outside the main content), with word counts;
- ``title_as_written``, ``own_headings``, ``own_text``: what the identity check
  (:mod:`pipelines.identity`) compares and fingerprints: the main content (or the
  body) without navigation, headers, footers, asides and forms, characters as written.

Text is whitespace-collapsed, curly quotes straightened, no-break spaces made
spaces (the identity fields only collapse whitespace). Lower-cased copies (``*_lc``) are ``str.lower`` of these (computed with
:func:`pipelines.charset.lower`, which gives the same result faster).
"""

from __future__ import annotations

import copy
import json
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import urljoin, urlsplit

import lxml.etree
import lxml.html
from parsel import Selector

from linkhealth.visit import Visit

from .charset import decode_html, decode_html_as, lower


class cached_property:  # a drop-in for functools.cached_property
    """``functools.cached_property`` without the lock Python 3.11's holds while it
    computes (3.12 dropped it): a page is read by one thread, and its properties are
    computed once each on every page, where the lock costs more than many of them."""

    def __init__(self, func: Any) -> None:
        self.func, self.__doc__ = func, func.__doc__

    def __set_name__(self, owner: type, name: str) -> None:
        self.attrname = name

    def __get__(self, instance: Any, owner: type | None = None) -> Any:
        if instance is None:
            return self
        value = instance.__dict__[self.attrname] = self.func(instance)
        return value


__all__ = [
    "DECODE_CAP",
    "MAX_VIDEO_JSON_SCAN",
    "Page",
    "PlayerStatus",
    "Form",
    "Field",
    "page_of",
    "parse_json_ld",
    "decode_body",
    "balanced_object",
    "json_after",
    "host_path",
    "hop_target",
]

#: bytes of a body that are decoded and parsed
DECODE_CAP = 1_000_000
#: how far into the body a video host's player JSON is looked for (it can sit deep)
MAX_VIDEO_JSON_SCAN = 4_000_000
#: a JSON-LD block larger than this is skipped
MAX_JSONLD_BYTES = 1_000_000
#: forms, fields of a form, and links or buttons read: a hostile page may hold a million
MAX_FORMS, MAX_FIELDS, MAX_ACTIONS = 50, 200, 1000
#: ancestors climbed to tell furniture from content
MAX_DEPTH = 64

_VIDEO_HOSTS = ("youtube.com", "youtube-nocookie.com", "vimeo.com")
_MAGIC = (
    b"%PDF-",
    b"PK\x03\x04",
    b"\x89PNG",
    b"GIF87a",
    b"GIF89a",
    b"\xff\xd8\xff",
    b"RIFF",
    b"\x1f\x8b",
    b"OggS",
    b"ID3",
    b"fLaC",
    b"\x1aE\xdf\xa3",
    b"\xd0\xcf\x11\xe0",
    b"7z\xbc\xaf",
    b"Rar!",
    b"\x00\x00\x01\x00",
    b"wOFF",
    b"wOF2",
    b"BM",
)
_CONTROL = bytes(range(0, 9)) + bytes(range(14, 32))
_HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
_SNIFF_TYPES = frozenset({"", "text/plain", "application/octet-stream", "binary/octet-stream"})
_LOOKS_HTML = re.compile(rb"^\s*(?:<!doctype\s+html|<html\b|<head\b|<!--|<meta\b|<title\b|<body\b)", re.I)
_XML_DECL = re.compile(r"^\s*<\?xml[^>]*\?>", re.I)
_QUOTES = (("\u2019", "'"), ("\u2018", "'"), ("\u201c", '"'), ("\u201d", '"'), ("\xa0", " "), ("\u200b", ""))
_INVISIBLE = ("script", "style", "template", "svg", "noscript", "object")
_CHROME = ("nav", "header", "footer", "aside")

_TEXT = lxml.etree.XPath(".//text()", smart_strings=False)
_TEXT_NO_NAV = lxml.etree.XPath(".//text()[not(ancestor::nav or ancestor::footer)]", smart_strings=False)
#: the body's text outside the main content, by what the main content is (a node-identity
#: test, ``count(. | $main) = 1`` on every ancestor, costs several times more)
_TEXT_OUTSIDE = {
    kind: lxml.etree.XPath(f".//text()[not(ancestor::nav or ancestor::footer or {test})]", smart_strings=False)
    for kind, test in (
        ("main", "ancestor::main"),
        ("role", "ancestor::*[@role='main']"),
        ("article", "ancestor::article"),
    )
}
#: a sidebar drawn without <aside>: an element whose class (a whole token) or id says so
_SIDEBAR = (
    "contains(concat(' ', normalize-space(@class), ' '), ' sidebar ') or @id='sidebar'"
    " or contains(concat(' ', normalize-space(@class), ' '), ' widget-area ')"
)
_CHROME_NODES = lxml.etree.XPath(
    "//body//*[(self::nav or self::header or self::footer or self::aside or @role='navigation' or @role='banner'"
    f" or @role='contentinfo' or @role='complementary' or {_SIDEBAR})"
    " and not(self::main or self::article or @role='main')]"
    "[not(ancestor::nav or ancestor::header or ancestor::footer or ancestor::aside or ancestor::main"
    f" or ancestor::article or ancestor::*[@role='main'] or ancestor::*[{_SIDEBAR}])]"
)
_FORM_FIELDS = lxml.etree.XPath(".//input | .//textarea | .//select")
_ORPHAN_FIELDS = lxml.etree.XPath("//body//input[not(ancestor::form)] | //body//textarea[not(ancestor::form)]")
_SUBMITS = lxml.etree.XPath(
    ".//button | .//input[@type='submit' or @type='image' or @type='button'] | .//*[@role='button']"
)
#: a form's submit drawn as a link (landing-page builders): a link styled as a button, or one to "#"
_FORM_LINK_BUTTONS = lxml.etree.XPath(
    ".//a[contains(@class, 'button') or contains(@class, 'btn')"
    " or contains(@class, 'submit') or @href='#' or starts-with(@href, 'javascript')]"
)
_PLAYER = re.compile(
    r"^<(?:video|audio|source)>$|youtube|youtu\.be|vimeo|wistia|brightcove|jwplayer|kaltura|vidyard"
    r"|player|/embed|\.mp4\b|\.m3u8\b|\.webm\b|\.mp3\b|panopto|mediasite|soundcloud|libsyn"
)
_ACTIONS = lxml.etree.XPath("//a[@href] | //button | //input[@type='submit' or @type='button'] | //*[@role='button']")
_LOOSE_BUTTONS = lxml.etree.XPath("//body//button[not(ancestor::form)]")
_FRAMES = lxml.etree.XPath("//iframe | //embed | //video | //audio | //source")
#: the site's furniture as the identity check sets it apart: navigation, headers, footers,
#: asides and forms (the invisible elements are already gone from :attr:`Page.root`)
_FURNITURE = ("nav", "header", "footer", "aside", "form")
_OWN_MAIN = lxml.etree.XPath("//main | //*[@role='main'] | //article")
#: the same, under an element of the page itself (:attr:`Page._main_alone`)
_OWN_MAIN_UNDER = lxml.etree.XPath(".//main | .//*[@role='main'] | .//article")
_HOLDS_FURNITURE = lxml.etree.XPath("boolean(.//nav | .//header | .//footer | .//aside | .//form)")
_OWN_HEADINGS = lxml.etree.XPath(".//h1 | .//h2 | .//h3")
#: the main content counts as the page's own text only when it says more than this (characters)
OWN_MAIN_MIN = 80
#: furniture drawn without its elements: a div, section or list whose class or id says it is the site's header,
#: footer, menu, breadcrumbs, cookie notice or toolbar (older templates: div#header, div.site-footer, ul.menu)
_LOOSE_FURNITURE = lxml.etree.XPath(
    "//body//*[self::div or self::section or self::ul or self::ol or self::table]"
    "[contains(@class, 'header') or contains(@id, 'header') or contains(@class, 'footer') or contains(@id, 'footer')"
    " or contains(@class, 'menu') or contains(@id, 'menu') or contains(@class, 'nav') or contains(@id, 'nav')"
    " or contains(@class, 'breadcrumb') or contains(@class, 'cookie') or contains(@id, 'cookie')"
    " or contains(@class, 'consent') or contains(@id, 'consent') or contains(@id, 'masthead')"
    " or contains(@class, 'masthead') or contains(@class, 'topbar') or contains(@class, 'toolbar')"
    " or contains(@id, 'colophon')]"
    "[not(ancestor::main or ancestor::article or ancestor::*[@role='main'] or ancestor::nav or ancestor::header"
    " or ancestor::footer or ancestor::aside)][not(.//form or .//main or .//article or .//*[@role='main'])]"
)
#: a whole class or id token that names furniture ("page-header" is a content's heading block, not furniture)
_FURNITURE_TOKEN = re.compile(
    r"^(?:site-|global-|main-|top-|primary-|region-)?(?:header|footer|masthead|navbar|navigation|nav|menu|main-menu"
    r"|breadcrumbs?|cookies?|cookie-(?:banner|bar|notice|consent)|consent(?:-banner)?|topbar|top-bar|toolbar|colophon)"
    r"(?:-wrapper|-container|-inner|-area|-region|-bar|-top|-bottom)?$"
)
#: a page showing at most this many words is an app shell: what it says is in its <noscript> and its state
SHELL_WORDS = 20
#: a character of no Latin script (nor Latin punctuation, spaces or currency signs): Cyrillic, Greek, Arabic,
#: Hebrew, CJK, Thai, emoji …
NON_LATIN = re.compile(r"[^\x00-\u024f\u1e00-\u1eff\u2000-\u20cf\u2100-\u214f]")
_NOSCRIPT_TEXT = re.compile(r"<noscript\b[^>]*>(.*?)</noscript>", re.S | re.I)
_SCRIPT_TEXT = re.compile(r"<script\b[^>]*>(.*?)</script>", re.S | re.I)
_TAGS = re.compile(r"<[^>]*>")
#: a string of an app's state that a reader would see: a message, title, label or description of a few words
_STATE_PROSE = re.compile(
    r"[\"'](?:message|title|subtitle|heading|headline|description|text|label|reason|error_?message|detail|summary"
    r"|notice|body|cta_?label|action_?label|button_?text|submit)[\"']\s*:\s*\"((?:[^\"\\<>]|\\.){3,400})\"",
    re.I,
)


def _straighten(text: str) -> str:
    """Curly quotes straightened, no-break spaces made spaces, zero-width spaces removed."""
    if not text.isascii():  # str.translate with a table costs a dict lookup a character
        for curly, straight in _QUOTES:
            if curly in text:
                text = text.replace(curly, straight)
    return text


def _clean(text: str) -> str:
    """Whitespace collapsed, curly quotes straightened, no-break spaces made spaces."""
    return " ".join(_straighten(text).split())


def _in_furniture(el: Any) -> bool:
    """``el`` is, or sits inside, an element the identity check sets apart (:data:`_FURNITURE`)."""
    return el.tag in _FURNITURE or any(a.tag in _FURNITURE for a in el.iterancestors())


def _says_more_than(text: str, chars: int) -> bool:
    """Is ``text``, whitespace collapsed, longer than ``chars``? Its start is collapsed
    first: collapsing a whole main content to compare it with 80 cost as much as reading it."""
    if len(text) <= chars:
        return False
    start = 8 * chars + 64
    # a cut start collapses to no more than the whole (its last word may lose letters)
    if len(text) > start and len(" ".join(text[:start].split())) > chars:
        return True
    return len(" ".join(text.split())) > chars


def _words(text: str) -> int:
    return text.count(" ") + 1 if text else 0


def _text_of(node: Any, xpath: Any = _TEXT, **variables: Any) -> str:
    return _clean(" ".join(xpath(node, **variables)))


def decode_body(
    body: bytes, encoding: str | None = None, content_type: str | None = None, limit: int = DECODE_CAP
) -> str:
    """The first ``limit`` bytes of a body as text, NULs removed (pipelines/charset.py)."""
    text = decode_html(body, encoding, content_type, limit)
    if "\x00" in text:
        text = text.replace("\x00", "")
    return text


def host_path(url: str | None) -> str | None:
    """``host/path`` of a URL, the form gate URL patterns are written against."""
    if not url:
        return None
    try:
        parts = urlsplit(url)
        host = (parts.hostname or "").rstrip(".")
    except ValueError:
        return None
    return f"{host}{parts.path or '/'}"


def hop_target(hop: Mapping[str, Any]) -> str | None:
    """Where a redirect hop pointed (its ``location`` resolved against its URL)."""
    location = hop.get("location")
    if not location:
        return None
    try:
        return urljoin(str(hop.get("url") or ""), str(location))
    except ValueError:
        return str(location)


# -- embedded JSON ---------------------------------------------------------------------

_BRACE_TOKEN = re.compile(r"[{}\"']")
_STRING_RE = {
    '"': re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"', re.S),
    "'": re.compile(r"'[^'\\]*(?:\\.[^'\\]*)*'", re.S),
}


def balanced_object(text: str, start: int, limit: int = MAX_VIDEO_JSON_SCAN) -> str | None:
    """The ``{...}`` object that opens at ``text[start]``, braces balanced and strings
    skipped (so a ``}`` inside a title does not end it); None when it never closes."""
    if start >= len(text) or text[start] != "{":
        return None
    end = min(len(text), start + limit)
    depth = 0
    pos = start
    while True:
        match = _BRACE_TOKEN.search(text, pos, end)
        if match is None:
            return None
        char = match.group()
        if char == "{":
            depth += 1
            pos = match.end()
        elif char == "}":
            depth -= 1
            pos = match.end()
            if depth == 0:
                return text[start:pos]
        else:
            string = _STRING_RE[char].match(text, match.start(), end)
            if string is None:
                return None  # an unterminated string: the object is cut
            pos = string.end()


def json_after(text: str, literal: str, assignment: re.Pattern[str]) -> Iterator[dict[str, Any]]:
    """Each JSON object assigned to ``literal`` (``assignment`` matches from the end of
    the literal up to the ``{``). The literal is found with ``str.find``: a regex
    with an optional prefix would try every position of a 1 MB page."""
    pos = 0
    while True:
        at = text.find(literal, pos)
        if at < 0:
            return
        pos = at + len(literal)
        match = assignment.match(text, pos)
        if match is None:
            continue
        blob = balanced_object(text, match.end() - 1)
        if blob is None:
            continue
        try:
            data = json.loads(blob, strict=False)
        except ValueError:
            continue
        if isinstance(data, dict):
            yield data


#: after ``ytInitialPlayerResponse``: ``var … = {``, ``window.… = {``, ``window["…"] = {``
_YT_ASSIGNMENT = re.compile(r"[\"']?\s*\]?\s*=\s*\{")
#: a cut body: the status and the texts that follow it, read where the JSON stops
_YT_STATUS = re.compile(r'"playabilityStatus"\s*:\s*\{\s*"status"\s*:\s*"([A-Z_]+)"')
_YT_TEXTS = re.compile(r'"(?:reason|simpleText|text|messages)"\s*:\s*\[?\s*"((?:[^"\\]|\\.){1,400})"')


@dataclass(frozen=True)
class PlayerStatus:
    """YouTube's ``ytInitialPlayerResponse.playabilityStatus``."""

    status: str
    reason: str  #: the main reason YouTube gives
    reasons: str  #: every message, reason and sub-reason, joined: what rules search
    #: the error screen offers a channel membership (a members-only video, in any language)
    members_offer: bool = False


def _collect_texts(node: Any, out: list[str], key: str = "", depth: int = 0) -> None:
    if depth > 10 or len(out) > 40:
        return
    if isinstance(node, str):
        if key in ("reason", "subreason", "simpleText", "text", "messages") and node.strip():
            out.append(node.strip())
    elif isinstance(node, dict):
        for k, v in node.items():
            if k in ("navigationEndpoint", "thumbnail", "icon", "trackingParams", "contextParams"):
                continue
            _collect_texts(v, out, k, depth + 1)
    elif isinstance(node, list):
        for item in node:
            _collect_texts(item, out, key, depth + 1)


def _player_status_of(data: dict[str, Any] | None, text: str) -> PlayerStatus | None:
    status = data.get("playabilityStatus") if data else None
    if isinstance(status, dict) and isinstance(status.get("status"), str):
        texts: list[str] = []
        _collect_texts(status, texts)
        reason = status.get("reason")
        if not isinstance(reason, str):
            reason = texts[0] if texts else ""
        screen = status.get("errorScreen")
        offer = (
            isinstance(screen, dict)
            and any("YpcOffer" in key for key in screen)
            and "sponsors_only" in json.dumps(screen)
        )
        return PlayerStatus(status["status"], _clean(reason), _clean(" | ".join(texts)), offer)
    if data is not None:
        return None
    # a body cut inside the player JSON: read what is there
    at = text.find("ytInitialPlayerResponse")
    m = _YT_STATUS.search(text, at, at + 256 * 1024) if at >= 0 else None
    if not m:
        return None
    texts = []
    for raw in _YT_TEXTS.findall(text, m.end(), m.end() + 8192):
        try:
            texts.append(json.loads(f'"{raw}"'))
        except ValueError:
            texts.append(raw)
    return PlayerStatus(m.group(1), _clean(texts[0] if texts else ""), _clean(" | ".join(texts)))


def parse_json_ld(blocks: Iterable[str]) -> tuple[Any, ...]:
    """The items of JSON-LD blocks, in order. A block that does not parse is skipped
    alone; comments before the JSON are dropped, as extruct does."""
    import jstyleson
    from extruct.jsonld import HTML_OR_JS_COMMENTLINE

    items: list[Any] = []
    for block in blocks:
        if not block.strip():
            continue
        try:
            try:
                data = json.loads(block, strict=False)
            except ValueError:
                data = jstyleson.loads(HTML_OR_JS_COMMENTLINE.sub("", block), strict=False)
        except Exception:  # noqa: BLE001 - broken (or too deeply nested) JSON-LD: this block only
            continue
        if isinstance(data, list):
            items.extend(x for x in data if x)
        elif isinstance(data, dict) and data:
            items.append(data)
    return tuple(items)


# -- forms -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Field:
    """One input of a form: what a reader is asked for."""

    type: str  #: lower-case ``type`` (``text`` when absent; ``textarea``, ``select``)
    name: str  #: lower-case ``name`` or ``id``
    placeholder: str  #: lower-case placeholder, aria-label or title
    label: str  #: lower-case text of its ``<label>``
    #: lower-case ``autocomplete``: what the browser is asked to fill in ("one-time-code", "username webauthn")
    autocomplete: str = ""

    @cached_property
    def words(self) -> str:
        """Everything that says what the field is, lower-cased, one string."""
        return " ".join(x for x in (self.name, self.placeholder, self.label) if x)


@dataclass(frozen=True)
class Form:
    """A form as a reader sees it (or the inputs a page has outside any form)."""

    action: str  #: lower-case ``action`` (absolute-ish, as written)
    marks: str  #: lower-case ``id``, ``class``, ``name`` and ``aria-label`` of the form
    method: str
    fields: tuple[Field, ...]
    submits: tuple[str, ...]  #: lower-case text of each submit control
    words: int  #: visible words inside the form
    in_chrome: bool = False  #: inside navigation, a header, a footer or an aside
    #: lower-case ``id`` and ``class`` of the elements around the form (a few levels): a
    #: form inside a player ("vp-email-capture", "player-gate") says what it stands in front of
    context: str = ""
    hidden: bool = False  #: the form or an element around it is hidden (``hidden``, ``display:none``)

    @cached_property
    def visible_fields(self) -> tuple[Field, ...]:
        return tuple(f for f in self.fields if f.type not in ("hidden", "submit", "button", "image", "reset"))

    def has(self, type_: str) -> bool:
        return any(f.type == type_ for f in self.fields)


def _label_texts(root: Any) -> dict[str, str]:
    out: dict[str, str] = {}
    for label in root.iter("label"):
        target = label.get("for")
        if target:
            out.setdefault(target, _clean(label.text_content()).lower())
    return out


def _field(el: Any, labels: dict[str, str]) -> Field:
    tag = el.tag
    type_ = (el.get("type") or "text").strip().lower() if tag == "input" else tag
    ident = el.get("id") or ""
    label = labels.get(ident, "") if ident else ""
    if not label:
        for ancestor in el.iterancestors("label"):
            label = _clean(ancestor.text_content()).lower()
            break
    placeholder = el.get("placeholder") or el.get("aria-label") or el.get("title") or ""
    return Field(
        type_,
        (el.get("name") or ident).strip().lower(),
        _clean(placeholder).lower(),
        label[:200],
        (el.get("autocomplete") or "").strip().lower(),
    )


_CHROME_ROLES = frozenset({"navigation", "banner", "contentinfo", "complementary", "search"})
_SIDEBAR_CLASSES = frozenset({"sidebar", "widget-area"})


def _in_chrome(el: Any) -> bool:
    """Inside navigation, a header, a footer or an aside (the site's furniture, not the
    page's content); a header inside the main content or an article is content."""
    for depth, ancestor in enumerate(el.iterancestors()):
        if depth > MAX_DEPTH:
            return False
        tag = ancestor.tag
        if tag in ("main", "article") or ancestor.get("role") == "main":
            return False
        if tag in _CHROME or ancestor.get("role") in _CHROME_ROLES:
            return True
        if ancestor.get("id") == "sidebar" or _SIDEBAR_CLASSES.intersection((ancestor.get("class") or "").split()):
            return True
    return False


def _form_submits(form: Any) -> tuple[str, ...]:
    """What the form's buttons say; failing any, its links drawn as buttons, or those beside it
    (a landing-page builder puts the form's "button", a styled link, next to the form)."""
    found = tuple(t for t in (_submit_text(el) for el in _SUBMITS(form)) if t)
    if found:
        return found
    for scope in (form, form.getparent()):
        if scope is None:
            break
        found = tuple(t for t in (_submit_text(el) for el in _FORM_LINK_BUTTONS(scope)[:5]) if t)
        if found:
            return found
    return ()


#: ancestors of a form whose names are read (``Form.context``)
CONTEXT_DEPTH = 4


_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden")


def _hidden(el: Any) -> bool:
    """The element or an ancestor is not shown: a modal kept in the markup for later."""
    for depth, node in enumerate((el, *el.iterancestors())):
        if depth > MAX_DEPTH or node.tag in ("body", "html"):
            return False
        if node.get("hidden") is not None or node.get("aria-hidden") == "true":
            return True
        style = node.get("style")
        if style and _HIDDEN_STYLE.search(style.lower()):
            return True
    return False


#: what a class that hides must contain (every class of HIDDEN_CLASSES holds one of these); the
#: markup must hold one of them, or a ``hidden`` attribute or a ``display: none``, for anything
#: in it to be hidden
_HIDING_MARKS = ("hid", "none", "invisible", "sr-only", "screen-reader", "for-sr")
_MAYBE_HIDDEN = lxml.etree.XPath(
    "//body//*[@hidden or @style or @aria-hidden='true' or "
    + " or ".join(f"contains(@class, '{mark}')" for mark in _HIDING_MARKS)
    + "]"
)
_HIDING_MARKS_BYTES = tuple(mark.encode() for mark in _HIDING_MARKS)
#: classes that hide an element from the eye but not from a screen reader: what they hold names something
SCREEN_READER_CLASSES = frozenset(
    {
        "visually-hidden",
        "visuallyhidden",
        "sr-only",
        "screen-reader-text",
        "govuk-visually-hidden",
        "usa-sr-only",
        "show-for-sr",
        "a11y-hidden",
        "element-invisible",
    }
)
#: the common frameworks' classes that hide an element (Bootstrap, Tailwind, Bulma, Foundation, WordPress,
#: GOV.UK, USWDS ...): a sign-in modal kept in the markup under one of these is not shown
HIDDEN_CLASSES = (
    frozenset(
        {"hidden", "is-hidden", "d-none", "hide", "u-hidden", "js-hidden", "display-none", "displaynone", "invisible"}
    )
    | SCREEN_READER_CLASSES
)
#: a class that shows the element again from some screen width on ("hidden md:block", "d-none d-lg-flex"):
#: shown on a desktop, so part of the page
_SHOWN_FROM_A_WIDTH = re.compile(
    r"(?:^|\s)(?:(?:sm|md|lg|xl|2xl):(?:block|flex|grid|inline|inline-block|inline-flex|table|contents)"
    r"|d-(?:sm|md|lg|xl|xxl)-(?:block|flex|grid|inline|inline-block|inline-flex|table))(?:\s|$)"
)
#: what a closed dialog looks like: ``aria-hidden="true"`` on a modal hides it from everyone
_DIALOG_MARK = re.compile(r"modal|dialog|popup|overlay|lightbox|drawer")


#: elements a screen-reader class leaves in place: a field's label, a heading, a legend, a caption
_NAMING_TAGS = frozenset({"label", "legend", "caption", "h1", "h2", "h3", "h4", "h5", "h6"})


def _hidden_by_class(el: Any) -> bool:
    """Hidden by a framework's class (``class="modal hidden"``, ``d-none``, ``visually-hidden``), not
    shown again from a screen width on, or a dialog closed with ``aria-hidden="true"``. A
    label or a heading kept for screen readers stays: it names its field or its section."""
    classes = el.get("class") or ""
    tokens = set(classes.lower().split())
    hiding = tokens & HIDDEN_CLASSES
    if hiding:
        if el.tag in _NAMING_TAGS and hiding <= SCREEN_READER_CLASSES:
            return False
        return not _SHOWN_FROM_A_WIDTH.search(classes.lower())
    if el.get("aria-hidden") == "true":
        return el.get("role") in ("dialog", "alertdialog") or bool(_DIALOG_MARK.search(classes.lower()))
    return False


#: a subtree that holds the page's own content is never dropped, whatever hides it for now
_HOLDS_CONTENT = lxml.etree.XPath("boolean(.//main or .//article or .//*[@role='main'] or .//h1)")
#: elements never dropped as hidden: a page that hides its whole content until a script runs
#: is judged by that content
_KEEP = frozenset({"html", "body", "main", "article"})


def _drop_hidden(root: Any) -> None:
    """Remove the elements a browser does not show (``hidden``, ``display: none``,
    ``visibility: hidden``): a sign-in modal or a "members only" box kept in the markup
    for later is not what the page says. Their tails (text after them) stay."""
    for el in _MAYBE_HIDDEN(root):
        if el.tag in _KEEP or el.get("role") == "main":
            continue
        if (
            el.get("hidden") is not None
            or _HIDDEN_STYLE.search((el.get("style") or "").lower())
            or (_hidden_by_class(el) and not _HOLDS_CONTENT(el))
        ):
            parent = el.getparent()
            if parent is None:
                continue
            tail = el.tail
            if tail:
                previous = el.getprevious()
                if previous is not None:
                    previous.tail = (previous.tail or "") + tail
                else:
                    parent.text = (parent.text or "") + tail
            parent.remove(el)


def _context_marks(el: Any) -> str:
    marks = []
    for depth, ancestor in enumerate(el.iterancestors()):
        if depth == CONTEXT_DEPTH or ancestor.tag in ("body", "html", "main"):
            break
        marks.append(f"{ancestor.get('id') or ''} {ancestor.get('class') or ''}")
    return " ".join(" ".join(marks).split()).lower()


def _submit_text(el: Any) -> str:
    if el.tag == "input":
        text = el.get("value") or el.get("alt") or el.get("aria-label") or ""
    else:
        text = el.text_content() or el.get("aria-label") or el.get("value") or ""
    return _clean(text).lower()


def _action(el: Any) -> tuple[str, str]:
    """``(href, lower-case text)`` of a link or button: where it goes and what it says."""
    label = _submit_text(el) if el.tag != "a" else _clean(el.text_content()).lower()
    return (el.get("href") or el.get("formaction") or "").lower(), label


# -- the page --------------------------------------------------------------------------


class Page:
    """One visit as seen by the judge, the gate rules and metadata extraction."""

    #: what :func:`page_of` made this page from (the visit's body, status and final URL), to tell
    #: whether the visit it is asked about again is still the same
    _body: bytes
    _status: int | None
    _final: str | None

    def __init__(self, visit: Visit):
        self.visit = visit
        status = visit.status
        #: the status of the page served, None when no page was (a failure, a 3xx not followed)
        self.status: int | None = None if status is None or 300 <= status < 400 else status
        self.headers: Mapping[str, str] = visit.headers or {}
        self.content_type: str = visit.content_type
        # what the visit was when the page was made: page_of gives the page again only
        # while these are still the visit's
        self._body: bytes = visit.body
        self._status: int | None = visit.status
        self._final: str | None = visit.final_url

    # -- where the visit ended ------------------------------------------------------

    @cached_property
    def url(self) -> str:
        return self.visit.final_url or self.visit.url

    @cached_property
    def host(self) -> str:
        try:
            return (urlsplit(self.url).hostname or "").lower()
        except ValueError:
            return ""

    @cached_property
    def targets(self) -> tuple[str, ...]:
        """``host/path`` of where the visit ended: its final URL; with no page served,
        every URL of the redirect chain too, including a location it never reached."""
        visit = self.visit
        urls: list[str | None] = []
        if self.status is not None:
            urls.append(visit.final_url or visit.url)
        else:
            for hop in visit.redirect_chain or ():
                urls.append(hop.get("url"))
                urls.append(hop_target(hop))
            urls.append(visit.final_url)
        seen: list[str] = []
        for url in urls:
            hp = host_path(url)
            if hp and hp not in seen:
                seen.append(hp)
        return tuple(seen)

    @cached_property
    def targets_lc(self) -> tuple[str, ...]:
        return tuple(t.lower() for t in self.targets)

    # -- the body ---------------------------------------------------------------------

    @cached_property
    def is_binary(self) -> bool:
        head = self.visit.body[:1024]
        if not head:
            return False
        if head.startswith(_MAGIC) or head[4:8] == b"ftyp":
            return True
        if head.startswith((b"\xff\xfe", b"\xfe\xff")):  # UTF-16 text: NULs are expected
            return False
        controls = len(head) - len(head.translate(None, _CONTROL))
        return controls > len(head) * 0.1

    @cached_property
    def is_html(self) -> bool:
        if self.status is None or not self.visit.body or self.is_binary:
            return False
        ct = self.content_type
        if ct in _HTML_TYPES:
            return True
        return ct in _SNIFF_TYPES and bool(_LOOKS_HTML.match(self.visit.body[:512]))

    @cached_property
    def _decoded(self) -> tuple[str, str | None]:
        if not self.is_html:
            return "", None
        text, codec = decode_html_as(self.visit.body, self.visit.encoding, self.headers.get("content-type"), DECODE_CAP)
        if "\x00" in text:
            return text.replace("\x00", ""), None
        return text, codec

    @cached_property
    def html(self) -> str:
        """The decoded markup of an HTML page ("" for anything else)."""
        return self._decoded[0]

    @cached_property
    def markup_lc(self) -> bytes:
        """The first ``DECODE_CAP`` bytes of an HTML body, ASCII letters lower-cased:
        where vendor markers (a challenge script, a parking lander) are looked for.
        Bytes, so lower-casing is one C pass whatever else the page holds."""
        return self.visit.body[:DECODE_CAP].lower() if self.is_html else b""

    @cached_property
    def root(self) -> Any:
        """The lxml tree (an ``<html>`` element), invisible elements removed; None
        when there is no HTML or it does not parse."""
        text, codec = self._decoded
        if not text.strip():
            return None
        try:
            if codec == "utf-8":  # the bytes as they are: no second encoding of the text for lxml
                raw = self.visit.body[:DECODE_CAP]
                root = Selector(
                    body=raw[3:] if raw.startswith(b"\xef\xbb\xbf") else raw, encoding="utf-8", type="html"
                ).root
            else:
                if text.lstrip().startswith("<?xml"):
                    text = _XML_DECL.sub("", text, count=1)
                root = Selector(text=text, type="html").root
        except (lxml.etree.ParserError, ValueError, TypeError):
            return None
        if not isinstance(getattr(root, "tag", None), str):
            return None
        blocks: list[str] = []
        for script in root.iter("script"):
            kind = (script.get("type") or "").strip().lower()
            if kind.startswith("application/ld+json"):
                blocks.append(script.text or "")
        self.__dict__["json_ld_blocks"] = tuple(blocks)
        lxml.etree.strip_elements(
            root, *_INVISIBLE, lxml.etree.Comment, lxml.etree.ProcessingInstruction, with_tail=False
        )
        raw = self.visit.body[:DECODE_CAP]
        if any(mark in raw for mark in _HIDING_MARKS_BYTES):  # else nothing on the page hides anything
            _drop_hidden(root)
        return root

    @cached_property
    def body(self) -> Any:
        root = self.root
        if root is None:
            return None
        body = root.find("body")
        return body if body is not None else root

    # -- head ------------------------------------------------------------------------

    @cached_property
    def title(self) -> str:
        root = self.root
        if root is None:
            return ""
        el = root.find(".//title")
        return _clean(el.text_content()) if el is not None else ""

    @cached_property
    def title_lc(self) -> str:
        return self.title.lower()

    @cached_property
    def h1s(self) -> tuple[str, ...]:
        """The first three non-empty ``<h1>`` texts."""
        if self.root is None:
            return ()
        out = []
        for el in self.root.iter("h1"):
            text = _clean(el.text_content())
            if text:
                out.append(text)
                if len(out) == 3:
                    break
        return tuple(out)

    @cached_property
    def headings(self) -> tuple[str, ...]:
        """``<h1>`` … ``<h3>`` texts, in document order (at most 20)."""
        if self.root is None:
            return ()
        out = []
        for el in self.root.iter("h1", "h2", "h3"):
            text = _clean(el.text_content())
            if text:
                out.append(text)
                if len(out) == 20:
                    break
        return tuple(out)

    @cached_property
    def metas(self) -> dict[str, str]:
        """``<meta>`` content by lower-cased ``property`` / ``name``
        (``http-equiv:<name>`` for http-equiv); the first non-empty value wins."""
        out: dict[str, str] = {}
        if self.root is None:
            return out
        for meta in self.root.iter("meta"):
            content = meta.get("content")
            if content is None or not content.strip():
                continue
            for attr in ("property", "name", "http-equiv"):
                key = meta.get(attr)
                if key:
                    key = key.strip().lower()
                    if attr == "http-equiv":
                        key = "http-equiv:" + key
                    out.setdefault(key, content)
        return out

    def meta(self, name: str) -> str | None:
        value = self.metas.get(name.lower())
        return value.strip() if value and value.strip() else None

    @cached_property
    def lang(self) -> str | None:
        root = self.root
        return (
            (root.get("lang") or root.get("{http://www.w3.org/XML/1998/namespace}lang") or root.get("xml:lang"))
            if root is not None
            else None
        )

    @cached_property
    def language(self) -> str:
        """The primary subtag of ``<html lang>`` ("pt" for "pt-BR"), "" when none is declared."""
        return (self.lang or "").strip().split("-")[0].split("_")[0].lower()

    @cached_property
    def canonical(self) -> str | None:
        """``<link rel=canonical>`` made absolute."""
        if self.root is None:
            return None
        for link in self.root.iter("link"):
            rels = (link.get("rel") or "").lower().split()
            href = link.get("href")
            if "canonical" in rels and href and href.strip():
                return urljoin(self.url, href.strip())
        return None

    # -- embedded data ---------------------------------------------------------------

    @cached_property
    def json_ld_blocks(self) -> tuple[str, ...]:
        """The text of each ``<script type=application/ld+json>``, in order."""
        self.root  # noqa: B018 - collects the blocks before scripts are removed
        return self.__dict__.get("json_ld_blocks", ())

    @cached_property
    def json_ld(self) -> tuple[Any, ...]:
        """The items of every JSON-LD block of at most ``MAX_JSONLD_BYTES``
        (:func:`parse_json_ld`)."""
        return parse_json_ld(b for b in self.json_ld_blocks if len(b) <= MAX_JSONLD_BYTES)

    @cached_property
    def video_text(self) -> str:
        """The markup searched for a video host's player JSON: beyond the parse cap
        on the video hosts themselves, where it can sit deep in a large page."""
        if self.is_html and len(self.visit.body) > DECODE_CAP and self.host.endswith(_VIDEO_HOSTS):
            return decode_body(
                self.visit.body, self.visit.encoding, self.headers.get("content-type"), MAX_VIDEO_JSON_SCAN
            )
        return self.html

    @cached_property
    def player_response(self) -> dict[str, Any] | None:
        """YouTube's ``ytInitialPlayerResponse`` (the first one that parses), or None."""
        text = self.video_text
        if "ytInitialPlayerResponse" not in text:
            return None
        for data in json_after(text, "ytInitialPlayerResponse", _YT_ASSIGNMENT):
            if "playabilityStatus" in data or "videoDetails" in data or "microformat" in data:
                return data
        return None

    @cached_property
    def youtube(self) -> PlayerStatus | None:
        if "ytInitialPlayerResponse" not in self.video_text:
            return None
        return _player_status_of(self.player_response, self.video_text)

    # -- structure --------------------------------------------------------------------

    @cached_property
    def forms(self) -> tuple[Form, ...]:
        """Each ``<form>``, then the inputs outside any form as one more."""
        root = self.root
        if root is None:
            return ()
        out: list[Form] = []
        labels: dict[str, str] | None = None
        for index, form in enumerate(root.iter("form")):
            if index == MAX_FORMS:
                break
            if labels is None:
                labels = _label_texts(root)
            marks = " ".join(form.get(a) or "" for a in ("id", "class", "name", "aria-label")).lower()
            out.append(
                Form(
                    action=(form.get("action") or "").strip().lower(),
                    marks=marks,
                    method=(form.get("method") or "get").strip().lower(),
                    fields=tuple(_field(el, labels) for el in _FORM_FIELDS(form)[:MAX_FIELDS]),
                    submits=_form_submits(form),
                    words=_words(_text_of(form)),
                    in_chrome=form.get("role") == "search" or _in_chrome(form),
                    context=_context_marks(form),
                    hidden=_hidden(form),
                )
            )
        orphans = _ORPHAN_FIELDS(root)[:MAX_FIELDS]
        if orphans:
            if labels is None:
                labels = _label_texts(root)
            buttons = [el for el in _LOOSE_BUTTONS(root)[:MAX_FIELDS]]
            out.append(
                Form(
                    action="",
                    marks="",
                    method="",
                    fields=tuple(_field(el, labels) for el in orphans),
                    submits=tuple(t for t in (_submit_text(el) for el in buttons) if t),
                    words=0,
                    in_chrome=all(_in_chrome(el) for el in orphans),
                )
            )
        return tuple(out)

    @cached_property
    def buttons(self) -> tuple[str, ...]:
        """Lower-case text of every button on the page (in a form or not)."""
        if self.root is None:
            return ()
        return tuple(t for t in (_submit_text(el) for el in _SUBMITS(self.root)[:MAX_ACTIONS]) if t)

    @cached_property
    def actions(self) -> tuple[tuple[str, str, bool], ...]:
        """``(href, lower-case text, in the furniture)`` of each link and button: what a
        reader can do on the page."""
        if self.root is None:
            return ()
        return tuple((*_action(el), _in_chrome(el)) for el in _ACTIONS(self.root)[:MAX_ACTIONS])

    @cached_property
    def main_actions(self) -> dict[tuple[str, str], str]:
        """``(href, lower-case text)`` of the links and buttons inside the main content, the asides within it
        included (a product's buy box beside its description is the page's, not the site's), each with the
        lower-case ``class`` and ``id`` of the aside around it ("" outside any): empty without a main element,
        or when the main element is the whole page."""
        main = self.main
        if main is None or main is self.body or main is self.root:
            return {}
        out: dict[tuple[str, str], str] = {}
        for el in _ACTIONS(self.root)[:MAX_ACTIONS]:
            aside = ""
            for ancestor in el.iterancestors():
                if ancestor is main:
                    out[_action(el)] = aside
                    break
                if not aside and (ancestor.tag == "aside" or ancestor.get("role") == "complementary"):
                    aside = f"{ancestor.get('class') or ''} {ancestor.get('id') or ''}".strip().lower() or "aside"
        return out

    @cached_property
    def has_player(self) -> bool:
        """A video or audio player is embedded (an iframe or embed from a video
        host or with "player" / "embed" in its address, or a media element)."""
        return any(_PLAYER.search(src) for src in self.iframes)

    @cached_property
    def links(self) -> tuple[tuple[str, str], ...]:
        """``(href, lower-case text)`` of each ``<a href>``."""
        if self.root is None:
            return ()
        links = []
        for a in self.root.iter("a"):
            if a.get("href"):
                links.append((a.get("href") or "", _clean(a.text_content()).lower()))
                if len(links) == MAX_ACTIONS:
                    break
        return tuple(links)

    @cached_property
    def iframes(self) -> tuple[str, ...]:
        """Lower-case ``src`` of iframes, embeds, video/audio elements and their sources
        (``"<video>"`` for a media element without one): an embedded player."""
        if self.root is None:
            return ()
        out = []
        for el in _FRAMES(self.root):
            src = (el.get("src") or el.get("data-src") or "").strip().lower()
            out.append(src or f"<{el.tag}>")
        return tuple(out)

    # -- text ---------------------------------------------------------------------------

    @cached_property
    def text(self) -> str:
        """The visible text of the body but its navigation and footers (no scripts,
        styles, tags; entities resolved): the main content's text first, then the
        rest's. Made from the two texts metadata extraction reads anyway."""
        if self.body is None:
            return ""
        main = self.main
        if main is None or main is self.body or main is self.root:
            return self.outside_main_text if main is None else self.main_text
        return f"{self.main_text} {self.outside_main_text}".strip()

    @cached_property
    def text_lc(self) -> str:
        return lower(self.text)

    @cached_property
    def words(self) -> int:
        return _words(self.text)

    def lower_of(self, part: str) -> str:
        """``lower(part)`` for ``part``, the start of :attr:`main_text` or of
        :attr:`outside_main_text` (the prose parsers read both, cut): read from
        :attr:`text_lc` when the judge made it, as :attr:`text` holds both texts.
        Exact only where lower-casing maps each character to one, alone: so not where a
        character lower-cases to two ("İ") or depends on the next (a final "Σ")."""
        whole, lowered = self.text, self.__dict__.get("text_lc")
        if lowered is None or len(lowered) != len(whole) or "\u03a3" in whole:
            return lower(part)
        if whole.startswith(part):
            return lowered[: len(part)]
        outside = self.outside_main_text
        if part and outside.startswith(part) and whole.endswith(outside):
            start = len(whole) - len(outside)
            return lowered[start : start + len(part)]
        return lower(part)

    @cached_property
    def _main(self) -> tuple[Any, str]:
        root = self.root
        if root is None:
            return None, ""
        for el in root.iter("main"):
            return el, "main"
        hits = root.xpath("//*[@role='main']")
        if hits:
            return hits[0], "role"
        for el in root.iter("article"):
            return el, "article"
        return None, ""

    @property
    def main(self) -> Any:
        """The main content element: ``<main>``, ``role=main`` or the first ``<article>``."""
        return self._main[0]

    @cached_property
    def main_text(self) -> str:
        """The main content's text, navigation and footers left out ("" without one)."""
        if self.main is None:
            return ""
        if self._main_alone:  # the collapse the own text makes, then straightened
            text = self._main_as_written
            if "\u200b" not in text:  # else removing it would leave two spaces where _clean leaves one
                return _straighten(text)
        return _text_of(self.main, _TEXT_NO_NAV)

    @cached_property
    def outside_main_text(self) -> str:
        """The body's text outside the main content, navigation and footers left out."""
        if self.body is None:
            return ""
        if self.main is None:
            return _text_of(self.body, _TEXT_NO_NAV)
        if self.main is self.body or self.main is self.root:
            return ""
        return _text_of(self.body, _TEXT_OUTSIDE[self._main[1]])

    @cached_property
    def chrome_text(self) -> str:
        """Navigation, header, footer and asides outside the main content."""
        if self.root is None:
            return ""
        return _clean(" ".join(_text_of(el) for el in _CHROME_NODES(self.root)))

    @cached_property
    def content_words(self) -> int:
        """Words of :attr:`text` that are not a header's or an aside's (navigation and
        footers are not in it)."""
        if self.root is None:
            return 0
        furniture = sum(
            _words(_text_of(el, _TEXT_NO_NAV)) for el in _CHROME_NODES(self.root) if el.tag not in ("nav", "footer")
        )
        return max(0, self.words - furniture)

    @cached_property
    def shell_text(self) -> str:
        """What an app shell says before its script runs, "" for any other page: on a page
        showing at most ``SHELL_WORDS`` words, the text of its ``<noscript>`` elements and the
        messages, titles and labels of its embedded state. A single-page app's HTML is an
        empty root; the sentence a reader will see ("You don't have permission … Request
        access") is only there, and a gate rule must read it as the page's text."""
        if not self.is_html or self.words > SHELL_WORDS:
            return ""
        html = self.html
        if "<noscript" not in html and "<script" not in html:
            return ""
        parts = [_TAGS.sub(" ", m.group(1)) for m in _NOSCRIPT_TEXT.finditer(html)]
        for script in _SCRIPT_TEXT.finditer(html):
            code = script.group(1).lower()
            if "i18n" in code or "translations" in code:
                continue  # an app's dictionary holds every message it may show, not what this page says
            for m in _STATE_PROSE.finditer(script.group(1)):
                raw = m.group(1)
                try:
                    value = json.loads(f'"{raw}"') if "\\" in raw else raw
                except ValueError:
                    value = raw
                if " " in value.strip():
                    parts.append(value + ".")
        return _clean(" ".join(parts))

    @cached_property
    def shell_text_lc(self) -> str:
        return lower(self.shell_text)

    @cached_property
    def non_latin(self) -> bool:
        """Whether the page's text (or an app shell's) has a letter of a script other than Latin:
        a phrase written only in such letters cannot match a page without any, and is not searched."""
        return NON_LATIN.search(self.text_lc) is not None or NON_LATIN.search(self.shell_text_lc) is not None

    @cached_property
    def loose_furniture_words(self) -> int:
        """Words of :attr:`content_words` that stand in furniture drawn without its elements
        (a ``div#header``, a ``div.site-footer``, a ``ul.menu``, a cookie notice): the site's,
        not the page's, though no ``<header>`` or ``<footer>`` says so. Only such blocks that hold
        no form and no main content count, so a sign-in box in a ``div#header`` stays content."""
        if self.root is None:
            return 0
        counted: list[Any] = []
        total = 0
        for el in _LOOSE_FURNITURE(self.root):
            tokens = f"{el.get('class') or ''} {el.get('id') or ''}".lower().split()
            if not any(_FURNITURE_TOKEN.match(t) for t in tokens):
                continue
            if any(c in el.iterancestors() for c in counted):
                continue  # inside a block already counted
            counted.append(el)
            total += _words(_text_of(el, _TEXT_NO_NAV))
        return min(total, self.content_words)

    # -- the page's own words, as written ------------------------------------------------
    # What the identity check (pipelines/identity.py) compares with the catalogue and
    # fingerprints. Whitespace is collapsed but characters are kept as written (no quote
    # straightening): a fingerprint stored from an earlier visit must come out the same
    # for the same page.

    @cached_property
    def title_as_written(self) -> str | None:
        """The ``<title>`` text, whitespace collapsed, characters as written (:attr:`title`
        straightens quotes); None without a ``<title>``."""
        root = self.root
        el = root.find(".//title") if root is not None else None
        return " ".join(el.text_content().split()) if el is not None else None

    @cached_property
    def _main_alone(self) -> bool:
        """The main content holds no furniture, sits in none, and is the first ``<main>``,
        ``role=main`` or ``<article>`` outside the furniture, saying more than
        ``OWN_MAIN_MIN`` characters: then it is where :attr:`_own` would be, and the same
        in the body as in a copy without the furniture. Most pages with a ``<main>``:
        their own text is read in place, and its words split once for it and
        :attr:`main_text` (the split costs more than the rest of reading a text)."""
        main, body = self.main, self.body
        if main is None or body is None or body.tag != "body" or main is body:
            return False
        if _in_furniture(main) or _HOLDS_FURNITURE(main):
            return False
        for candidate in _OWN_MAIN_UNDER(body):
            if candidate is main:
                return _says_more_than(main.text_content(), OWN_MAIN_MIN)
            if not _in_furniture(candidate):
                return False  # an earlier candidate: the own text is read there
        return False  # not in the body

    @cached_property
    def _main_as_written(self) -> str:
        """With :attr:`_main_alone`: the main content's text, whitespace collapsed,
        characters as written (no navigation or footer is in it to leave out)."""
        return " ".join(" ".join(_TEXT(self.main)).split())

    @cached_property
    def _own(self) -> Any:
        """Where the page's own text is, in a copy of the body with the furniture removed:
        the first ``<main>``, ``role=main`` or ``<article>`` when it says more than
        ``OWN_MAIN_MIN`` characters, else the body. A copy, because the judge and the gate
        rules read the furniture too; copying and removing in C cost less than an XPath
        that tests every text node's ancestors. The main content itself when it is alone
        (:attr:`_main_alone`): the copy would hold the same."""
        if self.body is None:
            return None
        if self._main_alone:
            return self.main
        body = copy.deepcopy(self.body)
        lxml.etree.strip_elements(body, *_FURNITURE, with_tail=False)
        main = _OWN_MAIN(body)
        if main and _says_more_than(main[0].text_content(), OWN_MAIN_MIN):
            return main[0]
        return body

    @cached_property
    def own_headings(self) -> tuple[str, ...]:
        """The non-empty ``<h1>`` … ``<h3>`` texts of :attr:`own_text`'s element, in
        document order, among its first 20 headings; furniture left out."""
        if self._own is None:
            return ()
        texts = (" ".join(h.text_content().split()) for h in _OWN_HEADINGS(self._own)[:20])
        return tuple(t for t in texts if t)

    @cached_property
    def own_text(self) -> str:
        """What the page says of its own: the main content's text (the body's when the main
        content is missing or nearly empty), navigation, headers, footers, asides and forms
        set apart; whitespace collapsed, characters as written."""
        if self._own is None:
            return ""
        if self._own is self.main:  # read in place (_main_alone)
            return self._main_as_written
        return " ".join(" ".join(self._own.itertext()).split())


_LAST: list[Page] = []


def page_of(visit: Visit) -> Page:
    """The :class:`Page` of ``visit``, shared by the judge and metadata extraction:
    the pipelines run one after the other on one item, so the last page made is
    kept and given again while the visit (and its body) are the same objects."""
    if _LAST:
        last = _LAST[0]
        v = last.visit
        if v is visit and v.body is last._body and v.status == last._status and v.final_url == last._final:
            return last
    page = Page(visit)
    _LAST[:] = [page]
    return page
