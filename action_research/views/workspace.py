"""The workspace overview, the project, activity, history and removed records."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from action_research import selectors, services
from action_research.forms import ProjectForm
from action_research.models import RECORD_TYPES, Project, Section
from action_research.views.common import actor, form_page, safe_next, stale_message

ACTIVITY_PAGE_SIZE = 50


def workspace(request: HttpRequest, slug: str) -> HttpResponse:
    """The record of the project: its facts, the cycles as a timeline, what was logged lately."""
    ws = selectors.workspace_get(viewer=request.user, slug=slug)
    cycles = ws.can_read(Section.CYCLES)
    return render(
        request,
        "action_research/workspace.html",
        {
            "ws": ws,
            "consortium": ws.consortium,
            "show_cycles": cycles,
            # Rendered once per change (the template caches it by this version): a timeline of
            # hundreds of cycles costs more to render than everything else on the page.
            "timeline_version": selectors.timeline_version(ws) if cycles else "",
            "timeline": lambda: selectors.cycle_timeline(ws),
            "can_write": ws.can_write(Section.CYCLES),
            "deleted": selectors.deleted_cycles(ws) if cycles and ws.can_manage else [],
            "activity": selectors.activity(ws, limit=8),
            "follow_ups": selectors.follow_ups_due_count(ws)
            if ws.can_read(Section.TRAJECTORIES)
            else 0,
            "matrix": selectors.participation_matrix(ws) if ws.can_read(Section.EXPERTS) else None,
        },
    )


@require_http_methods(["GET", "POST"])
def project_edit(request: HttpRequest, slug: str) -> HttpResponse:
    ws = selectors.workspace_get(viewer=request.user, slug=slug)
    if not ws.can_manage:
        raise PermissionDenied
    project = ws.project
    if project is not None:
        initial = {name: getattr(project, name) for name in services.PROJECT_FIELDS}
        initial["version"] = project.version
    else:
        initial = {
            "title": ws.consortium.name,
            "shared_with_experts": list(Project().shared_with_experts),
        }
    form = ProjectForm(request.POST if request.method == "POST" else None, initial=initial)
    return form_page(
        request,
        form=form,
        record=project,
        # The project is created on its first write, so creating it is an update as well.
        create=lambda user, data: services.project_update(
            actor=user, consortium=ws.consortium, data=data, version=None
        ),
        update=lambda user, _record, data, version: services.project_update(
            actor=user, consortium=ws.consortium, data=data, version=version
        ),
        success=lambda _record: reverse("action_research:workspace", args=[slug]),
        saved_message=lambda _record: _("The project is saved."),
        template="action_research/record_form.html",
        context={
            "ws": ws,
            "consortium": ws.consortium,
            "title": _("Project details"),
            "intro": _(
                "Coordinators keep these details up to date. The texts on experience-expert "
                "involvement fill the GRIPP2-SF report."
            ),
            "section_url": reverse("action_research:workspace", args=[slug]),
            "section_label": _("Workspace"),
        },
    )


def activity(request: HttpRequest, slug: str) -> HttpResponse:
    """Everything logged in the workspace, newest first, filterable by kind of record."""
    ws = selectors.workspace_get(viewer=request.user, slug=slug)
    kinds = [
        (name, RECORD_TYPES[name]._meta.verbose_name_plural) for name in ws.readable_record_types()
    ]
    kind = request.GET.get("soort", "")
    if kind not in dict(kinds):
        kind = ""
    page = Paginator(selectors.activity(ws, record_type=kind), ACTIVITY_PAGE_SIZE).get_page(
        request.GET.get("pagina")
    )
    return render(
        request,
        "action_research/activity.html",
        {"ws": ws, "consortium": ws.consortium, "page": page, "kinds": kinds, "kind": kind},
    )


def record_history(request: HttpRequest, slug: str, record_type: str, pk: int) -> HttpResponse:
    """The full history of one record (removed records too)."""
    ws = selectors.workspace_get(viewer=request.user, slug=slug)
    record = selectors.record_any_get(ws, record_type, pk)
    return render(
        request,
        "action_research/record_history.html",
        {
            "ws": ws,
            "consortium": ws.consortium,
            "record": record,
            "record_type": record_type,
            "kind": type(record)._meta.verbose_name,
            "history": selectors.record_history(record),
        },
    )


def removed(request: HttpRequest, slug: str) -> HttpResponse:
    """Removed records, for the coordinators who may restore them."""
    ws = selectors.workspace_get(viewer=request.user, slug=slug)
    if not ws.can_manage:
        raise PermissionDenied
    return render(
        request,
        "action_research/removed.html",
        {"ws": ws, "consortium": ws.consortium, "records": selectors.removed_records(ws)},
    )


def _record_for_write(request: HttpRequest, slug: str, record_type: str, pk: int, *, deleted: bool):  # type: ignore[no-untyped-def]
    ws = selectors.workspace_get(viewer=request.user, slug=slug)
    model = RECORD_TYPES.get(record_type)
    if model is None or model is Project:
        raise PermissionDenied
    return ws, selectors.record_get(ws, model, deleted=deleted, pk=pk)


@require_POST
def record_delete(request: HttpRequest, slug: str, record_type: str, pk: int) -> HttpResponse:
    """Remove a record softly; the coordinator can restore it."""
    _ws, record = _record_for_write(request, slug, record_type, pk, deleted=False)
    try:
        services.record_delete(actor=actor(request), record=record)
    except PermissionError as error:
        raise PermissionDenied from error
    except services.StaleEditError:
        messages.error(request, stale_message())
    else:
        messages.success(
            request,
            _("%(record)s was removed. A coordinator can restore it.") % {"record": record},
        )
    return redirect(safe_next(request, reverse("action_research:workspace", args=[slug])))


@require_POST
def record_restore(request: HttpRequest, slug: str, record_type: str, pk: int) -> HttpResponse:
    ws, record = _record_for_write(request, slug, record_type, pk, deleted=True)
    if not ws.can_manage:
        raise PermissionDenied
    try:
        services.record_restore(actor=actor(request), record=record)
    except services.StaleEditError:
        messages.error(request, stale_message())
    except ValidationError as error:
        messages.error(
            request,
            _("%(record)s cannot be restored: %(reason)s")
            % {"record": record, "reason": " ".join(error.messages)},
        )
    else:
        messages.success(request, _("%(record)s is restored.") % {"record": record})
    return redirect("action_research:removed", slug=slug)
