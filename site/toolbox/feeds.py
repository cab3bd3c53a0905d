"""The Atom feed of programme news."""

from __future__ import annotations

import datetime
from typing import Any

from django.contrib.syndication.views import Feed
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext_lazy as _

from toolbox.models import NewsPage

FEED_SIZE = 30


class NewsFeed(Feed):
    feed_type = Atom1Feed
    title = _("News – Verbetering re-integratie 2e spoor")
    subtitle = _("News from the ZonMw programme and its toolbox.")
    link = "/"

    def items(self) -> Any:
        return NewsPage.objects.live().public().order_by("-date", "-pk")[:FEED_SIZE]

    def item_title(self, item: NewsPage) -> str:
        return item.title

    def item_description(self, item: NewsPage) -> str:
        return item.intro

    def item_link(self, item: NewsPage) -> str:
        return item.url or "/"

    def item_pubdate(self, item: NewsPage) -> datetime.datetime:
        return timezone.make_aware(datetime.datetime.combine(item.date, datetime.time(9, 0)))
