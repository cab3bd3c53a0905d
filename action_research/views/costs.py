"""Costs: totals per category and paying party, the items, recording and editing."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from action_research import selectors, services
from action_research.forms import CostForm
from action_research.models import CostItem, Section, Trajectory
from action_research.views.common import form_page


def cost_list(request: HttpRequest, slug: str) -> HttpResponse:
    ws = selectors.workspace_get(viewer=request.user, slug=slug, section=Section.COSTS)
    periods = selectors.cost_periods(ws)
    period = request.GET.get("periode", "")
    if period not in periods:
        period = ""
    return render(
        request,
        "action_research/cost_list.html",
        {
            "ws": ws,
            "consortium": ws.consortium,
            "items": selectors.costs(ws, period=period),
            "totals": selectors.cost_totals(ws, period=period),
            "periods": periods,
            "period": period,
            "can_write": ws.can_write(Section.COSTS),
        },
    )


@require_http_methods(["GET", "POST"])
def cost_edit(request: HttpRequest, slug: str, pk: int | None = None) -> HttpResponse:
    """Record a cost (without pk) or change one."""
    ws = selectors.workspace_get(viewer=request.user, slug=slug, section=Section.COSTS, write=True)
    cost = selectors.record_get(ws, CostItem, pk=pk) if pk else None
    initial: dict[str, Any] = {}
    if cost is not None:
        initial = {name: getattr(cost, name) for name in services.COST_FIELDS}
        initial["trajectory"] = cost.trajectory_code
        initial["version"] = cost.version
    form = CostForm(
        request.POST if request.method == "POST" else None,
        initial=initial,
        trajectories=selectors.records_of(ws, Trajectory),
    )

    return form_page(
        request,
        form=form,
        record=cost,
        create=lambda user, data: services.cost_create(
            actor=user, consortium=ws.consortium, data=data
        ),
        update=lambda user, record, data, version: services.cost_update(
            actor=user, cost=record, data=data, version=version
        ),
        success=lambda saved: reverse("action_research:cost_list", args=[slug]),
        saved_message=lambda saved: (
            _("Cost “%(description)s” saved.") % {"description": saved.description}
        ),
        template="action_research/record_form.html",
        context={
            "ws": ws,
            "consortium": ws.consortium,
            "record": cost,
            "title": _("Change a cost") if cost else _("Record a cost"),
            "section_url": reverse("action_research:cost_list", args=[slug]),
            "section_label": _("Costs"),
            "intro": _(
                "Record what the approach cost, and who paid. The independent cost-benefit "
                "researchers use these figures."
            ),
        },
    )
