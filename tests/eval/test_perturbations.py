"""Planted conflicts and harmless controls in real ECB+ clusters, read at run time."""

import pytest

from reconcile import evaluation
from reconcile.engine.types import Finding
from tests.conftest import SHARED

CORPUS = SHARED / "corpus" / "ecbplus"


@pytest.fixture(scope="module")
def report():
    if not (CORPUS / "cluster_011").is_dir():
        pytest.fail(f"the ECB+ sample is missing: expected it in {CORPUS}")
    # Two small clusters from the tuning half (1-15); held-out figures are in docs/quality.md.
    clusters = evaluation.load_clusters(CORPUS, [11, 14])
    return evaluation.run_perturbations(clusters, per_kind=3)


def test_perturbations_are_deterministic_and_edit_only_their_spans():
    cluster = evaluation.load_clusters(CORPUS, [11])[0]
    first = evaluation.perturbations(cluster, per_kind=3)
    assert first == evaluation.perturbations(cluster, per_kind=3)
    for p in first:
        original = cluster.articles[p.article]
        assert p.text != original
        assert p.partners or p.kind in {"units", "date-format"}


def test_planted_conflicts_are_found(report):
    changes = [o for o in report.outcomes if not o.perturbation.control]
    assert len(changes) >= 10
    found = sum(o.detected for o in changes)
    # What these clusters reach today (14 of 19); a drop means the engine got worse.
    assert found / len(changes) >= 0.7, "\n".join(report.lines(verbose=True))


def test_harmless_controls_raise_no_medium_or_high_flag(report):
    controls = [o for o in report.outcomes if o.perturbation.control]
    assert controls
    assert [o.perturbation.change for o in controls if o.flagged] == []


def test_an_omitted_toll_is_cut_whole_and_shown_as_coverage():
    story = [
        "Three people were killed when fire swept the Harbour Inn on Friday.",
        "The blaze at the Harbour Inn killed three people, the fire service said.",
        "Fire at the Harbour Inn: three dead. Its owner, who died at 91, built it in 1962.",
        "Three people died in the Harbour Inn fire on Friday night, police said.",
        "A fire gutted the Harbour Inn on Friday; the deaths of three guests are being "
        "investigated.",
    ]
    cluster = evaluation.Cluster("invented", {f"{i}.txt": t for i, t in enumerate(story)})
    cuts = [p for p in evaluation.perturbations(cluster, per_kind=5) if p.kind == "omission"]
    assert {p.article for p in cuts} == {f"{i}.txt" for i in range(5)}
    for p in cuts:
        assert "three" not in p.text.lower(), "every sentence giving the toll goes"
        assert p.change.startswith("cut people killed: 3")
    outcomes = evaluation.run_cluster(cluster, cuts)[1]
    assert [o.covered for o in outcomes] == [True] * 5


def test_a_model_designation_is_not_planted_as_a_count():
    story = {
        "a.txt": "The navy seized 14 AK 47 rifles and 31 magazines from the skiff.",
        "b.txt": "Sailors seized 14 AK 47 rifles and 31 magazines from the pirate skiff.",
    }
    cluster = evaluation.Cluster("invented", story)
    changed = {
        p.change for p in evaluation.perturbations(cluster, per_kind=9) if p.kind == "number"
    }
    assert changed and not any(c.startswith("47") for c in changed)
    assert "31 -> 40" in changed


def test_the_day_of_a_date_with_a_short_month_is_not_planted_as_a_count():
    # "10 Nov 11" is a date: changing its 10 plants a date conflict, not a count.
    story = {
        "a.txt": "INS Sukanya thwarted a piracy attack on 10 Nov 11 and seized 14 rifles.",
        "b.txt": "The navy said INS Sukanya thwarted the piracy attack on 10 Nov and seized "
        "14 rifles.",
    }
    cluster = evaluation.Cluster("invented", story)
    changed = {
        p.change for p in evaluation.perturbations(cluster, per_kind=9) if p.kind == "number"
    }
    assert changed == {"14 -> 18"}


