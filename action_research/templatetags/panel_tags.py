"""Template helpers of the panel's review rounds: the answer fields of a point, and whether
the panel's pages are for this user (the site navigation)."""

from __future__ import annotations

from typing import Any

from django import template

from accounts import permissions as account_permissions
from accounts.roles import Role

register = template.Library()


@register.simple_tag
def answer_fields(form: Any, point: Any) -> tuple[Any, Any]:
    """(response, reason) bound fields of one point in the consortium's answer form."""
    return form.fields_for(point)


@register.filter
def can_use_panel(user: Any) -> bool:
    """Those the panel's start page is for: the panel, staff, the committee and consortia."""
    if not getattr(user, "is_authenticated", False):
        return False
    roles = account_permissions.programme_roles(user)
    return bool(
        roles & {Role.PANEL, Role.PROGRAMME_STAFF, Role.COMMITTEE}
        or account_permissions.is_consortium_member(user)
    )
