"""One way to turn a page's bytes into text, for judgment and extraction alike.

Order: the encoding the caller was told, the Content-Type charset, a BOM (which
wins over a label that contradicts it: a BOM is never there by accident), a
``<meta charset>`` / ``http-equiv`` in the first 4 KB, else UTF-8. Labels are
read the WHATWG way by w3lib (``latin-1`` and ``ascii`` mean windows-1252).

One heuristic of our own: a page labelled (or defaulted to) UTF-8 whose bytes
are not UTF-8 is read as windows-1252, the commonest mislabelling on the web,
so "Café crème" stays "Café crème" instead of losing its accents to U+FFFD.
And its mirror: a page labelled with a single-byte legacy charset (windows-1251,
ISO-8859-x, KOI8) whose non-ASCII bytes are all valid UTF-8 sequences is read as
UTF-8 (a site moved to UTF-8 that kept its old label): legacy text almost never
forms valid multi-byte sequences, so "Полный текст" does not turn into "РџРѕР»...".
"""

from __future__ import annotations

from w3lib.encoding import html_body_declared_encoding, http_content_type_encoding, read_bom, resolve_encoding


def usable_codec(label: str | None) -> str | None:
    """A Python codec for a charset label, WHATWG aliases applied; None if unknown."""
    if not label:
        return None
    try:
        return resolve_encoding(label.strip().strip("\"'"))
    except (LookupError, AttributeError):
        return None


def _single_byte_legacy(codec: str) -> bool:
    """A single-byte legacy codec (windows-125x, ISO-8859-x, KOI8): one whose text a UTF-8 reading would garble."""
    name = codec.replace("_", "-").lower()
    return name.startswith(("cp125", "windows-125", "iso8859", "iso-8859", "koi8", "mac-cyrillic", "cp866"))


def _is_utf8(codec: str) -> bool:
    return codec.replace("_", "-").lower() in ("utf-8", "utf8")


def decode_html(
    body: bytes, encoding: str | None = None, content_type: str | None = None, limit: int | None = None
) -> str:
    """The first ``limit`` bytes of ``body`` as text; undecodable bytes become U+FFFD."""
    return decode_html_as(body, encoding, content_type, limit)[0]


def decode_html_as(
    body: bytes, encoding: str | None = None, content_type: str | None = None, limit: int | None = None
) -> tuple[str, str | None]:
    """:func:`decode_html`, and ``"utf-8"`` when the bytes (after a BOM) were read as
    UTF-8 as they are, so a parser may be handed the bytes instead of the text."""
    chunk = body if limit is None else body[:limit]
    bom_codec, bom = read_bom(chunk)
    declared = usable_codec(encoding) or (
        usable_codec(http_content_type_encoding(content_type)) if content_type else None
    )
    bom_codec = usable_codec(bom_codec)
    if bom_codec and (
        declared is None or declared.split("-")[0] != bom_codec.split("-")[0] or declared in ("utf-16", "utf-32")
    ):
        declared = bom_codec
    codec = declared or usable_codec(html_body_declared_encoding(chunk[:4096])) or "utf-8"
    if bom and usable_codec(read_bom(chunk)[0]) == codec:
        chunk = chunk[len(bom) :]
    if _is_utf8(codec):
        try:
            return chunk.decode("utf-8"), "utf-8"
        except UnicodeDecodeError as exc:
            if exc.start >= len(chunk) - 3:  # a body cut mid-character by the read cap
                return chunk.decode("utf-8", errors="replace"), "utf-8"
            return chunk.decode("cp1252", errors="replace"), None
    if _single_byte_legacy(codec) and not chunk.isascii():
        try:
            return chunk.decode("utf-8"), "utf-8"
        except UnicodeDecodeError as exc:
            # cut mid-character by the read cap, after valid multi-byte sequences ("caf\xe9" is windows-1252's)
            if exc.reason == "unexpected end of data" and not chunk[: exc.start].isascii():
                return chunk.decode("utf-8", errors="replace"), "utf-8"
    try:
        return chunk.decode(codec, errors="replace"), None
    except LookupError:
        return chunk.decode("utf-8", errors="replace"), None


#: Every byte below 0x80: deleted, they leave a string's non-ASCII characters.
_ASCII_BYTES = bytes(range(128))


def lower(text: str) -> str:
    """``text.lower()``, the same result, fast on mostly-ASCII pages.

    ``str.lower`` takes its fast path only when every character is ASCII; one em
    dash or "©" in a 40 KB page sends every character through the full Unicode
    case table (the page's text for the gate rules, and again for the prose
    parsers: docs/performance.md has what it saves). Bytes
    lower-case ASCII letters in C; the page's few non-ASCII characters are then
    checked, and when one of them has a lower case of its own ("É", "Ж") the
    slow path is taken after all, so the result is always ``text.lower()``'s.
    """
    if text.isascii():
        return text.lower()
    try:
        raw = text.encode("utf-8")
    except UnicodeEncodeError:  # a lone surrogate: leave it to str.lower
        return text.lower()
    others = raw.translate(None, _ASCII_BYTES).decode("utf-8")
    if others.lower() != others:
        return text.lower()
    return raw.lower().decode("utf-8")
