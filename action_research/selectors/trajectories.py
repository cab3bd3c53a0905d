"""Reads of trajectories: the filtered list, the outcome mix and the follow-ups that are due."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from action_research import pseudonyms
from action_research.models import WORK_OUTCOMES, Outcome, Trajectory, add_months
from action_research.selectors.common import Workspace, record_get, records_of

FOLLOW_UP_NOTICE_DAYS = 30  # a follow-up shows as due this many days before its date


def trajectories(
    workspace: Workspace, *, outcome: str = "", code: str = ""
) -> QuerySet[Trajectory]:
    """The workspace's trajectories, newest inclusion first; filtered by outcome or code part."""
    items = records_of(workspace, Trajectory)
    if outcome in Outcome.values:
        items = items.filter(outcome=outcome)
    if code:
        items = items.filter(code__icontains=pseudonyms.normalise(code))
    return items.order_by("-included_on", "code")


def trajectory_get(workspace: Workspace, code: str, *, deleted: bool = False) -> Trajectory:
    return record_get(workspace, Trajectory, deleted=deleted, code=pseudonyms.normalise(code))


def outcome_counts(workspace: Workspace) -> list[tuple[str, str, int]]:
    """(code, label, count) for every outcome, in the vocabulary's order."""
    counts = dict(
        records_of(workspace, Trajectory)
        .order_by()
        .values_list("outcome")
        .annotate(n=Count("pk"))
        .values_list("outcome", "n")
    )
    return [(o.value, str(o.label), counts.get(o.value, 0)) for o in Outcome]


@dataclass
class FollowUp:
    code: str
    outcome: str  # label
    outcome_date: datetime.date
    version: int
    months: int
    due: datetime.date
    overdue: bool


def follow_ups_due(workspace: Workspace, *, today: datetime.date | None = None) -> list[FollowUp]:
    """Follow-ups at 6 and 12 months not recorded yet whose date is past or within 30 days.

    Reads plain rows, not model instances: a large project has thousands of candidates.
    """
    today = today or timezone.localdate()
    horizon = today + datetime.timedelta(days=FOLLOW_UP_NOTICE_DAYS)
    # Months differ in length, so the database narrows generously and Python decides exactly.
    slack = datetime.timedelta(days=3)
    rows = (
        records_of(workspace, Trajectory)
        .filter(
            Q(outcome__in=WORK_OUTCOMES, outcome_date__isnull=False)
            & (
                Q(
                    working_at_6_months__isnull=True,
                    outcome_date__lte=add_months(horizon, -6) + slack,
                )
                | Q(
                    working_at_12_months__isnull=True,
                    outcome_date__lte=add_months(horizon, -12) + slack,
                )
            )
        )
        .values_list(
            "code",
            "outcome",
            "outcome_date",
            "version",
            "working_at_6_months",
            "working_at_12_months",
        )
    )
    labels = dict(Outcome.choices)
    due: list[FollowUp] = []
    for code, outcome, outcome_date, version, at_6, at_12 in rows:
        if outcome_date is None:  # excluded by the filter; for the type checker
            continue
        for months, recorded in ((6, at_6), (12, at_12)):
            date = add_months(outcome_date, months)
            if recorded is None and date <= horizon:
                due.append(
                    FollowUp(
                        code,
                        str(labels[outcome]),
                        outcome_date,
                        version,
                        months,
                        date,
                        date <= today,
                    )
                )
    return sorted(due, key=lambda item: (item.due, item.code))


def follow_ups_due_count(workspace: Workspace, *, today: datetime.date | None = None) -> int:
    """How many follow-ups `follow_ups_due` lists, counted by the database.

    A date up to add_months(horizon, -months) is surely due; the few dates just after it can
    still be due where months differ in length, and are checked one by one.
    """
    today = today or timezone.localdate()
    horizon = today + datetime.timedelta(days=FOLLOW_UP_NOTICE_DAYS)
    work = records_of(workspace, Trajectory).filter(outcome__in=WORK_OUTCOMES)
    total = 0
    for months in (6, 12):
        open_ = work.filter(**{f"working_at_{months}_months__isnull": True})
        sure = add_months(horizon, -months)
        total += open_.filter(outcome_date__lte=sure).count()
        edge = open_.filter(
            outcome_date__gt=sure, outcome_date__lte=sure + datetime.timedelta(days=3)
        ).values_list("outcome_date", flat=True)
        total += sum(1 for date in edge if date and add_months(date, months) <= horizon)
    return total
