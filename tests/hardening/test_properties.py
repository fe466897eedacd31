"""Arbitrary Unicode never breaks extraction or the highlighter."""

import html
import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reconcile.engine.extract import extract
from reconcile.highlight import Mark, highlight

WORDS = st.sampled_from(
    ["Four", "people", "were", "killed", "45", "injured", "“quoted words here”", "Brechalov",
     "\n", "Tuesday", "at least", "1,000 km", "😀", "\u0301", "\u200f", "ß", "İ", "<b>", "&amp;"]
)  # fmt: skip
TEXT = st.one_of(st.text(max_size=300), st.lists(WORDS, max_size=60).map(" ".join))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TEXT)
def test_extraction_offsets_always_index_the_text(text):
    for claim in extract(text):
        assert 0 <= claim.start < claim.end <= len(text)
        assert text[claim.start : claim.end] == claim.text
        for fact in claim.facts:
            assert 0 <= fact.start <= fact.end <= len(text)
            assert text[fact.start : fact.end] == fact.text


def _marks(text, spans):
    return [
        Mark(min(a, b), max(a, b), i, "number", "high", "<label>", f"?d={i}", f"/p/{i}")
        for i, (a, b) in enumerate(spans)
    ]


SPANS = st.lists(st.tuples(st.integers(-5, 400), st.integers(-5, 400)), max_size=8)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=300), SPANS)
def test_highlights_keep_every_character_and_never_nest(text, spans):
    out = str(highlight(text, _marks(text, spans)))
    # Strip our own tags: what remains, unescaped, is exactly the text.
    bare = re.sub(r'<span class="hl-icon" aria-hidden="true">[^<]*</span>', "", out)
    bare = re.sub(r"</?a[^>]*>", "", bare)
    assert html.unescape(bare) == text
    depth = 0
    for tag in re.findall(r"<(/?)a[ >]", out):
        depth += -1 if tag else 1
        assert depth in (0, 1), "highlights never nest"
    assert depth == 0
    # The only tags are ours: article text can never open one.
    assert set(re.findall(r"<(/?[a-z]+)", out)) <= {"a", "/a", "span", "/span"}
