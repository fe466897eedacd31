"""Upload through the web app; a real Celery worker process does the rest."""

import json
import time

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from articles.models import Article, Story

from .worker import celery_worker

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def _wait_until_done(story: Story, timeout: float = 180) -> list[Article]:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        articles = list(story.articles.all())
        if articles and all(not a.is_busy for a in articles):
            return articles
        time.sleep(0.5)
    states = list(story.articles.values_list("filename", "status"))
    raise AssertionError(f"articles still processing after {timeout}s: {states}")


def test_uploaded_articles_are_reconciled_by_the_worker(client, editor, demo_texts):
    client.force_login(editor)
    client.post(reverse("story-list"), {"title": "Ferry fire"})
    story = Story.objects.get()
    with celery_worker() as (_, log):
        files = [SimpleUploadedFile(name, text.encode()) for name, text in demo_texts.items()]
        response = client.post(reverse("article-upload", args=[story.pk]), {"files": files})
        assert response.status_code == 302
        articles = _wait_until_done(story)
    assert {a.status for a in articles} == {Article.Status.DONE}, "".join(log)

    status = client.get(
        reverse("story-status", args=[story.pk]) + "?was_busy=1", HTTP_HX_REQUEST="true"
    )
    assert status.status_code == 204 and status["HX-Refresh"] == "true"

    report = json.loads(client.get(reverse("story-report", args=[story.pk, "json"])).content)
    summaries = {d["summary"] for d in report["discrepancies"]}
    assert "People killed: 4 in 3 articles, 5 in 1 article" in summaries
    assert "Name spelled: Salvesen in 3 articles, Salveson in 1 article" in summaries
    assert len(report["discrepancies"]) == len(summaries), "no duplicate discrepancies"
