"""The cost-benefit analysis form: title, method, notes and, per assumption, value, range and
source."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from action_research.forms.common import NUMBER_ATTRS, NumberField, VersionedForm, text_field
from evaluation.analysis import costbenefit
from evaluation.models import Method, default_assumptions
from evaluation.texts import assumption_labels, unit_label

PARTS = ("value", "low", "high")


def field_name(key: str, part: str) -> str:
    return f"{key}__{part}"


class AnalysisForm(VersionedForm):
    title = forms.CharField(
        label=_("Title"),
        max_length=120,
        help_text=_("For example: “Base case 2026” or “Conservative estimate”."),
    )
    method = forms.ChoiceField(
        label=_("Method for the societal perspective"),
        choices=Method.choices,
        widget=forms.RadioSelect,
        help_text=_(
            "Friction cost: production is counted only until the job is filled again (the "
            "friction period). Human capital: production is counted over the whole horizon."
        ),
    )
    notes = text_field(_("Notes"), 3000, help_text=_("What this analysis is for; no names."))
    published = forms.BooleanField(
        label=_("Show the result on the toolbox page of our approach"),
        required=False,
        help_text=_(
            "Everyone can read it there: the net result per party, the method and the "
            "assumptions, not your notes. A result built on fewer than 5 trajectories in a "
            "group is never shown."
        ),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        labels = assumption_labels()
        for item in costbenefit.ASSUMPTIONS:
            unit = unit_label(item.unit)
            for part, label in zip(PARTS, (_("Value"), _("Low"), _("High")), strict=True):
                self.fields[field_name(item.key, part)] = NumberField(
                    label=f"{labels[item.key]}: {label} ({unit})",
                    max_digits=9,
                    decimal_places=2,
                    min_value=Decimal(str(item.minimum)),
                    max_value=Decimal(str(item.maximum)),
                    localize=True,
                    widget=forms.TextInput(attrs={**NUMBER_ATTRS, "size": 8}),
                )
            self.fields[field_name(item.key, "source")] = forms.CharField(
                label=f"{labels[item.key]}: {_('source')}",
                max_length=400,
                widget=forms.Textarea(attrs={"rows": 3}),
            )

    @classmethod
    def initial_for(cls, analysis: Any = None) -> dict[str, Any]:
        """The form's starting values: the analysis's own, or the defaults for a new one."""
        assumptions = analysis.assumptions if analysis is not None else default_assumptions()
        initial: dict[str, Any] = {}
        if analysis is not None:
            initial |= {
                "title": analysis.title,
                "method": analysis.method,
                "notes": analysis.notes,
                "published": analysis.published,
                "version": analysis.version,
            }
        else:
            initial["method"] = Method.FRICTION_COST
        for key, entry in assumptions.items():
            for part in (*PARTS, "source"):
                initial[field_name(key, part)] = entry[part]
        return initial

    def assumption_rows(self) -> list[dict[str, Any]]:
        """Per assumption its label and its fields with short visible labels, for the template
        (the fieldset's legend and a hidden prefix name the assumption)."""
        labels = assumption_labels()
        short = {"value": _("Value"), "low": _("Low"), "high": _("High"), "source": _("Source")}
        rows = []
        for item in costbenefit.ASSUMPTIONS:
            unit = unit_label(item.unit)
            rows.append(
                {
                    "key": item.key,
                    "label": labels[item.key],
                    "unit": unit,
                    "numbers": [
                        (self[field_name(item.key, part)], f"{short[part]} ({unit})")
                        for part in PARTS
                    ],
                    "source": (self[field_name(item.key, "source")], short["source"]),
                }
            )
        return rows

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        for item in costbenefit.ASSUMPTIONS:
            low, value, high = (
                cleaned.get(field_name(item.key, part)) for part in ("low", "value", "high")
            )
            if low is None or value is None or high is None:
                continue  # the field's own error is shown
            if not low <= value <= high:
                self.add_error(
                    field_name(item.key, "value"),
                    _("The value must lie between low and high (low ≤ value ≤ high)."),
                )
        return cleaned

    def data_for_service(self) -> dict[str, Any]:
        data = {name: self.cleaned_data[name] for name in ("title", "method", "notes", "published")}
        data["assumptions"] = {
            item.key: {
                **{part: float(self.cleaned_data[field_name(item.key, part)]) for part in PARTS},
                "source": " ".join(self.cleaned_data[field_name(item.key, "source")].split()),
            }
            for item in costbenefit.ASSUMPTIONS
        }
        return data
