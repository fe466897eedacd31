"""When things happened, as news copy says it: weekdays, weekends, calendar dates.

Each expression becomes a short comparable value:

    "wd:tue"          on Tuesday, Tuesday night, late Tuesday
    "weekend"         over the weekend, at the weekend, last weekend
    "md:07-01"        July 1, 1 July, Jul. 1st (no year given)
    "ymd:2013-06-07"  June 7, 2013; 7 June 2013

    "rel:-1"          yesterday, last night (days from the day of publication)
    "hm:03:40"        3.40am, 3:40 a.m., 03:40 (a time of day; "hm:08:47 gmt" with a zone)

Relative words and weekdays are placed on the calendar only against an
article's day of publication (`resolve`), when an editor has set it; without
it a relative word is compared with nothing. Python's own calendar gives the
weekday of a dated day; nothing is guessed.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator

WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
MONTHS = [
    "january", "february", "march", "april", "may", "june", "july",
    "august", "september", "october", "november", "december",
]  # fmt: skip
MONTH_NUMBER = {m: i + 1 for i, m in enumerate(MONTHS)} | {
    m[:3]: i + 1 for i, m in enumerate(MONTHS)
} | {"sept": 9}  # fmt: skip
# A month's short name, written with or without its stop ("Nov", "Nov.").
MONTH_SHORT = r"(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)"
_MONTH = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December"
    rf"|{MONTH_SHORT}\.?)"
)
_DAY = r"(?:0?[1-9]|[12]\d|3[01])(?:st|nd|rd|th)?"  # "May 03, 2013" too
_YEAR = r"(?:1[89]|20)\d\d"
DATE_RE = re.compile(
    rf"\b(?:(?P<edge>early|late)\s+)?"
    rf"(?P<wd>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b"
    rf"(?:\s+(?P<part>morning|afternoon|evening|night))?"
    rf"|\b(?:over|at|during|on|this|last|past|the)\s+(?:the\s+)?(?P<weekend>weekend)\b"
    rf"|\b(?P<m1>{_MONTH})\s+(?P<d1>{_DAY})\b(?:,?\s+(?P<y1>{_YEAR})\b)?"
    rf"|\b(?P<d2>{_DAY})\s+(?:of\s+)?(?P<m2>{_MONTH})(?:,?\s+(?P<y2>{_YEAR})\b)?"
    rf"|\b(?P<rel>today|tonight|yesterday|last\s+night|this\s+(?:morning|afternoon|evening))\b"
)
RELATIVE_DAYS = {"today": 0, "tonight": 0, "this": 0, "yesterday": -1, "last": -1}
# "May 2" is a date; "may 2" is not: a month needs its capital.
_LOWER_MAY = re.compile(r"may\b")


def date_values(text: str, offset: int = 0) -> Iterator[tuple[int, int, str]]:
    """(start, end, value) of each date expression; offsets are shifted by `offset`."""
    for match in DATE_RE.finditer(text):
        value = _value(match)
        if value:
            yield offset + match.start(), offset + match.end(), value


def _value(match: re.Match) -> str | None:
    if match.group("rel"):
        return f"rel:{RELATIVE_DAYS[match.group('rel').split()[0].lower()]}"
    if match.group("wd"):
        value = "wd:" + match.group("wd")[:3].lower()
        edge = match.group("edge") or match.group("part") or ""
        if edge in {"late", "evening", "night"}:
            return value + "+late"
        if edge == "early":
            return value + "+early"  # before dawn: may be the night before, told late
        # "Saturday morning" is daytime: not the Friday night before it.
        return value + "+morning" if edge == "morning" else value
    if match.group("weekend"):
        return "weekend"
    month_text = match.group("m1") or match.group("m2")
    if _LOWER_MAY.match(month_text):
        return None
    month = MONTH_NUMBER.get(month_text.rstrip(".").lower())
    digits = re.match(r"\d+", match.group("d1") or match.group("d2"))
    if digits is None:
        return None
    day = int(digits.group())
    year = match.group("y1") or match.group("y2")
    if month is None or not 1 <= day <= 31:
        return None
    if year:
        try:
            dt.date(int(year), month, day)
        except ValueError:
            return None
        return f"ymd:{year}-{month:02d}-{day:02d}"
    return f"md:{month:02d}-{day:02d}"


def reference_year(text: str, head: int = 400) -> int | None:
    """The year of a full date in the article's first lines (its dateline), if any."""
    for _, _, value in date_values(text[:head]):
        if value.startswith("ymd:"):
            return int(value[4:8])
    return None


