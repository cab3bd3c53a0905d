"""The experience-expert panel's review rounds: opening and requesting rounds, advice (drafts,
sending, withdrawing), the consortium's answer to every point, reminders, what every viewer
sees of a round, and under which name panel members appear to whom."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import Http404
from django.utils import timezone, translation
from django.utils.formats import date_format

from accounts.models import User
from accounts.roles import Role
from action_research import permissions
from action_research.models import (
    Advice,
    AdvicePoint,
    AdviceStatus,
    InputResponse,
    PointKind,
    Recommendation,
    ReviewRound,
    RoundInvitation,
    RoundStatus,
    SubjectKind,
)
from action_research.models.panel import MAX_ADVICE_TEXT
from action_research.selectors.panel import (
    advice_get_for,
    panel_label,
    round_get_for,
    round_list_for,
    round_view_for,
)
from action_research.services.common import StaleEditError
from action_research.services.panel_advice import (
    REMINDER_DAYS,
    advice_save,
    advice_withdraw,
    points_answer,
    reminders_send,
)
from action_research.services.panel_rounds import (
    RoundStateError,
    round_close,
    round_create,
    round_decline,
    round_open,
    round_request,
    round_summarise,
    round_update,
)
from tests.conftest import World
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

QUESTIONS = [
    "Is het plan begrijpelijk voor werknemers die ziek thuis zitten?",
    "Wat mist er in de begeleiding naar ander werk?",
]
SUMMARY = "Het panel steunt het plan en vraagt om meer aandacht voor de eerste weken."
BSN = "123456782"  # passes the 11-proef
_A = object()  # "consortium A" in make_round, so that None can mean "no consortium"


# --- helpers ------------------------------------------------------------------------------------


def in_days(days: int) -> date:
    return timezone.localdate() + timedelta(days=days)


def pdf(name: str = "plan.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, b"%PDF-1.4 het plan", content_type="application/pdf")


def make_round(
    world: World,
    *,
    invitees: list[User] | None = None,
    questions: list[str] | None = None,
    consortium: Any = _A,
    actor: User | None = None,
    **data: Any,
) -> ReviewRound:
    """An open round on consortium A's plan, asked by programme staff, with world.panel invited
    (unless said otherwise)."""
    fields = {
        "title": "Plan Samen Verder Noord",
        "subject_kind": SubjectKind.PLAN,
        "introduction": "Het plan voor de komende twee jaar.",
        "deadline": in_days(10),
        **data,
    }
    return round_create(
        actor=actor or world.staff,
        data=fields,
        questions=QUESTIONS if questions is None else questions,
        invitees=[world.panel] if invitees is None else invitees,
        consortium=world.consortium_a if consortium is _A else consortium,
    )


def version_of(user: User, review_round: ReviewRound) -> int | None:
    """The version of the user's advice in the round, None when there is none yet."""
    advice = Advice.objects.filter(invitation__round=review_round, invitation__user=user).first()
    return advice.version if advice else None


def save_advice(
    user: User,
    review_round: ReviewRound,
    *,
    answers: list[str] | None = None,
    submit: bool = False,
    version: Any = _A,
    **data: Any,
) -> Advice:
    """Save the user's advice (from their latest version, unless a version is given)."""
    return advice_save(
        actor=user,
        review_round=review_round,
        data=data,
        answers=answers or [],
        version=version_of(user, review_round) if version is _A else version,
        submit=submit,
    ).advice


def send_advice(user: User, review_round: ReviewRound, **kw: Any) -> Advice:
    """Sent advice with one worry and a recommendation, unless said otherwise."""
    data = {
        "works": "De taal is duidelijk.",
        "worries": "De eerste weken zijn te druk.",
        "recommendation": Recommendation.SUPPORT,
        **kw,
    }
    return save_advice(user, review_round, submit=True, **data)


def close_and_summarise(world: World, review_round: ReviewRound) -> ReviewRound:
    round_close(actor=world.staff, review_round=review_round)
    return round_summarise(actor=world.staff, review_round=review_round, summary=SUMMARY)


def points_of(user: User, review_round: ReviewRound) -> list[AdvicePoint]:
    return list(
        AdvicePoint.objects.filter(
            advice__invitation__round=review_round, advice__invitation__user=user
        ).order_by("position")
    )


def panel_state() -> dict[str, list[dict[str, Any]]]:
    """Every row of the panel's tables: equal before and after means nothing was written."""
    return {
        model.__name__: list(model.objects.order_by("pk").values())
        for model in (ReviewRound, RoundInvitation, Advice, AdvicePoint)
    }


def error_keys(error: pytest.ExceptionInfo[ValidationError]) -> set[str]:
    return set(error.value.message_dict)


def recipients(mailoutbox: list[Any]) -> list[str]:
    return sorted(address for message in mailoutbox for address in message.to)


def fresh(review_round: ReviewRound) -> ReviewRound:
    return ReviewRound.objects.get(pk=review_round.pk)


@pytest.fixture
def on_commit(django_capture_on_commit_callbacks: Any) -> Callable[..., Any]:
    """Runs the e-mails and live notices that services send after commit."""
    return django_capture_on_commit_callbacks  # type: ignore[no-any-return]


@pytest.fixture
def ans(world: World) -> User:
    """world.panel, with names that cannot be mistaken for anyone else's."""
    world.panel.display_name = "Ervaringsdeskundige Ans"
    world.panel.full_name = "Ans de Boer-Veldhuis"
    world.panel.save()
    return world.panel


@pytest.fixture
def bea(world: World) -> User:
    """A second panel member."""
    return UserFactory(
        roles=[Role.PANEL],
        display_name="Ervaringsdeskundige Bea",
        full_name="Beatrix Kooistra-Mulder",
        email="bea.kooistra@voorbeeld.nl",
    )


def names_of(*users: User) -> list[str]:
    """Everything that could give a panel member away."""
    return [part for user in users for part in (user.display_name, user.full_name, user.email)]


# --- lifecycle ----------------------------------------------------------------------------------


