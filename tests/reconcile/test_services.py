from articles.models import Article, Story
from articles.services import article_add
from reconcile.models import Claim, Discrepancy, Event, Fact, Version
from reconcile.services import story_align, story_reconcile


def _demo_story(desk, texts, names=None):
    story = Story.objects.create(desk=desk, title="Ferry fire")
    for name, text in texts.items():
        if names is None or name in names:
            article_add(story=story, body=text, filename=name, enqueue=False)
    return story


def _snapshot(story):
    return sorted(
        (d.key, d.summary, tuple(sorted(d.versions.values_list("article_id", "value"))))
        for d in Discrepancy.objects.filter(story=story)
    )


def test_reconcile_stores_claims_and_discrepancies_with_versions(desk, demo_texts):
    story = _demo_story(desk, demo_texts)
    found = story_reconcile(story=story)
    assert found == Discrepancy.objects.filter(story=story).count() >= 5
    assert set(story.articles.values_list("status", flat=True)) == {Article.Status.DONE}
    injured = Discrepancy.objects.get(story=story, key="number:injured")
    assert injured.summary == "People injured: 23 in 3 articles, 32 in 1 article"
    for version in injured.versions.select_related("article", "claim"):
        body = version.article.body
        assert body[version.value_start : version.value_end] == version.value
        assert version.start <= version.value_start < version.value_end <= version.end
        assert version.claim.text == body[version.start : version.end]


def test_running_again_creates_no_duplicates(desk, demo_texts):
    story = _demo_story(desk, demo_texts)
    story_reconcile(story=story)
    before = _snapshot(story)
    counts = (Claim.objects.count(), Fact.objects.count(), Version.objects.count())
    for article in story.articles.all():
        Article.objects.filter(pk=article.pk).update(status=Article.Status.QUEUED)
    story_reconcile(story=story)
    story_align(story_id=story.pk)
    assert _snapshot(story) == before
    assert (Claim.objects.count(), Fact.objects.count(), Version.objects.count()) == counts


def test_adding_an_article_realigns_the_story(desk, demo_texts):
    names = ["coastline-wire.txt", "northern-post.txt"]
    story = _demo_story(desk, demo_texts, names)
    story_reconcile(story=story)
    assert not Discrepancy.objects.filter(story=story, key="number:injured").exists()
    article_add(story=story, body=demo_texts["harbour-herald.txt"], enqueue=False)
    story_reconcile(story=story)
    injured = Discrepancy.objects.get(story=story, key="number:injured")
    assert injured.summary == "People injured: 23 in 2 articles, 32 in 1 article"


def test_a_conflict_an_editor_worked_on_survives_when_no_longer_found(desk, demo_texts, editor):
    story = _demo_story(desk, demo_texts)
    story_reconcile(story=story)
    worked = Discrepancy.objects.get(story=story, key="number:killed")
    Event.objects.create(discrepancy=worked, user=editor, action="note", changes={"note": "call"})
    untouched = Discrepancy.objects.get(story=story, key="number:injured")
    # Drop the outlier article: neither conflict is found any more.
    story.articles.get(filename="harbour-herald.txt").delete()
    story_align(story_id=story.pk)
    worked.refresh_from_db()
    assert worked.stale is True
    assert not Discrepancy.objects.filter(pk=untouched.pk).exists()


# The join: each extraction commits its own status, then asks whether any article
# of the story is still busy. These tests replay the two possible interleavings
# of the last two extractions, and an alignment overtaken by a newer one.


def _extracting_inside(monkeypatch, name, other_id, results):
    """While `name` runs, the other article's whole extraction runs too."""
    import reconcile.services as services

    original = getattr(services, name)

    def interleaved(*args, **kwargs):
        value = original(*args, **kwargs)
        monkeypatch.setattr(services, name, original)  # once
        results.append(services.article_extract(article_id=other_id))
        return value

    monkeypatch.setattr(services, name, interleaved)


def _all_extracted_but_two(story):
    """Extract every article of the story but its first and last, which are returned."""
    from reconcile.services import article_extract

    first, *middle, last = story.articles.order_by("pk")
    for article in middle:
        article_extract(article_id=article.pk)
    return first, last


