"""Running times and lengths, read from what pages and catalogue text actually say.

Pure functions, no I/O: they are fed page metadata (``<meta itemprop="duration">``,
JSON-LD ``duration``, Open Graph ``video:duration``) and English prose from the seed
and from page descriptions, and they never raise on bad input: anything they cannot
read with confidence is ``None``, because a wrong running time in the catalogue is
worse than none.

What is a library's job and what is ours:

* ISO 8601 durations are parsed by ``isodate``. Real pages write ISO durations
  that a strict parser refuses (``T1M33S`` without the ``P``, ``P2M37S`` without the
  ``T``, lower case, padded fields), so :func:`parse_iso_duration` rewrites the text
  into canonical ISO first and only then hands it to ``isodate``.
* Prose durations ("a 25-minute module", "approximately an hour and a half",
  "hour-long webinar") and lengths ("6 online modules", "a 40-page guide") are
  parsed here, by hand. No maintained library fits: the duration parsers on PyPI
  either read ISO/clock strings only, or are general date parsers (dateparser,
  timefhuman, duckling ports) that find *points in time* and would happily turn
  "24-hour national hotline" or "April 2015" into something; none reports the
  matched phrase or whether the text hedged ("about", "approximately"). The rules
  below are small, listed and tested (tests/test_durations.py).

Days and weeks are deliberately not read from prose: "a 2-day workshop" is two
working days, not 172,800 seconds of running time.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

import isodate

__all__ = [
    "Length",
    "ProseDuration",
    "parse_clock",
    "parse_iso_duration",
    "parse_length",
    "parse_prose_duration",
]


def _round(value: float) -> int:
    """Half up, not banker's rounding: 3.5 s is 4 s whichever side of even it falls."""
    return int(math.floor(value + 0.5))


# ---------------------------------------------------------------- clock form

_CLOCK = re.compile(r"^\s*(\d{1,4}):([0-5]\d)(?::([0-5]\d(?:[.,]\d+)?))?\s*$")


def parse_clock(text: object) -> int | None:
    """``"1:02:03"`` (h:mm:ss) or ``"14:32"`` (m:ss) to seconds; anything else is None.

    Two parts are minutes and seconds, because that is what video players and
    playlists show for anything under an hour; a time of day is not a running
    time, and callers that see prose must rule that out themselves (see
    :func:`parse_prose_duration`).
    """
    if not isinstance(text, str):
        return None
    match = _CLOCK.match(text)
    if not match:
        return None
    first, second, third = match.groups()
    if third is None:
        return int(first) * 60 + int(second)
    return int(first) * 3600 + int(second) * 60 + _round(float(third.replace(",", ".")))


# ---------------------------------------------------------------- ISO 8601

_PLAIN_NUMBER = re.compile(r"^\d+(?:[.,]\d+)?$")
_ISO_TOKEN = r"\d+(?:[.,]\d+)?[YMWDHS]"
_ISO_SHAPE = re.compile(rf"^P?(?:{_ISO_TOKEN})*(?:T(?:{_ISO_TOKEN})+)?$")
_TOKENS = re.compile(r"(\d+(?:[.,]\d+)?)([YMWDHS])")


def _normalise_iso(text: str) -> str | None:
    """Rewrite what pages write into canonical ISO 8601 (``P…T…``), or None.

    * ``T1M33S`` (the ``P`` dropped) and ``14M32S`` (both dropped) gain ``PT``.
    * ``P2M37S``: without a ``T``, an ``M`` next to hours or seconds is minutes
      (no page means "two months and 37 seconds"), so the hours/minutes/seconds
      move behind a ``T``. A lone ``P2M`` stays months, and months are refused
      later: a calendar month has no fixed length.
    """
    text = re.sub(r"\s+", "", text).upper()
    if not text or not _ISO_SHAPE.match(text):
        return None
    body = text[1:] if text.startswith("P") else text
    if "T" in body:
        date_part, time_part = body.split("T", 1)
        if not time_part:
            return None
    else:
        tokens = _TOKENS.findall(body)
        units = [unit for _, unit in tokens]
        if "H" in units or "S" in units:
            date_tokens = [(n, u) for n, u in tokens if u in "YWD"]
            time_tokens = [(n, u) for n, u in tokens if u in "HMS"]
            date_part = "".join(n + u for n, u in date_tokens)
            time_part = "".join(n + u for n, u in time_tokens)
            # the order must still be Y..W..D then H..M..S, as it was written
            if "".join(n + u for n, u in tokens) != date_part + time_part:
                return None
        else:
            date_part, time_part = body, ""
    if not date_part and not time_part:
        return None
    return "P" + date_part + ("T" + time_part if time_part else "")


