"""How well the engine finds the discrepancies a careful editor would point out.

Plain functions, no database: the articles of a folder go through
`reconcile.engine.pipeline.analyse` and come out as a report shaped like
`reconcile-report/1`, which is matched against a gold file (the format and the
matching rule are in ../shared/eval/README.md). An existing report can be
matched the same way.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from articles.formats import read_file

from .engine.pipeline import analyse
from .engine.types import ArticleText, Finding

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
    texts = [ArticleText(i, body) for i, (_, body) in enumerate(articles, start=1)]
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
