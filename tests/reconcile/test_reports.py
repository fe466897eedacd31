import csv
import io
import json
import re

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse
from pypdf import PdfReader

from articles.models import Desk, Story
from articles.services import article_add
from reconcile import tasks
from reconcile.models import Discrepancy, Event, Export
from reconcile.reports import FORMATS
from reconcile.services import story_reconcile

KILLED = "People killed: 4 in 3 articles, 5 in 1 article"
EVIDENCE = "https://police.example.org/briefings/ferry-fire"


def _reconciled(desk, texts, title="Ferry fire"):
    story = Story.objects.create(desk=desk, title=title)
    for name, text in texts.items():
        article_add(story=story, body=text, filename=name, outlet=name.split(".")[0], enqueue=False)
    story_reconcile(story=story)
    return story


def _resolve_killed(story, editor, evidence=(EVIDENCE,)):
    killed = Discrepancy.objects.get(story=story, key="number:killed")
    killed.resolve(
        by=editor,
        value="4",
        verdict=Discrepancy.Verdict.VERIFIED,
        note="Police confirmed four deaths.",
        evidence=list(evidence),
    )
    killed.save()
    Event.objects.create(
        discrepancy=killed, user=editor, action="resolved", changes={"status": ["open", "resolved"]}
    )
    return killed


def _get(client, story, fmt):
    response = client.get(reverse("story-report", args=[story.pk, fmt]))
    assert response.status_code == 200, fmt
    return response


def test_story_page_links_every_format(client_editor, desk, demo_texts):
    story = _reconciled(desk, demo_texts)
    html = client_editor.get(reverse("story-detail", args=[story.pk])).content.decode()
    for fmt in FORMATS:
        assert f'href="{reverse("story-report", args=[story.pk, fmt])}"' in html


def test_csv_has_one_row_per_version_with_its_value_and_sentence(
    client_editor, editor, desk, demo_texts
):
    story = _reconciled(desk, demo_texts)
    killed = _resolve_killed(story, editor)
    response = _get(client_editor, story, "csv")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == f'attachment; filename="story-{story.pk}-report.csv"'
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    versions = sum(d.versions.count() for d in Discrepancy.objects.filter(story=story))
    assert len(rows) == versions
    killed_rows = [r for r in rows if r["discrepancy_id"] == str(killed.pk)]
    by_outlet = {r["outlet"]: r for r in killed_rows}
    assert set(by_outlet) == {"coastline-wire", "elinor-radio", "harbour-herald", "northern-post"}
    herald = by_outlet["harbour-herald"]
    assert herald["value"] == "5"
    version = killed.versions.get(value="5")
    assert herald["article_id"] == str(version.article_id)
    assert herald["sentence"] == version.article.body[version.start : version.end].strip()
    assert "five" in herald["sentence"].lower()
    assert (herald["kind"], herald["severity"], herald["status"]) == ("number", "high", "resolved")
    assert herald["summary"] == KILLED
    assert {r["value"] for r in killed_rows} == {"4", "5"}
    assert {(r["resolution_value"], r["verdict"]) for r in killed_rows} == {("4", "verified")}
    open_rows = [r for r in rows if r["status"] == "open"]
    assert open_rows and all(r["resolution_value"] == r["verdict"] == "" for r in open_rows)


def test_csv_neutralises_spreadsheet_formulas(client_editor, desk):
    story = Story.objects.create(desk=desk, title="Formulas")
    article_add(story=story, body="=HYPERLINK(1) Four people died on Tuesday.", enqueue=False)
    article_add(story=story, body="=HYPERLINK(1) Five people died on Tuesday.", enqueue=False)
    story_reconcile(story=story)
    rows = list(csv.reader(io.StringIO(_get(client_editor, story, "csv").content.decode())))
    assert len(rows) > 1
    assert not any(cell.startswith("=") for row in rows for cell in row)


