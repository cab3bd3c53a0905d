"""Experience-expert involvement: who took part, at which level per phase, and what they brought in.

The programme requires experience expertise in every phase of a project. The participation matrix
(experts by phases, each cell a level of the participation ladder) shows whether it was there; the
inputs record what was brought in and what was done with it, for the GRIPP2-SF report.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from action_research.models.base import ResearchRecord
from action_research.models.cycles import Cycle, Project, ProjectPhase, Section


class InvolvementPhase(models.TextChoices):
    PREPARATION = "voorbereiding", _("Preparation and plan")
    DEVELOPMENT = "ontwikkeling", _("Development")
    IMPLEMENTATION = "uitvoering", _("Implementation")
    EVALUATION = "evaluatie", _("Evaluation and analysis")
    DISSEMINATION = "verspreiding", _("Dissemination and implementation")


# The involvement phases a project has reached in each of its phases.
PHASES_REACHED: dict[str, list[str]] = {
    ProjectPhase.DEVELOPMENT: [InvolvementPhase.PREPARATION, InvolvementPhase.DEVELOPMENT],
    ProjectPhase.IMPLEMENTATION: [
        InvolvementPhase.PREPARATION,
        InvolvementPhase.DEVELOPMENT,
        InvolvementPhase.IMPLEMENTATION,
    ],
    ProjectPhase.COMPLETED: list(InvolvementPhase.values),
}


class InvolvementLevel(models.IntegerChoices):
    """The participation ladder, from being told to making it together."""

    INFORMED = 1, _("Informed")
    CONSULTED = 2, _("Consulted")
    ADVISING = 3, _("Advising")
    CO_DECIDING = 4, _("Co-deciding")
    CO_PRODUCING = 5, _("Co-producing")


class InputChannel(models.TextChoices):
    MEETING = "overleg", _("Meeting or working group")
    INTERVIEW = "interview", _("Interview or conversation")
    WRITTEN = "schriftelijk", _("Written advice or comments")
    SESSION = "sessie", _("Session with several experts")
    CO_CREATION = "cocreatie", _("Making something together")
    OTHER = "anders", _("Other")


class InputResponse(models.TextChoices):
    OPEN = "open", _("Not decided yet")
    ADOPTED = "overgenomen", _("Adopted")
    PARTLY = "deels-overgenomen", _("Partly adopted")
    NOT_ADOPTED = "niet-overgenomen", _("Not adopted")


class Expert(ResearchRecord):
    """An experience expert taking part in the project, known by a label, not by name.

    `levels` is the expert's row of the participation matrix: {phase: level}, one level of the
    participation ladder per phase they took part in.
    """

    HISTORY_FIELDS = ("label", "background", "levels")
    TEXT_FIELDS = ("label", "background")
    SECTION = Section.EXPERTS.value

    project = models.ForeignKey(
        Project, verbose_name=_("project"), on_delete=models.PROTECT, related_name="experts"
    )
    label = models.CharField(_("label"), max_length=80)
    background = models.CharField(_("background"), max_length=300, blank=True)
    levels = models.JSONField(_("involvement per phase"), default=dict, blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("account on the platform"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta(ResearchRecord.Meta):
        ordering = ["project", "label"]
        verbose_name = _("experience expert")
        verbose_name_plural = _("experience experts")
        constraints = [
            models.UniqueConstraint(
                fields=["project", "label"],
                condition=Q(is_deleted=False),
                name="action_research_expert_unique_label",
                violation_error_message=_("Another expert in this project has this label."),
            )
        ]

    def __str__(self) -> str:
        return self.label

    def clean_siblings(self) -> None:
        same = Expert.objects.filter(
            project_id=self.project_id, is_deleted=False, label__iexact=self.label.strip()
        ).exclude(pk=self.pk)
        if same.exists():
            raise ValidationError({"label": _("Another expert in this project has this label.")})

    def level_in(self, phase: str) -> int | None:
        value = (self.levels or {}).get(phase)
        return int(value) if value else None

    def clean(self) -> None:
        super().clean()
        levels = self.levels or {}
        if not isinstance(levels, dict) or any(
            phase not in InvolvementPhase.values or level not in InvolvementLevel.values
            for phase, level in levels.items()
        ):
            raise ValidationError({"levels": _("Unknown phase or level.")})


class ExpertInput(ResearchRecord):
    """What an experience expert brought in during a phase, and what the project did with it."""

    HISTORY_FIELDS = (
        "phase",
        "date",
        "channel",
        "expert_label",
        "brought_in",
        "done_with_it",
        "response",
        "cycle_number",
    )
    TEXT_FIELDS = ("brought_in", "done_with_it")
    SECTION = Section.EXPERTS.value

    project = models.ForeignKey(
        Project, verbose_name=_("project"), on_delete=models.PROTECT, related_name="expert_inputs"
    )
    phase = models.CharField(_("phase"), max_length=20, choices=InvolvementPhase.choices)
    date = models.DateField(_("date"))
    channel = models.CharField(_("how"), max_length=20, choices=InputChannel.choices)
    # None: recorded anonymously, on purpose not linked to anyone.
    expert = models.ForeignKey(
        Expert,
        verbose_name=_("brought in by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="inputs",
    )
    brought_in = models.TextField(_("what was brought in"), max_length=4000)
    done_with_it = models.TextField(_("what was done with it"), max_length=4000, blank=True)
    response = models.CharField(
        _("decision"), max_length=20, choices=InputResponse.choices, default=InputResponse.OPEN
    )
    cycle = models.ForeignKey(
        Cycle,
        verbose_name=_("in cycle"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="expert_inputs",
    )

    class Meta(ResearchRecord.Meta):
        ordering = ["project", "-date", "-pk"]
        verbose_name = _("experience-expert input")
        verbose_name_plural = _("experience-expert input")

    def __str__(self) -> str:
        return f"{self.get_phase_display()} {self.date}"

    @property
    def expert_label(self) -> str:
        return self.expert.label if self.expert_id and self.expert else ""

    @property
    def cycle_number(self) -> int | None:
        return self.cycle.number if self.cycle_id and self.cycle else None

    def clean(self) -> None:
        super().clean()
        errors: dict[str, ValidationError] = {}
        if self.date and self.date > timezone.localdate():
            errors["date"] = ValidationError(_("The date lies in the future."))
        if self.expert and self.project_id and self.expert.project_id != self.project_id:
            errors["expert"] = ValidationError(_("This expert belongs to another project."))
        if self.cycle and self.project_id and self.cycle.project_id != self.project_id:
            errors["cycle"] = ValidationError(_("This cycle belongs to another project."))
        if self.response != InputResponse.OPEN and not self.done_with_it.strip():
            errors["done_with_it"] = ValidationError(
                _("Say what was done with it: that is what makes the decision visible.")
            )
        if errors:
            raise ValidationError(errors)
