"""Fetch one catalogue page with Scrapy and print it as JSON: ``python -m linkhealth.fetch_page URL [SETTINGS]``.

Run as a subprocess by :func:`linkhealth.webpage.fetch_page` (a Twisted reactor
starts once per process). The request carries the crawler's user agent and obeys
robots.txt like every visit of the nightly crawl. The last line of stdout is
``{"html": …, "url": …}`` or ``{"error": …}``.
"""

from __future__ import annotations

import json
import sys
from typing import Any

import scrapy
from scrapy.crawler import CrawlerProcess
from scrapy.settings import Settings

#: The crawler's settings that a one-page fetch shares (crawler/settings.py).
SHARED = (
    "USER_AGENT",
    "ROBOTSTXT_OBEY",
    "DOWNLOAD_TIMEOUT",
    "DOWNLOAD_MAXSIZE",
    "REDIRECT_MAX_TIMES",
    "DNS_TIMEOUT",
    "COOKIES_ENABLED",
)


class CataloguePageSpider(scrapy.Spider):
    name = "catalogue_page"

    def __init__(self, url: str, result: dict[str, Any], **kwargs):
        super().__init__(**kwargs)
        self.url = url
        self.result = result

    async def start(self):
        yield scrapy.Request(self.url, callback=self.parse, errback=self.failed, dont_filter=True)

    def parse(self, response):
        if not hasattr(response, "text"):
            self.result["error"] = f"not a web page ({response.headers.get('Content-Type', b'').decode('latin-1')})"
            return
        self.result.update(html=response.text, url=response.url)

    def failed(self, failure):
        response = getattr(failure.value, "response", None)
        if response is not None:
            self.result["error"] = f"the server answered {response.status}"
        elif "robots.txt" in str(failure.value):
            self.result["error"] = "robots.txt forbids fetching it"
        else:
            self.result["error"] = f"{type(failure.value).__name__}: {failure.value}"


def settings_for(overrides: dict[str, Any]) -> Settings:
    project = Settings()
    project.setmodule("crawler.settings")
    settings = Settings({name: project.get(name) for name in SHARED})
    settings.update({"LOG_LEVEL": "ERROR", "TELNETCONSOLE_ENABLED": False, "RETRY_TIMES": 1, **overrides})
    return settings


def main(argv: list[str]) -> int:
    url = argv[0]
    overrides = json.loads(argv[1]) if len(argv) > 1 else {}
    result: dict[str, Any] = {}
    process = CrawlerProcess(settings_for(overrides), install_root_handler=False)
    process.crawl(CataloguePageSpider, url=url, result=result)
    process.start()
    if not result:
        result["error"] = "no answer"
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
