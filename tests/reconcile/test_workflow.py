"""Resolving conflicts: the panel, history, two editors at once, assignment, claims."""

from django.test import Client
from django.urls import reverse

from articles.models import Membership, Story
from articles.services import article_add
from reconcile.models import Claim, Discrepancy, Event
from reconcile.services import story_reconcile
from tests.conftest import make_user


def _killed(desk, demo_texts):
    story = Story.objects.create(desk=desk, title="Ferry fire")
    for name, text in demo_texts.items():
        article_add(story=story, body=text, filename=name, outlet=name.split(".")[0], enqueue=False)
    story_reconcile(story=story)
    return story, Discrepancy.objects.get(story=story, key="number:killed")


def _resolve(client, story, d, revision, **fields):
    data = {"choice": "4", "verdict": "verified", "note": "", "evidence": "", "revision": revision}
    data.update(fields)
    url = reverse("discrepancy-resolve", args=[story.pk, d.pk])
    return client.post(url, data, HTTP_HX_REQUEST="true")


def test_resolving_records_value_verdict_note_evidence_and_who(
    client_editor, editor, desk, demo_texts
):
    story, d = _killed(desk, demo_texts)
    response = _resolve(
        client_editor, story, d, 0,
        note="Coastguard confirmed four.", evidence="https://example.org/coastguard\n",
    )  # fmt: skip
    assert response.status_code == 200
    d.refresh_from_db()
    assert (d.status, d.resolved_value, d.verdict) == ("resolved", "4", "verified")
    assert (d.note, d.evidence, d.resolved_by) == (
        "Coastguard confirmed four.",
        ["https://example.org/coastguard"],
        editor,
    )
    html = response.content.decode()
    assert "<html" not in html
    assert "Resolved:</strong> 4" in html and "Coastguard confirmed four." in html
    event = Event.objects.get(discrepancy=d)
    assert (event.user, event.action, event.changes["status"]) == (
        editor,
        "resolve",
        ["open", "resolved"],
    )


def test_writing_a_value_of_ones_own(client_editor, desk, demo_texts):
    story, d = _killed(desk, demo_texts)
    _resolve(client_editor, story, d, 0, choice="__custom__", custom_value="3", verdict="disputed")
    d.refresh_from_db()
    assert (d.resolved_value, d.verdict) == ("3", "disputed")


def test_bad_evidence_link_is_refused_and_nothing_changes(client_editor, desk, demo_texts):
    story, d = _killed(desk, demo_texts)
    response = _resolve(client_editor, story, d, 0, evidence="javascript:alert(1)")
    assert "is not a web link" in response.content.decode()
    d.refresh_from_db()
    assert d.status == "open" and not d.events.exists()


def test_resolving_twice_keeps_history(client_editor, desk, demo_texts):
    story, d = _killed(desk, demo_texts)
    _resolve(client_editor, story, d, 0, note="first")
    _resolve(client_editor, story, d, 1, choice="5", verdict="false", note="second")
    d.refresh_from_db()
    assert (d.resolved_value, d.note, d.revision) == ("5", "second", 2)
    notes = [e.changes.get("note") for e in d.events.order_by("id")]
    assert notes == [["", "first"], ["first", "second"]]


def test_two_editors_at_once_lose_no_update(client_editor, desk, demo_texts):
    story, d = _killed(desk, demo_texts)
    second = Client()
    second.force_login(make_user("rival", desk))
    # Both opened the panel at revision 0; the rival saves first.
    _resolve(second, story, d, 0, choice="5", verdict="false", note="rival's finding")
    response = _resolve(client_editor, story, d, 0, note="my finding")
    html = response.content.decode()
    assert "Someone else changed this conflict" in html
    assert "rival" in html and "rival&#x27;s finding" in html
    d.refresh_from_db()
    assert (d.resolved_value, d.note) == ("5", "rival's finding"), "the rival's save stands"
    # Confirming (the form now carries the current revision) applies the editor's change.
    assert 'name="revision" value="1"' in html
    _resolve(client_editor, story, d, 1, note="my finding")
    d.refresh_from_db()
    assert (d.resolved_value, d.note) == ("4", "my finding")
    assert d.events.count() == 2


def test_status_and_assignment_show_in_my_queue(client_editor, editor, desk, demo_texts):
    story, d = _killed(desk, demo_texts)
    url = reverse("discrepancy-workflow", args=[story.pk, d.pk])
    response = client_editor.post(
        url, {"status": "in_progress", "assignee": editor.pk, "revision": 0}, HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 200
    d.refresh_from_db()
    assert (d.status, d.assignee) == ("in_progress", editor)
    assert d.events.get().changes == {
        "status": ["open", "in_progress"],
        "assignee_id": [None, editor.pk],
    }
    queue = client_editor.get(reverse("my-queue")).content.decode()
    assert d.summary in queue and f"?d={d.pk}" in queue


def test_viewer_cannot_resolve(client, desk, demo_texts):
    story, d = _killed(desk, demo_texts)
    client.force_login(make_user("reader", desk, role=Membership.Role.VIEWER))
    assert _resolve(client, story, d, 0).status_code == 403
    d.refresh_from_db()
    assert d.status == "open"


def test_another_desk_cannot_resolve(client, other_desk_user, desk, demo_texts):
    story, d = _killed(desk, demo_texts)
    client.force_login(other_desk_user)
    assert _resolve(client, story, d, 0).status_code == 404


def test_claims_are_marked_one_by_one(client_editor, editor, desk, demo_texts):
    story, d = _killed(desk, demo_texts)
    claim = d.versions.first().claim
    url = reverse("claim-mark", args=[story.pk, claim.pk])
    response = client_editor.post(url, {"verdict": "verified", "d": d.pk}, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    claim = Claim.objects.get(pk=claim.pk)
    assert (claim.verdict, claim.verified_by) == ("verified", editor)


def test_conflict_list_filters_and_counts(client_editor, desk, demo_texts):
    story, d = _killed(desk, demo_texts)
    _resolve(client_editor, story, d, 0)
    page = client_editor.get(reverse("story-detail", args=[story.pk]), {"status": "resolved"})
    html = page.content.decode()
    total = Discrepancy.objects.filter(story=story).count()
    assert f"{total - 1} open, 0 in progress, 1 resolved" in html
    assert f"Showing 1 of {total}." in html


def test_claims_are_marked_from_the_article_column(client_editor, editor, desk, demo_texts):
    story, _ = _killed(desk, demo_texts)
    page = client_editor.get(reverse("story-detail", args=[story.pk])).content.decode()
    claim = Claim.objects.filter(article__story=story).first()
    assert f'id="claim-{claim.pk}"' in page and "Claims in this article" in page
    response = client_editor.post(
        reverse("claim-mark", args=[story.pk, claim.pk]), {"verdict": "false"}
    )
    assert response.status_code == 302
    claim.refresh_from_db()
    assert (claim.verdict, claim.verified_by) == ("false", editor)
    page = client_editor.get(reverse("story-detail", args=[story.pk])).content.decode()
    assert 'class="badge verdict-false"' in page
