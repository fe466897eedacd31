import re

from django.core.management import call_command

from tests.conftest import SHARED


def test_bench_prints_its_figures_and_ends_with_the_ratio(db, capsys):
    call_command("bench", "--corpus", str(SHARED / "corpus" / "ecbplus"), "--limit", "12")
    lines = capsys.readouterr().out.strip().splitlines()
    assert lines[0].startswith("corpus: 12 articles")
    assert any(re.match(r"\(a\) bare spaCy nlp\.pipe: .* words/s", line) for line in lines)
    assert any("speed-up from 1 to 2 processes" in line for line in lines)
    assert re.fullmatch(r"pipeline/spacy ratio \d+\.\d\d", lines[-1])