def test_markdown_marks_unresolved_items_then_shows_the_resolution(
    client_editor, editor, desk, demo_texts
):
    story = _reconciled(desk, demo_texts)
    markdown = _get(client_editor, story, "md")
    assert markdown["Content-Type"] == "text/markdown; charset=utf-8"
    text = markdown.content.decode()
    assert text.startswith("# Fact-check report: Ferry fire")
    total = Discrepancy.objects.filter(story=story).count()
    assert text.count("UNRESOLVED:") == total
    assert "| Number | High |" in text
    killed_section = text.split(KILLED, 1)[1].split("\n### ", 1)[0]
    assert "Majority: **4** (3 of 4 articles). Outliers: harbour-herald gives **5**." in (
        killed_section
    )
    # The body's sentence, which says whose figure it is, not the headline repeating it.
    assert "- **harbour-herald** gives **5**:\n  > **Five** people died" in killed_section
    assert "**UNRESOLVED**" in killed_section

    _resolve_killed(story, editor)
    text = _get(client_editor, story, "md").content.decode()
    assert text.count("UNRESOLVED:") == total - 1
    killed_section = text.split(f"Resolved: {KILLED}", 1)[1].split("\n### ", 1)[0]
    assert "**Resolution:** 4. Verdict: Verified. Resolved by editor," in killed_section
    assert "Note: Police confirmed four deaths." in killed_section
    assert f"- [{EVIDENCE}]({EVIDENCE})" in killed_section
    assert "UNRESOLVED" not in killed_section


def test_claimreview_reviews_only_resolved_facts(client_editor, editor, desk, demo_texts, settings):
    settings.RECONCILE_PUBLISHER = "Port Elinor Gazette"
    story = _reconciled(desk, demo_texts)
    assert json.loads(_get(client_editor, story, "claimreview").content) == []

    killed = _resolve_killed(story, editor)
    response = _get(client_editor, story, "claimreview")
    assert response["Content-Type"] == "application/ld+json; charset=utf-8"
    assert response["Content-Disposition"].endswith(f'filename="story-{story.pk}-report.jsonld"')
    [review] = json.loads(response.content)
    assert review["@context"] == "https://schema.org"
    assert review["@type"] == "ClaimReview"
    assert review["claimReviewed"] == "People killed: 4"
    assert len(review["claimReviewed"]) <= 75
    assert review["reviewRating"] == {
        "@type": "Rating",
        "alternateName": "Verified",
        "ratingValue": 5,
        "bestRating": 5,
        "worstRating": 1,
    }
    assert review["author"] == {"@type": "Organization", "name": "Port Elinor Gazette"}
    assert review["datePublished"] == killed.resolved_at.date().isoformat()
    assert review["url"] == (
        f"http://testserver{reverse('story-detail', args=[story.pk])}?d={killed.pk}"
    )
    claim = review["itemReviewed"]
    assert claim["@type"] == "Claim"
    outlets = {work["author"]["name"] for work in claim["appearance"]}
    assert outlets == {"coastline-wire", "elinor-radio", "harbour-herald", "northern-post"}
    for work in claim["appearance"]:
        assert work["@type"] == "CreativeWork"
        assert work["headline"] and work["name"] == work["headline"]
        assert work["author"]["@type"] == "Organization"
    assert review["reviewBody"] == "Police confirmed four deaths."


def test_claimreview_shortens_a_long_claim(client_editor, editor, desk, demo_texts):
    story = _reconciled(desk, demo_texts)
    killed = _resolve_killed(story, editor)
    killed.resolved_value = "four people, according to the harbour police " * 4
    killed.save()
    [review] = json.loads(_get(client_editor, story, "claimreview").content)
    assert len(review["claimReviewed"]) <= 75
    assert review["claimReviewed"].startswith("People killed: four people")
    assert review["claimReviewed"].endswith("…")


def test_json_report_carries_each_discrepancy_history(client_editor, editor, desk, demo_texts):
    story = _reconciled(desk, demo_texts)
    killed = _resolve_killed(story, editor)
    report = json.loads(_get(client_editor, story, "json").content)
    item = next(d for d in report["discrepancies"] if d["id"] == killed.pk)
    assert item["resolution"]["value"] == "4"
    [event] = item["history"]
    assert (event["action"], event["user"]) == ("resolved", "editor")
    assert event["changes"] == {"status": ["open", "resolved"]}
    assert event["at"].startswith(str(killed.events.get().at.date()))
    others = [d for d in report["discrepancies"] if d["id"] != killed.pk]
    assert all(d["history"] == [] for d in others)


def test_pdf_report_renders_pages(client_editor, editor, desk, demo_texts):
    story = _reconciled(desk, demo_texts)
    _resolve_killed(story, editor)
    response = _get(client_editor, story, "pdf")
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == f'attachment; filename="story-{story.pk}-report.pdf"'
    assert response.content.startswith(b"%PDF")
    pdf = PdfReader(io.BytesIO(response.content))
    assert len(pdf.pages) >= 1
    text = "".join(page.extract_text() for page in pdf.pages)
    assert "Fact-check report: Ferry fire" in text
    assert "UNRESOLVED" in text


