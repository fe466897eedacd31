import json

from django.urls import reverse

from articles.models import Story
from articles.services import article_add
from reconcile.engine.numbers import parse_number
from reconcile.models import Discrepancy
from reconcile.services import story_reconcile


def _reconciled(desk, texts):
    story = Story.objects.create(desk=desk, title="Ferry fire")
    for name, text in texts.items():
        article_add(story=story, body=text, filename=name, outlet=name.split(".")[0], enqueue=False)
    story_reconcile(story=story)
    return story


def test_story_page_shows_articles_side_by_side_with_highlights(client_editor, desk, demo_texts):
    story = _reconciled(desk, demo_texts)
    response = client_editor.get(reverse("story-detail", args=[story.pk]))
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count('<article class="column"') == 4
    killed = Discrepancy.objects.get(story=story, key="number:killed")
    assert html.count(f'data-d="{killed.pk}"') >= 4  # one highlight per article, plus the list
    assert (
        'aria-label="Number conflict (high): People killed: 4 in 3 articles, 5 in 1 article"'
        in html
    )


def test_clicking_a_highlight_opens_every_version_in_the_panel(client_editor, desk, demo_texts):
    story = _reconciled(desk, demo_texts)
    killed = Discrepancy.objects.get(story=story, key="number:killed")
    url = reverse("discrepancy-panel", args=[story.pk, killed.pk])
    response = client_editor.get(url, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    html = response.content.decode()
    assert "<html" not in html
    assert "harbour-herald</strong> gives <strong>5</strong> (1 article)" in html
    assert html.count("gives <strong>4</strong> (3 articles)") == 3
    # Without htmx the same link works as a page.
    response = client_editor.get(url)
    assert response.status_code == 302
    assert response["Location"].endswith(f"?d={killed.pk}")


def test_status_fragment_polls_while_busy_and_refreshes_when_done(client_editor, desk):
    story = Story.objects.create(desk=desk, title="Ferry fire")
    article = article_add(story=story, body="Four people died on Tuesday.", enqueue=False)
    url = reverse("story-status", args=[story.pk]) + "?was_busy=1"
    response = client_editor.get(url, HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert response.status_code == 200
    assert 'hx-trigger="every 2s"' in html and "Queued" in html
    article.status = "done"
    article.save()
    response = client_editor.get(url, HTTP_HX_REQUEST="true")
    assert response.status_code == 204
    assert response["HX-Refresh"] == "true"


def test_report_json_follows_the_schema(client_editor, desk, demo_texts):
    story = _reconciled(desk, demo_texts)
    response = client_editor.get(reverse("story-report", args=[story.pk, "json"]))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    report = json.loads(response.content)
    assert report["schema"] == "reconcile-report/1"
    assert report["story"]["title"] == "Ferry fire"
    bodies = {a["id"]: a["body"] for a in report["articles"]}
    assert {a["filename"] for a in report["articles"]} == set(demo_texts)
    assert report["discrepancies"]
    for item in report["discrepancies"]:
        assert item["kind"] in {
            "number",
            "name",
            "title",
            "date",
            "quote",
            "attribution",
            "hedging",
            "claim",
            "omission",
        }
        assert item["severity"] in {"high", "medium", "low"}
        assert item["resolution"] is None and item["status"] == "open"
        for v in item["versions"]:
            shown = bodies[v["article"]][v["value_start"] : v["value_end"]]
            assert v["start"] <= v["value_start"] < v["value_end"] <= v["end"]
            if item["kind"] == "number":  # the value is normalised: "Four" is 4
                assert parse_number(shown) == float(v["value"])
            else:
                assert shown == v["value"]


def test_hostile_article_text_is_escaped(client_editor, desk):
    story = Story.objects.create(desk=desk, title="<script>alert('t')</script>")
    article_add(
        story=story,
        body="Four died. <script>alert(1)</script><img src=x onerror=alert(2)>",
        enqueue=False,
    )
    article_add(story=story, body="Five died. <b>bold</b>", enqueue=False)
    story_reconcile(story=story)
    html = client_editor.get(reverse("story-detail", args=[story.pk])).content.decode()
    assert "<script>alert(1)" not in html and "<img src=x" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<script>alert('t')" not in html


def test_keyboard_help_is_in_the_page_not_the_title(client_editor, desk, demo_texts):
    story = _reconciled(desk, demo_texts)
    html = client_editor.get(reverse("story-detail", args=[story.pk])).content.decode()
    title = html[html.index("<title>") : html.index("</title>")]
    assert "Keyboard" not in title
    assert html.count('id="help"') == 1
