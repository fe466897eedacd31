"""SQL queries per request do not grow with the story: the page, the panel, a resolve.

Each count is pinned exactly on a story of 10 articles and 100 conflicts and must
be the same on one of 20 articles and 300: a new query shows up here as a changed
number to justify, an N+1 as two different numbers.
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from reconcile.models import Claim, Discrepancy, Fact
from reconcile.synthetic import story_build

PAGE = 8  # session, user, story, membership, articles, claims, conflicts, versions
PAGE_WITH_PANEL = PAGE + 2  # the open panel adds the desk's editors and the history
PANEL = 9  # session, user, story, conflict, versions, membership, articles, editors, history
# + the row lock, its update, the history event, and the transaction's begin and end;
# the panel it answers with reuses the versions and the membership already read.
RESOLVE = 14


def _count(send) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = send()
    assert response.status_code == 200
    return len(queries)


@pytest.fixture
def stories(desk, editor):
    return [
        story_build(desk=desk, title="Ten articles", articles=10, discrepancies=100, user=editor),
        story_build(desk=desk, title="Twenty", articles=20, discrepancies=300, user=editor),
    ]


def test_the_synthetic_stories_are_what_the_counts_claim(stories):
    small, big = stories
    assert small.articles.count() == 10 and big.articles.count() == 20
    assert Discrepancy.objects.filter(story=small).count() == 100
    assert Discrepancy.objects.filter(story=big).count() == 300
    small_conflicts = Discrepancy.objects.filter(story=small)
    assert {d.versions.values("article").distinct().count() for d in small_conflicts} == {3}
    assert small_conflicts.filter(events__isnull=False).exists()
    assert small_conflicts.filter(assignee__isnull=False, resolved_by__isnull=True).exists()
    assert Fact.objects.filter(claim__article__story=small).count() == 300
    assert Claim.objects.filter(article__story=small).count() == 300


def test_story_page_queries_do_not_grow_with_the_story(client_editor, stories):
    counts = []
    for story in stories:
        url = reverse("story-detail", args=[story.pk])
        counts.append(_count(lambda url=url: client_editor.get(url)))
    assert counts == [PAGE, PAGE]


def test_story_page_draws_every_conflict_and_claim_form(client_editor, stories):
    small = stories[0]
    claim = Claim.objects.filter(article__story=small).last()
    claim.verdict = "false"
    claim.save()
    html = client_editor.get(reverse("story-detail", args=[small.pk])).content.decode()
    assert html.count('class="conflict-link"') == 100
    assert html.count('class="claim-mark"') == 300
    assert html.count('<option value="false" selected>') == 1
    mark = reverse("claim-mark", args=[small.pk, claim.pk])
    assert f'<form method="post" action="{mark}" class="claim-mark">' in html
    d = Discrepancy.objects.filter(story=small).first()
    assert f'hx-get="{reverse("discrepancy-panel", args=[small.pk, d.pk])}"' in html


def test_story_page_with_an_open_panel_queries_do_not_grow(client_editor, stories):
    counts = []
    for story in stories:
        # A resolved conflict, with its history and its resolver to show.
        d = Discrepancy.objects.filter(story=story, status="resolved").first()
        url = reverse("story-detail", args=[story.pk]) + f"?d={d.pk}"
        counts.append(_count(lambda url=url: client_editor.get(url)))
    assert counts == [PAGE_WITH_PANEL, PAGE_WITH_PANEL]


def test_conflict_panel_queries_do_not_grow_with_the_story(client_editor, stories):
    counts = []
    for story in stories:
        for status in ("resolved", "in_progress"):
            d = Discrepancy.objects.filter(story=story, status=status).first()
            url = reverse("discrepancy-panel", args=[story.pk, d.pk])
            counts.append(_count(lambda url=url: client_editor.get(url, HTTP_HX_REQUEST="true")))
    assert counts == [PANEL] * 4


def test_resolve_queries_do_not_grow_with_the_story(client_editor, stories):
    counts = []
    for story in stories:
        for status in ("open", "in_progress"):  # unassigned, and assigned to someone
            d = Discrepancy.objects.filter(story=story, status=status).first()
            data = {
                "choice": d.versions.first().value,
                "verdict": "verified",
                "note": "Checked with the census office.",
                "evidence": "https://example.org/census",
                "revision": d.revision,
            }
            url = reverse("discrepancy-resolve", args=[story.pk, d.pk])
            counts.append(
                _count(
                    lambda url=url, data=data: client_editor.post(url, data, HTTP_HX_REQUEST="true")
                )
            )
            d.refresh_from_db()
            assert d.status == "resolved" and d.events.count() == d.revision
    assert counts == [RESOLVE] * 4
