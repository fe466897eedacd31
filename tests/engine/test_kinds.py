"""Each kind of conflict on small invented texts, with the near misses it must leave alone."""

from datetime import date

import numpy as np
import pytest

from reconcile.engine.dates import publication_date
from reconcile.engine.extract import extract
from reconcile.engine.pipeline import analyse
from reconcile.engine.types import ArticleText
from tests.conftest import ROOT

GOLD = ROOT / "tests" / "gold"


def _findings(*texts: str, kind: str | None = None):
    _, findings = analyse([ArticleText(i, text) for i, text in enumerate(texts)])
    return [f for f in findings if kind is None or f.kind == kind]


def _values(finding, texts):
    return {
        v.article_id: texts[v.article_id][v.value_start : v.value_end] for v in finding.versions
    }


# --- titles ---


def test_former_against_a_current_title_is_a_high_title_conflict():
    texts = [
        "Since May, two rounds of talks have taken place at the urging of former U.S. "
        "President Donald Trump, officials said.",
        "Since May, two rounds of talks have taken place at the urging of U.S. President "
        "Donald Trump, officials said.",
    ]
    [finding] = _findings(*texts, kind="title")
    assert finding.severity == "high"
    assert finding.key == "title:trump"
    assert _values(finding, texts) == {0: "former U.S. President", 1: "U.S. President"}


@pytest.mark.parametrize(
    "former",
    [
        "Aurel Benning, the former industry minister, called for the licence to be suspended.",
        "Former industry minister Aurel Benning has called for the licence to be suspended.",
    ],
)
def test_a_portfolio_inside_a_title_keeps_its_former(former):
    # "industry" is a common noun: it ended the title, and "former" was lost with it.
    texts = [former, "The industry minister, Aurel Benning, said the licence must be reviewed."]
    [finding] = _findings(*texts, kind="title")
    assert finding.severity == "high"
    assert _values(finding, texts)[0].lower() == "former industry minister"


def test_two_offices_for_one_person_conflict():
    [finding] = _findings(
        "Mayor Petra Halloway visited the quay in the afternoon.",
        "Governor Petra Halloway went to the harbour later in the day.",
        kind="title",
    )
    assert "mayor" in finding.summary and "governor" in finding.summary


def test_a_title_that_agrees_somewhere_is_no_office_conflict():
    assert not _findings(
        "President Barack Obama signed the bill. As a senator, Senator Obama had opposed it.",
        "President Obama signed the bill on Tuesday at the White House.",
        kind="title",
    )


def test_one_sentence_told_with_two_titles_conflicts_whatever_else_agrees():
    # Both call him captain elsewhere, which used to excuse any other title.
    texts = [
        '"The skiffs fled," Captain Manohar Nambiar, the navy spokesman, said on Monday. '
        "Later, Capt. Nambiar said three boats were stopped.",
        '"The skiffs fled," Lieutenant Manohar Nambiar, the navy spokesman, said on Monday. '
        "Later, Captain Nambiar said three boats were stopped.",
    ]
    [finding] = _findings(*texts, kind="title")
    assert _values(finding, texts) == {0: "Captain", 1: "Lieutenant"}


def test_one_office_at_two_ranks_conflicts_even_where_another_title_agrees():
    [finding] = _findings(
        "President Obama signed the order. Vice President Obama had praised the science.",
        "President Obama signed the order on Monday at the White House.",
        kind="title",
    )
    assert "vice president" in finding.summary


def test_then_president_is_neither_former_nor_current():
    assert not _findings(
        "The rule was made by then-President George Bush in his final weeks.",
        "The rule was made by former President George Bush in his final weeks.",
        kind="title",
    )


# --- dates ---


def test_a_different_weekday_for_the_same_event_is_a_high_date_conflict():
    texts = [
        "A container crane collapsed at the port of Westmarsh on Thursday, killing two workers.",
        "A container crane collapsed at the port of Westmarsh on Wednesday, killing two workers.",
    ]
    [finding] = _findings(*texts, kind="date")
    assert finding.severity == "high"
    assert _values(finding, texts) == {0: "Thursday", 1: "Wednesday"}


def test_a_short_sentence_keeps_the_words_of_a_date_it_does_not_compare():
    # spaCy tags "a national day" a date beside "Sunday" (not beside "Friday"): those
    # words still say what the day is, so the sentence is compared.
    texts = [
        "Friday will be a national day of mourning.",
        "Sunday will be a national day of mourning.",
    ]
    [finding] = _findings(*texts, kind="date")
    assert _values(finding, texts) == {0: "Friday", 1: "Sunday"}


def test_a_time_of_day_does_not_cut_a_dates_clause_at_its_colon():
    # "at 04:30 on Wednesday": the clause of the day is the breach, not "30 on".
    texts = [
        "Pumps began draining the streets of Marrowby on Monday, more than a day after "
        "the River Ellery broke through its embankment in the early hours of Sunday.",
        "It is three days since the River Ellery broke through the embankment at 04:30 "
        "on Wednesday.",
    ]
    [finding] = _findings(*texts, kind="date")
    assert _values(finding, texts) == {0: "Sunday", 1: "Wednesday"}


def _dated_findings(texts, published, kind="date"):
    _, findings = analyse([ArticleText(i, t, published) for i, t in enumerate(texts)])
    return [f for f in findings if f.kind == kind]


def test_a_participle_that_describes_a_thing_dates_no_deed():
    # The rescue was early Wednesday; "a collapsed mine" does not tie that day to
    # the collapse on Monday.
    texts = [
        "Rescuers pulled 17 coal miners alive from a collapsed mine in western Orvenia "
        "early Wednesday, more than a day after the roof of a tunnel caved in on them.",
        "The roof of a tunnel collapsed at 22:10 on Monday.",
    ]
    assert _dated_findings(texts, date(2026, 4, 15)) == []
    # Told as the deed of the day, the two do disagree.
    texts[0] = "The roof of a tunnel collapsed at 22:10 early Wednesday, trapping 17 miners."
    assert _dated_findings(texts, date(2026, 4, 15))


def test_near_copies_do_not_compare_the_days_of_two_moments():
    # The first survivor came up on Tuesday, the last "today" (Wednesday).
    texts = [
        "The first survivor came out at 7:20pm on Tuesday, his family said.",
        "The first survivor came out at 7.20pm, and the last at 2.15am today, his family said.",
    ]
    assert _dated_findings(texts, date(2026, 4, 15)) == []


def test_a_time_of_day_is_one_number_not_its_digits():
    # "2:30 p.m" and "2:15 a.m." share no "2" that would make contact and the last
    # rescue one deed.
    texts = [
        "Contact was made at 2:30 p.m on Tuesday, roughly 16 hours after the roof came in.",
        "The first survivor reached the surface at 9:20 p.m. Tuesday; the last was brought "
        "up at 2:15 a.m. Wednesday.",
    ]
    assert _dated_findings(texts, date(2026, 4, 15)) == []


def test_what_a_date_finding_leaves_over_is_split_by_event():
    # Orrin: one outlet dates the collapse otherwise, and the council session is
    # dated otherwise too; no finding shows the collapse beside the session.
    folder = GOLD / "orrin_bridge"
    texts = [p.read_text() for p in sorted(folder.glob("*.txt"))]
    articles = [ArticleText(i, t, publication_date(t)) for i, t in enumerate(texts)]
    _, findings = analyse(articles)
    shown = [set(_values(f, texts).values()) for f in findings if f.kind == "date"]
    assert {"March 10th", "Monday morning"} in shown
    assert not [values for values in shown if {"March 10th", "Thursday"} <= values]


def test_a_weekday_written_beside_a_date_it_is_not_conflicts_with_the_true_weekday():
    # 17 April 2026 is a Friday: the date half fits the other article, the weekday
    # half does not, and the slip must not hide behind the date.
    texts = [
        "The government has declared Friday a national day of mourning for the miners.",
        "The government has named Saturday 17 April a national day of mourning for the miners.",
    ]
    published = date(2026, 4, 15)
    _, findings = analyse([ArticleText(i, t, published) for i, t in enumerate(texts)])
    [finding] = [f for f in findings if f.kind == "date"]
    assert finding.severity == "high"
    assert _values(finding, texts) == {0: "Friday", 1: "Saturday"}
    # Written as the calendar has it, the two agree.
    right = [texts[0], texts[1].replace("Saturday", "Friday")]
    _, findings = analyse([ArticleText(i, t, published) for i, t in enumerate(right)])
    assert not [f for f in findings if f.kind == "date"]


def test_a_stretch_that_disagrees_beside_another_disagreeing_date_is_its_own_finding():
    # A finding shows one date per article: the lab's 21 / 20 November would hide
    # the second slip, when the authority was told.
    first = (
        "The authority says the company's own laboratory found the bacteria as early as "
        "21 November, but the company did not tell the authority until 24 November."
    )
    second = (
        "The regulator said the company's own laboratory had detected the bacteria on "
        "20 November but did not tell the authority until 26 November."
    )
    findings = _findings(first, second, kind="date")
    shown = [_values(f, [first, second]) for f in findings]
    assert {0: "21 November", 1: "20 November"} in shown
    assert {0: "24 November", 1: "26 November"} in shown
    assert all(f.severity == "high" for f in findings)


def test_two_ledes_told_apart_are_compared_by_their_days_but_not_by_the_dateline():
    wire = (
        "Former treasurer jailed for seven years\n\n"
        "BRANNOCK, 10 March (Meridian Press Service) – A court in Brannock on Tuesday "
        "jailed former city treasurer Ivo Dernhall for seven years for embezzling funds.\n\n"
        "Judge Helena Marrow also ordered Dernhall to pay a fine of 150,000 euros.\n\n"
        "His lawyer said he would appeal against the sentence."
    )
    partner = (
        "Corruption case closes in Brannock\n\n"
        "The Brannock District Court on Monday brought one of the city's biggest "
        "corruption cases to a close.\n\n"
        "Dernhall will spend seven years behind bars and must also pay 150,000 euros.\n\n"
        "Prosecutors had asked for ten years."
    )
    [finding] = _findings(wire, partner, kind="date")
    assert finding.severity == "medium"
    assert _values(finding, [wire, partner]) == {0: "Tuesday", 1: "Monday"}


def test_a_weekday_and_a_weekend_disagree_but_an_undated_day_of_month_is_only_low():
    weekday = _findings(
        "The drone attack on the plant occurred over the weekend, regional officials said.",
        "The drone attack on the plant occurred on Tuesday, regional officials said.",
        kind="date",
    )
    assert [f.severity for f in weekday] == ["high"]
    undated = _findings(
        "The drone attack on the plant occurred over the weekend, regional officials said.",
        "The drone attack on the plant occurred overnight on July 1, regional officials said.",
        kind="date",
    )
    assert [f.severity for f in undated] == ["low"]


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("late Friday", "early Saturday"),  # the same night
        ("Friday, June 7, 2013", "Friday"),  # the calendar agrees
        ("June 7, 2013", "7 June 2013"),  # only the format differs
    ],
)
def test_dates_that_can_be_the_same_day_are_no_conflict(first, second):
    assert not _findings(
        f"Actress Esther Williams died in her sleep in Beverly Hills {first}, a publicist said.",
        f"Actress Esther Williams died in her sleep in Beverly Hills {second}, a publicist said.",
        kind="date",
    )


def test_datelines_are_not_compared():
    assert not _findings(
        "First Published: June 13, 2013 4:59 PM EDT\nLohan left the Betty Ford Center for Malibu.",
        "Published: June 14, 2013 9:02 AM EDT\nLohan left the Betty Ford Center for Malibu.",
        kind="date",
    )


def test_a_dated_sentence_whose_match_pairs_with_its_copy_is_still_compared():
    # Article 1's second sentence is closest to the opening line, which pairs with
    # its own copy; its day cannot be that line's, so the editor sees it (medium).
    opening = (
        "The new footbridge over the river at Westmarsh was opened by Mayor Petra Halloway "
        "late Thursday, the council said."
    )
    [finding] = _findings(
        opening + "\nCrowds lined the river bank to watch the opening of the footbridge.",
        opening + "\nHalloway reached the footbridge over the river late Tuesday after delays, "
        "the council said.",
        "The footbridge over the river at Westmarsh was opened by Mayor Halloway late Thursday, "
        "council officials said.",
        kind="date",
    )
    assert finding.severity == "medium"
    assert finding.summary == "Date given: late Thursday in 2 articles, late Tuesday in 1 article"


# --- hedging and attribution ---


def test_a_hedged_claim_against_a_plain_one_is_a_hedging_finding():
    texts = [
        "The collapse was caused by a failed hydraulic coupling, investigators said on Friday.",
        "The collapse was reportedly caused by a failed hydraulic coupling on the old crane.",
    ]
    [finding] = _findings(*texts, kind="hedging")
    assert finding.severity == "medium"
    assert _values(finding, texts) == {0: "caused", 1: "reportedly"}


