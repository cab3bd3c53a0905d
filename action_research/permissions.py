"""Who may read and write which part of a consortium's workspace: the single source of truth.

Built on `accounts.permissions`: the consortium's own members and programme staff read its
records; members who keep the record (not its observers) write them. A consortium chooses which
sections its experience experts see (`Project.shared_with_experts`); they read and add to those
only. Programme committee, observers and other consortia see none of these records.
"""

from __future__ import annotations

from typing import Any

from accounts import permissions as account_permissions
from accounts.models import Consortium, ConsortiumRole
from action_research.models import DEFAULT_EXPERT_SECTIONS, Project, ResearchRecord


def _role(user: Any, consortium: Consortium) -> str | None:
    return account_permissions.consortium_roles(user).get(consortium.pk)


def _shared(project: Project | None) -> list[str]:
    return list(project.shared_with_experts) if project is not None else DEFAULT_EXPERT_SECTIONS


def can_read_workspace(user: Any, consortium: Consortium) -> bool:
    """The consortium's own members (every role) and programme staff."""
    return account_permissions.can_read_research_records(user, consortium)


def can_read_section(
    user: Any, consortium: Consortium, project: Project | None, section: str
) -> bool:
    """Readers of the workspace; the consortium's experience experts only what it shares."""
    if not can_read_workspace(user, consortium):
        return False
    if account_permissions.is_programme_staff(user):
        return True
    if _role(user, consortium) == ConsortiumRole.EXPERIENCE_EXPERT:
        return section == "project" or section in _shared(project)
    return True


def can_write_section(
    user: Any, consortium: Consortium, project: Project | None, section: str
) -> bool:
    """Members who keep the record (not observers), within the sections they may read."""
    return account_permissions.can_write_research_records(user, consortium) and can_read_section(
        user, consortium, project, section
    )


def can_read_record(user: Any, record: ResearchRecord) -> bool:
    project: Project = record.project  # type: ignore[attr-defined]
    return can_read_section(user, project.consortium, project, record.SECTION)


def can_write_record(user: Any, record: ResearchRecord) -> bool:
    project: Project = record.project  # type: ignore[attr-defined]
    return can_write_section(user, project.consortium, project, record.SECTION)


def can_manage_workspace(user: Any, consortium: Consortium) -> bool:
    """Coordinators of the consortium and programme staff: project settings, restoring records."""
    return account_permissions.can_manage_consortium(user, consortium)
