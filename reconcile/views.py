from collections import Counter
from collections.abc import Callable
from typing import Any, TypedDict

from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_not_required
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseForbidden, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.views.decorators.http import require_POST

from articles.forms import PasteForm, UploadForm
from articles.models import Article, Story
from articles.services import can_edit, get_story_for_user
from newsroom.http import AuthenticatedHttpRequest

from . import reports, services
from .forms import ClaimVerdictForm, ConflictFilterForm, ResolveForm, WorkflowForm
from .highlight import Mark, highlight
from .models import Claim, Discrepancy, Export, Version


def _url_per_row(name: str, story_pk: int) -> Callable[[int], str]:
    """reverse() once for links that differ only in their last id: a page has hundreds."""
    sentinel = 987654321987654321
    head, _, tail = reverse(name, args=[story_pk, sentinel]).rpartition(str(sentinel))
    return lambda pk: f"{head}{pk}{tail}"


def story_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    story = get_story_for_user(request.user, pk)
    editable = can_edit(request.user)
    articles = list(story.articles.order_by("id").prefetch_related("claims"))
    discrepancies = list(reports.story_discrepancies(story))
    page = reverse("story-detail", args=[story.pk])
    panel_url = _url_per_row("discrepancy-panel", story.pk)
    marks: dict[int, list[Mark]] = {a.pk: [] for a in articles}
    for d in discrepancies:
        d.panel_url = panel = panel_url(d.pk)
        href = f"{page}?d={d.pk}"
        for v in d.versions.all():
            marks.setdefault(v.article_id, []).append(
                Mark(v.value_start, v.value_end, d.pk, d.kind, d.severity, d.summary, href, panel)
            )
    columns = [(a, highlight(a.body, marks.get(a.pk, []))) for a in articles]
    if editable:
        _claim_forms(story, articles)
    selected = None
    if request.GET.get("d", "").isdigit():
        selected = next((d for d in discrepancies if d.pk == int(request.GET["d"])), None)
    filters = ConflictFilterForm(request.GET)
    listed = discrepancies
    if filters.is_valid():
        for field in ("kind", "severity", "status"):
            if filters.cleaned_data[field]:
                listed = [d for d in listed if getattr(d, field) == filters.cleaned_data[field]]
    context = {
        "story": story,
        "columns": columns,
        "articles": articles,
        "busy": any(a.is_busy for a in articles),
        "discrepancies": listed,
        "total": len(discrepancies),
        "filters": filters,
        "counts": Counter(d.status for d in discrepancies),
        "upload_form": UploadForm(),
        "paste_form": PasteForm(),
        **_panel_context(request, story, selected, articles=articles, editable=editable),
    }
    return render(request, "reconcile/story.html", context)


def _claim_forms(story: Story, articles: list[Article]) -> None:
    """Each claim's mark URL and verdict options, made once per page rather than per claim.

    An editor's page has a form for every claim of every article: rendering their
    options claim by claim was half the page's time.
    """
    mark_url = _url_per_row("claim-mark", story.pk)
    options: dict[str, str] = {}
    for article in articles:
        for claim in article.claims.all():
            claim.mark_url = mark_url(claim.pk)
            if claim.verdict not in options:
                options[claim.verdict] = render_to_string(
                    "reconcile/story.html#verdict-options",
                    {"current": claim.verdict, "verdicts": Discrepancy.Verdict.choices},
                )
            claim.verdict_options = options[claim.verdict]