@pytest.mark.parametrize(
    "other",
    [
        "The collapse was allegedly caused by a failed hydraulic coupling on the old crane.",
        '"The collapse was caused by a failed hydraulic coupling," the union leader said.',
    ],
)
def test_both_hedged_or_quoted_is_no_hedging(other):
    assert not _findings(
        "The collapse was reportedly caused by a failed hydraulic coupling on the old crane.",
        other,
        kind="hedging",
    )


def test_attribution_to_an_authority_is_not_a_hedge():
    from reconcile.engine.hedges import hedges

    assert not list(hedges("Three people died, according to the police, and officials said so."))
    assert [m for _, _, m in hedges("Unconfirmed reports in Russian media suggested")] == [
        "unconfirmed"
    ]


def test_verified_footage_against_social_media_is_an_attribution_finding():
    texts = [
        "A video verified by the BBC shows an explosion on the roof of a building at the plant.",
        "Videos shared on social media showed an explosion on the roof of a building at the plant.",
    ]
    [finding] = _findings(*texts, kind="attribution")
    assert _values(finding, texts) == {0: "verified", 1: "shared on social media"}


def test_a_quote_given_to_another_named_speaker_is_flagged_but_not_a_pronoun():
    said = '"The crane had passed its inspection in March," {} said on Thursday.'
    texts = [said.format("Okafor"), said.format("harbour master Ingrid Thorvaldsen")]
    [finding] = _findings(*texts, kind="attribution")
    assert finding.severity == "high"
    assert _values(finding, texts) == {0: "Okafor", 1: "Thorvaldsen"}
    assert not _findings(said.format("Okafor"), said.format("he"), kind="attribution")


# --- numbers ---


def test_an_age_in_weeks_is_compared_in_weeks_only():
    texts = [
        "When five-week-old Emil Ferrow developed a fever, his mother thought it was a cold.",
        "When seven-week-old Emil Ferrow developed a fever, his mother thought it was a cold.",
        "When 36-year-old Emil Ferrow developed a fever, his mother thought it was a cold.",
    ]
    [finding] = _findings(*texts, kind="number")
    assert finding.summary == "Age of Ferrow (weeks): 5 in 1 article, 7 in 1 article"


def test_a_child_told_by_first_name_takes_the_family_name_of_whose_child_it_is():
    texts = [
        "When five-week-old Emil Ferrow stopped feeding and developed a fever, his "
        "mother Sanna thought it was a cold.",
        "Sanna Ferrow, whose seven-week-old son Emil was treated at the hospital in "
        "Corran, said she had followed the instructions on the tin exactly.",
    ]
    [finding] = _findings(*texts, kind="number")
    assert _values(finding, texts) == {0: "five", 1: "seven"}


def test_people_who_gathered_to_watch_are_the_crowd():
    texts = [
        "The surge happened near Gate 4, where some 40,000 people had gathered to see "
        "the band Sable Coast.",
        "Police estimated the crowd inside the park at about 52,000 people when the surge "
        "began near Gate 4.",
    ]
    [finding] = _findings(*texts, kind="number")
    assert finding.summary.startswith("Size of the crowd: ")
    assert _values(finding, texts) == {0: "40,000", 1: "52,000"}


def test_people_inside_the_venue_are_the_crowd():
    texts = [
        "Police estimated the crowd inside the park at about 40,000 people when the surge "
        "began near Gate 4.",
        "Police say 52,000 people were inside the park when the surge began near Gate 4.",
    ]
    [finding] = _findings(*texts, kind="number")
    assert finding.summary.startswith("Size of the crowd: ")
    assert _values(finding, texts) == {0: "40,000", 1: "52,000"}


def test_a_tally_the_parser_hangs_elsewhere_still_counts_the_noun_after_it():
    # spaCy reads "(66 KO)" as "66" in apposition and "KO" as a name; "51 KO" it
    # parses. Both are knockouts in the boxer's record.
    texts = [
        "The 36-year-old champion Klitschko improved to 58-3 (66 KO) after the fight.",
        "The 36-year-old Klitschko, who improved his record to 58-3 (51 KO), was satisfied.",
    ]
    [finding] = _findings(*texts, kind="number")
    assert _values(finding, texts) == {0: "66", 1: "51"}


def test_a_vague_count_that_excludes_the_exact_one_is_low_and_one_that_allows_it_nothing():
    low = _findings(
        "Since May, several talks aimed at a ceasefire have taken place at the urging of Trump.",
        "Since May, two rounds of talks aimed at a ceasefire have taken place at Trump's urging.",
        kind="number",
    )
    assert [f.severity for f in low] == ["low"]
    assert not _findings(
        "Dozens of people were injured in the blast at the plant on Monday, police said.",
        "Forty-five people were injured in the blast at the plant on Monday, police said.",
        kind="number",
    )


def test_two_different_lower_bounds_for_one_figure_are_medium():
    [finding] = _findings(
        "The three societies, which represent more than 20,000 scientists, sent a letter today.",
        "The three societies, which represent more than 26,000 scientists, sent a letter today.",
        kind="number",
    )
    assert finding.severity == "medium"


def test_approximate_prices_written_to_the_cent_conflict_but_close_ones_do_not():
    def bid(price: str) -> str:
        return f"Corvane Group is weighing a rival bid of around {price} crowns a share."

    [finding] = _findings(bid("4.50"), bid("5.00"), kind="number")
    assert finding.severity == "medium"
    assert not _findings(bid("4.50"), bid("4.52"), kind="number")


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("a $144 billion bailout", "a 110 billion euros bailout"),  # two currencies
        ("a 58-3 record", "a 61-3 record"),  # a record is not a count
    ],
)
def test_amounts_in_other_currencies_and_records_are_not_compared(first, second):
    assert not _findings(
        f"Greece agreed to {first} with the lenders on Sunday, ministers said.",
        f"Greece agreed to {second} with the lenders on Sunday, ministers said.",
        kind="number",
    )


def test_ages_of_two_people_are_never_compared_but_one_persons_are():
    assert not _findings(
        "On Friday, 36-year-old Duncan Rait died after falling from a ridge near the glacier.",
        "On Saturday, 32-year-old Robert Buckley died after falling from a ridge near the hut.",
        kind="number",
    )
    [finding] = _findings(
        "On Friday, 36-year-old Duncan Rait died after falling from a ridge near the glacier.",
        "Duncan Rait, 32, died on Friday after falling from a ridge near the glacier.",
        kind="number",
    )
    assert finding.summary == "Age of Rait: 36 in 1 article, 32 in 1 article"


@pytest.mark.parametrize(
    "other",
    [
        "Among the dead is Teodor Haskin, a 45-year-old shift foreman from the town.",
        "One of the dead is Teodor Haskin, a shift foreman. He was 45 and a father of three.",
    ],
)
def test_an_age_beside_a_name_or_after_he_was_is_that_persons(other):
    [finding] = _findings(
        "Among the dead was Teodor Haskin, 54, a shift foreman and father of three.",
        other,
        kind="number",
    )
    assert finding.summary == "Age of Haskin: 54 in 1 article, 45 in 1 article"


def test_he_was_gives_no_age_when_the_sentence_before_named_two_people():
    assert not _findings(
        "Teodor Haskin, 54, and Ansel Brandt, 48, died in the collapse.",
        "Teodor Haskin and Ansel Brandt died in the collapse. He was 45.",
        kind="number",
    )


def test_part_of_an_uncounted_group_taken_to_hospital_is_a_count_of_the_injured():
    # "Eleven of the rescued men" are not a part of some injured total: they are it.
    [finding] = _findings(
        "Eleven of the rescued men were taken to Halden General Hospital on Tuesday.",
        "Nine have been admitted to Halden General Hospital since Tuesday, doctors said.",
        kind="number",
    )
    assert finding.summary == "People injured: 11 in 1 article, 9 in 1 article"


def test_those_still_in_hospital_are_counted_apart_from_those_admitted():
    texts = [
        "Seven of the pupils were admitted to hospital and five remain there, one in "
        "intensive care, the school said.",
        "Nine of the children were hospitalized, and three remain in the hospital, one in "
        "intensive care, officials said.",
    ]
    labels = {}
    for finding in _findings(*texts, kind="number"):
        label, counts = finding.summary.split(": ")
        labels[label] = set(counts.split(", "))
    assert labels == {
        "People injured": {"7 in 1 article", "9 in 1 article"},
        "People still in hospital": {"5 in 1 article", "3 in 1 article"},
    }


def test_part_of_a_group_is_not_its_total_but_its_serious_cases_are_compared():
    texts = [
        "Seven people were injured when the crane fell at Halden quay. Medics took the "
        "injured to St Aubyn's Hospital and two of them remain in critical condition.",
        "Seven people were hurt when the crane fell at Halden quay. Three of the injured "
        "are in critical condition at St Aubyn's Hospital.",
    ]
    [finding] = _findings(*texts, kind="number")
    assert finding.summary.startswith("People seriously injured: ")
    assert set(_values(finding, texts).values()) == {"two", "Three"}


def test_hospitals_are_counted_apart_from_the_injured_they_took_in():
    # "four hospitals" was read as four injured; and "nine were still in critical
    # condition" after "hurt" as nine hurt, both raised against the toll of 80.
    texts = [
        "More than eighty people were hurt, and nine were still in critical condition "
        "at the city's four hospitals.",
        "More than 80 people were injured. The injured were taken to three hospitals, "
        "where nine remained in critical condition.",
    ]
    [finding] = _findings(*texts, kind="number")
    assert finding.summary.startswith("Number of hospitals: ")
    assert set(_values(finding, texts).values()) == {"four", "three"}


def test_people_trapped_are_a_toll_of_their_own():
    # "Twenty-two were trapped" names no noun; it is the count a mine rescue is about.
    texts = [
        "Forty-two walked out or were helped out by workmates; twenty-two were trapped "
        "behind the fall.",
        "Twenty-seven men were trapped behind the fall, 400 metres below the surface.",
    ]
    [finding] = _findings(*texts, kind="number")
    assert finding.summary.startswith("People trapped: ")
    assert set(_values(finding, texts).values()) == {"twenty-two", "Twenty-seven"}


def test_durations_are_counts():
    [finding] = _findings(
        "Lohan checked into rehab to begin a 90-day court-ordered stint, her lawyer said.",
        "Lohan checked into rehab to begin a 60-day court-ordered stint, her lawyer said.",
        kind="number",
    )
    assert "90" in finding.summary and "60" in finding.summary


def test_working_days_are_a_count_of_days():
    # spaCy reads "39 working days" as a date; it is a count that copy gets wrong.
    [finding] = _findings(
        "The Competition Authority expects to reach a first-phase decision within 39 working days.",
        "The Competition Authority has 30 working days to reach a first-phase decision.",
        kind="number",
    )
    assert "39" in finding.summary and "30" in finding.summary


def test_an_honour_counted_in_times_is_compared_but_not_other_times():
    texts = [
        "Cheeks, 48, a four-time NBA all-star while with the Sixers, was fired in March.",
        "The six-time All-Star helped guide the 76ers to ten playoff appearances.",
    ]
    [finding] = _findings(*texts, kind="number")
    assert finding.summary.startswith("Times all-star: ")
    assert _values(finding, texts) == {0: "four", 1: "six"}
    assert not _findings(
        "He was a four-time All-Star with the club, the team said.",
        "He tried three times to win the title with the club, the team said.",
        kind="number",
    )


def test_with_two_articles_one_that_gives_a_count_twice_speaks_through_its_odd_one():
    # Between two articles there is no majority: what is usual for the first is
    # what the second says, so its "four" is not traded for its own later "two".
    texts = [
        "Four people were killed in the blast at the depot on Monday, police said. "
        "Two people were killed, the mayor said later.",
        "Two people were killed in the blast at the fuel depot on Monday, police said.",
    ]
    [finding] = _findings(*texts, kind="number")
    assert _values(finding, texts) == {0: "Four", 1: "Two"}


def test_a_count_in_a_reworded_sentence_is_a_medium_conflict():
    # Each article counts seasons twice, so neither count is the story's only one:
    # the words near each count ("played for") pair them.
    first = (
        "Okafor joined the Harbour Lions as a teenager from Lagos and played for 14 seasons "
        "with the club. He later spent three seasons as a coach in Accra."
    )
    second = (
        "Okafor, who played for the Lions for 11 seasons, will now coach the under-21 side "
        "at Millbrook. He has coached in Ghana for three seasons."
    )
    [finding] = _findings(first, second, kind="number")
    assert finding.severity == "medium"
    assert _values(finding, [first, second]) == {0: "14", 1: "11"}


