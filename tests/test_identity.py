"""Identity on every visit: is the served page still the catalogued resource?

The judgment (pipelines/identity.py) on the labelled pairs of
``tests/fixtures/identity/``, the fingerprint, and what the store, the report
and Datasette make of it. Neither finding may change health.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from linkhealth.report import build_report, render_report
from linkhealth.serve import make_datasette
from linkhealth.store import Store
from pipelines.classify import judge_batch, judge_identities
from pipelines.identity import content_changed, judge_identity, page_fields, simhash, simhash_distance

from .identity_pairs import judged, load_pairs, precision_recall
from .web import Page, Site

ROOT = Path(__file__).resolve().parents[1]

#: The held-out figures docs/identity.md reports; the held-out half must stay at or above them.
HELD_OUT_FLOOR = {"mismatch": (1.00, 0.954), "match": (0.952, 0.952)}
#: Tuning pairs no rule got right, with the verdict they get (never the opposite label).
KNOWN_TUNING_MISSES = {"b2-handbook-for-facilitator-guide": "unknown"}


@pytest.fixture(scope="module")
def results():
    return judged(load_pairs())


def test_the_pairs_cover_what_the_issue_names(results):
    categories = {p["category"] for p, _ in results}
    assert len(results) >= 80
    assert {"reworded", "same_site_other", "listing", "parked", "annual_report", "events_listing", "pdf"} <= categories
    halves = [p["half"] for p, _ in results]
    assert 25 <= halves.count("tune") <= 45


def test_the_tuning_half_is_judged_as_labelled(results):
    wrong = [
        (p["name"], p["label"], v.verdict, v.reason)
        for p, v in results
        if p["half"] == "tune" and v.verdict != p["label"] and KNOWN_TUNING_MISSES.get(p["name"]) != v.verdict
    ]
    assert wrong == []


@pytest.mark.parametrize("label", ["mismatch", "match"])
def test_the_held_out_half_stays_above_the_reported_figures(results, label):
    held = [(p, v) for p, v in results if p["half"] == "held_out"]
    precision, recall, _, _ = precision_recall(held, label)
    floor_p, floor_r = HELD_OUT_FLOOR[label]
    assert precision >= floor_p - 1e-9 and recall >= floor_r - 1e-9, (precision, recall)


CATALOGUE = {
    "title": "Caring for Trafficked Persons: A Guide for Health Providers",
    "provider": "International Organization for Migration",
    "description": "The International Organization for Migration created this guide with support from the "
    "UN Global Initiative to Fight Human Trafficking. It provides advice for health providers on caring "
    "for trafficked persons, their safety and referral.",
}
TEXT = (
    "This handbook offers practical guidance to help concerned health providers understand human "
    "trafficking, recognize associated health problems, and care safely for trafficked persons and referral."
)


@pytest.mark.parametrize(
    "title",
    [
        "Caring for Trafficked Persons: A Guide for Health Providers | IOM Publications Platform",  # site name
        "IOM - Caring for Trafficked Persons: A Guide for Health Providers",  # site name first
        "A Guide for Health Providers: Caring for Trafficked Persons",  # reordered
        "Caring for trafficked persons: guidance for health providers",  # reworded
        "Caring for Trafficked Persons: A Guide for Health Providers (2009 edition, with annexes)",  # subtitle
    ],
)
def test_decorated_reordered_and_reworded_titles_still_match(title):
    page = {"title": title, "headings": [], "description": None, "text": TEXT}
    assert judge_identity(page, CATALOGUE).verdict == "match"


def test_another_thing_at_the_address_is_a_mismatch_and_a_bare_page_unknown():
    report = {
        "title": "IOM Annual Report 2023",
        "headings": ["Annual Report 2023"],
        "text": "The Annual Report presents our activities, results and finances for 2023. Offices, budget, staff.",
    }
    assert judge_identity(report, CATALOGUE).verdict == "mismatch"
    parked = {"title": "caringfortrafficked.org", "text": "This domain may be for sale. Buy this domain today."}
    assert judge_identity(parked, CATALOGUE).verdict == "mismatch"
    shell = {"title": "", "headings": [], "text": "Loading…"}
    assert judge_identity(shell, CATALOGUE).verdict == "unknown"


def test_fingerprint_moves_little_for_an_edit_and_far_for_other_text():
    base = " ".join(
        f"Sentence {i} explains how health providers care for trafficked persons safely." for i in range(40)
    )
    edited = base.replace("Sentence 7 explains", "Sentence seven now explains")
    other = " ".join(
        f"Item {i}: our annual report shows budget, offices and staff growth this year." for i in range(40)
    )
    assert simhash(base) == simhash(base)
    assert simhash_distance(simhash(base), simhash(edited)) <= 6
    assert simhash_distance(simhash(base), simhash(other)) > 12
    assert content_changed(simhash(base), simhash(edited)) is False
    assert content_changed(simhash(base), simhash(other)) is True
    assert content_changed(None, simhash(base)) is None
    assert -(2**63) <= simhash(other) < 2**63  # fits SQLite's INTEGER
    # a short, repetitive text still gets a fingerprint, far from another one's
    short_a, short_b = (
        simhash("Annual report 2026: finances. " * 5),
        simhash("A guide for clinicians, step by step. " * 5),
    )
    assert short_a is not None and short_b is not None and content_changed(short_a, short_b) is True


def test_page_fields_read_main_text_not_navigation_and_a_pdfs_first_page():
    pairs = {p["name"]: p for p in load_pairs()}
    html_page = pairs["iom-annual-report"]
    fields = page_fields(html_page["body"], html_page["content_type"])
    assert fields["title"] == "IOM Annual Report 2023 | International Organization for Migration"
    assert "Annual Report presents" in fields["text"] and "Privacy policy" not in fields["text"]
    pdf = pairs["pdf-untitled-meta-handbook"]
    fields = page_fields(pdf["body"], pdf["content_type"])
    assert fields["title"] is None  # "Microsoft Word - manual_final_v3.doc" is no title
    assert "Training Manual" in fields["headings"][0]
    assert isinstance(fields["fingerprint"], int)


# ---------------------------------------------------------------- the store, the report, Datasette


def _visit(rid, page, run, at, outcome="ok"):
    return {
        "resource_id": rid,
        "run_id": run,
        "url": f"https://example.org/{rid}",
        "outcome": outcome,
        "status_code": 200,
        "checked_at": at,
        "page": page,
    }


def _page(title, text):
    return {"title": title, "headings": [title], "description": None, "text": text, "fingerprint": simhash(text)}


def _record(store, visits):
    """What the crawl's store pipeline does with a batch: judge identity, then write."""
    judge_batch(store, visits)
    return store.record_visits(visits)


