"""Trajectories: the list, one trajectory, follow-ups that are due, and pseudonym codes."""

from __future__ import annotations

import csv
import io
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from action_research import selectors, services
from action_research.forms import CodesForm, FollowUpForm, TrajectoryForm
from action_research.models import Outcome, PseudonymCode, Section
from action_research.views.common import actor, form_page, safe_next, stale_message
from cms_core.forms import add_validation_errors

PAGE_SIZE = 50


def trajectory_list(request: HttpRequest, slug: str) -> HttpResponse:
    ws = selectors.workspace_get(viewer=request.user, slug=slug, section=Section.TRAJECTORIES)
    outcome = request.GET.get("uitkomst", "")
    if outcome not in Outcome.values:
        outcome = ""
    code = request.GET.get("code", "").strip()[:20]
    items = selectors.trajectories(ws, outcome=outcome, code=code)
    page = Paginator(items, PAGE_SIZE).get_page(request.GET.get("pagina"))
    return render(
        request,
        "action_research/trajectory_list.html",
        {
            "ws": ws,
            "consortium": ws.consortium,
            "page": page,
            "outcomes": selectors.outcome_counts(ws),
            "outcome": outcome,
            "code": code,
            "follow_ups": selectors.follow_ups_due_count(ws),
            "can_write": ws.can_write(Section.TRAJECTORIES),
        },
    )


def trajectory_detail(request: HttpRequest, slug: str, code: str) -> HttpResponse:
    ws = selectors.workspace_get(viewer=request.user, slug=slug, section=Section.TRAJECTORIES)
    trajectory = selectors.trajectory_get(ws, code)
    follow_ups = [
        (
            months,
            trajectory.follow_up_date(months),
            getattr(trajectory, f"working_at_{months}_months"),
        )
        for months in (6, 12)
    ]
    return render(
        request,
        "action_research/trajectory_detail.html",
        {
            "ws": ws,
            "consortium": ws.consortium,
            "trajectory": trajectory,
            "follow_ups": follow_ups if trajectory.follows_up else [],
            "costs": trajectory.cost_items.filter(is_deleted=False)
            if ws.can_read(Section.COSTS)
            else [],
            "history": selectors.record_history(trajectory),
            "can_write": ws.can_write(Section.TRAJECTORIES),
        },
    )


@require_http_methods(["GET", "POST"])
def trajectory_edit(request: HttpRequest, slug: str, code: str | None = None) -> HttpResponse:
    """Record a new trajectory (without code) or change one."""
    ws = selectors.workspace_get(
        viewer=request.user, slug=slug, section=Section.TRAJECTORIES, write=True
    )
    trajectory = selectors.trajectory_get(ws, code) if code else None
    initial: dict[str, Any] = {}
    if trajectory is not None:
        initial = {name: getattr(trajectory, name) for name in services.TRAJECTORY_FIELDS}
        initial["version"] = trajectory.version
    codes = services.unused_codes(ws.consortium)[:500] if trajectory is None else None
    form = TrajectoryForm(
        request.POST if request.method == "POST" else None, initial=initial, codes=codes
    )

    return form_page(
        request,
        form=form,
        record=trajectory,
        create=lambda user, data: services.trajectory_create(
            actor=user,
            consortium=ws.consortium,
            data={k: v for k, v in data.items() if k != "code"},
            code=data.get("code") or "",
        ),
        update=lambda user, record, data, version: services.trajectory_update(
            actor=user, trajectory=record, data=data, version=version
        ),
        success=lambda saved: reverse("action_research:trajectory_detail", args=[slug, saved.code]),
        saved_message=lambda saved: (
            _("Trajectory %(code)s saved.") % {"code": saved.code}
            if trajectory is not None
            else _("Trajectory %(code)s saved. Write this code in your own key list.")
            % {"code": saved.code}
        ),
        template="action_research/record_form.html",
        context={
            "ws": ws,
            "consortium": ws.consortium,
            "record": trajectory,
            "title": _("Change trajectory %(code)s") % {"code": trajectory.code}
            if trajectory
            else _("Record a trajectory"),
            "section_url": reverse("action_research:trajectory_list", args=[slug]),
            "section_label": _("Trajectories"),
            "intro": _(
                "A trajectory is one employee, known here only by a code. Never write a name, "
                "citizen service number, e-mail address or phone number; keep the key that links "
                "codes to people in your own organisation."
            ),
        },
    )