def test_two_extractions_finishing_together_both_align_without_harm(desk, demo_texts, monkeypatch):
    from reconcile.services import article_extract

    story = _demo_story(desk, demo_texts)
    reference = _demo_story(desk, demo_texts)
    story_reconcile(story=reference)
    first, last = _all_extracted_but_two(story)
    # The last one stores its claims after the first stored, before the first checks.
    results: list[bool] = []
    _extracting_inside(monkeypatch, "_store_claims", last.pk, results)
    results.append(article_extract(article_id=first.pk))
    assert results == [True, True], "both see nothing busy, so both queue the alignment"
    story_align(story_id=story.pk)
    story_align(story_id=story.pk)
    assert [(key, summary) for key, summary, _ in _snapshot(story)] == [
        (key, summary) for key, summary, _ in _snapshot(reference)
    ]
    assert set(story.articles.values_list("status", flat=True)) == {Article.Status.DONE}


def test_the_last_extraction_to_finish_always_queues_the_alignment(desk, demo_texts, monkeypatch):
    from reconcile.services import article_extract

    story = _demo_story(desk, demo_texts)
    first, last = _all_extracted_but_two(story)
    # The last one runs whole while the first is still extracting: it sees the
    # first busy and leaves the alignment to it.
    results: list[bool] = []
    _extracting_inside(monkeypatch, "extract_many", last.pk, results)
    results.append(article_extract(article_id=first.pk))
    assert results == [False, True]


def test_an_alignment_overtaken_by_a_newer_one_does_not_undo_it(desk, demo_texts, monkeypatch):
    import reconcile.services as services

    names = ["coastline-wire.txt", "northern-post.txt"]
    story = _demo_story(desk, demo_texts, names)
    for article in story.articles.all():
        services.article_extract(article_id=article.pk)
    original = services.compare

    def slow_compare(extractions):
        # While this alignment of two articles computes, a third is added,
        # extracted and aligned: that alignment stores first.
        monkeypatch.setattr(services, "compare", original)
        if len(extractions) == 2:
            added = article_add(story=story, body=demo_texts["harbour-herald.txt"], enqueue=False)
            assert services.article_extract(article_id=added.pk)
            services.story_align(story_id=story.pk)
        return original(extractions)

    monkeypatch.setattr(services, "compare", slow_compare)
    story_align(story_id=story.pk)
    injured = Discrepancy.objects.get(story=story, key="number:injured")
    assert injured.summary == "People injured: 23 in 2 articles, 32 in 1 article"
    assert set(story.articles.values_list("status", flat=True)) == {Article.Status.DONE}


def test_a_redelivered_extraction_still_queues_the_alignment(desk, demo_texts):
    # A worker that dies between storing an article and queueing the alignment
    # has its message delivered again: the article is already extracted.
    from reconcile.services import article_extract

    story = _demo_story(desk, demo_texts, ["coastline-wire.txt"])
    article = story.articles.get()
    assert article_extract(article_id=article.pk)
    assert article_extract(article_id=article.pk)
    story_align(story_id=story.pk)
    assert not article_extract(article_id=article.pk), "done already: nothing to queue"


def test_days_of_publication_set_by_an_editor_place_weekdays_and_yesterday(desk):
    from datetime import date

    story = Story.objects.create(desk=desk, title="Ferry fire")
    bodies = {
        "wire": "The ferry Aurora caught fire in the harbour on Tuesday, the coastguard said.",
        "gazette": "The ferry Aurora caught fire in the harbour on July 1, the coastguard said.",
        "radio": "The ferry Aurora caught fire in the harbour yesterday, the coastguard said.",
    }
    articles = {
        outlet: article_add(story=story, body=body, outlet=outlet, enqueue=False)
        for outlet, body in bodies.items()
    }
    story_reconcile(story=story)
    # No days known: Tuesday against July 1 is unknowable (low); yesterday is left out.
    [unknowable] = story.discrepancies.filter(kind="date")
    assert unknowable.severity == "low" and "yesterday" not in unknowable.summary

    Article.objects.filter(pk=articles["wire"].pk).update(published=date(2025, 7, 3))
    Article.objects.filter(pk=articles["radio"].pk).update(published=date(2025, 7, 4))
    story_align(story_id=story.pk)
    [conflict] = story.discrepancies.filter(kind="date")
    assert conflict.severity == "high"
    assert {v.article_id for v in conflict.versions.all()} >= {articles["radio"].pk}
