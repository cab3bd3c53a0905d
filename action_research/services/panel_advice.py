"""Advice of panel members (autosaved drafts, sending, withdrawing), the consortium's answer
to every point of it, and the reminder before the deadline."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.models import User
from action_research import permissions
from action_research.models import (
    Advice,
    AdvicePoint,
    AdviceStatus,
    PointKind,
    Recommendation,
    ReviewRound,
    RoundInvitation,
    RoundStatus,
)
from action_research.models.experts import InputResponse
from action_research.models.panel import MAX_ADVICE_TEXT
from action_research.services.common import StaleEditError, check_privacy
from action_research.services.panel_notices import notify
from action_research.services.panel_rounds import (
    RoundStateError,
    locked_round,
    points_to_answer,
    update_handled,
)

# Days before the deadline when the reminder goes out to those who have not sent advice.
REMINDER_DAYS = 3
ADVICE_FIELDS = Advice.EDITABLE_FIELDS


# --- advice -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class SavedAdvice:
    advice: Advice
    submitted: bool


def invitation_for(*, user: User, review_round: ReviewRound) -> RoundInvitation:
    """The user's invitation to the round; PermissionError for anyone not invited."""
    invitation = RoundInvitation.objects.filter(round=review_round, user=user).first()
    if invitation is None or not permissions.is_panel_member(user):
        raise PermissionError("not invited to this round")
    return invitation


def _clean_answers(review_round: ReviewRound, answers: Sequence[str]) -> list[str]:
    answers = [str(a or "") for a in answers]
    if len(answers) > len(review_round.questions):
        raise ValidationError({"answers": _("There are more answers than questions.")})
    too_long = {
        f"answer_{number}": _("Keep this under %(max)s characters.") % {"max": MAX_ADVICE_TEXT}
        for number, answer in enumerate(answers, 1)
        if len(answer) > MAX_ADVICE_TEXT
    }
    if too_long:
        raise ValidationError(too_long)
    return answers + [""] * (len(review_round.questions) - len(answers))


@transaction.atomic
def advice_save(
    *,
    actor: User,
    review_round: ReviewRound,
    data: dict[str, Any],
    answers: Sequence[str],
    version: int | None,
    submit: bool = False,
) -> SavedAdvice:
    """Save the actor's advice as a draft (autosave and the "save" button), or send it.

    `version` is the version the writer's copy started from (None for a first save). A save
    from an older copy raises StaleEditError and changes nothing. Sending needs a
    recommendation (and the conditions, for support on conditions) and at least one written
    point. Advice that was sent and is saved again stays sent; its points are taken afresh.
    Raises PermissionError, RoundStateError or ValidationError; nothing is saved on error.
    """
    invitation = invitation_for(user=actor, review_round=review_round)
    current_round = locked_round(review_round)
    if current_round.status != RoundStatus.OPEN:
        raise RoundStateError("the round is closed")
    advice = Advice.objects.select_for_update().filter(invitation=invitation).first()
    if advice is None:
        advice = Advice(invitation=invitation, version=0)
    elif (version is not None and version != advice.version) or (version is None and advice.pk):
        raise StaleEditError
    for name in ADVICE_FIELDS:
        if name in data:
            value = data[name]
            setattr(advice, name, value.strip() if isinstance(value, str) else value)
    advice.answers = [a.strip() for a in _clean_answers(current_round, answers)]
    check_privacy(advice.text_fields())
    sending = submit or advice.status == AdviceStatus.SUBMITTED
    if sending:
        _check_complete(advice)
    if submit and advice.status != AdviceStatus.SUBMITTED:
        advice.status = AdviceStatus.SUBMITTED
        advice.submitted_at = timezone.now()
        advice.withdrawn_at = None
    advice.version += 1
    advice.saved_at = timezone.now()
    advice.full_clean(exclude=["invitation"])
    advice.save()
    if advice.status == AdviceStatus.SUBMITTED:
        _take_points(advice, current_round)
    return SavedAdvice(advice=advice, submitted=advice.status == AdviceStatus.SUBMITTED)


def _check_complete(advice: Advice) -> None:
    errors: dict[str, str] = {}
    if not advice.recommendation:
        errors["recommendation"] = _(
            "Choose your advice: support, support on conditions or no support."
        )
    elif advice.recommendation == Recommendation.CONDITIONAL and not advice.conditions:
        errors["conditions"] = _("Write down your conditions.")
    if not any(text for name, text in advice.text_fields() if name != "conditions"):
        errors["works"] = _(
            "Write at least one thing: what works, what worries you or what is missing."
        )
    if errors:
        raise ValidationError(errors)


def _take_points(advice: Advice, review_round: ReviewRound) -> None:
    """The points the consortium will answer, from the advice as sent (never answered yet:
    points are answered only after the round is closed)."""
    advice.points.all().delete()
    texts: list[tuple[str, int | None, str]] = []
    texts += [(PointKind.WORRY, None, p) for p in _paragraphs(advice.worries)]
    texts += [(PointKind.MISSING, None, p) for p in _paragraphs(advice.missing)]
    if advice.recommendation == Recommendation.CONDITIONAL:
        texts += [(PointKind.CONDITION, None, p) for p in _paragraphs(advice.conditions)]
    for number, answer in enumerate(advice.answers, 1):
        texts += [(PointKind.ANSWER, number, p) for p in _paragraphs(answer)]
    texts += [(PointKind.COMMENT, None, p) for p in _paragraphs(advice.comments)]
    AdvicePoint.objects.bulk_create(
        [
            AdvicePoint(advice=advice, position=position, kind=kind, question=question, text=text)
            for position, (kind, question, text) in enumerate(texts, 1)
        ]
    )


