"""Pseudonymised trajectories: one sick employee each, known here only by a platform code.

A trajectory never holds a name, BSN, e-mail address or phone number: its code is issued by the
platform (`PseudonymCode`) and the key linking code to person stays with the practitioner.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from accounts.models import Consortium
from action_research.models.base import ResearchRecord
from action_research.models.cycles import Project, Section
from cms_core.vocabularies import ConditionCategory, EmployerSize, Sector

PROGRAMME_START = datetime.date(2021, 1, 1)
MAX_SICKNESS_WEEK = 156  # 104 weeks of wage continuation plus a wage sanction of up to 52


class PseudonymCode(models.Model):
    """A code the platform issued to a consortium for one of its trajectories."""

    code = models.CharField(_("code"), max_length=12, unique=True)
    consortium = models.ForeignKey(
        Consortium, verbose_name=_("consortium"), on_delete=models.PROTECT, related_name="+"
    )
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("issued by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    issued_at = models.DateTimeField(_("issued at"), auto_now_add=True)

    class Meta:
        ordering = ["issued_at", "pk"]
        verbose_name = _("pseudonym code")
        verbose_name_plural = _("pseudonym codes")

    def __str__(self) -> str:
        return self.code


class Outcome(models.TextChoices):
    RUNNING = "lopend", _("Still running")
    PLACED = "plaatsing-2e-spoor", _("Placed with a new employer (2nd track)")
    OWN_EMPLOYER = "terugkeer-eigen-werkgever", _("Back at the own employer")
    SICK_OUT_OF_SERVICE = "ziek-uit-dienst", _("Left employment while sick")
    DISMISSAL = "ontslag", _("Dismissal")
    WIA = "wia-instroom", _("Entered WIA (disability benefit)")
    OTHER = "anders", _("Other")


# Outcomes after which the employee works, so that follow-up at 6 and 12 months applies.
WORK_OUTCOMES = frozenset({Outcome.PLACED, Outcome.OWN_EMPLOYER})


class PlacementKind(models.TextChoices):
    PERMANENT = "vast", _("Permanent contract")
    TEMPORARY = "tijdelijk", _("Temporary contract")
    SECONDMENT = "detachering", _("Secondment")
    WORK_EXPERIENCE = "werkervaringsplaats", _("Work-experience placement")


def add_months(day: datetime.date, months: int) -> datetime.date:
    """The same day of the month, `months` later (the month's last day when it is shorter)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    for candidate in (day.day, 30, 29, 28):
        try:
            return datetime.date(year, month, min(day.day, candidate))
        except ValueError:
            continue
    raise ValueError(day)  # pragma: no cover - day 28 exists in every month


class Trajectory(ResearchRecord):
    """One sick employee's 2nd-track trajectory in a project, pseudonymised."""

    HISTORY_FIELDS = (
        "code",
        "included_on",
        "sickness_week_at_inclusion",
        "second_track_week",
        "condition_category",
        "employer_size",
        "sector",
        "outcome",
        "outcome_date",
        "placement_kind",
        "outcome_note",
        "working_at_6_months",
        "working_at_12_months",
    )
    TEXT_FIELDS = ("outcome_note",)
    SECTION = Section.TRAJECTORIES.value

    project = models.ForeignKey(
        Project, verbose_name=_("project"), on_delete=models.PROTECT, related_name="trajectories"
    )
    code = models.CharField(_("pseudonym code"), max_length=12, unique=True)
    included_on = models.DateField(_("inclusion date"))
    sickness_week_at_inclusion = models.PositiveSmallIntegerField(
        _("week of sickness at inclusion")
    )
    second_track_week = models.PositiveSmallIntegerField(
        _("week of sickness in which the 2nd track started"), null=True, blank=True
    )
    condition_category = models.CharField(
        _("kind of health problem"), max_length=24, choices=ConditionCategory.choices
    )
    employer_size = models.CharField(
        _("size of the own employer"), max_length=10, choices=EmployerSize.choices
    )
    sector = models.CharField(
        _("sector of the own employer"), max_length=24, choices=Sector.choices
    )
    outcome = models.CharField(
        _("outcome"), max_length=30, choices=Outcome.choices, default=Outcome.RUNNING
    )
    outcome_date = models.DateField(_("outcome date"), null=True, blank=True)
    placement_kind = models.CharField(
        _("kind of placement"), max_length=24, choices=PlacementKind.choices, blank=True
    )
    outcome_note = models.CharField(_("outcome, explained"), max_length=200, blank=True)
    working_at_6_months = models.BooleanField(_("working after 6 months"), null=True, blank=True)
    working_at_12_months = models.BooleanField(_("working after 12 months"), null=True, blank=True)

    class Meta(ResearchRecord.Meta):
        ordering = ["project", "included_on", "code"]
        verbose_name = _("trajectory")
        verbose_name_plural = _("trajectories")
        indexes = [models.Index(fields=["project", "outcome"])]

    def __str__(self) -> str:
        return self.code

    @property
    def follows_up(self) -> bool:
        return self.outcome in WORK_OUTCOMES and self.outcome_date is not None

    def follow_up_date(self, months: int) -> datetime.date | None:
        """When the follow-up after `months` can be recorded, or None when none applies."""
        if self.outcome not in WORK_OUTCOMES or self.outcome_date is None:
            return None
        return add_months(self.outcome_date, months)

    def clean(self) -> None:
        super().clean()
        today = timezone.localdate()
        errors: dict[str, list[ValidationError]] = {}

        def refuse(field: str, message: object, **params: object) -> None:
            errors.setdefault(field, []).append(ValidationError(message, params=params))  # type: ignore[arg-type]

        if self.included_on:
            if self.included_on > today:
                refuse("included_on", _("The inclusion date lies in the future."))
            elif self.included_on < PROGRAMME_START:
                refuse(
                    "included_on",
                    _("The inclusion date lies before the programme began (%(start)s)."),
                    start=date_format(PROGRAMME_START, "j F Y"),
                )
        for field in ("sickness_week_at_inclusion", "second_track_week"):
            week = getattr(self, field)
            if week is not None and week > MAX_SICKNESS_WEEK:
                refuse(
                    field,
                    _(
                        "Week %(week)s is impossible: sickness lasts at most 104 weeks, plus a "
                        "wage sanction of at most 52 (%(max)s in all)."
                    ),
                    week=week,
                    max=MAX_SICKNESS_WEEK,
                )
        if self.outcome == Outcome.RUNNING:
            for field in ("outcome_date", "placement_kind", "working_at_6_months"):
                if getattr(self, field) not in (None, ""):
                    refuse(field, _("A trajectory that is still running has no outcome yet."))
            if self.working_at_12_months is not None:
                refuse(
                    "working_at_12_months",
                    _("A trajectory that is still running has no outcome yet."),
                )
        else:
            if self.outcome_date is None:
                refuse("outcome_date", _("Give the date of the outcome."))
            elif self.outcome_date > today:
                refuse("outcome_date", _("The outcome date lies in the future."))
            elif self.included_on and self.outcome_date < self.included_on:
                refuse("outcome_date", _("The outcome date lies before the inclusion date."))
        if self.outcome == Outcome.PLACED and not self.placement_kind:
            refuse("placement_kind", _("Say what kind of placement it is."))
        if self.outcome != Outcome.PLACED and self.placement_kind:
            refuse(
                "placement_kind",
                _("Only a placement with a new employer has a kind of placement."),
            )
        if self.outcome == Outcome.OTHER and not self.outcome_note.strip():
            refuse("outcome_note", _("Explain the outcome in a few words."))
        if self.outcome != Outcome.RUNNING and self.outcome not in WORK_OUTCOMES:
            for field in ("working_at_6_months", "working_at_12_months"):
                if getattr(self, field) is not None:
                    refuse(
                        field,
                        _("Follow-up applies only when the employee went back to work."),
                    )
        if self.outcome in WORK_OUTCOMES and self.outcome_date and self.outcome_date <= today:
            for months, field in ((6, "working_at_6_months"), (12, "working_at_12_months")):
                due = add_months(self.outcome_date, months)
                if getattr(self, field) is not None and due > today:
                    refuse(
                        field,
                        _("This follow-up can be recorded from %(date)s on."),
                        date=date_format(due, "j F Y"),
                    )
        if errors:
            raise ValidationError(errors)
