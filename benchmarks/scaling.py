"""The distributed crawl measured: throughput with N workers, and what Redis holds (docs/scaling.md).

    python benchmarks/scaling.py --size 10000 --workers 0,1,2,3      # 0: plain `linkhealth check --all`
    python benchmarks/scaling.py --size 2000 --latency --workers 0,1,2
    python benchmarks/scaling.py --size 10000 --workers 1 --footprint 5000   # Redis bytes per job, lease, result

Each row is one crawl of a fresh copy of the catalogue (``run.py``'s helpers:
same test web, same catalogue, same ``-s`` settings that lift politeness):
``linkhealth check --all --redis URL --workers N`` — the writer, which spawns N
local ``linkhealth worker --once`` processes — against the test web. Worker
count 0 is the single-machine ``linkhealth check --all`` for comparison.
redis-server is our own child on a free loopback port (no persistence), flushed
before each crawl and stopped when the command ends.

Measured besides ``run.py``'s columns:

- writer CPU s: the writer's own CPU (``/proc/<pid>/stat`` sampled every
  0.25 s; the workers are its children, so ``CPU s`` (wait4) holds all of them);
- store s: the writer's time inside ``Store.record_visits`` (its summary line);
- redis CPU s, redis cmds and µs per URL: redis-server's CPU time
  (``/proc``), and the commands it executed and their time from ``INFO
  commandstats`` (reset before each crawl; commands inside Lua scripts count);
- redis peak MB: the highest ``used_memory`` sampled during the crawl.

``--footprint N``: queue N jobs of the catalogue with the writer's own code
(``JobQueue.feed``), lease them all, give them back, let one real worker crawl
them while no writer drains the results, and report ``MEMORY USAGE`` per queued
job, per lease and per result (the real JSON records are saved for
``store_writer.py --records``).
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import re
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import run  # noqa: E402
import testweb  # noqa: E402

_RUN = {c[0]: c for c in run.COLUMNS}
COLUMNS = [_RUN[k] for k in ("checked", "wall_s", "urls_per_s", "requests_per_s", "cpu_s", "cpu_s_per_1k")] + [
    ("writer_cpu_s", "writer CPU s", "{:.1f}"),
    _RUN["store_s"],
    ("redis_cpu_s", "redis CPU s", "{:.1f}"),
    ("redis_calls_per_url", "redis cmds/URL", "{:.1f}"),
    ("redis_us_per_url", "redis µs/URL", "{:.0f}"),
    ("redis_peak_mb", "redis peak MB", "{:.1f}"),
    _RUN["peak_rss_mb"],
    ("group_rss_mb", "all RSS MB", "{:.0f}"),
    _RUN["server_cpu_s"],
    _RUN["others_cpu_s"],
]


# ------------------------------------------------------------------ processes


def proc_cpu(pid: int) -> float:
    """CPU seconds (user + system) process ``pid`` has used itself, not its children."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return 0.0
    fields = stat[stat.rindex(")") + 2 :].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def children(pid: int) -> list[int]:
    out: list[int] = []
    try:
        for task in Path(f"/proc/{pid}/task").iterdir():
            out += [int(x) for x in (task / "children").read_text().split()]
    except OSError:
        pass
    return out


def cmdline(pid: int) -> list[str]:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().decode(errors="replace").split("\0")
    except OSError:
        return []