def test_staff_open_a_round_and_each_invitee_gets_a_numbered_invitation_and_an_email(
    world: World, ans: User, bea: User, on_commit: Any, mailoutbox: list[Any]
) -> None:
    deadline = in_days(10)
    with on_commit(execute=True):
        review_round = make_round(world, invitees=[bea, ans], deadline=deadline)

    review_round = fresh(review_round)
    assert review_round.status == RoundStatus.OPEN
    assert review_round.opened_at is not None
    assert review_round.questions == QUESTIONS
    assert review_round.consortium == world.consortium_a
    numbers = dict(review_round.invitations.values_list("user_id", "number"))
    assert sorted(numbers.values()) == [1, 2]
    assert set(numbers) == {ans.pk, bea.pk}
    assert recipients(mailoutbox) == sorted([ans.email, bea.email])
    with translation.override("nl"):
        written_deadline = date_format(deadline, "j F Y")
    for message in mailoutbox:
        assert review_round.title in message.body
        assert written_deadline in message.body


def test_a_draft_needs_no_recommendation_and_gives_no_points(world: World, ans: User) -> None:
    review_round = make_round(world)

    saved = advice_save(
        actor=ans,
        review_round=review_round,
        data={"worries": "Nog niet af."},
        answers=["Half antwoord"],
        version=None,
    )

    assert saved.submitted is False
    advice = Advice.objects.get()
    assert advice.status == AdviceStatus.DRAFT
    assert advice.version == 1
    assert advice.recommendation == ""
    assert advice.answers == ["Half antwoord", ""]
    assert advice.submitted_at is None
    assert AdvicePoint.objects.count() == 0


def test_sending_needs_a_recommendation_conditions_and_something_written(
    world: World, ans: User
) -> None:
    review_round = make_round(world)
    save_advice(ans, review_round, works="De taal is duidelijk.")
    before = panel_state()

    with pytest.raises(ValidationError) as no_recommendation:
        save_advice(ans, review_round, submit=True)
    assert "recommendation" in error_keys(no_recommendation)
    assert panel_state() == before

    with pytest.raises(ValidationError) as no_conditions:
        save_advice(ans, review_round, submit=True, recommendation=Recommendation.CONDITIONAL)
    assert error_keys(no_conditions) == {"conditions"}
    assert panel_state() == before

    with pytest.raises(ValidationError) as nothing_written:
        save_advice(
            ans,
            review_round,
            submit=True,
            works="",
            recommendation=Recommendation.SUPPORT,
        )
    assert error_keys(nothing_written) == {"works"}
    assert panel_state() == before

    saved = advice_save(
        actor=ans,
        review_round=review_round,
        data={"recommendation": Recommendation.SUPPORT},
        answers=[],
        version=1,
        submit=True,
    )
    assert saved.submitted is True
    assert saved.advice.status == AdviceStatus.SUBMITTED
    assert saved.advice.submitted_at is not None
    assert saved.advice.version == 2


def test_sent_advice_is_split_into_points_for_the_consortium(world: World, ans: User) -> None:
    review_round = make_round(world)

    send_advice(
        ans,
        review_round,
        works="De taal is duidelijk.",
        worries="- Te weinig tijd\n- Te veel formulieren",
        comments="Let op de planning in de zomer.",
        answers=["Ja, goed leesbaar.", ""],
    )

    points = points_of(ans, review_round)
    assert [(p.position, p.kind, p.question, p.text) for p in points] == [
        (1, PointKind.WORRY, None, "Te weinig tijd"),
        (2, PointKind.WORRY, None, "Te veel formulieren"),
        (3, PointKind.ANSWER, 1, "Ja, goed leesbaar."),
        (4, PointKind.COMMENT, None, "Let op de planning in de zomer."),
    ]
    assert all(p.response == InputResponse.OPEN and p.reason == "" for p in points)


def test_conditions_become_points_only_for_support_on_conditions(
    world: World, ans: User, bea: User
) -> None:
    review_round = make_round(world, invitees=[ans, bea])

    send_advice(
        ans,
        review_round,
        worries="",
        missing="Een vast aanspreekpunt.",
        recommendation=Recommendation.CONDITIONAL,
        conditions="Eerst een proef in één regio.\n\nDaarna evalueren met het panel.",
    )
    send_advice(
        bea,
        review_round,
        worries="",
        recommendation=Recommendation.SUPPORT,
        conditions="Deze tekst telt niet mee.",
    )

    assert [(p.kind, p.text) for p in points_of(ans, review_round)] == [
        (PointKind.MISSING, "Een vast aanspreekpunt."),
        (PointKind.CONDITION, "Eerst een proef in één regio."),
        (PointKind.CONDITION, "Daarna evalueren met het panel."),
    ]
    assert points_of(bea, review_round) == []


def test_saving_sent_advice_again_keeps_it_sent_and_takes_the_points_afresh(
    world: World, ans: User
) -> None:
    review_round = make_round(world)
    send_advice(ans, review_round, worries="- Een\n- Twee")

    saved = advice_save(
        actor=ans,
        review_round=review_round,
        data={"worries": "Alleen nog deze zorg."},
        answers=[],
        version=version_of(ans, review_round),
    )

    assert saved.submitted is True
    assert [p.text for p in points_of(ans, review_round)] == ["Alleen nog deze zorg."]

    before = panel_state()
    with pytest.raises(ValidationError) as error:  # sent advice must stay complete
        save_advice(ans, review_round, recommendation="")
    assert "recommendation" in error_keys(error)
    assert panel_state() == before


def test_summary_with_open_points_keeps_the_round_closed_and_tells_the_consortium(
    world: World, ans: User, bea: User, on_commit: Any, mailoutbox: list[Any]
) -> None:
    review_round = make_round(world, invitees=[ans, bea])
    send_advice(ans, review_round)
    save_advice(bea, review_round, works="Nog een concept.")  # never sent
    round_close(actor=world.staff, review_round=review_round)
    assert fresh(review_round).status == RoundStatus.CLOSED
    assert fresh(review_round).closed_at is not None
    mailoutbox.clear()

    with on_commit(execute=True):
        round_summarise(actor=world.staff, review_round=review_round, summary=SUMMARY)

    review_round = fresh(review_round)
    assert review_round.status == RoundStatus.CLOSED
    assert review_round.summary == SUMMARY
    assert review_round.summary_by == world.staff
    assert review_round.summary_at is not None
    assert review_round.handled_at is None
    # the consortium's coordinator and researcher, and the panel member who sent advice
    assert recipients(mailoutbox) == sorted(
        [world.coordinator_a.email, world.researcher_a.email, ans.email]
    )


