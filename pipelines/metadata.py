"""What a page says about itself: title, running time, description and a few extras.

:func:`extract_metadata` is a pure function of a :class:`~linkhealth.visit.Visit` (no
I/O, no reactor): it reads the wire facts the spider recorded and returns a dict
for :func:`linkhealth.curation.plan_metadata_update`, or ``None`` when there is
nothing to read (a failure, a non-2xx answer, a 304).

Keys always present: ``title``, ``title_source``, ``description``,
``description_source``, ``duration_seconds``, ``duration_source`` (``None`` when
nothing usable was found) and ``duration_approximate`` (a bool, False without a
duration). Present only when the page says so:

======================  ===============================================================
``media_type``          ``text/html``, ``application/pdf``, ``video`` (a YouTube/Vimeo
                        page, or ``video/*``), ``audio``, or the Content-Type
``canonical_url``       ``<link rel=canonical>``, else ``og:url`` (absolute)
``language``            ``<html lang>``, JSON-LD/microdata ``inLanguage``,
                        Content-Language (not read on video hosts: that is the UI's)
``site_name``           ``og:site_name`` / ``application-name``
``published_at``        as written (``2016/07/11`` → ``2016-07-11``): YouTube
                        ``publishDate``, JSON-LD ``datePublished``/``uploadDate``,
                        microdata, ``article:published_time``, ``citation_publication_date``
``modified_at``         JSON-LD ``dateModified``, microdata, ``article:modified_time``,
                        ``og:updated_time``
``schema_types``        every JSON-LD ``@type`` seen, in order
``accessible_for_free`` JSON-LD ``isAccessibleForFree``
``length_value``,       a length that is not time, from prose: "over 6 online modules"
``length_unit``         → 6, ``"modules"`` (never a duration)
``duration_phrase``     the prose that gave the duration ("approximately an hour and a half")
``page_count``          PDF pages (pypdf, or ``/Type /Pages … /Count N`` in the raw bytes)
``page_count_min``      a cut PDF with no readable page tree: ``/Type /Page`` objects seen
``encrypted``           ``True`` for an encrypted PDF
======================  ===============================================================

Precedence
==========

Per field, the first source in this order that gives a non-empty, non-junk
value wins (``-``: the source is not read for that field):

====  ====================  ==========================  ======================  ============================
step  source                title                       description             duration
====  ====================  ==========================  ======================  ============================
1     ``youtube``           ``videoDetails.title``      ``videoDetails.         ``videoDetails.
                            (``ytInitialPlayerResponse``) shortDescription``    lengthSeconds``
1     ``vimeo``             player config               -                       ``video.duration``,
                            ``video.title``, clip page                          ``clip.duration.raw``
                            ``clip.title``
2     ``jsonld``            ``name`` / ``headline``     ``description``         ``duration``,
                                                                                ``timeRequired``, Course
                                                                                ``hasCourseInstance.
                                                                                courseWorkload``, Event
                                                                                ``endDate - startDate``
3     ``microdata``         ``itemprop`` ``name`` /     ``itemprop``            ``itemprop`` ``duration``
                            ``headline``                ``description``         / ``timeRequired``
4     ``opengraph``         ``og:title``                ``og:description``      ``og:video:duration`` /
                                                                                ``video:duration`` (seconds)
4     ``twitter``           ``twitter:title``           ``twitter:description`` -
5     ``citation``          ``citation_title``          ``citation_abstract``   -
6     ``title``             ``<title>``                 -                       -
6     ``h1``                first usable ``<h1>``       -                       -
6     ``meta_description``  -                           ``<meta name=           -
                                                        description>``
7     ``pdf_info``          ``/Title``                  ``/Subject``            -
7     ``pdf_xmp``           XMP ``dc:title``            XMP ``dc:description``  -
8     ``prose``             -                           -                       visible text through
                                                                                ``parse_prose_duration``
====  ====================  ==========================  ======================  ============================

Steps 1-6 and 8 apply to HTML, step 7 to PDF. The video hosts' JSON (step 1) is
recognised by its marker wherever the page is served (``ytInitialPlayerResponse``,
``window.playerConfig``, ``vimeo.clip_page_config``), except Vimeo's old ``var
config``, a name too common to trust off vimeo.com. A Vimeo clip page's JSON-LD
is read at step 2 (its description and upload date come from there).

Within JSON-LD, items are ranked: content types (VideoObject, Course, Event,
Article, ScholarlyArticle, CreativeWork, …) before pages (WebPage, …) before any
other type; WebSite, Organization, Person, BreadcrumbList, ImageObject and other
furniture never name the page. Within a rank, top-level items (``@graph``
members, a page's ``mainEntity``) come before nested ones, then document order.
Microdata is ranked the same way by the type of the nearest ``itemscope``
(an author's ``itemprop=name`` inside a Person is never the title).

Only step 8 sets ``duration_approximate``: the prose hedged ("about",
"approximately", a range), or it is a reading-time estimate ("8 min read").
Prose reads the main content (``<main>``, ``role=main``, ``<article>``) first and
the whole body only when that says nothing; scripts, styles, ``<nav>`` and
``<footer>`` are never read.

Cleaning
========

Every title and description goes through :func:`clean_text`: HTML entities
decoded (twice when the page escaped them twice), NUL, control and zero-width
characters removed, all whitespace (NBSP, newlines) collapsed to one space,
length capped (title 500, description 5,000 characters). Titles then go through
:func:`clean_title`: the site's suffix is trimmed (``" - YouTube"``, ``" on
Vimeo"``, and ``" | X"``, ``" – X"``, ``" :: X"`` when ``X`` is ``og:site_name``,
the host, a host name, an acronym, or — after ``|``, ``::``, ``·``, ``»`` — a
short name with no digits), and junk is rejected
(:func:`linkhealth.curation.is_junk_title`: "Log in", "Just a moment...", "404 Not
Found", " - YouTube", …; and the bare site name). A ``<title>`` that is the
``<h1>`` plus a suffix is trimmed to the ``<h1>`` when the suffix appears in the
page again (the logo, the copyright line), which catches site names nothing else
confirms while keeping subtitles. PDF titles lose "Microsoft Word - " and a file
extension, and a bare file name ("HT_factsheet_v3_final") is junk. Durations must
be whole seconds with ``0 < s < 7 days``; anything else is junk.

Charset: ``visit.encoding`` (what the spider settled on), else the
Content-Type ``charset``, else a BOM, else ``<meta charset>`` / ``http-equiv`` in
the first 4 KB, else UTF-8, decoding with replacement. A BOM that contradicts a
declared charset wins (a BOM is never there by accident; WHATWG agrees), and, as
in the WHATWG encoding standard, ``iso-8859-1``, ``latin1`` and ``us-ascii``
labels decode as windows-1252, so a page that declares Latin-1 and writes ’ “ ”
as 0x92 0x93 0x94 comes out right.

Cost
====

The crawler aims at 1,000+ pages/s on 2 cores, so the page is read through the
page model the judge has already built (:func:`pipelines.page.page_of`): the
first 1 MB of HTML decoded and parsed once, and every step reads that:

* JSON-LD: the page model's items (each ``<script type=application/ld+json>``
  parsed alone, extruct's way, so a broken or too deeply nested block is skipped
  alone); a block over 1 MB is skipped.
* Microdata (only when the page contains ``itemprop``): one XPath over
  ``[@itemprop]`` reads the few properties used here, with the type of the
  nearest ``itemscope``. extruct's ``MicrodataExtractor`` extracts *every*
  property, deep-copying and cleaning each text property's element (the whole
  content for WordPress's ``itemprop=mainContentOfPage``: 9.7 ms against 0.4 ms
  on a 135 KB page), and it drops an ``itemprop`` outside any ``itemscope``,
  which podcast and video pages write.
* Open Graph, Twitter, citation and description ``<meta>`` tags: one pass over
  ``<meta>`` (extruct's ``OpenGraphExtractor`` would be a second pass, over
  ``<head>`` only).
* The video hosts' JSON is found with ``str.find`` on its marker and its end with
  a small string-aware brace scanner (:func:`pipelines.page.balanced_object`),
  never a greedy regex; on youtube.com/vimeo.com it is looked for in the first
  4 MB. YouTube's player JSON is the page model's, parsed once for the judge too.
* Prose: the page model's main-content text (20,000 characters at most); the
  regex-heavy prose parsers only see windows of text around cue words ("hour",
  "min", "module", …) found in one lower-cased scan (the cue positions are found
  in C first: ``benchmarks/pages.py`` measured what that saves, docs/performance.md).

PDF
===

Read with pypdf in a child process with a CPU, memory and time budget
(``pipelines/pdf.py``): the page count is the declared ``/Root /Pages /Count``
(the page tree is never walked; above 100,000 it is not believed), then the Info
dictionary and the XMP packet. Encrypted files answer ``encrypted: True``; the
empty user password is tried (most "encrypted" PDFs only restrict printing or
copying), and when it does not open the file the metadata strings (ciphertext)
are not read. When pypdf cannot read the file (or spent its budget), gives no
page count, or the body was cut at the size cap (the cross-reference table, and
often the Info dictionary, are at the end), a byte-level fallback reads what the
bytes before the cut still say: the ``/Title`` and ``/Subject`` of an Info-like
dictionary (one that also has ``/Producer``, ``/Creator``, ``/Author`` or a
date, so a bookmark's ``/Title`` is not taken; literal and hex strings, UTF-16
with a BOM; strings that do not look like text, such as ciphertext, are
refused), the XMP packet's ``dc:title`` / ``dc:description``, and ``/Type /Pages
… /Count N`` for the page count (``page_count_min`` counts ``/Type /Page``
objects when there is no ``/Count``). Objects inside compressed object streams
(PDF 1.5+) are invisible to the fallback. Prose is not read from PDFs: text
extraction is too slow for the hot path.
"""

