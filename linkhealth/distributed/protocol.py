"""The Redis queue protocol of the distributed crawl: settings, message schemas, keys, Lua scripts.

Shared by the writer (``linkhealth.distributed.writer``) and the workers
(``crawler/redis_spider.py``, ``crawler/redis_middlewares.py``); it imports
nothing from the crawler or the store, so both sides can depend on it without
a cycle. The key layout and the guarantees are described in
``linkhealth/distributed/__init__.py``.
"""

from __future__ import annotations

import base64
import itertools
import json
import logging
import os
import time
from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import redis

logger = logging.getLogger(__name__)

#: Our Redis settings and their defaults (override with ``-s NAME=VALUE`` on check and worker).
DEFAULTS: dict[str, Any] = {
    #: Key prefix: one per deployment; runs of several catalogues may share it.
    "LINKHEALTH_REDIS_PREFIX": "linkhealth",
    #: A worker's hold on a job or a host slot lasts this long without a heartbeat.
    "LINKHEALTH_REDIS_LEASE_SECONDS": 60.0,
    #: A job whose lease expired this many times is abandoned (it stays due).
    "LINKHEALTH_REDIS_MAX_TRIES": 3,
    #: Jobs outstanding at once (queued + leased + results not yet stored).
    "LINKHEALTH_REDIS_WINDOW": 20000,
    #: The writer gives up when no result has come for this long while work is outstanding.
    "LINKHEALTH_REDIS_IDLE_TIMEOUT": 600.0,
    #: Results written per SQLite transaction by the writer.
    "LINKHEALTH_REDIS_WRITE_BATCH": 500,
    #: Jobs a worker holds at once (0: CONCURRENT_REQUESTS).
    "LINKHEALTH_REDIS_PREFETCH": 0,
    #: Per-host concurrency limit shared by all workers (CONCURRENT_REQUESTS_PER_DOMAIN).
    "LINKHEALTH_REDIS_HOST_LIMITS": True,
    #: A worker stops renewing a job it has held this long (a visit that never ends).
    "LINKHEALTH_REDIS_JOB_MAX_SECONDS": 900.0,
    #: A worker that cannot reach Redis retries (backing off) this long, then exits 1.
    "LINKHEALTH_REDIS_RECONNECT_SECONDS": 300.0,
}

#: Dead letters kept in ``P:dead`` (the oldest go first); ``P:dead:count`` counts them all.
DEAD_LETTERS_KEPT = 1000
#: Characters of a poison message kept in its dead letter.
DEAD_LETTER_DATA_CHARS = 2048


def setting(settings, name: str):
    """One of our Redis settings, typed like its default."""
    default = DEFAULTS[name]
    if isinstance(default, bool):
        return settings.getbool(name, default)
    if isinstance(default, int):
        return settings.getint(name, default)
    if isinstance(default, float):
        return settings.getfloat(name, default)
    return settings.get(name, default) or default


class DistributedError(Exception):
    """Redis cannot be used (unreachable, wrong URL)."""


def redact(url: str) -> str:
    """``url`` with its password (if any) replaced by ``***``, for messages and titles."""
    try:
        parts = urlsplit(url)
        password = parts.password
    except ValueError:
        return "<a Redis URL that does not parse>"
    if not password:
        return url
    user = parts.username or ""
    host = parts.netloc.rpartition("@")[2]
    return parts._replace(netloc=f"{user}:***@{host}").geturl()


def resolve_redis_url(url: str | None, environ=None) -> str | None:
    """The Redis URL to use, with its password from wherever it was given.

    ``url`` (``--redis``, or ``LINKHEALTH_REDIS_URL`` through click's envvar);
    a URL without a password takes ``LINKHEALTH_REDIS_PASSWORD`` or the first
    line of the file ``LINKHEALTH_REDIS_PASSWORD_FILE`` names (a secret mounted
    by systemd's ``LoadCredential`` or Docker), so the password need not be in
    any command line.
    """
    from urllib.parse import quote

    environ = os.environ if environ is None else environ
    if not url:
        return None
    password = environ.get("LINKHEALTH_REDIS_PASSWORD")
    if not password and environ.get("LINKHEALTH_REDIS_PASSWORD_FILE"):
        path = environ["LINKHEALTH_REDIS_PASSWORD_FILE"]
        try:
            password = Path(path).read_text(encoding="utf-8").splitlines()[0].strip()
        except (OSError, IndexError, UnicodeDecodeError) as exc:
            raise DistributedError(f"cannot read the Redis password from {path}: {exc}") from exc
    try:
        parts = urlsplit(url)
        has_password = parts.password is not None
    except ValueError as exc:
        raise DistributedError(f"cannot use Redis at {redact(url)}: {exc}") from exc
    if not password or has_password:
        return url
    user = quote(parts.username or "", safe="")
    return parts._replace(netloc=f"{user}:{quote(password, safe='')}@{parts.netloc.rpartition('@')[2]}").geturl()


