"""The single writer's ceiling: judged visits per second ``Store.record_visits`` stores (docs/scaling.md).

    python benchmarks/store_writer.py                                  # 100k catalogue, 20k visits, batches 500,50,10
    python benchmarks/store_writer.py --visits 50000 --batch 500
    python benchmarks/store_writer.py --records benchmarks/out/…-redis-results-5000.jsonl   # real records as templates
    python benchmarks/store_writer.py --redis                          # also distributed.Writer, results through Redis
    python benchmarks/store_writer.py --visits 2000 --batch 1,500 --synchronous NORMAL   # one visit a transaction

A catalogue of ``--resources`` resources (built once, cached in the work
directory like ``run.py``'s, then copied per measurement) gets ``--visits``
judged visits, each the dict ``pipelines/store.py:visit_record`` makes (the
keys and values a real crawl of the test web produces, metadata included, in
the test web's mix: 85 % ok with page metadata, 5 % 404, 3 % 410, 4 % 301 with
its redirect chain, 3 % 500), written ``--batch`` at a time, one transaction a
batch, as the writer (LINKHEALTH_REDIS_WRITE_BATCH, 500) and the single-machine
pipeline (LINKHEALTH_STORE_BATCH, 50) do.

Two passes over the same resources: the *first night* (every resource unknown,
page metadata new: ``changes`` rows for health and page fields) and the *next
night* (same answers again: few changes). Each pass is timed (wall and CPU);
the catalogue's growth is measured per ``checks`` row (``dbstat``).

``--redis`` also runs ``linkhealth.distributed.Writer`` itself on a fresh copy:
the visits are pushed as result records into a run's results list on our own
redis-server, and the writer feeds the jobs, pops, parses and stores them. Its
wall time minus its time in ``record_visits`` is the writer's Redis-side cost.
"""

from __future__ import annotations

import argparse
import itertools
import json
import random
import secrets
import shutil
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import run  # noqa: E402
import scaling  # noqa: E402
import testweb  # noqa: E402

# ------------------------------------------------------------------ the catalogue and its visits


@dataclass
class SyntheticCatalogue:
    """The test web's resources without generating its pages (``run.catalogue_template`` builds the db)."""

    size: int
    port: int = 0  # no server: the cached db is catalogue-<size>-0.db

    def rows(self) -> list[dict]:
        out = []
        for i, cat in enumerate(testweb.categories(self.size)):
            base = f"http://{testweb.host_ip(i % testweb.HOSTS)}"
            path = {"moved": "old", "gone": "gone", "server_error": "err"}.get(cat, "p")
            out.append(
                {"id": f"r{i:06d}", "url": f"{base}/{path}/{i:06d}.html", "title": f"Resource {i}", "category": cat}
            )
        return out


STATUS = {
    "page": (200, "ok"),
    "moved": (200, "moved"),
    "not_found": (404, "not_found"),
    "gone": (410, "gone"),
    "server_error": (500, "server_error"),
}
DETAIL = {404: "HTTP 404 Not Found", 410: "HTTP 410 Gone", 500: "HTTP 500 Internal Server Error"}


def visit_for(row: dict, rng: random.Random, checked_at: str) -> dict:
    """The visit dict a crawl of the test web records for ``row`` (visit_record's keys and values)."""
    status, outcome = STATUS[row["category"]]
    url = final = row["url"]
    chain = metadata = None
    etag = modified = None
    detail = DETAIL.get(status)
    size = rng.randint(130, 520)
    if status == 200:
        size = rng.randint(6_000, 40_000)
        etag, modified = f'"6b0605a6-{size:x}"', "Tue, 24 Nov 2026 21:46:14 GMT"
        if outcome == "moved":
            final = url.replace("/old/", "/p/").replace(".html", "-moved.html")
            chain = [{"url": url, "status": 301, "location": final}]
            detail = f"moved permanently to {final}"
        n = int(row["id"][1:])
        video = n % 5 == 0
        metadata = {
            "title": f"{testweb._sentence(rng, 5)[:-1]} — {'video' if video else 'guide'} {n}",
            "title_source": "opengraph",
            "description": testweb._sentence(rng, 22),
            "description_source": "opengraph",
            "duration_seconds": rng.randint(5, 120) * 60 if video else None,
            "duration_source": "opengraph" if video else None,
            "duration_approximate": False,
            "site_name": "Benchmark Health Learning",
            "canonical_url": final,
            "language": "en",
            "media_type": "text/html",
        }
    return {
        "resource_id": row["id"],
        "run_id": None,
        "url": url,
        "final_url": final,
        "status_code": status,
        "outcome": outcome,
        "gate": None,
        "detail": detail,
        "checked_at": checked_at,
        "redirect_chain": chain,
        "elapsed_ms": rng.randint(5, 300),
        "bytes": size,
        "content_type": "text/html",
        "etag": etag,
        "last_modified": modified,
        "content_hash": "%064x" % rng.getrandbits(256),
        "error_class": None,
        "error_message": None,
        "inconclusive": False,
        "metadata": metadata,
        "hold_health": False,
        "suggested_url": final if outcome == "moved" else None,
    }


def make_visits(catalogue: SyntheticCatalogue, count: int, records: Path | None) -> list[dict]:
    """``count`` visits to the first ``count`` resources: synthetic, or real records re-addressed."""
    rows = catalogue.rows()[:count]
    if records:
        templates = [json.loads(line) for line in records.read_text().splitlines() if line.strip()]
        out = []
        for row, template in zip(rows, itertools.cycle(templates)):
            visit = {k: v for k, v in template.items() if k != "n"}
            visit.update(resource_id=row["id"], run_id=None)
            out.append(visit)
        return out
    rng = random.Random(testweb.SEED)
    now = time.strftime("%Y-%m-%dT%H:%M:%S+00:00", time.gmtime())
    return [visit_for(row, rng, now) for row in rows]


# ------------------------------------------------------------------ measurements


def open_store(db: Path, synchronous: str | None):
    from linkhealth.store import Store

    store = Store(db)
    if synchronous:
        store.db.execute(f"PRAGMA synchronous = {synchronous}")
    return store


def store_pass(store, visits: list[dict], batch: int) -> dict:
    """Write ``visits`` in batches as a new run; wall, CPU and rows/s."""
    from linkhealth.health import HealthPolicy

    run_id = store.start_run("benchmark")
    checked_at = time.strftime("%Y-%m-%dT%H:%M:%S+00:00", time.gmtime())
    prepared = [{**v, "run_id": run_id, "checked_at": checked_at} for v in visits]
    changes0 = store.db.execute("select count(*) from changes").fetchone()[0]
    policy = HealthPolicy()
    cpu0, started = time.process_time(), time.perf_counter()
    stored = 0
    for at in range(0, len(prepared), batch):
        stored += store.record_visits(prepared[at : at + batch], policy)
    wall, cpu = time.perf_counter() - started, time.process_time() - cpu0
    store.finish_run(run_id)
    changes = store.db.execute("select count(*) from changes").fetchone()[0] - changes0
    return {
        "batch": batch,
        "rows": stored,
        "wall_s": wall,
        "cpu_s": cpu,
        "rows_per_s": stored / wall,
        "us_per_row": 1e6 * wall / stored,
        "changes": changes,
    }


def writer_pass(store, visits: list[dict], redis: scaling.RedisServer) -> dict:
    """``distributed.Writer`` storing ``visits`` that arrive through Redis as result records."""
    from scrapy.settings import Settings

    from linkhealth.distributed import JobQueue, Writer, interleave_hosts
    from pipelines.classify import judge_batch

    client = redis.client
    client.flushdb()
    queue = JobQueue(client, "linkhealth")
    token = secrets.token_hex(6)
    run_id = store.start_run("benchmark")
    settings = Settings({"LINKHEALTH_REDIS_WINDOW": len(visits)})  # everything fed at once; batches as configured
    writer = Writer(store, queue, settings, run_id=run_id, token=token, judge=judge_batch, say=lambda text: None)
    queue.open_run(token, {"run_id": run_id}, alive_seconds=writer.alive_seconds)
    rows = list(itertools.islice(store.iter_due(everything=True), len(visits)))  # the visits' resources, in order
    assert [r["id"] for r in rows] == [v["resource_id"] for v in visits]
    # job n is the n-th resource as the writer feeds them (host-interleaved, 2,000 at a time):
    # the writer refuses a result whose resource is not the one job n was fed for
    fed = [r["id"] for at in range(0, len(rows), 2000) for r in interleave_hosts(rows[at : at + 2000])]
    job_of = {rid: n for n, rid in enumerate(fed)}
    records = [
        json.dumps({**v, "n": job_of[v["resource_id"]]}, separators=(",", ":"), ensure_ascii=False) for v in visits
    ]
    for at in range(0, len(records), 1000):
        client.rpush(queue.run_key(token, "results"), *records[at : at + 1000])
    # timed to the end of the last store: a run's last BLPOP waits 0.5 s for nothing before it ends
    record_visits, last = store.record_visits, [0.0]

    def timed(*a, **kw):
        n = record_visits(*a, **kw)
        last[0] = time.perf_counter()
        return n

    store.record_visits = timed
    redis_cpu = redis.cpu_seconds()
    cpu0, started = time.process_time(), time.perf_counter()
    try:
        status, note = writer.run(iter(rows), due=len(visits))
    finally:
        del store.record_visits
    wall, cpu = last[0] - started, time.process_time() - cpu0
    redis_cpu = redis.cpu_seconds() - redis_cpu
    queue.close_run(token)
    client.delete(queue.start)
    store.finish_run(run_id, status=status, note=note)
    n = writer.stored
    assert n == len(visits) and not writer.rejected, (n, writer.rejected)
    return {
        "batch": writer.batch,
        "rows": n,
        "status": status,
        "wall_s": wall,
        "cpu_s": cpu,
        "rows_per_s": n / wall,
        "store_s": writer.store_seconds,
        "outside_store_us_per_row": 1e6 * (wall - writer.store_seconds) / n,
        "redis_cpu_us_per_row": 1e6 * redis_cpu / n,
        "us_per_row": 1e6 * wall / n,
    }


