from django.urls import path

from . import views

urlpatterns = [
    path("", views.story_list, name="story-list"),
    path("stories/<int:pk>/upload/", views.article_upload, name="article-upload"),
    path("stories/<int:pk>/paste/", views.article_paste, name="article-paste"),
    path(
        "stories/<int:pk>/articles/<int:article_pk>/edit/",
        views.article_edit,
        name="article-edit",
    ),
]
