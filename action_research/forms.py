"""Input shapes for workspace records; invariants live in the models and services."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from action_research.models import Construct, ParticipantRole

_TEXT = {"rows": 4}


class CycleForm(forms.Form):
    period_start = forms.DateField(
        label=_("Start of the period"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    period_end = forms.DateField(
        label=_("End of the period"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    participant_roles = forms.MultipleChoiceField(
        label=_("Who took part"),
        choices=ParticipantRole.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    plan_question = forms.CharField(
        label=_("Plan: what do you want to find out?"),
        max_length=2000,
        widget=forms.Textarea(attrs=_TEXT),
    )
    plan_change = forms.CharField(
        label=_("Plan: what do you want to change?"),
        max_length=4000,
        widget=forms.Textarea(attrs=_TEXT),
        help_text=_("A new cycle starts with what the previous cycle said should change next."),
    )
    act = forms.CharField(
        label=_("Act: what was done, and by whom?"),
        max_length=6000,
        required=False,
        widget=forms.Textarea(attrs=_TEXT),
        help_text=_("Name roles, not people."),
    )
    observe = forms.CharField(
        label=_("Observe: what did you see, and with which data?"),
        max_length=6000,
        required=False,
        widget=forms.Textarea(attrs=_TEXT),
    )
    constructs = forms.MultipleChoiceField(
        label=_("This observation says something about"),
        choices=Construct.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("Tags for the process evaluation."),
    )
    reflect_learned = forms.CharField(
        label=_("Reflect: what did you learn?"),
        max_length=6000,
        required=False,
        widget=forms.Textarea(attrs=_TEXT),
        help_text=_("What surprised you? What would the employee say about this?"),
    )
    reflect_next = forms.CharField(
        label=_("Reflect: what changes in the next cycle?"),
        max_length=4000,
        required=False,
        widget=forms.Textarea(attrs=_TEXT),
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=1)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        start, end = cleaned.get("period_start"), cleaned.get("period_end")
        if start and end and end < start:
            self.add_error("period_end", _("The period ends before it starts."))
        return cleaned


class ReopenForm(forms.Form):
    reason = forms.CharField(
        label=_("Why does this cycle open again?"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("The reason is kept in the cycle's history."),
    )
