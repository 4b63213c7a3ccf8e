"""One command for the crawl benchmark: build a catalogue, serve it locally, crawl it, measure.

    python benchmarks/run.py --size 10000                     # linkhealth check --all, nginx
    python benchmarks/run.py --size 10000 --repeat 3          # medians of 3
    python benchmarks/run.py --size 10000 --latency           # 50–300 ms per response
    python benchmarks/run.py --size 10000 --second-pass       # re-crawl: conditional requests
    python benchmarks/run.py --size 10000 --bare              # the bare Scrapy spider, same web
    python benchmarks/run.py --size 10000 --beside-bare       # each run: the bare spider, then linkhealth
    python benchmarks/run.py --size 10000 --profile py-spy    # profile the crawl (or: cprofile)

Each run: copy a fresh catalogue.db (built once per size with
``linkhealth.store.Store.import_rows``) into a temp dir, start the test web
(``testweb.py``), run ``linkhealth check --all --db … -s …`` as a child
process and measure

- wall time, and URLs/s (resources checked ÷ wall time);
- CPU seconds of the child (``os.wait4`` rusage: user + system, its own
  descendants included), per 1,000 URLs;
- peak RSS of the child (``ru_maxrss``);
- bytes the server sent (its access log: ``$bytes_sent``, headers included);
- store-write time (the crawl's ``linkhealth/store_seconds`` stat, from the
  stats Scrapy dumps into the log at the end).

Benchmark settings that lift politeness are passed with ``-s`` and printed;
the project's defaults stay polite. Everything is loopback (127.0.0.10-29),
every crawl has a time limit, and the servers stop when the command ends.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import signal
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(HERE))

import testweb  # noqa: E402

OUT = HERE / "out"

#: what each category of the mix must be judged as
EXPECTED_OUTCOME = {
    "page": "ok",
    "moved": "moved",
    "not_found": "not_found",
    "gone": "gone",
    "server_error": "server_error",
}


# ------------------------------------------------------------------ the catalogue


def catalogue_template(site: testweb.Site, workdir: Path) -> Path:
    """A catalogue.db holding the site's resources, built once per size (then copied per run)."""
    path = workdir / f"catalogue-{site.size}-{site.port}.db"
    if path.exists():
        return path
    from linkhealth.store import Store

    started = time.perf_counter()
    tmp = path.with_suffix(".building")
    for suffix in ("", "-wal", "-shm"):
        Path(str(tmp) + suffix).unlink(missing_ok=True)
    store = Store(tmp)
    try:
        rows = [
            (
                f"resource {r['id']}",
                {
                    "id": r["id"],
                    "url": r["url"],
                    "title": r["title"],
                    "provider": "Benchmark Health Learning",
                    "kind": "guide",
                },
            )
            for r in site.rows()
        ]
        store.import_rows(rows, source="benchmark")
        store.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        store.close()
    tmp.rename(path)
    print(f"catalogue: {site.size} resources imported in {time.perf_counter() - started:.1f} s", file=sys.stderr)
    return path


def copy_catalogue(template: Path, rundir: Path) -> Path:
    db = rundir / "catalogue.db"
    shutil.copyfile(template, db)
    return db


# ------------------------------------------------------------------ settings


def code_fingerprint() -> dict:
    """Which crawler code was measured: git HEAD plus a hash of the working tree's Python files."""
    import hashlib

    h = hashlib.sha256()
    for folder in ("crawler", "pipelines", "linkhealth", "schedules"):
        for f in sorted((REPO / folder).rglob("*.py")):
            h.update(str(f.relative_to(REPO)).encode() + b"\0" + f.read_bytes())
    try:
        head = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], cwd=REPO, capture_output=True, text=True, timeout=10
        ).stdout.strip()
    except Exception:
        head = None
    return {"git_head": head, "tree_sha256": h.hexdigest()[:16]}


def benchmark_settings(args, port: int) -> dict[str, str]:
    """The -s overrides of this run (printed with the results)."""
    # a URL that answers 200: the crawler's probe counts any HTTP error as "offline"
    probe = f"http://{testweb.host_ip(0)}:{port}/robots.txt"
    if args.linkchecker:
        return {}  # its settings are in linkchecker_config()
    if args.bare:
        s = {}
        if not args.polite:
            s.update(CONCURRENT_REQUESTS=str(args.concurrency), CONCURRENT_REQUESTS_PER_DOMAIN=str(args.per_host))
    elif args.polite:
        # the project's politeness as is; only the network check is made local
        s = {"LINKHEALTH_CONNECTIVITY_PROBE": probe}
    else:
        s = {
            "AUTOTHROTTLE_ENABLED": "False",
            "CONCURRENT_REQUESTS": str(args.concurrency),
            "CONCURRENT_REQUESTS_PER_DOMAIN": str(args.per_host),
            "LINKHEALTH_CONNECTIVITY_PROBE": probe,
        }
    for item in args.set:
        name, value = item.split("=", 1)
        s[name] = value
    return s


