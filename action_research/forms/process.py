"""The process-evaluation form with its adaptations and the project's own indicators."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from action_research.forms.common import (
    NUMBER_ATTRS,
    PERIOD_HELP,
    NumberField,
    VersionedForm,
    count_field,
    decimal_field,
    text_field,
)
from action_research.models.process import MAX_ADAPTATIONS, MAX_CUSTOM_INDICATORS


class ProcessEvaluationForm(VersionedForm):
    period = forms.CharField(
        label=pgettext_lazy("reporting period", "Period"), max_length=12, help_text=PERIOD_HELP
    )
    eligible = count_field(_("Eligible"), _("Employees who could take part in this period."))
    invited = count_field(_("Invited"), _("Of those, the number invited."))
    included = count_field(_("Included"), _("Of those, the number who took part."))
    dose_delivered = decimal_field(
        _("Dose delivered (%)"), help_text=_("Share of the planned components that were delivered.")
    )
    dose_received = decimal_field(
        _("Dose received (%)"), help_text=_("Share of participants who received the intended dose.")
    )
    fidelity = decimal_field(
        _("Fidelity (%)"), help_text=_("How far the approach was delivered as planned.")
    )
    satisfaction_mean = decimal_field(_("Satisfaction (mean mark, 1–10)"), max_digits=3)
    satisfaction_n = count_field(_("Respondents behind the mark"))
    dropouts = count_field(_("Drop-outs"), _("Included participants who stopped in this period."))
    dropout_reasons = text_field(_("Reasons for drop-out"), 3000, rows=3)
    recruitment = text_field(
        _("Recruitment"), 3000, rows=3, help_text=_("How participants were found, and what worked.")
    )
    context_barriers = text_field(_("Context: what hindered"), 4000, rows=3)
    context_facilitators = text_field(_("Context: what helped"), 4000, rows=3)
    notes = text_field(_("Notes"), 4000, rows=3)

    FIELDSETS = (
        (pgettext_lazy("reporting period", "Period"), ("period",)),
        (_("Reach"), ("eligible", "invited", "included")),
        (_("Dose and fidelity"), ("dose_delivered", "dose_received", "fidelity")),
        (_("Satisfaction"), ("satisfaction_mean", "satisfaction_n")),
        (_("Drop-out"), ("dropouts", "dropout_reasons")),
        (
            _("Recruitment and context"),
            ("recruitment", "context_barriers", "context_facilitators", "notes"),
        ),
    )

    def fieldsets(self) -> list[tuple[Any, list[forms.BoundField]]]:
        return [(legend, [self[name] for name in names]) for legend, names in self.FIELDSETS]


class AdaptationForm(forms.Form):
    what = text_field(_("What was changed from the plan"), 1000, rows=2)
    why = text_field(_("Why"), 1000, rows=2)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if cleaned.get("why") and not cleaned.get("what"):
            self.add_error("what", _("Say what was changed."))
        return cleaned


class IndicatorForm(forms.Form):
    name = forms.CharField(label=_("Indicator"), max_length=80, required=False)
    unit = forms.CharField(label=_("Unit"), max_length=30, required=False)
    value = NumberField(
        label=_("Value"),
        required=False,
        max_digits=12,
        decimal_places=2,
        localize=True,
        widget=forms.TextInput(attrs=NUMBER_ATTRS),
    )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if cleaned.get("name") and cleaned.get("value") is None and "value" not in self.errors:
            self.add_error("value", _("Give the value."))
        if cleaned.get("value") is not None and not cleaned.get("name"):
            self.add_error("name", _("Give the indicator a name."))
        return cleaned


def _formset(form: type[forms.Form], maximum: int) -> Any:
    return forms.formset_factory(
        form, extra=2, max_num=maximum, validate_max=True, absolute_max=maximum + 2
    )


AdaptationFormSet = _formset(AdaptationForm, MAX_ADAPTATIONS)
IndicatorFormSet = _formset(IndicatorForm, MAX_CUSTOM_INDICATORS)


def formset_items(formset: Any, keys: tuple[str, ...]) -> list[dict[str, Any]]:
    """The filled-in rows of a valid formset as plain dicts (numbers as floats)."""
    items = []
    for row in formset.cleaned_data:
        if not row or not row.get(keys[0]):
            continue
        item = {}
        for key in keys:
            value = row.get(key)
            item[key] = float(value) if key == "value" and value is not None else (value or "")
        items.append(item)
    return items
