"""The judgment stages as Scrapy item pipelines: thin wrappers over pure functions.

``judge.judge(visit)`` decides the outcome, the gate and a moved visit's new
address; ``metadata.extract_metadata`` reads what the page says about itself.
Neither does I/O, so both are tested from fixture files with no reactor
(tests/test_judge.py, tests/test_metadata.py).
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from twisted.internet.threads import deferToThread

from linkhealth.outcomes import Outcome

from .identity import MISMATCH, UNKNOWN, content_changed, judge_identity, page_fields_of
from .judge import judge
from .metadata import extract_metadata
from .page import Page, page_of
from .pdf import looks_like_pdf, read_pdf_bounded

if TYPE_CHECKING:
    from linkhealth.store import Store

logger = logging.getLogger(__name__)

#: Outcomes whose page is the resource itself (not a gate, an error or a stand-in).
METADATA_OUTCOMES = {Outcome.OK.value, Outcome.MOVED.value}


class JudgePipeline:
    def process_item(self, item, spider=None):
        verdict = judge(item)
        item.outcome = str(verdict.outcome)
        item.gate = str(verdict.gate) if verdict.gate else None
        item.detail = verdict.detail
        item.suggested_url = verdict.suggested_url
        return item


class MetadataPipeline:
    def process_item(self, item, spider=None):
        if item.outcome not in METADATA_OUTCOMES:
            return item
        if looks_like_pdf(item):
            # a PDF is read by a child process with a budget of seconds (pipelines/pdf.py):
            # wait for it on a thread, so the crawl goes on meanwhile
            return deferToThread(self.extract, item)
        return self.extract(item)

    @staticmethod
    def extract(item):
        # one bounded reading of a PDF serves both readers (the child costs more than the reading)
        pdf_facts = (read_pdf_bounded(item.body, with_first_page=True) or {}) if looks_like_pdf(item) else None
        try:
            item.metadata = extract_metadata(item, pdf_facts)
        except Exception:  # a hostile page must never cost the visit itself
            logger.exception("metadata extraction failed for %s", item.url)
            item.metadata = None
        try:
            # HTML: the page model the judge and extraction read, so the body is not parsed
            # again; a PDF (read on a thread) gets a page of its own, leaving the shared
            # last page (page_of) to the crawl's thread
            page = Page(item) if pdf_facts is not None else page_of(item)
            item.page = page_fields_of(page, pdf_facts)
        except Exception:  # as above: the identity judgment then says unknown
            logger.exception("reading the page's identity fields failed for %s", item.url)
            item.page = None
        return item


# ---------------------------------------------------------------- identity
# Is the served page still the catalogued resource (pipelines/identity.py)? The
# judgment compares the page with the catalogue row, so it runs on each batch of
# visit records just before the store writes them (judge_batch, called by
# pipelines/store.py and, for a distributed run, by the one writer): the store
# reads the rows, this module judges, the store writes the values.

#: What the identity judgment sets on every visit record it sees (None on a visit whose
#: page is not served): the four ``checks`` columns, and whether the verdict is news.
IDENTITY_FIELDS = ("identity", "identity_score", "fingerprint", "content_changed", "identity_news")


def _fingerprint(page: Mapping[str, Any]) -> int | None:
    """The page's SimHash, or None when it is missing or not a number (a visit's fields
    may arrive as JSON from another process)."""
    value = page.get("fingerprint")
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def identity_of(page: Any, catalogue: Mapping[str, Any], previous: int | None) -> dict[str, Any]:
    """The identity fields of one served visit: is ``page`` (``page_fields``) still the
    resource ``catalogue`` (title, provider, description) describes, and did its text move
    far from the last good visit's fingerprint ``previous``?

    ``identity_score`` is None when nothing was compared (no page text: a video file, an
    image; or fields too malformed to read); ``content_changed`` is 1, 0, or None when
    there is no pair of fingerprints to compare.
    """
    verdict, score = UNKNOWN, None  # no page text to compare
    if isinstance(page, Mapping) and page:
        try:
            judged = judge_identity(page, catalogue)
            verdict, score = judged.verdict, judged.score
        except Exception:  # noqa: BLE001 - malformed fields must not cost the batch its write
            logger.exception("identity judgment failed for %s", catalogue.get("id"))
    fingerprint = _fingerprint(page) if isinstance(page, Mapping) else None
    changed = content_changed(previous, fingerprint)
    return {
        "identity": verdict,
        "identity_score": score,
        "fingerprint": fingerprint,
        "content_changed": None if changed is None else int(changed),
    }


def judge_identities(visits: list[dict[str, Any]], catalogue: Mapping[str, Mapping[str, Any]]) -> None:
    """Judge the identity of each served visit record (ok, moved) in ``visits``, in place.

    ``catalogue`` maps a resource id to what ``Store.identity_baselines`` reads: the
    catalogue's ``title``, ``provider`` and ``description``, the last ``identity`` and
    the last good visit's ``fingerprint``. Visits of one resource in one batch are judged
    in order, each against what the one before left. ``identity_news`` is True when the
    verdict flips into or out of ``mismatch`` (unknown and match trading places is not
    news): the store then logs the change. Every other visit gets None in each field, so
    a value that came with the record from elsewhere is never written.
    """
    last = {rid: (row.get("identity"), row.get("fingerprint")) for rid, row in catalogue.items()}
    for visit in visits:
        rid = visit.get("resource_id")
        row = catalogue.get(rid) if isinstance(rid, str) else None
        if not isinstance(rid, str) or row is None or visit.get("outcome") not in METADATA_OUTCOMES:
            visit.update(dict.fromkeys(IDENTITY_FIELDS))
            continue
        before, previous = last[rid]
        fields = identity_of(visit.get("page"), row, previous)
        verdict = fields["identity"]
        fields["identity_news"] = verdict != before and MISMATCH in (verdict, before)
        visit.update(fields)
        last[rid] = (verdict, fields["fingerprint"] if fields["fingerprint"] is not None else previous)


def judge_batch(store: Store, visits: list[dict[str, Any]]) -> None:
    """:func:`judge_identities` over a batch of visit records, with their catalogue rows
    read from ``store`` (one query per batch): what runs just before ``Store.record_visits``."""
    served = {v["resource_id"] for v in visits if v.get("outcome") in METADATA_OUTCOMES}
    judge_identities(visits, store.identity_baselines(served) if served else {})
