"""The page model (pipelines/page.py): what judgment and extraction read of a page, from
one decode and one parse."""

from __future__ import annotations

import threading

from linkhealth.visit import Visit
from pipelines import page as page_module
from pipelines.judge import judge
from pipelines.metadata import extract_metadata
from pipelines.page import Page, page_of

HTML = {"content-type": "text/html; charset=utf-8"}

DOC = """<!doctype html><html lang="en"><head><title>Module 2 – Caring for survivors</title>
<meta property="og:site_name" content="Care Academy"><meta name="description" content="Second module.">
<script type="application/ld+json">{"@type": "Course", "name": "Caring for survivors"}</script>
<script>var tracker = "not text";</script></head>
<body><header><nav><a href="/">Home</a> <a href="/login">Log in</a></nav></header>
<main><h1>Caring for survivors</h1><p>This module takes 45 minutes.</p>
<form id="reg" action="/register"><label for="n">Full name</label><input id="n" name="fullname">
<label>Work e-mail <input type="email" name="mail"></label><input type="hidden" name="t" value="1">
<button type="submit">Watch now</button></form></main>
<aside><form role="search"><input type="search" name="q" placeholder="Search"></form></aside>
<footer>Copyright Care Academy</footer></body></html>"""


def visit(body: str = DOC) -> Visit:
    url = "https://academy.example.org/m/2"
    return Visit(resource_id="r", url=url, final_url=url, status=200, headers=dict(HTML), body=body.encode())


def test_forms_say_what_they_ask_and_where_they_stand():
    forms = Page(visit()).forms
    reg, search = forms
    assert [(f.type, f.name, f.label) for f in reg.visible_fields] == [
        ("text", "fullname", "full name"),
        ("email", "mail", "work e-mail"),
    ]
    assert reg.submits == ("watch now",) and reg.action == "/register" and not reg.in_chrome
    assert search.in_chrome and search.fields[0].placeholder == "search"


def test_text_is_visible_text_with_the_furniture_set_apart():
    p = Page(visit())
    assert "not text" not in p.text and "Caring for survivors" in p.text
    assert p.main_text.startswith("Caring for survivors This module takes 45 minutes.")
    assert "Home" in p.chrome_text and "Copyright" in p.chrome_text and "Home" not in p.main_text
    assert "Home" not in p.text and "Copyright" not in p.text  # navigation and footers are not content
    assert p.content_words == p.words
    assert p.title == "Module 2 – Caring for survivors"
    assert p.meta("description") == "Second module." and p.json_ld[0]["@type"] == "Course"


def test_judge_and_extraction_share_one_parse(monkeypatch):
    parses = []
    real = page_module.Selector

    def counting(*args, **kwargs):
        parses.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(page_module, "Selector", counting)
    v = visit()
    judge(v)
    metadata = extract_metadata(v)
    assert len(parses) == 1
    assert metadata["duration_seconds"] == 45 * 60
    assert page_of(v) is page_of(v)
    v.body = DOC.replace("45 minutes", "50 minutes").encode()  # a different body is a different page
    assert extract_metadata(v)["duration_seconds"] == 50 * 60


def test_own_text_is_what_the_identity_check_reads_furniture_and_forms_set_apart():
    p = Page(visit(DOC.replace("This module", "This survivor\u2019s module")))
    # the form inside the main content is furniture too; characters stay as written
    assert p.own_text == "Caring for survivors This survivor\u2019s module takes 45 minutes."
    assert p.own_headings == ("Caring for survivors",)
    assert p.title_as_written == "Module 2 – Caring for survivors"
    # a main content with almost nothing to say gives way to the body (less its furniture);
    # an <article> inside a header is furniture, never the main content
    thin = (
        "<html><body><header><article>" + "Site banner words. " * 10 + "</article></header>"
        "<main><h2>Menu</h2></main><h1>Guide</h1><p>The body says what the page is.</p>"
        "<aside><h3>Related</h3></aside></body></html>"
    )
    p = Page(visit(thin))
    assert p.own_text == "Menu Guide The body says what the page is."
    assert p.own_headings == ("Menu", "Guide")
    assert Page(visit("<html><body><p>plain</p></body></html>")).title_as_written is None
    # the shared tree keeps its furniture for the judge and the gate rules
    assert "Related" in p.chrome_text


class _CopiedPage(Page):
    """The page model with its own text always read from a copy of the body, the furniture
    removed (the one way there was): what reading it in place must agree with."""

    _main_alone = False


_MAIN = "<p>" + "The module\u2019s own words, \u201cas written\u201d.\xa0 " * 4 + "</p>"


