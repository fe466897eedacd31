from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.db.models import F, QuerySet
from django.http import Http404

from reconcile.engine.dates import publication_date

from .formats import ParsedText, UnreadableFile, first_line, looks_english, read_file
from .models import Article, Desk, Membership, Story, body_digest

if TYPE_CHECKING:
    from django.contrib.auth.models import User

log = logging.getLogger(__name__)


NOT_ENGLISH = "This does not look like English: only English text is analysed."


class DuplicateArticle(Exception):
    pass


@dataclass(frozen=True)
class Rejected:
    filename: str
    reason: str


def desk_for_user(user: User) -> Desk | None:
    membership = Membership.objects.filter(user=user).select_related("desk").first()
    return membership.desk if membership else None


def can_edit(user: User) -> bool:
    membership = Membership.objects.filter(user=user).first()
    return bool(membership and membership.can_edit)


def stories_for_user(user: User) -> QuerySet[Story]:
    return Story.objects.filter(desk__members__user=user)


def get_story_for_user(user: User, pk: int) -> Story:
    """The story if it belongs to the user's desk; 404 otherwise, even if it exists."""
    story = stories_for_user(user).filter(pk=pk).first()
    if story is None:
        raise Http404("No such story")
    return story


@transaction.atomic
def story_create(*, desk: Desk, title: str, user: User | None = None) -> Story:
    return Story.objects.create(desk=desk, title=title.strip(), created_by=user)


def article_add(
    *,
    story: Story,
    body: str,
    title: str = "",
    outlet: str = "",
    filename: str | None = None,
    enqueue: bool = True,
) -> Article:
    """Store one article and queue it for extraction once the transaction commits."""
    digest = body_digest(body)
    if story.articles.filter(digest=digest).exists():
        raise DuplicateArticle("this article is already in the story")
    try:
        with transaction.atomic():
            article = Article.objects.create(
                story=story,
                title=(title.strip() or first_line(body))[:300],
                outlet=outlet.strip()[:200],
                filename=filename,
                body=body,
                # The article's own "Published ..." line, which the editor may correct.
                published=publication_date(body),
                digest=digest,
                notice="" if looks_english(body) else NOT_ENGLISH,
            )
            Story.objects.filter(pk=story.pk).update(revision=F("revision") + 1)
    except IntegrityError as exc:  # a concurrent upload of the same text won the race
        raise DuplicateArticle("this article is already in the story") from exc
    if enqueue:
        from reconcile.services import article_enqueue

        transaction.on_commit(lambda: article_enqueue(article_id=article.pk))
    return article


def articles_add_files(
    *, story: Story, files: Iterable[UploadedFile], enqueue: bool = True
) -> tuple[list[Article], list[Rejected]]:
    """Add every readable file; report each one that can't be added and why."""
    added: list[Article] = []
    rejected: list[Rejected] = []
    for upload in files:
        name = getattr(upload, "name", str(upload))
        try:
            parsed = _parse_upload(upload, name)
            added.append(
                article_add(
                    story=story,
                    body=parsed.body,
                    title=parsed.title,
                    filename=name,
                    enqueue=enqueue,
                )
            )
        except (UnreadableFile, DuplicateArticle) as exc:
            rejected.append(Rejected(name, str(exc)))
    return added, rejected


def _parse_upload(upload: UploadedFile, name: str) -> ParsedText:
    limit = settings.RECONCILE_MAX_UPLOAD_BYTES
    size = getattr(upload, "size", 0)
    if size > limit:
        raise UnreadableFile(
            f"the file is {size / 1e6:.1f} MB, over the {limit / 1e6:.0f} MB limit"
        )
    return read_file(name, upload.read(), max_bytes=limit)


@transaction.atomic
def article_update(*, article: Article, title: str, outlet: str, published: date | None) -> Article:
    """Headline, outlet and date are the editor's to correct; the text never changes.

    A new day of publication places the article's weekdays and "yesterday" on the
    calendar, so the story is aligned again once the change is saved.
    """
    from reconcile.services import story_realign

    moved = article.published != published
    article.title = title.strip()
    article.outlet = outlet.strip()
    article.published = published
    article.save(update_fields=["title", "outlet", "published"])
    if moved:
        transaction.on_commit(lambda: story_realign(story_id=article.story_id))
    return article
