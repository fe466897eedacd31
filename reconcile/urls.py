from django.urls import path

from . import views

urlpatterns = [
    path("stories/<int:pk>/", views.story_detail, name="story-detail"),
    path("stories/<int:pk>/status/", views.story_status, name="story-status"),
    path(
        "stories/<int:pk>/discrepancies/<int:discrepancy_pk>/",
        views.discrepancy_panel,
        name="discrepancy-panel",
    ),
    path("stories/<int:pk>/report.<str:fmt>", views.story_report, name="story-report"),
    path(
        "stories/<int:pk>/articles/<int:article_pk>/retry/",
        views.article_retry,
        name="article-retry",
    ),
]