def test_own_text_read_in_place_is_what_the_copy_says():
    """A main content with no furniture in it or around it is read in place, with one split
    of its words for the identity check and the judge; a copy of the body would say the same
    (fingerprints stored from earlier visits stay comparable), on pages where it can and
    cannot be read in place."""
    alone = Page(
        visit(
            f"<html><body><nav>Home</nav><main><h2>Part one</h2>{_MAIN}<p>a<b>b</b>c</p>"
            "</main><footer>\u00a9 Academy</footer></body></html>"
        )
    )
    assert alone._own is alone.main  # no copy made
    assert alone.own_text.startswith("Part one The module\u2019s own words, \u201cas written\u201d.")
    assert alone.main_text.startswith('Part one The module\'s own words, "as written".')
    pages = [
        alone.visit.body.decode(),
        DOC,  # a form in the main content
        f"<html><body><main>{_MAIN}\u200b zero-width</main></body></html>",
        f"<html><body><header><main>{_MAIN}</main></header><main>{_MAIN} second</main></body></html>",
        f"<html><body><article><p>short</p></article><main>{_MAIN}</main></body></html>",
        f"<html><body><aside><article>{_MAIN}</article></aside><main>{_MAIN} mine</main></body></html>",
        f"<html><body><form role=main>{_MAIN}</form><p>outside</p></body></html>",
        f"<html><body><nav><main>{_MAIN}</main></nav><p>body words</p></body></html>",
        f"<html><body><main><p>tiny</p></main>{_MAIN}</body></html>",
        f"<main>{_MAIN}</main>",
    ]
    for body in pages:
        _assert_read_alike(body)


def _assert_read_alike(body: str) -> None:
    in_place, copied = Page(visit(body)), _CopiedPage(visit(body))
    for name in ("own_text", "own_headings", "main_text", "outside_main_text", "text", "words"):
        assert getattr(in_place, name) == getattr(copied, name), (name, body)


def test_own_text_read_in_place_is_what_the_copy_says_on_random_pages():
    """Seeded random nestings of content, furniture and main-content candidates, with curly
    quotes, no-break and zero-width spaces, and tails."""
    import random

    rnd = random.Random(14)
    tags = ["main", "article", "div role=main", "nav", "header", "footer", "aside", "form", "p", "section", "h2"]
    words = ["alpha", "beta", "\u2019quoted\u201d", "\xa0", "\u200b", "x" * 30, "gamma delta", " \n ", "caf\u00e9"]

    def text() -> str:
        return " ".join(rnd.choice(words) for _ in range(rnd.randint(0, 10)))

    def node(depth: int) -> str:
        if depth > 3 or rnd.random() < 0.3:
            return text()
        tag = rnd.choice(tags)
        inner = "".join(node(depth + 1) for _ in range(rnd.randint(1, 3)))
        return f"<{tag}>{inner}</{tag.split()[0]}>" + rnd.choice(["", " tail ", "\u200b"])

    for _ in range(600):
        rest = "".join(node(0) for _ in range(rnd.randint(1, 3)))
        main = rnd.choice(["main", "article", "div role=main"])
        plain = "".join(f"<p>{text()}</p><h2>{text()}</h2>" for _ in range(rnd.randint(1, 3)))
        at = rnd.randint(0, len(rest)) if rnd.random() < 0.3 else 0
        _assert_read_alike(f"<html><body>{rest[:at]}<{main}>{plain}</{main.split()[0]}>{rest[at:]}</body></html>")


def test_the_prose_parsers_lower_case_the_text_the_judge_lower_cased_already(monkeypatch):
    """Extraction's prose parsers read the main content's text and the rest's, lower-cased;
    the judge has lower-cased the page's text, which holds both: extraction takes its
    parts from there instead of lower-casing them again. Each part must be what lower-casing
    it alone gives, also where a letter lower-cases to two ("İ") or by what follows it
    (a final "Σ"): there it is lower-cased alone."""
    from pipelines import charset

    bodies = [
        DOC.replace("45 minutes", "45 minutes \u2014 caf\u00e9"),
        DOC.replace("Copyright", "\u0130stanbul Copyright"),
        DOC.replace("This module", "\u039f\u0394\u039f\u03a3 This module"),
        DOC.replace("<main>", "<main>\u039f\u0394\u039f\u03a3").replace("</main>", "\u039f\u0394\u039f\u03a3 </main>"),
    ]
    calls: list[str] = []
    for body in bodies:
        page = Page(visit(body))
        assert page.text_lc  # the judge's, made first
        calls.clear()
        monkeypatch.setattr(page_module, "lower", lambda t: calls.append(t) or charset.lower(t))
        for part in (page.main_text, page.outside_main_text, page.main_text[:12], page.outside_main_text[:7]):
            assert page.lower_of(part) == part.lower()
        monkeypatch.undo()
        if "\u0130" not in body and "\u03a3" not in body:
            assert calls == []
    page = page_of(visit(DOC.replace("45 minutes", "45 minutes \u2014 caf\u00e9")))
    judge(page.visit)
    lowered = []
    from pipelines import metadata

    def counting(text):
        lowered.append(text)
        return text.lower()

    for module in (page_module, metadata, charset):
        monkeypatch.setattr(module, "lower", counting, raising=False)
    md = extract_metadata(page.visit)
    assert page.main_text not in lowered and md["duration_seconds"] == 45 * 60


