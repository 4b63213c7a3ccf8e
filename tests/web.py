"""A local test web: several hosts on loopback (127.0.0.x), each a threaded
HTTP server with a route table, for end-to-end crawls with no network.

A route is a path (with query) mapped to a :class:`Page`, or to a callable
``(handler) -> None`` for behaviours a static page cannot show (stalls,
resets, conditional requests).
"""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass
class Page:
    body: bytes | str = b""
    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)
    content_type: str = "text/html; charset=utf-8"

    def payload(self) -> bytes:
        return self.body.encode("utf-8") if isinstance(self.body, str) else self.body


def html(title: str, text: str = "", head: str = "") -> str:
    return (
        f"<!doctype html><html><head><meta charset='utf-8'><title>{title}</title>{head}</head>"
        f"<body><h1>{title}</h1><p>{text or 'Content of ' + title}</p></body></html>"
    )


def redirect(location: str, status: int = 301) -> Page:
    return Page(b"", status=status, headers={"Location": location})


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "linkhealth-testweb"

    def log_message(self, *args):  # quiet
        pass

    def do_GET(self):
        site: Site = self.server.site  # type: ignore[attr-defined]
        site.hits.append(self.path)
        route = site.routes.get(self.path)
        if route is None:
            route = site.routes.get(self.path.split("?", 1)[0])
        if route is None:
            route = site.fallback
        if route is None:
            route = Page(html("Not Found", "No such page"), status=404)
        if callable(route):
            route(self)
            return
        self.send_page(route)

    do_HEAD = do_GET

    def send_page(self, page: Page) -> None:
        body = page.payload()
        self.send_response(page.status)
        headers = {"Content-Type": page.content_type, **page.headers}
        for name, value in headers.items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address):
        """A crawler that hangs up on a stalling or trickling route is what fault tests
        provoke: not worth a traceback on stderr, which a later test may be capturing."""
        import sys

        if isinstance(sys.exc_info()[1], ConnectionError):
            return
        super().handle_error(request, client_address)


class Site:
    """One host of the test web: ``Site("127.0.0.2", routes)``, started as a context manager."""

    def __init__(
        self, host: str = "127.0.0.1", routes: dict | None = None, fallback=None, robots: str | None = "", port: int = 0
    ):
        self.host = host
        self.routes: dict[str, Page | Callable] = dict(routes or {})
        if robots is not None and "/robots.txt" not in self.routes:
            self.routes["/robots.txt"] = Page(robots or "User-agent: *\nAllow: /\n", content_type="text/plain")
        self.fallback = fallback
        self.hits: list[str] = []
        self.server = _Server((host, port), _Handler)
        self.server.site = self  # type: ignore[attr-defined]
        self.port = self.server.server_address[1]
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def base(self) -> str:
        return f"http://{self.host}:{self.port}"

    def url(self, path: str) -> str:
        return self.base + path

    def start(self) -> Site:
        self.thread.start()
        return self

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()

    def __enter__(self) -> Site:
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()


# -- behaviours ---------------------------------------------------------------


def stall(seconds: float) -> Callable:
    """Accept, then say nothing for ``seconds`` (a timeout for any shorter budget)."""

    def route(handler):
        time.sleep(seconds)

    return route


def reset(handler) -> None:
    """Close the connection with a TCP reset before any response."""
    handler.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, b"\x01\x00\x00\x00\x00\x00\x00\x00")
    handler.connection.close()
    handler.close_connection = True


def drop_mid_body(handler) -> None:
    """Promise 100 kB, send 1 kB, hang up."""
    handler.send_response(200)
    handler.send_header("Content-Type", "text/html")
    handler.send_header("Content-Length", "100000")
    handler.end_headers()
    handler.wfile.write(b"<html><head><title>Cut short</title></head><body>" + b"x" * 1000)
    handler.wfile.flush()
    handler.connection.shutdown(socket.SHUT_RDWR)
    handler.close_connection = True


def conditional(page: Page, etag: str) -> Callable:
    """Serve ``page`` with an ETag; answer 304 to a matching If-None-Match."""

    def route(handler):
        if handler.headers.get("If-None-Match") == etag:
            handler.send_response(304)
            handler.send_header("ETag", etag)
            handler.send_header("Content-Length", "0")
            handler.end_headers()
            return
        handler.send_page(Page(page.body, page.status, {**page.headers, "ETag": etag}, page.content_type))

    return route


def closed_port(host: str = "127.0.0.1") -> int:
    """A port on ``host`` that nothing listens on (connection refused)."""
    s = socket.socket()
    s.bind((host, 0))
    port = s.getsockname()[1]
    s.close()
    return port
