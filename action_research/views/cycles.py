"""Action-research cycles: a cycle with its files and history, logging and editing, status."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from action_research import selectors, services
from action_research.forms import AttachmentForm, CycleForm, ReopenForm
from action_research.models import CycleAttachment, Section
from action_research.views.common import actor, form_page, stale_message
from cms_core.forms import add_validation_errors
from cms_core.uploads import private_download


def _detail_url(slug: str, number: int) -> str:
    return reverse("action_research:cycle_detail", args=[slug, number])


def _detail_page(
    request: HttpRequest, ws: Any, cycle: Any, attachment_form: AttachmentForm, status: int = 200
) -> HttpResponse:
    return render(
        request,
        "action_research/cycle_detail.html",
        {
            "ws": ws,
            "consortium": ws.consortium,
            "cycle": cycle,
            "attachments": selectors.cycle_attachments(cycle),
            "attachment_form": attachment_form,
            "expert_inputs": cycle.expert_inputs.filter(is_deleted=False).select_related("expert")
            if ws.can_read(Section.EXPERTS)
            else [],
            "history": selectors.record_history(cycle),
            "can_write": ws.can_write(Section.CYCLES),
        },
        status=status,
    )


def cycle_detail(request: HttpRequest, slug: str, number: int) -> HttpResponse:
    ws = selectors.workspace_get(viewer=request.user, slug=slug, section=Section.CYCLES)
    return _detail_page(request, ws, selectors.cycle_get(ws, number), AttachmentForm())


@require_http_methods(["GET", "POST"])
def cycle_edit(request: HttpRequest, slug: str, number: int | None = None) -> HttpResponse:
    """Log a new cycle (without number) or change one."""
    ws = selectors.workspace_get(viewer=request.user, slug=slug, section=Section.CYCLES, write=True)
    cycle = selectors.cycle_get(ws, number) if number else None
    initial: dict[str, Any]
    previous_open = None
    if cycle is not None:
        initial = {name: getattr(cycle, name) for name in services.CYCLE_FIELDS}
        initial["version"] = cycle.version
    else:
        initial = services.next_cycle_initial(ws.consortium)
        previous_open = initial.pop("_previous_open", None)
    form = CycleForm(request.POST if request.method == "POST" else None, initial=initial)

    return form_page(
        request,
        form=form,
        record=cycle,
        create=lambda user, data: services.cycle_create(
            actor=user, consortium=ws.consortium, data=data
        ),
        update=lambda user, record, data, version: services.cycle_update(
            actor=user, cycle=record, data=data, version=version
        ),
        success=lambda saved: _detail_url(slug, saved.number),
        saved_message=lambda saved: _("Cycle %(number)s saved.") % {"number": saved.number},
        template="action_research/cycle_form.html",
        context={
            "ws": ws,
            "consortium": ws.consortium,
            "cycle": cycle,
            "previous_open": previous_open,
        },
    )


def _writable_cycle(request: HttpRequest, slug: str, number: int, *, deleted: bool = False) -> Any:
    ws = selectors.workspace_get(viewer=request.user, slug=slug, section=Section.CYCLES, write=True)
    return selectors.cycle_get(ws, number, deleted=deleted)


@require_POST
def cycle_close(request: HttpRequest, slug: str, number: int) -> HttpResponse:
    cycle = _writable_cycle(request, slug, number)
    try:
        services.cycle_close(actor=actor(request), cycle=cycle)
    except services.StaleEditError:
        messages.error(request, _("The cycle changed meanwhile; look again and retry."))
    else:
        messages.success(request, _("Cycle %(number)s is closed.") % {"number": number})
    return redirect(_detail_url(slug, number))


@require_http_methods(["GET", "POST"])
def cycle_reopen(request: HttpRequest, slug: str, number: int) -> HttpResponse:
    cycle = _writable_cycle(request, slug, number)
    form = ReopenForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            services.cycle_reopen(
                actor=actor(request), cycle=cycle, reason=form.cleaned_data["reason"]
            )
        except ValidationError as error:
            add_validation_errors(form, error)
        except services.StaleEditError:
            form.add_error(None, _("The cycle changed meanwhile; look again and retry."))
        else:
            messages.success(request, _("Cycle %(number)s is open again.") % {"number": number})
            return redirect(_detail_url(slug, number))
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
        services.cycle_delete(actor=actor(request), cycle=cycle)
    except services.StaleEditError:
        messages.error(request, _("The cycle changed meanwhile; look again and retry."))
        return redirect(_detail_url(slug, number))
    messages.success(
        request,
        _("Cycle %(number)s was removed from the timeline. A coordinator can restore it.")
        % {"number": number},
    )
    return redirect("action_research:workspace", slug=slug)


@require_POST
def cycle_restore(request: HttpRequest, slug: str, number: int) -> HttpResponse:
    ws = selectors.workspace_get(viewer=request.user, slug=slug, section=Section.CYCLES)
    if not ws.can_manage:
        raise PermissionDenied
    cycle = selectors.cycle_get(ws, number, deleted=True)
    try:
        services.cycle_restore(actor=actor(request), cycle=cycle)
    except services.StaleEditError:
        messages.error(request, _("The cycle changed meanwhile; look again and retry."))
    else:
        messages.success(request, _("Cycle %(number)s is restored.") % {"number": number})
    return redirect("action_research:workspace", slug=slug)


@require_POST
def attachment_add(request: HttpRequest, slug: str, number: int) -> HttpResponse:
    """Keep a file with the cycle; a refused file shows the cycle again with the reason."""
    cycle = _writable_cycle(request, slug, number)
    form = AttachmentForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            attachment = services.attachment_add(
                actor=actor(request), cycle=cycle, upload=form.cleaned_data["file"]
            )
        except ValidationError as error:
            add_validation_errors(form, error)
        except services.StaleEditError:
            form.add_error(None, stale_message())
        else:
            messages.success(
                request, _("%(name)s is kept with the cycle.") % {"name": attachment.original_name}
            )
            return redirect(_detail_url(slug, number) + "#attachments-heading")
    ws = selectors.workspace_get(viewer=request.user, slug=slug, section=Section.CYCLES)
    return _detail_page(request, ws, cycle, form, status=400)


def attachment_download(request: HttpRequest, slug: str, number: int, pk: int) -> FileResponse:
    """The file, to the cycle's readers only, always as a download (never rendered inline)."""
    ws = selectors.workspace_get(viewer=request.user, slug=slug, section=Section.CYCLES)
    cycle = selectors.cycle_get(ws, number)
    attachment = selectors.record_get(ws, CycleAttachment, pk=pk, cycle=cycle)
    return private_download(
        attachment.file, name=attachment.original_name, content_type=attachment.content_type
    )
