"""The researched addresses of the shipped catalogue (seed/addresses.csv) and their evidence."""

import csv
import json
import shutil
import sqlite3
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from linkhealth.addresses import (
    ADDRESS_COLUMNS,
    apply_addresses,
    is_mirror,
    parse_addresses,
)
from linkhealth.errors import ImportRefused
from linkhealth.report import build_report
from linkhealth.schema import m006_url_evidence
from linkhealth.seed import parse_seed
from linkhealth.store import Store

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "seed" / "education_initiatives.txt"
ADDRESSES = ROOT / "seed" / "addresses.csv"
SHIPPED_DB = ROOT / "catalogue.db"
HEADER = ",".join(ADDRESS_COLUMNS)


@pytest.fixture(scope="module")
def seed_ids():
    return [row["id"] for row in parse_seed(SEED.read_text(encoding="utf-8"))]


@pytest.fixture(scope="module")
def reviewed():
    with ADDRESSES.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


@pytest.fixture
def rebuilt(tmp_path):
    """The catalogue rebuilt the documented way: import the seed text (addresses.csv beside it)."""
    store = Store(tmp_path / "rebuilt.db")
    store.import_file(SEED)
    yield store
    store.close()


# ---------------------------------------------------------------- the reviewed file


def test_the_file_has_the_documented_columns(reviewed):
    assert ADDRESSES.read_text(encoding="utf-8").splitlines()[0] == HEADER
    assert all(set(row) == set(ADDRESS_COLUMNS) for row in reviewed)


def test_every_seed_resource_has_exactly_one_reviewed_row(reviewed, seed_ids):
    ids = [row["id"] for row in reviewed]
    assert len(ids) == len(set(ids))
    assert sorted(ids) == sorted(seed_ids)


def test_every_address_is_http_with_its_evidence(reviewed):
    with_url = [row for row in reviewed if row["url"]]
    assert with_url, "the catalogue ships some researched addresses"
    for row in with_url:
        for column in ("url", "url_source"):
            parts = urlsplit(row[column])
            assert parts.scheme in ("http", "https") and parts.hostname, (row["id"], column)
        assert row["url_confidence"] in ("publisher", "identifier", "listing"), row["id"]
        assert row["note"], row["id"]
    for row in reviewed:
        if row["url_confidence"] == "identifier":
            assert urlsplit(row["url"]).hostname in ("doi.org", "hdl.handle.net"), row["id"]


def test_no_address_or_evidence_on_a_mirror_or_file_sharing_site(reviewed):
    for row in reviewed:
        for column in ("url", "url_source"):
            assert not (row[column] and is_mirror(row[column])), (row["id"], column, row[column])


def test_a_resource_without_an_address_says_what_was_tried(reviewed):
    for row in reviewed:
        if not row["url"]:
            assert not row["url_source"] and not row["url_confidence"], row["id"]
            assert row["note"].startswith("tried:"), row["id"]


def test_the_reviewed_file_parses(reviewed):
    parsed = parse_addresses(ADDRESSES.read_text(encoding="utf-8"), str(ADDRESSES))
    assert sorted(parsed) == sorted(row["id"] for row in reviewed)


# ---------------------------------------------------------------- the review rules, enforced


def _refused(body: str) -> str:
    with pytest.raises(ImportRefused) as excinfo:
        parse_addresses(f"{HEADER}\n{body}\n", "addresses.csv")
    return str(excinfo.value)


@pytest.mark.parametrize(
    "body, says",
    [
        ("a,https://fr.scribd.com/document/1/x,https://fr.scribd.com/document/1/x,publisher,,copy", "file-sharing"),
        ("a,https://publisher.example/x,https://issuu.com/someone/docs/x,publisher,,seen", "file-sharing"),
        ("a,ftp://publisher.example/x,https://publisher.example/,publisher,,seen", "http(s)"),
        ("a,https://publisher.example/x,,publisher,,seen", "url_source is missing"),
        ("a,https://publisher.example/x,https://publisher.example/x,guess,,seen", "url_confidence must be one of"),
        ("a,,,,2026-12-02,", "what was tried"),
        ("a,,https://publisher.example/,listing,,tried: x", "need a url"),
        ("a,https://publisher.example/x,https://publisher.example/x,publisher,last week,seen", "seen_on"),
        ("a,,,,,tried: x\na,,,,,tried: y", "appears twice"),
    ],
)
def test_a_row_breaking_a_review_rule_is_refused_naming_its_line(body, says):
    message = _refused(body)
    assert says in message
    assert "addresses.csv, line" in message


