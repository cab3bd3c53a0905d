"""Reads of action-research cycles: the timeline and one cycle with its files."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Max, Q

from action_research.models import Construct, Cycle, CycleAttachment, ExpertInput, ParticipantRole
from action_research.selectors.common import Workspace, record_get, records_of


@dataclass
class TimelineEntry:
    cycle: Cycle
    carried_forward: bool  # its intended change is the previous cycle's "what changes next"
    roles: list[str]
    constructs: list[str]
    attachments: int
    expert_inputs: int


def cycle_timeline(workspace: Workspace) -> list[TimelineEntry]:
    """The workspace's cycles in order, showing how each followed from the one before."""
    cycles = list(
        records_of(workspace, Cycle)
        .select_related("previous")
        .annotate(
            attachment_count=Count("attachments", filter=Q(attachments__is_deleted=False)),
            input_count=Count("expert_inputs", filter=Q(expert_inputs__is_deleted=False)),
        )
        .order_by("number")
    )
    role_labels = dict(ParticipantRole.choices)
    construct_labels = dict(Construct.choices)
    return [
        TimelineEntry(
            cycle=cycle,
            carried_forward=bool(
                cycle.previous
                and cycle.previous.reflect_next
                and cycle.previous.reflect_next.strip() == cycle.plan_change.strip()
            ),
            roles=[str(role_labels.get(r, r)) for r in cycle.participant_roles],
            constructs=[str(construct_labels.get(c, c)) for c in cycle.constructs],
            attachments=cycle.attachment_count,  # type: ignore[attr-defined]
            expert_inputs=cycle.input_count,  # type: ignore[attr-defined]
        )
        for cycle in cycles
    ]


def deleted_cycles(workspace: Workspace) -> list[Cycle]:
    return list(records_of(workspace, Cycle, deleted=True).order_by("number"))


def cycle_get(workspace: Workspace, number: int, *, deleted: bool = False) -> Cycle:
    """One cycle by its number; Http404 when the workspace has no such cycle."""
    return record_get(workspace, Cycle, deleted=deleted, number=number)


def cycle_attachments(cycle: Cycle) -> list[CycleAttachment]:
    return list(cycle.attachments.filter(is_deleted=False).order_by("created_at", "pk"))


def timeline_version(workspace: Workspace) -> str:
    """Changes whenever anything the timeline shows changes: a cycle (removed ones included),
    a file or an experience-expert input. The cached timeline is keyed by it."""
    if workspace.project is None:
        return "none"
    parts = []
    for model in (Cycle, CycleAttachment, ExpertInput):
        row = model.objects.filter(project=workspace.project).aggregate(
            n=Count("pk"), last=Max("updated_at")
        )
        parts.append(f"{row['n']}-{row['last'].timestamp() if row['last'] else 0}")
    return "_".join(parts)
