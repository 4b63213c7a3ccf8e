"""Hostile PDFs, built byte by byte: each is small on the wire (under the 2 MiB read cap)
and costs a naive reader minutes of CPU or gigabytes of memory.

Used by tests/test_pdf.py and benchmarks/pdf_worst_case.py. :func:`build` writes a
PDF from numbered objects, optionally packing some into compressed object streams
(PDF 1.5) indexed by a cross-reference stream, as modern authoring tools do.
"""

from __future__ import annotations

import functools
import io
import struct
import zlib


def build(
    objects: dict[int, bytes],
    *,
    root: int = 1,
    info: int | None = None,
    packed: frozenset[int] = frozenset(),
    per_stream: int = 100_000,
    xref_at: int | None = None,
    in_streams: dict[int, tuple[int, int]] | None = None,
) -> bytes:
    """A PDF of ``objects`` (number → the object's bytes); those in ``packed`` go into
    object streams of ``per_stream`` objects each. ``xref_at`` overrides the
    ``startxref`` offset (a broken cross-reference); ``in_streams`` places objects in
    object streams the caller wrote itself (number → (stream number, index))."""
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets: dict[int, int] = {}
    in_stream: dict[int, tuple[int, int]] = dict(in_streams or {})
    for n in sorted(objects):
        if n not in packed:
            offsets[n] = len(out)
            out += b"%d 0 obj\n" % n + objects[n] + b"\nendobj\n"
    number = max(objects) + 1
    group = sorted(packed)
    for start in range(0, len(group), per_stream):
        members = group[start : start + per_stream]
        header, body = bytearray(), bytearray()
        for index, n in enumerate(members):
            header += b"%d %d " % (n, len(body))
            body += objects[n] + b"\n"
            in_stream[n] = (number, index)
        data = zlib.compress(bytes(header + body), 9)
        offsets[number] = len(out)
        out += (
            b"%d 0 obj\n<< /Type /ObjStm /N %d /First %d /Filter /FlateDecode /Length %d >>\nstream\n"
            % (number, len(members), len(header), len(data))
            + data
            + b"\nendstream\nendobj\n"
        )
        number += 1
    trailer = b"/Root %d 0 R" % root + (b" /Info %d 0 R" % info if info else b"")
    xref = number
    size = xref + 1
    offsets[xref] = len(out)
    rows = bytearray()
    for n in range(size):
        if n in in_stream:
            rows += struct.pack(">BII", 2, *in_stream[n])
        elif n in offsets:
            rows += struct.pack(">BII", 1, offsets[n], 0)
        else:
            rows += struct.pack(">BII", 0, 0, 65535)
    data = zlib.compress(bytes(rows))
    out += (
        b"%d 0 obj\n<< /Type /XRef /W [1 4 4] /Size %d %s /Filter /FlateDecode /Length %d >>\nstream\n"
        % (xref, size, trailer, len(data))
        + data
        + b"\nendstream\nendobj\n"
    )
    out += b"startxref\n%d\n%%%%EOF\n" % (offsets[xref] if xref_at is None else xref_at)
    return bytes(out)


INFO = b"<< /Title (A hostile handbook) /Producer (tests) >>"
PAGE = b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] >>"


