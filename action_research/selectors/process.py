"""Reads of the process evaluation: periods in order, with the derived reach."""

from __future__ import annotations

from action_research.models import ProcessEvaluation
from action_research.selectors.common import Workspace, records_of


def process_evaluations(workspace: Workspace) -> list[ProcessEvaluation]:
    """Every period of the workspace's process evaluation, earliest first."""
    return list(records_of(workspace, ProcessEvaluation).order_by("period_start", "period_end"))