def test_the_consortium_gets_no_panel_member_names_in_the_summary_email(
    world: World, ans: User, bea: User, on_commit: Any, mailoutbox: list[Any]
) -> None:
    review_round = make_round(world, invitees=[ans, bea])
    send_advice(ans, review_round)
    send_advice(bea, review_round, anonymous=True)
    round_close(actor=world.staff, review_round=review_round)
    mailoutbox.clear()

    with on_commit(execute=True):
        round_summarise(actor=world.staff, review_round=review_round, summary=SUMMARY)

    to_coordinator = [m for m in mailoutbox if m.to == [world.coordinator_a.email]]
    assert len(to_coordinator) == 1
    text = to_coordinator[0].subject + to_coordinator[0].body
    assert review_round.title in text
    for name in names_of(ans, bea):
        assert name not in text


def test_answering_every_point_hands_the_round_and_tells_whose_points_were_answered(
    world: World, ans: User, bea: User, on_commit: Any, mailoutbox: list[Any]
) -> None:
    review_round = make_round(world, invitees=[ans, bea])
    send_advice(ans, review_round, worries="- Een\n- Twee")
    send_advice(bea, review_round, worries="Drie")
    close_and_summarise(world, review_round)
    mailoutbox.clear()

    with on_commit(execute=True):
        changed = points_answer(
            actor=world.coordinator_a,
            review_round=fresh(review_round),
            answers={
                p.pk: (InputResponse.ADOPTED, "We passen het plan aan.")
                for p in points_of(ans, review_round)
            },
        )

    assert changed == 2
    assert fresh(review_round).status == RoundStatus.CLOSED  # Bea's point is still open
    assert recipients(mailoutbox) == [ans.email]
    point = points_of(ans, review_round)[0]
    assert (point.response, point.reason) == (InputResponse.ADOPTED, "We passen het plan aan.")
    assert point.responded_by == world.coordinator_a
    assert point.responded_at is not None
    mailoutbox.clear()

    with on_commit(execute=True):
        points_answer(
            actor=world.researcher_a,
            review_round=fresh(review_round),
            answers={
                points_of(bea, review_round)[0].pk: (
                    InputResponse.NOT_ADOPTED,
                    "Daar is geen budget voor.",
                )
            },
        )

    review_round = fresh(review_round)
    assert review_round.status == RoundStatus.HANDLED
    assert review_round.handled_at is not None
    assert recipients(mailoutbox) == [bea.email]


def test_setting_a_point_back_to_open_reopens_a_handled_round(world: World, ans: User) -> None:
    review_round = make_round(world)
    send_advice(ans, review_round)
    close_and_summarise(world, review_round)
    (point,) = points_of(ans, review_round)
    points_answer(
        actor=world.coordinator_a,
        review_round=fresh(review_round),
        answers={point.pk: (InputResponse.PARTLY, "Deels, in fase twee.")},
    )
    assert fresh(review_round).status == RoundStatus.HANDLED

    points_answer(
        actor=world.coordinator_a,
        review_round=fresh(review_round),
        answers={point.pk: (InputResponse.OPEN, "")},
    )

    review_round = fresh(review_round)
    assert review_round.status == RoundStatus.CLOSED
    assert review_round.handled_at is None
    point.refresh_from_db()
    assert (point.response, point.reason, point.responded_by) == (InputResponse.OPEN, "", None)


def test_a_round_without_consortium_is_handled_once_summarised(
    world: World, ans: User, on_commit: Any, mailoutbox: list[Any]
) -> None:
    review_round = make_round(
        world, consortium=None, subject_kind=SubjectKind.DOCUMENT, title="Folder voor werkgevers"
    )
    send_advice(ans, review_round)
    round_close(actor=world.staff, review_round=review_round)
    mailoutbox.clear()

    with on_commit(execute=True):
        close = round_summarise(actor=world.staff, review_round=review_round, summary=SUMMARY)

    assert close.status == RoundStatus.HANDLED
    assert fresh(review_round).handled_at is not None
    assert recipients(mailoutbox) == [ans.email]  # no consortium to tell


def test_summarising_again_corrects_the_text_without_new_emails(
    world: World, ans: User, on_commit: Any, mailoutbox: list[Any]
) -> None:
    review_round = make_round(world)
    send_advice(ans, review_round)
    close_and_summarise(world, review_round)
    first_at = fresh(review_round).summary_at
    mailoutbox.clear()

    with on_commit(execute=True):
        round_summarise(actor=world.staff, review_round=review_round, summary="Verbeterde tekst.")

    review_round = fresh(review_round)
    assert review_round.summary == "Verbeterde tekst."
    assert review_round.summary_at == first_at
    assert mailoutbox == []


# --- refusals: rounds ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "persona", ["coordinator_a", "researcher_a", "member_a", "panel", "committee", "observer"]
)
def test_only_programme_staff_open_close_and_summarise_rounds(
    world: World, persona: str, mailoutbox: list[Any]
) -> None:
    user = getattr(world, persona)
    with pytest.raises(PermissionError):
        make_round(world, actor=user)
    assert ReviewRound.objects.count() == 0

    review_round = make_round(world)
    with pytest.raises(PermissionError):
        round_close(actor=user, review_round=review_round)
    assert fresh(review_round).status == RoundStatus.OPEN

    round_close(actor=world.staff, review_round=review_round)
    before = panel_state()
    with pytest.raises(PermissionError):
        round_summarise(actor=user, review_round=review_round, summary=SUMMARY)
    with pytest.raises(PermissionError):
        round_update(actor=user, review_round=review_round, data={}, invitees=[])
    assert panel_state() == before


