"""Evaluation pages: parse, ask the selector, render (cost-benefit: the service writes)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from accounts.models import Consortium
from action_research.views.common import actor, form_page
from evaluation import bundle, exports, permissions, presentation, selectors, services
from evaluation.forms import AnalysisForm
from evaluation.models import CostBenefitAnalysis
from evaluation.selectors import costbenefit as costbenefit_selectors


def dashboard(request: HttpRequest) -> HttpResponse:
    evaluation = selectors.programme_dashboard(viewer=request.user)
    return render(
        request,
        "evaluation/dashboard.html",
        {
            "evaluation": evaluation,
            "can_export": permissions.can_export_programme(request.user),
        },
    )


def annual_reports(request: HttpRequest) -> HttpResponse:
    """The newest annual report (the page links every other year)."""
    if not permissions.can_view_programme(request.user):
        raise PermissionDenied
    return redirect("evaluation:annual_report", selectors.report_years()[-1])


def annual_report(request: HttpRequest, year: int) -> HttpResponse:
    report = selectors.annual_report(viewer=request.user, year=year)
    return render(request, "evaluation/annual_report.html", {"report": report})


def project(request: HttpRequest, slug: str) -> HttpResponse:
    consortium, evaluation = selectors.project_evaluation(viewer=request.user, slug=slug)
    datasets = selectors.project_exports_for(viewer=request.user, consortium=consortium)
    labels = selectors.dataset_labels()
    return render(
        request,
        "evaluation/project.html",
        {
            "evaluation": evaluation,
            "consortium": consortium,
            "datasets": [(dataset, labels[dataset]) for dataset in datasets],
            "formats": list(exports.FORMATS),
            "can_bundle": permissions.can_export_programme(request.user),
            "can_cost_benefit": permissions.can_view_cost_benefit(request.user, consortium),
        },
    )


def exports_page(request: HttpRequest) -> HttpResponse:
    if not permissions.can_export_programme(request.user):
        raise PermissionDenied
    return render(
        request,
        "evaluation/exports.html",
        {
            "datasets": list(selectors.dataset_labels().items()),
            "formats": list(exports.FORMATS),
        },
    )


def _download(content: bytes, file_format: str, name: str) -> HttpResponse:
    response = HttpResponse(content, content_type=exports.FORMATS[file_format])
    response["Content-Disposition"] = f'attachment; filename="{name}.{file_format}"'
    return response


def export(request: HttpRequest, dataset: str, file_format: str) -> HttpResponse:
    data = selectors.programme_export(viewer=request.user, dataset=dataset)
    stamp = timezone.localdate().isoformat()
    return _download(exports.write(data, file_format), file_format, f"{dataset}-{stamp}")


def codebook(request: HttpRequest) -> HttpResponse:
    datasets = [
        selectors.programme_export(viewer=request.user, dataset=dataset)
        for dataset in exports.DATASETS
    ]
    response = HttpResponse(exports.codebook_csv(datasets), content_type=exports.FORMATS["csv"])
    response["Content-Disposition"] = 'attachment; filename="codeboek.csv"'
    return response


def project_export(request: HttpRequest, slug: str, dataset: str, file_format: str) -> HttpResponse:
    data = selectors.project_export(viewer=request.user, slug=slug, dataset=dataset)
    stamp = timezone.localdate().isoformat()
    return _download(exports.write(data, file_format), file_format, f"{slug}-{dataset}-{stamp}")


def project_bundle(request: HttpRequest, slug: str) -> HttpResponse:
    workspace = selectors.bundle_workspace(viewer=request.user, slug=slug)
    stamp = timezone.localdate().isoformat()
    response = HttpResponse(bundle.project_bundle(workspace), content_type="application/zip")
    response["Content-Disposition"] = f'attachment; filename="projectbundel-{slug}-{stamp}.zip"'
    return response


# --- cost-benefit analyses ----------------------------------------------------------------------


def cost_benefit_list(request: HttpRequest, slug: str) -> HttpResponse:
    consortium, analyses = costbenefit_selectors.analyses_for(viewer=request.user, slug=slug)
    return render(
        request,
        "evaluation/cost_benefit_list.html",
        {
            "consortium": consortium,
            "analyses": analyses,
            "can_edit": permissions.can_edit_cost_benefit(request.user, consortium),
        },
    )


def cost_benefit_detail(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    view = costbenefit_selectors.analysis_view(viewer=request.user, slug=slug, pk=pk)
    return render(
        request,
        "evaluation/cost_benefit_detail.html",
        {"view": view, "consortium": view.consortium, **presentation.cost_benefit(view)},
    )


@require_http_methods(["GET", "POST"])
def cost_benefit_edit(request: HttpRequest, slug: str, pk: int | None = None) -> HttpResponse:
    """Set up an analysis (without pk) or change its method and assumptions."""
    if pk is None:
        consortium, analysis = _editable_consortium(request, slug), None
    else:
        consortium, analysis = _editable_analysis(request, slug, pk)
    form = AnalysisForm(
        request.POST if request.method == "POST" else None,
        initial=AnalysisForm.initial_for(analysis),
    )
    return form_page(
        request,
        form=form,
        record=analysis,
        create=lambda user, data: services.analysis_create(
            actor=user, consortium=consortium, data=data
        ),
        update=lambda user, record, data, version: services.analysis_update(
            actor=user, analysis=record, data=data, version=version
        ),
        success=lambda saved: reverse("evaluation:cost_benefit", args=[slug, saved.pk]),
        saved_message=lambda saved: _("Analysis “%(title)s” saved.") % {"title": saved.title},
        template="evaluation/cost_benefit_form.html",
        context={
            "consortium": consortium,
            "analysis": analysis,
            "title": _("Change the analysis") if analysis else _("New cost-benefit analysis"),
        },
    )


@require_POST
def cost_benefit_delete(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    _consortium, analysis = _editable_analysis(request, slug, pk)
    services.analysis_delete(actor=actor(request), analysis=analysis)
    messages.success(request, _("Analysis “%(title)s” removed.") % {"title": analysis.title})
    return redirect("evaluation:cost_benefits", slug)


# 404 for a consortium or analysis the user may not see; 403 when they may see but not change.


def _editable_consortium(request: HttpRequest, slug: str) -> Consortium:
    consortium, _analyses = costbenefit_selectors.analyses_for(viewer=request.user, slug=slug)
    if not permissions.can_edit_cost_benefit(request.user, consortium):
        raise PermissionDenied
    return consortium


def _editable_analysis(
    request: HttpRequest, slug: str, pk: int
) -> tuple[Consortium, CostBenefitAnalysis]:
    consortium, analysis = costbenefit_selectors.analysis_get(viewer=request.user, slug=slug, pk=pk)
    if not permissions.can_edit_cost_benefit(request.user, consortium):
        raise PermissionDenied
    return consortium, analysis
