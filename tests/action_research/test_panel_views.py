"""The panel's pages over HTTP: the advice form with and without JavaScript (autosave JSON),
opening, requesting, summarising and answering rounds, with bad input (a clear error, nothing
changed), and what each viewer sees of a round (names, anonymity, another consortium)."""

from __future__ import annotations

import json
from datetime import timedelta
from io import StringIO
from typing import Any

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from accounts.roles import Role
from action_research.models import Advice, AdvicePoint, AdviceStatus, ReviewRound, RoundStatus
from action_research.services import panel_advice, panel_rounds
from tests.conftest import World
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def _pdf(name: str = "plan.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, b"%PDF-1.4 plan", content_type="application/pdf")


def _client(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _round(world: World, *, invitees: list[User] | None = None, **data: Any) -> ReviewRound:
    return panel_rounds.round_create(
        actor=world.staff,
        data={
            "title": "Plan van aanpak Samen Verder Noord",
            "subject_kind": "plan",
            "deadline": timezone.localdate() + timedelta(days=14),
            **data,
        },
        questions=["Is het plan duidelijk?", "Wat mist er?"],
        invitees=invitees or [world.panel],
        consortium=world.consortium_a,
        document=_pdf(),
    )


def _advice_url(review_round: ReviewRound, name: str = "panel_advice") -> str:
    return reverse(f"action_research:{name}", args=[review_round.pk])


def _post_data(**overrides: str) -> dict[str, str]:
    return {
        "works": "Een vaste coach.",
        "worries": "- Het tempo.\n- De planning.",
        "missing": "",
        "answer_1": "Ja.",
        "answer_2": "",
        "recommendation": "steun",
        "conditions": "",
        "comments": "",
        "version": "0",
        **overrides,
    }


def _state() -> list[tuple[Any, ...]]:
    return sorted(
        Advice.objects.values_list(
            "pk", "status", "version", "works", "worries", "answers", "recommendation"
        )
    )


def _summarised(world: World) -> ReviewRound:
    review_round = _round(world)
    panel_advice.advice_save(
        actor=world.panel,
        review_round=review_round,
        data={"worries": "- Het tempo.\n- De planning.", "recommendation": "steun"},
        answers=["Ja.", ""],
        version=None,
        submit=True,
    )
    panel_rounds.round_close(actor=world.staff, review_round=review_round)
    panel_rounds.round_summarise(
        actor=world.staff, review_round=review_round, summary="Het panel steunt het plan."
    )
    review_round.refresh_from_db()
    return review_round


# --- autosave -----------------------------------------------------------------------------------


def test_autosave_stores_a_draft_and_answers_the_new_version(world: World) -> None:
    review_round = _round(world)
    client = _client(world.panel)

    first = client.post(_advice_url(review_round, "panel_advice_autosave"), _post_data())
    assert first.status_code == 200
    assert first.json()["version"] == 1
    second = client.post(
        _advice_url(review_round, "panel_advice_autosave"),
        _post_data(works="Een vaste coach en rust.", version="1"),
    )
    assert second.json()["version"] == 2
    advice = Advice.objects.get()
    assert advice.status == AdviceStatus.DRAFT  # autosave never sends
    assert advice.works == "Een vaste coach en rust."
    assert advice.answers == ["Ja.", ""]


def test_autosave_from_an_older_copy_is_refused_with_409_and_changes_nothing(
    world: World,
) -> None:
    review_round = _round(world)
    client = _client(world.panel)
    client.post(_advice_url(review_round, "panel_advice_autosave"), _post_data())
    client.post(_advice_url(review_round, "panel_advice_autosave"), _post_data(version="1"))
    before = _state()

    stale = client.post(
        _advice_url(review_round, "panel_advice_autosave"),
        _post_data(works="Oude tekst uit een ander venster.", version="1"),
    )

    assert stale.status_code == 409
    assert "error" in stale.json()
    assert _state() == before


@pytest.mark.parametrize(
    ("field", "value", "error_field"),
    [
        ("worries", "Bel me op 06-12345678.", "worries"),
        ("comments", "Mail naar sanne@example.nl", "comments"),
        ("answer_2", "Mijn BSN is 123456782.", "answer_2"),
        ("works", "x" * 4001, "works"),
        ("recommendation", "misschien", "recommendation"),
        ("version", "-3", "version"),
    ],
)
def test_autosave_with_bad_input_answers_400_naming_the_field_and_changes_nothing(
    world: World, field: str, value: str, error_field: str
) -> None:
    review_round = _round(world)
    client = _client(world.panel)
    client.post(_advice_url(review_round, "panel_advice_autosave"), _post_data())
    before = _state()

    response = client.post(
        _advice_url(review_round, "panel_advice_autosave"),
        {**_post_data(version="1"), field: value},
    )

    assert response.status_code == 400
    assert error_field in response.json()["errors"]
    assert _state() == before


def test_autosave_on_a_closed_round_answers_409(world: World) -> None:
    review_round = _round(world)
    panel_rounds.round_close(actor=world.staff, review_round=review_round)

    response = _client(world.panel).post(
        _advice_url(review_round, "panel_advice_autosave"), _post_data()
    )

    assert response.status_code == 409
    assert Advice.objects.count() == 0


def test_a_panel_member_who_is_not_invited_gets_404_for_the_round_and_its_advice(
    world: World,
) -> None:
    review_round = _round(world)
    other = UserFactory(roles=[Role.PANEL])
    client = _client(other)

    assert (
        client.get(reverse("action_research:panel_round", args=[review_round.pk])).status_code
        == 404
    )
    assert client.get(_advice_url(review_round)).status_code == 404
    response = client.post(_advice_url(review_round, "panel_advice_autosave"), _post_data())
    assert response.status_code == 404
    assert Advice.objects.count() == 0


# --- the advice form without JavaScript ---------------------------------------------------------


def test_without_javascript_save_keeps_a_draft_and_send_sends_it(world: World) -> None:
    review_round = _round(world)
    client = _client(world.panel)

    saved = client.post(_advice_url(review_round), {**_post_data(), "save": ""})
    assert saved.status_code == 302
    assert Advice.objects.get().status == AdviceStatus.DRAFT
    sent = client.post(_advice_url(review_round), {**_post_data(version="1"), "send": ""})
    assert sent.status_code == 302
    advice = Advice.objects.get()
    assert advice.status == AdviceStatus.SUBMITTED
    assert [p.text for p in advice.points.all()] == ["Het tempo.", "De planning.", "Ja."]


def test_sending_without_a_recommendation_shows_the_error_and_sends_nothing(
    world: World,
) -> None:
    review_round = _round(world)
    client = _client(world.panel)

    response = client.post(_advice_url(review_round), {**_post_data(recommendation=""), "send": ""})

    assert response.status_code == 400
    assert "recommendation" in response.context["form"].errors
    assert Advice.objects.count() == 0


def test_a_panel_member_withdraws_sent_advice_before_the_round_closes(world: World) -> None:
    review_round = _round(world)
    client = _client(world.panel)
    client.post(_advice_url(review_round), {**_post_data(), "send": ""})

    response = client.post(_advice_url(review_round, "panel_advice_withdraw"))

    assert response.status_code == 302
    advice = Advice.objects.get()
    assert advice.status == AdviceStatus.WITHDRAWN
    assert not advice.points.exists()


# --- programme staff ----------------------------------------------------------------------------


def _round_form(world: World, **overrides: Any) -> dict[str, Any]:
    return {
        "title": "Subsidieaanvraag Het Goede Gesprek",
        "subject_kind": "plan",
        "consortium": str(world.consortium_a.pk),
        "introduction": "Lees de aanvraag en zeg wat je ervan vindt.",
        "question_1": "Voelt het gesprek veilig?",
        "deadline": (timezone.localdate() + timedelta(days=21)).isoformat(),
        "invitees": [str(world.panel.pk)],
        "share_with_consortium": "on",
        **overrides,
    }


def test_staff_open_a_round_and_the_invited_member_gets_an_email(world: World) -> None:
    client = _client(world.staff)
    with_document = {**_round_form(world), "document": _pdf("aanvraag.pdf")}

    response = client.post(reverse("action_research:panel_round_create"), with_document)

    assert response.status_code == 302
    review_round = ReviewRound.objects.get()
    assert review_round.status == RoundStatus.OPEN
    assert review_round.document_name == "aanvraag.pdf"
    assert [i.user for i in review_round.invitations.all()] == [world.panel]


@pytest.mark.parametrize(
    "overrides",
    [
        {"title": ""},
        {"question_1": ""},
        {"deadline": "2020-01-01"},
        {"deadline": "morgen"},
        {"invitees": []},
        {"invitees": ["999999"]},
        {"consortium": ""},  # a plan needs a consortium
        {"introduction": "Bel 06-12345678 voor vragen."},
        {"document": SimpleUploadedFile("plan.exe", b"MZ\x90\x00", content_type="text/plain")},
        {"document": SimpleUploadedFile("plan.pdf", b"not a pdf", content_type="application/pdf")},
    ],
)
def test_opening_a_round_with_bad_input_shows_errors_and_saves_nothing(
    world: World, overrides: dict[str, Any]
) -> None:
    response = _client(world.staff).post(
        reverse("action_research:panel_round_create"), _round_form(world, **overrides)
    )

    assert response.status_code == 400
    assert response.context["form"].errors
    assert ReviewRound.objects.count() == 0
    assert mail.outbox == []


def test_staff_close_and_summarise_and_an_empty_summary_is_refused(world: World) -> None:
    review_round = _round(world)
    client = _client(world.staff)
    client.post(reverse("action_research:panel_round_close", args=[review_round.pk]))
    url = reverse("action_research:panel_round_summary", args=[review_round.pk])

    empty = client.post(url, {"summary": "  "})
    assert empty.status_code == 400
    review_round.refresh_from_db()
    assert review_round.summary_at is None

    done = client.post(url, {"summary": "Het panel steunt het plan."})
    assert done.status_code == 302
    review_round.refresh_from_db()
    assert review_round.summary == "Het panel steunt het plan."


def test_closing_a_closed_round_again_says_it_cannot_be_done(world: World) -> None:
    review_round = _round(world)
    client = _client(world.staff)
    url = reverse("action_research:panel_round_close", args=[review_round.pk])
    client.post(url)

    again = client.post(url, follow=True)

    assert again.redirect_chain[0][1] == 303
    assert list(again.context["messages"])


# --- consortia ----------------------------------------------------------------------------------


def test_a_coordinator_asks_for_a_round_and_a_practitioner_may_not(world: World) -> None:
    url = reverse("action_research:panel_request", args=[world.consortium_a.slug])
    data = {"title": "Projectplan 2027", "question_1": "Is het plan duidelijk?"}

    assert _client(world.member_a).get(url).status_code == 403
    missing_document = _client(world.coordinator_a).post(url, data)
    assert missing_document.status_code == 400
    assert ReviewRound.objects.count() == 0
    response = _client(world.coordinator_a).post(url, {**data, "document": _pdf()})
    assert response.status_code == 302
    assert ReviewRound.objects.get().status == RoundStatus.REQUESTED


def test_a_member_of_another_consortium_gets_404_for_the_request_page(world: World) -> None:
    url = reverse("action_research:panel_request", args=[world.consortium_a.slug])
    assert _client(world.member_b).get(url).status_code == 404


def test_the_consortium_answers_every_point_and_the_round_is_handled(
    world: World, django_capture_on_commit_callbacks: Any
) -> None:
    review_round = _summarised(world)
    points = list(AdvicePoint.objects.order_by("position"))
    url = reverse("action_research:panel_answer", args=[review_round.pk])
    client = _client(world.coordinator_a)
    assert client.get(url).status_code == 200
    mail.outbox.clear()

    missing_reason = {f"response_{p.pk}": "overgenomen" for p in points}
    refused = client.post(url, missing_reason)
    assert refused.status_code == 400
    assert not AdvicePoint.objects.exclude(response="open").exists()

    answers = {
        **missing_reason,
        **{f"reason_{p.pk}": "We plannen meer tijd per werknemer." for p in points},
    }
    with_personal_data = {**answers, f"reason_{points[0].pk}": "Bel Marieke op 06-12345678."}
    assert client.post(url, with_personal_data).status_code == 400
    assert not AdvicePoint.objects.exclude(response="open").exists()

    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(url, answers).status_code == 302
    review_round.refresh_from_db()
    assert review_round.status == RoundStatus.HANDLED
    assert [m.to for m in mail.outbox] == [[world.panel.email]]


def test_points_of_another_round_cannot_be_answered_through_this_one(world: World) -> None:
    review_round = _summarised(world)
    other = _summarised(world)
    foreign = AdvicePoint.objects.filter(advice__invitation__round=other).first()
    assert foreign is not None
    url = reverse("action_research:panel_answer", args=[review_round.pk])

    _client(world.coordinator_a).post(
        url, {f"response_{foreign.pk}": "overgenomen", f"reason_{foreign.pk}": "Gedaan."}
    )

    foreign.refresh_from_db()
    assert foreign.response == "open"


# --- what each viewer sees ----------------------------------------------------------------------


def test_the_committee_sees_display_names_or_panellid_never_real_names(world: World) -> None:
    world.panel.display_name = "Sanne"
    world.panel.full_name = "Sanne Visser"
    world.panel.save()
    shy = UserFactory(roles=[Role.PANEL], display_name="Henk", full_name="Henk Postma")
    review_round = _round(world, invitees=[world.panel, shy])
    for user, anonymous in ((world.panel, False), (shy, True)):
        panel_advice.advice_save(
            actor=user,
            review_round=review_round,
            data={"works": "Goed plan.", "recommendation": "steun", "anonymous": anonymous},
            answers=[],
            version=None,
            submit=True,
        )
    panel_rounds.round_close(actor=world.staff, review_round=review_round)
    url = reverse("action_research:panel_round", args=[review_round.pk])

    committee = _client(world.committee).get(url, HTTP_ACCEPT_LANGUAGE="nl").content.decode()
    staff = _client(world.staff).get(url).content.decode()

    assert "Sanne" in committee
    assert "Henk" not in committee
    assert "panellid 2" in committee
    for real in ("Sanne Visser", "Henk Postma", world.panel.email, shy.email):
        assert real not in committee
    assert "Henk Postma" in staff


def test_a_consortium_does_not_see_the_advice_when_the_round_keeps_it_from_them(
    world: World,
) -> None:
    review_round = _round(world, share_with_consortium=False)
    panel_advice.advice_save(
        actor=world.panel,
        review_round=review_round,
        data={"works": "Een geheim advies.", "recommendation": "steun"},
        answers=[],
        version=None,
        submit=True,
    )
    panel_rounds.round_close(actor=world.staff, review_round=review_round)
    panel_rounds.round_summarise(
        actor=world.staff, review_round=review_round, summary="Samenvatting voor iedereen."
    )
    page = _client(world.coordinator_a).get(
        reverse("action_research:panel_round", args=[review_round.pk])
    )

    assert "Samenvatting voor iedereen." in page.content.decode()
    assert "Een geheim advies." not in page.content.decode()


def test_the_document_is_a_private_download_for_those_who_see_the_round(world: World) -> None:
    review_round = _round(world)
    url = reverse("action_research:panel_document", args=[review_round.pk])

    response = _client(world.panel).get(url)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert response["Cache-Control"] == "private, no-store"
    assert _client(world.member_b).get(url).status_code == 404


def test_the_start_page_lists_the_advice_to_give_as_a_task(world: World) -> None:
    review_round = _round(world)

    page = _client(world.panel).get(reverse("accounts:dashboard")).content.decode()

    assert reverse("action_research:panel_advice", args=[review_round.pk]) in page


def test_the_autosave_response_is_json_with_a_readable_time(world: World) -> None:
    review_round = _round(world)
    response = _client(world.panel).post(
        _advice_url(review_round, "panel_advice_autosave"), _post_data()
    )
    body = json.loads(response.content)
    assert set(body) == {"version", "status", "saved_at", "message"}


def test_the_daily_command_runs_the_reminder_task_and_reminds_once(
    world: World, mailoutbox: list[Any], django_capture_on_commit_callbacks: Any
) -> None:
    from django.core.management import call_command

    review_round = _round(world, deadline=timezone.localdate() + timedelta(days=2))
    mailoutbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_panel_reminders", stdout=StringIO())
        call_command("send_panel_reminders", stdout=StringIO())

    assert [m.to for m in mailoutbox] == [[world.panel.email]]
    assert review_round.title in mailoutbox[0].body
    assert reverse("action_research:panel_advice", args=[review_round.pk]) in mailoutbox[0].body


# --- the panel's discussion of a round ----------------------------------------------------------


def test_a_round_comes_with_a_discussion_for_its_invited_members_only(world: World) -> None:
    from learning_network.models import NetworkKind
    from learning_network.selectors.gatherings import network_activity

    review_round = _round(world)
    network = review_round.discussion
    assert network is not None
    assert network.kind == NetworkKind.PANEL_ROUND
    assert list(network.members.values_list("user_id", flat=True)) == [world.panel.pk]
    network_url = reverse("learning_network:network", args=[network.slug])
    round_url = reverse("action_research:panel_round", args=[review_round.pk])

    assert network_url in _client(world.panel).get(round_url).content.decode()
    assert _client(world.panel).get(network_url).status_code == 200
    assert network_url not in _client(world.committee).get(round_url).content.decode()
    assert _client(world.committee).get(network_url).status_code == 404
    assert _client(world.coordinator_a).get(network_url).status_code == 404
    # the panel's discussions are not counted as learning-network activity
    assert network.name not in [row["network"] for row in network_activity()]


def test_members_invited_later_join_the_discussion(world: World) -> None:
    review_round = _round(world)
    later = UserFactory(roles=[Role.PANEL])

    panel_rounds.round_update(
        actor=world.staff, review_round=review_round, data={}, invitees=[later]
    )

    assert review_round.discussion is not None
    members = set(review_round.discussion.members.values_list("user_id", flat=True))
    assert members == {world.panel.pk, later.pk}


def test_staff_cannot_create_a_panel_round_discussion_by_hand(world: World) -> None:
    from learning_network.forms import NetworkCreateForm

    kinds = [value for value, _label in NetworkCreateForm().fields["kind"].choices]  # type: ignore[attr-defined]

    assert "panelronde" not in kinds


# --- the advice as CSV --------------------------------------------------------------------------


def test_the_advice_export_names_nobody_by_their_real_name_not_even_for_staff(
    world: World,
) -> None:
    world.panel.display_name = "Sanne"
    world.panel.full_name = "Sanne Visser"
    world.panel.save()
    shy = UserFactory(roles=[Role.PANEL], display_name="Henk", full_name="Henk Postma")
    review_round = _round(world, invitees=[world.panel, shy])
    for user, anonymous, worry in (
        (world.panel, False, '=HYPERLINK("http://example.invalid")'),
        (shy, True, "Het tempo is hoog."),
    ):
        panel_advice.advice_save(
            actor=user,
            review_round=review_round,
            data={"worries": worry, "recommendation": "steun", "anonymous": anonymous},
            answers=[],
            version=None,
            submit=True,
        )
    url = reverse("action_research:panel_advice_export", args=[review_round.pk])
    assert _client(world.staff).get(url).status_code == 403  # not while the round is open
    panel_rounds.round_close(actor=world.staff, review_round=review_round)

    for viewer in (world.staff, world.committee):
        response = _client(viewer).get(url, HTTP_ACCEPT_LANGUAGE="nl")
        assert response.status_code == 200
        text = response.content.decode("utf-8-sig")
        assert "Sanne" in text
        assert "panellid 2" in text
        for real in ("Sanne Visser", "Henk Postma", "Henk", world.panel.email, shy.email):
            assert real not in text
        assert "'=HYPERLINK" in text  # a formula is written as text
    # the consortium reads it only once the summary is there
    assert _client(world.coordinator_a).get(url).status_code == 403
    assert _client(world.member_b).get(url).status_code == 404


def test_the_workspace_shows_what_the_project_did_with_the_panels_advice(world: World) -> None:
    review_round = _summarised(world)
    points = list(AdvicePoint.objects.order_by("position"))
    panel_advice.points_answer(
        actor=world.coordinator_a,
        review_round=review_round,
        answers={points[0].pk: ("overgenomen", "Meer tijd per werknemer.")},
    )
    url = reverse("action_research:expert_overview", args=[world.consortium_a.slug])

    page = _client(world.coordinator_a).get(url)

    assert page.status_code == 200
    [line] = page.context["panel_rounds"]
    assert (line.advice, line.adopted, line.partly, line.not_adopted, line.unanswered) == (
        1,
        1,
        0,
        0,
        len(points) - 1,
    )
    assert reverse("action_research:panel_round", args=[review_round.pk]) in page.content.decode()