# ------------------------------------------------------------------ main

COLUMNS = [
    ("rows", "rows", "{:.0f}"),
    ("wall_s", "wall s", "{:.2f}"),
    ("rows_per_s", "rows/s", "{:.0f}"),
    ("us_per_row", "µs/row", "{:.0f}"),
    ("cpu_s", "CPU s", "{:.2f}"),
    ("changes", "changes rows", "{:.0f}"),
    ("store_s", "in record_visits s", "{:.2f}"),
    ("outside_store_us_per_row", "writer outside store µs/row", "{:.0f}"),
    ("redis_cpu_us_per_row", "redis CPU µs/row", "{:.0f}"),
]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--resources", type=int, default=100_000, help="resources in the catalogue")
    ap.add_argument("--visits", type=int, default=20_000, help="visits per pass")
    ap.add_argument("--batch", default="500,50,10", help="batch sizes (visits per transaction), comma-separated")
    ap.add_argument("--records", type=Path, help="real result records (scaling.py --footprint) as templates")
    ap.add_argument("--redis", action="store_true", help="also distributed.Writer with the results on Redis")
    ap.add_argument(
        "--synchronous",
        choices=["FULL", "NORMAL"],
        help="PRAGMA synchronous for the measurement (the store leaves SQLite's default, FULL)",
    )
    ap.add_argument("--workdir", type=Path, default=testweb.DEFAULT_WORKDIR, help="catalogue cache")
    args = ap.parse_args(argv)
    args.visits = min(args.visits, args.resources)
    batches = [int(b) for b in args.batch.split(",")]

    args.workdir.mkdir(parents=True, exist_ok=True)
    catalogue = SyntheticCatalogue(args.resources)
    template = run.catalogue_template(catalogue, args.workdir)
    visits = make_visits(catalogue, args.visits, args.records)
    code = run.code_fingerprint()
    print(
        f"store writer: {args.visits} visits per pass into a catalogue of {args.resources} resources "
        f"({'real records from ' + args.records.name if args.records else 'the test web mix'}); "
        f"batches {batches}"
    )
    print(
        f"code: git {code['git_head']}, working tree {code['tree_sha256']}; python {sys.version.split()[0]}, "
        f"SQLite {__import__('sqlite3').sqlite_version}, synchronous {args.synchronous or 'FULL (default)'}; "
        f"{time.strftime('%Y-%m-%d %H:%M %Z')}",
        flush=True,
    )

    base = Path(tempfile.mkdtemp(prefix="store-writer-", dir=args.workdir))
    rows: list[tuple[str, dict]] = []
    growth = None
    redis = None
    try:
        for batch in batches:
            rundir = base / f"batch{batch}"
            rundir.mkdir()
            db = run.copy_catalogue(template, rundir)
            sizes = [scaling.catalogue_bytes(db)]
            for night in ("first night", "next night"):
                store = open_store(db, args.synchronous)
                try:
                    r = store_pass(store, visits, batch)
                finally:
                    store.close()
                sizes.append(scaling.catalogue_bytes(db))  # checkpointed: the file is the catalogue
                rows.append((f"batch {batch}, {night}", r))
                print(f"batch {batch}, {night}: {r['rows_per_s']:.0f} rows/s", flush=True)
            growth = growth or sizes
        if args.redis:
            redis = scaling.RedisServer(base / "redis")
            (base / "writer").mkdir()
            db = run.copy_catalogue(template, base / "writer")
            store = open_store(db, args.synchronous)
            try:
                for night in ("first night", "next night"):
                    r = writer_pass(store, visits, redis)
                    rows.append((f"Writer via Redis, {night}", r))
                    print(f"Writer via Redis, {night}: {r['rows_per_s']:.0f} rows/s ({r['status']})", flush=True)
            finally:
                store.close()
    finally:
        if redis is not None:
            redis.stop()
        shutil.rmtree(base, ignore_errors=True)

    print()
    print(run.table(rows, COLUMNS))
    if growth:
        print()
        for night, (b, a) in zip(("first night", "next night"), itertools.pairwise(growth)):
            added = a["rows"]["checks"] - b["rows"]["checks"]
            print(
                f"catalogue.db, {night}: +{(a['file_bytes'] - b['file_bytes']) / added:.0f} B of file a visit; "
                f"checks {a['checks']['bytes_per_row']:.0f} B a row ({a['checks']['table_bytes'] / a['rows']['checks']:.0f} "
                f"table + {a['checks']['index_bytes'] / a['rows']['checks']:.0f} indexes); "
                f"+{a['rows']['changes'] - b['rows']['changes']} changes rows"
            )
    out = run.OUT / f"{time.strftime('%Y%m%d-%H%M%S')}-store-writer-{args.resources}.json"
    run.OUT.mkdir(exist_ok=True)
    out.write_text(
        json.dumps(
            {"args": {k: str(v) for k, v in vars(args).items()}, "code": code, "results": rows, "catalogue": growth},
            indent=1,
            default=str,
        )
    )
    print(f"results: {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
