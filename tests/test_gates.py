"""The gate rules (pipelines/gates.py): every rule has a fixture modelled on the real page
it was written for, and that fixture triggers it; pages that merely mention a gate do not.
"""

from __future__ import annotations

import pytest

from linkhealth.outcomes import Gate, Outcome
from linkhealth.visit import Visit
from pipelines.gates import ANY, GATE_RULES, GateRule, detect_gate, match_gate
from pipelines.judge import Page, judge

from .judgecases import CASES, HTML, PAGES, page, visit, visit_from_case


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
    chain = [
        {"url": "https://x.org/members", "status": 302, "location": "https://x.org/user/login?destination=/members"}
    ]
    failed = Visit(
        resource_id="r",
        url="https://x.org/members",
        redirect_chain=chain,
        error_class="TimeoutError",
        final_url="https://x.org/user/login?destination=/members",
    )
    assert detect_gate(failed).gate is Gate.LOGIN
    # no chain: the catalogued URL alone never gates a failure
    alone = Visit(
        resource_id="r",
        url="https://zoom.us/webinar/register/WN_abc",
        error_class="DNSLookupError",
        final_url="https://zoom.us/webinar/register/WN_abc",
    )
    assert judge(alone).outcome is Outcome.DNS_ERROR


def test_a_rule_that_would_gate_every_failure_is_refused():
    with pytest.raises(ValueError):
        GateRule(name="bad", gate=Gate.FORBIDDEN, description="matches everything", fixture="x.html", statuses=ANY)


# -- what must not gate ----------------------------------------------------------------------


def test_sign_in_links_in_a_public_page_do_not_gate():
    head = "<link rel='preconnect' href='https://accounts.google.com'>"
    text = (
        "<a href='https://accounts.google.com/ServiceLogin?continue=https://x.org'>Sign in</a> "
        "<a href='https://login.microsoftonline.com/common/oauth2/authorize'>Sign in with Microsoft</a> "
        "<a href='/user/login'>Log in</a> <a href='https://zoom.us/webinar/register/WN_x'>Register for the next session</a> "
        + "A real training page. "
        * 40
    )
    assert detect_gate(visit(body=page("Training module 1", text, head))) is None


def test_a_sign_in_page_passed_through_on_the_way_to_content_does_not_gate():
    chain = [
        {"url": "https://x.org/guide", "status": 302, "location": "https://x.org/sso?return=/guide"},
        {"url": "https://x.org/sso?return=/guide", "status": 302, "location": "https://x.org/guide/"},
    ]
    got = judge(visit("https://x.org/guide", chain=chain, body=page()))
    assert got.outcome is Outcome.OK


@pytest.mark.parametrize(
    "path",
    [
        "/blog/login-tips-for-clinicians",
        "/sso-overview.html",
        "/resources/signing-in-guide",
        "/training/login-free-courses/module-1",
    ],
)
def test_paths_that_merely_contain_sign_in_words_do_not_gate(path):
    assert detect_gate(visit(f"https://x.org{path}", body=page())) is None


@pytest.mark.parametrize(
    "path",
    [
        "/login",
        "/user/login",
        "/wp-login.php",
        "/account/login/",
        "/signin",
        "/sign-in",
        "/users/sign_in",
        "/cas/login",
        "/Shibboleth.sso/Login",
        "/login.aspx",
        "/saml2",
    ],
)
def test_sign_in_paths_gate(path):
    got = detect_gate(visit(f"https://x.org{path}?next=/guide", body=page("Welcome")))
    assert got is not None and got.gate is Gate.LOGIN


def test_phrases_in_a_long_article_do_not_gate():
    article = (
        "Clinicians told us: you need access to interpreters, and you need permission from the patient before "
        "sharing records. Data are available upon request from the authors. To request access, contact the "
        "study team. Register to watch our newsletter grow. "
    ) + "Ordinary article text. " * 800
    assert detect_gate(visit(body=page("Findings from a survey of clinicians", article))) is None


def test_data_available_upon_request_is_not_a_gate():
    body = page(
        "Screening outcomes in a pediatric emergency department",
        "Methods and results. " * 50 + "Data availability: the data are available upon request from the authors.",
    )
    assert detect_gate(visit(body=body)) is None


def test_scholarly_article_without_pdf_and_without_purchase_text_is_not_a_paywall():
    head = "<meta name='citation_title' content='A study'><meta name='citation_doi' content='10.1/x'>"
    assert detect_gate(visit(body=page("A study", "Abstract. " + "Findings. " * 100, head))) is None
    with_pdf = head + "<meta name='citation_pdf_url' content='https://x.org/a.pdf'>"
    assert (
        detect_gate(visit(body=page("A study", "Rent this article for $4.99. " + "Findings. " * 100, with_pdf))) is None
    )


def test_json_ld_free_article_is_not_a_paywall():
    head = '<script type="application/ld+json">{"@type":"Article","isAccessibleForFree":true}</script>'
    assert detect_gate(visit(body=page("Free", head=head))) is None
    head = '<script type="application/ld+json">{"@type":"Article","isAccessibleForFree":"False",}</script>'  # not quite JSON
    assert detect_gate(visit(body=page("Locked", head=head))).gate is Gate.PAYWALL


def test_a_registration_form_beside_an_embedded_recording_does_not_gate():
    body = (
        (PAGES / "register_to_watch.html")
        .read_text(encoding="utf-8")
        .replace(
            '</section>\n  <section class="form-section">',
            '<iframe src="https://player.vimeo.com/video/456789123" width="640" height="360"></iframe></section>\n'
            '  <section class="form-section">',
            1,
        )
    )
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
    assert (
        detect_gate(visit(body=drive, headers={"content-type": "application/octet-stream"})).gate is Gate.REQUEST_ACCESS
    )
    assert detect_gate(visit(body=drive, headers={"content-type": "image/png"})) is None
    assert detect_gate(visit(body=drive, headers=HTML)).gate is Gate.REQUEST_ACCESS


# -- gates from structure: the shape of the page, in any wording -------------------------------


def _doc(body: str, title: str = "Learning portal", lang: str = "en") -> str:
    return (
        f"<!doctype html><html lang='{lang}'><head><meta charset='utf-8'><title>{title}</title></head>"
        f"<body>{body}</body></html>"
    )


NEWSLETTER_ASIDE = (
    "<aside class='sidebar'><h3>Newsletter</h3><form action='/subscribe'><input name='name' placeholder='Name'>"
    "<input type='email' name='email' placeholder='Email'><button>Sign up</button></form></aside>"
)
LOGIN_ASIDE = (
    "<aside><h3>User login</h3><form action='/user/login'><label for='u'>Username</label><input id='u' name='name'>"
    "<label for='p'>Password</label><input id='p' type='password' name='pass'><button>Log in</button></form></aside>"
)


@pytest.mark.parametrize(
    "body",
    [
        # an unknown platform's sign-in page, Dutch, no sign-in word in its title
        "<main><h1>Welkom</h1><form method='post'><label for='e'>E-mailadres</label><input id='e' name='email'>"
        "<label for='w'>Wachtwoord</label><input id='w' type='password' name='wachtwoord'><button>Doorgaan</button></form></main>",
        # a sign-in panel rendered without a <form> (a single-page app)
        "<div id='app'><input name='username' placeholder='Username'><input type='password' placeholder='Password'>"
        "<button>Continue</button></div>",
    ],
)
def test_a_form_asking_who_you_are_and_a_password_is_a_sign_in_page(body):
    assert verdict_of_page(body) == ("gated", "login")


def test_a_form_asking_only_for_a_key_is_private():
    body = (
        "<main><h1>Module 3 recordings</h1><form method='post'><label>Code d'accès <input type='password' "
        "name='code'></label><input type='submit' value='Valider'></form></main>"
    )
    assert verdict_of_page(body, lang="fr") == ("gated", "private")


def test_a_registration_form_in_front_of_a_recording_in_spanish_is_registration():
    body = (
        "<main><h1>Grabación: trata de personas en urgencias</h1><p>Complete sus datos.</p>"
        "<form method='post'><label for='n'>Nombre</label><input id='n' name='nombre'>"
        "<label for='c'>Correo electrónico</label><input id='c' name='correo'>"
        "<button type='submit'>Ver la grabación</button></form></main>"
    )
    assert verdict_of_page(body, lang="es") == ("gated", "registration")


def test_a_request_button_on_an_otherwise_empty_page_is_request_access():
    body = (
        "<div class='panel'><h1>Accès refusé</h1><p>Vous n'avez pas accès à ce document.</p>"
        "<div role='button'>Demander l'accès</div></div>"
    )
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


@pytest.mark.parametrize(
    "body",
    [
        # a newsletter sign-up in the sidebar, "Log in | Register" in the header
        "<header><a href='/login'>Log in</a> | <a href='/register'>Register</a></header>"
        + ARTICLE
        + "</article></main>"
        + NEWSLETTER_ASIDE,
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
        ARTICLE
        + "</article></main><aside><p>Our handbook, $24.99</p><a href='/shop/cart/add?id=3'>Buy the book</a></aside>",
    ],
)
def test_hard_negatives_are_ok(body):
    assert verdict_of_page(body) == ("ok", None)


# -- signals that generalise: pages of platforms and languages no rule was written from ----------


@pytest.mark.parametrize(
    "body, lang",
    [
        # Polish: a sign-in form whose fields are named in Polish, no sign-in word the rules list
        (
            "<main><h1>Zaloguj się</h1><form method='post'><label for='l'>Nazwa użytkownika</label><input id='l' name='uzytk'>"
            "<label for='h'>Hasło</label><input id='h' type='password' name='haslo'><button>Zaloguj</button></form></main>",
            "pl",
        ),
        # Japanese: an e-mail field named "mail" and a password
        (
            "<main><h1>ログイン</h1><form method='post'><input type='email' name='mail' placeholder='メールアドレス'>"
            "<input type='password' name='pw' placeholder='パスワード'><button>ログイン</button></form></main>",
            "ja",
        ),
    ],
)
def test_a_sign_in_page_in_any_language_is_login(body, lang):
    assert verdict_of_page(body, lang=lang) == ("gated", "login")


@pytest.mark.parametrize(
    "body, lang",
    [
        # the password form is drawn by a script: only the notice is in the HTML
        (
            "<main><h1>Skyddad sida</h1><p>Den här sidan är lösenordsskyddad. Ange lösenordet för att se den.</p>"
            "<div id='pw-form'></div></main>",
            "sv",
        ),
        ("<main><h1>Strona chroniona</h1><p>Ta strona jest chroniona hasłem.</p><div id='pw-form'></div></main>", "pl"),
        (
            "<main><h1>Beveiligde pagina</h1><p>Deze pagina is beveiligd met een wachtwoord.</p><div id='pw'></div></main>",
            "nl",
        ),
    ],
)
def test_a_password_notice_in_other_languages_is_private(body, lang):
    assert verdict_of_page(body, lang=lang) == ("gated", "private")


def test_a_403_from_an_unknown_server_is_forbidden_unless_it_prints_a_firewall_s_trace_id():
    text = "<h1>Zugriff verweigert</h1><p>Sie haben keine Berechtigung für diese Seite.</p>"
    got = judge(visit(status=403, body=_doc(text, "403"), headers={**HTML, "server": "Hiawatha v11.2"}))
    assert (got.outcome, got.gate) == (Outcome.GATED, Gate.FORBIDDEN)
    wall = _doc(text + "<p>Support ID: 1873650211289365231</p>", "Request Rejected")
    assert judge(visit(status=403, body=wall, headers={**HTML, "server": "Hiawatha v11.2"})).outcome is Outcome.BLOCKED


def test_a_429_from_an_unknown_firewall_with_a_captcha_is_blocked_and_a_plain_429_is_rate_limited():
    challenge = _doc(
        "<h1>One moment</h1><p>Too many requests from your network.</p>"
        "<iframe src='https://www.google.com/recaptcha/api2/anchor?k=6Lc'></iframe>",
        "One moment",
    )
    assert judge(visit(status=429, body=challenge)).outcome is Outcome.BLOCKED
    plain = _doc("<h1>Too Many Requests</h1><p>Slow down and try again in a minute.</p>", "429")
    assert judge(visit(status=429, body=plain)).outcome is Outcome.RATE_LIMITED


def test_an_e_mail_form_whose_button_says_get_the_recording_is_registration():
    body = (
        "<main><h1>On-demand: labour trafficking in agriculture</h1><p>Enter your work email to get the "
        "recording.</p><form method='post'><input type='email' name='work_email' placeholder='Work email'>"
        "<button>Get the recording</button></form></main>"
    )
    assert verdict_of_page(body) == ("gated", "registration")


def test_a_sign_up_form_is_registration_and_a_sign_in_form_beside_it_makes_it_login():
    sign_up = (
        "<main><h1>Download the toolkit</h1><p>Create a free account to download it.</p><form method='post' "
        "action='/accounts/new'><input name='full_name' placeholder='Full name'><input type='email' name='email'>"
        "<input type='password' name='password'><button>Create account</button></form></main>"
    )
    assert verdict_of_page(sign_up) == ("gated", "registration")
    both = sign_up.replace(
        "</main>",
        "<form method='post' action='/session'><input type='email' name='email'>"
        "<input type='password' name='password'><button>Log in</button></form></main>",
    )
    assert verdict_of_page(both) == ("gated", "login")


def test_members_only_is_a_paywall_when_something_is_sold_and_login_when_nothing_is():
    free = (
        "<main><article><h1>Recording: modern slavery masterclass</h1><p>On the clinical trial of a screening "
        "tool, once a month.</p><p>This post is for subscribers only.</p>"
        "<a href='#/portal/signup'>Subscribe now</a> <a href='#/portal/signin'>Sign in</a></article></main>"
    )
    assert verdict_of_page(free) == ("gated", "login")
    sold = free.replace("Subscribe now", "Subscribe for $5 a month")
    assert verdict_of_page(sold) == ("gated", "paywall")


def test_a_private_notice_on_a_sign_in_page_is_private():
    body = (
        "<main><h1>Log in</h1><p>Dieses Video ist privat. Melden Sie sich mit einem Konto an, für das es "
        "freigegeben wurde.</p><form method='post'><input type='email' name='email'><input type='password' "
        "name='password'><button>Log in</button></form></main>"
    )
    got = judge(visit("https://video.example.org/login?next=/v/9", body=_doc(body, lang="de")))
    assert got.gate is Gate.PRIVATE


@pytest.mark.parametrize(
    "body",
    [
        # a short contact page protected by reCAPTCHA: the reader types a message, no wall
        "<main><h1>Contact</h1><form action='/contact'><input name='name'><input type='email' name='email'>"
        "<textarea name='message'></textarea><div class='g-recaptcha' data-sitekey='x'></div><button>Send</button></form></main>",
        # a public article with a sign-in modal kept hidden in its markup
        ARTICLE + "</article><section class='modal' hidden><form action='/login'><input name='session_key'>"
        "<input type='password' name='session_password'><button>Sign in</button></form></section></main>",
        # a newsletter box in the content of a short page: an e-mail and "Sign up", nothing to watch
        "<main><h1>Campaign toolkit</h1><p>Posters and leaflets below.</p><a href='/kit.zip'>Download the kit</a>"
        "<form class='signup'><input type='email' name='email' placeholder='Email'><button>Sign up</button></form></main>",
        # a metered banner over a served article
        ARTICLE + "</article><div class='meter'>You have 2 free articles left. Subscribe for $1 a week.</div></main>",
        # a short recording page on a site that loads reCAPTCHA v3 everywhere (a script, no widget)
        "<main><h1>Grand rounds: trafficking</h1><iframe src='https://player.vimeo.com/video/2'></iframe>"
        "<script src='https://www.google.com/recaptcha/api.js?render=6Lc'></script></main>",
        # a short free guide with a donation button that carries an amount
        "<main><h1>Pocket guide</h1><p>Free to download and share.</p><a href='/guide.pdf'>Download the guide</a>"
        "<a href='/donate?amount=10' class='button'>Donate $10</a></main>",
    ],
)
def test_new_signals_leave_these_hard_negatives_ok(body):
    assert verdict_of_page(body) == ("ok", None)


def test_a_sign_in_page_whose_user_field_is_called_name_is_login():
    """Drupal names its user-name field "name": that asks who the reader is, not for a person's name."""
    body = (
        "<main><h1>Log in</h1><form id='user-login-form' action='/user/login' method='post'>"
        "<label for='edit-name'>Username</label><input id='edit-name' name='name'>"
        "<label for='edit-pass'>Password</label><input id='edit-pass' type='password' name='pass'>"
        "<button>Log in</button></form></main>"
    )
    assert verdict_of_page(body) == ("gated", "login")


def test_a_firewall_block_page_of_an_unknown_vendor_is_blocked_and_a_plain_refusal_forbidden():
    wall = _doc(
        "<h1>Verzoek geblokkeerd</h1><p>Het beveiligingssysteem van deze site heeft uw verzoek tegengehouden."
        "</p><p>Uw IP-adres: 198.51.100.7</p>",
        "Geblokkeerd",
    )
    assert judge(visit(status=403, body=wall)).outcome is Outcome.BLOCKED
    plain = _doc("<h1>Toegang geweigerd</h1><p>U heeft geen toegang tot deze map.</p>", "403 Forbidden")
    assert judge(visit(status=403, body=plain)).gate is Gate.FORBIDDEN


def test_a_quick_login_box_under_a_forum_thread_is_no_gate():
    posts = "<p>I could not open the module after the password reset, the portal kept saying my session ended.</p>" * 12
    body = (
        f"<main><h2>Can't log in to the e-learning portal</h2>{posts}<form method='post' action='/ucp.php?mode=login'>"
        "<input name='username'><input type='password' name='password'><input type='submit' value='Login'></form></main>"
    )
    got = judge(
        visit("https://forum.example.org/viewtopic.php?t=1", body=_doc(body, "Can't log in to the e-learning portal"))
    )
    assert (got.outcome, got.gate) == (Outcome.OK, None)


def test_a_lead_form_drawn_by_a_mailing_list_tool_is_registration_when_it_delivers():
    form = (
        "<main><h1>Free guide: falls prevention at home</h1><form id='mc-embedded-subscribe-form' "
        "action='https://x.list-manage.com/subscribe/post'><input name='FNAME' placeholder='First name'>"
        "<input type='email' name='EMAIL'><button>{}</button></form></main>"
    )
    assert verdict_of_page(form.format("Download the guide")) == ("gated", "registration")
    assert verdict_of_page(form.format("Subscribe")) == ("ok", None)


def test_a_form_asking_for_a_card_is_a_paywall():
    body = (
        "<main><h2>QBank Pro</h2><p>7-day trial.</p><form><input type='email' name='email'>"
        "<input name='card_number' placeholder='Card number'><input name='cvc' placeholder='CVC'>"
        "<button>Start trial</button></form></main>"
    )
    assert verdict_of_page(body) == ("gated", "paywall")


def test_a_metered_banner_with_a_price_over_a_free_article_is_ok():
    article = "<p>The new guideline gives nurses a larger role in screening.</p>" * 6
    body = (
        f"<div class='meter'>You are reading 2 of 5 free articles this month. <a href='/abo/'>Read without limits from "
        f"$4.90 a month</a></div><main><article><h1>Delirium guideline</h1>{article}</article></main>"
    )
    assert verdict_of_page(body) == ("ok", None)


def test_a_family_of_phrases_in_other_languages_is_not_read_on_a_long_english_page():
    """Rules written for other languages skip long pages that declare theirs (cost); a short page is read
    whatever it declares (templates often say "en" over Spanish text)."""
    box = "<main><h1>Artículo</h1><p>Resumen.</p><a href='/compra/1'>Comprar este artículo</a></main>"
    assert verdict_of_page(box, lang="es") == ("gated", "paywall")
    assert verdict_of_page(box, lang="en") == ("gated", "paywall")
    essay = "<p>Clinicians in emergency care meet people controlled by others, and this essay is about them.</p>" * 50
    long_english = f"<main><article><h1>Essay</h1>{essay}<p>(Quoted from a Spanish journal: Comprar este artículo.)</p>"
    assert verdict_of_page(long_english + "</article></main>", lang="en") == ("ok", None)


def test_an_embeddable_player_hidden_from_its_host_s_site_is_no_private_video():
    """Vimeo's "privacy": "disable" hides a video from vimeo.com and lets every page embed it."""
    body = (
        '<div id=\'player\'></div><script>var config = {"video": {"id": 7, "privacy": "disable", '
        '"title": "Intake"}};</script>'
    )
    assert verdict_of_page(body) == ("ok", None)
    assert verdict_of_page(body.replace("disable", "nobody")) == ("gated", "private")