BAD_ROUNDS: dict[str, tuple[Callable[[World], dict[str, Any]], str]] = {
    "no questions": (lambda w: {"questions": ["", "  "]}, "questions"),
    "six questions": (lambda w: {"questions": [f"Vraag {i}?" for i in range(6)]}, "questions"),
    "too long a question": (lambda w: {"questions": ["Waarom " * 60]}, "questions"),
    "e-mail in a question": (
        lambda w: {"questions": ["Kunt u mailen naar jan@voorbeeld.nl?"]},
        "questions",
    ),
    "deadline in the past": (lambda w: {"deadline": in_days(-1)}, "deadline"),
    "no deadline": (lambda w: {"deadline": None}, "deadline"),
    "no invitees": (lambda w: {"invitees": []}, "invitees"),
    "non-panel invitee": (lambda w: {"invitees": [w.panel, w.committee]}, "invitees"),
    "plan without consortium": (lambda w: {"consortium": None}, "consortium"),
    "no title": (lambda w: {"title": ""}, "title"),
    "BSN in the introduction": (lambda w: {"introduction": f"Zie {BSN}."}, "introduction"),
}


@pytest.mark.parametrize("case", list(BAD_ROUNDS))
def test_a_round_with_bad_details_is_refused_and_nothing_is_saved(
    world: World, case: str, on_commit: Any, mailoutbox: list[Any]
) -> None:
    make_kwargs, field = BAD_ROUNDS[case]

    with on_commit(execute=True), pytest.raises(ValidationError) as error:
        make_round(world, **make_kwargs(world))

    assert field in error_keys(error)
    assert ReviewRound.objects.count() == 0
    assert RoundInvitation.objects.count() == 0
    assert mailoutbox == []


def test_an_inactive_panel_member_cannot_be_invited(world: World, bea: User) -> None:
    bea.is_active = False
    bea.save()

    with pytest.raises(ValidationError) as error:
        make_round(world, invitees=[bea])

    assert error_keys(error) == {"invitees"}
    assert ReviewRound.objects.count() == 0


def test_a_closed_round_cannot_be_closed_again_nor_an_open_one_summarised(world: World) -> None:
    review_round = make_round(world)
    with pytest.raises(RoundStateError):
        round_summarise(actor=world.staff, review_round=review_round, summary=SUMMARY)
    round_close(actor=world.staff, review_round=review_round)
    before = panel_state()

    with pytest.raises(RoundStateError):
        round_close(actor=world.staff, review_round=review_round)
    with pytest.raises(ValidationError) as empty:
        round_summarise(actor=world.staff, review_round=review_round, summary="   ")
    with pytest.raises(ValidationError) as personal:
        round_summarise(actor=world.staff, review_round=review_round, summary=f"BSN {BSN}")

    assert error_keys(empty) == error_keys(personal) == {"summary"}
    assert panel_state() == before


# --- refusals: advice ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "answers", "field"),
    [
        ({"worries": f"Mijn BSN is {BSN}."}, [], "worries"),
        ({"comments": "Mail mij: ans@voorbeeld.nl"}, [], "comments"),
        ({}, ["Prima", "Bel 06-12345678"], "answer_2"),
    ],
    ids=["bsn-in-worries", "email-in-comments", "phone-in-answer-2"],
)
def test_personal_data_in_advice_is_refused_for_that_field_and_nothing_changes(
    world: World, ans: User, data: dict[str, str], answers: list[str], field: str
) -> None:
    review_round = make_round(world)
    save_advice(ans, review_round, works="Eerste versie.")
    before = panel_state()

    with pytest.raises(ValidationError) as error:
        save_advice(ans, review_round, answers=answers, **data)

    assert error_keys(error) == {field}
    assert panel_state() == before


def test_no_advice_on_a_closed_round(world: World, ans: User) -> None:
    review_round = make_round(world)
    round_close(actor=world.staff, review_round=review_round)

    with pytest.raises(RoundStateError):
        send_advice(ans, review_round)

    assert Advice.objects.count() == 0


@pytest.mark.parametrize("persona", ["uninvited panel member", "committee", "coordinator_a"])
def test_only_invited_panel_members_give_advice(world: World, persona: str) -> None:
    review_round = make_round(world)
    user = (
        UserFactory(roles=[Role.PANEL])
        if persona == "uninvited panel member"
        else getattr(world, persona)
    )

    with pytest.raises(PermissionError):
        send_advice(user, review_round)

    assert Advice.objects.count() == 0


def test_an_invitee_who_left_the_panel_cannot_advise_any_more(world: World, ans: User) -> None:
    review_round = make_round(world)
    ans.groups.clear()
    ans = User.objects.get(pk=ans.pk)  # no cached roles

    with pytest.raises(PermissionError):
        send_advice(ans, review_round)
    assert Advice.objects.count() == 0


def test_a_save_from_an_older_copy_is_refused_and_changes_nothing(world: World, ans: User) -> None:
    review_round = make_round(world)
    save_advice(ans, review_round, version=None, works="Versie een.")
    save_advice(ans, review_round, version=1, works="Versie twee.")
    assert version_of(ans, review_round) == 2
    before = panel_state()

    with pytest.raises(StaleEditError):
        save_advice(ans, review_round, version=1, works="Uit het oude tabblad.")
    with pytest.raises(StaleEditError):
        save_advice(ans, review_round, version=None, works="Opnieuw begonnen.")

    assert panel_state() == before
    assert Advice.objects.get().works == "Versie twee."


def test_more_answers_than_questions_are_refused(world: World, ans: User) -> None:
    review_round = make_round(world)

    with pytest.raises(ValidationError) as error:
        save_advice(ans, review_round, answers=["Een", "Twee", "Drie"], works="Iets.")

    assert error_keys(error) == {"answers"}
    assert Advice.objects.count() == 0


def test_an_unknown_recommendation_is_refused(world: World, ans: User) -> None:
    review_round = make_round(world)

    with pytest.raises(ValidationError) as error:
        send_advice(ans, review_round, recommendation="misschien")

    assert "recommendation" in error_keys(error)
    assert Advice.objects.count() == 0


