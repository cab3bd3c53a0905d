"""Template tags other pages use to show learning-network information (the start page)."""

from __future__ import annotations

from typing import Any

from django import template

from learning_network import selectors

register = template.Library()


@register.inclusion_tag("learning_network/_my_networks.html", takes_context=True)
def my_networks(context: dict[str, Any]) -> dict[str, Any]:
    """The viewer's networks with the number of threads that have new posts, and the meetings
    of those networks in the coming 30 days."""
    viewer = context["request"].user
    return {
        "summaries": selectors.network_summaries_for(viewer=viewer),
        "meetings": selectors.upcoming_meetings_for(viewer=viewer),
    }
