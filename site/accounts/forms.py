"""Input shapes for sign-up, profile and invitations; invariants live in models and services."""

from __future__ import annotations

from typing import Any

from allauth.account.forms import SignupForm as AllauthSignupForm
from django import forms
from django.conf import settings
from django.contrib.auth import password_validation
from django.utils.translation import gettext_lazy as _

from accounts.models import Consortium, ConsortiumRole, User
from accounts.roles import Role
from accounts.validators import validate_person_name


class SignupForm(AllauthSignupForm):
    """allauth's sign-up with the display name others will see."""

    display_name = forms.CharField(
        label=_("Display name"),
        max_length=60,
        required=False,
        validators=[validate_person_name],
        help_text=_("The name others see. You can leave it empty and choose one later."),
    )

    def save(self, request: Any) -> User:
        user: User = super().save(request)
        user.display_name = self.cleaned_data.get("display_name", "").strip()
        user.save(update_fields=["display_name"])
        return user


class ProfileForm(forms.Form):
    full_name = forms.CharField(
        label=_("Full name"),
        max_length=150,
        required=False,
        validators=[validate_person_name],
        help_text=_("Visible to programme staff and to your own consortium."),
    )
    display_name = forms.CharField(
        label=_("Display name"),
        max_length=60,
        required=True,
        validators=[validate_person_name],
        help_text=_("The name others see in learning networks and panel rounds."),
    )
    preferred_language = forms.ChoiceField(
        label=_("Preferred language"), choices=settings.LANGUAGES
    )


class InvitationSignupForm(forms.Form):
    """Creates the account of an invited person; the e-mail address comes from the invitation."""

    full_name = forms.CharField(
        label=_("Full name"), max_length=150, validators=[validate_person_name]
    )
    display_name = forms.CharField(
        label=_("Display name"),
        max_length=60,
        required=False,
        validators=[validate_person_name],
        help_text=_("The name others see. Leave empty to use your full name."),
    )
    password1 = forms.CharField(
        label=_("Password"),
        strip=False,
        max_length=256,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=_("At least 10 characters; not only digits; not a common password."),
    )
    password2 = forms.CharField(
        label=_("Password (again)"),
        strip=False,
        max_length=256,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def __init__(self, *args: Any, email: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.email = email

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        password1, password2 = cleaned.get("password1"), cleaned.get("password2")
        if password1 and password2 and password1 != password2:
            self.add_error("password2", _("The two passwords differ."))
        elif password1:
            probe = User(email=self.email, full_name=cleaned.get("full_name", ""))
            try:
                password_validation.validate_password(password1, probe)
            except forms.ValidationError as error:
                self.add_error("password1", error)
        return cleaned


class InvitationForm(forms.Form):
    """What programme staff fill in to invite someone (used in the Wagtail admin)."""

    email = forms.EmailField(label=_("E-mail address"), max_length=254)
    consortium = forms.ModelChoiceField(
        label=_("Consortium"), queryset=Consortium.objects.all(), required=False
    )
    consortium_role = forms.ChoiceField(
        label=_("Role in consortium"),
        choices=[("", "---------"), *ConsortiumRole.choices],
        required=False,
    )
    programme_role = forms.ChoiceField(
        label=_("Programme role"), choices=[("", "---------"), *Role.choices], required=False
    )
    message = forms.CharField(
        label=_("Personal message"), max_length=2000, required=False, widget=forms.Textarea
    )


class ConsortiumInvitationForm(forms.Form):
    """A coordinator (or programme staff) invites a colleague to their consortium."""

    email = forms.EmailField(
        label=_("E-mail address"),
        max_length=254,
        help_text=_("The invitation link is sent to this address and works once, for 14 days."),
    )
    consortium_role = forms.ChoiceField(
        label=_("Role in the consortium"), choices=ConsortiumRole.choices
    )
    message = forms.CharField(
        label=_("Personal message"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Appears in the e-mail. Do not include health information."),
    )