class RedisServer:
    """redis-server as our child, on a free loopback port, nothing persisted."""

    def __init__(self, workdir: Path):
        import redis

        workdir.mkdir(parents=True, exist_ok=True)
        server = shutil.which("redis-server")
        if not server:
            raise SystemExit("redis-server is not installed (apt-get install redis-server)")
        self.version = (
            subprocess.run([server, "--version"], capture_output=True, text=True).stdout.split()[2].removeprefix("v=")
        )
        for _ in range(3):
            with socket.socket() as s:
                s.bind(("127.0.0.1", 0))
                self.port = s.getsockname()[1]
            self.proc = subprocess.Popen(
                [
                    server,
                    "--port",
                    str(self.port),
                    "--bind",
                    "127.0.0.1",
                    "--save",
                    "",
                    "--appendonly",
                    "no",
                    "--dir",
                    str(workdir),
                ],
                stdout=subprocess.DEVNULL,
                stderr=open(workdir / "redis.stderr", "ab"),
            )
            self.url = f"redis://127.0.0.1:{self.port}/0"
            self.client = redis.Redis.from_url(self.url)
            deadline = time.monotonic() + 10
            while time.monotonic() < deadline and self.proc.poll() is None:
                try:
                    self.client.ping()
                    return
                except redis.ConnectionError:
                    time.sleep(0.05)
            self.stop()  # the port was taken meanwhile: another one
        raise SystemExit("redis-server did not start")

    def cpu_seconds(self) -> float:
        return proc_cpu(self.proc.pid)

    def used_memory(self) -> int:
        return int(self.client.info("memory")["used_memory"])

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()


class Sampler(threading.Thread):
    """While a crawl runs: the writer's own CPU (it is our child) and Redis's memory."""

    def __init__(self, redis: RedisServer | None, interval: float = 0.25):
        super().__init__(daemon=True)
        self.redis = redis
        self.interval = interval
        self.done = threading.Event()
        self.writer_cpu = 0.0
        self.peak_memory = 0
        self.peak_queued = 0

    def run(self) -> None:
        while not self.done.wait(self.interval):
            for pid in children(os.getpid()):
                argv = cmdline(pid)
                if "linkhealth" in argv and "check" in argv:
                    self.writer_cpu = max(self.writer_cpu, proc_cpu(pid))
            if self.redis is not None:
                try:
                    self.peak_memory = max(self.peak_memory, self.redis.used_memory())
                    self.peak_queued = max(self.peak_queued, self.redis.client.llen("linkhealth:start"))
                except Exception:
                    pass

    def stop(self) -> None:
        self.done.set()
        self.join(timeout=5)


# ------------------------------------------------------------------ one crawl


def distributed_crawl(
    args, site, web, template: Path, settings: dict, redis: RedisServer | None, rundir: Path, workers: int
) -> dict:
    """One crawl: N workers (0: the single-machine check), measured."""
    rundir.mkdir(parents=True)
    db = run.copy_catalogue(template, rundir)
    args.redis_url = redis.url if workers and redis else None
    args.redis_workers = workers
    if redis is not None:
        redis.client.flushdb()
        redis.client.config_resetstat()
        redis_cpu = redis.cpu_seconds()
    sampler = Sampler(redis if args.redis_url else None)
    sampler.start()
    try:
        r = run.one_crawl(args, site, web, db, settings, rundir, "crawl")
    finally:
        sampler.stop()
    r["workers"] = workers
    r["group_rss_mb"] = max((kb for _, kb in r.get("rss_timeline_kb", [])), default=0) / 1024
    if args.redis_url:
        r["writer_cpu_s"] = sampler.writer_cpu
        m = re.search(r"([\d.]+) s writing the store", r.get("summary", ""))
        r["store_s"] = float(m.group(1)) if m else None
        r["store_pct"] = 100 * r["store_s"] / r["wall_s"] if r["store_s"] is not None else None
        r["redis_cpu_s"] = redis.cpu_seconds() - redis_cpu
        r["others_cpu_s"] = max(0.0, r["others_cpu_s"] - r["redis_cpu_s"])
        # commands inside Lua scripts count too; the sampler's own (info, llen) do not
        stats = {
            k: v
            for k, v in redis.client.info("commandstats").items()
            if k not in ("cmdstat_info", "cmdstat_llen", "cmdstat_config|resetstat")
        }
        calls = sum(v["calls"] for v in stats.values())
        usec = sum(v["usec"] for v in stats.values())
        n = r.get("checked") or 0
        r["redis_commands"] = {k.removeprefix("cmdstat_"): v["calls"] for k, v in stats.items()}
        r["redis_calls_per_url"] = calls / n if n else None
        r["redis_us_per_url"] = usec / n if n else None
        r["redis_peak_mb"] = sampler.peak_memory / 1e6
        r["redis_peak_queued"] = sampler.peak_queued
    r["catalogue"] = catalogue_bytes(db)
    if args.keep:
        r["db"] = str(db)
    return r


