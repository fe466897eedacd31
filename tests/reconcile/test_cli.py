import json
import re

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError


def _run(capsys, *args):
    call_command("reconcile", *map(str, args), "--format", "json")
    out = capsys.readouterr()
    return json.loads(out.out), out.err


def _sentence_has(report, discrepancy, anchors):
    """Each article's version points at the sentence holding its anchor."""
    bodies = {a["id"]: a["body"] for a in report["articles"]}
    names = {a["id"]: a["filename"] for a in report["articles"]}
    for version in discrepancy["versions"]:
        sentence = bodies[version["article"]][version["start"] : version["end"]]
        anchor = anchors[names[version["article"]]]
        assert anchor in sentence, (names[version["article"]], sentence)


def test_seed_story_reports_injured_and_governor_conflicts(capsys, db, seed_paths):
    report, _ = _run(capsys, *seed_paths)
    by_summary = {d["summary"]: d for d in report["discrepancies"]}
    injured = by_summary["People injured: 45 in 4 articles, 35 in 1 article"]
    governor = by_summary["Name spelled: Brechalov in 4 articles, Bechalov in 1 article"]
    assert injured["kind"] == "number" and injured["severity"] == "high"
    assert governor["kind"] == "name" and governor["severity"] == "high"
    _sentence_has(report, injured, {
        "000_0c9f5eb9608a1cf7.txt": "45 others injured",
        "001_dd52d21bacfa5c1e.txt": "35 others hospitalised",
        "002_8973c23da99949bd.txt": "45 injured",
        "003_47133e6c2e009e48.txt": "left 45 others injured",
        "004_fc7c6da55b8198e4.txt": "45 others were injured",
    })  # fmt: skip
    surname = re.compile(r"B?r?echalov")
    for version in governor["versions"]:
        assert surname.fullmatch(version["value"])


def test_unreadable_file_is_skipped_with_a_reason_and_exit_status(capsys, db, seed_paths, tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    with pytest.raises(SystemExit) as exit_info:
        call_command("reconcile", str(empty), *map(str, seed_paths[:2]), str(tmp_path / "gone.txt"))
    assert exit_info.value.code == 1
    out = capsys.readouterr()
    assert f"skipped {empty}: the file is empty" in out.err
    assert "gone.txt: no such file" in out.err
    report = json.loads(out.out)
    assert len(report["articles"]) == 2


def test_no_readable_file_is_an_error(db, tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    with pytest.raises(CommandError, match="no readable files"):
        call_command("reconcile", str(empty))


def test_reconcile_on_a_fresh_checkout_sets_up_its_database(tmp_path, seed_paths):
    """The first command a newcomer may type, before any `make run`."""
    import os
    import subprocess
    import sys

    from tests.conftest import ROOT

    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "PYTEST_VERSION"}}
    env["RECONCILE_DATA_DIR"] = str(tmp_path)
    result = subprocess.run(
        [sys.executable, "manage.py", "reconcile", *map(str, seed_paths), "--format", "json"],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "setting up the local database" in result.stderr
    summaries = {d["summary"] for d in json.loads(result.stdout)["discrepancies"]}
    assert "People injured: 45 in 4 articles, 35 in 1 article" in summaries
