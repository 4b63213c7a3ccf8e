"""Gates worded in languages the corpus has few pages in, and as platforms outside the corpus
word them (tests/fixtures/gate_languages/cases.json).

A catalogue of health-professional trainings links to platforms in any country; a sign-in,
private-video, request-access, registration, paywall, geography or robot-check page in
Russian, Turkish, Czech, Hungarian, Greek, Indonesian, Vietnamese, Arabic, Hebrew,
Scandinavian languages, Chinese, Japanese or Korean must be judged as the same page in
English would be; the ``en-`` cases are English pages of kinds the corpus has few of (a
private publication or group, a federation's "Select your home organisation", a session
that expired, a priced CME subscription). Each case is a short page: its ``<title>``, the
``body`` of its main content, its ``lang`` and, when not 200, its ``status``. The ``neg-`` cases are served pages that say the same words
about something else (sign in *to comment*, a help text, a header's "Log in" link, a
sidebar's price) and must stay ``ok``.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from linkhealth.visit import Visit
from pipelines.judge import judge

from .gatecorpus import verdict_label

CASES = json.loads((Path(__file__).parent / "fixtures" / "gate_languages" / "cases.json").read_text(encoding="utf-8"))


def _visit(case: dict) -> Visit:
    html = (
        f'<!DOCTYPE html><html lang="{case["lang"]}"><head><meta charset="utf-8"><title>{case["title"]}</title>'
        f'</head><body><header><nav><a href="/">Home</a></nav></header><main>{case["body"]}</main>'
        f"<footer>© 2026</footer></body></html>"
    )
    url = f"https://{case['lang']}.example.org/resources/{case['name']}"
    return Visit(
        resource_id=case["name"],
        url=url,
        final_url=url,
        status=case.get("status", 200),
        headers={"content-type": "text/html; charset=utf-8"},
        redirect_chain=[],
        body=html.encode("utf-8"),
    )


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_a_gate_is_judged_the_same_in_any_language(case):
    assert verdict_label(judge(_visit(case))) == case["expected"]


def test_every_kind_is_in_several_languages():
    kinds = {c["expected"] for c in CASES}
    assert kinds >= {"login", "private", "request_access", "registration", "paywall", "forbidden", "blocked", "ok"}
    assert len({c["lang"] for c in CASES}) >= 15
