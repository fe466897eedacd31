"""Where aligned claims disagree: one Finding per fact in conflict."""

from __future__ import annotations

import functools
import itertools
import math
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import replace
from datetime import date
from difflib import SequenceMatcher

import numpy as np
from rapidfuzz import fuzz, process
from rapidfuzz.distance import OSA, LCSseq, Levenshtein

from . import dates, roles
from .align import ClaimRef, Scores, aligned_pairs, candidate_pairs, similarity
from .extract import (
    CATEGORIES,
    CHANGED_FROM,
    CURRENCY_LEMMAS,
    CURRENCY_SIGNS,
    STOP,
    WORD_RE,
    label_name,
    normalise_quote,
    plural,
    singular,
)
from .numbers import (
    DIMENSIONS,
    DOZEN,
    SCALES,
    TENS,
    UNITS,
    VAGUE,
    Quantity,
    compatible,
    decimal_step,
    written_measure,
)
from .types import ClaimSpan, Coverage, Extraction, FactSpan, Finding, VersionSpan

EVENT_LABELS = {name for name, _ in CATEGORIES} | {"seriously injured", "still in hospital"}
# Claim similarity (0..100) above which two facts of one kind state the same fact.
EVENT_THRESHOLD = 30.0
FACT_THRESHOLD = 62.0
UNIQUE_THRESHOLD = 45.0
GENERIC_LABELS = frozenset(
    "year day week month hour minute night season decade time people person % km m kg $ € £".split()
)
SPANS_OF_TIME = frozenset("year day week month hour minute night season decade".split())
CONTEXT_THRESHOLD = 60.0
# Sentences this alike, with the words around a count this alike, are one statement.
TWIN_SCORE = 80.0
# A count with no mutual partner joins its best match in sentences this alike.
NEAR_COPY_SCORE = 75.0
TWIN_CONTEXT = 80.0
QUOTE_THRESHOLD = 55.0
# Mutual best matches at least this similar state the same thing (dates, hedges).
STATEMENT_THRESHOLD = 50.0
# Among sentences that carry a date, a best match this alike is the same event.
DATE_THRESHOLD = 45.0
# A dated sentence whose best match pairs with another needs this much (see dates).
ORPHAN_DATE_THRESHOLD = 50.0
# Two quotes are the same words when their own texts are this alike.
SAME_QUOTE = 80.0
# Below this likeness of their words, two quotes are different remarks.
QUOTE_LIKENESS = 65.0
# A quote left without a match is part of a longer one when it fits in it this well.
SPLIT_QUOTE = 75.0
# Sentences this alike link short quotes that share only two words.
SHORT_QUOTE_SCORE = 75.0
# A quote's key is its first words: few enough that a quote cut short keeps them.
QUOTE_KEY_WORDS = 4
# Words in a row that make two quotes one remark.
QUOTE_RUN = 5
# Share of a short quote's words, in order, that make another quote its version.
SWAPPED_WORDS = 0.8
# Counts of one thing in loosely alike sentences (see `_join_reworded`).
REWORDED_SCORE = 45.0
REWORDED_WIDTH = 50
NUMBER_STEMS = {w[:5] for w in (*UNITS, *TENS, *SCALES, *VAGUE, *DOZEN)}
NUMBER_WORDS = frozenset((*UNITS, *TENS, *SCALES, *DOZEN))
CLAUSES = r"[,;:()]|\b(?:and|but|while|who|which|whose)\b"
CLAUSE_START = re.compile(CLAUSES + r"|\d")
CLAUSE_END = re.compile(
    CLAUSES + r"|\d|\b(?:" + "|".join(w for w in (*UNITS, *TENS) if len(w) > 2) + r")\b"
)
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


def _anchors(claim: ClaimSpan) -> Iterator[str]:
    """Blocking keys beyond shared words: claims that count the same thing are
    compared even when worded apart ("died" / "killed", "a .357 Magnum")."""
    for fact in claim.facts:
        if fact.kind == "number" and fact.label:
            yield "count:" + fact.label


def compare(extractions: list[Extraction]) -> list[Finding]:
    refs, scores = similarity(extractions, anchors=_anchors)
    claims = {e.article_id: e.claims for e in extractions}
    claim_of = _row_claim(refs, claims)

    def eligible(test) -> np.ndarray:
        return np.array([bool(test(claim_of(row))) for row in range(len(refs))], dtype=bool)

    published = {e.article_id: e.published for e in extractions}
    has_dates = np.array(
        [bool(_comparable_dates(claim_of(row), published[r.article_id]))
         for row, r in enumerate(refs)],
        dtype=bool,
    )  # fmt: skip
    dated = aligned_pairs(refs, scores, DATE_THRESHOLD, has_dates)
    dated_orphans = aligned_pairs(refs, scores, ORPHAN_DATE_THRESHOLD, has_dates, orphans=True)
    # Pairs that the toll or the event, not the sentence, makes: their dates are it.
    specific = _toll_pairs(refs, scores, claims, has_dates, set(dated))
    specific += _event_pairs(
        refs, claims, has_dates, set(dated) | set(dated_orphans) | set(specific)
    )
    dated_orphans += specific
    dated_orphans += _lede_pairs(refs, claims, has_dates, set(dated) | set(dated_orphans))
    statements = aligned_pairs(refs, scores, STATEMENT_THRESHOLD, eligible(_is_statement))
    framed = statements + _sum_pairs(refs, claims, eligible(_is_statement), set(statements))
    findings = [
        *_number_findings(refs, scores, claims),
        *_name_findings(extractions),
        *_quote_findings(refs, scores, claims),
        *_speaker_findings(extractions),
        *_narrated_findings(extractions),
        *_title_findings(extractions, _aligned_titles(refs, scores, claims)),
        *_all_date_findings(refs, scores, claims, dated, published, dated_orphans, specific),
        *_time_findings(refs, scores, claims),
        *_framing_findings(refs, scores, claims, framed),
        *_told_once(
            _stance_findings(extractions), _claim_findings(refs, scores, claims, statements)
        ),
    ]
    findings.sort(key=lambda f: ({"high": 0, "medium": 1, "low": 2}[f.severity], f.key))
    return _unique_keys(findings)


def _unique_keys(findings: list[Finding]) -> list[Finding]:
    """Two findings with one key ("quote:we will not give", said of two remarks) would
    be stored as one discrepancy; the second and later take "#2", "#3"."""
    seen: Counter[str] = Counter()
    out = []
    for finding in findings:
        seen[finding.key] += 1
        n = seen[finding.key]
        out.append(finding if n == 1 else replace(finding, key=f"{finding.key}#{n}"))
    return out


def _row_claim(refs: list[ClaimRef], claims: dict[int, tuple[ClaimSpan, ...]]):
    """The claim at a row of the similarity matrix, as a function of the row."""
    return lambda row: claims[refs[row].article_id][refs[row].index]


def _facts_of(
    refs: list[ClaimRef], claims: dict[int, tuple[ClaimSpan, ...]], kind: str
) -> list[tuple[int, ClaimSpan, FactSpan]]:
    """(row in the similarity matrix, claim, fact) for every fact of a kind."""
    out: list[tuple[int, ClaimSpan, FactSpan]] = []
    for row, ref in enumerate(refs):
        claim = claims[ref.article_id][ref.index]
        out.extend((row, claim, fact) for fact in claim.facts if fact.kind == kind)
    return out


def _per_article(
    group: list[int], facts: list[tuple[int, ClaimSpan, FactSpan]], refs: list[ClaimRef]
) -> dict[int, tuple[ClaimSpan, FactSpan]]:
    chosen: dict[int, tuple[ClaimSpan, FactSpan]] = {}

    # An article's exact statement speaks for it over a vague one ("dozens hurt"); a
    # sentence of its body over its headline ("death toll stands at 41" / "Officials
    # now say 41 people died"), as the body says whose figure it is; then its first.
    def order(i: int) -> tuple[bool, bool, int]:
        _, claim, fact = facts[i]
        return fact.qualifier == "vague", _headline(claim), fact.start

    for i in sorted(group, key=order):
        row, claim, fact = facts[i]
        chosen.setdefault(refs[row].article_id, (claim, fact))
    return chosen


def _headline(claim: ClaimSpan) -> bool:
    """A line with no closing punctuation: a headline or a standfirst, not a sentence."""
    return not claim.text.rstrip().endswith((".", "!", "?", '"', "”", "’", "'", ")", ":"))


def _join_mutual(union: _Union, best: dict[tuple[int, int], tuple], article_of) -> set[int]:
    """Join each item to its best match in another article where that match picks it
    back. `best` maps (item, other article) to a match tuple ending in -(the item there);
    returns the items joined."""
    joined: set[int] = set()
    for (i, _), match in best.items():
        j = -match[-1]
        back = best.get((j, article_of(i)))
        if back is not None and back[-1] == -i:
            union.join(i, j)
            joined.update((i, j))
    return joined


def _summary(title: str, values: Iterable[str]) -> str:
    counts = Counter(values).most_common()
    parts = [f"{value} in {n} article{'s' if n != 1 else ''}" for value, n in counts]
    return f"{title}: {', '.join(parts)}"


def _number_summary(title: str, facts: list[FactSpan]) -> str:
    """Like `_summary`, but figures that agree ("about 40,000" and "40,000"; "about
    400t" and "about 440 U.S. tons") are one version, shown each way they are
    written: the editor counts outlets by fact, the majority first."""
    shown = Counter(_shown_number(f) for f in facts)
    quantity = {_shown_number(f): _quantity(f) for f in facts}
    versions: list[list[str]] = []
    for value, _ in shown.most_common():
        q = quantity[value]
        for version in versions:
            if not any(_numbers_conflict(quantity[v], q) for v in version):
                version.append(value)
                break
        else:
            versions.append([value])
    return _versions_summary(title, shown, versions)


def _versions_summary(title: str, counts: Counter[str], versions: list[list[str]]) -> str:
    """ "Title: a / b in 3 articles, c in 1 article": each version the ways it is
    written, counted by the articles that give any of them, the majority first."""
    ranked = sorted(
        ((" / ".join(version), sum(counts[v] for v in version)) for version in versions),
        key=lambda item: -item[1],
    )
    parts = [f"{value} in {n} article{'s' if n != 1 else ''}" for value, n in ranked]
    return f"{title}: {', '.join(parts)}"


def _versions(chosen: dict[int, tuple[ClaimSpan, FactSpan]], shown) -> tuple[VersionSpan, ...]:
    """One version per article. Except for numbers (normalised: "Four" is "4"), `shown`
    must give the exact text at the value's offsets: reports and the view rely on it."""
    # A quotation can run on past its first sentence: the span then covers it all.
    return tuple(
        VersionSpan(
            article_id,
            min(claim.start, fact.start),
            max(claim.end, fact.end),
            shown(fact),
            fact.start,
            fact.end,
        )
        for article_id, (claim, fact) in sorted(chosen.items())
    )


def _quantity(fact: FactSpan) -> Quantity:
    number = fact.value.split(" ")[0].replace(",", "")
    unit = fact.value.split(" ", 1)[1] if " " in fact.value else ""
    if fact.qualifier == "vague":
        return Quantity.vague(fact.text, unit)
    value = float(number)
    if unit in DIMENSIONS:
        written, precision = written_measure(fact.text, value)
        return Quantity(value, fact.qualifier, unit, written=written, precision=precision)
    return Quantity(value, fact.qualifier, unit, step=decimal_step(fact.text, value))


def _number_title(label: str, chosen: dict) -> str:
    """ "Fine: €14,000 in 1 article, …": sums of money are named by what they pay."""
    title = label_name(label)
    money = all(f.value.partition(" ")[2] in CURRENCY_SIGNS.values() for _, f in chosen.values())
    if money and title.startswith("Number of "):
        return f"Sum in {plural(label)}" if label in CURRENCY_LEMMAS else label.capitalize()
    return title


def _shown_number(fact: FactSpan) -> str:
    if fact.label.startswith("id:"):
        return fact.text  # "Gate 4", "No. 3 shaft"
    if fact.qualifier == "vague":
        return fact.text.lower()
    if _quantity(fact).unit in DIMENSIONS.keys() - {"%"}:
        # "120 miles", not the "193.12 km" it is compared as.
        return QUALIFIER_WORDS.get(fact.qualifier, "") + fact.text
    number, _, unit = fact.value.partition(" ")
    if unit in CURRENCY_SIGNS.values():
        return QUALIFIER_WORDS.get(fact.qualifier, "") + unit + number  # "£12,000,000"
    return QUALIFIER_WORDS.get(fact.qualifier, "") + fact.value


SEVERITY_ORDER = ["high", "medium", "low"]


def _numbers_conflict(a: Quantity, b: Quantity) -> bool:
    """Cannot both be true; or two bounds of one kind that differ ("more than 20,000" and
    "more than 26,000" can both be true, but copy meant one figure)."""
    if not compatible(a, b):
        return True
    same_bound = a.qualifier == b.qualifier and a.qualifier in {"min", "max"} and a.unit == b.unit
    return same_bound and abs(a.value - b.value) > 0.05 * max(a.value, b.value)


def _scales_apart(a: Quantity, b: Quantity) -> bool:
    """A share price of 3.04 crowns and a 4.2 billion crown bid are two sums, not one
    told two ways; but "4.2 million" against "4.2 billion" is a slip of the scale."""
    low, high = sorted((abs(a.value), abs(b.value)))
    if low == 0 or high / low < 100:
        return False
    orders = math.log10(high / low)
    return abs(orders - round(orders)) > 0.02


def _number_severity(a: Quantity, b: Quantity) -> str:
    qualifiers = {a.qualifier, b.qualifier}
    if "vague" in qualifiers:
        return "low"
    return "high" if qualifiers == {"exact"} else "medium"


def _event_like(label: str) -> bool:
    """Labels that name one fact of the story: the toll, or a named person's age."""
    return label in EVENT_LABELS or label.startswith("age:")


def _context(claim: ClaimSpan, fact: FactSpan, width: int = 30) -> str:
    """The words around a value, without it: what tells two counts in a sentence apart."""
    at, end = fact.start - claim.start, fact.end - claim.start
    return claim.text[max(0, at - width) : at] + " # " + claim.text[end : end + width]


# A sentence set in a year of its own: "In 1987 a magnitude 5.8 earthquake killed 12
# people", "The deadliest quake on record, in 1931, killed about 300".
YEAR_FRAME = re.compile(
    r"^(?:back\s+)?in\s+(?:(?:early|late|mid-?)\s+)?(?:[A-Z][a-z]+\s+)?(1[89]\d\d|20\d\d)\b"
    r"|,\s+in\s+(1[89]\d\d|20\d\d),",
    re.IGNORECASE,
)
YEAR = re.compile(r"(?<!\d)(?:1[89]\d\d|20\d\d)(?!\d)")


