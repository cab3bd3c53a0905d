"""Template tags for the site's main navigation, built from the Wagtail page tree."""

from __future__ import annotations

from typing import Any

from django import template
from wagtail.models import Page, Site

register = template.Library()


@register.simple_tag(takes_context=True)
def main_menu(context: dict[str, Any]) -> list[Page]:
    """The live, public pages directly under the site root that are marked 'show in menus'."""
    request = context.get("request")
    site = Site.find_for_request(request) if request is not None else None
    if site is None:
        return []
    return list(site.root_page.get_children().live().public().in_menu().specific())
