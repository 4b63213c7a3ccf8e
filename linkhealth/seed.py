"""The plain-text seed importer: ``seed/education_initiatives.txt`` into import rows.

The seed is a resource list copied out of a web page that lost its hyperlinks:
a title line, then one or more description paragraphs, blank lines between
blocks. :func:`parse_seed` turns it into rows in the store's import columns
(``IMPORT_COLUMNS`` in store.py). It does two things, kept apart:

1. **Reading the layout** (generic, works on any text in this format).

   * A block is a *title* when it is one short line (at most 160 characters),
     does not end with sentence punctuation (``. ! ? : ;``, also before a closing
     quote), is not a labelled line ("Moderator: …", "Presenters: …"), is written
     in title case (at least half its significant words capitalised: this is
     what tells "Human Trafficking and Emergency Medicine" from "American Journal
     of Preventative Medicine’s review of current educational references …",
     a description that lacks its full stop), and is followed by another block.
   * A title followed directly by another title is a *section heading*
     ("Education Initiatives"), not a resource.
   * A paragraph ending with ``:`` introduced a hyperlink that the copy lost
     ("… resources here:", "Please follow the link below …:"). It stays
     description text, and the resource's ``notes`` say a link was lost.
   * Where a lost link also left an extra blank line, the next paragraph starts
     a new entry that has no title line, unless it opens as a continuation ("In
     addition", "They", "It", …). Such an entry gets a title from
     ``untitled_titles`` of ``seed/facts.json`` (or, failing that, one derived
     from its first words).

2. **Editorial decisions** (data in ``seed/facts.json``, each entry keyed by
   the stable id, read by linkhealth/seed_facts.py). The seed is a curated
   list; deciding what counts as one resource, who published it and what kind
   of thing it is takes reading, so it is written down rather than guessed:

   * *Blue Campaign* describes two things: patient-oriented contact cards
     (the Blue Campaign resource itself, DHS's campaign site) and a video on
     identifying markers of trafficking in the clinic. Two resources; the
     video is of kind ``video``, and its hyperlink was lost.
   * *"NetCE: CME on Human Trafficking and Exploitation: Physicians Against
     Trafficking in Humans (PATH)"* runs two headings together. Split into a
     NetCE CME course (no description survived: the seed has none for it) and
     the PATH resource, which takes the paragraph (it is about PATH). The
     paragraph's "American Women’s Medical Association" is the American Medical
     Women's Association: corrected in ``provider`` only.
   * *Polaris* has no title line: its paragraph follows the PATH entry after the
     lost link. It becomes "Polaris: National Human Trafficking Resource Center
     resources for health care professionals"; the next paragraph ("In addition,
     … hotline, 1 (888) 373-7888 …") belongs to it, and the hotline is its contact.
     The 2015 report named there, "Sex Trafficking in the U.S.: A Closer Look at
     U.S. Citizen Victims", is a distinct publication, so it is a resource too
     (kind ``report``, described by its sentence). The Polaris resource's
     address (seed/addresses.csv) is the NHTRC's (now the National Human
     Trafficking Hotline's) site, where the resources its title names live;
     Polaris's own site is named in its notes.
   * Providers the text does not state (the two "Mental Health Aspects …"
     entries, the Andrew Baumgartner video) are left empty rather than guessed.
   * *Modern Day Abolitionists* is the CFHI webinar the CFHI entry mentions; it
     is kept as its own resource (the seed lists it separately, with its own
     access note), with CFHI as provider.
   * Obvious typos are fixed only in derived fields ("Preventative" →
     "Preventive" in the provider; titles and descriptions keep the text).

URLs: the seed lost every hyperlink, so :func:`parse_seed` sets no ``url`` at
all. The addresses were researched separately and are kept, each with the
evidence of where it was seen, in the reviewed ``seed/addresses.csv``
(addresses.py), which the importer reads beside the seed text. A resource with
no certain address stays without one: a guessed URL would be checked nightly
and reported as broken, or worse, pass as healthy for the wrong page.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from .durations import parse_length, parse_prose_duration
from .ids import slugify
from .seed_facts import Part, SeedFacts, load_facts

__all__ = ["parse_seed"]

# ---------------------------------------------------------------- editorial facts

#: The hand-written decisions about the seed's entries (``seed/facts.json``,
#: read by linkhealth/seed_facts.py). The names below are views of it.
FACTS = load_facts()
SPLITS = FACTS.splits
PROVIDERS = FACTS.providers
KIND_OVERRIDES = FACTS.kind_overrides
CONTACT_NAMES = FACTS.contact_names

#: The kinds of resource (what :func:`guess_kind` and the overrides may say).
KINDS = (
    "webinar", "webinar series", "video", "e-learning module", "course", "guide", "handbook",
    "manual", "report", "article", "toolkit", "posters", "website",
)  # fmt: skip


# ---------------------------------------------------------------- layout

_MAX_TITLE = 160
_SENTENCE_END = re.compile(r"[.!?:;,]\s*[”\"’')\]]*\s*$")
#: A final full stop that ends an abbreviation ("… of Minors in the U.S."), not a sentence.
_ABBREVIATION_END = re.compile(r"(?:\b(?:[A-Z]\.){2,}|\b(?:Inc|Ltd|Co|Jr|Sr|St)\.)\s*$")
_LABEL_LINE = re.compile(
    r"^(?:moderators?|presenters?|(?:featured\s+)?speakers?|panel(?:ists)?|authors?|"
    r"hosts?|facilitators?)\s*:",
    re.I,
)
_CONTINUATION = re.compile(
    r"^(?:in addition|additionally|also|moreover|furthermore|they|their|it|its|this|these|"
    r"those|he|she|the same)\b",
    re.I,
)
_MINOR_WORDS = {
    "a", "an", "and", "as", "at", "by", "for", "from", "in", "into", "of", "on", "or",
    "the", "to", "with", "&", "vs", "via",
}  # fmt: skip


def _normalise(text: str) -> str:
    """Runs of whitespace (double spaces after full stops, trailing blanks) to one space."""
    return re.sub(r"\s+", " ", text).strip()


@dataclass
class _Block:
    text: str
    blank_before: int


def _blocks(text: str) -> list[_Block]:
    """Paragraph blocks (lines joined, whitespace normalised) with the blank lines before each."""
    blocks: list[_Block] = []
    lines: list[str] = []
    blanks = blanks_before = 0
    for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        if line.strip():
            if not lines:
                blanks_before = blanks
            lines.append(line)
            continue
        if lines:
            blocks.append(_Block(_normalise(" ".join(lines)), blanks_before))
            lines, blanks = [], 0
        blanks += 1
    if lines:
        blocks.append(_Block(_normalise(" ".join(lines)), blanks_before))
    return blocks


def _title_case_share(text: str) -> float:
    words = [w.strip("()[]“”\"'’,:;") for w in text.split()]
    words = [w for w in words if w and w.lower() not in _MINOR_WORDS and re.match(r"[A-Za-z]", w)]
    if not words:
        return 0.0
    return sum(1 for w in words if w[0].isupper()) / len(words)


def looks_like_title(text: str) -> bool:
    """The one-line test of a title (see the module docstring); context is applied by the caller."""
    return (
        0 < len(text) <= _MAX_TITLE
        and (not _SENTENCE_END.search(text) or bool(_ABBREVIATION_END.search(text)))
        and not _LABEL_LINE.match(text)
        and _title_case_share(text) >= 0.5
    )


@dataclass
class _Entry:
    title: str | None
    paragraphs: list[str] = field(default_factory=list)


def _entries(text: str, headings: Collection[str] | None = None) -> list[_Entry]:
    """Group the blocks into (title, paragraphs) entries; section headings are dropped.

    ``headings``: the blocks known to be titles (a web page marks them); without
    it, a block is a title when it looks like one (:func:`looks_like_title`).
    """
    blocks = _blocks(text)
    is_title = looks_like_title if headings is None else (lambda t: t in headings)
    entries: list[_Entry] = []
    for index, block in enumerate(blocks):
        following = blocks[index + 1] if index + 1 < len(blocks) else None
        if is_title(block.text) and following is not None:
            if is_title(following.text):
                continue  # a section heading: a title with no description of its own
            entries.append(_Entry(block.text))
            continue
        current = entries[-1] if entries else None
        after_lost_link = (
            current is not None
            and current.paragraphs
            and current.paragraphs[-1].endswith(":")
            and block.blank_before >= 2
        )
        if current is None or (after_lost_link and not _CONTINUATION.match(block.text)):
            entries.append(_Entry(None, [block.text]))
        else:
            current.paragraphs.append(block.text)
    return entries


def resource_id(title: str) -> str:
    """The stable id of a title: ``slugify`` with room for the long titles of this list.

    At slugify's default 60 characters the two "The Mental Health Aspects of
    Trafficking in Human Beings: …" titles would collide; 80 keeps them apart.
    """
    return slugify(title, max_length=80)


def _derived_title(paragraph: str, facts: SeedFacts = FACTS) -> str:
    for opening, title in facts.untitled_titles.items():
        if paragraph.startswith(opening):
            return title
    subject = re.split(r"[,.;:]", paragraph, maxsplit=1)[0]
    return _normalise(" ".join(subject.split()[:12]))


# ---------------------------------------------------------------- facts in the text

_KIND_RULES: list[tuple[str, str]] = [
    (r"webinar series", "webinar series"),
    (r"webinar", "webinar"),
    (r"\bvideo\b|\bTEDMED\b|\bTED\b", "video"),
    (r"e-?learning|education module|web-based module|online module", "e-learning module"),
    (r"\bposters?\b", "posters"),
    (r"\bhandbook\b", "handbook"),
    (r"\bmanual\b", "manual"),
    (r"\bguide(?:book|lines)?\b", "guide"),
    (r"\breport\b", "report"),
    (r"\bCME\b|continuing education|\bcourse\b", "course"),
    (r"\btoolkit\b", "toolkit"),
    (r"\breview\b|\barticle\b|\bjournal\b", "article"),
]


def guess_kind(title: str, description: str | None) -> str:
    """The kind named first in the title, else in the description, else ``website``."""
    for text in (title, description or ""):
        for pattern, kind in _KIND_RULES:
            if re.search(pattern, text, re.I):
                return kind
    return "website"


_ACCESS_SENTENCE = re.compile(
    r"request (?:access|permission)|available for download|\bdownload\b|registration|"
    r"\blog ?in\b|members? only|subscription",
    re.I,
)
_ACCESS_CLAUSE = re.compile(
    r"\b((?:publi(?:c|cal)ly|freely|openly)\s+available\s+(?:for|to)\s+[\w\s]+?)"
    r"(?=\s+and\s+\w+s\s+to\b|[.;]|$)",
    re.I,
)


def _sentences(text: str) -> list[str]:
    return [s.strip() for s in re.split(r"(?<=[.!?”])\s+(?=[A-Z“])", text) if s.strip()]


def access_note(description: str | None) -> str | None:
    """What the text states about getting at the resource (request access, download, …)."""
    if not description:
        return None
    notes = []
    for sentence in _sentences(description):
        clause = _ACCESS_CLAUSE.search(sentence)
        if clause:
            notes.append(clause.group(1))
        elif _ACCESS_SENTENCE.search(sentence):
            notes.append(sentence)
        elif re.search(r"\bon-demand\b", sentence, re.I):
            notes.append("on-demand")
    return " ".join(notes) or None


_CREDENTIALS = {
    "MD", "DO", "MPH", "PhD", "RN", "CPNP", "MEd", "MSW", "LCSW", "JD", "MA", "MS", "MSc",
    "BSN", "NP", "FNP", "PA", "DrPH", "MBA", "FACEP", "FAAP", "SANE", "DNP", "EdD",
}  # fmt: skip
_ROLE_WORDS = {
    "senior", "investigative", "reporter", "former", "national", "culture", "race",
    "director", "professor", "survivor", "hospital", "school", "university", "center",
    "centre", "association", "campaign", "founder", "fellow", "editor", "president",
}  # fmt: skip
_NAME_WORD = r"[A-Z][A-Za-z’'\-]*[a-z]"  # Smith, McClain, O’Neil; not WGBH
_NAME = rf"{_NAME_WORD}(?:\s+(?:[A-Z]\.\s+)?{_NAME_WORD}){{1,2}}"
_LABELLED = re.compile(
    r"(?:moderators?|presenters?|(?:featured\s+)?speakers?|panel(?:ists)?|authors?|"
    r"hosts?|facilitators?)\s*:\s*(?P<list>.+?)(?:(?<!\b[A-Z][a-z])\.(?=\s|$)|$)",
    re.I,
)
_TITLED_NAME = re.compile(rf"\bDr\.?\s+(?P<name>{_NAME})")
_BY_NAME = re.compile(rf"\b(?:video|film|talk|presentation|article)\s+by\s+(?P<name>{_NAME})")


def _is_name(text: str) -> bool:
    if not re.fullmatch(_NAME, text):
        return False
    return not any(word.lower().strip(".") in _ROLE_WORDS for word in text.split())


def _person(item: str) -> str | None:
    """ "Natalie McClain, PhD, RN, CPNP" stays whole; "Holly Smith, Survivor of …" → "Holly Smith"."""
    parts = [p.strip(" .") for p in item.split(",")]
    name = re.sub(r"^(?:Dr\.?|Prof\.?)\s+", "", parts[0])
    if not _is_name(name):
        return None
    credentials = [p for p in parts[1:] if p in _CREDENTIALS]
    return ", ".join([name, *credentials])


def people(description: str | None) -> list[str]:
    """People the text names as presenters, speakers, moderator, panel or authors."""
    if not description:
        return []
    found: list[str] = []

    def add(name: str | None) -> None:
        if name and not any(name == f or f.startswith(name + ",") for f in found):
            found.append(name)

    for match in _LABELLED.finditer(description):
        for item in re.split(r";|\s+and\s+(?=[A-Z][a-z]+\s+[A-Z])", match["list"]):
            add(_person(item))
    for pattern in (_BY_NAME, _TITLED_NAME):
        for match in pattern.finditer(description):
            if _is_name(match["name"]):
                add(match["name"])
    return found


_MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
_FULL_DATE = re.compile(
    rf"(?:\b(?P<verb>recorded|conducted|published|held|presented|aired)\s+(?:on\s+)?)?"
    rf"\b(?P<date>(?:{_MONTHS})\s+\d{{1,2}},\s+\d{{4}})"
)
_MONTH_YEAR = re.compile(rf"\b(?P<date>(?:{_MONTHS})\s+\d{{4}})\b")
_YEAR_THING = re.compile(r"\b(?P<date>(?:19|20)\d{2}\s+(?:report|edition|guide|study|survey|review))\b")


def dates(description: str | None) -> list[str]:
    """Dates the text names: "recorded 2016-07-11", "April 2015", "2015 report"."""
    if not description:
        return []
    found: list[str] = []
    for match in _FULL_DATE.finditer(description):
        iso = datetime.strptime(match["date"].replace(",", ""), "%B %d %Y").date().isoformat()
        found.append(f"{match['verb']} {iso}" if match["verb"] else iso)
    for match in _MONTH_YEAR.finditer(description):
        found.append(match["date"])
    for match in _YEAR_THING.finditer(description):
        found.append(match["date"])
    return found


_PHONE = re.compile(r"(?:\b1[\s.-]?)?\(?\b\d{3}\)?[\s.-]\d{3}[\s.-]\d{4}\b")
_HOTLINE_PHRASE = re.compile(r"\b(?:24-hour|24/7)\s+(?:national\s+)?hotline\s+for\s+[^.,;]+", re.I)


def contacts(description: str | None, names: dict[str, str] | None = None) -> list[str]:
    """Hotlines and phone numbers the text gives, named where the seed says whose."""
    if not description:
        return []
    names = CONTACT_NAMES if names is None else names
    found = []
    for match in _PHONE.finditer(description):
        number = match.group(0)
        found.append(f"{names[number]}: {number}" if number in names else number)
    for match in _HOTLINE_PHRASE.finditer(description):
        found.append(_normalise(match.group(0)))
    return found


def lost_link_note(paragraphs: list[str]) -> str | None:
    """A note for each paragraph that ended with ':' before a link the copy lost."""
    lost = []
    for paragraph in paragraphs:
        for sentence in _sentences(paragraph):
            if sentence.endswith(":"):
                lost.append(sentence)
    if not lost:
        return None
    quoted = "; ".join(f"“{s}”" for s in lost)
    return f"the seed's hyperlink was lost after {quoted}"


# ---------------------------------------------------------------- rows


def _resources(
    text: str, headings: Collection[str] | None = None, facts: SeedFacts = FACTS
) -> list[tuple[str, list[str], Part | None]]:
    """(title, paragraphs, the editorial Part if any) for every resource, in seed order."""
    out: list[tuple[str, list[str], Part | None]] = []
    for entry in _entries(text, headings):
        title = entry.title or _derived_title(entry.paragraphs[0], facts)
        parts = facts.splits.get(resource_id(title))
        if not parts:
            part = None
            if entry.title is None:
                part = Part(title, note="the seed has no title line for this entry (title derived)")
            out.append((title, entry.paragraphs, part))
            continue
        joined = " ".join(entry.paragraphs)
        for part in parts:
            if part.excerpt:
                match = re.search(part.excerpt, joined, re.S)
                paragraphs = [match.group(0)] if match else []
            else:
                paragraphs = [entry.paragraphs[i] for i in part.paragraphs if i < len(entry.paragraphs)]
            out.append((part.title, paragraphs, part))
    return out


def parse_seed(
    text: str, headings: Collection[str] | None = None, facts: SeedFacts | None = None
) -> list[dict[str, Any]]:
    """Rows in the import columns for every resource of a seed text (see the module docstring).

    Keys a resource's text says nothing about are left out; lists are Python
    lists (the store JSON-encodes them). Ids are slugs of the titles, unique and
    the same on every parse, so re-importing updates rather than duplicates.
    ``headings``: the title blocks, when the text was read off a web page that
    marks them (linkhealth/webpage.py); each gets the normalised block text.
    ``facts``: the editorial decisions to apply (default: ``seed/facts.json``).
    """
    facts = FACTS if facts is None else facts
    headings = None if headings is None else {_normalise(h) for h in headings}
    rows: list[dict[str, Any]] = []
    taken: set[str] = set()
    for title, paragraphs, part in _resources(text, headings, facts):
        base = resource_id(title)
        rid, n = base, 2
        while rid in taken:
            rid, n = f"{base}-{n}", n + 1
        taken.add(rid)
        description = "\n\n".join(_normalise(p) for p in paragraphs if p.strip()) or None
        row: dict[str, Any] = {
            "id": rid,
            "title": title,
            "description": description,
            "provider": facts.providers.get(rid),
            "kind": facts.kind_overrides.get(rid) or guess_kind(title, description),
        }
        duration = parse_prose_duration(description or "")
        if duration:
            row.update(
                duration_seconds=duration.seconds,
                duration_text=duration.phrase,
                duration_approximate=int(duration.approximate),
            )
        length = parse_length(description or "")
        if length:
            row.update(length_value=length.value, length_unit=length.unit)
        row["access_note"] = access_note(description)
        row["people"] = people(description) or None
        row["dates"] = dates(description) or None
        row["contacts"] = contacts(description, facts.contact_names) or None
        notes: list[str | None] = [part.note] if part and part.note else []
        if not (part and part.note_names_lost_link):
            notes.append(lost_link_note(paragraphs))
        row["notes"] = "; ".join(n for n in notes if n) or None
        rows.append({k: v for k, v in row.items() if v is not None})
    return rows