def _story_year(claims: dict[int, tuple[ClaimSpan, ...]]) -> int | None:
    """The year the story happens in: the one its articles' dates give most (the
    later of a tie), or None where no date has a year."""
    counts = Counter(
        int(year)
        for article in claims.values()
        for claim in article
        for fact in claim.facts
        if fact.kind == "date"
        for year in YEAR.findall(fact.value)
    )
    return max(counts, key=lambda y: (counts[y], y)) if counts else None


def _era(claim: ClaimSpan, year: int | None) -> int | None:
    """The earlier year a sentence is set in, if it opens on it ("In 1987 a
    magnitude 5.8 earthquake killed 12 people"): its counts are of another event
    than the story's. A year told in passing ("a ferry built in 1988 had 57
    passengers") does not move the sentence."""
    match = YEAR_FRAME.search(claim.text)
    if year is None or match is None:
        return None
    past = int(match.group(1) or match.group(2))
    return past if past < year else None


def _owned_apart(a: FactSpan, b: FactSpan) -> bool:
    """Counts of two named people (Brisk's fine, Tregear's fine) are two facts."""
    return bool(a.owner and b.owner and a.owner != b.owner)


def _same_owner(a: FactSpan, b: FactSpan) -> bool:
    """Counts of one named person (Brisk's four years, her six) are one fact."""
    return bool(a.owner and a.owner == b.owner)


def _number_groups(
    facts, refs, scores: Scores, year: int | None = None
) -> tuple[list[list[int]], list[int]]:
    """Counts in different articles of the same thing.

    Same label, and claims alike enough: the story's toll needs little likeness
    and joins every mention of it. Other counts need more likeness (less when each
    article gives that label only once: the one "90-day" stay), and each joins
    only its best match in each other article, by claim and then by the words
    around it, so "six rifles in this operation" and "14 rifles so far" stay apart.
    """
    per_label = Counter((refs[row].article_id, fact.label) for row, _, fact in facts)
    era = [_era(claim, year) for _, claim, _ in facts]
    at_row: dict[int, list[int]] = defaultdict(list)
    for i, (row, _, _) in enumerate(facts):
        at_row[row].append(i)
    union = _Union(len(facts))

    @functools.cache
    def clause_words(k: int) -> frozenset[str]:
        """Words of the count's clause, but not its unit ("days" for "day")."""
        _, claim, fact = facts[k]
        return frozenset(_near_stems(claim, fact) - _stems(fact.label + "s"))

    best: dict[tuple[int, int], tuple[float, float, int]] = {}  # (fact, article) -> match
    for i, (row_i, claim_i, fact_i) in enumerate(facts):
        label = fact_i.label
        a = refs[row_i].article_id
        # Only claims scored against this one can hold the same count (align.py blocks).
        for row_j, score in scores.neighbours(row_i):
            for j in at_row.get(row_j, ()):
                if (
                    facts[j][2].label != label
                    or era[i] != era[j]
                    or _owned_apart(fact_i, facts[j][2])
                ):
                    continue
                b = refs[row_j].article_id
                if _event_like(label):
                    if i < j and score >= EVENT_THRESHOLD:
                        union.join(i, j)
                    continue
                context = fuzz.ratio(_context(claim_i, fact_i), _context(facts[j][1], facts[j][2]))
                # Alike words right around the counts, or one count of the label per
                # article, make up for sentences that are otherwise reworded.
                unique = per_label[(a, label)] == per_label[(b, label)] == 1
                # "year", "%": many facts share these; the words around must agree too.
                alike = (
                    score >= FACT_THRESHOLD
                    and context >= 45
                    or context >= 70
                    or unique
                    and score >= UNIQUE_THRESHOLD
                    and context >= 35
                    # and, for a span of time, a word of the count's clause: "three
                    # days since the river broke through" is not "the round trip
                    # every two days".
                    and (label not in SPANS_OF_TIME or bool(clause_words(i) & clause_words(j)))
                )
                if label in GENERIC_LABELS and not alike:
                    continue
                near = unique or context >= CONTEXT_THRESHOLD
                if score < (UNIQUE_THRESHOLD if near else FACT_THRESHOLD):
                    continue
                match = (score, context, -j)
                if match > best.get((i, b), (-1.0, -1.0, 0)):
                    best[(i, b)] = match
    joined = _join_mutual(union, best, lambda i: refs[facts[i][0]].article_id)
    # A count left with no mutual partner joins its best match if that is a near copy:
    # a headline's "four-party basis" whose article's body agrees with the others'
    # "two-party basis", which took the mutual match. So does one named party's count
    # ("jailed Dernhall for nine years") whose match took its article's headline, and a
    # headline's count whose match took its article's body ("recount ordered in five
    # districts" over a body's "three districts"): the headline must agree too.
    for (i, _b), (score, context, minus_j) in sorted(best.items()):
        copy = score >= NEAR_COPY_SCORE and context >= CONTEXT_THRESHOLD
        owned = _same_owner(facts[i][2], facts[-minus_j][2])
        if i not in joined and (copy or owned or _headline(facts[i][1])):
            union.join(i, -minus_j)
    _join_conversions(union, facts, at_row)
    _join_headlines(union, facts, refs, era, clause_words)
    strict = [union.find(i) for i in range(len(facts))]
    _join_reworded(union, facts, refs, scores, at_row, era)
    return _apart_by_owner(union.groups(), facts, refs, scores), strict


def _join_conversions(union: _Union, facts, at_row: dict[int, list[int]]) -> None:
    """ "90 kilometres (73 miles)" is one measure told twice: whichever of the two
    another article's "56 miles away" matched, both are compared with it, so a
    conversion that disagrees with its own figure is seen (`_outliers_first`)."""
    for members in at_row.values():
        for i, j in itertools.pairwise(sorted(members, key=lambda k: facts[k][2].start)):
            (_, claim, first), (_, _, second) = facts[i], facts[j]
            between = claim.text[first.end - claim.start : second.start - claim.start]
            if (
                first.label == second.label
                and _quantity(first).unit in DIMENSIONS
                and _quantity(first).unit == _quantity(second).unit
                and CONVERSION_GAP.fullmatch(between)
            ):
                union.join(i, j)


CONVERSION_GAP = re.compile(r"\s*[(\[]\s*(?:or\s+|about\s+|some\s+|roughly\s+)?")


def _join_headlines(union: _Union, facts, refs, era, clause_words) -> None:
    """A headline's count that met no other article's follows its own body's count of
    the same thing, where the body's is compared across articles: "checks into rehab
    to begin 117-day stint" over a body's "to begin a 90-day court-ordered stint".
    The same thing is the same label and era and a word of the count's clause; a
    headline that disagrees with its own body is what the editor must see
    (`_outliers_first` shows it), and one that agrees adds nothing.
    """
    article = [refs[row].article_id for row, _, _ in facts]
    spread: dict[int, set[int]] = defaultdict(set)  # component -> its articles
    for i, a in enumerate(article):
        spread[union.find(i)].add(a)
    for i, (_, claim, fact) in enumerate(facts):
        if not _headline(claim) or len(spread[union.find(i)]) > 1:
            continue
        bodies = {
            union.find(k)
            for k, (_, other, body) in enumerate(facts)
            if article[k] == article[i]
            and not _headline(other)
            and body.label == fact.label
            and era[k] == era[i]
            and not _owned_apart(fact, body)
            and len(spread[union.find(k)]) > 1
            and clause_words(i) & clause_words(k)
        }
        if len(bodies) == 1:  # one body count it can be, not one of two
            union.join(i, bodies.pop())


def _apart_by_owner(groups: list[list[int]], facts, refs, scores: Scores) -> list[list[int]]:
    """A group that holds the counts of two named people (Dernhall's seven years and
    Brisk's four, chained through a headline's "jailed for seven years" that names
    no one) is split by owner; a count with no owner goes with the owner whose
    sentence is most like its own."""
    out = []
    for group in groups:
        owners = {facts[i][2].owner for i in group} - {""}
        if len(owners) < 2:
            out.append(group)
            continue
        parts: dict[str, list[int]] = {
            o: [i for i in group if facts[i][2].owner == o] for o in owners
        }
        article = {i: refs[facts[i][0]].article_id for i in group}
        owned_by = {o: {article[i] for i in part} for o, part in parts.items()}
        for i in group:
            if facts[i][2].owner:
                continue
            # Not an owner its article already names: "Brisk four years, and Tregear
            # three" gives the three to no one the parse can see, and not to Brisk.
            free = sorted(o for o in parts if article[i] not in owned_by[o])
            if not free:
                out.append([i])
                continue
            row = facts[i][0]
            owner = max(free, key=lambda o: max(float(scores[row, facts[j][0]]) for j in parts[o]))
            parts[owner].append(i)
        out.extend(sorted(part) for part in parts.values())
    return out


def _near_stems(claim: ClaimSpan, fact: FactSpan, width: int = REWORDED_WIDTH) -> set[str]:
    """Content words around a count, without the count and what it counts."""
    at, end = fact.start - claim.start, fact.end - claim.start
    # Within the count's own clause: up to a comma, or another number, either side.
    before = CLAUSE_START.split(claim.text[max(0, at - width) : at])[-1]
    after = CLAUSE_END.split(claim.text[end : end + width])[0]
    return _stems(before + " " + after) - _stems(fact.label) - NUMBER_STEMS


def _join_reworded(union: _Union, facts, refs, scores: Scores, at_row, era) -> None:
    """Counts of one thing in reworded sentences: "played for 14 seasons with the
    team" and "played for the Sixers for 11 seasons".

    A count that has no partner in another article joins that article's count of
    the same label, with no partner back, in a sentence at least `REWORDED_SCORE`
    alike that shares a word near the count, where each is the other's best such
    match (most shared words, then likeness). Conflicts found this way are at most
    medium (`_number_findings`), since the sentences are only loosely alike.
    """
    members: dict[int, set[int]] = defaultdict(set)  # component -> articles in it
    told: dict[int, set[int]] = defaultdict(set)  # component -> articles with a body count
    for i, (row, claim, _) in enumerate(facts):
        members[union.find(i)].add(refs[row].article_id)
        if not _headline(claim):
            told[union.find(i)].add(refs[row].article_id)
    near = [_near_stems(claim, fact) for _, claim, fact in facts]
    # A count its article gives again where it is already compared ("destroys 41
    # homes" in the headline, "has destroyed 41 homes" in the body) needs no loose pair.
    placed = {
        (refs[row].article_id, fact.label, fact.value)
        for i, (row, _, fact) in enumerate(facts)
        if len(members[union.find(i)]) > 1
    }

    def loose(k: int) -> bool:
        row, _, fact = facts[k]
        own = len(members[union.find(k)]) > 1
        again = (refs[row].article_id, fact.label, fact.value) in placed
        return fact.qualifier != "vague" and bool(near[k]) and (own or not again)

    # The most shared words; then a body's count is a better partner than a headline's
    # ("by 212 votes" against the body's "a margin of just 276 votes"); then likeness.
    best: dict[tuple[int, int], tuple[int, bool, float, int]] = {}
    for i, (row_i, _, fact_i) in enumerate(facts):
        if not loose(i):
            continue
        covered = told[union.find(i)]  # a headline's count alone leaves its body open
        for row_j, score in scores.neighbours(row_i):
            b = refs[row_j].article_id
            if score < REWORDED_SCORE or b in covered:
                continue
            for j in at_row.get(row_j, ()):
                if (
                    union.find(j) == union.find(i)
                    or facts[j][2].label != fact_i.label
                    or era[i] != era[j]
                    or _owned_apart(fact_i, facts[j][2])
                    or _measures_apart(fact_i, facts[j][2])
                    or not loose(j)
                ):
                    continue
                shared = len(near[i] & near[j])
                if shared:
                    match = (shared, not _headline(facts[j][1]), score, -j)
                    if match > best.get((i, b), (0, False, 0.0, 0)):
                        best[(i, b)] = match
    article = [refs[row].article_id for row, _, _ in facts]
    for (i, _b), match in sorted(best.items(), key=lambda item: item[1], reverse=True):
        j = -match[-1]
        if best.get((j, article[i]), (0, False, 0.0, 0))[-1] != -i:
            continue  # not each other's best
        # Only groups that no article tells in its body meet, so one loose pair
        # cannot chain the story's "five boats" and "three boats" together; but a
        # body's "margin of just 276 votes" meets the others' 212 that its own
        # headline gives too.
        ri, rj = union.find(i), union.find(j)
        if ri != rj and not told[ri] & told[rj]:
            union.join(ri, rj)
            members[union.find(i)] = members[ri] | members[rj]
            told[union.find(i)] = told[ri] | told[rj]


# Two measures of one thing in loosely alike sentences differ by a slip or a wrong
# conversion, not by more than this factor.
MEASURE_FACTOR = 4.0


def _measures_apart(a: FactSpan, b: FactSpan) -> bool:
    """Measures too far apart to be one told two ways: a bank "4 metres high" and a
    breach "492 feet wide" share the word "bank", not what they measure. A dropped
    or added digit ("40 tonnes" / "400 tonnes") is a slip, not another measure."""
    x, y = _quantity(a), _quantity(b)
    if x.unit not in DIMENSIONS or x.unit == "%" or min(x.value, y.value) <= 0:
        return False
    ratio = max(x.value, y.value) / min(x.value, y.value)
    tens = math.log10(ratio)
    return ratio > MEASURE_FACTOR and abs(tens - round(tens)) > 0.01


def _outliers_first(chosen, group, facts, refs):
    """An article that gives the count twice, once as the others do and once not
    ("six rounds" in the headline, "seven rounds" in the body), speaks through the
    one that disagrees: that is what the editor must see. What is usual for an
    article is what the other articles say: with two articles, a majority over
    both would be whichever came first."""
    values = {article: _quantity(f) for article, (_, f) in chosen.items()}
    out = dict(chosen)
    for i in sorted(group, key=lambda i: facts[i][2].start):
        _, claim, fact = facts[i]
        article = refs[facts[i][0]].article_id
        others = Counter(q.value for a, q in values.items() if a != article)
        if not others:
            continue
        value = others.most_common(1)[0][0]
        # In its unit: "56 miles" is the usual against which "73 miles" is an outlier.
        unit = next(q.unit for a, q in values.items() if a != article and q.value == value)
        usual = Quantity(value, "exact", unit if unit in DIMENSIONS else "")
        current = _quantity(out[article][1])
        outlier = fact.qualifier != "vague" and _numbers_conflict(_quantity(fact), usual)
        if outlier and not _numbers_conflict(current, usual):
            out[article] = (claim, fact)
            _as_written(out, article, group, facts, refs)
    return out


def _as_written(out, article: int, group, facts, refs) -> None:
    """Where an article's outlier is its conversion ("1,000km (806 miles)"), the others
    are shown by theirs too: "806 miles" against "620 miles", the figures as written."""
    unit = _written_unit(out[article][1])
    if not unit:
        return
    for i in group:
        other = refs[facts[i][0]].article_id
        _, claim, fact = facts[i]
        if other != article and _written_unit(fact) == unit != _written_unit(out[other][1]):
            out[other] = (claim, fact)


