from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.db import models
from django.utils import timezone

from articles.models import Article, Story

if TYPE_CHECKING:
    from django.contrib.auth.models import User


class Claim(models.Model):
    """A check-worthy sentence of an article; offsets index `article.body`."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="claims")
    start = models.PositiveIntegerField()
    end = models.PositiveIntegerField()
    text = models.TextField()
    verdict = models.CharField(max_length=15, blank=True)
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )
    verified_at = models.DateTimeField(null=True, blank=True)

    # Not stored: the story page sets them for its template (views._claim_forms).
    mark_url: str
    verdict_options: str

    class Meta:
        ordering = ["article_id", "start"]
        constraints = [
            models.UniqueConstraint(fields=["article", "start"], name="claim_unique_start")
        ]

    def __str__(self) -> str:
        return self.text[:80]


class Fact(models.Model):
    """A checkable value inside a claim: a number, a name, a date, a quote..."""

    claim = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="facts")
    kind = models.CharField(max_length=20)
    start = models.PositiveIntegerField()
    end = models.PositiveIntegerField()
    text = models.TextField()
    value = models.TextField()
    label = models.CharField(max_length=200, blank=True)
    qualifier = models.CharField(max_length=10, default="exact")
    owner = models.CharField(max_length=100, blank=True, default="")

    class Meta:
        ordering = ["claim_id", "start"]

    def __str__(self) -> str:
        return f"{self.kind}: {self.text}"


class Discrepancy(models.Model):
    class Kind(models.TextChoices):
        NUMBER = "number", "Number"
        NAME = "name", "Name"
        TITLE = "title", "Title"
        DATE = "date", "Date"
        QUOTE = "quote", "Quote"
        ATTRIBUTION = "attribution", "Attribution"
        HEDGING = "hedging", "Hedging"
        CLAIM = "claim", "Claim"
        OMISSION = "omission", "Omission"

    class Severity(models.TextChoices):
        HIGH = "high", "High"
        MEDIUM = "medium", "Medium"
        LOW = "low", "Low"

    class Status(models.TextChoices):
        OPEN = "open", "Open"
        IN_PROGRESS = "in_progress", "In progress"
        RESOLVED = "resolved", "Resolved"

    class Verdict(models.TextChoices):
        VERIFIED = "verified", "Verified"
        FALSE = "false", "False"
        DISPUTED = "disputed", "Disputed"
        UNVERIFIABLE = "unverifiable", "Unverifiable"

    SEVERITY_RANK = {"high": 0, "medium": 1, "low": 2}

    story = models.ForeignKey(Story, on_delete=models.CASCADE, related_name="discrepancies")
    key = models.CharField(max_length=300, help_text="Stable fingerprint of the fact in conflict")
    kind = models.CharField(max_length=12, choices=Kind.choices)
    severity = models.CharField(max_length=6, choices=Severity.choices)
    severity_rank = models.PositiveSmallIntegerField(default=1)
    summary = models.CharField(max_length=500)
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.OPEN)
    # Set when a re-run no longer finds the conflict but an editor has worked on it.
    stale = models.BooleanField(default=False)
    resolved_value = models.TextField(blank=True)
    verdict = models.CharField(max_length=15, choices=Verdict.choices, blank=True)
    note = models.TextField(blank=True)
    evidence = models.JSONField(default=list, blank=True)
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="assigned_discrepancies",
    )
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    resolved_at = models.DateTimeField(null=True, blank=True)
    # Optimistic lock: every editor change increments it.
    revision = models.PositiveIntegerField(default=0)
    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True)

    # Not stored: the story page sets it for its template (views.story_detail).
    panel_url: str

    class Meta:
        ordering = ["severity_rank", "kind", "id"]
        verbose_name_plural = "discrepancies"
        constraints = [
            models.UniqueConstraint(fields=["story", "key"], name="discrepancy_unique_key")
        ]

    def __str__(self) -> str:
        return self.summary

    @property
    def resolution(self) -> dict[str, Any] | None:
        if self.status != self.Status.RESOLVED:
            return None
        return {
            "value": self.resolved_value,
            "verdict": self.verdict or None,
            "note": self.note,
            "evidence": list(self.evidence),
            "by": self.resolved_by.get_username() if self.resolved_by else None,
            "at": self.resolved_at.isoformat() if self.resolved_at else None,
        }

    def resolve(
        self,
        *,
        by: User | None,
        value: str,
        verdict: str = "",
        note: str = "",
        evidence: Iterable[str] = (),
    ) -> None:
        """Record an editor's decision; the caller saves and logs the change."""
        self.status = self.Status.RESOLVED
        self.resolved_value = value
        self.verdict = verdict
        self.note = note
        self.evidence = list(evidence)
        self.resolved_by = by
        self.resolved_at = timezone.now()


class Version(models.Model):
    """One article's version of the fact in conflict."""

    discrepancy = models.ForeignKey(Discrepancy, on_delete=models.CASCADE, related_name="versions")
    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="+")
    claim = models.ForeignKey(Claim, null=True, on_delete=models.SET_NULL, related_name="+")
    start = models.PositiveIntegerField()
    end = models.PositiveIntegerField()
    value = models.TextField()
    value_start = models.PositiveIntegerField()
    value_end = models.PositiveIntegerField()

    class Meta:
        ordering = ["discrepancy_id", "article_id"]

    def __str__(self) -> str:
        return f"{self.value} (article {self.article_id})"


class Event(models.Model):
    """History of a discrepancy: every change, who made it and when."""

    discrepancy = models.ForeignKey(Discrepancy, on_delete=models.CASCADE, related_name="events")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL)
    at = models.DateTimeField(default=timezone.now)
    action = models.CharField(max_length=30)
    changes = models.JSONField(default=dict)

    class Meta:
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.action} by {self.user} at {self.at:%Y-%m-%d %H:%M}"


class Export(models.Model):
    """A report rendered by a worker, for exports too big to build inside a request."""

    class Status(models.TextChoices):
        QUEUED = "queued", "Queued"
        RUNNING = "running", "Rendering"
        DONE = "done", "Ready"
        FAILED = "failed", "Failed"

    story = models.ForeignKey(Story, on_delete=models.CASCADE, related_name="exports")
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    format = models.CharField(max_length=20)
    # The site's root as the requester saw it: the worker has no request to build links from.
    base_url = models.CharField(max_length=300, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    # In the database, not on disk: the web and worker containers share no filesystem.
    content = models.BinaryField(default=b"", blank=True, editable=False)
    error = models.TextField(blank=True)
    created = models.DateTimeField(auto_now_add=True)
    finished = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created", "-id"]

    def __str__(self) -> str:
        return f"{self.format} export of story {self.story_id} ({self.status})"

    @property
    def is_pending(self) -> bool:
        return self.status in {self.Status.QUEUED, self.Status.RUNNING}