def test_an_open_access_article_with_an_institution_box_is_ok():
    """Publishers keep "Access through your institution" on open articles too: an article that says it
    is open access and shows its free licence is served; the same box without them is a paywall."""
    body = (
        "<main><article><h1>Screening in primary care</h1><p>Abstract. A qualitative study.</p>"
        "<p>Access through your institution</p>{}</article></main>"
    )
    assert verdict_of_page(
        body.format("<p>This article is open access, under a Creative Commons CC BY 4.0 licence.</p>")
    ) == ("ok", None)
    assert verdict_of_page(body.format("")) == ("gated", "paywall")


def test_a_single_page_app_that_needs_javascript_to_run_is_no_challenge():
    app = (
        "<noscript>You need to enable JavaScript to run this app.</noscript><div id='root'></div>"
        "<script src='/static/main.js'></script>"
    )
    assert verdict_of_page(app)[0] != "blocked"
    wall = app.replace("to run this app", "so that we can verify your browser")
    assert verdict_of_page(wall) == ("blocked", None)


def test_a_membership_box_in_a_sidebar_drawn_without_aside_is_furniture():
    post = "<p>Notes from our night shift on spotting coercion at triage, and what we changed afterwards.</p>" * 3
    body = (
        f"<div class='content'><h1>Field notes</h1>{post}</div><div class='sidebar'><h3>Support us</h3>"
        "<a class='btn' href='/membership'>Join $5/month</a></div>"
    )
    assert verdict_of_page(body) == ("ok", None)


def test_register_to_receive_a_newsletter_is_no_registration_gate():
    body = (
        "<main><h1>Pocket guide to trafficking indicators</h1><p>The guide is below.</p>"
        "<a href='/guide.pdf'>Guide (PDF)</a><p>Register to receive our monthly newsletter.</p>"
        "<a class='btn' href='/newsletter'>Register</a></main>"
    )
    assert verdict_of_page(body) == ("ok", None)


def test_a_meeting_passcode_with_a_display_name_is_private():
    body = (
        "<main><h1>Join the recording</h1><form method='post'><input name='display_name' placeholder='Your name'>"
        "<input type='password' name='passcode' placeholder='Passcode'><button>Watch</button></form></main>"
    )
    assert verdict_of_page(body) == ("gated", "private")


def test_join_to_access_is_a_paywall_when_priced_and_login_when_free():
    free = "<main><h1>Module 2</h1><p>Join now to access this course and all recordings.</p><a href='/join'>Join</a></main>"
    assert verdict_of_page(free) == ("gated", "login")
    assert verdict_of_page(free.replace(">Join<", ">Join for $10/month<")) == ("gated", "paywall")


def test_wording_in_a_hidden_modal_is_not_what_the_page_says():
    article = "<p>Clinicians meet people who are controlled by others; this guide explains the signs.</p>" * 12
    body = (
        f"<main><article><h1>Guide</h1>{article}</article><div class='modal' style='display: none'>"
        "<h2>Sign in to view this content</h2></div></main>"
    )
    assert verdict_of_page(body) == ("ok", None)
    assert verdict_of_page(body.replace("style='display: none'", "")) == ("gated", "login")


def test_an_e_mail_first_sign_in_under_a_sign_in_heading_is_login():
    body = "<main><h1>Sign in</h1><form><input type=email name=email placeholder='Work email'><button>Next</button></form></main>"
    assert verdict_of_page(body) == ("gated", "login")
    newsletter = body.replace("Sign in", "Monthly digest")
    assert verdict_of_page(newsletter) == ("ok", None)


def test_register_to_see_more_courses_is_an_invitation_not_a_gate():
    upsell = (
        "<main><h1>Guía</h1><p>La guía está abajo.</p><a href='/g.pdf'>Guía</a><p>Regístrate para ver más cursos "
        "gratuitos.</p><a class='btn' href='/r'>Regístrate</a></main>"
    )
    assert verdict_of_page(upsell, lang="es") == ("ok", None)
    gate = (
        "<main><h1>Webinar</h1><p>Regístrate gratis para ver la grabación del seminario.</p>"
        "<a class='btn' href='/r'>Regístrate</a></main>"
    )
    assert verdict_of_page(gate, lang="es") == ("gated", "registration")


def test_signing_in_to_comment_is_no_gate():
    served = (
        "<main><h1>Leitfaden</h1><p>Der Leitfaden steht unten.</p><a href='/l.pdf'>PDF</a>"
        "<p>Bitte melden Sie sich an, um zu kommentieren.</p></main>"
    )
    assert verdict_of_page(served, lang="de") == ("ok", None)
    gated = "<main><h1>Leitfaden</h1><p>Bitte melden Sie sich an, um den Leitfaden zu sehen.</p></main>"
    assert verdict_of_page(gated, lang="de") == ("gated", "login")


def test_a_title_that_says_open_access_or_event_registration_is_no_sign_in_title():
    header_login = (
        "<header><form action='/login'><input name='user'><input type='password' name='pw'>"
        "<button>Entrar</button></form></header>"
    )
    article = header_login + "<main><h1>Tráfico de pessoas</h1><p>Resumo do artigo.</p></main>"
    got = judge(visit("https://revista.example.org/artigo/9", body=_doc(article, "Acesso aberto | Revista", lang="pt")))
    assert (got.outcome, got.gate) == (Outcome.OK, None)


def test_a_metered_wall_that_ran_out_is_a_paywall():
    body = (
        "<main><article><h1>Delirium guideline</h1><p>The new guideline gives nurses a larger role.</p>"
        "<div class='wall'><p>You have no free articles left this month. Subscribe to continue reading.</p>"
        "<a href='/subscribe'>Subscribe for $4.90 a month</a></div></article></main>"
    )
    assert verdict_of_page(body) == ("gated", "paywall")


def test_a_help_page_that_quotes_a_privacy_notice_is_ok():
    help_page = (
        "<main><article><h1>Why do I see 'This video is private'?</h1>"
        + "<p>Owners can restrict their videos; here is how sharing settings work for teams.</p>" * 5
        + "</article></main>"
    )
    assert verdict_of_page(help_page) == ("ok", None)
    notice = "<main><div class='error'><h1>Video unavailable</h1><p>This video is private.</p></div></main>"
    assert verdict_of_page(notice) == ("gated", "private")


def test_a_catalogue_page_that_mentions_one_recording_on_request_is_no_gate():
    """The seed's own catalogue page lists 33 resources; one of them says readers may request permission
    to access its recorded webinar. That sentence describes another resource, not this page."""
    body = (PAGES.parent / "catalogue_pages" / "education_initiatives.html").read_bytes()
    assert judge(visit("https://example.org/initiatives", body=body)).outcome is Outcome.OK


def _hop(url: str, location: str) -> dict:
    return {"url": url, "status": 302, "location": location}


def test_a_sign_in_flow_of_any_identity_provider_is_login():
    """An unknown provider's flow: an authorization request, then a page that names no vendor."""
    start = "https://learn.example.org/course/7/lesson/2"
    authorize = "https://id.example.net/oauth2/authorize?client_id=lms&redirect_uri=https%3A%2F%2Flearn.example.org%2Fcb&response_type=code"
    chain = [_hop(start, authorize), _hop(authorize, "https://id.example.net/interaction/Zk3")]
    got = judge(visit(start, body=page("Welcome", "Choose how to continue."), chain=chain))
    assert (got.outcome, got.gate) == (Outcome.GATED, Gate.LOGIN)
    verify = "https://learn.example.org/auth/verify?redirectToPath=%2Fcourse%2F7%2Flesson%2F2"
    got = judge(visit(start, body=page("Enter the code", "We sent you a code."), chain=[_hop(start, verify)]))
    assert (got.outcome, got.gate) == (Outcome.GATED, Gate.LOGIN)


def test_a_single_sign_on_bounce_back_to_the_resource_is_ok():
    """Passing through a provider on the way to the content gates nothing: the visit came back."""
    start = "https://learn.example.org/course/7/lesson/2"
    authorize = "https://id.example.net/oauth2/authorize?client_id=lms&redirect_uri=https%3A%2F%2Flearn.example.org%2Fcb&response_type=code"
    chain = [
        _hop(start, authorize),
        _hop(authorize, "https://learn.example.org/cb?code=1"),
        _hop("https://learn.example.org/cb?code=1", start),
    ]
    assert judge(visit(start, body=page(), chain=chain)).outcome is Outcome.OK
    # a redirect that keeps a return address but is no sign-in flow (a language chooser) is no gate either
    chooser = "https://learn.example.org/choose-language?next=%2Fcourse%2F7"
    assert judge(visit(start, body=page(), chain=[_hop(start, chooser)])).outcome is not Outcome.GATED


@pytest.mark.parametrize(
    "notice, lang",
    [
        ("Leider nicht verfügbar. Dieses Video darf aus rechtlichen Gründen nur in Deutschland gezeigt werden.", "de"),
        ("Contenu indisponible. Ce programme ne peut pas être regardé depuis votre zone géographique.", "fr"),
        ("This programme is only available to viewers in the UK.", "en"),
        ("抱歉，该视频暂不支持在您所在的地区播放。", "zh"),
        ("Det här programmet kan bara ses i Sverige: endast tillgänglig i Sverige.", "sv"),
    ],
)
def test_a_broadcasters_country_block_served_as_200_is_forbidden(notice, lang):
    """A player refusing the reader's country names the home country or the reader's location, not 'your country'."""
    body = f"<main><div class='player-error'><h2>{notice}</h2></div><h1>Night shift in the ER</h1><p>Documentary, 52 min.</p></main>"
    assert verdict_of_page(body, lang) == ("gated", "forbidden")


def test_pages_that_name_a_location_or_a_country_in_passing_are_ok():
    for text, lang in [
        ("Find a sexual health clinic in your location. Our guide is only available in English.", "en"),
        ("Trouvez un centre de santé dans votre région. Ce guide est disponible en France et en Belgique.", "fr"),
        ("请查询您所在的地区的医院名单。", "zh"),
    ]:
        assert verdict_of_page(f"<main><h1>Services</h1><p>{text}</p></main>", lang) == ("ok", None), text


def test_a_room_locked_with_an_access_code_is_private_whatever_the_field_type():
    room = (
        "<main><h1>Journal club</h1><p>This room is protected with a code set by its owner.</p>"
        "<form method='post'><label for='c'>Access code</label><input id='c' name='access_code' type='text'>"
        "<button>Continue</button></form></main>"
    )
    assert verdict_of_page(room) == ("gated", "private")
    meeting = (
        "<main><h1>Sesión clínica</h1><form><input placeholder='Escribe tu nombre'>"
        "<input type='password' name='lockkey' placeholder='Contraseña de la reunión'>"
        "<button>Aceptar</button></form></main>"
    )
    assert verdict_of_page(meeting, "es") == ("gated", "private")


def test_an_author_who_restricted_a_video_or_a_post_to_neighbours_makes_it_private():
    assert verdict_of_page(
        "<main><h1>Приватное видео</h1><p>Автор ограничил доступ к этому видео.</p></main>", "ru"
    ) == (
        "gated",
        "private",
    )
    assert verdict_of_page("<main><p>서로이웃에게만 공개된 글입니다.</p></main>", "ko") == ("gated", "private")
    assert verdict_of_page("<main><p>The author has restricted access to this recording.</p></main>") == (
        "gated",
        "private",
    )


def test_a_group_that_admits_members_by_approval_is_request_access():
    board = (
        "<main><h1>학술자료실</h1><p>카페 회원만 볼 수 있는 게시판입니다.</p>"
        "<p>이 카페는 가입 신청 후 매니저가 승인해야 회원이 됩니다.</p><a href='/join'>카페 가입 신청</a></main>"
    )
    assert verdict_of_page(board, "ko") == ("gated", "request_access")
    ticket = (
        "<main><h1>Reunião clínica — gravação</h1><p>Gratuito. Inscrição sujeita à aprovação do organizador.</p>"
        "<button>Solicitar inscrição</button></main>"
    )
    assert verdict_of_page(ticket, "pt") == ("gated", "request_access")


@pytest.mark.parametrize(
    "body, lang",
    [
        # a public post under a join banner that mentions the manager's approval
        (
            "<main><div class='banner'><p>카페에 가입하면 회원 전용 게시판을 볼 수 있어요. 가입은 매니저 승인 후 완료됩니다.</p>"
            "<a href='/join'>카페 가입하기</a></div><article><h1>인슐린 펌프 교육 자료</h1>"
            + "<p>이 글은 비회원도 볼 수 있도록 전체공개로 올립니다. 기저 인슐린 용량을 확인하세요.</p>" * 5
            + "</article></main>",
            "ko",
        ),
        # a help article that quotes the request button
        (
            "<main><h1>So beantragen Sie Zugriff auf einen Ordner</h1><p>Klicken Sie in der Meldung auf „Zugriff "
            "anfordern“ und schreiben Sie, auf welcher Station Sie arbeiten.</p>"
            + "<p>Die Anfrage geht an die Stationsleitung; nach der Freigabe erhalten Sie eine E-Mail.</p>" * 3
            + "</main>",
            "de",
        ),
    ],
    ids=["join-banner-over-a-public-post", "help-article-quoting-the-button"],
)
def test_pages_that_talk_about_asking_for_access_are_ok(body, lang):
    assert verdict_of_page(body, lang) == ("ok", None)


def test_a_free_ticket_whose_link_is_sent_after_registering_is_registration():
    event = (
        "<main><h1>Gravação: Manejo da Sepse</h1><p>Acesso à gravação · Gratuito</p>"
        "<a href='/evento/1/checkout'>Inscrever-se gratuitamente</a>"
        "<p>Depois da inscrição, o link para a gravação chega no seu e-mail.</p></main>"
    )
    assert verdict_of_page(event, "pt") == ("gated", "registration")
    event_en = (
        "<main><h1>Sepsis in primary care (recording)</h1><a href='/e/1/register'>Register</a>"
        "<p>After you register, you'll receive the link by e-mail.</p></main>"
    )
    assert verdict_of_page(event_en) == ("gated", "registration")


def test_a_lead_form_whose_button_gets_the_named_item_is_registration():
    form = (
        "<main><h1>Get the Sepsis Huddle Checklist</h1><p>Answer four questions and the download link appears.</p>"
        "<form><label>Your name <input name='q1'></label><label>Email <input type='email' name='q2'></label>"
        "<label>Where do you work? <input name='q3'></label><button>Get the checklist</button></form></main>"
    )
    assert verdict_of_page(form) == ("gated", "registration")


def test_an_app_shell_whose_state_says_the_course_is_paid_is_a_paywall():
    shell = (
        "<!doctype html><html lang='ru'><head><title>Фармакология — курс</title></head><body><div id='app'></div>"
        '<script>window.STATE = {"course": {"id": 7, "is_paid": true, "price": "2490.00", "is_enrolled": false}};'
        "</script></body></html>"
    )
    got = judge(visit("https://courses.example.org/course/7/promo", body=shell))
    assert (got.outcome, got.gate) == (Outcome.GATED, Gate.PAYWALL)
    free = shell.replace('"is_paid": true, "price": "2490.00"', '"is_paid": false, "price": "0"')
    assert judge(visit("https://courses.example.org/course/7/promo", body=free)).gate is not Gate.PAYWALL


def test_a_micro_payment_unlock_box_on_a_short_story_is_a_paywall():
    story = (
        "<main><article><h1>Why clinics run out of TB drugs</h1><p>District data show gaps of six weeks.</p>"
        "<div class='unlock'><p>Unlock this story ₹10 one-time</p><button>Unlock now</button></div></article></main>"
    )
    assert verdict_of_page(story) == ("gated", "paywall")
    # an "unlock" with no price anywhere sells nothing
    assert verdict_of_page(story.replace("₹10 one-time", "with a free account")) != ("gated", "paywall")


def test_a_page_available_only_to_paid_member_levels_is_a_paywall_though_it_also_offers_sign_in():
    page_ = (
        '<main><h1>Members-Only Content</h1><p>The page you requested, "Webinar Library", is available only to '
        "Professional and Premier members. Professional membership is $165 per year.</p>"
        "<a href='/join'>Join or Upgrade Your Membership</a><p>Already a member? Please sign in to view this page.</p></main>"
    )
    assert verdict_of_page(page_) == ("gated", "paywall")


@pytest.mark.parametrize(
    "title, text, lang",
    [
        ("Aufzeichnung nicht mehr vorhanden", "Der Veranstalter hat die Aufzeichnung des Webinars gelöscht.", "de"),
        ("Webinar", "Cet enregistrement n'existe plus. L'organisateur a supprimé l'enregistrement.", "fr"),
        ("Recording", "The organiser has deleted the recording of this session.", "en"),
    ],
)
def test_a_recording_its_organiser_deleted_is_a_soft_404_not_a_page_with_a_sign_in_link(title, text, lang):
    body = _doc(
        f"<header><a href='/login'>Anmelden</a></header><main><h1>{title}</h1><p>{text}</p></main>", title, lang
    )
    got = judge(visit("https://webinars.example.org/w/1874203", body=body))
    assert got.outcome is Outcome.SOFT_404


def test_an_app_shell_that_asks_for_access_is_request_access_unless_it_also_hands_the_item_over():
    state = '{"cta": {"primary": {"label": "Request access"}, "secondary": {"label": "Make an enquiry"}}}'
    shell = (
        "<!doctype html><html lang='en'><head><title>Linked cohort | Data catalogue</title></head>"
        f"<body><div id='root'></div><script>window.__STATE__ = {state};</script></body></html>"
    )
    got = judge(visit("https://data.example.org/dataset/88", body=shell))
    assert (got.outcome, got.gate) == (Outcome.GATED, Gate.REQUEST_ACCESS)
    open_one = shell.replace("Make an enquiry", "Download the open extract")
    assert judge(visit("https://data.example.org/dataset/88", body=open_one)).outcome is Outcome.OK


def test_a_readable_document_that_offers_to_request_edit_rights_is_ok():
    """Asking for more than reading (edit rights) on a page that is read is no gate, in any language."""
    doc = (
        "<main><h1>病棟看護手順書</h1>"
        + "<p>手指衛生は患者に触れる前後に必ず行います。</p>" * 8
        + "<button>編集権限をリクエスト</button></main>"
    )
    assert verdict_of_page(doc, "ja") == ("ok", None)
    assert verdict_of_page(doc.replace("編集権限をリクエスト", "申请编辑权限"), "zh") == ("ok", None)


def _shell(state: str, lang: str = "en") -> str:
    return (
        f"<!doctype html><html lang='{lang}'><head><title>Portal</title></head><body><div id='__next'></div>"
        f"<script id='__NEXT_DATA__' type='application/json'>{state}</script></body></html>"
    )


def test_an_app_whose_current_route_is_its_sign_in_is_login_but_a_route_table_is_not():
    got = judge(visit("https://portal.example.org/library/7", body=_shell('{"page": "/auth/login", "query": {}}')))
    assert (got.outcome, got.gate) == (Outcome.GATED, Gate.LOGIN)
    routes = _shell('{"page": "/library/[id]", "routes": [{"path": "/login"}, {"path": "/library"}]}')
    assert judge(visit("https://portal.example.org/library/7", body=routes)).outcome is Outcome.OK


def test_a_player_state_that_refuses_the_country_is_forbidden_but_a_dictionary_of_messages_is_not():
    state = '{"video": {"id": 3}, "error": {"code": "GEO_BLOCKED"}}'
    got = judge(visit("https://tv.example.org/v/3", body=_shell(state, "pl")))
    assert (got.outcome, got.gate) == (Outcome.GATED, Gate.FORBIDDEN)
    messages = '{"video": {"id": 3, "playable": true}, "messages": {"geo_blocked": "Not in your country"}}'
    assert judge(visit("https://tv.example.org/v/3", body=_shell(messages, "pl"))).gate is not Gate.FORBIDDEN


def test_a_short_refusal_that_prints_the_visitors_address_is_a_firewalls_unless_it_refuses_the_country():
    def verdict(text: str) -> Outcome:
        body = _doc(f"<h1>Forbidden</h1><p>{text}</p>")
        return judge(visit("https://clinic.example.org/video", status=403, body=body)).outcome

    assert verdict("Request refused. Client 203.0.113.9, reference 88123.") is Outcome.BLOCKED
    assert verdict("Refus. Adresse 2001:db8:85a3:0:0:8a2e:370:7334") is Outcome.BLOCKED
    assert verdict("You don't have permission to access this resource. Apache/2.4.58 Server") is not Outcome.BLOCKED
    geo = judge(
        visit(
            "https://tv.example.org/v/1",
            status=403,
            body=_doc("<p>This video is not available in your country. Your IP: 203.0.113.9</p>"),
        )
    )
    assert (geo.outcome, geo.gate) == (Outcome.GATED, Gate.FORBIDDEN)