ARTICLE = "<main><h1>Caring for survivors</h1>" + "<p>Clinicians meet survivors in every ward. </p>" * 30 + "</main>"
SIGN_IN_FORM = (
    "<h2>Members sign in</h2><p>Sign in to view this page.</p><form action='/login'><input type='email' name='email'>"
    "<input type='password' name='pw'><button>Log in</button></form>"
)


def _doc(body: str) -> str:
    return f"<!doctype html><html lang='en'><head><title>Caring for survivors</title></head><body>{body}</body></html>"


def test_a_sign_in_modal_hidden_by_a_frameworks_class_is_not_read():
    """Hidden by a class (Bootstrap's d-none, Tailwind's hidden, a closed dialog's aria-hidden) is hidden."""
    for wrapper in (
        "<div class='modal hidden'>{}</div>",
        "<div class='modal d-none'>{}</div>",
        "<div class='login-popup is-hidden'>{}</div>",
        "<div class='visually-hidden'>{}</div>",
        "<div class='screen-reader-text'>{}</div>",
        "<div class='modal fade' role='dialog' aria-hidden='true'>{}</div>",
    ):
        page = Page(visit(_doc(ARTICLE + wrapper.format(SIGN_IN_FORM))))
        assert "members sign in" not in page.text_lc and not page.forms, wrapper
        assert judge(visit(_doc(ARTICLE + wrapper.format(SIGN_IN_FORM)))).outcome.value == "ok", wrapper


def test_content_shown_again_from_a_screen_width_or_holding_the_page_stays():
    """``hidden md:block`` is a desktop's sidebar; an app that hides its content until a script runs is judged
    by that content; an icon with aria-hidden is no dialog."""
    page = Page(visit(_doc("<div class='hidden md:block'><p>Desktop menu</p></div>" + ARTICLE)))
    assert "desktop menu" in page.text_lc
    page = Page(visit(_doc("<div id='app' class='hidden'>" + ARTICLE + "</div>")))
    assert "clinicians meet survivors" in page.text_lc
    page = Page(visit(_doc("<p>Call us <span class='icon' aria-hidden='true'>☎</span> today</p>" + ARTICLE)))
    assert "☎" in page.text
    gate = Page(visit(_doc("<div class='modal'>" + SIGN_IN_FORM + "</div>")))
    assert gate.forms and "members sign in" in gate.text_lc


def test_a_heading_or_label_kept_for_screen_readers_still_names_its_section():
    doc = _doc("<h1 class='visually-hidden'>Module 2 overview</h1><p class='sr-only'>Skip to content</p>" + ARTICLE)
    page = Page(visit(doc))
    assert page.h1s[0] == "Module 2 overview" and "skip to content" not in page.text_lc


def test_every_hiding_class_is_looked_for():
    """The page is searched for hidden subtrees only where its markup holds a hiding mark: a
    class added to HIDDEN_CLASSES that no mark covers would never be dropped."""
    from pipelines.page import _HIDING_MARKS, HIDDEN_CLASSES

    assert [c for c in HIDDEN_CLASSES if not any(mark in c for mark in _HIDING_MARKS)] == []


def test_pages_on_two_threads_compute_a_property_at_once():
    """A PDF's page is read on a thread while the crawl's thread reads HTML pages: neither
    waits for the other to compute a property (Python 3.11's ``functools.cached_property``
    holds one lock per property, across every page)."""
    inside, other_done = threading.Event(), threading.Event()

    class Probe(Page):
        @page_module.cached_property
        def value(self) -> bool:
            if self.visit.url.endswith("first"):
                inside.set()
                return other_done.wait(10)  # set by the other page's computation, or never
            other_done.set()
            return True

    first, second = (Probe(Visit(resource_id="r", url=f"https://x.org/{n}")) for n in ("first", "second"))
    results: list[bool] = []
    thread = threading.Thread(target=lambda: results.append(first.value))
    thread.start()
    assert inside.wait(10)
    assert second.value is True
    thread.join()
    assert results == [True]
    assert first.__dict__["value"] is True and Probe.value.__doc__ is None  # cached on the page, as before
