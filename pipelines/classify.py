"""The judgment stages as Scrapy item pipelines: thin wrappers over pure functions.

``judge.judge(visit)`` decides the outcome, the gate and a moved visit's new
address; ``metadata.extract_metadata`` reads what the page says about itself.
Neither does I/O, so both are tested from fixture files with no reactor
(tests/test_judge.py, tests/test_metadata.py).
"""

from __future__ import annotations

import logging

from twisted.internet.threads import deferToThread

from linkhealth.outcomes import INCONCLUSIVE, Outcome

from .identity import page_fields_of
from .judge import judge
from .metadata import extract_metadata
from .page import Page, page_of
from .pdf import looks_like_pdf, read_pdf_bounded

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


def is_inconclusive(outcome: str) -> bool:
    return Outcome(outcome) in INCONCLUSIVE
