"""Meetings (bijeenkomsten): moderators plan them and write the minutes; members sign up."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from learning_network import permissions
from learning_network.models import LearningNetwork, Meeting, MeetingAttendee, Thread
from learning_network.services.common import Refused, clean_body, refuse_unless_member
from learning_network.services.notifications import (
    notify_meeting_cancelled,
    notify_meeting_planned,
)

MEETING_FIELDS = ("title", "starts_at", "ends_at", "location", "online_url", "capacity")
MAX_MEETING_HOURS = 12


def _refuse_unless_organiser(actor: Any, network: LearningNetwork) -> None:
    if not permissions.can_organise_meetings(actor, network):
        raise Refused("not_moderator", _("Only the moderators of this network plan meetings."))


def _apply(meeting: Meeting, data: dict[str, Any], agenda: str, threads: Iterable[Thread]) -> None:
    """Set the fields, check them all and store the meeting with its linked threads."""
    for key in MEETING_FIELDS:
        if key in data:
            setattr(meeting, key, data[key])
    meeting.title = " ".join((meeting.title or "").split())
    meeting.location = " ".join((meeting.location or "").split())
    errors: dict[str, list[str]] = {}
    try:
        meeting.agenda, _text = clean_body(agenda, field="agenda")
    except ValidationError as error:
        errors.update(error.message_dict)
    if not meeting.location and not meeting.online_url:
        errors.setdefault("location", []).append(_("Give the place, the online link, or both."))
    if meeting.online_url and not meeting.online_url.lower().startswith(("https://", "http://")):
        errors.setdefault("online_url", []).append(_("Give a web address (https://…)."))
    if meeting.starts_at and meeting.ends_at:
        if meeting.ends_at <= meeting.starts_at:
            errors.setdefault("ends_at", []).append(_("The meeting must end after it starts."))
        elif (meeting.ends_at - meeting.starts_at).total_seconds() > MAX_MEETING_HOURS * 3600:
            errors.setdefault("ends_at", []).append(
                _("A meeting lasts at most %(hours)s hours.") % {"hours": MAX_MEETING_HOURS}
            )
    if meeting.capacity is not None and meeting.capacity < 1:
        errors.setdefault("capacity", []).append(_("Give at least one place, or leave it empty."))
    threads = list(threads)
    if any(thread.network_id != meeting.network_id for thread in threads):
        errors.setdefault("threads", []).append(_("Only threads of this network can be linked."))
    try:
        meeting.full_clean(exclude=["agenda", "network"], validate_constraints=False)
    except ValidationError as error:
        for field, messages in error.message_dict.items():
            errors.setdefault(field, []).extend(messages)
    if errors:
        raise ValidationError(errors)
    meeting.updated_at = timezone.now()
    meeting.save()
    meeting.threads.set(threads)


@transaction.atomic
def meeting_create(
    *,
    actor: User,
    network: LearningNetwork,
    data: dict[str, Any],
    agenda: str,
    threads: Iterable[Thread] = (),
) -> Meeting:
    """Plan a meeting. Raises Refused (not a moderator) or ValidationError; nothing is stored."""
    _refuse_unless_organiser(actor, network)
    meeting = Meeting(network=network, created_by=actor)
    _apply(meeting, data, agenda, threads)
    notify_meeting_planned(meeting=meeting, actor=actor)
    return meeting


@transaction.atomic
def meeting_update(
    *,
    actor: User,
    meeting: Meeting,
    data: dict[str, Any],
    agenda: str,
    threads: Iterable[Thread] = (),
) -> Meeting:
    """Change a meeting's details, or cancel it (`is_cancelled` in data)."""
    meeting = Meeting.objects.select_for_update().select_related("network").get(pk=meeting.pk)
    _refuse_unless_organiser(actor, meeting.network)
    was_cancelled = meeting.is_cancelled
    if "is_cancelled" in data:
        meeting.is_cancelled = bool(data["is_cancelled"])
    _apply(meeting, data, agenda, threads)
    if meeting.capacity is not None and meeting.attendees.count() > meeting.capacity:
        raise ValidationError(
            {
                "capacity": _(
                    "%(count)s people have already signed up; give at least that many places."
                )
                % {"count": meeting.attendees.count()}
            }
        )
    if meeting.is_cancelled and not was_cancelled:
        notify_meeting_cancelled(meeting=meeting, actor=actor)
    return meeting


@transaction.atomic
def meeting_minutes_save(*, actor: User, meeting: Meeting, minutes: str) -> Meeting:
    """Write or correct the minutes, once the meeting has started. Empty text removes them."""
    meeting = Meeting.objects.select_for_update().select_related("network").get(pk=meeting.pk)
    _refuse_unless_organiser(actor, meeting.network)
    if meeting.starts_at > timezone.now():
        raise Refused("not_started", _("Minutes can be written once the meeting has started."))
    if (minutes or "").strip():
        meeting.minutes, _text = clean_body(minutes, field="minutes")
        meeting.minutes_at = timezone.now()
    else:
        meeting.minutes, meeting.minutes_at = "", None
    meeting.save(update_fields=["minutes", "minutes_at"])
    return meeting


@transaction.atomic
def meeting_sign_up(*, actor: User, meeting: Meeting, attend: bool) -> bool:
    """Sign up for a meeting (attend=True) or cancel the sign-up; returns whether the member is
    now signed up. Refused when the meeting is past, cancelled or full; signing up twice changes
    nothing. The meeting row is locked so places are never handed out twice."""
    meeting = Meeting.objects.select_for_update().select_related("network").get(pk=meeting.pk)
    refuse_unless_member(actor, meeting.network)
    if not permissions.can_sign_up(actor, meeting):
        raise Refused(
            "meeting_closed",
            _("You can no longer sign up for this meeting or cancel: it is over or cancelled."),
        )
    existing = MeetingAttendee.objects.filter(meeting=meeting, user=actor)
    if not attend:
        existing.delete()
        return False
    if existing.exists():
        return True
    if meeting.capacity is not None and meeting.attendees.count() >= meeting.capacity:
        raise Refused("meeting_full", _("This meeting is full."))
    try:
        with transaction.atomic():
            MeetingAttendee.objects.create(meeting=meeting, user=actor)
    except IntegrityError:  # the same member, at the same moment, in another request
        pass
    return True
