"""Evaluation pages: the programme dashboard and one project against the programme."""

from django.urls import path

from evaluation import views

app_name = "evaluation"

urlpatterns = [
    path("evaluatie/", views.dashboard, name="dashboard"),
    path("evaluatie/projecten/<slug:slug>/", views.project, name="project"),
]
