"""Evaluation pages: parse, ask the selector, render."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from evaluation import bundle, exports, permissions, selectors


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