def catalogue_bytes(db: Path) -> dict:
    """Bytes the crawl left in catalogue.db: per table and index (dbstat), and per checks row."""
    import sqlite3

    con = sqlite3.connect(db)
    try:
        con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        sizes = dict(con.execute("select name, sum(pgsize) from dbstat group by name"))
        indexes = dict(con.execute("select name, tbl_name from sqlite_master where type = 'index'"))
        rows = {t: con.execute(f"select count(*) from {t}").fetchone()[0] for t in ("checks", "changes", "resources")}
    finally:
        con.close()
    out = {"file_bytes": db.stat().st_size, "rows": rows}
    for table in ("checks", "changes", "resources"):
        own = sizes.get(table, 0)
        idx = sum(v for k, v in sizes.items() if indexes.get(k) == table)
        out[table] = {
            "table_bytes": own,
            "index_bytes": idx,
            "bytes_per_row": (own + idx) / rows[table] if rows[table] else None,
        }
    return out


# ------------------------------------------------------------------ Redis footprint


def footprint(args, template: Path, settings: dict, redis: RedisServer, rundir: Path, jobs: int) -> dict:
    """Bytes per queued job, lease and result on a real queue (one real worker, no writer draining)."""
    from linkhealth.distributed import JobQueue, interleave_hosts
    from linkhealth.store import Store

    rundir.mkdir(parents=True)
    db = run.copy_catalogue(template, rundir)
    store = Store(db)
    try:
        rows = list(itertools.islice(store.iter_due(everything=True), jobs))
    finally:
        store.close()
    client = redis.client
    client.flushdb()
    queue = JobQueue(client, "linkhealth")
    token = secrets.token_hex(6)
    queue.open_run(token, {"run_id": 0, "footprint": True}, alive_seconds=args.timeout + 120)
    base = redis.used_memory()
    out: dict = {"jobs": len(rows), "redis_version": redis.version, "used_memory_empty": base}

    def usage(key: str) -> int:
        return int(client.memory_usage(key, samples=0) or 0)

    queue.feed(token, interleave_hosts(rows), 0)
    members = client.lrange(queue.start, 0, -1)
    out["queued"] = {
        "memory_usage": usage(queue.start),
        "used_memory_delta": redis.used_memory() - base,
        "json_bytes": sum(map(len, members)),
    }
    taken = queue.fetch(len(rows), lease_ms=int((args.timeout + 120) * 1000))
    out["leased"] = {
        "memory_usage": usage(queue.run_key(token, "leases")),
        "used_memory_delta": redis.used_memory() - base,
        "count": len(taken),
    }
    queue.release(token, taken)

    cmd = [sys.executable, "-m", "linkhealth", "worker", "--redis", redis.url, "--once"]
    for name, value in {**settings, "LOG_LEVEL": "WARNING", "LINKHEALTH_PROGRESS": "False"}.items():
        cmd += ["-s", f"{name}={value}"]
    started = time.perf_counter()
    worker = subprocess.Popen(
        cmd, cwd=run.REPO, stdout=subprocess.DEVNULL, stderr=open(rundir / "worker.log", "wb"), start_new_session=True
    )
    results = queue.run_key(token, "results")
    peak = {"used_memory": 0, "worker_queue": 0, "hosts": 0}
    try:
        deadline = started + args.timeout
        while time.perf_counter() < deadline and worker.poll() is None:
            peak["used_memory"] = max(peak["used_memory"], redis.used_memory())
            peak["worker_queue"] = max(
                peak["worker_queue"], sum(usage(k) for k in client.scan_iter("linkhealth:worker:*"))
            )
            peak["hosts"] = max(peak["hosts"], sum(usage(k) for k in client.scan_iter("linkhealth:host:*")))
            if client.llen(results) >= len(rows):
                break
            time.sleep(0.5)
        wall = time.perf_counter() - started
        records = client.lrange(results, 0, -1)
        out["results"] = {
            "count": len(records),
            "memory_usage": usage(results),
            "used_memory_delta": redis.used_memory() - base,
            "json_bytes": sum(map(len, records)),
            "crawl_s": wall,
        }
        out["done_bitmap"] = usage(queue.run_key(token, "done"))
        out["dupefilter"] = {
            "members": client.scard("linkhealth:dupefilter"),
            "memory_usage": usage("linkhealth:dupefilter"),
        }
        out["peak"] = peak
        out["keys"] = {k.decode(): usage(k) for k in client.scan_iter("linkhealth:*")}
    finally:
        queue.close_run(token)  # the worker (--once) sees no active run and exits
        try:
            worker.wait(timeout=60)
        except subprocess.TimeoutExpired:
            os.killpg(worker.pid, 9)
            worker.wait()
    run.OUT.mkdir(exist_ok=True)
    saved = run.OUT / f"{time.strftime('%Y%m%d-%H%M%S')}-redis-results-{len(records)}.jsonl"
    saved.write_bytes(b"".join(r + b"\n" for r in records))
    out["records_file"] = str(saved)
    return out


