"""The fact-check report of a story, as plain data and in each export format.

`render_report(story, fmt)` is the one entry point: the download view, the
`export` and `reconcile` commands and the export worker all go through it.
Article text is hostile user input: every format that a program will interpret
(Markdown, HTML, PDF, CSV in a spreadsheet) escapes it.
"""

from __future__ import annotations

import csv
import io
import json
import logging
import re
from collections import Counter
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any
from urllib.parse import quote, urljoin, urlsplit

from django.conf import settings
from django.db import InterfaceError, OperationalError, transaction
from django.db.models import Prefetch, QuerySet
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from articles.models import Article, Story

from .models import Discrepancy, Event, Export, Version
from .services import story_coverage

if TYPE_CHECKING:
    from django.contrib.auth.models import User

log = logging.getLogger(__name__)

SCHEMA = "reconcile-report/1"

# In the order the story page offers them.
FORMATS = ("html", "pdf", "md", "csv", "json", "claimreview")
LABELS = {
    "html": "HTML",
    "pdf": "PDF",
    "md": "Markdown",
    "csv": "CSV",
    "json": "JSON",
    "claimreview": "ClaimReview",
}
MEDIA_TYPES = {
    "html": "text/html",
    "pdf": "application/pdf",
    "md": "text/markdown",
    "csv": "text/csv",
    "json": "application/json",
    "claimreview": "application/ld+json",
}
EXTENSIONS = {"claimreview": "jsonld"}
BINARY_FORMATS = frozenset({"pdf"})

# ClaimReview's numeric scale; docs/reports.md explains it to readers of the feed.
RATINGS: dict[str, int] = {
    Discrepancy.Verdict.VERIFIED: 5,
    Discrepancy.Verdict.DISPUTED: 3,
    Discrepancy.Verdict.UNVERIFIABLE: 2,
    Discrepancy.Verdict.FALSE: 1,
}
BEST_RATING, WORST_RATING = 5, 1
CLAIM_REVIEWED_MAX = 75

SYNC_EXPORT_LIMIT_DEFAULT = 200


def download_name(story: Story, fmt: str) -> str:
    return f"story-{story.pk}-report.{EXTENSIONS.get(fmt, fmt)}"


def story_url(story: Story, base_url: str | None = None, discrepancy_id: int | None = None) -> str:
    """The story page, absolute when `base_url` (the site's root) is known."""
    path = reverse("story-detail", args=[story.pk])
    if discrepancy_id is not None:
        path += f"?d={discrepancy_id}"
    return urljoin(base_url, path) if base_url else path


def story_discrepancies(story: Story) -> QuerySet[Discrepancy]:
    return (
        Discrepancy.objects.filter(story=story)
        .select_related("resolved_by", "assignee")
        .prefetch_related(Prefetch("versions", queryset=Version.objects.order_by("article_id")))
        .order_by("severity_rank", "kind", "id")
    )


# --- JSON -----------------------------------------------------------------------------


def report_data(story: Story) -> dict[str, Any]:
    articles = list(story.articles.order_by("id"))
    discrepancies = story_discrepancies(story).prefetch_related(
        Prefetch("events", queryset=Event.objects.select_related("user").order_by("at", "id"))
    )
    return {
        "schema": SCHEMA,
        "story": {"id": story.pk, "title": story.title, "created": story.created.isoformat()},
        "articles": [
            {
                "id": a.pk,
                "title": a.title,
                "outlet": a.outlet,
                "filename": a.filename,
                "published": a.published.isoformat() if a.published else None,
                "status": a.status,
                "body": a.body,
            }
            for a in articles
        ],
        "discrepancies": [
            {
                "id": d.pk,
                "kind": d.kind,
                "severity": d.severity,
                "summary": d.summary,
                "status": d.status,
                "versions": [
                    {
                        "article": v.article_id,
                        "claim": v.claim_id,
                        "start": v.start,
                        "end": v.end,
                        "value": v.value,
                        "value_start": v.value_start,
                        "value_end": v.value_end,
                    }
                    for v in d.versions.all()
                ],
                "resolution": d.resolution,
                "history": [
                    {
                        "action": e.action,
                        "user": e.user.get_username() if e.user else None,
                        "at": e.at.isoformat(),
                        "changes": e.changes,
                    }
                    for e in d.events.all()
                ],
            }
            for d in discrepancies
        ],
        # Informational: what most articles report and some leave out; not conflicts.
        "coverage": [
            {
                "fact": row.fact,
                "value": row.value,
                "reported": [
                    {"article": v.article_id, "start": v.start, "end": v.end, "value": v.value}
                    for v in row.reported
                ],
                "missing": list(row.missing),
            }
            for row in story_coverage(story=story)
        ],
    }


