"""Blocking: which claims are compared at all, and the best-match rule over them."""

import numpy as np

from reconcile.engine.align import aligned_pairs, candidate_pairs, similarity
from reconcile.engine.types import ClaimSpan, Extraction, FactSpan


def _claim(text: str, facts=()) -> ClaimSpan:
    terms = tuple(w.lower().strip(".,") for w in text.split() if len(w) > 2)
    return ClaimSpan(0, len(text), text, tuple(facts), terms)


def test_pairs_need_two_shared_keys_and_never_join_one_article():
    keys = [{"fire", "ferry", "port"}, {"fire", "ferry", "crew"}, {"fire", "vote"}, {"ferry"}]
    articles = np.array([1, 2, 3, 1])
    rows, cols = candidate_pairs(keys, articles, needed=2)
    pairs = set(zip(rows.tolist(), cols.tolist(), strict=True))
    # 0-1 share two keys; 0-2 and 1-2 only "fire"; 3 is short, so its one key is
    # all it has and it pairs with 1 (not with 0, in its own article).
    assert pairs == {(0, 1), (1, 3)}


def test_a_key_most_claims_share_does_not_pair_them():
    keys = [{"police", "said"}] * 6
    articles = np.arange(6)
    rows, _ = candidate_pairs(keys, articles, max_block=5, needed=2)
    assert len(rows) == 0


def test_a_strong_anchor_pairs_claims_worded_apart():
    keys = [{"blaze", "claimed"}, {"fire", "killed"}]
    strong = [{"count:killed"}, {"count:killed"}]
    rows, cols = candidate_pairs(keys, np.array([1, 2]), strong=strong, needed=2)
    assert list(zip(rows.tolist(), cols.tolist(), strict=True)) == [(0, 1)]


def test_claims_about_unrelated_events_are_never_scored():
    fire = [
        _claim("Fire crews fought the blaze at the harbour warehouse overnight."),
        _claim("Fire crews battled the harbour warehouse blaze overnight."),
    ]
    vote = [
        _claim("Councillors voted to close the library branch on Monday."),
        _claim("The council vote closes the library branch from Monday."),
    ]
    extractions = [Extraction(1, (fire[0], vote[0])), Extraction(2, (fire[1], vote[1]))]
    refs, scores = similarity(extractions)
    scored = {(refs[i].index, refs[j].index) for i, j, _ in scores.pairs()}
    assert scored == {(0, 0), (1, 1)}  # fire with fire, vote with vote; no cross pairs
    assert aligned_pairs(refs, scores, threshold=50) == [(0, 2), (1, 3)]


def test_mutual_best_match_wins_over_a_weaker_one():
    base = _claim("Three crew members were injured when the crane collapsed at the dock.")
    close = _claim("Three crew members were hurt when the crane collapsed at the dock.")
    loose = _claim("The dock crane had been inspected in March, the crew members said.")
    number = FactSpan("number", 0, 5, "Three", "3", "injured")
    extractions = [
        Extraction(1, (base,)),
        Extraction(2, (loose, ClaimSpan(0, 1, close.text, (number,), close.terms))),
    ]
    refs, scores = similarity(extractions)
    assert aligned_pairs(refs, scores, threshold=50) == [(0, 2)]
