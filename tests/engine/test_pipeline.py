"""The engine on its own: plain text in, findings out."""

from reconcile.engine.extract import extract
from reconcile.engine.pipeline import analyse
from reconcile.engine.types import ArticleText


def _findings(texts: list[str]):
    articles = [ArticleText(i, text) for i, text in enumerate(texts)]
    return articles, analyse(articles)[1]


def test_claim_and_fact_offsets_index_the_text():
    text = "Blaze at the mill\n\nThree people were killed and 45 others injured, police said."
    claims = extract(text)
    assert claims, "the sentence with counts is a claim"
    for claim in claims:
        assert text[claim.start : claim.end] == claim.text
        for fact in claim.facts:
            assert text[fact.start : fact.end] == fact.text
    numbers = {f.text: f.label for c in claims for f in c.facts if f.kind == "number"}
    assert numbers == {"Three": "killed", "45": "injured"}


def test_headline_without_full_stop_is_its_own_sentence():
    text = "Four dead in ferry fire\nFour people were killed on Tuesday, the coastguard said."
    claims = extract(text)
    assert claims[0].text == "Four dead in ferry fire"


def test_different_injury_counts_are_one_high_finding():
    articles, findings = _findings(
        [
            "Three people were killed and 45 others injured in the attack, officials said.",
            "The attack killed three people and left 35 others hospitalised, officials said.",
        ]
    )
    number = [f for f in findings if f.kind == "number"]
    assert len(number) == 1
    finding = number[0]
    assert finding.severity == "high"
    assert finding.summary.startswith("People injured:")
    values = {
        v.article_id: articles[v.article_id].text[v.value_start : v.value_end]
        for v in finding.versions
    }
    assert values == {0: "45", 1: "35"}


def test_at_least_and_words_for_numbers_are_no_conflict():
    _, findings = _findings(
        [
            "At least 45 people were injured in the blast on Monday, police said.",
            "Forty-five people were injured in the blast on Monday, police said.",
        ]
    )
    assert [f for f in findings if f.kind == "number"] == []


def test_killed_is_not_compared_with_injured():
    _, findings = _findings(
        [
            "Three people were killed in the blast at the plant, police said.",
            "Thirty people were injured in the blast at the plant, police said.",
        ]
    )
    assert [f for f in findings if f.kind == "number"] == []


def test_one_letter_dropped_from_a_name_is_flagged():
    articles, findings = _findings(
        [
            "The governor, Aleksandr Varnakov, declared an emergency on Monday.",
            "Governor Aleksandr Vranakov declared an emergency on Monday.",
            "The governor, Aleksandr Varnakov, said nine people were hurt.",
        ]
    )
    names = [f for f in findings if f.kind == "name"]
    assert len(names) == 1
    assert names[0].summary == "Name spelled: Varnakov in 2 articles, Vranakov in 1 article"


def test_related_words_are_not_spelling_variants():
    _, findings = _findings(
        [
            "Ukraine said its drones struck the plant, officials in Kyiv said.",
            "Ukrainian drones struck the plant, officials in Kyiv said.",
        ]
    )
    assert [f for f in findings if f.kind == "name"] == []


def test_changed_words_in_a_quote_are_high_and_a_shortened_quote_low():
    _, findings = _findings(
        [
            'The chief said: "The fire spread faster than anything I have seen in thirty years."',
            'The chief said: "The fire spread faster than anything we have seen in twenty years."',
        ]
    )
    assert [f.severity for f in findings if f.kind == "quote"] == ["high"]
    _, findings = _findings(
        [
            'The chief said: "The fire spread faster than anything I have seen in thirty years."',
            'The chief said: "The fire spread faster than anything I have seen."',
        ]
    )
    assert [f.severity for f in findings if f.kind == "quote"] == ["low"]


def test_demo_story_has_its_planted_conflicts(demo_texts):
    _, findings = _findings(list(demo_texts.values()))
    summaries = {f.summary for f in findings}
    assert "People killed: 4 in 3 articles, 5 in 1 article" in summaries
    assert "People injured: 23 in 3 articles, 32 in 1 article" in summaries
    assert "Name spelled: Salvesen in 3 articles, Salveson in 1 article" in summaries


def test_an_ordinal_does_not_swallow_the_count_after_it():
    claims = extract("He marks his first 100 days in office on Wednesday, aides said.")
    numbers = [(f.value, f.label) for c in claims for f in c.facts if f.kind == "number"]
    assert numbers == [("100", "first day")]


