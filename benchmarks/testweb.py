"""A local test web for benchmarks: 20 loopback hosts serving a catalogue's pages.

Two servers over the same generated files:

- **nginx** (Debian's package), run as a foreground child with its own prefix
  and config in the work directory: static files with ETag / Last-Modified
  (nginx answers ``If-None-Match`` with 304 by default), ``return 301`` for
  moved pages, missing files for 404, ``return 410`` and ``return 500``. It is
  far faster than any crawler here (``--wrk`` measures its ceiling).
- **the latency server** (``LatencyServer``, stdlib asyncio streams, HTTP/1.1
  keep-alive): the same routes and validators, but every response waits
  50–300 ms first, as hosts on the real web do. nginx cannot delay without an
  extra module, so latency mode uses this one.

Only loopback addresses are used: hosts are 127.0.0.10 … 127.0.0.29, one
port (8080 unless told otherwise).

The mix (issue): 85 % pages with title, description and Open Graph; 5 % 404;
3 % 410; 4 % 301 (to a page that works); 3 % 500.

Command line (each run is bounded and stops by itself)::

    python benchmarks/testweb.py --size 10000 --wrk            # nginx ceiling with wrk
    python benchmarks/testweb.py --size 1000 --latency --wrk   # latency server ceiling
    python benchmarks/testweb.py --size 1000 --serve 60        # serve for 60 s
"""

from __future__ import annotations

import argparse
import asyncio
import email.utils
import json
import os
import random
import re
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path

HOSTS = 20
FIRST_HOST = 10  # 127.0.0.10 … 127.0.0.29
PORT = 8080
DEFAULT_WORKDIR = Path(os.environ.get("LINKHEALTH_BENCH_DIR", "/tmp/linkhealth-bench"))
SEED = 20251124

#: (category, share, what the server does)
MIX = [
    ("page", 0.85, "200 with title, description, Open Graph"),
    ("not_found", 0.05, "404 (no such file)"),
    ("gone", 0.03, "410 (return 410)"),
    ("moved", 0.04, "301 to a page that works (return 301)"),
    ("server_error", 0.03, "500 (return 500)"),
]

LATENCY_RANGE = (0.050, 0.300)  # seconds, uniform per response: mean 0.175


def host_ip(h: int) -> str:
    return f"127.0.0.{FIRST_HOST + h}"


def host_ips() -> list[str]:
    return [host_ip(h) for h in range(HOSTS)]


# ------------------------------------------------------------------ the site

WORDS = (
    "trafficking health care provider screening referral victim survivor trauma informed "
    "clinical module training webinar guide handbook emergency department nurse physician "
    "social worker indicators labour exploitation consent interpreter confidentiality "
    "assessment protocol safety planning community resources hotline evidence practice "
    "course learning objectives certificate continuing education credits outreach"
).split()


def _sentence(rng: random.Random, n: int) -> str:
    words = [rng.choice(WORDS) for _ in range(n)]
    return " ".join(words).capitalize() + "."


def page_html(i: int, url: str, rng: random.Random) -> tuple[str, str, str]:
    """A catalogue page of 6–40 KB: title, meta description, Open Graph, a real-ish body."""
    kind = rng.choice(["training", "webinar", "video", "guide", "handbook"])
    title = f"{_sentence(rng, 5)[:-1]} — {kind} {i}"
    desc = _sentence(rng, 22)
    og = [
        f'<meta property="og:title" content="{title}">',
        f'<meta property="og:description" content="{desc}">',
        f'<meta property="og:type" content="{"video.other" if kind in ("video", "webinar") else "article"}">',
        f'<meta property="og:url" content="{url}">',
        f'<meta property="og:image" content="{url.rsplit("/", 2)[0]}/static/cover-{i % 50}.jpg">',
        '<meta property="og:site_name" content="Benchmark Health Learning">',
    ]
    if kind in ("video", "webinar"):
        og.append(f'<meta property="video:duration" content="{rng.randint(5, 120) * 60}">')
    nav = "".join(f'<li><a href="/section/{k}">{rng.choice(WORDS).title()}</a></li>' for k in range(25))
    target = rng.randint(6_000, 40_000)
    paras = []
    size = 0
    while size < target:
        p = f"<p>{' '.join(_sentence(rng, rng.randint(8, 30)) for _ in range(rng.randint(2, 6)))}</p>\n"
        paras.append(p)
        size += len(p)
    body = (
        '<!doctype html>\n<html lang="en"><head><meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{title}</title>\n"
        f'<meta name="description" content="{desc}">\n' + "\n".join(og) + f'\n<link rel="canonical" href="{url}">\n'
        '<link rel="stylesheet" href="/static/site.css"><script src="/static/site.js" defer></script>\n'
        "</head><body>\n"
        f'<header><a href="/">Benchmark Health Learning</a><nav><ul>{nav}</ul></nav></header>\n'
        f"<main><article><h1>{title}</h1>\n" + "".join(paras) + "</article></main>\n"
        '<footer><p>© Benchmark Health Learning</p><a href="/privacy">Privacy</a></footer>\n'
        "</body></html>\n"
    )
    return body, title, desc


