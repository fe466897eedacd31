"""Which claims in different articles state the same fact.

Sentences are compared by rapidfuzz over their content words; shared anchors
(names, numbers) add to the score. The matrix is computed in C by
`process.cdist`, never by a Python loop over all pairs.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from rapidfuzz import fuzz, process

from .types import Extraction


@dataclass(frozen=True)
class ClaimRef:
    article_id: int
    index: int  # position in Extraction.claims


def claim_refs(extractions: list[Extraction]) -> list[ClaimRef]:
    return [ClaimRef(e.article_id, i) for e in extractions for i in range(len(e.claims))]


def similarity(extractions: list[Extraction]) -> tuple[list[ClaimRef], np.ndarray]:
    """Scores 0..100 between every pair of claims; same-article pairs are 0."""
    refs = claim_refs(extractions)
    by_id = {e.article_id: e for e in extractions}
    texts = [" ".join(by_id[r.article_id].claims[r.index].terms) for r in refs]
    if not refs:
        return refs, np.zeros((0, 0), dtype=np.float32)
    scores = process.cdist(texts, texts, scorer=fuzz.token_set_ratio, dtype=np.float32, workers=-1)
    # token_set_ratio rewards a short sentence that is a subset of a long one;
    # temper it with the plain ratio so "He said." does not match everything.
    plain = process.cdist(texts, texts, scorer=fuzz.ratio, dtype=np.float32, workers=-1)
    scores = 0.7 * scores + 0.3 * plain
    articles = np.array([r.article_id for r in refs])
    scores[articles[:, None] == articles[None, :]] = 0.0
    return refs, scores


def aligned_pairs(
    refs: list[ClaimRef],
    scores: np.ndarray,
    threshold: float,
    eligible: np.ndarray | None = None,
) -> list[tuple[int, int]]:
    """Rows (i, j), i < j, of claims that are each other's best match in the other article.

    Mutual best matches above a threshold are the claims that state the same thing;
    a looser rule chains unrelated sentences that share a few names. `eligible`
    limits both ends to some claims (those with a date, say), so a headline that
    repeats a sentence's words does not take the place of its real counterpart.
    """
    if not refs:
        return []
    articles = np.array([r.article_id for r in refs])
    if eligible is None:
        eligible = np.ones(len(refs), dtype=bool)
    best: dict[tuple[int, int], int] = {}  # (row, other article) -> best row there
    for article in np.unique(articles):
        columns = np.flatnonzero((articles == article) & eligible)
        if not len(columns):
            continue
        top = columns[np.argmax(scores[:, columns], axis=1)]
        for row in np.flatnonzero(eligible & (articles != article)):
            best[(int(row), int(article))] = int(top[row])
    pairs = []
    for (row, _article), other in best.items():
        mutual = best.get((other, int(articles[row]))) == row
        if row < other and mutual and scores[row, other] >= threshold:
            pairs.append((row, other))
    return sorted(pairs)
