"""`manage.py bench` times a story through real worker processes, then cleans up."""

import re

import pytest
from django.core.management import call_command

from articles.models import Desk, Story
from tests.conftest import SHARED

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_bench_times_a_story_through_one_and_two_worker_processes(capsys):
    call_command(
        "bench",
        *("--corpus", str(SHARED / "corpus" / "ecbplus"), "--limit", "2"),
        *("--worker-articles", "4", "--worker-runs", "1"),
    )
    out = capsys.readouterr().out
    assert re.search(r"run 1, 1 worker process: +\d+\.\d\d s .*1 alignment", out), out
    assert re.search(r"run 1, 2 worker processes: +\d+\.\d\d s .*alignments? queued", out), out
    assert re.search(r"speed-up from 1 to 2 worker processes: \d+\.\d\dx", out), out
    assert "worker log" not in out, "no retries or errors in the workers"
    assert not Story.objects.exists() and not Desk.objects.exists(), "throwaway story deleted"