from __future__ import annotations

import codecs
import html
import logging
import re
from collections.abc import Iterable, Iterator
from datetime import datetime
from typing import Any
from urllib.parse import urljoin, urlsplit

import lxml.html

from linkhealth.curation import is_junk_title
from linkhealth.durations import parse_iso_duration, parse_length, parse_prose_duration
from linkhealth.visit import Visit
from pipelines.charset import decode_html as _decode_html
from pipelines.page import DECODE_CAP, MAX_VIDEO_JSON_SCAN, Page, balanced_object, json_after, page_of, parse_json_ld  # noqa: F401 - re-exported
from pipelines.pdf import MAX_PAGES, read_pdf_bounded

__all__ = [
    "MAX_DESCRIPTION",
    "MAX_DURATION",
    "MAX_HTML_BYTES",
    "MAX_JSONLD_BYTES",
    "MAX_TITLE",
    "clean_description",
    "clean_text",
    "clean_title",
    "decode_html",
    "extract_metadata",
    "valid_duration",
]

log = logging.getLogger(__name__)

MAX_HTML_BYTES = DECODE_CAP  #: HTML parsed per page (the page model's cap)
MAX_JSONLD_BYTES = 1_000_000  #: one JSON-LD block larger than this is skipped
MAX_PROSE_CHARS = 20_000  #: visible text handed to the prose parsers
MAX_TITLE = 500
MAX_DESCRIPTION = 5_000
MAX_DURATION = 7 * 24 * 3600  #: exclusive

# ---------------------------------------------------------------------------- cleaning

#: C0 controls (tab/newline/CR become spaces later), DEL, C1 controls, zero-width
#: characters, soft hyphen, BOM, and the replacement character a NUL turns into.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u00ad\u200b-\u200d\u2060\ufeff\ufffd]")
_ENTITY = re.compile(r"&(?:#\d+|#x[0-9a-fA-F]+|[a-zA-Z][a-zA-Z0-9]{1,31});")


def clean_text(text: Any, limit: int | None = None) -> str | None:
    """Entities decoded, control characters removed, whitespace collapsed, capped.

    ``None`` for anything that is not a string or is empty once cleaned.
    """
    if not isinstance(text, str):
        return None
    for _ in range(2):  # "&amp;#8217;" is a page that escaped twice
        if "&" not in text or not _ENTITY.search(text):
            break
        text = html.unescape(text)
    text = _CONTROL.sub("", text)
    text = " ".join(text.split())  # str.split() splits on NBSP and every Unicode space
    if limit is not None and len(text) > limit:
        cut = text[:limit]
        space = cut.rfind(" ")
        text = (cut[:space] if space > limit * 0.8 else cut).rstrip(" ,;:-–—|")
    return text or None


#: Separators between a title and its site name, in the order they are tried.
_SEPARATORS = (" :: ", " | ", " ‖ ", " – ", " — ", " - ", " · ", " • ", " » ", " « ", " ~ ", ": ")
#: Suffixes that name a host whatever site_name says.
_KNOWN_SUFFIX = re.compile(
    r"\s+(?:[-–—|:·•]|::)\s*(?:YouTube|Vimeo|SlideShare|Scribd|Google Drive|Google Docs|"
    r"Dropbox|Issuu|Coursera|edX|Udemy|Wikipedia)\s*$|\s+on\s+Vimeo\s*$",
    re.I,
)
#: Separators after which a short suffix is a site name even when nothing confirms it.
_SITE_ONLY_SEPARATORS = (" :: ", " | ", " ‖ ", " · ", " • ", " » ")


def _norm(text: str) -> str:
    return re.sub(r"[^0-9a-z]+", "", text.lower())


def _host_names(host: str | None) -> set[str]:
    """Normalised forms of a host a site suffix may match: 'nhttac.acf.hhs.gov' →
    {'nhttacacfhhsgov', 'nhttac', ...}."""
    if not host:
        return set()
    host = host.lower().split(":")[0]
    if host.startswith("www."):
        host = host[4:]
    labels = [label for label in host.split(".") if label]
    names = {_norm(host)}
    generic = {"com", "org", "net", "gov", "edu", "co", "uk", "us", "ca", "au", "int", "info", "io"}
    names.update(_norm(label) for label in labels if label not in generic and len(label) > 2)
    return names


def _is_site_name(suffix: str, site_name: str | None, hosts: set[str]) -> bool:
    norm = _norm(suffix)
    if not norm:
        return False
    if site_name and norm == _norm(site_name):
        return True
    if norm in hosts:
        return True
    # "HHS.gov", "acf.hhs.gov" written as the suffix
    return bool(re.fullmatch(r"(?:www\.)?[\w-]+(?:\.[\w-]+)+", suffix.strip(), re.I))


