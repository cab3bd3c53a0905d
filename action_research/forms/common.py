"""Shared field builders of the workspace forms: free text, numbers as Dutch users type them,
dates, yes/no/unknown, and the version an edit started from."""

from __future__ import annotations

import contextlib
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from action_research.transfer import values

DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
NUMBER_ATTRS = {"inputmode": "decimal"}
PERIOD_HELP = _("A year (2026), a half year (2026-H1) or a quarter (2026-Q1).")


def text_field(
    label: Any, max_length: int, *, required: bool = False, rows: int = 4, help_text: Any = ""
) -> forms.CharField:
    """A free-text field (checked for personal data by the service that saves it)."""
    return forms.CharField(
        label=label,
        max_length=max_length,
        required=required,
        widget=forms.Textarea(attrs={"rows": rows}),
        help_text=help_text,
    )


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


def decimal_field(
    label: Any, *, help_text: Any = "", max_digits: int = 4, places: int = 1
) -> forms.DecimalField:
    return NumberField(
        label=label,
        required=False,
        max_digits=max_digits,
        decimal_places=places,
        localize=True,
        widget=forms.TextInput(attrs=NUMBER_ATTRS),
        help_text=help_text,
    )


def count_field(label: Any, help_text: Any = "") -> forms.IntegerField:
    return forms.IntegerField(
        label=label, required=False, min_value=0, max_value=1_000_000, help_text=help_text
    )


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