def test_a_passkey_or_code_step_is_login_but_a_hidden_passkey_modal_is_not():
    code = (
        "<main><h1>Check your inbox</h1><form><input name='c' autocomplete='one-time-code' inputmode='numeric'>"
        "<button>Continue</button></form></main>"
    )
    assert verdict_of_page(code) == ("gated", "login")
    public = (
        "<main><h1>Night shift in the ER</h1><p>A 20-minute talk for nurses on triage at night.</p></main>"
        "<div class='modal' hidden><form><input name='u' autocomplete='username webauthn'>"
        "<button>Sign in with a passkey</button></form></div>"
    )
    assert verdict_of_page(public) == ("ok", None)


def test_a_single_sign_on_bounce_that_lands_on_another_page_of_the_client_is_ok():
    """Signed in silently and sent on to the content's canonical address (or the host the client named): served."""
    start = "https://learn.example.org/course/7"
    authorize = (
        "https://id.example.net/oauth2/authorize?client_id=lms&response_type=code"
        "&redirect_uri=https%3A%2F%2Fmedia.example.org%2Fcb"
    )
    for end in ("https://learn.example.org/en/course/7-sepsis", "https://media.example.org/watch/7"):
        chain = [_hop(start, authorize), _hop(authorize, end)]
        assert judge(visit(start, body=page(), chain=chain)).outcome is not Outcome.GATED, end


def test_an_article_saying_where_a_programme_can_be_watched_is_ok():
    article = (
        "<main><article><h1>A documentary on night shifts</h1>"
        + "<p>The series follows emergency nurses through twelve night shifts in three hospitals. </p>" * 12
        + "<p>The documentary is only available to viewers in the UK on the broadcaster's player.</p></article></main>"
    )
    assert verdict_of_page(article) == ("ok", None)


def test_a_programme_page_whose_applications_are_reviewed_is_ok():
    page_ = (
        "<main><h1>Fellowship in forensic nursing</h1><p>A one-year programme for nurses who care for survivors.</p>"
        "<p>All applications are subject to review by the selection committee.</p><a href='/apply'>Apply now</a></main>"
    )
    assert verdict_of_page(page_) == ("ok", None)


@pytest.mark.parametrize(
    "notice, lang",
    [
        ("此分享已加密，请输入提取码查看文件。", "zh"),
        ("Enter the share code to see these files.", "en"),
        ("공유 코드를 입력하면 파일을 볼 수 있습니다.", "ko"),
        ("Insira o código de acesso para ver a gravação.", "pt"),
    ],
)
def test_a_share_that_asks_for_its_code_is_private(notice, lang):
    assert verdict_of_page(f"<main><h1>Share</h1><p>{notice}</p></main>", lang) == ("gated", "private")


def test_a_link_sent_on_to_a_national_sign_in_service_is_login():
    start = "https://training.health.example.gov/course/4"
    chain = [_hop(start, "https://secure.login.gov/?request_id=5f2")]
    got = judge(visit(start, body=page("Welcome", "Continue with your email address."), chain=chain))
    assert (got.outcome, got.gate) == (Outcome.GATED, Gate.LOGIN)


def test_an_app_whose_current_route_is_its_private_or_password_page_is_private():
    got = judge(
        visit("https://video.example.org/v/9", body=_shell('{"page": "/video/[id]/password", "query": {"id": "9"}}'))
    )
    assert (got.outcome, got.gate) == (Outcome.GATED, Gate.PRIVATE)


def test_a_flow_that_ends_on_a_sign_up_or_an_access_request_is_not_called_a_sign_in():
    start = "https://learn.example.org/course/7"
    for end, gate in (
        ("https://learn.example.org/auth/register?next=%2Fcourse%2F7", Gate.REGISTRATION),
        ("https://learn.example.org/auth/request-access?next=%2Fcourse%2F7", Gate.REQUEST_ACCESS),
    ):
        got = judge(visit(start, body=page("Welcome", "Tell us who you are."), chain=[_hop(start, end)]))
        assert got.gate is gate, end


def test_a_page_explaining_how_to_join_an_association_is_ok():
    page_ = (
        "<main><h1>Join the Forensic Nurses Association</h1>"
        + "<p>Members receive the journal, discounted courses and a voice in our committees. </p>" * 16
        + "<p>Membership is subject to approval.</p><a href='/apply'>Request information</a></main>"
    )
    assert verdict_of_page(page_) == ("ok", None)


# -- the fifth round (tuner B): walls, dead pages, country blocks, paywalls on new platforms ---------------


def _verdict(v: Visit) -> tuple[str, str | None]:
    got = judge(v)
    return got.outcome.value, got.gate.value if got.gate else None


@pytest.mark.parametrize("status", [200, 503, 521])
def test_a_script_that_sets_a_cookie_and_reloads_the_page_is_a_wall(status):
    body = "<html><body><script>document.cookie='gate=ab12; path=/';location.reload()</script></body></html>"
    assert _verdict(visit("https://cpd.example.cn/kc/1", status=status, body=body)) == ("blocked", None)


def test_an_empty_app_that_sets_a_cookie_and_goes_to_its_language_root_is_no_wall():
    body = "<html><body><script>document.cookie='lang=pt; path=/';location.href='/pt/'</script></body></html>"
    assert _verdict(visit("https://cpd.example.com/", body=body))[0] != "blocked"


@pytest.mark.parametrize(
    "title, lang",
    [
        ("Verifying your browser", "en"),
        ("Проверка браузера", "ru"),
        ("安全检测中…", "zh"),
        ("Vérification du navigateur", "fr"),
    ],
)
def test_an_interstitial_titled_as_a_browser_check_is_a_wall(title, lang):
    body = _doc("<p>One moment, please.</p><p>ID 5c2e</p>", title=title, lang=lang)
    assert _verdict(visit(body=body)) == ("blocked", None)


def test_an_article_about_browser_checks_and_a_sign_in_asking_for_a_code_are_no_walls():
    article = _doc(
        "<main>" + "<p>Why do some sites check your browser before they open? </p>" * 30 + "</main>",
        title="Verifying your browser: what these pages do",
    )
    assert _verdict(visit(body=article)) == ("ok", None)
    sign_in = _doc(
        "<form action='/login' method='post'><input name='phone' placeholder='手机号'>"
        "<input name='code' placeholder='验证码'><button>登录</button></form>"
        "<noscript>请使用验证码登录，或开启 JavaScript。</noscript>",
        title="登录",
        lang="zh",
    )
    assert _verdict(visit(body=sign_in))[0] != "blocked"


@pytest.mark.parametrize(
    "text, lang",
    [
        ("您提交的请求已被站点防护规则拦截。拦截编号：AB-77120", "zh"),
        ("お客様のアクセスはWebアプリケーションファイアウォールによって遮断されました。", "ja"),
        ("This site is blocked. Blocked by your network's security policy. Ask IT to review it.", "en"),
    ],
)
def test_a_firewall_or_network_filter_page_served_as_200_is_a_wall(text, lang):
    assert _verdict(visit(body=_doc(f"<p>{text}</p>", title="Blocked", lang=lang))) == ("blocked", None)


def test_a_refusal_with_an_incident_id_in_spanish_is_a_wall():
    body = _doc("<h1>Solicitud rechazada</h1><p>Envíe al soporte el identificador.</p><p>ID de incidencia: 8f1c-22</p>")
    assert _verdict(visit(status=403, body=body)) == ("blocked", None)


def test_a_short_japanese_country_refusal_served_as_403_is_forbidden_not_a_script_wall():
    body = _doc(
        "<h1>お住まいの地域ではご利用いただけません</h1><p>この番組は権利上の理由により海外からは視聴できません。</p>"
        "<script>window.__APP__={}</script>",
        lang="ja",
    )
    assert _verdict(visit(status=403, body=body)) == ("gated", "forbidden")


@pytest.mark.parametrize(
    "text, lang",
    [
        ("Това видео вече не съществува. Към началната страница", "bg"),
        ("Nội dung không còn tồn tại. Về trang chủ", "vi"),
        ("Halaman tidak ditemukan. Kembali ke beranda", "id"),
        ("Bu sayfa kaldırıldı. Ana sayfaya dön", "tr"),
    ],
)
def test_a_short_page_saying_its_content_is_gone_is_a_soft_404_in_more_languages(text, lang):
    assert _verdict(visit(body=_doc(f"<main><p>{text}</p></main>", lang=lang))) == ("soft_404", None)


def test_a_news_story_about_a_video_removed_elsewhere_is_served():
    body = _doc(
        "<main><h1>Видео удалено с платформы по требованию правообладателя</h1>"
        + "<p>Врачи обсуждают, как объяснять пациентам новые правила. </p>" * 20
        + "</main>",
        lang="ru",
    )
    assert _verdict(visit(body=body)) == ("ok", None)


@pytest.mark.parametrize(
    "text, lang",
    [
        ("Lo sentimos. Este vídeo no se puede reproducir desde el país en el que te encuentras.", "es"),
        ("Maaf, video ini tidak bisa diputar di lokasimu.", "id"),
        ("Los derechos de emisión solo cubren España.", "es"),
    ],
)
def test_a_player_refusing_where_the_reader_is_is_forbidden(text, lang):
    body = f"<main><div class='player-error'><p>{text}</p></div><h1>Cuidados del pie</h1><p>47 min</p></main>"
    assert verdict_of_page(body, lang=lang) == ("gated", "forbidden")


def test_a_help_article_quoting_a_country_notice_is_served():
    body = (
        "<main><h1>Troubleshooting playback</h1>"
        + "<p>Most modules open in the player without trouble once the browser is up to date. </p>" * 6
        + '<h2>"This content is not available in your country"</h2><p>Some partner videos are licensed per country;'
        " choose another module from the catalogue.</p></main>"
    )
    assert verdict_of_page(body) == ("ok", None)


def test_an_isp_stub_citing_a_court_order_is_forbidden_and_a_news_item_about_blocking_is_served():
    stub = "<h1>Access to this website has been blocked</h1><p>The address is restricted by court order under the Telecoms Act.</p>"
    assert verdict_of_page(stub) == ("gated", "forbidden")
    news = (
        "<main><h1>Regulator lists new sites</h1>"
        + "<p>Health workers asked what the decision means for online training. </p>" * 30
        + "<p>One provider said access to this website has been restricted in two regions.</p></main>"
    )
    assert verdict_of_page(news) == ("ok", None)


def test_a_401_json_error_without_a_challenge_is_forbidden_and_with_one_is_auth():
    body = b'{"code": "unauthorized", "message": "bucket is private"}'
    json_ct = {"content-type": "application/json"}
    assert judge(visit(status=401, body=body, headers=json_ct)).gate is Gate.FORBIDDEN
    challenged = {**json_ct, "www-authenticate": 'Bearer realm="api"'}
    assert judge(visit(status=401, body=body, headers=challenged)).gate is Gate.AUTH


def test_the_rest_of_an_article_for_paying_subscribers_is_a_paywall_though_it_offers_a_sign_in():
    body = (
        "<main><h1>Deprescribing in care homes</h1><p>The average resident takes nine medicines…</p>"
        "<p>The rest of this article, with its checklist, is available to paying subscribers.</p>"
        "<p>Digital: $6 per month</p><a href='/subscribe'>Choose a plan</a>"
        "<form action='/login' method='post'><input name='user'><input type='password' name='pw'>"
        "<button>Log in</button></form></main>"
    )
    assert verdict_of_page(body) == ("gated", "paywall")


def test_no_subscription_required_beside_a_print_edition_price_is_served():
    body = (
        "<main><h1>Free guide: screening for exploitation</h1>"
        + "<p>Read the whole guide online below; no subscription required. </p>"
        + "<p>Clinicians can use the questions in any consultation. </p>" * 12
        + "<p>A printed copy costs $12.</p><a href='/shop/print-guide'>Order the print edition</a></main>"
    )
    assert verdict_of_page(body) == ("ok", None)


def test_a_shell_saying_the_lecture_plays_after_buying_a_pass_is_a_paywall():
    body = "<div id='app'></div><noscript>이용권 구매 후 시청할 수 있는 콘텐츠입니다.</noscript>"
    assert verdict_of_page(body, lang="ko") == ("gated", "paywall")


def test_a_metered_article_counting_free_notes_is_served_though_its_json_ld_says_not_free():
    ld = '<script type="application/ld+json">{"@type": "NewsArticle", "isAccessibleForFree": false}</script>'
    body = (
        ld
        + "<main><h1>Vacunación antigripal</h1>"
        + "<p>El ministerio presentó el calendario de la campaña para el personal de salud. </p>" * 15
        + "</main><div class='meter'>Te quedan 2 notas gratuitas este mes. Suscribite desde $ 990.</div>"
    )
    assert verdict_of_page(body, lang="es") == ("ok", None)


def test_an_open_access_article_offering_its_pdf_is_served_beside_a_print_issue_for_sale():
    body = (
        "<main><p>Accès libre</p><h1>L'éducation thérapeutique à domicile</h1><a href='/article/611/pdf'>Télécharger le PDF</a>"
        "<a href='/numero/2026-5/acheter'>Acheter le numéro papier – 20 €</a>"
        + "<p>Cette étude explore les pratiques des infirmiers libéraux auprès des patients. </p>" * 10
        + "</main>"
    )
    assert verdict_of_page(body, lang="fr") == ("ok", None)


PLANS = (
    "<main><h1>Choose a plan to watch this course</h1><p>Monthly: $19 a month</p>"
    "<a href='/checkout?plan=monthly'>Subscribe</a></main>"
)


def test_a_course_sent_on_to_the_premium_page_is_a_paywall_and_a_moved_plans_page_is_not_gated_by_its_path():
    chain = [
        {
            "url": "https://learn.example.org/course/7/lesson/1",
            "status": 302,
            "location": "https://learn.example.org/premium/?course=7",
        }
    ]
    got = judge(visit("https://learn.example.org/course/7/lesson/1", body=_doc(PLANS), chain=chain))
    assert (got.gate, got.detail.split(":")[0]) == (Gate.PAYWALL, "paywall-path")
    moved = [
        {"url": "https://learn.example.org/pricing", "status": 301, "location": "https://learn.example.org/plans/"}
    ]
    got = judge(visit("https://learn.example.org/pricing", body=_doc(PLANS), chain=moved))
    assert not got.detail.startswith("paywall-path")


@pytest.mark.parametrize(
    "price, action, lang",
    [("KSh 2,500", "Nunua kozi", "sw"), ("S/ 59", "Comprar el curso", "es"), ("₦15,000", "Buy this course", "en")],
)
def test_a_course_priced_in_a_currency_of_africa_or_latin_america_beside_its_buy_button_is_a_paywall(
    price, action, lang
):
    body = f"<main><h1>Huduma ya kwanza / First aid</h1><p>{price}</p><a href='/enrol/7'>{action}</a></main>"
    assert verdict_of_page(body, lang=lang) == ("gated", "paywall")


@pytest.mark.parametrize(
    "notice, lang",
    [
        ("Dit artikel is alleen beschikbaar voor abonnees.", "nl"),
        ("Bài viết chỉ dành cho thành viên trả phí.", "vi"),
        ("هذا المحتوى للمشتركين فقط.", "ar"),
    ],
)
def test_a_short_article_for_subscribers_only_beside_its_plans_is_a_paywall(notice, lang):
    body = f"<main><h1>Zorg thuis</h1><p>Een korte inleiding…</p><p>{notice}</p><p>€ 4,99 / $4.99</p></main>"
    assert verdict_of_page(body, lang=lang) == ("gated", "paywall")


def test_a_shop_banner_for_customers_is_no_paywall():
    body = (
        "<main><h1>Panduan pertolongan pertama</h1>"
        + "<p>Langkah-langkah dasar untuk membantu korban sebelum petugas datang. </p>" * 12
        + "</main><aside>Promo khusus pelanggan: kotak P3K Rp 150.000</aside>"
    )
    assert verdict_of_page(body, lang="id") == ("ok", None)


@pytest.mark.parametrize(
    "text, lang",
    [
        ("Ваш запрос заблокирован системой защиты сайта. Код: 4411", "ru"),
        ("Permintaan Anda telah diblokir oleh sistem keamanan situs.", "id"),
        ("Yêu cầu của bạn đã bị chặn.", "vi"),
    ],
)
def test_a_short_refusal_saying_the_request_was_blocked_is_a_wall_in_more_languages(text, lang):
    assert _verdict(visit(body=_doc(f"<p>{text}</p>", title="403", lang=lang))) == ("blocked", None)


def test_a_short_page_saying_the_uploader_deleted_the_video_is_a_soft_404():
    body = _doc("<main><p>Видео удалено автором.</p><a href='/'>На главную</a></main>", lang="ru")
    assert _verdict(visit(body=body)) == ("soft_404", None)


def test_a_russian_stub_saying_access_was_blocked_by_court_order_is_forbidden_not_a_wall():
    body = _doc("<h1>Доступ заблокирован</h1><p>Доступ к сайту ограничен по решению суда.</p>", lang="ru")
    assert _verdict(visit(body=body)) == ("gated", "forbidden")


def test_a_player_state_whose_reason_asks_for_a_voucher_is_a_paywall_and_one_asking_for_a_passcode_is_not():
    shell = '<div id=\'app\'></div><script>window.__S__={{"play":{{"code":"{}"}}}}</script>'
    assert verdict_of_page(shell.format("NEED_VOUCHER"), lang="ko") == ("gated", "paywall")
    assert verdict_of_page(shell.format("need_passcode"), lang="zh")[1] != "paywall"


@pytest.mark.parametrize(
    "box, lang",
    [
        ("<a href='/buy/7'>购买全文</a>", "zh"),
        ("<a href='/buy/7'>Makaleyi satın al</a>", "tr"),
        ("<button>논문 구매</button>", "ko"),
    ],
)
def test_a_publishers_purchase_box_in_more_languages_is_a_paywall(box, lang):
    body = "<main><h1>Article</h1><p>Abstract: home care after stroke.</p>" + box + "</main>"
    assert verdict_of_page(body, lang=lang) == ("gated", "paywall")


def test_an_open_access_article_with_a_purchase_box_for_print_stays_served():
    body = (
        "<main><p>Open access</p><h1>Home care after stroke</h1><a href='/a/7.pdf'>Download PDF</a>"
        "<p>Licensed under Creative Commons CC BY 4.0.</p><a href='/buy/7'>购买全文</a>"
        + "<p>The study followed nurses visiting patients at home. </p>" * 10
        + "</main>"
    )
    assert verdict_of_page(body) == ("ok", None)


@pytest.mark.parametrize(
    "text, status",
    [
        ("Access Denied. Access control configuration prevents your request from being allowed at this time.", 403),
        (
            "Web page blocked. Access to the page you tried to visit has been blocked in accordance with company policy."
            " Category: Uncategorized",
            200,
        ),
        ("Die Seite wurde gemäß der Unternehmensrichtlinie gesperrt.", 403),
    ],
)
def test_a_proxy_or_web_filter_refusal_on_the_readers_side_is_a_wall(text, status):
    assert _verdict(visit(status=status, body=_doc(f"<h1>Blocked</h1><p>{text}</p>"))) == ("blocked", None)


@pytest.mark.parametrize(
    "title, lang",
    [
        ("Página no encontrada", "es"),
        ("Page introuvable", "fr"),
        ("Seite nicht gefunden", "de"),
        ("Pagina non trovata", "it"),
        ("Página não encontrada", "pt"),
        ("Sidan hittades inte", "sv"),
    ],
)
def test_a_page_titled_page_not_found_in_a_european_language_is_a_soft_404(title, lang):
    body = _doc(
        f"<main><h1>{title}</h1>"
        + "<p>Browse our latest courses and webinars for nurses instead. </p>" * 8
        + "</main>",
        title=title,
        lang=lang,
    )
    assert _verdict(visit(body=body)) == ("soft_404", None)


@pytest.mark.parametrize(
    "notice, lang",
    [
        ("We're sorry, this video isn't available in your country.", "en"),
        ("L'émission n'est pas disponible dans votre pays.", "fr"),
    ],
)
def test_a_country_refusal_after_an_apostrophe_is_not_taken_for_a_quoted_one(notice, lang):
    body = f"<main><div class='player'><p>{notice}</p></div><h1>Soins palliatifs</h1></main>"
    assert verdict_of_page(body, lang=lang) == ("gated", "forbidden")


