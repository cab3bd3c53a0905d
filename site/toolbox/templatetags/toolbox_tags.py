"""Template filters for toolbox pages."""

from __future__ import annotations

from typing import Any

from django import template

from toolbox.vocabularies import Actor, PayingParty

register = template.Library()


@register.filter
def actor_label(value: str) -> str:
    """The translated label of a step's actor code."""
    return str(Actor(value).label) if value in Actor.values else value


@register.filter
def party_label(value: str) -> str:
    return str(PayingParty(value).label) if value in PayingParty.values else value


@register.filter
def page_url(finder: Any, number: int) -> str:
    """A pagination link that keeps every filter."""
    return str(finder.page_url(number))