def follow_ups(request: HttpRequest, slug: str) -> HttpResponse:
    """Follow-ups at 6 and 12 months that are due (or will be within 30 days)."""
    ws = selectors.workspace_get(viewer=request.user, slug=slug, section=Section.TRAJECTORIES)
    return render(
        request,
        "action_research/follow_ups.html",
        {
            "ws": ws,
            "consortium": ws.consortium,
            "page": Paginator(selectors.follow_ups_due(ws), PAGE_SIZE).get_page(
                request.GET.get("pagina")
            ),
            "can_write": ws.can_write(Section.TRAJECTORIES),
        },
    )


@require_POST
def trajectory_follow_up(request: HttpRequest, slug: str, code: str) -> HttpResponse:
    ws = selectors.workspace_get(
        viewer=request.user, slug=slug, section=Section.TRAJECTORIES, write=True
    )
    trajectory = selectors.trajectory_get(ws, code)
    form = FollowUpForm(request.POST)
    back = safe_next(request, reverse("action_research:follow_ups", args=[slug]))
    if not form.is_valid():
        messages.error(
            request, _("Choose yes or no for trajectory %(code)s.") % {"code": trajectory.code}
        )
        return redirect(back)
    try:
        services.trajectory_follow_up(
            actor=actor(request),
            trajectory=trajectory,
            months=form.cleaned_data["months"],
            working=form.cleaned_data["working"],
            version=form.cleaned_data.get("version") or 0,
        )
    except services.StaleEditError:
        messages.error(request, stale_message())
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _("Follow-up at %(months)s months recorded for %(code)s.")
            % {"months": form.cleaned_data["months"], "code": trajectory.code},
        )
    return redirect(back)


@require_http_methods(["GET", "POST"])
def codes(request: HttpRequest, slug: str) -> HttpResponse:
    """The consortium's unused codes, and a form to be issued new ones."""
    ws = selectors.workspace_get(viewer=request.user, slug=slug, section=Section.TRAJECTORIES)
    can_write = ws.can_write(Section.TRAJECTORIES)
    form = CodesForm(request.POST if request.method == "POST" else None)
    status = 200
    if request.method == "POST":
        if not can_write:
            raise PermissionDenied
        status = 400
        if form.is_valid():
            try:
                issued = services.codes_issue(
                    actor=actor(request), consortium=ws.consortium, count=form.cleaned_data["count"]
                )
            except ValidationError as error:
                add_validation_errors(form, error)
            else:
                messages.success(
                    request,
                    _(
                        "%(n)s new codes issued. Download the list and write a code next to each person in your own key list."
                    )
                    % {"n": len(issued)},
                )
                return redirect("action_research:codes", slug=slug)
    unused = services.unused_codes(ws.consortium)
    return render(
        request,
        "action_research/codes.html",
        {
            "ws": ws,
            "consortium": ws.consortium,
            "form": form,
            "unused": unused[:200],
            "unused_total": len(unused),
            "issued_total": PseudonymCode.objects.filter(consortium=ws.consortium).count(),
            "can_write": can_write,
        },
        status=status,
    )


def codes_download(request: HttpRequest, slug: str) -> HttpResponse:
    """The unused codes as a CSV file for the practitioner's own key list."""
    ws = selectors.workspace_get(viewer=request.user, slug=slug, section=Section.TRAJECTORIES)
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(["pseudoniem", "sleutel_alleen_in_eigen_administratie"])
    for code in services.unused_codes(ws.consortium):
        writer.writerow([code, ""])
    response = HttpResponse(
        buffer.getvalue().encode("utf-8"), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="codes-{ws.consortium.slug}.csv"'
    response["Cache-Control"] = "private, no-store"
    return response
