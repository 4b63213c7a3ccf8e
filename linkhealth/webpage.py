"""Catalogues that live as web pages: a heading per resource, paragraphs, links.

``linkhealth import PAGE.html`` and ``linkhealth import https://…`` read such a
page into import rows. The seed itself was copied out of one, so the page is
turned into the seed's block structure (a title block per heading, a block per
paragraph, an empty block where a link stood on its own) and handed to the seed
parser (seed.py) with the headings named: a page and the text copied from it give
the same resources, with the same ids, the same editorial splits, durations and
access notes. What the text lost, the page still has: its links.

Reading the page (beautifulsoup4: forgiving with hand-made HTML):

* Resource headings are the most frequent kind among ``h1``–``h6``, ``dt`` and
  table rows (first cell); other headings are section headings, dropped with any
  text under them before the first resource heading (an introduction). On a page
  where no kind of heading repeats, short all-bold paragraphs are the headings.
* ``p``, ``li``, ``dd``, ``blockquote`` and the other cells of a table row are
  paragraphs. A paragraph that is nothing but a link is a *link block*.
* A resource's URL is, in order: the link in its heading whose text is its title
  (or the heading's only link); a link anywhere whose text is its title; the link
  a paragraph of its description announces ("follow the link below:", "… here:",
  a link reading "here") — in a link block after it, or inside it after the
  colon; a link block under a heading with no link of its own (a table's link
  cell). Every other link of its paragraphs goes to ``notes``. A URL found so has
  the page as its ``url_source`` (where it was seen). Without any, the row has no
  ``url`` and an import leaves the resource's address as it was.

Fetching (``fetch_page``): one request through Scrapy, with the project's user
agent and robots.txt obeyed, in a subprocess (a Twisted reactor cannot be
started twice in one process, and the CLI's tests call the library repeatedly).
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from collections import Counter
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urljoin

from .errors import ImportRefused
from .seed import _normalise, parse_seed

__all__ = ["fetch_page", "page_blocks", "page_rows"]

_HEADING_TAGS = ("h1", "h2", "h3", "h4", "h5", "h6")
_PARAGRAPH_TAGS = ("p", "li", "dd", "blockquote")
_SKIP_TAGS = ("nav", "header", "footer", "script", "style", "noscript", "template", "form", "aside")
#: A sentence that puts its link after it.
_ANNOUNCES = re.compile(
    r"(?:follow(?:ing)? (?:the|this) link|(?:the|this) link below|links? below|click (?:here|below)|"
    r"\bhere\s*:|\bbelow\s*:|:\s*$)",
    re.I,
)
#: Link texts that only point ("here", "this link"): the sentence around them names the thing.
_POINTER_TEXT = re.compile(
    r"^\s*(?:click\s+)?(?:here|this link|link|the link|website|this website|view|watch|download)\s*\.?\s*$", re.I
)


@dataclass
class Link:
    href: str
    text: str


@dataclass
class Block:
    """One block of the page in reading order: a resource ``heading``, a ``paragraph``
    or a ``link`` block (a paragraph that is only a link)."""

    kind: str
    text: str
    links: list[Link] = field(default_factory=list)
    #: for a paragraph: the link it announces (a link block after it, or its own after a colon)
    announced: Link | None = None


def _text(element) -> str:
    return _normalise(element.get_text(""))


def _links(element, base: str) -> list[Link]:
    out = []
    for a in element.find_all("a", href=True):
        href = a["href"].strip()
        if href and not href.startswith(("#", "javascript:", "mailto:")):
            out.append(Link(urljoin(base, href), _text(a)))
    return out


def _bold_line(element) -> bool:
    """A paragraph that is all bold and short: how many hand-made pages set a heading."""
    if element.name != "p":
        return False
    text = _text(element)
    bold = element.find(["strong", "b"])
    return bool(text) and len(text) <= 200 and bold is not None and _text(bold) == text


def _level(element, bold_headings: bool = False) -> int | None:
    """The heading kind of an element: 1–6 for h1–h6, 9 for an all-bold paragraph (only
    on a page with no other kind of heading), 10 for dt, 11 for a table row."""
    if bold_headings and _bold_line(element):
        return 9
    if element.name in _HEADING_TAGS:
        return int(element.name[1])
    if element.name == "dt":
        return 10
    if element.name == "tr" and element.find(["td"], recursive=False) is not None:
        return 11
    return None


def _inside(element, names) -> bool:
    return any(parent.name in names for parent in element.parents)


def page_blocks(html: str, base_url: str = "") -> list[Block]:
    """The page as resource headings, paragraphs and link blocks, in reading order."""
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(html, "html.parser")
    for tag in soup.find_all(_SKIP_TAGS):
        tag.decompose()
    root = soup.body or soup
    elements = [
        el
        for el in root.find_all([*_HEADING_TAGS, "dt", "tr", *_PARAGRAPH_TAGS])
        # a table row is read cell by cell; a heading, dt or p whole; a dd, li or
        # blockquote whole unless it holds paragraphs or a list of its own
        if el.name == "tr"
        or (
            not _inside(el, ("p", "dt", "tr", *_HEADING_TAGS))
            and not (el.name in ("dd", "li", "blockquote") and el.find(["p", "li", "dd"]) is not None)
        )
    ]
    levels = Counter(level for el in elements if (level := _level(el)) is not None)
    # no kind of heading repeats: the resources' titles may be bold paragraphs
    bold_headings = max(levels.values(), default=0) < 2 and sum(map(_bold_line, elements)) >= 2
    if bold_headings:
        levels = Counter(level for el in elements if (level := _level(el, True)) is not None)
    if not levels:
        raise ImportRefused("the page has no headings, definition terms or table rows to read resources from")
    resource_level = max(levels, key=lambda lv: (levels[lv], lv))
    blocks: list[Block] = []
    in_resource = False
    for el in elements:
        level = _level(el, bold_headings)
        if level is not None and level != resource_level:
            in_resource = False  # a section heading: its text is no resource's
            continue
        if level is not None:
            cells = el.find_all(["td", "th"], recursive=False) if el.name == "tr" else [el]
            heading = cells[0]
            if not _text(heading):
                continue
            blocks.append(Block("heading", _text(heading), _links(heading, base_url)))
            in_resource = True
            for cell in cells[1:]:
                _add_paragraph(blocks, cell, base_url)
            continue
        if in_resource:
            _add_paragraph(blocks, el, base_url)
    return blocks


def _add_paragraph(blocks: list[Block], element, base_url: str) -> None:
    text = _text(element)
    links = _links(element, base_url)
    if not text and not links:
        return
    if links and len(links) == 1 and _normalise(text) == links[0].text:
        blocks.append(Block("link", "", links))
        previous = blocks[-2] if len(blocks) > 1 else None
        if (
            previous is not None
            and previous.kind == "paragraph"
            and previous.announced is None
            and _ANNOUNCES.search(previous.text)
        ):
            previous.announced = links[0]
        return
    block = Block("paragraph", text, links)
    for link in links:
        # "… resources here." (the link reads "here") or "… here: <a>the address</a>"
        before = text.split(link.text, 1)[0] if link.text else text
        if _POINTER_TEXT.match(link.text) or before.rstrip().endswith(":"):
            block.announced = link
            break
    blocks.append(block)


def _seed_text(blocks: list[Block]) -> str:
    """The blocks as the seed's plain text: an empty block where a link stood alone."""
    return "\n\n".join(block.text for block in blocks) + "\n"