GUIDE_TEXT = " ".join([TEXT] * 6)
REPORT_TEXT = " ".join(
    [
        "The Annual Report presents our activities, results and finances for 2023, "
        "with budget figures for every regional office and staff numbers."
    ]
    * 6
)


@pytest.fixture
def judged_store(store):
    store.import_rows([("t", {"id": "guide", "url": "https://example.org/guide", **CATALOGUE})])
    run = store.start_run()
    _record(store, [_visit("guide", _page(CATALOGUE["title"], GUIDE_TEXT), run, "2026-11-01T02:00:00+00:00")])
    store.finish_run(run)
    run = store.start_run()
    _record(store, [_visit("guide", _page("IOM Annual Report 2023", REPORT_TEXT), run, "2026-11-02T02:00:00+00:00")])
    store.finish_run(run)
    return store


def test_every_served_visit_gets_an_identity_and_the_mismatch_leaves_health_alone(judged_store):
    checks = list(
        judged_store.db.query("select identity, identity_score, fingerprint, content_changed from checks order by id")
    )
    assert [c["identity"] for c in checks] == ["match", "mismatch"]
    assert checks[0]["identity_score"] > checks[1]["identity_score"]
    assert all(isinstance(c["fingerprint"], int) for c in checks)
    assert [c["content_changed"] for c in checks] == [None, 1]
    row = judged_store.resource("guide")
    assert row["identity"] == "mismatch" and row["health"] == "healthy"
    assert row["content_changed_at"] == "2026-11-02T02:00:00+00:00"
    fields = [r["field"] for r in judged_store.db.query("select field from changes where source = 'crawl'")]
    assert "content" in fields and "identity" in fields


