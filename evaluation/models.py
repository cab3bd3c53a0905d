"""Cost-benefit analyses: a project's assumptions and method, kept with their full history."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from action_research.models import Project, ResearchRecord, Section
from evaluation.analysis import costbenefit


class Method(models.TextChoices):
    HUMAN_CAPITAL = costbenefit.HUMAN_CAPITAL, _("Human-capital method")
    FRICTION_COST = costbenefit.FRICTION_COST, _("Friction-cost method")


class CostBenefitAnalysis(ResearchRecord):
    """One cost-benefit analysis of a project: a method and, per assumption, the value, the range
    the sensitivity analysis tries and the source. The numbers it works on (trajectories,
    outcomes, costs) are read from the project's records whenever it is shown.

    `assumptions` maps every key of `costbenefit.ASSUMPTIONS` to
    {"value": float, "low": float, "high": float, "source": str}.
    """

    HISTORY_FIELDS = ("title", "method", "assumptions", "notes", "published")
    TEXT_FIELDS = ("title", "notes")
    SECTION = Section.COSTS.value

    project = models.ForeignKey(
        Project,
        verbose_name=_("project"),
        on_delete=models.PROTECT,
        related_name="cost_benefit_analyses",
    )
    title = models.CharField(_("title"), max_length=120)
    method = models.CharField(
        _("method"), max_length=20, choices=Method.choices, default=Method.FRICTION_COST
    )
    assumptions = models.JSONField(_("assumptions"), default=dict)
    notes = models.TextField(_("notes"), max_length=3000, blank=True)
    # Shown (without notes, and never when built on n < 5) on the toolbox page of the approach
    # the consortium developed.
    published = models.BooleanField(_("shown on the approach's toolbox page"), default=False)

    class Meta(ResearchRecord.Meta):
        ordering = ["project", "-created_at", "pk"]
        verbose_name = _("cost-benefit analysis")
        verbose_name_plural = _("cost-benefit analyses")

    def __str__(self) -> str:
        return self.title

    def free_texts(self) -> list[tuple[str, str]]:
        sources = [
            ("assumptions", str(entry.get("source", "")))
            for entry in (self.assumptions or {}).values()
            if isinstance(entry, dict)
        ]
        return [*super().free_texts(), *sources]

    def clean(self) -> None:
        super().clean()
        problem = assumptions_problem(self.assumptions)
        if problem:
            raise ValidationError({"assumptions": problem})

    def values(self) -> dict[str, float]:
        return {key: float(entry["value"]) for key, entry in self.assumptions.items()}

    def ranges(self) -> dict[str, tuple[float, float]]:
        return {
            key: (float(entry["low"]), float(entry["high"]))
            for key, entry in self.assumptions.items()
        }


def default_assumptions() -> dict[str, dict[str, Any]]:
    return {
        item.key: {
            "value": item.default,
            "low": item.low,
            "high": item.high,
            "source": item.source,
        }
        for item in costbenefit.ASSUMPTIONS
    }


def assumptions_problem(assumptions: Any) -> str:
    """What is wrong with a stored set of assumptions ('' when nothing): the form reports each
    field itself; this guards the model against any other writer."""
    if not isinstance(assumptions, dict) or set(assumptions) != set(costbenefit.ASSUMPTION_KEYS):
        return str(_("Every assumption needs a value, a range and a source."))
    for key, entry in assumptions.items():
        item = costbenefit.BY_KEY[key]
        try:
            low, value, high = (float(entry[name]) for name in ("low", "value", "high"))
            source = str(entry["source"]).strip()
        except (KeyError, TypeError, ValueError):
            return str(_("Every assumption needs a value, a range and a source."))
        if not item.minimum <= low <= value <= high <= item.maximum or not source:
            return str(_("Every assumption needs a value, a range and a source."))
    return ""