def _same(a: str | None, b: str | None) -> bool:
    return bool(a and b and _normalise(a).casefold() == _normalise(b).casefold())


#: The seed parser's note for a link the text lost: not so on a page that has it.
_LOST_LINK_NOTE = re.compile(
    r"(?:^|;\s*)the seed's hyperlink (?:to the video )?was lost(?: after “[^”]*”(?:; “[^”]*”)*)?"
)


def page_rows(html: str, base_url: str = "", where: str = "page") -> list[tuple[str, dict[str, Any]]]:
    """Import rows (as the store's ``import_rows`` takes them) for a catalogue page.

    ``base_url``: the page's address (relative links resolve against it, and it is
    each found URL's ``url_source``); ``where``: how messages name the page.
    """
    blocks = page_blocks(html, base_url)
    headings = [b.text for b in blocks if b.kind == "heading"]
    rows = parse_seed(_seed_text(blocks), headings=headings)
    all_links = [link for b in blocks for link in b.links]
    used: set[str] = set()
    out = []
    for _n, row in enumerate(rows, 1):
        url, others = _url_of(row, blocks, all_links)
        if url:
            used.add(url)
            row["url"] = url
            row["url_source"] = base_url or where
            if row.get("notes"):
                row["notes"] = _LOST_LINK_NOTE.sub("", row["notes"]).strip("; ") or None
        row["_other_links"] = others
        out.append(row)
    for row in out:
        others = [h for h in dict.fromkeys(row.pop("_other_links")) if h not in used and h != row.get("url")]
        if others:
            note = "links in the catalogue page: " + ", ".join(others)
            row["notes"] = f"{row['notes']}; {note}" if row.get("notes") else note
        for key in [k for k, v in row.items() if v is None]:
            del row[key]
    return [(f"{where}, resource {n}", row) for n, row in enumerate(out, 1)]