def test_a_file_with_other_columns_is_refused():
    with pytest.raises(ImportRefused, match="the header must be"):
        parse_addresses("id,url\na,https://publisher.example/\n")


def test_mirror_hosts_are_matched_by_domain_not_by_substring():
    assert is_mirror("https://de.scribd.com/document/2900023/x")
    assert is_mirror("https://www.researchgate.net/publication/1")
    assert is_mirror("https://issuu.com./someone/docs/x")
    # document-sharing copies met while researching the shipped catalogue
    assert is_mirror("https://lawsdocbox.com/amp/77351985-Immigration/x.html")
    assert is_mirror("https://anyflip.com/pizw/rbkt/basic")
    assert is_mirror("https://c.coek.info/pdf-x.html")
    assert not is_mirror("https://www.iom.int/caring-trafficked-persons-guide-health-providers")
    assert not is_mirror("https://notscribd.com/x")


def test_an_address_for_an_id_the_seed_lacks_is_refused():
    addresses = parse_addresses(f"{HEADER}\nrenamed-title,,,,,tried: x\n")
    with pytest.raises(ImportRefused, match="renamed-title"):
        apply_addresses([{"id": "kept", "title": "Kept"}], addresses)


def test_importing_a_seed_with_a_bad_addresses_file_imports_nothing(tmp_path, store):
    shutil.copy(SEED, tmp_path / "education_initiatives.txt")
    bad = ADDRESSES.read_text(encoding="utf-8").replace(",publisher,", ",certain,", 1)
    (tmp_path / "addresses.csv").write_text(bad, encoding="utf-8")
    with pytest.raises(ImportRefused, match="url_confidence"):
        store.import_file(tmp_path / "education_initiatives.txt")
    assert store.db.execute("select count(*) from resources").fetchone()[0] == 0


# ---------------------------------------------------------------- through the store


def test_importing_the_seed_sets_the_addresses_and_their_evidence(rebuilt, reviewed):
    for row in reviewed:
        resource = rebuilt.resource(row["id"])
        assert resource["url"] == (row["url"] or None), row["id"]
        assert resource["url_source"] == (row["url_source"] or None), row["id"]
        assert resource["url_confidence"] == (row["url_confidence"] or None), row["id"]
        assert row["note"] in resource["notes"], row["id"]
        assert row["seen_on"] in resource["notes"], row["id"]
    blue = rebuilt.resource("blue-campaign")
    assert blue["url"] == "https://www.dhs.gov/blue-campaign"
    assert blue["url_confidence"] == "publisher"
    # the seed's own notes are kept beside the evidence
    video = rebuilt.resource("blue-campaign-video-on-identifying-markers-of-human-trafficking-in-the-clinic")
    assert video["url"] is None
    assert "the seed's hyperlink to the video was lost" in video["notes"]
    assert "no certain address" in video["notes"]


def test_reimporting_the_seed_changes_nothing(rebuilt):
    assert rebuilt.import_file(SEED) == {"added": 0, "updated": 0, "unchanged": 33}


def test_the_shipped_catalogue_is_what_the_seed_rebuilds(rebuilt):
    """catalogue.db is committed: it must be the one `linkhealth import seed/…txt` makes."""
    columns = "id, url, url_source, url_confidence, title, provider, kind, notes"
    expected = [tuple(r.values()) for r in rebuilt.db.query(f"select {columns} from resources order by id")]
    shipped = sqlite3.connect(f"file:{SHIPPED_DB}?mode=ro", uri=True)
    try:
        actual = shipped.execute(f"select {columns} from resources order by id").fetchall()
    finally:
        shipped.close()
    assert actual == expected