@dataclass
class Site:
    root: Path
    size: int
    port: int

    @property
    def manifest(self) -> Path:
        return self.root / "manifest.json"

    def rows(self) -> list[dict]:
        return json.loads(self.manifest.read_text())["resources"]

    def urls_file(self) -> Path:
        return self.root / "urls.txt"


def categories(size: int, seed: int = SEED) -> list[str]:
    """Exactly the mix's shares (rounded), shuffled deterministically."""
    cats: list[str] = []
    for name, share, _ in MIX[1:]:
        cats += [name] * round(size * share)
    cats += ["page"] * (size - len(cats))
    random.Random(seed).shuffle(cats)
    return cats


def build_site(size: int, workdir: Path = DEFAULT_WORKDIR, port: int = PORT, force: bool = False) -> Site:
    """Generate (once per size) the files of every host and the manifest."""
    root = workdir / f"site-{size}-{port}"
    site = Site(root, size, port)
    if site.manifest.exists() and not force:
        return site
    if root.exists():
        shutil.rmtree(root)
    started = time.perf_counter()
    rng = random.Random(SEED + size)
    for h in range(HOSTS):
        d = root / "hosts" / f"h{h:02d}"
        (d / "p").mkdir(parents=True)
        (d / "robots.txt").write_text("User-agent: *\nAllow: /\n")
        (d / "index.html").write_text("<!doctype html><title>Benchmark host</title><h1>Home</h1>")
    resources = []
    cats = categories(size)
    for i, cat in enumerate(cats):
        h = i % HOSTS
        base = f"http://{host_ip(h)}:{port}"
        d = root / "hosts" / f"h{h:02d}"
        if cat == "page":
            url = f"{base}/p/{i:06d}.html"
            body, title, desc = page_html(i, url, rng)
            (d / "p" / f"{i:06d}.html").write_text(body)
        elif cat == "moved":
            url = f"{base}/old/{i:06d}.html"
            target = f"{base}/p/{i:06d}-moved.html"
            body, title, desc = page_html(i, target, rng)
            (d / "p" / f"{i:06d}-moved.html").write_text(body)
        elif cat == "not_found":
            url, title, _desc = f"{base}/p/{i:06d}.html", f"Missing resource {i}", None
        elif cat == "gone":
            url, title, _desc = f"{base}/gone/{i:06d}.html", f"Withdrawn resource {i}", None
        else:
            url, title, _desc = f"{base}/err/{i:06d}.html", f"Flaky resource {i}", None
        resources.append({"id": f"r{i:06d}", "url": url, "title": title, "category": cat})
    site.manifest.write_text(json.dumps({"size": size, "port": port, "seed": SEED, "resources": resources}))
    site.urls_file().write_text("".join(r["url"] + "\n" for r in resources))
    print(f"testweb: generated {size} resources in {root} ({time.perf_counter() - started:.1f} s)", file=sys.stderr)
    return site


# ------------------------------------------------------------------ nginx

LOG_FORMAT = "$server_addr $status $bytes_sent $request_length $request_uri"


