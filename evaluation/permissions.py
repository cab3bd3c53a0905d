"""Who sees which evaluation figures: the single source of truth for evaluation views."""

from __future__ import annotations

from typing import Any

from accounts import permissions as account_permissions
from accounts.models import Consortium
from accounts.roles import Role
from action_research import permissions as research_permissions
from action_research.models import Section


def can_view_programme(user: Any) -> bool:
    """Programme staff, the committee and observers (SZW/UWV) see programme-wide aggregates."""
    return any(
        account_permissions.has_role(user, role)
        for role in (Role.PROGRAMME_STAFF, Role.COMMITTEE, Role.OBSERVER)
    )


def can_view_project(user: Any, consortium: Consortium) -> bool:
    """The consortium's own members, programme staff and the committee (not other consortia,
    not observers: they see the programme aggregates only)."""
    return account_permissions.can_view_consortium(user, consortium)


def sees_small_numbers(user: Any, consortium: Consortium) -> bool:
    """Inside the consortium its own figures are shown whole; everyone else sees n < 5 hidden."""
    return consortium.pk in account_permissions.consortium_roles(user)


def can_export_programme(user: Any) -> bool:
    """Only programme staff export every consortium's records (pseudonymised)."""
    return account_permissions.is_programme_staff(user)


def can_view_cost_benefit(user: Any, consortium: Consortium) -> bool:
    """Members of the consortium who may read its costs (so its experience experts only when
    the consortium shares that section with them); programme staff and the committee."""
    if consortium.pk in account_permissions.consortium_roles(user):
        project = consortium.projects.filter(is_deleted=False).first()
        return research_permissions.can_read_section(user, consortium, project, Section.COSTS)
    return can_view_project(user, consortium)


def can_edit_cost_benefit(user: Any, consortium: Consortium) -> bool:
    """Members who keep the consortium's cost records set up and change its analyses."""
    project = consortium.projects.filter(is_deleted=False).first()
    return research_permissions.can_write_section(user, consortium, project, Section.COSTS)
