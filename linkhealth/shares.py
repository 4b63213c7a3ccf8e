"""Which crawler process of a multi-process run visits which URLs (``LINKHEALTH_PROCESSES``).

A run on n processes is split by work, not by host name: the parent counts the due
URLs of each host, and :func:`plan_shares` hands hosts to shares greedily, largest
first, each to the least loaded share. Splitting by a hash of the host name left
whole cores idle: six hosts of 200 URLs went 1,000 to 200, two hosts 1,200 to 0.

A host is split across shares only as far as politeness allows: the per-host limit
(``CONCURRENT_REQUESTS_PER_DOMAIN``) holds across all shares together, so a host in
k shares gets ``limit // k`` requests at a time in each (:func:`split_slots`), and a
host is never put in more shares than it has places (the default of 2 per host allows
2 shares of 1). A host is split only when it alone is larger than a fair share of the
run; otherwise all of a host's URLs stay in one process.

Within a split host, a URL's part is a hash of its resource id (not its rowid: an
import that interleaves two hosts would put all of one host's rows in one parity).
"""

from __future__ import annotations

import json
import math
import sys
import zlib
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit


def url_host(url: str | None) -> str:
    """The host a URL's politeness is counted against (Scrapy's download slot: the host
    name, lower-cased, without the port); '' when it does not parse."""
    try:
        return (urlsplit((url or "").strip()).hostname or "").lower()
    except ValueError:
        return ""


def host_shard(url: str | None, shares: int) -> int:
    """A share by a hash of the host name: for a host the parent's plan does not name
    (it became due after the plan was made), and for a share started by hand."""
    return zlib.crc32(url_host(url).encode("utf-8", "replace")) % max(1, int(shares))


@dataclass
class SharePlan:
    """Host → the shares that visit it (one, or several for a split host), and the
    due URLs each share was given."""

    shares: int
    hosts: dict[str, tuple[int, ...]] = field(default_factory=dict)
    loads: list[int] = field(default_factory=list)

    def share_of(self, url: str | None, resource_id: str | None) -> int:
        host = url_host(url)
        parts = self.hosts.get(host)
        if not parts:
            return host_shard(url, self.shares)
        if len(parts) == 1:
            return parts[0]
        return parts[zlib.crc32(str(resource_id).encode("utf-8", "replace")) % len(parts)]

    def split_hosts(self, share: int) -> dict[str, int]:
        """The split hosts share ``share`` visits, each with how many shares it is in."""
        return {h: len(p) for h, p in self.hosts.items() if len(p) > 1 and share in p}

    def to_json(self) -> str:
        return json.dumps({"shares": self.shares, "hosts": self.hosts, "loads": self.loads})

    @classmethod
    def from_json(cls, text: str) -> SharePlan:
        data = json.loads(text)
        return cls(int(data["shares"]), {h: tuple(p) for h, p in data["hosts"].items()}, list(data["loads"]))

    @classmethod
    def from_setting(cls, value) -> SharePlan | None:
        """``LINKHEALTH_SHARE_PLAN``: a plan (the parent's own share), ``-`` (read it from
        stdin, where the parent writes it for each share it starts: no file to leave behind
        if the parent is killed), a file's path, or empty (share by host hash)."""
        if not value:
            return None
        if isinstance(value, cls):
            return value
        if str(value) == "-":
            return cls.from_json(sys.stdin.read())
        return cls.from_json(Path(value).read_text())


def plan_shares(due_by_host: dict[str, int], shares: int, per_host_limit: int) -> SharePlan:
    """Hand hosts to ``shares`` processes by their due counts: largest first, each to the
    least loaded share (ties to the lower share number, so the plan is reproducible).

    A host with more than a fair share (total / shares) of the run is cut into up to
    ``min(shares, per_host_limit)`` equal pieces, each in a different share; with a
    per-host limit of 1 no host is ever split, and a share may stay empty (the caller
    then starts fewer processes).
    """
    shares = max(1, int(shares))
    due = {h: int(n) for h, n in due_by_host.items() if n and int(n) > 0}
    total = sum(due.values())
    fair = max(1, math.ceil(total / shares))
    most_parts = max(1, min(shares, int(per_host_limit)))
    pieces: list[tuple[int, str]] = []
    for host, n in due.items():
        parts = min(most_parts, math.ceil(n / fair)) if n > fair else 1
        pieces += [(len(piece), host) for piece in _cut(n, parts)]
    loads = [0] * shares
    hosts: dict[str, list[int]] = {}
    for size, host in sorted(pieces, key=lambda p: (-p[0], p[1])):
        taken = hosts.setdefault(host, [])
        k = min((k for k in range(shares) if k not in taken), key=lambda k: (loads[k], k))
        taken.append(k)
        loads[k] += size
    return SharePlan(shares, {h: tuple(p) for h, p in hosts.items()}, loads)


def _cut(n: int, parts: int) -> list[range]:
    """``n`` items in ``parts`` pieces whose sizes differ by at most one."""
    return [range(n * i // parts, n * (i + 1) // parts) for i in range(parts)]


def without_empty_shares(plan: SharePlan, due_by_host: dict[str, int], per_host_limit: int) -> SharePlan:
    """The plan re-made on as many shares as have work: a process with nothing to do costs
    its start-up and memory for nothing (and used to exit at once)."""
    used = sum(1 for load in plan.loads if load > 0)
    if used >= plan.shares or used == 0:
        return plan
    return plan_shares(due_by_host, used, per_host_limit)


def split_slots(plan: SharePlan, share: int, per_host_limit: int, download_delay: float) -> dict[str, dict]:
    """Scrapy ``DOWNLOAD_SLOTS`` entries for the split hosts of one share: each share gets
    its part of the per-host limit, and a fixed ``DOWNLOAD_DELAY`` is stretched by the
    number of shares, so the host sees what one process would send it."""
    slots = {}
    for host, parts in plan.split_hosts(share).items():
        slot: dict = {"concurrency": max(1, per_host_limit // parts)}
        if download_delay:
            slot["delay"] = download_delay * parts
        slots[host] = slot
    return slots