def test_an_answer_longer_than_the_other_texts_may_be_is_refused(world: World, ans: User) -> None:
    review_round = make_round(world)
    too_long = "woord " * (MAX_ADVICE_TEXT // 5)
    assert len(too_long.strip()) > MAX_ADVICE_TEXT

    with pytest.raises(ValidationError) as error:
        send_advice(ans, review_round, answers=[too_long])
    assert error_keys(error) & {"answer_1", "answers"}
    assert Advice.objects.count() == 0


# --- withdrawing advice -------------------------------------------------------------------------


def test_only_sent_advice_can_be_withdrawn_and_only_while_the_round_is_open(
    world: World, ans: User
) -> None:
    review_round = make_round(world)
    with pytest.raises(RoundStateError):  # nothing yet
        advice_withdraw(actor=ans, review_round=review_round)
    save_advice(ans, review_round, works="Concept.")
    before = panel_state()
    with pytest.raises(RoundStateError):  # a draft
        advice_withdraw(actor=ans, review_round=review_round)
    assert panel_state() == before

    send_advice(ans, review_round)
    round_close(actor=world.staff, review_round=review_round)
    before = panel_state()
    with pytest.raises(RoundStateError):  # the round is closed
        advice_withdraw(actor=ans, review_round=review_round)
    assert panel_state() == before
    assert Advice.objects.get().status == AdviceStatus.SUBMITTED


def test_someone_else_cannot_withdraw_advice(world: World, ans: User, bea: User) -> None:
    review_round = make_round(world)
    send_advice(ans, review_round)

    with pytest.raises(PermissionError):
        advice_withdraw(actor=bea, review_round=review_round)
    assert Advice.objects.get().status == AdviceStatus.SUBMITTED


def test_withdrawn_advice_loses_its_points_and_is_not_shown_after_closing(
    world: World, ans: User, bea: User
) -> None:
    review_round = make_round(world, invitees=[ans, bea])
    send_advice(ans, review_round, worries="- Een\n- Twee")
    send_advice(bea, review_round)
    version = version_of(ans, review_round)

    advice = advice_withdraw(actor=ans, review_round=review_round)

    advice.refresh_from_db()
    assert advice.status == AdviceStatus.WITHDRAWN
    assert advice.withdrawn_at is not None
    assert advice.submitted_at is None
    assert advice.version == version + 1
    assert points_of(ans, review_round) == []
    assert len(points_of(bea, review_round)) == 1

    round_close(actor=world.staff, review_round=review_round)
    view = round_view_for(viewer=world.committee, pk=review_round.pk)
    assert [entry.advice.invitation.user for entry in view.advice] == [bea]
    assert dict(view.recommendations)[str(Recommendation.SUPPORT.label)] == 1
    # the writer still sees their own withdrawn text
    assert round_view_for(viewer=ans, pk=review_round.pk).own.advice.status == (
        AdviceStatus.WITHDRAWN
    )


def test_withdrawn_advice_can_be_sent_again(world: World, ans: User) -> None:
    review_round = make_round(world)
    send_advice(ans, review_round, worries="Een zorg.")
    advice_withdraw(actor=ans, review_round=review_round)

    saved = advice_save(
        actor=ans,
        review_round=review_round,
        data={"worries": "Een andere zorg."},
        answers=[],
        version=version_of(ans, review_round),
        submit=True,
    )

    assert saved.submitted is True
    assert saved.advice.status == AdviceStatus.SUBMITTED
    assert saved.advice.withdrawn_at is None
    assert saved.advice.submitted_at is not None
    assert [p.text for p in points_of(ans, review_round)] == ["Een andere zorg."]


# --- the consortium's answers -------------------------------------------------------------------


def summarised_round(world: World, ans: User, **kw: Any) -> tuple[ReviewRound, AdvicePoint]:
    """A closed, summarised round on A's plan with one sent advice of one point."""
    review_round = make_round(world, **kw)
    send_advice(ans, review_round, worries="Te weinig tijd.")
    close_and_summarise(world, review_round)
    (point,) = points_of(ans, review_round)
    return fresh(review_round), point


@pytest.mark.parametrize(
    ("answer", "why"),
    [
        ((InputResponse.ADOPTED, "   "), "a reason is needed"),
        ((InputResponse.NOT_ADOPTED, ""), "a reason is needed"),
        (("misschien", "Geen idee."), "an unknown response"),
        ((InputResponse.OPEN, "Nog bezig."), "a reason without a decision"),
        ((InputResponse.ADOPTED, f"Overlegd met {BSN}."), "a BSN in the reason"),
        ((InputResponse.ADOPTED, "Mail piet@voorbeeld.nl"), "an e-mail address in the reason"),
    ],
)
def test_a_bad_answer_to_a_point_is_refused_for_that_point_and_nothing_changes(
    world: World, ans: User, answer: tuple[str, str], why: str
) -> None:
    review_round, point = summarised_round(world, ans)
    before = panel_state()

    with pytest.raises(ValidationError) as error:
        points_answer(
            actor=world.coordinator_a, review_round=review_round, answers={point.pk: answer}
        )

    assert error_keys(error) == {f"point_{point.pk}"}, why
    assert panel_state() == before


def test_one_bad_answer_refuses_the_good_ones_too(world: World, ans: User) -> None:
    review_round = make_round(world)
    send_advice(ans, review_round, worries="- Een\n- Twee")
    close_and_summarise(world, review_round)
    first, second = points_of(ans, review_round)
    before = panel_state()

    with pytest.raises(ValidationError) as error:
        points_answer(
            actor=world.coordinator_a,
            review_round=fresh(review_round),
            answers={
                first.pk: (InputResponse.ADOPTED, "Gedaan."),
                second.pk: (InputResponse.ADOPTED, ""),
            },
        )

    assert error_keys(error) == {f"point_{second.pk}"}
    assert panel_state() == before


def test_a_point_of_another_round_is_refused(world: World, ans: User) -> None:
    review_round, point = summarised_round(world, ans)
    _, other_point = summarised_round(world, ans, title="Ander plan")
    before = panel_state()

    with pytest.raises(ValidationError) as error:
        points_answer(
            actor=world.coordinator_a,
            review_round=review_round,
            answers={
                point.pk: (InputResponse.ADOPTED, "Gedaan."),
                other_point.pk: (InputResponse.ADOPTED, "Gedaan."),
            },
        )

    assert error_keys(error) == {"__all__"}
    assert panel_state() == before


@pytest.mark.parametrize(
    "persona", ["member_a", "member_b", "committee", "staff", "panel", "observer"]
)
def test_only_the_consortiums_coordinators_and_researchers_answer_points(
    world: World, ans: User, persona: str
) -> None:
    review_round, point = summarised_round(world, ans)
    before = panel_state()

    with pytest.raises(PermissionError):
        points_answer(
            actor=getattr(world, persona),
            review_round=review_round,
            answers={point.pk: (InputResponse.ADOPTED, "Gedaan.")},
        )

    assert panel_state() == before


def test_the_consortium_cannot_read_or_answer_advice_before_the_summary(
    world: World, ans: User
) -> None:
    review_round = make_round(world)
    send_advice(ans, review_round)
    round_close(actor=world.staff, review_round=review_round)
    review_round = fresh(review_round)
    (point,) = points_of(ans, review_round)
    assert not permissions.can_read_advice(world.coordinator_a, review_round)
    assert not permissions.can_read_summary(world.coordinator_a, review_round)
    assert permissions.can_read_advice(world.committee, review_round)
    before = panel_state()

    with pytest.raises(PermissionError):
        points_answer(
            actor=world.coordinator_a,
            review_round=review_round,
            answers={point.pk: (InputResponse.ADOPTED, "Gedaan.")},
        )

    assert panel_state() == before
    assert round_view_for(viewer=world.coordinator_a, pk=review_round.pk).advice == []


def test_advice_not_shared_with_the_consortium_leaves_it_the_summary_only(
    world: World, ans: User
) -> None:
    review_round, point = summarised_round(world, ans, share_with_consortium=False)

    assert review_round.status == RoundStatus.HANDLED  # nothing for the consortium to answer
    assert not permissions.can_read_advice(world.coordinator_a, review_round)
    assert permissions.can_read_summary(world.coordinator_a, review_round)
    assert permissions.can_read_summary(world.member_a, review_round)
    assert not permissions.can_read_summary(world.member_b, review_round)
    view = round_view_for(viewer=world.coordinator_a, pk=review_round.pk)
    assert view.advice == []
    assert view.can_read_summary
    assert not view.can_respond
    with pytest.raises(PermissionError):
        points_answer(
            actor=world.coordinator_a,
            review_round=review_round,
            answers={point.pk: (InputResponse.ADOPTED, "Gedaan.")},
        )


# --- requests from a consortium -----------------------------------------------------------------


def request_round(world: World, actor: User | None = None, **kw: Any) -> ReviewRound:
    return round_request(
        actor=actor or world.coordinator_a,
        consortium=world.consortium_a,
        data={
            "title": "Subsidieaanvraag tweede spoor",
            "request_note": "Wij willen weten of werknemers zich erin herkennen.",
        },
        questions=["Herkent u zich in de aanpak?"],
        **{"document": pdf(), **kw},
    )


def test_a_coordinator_asks_for_advice_and_only_their_consortium_sees_the_request(
    world: World, ans: User
) -> None:
    review_round = request_round(world)

    review_round = fresh(review_round)
    assert review_round.status == RoundStatus.REQUESTED
    assert review_round.subject_kind == SubjectKind.PLAN
    assert review_round.requested_by == world.coordinator_a
    assert review_round.document_name == "plan.pdf"
    assert review_round.invitations.count() == 0
    for viewer in (world.coordinator_a, world.member_a, world.researcher_a, world.staff):
        assert round_get_for(viewer=viewer, pk=review_round.pk) == review_round
    for viewer in (world.member_b, world.committee, ans, world.observer, world.outsider):
        with pytest.raises(Http404):
            round_get_for(viewer=viewer, pk=review_round.pk)
    listing = round_list_for(viewer=world.member_a)
    assert [line.round for line in listing.requested] == [review_round]
    assert round_list_for(viewer=world.member_b).empty


def test_a_request_needs_the_plan_and_a_coordinator_or_researcher(world: World) -> None:
    with pytest.raises(ValidationError) as error:
        request_round(world, document=None)
    assert error_keys(error) == {"document"}

    with pytest.raises(ValidationError) as wrong_file:
        request_round(world, document=SimpleUploadedFile("plan.pdf", b"geen pdf"))
    assert error_keys(wrong_file) == {"document"}

    for user in (world.member_a, world.member_b, world.committee, world.panel):
        with pytest.raises(PermissionError):
            request_round(world, actor=user)

    assert ReviewRound.objects.count() == 0


def test_staff_open_a_request_and_the_requester_hears_of_it(
    world: World, ans: User, on_commit: Any, mailoutbox: list[Any]
) -> None:
    requested = request_round(world)
    with pytest.raises(PermissionError):
        round_open(
            actor=world.coordinator_a,
            review_round=requested,
            data={"deadline": in_days(14)},
            questions=["Herkent u zich in de aanpak?"],
            invitees=[ans],
        )

    with on_commit(execute=True):
        opened = round_open(
            actor=world.staff,
            review_round=requested,
            data={"deadline": in_days(14), "anonymous": True},
            questions=["Herkent u zich in de aanpak?", "Wat mist er?"],
            invitees=[ans],
        )

    opened = fresh(opened)
    assert opened.status == RoundStatus.OPEN
    assert opened.opened_at is not None
    assert opened.anonymous is True
    assert opened.questions == ["Herkent u zich in de aanpak?", "Wat mist er?"]
    assert list(opened.invitations.values_list("user_id", "number")) == [(ans.pk, 1)]
    assert recipients(mailoutbox) == sorted([ans.email, world.coordinator_a.email])
    assert round_get_for(viewer=ans, pk=opened.pk) == opened
    assert round_get_for(viewer=world.committee, pk=opened.pk) == opened
    with pytest.raises(RoundStateError):
        round_open(
            actor=world.staff,
            review_round=opened,
            data={},
            questions=["Nog een keer?"],
            invitees=[ans],
        )


def test_opening_a_request_without_invitees_is_refused_and_it_stays_requested(
    world: World,
) -> None:
    requested = request_round(world)
    before = panel_state()

    with pytest.raises(ValidationError) as error:
        round_open(
            actor=world.staff,
            review_round=requested,
            data={"deadline": in_days(14)},
            questions=["Herkent u zich in de aanpak?"],
            invitees=[],
        )

    assert error_keys(error) == {"invitees"}
    assert panel_state() == before


def test_declining_a_request_needs_a_reason(
    world: World, on_commit: Any, mailoutbox: list[Any]
) -> None:
    requested = request_round(world)
    before = panel_state()
    with pytest.raises(ValidationError) as error:
        round_decline(actor=world.staff, review_round=requested, reason="   ")
    assert error_keys(error) == {"reason"}
    with pytest.raises(PermissionError):
        round_decline(actor=world.coordinator_a, review_round=requested, reason="Zelf niet.")
    assert panel_state() == before

    with on_commit(execute=True):
        declined = round_decline(
            actor=world.staff, review_round=requested, reason="  Het plan is nog niet af.  "
        )

    declined = fresh(declined)
    assert declined.status == RoundStatus.DECLINED
    assert declined.decline_reason == "Het plan is nog niet af."
    assert recipients(mailoutbox) == [world.coordinator_a.email]
    assert round_get_for(viewer=world.member_a, pk=declined.pk) == declined
    with pytest.raises(Http404):
        round_get_for(viewer=world.committee, pk=declined.pk)
    with pytest.raises(RoundStateError):
        round_decline(actor=world.staff, review_round=declined, reason="Nogmaals.")


# --- names and anonymity ------------------------------------------------------------------------


def labels_for(viewer: User, review_round: ReviewRound) -> dict[int, str]:
    """Each sent advice's label as the viewer sees it, by the writer's user id (in English)."""
    with translation.override("en"):
        view = round_view_for(viewer=viewer, pk=review_round.pk)
    return {entry.advice.invitation.user_id: entry.label for entry in view.advice}


def test_the_committee_sees_display_names_unless_the_member_asks_for_a_number(
    world: World, ans: User, bea: User
) -> None:
    review_round = make_round(world, invitees=[ans, bea])
    send_advice(ans, review_round)
    send_advice(bea, review_round, anonymous=True)
    round_close(actor=world.staff, review_round=review_round)

    labels = labels_for(world.committee, review_round)

    assert labels == {ans.pk: "Ervaringsdeskundige Ans", bea.pk: "panel member 2"}
    for name in names_of(bea):
        assert name not in labels[bea.pk]
    assert ans.full_name not in labels[ans.pk]


def test_an_anonymous_round_shows_numbers_only(world: World, ans: User, bea: User) -> None:
    review_round = make_round(world, invitees=[ans, bea], anonymous=True)
    send_advice(ans, review_round)
    send_advice(bea, review_round)
    close_and_summarise(world, review_round)

    for viewer in (world.committee, world.coordinator_a, world.member_a):
        labels = labels_for(viewer, review_round)
        assert labels == {ans.pk: "panel member 1", bea.pk: "panel member 2"}


def test_a_member_without_display_name_is_shown_as_a_number(world: World, ans: User) -> None:
    ans.display_name = ""
    ans.save()
    review_round = make_round(world)
    send_advice(ans, review_round)
    round_close(actor=world.staff, review_round=review_round)

    assert labels_for(world.committee, review_round) == {ans.pk: "panel member 1"}


def test_staff_see_the_real_name_behind_every_label(world: World, ans: User, bea: User) -> None:
    review_round = make_round(world, invitees=[ans, bea], anonymous=True)
    send_advice(ans, review_round)
    send_advice(bea, review_round)

    labels = labels_for(world.staff, review_round)

    assert ans.full_name in labels[ans.pk]
    assert bea.full_name in labels[bea.pk]
    with translation.override("en"):
        view = round_view_for(viewer=world.staff, pk=review_round.pk)
    assert [line.label for line in view.invitations] == [labels[ans.pk], labels[bea.pk]]


def test_the_committee_and_consortium_never_see_real_names_or_email_addresses(
    world: World, ans: User, bea: User
) -> None:
    review_round = make_round(world, invitees=[ans, bea])
    send_advice(ans, review_round)
    send_advice(bea, review_round, anonymous=True)
    close_and_summarise(world, review_round)

    for viewer in (world.committee, world.coordinator_a, world.researcher_a):
        with translation.override("en"):
            view = round_view_for(viewer=viewer, pk=review_round.pk)
        assert len(view.advice) == 2
        assert view.invitations == []  # the list of invitees is for staff only
        for entry in view.advice:
            for user in (ans, bea):
                assert user.full_name not in entry.label
                assert user.email not in entry.label


def test_panel_label_names_the_viewer_themselves_as_you(world: World, ans: User) -> None:
    review_round = make_round(world, anonymous=True)
    advice = send_advice(ans, review_round)
    invitation = RoundInvitation.objects.select_related("round", "user").get()

    with translation.override("en"):
        assert panel_label(invitation, advice, ans) == "you (panel member 1)"
        assert panel_label(invitation, advice, world.committee) == "panel member 1"


# --- reminders ----------------------------------------------------------------------------------


def test_a_reminder_goes_once_to_invitees_who_have_not_sent_advice(
    world: World, ans: User, bea: User, on_commit: Any, mailoutbox: list[Any]
) -> None:
    review_round = make_round(world, invitees=[ans, bea], deadline=in_days(REMINDER_DAYS - 1))
    save_advice(ans, review_round, works="Nog een concept.")  # a draft does not count
    send_advice(bea, review_round)
    mailoutbox.clear()

    with on_commit(execute=True):
        sent = reminders_send(today=timezone.localdate())

    assert sent == 1
    assert recipients(mailoutbox) == [ans.email]
    assert review_round.title in mailoutbox[0].body
    assert RoundInvitation.objects.get(user=ans).reminded_at is not None
    assert RoundInvitation.objects.get(user=bea).reminded_at is None

    with on_commit(execute=True):
        assert reminders_send(today=timezone.localdate()) == 0
    assert len(mailoutbox) == 1


def test_a_reminder_waits_until_the_deadline_is_near(world: World, ans: User) -> None:
    deadline = in_days(10)
    make_round(world, deadline=deadline)

    assert reminders_send(today=timezone.localdate()) == 0
    assert reminders_send(today=deadline - timedelta(days=REMINDER_DAYS + 1)) == 0
    assert reminders_send(today=deadline - timedelta(days=REMINDER_DAYS)) == 1


def test_no_reminders_for_closed_rounds_or_passed_deadlines(world: World, ans: User) -> None:
    closed = make_round(world, deadline=in_days(1))
    round_close(actor=world.staff, review_round=closed)
    assert reminders_send(today=timezone.localdate()) == 0

    make_round(world, deadline=in_days(1), title="Ander plan")
    assert reminders_send(today=in_days(2)) == 0  # its deadline has passed by then

    assert not RoundInvitation.objects.filter(reminded_at__isnull=False).exists()


def test_withdrawn_advice_counts_as_not_sent_for_the_reminder(world: World, ans: User) -> None:
    review_round = make_round(world, deadline=in_days(1))
    send_advice(ans, review_round)
    assert reminders_send(today=timezone.localdate()) == 0

    advice_withdraw(actor=ans, review_round=review_round)

    assert reminders_send(today=timezone.localdate()) == 1


# --- lists of rounds ----------------------------------------------------------------------------


def test_a_panel_member_sees_the_rounds_to_advise_on_nearest_deadline_first(
    world: World, ans: User, bea: User
) -> None:
    later = make_round(world, invitees=[ans], deadline=in_days(12), title="Later")
    sooner = make_round(world, invitees=[ans, bea], deadline=in_days(5), title="Eerder")
    save_advice(ans, sooner, works="Concept.")

    listing = round_list_for(viewer=ans)

    assert [line.round for line in listing.to_advise] == [sooner, later]
    assert listing.to_advise[0].mine is not None
    assert listing.to_advise[0].mine.status == AdviceStatus.DRAFT
    assert listing.to_advise[1].mine is None
    assert [line.round for line in round_list_for(viewer=bea).to_advise] == [sooner]


def test_a_panel_member_who_is_not_invited_sees_nothing_of_the_round(
    world: World, ans: User, bea: User
) -> None:
    review_round = make_round(world, invitees=[ans])

    assert round_list_for(viewer=bea).empty
    with pytest.raises(Http404):
        round_get_for(viewer=bea, pk=review_round.pk)
    with pytest.raises(Http404):
        advice_get_for(viewer=bea, pk=review_round.pk)
    assert not permissions.can_advise(bea, review_round)
    round_obj, invitation, advice = advice_get_for(viewer=ans, pk=review_round.pk)
    assert (round_obj, invitation.user, advice) == (review_round, ans, None)


def test_another_consortium_sees_nothing_of_a_round(world: World, ans: User) -> None:
    open_round = make_round(world)
    summarised, _ = summarised_round(world, ans, title="Afgerond plan")

    assert round_list_for(viewer=world.member_b).empty
    for review_round in (open_round, summarised):
        with pytest.raises(Http404):
            round_get_for(viewer=world.member_b, pk=review_round.pk)
        assert not permissions.can_view_round(world.member_b, review_round)


def test_the_coordinator_finds_a_round_with_open_points_to_answer(world: World, ans: User) -> None:
    review_round, point = summarised_round(world, ans)

    listing = round_list_for(viewer=world.coordinator_a)

    assert [line.round for line in listing.to_answer] == [review_round]
    assert listing.to_answer[0].open_points == 1

    points_answer(
        actor=world.coordinator_a,
        review_round=review_round,
        answers={point.pk: (InputResponse.ADOPTED, "Gedaan.")},
    )
    listing = round_list_for(viewer=world.coordinator_a)
    assert listing.to_answer == []
    assert [line.round for line in listing.finished] == [review_round]


def test_staff_and_committee_follow_every_started_round(world: World, ans: User) -> None:
    open_round = make_round(world)
    requested = request_round(world)

    staff = round_list_for(viewer=world.staff)
    committee = round_list_for(viewer=world.committee)

    assert [line.round for line in staff.open] == [open_round]
    assert [line.round for line in staff.requested] == [requested]
    assert [line.round for line in committee.open] == [open_round]
    assert committee.requested == []


# --- changing an open round ---------------------------------------------------------------------


def test_staff_invite_more_members_and_the_numbers_go_on(
    world: World, ans: User, bea: User, on_commit: Any, mailoutbox: list[Any]
) -> None:
    review_round = make_round(world, invitees=[ans])
    mailoutbox.clear()

    with on_commit(execute=True):
        updated = round_update(
            actor=world.staff,
            review_round=review_round,
            data={"title": "Plan Samen Verder Noord, versie 2", "questions": ["Nieuw?"]},
            invitees=[ans, bea],
        )

    updated = fresh(updated)
    assert updated.title == "Plan Samen Verder Noord, versie 2"
    assert updated.questions == QUESTIONS
    assert dict(updated.invitations.values_list("user_id", "number")) == {ans.pk: 1, bea.pk: 2}
    assert recipients(mailoutbox) == [bea.email]  # Ans was invited already


def test_a_closed_round_cannot_be_changed(world: World, bea: User) -> None:
    review_round = make_round(world)
    round_close(actor=world.staff, review_round=review_round)
    before = panel_state()

    with pytest.raises(RoundStateError):
        round_update(
            actor=world.staff, review_round=review_round, data={"title": "Anders"}, invitees=[bea]
        )

    assert panel_state() == before


def test_changing_a_round_checks_its_details_like_opening_does(world: World, ans: User) -> None:
    review_round = make_round(world)
    before = panel_state()

    with pytest.raises(ValidationError) as past:
        round_update(
            actor=world.staff,
            review_round=review_round,
            data={"deadline": in_days(-1)},
            invitees=[],
        )
    with pytest.raises(ValidationError) as non_panel:
        round_update(actor=world.staff, review_round=review_round, data={}, invitees=[world.staff])

    assert error_keys(past) == {"deadline"}
    assert error_keys(non_panel) == {"invitees"}
    assert panel_state() == before


def test_inviting_the_same_member_twice_gives_one_invitation(world: World, ans: User) -> None:
    review_round = make_round(world, invitees=[ans, ans])

    assert list(review_round.invitations.values_list("user_id", "number")) == [(ans.pk, 1)]


def test_the_permission_and_the_selector_agree_on_who_sees_a_round(world: World, ans: User) -> None:
    """can_view_round and rounds_visible_to agree for every persona and every state."""
    rounds = [make_round(world), request_round(world)]
    summarised, _ = summarised_round(world, ans, title="Afgerond")
    rounds.append(summarised)
    declined = request_round(world)
    round_decline(actor=world.staff, review_round=declined, reason="Niet nu.")
    rounds.append(declined)

    for name, user in world.personas().items():
        if user is None:
            continue
        for review_round in rounds:
            review_round = fresh(review_round)
            visible = permissions.can_view_round(user, review_round)
            try:
                round_get_for(viewer=user, pk=review_round.pk)
                found = True
            except Http404:
                found = False
            assert visible == found, (name, review_round.status)
