"""Reads of meetings and lessons: for the network's members, the toolbox and the evaluation.

Meetings and lessons of a network the viewer takes no part in answer 404. Confirmed lessons are
public (on approach pages) without who proposed or confirmed them.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Exists, OuterRef, Prefetch, QuerySet
from django.http import Http404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import ngettext

from accounts.selectors import Task
from learning_network import permissions
from learning_network.models import (
    LearningNetwork,
    Lesson,
    LessonKind,
    LessonStatus,
    Meeting,
    MeetingAttendee,
    Thread,
)

PUBLIC_LESSONS_PER_APPROACH = 20


@dataclass
class MeetingOverview:
    upcoming: list[Meeting]
    past: list[Meeting]


def _meetings(network: LearningNetwork, viewer: Any) -> QuerySet[Meeting]:
    return (
        Meeting.objects.filter(network=network)
        .annotate(
            attendee_count=Count("attendees", distinct=True),
            lesson_count=Count("lessons", distinct=True),
            signed_up=Exists(
                MeetingAttendee.objects.filter(meeting=OuterRef("pk"), user_id=viewer.pk)
            ),
        )
        .select_related("network")
    )


def meeting_overview(*, viewer: Any, network: LearningNetwork) -> MeetingOverview:
    """Meetings still to come (soonest first) and past ones (latest first)."""
    now = timezone.now()
    meetings = _meetings(network, viewer)
    return MeetingOverview(
        upcoming=list(meetings.filter(ends_at__gt=now).order_by("starts_at", "pk")),
        past=list(meetings.filter(ends_at__lte=now).order_by("-starts_at", "-pk")),
    )


def meeting_get_for(*, viewer: Any, network: LearningNetwork, pk: int) -> Meeting:
    """One meeting of the network with its linked threads and attendees; 404 otherwise."""
    meeting = (
        _meetings(network, viewer)
        .filter(pk=pk)
        .prefetch_related(
            Prefetch("threads", queryset=Thread.objects.order_by("-last_post_at")),
            Prefetch(
                "attendees",
                queryset=MeetingAttendee.objects.select_related("user").order_by(
                    "user__display_name"
                ),
            ),
        )
        .first()
    )
    if meeting is None or not permissions.can_view_network(viewer, network):
        raise Http404
    return meeting


def upcoming_meetings_for(*, viewer: Any, days: int = 30) -> list[Meeting]:
    """Meetings in the viewer's networks in the coming `days`, soonest first (start page)."""
    from learning_network.selectors.networks import network_list_for

    now = timezone.now()
    return list(
        Meeting.objects.filter(
            network__in=network_list_for(viewer=viewer).filter(is_archived=False),
            is_cancelled=False,
            ends_at__gt=now,
            starts_at__lt=now + datetime.timedelta(days=days),
        )
        .annotate(
            signed_up=Exists(
                MeetingAttendee.objects.filter(meeting=OuterRef("pk"), user_id=viewer.pk)
            )
        )
        .select_related("network")
        .order_by("starts_at")[:5]
    )


def _lessons() -> QuerySet[Lesson]:
    return Lesson.objects.select_related(
        "network", "thread", "post__thread", "meeting", "proposed_by"
    ).prefetch_related("themes", "approaches")


def lesson_list_for(
    *, viewer: Any, network: LearningNetwork, status: str = "", kind: str = ""
) -> QuerySet[Lesson]:
    """The network's lessons, newest first, optionally of one status and kind."""
    if not permissions.can_view_network(viewer, network):
        raise Http404
    lessons = _lessons().filter(network=network)
    if status in LessonStatus.values:
        lessons = lessons.filter(status=status)
    if kind in LessonKind.values:
        lessons = lessons.filter(kind=kind)
    return lessons


def lesson_get_for(*, viewer: Any, network: LearningNetwork, pk: int) -> Lesson:
    lesson = _lessons().filter(network=network, pk=pk).first()
    if lesson is None or not permissions.can_view_network(viewer, network):
        raise Http404
    return lesson


def lessons_of_meeting(*, meeting: Meeting) -> QuerySet[Lesson]:
    return _lessons().filter(meeting=meeting).exclude(status=LessonStatus.REJECTED)


def approach_lessons(*, approach: Any) -> list[Lesson]:
    """Confirmed lessons linked to a toolbox approach, newest first: public, so without who
    proposed or confirmed them."""
    return list(
        Lesson.objects.filter(approaches=approach, status=LessonStatus.CONFIRMED)
        .select_related("network")
        .order_by("-decided_at", "-pk")[:PUBLIC_LESSONS_PER_APPROACH]
    )