def test_a_loose_pair_is_dropped_where_one_article_also_gives_the_others_value():
    # "played for 14 seasons" and "played for 11 seasons" pair only loosely, and the
    # first article also gives 11 (coaching): two facts, not a conflict. (Its 11
    # against the second article's three coaching seasons is a conflict.)
    first = (
        "Okafor joined the Harbour Lions as a teenager from Lagos and played for 14 seasons "
        "with the club. Later he coached the reserve side for 11 seasons in Accra."
    )
    second = (
        "Okafor, who played for the Lions for 11 seasons, will now coach the under-21 side "
        "at Millbrook. He has coached in Ghana for three seasons."
    )
    paired = [
        set(_values(f, [first, second]).values()) for f in _findings(first, second, kind="number")
    ]
    assert {"14", "11"} not in paired
    assert {"11", "three"} in paired


def test_a_headlines_value_does_not_excuse_its_bodys_other_value_in_a_loose_pair():
    # The wire's headline gives 212 like the daily; its body says 276. The loose pair
    # of bodies is a conflict: the wire contradicts itself, not two facts.
    wire = (
        "Armand wins Kessel mayoral race by 212 votes as rival cries foul\n\n"
        "Liesel Armand was declared the winner of the mayoral election on Monday morning "
        "by a margin of just 276 votes, after a count that lasted 14 hours."
    )
    daily = "That was more than five times Liesel Armand's winning margin of 212 votes."
    [finding] = _findings(wire, daily, kind="number")
    assert finding.severity == "medium"
    assert _values(finding, [wire, daily]) == {0: "276", 1: "212"}


def test_a_count_given_as_the_earlier_figure_of_a_change_is_no_conflict():
    # "1,200 …, down from 1,500" gives 1,500 as the earlier count: it agrees with
    # an article that reported 1,500 then. A plain 1,200 against 1,500 still conflicts.
    earlier = "About 1,500 people slept in the sports hall in Marrowby on Tuesday night."
    changed = (
        "About 1,200 people were still sleeping in the sports hall in Marrowby on Wednesday, "
        "down from about 1,500 on Tuesday night."
    )
    plain = "About 1,200 people slept in the sports hall in Marrowby on Tuesday night."
    assert _findings(earlier, changed, kind="number") == []
    [finding] = _findings(earlier, plain, kind="number")
    assert set(_values(finding, [earlier, plain]).values()) == {"1,500", "1,200"}


def test_reworded_counts_are_two_facts_where_each_article_gives_both():
    assert not _findings(
        "Okafor played for 14 seasons with the club from Lagos. He coached for 11 seasons.",
        "Okafor, who coached the side for 11 seasons, played for the Lions for 14 seasons.",
        kind="number",
    )
    # Unless the words around them swap them: he played 14 seasons or 11.
    texts = [
        "Okafor played for 14 seasons with the club from Lagos. He coached for 11 seasons.",
        "Okafor, who played for the Lions for 11 seasons, coached the side for 14 seasons.",
    ]
    assert _findings(*texts, kind="number")


# --- names ---


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("Betty Ford Centre", "Betty Ford Center"),  # British and American spelling
        ("the KLITSCHKO brothers", "the Klitschkos"),  # capitals and plural
    ],
)
def test_spelling_conventions_are_not_misspelt_names(first, second):
    assert not _findings(
        f"Lindsay Lohan has left {first} and moved to a clinic in Malibu.",
        f"Lindsay Lohan has left {second} and moved to a clinic in Malibu.",
        kind="name",
    )


def test_a_swapped_or_dropped_letter_in_a_persons_name_is_flagged():
    for wrong in ("Klistchko", "Klitschk"):
        [finding] = _findings(
            "Wladimir Klitschko retained his belts in Bern on Saturday night.",
            f"Wladimir {wrong} retained his belts in Bern on Saturday night.",
            kind="name",
        )
        assert finding.severity == "high"


def test_a_doubled_letter_moved_in_a_name_is_flagged():
    # Korell / Korrel: two letters apart, but one slip of the doubling.
    [finding] = _findings(
        "Industry Minister Sabine Korell travelled to Pellam on Tuesday and met families.",
        "Industry Minister Sabine Korrel visited the mine on Tuesday and met families.",
        kind="name",
    )
    assert finding.summary == "Name spelled: Korell in 1 article, Korrel in 1 article"


def test_a_capitalised_common_word_is_not_a_name():
    assert not _findings(
        "Convicted Inmate Escapes From Prison Van\nThe inmate escaped on Monday, police said.",
        "Convicted Inmate Escaped From Van\nThe inmate escaped on Monday, officials said.",
        kind="name",
    )


# --- quotes ---


def test_a_word_changed_in_a_shared_run_of_a_quote_is_high():
    # The quotes share few words overall, but six in a row: one remark.
    texts = [
        '"We are all responsible, every one of us in this town, so that it does not take the '
        'step into the void," Mayor Ilse Varga told the memorial crowd on Sunday.',
        'Varga later warned the council that the town "must not take the step into the abyss" '
        "and asked for calm.",
    ]
    [finding] = _findings(*texts, kind="quote")
    assert finding.severity == "high"
    assert len(finding.versions) == 2


BROKEN = (
    '"We can rebuild the harbour wall this winter," Mayor Ilse Varga said on Monday, '
    '"and keep every fishing berth open while we do it."'
)


def test_a_quotation_broken_by_who_said_it_is_one_quote():
    whole = (
        'Mayor Ilse Varga said: "We can rebuild the harbour wall this winter and keep '
        'every fishing berth open while we do it."'
    )
    assert _findings(BROKEN, whole, kind="quote") == []
    changed = whole.replace("harbour wall", "harbour road")
    [finding] = _findings(BROKEN, changed, kind="quote")
    assert finding.severity == "high"
    # The broken one shows as written, with who said it in between.
    assert _values(finding, [BROKEN, changed])[0] == BROKEN[1:-1]


def test_quotes_trimmed_at_either_end_are_low():
    [finding] = _findings(
        '"The crane came down across the quay and the cabin was crushed before anyone could '
        'move," said the harbour master, Tomas Brenner.',
        'Brenner said the cabin "was crushed before anyone could move" when the crane fell.',
        'The harbour master said "the crane came down across the quay and the cabin was crushed" '
        "in seconds.",
        kind="quote",
    )
    assert finding.severity == "low"
    assert len(finding.versions) == 3


def test_a_reworded_part_of_a_two_sentence_quotation_joins_it():
    texts = [
        '"Our country is on the edge of the abyss. It is the responsibility of us all to '
        'not take the step into the void," President Karolos Papoulias said on Wednesday.',
        '"Our country is on the edge of the abyss," President Karolos Papoulias said. "We '
        'are all responsible so that it does not take the step into the dark."',
    ]
    [finding] = _findings(*texts, kind="quote")
    assert finding.severity == "high"
    assert _values(finding, texts)[1].endswith("step into the dark.")


def test_a_disagreement_hidden_behind_an_articles_other_sentence_gets_its_own_finding():
    """Aligned dated sentences chain into one group; an article shows one sentence in a
    finding, so a day it gives in another sentence of the group needs a finding too."""
    from reconcile.engine.align import ClaimRef, Scores
    from reconcile.engine.compare import _date_findings
    from reconcile.engine.extract import extract

    sentences = {
        (0, 0): "The harbour council announced the regatta on Friday, officials said.",
        (1, 0): "The harbour council announced the regatta on Friday, its chairman said.",
        (1, 1): "The regatta opens at the north pier on July 14, the harbour council said.",
        (2, 0): "The harbour council announced the regatta on Tuesday, officials said.",
        (2, 1): "The regatta opens at the north pier on July 12, the harbour council said.",
    }
    refs = [ClaimRef(a, i) for a, i in sentences]
    claims = {a: () for a, _ in sentences}
    for a, i in sentences:
        claims[a] += extract(sentences[(a, i)])
    row = {key: n for n, key in enumerate(sentences)}
    # Articles 2 and 1 disagree closest on the opening day; article 2's Tuesday
    # against article 0's Friday is the other disagreement of the group.
    edges = {
        (row[0, 0], row[1, 0]): 95.0,
        (row[0, 0], row[2, 0]): 60.0,
        (row[1, 1], row[2, 1]): 90.0,
        (row[1, 0], row[2, 1]): 46.0,
    }
    pairs = list(edges)
    i, j = zip(*pairs, strict=True)
    scores = Scores(len(refs), np.array(i), np.array(j), np.array(list(edges.values())))
    published = dict.fromkeys(claims)
    findings = _date_findings(refs, scores, claims, pairs, published)
    assert sorted(f.summary for f in findings) == [
        "Date given: Friday in 1 article, Tuesday in 1 article",
        "Date given: July 14 in 1 article, July 12 in 1 article, Friday in 1 article",
    ]


# --- keys: what keeps an editor's resolution when an article is edited ---


def test_a_findings_key_survives_a_count_rewritten_in_digits_and_a_quote_cut_short():
    texts = [
        'Two dock workers died at Westmarsh port on Thursday. "We will find out exactly '
        'what went wrong and who is responsible," harbour master Edith Rowe said.',
        'Two dock workers died at Westmarsh port on Wednesday. "We will find out precisely '
        'what went wrong," harbour master Edith Rowe said.',
    ]
    keys = {f.kind: f.key for f in _findings(*texts)}
    edited = [texts[0].replace("Two", "2").replace(" and who is responsible", ""), texts[1]]
    assert {f.kind: f.key for f in _findings(*edited)} == keys
    assert set(keys) == {"date", "quote"}


def test_findings_that_share_a_key_are_numbered():
    from reconcile.engine.compare import _unique_keys
    from reconcile.engine.types import Finding

    findings = [Finding("quote:we will not", "quote", "high", "s")] * 2
    assert [f.key for f in _unique_keys(findings)] == ["quote:we will not", "quote:we will not#2"]


# --- session 6 ---


def test_the_dead_counted_as_the_workers_they_were_are_the_toll_but_not_their_breakdown():
    texts = [
        "The five depot workers, two women and a man among them, were killed when the "
        "tank exploded at Halden on Monday.",
        "The three depot workers died when the fuel tank exploded at Halden on Monday.",
    ]
    [finding] = _findings(*texts, kind="number")
    assert finding.summary.startswith("People killed: ")
    assert _values(finding, texts) == {0: "five", 1: "three"}
    # "Two men and a woman" are who the three dead were, not a toll of two.
    assert not _findings(
        "Three people were killed when the tank exploded at the Halden depot on Monday.",
        "Two men and a woman were killed when the fuel tank exploded at Halden on Monday.",
        kind="number",
    )


def test_a_short_quote_with_one_word_changed_is_high():
    texts = [
        '"I got caught but I\'m OK," Okafor said after the bout in Millbrook.',
        'Bleeding from a cut above his eye, Okafor told reporters: "I got hurt but I\'m OK."',
    ]
    [finding] = _findings(*texts, kind="quote")
    assert finding.severity == "high"
    # Two different short remarks share too little to be one.
    assert not _findings(
        '"I got caught but I\'m OK," Okafor said after the bout in Millbrook.',
        'Okafor told reporters: "We trained hard for this fight and it showed."',
        kind="quote",
    )


def test_dated_sentences_that_give_one_toll_compare_their_days():
    # The first article's sentence is closest to the second's Thursday march, which
    # agrees; the toll says which of the second's sentences tells the deaths.
    texts = [
        "Riots over the new port tax left three dock workers dead and filled the streets "
        "of Halden on Thursday, as protesters tried to storm the town hall.",
        "Riots over the new port tax filled the streets of Halden again on Thursday, as "
        "protesters marched on the town hall. Three people, one of them a pregnant woman, "
        "were killed when a petrol bomb hit a customs office on Wednesday.",
    ]
    [finding] = _findings(*texts, kind="date")
    assert finding.severity == "medium"
    assert _values(finding, texts) == {0: "Thursday", 1: "Wednesday"}


def test_a_word_changed_in_the_only_run_two_quotes_share_is_still_one_remark():
    # "the edge of the harbour wall" was the only run of five words the two shared;
    # with "edge" changed, four words on either side of it still say it is one remark.
    texts = [
        'Varga warned that the town had "come to the brink of the harbour wall".',
        '"Our whole town is standing at the edge of the harbour wall," Mayor Ilse Varga '
        "said in a statement on Sunday.",
    ]
    [finding] = _findings(*texts, kind="quote")
    assert finding.severity == "high"
    # One word in common around a change is not a run: two remarks stay apart.
    assert not _findings(
        'Varga said the town had "come to the end of its patience".',
        '"Our whole town is standing at the edge of the harbour wall," Mayor Ilse Varga '
        "said in a statement on Sunday.",
        kind="quote",
    )


