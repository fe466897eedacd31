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
