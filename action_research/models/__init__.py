"""Workspace records. Research records are written only through `action_research.services`."""

from action_research.models.base import (
    HistoryBypassError,
    ResearchRecord,
    ResearchRecordQuerySet,
    history_writing,
)
from action_research.models.costs import CostCategory, CostItem, CostUnit
from action_research.models.cycles import (
    DEFAULT_EXPERT_SECTIONS,
    Construct,
    Cycle,
    CycleAttachment,
    CycleStatus,
    ParticipantRole,
    Project,
    ProjectPhase,
    Section,
    private_storage,
)
from action_research.models.experts import (
    PHASES_REACHED,
    Expert,
    ExpertInput,
    InputChannel,
    InputResponse,
    InvolvementLevel,
    InvolvementPhase,
)
from action_research.models.history import ImportBatch, ImportKind, RecordChange
from action_research.models.panel import (
    MAX_QUESTIONS,
    Advice,
    AdvicePoint,
    AdviceStatus,
    PointKind,
    Recommendation,
    ReviewRound,
    RoundInvitation,
    RoundStatus,
    SubjectKind,
)
from action_research.models.process import ProcessEvaluation
from action_research.models.trajectories import (
    WORK_OUTCOMES,
    Outcome,
    PlacementKind,
    PseudonymCode,
    Trajectory,
    add_months,
)

# Every research record type by its record_type (RecordChange.record_type).
RECORD_TYPES: dict[str, type[ResearchRecord]] = {
    model.record_type(): model
    for model in (
        Project,
        Cycle,
        CycleAttachment,
        ProcessEvaluation,
        Trajectory,
        CostItem,
        Expert,
        ExpertInput,
    )
}

__all__ = [
    "DEFAULT_EXPERT_SECTIONS",
    "MAX_QUESTIONS",
    "PHASES_REACHED",
    "RECORD_TYPES",
    "WORK_OUTCOMES",
    "Advice",
    "AdvicePoint",
    "AdviceStatus",
    "Construct",
    "CostCategory",
    "CostItem",
    "CostUnit",
    "Cycle",
    "CycleAttachment",
    "CycleStatus",
    "Expert",
    "ExpertInput",
    "HistoryBypassError",
    "ImportBatch",
    "ImportKind",
    "InputChannel",
    "InputResponse",
    "InvolvementLevel",
    "InvolvementPhase",
    "Outcome",
    "ParticipantRole",
    "PlacementKind",
    "PointKind",
    "ProcessEvaluation",
    "Project",
    "ProjectPhase",
    "PseudonymCode",
    "Recommendation",
    "RecordChange",
    "ResearchRecord",
    "ResearchRecordQuerySet",
    "ReviewRound",
    "RoundInvitation",
    "RoundStatus",
    "Section",
    "SubjectKind",
    "Trajectory",
    "add_months",
    "history_writing",
    "private_storage",
]
