"""How well the engine finds the discrepancies a careful editor would point out.

Plain functions, no database: the articles of a folder go through
`reconcile.engine.pipeline.analyse` and come out as a report shaped like
`reconcile-report/1`, which is matched against a gold file (the format and the
matching rule are in ../shared/eval/README.md). An existing report can be
matched the same way.
"""

from __future__ import annotations

import functools
import json
import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from articles.formats import read_file

from .engine.compare import IDIOMS, compare, coverage
from .engine.dates import MONTH_SHORT, minutes, publication_date, time_values
from .engine.extract import STOP, claim_terms, extract_many
from .engine.numbers import QUALIFIERS, parse_number
from .engine.pipeline import analyse
from .engine.types import ArticleText, Extraction, Finding

MAX_BYTES = 50_000_000
QUOTES = {
    "'": "'‘’‛`",
    "‘": "'‘’‛`",
    "’": "'‘’‛`",
    '"': '"“”„',
    "“": '"“”„',
    "”": '"“”„',
}


def load_gold(path: str | Path) -> dict[str, Any]:
    gold = json.loads(Path(path).read_text(encoding="utf-8"))
    if not isinstance(gold.get("articles"), list) or not isinstance(gold.get("items"), list):
        raise ValueError(f"{path}: a gold file needs 'articles' and 'items' lists")
    return gold


def read_articles(folder: str | Path, names: list[str]) -> list[tuple[str, str]]:
    """(file name, body) as an upload would store them."""
    out = []
    for name in names:
        path = Path(folder) / name
        out.append((name, read_file(name, path.read_bytes(), max_bytes=MAX_BYTES).body))
    return out


def report_from_findings(articles: list[tuple[str, str]], findings: list[Finding]) -> dict:
    """The parts of a `reconcile-report/1` that evaluation reads; article ids are 1-based."""
    return {
        "schema": "reconcile-report/1",
        "articles": [
            {"id": i, "filename": name, "body": body}
            for i, (name, body) in enumerate(articles, start=1)
        ],
        "discrepancies": [
            {
                "id": n,
                "key": f.key,
                "kind": f.kind,
                "severity": f.severity,
                "summary": f.summary,
                "versions": [
                    {
                        "article": v.article_id,
                        "start": v.start,
                        "end": v.end,
                        "value": v.value,
                        "value_start": v.value_start,
                        "value_end": v.value_end,
                    }
                    for v in f.versions
                ],
            }
            for n, f in enumerate(findings, start=1)
        ],
    }


def pipeline_report(articles: list[tuple[str, str]]) -> dict:
    texts = [
        ArticleText(i, body, publication_date(body))
        for i, (_, body) in enumerate(articles, start=1)
    ]
    _, findings = analyse(texts)
    return report_from_findings(articles, findings)


def anchor_pattern(anchor: str) -> re.Pattern[str]:
    """The anchor allowing any run of whitespace and either style of quote."""
    parts = []
    for word in anchor.split():
        parts.append(
            "".join(f"[{re.escape(QUOTES[c])}]" if c in QUOTES else re.escape(c) for c in word)
        )
    return re.compile(r"\s+".join(parts))


def anchor_spans(body: str, anchor: str) -> list[tuple[int, int]]:
    return [m.span() for m in anchor_pattern(anchor).finditer(body)]


@dataclass
class Evaluation:
    items: list[dict[str, Any]]
    discrepancies: list[dict[str, Any]]
    # item id -> ids of the discrepancies that match it, and the reverse.
    matched_by: dict[str, list[int]] = field(default_factory=dict)
    matches: dict[int, list[str]] = field(default_factory=dict)
    missing_anchors: list[tuple[str, str, str]] = field(default_factory=list)

    @property
    def recall(self) -> float:
        return _ratio(sum(bool(self.matched_by[i["id"]]) for i in self.items), len(self.items))

    @property
    def precision(self) -> float:
        hits = sum(bool(self.matches[d["id"]]) for d in self.discrepancies)
        return _ratio(hits, len(self.discrepancies))

    def recall_by(self, attribute: str) -> dict[Any, tuple[int, int]]:
        """attribute value -> (items found, items)."""
        out: dict[Any, list[int]] = defaultdict(lambda: [0, 0])
        for item in self.items:
            counts = out[item.get(attribute)]
            counts[0] += bool(self.matched_by[item["id"]])
            counts[1] += 1
        return {key: (found, total) for key, (found, total) in sorted(out.items(), key=str)}


def _ratio(part: int, whole: int) -> float:
    return part / whole if whole else 1.0


def evaluate(report: dict, gold: dict) -> Evaluation:
    """Match a report's discrepancies to the gold items (rule in shared/eval/README.md)."""
    by_name = _articles_by_name(report)
    result = Evaluation(gold["items"], report["discrepancies"])
    # (item id, article id) -> (side, anchor spans)
    anchors: dict[str, dict[int, tuple[int, list[tuple[int, int]]]]] = {}
    for item in gold["items"]:
        places: dict[int, tuple[int, list[tuple[int, int]]]] = {}
        for side_index, side in enumerate(item["sides"]):
            for name, anchor in side["anchors"].items():
                article = by_name.get(name)
                spans = anchor_spans(article["body"], anchor) if article else []
                if not spans:
                    result.missing_anchors.append((item["id"], name, anchor))
                    continue
                places[article["id"]] = (side_index, spans)
        anchors[item["id"]] = places
        result.matched_by[item["id"]] = []
    for discrepancy in report["discrepancies"]:
        result.matches[discrepancy["id"]] = []
        for item in gold["items"]:
            if _matches(discrepancy, anchors[item["id"]]):
                result.matches[discrepancy["id"]].append(item["id"])
                result.matched_by[item["id"]].append(discrepancy["id"])
    return result


def _matches(discrepancy: dict, places: dict[int, tuple[int, list[tuple[int, int]]]]) -> bool:
    sides = set()
    for version in discrepancy["versions"]:
        place = places.get(version["article"])
        if place is None:
            continue
        side, spans = place
        if any(version["start"] < end and start < version["end"] for start, end in spans):
            sides.add(side)
    return len(sides) >= 2


def _articles_by_name(report: dict) -> dict[str, dict]:
    out = {}
    for article in report["articles"]:
        for name in (article.get("filename"), Path(article.get("filename") or "").name):
            if name:
                out.setdefault(name, article)
    return out


def summary_lines(result: Evaluation, verbose: bool = False) -> list[str]:
    """Recall per tier and kind, then precision; the last line is `recall R precision P`."""
    lines = []
    if result.missing_anchors:
        for item_id, name, anchor in result.missing_anchors:
            lines.append(f"warning: {item_id}: anchor not found in {name}: {anchor!r}")
    for attribute in ("tier", "kind"):
        for key, (found, total) in result.recall_by(attribute).items():
            lines.append(f"recall {attribute} {key}: {found}/{total} = {_ratio(found, total):.3f}")
    hits = sum(bool(m) for m in result.matches.values())
    lines.append(
        f"precision: {hits}/{len(result.discrepancies)} reported discrepancies match a gold item"
    )
    if verbose:
        for item in result.items:
            found = result.matched_by[item["id"]]
            mark = "found" if found else "MISSED"
            lines.append(f"  {mark:6} {item['id']} tier {item.get('tier')} {item.get('kind')}: "
                         f"{item.get('what', '')}")  # fmt: skip
        for d in result.discrepancies:
            if not result.matches[d["id"]]:
                lines.append(f"  unmatched: {d['severity']} {d['kind']}: {d['summary'][:120]}")
    lines.append(f"recall {result.recall:.3f} precision {result.precision:.3f}")
    return lines


