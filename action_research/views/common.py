"""What every workspace view shares: the record form loop and the stale-edit message."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _

from accounts.models import User
from action_research.services import StaleEditError
from cms_core.forms import add_validation_errors


def actor(request: HttpRequest) -> User:
    """The signed-in user (the access policy lets no anonymous visitor into a workspace)."""
    user = request.user
    if not isinstance(user, User):
        raise PermissionDenied
    return user


def safe_next(request: HttpRequest, fallback: str) -> str:
    """The `next` address of a POST when it stays on this site, else the fallback."""
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return fallback


def stale_message() -> str:
    return _(
        "Someone else saved this record while you were editing it. Nothing of yours was saved. "
        "Open it again to see their changes, then make yours."
    )


def form_page(
    request: HttpRequest,
    *,
    form: Any,
    record: Any,
    create: Callable[[User, dict[str, Any]], Any],
    update: Callable[[User, Any, dict[str, Any], int], Any],
    success: Callable[[Any], str],
    saved_message: Callable[[Any], str],
    template: str,
    context: dict[str, Any],
    data: Callable[[], dict[str, Any]] | None = None,
    extra_valid: bool = True,
) -> HttpResponse:
    """Show a record's form; on a valid POST create the record (`record` None) or update it
    from the version the form started from, through the service, and redirect.

    A service's ValidationError is shown at its fields (400), a stale edit at the top (409);
    in both cases nothing was saved.
    """
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid() and extra_valid:
            values = data() if data else form.data_for_service()
            try:
                if record is None:
                    saved = create(actor(request), values)
                else:
                    saved = update(
                        actor(request), record, values, form.cleaned_data.get("version") or 0
                    )
            except ValidationError as error:
                add_validation_errors(form, error)
            except StaleEditError:
                form.add_error(None, stale_message())
                status = 409
            else:
                messages.success(request, saved_message(saved))
                return redirect(success(saved))
    return render(request, template, {**context, "form": form}, status=status)
