"""The seed's editorial facts, read from data (``seed/facts.json``).

What the seed text cannot say for itself (which entries are two resources,
who published each one, which kind the keyword rule would get wrong, whose
phone number is named) was decided by reading, entry by entry. Those
decisions are data, keyed by resource id, kept beside the seed text they
describe, so that correcting a provider is an edit to a reviewed data file
and not to the importer's code. The reasons for each are in
``linkhealth/seed.py``'s docstring and in the ``why`` of each kind override.

The file holds one JSON object::

    untitled_titles  {opening words of an untitled entry: its title}
    splits           {id of a seed entry: [part, ...]}, a part being
                     {title, paragraphs?: [index, ...], excerpt?: regex,
                      note?: text, note_names_lost_link?: bool}
    providers        {id: the organisation behind the resource}
    kind_overrides   {id: {kind, why}}
    contact_names    {phone number as written: whose line it is}
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

__all__ = ["FACTS_FILE", "Part", "SeedFacts", "load_facts", "parse_facts"]

#: The reviewed facts about ``seed/education_initiatives.txt``.
FACTS_FILE = Path(__file__).resolve().parents[1] / "seed" / "facts.json"


@dataclass(frozen=True)
class Part:
    """One resource cut out of a seed entry: its title and which text describes it.

    ``paragraphs`` are indices into the entry's paragraphs; ``excerpt`` is a
    regex whose first match in the entry's text is the description instead.
    """

    title: str
    paragraphs: tuple[int, ...] = ()
    excerpt: str | None = None
    note: str | None = None
    #: the note already says which hyperlink was lost (no generic lost-link note)
    note_names_lost_link: bool = False


@dataclass(frozen=True)
class SeedFacts:
    """The editorial tables the seed importer applies, each keyed as the module docstring says."""

    untitled_titles: dict[str, str] = field(default_factory=dict)
    splits: dict[str, tuple[Part, ...]] = field(default_factory=dict)
    providers: dict[str, str] = field(default_factory=dict)
    kind_overrides: dict[str, str] = field(default_factory=dict)
    contact_names: dict[str, str] = field(default_factory=dict)


def _part(raw: dict[str, Any]) -> Part:
    return Part(
        title=raw["title"],
        paragraphs=tuple(raw.get("paragraphs", ())),
        excerpt=raw.get("excerpt"),
        note=raw.get("note"),
        note_names_lost_link=bool(raw.get("note_names_lost_link", False)),
    )


def parse_facts(data: dict[str, Any]) -> SeedFacts:
    """The facts of a decoded facts file (missing tables are empty)."""
    overrides = data.get("kind_overrides", {})
    return SeedFacts(
        untitled_titles=dict(data.get("untitled_titles", {})),
        splits={rid: tuple(_part(p) for p in parts) for rid, parts in data.get("splits", {}).items()},
        providers=dict(data.get("providers", {})),
        kind_overrides={rid: (o["kind"] if isinstance(o, dict) else o) for rid, o in overrides.items()},
        contact_names=dict(data.get("contact_names", {})),
    )


def load_facts(path: str | Path = FACTS_FILE) -> SeedFacts:
    """The facts in ``path``; none at all where the file is absent (an installed copy without ``seed/``)."""
    path = Path(path)
    if not path.is_file():
        return SeedFacts()
    return parse_facts(json.loads(path.read_text(encoding="utf-8")))