# --- Perturbations of real clusters -------------------------------------------------
#
# ECB+ clusters are real articles about one event. In one article a fact that
# another article also states is changed (a conflict the engine should find),
# or only its form is changed (a control it should leave alone). The corpus is
# read at run time, never copied.

WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
MONTHS = [
    "January", "February", "March", "April", "May", "June", "July",
    "August", "September", "October", "November", "December",
]  # fmt: skip
MONTH_ABBR = {m[:3] + ".": m for m in MONTHS if len(m) > 4} | {"Sept.": "September"}
NUMBER_WORDS = [
    "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
    "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen",
    "eighteen", "nineteen", "twenty",
]  # fmt: skip
ROLE_SWAPS = {
    "Governor": "Mayor", "Mayor": "Governor", "Gov.": "Mayor", "Senator": "Congressman",
    "Sen.": "Rep.", "Rep.": "Sen.", "President": "Vice President", "Sheriff": "Undersheriff",
    "Chief": "Deputy Chief", "Judge": "Prosecutor", "Secretary": "Deputy Secretary",
    "Minister": "Deputy Minister", "Coach": "Assistant Coach", "Director": "Deputy Director",
    "Inspector": "Sergeant", "Captain": "Lieutenant", "Commissioner": "Deputy Commissioner",
}  # fmt: skip
TITLE_RE = re.compile(
    r"\b(?P<former>[Ff]ormer\s+)?(?P<title>(?:[A-Z][a-z]+\s+){0,2}"
    r"(?:President|Governor|Gov\.|Mayor|Senator|Sen\.|Minister|Sheriff|Chief|Judge|Director"
    r"|Secretary|Coach|Commissioner|Inspector|Rep\.|Captain))"
    r"\s+(?P<name>(?:[A-Z][a-z’'-]+\s+){0,2}(?P<surname>[A-Z][a-z’'-]{2,}))\b"
)
HEDGE_RE = re.compile(
    r"\b(reportedly|allegedly|apparently|appears? to|appeared to|seems? to|seemed to"
    r"|believed to|unconfirmed|unverified|according to|said to|suspected)\b",
    re.IGNORECASE,
)
QUOTED_RE = re.compile(r"“([^”“]+?)”|\"([^\"]+?)\"")
SPEAKER_RE = re.compile(
    r"(?P<name>[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?)\s+(?:said|says|told|added)\b"
    r"|\b(?:said|says|added)\s+(?P<name2>[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?)"
)
REPLACEMENT_WORDS = [
    "never", "always", "nothing", "terrible", "certainly", "nobody", "quickly",
    "wrong", "impossible", "wonderful", "dangerous", "forgotten",
]  # fmt: skip
DETECTING_KINDS = {
    "number": {"number"},
    "name": {"name"},
    "date": {"date"},
    "quote": {"quote"},
    "title": {"title"},
    "hedge": {"hedging", "attribution"},
    "speaker": {"attribution", "quote"},
    "claim": {"claim"},
    "time": {"date"},
    "omission": set(),  # found through coverage, not findings
}
CONTROL_KINDS = ("digits-words", "units", "date-format", "time-format", "quote-shortened")


@dataclass(frozen=True)
class Cluster:
    name: str
    articles: dict[str, str]  # file name -> text
    chains: tuple[dict, ...] = ()


@dataclass(frozen=True)
class Perturbation:
    cluster: str
    kind: str  # a conflict kind of DETECTING_KINDS, or a control of CONTROL_KINDS
    article: str
    text: str  # the article's new text
    spans: tuple[tuple[int, int], ...]  # edited spans in the new text
    partners: tuple[str, ...]  # other articles stating the same fact
    change: str  # "45 -> 35", for reading the results
    fact: str = ""  # an omission: the coverage row it should raise ("People killed")

    @property
    def control(self) -> bool:
        return self.kind in CONTROL_KINDS


def load_clusters(corpus: str | Path, numbers: Iterable[int] | None = None) -> list[Cluster]:
    clusters = []
    for folder in sorted(Path(corpus).glob("cluster_*")):
        if numbers is not None and int(folder.name.split("_")[1]) not in set(numbers):
            continue
        articles = {p.name: p.read_text(encoding="utf-8") for p in sorted(folder.glob("*.txt"))}
        chains_path = folder / "crossdoc_coref.json"
        chains = json.loads(chains_path.read_text()) if chains_path.exists() else []
        clusters.append(Cluster(folder.name, articles, tuple(chains)))
    return clusters


@functools.lru_cache(maxsize=1024)
def _sentences(text: str) -> tuple[tuple[int, int], ...]:
    """Sentence spans: ECB+ has one per line; longer lines are split at full stops.
    Cached: every generator, and the speaker lookup for each quotation, asks again."""
    spans = []
    for line in re.finditer(r"[^\n]+", text):
        start = line.start()
        for piece in re.split(r"(?:(?<=[.!?])|(?<=[.!?][”\"]))\s+(?=[“\"A-Z])", line.group()):
            at = text.index(piece, start)
            if piece.strip():
                spans.append((at, at + len(piece)))
            start = at + len(piece)
    return tuple(spans)


CALENDAR = {w.lower() for w in WEEKDAYS + MONTHS}


def _content(text: str) -> set[str]:
    return {
        w
        for w in claim_terms(text)
        if len(w) > 2 and not any(c.isdigit() for c in w) and w not in CALENDAR
    }


def _sentence_at(text: str, position: int) -> str:
    return _sentence_and_start(text, position)[0]


def _sentence_and_start(text: str, position: int) -> tuple[str, int]:
    for start, end in _sentences(text):
        if start <= position < end:
            return text[start:end], start
    return "", position


def _shares_three(words: set[str], other: str) -> bool:
    return len(words & _content(other)) >= 3


# Words either side of a value that place it: "told reporters [Friday] night" and
# "the shooting [Friday]" share a sentence's names but not what the day is of.
NEAR_WORDS = 6


def _near(sentence: str, start: int, end: int) -> set[str]:
    """Stems (first five letters) of the content words within `NEAR_WORDS` of a value."""
    before = re.findall(r"[\w'’]+", sentence[:start])[-NEAR_WORDS:]
    after = re.findall(r"[\w'’]+", sentence[end:])[:NEAR_WORDS]
    return {w[:5] for w in _content(" ".join(before + after))}