def test_a_count_hyphened_to_a_noun_counts_that_noun_however_it_is_parsed():
    texts = [
        "Prime Minister Elena Varga's Greens hold a comfortable majority of 160 in the "
        "390-seat Parliament, and with 151 votes needed, the bill is expected to pass.",
        "Varga's Greens hold a comfortable majority of 160 in the 300-seat Parliament and "
        "the bill is expected to pass easily.",
    ]
    [finding] = _findings(*texts, kind="number")
    assert finding.summary.startswith("Number of seats: ")
    assert _values(finding, texts) == {0: "390", 1: "300"}


def test_opposite_words_about_the_same_thing_in_reworded_sentences_are_a_low_claim():
    texts = [
        "Tomas Brenner is a convicted arsonist serving a life sentence at Halden.",
        "An acquitted arsonist sentenced to life in prison pulled a knife on two guards "
        "during a transfer on Monday.",
    ]
    [finding] = _findings(*texts, kind="claim")
    assert finding.severity == "low"
    assert _values(finding, texts) == {0: "convicted", 1: "acquitted"}
    # Opposite words about different things, and an obituary's "survived by", are not.
    assert not _findings(
        "The council rejected a plan to close the school on Harbour Lane next year.",
        "The council approved a new bus route to the ferry terminal in the spring.",
        kind="claim",
    )
    assert not _findings(
        "Deputy Ortiz, who married three weeks ago, is survived by his wife and two sons.",
        "Deputy Ortiz died at the scene, leaving his wife and two sons, the sheriff said.",
        kind="claim",
    )


# --- session 7 ---


def test_a_count_given_the_other_facts_words_conflicts_though_two_articles_give_both():
    # Two articles each give five skiffs (the attack) and three (those stopped): two
    # facts. A third whose *intercepted* skiffs are five has the attack's count in
    # the wrong place.
    texts = [
        "Five skiffs attacked the tanker Marisol near Socotra on Monday. The frigate "
        "Tarkash intercepted three skiffs after a chase, and two escaped.",
        "Pirates in five skiffs attacked the tanker Marisol off Socotra. The Tarkash "
        "intercepted three skiffs at dawn, the navy said.",
        "The frigate Tarkash intercepted five skiffs near Socotra on Monday, the navy said.",
    ]
    [finding] = _findings(*texts, kind="number")
    assert finding.summary.startswith("Number of skiffs: 3 in 2 articles, 5 in 1 article")
    assert _values(finding, texts)[2] == "five"
    # The same three articles, the third intercepting three: nothing to flag.
    agreeing = [*texts[:2], texts[2].replace("five skiffs", "three skiffs")]
    assert not _findings(*agreeing, kind="number")


def test_a_noun_past_a_comma_is_not_what_a_count_counts():
    # "$160 million, but sources say": the sum does not count sources, so two sums
    # followed by "sources" are not one fact.
    assert not _findings(
        "The Harbour Lions offered Okafor $16 million, but sources say the deal is not done.",
        "Okafor's agent wants $20 million, sources close to the club said on Monday.",
        kind="number",
    )


def test_a_quotes_key_survives_a_fragment_of_it_leaving_the_finding():
    # The key carries an editor's resolution to the next run. The third article
    # quotes only "a raw, murderous act", which joins the first article's whole
    # quote; cutting that quote short drops the fragment from the finding, and the
    # key must not follow the fragment.
    texts = [
        '"We are all deeply shocked by the death of three of our citizens, victims of a '
        'raw, murderous act," Premier Alis Varga told parliament in Corvath.',
        '"We are deeply shocked by the unjust death of these three people, our fellow '
        'citizens," Premier Alis Varga told parliament in Corvath.',
        'Premier Alis Varga called the fire at the bank "a raw, murderous act".',
    ]
    [before] = _findings(*texts, kind="quote")
    cut = texts[0].replace(", victims of a raw, murderous act", "")
    [after] = _findings(cut, *texts[1:], kind="quote")
    assert after.key == before.key


def test_a_word_of_the_quote_is_not_who_said_it():
    # Cut short, the quote's words run into the verb: the parser may make its first
    # word the subject of "told". Nobody called "Nothing" said it.
    texts = [
        '"Nothing less than the future of Europe, and with that the" Merkel told lawmakers.',
        '"Nothing less than the future of Europe, and with that the future of Germany in '
        'Europe, is at stake," Merkel told lawmakers in Berlin.',
    ]
    assert not _findings(*texts, kind="attribution")


def test_a_sum_is_what_its_verb_makes_it_when_no_noun_says():
    # "was fined €14,000" has no noun after the sum; the verb says it is the fine.
    texts = [
        "Harbour Lines, which was fined €14,000 in 2023 for overloading a ferry, has "
        "offered €15,000 to each family.",
        "The operator paid a €40,000 fine in 2023 after inspectors found the ferry overloaded.",
    ]
    [finding] = _findings(*texts, kind="number")
    assert finding.summary.startswith("Fine: ")
    assert _values(finding, texts) == {0: "14,000", 1: "40,000"}


# --- session 8 ---


def test_a_trade_and_its_workers_are_one_count():
    # "dockers" and "dockworkers" are the same strikers: 4,300 against 3,400 is a
    # number conflict, not two unrelated counts.
    texts = [
        "The union, which represents about 4,300 dockers at the port of Selby, called off "
        "the strike.",
        "The 4,300 dockers will vote on the deal on Monday, the union at Selby said.",
        "Some 3,400 dockworkers, all members of the union at Selby, had been out since May.",
    ]
    [finding] = _findings(*texts, kind="number")
    assert finding.summary.startswith("Number of dockers: ")
    assert "about 3,400 in 1 article" in finding.summary
    assert _values(finding, texts)[2] == "3,400"
    # Counts of another trade stay apart.
    assert not _findings(texts[0], texts[2].replace("dockworkers", "steelworkers"), kind="number")


def test_a_compound_office_in_an_apposition_before_who_is_a_title():
    # "a former harbourmaster who worked at the port" tells the same man's office
    # as "Harbourmaster Glyn Petherick", and says he no longer holds it.
    texts = [
        "Glyn Petherick, a former harbourmaster who worked at the port for most of his "
        "career, said he had never seen the quays so quiet.",
        "Harbourmaster Glyn Petherick said the first container ships had been brought in.",
    ]
    [finding] = _findings(*texts, kind="title")
    assert _values(finding, texts) == {0: "former harbourmaster", 1: "Harbourmaster"}
    assert not _findings(texts[0].replace("a former", "the"), texts[1], kind="title")


def test_he_said_is_the_subject_of_the_sentence_before():
    # Copy names the speaker, then quotes them with "he said". The same words given
    # to the company's spokesperson in another outlet are another speaker.
    texts = [
        "Minister Callum Ferrant, who chaired the last session, welcomed the outcome. "
        '"Nobody wins when the cranes stand idle," he said.',
        '"Nobody wins when the cranes stand idle," said Idris Penhallow, a spokesperson '
        "for the operator.",
    ]
    [finding] = _findings(*texts, kind="attribution")
    assert finding.severity == "medium"  # a pronoun read, not a name: likely, not sure
    assert _values(finding, texts) == {0: "he", 1: "Penhallow"}
    assert "he (Ferrant)" in finding.summary
    # The same man quoted: nothing to flag.
    same = texts[1].replace("Idris Penhallow, a spokesperson for the operator", "Ferrant")
    assert not _findings(texts[0], same, kind="attribution")
    # When the sentence before is about someone else, "he" is not guessed.
    other = texts[0].replace("Minister Callum Ferrant, who chaired", "The minister, who chaired")
    assert not _findings(other, texts[1], kind="attribution")


def test_the_day_talks_began_is_compared_however_the_sentence_is_worded():
    # The sentences share little beyond the event, what began and when; each is a
    # closer match for the other article's sentence about the deal.
    texts = [
        "Shares in Harwick rose 3.1% on Friday after the pay deal was agreed by "
        "negotiators. It came at the end of a third round of negotiations, which opened "
        "on Thursday.",
        "Negotiators agreed a 4.5% pay rise after several rounds of talks, which resumed "
        "on Wednesday, late into the night. The pay deal was agreed by negotiators early "
        "on Friday.",
    ]

    def began(texts):
        return [
            f
            for f in _findings(*texts, kind="date")
            if set(_values(f, texts).values()) >= {"Thursday", "Wednesday"}
        ]

    [finding] = began(texts)
    assert finding.severity == "medium"  # the event, not the sentence, pairs them
    # Talks that began and a strike that began are two events.
    strike = [texts[0], texts[1].replace("rounds of talks, which resumed", "days of a "
                                         "strike, which began")]  # fmt: skip
    assert not began(strike)


def test_a_sum_told_on_unverified_reports_is_hedged_against_the_same_sum_as_fact():
    # Reworded past aligning, the two sentences share the sum: one fact, told as
    # fact in one article and on unverified reports in the other.
    texts = [
        "The ministry confirmed it would contribute £3m towards a retraining fund for "
        "dockers whose jobs are affected by automation at the North Mole terminal.",
        "According to unverified reports, the government is putting £3 million into a "
        "retraining fund as part of the package.",
    ]
    [finding] = _findings(*texts, kind="hedging")
    assert finding.summary == (
        "Certainty: stated as fact in 1 article, according to unverified reports in 1 article"
    )
    assert _values(finding, texts)[1].lower().startswith("according to unverified reports")
    # Another sum: another fact, nothing to compare.
    other = texts[1].replace("£3 million", "£8 million")
    assert not _findings(texts[0], other, kind="hedging")


def test_a_speakers_words_told_as_the_outlets_own_narration():
    # The director's claim about her own ferry, quoted in one article, is the
    # wire's plain statement of fact in another.
    texts = [
        'Lena Farrestad, managing director of the operator, said: "The Tessaly Rose was '
        'fully certified and had passed its annual inspection in January."',
        "The Tessaly Rose was fully certified and had passed its annual inspection in "
        "January. The operator was fined in 2023.",
    ]
    [finding] = _findings(*texts, kind="attribution")
    assert finding.severity == "medium"
    assert finding.summary == (
        "Attribution: quoted from Farrestad in 1 article, stated as fact in 1 article"
    )
    assert _values(finding, texts)[1].startswith("The Tessaly Rose was fully certified")
    # Reported speech is still attributed: nothing to flag.
    reported = texts[1].replace("The Tessaly Rose was", "The operator said the Tessaly Rose was")
    assert not _findings(texts[0], reported, kind="attribution")
    # Nor is the second sentence of a quotation in the other article.
    added = [
        texts[0] + ' She added: "We are devastated. Our thoughts are with every family '
        'waiting for news tonight, and we will support them."',
        'Lena Farrestad said in a statement: "We are devastated. Our thoughts are with '
        'every family waiting for news."\n\nThe town held a vigil on the quay.',
    ]
    assert not _findings(*added, kind="attribution")


@pytest.mark.parametrize(
    ("thing", "one", "other", "word"),
    [
        ("dockers' strike", "suspended", "called off", "called off"),
        ("dockers' strike", "suspended", "cancelled", "cancelled"),
        ("ferry", "sank", "stayed afloat", "afloat"),
        ("injunction", "granted", "rejected", "rejected"),
    ],
)
def test_opposite_outcomes_of_one_event_are_a_claim_conflict(thing, one, other, word):
    # A strike suspended pending a vote has not been called off; a ferry that
    # stayed afloat did not sink. Phrases count whole: "called off", not "off".
    texts = [
        f"The {thing} at Dunmore was {one} on Friday after the overnight deal.",
        f"The {thing} at Dunmore was {other} on Friday after the overnight deal.",
    ]
    [finding] = _findings(*texts, kind="claim")
    assert _values(finding, texts) == {0: one, 1: word}


def test_video_released_by_the_authority_against_one_on_social_media_not_verified():
    # "has not been independently verified" says the opposite of "verified".
    texts = [
        "A video released by the coastguard shows survivors in orange lifejackets being "
        "hauled aboard a lifeboat under a searchlight.",
        "A video posted on social media, which has not been independently verified, shows "
        "survivors in lifejackets being hauled aboard a lifeboat.",
    ]
    [finding] = _findings(*texts, kind="attribution")
    assert _values(finding, texts) == {0: "released by the coastguard", 1: "posted on social media"}
    # Two videos from social media, neither verified: nothing to flag, as "not
    # verified" is not read as "verified".
    other = texts[1].replace("A video posted", "Footage posted")
    assert not _findings(other, texts[1], kind="attribution")


def test_aligned_sentences_compare_only_dates_of_the_same_thing():
    # Both sentences tell of the detention; their days are of the court date and of
    # the search, two other events.
    texts = [
        "The captain, Teodor Malvik, was detained by police and is expected in court on Thursday.",
        "The captain of the ferry has been detained by police, as divers resumed the "
        "search on Wednesday for three people still missing.",
    ]
    assert not _findings(*texts, kind="date")
    # The same clause with another day is a conflict.
    moved = texts[0].replace("is expected in court on Thursday", "was detained on Thursday")
    other = texts[1].replace("as divers resumed the search", "and was detained")
    assert _findings(moved, other, kind="date")


