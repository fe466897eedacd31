"""Thin Celery tasks: take an id, call one service."""

from typing import TypedDict

from celery import shared_task
from django.db import InterfaceError, OperationalError

from . import reports, services


class TaskOptions(TypedDict):
    """Keyword arguments of shared_task, typed so mypy checks them against Celery's."""

    acks_late: bool
    reject_on_worker_lost: bool
    autoretry_for: tuple[type[Exception], ...]
    retry_backoff: bool
    max_retries: int


# Every task is idempotent, so a redelivery after a lost worker is safe; only
# database connection errors are worth retrying, anything else is recorded.
IDEMPOTENT_TASK: TaskOptions = {
    "acks_late": True,
    "reject_on_worker_lost": True,
    "autoretry_for": (OperationalError, InterfaceError),
    "retry_backoff": True,
    "max_retries": 5,
}


@shared_task(**IDEMPOTENT_TASK)
def article_extract_task(article_id: int) -> None:
    if services.article_extract(article_id=article_id):
        story_id = services.Article.objects.values_list("story_id", flat=True).get(pk=article_id)
        story_align_task.delay(story_id)


@shared_task(**IDEMPOTENT_TASK)
def story_align_task(story_id: int) -> None:
    services.story_align(story_id=story_id)


@shared_task(**IDEMPOTENT_TASK)
def export_build_task(export_id: int) -> None:
    reports.export_build(export_id=export_id)