def test_a_helpline_answered_by_a_person_and_a_school_page_about_its_web_filter_are_served():
    helpline = "<main><h1>Call us</h1><p>Our helpline is answered by a person, not a machine, day and night.</p></main>"
    assert verdict_of_page(helpline) == ("ok", None)
    filter_page = "<main><h1>Internet at school</h1><p>Our web filter blocks harmful sites for pupils.</p></main>"
    assert verdict_of_page(filter_page) == ("ok", None)


def test_a_link_sent_on_to_a_clinical_trial_page_is_not_a_paywall():
    chain = [
        {
            "url": "https://hospital.example.org/study/7",
            "status": 302,
            "location": "https://hospital.example.org/research/trial/",
        }
    ]
    body = _doc("<main><h1>The HOME-CARE trial</h1><p>Participants are paid $50 for each visit.</p></main>")
    got = judge(visit("https://hospital.example.org/study/7", body=body, chain=chain))
    assert got.gate is not Gate.PAYWALL


CJK_ARTICLE = (
    "<main><h1>{h1}</h1><p>{p}</p>"
    + "<p>社区护士每周上门随访，记录血压、用药和饮食情况，并对家属进行照护培训。</p>" * 6
    + "</main>"
)


@pytest.mark.parametrize(
    "title, h1, p",
    [
        ("安全检测中心 | 市疾控中心", "食品安全检测", "本中心承担全市的食品安全检测工作。"),
        ("新闻", "海关通报", "一批可疑包裹被海关拦截，相关人员已被调查。"),
        ("健康专栏", "居家护理要点", "欢迎订阅查看更多护理文章。"),
        ("健康专栏", "居家护理要点", "专家认为，这些培训内容不存在明显问题。"),
    ],
)
def test_chinese_articles_that_share_words_with_walls_dead_pages_and_paywalls_are_served(title, h1, p):
    body = _doc(CJK_ARTICLE.format(h1=h1, p=p), title=title, lang="zh")
    assert _verdict(visit(body=body)) == ("ok", None)


def test_a_chinese_help_page_asking_to_confirm_the_browser_version_is_served():
    body = _doc(
        CJK_ARTICLE.format(h1="常见问题", p="播放失败时，请确认您的浏览器版本并开启JavaScript。"),
        title="帮助中心",
        lang="zh",
    )
    assert _verdict(visit(body=body)) == ("ok", None)


def test_a_japanese_help_page_quoting_page_not_found_is_served():
    text = "<main><h1>よくある質問</h1><p>「ページが見つかりません」と表示される場合は、URLをご確認ください。</p>"
    body = _doc(text + "<p>講座の動画は会員登録なしで視聴できます。</p>" * 6 + "</main>", title="ヘルプ", lang="ja")
    assert _verdict(visit(body=body)) == ("ok", None)


@pytest.mark.parametrize(
    "text, lang",
    [
        ("Доступ ограничен для незарегистрированных пользователей. Курс по федеральному закону о защите данных.", "ru"),
        ("Curso con el acceso restringido a socios. Temario: la ley de trata de personas.", "es"),
    ],
)
def test_a_course_page_with_restricted_access_that_mentions_a_law_is_no_legal_block(text, lang):
    assert verdict_of_page(f"<main><h1>Curso</h1><p>{text}</p></main>", lang=lang)[1] != "forbidden"


def test_a_form_asking_for_a_phone_number_that_plays_the_replay_is_registration():
    """Platforms that identify readers by a mobile number ask no e-mail; the form still gates the replay."""
    page_ = (
        "<main><h1>回放：儿童哮喘管理</h1><p>主讲：呼吸科主任医师</p>"
        "<form method='post' action='/signup'><input name='name' placeholder='请输入姓名'>"
        "<input type='tel' name='phone' placeholder='请输入手机号'><button type='submit'>提交并观看</button></form></main>"
    )
    assert verdict_of_page(page_, "zh") == ("gated", "registration")


@pytest.mark.parametrize(
    "promise, lang",
    [
        ("Grab a free ticket and the replay unlocks instantly.", "en"),
        ("Tragen Sie sich ein – Video 1 startet sofort auf der nächsten Seite.", "de"),
        ("Preencha a inscrição e o acervo é liberado na hora.", "pt"),
        ("Vul het formulier in, dan opent de downloadpagina meteen.", "nl"),
    ],
)
def test_a_promise_that_the_content_opens_once_a_sidebar_form_is_sent_is_registration(promise, lang):
    page_ = (
        f"<main><h1>Night-shift burnout</h1><p>A 40-minute talk.</p><p>{promise}</p></main>"
        "<aside><form method='post' action='/tickets'><input name='first_name'><input type='email' name='email'>"
        "<button type='submit'>Claim free ticket</button></form></aside>"
    )
    assert verdict_of_page(page_, lang) == ("gated", "registration")


def test_an_article_saying_a_treatment_works_immediately_beside_a_newsletter_box_is_ok():
    page_ = (
        ARTICLE + "<p>Once started, the antidote is released immediately into the bloodstream.</p></article></main>"
        "<aside><form class='newsletter' action='/subscribe'><input type='email' name='email'>"
        "<button>Sign up</button></form></aside>"
    )
    assert verdict_of_page(page_) == ("ok", None)


@pytest.mark.parametrize(
    "notice, button, lang",
    [
        (
            "Это закрытое сообщество. Чтобы вступить, отправьте заявку — администраторы рассмотрят её.",
            "Подать заявку",
            "ru",
        ),
        ("Los administradores revisan cada solicitud antes de enviar la invitación.", "Enviar solicitud", "es"),
        ("Applications are reviewed by the data access committee.", "Apply for access", "en"),
        ("Les inscriptions sont soumises à la validation d'un gestionnaire.", "Demander l'inscription", "fr"),
        ("Los administradores deben aprobar tu solicitud para unirte a este canal.", "Enviar solicitud", "es"),
        ("Moderatorzy sprawdzą zgłoszenie i zaakceptują albo odrzucą je.", "Złóż wniosek", "pl"),
        ("Ihre Anfrage wird von der Kursadministration geprüft und freigegeben.", "Anfrage senden", "de"),
        ("系统将把申请转交作者，由作者决定是否提供全文副本。", "提交申请", "zh"),
        ("申请提交后，将由数据集所有者进行人工审核。", "提交申请", "zh"),
        ("The group managers approve or reject each request.", "Send request", "en"),
        ("Your request to join goes to the group's owners; an admin will review it.", "Send request", "en"),
        ("Para ver este documento pide permiso al propietario.", "Pedir permiso", "es"),
        ("Вступить можно только после одобрения администратора.", "Подать заявку", "ru"),
        ("Katılım isteğiniz yönetici tarafından onaylanmalıdır.", "Katılma isteği gönder", "tr"),
        ("This is a closed group. Send a request to join.", "Send request", "en"),
        ("Ce groupe est fermé.", "Envoyer une demande", "fr"),
        ("Geschlossene Gruppe: nur Mitglieder sehen die Beiträge.", "Anfrage senden", "de"),
    ],
)
def test_a_short_page_whose_requests_a_person_reviews_and_that_offers_to_ask_is_request_access(notice, button, lang):
    page_ = f"<main><h1>Case reviews</h1><p>{notice}</p><button type='button'>{button}</button></main>"
    assert verdict_of_page(page_, lang) == ("gated", "request_access")


def test_a_data_portal_shell_whose_state_approves_access_by_hand_is_request_access():
    shell = (
        "<!doctype html><html lang='en'><head><title>Linked records – Portal</title></head><body><div id='root'></div>"
        '<script>window.__STATE__ = {"dataset": {"access": {"approval": "manual"}}};</script>'
        "<noscript>This dataset is restricted; apply for access from its overview.</noscript></body></html>"
    )
    got = judge(visit("https://data.example.org/datasets/7", body=shell))
    assert (got.outcome, got.gate) == (Outcome.GATED, Gate.REQUEST_ACCESS)


def test_a_help_article_explaining_that_a_manager_approves_join_requests_is_ok():
    page_ = (
        ARTICLE + "<p>If your organisation pays, your manager has to approve your request to join the account.</p>"
        "<a href='/join'>Request to join</a></article></main>"
    )
    assert verdict_of_page(page_) == ("ok", None)


def test_a_contact_page_that_reviews_every_request_is_ok():
    page_ = (
        "<main><h1>Contact the training team</h1><p>We review every request within two working days.</p>"
        "<form class='contact-form' method='post' action='/contact'><input name='name'><input type='email' name='email'>"
        "<button type='submit'>Send request</button></form></main>"
    )
    assert verdict_of_page(page_) == ("ok", None)


def test_a_readable_document_whose_button_asks_for_edit_rights_that_the_owner_approves_is_ok():
    page_ = (
        "<main><h1>护理交接班记录模板</h1><p>您可以查看此文档。申请编辑权限后，需所有者审核批准。</p>"
        "<button type='button'>申请编辑权限</button></main>"
    )
    assert verdict_of_page(page_, "zh") == ("ok", None)


def test_a_file_share_that_asks_for_the_password_its_sharer_set_is_private():
    page_ = "<main><h1>课件合集.zip</h1><p>文件设有访问密码，请输入分享者提供的密码</p><input name='pwd'></main>"
    assert verdict_of_page(page_, "zh") == ("gated", "private")


def test_a_video_its_owner_made_private_is_private_in_persian():
    page_ = "<main><h1>آپارات</h1><p>این ویدیو خصوصی است</p><a href='/'>بازگشت</a></main>"
    assert verdict_of_page(page_, "fa") == ("gated", "private")


@pytest.mark.parametrize(
    "notice, lang",
    [
        ("This video can only be played on sites approved by the publisher.", "en"),
        ("この動画は、配信元が許可したWebサイト上でのみ再生できます。", "ja"),
    ],
)
def test_an_embed_refused_outside_the_sites_its_owner_approved_is_private_even_as_403(notice, lang):
    got = judge(
        visit(
            "https://player.example.jp/v1/players/7", status=403, body=_doc(f"<main><p>{notice}</p></main>", lang=lang)
        )
    )
    assert (got.outcome, got.gate) == (Outcome.GATED, Gate.PRIVATE)


def test_a_guide_to_restricting_embeds_to_approved_sites_is_ok():
    page_ = (
        ARTICLE
        + "<p>Open the video's settings, choose Embed, and add each domain that may show it. </p>" * 10
        + "<p>Once you set the list, the video can only be played on sites approved by the publisher, "
        "so check the list before a webinar goes live.</p></article></main>"
    )
    assert verdict_of_page(page_) == ("ok", None)


def test_a_visit_sent_to_a_federations_discovery_service_is_login():
    """Which institution signs you in: the SAML discovery protocol's entityID and return, on any host."""
    start = "https://elearning.example.jp/course/view.php?id=58"
    sp = "https://elearning.example.jp/Shibboleth.sso/Login?target=https%3A%2F%2Felearning.example.jp%2Fcourse"
    ds = "https://ds.federation.example.net/WAYF?entityID=https%3A%2F%2Felearning.example.jp%2Fsp&return=" + sp
    got = judge(
        visit(
            start,
            body=page("Select your institution", "Choose where you study."),
            chain=[_hop(start, sp), _hop(sp, ds)],
        )
    )
    assert (got.outcome, got.gate) == (Outcome.GATED, Gate.LOGIN)


@pytest.mark.parametrize(
    "notice, lang",
    [
        ("Quer participar da conversa? Faça login para enviar uma pergunta ou comentário.", "pt"),
        ("Inicie sessão para guardar este episódio nos favoritos e continuar a ver noutro dispositivo.", "pt"),
        ("سجّل الدخول لحفظ الدروس وحل الاختبارات، أما المشاهدة فمتاحة للجميع.", "ar"),
        ("Aby odpowiedzieć, musisz się zalogować lub zarejestrować.", "pl"),
    ],
)
def test_a_served_lesson_that_asks_readers_to_sign_in_to_ask_save_or_reply_is_ok(notice, lang):
    page_ = ARTICLE + f"<p>{notice}</p></article></main>"
    assert verdict_of_page(page_, lang) == ("ok", None)


@pytest.mark.parametrize(
    "column", ["col-md-3", "col-lg-4", "sidebar-left", "md:w-1/3", "column is-one-third", "medium-3 columns"]
)
def test_a_served_course_with_a_sign_in_box_in_a_side_column_is_ok(column):
    page_ = (
        f"<div class='row'><div class='{column}'><div class='panel' id='login_block'>"
        "<form action='/index.php' method='post'><input name='login' placeholder='Usuario'>"
        "<input type='password' name='password'><button type='submit'>Entrar</button></form></div></div>"
        "<div class='col-md-9'><h1>Soporte Vital Básico</h1>"
        + "<p>Lección de reanimación con vídeo demostrativo y guía del desfibrilador. </p>" * 10
        + "</div></div>"
    )
    assert verdict_of_page(page_, "es") == ("ok", None)


def test_a_centred_sign_in_column_is_still_login():
    page_ = (
        "<div class='row'><div class='col-md-3 col-md-offset-4'><h1>Sign in</h1>"
        "<form action='/login' method='post'><input name='username'><input type='password' name='password'>"
        "<button type='submit'>Sign in</button></form></div></div>"
        "<div class='col-md-12'>"
        + "<p>Welcome to the learning portal of the regional health service. </p>" * 8
        + "</div>"
    )
    assert verdict_of_page(page_) == ("gated", "login")


def test_a_short_programme_page_whose_applications_are_reviewed_offering_to_apply_or_ask_is_ok():
    """Admission to a programme, and an enquiry about it, ask for no access to anything catalogued."""
    for control in ("Apply to the programme", "Request information"):
        page_ = (
            "<main><h1>Fellowship in forensic nursing</h1><p>A one-year programme for nurses.</p>"
            f"<p>Applications are reviewed by the selection committee.</p><a href='/apply'>{control}</a></main>"
        )
        assert verdict_of_page(page_) == ("ok", None), control


def test_a_callback_form_asking_for_a_name_and_a_phone_number_is_ok():
    page_ = (
        "<main><h1>Training for your clinic</h1><p>Tell us when to call.</p>"
        "<form method='post' action='/leads'><input name='name' placeholder='Name'>"
        "<input type='tel' name='phone' placeholder='Phone'><button type='submit'>Request a callback</button></form></main>"
    )
    assert verdict_of_page(page_) == ("ok", None)


@pytest.mark.parametrize("state", ['"viewMode": "signup"', '"authSource": "enrollForm"'])
def test_a_live_platforms_shell_whose_replay_waits_for_its_sign_up_form_is_registration(state):
    shell = (
        "<!doctype html><html lang='zh'><head><title>回放</title></head><body><div id='app'></div>"
        f'<script>window.__CONF__ = {{"status": "playback", {state}}};</script></body></html>'
    )
    got = judge(visit("https://live.example.cn/v/7", body=shell))
    assert (got.outcome, got.gate) == (Outcome.GATED, Gate.REGISTRATION)


@pytest.mark.parametrize(
    "notice, lang",
    [
        ("ეს ვიდეო პირადია.", "ka"),
        ("Այս տեսանյութը անձնական է։", "hy"),
        ("Бұл бейне жеке.", "kk"),
        ("Bu video shaxsiy.", "uz"),
        ("यो भिडियो निजी छ।", "ne"),
        ("இந்த வீடியோ தனிப்பட்டது.", "ta"),
        ("මෙම වීඩියෝව පුද්ගලිකයි.", "si"),
        ("វីដេអូនេះជាឯកជន", "km"),
        ("ይህ ቪዲዮ የግል ነው።", "am"),
        ("Wannan bidiyon na sirri ne.", "ha"),
        ("Video hii ni ya faragha.", "sw"),
        ("Pribado ang video na ito.", "fil"),
        ("Video ini adalah peribadi.", "ms"),
    ],
)
def test_a_video_its_owner_made_private_is_private_in_more_languages(notice, lang):
    assert verdict_of_page(f"<main><h1>Video</h1><p>{notice}</p></main>", lang) == ("gated", "private")


# -- sixth round (A): private, request access, registration, login and their hard negatives ---------


def _app_shell(lang: str, title: str, inside: str) -> str:
    """An empty single-page app: its title, a root element and what its scripts or <noscript> carry."""
    return f"<!doctype html><html lang='{lang}'><head><title>{title}</title></head><body><div id='root'></div>{inside}</body></html>"


@pytest.mark.parametrize(
    "field",
    [
        "<input name='pwd' maxlength='4'>",
        "<input name='dlkey' placeholder='Download key'>",
        "<input name='code' placeholder='Kode ekstraksi'>",
    ],
)
def test_a_file_share_whose_only_field_is_its_sharers_code_is_private(field):
    page_ = f"<main><h1>Lecture files</h1><p>Shared with you.</p><form action='/share/verify'>{field}<button>OK</button></form></main>"
    assert verdict_of_page(page_) == ("gated", "private")


@pytest.mark.parametrize("state", ['"pwd_required": 1', '"has_pwd": true', '"share_pwd_required": true'])
def test_a_file_shares_app_whose_state_wants_the_share_password_is_private(state):
    shell = _app_shell(
        "zh",
        "分享",
        f'<script>window.__DATA__ = {{"share": {{"id": 7, {state}}}}};</script>',
    )
    got = judge(visit("https://drive.example.cn/s/7", body=shell))
    assert (got.outcome, got.gate) == (Outcome.GATED, Gate.PRIVATE)


@pytest.mark.parametrize(
    "notice, lang",
    [
        (
            "この議事録にはアクセスパスワードが設定されています。共有者から伝えられたパスワードを入力してください。",
            "ja",
        ),
        ("הגלריה מוגנת בקוד. הזינו את קוד הגישה שקיבלתם.", "he"),
        ("This gallery is protected by a code from your photographer.", "en"),
    ],
)
def test_an_app_shell_that_asks_for_the_password_or_code_its_owner_set_is_private(notice, lang):
    shell = _app_shell(
        lang,
        "Gallery",
        f"<noscript><p>{notice}</p><form method='post' action='/api/share/verify'>"
        "<input type='password' name='password'><button>OK</button></form></noscript>",
    )
    got = judge(visit("https://gallery.example.org/g/7", body=shell))
    assert (got.outcome, got.gate) == (Outcome.GATED, Gate.PRIVATE)


def test_a_shells_noscript_form_posting_to_a_verify_address_is_no_bot_check():
    """A challenge's <noscript> *says* it verifies the visitor; a form's address is markup, not words."""
    shell = _app_shell(
        "en",
        "Minutes",
        "<noscript><form method='post' action='/minutes/api/share/verify'><input type='text' name='q'>"
        "<button>Search</button></form></noscript>",
    )
    assert judge(visit("https://minutes.example.org/m/7", body=shell)).outcome is not Outcome.BLOCKED


@pytest.mark.parametrize(
    "notice, lang",
    [
        ("Доступ к видео ограничен. Владелец оставил этот ролик только для себя.", "ru"),
        ("Ten materiał jest prywatny. Autor ustawił widoczność tak, że może go oglądać wyłącznie on sam.", "pl"),
        ("Владелец ролика запретил его воспроизведение во внешних плеерах.", "ru"),
        ("Playback on other websites has been disabled by the video owner.", "en"),
        ("구독팬 전용 방송입니다. 스트리머가 이 방송을 구독팬만 시청할 수 있도록 설정했습니다.", "ko"),
        ("Ägaren har begränsat var videon får spelas upp.", "sv"),
        ("The uploader made this clip visible only to themselves.", "en"),
        ("The owner has set this stream so that only channel members can watch it.", "en"),
        ("Pemilik video ini telah menjadikannya pribadi.", "id"),
        ("Video này đã được chủ sở hữu đặt ở chế độ riêng tư.", "vi"),
        ("This video is available to channel members only.", "en"),
        ("Este vídeo solo está disponible para los miembros del canal.", "es"),
        ("This content is restricted to invited participants.", "en"),
        ("Ce contenu est réservé aux participants invités.", "fr"),
        ("This video has been made private by its owner.", "en"),
        ("Cette vidéo a été rendue privée par son propriétaire.", "fr"),
        ("この動画は投稿者によって非公開に設定されました。", "ja"),
        ("该视频已被作者设为私密。", "zh"),
        ("Only invited people can view this board.", "en"),
        ("Solo las personas invitadas pueden ver este video.", "es"),
        ("Nur eingeladene Personen können dieses Video ansehen.", "de"),
    ],
)
def test_an_item_its_owner_made_private_or_kept_for_a_chosen_audience_is_private(notice, lang):
    assert verdict_of_page(f"<main><h1>Video</h1><p>{notice}</p></main>", lang) == ("gated", "private")


