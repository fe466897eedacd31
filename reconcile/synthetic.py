"""Stories of any size built straight through the ORM, for load tests and query pins.

Nothing here runs the engine: the rows look like the pipeline's output (articles
done, claims with facts, discrepancies with versions in several articles, some
history), so a page or a resolve can be measured on a story of exactly the size
asked for, in well under a second.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import transaction
from django.utils import timezone

from articles.models import Article, Desk, Story, body_digest

from .models import Claim, Discrepancy, Event, Fact, Version

if TYPE_CHECKING:
    from django.contrib.auth.models import User

KINDS = ("number", "name", "date", "quote")
SEVERITIES = ("high", "medium", "low")
# Each conflict is stated by this many articles (fewer if the story has fewer).
VERSIONS_PER_DISCREPANCY = 3


def _sentence(j: int, value: int) -> tuple[str, int, int]:
    """A sentence stating conflict j's value, and the value's offsets within it."""
    head = f"In district {j} the census officers counted "
    text = f"{head}{value} households on Tuesday. "
    return text, len(head), len(head) + len(str(value))


@transaction.atomic
def story_build(
    *,
    desk: Desk,
    title: str,
    articles: int = 10,
    discrepancies: int = 100,
    user: User | None = None,
) -> Story:
    """A story of `articles` done articles and `discrepancies` open conflicts.

    Conflict j is stated by VERSIONS_PER_DISCREPANCY articles in turn, the middle
    one with a different value. With `user`, every seventh conflict is assigned
    to them and in progress and every eleventh resolved by them, each with its
    history event.
    """
    per = min(VERSIONS_PER_DISCREPANCY, articles)
    story = Story.objects.create(desk=desk, title=title, created_by=user)
    # For each article: (conflict j, value, sentence start, value start, value end).
    spans: list[list[tuple[int, int, int, int, int]]] = [[] for _ in range(articles)]
    bodies = [f"Article {a + 1} of {title}. " for a in range(articles)]
    for j in range(discrepancies):
        for k in range(per):
            a = (j + k) % articles
            value = 100 + j + (1 if k == 1 else 0)
            text, vs, ve = _sentence(j, value)
            start = len(bodies[a])
            bodies[a] += text
            spans[a].append((j, value, start, start + vs, start + ve))
    rows = Article.objects.bulk_create(
        [
            Article(
                story=story,
                title=f"Version {a + 1}",
                outlet=f"Outlet {a + 1}",
                body=body,
                digest=body_digest(body),
                status=Article.Status.DONE,
            )
            for a, body in enumerate(bodies)
        ]
    )
    claim_rows: list[Claim] = []
    for article, article_spans in zip(rows, spans, strict=True):
        for _j, _value, start, _vs, _ve in article_spans:
            end = article.body.index(". ", start) + 1
            claim_rows.append(
                Claim(article=article, start=start, end=end, text=article.body[start:end])
            )
    claim_rows = Claim.objects.bulk_create(claim_rows)
    claim_at = {(c.article_id, c.start): c for c in claim_rows}
    facts = []
    versions_of: dict[int, list[tuple[Article, int, int, int, int]]] = {}
    for article, article_spans in zip(rows, spans, strict=True):
        for j, value, start, vs, ve in article_spans:
            claim = claim_at[(article.pk, start)]
            facts.append(
                Fact(
                    claim=claim,
                    kind="number",
                    start=vs,
                    end=ve,
                    text=str(value),
                    value=str(value),
                    label="households",
                )
            )
            versions_of.setdefault(j, []).append((article, value, start, vs, ve))
    Fact.objects.bulk_create(facts)
    now = timezone.now()
    conflicts = []
    for j in range(discrepancies):
        severity = SEVERITIES[j % len(SEVERITIES)]
        fields = {}
        if user is not None and j % 11 == 0:
            fields = {
                "status": Discrepancy.Status.RESOLVED,
                "resolved_value": str(100 + j),
                "verdict": Discrepancy.Verdict.VERIFIED,
                "resolved_by": user,
                "resolved_at": now,
                "revision": 1,
            }
        elif user is not None and j % 7 == 0:
            fields = {"status": Discrepancy.Status.IN_PROGRESS, "assignee": user, "revision": 1}
        conflicts.append(
            Discrepancy(
                story=story,
                key=f"number:district-{j}",
                kind=KINDS[j % len(KINDS)],
                severity=severity,
                severity_rank=Discrepancy.SEVERITY_RANK[severity],
                summary=f"District {j}: {100 + j} or {101 + j} households?",
                **fields,
            )
        )
    conflicts = Discrepancy.objects.bulk_create(conflicts)
    Version.objects.bulk_create(
        [
            Version(
                discrepancy=d,
                article=article,
                claim=claim_at[(article.pk, start)],
                start=start,
                end=claim_at[(article.pk, start)].end,
                value=str(value),
                value_start=vs,
                value_end=ve,
            )
            for j, d in enumerate(conflicts)
            for article, value, start, vs, ve in versions_of.get(j, [])
        ]
    )
    Event.objects.bulk_create(
        [
            Event(
                discrepancy=d,
                user=user,
                at=now,
                action="resolve" if d.status == Discrepancy.Status.RESOLVED else "update",
                changes={"status": [Discrepancy.Status.OPEN, d.status]},
            )
            for d in conflicts
            if d.revision
        ]
    )
    return story
