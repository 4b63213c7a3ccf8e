"""The gate rules (pipelines/gates.py): every rule has a fixture modelled on the real page
it was written for, and that fixture triggers it; pages that merely mention a gate do not.
"""

from __future__ import annotations

import pytest

from crawler.items import Visit
from linkhealth.outcomes import Gate, Outcome
from pipelines.gates import ANY, GATE_RULES, GateRule, detect_gate, match_gate
from pipelines.judge import Page, judge

from .test_judge import CASES, HTML, PAGES, page, visit, visit_from_case


def test_rule_names_are_unique():
    names = [r.name for r in GATE_RULES]
    assert len(names) == len(set(names))


def test_every_gate_has_a_rule():
    assert {r.gate for r in GATE_RULES} == set(Gate)


@pytest.mark.parametrize("rule", GATE_RULES, ids=lambda r: r.name)
def test_every_rule_has_a_fixture_that_triggers_it(rule):
    """Fails for a rule added without a fixture modelled on the real page, or whose fixture no longer matches."""
    assert rule.description and len(rule.description) > 20, rule.name
    assert rule.fixture, f"rule {rule.name} has no fixture"
    assert (PAGES / rule.fixture).is_file(), f"rule {rule.name}: missing tests/fixtures/pages/{rule.fixture}"
    cases = [c for c in CASES if rule.name in c.get("rules", ())]
    assert cases, f"no case in judge_cases.json lists rule {rule.name}"
    assert any(c["file"] == rule.fixture for c in cases), f"rule {rule.name}: no case serves its fixture {rule.fixture}"
    for case in cases:
        v = visit_from_case(case)
        assert rule.evidence(Page(v)) is not None, (rule.name, case["name"])
        assert judge(v).gate is rule.gate, (rule.name, case["name"])


GATE_CASES = [c for c in CASES if c["gate"] and c.get("rules")]


@pytest.mark.parametrize("case", GATE_CASES, ids=[c["name"] for c in GATE_CASES])
def test_the_first_listed_rule_is_the_one_that_decides(case):
    v = visit_from_case(case)
    got = detect_gate(v) if v.status is not None else judge(v)
    assert got is not None and got.outcome is Outcome.GATED
    assert got.detail.startswith(case["rules"][0] + ":"), got.detail


def test_detect_gate_on_an_ungated_page_is_none():
    assert detect_gate(visit(body=page())) is None
    assert match_gate(Page(visit(body=page()))) is None


def test_detect_gate_builds_its_own_page():
    case = next(c for c in CASES if c["name"] == "registration_zoom")
    got = detect_gate(visit_from_case(case))
    assert got.gate is Gate.REGISTRATION and got.detail.startswith("zoom-registration-url: ")


def test_failed_visits_see_only_url_rules():
    chain = [{"url": "https://x.org/members", "status": 302, "location": "https://x.org/user/login?destination=/members"}]
    failed = Visit(resource_id="r", url="https://x.org/members", redirect_chain=chain, error_class="TimeoutError",
                   final_url="https://x.org/user/login?destination=/members")
    assert detect_gate(failed).gate is Gate.LOGIN
    # no chain: the catalogued URL alone never gates a failure
    alone = Visit(resource_id="r", url="https://zoom.us/webinar/register/WN_abc", error_class="DNSLookupError",
                  final_url="https://zoom.us/webinar/register/WN_abc")
    assert judge(alone).outcome is Outcome.DNS_ERROR


def test_a_rule_that_would_gate_every_failure_is_refused():
    with pytest.raises(ValueError):
        GateRule(name="bad", gate=Gate.FORBIDDEN, description="matches everything", fixture="x.html", statuses=ANY)


# -- what must not gate ----------------------------------------------------------------------


def test_sign_in_links_in_a_public_page_do_not_gate():
    head = "<link rel='preconnect' href='https://accounts.google.com'>"
    text = ("<a href='https://accounts.google.com/ServiceLogin?continue=https://x.org'>Sign in</a> "
            "<a href='https://login.microsoftonline.com/common/oauth2/authorize'>Sign in with Microsoft</a> "
            "<a href='/user/login'>Log in</a> <a href='https://zoom.us/webinar/register/WN_x'>Register for the next session</a> "
            + "A real training page. " * 40)
    assert detect_gate(visit(body=page("Training module 1", text, head))) is None


def test_a_sign_in_page_passed_through_on_the_way_to_content_does_not_gate():
    chain = [{"url": "https://x.org/guide", "status": 302, "location": "https://x.org/sso?return=/guide"},
             {"url": "https://x.org/sso?return=/guide", "status": 302, "location": "https://x.org/guide/"}]
    got = judge(visit("https://x.org/guide", chain=chain, body=page()))
    assert got.outcome is Outcome.OK