def test_a_stretch_since_a_day_is_compared_only_with_another_stretch():
    # Sandbags filled "since Friday" may have been filled over the weekend: unknown,
    # low at most. The mayor's nights "since Sunday" are not the sandbags' stretch.
    # The same stretch begun on another day is a conflict.
    since_friday = (
        "Mayor Hester Quillon said volunteers had filled 40,000 sandbags in Marrowby since Friday."
    )
    texts = [
        since_friday,
        "Volunteers filled 40,000 sandbags in Marrowby over the weekend, the mayor said.",
        "Mayor Hester Quillon, who has slept at the county showground since Sunday, spoke.",
    ]
    assert [f.severity for f in _findings(*texts, kind="date")] == ["low"]
    moved = since_friday.replace("since Friday", "since Thursday")
    assert _findings(since_friday, moved, kind="date")


def test_a_court_appearance_is_one_event_however_told():
    # "will appear in court" and "is due before magistrates" date one hearing, in
    # sentences too short and too unlike to align.
    texts = [
        "The captain was detained after the capsizing. He is due before magistrates in "
        "Fennick on Thursday, according to the district police.",
        "The captain was detained on Tuesday. He will appear in court on Friday.",
    ]
    [finding] = _findings(*texts, kind="date")
    assert finding.severity == "medium"
    assert _values(finding, texts) == {0: "Thursday", 1: "Friday"}
    agreeing = [texts[0], texts[1].replace("on Friday", "on Thursday")]
    assert not _findings(*agreeing, kind="date")


def test_the_weekday_an_event_is_named_by_is_compared():
    # "Saturday's vote" and "Sunday's vote" name the one vote of the story by its
    # day, in sentences about other things.
    texts = [
        "Saturday's vote was the closest in the town's history, officials said.",
        "Turnout in Sunday's vote was 61.4%, the highest in the town for two decades.",
    ]
    [finding] = _findings(*texts, kind="date")
    assert _values(finding, texts) == {0: "Saturday", 1: "Sunday"}
    # Another event's day is not the vote's.
    other = texts[1].replace("Sunday's vote", "Sunday's rally")
    assert not _findings(texts[0], other, kind="date")


def test_an_engineers_title_in_an_apposition_ending_at_a_place():
    texts = [
        "Tobias Renhault, former chief engineer of the Pelle Valley Roads Authority, said "
        "the bridge had last been inspected in 2023.",
        "Tobias Renhault, chief engineer at the Pelle Valley Roads Authority, told us that "
        "an inspection in 2023 had raised serious concerns.",
    ]
    [finding] = _findings(*texts, kind="title")
    assert _values(finding, texts) == {0: "former chief engineer", 1: "chief engineer"}


def test_what_a_sum_costs_is_its_label():
    # "will cost €185,000" has no noun after the sum: what costs it says what it is.
    texts = [
        "The recount will cost €185,000, a sum opposition councillors say should come "
        "from the commission's budget.",
        "The recount will cost €158,000, according to figures released by the town hall.",
    ]
    [finding] = _findings(*texts, kind="number")
    assert finding.summary.startswith("Cost of recount: ")
    assert _values(finding, texts) == {0: "185,000", 1: "158,000"}
    # The cost of something else is another sum.
    other = texts[1].replace("The recount", "The new count centre")
    assert not _findings(texts[0], other, kind="number")


# --- session 9 ---


def test_capitalised_plurals_and_rounds_of_ammunition_count_the_same_things():
    # The model leaves "Rifles" (NNPS) unlemmatised, and "rounds of ammunition"
    # would count ammunition while "1,200 rounds" counts rounds: neither would meet.
    texts = [
        "The ship has confiscated a total of 14 AK 47 Rifles, 31 Magazines and 923 rounds "
        "of ammunition, the navy said.",
        "The Navy confiscated 16 AK-47 rifles, 31 magazines and 1200 rounds from the boat, "
        "the navy said.",
    ]
    findings = _findings(*texts, kind="number")
    by_label = {f.summary.split(":")[0]: _values(f, texts) for f in findings}
    assert by_label == {
        "Number of rifles": {0: "14", 1: "16"},
        "Number of rounds": {0: "923", 1: "1200"},
    }


# --- session 10 ---


def test_an_organisation_head_counts_what_its_compound_names():
    # "union organizations" and "unions" are one count: the head only says they are
    # organisations.
    texts = [
        "The strike was called by Yiannis Panagopoulos, head of GSEE, one of the two largest "
        "union organizations.",
        "The strike was called by Yiannis Panagopoulos, head of GSEE, one of the four largest "
        "unions.",
    ]
    findings = _findings(*texts, kind="number")
    assert [_values(f, texts) for f in findings] == [{0: "two", 1: "four"}]


# --- session 11 ---


def test_crew_members_are_the_crew():
    # "8 crew members" counts crew, as "six crew" does: "members" only says they belong.
    texts = [
        "The Tessaly Rose had 57 passengers and 8 crew members on board when it struck "
        "the Grennet Shoals.",
        "The Tessaly Rose was carrying 57 passengers and six crew on the evening crossing "
        "when it hit the Grennet Shoals.",
    ]
    findings = _findings(*texts, kind="number")
    assert [_values(f, texts) for f in findings] == [{0: "8", 1: "six"}]


def test_the_verb_over_a_counted_noun_says_what_it_counts():
    # "killing 2 dock workers and injuring 7 others": the 2 are dead, though the
    # words after it reach "injuring".
    texts = [
        "A container crane collapsed at the port of Westmarsh on Wednesday morning, "
        "killing 2 dock workers and injuring 7 others.",
        "Two dock workers were killed and seven others injured when a container crane "
        "collapsed at the port of Westmarsh on Wednesday morning.",
    ]
    assert _findings(*texts, kind="number") == []
    texts[1] = texts[1].replace("Two", "Three")
    findings = _findings(*texts, kind="number")
    assert [f.summary.split(":")[0] for f in findings] == ["People killed"]
    assert [_values(f, texts) for f in findings] == [{0: "2", 1: "Three"}]


def test_a_date_conflict_shows_the_date_that_disagrees():
    # The mourners' Friday is of another thing; the day the bridge fell is the one
    # that disagrees, and the one the editor must be shown.
    texts = [
        "The Saltmarket Bridge fell into the River Pelle on Tuesday, killing three "
        "people, police in Orrin said.",
        "Mourners gathered on Friday to remember the three people killed when the "
        "Saltmarket Bridge fell into the River Pelle on Monday.",
    ]
    findings = _findings(*texts, kind="date")
    assert [_values(f, texts) for f in findings] == [{0: "Tuesday", 1: "Monday"}]


def test_a_statement_denied_in_one_article_and_told_in_another_is_a_claim_conflict():
    texts = [
        "Sorren General Hospital was not evacuated after Wednesday's aftershock, the "
        "hospital's director said.",
        "After Wednesday's aftershock, patients at Sorren General Hospital were evacuated "
        "to tents, the hospital's director said.",
    ]
    findings = _findings(*texts, kind="claim")
    assert [_values(f, texts) for f in findings] == [{0: "not evacuated", 1: "evacuated"}]
    # Not where the denial is of someone else, or the other sentence denies it too.
    assert (
        _findings(
            "Unlike stars Jennifer Lawrence and Liam Hemsworth, director Gary Ross is not "
            "signed for the sequel, the studio said.",
            "Stars Jennifer Lawrence and Liam Hemsworth are already signed for the sequel, "
            "the studio said.",
            kind="claim",
        )
        == []
    )
    assert (
        _findings(
            "The hospital was not evacuated after the aftershock, the director said.",
            "The hospital wasn't evacuated after the aftershock, its director said.",
            kind="claim",
        )
        == []
    )


def test_a_title_is_read_past_dr_and_a_possessor():
    # "Dr" stands outside the name the model tags; "the hospital's deputy director"
    # names whose office it is.
    texts = [
        "The hospital's director, Dr Anton Behrast, told reporters that no patient had "
        "been hurt during the aftershock.",
        "No patient had been hurt during the aftershock, said Dr Anton Behrast, the "
        "hospital's deputy director.",
    ]
    findings = _findings(*texts, kind="title")
    assert [_values(f, texts) for f in findings] == [
        {0: "director", 1: "hospital's deputy director"}
    ]


# --- session 12 ---


def test_a_magnitude_and_a_storey_count_are_not_the_dead():
    # "a magnitude 5.8 earthquake ... killed 12 people" and "a six-storey hotel ...
    # killing at least 40 people": the 5.8 measures the quake and the six counts
    # storeys, so neither stands beside the tolls.
    texts = [
        "The magnitude 6.4 earthquake brought down a six-storey hotel in Sorren on "
        "Tuesday and killed 44 people, officials said.",
        "The magnitude 6.4 earthquake brought down the hotel in Sorren on Tuesday and "
        "killed 44 people, the governor said.",
    ]
    assert _findings(*texts, kind="number") == []
    texts[1] = texts[1].replace("6.4", "5.8").replace("44", "41")
    findings = _findings(*texts, kind="number")
    assert sorted(_values(f, texts)[1] for f in findings) == ["41", "5.8"]
    assert {f.summary.split(":")[0] for f in findings} == {"People killed", "Number of earthquakes"}


def test_a_toll_given_as_the_value_of_the_number_of_dead():
    # The small model takes the bare "44" for a date; it is the toll.
    texts = [
        "By late on Tuesday night the number of dead in Sorren had risen to 44, officials said.",
        "Officials in Sorren said 41 people died in the earthquake on Tuesday.",
    ]
    findings = _findings(*texts, kind="number")
    assert [_values(f, texts) for f in findings] == [{0: "44", 1: "41"}]
    assert findings[0].summary.startswith("People killed")


def test_a_sentence_set_in_an_earlier_year_counts_another_event():
    # "In 1987 a magnitude 5.8 earthquake ... killed 12": history, whose magnitude
    # is not the story quake's 6.4 nor its toll the story's.
    texts = [
        "The earthquake killed 44 people in Sorren on 10 March 2026, officials said. "
        "In 1987 a magnitude 5.8 earthquake near Sorren killed 12 people and brought "
        "down the old stone bridge over the river.",
        "The magnitude 6.4 earthquake struck Sorren on 10 March 2026. It killed 44 people "
        "and brought down the school.",
        "Officials said on 11 March 2026 that 41 people died in the earthquake in Sorren.",
    ]
    findings = _findings(*texts, kind="number")
    assert [_values(f, texts) for f in findings] == [{0: "44", 1: "44", 2: "41"}]
    # A year told in passing does not make a sentence history.
    texts[0] = texts[0].replace("In 1987 a", "A").replace("Sorren killed", "Sorren in 1987 killed")
    assert {f.summary.split(":")[0] for f in _findings(*texts, kind="number")} == {
        "People killed",
        "Number of earthquakes",
    }


def test_a_fine_of_a_sum_is_that_fine_in_any_currency_wording():
    # "a fine of 60,000 euros" is the fine, as "fined €60,000" is: labelled "euro"
    # it met no other article's fine. (Whose fine each is: the Brannock story in
    # tests/eval, where a headline naming no one chained the defendants' fines.)
    texts = [
        "Judge Helena Marrow ordered Ivo Dernhall to pay a fine of €150,000. Lotte Brisk, "
        "the former deputy head of procurement, was sentenced to four years and fined "
        "€60,000.",
        "Ivo Dernhall must also pay a fine of 150,000 euros. Lotte Brisk, formerly deputy "
        "head of procurement, was given a four-year term and a fine of 60,000 euros.",
        "Ivo Dernhall will spend seven years behind bars and pay a fine of €150,000. Lotte "
        "Brisk, the former deputy head of procurement, received four years in prison and "
        "a fine of €80,000.",
    ]
    findings = _findings(*texts, kind="number")
    assert [_values(f, texts) for f in findings] == [{0: "60,000", 1: "60,000", 2: "80,000"}]
    assert findings[0].summary.startswith("Fine: ")


def test_one_defendants_term_changed_is_found_though_another_fact_has_that_value():
    # The Brannock story (tests/gold) has three defendants and a six-year fact of
    # its own. Brisk's "four years" raised to six in one article reads, without an
    # owner, as two counts each article knows (four and six years); the parse says
    # all four are Brisk's, so they are one fact and conflict.
    folder = GOLD / "brannock_trial"
    names = ["wire.txt", "daily.txt", "tv.txt", "partner.txt", "local.txt"]
    texts = [(folder / name).read_text() for name in names]
    old = "was sentenced to four years and fined €60,000"
    assert old in texts[0]
    texts[0] = texts[0].replace(old, old.replace("four", "six"))
    findings = _findings(*texts, kind="number")
    brisk = [f for f in findings if _values(f, texts).get(0) == "six"]
    assert [sorted(_values(f, texts).values()) for f in brisk] == [["four", "four", "four", "six"]]


