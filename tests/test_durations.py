"""linkhealth/durations.py: what real pages and catalogue prose write, and what they mean."""

import dataclasses

import pytest

from linkhealth.durations import (
    Length,
    ProseDuration,
    parse_clock,
    parse_iso_duration,
    parse_length,
    parse_prose_duration,
)

# ---------------------------------------------------------------- ISO 8601


@pytest.mark.parametrize(
    "text, seconds",
    [
        # canonical
        ("PT14M32S", 872),
        ("PT1H2M3S", 3723),
        ("PT1H", 3600),
        ("PT90M", 5400),
        ("PT45S", 45),
        ("P1DT2H", 93600),
        ("PT1.5H", 5400),
        # rounding: half up
        ("PT1H2M3.5S", 3724),
        ("PT1M0.4S", 60),
        ("PT14M32,5S", 873),
        # what pages really write
        ("PT00H14M32S", 872),
        ("PT0H0M59S", 59),
        ("T1M33S", 93),  # the P dropped
        ("14M32S", 872),  # P and T dropped
        ("P2M37S", 157),  # minutes, not months
        ("P1H30M", 5400),  # T dropped before hours
        ("P0DT1H", 3600),
        ("pt14m32s", 872),  # lower case
        ("  PT5M \n", 300),  # whitespace
        ("P T5M", 300),  # a space inside
        # plain seconds, as some players write
        ("932", 932),
        (" 932 ", 932),
        ("932.6", 933),
        # clock form
        ("1:02:03", 3723),
        ("14:32", 872),
        ("00:14:32", 872),
        ("0:45", 45),
    ],
)
def test_parse_iso_duration(text, seconds):
    assert parse_iso_duration(text) == seconds


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   ",
        "garbage",
        "P",
        "PT",
        "T",
        "PT0S",  # templates' placeholder: no information
        "P0D",
        "0",
        "P2M",  # months: no fixed length
        "P1Y",
        "P1Y2M3DT4H",
        "-PT5M",
        "PT5M extra",
        "PT1H2M3S4",
        "PTXM",
        "5 minutes",
        "1:2:3",
        "12:75",
        "P1M2D3S4H",  # out of order
        None,
        42,
        b"PT5M",
    ],
)
def test_parse_iso_duration_refuses(text):
    assert parse_iso_duration(text) is None


# ---------------------------------------------------------------- clock


@pytest.mark.parametrize(
    "text, seconds",
    [
        ("1:02:03", 3723),
        ("14:32", 872),
        ("0:07", 7),
        ("120:00", 7200),  # a long m:ss
        ("10:00:00", 36000),
        (" 1:00:00 ", 3600),
        ("1:02:03.6", 3724),
        ("14.32", None),
        ("1:60", None),
        ("1:02:60", None),
        ("1:2", None),
        ("10:30 am", None),
        ("", None),
        (None, None),
    ],
)
def test_parse_clock(text, seconds):
    assert parse_clock(text) == seconds


# ---------------------------------------------------------------- prose


