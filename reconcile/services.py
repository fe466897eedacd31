"""From stored articles to stored discrepancies, through the pure engine."""

from __future__ import annotations

import logging
from collections import defaultdict
from datetime import date
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.utils import timezone

from articles.models import Article, Story

from .engine.compare import compare, coverage
from .engine.extract import claim_terms, extract_many
from .engine.types import ClaimSpan, Coverage, Extraction, FactSpan, Finding
from .models import Claim, Discrepancy, Event, Fact, Version

if TYPE_CHECKING:
    from django.contrib.auth.models import User

log = logging.getLogger(__name__)
BUSY = [Article.Status.QUEUED, Article.Status.EXTRACTING]
READY = [Article.Status.EXTRACTED, Article.Status.ALIGNING, Article.Status.DONE]


def article_enqueue(*, article_id: int) -> None:
    """Send an article to the workers; if the broker is down, say so on the article."""
    from .tasks import article_extract_task

    try:
        article_extract_task.delay(article_id)
    except Exception as exc:  # kombu raises many types when the broker is unreachable
        log.warning("broker unavailable, article %s stays queued: %s", article_id, exc)
        Article.objects.filter(pk=article_id).update(notice=DELAYED)
    else:
        Article.objects.filter(pk=article_id).exclude(notice="").update(notice="")


DELAYED = "Processing delayed: the task queue is unavailable. It will run when it is back."


def articles_requeue_delayed(*, story_id: int) -> int:
    """Send again the articles whose first send failed; returns how many went."""
    sent = 0
    for article_id in Article.objects.filter(
        story_id=story_id, status=Article.Status.QUEUED, notice=DELAYED
    ).values_list("pk", flat=True):
        article_enqueue(article_id=article_id)
        sent += not Article.objects.filter(pk=article_id, notice=DELAYED).exists()
    return sent


def article_extract(*, article_id: int) -> bool:
    """Extract one article's claims (a worker's task); returns whether the story is
    ready to align.

    The status is committed before the check, so of extractions finishing
    together at least one sees nothing busy (see docs/design.md). A conditional
    claim on the status row skips articles already done; re-running replaces
    the claims, never duplicates them.
    """
    if not _claim(article_id):
        # Delivered again after its worker died between storing the claims and
        # queueing the alignment: the alignment may still be to queue.
        story_id = (
            Article.objects.filter(pk=article_id, status=Article.Status.EXTRACTED)
            .values_list("story_id", flat=True)
            .first()
        )
        return story_id is not None and _nothing_busy(story_id)
    article = Article.objects.get(pk=article_id)
    _extract_claimed([article])
    return _nothing_busy(article.story_id)


def articles_extract(*, article_ids: list[int]) -> None:
    """Extract many articles in one process, batched through spaCy (the command line
    and the benchmark; workers take one article per task)."""
    claimed = [article_id for article_id in article_ids if _claim(article_id)]
    _extract_claimed(list(Article.objects.filter(pk__in=claimed).order_by("pk")))


def _claim(article_id: int) -> bool:
    return bool(
        Article.objects.filter(pk=article_id, status__in=BUSY).update(
            status=Article.Status.EXTRACTING, error=""
        )
    )


def _extract_claimed(articles: list[Article]) -> None:
    try:
        extracted = list(extract_many([article.body for article in articles]))
    except Exception as exc:  # recorded on the row for the editor; the others go on
        if len(articles) > 1:  # find the article that fails; the others are stored
            for article in articles:
                _extract_claimed([article])
            return
        article = articles[0]
        log.exception(
            "extraction failed", extra={"article_id": article.pk, "story_id": article.story_id}
        )
        Article.objects.filter(pk=article.pk).update(
            status=Article.Status.FAILED, error=f"Extraction failed: {exc}"[:1000]
        )
        return
    for article, claims in zip(articles, extracted, strict=True):
        _store_claims(article, claims)


def _nothing_busy(story_id: int) -> bool:
    return not Article.objects.filter(story_id=story_id, status__in=BUSY).exists()


@transaction.atomic
def _store_claims(article: Article, claims: tuple[ClaimSpan, ...]) -> None:
    # Two workers may extract one article at once (a restarted worker re-queues one
    # still running): the row lock makes the second replace the first's claims
    # instead of colliding with them on (article, start).
    Article.objects.select_for_update().filter(pk=article.pk).first()
    Claim.objects.filter(article=article).delete()
    rows = Claim.objects.bulk_create(
        [Claim(article=article, start=c.start, end=c.end, text=c.text) for c in claims]
    )
    Fact.objects.bulk_create(
        [
            Fact(
                claim=row,
                kind=f.kind,
                start=f.start,
                end=f.end,
                text=f.text,
                value=f.value,
                label=f.label,
                qualifier=f.qualifier,
                owner=f.owner,
            )
            for row, claim in zip(rows, claims, strict=True)
            for f in claim.facts
        ]
    )
    Article.objects.filter(pk=article.pk).update(status=Article.Status.EXTRACTED)


