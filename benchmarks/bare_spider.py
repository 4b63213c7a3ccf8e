"""The yardstick: a bare Scrapy spider that reads status and <title> of each URL once.

    python benchmarks/bare_spider.py URLS.txt [-s NAME=VALUE]... [--processes N]

Scrapy's default settings (not the project's), plus CONCURRENT_ITEMS=1 and every
status reaching the callback; ``-s`` overrides as ``scrapy crawl -s`` does.

``--processes N`` crawls with N processes, each owning every N-th host (sorted), the
way ``LINKHEALTH_PROCESSES`` shares hosts: this process crawls share 0 and waits
for the others. It is the ceiling of Scrapy itself on this machine's cores — what
any Scrapy-based crawler could reach if its own work per page cost nothing.
"""

import subprocess
import sys
from urllib.parse import urlsplit

import scrapy
from scrapy.crawler import CrawlerProcess


class BareSpider(scrapy.Spider):
    name = "bare"
    custom_settings = {"CONCURRENT_ITEMS": 1, "HTTPERROR_ALLOW_ALL": True, "TELNETCONSOLE_ENABLED": False}

    def __init__(self, urls_file, share=(0, 1), **kwargs):
        super().__init__(**kwargs)
        self.urls_file = urls_file
        self.share = share

    async def start(self):
        for url in urls_of_share(self.urls_file, *self.share):
            yield scrapy.Request(url, callback=self.parse, errback=self.failed, dont_filter=True)

    def parse(self, response):
        title = response.css("title::text").get() if hasattr(response, "css") else None
        yield {"url": response.url, "status": response.status, "title": title}

    def failed(self, failure):
        yield {"url": failure.request.url, "status": None, "error": type(failure.value).__name__}


def urls_of_share(urls_file, k, n):
    """The URLs of hosts k, k+n, k+2n, ... (hosts sorted): shares of equal host counts."""
    with open(urls_file) as f:
        urls = [line.strip() for line in f if line.strip()]
    if n == 1:
        return urls
    hosts = sorted({urlsplit(u).netloc for u in urls})
    mine = set(hosts[k::n])
    return [u for u in urls if urlsplit(u).netloc in mine]


def main(argv):
    settings = {"LOG_LEVEL": "INFO"}
    args = iter(argv[1:])
    urls_file, processes, share = None, 1, None
    passed = []
    for arg in args:
        if arg == "-s":
            passed += [arg, next(args)]
            name, value = passed[-1].split("=", 1)
            settings[name] = value
        elif arg == "--processes":
            processes = int(next(args))
        elif arg == "--share":
            share = tuple(int(x) for x in next(args).split("/"))
        else:
            urls_file = arg
    children = []
    if share is None:
        share = (0, processes)
        children = [
            subprocess.Popen([sys.executable, __file__, urls_file, "--share", f"{k}/{processes}", *passed])
            for k in range(1, processes)
        ]
    process = CrawlerProcess(settings)
    process.crawl(BareSpider, urls_file=urls_file, share=share)
    process.start()
    sys.exit(max([0] + [child.wait() for child in children]))


if __name__ == "__main__":
    main(sys.argv)
