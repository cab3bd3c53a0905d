"""Meetings and lessons: who may plan, sign up, propose and decide; bad input stores nothing;
confirmed lessons reach the public approach pages (and leave them when withdrawn)."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from accounts.selectors import dashboard_for
from learning_network import selectors, services
from learning_network.models import (
    Lesson,
    LessonStatus,
    Meeting,
    MeetingAttendee,
    ModerationAction,
    ModerationKind,
    Post,
)
from tests.conftest import World
from tests.learning_network.helpers import Net, fresh, reply

pytestmark = pytest.mark.django_db


def _when(days: float, hours: float = 2) -> dict[str, datetime.datetime]:
    starts = timezone.now() + datetime.timedelta(days=days)
    return {"starts_at": starts, "ends_at": starts + datetime.timedelta(hours=hours)}


def _plan(net: Net, actor: Any = None, *, days: float = 7, **data: Any) -> Meeting:
    fields = {"title": "Leerbijeenkomst", "location": "Utrecht", **_when(days), **data}
    threads = fields.pop("threads", ())
    agenda = fields.pop("agenda", "Welkom\n\nCasus\n\nAfsluiting")
    return services.meeting_create(
        actor=fresh(actor or net.moderator),
        network=fresh(net.network),
        data=fields,
        agenda=agenda,
        threads=threads,
    )


def _propose(net: Net, actor: Any = None, **kwargs: Any) -> Lesson:
    fields = {
        "kind": "succesfactor",
        "text": "Begin het gesprek met wat iemand nog wel kan en wil.",
        **kwargs,
    }
    return services.lesson_propose(
        actor=fresh(actor or net.member), network=fresh(net.network), **fields
    )


@pytest.fixture
def approach(world: World, toolbox: Any) -> Any:
    from toolbox.models import ApproachPage

    return ApproachPage.objects.live().get(slug="kansrijkheidsgesprek-week-26")


# --- meetings: planning ---------------------------------------------------------------------------


def test_moderator_plans_a_meeting_with_a_sanitised_agenda_and_linked_threads(net: Net) -> None:
    meeting = _plan(
        net,
        agenda='Welkom<script>alert(1)</script>\n\n<a href="javascript:alert(1)">Casus</a>',
        threads=[net.thread],
    )

    assert "<script" not in meeting.agenda
    assert "javascript:" not in meeting.agenda
    assert list(meeting.threads.all()) == [net.thread]
    assert meeting.created_by == net.moderator


@pytest.mark.parametrize("who", ["member", "outsider", "member_b"])
def test_only_moderators_and_staff_plan_meetings(net: Net, who: str) -> None:
    with pytest.raises(services.Refused):
        _plan(net, getattr(net, who))
    assert not Meeting.objects.exists()
    assert _plan(net, net.staff).pk


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"ends_at": timezone.now() + datetime.timedelta(days=6)}, "ends_at"),
        ({**_when(7, hours=13)}, "ends_at"),
        ({"location": "", "online_url": ""}, "location"),
        ({"online_url": "javascript:alert(1)"}, "online_url"),
        ({"online_url": "ftp://files.example.nl/x"}, "online_url"),
        ({"capacity": 0}, "capacity"),
        ({"title": ""}, "title"),
        ({"agenda": "Bel 123456782 voor de agenda"}, "agenda"),
        ({"agenda": "   "}, "agenda"),
    ],
)
def test_bad_meeting_input_is_refused_per_field_and_stores_nothing(
    net: Net, data: dict[str, Any], field: str
) -> None:
    with pytest.raises(ValidationError) as error:
        _plan(net, **data)

    assert field in error.value.message_dict
    assert not Meeting.objects.exists()


def test_a_thread_of_another_network_cannot_be_linked(net: Net, world: World) -> None:
    other = services.network_create(actor=world.staff, data={"name": "Ander", "kind": "thema"})
    foreign = services.thread_create(
        actor=world.staff, network=other, category=other.categories.get(), title="X", body="Y"
    )

    with pytest.raises(ValidationError) as error:
        _plan(net, threads=[foreign])

    assert "threads" in error.value.message_dict
    assert not Meeting.objects.exists()


def test_places_cannot_drop_below_the_people_already_signed_up(net: Net) -> None:
    meeting = _plan(net, capacity=5)
    services.meeting_sign_up(actor=fresh(net.member), meeting=meeting, attend=True)
    services.meeting_sign_up(actor=fresh(net.moderator), meeting=meeting, attend=True)

    with pytest.raises(ValidationError) as error:
        services.meeting_update(
            actor=fresh(net.moderator),
            meeting=meeting,
            data={"capacity": 1},
            agenda="Welkom",
        )

    assert "capacity" in error.value.message_dict
    assert Meeting.objects.get().capacity == 5


def test_cancelling_keeps_the_meeting_visible_and_closes_sign_up(net: Net) -> None:
    meeting = _plan(net)
    services.meeting_update(
        actor=fresh(net.moderator), meeting=meeting, data={"is_cancelled": True}, agenda="Welkom"
    )

    with pytest.raises(services.Refused) as refusal:
        services.meeting_sign_up(actor=fresh(net.member), meeting=fresh(meeting), attend=True)

    assert refusal.value.code == "meeting_closed"
    overview = selectors.meeting_overview(viewer=net.member, network=net.network)
    assert [m.is_cancelled for m in overview.upcoming] == [True]


# --- meetings: sign-up ----------------------------------------------------------------------------


def test_signing_up_twice_counts_once_and_cancelling_removes_it(net: Net) -> None:
    meeting = _plan(net)
    for _ in range(2):
        assert services.meeting_sign_up(actor=fresh(net.member), meeting=meeting, attend=True)
    assert MeetingAttendee.objects.filter(meeting=meeting).count() == 1

    assert not services.meeting_sign_up(actor=fresh(net.member), meeting=meeting, attend=False)
    assert not MeetingAttendee.objects.exists()


def test_a_full_meeting_refuses_the_next_sign_up(net: Net) -> None:
    meeting = _plan(net, capacity=1)
    services.meeting_sign_up(actor=fresh(net.moderator), meeting=meeting, attend=True)

    with pytest.raises(services.Refused) as refusal:
        services.meeting_sign_up(actor=fresh(net.member), meeting=meeting, attend=True)

    assert refusal.value.code == "meeting_full"
    assert MeetingAttendee.objects.count() == 1


def test_a_past_meeting_takes_no_sign_ups(net: Net) -> None:
    meeting = _plan(net, days=-3)

    with pytest.raises(services.Refused):
        services.meeting_sign_up(actor=fresh(net.member), meeting=meeting, attend=True)
    assert not MeetingAttendee.objects.exists()


@pytest.mark.parametrize("who", ["outsider", "member_b"])
def test_people_outside_the_network_cannot_sign_up(net: Net, who: str) -> None:
    meeting = _plan(net)

    with pytest.raises(services.Refused) as refusal:
        services.meeting_sign_up(actor=fresh(getattr(net, who)), meeting=meeting, attend=True)

    assert refusal.value.code == "not_member"
    assert not MeetingAttendee.objects.exists()


# --- meetings: minutes ----------------------------------------------------------------------------


def test_minutes_wait_until_the_meeting_has_started(net: Net) -> None:
    meeting = _plan(net)

    with pytest.raises(services.Refused):
        services.meeting_minutes_save(actor=fresh(net.moderator), meeting=meeting, minutes="X")
    assert Meeting.objects.get().minutes == ""


def test_minutes_are_sanitised_checked_and_can_be_removed(net: Net) -> None:
    meeting = _plan(net, days=-1)

    with pytest.raises(ValidationError):
        services.meeting_minutes_save(
            actor=fresh(net.moderator), meeting=meeting, minutes="BSN 123456782 besproken"
        )
    saved = services.meeting_minutes_save(
        actor=fresh(net.moderator),
        meeting=meeting,
        minutes='<p onclick="x()">Afspraken</p><img src=x onerror=alert(1)>',
    )
    assert saved.minutes == "<p>Afspraken</p>"
    assert saved.minutes_at is not None

    cleared = services.meeting_minutes_save(actor=fresh(net.moderator), meeting=meeting, minutes="")
    assert (cleared.minutes, cleared.minutes_at) == ("", None)


def test_members_cannot_write_minutes(net: Net) -> None:
    meeting = _plan(net, days=-1)

    with pytest.raises(services.Refused):
        services.meeting_minutes_save(actor=fresh(net.member), meeting=meeting, minutes="X")


# --- lessons: proposing ---------------------------------------------------------------------------


def test_a_lesson_from_a_post_keeps_its_post_and_thread(net: Net) -> None:
    post = reply(net.member, net.thread, "Wat hielp: eerst vragen wat iemand nog kan.")

    lesson = _propose(net, post=post)

    assert (lesson.post, lesson.thread, lesson.status) == (post, net.thread, "voorgesteld")
    assert lesson.proposed_by == net.member


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("Mail de coach via coach@example.nl voor een afspraak.", "coach@example.nl"),
        ("Bel de arbeidsdeskundige op 06-12345678 voor overleg.", "06-12345678"),
        ("Het ging om de werknemer met BSN 123456782 in de casus.", "123456782"),
    ],
)
def test_a_lesson_with_contact_details_or_a_bsn_is_refused(net: Net, text: str, found: str) -> None:
    with pytest.raises(ValidationError) as error:
        _propose(net, text=text)

    assert found in " ".join(error.value.message_dict["text"])  # says what it found
    assert not Lesson.objects.exists()


@pytest.mark.parametrize(
    ("fields", "key"),
    [
        ({"text": "Te kort."}, "text"),
        ({"text": "x" * 1501}, "text"),
        ({"kind": "anders"}, "kind"),
    ],
)
def test_bad_lesson_input_is_refused_and_stores_nothing(
    net: Net, fields: dict[str, Any], key: str
) -> None:
    with pytest.raises(ValidationError) as error:
        _propose(net, **fields)

    assert key in error.value.message_dict
    assert not Lesson.objects.exists()


def test_a_lesson_cannot_come_from_a_hidden_post_or_another_network(net: Net, world: World) -> None:
    post = reply(net.member, net.thread)
    services.post_hide(actor=fresh(net.moderator), post=post, reason="Te herkenbaar.")
    other = services.network_create(actor=world.staff, data={"name": "Ander", "kind": "thema"})
    foreign = services.thread_create(
        actor=world.staff, network=other, category=other.categories.get(), title="X", body="Y"
    )

    with pytest.raises(ValidationError):
        _propose(net, post=fresh(post))
    with pytest.raises(ValidationError):
        _propose(net, thread=foreign)
    with pytest.raises(ValidationError):
        _propose(net, post=foreign.posts.get())
    assert not Lesson.objects.exists()


def test_muted_members_outsiders_and_archived_networks_propose_nothing(net: Net) -> None:
    with pytest.raises(services.Refused):
        _propose(net, net.outsider)
    with pytest.raises(services.Refused):
        _propose(net, net.member_b)
    services.member_mute(
        actor=fresh(net.moderator), network=net.network, user=net.member, days=1, reason="Toon."
    )
    with pytest.raises(services.Refused) as refusal:
        _propose(net)
    assert refusal.value.code == "muted"
    services.network_update(
        actor=fresh(net.staff), network=fresh(net.network), data={"is_archived": True}
    )
    with pytest.raises(services.Refused):
        _propose(net, net.moderator)
    assert not Lesson.objects.exists()


def test_only_the_proposer_changes_a_lesson_and_only_until_it_is_decided(net: Net) -> None:
    lesson = _propose(net)
    with pytest.raises(services.Refused):
        services.lesson_update(
            actor=fresh(net.moderator), lesson=lesson, kind="knelpunt", text=lesson.text
        )

    changed = services.lesson_update(
        actor=fresh(net.member),
        lesson=lesson,
        kind="knelpunt",
        text="Werknemers weten vaak niet welke rechten blijven.",
    )
    assert changed.kind == "knelpunt"

    services.lesson_decide(actor=fresh(net.moderator), lesson=lesson, confirm=True)
    with pytest.raises(services.Refused):
        services.lesson_update(
            actor=fresh(net.member), lesson=lesson, kind="succesfactor", text=changed.text
        )
    assert Lesson.objects.get().kind == "knelpunt"


# --- lessons: deciding and the toolbox --------------------------------------------------------


def _approach_html(approach: Any) -> str:
    return Client().get(approach.url).content.decode()


def test_a_confirmed_lesson_appears_on_its_approach_page_without_the_proposer(
    net: Net, approach: Any, django_capture_on_commit_callbacks: Any
) -> None:
    net.member.full_name = "Anna de Vries"
    net.member.save()
    assert "Lessen uit de leernetwerken" not in _approach_html(approach)  # cached before
    lesson = _propose(net, approaches=[approach])
    assert "nog wel kan en wil" not in _approach_html(approach)  # proposed is not public

    with django_capture_on_commit_callbacks(execute=True):
        services.lesson_decide(
            actor=fresh(net.moderator),
            lesson=lesson,
            confirm=True,
            text="Begin het eerste gesprek met wat iemand nog wel kan en wil.",
        )

    page = _approach_html(approach)
    assert "Begin het eerste gesprek met wat iemand nog wel kan en wil." in page
    assert net.network.name in page
    assert net.member.public_name not in page
    assert "Anna de Vries" not in page
    action = ModerationAction.objects.get(kind=ModerationKind.CONFIRM_LESSON)
    assert (action.actor, action.subject) == (net.moderator, net.member)


def test_a_withdrawn_lesson_leaves_the_approach_page_at_once(
    net: Net, approach: Any, django_capture_on_commit_callbacks: Any
) -> None:
    lesson = _propose(net, approaches=[approach])
    with django_capture_on_commit_callbacks(execute=True):
        services.lesson_decide(actor=fresh(net.moderator), lesson=lesson, confirm=True)
    assert "nog wel kan en wil" in _approach_html(approach)

    with pytest.raises(ValidationError):  # a reason is required
        services.lesson_decide(actor=fresh(net.moderator), lesson=lesson, confirm=False)
    with django_capture_on_commit_callbacks(execute=True):
        services.lesson_decide(
            actor=fresh(net.moderator), lesson=lesson, confirm=False, note="Nog niet onderbouwd."
        )

    assert "nog wel kan en wil" not in _approach_html(approach)
    assert Lesson.objects.get().status == LessonStatus.REJECTED
    assert ModerationAction.objects.filter(kind=ModerationKind.REJECT_LESSON).count() == 1


def test_lesson_text_is_escaped_on_the_public_page(net: Net, approach: Any) -> None:
    lesson = _propose(
        net, text="Gebruik <script>alert(1)</script> nooit zomaar in een gesprek.", approaches=[]
    )
    services.lesson_decide(
        actor=fresh(net.moderator), lesson=lesson, confirm=True, approaches=[approach]
    )

    page = _approach_html(approach)
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_not_confirming_needs_a_reason_and_a_decision_is_final(net: Net) -> None:
    lesson = _propose(net)
    with pytest.raises(ValidationError) as error:
        services.lesson_decide(actor=fresh(net.moderator), lesson=lesson, confirm=False)
    assert "note" in error.value.message_dict
    assert Lesson.objects.get().status == LessonStatus.PROPOSED

    services.lesson_decide(
        actor=fresh(net.moderator), lesson=lesson, confirm=False, note="Is geen les maar een vraag."
    )
    for confirm in (True, False):
        with pytest.raises(services.Refused):
            services.lesson_decide(
                actor=fresh(net.moderator), lesson=lesson, confirm=confirm, note="Toch wel."
            )
    assert Lesson.objects.get().decision_note == "Is geen les maar een vraag."


@pytest.mark.parametrize("who", ["member", "member_b", "outsider"])
def test_only_moderators_decide_on_lessons(net: Net, who: str) -> None:
    lesson = _propose(net)

    with pytest.raises(services.Refused):
        services.lesson_decide(actor=fresh(getattr(net, who)), lesson=lesson, confirm=True)
    assert Lesson.objects.get().status == LessonStatus.PROPOSED


def test_only_published_approaches_can_be_linked(net: Net, approach: Any) -> None:
    approach.unpublish()

    with pytest.raises(ValidationError) as error:
        _propose(net, approaches=[approach])

    assert "approaches" in error.value.message_dict
    assert not Lesson.objects.exists()


def test_confirmed_lessons_are_counted_per_kind_in_their_period(net: Net) -> None:
    for kind in ("succesfactor", "succesfactor", "knelpunt", "verbeterpunt"):
        lesson = _propose(net, kind=kind)
        services.lesson_decide(actor=fresh(net.moderator), lesson=lesson, confirm=True)
    _propose(net, kind="randvoorwaarde")  # proposed: not counted
    Lesson.objects.filter(kind="verbeterpunt").update(
        decided_at=timezone.now() - datetime.timedelta(days=400)
    )
    this_year = timezone.localdate().replace(month=1, day=1)

    assert selectors.confirmed_lesson_counts() == {
        "verbeterpunt": 1,
        "succesfactor": 2,
        "randvoorwaarde": 0,
        "knelpunt": 1,
    }
    assert selectors.confirmed_lesson_counts(start=this_year)["verbeterpunt"] == 0


def test_network_activity_counts_threads_posts_writers_meetings_and_lessons(net: Net) -> None:
    from tests.learning_network.helpers import reply

    reply(net.member, net.thread)
    reply(net.member, net.thread, "Nog een punt.")
    hidden = reply(net.moderator, net.thread, "Wordt verborgen.")
    services.post_hide(actor=fresh(net.moderator), post=hidden, reason="Toon.")
    lesson = _propose(net)
    services.lesson_decide(actor=fresh(net.moderator), lesson=lesson, confirm=True)
    Post.objects.filter(pk=net.first_post.pk).update(
        created_at=timezone.now() - datetime.timedelta(days=400)
    )
    this_year = timezone.localdate().replace(month=1, day=1)

    (everything,) = selectors.network_activity()
    (recent,) = selectors.network_activity(start=this_year)

    # The opening post, two replies and a hidden one (it was written); two people wrote.
    assert everything == {
        "network": net.network.name,
        "threads": 1,
        "posts": 4,
        "writers": 2,
        "meetings": 0,
        "lessons": 1,
    }
    assert recent["posts"] == 3


def test_moderators_see_waiting_lessons_on_their_start_page(net: Net) -> None:
    _propose(net)

    moderator_tasks = [task.text for task in dashboard_for(viewer=fresh(net.moderator)).tasks]
    member_tasks = [task.text for task in dashboard_for(viewer=fresh(net.member)).tasks]

    assert any(net.network.name in text and "1" in text for text in moderator_tasks)
    assert not any("lesson" in text.lower() or "les " in text.lower() for text in member_tasks)


# --- HTTP -----------------------------------------------------------------------------------------


def _client(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _url(net: Net, name: str, *args: Any) -> str:
    return reverse(f"learning_network:{name}", args=[net.network.slug, *args])


def test_planning_form_with_bad_input_answers_400_and_stores_nothing(net: Net) -> None:
    response = _client(net.moderator).post(
        _url(net, "meeting_create"),
        {
            "title": "Intervisie",
            "starts_at": "2030-03-01T14:00",
            "ends_at": "2030-03-01T13:00",
            "location": "",
            "online_url": "",
            "agenda": "Casus",
        },
    )

    assert response.status_code == 400
    assert not Meeting.objects.exists()
    form = response.context["form"]
    assert "ends_at" in form.errors
    assert "location" in form.errors


def test_planning_form_plans_the_meeting(net: Net) -> None:
    response = _client(net.moderator).post(
        _url(net, "meeting_create"),
        {
            "title": "Intervisie",
            "starts_at": "2030-03-01T14:00",
            "ends_at": "2030-03-01T16:00",
            "online_url": "https://meet.example.nl/intervisie",
            "agenda": "Casus",
            "threads": [net.thread.pk],
        },
    )

    meeting = Meeting.objects.get()
    assert response.status_code == 302
    assert response["Location"].endswith(f"/{meeting.pk}/")
    assert list(meeting.threads.all()) == [net.thread]
    assert timezone.localtime(meeting.starts_at).hour == 14


def test_member_signs_up_on_the_meeting_page_and_sees_it(net: Net) -> None:
    meeting = _plan(net, online_url="https://meet.example.nl/x")
    client = _client(net.member)

    response = client.post(_url(net, "meeting_sign_up", meeting.pk), {"attend": "1"})
    page = client.get(_url(net, "meeting", meeting.pk)).content.decode()

    assert response.status_code == 302
    assert MeetingAttendee.objects.filter(meeting=meeting, user=net.member).exists()
    assert net.member.public_name in page
    assert "https://meet.example.nl/x" in page


def test_a_refused_sign_up_explains_and_changes_nothing(net: Net) -> None:
    meeting = _plan(net, capacity=1)
    services.meeting_sign_up(actor=fresh(net.moderator), meeting=meeting, attend=True)
    client = _client(net.member)

    response = client.post(_url(net, "meeting_sign_up", meeting.pk), {"attend": "1"}, follow=True)

    assert MeetingAttendee.objects.count() == 1
    assert [str(m) for m in response.context["messages"]] == ["Deze bijeenkomst is vol."]


def test_calendar_file_carries_the_meeting_in_utc(net: Net) -> None:
    meeting = _plan(net, title="Intervisie; casus, vervolg")

    response = _client(net.member).get(_url(net, "meeting_calendar", meeting.pk))
    text = response.content.decode()

    assert response["Content-Type"].startswith("text/calendar")
    assert "SUMMARY:Intervisie\\; casus\\, vervolg" in text
    assert f"DTSTART:{meeting.starts_at.astimezone(datetime.UTC):%Y%m%dT%H%M%SZ}" in text
    assert text.endswith("END:VCALENDAR\r\n")


def test_propose_page_from_a_post_of_another_network_is_404(net: Net, world: World) -> None:
    other = services.network_create(actor=world.staff, data={"name": "Ander", "kind": "thema"})
    foreign = services.thread_create(
        actor=world.staff, network=other, category=other.categories.get(), title="X", body="Y"
    )

    response = _client(net.member).get(
        _url(net, "lesson_propose") + f"?bericht={foreign.posts.get().pk}"
    )

    assert response.status_code == 404


def test_propose_form_with_an_email_address_answers_400_and_stores_nothing(net: Net) -> None:
    response = _client(net.member).post(
        _url(net, "lesson_propose"),
        {
            "kind": "succesfactor",
            "text": "Vraag het aan jan@example.nl, die weet het.",
            "bericht": net.first_post.pk,
        },
    )

    assert response.status_code == 400
    assert "text" in response.context["form"].errors
    assert not Lesson.objects.exists()


def test_propose_form_keeps_the_source_post(net: Net) -> None:
    response = _client(net.member).post(
        _url(net, "lesson_propose"),
        {
            "kind": "verbeterpunt",
            "text": "Zet de rechten van de werknemer op papier.",
            "bericht": net.first_post.pk,
        },
    )

    lesson = Lesson.objects.get()
    assert response.status_code == 302
    assert (lesson.post, lesson.thread) == (net.first_post, net.thread)


def test_decide_page_confirms_with_the_moderators_wording(net: Net) -> None:
    lesson = _propose(net)

    response = _client(net.moderator).post(
        _url(net, "lesson_decide", lesson.pk),
        {
            "decision": "bevestigen",
            "kind": "randvoorwaarde",
            "text": "Leg de rechten van de werknemer uit in gewone taal.",
            "note": "",
        },
    )

    lesson.refresh_from_db()
    assert response.status_code == 302
    assert (lesson.status, lesson.kind) == ("bevestigd", "randvoorwaarde")
    assert lesson.decided_by == net.moderator


def test_lesson_list_filters_by_status_and_kind(net: Net) -> None:
    waiting = _propose(net, kind="knelpunt", text="Werkgevers kennen de no-riskpolis nauwelijks.")
    confirmed = _propose(net)
    services.lesson_decide(actor=fresh(net.moderator), lesson=confirmed, confirm=True)
    client = _client(net.member)

    only_confirmed = client.get(_url(net, "lessons") + "?status=bevestigd")
    only_bottlenecks = client.get(_url(net, "lessons") + "?soort=knelpunt&status=")
    nonsense = client.get(_url(net, "lessons") + "?status=<script>&soort=x")

    assert [lesson.pk for lesson in only_confirmed.context["page"]] == [confirmed.pk]
    assert [lesson.pk for lesson in only_bottlenecks.context["page"]] == [waiting.pk]
    assert nonsense.status_code == 200
    assert len(nonsense.context["page"]) == 2


def test_the_start_page_lists_meetings_of_the_coming_month_in_my_networks(
    net: Net, world: World
) -> None:
    soon = _plan(net, title="Intervisie over vastgelopen gesprekken", days=5)
    _plan(net, title="Terugblik vorige maand", days=-20)
    _plan(net, title="Jaarcongres volgend jaar", days=90)
    services.meeting_sign_up(actor=fresh(net.member), meeting=soon, attend=True)
    other = services.network_create(actor=world.staff, data={"name": "Zuid", "kind": "regio"})
    services.meeting_create(
        actor=fresh(world.staff),
        network=other,
        data={"title": "Regio Zuid overleg", "location": "Eindhoven", **_when(3)},
        agenda="Overleg",
    )

    page = _client(net.member).get(reverse("accounts:dashboard")).content.decode()

    assert "Intervisie over vastgelopen gesprekken" in page
    assert "je bent aangemeld" in page
    for absent in ("Terugblik vorige maand", "Jaarcongres volgend jaar", "Regio Zuid overleg"):
        assert absent not in page