@pytest.mark.parametrize(
    "notice, lang",
    [
        ("In the video settings you can disable embedding, so that playback on other websites is turned off.", "en"),
        ("Чтобы ролик не показывали на чужих сайтах, владелец может отключить встраивание в настройках.", "ru"),
        ("The owner of the practice keeps Friday afternoons only for herself and her family.", "en"),
    ],
)
def test_a_help_article_about_embedding_and_privacy_settings_is_ok(notice, lang):
    assert verdict_of_page(ARTICLE + f"<p>{notice}</p></article></main>", lang) == ("ok", None)


def test_a_biobank_collection_released_after_its_access_committee_judges_a_request_is_request_access():
    page_ = (
        "<main><h1>Coorte cardiometabolica</h1><p>I campioni non sono scaricabili. L'accesso è concesso solo dopo la "
        "valutazione del Comitato di Accesso della biobanca.</p><button>Invia richiesta di accesso</button></main>"
    )
    assert verdict_of_page(page_, "it") == ("gated", "request_access")


def test_a_data_request_shell_whose_requests_a_panel_reviews_is_request_access():
    shell = _app_shell(
        "en",
        "Study NCT0001",
        "<noscript>Individual participant data from this study can be requested. Requests are reviewed by an "
        "independent panel. Enable JavaScript to start a data request.</noscript>",
    )
    got = judge(visit("https://data.example.org/study/1/request", body=shell))
    assert (got.outcome, got.gate) == (Outcome.GATED, Gate.REQUEST_ACCESS)


@pytest.mark.parametrize(
    "notice, lang",
    [
        ("Dette rommet er låst. Bank på for å be om å bli sluppet inn.", "nb"),
        ("Det här är ett privat rum. Skriv ditt namn och knacka, så får värden en förfrågan.", "sv"),
        ("This room is locked. Knock to ask the host to let you in.", "en"),
    ],
)
def test_a_locked_room_whose_host_lets_knocking_visitors_in_is_request_access(notice, lang):
    shell = _app_shell(
        lang,
        "Room",
        f'<script>window.__ROOM__ = {{"privacy": "private"}};</script><noscript>{notice}</noscript>',
    )
    got = judge(visit("https://clinic.example.org/room", body=shell))
    assert (got.outcome, got.gate) == (Outcome.GATED, Gate.REQUEST_ACCESS)


@pytest.mark.parametrize(
    "text, lang",
    [
        (
            "Depuis la fiche du module, cliquez sur « Demander l'accès ». Votre référent reçoit la demande et la valide.",
            "fr",
        ),
        (
            "Toegang aanvragen: log in op het portaal en kies Nieuwe aanvraag. De datacommissie beslist binnen vier weken.",
            "nl",
        ),
    ],
)
def test_a_help_article_explaining_how_to_request_access_elsewhere_is_ok(text, lang):
    page_ = (
        "<main><article><h1>Help</h1>"
        + "<p>Read this guide before you start. </p>" * 12
        + f"<p>{text}</p></article></main>"
    )
    assert verdict_of_page(page_, lang) == ("ok", None)


def test_a_ward_story_about_knocking_on_a_door_is_ok():
    page_ = ARTICLE + "<p>Always knock before entering a patient's room, and wait for an answer.</p></article></main>"
    assert verdict_of_page(page_) == ("ok", None)


@pytest.mark.parametrize(
    "fields, button, lang",
    [
        ("<input name='first_name'><input name='last_name'>", "Oglądaj nagranie", "pl"),
        ("<input name='first_name'>", "Je veux le kit", "fr"),
        ("<input name='fields[name]'>", "Rehberi İndir", "tr"),
    ],
)
def test_a_form_whose_button_watches_or_claims_the_item_in_more_languages_is_registration(fields, button, lang):
    page_ = (
        "<main><h1>Webinar</h1><p>Recorded last week.</p>"
        f"<form method='post' action='/go'>{fields}<input type='email' name='email'><button>{button}</button></form></main>"
    )
    assert verdict_of_page(page_, lang) == ("gated", "registration")


@pytest.mark.parametrize(
    "state",
    [
        '"registration": {"required": true, "fields": ["firstName", "email"]}',
        '"landingPage": {"template": "REGISTRATION", "ctaText": "Register to watch"}',
    ],
)
def test_an_event_apps_shell_whose_state_requires_its_registration_form_is_registration(state):
    shell = _app_shell(
        "en",
        "Summit — On Demand",
        f"<script>window.__STATE__ = {{{state}}};</script>",
    )
    got = judge(visit("https://events.example.org/e/7", body=shell))
    assert (got.outcome, got.gate) == (Outcome.GATED, Gate.REGISTRATION)


def test_a_popup_that_a_sign_in_or_subscribe_button_opens_is_no_lead_box():
    for label, fields in (
        ("Sign in", "<input name='email' type='email'><input type='password' name='password'>"),
        ("Subscribe", "<input name='email' type='email'>"),
    ):
        page_ = (
            "<main><h1>Night shifts</h1><p>A short note on rest between shifts.</p>"
            f"<a href='#' data-modal-open='box'>{label}</a></main>"
            f"<div id='box' style='display:none'><form action='/x'>{fields}<button>{label}</button></form></div>"
        )
        assert verdict_of_page(page_) == ("ok", None), label


def test_a_recording_played_here_beside_a_free_ticket_for_the_next_event_is_ok():
    page_ = (
        "<main><h1>Infection Control Day 2025</h1><iframe src='https://player.vimeo.com/video/7'></iframe>"
        "<p>Get a free ticket to watch the talks of next year's day live.</p>"
        "<a href='/tickets'>Reserve a ticket</a></main>"
    )
    assert verdict_of_page(page_) == ("ok", None)


@pytest.mark.parametrize("segment, param", [("acceder", "next"), ("accesso", "target"), ("identification", "retour")])
def test_a_visit_sent_to_a_sign_in_word_that_remembers_the_page_is_login(segment, param):
    start = "https://aula.example.es/modulos/ventilacion/unidad-4"
    end = f"https://aula.example.es/{segment}?{param}=%2Fmodulos%2Fventilacion%2Funidad-4"
    got = judge(visit(start, body=page("Aula", "Entra en tu aula. " * 5), chain=[_hop(start, end)]))
    assert (got.outcome, got.gate) == (Outcome.GATED, Gate.LOGIN)


def test_a_visit_sent_on_to_an_access_page_that_does_not_remember_it_is_not_login():
    start = "https://aula.example.es/modulos/ventilacion/unidad-4"
    end = "https://aula.example.es/acceso"
    got = judge(
        visit(
            start, body=page("Acceso", "Cómo llegar al hospital en transporte público. " * 20), chain=[_hop(start, end)]
        )
    )
    assert got.gate is not Gate.LOGIN


def test_a_national_digital_identity_picker_is_login():
    page_ = (
        "<main><h1>Accedi all'area riservata</h1><p>Per iscriverti ai corsi serve un'identità digitale.</p>"
        "<a href='/spid/login' class='btn'>Entra con SPID</a> <a href='/cie/login' class='btn'>Entra con CIE</a></main>"
    )
    assert verdict_of_page(page_, "it") == ("gated", "login")


_SIDE_LOGIN = (
    "<div class='side-col'><h3>Войдите</h3><form action='/dk?cmd=login' method='post'>"
    "<input name='email' placeholder='Телефон или почта'><input type='password' name='password'>"
    "<button>Войти</button></form></div>"
)


def test_a_video_played_on_its_page_beside_a_sign_in_box_is_ok():
    page_ = (
        "<main><h1>Внутримышечная инъекция</h1><iframe src='https://player.vimeo.com/video/7'></iframe>"
        + "<p>Подготовка рабочего места и выбор места инъекции. </p>" * 6
        + "</main>"
        + _SIDE_LOGIN
    )
    assert verdict_of_page(page_, "ru") == ("ok", None)


def test_a_course_page_with_a_sign_in_modal_it_has_not_opened_is_ok():
    page_ = (
        "<main><h1>Safe medication rounds</h1>"
        + "<p>The six rights before every round, and reading a chart. </p>" * 10
        + "</main><div class='course-modal login-modal'><div class='modal-body'><form method='post'>"
        "<input name='log' placeholder='Username or email'><input type='password' name='pwd'>"
        "<button>Sign in</button></form></div></div>"
    )
    assert verdict_of_page(page_) == ("ok", None)


def test_a_japanese_page_with_a_committee_members_sign_in_in_its_side_column_is_ok():
    page_ = (
        "<div class='row'><div class='col-md-9'><h1>倫理審査委員会：申請の手引き</h1>"
        + "<p>研究を行う場合は、研究開始前に倫理審査委員会の承認が必要です。様式をダウンロードしてください。</p>" * 4
        + "<p>委員の方は右のログイン欄からログインしてください。申請者の方はログインの必要はありません。</p></div>"
        "<div class='col-md-3'><form action='/auth/login' method='post'><input name='data[user][username]'>"
        "<input type='password' name='data[user][password]'><button>ログイン</button></form></div></div>"
    )
    assert verdict_of_page(page_, "ja") == ("ok", None)


def test_a_page_whose_only_request_link_is_a_document_to_download_is_not_an_access_request():
    page_ = (
        "<main><h1>倫理審査</h1><p>申請は委員会で審査されます。</p>"
        "<a href='/files/form1.docx'>様式1 倫理審査申請書（Word）</a></main>"
    )
    assert verdict_of_page(page_, "ja") == ("ok", None)


def test_a_help_article_saying_only_invited_people_see_your_private_boards_is_ok():
    page_ = (
        "<main><article><h1>Protecting your account</h1>"
        + "<p>Use a long password and never share it with anyone at work. </p>" * 15
        + "<p>Only invited people can view your private boards, so invite colleagues carefully.</p></article></main>"
    )
    assert verdict_of_page(page_) == ("ok", None)


def test_a_closed_groups_help_article_on_how_an_admin_reviews_join_requests_is_ok():
    page_ = (
        "<main><article><h1>How to join a closed group</h1>"
        + "<p>Groups help clinicians share cases safely. </p>" * 15
        + "<p>Send a request to join and an admin will review it.</p></article></main>"
    )
    assert verdict_of_page(page_) == ("ok", None)


@pytest.mark.parametrize(
    "name, button, lang",
    [
        ("naam", "Nu terugkijken", "nl"),
        ("namn", "Se inspelningen", "sv"),
        ("お名前", "録画を見る", "ja"),
        ("Adınız", "Kaydı izle", "tr"),
        ("الاسم", "شاهد الآن", "ar"),
        ("ชื่อ", "รับชมเลย", "th"),
        ("שם מלא", "לצפייה בהקלטה", "he"),
    ],
)
def test_a_form_asking_a_name_and_an_e_mail_to_watch_the_recording_in_more_languages_is_registration(
    name, button, lang
):
    page_ = (
        "<main><h1>Webinar</h1><p>Recorded in May.</p>"
        f"<form><input name='n' placeholder='{name}'><input type='email' name='email'><button>{button}</button></form></main>"
    )
    assert verdict_of_page(page_, lang) == ("gated", "registration")


def test_a_polish_sign_in_link_form_under_a_notice_to_sign_in_to_watch_is_login():
    page_ = (
        "<main><h1>Strefa kursanta</h1><p>Aby obejrzeć lekcję, zaloguj się.</p>"
        "<form><input type='email' name='email'><button>Wyślij link logowania</button></form></main>"
    )
    assert verdict_of_page(page_, "pl") == ("gated", "login")


def test_a_data_access_policy_saying_how_researchers_request_access_is_ok():
    """The policy says how others ask; a notice tells its reader to ask ("… to request access")."""
    page_ = (
        "<main><h1>Data access policy</h1>"
        + "<p>Our registry holds records from every ward of the region. </p>" * 8
        + "<p>Researchers request access through the portal; the committee reviews each application and "
        "approves or rejects it within a month.</p></main>"
    )
    assert verdict_of_page(page_) == ("ok", None)


def test_a_public_video_page_that_offers_perks_to_channel_members_is_ok():
    page_ = (
        "<main><h1>Wound care basics</h1><iframe src='https://www.youtube.com/embed/x'></iframe>"
        + "<p>Clean the wound with saline and cover it with a dressing. </p>" * 6
        + "<p>Channel members get early access to new lessons.</p><a href='/join'>Join</a></main>"
    )
    assert verdict_of_page(page_) == ("ok", None)


def test_an_embargoed_thesis_whose_plain_send_form_asks_the_author_for_a_copy_is_request_access():
    page_ = (
        "<main><h1>This thesis is under embargo</h1><p>The full text is embargoed until 2028. You can ask the author "
        "for a copy.</p><form><input name='name'><input type='email' name='email'><textarea name='msg'></textarea>"
        "<button>Send</button></form></main>"
    )
    assert verdict_of_page(page_) == ("gated", "request_access")


def test_an_e_mail_form_under_renseignez_votre_e_mail_pour_acceder_is_registration():
    page_ = (
        "<main><h1>Replay disponible</h1><p>Renseignez votre e-mail pour accéder au replay.</p>"
        "<form><input type='email' name='email'><button>Accéder au replay</button></form></main>"
    )
    assert verdict_of_page(page_, "fr") == ("gated", "registration")


def test_a_notice_to_register_whose_call_to_action_leads_to_the_registration_page_is_registration():
    page_ = (
        "<main><h1>Aula gravada</h1><p>Cadastre-se gratuitamente para assistir à gravação.</p>"
        "<a class='btn' href='/cadastro'>Quero assistir</a></main>"
    )
    assert verdict_of_page(page_, "pt") == ("gated", "registration")


@pytest.mark.parametrize(
    "end",
    [
        "https://learn.example.org/index.php?option=com_users&view=login&return=L2NvdXJzZS83",
        "https://learn.example.org/?action=login&redirect_to=%2Fcourse%2F7",
        "https://learn.example.org/my-account/?redirect=%2Fcourse%2F7",
        "https://learn.example.org/acceso?destino=%2Fcourse%2F7",
    ],
)
def test_a_visit_sent_to_a_sign_in_view_or_account_page_that_remembers_the_page_is_login(end):
    start = "https://learn.example.org/course/7"
    got = judge(
        visit(start, body=page("Portal", "Our learning portal offers courses. " * 10), chain=[_hop(start, end)])
    )
    assert (got.outcome, got.gate) == (Outcome.GATED, Gate.LOGIN)


def test_a_visit_sent_to_a_page_about_access_that_remembers_where_it_came_from_is_not_login():
    start = "https://learn.example.org/course/7"
    end = "https://learn.example.org/accessibility?from=%2Fcourse%2F7"
    got = judge(visit(start, body=page("Accessibility", "Our site follows WCAG. " * 20), chain=[_hop(start, end)]))
    assert got.gate is not Gate.LOGIN


_SCRIPT_FORM = "<div id='lead'></div><script src='//js.hsforms.net/forms/embed/v2.js'></script>"


@pytest.mark.parametrize(
    "notice, lang",
    [
        ("Füllen Sie das Formular aus, um die Aufzeichnung anzusehen.", "de"),
        ("Completa el formulario para ver la grabación del webinar.", "es"),
        ("Vul het formulier in om de opname te bekijken.", "nl"),
        ("フォームにご入力いただくと、アーカイブ動画をご覧いただけます。", "ja"),
        ("Complete the short form to get instant access to the recording.", "en"),
    ],
)
def test_a_script_drawn_form_to_fill_in_before_the_recording_is_registration(notice, lang):
    page_ = f"<main><h1>Webinar</h1><p>{notice}</p>{_SCRIPT_FORM}</main>"
    assert verdict_of_page(page_, lang) == ("gated", "registration")


@pytest.mark.parametrize(
    "notice, lang",
    [
        ("Complete the form to receive more information about our courses.", "en"),
        ("Füllen Sie das Formular aus, um Informationen zu unseren Kursen zu erhalten.", "de"),
        ("Completa el formulario para recibir información sobre el curso.", "es"),
    ],
)
def test_a_script_drawn_enquiry_form_about_courses_is_ok(notice, lang):
    page_ = f"<main><h1>Contact us</h1><p>{notice}</p>{_SCRIPT_FORM}</main>"
    assert verdict_of_page(page_, lang) == ("ok", None)


def test_a_form_asking_a_webinars_id_and_passcode_is_private():
    page_ = (
        "<main><h1>Webinar</h1><p>Enter the webinar ID and passcode from your invitation.</p>"
        "<form><input name='webinar_id' placeholder='Webinar ID'><input type='password' name='passcode'>"
        "<button>Join</button></form></main>"
    )
    assert verdict_of_page(page_) == ("gated", "private")


@pytest.mark.parametrize(
    "notice, lang",
    [
        ("Ihre Beitrittsanfrage wurde gesendet. Sie erhalten eine E-Mail, sobald der Kursleiter sie freigibt.", "de"),
        ("Votre demande a été envoyée. Vous recevrez un e-mail dès que l'administratrice l'aura validée.", "fr"),
    ],
)
def test_a_confirmation_that_the_readers_request_waits_for_someones_yes_is_request_access(notice, lang):
    assert verdict_of_page(f"<main><h1>OK</h1><p>{notice}</p></main>", lang) == ("gated", "request_access")


def test_a_help_article_saying_you_get_an_e_mail_when_the_admin_approves_is_ok():
    page_ = (
        "<main><article><h1>Joining a group</h1>"
        + "<p>Groups help clinicians share cases safely. </p>" * 12
        + "<p>You'll get an e-mail when the admin approves your request.</p></article></main>"
    )
    assert verdict_of_page(page_) == ("ok", None)


@pytest.mark.parametrize(
    "button, lang",
    [
        ("Quiero suscribirme", "es"),
        ("Ich möchte beraten werden", "de"),
        ("I want to volunteer", "en"),
        ("Ik wil de nieuwsbrief", "nl"),
        ("もっとみる", "ja"),
    ],
)
def test_a_form_whose_i_want_button_claims_no_item_of_the_page_is_ok(button, lang):
    page_ = (
        "<main><h1>Stay in touch</h1><p>Tell us about you.</p>"
        f"<form><input name='name'><input type='email' name='email'><button>{button}</button></form></main>"
    )
    assert verdict_of_page(page_, lang) == ("ok", None)


def test_a_news_item_about_someone_elses_video_made_private_is_ok():
    page_ = (
        "<main><article><h1>Ministry video withdrawn</h1><p>The minister's campaign video was made private after "
        "criticism from nursing unions, a spokesperson said on Monday.</p></article></main>"
    )
    assert verdict_of_page(page_) == ("ok", None)


def test_an_embed_shell_whose_state_says_its_owner_turned_embedding_off_is_private():
    shell = _app_shell(
        "en", "Player", '<script>window.__PLAYER__ = {"video": {"id": 7, "embeddable": false}};</script>'
    )
    got = judge(visit("https://video.example.org/embed/7", body=shell))
    assert (got.outcome, got.gate) == (Outcome.GATED, Gate.PRIVATE)


def test_a_players_shell_whose_error_code_says_the_video_is_private_is_private():
    shell = _app_shell("en", "Player", '<script>window.__STATE__ = {"error": {"code": "VIDEO_PRIVATE"}};</script>')
    got = judge(visit("https://video.example.org/v/7", body=shell))
    assert (got.outcome, got.gate) == (Outcome.GATED, Gate.PRIVATE)


def test_a_documents_shell_saying_you_need_permission_then_request_access_is_request_access():
    shell = _app_shell(
        "en", "Document", "<noscript>You need permission to view this document. Request access.</noscript>"
    )
    got = judge(visit("https://docs.example.org/d/7", body=shell))
    assert (got.outcome, got.gate) == (Outcome.GATED, Gate.REQUEST_ACCESS)


def test_a_closed_groups_help_article_without_a_control_and_a_closed_clinic_with_a_contact_form_are_ok():
    article = (
        "<main><article><h1>Groups</h1><p>This is a closed group if its owner says so; send a request from its page."
        "</p></article></main>"
    )
    clinic = (
        "<main><h1>Clinic</h1><p>The space is closed on Mondays.</p><form class='contact-form' action='/contact'>"
        "<input name='name'><input type='email' name='email'><button>Send request</button></form></main>"
    )
    assert verdict_of_page(article) == ("ok", None)
    assert verdict_of_page(clinic) == ("ok", None)


# -- sixth round (B): walls named by their structure, and the served pages that look like them -------------


def test_a_short_help_page_about_the_hospital_proxy_is_served():
    """The proxy's refusal is read only on a refusal: a 2xx help page that explains it is the page."""
    page_ = (
        "<main><h1>Internet access on the ward</h1><p>Our proxy server does not allow streaming sites during"
        " night shifts. Ask the service desk if a training video is blocked.</p></main>"
    )
    assert verdict_of_page(page_) == ("ok", None)