def _deflated(head: bytes, fill: bytes, megabytes: int) -> bytes:
    """``head`` then ``megabytes`` MB of ``fill``, deflated a segment at a time (cheap to make)."""
    c = zlib.compressobj(9)
    segment = fill * (16 * 1024 * 1024)
    parts = [c.compress(head)] + [c.compress(segment) for _ in range(max(1, megabytes // 16))]
    return b"".join(parts) + c.flush()


def _zeros_stream(extra: bytes, megabytes: int) -> bytes:
    data = _deflated(b"", b"\0", megabytes)
    return b"<< %s /Filter /FlateDecode /Length %d >>\nstream\n" % (extra, len(data)) + data + b"\nendstream"


def _flat_tree(pages: int) -> tuple[dict[int, bytes], range]:
    """A catalog (1), Info (3) and one /Pages node (2) over ``pages`` pages (10 …)."""
    objects = {1: b"<< /Type /Catalog /Pages 2 0 R >>", 3: INFO}
    kids = range(10, 10 + pages)
    objects[2] = b"<< /Type /Pages /Count %d /Kids [%s] >>" % (pages, b" ".join(b"%d 0 R" % k for k in kids))
    for k in kids:
        objects[k] = PAGE
    return objects, kids


@functools.cache
def object_stream_pages(pages: int = 99_000) -> bytes:
    """The page tree and every page objects of one object stream (a few hundred kB for
    a hundred thousand pages): a reader that flattens the tree builds every page."""
    objects, kids = _flat_tree(pages)
    return build(objects, info=3, packed=frozenset([2, *kids]))


@functools.cache
def many_object_streams(pages: int = 20_000) -> bytes:
    """Pages spread over one object stream each (a thousand small streams to decode)."""
    objects, kids = _flat_tree(pages)
    return build(objects, info=3, packed=frozenset(kids), per_stream=20)


@functools.cache
def wide_page_tree(refs: int = 250_000) -> bytes:
    """One page referenced a quarter of a million times from one /Kids array."""
    objects = {1: b"<< /Type /Catalog /Pages 2 0 R >>", 3: INFO, 4: PAGE}
    objects[2] = b"<< /Type /Pages /Count %d /Kids [%s] >>" % (refs, b"4 0 R " * refs)
    return build(objects, info=3)


@functools.cache
def deep_page_tree(depth: int = 20_000) -> bytes:
    """/Pages nodes nested twenty thousand deep above one page."""
    objects = {1: b"<< /Type /Catalog /Pages 2 0 R >>", 3: INFO}
    first, last = 10, 10 + depth
    objects[2] = b"<< /Type /Pages /Count 1 /Kids [%d 0 R] >>" % first
    for n in range(first, last):
        objects[n] = b"<< /Type /Pages /Parent %d 0 R /Count 1 /Kids [%d 0 R] >>" % (n - 1 if n > first else 2, n + 1)
    objects[last] = b"<< /Type /Page /Parent %d 0 R /MediaBox [0 0 612 792] >>" % (last - 1)
    return build(objects, info=3)


@functools.cache
def cyclic_page_tree() -> bytes:
    """A page tree whose node lists its own ancestor (and itself) among its kids."""
    objects = {
        1: b"<< /Type /Catalog /Pages 2 0 R >>",
        2: b"<< /Type /Pages /Count 3 /Kids [4 0 R 5 0 R] >>",
        3: INFO,
        4: PAGE,
        5: b"<< /Type /Pages /Parent 2 0 R /Count 2 /Kids [2 0 R 5 0 R 4 0 R] >>",
    }
    return build(objects, info=3)


@functools.cache
def stream_bombs(megabytes: int = 512) -> bytes:
    """The title's object stream, the XMP packet and the page's contents each inflate to
    ``megabytes`` MB (about 1 MB on the wire per GB)."""
    objects = {
        1: b"<< /Type /Catalog /Pages 2 0 R /Metadata 6 0 R >>",
        2: b"<< /Type /Pages /Count 1 /Kids [4 0 R] >>",
        3: b"<< /Title 7 0 R /Producer (tests) >>",
        4: b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 8 0 R >>",
        6: _zeros_stream(b"/Type /Metadata /Subtype /XML", megabytes),
        8: _zeros_stream(b"", megabytes),
    }
    # the title (object 7) sits in an object stream that is itself the bomb
    data = _deflated(b"7 0 (bomb)", b" ", megabytes)
    objects[9] = (
        b"<< /Type /ObjStm /N 1 /First 4 /Filter /FlateDecode /Length %d >>\nstream\n" % len(data)
        + data
        + b"\nendstream"
    )
    return build(objects, info=3, in_streams={7: (9, 0)})


@functools.cache
def broken_xref() -> bytes:
    """``startxref`` points into the middle of a page object; the real table is gone."""
    objects, _ = _flat_tree(2000)
    return build(objects, info=3, xref_at=1234)


@functools.cache
def huge_declared_count() -> bytes:
    """A page tree that claims a trillion pages and has one."""
    objects = {
        1: b"<< /Type /Catalog /Pages 2 0 R >>",
        2: b"<< /Type /Pages /Count 1000000000000 /Kids [4 0 R] >>",
        3: INFO,
        4: PAGE,
    }
    return build(objects, info=3)


@functools.cache
def encrypted(pages: int = 50) -> bytes:
    """A PDF locked with a user password (its strings are ciphertext)."""
    from pypdf import PdfWriter

    writer = PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(width=72, height=72)
    writer.add_metadata({"/Title": "Secret handbook"})
    writer.encrypt(user_password="open sesame", owner_password="owner", algorithm="AES-128")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def healthy() -> bytes:
    """One blank page and a title: what reading any PDF costs."""
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=72, height=72)
    writer.add_metadata({"/Title": "A healthy handbook"})
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


#: name → (builder, the page count a reader may report: an int, or None for "none")
HOSTILE = {
    "object-stream-pages": (object_stream_pages, 99_000),
    "many-object-streams": (many_object_streams, 20_000),
    "wide-page-tree": (wide_page_tree, 250_000),
    "deep-page-tree": (deep_page_tree, 1),
    "cyclic-page-tree": (cyclic_page_tree, 3),
    "stream-bombs": (stream_bombs, 1),
    "broken-xref": (broken_xref, 2000),
    "huge-declared-count": (huge_declared_count, None),
    "encrypted": (encrypted, 50),
}
