"""Coverage: what most articles report and one leaves out, shown apart from conflicts."""

from django.urls import reverse

from articles.models import Story
from articles.services import article_add
from reconcile.engine.compare import coverage
from reconcile.engine.pipeline import extract_articles
from reconcile.engine.types import ArticleText
from reconcile.models import Discrepancy
from reconcile.services import story_reconcile

TEXTS = {
    "wire": "Four people were killed when fire swept the ferry Aurora, harbour master "
    "Ilse Korhonen said on Tuesday.",
    "gazette": "The ferry fire killed four people on Tuesday, according to harbour master "
    "Ilse Korhonen.",
    "radio": "Four people died in the fire aboard the ferry, said Ilse Korhonen, the harbour "
    "master.",
    "blog": "A fire broke out aboard the ferry Aurora on Tuesday, the port authority said.",
}


def test_a_toll_and_a_person_most_articles_give_are_missing_from_one():
    extractions = extract_articles([ArticleText(i, t) for i, t in enumerate(TEXTS.values())])
    rows = {row.fact if row.fact != "Named" else row.value: row for row in coverage(extractions)}
    assert set(rows) == {"People killed", "Ilse Korhonen"}
    assert rows["People killed"].value == "4"
    assert rows["People killed"].missing == (3,)
    assert sorted(v.article_id for v in rows["Ilse Korhonen"].reported) == [0, 1, 2]


def test_two_articles_are_too_few_to_speak_of_coverage():
    pair = [ArticleText(i, t) for i, t in enumerate(list(TEXTS.values())[2:])]
    assert coverage(extract_articles(pair)) == []


def test_the_story_page_offers_coverage_and_keeps_it_out_of_the_conflicts(client_editor, desk):
    story = Story.objects.create(desk=desk, title="Ferry fire")
    for outlet, text in TEXTS.items():
        article_add(story=story, body=text, outlet=outlet, enqueue=False)
    story_reconcile(story=story)
    page = client_editor.get(reverse("story-detail", args=[story.pk])).content.decode()
    url = reverse("story-coverage", args=[story.pk])
    assert f'hx-get="{url}"' in page
    assert not Discrepancy.objects.filter(story=story, kind="omission").exists()

    fragment = client_editor.get(url, HTTP_HX_REQUEST="true").content.decode()
    assert "<html" not in fragment
    assert "<strong>People killed</strong>: 4, in 3 of 4 articles; not in blog" in fragment
    assert "<strong>Named</strong>: Ilse Korhonen, in 3 of 4 articles" in fragment
    assert "<html" in client_editor.get(url).content.decode()  # without JavaScript, a page


def test_another_desks_story_has_no_coverage_to_show(client, other_desk_user, desk):
    story = Story.objects.create(desk=desk, title="Ferry fire")
    client.force_login(other_desk_user)
    assert client.get(reverse("story-coverage", args=[story.pk])).status_code == 404


def test_the_json_report_lists_coverage_apart_from_discrepancies(client_editor, desk):
    story = Story.objects.create(desk=desk, title="Ferry fire")
    ids = {
        outlet: article_add(story=story, body=text, outlet=outlet, enqueue=False).pk
        for outlet, text in TEXTS.items()
    }
    story_reconcile(story=story)
    report = client_editor.get(reverse("story-report", args=[story.pk, "json"])).json()
    killed = next(row for row in report["coverage"] if row["fact"] == "People killed")
    assert killed["value"] == "4" and killed["missing"] == [ids["blog"]]
    bodies = {a["id"]: a["body"] for a in report["articles"]}
    for version in killed["reported"]:
        assert "our" in bodies[version["article"]][version["start"] : version["end"]].lower()
    assert all(d["kind"] != "omission" for d in report["discrepancies"])


def test_a_person_named_with_a_slip_is_not_counted_as_left_out():
    texts = list(TEXTS.values())
    texts[3] = "A fire broke out aboard the ferry Aurora, harbour master Ilse Korhonnen said."
    extractions = extract_articles([ArticleText(i, t) for i, t in enumerate(texts)])
    named = [row for row in coverage(extractions) if row.fact == "Named"]
    assert named == [], "the spelling is a name conflict, not an omission"