def test_a_served_visit_without_page_text_is_unknown_and_a_failure_gets_none(store):
    store.import_rows([("t", {"id": "v", "url": "https://example.org/v.mp4", "title": "A video"})])
    run = store.start_run()
    _record(
        store,
        [
            _visit("v", None, run, "2026-11-01T02:00:00+00:00"),
            _visit("v", None, run, "2026-11-01T03:00:00+00:00", outcome="not_found"),
        ],
    )
    assert [c["identity"] for c in store.db.query("select identity from checks order by id")] == ["unknown", None]


def test_the_report_lists_the_mismatch_and_the_change_in_every_format(judged_store):
    data = build_report(judged_store, archive=False, now="2026-11-02T09:00:00+00:00")
    assert [i["id"] for i in data["identity"]] == ["guide"]
    assert [i["id"] for i in data["content_changed"]] == ["guide"]
    assert data["summary"]["identity"] == 1 and data["summary"]["content_changed"] == 1
    for fmt in ("terminal", "md", "html"):
        text = render_report(data, fmt)
        assert "may no longer be this resource" in text.lower(), fmt
        assert "changed substantially" in text.lower(), fmt
    assert "identity,guide," in render_report(data, "csv")


async def test_datasette_canned_query_lists_the_mismatch(judged_store, db_path):
    judged_store.close()
    ds = make_datasette(db_path)
    await ds.invoke_startup()
    try:
        response = await ds.client.get("/catalogue/identity_review.json?_shape=array")
        assert response.status_code == 200, response.text
        rows = response.json()
        assert [(r["id"], r["identity"], r["content_changed"]) for r in rows] == [("guide", "mismatch", 1)]
    finally:
        for database in ds.databases.values():
            database.close()


def test_a_real_crawl_fills_identity_on_each_served_visit(db_path):
    """Through Scrapy, the pipelines and the store: a page that is the resource, and one that is not."""
    site = Site("127.0.0.2")
    site.routes.update(
        {
            "/guide": Page(
                f"<html><head><title>{CATALOGUE['title']} | IOM</title></head>"
                f"<body><main><h1>{CATALOGUE['title']}</h1><p>{TEXT}</p></main></body></html>"
            ),
            "/handbook": Page(
                "<html><head><title>Annual Report 2023 | IOM</title></head><body><main>"
                "<h1>Annual Report 2023</h1><p>" + REPORT_TEXT + "</p></main></body></html>"
            ),
            "/gone": Page("<html><title>Not found</title></html>", status=404),
        }
    )
    site.start()
    try:
        store = Store(db_path)
        store.import_rows(
            [
                ("t", {"id": "guide", "url": f"{site.base}/guide", **CATALOGUE}),
                (
                    "t",
                    {
                        "id": "handbook",
                        "url": f"{site.base}/handbook",
                        **CATALOGUE,
                        "title": "Handbook on Direct Assistance",
                    },
                ),
                ("t", {"id": "gone", "url": f"{site.base}/gone", "title": "Gone"}),
            ]
        )
        store.close()
        subprocess.run(
            [
                sys.executable,
                "-m",
                "linkhealth",
                "check",
                "--db",
                db_path,
                "-s",
                "AUTOTHROTTLE_ENABLED=False",
                "-s",
                "LINKHEALTH_PROGRESS=False",
                "-s",
                "LINKHEALTH_SOFT404_PROBE=False",
            ],
            capture_output=True,
            text=True,
            timeout=180,
            cwd=ROOT,
            check=False,
        )
        store = Store(db_path)
        got = {r["resource_id"]: (r["outcome"], r["identity"]) for r in store.db.query("select * from checks")}
        store.close()
    finally:
        site.stop()
    assert got == {"guide": ("ok", "match"), "handbook": ("ok", "mismatch"), "gone": ("not_found", None)}


