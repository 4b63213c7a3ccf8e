"""Fault injection for the crawl: misbehaving loopback servers, hostile bodies,
a resolver that fails for one host, and a way to measure the crawl process.

Everything here serves on loopback (127.0.0.x) through :class:`tests.web.Site`;
each behaviour is a route callable ``(handler) -> None`` and is bounded in time
(no handler runs longer than ``MAX_HANDLER_SECONDS``), so a crawl that gives up
early never leaves a thread behind for long.

Used by tests/test_network_faults.py, tests/test_hostile.py and benchmarks/soak.py.
"""

from __future__ import annotations

import functools
import gzip
import io
import os
import socket
import subprocess
import sys
import time
import zlib
from collections.abc import Callable
from pathlib import Path
from typing import ClassVar

from scrapy.resolver import CachingThreadedResolver
from twisted.internet import defer
from twisted.internet.error import DNSLookupError

from .web import Page, html

ROOT = Path(__file__).resolve().parents[1]

#: no fault handler keeps its thread longer than this
MAX_HANDLER_SECONDS = 30

#: Scrapy settings for a fast fault crawl (pass with -s)
FAST = [
    "-s",
    "AUTOTHROTTLE_ENABLED=False",
    "-s",
    "DOWNLOAD_TIMEOUT=3",
    "-s",
    "RETRY_TIMES=0",
    "-s",
    "CONCURRENT_REQUESTS_PER_DOMAIN=16",
    "-s",
    "LINKHEALTH_PROGRESS=False",
    "-s",
    "DNS_RESOLVER=tests.faultweb.LoopbackOnlyResolver",
]


# -- DNS ----------------------------------------------------------------------------


class LoopbackOnlyResolver(CachingThreadedResolver):
    """Scrapy's resolver, except that names under ``.invalid`` fail at once, locally.

    A DNS failure for one host only, with no query leaving the machine (the
    tests' URLs are otherwise IP literals, which need no lookup).
    """

    def getHostByName(self, name, timeout=()):  # noqa: N802 (Twisted's name)
        if name.lower().rstrip(".").endswith(".invalid"):
            return defer.fail(DNSLookupError(f"{name}: no such host (test resolver)"))
        return super().getHostByName(name, timeout)


class RebindingResolver(LoopbackOnlyResolver):
    """Names that lead inside, for LINKHEALTH_BLOCK_PRIVATE_ADDRESSES (no cache, so each
    connection that asks gets a fresh answer):

    - ``internal.test``: 127.0.0.35, a name that only the crawl's resolver knows;
    - ``rebind.test``: 127.0.0.36 (the crawl allows it, as it would a public address) to
      the first lookup, then 127.0.0.35: DNS rebinding;
    - ``flaky.test``: no answer to the first lookup, 127.0.0.35 to the later ones.
    """

    lookups: ClassVar[dict[str, int]] = {}

    def getHostByName(self, name, timeout=()):  # noqa: N802 (Twisted's name)
        name = name.lower().rstrip(".")
        seen = self.lookups[name] = self.lookups.get(name, 0) + 1
        if name == "internal.test":
            return defer.succeed("127.0.0.35")
        if name == "rebind.test":
            return defer.succeed("127.0.0.36" if seen == 1 else "127.0.0.35")
        if name == "flaky.test":
            if seen == 1:
                return defer.fail(DNSLookupError(f"{name}: no answer this time (test resolver)"))
            return defer.succeed("127.0.0.35")
        return super().getHostByName(name, timeout)


# -- raw writes -----------------------------------------------------------------------


def _write(handler, data: bytes) -> bool:
    try:
        handler.wfile.write(data)
        handler.wfile.flush()
        return True
    except OSError:  # the crawler hung up: that is the point
        return False


def raw(data: bytes) -> Callable:
    """Send these exact bytes (status line, headers and body) and close."""

    def route(handler):
        _write(handler, data)
        handler.close_connection = True

    return route


def trickle(interval: float = 1.0, total: int = 100, title: str = "Trickle") -> Callable:
    """Headers at once, then the body one byte every ``interval`` seconds."""

    def route(handler):
        body = html(title).encode().ljust(total, b" ")[:total]
        head = (
            "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n"
            f"Content-Length: {len(body)}\r\nConnection: close\r\n\r\n"
        ).encode()
        if not _write(handler, head):
            return
        deadline = time.monotonic() + MAX_HANDLER_SECONDS
        for i in range(len(body)):
            if time.monotonic() > deadline or not _write(handler, body[i : i + 1]):
                break
            time.sleep(interval)
        handler.close_connection = True

    return route


