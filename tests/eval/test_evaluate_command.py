"""The evaluate command: gold files scored by the matching rule of ../shared/eval."""

import json
import re
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

from reconcile import evaluation
from tests.conftest import ROOT, SEED_DIR, SHARED

GOLD = ROOT / "tests" / "gold"
LAST_LINE = re.compile(r"^recall (\d\.\d{2,3}) precision (\d\.\d{2,3})$")


def _evaluate(*args) -> tuple[list[str], float, float]:
    out = StringIO()
    call_command("evaluate", *map(str, args), stdout=out)
    lines = out.getvalue().splitlines()
    match = LAST_LINE.match(lines[-1])
    assert match, f"the last line is 'recall R precision P', not {lines[-1]!r}"
    return lines, float(match.group(1)), float(match.group(2))


def test_invented_story_used_for_tuning_is_found_almost_whole():
    lines, recall, precision = _evaluate(
        GOLD / "westmarsh_crane", GOLD / "westmarsh_crane/gold.json"
    )
    assert "recall tier 1: 7/7 = 1.000" in lines
    assert recall >= 0.9 and precision >= 0.9


@pytest.mark.parametrize(
    ("story", "tier_one", "floor"),
    [
        ("lakeport_ferry", 12, 0.94),
        ("dunmore_strike", 12, 0.94),
        ("orrin_bridge", 12, 1.0),
        ("kessel_election", 13, 1.0),
        ("brannock_trial", 13, 1.0),
        ("halvik_quake", 12, 0.89),
        ("ellery_flood", 12, 0.76),
        ("selsey_grounding", 14, 0.88),
        ("varrow_takeover", 14, 0.76),
        ("tarrin_crush", 15, 0.9),
        ("corran_recall", 14, 0.8),
        ("pellam_mine", 19, 0.86),
    ],
)
def test_stories_written_blind_do_not_fall_below_their_measured_scores(story, tier_one, floor):
    # Written by sessions that never ran the engine (docs/quality.md, sessions 7,
    # 8, 11, 14, 17 and 18). Their first scores were blind; later rules fixed what they exposed, so
    # these are the scores measured since, and a change that loses what they find
    # fails here.
    lines, recall, _ = _evaluate(GOLD / story, GOLD / story / "gold.json")
    found = next(line for line in lines if line.startswith("recall tier 1:"))
    assert int(found.split()[3].split("/")[0]) >= tier_one, found
    assert recall >= floor


def test_held_out_invented_story_meets_the_targets():
    lines, recall, precision = _evaluate(GOLD / "carrow_fire", GOLD / "carrow_fire/gold.json")
    assert "recall tier 1: 7/7 = 1.000" in lines
    assert recall >= 0.9 and precision >= 0.9


def test_izhevsk_dev_gold_items_are_all_found():
    gold = SHARED / "eval" / "izhevsk_dev_gold.json"
    if not gold.exists():
        pytest.fail(f"the dev gold is missing: expected it at {gold}")
    lines, recall, _ = _evaluate(SEED_DIR, gold)
    assert recall == 1.0, "\n".join(lines)
    assert "recall tier 1: 4/4 = 1.000" in lines


@pytest.mark.django_db
def test_a_stored_report_is_scored_like_the_pipeline(tmp_path):
    folder = GOLD / "westmarsh_crane"
    gold = evaluation.load_gold(folder / "gold.json")
    report = tmp_path / "report.json"
    call_command(
        "reconcile", *(str(folder / n) for n in gold["articles"]), "-o", str(report),
        stderr=StringIO(),
    )  # fmt: skip
    assert json.loads(report.read_text())["schema"] == "reconcile-report/1"
    _, from_report, _ = _evaluate(folder, folder / "gold.json", "--report", report)
    _, from_pipeline, _ = _evaluate(folder, folder / "gold.json")
    assert from_report == from_pipeline


def _report(body_a: str, body_b: str, versions) -> dict:
    return {
        "articles": [
            {"id": 1, "filename": "a.txt", "body": body_a},
            {"id": 2, "filename": "b.txt", "body": body_b},
        ],
        "discrepancies": [{"id": 1, "kind": "number", "severity": "high", "versions": versions}],
    }


GOLD_ITEM = {
    "articles": ["a.txt", "b.txt"],
    "items": [
        {"id": "X", "tier": 1, "kind": "quote", "sides": [
            {"value": "1", "anchors": {"a.txt": "\u201cWe will  rebuild\u201d, she said"}},
            {"value": "2", "anchors": {"b.txt": "\"We will repair\", she said"}},
        ]},
    ],
}  # fmt: skip


def test_anchors_allow_other_whitespace_and_quote_marks():
    body_a = 'Then: "We will\nrebuild", she said.'
    body_b = "Then: \u201cWe will repair\u201d, she said."
    result = evaluation.evaluate(
        _report(body_a, body_b, [
            {"article": 1, "start": 0, "end": len(body_a)},
            {"article": 2, "start": 0, "end": len(body_b)},
        ]),
        GOLD_ITEM,
    )  # fmt: skip
    assert not result.missing_anchors
    assert result.recall == 1.0 and result.precision == 1.0


def test_a_version_away_from_the_anchor_or_one_side_only_does_not_match():
    body_a = 'Intro sentence here. Then: "We will rebuild", she said.'
    body_b = 'Then: "We will repair", she said.'
    elsewhere = [
        {"article": 1, "start": 0, "end": 20},
        {"article": 2, "start": 0, "end": len(body_b)},
    ]
    assert evaluation.evaluate(_report(body_a, body_b, elsewhere), GOLD_ITEM).recall == 0.0
    one_side = [{"article": 2, "start": 0, "end": len(body_b)}]
    assert evaluation.evaluate(_report(body_a, body_b, one_side), GOLD_ITEM).precision == 0.0


def test_gold_files_are_our_own_writing_not_copies_of_shared_text():
    shared = " ".join(p.read_text(encoding="utf-8") for p in Path(SEED_DIR).glob("*.txt"))
    for path in GOLD.glob("*/*.txt"):
        for line in path.read_text(encoding="utf-8").splitlines():
            assert len(line) < 60 or line not in shared, f"{path.name} copies shared text"


def test_an_unknown_perturbation_kind_is_named_on_the_command_line():
    from django.core.management.base import CommandError

    corpus = SHARED / "corpus" / "ecbplus"
    with pytest.raises(CommandError, match="unknown kind dates: use number, name, date"):
        call_command("evaluate", "--perturb", str(corpus), "--clusters", "11", "--kinds", "dates")
