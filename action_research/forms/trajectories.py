"""Forms of trajectories, their follow-up and pseudonym codes."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from action_research.forms.common import DATE_INPUT, VersionedForm, YesNoField
from action_research.models import Outcome, PlacementKind
from cms_core.vocabularies import ConditionCategory, EmployerSize, Sector


class TrajectoryForm(VersionedForm):
    code = forms.ChoiceField(
        label=_("Pseudonym code"),
        required=False,
        help_text=_(
            "Take an issued code you already wrote in your key list, or let the platform give a new one."
        ),
    )
    included_on = forms.DateField(label=_("Inclusion date"), widget=DATE_INPUT)
    sickness_week_at_inclusion = forms.IntegerField(
        label=_("Week of sickness at inclusion"), min_value=0, max_value=1000
    )
    second_track_week = forms.IntegerField(
        label=_("Week of sickness in which the 2nd track started"),
        min_value=0,
        max_value=1000,
        required=False,
    )
    condition_category = forms.ChoiceField(
        label=_("Kind of health problem"),
        choices=ConditionCategory.choices,
        help_text=_("Broad categories only, so that nobody can be recognised."),
    )
    employer_size = forms.ChoiceField(
        label=_("Size of the own employer"), choices=EmployerSize.choices
    )
    sector = forms.ChoiceField(label=_("Sector of the own employer"), choices=Sector.choices)
    outcome = forms.ChoiceField(label=_("Outcome so far"), choices=Outcome.choices)
    outcome_date = forms.DateField(label=_("Outcome date"), required=False, widget=DATE_INPUT)
    placement_kind = forms.ChoiceField(
        label=_("Kind of placement"),
        choices=[("", _("Not applicable")), *PlacementKind.choices],
        required=False,
        help_text=_("Only for a placement with a new employer."),
    )
    outcome_note = forms.CharField(
        label=_("Outcome, explained"),
        max_length=200,
        required=False,
        help_text=_("Required for 'Other'. No names or other personal data."),
    )
    working_at_6_months = YesNoField(label=_("Still working 6 months after the outcome?"))
    working_at_12_months = YesNoField(label=_("Still working 12 months after the outcome?"))

    def __init__(self, *args: Any, codes: list[str] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if codes is None:
            del self.fields["code"]
        else:
            field: forms.ChoiceField = self.fields["code"]  # type: ignore[assignment]
            field.choices = [("", _("Give a new code")), *((c, c) for c in codes)]


class FollowUpForm(VersionedForm):
    months = forms.TypedChoiceField(
        choices=[(6, "6"), (12, "12")], coerce=int, widget=forms.HiddenInput
    )
    working = forms.TypedChoiceField(
        label=_("Still working?"),
        choices=[("ja", _("Yes")), ("nee", _("No"))],
        coerce=lambda value: value == "ja",
        widget=forms.RadioSelect,
    )


class CodesForm(forms.Form):
    count = forms.IntegerField(
        label=_("How many new codes?"),
        min_value=1,
        max_value=500,
        initial=10,
        help_text=_("Codes are random; write each one in your own key list next to the person."),
    )
