"""Which claims in different articles state the same fact.

Claims are compared only when they share an anchor: a content word's stem, a
number, a name, or what a count counts (blocking). Anchors that most claims
share ("police", "people") say nothing about which claims match, so a key with
more than `MAX_BLOCK` claims is not used to pair them; the work then grows with
the number of claims times that bound, not with the square of the story.

The pairs that survive are scored by rapidfuzz over their content words,
element-wise in C (`process.cpdist`); no Python loop runs over all pairs.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass

import numpy as np
from rapidfuzz import fuzz, process

from .types import ClaimSpan, Extraction

# A key shared by more claims than this does not pair them (see the module doc).
MAX_BLOCK = 150
# Claims are compared when they share this many stems (or all of a short one's).
SHARED_KEYS = 2
STEM = 5


@dataclass(frozen=True)
class ClaimRef:
    article_id: int
    index: int  # position in Extraction.claims


def claim_refs(extractions: list[Extraction]) -> list[ClaimRef]:
    return [ClaimRef(e.article_id, i) for e in extractions for i in range(len(e.claims))]


def blocking_keys(claim: ClaimSpan) -> set[str]:
    """Anchors of a claim: stems of its content words ("injured" and "injuries" meet)."""
    return {term[:STEM] for term in claim.terms if len(term) > 2 or term.isdigit()}


class Scores:
    """Similarity 0..100 of pairs of claims in different articles; 0 for pairs never compared.

    `scores[i, j]` reads one pair; `pairs()` yields every scored pair once (i < j);
    `neighbours(i)` the claims scored against claim i.
    """

    def __init__(self, n: int, rows: np.ndarray, cols: np.ndarray, values: np.ndarray) -> None:
        self.n = n
        self.rows, self.cols, self.values = rows, cols, values  # i < j
        self._lookup = {
            (int(i), int(j)): float(v) for i, j, v in zip(rows, cols, values, strict=True)
        }
        self._neighbours: dict[int, list[tuple[int, float]]] = defaultdict(list)
        for (i, j), v in self._lookup.items():
            self._neighbours[i].append((j, v))
            self._neighbours[j].append((i, v))

    def __getitem__(self, pair: tuple[int, int]) -> float:
        i, j = pair
        return self._lookup.get((i, j) if i < j else (j, i), 0.0)

    def __len__(self) -> int:
        return len(self._lookup)

    def pairs(self) -> Iterator[tuple[int, int, float]]:
        for (i, j), v in self._lookup.items():
            yield i, j, v

    def neighbours(self, i: int) -> list[tuple[int, float]]:
        return self._neighbours.get(i, [])


def candidate_pairs(
    keys: Sequence[Iterable[str]],
    articles: np.ndarray,
    max_block: int = MAX_BLOCK,
    strong: Sequence[Iterable[str]] | None = None,
    needed: int = 1,
) -> tuple[np.ndarray, np.ndarray]:
    """Rows (i, j), i < j, of items in different articles that share usable keys.

    A pair must share `needed` keys, or all the keys of its smaller item (a short
    headline); a key in `strong` (an item's own anchors) is enough on its own.
    """
    members: dict[str, list[int]] = defaultdict(list)
    weight: dict[str, int] = {}
    for i, item_keys in enumerate(keys):
        for key in item_keys:
            members[key].append(i)
            weight.setdefault(key, 1)
    for i, item_keys in enumerate(strong or ()):
        for key in item_keys:
            members[key].append(i)
            weight[key] = needed
    n = len(keys)
    chunks, weights = [], []
    for key, rows in members.items():
        if not 2 <= len(rows) <= max_block:
            continue
        block = np.array(sorted(rows), dtype=np.int64)
        a, b = np.triu_indices(len(block), 1)
        chunks.append(block[a] * n + block[b])  # ascending, so i < j
        weights.append(np.full(len(a), weight[key], dtype=np.int64))
    if not chunks:
        empty = np.zeros(0, dtype=np.int64)
        return empty, empty
    codes, inverse = np.unique(np.concatenate(chunks), return_inverse=True)
    shared = np.bincount(inverse, weights=np.concatenate(weights))
    left, right = codes // n, codes % n
    sizes = np.array([len(set(k)) for k in keys], dtype=np.int64)
    enough = shared >= np.minimum(needed, np.maximum(1, np.minimum(sizes[left], sizes[right])))
    keep = enough & (articles[left] != articles[right])
    return left[keep], right[keep]


def similarity(
    extractions: list[Extraction],
    anchors: Callable[[ClaimSpan], Iterable[str]] | None = None,
) -> tuple[list[ClaimRef], Scores]:
    """Scores between the claims of different articles that share an anchor.

    `anchors` adds keys of the caller's own (what a count counts, say), so claims
    that share little wording but state the same kind of fact are still compared.
    """
    refs = claim_refs(extractions)
    by_id = {e.article_id: e for e in extractions}
    claims = [by_id[r.article_id].claims[r.index] for r in refs]
    keys = [blocking_keys(c) for c in claims]
    strong = [set(anchors(c)) for c in claims] if anchors is not None else None
    articles = np.array([r.article_id for r in refs], dtype=np.int64)
    rows, cols = candidate_pairs(keys, articles, strong=strong, needed=SHARED_KEYS)
    texts = [" ".join(c.terms) for c in claims]
    if not len(rows):
        return refs, Scores(len(refs), rows, cols, np.zeros(0, dtype=np.float32))
    left = [texts[i] for i in rows]
    right = [texts[j] for j in cols]
    # token_set_ratio rewards a short sentence that is a subset of a long one;
    # temper it with the plain ratio so "He said." does not match everything.
    subset = process.cpdist(left, right, scorer=fuzz.token_set_ratio, dtype=np.float32, workers=-1)
    plain = process.cpdist(left, right, scorer=fuzz.ratio, dtype=np.float32, workers=-1)
    return refs, Scores(len(refs), rows, cols, 0.7 * subset + 0.3 * plain)


def aligned_pairs(
    refs: list[ClaimRef],
    scores: Scores,
    threshold: float,
    eligible: np.ndarray | None = None,
    orphans: bool = False,
) -> list[tuple[int, int]]:
    """Rows (i, j), i < j, of claims that are each other's best match in the other article.

    With `orphans`, instead: (i, j) where j is i's best match in j's article but
    does not pick i back (it has a closer match in i's article).

    Mutual best matches above a threshold are the claims that state the same thing;
    a looser rule chains unrelated sentences that share a few names. `eligible`
    limits both ends to some claims (those with a date, say), so a headline that
    repeats a sentence's words does not take the place of its real counterpart.
    """
    if not len(scores):
        return []
    articles = np.array([r.article_id for r in refs], dtype=np.int64)
    if eligible is None:
        eligible = np.ones(len(refs), dtype=bool)
    # Both directions of every scored pair between eligible claims.
    keep = eligible[scores.rows] & eligible[scores.cols]
    src = np.concatenate([scores.rows[keep], scores.cols[keep]])
    dst = np.concatenate([scores.cols[keep], scores.rows[keep]])
    value = np.concatenate([scores.values[keep], scores.values[keep]])
    if not len(src):
        return []
    # For each (claim, other article): the best score, then the earliest claim there.
    order = np.lexsort((dst, -value, articles[dst], src))
    src, dst, value = src[order], dst[order], value[order]
    group = np.ones(len(src), dtype=bool)
    group[1:] = (src[1:] != src[:-1]) | (articles[dst[1:]] != articles[dst[:-1]])
    best = {
        (int(s), int(articles[d])): (int(d), float(v))
        for s, d, v in zip(src[group], dst[group], value[group], strict=True)
    }
    pairs = []
    for (row, _article), (other, value_) in best.items():
        back = best.get((other, int(articles[row])))
        mutual = back is not None and back[0] == row
        if value_ >= threshold and (not mutual if orphans else mutual and row < other):
            pairs.append((row, other))
    return sorted(pairs)