def test_a_quote_that_runs_on_from_a_named_speakers_is_theirs():
    # The wire gives the mayor's words to the prosecutor by running them on, with
    # no "he said", from his quote: by the convention of news copy they are his.
    texts = [
        '"It was a scheme that ran for six years," Ebbing told reporters outside the '
        "courthouse. \"Today's verdict closes a painful chapter, but rebuilding trust "
        'will take years."',
        "Mayor Rosalind Teague welcomed the sentences. \"Today's verdict closes a painful "
        'chapter, but rebuilding trust will take years," she said.',
        "\"Today's verdict closes a painful chapter, but rebuilding trust will take "
        'years," Mayor Rosalind Teague said in a statement.',
    ]
    [finding] = [f for f in _findings(*texts) if f.key.startswith("speaker:")]
    assert finding.severity == "medium"  # running on is convention, not a named verb
    assert _values(finding, texts)[0].startswith("Today's verdict")
    assert "Ebbing (continued)" in finding.summary and "Teague" in finding.summary
    # A paragraph break ends the run: the next quote is nobody's the parse can see.
    texts[0] = texts[0].replace("courthouse. ", "courthouse.\n\n")
    assert [f for f in _findings(*texts) if f.key.startswith("speaker:")] == []


def test_the_day_of_sentence_is_compared_however_the_sentence_is_told():
    # "A judge sentenced him on Monday" and "A court ... on Tuesday jailed former
    # treasurer Ivo Dernhall" share few words, but each is the day of sentence.
    texts = [
        "A court in Brannock on Tuesday jailed former city treasurer Ivo Dernhall for "
        "seven years for embezzling public funds.",
        "Brannock's former treasurer is going to prison. A judge sentenced him on Monday "
        "for stealing money that was meant to fix the roads.",
    ]
    findings = _findings(*texts, kind="date")
    assert [_values(f, texts) for f in findings] == [{0: "Tuesday", 1: "Monday"}]


def test_the_day_of_a_written_date_is_not_a_count():
    # "May 23" is one date entity; only a number that is the whole of one (the
    # model's "risen to 44") is a count. Read as a count, the day of an edited date
    # met the other article's day as a "number" conflict.
    [claim] = extract("Officials in Oslo said on May 23 that 12 people were killed.")
    assert [(f.kind, f.text) for f in claim.facts if f.kind in {"number", "date"}] == [
        ("date", "May 23"),
        ("number", "12"),
    ]


def test_a_named_partys_plea_or_appeal_told_two_ways_is_a_claim_conflict():
    # The sentences are too unlike to align; the party's name and what they pleaded
    # or will do make them one fact.
    texts = [
        "Dernhall had pleaded not guilty to all charges. Brisk will not appeal, her lawyer said.",
        "Dernhall, who pleaded guilty to embezzlement when the trial opened, sat still as "
        "the judge spoke. Brisk, who testified for the prosecution, does not intend to "
        "appeal.",
        "Lotte Brisk, who was jailed for four years, will also appeal, her lawyer "
        "confirmed on Wednesday. His lawyer said his client would appeal.",
    ]
    findings = [f for f in _findings(*texts, kind="claim") if f.key.startswith("claim:")]
    assert {f.summary for f in findings} == {
        "Plea (Dernhall): not guilty in 1 article, guilty in 1 article",
        "Appeal (Brisk): will not appeal in 2 articles, will appeal in 1 article",
    }
    assert all(f.severity == "medium" for f in findings)
    appeal = next(f for f in findings if f.key == "claim:appeal:brisk")
    assert _values(appeal, texts) == {
        0: "will not appeal", 1: "does not intend to appeal", 2: "will also appeal"
    }  # fmt: skip


def test_a_relative_day_inside_a_quote_is_the_day_it_was_said():
    # Both outlets quote the deputy mayor's "this morning"; published a day apart,
    # "this morning" read against each paper's date would be two days.
    texts = [
        'Deputy Mayor Annike Roscoe said: "Orrin has lost three of its own this '
        'morning, and we will not rest until we know why."',
        '"Orrin has lost three of its own this morning, and we will not rest until we '
        'know why," Deputy Mayor Annike Roscoe said as the rescue went on.',
    ]
    _, findings = analyse(
        [ArticleText(0, texts[0], date(2026, 3, 10)), ArticleText(1, texts[1], date(2026, 3, 11))]
    )
    assert [f for f in findings if f.kind == "date"] == []
    # Told in the outlet's own words, the same "this morning" is two days.
    texts = [t.replace('"', "").replace("said:", "said") for t in texts]
    _, findings = analyse(
        [ArticleText(0, texts[0], date(2026, 3, 10)), ArticleText(1, texts[1], date(2026, 3, 11))]
    )
    assert [f.kind for f in findings if f.kind == "date"] == ["date"]


def test_a_statement_confirmed_by_the_court_against_one_shared_on_social_media():
    # Both sentences quote the apology; where the statement came from is still the
    # outlet's own word, outside the quotation.
    texts = [
        "In a written statement confirmed by the court's press office, Dernhall "
        'apologised "for the failures that happened under my watch".',
        "Dernhall did not speak to reporters, but in a statement shared on social media "
        'by his family he apologised "for the failures that happened under my watch".',
    ]
    [finding] = _findings(*texts, kind="attribution")
    assert _values(finding, texts) == {0: "confirmed by", 1: "shared on social media"}
    # Inside the quotation, the words are the speaker's own.
    texts[1] = (
        'Dernhall apologised "for the failures that happened under my watch, which I '
        'shared on social media".'
    )
    assert _findings(*texts, kind="attribution") == []


# --- session 13 ---


def test_a_defendant_acquitted_of_a_charge_in_one_article_and_convicted_in_another():
    # One verdict per person and charge, however the charge is worded; another
    # charge of the same person, or the same charge of another person, is not it.
    texts = [
        "Tregear was convicted of aiding the embezzlement and of money laundering.",
        "Tregear was acquitted of money laundering but convicted of aiding the embezzlement.",
        "The court cleared Tregear of a separate money-laundering charge.",
        "Dernhall was found guilty of money laundering.",
    ]
    findings = [f for f in _findings(*texts, kind="claim") if f.key.startswith("claim:verdict")]
    assert [f.summary for f in findings] == [
        "Verdict on money laundering (Tregear): acquitted in 2 articles, convicted in 1 article"
    ]
    assert findings[0].severity == "medium"
    assert _values(findings[0], texts) == {
        0: "of money laundering",
        1: "acquitted of money laundering",
        2: "cleared Tregear of a separate money-laundering charge",
    }


def test_a_verdict_names_the_one_it_is_on_or_no_one():
    # The court is not the convicted; a pronoun and a road are no one.
    claims = extract(
        "The jury convicted Smith of fraud. Jones was found not guilty of manslaughter. "
        "The court cleared him of fraud. Firefighters cleared the road of debris."
    )
    verdicts = [(f.owner, f.label, f.value) for c in claims for f in c.facts if f.kind == "stance"]
    assert verdicts == [
        ("smith", "verdict:fraud", "convicted"),
        ("jones", "verdict:mansla", "acquitted"),
    ]


def test_what_one_article_says_never_happened_and_another_has_happen():
    # Not the same verb denied: "never undergone" / "passed", of one inspection.
    texts = [
        "The school, built in 1974, had passed a structural inspection in 2024, according "
        "to the regional education office.",
        "Brannock Street Primary, built in 1974, had never undergone a structural inspection.",
    ]
    [finding] = _findings(*texts, kind="claim")
    assert _values(finding, texts) == {
        0: "passed a structural inspection",
        1: "never undergone a structural inspection",
    }
    # Another thing never had is no denial of this one.
    texts[1] = "Brannock Street Primary, built in 1974, had never undergone a fire inspection."
    assert _findings(*texts, kind="claim") == []


def test_a_count_is_shown_from_the_body_over_the_headline_that_repeats_it():
    # The body says whose figure it is; the headline repeats it.
    texts = [
        "Aftershock rattles Sorren as quake death toll stands at 41\n\n"
        "Officials now say 41 people died in the quake, a figure they said had not "
        "changed overnight.",
        "Quake kills 44 in Sorren\n\nThe earthquake killed 44 people in Sorren, officials said.",
    ]
    [finding] = _findings(*texts, kind="number")
    first = next(v for v in finding.versions if v.article_id == 0)
    assert texts[0][first.start : first.end].startswith("Officials now say 41 people died")


def test_a_count_owned_by_a_name_in_apposition_or_without_its_verb():
    claims = extract(
        "A court on Tuesday jailed former city treasurer Ivo Dernhall for nine years. "
        "Castmere has pledged 2 million euros, the Global Disaster Response Fund 1.2 "
        "million euros and Aldovia 500,000 euros."
    )
    owners = [(f.text, f.owner) for c in claims for f in c.facts if f.kind == "number"]
    assert owners == [
        ("nine", "dernhall"),
        ("2 million", "castmere"),
        ("1.2 million", "fund"),
        ("500,000", "aldovia"),
    ]


def test_one_partys_term_conflicts_though_the_article_also_gives_the_other_value():
    # The wire's headline says seven years, its body nine: both the headline and the
    # other article's body say seven, and the body's nine is Dernhall's own term.
    texts = [
        "Former treasurer jailed for seven years over embezzlement\n\n"
        "A court in Brannock on Tuesday jailed former city treasurer Ivo Dernhall for "
        "nine years for embezzling public funds.",
        "Former city treasurer Ivo Dernhall will spend seven years behind bars and must "
        "also pay a fine.",
    ]
    findings = _findings(*texts, kind="number")
    assert [_values(f, texts) for f in findings] == [{0: "nine", 1: "seven"}]


def test_half_a_million_and_a_sum_the_sayer_gives():
    claims = extract(
        "Aldovia has pledged half a million euros in emergency aid. Castmere pledged 2 "
        "million euros, while Aldovia said it would provide 750,000 euros. Mayor Veldt "
        "said 40 people died. Governor Drevanik said it had killed 44 people."
    )
    facts = [(f.text, f.value, f.owner) for c in claims for f in c.facts if f.kind == "number"]
    assert facts == [
        ("half a million", "500,000 €", ""),
        ("2 million", "2,000,000 €", "castmere"),
        ("750,000", "750,000 €", "aldovia"),
        ("40", "40", ""),
        ("44", "44", ""),  # the quake's toll, not the governor's
    ]


def test_a_partys_changed_term_is_found_where_the_article_repeats_the_old_one():
    # The wire's body changed to nine years, its headline still seven: the body's
    # nine is Dernhall's, and the other articles' seven-year terms are his too.
    story = GOLD / "brannock_trial"
    names = ["wire.txt", "daily.txt", "tv.txt", "partner.txt", "local.txt"]
    texts = [(story / name).read_text(encoding="utf-8") for name in names]
    texts[0] = texts[0].replace("Dernhall for seven years", "Dernhall for nine years", 1)
    findings = _findings(*texts, kind="number")
    assert any(_values(f, texts).get(0) == "nine" for f in findings)


def test_a_sentence_for_a_crime_is_a_conviction_and_he_is_the_one_named_first():
    texts = [
        "A court on Tuesday jailed former city treasurer Ivo Dernhall for seven years "
        "for embezzling €3.6 million in public funds.",
        "Dernhall had pleaded not guilty to all charges and was acquitted of embezzlement.",
        "Contractor Anselm Tregear was given three years and fined €40,000; he was "
        "acquitted of money laundering.",
        "Tregear was convicted of aiding the embezzlement and of money laundering.",
    ]
    findings = [f for f in _findings(*texts, kind="claim") if f.key.startswith("claim:verdict")]
    assert sorted(f.summary for f in findings) == [
        "Verdict on embezzlement (Dernhall): convicted in 1 article, acquitted in 1 article",
        "Verdict on money laundering (Tregear): acquitted in 1 article, convicted in 1 article",
    ]
    # The term is not the crime: "jailed for seven years" alone convicts of nothing.
    [claim] = extract("A court jailed Ivo Dernhall for seven years.")
    assert [f for f in claim.facts if f.kind == "stance"] == []


def test_a_headline_count_that_its_own_body_contradicts_is_compared():
    # The body's "three districts" takes the other articles' match; the headline's
    # "five" must still be read against them.
    texts = [
        "Kessel election: recount ordered in five districts\n\n"
        "Kessel's electoral commission this afternoon ordered a recount in three "
        "districts of the town.",
        "The electoral commission ordered a recount in three districts yesterday.",
        "The recount began on Thursday in the three districts named by the commission.",
    ]
    [finding] = _findings(*texts, kind="number")
    assert _values(finding, texts) == {0: "five", 1: "three", 2: "three"}