def _partners(
    cluster: Cluster,
    article: str,
    sentence: str,
    contains,
    close=_shares_three,
    at: tuple[int, int] | None = None,
) -> tuple[str, ...]:
    """Other articles with a sentence that satisfies `contains` and is `close` to
    `sentence` (by default, shares three of its content words).

    With `at`, the value's span in `sentence`, `contains` gives the spans of the
    same value in the other sentence, and one of them must share a word near it
    with this one (`_near`): the same fact, not the same day or count of another."""
    words = _content(sentence)
    near = _near(sentence, *at) if at else set()
    out = []
    for name, text in cluster.articles.items():
        if name == article:
            continue
        for start, end in _sentences(text):
            other = text[start:end]
            found = contains(other)
            if not found or not close(words, other):
                continue
            if at and not any(near & _near(other, s, e) for s, e in found):
                continue
            out.append(name)
            break
    return tuple(out)


def _replace(text: str, start: int, end: int, new: str) -> tuple[str, tuple[int, int]]:
    return text[:start] + new + text[end:], (start, start + len(new))


NUMBER_TOKEN_RE = re.compile(
    r"(?<![\w.,$£€:/-])(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?(?![\w/]|[.,:]\d|-\d)"
    r"|\b(" + "|".join(NUMBER_WORDS[2:13]) + r")\b",
    re.IGNORECASE,
)
# "10 Nov 11" is a date, not ten of something: a short month name counts as a month.
TIME_OR_DATE_AFTER = re.compile(
    r"\s*(a\.m|p\.m|am\b|pm\b|GMT|BST|EST|EDT|PDT|PST|percent|%|st\b|nd\b|rd\b|th\b|"
    + "|".join(MONTHS)
    + rf"|[A-Z][a-z]{{2}}\.|{MONTH_SHORT}\b)"
)


def _numbers_in(text: str):
    """(start, end, value, as written) of counts, skipping years, times and dates."""
    for match in NUMBER_TOKEN_RE.finditer(text):
        written = match.group()
        start, end = match.span()
        before = text[max(0, start - 12) : start]
        if re.fullmatch(r"(1[89]|20)\d\d", written):
            continue
        if TIME_OR_DATE_AFTER.match(text, end) or re.search(
            r"(" + "|".join(MONTHS) + rf"|[A-Z][a-z]{{2}}\.|{MONTH_SHORT}\b|No\.|#)\s*$", before
        ):
            continue
        if _inside_quote(text, start):
            continue
        if re.search(r"\b[A-Z]{1,4}\s$", before):
            continue  # a model, not a count: "AK 47 rifles" (AK-47 is skipped above)
        value = parse_number(written)
        if value is not None:
            yield start, end, value, written


# The noun after a count, past a scale word: "110 billion euros" counts euros, and
# "110 billion ($143 billion)" says nothing of what it counts.
SCALE = r"(?:thousand|million|billion|trillion|bn)\b"
NOUN_AFTER_RE = re.compile(rf"[\s-]*(?:{SCALE}[\s-]*)?(?!{SCALE})([A-Za-z]+)")


def _noun_after(text: str, end: int) -> str:
    """The word after a count, singular and lower case: "31 magazines" -> "magazine"."""
    match = NOUN_AFTER_RE.match(text[end : end + 40])
    if not match:
        return ""
    word = match.group(1).lower()
    return "" if word in STOP else word.removesuffix("s")


def _word_end(text: str, end: int) -> int:
    """Where the word after `end` ends: a count's noun."""
    match = NOUN_AFTER_RE.match(text[end : end + 40])
    return end + match.end() if match else end


def _inside_quote(text: str, position: int) -> bool:
    return any(m.start() <= position < m.end() for m in QUOTED_RE.finditer(text))


def _render_like(value: float, written: str) -> str:
    if written.isalpha():
        if value == int(value) and int(value) < len(NUMBER_WORDS):
            word = NUMBER_WORDS[int(value)]
            return word.capitalize() if written[0].isupper() else word
        return f"{value:,.0f}"
    if "." in written:
        decimals = len(written.split(".")[1])
        return f"{value:.{decimals}f}"
    return f"{value:,.0f}" if "," in written else f"{value:.0f}"


LOWER_AND_UPPER = {word: bound for word, bound in QUALIFIERS if bound in {"min", "max"}}


def _bound_before(text: str, start: int) -> str:
    """ "min" or "max" when a bound ("at least", "up to") comes right before a count."""
    before = text[max(0, start - 20) : start].lower().rstrip()
    for words, bound in LOWER_AND_UPPER.items():
        if re.search(rf"\b{words}$", before):
            return bound
    return "exact"


def _gen_numbers(cluster: Cluster, rng) -> tuple[list[Perturbation], list[Perturbation]]:
    changes, controls = [], []
    for article, text in cluster.articles.items():
        for start, end, value, written in _numbers_in(text):
            sentence, begins = _sentence_and_start(text, start)
            noun = _noun_after(text, end)
            if not noun:
                continue
            # Another article states the same fact: the same count of the same noun
            # ("31 magazines") in a sentence that shares words with this one.
            partners = _partners(
                cluster,
                article,
                sentence,
                lambda other, v=value, w=noun: [
                    (n[0], _word_end(other, n[1]))
                    for n in _numbers_in(other)
                    if n[2] == v and _noun_after(other, n[1]) == w
                ],
                # Near words other than the noun itself, which both must have.
                at=(start - begins, _word_end(text, end) - begins),
            )
            if not partners:
                continue
            step = max(2, round(value * 0.3)) if value == int(value) else 0.5
            # A partner's bound decides which way a change of an exact count
            # conflicts: 52 agrees with "at least 40 firefighters", 28 does not.
            # ("At least three" raised to "at least five" is a bound the partners'
            # three breaks.)
            bounds = {
                _bound_before(cluster.articles[name], n[0])
                for name in partners
                for n in _numbers_in(cluster.articles[name])
                if n[2] == value and _noun_after(cluster.articles[name], n[1]) == noun
            }
            if {"min", "max"} <= bounds:
                continue
            if "min" in bounds and _bound_before(text, start) != "min":
                if value - step <= 0:
                    continue
                step = -step
            new = _render_like(value + step, written)
            new_text, span = _replace(text, start, end, new)
            changes.append(
                Perturbation(cluster.name, "number", article, new_text, (span,), partners,
                             f"{written} -> {new}")
            )  # fmt: skip
            if written.isalpha():
                form = f"{value:.0f}"
            elif value == int(value) and value < len(NUMBER_WORDS) and "." not in written:
                form = NUMBER_WORDS[int(value)]
            elif "," in written:
                form = written.replace(",", "")
            elif value >= 1000 and "." not in written:
                form = f"{value:,.0f}"
            else:
                continue
            new_text, span = _replace(text, start, end, form)
            controls.append(
                Perturbation(cluster.name, "digits-words", article, new_text, (span,), partners,
                             f"{written} -> {form}")
            )  # fmt: skip
    return changes, controls