def _looks_like_brand(suffix: str) -> bool:
    """A suffix that reads as a site name: short, no digits, not a sentence."""
    words = suffix.split()
    return 1 <= len(words) <= 5 and len(suffix) <= 40 and not re.search(r"[\d?!.]", suffix)


def _is_acronym(suffix: str) -> bool:
    """ "NHTTAC", "OVC TTAC", "HHS.gov": a site's initials."""
    letters = re.sub(r"[\s.&-]|\.gov$|\.org$", "", suffix)
    return 2 <= len(letters) <= 12 and letters.isalpha() and letters.isupper()


def _trim_site(title: str, site_name: str | None, host: str | None) -> str:
    hosts = _host_names(host)
    # known hosts: "… - YouTube", "… on Vimeo"
    trimmed = _KNOWN_SUFFIX.sub("", title).strip()
    if trimmed and trimmed != title:
        title = trimmed
    for _ in range(3):  # "Title | Section | Site" loses the site, not the section
        changed = False
        for sep in _SEPARATORS:
            head, found, tail = title.rpartition(sep)
            if not found or not head.strip():
                continue
            tail = tail.strip()
            confirmed = _is_site_name(tail, site_name, hosts)
            if not confirmed and sep != ": ":  # "Screening: The PEARR Tool" keeps its acronym
                confirmed = _is_acronym(tail)
            if not confirmed and sep in _SITE_ONLY_SEPARATORS and _looks_like_brand(tail):
                confirmed = len(head) >= len(tail)
            if confirmed:
                title = head.strip()
                changed = True
                break
        if not changed:
            break
    # "Site Name | Title": a prefix only when it is confirmed as the site
    for sep in _SEPARATORS:
        head, found, tail = title.partition(sep)
        if found and tail.strip() and _is_site_name(head, site_name, hosts) and sep != ": ":
            title = tail.strip()
            break
    return title


def clean_title(title: Any, site_name: str | None = None, *, host: str | None = None) -> str | None:
    """A page title fit for the catalogue, or ``None`` when it is junk.

    Cleans as :func:`clean_text` (500 characters), trims the site's suffix (``" -
    YouTube"``, ``" on Vimeo"``, and ``" | X"``, ``" – X"``, ``" :: X"`` when ``X``
    is ``site_name``, the ``host``, a host name, an acronym, or after ``|``/``::``
    a short brand-like name), and rejects junk
    (:func:`linkhealth.curation.is_junk_title`) and a bare site name.

    >>> clean_title("Recognizing Human Trafficking - YouTube")
    'Recognizing Human Trafficking'
    >>> clean_title("Just a moment...") is None
    True
    """
    text = clean_text(title)
    if text is None or is_junk_title(text):
        return None
    site = clean_text(site_name) if site_name else None
    text = _trim_site(text, site, host)
    if len(text) > MAX_TITLE:
        text = clean_text(text, MAX_TITLE) or ""
    if not text or is_junk_title(text):
        return None
    norm = _norm(text)
    if (site and norm == _norm(site)) or norm in _host_names(host):
        return None  # the page is titled with the site's name only
    return text


#: Descriptions that are a host's boilerplate, not the resource's.
_JUNK_DESCRIPTIONS = re.compile(
    r"^(?:enjoy the videos and music you love, upload original content, and share it all with"
    r" friends, family, and the world on youtube\.?"
    r"|vimeo is the home for high quality videos and the people who love them\.?"
    r"|this site requires javascript.*|please enable (?:javascript|cookies).*"
    r"|checking (?:if the site connection is secure|your browser).*)$",
    re.I,
)


def clean_description(text: Any) -> str | None:
    """A description fit for the catalogue (5,000 characters at most), or ``None``."""
    cleaned = clean_text(text, MAX_DESCRIPTION)
    if cleaned is None:
        return None
    if len(cleaned) < 40 and is_junk_title(cleaned):
        return None
    if _JUNK_DESCRIPTIONS.match(cleaned):
        return None
    return cleaned


def valid_duration(seconds: Any) -> int | None:
    """``seconds`` as an int when it is a plausible running time (0 < s < 7 days)."""
    if isinstance(seconds, bool) or seconds is None:
        return None
    if isinstance(seconds, float):
        if seconds != seconds:  # NaN
            return None
        seconds = int(round(seconds))
    if not isinstance(seconds, int):
        return None
    return seconds if 0 < seconds < MAX_DURATION else None


def _duration_text(value: Any) -> int | None:
    """A duration written as ISO 8601, a clock, or a number of seconds."""
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        return valid_duration(value)
    if isinstance(value, dict):
        value = value.get("@value") or value.get("value")
    if isinstance(value, list):
        for item in value:
            found = _duration_text(item)
            if found:
                return found
        return None
    if not isinstance(value, str):
        return None
    return valid_duration(parse_iso_duration(value[:100]))


# ---------------------------------------------------------------------------- charset


def decode_html(body: bytes, encoding: str | None = None, content_type: str | None = None) -> str:
    """Decode an HTML body: the one decoder judgment and extraction share (pipelines/charset.py)."""
    return _decode_html(body, encoding, content_type)


# ---------------------------------------------------------------------------- candidates


class _Fields:
    """First-wins slots for the three catalogue fields and the extras."""

    def __init__(self, site_name: str | None, host: str | None) -> None:
        self.site_name = site_name
        self.host = host
        self.title: str | None = None
        self.title_source: str | None = None
        self.description: str | None = None
        self.description_source: str | None = None
        self.duration: int | None = None
        self.duration_source: str | None = None
        self.duration_approximate = False
        self.extras: dict[str, Any] = {}

    def offer_title(self, value: Any, source: str) -> None:
        if self.title is None:
            cleaned = clean_title(value, self.site_name, host=self.host)
            if cleaned:
                self.title, self.title_source = cleaned, source

    def offer_description(self, value: Any, source: str) -> None:
        if self.description is None:
            cleaned = clean_description(value)
            if cleaned and cleaned != self.title:
                self.description, self.description_source = cleaned, source

    def offer_duration(self, seconds: Any, source: str, approximate: bool = False) -> None:
        if self.duration is None:
            value = valid_duration(seconds)
            if value:
                self.duration, self.duration_source = value, source
                self.duration_approximate = bool(approximate)

    def offer_extra(self, key: str, value: Any) -> None:
        if value in (None, "", []) or key in self.extras:
            return
        if isinstance(value, str):
            value = clean_text(value, 2000)
            if not value:
                return
        self.extras[key] = value

    def result(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "title": self.title,
            "title_source": self.title_source,
            "description": self.description,
            "description_source": self.description_source,
            "duration_seconds": self.duration,
            "duration_source": self.duration_source,
            "duration_approximate": self.duration_approximate if self.duration else False,
        }
        out.update(self.extras)
        return out


def _first_text(value: Any) -> str | None:
    """The first string in a JSON-LD / JSON value (str, list, {"@value"}, {"simpleText"})."""
    if isinstance(value, str):
        return value
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value)
    if isinstance(value, list):
        for item in value:
            text = _first_text(item)
            if text:
                return text
        return None
    if isinstance(value, dict):
        for key in ("@value", "simpleText", "text", "name"):
            if key in value:
                return _first_text(value[key])
        runs = value.get("runs")
        if isinstance(runs, list):
            return "".join(str(run.get("text", "")) for run in runs if isinstance(run, dict))
    return None


