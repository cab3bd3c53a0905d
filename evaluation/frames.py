"""The research records as pandas frames: one query per kind, alive records only.

Rows come straight from the database cursor (no model instances): at national scale
(140,000 trajectories) building model objects would cost more than every indicator together.
Trajectories are counted by the database (grouped by what the indicators distinguish), so a
few thousand rows with a count `n` arrive instead of one row per trajectory.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import pandas as pd
from django.db import connection
from django.db.models import CharField, Count, QuerySet
from django.db.models.functions import Cast, Substr

from action_research.models import ExpertInput, ProcessEvaluation, Project, Trajectory

# What the outcome indicators distinguish; each group of trajectories arrives with its count.
TRAJECTORY_GROUPS = {
    "project_id": "project",
    "year": "year",
    "outcome": "outcome",
    "working_at_6_months": "working_at_6_months",
    "working_at_12_months": "working_at_12_months",
}
WEEK_GROUPS = {"project_id": "project", "year": "year", "second_track_week": "second_track_week"}
PROCESS_COLUMNS = {
    "project_id": "project",
    "period_start": "period_start",
    "eligible": "eligible",
    "invited": "invited",
    "included": "included",
    "dropouts": "dropouts",
    "dose_delivered": "dose_delivered",
    "dose_received": "dose_received",
    "fidelity": "fidelity",
}
INPUT_COLUMNS = {"project_id": "project", "phase": "phase", "date": "date"}


def _frame(
    queryset: QuerySet[Any], columns: dict[str, str], dates: tuple[str, ...] = ()
) -> pd.DataFrame:
    """Rows straight from the cursor. Date columns are read as ISO text and parsed by pandas in
    one vectorised pass: the database drivers' per-value date conversion costs more than every
    indicator at national scale."""
    as_text = {f"{field}_text": Cast(field, CharField()) for field in dates}
    fields = [f"{field}_text" if field in dates else field for field in columns]
    return _fetch(queryset.annotate(**as_text).values_list(*fields), list(columns.values()))


def _scoped(queryset: QuerySet[Any], projects: Sequence[int] | None) -> QuerySet[Any]:
    # No ordering: the models' default (by project, then consortium name) would make the
    # database join and sort every row for nothing.
    queryset = queryset.filter(is_deleted=False, project__is_deleted=False).order_by()
    return queryset if projects is None else queryset.filter(project_id__in=list(projects))


def _booleans(column: pd.Series) -> pd.Series:
    """Database booleans (True/False, or 1/0 from SQLite; None) as pandas' nullable boolean."""
    return pd.to_numeric(column.astype("object"), errors="raise").astype("boolean")


def _dates(column: pd.Series) -> pd.Series:
    return pd.to_datetime(column, format="%Y-%m-%d", errors="raise")


def trajectory_counts(
    projects: Sequence[int] | None = None,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Alive trajectories (of `projects`, or of every alive project), counted: the outcomes
    frame (per project, inclusion year, outcome and follow-up at 6 and 12 months) and the start
    weeks frame (per project, inclusion year and known start week), each with `n` per row.

    PostgreSQL counts with GROUP BY and sends a few thousand rows instead of 140,000. SQLite's
    GROUP BY sorts every row in a temporary B-tree; there, fetching the rows once and counting
    both frames in pandas takes half the time (BENCHMARKS.md).
    """
    queryset = _scoped(Trajectory.objects.all(), projects).annotate(year=_YEAR)
    if connection.vendor == "postgresql":
        outcome_counts = _grouped(queryset, TRAJECTORY_GROUPS)
        week_counts = _grouped(queryset.filter(second_track_week__isnull=False), WEEK_GROUPS)
    else:
        rows = _rows(queryset, {**TRAJECTORY_GROUPS, "second_track_week": "second_track_week"})
        outcome_columns = list(TRAJECTORY_GROUPS.values())
        outcome_counts = (
            rows.groupby(outcome_columns, dropna=False).size().rename("n").reset_index()
        )
        week_counts = (
            rows[rows["second_track_week"].notna()]
            .groupby(list(WEEK_GROUPS.values()))
            .size()
            .rename("n")
            .reset_index()
        )
    outcome_counts = outcome_counts.assign(
        year=pd.to_numeric(outcome_counts["year"]).astype("int64"),
        n=outcome_counts["n"].astype("int64"),
        working_at_6_months=_booleans(outcome_counts["working_at_6_months"]),
        working_at_12_months=_booleans(outcome_counts["working_at_12_months"]),
    )
    week_counts = week_counts.assign(
        year=pd.to_numeric(week_counts["year"]).astype("int64"),
        n=week_counts["n"].astype("int64"),
        second_track_week=pd.to_numeric(week_counts["second_track_week"]).astype("float64"),
    )
    return outcome_counts, week_counts


# The inclusion year as the first four characters of the ISO date: native on every database
# (SQLite computes ExtractYear with a Python function, once per row).
_YEAR = Substr(Cast("included_on", CharField()), 1, 4)


def _grouped(queryset: QuerySet[Any], groups: dict[str, str]) -> pd.DataFrame:
    counted = queryset.values(*groups).annotate(n=Count("pk")).values_list(*groups, "n")
    return _fetch(counted, [*groups.values(), "n"])


def _rows(queryset: QuerySet[Any], columns: dict[str, str]) -> pd.DataFrame:
    return _fetch(queryset.values_list(*columns), list(columns.values()))


def _fetch(queryset: QuerySet[Any], columns: list[str]) -> pd.DataFrame:
    sql, params = queryset.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    return pd.DataFrame.from_records(rows, columns=columns)


def process(projects: Sequence[int] | None = None) -> pd.DataFrame:
    """Every alive process-evaluation period."""
    frame = _frame(
        _scoped(ProcessEvaluation.objects.all(), projects), PROCESS_COLUMNS, dates=("period_start",)
    )
    numbers = {
        column: pd.to_numeric(frame[column]).astype("Int64")
        for column in ("eligible", "invited", "included", "dropouts")
    }
    percentages = {
        column: pd.to_numeric(frame[column].astype("object")).astype("float64")
        for column in ("dose_delivered", "dose_received", "fidelity")
    }
    return frame.assign(period_start=_dates(frame["period_start"]), **numbers, **percentages)


def expert_inputs(projects: Sequence[int] | None = None) -> pd.DataFrame:
    """Every alive experience-expert input: project, phase, date."""
    frame = _frame(_scoped(ExpertInput.objects.all(), projects), INPUT_COLUMNS, dates=("date",))
    return frame.assign(date=_dates(frame["date"]))


def projects() -> pd.DataFrame:
    """Every alive project with its consortium, phase and themes (a list of theme names)."""
    rows = (
        Project.objects.filter(is_deleted=False)
        .select_related("consortium")
        .prefetch_related("themes")
        .order_by("consortium__name")
    )
    return pd.DataFrame.from_records(
        [
            {
                "project": project.pk,
                "consortium": project.consortium_id,
                "consortium_name": project.consortium.name,
                "consortium_slug": project.consortium.slug,
                "title": project.title,
                "phase": project.phase,
                "themes": sorted(theme.name for theme in project.themes.all()),
            }
            for project in rows
        ],
        columns=[
            "project",
            "consortium",
            "consortium_name",
            "consortium_slug",
            "title",
            "phase",
            "themes",
        ],
    )
