"""Template helpers for links to the evaluation pages."""

from __future__ import annotations

from typing import Any

from django import template

from evaluation import permissions

register = template.Library()


@register.filter
def can_view_evaluation(user: Any) -> bool:
    """Whether the programme dashboard is open to the user (for the main navigation)."""
    return permissions.can_view_programme(user)
