import re

import pytest
from django.core.management import CommandError, call_command

from tests.conftest import SHARED


def test_bench_prints_its_figures_and_ends_with_the_ratio(db, capsys):
    call_command(
        "bench",
        "--corpus",
        str(SHARED / "corpus" / "ecbplus"),
        "--limit",
        "12",
        "--no-workers",
        "--repeat",
        "1",
    )
    lines = capsys.readouterr().out.strip().splitlines()
    assert lines[0].startswith("corpus: 12 articles")
    assert any(re.match(r"\(a\) bare spaCy nlp\.pipe: .* words/s", line) for line in lines)
    assert "story through Celery workers: skipped (--no-workers)" in lines
    assert re.fullmatch(r"pipeline/spacy ratio \d+\.\d\d", lines[-1])


def test_bench_refuses_the_worker_run_inside_a_transaction(db):
    # The workers are other processes: they would wait for rows they can never see.
    with pytest.raises(CommandError, match="--no-workers"):
        call_command("bench", "--limit", "1")


def test_bench_on_a_database_without_tables_says_to_migrate(db, monkeypatch):
    # A fresh checkout's SQLite file has no tables until `migrate` (or `make run`).
    from django.db import connection

    monkeypatch.setattr(connection.introspection, "table_names", lambda *a, **k: [])
    with pytest.raises(CommandError, match="manage.py migrate"):
        call_command("bench", "--limit", "1", "--no-workers")