def parse_iso_duration(text: object) -> int | None:
    """An ISO 8601 duration (as pages really write it) to whole seconds, or None.

    Accepts canonical ISO (``PT1H2M3.5S`` → 3724, rounded half up) and the
    variants found on real pages: ``PT00H14M32S``, ``T1M33S``, ``P2M37S`` (minutes,
    see :func:`_normalise_iso`), ``PT90M``, lower case, surrounding whitespace, a
    plain number (``"932"`` = seconds, as some players write) and the clock form
    (``"1:02:03"``, ``"14:32"``).

    Returns None, never raises, for garbage, negative durations, years or
    months (no fixed length), and zero (``PT0S`` is what templates write when
    they do not know the length: it is no information, not a running time).
    """
    if not isinstance(text, str):
        return None
    stripped = text.strip()
    if not stripped:
        return None
    clock = parse_clock(stripped)
    if clock is not None:
        return clock or None
    if _PLAIN_NUMBER.match(stripped):
        return _round(float(stripped.replace(",", "."))) or None
    canonical = _normalise_iso(stripped)
    if canonical is None:
        return None
    try:
        value = isodate.parse_duration(canonical)
    except (isodate.ISO8601Error, ValueError, TypeError, ArithmeticError):
        return None
    if isinstance(value, isodate.Duration):
        if value.years or value.months:
            return None
        value = value.tdelta
    try:
        seconds = value.total_seconds()
    except (AttributeError, OverflowError):
        return None
    if seconds <= 0 or math.isnan(seconds) or math.isinf(seconds):
        return None
    return _round(seconds)


# ---------------------------------------------------------------- numbers in words

_ONES = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19,
}  # fmt: skip
_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "ninety": 90}
_UNITS_1_9 = "one|two|three|four|five|six|seven|eight|nine"
_WORD_NUMBER = (
    rf"(?:(?:{'|'.join(_TENS)})(?:[\s-](?:{_UNITS_1_9}))?"
    rf"|{'|'.join(sorted(_ONES, key=len, reverse=True))})"
)
#: A number: digits (with a decimal part or a ½) or a word, one..ninety-nine.
_NUM = rf"(?:\d+(?:\.\d+)?(?:\s?½)?|{_WORD_NUMBER})"


def _number(text: str) -> float:
    """The value of a match of ``_NUM`` (or "a"/"an" = 1)."""
    text = text.strip().lower()
    half = 0.5 if text.endswith("½") else 0.0
    text = text.rstrip("½").strip()
    if text in ("a", "an"):
        return 1.0
    if re.fullmatch(r"\d+(?:\.\d+)?", text):
        return float(text) + half
    parts = re.split(r"[\s-]+", text)
    if parts[0] in _TENS:
        return float(_TENS[parts[0]] + (_ONES[parts[1]] if len(parts) > 1 else 0))
    return float(_ONES[parts[0]])


# ---------------------------------------------------------------- prose durations


@dataclass(frozen=True)
class ProseDuration:
    """A running time stated in prose.

    ``phrase`` is the exact substring read (qualifier included, e.g.
    "approximately an hour and a half"), so a maintainer can see why the
    catalogue says what it says; ``approximate`` records that the text hedged.
    """

    seconds: int
    approximate: bool
    phrase: str


#: Words that hedge a running time when they stand right before it.
_APPROX_WORDS = (
    r"about|approximately|approx\.?|around|roughly|nearly|almost|over|more\s+than|"
    r"less\s+than|under|just\s+(?:over|under)|up\s+to|circa|ca\.|some|at\s+least"
)
_PREFIX = rf"(?:(?P<approx>(?<![\w])(?:{_APPROX_WORDS})\s+|~\s*))?"
#: ... or right after it.
_SUFFIX = r"(?P<approx_after>\s+or\s+(?:so|more|less)\b|-ish\b)?"
#: A number must not continue another token: "12-15 minutes" is a range, "v2" no number.
_START = r"(?<![\w.,/:\-–—])"
_AND_A_HALF = r"[\s-]+and[\s-]+a[\s-]+half"
_SEP = r"(?:\s*,)?[\s-]*(?:and[\s-]+)?"


def _hours(name: str) -> str:
    """Hours, with "a"/"an" as one ("an hour and a half") and a compact "1h"."""
    return (
        rf"{_START}(?P<{name}>{_NUM}|an?(?=[\s-]))(?P<{name}_half1>{_AND_A_HALF})?"
        rf"(?:[\s-]*(?:hours?|hrs?\.?)(?![a-z])|(?<=\d)\s?h(?![a-z]))"
        rf"(?P<{name}_half2>{_AND_A_HALF})?"
    )


def _minutes(name: str, compact: bool = False) -> str:
    unit = r"minutes?|mins?\.?" + (r"|m" if compact else "")
    return (
        rf"(?:{_START}|(?<=\dh))(?P<{name}>{_NUM})(?P<{name}_half>{_AND_A_HALF})?"
        rf"[\s-]*(?:{unit})(?![a-z])"
    )


def _seconds(name: str, compact: bool = False) -> str:
    unit = r"seconds?|secs?\.?" + (r"|s" if compact else "")
    return rf"(?:{_START}|(?<=\d[hm]))(?P<{name}>{_NUM})[\s-]*(?:{unit})(?![a-z])"


_LONG = r"(?:-long\b)?"

#: Each pattern: (regex, kind: how _value turns its match into seconds). All are
#: searched; the earliest match wins, the longer one on a tie.
_PATTERNS: list[tuple[re.Pattern[str], str]] = [
    # "1 hour 30 minutes", "one and a half hours", "an hour and a half", "1h30m", "2-hour"
    (
        re.compile(
            _PREFIX
            + _hours("h")
            + rf"(?:{_SEP}{_minutes('hm', compact=True)})?"
            + rf"(?:{_SEP}{_seconds('hs', compact=True)})?"
            + _LONG
            + _SUFFIX,
            re.I,
        ),
        "hms",
    ),
    # "25-minute", "45 mins", "3 minutes 20 seconds"
    (
        re.compile(
            _PREFIX + _minutes("m") + rf"(?:{_SEP}{_seconds('ms')})?" + _LONG + _SUFFIX,
            re.I,
        ),
        "ms",
    ),
    # "90 seconds"
    (re.compile(_PREFIX + _seconds("s") + _LONG + _SUFFIX, re.I), "s"),
    # "half an hour", "a half-hour", "quarter of an hour", "three quarters of an hour"
    (
        re.compile(
            _PREFIX + r"(?<![\w])(?P<frac>half[\s-]+an[\s-]+hour|(?:an?[\s-]+)?half[\s-]hour|"
            r"(?:a[\s-]+)?quarter(?:[\s-]+of[\s-]+an)?[\s-]+hour|quarter-hour|"
            r"three[\s-]quarters?[\s-]+of[\s-]+an[\s-]+hour)(?![a-z])" + _LONG + _SUFFIX,
            re.I,
        ),
        "frac",
    ),
    # "hour-long webinar", "minute-long clip"
    (re.compile(_PREFIX + r"(?<![\w-])(?P<bare>hour|minute)[\s-]long\b" + _SUFFIX, re.I), "bare"),
    # ranges: "20-30 minutes", "1 to 2 hours": the midpoint, always approximate
    (
        re.compile(
            _PREFIX + rf"{_START}(?P<lo>{_NUM})\s*(?:-|–|—|to)\s*(?P<hi>{_NUM})[\s-]*"
            r"(?P<runit>hours?|hrs?\.?|minutes?|mins?\.?)(?![a-z])" + _LONG + _SUFFIX,
            re.I,
        ),
        "range",
    ),
    # "1:02:03", "(14:32)": a running time only where it cannot be a time of day
    (
        re.compile(
            rf"{_PREFIX}(?<![\w:./\-])(?P<c1>\d{{1,3}}):(?P<c2>[0-5]\d)(?::(?P<c3>[0-5]\d))?(?![\w:])",
            re.I,
        ),
        "clock",
    ),
]