@pytest.mark.parametrize("path", ["/blog/login-tips-for-clinicians", "/sso-overview.html", "/resources/signing-in-guide",
                                  "/training/login-free-courses/module-1"])
def test_paths_that_merely_contain_sign_in_words_do_not_gate(path):
    assert detect_gate(visit(f"https://x.org{path}", body=page())) is None


@pytest.mark.parametrize("path", ["/login", "/user/login", "/wp-login.php", "/account/login/", "/signin", "/sign-in",
                                  "/users/sign_in", "/cas/login", "/Shibboleth.sso/Login", "/login.aspx", "/saml2"])
def test_sign_in_paths_gate(path):
    got = detect_gate(visit(f"https://x.org{path}?next=/guide", body=page("Welcome")))
    assert got is not None and got.gate is Gate.LOGIN


def test_phrases_in_a_long_article_do_not_gate():
    article = ("Clinicians told us: you need access to interpreters, and you need permission from the patient before "
               "sharing records. Data are available upon request from the authors. To request access, contact the "
               "study team. Register to watch our newsletter grow. ") + "Ordinary article text. " * 800
    assert detect_gate(visit(body=page("Findings from a survey of clinicians", article))) is None


def test_data_available_upon_request_is_not_a_gate():
    body = page("Screening outcomes in a pediatric emergency department",
                "Methods and results. " * 50 + "Data availability: the data are available upon request from the authors.")
    assert detect_gate(visit(body=body)) is None


def test_scholarly_article_without_pdf_and_without_purchase_text_is_not_a_paywall():
    head = "<meta name='citation_title' content='A study'><meta name='citation_doi' content='10.1/x'>"
    assert detect_gate(visit(body=page("A study", "Abstract. " + "Findings. " * 100, head))) is None
    with_pdf = head + "<meta name='citation_pdf_url' content='https://x.org/a.pdf'>"
    assert detect_gate(visit(body=page("A study", "Rent this article for $4.99. " + "Findings. " * 100, with_pdf))) is None


def test_json_ld_free_article_is_not_a_paywall():
    head = '<script type="application/ld+json">{"@type":"Article","isAccessibleForFree":true}</script>'
    assert detect_gate(visit(body=page("Free", head=head))) is None
    head = '<script type="application/ld+json">{"@type":"Article","isAccessibleForFree":"False",}</script>'  # not quite JSON
    assert detect_gate(visit(body=page("Locked", head=head))).gate is Gate.PAYWALL


def test_a_registration_form_beside_an_embedded_recording_does_not_gate():
    body = (PAGES / "register_to_watch.html").read_text(encoding="utf-8").replace(
        "</section>\n  <section class=\"form-section\">",
        '<iframe src="https://player.vimeo.com/video/456789123" width="640" height="360"></iframe></section>\n'
        '  <section class="form-section">', 1)
    assert "player.vimeo.com" in body
    assert detect_gate(visit("https://x.org/on-demand/webinar", body=body)) is None


def test_a_sign_in_title_without_a_password_field_does_not_gate():
    assert detect_gate(visit(body=page("Sign in to comment | Example blog", "A real post. " * 30))) is None


def test_eventbrite_url_without_a_tickets_button_does_not_gate():
    body = page("Organizer profile | Eventbrite", "Past events. " * 30)
    assert detect_gate(visit("https://www.eventbrite.com/e/some-event-tickets-123", body=body)) is None


def test_youtube_rules_need_the_player_json():
    body = page("Private video", "This is a private video. Join this channel to get access to members-only content.")
    assert detect_gate(visit("https://www.youtube.com/watch?v=x", body=body)) is None


def test_404_at_a_sign_in_url_is_not_found():
    assert judge(visit("https://x.org/login", status=404, body=page("Not Found"))).outcome is Outcome.NOT_FOUND


def test_html_content_type_header_drives_parsing():
    drive = (PAGES / "google_drive_need_access.html").read_bytes()
    assert detect_gate(visit(body=drive, headers={"content-type": "application/octet-stream"})).gate is Gate.REQUEST_ACCESS
    assert detect_gate(visit(body=drive, headers={"content-type": "image/png"})) is None
    assert detect_gate(visit(body=drive, headers=HTML)).gate is Gate.REQUEST_ACCESS


# -- gates from structure: the shape of the page, in any wording -------------------------------

def _doc(body: str, title: str = "Learning portal", lang: str = "en") -> str:
    return (f"<!doctype html><html lang='{lang}'><head><meta charset='utf-8'><title>{title}</title></head>"
            f"<body>{body}</body></html>")


NEWSLETTER_ASIDE = ("<aside class='sidebar'><h3>Newsletter</h3><form action='/subscribe'><input name='name' placeholder='Name'>"
                    "<input type='email' name='email' placeholder='Email'><button>Sign up</button></form></aside>")
