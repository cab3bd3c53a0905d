"""Reads of action-research cycles: the timeline and one cycle with its files."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Max, Q
from django.utils.formats import date_format
from django.utils.text import Truncator

from action_research.models import (
    Construct,
    Cycle,
    CycleAttachment,
    CycleStatus,
    ExpertInput,
    ParticipantRole,
)
from action_research.selectors.common import Workspace, record_get, records_of


@dataclass
class TimelineEntry:
    """One cycle of the timeline, with its texts ready to show (the list can be long)."""

    cycle: Cycle
    number: int
    period: str
    status: str
    question: str
    change: str
    next_step: str
    learned_before: str  # what the previous cycle learned
    previous_number: int | None
    carried_forward: bool  # its intended change is the previous cycle's "what changes next"
    roles: str
    constructs: str
    attachments: int
    expert_inputs: int


def _short(text: str) -> str:
    return Truncator(text).words(30, truncate=" …")


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
    status_labels = dict(CycleStatus.choices)
    entries = []
    for cycle in cycles:
        previous = cycle.previous
        period = date_format(cycle.period_start, "j F Y")
        if cycle.period_end:
            period += " – " + date_format(cycle.period_end, "j F Y")
        entries.append(
            TimelineEntry(
                cycle=cycle,
                number=cycle.number,
                period=period,
                status=str(status_labels.get(cycle.status, cycle.status)).lower(),
                question=_short(cycle.plan_question),
                change=_short(cycle.plan_change),
                next_step=_short(cycle.reflect_next),
                learned_before=_short(previous.reflect_learned) if previous else "",
                previous_number=previous.number if previous else None,
                carried_forward=bool(
                    previous
                    and previous.reflect_next
                    and previous.reflect_next.strip() == cycle.plan_change.strip()
                ),
                roles=", ".join(str(role_labels.get(r, r)) for r in cycle.participant_roles),
                constructs=", ".join(str(construct_labels.get(c, c)) for c in cycle.constructs),
                attachments=cycle.attachment_count,  # type: ignore[attr-defined]
                expert_inputs=cycle.input_count,  # type: ignore[attr-defined]
            )
        )
    return entries


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
