"""linkhealth/seed.py over the real seed (a verbatim copy in tests/fixtures)."""

import json
from pathlib import Path

import pytest

from linkhealth.importers import IMPORT_COLUMNS
from linkhealth.seed import (
    KIND_OVERRIDES,
    KINDS,
    PROVIDERS,
    SPLITS,
    looks_like_title,
    parse_seed,
)
from linkhealth.store import Store

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "education_initiatives.txt"
SHIPPED = Path(__file__).resolve().parents[1] / "seed" / "education_initiatives.txt"


@pytest.fixture(scope="module")
def rows():
    return parse_seed(FIXTURE.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def by_title(rows):
    return {row["title"]: row for row in rows}


# Every resource of the seed, in seed order: title, kind, duration_seconds.
EXPECTED = [
    ("APSAC Practice Guidelines", "report", None),
    ("Blue Campaign", "website", None),
    ("Blue Campaign: video on identifying markers of human trafficking in the clinic setting", "video", None),
    ("Caring for Trafficked Persons: A Guide for Health Providers", "guide", None),
    ("Caring for Trafficked Persons: Guidance for Health Provider’s Facilitators Guide", "guide", None),
    (
        "Catholic Health Initiatives (CHI): Human Trafficking and the Role of the Health Provider",
        "e-learning module",
        1500,
    ),
    ("Child Family Health International: Conversations in Global Health", "webinar series", None),
    ("Confronting Commercial Sexual Exploitation and Sex Trafficking of Minors in the U.S.", "report", None),
    ("Domestic Violence with a Special Focus on Human Trafficking", "article", None),
    ("Essential Access Health’s webinar on Addressing Human Trafficking in Health Care settings", "webinar", None),
    (
        "Futures without Violence and HEAL Trafficking webinar: An Introduction to Labor and Sex "
        "Trafficking: A Health Care and Human Rights Challenge",
        "webinar",
        5400,
    ),
    ("Human Trafficking Continuing Education", "course", None),
    ("Human Trafficking and Emergency Medicine", "website", None),
    (
        "Human Trafficking: Guidebook on Identification, Assessment, and Response in the Healthcare Setting",
        "guide",
        None,
    ),
    ("Human Trafficking and Healthcare Providers", "video", None),
    ("Human Trafficking: Review of Educational Resources for Health Professionals", "article", None),
    ("Identifying and Supporting Victims of Human Trafficking: an interactive resource", "e-learning module", None),
    (
        "Modern Day Abolitionists: Understanding and Combating Human Trafficking as a Health, Social, "
        "and Economic Issue",
        "webinar",
        None,
    ),
    (
        "National Health Collaborative on Violence and Abuse: Webinar: Human Trafficking: The Role of "
        "the Health Care Provider",
        "webinar",
        3600,
    ),
    ("National Training Centers: Family Planning: Human Trafficking in the Family Planning Setting", "webinar", 5400),
    ("NetCE: CME on Human Trafficking and Exploitation", "course", None),
    ("Physicians Against Trafficking in Humans (PATH)", "website", None),
    ("Polaris: National Human Trafficking Resource Center resources for health care professionals", "website", None),
    ("Sex Trafficking in the U.S.: A Closer Look at U.S. Citizen Victims", "report", None),
    ("Rescue and Restore posters", "posters", None),
    ("Safe Horizon’s Guidelines for Healthcare Professionals: Recognizing Human Trafficking", "guide", None),
    ("TEDMED: Dr. Susie Baldwin on Intervention in Human Trafficking in Health Care", "video", None),
    ("The Child Sex Trafficking Webinar Series for Healthcare Professionals", "webinar series", None),
    ("The IOM Handbook on Direct Assistance for Victims of Human Trafficking", "handbook", None),
    ("The Mental Health Aspects of Trafficking in Human Beings: Set of Minimum Standards", "guide", None),
    ("The Mental Health Aspects of Trafficking in Human Beings: Training Manual", "manual", None),
    (
        "WGBH & Harvard TH Chan School of Public Health: The Modern Slave Trade: Public Health Impacts",
        "video",
        None,
    ),
    ("WHO Guidelines for Interviewing Trafficked Women", "handbook", None),
]


def test_the_fixture_and_the_shipped_seed_are_the_same_text():
    assert FIXTURE.read_bytes() == SHIPPED.read_bytes()


def test_every_resource_in_seed_order(rows):
    assert [(r["title"], r["kind"], r.get("duration_seconds")) for r in rows] == EXPECTED


@pytest.mark.parametrize("title, kind, duration", EXPECTED, ids=[t[:40] for t, _, _ in EXPECTED])
def test_entry(by_title, title, kind, duration):
    row = by_title[title]
    assert row["kind"] == kind
    assert row.get("duration_seconds") == duration
    assert row["kind"] in KINDS


def test_at_least_30_resources(rows):
    assert len(rows) == len(EXPECTED) >= 30


def test_rows_use_only_import_columns(rows):
    for row in rows:
        assert set(row) <= set(IMPORT_COLUMNS), row["id"]
        assert all(value is not None for value in row.values()), row["id"]
        for key in ("people", "dates", "contacts"):
            assert key not in row or (isinstance(row[key], list) and row[key]), row["id"]


def test_section_heading_is_not_a_resource(rows):
    assert "Education Initiatives" not in {r["title"] for r in rows}
    assert rows[0]["title"] == "APSAC Practice Guidelines"
    assert not any((r.get("description") or "").startswith("Education Initiatives") for r in rows)


def test_durations(by_title):
    chi = by_title["Catholic Health Initiatives (CHI): Human Trafficking and the Role of the Health Provider"]
    assert (chi["duration_seconds"], chi["duration_text"], chi["duration_approximate"]) == (1500, "25-minute", 0)
    futures = by_title[EXPECTED[10][0]]
    assert (futures["duration_seconds"], futures["duration_text"], futures["duration_approximate"]) == (
        5400,
        "approximately an hour and a half",
        1,
    )
    nhcva = by_title[EXPECTED[18][0]]
    assert (nhcva["duration_text"], nhcva["duration_approximate"]) == ("hour-long", 0)
    ntc = by_title[EXPECTED[19][0]]
    assert (ntc["duration_text"], ntc["duration_approximate"]) == ("one and a half hours", 0)
    # "24-hour national hotline" is an availability, not a running time
    assert "duration_seconds" not in by_title["Blue Campaign"]
    with_duration = {r["title"] for r in by_title.values() if "duration_seconds" in r}
    assert with_duration == {t for t, _, d in EXPECTED if d is not None}


def test_lengths(by_title):
    series = by_title["The Child Sex Trafficking Webinar Series for Healthcare Professionals"]
    assert (series["length_value"], series["length_unit"]) == (6, "modules")
    assert "duration_seconds" not in series
    sinai = by_title["Human Trafficking and Emergency Medicine"]
    assert (sinai["length_value"], sinai["length_unit"]) == (3, "cases")
    assert {r["title"] for r in by_title.values() if "length_value" in r} == {
        series["title"],
        sinai["title"],
    }


def test_polaris_has_its_own_resource_with_the_hotline(by_title):
    polaris = by_title["Polaris: National Human Trafficking Resource Center resources for health care professionals"]
    assert polaris["provider"] == "Polaris"
    assert polaris["description"].startswith("Polaris, one of the nation’s leading anti-trafficking organizations")
    first, second = polaris["description"].split("\n\n")
    assert first.endswith("You can find them here:")
    assert second.startswith("In addition, their latest 2015 report")
    assert polaris["contacts"] == ["National Human Trafficking Hotline: 1 (888) 373-7888"]
    assert "title derived" in polaris["notes"]
    assert "https://polarisproject.org/" in polaris["notes"]
    # the Polaris paragraphs are not glued to the PATH entry before them
    path = by_title["Physicians Against Trafficking in Humans (PATH)"]
    assert "Polaris" not in path["description"]


def test_polaris_report_is_a_separate_resource(by_title):
    report = by_title["Sex Trafficking in the U.S.: A Closer Look at U.S. Citizen Victims"]
    assert report["kind"] == "report"
    assert report["provider"] == "Polaris"
    assert report["dates"] == ["2015 report"]
    assert report["description"] == (
        "In addition, their latest 2015 report, Sex Trafficking in the U.S.: A Closer Look at "
        "U.S. Citizen Victims, addresses the particular health needs of the trafficked population."
    )
    assert "url" not in report


def test_netce_and_path_are_split(rows, by_title):
    titles = [r["title"] for r in rows]
    assert not any("NetCE" in t and "PATH" in t for t in titles)
    netce = by_title["NetCE: CME on Human Trafficking and Exploitation"]
    path = by_title["Physicians Against Trafficking in Humans (PATH)"]
    assert titles.index(netce["title"]) + 1 == titles.index(path["title"])
    assert (netce["provider"], netce["kind"]) == ("NetCE", "course")
    assert "description" not in netce
    assert "url" not in netce
    assert path["description"].startswith("The American Women’s Medical Association founded")
    assert path["provider"] == "American Medical Women's Association"  # fixed in the derived field only
    assert "hyperlink was lost" in path["notes"]


def test_blue_campaign_is_two_resources(by_title):
    cards = by_title["Blue Campaign"]
    video = by_title["Blue Campaign: video on identifying markers of human trafficking in the clinic setting"]
    assert cards["description"].startswith("The U.S. Department of Homeland Security provides")
    assert cards["contacts"] == ["24-hour national hotline for trafficking victims"]
    assert video["kind"] == "video"
    assert video["description"].startswith("Please follow the link below")
    assert video["description"].endswith(":")
    assert "url" not in video
    assert "the seed's hyperlink to the video was lost" in video["notes"]
    assert cards["provider"] == video["provider"] == "U.S. Department of Homeland Security"


def test_lost_link_lines_are_description_not_titles(rows):
    titles = {r["title"] for r in rows}
    for line in [
        "Please follow the link below to view the Blue Campaign’s video on identifying markers "
        "of human trafficking in the clinic setting:",
        "You can find them here:",
        "Explore their many resources here:",
    ]:
        assert not looks_like_title(line)
        assert line not in titles
        assert any(line in (r.get("description") or "") for r in rows)
    rescue = next(r for r in rows if r["title"] == "Rescue and Restore posters")
    assert "hyperlink was lost" in rescue["notes"]


def test_access_notes(by_title):
    cfhi = by_title["Child Family Health International: Conversations in Global Health"]
    assert cfhi["access_note"] == "You may need to request access from CFHI to view the recording."
    abolitionists = by_title[EXPECTED[17][0]]
    assert abolitionists["access_note"] == "You will need to request permission to access the recorded webinar."
    guidebook = by_title[EXPECTED[13][0]]
    assert guidebook["access_note"] == "It is available for download."
    chi = by_title[EXPECTED[5][0]]
    assert chi["access_note"] == "publically available for all health care providers and organizations"


def test_people(by_title):
    assert by_title[EXPECTED[9][0]]["people"] == ["Susie Baldwin, MD, MPH", "Renee Marshall, MEd"]
    assert by_title[EXPECTED[18][0]]["people"] == [
        "Macias Konstantopoulos, MD, MPH",
        "Natalie McClain, PhD, RN, CPNP",
        "Holly Smith",
    ]
    assert by_title["Child Family Health International: Conversations in Global Health"]["people"] == [
        "Hanni Stoklosa",
        "David Batstone",
    ]
    assert by_title[EXPECTED[31][0]]["people"] == [
        "Phillip Martin",
        "Jacqueline Bhabha",
        "Dan Vexler",
        "Jocelyn Kelly",
        "Martina Vandenberg",
    ]
    assert by_title["Human Trafficking and Healthcare Providers"]["people"] == ["Andrew Baumgartner"]
    assert by_title[EXPECTED[26][0]]["people"] == ["Susie Baldwin"]


def test_dates(by_title):
    assert by_title[EXPECTED[10][0]]["dates"] == ["recorded 2016-07-11"]
    assert by_title["Child Family Health International: Conversations in Global Health"]["dates"] == ["April 2015"]


def test_providers(by_title):
    expected = {
        "APSAC Practice Guidelines": "American Professional Society on the Abuse of Children",
        EXPECTED[3][0]: "International Organization for Migration",
        EXPECTED[5][0]: "Catholic Health Initiatives",
        EXPECTED[6][0]: "Child Family Health International",
        EXPECTED[7][0]: "Institute of Medicine / National Research Council",
        EXPECTED[8][0]: "Florida Medical Association",
        EXPECTED[9][0]: "Essential Access Health",
        EXPECTED[10][0]: "Futures Without Violence; HEAL Trafficking",
        EXPECTED[11][0]: "Christian Medical and Dental Associations",
        EXPECTED[12][0]: "Mount Sinai Hospital",
        EXPECTED[13][0]: "Massachusetts General Hospital; Massachusetts Medical Society",
        EXPECTED[15][0]: "American Journal of Preventive Medicine",
        EXPECTED[16][0]: "National Health Service (UK)",
        EXPECTED[18][0]: "National Health Collaborative on Violence and Abuse",
        EXPECTED[19][0]: "National Training Centers: Family Planning",
    }
    assert {title: by_title[title].get("provider") for title in expected} == expected


def test_titles_and_descriptions_keep_the_text(by_title):
    review = by_title["Human Trafficking: Review of Educational Resources for Health Professionals"]
    assert review["description"].startswith("American Journal of Preventative Medicine’s review")
    assert review["provider"] == "American Journal of Preventive Medicine"
    apsac = by_title["APSAC Practice Guidelines"]
    assert "“The Commercial Sexual Exploitation of Children" in apsac["description"]  # curly quotes kept
    chi = by_title[EXPECTED[5][0]]
    assert "Setting.” The 25-minute" in chi["description"]  # double space normalised


def test_ids_unique_and_stable(rows):
    ids = [r["id"] for r in rows]
    assert len(ids) == len(set(ids))
    again = parse_seed(FIXTURE.read_text(encoding="utf-8"))
    assert [r["id"] for r in again] == ids
    assert again == rows
    assert all(i == i.lower() and " " not in i for i in ids)


def test_the_seed_text_gives_no_urls(rows):
    """The seed lost its hyperlinks: addresses come only from the reviewed addresses.csv."""
    assert [r["id"] for r in rows if r.get("url")] == []


def test_hand_tables_name_real_ids(rows):
    """A table key that matches no resource is a silently dropped decision."""
    ids = {r["id"] for r in rows}
    assert set(PROVIDERS) <= ids
    assert set(KIND_OVERRIDES) <= ids
    assert set(KIND_OVERRIDES.values()) <= set(KINDS)
    raw_ids_split = {
        "blue-campaign",
        "netce-cme-on-human-trafficking-and-exploitation-physicians-against-trafficking",
        "polaris-national-human-trafficking-resource-center-resources-for-health-care",
    }
    assert set(SPLITS) == raw_ids_split


def test_crlf_and_trailing_newline_do_not_change_the_result(rows):
    text = FIXTURE.read_text(encoding="utf-8")
    assert parse_seed(text.replace("\n", "\r\n") + "\r\n") == rows


def test_empty_text():
    assert parse_seed("") == []
    assert parse_seed("\n\n") == []


# ---------------------------------------------------------------- through the store


def test_import_through_the_store_is_idempotent(tmp_path):
    seed_copy = tmp_path / "education_initiatives.txt"
    seed_copy.write_bytes(SHIPPED.read_bytes())
    store = Store(tmp_path / "c.db")
    try:
        first = store.import_file(seed_copy)
        assert first == {"added": len(EXPECTED), "updated": 0, "unchanged": 0}
        second = store.import_file(seed_copy)
        assert second["added"] == 0
        assert second == {"added": 0, "updated": 0, "unchanged": len(EXPECTED)}
        total, distinct = store.db.execute("select count(*), count(distinct id) from resources").fetchone()
        assert total == distinct == len(EXPECTED)
        assert store.db.execute("select count(*) from changes").fetchone()[0] == 0

        durations = {
            row["title"]: (row["duration_seconds"], row["duration_text"], row["duration_approximate"])
            for row in store.db.query("select * from resources where duration_seconds is not null")
        }
        assert durations == {
            EXPECTED[5][0]: (1500, "25-minute", 0),
            EXPECTED[10][0]: (5400, "approximately an hour and a half", 1),
            EXPECTED[18][0]: (3600, "hour-long", 0),
            EXPECTED[19][0]: (5400, "one and a half hours", 0),
        }
        notes = {
            row["title"]: row["access_note"]
            for row in store.db.query("select title, access_note from resources where access_note is not null")
        }
        assert notes[EXPECTED[6][0]] == "You may need to request access from CFHI to view the recording."
        assert notes[EXPECTED[17][0]] == "You will need to request permission to access the recorded webinar."
        assert notes[EXPECTED[13][0]] == "It is available for download."

        polaris = store.resource("polaris-national-human-trafficking-resource-center-resources-for-health-care")
        assert json.loads(polaris["contacts"]) == ["National Human Trafficking Hotline: 1 (888) 373-7888"]
        nhcva = next(store.db.query("select people from resources where title = ?", [EXPECTED[18][0]]))
        assert json.loads(nhcva["people"])[1] == "Natalie McClain, PhD, RN, CPNP"
        assert all(row["health"] == "unknown" for row in store.db.query("select health from resources"))
    finally:
        store.close()


def test_editorial_facts_are_data_a_maintainer_can_correct(tmp_path):
    """A provider, a kind or a split is corrected in seed/facts.json, not in the importer's code."""
    from linkhealth.seed_facts import FACTS_FILE, load_facts

    data = json.loads(FACTS_FILE.read_text(encoding="utf-8"))
    data["providers"]["apsac-practice-guidelines"] = "APSAC (corrected)"
    data["kind_overrides"]["apsac-practice-guidelines"] = {"kind": "guide", "why": "a test"}
    del data["splits"]["blue-campaign"]
    edited = tmp_path / "facts.json"
    edited.write_text(json.dumps(data), encoding="utf-8")

    rows = {row["id"]: row for row in parse_seed(FIXTURE.read_text(encoding="utf-8"), facts=load_facts(edited))}
    assert rows["apsac-practice-guidelines"]["provider"] == "APSAC (corrected)"
    assert rows["apsac-practice-guidelines"]["kind"] == "guide"
    assert "blue-campaign" in rows
    assert not any(rid.startswith("blue-campaign-video") for rid in rows)


def test_the_shipped_facts_are_what_the_import_applies(rows):
    """Without an explicit facts file the import applies seed/facts.json; with none, no editorial facts."""
    from linkhealth.seed_facts import load_facts

    by_id = {row["id"]: row for row in rows}
    assert by_id["blue-campaign"]["provider"] == "U.S. Department of Homeland Security"
    bare = parse_seed(FIXTURE.read_text(encoding="utf-8"), facts=load_facts("/nonexistent/facts.json"))
    assert not any("provider" in row for row in bare)
    assert len(bare) < len(rows)  # no splits
