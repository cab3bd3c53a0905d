"""URL patterns of the accounts app (namespace `accounts`)."""

from django.urls import path

from accounts import views

app_name = "accounts"

urlpatterns = [
    path("mijn/", views.dashboard, name="dashboard"),
    path("mijn/profiel/", views.profile, name="profile"),
    path("consortia/", views.consortium_list, name="consortium_list"),
    path("consortia/<slug:slug>/", views.consortium_detail, name="consortium_detail"),
    path("consortia/<slug:slug>/uitnodigen/", views.consortium_invite, name="consortium_invite"),
    path(
        "consortia/<slug:slug>/uitnodigingen/<int:pk>/intrekken/",
        views.invitation_revoke,
        name="invitation_revoke",
    ),
    path("uitnodiging/<str:token>/", views.invitation_accept, name="invitation_accept"),
    # Public: the funded projects as ZonMw publishes them (no people), for provenance.
    path("projecten/", views.project_list, name="project_list"),
    path("projecten/<slug:slug>/", views.project_detail, name="project_detail"),
]