def _panel_context(
    request: AuthenticatedHttpRequest,
    story: Story,
    discrepancy: Discrepancy | None,
    *,
    articles: list[Article] | None = None,
    versions: list[Version] | None = None,
    editable: bool | None = None,
    **extra: Any,
) -> dict[str, Any]:
    """The conflict panel. Pass what the caller already holds (articles, the
    discrepancy's versions, whether the user can edit) so it is not fetched again."""
    editable = can_edit(request.user) if editable is None else editable
    context = {"story": story, "selected": discrepancy, "can_edit": editable, **extra}
    if discrepancy is None:
        return context
    versions = list(discrepancy.versions.all()) if versions is None else versions
    if articles is None:
        articles = list(story.articles.filter(pk__in={v.article_id for v in versions}))
    rows = _versions_view(versions, articles)
    values = list(dict.fromkeys(r["value"] for r in rows))
    members = (
        get_user_model().objects.filter(membership__desk_id=story.desk_id).order_by("username")
    )
    context.update(
        selected_versions=rows,
        history=discrepancy.events.select_related("user").order_by("-at", "-id"),
        resolve_form=extra.get("resolve_form")
        or ResolveForm(
            values=values,
            initial={
                "choice": discrepancy.resolved_value
                if discrepancy.resolved_value in values
                else (values[0] if values else ""),
                "verdict": discrepancy.verdict or Discrepancy.Verdict.VERIFIED,
                "note": discrepancy.note,
                "evidence": "\n".join(discrepancy.evidence),
                "revision": discrepancy.revision,
            },
        ),
        workflow_form=WorkflowForm(
            members=members,
            initial={
                "status": discrepancy.status,
                "assignee": discrepancy.assignee_id,
                "revision": discrepancy.revision,
            },
        ),
    )
    return context


