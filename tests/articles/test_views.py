from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from articles.models import Article, Story
from articles.services import article_add


def _story(desk, title="Ferry fire"):
    return Story.objects.create(desk=desk, title=title)


def test_pages_need_a_login(client, db):
    response = client.get(reverse("story-list"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_login_page_is_served(client, db):
    response = client.get(reverse("login"))
    assert response.status_code == 200
    assert b"Log in to Reconcile" in response.content


def test_editor_creates_a_story(client_editor, desk):
    response = client_editor.post(reverse("story-list"), {"title": "Izhevsk factory strike"})
    story = Story.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("story-detail", args=[story.pk])
    assert (story.title, story.desk) == ("Izhevsk factory strike", desk)


def test_uploading_several_files_queues_each(
    client_editor, desk, demo_texts, django_capture_on_commit_callbacks
):
    story = _story(desk)
    files = [SimpleUploadedFile(name, text.encode()) for name, text in demo_texts.items()]
    with django_capture_on_commit_callbacks() as callbacks:
        response = client_editor.post(reverse("article-upload", args=[story.pk]), {"files": files})
    assert response.status_code == 302
    articles = list(story.articles.all())
    assert sorted(a.filename for a in articles) == sorted(demo_texts)
    assert all(a.status == Article.Status.QUEUED for a in articles)
    assert len(callbacks) == len(demo_texts)
    assert articles[0].body == demo_texts[articles[0].filename].strip("\n")


def test_a_bad_file_is_named_and_the_good_ones_still_added(client_editor, desk):
    story = _story(desk)
    files = [
        SimpleUploadedFile("good.txt", b"Four people were killed on Tuesday, police said."),
        SimpleUploadedFile("empty.txt", b""),
        SimpleUploadedFile("photo.png", b"\x89PNG\r\n"),
    ]
    response = client_editor.post(
        reverse("article-upload", args=[story.pk]), {"files": files}, follow=True
    )
    assert response.status_code == 200
    assert [a.filename for a in story.articles.all()] == ["good.txt"]
    html = response.content.decode()
    assert "empty.txt was not added: the file is empty" in html
    assert "photo.png was not added: .png files are not supported" in html


def test_the_same_article_twice_is_refused_and_the_first_kept(client_editor, desk):
    story = _story(desk)
    url = reverse("article-upload", args=[story.pk])
    client_editor.post(url, {"files": [SimpleUploadedFile("a.txt", b"Four people died.")]})
    first = story.articles.get()
    response = client_editor.post(
        url, {"files": [SimpleUploadedFile("b.txt", b"Four  people died.\n")]}, follow=True
    )
    assert "b.txt was not added: this article is already in the story" in response.content.decode()
    assert list(story.articles.all()) == [first]


def test_pasted_article_keeps_headline_and_outlet(client_editor, desk):
    story = _story(desk)
    response = client_editor.post(
        reverse("article-paste", args=[story.pk]),
        {"title": "Ferry fire", "outlet": "Harbour Herald", "body": "Five people died.\r\nMore."},
    )
    assert response.status_code == 302
    article = story.articles.get()
    assert (article.title, article.outlet, article.filename) == (
        "Ferry fire",
        "Harbour Herald",
        None,
    )
    assert article.body == "Five people died.\nMore."


def test_another_desks_story_is_not_found(client, other_desk_user, desk):
    story = _story(desk)
    client.force_login(other_desk_user)
    assert client.get(reverse("story-detail", args=[story.pk])).status_code == 404
    assert client.get(reverse("story-report", args=[story.pk, "json"])).status_code == 404
    response = client.post(
        reverse("article-upload", args=[story.pk]),
        {"files": [SimpleUploadedFile("a.txt", b"Four people died.")]},
    )
    assert response.status_code == 404
    assert not story.articles.exists()


def test_text_that_is_not_english_is_stored_with_a_notice(client_editor, desk):
    story = _story(desk)
    body = (
        "Четыре человека погибли и двадцать три получили ранения при пожаре на пароме "
        "у порта во вторник вечером, сообщила береговая охрана. Капитан приказал спустить "
        "шлюпки через несколько минут после начала пожара в машинном отделении судна."
    )
    response = client_editor.post(
        reverse("article-paste", args=[story.pk]), {"title": "Пожар", "body": body}, follow=True
    )
    article = story.articles.get()
    assert article.body == body
    assert "only English text is analysed" in response.content.decode()


def test_a_story_with_one_article_says_there_is_nothing_to_compare(client_editor, desk):
    story = _story(desk)
    client_editor.post(
        reverse("article-paste", args=[story.pk]),
        {"title": "Fire", "body": "Four people died on Tuesday, police said."},
    )
    html = client_editor.get(reverse("story-detail", args=[story.pk])).content.decode()
    assert "add another version to compare against" in html


def test_editor_sets_outlet_and_publication_date_of_an_uploaded_article(client_editor, desk):
    story = _story(desk)
    client_editor.post(
        reverse("article-upload", args=[story.pk]),
        {"files": [SimpleUploadedFile("wire.txt", b"Four people died on Tuesday, police said.")]},
    )
    article = story.articles.get()
    body = article.body
    response = client_editor.post(
        reverse("article-edit", args=[story.pk, article.pk]),
        {"title": "Four die", "outlet": "Coastline Wire", "published": "2026-07-01"},
        follow=True,
    )
    article.refresh_from_db()
    assert (article.title, article.outlet, str(article.published)) == (
        "Four die",
        "Coastline Wire",
        "2026-07-01",
    )
    assert article.body == body, "the text itself never changes"
    assert "1 Jul 2026" in response.content.decode()


def test_an_articles_own_publication_line_sets_its_date(client_editor, desk):
    story = _story(desk)
    text = b"Ferry capsizes off Holm\nPublished 10 March 2026\n\nTwelve people died yesterday."
    client_editor.post(
        reverse("article-upload", args=[story.pk]),
        {"files": [SimpleUploadedFile("daily.txt", text)]},
    )
    article = story.articles.get()
    assert str(article.published) == "2026-03-10"
    page = client_editor.get(reverse("story-detail", args=[story.pk])).content.decode()
    assert "10 Mar 2026" in page and 'value="2026-03-10"' in page  # shown, and in the form


def test_a_bad_date_is_refused_and_nothing_changes(client_editor, desk):
    story = _story(desk)
    article = article_add(story=story, body="Four people died.", title="Fire", enqueue=False)
    response = client_editor.post(
        reverse("article-edit", args=[story.pk, article.pk]),
        {"title": "Changed", "outlet": "", "published": "last Tuesday"},
        follow=True,
    )
    assert "Enter a valid date." in response.content.decode()
    article.refresh_from_db()
    assert article.title == "Fire"


def test_a_new_publication_date_aligns_the_story_again(
    client_editor, desk, monkeypatch, django_capture_on_commit_callbacks
):
    from reconcile import tasks

    sent = []
    monkeypatch.setattr(tasks.story_align_task, "delay", sent.append)
    story = _story(desk)
    article = article_add(story=story, body="Four people died on Tuesday.", enqueue=False)
    Article.objects.filter(pk=article.pk).update(status=Article.Status.DONE)
    edit = reverse("article-edit", args=[story.pk, article.pk])
    data = {"title": "Fire", "outlet": "", "published": "2026-07-01"}
    with django_capture_on_commit_callbacks(execute=True):
        client_editor.post(edit, data)
    assert sent == [story.pk], "weekdays are read against the new date"
    with django_capture_on_commit_callbacks(execute=True):
        client_editor.post(edit, {**data, "title": "Fire at the port"})
    assert sent == [story.pk], "a new headline alone changes no finding"