def stall_mid_headers(seconds: float = 10.0) -> Callable:
    """Send the status line and one header, then nothing."""

    def route(handler):
        if _write(handler, b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n"):
            time.sleep(min(seconds, MAX_HANDLER_SECONDS))
        handler.close_connection = True

    return route


def drop_mid_body(handler) -> None:
    """Promise 100 kB, send 1 kB, hang up (FIN, no reset)."""
    _write(
        handler,
        b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 100000\r\n\r\n"
        b"<html><head><title>Cut short</title></head><body>" + b"x" * 1000,
    )
    try:
        handler.connection.shutdown(socket.SHUT_RDWR)
    except OSError:
        pass
    handler.close_connection = True


def reset_mid_body(handler) -> None:
    """Send headers and some body, then a TCP reset."""
    _write(
        handler,
        b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 50000\r\n\r\n"
        b"<html><head><title>Reset</title></head><body>" + b"y" * 2000,
    )
    handler.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, b"\x01\x00\x00\x00\x00\x00\x00\x00")
    handler.connection.close()
    handler.close_connection = True


def redirect_chain(prefix: str, hops: int, final: Page | None = None) -> Callable:
    """``{prefix}N`` redirects to ``{prefix}N+1`` … up to ``hops``, which serves ``final``."""

    def route(handler):
        path = handler.path.split("?", 1)[0]
        try:
            n = int(path[len(prefix) :])
        except ValueError:
            n = 0
        if n >= hops:
            handler.send_page(final or Page(html("End of the chain")))
            return
        handler.send_page(Page(b"", status=302, headers={"Location": f"{prefix}{n + 1}"}))

    return route


def big_header(size: int = 1024 * 1024) -> Callable:
    """A 200 whose one header line is ``size`` bytes long."""

    def route(handler):
        body = html("Big header").encode()
        _write(
            handler,
            b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nX-Big: "
            + b"a" * size
            + b"\r\nContent-Length: "
            + str(len(body)).encode()
            + b"\r\nConnection: close\r\n\r\n"
            + body,
        )
        handler.close_connection = True

    return route


def many_headers(count: int = 20000) -> Callable:
    """A 200 with ``count`` header lines of ~50 bytes (1 MB of headers in all)."""

    def route(handler):
        body = html("Many headers").encode()
        lines = b"".join(b"X-H-%d: %s\r\n" % (i, b"b" * 40) for i in range(count))
        _write(
            handler,
            b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n"
            + lines
            + b"Content-Length: "
            + str(len(body)).encode()
            + b"\r\nConnection: close\r\n\r\n"
            + body,
        )
        handler.close_connection = True

    return route


def compressed(body: bytes, encoding: str, content_type: str = "text/html") -> Callable:
    """Serve ``body`` (already compressed) with ``Content-Encoding: encoding``."""

    def route(handler):
        head = (
            f"HTTP/1.1 200 OK\r\nContent-Type: {content_type}\r\nContent-Encoding: {encoding}\r\n"
            f"Content-Length: {len(body)}\r\nConnection: close\r\n\r\n"
        ).encode()
        if _write(handler, head):
            view = memoryview(body)
            for start in range(0, len(body), 256 * 1024):
                if not _write(handler, view[start : start + 256 * 1024]):
                    break
        handler.close_connection = True

    return route


# -- bombs: a few MB on the wire, GiBs when inflated --------------------------------------

GIB = 1024**3
_SEGMENT = 16 * 1024 * 1024


@functools.cache
def gzip_bomb(gib: int = 4) -> bytes:
    """``gib`` GiB of zeros as concatenated gzip members (about 1 MB per GiB)."""
    member = gzip.compress(b"\0" * (64 * 1024 * 1024), 9)
    return member * (gib * 16)


@functools.cache
def deflate_bomb(gib: int = 4) -> bytes:
    """``gib`` GiB of zeros as one zlib stream: full-flushed 16 MiB segments repeated.

    After a full flush the compressor's output for the same input is the same,
    so the stream is built from one segment in a fraction of a second (its
    Adler-32 at the very end is wrong; the cap stops reading long before).
    """
    c = zlib.compressobj(9)
    zero = b"\0" * _SEGMENT
    first = c.compress(zero) + c.flush(zlib.Z_FULL_FLUSH)
    segment = c.compress(zero) + c.flush(zlib.Z_FULL_FLUSH)
    n = gib * GIB // _SEGMENT
    return first + segment * (n - 1) + c.flush()


