"""The load test, in a tiny configuration, so that it keeps working.

It starts a real gunicorn against the test database (committed data, hence
transaction=True), so it runs on SQLite as on PostgreSQL; the figures are not
judged here, only that they are printed and that every request succeeded.
"""

import re

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from articles.models import Desk
from reconcile.management.commands import loadtest

TINY = ["--clients", "2", "--per-client", "3", "--workers", "2", "--page-gets", "2"]


@pytest.mark.django_db(transaction=True)
def test_loadtest_resolves_every_request_and_prints_its_figures(capsys):
    call_command("loadtest", *TINY, "--allow-sqlite")
    out = capsys.readouterr().out
    assert "2 client(s) x 3 requests, gunicorn 2 sync workers on 127.0.0.1:" in out
    assert "client: Python, one thread and one http.client connection per client" in out
    assert "requests 6, succeeded 6, failed 0" in out
    assert "resolved in the database: 6 of 6" in out
    number = r"\d+\.\d"
    assert re.search(
        rf"resolve latency ms: p50 {number} p95 {number} p99 {number} max {number}", out
    )
    assert re.search(rf"throughput {number} requests/s", out)
    assert re.search(rf"resolve time inside gunicorn ms: p50 {number} p95 {number}", out)
    assert re.search(
        rf"story page 10 articles/100 conflicts: median {number} ms over 2 GETs "
        rf"\({number} ms inside gunicorn\), \d+ SQL queries",
        out,
    )
    assert re.search(r"SQL queries: conflict panel \d+, resolve \d+", out)
    # SQLite has no server process to measure.
    backends = rf"PostgreSQL {number} ms, " if connection.vendor == "postgresql" else ""
    assert re.search(
        rf"CPU per resolve .*: gunicorn {number} ms, {backends}client {number} ms", out
    )
    # Everything it made is gone: desk, stories, editors and their sessions.
    assert not Desk.objects.exists()
    assert not get_user_model().objects.exists()


@pytest.mark.django_db(transaction=True)
def test_loadtest_fails_when_a_request_fails(monkeypatch, capsys):
    targets = loadtest.Command._targets

    def one_missing(self, *args):
        found = targets(self, *args)
        found[-1].discrepancy_id = 0  # no such conflict: a 404
        return found

    monkeypatch.setattr(loadtest.Command, "_targets", one_missing)
    with pytest.raises(CommandError, match="1 of 2 requests failed"):
        call_command(
            "loadtest", "--clients", "1", "--per-client", "2", "--workers", "1",
            "--page-gets", "1", "--allow-sqlite",
        )  # fmt: skip
    assert "requests 2, succeeded 1, failed 1" in capsys.readouterr().out
    assert not Desk.objects.exists()


def test_loadtest_refuses_sqlite_without_the_flag(monkeypatch):
    monkeypatch.setattr(connection, "vendor", "sqlite")
    with pytest.raises(CommandError, match="target is about PostgreSQL"):
        call_command("loadtest")