def test_a_count_against_a_partners_bound_is_changed_the_way_that_conflicts():
    # 52 firefighters agrees with "at least 40": the planted change must go below it.
    story = {
        "a.txt": "Crowds applauded the 40 firefighters who worked through the morning at "
        "the Saltmarket Bridge.",
        "b.txt": "At least 40 firefighters worked through the morning at the Saltmarket "
        "Bridge to reach people trapped.",
    }
    cluster = evaluation.Cluster("invented", story)
    changed = {
        (p.article, p.change)
        for p in evaluation.perturbations(cluster, per_kind=9)
        if p.kind == "number"
    }
    assert changed == {("a.txt", "40 -> 28"), ("b.txt", "40 -> 52")}
    # A bound of its own is raised: "at least 52" is more than the partner's 40.
    story["a.txt"] = story["a.txt"].replace("the 40", "at least 40")
    changed = {
        p.change
        for p in evaluation.perturbations(evaluation.Cluster("invented", story), per_kind=9)
        if p.kind == "number" and p.article == "a.txt"
    }
    assert changed == {"40 -> 52"}


def test_a_day_or_count_is_planted_only_where_another_article_gives_it_to_the_same_fact():
    # The sentences share their names, but "Friday" and "seven" are of other things
    # in the second article: changing them in the first is nothing a reader could see.
    story = {
        "a.txt": "Halden Mills sheriff Dana Moyes said the owners, who told reporters on "
        "Friday night they would rebuild, had a seven-year history of fines.",
        "b.txt": "Halden Mills sheriff Dana Moyes said the blaze that began on Friday "
        "followed a seven-year contract dispute between the owners and the town.",
    }
    planted = evaluation.perturbations(evaluation.Cluster("invented", story), per_kind=9)
    assert [p for p in planted if p.kind in {"date", "number"}] == []
    # Where a word near the value is shared, the same fact is planted.
    story["b.txt"] = (
        "Halden Mills sheriff Dana Moyes said the owners told reporters on Friday that "
        "they would rebuild."
    )
    planted = evaluation.perturbations(evaluation.Cluster("invented", story), per_kind=9)
    assert {p.article for p in planted if p.kind == "date"} == {"a.txt", "b.txt"}


def test_a_scale_word_is_not_what_an_amount_counts():
    assert evaluation._noun_after("agreed a 110 billion ($143 billion) bailout", 12) == ""
    assert evaluation._noun_after("in return for 110 billion euros in loans", 17) == "euro"


def test_an_obituarys_survived_by_is_not_planted_as_survival():
    story = {
        "a.txt": "Deputy Ortiz, who married three weeks ago, is survived by his wife and two sons.",
        "b.txt": "Deputy Ortiz, who married about three weeks ago, is survived by his wife and "
        "two young sons.",
    }
    planted = evaluation.perturbations(evaluation.Cluster("invented", story), per_kind=9)
    assert [p for p in planted if p.kind == "claim"] == []
    story = {
        name: text.replace("is survived by", "survived the crash with")
        for name, text in story.items()
    }
    planted = evaluation.perturbations(evaluation.Cluster("invented", story), per_kind=9)
    assert {p.change for p in planted if p.kind == "claim"} == {"survived -> died"}


def test_a_quote_is_planted_only_against_the_same_speakers_words():
    # The two remarks share a phrase but not a speaker: changing one is nothing the
    # other article could show a reader.
    story = {
        "a.txt": '"Today the council acted at last to protect our harbour wall for good," '
        "said Varga.",
        "b.txt": '"Cutting the budget undermines every plan to protect our harbour wall for '
        'good," said Brenner.',
    }
    planted = evaluation.perturbations(evaluation.Cluster("invented", story), per_kind=9)
    assert [p for p in planted if p.kind == "quote"] == []
    story["b.txt"] = story["b.txt"].replace("said Brenner", "said Varga")
    planted = evaluation.perturbations(evaluation.Cluster("invented", story), per_kind=9)
    assert {p.article for p in planted if p.kind == "quote"} == {"a.txt", "b.txt"}


def test_a_run_can_keep_one_kind_and_a_miss_is_shown_in_its_sentences():
    story = {
        "a.txt": "The ferry Halden Star carried 31 passengers when it ran aground off the point.",
        "b.txt": "The ferry Halden Star had 31 passengers on board when it ran aground.",
    }
    report = evaluation.run_perturbations(
        [evaluation.Cluster("invented", story)], per_kind=9, kinds=["number"]
    )
    assert report.outcomes and {o.perturbation.kind for o in report.outcomes} == {"number"}
    planted = report.outcomes[0].perturbation
    edited, partner = report._context(planted)
    assert "ran aground" in edited and "31" not in edited
    assert partner.strip().startswith(planted.partners[0] + ": ") and "31 passengers" in partner
    with pytest.raises(ValueError, match="unknown kind numbers"):
        evaluation.run_perturbations([evaluation.Cluster("invented", story)], kinds=["numbers"])


def test_a_control_that_only_renames_a_conflict_already_shown_raises_nothing():
    # Cutting the first words of the quote that names the conflict renames it
    # ("quote:our members held firm" becomes "quote:members held firm for"); the
    # editor already sees that high conflict, so the cut is no new alarm.
    quote = "for twelve days, and they have won a fair deal,"
    story = {
        "a.txt": f'"Our members held firm {quote}" Maren Tolliver said.',
        "b.txt": f'"Our members held the line {quote}" Maren Tolliver said.',
        "c.txt": f'"Our members held the line {quote}" she told the crowd.',
    }
    cluster = evaluation.Cluster("invented", story)
    text = story["a.txt"].replace('"Our members', 'Her "members')
    start = text.index("members")
    cut = evaluation.Perturbation(
        "invented",
        "quote-shortened",
        "a.txt",
        text,
        ((start, start + 7),),
        ("b.txt",),
        "cut 'Our'",
    )
    base, [outcome] = evaluation.run_cluster(cluster, [cut])
    assert [f.key for f in base] == ["quote:our members held firm"]
    assert [f.key for f in outcome.found] == ["quote:members held firm for"]
    assert not outcome.flagged


def test_a_moved_time_of_day_is_planted_found_and_its_other_form_is_harmless():
    story = {
        "a.txt": "The Aldessa Crown struck the Skellan Bank at 3.40am, some 3 km off "
        "Kerrow Head, the coastguard said.",
        "b.txt": "The bulk carrier Aldessa Crown struck the Skellan Bank at 3.40am off "
        "Kerrow Head, the coastguard said.",
    }
    cluster = evaluation.Cluster("invented", story)
    planted = [
        p for p in evaluation.perturbations(cluster, per_kind=9) if p.kind.startswith("time")
    ]
    assert {(p.kind, p.change.split(" -> ")[1]) for p in planted if p.article == "a.txt"} == {
        ("time", "4.25am"),
        ("time-format", "03:40"),
    }
    outcomes = evaluation.run_cluster(cluster, planted)[1]
    assert all(o.detected for o in outcomes if o.perturbation.kind == "time")
    assert not any(o.flagged for o in outcomes if o.perturbation.kind == "time-format")


def test_precision_counts_the_alarms_an_edit_raises_not_those_it_only_touches():
    # A quote edit in a sentence the cluster already flags for attribution shows
    # that old finding with the new words; the editor saw it before the edit, so
    # it is no collateral alarm. A new attribution flag would be.
    def finding(kind, severity):
        return Finding(f"{kind}:x", kind, severity, f"{kind} summary")

    edit = evaluation.Perturbation(
        "invented", "quote", "a.txt", "...", ((0, 3),), ("b.txt",), "held -> kept"
    )
    quote, old = finding("quote", "high"), finding("attribution", "medium")
    touched = evaluation.Outcome(edit, found=[quote, old], raised=[quote])
    assert "recall quote: 1/1 = 1.000 (precision 1/1 = 1.000)" in (
        evaluation.PerturbationReport([touched]).lines()
    )
    new = finding("attribution", "low")
    raised = evaluation.Outcome(edit, found=[quote, new], raised=[quote, new])
    assert "recall quote: 1/1 = 1.000 (precision 1/2 = 0.500)" in (
        evaluation.PerturbationReport([raised]).lines()
    )
