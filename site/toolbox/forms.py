"""The draft form consortium members use for an approach (plain text; the service builds the page)."""

from __future__ import annotations

import html as html_module
from typing import Any

from django import forms
from django.core.validators import MaxValueValidator, MinValueValidator
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _

from cms_core.models import Theme
from toolbox.models import MAX_SICKNESS_WEEK, ApproachPage, Facet
from toolbox.vocabularies import Actor, EvidenceLevel, FacetKind

MAX_STEPS = 12
_TEXT = {"rows": 5}


def _facets(kind: str) -> Any:
    return Facet.objects.filter(kind=kind)


class ApproachDraftForm(forms.Form):
    title = forms.CharField(label=_("Name of the approach"), max_length=120)
    summary = forms.CharField(
        label=_("Summary in plain language"),
        max_length=700,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Short sentences, no jargon (B1). The experience-expert panel checks it."),
    )
    problem = forms.CharField(
        label=_("Which problem does it solve?"), max_length=4000, widget=forms.Textarea(attrs=_TEXT)
    )
    themes = forms.ModelMultipleChoiceField(
        label=_("Themes"),
        queryset=Theme.objects.all(),
        widget=forms.CheckboxSelectMultiple,
        required=True,
    )
    employee_groups = forms.ModelMultipleChoiceField(
        label=_("For employees with"),
        queryset=_facets(FacetKind.EMPLOYEE_GROUP),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("Tick none if it suits every employee."),
    )
    employer_groups = forms.ModelMultipleChoiceField(
        label=_("For employers"),
        queryset=_facets(FacetKind.EMPLOYER_GROUP),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    sectors = forms.ModelMultipleChoiceField(
        label=_("Sectors"),
        queryset=_facets(FacetKind.SECTOR),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("Tick none if it suits every sector."),
    )
    employer_sizes = forms.ModelMultipleChoiceField(
        label=_("Employer size"),
        queryset=_facets(FacetKind.EMPLOYER_SIZE),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("Tick none if it suits employers of every size."),
    )
    week_from = forms.IntegerField(
        label=_("From week of sickness"), min_value=0, max_value=MAX_SICKNESS_WEEK
    )
    week_to = forms.IntegerField(
        label=_("Until week of sickness"), min_value=0, max_value=MAX_SICKNESS_WEEK
    )
    evidence_level = forms.TypedChoiceField(
        label=_("Proposed evidence level"),
        choices=EvidenceLevel.choices,
        coerce=int,
        help_text=_("The programme committee assesses it."),
    )
    evidence_summary = forms.CharField(
        label=_("What is known about whether it works?"),
        max_length=6000,
        widget=forms.Textarea(attrs=_TEXT),
    )
    outcome_measures = forms.CharField(
        label=_("Primary outcome measures"),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    cost_estimate_eur = forms.DecimalField(
        label=_("Total costs per trajectory (EUR)"),
        required=False,
        max_digits=9,
        decimal_places=2,
        validators=[MinValueValidator(0), MaxValueValidator(1_000_000)],
    )
    business_case = forms.CharField(
        label=_("Business case"),
        max_length=6000,
        required=False,
        widget=forms.Textarea(attrs=_TEXT),
    )
    implementation_conditions = forms.CharField(
        label=_("What do you need to make it work?"),
        max_length=6000,
        widget=forms.Textarea(attrs=_TEXT),
    )
    contact = forms.CharField(
        label=_("Contact"),
        max_length=200,
        required=False,
        help_text=_("An organisation's general address or web page; not a private person."),
    )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        start, end = cleaned.get("week_from"), cleaned.get("week_to")
        if start is not None and end is not None and end < start:
            self.add_error("week_to", _("The last week lies before the first week."))
        return cleaned

    @classmethod
    def initial_from(cls, approach: ApproachPage) -> dict[str, Any]:
        """The form's values for an existing approach (its latest revision)."""
        from toolbox.services import PLAIN_FIELDS, RELATION_FIELDS, RICH_TEXT_FIELDS

        initial: dict[str, Any] = {name: getattr(approach, name) for name in PLAIN_FIELDS}
        for name in RICH_TEXT_FIELDS:
            initial[name] = rich_text_to_plain(getattr(approach, name) or "")
        for name in RELATION_FIELDS:
            initial[name] = [item.pk for item in getattr(approach, name).all()]
        return initial


class StepForm(forms.Form):
    title = forms.CharField(label=_("Step"), max_length=120)
    description = forms.CharField(
        label=_("What happens"), max_length=3000, widget=forms.Textarea(attrs={"rows": 3})
    )
    actors = forms.MultipleChoiceField(
        label=_("Who does it"), choices=Actor.choices, widget=forms.CheckboxSelectMultiple
    )
    week_from = forms.IntegerField(
        label=_("From week"), min_value=0, max_value=MAX_SICKNESS_WEEK, required=False
    )
    week_to = forms.IntegerField(
        label=_("Until week"), min_value=0, max_value=MAX_SICKNESS_WEEK, required=False
    )


def filled_steps(formset: Any) -> list[dict[str, Any]]:
    """The filled-in steps of a valid step formset, in order; blank extra forms are left out."""
    return [form.cleaned_data for form in formset.forms if form.cleaned_data]


StepFormSet = forms.formset_factory(
    StepForm,
    extra=2,
    min_num=1,
    validate_min=True,
    max_num=MAX_STEPS,
    validate_max=True,
    absolute_max=MAX_STEPS,
)


def steps_initial(approach: ApproachPage) -> list[dict[str, Any]]:
    return [
        {
            "title": block.value["title"],
            "description": rich_text_to_plain(str(block.value["description"].source)),
            "actors": list(block.value["actors"]),
            "week_from": block.value.get("week_from"),
            "week_to": block.value.get("week_to"),
        }
        for block in approach.steps
        if block.block_type == "step"
    ]


def rich_text_to_plain(html: str) -> str:
    """Paragraphs become blank lines, line breaks new lines; other markup is dropped."""
    text = html.replace("</p>", "\n\n").replace("<br>", "\n").replace("<br/>", "\n")
    return html_module.unescape(strip_tags(text)).strip()
