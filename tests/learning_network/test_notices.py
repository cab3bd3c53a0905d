"""Notices beyond posts: a decision on a lesson reaches its proposer; a new meeting reaches the
network, a cancelled one those who signed up; all of them listed, live and in the digest."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from learning_network import services
from learning_network.models import Meeting, NoticeKind, Notification
from tests.learning_network.helpers import Net, fresh

pytestmark = pytest.mark.django_db


def _plan(net: Net, **data: Any) -> Meeting:
    starts = timezone.now() + datetime.timedelta(days=7)
    return services.meeting_create(
        actor=fresh(net.moderator),
        network=fresh(net.network),
        data={
            "title": "Leerbijeenkomst rouw en werk",
            "location": "Utrecht",
            "starts_at": starts,
            "ends_at": starts + datetime.timedelta(hours=2),
            **data,
        },
        agenda="Welkom",
    )


def _cancel(net: Net, meeting: Meeting) -> None:
    services.meeting_update(
        actor=fresh(net.moderator),
        meeting=meeting,
        data={
            "title": meeting.title,
            "location": meeting.location,
            "starts_at": meeting.starts_at,
            "ends_at": meeting.ends_at,
            "is_cancelled": True,
        },
        agenda="Welkom",
    )


def _kinds(user: Any) -> list[tuple[str, Any, Any]]:
    return list(
        Notification.objects.filter(user=user)
        .order_by("pk")
        .values_list("kind", "lesson_id", "meeting_id")
    )


def test_a_new_meeting_is_a_notice_for_everyone_in_the_network_but_its_organiser(
    net: Net,
) -> None:
    meeting = _plan(net)

    assert _kinds(net.member) == [(NoticeKind.MEETING_PLANNED, None, meeting.pk)]
    assert _kinds(net.moderator) == []
    assert _kinds(net.member_b) == []  # not in the network
    notice = Notification.objects.get(user=net.member)
    assert notice.get_absolute_url() == reverse(
        "learning_network:meeting", args=[net.network.slug, meeting.pk]
    )
    assert notice.title == "Leerbijeenkomst rouw en werk"


def test_a_cancelled_meeting_is_a_notice_for_those_who_signed_up_only(net: Net) -> None:
    meeting = _plan(net)
    services.meeting_sign_up(actor=fresh(net.member), meeting=meeting, attend=True)
    Notification.objects.all().delete()

    _cancel(net, meeting)

    assert _kinds(net.member) == [(NoticeKind.MEETING_CANCELLED, None, meeting.pk)]
    assert Notification.objects.count() == 1
    # saving the cancelled meeting again tells nobody twice
    _cancel(net, meeting)
    assert Notification.objects.count() == 1


@pytest.mark.parametrize("confirm", [True, False])
def test_the_proposer_hears_of_the_decision_on_their_lesson(net: Net, confirm: bool) -> None:
    lesson = services.lesson_propose(
        actor=fresh(net.member),
        network=fresh(net.network),
        kind="succesfactor",
        text="Begin het gesprek met wat iemand nog wel kan en wil.",
    )

    services.lesson_decide(
        actor=fresh(net.moderator),
        lesson=lesson,
        confirm=confirm,
        note="" if confirm else "Dit staat al in een andere les.",
    )

    assert _kinds(net.member) == [(NoticeKind.LESSON_DECIDED, lesson.pk, None)]
    notice = Notification.objects.get(user=net.member)
    assert notice.get_absolute_url().endswith(f"#les-{lesson.pk}")


def test_a_moderator_deciding_their_own_lesson_gets_no_notice(net: Net) -> None:
    lesson = services.lesson_propose(
        actor=fresh(net.moderator),
        network=fresh(net.network),
        kind="knelpunt",
        text="Werkgevers weten niet wat een proefplaatsing kost.",
    )
    Notification.objects.all().delete()

    services.lesson_decide(actor=fresh(net.moderator), lesson=lesson, confirm=True)

    assert Notification.objects.count() == 0


def test_notices_about_lessons_and_meetings_are_listed_and_mailed_in_the_digest(
    net: Net, mailoutbox: list[Any]
) -> None:
    meeting = _plan(net)
    lesson = services.lesson_propose(
        actor=fresh(net.member),
        network=fresh(net.network),
        kind="verbeterpunt",
        text="Spreek vooraf af wie de werknemer belt als het misgaat.",
    )
    services.lesson_decide(actor=fresh(net.moderator), lesson=lesson, confirm=True)
    client = Client()
    client.force_login(net.member)

    page = client.get(reverse("learning_network:notifications")).content.decode()
    assert reverse("learning_network:meeting", args=[net.network.slug, meeting.pk]) in page
    assert f"#les-{lesson.pk}" in page

    Notification.objects.update(read_at=None)
    call_command("send_network_digests")
    [mail] = [m for m in mailoutbox if m.to == [net.member.email]]
    assert "Leerbijeenkomst rouw en werk" in mail.body
    assert f"#les-{lesson.pk}" in mail.body


def test_a_notice_has_exactly_one_subject(net: Net) -> None:
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        Notification.objects.create(user=net.member, kind=NoticeKind.MEETING_PLANNED)
