"""What the learning-network views share: the acting user and running a write for a form."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from accounts.models import User
from cms_core.forms import add_validation_errors
from learning_network.services import Refused

T = TypeVar("T")

REFUSED_STATUS = {"rate_limited": 429, "not_member": 403, "not_moderator": 403, "not_staff": 403}


def actor(request: HttpRequest) -> User:
    """The signed-in user (the access policy lets no anonymous visitor in)."""
    user = request.user
    if not isinstance(user, User):
        raise PermissionDenied
    return user


def run(form: forms.BaseForm, write: Callable[[], T]) -> tuple[T | None, int]:
    """Run a service for a valid form. On a refusal or a validation error the form carries the
    message (at its field where there is one) and the status says why; nothing was stored."""
    try:
        return write(), 200
    except Refused as refusal:
        form.add_error(None, refusal.message)
        return None, REFUSED_STATUS.get(refusal.code, 409)
    except ValidationError as error:
        add_validation_errors(form, error)
        return None, 400


def form_page(
    request: HttpRequest,
    *,
    form: forms.BaseForm,
    write: Callable[[dict[str, Any]], T],
    success: Callable[[T], str],
    message: str,
    template: str,
    context: dict[str, Any],
) -> HttpResponse:
    """Show a form; on a valid POST run the write with the cleaned data and redirect to
    `success(result)` with `message`. Otherwise render the form again with its errors and the
    status `run` gives (400 bad input, 403/409/429 refused); nothing was stored then."""
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            done, status = run(form, lambda: write(form.cleaned_data))
            if done is not None:
                messages.success(request, message)
                return redirect(success(done))
    return render(request, template, {**context, "form": form}, status=status)