@functools.cache
def brotli_bomb(gib: int = 1) -> bytes:
    """``gib`` GiB of zeros as brotli (a few kB: brotli needs no tricks)."""
    import brotli

    c = brotli.Compressor(quality=5)
    zero = b"\0" * _SEGMENT
    parts = [c.process(zero) for _ in range(gib * GIB // _SEGMENT)]
    parts.append(c.finish())
    return b"".join(parts)


# -- hostile content ----------------------------------------------------------------------


def pdf_with_pages(pages: int) -> bytes:
    from pypdf import PdfWriter

    writer = PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(width=72, height=72)
    writer.add_metadata({"/Title": f"A PDF of {pages} pages"})
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def invalid_utf8_header(handler) -> None:
    body = html("Odd headers").encode()
    _write(
        handler,
        b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=\xff\xfe\r\nX-Odd: caf\xc3\x28 \xff\xfe\x00\r\n"
        b"Content-Length: " + str(len(body)).encode() + b"\r\nConnection: close\r\n\r\n" + body,
    )
    handler.close_connection = True


# -- the proxy that makes a "public" address answer from loopback -------------------------


def proxied(routes: dict[str, Page | Callable]) -> Callable:
    """A forward-proxy fallback: route absolute-URI requests (``GET http://host/path``)."""

    def route(handler):
        target = routes.get(handler.path)
        if target is None:
            target = (
                Page("User-agent: *\nAllow: /\n", content_type="text/plain")
                if handler.path.endswith("/robots.txt")
                else Page(html("Not here"), status=404)
            )
        if callable(target):
            target(handler)
        else:
            handler.send_page(target)

    return route


# -- running and measuring the crawl ----------------------------------------------------


def linkhealth_cmd(db: str, *args: str, probe: str | None = None) -> list[str]:
    cmd = [sys.executable, "-m", "linkhealth", "check", "--db", db, *FAST, *args]
    if probe:
        cmd += ["-s", f"LINKHEALTH_CONNECTIVITY_PROBE={probe}"]
    return cmd


class Measured:
    """A finished crawl process: exit code, output, wall time, peak RSS (MiB), RSS samples."""

    def __init__(
        self,
        returncode: int,
        stdout: str,
        stderr: str,
        wall: float,
        peak_rss_mb: float,
        samples: list[tuple[float, float]],
    ):
        self.returncode = returncode
        self.stdout = stdout
        self.stderr = stderr
        self.wall = wall
        self.peak_rss_mb = peak_rss_mb
        self.samples = samples  # (seconds since start, RSS MiB)


def _rss_mb(pid: int) -> float | None:
    try:
        with open(f"/proc/{pid}/status") as fh:
            for line in fh:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        return None
    return None


def run_measured(
    cmd: list[str], *, timeout: float = 300, env: dict | None = None, sample_every: float = 0.25, cwd: Path = ROOT
) -> Measured:
    """Run ``cmd``, sampling its RSS; the peak comes from the kernel (wait4's ru_maxrss)."""
    started = time.monotonic()
    out_path = Path(os.environ.get("TMPDIR", "/tmp")) / f"lh-measured-{os.getpid()}-{time.monotonic_ns()}"
    with open(f"{out_path}.out", "w+b") as out, open(f"{out_path}.err", "w+b") as err:
        proc = subprocess.Popen(cmd, cwd=cwd, stdout=out, stderr=err, env=env)
        samples: list[tuple[float, float]] = []
        status = usage = None
        deadline = started + timeout
        while True:
            pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                break
            rss = _rss_mb(proc.pid)
            if rss is not None:
                samples.append((time.monotonic() - started, rss))
            if time.monotonic() > deadline:
                proc.kill()
                pid, status, usage = os.wait4(proc.pid, 0)
                break
            time.sleep(sample_every)
        proc.returncode = os.waitstatus_to_exitcode(status)
        wall = time.monotonic() - started
        out.seek(0)
        err.seek(0)
        stdout = out.read().decode("utf-8", "replace")
        stderr = err.read().decode("utf-8", "replace")
    for suffix in (".out", ".err"):
        Path(f"{out_path}{suffix}").unlink(missing_ok=True)
    peak = usage.ru_maxrss / 1024 if usage is not None else 0.0
    peak = max([peak] + [s[1] for s in samples])
    return Measured(proc.returncode, stdout, stderr, wall, peak, samples)
