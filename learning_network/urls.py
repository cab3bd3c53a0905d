"""URL patterns of the learning networks (namespace `learning_network`).

Every name here is declared in `config.access_policy` and covered by the access-matrix test.
"""

from django.urls import path

from learning_network.views import gatherings, moderation, networks, threads

app_name = "learning_network"

urlpatterns = [
    path("leernetwerken/", networks.network_list, name="list"),
    path("leernetwerken/nieuw/", networks.network_create, name="create"),
    path("leernetwerken/meldingen/", networks.notifications, name="notifications"),
    path("leernetwerken/<slug:slug>/", networks.network_detail, name="network"),
    path("leernetwerken/<slug:slug>/beheer/", networks.network_manage, name="manage"),
    path("leernetwerken/<slug:slug>/beheer/verwijderen/", networks.network_remove, name="remove"),
    path("leernetwerken/<slug:slug>/zoeken/", networks.network_search, name="search"),
    path("leernetwerken/<slug:slug>/nieuw-gesprek/", threads.thread_create, name="thread_create"),
    path("leernetwerken/<slug:slug>/gesprekken/<int:pk>/", threads.thread_detail, name="thread"),
    path(
        "leernetwerken/<slug:slug>/gesprekken/<int:pk>/volgen/",
        threads.thread_follow,
        name="thread_follow",
    ),
    path(
        "leernetwerken/<slug:slug>/gesprekken/<int:pk>/modereren/",
        moderation.thread_moderate,
        name="thread_moderate",
    ),
    path(
        "leernetwerken/<slug:slug>/berichten/<int:pk>/bewerken/",
        threads.post_edit,
        name="post_edit",
    ),
    path(
        "leernetwerken/<slug:slug>/berichten/<int:pk>/geschiedenis/",
        threads.post_history,
        name="post_history",
    ),
    path(
        "leernetwerken/<slug:slug>/berichten/<int:pk>/bijlagen/<int:attachment_pk>/",
        threads.post_attachment,
        name="attachment",
    ),
    path(
        "leernetwerken/<slug:slug>/berichten/<int:pk>/melden/",
        threads.post_flag,
        name="post_flag",
    ),
    path(
        "leernetwerken/<slug:slug>/berichten/<int:pk>/verbergen/",
        moderation.post_hide,
        name="post_hide",
    ),
    path(
        "leernetwerken/<slug:slug>/berichten/<int:pk>/terugzetten/",
        moderation.post_restore,
        name="post_restore",
    ),
    path("leernetwerken/<slug:slug>/moderatie/", moderation.moderation_queue, name="moderation"),
    path(
        "leernetwerken/<slug:slug>/moderatie/meldingen/<int:pk>/afwijzen/",
        moderation.flag_dismiss,
        name="flag_dismiss",
    ),
    path(
        "leernetwerken/<slug:slug>/moderatie/leden/<int:user_id>/dempen/",
        moderation.member_mute,
        name="member_mute",
    ),
    path(
        "leernetwerken/<slug:slug>/moderatie/leden/<int:user_id>/dempen-opheffen/",
        moderation.mute_lift,
        name="mute_lift",
    ),
    path(
        "leernetwerken/<slug:slug>/moderatielog/", moderation.moderation_log, name="moderation_log"
    ),
    path(
        "leernetwerken/<slug:slug>/moderatielog.csv",
        moderation.moderation_log_export,
        name="moderation_log_export",
    ),
    path("leernetwerken/<slug:slug>/bijeenkomsten/", gatherings.meeting_list, name="meetings"),
    path(
        "leernetwerken/<slug:slug>/bijeenkomsten/nieuw/",
        gatherings.meeting_create,
        name="meeting_create",
    ),
    path(
        "leernetwerken/<slug:slug>/bijeenkomsten/<int:pk>/",
        gatherings.meeting_detail,
        name="meeting",
    ),
    path(
        "leernetwerken/<slug:slug>/bijeenkomsten/<int:pk>/bewerken/",
        gatherings.meeting_edit,
        name="meeting_edit",
    ),
    path(
        "leernetwerken/<slug:slug>/bijeenkomsten/<int:pk>/verslag/",
        gatherings.meeting_minutes,
        name="meeting_minutes",
    ),
    path(
        "leernetwerken/<slug:slug>/bijeenkomsten/<int:pk>/aanmelden/",
        gatherings.meeting_sign_up,
        name="meeting_sign_up",
    ),
    path(
        "leernetwerken/<slug:slug>/bijeenkomsten/<int:pk>/agenda.ics",
        gatherings.meeting_calendar,
        name="meeting_calendar",
    ),
    path("leernetwerken/<slug:slug>/lessen/", gatherings.lesson_list, name="lessons"),
    path(
        "leernetwerken/<slug:slug>/lessen/voorstellen/",
        gatherings.lesson_propose,
        name="lesson_propose",
    ),
    path(
        "leernetwerken/<slug:slug>/lessen/<int:pk>/bewerken/",
        gatherings.lesson_edit,
        name="lesson_edit",
    ),
    path(
        "leernetwerken/<slug:slug>/lessen/<int:pk>/beoordelen/",
        gatherings.lesson_decide,
        name="lesson_decide",
    ),
]
