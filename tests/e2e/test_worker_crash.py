"""A worker killed mid-extraction: a new worker finishes the story, no duplicates."""

import os
import signal
import time

import pytest

from articles.models import Article, Story
from articles.services import article_add
from reconcile.engine.extract import extract
from reconcile.models import Claim, Discrepancy

from .test_worker_pipeline import _wait_until_done
from .worker import celery_worker

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_story_finishes_after_a_worker_is_killed_mid_extraction(desk, demo_texts):
    story = Story.objects.create(desk=desk, title="Ferry fire")
    with celery_worker(concurrency=1) as (first, log):
        for name, text in demo_texts.items():
            article_add(story=story, body=text, filename=name)
        deadline = time.monotonic() + 60
        while not story.articles.filter(status=Article.Status.EXTRACTING).exists():
            assert time.monotonic() < deadline, "no extraction started:\n" + "".join(log)
            time.sleep(0.02)
        os.killpg(first.pid, signal.SIGKILL)
        first.wait(timeout=10)
    assert story.articles.exclude(status=Article.Status.DONE).exists(), "killed before the end"

    with celery_worker(concurrency=1, purge=False) as (_, log):
        articles = _wait_until_done(story)
    assert {a.status for a in articles} == {Article.Status.DONE}, "".join(log)
    for article in articles:
        assert Claim.objects.filter(article=article).count() == len(extract(article.body))
    keys = list(Discrepancy.objects.filter(story=story).values_list("key", flat=True))
    assert "number:killed" in keys and len(keys) == len(set(keys))