def linkchecker_config(args, rundir: Path) -> Path:
    """LinkChecker's configuration for the peer run: the start URLs only (no recursion),
    ``--threads`` threads, and its per-host throttle lifted, as the issue's table measured
    it: ``maxrequestspersecond`` raised, and the web's ``LinkChecker`` header (see
    ``testweb.nginx_config``) lifting its floor of 0.1–0.6 s between a host's requests."""
    conf = rundir / "linkcheckerrc"
    conf.write_text(
        f"[checking]\nthreads={args.threads}\nrecursionlevel=0\nmaxrequestspersecond=100000\n[output]\nstatus=0\n"
    )
    os.chmod(rundir, 0o755)  # LinkChecker run as root drops to "nobody", who must read it
    return conf


def crawl_command(args, db: Path, settings: dict[str, str], site: testweb.Site, rundir: Path) -> list[str]:
    if args.linkchecker:
        return [args.linkchecker, "-f", str(linkchecker_config(args, rundir)), "--no-warnings", "-o", "text", "--stdin"]
    if args.bare:
        cmd = [
            sys.executable,
            str(HERE / "bare_spider.py"),
            str(site.urls_file()),
            "--processes",
            str(args.bare_processes),
        ]
    else:
        cmd = [sys.executable, "-m", "linkhealth", "check", "--all", "--db", str(db)]
        if getattr(args, "redis_url", None):  # benchmarks/scaling.py: the writer and N local workers
            cmd += ["--redis", args.redis_url, "--workers", str(args.redis_workers)]
        # `check` writes its log to a file of its own unless a LOG_ setting is given; on
        # stderr, as the bare spider's, the stats it dumps (the store's seconds) are read back
        settings = {"LOG_LEVEL": "INFO", **settings}
    for name, value in settings.items():
        cmd += ["-s", f"{name}={value}"]
    if args.profile == "cprofile":
        cmd = [cmd[0], "-m", "cProfile", "-o", str(rundir / "crawl.prof")] + cmd[1:]
    elif args.profile == "py-spy":
        pyspy = shutil.which("py-spy") or str(Path(sys.executable).parent / "py-spy")
        cmd = [
            pyspy,
            "record",
            "--rate",
            "100",
            "--format",
            "raw",
            "-o",
            str(rundir / "crawl.pyspy.txt"),
            "--nonblocking",
            "--",
        ] + cmd
    return cmd


# ------------------------------------------------------------------ one crawl

STATS_RE = re.compile(r"'([\w/.\-]+)': (-?[\d.]+)[,}\n]")


def scrapy_stats(log: str) -> dict[str, float]:
    """The numeric stats Scrapy dumps into the log when the crawl closes."""
    i = log.rfind("Dumping Scrapy stats")
    if i < 0:
        return {}
    return {k: float(v) for k, v in STATS_RE.findall(log[i:])}