def test_a_reworded_quote_is_matched_with_its_own_remark_not_a_similar_one():
    articles, findings = _findings(
        [
            'The mayor recalled: "The harbour wall was rebuilt once before, in 1990, by hand." '
            'She promised: "The harbour wall will be rebuilt before winter, whatever it costs."',
            'The mayor promised: "The harbour wall will be rebuilt before spring, "'
            'whatever it costs."',
        ]
    )
    quotes = [f for f in findings if f.kind == "quote"]
    assert len(quotes) == 1
    shown = {articles[v.article_id].text[v.value_start : v.value_end] for v in quotes[0].versions}
    assert any("before winter" in s for s in shown) and any("before spring" in s for s in shown)
    assert not any("1990" in s for s in shown)


def test_statements_that_say_opposite_things_are_a_claim_conflict():
    articles, findings = _findings(
        [
            "Talks on the harbour wall repairs have slowed since the council vote in March, "
            "the mayor said.",
            "Talks on the harbour wall repairs have come to a standstill since the council vote "
            "in March, the mayor said.",
            "The ferry company said it would publish the inspection report on Friday.",
        ]
    )
    claims = [f for f in findings if f.kind == "claim"]
    assert len(claims) == 1 and claims[0].severity == "medium"
    versions = claims[0].versions
    shown = sorted(articles[v.article_id].text[v.value_start : v.value_end] for v in versions)
    assert shown == ["slowed", "standstill"]


def test_a_contrast_inside_a_quotation_or_in_unrelated_sentences_is_not_a_claim():
    _, findings = _findings(
        [
            'The mayor said: "Talks on the harbour wall repairs have slowed since March."',
            'The mayor said: "Talks on the harbour wall repairs have stalled since March."',
            "The city museum closed its doors for the winter on Monday.",
            "The new bakery on Quay Street opened its doors to customers on Monday.",
        ]
    )
    assert not [f for f in findings if f.kind == "claim"]


def test_a_weekday_and_yesterday_are_checked_against_the_day_of_publication():
    from datetime import date

    texts = [
        "The ferry Aurora caught fire in the harbour on Tuesday, the coastguard said.",
        "The ferry Aurora caught fire in the harbour on July 1, the coastguard said.",
        "The ferry Aurora caught fire in the harbour yesterday, the coastguard said.",
    ]

    def dated(published):
        articles = [
            ArticleText(i, t, p) for i, (t, p) in enumerate(zip(texts, published, strict=True))
        ]
        return [f for f in analyse(articles)[1] if f.kind == "date"]

    # Published Thursday 3 July 2025: Tuesday is 1 July, and so was yesterday on 2 July.
    assert dated([date(2025, 7, 3), None, date(2025, 7, 2)]) == []
    # Yesterday from 4 July is 3 July: not the day the others give.
    [finding] = dated([date(2025, 7, 3), None, date(2025, 7, 4)])
    assert finding.severity == "high" and "yesterday in 1 article" in finding.summary
    # Without days of publication, "yesterday" is compared with nothing.
    assert all("yesterday" not in f.summary for f in dated([None, None, None]))


def test_a_short_quote_with_one_word_changed_is_found_in_copied_sentences():
    _, findings = _findings(
        [
            '"I got caught but I\'m OK," the skipper said on the quay after the rescue.',
            '"I got burned but I\'m OK," the skipper said on the quay after the rescue.',
        ]
    )
    quotes = [f for f in findings if f.kind == "quote"]
    assert len(quotes) == 1 and quotes[0].severity == "high"


def test_an_opening_hedge_covers_the_whole_sentence_and_words_meet_by_stem():
    _, findings = _findings(
        [
            "According to unconfirmed reports, a crowd of several thousand angry islanders "
            "gathered on the pier while the harbour police closed the ferry terminals.",
            "The harbour police closed the ferry terminal on Tuesday evening, officials said.",
        ]
    )
    assert [f.kind for f in findings if f.kind == "hedging"] == ["hedging"]


def test_a_quote_given_to_other_co_speakers_is_an_attribution_conflict():
    _, findings = _findings(
        [
            '"We will rebuild the pier by spring," said Ilse Korhonen and Duncan Rait.',
            '"We will rebuild the pier by spring," said Ilse Korhonen and Marta Lindqvist.',
            '"We will rebuild the pier by spring," said Ilse Korhonen and Duncan Rait.',
        ]
    )
    [finding] = [f for f in findings if f.kind == "attribution"]
    assert "Korhonen and Duncan Rait in 2 articles" in finding.summary
    assert "Korhonen and Marta Lindqvist in 1 article" in finding.summary