def test_the_report_lists_without_a_url_only_the_resources_nothing_certain_was_found_for(rebuilt, reviewed):
    data = build_report(rebuilt, archive=False, now="2026-12-02T18:00:00+00:00")
    without = sorted(item["id"] for item in data["no_url"])
    assert without == sorted(row["id"] for row in reviewed if not row["url"])
    assert data["summary"]["no_url"] == len(without) < 33


# ---------------------------------------------------------------- import columns and migration


def test_url_evidence_round_trips_through_export_and_import(store, tmp_path):
    source = tmp_path / "in.csv"
    source.write_text(
        "id,url,url_source,url_confidence\n"
        "guide,https://publisher.example/guide,https://publisher.example/guide,publisher\n"
        "paper,https://doi.org/10.1000/182,https://index.example/record/182,identifier\n",
        encoding="utf-8",
    )
    store.import_file(source)
    exported = store.export_rows()
    assert [(r["id"], r["url_source"], r["url_confidence"]) for r in exported] == [
        ("guide", "https://publisher.example/guide", "publisher"),
        ("paper", "https://index.example/record/182", "identifier"),
    ]
    again = tmp_path / "again.json"
    again.write_text(json.dumps(exported), encoding="utf-8")
    other = Store(tmp_path / "other.db")
    try:
        other.import_file(again)
        assert other.export_rows() == exported
    finally:
        other.close()


def test_an_unknown_url_confidence_is_refused_on_import(store, tmp_path):
    source = tmp_path / "in.csv"
    source.write_text("id,url,url_confidence\nx,https://publisher.example/,probably\n", encoding="utf-8")
    with pytest.raises(ImportRefused, match="url_confidence must be one of publisher, identifier, listing"):
        store.import_file(source)


def test_a_new_address_drops_the_evidence_of_the_old_one(store):
    store.import_rows(
        [
            (
                "a",
                {
                    "id": "x",
                    "url": "https://old.example/",
                    "url_source": "https://old.example/",
                    "url_confidence": "publisher",
                },
            )
        ]
    )
    store.import_rows([("b", {"id": "x", "url": "https://new.example/"})])
    resource = store.resource("x")
    assert resource["url"] == "https://new.example/"
    assert resource["url_source"] is None and resource["url_confidence"] is None
    fields = {row["field"] for row in store.db.query("select field from changes where resource_id = 'x'")}
    assert fields == {"url", "url_source", "url_confidence"}


def test_a_new_address_with_its_evidence_keeps_that_evidence(store):
    store.import_rows(
        [
            (
                "a",
                {
                    "id": "x",
                    "url": "https://old.example/",
                    "url_source": "https://old.example/",
                    "url_confidence": "publisher",
                },
            )
        ]
    )
    store.import_rows(
        [
            (
                "b",
                {
                    "id": "x",
                    "url": "https://doi.org/10.1000/1",
                    "url_source": "https://index.example/1",
                    "url_confidence": "identifier",
                },
            )
        ]
    )
    resource = store.resource("x")
    assert (resource["url_source"], resource["url_confidence"]) == ("https://index.example/1", "identifier")


def test_the_evidence_migration_is_idempotent(store):
    applied = [row["name"] for row in store.db.query("select name from _sqlite_migrations")]
    assert "m006_url_evidence" in applied
    m006_url_evidence(store.db)  # a second run adds nothing and does not fail
    columns = [c for c in store.db["resources"].columns_dict if c.startswith("url")]
    assert columns == ["url", "url_source", "url_confidence"]


def test_importing_the_addresses_file_alone_says_to_import_the_seed(store):
    with pytest.raises(ImportRefused, match="import the seed text"):
        store.import_file(ADDRESSES)
    assert store.db.execute("select count(*) from resources").fetchone()[0] == 0