def test_a_short_news_item_about_a_firewall_is_served():
    page_ = "<main><h1>IT news</h1><p>The hospital's firewall blocked two million attacks last year.</p></main>"
    assert verdict_of_page(page_) == ("ok", None)


def test_a_language_picker_that_sets_a_cookie_and_reloads_is_no_challenge():
    """Setting a cookie and loading the page again is a wall only after a computation (a proof of work)."""
    body = (
        "<!doctype html><html><head><title>Choose a language</title></head><body><p>Choose the language in which you want to read the training site.</p>"
        "<script>var l=['en','fr','de'];for(var i=0;i<l.length;i++){if(navigator.language.indexOf(l[i])===0)"
        "{document.cookie='lang='+l[i];location.reload();}}</script></body></html>"
    )
    assert judge(visit(body=body)).outcome is not Outcome.BLOCKED


def test_a_single_sign_on_auto_post_to_a_verify_path_is_no_challenge():
    """A SAML or OAuth hop posts its assertion by script, like a challenge answer: it is a sign-in flow."""
    body = (
        "<!doctype html><html><head><title>Working…</title></head><body><p>Please wait.</p>"
        "<form method='post' action='https://learn.example.org/saml/verify'>"
        "<input type='hidden' name='SAMLResponse' value='PHNhbWw+'><input type='hidden' name='RelayState' value='/c/7'>"
        "</form><script>document.forms[0].submit();</script></body></html>"
    )
    assert judge(visit(body=body)).outcome is not Outcome.BLOCKED


@pytest.mark.parametrize("status", [200, 429, 503])
def test_a_proof_of_work_wall_that_names_no_check_is_blocked_whatever_its_status(status):
    """A challenge in a language no family holds is still told by what its script does."""
    body = (
        "<!doctype html><html lang='ka'><head><title>მოიცადეთ</title></head><body><p>გთხოვთ, მოიცადოთ რამდენიმე წამი, სანამ გვერდი ჩაიტვირთება.</p>"
        "<form action='/__shield/verify' method='post' style='display:none'><input type='hidden' name='n' value=''>"
        "</form><script>for(var i=0;i<50000;i++){}document.forms[0].submit();</script></body></html>"
    )
    assert judge(visit(body=body, status=status)).outcome is Outcome.BLOCKED


@pytest.mark.parametrize("status", [400, 403, 501])
def test_a_firewall_that_names_itself_as_what_stopped_the_request_is_blocked(status):
    body = page(
        "Erro", "A sua requisição foi interrompida pelo firewall de aplicação deste portal. Contacte o suporte."
    )
    assert judge(visit(body=body, status=status)).outcome is Outcome.BLOCKED


@pytest.mark.parametrize(
    "sentence, lang",
    [
        ("Av rättighetsskäl kan programmet bara ses i Norge.", "sv"),
        ("Av rettighetsgrunner kan programmet bare ses i Norge.", "no"),
        ("Yayın hakları nedeniyle bu bölüm yalnızca Türkiye'de izlenebilir.", "tr"),
        ("This episode only plays in Ireland because of rights agreements.", "en"),
    ],
)
def test_a_player_kept_at_home_by_broadcast_rights_is_forbidden_whatever_the_country(sentence, lang):
    page_ = f"<main><p>{sentence}</p><h1>Episode 4</h1><p>Community nurses at work. 28 min.</p></main>"
    assert verdict_of_page(page_, lang) == ("gated", "forbidden")


@pytest.mark.parametrize(
    "sentence",
    [
        "Patients' rights: only the patient, or a person they name, may consent to the examination.",
        "Copyright 2026 Regional Health Board, all rights reserved; for personal and educational use only.",
        "Creative Commons licence: only non-commercial reuse of these slides is allowed.",
    ],
)
def test_rights_and_only_that_are_no_broadcasters_are_served(sentence):
    page_ = f"<main><h1>Consent in emergency care</h1><p>{sentence}</p><p>Read the guide below.</p></main>"
    assert verdict_of_page(page_) == ("ok", None)


def test_a_course_closed_to_non_members_under_a_law_it_teaches_is_no_legal_block():
    """A legal block names the site as what is blocked; a course page's restricted access is its own."""
    page_ = "<main><h1>의료법 이해</h1><p>비회원은 강의 접속이 제한되었습니다. 이 과정은 의료법과 관련 법령을 다룹니다.</p></main>"
    assert verdict_of_page(page_, "ko") != ("gated", "forbidden")


def test_a_regulators_block_stub_in_korean_is_forbidden():
    page_ = "<main><h1>접속 차단 안내</h1><p>요청하신 웹사이트는 관련 법령에 따라 국내에서의 접속이 차단되었습니다.</p></main>"
    assert verdict_of_page(page_, "ko") == ("gated", "forbidden")


def test_a_401_without_a_challenge_that_says_not_authorised_in_spanish_is_forbidden_and_with_one_auth():
    body = page("Error 401", "No autorizado a leer este conjunto de datos.")
    assert judge(visit(body=body, status=401)).gate is Gate.FORBIDDEN
    challenged = visit(body=body, status=401, headers={**HTML, "www-authenticate": 'Basic realm="datos"'})
    assert judge(challenged).gate is Gate.AUTH


@pytest.mark.parametrize(
    "title, text, lang",
    [
        ("Запись вебинара удалена", "Посмотреть её больше нельзя.", "ru"),
        ("Kayıt", "Organizatör bu kaydı sildi. Artık izlenemez.", "tr"),
        ("Pelatihan tidak ditemukan", "Silakan kembali ke katalog.", "id"),
        ("録画", "主催者によりこの録画は削除されました。", "ja"),
    ],
)
def test_a_recording_or_training_its_organiser_removed_is_a_soft_404(title, text, lang):
    body = _doc(f"<main><h1>{title}</h1><p>{text}</p></main>", lang=lang)
    assert judge(visit(body=body)).outcome is Outcome.SOFT_404


def test_a_news_title_about_a_video_removed_elsewhere_is_served():
    body = _doc(
        "<main><h1>Видео удалено с YouTube по требованию правообладателя</h1>"
        + "<p>Министерство опубликовало разъяснение для медицинских работников. </p>" * 12
        + "</main>",
        lang="ru",
    )
    assert judge(visit(body=body)).outcome is Outcome.OK


# -- sixth round (B): what sells the content, and the served pages that also sell something -------------------

LESSON = "<p>Community nurses explain each step of the home visit, with the checklists they use. </p>" * 12


def test_a_buy_box_beside_a_course_teaser_in_the_main_content_is_a_paywall():
    """A sales page's purchase box is often an aside inside the main content: it is the page's, not the site's."""
    page_ = (
        "<main><h1>Wound care masterclass</h1><p>Six lessons, 3 hours.</p><ol><li>Lesson 1 (locked)</li></ol>"
        "<aside class='purchase'><p><strong>49,00 €</strong></p><form action='/cart/add' method='post'>"
        "<button>Kaufen</button></form></aside></main>"
    )
    assert verdict_of_page(page_, "de") == ("gated", "paywall")


def test_a_readable_article_with_a_book_for_sale_in_an_aside_of_its_main_content_is_served():
    page_ = (
        f"<main><article><h1>Home visits</h1>{LESSON}</article>"
        "<aside><p>The handbook, printed: 20 €</p><a href='/shop/buy/handbook'>Buy</a></aside></main>"
    )
    assert verdict_of_page(page_) == ("ok", None)


def test_a_subscription_banner_outside_a_served_main_content_is_no_paywall():
    page_ = (
        "<div class='banner'>Premium: unlimited interaction checks. <a href='/subscription'>Subscribe from 4,99 €/month</a>"
        f"</div><main><h1>Apixaban</h1>{LESSON}</main>"
    )
    assert verdict_of_page(page_) == ("ok", None)


@pytest.mark.parametrize(
    "label, lang",
    [
        ("购买认证证书", "zh"),
        ("Comprar certificado", "es"),
        ("Buy the printed edition", "en"),
        ("Zertifikat kaufen", "de"),
    ],
)
def test_a_free_course_that_sells_only_a_certificate_or_a_print_copy_is_served(label, lang):
    page_ = (
        "<main><h1>Community nursing</h1><p>All lessons are free.</p><ul><li>1.1 Home visits (12:40)</li></ul>"
        f"<p>Optional: 49 €</p><a href='/course/7/extra'>{label}</a></main>"
    )
    assert verdict_of_page(page_, lang) == ("ok", None)


@pytest.mark.parametrize(
    "text, lang",
    [
        ("Débloquer cet article pour 0,79 € – payez plus tard.", "fr"),
        ("Einzelartikel für 1,49 € – jetzt lesen, später bezahlen.", "de"),
        ("Unlock this story for $0.99.", "en"),
    ],
)
def test_an_item_unlocked_for_a_price_on_a_teaser_is_a_paywall(text, lang):
    page_ = (
        f"<main><h1>Delirium in intensive care</h1><p>Up to 80 per cent of ventilated patients…</p><p>{text}</p></main>"
    )
    assert verdict_of_page(page_, lang) == ("gated", "paywall")


def test_an_item_unlocked_for_nothing_is_no_paywall():
    page_ = "<main><h1>Delirium in intensive care</h1><p>Unlock this story for $0 with your library card.</p></main>"
    assert verdict_of_page(page_) != ("gated", "paywall")


def test_a_price_in_ringgit_on_a_malay_subscription_offer_is_a_paywall():
    page_ = (
        "<main><h1>Doktor kontrak</h1><p>Baca laporan penuh dengan langganan.</p><p>Bulanan RM15 /bulan</p>"
        "<a href='/subscribe/checkout?plan=monthly'>Langgan sekarang</a></main>"
    )
    assert verdict_of_page(page_, "ms") == ("gated", "paywall")


@pytest.mark.parametrize(
    "submit, lang", [("Je valide ma commande", "fr"), ("Conferma ordine", "it"), ("Zahlungspflichtig bestellen", "de")]
)
def test_an_order_form_beside_a_price_is_a_paywall(submit, lang):
    page_ = (
        "<main><h1>Hypnosis for painful care</h1><p>Nine video modules. Single payment: 297,00 €</p>"
        "<form action='/api/orders' method='post'><input type='email' name='email'><input name='first_name'>"
        f"<button type='submit'>{submit}</button></form></main>"
    )
    assert verdict_of_page(page_, lang) == ("gated", "paywall")


def test_a_protected_post_sent_on_to_a_membership_levels_page_that_prices_them_is_a_paywall():
    chain = [
        {
            "url": "https://cpd.example.org/webinars/pph/",
            "status": 302,
            "location": "https://cpd.example.org/membership-account/membership-levels/",
        }
    ]
    body = _doc("<main><h1>Membership levels</h1><p>Practitioner £9 / month</p><a href='/join?l=2'>Select</a></main>")
    got = judge(visit("https://cpd.example.org/webinars/pph/", body=body, chain=chain))
    assert (got.outcome, got.gate) == (Outcome.GATED, Gate.PAYWALL)


@pytest.mark.parametrize(
    "notice, lang",
    [
        ("本篇文献需付费下载：价格 ￥4.50 元", "zh"),
        ("Платный доступ к полному тексту: 300 руб.", "ru"),
        ("Téléchargement payant : 6,50 €", "fr"),
    ],
)
def test_an_item_paid_for_before_it_is_downloaded_is_a_paywall(notice, lang):
    page_ = f"<main><h1>Pulmonary rehabilitation</h1><p>Abstract: twelve weeks of exercise.</p><p>{notice}</p></main>"
    assert verdict_of_page(page_, lang) == ("gated", "paywall")


def test_a_page_that_says_downloads_are_free_and_prices_a_printed_copy_is_served():
    page_ = (
        "<main><h1>Guideline</h1><p>Paid access is not needed: the PDF is free.</p>"
        "<a href='/guideline.pdf'>Download PDF</a><p>Printed copy 12 €</p></main>"
    )
    assert verdict_of_page(page_) == ("ok", None)


# -- sixth round (B): the same classes in the words of platforms no rule was written from ----------------------


@pytest.mark.parametrize(
    "notice, lang",
    [
        ("Wir haben verdächtige Aktivitäten von Ihrer IP-Adresse festgestellt.", "de"),
        ("Hemos detectado actividad sospechosa o automatizada desde su conexión.", "es"),
        ("Notre système de protection a détecté un trafic inhabituel provenant de votre réseau.", "fr"),
        ("Το αίτημά σας αποκλείστηκε.", "el"),
        ("Your request looks automated and was refused.", "en"),
    ],
)
def test_an_unnamed_bot_managers_refusal_is_blocked(notice, lang):
    body = _doc(f"<main><h1>403</h1><p>{notice}</p></main>", lang=lang)
    assert judge(visit(body=body, status=403)).outcome is Outcome.BLOCKED


def test_an_article_about_suspicious_traffic_is_served_and_a_sign_in_asking_about_it_is_no_wall():
    article = _doc("<main><h1>Hospital IT</h1><p>Our team blocks suspicious activity and automated traffic.</p></main>")
    assert judge(visit(body=article)).outcome is Outcome.OK
    sign_in = _doc(
        "<main><h1>Unusual activity</h1><p>We noticed unusual activity. Sign in again.</p>"
        "<form action='/login' method='post'><input name='user'><input type='password' name='pw'></form></main>"
    )
    assert judge(visit(body=sign_in, status=403)).outcome is not Outcome.BLOCKED


def test_a_cdn_queue_in_japanese_is_blocked():
    body = _doc(
        "<main><p>アクセスが集中しています。順番にご案内しています。このままお待ちください。</p></main>", lang="ja"
    )
    assert judge(visit(body=body)).outcome is Outcome.BLOCKED


@pytest.mark.parametrize(
    "notice, lang",
    [
        ("Ten materiał nie jest dostępny w Twoim regionie.", "pl"),
        ("Dieses Video ist in Ihrer Region leider nicht verfügbar.", "de"),
        ("Este conteúdo não está disponível na sua região.", "pt"),
        ("Questo contenuto non è disponibile nella tua area geografica.", "it"),
    ],
)
def test_a_player_unavailable_in_the_readers_region_is_forbidden(notice, lang):
    assert verdict_of_page(f"<main><div class='err'>{notice}</div><h1>Episode 3</h1></main>", lang) == (
        "gated",
        "forbidden",
    )


@pytest.mark.parametrize(
    "title, text, lang",
    [
        ("Il corso che cerchi non esiste più", "Torna al catalogo.", "it"),
        ("Webinar ended", "The webinar you are looking for has ended and the recording is no longer available.", "en"),
        ("Formation introuvable", "Cette formation n'existe plus.", "fr"),
        ("Kurs nicht gefunden", "Dieser Kurs existiert nicht mehr.", "de"),
        ("Curso não encontrado", "O curso que você procura foi removido.", "pt"),
    ],
)
def test_a_course_or_webinar_that_is_gone_is_a_soft_404(title, text, lang):
    body = _doc(f"<main><h1>{title}</h1><p>{text}</p></main>", lang=lang)
    assert judge(visit(body=body)).outcome is Outcome.SOFT_404


def test_a_course_page_that_mentions_a_removed_module_in_passing_is_served():
    body = _doc(
        "<main><h1>Sepsis for nurses</h1>"
        + "<p>Each module has a quiz; the old module on fluids was updated for the 2026 guideline. </p>" * 8
        + "</main>"
    )
    assert judge(visit(body=body)).outcome is Outcome.OK


def test_a_premium_course_that_offers_only_an_upgrade_is_a_paywall():
    page_ = "<main><h1>Advanced triage</h1><p>This course is part of Premium.</p><a href='/upgrade'>Upgrade to access</a></main>"
    assert verdict_of_page(page_) == ("gated", "paywall")


def test_a_help_page_on_upgrading_and_a_long_article_with_an_upgrade_button_are_served():
    help_ = "<main><h1>Account settings</h1><p>Change your e-mail or password here.</p><a href='/upgrade'>Upgrade</a></main>"
    assert verdict_of_page(help_) == ("ok", None)
    article = (
        f"<main><h1>Triage</h1><p>Premium content, free this week.</p>{LESSON}<a href='/upgrade'>Go premium</a></main>"
    )
    assert verdict_of_page(article) == ("ok", None)


@pytest.mark.parametrize(
    "notice, lang",
    [
        ("Questo articolo è riservato agli abbonati. Abbonati a 1 € al mese.", "it"),
        ("Artikeln är endast för prenumeranter. 49 kr i månaden.", "sv"),
    ],
)
def test_an_article_reserved_for_subscribers_beside_a_price_is_a_paywall(notice, lang):
    page_ = f"<main><h1>Sepsis</h1><p>Introduction…</p><p>{notice}</p><a href='/abbonamento'>Abbonati</a></main>"
    assert verdict_of_page(page_, lang) == ("gated", "paywall")


CF_CHALLENGE = (
    "<script>window._cf_chl_opt={cType:'managed'};var a=document.createElement('script');"
    "a.src='/cdn-cgi/challenge-platform/h/b/orchestrate/chl_page/v1';document.head.appendChild(a);</script>"
)


@pytest.mark.parametrize("title, status", [("Einen Moment…", 403), ("Один момент…", 503), ("Bir dakika...", 200)])
def test_a_localised_cloudflare_challenge_is_blocked_whatever_its_title(title, status):
    body = f"<!doctype html><html><head><title>{title}</title></head><body><p>…</p>{CF_CHALLENGE}</body></html>"
    assert judge(visit(body=body, status=status)).outcome is Outcome.BLOCKED


def test_a_page_with_cloudflares_detection_script_is_served():
    """Cloudflare adds its detection script to every page it serves; only a challenge carries the options object."""
    body = _doc(
        f"<main><h1>Guide</h1>{LESSON}</main><script src='/cdn-cgi/challenge-platform/scripts/jsd/main.js'></script>"
    )
    assert judge(visit(body=body)).outcome is Outcome.OK


@pytest.mark.parametrize(
    "notice, lang",
    [
        ("Ihre Anfrage wurde von unserem Schutzsystem als Bot eingestuft.", "de"),
        ("不正なアクセスの可能性があるため、リクエストをブロックしました。", "ja"),
        ("您的访问行为存在异常，已被网站防火墙拦截。", "zh"),
    ],
)
def test_a_refusal_that_took_the_visit_for_a_bots_is_blocked(notice, lang):
    body = _doc(f"<main><h1>403</h1><p>{notice}</p></main>", lang=lang)
    assert judge(visit(body=body, status=403)).outcome is Outcome.BLOCKED


@pytest.mark.parametrize(
    "notice, lang",
    [
        ("Omlouváme se, tento pořad lze sledovat pouze na území České republiky.", "cs"),
        ("Licenssisyistä johtuen ohjelma näkyy vain Suomessa.", "fi"),
    ],
)
def test_a_player_kept_on_its_home_territory_is_forbidden_in_more_languages(notice, lang):
    assert verdict_of_page(f"<main><div class='err'>{notice}</div><h1>Episode 2</h1></main>", lang) == (
        "gated",
        "forbidden",
    )


@pytest.mark.parametrize(
    "text, action, lang",
    [
        ("Mit PflegePlus lesen Sie alle Artikel. 1 Monat für 0,99 €, danach 9,99 €.", "Jetzt testen", "de"),
        ("Accede a este curso con tu suscripción. Desde 12 €/mes", "Suscribirme", "es"),
        ("Ce replay est disponible pour les membres Premium. À partir de 9 € par mois", "Devenir membre Premium", "fr"),
        ("이 강의는 유료 강의입니다. 수강료 49,000원", "수강신청", "ko"),
    ],
)
def test_a_short_page_offering_a_subscription_or_trial_beside_a_price_is_a_paywall(text, action, lang):
    page_ = f"<main><h1>Wound care</h1><p>{text}</p><a href='/offer'>{action}</a></main>"
    assert verdict_of_page(page_, lang) == ("gated", "paywall")


@pytest.mark.parametrize(
    "text, action, lang",
    [
        (
            "Jahresbeitrag für Mitglieder: 30 €. Unsere Satzung und die Protokolle finden Sie hier.",
            "Mitglied werden",
            "de",
        ),
        ("Registration fee for the congress: 120 €. Programme below.", "Subscribe to our newsletter", "en"),
    ],
)
def test_an_associations_membership_fee_or_a_newsletter_beside_a_price_is_served(text, action, lang):
    page_ = f"<main><h1>Verein</h1><p>{text}</p><a href='/join'>{action}</a></main>"
    assert verdict_of_page(page_, lang) == ("ok", None)