# --- What the human-readable formats show ---------------------------------------------


@dataclass(frozen=True)
class Quoted:
    """One article's version of a fact, in its sentence."""

    article: Article
    value: str
    agreeing: int
    before: str
    marked: str
    after: str
    outlier: bool

    @property
    def sentence(self) -> str:
        return _one_line(self.before + self.marked + self.after)


@dataclass(frozen=True)
class Evidence:
    url: str
    # Only http(s) becomes a link: a `javascript:` or `data:` URL stays text.
    linkable: bool


@dataclass(frozen=True)
class Item:
    number: int
    discrepancy: Discrepancy
    versions: list[Quoted]
    majority: str | None
    majority_count: int
    evidence: list[Evidence]
    url: str | None

    @property
    def resolved(self) -> bool:
        return self.discrepancy.status == Discrepancy.Status.RESOLVED

    @property
    def outliers(self) -> list[Quoted]:
        return [q for q in self.versions if q.outlier]


@dataclass(frozen=True)
class SummaryRow:
    kind: str
    severity: str
    open: int
    in_progress: int
    resolved: int

    @property
    def total(self) -> int:
        return self.open + self.in_progress + self.resolved


def _one_line(text: str) -> str:
    return re.sub(r"\s+", " ", text)


def _linkable(url: str) -> bool:
    parts = urlsplit(url.strip())
    return parts.scheme.lower() in {"http", "https"} and bool(parts.netloc)


def _quoted(d: Discrepancy, articles: dict[int, Article]) -> tuple[list[Quoted], str | None, int]:
    versions = [v for v in d.versions.all() if v.article_id in articles]
    counts = Counter(v.value for v in versions)
    ranked = counts.most_common()
    # A majority is one value ahead of every other; a tie has none, and then no outliers.
    majority = (
        ranked[0][0] if ranked and (len(ranked) == 1 or ranked[0][1] > ranked[1][1]) else None
    )
    rows = []
    for v in versions:
        body = articles[v.article_id].body
        rows.append(
            Quoted(
                article=articles[v.article_id],
                value=v.value,
                agreeing=counts[v.value],
                before=body[v.start : v.value_start] if v.start <= v.value_start else "",
                marked=body[v.value_start : v.value_end],
                after=body[v.value_end : v.end] if v.value_end <= v.end else "",
                outlier=majority is not None and v.value != majority,
            )
        )
    rows.sort(key=lambda q: (-q.agreeing, q.article.pk))
    return rows, majority, counts[majority] if majority is not None else 0


def report_context(story: Story, base_url: str | None = None) -> dict[str, Any]:
    articles = {a.pk: a for a in story.articles.order_by("id")}
    discrepancies = list(story_discrepancies(story))
    items = []
    for number, d in enumerate(discrepancies, start=1):
        versions, majority, majority_count = _quoted(d, articles)
        items.append(
            Item(
                number=number,
                discrepancy=d,
                versions=versions,
                majority=majority,
                majority_count=majority_count,
                evidence=[Evidence(str(url), _linkable(str(url))) for url in d.evidence or []],
                url=story_url(story, base_url, d.pk) if base_url else None,
            )
        )
    tally: Counter[tuple[int, str, str, str]] = Counter(
        (d.severity_rank, d.get_kind_display(), d.get_severity_display(), d.status)
        for d in discrepancies
    )
    groups = sorted({key[:3] for key in tally})
    summary = [
        SummaryRow(
            kind=kind,
            severity=severity,
            open=tally[(rank, kind, severity, Discrepancy.Status.OPEN)],
            in_progress=tally[(rank, kind, severity, Discrepancy.Status.IN_PROGRESS)],
            resolved=tally[(rank, kind, severity, Discrepancy.Status.RESOLVED)],
        )
        for rank, kind, severity in groups
    ]
    statuses = Counter(d.status for d in discrepancies)
    return {
        "story": story,
        "story_url": story_url(story, base_url) if base_url else None,
        "articles": list(articles.values()),
        "items": items,
        "summary": summary,
        "totals": SummaryRow(
            "All",
            "",
            statuses[Discrepancy.Status.OPEN],
            statuses[Discrepancy.Status.IN_PROGRESS],
            statuses[Discrepancy.Status.RESOLVED],
        ),
        "generated": timezone.now(),
        "publisher": settings.RECONCILE_PUBLISHER,
    }