# A line of the article that says when it was published: "Published 9 October 2026",
# "Updated: 2026-03-10 08:15", "Posted on March 10, 2026", "10 June 2013 Last updated
# at 14:00 GMT". Only such a short line near the top is read: the first date of a
# story is usually the event's, not the paper's.
PUBLISHED_WORD = re.compile(r"\b(?:published|updated|posted)\b", re.IGNORECASE)
PUBLISHED_START = re.compile(
    r"^\W*(?:(?:first|last|article)\s+)?(?:published|updated|posted)\b"
    r"|^\W*(?:on\s+)?(?:[A-Za-z]+,?\s+)?\d|^\W*(?:on\s+)?[A-Za-z]{3,9}\.?\s+\d",
    re.IGNORECASE,
)
PUBLISHED_HEAD = 5  # lines
PUBLISHED_WIDTH = 90  # characters: longer lines are the story's prose
NUMERIC_DAY = re.compile(
    r"\b(?P<y>(?:19|20)\d\d)[-.](?P<m>\d\d)[-.](?P<d>\d\d)\b"  # 2026-03-10, 2012.08.08
    r"|\b(?P<a>\d{1,2})/(?P<b>\d{1,2})/(?P<y2>(?:19|20)\d\d)\b"  # 14/09/2013, 09/14/2013
)


def publication_date(text: str) -> dt.date | None:
    """The day of publication that the article's own first lines give, if they say so.

    "08/02/2013" could be either day first or month first; only a day over 12 tells
    which, so "04/9/2012" gives nothing rather than a guess."""
    for line in text.strip().splitlines()[:PUBLISHED_HEAD]:
        line = line.strip()
        if len(line) > PUBLISHED_WIDTH or not PUBLISHED_WORD.search(line):
            continue
        if not PUBLISHED_START.search(line) or re.search(r"\b(?:ago|downloaded)\b", line, re.I):
            continue  # prose that mentions posting, or "Posted 1 year ago [downloaded ...]"
        # "PUBLISHED: THURSDAY, MAY 2, 2013": month names need their capital only.
        line = re.sub(r"\b[A-Z]{3,}\b", lambda m: m.group().capitalize(), line)
        day = _numeric_day(line)
        if day is None:
            day = next(
                (_iso(value[4:]) for _, _, value in date_values(line) if value.startswith("ymd:")),
                None,
            )
        if day is not None:
            return day
    return None


def _numeric_day(line: str) -> dt.date | None:
    match = NUMERIC_DAY.search(line)
    if match is None:
        return None
    if match["y"]:
        return _iso(f"{match['y']}-{match['m']}-{match['d']}")
    a, b, year = int(match["a"]), int(match["b"]), match["y2"]
    if a > 12 >= b:
        return _iso(f"{year}-{b:02d}-{a:02d}")
    if b > 12 >= a:
        return _iso(f"{year}-{a:02d}-{b:02d}")
    return None  # day or month first: cannot tell