def nginx_config(site: Site, rundir: Path, workers: int | str = "auto", lift_linkchecker: bool = False) -> str:
    """``lift_linkchecker``: every answer carries a ``LinkChecker`` header, LinkChecker's
    own sign that a host may be checked without its per-host wait (0.1–0.6 s between
    requests whatever ``maxrequestspersecond`` says): how its lifted row is measured."""
    servers = []
    for h in range(HOSTS):
        servers.append(
            f"""
    server {{
        listen {host_ip(h)}:{site.port} reuseport;
        server_name _;
        root {site.root}/hosts/h{h:02d};
        location = /robots.txt {{ }}
        location /gone/ {{ return 410; }}
        location /err/ {{ return 500; }}
        location ~ ^/old/(\\d+)\\.html$ {{ return 301 /p/$1-moved.html; }}
        location / {{ index index.html; try_files $uri $uri/ =404; }}
    }}"""
        )
    tmp = rundir / "tmp"
    return f"""# generated by benchmarks/testweb.py: do not edit
daemon off;
master_process on;
worker_processes {workers};
pid {rundir}/nginx.pid;
error_log {rundir}/error.log warn;
worker_rlimit_nofile 16384;
events {{ worker_connections 8192; multi_accept on; }}
http {{
    types {{ text/html html; text/plain txt; image/jpeg jpg; }}
    default_type application/octet-stream;
    log_format bench '{LOG_FORMAT}';
    access_log {rundir}/access.log bench;
    sendfile on;
    tcp_nopush on;
    tcp_nodelay on;
    keepalive_timeout 65;
    keepalive_requests 1000000;
    open_file_cache max=200000 inactive=60s;
    etag on;
    server_tokens off;{chr(10) + "    add_header LinkChecker lifted always;" if lift_linkchecker else ""}
    client_body_temp_path {tmp}/body;
    proxy_temp_path {tmp}/proxy;
    fastcgi_temp_path {tmp}/fastcgi;
    uwsgi_temp_path {tmp}/uwsgi;
    scgi_temp_path {tmp}/scgi;
{"".join(servers)}
}}
"""


def check_ports_free(port: int) -> None:
    for ip in host_ips():
        s = socket.socket()
        try:
            s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            s.bind((ip, port))
        except OSError as exc:
            raise SystemExit(f"testweb: {ip}:{port} is in use ({exc}); pass another --port")
        finally:
            s.close()


def wait_listening(port: int, timeout: float = 10.0) -> None:
    deadline = time.monotonic() + timeout
    for ip in host_ips():
        while True:
            try:
                socket.create_connection((ip, port), timeout=1).close()
                break
            except OSError:
                if time.monotonic() > deadline:
                    raise RuntimeError(f"testweb: {ip}:{port} did not start listening")
                time.sleep(0.05)


class Server:
    """A started test web: ``with start_server(site, latency=False) as web: ...``."""

    access_log: Path

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.stop()

    def stop(self) -> None:  # pragma: no cover - overridden
        raise NotImplementedError

    def log_offset(self) -> int:
        self.flush_log()
        return self.access_log.stat().st_size if self.access_log.exists() else 0

    def traffic(self, since: int = 0) -> dict:
        """Requests, bytes sent (headers included) and statuses from the access log after ``since``."""
        self.flush_log()
        requests = sent = received = 0
        statuses: dict[str, int] = {}
        with open(self.access_log, "rb") as f:
            f.seek(since)
            for line in f:
                parts = line.split(b" ", 4)
                if len(parts) < 4:
                    continue
                requests += 1
                statuses[parts[1].decode()] = statuses.get(parts[1].decode(), 0) + 1
                sent += int(parts[2])
                received += int(parts[3])
        out = {"requests": requests, "bytes_sent": sent, "bytes_received": received, "statuses": statuses}
        inflight = self.access_log.with_name("inflight.json")
        if inflight.exists():  # the latency server counts requests in hand per host
            stats = json.loads(inflight.read_text())
            out["max_inflight_per_host"] = max(stats["max_inflight"].values(), default=0)
            out["mean_delay_s"] = stats["mean_delay"]
        return out

    def flush_log(self) -> None:
        pass

    def cpu_seconds(self) -> float:
        """CPU time (user + system) the server's processes have used so far."""
        pids = [self.proc.pid]
        try:
            for task in Path(f"/proc/{self.proc.pid}/task").iterdir():
                pids += [int(x) for x in (task / "children").read_text().split()]
        except OSError:
            pass
        total = 0
        for pid in pids:
            try:
                stat = Path(f"/proc/{pid}/stat").read_text()
                fields = stat[stat.rindex(")") + 2 :].split()
                total += int(fields[11]) + int(fields[12])  # utime, stime
            except (OSError, ValueError, IndexError):
                continue
        return total / os.sysconf("SC_CLK_TCK")


