"""A consortium's project and its action-research cycles, with their attachments."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.files.storage import Storage, storages
from django.db import models
from django.utils.translation import gettext_lazy as _

from accounts.models import Consortium
from action_research.models.base import ResearchRecord
from cms_core.models import Theme


class ProjectPhase(models.TextChoices):
    DEVELOPMENT = "ontwikkelfase", _("Development phase")
    IMPLEMENTATION = "uitvoeringsfase", _("Implementation phase")
    COMPLETED = "afgerond", _("Completed")


class ParticipantRole(models.TextChoices):
    EMPLOYER = "werkgever", _("Employer")
    EMPLOYEE = "werknemer", _("Employee")
    EXPERIENCE_EXPERT = "ervaringsdeskundige", _("Experience expert")
    RESEARCHER = "onderzoeker", _("Researcher")
    PROFESSIONAL = "professional", _("Professional")


class Construct(models.TextChoices):
    """Process-evaluation constructs an observation can be tagged with."""

    REACH = "bereik", _("Reach")
    DOSE = "dosis", _("Dose")
    FIDELITY = "trouw", _("Fidelity")
    ADAPTATION = "aanpassing", _("Adaptation")
    CONTEXT = "context", _("Context")


class Section(models.TextChoices):
    """The parts of a workspace; a consortium chooses which its experience experts see."""

    CYCLES = "cycles", _("Action-research cycles")
    PROCESS = "process", _("Process evaluation")
    TRAJECTORIES = "trajectories", _("Trajectories")
    COSTS = "costs", _("Costs")
    EXPERTS = "experts", _("Experience-expert input")


DEFAULT_EXPERT_SECTIONS = [Section.CYCLES.value, Section.PROCESS.value, Section.EXPERTS.value]


def _default_expert_sections() -> list[str]:
    return list(DEFAULT_EXPERT_SECTIONS)


class Project(ResearchRecord):
    """The project a consortium runs (one per consortium), with its GRIPP2 involvement texts."""

    HISTORY_FIELDS = (
        "title",
        "target_group",
        "phase",
        "business_case_hypothesis",
        "involvement_aim",
        "involvement_influence",
        "involvement_reflection",
        "shared_with_experts",
    )
    TEXT_FIELDS = (
        "title",
        "target_group",
        "business_case_hypothesis",
        "involvement_aim",
        "involvement_influence",
        "involvement_reflection",
    )
    SECTION = "project"

    consortium = models.ForeignKey(
        Consortium, verbose_name=_("consortium"), on_delete=models.PROTECT, related_name="projects"
    )
    title = models.CharField(_("title"), max_length=200)
    themes = models.ManyToManyField(Theme, verbose_name=_("themes"), blank=True)
    target_group = models.TextField(_("target group"), max_length=1000, blank=True)
    phase = models.CharField(
        _("phase"), max_length=20, choices=ProjectPhase.choices, default=ProjectPhase.DEVELOPMENT
    )
    business_case_hypothesis = models.TextField(
        _("business-case hypothesis"), max_length=3000, blank=True
    )
    involvement_aim = models.TextField(
        _("aim of experience-expert involvement"), max_length=3000, blank=True
    )
    involvement_influence = models.TextField(
        _("influence of experience-expert involvement"), max_length=4000, blank=True
    )
    involvement_reflection = models.TextField(
        _("critical reflection on involvement"), max_length=4000, blank=True
    )
    shared_with_experts = models.JSONField(
        _("sections shared with the consortium's experience experts"),
        default=_default_expert_sections,
        blank=True,
    )

    class Meta(ResearchRecord.Meta):
        ordering = ["consortium__name", "title"]
        verbose_name = _("project")
        verbose_name_plural = _("projects")

    def __str__(self) -> str:
        return self.title

    @property
    def project(self) -> Project:
        """A project is its own project (every other record has a `project` field)."""
        return self

    def clean(self) -> None:
        super().clean()
        if set(self.shared_with_experts or []) - set(Section.values):
            raise ValidationError({"shared_with_experts": _("Unknown section.")})


class CycleStatus(models.TextChoices):
    OPEN = "open", _("Open")
    CLOSED = "gesloten", _("Closed")


class Cycle(ResearchRecord):
    """One action-research cycle: plan, act, observe, reflect."""

    HISTORY_FIELDS = (
        "period_start",
        "period_end",
        "plan_question",
        "plan_change",
        "act",
        "observe",
        "reflect_learned",
        "reflect_next",
        "constructs",
        "participant_roles",
    )
    TEXT_FIELDS = (
        "plan_question",
        "plan_change",
        "act",
        "observe",
        "reflect_learned",
        "reflect_next",
    )
    SECTION = Section.CYCLES.value

    project = models.ForeignKey(
        Project, verbose_name=_("project"), on_delete=models.PROTECT, related_name="cycles"
    )
    number = models.PositiveSmallIntegerField(_("number"))
    previous = models.ForeignKey(
        "self",
        verbose_name=_("previous cycle"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    period_start = models.DateField(_("start of the period"))
    period_end = models.DateField(_("end of the period"), null=True, blank=True)
    plan_question = models.TextField(_("question"), max_length=2000)
    plan_change = models.TextField(_("intended change"), max_length=4000)
    act = models.TextField(_("what was done, and by whom"), max_length=6000, blank=True)
    observe = models.TextField(_("what was seen, with which data"), max_length=6000, blank=True)
    constructs = models.JSONField(_("process-evaluation constructs"), default=list, blank=True)
    reflect_learned = models.TextField(_("what was learned"), max_length=6000, blank=True)
    reflect_next = models.TextField(_("what changes next"), max_length=4000, blank=True)
    participant_roles = models.JSONField(_("participants by role"), default=list, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=CycleStatus.choices, default=CycleStatus.OPEN
    )

    class Meta(ResearchRecord.Meta):
        ordering = ["project", "number"]
        verbose_name = _("cycle")
        verbose_name_plural = _("cycles")
        constraints = [
            models.UniqueConstraint(
                fields=["project", "number"], name="action_research_cycle_unique_number"
            )
        ]

    def __str__(self) -> str:
        return f"{_('Cycle')} {self.number}"

    def clean(self) -> None:
        super().clean()
        if self.period_start and self.period_end and self.period_end < self.period_start:
            raise ValidationError({"period_end": _("The period ends before it starts.")})
        if set(self.participant_roles or []) - set(ParticipantRole.values):
            raise ValidationError({"participant_roles": _("Unknown role.")})
        if set(self.constructs or []) - set(Construct.values):
            raise ValidationError({"constructs": _("Unknown construct.")})


def private_storage() -> Storage:
    """Files that only their consortium may read: never under MEDIA_URL, served by a view."""
    return storages["private"]


class CycleAttachment(ResearchRecord):
    """A file kept with a cycle (a report, a questionnaire, a photo of a flip-over)."""

    HISTORY_FIELDS = ("original_name", "content_type", "size", "sha256")
    TEXT_FIELDS = ("original_name",)
    SECTION = Section.CYCLES.value

    project = models.ForeignKey(
        Project, verbose_name=_("project"), on_delete=models.PROTECT, related_name="+"
    )
    cycle = models.ForeignKey(
        Cycle, verbose_name=_("cycle"), on_delete=models.PROTECT, related_name="attachments"
    )
    file = models.FileField(
        _("file"), storage=private_storage, upload_to="cycles/%Y/%m/", max_length=255
    )
    original_name = models.CharField(_("file name"), max_length=200)
    content_type = models.CharField(_("kind of file"), max_length=100)
    size = models.PositiveIntegerField(_("size in bytes"))
    sha256 = models.CharField(_("SHA-256"), max_length=64)

    class Meta(ResearchRecord.Meta):
        ordering = ["cycle", "created_at", "pk"]
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")

    def __str__(self) -> str:
        return self.original_name
