"""Process evaluation per reporting period: reach, dose, fidelity, satisfaction, drop-out, context."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from action_research.models.base import ResearchRecord
from action_research.models.cycles import Project, Section
from action_research.periods import apply_period

MAX_ADAPTATIONS = 20
MAX_CUSTOM_INDICATORS = 20


def overlap_message(other: str) -> str:
    return str(
        _(
            "This period overlaps with %(other)s, which is already recorded; periods of one "
            "project may not overlap, or numbers would be counted twice."
        )
        % {"other": other}
    )


class ProcessEvaluation(ResearchRecord):
    """The process evaluation of one project over one period (counts for that period only)."""

    HISTORY_FIELDS = (
        "period",
        "eligible",
        "invited",
        "included",
        "dose_delivered",
        "dose_received",
        "fidelity",
        "satisfaction_mean",
        "satisfaction_n",
        "dropouts",
        "dropout_reasons",
        "recruitment",
        "context_barriers",
        "context_facilitators",
        "adaptations",
        "custom_indicators",
        "notes",
    )
    TEXT_FIELDS = (
        "dropout_reasons",
        "recruitment",
        "context_barriers",
        "context_facilitators",
        "notes",
    )
    SECTION = Section.PROCESS.value
    PERCENT_FIELDS = ("dose_delivered", "dose_received", "fidelity")

    project = models.ForeignKey(
        Project,
        verbose_name=_("project"),
        on_delete=models.PROTECT,
        related_name="process_evaluations",
    )
    period = models.CharField(_("period"), max_length=7)
    # Derived from `period` in clean(); blank so that field validation does not ask for them.
    period_start = models.DateField(_("start of the period"), blank=True)
    period_end = models.DateField(_("end of the period"), blank=True)
    eligible = models.PositiveIntegerField(_("eligible"), null=True, blank=True)
    invited = models.PositiveIntegerField(_("invited"), null=True, blank=True)
    included = models.PositiveIntegerField(_("included"), null=True, blank=True)
    dose_delivered = models.DecimalField(
        _("dose delivered (%)"), max_digits=4, decimal_places=1, null=True, blank=True
    )
    dose_received = models.DecimalField(
        _("dose received (%)"), max_digits=4, decimal_places=1, null=True, blank=True
    )
    fidelity = models.DecimalField(
        _("fidelity (%)"), max_digits=4, decimal_places=1, null=True, blank=True
    )
    satisfaction_mean = models.DecimalField(
        _("satisfaction (mean mark, 1–10)"), max_digits=3, decimal_places=1, null=True, blank=True
    )
    satisfaction_n = models.PositiveIntegerField(
        _("satisfaction: number of respondents"), null=True, blank=True
    )
    dropouts = models.PositiveIntegerField(_("drop-outs"), null=True, blank=True)
    dropout_reasons = models.TextField(_("reasons for drop-out"), max_length=3000, blank=True)
    recruitment = models.TextField(_("recruitment"), max_length=3000, blank=True)
    context_barriers = models.TextField(_("context: barriers"), max_length=4000, blank=True)
    context_facilitators = models.TextField(_("context: facilitators"), max_length=4000, blank=True)
    # [{"what": …, "why": …}]: what was changed from the plan, and why.
    adaptations = models.JSONField(_("adaptations"), default=list, blank=True)
    # [{"name": …, "unit": …, "value": float}]: the project's own indicators.
    custom_indicators = models.JSONField(_("project-specific indicators"), default=list, blank=True)
    notes = models.TextField(_("notes"), max_length=4000, blank=True)

    class Meta(ResearchRecord.Meta):
        ordering = ["project", "period_start", "period_end"]
        verbose_name = _("process evaluation")
        verbose_name_plural = _("process evaluations")
        constraints = [
            models.UniqueConstraint(
                fields=["project", "period"],
                condition=Q(is_deleted=False),
                name="action_research_process_unique_period",
            )
        ]

    def __str__(self) -> str:
        return f"{_('Process evaluation')} {self.period}"

    @property
    def reach_pct(self) -> Decimal | None:
        """Included as a share of eligible (the usual definition of reach), or None."""
        if not self.eligible or self.included is None:
            return None
        return (Decimal(self.included) * 100 / Decimal(self.eligible)).quantize(Decimal("0.1"))

    def clean_fields(self, exclude: Any = None) -> None:
        apply_period(self)  # an unreadable period is reported by clean()
        super().clean_fields(exclude)

    def clean(self) -> None:
        super().clean()
        errors: dict[str, list[Any]] = {}

        def refuse(field: str, message: Any, **params: Any) -> None:
            errors.setdefault(field, []).append(ValidationError(message, params=params))

        period_error = apply_period(self)
        if period_error is not None:
            errors["period"] = period_error.error_list
        eligible, invited, included = self.eligible, self.invited, self.included
        if eligible is not None and invited is not None and invited > eligible:
            refuse(
                "invited",
                _(
                    "Invited (%(invited)s) cannot be more than eligible (%(eligible)s): only "
                    "eligible people are invited."
                ),
                invited=invited,
                eligible=eligible,
            )
        if invited is not None and included is not None and included > invited:
            refuse(
                "included",
                _(
                    "Included (%(included)s) cannot be more than invited (%(invited)s): only "
                    "invited people can take part."
                ),
                included=included,
                invited=invited,
            )
        if (
            eligible is not None
            and included is not None
            and invited is None
            and included > eligible
        ):
            refuse(
                "included",
                _("Included (%(included)s) cannot be more than eligible (%(eligible)s)."),
                included=included,
                eligible=eligible,
            )
        for name in self.PERCENT_FIELDS:
            value = getattr(self, name)
            if value is not None and not Decimal(0) <= Decimal(value) <= Decimal(100):
                refuse(
                    name, _("A percentage lies between 0 and 100; %(value)s does not."), value=value
                )
        if self.satisfaction_mean is not None:
            if not Decimal(1) <= Decimal(self.satisfaction_mean) <= Decimal(10):
                refuse(
                    "satisfaction_mean",
                    _("A mark lies between 1 and 10; %(value)s does not."),
                    value=self.satisfaction_mean,
                )
            if not self.satisfaction_n:
                refuse(
                    "satisfaction_n",
                    _("Give the number of respondents behind the mean mark."),
                )
        if (
            self.satisfaction_n is not None
            and included is not None
            and self.satisfaction_n > included
        ):
            refuse(
                "satisfaction_n",
                _("Respondents (%(n)s) cannot be more than included participants (%(included)s)."),
                n=self.satisfaction_n,
                included=included,
            )
        if self.dropouts is not None:
            if included is not None and self.dropouts > included:
                refuse(
                    "dropouts",
                    _(
                        "Drop-outs (%(dropouts)s) cannot be more than included participants "
                        "(%(included)s): only those who took part can drop out."
                    ),
                    dropouts=self.dropouts,
                    included=included,
                )
            if self.dropouts > 0 and not self.dropout_reasons.strip():
                refuse("dropout_reasons", _("Give the reasons for the drop-out."))
        self._clean_lists(errors)
        if errors:
            raise ValidationError(errors)

    def clean_siblings(self) -> None:
        """Periods of one project may not overlap, or numbers would be counted twice."""
        clash = (
            ProcessEvaluation.objects.filter(
                project_id=self.project_id,
                is_deleted=False,
                period_start__lte=self.period_end,
                period_end__gte=self.period_start,
            )
            .exclude(pk=self.pk)
            .first()
        )
        if clash is not None:
            raise ValidationError({"period": overlap_message(clash.period)})

    def _clean_lists(self, errors: dict[str, list[Any]]) -> None:
        adaptations = self.adaptations or []
        if not isinstance(adaptations, list) or len(adaptations) > MAX_ADAPTATIONS:
            errors.setdefault("adaptations", []).append(
                ValidationError(_("At most %(max)s adaptations."), params={"max": MAX_ADAPTATIONS})
            )
        else:
            for item in adaptations:
                if not isinstance(item, dict) or not str(item.get("what", "")).strip():
                    errors.setdefault("adaptations", []).append(
                        ValidationError(_("Every adaptation says what was changed."))
                    )
                    break
        indicators = self.custom_indicators or []
        if not isinstance(indicators, list) or len(indicators) > MAX_CUSTOM_INDICATORS:
            errors.setdefault("custom_indicators", []).append(
                ValidationError(
                    _("At most %(max)s indicators."), params={"max": MAX_CUSTOM_INDICATORS}
                )
            )
            return
        names = [str(item.get("name", "")).strip().lower() for item in indicators]
        if len(set(names)) != len(names):
            errors.setdefault("custom_indicators", []).append(
                ValidationError(_("Each indicator needs its own name."))
            )
        for item in indicators:
            value = item.get("value")
            if not str(item.get("name", "")).strip() or not isinstance(value, int | float):
                errors.setdefault("custom_indicators", []).append(
                    ValidationError(_("Every indicator has a name and a number."))
                )
                break

    def free_texts(self) -> list[tuple[str, str]]:
        """Every free text of the record with its field, lists included (for the privacy check)."""
        texts = [(name, str(getattr(self, name) or "")) for name in self.TEXT_FIELDS]
        for item in self.adaptations or []:
            texts += [
                ("adaptations", str(item.get("what", ""))),
                ("adaptations", str(item.get("why", ""))),
            ]
        for item in self.custom_indicators or []:
            texts += [
                ("custom_indicators", str(item.get("name", ""))),
                ("custom_indicators", str(item.get("unit", ""))),
            ]
        return texts
