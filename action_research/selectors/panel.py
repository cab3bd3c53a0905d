"""Reads of the panel's review rounds for one viewer: which rounds they see, and in each round
whose advice they see under which name (real names for programme staff only)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from accounts import permissions as account_permissions
from accounts.roles import Role
from action_research import permissions
from action_research.models import (
    Advice,
    AdvicePoint,
    AdviceStatus,
    InputResponse,
    ReviewRound,
    RoundInvitation,
    RoundStatus,
)


def rounds_visible_to(viewer: Any) -> QuerySet[ReviewRound]:
    """Every round the viewer may open; the same rule as `permissions.can_view_round`."""
    rounds = ReviewRound.objects.select_related("consortium", "approach", "discussion")
    if not getattr(viewer, "is_authenticated", False):
        return rounds.none()
    if account_permissions.is_programme_staff(viewer):
        return rounds
    own = Q(consortium_id__in=list(account_permissions.consortium_roles(viewer)))
    started = ~Q(status__in=[RoundStatus.REQUESTED, RoundStatus.DECLINED])
    if account_permissions.has_role(viewer, Role.COMMITTEE):
        return rounds.filter(own | started)
    if permissions.is_panel_member(viewer):
        return rounds.filter(own | (started & Q(invitations__user=viewer))).distinct()
    return rounds.filter(own)


def round_get_for(*, viewer: Any, pk: int) -> ReviewRound:
    """One round; Http404 when it does not exist or the viewer may not see it."""
    review_round = rounds_visible_to(viewer).filter(pk=pk).first()
    if review_round is None:
        raise Http404
    return review_round


@dataclass
class RoundLine:
    round: ReviewRound
    sent: int = 0  # advice sent (staff, committee)
    invited: int = 0
    mine: Advice | None = None  # the viewer's own advice, for panel members
    invitation: RoundInvitation | None = None
    open_points: int = 0  # points the viewer's consortium has yet to answer


@dataclass
class RoundList:
    to_advise: list[RoundLine] = field(default_factory=list)  # panel: open, invited
    requested: list[RoundLine] = field(default_factory=list)
    open: list[RoundLine] = field(default_factory=list)
    to_answer: list[RoundLine] = field(default_factory=list)  # consortium: points open
    finished: list[RoundLine] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not (
            self.to_advise or self.requested or self.open or self.to_answer or self.finished
        )


def round_list_for(*, viewer: Any) -> RoundList:
    """The panel start page: for a panel member the rounds to advise on (nearest deadline
    first) and earlier rounds; for staff, the committee and consortia the rounds they follow."""
    rounds = list(
        rounds_visible_to(viewer).annotate(
            invited_count=Count("invitations", distinct=True),
            sent_count=Count(
                "invitations__advice",
                filter=Q(invitations__advice__status=AdviceStatus.SUBMITTED),
                distinct=True,
            ),
        )
    )
    invitations = {
        i.round_id: i
        for i in RoundInvitation.objects.filter(
            user_id=getattr(viewer, "pk", 0) or 0, round__in=rounds
        ).select_related("advice")
    }
    answerable = [r.pk for r in rounds if permissions.can_respond_to_advice(viewer, r)]
    open_points = dict(
        AdvicePoint.objects.filter(
            advice__invitation__round_id__in=answerable,
            advice__status=AdviceStatus.SUBMITTED,
            response=InputResponse.OPEN,
        )
        .values_list("advice__invitation__round_id")
        .annotate(n=Count("pk"))
        .values_list("advice__invitation__round_id", "n")
    )
    listing = RoundList()
    for review_round in rounds:
        invitation = invitations.get(review_round.pk)
        line = RoundLine(
            round=review_round,
            sent=review_round.sent_count,  # type: ignore[attr-defined]
            invited=review_round.invited_count,  # type: ignore[attr-defined]
            invitation=invitation,
            mine=getattr(invitation, "advice", None) if invitation else None,
            open_points=open_points.get(review_round.pk, 0),
        )
        if review_round.status == RoundStatus.OPEN and invitation is not None:
            listing.to_advise.append(line)
        elif review_round.status == RoundStatus.REQUESTED:
            listing.requested.append(line)
        elif review_round.status == RoundStatus.OPEN:
            listing.open.append(line)
        elif line.open_points or (
            review_round.pk in answerable and review_round.status == RoundStatus.CLOSED
        ):
            listing.to_answer.append(line)
        else:
            listing.finished.append(line)
    far = _far_future()
    listing.to_advise.sort(key=lambda line: (line.round.deadline or far, line.round.pk))
    listing.open.sort(key=lambda line: (line.round.deadline or far, line.round.pk))
    return listing


def _far_future() -> Any:
    from datetime import date

    return date.max


# --- one round ----------------------------------------------------------------------------------


def public_label(invitation: RoundInvitation, advice: Advice | None) -> str:
    """A panel member's name outside programme staff: "panellid N" when the round or the
    member asks for it (or they chose no display name), the display name otherwise."""
    number = _("panel member %(number)s") % {"number": invitation.number}
    anonymous = invitation.round.anonymous or (advice is not None and advice.anonymous)
    return number if anonymous or not invitation.user.display_name else invitation.user.display_name


def panel_label(invitation: RoundInvitation, advice: Advice | None, viewer: Any) -> str:
    """How a panel member is named to this viewer: the public label; programme staff also see
    the real name beside it; the member sees "you"."""
    public = public_label(invitation, advice)
    user = invitation.user
    if permissions.sees_real_names(viewer):
        return f"{public} ({user.full_name or user.email})"
    if getattr(viewer, "pk", None) == user.pk:
        return _("you (%(name)s)") % {"name": public}
    return public


@dataclass
class AdviceEntry:
    label: str
    advice: Advice
    points: list[AdvicePoint]
    questions: list[tuple[str, str]]  # (question, answer)


@dataclass
class InvitationLine:
    """Programme staff's view of who was invited and how far they are."""

    label: str
    invitation: RoundInvitation
    status: str  # "", or an AdviceStatus