def test_malformed_page_fields_are_unknown_and_the_visit_is_still_recorded(store):
    """A visit's fields arrive from another process (Redis JSON): odd values cost nothing but the verdict."""
    store.import_rows([("t", {"id": "odd", "url": "https://example.org/odd", "title": "Odd"})])
    run = store.start_run()
    page = {"title": 42, "headings": "not a list", "text": ["nor", "text"], "fingerprint": None}
    assert _record(store, [_visit("odd", page, run, "2026-11-01T02:00:00+00:00")]) == 1
    assert store.resource("odd")["health"] == "healthy"
    assert [c["identity"] for c in store.db.query("select identity from checks")] == ["unknown"]


# ---------------------------------------------------------------- reading the page once


def test_the_crawls_pipelines_parse_each_page_once_identity_included(monkeypatch):
    """The judge, metadata extraction and the identity check read one parse of the body."""
    import lxml.etree

    from linkhealth.visit import Visit
    from pipelines.classify import JudgePipeline, MetadataPipeline

    parses = []
    real = lxml.etree.fromstring

    def counting(*args, **kwargs):
        parses.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(lxml.etree, "fromstring", counting)
    pair = {p["name"]: p for p in load_pairs()}["iom-annual-report"]
    url = "https://www.iom.int/annual-report-2023"
    item = Visit(
        resource_id="r",
        url=url,
        final_url=url,
        status=200,
        body=pair["body"],
        encoding="utf-8",
        headers={"content-type": pair["content_type"]},
    )
    item = MetadataPipeline().process_item(JudgePipeline().process_item(item))
    assert item.outcome == "ok" and item.metadata and item.page
    assert len(parses) == 1
    assert item.page == page_fields(pair["body"], pair["content_type"], "utf-8")


def test_the_judgment_splits_a_crawled_pages_text_once_and_stems_only_the_catalogues_words(monkeypatch):
    """The fingerprint splits a served page's text into words in the crawl's pipeline; the
    judgment, later in the same process, reuses those words rather than splitting the text
    again, and stems only the catalogue entry's words, not each of the page's. Its verdict
    is the one the page's fields get when they come from elsewhere (JSON, another process)."""
    import pipelines.identity as identity
    from linkhealth.visit import Visit
    from pipelines.classify import JudgePipeline, MetadataPipeline

    catalogue = {
        "title": "Caring for Trafficked Persons: Guidance for Health Providers",
        "provider": "International Organization for Migration",
        "description": "A handbook for health providers on caring for trafficked persons safely.",
    }
    prose = " ".join(f"Section {i} discusses clinical topic{i} and referral{i}." for i in range(200))
    body = (
        "<html><head><title>Caring for Trafficked Persons | IOM</title></head><body><nav>Home About</nav>"
        f"<main><h1>Caring for Trafficked Persons</h1><p>Guidance for health providers. {prose}</p></main>"
        "</body></html>"
    ).encode()
    url = "https://www.iom.int/caring-for-trafficked-persons"
    item = Visit(
        resource_id="r",
        url=url,
        final_url=url,
        status=200,
        body=body,
        encoding="utf-8",
        headers={"content-type": "text/html; charset=utf-8"},
    )
    item = MetadataPipeline().process_item(JudgePipeline().process_item(item))
    text = item.page["text"]
    assert len(identity.word_set(text)) > 400
    split, stemmed = [], []
    real_tokens, real_stem = identity._tokens, identity._stem
    monkeypatch.setattr(identity, "_tokens", lambda t, *a: split.append(t) or real_tokens(t, *a))
    monkeypatch.setattr(identity, "_stem", lambda w: stemmed.append(w) or real_stem(w))
    verdict = judge_identity(item.page, catalogue)
    assert verdict.verdict == "match"
    assert not any(text in t for t in split)
    assert len(stemmed) < 60
    assert verdict == judge_identity(dict(item.page), catalogue)
    assert verdict == judge_identity(json.loads(json.dumps(item.page)), catalogue)


