"""pipelines.charset.lower: the fast lower-casing every rule is matched against must
give exactly what ``str.lower`` gives, or a rule written in lower case misses a page; and a page's bytes
must be read as the text they are, whatever label they came with."""

import pytest

from pipelines.charset import decode_html, lower


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


def test_a_utf8_page_labelled_with_a_legacy_cyrillic_charset_is_read_as_utf8():
    """A site moved to UTF-8 that kept its old windows-1251 label: its text, not mojibake, is what is judged."""
    body = "<p>Полный текст доступен только подписчикам</p>".encode()
    assert decode_html(body, content_type="text/html; charset=windows-1251") == body.decode()


def test_a_page_really_in_a_legacy_charset_keeps_its_label():
    body = "<p>Полный текст</p>".encode("cp1251")
    assert decode_html(body, content_type="text/html; charset=windows-1251") == "<p>Полный текст</p>"
    assert decode_html("café".encode("cp1252"), content_type="text/html; charset=ISO-8859-1") == "café"