#: Text right before a match that makes it a deadline, an interval or a price.
_REJECT_BEFORE = re.compile(
    r"(?:\b(?:within|every|each|per|after|before|last|past|next|first|prior\s+to|"
    r"open|staffed|answered|ago)|[$£€]\s?\d[\d,.]*)\s*$",
    re.I,
)
#: Text right after a match that makes it an availability ("24-hour national hotline",
#: "24 hours a day"), a rate, or a point in time ("2 hours before").
_REJECT_AFTER = re.compile(
    r"^[\s,-]*(?:(?:national|toll[\s-]free|free|crisis|emergency|confidential|"
    r"multilingual|anonymous|nationwide|statewide|local|public|telephone|phone|"
    r"resource|referral|information)\s+){0,3}"
    r"(?:hot\s?lines?|help\s?lines?|lines?|call\s+cent(?:er|re)s?|services?|access|"
    r"coverage|support|availability|emergency|operations?|phones?|numbers?|pharmac(?:y|ies)|"
    r"clinics?|shelters?|response|care|staff(?:ing)?|on[\s-]call|a\s+day|per\s+day|"
    r"a\s+week|per\s+week|each\s+day|every\s+day|days?|daily|/\s*7|ago|later|earlier|"
    r"before|after|prior|beforehand|in\s+advance|notice|of\s+operation|from\s+now|"
    r"window|period|rule|clock|shift|fast|urine)\b",
    re.I,
)
#: A clock that is a time of day, a range of times, or part of a date-time.
_CLOCK_TIME_OF_DAY_AFTER = re.compile(
    r"^(?:\s*(?:[ap]\.?\s?m\b\.?|o'?clock|noon|[ECMP][SD]?T\b|GMT|UTC|BST|CET|Z\b)|"
    r"\s*(?:-|–|—|to|until)\s*\d{1,2}(?::\d{2}|\s*[ap]\.?m))",
    re.I,
)
_CLOCK_TIME_OF_DAY_BEFORE = re.compile(
    r"(?:\b(?:at|from|until|till|by|to|starts?|starting|begins?|beginning|between|"
    r"before|after|on|time|doors)|@|[-–—T]|\d{4})\s*$",
    re.I,
)
#: Two-part clocks ("14:32") count only next to a running-time cue.
_CLOCK_CUE_BEFORE = re.compile(
    r"(?:\b(?:duration|length|run(?:ning)?[\s-]?time|runs|lasts|total)\b[^.\d]{0,15}|\(\s*)$", re.I
)
_CLOCK_CUE_AFTER = re.compile(r"^\s*(?:\)|min(?:ute)?s?\b|hours?\b|hrs?\b|long\b)", re.I)


def _clock_seconds(match: re.Match[str], text: str) -> int | None:
    before, after = text[: match.start("c1")], text[match.end() :]
    if _CLOCK_TIME_OF_DAY_AFTER.match(after) or _CLOCK_TIME_OF_DAY_BEFORE.search(before):
        return None
    c1, c2, c3 = int(match["c1"]), int(match["c2"]), match["c3"]
    if c3 is not None:
        return c1 * 3600 + c2 * 60 + int(c3)
    if not (_CLOCK_CUE_BEFORE.search(before) or _CLOCK_CUE_AFTER.match(after)):
        return None
    if re.match(r"^\s*(?:hours?|hrs?|h)\b", after, re.I):
        return c1 * 3600 + c2 * 60  # "1:30 hours" is h:mm
    return c1 * 60 + c2


def _half(match: re.Match[str], *names: str) -> float:
    return 0.5 if any(match.group(n) for n in names) else 0.0


def _value(kind: str, match: re.Match[str], text: str) -> int | None:
    """Seconds for one candidate match, or None when the match is not a running time."""
    if kind == "hms":
        hours = _number(match["h"]) + _half(match, "h_half1", "h_half2")
        minutes = _number(match["hm"]) + _half(match, "hm_half") if match["hm"] else 0.0
        seconds = _number(match["hs"]) if match["hs"] else 0.0
        return _round(hours * 3600 + minutes * 60 + seconds)
    if kind == "ms":
        minutes = _number(match["m"]) + _half(match, "m_half")
        seconds = _number(match["ms"]) if match["ms"] else 0.0
        return _round(minutes * 60 + seconds)
    if kind == "s":
        return _round(_number(match["s"]))
    if kind == "frac":
        frac = match["frac"].lower()
        if frac.startswith("three"):
            return 2700
        return 900 if "quarter" in frac else 1800
    if kind == "bare":
        return 3600 if match["bare"].lower() == "hour" else 60
    if kind == "range":
        lo, hi = _number(match["lo"]), _number(match["hi"])
        if hi <= lo:
            return None
        unit = 3600 if match["runit"].lower().startswith("h") else 60
        return _round((lo + hi) / 2 * unit)
    if kind == "clock":
        return _clock_seconds(match, text)
    raise AssertionError(kind)  # pragma: no cover


def _group(match: re.Match[str], name: str) -> str | None:
    return match[name] if name in match.re.groupindex else None


def _candidates(text: str):
    for pattern, kind in _PATTERNS:
        for match in pattern.finditer(text):
            yield match, kind


