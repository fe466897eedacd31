from collections import Counter

from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from articles.forms import PasteForm, UploadForm
from articles.models import Article
from articles.services import can_edit, get_story_for_user

from . import reports, services
from .highlight import Mark, highlight
from .models import Discrepancy


def _panel_urls(story_pk: int, discrepancy_pk: int) -> tuple[str, str]:
    page = reverse("story-detail", args=[story_pk]) + f"?d={discrepancy_pk}"
    panel = reverse("discrepancy-panel", args=[story_pk, discrepancy_pk])
    return page, panel


def story_detail(request, pk):
    story = get_story_for_user(request.user, pk)
    articles = list(story.articles.order_by("id"))
    discrepancies = list(reports.story_discrepancies(story))
    marks: dict[int, list[Mark]] = {a.pk: [] for a in articles}
    for d in discrepancies:
        href, panel = _panel_urls(story.pk, d.pk)
        for v in d.versions.all():
            marks.setdefault(v.article_id, []).append(
                Mark(v.value_start, v.value_end, d.pk, d.kind, d.severity, d.summary, href, panel)
            )
    columns = [(a, highlight(a.body, marks.get(a.pk, []))) for a in articles]
    selected = None
    if request.GET.get("d", "").isdigit():
        selected = next((d for d in discrepancies if d.pk == int(request.GET["d"])), None)
    context = {
        "story": story,
        "columns": columns,
        "articles": articles,
        "busy": any(a.is_busy for a in articles),
        "discrepancies": discrepancies,
        "counts": Counter(d.status for d in discrepancies),
        "selected": selected,
        "selected_versions": _versions_view(selected, articles) if selected else [],
        "upload_form": UploadForm(),
        "paste_form": PasteForm(),
        "can_edit": can_edit(request.user),
    }
    return render(request, "reconcile/story.html", context)


def story_status(request, pk):
    story = get_story_for_user(request.user, pk)
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


def _versions_view(discrepancy: Discrepancy, articles: list[Article]):
    by_id = {a.pk: a for a in articles}
    versions = list(discrepancy.versions.all())
    counts = Counter(v.value for v in versions)
    rows = []
    for v in versions:
        article = by_id.get(v.article_id)
        if article is None:
            continue
        body = article.body
        rows.append(
            {
                "article": article,
                "value": v.value,
                "agreeing": counts[v.value],
                "before": body[v.start : v.value_start] if v.start <= v.value_start else "",
                "marked": body[v.value_start : v.value_end],
                "after": body[v.value_end : v.end] if v.value_end <= v.end else "",
            }
        )
    rows.sort(key=lambda r: (-r["agreeing"], r["article"].pk))
    return rows


def discrepancy_panel(request, pk, discrepancy_pk):
    story = get_story_for_user(request.user, pk)
    discrepancy = get_object_or_404(reports.story_discrepancies(story), pk=discrepancy_pk)
    if not request.htmx:
        return redirect(f"{reverse('story-detail', args=[story.pk])}?d={discrepancy.pk}")
    articles = list(story.articles.order_by("id"))
    context = {
        "story": story,
        "selected": discrepancy,
        "selected_versions": _versions_view(discrepancy, articles),
    }
    return render(request, "reconcile/story.html#conflict-panel", context)


def story_report(request, pk, fmt):
    story = get_story_for_user(request.user, pk)
    if fmt not in reports.FORMATS:
        raise Http404("Unknown report format")
    content, media_type = reports.render_report(story, fmt)
    response = HttpResponse(content, content_type=f"{media_type}; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="story-{story.pk}-report.{fmt}"'
    return response


@require_POST
def article_retry(request, pk, article_pk):
    story = get_story_for_user(request.user, pk)
    article = get_object_or_404(story.articles, pk=article_pk)
    if can_edit(request.user):
        services.article_retry(article=article)
    return redirect("story-detail", pk=story.pk)