def story_align(*, story_id: int) -> int:
    """Align the story's extracted articles and store their conflicts. Idempotent.

    Returns the number of findings stored; 0 if a newer alignment overtook this one.
    """
    articles = dict(
        Article.objects.filter(story_id=story_id, status__in=READY).values_list("pk", "published")
    )
    Article.objects.filter(pk__in=articles).exclude(status=Article.Status.DONE).update(
        status=Article.Status.ALIGNING
    )
    extractions, claims = load_extractions(articles)
    findings = compare(extractions)
    claim_at = {(article_id, start): pk for pk, article_id, start, _, _ in claims}
    stored = _store_findings(story_id, findings, claim_at, set(articles))
    if stored is None:
        log.info("alignment overtaken by a newer one", extra={"story_id": story_id})
        return 0
    Article.objects.filter(pk__in=articles).update(status=Article.Status.DONE)
    return stored


def story_realign(*, story_id: int) -> None:
    """Queue the story's alignment again (a day of publication changed). While
    articles are still extracting, the last of them queues it anyway."""
    from .tasks import story_align_task

    if Article.objects.filter(story_id=story_id, status__in=BUSY).exists():
        return
    try:
        story_align_task.delay(story_id)
    except Exception as exc:  # the broker is down: the next alignment will see the date
        log.warning("broker unavailable, story %s not realigned: %s", story_id, exc)


def story_coverage(*, story: Story) -> list[Coverage]:
    """Facts most of the story's processed articles report and some leave out."""
    articles = dict(
        story.articles.filter(status=Article.Status.DONE).values_list("pk", "published")
    )
    return coverage(load_extractions(articles)[0])


def load_extractions(
    articles: dict[int, date | None],
) -> tuple[list[Extraction], list[tuple[int, int, int, int, str]]]:
    """The engine's view of stored articles, given as {id: day of publication}, and the
    claim rows it was built from: (pk, article, start, end, text).

    Plain tuples, not model instances: a big story has tens of thousands of facts.
    """
    claims = list(
        Claim.objects.filter(article_id__in=articles)
        .order_by("article_id", "start")
        .values_list("pk", "article_id", "start", "end", "text")
    )
    claims_by_article: dict[int, list[ClaimSpan]] = {pk: [] for pk in articles}
    facts_by_claim: dict[int, list[FactSpan]] = defaultdict(list)
    facts = (
        Fact.objects.filter(claim__article_id__in=articles)
        .order_by("claim_id", "start")
        .values_list(
            "claim_id", "kind", "start", "end", "text", "value", "label", "qualifier", "owner"
        )
    )
    for claim_id, kind, start, end, text, value, label, qualifier, owner in facts:
        facts_by_claim[claim_id].append(
            FactSpan(kind, start, end, text, value, label, qualifier, owner)
        )
    for pk, article_id, start, end, text in claims:
        claims_by_article[article_id].append(
            ClaimSpan(start, end, text, tuple(facts_by_claim.get(pk, ())), claim_terms(text))
        )
    extractions = [
        Extraction(aid, tuple(found), articles[aid]) for aid, found in claims_by_article.items()
    ]
    return extractions, claims


@transaction.atomic
def _store_findings(
    story_id: int,
    findings: list[Finding],
    claim_at: dict[tuple[int, int], int],
    aligned: set[int],
) -> int | None:
    # Lock the story so two alignments of one story run one after the other.
    Story.objects.select_for_update().get(pk=story_id)
    # An article extracted since this alignment read the story queued a newer
    # alignment that includes it, which may have stored already: storing this
    # older view after it would drop that article's conflicts.
    if Article.objects.filter(story_id=story_id, status__in=READY).exclude(pk__in=aligned).exists():
        return None
    existing = {d.key: d for d in Discrepancy.objects.filter(story_id=story_id)}
    for finding in findings:
        discrepancy = existing.pop(finding.key, None)
        fields = {
            "kind": finding.kind,
            "severity": finding.severity,
            "severity_rank": Discrepancy.SEVERITY_RANK[finding.severity],
            "summary": finding.summary[:500],
            "stale": False,
        }
        if discrepancy is None:
            discrepancy = Discrepancy.objects.create(story_id=story_id, key=finding.key, **fields)
        else:
            Discrepancy.objects.filter(pk=discrepancy.pk).update(**fields)
            discrepancy.versions.all().delete()
        Version.objects.bulk_create(
            [
                Version(
                    discrepancy=discrepancy,
                    article_id=v.article_id,
                    claim_id=claim_at.get((v.article_id, v.start)),
                    start=v.start,
                    end=v.end,
                    value=v.value,
                    value_start=v.value_start,
                    value_end=v.value_end,
                )
                for v in finding.versions
            ]
        )
    # What is no longer found goes, unless an editor has worked on it.
    for gone in existing.values():
        if gone.status == Discrepancy.Status.OPEN and not gone.events.exists():
            gone.delete()
        else:
            Discrepancy.objects.filter(pk=gone.pk).update(stale=True)
    return len(findings)


