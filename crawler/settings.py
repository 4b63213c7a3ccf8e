"""Scrapy settings for the linkhealth crawl.

Defaults are polite: a User-Agent that names us and a contact URL, robots.txt
obeyed, AutoThrottle on, two requests at a time per host. Benchmarks lift
politeness with ``-s`` on the command line, never here.

Our own settings are prefixed ``LINKHEALTH_``.
"""

import os

BOT_NAME = "linkhealth"
SPIDER_MODULES = ["crawler.spiders"]
NEWSPIDER_MODULE = "crawler.spiders"

# -- linkhealth's own settings ------------------------------------------------
#: The catalogue file; the CLI sets it from --db / $LINKHEALTH_DB.
LINKHEALTH_DB = None
#: Where a maintainer can learn who is crawling (goes into the User-Agent).
LINKHEALTH_CONTACT_URL = "https://github.com/linkhealth/linkhealth"
#: Revisit healthy resources after this many hours; failing ones sooner.
LINKHEALTH_REVISIT_HOURS = 20
LINKHEALTH_FAILING_REVISIT_HOURS = 6
#: A resource is broken after this many failed visits spanning at least this many hours.
LINKHEALTH_BROKEN_AFTER_FAILURES = 3
LINKHEALTH_BROKEN_AFTER_HOURS = 48
#: Read at most this much of a body (judgment and metadata need the start of a
#: page; a PDF's info beyond it is left out rather than downloading 200 MB).
LINKHEALTH_READ_BYTES = 2 * 1024 * 1024
#: Visits written to the store per transaction: what a crash can cost (it is re-checked).
LINKHEALTH_STORE_BATCH = 50
#: A URL that must answer for the run to count; empty: judge from the run itself.
#: Also from the environment, so a deployment (or a test) can set it for every crawl.
LINKHEALTH_CONNECTIVITY_PROBE = os.environ.get("LINKHEALTH_CONNECTIVITY_PROBE", "")
#: Ask the probe as the crawl opens (a run that starts offline changes no health). A Redis
#: worker serves many runs over its life and decides each from its own answers: off there.
LINKHEALTH_PROBE_AT_OPEN = True
#: Request one random path per host per run to detect hosts that answer 200 for everything.
LINKHEALTH_SOFT404_PROBE = True
#: Honour Retry-After on 429/503 up to this many seconds; longer waits are left for the next run.
LINKHEALTH_RETRY_AFTER_MAX = 30
#: Refuse loopback, private, link-local and cloud-metadata addresses (redirects included;
#: each host name resolved once and connected to at the checked address). Off by default,
#: as in other link checkers: intranet catalogues exist. Turn on for catalogues from
#: untrusted sources (README, "Security").
LINKHEALTH_BLOCK_PRIVATE_ADDRESSES = False
#: With the block on: networks still reached ("10.1.2.0/24,fd00::5"), e.g. one intranet server.
LINKHEALTH_ALLOWED_PRIVATE_NETWORKS: list[str] = []
#: Wait for another crawl of the same catalogue to finish instead of exiting.
LINKHEALTH_LOCK_WAIT = False
#: Print a progress bar on a terminal (plain log lines otherwise).
LINKHEALTH_PROGRESS = True
#: After Ctrl-C, seconds to let downloads in flight finish before stopping without them
#: (they stay due); a second Ctrl-C stops at once. Either way the visits made are stored.
LINKHEALTH_STOP_GRACE = 3
#: The run's log file, recorded in runs.log_path (the CLI sets it; see `check -v`).
LINKHEALTH_LOG_PATH = None
#: Which trigger to record in runs ("manual", "schedule", ...).
LINKHEALTH_TRIGGER = "manual"
#: Re-check every resource / only these ids (the CLI sets them).
LINKHEALTH_CHECK_ALL = False
#: Crawler processes for one run (each gets a share of the due URLs, divided by host and
#: by work: linkhealth/shares.py; all write one store).
#: Scrapy runs on one core: 2 on a 2-core machine roughly doubles throughput. "auto":
#: one per 2,000 due resources, at most one per core and 2 in all (memory: a Scrapy each,
#: docs/performance.md).
LINKHEALTH_PROCESSES = "auto"
#: Set by the parent of a multi-process run: "k/n" (this process's share), where its plan
#: is (which hosts, or parts of hosts, each share visits; "-": on stdin) and the run id.
LINKHEALTH_SHARD = ""
LINKHEALTH_SHARE_PLAN = ""
LINKHEALTH_RUN_ID = None
LINKHEALTH_RESOURCE_IDS: list[str] = []

USER_AGENT = "linkhealth/0.1 (+https://github.com/linkhealth/linkhealth; link checker)"

# -- politeness ------------------------------------------------------------------
ROBOTSTXT_OBEY = True
CONCURRENT_REQUESTS = 32
CONCURRENT_REQUESTS_PER_DOMAIN = 2
DOWNLOAD_DELAY = 0
AUTOTHROTTLE_ENABLED = True
AUTOTHROTTLE_START_DELAY = 0.5
AUTOTHROTTLE_MAX_DELAY = 30
AUTOTHROTTLE_TARGET_CONCURRENCY = 2.0
COOKIES_ENABLED = True  # some hosts set a cookie on a first redirect and expect it back