def print_footprint(fp: dict) -> None:
    n = fp["jobs"]
    res = fp["results"]
    per = lambda part, key="memory_usage", count=n: part[key] / count if count else 0  # noqa: E731
    print(f"\nredis footprint (redis {fp['redis_version']}, {n} jobs of the catalogue, one worker, nothing drained):")
    print(
        f"  queued job  {per(fp['queued']):6.0f} B  (MEMORY USAGE linkhealth:start ÷ {n}; "
        f"used_memory +{per(fp['queued'], 'used_memory_delta'):.0f} B/job; the JSON is {per(fp['queued'], 'json_bytes'):.0f} B)"
    )
    print(
        f"  leased job  {per(fp['leased']):6.0f} B  (MEMORY USAGE of the run's leases zset ÷ {fp['leased']['count']})"
    )
    print(
        f"  result      {per(res, count=res['count']):6.0f} B  (MEMORY USAGE of the run's results list ÷ "
        f"{res['count']}; the JSON is {per(res, 'json_bytes', res['count']):.0f} B; crawled in {res['crawl_s']:.1f} s)"
    )
    print(f"  done bitmap {fp['done_bitmap']} B for {n} jobs (1 bit a job: {n / 8:.0f} B + overhead)")
    print(
        f"  dupefilter  {fp['dupefilter']['members']} members, {fp['dupefilter']['memory_usage']} B (persists across runs)"
    )
    print(
        f"  peaks while crawling: used_memory {fp['peak']['used_memory'] / 1e6:.1f} MB (empty: "
        f"{fp['used_memory_empty'] / 1e6:.1f} MB), the worker's scrapy-redis request queue "
        f"{fp['peak']['worker_queue']} B, host semaphores {fp['peak']['hosts']} B"
    )
    print(f"  real result records saved: {fp['records_file']}")


# ------------------------------------------------------------------ main