def _date(value: Any) -> str | None:
    text = _first_text(value)
    if not text:
        return None
    text = clean_text(text, 64)
    if not text:
        return None
    match = re.fullmatch(r"(\d{4})/(\d{1,2})/(\d{1,2})", text)
    if match:
        year, month, day = match.groups()
        return f"{year}-{int(month):02d}-{int(day):02d}"
    return text


# ---------------------------------------------------------------------------- video hosts

#: after ``window.playerConfig``, ``vimeo.clip_page_config``, ``var config``
_ASSIGNMENT = re.compile(r"\s*=\s*\{")


def _dig(data: Any, *keys: str) -> Any:
    for key in keys:
        if not isinstance(data, dict):
            return None
        data = data.get(key)
    return data


def _read_youtube(data: dict[str, Any] | None, fields: _Fields) -> bool:
    """Step 1 for YouTube: the page model's ``ytInitialPlayerResponse``."""
    if data:
        details = data.get("videoDetails")
        micro = _dig(data, "microformat", "playerMicroformatRenderer") or {}
        if not isinstance(details, dict) and not micro:
            return False
        details = details if isinstance(details, dict) else {}
        fields.offer_title(details.get("title"), "youtube")
        fields.offer_title(_first_text(micro.get("title")), "youtube")
        fields.offer_description(details.get("shortDescription"), "youtube")
        fields.offer_description(_first_text(micro.get("description")), "youtube")
        fields.offer_duration(_duration_text(details.get("lengthSeconds")), "youtube")
        fields.offer_duration(_duration_text(micro.get("lengthSeconds")), "youtube")
        fields.offer_extra("published_at", _date(micro.get("publishDate") or micro.get("uploadDate")))
        fields.offer_extra("media_type", "video")
        return True
    return False


def _read_vimeo(text: str, host: str, fields: _Fields) -> bool:
    found = False
    objects: list[dict[str, Any]] = []
    objects.extend(json_after(text, "window.playerConfig", _ASSIGNMENT))
    objects.extend(json_after(text, "vimeo.clip_page_config", _ASSIGNMENT))
    if host.endswith("vimeo.com"):  # "var config" is too common a name to trust elsewhere
        objects.extend(json_after(text, "var config", _ASSIGNMENT))
    for data in objects:
        video = data.get("video") if isinstance(data.get("video"), dict) else None
        clip = data.get("clip") if isinstance(data.get("clip"), dict) else None
        if video:
            fields.offer_title(video.get("title"), "vimeo")
            fields.offer_duration(_duration_text(video.get("duration")), "vimeo")
            found = True
        if clip:
            fields.offer_title(clip.get("title") or clip.get("name"), "vimeo")
            duration = clip.get("duration")
            if isinstance(duration, dict):
                duration = duration.get("raw")
            fields.offer_duration(_duration_text(duration), "vimeo")
            # clip.uploaded_on has no time zone: the clip page's JSON-LD uploadDate is used
            found = True
    if found:
        fields.offer_extra("media_type", "video")
    return found


# ---------------------------------------------------------------------------- JSON-LD

#: Types that are the resource itself.
_CONTENT_TYPES = {
    "videoobject", "audioobject", "mediaobject", "podcastepisode", "episode", "clip",
    "movie", "course", "event", "educationevent", "businessevent", "socialevent",
    "article", "newsarticle", "blogposting", "scholarlyarticle", "medicalscholarlyarticle",
    "techarticle", "report", "book", "chapter", "learningresource", "creativework",
    "digitaldocument", "textdigitaldocument", "presentationdigitaldocument", "howto",
    "guide", "dataset", "thesis", "quiz", "podcastseries", "creativeworkseries",
    "publicationissue", "manuscript", "collection",
}  # fmt: skip
#: Types that never name the page.
_FURNITURE = {
    "website", "organization", "educationalorganization", "governmentorganization",
    "ngo", "corporation", "collegeoruniversity", "localbusiness", "person",
    "breadcrumblist", "listitem", "itemlist", "imageobject", "searchaction", "entrypoint",
    "place", "postaladdress", "contactpoint", "sitenavigationelement", "wpheader",
    "wpfooter", "wpsidebar", "offer", "aggregateoffer", "aggregaterating", "rating",
    "review", "readaction", "watchaction", "country", "language", "propertyvalue",
    "brand", "interactioncounter", "courseinstance", "schedule", "virtuallocation",
    "medicalorganization", "hospital", "governmentservice", "thing", "comment",
    "broadcastevent", "publicationevent", "definedterm", "monetaryamount",
}  # fmt: skip


def _type_names(node: dict[str, Any]) -> list[str]:
    raw = node.get("@type")
    types = raw if isinstance(raw, list) else [raw]
    names = []
    for value in types:
        if isinstance(value, str) and value.strip():
            names.append(value.strip().rstrip("/").rsplit("/", 1)[-1].rsplit("#", 1)[-1])
    return names


def _rank(types: Iterable[str]) -> int | None:
    """0 content, 1 page, 2 other, None furniture (never a title)."""
    lowered = [t.lower() for t in types]
    if lowered and all(t in _FURNITURE or t.endswith("organization") for t in lowered):
        return None
    if any(t in _CONTENT_TYPES or t.endswith("event") or t.endswith("article") for t in lowered):
        return 0
    if any(t.endswith("page") for t in lowered):
        return 1
    return 2


#: Properties that point at *other* things (the publisher, related videos, the
#: series a page is part of): typed objects under them are seen (``schema_types``)
#: but never name the page or give its running time.
_FOREIGN_KEYS = {
    "isPartOf", "publisher", "author", "creator", "contributor", "provider", "organizer",
    "performer", "sponsor", "funder", "offers", "aggregateRating", "review", "breadcrumb",
    "potentialAction", "subjectOf", "citation", "relatedLink", "significantLink", "mentions",
    "about", "mainEntityOfPage", "isBasedOn", "workExample", "exampleOfWork", "translationOfWork",
    "itemListElement", "hasPart", "recordedIn", "location", "image", "thumbnail", "logo",
}  # fmt: skip


def _walk_jsonld(
    data: Any, depth: int = 0, eligible: bool = True, budget: list[int] | None = None
) -> Iterator[tuple[dict[str, Any], int, bool]]:
    """Every typed object in a JSON-LD value: (object, nesting depth, eligible).

    ``@graph`` members and a page's ``mainEntity`` count as top level; an object
    under a furniture object or a foreign property (``publisher``, ``isPartOf``,
    an ``ItemList`` of related videos, …) is not eligible to describe the page."""
    budget = budget if budget is not None else [5000]
    if budget[0] <= 0 or depth > 12:
        return
    if isinstance(data, list):
        for item in data:
            yield from _walk_jsonld(item, depth, eligible, budget)
        return
    if not isinstance(data, dict):
        return
    budget[0] -= 1
    types = _type_names(data)
    if types:
        yield data, depth, eligible
        if _rank(types) is None:
            eligible = False  # nothing inside an Organization or an ItemList is the page
    for key, value in data.items():
        if not isinstance(value, (dict, list)) or key == "@context":
            continue
        if key == "@graph" or key == "mainEntity":
            yield from _walk_jsonld(value, depth, eligible, budget)
        else:
            yield from _walk_jsonld(value, depth + 1, eligible and key not in _FOREIGN_KEYS, budget)


