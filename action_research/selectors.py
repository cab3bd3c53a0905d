"""Reads for workspaces: the timeline of cycles and the history of a record."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.http import Http404

from accounts import permissions
from accounts.models import Consortium
from action_research.models import Construct, Cycle, ParticipantRole, RecordChange


def workspace_get(*, viewer: Any, slug: str) -> Consortium:
    """The consortium whose records the viewer may read; Http404 for any other."""
    consortium = Consortium.objects.filter(slug=slug).first()
    if consortium is None or not permissions.can_read_research_records(viewer, consortium):
        raise Http404
    return consortium


@dataclass
class TimelineEntry:
    cycle: Cycle
    carried_forward: bool  # its intended change is the previous cycle's "what changes next"
    roles: list[str]
    constructs: list[str]


def cycle_timeline(*, consortium: Consortium) -> list[TimelineEntry]:
    """The consortium's cycles in order, showing how each followed from the one before."""
    cycles = list(
        Cycle.objects.filter(project__consortium=consortium, is_deleted=False)
        .select_related("previous")
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
        )
        for cycle in cycles
    ]


def deleted_cycles(*, consortium: Consortium) -> list[Cycle]:
    return list(
        Cycle.objects.filter(project__consortium=consortium, is_deleted=True).order_by("number")
    )


def cycle_get(*, consortium: Consortium, number: int, deleted: bool = False) -> Cycle:
    cycle = (
        Cycle.objects.filter(project__consortium=consortium, number=number, is_deleted=deleted)
        .select_related("project", "previous")
        .first()
    )
    if cycle is None:
        raise Http404
    return cycle


@dataclass
class HistoryEntry:
    change: RecordChange
    fields: list[tuple[str, Any, Any]]  # (label, old, new)


def record_history(*, record_type: str, record_id: int) -> list[HistoryEntry]:
    """Every change of a record, newest first, with field labels instead of names."""
    labels = {
        field.name: str(field.verbose_name)
        for field in Cycle._meta.get_fields()
        if hasattr(field, "verbose_name")
    }
    changes = RecordChange.objects.filter(
        record_type=record_type, record_id=record_id
    ).select_related("actor")
    return [
        HistoryEntry(
            change=change,
            fields=[
                (labels.get(name, name), old, new) for name, (old, new) in change.changes.items()
            ],
        )
        for change in changes
    ]