def label(workers: int) -> str:
    return "plain check" if workers == 0 else f"{workers} worker{'s' if workers > 1 else ''}"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    run.crawl_arguments(ap)  # --size --latency --repeat --concurrency --per-host (across workers) -s --port …
    ap.add_argument("--workers", default="1,2,3", help="worker counts, comma-separated (0: plain check)")
    ap.add_argument("--footprint", type=int, default=0, metavar="JOBS", help="measure Redis bytes per job/result")
    args = ap.parse_args(argv)
    run.crawl_defaults(args)
    counts = [int(x) for x in args.workers.split(",") if x.strip()]
    args.bare = args.polite = False
    args.linkchecker = None  # run.py's peers: not measured here
    args.profile = None

    args.workdir.mkdir(parents=True, exist_ok=True)
    site = testweb.build_site(args.size, args.workdir, args.port)
    template = run.catalogue_template(site, args.workdir)
    settings = run.benchmark_settings(args, args.port)
    code = run.code_fingerprint()
    server = "latency server (50–300 ms per response)" if args.latency else "nginx"
    print(
        f"scaling: linkhealth check --all --redis URL --workers N, N in {counts} (0: no Redis), "
        f"{args.size} resources on {testweb.HOSTS} hosts, {server}, {args.repeat} run(s) each"
    )
    print(
        f"code: git {code['git_head']}, working tree {code['tree_sha256']}; python {sys.version.split()[0]}, "
        f"{os.cpu_count()} CPUs; {time.strftime('%Y-%m-%d %H:%M %Z')}"
    )
    print("settings (-s, each worker): " + " ".join(f"{k}={v}" for k, v in settings.items()))
    bound = run.politeness_bound(args.per_host) if args.latency else None
    sys.stdout.flush()

    stamp = time.strftime("%Y%m%d-%H%M%S")
    base = Path(tempfile.mkdtemp(prefix=f"scaling-{stamp}-", dir=args.workdir))
    os.chmod(base, 0o755)
    redis = RedisServer(base / "redis")
    print(f"redis {redis.version} on {redis.url}", flush=True)
    web = None
    results: dict[int, list[dict]] = {}
    fp = None
    try:
        web = testweb.start_server(site, base / "web", latency=args.latency)
        for i in range(args.repeat):
            for n in counts:
                r = distributed_crawl(args, site, web, template, settings, redis, base / f"w{n}-run{i + 1}", n)
                results.setdefault(n, []).append(r)
                print(
                    f"{label(n)}, run {i + 1}: {r['checked']} URLs in {r['wall_s']:.1f} s "
                    f"({r['urls_per_s']:.0f}/s), CPU {r['cpu_s']:.1f} s, exit {r['exit_code']}"
                    + (f", misjudged {r['misjudged']}" if r.get("misjudged") else ""),
                    flush=True,
                )
        if args.footprint:
            fp = footprint(args, template, settings, redis, base / "footprint", args.footprint)
    finally:
        if web is not None:
            web.stop()
        redis.stop()

    rows = []
    for n, rs in results.items():
        name = label(n)
        rows += [(name if len(rs) == 1 else f"{name} #{i + 1}", r) for i, r in enumerate(rs)]
        if len(rs) > 1:
            rows.append((f"{name} median", run.median_row(rs, COLUMNS)))
    if rows:
        print()
        print(run.table(rows, COLUMNS))
        print()
        for n, rs in results.items():
            last = rs[-1]
            med = run.median_row(rs, COLUMNS)
            line = (
                f"{label(n)}: outcomes {json.dumps(last.get('outcomes'), sort_keys=True)}; misjudged "
                f"{json.dumps(last.get('misjudged')) if last.get('misjudged') else 'none'}"
            )
            if bound:
                line += (
                    f"; {100 * med['requests_per_s'] / bound:.0f} % of the politeness bound, at most "
                    f"{last['traffic'].get('max_inflight_per_host')} requests in hand per host"
                )
            print(line)
        last = next(iter(results.values()))[-1]
        c = last["catalogue"]
        print(
            f"catalogue.db after one crawl of {args.size}: {c['file_bytes'] / 1e6:.1f} MB; checks "
            f"{c['rows']['checks']} rows, {c['checks']['table_bytes'] / 1e6:.2f} MB table + "
            f"{c['checks']['index_bytes'] / 1e6:.2f} MB indexes = {c['checks']['bytes_per_row']:.0f} B a row; changes "
            f"{c['rows']['changes']} rows, {(c['changes']['bytes_per_row'] or 0):.0f} B a row; resources "
            f"{c['rows']['resources']} rows, {c['resources']['bytes_per_row']:.0f} B a row"
        )
        said = [r for rs in results.values() for r in rs if r.get("workers")]
        if said:
            print("writer said: " + said[-1]["summary"].replace("\n", " / "))
    if fp:
        print_footprint(fp)

    run.OUT.mkdir(exist_ok=True)
    out = run.OUT / f"{stamp}-scaling-{args.size}{'-latency' if args.latency else ''}.json"
    out.write_text(
        json.dumps(
            {
                "args": {k: str(v) for k, v in vars(args).items()},
                "settings": settings,
                "code": code,
                "results": {str(n): rs for n, rs in results.items()},
                "footprint": fp,
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
    failed = any(r["exit_code"] != 0 or r["timed_out"] for rs in results.values() for r in rs)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
