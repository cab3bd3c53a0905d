"""The project itself: its phase, target group, business case and involvement texts."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from accounts.models import Consortium, User
from action_research import history, permissions
from action_research.models import Project
from action_research.services.common import (
    locked,
    project_get_or_create,
    validate,
)

PROJECT_FIELDS = Project.HISTORY_FIELDS


@transaction.atomic
def project_update(
    *, actor: User, consortium: Consortium, data: dict[str, Any], version: int | None
) -> Project:
    """Coordinators and programme staff change the project; StaleEditError on a stale version.

    `version` None means the form was opened before the project existed.
    """
    if not permissions.can_manage_workspace(actor, consortium):
        raise PermissionError("only coordinators change the project")
    project = project_get_or_create(actor=actor, consortium=consortium)
    current = locked(project, version=version or project.version)
    before = history.snapshot(current)
    for name in PROJECT_FIELDS:
        if name in data:
            setattr(current, name, data[name])
    validate(current)
    history.save_changes(current, actor=actor, before=before)
    return current