def machine_cpu() -> tuple[float, float]:
    """CPU seconds the whole machine spent busy, and stolen by the hypervisor (/proc/stat)."""
    try:
        fields = [int(x) for x in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    except (OSError, ValueError):
        return 0.0, 0.0
    hz = os.sysconf("SC_CLK_TCK")
    user, nice, system, idle, iowait, irq, softirq, steal = (fields + [0] * 8)[:8]
    return (user + nice + system + irq + softirq) / hz, steal / hz


def group_rss_kb(pgid: int) -> int:
    """Resident memory of every process in the crawl's process group (kB), from /proc."""
    total = 0
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            stat = Path(entry.path, "stat").read_text()
            fields = stat[stat.rindex(")") + 2 :].split()
            if int(fields[2]) != pgid:  # fields[2] is the pgrp
                continue
            for line in Path(entry.path, "status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1])
        except (OSError, ValueError):
            continue
    return total


def run_child(cmd: list[str], rundir: Path, timeout: float, tag: str, stdin: Path | None = None) -> dict:
    """Run the crawl as a child, bounded by ``timeout``; its own rusage via wait4."""
    feed = open(stdin, "rb") if stdin else subprocess.DEVNULL
    out = open(rundir / f"{tag}.stdout", "wb")
    err = open(rundir / f"{tag}.log", "wb")
    busy0, steal0 = machine_cpu()
    started = time.perf_counter()
    started_at = time.time()
    proc = subprocess.Popen(cmd, cwd=REPO, stdin=feed, stdout=out, stderr=err, start_new_session=True)
    deadline = started + timeout
    timed_out = False
    rss: list[tuple[float, int]] = []  # (seconds since start, kB): is memory flat, or growing?
    next_sample = started
    while True:
        now = time.perf_counter()
        if now >= next_sample:
            rss.append((round(now - started, 1), group_rss_kb(proc.pid)))
            next_sample = now + 1.0
        pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
        if pid:
            break
        if time.perf_counter() > deadline:
            timed_out = True
            os.killpg(proc.pid, signal.SIGTERM)
            time.sleep(5)
            try:
                os.killpg(proc.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            pid, status, usage = os.wait4(proc.pid, 0)
            break
        time.sleep(0.05)
    wall = time.perf_counter() - started
    busy1, steal1 = machine_cpu()
    proc.returncode = os.waitstatus_to_exitcode(status)
    out.close()
    err.close()
    if stdin:
        feed.close()
    return {
        "wall_s": wall,
        "started_at": started_at,
        "ended_at": started_at + wall,
        "cpu_user_s": usage.ru_utime,
        "cpu_sys_s": usage.ru_stime,
        "cpu_s": usage.ru_utime + usage.ru_stime,
        "peak_rss_mb": usage.ru_maxrss / 1024,
        "exit_code": proc.returncode,
        "timed_out": timed_out,
        # the rest of the machine (the test server, and anything else running): a busy
        # neighbour on a 2-core machine shows here, and in wall time but not in CPU s
        "rss_timeline_kb": rss,
        "others_cpu_s": max(0.0, (busy1 - busy0) - (usage.ru_utime + usage.ru_stime)),
        "steal_s": steal1 - steal0,
    }


def host_timeline(path: Path, since: int, result: dict, per_host: int) -> dict | None:
    """Where a latency-mode crawl leaves hosts idle, from the server's timeline of
    (host, arrived, answered) per request.

    ``full_pct``: of the time from the crawl's first request to each host's last
    answer, the share in which that host had its ``per_host`` requests in hand — what
    the politeness bound assumes. ``floor_s``: the busiest host's waits ÷ ``per_host``,
    the least time any polite crawl of this catalogue can take.
    """
    if not path.exists():
        return None
    per: dict[str, list[tuple[float, float]]] = {}
    with open(path, "rb") as f:
        f.seek(since)
        for line in f:
            parts = line.split()
            if len(parts) == 3:
                per.setdefault(parts[0].decode(), []).append((float(parts[1]), float(parts[2])))
    if not per:
        return None
    first = min(a for spans in per.values() for a, _ in spans)
    last = max(d for spans in per.values() for _, d in spans)
    full = []
    for spans in per.values():
        events = sorted([(a, 1) for a, _ in spans] + [(d, -1) for _, d in spans])
        inflight, at, full_s = 0, first, 0.0
        for t, step in events:
            if inflight >= per_host:
                full_s += t - at
            inflight, at = inflight + step, t
        host_end = max(d for _, d in spans)
        full.append(full_s / (host_end - first) if host_end > first else 0.0)
    requests = sum(len(v) for v in per.values())
    return {
        "first_request_after_s": first - result["started_at"],
        "exit_after_last_answer_s": result["ended_at"] - last,
        "span_s": last - first,
        "requests_per_s_in_span": requests / (last - first) if last > first else 0.0,
        "full_pct_mean": 100 * statistics.mean(full),
        "full_pct_min": 100 * min(full),
        "floor_s": max(sum(d - a for a, d in spans) / per_host for spans in per.values()),
        "busiest_host_requests": max(len(v) for v in per.values()),
    }


def run_outcomes(db: Path, site: testweb.Site) -> dict:
    """The last run's outcome counts, and how many visits were judged other than the mix says."""
    con = sqlite3.connect(db)
    try:
        run_id, status = con.execute("select id, status from runs order by id desc limit 1").fetchone()
        counts = dict(con.execute("select outcome, count(*) from checks where run_id = ? group by outcome", [run_id]))
        by_id = dict(con.execute("select resource_id, outcome from checks where run_id = ?", [run_id]))
        store_bytes = con.execute("select coalesce(sum(bytes), 0) from checks where run_id = ?", [run_id]).fetchone()[0]
    finally:
        con.close()
    wrong: dict[str, int] = {}
    for r in site.rows():
        got = by_id.get(r["id"])
        want = EXPECTED_OUTCOME[r["category"]]
        if got not in (want, "not_modified" if want in ("ok", "moved") else want):
            key = f"{r['category']}→{got}"
            wrong[key] = wrong.get(key, 0) + 1
    return {
        "run_id": run_id,
        "run_status": status,
        "outcomes": counts,
        "checked": sum(counts.values()),
        "misjudged": wrong,
        "store_bytes": store_bytes,
    }


def one_crawl(args, site, web, db, settings, rundir: Path, tag: str) -> dict:
    cmd = crawl_command(args, db, settings, site, rundir)
    since = web.log_offset()
    timeline = web.access_log.with_name("timeline.log")
    timeline_since = timeline.stat().st_size if timeline.exists() else 0
    server_cpu = web.cpu_seconds()
    result = run_child(cmd, rundir, args.timeout, tag, stdin=site.urls_file() if args.linkchecker else None)
    result["server_cpu_s"] = web.cpu_seconds() - server_cpu
    result["others_cpu_s"] = max(0.0, result["others_cpu_s"] - result["server_cpu_s"])
    result["traffic"] = web.traffic(since)  # (flushes the server's logs)
    if args.latency:
        result["hosts"] = host_timeline(timeline, timeline_since, result, args.per_host)
    log = (rundir / f"{tag}.log").read_text(errors="replace")
    stats = scrapy_stats(log)
    result["summary"] = (rundir / f"{tag}.stdout").read_text(errors="replace").strip()
    result["command"] = cmd
    if args.linkchecker:
        # "That's it. 10000 links in 10400 URLs checked." (its URLs count redirect targets too)
        said = re.search(r"That's it\. (\d+) links? in \d+ URLs? checked.*", result["summary"])
        result["checked"] = int(said.group(1)) if said else 0
        result["summary"] = said.group(0) if said else result["summary"][-500:]
        result["store_s"] = None
    elif args.bare:
        # every process of a --bare-processes run dumps its own stats into the one log
        result["checked"] = sum(int(n) for n in re.findall(r"'item_scraped_count': (\d+)", log))
        result["store_s"] = None
    else:
        try:
            result.update(run_outcomes(db, site))
        except Exception as exc:  # the crawl failed before recording a run
            result.update(checked=0, outcomes={}, misjudged={}, error=str(exc))
        result["store_s"] = stats.get("linkhealth/store_seconds")
    if result["exit_code"] != 0 or not result.get("checked"):
        tail = "\n".join(log.strip().splitlines()[-15:])
        print(
            f"\n!! crawl {tag} exit {result['exit_code']}, checked {result.get('checked')}:\n{tail}\n", file=sys.stderr
        )
    n = result.get("checked") or 0
    result["urls_per_s"] = n / result["wall_s"] if result["wall_s"] else 0
    result["requests_per_s"] = result["traffic"]["requests"] / result["wall_s"] if result["wall_s"] else 0
    result["cpu_s_per_1k"] = result["cpu_s"] / n * 1000 if n else None
    result["bytes_sent"] = result["traffic"]["bytes_sent"]
    result["scrapy_response_bytes"] = stats.get("downloader/response_bytes")
    result["store_pct"] = (100 * result["store_s"] / result["wall_s"]) if result.get("store_s") is not None else None
    result["scrapy_stats"] = {
        k: v
        for k, v in stats.items()
        if k.startswith(
            (
                "downloader/",
                "item_",
                "retry/",
                "linkhealth/",
                "memusage/",
                "log_count/",
                "elapsed",
                "robotstxt/",
                "response_received",
                "scheduler/",
            )
        )
    }
    if args.profile:
        result["profile"] = summarise_profile(args.profile, rundir)
        for name in ("crawl.prof", "crawl.pyspy.txt"):
            if (rundir / name).exists():  # kept for a closer look (pstats / flamegraph.pl)
                OUT.mkdir(exist_ok=True)
                kept = OUT / f"{time.strftime('%Y%m%d-%H%M%S')}-{tag}-{name}"
                shutil.copyfile(rundir / name, kept)
                result["profile_file"] = str(kept)
    return result


# ------------------------------------------------------------------ profiles


def summarise_profile(kind: str, rundir: Path, top: int = 40) -> str:
    if kind == "cprofile":
        import io
        import pstats

        path = rundir / "crawl.prof"
        if not path.exists():
            return "(no profile written)"
        buf = io.StringIO()
        st = pstats.Stats(str(path), stream=buf)
        st.sort_stats("cumulative").print_stats(top)
        st.sort_stats("tottime").print_stats(top)
        return buf.getvalue()
    path = rundir / "crawl.pyspy.txt"
    if not path.exists():
        return "(no py-spy output)"
    return pyspy_top(path, top) + "\n\n" + pyspy_components(path)


def pyspy_top(path: Path, top: int = 25) -> str:
    """Self and inclusive sample shares per function from py-spy's collapsed stacks."""
    own: dict[str, int] = {}
    incl: dict[str, int] = {}
    total = 0
    for line in path.read_text(errors="replace").splitlines():
        stack, _, count = line.rpartition(" ")
        if not stack or not count.isdigit():
            continue
        n = int(count)
        total += n
        frames = [f.strip() for f in stack.split(";") if f.strip()]
        frames = [re.sub(r":\d+\)$", ")", f) for f in frames]  # per function, not per line
        if frames:
            own[frames[-1]] = own.get(frames[-1], 0) + n
        for f in set(frames):
            incl[f] = incl.get(f, 0) + n
    if not total:
        return "(empty profile)"
    lines = [f"py-spy: {total} samples", "", f"top {top} by self time (tottime):"]
    for f, n in sorted(own.items(), key=lambda kv: -kv[1])[:top]:
        lines.append(f"  {100 * n / total:5.1f}%  {f}")
    lines += ["", f"top {top} by inclusive time (cumulative):"]
    for f, n in sorted(incl.items(), key=lambda kv: -kv[1])[:top]:
        lines.append(f"  {100 * n / total:5.1f}%  {f}")
    return "\n".join(lines)


#: The crawl's components, for the breakdown in docs/performance.md: (component, file, function)
#: regexes. A sample goes to the innermost frame of the project's code that a rule naming
#: functions matches, else to the innermost that a rule for a whole file (".") matches: so
#: shared helpers (word splitting, lower-casing) count for the step that called them, and
#: what the page model computes lazily counts where it is computed, whoever asked first.
COMPONENTS = [
    ("identity: own text and headings", r"pipelines/page\.py", r"^(_own|own_text|own_headings|title_as_written)$"),
    ("identity: own text and headings", r"pipelines/identity\.py", r"^(page_fields_of|_html_fields|_pdf_fields)$"),
    (
        "identity: fingerprint (SimHash)",
        r"pipelines/identity\.py",
        r"^(simhash|simhash_of_tokens|fingerprint_and_words|__missing__)$",
    ),
    ("identity: judgment (before the store)", r"pipelines/identity\.py", r"^(judge_identity|content_changed)$"),
    (
        "identity: judgment (before the store)",
        r"pipelines/classify\.py",
        r"^(judge_batch|judge_identities|identity_of)$",
    ),
    (
        "page model: decode and parse",
        r"pipelines/page\.py",
        r"^(root|_decoded|html|_drop_hidden|is_html|is_binary|body)$",
    ),
    (
        "page model: texts",
        r"pipelines/page\.py",
        r"^(text|text_lc|words|main_text|outside_main_text|_text_of|_main|main|chrome_text|content_words"
        r"|_main_alone|_main_as_written)$",
    ),
    ("page model: head, forms, links", r"pipelines/page\.py", r"."),
    ("page model: decode and parse", r"pipelines/charset\.py", r"^decode"),
    ("gate rules", r"pipelines/gates\.py", r"."),
    ("metadata extraction", r"pipelines/metadata\.py", r"."),
    ("metadata extraction", r"linkhealth/(durations|curation)\.py", r"."),
    ("judge, outside the gate rules", r"pipelines/judge\.py", r"."),
    ("judge, outside the gate rules", r"pipelines/classify\.py", r"."),
    ("store: record_visits (health, changes, SQLite)", r"linkhealth/(store|schema|health)\.py", r"."),
    ("store: record_visits (health, changes, SQLite)", r"sqlite_utils/", r"."),
    ("visit record, store pipeline", r"pipelines/store\.py", r"."),
    ("network hold", r"pipelines/network_hold\.py", r"."),
    ("spider: requests, response to visit", r"crawler/spiders/", r"."),
    ("crawler middlewares, progress", r"crawler/", r"."),
]
_FRAME = re.compile(r"^(?P<func>.*?) \((?P<file>[^:)]+)")


def _component(frames: list[str]) -> str:
    parsed = []
    for frame in reversed(frames):
        m = _FRAME.match(frame.strip())
        if m is not None:
            parsed.append((m["func"].rsplit(".", 1)[-1], m["file"]))
    for named in (True, False):
        for func, file in parsed:
            for name, file_re, func_re in COMPONENTS:
                if (func_re != ".") == named and re.search(file_re, file) and re.search(func_re, func):
                    return name
    return "Scrapy, Twisted, Python start-up"


def pyspy_components(path: Path) -> str:
    """Sample shares per component of the crawl (:data:`COMPONENTS`), from py-spy's stacks;
    a sample with no frame of a component is Scrapy's, Twisted's or start-up's."""
    shares: dict[str, int] = {}
    total = 0
    for line in path.read_text(errors="replace").splitlines():
        stack, _, count = line.rpartition(" ")
        if not stack or not count.isdigit():
            continue
        total += int(count)
        name = _component(stack.split(";"))
        shares[name] = shares.get(name, 0) + int(count)
    if not total:
        return "(empty profile)"
    lines = ["components (share of samples):"]
    for name, n in sorted(shares.items(), key=lambda kv: -kv[1]):
        lines.append(f"  {100 * n / total:5.1f}%  {name}")
    return "\n".join(lines)


# ------------------------------------------------------------------ report

COLUMNS = [
    ("checked", "URLs", "{:.0f}"),
    ("wall_s", "wall s", "{:.1f}"),
    ("urls_per_s", "URLs/s", "{:.0f}"),
    ("requests_per_s", "req/s", "{:.0f}"),
    ("cpu_s", "CPU s", "{:.1f}"),
    ("cpu_s_per_1k", "CPU s/1k URLs", "{:.2f}"),
    ("peak_rss_mb", "peak RSS MB", "{:.0f}"),
    ("bytes_sent", "MB sent", "{:.1f}"),
    ("store_s", "store s", "{:.2f}"),
    ("store_pct", "store %", "{:.1f}"),
    ("server_cpu_s", "server CPU s", "{:.1f}"),
    ("others_cpu_s", "others' CPU s", "{:.1f}"),
]


def fmt(key: str, value, spec: str) -> str:
    if value is None:
        return "–"
    if key == "bytes_sent":
        value = value / 1e6
    return spec.format(value)


def table(rows: list[tuple[str, dict]], columns: list[tuple[str, str, str]] = COLUMNS) -> str:
    head = ["run"] + [c[1] for c in columns]
    body = [[name] + [fmt(k, r.get(k), s) for k, _, s in columns] for name, r in rows]
    widths = [max(len(x[i]) for x in [head] + body) for i in range(len(head))]
    line = lambda cells: "| " + " | ".join(c.rjust(w) for c, w in zip(cells, widths)) + " |"  # noqa: E731
    sep = "|" + "|".join("-" * (w + 2) for w in widths) + "|"
    return "\n".join([line(head), sep] + [line(b) for b in body])


def rss_shape(result: dict) -> str:
    """RSS of the crawl at 10 %, 50 % and 90 % of its run: flat means no per-visit growth."""
    timeline = [kb for _, kb in result.get("rss_timeline_kb", []) if kb]
    if len(timeline) < 3:
        return "(run too short to sample)"
    at = lambda q: timeline[min(len(timeline) - 1, int(q * len(timeline)))] / 1024  # noqa: E731
    return f"{at(0.1):.0f} MB at 10 % of the run, {at(0.5):.0f} MB at 50 %, {at(0.9):.0f} MB at 90 %"


def median_row(results: list[dict], columns: list[tuple[str, str, str]] = COLUMNS) -> dict:
    out = {}
    for key, _, _ in columns:
        values = [r[key] for r in results if r.get(key) is not None]
        out[key] = statistics.median(values) if values else None
    return out


# ------------------------------------------------------------------ main


def crawl_arguments(ap: argparse.ArgumentParser) -> None:
    """The options of the crawl and its test web (run.py, scaling.py)."""
    ap.add_argument("--size", type=int, default=1000, help="resources in the catalogue (1000, 10000, 100000)")
    ap.add_argument("--latency", action="store_true", help="each response after 50–300 ms (asyncio server)")
    ap.add_argument("--repeat", type=int, default=1, help="runs; medians are reported")
    ap.add_argument(
        "--concurrency", type=int, help="CONCURRENT_REQUESTS (default 32; latency mode: 10 × hosts × per-host)"
    )
    ap.add_argument("--per-host", type=int, help="CONCURRENT_REQUESTS_PER_DOMAIN (default 8; latency mode: 2)")
    ap.add_argument("-s", "--set", action="append", default=[], metavar="NAME=VALUE", help="another -s for the crawl")
    ap.add_argument("--port", type=int, default=testweb.PORT)
    ap.add_argument("--workdir", type=Path, default=testweb.DEFAULT_WORKDIR, help="site and catalogue cache")
    ap.add_argument("--timeout", type=float, help="seconds per crawl before it is stopped (default 300 + size/20)")
    ap.add_argument("--keep", action="store_true", help="keep the run directories (logs, catalogue.db)")


def crawl_defaults(args) -> None:
    if args.per_host is None:
        args.per_host = 2 if args.latency else 8
    if args.concurrency is None:
        # Scrapy counts requests queued in a busy host's slot against CONCURRENT_REQUESTS, so
        # hosts × per-host leaves slots idle (74 % of the bound, bare spider); ten times that
        # lets the per-host limit be the one that binds (96 %).
        args.concurrency = 10 * testweb.HOSTS * args.per_host if args.latency else 32
    if args.timeout is None:
        args.timeout = 300 + args.size / 20


def politeness_bound(per_host: int) -> float:
    """Requests/s the latency web allows at ``per_host`` requests per host at once (printed)."""
    mean = sum(testweb.LATENCY_RANGE) / 2
    bound = testweb.HOSTS * per_host / mean
    print(
        f"politeness bound: {testweb.HOSTS} hosts × {per_host} per host ÷ {mean:.3f} s mean latency "
        f"= {bound:.0f} requests/s"
    )
    return bound


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    crawl_arguments(ap)
    ap.add_argument("--second-pass", action="store_true", help="crawl each catalogue twice; compare bytes")
    ap.add_argument("--bare", action="store_true", help="the bare 48-line Scrapy spider instead of linkhealth")
    ap.add_argument(
        "--beside-bare",
        action="store_true",
        help="before each linkhealth crawl, the bare spider on the same web; prints linkhealth's "
        "CPU per URL as a multiple of the bare spider's in the same run",
    )
    ap.add_argument(
        "--bare-processes",
        type=int,
        default=1,
        metavar="N",
        help="with --bare: N spider processes, each owning every N-th host (Scrapy's own ceiling)",
    )
    ap.add_argument(
        "--linkchecker",
        metavar="PATH",
        help="run LinkChecker (this executable; e.g. from `pip install linkchecker==10.6.0`) "
        "on the list instead, its per-host throttle lifted",
    )
    ap.add_argument("--threads", type=int, default=10, help="with --linkchecker: its threads (default 10)")
    ap.add_argument("--polite", action="store_true", help="keep the project's politeness settings (no -s lifts)")
    ap.add_argument("--profile", choices=["py-spy", "cprofile"], help="profile the crawl process")
    ap.add_argument("--json", type=Path, help="write all results here (default benchmarks/out/<stamp>.json)")
    args = ap.parse_args(argv)
    if args.beside_bare and (args.bare or args.linkchecker or args.second_pass):
        ap.error("--beside-bare measures linkhealth's own crawl (not with --bare, --linkchecker, --second-pass)")
    if args.linkchecker and args.latency:
        # the latency server sends no LinkChecker header: LinkChecker would wait 0.1–0.6 s
        # between a host's requests and measure its own throttle, not the web's latency
        ap.error("--linkchecker runs against nginx only (its per-host throttle is lifted there)")
    crawl_defaults(args)

    args.workdir.mkdir(parents=True, exist_ok=True)
    site = testweb.build_site(args.size, args.workdir, args.port)
    args.peer = "linkchecker" if args.linkchecker else "bare" if args.bare else None
    template = None if args.peer else catalogue_template(site, args.workdir)
    settings = benchmark_settings(args, args.port)
    bare_args = argparse.Namespace(**{**vars(args), "bare": True, "profile": None, "peer": "bare"})
    bare_settings = benchmark_settings(bare_args, args.port) if args.beside_bare else {}
    what = {"bare": "bare Scrapy spider", "linkchecker": f"LinkChecker ({args.threads} threads)"}.get(
        args.peer, "linkhealth check --all"
    )
    server = "latency server (50–300 ms per response)" if args.latency else "nginx"
    print(
        f"benchmark: {what}, {args.size} resources on {testweb.HOSTS} hosts, {server}, "
        f"{args.repeat} run(s){', two passes each' if args.second_pass else ''}"
    )
    code = code_fingerprint()
    print(
        f"code: git {code['git_head']}, working tree {code['tree_sha256']}; python {sys.version.split()[0]}, "
        f"{os.cpu_count()} CPUs"
    )
    print("settings (-s): " + (" ".join(f"{k}={v}" for k, v in settings.items()) or "(none)"))
    if args.beside_bare:
        print(
            "beside it, the bare spider first in each run; its settings (-s): "
            + (" ".join(f"{k}={v}" for k, v in bare_settings.items()) or "(none)")
        )
    if args.latency:
        bound = politeness_bound(int(settings.get("CONCURRENT_REQUESTS_PER_DOMAIN", 2)))
    sys.stdout.flush()

    stamp = time.strftime("%Y%m%d-%H%M%S")
    results: list[dict] = []
    second: list[dict] = []
    bare: list[dict] = []
    base = Path(tempfile.mkdtemp(prefix=f"run-{stamp}-", dir=args.workdir))
    os.chmod(base, 0o755)
    web = testweb.start_server(site, base / "web", latency=args.latency, lift_linkchecker=bool(args.linkchecker))
    try:
        for i in range(args.repeat):
            rundir = base / f"run{i + 1}"
            rundir.mkdir()
            db = copy_catalogue(template, rundir) if template else rundir / "none.db"
            if args.beside_bare:
                b = one_crawl(bare_args, site, web, rundir / "none.db", bare_settings, rundir, "bare")
                bare.append(b)
                print(
                    f"run {i + 1}, bare spider: {b['checked']} URLs in {b['wall_s']:.1f} s "
                    f"({b['urls_per_s']:.0f}/s), exit {b['exit_code']}",
                    flush=True,
                )
            r = one_crawl(args, site, web, db, settings, rundir, "pass1")
            results.append(r)
            print(
                f"run {i + 1}: {r['checked']} URLs in {r['wall_s']:.1f} s ({r['urls_per_s']:.0f}/s), "
                f"exit {r['exit_code']}" + (f", misjudged {r['misjudged']}" if r.get("misjudged") else ""),
                flush=True,
            )
            if args.second_pass:
                r2 = one_crawl(args, site, web, db, settings, rundir, "pass2")
                r2["bytes_ratio"] = r2["bytes_sent"] / r["bytes_sent"] if r["bytes_sent"] else None
                second.append(r2)
                print(
                    f"run {i + 1}, second pass: {r2['checked']} URLs in {r2['wall_s']:.1f} s, "
                    f"{r2['bytes_sent'] / 1e6:.2f} MB vs {r['bytes_sent'] / 1e6:.2f} MB "
                    f"({100 * (r2['bytes_ratio'] or 0):.1f} %)",
                    flush=True,
                )
            if args.profile:
                print(r["profile"])
    finally:
        web.stop()

    rows = [(f"{i + 1}", r) for i, r in enumerate(results)]
    if len(results) > 1:
        rows.append(("median", median_row(results)))
    if second:
        rows += [(f"{i + 1} (2nd pass)", r) for i, r in enumerate(second)]
        if len(second) > 1:
            rows.append(("median (2nd pass)", median_row(second)))
    print()
    print(table(rows))
    print()
    if bare:
        bare_rows = [(f"{i + 1} bare", r) for i, r in enumerate(bare)]
        if len(bare) > 1:
            bare_rows.append(("median bare", median_row(bare)))
        print(table(bare_rows))
        print()
        ratios = [
            r["cpu_s_per_1k"] / b["cpu_s_per_1k"]
            for r, b in zip(results, bare)
            if r.get("cpu_s_per_1k") and b.get("cpu_s_per_1k")
        ]
        if ratios:
            print(
                "CPU s per 1k URLs, linkhealth ÷ the bare spider of the same run: "
                + ", ".join(f"{x:.2f}×" for x in ratios)
                + f"; median {statistics.median(ratios):.2f}×"
            )
    last = results[-1]
    print(
        "server: "
        + ", ".join(f"{k} {v}" for k, v in sorted(last["traffic"]["statuses"].items()))
        + f"; {last['traffic']['requests']} requests"
    )
    if not args.peer:
        print("outcomes (last run): " + ", ".join(f"{k} {v}" for k, v in sorted(last.get("outcomes", {}).items())))
        print("misjudged against the mix: " + (json.dumps(last.get("misjudged")) if last.get("misjudged") else "none"))
    print("memory (last run): " + rss_shape(last))
    if args.latency:
        med = median_row(results)
        print(
            f"latency: {med['requests_per_s']:.0f} requests/s = {100 * med['requests_per_s'] / bound:.0f} % "
            f"of the politeness bound ({bound:.0f}/s); {med['urls_per_s']:.0f} URLs/s; at most "
            f"{last['traffic'].get('max_inflight_per_host')} requests in hand per host; mean wait "
            f"{1000 * (last['traffic'].get('mean_delay_s') or 0):.0f} ms"
        )
        hosts = last.get("hosts")
        if hosts:
            print(
                f"timeline (last run): first request {hosts['first_request_after_s']:.1f} s after launch, exit "
                f"{hosts['exit_after_last_answer_s']:.1f} s after the last answer; between them "
                f"{hosts['span_s']:.1f} s, {hosts['requests_per_s_in_span']:.0f} requests/s = "
                f"{100 * hosts['requests_per_s_in_span'] / bound:.0f} % of the bound; hosts had {args.per_host} "
                f"requests in hand {hosts['full_pct_mean']:.0f} % of the time up to their last answer "
                f"(least {hosts['full_pct_min']:.0f} %); the busiest host ({hosts['busiest_host_requests']} "
                f"requests) needs {hosts['floor_s']:.1f} s at full concurrency"
            )
    if second:
        ratios = [r["bytes_ratio"] for r in second if r.get("bytes_ratio") is not None]
        if ratios:
            print(
                f"second pass: {100 * statistics.median(ratios):.1f} % of the first pass's bytes "
                f"(outcomes: {', '.join(f'{k} {v}' for k, v in sorted(second[-1].get('outcomes', {}).items()))})"
            )
    if last.get("summary"):
        print("crawl said: " + last["summary"].replace("\n", " / "))

    OUT.mkdir(exist_ok=True)
    out = args.json or OUT / f"{stamp}-{args.peer or 'linkhealth'}-{args.size}{'-latency' if args.latency else ''}.json"
    out.write_text(
        json.dumps(
            {
                "args": {k: str(v) for k, v in vars(args).items()},
                "settings": settings,
                "code": code,
                "results": results,
                "second_pass": second,
                "bare": bare,
            },
            indent=1,
            default=str,
        )
    )
    print(f"results: {out}")
    if args.keep:
        print(f"run files kept in {base}")
    else:
        shutil.rmtree(base, ignore_errors=True)
    failed = any(r["exit_code"] != 0 or r["timed_out"] for r in results + second + bare)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
