"""pipelines.charset.lower: the fast lower-casing every rule is matched against must
give exactly what ``str.lower`` gives, or a rule written in lower case misses a page."""

import pytest

from pipelines.charset import lower


@pytest.mark.parametrize(
    "text",
    [
        "plain ascii SIGN IN",
        "Sign In — Members Only © 2024",  # ASCII capitals next to non-ASCII that has no case
        "ACCÈS REFUSÉ — CONNEXION",  # non-ASCII capitals: the slow path, same result
        "ΟΔΟΣ ΠΡΟΣΒΑΣΗΣ",  # Greek final sigma depends on context
        "İSTANBUL",  # lower-cases to two code points
        "ЗАРЕГИСТРИРУЙТЕСЬ to continue",
        "ﬁle ﬂow",  # ligatures have no lower case
        "lone \udc80 SURROGATE",
        "",
    ],
)
def test_lower_is_str_lower(text):
    assert lower(text) == text.lower()


def test_lower_keeps_positions_on_a_mostly_ascii_page():
    page = "<title>Course — Module 1</title>" + "<p>LOGIN REQUIRED</p>" * 500
    lowered = lower(page)
    assert len(lowered) == len(page)
    assert lowered.index("login required") == page.index("LOGIN REQUIRED")