def password_in(url: str | None) -> str | None:
    try:
        return urlsplit(url).password if url else None
    except ValueError:
        return None


def hide_password_from_ps(url: str | None) -> None:
    """Rewrite this process's title (``ps``, ``/proc/PID/cmdline``) without the password.

    Only helps after start-up: a password typed on a command line was visible
    until here, so the docs say to use the environment or a file instead.
    """
    password = password_in(url)
    if not url or not password:
        return
    try:
        import setproctitle
    except ImportError:  # the redis extra declares it; without it, the warning in the docs stands
        return
    title = setproctitle.getproctitle()
    if url in title:
        setproctitle.setproctitle(title.replace(url, redact(url)))


def connect(url: str) -> redis.Redis:
    """A client for ``url``, checked with PING (DistributedError names the URL, without its password)."""
    try:
        server = redis.Redis.from_url(url, socket_timeout=30, socket_connect_timeout=10, retry_on_timeout=True)
        server.ping()
    except (redis.RedisError, ValueError) as exc:
        raise DistributedError(f"cannot use Redis at {redact(url)}: {exc}") from exc
    return server


# ------------------------------------------------------------------ message schemas


class PoisonMessage(ValueError):
    """A job or a result that does not fit its schema: dead-lettered, never retried."""


_TEXT = {"type": ["string", "null"], "maxLength": 65536}
_SHORT = {"type": ["string", "null"], "maxLength": 2048}

#: A job, as the writer queues it (``JobQueue.feed``) and a lease holds it.
JOB_SCHEMA = {
    "type": "object",
    "required": ["run", "n", "id"],
    "properties": {
        "run": {"type": "string", "pattern": "^[A-Za-z0-9_-]{1,64}$"},
        "n": {"type": "integer", "minimum": 0, "maximum": 2**32 - 1},
        "id": {"type": "string", "minLength": 1, "maxLength": 2048},
        "url": _TEXT,
        "etag": _SHORT,
        "last_modified": _SHORT,
        "try": {"type": "integer", "minimum": 0},
    },
    "additionalProperties": False,
}

#: A judged visit, as a worker hands it to the writer (``visit_record`` without
#: ``run_id``, plus the job number ``n``). Only what the store reads is typed;
#: other keys pass (the store ignores them). The identity fields are the writer's
#: to judge (the workers have no catalogue): whatever a result brings under those
#: names is replaced before the store sees it.
RESULT_SCHEMA: dict[str, Any] = {
    "type": "object",
    "required": ["n", "resource_id", "outcome"],
    "properties": {
        "n": {"type": "integer", "minimum": 0, "maximum": 2**32 - 1},
        "resource_id": {"type": "string", "minLength": 1, "maxLength": 2048},
        "outcome": {"enum": None},  # filled from Outcome below
        "gate": _SHORT,
        "url": _TEXT,
        "final_url": _TEXT,
        "suggested_url": _TEXT,
        "status_code": {"type": ["integer", "null"], "minimum": 0, "maximum": 999},
        "detail": _TEXT,
        "checked_at": {"type": ["string", "null"], "maxLength": 64},
        "redirect_chain": {"type": ["array", "null"], "maxItems": 100},
        "elapsed_ms": {"type": ["number", "null"], "minimum": 0},
        "bytes": {"type": ["integer", "null"], "minimum": 0},
        "content_type": _SHORT,
        "etag": _SHORT,
        "last_modified": _SHORT,
        "content_hash": _SHORT,
        "error_class": _SHORT,
        "error_message": _TEXT,
        "inconclusive": {"type": "boolean"},
        "hold_health": {"type": "boolean"},
        "metadata": {
            "type": ["object", "null"],
            "properties": {
                "title": _TEXT,
                "description": _TEXT,
                "duration_seconds": {"type": ["number", "null"]},
                "title_source": _SHORT,
                "description_source": _SHORT,
                "duration_seconds_source": _SHORT,
            },
        },
        "abandoned": {"const": False},
    },
}