class NginxServer(Server):
    def __init__(self, site: Site, rundir: Path, workers: int | str = "auto", lift_linkchecker: bool = False):
        self.site = site
        self.rundir = rundir
        rundir.mkdir(parents=True, exist_ok=True)
        (rundir / "tmp").mkdir(exist_ok=True)
        os.chmod(rundir, 0o755)
        self.access_log = rundir / "access.log"
        self.config = rundir / "nginx.conf"
        self.config.write_text(nginx_config(site, rundir, workers, lift_linkchecker))
        nginx = shutil.which("nginx") or "/usr/sbin/nginx"
        check_ports_free(site.port)
        test = subprocess.run(
            [nginx, "-t", "-q", "-p", str(rundir), "-e", str(rundir / "error.log"), "-c", str(self.config)],
            capture_output=True,
            text=True,
            timeout=30,
        )
        if test.returncode != 0:
            raise RuntimeError(f"nginx -t failed:\n{test.stderr}")
        self.proc = subprocess.Popen(
            [nginx, "-p", str(rundir), "-e", str(rundir / "error.log"), "-c", str(self.config)],
            stdout=subprocess.DEVNULL,
            stderr=open(rundir / "nginx.stderr", "ab"),
        )
        try:
            wait_listening(site.port)
        except Exception:
            self.stop()
            raise

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)  # fast shutdown
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(timeout=10)


# ------------------------------------------------------------------ latency server

_REASONS = {
    200: "OK",
    301: "Moved Permanently",
    304: "Not Modified",
    404: "Not Found",
    410: "Gone",
    500: "Internal Server Error",
    400: "Bad Request",
    405: "Method Not Allowed",
}
_OLD = re.compile(r"^/old/(\d+)\.html$")


def _error_body(status: int) -> bytes:
    reason = _REASONS.get(status, "")
    return (
        f"<html>\r\n<head><title>{status} {reason}</title></head>\r\n<body>\r\n"
        f"<center><h1>{status} {reason}</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n"
    ).encode()