# -- bounds ------------------------------------------------------------------------
DOWNLOAD_TIMEOUT = 30
#: hard cap, decompressed size included (a gzip/brotli bomb stops here). A file larger
#: than this is still served: the spider reads it up to the cap and it is judged from
#: its status, headers and those bytes (crawler/spiders/resources.py)
DOWNLOAD_MAXSIZE = 32 * 1024 * 1024
DOWNLOAD_WARNSIZE = 0
REDIRECT_MAX_TIMES = 10
METAREFRESH_ENABLED = True
METAREFRESH_MAXDELAY = 5
DNS_TIMEOUT = 15

# -- every status reaches the spider; redirects are still followed ----------------
HTTPERROR_ALLOW_ALL = True

# -- retries: transient failures only (timeouts, resets, 5xx, 429) -----------------
RETRY_ENABLED = True
RETRY_TIMES = 2
RETRY_GIVE_UP_LOG_LEVEL = "INFO"  # a dead link is a finding, not an error of the crawl
RETRY_HTTP_CODES = [500, 502, 503, 504, 522, 524, 408, 429]
RETRY_EXCEPTIONS = [
    "scrapy.exceptions.DownloadTimeoutError",
    "scrapy.exceptions.ResponseDataLossError",
    "twisted.internet.error.ConnectionDone",
    "twisted.internet.error.ConnectionLost",
    "twisted.internet.error.TCPTimedOutError",
    "twisted.internet.error.TimeoutError",
    "twisted.web._newclient.ResponseNeverReceived",
    OSError,
]

DOWNLOADER_MIDDLEWARES = {
    # robots.txt, with the many-waiters fix (see middlewares.py)
    "scrapy.downloadermiddlewares.robotstxt.RobotsTxtMiddleware": None,
    "crawler.middlewares.SafeRobotsTxtMiddleware": 100,
    "crawler.middlewares.AddressPolicyMiddleware": 120,
    # Retry-After aware retries
    "scrapy.downloadermiddlewares.retry.RetryMiddleware": None,
    "crawler.middlewares.RetryAfterMiddleware": 550,
    # inflation stays capped for files let past the transfer cap; a bomb keeps its status
    "scrapy.downloadermiddlewares.httpcompression.HttpCompressionMiddleware": None,
    "crawler.middlewares.CappedHttpCompressionMiddleware": 590,
    # meta refreshes are followed; a body whose bytes hold none is not decoded to look
    "scrapy.downloadermiddlewares.redirect.MetaRefreshMiddleware": None,
    "crawler.middlewares.ScreenedMetaRefreshMiddleware": 580,
    # a link checker has no use for these (each one runs for every request)
    "scrapy.downloadermiddlewares.httpcache.HttpCacheMiddleware": None,
    "scrapy.downloadermiddlewares.httpauth.HttpAuthMiddleware": None,
    "scrapy.downloadermiddlewares.offsite.OffsiteMiddleware": None,  # no allowed_domains: the catalogue is the scope
}

SPIDER_MIDDLEWARES = {
    # depth/referer/url-length are for crawls that follow links; we visit a list
    "scrapy.spidermiddlewares.depth.DepthMiddleware": None,
    "scrapy.spidermiddlewares.urllength.UrlLengthMiddleware": None,
    # HTTPERROR_ALLOW_ALL lets every status through; the judge decides what it means
    "scrapy.spidermiddlewares.httperror.HttpErrorMiddleware": None,
    "scrapy.spidermiddlewares.metacopy.MetaCopyDetectionMiddleware": None,  # a debugging aid
}

ITEM_PIPELINES = {
    "pipelines.classify.JudgePipeline": 100,
    "pipelines.classify.MetadataPipeline": 200,
    # holds visits without an answer until the network is known; the writer (the store
    # here, Redis on a worker) writes what it lets go
    "pipelines.network_hold.NetworkHoldPipeline": 800,
    "pipelines.store.StorePipeline": 900,
}

EXTENSIONS = {
    "scrapy.extensions.telnet.TelnetConsole": None,
    # no feeds (the store pipeline writes), no spider state between runs (the store is it)
    "scrapy.extensions.feedexport.FeedExporter": None,
    "scrapy.extensions.spiderstate.SpiderState": None,
    # Scrapy's remote-control console needs the asyncio reactor, which we do not use
    "scrapy.extensions.remote_control.RemoteControl": None,
    "crawler.progress.Progress": 500,
    # Ctrl-C ends the crawl within LINKHEALTH_STOP_GRACE seconds, downloads in flight or not
    "crawler.stopping.PromptStop": 510,
}

# One item out per response: Scrapy's default of 100 item workers per response
# costs a great deal for nothing here (see the performance notes).
CONCURRENT_ITEMS = 1

LOG_LEVEL = "INFO"
REQUEST_FINGERPRINTER_IMPLEMENTATION = "2.7"
FEED_EXPORT_ENCODING = "utf-8"
# Twisted's own default reactor (epoll on Linux), not Scrapy's asyncio one: under
# the asyncio reactor Scrapy 2.19 does not hold CONCURRENT_REQUESTS_PER_DOMAIN.
# Downloader._process_queue starts each download as an asyncio *task*, so the
# request only counts as transferring once the task runs, after the loop that
# checks the slot's free places has sent the whole queue: a host allowed 2
# requests got several times that at once (docs/performance.md, "Politeness: the
# reactor"). Twisted runs the coroutine at once and the limit holds
# (tests/test_crawl_e2e.py, politeness). Nothing here needs asyncio.
TWISTED_REACTOR = None
