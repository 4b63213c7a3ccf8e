"""Hostile PDFs cannot stall the crawl or fill its memory (``pipelines/pdf.py``).

Object streams, page trees that are deep, wide or cyclic, streams that inflate to
gigabytes, a broken cross-reference, a trillion declared pages, a password: each is
read by a child process under a CPU, memory and wall-clock budget, and what the file
says that is plausible is kept. The figures are in benchmarks/pdf_worst_case.py.
"""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys

import pytest

from linkhealth.visit import Visit
from pipelines import pdf
from pipelines.metadata import extract_metadata

from . import faultweb as fw
from . import hostile_pdfs
from .web import Page, Site, html


def _visit(body: bytes, **kw) -> Visit:
    return Visit(
        resource_id="x",
        url="http://127.0.0.1/file.pdf",
        status=200,
        headers={"content-type": "application/pdf"},
        body=body,
        **kw,
    )


@pytest.mark.parametrize("name", sorted(hostile_pdfs.HOSTILE))
def test_every_hostile_pdf_gives_plausible_metadata(name):
    builder, pages = hostile_pdfs.HOSTILE[name]
    md = extract_metadata(_visit(builder()))
    assert md["media_type"] == "application/pdf"
    # a page count is the file's own (or none), never a declared absurdity
    assert md.get("page_count") in (pages, None), md
    assert (md.get("page_count") or 0) <= pdf.MAX_PAGES and (md.get("page_count_min") or 0) <= pdf.MAX_PAGES
    if name == "encrypted":
        assert md.get("encrypted") is True and md.get("title") is None  # its strings are ciphertext
    elif name != "stream-bombs":
        assert md["title"] == "A hostile handbook", md


def test_a_declared_trillion_pages_is_not_a_page_count():
    md = extract_metadata(_visit(hostile_pdfs.huge_declared_count()))
    assert md.get("page_count") is None and md.get("page_count_min") == 1


def test_a_pdf_that_spends_its_budget_is_read_from_its_bytes(monkeypatch):
    """The page tree of 99,000 pages in one object stream costs pypdf seconds: the child is
    stopped at its CPU budget and the title still comes from the bytes."""
    assert pdf.read_pdf_bounded(hostile_pdfs.object_stream_pages(), cpu_seconds=1) is None
    assert pdf.read_pdf_bounded(hostile_pdfs.object_stream_pages(), cpu_seconds=30, wall_seconds=0.3) is None
    monkeypatch.setattr(pdf, "CPU_SECONDS", 1)
    md = extract_metadata(_visit(hostile_pdfs.object_stream_pages()))
    assert md["title"] == "A hostile handbook" and md["title_source"] == "pdf_info"


def test_a_healthy_pdf_is_read_whole():
    assert pdf.read_pdf_bounded(hostile_pdfs.healthy()) == {
        "readable": True,
        "encrypted": False,
        "decrypted": True,
        "page_count": 1,
        "title": "A healthy handbook",
    }


def test_a_first_page_that_spends_the_budget_leaves_the_facts_standing(monkeypatch):
    """The child sends its facts before it reads the first page: a page that costs more
    than the budget loses only its text."""

    def endless(body):
        while True:
            pass

    monkeypatch.setattr(pdf, "first_page_text", endless)
    got = pdf.read_pdf_bounded(hostile_pdfs.healthy(), with_first_page=True, cpu_seconds=1, wall_seconds=3)
    assert got == {
        "readable": True,
        "encrypted": False,
        "decrypted": True,
        "page_count": 1,
        "title": "A healthy handbook",
    }


READ_ALL = r"""
import sys
sys.path.insert(0, {root!r})
from linkhealth.visit import Visit
from pipelines.classify import MetadataPipeline
from tests import hostile_pdfs
bodies = [builder() for builder, _ in hostile_pdfs.HOSTILE.values()]
start = [l for l in open("/proc/self/status") if l.startswith("VmHWM:")][0].split()[1]
for body in bodies:
    visit = Visit(resource_id="x", url="http://h/x.pdf", status=200,
                  headers={{"content-type": "application/pdf"}}, body=body, outcome="ok")
    MetadataPipeline.extract(visit)  # metadata and the identity check's page fields
end = [l for l in open("/proc/self/status") if l.startswith("VmHWM:")][0].split()[1]
print(int(start) // 1024, int(end) // 1024)
"""


def test_reading_hostile_pdfs_leaves_the_crawl_process_memory_alone():
    """The process that extracts (the crawl) holds none of what pypdf builds, for the
    metadata and for the identity check's first page alike: its peak memory barely
    moves over every hostile PDF (unbounded, one costs ~300 MiB)."""
    code = READ_ALL.format(root=str(fw.ROOT))
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300, cwd=fw.ROOT)
    assert out.returncode == 0, out.stderr[-2000:]
    before, after = map(int, out.stdout.split()[-2:])
    print(f"\npeak RSS of the extracting process: {before} MiB before, {after} MiB after the hostile PDFs")
    assert after - before < 40, (before, after)


@pytest.fixture(scope="module")
def pdf_crawl(tmp_path_factory):
    routes = {
        f"/{name}.pdf": Page(builder(), content_type="application/pdf")
        for name, (builder, _) in hostile_pdfs.HOSTILE.items()
    }
    routes.update({f"/page-{i}": Page(html(f"Healthy page {i}")) for i in range(10)})
    site = Site("127.0.0.44", routes)
    with site:
        db = str(tmp_path_factory.mktemp("pdfs") / "catalogue.db")
        from linkhealth.store import Store

        store = Store(db)
        store.import_rows([(p, {"id": p.strip("/"), "url": site.url(p)}) for p in routes if p != "/robots.txt"])
        store.close()
        result = fw.run_measured(
            fw.linkhealth_cmd(db, "-s", "DOWNLOAD_TIMEOUT=15", probe=site.url("/page-0")), timeout=240
        )
        conn = sqlite3.connect(db)
        conn.row_factory = sqlite3.Row
        checks = {r["resource_id"]: dict(r) for r in conn.execute("select * from checks")}
        resources = {r["id"]: dict(r) for r in conn.execute("select * from resources")}
        conn.close()
        print(f"\nhostile-PDF crawl: exit {result.returncode}, wall {result.wall:.1f} s")
        yield {"result": result, "checks": checks, "resources": resources}


def test_a_crawl_of_hostile_pdfs_finishes_and_judges_them_served(pdf_crawl):
    assert pdf_crawl["result"].returncode == 0, pdf_crawl["result"].stderr[-3000:]
    assert "Traceback" not in pdf_crawl["result"].stderr
    for check in pdf_crawl["checks"].values():
        assert check["outcome"] == "ok", check
    for name in hostile_pdfs.HOSTILE:
        meta = json.loads(pdf_crawl["resources"][f"{name}.pdf"]["page_metadata"] or "{}")
        assert meta.get("media_type") == "application/pdf", (name, meta)
    assert pdf_crawl["resources"]["many-object-streams.pdf"]["page_title"] == "A hostile handbook"
