"""pipelines.metadata: what pages say about themselves, from fixture files, no network."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from pypdf import PdfWriter
from pypdf.generic import DecodedStreamObject, NameObject

from linkhealth.visit import Visit
from pipelines.metadata import (
    MAX_DESCRIPTION,
    MAX_TITLE,
    balanced_object,
    clean_description,
    clean_text,
    clean_title,
    decode_html,
    extract_metadata,
    valid_duration,
)

FIXTURES = Path(__file__).parent / "fixtures" / "metadata"
EXPECTED = json.loads((FIXTURES / "expected.json").read_text(encoding="utf-8"))
#: the end-to-end test serves the fixtures from a local server: no host-specific help
BASE = "http://127.0.0.1:8765"


def visit_for(
    body: bytes | str,
    content_type: str = "text/html; charset=utf-8",
    url: str = "https://www.example.org/page",
    status: int = 200,
    **kwargs,
) -> Visit:
    if isinstance(body, str):
        body = body.encode("utf-8")
    return Visit(
        resource_id="r1",
        url=url,
        final_url=url,
        status=status,
        headers={"content-type": content_type},
        body=body,
        **kwargs,
    )


def html(head: str = "", body: str = "") -> str:
    return f"<!DOCTYPE html><html><head><meta charset='utf-8'>{head}</head><body>{body}</body></html>"


def ld(data) -> str:
    return f'<script type="application/ld+json">{json.dumps(data)}</script>'


# ---------------------------------------------------------------- the fixture catalogue


def test_expected_json_covers_every_source():
    seen = {src for case in EXPECTED for src in case["sources"].values() if src}
    assert seen == {
        "youtube", "vimeo", "jsonld", "microdata", "opengraph", "twitter", "citation",
        "title", "h1", "meta_description", "pdf_info", "pdf_xmp", "prose",
    }  # fmt: skip
    for case in EXPECTED:
        assert (FIXTURES / case["file"]).is_file(), case["file"]
        assert case["path"].startswith("/")


@pytest.mark.parametrize("case", EXPECTED, ids=[case["name"] for case in EXPECTED])
def test_fixture(case):
    visit = visit_for((FIXTURES / case["file"]).read_bytes(), case["content_type"], url=BASE + case["path"])
    md = extract_metadata(visit)
    assert md is not None
    assert md["title"] == case["title"]
    assert md["duration_seconds"] == case["duration_seconds"]
    assert md["duration_approximate"] is case["duration_approximate"]
    if case.get("description_startswith"):
        assert md["description"].startswith(case["description_startswith"])
    for field, source in case["sources"].items():
        assert md[f"{field}_source"] == source, field
        if source is None:
            assert md["duration_seconds" if field == "duration" else field] is None, field
    for key, value in case.get("extras", {}).items():
        assert md.get(key) == value, key
    # whatever is returned is clean and plausible
    for field in ("title", "description"):
        if md[field] is not None:
            assert md[field] == clean_text(md[field])
            assert "\x00" not in md[field]
    assert md["duration_seconds"] is None or 0 < md["duration_seconds"] < 7 * 86400


def test_fixture_on_its_real_host_gives_the_same_answer():
    case = next(c for c in EXPECTED if c["name"] == "youtube_watch")
    body = (FIXTURES / case["file"]).read_bytes()
    md = extract_metadata(visit_for(body, url="https://www.youtube.com" + case["path"]))
    assert (md["title"], md["duration_seconds"], md["title_source"]) == (
        case["title"], 932, "youtube",
    )  # fmt: skip


# ---------------------------------------------------------------- nothing to read


@pytest.mark.parametrize(
    "kwargs",
    [
        {"status": 404},
        {"status": 500},
        {"status": 304},
        {"status": 301},
        {"status": None},
        {"status": 200, "error_class": "TimeoutError"},
    ],
)
def test_none_for_failures_and_non_2xx(kwargs):
    visit = visit_for(html("<title>A Good Title For A Page</title>"), **{"status": 200, **kwargs})
    if kwargs.get("error_class"):
        visit.error_class = kwargs["error_class"]
    assert extract_metadata(visit) is None


def test_empty_html_body_gives_empty_fields():
    md = extract_metadata(visit_for(b""))
    assert md["title"] is None and md["duration_seconds"] is None
    assert md["duration_approximate"] is False
    assert md["media_type"] == "text/html"


@pytest.mark.parametrize(
    "content_type, media_type",
    [("video/mp4", "video"), ("audio/mpeg", "audio"), ("image/png", "image/png")],
)
def test_non_html_media_types(content_type, media_type):
    md = extract_metadata(visit_for(b"\x00\x00\x00\x18ftypmp42", content_type))
    assert md["media_type"] == media_type
    assert md["title"] is None


def test_html_sniffed_without_content_type():
    md = extract_metadata(visit_for(html("<title>Sniffed HTML Resource Title</title>"), ""))
    assert md["title"] == "Sniffed HTML Resource Title"


def test_pdf_sniffed_from_octet_stream():
    body = (FIXTURES / "guide.pdf").read_bytes()
    md = extract_metadata(visit_for(body, "application/octet-stream"))
    assert md["media_type"] == "application/pdf"
    assert md["page_count"] == 12


# ---------------------------------------------------------------- precedence


def test_jsonld_beats_opengraph_and_title():
    page = html(
        '<meta property="og:title" content="OG Title For The Course">'
        '<meta property="og:description" content="OG description of the course, long enough.">'
        '<meta property="og:video:duration" content="600">'
        "<title>Document Title For The Course</title>"
        + ld({"@context": "https://schema.org", "@type": "Course", "name": "JSON-LD Course Name",
              "description": "JSON-LD description of the course.", "timeRequired": "PT25M"})
    )  # fmt: skip
    md = extract_metadata(visit_for(page))
    assert (md["title"], md["title_source"]) == ("JSON-LD Course Name", "jsonld")
    assert (md["description"], md["description_source"]) == ("JSON-LD description of the course.", "jsonld")
    assert (md["duration_seconds"], md["duration_source"]) == (1500, "jsonld")


def test_youtube_json_beats_opengraph_jsonld_and_microdata():
    player = {"videoDetails": {"title": "The Real Video Title", "lengthSeconds": "932",
                               "shortDescription": "The real description {with braces} and \"quotes\"."},
              "microformat": {"playerMicroformatRenderer": {"publishDate": "2016-07-12"}}}  # fmt: skip
    page = html(
        '<meta property="og:title" content="OG Title Of Something Else">'
        '<meta property="og:video:duration" content="60">'
        + ld({"@type": "VideoObject", "name": "JSON-LD Name", "duration": "PT1M"}),
        '<div itemscope itemtype="http://schema.org/VideoObject"><meta itemprop="duration" content="PT2M"></div>'
        f"<script>var ytInitialPlayerResponse = {json.dumps(player)};var meta = 1;</script>",
    )
    md = extract_metadata(visit_for(page))
    assert (md["title"], md["title_source"]) == ("The Real Video Title", "youtube")
    assert (md["duration_seconds"], md["duration_source"]) == (932, "youtube")
    assert md["description"] == 'The real description {with braces} and "quotes".'
    assert md["published_at"] == "2016-07-12"
    assert md["media_type"] == "video"


def test_youtube_window_bracket_form_and_null_first():
    player = {"videoDetails": {"title": "Bracket Form Video Title", "lengthSeconds": "61"}}
    page = html(
        "<title>x - YouTube</title>",
        "<script>var ytInitialPlayerResponse = null;</script>"
        f'<script>window["ytInitialPlayerResponse"] = {json.dumps(player)};</script>',
    )
    md = extract_metadata(visit_for(page))
    assert (md["title"], md["duration_seconds"]) == ("Bracket Form Video Title", 61)


def test_youtube_unavailable_video_gives_no_junk():
    player = {"playabilityStatus": {"status": "ERROR", "reason": "Video unavailable"}}
    page = html(
        "<title> - YouTube</title>"
        '<meta name="description" content="Enjoy the videos and music you love, upload original '
        'content, and share it all with friends, family, and the world on YouTube.">',
        f"<script>var ytInitialPlayerResponse = {json.dumps(player)};</script>",
    )
    md = extract_metadata(visit_for(page, url="https://www.youtube.com/watch?v=gone"))
    assert md["title"] is None and md["description"] is None and md["duration_seconds"] is None


def test_vimeo_var_config_only_on_vimeo():
    config = {"video": {"title": "Vimeo Var Config Title", "duration": 1497}}
    page = html("<title>Something</title>", f"<script>var config = {json.dumps(config)};</script>")
    on_vimeo = extract_metadata(visit_for(page, url="https://player.vimeo.com/video/1"))
    elsewhere = extract_metadata(visit_for(page, url="https://www.example.org/video/1"))
    assert (on_vimeo["title"], on_vimeo["duration_seconds"], on_vimeo["duration_source"]) == (
        "Vimeo Var Config Title", 1497, "vimeo",
    )  # fmt: skip
    assert elsewhere["duration_seconds"] is None


def test_microdata_beats_opengraph():
    page = html(
        '<meta property="og:title" content="OG Title For The Episode">',
        '<article itemscope itemtype="https://schema.org/PodcastEpisode">'
        '<h2 itemprop="name">Microdata Episode Name</h2>'
        '<time itemprop="duration" datetime="PT14M32S">14:32</time>'
        '<span itemprop="author" itemscope itemtype="https://schema.org/Person">'
        '<span itemprop="name">Author Person Name</span></span></article>',
    )
    md = extract_metadata(visit_for(page))
    assert (md["title"], md["title_source"]) == ("Microdata Episode Name", "microdata")
    assert (md["duration_seconds"], md["duration_source"]) == (872, "microdata")


def test_microdata_orphan_itemprop_duration():
    page = html("<title>Podcast Episode About Screening</title>",
                '<span itemprop="duration" content="PT00H14M32S">14:32</span>')  # fmt: skip
    md = extract_metadata(visit_for(page))
    assert (md["duration_seconds"], md["duration_source"]) == (872, "microdata")


@pytest.mark.parametrize(
    "head, source",
    [
        ('<meta property="og:title" content="The Resource Title">'
         '<meta name="twitter:title" content="Twitter Title Here">'
         '<meta name="citation_title" content="Citation Title Here">', "opengraph"),
        ('<meta name="twitter:title" content="The Resource Title">'
         '<meta name="citation_title" content="Citation Title Here">', "twitter"),
        ('<meta name="citation_title" content="The Resource Title">', "citation"),
        ("<title>The Resource Title</title>", "title"),
        ("<title>Log in</title>", "h1"),
        ("", "h1"),
    ],
)  # fmt: skip
def test_title_precedence_chain(head, source):
    md = extract_metadata(visit_for(html(head, "<h1>The Resource Title</h1><h1>Second</h1>")))
    assert (md["title"], md["title_source"]) == ("The Resource Title", source)


def test_a_title_from_an_earlier_source_leaves_the_headings_unread(monkeypatch):
    """Most pages name themselves in Open Graph: their headings cannot change the title
    then, so cleaning them for one is work the crawl skips (a heading is cleaned only
    while no source before it gave a title)."""
    import pipelines.metadata as metadata

    cleaned = []
    real = metadata.clean_title

    def counting(value, *args, **kwargs):
        cleaned.append(value)
        return real(value, *args, **kwargs)

    monkeypatch.setattr(metadata, "clean_title", counting)
    body = "<h1>A Heading That Is Not The Title</h1><h1>Second</h1>"
    md = extract_metadata(visit_for(html('<meta property="og:title" content="The Resource Title">', body)))
    assert (md["title"], md["title_source"]) == ("The Resource Title", "opengraph")
    assert cleaned == ["The Resource Title"]
    md = extract_metadata(visit_for(html("<title>Log in</title>", body)))
    assert (md["title"], md["title_source"]) == ("A Heading That Is Not The Title", "h1")


def test_description_precedence():
    page = html(
        '<meta name="description" content="Meta description of the resource page.">'
        '<meta name="twitter:description" content="Twitter description of the resource.">'
    )
    md = extract_metadata(visit_for(page))
    assert md["description_source"] == "twitter"
    md = extract_metadata(visit_for(html('<meta name="description" content="Meta description here.">')))
    assert (md["description"], md["description_source"]) == ("Meta description here.", "meta_description")


def test_jsonld_ranking_graph_article_beats_webpage_and_website():
    data = {"@context": "https://schema.org", "@graph": [
        {"@type": "WebSite", "name": "Big Site"},
        {"@type": "Organization", "name": "Big Org"},
        {"@type": "WebPage", "name": "Page Name | Big Site"},
        {"@type": "Article", "headline": "The Article Headline",
         "author": {"@type": "Person", "name": "Jane Doe"},
         "video": {"@type": "VideoObject", "name": "Embedded Clip", "duration": "PT3M"}},
    ]}  # fmt: skip
    md = extract_metadata(visit_for(html(ld(data))))
    assert md["title"] == "The Article Headline"
    assert md["duration_seconds"] == 180
    assert md["schema_types"][:4] == ["WebSite", "Organization", "WebPage", "Article"]


def test_jsonld_related_things_never_describe_the_page():
    data = {"@context": "https://schema.org", "@graph": [
        {"@type": "WebPage", "name": "Clinic Protocol Guide",
         "publisher": {"@type": "Organization", "name": "Publisher Org Name"},
         "isPartOf": {"@type": "Course", "name": "Parent Course", "timeRequired": "PT9H"}},
        {"@type": "ItemList", "name": "Related videos", "itemListElement": [
            {"@type": "ListItem", "position": 1,
             "item": {"@type": "VideoObject", "name": "Unrelated Clip", "duration": "PT3M"}}]},
    ]}  # fmt: skip
    md = extract_metadata(visit_for(html(ld(data))))
    assert md["title"] == "Clinic Protocol Guide"
    assert md["duration_seconds"] is None
    assert "VideoObject" in md["schema_types"]


def test_microdata_related_video_in_item_list_is_ignored():
    page = html(
        "<title>Guide Page With Related Videos</title>",
        '<div itemscope itemtype="https://schema.org/ItemList">'
        '<div itemprop="itemListElement" itemscope itemtype="https://schema.org/VideoObject">'
        '<span itemprop="name">Unrelated Clip</span><meta itemprop="duration" content="PT3M"></div></div>',
    )
    md = extract_metadata(visit_for(page))
    assert md["title"] == "Guide Page With Related Videos"
    assert md["duration_seconds"] is None


def test_jsonld_main_entity_and_lists():
    data = [{"@type": "WebPage", "name": "Web Page Name",
             "mainEntity": {"@type": ["Course", "Product"], "name": "Course In Main Entity",
                            "hasCourseInstance": [{"@type": "CourseInstance", "courseWorkload": "PT2H"}]}}]  # fmt: skip
    md = extract_metadata(visit_for(html(ld(data))))
    assert md["title"] == "Course In Main Entity"
    assert (md["duration_seconds"], md["duration_source"]) == (7200, "jsonld")


def test_jsonld_event_duration_from_dates():
    data = {"@type": "Event", "name": "A Live Training Event",
            "startDate": "2023-01-25T14:00:00Z", "endDate": "2023-01-25T15:15:00Z"}  # fmt: skip
    assert extract_metadata(visit_for(html(ld(data))))["duration_seconds"] == 4500
    # date-only (a multi-day conference) is not a running time
    data.update(startDate="2023-01-25", endDate="2023-01-27")
    assert extract_metadata(visit_for(html(ld(data))))["duration_seconds"] is None


def test_broken_jsonld_keeps_the_good_blocks():
    broken = '<script type="application/ld+json">{"@type": "Article", "headline": "Cut", </script>'
    garbage = '<script type="application/ld+json">{{{ not json at all ]]</script>'
    empty = '<script type="application/ld+json"></script>'
    good = ld({"@type": "VideoObject", "name": "Good Block Video", "duration": "PT4M"})
    md = extract_metadata(visit_for(html(broken + garbage + empty + good)))
    assert (md["title"], md["duration_seconds"]) == ("Good Block Video", 240)


def test_jsonld_with_comments_and_odd_type_attribute():
    block = ('<script type="Application/LD+JSON; charset=utf-8">\n// generated\n'
             '{"@type": "VideoObject", "name": "Commented Block Video", "duration": "PT1M5S"}</script>')  # fmt: skip
    md = extract_metadata(visit_for(html(block)))
    assert (md["title"], md["duration_seconds"]) == ("Commented Block Video", 65)


def test_oversized_jsonld_block_is_skipped(monkeypatch):
    import pipelines.metadata as metadata

    monkeypatch.setattr(metadata, "MAX_JSONLD_BYTES", 10_000)
    big = {"@type": "VideoObject", "name": "Too Big Block", "duration": "PT4M", "pad": "x" * 20_000}
    md = extract_metadata(visit_for(html("<title>Fallback Page Title</title>" + ld(big))))
    assert md["title"] == "Fallback Page Title"
    assert md["duration_seconds"] is None


def test_html_beyond_the_parse_cap_is_not_read():
    pad = "<!-- " + "x" * 1_100_000 + " -->"
    md = extract_metadata(visit_for(html(pad + "<title>Late Title After The Cap</title>")))
    assert md["title"] is None


# ---------------------------------------------------------------- durations


@pytest.mark.parametrize(
    "head, expected",
    [
        ('<meta property="og:video:duration" content="754">', 754),
        ('<meta property="video:duration" content="90">', 90),
        ('<meta property="og:video:duration" content="0">', None),
        ('<meta property="og:video:duration" content="-5">', None),
        ('<meta property="og:video:duration" content="604800">', None),  # 7 days: junk
        ('<meta property="og:video:duration" content="604799">', 604799),
        ('<meta property="og:video:duration" content="banana">', None),
        (ld({"@type": "VideoObject", "duration": "P8D"}), None),
        (ld({"@type": "VideoObject", "duration": "PT0S"}), None),
        (ld({"@type": "VideoObject", "duration": "P1M"}), None),  # a month: no fixed length
        (ld({"@type": "VideoObject", "duration": "T1M33S"}), 93),
    ],
)
def test_duration_bounds(head, expected):
    assert extract_metadata(visit_for(html(head)))["duration_seconds"] == expected


@pytest.mark.parametrize(
    "value, expected",
    [(1, 1), (604799, 604799), (604800, None), (0, None), (-1, None), (True, None), ("60", None),
     (None, None), (12.6, 13), (float("nan"), None)],
)  # fmt: skip
def test_valid_duration(value, expected):
    assert valid_duration(value) == expected


@pytest.mark.parametrize(
    "sentence, seconds, approximate",
    [
        ("This webinar was recorded on July 11, 2016 and is approximately an hour and a half in duration.", 5400, True),
        ("A 25-minute module on screening.", 1500, False),
        ("This hour-long webinar covers screening.", 3600, False),
        ("The session runs 90 minutes.", 5400, False),
        ("The recording is about 1.5 hours long.", 5400, True),
        ("Running time (1:02:03).", 3723, False),
    ],
)
def test_prose_duration_and_approximate_flag(sentence, seconds, approximate):
    page = html("<title>Webinar Landing Page Title</title>", f"<main><p>{sentence}</p></main>")
    md = extract_metadata(visit_for(page))
    assert (md["duration_seconds"], md["duration_source"], md["duration_approximate"]) == (
        seconds, "prose", approximate,
    )  # fmt: skip


def test_prose_ignores_scripts_styles_nav_and_footer():
    page = html(
        "<title>Guide Page Title Here</title><style>/* 90 minutes */</style>",
        "<nav>Our 45 minute intro</nav><main><p>Read the guide.</p></main>"
        "<script>var session = '30 minutes';</script>"
        "<footer>Call the 24-hour hotline. Open 60 minutes past close.</footer>",
    )
    md = extract_metadata(visit_for(page))
    assert md["duration_seconds"] is None


def test_prose_falls_back_from_main_to_body():
    page = html("<title>Page With Sidebar Title</title>",
                "<main><p>About this training.</p></main><aside><p>Length: 45 minutes</p></aside>")  # fmt: skip
    assert extract_metadata(visit_for(page))["duration_seconds"] == 2700


def test_reading_time_is_approximate():
    md = extract_metadata(visit_for(html("<title>An Article Title</title>", "<p>8 min read</p>")))
    assert (md["duration_seconds"], md["duration_approximate"]) == (480, True)


def test_six_online_modules_is_a_length_not_a_duration():
    page = html("<title>Course Landing Page</title>", "<p>The course offers over 6 online modules.</p>")
    md = extract_metadata(visit_for(page))
    assert md["duration_seconds"] is None
    assert (md["length_value"], md["length_unit"]) == (6, "modules")


def test_structured_duration_is_never_approximate():
    page = html(ld({"@type": "VideoObject", "name": "Exact Video", "duration": "PT10M"}),
                "<p>approximately an hour</p>")  # fmt: skip
    md = extract_metadata(visit_for(page))
    assert (md["duration_seconds"], md["duration_approximate"]) == (600, False)


# ---------------------------------------------------------------- cleaning


@pytest.mark.parametrize(
    "raw, site_name, host, expected",
    [
        ("Recognizing Human Trafficking - YouTube", None, None, "Recognizing Human Trafficking"),
        ("Trauma-Informed Care on Vimeo", None, None, "Trauma-Informed Care"),
        ("SOAR Training | NHTTAC", None, None, "SOAR Training"),
        ("SOAR Training | Some Long Site Name Here", "Some Long Site Name Here", None, "SOAR Training"),
        ("SOAR Training – Office on Trafficking in Persons", "Office on Trafficking in Persons", None, "SOAR Training"),
        ("SOAR Training :: ACF", None, None, "SOAR Training"),
        ("SOAR Training - acf.hhs.gov", None, None, "SOAR Training"),
        ("SOAR Training - Healthcare Guide", None, "www.healthcareguide.org", "SOAR Training"),
        ("Human Trafficking - An Overview", None, None, "Human Trafficking - An Overview"),
        ("Human Trafficking - Part 2", None, None, "Human Trafficking - Part 2"),
        ("Module 3 | Part 2", None, None, "Module 3 | Part 2"),
        ("NHTTAC | SOAR Training", "NHTTAC", None, "SOAR Training"),
        ("Thinking Outside the Box", None, None, "Thinking Outside the Box"),
        ("Victims&#8217; Rights &amp; Services", None, None, "Victims’ Rights & Services"),
        ("Victims&amp;#8217; Rights", None, None, "Victims’ Rights"),
        ("  Spaced\u00a0\u00a0out\n\ttitle\r\n ", None, None, "Spaced out title"),
        ("Nul\x00 and\x07 control\x1b chars", None, None, "Nul and control chars"),
        ("Zero\u200bwidth\ufeff title here", None, None, "Zerowidth title here"),
        # junk
        ("Log in", None, None, None),
        ("Sign In | Example Portal", "Example Portal", None, None),
        ("404 Not Found", None, None, None),
        ("Page not found – NHTTAC", None, None, None),
        ("Just a moment...", None, None, None),
        ("Access denied", None, None, None),
        (" - YouTube", None, None, None),
        ("Home | NHTTAC", None, None, None),
        ("NHTTAC", "NHTTAC", None, None),
        ("Healthcare Guide", None, "healthcareguide.org", None),
        ("www.example.org", None, None, None),
        ("", None, None, None),
        ("   ", None, None, None),
        (None, None, None, None),
        (42, None, None, None),
    ],
)
def test_clean_title(raw, site_name, host, expected):
    assert clean_title(raw, site_name, host=host) == expected


def test_clean_title_caps_length():
    title = clean_title("word " * 300)
    assert title is not None and len(title) <= MAX_TITLE
    assert not title.endswith(" ")


def test_clean_description_caps_and_rejects_junk():
    long = clean_description("sentence " * 1000)
    assert long is not None and len(long) <= MAX_DESCRIPTION
    assert clean_description("Log in") is None
    assert clean_description("   ") is None
    assert clean_description("Please enable JavaScript to view this page.") is None
    assert clean_description("A&amp;B: a guide for\u00a0clinicians.") == "A&B: a guide for clinicians."


@pytest.mark.parametrize(
    "junk",
    ["Log in", "Sign in", "404 Not Found", "Page not found", "Just a moment...", "Access denied",
     " - YouTube", "Untitled Document", "Loading..."],
)  # fmt: skip
def test_junk_is_never_returned(junk):
    page = html(
        f"<title>{junk}</title><meta property='og:title' content='{junk}'>"
        f"<meta name='twitter:title' content='{junk}'>" + ld({"@type": "WebPage", "name": junk}),
        f"<h1>{junk}</h1>",
    )
    md = extract_metadata(visit_for(page))
    assert md["title"] is None and md["title_source"] is None


def test_title_trimmed_to_h1_only_when_the_suffix_is_the_site():
    title = "<title>A Guide For Clinicians &#8211; Some Resource Center</title>"
    site_page = html(title, "<h1>A Guide For Clinicians</h1><footer>&copy; 2024 Some Resource Center</footer>")
    md = extract_metadata(visit_for(site_page))
    assert (md["title"], md["title_source"]) == ("A Guide For Clinicians", "title")
    # a subtitle, written once, is part of the title
    md = extract_metadata(visit_for(html(title, "<h1>A Guide For Clinicians</h1>")))
    assert md["title"] == "A Guide For Clinicians – Some Resource Center"


def test_nul_bytes_in_page_do_not_break_parsing():
    page = b"<html><head><title>Screening\x00 Tool\x01 For\x00 Clinics</title></head><body>\x00</body></html>"
    md = extract_metadata(visit_for(page))
    assert md["title"] == "Screening Tool For Clinics"


def test_xhtml_with_xml_declaration():
    page = ('<?xml version="1.0" encoding="utf-8"?>\n<html xmlns="http://www.w3.org/1999/xhtml">'
            "<head><title>XHTML Resource Title</title></head><body/></html>")  # fmt: skip
    md = extract_metadata(visit_for(page, "application/xhtml+xml"))
    assert md["title"] == "XHTML Resource Title"


def test_extras():
    page = html(
        '<link rel="canonical" href="/guides/clinic">'
        '<meta property="og:site_name" content="Clinic Guides">'
        '<meta property="article:published_time" content="2021-04-01T08:00:00+00:00">'
        '<meta property="article:modified_time" content="2022-05-02T09:00:00+00:00">'
        "<title>Clinic Guide Title | Clinic Guides</title>"
    ).replace("<html>", '<html lang="en-GB">')
    md = extract_metadata(visit_for(page, url="https://guides.example.org/guides/clinic?utm=1"))
    assert md["title"] == "Clinic Guide Title"
    assert md["canonical_url"] == "https://guides.example.org/guides/clinic"
    assert md["language"] == "en-GB"
    assert md["site_name"] == "Clinic Guides"
    assert md["published_at"] == "2021-04-01T08:00:00+00:00"
    assert md["modified_at"] == "2022-05-02T09:00:00+00:00"
    assert md["media_type"] == "text/html"


# ---------------------------------------------------------------- charsets


CP1252_PAGE = ("<html><head><title>Victims’ “Hidden” Injuries – A Guide</title></head><body></body></html>").encode(
    "cp1252"
)
WANT = "Victims’ “Hidden” Injuries – A Guide"


def test_cp1252_bytes_are_what_the_fixture_is_made_of():
    raw = (FIXTURES / "windows1252.html").read_bytes()
    assert b"\x92" in raw and b"\x93" in raw and b"\x94" in raw
    with pytest.raises(UnicodeDecodeError):
        raw.decode("utf-8")


@pytest.mark.parametrize(
    "content_type, encoding, body",
    [
        ("text/html; charset=windows-1252", None, CP1252_PAGE),
        ("text/html; charset=ISO-8859-1", None, CP1252_PAGE),  # WHATWG: latin-1 means cp1252
        ("text/html", "cp1252", CP1252_PAGE),  # what Scrapy settled on wins
        ("text/html", None, b'<meta http-equiv="Content-Type" content="text/html; charset=windows-1252">'
         + CP1252_PAGE),
        ("text/html", None, b'<meta charset="iso-8859-1">' + CP1252_PAGE),
        ("text/html; charset=utf-8", None, b"\xef\xbb\xbf" + WANT.join(
            ["<title>", "</title>"]).encode("utf-8")),
        ("text/html", None, "\ufeff<title>Victims’ “Hidden” Injuries – A Guide</title>".encode("utf-16")),
        ("text/html; charset=windows-1252", None, b"\xef\xbb\xbf" + WANT.join(
            ["<title>", "</title>"]).encode("utf-8")),  # a BOM beats a wrong header
    ],
)  # fmt: skip
def test_charset_honoured(content_type, encoding, body):
    md = extract_metadata(visit_for(body, content_type, encoding=encoding))
    assert md["title"] == WANT


def test_decode_html_defaults_to_utf8_with_replacement():
    assert decode_html("café".encode()) == "café"
    assert decode_html(b"caf\xe9 \xff") == "caf\ufffd \ufffd"
    assert decode_html(b"x", encoding="no-such-charset") == "x"


# ---------------------------------------------------------------- the video hosts' JSON scanner


@pytest.mark.parametrize(
    "text, expected",
    [
        ('{"a": 1} trailing', '{"a": 1}'),
        ('{"a": "}{"} x', '{"a": "}{"}'),
        ('{"a": "say \\"}\\""}; more', '{"a": "say \\"}\\""}'),
        ("{'a': '}'}", "{'a': '}'}"),
        ('{"a": {"b": [1, {"c": 2}]}}}}', '{"a": {"b": [1, {"c": 2}]}}'),
        ('{"a": "unterminated', None),
        ('{"a": {"b": 1}', None),
        ("not an object", None),
    ],
)
def test_balanced_object(text, expected):
    assert balanced_object(text, 0) == expected


# ---------------------------------------------------------------- PDF


def big_pdf(pages: int = 40, title: str = "A Long Guide To Indicators", info_first: bool = False) -> bytes:
    """A PDF over 64 KB; pypdf writes the Info dictionary first unless told otherwise."""
    writer = PdfWriter()
    for number in range(pages):
        page = writer.add_blank_page(612, 792)
        stream = DecodedStreamObject()
        stream.set_data(f"BT /F1 12 Tf 72 700 Td (Page {number} {'x' * 3000}) Tj ET".encode())
        page[NameObject("/Contents")] = writer._add_object(stream)
    writer.add_metadata({"/Title": title, "/Producer": "tests"})
    buffer = io.BytesIO()
    writer.write(buffer)
    data = buffer.getvalue()
    assert len(data) > 65536
    if not info_first:  # move the Info dictionary's title out of reach of a cut
        data = data.replace(b"/Title (" + title.encode() + b")", b"/Title (" + b" " * len(title) + b")")
    return data


def test_pdf_truncated_at_64k_does_not_crash():
    data = big_pdf(info_first=True)
    md = extract_metadata(visit_for(data[:65536], "application/pdf", body_truncated=True))
    assert md["media_type"] == "application/pdf"
    assert md["title"] == "A Long Guide To Indicators"
    assert md["page_count"] == 40


@pytest.mark.parametrize("cut", [0, 5, 9, 100, 500, 4096, 20000, 65536, 100000])
def test_pdf_cut_anywhere_never_crashes(cut):
    data = big_pdf()
    md = extract_metadata(visit_for(data[:cut], "application/pdf", body_truncated=True))
    assert md is not None and md["media_type"] == "application/pdf"
    assert md["title"] is None or isinstance(md["title"], str)


def test_pdf_raw_fallback_ignores_bookmark_titles():
    body = (b"%PDF-1.4\n1 0 obj\n<< /Title (Chapter One Bookmark) /Parent 2 0 R /Dest [3 0 R] >>\nendobj\n"
            b"4 0 obj\n<< /Type /Pages /Kids [5 0 R 6 0 R] /Count 2 >>\nendobj\n"
            b"7 0 obj\n<< /Producer (Word) /Title <FEFF004700750069006400650020005400690074006C0065> >>\nendobj\n")  # fmt: skip
    md = extract_metadata(visit_for(body, "application/pdf", body_truncated=True))
    assert (md["title"], md["title_source"]) == ("Guide Title", "pdf_info")
    assert md["page_count"] == 2


def test_pdf_raw_fallback_reads_xmp_and_counts_pages():
    body = (b"%PDF-1.6\n1 0 obj\n<< /Type /Page /Parent 9 0 R >>\nendobj\n"
            b"2 0 obj\n<< /Type /Page /Parent 9 0 R >>\nendobj\n"
            b'<x:xmpmeta><rdf:RDF><rdf:Description><dc:title><rdf:Alt><rdf:li xml:lang="x-default">'
            b"Caf\xc3\xa9 &amp; Clinic Guide</rdf:li></rdf:Alt></dc:title></rdf:Description></rdf:RDF></x:xmpmeta>")  # fmt: skip
    md = extract_metadata(visit_for(body, "application/pdf", body_truncated=True))
    assert (md["title"], md["title_source"]) == ("Café & Clinic Guide", "pdf_xmp")
    assert md["page_count_min"] == 2 and "page_count" not in md


def test_pdf_info_beats_xmp_and_office_titles_are_cleaned():
    md = extract_metadata(visit_for((FIXTURES / "guide.pdf").read_bytes(), "application/pdf"))
    assert md["title_source"] == "pdf_info"
    md = extract_metadata(visit_for((FIXTURES / "xmp_only.pdf").read_bytes(), "application/pdf"))
    # "/Title (Microsoft Word - HT_factsheet_v3_final.docx)" is a file name: XMP wins
    assert md["title_source"] == "pdf_xmp"


def test_encrypted_pdfs():
    opened = extract_metadata(visit_for((FIXTURES / "encrypted_open.pdf").read_bytes(), "application/pdf"))
    assert opened["encrypted"] is True and opened["title"].startswith("Safety Planning")
    locked = extract_metadata(visit_for((FIXTURES / "encrypted_locked.pdf").read_bytes(), "application/pdf"))
    assert locked["encrypted"] is True and locked["title"] is None
    assert "Internal Protocol" not in json.dumps(locked)
    # cut: pypdf cannot open it, and the raw fallback must not read ciphertext as a title,
    # whether the cut kept the encryption dictionary (-200) or not (600)
    raw = (FIXTURES / "encrypted_locked.pdf").read_bytes()
    for cut in (raw[:-200], raw[:600]):
        md = extract_metadata(visit_for(cut, "application/pdf", body_truncated=True))
        assert md["title"] is None and md["description"] is None


def test_garbage_pdf_does_not_crash():
    md = extract_metadata(visit_for(b"%PDF-1.7\n" + bytes(range(256)) * 50, "application/pdf"))
    assert md["title"] is None and md["media_type"] == "application/pdf"


def test_json_ld_found_whatever_the_case_of_its_type():
    """``type="application/LD+JSON"`` is JSON-LD too (the cheap pre-check must not miss it)."""
    body = (
        b'<html><head><title>Site title</title><script type="application/LD+JSON">'
        b'{"@context":"https://schema.org","@type":"VideoObject","name":"Real name","duration":"PT25M"}'
        b"</script></head><body><p>x</p></body></html>"
    )
    visit = Visit(
        resource_id="r",
        url="https://e.org/a",
        final_url="https://e.org/a",
        status=200,
        headers={"content-type": "text/html"},
        body=body,
    )
    meta = extract_metadata(visit)
    assert (meta["title"], meta["duration_seconds"], meta["title_source"]) == ("Real name", 1500, "jsonld")


# -- where the prose cues are looked for ---------------------------------------------

_CUE_PIECES = (
    "one",
    "two",
    "three",
    "ten",
    "twelve",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "eleven",
    "nine",
    "dozen",
    "hour",
    "hours",
    "hr",
    "hrs",
    "min",
    "minute",
    "minutes",
    "sec",
    "second",
    "seconds",
    "h",
    "m",
    "s",
    "0",
    "1",
    "5",
    "12",
    "30",
    "2024",
    ":",
    ":05",
    ":75",
    " ",
    " ",
    " ",
    "-",
    "(",
    ")",
    ",",
    ".",
    "/",
    "—",
    "é",
    "İ",
    "ß",
    "ﬁ",
    "минут",
    "分钟",
    "a",
    "e",
    "o",
    "t",
    "n",
    "d",
    "x",
    "someone",
    "often",
    "content",
    "sections",
    "\u00a0",
)


def _cue_texts():
    """Seeded random texts made of cue words, their near misses, digits and
    punctuation (every join is a word boundary or not), and the fixture pages' text."""
    import random

    from pipelines.charset import lower

    rng = random.Random(20261125)
    for _ in range(3000):
        yield lower("".join(rng.choice(_CUE_PIECES) for _ in range(rng.randint(0, 40))))
    pages = Path(__file__).parent / "fixtures" / "pages"
    for path in sorted(pages.glob("*.html")):
        yield lower(path.read_text(encoding="utf-8", errors="replace"))


def test_prose_cues_are_found_exactly_where_the_patterns_match():
    """The prose parsers see windows around ``_NUMBER`` and ``_DURATION_CUE`` matches,
    which are only tried at the places ``_cue_starts`` finds in C: those must hold every
    match ``finditer`` would find, or a page's running time goes unread."""
    from pipelines.metadata import _DURATION_CUE, _NUMBER, _cue_matches, _cue_starts

    found = 0
    for text in _cue_texts():
        numbers, times = _cue_starts(text)
        for cue, starts in ((_NUMBER, numbers), (_DURATION_CUE, times)):
            want = [m.span() for m in cue.finditer(text)]
            assert [m.span() for m in _cue_matches(cue, text, starts)] == want, (cue.pattern, text)
            found += len(want)
    assert found > 10_000  # the texts do exercise the patterns
