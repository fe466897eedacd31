"""The broker can be down; uploads must never be lost or answered with a 500."""

import subprocess
import sys

import kombu.pools
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from articles.models import Story
from newsroom.celery import app
from reconcile.services import DELAYED

DEAD_BROKER = "redis://127.0.0.1:1/0"  # nothing listens on port 1: a real refused connection


def _use_broker(url: str) -> None:
    app.conf.broker_url = url
    app.pool.force_close_all()
    app._pool = None
    app.amqp._producer_pool = None
    kombu.pools.reset()  # or later publishes find the closed pool


@pytest.fixture
def broker_down():
    working = app.conf.broker_url
    _use_broker(DEAD_BROKER)
    yield working
    _use_broker(working)


def test_upload_with_the_broker_down_is_kept_and_sent_when_it_is_back(
    client_editor, desk, broker_down, django_capture_on_commit_callbacks
):
    story = Story.objects.create(desk=desk, title="Ferry fire")
    upload = SimpleUploadedFile("a.txt", b"Four people were killed on Tuesday, police said.")
    with django_capture_on_commit_callbacks(execute=True):
        response = client_editor.post(
            reverse("article-upload", args=[story.pk]), {"files": [upload]}
        )
    assert response.status_code == 302
    article = story.articles.get()
    assert (article.status, article.notice) == ("queued", DELAYED)
    page = client_editor.get(reverse("story-detail", args=[story.pk])).content.decode()
    assert "Processing delayed" in page

    # Polling while the broker is still down keeps the article waiting.
    client_editor.get(reverse("story-status", args=[story.pk]), HTTP_HX_REQUEST="true")
    article.refresh_from_db()
    assert (article.status, article.notice) == ("queued", DELAYED)

    _use_broker(broker_down)  # the broker is back
    with django_capture_on_commit_callbacks(execute=True):
        status = client_editor.get(reverse("story-status", args=[story.pk]), HTTP_HX_REQUEST="true")
    assert status.status_code == 200
    article.refresh_from_db()
    assert (article.status, article.notice) == ("queued", "")
    assert "Processing delayed" not in status.content.decode()


def test_healthz_reports_database_and_broker_without_login(client, db):
    response = client.get(reverse("healthz"))
    assert response.status_code == 200
    body = response.json()
    assert body["database"] == "ok" and body["broker"] == "ok"


def test_healthz_says_when_the_broker_is_down(client, db, broker_down):
    response = client.get(reverse("healthz"))
    assert response.status_code == 503
    assert response.json()["broker"].startswith("error")


def test_production_settings_pass_the_deploy_check(tmp_path):
    env = {
        "DEBUG": "0",
        "SECRET_KEY": "x" * 64 + "production-secret-for-the-check-only",
        "ALLOWED_HOSTS": "reconcile.example.org",
        "RECONCILE_DATA_DIR": str(tmp_path),
        "PATH": "/usr/bin:/bin",
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        env=env, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr


def test_production_refuses_to_start_without_a_secret_key(tmp_path):
    env = {"DEBUG": "0", "RECONCILE_DATA_DIR": str(tmp_path), "PATH": "/usr/bin:/bin"}
    result = subprocess.run(
        [sys.executable, "manage.py", "check"], env=env, capture_output=True, text=True, timeout=120
    )
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr
