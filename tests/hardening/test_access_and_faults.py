import json
import logging

from django.test import Client
from django.urls import reverse

from articles.models import Article, Story
from articles.services import article_add
from newsroom.logs import JSONFormatter
from reconcile import services
from reconcile.models import Discrepancy
from reconcile.services import story_reconcile


def _story(desk, demo_texts):
    story = Story.objects.create(desk=desk, title="Ferry fire")
    for name, text in demo_texts.items():
        article_add(story=story, body=text, filename=name, enqueue=False)
    story_reconcile(story=story)
    return story


def test_htmx_posts_need_the_csrf_token(editor, desk, demo_texts):
    story = _story(desk, demo_texts)
    d = Discrepancy.objects.get(story=story, key="number:killed")
    client = Client(enforce_csrf_checks=True)
    client.force_login(editor)
    page = client.get(reverse("story-detail", args=[story.pk]))
    token = page.cookies["csrftoken"].value
    assert 'hx-headers=\'{"X-CSRFToken": "' in page.content.decode()
    url = reverse("discrepancy-resolve", args=[story.pk, d.pk])
    data = {"choice": "4", "verdict": "verified", "revision": 0}
    assert client.post(url, data, HTTP_HX_REQUEST="true").status_code == 403
    d.refresh_from_db()
    assert d.status == "open"
    response = client.post(url, data, HTTP_HX_REQUEST="true", HTTP_X_CSRFTOKEN=token)
    assert response.status_code == 200
    d.refresh_from_db()
    assert d.status == "resolved"


def test_a_failed_article_shows_its_error_and_retry_queues_it_again(
    client_editor, desk, monkeypatch, django_capture_on_commit_callbacks
):
    story = Story.objects.create(desk=desk, title="Ferry fire")
    good = article_add(story=story, body="Four people were killed on Tuesday.", enqueue=False)
    bad = article_add(story=story, body="Five people were killed on Tuesday.", enqueue=False)

    real = services.extract_many

    def broken_for_bad(texts):
        texts = list(texts)
        if bad.body in texts:  # a batch with it fails, as it would alone
            raise RuntimeError("the model ran out of memory")
        return real(texts)

    monkeypatch.setattr(services, "extract_many", broken_for_bad)
    story_reconcile(story=story)
    good.refresh_from_db()
    bad.refresh_from_db()
    assert good.status == Article.Status.DONE, "the others still finish"
    assert bad.status == Article.Status.FAILED
    page = client_editor.get(reverse("story-detail", args=[story.pk])).content.decode()
    assert "Extraction failed: the model ran out of memory" in page and ">Retry</button>" in page

    monkeypatch.setattr(services, "extract_many", real)
    with django_capture_on_commit_callbacks() as callbacks:
        response = client_editor.post(reverse("article-retry", args=[story.pk, bad.pk]))
    assert response.status_code == 302
    bad.refresh_from_db()
    assert (bad.status, bad.error) == (Article.Status.QUEUED, "")
    assert len(callbacks) == 1


def test_log_lines_are_json_with_their_context():
    record = logging.LogRecord(
        "reconcile", logging.ERROR, __file__, 1, "extraction failed", (), None
    )
    record.article_id = 7
    line = json.loads(JSONFormatter().format(record))
    assert (line["level"], line["message"], line["article_id"]) == ("ERROR", "extraction failed", 7)
