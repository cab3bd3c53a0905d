"""Reads of experience-expert involvement: the participation matrix, inputs and GRIPP2-SF."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from django.db.models import QuerySet

from action_research.models import (
    PHASES_REACHED,
    Expert,
    ExpertInput,
    InputResponse,
    InvolvementLevel,
    InvolvementPhase,
    ProjectPhase,
)
from action_research.selectors.common import Workspace, records_of


def experts(workspace: Workspace) -> list[Expert]:
    return list(records_of(workspace, Expert).order_by("label"))


def expert_inputs(workspace: Workspace, *, phase: str = "") -> QuerySet[ExpertInput]:
    items = records_of(workspace, ExpertInput).select_related("expert", "cycle")
    if phase in InvolvementPhase.values:
        items = items.filter(phase=phase)
    return items.order_by("-date", "-pk")


@dataclass
class PhaseColumn:
    phase: str
    label: str
    reached: bool  # the project has reached (or passed) this phase
    involved: int  # experts with any level in it
    highest: str  # label of the highest level, or ""
    inputs: int

    @property
    def missing(self) -> bool:
        """Reached without any experience expert involved: what the programme asks to avoid."""
        return self.reached and self.involved == 0


@dataclass
class Matrix:
    phases: list[PhaseColumn]
    rows: list[tuple[Expert, list[str]]]  # an expert and the level label per phase ("" none)

    @property
    def complete(self) -> bool:
        return not any(column.missing for column in self.phases)

    @property
    def missing(self) -> list[PhaseColumn]:
        return [column for column in self.phases if column.missing]


def participation_matrix(workspace: Workspace) -> Matrix:
    """Experts by phases with the level of each; per phase whether experts were involved."""
    people = experts(workspace)
    phase_of_project = workspace.project.phase if workspace.project else ProjectPhase.DEVELOPMENT
    reached = set(PHASES_REACHED.get(phase_of_project, []))
    inputs = Counter(records_of(workspace, ExpertInput).values_list("phase", flat=True).order_by())
    labels = dict(InvolvementLevel.choices)
    columns = []
    for phase in InvolvementPhase:
        levels = [level for expert in people if (level := expert.level_in(phase.value))]
        columns.append(
            PhaseColumn(
                phase=phase.value,
                label=str(phase.label),
                reached=phase.value in reached,
                involved=len(levels),
                highest=str(labels[max(levels)]) if levels else "",
                inputs=inputs.get(phase.value, 0),
            )
        )
    rows = [
        (
            expert,
            [
                str(labels[level]) if (level := expert.level_in(p.value)) else ""
                for p in InvolvementPhase
            ],
        )
        for expert in people
    ]
    return Matrix(phases=columns, rows=rows)


@dataclass
class Gripp2Report:
    """The GRIPP2 short form (Staniszewska et al., BMJ 2017), filled from what was logged."""

    aim: str
    matrix: Matrix
    experts: int
    inputs_by_phase: list[tuple[str, list[ExpertInput]]]
    responses: list[tuple[str, int]]
    anonymous_inputs: int
    influence: str
    reflection: str

    @property
    def gaps(self) -> list[str]:
        """What the report cannot say yet, so the consortium knows what to add."""
        from django.utils.translation import gettext as _

        missing = []
        if not self.aim.strip():
            missing.append(_("the aim of involvement (section 1)"))
        if not self.experts:
            missing.append(_("the experience experts and their involvement per phase (section 2)"))
        if not self.inputs_by_phase:
            missing.append(_("what experience experts brought in (section 3)"))
        if not self.influence.strip():
            missing.append(_("the influence on the project (section 4)"))
        if not self.reflection.strip():
            missing.append(_("a critical reflection (section 5)"))
        return missing


def gripp2_report(workspace: Workspace) -> Gripp2Report:
    project = workspace.project
    inputs = list(expert_inputs(workspace).order_by("date", "pk"))
    by_phase = [
        (str(phase.label), [item for item in inputs if item.phase == phase.value])
        for phase in InvolvementPhase
    ]
    counts = Counter(item.response for item in inputs)
    return Gripp2Report(
        aim=project.involvement_aim if project else "",
        matrix=participation_matrix(workspace),
        experts=len(experts(workspace)),
        inputs_by_phase=[(label, items) for label, items in by_phase if items],
        responses=[(str(r.label), counts.get(r.value, 0)) for r in InputResponse],
        anonymous_inputs=sum(1 for item in inputs if item.expert_id is None),
        influence=project.involvement_influence if project else "",
        reflection=project.involvement_reflection if project else "",
    )