# --- Markdown -------------------------------------------------------------------------

# Backslash-escaping these keeps hostile text from becoming markup (raw HTML, links,
# emphasis, table cells, headings) in any CommonMark renderer, and leaves it readable.
_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|#~])")


def _md(text: object) -> str:
    return _MD_SPECIAL.sub(r"\\\1", _one_line(str(text))).strip()


def _md_inline(text: str) -> str:
    # Like _md but keeps the edge spaces that separate it from a marked value.
    return _MD_SPECIAL.sub(r"\\\1", _one_line(text))


def _md_link(url: str) -> str:
    target = quote(url.strip(), safe=":/?#@!$&'*+,;=%-._~")
    return f"[{_md(url)}]({target})"


def _md_when(value) -> str:
    return timezone.localtime(value).strftime("%Y-%m-%d %H:%M %Z") if value else ""


def render_markdown(story: Story, base_url: str | None = None) -> str:
    ctx = report_context(story, base_url)
    totals: SummaryRow = ctx["totals"]
    out = [f"# Fact-check report: {_md(story.title)}", ""]
    out += [
        f"{len(ctx['articles'])} articles, {totals.total} discrepancies: "
        f"{totals.open} open, {totals.in_progress} in progress, {totals.resolved} resolved. "
        f"Exported {_md_when(ctx['generated'])} by {_md(ctx['publisher'])}.",
        "",
    ]
    if ctx["story_url"]:
        out += [f"Story page: {_md_link(ctx['story_url'])}", ""]
    out += ["## Articles", ""]
    for a in ctx["articles"]:
        line = f"- **{_md(a.outlet or a.filename or 'Pasted')}**: {_md(a.title)}"
        if a.published:
            line += f" (published {a.published.isoformat()})"
        out.append(line)
    out += ["", "## Summary", ""]
    out += [
        "| Kind | Severity | Open | In progress | Resolved | Total |",
        "| --- | --- | ---: | ---: | ---: | ---: |",
    ]
    for row in [*ctx["summary"], totals]:
        out.append(
            f"| {row.kind} | {row.severity} | {row.open} | {row.in_progress} "
            f"| {row.resolved} | {row.total} |"
        )
    out += ["", "## Discrepancies", ""]
    if not ctx["items"]:
        out += ["No discrepancies found.", ""]
    for item in ctx["items"]:
        out += _md_item(item)
    return "\n".join(out).rstrip() + "\n"


def _md_item(item: Item) -> list[str]:
    d = item.discrepancy
    mark = "Resolved" if item.resolved else "UNRESOLVED"
    out = [f"### {item.number}. {mark}: {_md(d.summary)}", ""]
    severity, status = d.get_severity_display().lower(), d.get_status_display().lower()
    meta = f"{d.get_kind_display()}, {severity} severity, {status}"
    if d.assignee:
        meta += f", assigned to {_md(d.assignee.get_username())}"
    if item.url:
        meta += f". {_md_link(item.url)}"
    out += [meta, ""]
    if item.majority is not None:
        line = (
            f"Majority: **{_md(item.majority)}** "
            f"({item.majority_count} of {len(item.versions)} articles)."
        )
        if item.outliers:
            line += " Outliers: " + "; ".join(
                f"{_md(q.article.label)} gives **{_md(q.value)}**" for q in item.outliers
            )
            line += "."
        out.append(line)
    else:
        out.append("No majority: the articles are split evenly.")
    out.append("")
    for q in item.versions:
        marked = f"**{_md(q.marked)}**" if q.marked.strip() else ""
        out += [
            f"- **{_md(q.article.label)}** gives **{_md(q.value)}**:",
            f"  > {(_md_inline(q.before) + marked + _md_inline(q.after)).strip()}",
        ]
    out.append("")
    if item.resolved:
        who = d.resolved_by.get_username() if d.resolved_by else "unknown"
        line = f"**Resolution:** {_md(d.resolved_value) or '(no value)'}"
        if d.verdict:
            line += f". Verdict: {d.get_verdict_display()}"
        line += f". Resolved by {_md(who)}, {_md_when(d.resolved_at)}."
        out += [line, ""]
        if d.note:
            out += [f"Note: {_md(d.note)}", ""]
        if item.evidence:
            out += ["Evidence:", ""]
            out += [f"- {_md_link(e.url) if e.linkable else _md(e.url)}" for e in item.evidence]
            out.append("")
    else:
        out += ["**UNRESOLVED**", ""]
    return out


