"""Costs of a project per category and paying party, for the independent cost-benefit analysis."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from action_research.models.base import ResearchRecord
from action_research.models.cycles import Project, Section
from action_research.models.trajectories import Trajectory
from action_research.periods import apply_period
from cms_core.vocabularies import PayingParty

MAX_AMOUNT = Decimal("10000000")
DUPLICATE_MESSAGE = _(
    "This cost is already recorded for this period, category and paying party; change that "
    "one, or describe this one differently."
)


class CostCategory(models.TextChoices):
    GUIDANCE = "begeleiding", _("Guidance and coaching")
    TRAINING = "scholing", _("Training and education")
    WORKPLACE = "werkplekaanpassing", _("Workplace adjustments and aids")
    TRIAL_PLACEMENT = "proefplaatsing", _("Trial placement or secondment")
    WAGES = "loonkosten", _("Wage costs and wage continuation")
    COORDINATION = "coordinatie", _("Coordination and consultation")
    MATERIALS = "materialen", _("Development of materials")
    OTHER = "overig", _("Other")


class CostUnit(models.TextChoices):
    HOURS = "uren", _("hours")
    DAYS = "dagen", _("days")
    TRAJECTORIES = "trajecten", _("trajectories")
    ITEMS = "stuks", _("items")


class CostItem(ResearchRecord):
    """One cost: what it was for, who paid, how much, in which period (optionally one trajectory)."""

    HISTORY_FIELDS = (
        "period",
        "category",
        "payer",
        "description",
        "amount",
        "quantity",
        "unit",
        "trajectory_code",
    )
    TEXT_FIELDS = ("description",)
    SECTION = Section.COSTS.value

    project = models.ForeignKey(
        Project, verbose_name=_("project"), on_delete=models.PROTECT, related_name="cost_items"
    )
    period = models.CharField(_("period"), max_length=7)
    # Derived from `period` in clean(); blank so that field validation does not ask for them.
    period_start = models.DateField(_("start of the period"), blank=True)
    period_end = models.DateField(_("end of the period"), blank=True)
    category = models.CharField(_("category"), max_length=24, choices=CostCategory.choices)
    payer = models.CharField(_("paid by"), max_length=24, choices=PayingParty.choices)
    description = models.CharField(_("description"), max_length=200)
    amount = models.DecimalField(_("amount (EUR)"), max_digits=11, decimal_places=2)
    quantity = models.DecimalField(
        _("quantity"), max_digits=10, decimal_places=2, null=True, blank=True
    )
    unit = models.CharField(_("unit"), max_length=10, choices=CostUnit.choices, blank=True)
    trajectory = models.ForeignKey(
        Trajectory,
        verbose_name=_("trajectory"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="cost_items",
    )

    class Meta(ResearchRecord.Meta):
        ordering = ["project", "period_start", "category", "payer", "pk"]
        verbose_name = _("cost")
        verbose_name_plural = _("costs")

    def __str__(self) -> str:
        return f"{self.period} {self.description}"

    @property
    def trajectory_code(self) -> str:
        return self.trajectory.code if self.trajectory_id and self.trajectory else ""

    def clean_fields(self, exclude: Any = None) -> None:
        apply_period(self)  # an unreadable period is reported by clean()
        super().clean_fields(exclude)

    def clean(self) -> None:
        super().clean()
        errors: dict[str, list[ValidationError]] = {}
        period_error = apply_period(self)
        if period_error is not None:
            errors["period"] = period_error.error_list
        if self.amount is not None:
            if self.amount < 0:
                errors.setdefault("amount", []).append(
                    ValidationError(
                        _(
                            "A cost is a positive amount; savings count as benefits in the "
                            "cost-benefit analysis."
                        )
                    )
                )
            elif self.amount > MAX_AMOUNT:
                errors.setdefault("amount", []).append(
                    ValidationError(
                        _("%(amount)s euro is more than one cost item can be; split it up."),
                        params={"amount": self.amount},
                    )
                )
        if self.quantity is not None and self.quantity <= 0:
            errors.setdefault("quantity", []).append(
                ValidationError(_("A quantity is more than zero."))
            )
        if self.quantity is not None and not self.unit:
            errors.setdefault("unit", []).append(
                ValidationError(_("Give the unit of the quantity."))
            )
        if self.unit and self.quantity is None:
            errors.setdefault("quantity", []).append(ValidationError(_("Give the quantity.")))
        if (
            self.trajectory_id
            and self.project_id
            and self.trajectory
            and self.trajectory.project_id != self.project_id
        ):
            errors.setdefault("trajectory", []).append(
                ValidationError(_("This trajectory belongs to another project."))
            )
        if errors:
            raise ValidationError(errors)

    def key(self) -> tuple[str, str, str, str, str]:
        """What identifies a cost: period, category, payer, description and trajectory."""
        return (
            self.period,
            self.category,
            self.payer,
            " ".join(self.description.split()).lower(),
            self.trajectory_code,
        )

    def clean_siblings(self) -> None:
        same = CostItem.objects.filter(
            project_id=self.project_id,
            is_deleted=False,
            period=self.period,
            category=self.category,
            payer=self.payer,
            trajectory=self.trajectory,
        ).exclude(pk=self.pk)
        if any(other.key() == self.key() for other in same.select_related("trajectory")):
            raise ValidationError({"description": DUPLICATE_MESSAGE})
