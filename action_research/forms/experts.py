"""Forms of experience experts (with their row of the matrix) and their input."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from action_research.forms.common import DATE_INPUT, VersionedForm, text_field
from action_research.models import (
    Cycle,
    Expert,
    InputChannel,
    InputResponse,
    InvolvementLevel,
    InvolvementPhase,
)


class ExpertForm(VersionedForm):
    label = forms.CharField(
        label=_("Label"),
        max_length=80,
        help_text=_(
            "How the project refers to this expert, e.g. “Ervaringsdeskundige A”; not a name."
        ),
    )
    background = forms.CharField(
        label=_("Background"),
        max_length=300,
        required=False,
        help_text=_(
            "E.g. “via the patient organisation; went through a 2nd-track trajectory in 2022”."
        ),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for phase in InvolvementPhase:
            self.fields[f"level_{phase.value}"] = forms.TypedChoiceField(
                label=phase.label,
                choices=[("", _("Not involved")), *InvolvementLevel.choices],
                coerce=int,
                empty_value=None,
                required=False,
            )

    def level_fields(self) -> list[forms.BoundField]:
        return [self[f"level_{phase.value}"] for phase in InvolvementPhase]

    def data_for_service(self) -> dict[str, Any]:
        data = {"label": self.cleaned_data["label"], "background": self.cleaned_data["background"]}
        data["levels"] = {
            phase.value: level
            for phase in InvolvementPhase
            if (level := self.cleaned_data.get(f"level_{phase.value}"))
        }
        return data

    @staticmethod
    def initial_for(expert: Expert) -> dict[str, Any]:
        initial: dict[str, Any] = {
            "label": expert.label,
            "background": expert.background,
            "version": expert.version,
        }
        for phase, level in (expert.levels or {}).items():
            initial[f"level_{phase}"] = level
        return initial


class ExpertInputForm(VersionedForm):
    date = forms.DateField(label=_("Date"), widget=DATE_INPUT)
    phase = forms.ChoiceField(label=_("Phase of the project"), choices=InvolvementPhase.choices)
    channel = forms.ChoiceField(label=_("How was it brought in?"), choices=InputChannel.choices)
    expert = forms.ModelChoiceField(
        label=_("Brought in by"),
        queryset=Expert.objects.none(),
        required=False,
        empty_label=_("Anonymous"),
        help_text=_("Choose “Anonymous” when the expert does not want the input linked to them."),
    )
    brought_in = text_field(_("What was brought in?"), 4000, required=True)
    done_with_it = text_field(_("What was done with it?"), 4000)
    response = forms.ChoiceField(label=_("Decision"), choices=InputResponse.choices)
    cycle = forms.ModelChoiceField(
        label=_("In action-research cycle"),
        queryset=Cycle.objects.none(),
        required=False,
        empty_label=_("None"),
    )

    def __init__(self, *args: Any, experts: Any = None, cycles: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if experts is not None:
            self.fields["expert"].queryset = experts  # type: ignore[attr-defined]
        if cycles is not None:
            self.fields["cycle"].queryset = cycles  # type: ignore[attr-defined]
            self.fields["cycle"].label_from_instance = lambda cycle: str(cycle)  # type: ignore[attr-defined]
