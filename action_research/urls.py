"""URL patterns of the consortium workspaces (namespace `action_research`)."""

from django.urls import path

from action_research import views

app_name = "action_research"

urlpatterns = [
    path("consortia/<slug:slug>/werkruimte/", views.workspace, name="workspace"),
    path("consortia/<slug:slug>/werkruimte/cycli/nieuw/", views.cycle_edit, name="cycle_create"),
    path(
        "consortia/<slug:slug>/werkruimte/cycli/<int:number>/",
        views.cycle_detail,
        name="cycle_detail",
    ),
    path(
        "consortia/<slug:slug>/werkruimte/cycli/<int:number>/bewerken/",
        views.cycle_edit,
        name="cycle_edit",
    ),
    path(
        "consortia/<slug:slug>/werkruimte/cycli/<int:number>/sluiten/",
        views.cycle_close,
        name="cycle_close",
    ),
    path(
        "consortia/<slug:slug>/werkruimte/cycli/<int:number>/heropenen/",
        views.cycle_reopen,
        name="cycle_reopen",
    ),
    path(
        "consortia/<slug:slug>/werkruimte/cycli/<int:number>/verwijderen/",
        views.cycle_delete,
        name="cycle_delete",
    ),
    path(
        "consortia/<slug:slug>/werkruimte/cycli/<int:number>/herstellen/",
        views.cycle_restore,
        name="cycle_restore",
    ),
]