def test_a_headline_too_short_to_align_follows_its_own_bodys_count():
    # "starts 12-match suspension" is like no other article's sentence, but its own
    # body's "eight-match suspension" is compared with the others, and so is it.
    texts = [
        "Harwell striker starts 12-match suspension\n\n"
        "Tomas Reyne, the Harwell striker, was given an eight-match suspension by the "
        "league's disciplinary panel for elbowing a defender.",
        "The league's disciplinary panel gave Tomas Reyne an eight-match suspension for "
        "elbowing a defender in Harwell's defeat.",
        "Reyne, who was sent off against Dunmore last month, must sit out eight matches.",
    ]
    [finding] = _findings(*texts, kind="number")
    assert finding.severity == "high"
    assert _values(finding, texts) == {0: "12", 1: "eight", 2: "eight"}


# --- session 14 ---


def test_a_fragment_every_version_holds_does_not_make_changed_words_a_trim():
    # "won a fair deal" is inside both whole versions, yet "held firm" against "held
    # the line" is a changed word, not a cut.
    texts = [
        '"Our members held the line for twelve days, and they have won a fair deal," '
        "Maren Tolliver said.",
        '"Our members held firm for twelve days, and they have won a fair deal," '
        "Maren Tolliver said.",
        'Maren Tolliver said her members had "won a fair deal" after twelve days.',
    ]
    [finding] = _findings(*texts, kind="quote")
    assert finding.severity == "high"
    assert len(finding.versions) == 3


def test_one_remark_cut_at_opposite_ends_in_two_articles_is_a_trim():
    [finding] = _findings(
        '"We held firm through the night and we will rebuild the harbour wall," '
        "said mayor Ilse Varn.",
        'Mayor Ilse Varn said "we will rebuild the harbour wall before winter comes".',
        kind="quote",
    )
    assert finding.severity == "low"


def test_a_term_in_a_participle_beside_a_name_is_that_persons():
    [claim] = extract("Anselm Tregear, the contractor sentenced to 3 years, has not yet decided.")
    [term] = [f for f in claim.facts if f.kind == "number"]
    assert (term.value, term.owner) == ("3", "tregear")
    # So it is not read against a co-defendant's four years (Brannock, in digits).
    story = GOLD / "brannock_trial"
    names = ["wire.txt", "daily.txt", "tv.txt", "partner.txt", "local.txt"]
    texts = [(story / name).read_text(encoding="utf-8") for name in names]
    texts[4] = texts[4].replace("sentenced to three years", "sentenced to 3 years", 1)
    assert not any("3" in _values(f, texts).values() for f in _findings(*texts, kind="number"))


def test_opposite_words_of_one_subject_far_back_in_the_clause_are_a_claim():
    # The ballots are seven words before "excluded": the clause, not four words
    # either side, says what is excluded. "the commission said" is no subject.
    texts = [
        "Kessel's electoral commission ordered a partial recount of the mayoral election "
        "on Tuesday, but the postal ballots at the heart of the dispute will remain "
        "excluded, the commission said.",
        "The recount will cover Nordhaven, Brill and the Old Harbour. The commission said "
        "the rejected postal ballots will be included in the recount and examined one at "
        "a time in front of observers.",
    ]
    [finding] = _findings(*texts, kind="claim")
    assert _values(finding, texts) == {0: "excluded", 1: "included"}


def test_the_day_of_a_publication_line_is_no_count():
    texts = [
        "Ship aground off Kerrow Head\n\nPublished 6 March 2026\n\nThe ship ran aground.",
        "Bulk carrier stranded\n\nPublished 4 March 2026\n\nThe ship ran aground.",
    ]
    assert _findings(*texts, kind="number") == []
    [claim] = [c for c in extract(texts[0]) if c.text.startswith("Published")]
    assert [f.kind for f in claim.facts if f.kind == "number"] == []


@pytest.mark.parametrize(
    "one, other",
    [
        (
            "set up a 2 km exclusion zone around the ship",
            "set up a 1.2-mile exclusion zone around the ship",
        ),
        ("tore a 5-metre gash in the hull", "tore a 16-foot gash in the hull"),
        ("closed 40 km of the valley road", "closed 25 miles of the valley road"),
        (
            "set up a two km exclusion zone around the ship",
            "set up a 1.2-mile exclusion zone around the ship",
        ),
    ],
)
def test_a_conversion_agrees_within_the_rounding_of_its_figures(one, other):
    # 1.2 miles is 1.93 km and 16 feet 4.88 m: each figure is rounded, so they agree.
    assert (
        _findings(f"Crews {one} on Wednesday.", f"Crews {other} on Wednesday.", kind="number") == []
    )


@pytest.mark.parametrize(
    "one, other",
    [
        ("a slick 12 km long drifted north", "a slick 12 miles long drifted north"),
        (
            "set up a 2 km exclusion zone around the ship",
            "set up a 1-mile exclusion zone around the ship",
        ),
        ("closed 40 km of the valley road", "closed 40 miles of the valley road"),
    ],
)
def test_a_conversion_beyond_its_rounding_is_a_conflict(one, other):
    [finding] = _findings(
        f"Crews saw {one} on Wednesday.", f"Crews saw {other} on Wednesday.", kind="number"
    )
    assert finding.severity == "high"


def _ellery(**edits: tuple[str, str]) -> list[str]:
    story = GOLD / "ellery_flood"
    names = ["wire.txt", "us_daily.txt", "radio.txt", "partner.txt", "local.txt"]
    texts = [(story / name).read_text(encoding="utf-8") for name in names]
    for name, (old, new) in edits.items():
        k = names.index(name + ".txt")
        assert old in texts[k]
        texts[k] = texts[k].replace(old, new, 1)
    return texts


def test_measures_far_apart_in_loosely_alike_sentences_are_not_one_measure():
    # With the breach in feet, the wire's "492 feet wide" and the local paper's
    # "4-metre bank" are each other's loose match (both near "bank"): not one measure.
    texts = _ellery(wire=("a breach 150 metres wide", "a breach 492 feet wide"))
    for finding in _findings(*texts, kind="number"):
        assert not {"4-metre", "492 feet"} <= set(_values(finding, texts).values())


def test_spans_of_time_in_loosely_alike_sentences_need_a_word_of_their_clause():
    # "It is three days since the river broke through" and "the round trip every two
    # days" are the only day counts of their articles, in sentences alike by chance.
    texts = _ellery(partner=("some 210 kilometres", "some 130 miles"))
    days = [f for f in _findings(*texts, kind="number") if f.key.startswith("number:day")]
    assert [f.severity for f in days if f.severity == "high"] == []


def test_the_storys_own_town_ties_no_two_dated_clauses():
    # The local paper's "Marrowby counts the cost of Sunday's flood" and the US daily's
    # "the Marrowby-Dunstall road remained closed Monday" share only the town, named
    # in a fifth of the story's sentences: two days of two things, no date conflict.
    # The crest's day moved still is one.
    local, us_daily = 4, 1

    def pairs(texts):
        return [_values(f, texts).items() for f in _findings(*texts, kind="date")]

    texts = _ellery()
    assert not [v for v in pairs(texts) if {(local, "Sunday"), (us_daily, "Monday")} <= set(v)]
    moved = _ellery(local=("6.8 metres on Sunday afternoon", "6.8 metres on Monday afternoon"))
    assert [v for v in pairs(moved) if (local, "Monday afternoon") in v]


def test_a_crew_of_twelve_and_a_21_strong_crew_count_the_crew():
    texts = [
        "All 21 crew members were winched to safety by a coastguard helicopter.",
        "The ship struck the bank in high winds. Its crew of 12 were airlifted to safety.",
        "The 21-strong crew were airlifted off by the coastguard; two had minor injuries.",
    ]
    [finding] = _findings(*texts, kind="number")
    assert _values(finding, texts) == {0: "21", 1: "12", 2: "21"}


def test_a_different_time_of_day_for_one_event_is_a_date_conflict():
    texts = [
        "The Aldessa Crown struck the Skellan Bank at about 3.40am, some 3 km off Kerrow Head.",
        "The Aldessa Crown hit the Skellan Bank at about 4.30am today, in rough seas.",
        "The ship suffered an engine failure at 02:55 and drifted onto the Skellan Bank "
        "at 03:40 local time.",
    ]
    [finding] = _findings(*texts, kind="date")
    assert finding.severity == "high"
    assert finding.summary == "Time given: 3:40 a.m. in 2 articles, 4:30 a.m. in 1 article"
    assert _values(finding, texts) == {0: "3.40am", 1: "4.30am", 2: "03:40"}


@pytest.mark.parametrize(
    "one, other",
    [
        # a dateline, not the event
        ("Palmer, May 3, 2013 | 8:20 am", "Palmer, May 3, 2013 | 9:56 am"),
        # "by" bounds the time: both can be true
        (
            "The fire at the dairy was extinguished by 7 a.m., after crews attacked it.",
            "The fire at the dairy was extinguished by 6:40 a.m., after crews attacked it.",
        ),
        # one time in two zones
        (
            "The quake struck the coast at 8:47 a.m. GMT, the survey said.",
            "The quake struck the coast at 10:47 a.m. local time, the survey said.",
        ),
        # within the margin of "about"
        (
            "The ship struck the bank at about 3.40am on Wednesday.",
            "The ship struck the bank at 3.55am on Wednesday.",
        ),
    ],
)
def test_times_that_can_both_be_true_are_no_conflict(one, other):
    assert [f for f in _findings(one, other, kind="date") if f.key.startswith("time:")] == []


def test_council_leader_against_mayor_is_a_title_conflict_but_a_party_leader_is_not():
    texts = [
        "Mayor Hester Quillon opened the county showground as an evacuation centre.",
        "Council leader Hester Quillon opened the county showground to evacuees.",
    ]
    [finding] = _findings(*texts, kind="title")
    assert _values(finding, texts) == {0: "Mayor", 1: "Council leader"}
    texts = [
        "Prime Minister Ann Marr visited the flooded town on Monday.",
        "Party leader Ann Marr visited the flooded town on Monday.",
    ]
    assert _findings(*texts, kind="title") == []


def test_a_title_in_apposition_to_a_name_the_model_missed_is_read():
    # The small model tags no entity in "Gideon Thale, chief engineer at ...".
    texts = [
        "Gideon Thale, chief engineer at the Ellery River Authority, said he had raised "
        "concerns about the sluice gate.",
        "Former chief engineer Gideon Thale said he had warned about the sluice gate.",
    ]
    [finding] = _findings(*texts, kind="title")
    assert _values(finding, texts) == {0: "chief engineer", 1: "Former chief engineer"}


def test_a_toll_named_in_a_sentence_about_what_is_to_come_does_not_date_it():
    texts = [
        "The River Ellery broke through its embankment before dawn on Sunday, killing two "
        "people and forcing 2,300 from their homes.",
        "Marrowby is still pumping out its streets. On Friday the town will hold a service "
        "for the two people who died.",
    ]
    assert _findings(*texts, kind="date") == []


def test_a_trade_papers_400t_and_us_tons_are_weights_compared_with_tonnes():
    texts = [
        "Of the 1,100t of fuel oil on board, an estimated 400t has escaped into the bay.",
        "Of the 1,100 tonnes of fuel oil on board, 40 tonnes have escaped into the bay.",
        "Of the 1,210 U.S. tons of fuel oil aboard, about 440 U.S. tons have escaped into the bay.",
    ]
    [finding] = _findings(*texts, kind="number")
    shown = _values(finding, texts)
    assert shown == {0: "400t", 1: "40 tonnes", 2: "440 U.S. tons"}
    assert finding.summary.startswith("Weight: about 400")


def test_a_crowd_put_at_a_figure_and_a_sites_capacity_are_what_they_count():
    texts = [
        "Police put the crowd at 40,000, against a licensed capacity of 30,000 for the site.",
        "Police estimated the crowd in the park at 14,000. The site's licensed capacity is 35,000.",
    ]
    summaries = sorted(f.summary for f in _findings(*texts, kind="number"))
    assert summaries == [
        "Capacity: 30,000 in 1 article, 35,000 in 1 article",
        "Size of the crowd: 40,000 in 1 article, 14,000 in 1 article",
    ]


def test_a_trip_every_two_days_is_a_rate_not_three_days_since_the_breach():
    texts = [
        "Marrowby lies some 130 miles from Kellhaven, and the supply lorries are making"
        " the round trip every two days. The river broke through the embankment on Sunday.",
        "It is three days since the River Ellery broke through the embankment at Marrowby,"
        " and the lorries from Kellhaven are still making the trip.",
    ]
    assert _findings(*texts, kind="number") == []
    # Two rates are still one fact.
    texts[1] = texts[0].replace("every two days", "every three days")
    [finding] = _findings(*texts, kind="number")
    assert finding.summary == "Every how many days: 2 in 1 article, 3 in 1 article"