@pytest.mark.parametrize(
    "text",
    [
        "Stories of survivors: a story, storys and the news of its classes; the class's glass.",
        "Caf\u00e9 cr\u00e8me & co\u2019s guide: \u00bd day for policies, a policy and the flies",
        "the a an of",
        " ".join(f"w{i}" for i in range(30)),
        "buses bus bu ies yies y ys",
    ],
)
def test_the_words_the_judgment_finds_are_those_of_the_pages_word_set(text):
    """The judgment looks up the catalogue's words among the page's tokens instead of
    stemming every token: it must find what the page's word set holds, and count as it does."""
    from pipelines.identity import _tokens, _words_found, word_set

    page_words = word_set(text)
    wanted = sorted(page_words | {"story", "survivor", "new", "class", "policy", "fly", "bus", "y", "absent", "ie"})
    for at_least in (1, 8, 20):
        found, enough = _words_found(set(_tokens(text)), wanted, at_least)
        assert found == {w for w in wanted if w in page_words}
        assert enough == (len(page_words) >= at_least)


def test_a_binary_file_that_is_not_a_pdf_is_not_compared():
    """A Word document or an archive has no page text: its bytes read as HTML gave the
    judgment random words to call a mismatch."""
    docx = b"PK\x03\x04\x14\x00\x06\x00" + bytes(range(256)) * 8 + b"word/document.xml Annual Report Budget"
    assert page_fields(docx, "application/vnd.openxmlformats-officedocument.wordprocessingml.document") is None
    assert page_fields(docx, "application/octet-stream") is None


def test_fingerprints_stay_what_earlier_visits_stored():
    """The store compares each visit's fingerprint with the one stored from the last good
    visit: the same text must give the same number after any change to how it is computed."""
    assert simhash(TEXT) == FINGERPRINT_OF_TEXT
    assert simhash("Caf\u00e9 cr\u00e8me & co\u2019s guide: \u00bd day") == FINGERPRINT_OF_ACCENTS
    assert simhash(" ".join(f"w{i * 7919 % 10007}" for i in range(3000))) == FINGERPRINT_OF_LONG_TEXT


def test_fingerprints_do_not_depend_on_the_word_hashes_kept(monkeypatch):
    """Word hashes are kept across pages, and the store emptied when full: a fingerprint
    must come out the same with the store cold, warm, or emptied while it is taken."""
    import pipelines.identity as identity

    monkeypatch.setattr(identity, "_WORD_HASH", type(identity._WORD_HASH)())
    assert simhash(TEXT) == FINGERPRINT_OF_TEXT  # cold
    assert simhash(TEXT) == FINGERPRINT_OF_TEXT  # warm
    monkeypatch.setattr(identity, "WORD_HASHES", 5)  # emptied on every page
    assert simhash(" ".join(f"w{i * 7919 % 10007}" for i in range(3000))) == FINGERPRINT_OF_LONG_TEXT
    assert simhash("Caf\u00e9 cr\u00e8me & co\u2019s guide: \u00bd day") == FINGERPRINT_OF_ACCENTS
    assert len(identity._WORD_HASH) <= 1500