def confirmed_lesson_counts(
    *, start: datetime.date | None = None, end: datetime.date | None = None
) -> dict[str, int]:
    """Confirmed lessons per kind (every kind present, zero where none), confirmed on or after
    `start` and before `end`: the one definition the evaluation counts with."""
    lessons = Lesson.objects.filter(status=LessonStatus.CONFIRMED)
    if start is not None:
        lessons = lessons.filter(decided_at__date__gte=start)
    if end is not None:
        lessons = lessons.filter(decided_at__date__lt=end)
    counts = dict(lessons.values_list("kind").annotate(n=Count("pk")).values_list("kind", "n"))
    return {kind: counts.get(kind, 0) for kind in LessonKind.values}


def confirmed_lessons(
    *, start: datetime.date | None = None, end: datetime.date | None = None
) -> QuerySet[Lesson]:
    """Confirmed lessons (with their network), confirmed on or after `start` and before `end`,
    by kind and then in the order they were confirmed: what an annual report lists."""
    lessons = Lesson.objects.filter(status=LessonStatus.CONFIRMED).select_related("network")
    if start is not None:
        lessons = lessons.filter(decided_at__date__gte=start)
    if end is not None:
        lessons = lessons.filter(decided_at__date__lt=end)
    return lessons.order_by("kind", "decided_at", "pk")


def lesson_tasks_for(viewer: Any) -> list[Task]:
    """Start-page tasks for moderators: proposed lessons waiting for a decision."""
    from learning_network.selectors.networks import network_list_for

    moderated = [
        network
        for network in network_list_for(viewer=viewer).filter(is_archived=False)
        if permissions.can_moderate(viewer, network)
    ]
    waiting = dict(
        Lesson.objects.filter(network__in=moderated, status=LessonStatus.PROPOSED)
        .values_list("network")
        .annotate(n=Count("pk"))
        .values_list("network", "n")
    )
    return [
        Task(
            ngettext(
                "%(count)s proposed lesson waits for confirmation in %(network)s.",
                "%(count)s proposed lessons wait for confirmation in %(network)s.",
                waiting[network.pk],
            )
            % {"count": waiting[network.pk], "network": network.name},
            reverse("learning_network:lessons", args=[network.slug]) + "?status=voorgesteld",
        )
        for network in moderated
        if waiting.get(network.pk)
    ]


def network_activity(
    *, start: datetime.date | None = None, end: datetime.date | None = None
) -> list[dict[str, Any]]:
    """Per network (archived ones too): threads started, posts written, distinct people who
    wrote, meetings held and lessons confirmed, on or after `start` and before `end`; the one
    definition the evaluation counts activity with. Hidden posts count: they were written."""
    from learning_network.models import LearningNetwork, Meeting, NetworkKind, Post, Thread

    def window(queryset: Any, field: str) -> Any:
        if start is not None:
            queryset = queryset.filter(**{f"{field}__date__gte": start})
        if end is not None:
            queryset = queryset.filter(**{f"{field}__date__lt": end})
        return queryset

    def per_network(queryset: Any, network_field: str, **aggregate: Any) -> dict[int, Any]:
        rows = queryset.values(network_field).annotate(**aggregate)
        return {row[network_field]: row for row in rows}

    threads = per_network(window(Thread.objects.all(), "created_at"), "network_id", n=Count("pk"))
    posts = per_network(
        window(Post.objects.all(), "created_at"),
        "thread__network_id",
        n=Count("pk"),
        people=Count("author_id", distinct=True),
    )
    meetings = per_network(
        window(Meeting.objects.filter(is_cancelled=False), "starts_at"),
        "network_id",
        n=Count("pk"),
    )
    lessons = per_network(
        window(Lesson.objects.filter(status=LessonStatus.CONFIRMED), "decided_at"),
        "network_id",
        n=Count("pk"),
    )
    return [
        {
            "network": network.name,
            "threads": threads.get(network.pk, {}).get("n", 0),
            "posts": posts.get(network.pk, {}).get("n", 0),
            "writers": posts.get(network.pk, {}).get("people", 0),
            "meetings": meetings.get(network.pk, {}).get("n", 0),
            "lessons": lessons.get(network.pk, {}).get("n", 0),
        }
        # The panel's discussions of review rounds are not learning networks' activity.
        for network in LearningNetwork.objects.exclude(kind=NetworkKind.PANEL_ROUND).order_by(
            "name"
        )
    ]
