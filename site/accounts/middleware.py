"""Enforces two-step verification for the roles that require it (allauth offers, we enforce)."""

from __future__ import annotations

from collections.abc import Callable

from allauth.mfa.models import Authenticator
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from accounts.permissions import requires_mfa

# Where a user without a second factor may still go: set it up, sign out, switch language.
ALLOWED_URL_NAMES = frozenset(
    {
        "mfa_index",
        "mfa_activate_totp",
        "mfa_reauthenticate",
        "mfa_view_recovery_codes",
        "mfa_generate_recovery_codes",
        "mfa_download_recovery_codes",
        "mfa_authenticate",
        "account_reauthenticate",
        "account_logout",
        "account_login",
        "account_email",
        "account_confirm_email",
        "set_language",
        "health",
        "robots_txt",
        "wagtail_serve",
        "accounts:invitation_accept",
    }
)


class MfaEnforcementMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(
        self, request: HttpRequest, view_func: object, args: object, kwargs: object
    ) -> HttpResponse | None:
        user = request.user
        if not user.is_authenticated:
            return None
        match = request.resolver_match
        if match is None or match.view_name in ALLOWED_URL_NAMES:
            return None
        if not requires_mfa(user):
            return None
        if Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists():
            return None
        messages.warning(
            request,
            _("Your role requires two-step verification. Set it up before you continue."),
        )
        return redirect("mfa_activate_totp")
