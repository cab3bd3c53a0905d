"""The research records as pandas frames: one query per kind, alive records only.

Rows come straight from the database cursor (no model instances): at national scale
(140,000 trajectories) building model objects would cost more than every indicator together.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import pandas as pd
from django.db import connection
from django.db.models import CharField, QuerySet
from django.db.models.functions import Cast

from action_research.models import ExpertInput, ProcessEvaluation, Project, Trajectory

# Only what the indicators read: every column costs time at 140,000 rows.
TRAJECTORY_COLUMNS = {
    "project_id": "project",
    "included_on": "included_on",
    "second_track_week": "second_track_week",
    "outcome": "outcome",
    "working_at_6_months": "working_at_6_months",
    "working_at_12_months": "working_at_12_months",
}
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
    sql, params = queryset.annotate(**as_text).values_list(*fields).query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    return pd.DataFrame.from_records(rows, columns=list(columns.values()))


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


def trajectories(projects: Sequence[int] | None = None) -> pd.DataFrame:
    """Every alive trajectory (of `projects`, or of every alive project)."""
    frame = _frame(
        _scoped(Trajectory.objects.all(), projects), TRAJECTORY_COLUMNS, dates=("included_on",)
    )
    return frame.assign(
        included_on=_dates(frame["included_on"]),
        second_track_week=pd.to_numeric(frame["second_track_week"]).astype("float64"),
        working_at_6_months=_booleans(frame["working_at_6_months"]),
        working_at_12_months=_booleans(frame["working_at_12_months"]),
    )


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
