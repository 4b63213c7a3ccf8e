"""The yardstick: a bare Scrapy spider that reads status and <title> of each URL once.

    python benchmarks/bare_spider.py URLS.txt [-s NAME=VALUE]...

Scrapy's default settings (not the project's), plus CONCURRENT_ITEMS=1 and every
status reaching the callback; ``-s`` overrides as ``scrapy crawl -s`` does.
"""

import sys

import scrapy
from scrapy.crawler import CrawlerProcess


class BareSpider(scrapy.Spider):
    name = "bare"
    custom_settings = {"CONCURRENT_ITEMS": 1, "HTTPERROR_ALLOW_ALL": True, "TELNETCONSOLE_ENABLED": False}

    def __init__(self, urls_file, **kwargs):
        super().__init__(**kwargs)
        self.urls_file = urls_file

    async def start(self):
        with open(self.urls_file) as f:
            for line in f:
                if line.strip():
                    yield scrapy.Request(line.strip(), callback=self.parse, errback=self.failed, dont_filter=True)

    def parse(self, response):
        title = response.css("title::text").get() if hasattr(response, "css") else None
        yield {"url": response.url, "status": response.status, "title": title}

    def failed(self, failure):
        yield {"url": failure.request.url, "status": None, "error": type(failure.value).__name__}


def main(argv):
    settings = {"LOG_LEVEL": "INFO"}
    args = iter(argv[1:])
    urls_file = None
    for arg in args:
        if arg == "-s":
            name, value = next(args).split("=", 1)
            settings[name] = value
        else:
            urls_file = arg
    process = CrawlerProcess(settings)
    process.crawl(BareSpider, urls_file=urls_file)
    process.start()


if __name__ == "__main__":
    main(sys.argv)
