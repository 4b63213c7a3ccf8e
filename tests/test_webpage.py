"""Catalogues that live as web pages: ``linkhealth import PAGE.html`` and ``import https://…``.

The seed rebuilt as the web page it was copied from (headings linked, "follow the
link below:" paragraphs followed by their link) must give the same resources as
the text, now with links; two catalogue pages built differently (a definition
list, a table) must read as a maintainer would read them.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from linkhealth.cli import cli
from linkhealth.errors import ImportRefused
from linkhealth.importers import read_rows
from linkhealth.seed import parse_seed
from linkhealth.store import Store
from linkhealth.webpage import fetch_page, page_rows

from .web import Page, Site

ROOT = Path(__file__).resolve().parents[1]
PAGES = ROOT / "tests" / "fixtures" / "catalogue_pages"
SEED_TEXT = (ROOT / "seed" / "education_initiatives.txt").read_text(encoding="utf-8")
SEED_PAGE = (PAGES / "education_initiatives.html").read_text(encoding="utf-8")


def rows_of(html: str, base: str = "") -> dict[str, dict]:
    return {row["id"]: row for _, row in page_rows(html, base)}


def test_the_seed_page_gives_the_texts_resources_with_their_links():
    text_rows = {row["id"]: row for row in parse_seed(SEED_TEXT)}
    page = rows_of(SEED_PAGE, "http://127.0.0.5/education-initiatives")
    assert list(page) == list(text_rows)  # the same resources, ids and order
    for rid, row in page.items():
        expected = {k: v for k, v in text_rows[rid].items() if k not in ("url", "notes")}
        assert {k: v for k, v in row.items() if k not in ("url", "notes", "url_source")} == expected, rid
        assert row["url"].startswith("http://127.0.0.5/"), rid
        assert row["url_source"] == "http://127.0.0.5/education-initiatives"  # where the link was seen
    # the heading's link; the link after "Please follow the link below …:"; a split heading's two links
    assert page["blue-campaign"]["url"] == "http://127.0.0.5/dhs/blue-campaign"
    video = "blue-campaign-video-on-identifying-markers-of-human-trafficking-in-the-clinic"
    assert page[video]["url"] == "http://127.0.0.5/dhs/blue-campaign/clinic-video"
    assert (
        page["netce-cme-on-human-trafficking-and-exploitation"]["url"]
        == "http://127.0.0.5/netce/course-human-trafficking"
    )
    assert page["physicians-against-trafficking-in-humans-path"]["url"] == "http://127.0.0.5/amwa/path"
    # the untitled Polaris entry: "You can find them here:" is its URL, "Explore … here:" a note
    polaris = page["polaris-national-human-trafficking-resource-center-resources-for-health-care"]
    assert polaris["url"] == "http://127.0.0.5/nhtrc/health-care-resources"
    assert "http://127.0.0.5/polaris/" in polaris["notes"]
    # the report named inside Polaris's paragraph is linked there by its title
    report = page["sex-trafficking-in-the-u-s-a-closer-look-at-u-s-citizen-victims"]
    assert report["url"] == "http://127.0.0.5/polaris/sex-trafficking-us-citizen-victims.pdf"
    # an inline link that is not the resource goes to notes; a lost-link note is dropped
    nhs = page["identifying-and-supporting-victims-of-human-trafficking-an-interactive-resource"]
    assert nhs["notes"] == "links in the catalogue page: http://127.0.0.5/nhs/"
    assert "was lost" not in page["rescue-and-restore-posters"].get("notes", "")
    assert "hyperlink" not in page[video]["notes"]


def test_importing_the_page_over_the_text_fills_in_urls_and_never_duplicates(store, tmp_path):
    page_file = tmp_path / "education_initiatives.html"
    page_file.write_text(SEED_PAGE, encoding="utf-8")
    assert store.import_file(ROOT / "seed" / "education_initiatives.txt")["added"] == 33
    counts = store.import_file(page_file)
    assert counts == {"added": 0, "updated": 33, "unchanged": 0}
    assert store.import_file(page_file) == {"added": 0, "updated": 0, "unchanged": 33}
    rows = list(store.db.query("select id, url from resources"))
    assert len(rows) == 33 and all(r["url"].startswith("http://127.0.0.5/") for r in rows)


def test_dry_run_lists_what_would_change_and_writes_nothing(db_path):
    runner = CliRunner()
    assert runner.invoke(cli, ["import", "seed/education_initiatives.txt", "--db", db_path]).exit_code == 0
    result = runner.invoke(cli, ["import", str(PAGES / "education_initiatives.html"), "--db", db_path, "--dry-run"])
    assert result.exit_code == 0, result.output
    assert "would update blue-campaign:" in result.output
    assert "url: https://www.dhs.gov/blue-campaign → http://127.0.0.5/dhs/blue-campaign" in result.output
    assert "0 would be added, 33 would be updated" in result.output
    store = Store(db_path)
    try:
        assert store.resource("blue-campaign")["url"] == "https://www.dhs.gov/blue-campaign"
        assert store.db["resources"].count == 33
        assert store.db.execute("select count(*) from changes").fetchone()[0] == 0
    finally:
        store.close()


def test_a_definition_list_page():
    rows = rows_of((PAGES / "definition_list.html").read_text(encoding="utf-8"), "http://127.0.0.6/guide")
    assert (
        {rid: row.get("url") for rid, row in rows.items()}
        == {
            "soar-online-stop-observe-ask-and-respond": "http://127.0.0.6/soar/online",  # the dt's link
            "human-trafficking-awareness-for-nurses": "http://127.0.0.6/board/nursing/ht-awareness",  # "follow the link below:"
            "child-trafficking-recognition-and-response": "http://127.0.0.6/aap/trafficking-module",
            "labor-trafficking-in-health-care-settings": "http://127.0.0.6/heal/videos/labor-trafficking",  # "Watch it here"
        }
    )  # the introduction under the h1 is no resource
    child = rows["child-trafficking-recognition-and-response"]
    assert child["notes"] == "links in the catalogue page: http://127.0.0.6/aap/"
    assert child["description"].startswith("An interactive module from the American Academy of Pediatrics")
    nurses = rows["human-trafficking-awareness-for-nurses"]
    assert nurses["duration_seconds"] == 7200 and "Registration is required" in nurses["access_note"]
    assert "http" not in nurses["description"] and "notes" not in nurses
    assert rows["soar-online-stop-observe-ask-and-respond"]["duration_seconds"] == 3600


def test_a_table_page():
    rows = rows_of((PAGES / "table.html").read_text(encoding="utf-8"), "http://127.0.0.7/training")
    assert {rid: row.get("url") for rid, row in rows.items()} == {
        "recognizing-human-trafficking-in-emergency-departments": "http://127.0.0.7/hospitals/ed-trafficking-webinar",
        "human-trafficking-pocket-guide-for-providers": "http://127.0.0.7/health/ht-pocket-guide.pdf",
        "trauma-informed-care-for-trafficking-survivors": "http://127.0.0.7/ntc/trauma-informed-care",
    }
    assert rows["recognizing-human-trafficking-in-emergency-departments"]["kind"] == "webinar"
    assert rows["recognizing-human-trafficking-in-emergency-departments"]["duration_seconds"] == 45 * 60
    guide = rows["human-trafficking-pocket-guide-for-providers"]
    assert guide["contacts"] == ["National Human Trafficking Hotline: 1 (888) 373-7888"]
    assert rows["trauma-informed-care-for-trafficking-survivors"]["notes"] == (
        "links in the catalogue page: http://127.0.0.7/ntc/"
    )


def test_a_page_without_headings_is_refused(tmp_path):
    page = tmp_path / "list.html"
    page.write_text("<html><body><p>Just a paragraph.</p></body></html>", encoding="utf-8")
    with pytest.raises(ImportRefused, match="no headings"):
        read_rows(page)


@pytest.fixture
def catalogue_site():
    agents: list[str] = []

    def page(handler):
        agents.append(handler.headers.get("User-Agent", ""))
        handler.send_page(Page(SEED_PAGE))

    site = Site("127.0.0.5", routes={"/education-initiatives": page}, robots="User-agent: *\nDisallow: /private/\n")
    site.routes["/private/list"] = Page(SEED_PAGE)
    with site:
        yield site, agents


def test_import_from_a_url_fetches_once_with_our_user_agent(catalogue_site, db_path):
    site, agents = catalogue_site
    runner = CliRunner()
    runner.invoke(cli, ["import", "seed/education_initiatives.txt", "--db", db_path])
    result = runner.invoke(cli, ["import", site.url("/education-initiatives"), "--db", db_path])
    assert result.exit_code == 0, result.output
    assert "0 added, 33 updated" in result.output
    assert len(agents) == 1 and agents[0].startswith("linkhealth/")
    assert "/robots.txt" in site.hits
    store = Store(db_path)
    try:
        assert store.resource("blue-campaign")["url"] == "http://127.0.0.5/dhs/blue-campaign"
    finally:
        store.close()


def test_a_page_robots_txt_forbids_is_not_fetched(catalogue_site):
    site, _ = catalogue_site
    with pytest.raises(ImportRefused, match="robots.txt"):
        fetch_page(site.url("/private/list"))
    assert "/private/list" not in site.hits


def test_a_page_whose_headings_are_bold_paragraphs():
    rows = rows_of((PAGES / "bold_paragraphs.html").read_text(encoding="utf-8"), "http://127.0.0.8/resources")
    toolkit = "heal-trafficking-protocol-toolkit-for-developing-a-response-to-victims-of-human"
    assert {rid: row.get("url") for rid, row in rows.items()} == {
        toolkit: "http://127.0.0.8/heal/protocol-toolkit",
        "look-beneath-the-surface": "http://127.0.0.8/acf/look-beneath-the-surface",  # "… here: <link>"
    }
    assert rows["look-beneath-the-surface"]["notes"] == "links in the catalogue page: http://127.0.0.8/acf/es"
    assert rows[toolkit]["kind"] == "toolkit"
