"""Where aligned claims disagree: one Finding per fact in conflict."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable

import numpy as np
from rapidfuzz import fuzz
from rapidfuzz.distance import Levenshtein

from .align import ClaimRef, similarity
from .extract import CATEGORIES, label_name
from .numbers import Quantity, compatible
from .types import ClaimSpan, Extraction, FactSpan, Finding, VersionSpan

EVENT_LABELS = {name for name, _ in CATEGORIES} | {"seriously injured"}
# Claim similarity (0..100) above which two facts of one kind state the same fact.
EVENT_THRESHOLD = 30.0
FACT_THRESHOLD = 62.0
QUOTE_THRESHOLD = 55.0
QUALIFIER_WORDS = {
    "approx": "about ",
    "min": "at least ",
    "max": "at most ",
    "exact": "",
    "vague": "",
}


class _Union:
    def __init__(self, n: int) -> None:
        self.parent = list(range(n))

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def join(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)

    def groups(self) -> list[list[int]]:
        out: dict[int, list[int]] = defaultdict(list)
        for i in range(len(self.parent)):
            out[self.find(i)].append(i)
        return list(out.values())


def compare(extractions: list[Extraction]) -> list[Finding]:
    refs, scores = similarity(extractions)
    claims = {e.article_id: e.claims for e in extractions}
    findings = [
        *_number_findings(refs, scores, claims),
        *_name_findings(extractions),
        *_quote_findings(refs, scores, claims),
    ]
    findings.sort(key=lambda f: ({"high": 0, "medium": 1, "low": 2}[f.severity], f.key))
    return findings


def _facts_of(
    refs: list[ClaimRef], claims: dict[int, tuple[ClaimSpan, ...]], kind: str
) -> list[tuple[int, ClaimSpan, FactSpan]]:
    """(row in the similarity matrix, claim, fact) for every fact of a kind."""
    out = []
    for row, ref in enumerate(refs):
        claim = claims[ref.article_id][ref.index]
        out.extend((row, claim, fact) for fact in claim.facts if fact.kind == kind)
    return out


def _linked_groups(
    facts: list[tuple[int, ClaimSpan, FactSpan]],
    refs: list[ClaimRef],
    scores: np.ndarray,
    same_slot,
    threshold,
) -> list[list[int]]:
    """Connected groups of facts in different articles that fill the same slot."""
    union = _Union(len(facts))
    by_slot: dict[str, list[int]] = defaultdict(list)
    for i, (_, _, fact) in enumerate(facts):
        by_slot[same_slot(fact)].append(i)
    for members in by_slot.values():
        # Blocking by slot keeps this to the few facts that could match.
        for x, i in enumerate(members):
            row_i, _, fact_i = facts[i]
            for j in members[x + 1 :]:
                row_j, _, fact_j = facts[j]
                if refs[row_i].article_id == refs[row_j].article_id:
                    continue
                if scores[row_i, row_j] >= threshold(fact_i, fact_j):
                    union.join(i, j)
    return union.groups()


def _per_article(
    group: list[int], facts: list[tuple[int, ClaimSpan, FactSpan]], refs: list[ClaimRef]
) -> dict[int, tuple[ClaimSpan, FactSpan]]:
    chosen: dict[int, tuple[ClaimSpan, FactSpan]] = {}
    # An article's exact statement speaks for it over a vague one ("dozens hurt").
    for i in sorted(group, key=lambda i: (facts[i][2].qualifier == "vague", facts[i][2].start)):
        row, claim, fact = facts[i]
        chosen.setdefault(refs[row].article_id, (claim, fact))
    return chosen


def _summary(title: str, values: Iterable[str]) -> str:
    counts = Counter(values).most_common()
    parts = [f"{value} in {n} article{'s' if n != 1 else ''}" for value, n in counts]
    return f"{title}: {', '.join(parts)}"


def _versions(chosen: dict[int, tuple[ClaimSpan, FactSpan]], shown) -> tuple[VersionSpan, ...]:
    return tuple(
        VersionSpan(article_id, claim.start, claim.end, shown(fact), fact.start, fact.end)
        for article_id, (claim, fact) in sorted(chosen.items())
    )


def _quantity(fact: FactSpan) -> Quantity:
    number = fact.value.split(" ")[0].replace(",", "")
    unit = fact.value.split(" ", 1)[1] if " " in fact.value else ""
    if fact.qualifier == "vague":
        return Quantity(0.0, "vague", unit)
    return Quantity(float(number), fact.qualifier, unit)


def _shown_number(fact: FactSpan) -> str:
    if fact.qualifier == "vague":
        return fact.text.lower()
    return QUALIFIER_WORDS.get(fact.qualifier, "") + fact.value


SEVERITY_ORDER = ["high", "medium", "low"]


def _number_severity(a: Quantity, b: Quantity) -> str:
    qualifiers = {a.qualifier, b.qualifier}
    if "vague" in qualifiers:
        return "low"
    return "high" if qualifiers == {"exact"} else "medium"


def _number_findings(refs, scores, claims) -> list[Finding]:
    facts = [f for f in _facts_of(refs, claims, "number") if f[2].label]
    groups = _linked_groups(
        facts,
        refs,
        scores,
        same_slot=lambda fact: fact.label,
        threshold=lambda a, b: EVENT_THRESHOLD if a.label in EVENT_LABELS else FACT_THRESHOLD,
    )
    findings = []
    seen: Counter[str] = Counter()
    for group in sorted(groups, key=lambda g: min(facts[i][2].start for i in g)):
        chosen = _per_article(group, facts, refs)
        if len(chosen) < 2:
            continue
        quantities = {aid: _quantity(fact) for aid, (_, fact) in chosen.items()}
        conflicts = [
            (a, b)
            for a in quantities
            for b in quantities
            if a < b and not compatible(quantities[a], quantities[b])
        ]
        if not conflicts:
            continue
        severity = min(
            (_number_severity(quantities[a], quantities[b]) for a, b in conflicts),
            key=SEVERITY_ORDER.index,
        )
        label = next(iter(chosen.values()))[1].label
        seen[label] += 1
        key = f"number:{label}" + (f"#{seen[label]}" if seen[label] > 1 else "")
        summary = _summary(label_name(label), (_shown_number(f) for _, f in chosen.values()))
        findings.append(Finding(key, "number", severity, summary, _versions(chosen, _shown_number)))
    return findings


def _name_tokens(extractions: list[Extraction]):
    """Every capitalised word of every name, with where it stands."""
    for extraction in extractions:
        for claim in extraction.claims:
            for fact in claim.facts:
                if fact.kind not in {"person", "org", "place", "name"}:
                    continue
                offset = 0
                for word in fact.text.split(" "):
                    start = fact.start + offset
                    offset += len(word) + 1
                    bare = word.removesuffix("'s").removesuffix("’s")
                    if len(bare) >= 4 and bare.isalpha() and bare[0].isupper():
                        yield extraction.article_id, claim, fact, bare, start


def _spelling_variants(a: str, b: str) -> bool:
    if a == b or a.lower() == b.lower():
        return False
    low_a, low_b = a.lower(), b.lower()
    if low_a.startswith(low_b) or low_b.startswith(low_a):
        return False  # Ukraine / Ukrainian, Russia / Russian
    distance = Levenshtein.distance(low_a, low_b)
    longest = max(len(a), len(b))
    limit = 1 if longest < 8 else 2
    return distance <= limit and low_a[0] == low_b[0]


def _name_findings(extractions: list[Extraction]) -> list[Finding]:
    where: dict[str, dict[int, tuple[ClaimSpan, FactSpan, int]]] = defaultdict(dict)
    is_person: set[str] = set()
    for article_id, claim, fact, word, start in _name_tokens(extractions):
        where[word].setdefault(article_id, (claim, fact, start))
        if fact.kind == "person":
            is_person.add(word)
    spellings = sorted(where)
    union = _Union(len(spellings))
    for i, a in enumerate(spellings):
        for j in range(i + 1, len(spellings)):
            b = spellings[j]
            if _spelling_variants(a, b) and not (set(where[a]) & set(where[b])):
                union.join(i, j)
    findings = []
    for group in union.groups():
        if len(group) < 2:
            continue
        words = [spellings[i] for i in group]
        chosen: dict[int, tuple[ClaimSpan, FactSpan]] = {}
        for word in words:
            for article_id, (claim, _fact, start) in where[word].items():
                chosen[article_id] = (claim, FactSpan("name", start, start + len(word), word, word))
        counts = Counter(f.value for _, f in chosen.values())
        majority = counts.most_common(1)[0][0]
        severity = "high" if is_person & set(words) else "medium"
        summary = _summary("Name spelled", (f.value for _, f in chosen.values()))
        findings.append(
            Finding(f"name:{majority.lower()}", "name", severity, summary,
                    _versions(chosen, lambda f: f.value))
        )  # fmt: skip
    return findings


def _quote_findings(refs, scores, claims) -> list[Finding]:
    facts = _facts_of(refs, claims, "quote")

    def same(a: FactSpan, b: FactSpan) -> float:
        return QUOTE_THRESHOLD

    # Quotes match when their words overlap even if the sentences around them differ.
    groups = _linked_groups(facts, refs, _quote_scores(facts, refs, scores), lambda f: "q", same)
    findings = []
    for group in sorted(groups, key=lambda g: min(facts[i][2].start for i in g)):
        chosen = _per_article(group, facts, refs)
        if len(chosen) < 2:
            continue
        values = {fact.value for _, fact in chosen.values()}
        if len(values) < 2:
            continue
        shortest = min(values, key=len)
        severity = "low" if all(shortest in v for v in values) else "high"
        first = min(chosen.values(), key=lambda cf: cf[1].value)[1]
        key = "quote:" + " ".join(first.value.split()[:6])
        shown = {}
        for _, fact in sorted(chosen.values(), key=lambda cf: cf[1].start):
            shown.setdefault(fact.value, _clip(fact.text))
        summary = _summary("Quote worded", (shown[f.value] for _, f in chosen.values()))
        findings.append(
            Finding(key, "quote", severity, summary, _versions(chosen, lambda f: f.text))
        )
    return findings


def _quote_scores(facts, refs, scores: np.ndarray) -> np.ndarray:
    """Claim similarity, raised where the quoted words themselves overlap."""
    boosted = scores.copy()
    for x, (row_i, _, fact_i) in enumerate(facts):
        for row_j, _, fact_j in facts[x + 1 :]:
            if refs[row_i].article_id == refs[row_j].article_id:
                continue
            overlap = fuzz.token_set_ratio(fact_i.value, fact_j.value) * 0.8
            if overlap > boosted[row_i, row_j]:
                boosted[row_i, row_j] = boosted[row_j, row_i] = overlap
    return boosted


def _clip(text: str, width: int = 60) -> str:
    text = " ".join(text.split())
    return f"“{text if len(text) <= width else text[: width - 1] + '…'}”"