def story_status(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    story = get_story_for_user(request.user, pk)
    # The page's polling doubles as the retry for sends that found the queue down.
    services.articles_requeue_delayed(story_id=story.pk)
    articles = list(story.articles.order_by("id"))
    busy = any(a.is_busy for a in articles)
    if not busy and request.GET.get("was_busy"):
        # Processing finished since the page was drawn: redraw it with the results.
        response = HttpResponse(status=204)
        response["HX-Refresh"] = "true"
        return response
    return render(
        request,
        "reconcile/story.html#status",
        {"story": story, "articles": articles, "busy": busy, "can_edit": can_edit(request.user)},
    )


class VersionRow(TypedDict):
    article: Article
    claim_id: int | None
    value: str
    agreeing: int
    before: str
    marked: str
    after: str


def _versions_view(versions: list[Version], articles: list[Article]) -> list[VersionRow]:
    by_id = {a.pk: a for a in articles}
    counts = Counter(v.value for v in versions)
    rows: list[VersionRow] = []
    for v in versions:
        article = by_id.get(v.article_id)
        if article is None:
            continue
        body = article.body
        rows.append(
            {
                "article": article,
                "claim_id": v.claim_id,
                "value": v.value,
                "agreeing": counts[v.value],
                "before": body[v.start : v.value_start] if v.start <= v.value_start else "",
                "marked": body[v.value_start : v.value_end],
                "after": body[v.value_end : v.end] if v.value_end <= v.end else "",
            }
        )
    rows.sort(key=lambda r: (-r["agreeing"], r["article"].pk))
    return rows


def discrepancy_panel(
    request: AuthenticatedHttpRequest, pk: int, discrepancy_pk: int
) -> HttpResponse:
    story = get_story_for_user(request.user, pk)
    discrepancy = get_object_or_404(reports.story_discrepancies(story), pk=discrepancy_pk)
    if not request.htmx:
        return redirect(f"{reverse('story-detail', args=[story.pk])}?d={discrepancy.pk}")
    return render(
        request, "reconcile/story.html#conflict-panel", _panel_context(request, story, discrepancy)
    )


def _attachment(content: str | bytes, media_type: str, filename: str) -> HttpResponse:
    text = isinstance(content, str) or media_type.startswith("text/") or "json" in media_type
    response = HttpResponse(
        content, content_type=f"{media_type}; charset=utf-8" if text else media_type
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    # The HTML report quotes hostile article text: even if opened in place, run nothing.
    response["Content-Security-Policy"] = "default-src 'none'; style-src 'unsafe-inline'"
    return response


def story_report(request: AuthenticatedHttpRequest, pk: int, fmt: str) -> HttpResponse:
    story = get_story_for_user(request.user, pk)
    if fmt not in reports.FORMATS:
        raise Http404("Unknown report format")
    if reports.needs_worker(story, fmt):
        context = {"story": story, "export": None, "format": fmt, "label": reports.LABELS[fmt]}
        return render(request, "reconcile/export.html", context)
    content, media_type = reports.render_report(
        story, fmt, base_url=request.build_absolute_uri("/")
    )
    return _attachment(content, media_type, reports.download_name(story, fmt))


def _panel_response(
    request: AuthenticatedHttpRequest, story: Story, discrepancy: Discrepancy, **extra: Any
) -> HttpResponse:
    if not request.htmx:
        return redirect(f"{reverse('story-detail', args=[story.pk])}?d={discrepancy.pk}")
    context = _panel_context(request, story, discrepancy, **extra)
    return render(request, "reconcile/story.html#conflict-panel", context)


def _story_discrepancy(
    request: AuthenticatedHttpRequest, pk: int, discrepancy_pk: int
) -> tuple[Story, Discrepancy]:
    story = get_story_for_user(request.user, pk)
    discrepancy = get_object_or_404(reports.story_discrepancies(story), pk=discrepancy_pk)
    return story, discrepancy


@require_POST
def discrepancy_resolve(
    request: AuthenticatedHttpRequest, pk: int, discrepancy_pk: int
) -> HttpResponse:
    story, discrepancy = _story_discrepancy(request, pk, discrepancy_pk)
    if not can_edit(request.user):
        return HttpResponseForbidden("Viewers cannot resolve conflicts.")
    # A change leaves the versions as they were: the panel reuses them.
    versions = list(discrepancy.versions.all())
    panel = {"versions": versions, "editable": True}
    values = list(dict.fromkeys(v.value for v in versions))
    form = ResolveForm(request.POST, values=values)
    if not form.is_valid():
        return _panel_response(request, story, discrepancy, resolve_form=form, **panel)
    try:
        discrepancy = services.discrepancy_change(
            discrepancy_id=discrepancy.pk,
            user=request.user,
            expected_revision=form.cleaned_data["revision"],
            action="resolve",
            status=Discrepancy.Status.RESOLVED,
            resolved_value=form.cleaned_data["value"],
            verdict=form.cleaned_data["verdict"],
            note=form.cleaned_data["note"],
            evidence=form.cleaned_data["evidence"],
        )
    except services.StaleEdit as stale:
        # Keep what this editor typed, show what the other changed, ask to confirm.
        data = request.POST.copy()
        data["revision"] = str(stale.current.revision)  # as the browser sends it
        return _panel_response(
            request,
            story,
            stale.current,
            resolve_form=ResolveForm(data, values=values),
            stale=stale.since,
            **panel,
        )
    return _panel_response(request, story, discrepancy, saved=True, **panel)


@require_POST
def discrepancy_workflow(
    request: AuthenticatedHttpRequest, pk: int, discrepancy_pk: int
) -> HttpResponse:
    story, discrepancy = _story_discrepancy(request, pk, discrepancy_pk)
    if not can_edit(request.user):
        return HttpResponseForbidden("Viewers cannot change conflicts.")
    panel = {"versions": list(discrepancy.versions.all()), "editable": True}
    members = get_user_model().objects.filter(membership__desk_id=story.desk_id)
    form = WorkflowForm(request.POST, members=members)
    if not form.is_valid():
        return _panel_response(request, story, discrepancy, **panel)
    try:
        discrepancy = services.discrepancy_change(
            discrepancy_id=discrepancy.pk,
            user=request.user,
            expected_revision=form.cleaned_data["revision"],
            action="update",
            status=form.cleaned_data["status"],
            assignee_id=form.cleaned_data["assignee"],
        )
    except services.StaleEdit as stale:
        return _panel_response(request, story, stale.current, stale=stale.since, **panel)
    return _panel_response(request, story, discrepancy, saved=True, **panel)


@require_POST
def claim_mark(request: AuthenticatedHttpRequest, pk: int, claim_pk: int) -> HttpResponse:
    story = get_story_for_user(request.user, pk)
    claim = get_object_or_404(Claim, pk=claim_pk, article__story=story)
    if not can_edit(request.user):
        return HttpResponseForbidden("Viewers cannot verify claims.")
    form = ClaimVerdictForm(request.POST)
    if form.is_valid():
        services.claim_mark(claim=claim, user=request.user, verdict=form.cleaned_data["verdict"])
    back = request.POST.get("d", "")
    url = reverse("story-detail", args=[story.pk]) + (f"?d={back}" if back.isdigit() else "")
    if request.htmx and back.isdigit():
        discrepancy = get_object_or_404(reports.story_discrepancies(story), pk=int(back))
        return _panel_response(request, story, discrepancy)
    return redirect(url)


def my_queue(request: AuthenticatedHttpRequest) -> HttpResponse:
    discrepancies = (
        Discrepancy.objects.filter(assignee=request.user, story__desk__members__user=request.user)
        .exclude(status=Discrepancy.Status.RESOLVED)
        .select_related("story")
        .order_by("severity_rank", "story_id", "id")
    )
    return render(request, "reconcile/queue.html", {"discrepancies": discrepancies})


@login_not_required
def healthz(request: HttpRequest) -> HttpResponse:
    """Database, broker and worker, for the load balancer and the on-call editor."""
    checks = services.health()
    status = 200 if checks["database"] == "ok" and checks["broker"] == "ok" else 503
    return JsonResponse(checks, status=status)


@require_POST
def article_retry(request: AuthenticatedHttpRequest, pk: int, article_pk: int) -> HttpResponse:
    story = get_story_for_user(request.user, pk)
    article = get_object_or_404(story.articles, pk=article_pk)
    if can_edit(request.user):
        services.article_retry(article=article)
    return redirect("story-detail", pk=story.pk)


def _export_context(story: Story, export: Export) -> dict[str, Any]:
    return {"story": story, "export": export, "label": reports.LABELS[export.format]}


@require_POST
def story_export(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    story = get_story_for_user(request.user, pk)
    fmt = request.POST.get("format", "")
    if fmt not in reports.FORMATS:
        raise Http404("Unknown report format")
    export = reports.export_request(
        story=story, user=request.user, fmt=fmt, base_url=request.build_absolute_uri("/")
    )
    if request.htmx:
        return render(
            request, "reconcile/export.html#export-status", _export_context(story, export)
        )
    return redirect("export-status", pk=story.pk, export_pk=export.pk)


def export_status(request: AuthenticatedHttpRequest, pk: int, export_pk: int) -> HttpResponse:
    story = get_story_for_user(request.user, pk)
    export = get_object_or_404(Export.objects.defer("content"), story=story, pk=export_pk)
    template = "reconcile/export.html#export-status" if request.htmx else "reconcile/export.html"
    return render(request, template, _export_context(story, export))


def export_download(request: AuthenticatedHttpRequest, pk: int, export_pk: int) -> HttpResponse:
    # Through the user's desk's story: another desk's export is a 404, like its story.
    story = get_story_for_user(request.user, pk)
    export = get_object_or_404(Export, story=story, pk=export_pk, status=Export.Status.DONE)
    return _attachment(
        bytes(export.content),
        reports.MEDIA_TYPES[export.format],
        reports.download_name(story, export.format),
    )


def story_coverage(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """What most articles report and some leave out: shown as coverage, not as conflicts."""
    story = get_story_for_user(request.user, pk)
    labels = {a.pk: a.label for a in story.articles.only("outlet", "filename", "title")}
    rows = [
        {
            "fact": row.fact,
            "value": row.value,
            "reported": len(row.reported),
            "missing": [labels[a] for a in row.missing],
        }
        for row in services.story_coverage(story=story)
    ]
    layout = "reconcile/fragment.html" if request.htmx else "base.html"
    context = {"story": story, "rows": rows, "total": len(labels), "layout": layout}
    return render(request, "reconcile/coverage.html", context)