@dataclass
class RoundView:
    round: ReviewRound
    questions: list[str]
    advice: list[AdviceEntry]
    own: AdviceEntry | None
    invitations: list[InvitationLine]
    recommendations: list[tuple[str, int]]
    can_read_advice: bool
    can_read_summary: bool
    can_respond: bool
    can_advise: bool
    can_run: bool
    open_points: int
    discussion_url: str = ""  # the panel's discussion, for those taking part in it


def _entry(advice: Advice, label: str) -> AdviceEntry:
    questions = advice.invitation.round.questions
    answers = list(advice.answers) + [""] * (len(questions) - len(advice.answers))
    return AdviceEntry(
        label=label,
        advice=advice,
        points=list(advice.points.all()),
        questions=list(zip(questions, answers, strict=False)),
    )


def round_view_for(*, viewer: Any, pk: int) -> RoundView:
    """A round as the viewer may see it. Http404 when they may not see it at all."""
    review_round = round_get_for(viewer=viewer, pk=pk)
    invitations = list(
        review_round.invitations.select_related("user", "advice", "round")
        .prefetch_related("advice__points")
        .order_by("number")
    )
    for invitation in invitations:
        invitation.round = review_round
    can_read = permissions.can_read_advice(viewer, review_round)
    entries: list[AdviceEntry] = []
    own: AdviceEntry | None = None
    for invitation in invitations:
        advice = getattr(invitation, "advice", None)
        if advice is None:
            continue
        label = panel_label(invitation, advice, viewer)
        if invitation.user_id == getattr(viewer, "pk", None):
            own = _entry(advice, label)
        if can_read and advice.status == AdviceStatus.SUBMITTED:
            entries.append(_entry(advice, label))
    staff = permissions.can_run_rounds(viewer)
    lines = (
        [
            InvitationLine(
                label=panel_label(i, getattr(i, "advice", None), viewer),
                invitation=i,
                status=getattr(getattr(i, "advice", None), "status", ""),
            )
            for i in invitations
        ]
        if staff
        else []
    )
    counts: dict[str, int] = {}
    for entry in entries:
        counts[entry.advice.recommendation] = counts.get(entry.advice.recommendation, 0) + 1
    from action_research.models import Recommendation

    recommendations = [
        (str(label), counts.get(value, 0)) for value, label in Recommendation.choices
    ]
    return RoundView(
        round=review_round,
        questions=list(review_round.questions),
        advice=entries,
        own=own,
        invitations=lines,
        recommendations=recommendations,
        can_read_advice=can_read,
        can_read_summary=permissions.can_read_summary(viewer, review_round),
        can_respond=permissions.can_respond_to_advice(viewer, review_round),
        can_advise=permissions.can_advise(viewer, review_round),
        can_run=staff,
        open_points=sum(1 for e in entries for p in e.points if p.response == InputResponse.OPEN),
        discussion_url=_discussion_url(viewer, review_round),
    )


def _discussion_url(viewer: Any, review_round: ReviewRound) -> str:
    from django.urls import reverse

    from learning_network import permissions as network_permissions

    network = review_round.discussion
    if network is None or not network_permissions.can_view_network(viewer, network):
        return ""
    return reverse("learning_network:network", args=[network.slug])


def advice_get_for(*, viewer: Any, pk: int) -> tuple[ReviewRound, RoundInvitation, Advice | None]:
    """The round, the viewer's invitation and their advice so far. Http404 when the viewer is
    not invited to this round (whoever else may see it)."""
    review_round = round_get_for(viewer=viewer, pk=pk)
    invitation = (
        RoundInvitation.objects.filter(round=review_round, user_id=viewer.pk)
        .select_related("advice")
        .first()
    )
    if invitation is None or not permissions.is_panel_member(viewer):
        raise Http404
    return review_round, invitation, getattr(invitation, "advice", None)


def points_to_answer_for(*, viewer: Any, pk: int) -> tuple[ReviewRound, list[AdviceEntry]]:
    """The advice a consortium answers, point by point, named as the consortium may see it."""
    view = round_view_for(viewer=viewer, pk=pk)
    return view.round, view.advice