def _hostile_story(desk, editor):
    story = Story.objects.create(desk=desk, title="<script>alert('t')</script>")
    article_add(
        story=story,
        body="Four people died. <script>alert(1)</script><img src=x onerror=alert(2)>",
        outlet="<b onmouseover=alert(3)>Wire</b>",
        enqueue=False,
    )
    article_add(story=story, body="Five people died. <b>bold</b>", enqueue=False)
    story_reconcile(story=story)
    d = Discrepancy.objects.filter(story=story).first()
    assert d is not None
    d.resolve(
        by=editor,
        value="<img src=y onerror=alert(4)>",
        verdict="verified",
        note="<script>alert(5)</script>",
        evidence=["javascript:alert(6)", " JavaScript:alert(7)", EVIDENCE],
    )
    d.save()
    return story


def test_html_report_escapes_hostile_article_text(client_editor, editor, desk):
    story = _hostile_story(desk, editor)
    response = _get(client_editor, story, "html")
    assert response["Content-Type"] == "text/html; charset=utf-8"
    assert "default-src 'none'" in response["Content-Security-Policy"]
    html = response.content.decode()
    assert "<script>" not in html
    assert "<img" not in html and "<b>" not in html and "<b " not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "&lt;img src=x onerror=alert(2)&gt;" in html
    assert 'href="javascript:' not in html.lower()
    assert 'href=" javascript:' not in html.lower()
    assert "javascript:alert(6)" in html  # shown as text, not as a link
    assert f'<a href="{EVIDENCE}">' in html


def test_markdown_report_escapes_hostile_article_text(client_editor, editor, desk):
    story = _hostile_story(desk, editor)
    text = _get(client_editor, story, "md").content.decode()
    assert not re.search(r"(?<!\\)<", text)  # every < is escaped: no raw HTML
    assert r"\<script\>alert(1)\</script\>" in text
    assert "](javascript:" not in text.lower()
    assert f"[{EVIDENCE}]({EVIDENCE})" in text


def test_another_desk_gets_404_for_every_format_and_export(
    client, editor, other_desk_user, desk, demo_texts
):
    story = _reconciled(desk, demo_texts)
    export = Export.objects.create(
        story=story, requested_by=editor, format="csv", status=Export.Status.DONE, content=b"x"
    )
    client.force_login(other_desk_user)
    for fmt in FORMATS:
        assert client.get(reverse("story-report", args=[story.pk, fmt])).status_code == 404, fmt
    assert (
        client.post(reverse("story-export", args=[story.pk]), {"format": "pdf"}).status_code == 404
    )
    assert client.get(reverse("export-status", args=[story.pk, export.pk])).status_code == 404
    assert client.get(reverse("export-download", args=[story.pk, export.pk])).status_code == 404
    assert Export.objects.count() == 1


def test_export_is_fetched_only_through_its_own_story(client_editor, editor, desk, demo_texts):
    story = _reconciled(desk, demo_texts)
    other_desk_story = Story.objects.create(
        desk=Desk.objects.create(name="Foreign desk"),
        title="Not yours",
    )
    theirs = Export.objects.create(
        story=other_desk_story, format="csv", status=Export.Status.DONE, content=b"secret"
    )
    # The user's own story in the URL does not unlock another desk's export.
    url = reverse("export-download", args=[story.pk, theirs.pk])
    assert client_editor.get(url).status_code == 404


def test_unknown_format_is_404(client_editor, desk, demo_texts):
    story = _reconciled(desk, demo_texts)
    assert client_editor.get(reverse("story-report", args=[story.pk, "docx"])).status_code == 404


@pytest.fixture
def run_tasks_inline(monkeypatch):
    """The worker's task, run in-process with .apply() when the view enqueues it."""
    monkeypatch.setattr(
        tasks.export_build_task, "delay", lambda *a: tasks.export_build_task.apply(args=a)
    )


