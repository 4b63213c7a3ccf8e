"""A meta refresh is still followed when the crawl screens bodies for one in their bytes.

Scrapy's MetaRefreshMiddleware decodes every HTML answer to look for a refresh;
``crawler.middlewares.ScreenedMetaRefreshMiddleware`` passes an answer on undecoded
when its bytes cannot hold one. Both must answer every response the same way.
"""

from __future__ import annotations

import pytest
from scrapy import Request
from scrapy.downloadermiddlewares.redirect import MetaRefreshMiddleware
from scrapy.http import HtmlResponse
from scrapy.settings import Settings
from scrapy.utils.test import get_crawler

from crawler import settings as crawl_settings
from crawler.middlewares import ScreenedMetaRefreshMiddleware, refresh_ruled_out

REFRESH = '<meta http-equiv="{word}" content="0; url=/next">'
FILLER = "<p>" + "words of a page " * 40 + "</p>\n"


def _page(head: str, *, lead: int = 0, charset: str = "utf-8", text: str = "") -> str:
    return f'<html><head><meta charset="{charset}">{FILLER * lead}{head}</head><body>{text}{FILLER}</body></html>'


CASES = [
    ("none", _page(""), "utf-8"),
    ("lower", _page(REFRESH.format(word="refresh")), "utf-8"),
    ("upper", _page(REFRESH.format(word="REFRESH")), "utf-8"),
    ("mixed case, cp1252", _page(REFRESH.format(word="ReFresh"), charset="windows-1252"), "cp1252"),
    ("past 4,096 characters", _page(REFRESH.format(word="refresh"), lead=8), "utf-8"),
    # 4,096 characters of 3 bytes each come before it: beyond 4,096 bytes, within the characters
    (
        "after wide characters",
        _page(REFRESH.format(word="refresh"), text="").replace("<head>", "<head><!--" + "—" * 4000 + "-->"),
        "utf-8",
    ),
    ("utf-16", _page(REFRESH.format(word="refresh"), charset="utf-16"), "utf-16"),
    ("utf-16 without one", _page("", charset="utf-16"), "utf-16"),
    ("the word in the text only", _page("", text="press refresh to reload"), "utf-8"),
]


def _middlewares():
    crawler = get_crawler(settings_dict={"METAREFRESH_ENABLED": True, "METAREFRESH_MAXDELAY": 5})
    return ScreenedMetaRefreshMiddleware.from_crawler(crawler), MetaRefreshMiddleware.from_crawler(crawler)


def _answer(mw, markup: str, encoding: str):
    request = Request("https://example.org/page")
    response = HtmlResponse(request.url, body=markup.encode(encoding), request=request, headers={})
    result = mw.process_response(request, response)
    return result.url if isinstance(result, Request) else ("response", result.status)


@pytest.mark.parametrize("name,markup,encoding", CASES, ids=[c[0] for c in CASES])
def test_the_screened_middleware_answers_as_scrapys_own(name, markup, encoding):
    screened, scrapys = _middlewares()
    assert _answer(screened, markup, encoding) == _answer(scrapys, markup, encoding)


def test_a_refresh_is_followed_in_any_case_and_past_wide_characters():
    screened, _ = _middlewares()
    for name, markup, encoding in CASES:
        if name in ("lower", "upper", "mixed case, cp1252", "after wide characters", "utf-16"):
            assert _answer(screened, markup, encoding) == "https://example.org/next", name


def test_the_bytes_rule_out_only_what_cannot_be_a_refresh():
    request = Request("https://example.org/")

    def ruled_out(markup: str, encoding: str) -> bool:
        return refresh_ruled_out(HtmlResponse(request.url, body=markup.encode(encoding), request=request))

    assert ruled_out(_page(""), "utf-8")
    assert not ruled_out(_page(REFRESH.format(word="REFRESH")), "utf-8")
    assert not ruled_out(_page("", charset="utf-16"), "utf-16")  # other bytes: decided by Scrapy


def test_the_crawl_uses_the_screened_middleware_in_scrapys_place():
    mws = Settings(vars(crawl_settings)).getdict("DOWNLOADER_MIDDLEWARES")
    assert mws["scrapy.downloadermiddlewares.redirect.MetaRefreshMiddleware"] is None
    assert mws["crawler.middlewares.ScreenedMetaRefreshMiddleware"] == 580
