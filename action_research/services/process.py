"""Process evaluation per period."""

from __future__ import annotations

from typing import Any

from accounts.models import Consortium, User
from action_research.models import ProcessEvaluation
from action_research.services.common import record_create, record_update

# Everything a form or an import may set (period dates follow from the period).
PROCESS_FIELDS = ProcessEvaluation.HISTORY_FIELDS


def process_evaluation_create(
    *, actor: User, consortium: Consortium, data: dict[str, Any]
) -> ProcessEvaluation:
    """Record the process evaluation of a period. Raises ValidationError; nothing is saved."""
    return record_create(
        actor=actor,
        consortium=consortium,
        record=ProcessEvaluation(),
        data=data,
        fields=PROCESS_FIELDS,
    )


def process_evaluation_update(
    *, actor: User, evaluation: ProcessEvaluation, data: dict[str, Any], version: int
) -> ProcessEvaluation:
    """Change a period's process evaluation; StaleEditError when it changed since `version`."""
    return record_update(
        actor=actor, record=evaluation, data=data, version=version, fields=PROCESS_FIELDS
    )