def test_large_pdf_is_rendered_by_the_worker_and_downloaded(
    client_editor, editor, desk, demo_texts, settings, django_capture_on_commit_callbacks,
    run_tasks_inline,
):  # fmt: skip
    settings.RECONCILE_SYNC_EXPORT_LIMIT = 1
    story = _reconciled(desk, demo_texts)
    assert Discrepancy.objects.filter(story=story).count() > 1

    page = client_editor.get(reverse("story-report", args=[story.pk, "pdf"]))
    assert page.status_code == 200
    assert "Content-Disposition" not in page
    assert f'action="{reverse("story-export", args=[story.pk])}"' in page.content.decode()

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = client_editor.post(
            reverse("story-export", args=[story.pk]), {"format": "pdf"}, HTTP_HX_REQUEST="true"
        )
    assert response.status_code == 200
    assert len(callbacks) == 1
    export = Export.objects.get()
    assert (export.story, export.requested_by, export.format) == (story, editor, "pdf")
    assert export.status == Export.Status.DONE
    assert bytes(export.content).startswith(b"%PDF")

    status_url = reverse("export-status", args=[story.pk, export.pk])
    fragment = client_editor.get(status_url, HTTP_HX_REQUEST="true").content.decode()
    assert "<html" not in fragment and "every 2s" not in fragment
    download_url = reverse("export-download", args=[story.pk, export.pk])
    assert f'href="{download_url}"' in fragment
    download = client_editor.get(download_url)
    assert download.status_code == 200
    assert download["Content-Type"] == "application/pdf"
    assert download["Content-Disposition"] == f'attachment; filename="story-{story.pk}-report.pdf"'
    assert download.content == bytes(export.content)


def test_small_pdf_streams_directly(client_editor, desk, demo_texts, settings):
    settings.RECONCILE_SYNC_EXPORT_LIMIT = 200
    story = _reconciled(desk, demo_texts)
    assert _get(client_editor, story, "pdf").content.startswith(b"%PDF")
    assert not Export.objects.exists()


def test_export_status_polls_until_the_worker_is_done(client_editor, editor, desk, demo_texts):
    story = _reconciled(desk, demo_texts)
    response = client_editor.post(reverse("story-export", args=[story.pk]), {"format": "md"})
    export = Export.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("export-status", args=[story.pk, export.pk])
    status_url = reverse("export-status", args=[story.pk, export.pk])
    html = client_editor.get(status_url, HTTP_HX_REQUEST="true").content.decode()
    assert 'hx-trigger="every 2s"' in html and "Queued" in html
    download_url = reverse("export-download", args=[story.pk, export.pk])
    assert client_editor.get(download_url).status_code == 404  # not ready yet

    tasks.export_build_task.apply(args=[export.pk])
    export.refresh_from_db()
    assert export.status == Export.Status.DONE
    html = client_editor.get(status_url).content.decode()
    assert "<html" in html and 'hx-trigger="every 2s"' not in html
    download = client_editor.get(download_url)
    assert download["Content-Type"] == "text/markdown; charset=utf-8"
    assert download.content.decode().startswith("# Fact-check report: Ferry fire")


def test_failed_export_is_recorded_for_the_editor(
    client_editor, editor, desk, demo_texts, monkeypatch
):
    story = _reconciled(desk, demo_texts)
    export = Export.objects.create(story=story, requested_by=editor, format="pdf")

    def broken(*args, **kwargs):
        raise RuntimeError("no fonts")

    monkeypatch.setattr("reconcile.reports.render_report", broken)
    tasks.export_build_task.apply(args=[export.pk])
    export.refresh_from_db()
    assert export.status == Export.Status.FAILED
    assert "no fonts" in export.error
    html = client_editor.get(
        reverse("export-status", args=[story.pk, export.pk]), HTTP_HX_REQUEST="true"
    ).content.decode()
    assert "could not be made" in html and "Try again" in html
    assert "every 2s" not in html


def test_export_command_writes_each_format(capsys, editor, desk, demo_texts, tmp_path):
    story = _reconciled(desk, demo_texts)
    _resolve_killed(story, editor)
    call_command("export", str(story.pk), "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert {r["value"] for r in rows if r["summary"] == KILLED} == {"4", "5"}

    call_command(
        "export", str(story.pk), "--format", "claimreview", "--base-url", "https://r.example/"
    )
    [review] = json.loads(capsys.readouterr().out)
    assert review["url"].startswith(f"https://r.example/stories/{story.pk}/?d=")

    out = tmp_path / "report.pdf"
    call_command("export", str(story.pk), "--format", "pdf", "-o", str(out))
    assert out.read_bytes().startswith(b"%PDF")


def test_export_command_writes_a_pdf_to_stdout(capsysbinary, desk, demo_texts):
    story = _reconciled(desk, demo_texts)
    call_command("export", str(story.pk), "--format", "pdf")
    assert capsysbinary.readouterr().out.startswith(b"%PDF")


def test_export_command_rejects_unknown_story_and_format(db):
    with pytest.raises(CommandError, match="no story with id 999"):
        call_command("export", "999")
    with pytest.raises(CommandError, match="invalid choice: 'docx'"):
        call_command("export", "999", "--format", "docx")