def _written_unit(fact: FactSpan) -> str:
    """The unit word a measure is written in: "miles" of "620 miles", "" for a count."""
    if _quantity(fact).unit not in DIMENSIONS:
        return ""
    return singular(fact.text.lower().rsplit(" ", 1)[-1].lstrip("0123456789.,-"))


def _twins(a, b, row_at: dict[tuple[int, int], int], scores: Scores) -> bool:
    """Counts, as (article, claim, fact), in near-identical sentences ("The three boats
    had a total of 26 crew"): one statement copied, which must agree even in a story
    that has two such counts."""
    row_a, row_b = row_at[(a[0], a[2].start)], row_at[(b[0], b[2].start)]
    context = fuzz.ratio(_context(a[1], a[2]), _context(b[1], b[2]))
    return scores[row_a, row_b] >= TWIN_SCORE and context >= TWIN_CONTEXT


class _Roles:
    """What each value of a label is said to count, by the words around it.

    Where two articles each give both 3 and 5 boats, those are two facts (five
    boats attacked, three intercepted) and are not compared; but an article whose
    "five boats" are *intercepted* gives the other fact's words to the wrong value.
    A count is misplaced when its words are closer to the other value's mentions
    than to its own value's, in the other articles.

    Built only when a story has such a pair: most stories never ask."""

    def __init__(self, facts, refs) -> None:
        self._facts, self._refs = facts, refs

    @functools.cached_property
    def _mentions(self) -> dict[tuple[str, float], list[tuple[int, set[str]]]]:
        mentions: dict[tuple[str, float], list[tuple[int, set[str]]]] = defaultdict(list)
        for row, claim, fact in self._facts:
            if fact.qualifier != "vague":
                key = (fact.label, _quantity(fact).value)
                mentions[key].append((self._refs[row].article_id, _near_stems(claim, fact)))
        return mentions

    def _closeness(self, article: int, near: set[str], label: str, value: float) -> int:
        return max(
            (len(near & theirs) for other, theirs in self._mentions[(label, value)]
             if other != article),
            default=0,
        )  # fmt: skip

    def _wrong(self, article: int, claim: ClaimSpan, fact: FactSpan, other: float) -> bool:
        near = _near_stems(claim, fact)
        own = _quantity(fact).value
        return self._closeness(article, near, fact.label, other) > self._closeness(
            article, near, fact.label, own
        )

    def misplaced(self, a, b) -> bool:
        """Whether either count, as (article, claim, fact), reads as the other's fact."""
        (art_a, claim_a, fact_a), (art_b, claim_b, fact_b) = a, b
        value_a, value_b = _quantity(fact_a).value, _quantity(fact_b).value
        return self._wrong(art_a, claim_a, fact_a, value_b) or self._wrong(
            art_b, claim_b, fact_b, value_a
        )


def _number_findings(refs, scores, claims) -> list[Finding]:
    facts = [f for f in _facts_of(refs, claims, "number") if f[2].label]
    groups, strict = _number_groups(facts, refs, scores, _story_year(claims))
    component = {}  # (article, fact start) -> its group before reworded counts joined
    for i, (row, _, fact) in enumerate(facts):
        component[(refs[row].article_id, fact.start)] = strict[i]
    # Values each article gives for a label: when two articles each state both 12 and
    # 31 magazines, those are two counts (one raid, all raids), not a conflict. One
    # article alone giving both may have got one of them wrong.
    stated: dict[tuple[int, str], set[float]] = defaultdict(set)
    # The same, told in the body: a headline's "by 212 votes" does not make its body's
    # "a margin of just 276 votes" a second fact; the article contradicts itself.
    told: dict[tuple[int, str], set[float]] = defaultdict(set)
    for row, claim, fact in facts:
        if fact.qualifier != "vague":
            stated[(refs[row].article_id, fact.label)].add(_quantity(fact).value)
            if not _headline(claim):
                told[(refs[row].article_id, fact.label)].add(_quantity(fact).value)
    # "about 1,200 …, down from about 1,500": the article gives 1,500 too, as before.
    earlier: dict[tuple[int, str], set[float]] = defaultdict(set)
    for row, claim, fact in facts:
        at = fact.start - claim.start
        if CHANGED_FROM.search(claim.text[max(0, at - 40) : at]):
            earlier[(refs[row].article_id, fact.label)].add(_quantity(fact).value)
    row_at = {(refs[row].article_id, fact.start): row for row, _, fact in facts}
    roles = _Roles(facts, refs)

    def strict_pair(chosen, a: int, b: int) -> bool:
        """Whether two articles' counts were grouped before the loose pass."""
        return component[(a, chosen[a][1].start)] == component[(b, chosen[b][1].start)]

    conflicting: list[tuple[str, dict[int, tuple[ClaimSpan, FactSpan]], str]] = []
    findings = []
    seen: Counter[str] = Counter()
    for group in sorted(groups, key=lambda g: min(facts[i][2].start for i in g)):
        chosen = _outliers_first(_per_article(group, facts, refs), group, facts, refs)
        if len(chosen) < 2:
            continue
        quantities = {aid: _quantity(fact) for aid, (_, fact) in chosen.items()}
        label = next(iter(chosen.values()))[1].label
        both = [values for (_, lab), values in stated.items() if lab == label and len(values) > 1]
        conflicts = [
            (a, b)
            for a in quantities
            for b in quantities
            if a < b
            and _numbers_conflict(quantities[a], quantities[b])
            and not _scales_apart(quantities[a], quantities[b])
            and quantities[b].value not in earlier[(a, label)]
            and quantities[a].value not in earlier[(b, label)]
            and (
                # One named party's count: "jailed Dernhall for nine years" against
                # "Dernhall will spend seven years", whatever else the articles say.
                _same_owner(chosen[a][1], chosen[b][1])
                or (
                    sum({quantities[a].value, quantities[b].value} <= v for v in both) < 2
                    or _twins((a, *chosen[a]), (b, *chosen[b]), row_at, scores)
                    or roles.misplaced((a, *chosen[a]), (b, *chosen[b]))
                )
                and (
                    strict_pair(chosen, a, b)
                    # Loosely alike: not where either article also gives the other's value.
                    or not (
                        quantities[b].value in told[(a, label)]
                        or quantities[a].value in told[(b, label)]
                    )
                )
            )
        ]
        if not conflicts:
            continue
        severity = min(
            (
                _number_severity(quantities[a], quantities[b])
                if strict_pair(chosen, a, b)
                else max(_number_severity(quantities[a], quantities[b]), "medium",
                         key=SEVERITY_ORDER.index)
                for a, b in conflicts
            ),
            key=SEVERITY_ORDER.index,
        )  # fmt: skip
        conflicting.append((label, chosen, severity))
    for label, chosen, severity in _same_conflicts(conflicting):
        seen[label] += 1
        key = f"number:{label}" + (f"#{seen[label]}" if seen[label] > 1 else "")
        summary = _number_summary(_number_title(label, chosen), [f for _, f in chosen.values()])
        findings.append(Finding(key, "number", severity, summary, _versions(chosen, _shown_number)))
    return findings


def _same_conflicts(conflicting):
    """Conflicts of one label that an article they share tells the same way are one:
    a trade paper's "recalls 12 lots" headline grouped with the wire's 14, its body's
    "has recalled 12 lots" with the daily's 14. Each article speaks through a sentence
    of its body where it has one. Where a shared article gives two values (12 and 31
    magazines: one raid, all raids) they stay apart."""
    merged: list[tuple[str, dict, str]] = []
    for label, chosen, severity in conflicting:
        for n, (label_m, chosen_m, severity_m) in enumerate(merged):
            shared = chosen.keys() & chosen_m.keys()
            if (
                label_m != label
                or not shared
                or any(
                    _quantity(chosen[a][1]).value != _quantity(chosen_m[a][1]).value for a in shared
                )
            ):
                continue
            union = dict(chosen_m)
            for article, version in chosen.items():
                if (
                    article not in union
                    or _headline(union[article][0])
                    and not _headline(version[0])
                ):
                    union[article] = version
            merged[n] = (label, union, min(severity, severity_m, key=SEVERITY_ORDER.index))
            break
        else:
            merged.append((label, chosen, severity))
    return merged


NAME_KINDS = {"person", "org", "place", "name"}
# What a longer word adds to a shorter one when it is a related word, not a typo:
# Russia / Russian, Ukraine / Ukrainian, Briton / Britons, Scot / Scottish.
RELATED_SUFFIXES = ("n", "an", "ian", "ians", "ans", "ns", "s", "es", "ese", "ish", "i", "is", "ic")
TITLE_CASE = 0.6


def _name_tokens(extractions: list[Extraction]):
    """(article, claim, kind, word, start) for every capitalised word of every name.

    Capitalised words that the model did not take for a name come too, with kind
    "loose": a misspelt name is often one the model no longer recognises.
    """
    for extraction in extractions:
        for claim in extraction.claims:
            covered = set()
            for fact in claim.facts:
                if fact.kind not in NAME_KINDS:
                    continue
                for match in re.finditer(r"[^\s]+", fact.text):
                    bare = match.group().removesuffix("'s").removesuffix("’s")
                    start = fact.start + match.start()
                    covered.add(start)
                    if len(bare) >= 4 and _name_word(bare) and not bare.isupper():
                        yield extraction.article_id, claim, fact.kind, bare, start
            words = list(re.finditer(r"[\w’']+", claim.text))
            capitalised = sum(w.group()[0].isupper() for w in words)
            if not words or capitalised > TITLE_CASE * len(words):
                continue  # a headline in title case capitalises every word
            # The first word is capitalised anyway; it is taken only where a name the
            # model knows follows it: "Wladimr Klitschko retained his titles".
            first = words[1:2] and claim.start + words[1].start() in covered
            for match in words if first else words[1:]:
                bare = match.group().removesuffix("'s").removesuffix("’s")
                start = claim.start + match.start()
                if start in covered or len(bare) < 4 or not _name_word(bare):
                    continue
                if not bare.isupper():
                    yield extraction.article_id, claim, "loose", bare, start


def _name_word(word: str) -> bool:
    """A capitalised word of letters, or of letters about an apostrophe that starts
    a name: "O'Brien", "D’Souza" (not "Collins'", the possessive)."""
    plain = re.sub(r"^(\w\w?)['’](?=[A-Z])", r"\1", word)
    return plain.isalpha() and plain[0].isupper()


def _spelling_variants(a: str, b: str, people: bool = False) -> bool:
    """Whether two words look like one name spelt two ways.

    `people`: both are known as people's names, so "Lohan" / "Loha" is a dropped
    letter even though "Russia" / "Russian" looks the same.
    """
    if a == b or a.lower() == b.lower():
        return False
    low_a, low_b = sorted((a.lower(), b.lower()), key=len)
    if len(low_a) == len(low_b) and low_a[0] == low_b[0] and _undoubled(low_a) == _undoubled(low_b):
        return True  # a doubled letter moved: Korell / Korrel
    limit = 1 if len(low_b) < 8 else 2
    if low_a[0] != low_b[0] or OSA.distance(low_a, low_b, score_cutoff=limit) > limit:
        return False  # the cheap test first: most pairs of words are far apart
    suffix = low_b[len(low_a) :] if low_b.startswith(low_a) else None
    if suffix == low_a[-1:]:
        suffix = None  # a doubled last letter is a slip: Ross / Rosss
    # "Lohan" / "Loha" is a dropped letter; "Klitschko" / "Klitschkos" a plural.
    if suffix in RELATED_SUFFIXES and (not people or suffix in {"s", "es", "ians", "ans", "ns"}):
        return False
    if _british(low_a) == _british(low_b):
        return False  # Centre / Center, Technicolour / Technicolor
    if _plain(low_a) == _plain(low_b):
        return False  # Vendome / Vendôme
    distance = OSA.distance(low_a, low_b)  # a swap of two letters is one slip
    if distance == 2 and _common_prefix(low_a, low_b) >= len(low_a) - 2:
        return False  # another ending is another name: Patrick / Patricia, Charles / Charlene
    return distance <= limit


def _undoubled(word: str) -> str:
    return re.sub(r"(.)\1+", r"\1", word)


