"""URL patterns of the toolbox outside Wagtail's page tree (namespace `toolbox`)."""

from django.urls import path

from toolbox.feeds import NewsFeed

app_name = "toolbox"

urlpatterns = [
    path("feeds/nieuws/", NewsFeed(), name="news_feed"),
]