def story_reconcile(*, story: Story) -> int:
    """Run the whole pipeline synchronously, through the same functions as the workers."""
    queued = list(story.articles.exclude(status=Article.Status.DONE).values_list("pk", flat=True))
    Article.objects.filter(pk__in=queued).update(status=Article.Status.QUEUED)
    articles_extract(article_ids=queued)
    return story_align(story_id=story.pk)


def article_retry(*, article: Article) -> None:
    Article.objects.filter(pk=article.pk, status=Article.Status.FAILED).update(
        status=Article.Status.QUEUED, error=""
    )
    transaction.on_commit(lambda: article_enqueue(article_id=article.pk))


class StaleEdit(Exception):
    """Someone else changed the discrepancy since the editor loaded it."""

    def __init__(self, current: Discrepancy, since: list[Event]):
        super().__init__("changed by someone else")
        self.current = current
        self.since = since


TRACKED = ("status", "resolved_value", "verdict", "note", "evidence", "assignee_id")
SAVED = [
    *(f.removesuffix("_id") for f in TRACKED),
    "resolved_by",
    "resolved_at",
    "revision",
    "updated",
]


@transaction.atomic
def discrepancy_change(
    *, discrepancy_id: int, user: User, expected_revision: int, action: str, **changes: Any
) -> Discrepancy:
    """Apply an editor's change, record it in the history, and never lose another's.

    `expected_revision` is the revision the editor saw; if the row moved on since,
    StaleEdit carries the current row and what changed, and nothing is written.
    """
    # The panel drawn from the returned row names the assignee and the resolver.
    current = (
        Discrepancy.objects.select_for_update(of=("self",))
        .select_related("assignee", "resolved_by")
        .get(pk=discrepancy_id)
    )
    if current.revision != expected_revision:
        since = list(current.events.select_related("user").order_by("at", "id")[expected_revision:])
        raise StaleEdit(current, since)
    before = {field: getattr(current, field) for field in TRACKED}
    if changes.get("status") == Discrepancy.Status.RESOLVED:
        current.resolve(
            by=user,
            value=changes.pop("resolved_value", current.resolved_value),
            verdict=changes.pop("verdict", current.verdict),
            note=changes.pop("note", current.note),
            evidence=changes.pop("evidence", current.evidence),
        )
    for field, value in changes.items():
        setattr(current, field, value)
    if current.status != Discrepancy.Status.RESOLVED:
        current.resolved_by = None
        current.resolved_at = None
    diff = {
        field: [before[field], getattr(current, field)]
        for field in TRACKED
        if before[field] != getattr(current, field)
    }
    if not diff:
        return current
    # The row is locked until commit, so counting in Python cannot lose an increment.
    current.revision += 1
    current.save(update_fields=SAVED)
    Event.objects.create(
        discrepancy=current, user=user, at=timezone.now(), action=action, changes=diff
    )
    return current


@transaction.atomic
def claim_mark(*, claim: Claim, user: User, verdict: str) -> Claim:
    claim.verdict = verdict
    claim.verified_by = user if verdict else None
    claim.verified_at = timezone.now() if verdict else None
    claim.save(update_fields=["verdict", "verified_by", "verified_at"])
    return claim


def health() -> dict[str, str]:
    from django.db import connection

    from newsroom.celery import app

    checks: dict[str, str] = {}
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        checks["database"] = "ok"
    except Exception as exc:  # any failure is a finding, not a crash
        checks["database"] = f"error: {exc}"
    try:
        with app.connection_for_write() as conn:
            conn.ensure_connection(max_retries=1, timeout=2)
        checks["broker"] = "ok"
    except Exception as exc:
        checks["broker"] = f"error: {exc}"
    try:
        # A ping waits for replies, so it returns a list (celery-types: "or None").
        replies = (app.control.ping(timeout=1.0) or []) if checks["broker"] == "ok" else []
        checks["workers"] = str(len(replies))
    except Exception as exc:  # the filesystem broker has no broadcast
        checks["workers"] = f"unknown ({type(exc).__name__})"
    return checks


def work_resume() -> tuple[int, int]:
    """Queue again what a dead worker left unfinished: (articles, stories)."""
    from .tasks import story_align_task

    articles = list(
        Article.objects.filter(status__in=BUSY).values_list("pk", flat=True).order_by("pk")
    )
    for article_id in articles:
        article_enqueue(article_id=article_id)
    stranded = (
        Article.objects.filter(status__in=[Article.Status.EXTRACTED, Article.Status.ALIGNING])
        .exclude(story__articles__status__in=BUSY)
        .values_list("story_id", flat=True)
        .distinct()
    )
    stories = list(stranded)
    for story_id in stories:
        story_align_task.delay(story_id)
    if articles or stories:
        log.info("resumed %d articles and %d stories", len(articles), len(stories))
    return len(articles), len(stories)
