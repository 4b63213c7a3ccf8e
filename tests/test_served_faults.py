"""Files and redirects that the server got right, or wrong, in ways that must not
read as a dead link: one end-to-end crawl against a loopback host.

1. Large files. A file larger than the download cap is served: a declared
   ``Content-Length`` over ``DOWNLOAD_MAXSIZE`` (a 40 MB PDF or MP4), a chunked body
   that grows past it, a compressed body that inflates past it. Each is judged from its
   status, headers and the bytes read: ``ok`` when the status says served, with the
   metadata those bytes give; a bomb answered with 404 stays ``not_found``.
2. Redirects the server got wrong: a ``Location`` with a space in its host or with
   userinfo (``user:pass@``) is ``server_error`` with a detail that says so, not
   ``robots_disallowed`` or ``connection_error``.

The crawl runs with ``DOWNLOAD_MAXSIZE`` of 1 MiB, under the 2 MiB that
``LINKHEALTH_READ_BYTES`` reads, so "past the cap" is reached by every kind of body
without sending tens of megabytes over loopback.
"""

from __future__ import annotations

import json
import sqlite3

import pytest

from linkhealth.store import Store

from . import faultweb as fw
from .web import Page, Site, html, redirect

CAP = 1024 * 1024
DECLARED = 40_000_000


def _pdf_head(title: str) -> bytes:
    """The start of a PDF whose Info dictionary comes first (as linearised files put it)."""
    return (
        b"%PDF-1.4\n1 0 obj\n<< /Title (" + title.encode() + b") /Producer (test) >>\nendobj\n"
        b"2 0 obj\n<< /Type /Pages /Kids [] /Count 120 >>\nendobj\n"
    )


def declared_large(content_type: str, head: bytes, status: int = 200, chunked: bool = False):
    """A file of ``DECLARED`` bytes (or chunked with no length), streamed until the crawler
    hangs up: only the first megabytes ever cross the wire."""

    def route(handler):
        length = "Transfer-Encoding: chunked" if chunked else f"Content-Length: {DECLARED}"
        reason = {200: "OK", 404: "Not Found"}[status]
        start = f"HTTP/1.1 {status} {reason}\r\nContent-Type: {content_type}\r\n{length}\r\nConnection: close\r\n\r\n"
        if not fw._write(handler, start.encode()):
            return
        filler = b"\0" * (256 * 1024)
        sent, first = 0, True
        while sent < DECLARED:
            data = head + filler[len(head) :] if first else filler
            first = False
            frame = b"%x\r\n%s\r\n" % (len(data), data) if chunked else data
            if not fw._write(handler, frame):
                break
            sent += len(data)
        if chunked:
            fw._write(handler, b"0\r\n\r\n")
        handler.close_connection = True

    return route


def compressed_status(body: bytes, encoding: str, status: int, reason: str):
    def route(handler):
        head = (
            f"HTTP/1.1 {status} {reason}\r\nContent-Type: text/html\r\nContent-Encoding: {encoding}\r\n"
            f"Content-Length: {len(body)}\r\nConnection: close\r\n\r\n"
        ).encode()
        fw._write(handler, head) and fw._write(handler, body)
        handler.close_connection = True

    return route


ROUTES = {
    "/big.pdf": (declared_large("application/pdf", _pdf_head("Handbook for clinicians")), "ok"),
    "/big.mp4": (declared_large("video/mp4", b"\0\0\0\x18ftypmp42\0\0\0\0mp42isom"), "ok"),
    "/to-big.pdf": (redirect("/big.pdf", 302), "ok"),
    "/chunked.pdf": (declared_large("application/pdf", _pdf_head("Chunked handbook"), chunked=True), "ok"),
    "/gone-big.pdf": (declared_large("application/pdf", _pdf_head("Gone"), status=404), "not_found"),
    "/gzip-bomb": (fw.compressed(fw.gzip_bomb(1), "gzip"), "ok"),
    # 4 MB on the wire, declared: the transfer cap is lifted for it, inflation must stay capped
    "/gzip-bomb-declared": (fw.compressed(fw.gzip_bomb(4), "gzip"), "ok"),
    "/gzip-bomb-404": (compressed_status(fw.gzip_bomb(1), "gzip", 404, "Not Found"), "not_found"),
    "/brotli-bomb-410": (compressed_status(fw.brotli_bomb(1), "br", 410, "Gone"), "gone"),
    "/location-space-host": (redirect("http://exa mple.org/x", 301), "server_error"),
    "/location-userinfo": (redirect("http://user:pass@127.0.0.41/x", 302), "server_error"),
}


