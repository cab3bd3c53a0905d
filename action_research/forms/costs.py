"""The cost form."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from action_research.forms.common import NUMBER_ATTRS, PERIOD_HELP, NumberField, VersionedForm
from action_research.models import CostCategory, CostUnit, Trajectory
from cms_core.vocabularies import PayingParty


class CostForm(VersionedForm):
    period = forms.CharField(
        label=pgettext_lazy("reporting period", "Period"), max_length=12, help_text=PERIOD_HELP
    )
    category = forms.ChoiceField(label=_("Category"), choices=CostCategory.choices)
    payer = forms.ChoiceField(label=_("Paid by"), choices=PayingParty.choices)
    description = forms.CharField(
        label=_("Description"), max_length=200, help_text=_("What the cost was for; no names.")
    )
    amount = NumberField(
        label=_("Amount (EUR)"),
        max_digits=11,
        decimal_places=2,
        localize=True,
        widget=forms.TextInput(attrs=NUMBER_ATTRS),
    )
    quantity = NumberField(
        label=_("Quantity"),
        required=False,
        max_digits=10,
        decimal_places=2,
        localize=True,
        widget=forms.TextInput(attrs=NUMBER_ATTRS),
    )
    unit = forms.ChoiceField(
        label=_("Unit"), choices=[("", "–"), *CostUnit.choices], required=False
    )
    trajectory = forms.CharField(
        label=_("For trajectory (code)"),
        max_length=20,
        required=False,
        help_text=_("Only when the cost was made for one trajectory."),
    )

    def __init__(self, *args: Any, trajectories: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._trajectories = trajectories

    def clean_trajectory(self) -> Trajectory | None:
        from action_research import pseudonyms

        code = pseudonyms.normalise(self.cleaned_data.get("trajectory", ""))
        if not code:
            return None
        trajectory = (
            self._trajectories.filter(code=code).first() if self._trajectories is not None else None
        )
        if trajectory is None:
            raise ValidationError(
                _("Your project has no trajectory with code %(code)s."), params={"code": code}
            )
        return trajectory  # type: ignore[no-any-return]