def test_sums_at_one_rate_are_compared_however_the_sentence_names_them():
    texts = [
        "The company put the cost of the pay deal at £12m a year, the union said.",
        "Under the pay deal the company will pay out £21 million a year, the union said.",
    ]
    [finding] = _findings(*texts, kind="number")
    assert finding.summary == "Sum a year: £12,000,000 in 1 article, £21,000,000 in 1 article"


def test_not_yet_saying_whether_is_a_hedge_against_saying_so():
    texts = [
        "The Harl family, which owns 12% of Varrow, has said it will accept the offer.",
        "The Harl family, which owns 12% of Varrow, has not yet said whether it will accept"
        " the offer.",
    ]
    [finding] = _findings(*texts, kind="hedging")
    assert "has not yet said whether" in finding.summary


def test_a_gate_open_and_the_same_gate_locked_is_a_claim_conflict():
    texts = [
        "The fire service said Gate 4 was open at the time of the surge near the east exit.",
        "The fire service said Gate 4 itself was locked at the time of the surge near the east"
        " exit.",
    ]
    [finding] = _findings(*texts, kind="claim")
    assert set(_values(finding, texts).values()) == {"was open", "was locked"}


def test_a_time_inside_a_quotation_is_still_the_events_time():
    texts = [
        "The prosecutor's release says the deputy \"spotted the suspect shortly after 3 p.m."
        ' and chased him to the apartment," before he was shot.',
        "Authorities said the deputy spotted the suspect shortly after 4:30 p.m. and chased"
        " him to the apartment.",
    ]
    [finding] = _findings(*texts, kind="date")
    assert finding.summary == "Time given: 3:00 p.m. in 1 article, 4:30 p.m. in 1 article"


def test_a_name_with_an_apostrophe_is_compared_letter_by_letter():
    texts = [
        "The Harbourside club fired its coach, Jim O'Brannagh, on Monday after one season.",
        "The Harbourside club fired its coach, Jim O'Brannagh, after a single season.",
        "The Harbourside club fired its coach, Jim O'Branagh, on Monday after one season.",
    ]
    [finding] = _findings(*texts, kind="name")
    assert finding.summary == "Name spelled: O'Brannagh in 2 articles, O'Branagh in 1 article"


def test_a_misspelt_first_name_opening_a_sentence_is_still_compared():
    texts = [
        "Heavyweight champion Wladimir Klitschko retained his titles in Bern on Saturday.",
        "Wladimir Klitschko retained his titles in Bern on Saturday night.",
        "Wladimr Klitschko retained his titles with a victory in Bern on Saturday.",
    ]
    [finding] = _findings(*texts, kind="name")
    assert finding.summary == "Name spelled: Wladimir in 2 articles, Wladimr in 1 article"


def test_a_stretch_that_ends_on_the_day_of_the_event_is_no_date_conflict():
    texts = [
        "The old Harwick creamery stood on Mill Lane until Tuesday, when fire razed it.",
        "The old Harwick creamery on Mill Lane was razed by fire early on Tuesday morning.",
    ]
    assert _findings(*texts, kind="date") == []
    texts[1] = texts[1].replace("Tuesday", "Wednesday")  # inside the stretch or not?
    [finding] = _findings(*texts, kind="date")
    assert finding.severity == "low"


def test_a_claim_summary_counts_one_side_however_its_verb_is_inflected():
    texts = [
        "Dockers at the port of Harl have suspended their strike after a pay deal, the"
        " union said on Friday.",
        "Dockers at the port of Harl suspend their strike after a pay deal, the union said"
        " on Friday.",
        "Dockers at the port of Harl have called off their strike after a pay deal, the"
        " union said on Friday.",
    ]
    [finding] = _findings(*texts, kind="claim")
    assert finding.summary == (
        "Statement: suspended / suspend in 2 articles, called off in 1 article"
    )


def test_a_recall_counts_its_batches_or_lots_whatever_they_hold():
    texts = [
        "Harrow Dairies has recalled 14 batches of its Brindle First powdered formula after"
        " babies fell ill.",
        "Harrow Dairies has recalled 12 lots of Brindle First after babies fell ill, the"
        " regulator said.",
    ]
    [finding] = _findings(*texts, kind="number")
    assert finding.summary == "Number of batches: 14 in 1 article, 12 in 1 article"


def test_an_article_telling_one_count_twice_joins_one_conflict_not_two():
    # The trade paper's headline pairs with the wire's, its body with the daily's:
    # one conflict over the same lots, shown through the trade paper's body.
    texts = [
        "Harrow recalls 12 lots of formula after infections\n\nThe regulator said on Friday"
        " that Harrow Dairies had withdrawn 12 lots of Brindle First powder from shops in"
        " Corran.",
        "Harrow recalls 14 lots of formula after infections spread",
        "The regulator said on Friday that Harrow Dairies had withdrawn 14 lots of Brindle"
        " First powder from shops across the town.",
    ]
    [finding] = _findings(*texts, kind="number")
    assert finding.summary == "Number of batches: 14 in 2 articles, 12 in 1 article"
    shown = {v.article_id: texts[v.article_id][v.start : v.end] for v in finding.versions}
    assert shown[0].startswith("The regulator said")  # its body, not its headline


def test_a_chief_executive_is_not_the_chairman_but_an_executive_may_be():
    texts = [
        "Chief executive Anselm Harrick apologised to the families and said the recall"
        " would cost 8.5 million marks.",
        "Harrow Dairies' chairman, Anselm Harrick, apologised to the families and said the"
        " recall would cost 8.5 million marks.",
    ]
    [finding] = _findings(*texts, kind="title")
    assert (
        finding.summary == "Title of Harrick: chief executive in 1 article, chairman in 1 article"
    )
    texts[0] = texts[0].replace("Chief executive", "Senior executive")
    assert _findings(*texts, kind="title") == []


def test_a_share_in_words_is_a_percentage_that_rounds():
    [finding] = _findings(
        "Halden Quarry supplies 12 per cent of the country's limestone, the ministry said.",
        "Halden Quarry supplies nearly a fifth of the country's limestone, the ministry said.",
        kind="number",
    )
    assert finding.summary.startswith("Percentage: ")
    assert not _findings(
        "A third of the homes in Halden were flooded on Sunday, the council said.",
        "About 30 per cent of the homes in Halden were flooded on Sunday, the council said.",
        kind="number",
    )


def test_two_narrowed_broad_posts_of_one_person_conflict():
    [finding] = _findings(
        "Mikel Orstad, the quarry's general manager, said the face had been checked.",
        "Mikel Orstad, the quarry's safety director, said the face had been checked.",
        kind="title",
    )
    assert "general manager" in finding.summary and "safety director" in finding.summary


# --- session 20 ---


def test_a_sum_in_an_unfamiliar_currency_is_counted_in_it():
    # "lorins" is no currency the engine knows; "33 million lorin fund" and "a fund of
    # 25 million lorins for the bereaved and injured" are both sums in lorins, not a
    # fund count against a count of the injured.
    texts = [
        "The government has set up a 33 million lorin fund for the families of the miners.",
        "Minister Sabine Korrel announced a fund of 25 million lorins for the bereaved and "
        "injured.",
    ]
    [finding] = _findings(*texts, kind="number")
    assert finding.summary == "Number of lorins: 33,000,000 in 1 article, 25,000,000 in 1 article"
    assert _values(finding, texts) == {0: "33 million", 1: "25 million"}


def test_a_price_a_share_is_not_the_price_of_the_company():
    texts = [
        "Pellanor offered 4.20 crowns a share, valuing Varrow at 4.2 billion crowns.",
        "Pellanor offered 4.02 crowns for each share, a deal worth 4.2 billion crowns.",
        "The board backs the 4.20-crown-a-share offer, worth 4.7 billion crowns.",
    ]
    findings = _findings(*texts, kind="number")
    by_title = {f.summary.split(":")[0]: _values(f, texts) for f in findings}
    assert by_title == {
        "Crowns a share": {0: "4.20", 1: "4.02", 2: "4.20"},
        "Number of crowns": {0: "4.2 billion", 1: "4.2 billion", 2: "4.7 billion"},
    }


def test_those_who_remain_in_a_serious_condition_are_still_in_hospital():
    # "where four remain in a serious condition" and "two remain in St Aldric's
    # Hospital" count the same people now; neither is the count of the injured.
    texts = [
        "Nine were taken to St Aldric's Hospital, where four remain in a serious condition.",
        "Of the forty-eight survivors, two remain in St Aldric's Hospital.",
    ]
    [finding] = _findings(*texts, kind="number")
    assert finding.summary.startswith("People still in hospital: ")
    assert _values(finding, texts) == {0: "four", 1: "two"}


def test_figures_orders_of_magnitude_apart_are_two_facts():
    # A bridge's daily traffic and the vehicles on it when it fell share a noun, not a
    # fact; but "4.2 million" against "4.2 billion" is a slip an editor must see.
    texts = [
        "About 20,000 vehicles crossed the bridge each day, the roads authority said.",
        "Four vehicles were on the bridge when it fell, the roads authority said.",
    ]
    assert not _findings(*texts, kind="number")
    [finding] = _findings(
        "The council approved a 4.2 million euro repair plan for the bridge on Monday.",
        "The council approved a 4.2 billion euro repair plan for the bridge on Monday.",
        kind="number",
    )
    assert finding.severity == "high"


def test_a_finding_names_what_it_counts_in_the_plural():
    texts = [
        "The dairy recalled 14 batches of formula and 3 people were injured.",
        "The dairy recalled 12 batches of formula and 3 people were injured.",
    ]
    [finding] = _findings(*texts, kind="number")
    assert finding.summary == "Number of batches: 14 in 1 article, 12 in 1 article"


def test_a_conversion_that_disagrees_with_its_own_figure_is_compared():
    # "90 kilometres (73 miles)": the miles are wrong (90 km is 56 miles). Against
    # another article's "56 miles away" the editor sees 73 miles against 56 miles.
    texts = [
        "Helicopters flew from Fennick air base, 90 kilometres (73 miles) from Marrowby.",
        "Helicopters flew in from Fennick air base, 56 miles away.",
    ]
    [finding] = _findings(*texts, kind="number")
    assert _values(finding, texts) == {0: "73 miles", 1: "56 miles"}
    # Where the conversion is right, nothing disagrees.
    texts[0] = texts[0].replace("73 miles", "56 miles")
    assert not _findings(*texts, kind="number")


def test_the_others_are_shown_in_the_unit_of_the_wrong_conversion():
    texts = [
        "The city is over 1,000 km (806 miles) from Ukraine's border.",
        "Izhevsk, more than 1,000km (620 miles) from the border, was hit on Tuesday.",
        "The plant is more than 1,000 kilometres (620 miles) from the border.",
        "The attack took place more than 1,000 kilometers from the Ukrainian border.",
    ]
    [finding] = _findings(*texts, kind="number")
    assert _values(finding, texts) == {
        0: "806 miles", 1: "620 miles", 2: "620 miles", 3: "1,000 kilometers"
    }  # fmt: skip


def test_a_numbered_name_is_compared_as_written():
    # "Gate 4" against "Gate 6", "the No. 2 shaft" against "the No. 3 shaft": which
    # gate or shaft is a fact an editor checks, shown as the outlets wrote it.
    texts = [
        "Gate 6 itself was locked at the time, according to the fire service, and the "
        "district is served by the No. 3 shaft.",
        "Gate 4 itself was locked at the time, the fire service said, and the district is "
        "served by the No. 2 shaft.",
    ]
    findings = _findings(*texts, kind="number")
    assert {f.summary.split(":")[0]: _values(f, texts) for f in findings} == {
        "Gate number": {0: "Gate 6", 1: "Gate 4"},
        "Shaft number": {0: "No. 3 shaft", 1: "No. 2 shaft"},
    }
    assert all(f.severity == "high" for f in findings)
    # A headline's capitals do not make a count a name.
    [finding] = _findings(
        "Baby Formula Recall Sickens 30 Infants and Sets Off Dispute Over Timing",
        "Ostrevan formula maker recalls baby milk after 23 infants fall ill",
        kind="number",
    )
    assert finding.summary == "Number of infants: 30 in 1 article, 23 in 1 article"


def test_a_span_told_as_earlier_is_the_span_told_as_before():
    texts = [
        "Mikel Orstad said the roof supports had last been checked ten days earlier and "
        "no faults had been found.",
        "Mikel Orstad said the roof supports were inspected eight days before the collapse.",
    ]
    [finding] = _findings(*texts, kind="number")
    assert _values(finding, texts) == {0: "ten", 1: "eight"}
    # "Two days later" moves the story on: it is no span of the same thing.
    texts[0] = "Two days later he said the roof supports had been checked and were sound."
    assert not _findings(*texts, kind="number")
