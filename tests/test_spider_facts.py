"""The spider records what happened on the wire, and the judge alone decides what it means.

The spider's records are built here without a reactor (``visit_request`` and
``failed_visit`` are plain methods); the end-to-end crawls in test_hostile.py
serve the same cases over loopback.
"""

from __future__ import annotations

import pytest
from scrapy import Request
from scrapy.exceptions import IgnoreRequest
from scrapy.utils._compression import _DecompressionMaxSizeExceeded
from twisted.python.failure import Failure

from crawler.spiders.resources import ResourcesSpider
from linkhealth.outcomes import Outcome
from linkhealth.visit import Visit
from pipelines.judge import OVER_CAP, judge


def _failed(url: str, exc: BaseException) -> Visit:
    """What the spider records when the request for ``url`` failed with ``exc``."""
    request = Request(url, meta={"resource_id": "r", "catalogue_url": url})
    failure = Failure(exc)
    failure.request = request  # type: ignore[attr-defined]  # as Scrapy sets it for an errback
    return ResourcesSpider().failed_visit(failure)


def test_a_refused_private_address_is_recorded_as_raised_and_judged_invalid():
    """checks.error_class holds the exception that happened (an IgnoreRequest from the
    private-address block); the verdict, invalid_url naming the address, is the judge's."""
    got = _failed(
        "http://intranet.example/",
        IgnoreRequest("AddressRefused: intranet.example resolves to a private address 10.0.0.7"),
    )
    assert got.error_class == "IgnoreRequest"
    verdict = judge(got)
    assert verdict.outcome is Outcome.INVALID_URL
    assert "private address 10.0.0.7" in verdict.detail
    robots = _failed("http://x.example/private", IgnoreRequest("Forbidden by robots.txt"))
    assert robots.error_class == "IgnoreRequest" and judge(robots).outcome is Outcome.ROBOTS_DISALLOWED


def test_a_body_that_inflates_past_the_cap_is_recorded_as_raised_and_judged_served():
    """A compression bomb (or a very large compressed file): Scrapy gives up with an
    IgnoreRequest caused by the inflation cap. The spider records that, and that the body
    went over the cap; the judge calls the file served."""
    try:
        try:
            raise _DecompressionMaxSizeExceeded(40_000_000, 33_554_432)
        except _DecompressionMaxSizeExceeded as cause:
            raise IgnoreRequest(
                "Ignored response <200 http://files.example/big.bin>: exceeded DOWNLOAD_MAXSIZE"
            ) from cause
    except IgnoreRequest as exc:
        got = _failed("http://files.example/big.bin", exc)
    assert got.error_class == "IgnoreRequest" and got.over_cap
    verdict = judge(got)
    assert verdict.outcome is Outcome.OK and verdict.detail == OVER_CAP


@pytest.mark.parametrize(
    "url, reason",
    [
        ("javascript:alert(1)", "javascript: pseudo-URL"),
        ("ftp://example.org/file.pdf", "FTP URL"),
        ("www.example.org/guide", "no scheme"),
    ],
)
def test_an_unfetchable_address_sends_nothing_and_the_judge_names_why(url, reason):
    """Nothing goes on the wire for an address that is not http(s); the spider records no
    error it did not meet, and the judge says what is wrong with the address."""
    got = ResourcesSpider().visit_request({"id": "r", "url": url})
    assert isinstance(got, Visit)
    assert got.status is None and got.error_class is None and got.final_url is None
    verdict = judge(got)
    assert verdict.outcome is Outcome.INVALID_URL and reason in verdict.detail