def _paragraphs(text: str) -> list[str]:
    """A text written as a list ("- …", one point per paragraph) gives one point per item."""
    blocks = [b.strip() for b in text.replace("\r\n", "\n").split("\n\n") if b.strip()]
    points: list[str] = []
    for block in blocks:
        lines = [line.strip() for line in block.split("\n") if line.strip()]
        if len(lines) > 1 and all(line[:1] in "-*•" for line in lines):
            points += [line[1:].strip() for line in lines if line[1:].strip()]
        else:
            points.append(block)
    return points


@transaction.atomic
def advice_withdraw(*, actor: User, review_round: ReviewRound) -> Advice:
    """Take sent advice back while the round is open; it becomes a draft again that nobody else
    sees, and can be sent again."""
    invitation = invitation_for(user=actor, review_round=review_round)
    current_round = locked_round(review_round)
    if current_round.status != RoundStatus.OPEN:
        raise RoundStateError("the round is closed")
    advice = Advice.objects.select_for_update().filter(invitation=invitation).first()
    if advice is None or advice.status != AdviceStatus.SUBMITTED:
        raise RoundStateError("there is no sent advice to withdraw")
    advice.status = AdviceStatus.WITHDRAWN
    advice.withdrawn_at = timezone.now()
    advice.submitted_at = None
    advice.version += 1
    advice.save()
    advice.points.all().delete()
    return advice


# --- the consortium's answers -------------------------------------------------------------------


@transaction.atomic
def points_answer(
    *, actor: User, review_round: ReviewRound, answers: dict[int, tuple[str, str]]
) -> int:
    """The consortium says per point what it did with the advice (adopted, partly, not) and
    why. `answers` maps point ids to (response, reason); points left open stay open. Panel
    members whose points got an answer get a notice. Returns how many points changed.
    Raises PermissionError, RoundStateError or ValidationError (nothing saved)."""
    current = locked_round(review_round)
    if not permissions.can_respond_to_advice(actor, current):
        raise PermissionError("not allowed to answer this advice")
    if current.status not in (RoundStatus.CLOSED, RoundStatus.HANDLED):
        raise RoundStateError("the round is not closed")
    points = {p.pk: p for p in points_to_answer(current).select_related("advice__invitation")}
    errors: dict[str, list[str]] = {}
    changed: list[AdvicePoint] = []
    for point_id, (response, reason) in answers.items():
        point = points.get(point_id)
        if point is None:
            raise ValidationError({"__all__": _("This point does not belong to this round.")})
        reason = reason.strip()
        field = f"point_{point_id}"
        if response not in InputResponse.values:
            errors.setdefault(field, []).append(_("Choose what was done with this point."))
            continue
        if response == InputResponse.OPEN and reason:
            errors.setdefault(field, []).append(_("Choose what was done with this point."))
            continue
        if response != InputResponse.OPEN and not reason:
            errors.setdefault(field, []).append(_("Say why: the panel member reads this."))
            continue
        try:
            check_privacy([(field, reason)])
        except ValidationError as error:
            errors.setdefault(field, []).extend(error.messages)
            continue
        if (point.response, point.reason) != (response, reason):
            point.response = response
            point.reason = reason
            point.responded_by = actor if response != InputResponse.OPEN else None
            point.responded_at = timezone.now() if response != InputResponse.OPEN else None
            changed.append(point)
    if errors:
        raise ValidationError(errors)
    for point in changed:
        point.full_clean(exclude=["advice"])
    AdvicePoint.objects.bulk_update(changed, ["response", "reason", "responded_by", "responded_at"])
    update_handled(current)
    answered_users = {
        p.advice.invitation.user_id for p in changed if p.response != InputResponse.OPEN
    }
    url = reverse("action_research:panel_round", args=[current.pk])
    for user in User.objects.filter(pk__in=answered_users, is_active=True):
        notify(
            user,
            subject=gettext_lazy("The consortium answered your advice"),
            template="action_research/email/panel_answered.txt",
            context={"round": current},
            notice=gettext_lazy("Your advice on “%(title)s” has been answered."),
            params={"title": current.title},
            url=url,
            key=f"panel-answered-{current.pk}-{timezone.now().timestamp():.0f}",
        )
    return len(changed)


# --- reminders ----------------------------------------------------------------------------------


def reminders_send(*, today: Any = None) -> int:
    """Remind invited members who have not sent advice, once, when the deadline of an open
    round is at most REMINDER_DAYS days away. Returns how many reminders went out. Safe to run
    more than once a day: nobody is reminded twice."""
    today = today or timezone.localdate()
    due = RoundInvitation.objects.filter(
        round__status=RoundStatus.OPEN,
        round__deadline__gte=today,
        round__deadline__lte=today + timedelta(days=REMINDER_DAYS),
        reminded_at__isnull=True,
        user__is_active=True,
    ).exclude(advice__status=AdviceStatus.SUBMITTED)
    sent = 0
    for invitation_id in due.values_list("pk", flat=True):
        with transaction.atomic():
            invitation = (
                due.filter(pk=invitation_id)
                .select_for_update(of=("self",))
                .select_related("round", "user")
                .first()
            )
            if invitation is None:
                continue
            review_round = invitation.round
            notify(
                invitation.user,
                subject=gettext_lazy("Reminder: the panel's deadline is near"),
                template="action_research/email/panel_reminder.txt",
                context={"round": review_round},
                notice=gettext_lazy("Reminder: give your advice on “%(title)s” by %(deadline)s."),
                params={"title": review_round.title, "deadline": review_round.deadline},
                url=reverse("action_research:panel_advice", args=[review_round.pk]),
                key=f"panel-reminder-{invitation.pk}",
            )
            invitation.reminded_at = timezone.now()
            invitation.save(update_fields=["reminded_at"])
            sent += 1
    return sent
