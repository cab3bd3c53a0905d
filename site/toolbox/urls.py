"""URL patterns of the toolbox outside Wagtail's page tree (namespace `toolbox`)."""

from django.urls import path

from toolbox import views
from toolbox.feeds import NewsFeed

app_name = "toolbox"

urlpatterns = [
    path("feeds/nieuws/", NewsFeed(), name="news_feed"),
    # A consortium's own approaches: drafts, the editorial workflow (see toolbox.workflow).
    path(
        "consortia/<slug:slug>/aanpakken/",
        views.consortium_approaches,
        name="consortium_approaches",
    ),
    path("consortia/<slug:slug>/aanpakken/nieuw/", views.approach_draft, name="approach_create"),
    path(
        "consortia/<slug:slug>/aanpakken/<int:page_id>/",
        views.approach_draft,
        name="approach_edit",
    ),
    path(
        "consortia/<slug:slug>/aanpakken/<int:page_id>/voorbeeld/",
        views.approach_preview,
        name="approach_preview",
    ),
    path(
        "consortia/<slug:slug>/aanpakken/<int:page_id>/indienen/",
        views.approach_submit,
        name="approach_submit",
    ),
]
