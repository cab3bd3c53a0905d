"""Evaluation pages: the programme dashboard, one project against the programme, exports."""

from django.urls import path, re_path

from evaluation import views

app_name = "evaluation"

DATASET = r"(?P<dataset>trajecten|procesevaluatie|kosten|inbreng)"
FORMAT = r"(?P<file_format>csv|xlsx|sav|dta)"

urlpatterns = [
    path("evaluatie/", views.dashboard, name="dashboard"),
    path("evaluatie/jaarverslag/", views.annual_reports, name="annual_reports"),
    path("evaluatie/jaarverslag/<int:year>/", views.annual_report, name="annual_report"),
    path("evaluatie/export/", views.exports_page, name="exports"),
    path("evaluatie/export/codeboek.csv", views.codebook, name="codebook"),
    re_path(rf"^evaluatie/export/{DATASET}\.{FORMAT}$", views.export, name="export"),
    path("evaluatie/projecten/<slug:slug>/", views.project, name="project"),
    path(
        "evaluatie/projecten/<slug:slug>/projectbundel.zip",
        views.project_bundle,
        name="project_bundle",
    ),
    re_path(
        rf"^evaluatie/projecten/(?P<slug>[-a-zA-Z0-9_]+)/export/{DATASET}\.{FORMAT}$",
        views.project_export,
        name="project_export",
    ),
]

urlpatterns += [
    path(
        "evaluatie/projecten/<slug:slug>/kosten-baten/",
        views.cost_benefit_list,
        name="cost_benefits",
    ),
    path(
        "evaluatie/projecten/<slug:slug>/kosten-baten/nieuw/",
        views.cost_benefit_edit,
        name="cost_benefit_create",
    ),
    path(
        "evaluatie/projecten/<slug:slug>/kosten-baten/<int:pk>/",
        views.cost_benefit_detail,
        name="cost_benefit",
    ),
    path(
        "evaluatie/projecten/<slug:slug>/kosten-baten/<int:pk>/wijzigen/",
        views.cost_benefit_edit,
        name="cost_benefit_edit",
    ),
    path(
        "evaluatie/projecten/<slug:slug>/kosten-baten/<int:pk>/verwijderen/",
        views.cost_benefit_delete,
        name="cost_benefit_delete",
    ),
]
