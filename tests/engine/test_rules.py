"""The rule modules on their own, and what the libraries underneath get wrong."""

from datetime import date

import pytest
from rapidfuzz import fuzz

from reconcile.engine import dates, roles
from reconcile.engine.extract import load_nlp


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("on Thursday morning", "wd:thu+morning"),
        ("early Thursday", "wd:thu+early"),
        ("late Friday", "wd:fri+late"),
        ("over the weekend", "weekend"),
        ("July 1", "md:07-01"),
        ("the 5th of May", "md:05-05"),
        ("Nov. 30, 2009", "ymd:2009-11-30"),
        ("1 July 2025", "ymd:2025-07-01"),
    ],
)
def test_date_expressions_get_a_comparable_value(text, value):
    assert [v for _, _, v in dates.date_values(text)] == [value]


@pytest.mark.parametrize(
    ("text", "value", "approximate"),
    [
        ("struck the bank at 3.40am", "hm:03:40", False),
        ("at 3:40 a.m. local time", "hm:03:40", False),
        ("drifted onto the bank at 03:40 local time", "hm:03:40", False),
        ("hit the bank at about 4.30am today", "hm:04:30", True),
        ("shortly after 3 p.m.", "hm:15:00", True),
        ("at 10:47 a.m. GMT", "hm:10:47 gmt", False),
        ("just before midnight", "hm:00:00", True),
        ("shortly after 3:30 Sunday morning", "hm:03:30", True),
        ("at 10:30 on Friday night", "hm:22:30", False),
        ("at 9:15 in the evening", "hm:21:15", False),
    ],
)
def test_times_of_day_get_a_comparable_value(text, value, approximate):
    assert [(v, a) for _, _, v, a in dates.time_values(text)] == [(value, approximate)]


@pytest.mark.parametrize(
    "text", ["a 4-3 win", "at 10.30 on the dot", "I am 5 feet tall", "the 3:30 race"]
)
def test_scores_and_bare_numbers_are_no_times(text):
    assert list(dates.time_values(text)) == []


def test_may_the_verb_is_not_a_month():
    assert not list(dates.date_values("The toll may 2 rise, officials said"))


@pytest.mark.parametrize(
    ("a", "b", "year_a", "expected"),
    [
        ("wd:thu", "wd:wed", None, False),
        ("wd:thu+early", "wd:thu", None, True),
        ("wd:fri+late", "wd:sat+early", None, True),
        ("wd:fri+late", "wd:sat", None, True),
        ("wd:wed+early", "wd:thu+early", None, False),  # two mornings, a day apart
        ("wd:sat+morning", "wd:fri", None, False),  # daytime, not the night before
        ("wd:sat+morning", "wd:sat", None, True),
        ("wd:tue+morning", "wd:wed+early", None, False),
        ("wd:wed+late", "wd:thu+late", None, False),
        ("weekend", "wd:sun", None, True),
        ("weekend", "wd:tue", None, False),
        ("md:07-01", "weekend", None, None),  # no year: the weekday is unknown
        ("md:07-01", "weekend", 2025, False),  # 1 July 2025 was a Tuesday
        ("ymd:2013-06-07", "wd:fri", None, True),
        ("md:06-07", "ymd:2013-06-07", None, True),
        ("md:06-07", "md:06-09", None, False),
    ],
)
def test_dates_agree_when_they_can_be_one_day(a, b, year_a, expected):
    assert dates.agree(a, b, year_a) is expected


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        ("former president", "president", "former"),
        ("then president", "former president", None),
        ("vice president", "president", "office"),
        ("lieutenant colonel", "colonel", None),
        ("governor", "mayor", "office"),
        ("chief", "commissioner", None),  # a police chief can be a commissioner
        ("director", "director", None),
        ("general manager", "safety director", "office"),  # two posts of one company
        ("safety director", "director", None),
        ("general manager", "director", None),
    ],
)
def test_title_conflicts(a, b, expected):
    assert roles.conflict(a, b) == expected


def test_rapidfuzz_token_set_ratio_scores_a_headline_inside_a_sentence_as_identical():
    # Why dates and hedges align only sentences that carry a date or assert something:
    # otherwise a short headline is every long sentence's best match.
    headline = "ellen degeneres host oscars"
    sentence = "ellen degeneres host oscars second time next year academy announced monday"
    assert fuzz.token_set_ratio(headline, sentence) == 100


def test_small_spacy_model_calls_a_durations_number_a_date():
    # Why counts inside DATE entities are read when a unit of time follows.
    doc = load_nlp()("She began her 90-day court-ordered stint on Monday.")
    assert any(e.label_ == "DATE" and "90" in e.text for e in doc.ents)


def test_small_spacy_model_misses_a_surname_after_a_quotation():
    # Why a capitalised subject of "said" is taken as the speaker without an entity.
    doc = load_nlp()('"People were told these lines had been checked," Reyes said.')
    reyes = next(t for t in doc if t.text == "Reyes")
    assert reyes.ent_type_ != "PERSON"
    assert reyes.dep_ == "nsubj"


@pytest.mark.parametrize(
    ("a", "b", "published_a", "expected"),
    [
        # Copy of Thursday 3 July 2025: "on Tuesday" is 1 July.
        ("wd:tue", "md:07-01", date(2025, 7, 3), True),
        ("wd:mon", "md:07-01", date(2025, 7, 3), False),
        ("wd:mon+late", "md:07-01", date(2025, 7, 3), True),  # the night into 1 July
        ("wd:tue", "ymd:2025-06-17", date(2025, 7, 3), None),  # weeks apart: which week?
        ("wd:mon", "md:07-01", None, None),  # unpublished, no year: unknowable
    ],
)
def test_the_day_of_publication_puts_a_weekday_on_the_calendar(a, b, published_a, expected):
    assert dates.agree(a, b, published_a=published_a) is expected


def test_yesterday_is_placed_only_by_the_day_of_publication():
    assert dates.resolve("rel:-1", date(2025, 7, 2)) == "ymd:2025-07-01"
    assert dates.resolve("rel:-1", None) is None
    assert dates.resolve("wd:tue", None) == "wd:tue"
    assert [v for _, _, v in dates.date_values("It sank yesterday; talks resume today.")] == [
        "rel:-1",
        "rel:0",
    ]


@pytest.mark.parametrize(
    ("head", "expected"),
    [
        ("Port strike ends\nPublished 9 October 2026\n\nDockers voted...", date(2026, 10, 9)),
        ("PUBLISHED: THURSDAY, MAY 2, 2013, 1:32 PM\nLohan...", date(2013, 5, 2)),
        ("Ferry capsizes\nUpdated 2026-03-10 08:15\nTwelve died.", date(2026, 3, 10)),
        ("10 June 2013 Last updated at 14:00 GMT\nThe quake...", date(2013, 6, 10)),
        ("Posted August 2nd, 2013 at 5:19 pm\nA gunman...", date(2013, 8, 2)),
        ("Last updated 13:26 14/09/2013\nThe fire...", date(2013, 9, 14)),  # day over 12
        ("Posted: 04/9/2012 8:33 am\nA fire...", None),  # 9 April or 4 September?
        ("Posted 1 year, 160 days ago [downloaded on 2 October 2013]\nThe...", None),
        # The story's own first date is the event's, not the paper's.
        ("Crane collapse\nTwo men died on 3 May 2026 when a crane fell, police said.", None),
        ("Lohan\nAccording to a report published this week (June 13), she left.", None),
    ],
)
def test_the_day_of_publication_is_read_only_from_a_line_that_says_so(head, expected):
    assert dates.publication_date(head) == expected