@pytest.mark.parametrize(
    "text, seconds, approximate, phrase",
    [
        # from the seed
        ("The 25-minute, web-based education module is publically available", 1500, False, "25-minute"),
        (
            "This webinar was recorded on July 11, 2016 and is approximately an hour and a half in duration.",
            5400,
            True,
            "approximately an hour and a half",
        ),
        ("This hour-long webinar provides clinicians with knowledge", 3600, False, "hour-long"),
        (
            "This webinar (one and a half hours in duration) provides information",
            5400,
            False,
            "one and a half hours",
        ),
        # numbers in words and figures
        ("a 90 minutes session", 5400, False, "90 minutes"),
        ("runs 1.5 hours", 5400, False, "1.5 hours"),
        ("runs 1½ hours", 5400, False, "1½ hours"),
        ("1 hr 30 min", 5400, False, "1 hr 30 min"),
        ("1 h 30 min", 5400, False, "1 h 30 min"),
        ("1h30m", 5400, False, "1h30m"),
        ("1h 30m 20s", 5420, False, "1h 30m 20s"),
        ("It takes 2 hours and 30 minutes.", 9000, False, "2 hours and 30 minutes"),
        ("2 hours, 15 minutes", 8100, False, "2 hours, 15 minutes"),
        ("an hour and 15 minutes", 4500, False, "an hour and 15 minutes"),
        ("2 hours", 7200, False, "2 hours"),
        ("a two-hour course", 7200, False, "two-hour"),
        ("two and a half hours", 9000, False, "two and a half hours"),
        ("an hour", 3600, False, "an hour"),
        ("an hour-long webinar", 3600, False, "an hour-long"),
        ("half an hour", 1800, False, "half an hour"),
        ("a half-hour video", 1800, False, "a half-hour"),
        ("a quarter of an hour", 900, False, "a quarter of an hour"),
        ("three quarters of an hour", 2700, False, "three quarters of an hour"),
        ("45 mins", 2700, False, "45 mins"),
        ("~45 min", 2700, True, "~45 min"),
        ("a 90-minute workshop", 5400, False, "90-minute"),
        ("twenty-five minutes", 1500, False, "twenty-five minutes"),
        ("Twelve Minutes", 720, False, "Twelve Minutes"),
        ("3 minutes 20 seconds", 200, False, "3 minutes 20 seconds"),
        ("a 30-second spot", 30, False, "30-second"),
        ("a minute-long clip", 60, False, "minute-long"),
        # hedges
        ("about 20 minutes", 1200, True, "about 20 minutes"),
        ("around 2 hours", 7200, True, "around 2 hours"),
        ("roughly 40 minutes", 2400, True, "roughly 40 minutes"),
        ("nearly an hour", 3600, True, "nearly an hour"),
        ("almost two hours", 7200, True, "almost two hours"),
        ("over 2 hours", 7200, True, "over 2 hours"),
        ("just under an hour", 3600, True, "just under an hour"),
        ("30 minutes or so", 1800, True, "30 minutes or so"),
        ("20-30 minutes", 1500, True, "20-30 minutes"),
        ("takes about 1 to 2 hours", 5400, True, "about 1 to 2 hours"),
        # running-time clocks
        ("Runtime 1:02:03", 3723, False, "1:02:03"),
        ("The recording (1:02:03) covers", 3723, False, "1:02:03"),
        ("The video (14:32)", 872, False, "14:32"),
        ("Duration: 14:32", 872, False, "14:32"),
        ("1:30 hours", 5400, False, "1:30"),
        # the first one wins
        ("A 45-minute video and a 2-hour course", 2700, False, "45-minute"),
        ("open 24 hours a day; the course takes 3 hours", 10800, False, "3 hours"),
    ],
)
def test_parse_prose_duration(text, seconds, approximate, phrase):
    found = parse_prose_duration(text)
    assert found == ProseDuration(seconds=seconds, approximate=approximate, phrase=phrase)
    assert phrase in text


@pytest.mark.parametrize(
    "text",
    [
        # availability, not a running time
        "The U.S. Department of Homeland Security provides patient-oriented contact cards "
        "for connection to the 24-hour national hotline for trafficking victims.",
        "24-hour hotline",
        "a 24 hour crisis line",
        "24h hotline",
        "the hotline is open 24/7",
        "staffed 24 hours a day, 7 days a week",
        "available 24 hours a day",
        "24-hour, toll-free hotline",
        # deadlines, intervals, prices, points in time
        "report within 24 hours",
        "every 2 hours",
        "2 hours before the appointment",
        "three hours ago",
        "the next 2 hours",
        "$50 an hour",
        # times of day and dates
        "at 10:30 am",
        "Webinar 10:30-11:30",
        "starts at 14:32",
        "posted 2016-07-11T10:30:00",
        "8:00",
        "John 3:16",
        "recorded on July 11, 2016",
        "conducted April 2015",
        # counts of other things, years, phone numbers
        "over 6 online modules",
        "including three teaching cases",
        "their latest 2015 report",
        "in the 1990s",
        "Polaris also operates a hotline, 1 (888) 373-7888, that serves",
        "hours-long ordeal",
        "a few minutes",
        "ahour",
        "5 s",
        "",
        "   ",
        None,
    ],
)
def test_parse_prose_duration_refuses(text):
    assert parse_prose_duration(text) is None


def test_prose_duration_is_frozen():
    found = parse_prose_duration("90 minutes")
    with pytest.raises(dataclasses.FrozenInstanceError):
        found.seconds = 1


# ---------------------------------------------------------------- lengths


@pytest.mark.parametrize(
    "text, length",
    [
        ("a survivor-centered model of care over 6 online modules.", Length(6, "modules")),
        ("including three teaching cases.", Length(3, "cases")),
        ("12 lessons", Length(12, "lessons")),
        ("in 5 sessions", Length(5, "sessions")),
        ("40 pages", Length(40, "pages")),
        ("a 40-page guide", Length(40, "pages")),
        ("8 episodes", Length(8, "episodes")),
        ("4 chapters", Length(4, "chapters")),
        ("one module", Length(1, "modules")),
        ("Twelve Short Lessons", Length(12, "lessons")),
        ("4 interactive e-learning modules", Length(4, "modules")),
        ("6 case studies", Length(6, "case studies")),
        ("a 12-part series", Length(12, "parts")),
        ("three classes", Length(3, "classes")),
    ],
)
def test_parse_length(text, length):
    assert parse_length(text) == length


@pytest.mark.parametrize(
    "text",
    [
        "their latest 2015 report",
        "1 (888) 373-7888",
        "one of the modules",
        "a module",
        "three resources for healthcare professionals",
        "90 minutes",
        "page 40",
        "the 2015 sessions",
        "",
        None,
    ],
)
def test_parse_length_refuses(text):
    assert parse_length(text) is None