def _parse_dt(text: Any) -> datetime | None:
    if not isinstance(text, str) or "T" not in text and " " not in text.strip():
        return None  # date-only: not a running time
    try:
        return datetime.fromisoformat(text.strip().replace("Z", "+00:00"))
    except ValueError:
        return None


def _event_span(node: dict[str, Any]) -> int | None:
    start, end = _parse_dt(_first_text(node.get("startDate"))), _parse_dt(_first_text(node.get("endDate")))
    if start is None or end is None:
        return None
    if (start.tzinfo is None) != (end.tzinfo is None):
        start, end = start.replace(tzinfo=None), end.replace(tzinfo=None)
    return valid_duration(int((end - start).total_seconds()))


def _node_duration(node: dict[str, Any], types: list[str]) -> int | None:
    lowered = {t.lower() for t in types}
    found = _duration_text(node.get("duration")) or _duration_text(node.get("timeRequired"))
    if found:
        return found
    if "course" in lowered:
        instances = node.get("hasCourseInstance")
        for instance in instances if isinstance(instances, list) else [instances]:
            if isinstance(instance, dict):
                found = _duration_text(instance.get("courseWorkload")) or _duration_text(instance.get("duration"))
                if found:
                    return found
    if any(t.endswith("event") for t in lowered):
        return _event_span(node)
    return None


def _read_jsonld(items: Iterable[Any], fields: _Fields) -> None:
    if not items:
        return
    nodes = []
    types_seen: list[str] = []
    for order, (node, depth, eligible) in enumerate(_walk_jsonld(items)):
        types = _type_names(node)
        for name in types:
            if name not in types_seen:
                types_seen.append(name)
        rank = _rank(types)
        if rank is not None and eligible:
            nodes.append((rank, depth, order, node, types))
    if types_seen:
        fields.extras.setdefault("schema_types", types_seen[:50])
    nodes.sort(key=lambda entry: entry[:3])
    for _sort_rank, _depth, _order, node, types in nodes:
        fields.offer_title(_first_text(node.get("name")) or _first_text(node.get("headline")), "jsonld")
        if fields.title is None:
            fields.offer_title(_first_text(node.get("headline")), "jsonld")
        fields.offer_description(_first_text(node.get("description")), "jsonld")
        fields.offer_duration(_node_duration(node, types), "jsonld")
        fields.offer_extra("published_at", _date(node.get("datePublished") or node.get("uploadDate")))
        fields.offer_extra("modified_at", _date(node.get("dateModified")))
        fields.offer_extra("language", _first_text(node.get("inLanguage")))
        free = node.get("isAccessibleForFree")
        if isinstance(free, str) and free.strip().lower() in ("true", "false"):
            free = free.strip().lower() == "true"
        if isinstance(free, bool):
            fields.offer_extra("accessible_for_free", free)


# ---------------------------------------------------------------------------- microdata

_MICRODATA_PROPS = {
    "name", "headline", "description", "duration", "timerequired", "datepublished",
    "uploaddate", "datemodified", "inlanguage",
}  # fmt: skip


def _itemprop_value(element: lxml.html.HtmlElement) -> str | None:
    tag = element.tag if isinstance(element.tag, str) else ""
    if tag == "meta":
        return element.get("content")
    if tag == "time":
        return element.get("datetime") or element.text_content()
    if tag in ("data", "meter"):
        return element.get("value")
    if element.get("content"):
        return element.get("content")
    if tag in ("a", "link", "img", "iframe", "video", "audio", "source", "embed", "object"):
        return None
    return element.text_content()


def _itemtypes(element: lxml.html.HtmlElement) -> list[str]:
    return [t.rstrip("/").rsplit("/", 1)[-1] for t in (element.get("itemtype") or "").split()]


def _microdata_rank(element: lxml.html.HtmlElement) -> int | None:
    """The rank (as for JSON-LD) of the item a property belongs to: its nearest
    ``itemscope``; 2 for an orphan; None when that item, or any item around it,
    is furniture (an author's name, a related video inside an ItemList)."""
    rank: int | None = 2
    nearest = True
    for ancestor in element.iterancestors():
        if ancestor.get("itemscope") is None:
            continue
        types = _itemtypes(ancestor)
        ancestor_rank = _rank(types) if types else 2
        if ancestor_rank is None:
            return None
        if nearest:
            rank, nearest = ancestor_rank, False
    return rank


def _read_microdata(tree: lxml.html.HtmlElement, fields: _Fields) -> None:
    found: list[tuple[int, int, str, str]] = []  # (rank, order, prop, value)
    for order, element in enumerate(tree.xpath("//*[@itemprop]")):
        if element.get("itemscope") is not None:
            continue  # a nested item, not a value
        props = [p for p in (element.get("itemprop") or "").lower().split() if p in _MICRODATA_PROPS]
        if not props:
            continue
        rank = _microdata_rank(element)
        if rank is None:
            continue  # the author's name, the publisher's description
        value = _itemprop_value(element)
        if value is None or not value.strip():
            continue
        for prop in props:
            found.append((rank, order, prop, value[: MAX_DESCRIPTION * 2]))
    found.sort(key=lambda entry: entry[:2])
    for _sort_rank, _order, prop, value in found:
        if prop in ("name", "headline"):
            fields.offer_title(value, "microdata")
        elif prop == "description":
            fields.offer_description(value, "microdata")
        elif prop in ("duration", "timerequired"):
            fields.offer_duration(_duration_text(value), "microdata")
        elif prop in ("datepublished", "uploaddate"):
            fields.offer_extra("published_at", _date(value))
        elif prop == "datemodified":
            fields.offer_extra("modified_at", _date(value))
        elif prop == "inlanguage":
            fields.offer_extra("language", value)


# ---------------------------------------------------------------------------- meta tags


def _og_seconds(value: str | None) -> int | None:
    if not value:
        return None
    value = value.strip()
    if re.fullmatch(r"\d+(?:\.\d+)?", value):
        return valid_duration(int(float(value)))
    return _duration_text(value)


# ---------------------------------------------------------------------------- HTML


def _host(url: str | None) -> str:
    try:
        return (urlsplit(url or "").hostname or "").lower()
    except ValueError:
        return ""


