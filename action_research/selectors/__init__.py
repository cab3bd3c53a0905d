"""Reads for workspaces, always for one viewer: the Workspace says what they may see."""

from action_research.selectors.common import (
    Workspace,
    activity,
    display_value,
    field_label,
    record_any_get,
    record_get,
    record_history,
    records_of,
    removed_records,
    research_data_version,
    workspace_get,
)
from action_research.selectors.costs import cost_periods, cost_totals, costs
from action_research.selectors.cycles import (
    cycle_attachments,
    cycle_get,
    cycle_timeline,
    deleted_cycles,
    timeline_version,
)
from action_research.selectors.experts import (
    expert_inputs,
    experts,
    gripp2_report,
    participation_matrix,
)
from action_research.selectors.exports import export_kinds, export_records
from action_research.selectors.process import cycle_observations, process_evaluations
from action_research.selectors.trajectories import (
    follow_ups_due,
    follow_ups_due_count,
    outcome_counts,
    trajectories,
    trajectory_get,
)

__all__ = [
    "Workspace",
    "activity",
    "cost_periods",
    "cost_totals",
    "costs",
    "cycle_attachments",
    "cycle_get",
    "cycle_observations",
    "cycle_timeline",
    "deleted_cycles",
    "display_value",
    "expert_inputs",
    "experts",
    "export_kinds",
    "export_records",
    "field_label",
    "follow_ups_due",
    "follow_ups_due_count",
    "gripp2_report",
    "outcome_counts",
    "participation_matrix",
    "process_evaluations",
    "record_any_get",
    "record_get",
    "record_history",
    "records_of",
    "removed_records",
    "research_data_version",
    "timeline_version",
    "trajectories",
    "trajectory_get",
    "workspace_get",
]