def _url_of(row: dict[str, Any], blocks: list[Block], all_links: list[Link]) -> tuple[str | None, list[str]]:
    """The row's URL by the module docstring's order, and the other links of its text."""
    title = row.get("title")
    paragraphs = [p for p in (row.get("description") or "").split("\n\n") if p]
    mine = [b for b in blocks if b.kind == "paragraph" and b.text in paragraphs]
    heading = next((b for b in blocks if b.kind == "heading" and _same(b.text, title)), None)
    if heading is None:  # a heading the seed splits ("NetCE …: Physicians Against … (PATH)")
        heading = next((b for b in blocks if b.kind == "heading" and title and _normalise(title) in b.text), None)
    candidates: list[str | None] = []
    if heading is not None:
        candidates.append(next((link.href for link in heading.links if _same(link.text, title)), None))
        if _same(heading.text, title) and len(heading.links) == 1:
            candidates.append(heading.links[0].href)
    candidates.append(next((link.href for link in all_links if _same(link.text, title)), None))
    candidates += [b.announced.href for b in mine if b.announced]
    if heading is not None and not heading.links and _same(heading.text, title):
        at = blocks.index(heading) + 1
        while at < len(blocks) and blocks[at].kind != "heading":
            if blocks[at].kind == "link":
                candidates.append(blocks[at].links[0].href)
                break
            at += 1
    url = next((c for c in candidates if c), None)
    others = [
        link.href for b in mine for link in [*b.links, *([b.announced] if b.announced else [])] if link.href != url
    ]
    return url, others


# ---------------------------------------------------------------- fetching


def fetch_page(url: str, *, settings: dict[str, Any] | None = None, timeout: float = 120) -> tuple[str, str]:
    """(HTML, final URL) of one page, fetched by Scrapy with the project's settings
    (user agent, robots.txt obeyed, retries) in a subprocess; ImportRefused if it fails."""
    command = [sys.executable, "-m", "linkhealth.fetch_page", url, json.dumps(settings or {})]
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        raise ImportRefused(f"{url}: no answer within {timeout:.0f} s")
    try:
        result = json.loads(done.stdout.strip().splitlines()[-1])
    except (ValueError, IndexError):
        raise ImportRefused(f"{url}: the fetch failed ({done.stderr.strip()[-300:] or 'no output'})")
    if result.get("error"):
        raise ImportRefused(f"{url}: {result['error']}")
    return result["html"], result["url"]