def parse_prose_duration(text: str) -> ProseDuration | None:
    """The first running time stated in English prose, or None.

    Reads "25-minute module" (1500), "approximately an hour and a half in
    duration" (5400, approximate), "hour-long webinar", "one and a half hours",
    "1.5 hours", "1 hr 30 min", "half an hour", "45 mins", ranges ("20-30
    minutes": the midpoint, approximate) and running-time clocks ("1:02:03").

    It refuses what only looks like a duration: availability ("24-hour national
    hotline", "24 hours a day", "24/7"), deadlines and intervals ("within 24
    hours", "every 2 hours", "2 hours before"), prices ("$50 an hour"), times of
    day ("at 10:30 am"), counts of other things ("6 online modules"), years and
    phone numbers. Of what is left, the earliest match wins (the longer on a
    tie), so "1 hour 30 minutes" is one phrase, not two.
    """
    if not isinstance(text, str) or not text.strip():
        return None
    best: tuple[int, int, ProseDuration] | None = None
    for match, kind in _candidates(text):
        head = match.start("approx") if match["approx"] else match.start()
        core_start = match.end("approx") if match["approx"] else match.start()
        if _REJECT_BEFORE.search(text[max(0, core_start - 40) : core_start]):
            continue
        if kind != "clock" and _REJECT_AFTER.match(text[match.end() : match.end() + 60]):
            continue
        try:
            seconds = _value(kind, match, text)
        except (KeyError, ValueError, IndexError):
            continue
        if not seconds or seconds <= 0:
            continue
        phrase = match.group(0).strip()
        approximate = bool(match["approx"] or _group(match, "approx_after")) or kind == "range"
        found = ProseDuration(seconds=seconds, approximate=approximate, phrase=phrase)
        key = (head, -(match.end() - head))
        if best is None or key < best[:2]:
            best = (key[0], key[1], found)
    return best[2] if best else None


# ---------------------------------------------------------------- lengths


@dataclass(frozen=True)
class Length:
    """A length that is not time: ``Length(6, "modules")``, ``Length(40, "pages")``."""

    value: int
    unit: str


#: The units we count, singular or plural as written → the plural we store.
_LENGTH_UNITS = {
    "module": "modules",
    "lesson": "lessons",
    "session": "sessions",
    "page": "pages",
    "episode": "episodes",
    "chapter": "chapters",
    "case": "cases",
    "case study": "case studies",
    "unit": "units",
    "part": "parts",
    "section": "sections",
    "video": "videos",
    "webinar": "webinars",
    "slide": "slides",
    "course": "courses",
    "class": "classes",
    "lecture": "lectures",
    "workshop": "workshops",
}


def _length_unit(name: str) -> str:
    """A counted unit, singular or plural, captured as ``name``."""
    words = "|".join(u for u in sorted(_LENGTH_UNITS, key=len, reverse=True) if " " not in u)
    return rf"(?P<{name}>case\s+stud(?:y|ies)|(?:{words})(?:e?s)?)(?![\w-])"


#: Words that may stand between the number and the unit ("6 online modules",
#: "three teaching cases"): at most three, none of them a function word.
_FILLER_STOP = {
    "of", "and", "or", "the", "a", "an", "in", "on", "at", "to", "for", "from", "with",
    "by", "per", "these", "those", "their", "its", "our", "your", "his", "her",
    "hour", "hours", "minute", "minutes", "year", "years", "day", "days",
}  # fmt: skip
_LENGTH = re.compile(
    rf"{_START}(?P<num>{_NUM})"
    rf"(?:-{_length_unit('unit')}|(?P<fill>(?:\s+[a-z][a-z-]*){{0,3}}?)\s+{_length_unit('unit2')})",
    re.I,
)


def parse_length(text: str) -> Length | None:
    """The first non-time length in prose ("over 6 online modules" → 6 modules), or None.

    Reads a number (digits or one..ninety-nine in words), up to three
    describing words, and a counted unit (modules, lessons, sessions, pages,
    episodes, chapters, cases, ...), including the adjectival "40-page". The unit
    comes back plural and lower case. Years ("2015 report"), phone numbers and
    a lone "a module" are not lengths.
    """
    if not isinstance(text, str) or not text.strip():
        return None
    for match in _LENGTH.finditer(text):
        fill_words = (match["fill"] or "").split()
        if any(word.lower() in _FILLER_STOP for word in fill_words):
            continue
        value = _number(match["num"])
        if value != int(value) or value <= 0:
            continue
        if 1900 <= value <= 2100 and match["num"].isdigit():
            continue  # a year
        unit_text = re.sub(r"\s+", " ", (match["unit"] or match["unit2"]).lower())
        if unit_text.startswith("case stud"):
            unit = "case studies"
        else:
            singular = re.sub(r"(?<=ss)es$|(?<!s)s$", "", unit_text)
            unit = _LENGTH_UNITS[singular]
        return Length(value=int(value), unit=unit)
    return None
