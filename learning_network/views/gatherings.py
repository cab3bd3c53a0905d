"""Meetings and lessons of a network over plain HTTP.

Members read meetings, sign up and propose lessons; moderators plan meetings, write the minutes
and decide on lessons. Access: the selectors answer 404 outside the network, the views 403 for a
member where a moderator is needed.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from learning_network import forms, permissions, selectors, services
from learning_network.models import LearningNetwork, Lesson, LessonKind, LessonStatus, Meeting
from learning_network.services import Refused
from learning_network.views.common import actor, form_page

LESSONS_PER_PAGE = 30
LESSON_FIELDS = ("kind", "text", "themes", "approaches")


def _meeting_url(meeting: Meeting) -> str:
    return reverse("learning_network:meeting", args=[meeting.network.slug, meeting.pk])


def _organiser_only(request: HttpRequest, network: LearningNetwork) -> None:
    if not permissions.can_organise_meetings(request.user, network):
        raise PermissionDenied


def _meeting_initial(meeting: Meeting) -> dict[str, object]:
    return {
        "title": meeting.title,
        "starts_at": timezone.localtime(meeting.starts_at),
        "ends_at": timezone.localtime(meeting.ends_at),
        "location": meeting.location,
        "online_url": meeting.online_url,
        "capacity": meeting.capacity,
        "agenda": services.editable_text(meeting.agenda),
        "threads": list(meeting.threads.all()),
        "is_cancelled": meeting.is_cancelled,
    }


# --- meetings ------------------------------------------------------------------------------------


def meeting_list(request: HttpRequest, slug: str) -> HttpResponse:
    network = selectors.network_get_for(viewer=request.user, slug=slug)
    return render(
        request,
        "learning_network/meeting_list.html",
        {
            "network": network,
            "overview": selectors.meeting_overview(viewer=request.user, network=network),
            "can_organise": permissions.can_organise_meetings(request.user, network),
        },
    )


@require_http_methods(["GET", "POST"])
def meeting_create(request: HttpRequest, slug: str) -> HttpResponse:
    network = selectors.network_get_for(viewer=request.user, slug=slug)
    _organiser_only(request, network)
    return form_page(
        request,
        form=forms.MeetingForm(request.POST or None, network=network, editing=False),
        write=lambda data: services.meeting_create(
            actor=actor(request),
            network=network,
            data=data,
            agenda=data["agenda"],
            threads=data["threads"],
        ),
        success=_meeting_url,
        message=_("The meeting was planned."),
        template="learning_network/meeting_form.html",
        context={"network": network, "title": _("Plan a meeting"), "button": _("Plan meeting")},
    )


def meeting_detail(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    network = selectors.network_get_for(viewer=request.user, slug=slug)
    meeting = selectors.meeting_get_for(viewer=request.user, network=network, pk=pk)
    return render(
        request,
        "learning_network/meeting_detail.html",
        {
            "network": network,
            "meeting": meeting,
            "lessons": selectors.lessons_of_meeting(meeting=meeting),
            "can_organise": permissions.can_organise_meetings(request.user, network),
            "can_sign_up": permissions.can_sign_up(request.user, meeting),
            "can_propose": permissions.can_propose_lesson(request.user, network),
            "is_full": meeting.capacity is not None and meeting.attendee_count >= meeting.capacity,  # type: ignore[attr-defined]
            "has_started": meeting.starts_at <= timezone.now(),
        },
    )


@require_http_methods(["GET", "POST"])
def meeting_edit(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    network = selectors.network_get_for(viewer=request.user, slug=slug)
    meeting = selectors.meeting_get_for(viewer=request.user, network=network, pk=pk)
    _organiser_only(request, network)
    return form_page(
        request,
        form=forms.MeetingForm(
            request.POST or None,
            network=network,
            editing=True,
            initial=_meeting_initial(meeting),
        ),
        write=lambda data: services.meeting_update(
            actor=actor(request),
            meeting=meeting,
            data=data,
            agenda=data["agenda"],
            threads=data["threads"],
        ),
        success=_meeting_url,
        message=_("The meeting was changed."),
        template="learning_network/meeting_form.html",
        context={
            "network": network,
            "meeting": meeting,
            "title": _("Change the meeting"),
            "button": _("Save"),
        },
    )


@require_http_methods(["GET", "POST"])
def meeting_minutes(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    network = selectors.network_get_for(viewer=request.user, slug=slug)
    meeting = selectors.meeting_get_for(viewer=request.user, network=network, pk=pk)
    _organiser_only(request, network)
    return form_page(
        request,
        form=forms.MinutesForm(
            request.POST or None,
            initial={"minutes": services.editable_text(meeting.minutes) if meeting.minutes else ""},
        ),
        write=lambda data: services.meeting_minutes_save(
            actor=actor(request), meeting=meeting, minutes=data["minutes"]
        ),
        success=_meeting_url,
        message=_("The minutes were saved."),
        template="learning_network/meeting_form.html",
        context={
            "network": network,
            "meeting": meeting,
            "title": _("Minutes"),
            "button": _("Save"),
        },
    )


@require_POST
def meeting_sign_up(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    network = selectors.network_get_for(viewer=request.user, slug=slug)
    meeting = selectors.meeting_get_for(viewer=request.user, network=network, pk=pk)
    attend = request.POST.get("attend") == "1"
    try:
        attending = services.meeting_sign_up(actor=actor(request), meeting=meeting, attend=attend)
    except Refused as refusal:
        messages.error(request, refusal.message)
    else:
        if attending:
            messages.success(request, _("You are signed up for this meeting."))
        else:
            messages.success(request, _("You are no longer signed up for this meeting."))
    return redirect(_meeting_url(meeting))


def _ics_text(value: str) -> str:
    return value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


def _ics_time(moment: datetime.datetime) -> str:
    return moment.astimezone(datetime.UTC).strftime("%Y%m%dT%H%M%SZ")


def meeting_calendar(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """The meeting as an iCalendar file, for the member's own agenda."""
    network = selectors.network_get_for(viewer=request.user, slug=slug)
    meeting = selectors.meeting_get_for(viewer=request.user, network=network, pk=pk)
    where = ", ".join(part for part in (meeting.location, meeting.online_url) if part)
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//Tweede Spoor Platform//Leernetwerken//NL",
        "METHOD:PUBLISH",
        "BEGIN:VEVENT",
        f"UID:meeting-{meeting.pk}@{request.get_host()}",
        f"DTSTAMP:{_ics_time(meeting.updated_at)}",
        f"DTSTART:{_ics_time(meeting.starts_at)}",
        f"DTEND:{_ics_time(meeting.ends_at)}",
        f"SUMMARY:{_ics_text(meeting.title)}",
        f"LOCATION:{_ics_text(where)}",
        f"URL:{request.build_absolute_uri(_meeting_url(meeting))}",
        f"STATUS:{'CANCELLED' if meeting.is_cancelled else 'CONFIRMED'}",
        "END:VEVENT",
        "END:VCALENDAR",
    ]
    response = HttpResponse(
        "\r\n".join(lines) + "\r\n", content_type="text/calendar; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="bijeenkomst-{meeting.pk}.ics"'
    return response


# --- lessons -------------------------------------------------------------------------------------


def lesson_list(request: HttpRequest, slug: str) -> HttpResponse:
    network = selectors.network_get_for(viewer=request.user, slug=slug)
    status, kind = request.GET.get("status", ""), request.GET.get("soort", "")
    lessons = selectors.lesson_list_for(
        viewer=request.user, network=network, status=status, kind=kind
    )
    page = Paginator(lessons, LESSONS_PER_PAGE).get_page(request.GET.get("pagina"))
    return render(
        request,
        "learning_network/lesson_list.html",
        {
            "network": network,
            "page": page,
            "status": status,
            "kind": kind,
            "statuses": LessonStatus.choices,
            "kinds": LessonKind.choices,
            "can_propose": permissions.can_propose_lesson(request.user, network),
            "can_moderate": permissions.can_moderate(request.user, network),
        },
    )


def _source_of(request: HttpRequest, network: LearningNetwork) -> dict[str, object]:
    """Where a proposed lesson comes from (?bericht=, ?gesprek= or ?bijeenkomst=), within the
    network: a number of another network answers 404; anything but a number is ignored."""
    data = request.POST if request.method == "POST" else request.GET
    getters = {
        "bericht": ("post", selectors.post_get_for),
        "gesprek": ("thread", selectors.thread_get_for),
        "bijeenkomst": ("meeting", selectors.meeting_get_for),
    }
    source: dict[str, object] = {}
    for key, (field, get) in getters.items():
        value = str(data.get(key, ""))
        if value.isdigit():
            source[field] = get(viewer=request.user, network=network, pk=int(value))
    return source


def _lessons_url(network: LearningNetwork) -> str:
    return reverse("learning_network:lessons", args=[network.slug])


@require_http_methods(["GET", "POST"])
def lesson_propose(request: HttpRequest, slug: str) -> HttpResponse:
    network = selectors.network_get_for(viewer=request.user, slug=slug)
    if not permissions.can_propose_lesson(request.user, network):
        raise PermissionDenied
    source = _source_of(request, network)
    initial = {}
    if source.get("thread") is not None:
        initial["themes"] = list(network.themes.all())
    return form_page(
        request,
        form=forms.LessonForm(request.POST or None, initial=initial),
        write=lambda data: services.lesson_propose(
            actor=actor(request),
            network=network,
            **_lesson_fields(data),
            **source,  # type: ignore[arg-type]
        ),
        success=lambda lesson: _lessons_url(network) + f"#les-{lesson.pk}",
        message=_("Thank you. The moderators will look at your lesson."),
        template="learning_network/lesson_form.html",
        context={"network": network, "source": source, "title": _("Propose a lesson")},
    )


def _lesson_fields(data: dict[str, Any]) -> dict[str, Any]:
    """What a lesson form gives every lesson service: kind, text, themes, approaches."""
    return {key: data[key] for key in LESSON_FIELDS}


def _lesson_initial(lesson: Lesson) -> dict[str, object]:
    return {
        "kind": lesson.kind,
        "text": lesson.text,
        "themes": list(lesson.themes.all()),
        "approaches": list(lesson.approaches.all()),
    }


@require_http_methods(["GET", "POST"])
def lesson_edit(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    network = selectors.network_get_for(viewer=request.user, slug=slug)
    lesson = selectors.lesson_get_for(viewer=request.user, network=network, pk=pk)
    if not permissions.can_edit_lesson(request.user, lesson):
        raise PermissionDenied
    return form_page(
        request,
        form=forms.LessonForm(request.POST or None, initial=_lesson_initial(lesson)),
        write=lambda data: services.lesson_update(
            actor=actor(request),
            lesson=lesson,
            **_lesson_fields(data),
        ),
        success=lambda done: _lessons_url(network) + f"#les-{done.pk}",
        message=_("Your lesson was changed."),
        template="learning_network/lesson_form.html",
        context={"network": network, "lesson": lesson, "title": _("Change your lesson")},
    )


@require_http_methods(["GET", "POST"])
def lesson_decide(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """Moderators confirm a proposed lesson (its wording and links may be improved first), do
    not confirm it, or withdraw a confirmed one; always with the reason in the log."""
    network = selectors.network_get_for(viewer=request.user, slug=slug)
    lesson = selectors.lesson_get_for(viewer=request.user, network=network, pk=pk)
    if not permissions.can_decide_lesson(request.user, lesson):
        raise PermissionDenied
    if lesson.status == LessonStatus.CONFIRMED:
        return form_page(
            request,
            form=forms.ReasonForm(request.POST or None),
            write=lambda data: services.lesson_decide(
                actor=actor(request), lesson=lesson, confirm=False, note=data["reason"]
            ),
            success=lambda done: _lessons_url(network) + f"#les-{done.pk}",
            message=_("The lesson was withdrawn from the toolbox."),
            template="learning_network/lesson_decide.html",
            context={"network": network, "lesson": lesson, "withdraw": True},
        )
    return form_page(
        request,
        form=forms.LessonDecisionForm(request.POST or None, initial=_lesson_initial(lesson)),
        write=lambda data: services.lesson_decide(
            actor=actor(request),
            lesson=lesson,
            confirm=data["decision"] == "bevestigen",
            note=data["note"],
            **_lesson_fields(data),
        ),
        success=lambda done: _lessons_url(network) + f"#les-{done.pk}",
        message=_("Your decision was saved."),
        template="learning_network/lesson_decide.html",
        context={"network": network, "lesson": lesson, "withdraw": False},
    )