@pytest.fixture(scope="module")
def served_crawl(tmp_path_factory):
    site = Site("127.0.0.40", {path: route for path, (route, _) in ROUTES.items()})
    other = Site("127.0.0.41", {"/x": Page(html("Where the userinfo redirect points"))})
    healthy = Site("127.0.0.42", {"/": Page(html("Healthy"))})
    with site, other, healthy:
        db = str(tmp_path_factory.mktemp("served") / "catalogue.db")
        store = Store(db)
        store.import_rows([(p.strip("/"), {"id": p.strip("/"), "url": site.url(p)}) for p in ROUTES])
        store.close()
        cmd = fw.linkhealth_cmd(
            db, "-s", f"DOWNLOAD_MAXSIZE={CAP}", "-s", "DOWNLOAD_TIMEOUT=15", probe=healthy.url("/")
        )
        result = fw.run_measured(cmd, timeout=180)
        conn = sqlite3.connect(db)
        conn.row_factory = sqlite3.Row
        checks = {r["resource_id"]: dict(r) for r in conn.execute("select * from checks")}
        resources = {r["id"]: dict(r) for r in conn.execute("select * from resources")}
        conn.close()
        print(
            f"\nserved-faults crawl: exit {result.returncode}, wall {result.wall:.1f} s, "
            f"peak RSS {result.peak_rss_mb:.0f} MiB"
        )
        for rid, c in sorted(checks.items()):
            print(f"  {rid:20} {c['outcome']!s:15} {c['bytes']!s:>9} B :: {(c['detail'] or '')[:120]}")
        yield {"result": result, "checks": checks, "resources": resources, "other_hits": list(other.hits)}


def test_the_crawl_finishes(served_crawl):
    assert served_crawl["result"].returncode == 0, served_crawl["result"].stderr[-3000:]
    assert len(served_crawl["checks"]) == len(ROUTES)


@pytest.mark.parametrize("path", sorted(ROUTES))
def test_outcome(served_crawl, path):
    check = served_crawl["checks"][path.strip("/")]
    assert check["outcome"] == ROUTES[path][1], check


@pytest.mark.parametrize("rid", ["big.pdf", "big.mp4", "to-big.pdf", "chunked.pdf", "gzip-bomb", "gzip-bomb-declared"])
def test_a_file_over_the_cap_is_served_not_dead(served_crawl, rid):
    check = served_crawl["checks"][rid]
    assert check["status_code"] == 200 and check["outcome"] == "ok", check
    assert "larger than the download cap" in check["detail"], check
    # only the first megabyte crossed the wire
    assert check["bytes"] is None or check["bytes"] <= CAP + 256 * 1024, check


def test_the_bytes_read_still_give_metadata(served_crawl):
    resources = served_crawl["resources"]
    assert resources["big.pdf"]["page_title"] == "Handbook for clinicians"
    assert resources["chunked.pdf"]["page_title"] == "Chunked handbook"
    assert json.loads(resources["big.pdf"]["page_metadata"])["media_type"] == "application/pdf"


def test_a_bomb_keeps_its_status(served_crawl):
    for rid, status in (("gzip-bomb-404", 404), ("brotli-bomb-410", 410)):
        check = served_crawl["checks"][rid]
        assert check["status_code"] == status, check


def test_inflation_stays_capped_when_the_transfer_cap_was_lifted(served_crawl):
    """The 4 GiB bomb declares its 4 MB: its first megabyte is read, and inflates to the
    cap only (uncapped, that megabyte is a gigabyte of memory)."""
    assert served_crawl["result"].peak_rss_mb < 400


@pytest.mark.parametrize(
    "rid,words",
    [
        ("location-space-host", "space"),
        ("location-userinfo", "user name or password"),
    ],
)
def test_a_bad_location_is_the_servers_fault(served_crawl, rid, words):
    check = served_crawl["checks"][rid]
    assert check["outcome"] == "server_error", check
    assert "Location" in check["detail"] and words in check["detail"], check
    assert served_crawl["other_hits"] == [], "the userinfo redirect was not followed"


def test_a_catalogued_url_with_userinfo_is_invalid_and_its_password_never_reported():
    from pipelines.judge import classify_failure, invalid_url_reason

    assert "user name or password" in invalid_url_reason("https://alice:s3cret@host.example/course")
    verdict = classify_failure(
        "ValueError",
        "invalid hostname: alice:s3cret@host.example",
        [
            {"url": "https://host.example/a", "status": 302, "location": "https://alice:s3cret@host.example/b"},
        ],
    )
    assert verdict.outcome.value == "server_error" and "s3cret" not in verdict.detail, verdict
