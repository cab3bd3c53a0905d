"""allauth adapter: Dutch e-mail, no usernames, and the Wagtail admin login routed here."""

from __future__ import annotations

from typing import Any

from allauth.account.adapter import DefaultAccountAdapter
from django.http import HttpRequest


class AccountAdapter(DefaultAccountAdapter):
    def is_open_for_signup(self, request: HttpRequest) -> bool:
        # Anyone may create an account; roles and consortium access come only by invitation.
        return True

    def populate_username(self, request: HttpRequest, user: Any) -> None:
        # The user model has no username field.
        return None
