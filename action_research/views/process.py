"""Process evaluation: the periods side by side, one period in full, recording and editing."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from action_research import selectors, services
from action_research.forms import (
    AdaptationFormSet,
    IndicatorFormSet,
    ProcessEvaluationForm,
    formset_items,
)
from action_research.models import ProcessEvaluation, Section
from action_research.views.common import form_page


def process_list(request: HttpRequest, slug: str) -> HttpResponse:
    ws = selectors.workspace_get(viewer=request.user, slug=slug, section=Section.PROCESS)
    return render(
        request,
        "action_research/process_list.html",
        {
            "ws": ws,
            "consortium": ws.consortium,
            "evaluations": selectors.process_evaluations(ws),
            "can_write": ws.can_write(Section.PROCESS),
        },
    )


def process_detail(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    ws = selectors.workspace_get(viewer=request.user, slug=slug, section=Section.PROCESS)
    evaluation = selectors.record_get(ws, ProcessEvaluation, pk=pk)
    return render(
        request,
        "action_research/process_detail.html",
        {
            "ws": ws,
            "consortium": ws.consortium,
            "evaluation": evaluation,
            "observations": selectors.cycle_observations(ws, evaluation),
            "history": selectors.record_history(evaluation),
            "can_write": ws.can_write(Section.PROCESS),
        },
    )


@require_http_methods(["GET", "POST"])
def process_edit(request: HttpRequest, slug: str, pk: int | None = None) -> HttpResponse:
    """Record a period's process evaluation (without pk) or change one."""
    ws = selectors.workspace_get(
        viewer=request.user, slug=slug, section=Section.PROCESS, write=True
    )
    evaluation = selectors.record_get(ws, ProcessEvaluation, pk=pk) if pk else None
    initial: dict[str, Any] = {}
    adaptations: list[dict[str, Any]] = []
    indicators: list[dict[str, Any]] = []
    if evaluation is not None:
        initial = {name: getattr(evaluation, name) for name in services.PROCESS_FIELDS}
        initial["version"] = evaluation.version
        adaptations, indicators = evaluation.adaptations, evaluation.custom_indicators
    post = request.POST if request.method == "POST" else None
    form = ProcessEvaluationForm(post, initial=initial)
    adaptation_forms = AdaptationFormSet(post, initial=adaptations, prefix="aanpassing")
    indicator_forms = IndicatorFormSet(post, initial=indicators, prefix="indicator")
    formsets_valid = post is not None and adaptation_forms.is_valid() and indicator_forms.is_valid()

    return form_page(
        request,
        form=form,
        record=evaluation,
        create=lambda user, data: services.process_evaluation_create(
            actor=user, consortium=ws.consortium, data=data
        ),
        update=lambda user, record, data, version: services.process_evaluation_update(
            actor=user, evaluation=record, data=data, version=version
        ),
        data=lambda: {
            **form.data_for_service(),
            "adaptations": formset_items(adaptation_forms, ("what", "why")),
            "custom_indicators": formset_items(indicator_forms, ("name", "unit", "value")),
        },
        extra_valid=formsets_valid,
        success=lambda saved: reverse("action_research:process_detail", args=[slug, saved.pk]),
        saved_message=lambda saved: (
            _("Process evaluation of %(period)s saved.") % {"period": saved.period}
        ),
        template="action_research/process_form.html",
        context={
            "ws": ws,
            "consortium": ws.consortium,
            "evaluation": evaluation,
            "adaptation_forms": adaptation_forms,
            "indicator_forms": indicator_forms,
        },
    )
