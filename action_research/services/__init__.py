"""Writes for workspace records: validated, privacy-checked, access-checked and kept in history.

Grouped by record (`cycle_…`, `process_evaluation_…`, `trajectory_…`, `cost_…`, `expert_…`,
`project_…`, `records_import`); the shared machinery is in `services.common`.
"""

from action_research.services.common import (
    StaleEditError,
    project_get_or_create,
    project_of,
    record_delete,
    record_restore,
)
from action_research.services.costs import COST_FIELDS, cost_create, cost_update
from action_research.services.cycles import (
    CYCLE_FIELDS,
    CYCLE_TEXT_FIELDS,
    attachment_add,
    attachment_remove,
    cycle_close,
    cycle_create,
    cycle_delete,
    cycle_reopen,
    cycle_restore,
    cycle_update,
    next_cycle_initial,
)
from action_research.services.experts import (
    EXPERT_FIELDS,
    INPUT_FIELDS,
    expert_create,
    expert_input_create,
    expert_input_update,
    expert_update,
)
from action_research.services.imports import (
    ImportRejected,
    ImportResult,
    RowError,
    records_import,
)
from action_research.services.process import (
    PROCESS_FIELDS,
    process_evaluation_create,
    process_evaluation_update,
)
from action_research.services.projects import PROJECT_FIELDS, project_update
from action_research.services.trajectories import (
    TRAJECTORY_FIELDS,
    code_check,
    codes_issue,
    trajectory_create,
    trajectory_follow_up,
    trajectory_update,
    unused_codes,
)
from cms_core.uploads import ATTACHMENT_TYPES
from cms_core.uploads import MAX_UPLOAD_BYTES as MAX_ATTACHMENT_BYTES

__all__ = [
    "ATTACHMENT_TYPES",
    "COST_FIELDS",
    "CYCLE_FIELDS",
    "CYCLE_TEXT_FIELDS",
    "EXPERT_FIELDS",
    "INPUT_FIELDS",
    "MAX_ATTACHMENT_BYTES",
    "PROCESS_FIELDS",
    "PROJECT_FIELDS",
    "TRAJECTORY_FIELDS",
    "ImportRejected",
    "ImportResult",
    "RowError",
    "StaleEditError",
    "attachment_add",
    "attachment_remove",
    "code_check",
    "codes_issue",
    "cost_create",
    "cost_update",
    "cycle_close",
    "cycle_create",
    "cycle_delete",
    "cycle_reopen",
    "cycle_restore",
    "cycle_update",
    "expert_create",
    "expert_input_create",
    "expert_input_update",
    "expert_update",
    "next_cycle_initial",
    "process_evaluation_create",
    "process_evaluation_update",
    "project_get_or_create",
    "project_of",
    "project_update",
    "record_delete",
    "record_restore",
    "records_import",
    "trajectory_create",
    "trajectory_follow_up",
    "trajectory_update",
    "unused_codes",
]