class _LatencyWeb:
    """The nginx routes, served by asyncio, each answer after a random 50–300 ms."""

    def __init__(self, site: Site, latency: tuple[float, float], log_path: Path, seed: int = SEED):
        self.site = site
        self.latency = latency
        self.rng = random.Random(seed)
        self.log = open(log_path, "ab", buffering=1 << 16)
        #: when each request arrived and when its answer was sent (wall clock), to see
        #: where a crawl leaves a host idle (``run.py`` reads it in latency mode)
        self.timeline = open(log_path.with_name("timeline.log"), "ab", buffering=1 << 16)
        self.stats_path = log_path.with_name("inflight.json")
        self.inflight: dict[str, int] = {}  # requests being answered, per host
        self.max_inflight: dict[str, int] = {}
        self.delays = [0.0, 0]  # sum of the waits, responses

    def flush(self) -> None:
        """Flush the access log and write the most requests any host had in hand at once (since the last flush)."""
        self.log.flush()
        self.timeline.flush()
        self.stats_path.write_text(
            json.dumps(
                {
                    "max_inflight": self.max_inflight,
                    "mean_delay": self.delays[0] / self.delays[1] if self.delays[1] else None,
                }
            )
        )
        self.max_inflight = dict(self.inflight)
        self.delays = [0.0, 0]

    def route(self, host_dir: Path, method: str, target: str, headers: dict[str, str]):
        path = target.split("?", 1)[0]
        extra: dict[str, str] = {}
        if path.startswith("/gone/"):
            return 410, extra, _error_body(410)
        if path.startswith("/err/"):
            return 500, extra, _error_body(500)
        m = _OLD.match(path)
        if m:
            extra["Location"] = f"http://{headers.get('host', '')}/p/{m.group(1)}-moved.html"
            return 301, extra, _error_body(301)
        if path.endswith("/"):
            path += "index.html"
        fs = host_dir / path.lstrip("/")
        if ".." in path or not fs.is_file():
            return 404, extra, _error_body(404)
        st = fs.stat()
        etag = f'"{int(st.st_mtime):x}-{st.st_size:x}"'
        extra["ETag"] = etag
        extra["Last-Modified"] = email.utils.formatdate(int(st.st_mtime), usegmt=True)
        extra["Content-Type"] = "text/plain" if path.endswith(".txt") else "text/html"
        inm = headers.get("if-none-match")
        if inm and (inm.strip() == "*" or etag in [t.strip() for t in inm.split(",")]):
            return 304, extra, b""
        return 200, extra, fs.read_bytes()

    async def handle(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter):
        local_ip = writer.get_extra_info("sockname")[0]
        h = int(local_ip.rsplit(".", 1)[1]) - FIRST_HOST
        host_dir = self.site.root / "hosts" / f"h{h:02d}"
        try:
            while True:
                try:
                    head = await asyncio.wait_for(reader.readuntil(b"\r\n\r\n"), timeout=65)
                except (asyncio.IncompleteReadError, asyncio.TimeoutError, asyncio.LimitOverrunError, ConnectionError):
                    return
                lines = head.decode("latin-1").split("\r\n")
                try:
                    method, target, version = lines[0].split(" ", 2)
                except ValueError:
                    return
                headers = {}
                for line in lines[1:]:
                    if ":" in line:
                        k, v = line.split(":", 1)
                        headers[k.strip().lower()] = v.strip()
                length = int(headers.get("content-length") or 0)
                if length:
                    await reader.readexactly(length)
                arrived = time.time()
                n = self.inflight[local_ip] = self.inflight.get(local_ip, 0) + 1
                if n > self.max_inflight.get(local_ip, 0):
                    self.max_inflight[local_ip] = n
                try:
                    if self.latency[1] > 0:
                        delay = self.rng.uniform(*self.latency)
                        self.delays[0] += delay
                        self.delays[1] += 1
                        await asyncio.sleep(delay)
                    status, extra, body = self.route(host_dir, method, target, headers)
                finally:
                    self.inflight[local_ip] -= 1
                close = headers.get("connection", "").lower() == "close" or version == "HTTP/1.0"
                hdr = [
                    f"HTTP/1.1 {status} {_REASONS.get(status, '')}",
                    "Server: testweb",
                    f"Date: {email.utils.formatdate(usegmt=True)}",
                ]
                if status != 304:
                    hdr.append(f"Content-Length: {len(body)}")
                    extra.setdefault("Content-Type", "text/html")
                hdr += [f"{k}: {v}" for k, v in extra.items()]
                hdr.append("Connection: close" if close else "Connection: keep-alive")
                data = ("\r\n".join(hdr) + "\r\n\r\n").encode("latin-1")
                if method != "HEAD" and status != 304:
                    data += body
                writer.write(data)
                await writer.drain()
                self.log.write(f"{local_ip} {status} {len(data)} {len(head) + length} {target}\n".encode())
                self.timeline.write(f"{local_ip} {arrived:.4f} {time.time():.4f}\n".encode())
                if close:
                    return
        except ConnectionError:
            return
        finally:
            try:
                writer.close()
            except Exception:
                pass

    async def serve(self, port: int, started: threading.Event, stop: asyncio.Event):
        servers = [
            await asyncio.start_server(self.handle, ip, port, reuse_address=True, backlog=1024) for ip in host_ips()
        ]
        started.set()
        await stop.wait()
        for s in servers:
            s.close()
        self.log.flush()
        self.timeline.flush()


class LatencyServer(Server):
    """The latency web in a separate process (so it never shares the crawler's GIL)."""

    def __init__(self, site: Site, rundir: Path, latency: tuple[float, float] = LATENCY_RANGE):
        rundir.mkdir(parents=True, exist_ok=True)
        self.site = site
        self.access_log = rundir / "access.log"
        check_ports_free(site.port)
        self.proc = subprocess.Popen(
            [
                sys.executable,
                __file__,
                "--size",
                str(site.size),
                "--port",
                str(site.port),
                "--workdir",
                str(site.root.parent),
                "--latency-child",
                str(self.access_log),
                "--latency-range",
                f"{latency[0]},{latency[1]}",
            ],
            stdout=subprocess.DEVNULL,
            stderr=open(rundir / "latency.stderr", "ab"),
        )
        try:
            wait_listening(site.port)
        except Exception:
            self.stop()
            raise

    def flush_log(self) -> None:
        # the child flushes its log buffer on SIGUSR1
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGUSR1)
            time.sleep(0.3)

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(timeout=10)


