"""Many machines, one catalogue: the crawl on Redis with scrapy-redis (docs/scaling.md).

``linkhealth check --redis URL`` opens a run and feeds the due resources into a
shared Redis queue (scrapy-redis's start-URLs key); any number of
``linkhealth worker --redis URL`` processes, on any machines, crawl from it
(``crawler/redis_spider.py``) and push each judged visit back through Redis;
the ``check`` process is the one writer that stores them in ``catalogue.db``.
SQLite stays a single-writer store, behind the same crawl lock as ever.

Keys (``P`` is LINKHEALTH_REDIS_PREFIX, ``R`` a random token per run)::

    P:start                 list   jobs, JSON {run, n, id, url, etag, last_modified[, try]}
                                   (the spider's scrapy-redis start-URLs key)
    P:runs                  set    tokens of the runs being written now
    P:run:R                 hash   the run's facts (store run id, catalogue, fed, due)
    P:run:R:writer          string the writer is alive (expires unless renewed): the run is on
    P:run:R:leases          zset   jobs a worker holds, scored by the lease deadline (ms)
    P:run:R:done            bitmap bit n set once job n's result is in (or it was abandoned)
    P:run:R:results         list   judged visits, JSON (visit_record, no body)
    P:workers               zset   worker id -> last heartbeat (ms)
    P:worker:W:requests     zset   worker W's scrapy-redis scheduler queue (expires with W)
    P:dupefilter            set    scrapy-redis's shared duplicate filter
    P:host:H                zset   per-host semaphore: leases of open requests to H
    P:dead                  list   dead letters: jobs and results that failed their schema,
                                   or jobs abandoned after LINKHEALTH_REDIS_MAX_TRIES
                                   (JSON {at, by, kind, reason, run, data}; the last 1,000)
    P:dead:count            string dead letters ever sent (the writer reports its run's share)

Guarantees, and where they come from:

- *Each resource once per run*: the writer pushes each due resource once (job
  ``n``); a worker takes it with a lease (moved atomically from ``P:start`` into
  ``P:run:R:leases``); the result is accepted only if ``SETBIT done n`` was 0,
  in the same script that pushes it, and only while the writer is alive. The crawl's requests stay
  ``dont_filter=True`` (redirect loops), so the duplicate filter is not what
  guards this.
- *A dead worker loses nothing*: a live worker renews its leases on a heartbeat;
  the writer re-queues leases past their deadline (at the head of the queue).
  After LINKHEALTH_REDIS_MAX_TRIES expiries a job is abandoned (it stays due):
  a URL that kills every worker cannot stall the night.
- *Politeness across workers*: ``crawler/redis_middlewares.py`` takes a lease
  on ``P:host:H`` (at most CONCURRENT_REQUESTS_PER_DOMAIN) before each request
  leaves and gives it back when the answer (or failure) comes.
- *A dead writer stalls nothing*: its ``P:run:R:writer`` key expires; workers
  drop the run's jobs and results, and the next writer deletes its keys. Its
  ``runs`` row is marked interrupted by the next run, as for any crawl.
- *Nothing to unpickle*: the workers' scrapy-redis request queues are JSON
  (:class:`JsonSerializer`), not scrapy-redis's default pickle, so whoever can
  write to Redis cannot run code on the workers (still: keep Redis private).
- *Bounded memory*: the writer keeps at most LINKHEALTH_REDIS_WINDOW jobs
  outstanding (queued, leased or waiting to be stored), topping the queue up as
  results are stored.
- *Poison goes to the side*: every job (``FETCH``, then :func:`parse_job` on
  the worker) and every result (:func:`parse_result` on the writer) is checked
  against its schema; one that fails is pushed to ``P:dead`` with the reason,
  counted, and the crawl goes on. A job number must be one the writer fed
  (below the run's ``fed``), so no message can make Redis or the writer
  allocate a bitmap for job 2,147,483,647; a result must name the resource its
  job was fed for, or the writer dead-letters it and queues that resource again.
- *A lost Redis is not a finished night*: a worker retries with backoff for
  LINKHEALTH_REDIS_RECONNECT_SECONDS, then exits non-zero (so a supervisor's
  ``Restart=on-failure`` brings it back).
- *No password in sight*: the URL comes from ``--redis``, ``LINKHEALTH_REDIS_URL``
  and ``LINKHEALTH_REDIS_PASSWORD`` / ``LINKHEALTH_REDIS_PASSWORD_FILE``
  (:func:`resolve_redis_url`); every message shows it through
  :func:`redact`, local workers get it in their environment, not their
  arguments, and a password given on the command line is wiped from the
  process title (:func:`hide_password_from_ps`).

Lease deadlines are Redis server time (``TIME`` inside the scripts), so clock
skew between machines does not matter. The scripts touch keys derived from the
job (the run token): run them on a standalone Redis (or one primary), not a
Redis Cluster.

Nothing on the single-machine path imports this module (or Redis).
"""

# The old flat module's names, so ``from linkhealth.distributed import X`` keeps
# working: the queue protocol (protocol), the one writer (writer) and the worker
# processes (workers) are separate modules now.
from .protocol import *  # noqa: F403
from .protocol import (  # noqa: F401  (names the star import skips)
    _check,
    _decode,
)
from .workers import (  # noqa: F401
    _override_args,
    _stop_workers,
    run_distributed,
    run_worker,
    spawn_workers,
    worker_settings,
)
from .writer import Writer  # noqa: F401