#: Words without which no prose duration / length can be stated, matched in
#: lower-cased text (an ``re.I`` alternation is several times slower). The prose
#: parsers are regex-heavy (tens of ms on 20 KB of text), so they only see windows
#: of text around these cues.
_DURATION_CUE = re.compile(
    # A character class first lets the regex engine skip to candidate positions in C
    # (a leading lookaround or \\b would make it try the whole pattern at every
    # position); the lookbehinds then check the word start and which word it is.
    r"[hms0-9](?<![a-z].)(?:(?<=h)(?:ours?|rs?)\b|(?<=m)in(?:ute)?s?\b|(?<=s)ec(?:ond)?s?\b"
    r"|(?<=[0-9])(?:\s?[hm]\b|[hm][0-9]|:[0-5][0-9]))"
)
#: Whole words only: "part" in "department" or "unit" in "community" is no cue
#: (on ordinary prose, substring cues made this the costliest step of a crawl).
_LENGTH_CUE = re.compile(
    r"\b(?:module|lesson|session|page|episode|chapter|case|unit|part|section|video|webinar|slide|"
    r"course|class|lecture|workshop)s?\b"
)
#: A length needs a number, rarer in prose than unit words: windows are cut around
#: numbers, and parsed only when a unit word is in them. (Built like _DURATION_CUE.)
_NUMBER = re.compile(
    r"[0-9otfsend](?<![a-z].)(?:(?<=[0-9])[0-9]*|(?<=o)ne\b|(?<=t)(?:wo|hree|en|welve)\b"
    r"|(?<=f)(?:our|ive)\b|(?<=s)(?:ix|even)\b|(?<=e)(?:ight|leven)\b|(?<=n)ine\b|(?<=d)ozen\b)"
)


#: Where a cue *can* start, found in C before any regex runs at a position. A pattern
#: led by a character class costs ~10 ns a character to scan and ``_NUMBER``'s
#: (``[0-9otfsend]``, four letters in ten) ~30 ns; a pattern led by a literal lets the
#: engine jump between occurrences of that literal. So the text is encoded as ASCII
#: (``"replace"``: one byte per character, offsets unchanged) and translated twice:
#: once keeping only the letters a-z (every other character becomes ``\x00``, so a
#: word start is a ``\x00`` before a letter) and once keeping only the digits (``#``).
_ONLY_LETTERS = bytes(c if 97 <= c <= 122 else 0 for c in range(256))
_ONLY_DIGITS = bytes(35 if 48 <= c <= 57 else 32 for c in range(256))
#: A number word or a time-unit word at a word start (group 1: number; group 2: time).
#: The lookahead turns each ``\x00`` that no cue follows away at once: in a text of
#: another script nearly every character is a ``\x00`` here (0.5 ms against 1.7 ms on
#: 20,000 characters of Russian without it; ``benchmarks/pages.py`` for the rest).
_CUE_WORD = re.compile(
    rb"\x00(?=[otfsendhm])(?:(one|two|three|ten|twelve|four|five|six|seven|eight|eleven|nine"
    rb"|dozen)|(h(?:our|r)|min|sec))"
)
_DIGIT_RUN = re.compile(rb"##*")  # literal-led: "[0-9]+" would be tried at every position


def _cue_starts(lowered: str) -> tuple[list[int], list[int]]:
    """Positions in ``lowered`` where ``_NUMBER`` and ``_DURATION_CUE`` can match (a
    superset of where they do: ``_cue_matches`` runs the pattern itself there).

    ``_NUMBER`` starts at a number word after a non-letter, or at a digit run's first
    digit (its second, when a letter precedes the run: "a12" reads as "2"). A
    ``_DURATION_CUE`` digit is followed by a non-digit ("2h", "45 min", "1:30"), so it
    is the last digit of a run; its words are hour/hr/min/sec after a non-letter.
    """
    raw = lowered.encode("ascii", "replace")
    numbers: list[int] = []
    times: list[int] = []
    # b"\x00" first: a word at the very start of the text has a non-letter before it;
    # the match then starts one place later in this string, at the word in ``lowered``
    for match in _CUE_WORD.finditer(b"\x00" + raw.translate(_ONLY_LETTERS)):
        (numbers if match.lastindex == 1 else times).append(match.start())
    for run in _DIGIT_RUN.finditer(raw.translate(_ONLY_DIGITS)):
        start, end = run.span()
        numbers.append(start)
        if end - start > 1:
            numbers.append(start + 1)
        times.append(end - 1)
    numbers.sort()
    times.sort()
    return numbers, times


def _cue_matches(cue: re.Pattern[str], lowered: str, starts: list[int]) -> Iterator[re.Match[str]]:
    """``cue.finditer(lowered)``, trying the pattern only at ``starts`` (sorted, and
    holding every place a match can begin): the first start at or after the previous
    match's end that matches is the match ``finditer`` finds next. Lookbehinds still
    see the text before each start. ``tests/test_metadata.py`` holds the two equal."""
    end = 0
    for start in starts:
        if start < end:
            continue
        match = cue.match(lowered, start)
        if match:
            yield match
            end = match.end()


def _windows(text: str, lowered: str, matches: Iterable[re.Match[str]], margin: int) -> Iterator[str]:
    """Stretches of ``text`` around each cue match (found in ``lowered``,
    ``text.lower()``), ``margin`` characters either side, overlapping stretches merged,
    in document order."""
    if len(lowered) != len(text):  # a rare character that lower-cases to two
        text = lowered
    start = end = -1
    for match in matches:
        lo, hi = max(0, match.start() - margin), match.end() + margin
        if end >= 0 and lo <= end:
            end = hi
            continue
        if end >= 0:
            yield text[start:end]
        start, end = lo, hi
    if end >= 0:
        yield text[start:end]


_SEPARATOR_RUN = r"\s+(?:[-–—|:·•»«~]|::|&[a-z]+;|&#\d+;)\s+"


def _trim_to_heading(title: str, heading: str | None, page: str) -> str:
    """``"X – Some Site"`` is ``"X"`` when the page's ``<h1>`` is ``"X"`` and "Some Site"
    appears in the page again (the logo, the footer's copyright): the site is not
    always confirmed by ``og:site_name`` or the host. A subtitle ("X – A
    Clinician's Guide") is written once, in the title, and stays."""
    if not heading or not isinstance(title, str):
        return title
    text = clean_text(title) or ""
    if text == heading or len(heading) < 8:
        return title
    rest = None
    if text.startswith(heading):
        match = re.match(_SEPARATOR_RUN + r"(\S.*)$", text[len(heading) :])
        rest = match.group(1) if match else None
    elif text.endswith(heading):
        match = re.match(r"^(.*\S)" + _SEPARATOR_RUN + "$", text[: -len(heading)] + " ")
        rest = match.group(1) if match else None
    if rest and len(rest) >= 3 and page.count(rest) >= 2:
        return heading
    return title


#: A prose running time followed by "read" is a reading-time estimate ("8 min read").
_READ_AFTER = re.compile(r"\s*(?:of\s+)?read(?:ing)?\b", re.I)


def _prose_texts(page: Page) -> Iterator[str]:
    """The main content's text if the page has one, then the rest of the body (lazily:
    only read when the main content did not say what was wanted); navigation and
    footers are never read."""
    if page.main is not None:
        yield page.main_text[:MAX_PROSE_CHARS]
    yield page.outside_main_text[:MAX_PROSE_CHARS]


