"""Review rounds of the experience-expert panel: request, open, change, decline, close and
summarise (programme staff; a consortium requests). Each checks who may do it and the round's
state; texts get the same personal-data check as research records."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts import permissions as account_permissions
from accounts.models import Consortium, User
from accounts.roles import Role
from action_research import permissions
from action_research.models import (
    MAX_QUESTIONS,
    AdvicePoint,
    AdviceStatus,
    ReviewRound,
    RoundInvitation,
    RoundStatus,
    SubjectKind,
)
from action_research.models.experts import InputResponse
from action_research.services.common import check_privacy
from action_research.services.panel_notices import notify, notify_consortium_user
from cms_core.uploads import check_upload

MAX_QUESTION_LENGTH = 300
ROUND_FIELDS = ReviewRound.EDITABLE_FIELDS


class RoundStateError(Exception):
    """The round is not in a state that allows this (e.g. advice on a closed round)."""


# --- rounds -------------------------------------------------------------------------------------


def _clean_questions(questions: Sequence[str], *, required: bool = True) -> list[str]:
    cleaned = [" ".join(str(q or "").split()) for q in questions]
    cleaned = [q for q in cleaned if q]
    if len(cleaned) > MAX_QUESTIONS:
        raise ValidationError(
            {"questions": _("Ask at most %(max)s questions.") % {"max": MAX_QUESTIONS}}
        )
    if required and not cleaned:
        raise ValidationError({"questions": _("Ask the panel at least one question.")})
    if any(len(q) > MAX_QUESTION_LENGTH for q in cleaned):
        raise ValidationError(
            {
                "questions": _("Keep each question under %(max)s characters.")
                % {"max": MAX_QUESTION_LENGTH}
            }
        )
    check_privacy([("questions", q) for q in cleaned])
    return cleaned


def _check_round(review_round: ReviewRound) -> None:
    check_privacy(
        [
            ("title", review_round.title),
            ("introduction", review_round.introduction),
            ("request_note", review_round.request_note),
        ]
    )
    if review_round.subject_kind == SubjectKind.PLAN and review_round.consortium_id is None:
        raise ValidationError({"consortium": _("Say whose plan the panel advises on.")})
    if review_round.subject_kind == SubjectKind.APPROACH and review_round.approach_id is None:
        raise ValidationError({"approach": _("Choose the draft approach the panel advises on.")})
    if (
        review_round.approach_id is not None
        and review_round.consortium_id is not None
        and review_round.approach is not None
        and review_round.approach.consortium_id != review_round.consortium_id
    ):
        raise ValidationError({"approach": _("This approach belongs to another consortium.")})
    review_round.full_clean(exclude=["document"])


def _check_open_details(review_round: ReviewRound, invitees: Sequence[User]) -> None:
    errors: dict[str, str] = {}
    if review_round.deadline is None:
        errors["deadline"] = _("Give a deadline.")
    elif review_round.deadline < timezone.localdate():
        errors["deadline"] = _("The deadline lies in the past.")
    if not invitees:
        errors["invitees"] = _("Invite at least one panel member.")
    elif any(
        not user.is_active or not account_permissions.has_role(user, Role.PANEL)
        for user in invitees
    ):
        errors["invitees"] = _("Only active members of the panel can be invited.")
    if errors:
        raise ValidationError(errors)


def _attach(review_round: ReviewRound, upload: UploadedFile | None) -> None:
    if upload is None:
        return
    checked = check_upload(upload, privacy=check_privacy, field="document")
    review_round.document_name = checked.name
    review_round.document_type = checked.content_type
    review_round.document.save(checked.name, upload, save=False)


def _save_with_file(review_round: ReviewRound, upload: UploadedFile | None) -> None:
    """Store the file, then the row; a failure takes the stored file away again."""
    old_name = review_round.document.name if review_round.pk else ""
    _attach(review_round, upload)
    try:
        review_round.save()
    except Exception:
        if upload is not None:
            review_round.document.delete(save=False)
        raise
    if upload is not None and old_name and old_name != review_round.document.name:
        transaction.on_commit(lambda: review_round.document.storage.delete(old_name))


def _discussion_for(actor: User, review_round: ReviewRound) -> Any:
    """The panel's discussion of the round, set up when the round opens: a learning network of
    its own kind, so threads, live updates and moderation are those of the learning networks."""
    from learning_network import services as network_services
    from learning_network.models import LearningNetwork, NetworkKind

    if review_round.discussion_id is not None:
        return review_round.discussion
    with translation.override("nl"):
        name = _("Panel discussion: %(title)s") % {"title": review_round.title}
        description = _(
            "Here the invited panel members talk together about the review round "
            "“%(title)s”. You give your own advice separately, with the advice form."
        ) % {"title": review_round.title}
    name = name[:110]
    if LearningNetwork.objects.filter(name=name).exists():
        name = f"{name[:100]} ({review_round.pk})"
    network = network_services.network_create(
        actor=actor,
        data={"name": name, "kind": NetworkKind.PANEL_ROUND, "description": description},
    )
    review_round.discussion = network
    review_round.save(update_fields=["discussion"])
    return network


def _invite(
    actor: User, review_round: ReviewRound, invitees: Iterable[User]
) -> list[RoundInvitation]:
    existing = set(review_round.invitations.values_list("user_id", flat=True))
    number = review_round.invitations.aggregate(top=Max("number"))["top"] or 0
    created = []
    for user in sorted(invitees, key=lambda u: u.pk):
        if user.pk in existing:
            continue
        existing.add(user.pk)
        number += 1
        created.append(RoundInvitation.objects.create(round=review_round, user=user, number=number))
    if created:
        from learning_network import services as network_services

        network = _discussion_for(actor, review_round)
        for invitation in created:
            network_services.network_member_set(actor=actor, network=network, user=invitation.user)
    for invitation in created:
        notify(
            invitation.user,
            subject=gettext_lazy("The panel asks for your advice"),
            template="action_research/email/panel_invited.txt",
            context={"round": review_round},
            notice=gettext_lazy("New advice question: “%(title)s”. Please reply by %(deadline)s."),
            params={"title": review_round.title, "deadline": review_round.deadline},
            url=reverse("action_research:panel_advice", args=[review_round.pk]),
            key=f"panel-invited-{invitation.pk}",
        )
    return created


@transaction.atomic
def round_create(
    *,
    actor: User,
    data: dict[str, Any],
    questions: Sequence[str],
    invitees: Sequence[User],
    consortium: Consortium | None = None,
    approach: Any = None,
    document: UploadedFile | None = None,
) -> ReviewRound:
    """Programme staff open a round and invite panel members (they get an e-mail and a notice).
    Raises PermissionError or ValidationError; nothing is saved on error."""
    if not permissions.can_run_rounds(actor):
        raise PermissionError("only programme staff open review rounds")
    review_round = ReviewRound(
        consortium=consortium,
        approach=approach,
        created_by=actor,
        status=RoundStatus.OPEN,
        opened_at=timezone.now(),
        questions=_clean_questions(questions),
        **{name: data[name] for name in ROUND_FIELDS if name in data},
    )
    if approach is not None and consortium is None:
        review_round.consortium_id = approach.consortium_id
    _check_round(review_round)
    _check_open_details(review_round, invitees)
    _save_with_file(review_round, document)
    _invite(actor, review_round, invitees)
    return review_round


@transaction.atomic
def round_request(
    *,
    actor: User,
    consortium: Consortium,
    data: dict[str, Any],
    questions: Sequence[str],
    document: UploadedFile | None = None,
) -> ReviewRound:
    """A consortium asks the panel for advice on its plan; programme staff then open the round
    (or explain why not). Raises PermissionError or ValidationError."""
    if not permissions.can_request_round(actor, consortium):
        raise PermissionError("not allowed to ask advice for this consortium")
    review_round = ReviewRound(
        consortium=consortium,
        subject_kind=SubjectKind.PLAN,
        created_by=actor,
        requested_by=actor,
        status=RoundStatus.REQUESTED,
        questions=_clean_questions(questions),
        title=data.get("title", ""),
        introduction=data.get("introduction", ""),
        request_note=data.get("request_note", ""),
        deadline=data.get("deadline"),
    )
    _check_round(review_round)
    if document is None:
        raise ValidationError({"document": _("Add the plan the panel should read.")})
    _save_with_file(review_round, document)
    return review_round


# Plain-language questions of a round on a draft approach (Dutch: they are the round's content).
APPROACH_QUESTIONS = [
    "Is de aanpak duidelijk voor een werknemer die ziek is en werk zoekt bij een andere werkgever?",
    "Klopt de samenvatting in eenvoudige taal? Wat is moeilijk te begrijpen?",
    "Wat werkt goed voor werknemers, en waar maak je je zorgen over?",
]


@transaction.atomic
def round_request_for_approach(*, approach: Any, requested_by: User | None) -> ReviewRound:
    """The workflow's panel step asks for a round on a draft approach (the step itself is the
    check: whoever may submit the draft starts it). Programme staff then take it on. A round
    already requested or open on the approach is used again."""
    current = ReviewRound.objects.filter(
        approach=approach, status__in=[RoundStatus.REQUESTED, RoundStatus.OPEN]
    ).first()
    if current is not None:
        return current
    with translation.override("nl"):
        title = _("Draft approach: %(title)s") % {"title": approach.draft_title or approach.title}
        introduction = _(
            "The consortium submitted this approach for the toolbox. The panel reads it first "
            "and gives advice; then the programme committee assesses it."
        )
    review_round = ReviewRound(
        title=title[:160],
        subject_kind=SubjectKind.APPROACH,
        approach=approach,
        consortium_id=approach.consortium_id,
        introduction=introduction,
        questions=list(APPROACH_QUESTIONS),
        status=RoundStatus.REQUESTED,
        requested_by=requested_by,
        created_by=requested_by,
    )
    _check_round(review_round)
    review_round.save()
    return review_round


def locked_round(review_round: ReviewRound) -> ReviewRound:
    return ReviewRound.objects.select_for_update().get(pk=review_round.pk)


@transaction.atomic
def round_open(
    *,
    actor: User,
    review_round: ReviewRound,
    data: dict[str, Any],
    questions: Sequence[str],
    invitees: Sequence[User],
) -> ReviewRound:
    """Programme staff take on a requested round: final questions, deadline and invitations."""
    if not permissions.can_run_rounds(actor):
        raise PermissionError("only programme staff open review rounds")
    current = locked_round(review_round)
    if current.status != RoundStatus.REQUESTED:
        raise RoundStateError("only a requested round can be opened")
    for name in ROUND_FIELDS:
        if name in data and name != "subject_kind":
            setattr(current, name, data[name])
    current.questions = _clean_questions(questions)
    current.status = RoundStatus.OPEN
    current.opened_at = timezone.now()
    _check_round(current)
    _check_open_details(current, invitees)
    current.save()
    _invite(actor, current, invitees)
    if current.requested_by is not None:
        notify_consortium_user(
            current.requested_by,
            current,
            notice=gettext_lazy("The panel has started on “%(title)s”."),
            params={"title": current.title},
        )
    return current


@transaction.atomic
def round_update(
    *,
    actor: User,
    review_round: ReviewRound,
    data: dict[str, Any],
    invitees: Sequence[User],
) -> ReviewRound:
    """Change an open round: its texts, deadline and settings, and invite more members (someone
    already invited stays invited). The questions stay as they are once asked."""
    if not permissions.can_run_rounds(actor):
        raise PermissionError("only programme staff change review rounds")
    current = locked_round(review_round)
    if current.status != RoundStatus.OPEN:
        raise RoundStateError("only an open round can be changed")
    for name in ROUND_FIELDS:
        if name in data and name != "subject_kind":
            setattr(current, name, data[name])
    _check_round(current)
    already = list(User.objects.filter(panel_invitations__round=current))
    _check_open_details(current, list({u.pk: u for u in [*already, *invitees]}.values()))
    if current.deadline_passed:
        raise ValidationError({"deadline": _("The deadline lies in the past.")})
    current.save()
    _invite(actor, current, invitees)
    return current


@transaction.atomic
def round_decline(*, actor: User, review_round: ReviewRound, reason: str) -> ReviewRound:
    """Programme staff do not take on a requested round, and say why."""
    if not permissions.can_run_rounds(actor):
        raise PermissionError("only programme staff decide on requests")
    current = locked_round(review_round)
    if current.status != RoundStatus.REQUESTED:
        raise RoundStateError("only a requested round can be declined")
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": _("Say why, so the consortium knows what to do.")})
    check_privacy([("reason", reason)])
    current.decline_reason = reason
    current.status = RoundStatus.DECLINED
    current.full_clean(exclude=["document"])
    current.save()
    if current.approach is not None:
        # The toolbox workflow's panel step: the draft returns to its consortium with the reason.
        from toolbox import services as toolbox_services

        toolbox_services.panel_step_finish(
            approach=current.approach, actor=actor, approved=False, comment=reason
        )
    if current.requested_by is not None:
        notify_consortium_user(
            current.requested_by,
            current,
            notice=gettext_lazy("Programme staff did not take on “%(title)s”; read why."),
            params={"title": current.title},
        )
    return current


@transaction.atomic
def round_close(*, actor: User, review_round: ReviewRound) -> ReviewRound:
    """No more advice. Drafts that were never sent stay private to their writers."""
    if not permissions.can_run_rounds(actor):
        raise PermissionError("only programme staff close review rounds")
    current = locked_round(review_round)
    if current.status != RoundStatus.OPEN:
        raise RoundStateError("only an open round can be closed")
    current.status = RoundStatus.CLOSED
    current.closed_at = timezone.now()
    current.save(update_fields=["status", "closed_at"])
    return current


@transaction.atomic
def round_summarise(*, actor: User, review_round: ReviewRound, summary: str) -> ReviewRound:
    """Programme staff write (or correct) the summary of a closed round. The first time, the
    committee, the consortium and the panel members who advised get a notice; a round with
    nothing for the consortium to answer is then handled."""
    if not permissions.can_run_rounds(actor):
        raise PermissionError("only programme staff summarise review rounds")
    current = locked_round(review_round)
    if current.status not in (RoundStatus.CLOSED, RoundStatus.HANDLED):
        raise RoundStateError("close the round before summarising it")
    summary = summary.strip()
    if not summary:
        raise ValidationError({"summary": _("Write the summary.")})
    check_privacy([("summary", summary)])
    first = current.summary_at is None
    current.summary = summary
    current.summary_by = actor
    current.summary_at = current.summary_at or timezone.now()
    current.full_clean(exclude=["document"])
    current.save()
    update_handled(current)
    if first:
        _announce_result(current)
    return current


def points_to_answer(review_round: ReviewRound) -> Any:
    return AdvicePoint.objects.filter(
        advice__invitation__round=review_round, advice__status=AdviceStatus.SUBMITTED
    )


def update_handled(review_round: ReviewRound) -> None:
    """Handled: summarised, and where the consortium sees the advice, every point answered."""
    needs_answers = review_round.consortium_id is not None and review_round.share_with_consortium
    done = review_round.summary_at is not None and (
        not needs_answers
        or not points_to_answer(review_round).filter(response=InputResponse.OPEN).exists()
    )
    status = RoundStatus.HANDLED if done else RoundStatus.CLOSED
    if review_round.status != status:
        review_round.status = status
        review_round.handled_at = timezone.now() if done else None
        review_round.save(update_fields=["status", "handled_at"])
        if done and review_round.approach is not None:
            # The toolbox workflow's panel step is this round: the draft goes on.
            from toolbox import services as toolbox_services

            toolbox_services.panel_step_finish(
                approach=review_round.approach,
                actor=review_round.summary_by,
                approved=True,
                comment=review_round.summary,
            )


def _announce_result(review_round: ReviewRound) -> None:
    url = reverse("action_research:panel_round", args=[review_round.pk])
    for invitation in review_round.invitations.filter(
        advice__status=AdviceStatus.SUBMITTED
    ).select_related("user"):
        notify(
            invitation.user,
            subject=gettext_lazy("What the panel advised together"),
            template="action_research/email/panel_summary.txt",
            context={"round": review_round},
            notice=gettext_lazy("The summary of “%(title)s” is ready."),
            params={"title": review_round.title},
            url=url,
            key=f"panel-summary-{review_round.pk}",
        )
    if review_round.consortium_id is None:
        return
    readers = User.objects.filter(
        is_active=True,
        memberships__consortium_id=review_round.consortium_id,
        memberships__is_active=True,
        memberships__role__in=permissions.PLAN_ROLES,
    ).distinct()
    for user in readers:
        notify_consortium_user(
            user,
            review_round,
            notice=(
                gettext_lazy("The panel's advice on “%(title)s” is ready: answer every point.")
                if review_round.share_with_consortium
                else gettext_lazy("The summary of the panel's advice on “%(title)s” is ready.")
            ),
            params={"title": review_round.title},
        )
