"""Experience experts, their involvement per phase, and what they brought in."""

from __future__ import annotations

from typing import Any

from accounts.models import Consortium, User
from action_research.models import Expert, ExpertInput
from action_research.services.common import record_create, record_update

EXPERT_FIELDS = ("label", "background", "levels", "user")
INPUT_FIELDS = (
    "phase",
    "date",
    "channel",
    "expert",
    "brought_in",
    "done_with_it",
    "response",
    "cycle",
)


def expert_create(*, actor: User, consortium: Consortium, data: dict[str, Any]) -> Expert:
    """Add an experience expert (label, background, level per phase) to the project."""
    return record_create(
        actor=actor, consortium=consortium, record=Expert(), data=data, fields=EXPERT_FIELDS
    )


def expert_update(*, actor: User, expert: Expert, data: dict[str, Any], version: int) -> Expert:
    """Change an expert's label, background or row of the participation matrix."""
    return record_update(
        actor=actor, record=expert, data=data, version=version, fields=EXPERT_FIELDS
    )


def expert_input_create(
    *, actor: User, consortium: Consortium, data: dict[str, Any]
) -> ExpertInput:
    """Record what an experience expert brought in (expert None: anonymously)."""
    return record_create(
        actor=actor, consortium=consortium, record=ExpertInput(), data=data, fields=INPUT_FIELDS
    )


def expert_input_update(
    *, actor: User, expert_input: ExpertInput, data: dict[str, Any], version: int
) -> ExpertInput:
    """Change an input, typically to say what was done with it."""
    return record_update(
        actor=actor, record=expert_input, data=data, version=version, fields=INPUT_FIELDS
    )