#: What ``REAP`` pushes for a job whose leases lapsed LINKHEALTH_REDIS_MAX_TRIES times.
ABANDONED_SCHEMA = {
    "type": "object",
    "required": ["abandoned", "n", "resource_id"],
    "properties": {
        "abandoned": {"const": True},
        "n": {"type": "integer", "minimum": 0, "maximum": 2**32 - 1},
        "resource_id": {"type": "string", "minLength": 1, "maxLength": 2048},
        "url": _TEXT,
        "tries": {"type": "integer"},
    },
}


_VALIDATORS: dict[str, Any] = {}


def _check(kind: str, schema: dict, data: Any) -> None:
    """Validate with fastjsonschema: compiled once to Python, a small part of the writer's
    cost per result where jsonschema would be most of it (the writer checks every result
    of the night; docs/scaling.md has the figures)."""
    import fastjsonschema

    if kind not in _VALIDATORS:
        if schema is RESULT_SCHEMA and RESULT_SCHEMA["properties"]["outcome"]["enum"] is None:
            from ..outcomes import Outcome

            RESULT_SCHEMA["properties"]["outcome"]["enum"] = [o.value for o in Outcome]
        _VALIDATORS[kind] = fastjsonschema.compile({"$schema": "http://json-schema.org/draft-07/schema#", **schema})
    try:
        _VALIDATORS[kind](data)
    except fastjsonschema.JsonSchemaValueException as exc:
        raise PoisonMessage(f"{kind}: {exc.message[:200]}") from None


def _decode(kind: str, data: str | bytes) -> Any:
    try:
        return json.loads(data)
    except (ValueError, UnicodeDecodeError) as exc:
        raise PoisonMessage(f"{kind}: not JSON ({exc})") from exc


def parse_job(data: str | bytes) -> dict[str, Any]:
    """A queued job, checked against JOB_SCHEMA (PoisonMessage says what is wrong)."""
    job = _decode("job", data)
    _check("job", JOB_SCHEMA, job)
    return job


def parse_result(data: str | bytes) -> dict[str, Any]:
    """A worker's result (or REAP's abandoned record), checked against its schema."""
    record = _decode("result", data)
    if isinstance(record, dict) and record.get("abandoned") is True:
        _check("abandoned", ABANDONED_SCHEMA, record)
    else:
        _check("result", RESULT_SCHEMA, record)
    return record


def host_of(url: str) -> str:
    try:
        return (urlsplit(url).hostname or "").lower()
    except ValueError:
        return ""


