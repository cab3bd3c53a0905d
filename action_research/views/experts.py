"""Experience-expert involvement: the participation matrix, the inputs, the GRIPP2-SF report."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from action_research import permissions, selectors, services
from action_research.forms import ExpertForm, ExpertInputForm
from action_research.models import Cycle, Expert, ExpertInput, InvolvementPhase, Section
from action_research.selectors import panel as panel_selectors
from action_research.views.common import form_page


def expert_overview(request: HttpRequest, slug: str) -> HttpResponse:
    ws = selectors.workspace_get(viewer=request.user, slug=slug, section=Section.EXPERTS)
    phase = request.GET.get("fase", "")
    if phase not in InvolvementPhase.values:
        phase = ""
    return render(
        request,
        "action_research/expert_overview.html",
        {
            "ws": ws,
            "consortium": ws.consortium,
            "matrix": selectors.participation_matrix(ws),
            "inputs": selectors.expert_inputs(ws, phase=phase),
            "phases": InvolvementPhase.choices,
            "phase": phase,
            "can_write": ws.can_write(Section.EXPERTS),
            "panel_rounds": panel_selectors.consortium_rounds(
                viewer=request.user, consortium=ws.consortium
            ),
            "can_request_round": permissions.can_request_round(request.user, ws.consortium),
        },
    )


def _overview(slug: str) -> str:
    return reverse("action_research:expert_overview", args=[slug])


@require_http_methods(["GET", "POST"])
def expert_edit(request: HttpRequest, slug: str, pk: int | None = None) -> HttpResponse:
    """Add an experience expert with their row of the matrix, or change it."""
    ws = selectors.workspace_get(
        viewer=request.user, slug=slug, section=Section.EXPERTS, write=True
    )
    expert = selectors.record_get(ws, Expert, pk=pk) if pk else None
    initial = ExpertForm.initial_for(expert) if expert else {}
    form = ExpertForm(request.POST if request.method == "POST" else None, initial=initial)

    return form_page(
        request,
        form=form,
        record=expert,
        create=lambda user, data: services.expert_create(
            actor=user, consortium=ws.consortium, data=data
        ),
        update=lambda user, record, data, version: services.expert_update(
            actor=user, expert=record, data=data, version=version
        ),
        success=lambda saved: _overview(slug),
        saved_message=lambda saved: _("%(label)s saved.") % {"label": saved.label},
        template="action_research/expert_form.html",
        context={"ws": ws, "consortium": ws.consortium, "expert": expert},
    )


@require_http_methods(["GET", "POST"])
def expert_input_edit(request: HttpRequest, slug: str, pk: int | None = None) -> HttpResponse:
    """Record what an experience expert brought in, or say what was done with it."""
    ws = selectors.workspace_get(
        viewer=request.user, slug=slug, section=Section.EXPERTS, write=True
    )
    item = selectors.record_get(ws, ExpertInput, pk=pk) if pk else None
    initial: dict[str, Any] = {"date": timezone.localdate()}
    if item is not None:
        initial = {name: getattr(item, name) for name in services.INPUT_FIELDS}
        initial["version"] = item.version
    elif request.GET.get("cyclus", "").isdigit():
        initial["cycle"] = (
            selectors.records_of(ws, Cycle).filter(number=int(request.GET["cyclus"])).first()
        )
    cycles = (
        selectors.records_of(ws, Cycle).order_by("number")
        if ws.can_read(Section.CYCLES)
        else Cycle.objects.none()
    )
    form = ExpertInputForm(
        request.POST if request.method == "POST" else None,
        initial=initial,
        experts=selectors.records_of(ws, Expert).order_by("label"),
        cycles=cycles,
    )

    return form_page(
        request,
        form=form,
        record=item,
        create=lambda user, data: services.expert_input_create(
            actor=user, consortium=ws.consortium, data=data
        ),
        update=lambda user, record, data, version: services.expert_input_update(
            actor=user, expert_input=record, data=data, version=version
        ),
        success=lambda saved: _overview(slug) + "#inputs-heading",
        saved_message=lambda saved: _("The input is saved."),
        template="action_research/record_form.html",
        context={
            "ws": ws,
            "consortium": ws.consortium,
            "record": item,
            "title": _("Change an input") if item else _("Record experience-expert input"),
            "section_url": _overview(slug),
            "section_label": _("Experience-expert input"),
            "intro": _(
                "What did an experience expert bring in, and what did the project do with it? "
                "Saying what was done with advice is what makes involvement count."
            ),
        },
    )


def gripp2(request: HttpRequest, slug: str) -> HttpResponse:
    """The GRIPP2-SF involvement report, as a page to print or as plain text to download."""
    ws = selectors.workspace_get(viewer=request.user, slug=slug, section=Section.EXPERTS)
    context = {
        "ws": ws,
        "consortium": ws.consortium,
        "report": selectors.gripp2_report(ws),
        "today": timezone.localdate(),
    }
    if request.GET.get("formaat") == "tekst":
        text = render_to_string("action_research/gripp2.txt", context, request=request)
        response = HttpResponse(text.encode("utf-8"), content_type="text/plain; charset=utf-8")
        response["Content-Disposition"] = (
            f'attachment; filename="gripp2-sf-{ws.consortium.slug}.txt"'
        )
        return response
    return render(request, "action_research/gripp2.html", context)