LOGIN_ASIDE = ("<aside><h3>User login</h3><form action='/user/login'><label for='u'>Username</label><input id='u' name='name'>"
               "<label for='p'>Password</label><input id='p' type='password' name='pass'><button>Log in</button></form></aside>")


@pytest.mark.parametrize("body", [
    # an unknown platform's sign-in page, Dutch, no sign-in word in its title
    "<main><h1>Welkom</h1><form method='post'><label for='e'>E-mailadres</label><input id='e' name='email'>"
    "<label for='w'>Wachtwoord</label><input id='w' type='password' name='wachtwoord'><button>Doorgaan</button></form></main>",
    # a sign-in panel rendered without a <form> (a single-page app)
    "<div id='app'><input name='username' placeholder='Username'><input type='password' placeholder='Password'>"
    "<button>Continue</button></div>",
])
def test_a_form_asking_who_you_are_and_a_password_is_a_sign_in_page(body):
    assert verdict_of_page(body) == ("gated", "login")


def test_a_form_asking_only_for_a_key_is_private():
    body = ("<main><h1>Module 3 recordings</h1><form method='post'><label>Code d'accès <input type='password' "
            "name='code'></label><input type='submit' value='Valider'></form></main>")
    assert verdict_of_page(body, lang="fr") == ("gated", "private")


def test_a_registration_form_in_front_of_a_recording_in_spanish_is_registration():
    body = ("<main><h1>Grabación: trata de personas en urgencias</h1><p>Complete sus datos.</p>"
            "<form method='post'><label for='n'>Nombre</label><input id='n' name='nombre'>"
            "<label for='c'>Correo electrónico</label><input id='c' name='correo'>"
            "<button type='submit'>Ver la grabación</button></form></main>")
    assert verdict_of_page(body, lang="es") == ("gated", "registration")


def test_a_request_button_on_an_otherwise_empty_page_is_request_access():
    body = ("<div class='panel'><h1>Accès refusé</h1><p>Vous n'avez pas accès à ce document.</p>"
            "<div role='button'>Demander l'accès</div></div>")
    assert verdict_of_page(body, lang="fr") == ("gated", "request_access")


def test_a_401_without_a_challenge_that_refuses_is_forbidden_and_with_one_is_auth():
    body = _doc("<h1>Access denied</h1><p>You have not been given permission to view this file.</p>", "Unauthorized")
    assert judge(visit(status=401, body=body)).gate is Gate.FORBIDDEN
    assert judge(visit(status=401, body=body, headers={**HTML, "www-authenticate": "Basic realm=x"})).gate is Gate.AUTH


def verdict_of_page(body: str, lang: str = "en") -> tuple[str, str | None]:
    got = judge(visit("https://learn.example.org/course/7", body=_doc(body, lang=lang)))
    return got.outcome.value, got.gate.value if got.gate else None


# -- hard negatives: forms and words that do not stand in front of anything ----------------------

ARTICLE = "<main><article><h1>Spotting the signs</h1>" + "<p>Clinicians see patients every day. </p>" * 40


@pytest.mark.parametrize("body", [
    # a newsletter sign-up in the sidebar, "Log in | Register" in the header
    "<header><a href='/login'>Log in</a> | <a href='/register'>Register</a></header>" + ARTICLE
    + "</article></main>" + NEWSLETTER_ASIDE,
    # a comment form under a short post
    "<main><article><h1>Notes from the webinar</h1><p>The slides are below.</p></article>"
    "<form id='commentform' action='/wp-comments-post.php'><input name='author' placeholder='Name'>"
    "<input type='email' name='email' placeholder='Email'><textarea name='comment'></textarea>"
    "<input type='submit' value='Post Comment'></form></main>",
    # a search form on a short page
    "<main><h1>Resources</h1><form role='search' action='/search'><input type='search' name='q'>"
    "<button>Search</button></form><p>Browse the library below.</p></main>",
    # a user login block in the sidebar of a short page
    "<main><h1>Course materials</h1><p>Slides and handouts for the module.</p><a href='/m.pdf'>Handout</a></main>"
    + LOGIN_ASIDE,
    # earlier recordings can be requested by e-mail
    "<main><h1>Trafficking and primary care</h1><p>The slides of this session are below. Recordings of earlier "
    "sessions can be requested by e-mail from the organisers.</p><a href='/slides.pdf'>Slides</a></main>",
    # a registration form beside the recording it would unlock: the recording plays
    "<main><h1>Session replay</h1><iframe src='https://player.vimeo.com/video/1'></iframe><form>"
    "<input name='first_name' placeholder='First name'><input type='email' name='email'>"
    "<button>Register for the next session</button></form></main>",
    # a public page with a price in its sidebar shop
    ARTICLE + "</article></main><aside><p>Our handbook, $24.99</p><a href='/shop/cart/add?id=3'>Buy the book</a></aside>",
])
def test_hard_negatives_are_ok(body):
    assert verdict_of_page(body) == ("ok", None)