def _latency_child(site: Site, log_path: Path, latency: tuple[float, float], max_seconds: float) -> None:
    web = _LatencyWeb(site, latency, log_path)

    async def main():
        loop = asyncio.get_running_loop()
        stop = asyncio.Event()
        loop.add_signal_handler(signal.SIGTERM, stop.set)
        loop.add_signal_handler(signal.SIGINT, stop.set)
        loop.add_signal_handler(signal.SIGUSR1, web.flush)
        loop.call_later(max_seconds, stop.set)  # never outlives its bound
        await web.serve(site.port, threading.Event(), stop)

    asyncio.run(main())


def start_server(
    site: Site,
    rundir: Path,
    latency: bool = False,
    workers: int | str = "auto",
    latency_range: tuple[float, float] = LATENCY_RANGE,
    lift_linkchecker: bool = False,
) -> Server:
    if latency:
        return LatencyServer(site, rundir, latency_range)
    return NginxServer(site, rundir, workers, lift_linkchecker)


# ------------------------------------------------------------------ ceiling


def wrk_ceiling(site: Site, threads: int = 2, connections: int = 64, seconds: int = 10) -> dict:
    """Requests/s the server sustains for a typical page (wrk, bounded by ``seconds``)."""
    wrk = shutil.which("wrk")
    if not wrk:
        raise SystemExit("wrk is not installed (apt-get install wrk)")
    page = next(r["url"] for r in site.rows() if r["category"] == "page")
    out = subprocess.run(
        [wrk, f"-t{threads}", f"-c{connections}", f"-d{seconds}s", "--latency", page],
        capture_output=True,
        text=True,
        timeout=seconds + 30,
    )
    m = re.search(r"Requests/sec:\s+([\d.]+)", out.stdout)
    t = re.search(r"Transfer/sec:\s+([\d.]+\w+)", out.stdout)
    return {
        "url": page,
        "requests_per_second": float(m.group(1)) if m else None,
        "transfer_per_second": t.group(1) if t else None,
        "output": out.stdout,
    }


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--size", type=int, default=1000)
    ap.add_argument("--port", type=int, default=PORT)
    ap.add_argument("--workdir", type=Path, default=DEFAULT_WORKDIR)
    ap.add_argument("--latency", action="store_true", help="serve with 50–300 ms per response (asyncio server)")
    ap.add_argument("--wrk", action="store_true", help="measure the server's ceiling with wrk (10 s)")
    ap.add_argument("--wrk-connections", type=int, default=64)
    ap.add_argument("--serve", type=float, metavar="SECONDS", help="serve for this long, then stop")
    ap.add_argument("--workers", default="auto", help="nginx worker_processes")
    ap.add_argument("--latency-child", type=Path, help=argparse.SUPPRESS)
    ap.add_argument(
        "--latency-range",
        default="0.05,0.3",
        help="LO,HI seconds of the latency server's delay (0,0: none, to measure its ceiling)",
    )
    args = ap.parse_args(argv)
    site = build_site(args.size, args.workdir, args.port)
    lo, hi = (float(x) for x in args.latency_range.split(","))
    if args.latency_child:
        _latency_child(site, args.latency_child, (lo, hi), max_seconds=4 * 3600)
        return
    rundir = args.workdir / f"web-{os.getpid()}"
    with start_server(site, rundir, latency=args.latency, workers=args.workers, latency_range=(lo, hi)):
        kind = "latency server" if args.latency else "nginx"
        print(f"{kind} serving {args.size} resources on {host_ip(0)}..{host_ip(HOSTS - 1)}:{args.port}")
        if args.wrk:
            result = wrk_ceiling(site, connections=args.wrk_connections)
            print(result["output"])
            print(f"ceiling ({kind}): {result['requests_per_second']:.0f} requests/s")
        if args.serve:
            time.sleep(min(args.serve, 3600))
    shutil.rmtree(rundir, ignore_errors=True)


if __name__ == "__main__":
    main()
