"""The records behind each export of a workspace, in the order the files list them."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404

from action_research.models import (
    CostItem,
    Cycle,
    Expert,
    ExpertInput,
    ProcessEvaluation,
    Section,
    Trajectory,
)
from action_research.selectors.common import Workspace, records_of
from action_research.transfer.schemas import EXPORT_SCHEMAS, Schema

_SOURCES: dict[str, tuple[str, Callable[[Workspace], Any]]] = {
    "cycli": (Section.CYCLES, lambda w: records_of(w, Cycle).order_by("number")),
    "procesevaluatie": (
        Section.PROCESS,
        lambda w: records_of(w, ProcessEvaluation).order_by("period_start"),
    ),
    "trajecten": (
        Section.TRAJECTORIES,
        lambda w: records_of(w, Trajectory).order_by("included_on", "code").iterator(2000),
    ),
    "kosten": (
        Section.COSTS,
        lambda w: (
            records_of(w, CostItem)
            .select_related("trajectory")
            .order_by("period_start", "category", "payer", "pk")
        ),
    ),
    "inbreng": (
        Section.EXPERTS,
        lambda w: (
            records_of(w, ExpertInput).select_related("expert", "cycle").order_by("date", "pk")
        ),
    ),
    "ervaringsdeskundigen": (Section.EXPERTS, lambda w: records_of(w, Expert).order_by("label")),
}


def export_kinds(workspace: Workspace) -> list[Schema]:
    """The exports this viewer may download, in a fixed order."""
    return [
        EXPORT_SCHEMAS[kind]
        for kind, (section, _source) in _SOURCES.items()
        if workspace.can_read(section)
    ]


def export_records(workspace: Workspace, kind: str) -> tuple[Schema, Any]:
    """The schema and records of one export; Http404 for an unknown kind, PermissionDenied for
    a section not shared with the viewer."""
    if kind not in _SOURCES:
        raise Http404
    section, source = _SOURCES[kind]
    if not workspace.can_read(section):
        raise PermissionDenied
    return EXPORT_SCHEMAS[kind], source(workspace)
