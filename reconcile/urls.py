from django.urls import path

from . import views

urlpatterns = [
    path("stories/<int:pk>/", views.story_detail, name="story-detail"),
    path("stories/<int:pk>/status/", views.story_status, name="story-status"),
    path("stories/<int:pk>/coverage/", views.story_coverage, name="story-coverage"),
    path(
        "stories/<int:pk>/discrepancies/<int:discrepancy_pk>/",
        views.discrepancy_panel,
        name="discrepancy-panel",
    ),
    path(
        "stories/<int:pk>/discrepancies/<int:discrepancy_pk>/resolve/",
        views.discrepancy_resolve,
        name="discrepancy-resolve",
    ),
    path(
        "stories/<int:pk>/discrepancies/<int:discrepancy_pk>/workflow/",
        views.discrepancy_workflow,
        name="discrepancy-workflow",
    ),
    path("stories/<int:pk>/claims/<int:claim_pk>/mark/", views.claim_mark, name="claim-mark"),
    path("queue/", views.my_queue, name="my-queue"),
    path("healthz", views.healthz, name="healthz"),
    path("stories/<int:pk>/report.<str:fmt>", views.story_report, name="story-report"),
    path(
        "stories/<int:pk>/articles/<int:article_pk>/retry/",
        views.article_retry,
        name="article-retry",
    ),
    path("stories/<int:pk>/exports/", views.story_export, name="story-export"),
    path("stories/<int:pk>/exports/<int:export_pk>/", views.export_status, name="export-status"),
    path(
        "stories/<int:pk>/exports/<int:export_pk>/download/",
        views.export_download,
        name="export-download",
    ),
]
