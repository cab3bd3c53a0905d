"""Evaluation pages: parse, ask the selector, render."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from evaluation import selectors


def dashboard(request: HttpRequest) -> HttpResponse:
    evaluation = selectors.programme_dashboard(viewer=request.user)
    return render(request, "evaluation/dashboard.html", {"evaluation": evaluation})


def project(request: HttpRequest, slug: str) -> HttpResponse:
    consortium, evaluation = selectors.project_evaluation(viewer=request.user, slug=slug)
    return render(
        request,
        "evaluation/project.html",
        {"evaluation": evaluation, "consortium": consortium},
    )