def _iso(value: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        return None


def _weekday(value: str, year: int | None) -> str | None:
    if value.startswith("wd:"):
        return value[3:6]
    day = on_calendar(value, year, None)
    return None if day is None else WEEKDAYS[day.weekday()][:3]


def resolve(value: str, published: dt.date | None) -> str | None:
    """A relative day as a calendar date against the day of publication; None if it
    cannot be placed. Other values are returned as they are."""
    if not value.startswith("rel:"):
        return value
    if published is None:
        return None
    return f"ymd:{(published + dt.timedelta(days=int(value[4:]))).isoformat()}"


def on_calendar(value: str, year: int | None, published: dt.date | None) -> dt.date | None:
    """The day a value names, when it can be known: a date (with the dateline's year or
    the year of publication), or a weekday in copy published that week (the day of
    publication or one of the six before it)."""
    if value.startswith("ymd:"):
        return dt.date.fromisoformat(value[4:14])
    if value.startswith("md:"):
        year = year or (published.year if published else None)
        try:
            return dt.date(year, int(value[3:5]), int(value[6:8])) if year else None
        except ValueError:
            return None
    if value.startswith("wd:") and published is not None:
        target = [d[:3] for d in WEEKDAYS].index(value[3:6])
        return published - dt.timedelta(days=(published.weekday() - target) % 7)
    return None


def agree(
    a: str,
    b: str,
    year_a: int | None = None,
    year_b: int | None = None,
    published_a: dt.date | None = None,
    published_b: dt.date | None = None,
) -> bool | None:
    """Whether two date values can name the same day: True, False, or None if unknowable.

    `year_*` is the year assumed for a date written without one (the dateline's);
    `published_*` the day each article was published, which puts a weekday on the
    calendar when the other value is a date ("on Tuesday" in copy of Thursday 3 July
    is 1 July).
    """
    kinds = {a.split(":")[0], b.split(":")[0]}
    if "wd" in kinds and kinds & {"md", "ymd"}:
        # A date without a year takes its own article's, else the other's: one story.
        known = published_a or published_b
        year = known.year if known else None
        day_a = on_calendar(a, year_a or year, published_a)
        day_b = on_calendar(b, year_b or year, published_b)
        if day_a is not None and day_b is not None:
            apart = abs((day_a - day_b).days)
            edge = any(v.endswith(("+late", "+early")) for v in (a, b))
            if apart == 0 or apart == 1 and edge:
                return True  # the same day, or the same night seen from either side
            return False if apart < 7 else None  # a week or more apart: which week?
    if a == b or a.startswith("wd:") and b.startswith("wd:") and a[:6] == b[:6]:
        return True
    if kinds <= {"md", "ymd"}:
        # Same month and day; a year on both must match too.
        if a[-5:] != b[-5:]:
            return False
        return a[:8] == b[:8] if kinds == {"ymd"} else True
    if "weekend" in kinds:
        other = b if a == "weekend" else a
        day = _weekday(other, year_b if a == "weekend" else year_a)
        return None if day is None else day in {"sat", "sun"}
    weekday_a, weekday_b = _weekday(a, year_a), _weekday(b, year_b)
    if weekday_a is None or weekday_b is None:
        return None
    if weekday_a != weekday_b and _around_midnight(a, weekday_a, b, weekday_b):
        return True  # "late Friday" and "early Saturday" may be the same night
    return weekday_a == weekday_b


def _around_midnight(a: str, day_a: str, b: str, day_b: str) -> bool:
    days = [d[:3] for d in WEEKDAYS]
    for first, day_first, second, day_second in ((a, day_a, b, day_b), (b, day_b, a, day_a)):
        following = days[(days.index(day_first) + 1) % 7] == day_second
        # The night between: the first day late, or the next day early; a morning
        # on one day and a morning on the next are two mornings.
        night = first.endswith("+late") or second.endswith("+early")
        daytime_first = first.endswith(("+early", "+morning"))
        if following and night and not daytime_first and not second.endswith("+late"):
            return True
    return False


# Times of day, as "hm:HH:MM" with a time zone when one is written ("hm:08:47 gmt"):
# "3.40am", "3:40 a.m.", "4 p.m.", "03:40", "14:30", "noon", "midnight". A bare
# "10:47" with a one-digit hour could be either half of the day and is left out.
_MERIDIEM = r"(?P<ampm>[ap])\.?\s?m\b\.?"
_WEEKDAY = "Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday"
_ZONES = "GMT|UTC|BST|CET|CEST|EST|EDT|CST|CDT|MST|MDT|PST|PDT|ET|PT"
TIME_RE = re.compile(
    rf"\b(?P<h>1[0-2]|0?[1-9])(?:[:.](?P<m>[0-5]\d))?\s?{_MERIDIEM}"
    rf"(?:\s+(?P<zone>{_ZONES}))?\b"
    # "shortly after 3:30 Sunday morning", "at 9:15 in the evening": the half of the
    # day from the words after it.
    rf"|\b(?P<hp>1[0-2]|0?[1-9])[:.](?P<mp>[0-5]\d)(?=\s+(?:on\s+)?(?:(?:{_WEEKDAY})\s+)?"
    rf"(?:in\s+the\s+)?(?P<part>morning|afternoon|evening|night)\b)"
    rf"|\b(?P<h24>[01]\d|2[0-3]):(?P<m24>[0-5]\d)(?:\s?(?:hrs|hours|h))?"
    rf"(?:\s+(?P<zone24>{_ZONES}))?\b"
    rf"|\b(?P<word>noon|midnight)\b",
    re.IGNORECASE,
)
ZONE_AFTER = re.compile(rf"\.?\s+({_ZONES})\b")
# Words before a time that make it approximate ("at about 3.40am").
APPROX_TIME = re.compile(
    r"\b(?:about|around|approximately|roughly|some|shortly\s+(?:after|before)"
    r"|just\s+(?:after|before)|soon\s+after|circa|nearly|almost)\s+$",
    re.IGNORECASE,
)


def time_values(text: str, offset: int = 0) -> Iterator[tuple[int, int, str, bool]]:
    """(start, end, value, approximate) of each time of day."""
    for match in TIME_RE.finditer(text):
        if match.group("word"):
            hour, minute = (12, 0) if match.group("word").lower() == "noon" else (0, 0)
        elif match.group("hp"):
            hour, minute = int(match.group("hp")) % 12, int(match.group("mp"))
            part = match.group("part").lower()
            if part in {"afternoon", "evening"} or part == "night" and hour >= 6:
                hour += 12
        elif match.group("h"):
            hour, minute = int(match.group("h")) % 12, int(match.group("m") or 0)
            hour += 12 if match.group("ampm").lower() == "p" else 0
        else:
            hour, minute = int(match.group("h24")), int(match.group("m24"))
        zone = (match.group("zone") or match.group("zone24") or "").lower()
        value = f"hm:{hour:02d}:{minute:02d}" + (f" {zone}" if zone else "")
        approximate = bool(APPROX_TIME.search(text[max(0, match.start() - 20) : match.start()]))
        yield offset + match.start(), offset + match.end(), value, approximate


def minutes(value: str) -> int:
    """Minutes after midnight of an "hm:" value."""
    hour, minute = value[3:8].split(":")
    return int(hour) * 60 + int(minute)