# --- CSV ------------------------------------------------------------------------------

CSV_COLUMNS = (
    "discrepancy_id",
    "kind",
    "severity",
    "status",
    "summary",
    "article_id",
    "outlet",
    "value",
    "sentence",
    "resolution_value",
    "verdict",
)
_NUMBER = re.compile(r"[-+]?\d+([.,]\d+)*")


def _cell(value: object) -> object:
    """Neutralise spreadsheet formulas in text that came from an article."""
    formula = isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r")
    if formula and not _NUMBER.fullmatch(str(value)):
        return "'" + str(value)
    return value


def render_csv(story: Story) -> str:
    ctx = report_context(story)
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(CSV_COLUMNS)
    for item in ctx["items"]:
        d = item.discrepancy
        resolved = item.resolved
        for q in sorted(item.versions, key=lambda q: q.article.pk):
            writer.writerow(
                [
                    _cell(x)
                    for x in (
                        d.pk,
                        d.kind,
                        d.severity,
                        d.status,
                        d.summary,
                        q.article.pk,
                        q.article.outlet,
                        q.value,
                        q.sentence.strip(),
                        d.resolved_value if resolved else "",
                        d.verdict if resolved else "",
                    )
                ]
            )
    return buffer.getvalue()


# --- HTML and PDF ---------------------------------------------------------------------


def render_html(story: Story, base_url: str | None = None) -> str:
    # Autoescaping is what keeps article text inert; the template never marks it safe.
    return render_to_string("reconcile/report.html", report_context(story, base_url))


def render_pdf(story: Story, base_url: str | None = None) -> bytes:
    from weasyprint import HTML
    from weasyprint.urls import URLFetcher

    class NoFetcher(URLFetcher):
        """The report needs nothing from outside: never fetch, whatever the HTML says."""

        def fetch(self, url, headers=None):
            raise ValueError(f"external resources are not fetched: {url}")

    return HTML(string=render_html(story, base_url), url_fetcher=NoFetcher()).write_pdf()


# --- ClaimReview ----------------------------------------------------------------------