def interleave_hosts(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Round-robin the rows by host, so a queue segment is not one host's links only.

    Waiting for a busy host holds a worker's concurrency (as it does in Scrapy's
    own downloader); spreading hosts keeps every worker busy.
    """
    by_host: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for row in rows:
        by_host[host_of(row.get("url") or "")].append(row)
    out: list[dict[str, Any]] = []
    for group in itertools.zip_longest(*by_host.values()):
        out.extend(r for r in group if r is not None)
    return out


class JsonSerializer:
    """scrapy-redis's request serializer, as JSON with bytes and bytes-keyed dicts tagged.

    scrapy-redis pickles queued requests by default; unpickling what anyone who
    can write to Redis put there would run their code on every worker. A request
    dict (``Request.to_dict``) is plain data: str, numbers, lists, dicts, bytes.
    Anything else in a request's meta is refused loudly rather than guessed at.
    """

    @staticmethod
    def _tag(obj: Any) -> Any:
        if obj is None or isinstance(obj, (str, bool, int, float)):
            return obj
        if isinstance(obj, (bytes, bytearray)):
            return {"$b": base64.b64encode(bytes(obj)).decode("ascii")}
        if isinstance(obj, (list, tuple)):
            return [JsonSerializer._tag(x) for x in obj]
        if isinstance(obj, dict):
            if all(isinstance(k, str) and not k.startswith("$") for k in obj):
                return {k: JsonSerializer._tag(v) for k, v in obj.items()}
            return {"$d": [[JsonSerializer._tag(k), JsonSerializer._tag(v)] for k, v in obj.items()]}
        raise TypeError(f"cannot queue a {type(obj).__name__} in a request (JSON only): {obj!r:.80}")

    @staticmethod
    def _untag(obj: Any) -> Any:
        if isinstance(obj, list):
            return [JsonSerializer._untag(x) for x in obj]
        if isinstance(obj, dict):
            if len(obj) == 1 and "$b" in obj:
                return base64.b64decode(obj["$b"])
            if len(obj) == 1 and "$d" in obj:
                return {JsonSerializer._untag(k): JsonSerializer._untag(v) for k, v in obj["$d"]}
            return {k: JsonSerializer._untag(v) for k, v in obj.items()}
        return obj

    @classmethod
    def dumps(cls, obj: Any) -> str:
        return json.dumps(cls._tag(obj), separators=(",", ":"), ensure_ascii=False)

    @classmethod
    def loads(cls, data: str | bytes) -> Any:
        return cls._untag(json.loads(data))


# ------------------------------------------------------------------ Lua scripts
# Every script reads the clock with TIME: deadlines are the Redis server's time.

_NOW = """
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
"""

#: Push a dead letter: KEYS dead list, dead counter (then the caller's own keys).
_DEAD = """
local function dead(by, kind, reason, run, data)
  redis.call('RPUSH', KEYS[2], cjson.encode({at = now, by = by, kind = kind, reason = reason,
                                             run = run or cjson.null, data = string.sub(data, 1, %d)}))
  redis.call('LTRIM', KEYS[2], -%d, -1)
  redis.call('INCR', KEYS[3])
end
""" % (DEAD_LETTER_DATA_CHARS, DEAD_LETTERS_KEPT)

#: Take up to ARGV[2] jobs from the head of the start queue, each with a lease.
#: Jobs of runs no longer active, or already done, are dropped; a job without a
#: run token or with a job number the run never fed (n >= fed) is dead-lettered.
#: KEYS: start, dead, dead count. ARGV: prefix, count, lease ms.
FETCH = (
    _NOW
    + _DEAD
    + """
