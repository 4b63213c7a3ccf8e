"""Soak: one crawl of a 10,000-resource local catalogue with 5 % of requests faulted.

Checks that every resource ends with exactly one recorded visit and that the
crawl's memory stays flat over the run (RSS sampled every second from
/proc/<pid>/status; peak from wait4's ru_maxrss). Only loopback hosts
(127.0.0.50 … 127.0.0.59) are used; the run is bounded by ``--timeout``.

    python benchmarks/soak.py                     # 10,000 resources, 5 % faults
    python benchmarks/soak.py --size 1000 --json out.json

Figures go to stdout and, as JSON, to benchmarks/out/<time>-soak-<size>.json;
docs/reliability.md records one run.
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import sqlite3
import statistics
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from linkhealth.store import Store  # noqa: E402
from tests import faultweb as fw  # noqa: E402
from tests.web import Page, Site, closed_port, html, reset, stall  # noqa: E402

HOSTS = [f"127.0.0.{n}" for n in range(50, 60)]

#: the faults, equally likely among the faulted 5 %
FAULTS = {
    "reset": (reset, "connection_error"),
    "drop-mid-body": (fw.drop_mid_body, "connection_error"),
    "reset-mid-body": (fw.reset_mid_body, "connection_error"),
    "stall": (stall(6), "timeout"),
    "stall-headers": (fw.stall_mid_headers(6), "timeout"),
    "trickle": (fw.trickle(1.0, total=20), "timeout"),
    "garbage": (fw.raw(b"not http\r\n\r\n"), "connection_error"),
    "server-error": (Page(html("Oops"), status=500), "server_error"),
    "redirect-1000": (None, "redirect_loop"),
    "dns": (None, "dns_error"),
    "refused": (None, "connection_error"),
}


def page(handler) -> None:
    path = handler.path.split("?", 1)[0]
    if path.startswith("/hop/"):
        return fw.redirect_chain("/hop/", 1000)(handler)
    if "-linkhealth-probe" in path:
        return handler.send_page(Page(html("Not Found"), status=404))
    n = path.rsplit("/", 1)[-1]
    handler.send_page(
        Page(
            html(
                f"Resource {n}",
                f"A page about resource {n}. " * 30,
                head=f'<meta name="description" content="Resource {n} description">',
            )
        )
    )


def build(db: str, size: int, fault_rate: float, sites: list[Site], seed: int = 7) -> Counter:
    rng = random.Random(seed)
    refused_port = closed_port("127.0.0.60")
    rows, planned = [], Counter()
    for i in range(size):
        site = sites[i % len(sites)]
        if rng.random() < fault_rate:
            kind = rng.choice(sorted(FAULTS))
            planned[kind] += 1
            if kind == "redirect-1000":
                url = site.url(f"/hop/0?{i}")
            elif kind == "dns":
                url = f"http://host-{i}.invalid/x"
            elif kind == "refused":
                url = f"http://127.0.0.60:{refused_port}/{i}"
            else:
                url = site.url(f"/fault/{kind}/{i}")
                site.routes[f"/fault/{kind}/{i}"] = FAULTS[kind][0]
        else:
            planned["page"] += 1
            url = site.url(f"/page/{i}")
        rows.append((str(i), {"id": f"r{i:05d}", "url": url}))
    store = Store(db)
    store.import_rows(rows)
    store.close()
    return planned


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--size", type=int, default=10_000)
    ap.add_argument("--fault-rate", type=float, default=0.05)
    ap.add_argument("--timeout", type=float, default=1800)
    ap.add_argument("--json", help="write the figures here (default: benchmarks/out/…)")
    ap.add_argument("--keep", action="store_true", help="keep the work folder (catalogue.db) for a look")
    args = ap.parse_args(argv)

    work = Path(tempfile.mkdtemp(prefix="linkhealth-soak-"))
    db = str(work / "catalogue.db")
    sites = [Site(host, fallback=page) for host in HOSTS]
    for site in sites:
        site.server.handle_error = lambda request, address: None  # resets are the point: no tracebacks
        site.start()
    try:
        planned = build(db, args.size, args.fault_rate, sites)
        cmd = fw.linkhealth_cmd(
            db,
            "-s",
            "CONCURRENT_REQUESTS=32",
            "-s",
            "CONCURRENT_REQUESTS_PER_DOMAIN=8",
            probe=sites[0].url("/"),
        )
        print(
            f"soak: {args.size} resources, {sum(v for k, v in planned.items() if k != 'page')} faulted "
            f"({dict(planned)}); crawling…",
            flush=True,
        )
        result = fw.run_measured(cmd, timeout=args.timeout, sample_every=1.0)
    finally:
        for site in sites:
            site.stop()

    conn = sqlite3.connect(db)
    per_resource = Counter(dict(conn.execute("select resource_id, count(*) from checks group by resource_id")))
    outcomes = Counter(dict(conn.execute("select outcome, count(*) from checks group by outcome")))
    resources = conn.execute("select count(*) from resources").fetchone()[0]
    run = conn.execute("select status, duration_seconds from runs order by id desc limit 1").fetchone()
    conn.close()

    samples = result.samples
    rss = [mb for _, mb in samples]
    quarter = max(1, len(rss) // 4)
    # memory after start-up: the second quarter against the last quarter of the run
    early = statistics.median(rss[quarter : 2 * quarter]) if len(rss) >= 4 else None
    late = statistics.median(rss[-quarter:]) if rss else None
    deciles = [round(rss[min(len(rss) - 1, int(len(rss) * d / 10))], 1) for d in range(11)] if rss else []
    figures = {
        "size": args.size,
        "fault_rate": args.fault_rate,
        "planned": dict(planned),
        "exit_code": result.returncode,
        "run_status": run[0] if run else None,
        "wall_s": round(result.wall, 1),
        "visits_per_s": round(sum(per_resource.values()) / result.wall, 1) if result.wall else None,
        "resources": resources,
        "resources_with_one_visit": sum(1 for n in per_resource.values() if n == 1),
        "resources_without_visit": resources - len(per_resource),
        "outcomes": dict(outcomes.most_common()),
        "peak_rss_mb": round(result.peak_rss_mb, 1),
        "rss_mb_deciles": deciles,
        "rss_mb_median_2nd_quarter": round(early, 1) if early else None,
        "rss_mb_median_last_quarter": round(late, 1) if late else None,
        "rss_growth_mb": round(late - early, 1) if early and late else None,
    }
    out = (
        Path(args.json)
        if args.json
        else ROOT / "benchmarks" / "out" / (time.strftime("%Y%m%d-%H%M%S") + f"-soak-{args.size}.json")
    )
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(figures, indent=1) + "\n")
    print(json.dumps(figures, indent=1))
    print(f"figures written to {out}")
    if not args.keep:
        shutil.rmtree(work, ignore_errors=True)
    ok = (
        result.returncode == 0
        and figures["resources_without_visit"] == 0
        and figures["resources_with_one_visit"] == resources
    )
    if not ok:
        print(result.stderr[-3000:], file=sys.stderr)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