UNIT_RE = re.compile(
    r"(?<![\w.,])(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?(\s?|-)"
    r"(km|kilometres|kilometers|miles|metres|meters|feet|ft)\b"
)
UNIT_SWAP = {
    "km": ("miles", 1 / 1.609344), "kilometres": ("miles", 1 / 1.609344),
    "kilometers": ("miles", 1 / 1.609344), "miles": ("km", 1.609344),
    "metres": ("feet", 1 / 0.3048), "meters": ("feet", 1 / 0.3048),
    "feet": ("metres", 0.3048), "ft": ("metres", 0.3048),
}  # fmt: skip


def _gen_units(cluster: Cluster, rng) -> list[Perturbation]:
    out = []
    for article, text in cluster.articles.items():
        for match in UNIT_RE.finditer(text):
            value = parse_number(match.group(1) + (match.group(2) or ""))
            if value is None:
                continue
            unit, factor = UNIT_SWAP[match.group(4)]
            converted = value * factor
            shown = f"{converted:,.0f}" if converted >= 20 else f"{converted:.1f}"
            new = f"{shown} {unit}"
            partners = _partners(
                cluster,
                article,
                _sentence_at(text, match.start()),
                lambda o: bool(UNIT_RE.search(o)),
            )
            new_text, span = _replace(text, match.start(), match.end(), new)
            out.append(
                Perturbation(cluster.name, "units", article, new_text, (span,), partners,
                             f"{match.group()} -> {new}")
            )  # fmt: skip
    return out


def _name_words(cluster: Cluster, people_only: bool = False) -> dict[str, set[str]]:
    """Words of annotated people's and places' names -> the articles that use them.

    A name word is capitalised and never written in lower case in the cluster, so
    "Beach" or "Host" (capitalised in a headline) are not taken for names.
    """
    words: dict[str, set[str]] = defaultdict(set)
    tags = {"HUMAN_PART_PER"} if people_only else {"HUMAN_PART_PER", "LOC_GEO", "LOC_FAC"}
    everything = "\n".join(cluster.articles.values())
    for chain in cluster.chains:
        for mention in chain["mentions"]:
            if mention.get("tag") not in tags:
                continue
            for word in re.findall(r"\b[A-Z][a-z]{3,}\b", mention["text"]):
                if word.lower() in STOP_NAMES or word in WEEKDAYS or word in MONTHS:
                    continue
                if re.search(rf"\b{word.lower()}\b", everything):
                    continue
                words[word].add(mention["file"])
    for word in list(words):
        pattern = re.compile(rf"\b{word}\b")
        words[word] = {n for n, t in cluster.articles.items() if pattern.search(t)}
    return {w: a for w, a in words.items() if len(a) >= 2}


STOP_NAMES = {
    "police", "president", "officials", "the", "this", "that", "mister", "court", "county",
    "city", "state", "national", "university", "north", "south", "east", "west", "new",
}  # fmt: skip


def _misspell(word: str, rng) -> str:
    vowels = "aeiou"
    for _ in range(20):
        i = rng.randrange(1, len(word))
        how = rng.choice(["swap", "drop", "double", "substitute"])
        if how == "swap" and i < len(word) - 1 and word[i] != word[i + 1]:
            new = word[:i] + word[i + 1] + word[i] + word[i + 2 :]
        elif how == "drop":
            new = word[:i] + word[i + 1 :]
        elif how == "double":
            new = word[:i] + word[i] + word[i:]
        else:
            pool = vowels if word[i] in vowels else "bcdfghklmnprstvz"
            new = word[:i] + rng.choice([c for c in pool if c != word[i]]) + word[i + 1 :]
        if new != word and len(new) >= 4:
            return new
    return word[:-1]


def _gen_names(cluster: Cluster, rng) -> list[Perturbation]:
    out = []
    for word, articles in sorted(_name_words(cluster).items()):
        for article in sorted(articles):
            text = cluster.articles[article]
            new_word = _misspell(word, rng)
            spans = []
            pieces = []
            last = 0
            shift = 0
            for match in re.finditer(rf"\b{word}\b", text):
                pieces.append(text[last : match.start()] + new_word)
                start = match.start() + shift
                spans.append((start, start + len(new_word)))
                shift += len(new_word) - len(word)
                last = match.end()
            new_text = "".join(pieces) + text[last:]
            partners = tuple(sorted(articles - {article}))
            out.append(
                Perturbation(cluster.name, "name", article, new_text, tuple(spans), partners,
                             f"{word} -> {new_word}")
            )  # fmt: skip
    return out


WEEKDAY_RE = re.compile(r"\b(" + "|".join(WEEKDAYS) + r")\b")
MONTH_DAY_RE = re.compile(
    r"\b(?P<month>" + "|".join(MONTHS) + r"|(?:Jan|Feb|Aug|Sept?|Oct|Nov|Dec)\.) "
    r"(?P<day>\d{1,2})(?:st|nd|rd|th)?(?P<year>,? \d{4})?\b"
    r"|\b(?P<day2>\d{1,2})(?:st|nd|rd|th)? (?P<month2>" + "|".join(MONTHS) + r")"
    r"(?P<year2>,? \d{4})?\b"
)


def _month_day(match: re.Match) -> tuple[str, int]:
    month = match.group("month") or match.group("month2")
    return MONTH_ABBR.get(month, month), int(match.group("day") or match.group("day2"))


def _gen_dates(cluster: Cluster, rng) -> tuple[list[Perturbation], list[Perturbation]]:
    changes, controls = [], []
    for article, text in cluster.articles.items():
        for match in WEEKDAY_RE.finditer(text):
            day = match.group()
            sentence, begins = _sentence_and_start(text, match.start())
            partners = _partners(
                cluster,
                article,
                sentence,
                lambda o, d=day: [m.span() for m in re.finditer(rf"\b{d}\b", o)],
                at=(match.start() - begins, match.end() - begins),
            )
            if not partners:
                continue
            shift = rng.choice([1, 2, 3, -1, -2])
            new = WEEKDAYS[(WEEKDAYS.index(day) + shift) % 7]
            new_text, span = _replace(text, match.start(), match.end(), new)
            changes.append(
                Perturbation(cluster.name, "date", article, new_text, (span,), partners,
                             f"{day} -> {new}")
            )  # fmt: skip
        for match in MONTH_DAY_RE.finditer(text):
            month = match.group("month") or match.group("month2")
            day = int(match.group("day") or match.group("day2"))
            year = (match.group("year") or match.group("year2") or "").strip(", ")
            full_month = MONTH_ABBR.get(month, month)

            def same_day(other: str, m=full_month, d=day) -> list[tuple[int, int]]:
                return [x.span() for x in MONTH_DAY_RE.finditer(other) if _month_day(x) == (m, d)]

            sentence, begins = _sentence_and_start(text, match.start())
            at = (match.start() - begins, match.end() - begins)
            partners = _partners(cluster, article, sentence, same_day, at=at)
            if partners:
                new_day = day + rng.choice([2, 3, 4]) if day < 25 else day - rng.choice([2, 3])
                new = match.group().replace(str(day), str(new_day), 1)
                new_text, span = _replace(text, match.start(), match.end(), new)
                changes.append(
                    Perturbation(cluster.name, "date", article, new_text, (span,), partners,
                                 f"{match.group()} -> {new}")
                )  # fmt: skip
            if match.group("month"):
                form = f"{day} {full_month}" + (f" {year}" if year else "")
            else:
                form = f"{full_month} {day}" + (f", {year}" if year else "")
            new_text, span = _replace(text, match.start(), match.end(), form)
            controls.append(
                Perturbation(cluster.name, "date-format", article, new_text, (span,), partners,
                             f"{match.group()} -> {form}")
            )  # fmt: skip
    return changes, controls