def _read_prose(page: Page, fields: _Fields) -> None:
    """Step 8: the running time (and a non-time length) stated in the visible text.
    The main content is read first; the whole body only when it says nothing."""
    want_duration, want_length = fields.duration is None, True
    for text in _prose_texts(page):
        if not (want_duration or want_length):
            break
        lowered = page.lower_of(text)  # the judge lower-cased the page's text already
        number_starts, time_starts = _cue_starts(lowered)
        if want_duration:
            cues = _cue_matches(_DURATION_CUE, lowered, time_starts)
            for window in _windows(text, lowered, cues, 160):
                prose = parse_prose_duration(window)
                if prose is not None and valid_duration(prose.seconds):
                    at = window.find(prose.phrase)
                    reading = at >= 0 and bool(_READ_AFTER.match(window, at + len(prose.phrase)))
                    fields.offer_duration(prose.seconds, "prose", prose.approximate or reading)
                    fields.extras.setdefault("duration_phrase", prose.phrase)
                    want_duration = False
                    break
        if want_length:
            for window in _windows(text, lowered, _cue_matches(_NUMBER, lowered, number_starts), 80):
                if not _LENGTH_CUE.search(window):
                    continue
                length = parse_length(window)
                if length is not None:
                    fields.offer_extra("length_value", length.value)
                    fields.offer_extra("length_unit", length.unit)
                    want_length = False
                    break


def _html_metadata(visit: Visit, body: bytes) -> dict[str, Any]:
    page = page_of(visit)
    url = page.url
    host = page.host
    tree = page.root
    metas = page.metas
    site_name = clean_text(metas.get("og:site_name") or metas.get("application-name"), 200)
    fields = _Fields(site_name, host)
    if site_name:
        fields.offer_extra("site_name", site_name)

    # 1. the video host's own page JSON (scanned beyond the parse cap: it can sit deep)
    is_video = _read_youtube(page.player_response, fields)
    is_video = _read_vimeo(page.video_text, host, fields) or is_video
    if tree is None:
        result = fields.result()
        result.setdefault("media_type", visit.content_type or "text/html")
        return result

    # 2. JSON-LD, 3. microdata (only when the page has them)
    if page.json_ld_blocks:
        blocks = page.json_ld_blocks
        fits = all(len(block) <= MAX_JSONLD_BYTES for block in blocks)
        _read_jsonld(
            list(page.json_ld if fits else parse_json_ld(b for b in blocks if len(b) <= MAX_JSONLD_BYTES)), fields
        )
    if "itemprop" in page.html:
        _read_microdata(tree, fields)

    # 4. Open Graph and Twitter cards
    fields.offer_title(metas.get("og:title"), "opengraph")
    fields.offer_description(metas.get("og:description"), "opengraph")
    og_duration = metas.get("og:video:duration") or metas.get("video:duration")
    fields.offer_duration(_og_seconds(og_duration), "opengraph")
    fields.offer_title(metas.get("twitter:title"), "twitter")
    fields.offer_description(metas.get("twitter:description"), "twitter")

    # 5. Highwire / Google Scholar
    fields.offer_title(metas.get("citation_title"), "citation")
    fields.offer_description(metas.get("citation_abstract"), "citation")

    # 6. the document's own title, first heading and description; the heading is read
    # only while the title is open (most pages gave one in step 4), as nothing else asks for it
    if fields.title is None:
        heading = None
        for h1 in tree.iter("h1"):
            heading = clean_title(h1.text_content()[: MAX_TITLE * 4], site_name, host=host)
            if heading:
                break
        title = tree.find(".//title")
        if title is not None:
            fields.offer_title(_trim_to_heading(title.text_content(), heading, page.html), "title")
        fields.offer_title(heading, "h1")
    fields.offer_description(metas.get("description"), "meta_description")

    # extras
    fields.offer_extra("canonical_url", page.canonical)
    if "canonical_url" not in fields.extras and metas.get("og:url"):
        fields.offer_extra("canonical_url", urljoin(url, metas["og:url"].strip()))
    if not is_video:
        fields.offer_extra("language", page.lang)
        fields.offer_extra("language", metas.get("http-equiv:content-language") or metas.get("citation_language"))
        fields.offer_extra("language", visit.headers.get("content-language"))
    fields.offer_extra(
        "published_at",
        _date(
            metas.get("article:published_time")
            or metas.get("citation_publication_date")
            or metas.get("citation_date")
            or metas.get("citation_online_date")
        ),
    )
    fields.offer_extra("modified_at", _date(metas.get("article:modified_time") or metas.get("og:updated_time")))

    # 8. prose
    _read_prose(page, fields)

    result = fields.result()
    result.setdefault("media_type", "text/html")
    return result


# ---------------------------------------------------------------------------- PDF


def _pdf_string(raw: bytes) -> str | None:
    """A PDF text string's bytes (already unescaped) as text."""
    if raw.startswith(codecs.BOM_UTF16_BE):
        return raw[2:].decode("utf-16-be", errors="replace")
    if raw.startswith(codecs.BOM_UTF16_LE):
        return raw[2:].decode("utf-16-le", errors="replace")
    if raw.startswith(codecs.BOM_UTF8):
        return raw[3:].decode("utf-8", errors="replace")
    return raw.decode("cp1252", errors="replace")  # ~PDFDocEncoding for printable text


_PDF_ESCAPES = {b"n": b"\n", b"r": b"\r", b"t": b"\t", b"b": b"\b", b"f": b"\f"}


def _pdf_literal(data: bytes, start: int) -> tuple[bytes, int] | None:
    """Read the literal string ``( ... )`` opening at ``data[start]``: balanced
    parentheses and backslash escapes. Returns (bytes, end) or None if cut."""
    out = bytearray()
    depth = 0
    i = start
    n = min(len(data), start + 20_000)
    while i < n:
        c = data[i : i + 1]
        if c == b"\\":
            nxt = data[i + 1 : i + 2]
            if nxt in _PDF_ESCAPES:
                out += _PDF_ESCAPES[nxt]
                i += 2
            elif nxt.isdigit():
                octal = re.match(rb"[0-7]{1,3}", data[i + 1 : i + 4])
                if octal:
                    out.append(int(octal.group(), 8) & 0xFF)
                    i += 1 + len(octal.group())
                else:
                    i += 2
            elif nxt in (b"\r", b"\n"):
                i += 2 if data[i + 1 : i + 3] == b"\r\n" else 1
                i += 1 if nxt == b"\r" and data[i : i + 1] == b"\n" else 0
            else:
                out += nxt
                i += 2
            continue
        if c == b"(":
            depth += 1
            if depth > 1:
                out += c
        elif c == b")":
            depth -= 1
            if depth == 0:
                return bytes(out), i + 1
            out += c
        else:
            out += c
        i += 1
    return None


def _pdf_value_at(data: bytes, pos: int) -> str | None:
    """The string value that follows a key at ``pos`` (literal or hex)."""
    match = re.compile(rb"\s*([(<])").match(data, pos)
    if not match:
        return None
    if match.group(1) == b"(":
        read = _pdf_literal(data, match.start(1))
        return _pdf_string(read[0]) if read else None
    hexmatch = re.compile(rb"<([0-9A-Fa-f\s]*)>").match(data, match.start(1))
    if not hexmatch:
        return None
    digits = re.sub(rb"\s+", b"", hexmatch.group(1))
    if len(digits) % 2:
        digits += b"0"
    try:
        return _pdf_string(bytes.fromhex(digits.decode("ascii")))
    except ValueError:
        return None


#: an /Encrypt reference (trailer) or the standard security handler's dictionary
_ENCRYPT_MARK = re.compile(rb"/Encrypt\s*\d+\s+\d+\s+R|/Filter\s*/Standard\b")


