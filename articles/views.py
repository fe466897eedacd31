from django.contrib import messages
from django.http import HttpResponse, HttpResponseForbidden
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from newsroom.http import AuthenticatedHttpRequest

from . import services
from .forms import ArticleEditForm, PasteForm, StoryForm, UploadForm


def story_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    stories = services.stories_for_user(request.user).prefetch_related("articles")
    form = StoryForm(request.POST or None)
    if request.method == "POST":
        desk = services.desk_for_user(request.user)
        if desk is None or not services.can_edit(request.user):
            return HttpResponseForbidden("Only editors can create stories.")
        if form.is_valid():
            story = services.story_create(
                desk=desk, title=form.cleaned_data["title"], user=request.user
            )
            return redirect("story-detail", pk=story.pk)
    return render(request, "articles/story_list.html", {"stories": stories, "form": form})


@require_POST
def article_upload(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    story = services.get_story_for_user(request.user, pk)
    if not services.can_edit(request.user):
        return HttpResponseForbidden("Only editors can add articles.")
    form = UploadForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, "Choose at least one file to upload.")
        return redirect("story-detail", pk=story.pk)
    added, rejected = services.articles_add_files(story=story, files=form.cleaned_data["files"])
    if added:
        messages.success(request, f"Added {len(added)} article{'s' if len(added) != 1 else ''}.")
    for item in rejected:
        messages.error(request, f"{item.filename} was not added: {item.reason}.")
    return redirect("story-detail", pk=story.pk)


@require_POST
def article_paste(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    story = services.get_story_for_user(request.user, pk)
    if not services.can_edit(request.user):
        return HttpResponseForbidden("Only editors can add articles.")
    form = PasteForm(request.POST)
    if form.is_valid():
        try:
            services.article_add(story=story, **form.cleaned_data)
        except services.DuplicateArticle as exc:
            messages.error(request, f"Not added: {exc}.")
        else:
            messages.success(request, "Added the pasted article.")
    else:
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, str(error))  # ErrorList yields the messages
    return redirect("story-detail", pk=story.pk)


@require_POST
def article_edit(request: AuthenticatedHttpRequest, pk: int, article_pk: int) -> HttpResponse:
    story = services.get_story_for_user(request.user, pk)
    article = get_object_or_404(story.articles, pk=article_pk)
    if not services.can_edit(request.user):
        return HttpResponseForbidden("Only editors can edit articles.")
    form = ArticleEditForm(request.POST)
    if form.is_valid():
        services.article_update(article=article, **form.cleaned_data)
        messages.success(request, f"Saved the details of “{article.title}”.")
    else:
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, str(error))  # ErrorList yields the messages
    return redirect("story-detail", pk=story.pk)
