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
from accounts.roles import Role
from action_research.models import (
    DEFAULT_EXPERT_SECTIONS,
    Project,
    ResearchRecord,
    ReviewRound,
    RoundStatus,
)


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


# --- the experience-expert panel's review rounds --------------------------------------------------
# Consortium roles that ask the panel for advice on their plan and answer that advice.
PLAN_ROLES = frozenset({ConsortiumRole.COORDINATOR, ConsortiumRole.RESEARCHER})


def can_run_rounds(user: Any) -> bool:
    """Programme staff open, close and summarise review rounds, and see who is behind advice."""
    return account_permissions.is_programme_staff(user)


def is_panel_member(user: Any) -> bool:
    return account_permissions.has_role(user, Role.PANEL)


def can_request_round(user: Any, consortium: Consortium) -> bool:
    """The consortium's coordinators and researchers (and programme staff) ask for a round."""
    if account_permissions.is_programme_staff(user):
        return True
    return _role(user, consortium) in PLAN_ROLES


def is_invited(user: Any, review_round: ReviewRound) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    return review_round.invitations.filter(user_id=user.pk).exists()


def _of_consortium(user: Any, review_round: ReviewRound) -> bool:
    consortium_id = review_round.consortium_id
    return consortium_id is not None and consortium_id in account_permissions.consortium_roles(user)


def can_view_round(user: Any, review_round: ReviewRound) -> bool:
    """Staff; invited panel members; the committee once the round is open; every member of the
    round's own consortium. Nobody else (another consortium gets 404)."""
    if account_permissions.is_programme_staff(user):
        return True
    if _of_consortium(user, review_round):
        return True
    if review_round.status in (RoundStatus.REQUESTED, RoundStatus.DECLINED):
        return False
    if account_permissions.has_role(user, Role.COMMITTEE):
        return True
    return is_panel_member(user) and is_invited(user, review_round)


def can_advise(user: Any, review_round: ReviewRound) -> bool:
    """An invited panel member while the round is open."""
    return (
        review_round.status == RoundStatus.OPEN
        and is_panel_member(user)
        and is_invited(user, review_round)
    )


def can_read_advice(user: Any, review_round: ReviewRound) -> bool:
    """Everyone's sent advice: staff always; the committee once the round is closed; the
    consortium once staff published the summary, if the round shares the advice with it."""
    if account_permissions.is_programme_staff(user):
        return True
    if review_round.status not in (RoundStatus.CLOSED, RoundStatus.HANDLED):
        return False
    if account_permissions.has_role(user, Role.COMMITTEE):
        return True
    return (
        review_round.share_with_consortium
        and review_round.summary_at is not None
        and _of_consortium(user, review_round)
    )


def can_read_summary(user: Any, review_round: ReviewRound) -> bool:
    return review_round.summary_at is not None and can_view_round(user, review_round)


def can_respond_to_advice(user: Any, review_round: ReviewRound) -> bool:
    """The consortium's coordinators and researchers answer every point, once they see it."""
    if review_round.consortium is None or not can_read_advice(user, review_round):
        return False
    if account_permissions.is_programme_staff(user):
        return False
    return _role(user, review_round.consortium) in PLAN_ROLES


def sees_real_names(user: Any) -> bool:
    """Only programme staff see who a panel member really is."""
    return account_permissions.is_programme_staff(user)
