import hashlib

from django.conf import settings
from django.db import models


class Desk(models.Model):
    """A newsroom desk. Stories belong to a desk; users see only their desk's stories."""

    name = models.CharField(max_length=100, unique=True)

    def __str__(self) -> str:
        return self.name


class Membership(models.Model):
    class Role(models.TextChoices):
        EDITOR = "editor", "Editor"
        VIEWER = "viewer", "Viewer"
        ADMIN = "admin", "Admin"

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="membership"
    )
    desk = models.ForeignKey(Desk, on_delete=models.CASCADE, related_name="members")
    role = models.CharField(max_length=10, choices=Role.choices, default=Role.EDITOR)

    def __str__(self) -> str:
        return f"{self.user} ({self.role}, {self.desk})"

    @property
    def can_edit(self) -> bool:
        return self.role in {self.Role.EDITOR, self.Role.ADMIN}


class Story(models.Model):
    desk = models.ForeignKey(Desk, on_delete=models.CASCADE, related_name="stories")
    title = models.CharField(max_length=200)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )
    created = models.DateTimeField(auto_now_add=True)
    # Bumped whenever the set of articles changes, so a stale alignment can tell.
    revision = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-created"]
        verbose_name_plural = "stories"

    def __str__(self) -> str:
        return self.title


def body_digest(body: str) -> str:
    normalised = " ".join(body.split()).casefold()
    return hashlib.sha256(normalised.encode("utf-8")).hexdigest()


class Article(models.Model):
    class Status(models.TextChoices):
        QUEUED = "queued", "Queued"
        EXTRACTING = "extracting", "Extracting"
        EXTRACTED = "extracted", "Waiting for the other articles"
        ALIGNING = "aligning", "Aligning"
        DONE = "done", "Done"
        FAILED = "failed", "Failed"

    story = models.ForeignKey(Story, on_delete=models.CASCADE, related_name="articles")
    title = models.CharField(max_length=300)
    outlet = models.CharField(max_length=200, blank=True)
    # null, not "", for pasted text: the report says `"filename": null`.
    filename = models.CharField(max_length=255, null=True, blank=True)  # noqa: DJ001
    published = models.DateField(null=True, blank=True)
    body = models.TextField()
    digest = models.CharField(max_length=64, editable=False)
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.QUEUED)
    error = models.TextField(blank=True)
    notice = models.CharField(max_length=300, blank=True)
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(
                fields=["story", "digest"], name="article_unique_body_per_story"
            )
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def label(self) -> str:
        return self.outlet or self.filename or self.title

    @property
    def is_busy(self) -> bool:
        return self.status not in {self.Status.DONE, self.Status.FAILED}
