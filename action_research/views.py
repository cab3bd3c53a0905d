"""Workspace pages: the timeline of cycles, a cycle with its history, create and edit."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from accounts import permissions
from action_research import selectors, services
from action_research.forms import CycleForm, ReopenForm
from cms_core.forms import add_validation_errors


def workspace(request: HttpRequest, slug: str) -> HttpResponse:
    consortium = selectors.workspace_get(viewer=request.user, slug=slug)
    return render(
        request,
        "action_research/workspace.html",
        {
            "consortium": consortium,
            "timeline": selectors.cycle_timeline(consortium=consortium),
            "can_write": permissions.can_write_research_records(request.user, consortium),
            "deleted": selectors.deleted_cycles(consortium=consortium)
            if permissions.can_manage_consortium(request.user, consortium)
            else [],
        },
    )


def cycle_detail(request: HttpRequest, slug: str, number: int) -> HttpResponse:
    consortium = selectors.workspace_get(viewer=request.user, slug=slug)
    cycle = selectors.cycle_get(consortium=consortium, number=number)
    return render(
        request,
        "action_research/cycle_detail.html",
        {
            "consortium": consortium,
            "cycle": cycle,
            "history": selectors.record_history(record_type="cycle", record_id=cycle.pk),
            "can_write": permissions.can_write_research_records(request.user, consortium),
        },
    )


@require_http_methods(["GET", "POST"])
def cycle_edit(request: HttpRequest, slug: str, number: int | None = None) -> HttpResponse:
    """Log a new cycle (without number) or change one."""
    consortium = selectors.workspace_get(viewer=request.user, slug=slug)
    if not permissions.can_write_research_records(request.user, consortium):
        raise PermissionDenied
    cycle = selectors.cycle_get(consortium=consortium, number=number) if number else None
    initial: dict[str, Any]
    if cycle is not None:
        initial = {name: getattr(cycle, name) for name in services.CYCLE_FIELDS}
        initial["version"] = cycle.version
        previous_open = None
    else:
        initial = services.next_cycle_initial(consortium)
        previous_open = initial.pop("_previous_open", None)
    form = CycleForm(request.POST if request.method == "POST" else None, initial=initial)
    stale = False
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k != "version"}
        try:
            if cycle is None:
                cycle = services.cycle_create(
                    actor=request.user,  # type: ignore[arg-type]
                    consortium=consortium,
                    data=data,
                )
            else:
                services.cycle_update(
                    actor=request.user,  # type: ignore[arg-type]
                    cycle=cycle,
                    data=data,
                    version=form.cleaned_data.get("version") or 0,
                )
        except ValidationError as error:
            add_validation_errors(form, error)
        except services.StaleEditError:
            stale = True
            form.add_error(
                None,
                _(
                    "Someone else saved this cycle while you were editing it. Nothing of yours "
                    "was saved. Open the cycle again to see their changes, then make yours."
                ),
            )
        else:
            messages.success(request, _("Cycle %(number)s saved.") % {"number": cycle.number})
            return redirect("action_research:cycle_detail", slug=slug, number=cycle.number)
    status = 409 if stale else 400 if request.method == "POST" else 200
    return render(
        request,
        "action_research/cycle_form.html",
        {
            "consortium": consortium,
            "cycle": cycle,
            "form": form,
            "previous_open": previous_open,
        },
        status=status,
    )


def _writable_cycle(request: HttpRequest, slug: str, number: int, *, deleted: bool = False) -> Any:
    consortium = selectors.workspace_get(viewer=request.user, slug=slug)
    if not permissions.can_write_research_records(request.user, consortium):
        raise PermissionDenied
    return selectors.cycle_get(consortium=consortium, number=number, deleted=deleted)


@require_POST
def cycle_close(request: HttpRequest, slug: str, number: int) -> HttpResponse:
    cycle = _writable_cycle(request, slug, number)
    try:
        services.cycle_close(actor=request.user, cycle=cycle)  # type: ignore[arg-type]
    except services.StaleEditError:
        messages.error(request, _("The cycle changed meanwhile; look again and retry."))
    else:
        messages.success(request, _("Cycle %(number)s is closed.") % {"number": number})
    return redirect("action_research:cycle_detail", slug=slug, number=number)


@require_http_methods(["GET", "POST"])
def cycle_reopen(request: HttpRequest, slug: str, number: int) -> HttpResponse:
    cycle = _writable_cycle(request, slug, number)
    form = ReopenForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            services.cycle_reopen(
                actor=request.user,  # type: ignore[arg-type]
                cycle=cycle,
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as error:
            add_validation_errors(form, error)
        except services.StaleEditError:
            form.add_error(None, _("The cycle changed meanwhile; look again and retry."))
        else:
            messages.success(request, _("Cycle %(number)s is open again.") % {"number": number})
            return redirect("action_research:cycle_detail", slug=slug, number=number)
    return render(
        request,
        "action_research/cycle_reopen.html",
        {"consortium": cycle.project.consortium, "cycle": cycle, "form": form},
        status=400 if request.method == "POST" else 200,
    )


@require_POST
def cycle_delete(request: HttpRequest, slug: str, number: int) -> HttpResponse:
    cycle = _writable_cycle(request, slug, number)
    try:
        services.cycle_delete(actor=request.user, cycle=cycle)  # type: ignore[arg-type]
    except services.StaleEditError:
        messages.error(request, _("The cycle changed meanwhile; look again and retry."))
        return redirect("action_research:cycle_detail", slug=slug, number=number)
    messages.success(
        request,
        _("Cycle %(number)s was removed from the timeline. A coordinator can restore it.")
        % {"number": number},
    )
    return redirect("action_research:workspace", slug=slug)


@require_POST
def cycle_restore(request: HttpRequest, slug: str, number: int) -> HttpResponse:
    consortium = selectors.workspace_get(viewer=request.user, slug=slug)
    if not permissions.can_manage_consortium(request.user, consortium):
        raise PermissionDenied
    cycle = selectors.cycle_get(consortium=consortium, number=number, deleted=True)
    try:
        services.cycle_restore(actor=request.user, cycle=cycle)  # type: ignore[arg-type]
    except services.StaleEditError:
        messages.error(request, _("The cycle changed meanwhile; look again and retry."))
    else:
        messages.success(request, _("Cycle %(number)s is restored.") % {"number": number})
    return redirect("action_research:workspace", slug=slug)