def _looks_like_text(value: str | None) -> bool:
    """Ciphertext read as a string is mostly symbols and controls; a title is not."""
    if not value:
        return False
    plain = sum(1 for ch in value if ch.isalnum() or ch.isspace() or ch in ".,:;!?'\"()[]&/-–—’‘“”")
    return plain / len(value) >= 0.85


_INFO_KEYS = re.compile(rb"/(?:Producer|Creator|Author|CreationDate|ModDate)\b")
_PDF_KEY = {key: re.compile(rb"/" + key + rb"(?=[\s(<])") for key in (b"Title", b"Subject")}


def _raw_info(data: bytes, key: bytes) -> str | None:
    """``/Title`` (or ``/Subject``) of an Info-like dictionary found in the raw bytes."""
    for match in _PDF_KEY[key].finditer(data):
        open_at = data.rfind(b"<<", max(0, match.start() - 4000), match.start())
        close_at = data.find(b">>", match.end(), match.end() + 4000)
        if open_at < 0:
            continue
        window = data[open_at : close_at if close_at > 0 else match.end() + 4000]
        if not _INFO_KEYS.search(window):
            continue  # a bookmark's /Title, not the document's
        value = _pdf_value_at(data, match.end())
        if _looks_like_text(value):
            return value
    return None


def _xmp_field(data: bytes, name: bytes) -> str | None:
    match = re.search(rb"<dc:" + name + rb"\b[^>]*>(.{0,20000}?)</dc:" + name + rb">", data, re.S)
    if not match:
        return None
    inner = match.group(1)
    items = re.findall(rb"<rdf:li\b([^>]*)>(.*?)</rdf:li>", inner, re.S)
    if items:
        chosen = next((text for attrs, text in items if b"x-default" in attrs), items[0][1])
    else:
        chosen = inner
    text = chosen.decode("utf-8", errors="replace")
    text = re.sub(r"<[^>]+>", " ", text)
    return html.unescape(text)


_PAGES_COUNT = re.compile(rb"/Type\s*/Pages\b[^>]{0,400}?/Count\s+(\d+)|/Count\s+(\d+)[^>]{0,400}?/Type\s*/Pages\b")
_PAGE_OBJ = re.compile(rb"/Type\s*/Page(?![a-zA-Z])")


def _pdf_raw(data: bytes, fields: _Fields, *, read_strings: bool) -> None:
    """The byte-level fallback: what a cut or unreadable PDF still says."""
    if read_strings:
        title = _raw_info(data, b"Title")
        fields.offer_title(_pdf_title(title), "pdf_info")
        fields.offer_description(_raw_info(data, b"Subject"), "pdf_info")
    fields.offer_title(_pdf_title(_xmp_field(data, b"title")), "pdf_xmp")
    fields.offer_description(_xmp_field(data, b"description"), "pdf_xmp")
    counts = [c for c in (int(a or b) for a, b in _PAGES_COUNT.findall(data)) if c <= MAX_PAGES]
    if counts and max(counts) > 0:
        fields.offer_extra("page_count", max(counts))
    else:
        pages = len(_PAGE_OBJ.findall(data))
        if pages:
            fields.offer_extra("page_count_min", pages)


_OFFICE_PREFIX = re.compile(r"^(?:Microsoft (?:Word|PowerPoint|Excel)|PowerPoint Presentation|Word)\s*-\s*", re.I)
_FILE_EXT = re.compile(r"\.(?:docx?|pptx?|xlsx?|pdf|rtf|txt|indd|qxd|pages|key|odt)$", re.I)
_PDF_JUNK = re.compile(r"^(?:document|presentation|book|untitled|slide|microsoft word|title)\s*\d*$", re.I)


def _pdf_title(value: Any) -> str | None:
    """A PDF's /Title as authoring tools leave it: "Microsoft Word - guide_v3.docx" is
    the file name, not a title."""
    text = clean_text(value)
    if not text:
        return None
    text = _FILE_EXT.sub("", _OFFICE_PREFIX.sub("", text)).strip()
    if _PDF_JUNK.match(text) or (" " not in text and ("_" in text or len(text) < 4)):
        return None
    return text


def _pdf_metadata(visit: Visit, body: bytes, facts: dict[str, Any] | None = None) -> dict[str, Any]:
    fields = _Fields(None, None)
    fields.offer_extra("media_type", "application/pdf")
    # for a file pypdf cannot open: an /Encrypt reference or the security handler's
    # dictionary anywhere in the bytes we have (pypdf's answer replaces this guess)
    encrypted = bool(_ENCRYPT_MARK.search(body))
    # pypdf in a child process with a CPU, memory and time budget (pipelines/pdf.py)
    facts = (read_pdf_bounded(body) if facts is None else facts) or {}
    encrypted = facts.get("encrypted", encrypted)
    if "page_count" in facts:
        fields.offer_extra("page_count", facts["page_count"])
    fields.offer_title(_pdf_title(facts.get("title")), "pdf_info")
    fields.offer_description(facts.get("subject"), "pdf_info")
    fields.offer_title(_pdf_title(facts.get("xmp_title")), "pdf_xmp")
    fields.offer_description(facts.get("xmp_description"), "pdf_xmp")
    if not facts.get("readable") or visit.body_truncated or "page_count" not in facts:
        # what the bytes themselves still say (strings of an encrypted file are ciphertext)
        _pdf_raw(body, fields, read_strings=not encrypted)
    if "page_count" in fields.extras:
        fields.extras.pop("page_count_min", None)
    if encrypted:
        fields.extras["encrypted"] = True
    return fields.result()


# ---------------------------------------------------------------------------- entry point

_HTML_TYPES = ("text/html", "application/xhtml+xml", "application/xml", "text/xml")
_HTML_SNIFF = re.compile(rb"^\s*(?:<!doctype\s+html|<html|<head|<!--|<body|<meta|<title)", re.I)


def extract_metadata(visit: Visit, pdf_facts: dict[str, Any] | None = None) -> dict[str, Any] | None:
    """What the page says about itself, or ``None`` (a failure, non-2xx, 304).

    See the module docstring for the keys and the precedence of sources.
    ``pdf_facts``: what the bounded PDF reader already found for this body, when the
    caller read it (one child per PDF serves extraction and the identity check).
    """
    if visit.error_class or visit.status is None or not 200 <= visit.status < 300:
        return None
    body = visit.body or b""
    content_type = visit.content_type
    head = body[:1024]
    if content_type == "application/pdf" or (
        content_type not in _HTML_TYPES and b"%PDF-" in head  # junk may precede the header
    ):
        return _pdf_metadata(visit, body, pdf_facts)
    if content_type.startswith(("video/", "audio/")):
        fields = _Fields(None, None)
        fields.offer_extra("media_type", content_type.split("/")[0])
        return fields.result()
    sniff_html = not content_type or content_type in ("application/octet-stream", "text/plain")
    if (
        content_type in _HTML_TYPES
        or content_type.endswith("+xml")
        and "html" in content_type
        or (sniff_html and _HTML_SNIFF.match(head.lstrip(b"\xef\xbb\xbf")))
    ):
        if not body.strip():
            fields = _Fields(None, None)
            fields.offer_extra("media_type", "text/html")
            return fields.result()
        return _html_metadata(visit, body)
    fields = _Fields(None, None)
    if content_type:
        fields.offer_extra("media_type", content_type)
    return fields.result()
