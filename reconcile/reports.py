"""The fact-check report of a story, as plain data and in each export format."""

from __future__ import annotations

import json
from typing import Any

from django.db.models import Prefetch

from articles.models import Story

from .models import Discrepancy, Version

SCHEMA = "reconcile-report/1"


def story_discrepancies(story: Story):
    return (
        Discrepancy.objects.filter(story=story)
        .select_related("resolved_by", "assignee")
        .prefetch_related(Prefetch("versions", queryset=Version.objects.order_by("article_id")))
        .order_by("severity_rank", "kind", "id")
    )


def report_data(story: Story) -> dict[str, Any]:
    articles = list(story.articles.order_by("id"))
    return {
        "schema": SCHEMA,
        "story": {"id": story.pk, "title": story.title, "created": story.created.isoformat()},
        "articles": [
            {
                "id": a.pk,
                "title": a.title,
                "outlet": a.outlet,
                "filename": a.filename,
                "published": a.published.isoformat() if a.published else None,
                "status": a.status,
                "body": a.body,
            }
            for a in articles
        ],
        "discrepancies": [
            {
                "id": d.pk,
                "kind": d.kind,
                "severity": d.severity,
                "summary": d.summary,
                "status": d.status,
                "versions": [
                    {
                        "article": v.article_id,
                        "claim": v.claim_id,
                        "start": v.start,
                        "end": v.end,
                        "value": v.value,
                        "value_start": v.value_start,
                        "value_end": v.value_end,
                    }
                    for v in d.versions.all()
                ],
                "resolution": d.resolution,
            }
            for d in story_discrepancies(story)
        ],
    }


def render_report(story: Story, fmt: str = "json") -> tuple[str, str]:
    """(content, media type) of the report in one format."""
    if fmt == "json":
        return json.dumps(report_data(story), ensure_ascii=False, indent=2), "application/json"
    raise ValueError(f"unknown report format {fmt!r}")


FORMATS = ("json",)