def _plain(word: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", word) if not unicodedata.combining(c))


def _common_prefix(a: str, b: str) -> int:
    n = 0
    while n < min(len(a), len(b)) and a[n] == b[n]:
        n += 1
    return n


def _british(word: str) -> str:
    """One spelling for British and American forms, so they are not taken for typos."""
    for british, american in (
        ("our", "or"),
        ("tre", "ter"),
        ("ise", "ize"),
        ("yse", "yze"),
        ("ogue", "og"),
        ("ence", "ense"),
        ("lled", "led"),
        ("lling", "ling"),
    ):
        if word.endswith(british):
            return word[: -len(british)] + american
        if british in word[1:-1]:
            word = word.replace(british, american)
    return word


def _lower_words(extractions: list[Extraction]) -> set[str]:
    """Words the articles also write in lower case: common words, not names."""
    return {
        w for e in extractions for c in e.claims for w in re.findall(r"\b[a-z][a-z’']+\b", c.text)
    }


def _name_findings(extractions: list[Extraction]) -> list[Finding]:
    where: dict[str, dict[int, tuple[ClaimSpan, int]]] = defaultdict(dict)
    kinds: dict[str, set[str]] = defaultdict(set)
    common = _lower_words(extractions)
    for article_id, claim, kind, word, start in _name_tokens(extractions):
        if kind != "person" and word.lower() in common:
            continue  # "Director", "Escaped", "Good": capitalised in a headline
        where[word].setdefault(article_id, (claim, start))
        kinds[word].add(kind)
    spellings = sorted(where)
    union = _Union(len(spellings))
    by_initial: dict[str, list[int]] = defaultdict(list)
    for i, word in enumerate(spellings):
        by_initial[word[0].lower()].append(i)
    for members in by_initial.values():  # a misspelling keeps the first letter
        lowered = [spellings[i].lower() for i in members]
        # Edit distances in C, cut off at 2: most pairs of words are far apart.
        distance = process.cdist(
            lowered, lowered, scorer=OSA.distance, score_cutoff=2, dtype=np.int32, workers=-1
        )
        for x, y in zip(*np.nonzero(np.triu(distance <= 2, 1)), strict=True):
            i, j = members[x], members[y]
            a, b = spellings[i], spellings[j]
            if kinds[a] == {"loose"} and kinds[b] == {"loose"}:
                continue  # at least one spelling must be a name the model knows
            people = "person" in kinds[a] and "person" in kinds[b]
            if _spelling_variants(a, b, people) and not (set(where[a]) & set(where[b])):
                union.join(i, j)
    findings = []
    for group in union.groups():
        if len(group) < 2:
            continue
        words = [spellings[i] for i in group]
        chosen: dict[int, tuple[ClaimSpan, FactSpan]] = {}
        for word in words:
            for article_id, (claim, start) in where[word].items():
                chosen[article_id] = (claim, FactSpan("name", start, start + len(word), word, word))
        counts = Counter(f.value for _, f in chosen.values())
        majority = counts.most_common(1)[0][0]
        severity = "high" if any("person" in kinds[w] for w in words) else "medium"
        summary = _summary("Name spelled", (f.value for _, f in chosen.values()))
        findings.append(
            Finding(f"name:{majority.lower()}", "name", severity, summary,
                    _versions(chosen, lambda f: f.value))
        )  # fmt: skip
    return findings


def _stems(text: str) -> set[str]:
    """Content words cut to five letters: "diplomacy" and "diplomatic" meet."""
    return {w[:5] for w in re.findall(r"[a-z’']+", text.lower()) if w not in STOP and len(w) > 2}


def _quote_link(stems_a: set[str], stems_b: set[str], score: float) -> bool:
    """Whether two quotes, given as their word stems, are versions of one remark.

    Either most words of the shorter one are in the longer one (a shortened or
    reworded quote), or the sentences around them are alike and share some of the
    quoted words (the remark paraphrased inside quotation marks). A short quote
    ("I got caught but I'm OK") has few words to share: two of three do where the
    sentences around it are near copies.
    """
    shared = len(stems_a & stems_b)
    smaller = min(len(stems_a), len(stems_b)) or 1
    if shared >= 3 and shared / smaller >= 0.5:
        return True
    if shared >= 2 and shared / smaller >= 0.5 and score >= SHORT_QUOTE_SCORE:
        return True
    return shared >= 3 and score >= QUOTE_THRESHOLD


def _run_link(a: str, b: str) -> bool:
    """Whether two quotes share a run of words that only one remark would: five in a
    row ("not take the step into the void" / "does not take the step into the void"),
    one of them a content word ("one of the things that" is not a remark). Three in
    a row in alike sentences were tried: they tied "the Obama administration" in
    two different remarks together."""
    words_a, words_b = a.split(), b.split()
    match = SequenceMatcher(None, words_a, words_b, autojunk=False).find_longest_match()
    run = words_a[match.a : match.a + match.size]
    if not any(w not in STOP and len(w) > 2 for w in run):
        return False
    return match.size >= QUOTE_RUN


def _content_word(words: Iterable[str]) -> bool:
    return any(w not in STOP and len(w) > 2 for w in words)


def _slipped_run(a: str, b: str) -> bool:
    """Whether two quotes share a run of `QUOTE_RUN` words but for one word in its
    middle: "on the edge of the abyss" / "reached the brink of the abyss". A word
    changed inside the only run two versions shared broke the run the other links
    need. The words that do match must hold a content word."""
    words_a, words_b = a.split(), b.split()
    if LCSseq.similarity(words_a, words_b) < QUOTE_RUN - 1:
        return False  # too few words in common, in order: most pairs stop here, fast
    blocks = SequenceMatcher(None, words_a, words_b, autojunk=False).get_matching_blocks()
    for left, right in itertools.pairwise(blocks):
        # One word replaced on each side between two matching stretches.
        if right.a - (left.a + left.size) != 1 or right.b - (left.b + left.size) != 1:
            continue
        if not left.size or not right.size or left.size + right.size + 1 < QUOTE_RUN:
            continue
        kept = words_a[left.a : left.a + left.size] + words_a[right.a : right.a + right.size]
        if _content_word(kept):
            return True
    return False


def _word_swap(a: str, b: str) -> bool:
    """Whether two short quotes are one remark with a word or two changed: "I got
    caught but I'm OK" / "I got nothing but I'm OK". Too few words are left in
    common for the other links, and the model may split such a sentence at the
    quote, so its sentence does not align either. Both must have `QUOTE_RUN` words
    or more, and the same words in order must make up `SWAPPED_WORDS` of each."""
    words_a, words_b = a.split(), b.split()
    if min(len(words_a), len(words_b)) < QUOTE_RUN:
        return False
    if min(len(words_a), len(words_b)) < SWAPPED_WORDS * max(len(words_a), len(words_b)):
        return False
    kept = [
        w
        for op in Levenshtein.opcodes(words_a, words_b)
        if op.tag == "equal"
        for w in words_a[op.src_start : op.src_end]
    ]
    return len(kept) >= SWAPPED_WORDS * max(len(words_a), len(words_b)) and _content_word(kept)


def _quote_findings(refs, scores, claims) -> list[Finding]:
    facts = [
        f for f in _facts_of(refs, claims, "quote") if not _title_case(f[2].text)
    ]  # “Million Dollar Mermaid” is a title, not a quotation
    union = _Union(len(facts))
    stems = [_stems(fact.value) for _, _, fact in facts]  # the quoted words only
    articles = np.array([refs[row].article_id for row, _, _ in facts], dtype=np.int64)
    # Versions of one remark share quoted words: only quotes that do are compared.
    # Each quote joins its closest version in each other article, and only where
    # that one picks it back, so two remarks of one speaker do not run together.
    best: dict[tuple[int, int], tuple[float, int]] = {}  # (quote, article) -> (likeness, -quote)
    for x, y in zip(*candidate_pairs(stems, articles), strict=True):
        x, y = int(x), int(y)
        a, b = facts[x], facts[y]
        score = scores[a[0], b[0]]
        run = (
            _run_link(a[2].value, b[2].value)
            or _word_swap(a[2].value, b[2].value)
            or _slipped_run(a[2].value, b[2].value)
        )
        if not (run or _quote_link(stems[x], stems[y], score)):
            continue
        likeness = fuzz.token_set_ratio(a[2].value, b[2].value)
        if likeness < QUOTE_LIKENESS and not run:
            continue  # two remarks about one subject, not two versions of one
        for one, other in ((x, y), (y, x)):
            slot = (one, int(articles[other]))
            best[slot] = max(best.get(slot, (-1.0, 0)), (likeness, -other))
    joined = _join_mutual(union, best, lambda x: int(articles[x]))
    # One outlet's single quotation may be two in another ("…for the second time.
    # You know what they say…"): the second part, left over, joins the whole.
    # So does a reworded part that shares a run of words with the whole ("We are all
    # responsible so that it does not take the step into the void" in a two-sentence
    # quotation that says "…of us all to not take the step into the void").
    for (x, _), (_, minus_y) in sorted(best.items()):
        part, whole = facts[x][2].value, facts[-minus_y][2].value
        fits = len(part) < len(whole) and (
            fuzz.partial_ratio(part, whole) >= SPLIT_QUOTE
            or _run_link(part, whole)
            and _sentence_count(facts[-minus_y][2].text) > 1
        )
        if x not in joined and fits:
            union.join(x, -minus_y)
    findings = []
    for group in sorted(union.groups(), key=lambda g: min(facts[i][2].start for i in g)):
        chosen = _quote_per_article(group, facts, refs)
        if len(chosen) < 2:
            continue
        values = {fact.value for _, fact in chosen.values()}
        if len(values) < 2:
            continue
        # Low where the versions are trimmings of one quote: the versions no other
        # holds are one ("ensconced in the bosom of" and "My client is ensconced in
        # the bosom" of "My client is ensconced in the bosom of…"), or cuts of one
        # remark from either end that overlap. A fragment inside every version ("won
        # a fair deal") says nothing of the words around it: "held firm" against
        # "held the line" in the two whole versions is high.
        complete = [v for v in values if not any(v != w and v in w for w in values)]
        trimmed = all(_overlapping_cuts(a, b) for a, b in itertools.combinations(complete, 2))
        severity = "low" if trimmed else "high"
        # The key carries an editor's resolution to the next run. It comes from the
        # first version in alphabetical order, which a quote cut short keeps (its
        # first words stay); a fragment inside another version ("a raw, murderous
        # act") does not count, since cutting the whole may leave the fragment out.
        key = "quote:" + " ".join(min(complete).split()[:QUOTE_KEY_WORDS])
        shown: dict[str, str] = {}
        for _, fact in sorted(chosen.values(), key=lambda cf: cf[1].start):
            shown.setdefault(fact.value, _clip(fact.text))
        summary = _summary("Quote worded", (shown[f.value] for _, f in chosen.values()))
        findings.append(
            Finding(key, "quote", severity, summary, _versions(chosen, lambda f: f.text))
        )
    return findings


CUT_OVERLAP_WORDS = 3


def _overlapping_cuts(a: str, b: str) -> bool:
    """One remark cut at either end: the end of one is the start of the other ("we
    will rebuild the wall" and "rebuild the wall before winter")."""
    x, y = a.split(), b.split()
    for first, second in ((x, y), (y, x)):
        for k in range(min(len(x), len(y)) - 1, CUT_OVERLAP_WORDS - 1, -1):
            if first[-k:] == second[:k]:
                return True
    return False


def _sentence_count(text: str) -> int:
    """Sentences in a quotation: one more than the breaks inside it."""
    return 1 + len(re.findall(r"[.!?]\s+\S", text.strip()))


def _quote_per_article(group, facts, refs) -> dict[int, tuple[ClaimSpan, FactSpan]]:
    """One quote per article; where an article has several in the group (one remark
    split in two), the one whose words are not part of the others' speaks for it."""
    values = [facts[i][2].value for i in group]

    def contained(i: int) -> bool:
        article, value = refs[facts[i][0]].article_id, facts[i][2].value
        return any(
            value in other and refs[facts[j][0]].article_id != article
            for j, other in zip(group, values, strict=True)
        )

    chosen: dict[int, tuple[ClaimSpan, FactSpan]] = {}
    for i in sorted(group, key=lambda i: (contained(i), facts[i][2].start)):
        _, claim, fact = facts[i]
        chosen.setdefault(refs[facts[i][0]].article_id, (claim, fact))
    return chosen


def _title_case(text: str) -> bool:
    words = [w for w in text.split() if w[:1].isalpha()]
    return bool(words) and sum(w[0].isupper() for w in words) > TITLE_CASE * len(words)


def _clip(text: str, width: int = 60) -> str:
    text = " ".join(text.split())
    return f"“{text if len(text) <= width else text[: width - 1] + '…'}”"


def _key_words(claim: ClaimSpan, n: int = 5) -> str:
    """A stable, readable fingerprint of a claim for a finding's key. Numbers are
    left out: "Two workers" rewritten as "2 workers" is the same finding, and keeps
    the editor's resolution (services match stored discrepancies by key)."""
    words = [t for t in claim.terms if t not in NUMBER_WORDS and not any(c.isdigit() for c in t)]
    return " ".join(words[:n])


def _facts_by_article(extractions: list[Extraction], kind: str):
    for extraction in extractions:
        for claim in extraction.claims:
            for fact in claim.facts:
                if fact.kind == kind:
                    yield extraction.article_id, claim, fact


# --- What a named party pleaded or will do --------------------------------------

STANCE_NAMES = {"plea": "Plea", "appeal": "Appeal"}


def _stance_findings(extractions: list[Extraction]) -> list[Finding]:
    """A named party's plea or decision to appeal told two ways ("Dernhall pleaded not
    guilty" / "Dernhall, who pleaded guilty to embezzlement"). The sentences seldom
    align: the party's name and the pattern say they are one fact. Medium: a plea to
    one charge and not to another can both be true, and the editor must look."""
    told: dict[tuple[str, str], dict[int, list[tuple[ClaimSpan, FactSpan]]]] = defaultdict(
        lambda: defaultdict(list)
    )
    for article_id, claim, fact in _facts_by_article(extractions, "stance"):
        told[(fact.label, fact.owner)][article_id].append((claim, fact))
    findings = []
    for (label, owner), by_article in sorted(told.items()):
        # An article that tells both ("will appeal the sentence, not the verdict")
        # speaks for neither.
        chosen = {
            article_id: items[0]
            for article_id, items in by_article.items()
            if len({f.value for _, f in items}) == 1
        }
        if len({f.value for _, f in chosen.values()}) < 2:
            continue
        title = _stance_title(label, owner, [f.text for _, f in chosen.values()])
        summary = _summary(title, (f.value for _, f in chosen.values()))
        findings.append(
            Finding(f"claim:{label}:{owner}", "claim", "medium", summary,
                    _versions(chosen, lambda f: f.text))
        )  # fmt: skip
    return findings


def _stance_title(label: str, owner: str, texts: list[str]) -> str:
    """ "Plea (Dernhall)"; a verdict by the charge as the shortest version words it:
    "Verdict on money laundering (Tregear)"."""
    if not label.startswith("verdict:"):
        return f"{STANCE_NAMES[label]} ({owner.title()})"
    charges = [re.split(r"\b(?:of|on)\s+", text)[-1] for text in texts]
    return f"Verdict on {min(charges, key=len)} ({owner.title()})"


def _told_once(first: list[Finding], second: list[Finding]) -> list[Finding]:
    """`first`, then those of `second` not already shown by one of them: a finding
    whose every version's value lies in a version of one finding of `first`
    ("pleaded not guilty" / "pleaded guilty" is a plea, not also a statement)."""

    def within(v: VersionSpan, w: VersionSpan) -> bool:
        return v.article_id == w.article_id and w.start <= v.value_start < w.end

    kept = [
        finding
        for finding in second
        if not any(
            all(any(within(v, w) for w in shown.versions) for v in finding.versions)
            for shown in first
        )
    ]
    return [*first, *kept]


# --- Who said it -------------------------------------------------------------------


def _speaker_findings(extractions: list[Extraction]) -> list[Finding]:
    """The same words quoted in two articles, given to two different named people."""
    speaker_of: dict[tuple[int, int], tuple[ClaimSpan, FactSpan]] = {}
    for article_id, claim, fact in _facts_by_article(extractions, "speaker"):
        speaker_of[(article_id, int(fact.label))] = (claim, fact)
    quotes = [
        (article_id, fact, speaker_of[(article_id, fact.start)])
        for article_id, _, fact in _facts_by_article(extractions, "quote")
        if (article_id, fact.start) in speaker_of
    ]
    union = _Union(len(quotes))
    conflicting: set[int] = set()
    articles = np.array([article_id for article_id, _, _ in quotes], dtype=np.int64)
    keys = [_stems(quote.value) for _, quote, _ in quotes]
    for i, j in zip(*candidate_pairs(keys, articles), strict=True):
        (_, quote_i, (_, who_i)), (_, quote_j, (_, who_j)) = quotes[i], quotes[j]
        if not _same_quote(quote_i.value, quote_j.value):
            continue
        union.join(int(i), int(j))
        if _different_people(who_i.value, who_j.value):
            conflicting.update((int(i), int(j)))
    findings = []
    for group in union.groups():
        if not conflicting & set(group):
            continue
        chosen: dict[int, tuple[ClaimSpan, FactSpan]] = {}
        for i in sorted(group, key=lambda i: quotes[i][1].start):
            chosen.setdefault(quotes[i][0], quotes[i][2])
        if len({f.value for _, f in chosen.values()}) < 2:
            continue
        first_quote = min((quotes[i] for i in group), key=lambda q: (q[0], q[1].start))[1]
        key = "speaker:" + " ".join(first_quote.value.split()[:QUOTE_KEY_WORDS])
        summary = _summary(
            f"{_clip(first_quote.text, 40)} said by", (f.text for _, f in chosen.values())
        )
        # "he said" read as the subject of the sentence before is likely, not certain.
        guessed = any(f.qualifier in {"pronoun", "continued"} for _, f in chosen.values())
        severity = "medium" if guessed else "high"
        findings.append(
            Finding(key, "attribution", severity, summary, _versions(chosen, lambda f: f.text))
        )
    return findings


SAYING = re.compile(
    r"\b(?:said|says|say|told|tells|added|adds|stated|insisted|declared|claimed|claims"
    r"|explained|warned|noted|wrote|according\s+to)\b",
    re.IGNORECASE,
)
NARRATED_SHARE = 0.6


def _narrated_findings(extractions: list[Extraction]) -> list[Finding]:
    """A speaker's words told as an outlet's own narration: "The Tessaly Rose was
    fully certified," said its director, in one article; "The Tessaly Rose was fully
    certified." in another, with no one saying it. The narrating sentence holds a
    run of `QUOTE_RUN` words or more of the quotation, three of them lower-case
    content words, and has no quotation marks and no saying verb (reported speech
    is still attributed). Medium when it repeats most of the quotation, low for a
    phrase of it."""
    speaker_of = {
        (article_id, int(fact.label)): fact
        for article_id, _, fact in _facts_by_article(extractions, "speaker")
    }
    quotes = []
    quoted_spans: dict[int, list[tuple[int, int]]] = defaultdict(list)
    for article_id, claim, fact in _facts_by_article(extractions, "quote"):
        quoted_spans[article_id].append((fact.start, fact.end))
        if len(fact.value.split()) >= QUOTE_RUN:
            quotes.append((article_id, claim, fact, _stems(fact.value)))
    findings = []
    for extraction in extractions:
        for claim in extraction.claims:
            if _quoted(claim) or SAYING.search(claim.text) or not _is_statement(claim):
                continue
            if any(
                s < claim.end and claim.start < e for s, e in quoted_spans[extraction.article_id]
            ):
                continue  # the second sentence of a quotation
            words = [(m, normalise_quote(m.group())) for m in WORD_RE.finditer(claim.text)]
            plain_words = [w for _, w in words]
            stems = _stems(claim.text)
            chosen: dict[int, tuple[ClaimSpan, FactSpan]] = {}
            best = 0.0
            run_at: tuple[int, int] | None = None
            for article_id, quote_claim, quote, quote_stems in quotes:
                if article_id == extraction.article_id or article_id in chosen:
                    continue
                if len(stems & quote_stems) < 3:
                    continue
                quoted = quote.value.split()
                match = SequenceMatcher(
                    None, quoted, plain_words, autojunk=False
                ).find_longest_match()
                run = words[match.b : match.b + match.size]
                if match.size < QUOTE_RUN or _plain_content(m.group() for m, _ in run) < 3:
                    continue
                chosen[article_id] = (quote_claim, quote)
                best = max(best, match.size / len(quoted))
                if run_at is None:
                    run_at = (match.b, match.b + match.size)
            if run_at is None:
                continue
            first, last = words[run_at[0]][0], words[run_at[1] - 1][0]
            start, end = claim.start + first.start(), claim.start + last.end()
            plain = FactSpan("plain", start, end, claim.text[first.start() : last.end()],
                             "stated as fact")  # fmt: skip
            chosen[extraction.article_id] = (claim, plain)
            speakers = {aid: speaker_of.get((aid, fact.start)) for aid, (_, fact) in chosen.items()}

            shown = [
                "stated as fact" if aid == extraction.article_id else _quoted_from(speakers[aid])
                for aid in sorted(chosen)
            ]
            summary = _summary("Attribution", shown)
            severity = "medium" if best >= NARRATED_SHARE else "low"
            key = "narrated:" + " ".join(plain.text.lower().split()[:QUOTE_KEY_WORDS])
            findings.append(Finding(key, "attribution", severity, summary,
                                    _versions(chosen, lambda f: f.text)))  # fmt: skip
    return findings


def _plain_content(words: Iterable[str]) -> int:
    """Content words in lower case: a name ("the Endangered Species Act") shared by a
    quotation and a sentence is not the remark retold."""
    return sum(w.islower() and w not in STOP and len(w) > 2 for w in words)


def _quoted_from(speaker: FactSpan | None) -> str:
    if speaker is None:
        return "quoted"
    if speaker.qualifier == "pronoun":  # "she (Farrestad)"
        return f"quoted from {speaker.text.partition('(')[2].rstrip(')')}"
    if speaker.qualifier == "continued":  # "Ebbing (continued)"
        return f"quoted from {speaker.text.partition(' (')[0]}"
    return f"quoted from {speaker.text}"


def _same_quote(a: str, b: str) -> bool:
    if min(len(a.split()), len(b.split())) < 4:
        return False
    return fuzz.token_set_ratio(a, b) >= SAME_QUOTE and fuzz.partial_ratio(a, b) >= SAME_QUOTE


def _different_people(a: str, b: str) -> bool:
    """Whether two speaker values ("zadan", "meron+zadan") name different people;
    a slip in a surname is a name conflict, not another speaker."""
    left, right = a.split("+"), b.split("+")
    if len(left) != len(right):
        return True
    return any(
        x != y and not _spelling_variants(x.capitalize(), y.capitalize())
        for x, y in zip(sorted(left), sorted(right), strict=True)
    )


# --- Titles ------------------------------------------------------------------------


TitleAt = tuple[int, ClaimSpan, FactSpan]  # (article, claim, title)


def _aligned_titles(refs, scores, claims) -> list[tuple[TitleAt, TitleAt]]:
    """Titles of one person in sentences that state the same thing: "…," Captain
    Manohar Nambiar said" and its copy with "Lieutenant". Such a pair must agree
    whatever else the articles call the person."""

    claim_of = _row_claim(refs, claims)

    has_title = np.array(
        [any(f.kind == "title" for f in claim_of(row).facts) for row in range(len(refs))],
        dtype=bool,
    )
    out = []
    for row_a, row_b in aligned_pairs(refs, scores, STATEMENT_THRESHOLD, has_title):
        claim_a, claim_b = claim_of(row_a), claim_of(row_b)
        aid_a, aid_b = refs[row_a].article_id, refs[row_b].article_id
        for fa in claim_a.facts:
            for fb in claim_b.facts:
                if fa.kind == fb.kind == "title" and fa.label == fb.label:
                    out.append(((aid_a, claim_a, fa), (aid_b, claim_b, fb)))
    return out


def _title_findings(
    extractions: list[Extraction], aligned: Sequence[tuple[TitleAt, TitleAt]] = ()
) -> list[Finding]:
    """One finding per person whose titles disagree between articles (see
    `_title_conflicts`), or between two sentences that say the same thing (`aligned`)."""
    by_person: dict[str, dict[int, list[tuple[ClaimSpan, FactSpan]]]] = defaultdict(
        lambda: defaultdict(list)
    )
    for article_id, claim, fact in _facts_by_article(extractions, "title"):
        by_person[fact.label][article_id].append((claim, fact))
    aligned_of: dict[str, list[tuple[TitleAt, TitleAt]]] = defaultdict(list)
    for pair in aligned:
        aligned_of[pair[0][2].label].append(pair)
    findings = []
    for person, articles in sorted(by_person.items()):
        if len(articles) < 2:
            continue
        # Articles that give a person the same titles are judged once, as one group:
        # a story of hundreds of articles has a handful of ways to title someone.
        ways: dict[tuple[str, ...], list[int]] = defaultdict(list)
        for aid in sorted(articles):
            ways[tuple(dict.fromkeys(f.value for _, f in articles[aid]))].append(aid)
        involved: dict[int, tuple[ClaimSpan, FactSpan]] = {}
        # The same sentence with two titles speaks through those mentions.
        for (aid_a, claim_a, title_a), (aid_b, claim_b, title_b) in aligned_of[person]:
            if roles.conflict(title_a.value, title_b.value):
                involved.setdefault(aid_a, (claim_a, title_a))
                involved.setdefault(aid_b, (claim_b, title_b))
        signatures = list(ways)
        for x, sig_a in enumerate(signatures):
            for sig_b in signatures[x:]:
                if sig_a == sig_b and len(ways[sig_a]) < 2:
                    continue
                for value_a, value_b in _title_conflicts(sig_a, sig_b):
                    for value, aid in [(value_a, a) for a in ways[sig_a]] + [
                        (value_b, b) for b in ways[sig_b]
                    ]:
                        first = next(item for item in articles[aid] if item[1].value == value)
                        involved.setdefault(aid, first)
        if not involved:
            continue
        chosen = {
            aid: involved.get(aid) or _representative_title(items)
            for aid, items in articles.items()
        }
        summary = _summary(f"Title of {person.capitalize()}", (f.value for _, f in chosen.values()))
        findings.append(
            Finding(f"title:{person}", "title", "high", summary,
                    _versions(chosen, lambda f: f.text))
        )  # fmt: skip
    return findings


def _title_conflicts(a: tuple[str, ...], b: tuple[str, ...]) -> list[tuple[str, str]]:
    """Pairs of titles, one from each article's titles for a person, that disagree.

    "former" against the same office always counts: an outlet that once writes
    "former Secretary Locke" has it wrong wherever else it writes it right; so does
    one office at two ranks ("Vice President Obama" / "President Obama"). Two
    different offices count only if no title in one article agrees with one in
    the other ("President Obama", "former Senator Obama" and "President Obama").
    """
    always, office = [], []
    agree = False
    for title_a in a:
        for title_b in b:
            how = roles.conflict(title_a, title_b)
            if how == "former" or how == "office" and roles.ranked_variant(title_a, title_b):
                always.append((title_a, title_b))
            elif how == "office":
                office.append((title_a, title_b))
            else:
                agree = True
    return always + ([] if agree else office)


def _representative_title(items: list[tuple[ClaimSpan, FactSpan]]) -> tuple[ClaimSpan, FactSpan]:
    # The most specific title ("former president" over "president"), then the first.
    return max(items, key=lambda cf: (len(cf[1].value.split()), -cf[1].start))


# --- Dates -------------------------------------------------------------------------

COMPARABLE_DATE = ("wd:", "weekend", "md:", "ymd:", "rel:")


# A dateline ("First Published: June 13, 2013 4:59 PM EDT") dates the copy, not the
# event: outlets publish on different days, so datelines are never compared.
DATELINE_WORDS = frozenset(
    """published updated posted modified last first am pm a.m p.m gmt bst edt est pdt pst
    cet utc ist""".split()
)


# Times of day agree within this many minutes; where either is approximate ("at
# about 3.40am"), within the wider margin.
TIME_SLACK = 5
APPROX_TIME_SLACK = 20


# A time after these says nothing of when the event was: "extinguished by 7 a.m.",
# "as of 11 p.m. authorities were still searching" (but "just before midnight" is
# a time, if a loose one).
TIME_BOUND = re.compile(
    r"(?<!just )(?<!shortly )(?<!soon )(?<!not long )"
    r"\b(?:by|before|until|till|as\s+of|since|after|from|between|and)\s+$",
    re.IGNORECASE,
)
DATELINE_WORDS_AT_MOST = 3


def _times(claim: ClaimSpan) -> list[FactSpan]:
    """A claim's times of day that can be compared: not a bound's, not a dateline's
    ("UPDATED 3:09 AM EST", "May 3, 2013 | 8:20 am": the line is its dates and
    times and little else). A quoted time counts: a release quoted as saying the
    deputy "spotted Orozco shortly after 3 p.m." times the event as narration does."""
    times = [f for f in claim.facts if f.kind == "time"]
    if not times or set(claim.terms) & {"published", "updated", "posted", "modified"}:
        return []
    text = claim.text
    for fact in claim.facts:
        if fact.kind in {"date", "time"}:
            a, b = fact.start - claim.start, fact.end - claim.start
            text = text[:a] + " " * (b - a) + text[b:]
    if len(re.findall(r"[A-Za-z]{2,}", text)) <= DATELINE_WORDS_AT_MOST:
        return []
    return [f for f in times if not TIME_BOUND.search(claim.text[: f.start - claim.start][-20:])]


def _time_gap(a: FactSpan, b: FactSpan) -> float:
    """How far apart two times are, in their margins (over 1 they disagree; 0 where
    their zones differ: "08:47 GMT" and "10:47 a.m. local time" are not compared)."""
    if a.value[9:] != b.value[9:]:
        return 0.0
    slack = APPROX_TIME_SLACK if "approx" in {a.qualifier, b.qualifier} else TIME_SLACK
    gap = abs(dates.minutes(a.value) - dates.minutes(b.value))
    return min(gap, 24 * 60 - gap) / slack


def _times_agree(a: FactSpan, b: FactSpan) -> bool:
    return _time_gap(a, b) <= 1


def _time_findings(refs, scores, claims) -> list[Finding]:
    """Aligned sentences that give one event different times of day: "struck the
    Skellan Bank at about 3.40am" / "hit the Skellan Bank at about 4.30am today".
    A pair conflicts only where none of one sentence's times fits any of the
    other's ("an engine failure at 02:55 ... drifted onto the bank at 03:40")."""
    claim_of = _row_claim(refs, claims)
    timed = np.array([bool(_times(claim_of(row))) for row in range(len(refs))], dtype=bool)
    union = _Union(len(refs))
    shown: dict[int, FactSpan] = {}
    widest: dict[int, float] = {}  # row -> its pairs' gap, in margins
    for x, y in aligned_pairs(refs, scores, DATE_THRESHOLD, timed):
        times_x, times_y = _times(claim_of(x)), _times(claim_of(y))
        if scores[x, y] < NEAR_COPY_SCORE:  # only times whose clause the other tells
            times_x, times_y = _same_clause_dates(claim_of(x), times_x, claim_of(y), times_y)
        if not (times_x and times_y) or any(_times_agree(a, b) for a in times_x for b in times_y):
            continue
        union.join(x, y)
        gap = min(_time_gap(a, b) for a in times_x for b in times_y)
        widest[x] = widest[y] = max(widest.get(x, 0.0), widest.get(y, 0.0), gap)
        # Each shown by its time nearest the other's: the one most likely of the event.
        for row, mine, theirs in ((x, times_x, times_y), (y, times_y, times_x)):
            shown.setdefault(
                row,
                min(
                    mine,
                    key=lambda f: min(
                        abs(dates.minutes(f.value) - dates.minutes(t.value)) for t in theirs
                    ),
                ),
            )
    findings = []
    for group in union.groups():
        rows = [r for r in group if r in shown]
        if len(rows) < 2:
            continue
        chosen: dict[int, tuple[ClaimSpan, FactSpan]] = {}
        for row in sorted(rows, key=lambda r: (refs[r].article_id, refs[r].index)):
            chosen.setdefault(refs[row].article_id, (claim_of(row), shown[row]))
        if len(chosen) < 2:
            continue
        values = [_clock(fact.value) for _, fact in chosen.values()]
        first = min(chosen)
        words = sorted(t for t in chosen[first][0].terms if not any(c.isdigit() for c in t))
        # Beyond doubt: twice the margin ("about 3.40am" / "about 4.30am"); a near
        # miss of rounded times ("about 4am" / "4.25am") is medium.
        severity = "high" if max(widest[r] for r in rows) > 2 else "medium"
        findings.append(
            Finding(
                "time:" + " ".join(words[:4]),
                "date",
                severity,
                _summary("Time given", values),
                _versions(chosen, lambda f: f.text),
            )
        )
    return findings


def _clock(value: str) -> str:
    """ "hm:03:40" as "3:40 a.m."; a zone follows ("8:47 a.m. GMT")."""
    hour, minute = divmod(dates.minutes(value), 60)
    half = "a.m." if hour < 12 else "p.m."
    zone = value[9:].upper()
    return f"{(hour % 12) or 12}:{minute:02d} {half}" + (f" {zone}" if zone else "")


def _in_quotation(claim: ClaimSpan, fact: FactSpan) -> bool:
    """Whether a fact lies inside one of the claim's quotations: the speaker's word."""
    return any(q.kind == "quote" and q.start <= fact.start < q.end for q in claim.facts)


# A wire lede's dateline: the place in capitals, then the day of filing, up to a dash.
WIRE_DATELINE = re.compile(r"\s*[A-Z]{3,}[A-Z' .-]*,[^–—\n]{0,60}?\s[–—-]\s")


def _comparable_dates(claim: ClaimSpan, published: date | None = None) -> list[FactSpan]:
    """The claim's dates that can be compared; "yesterday" only when the day of
    publication places it (as a calendar date)."""
    found = []
    for fact in claim.facts:
        if fact.value.startswith("rel:") and _in_quotation(claim, fact):
            continue  # "lost three of its own this morning," she said: the day she spoke
        if fact.kind == "date" and fact.value.startswith(COMPARABLE_DATE):
            if (lead := WIRE_DATELINE.match(claim.text)) and fact.end - claim.start <= lead.end():
                continue  # "BRANNOCK, 10 March (Meridian Press Service) –": the copy's day
            value = dates.resolve(fact.value, published)
            if value is not None:
                found.append(replace(fact, value=value))
    if not found:
        return []
    words = {w for w in claim.terms if not any(c.isdigit() for c in w)} - DATELINE_WORDS
    # Only the compared dates' own words go: "a national day" (of mourning), which
    # spaCy tags a date only beside some weekdays, still says what the day is.
    words -= {
        w
        for f in claim.facts
        if f.kind == "date" and f.value.startswith(COMPARABLE_DATE)
        for w in f.text.lower().split()
    }
    # A dateline or a bare "on Friday" says nothing to compare; a dated event does.
    events = any(f.kind == "event" for f in claim.facts)
    return found if len(words) >= 3 or events and len(words) >= 2 else []


DATE_CLAUSE = re.compile(CLAUSES)
DATE_STEMS = {
    w[:5]
    for w in (*dates.WEEKDAYS, *dates.MONTHS, "morning", "afternoon", "evening", "night",
              "late", "early", "weekend", "today", "yesterday", "tonight",
              # the date's own prepositions: "since Sunday" / "since Friday" share no deed
              "since", "until", "till", "last", "next", "past")
}  # fmt: skip
DATE_CLAUSE_WIDTH = 60
DESCRIBING = re.compile(r"\b(a|an|the)\s+[a-z]+ed\b(?=\s+[a-z])", re.IGNORECASE)


def _date_clause(claim: ClaimSpan, fact: FactSpan | None) -> set[str]:
    """Stems (and numbers) of the words in a date's own clause, within
    `DATE_CLAUSE_WIDTH` characters: what the date says happened then. Without a
    date, those of the whole sentence."""
    text = claim.text
    times = []
    for other in claim.facts:
        # Other dates' digits are not a shared number; a time is one number as a
        # whole ("2:30 p.m" and "2:15 a.m." share no "2").
        if other.kind == "time" or (
            other.kind == "date" and other.value.startswith(COMPARABLE_DATE)
        ):
            a, b = other.start - claim.start, other.end - claim.start
            text = text[:a] + " " * (b - a) + text[b:]
            if other.kind == "time" and other != fact:
                times.append((a, b, other.value))
    if fact is None:
        before, after = text, ""
        low, high = 0, len(text)
    else:
        at, end = fact.start - claim.start, fact.end - claim.start
        before = DATE_CLAUSE.split(text[max(0, at - DATE_CLAUSE_WIDTH) : at])[-1]
        after = DATE_CLAUSE.split(text[end : end + DATE_CLAUSE_WIDTH])[0]
        low, high = at - len(before), end + len(after)
    numbers = set(re.findall(r"\d+", before + " " + after))
    numbers |= {value for a, b, value in times if low <= a and b <= high}
    # "from a collapsed mine ... early Wednesday": a participle that describes a
    # thing tells no deed of the day ("the roof collapsed on Monday" does).
    words = DESCRIBING.sub(r"\1", before + " " + after)
    return (_stems(words) - DATE_STEMS) | numbers


STORY_NAME_SHARE = 0.15


def _story_names(claims: dict[int, tuple[ClaimSpan, ...]]) -> frozenset[str]:
    """Stems of the names in many of the story's sentences ("Marrowby", "Lohan"):
    where it all happened or whom it is about, so naming it ties no two clauses
    to one deed. Capitalised words in at least `STORY_NAME_SHARE` of them."""
    every = [claim for article in claims.values() for claim in article]
    named: Counter[str] = Counter()
    for claim in every:
        named.update(_stems(" ".join(re.findall(r"\b[A-Z][a-z]+", claim.text))))
    return frozenset(w for w, n in named.items() if n >= STORY_NAME_SHARE * len(every))


def _same_clause_dates(claim_a, dates_a, claim_b, dates_b, common=frozenset()):
    """The dates of two aligned sentences that may date the same thing: those whose
    clause shares a word or a number with the other sentence. "was detained by
    police and is expected in court on Thursday" / "has been detained by police,
    as divers resumed the search on Wednesday" align on the detention, but each
    date's clause (the court, the search) is absent from the other sentence. A
    clause with no word of its own is kept. Matching clause to clause instead
    was tried: it dropped reworded true conflicts ("died Friday at 91" / "passed
    away in Beverly Hills, Calif., on Thursday at the age of 91"). The `common`
    stems (the story's own place) are no shared word."""
    words_a = _date_clause(claim_a, None) - common
    words_b = _date_clause(claim_b, None) - common
    keep_a = [f for f in dates_a if not (c := _date_clause(claim_a, f)) or c & words_b]
    keep_b = [f for f in dates_b if not (c := _date_clause(claim_b, f)) or c & words_a]
    return keep_a, keep_b


def _timed(claim: ClaimSpan, fact: FactSpan) -> str | None:
    """The time of day written at a date ("at 2.15am today", "Tuesday at 7:20pm")."""
    for other in claim.facts:
        if other.kind == "time" and (
            0 <= fact.start - other.end <= 8 or 0 <= other.start - fact.end <= 8
        ):
            return other.value
    return None


def _same_moment_dates(claim_a, dates_a, claim_b, dates_b):
    """The dates of two near copies that may date one moment. "The first survivor came
    up at 7.20pm, and the last at 2.15am today" / "The first survivor came out at
    7:20pm on Tuesday": the day of the last is not that of the first. A date at a
    time the other sentence lacks is left out where the other's date is at a time
    this sentence gives."""
    times_a = {f.value for f in claim_a.facts if f.kind == "time"}
    times_b = {f.value for f in claim_b.facts if f.kind == "time"}

    def keep(claim, found, own_times, other_claim, other_found, other_times):
        other_at = {_timed(other_claim, f) for f in other_found} - {None}
        if not other_at & own_times:
            return found
        return [f for f in found if (t := _timed(claim, f)) is None or t in other_times]

    kept_a = keep(claim_a, dates_a, times_a, claim_b, dates_b, times_b)
    kept_b = keep(claim_b, dates_b, times_b, claim_a, dates_a, times_a)
    return kept_a, kept_b


def _year(fact: FactSpan) -> int | None:
    return int(fact.label) if fact.label.isdigit() else None


def _dates_agree(
    a: list[FactSpan], b: list[FactSpan], published_a: date | None, published_b: date | None
) -> bool | None:
    """True if some pair of dates can be one day, False if every pair cannot, else None.

    "since Friday" and "until Tuesday" bound a stretch of days; a bound is compared
    only with another bound. Against a day ("over the weekend", "Tuesday's fire")
    it leaves the verdict unknown: a low flag at most, whether or not the day lies
    inside the stretch. Taking such pairs as agreeing lost a real conflict ("until
    Monday" where the fire was on Tuesday). A bound on the very day of the other
    fits it: the creamery stood "until Tuesday", the fire that razed it was "early
    Tuesday morning"."""

    def agree(x: FactSpan, y: FactSpan) -> bool | None:
        return dates.agree(x.value, y.value, _year(x), _year(y), published_a, published_b)

    # "Saturday 17 April" where 17 April is a Friday: each half must fit the other
    # article's day, or the slip in one half hides behind the other.
    partner_of: dict[FactSpan, FactSpan] = {}
    for pair in (_miswritten_day(a, published_a), _miswritten_day(b, published_b)):
        if pair:
            partner_of.update({pair[0]: pair[1], pair[1]: pair[0]})
    judged = []
    for x in a:
        for y in b:
            if x.qualifier == y.qualifier or "exact" in {x.qualifier, y.qualifier}:
                verdict = agree(x, y)
                if verdict is not False and (
                    (x in partner_of and agree(partner_of[x], y) is False)
                    or (y in partner_of and agree(x, partner_of[y]) is False)
                ):
                    verdict = False
                judged.append((x.qualifier == y.qualifier, verdict))
    if any(v is True for _, v in judged):
        return True
    verdicts = [v for alike, v in judged if alike]  # a bound against a day decides no False
    if verdicts and all(v is False for v in verdicts):
        return False
    return None


def _miswritten_day(
    found: list[FactSpan], published: date | None
) -> tuple[FactSpan, FactSpan] | tuple[()]:
    """A weekday written beside a date it is not ("Saturday 17 April" in 2026, or
    "17 April, a Saturday"): the two facts, else none. The year is the date's own,
    else that of publication."""
    ordered = sorted(found, key=lambda f: f.start)
    for x, y in zip(ordered, ordered[1:], strict=False):
        weekdays = [f for f in (x, y) if f.value.startswith("wd:")]
        days = [f for f in (x, y) if f.value.startswith(("md:", "ymd:"))]
        beside = y.start - x.end <= 8 and {x.qualifier, y.qualifier} == {"exact"}
        if not (weekdays and days and beside):
            continue
        year = _year(days[0]) or (published.year if published else None)
        on = dates.on_calendar(days[0].value, year, None)
        if on is not None and dates.WEEKDAYS[on.weekday()][:3] != weekdays[0].value[3:6]:
            return (x, y)
    return ()


def _shown_date(fact: FactSpan) -> str:
    return " ".join(fact.text.split())


# A sentence about what is still to come: its day is not the day of the toll it names.
AHEAD_RE = re.compile(
    r"\b(?:will|shall|is\s+due\s+to|are\s+due\s+to|is\s+to\s+be|are\s+to\s+be)\b",
    re.IGNORECASE,
)


def _toll_pairs(refs, scores, claims, has_dates, taken: set[tuple[int, int]]):
    """Dated sentences in two articles that give the same toll: "left three bank workers
    dead … on Thursday" and "Three people … were killed … on Wednesday" tell one event
    in words too different to align. Each such sentence pairs with its closest one in
    each other article (rows i < j); these are judged like one-way best matches, at
    most medium, since the toll, not the sentence, says they are the same event."""
    tolls: dict[tuple[str, float], list[int]] = defaultdict(list)
    for row, claim, fact in _facts_of(refs, claims, "number"):
        if has_dates[row] and fact.label in EVENT_LABELS and fact.qualifier == "exact":
            if AHEAD_RE.search(claim.text):
                continue  # "On Friday the town will hold a service for the two who died"
            tolls[(fact.label, _quantity(fact).value)].append(row)
    best: dict[tuple[int, int], tuple[float, int]] = {}
    for rows in tolls.values():
        for a in rows:
            for b in rows:
                score = scores[a, b]
                if refs[a].article_id == refs[b].article_id or score < EVENT_THRESHOLD:
                    continue
                key = (a, refs[b].article_id)
                best[key] = max(best.get(key, (0.0, 0)), (score, -b))
    pairs = {tuple(sorted((a, -minus_b))) for (a, _), (_, minus_b) in best.items()}
    return sorted(pairs - taken)


def _lede_pairs(refs, claims, has_dates, taken: set[tuple[int, int]]):
    """The first body sentences of two articles, where both are dated: a lede tells
    the story's main event ("A court in Brannock on Tuesday jailed ..." / "The
    Brannock District Court on Monday brought one of the city's biggest corruption
    cases to a close"), however reworded. Judged like one-way best matches (at most
    medium), and only by the dates whose clause the other lede shares a word of."""
    lede: dict[int, int] = {}
    for row, ref in enumerate(refs):
        if ref.article_id not in lede and not _headline(claims[ref.article_id][ref.index]):
            lede[ref.article_id] = row
    rows = [row for row in lede.values() if has_dates[row]]
    pairs = {(a, b) for a in rows for b in rows if a < b}
    return sorted(pairs - taken)


def _event_pairs(refs, claims, has_dates, taken: set[tuple[int, int]]):
    """Dated sentences that say when the same thing began or ended ("talks, which
    resumed on Wednesday" / "negotiations, which opened on Thursday"), one such
    sentence per article: reworded past aligning, they still date one event.
    Judged like one-way best matches: at most medium. A group noun alone ("the
    final round began") was tried as a wildcard and tied the start of a dispute,
    of work and of talks together."""
    by_article: dict[int, dict[str, list[int]]] = defaultdict(lambda: defaultdict(list))
    for row, _, fact in _facts_of(refs, claims, "event"):
        if has_dates[row] and row not in by_article[refs[row].article_id][fact.value]:
            by_article[refs[row].article_id][fact.value].append(row)
    pairs = set()
    for a, events_a in by_article.items():
        for b, events_b in by_article.items():
            if a >= b:
                continue
            for value, rows_a in events_a.items():
                rows_b = events_b.get(value, [])
                if len(rows_a) == 1 and len(rows_b) == 1:
                    pairs.add(tuple(sorted((rows_a[0], rows_b[0]))))
    return sorted(pairs - taken)


BOUNDS = frozenset({"since", "until"})


def _all_date_findings(refs, scores, claims, pairs, published, orphans, specific):
    """Date findings, and then those of the stretches ("did not tell the authority until
    24 November") in sentences whose other dates already disagree: a finding shows one
    date per article, so "found it on 21 November" / "on 20 November" would hide the
    second slip. A stretch's finding is kept where it is no low one and shows a date
    the first pass did not."""
    found = _date_findings(refs, scores, claims, pairs, published, orphans, set(specific))
    shown = {(v.article_id, v.value_start) for f in found for v in f.versions}
    bounds = _date_findings(
        refs, scores, claims, pairs, published, orphans, set(specific), bounds_only=True
    )
    return found + [
        f
        for f in bounds
        if f.severity != "low"
        and any((v.article_id, v.value_start) not in shown for v in f.versions)
    ]


def _date_findings(
    refs, scores, claims, pairs, published, orphans=(), specific=frozenset(), bounds_only=False
) -> list[Finding]:
    """Aligned sentences about one event whose dates cannot be the same day.

    Only the aligned pairs themselves are judged; their groups only gather the
    articles that take part, so a group that spans two events does not compare
    one event's date with the other's. A sentence whose best match picks another
    sentence of its article (`orphans`: "made it to the facility late Tuesday"
    against "checked into the facility late Thursday", which pairs with its own
    copy) counts only where its dates cannot be that match's, and at most as medium.
    Unless the sentences are near copies, a pair compares only the dates whose
    clause shares a word or a number with the other sentence (session 8): the
    sentences agree on one thing, their dates may be of others. Judging such
    pairs as loose instead raised as many false medium flags in the gold stories
    as it kept true ones.
    """

    claim_of = _row_claim(refs, claims)
    common = _story_names(claims)

    def dates_of(row: int) -> list[FactSpan]:
        found = _comparable_dates(claim_of(row), published[refs[row].article_id])
        return [f for f in found if f.qualifier in BOUNDS] if bounds_only else found

    def verdict_of(row_a: int, row_b: int, dates_a=None, dates_b=None) -> bool | None:
        return _dates_agree(
            dates_of(row_a) if dates_a is None else dates_a,
            dates_of(row_b) if dates_b is None else dates_b,
            published[refs[row_a].article_id],
            published[refs[row_b].article_id],
        )

    def compared(row_a: int, row_b: int) -> tuple[list[FactSpan], list[FactSpan]]:
        """The dates a pair compares. Near copies and the `specific` pairs compare
        all of them; other sentences only the dates whose clause is in the other
        sentence."""
        dates_a, dates_b = dates_of(row_a), dates_of(row_b)
        own = (row_a, row_b) in specific or (row_b, row_a) in specific
        if not own and scores[row_a, row_b] < NEAR_COPY_SCORE:
            dates_a, dates_b = _same_clause_dates(
                claim_of(row_a), dates_a, claim_of(row_b), dates_b, common
            )
        elif not own:
            dates_a, dates_b = _same_moment_dates(
                claim_of(row_a), dates_a, claim_of(row_b), dates_b
            )
        return dates_a, dates_b

    def judged(row_a: int, row_b: int) -> bool | None:
        """The verdict on a pair's dates. With none left to compare, nothing disagrees."""
        dates_a, dates_b = compared(row_a, row_b)
        return verdict_of(row_a, row_b, dates_a, dates_b) if dates_a and dates_b else True

    def date_shown(row: int, partner: int | None) -> FactSpan:
        """The date a sentence is shown by: one that cannot be its partner's day, and
        of those the one whose clause the partner tells ("the bridge fell on Monday",
        not "mourners gathered on Friday")."""
        if partner is not None:
            mine, theirs = compared(row, partner)
            words = _date_clause(claim_of(partner), None)
            disagreeing = [
                fact for fact in mine if verdict_of(row, partner, [fact], theirs) is False
            ] if theirs else []  # fmt: skip
            if disagreeing:  # of several, the one whose clause the partner tells most of
                return max(disagreeing, key=lambda f: len(_date_clause(claim_of(row), f) & words))
        return dates_of(row)[0]

    union = _Union(len(refs))
    edges = []
    loose = set()
    for row_a, row_b in pairs:
        dates_a, dates_b = compared(row_a, row_b)
        if not (dates_a and dates_b):
            continue  # nothing of one thing to compare: no verdict, and no link
        edges.append((row_a, row_b, verdict_of(row_a, row_b, dates_a, dates_b)))
        union.join(row_a, row_b)
    # The pairs a toll or an event makes form groups of their own: joined to the
    # sentence groups, they would be shown through another sentence of the article.
    apart = _Union(len(refs))
    for row_a, row_b in orphans:
        verdict = judged(row_a, row_b)
        if verdict is False:
            edges.append((row_a, row_b, verdict))
            loose.add((row_a, row_b))
            (apart if (row_a, row_b) in specific else union).join(row_a, row_b)
    by_group: dict[tuple[bool, int], list[tuple[int, int, bool | None]]] = defaultdict(list)
    for edge in edges:
        own = edge[:2] in specific
        by_group[(own, (apart if own else union).find(edge[0]))].append(edge)

    findings = []
    work = list(by_group.values())
    while work:
        group_edges = work.pop(0)
        while group_edges:
            found = _date_finding(group_edges, loose, claim_of, date_shown, refs, scores)
            if found is None:
                break
            finding, shown = found
            findings.append(finding)
            # A disagreement the finding does not show, because one of its articles
            # speaks through a sentence on another day ("announced Saturday" where the
            # article shows its "March 2 broadcast"), gets a finding of its own.
            hidden = {
                row
                for a, b, v in group_edges
                if v is False
                for row in (a, b)
                if refs[row].article_id not in shown
                or row != shown[refs[row].article_id]
                and verdict_of(row, shown[refs[row].article_id]) is not True
            }
            rest: list[tuple[int, int, bool | None]] = [
                (a, b, v) for a, b, v in group_edges if v is False and {a, b} & hidden
            ]
            if len(rest) == len(group_edges):
                break  # nothing new was shown: stop rather than repeat the finding
            # Each linked part of what is left is its own finding: the collapse one
            # article dated otherwise is not shown beside another's council session.
            parts = _Union(len(refs))
            for a, b, _ in rest:
                parts.join(a, b)
            split: dict[int, list[tuple[int, int, bool | None]]] = defaultdict(list)
            for edge in rest:
                split[parts.find(edge[0])].append(edge)
            group_edges, *others = split.values() if split else [[]]
            work.extend(others)
    return findings


def _date_finding(group_edges, loose, claim_of, date_shown, refs, scores):
    """The finding for one group of aligned dated sentences, and the row it shows for
    each article. `date_shown(row, partner)` is the date a row shows beside the row it
    disagrees with."""
    verdicts = [v for _, _, v in group_edges]
    strict = [v for a, b, v in group_edges if (a, b) not in loose]
    if False in strict:
        severity, wanted = "high", False
    elif False in verdicts:
        severity, wanted = "medium", False
    elif None in verdicts:
        severity, wanted = "low", None
    else:
        return None
    # Each article speaks through its sentence in the closest disagreeing pair (a
    # copied sentence with another day), then in the most of them.
    rank: dict[int, tuple[float, int]] = {}
    partner: dict[int, tuple[float, int]] = {}  # row -> its closest disagreeing row
    for row_a, row_b, verdict in group_edges:
        weight = scores[row_a, row_b] if verdict is wanted else 0.0
        for row, other in ((row_a, row_b), (row_b, row_a)):
            best, count = rank.get(row, (0.0, 0))
            rank[row] = (max(best, weight), count + (verdict is wanted))
            if verdict is False and weight >= partner.get(row, (-1.0, 0))[0]:
                partner[row] = (weight, other)
    chosen: dict[int, tuple[ClaimSpan, FactSpan]] = {}
    rows: dict[int, int] = {}
    for row in sorted(rank, key=lambda r: (-rank[r][0], -rank[r][1], r)):
        claim = claim_of(row)
        if refs[row].article_id not in chosen:
            other = partner[row][1] if row in partner else None
            chosen[refs[row].article_id] = (claim, date_shown(row, other))
            rows[refs[row].article_id] = row
    if len(chosen) < 2:
        return None
    first = chosen[min(chosen)][0]
    summary = _summary("Date given", (_shown_date(f) for _, f in chosen.values()))
    finding = Finding(f"date:{_key_words(first)}", "date", severity, summary,
                      _versions(chosen, lambda f: f.text))  # fmt: skip
    return finding, rows


# --- Hedging and attribution -------------------------------------------------------


def _is_statement(claim: ClaimSpan) -> bool:
    """A sentence that asserts something; not a short headline in title case."""
    words = claim.text.split()
    capitalised = sum(w[:1].isupper() for w in words)
    return len(claim.terms) >= 5 and capitalised <= TITLE_CASE * len(words)


def _quoted(claim: ClaimSpan) -> bool:
    """Hedges inside a quotation are the speaker's, not the outlet's."""
    return any(mark in claim.text for mark in '“”"')


def _own_source(claim: ClaimSpan, value: str) -> FactSpan | None:
    """The claim's source fact of this value outside any quotation it holds."""
    return next(
        (
            f
            for f in claim.facts
            if f.kind == "source" and f.value == value and not _in_quotation(claim, f)
        ),
        None,
    )


def _framing(claim: ClaimSpan) -> tuple[list[FactSpan], set[str]]:
    hedge_facts = [f for f in claim.facts if f.kind == "hedge"]
    return hedge_facts, {f.value for f in claim.facts if f.kind == "source"}


def _scope_shared(claim: ClaimSpan, hedge: FactSpan, other: ClaimSpan) -> FactSpan | None:
    """Where `other` states plainly what the hedge qualifies: the first shared word after it.

    A hedge that opens the sentence ("According to unconfirmed reports, …") covers all
    of it; one inside covers the ten words after it. Words meet by their first five
    letters ("election" / "elections").
    """
    after = claim.text[hedge.end - claim.start :]
    words = [w.lower() for w in re.findall(r"[\w’']+", after)]
    if hedge.start - claim.start > 2:
        words = words[:10]
    content = [w[:5] for w in words if w not in STOP and len(w) > 3 and w not in HEDGE_WORDS]
    other_words: dict[str, re.Match] = {}
    for m in re.finditer(r"[\w’']+", other.text):
        other_words.setdefault(m.group().lower()[:5], m)
    shared = [w for w in dict.fromkeys(content) if w in other_words]
    if len(shared) < 2:
        return None
    match = other_words[shared[0]]
    start = other.start + match.start()
    return FactSpan("plain", start, start + len(match.group()), match.group(), "stated as fact")


HEDGE_WORDS = {"reportedly", "allegedly", "apparently", "believed", "appears", "seems", "said"}


def _sum_pairs(refs, claims, statement, taken: set[tuple[int, int]]):
    """Statements in two articles that give the same sum of money or measured
    quantity ("contribute £3m towards a retraining fund" / "putting £3 million into
    a retraining fund"), once in each: however reworded, they tell one fact, and
    how sure each is of it can be compared."""
    rows_of: dict[tuple[str, int], list[int]] = defaultdict(list)
    for row, _, fact in _facts_of(refs, claims, "number"):
        if statement[row] and _quantity(fact).unit and fact.qualifier == "exact":
            rows_of[(fact.value, refs[row].article_id)].append(row)
    by_value: dict[str, list[int]] = defaultdict(list)
    for (value, _), rows in rows_of.items():
        if len(set(rows)) == 1:
            by_value[value].append(rows[0])
    pairs = {
        (a, b) for rows in by_value.values() for a, b in itertools.combinations(sorted(rows), 2)
    }
    return sorted(pairs - taken)


def _framing_findings(refs, scores, claims, pairs) -> list[Finding]:
    """A claim hedged in one article and told as fact in another; verified vs social media."""

    claim_of = _row_claim(refs, claims)

    hedging: dict[int, list[tuple[int, FactSpan, int, FactSpan]]] = defaultdict(list)
    attribution: list[tuple[int, FactSpan, int, FactSpan]] = []
    for row_a, row_b in pairs:
        for x, y in ((row_a, row_b), (row_b, row_a)):
            claim_x, claim_y = claim_of(x), claim_of(y)
            # Where a statement came from is the outlet's word even beside a quotation
            # ("in a statement confirmed by the court, he apologised 'for …'").
            fx = _own_source(claim_x, "verified")
            fy = _own_source(claim_y, "social")
            if fx is not None and fy is not None and _own_source(claim_y, "verified") is None:
                attribution.append((x, fx, y, fy))
                continue
            if _quoted(claim_x) or _quoted(claim_y):
                continue
            hedges_x, sources_x = _framing(claim_x)
            hedges_y, _ = _framing(claim_y)
            if hedges_x and not hedges_y and not sources_x & {"verified"}:
                for hedge in hedges_x:
                    plain = _scope_shared(claim_x, hedge, claim_y)
                    if plain is not None:
                        hedging[x].append((x, hedge, y, plain))
                        break
    findings = []
    for kind, severity, links in (
        ("attribution", "medium", attribution),
        ("hedging", "medium", [link for rows in hedging.values() for link in rows]),
    ):
        for _, chosen, first in _link_groups(links, refs, claim_of):
            title = "Verification" if kind == "attribution" else "Certainty"
            summary = _summary(title, (_framing_shown(f) for _, f in chosen.values()))
            findings.append(
                Finding(f"{kind}:{_key_words(first)}", kind, severity, summary,
                        _versions(chosen, lambda f: f.text))
            )  # fmt: skip
    return findings


def _link_groups(links, refs, claim_of):
    """Claims joined by links (row, fact there, row, fact there): for each group that
    spans two articles or more, its rows, one (claim, fact) per article, and its
    first claim (for the finding's key)."""
    union = _Union(len(refs))
    fact_at: dict[int, FactSpan] = {}
    for x, fx, y, fy in links:
        union.join(x, y)
        fact_at.setdefault(x, fx)
        fact_at.setdefault(y, fy)
    members: dict[int, list[int]] = defaultdict(list)
    for row in sorted(fact_at):
        members[union.find(row)].append(row)
    for rows in members.values():
        chosen: dict[int, tuple[ClaimSpan, FactSpan]] = {}
        for row in rows:
            chosen.setdefault(refs[row].article_id, (claim_of(row), fact_at[row]))
        if len(chosen) >= 2:
            first = claim_of(min(rows, key=lambda r: (refs[r].article_id, refs[r].index)))
            yield set(rows), chosen, first


def _framing_shown(fact: FactSpan) -> str:
    if fact.kind == "plain":
        return "stated as fact"
    if fact.kind == "source":
        return {"verified": "verified", "social": "from social media"}[fact.value]
    return fact.value


# --- Claims: aligned statements that say opposite things -----------------------------

# Word forms that cannot both describe one event, as pairs of groups. Lexical, so it
# knows only these; a confident finding needs the sentences otherwise alike.
CONTRASTS: list[tuple[frozenset[str], frozenset[str]]] = [
    (frozenset("rose rise rises risen increased increases grew climbed".split()),
     frozenset("fell fall falls fallen decreased decreases shrank dropped declined".split())),
    (frozenset("slowed slowing slowdown".split()),
     frozenset("stalled standstill halted stopped frozen".split())),
    (frozenset("continued continues resumed".split()),
     frozenset("stalled standstill halted stopped suspended".split())),
    (frozenset("confirmed confirms".split()), frozenset("denied denies".split())),
    (frozenset("accepted accepts approved agreed".split()),
     frozenset("rejected rejects refused declined".split())),
    (frozenset("won wins".split()), frozenset("lost loses".split())),
    (frozenset("arrested detained".split()), frozenset("released freed".split())),
    (frozenset("opened reopened".split()), frozenset("closed shut".split())),
    (frozenset("survived".split()), frozenset("died killed".split())),
    (frozenset("convicted".split()), frozenset("acquitted cleared".split())),
    (frozenset("resigned quit".split()), frozenset("fired dismissed sacked ousted".split())),
    (frozenset(["sank", "sunk", "went down"]), frozenset(["afloat"])),
    # A door or gate as it stood: "Gate 4 was open" / "Gate 4 itself was locked".
    (frozenset(["was open", "were open", "remained open", "stayed open", "unlocked"]),
     frozenset(["was locked", "were locked", "remained locked", "stayed locked",
                "was shut", "were shut", "remained shut"])),
    (frozenset("included include includes".split()),
     frozenset("excluded exclude excludes".split())),
    (frozenset("granted grants upheld".split()),
     frozenset("rejected rejects denied refused dismissed".split())),
    (frozenset("suspended suspend suspends paused postponed".split()),
     frozenset(["called off", "call off", "calls off", "cancelled", "canceled", "scrapped",
                "abandoned"])),
]  # fmt: skip
# The phrases among them, matched as a whole ("called off", not "off").
CONTRAST_RE = re.compile(
    r"\b(?:"
    + "|".join(sorted({re.escape(w) for pair in CONTRASTS for side in pair for w in side
                       if " " in w}, key=len, reverse=True))
    + r")\b|[A-Za-z]+",
    re.IGNORECASE,
)  # fmt: skip
# Aligned statements this alike that differ by a contrast are one claim told two
# ways; at CONFIDENT_CLAIM it is medium, not low.
CLAIM_THRESHOLD = 60.0
CONFIDENT_CLAIM = 70.0
# Statements that do not align still make a low claim when the words next to their
# opposite words (this many either side) share this many stems.
LOOSE_CLAIM = 30.0
CONTRAST_WIDTH = 4
CONTRAST_SHARED = 2


# Phrases whose contrast word says nothing opposite: "he is survived by his wife".
IDIOMS = re.compile(r"\bsurvived\s+by\b", re.IGNORECASE)


def _idioms_out(text: str) -> str:
    """The text with idioms blanked out, offsets kept."""
    return IDIOMS.sub(lambda m: " " * len(m.group()), text)


def _contrast(x: ClaimSpan, y: ClaimSpan) -> tuple[FactSpan, FactSpan] | None:
    """The words, as facts, by which two statements say opposite things, if they do."""
    words_x = _contrast_words(x.text)
    words_y = _contrast_words(y.text)
    for one, other in CONTRASTS:
        for a, b in ((one, other), (other, one)):
            in_x, in_y = a & words_x.keys(), b & words_y.keys()
            if in_x and in_y and not b & words_x.keys() and not a & words_y.keys():
                return _said(x, words_x[min(in_x)]), _said(y, words_y[min(in_y)])
    return None


def _said(claim: ClaimSpan, match: re.Match, value: str = "") -> FactSpan:
    """The words a claim conflict rests on, matched in the claim's text, as a fact;
    its value the words lower-cased, unless given."""
    return FactSpan(
        "claim",
        claim.start + match.start(),
        claim.start + match.end(),
        match.group(),
        value or " ".join(match.group().lower().split()),
    )


# A word denied in one statement and told plainly in the other: "pleaded not guilty" /
# "pleaded guilty", "had not been evacuated" / "was evacuated".
NEGATOR = r"(?:\bnot|\bnever|n[’']t)"
NEGATED_RE = re.compile(NEGATOR + r"\s+(?:(?:be|been|also|ever)\s+)?([a-z]{4,})\b", re.IGNORECASE)
# Words after "not" that do not carry the claim ("not only", "not immediately clear"),
# and "not yet", which a later article's news is expected to overtake ("have not
# yet named the victims" / "yesterday named the victims").
NOT_CLAIMS = frozenset(
    "only just immediately clear known sure certain because likely enough yet".split()
)

# A denial right before a plain word, "no" included ("no harm would come").
NEGATION_BEFORE = re.compile(rf"(?:\bno|{NEGATOR})\s+(?:\S+\s+)?$", re.IGNORECASE)
NEGATION_WIDTH = 4


def _same_subject(before_a: str, before_b: str) -> bool:
    """Whether the last content word before a denial is among the words before the
    plain statement."""
    words_a = before_a.split()[-NEGATION_WIDTH:]
    subject_a = next((stems for w in reversed(words_a) if (stems := _stems(w))), set())
    return bool(subject_a & _stems(" ".join(before_b.split()[-NEGATION_WIDTH:])))


def _negation(x: ClaimSpan, y: ClaimSpan) -> tuple[FactSpan, FactSpan] | None:
    """The words by which one statement denies what the other tells, if it does."""
    for a, b, flipped in ((x, y, False), (y, x, True)):
        denied_b = {m.group(1).lower() for m in NEGATED_RE.finditer(b.text)}
        for match in NEGATED_RE.finditer(a.text):
            word = match.group(1).lower()
            if word in NOT_CLAIMS or word in STOP or word in denied_b:
                continue
            plain = re.search(rf"\b{word}\b", b.text, re.IGNORECASE)
            if plain is None or NEGATION_BEFORE.search(b.text[: plain.start()]):
                continue  # "no harm would come" denies it too
            # Of the same subject (the last content word before the denial, among
            # the words before the plain one): "Hemsworth, Ross is not signed" is
            # no denial of "Hemsworth are already signed"; "the hospital was not
            # evacuated" is one of "patients at the hospital were evacuated".
            if not _same_subject(a.text[: match.start()], b.text[: plain.start()]):
                continue
            one, other = _said(a, match), _said(b, plain, word)
            return (other, one) if flipped else (one, other)
        found = _never_had(a, b)
        if found is not None:
            return (found[1], found[0]) if flipped else found
    return None


# "had never undergone a structural inspection" / "had passed a structural inspection":
# what one statement says never happened, the other has happen, by the thing's words.
NEVER_RE = re.compile(
    r"\bnever\s+(?:been\s+)?[a-z]+\s+(?:a|an|any)\s+((?:[a-z]+\s+)?[a-z]{4,})\b", re.IGNORECASE
)
HAPPENED = r"\b(?:[a-z]+ed|had|got|underwent|took|won|gave|made|held)\s+(?:a|an|the|its|their)\s+"


def _never_had(a: ClaimSpan, b: ClaimSpan) -> tuple[FactSpan, FactSpan] | None:
    """The words by which `a` says a thing never happened that `b` has happen."""
    for match in NEVER_RE.finditer(a.text):
        thing = match.group(1)
        if thing.split()[-1].lower() in STOP:
            continue
        plain = re.search(HAPPENED + re.escape(thing) + r"\b", b.text, re.IGNORECASE)
        if plain is None or NEGATION_BEFORE.search(b.text[: plain.start()]):
            continue
        if not _same_subject(a.text[: match.start()], b.text[: plain.start()]):
            continue
        return _said(a, match), _said(b, plain)
    return None


def _contrast_words(text: str) -> dict[str, re.Match]:
    """Each word of a text, and each contrast phrase, lower-cased, at its first match."""
    words: dict[str, re.Match] = {}
    for match in CONTRAST_RE.finditer(_idioms_out(text)):
        words.setdefault(" ".join(match.group().lower().split()), match)
    return words


def _contrast_sides(claim: ClaimSpan) -> set[tuple[int, int]]:
    """(contrast, side) for each side of each contrast whose words the claim uses."""
    words = _contrast_words(claim.text).keys()
    return {(n, side) for n, pair in enumerate(CONTRASTS) for side in (0, 1) if pair[side] & words}


CLAUSE_REACH = 12
SAYING_STEMS = frozenset(
    w[:5] for w in "said says say told tells added adds stated according".split()
)
CLAUSE_BREAK = re.compile(r"[,;:]$|^(?:but|while|whereas|although)$", re.IGNORECASE)


def _around(claim: ClaimSpan, fact: FactSpan, width: int = CONTRAST_WIDTH) -> set[str]:
    """Stems of the content words within `width` words of a contrast word, and back
    to the start of its clause (at most `CLAUSE_REACH` words): "but the postal
    ballots at the heart of the dispute will remain excluded" is of the ballots.
    Saying words are left out: "the commission said" says nothing of what."""
    before = claim.text[: fact.start - claim.start].split()
    clause = 0
    while clause < min(len(before), CLAUSE_REACH) and not CLAUSE_BREAK.search(before[-clause - 1]):
        clause += 1
    before = before[-max(width, clause) :]
    after = claim.text[fact.end - claim.start :].split()[:width]
    return {s for s in _stems(" ".join(before + after)) if s not in SAYING_STEMS}


def _loose_contrasts(refs, scores, claim_of, linked: set[tuple[int, int]]):
    """Statements too reworded to align that use opposite words about the same thing:
    "is a convicted sex offender" / "A acquitted sex offender sentenced to life",
    "Palmer voters in 2010 approved a $3 million bond" / "Palmer voters rejected a
    bond measure". The words next to the opposites must share `CONTRAST_SHARED`
    stems; such links are low unless an aligned link joins their group."""
    sides: dict[int, set[tuple[int, int]]] = {}

    def sides_of(row: int) -> set[tuple[int, int]]:
        if row not in sides:
            claim = claim_of(row)
            usable = _is_statement(claim) and not _quoted(claim)
            sides[row] = _contrast_sides(claim) if usable else set()
        return sides[row]

    for x, y, score in scores.pairs():
        if score < LOOSE_CLAIM or (min(x, y), max(x, y)) in linked:
            continue
        side_x, side_y = sides_of(x), sides_of(y)
        if not any((n, 1 - side) in side_y for n, side in side_x):
            continue
        found = _contrast(claim_of(x), claim_of(y))
        if found is None:
            continue
        shared = _around(claim_of(x), found[0]) & _around(claim_of(y), found[1])
        if len(shared) >= CONTRAST_SHARED:
            yield x, found[0], y, found[1]


def _claim_findings(refs, scores, claims, pairs) -> list[Finding]:
    """Aligned statements, outside quotations, that say opposite things ("slowed" /
    "come to a standstill", "resigned" / "was fired"); low unless the sentences are
    otherwise alike."""

    claim_of = _row_claim(refs, claims)

    links = []
    for x, y in pairs:
        claim_x, claim_y = claim_of(x), claim_of(y)
        if _quoted(claim_x) or _quoted(claim_y):
            continue
        found = (
            _contrast(claim_x, claim_y) or _negation(claim_x, claim_y)
            if scores[x, y] >= CLAIM_THRESHOLD
            else None
        )
        if found is not None:
            links.append((x, found[0], y, found[1]))
    links.extend(_loose_contrasts(refs, scores, claim_of, {(x, y) for x, _, y, _ in links}))
    findings = []
    for rows, chosen, first in _link_groups(links, refs, claim_of):
        best = max(scores[x, y] for x, _, y, _ in links if x in rows)
        severity = "medium" if best >= CONFIDENT_CLAIM else "low"
        summary = _claim_summary([f.value for _, f in chosen.values()])
        findings.append(
            Finding(f"claim:{_key_words(first)}", "claim", severity, summary,
                    _versions(chosen, lambda f: f.text))
        )  # fmt: skip
    return findings


def _claim_summary(values: list[str]) -> str:
    """Like `_summary`, but words on one side of an opposition are one version
    ("suspend" in a headline, "suspended" in a body): "Statement: suspend /
    suspended in 2 articles, called off in 1 article"."""
    counts = Counter(values)
    # The opposition the values are of: the one that holds most of them.
    pair = max(CONTRASTS, key=lambda p: sum(counts[v] for v in counts if v in p[0] | p[1]))

    def side(value: str) -> object:
        return next((k for k, words in enumerate(pair) if value in words), value)

    versions: dict[object, list[str]] = defaultdict(list)
    for value, _ in counts.most_common():
        versions[side(value)].append(value)
    return _versions_summary("Statement", counts, list(versions.values()))


# --- Coverage: what most articles report and some leave out -----------------------

# A fact is the story's when at least this share of its articles (and three) give it.
COVERAGE_SHARE = 0.6


def coverage(extractions: list[Extraction]) -> list[Coverage]:
    """The story's toll figures and people that most articles report, and who leaves
    them out. Only for stories of three articles or more."""
    articles = [e.article_id for e in extractions]
    needed = max(2, math.ceil(COVERAGE_SHARE * len(articles)))
    if len(articles) < 3:
        return []
    refs, scores = similarity(extractions, anchors=_anchors)
    claims = {e.article_id: e.claims for e in extractions}
    found: list[tuple[str, dict[int, tuple[ClaimSpan, FactSpan]]]] = []
    facts = [f for f in _facts_of(refs, claims, "number") if _event_like(f[2].label)]
    for group in _number_groups(facts, refs, scores, _story_year(claims))[0]:
        chosen = _per_article(group, facts, refs)
        found.append((label_name(facts[group[0]][2].label), chosen))
    people: dict[str, dict[int, tuple[ClaimSpan, FactSpan]]] = defaultdict(dict)
    for article_id, claim, fact in _facts_by_article(extractions, "person"):
        words = [w for w in fact.text.split() if w[:1].isupper()]
        if len(words) >= 2:  # a full name; a lone surname is matched to it below
            people[words[-1].removesuffix("'s").removesuffix("’s")].setdefault(
                article_id, (claim, fact)
            )
    for surname, chosen in people.items():
        for article_id, claim, fact in _facts_by_article(extractions, "person"):
            last = fact.text.split()[-1].removesuffix("'s").removesuffix("’s")
            # The surname alone, or misspelt: the article names the person (the
            # spelling is a conflict of its own).
            if last == surname or _spelling_variants(last, surname, people=True):
                chosen.setdefault(article_id, (claim, fact))
        found.append(("Named", chosen))
    out = []
    for title, chosen in found:
        if needed <= len(chosen) < len(articles):
            value = Counter(_shown_coverage(f) for _, f in chosen.values()).most_common(1)[0][0]
            out.append(
                Coverage(
                    title,
                    value,
                    _versions(chosen, _shown_coverage),
                    tuple(a for a in articles if a not in chosen),
                )
            )
    out.sort(key=lambda c: (-len(c.reported), c.fact))
    return out


def _shown_coverage(fact: FactSpan) -> str:
    return _shown_number(fact) if fact.kind == "number" else fact.text