def panel_tasks_for(viewer: Any) -> list[Any]:
    """Start-page tasks: advice to give (panel), requests to decide and summaries to write
    (staff), advice to answer (the consortium's coordinators and researchers)."""
    from django.urls import reverse
    from django.utils.formats import date_format

    from accounts.selectors import Task

    if not getattr(viewer, "is_authenticated", False):
        return []
    listing = round_list_for(viewer=viewer)
    tasks = [
        Task(
            _("Give your advice on “%(title)s” by %(deadline)s.")
            % {
                "title": line.round.title,
                "deadline": date_format(line.round.deadline, "j F") if line.round.deadline else "",
            },
            reverse("action_research:panel_advice", args=[line.round.pk]),
            urgent=line.round.deadline is not None,
        )
        for line in listing.to_advise
        if line.mine is None or line.mine.status != AdviceStatus.SUBMITTED
    ]
    tasks += [
        Task(
            _("Answer the panel's advice on “%(title)s”.") % {"title": line.round.title},
            reverse("action_research:panel_answer", args=[line.round.pk]),
            urgent=True,
        )
        for line in listing.to_answer
        if line.open_points
    ]
    if permissions.can_run_rounds(viewer):
        tasks += [
            Task(
                _("Decide on the request for panel advice “%(title)s”.")
                % {"title": line.round.title},
                reverse("action_research:panel_round", args=[line.round.pk]),
                urgent=True,
            )
            for line in listing.requested
        ]
        tasks += [
            Task(
                _("Write the summary of the panel round “%(title)s”.")
                % {"title": line.round.title},
                reverse("action_research:panel_round", args=[line.round.pk]),
            )
            for line in listing.to_answer + listing.finished
            if line.round.status == RoundStatus.CLOSED and line.round.summary_at is None
        ]
    return tasks


EXPORT_COLUMNS = [
    "panellid",
    "advies",
    "soort",
    "vraag",
    "tekst",
    "wat is ermee gedaan",
    "waarom",
]


def advice_export_rows(*, viewer: Any, pk: int) -> tuple[ReviewRound, list[list[str]]]:
    """The sent advice of a round, one row per point (and one for "what works"), for those who
    may read it. Names are the public labels for everyone, programme staff included: a file
    travels further than a page. Http404 or PermissionDenied otherwise."""
    from django.core.exceptions import PermissionDenied

    view = round_view_for(viewer=viewer, pk=pk)
    if not view.can_read_advice or view.round.status == RoundStatus.OPEN:
        raise PermissionDenied
    rows: list[list[str]] = []
    for entry in view.advice:
        advice = entry.advice
        label = public_label(advice.invitation, advice)
        recommendation = advice.get_recommendation_display()
        if advice.works:
            rows.append(
                [
                    label,
                    recommendation,
                    str(_("What works for employees")),
                    "",
                    advice.works,
                    "",
                    "",
                ]
            )
        for point in entry.points:
            rows.append(
                [
                    label,
                    recommendation,
                    point.get_kind_display(),
                    str(point.question or ""),
                    point.text,
                    point.get_response_display() if point.response != InputResponse.OPEN else "",
                    point.reason,
                ]
            )
    return view.round, rows


@dataclass
class ConsortiumRound:
    """A round on the consortium's plan or approach, with what was done with the points."""

    round: ReviewRound
    advice: int  # pieces of advice sent
    points: dict[str, int]  # response → number of points

    @property
    def adopted(self) -> int:
        return self.points[InputResponse.ADOPTED]

    @property
    def partly(self) -> int:
        return self.points[InputResponse.PARTLY]

    @property
    def not_adopted(self) -> int:
        return self.points[InputResponse.NOT_ADOPTED]

    @property
    def unanswered(self) -> int:
        return self.points[InputResponse.OPEN]


def consortium_rounds(*, viewer: Any, consortium: Any) -> list[ConsortiumRound]:
    """The panel's rounds on the consortium's plans and approaches (requested and declined
    ones left out), for the experience-expert overview of its workspace: evidence that
    experience expertise was brought in, and what the project did with it."""
    rounds = list(
        rounds_visible_to(viewer)
        .filter(consortium=consortium)
        .exclude(status__in=[RoundStatus.REQUESTED, RoundStatus.DECLINED])
        .annotate(
            sent=Count(
                "invitations__advice",
                filter=Q(invitations__advice__status=AdviceStatus.SUBMITTED),
                distinct=True,
            )
        )
        .order_by("-opened_at", "-pk")
    )
    tallies: dict[int, dict[str, int]] = {}
    for round_id, response, n in (
        AdvicePoint.objects.filter(
            advice__invitation__round__in=rounds, advice__status=AdviceStatus.SUBMITTED
        )
        .values_list("advice__invitation__round_id", "response")
        .annotate(n=Count("pk"))
    ):
        tallies.setdefault(round_id, {})[response] = n
    return [
        ConsortiumRound(
            round=r,
            advice=r.sent,  # type: ignore[attr-defined]
            points={value: tallies.get(r.pk, {}).get(value, 0) for value in InputResponse.values},
        )
        for r in rounds
    ]