# A time's sentence needs this many words besides it: not a dateline ("8:20 am").
TIME_SENTENCE_WORDS = 6


def _gen_times(cluster: Cluster, rng) -> tuple[list[Perturbation], list[Perturbation]]:
    """A time of day moved (3.40am -> 4.40am) where another article gives the same
    time to the same thing, and the same time written the other way (3.40am ->
    03:40) as a control."""
    changes, controls = [], []
    for article, text in cluster.articles.items():
        for start, end, value, _ in time_values(text):
            sentence, begins = _sentence_and_start(text, start)
            if len(re.findall(r"[A-Za-z]{2,}", sentence)) < TIME_SENTENCE_WORDS:
                continue

            def same_time(other: str, v=value) -> list[tuple[int, int]]:
                return [(s, e) for s, e, w, _ in time_values(other) if w == v]

            at = (start - begins, end - begins)
            partners = _partners(cluster, article, sentence, same_time, at=at)
            if not partners:
                continue
            written = text[start:end]
            clock = minutes(value)
            moved = (clock + rng.choice([60, -60, 90, 45])) % (24 * 60)
            twelve = bool(re.search(r"[ap]\.?\s?m", written, re.IGNORECASE))
            new = _moved_as_written(written, moved, twelve)
            new_text, span = _replace(text, start, end, new)
            changes.append(
                Perturbation(cluster.name, "time", article, new_text, (span,), partners,
                             f"{written} -> {new}")
            )  # fmt: skip
            # The other way, its zone kept, and no second stop before the text's own.
            zone = value[9:].upper()
            form = _clock_as(clock, not twelve) + (f" {zone}" if zone else "")
            form = form if written.endswith(".") else form.rstrip(".")
            new_text, span = _replace(text, start, end, form)
            controls.append(
                Perturbation(cluster.name, "time-format", article, new_text, (span,),
                             partners, f"{written} -> {form}")
            )  # fmt: skip
    return changes, controls


def _moved_as_written(written: str, clock: int, twelve: bool) -> str:
    """A time moved, in the written one's style: "3.40am" -> "4.25am", "06:00 BST" ->
    "07:30 BST"."""
    hour, minute = divmod(clock, 60)
    shown_hour = f"{(hour % 12) or 12}" if twelve else f"{hour:02d}"
    match = re.match(r"(\d{1,2})(?:([:.])(\d\d))?", written)
    if match is None:  # "noon", "midnight"
        return _clock_as(clock, True)
    separator = match.group(2) or ":"
    rest = written[match.end() :]
    if twelve:
        half = "a" if hour < 12 else "p"
        rest = re.sub(
            r"[ap](?=\.?\s?m)",
            lambda m: half.upper() if m.group().isupper() else half,
            rest,
            count=1,
            flags=re.IGNORECASE,
        )
    return f"{shown_hour}{separator}{minute:02d}{rest}"


def _clock_as(clock: int, twelve: bool) -> str:
    """Minutes after midnight as copy writes them: "4:40 a.m." or "04:40"."""
    hour, minute = divmod(clock, 60)
    if twelve:
        return f"{(hour % 12) or 12}:{minute:02d} {'a.m.' if hour < 12 else 'p.m.'}"
    return f"{hour:02d}:{minute:02d}"


def _quotes_in(text: str):
    for match in QUOTED_RE.finditer(text):
        group = 1 if match.group(1) is not None else 2
        inner = match.group(group)
        if len(inner.split()) >= 6:
            yield match.start(group), match.end(group), inner


def _speaker_match(text: str, start: int, end: int) -> tuple[re.Match | None, int]:
    """The "…," Obama said after the quotation at text[start:end], in the window from
    its sentence's start (returned too) to just past it."""
    sentence_start = max((s for s, _ in _sentences(text) if s <= start), default=0)
    window = text[sentence_start : min(len(text), end + 80)]
    return SPEAKER_RE.search(window, max(0, end - sentence_start)), sentence_start


def _speaker_after(text: str, start: int, end: int) -> str:
    match, _ = _speaker_match(text, start, end)
    if match is None:
        return ""
    return (match.group("name") or match.group("name2")).split()[-1]


def _quote_partners(
    cluster: Cluster,
    article: str,
    inner: str,
    shared: set[str] | None = None,
    speaker: str = "",
) -> tuple[str, ...]:
    """Articles quoting five words in a row of this quote; their words go into `shared`.

    A quotation given to another named speaker is another remark that shares a
    phrase ("…to protect our nation's biodiversity," said Grifo / said Thornhill),
    not a version of this one."""
    words = re.findall(r"\w+", inner.lower())
    grams = {tuple(words[i : i + 5]) for i in range(len(words) - 4)}
    out = []
    for name, text in cluster.articles.items():
        if name == article:
            continue
        for other_start, other_end, other in _quotes_in(text):
            theirs_speaker = _speaker_after(text, other_start, other_end) if speaker else ""
            if speaker and theirs_speaker and theirs_speaker != speaker:
                continue
            theirs = re.findall(r"\w+", other.lower())
            if grams & {tuple(theirs[i : i + 5]) for i in range(len(theirs) - 4)}:
                out.append(name)
                if shared is not None:
                    shared.update(theirs)
                break
    return tuple(out)


def _gen_quotes(cluster: Cluster, rng) -> tuple[list[Perturbation], list[Perturbation]]:
    changes, controls = [], []
    for article, text in cluster.articles.items():
        for start, end, inner in _quotes_in(text):
            theirs: set[str] = set()
            speaker = _speaker_after(text, start, end)
            partners = _quote_partners(cluster, article, inner, theirs, speaker)
            if not partners:
                continue
            # A word the other articles quote too, so the change is visible to them.
            words = [
                m
                for m in re.finditer(r"\b[a-z]{4,}\b", inner)
                if m.group() not in STOP | set(REPLACEMENT_WORDS) and m.group() in theirs
            ]
            if words:
                word = rng.choice(words)
                new = rng.choice(REPLACEMENT_WORDS)
                new_text, span = _replace(text, start + word.start(), start + word.end(), new)
                changes.append(
                    Perturbation(cluster.name, "quote", article, new_text, (span,), partners,
                                 f"{word.group()} -> {new}")
                )  # fmt: skip
            tokens = list(re.finditer(r"\S+", inner))
            if len(tokens) >= 8:
                cut = tokens[max(4, int(len(tokens) * 0.6)) - 1].end()
                new_text, span = _replace(text, start + cut, end, "")
                controls.append(
                    Perturbation(cluster.name, "quote-shortened", article, new_text,
                                 ((start, start + cut),), partners, f"cut {inner[cut:][:40]!r}")
                )  # fmt: skip
    return changes, controls


