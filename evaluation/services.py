"""Writes of the evaluation app: cost-benefit analyses, through the research records' history."""

from __future__ import annotations

from typing import Any

from accounts.models import Consortium, User
from action_research.services.common import record_create, record_delete, record_update
from evaluation.models import CostBenefitAnalysis, default_assumptions

ANALYSIS_FIELDS = ("title", "method", "assumptions", "notes", "published")


def analysis_create(
    *, actor: User, consortium: Consortium, data: dict[str, Any]
) -> CostBenefitAnalysis:
    """Set up an analysis of the consortium's project (the default assumptions unless given).
    Raises ValidationError or PermissionError; nothing is saved."""
    data = {"assumptions": default_assumptions(), **data}
    return record_create(
        actor=actor,
        consortium=consortium,
        record=CostBenefitAnalysis(),
        data=data,
        fields=ANALYSIS_FIELDS,
    )


def analysis_update(
    *, actor: User, analysis: CostBenefitAnalysis, data: dict[str, Any], version: int
) -> CostBenefitAnalysis:
    """Change an analysis; every change is kept in its history. StaleEditError when it changed
    since `version` was read."""
    return record_update(
        actor=actor, record=analysis, data=data, version=version, fields=ANALYSIS_FIELDS
    )


def analysis_delete(*, actor: User, analysis: CostBenefitAnalysis) -> CostBenefitAnalysis:
    """Remove an analysis (softly, as every research record)."""
    return record_delete(actor=actor, record=analysis)
