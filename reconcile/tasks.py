"""Thin Celery tasks: take an id, call one service."""

from celery import shared_task
from django.db import InterfaceError, OperationalError

from . import reports, services

TRANSIENT = (OperationalError, InterfaceError)


@shared_task(
    acks_late=True,
    reject_on_worker_lost=True,
    autoretry_for=TRANSIENT,
    retry_backoff=True,
    max_retries=5,
)
def article_extract_task(article_id: int) -> None:
    if services.article_extract(article_id=article_id):
        story_id = services.Article.objects.values_list("story_id", flat=True).get(pk=article_id)
        story_align_task.delay(story_id)


@shared_task(
    acks_late=True,
    reject_on_worker_lost=True,
    autoretry_for=TRANSIENT,
    retry_backoff=True,
    max_retries=5,
)
def story_align_task(story_id: int) -> None:
    services.story_align(story_id=story_id)


@shared_task(
    acks_late=True,
    reject_on_worker_lost=True,
    autoretry_for=TRANSIENT,
    retry_backoff=True,
    max_retries=5,
)
def export_build_task(export_id: int) -> None:
    reports.export_build(export_id=export_id)