local prefix, want, lease = ARGV[1], tonumber(ARGV[2]), tonumber(ARGV[3])
local out, live, fed, scanned = {}, {}, {}, 0
while #out < want and scanned < want * 4 + 16 do
  local data = redis.call('LPOP', KEYS[1])
  if not data then break end
  scanned = scanned + 1
  local ok, job = pcall(cjson.decode, data)
  if not ok or type(job) ~= 'table' then
    dead('fetch', 'job', 'job: not a JSON object', nil, data)
  elseif type(job.run) ~= 'string' or #job.run > 64 or not string.match(job.run, '^[%w_-]+$') then
    dead('fetch', 'job', 'job: run: missing, or not a run token', nil, data)
  else
    local base = prefix .. ':run:' .. job.run
    if live[job.run] == nil then
      live[job.run] = redis.call('EXISTS', base .. ':writer') == 1
      fed[job.run] = tonumber(redis.call('HGET', base, 'fed') or '0') or 0
    end
    if live[job.run] then
      local n = job.n
      if type(n) ~= 'number' or n < 0 or n >= fed[job.run] or n ~= math.floor(n) then
        dead('fetch', 'job', 'job: n: not a job number this run fed', job.run, data)
      elseif redis.call('GETBIT', base .. ':done', n) == 0 then
        redis.call('ZADD', base .. ':leases', now + lease, data)
        out[#out + 1] = data
      end
    end
  end
end
return out
"""
)

#: Push back the deadline of leases still held (XX: a lease the writer already
#: re-queued is not brought back). KEYS[1] the zset; ARGV[1] lease ms; ARGV[2..] members.
RENEW = (
    _NOW
    + """
local lease = tonumber(ARGV[1])
local n = 0
for i = 2, #ARGV do
  n = n + redis.call('ZADD', KEYS[1], 'XX', 'CH', now + lease, ARGV[i])
end
if KEYS[2] then redis.call('PEXPIRE', KEYS[1], lease * 2) end
return n
"""
)

#: A job's result: accepted once (SETBIT done n was 0) while the writer is alive,
#: and only for a job number the run fed (-2 otherwise: no bitmap grows for it).
#: KEYS: writer, done, results, leases, run. ARGV: run token, n, job (lease member), record.
COMPLETE = """
redis.call('ZREM', KEYS[4], ARGV[3])
if redis.call('EXISTS', KEYS[1]) == 0 then return -1 end
local n = tonumber(ARGV[2])
if not n or n < 0 or n ~= math.floor(n) or n >= (tonumber(redis.call('HGET', KEYS[5], 'fed') or '0') or 0) then
  return -2
end
if redis.call('SETBIT', KEYS[2], n, 1) == 0 then
  redis.call('RPUSH', KEYS[3], ARGV[4])
  return 1
end
return 0
"""

#: Give jobs back now (a worker shutting down): KEYS leases, start; ARGV members.
RELEASE = """
local n = 0
for i = 1, #ARGV do
  if redis.call('ZREM', KEYS[1], ARGV[i]) == 1 then
    redis.call('LPUSH', KEYS[2], ARGV[i])
    n = n + 1
  end
end
return n
"""

#: Expired leases back to the head of the queue, or abandoned after ARGV[1] tries
#: (told to the writer, and dead-lettered with the job as it was).
#: KEYS: leases, dead, dead count, start, done, results. ARGV: max tries, how many at most, run token.
REAP = (
    _NOW
    + _DEAD
    + """
local expired = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', now, 'LIMIT', 0, tonumber(ARGV[2]))
local requeued, abandoned = 0, 0
for _, data in ipairs(expired) do
  redis.call('ZREM', KEYS[1], data)
  local job = cjson.decode(data)
  if redis.call('GETBIT', KEYS[5], job.n) == 0 then
    job['try'] = (tonumber(job['try']) or 0) + 1
    if job['try'] >= tonumber(ARGV[1]) then
      redis.call('SETBIT', KEYS[5], job.n, 1)
      redis.call('RPUSH', KEYS[6], cjson.encode({abandoned = true, n = job.n, resource_id = job.id,
                                                 url = job.url, tries = job['try']}))
      dead('reap', 'job', 'job: abandoned after ' .. job['try'] .. ' workers stopped on it', ARGV[3], data)
      abandoned = abandoned + 1
    else
      redis.call('LPUSH', KEYS[4], cjson.encode(job))
      requeued = requeued + 1
    end
  end
end
return {requeued, abandoned}
"""
)

#: Per-host semaphore: a lease on KEYS[1] if fewer than ARGV[2] are held.
#: ARGV: token, limit, lease ms.
ACQUIRE = (
    _NOW
    + """
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
if redis.call('ZCARD', KEYS[1]) < tonumber(ARGV[2]) then
  redis.call('ZADD', KEYS[1], now + tonumber(ARGV[3]), ARGV[1])
  redis.call('PEXPIRE', KEYS[1], tonumber(ARGV[3]) * 2)
  return 1
end
return 0
"""
)

#: The worker's heartbeat: KEYS workers zset; ARGV worker id.
BEAT = (
    _NOW
    + """
redis.call('ZADD', KEYS[1], now, ARGV[1])
return now
"""
)

#: Workers seen within ARGV[1] ms: KEYS workers zset.
SEEN = (
    _NOW
    + """
return redis.call('ZCOUNT', KEYS[1], now - tonumber(ARGV[1]), '+inf')
"""
)

#: Forget workers silent for ARGV[2] ms (dead: a live one beats every lease/4), and
#: delete their scrapy-redis request queues. KEYS workers zset; ARGV prefix, ms.
PRUNE = (
    _NOW
    + """
local dead = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', now - tonumber(ARGV[2]))
for _, id in ipairs(dead) do
  redis.call('DEL', ARGV[1] .. ':worker:' .. id .. ':requests')
  redis.call('ZREM', KEYS[1], id)
end
return #dead
"""
)


def worker_requests_key(prefix: str, worker_id: str) -> str:
    """Worker ``worker_id``'s scrapy-redis scheduler queue."""
    return f"{prefix}:worker:{worker_id}:requests"


class JobQueue:
    """The Redis side of a distributed crawl: used by the writer and by the workers."""

    def __init__(self, server: redis.Redis, prefix: str = "linkhealth"):
        self.server = server
        self.prefix = prefix
        self.start = f"{prefix}:start"
        self.runs = f"{prefix}:runs"
        self.workers = f"{prefix}:workers"
        self.dead = f"{prefix}:dead"
        self.dead_count = f"{prefix}:dead:count"
        self._fetch = server.register_script(FETCH)
        self._renew = server.register_script(RENEW)
        self._complete = server.register_script(COMPLETE)
        self._release = server.register_script(RELEASE)
        self._reap = server.register_script(REAP)
        self._acquire = server.register_script(ACQUIRE)
        self._beat = server.register_script(BEAT)
        self._seen = server.register_script(SEEN)
        self._prune = server.register_script(PRUNE)

    # -- keys
    def run_key(self, token: str, part: str = "") -> str:
        return f"{self.prefix}:run:{token}" + (f":{part}" if part else "")

    def host_key(self, host: str) -> str:
        return f"{self.prefix}:host:{host}"

    def worker_requests_key(self, worker_id: str) -> str:
        return worker_requests_key(self.prefix, worker_id)

    # -- runs (writer)
    def open_run(self, token: str, info: dict[str, Any], alive_seconds: float = 60) -> None:
        self.prune_runs()
        with self.server.pipeline() as pipe:
            if info:
                pipe.hset(self.run_key(token), mapping={k: json.dumps(v) for k, v in info.items()})
            pipe.set(self.run_key(token, "writer"), os.getpid(), px=int(alive_seconds * 1000))
            pipe.sadd(self.runs, token)
            pipe.execute()

    def keep_alive(self, token: str, alive_seconds: float = 60) -> None:
        """The writer's heartbeat: without it the run ends for the workers."""
        self.server.pexpire(self.run_key(token, "writer"), int(alive_seconds * 1000))

    def close_run(self, token: str) -> None:
        """The run is over: workers drop its jobs from now on; its keys go."""
        with self.server.pipeline() as pipe:
            pipe.srem(self.runs, token)
            for part in ("writer", "leases", "done", "results"):
                pipe.delete(self.run_key(token, part))
            pipe.delete(self.run_key(token))
            pipe.execute()

    def active_runs(self) -> set[str]:
        """Runs whose writer is alive."""
        tokens = [t.decode() if isinstance(t, bytes) else t for t in self.server.smembers(self.runs)]
        if not tokens:
            return set()
        with self.server.pipeline() as pipe:
            for token in tokens:
                pipe.exists(self.run_key(token, "writer"))
            alive = pipe.execute()
        return {t for t, a in zip(tokens, alive) if a}

    def prune_runs(self) -> list[str]:
        """Delete what runs of dead writers left behind (their jobs are dropped as met)."""
        tokens = [t.decode() if isinstance(t, bytes) else t for t in self.server.smembers(self.runs)]
        alive = self.active_runs()
        dead = [t for t in tokens if t not in alive]
        for token in dead:
            logger.warning("run %s on Redis lost its writer: deleting what it left", token)
            self.close_run(token)
        return dead

    def feed(self, token: str, rows: list[dict[str, Any]], first: int) -> int:
        """Queue ``rows`` as jobs ``first``, ``first + 1``, …; returns how many."""
        if not rows:
            return 0
        jobs = [
            json.dumps(
                {
                    "run": token,
                    "n": first + i,
                    "id": r["id"],
                    "url": r.get("url"),
                    "etag": r.get("etag"),
                    "last_modified": r.get("last_modified"),
                },
                separators=(",", ":"),
                ensure_ascii=False,
            )
            for i, r in enumerate(rows)
        ]
        with self.server.pipeline() as pipe:
            pipe.rpush(self.start, *jobs)
            pipe.hincrby(self.run_key(token), "fed", len(jobs))
            pipe.execute()
        return len(jobs)

    def reap(self, token: str, max_tries: int, limit: int = 1000) -> tuple[int, int]:
        keys = [
            self.run_key(token, "leases"),
            self.dead,
            self.dead_count,
            self.start,
            self.run_key(token, "done"),
            self.run_key(token, "results"),
        ]
        requeued, abandoned = self._reap(keys=keys, args=[max_tries, limit, token])
        return int(requeued), int(abandoned)

    def dead_letter(
        self,
        kind: str,
        data: str | bytes,
        reason: str,
        *,
        by: str,
        run: str | None = None,
        lease: tuple[str, str | bytes] | None = None,
    ) -> None:
        """Put a poison message aside in ``P:dead`` (the last DEAD_LETTERS_KEPT), count it,
        and drop the lease it came with (``(run token, member)``), so it is not retried."""
        if isinstance(data, bytes):
            data = data.decode("utf-8", "replace")
        letter = json.dumps(
            {
                "at": time.time(),
                "by": by,
                "kind": kind,
                "reason": reason,
                "run": run,
                "data": data[:DEAD_LETTER_DATA_CHARS],
            },
            ensure_ascii=False,
        )
        with self.server.pipeline() as pipe:
            pipe.rpush(self.dead, letter)
            pipe.ltrim(self.dead, -DEAD_LETTERS_KEPT, -1)
            pipe.incr(self.dead_count)
            if lease:
                pipe.zrem(self.run_key(lease[0], "leases"), lease[1])
            pipe.execute()

    def dead_letters(self) -> int:
        """How many messages were ever dead-lettered under this prefix."""
        return int(self.server.get(self.dead_count) or 0)

    def pop_results(self, token: str, count: int, timeout: float, linger: float = 0.25) -> list[bytes]:
        """Up to ``count`` results: waits at most ``timeout`` seconds for the first, then
        up to ``linger`` seconds more for the batch to fill.

        A writer that keeps up with its workers would otherwise store one result per
        transaction, several times the CPU per result of a batch (docs/scaling.md):
        lingering a quarter of a second costs nothing at night.
        """
        key = self.run_key(token, "results")
        got: list[Any] = list(self.server.lpop(key, count) or [])
        if not got:
            if timeout <= 0:
                return []
            first = self.server.blpop([key], timeout=timeout)
            if not first:
                return []
            got = [first[1]]
        deadline = time.monotonic() + linger
        while len(got) < count:
            more = self.server.lpop(key, count - len(got))
            if more:
                got.extend(more)
                continue
            left = deadline - time.monotonic()
            if left <= 0:
                break
            time.sleep(min(0.05, left))
        return got

    def leased(self, token: str) -> int:
        return int(self.server.zcard(self.run_key(token, "leases")))

    def workers_seen(self, within_seconds: float) -> int:
        return int(self._seen(keys=[self.workers], args=[int(within_seconds * 1000)]))

    def prune_workers(self, silent_seconds: float) -> int:
        """Forget workers not heard from for ``silent_seconds``; their request queues go."""
        return int(self._prune(keys=[self.workers], args=[self.prefix, int(silent_seconds * 1000)]))

    # -- jobs (workers)
    def fetch(self, count: int, lease_ms: int) -> list[bytes]:
        if count <= 0:
            return []
        return list(self._fetch(keys=[self.start, self.dead, self.dead_count], args=[self.prefix, count, lease_ms]))

    def renew(self, token: str, members: Iterable[str | bytes], lease_ms: int) -> int:
        members = list(members)
        if not members:
            return 0
        return int(self._renew(keys=[self.run_key(token, "leases")], args=[lease_ms, *members]))

    def complete(self, token: str, n: int, member: str | bytes, record: str) -> int:
        """1: accepted; 0: a result for this job was already in; -1: the run is over;
        -2: the run never fed job ``n``."""
        keys = [
            self.run_key(token, "writer"),
            self.run_key(token, "done"),
            self.run_key(token, "results"),
            self.run_key(token, "leases"),
            self.run_key(token),
        ]
        return int(self._complete(keys=keys, args=[token, n, member, record]))

    def release(self, token: str, members: Iterable[str | bytes]) -> int:
        members = list(members)
        if not members:
            return 0
        return int(self._release(keys=[self.run_key(token, "leases"), self.start], args=members))

    def beat(self, worker_id: str) -> None:
        self._beat(keys=[self.workers], args=[worker_id])

    # -- hosts (workers)
    def acquire_host(self, host: str, token: str, limit: int, lease_ms: int) -> bool:
        return bool(self._acquire(keys=[self.host_key(host)], args=[token, limit, lease_ms]))

    def renew_host(self, host: str, tokens: Iterable[str], lease_ms: int) -> int:
        tokens = list(tokens)
        if not tokens:
            return 0
        return int(self._renew(keys=[self.host_key(host), "expire"], args=[lease_ms, *tokens]))

    def release_host(self, host: str, tokens: Iterable[str]) -> int:
        tokens = list(tokens)
        return int(self.server.zrem(self.host_key(host), *tokens)) if tokens else 0
