"""Forms of action-research cycles, their files, and the project."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from action_research.forms.common import DATE_INPUT, VersionedForm, text_field
from action_research.models import Construct, ParticipantRole, ProjectPhase, Section


class CycleForm(VersionedForm):
    period_start = forms.DateField(label=_("Start of the period"), widget=DATE_INPUT)
    period_end = forms.DateField(label=_("End of the period"), required=False, widget=DATE_INPUT)
    participant_roles = forms.MultipleChoiceField(
        label=_("Who took part"),
        choices=ParticipantRole.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    plan_question = text_field(_("Plan: what do you want to find out?"), 2000, required=True)
    plan_change = text_field(
        _("Plan: what do you want to change?"),
        4000,
        required=True,
        help_text=_("A new cycle starts with what the previous cycle said should change next."),
    )
    act = text_field(
        _("Act: what was done, and by whom?"), 6000, help_text=_("Name roles, not people.")
    )
    observe = text_field(_("Observe: what did you see, and with which data?"), 6000)
    constructs = forms.MultipleChoiceField(
        label=_("This observation says something about"),
        choices=Construct.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("Tags for the process evaluation."),
    )
    reflect_learned = text_field(
        _("Reflect: what did you learn?"),
        6000,
        help_text=_("What surprised you? What would the employee say about this?"),
    )
    reflect_next = text_field(_("Reflect: what changes in the next cycle?"), 4000)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        start, end = cleaned.get("period_start"), cleaned.get("period_end")
        if start and end and end < start:
            self.add_error("period_end", _("The period ends before it starts."))
        return cleaned


class ReopenForm(forms.Form):
    reason = text_field(
        _("Why does this cycle open again?"),
        500,
        required=True,
        rows=3,
        help_text=_("The reason is kept in the cycle's history."),
    )


class AttachmentForm(forms.Form):
    file = forms.FileField(
        label=_("Add a file"),
        help_text=_(
            "PDF, Word, Excel, PowerPoint, OpenDocument, PNG, JPG, TXT or CSV; at most 10 MB. "
            "Only files without names or other personal data."
        ),
    )


class ProjectForm(VersionedForm):
    title = forms.CharField(label=_("Title of the project"), max_length=200)
    phase = forms.ChoiceField(label=_("Phase"), choices=ProjectPhase.choices)
    target_group = text_field(_("Target group"), 1000, rows=3)
    business_case_hypothesis = text_field(
        _("Business-case hypothesis"),
        3000,
        help_text=_("What you expect the approach to yield, for whom, against which costs."),
    )
    involvement_aim = text_field(
        _("Aim of experience-expert involvement"),
        3000,
        help_text=_("GRIPP2-SF section 1: why and how you involve experience experts."),
    )
    involvement_influence = text_field(
        _("Influence of experience experts on the project"),
        4000,
        help_text=_("GRIPP2-SF section 4: what changed because of them, positive and negative."),
    )
    involvement_reflection = text_field(
        _("Critical reflection on the involvement"),
        4000,
        help_text=_(
            "GRIPP2-SF section 5: what went well, what did not, what you would do differently."
        ),
    )
    shared_with_experts = forms.MultipleChoiceField(
        label=_("What the consortium's experience experts see"),
        choices=Section.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("They always see the project itself; they add to the parts they see."),
    )