def _gen_speakers(cluster: Cluster, rng) -> list[Perturbation]:
    names = _name_words(cluster, people_only=True)
    # Surnames: the last word of an annotated person's name ("Obama", not "Barack").
    people = sorted(
        {
            re.findall(r"\b[A-Z][a-z]{3,}\b", m["text"])[-1]
            for chain in cluster.chains
            for m in chain["mentions"]
            if m.get("tag") == "HUMAN_PART_PER" and re.findall(r"\b[A-Z][a-z]{3,}\b", m["text"])
        }
        & set(names)
    )
    out = []
    for article, text in cluster.articles.items():
        for start, _end, inner in _quotes_in(text):
            partners = _quote_partners(cluster, article, inner)
            if not partners:
                continue
            match, sentence_start = _speaker_match(text, start, _end)
            if not match:
                continue
            group = "name" if match.group("name") else "name2"
            speaker = match.group(group)
            if speaker.split()[-1] not in people:
                continue
            others = [p for p in people if p not in speaker]
            if not others:
                continue
            new = rng.choice(others)
            at = sentence_start + match.start(group)
            new_text, span = _replace(text, at, at + len(speaker), new)
            out.append(
                Perturbation(cluster.name, "speaker", article, new_text, (span,), partners,
                             f"{speaker} -> {new}")
            )  # fmt: skip
    return out


def _gen_titles(cluster: Cluster, rng) -> list[Perturbation]:
    out = []
    for article, text in cluster.articles.items():
        for match in TITLE_RE.finditer(text):
            surname = match.group("surname")
            partners = tuple(
                n
                for n, t in cluster.articles.items()
                if n != article and TITLE_RE.search(t) and re.search(rf"\b{surname}\b", t)
                and any(m.group("surname") == surname for m in TITLE_RE.finditer(t))
            )  # fmt: skip
            if not partners:
                continue
            if match.group("former"):
                new_text, span = _replace(text, match.start("former"), match.end("former"), "")
                span = (span[0], span[0] + len(match.group("title")))
                change = "drop former"
            elif rng.random() < 0.6:
                title_start = match.start("title")
                word = "Former " if _sentence_start(text, title_start) else "former "
                new_text, span = _replace(text, title_start, title_start, word)
                span = (span[0], span[1] + len(match.group("title")))
                change = "add former"
            else:
                title = match.group("title")
                last = title.split()[-1]
                if title.endswith("Prime Minister"):
                    swapped = title.replace("Prime Minister", "Deputy Prime Minister")
                else:
                    swapped = title[: len(title) - len(last)] + ROLE_SWAPS[last]
                new_text, span = _replace(text, match.start("title"), match.end("title"), swapped)
                change = f"{title} -> {swapped}"
            out.append(
                Perturbation(cluster.name, "title", article, new_text, (span,), partners, change)
            )
    return out


def _sentence_start(text: str, position: int) -> bool:
    before = text[:position].rstrip(' “"')
    return not before or before[-1] in ".!?\n"


def _plain(text: str, start: int, end: int) -> bool:
    """A sentence the outlet tells in its own words: not a headline, nothing quoted."""
    sentence = text[start:end]
    capitals = sum(w[:1].isupper() for w in sentence.split())
    return not (
        capitals > 0.5 * len(sentence.split())  # a headline
        or _inside_quote(text, start)
        or re.search(r"[“”\"]", sentence)
    )


def _alike(words: set[str], other: str) -> bool:
    """Whether a sentence shares at least 4, and 40%, of the content words `words`."""
    theirs = _content(other)
    shared = words & theirs
    return len(shared) >= 4 and len(shared) >= 0.4 * min(len(words), len(theirs))


def _gen_hedges(cluster: Cluster, rng) -> list[Perturbation]:
    out = []
    for article, text in cluster.articles.items():
        for start, end in _sentences(text):
            sentence = text[start:end]
            words = _content(sentence)
            if len(words) < 6 or len(sentence.split()) < 10 or not _plain(text, start, end):
                continue
            hedged = HEDGE_RE.search(sentence)
            aligned = []
            for name, other_text in cluster.articles.items():
                if name == article:
                    continue
                for s, e in _sentences(other_text):
                    other = other_text[s:e]
                    if _alike(words, other):
                        aligned.append((name, bool(HEDGE_RE.search(other))))
                        break
            if not aligned:
                continue
            if hedged:
                partners = tuple(n for n, h in aligned if h)
                if not partners or hedged.group().lower() == "according to":
                    continue
                cut_end = hedged.end() + (
                    1 if text[start + hedged.end() : start + hedged.end() + 1] == " " else 0
                )
                new_text, span = _replace(text, start + hedged.start(), start + cut_end, "")
                span = (span[0], span[0] + 1)
                change = f"drop {hedged.group()!r}"
            else:
                partners = tuple(n for n, h in aligned if not h)
                if not partners:
                    continue
                verb = re.search(r"\b(was|were|is|are|has|have|had)\s+(?=[a-z])", sentence)
                if verb and verb.start() < len(sentence) * 0.6:
                    word = rng.choice(["reportedly", "allegedly"])
                    at = start + verb.end()
                    new_text, span = _replace(text, at, at, word + " ")
                    change = f"add {word!r}"
                else:
                    first = sentence.split()[0]
                    keep = first.isupper() or first.lower() not in STOP
                    lead = "According to unconfirmed reports, "
                    body = sentence if keep else sentence[0].lower() + sentence[1:]
                    new_text, span = _replace(text, start, end, lead + body)
                    span = (span[0], span[0] + len(lead))
                    change = "add 'according to unconfirmed reports'"
            out.append(
                Perturbation(cluster.name, "hedge", article, new_text, (span,), partners, change)
            )
    return out


# A statement turned into its opposite: the word, and what replaces it.
CLAIM_SWAPS = {
    "rose": "fell", "fell": "rose", "increased": "decreased", "decreased": "increased",
    "confirmed": "denied", "denied": "confirmed", "accepted": "rejected",
    "rejected": "accepted", "approved": "rejected", "won": "lost", "lost": "won",
    "arrested": "released", "opened": "closed", "closed": "opened", "survived": "died",
    "convicted": "acquitted", "acquitted": "convicted", "slowed": "stalled",
    "continued": "stopped",
}  # fmt: skip
CLAIM_RE = re.compile(r"\b(" + "|".join(CLAIM_SWAPS) + r")\b", re.IGNORECASE)