def _shorten(text: str, limit: int = CLAIM_REVIEWED_MAX) -> str:
    text = _one_line(text).strip()
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    if " " in cut[limit // 2 :]:
        cut = cut[: cut.rindex(" ")]
    return cut.rstrip(" ,;:") + "…"


def claim_reviewed(d: Discrepancy) -> str:
    """ "People killed: 4": what the discrepancy is about and the value settled on."""
    subject = d.summary.split(":", 1)[0].strip() if ":" in d.summary else d.summary
    if d.resolved_value:
        return _shorten(f"{subject}: {d.resolved_value}")
    return _shorten(d.summary)


def _rating(d: Discrepancy) -> dict[str, Any]:
    if d.verdict in RATINGS:
        return {
            "@type": "Rating",
            "alternateName": d.get_verdict_display(),
            "ratingValue": RATINGS[d.verdict],
            "bestRating": BEST_RATING,
            "worstRating": WORST_RATING,
        }
    return {"@type": "Rating", "alternateName": "Not rated"}


def _appearance(article: Article) -> dict[str, Any]:
    work: dict[str, Any] = {
        "@type": "CreativeWork",
        "headline": article.title,
        "name": article.title,
    }
    if article.outlet:
        work["author"] = {"@type": "Organization", "name": article.outlet}
    if article.published:
        work["datePublished"] = article.published.isoformat()
    return work


def claimreview_data(story: Story, base_url: str | None = None) -> list[dict[str, Any]]:
    """One schema.org ClaimReview per resolved discrepancy; open ones are not reviews yet."""
    ctx = report_context(story, base_url)
    reviews = []
    for item in ctx["items"]:
        d = item.discrepancy
        if not item.resolved:
            continue
        seen: dict[int, Article] = {}
        for q in sorted(item.versions, key=lambda q: q.article.pk):
            seen.setdefault(q.article.pk, q.article)
        review: dict[str, Any] = {
            "@context": "https://schema.org",
            "@type": "ClaimReview",
            "url": story_url(story, base_url, d.pk),
            "claimReviewed": claim_reviewed(d),
            "reviewRating": _rating(d),
            "itemReviewed": {
                "@type": "Claim",
                "appearance": [_appearance(a) for a in seen.values()],
            },
            "author": {"@type": "Organization", "name": ctx["publisher"]},
            "datePublished": timezone.localdate(d.resolved_at).isoformat()
            if d.resolved_at
            else None,
        }
        if d.note:
            review["reviewBody"] = d.note
        reviews.append(review)
    return reviews


# --- The entry point ------------------------------------------------------------------


def render_report(
    story: Story, fmt: str = "json", *, base_url: str | None = None
) -> tuple[str | bytes, str]:
    """(content, media type) of the report in one format; bytes only for PDF.

    `base_url` is the site's root ("https://reconcile.example.org/"): with it the
    links to the story page are absolute, as ClaimReview wants them.
    """
    if fmt == "json":
        content: str | bytes = json.dumps(report_data(story), ensure_ascii=False, indent=2)
    elif fmt == "md":
        content = render_markdown(story, base_url)
    elif fmt == "csv":
        content = render_csv(story)
    elif fmt == "html":
        content = render_html(story, base_url)
    elif fmt == "pdf":
        content = render_pdf(story, base_url)
    elif fmt == "claimreview":
        content = json.dumps(claimreview_data(story, base_url), ensure_ascii=False, indent=2)
    else:
        raise ValueError(f"unknown report format {fmt!r}")
    return content, MEDIA_TYPES[fmt]


# --- Exports through the worker -------------------------------------------------------


def needs_worker(story: Story, fmt: str) -> bool:
    """A PDF of a big story takes too long for a request: the worker renders it."""
    limit = getattr(settings, "RECONCILE_SYNC_EXPORT_LIMIT", SYNC_EXPORT_LIMIT_DEFAULT)
    return fmt == "pdf" and Discrepancy.objects.filter(story=story).count() > limit


@transaction.atomic
def export_request(*, story: Story, user: User | None, fmt: str, base_url: str = "") -> Export:
    if fmt not in FORMATS:
        raise ValueError(f"unknown report format {fmt!r}")
    export = Export.objects.create(
        story=story, requested_by=user, format=fmt, base_url=base_url[:300]
    )
    transaction.on_commit(lambda: export_enqueue(export_id=export.pk))
    return export


def export_enqueue(*, export_id: int) -> None:
    from .tasks import export_build_task

    try:
        export_build_task.delay(export_id)
    except Exception as exc:  # kombu raises many types when the broker is unreachable
        log.warning("broker unavailable, export %s not queued: %s", export_id, exc)
        Export.objects.filter(pk=export_id, status=Export.Status.QUEUED).update(
            status=Export.Status.FAILED,
            error="The task queue is unavailable: try again in a few minutes.",
            finished=timezone.now(),
        )


def export_build(*, export_id: int) -> bool:
    """Render one requested export into its row; returns whether it is done.

    The claim takes a RUNNING row too, so a task redelivered after a worker died
    finishes the job; rendering the same report twice is harmless.
    """
    claimed = Export.objects.filter(
        pk=export_id, status__in=[Export.Status.QUEUED, Export.Status.RUNNING]
    ).update(status=Export.Status.RUNNING, error="")
    if not claimed:
        return False
    export = Export.objects.select_related("story").defer("content").get(pk=export_id)
    try:
        content, _ = render_report(export.story, export.format, base_url=export.base_url or None)
    except (OperationalError, InterfaceError):
        raise  # transient: the task retries
    except Exception as exc:  # recorded on the row for the editor
        log.exception("export %s failed", export_id)
        Export.objects.filter(pk=export_id).update(
            status=Export.Status.FAILED,
            error=f"The report could not be rendered: {exc}"[:1000],
            finished=timezone.now(),
        )
        return False
    data = content if isinstance(content, bytes) else content.encode("utf-8")
    Export.objects.filter(pk=export_id).update(
        status=Export.Status.DONE, content=data, finished=timezone.now()
    )
    return True
