"""Input shapes for workspace records; invariants live in the models and services."""

from __future__ import annotations

import contextlib
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from action_research.models import (
    Construct,
    CostCategory,
    CostUnit,
    Cycle,
    Expert,
    InputChannel,
    InputResponse,
    InvolvementLevel,
    InvolvementPhase,
    Outcome,
    ParticipantRole,
    PlacementKind,
    ProjectPhase,
    Section,
    Trajectory,
)
from action_research.models.process import MAX_ADAPTATIONS, MAX_CUSTOM_INDICATORS
from action_research.transfer import values
from action_research.transfer.files import MAX_IMPORT_BYTES
from cms_core.vocabularies import ConditionCategory, EmployerSize, PayingParty, Sector

_TEXT = {"rows": 4}
_DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
_NUMBER = {"inputmode": "decimal"}
_PERIOD_HELP = _("A year (2026), a half year (2026-H1) or a quarter (2026-Q1).")


class VersionedForm(forms.Form):
    """Carries the version the edit started from (optimistic locking)."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=1)

    def data_for_service(self) -> dict[str, Any]:
        return {k: v for k, v in self.cleaned_data.items() if k != "version"}


class NumberField(forms.DecimalField):
    """A number as people type it: 1.250,50, 1250,50 or 1250.50 (as imports read it).

    `localize=True` alone refuses 1.250,50 while USE_THOUSAND_SEPARATOR is off.
    """

    def to_python(self, value: Any) -> Any:
        if isinstance(value, str) and value.strip():
            with contextlib.suppress(ValueError):  # else the field's own message follows
                value = str(values.decimal(value))
        return super().to_python(value)


def _decimal(
    label: Any, *, help_text: Any = "", max_digits: int = 4, places: int = 1
) -> forms.DecimalField:
    return NumberField(
        label=label,
        required=False,
        max_digits=max_digits,
        decimal_places=places,
        localize=True,
        widget=forms.TextInput(attrs=_NUMBER),
        help_text=help_text,
    )


def _count(label: Any, help_text: Any = "") -> forms.IntegerField:
    return forms.IntegerField(
        label=label, required=False, min_value=0, max_value=1_000_000, help_text=help_text
    )


class CycleForm(VersionedForm):
    period_start = forms.DateField(label=_("Start of the period"), widget=_DATE)
    period_end = forms.DateField(label=_("End of the period"), required=False, widget=_DATE)
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
    target_group = forms.CharField(
        label=_("Target group"),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    business_case_hypothesis = forms.CharField(
        label=_("Business-case hypothesis"),
        max_length=3000,
        required=False,
        widget=forms.Textarea(attrs=_TEXT),
        help_text=_("What you expect the approach to yield, for whom, against which costs."),
    )
    involvement_aim = forms.CharField(
        label=_("Aim of experience-expert involvement"),
        max_length=3000,
        required=False,
        widget=forms.Textarea(attrs=_TEXT),
        help_text=_("GRIPP2-SF section 1: why and how you involve experience experts."),
    )
    involvement_influence = forms.CharField(
        label=_("Influence of experience experts on the project"),
        max_length=4000,
        required=False,
        widget=forms.Textarea(attrs=_TEXT),
        help_text=_("GRIPP2-SF section 4: what changed because of them, positive and negative."),
    )
    involvement_reflection = forms.CharField(
        label=_("Critical reflection on the involvement"),
        max_length=4000,
        required=False,
        widget=forms.Textarea(attrs=_TEXT),
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


class ProcessEvaluationForm(VersionedForm):
    period = forms.CharField(
        label=pgettext_lazy("reporting period", "Period"), max_length=12, help_text=_PERIOD_HELP
    )
    eligible = _count(_("Eligible"), _("Employees who could take part in this period."))
    invited = _count(_("Invited"), _("Of those, the number invited."))
    included = _count(_("Included"), _("Of those, the number who took part."))
    dose_delivered = _decimal(
        _("Dose delivered (%)"), help_text=_("Share of the planned components that were delivered.")
    )
    dose_received = _decimal(
        _("Dose received (%)"), help_text=_("Share of participants who received the intended dose.")
    )
    fidelity = _decimal(
        _("Fidelity (%)"), help_text=_("How far the approach was delivered as planned.")
    )
    satisfaction_mean = _decimal(_("Satisfaction (mean mark, 1–10)"), max_digits=3)
    satisfaction_n = _count(_("Respondents behind the mark"))
    dropouts = _count(_("Drop-outs"), _("Included participants who stopped in this period."))
    dropout_reasons = forms.CharField(
        label=_("Reasons for drop-out"),
        max_length=3000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    recruitment = forms.CharField(
        label=_("Recruitment"),
        max_length=3000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("How participants were found, and what worked."),
    )
    context_barriers = forms.CharField(
        label=_("Context: what hindered"),
        max_length=4000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    context_facilitators = forms.CharField(
        label=_("Context: what helped"),
        max_length=4000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    notes = forms.CharField(
        label=_("Notes"), max_length=4000, required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

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
    what = forms.CharField(
        label=_("What was changed from the plan"),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    why = forms.CharField(
        label=_("Why"), max_length=1000, required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

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
        widget=forms.TextInput(attrs=_NUMBER),
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


_YES_NO_UNKNOWN = [("", _("Not known yet")), ("ja", _("Yes")), ("nee", _("No"))]


class YesNoField(forms.TypedChoiceField):
    def __init__(self, **kwargs: Any) -> None:
        super().__init__(
            choices=_YES_NO_UNKNOWN,
            coerce=lambda value: value == "ja",
            empty_value=None,
            required=False,
            widget=forms.RadioSelect,
            **kwargs,
        )

    def prepare_value(self, value: Any) -> Any:
        if value is True:
            return "ja"
        if value is False:
            return "nee"
        return value


class TrajectoryForm(VersionedForm):
    code = forms.ChoiceField(
        label=_("Pseudonym code"),
        required=False,
        help_text=_(
            "Take an issued code you already wrote in your key list, or let the platform give a new one."
        ),
    )
    included_on = forms.DateField(label=_("Inclusion date"), widget=_DATE)
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
    outcome_date = forms.DateField(label=_("Outcome date"), required=False, widget=_DATE)
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


class CostForm(VersionedForm):
    period = forms.CharField(
        label=pgettext_lazy("reporting period", "Period"), max_length=12, help_text=_PERIOD_HELP
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
        widget=forms.TextInput(attrs=_NUMBER),
    )
    quantity = NumberField(
        label=_("Quantity"),
        required=False,
        max_digits=10,
        decimal_places=2,
        localize=True,
        widget=forms.TextInput(attrs=_NUMBER),
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
    date = forms.DateField(label=_("Date"), widget=_DATE)
    phase = forms.ChoiceField(label=_("Phase of the project"), choices=InvolvementPhase.choices)
    channel = forms.ChoiceField(label=_("How was it brought in?"), choices=InputChannel.choices)
    expert = forms.ModelChoiceField(
        label=_("Brought in by"),
        queryset=Expert.objects.none(),
        required=False,
        empty_label=_("Anonymous"),
        help_text=_("Choose “Anonymous” when the expert does not want the input linked to them."),
    )
    brought_in = forms.CharField(
        label=_("What was brought in?"), max_length=4000, widget=forms.Textarea(attrs=_TEXT)
    )
    done_with_it = forms.CharField(
        label=_("What was done with it?"),
        max_length=4000,
        required=False,
        widget=forms.Textarea(attrs=_TEXT),
    )
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


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("File to import"),
        help_text=_(
            "An .xlsx or .csv (UTF-8) file with the columns of the template; at most 15 MB."
        ),
    )

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        if upload.size > MAX_IMPORT_BYTES:
            raise ValidationError(_("The file is larger than 15 MB. Split it into smaller files."))
        return upload