def _gen_claims(cluster: Cluster, rng) -> list[Perturbation]:
    """A verb of a plain sentence turned into its opposite ("won" -> "lost"), where
    another article states the same thing with the same word."""
    out = []
    for article, text in cluster.articles.items():
        for start, end in _sentences(text):
            sentence = text[start:end]
            match = CLAIM_RE.search(sentence)
            words = _content(sentence)
            if match is None or len(words) < 5 or not _plain(text, start, end):
                continue
            if IDIOMS.match(sentence, match.start()):
                continue  # "is survived by his wife" does not say he survived
            word = match.group().lower()
            partners = _partners(
                cluster,
                article,
                sentence,
                lambda other, w=word: re.search(rf"\b{w}\b", other, re.IGNORECASE) is not None,
                close=_alike,
            )
            if not partners:
                continue
            new = CLAIM_SWAPS[word]
            new = new.capitalize() if match.group()[0].isupper() else new
            new_text, span = _replace(text, start + match.start(), start + match.end(), new)
            out.append(
                Perturbation(cluster.name, "claim", article, new_text, (span,), partners,
                             f"{match.group()} -> {new}")
            )  # fmt: skip
    return out


_TOLL_NUMBER = r"\b(\d+|" + "|".join(NUMBER_WORDS[1:13]) + r")\b"
_TOLL_WORD = r"\b(killed|killing|dead|die|dies|died|death|deaths|injured|wounded|hurt)\b"
# A count, then what it counts ("three people were killed"), or the other way round
# ("the deaths of three workers").
TOLL_RE = re.compile(
    rf"{_TOLL_NUMBER}[^.\n]{{0,40}}?{_TOLL_WORD}|{_TOLL_WORD}[^.\n]{{0,30}}?{_TOLL_NUMBER}",
    re.IGNORECASE,
)
TOLL_LABEL = {"injured": "People injured", "wounded": "People injured", "hurt": "People injured"}


def _tolls(text: str) -> dict[tuple[float, str], list[tuple[int, int]]]:
    """(value, label) of each toll the text states, and the sentences that state it."""
    found: dict[tuple[float, str], list[tuple[int, int]]] = defaultdict(list)
    for start, end in _sentences(text):
        for match in TOLL_RE.finditer(text[start:end]):
            number, word = match.group(1) or match.group(4), match.group(2) or match.group(3)
            group = 1 if match.group(1) else 4
            at, end_at = start + match.start(group), start + match.end(group)
            before, after = text[max(0, at - 12) : at], text[end_at : end_at + 6]
            if (
                re.search(r"\b(at|aged|age of)\s+$", before, re.IGNORECASE)
                or re.match(r"[\s-]*years?\b", after)
                or before.endswith(", ")
                and after.startswith(",")
            ):
                continue  # "died at 91", "the 36-year-old", "Rait, 36," are ages
            value = parse_number(number.lower())
            if value is not None:
                label = TOLL_LABEL.get(word.lower(), "People killed")
                found[(value, label)].append((start, end))
    return found


def _gen_omissions(cluster: Cluster, rng) -> list[Perturbation]:
    """A toll most of the cluster's articles state, cut from one of them: every sentence
    that states it goes. Coverage should then name that article as leaving it out."""
    tolls = {name: _tolls(text) for name, text in cluster.articles.items()}
    stating: dict[tuple[float, str], list[str]] = defaultdict(list)
    for name, found in tolls.items():
        for toll in found:
            stating[toll].append(name)
    out = []
    for (value, label), names in stating.items():
        if len(names) < max(3, 0.6 * len(cluster.articles)) + 1:
            continue  # after the cut, the others must still be most of the cluster
        for article in names:
            text = cluster.articles[article]
            # Every sentence that counts this toll, with any figure ("two women and a
            # man were killed" too), so the article no longer states it at all.
            cut = sorted(
                {span for (_, other), spans in tolls[article].items() if other == label
                 for span in spans},
                reverse=True,
            )  # fmt: skip
            for start, end in cut:
                text = text[:start] + text[end:]
            out.append(
                Perturbation(cluster.name, "omission", article, text, ((0, 0),),
                             tuple(n for n in names if n != article),
                             f"cut {label.lower()}: {value:g} ({len(cut)} sentences)", label)
            )  # fmt: skip
    return out


def perturbations(cluster: Cluster, per_kind: int = 4, seed: int = 0) -> list[Perturbation]:
    """Changes and controls for one cluster, at most `per_kind` of each, in different articles.

    Each kind draws from its own seeded generator, so changing one generator
    leaves the others' picks as they were.
    """
    import random

    def rng(kind: str) -> random.Random:
        return random.Random(f"{seed}:{cluster.name}:{kind}")

    numbers, digit_controls = _gen_numbers(cluster, rng("number"))
    dates, date_controls = _gen_dates(cluster, rng("date"))
    quotes, quote_controls = _gen_quotes(cluster, rng("quote"))
    times, time_controls = _gen_times(cluster, rng("time"))
    pools = {
        "number": numbers, "name": _gen_names(cluster, rng("name")), "date": dates,
        "quote": quotes, "title": _gen_titles(cluster, rng("title")),
        "hedge": _gen_hedges(cluster, rng("hedge")),
        "speaker": _gen_speakers(cluster, rng("speaker")),
        "claim": _gen_claims(cluster, rng("claim")),
        "omission": _gen_omissions(cluster, rng("omission")), "digits-words": digit_controls,
        "units": _gen_units(cluster, rng("units")), "date-format": date_controls,
        "quote-shortened": quote_controls, "time": times, "time-format": time_controls,
    }  # fmt: skip
    chosen = []
    for kind, pool in pools.items():
        rng(kind + ":pick").shuffle(pool)
        # Spread the picks over the articles before taking a second from any.
        rank: Counter[str] = Counter()
        ordered = []
        for p in pool:
            rank[p.article] += 1
            ordered.append((rank[p.article], p))
        ordered.sort(key=lambda pair: pair[0])
        chosen.extend(p for _, p in ordered[:per_kind])
    return chosen


SEVERITY_RANK = {"high": 0, "medium": 1, "low": 2}


@dataclass
class Outcome:
    perturbation: Perturbation
    found: list[Finding]  # new or changed findings over the edit, any kind and severity
    raised: list[Finding] = field(default_factory=list)  # of those, new or more severe
    covered: bool = False  # an omission: coverage newly names the article as leaving it out

    @property
    def detected(self) -> bool:
        if self.perturbation.kind == "omission":
            return self.covered
        kinds = DETECTING_KINDS.get(self.perturbation.kind, set())
        return any(f.kind in kinds for f in self.found)

    @property
    def flagged(self) -> bool:
        """A control counts as flagged by a new (or newly more severe) medium or high finding."""
        return any(f.severity != "low" for f in self.raised)


def _signature(finding: Finding, names: list[str]) -> tuple:
    return (finding.key, tuple(sorted((names[v.article_id], v.value) for v in finding.versions)))