def test_placeholder_pages_are_told_whatever_their_case_and_letters():
    """The placeholder wording is looked for only on texts holding one of its words; the
    pattern ignores case, so its words are looked for lower-cased, and letters that match
    an ASCII letter only when case is ignored (long s, dotless i, the Kelvin sign) send the
    text to the pattern itself."""
    import random

    from pipelines.identity import _PLACEHOLDER, _is_placeholder

    for text in (
        "THIS DOMAIN IS FOR SALE",
        "This domain is for \u017fale",
        "Under Constructıon",
        "\u212aeep calm: coming soon",
        "Buy this domain \u2014 HugeDomains.com",
    ):
        page = {"title": "Welcome", "headings": [], "description": None, "text": f"{text}. " + "words " * 40}
        assert judge_identity(page, CATALOGUE).verdict == "mismatch", text
    pieces = [
        "this domain",
        " is ",
        "for sale",
        "f\u00f6r \u017fale",
        "make an offer",
        "related searches",
        "Coming Soon",
        "parked free",
        "hugedomains",
        "available",
        "\u0130",
        "\u0131",
        "\u212a",
        "x",
        " ",
    ]
    rnd = random.Random(5)
    for _ in range(5000):
        text = "".join(rnd.choice(pieces) for _ in range(rnd.randint(0, 6)))
        assert _is_placeholder(text) == bool(_PLACEHOLDER.search(text)), text


#: What these texts' fingerprints have been since the judgment shipped (git 94af0b9 computed them).
FINGERPRINT_OF_TEXT = -1854276729535147336
FINGERPRINT_OF_ACCENTS = -6214877958424498700
FINGERPRINT_OF_LONG_TEXT = -2877052688915709152  # 3,000 distinct words, of which 1,500 are read


def test_the_store_writes_the_judged_identity_and_judges_nothing_itself(store):
    """The judgment is the pipeline's: the store writes the values a visit carries, and a
    visit that carries none leaves identity alone however telling its page."""
    store.import_rows([("t", {"id": "guide", "url": "https://example.org/guide", **CATALOGUE})])
    run = store.start_run()
    visit = _visit("guide", _page("IOM Annual Report 2023", REPORT_TEXT), run, "2026-11-01T02:00:00+00:00")
    store.record_visits([visit])
    assert store.resource("guide")["identity"] is None
    visit = {
        **_visit("guide", None, run, "2026-11-02T02:00:00+00:00"),
        "identity": "mismatch",
        "identity_score": 0.125,
        "fingerprint": 7,
        "content_changed": 0,
        "identity_news": True,
    }
    store.record_visits([visit])
    checks = list(
        store.db.query("select identity, identity_score, fingerprint, content_changed from checks order by id")
    )
    assert checks == [
        {"identity": None, "identity_score": None, "fingerprint": None, "content_changed": None},
        {"identity": "mismatch", "identity_score": 0.125, "fingerprint": 7, "content_changed": 0},
    ]
    row = store.resource("guide")
    assert (row["identity"], row["fingerprint"]) == ("mismatch", 7)
    assert [c["new_value"] for c in store.db.query("select new_value from changes where field = 'identity'")] == [
        "mismatch"
    ]


def test_the_batch_judgment_follows_one_resource_through_the_batch_and_clears_the_rest():
    """Two served visits of one resource in a batch: the second is compared with the first's
    fingerprint and verdict. A visit whose page was not served gets no identity, even one
    that arrived (from a worker's JSON) with values of its own."""
    catalogue = {"guide": {**CATALOGUE, "identity": "match", "fingerprint": simhash(GUIDE_TEXT)}}
    visits = [
        _visit("guide", _page(CATALOGUE["title"], GUIDE_TEXT), 1, "2026-11-01T02:00:00+00:00"),
        _visit("guide", _page("IOM Annual Report 2023", REPORT_TEXT), 1, "2026-11-01T03:00:00+00:00"),
        {
            **_visit("guide", None, 1, "2026-11-01T04:00:00+00:00", outcome="not_found"),
            "identity": "match",
            "identity_score": 1.0,
            "fingerprint": 1,
            "content_changed": 1,
        },
        _visit("unknown-id", _page(CATALOGUE["title"], GUIDE_TEXT), 1, "2026-11-01T05:00:00+00:00"),
    ]
    judge_identities(visits, catalogue)
    got = [(v["identity"], v["content_changed"], v["identity_news"]) for v in visits]
    assert got == [("match", 0, False), ("mismatch", 1, True), (None, None, None), (None, None, None)]
    assert visits[1]["fingerprint"] == simhash(REPORT_TEXT) and visits[2]["fingerprint"] is None
