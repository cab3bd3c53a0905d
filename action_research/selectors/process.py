"""Reads of the process evaluation: periods in order, and what the cycle log says of each."""

from __future__ import annotations

from django.db.models import Q

from action_research.models import Construct, Cycle, ProcessEvaluation, Section
from action_research.selectors.common import Workspace, records_of


def process_evaluations(workspace: Workspace) -> list[ProcessEvaluation]:
    """Every period of the workspace's process evaluation, earliest first."""
    return list(records_of(workspace, ProcessEvaluation).order_by("period_start", "period_end"))


def cycle_observations(
    workspace: Workspace, evaluation: ProcessEvaluation
) -> list[tuple[str, str, list[Cycle]]]:
    """The cycle log feeding a period's process evaluation: per construct (code, label), the
    cycles of that period whose observations were tagged with it. Empty for viewers who may
    not read the cycles."""
    if not workspace.can_read(Section.CYCLES):
        return []
    cycles = list(
        records_of(workspace, Cycle)
        .filter(period_start__lte=evaluation.period_end)
        .filter(Q(period_end__isnull=True) | Q(period_end__gte=evaluation.period_start))
        .exclude(observe="")
        .order_by("number")
    )
    groups = []
    for construct in Construct:
        tagged = [cycle for cycle in cycles if construct.value in cycle.constructs]
        if tagged:
            groups.append((construct.value, str(construct.label), tagged))
    return groups