@pytest.mark.parametrize(
    "title, text, lang",
    [
        ("Nie znaleziono kursu", "Kurs, którego szukasz, nie istnieje.", "pl"),
        ("Kurssia ei löytynyt", "Palaa etusivulle.", "fi"),
        ("Kurz nebyl nalezen", "Kurz, který hledáte, neexistuje.", "cs"),
    ],
)
def test_a_course_that_is_gone_is_a_soft_404_in_more_languages(title, text, lang):
    body = _doc(f"<main><h1>{title}</h1><p>{text}</p></main>", lang=lang)
    assert judge(visit(body=body)).outcome is Outcome.SOFT_404


# -- sixth round (B): what an app's state, a machine's body and the server's challenge say ---------------------


def test_a_401_naming_a_standard_scheme_is_auth_even_when_it_draws_a_sign_in_form():
    body = _doc(
        "<main><h1>Staff area</h1><form action='/login' method='post'><input name='user'>"
        "<input type='password' name='pw'><button>Sign in</button></form></main>"
    )
    for scheme in ('Basic realm="staff"', "Negotiate, NTLM", "Bearer"):
        got = judge(visit(body=body, status=401, headers={**HTML, "www-authenticate": scheme}))
        assert got.gate is Gate.AUTH, scheme
    assert judge(visit(body=body, status=401)).gate is Gate.LOGIN  # no challenge: the page decides


def _shell(state: str, lang: str = "en") -> str:
    return (
        f"<!doctype html><html lang='{lang}'><head><title>Portal</title></head><body><div id='app'></div>"
        f"<script>window.__STATE__ = {state};</script></body></html>"
    )


def test_an_app_shell_whose_state_says_not_found_is_a_soft_404_and_one_that_refuses_is_forbidden():
    assert judge(visit(body=_shell('{"error": {"code": "NOT_FOUND"}}'))).outcome is Outcome.SOFT_404
    got = judge(visit(body=_shell('{"error": {"code": "PERMISSION_DENIED"}}')))
    assert (got.outcome, got.gate) == (Outcome.GATED, Gate.FORBIDDEN)


def test_a_served_page_whose_state_mentions_a_not_found_event_type_is_served():
    body = _doc(f'<main><h1>Home visits</h1>{LESSON}</main><script>var s = {{"status": "404"}};</script>')
    assert judge(visit(body=body)).outcome is Outcome.OK


def test_a_premium_item_the_reader_has_access_to_is_served_and_one_locked_is_a_paywall():
    locked = _shell('{"episode": {"premium": true}, "viewer": {"hasAccess": false}}')
    got = judge(visit(body=locked))
    assert (got.outcome, got.gate) == (Outcome.GATED, Gate.PAYWALL)
    assert judge(visit(body=_shell('{"episode": {"premium": true}, "viewer": {"hasAccess": true}}'))).outcome is (
        Outcome.OK
    )


def test_a_firewalls_json_refusal_is_blocked_and_an_apis_permission_refusal_is_forbidden():
    waf = visit(body='{"code": "WAF_BLOCKED"}', status=403, headers={"content-type": "application/json"})
    assert judge(waf).outcome is Outcome.BLOCKED
    scope = visit(body='{"error": "insufficient_scope"}', status=403, headers={"content-type": "application/json"})
    assert judge(scope).gate is Gate.FORBIDDEN


def test_a_long_served_article_with_a_subscriber_sign_in_banner_is_served():
    body = f"<main><h1>Chronic pain</h1>{LESSON}<p>Already a subscriber? Sign in. Not yet? 1 € a month.</p></main>"
    assert verdict_of_page(body) == ("ok", None)


def test_a_teaser_offering_a_subscribers_sign_in_beside_a_price_is_a_paywall():
    body = "<main><h1>Chronic pain</h1><p>New guidance…</p><p>Già abbonato? Accedi. Abbonati a 1 € al mese.</p></main>"
    assert verdict_of_page(body, "it") == ("gated", "paywall")


def test_a_service_kept_at_home_by_a_clinicians_licence_is_served():
    page_ = (
        "<main><h1>Telehealth</h1><p>Due to licensing restrictions, our nurses can only see patients in Ontario.</p>"
        "<p>Book a call below.</p></main>"
    )
    assert verdict_of_page(page_) == ("ok", None)


@pytest.mark.parametrize(
    "body",
    [
        # a shop widget in an aside of a short guide sells a printed copy, not the guide
        "<main><h1>Guide</h1><p>Screen every patient for signs of exploitation.</p>"
        "<aside><h3>Shop</h3><p>Printed guide €12</p><a href='/cart/add/7'>Add to cart</a></aside></main>",
        # a playable recording beside a ticket for the next session
        "<main><h1>Webinar recording</h1><video src='/v/1.mp4' controls></video><p>Next live session: €20.</p>"
        "<a href='/events/next/buy'>Buy a ticket for the next session</a></main>",
        # an article about a campaign's broadcast rights
        "<main><h1>Campaigns</h1><p>Broadcast rights for the campaign video only cover Europe.</p></main>",
        # a search page's heading that asks
        "<main><h1>Not found? Try our search</h1><form action='/search'><input type='search' name='q'></form></main>",
    ],
)
def test_public_pages_that_look_like_the_widened_gates_are_served(body):
    assert verdict_of_page(body) == ("ok", None)


def test_an_oauth_error_about_its_code_challenge_and_a_bucket_named_for_a_bot_are_no_walls():
    oauth = visit(
        body='{"error": "invalid_request", "error_description": "code_challenge required"}',
        status=400,
        headers={"content-type": "application/json"},
    )
    assert judge(oauth).outcome is not Outcome.BLOCKED
    s3 = visit(
        body="<Error><Code>AccessDenied</Code><BucketName>bot-assets</BucketName></Error>",
        status=403,
        headers={"content-type": "application/xml"},
    )
    assert judge(s3).gate is Gate.FORBIDDEN


@pytest.mark.parametrize(
    "text, action, href, lang",
    [
        ("Preis: 89,00 € inkl. MwSt.", "Jetzt buchen", "/kurs/7", "de"),
        ("Tarif : 149 €", "S'inscrire et payer", "/panier/ajouter/12", "fr"),
        ("Cena: 299 zł", "Zapisz się", "/koszyk/dodaj/3", "pl"),
        ("Investimento: R$ 297,00", "Quero me inscrever", "https://pay.example.com/X123", "pt"),
        ("$199", "Enroll now", "/courses/wound/enroll", "en"),
    ],
)
def test_a_short_course_page_that_enrols_for_a_price_is_a_paywall(text, action, href, lang):
    page_ = f"<main><h1>Wound care</h1><p>Video course, 6 lessons.</p><p>{text}</p><a href='{href}'>{action}</a></main>"
    assert verdict_of_page(page_, lang) == ("gated", "paywall")


def test_a_short_course_page_that_enrols_for_nothing_is_no_paywall():
    page_ = (
        "<main><h1>Wound care</h1><p>Video course, 6 lessons.</p><p>Price: 0 €</p><a href='/c/7'>Enroll now</a></main>"
    )
    assert verdict_of_page(page_) != ("gated", "paywall")


def test_a_proof_of_work_that_sends_its_answer_and_reloads_is_blocked():
    body = (
        "<!doctype html><html lang='hu'><head><title>Egy pillanat</title></head><body>"
        "<p>Kérjük, várjon néhány másodpercet, amíg az oldal betöltődik.</p><script>"
        "(async()=>{const d=await crypto.subtle.digest('SHA-256',new TextEncoder().encode('x'));"
        "await fetch('/_pow',{method:'POST',body:d});location.reload();})();</script></body></html>"
    )
    assert judge(visit(body=body, status=503)).outcome is Outcome.BLOCKED


@pytest.mark.parametrize(
    "notice, lang",
    [
        ("Anda tidak memiliki izin untuk melihat halaman ini.", "id"),
        ("Bạn không có quyền xem trang này.", "vi"),
        ("Nincs jogosultsága az oldal megtekintéséhez.", "hu"),
        ("Sinulla ei ole oikeutta tähän sivuun.", "fi"),
    ],
)
def test_a_permissions_page_is_forbidden_in_more_languages(notice, lang):
    assert verdict_of_page(f"<main><h1>403</h1><p>{notice}</p></main>", lang) == ("gated", "forbidden")


@pytest.mark.parametrize(
    "notice, lang",
    [("Toto video nie je dostupné vo vašej krajine.", "sk"), ("Ovaj video nije dostupan u vašoj zemlji.", "hr")],
)
def test_a_country_refusal_is_forbidden_in_slovak_and_croatian(notice, lang):
    assert verdict_of_page(f"<main><div class='err'>{notice}</div><h1>Epizoda 2</h1></main>", lang) == (
        "gated",
        "forbidden",
    )


@pytest.mark.parametrize(
    "text, action, href, lang",
    [
        ("Học phí: 499.000₫", "Đăng ký học", "/thanh-toan?k=3", "vi"),
        ("Стоимость: 3 900 ₽", "Записаться на курс", "/order/5", "ru"),
        ("السعر: 199 ر.س", "اشترِ الآن", "/checkout/6", "ar"),
    ],
)
def test_a_course_sold_with_thousands_separators_or_in_other_scripts_is_a_paywall(text, action, href, lang):
    page_ = f"<main><h1>Course</h1><p>{text}</p><a href='{href}'>{action}</a></main>"
    assert verdict_of_page(page_, lang) == ("gated", "paywall")


@pytest.mark.parametrize(
    "notice, lang",
    [
        ("Ваш запрос похож на автоматический. Если вы человек, обратитесь к администратору.", "ru"),
        ("セキュリティ上の理由により、お客様のアクセスを一時的に制限しております。", "ja"),
    ],
)
def test_a_refusal_that_finds_the_request_automated_or_unsafe_is_blocked_in_more_languages(notice, lang):
    body = _doc(f"<main><h1>403</h1><p>{notice}</p></main>", lang=lang)
    assert judge(visit(body=body, status=403)).outcome is Outcome.BLOCKED


@pytest.mark.parametrize(
    "title, lang",
    [
        ("お探しのページは見つかりませんでした", "ja"),
        ("该课程已下架", "zh"),
        ("요청하신 강의를 찾을 수 없습니다", "ko"),
    ],
)
def test_a_course_or_page_that_is_gone_is_a_soft_404_in_japanese_chinese_and_korean(title, lang):
    assert judge(visit(body=_doc(f"<main><h1>{title}</h1></main>", lang=lang))).outcome is Outcome.SOFT_404


@pytest.mark.parametrize(
    "status, title, text",
    [
        (503, "Too many requests", "Rate limit exceeded, try again later."),
        (403, "Zu viele Anfragen", "Bitte versuchen Sie es später erneut."),
        (200, "リクエストが多すぎます", "しばらくしてから再度お試しください。"),
    ],
)
def test_a_plain_rate_limit_served_with_another_status_is_rate_limited(status, title, text):
    body = f"<!doctype html><html><head><title>{title}</title></head><body><h1>{title}</h1><p>{text}</p></body></html>"
    assert judge(visit(body=body, status=status)).outcome is Outcome.RATE_LIMITED


def test_a_rate_limit_page_with_a_challenge_is_blocked_and_an_article_about_rate_limits_is_served():
    body = _doc("<main><h1>Too many requests</h1><div class='g-recaptcha'></div></main>")
    assert judge(visit(body=body, status=503)).outcome is Outcome.BLOCKED
    article = _doc(f"<main><h1>Why APIs answer 'too many requests'</h1>{LESSON}</main>")
    assert judge(visit(body=article)).outcome is Outcome.OK


def test_a_playing_videos_small_print_about_rights_is_no_country_block():
    page_ = (
        "<main><h1>Triage drill</h1><video src='/v/triage.mp4' controls></video>"
        "<p>Due to rights restrictions, subtitles are only available in English.</p></main>"
    )
    assert verdict_of_page(page_) == ("ok", None)


def test_a_noscript_fallback_that_asks_for_a_password_is_no_challenge():
    """A <noscript> fallback whose form posts to ".../verify" asks the reader for something: it is the page."""
    body = (
        "<!doctype html><html><head><title>Minutes</title></head><body><div id='app'></div><noscript>"
        "<p>Enter the password you were given.</p><form method='post' action='/api/share/verify'>"
        "<input type='password' name='password'><button>OK</button></form></noscript></body></html>"
    )
    assert judge(visit(body=body)).outcome is not Outcome.BLOCKED


@pytest.mark.parametrize(
    "title, text, lang",
    [
        ("Recording expired", "This recording has expired and is no longer available.", "en"),
        ("Aufzeichnung abgelaufen", "Diese Aufzeichnung ist abgelaufen.", "de"),
        ("Grabación caducada", "Esta grabación ha caducado.", "es"),
    ],
)
def test_a_recording_that_ran_out_is_a_soft_404(title, text, lang):
    assert judge(visit(body=_doc(f"<main><h1>{title}</h1><p>{text}</p></main>", lang=lang))).outcome is Outcome.SOFT_404


def test_an_access_that_expired_is_the_readers_not_the_recordings():
    body = _doc("<main><h1>Session</h1><p>Your access has expired. Sign in again to continue.</p></main>")
    assert judge(visit(body=body)).outcome is not Outcome.SOFT_404


def test_a_ddos_interstitial_is_blocked_and_news_about_ddos_protection_is_served():
    wall = "<!doctype html><html><body><h1>DDoS protection</h1><p>Your browser will be redirected shortly.</p></body></html>"
    assert judge(visit(body=wall, status=503)).outcome is Outcome.BLOCKED
    news = _doc("<main><h1>IT news</h1><p>Our new DDoS protection checks every request to the portal.</p></main>")
    assert judge(visit(body=news)).outcome is Outcome.OK


def test_a_refusal_by_the_sites_security_provider_is_blocked():
    body = _doc(
        "<main><h1>Forbidden</h1><p>Access from your network is restricted by our security provider.</p></main>"
    )
    assert judge(visit(body=body, status=403)).outcome is Outcome.BLOCKED


# -- the seventh round, tuner A: approval promised, applications, sign-in method pickers, passwords elsewhere ----


@pytest.mark.parametrize(
    "text, control, lang",
    [
        ("Membership is moderated. You'll get an email once it has been accepted.", "Join group", "en"),
        ("Invia una richiesta: riceverai un'email quando verrà accettata.", "Invia richiesta", "it"),
        ("Du får en melding når den er godkjent eller avslått.", "Bli medlem", "nb"),
        ("Bạn chỉ xem được tài liệu sau khi được duyệt.", "Gửi yêu cầu tham gia", "vi"),
        ("共有者に承認されるとメールでお知らせします。", "アクセスをリクエスト", "ja"),
    ],
)
def test_a_short_page_promising_word_once_someone_approves_is_request_access(text, control, lang):
    body = f"<main><h1>Nursing group</h1><p>{text}</p><a class='btn' href='/g/1/join'>{control}</a></main>"
    assert verdict_of_page(body, lang=lang) == ("gated", "request_access")


def test_comments_that_appear_once_approved_and_an_abstract_call_are_no_request_but_a_join_page_is():
    """Approval promised for a comment under a served article, or for an abstract sent to a congress, gates nothing."""
    join = "<main><h1>Group</h1><p>You'll get an email once your request has been approved.</p><a href='/j'>Join</a></main>"
    assert verdict_of_page(join) == ("gated", "request_access")
    post = (
        ARTICLE + "</article><section class='comments'><h3>Leave a comment</h3><p>Comments appear once they have been "
        "approved by a moderator. You'll be notified when your comment is approved.</p><form action='/comment'>"
        "<textarea name='comment'></textarea><button>Post comment</button></form></section></main>"
    )
    assert verdict_of_page(post) == ("ok", None)
    call = (
        "<main><h1>Call for abstracts</h1><p>Send your abstract by 1 March; you'll be notified once it has been "
        "accepted.</p><a href='/abstracts/new'>Submit an abstract</a></main>"
    )
    assert verdict_of_page(call) == ("ok", None)


def test_a_link_sent_to_an_application_with_its_form_is_request_access_and_a_served_page_is_not():
    form = (
        "<main><h1>Data access</h1><p>Submit the application; the committee decides.</p><form action='/send'>"
        "<input name='name'><input type='email' name='email'><textarea name='purpose'></textarea>"
        "<button>Send</button></form></main>"
    )
    start = "https://data.example.org/datasets/cohort/download"
    for segment in ("solicitud", "hakemus/uusi", "antrag", "apply"):
        chain = [{"url": start, "status": 302, "location": f"https://data.example.org/{segment}"}]
        assert judge(visit(start, body=_doc(form), chain=chain)).gate is Gate.REQUEST_ACCESS, segment
    # the same address not reached by a redirect: a page about applying, read where it is
    assert judge(visit("https://data.example.org/solicitud", body=_doc(form))).gate is not Gate.REQUEST_ACCESS


def test_a_403_offering_an_application_form_is_request_access_and_a_bare_403_is_forbidden():
    body = _doc(
        "<main><h1>Band 4</h1><p>Die Scans sind nicht frei zugänglich.</p><form action='/antrag'><input name='name'>"
        "<input type='email' name='email'><textarea name='zweck'></textarea><button>Antrag absenden</button></form></main>",
        lang="de",
    )
    assert judge(visit(body=body, status=403)).gate is Gate.REQUEST_ACCESS
    bare = _doc("<main><h1>Forbidden</h1><p>You don't have permission to access this resource.</p></main>")
    assert judge(visit(body=bare, status=403)).gate is Gate.FORBIDDEN


def test_a_no_access_notice_that_says_send_a_request_is_request_access():
    body = "<main><h1>Doc</h1><p>You don't have access to this doc. Send a request and an owner will look at it.</p></main>"
    assert verdict_of_page(body) == ("gated", "request_access")


@pytest.mark.parametrize(
    "heading, lang",
    [
        ("Elija el método de identificación", "es"),
        ("Choisissez votre moyen de connexion", "fr"),
        ("Wählen Sie Ihre Anmeldemethode", "de"),
        ("Escolha o método de autenticação", "pt"),
        ("Choose a sign-in method", "en"),
    ],
)
def test_a_short_picker_of_sign_in_methods_is_login(heading, lang):
    body = (
        f"<main><h1>{heading}</h1><form action='/auth' method='post'><button name='m' value='cert'>Certificate</button>"
        "<button name='m' value='app'>Mobile app</button></form></main>"
    )
    assert verdict_of_page(body, lang=lang) == ("gated", "login")


def test_a_help_article_on_choosing_a_sign_in_method_is_served_and_the_picker_itself_is_login():
    picker = "<main><h1>Choose a sign-in method</h1><form action='/a'><button>Smart card</button></form></main>"
    assert verdict_of_page(picker) == ("gated", "login")
    body = (
        "<main><article><h1>Choose a sign-in method</h1>"
        + "<p>Staff can use a smart card, the mobile app or a one-time code sent by text message. </p>" * 12
        + "<form action='/search'><input name='q'><button>Search</button></form></article></main>"
    )
    assert verdict_of_page(body) == ("ok", None)


def test_a_short_form_carrying_a_saml_request_is_login():
    body = (
        "<main><h1>Accesso</h1><form action='/sso' method='post'><input type='hidden' name='SAMLRequest' value='PHNh'>"
        "<button>SPID</button><button>CIE</button></form></main>"
    )
    assert verdict_of_page(body, lang="it") == ("gated", "login")


def test_a_readable_page_mentioning_another_modules_password_is_served_and_the_notice_alone_is_private():
    readable = (
        "<main><h1>Module 3: nutrition</h1>"
        + "<p>Screen older patients with a short questionnaire and weigh them every month. </p>" * 8
        + "<p>Note for participants: the next module is password protected; the coordinator e-mails the "
        "password.</p></main>"
    )
    assert verdict_of_page(readable) == ("ok", None)
    notice = "<main><h1>Module 4</h1><p>This content is password protected. Ask your coordinator.</p></main>"
    assert verdict_of_page(notice) == ("gated", "private")


@pytest.mark.parametrize(
    "text, lang",
    [
        ("Die Besitzerin hat den Kanal auf «privat» gestellt.", "de"),
        ("Le propriétaire a rendu cette vidéo privée.", "fr"),
        ("El propietario ha hecho este vídeo privado.", "es"),
        ("The owner has set this channel to private.", "en"),
    ],
)
def test_a_notice_that_the_owner_set_the_item_to_private_is_private_even_as_a_403(text, lang):
    body = _doc(f"<main><h1>Video</h1><p>This video is not available. {text}</p></main>", lang=lang)
    assert judge(visit(body=body, status=403)).gate is Gate.PRIVATE