def _rank_before(finding: Finding, base: list[Finding], edited: int) -> int:
    """How severe the finding was before the edit (3: there was none).

    An edit can re-key a finding the editor already saw: a shortened quote that came
    first in the cluster names the quote conflict by other words. The finding before
    is the one of its kind that shows the same words of an article the edit left
    alone (the edited article's offsets moved), or failing that the one of its key."""

    def values(f: Finding) -> set[tuple[int, int, int]]:
        return {(v.article_id, v.value_start, v.value_end) for v in f.versions}

    kept = {v for v in values(finding) if v[0] != edited}
    ranks = [
        SEVERITY_RANK[f.severity]
        for f in base
        if f.key == finding.key or (f.kind == finding.kind and kept & values(f))
    ]
    return min(ranks, default=3)


def run_cluster(cluster: Cluster, items: list[Perturbation]) -> tuple[list[Finding], list[Outcome]]:
    """The cluster's own findings, and what each perturbation adds over its edit."""
    names = list(cluster.articles)
    claims = list(extract_many(cluster.articles.values()))
    published = [publication_date(text) for text in cluster.articles.values()]
    base = [Extraction(i, c, published[i]) for i, c in enumerate(claims)]
    base_findings = compare(base)
    before = {_signature(f, names) for f in base_findings}
    changed = list(extract_many(p.text for p in items))
    base_gaps = None
    outcomes = []
    for item, new_claims in zip(items, changed, strict=True):
        index = names.index(item.article)
        extractions = list(base)
        extractions[index] = Extraction(index, new_claims, publication_date(item.text))
        if item.kind == "omission":
            if base_gaps is None:
                base_gaps = {(row.fact, a) for row in coverage(base) for a in row.missing}
            gaps = {(row.fact, a) for row in coverage(extractions) for a in row.missing}
            covered = (item.fact, index) in gaps - base_gaps
            outcomes.append(Outcome(item, [], [], covered))
            continue
        found = [
            f
            for f in compare(extractions)
            if _signature(f, names) not in before
            and len(f.versions) >= 2
            and any(
                v.article_id == index and any(v.start < e and s < v.end for s, e in item.spans)
                for v in f.versions
            )
        ]
        raised = [
            f for f in found if SEVERITY_RANK[f.severity] < _rank_before(f, base_findings, index)
        ]
        outcomes.append(Outcome(item, found, raised))
    return base_findings, outcomes


@dataclass
class PerturbationReport:
    outcomes: list[Outcome] = field(default_factory=list)
    # cluster -> (articles, findings on the untouched cluster)
    clusters: dict[str, tuple[int, list[Finding]]] = field(default_factory=dict)
    # cluster -> article name -> text, to show a miss in its sentences
    texts: dict[str, dict[str, str]] = field(default_factory=dict)

    def lines(self, verbose: bool = False) -> list[str]:
        out = []
        by_kind: dict[str, list[Outcome]] = defaultdict(list)
        for outcome in self.outcomes:
            by_kind[outcome.perturbation.kind].append(outcome)
        for kind, outcomes in sorted(by_kind.items()):
            if kind in CONTROL_KINDS:
                flagged = sum(o.flagged for o in outcomes)
                low = sum(bool(o.raised) and not o.flagged for o in outcomes)
                out.append(
                    f"control {kind}: flagged {flagged}/{len(outcomes)} "
                    f"= {_ratio(flagged, len(outcomes)):.3f} (low only: {low})"
                )
            elif kind == "omission":
                hit = sum(o.detected for o in outcomes)
                out.append(
                    f"recall omission (as coverage): {hit}/{len(outcomes)} "
                    f"= {_ratio(hit, len(outcomes)):.3f}"
                )
            else:
                hit = sum(o.detected for o in outcomes)
                # Of the alarms an edit raises over itself (new findings, or findings
                # more severe than before), those of the planted kind; the rest are
                # collateral. A finding the cluster already had at the same severity,
                # that now shows the edited sentence, is no new alarm.
                raised = [f for o in outcomes for f in o.raised]
                right = sum(f.kind in DETECTING_KINDS[kind] for f in raised)
                out.append(
                    f"recall {kind}: {hit}/{len(outcomes)} = {_ratio(hit, len(outcomes)):.3f}"
                    f" (precision {right}/{len(raised)} = {_ratio(right, len(raised)):.3f})"
                )
        controls = [o for o in self.outcomes if o.perturbation.control]
        flagged = sum(o.flagged for o in controls)
        out.append(
            f"controls flagged: {flagged}/{len(controls)} = {_ratio(flagged, len(controls)):.3f}"
        )
        pairs = sum(n * (n - 1) // 2 for n, _ in self.clusters.values())
        highs = sum(f.severity == "high" for _, fs in self.clusters.values() for f in fs)
        total = sum(len(fs) for _, fs in self.clusters.values())
        out.append(
            f"untouched clusters: {total} findings, {highs} high, over {pairs} article pairs "
            f"= {_ratio(highs, pairs):.3f} high per pair"
        )
        if verbose:
            for name, (_, findings) in self.clusters.items():
                for f in findings:
                    out.append(f"  untouched {name} {f.severity} {f.kind}: {f.summary[:150]}")
            for outcome in self.outcomes:
                p = outcome.perturbation
                ok = outcome.flagged if p.control else outcome.detected
                mark = ("FLAGGED" if ok else "ok") if p.control else ("found" if ok else "MISSED")
                kinds = ",".join(f"{f.kind}/{f.severity}" for f in outcome.found)
                out.append(f"  {mark:7} {p.kind:15} {p.cluster} {p.article} {p.change} [{kinds}]")
                if mark in {"MISSED", "FLAGGED"}:
                    out.extend(self._context(p))
        return out

    def _context(self, p: Perturbation) -> list[str]:
        """The edited sentence, and the first partner's first sentence holding what was
        there before the edit: enough to read a miss without opening the files."""
        lines = [f"      edited: {_sentence_at(p.text, p.spans[0][0]).strip()[:240]}"]
        old = p.change.split(" -> ")[0]
        for name in p.partners[:1]:
            text = self.texts.get(p.cluster, {}).get(name, "")
            at = text.lower().find(old.lower()) if old else -1
            if at >= 0:
                lines.append(f"      {name}: {_sentence_at(text, at).strip()[:240]}")
        return lines


PERTURBATION_KINDS = (*DETECTING_KINDS, *CONTROL_KINDS)


def run_perturbations(
    clusters: list[Cluster], per_kind: int = 4, seed: int = 0, kinds: Iterable[str] | None = None
):
    """Plant and score; `kinds` keeps only those perturbations (all by default)."""
    wanted = set(kinds) if kinds is not None else None
    unknown = (wanted or set()) - set(PERTURBATION_KINDS)
    if unknown:
        raise ValueError(
            f"unknown kind {', '.join(sorted(unknown))}: use {', '.join(PERTURBATION_KINDS)}"
        )
    report = PerturbationReport()
    for cluster in clusters:
        items = perturbations(cluster, per_kind=per_kind, seed=seed)
        if wanted is not None:
            items = [p for p in items if p.kind in wanted]
        findings, outcomes = run_cluster(cluster, items)
        report.outcomes.extend(outcomes)
        report.clusters[cluster.name] = (len(cluster.articles), findings)
        report.texts[cluster.name] = dict(cluster.articles)
    return report