def test_a_help_page_on_how_owners_make_videos_private_is_served_and_the_owners_notice_is_private():
    body = "<main><h1>Privacy</h1><p>Owners can set their channel to private at any time in the settings.</p></main>"
    assert verdict_of_page(body) == ("ok", None)
    notice = "<main><h1>Video</h1><p>Der Besitzer hat das Video auf privat gestellt.</p></main>"
    assert verdict_of_page(notice, lang="de") == ("gated", "private")


def test_an_app_state_flagging_a_passcode_is_private():
    state = (
        '<div id=\'app\'></div><script type=\'application/json\'>{"recording":{"title":"CME",'
        '"passcodeProtected":true}}</script>'
    )
    assert verdict_of_page(state) == ("gated", "private")


def test_a_landing_page_that_emails_the_guide_at_once_is_registration_and_an_article_with_that_offer_is_served():
    landing = (
        "<main><h1>Handover guide</h1><p>We'll email you the PDF link straight away.</p><div id='f'></div>"
        "<script src='https://x.jotform.com/jsform/1'></script></main>"
    )
    assert verdict_of_page(landing) == ("gated", "registration")
    article = (
        ARTICLE + "</article><aside><h3>Free guide</h3><p>We'll email you the PDF link straight away.</p>"
        "<form action='/guide'><input type='email' name='email'><button>Send me the guide</button></form></aside></main>"
    )
    assert verdict_of_page(article) == ("ok", None)


def test_a_sign_up_reached_from_the_resource_or_beside_a_provider_is_login_and_an_inline_sign_up_box_is_registration():
    form = (
        "<form action='/register' method='post'><input name='name' placeholder='Full name'><input type='email' "
        "name='email'><input type='password' name='password'><button>Sign up</button></form>"
    )
    provider = _doc(
        f"<main><h1>Create your free account</h1><a href='/auth/google'>Sign up with Google</a>{form}</main>"
    )
    assert judge(visit(body=provider)).gate is Gate.LOGIN
    start = "https://learn.example.org/course/7"
    chain = [{"url": start, "status": 302, "location": "https://learn.example.org/register?redirect=%2Fcourse%2F7"}]
    redirected = _doc(f"<main><h1>Create your free account</h1>{form}</main>")
    assert judge(visit(start, body=redirected, chain=chain)).gate is Gate.LOGIN
    inline = _doc(
        f"<main><h1>Manual (PDF)</h1><p>Create a free account to download.</p>{form}<a href='/login'>Log in</a></main>"
    )
    assert judge(visit(body=inline)).gate is Gate.REGISTRATION


def test_a_link_sent_to_a_pending_request_is_request_access_and_a_pending_payment_is_not():
    body = _doc("<main><h1>Kurs</h1><p>Tack! Kursansvarig går igenom anmälan.</p></main>", lang="sv")
    start = "https://learn.example.org/course/view?id=311"
    enrol = [{"url": start, "status": 302, "location": "https://learn.example.org/course/enrol?id=311&status=pending"}]
    assert judge(visit(start, body=body, chain=enrol)).gate is Gate.REQUEST_ACCESS
    paid = [{"url": start, "status": 302, "location": "https://learn.example.org/checkout/done?status=pending"}]
    assert judge(visit(start, body=body, chain=paid)).gate is not Gate.REQUEST_ACCESS


@pytest.mark.parametrize(
    "script",
    [
        "<div data-fillout-id='a1'></div><script src='https://server.fillout.com/embed/v1/'></script>",
        "<script src='https://clinic.activehosted.com/f/embed.php?id=7'></script>",
        "<iframe src='https://abc.sibforms.com/serve/MUIF'></iframe>",
    ],
)
def test_a_guide_landing_page_whose_form_a_lead_capture_suite_draws_is_registration(script):
    landing = f"<main><h1>Wound care guide</h1><p>We'll email you the PDF link straight away.</p>{script}</main>"
    assert verdict_of_page(landing) == ("gated", "registration")


def test_membership_of_a_named_group_that_requires_approval_is_request_access_beside_an_apply_control():
    body = (
        "<main><h1>Wound care circle</h1><p>Membership in this group requires approval by the group owner.</p>"
        "<a href='/g/9/apply'>Apply to join</a></main>"
    )
    assert verdict_of_page(body) == ("gated", "request_access")


# ---- seventh round (B): web filters on the reader's side, and what stays a gate or served beside them


def test_a_web_filter_that_prints_the_refused_address_and_its_category_is_blocked():
    """A filter's page (any product, any language) prints what the visit asked for and why it refused it."""
    body = _doc(
        "<main><h1>Situs ini diblokir</h1><p>Alamat <b>kursus-perawat.example.id</b> tidak dapat diakses dari "
        "jaringan kami.</p><p>Kategori: Streaming</p></main>",
        lang="id",
    )
    chain = [
        {
            "url": "https://kursus-perawat.example.id/modul/3",
            "status": 302,
            "location": "https://filter.isp.example.net/?u=kursus-perawat.example.id",
        }
    ]
    v = visit("https://kursus-perawat.example.id/modul/3", body=body, chain=chain)
    assert judge(v).outcome is Outcome.BLOCKED


def test_a_help_page_about_web_filters_is_served():
    """Filter words without the refused address: an IT help page explaining blocked categories."""
    body = _doc(
        "<main><h1>Why is a site blocked?</h1><p>Our web filter blocks some categories under the network policy. "
        "If a page you need for work is blocked, ask the service desk to review its category.</p></main>"
    )
    assert judge(visit("https://it.example.org/help/web-filter", body=body)).outcome is Outcome.OK


def test_a_sites_own_refusal_naming_itself_is_forbidden_not_a_filter():
    body = _doc("<main><h1>403 Forbidden</h1><p>Access to portal.example.org was denied.</p></main>")
    got = judge(visit("https://portal.example.org/staff/", body=body, status=403))
    assert got.outcome is Outcome.GATED and got.gate is Gate.FORBIDDEN


def test_a_registry_stub_that_cites_the_law_stays_a_legal_block():
    """A regulator's stub names the address and the blocking, but its ground is a law, not a filter's category."""
    body = _doc(
        "<main><h1>Доступ к ресурсу ограничен</h1><p>Страница внесена в единый реестр, доступ к ней ограничивается "
        "в соответствии с Федеральным законом № 149-ФЗ. Основание блокировки можно проверить на сайте реестра.</p>"
        "<p>Запрошенный адрес: https://lekcii.example.ru/zapis/12</p></main>",
        lang="ru",
    )
    chain = [
        {"url": "https://lekcii.example.ru/zapis/12", "status": 302, "location": "http://warning.isp.example/?id=1"}
    ]
    got = judge(visit("https://lekcii.example.ru/zapis/12", body=body, chain=chain))
    assert got.outcome is Outcome.GATED and got.gate is Gate.FORBIDDEN


def test_an_owners_network_allowlist_is_forbidden_even_when_it_prints_the_address():
    body = _doc(
        "<main><h1>Ihr Netzwerk hat keinen Zugriff auf diese Website</h1><p>Die Administratoren lassen Inhalte nur aus "
        "bestimmten Netzwerken zu.</p><p>IP-Adresse: 203.0.113.9</p></main>",
        lang="de",
    )
    got = judge(visit(body=body, status=403))
    assert got.outcome is Outcome.GATED and got.gate is Gate.FORBIDDEN


def test_a_firewall_that_locked_out_an_address_stays_blocked():
    body = _doc("<main><h1>Access denied</h1><p>Your IP address 203.0.113.9 has been blocked.</p></main>")
    assert judge(visit(body=body, status=403)).outcome is Outcome.BLOCKED


@pytest.mark.parametrize(
    "text, lang",
    [
        ("Kan ikke vises der du er nå. Det ser ut til at du befinner deg i utlandet.", "no"),
        ("This title isn't available where you are.", "en"),
        ("Ce programme n'est pas disponible là où vous êtes.", "fr"),
        ("Dieses Video ist nicht verfügbar, wo Sie sich gerade befinden.", "de"),
    ],
)
def test_a_player_refusing_the_place_the_reader_is_in_is_forbidden(text, lang):
    body = _doc(f"<main><h1>Helsemagasinet</h1><p>{text}</p><p>29 min</p></main>", lang=lang)
    got = judge(visit(body=body))
    assert got.outcome is Outcome.GATED and got.gate is Gate.FORBIDDEN


def test_a_help_article_about_watching_abroad_is_served():
    body = _doc(
        "<main><h1>Se programmer i utlandet</h1><p>Når du er i utlandet, kan noen programmer vises, andre ikke. "
        + "Her forklarer vi hvorfor rettighetene varierer fra program til program og land til land. " * 6
        + "</p></main>",
        lang="no",
    )
    assert judge(visit(body=body)).outcome is Outcome.OK


def test_a_region_unavailable_page_is_forbidden_only_when_the_visit_was_sent_there():
    body = _doc("<main><h1>Sorry</h1><p>We can't show you this title.</p></main>")
    chain = [
        {
            "url": "https://films.example.org/p/1",
            "status": 302,
            "location": "https://films.example.org/region-unavailable",
        }
    ]
    got = judge(visit("https://films.example.org/p/1", body=body, chain=chain))
    assert got.outcome is Outcome.GATED and got.gate is Gate.FORBIDDEN
    catalogued = judge(visit("https://films.example.org/help/region-unavailable", body=body))
    assert catalogued.outcome is Outcome.OK


def test_a_429_carrying_a_challenge_form_is_blocked_and_a_plain_429_is_a_rate_limit():
    wall = _doc(
        "<main><h1>Security check</h1><p>Too many requests from your network.</p><form method='post' "
        "action='/__cdn/challenge/verify'><input type='text' name='answer'><button>Continue</button></form></main>"
    )
    assert judge(visit(body=wall, status=429, headers={**HTML, "retry-after": "60"})).outcome is Outcome.BLOCKED
    plain = _doc("<main><h1>Too many requests</h1><p>Please retry in a minute.</p></main>")
    assert judge(visit(body=plain, status=429, headers={**HTML, "retry-after": "60"})).outcome is Outcome.RATE_LIMITED


def test_a_text_message_code_or_an_email_verify_form_is_no_challenge():
    """A sign-up's SMS code and an e-mail confirmation posting to /verify ask the reader for their own code."""
    sms = _doc(
        "<main><h1>报名观看</h1><form action='/signup'><input name='phone' placeholder='手机号'>"
        "<input name='code' placeholder='请输入短信验证码'><button>报名</button></form></main>",
        lang="zh",
    )
    assert judge(visit(body=sms)).outcome is not Outcome.BLOCKED
    email = _doc(
        "<main><h1>Confirm your e-mail</h1><form method='post' action='/account/verify'>"
        "<input name='code' placeholder='Code from the e-mail'><button>Verify</button></form></main>"
    )
    assert judge(visit(body=email)).outcome is not Outcome.BLOCKED


@pytest.mark.parametrize(
    "heading, lang",
    [
        ("El archivo solicitado ha sido eliminado.", "es"),
        ("Questo episodio non c'è più", "it"),
        ("Le fichier demandé a été supprimé", "fr"),
        ("Dieses Video wurde gelöscht", "de"),
        ("O vídeo foi removido", "pt"),
        ("Deze aflevering is verwijderd", "nl"),
    ],
)
def test_a_page_whose_own_item_was_removed_is_a_soft_404(heading, lang):
    """The heading says the item asked for is gone, beside the site's sign-in and sign-up links."""
    body = _doc(
        f"<header><a href='/login'>Log in</a> <a href='/signup'>Sign up</a></header><main><h1>{heading}</h1>"
        "<p>" + "Other episodes of the podcast are still available to listen to. " * 8 + "</p></main>",
        lang=lang,
    )
    assert judge(visit(body=body)).outcome is Outcome.SOFT_404


def test_news_about_a_withdrawn_medicine_is_served():
    body = _doc(
        "<main><h1>El fármaco ha sido retirado del mercado</h1><p>"
        + "La agencia explica por qué y qué deben hacer los pacientes y los profesionales. " * 8
        + "</p></main>",
        lang="es",
    )
    assert judge(visit(body=body)).outcome is Outcome.OK


@pytest.mark.parametrize(
    "body, lang",
    [
        (
            "<main><h1>Candida auris, again</h1><p>Three more hospitals reported clusters this month.</p><p>The rest of "
            "this email is for paying subscribers. Subscribe for $8/month to read this issue.</p><form action='/paid'>"
            "<input type='email' name='email'><button>Subscribe</button></form></main>",
            "en",
        ),
        (
            "<main><h1>Hypothermie na reanimatie</h1><p>Samenvatting van de klinische les.</p><p>Dit artikel is alleen "
            "toegankelijk voor abonnees.</p><a href='/abonnementen'>Bekijk abonnementen</a></main>",
            "nl",
        ),
        (
            "<main><h1>Plexo braquial</h1><h2>Este vídeo faz parte do Kenhub Premium</h2><p>Assinatura a partir de "
            "14,99 € por mês.</p><a href='/pricing'>Obter Premium</a></main>",
            "pt",
        ),
        (
            '<div id=\'app\'></div><script>window.__S__={"lesson":{"locked":true,"lockReason":"NOT_PURCHASED"},'
            '"offer":{"price":"R$ 497,00"}};</script>',
            "pt",
        ),
    ],
)
def test_content_kept_for_paying_subscribers_is_a_paywall(body, lang):
    got = judge(visit(body=_doc(body, lang=lang)))
    assert got.outcome is Outcome.GATED and got.gate is Gate.PAYWALL, got.detail


def test_a_served_lesson_beside_a_premium_offer_is_served():
    body = _doc(
        "<main><h1>Brachial plexus</h1><p>"
        + "The brachial plexus is formed by the anterior rami of C5 to T1 and supplies the upper limb. " * 12
        + "</p></main><aside><p>This quiz is part of Kenhub Premium.</p><a href='/pricing'>Get Premium</a></aside>"
    )
    assert judge(visit(body=body)).outcome is Outcome.OK


def test_an_open_chapter_under_a_free_licence_beside_a_priced_print_edition_is_served():
    head = (
        "<meta name='citation_title' content='Clinical Skills'><meta name='DC.rights' content='CC BY 4.0'>"
        "<link rel='license' href='https://creativecommons.org/licenses/by/4.0/'>"
    )
    body = (
        f"<!doctype html><html lang='en'><head><meta charset='utf-8'><title>4.2 Blood pressure</title>{head}</head>"
        "<body><main><h1>Measuring blood pressure</h1><p>Select the correct cuff size and record both numbers.</p>"
        "<a href='https://shop.example/print'>Buy the print edition ($24.50)</a></main></body></html>"
    )
    assert judge(visit(body=body)).outcome is Outcome.OK


def test_a_free_chapter_offered_to_read_here_beside_the_books_price_is_served():
    body = _doc(
        "<main><h2>Enfermagem Gerontológica</h2><p>R$ 219,00 (impresso)</p><a href='/checkout/cart/add/1'>Comprar o "
        "livro impresso</a><h1>Capítulo 9 – Avaliação da dor</h1><p>Leia gratuitamente o capítulo completo abaixo.</p>"
        "<p>A dor persistente é uma das queixas mais frequentes entre pessoas idosas.</p></main>",
        lang="pt",
    )
    assert judge(visit(body=body)).outcome is Outcome.OK


def test_a_free_trial_offer_to_read_is_still_a_sale():
    body = _doc(
        "<main><h1>Capítulo 9</h1><p>Leia grátis por 7 dias e depois R$ 29,90 por mês.</p>"
        "<a href='/checkout/cart/add/1'>Comprar agora</a></main>",
        lang="pt",
    )
    got = judge(visit(body=body))
    assert got.outcome is Outcome.GATED and got.gate is Gate.PAYWALL, got.detail


def test_a_photo_credit_under_a_free_licence_frees_no_article():
    body = _doc(
        "<main><h1>Hypothermia after cardiac arrest</h1><p>Abstract only.</p><p>The photo above is licensed under a "
        "Creative Commons licence.</p><p>This article is only accessible to subscribers.</p>"
        "<a href='/subscribe/plans'>See plans from $9/month</a></main>"
    )
    got = judge(visit(body=body))
    assert got.outcome is Outcome.GATED and got.gate is Gate.PAYWALL, got.detail


def test_a_filter_that_carries_the_refused_address_in_its_redirect_is_blocked():
    """The block page need not print the address: the redirect to the filter's host carries it."""
    body = _doc(
        "<main><h1>Webseite nicht erreichbar</h1><p>Diese Seite ist laut Richtlinie des Schulnetzes gesperrt.</p>"
        "<p>Kategorie: Spiele</p></main>",
        lang="de",
    )
    chain = [
        {
            "url": "https://anatomy-games.example.org/heart",
            "status": 302,
            "location": "https://block.filter.example.net/deny?cat=games&url=https%3A%2F%2Fanatomy-games.example.org%2Fheart",
        }
    ]
    v = visit("https://anatomy-games.example.org/heart", body=body, chain=chain)
    assert judge(v).outcome is Outcome.BLOCKED


def test_an_allowlist_refusal_naming_its_own_site_and_the_readers_network_is_forbidden():
    body = _doc(
        "<main><h1>Access denied</h1><p>wiki.example.org can only be opened from approved networks, and access from "
        "your network was denied.</p></main>"
    )
    got = judge(visit("https://wiki.example.org/spaces/icu", body=body, status=403))
    assert got.outcome is Outcome.GATED and got.gate is Gate.FORBIDDEN, got.detail


def test_a_filter_refusal_that_reports_a_category_is_blocked_though_it_prints_no_address():
    body = _doc(
        "<main><h1>Sitio web no permitido</h1><p>Esta dirección no está permitida en la red del hospital.</p>"
        "<p>Categoría: Juegos</p></main>",
        lang="es",
    )
    assert judge(visit(body=body, status=403)).outcome is Outcome.BLOCKED


def test_a_shops_category_page_that_mentions_blocked_cards_is_served():
    body = _doc(
        "<main><h1>Category: Wound care</h1><p>Our card payments are blocked for maintenance tonight; "
        "the guides below stay free to read.</p></main>"
    )
    assert judge(visit(body=body)).outcome is Outcome.OK


def test_a_month_free_to_read_is_a_trial_not_a_free_article():
    body = _doc(
        "<main><h1>Sepsis-Update</h1><p>Jetzt einen Monat kostenlos lesen, danach 9,90 € im Monat.</p>"
        "<a href='/checkout/abo'>Abo kaufen</a></main>",
        lang="de",
    )
    got = judge(visit(body=body))
    assert got.outcome is Outcome.GATED and got.gate is Gate.PAYWALL, got.detail


def test_a_hosting_suspension_at_the_address_itself_is_no_web_filter():
    body = _doc(
        "<main><h1>Account suspended</h1><p>kursus.example.org has been blocked by its hosting provider for breaking "
        "our acceptable use policy.</p></main>"
    )
    assert judge(visit("https://kursus.example.org/modul/1", body=body)).outcome is not Outcome.BLOCKED


def test_a_deep_link_sent_to_a_not_found_path_is_a_soft_404_and_such_a_page_catalogued_is_not():
    body = _doc("<main><h1>Oops!</h1><p>Try the catalogue.</p></main>")
    chain = [
        {"url": "https://rec.example.org/r/77", "status": 302, "location": "https://rec.example.org/page-not-found"}
    ]
    assert judge(visit("https://rec.example.org/r/77", body=body, chain=chain)).outcome is Outcome.SOFT_404
    assert judge(visit("https://rec.example.org/docs/not-found", body=body)).outcome is Outcome.OK


@pytest.mark.parametrize(
    "heading", ["This episode has been removed", "This post was deleted", "Episode no longer available"]
)
def test_an_episode_or_post_that_is_gone_is_a_soft_404(heading):
    body = _doc(f"<main><h1>{heading}</h1><p>" + "Listen to other episodes of the show below. " * 10 + "</p></main>")
    assert judge(visit(body=body)).outcome is Outcome.SOFT_404


def test_a_dns_filter_answering_200_for_the_address_itself_is_blocked():
    body = _doc(
        "<main><h1>Webseite nicht erreichbar</h1><p>Die Adresse anatomy-games.example.org ist vom Webfilter der Schule "
        "gesperrt.</p><p>Kategorie: Spiele</p></main>",
        lang="de",
    )
    assert judge(visit("https://anatomy-games.example.org/heart", body=body)).outcome is Outcome.BLOCKED


def test_a_sites_own_refusal_linking_its_privacy_policy_is_no_filter():
    body = _doc(
        "<main><h1>Access denied</h1><p>You may not open portal.example.org/staff from outside.</p>"
        "<p><a href='/privacy'>Privacy policy</a></p></main>"
    )
    got = judge(visit("https://portal.example.org/staff", body=body, status=403))
    assert got.outcome is Outcome.GATED and got.gate is Gate.FORBIDDEN, got.detail
