"""The evaluation pages' figures for a viewer: computed once per data version, then cached.

Every number comes from one indicator function in `evaluation.analysis`; every aggregate shown
outside a consortium passes `analysis.suppression` (primary and secondary) before it becomes a
table cell or a bar.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Any

import pandas as pd
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.db.models import Min
from django.http import Http404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from accounts.models import Consortium
from action_research.models import Project, Trajectory
from action_research.models.trajectories import PROGRAMME_START
from action_research.selectors import research_data_version
from evaluation import charts, exports, frames, permissions
from evaluation.analysis import involvement, outcomes, process
from evaluation.analysis.suppression import Status, suppress_groups
from evaluation.tables import Cell, Row, Table, count, number, percent, suppression_note

CACHE_SECONDS = 60 * 60
PROGRAMME = "programme"


def outcome_labels() -> dict[str, str]:
    return {
        "nieuwe-werkgever": _("New employer"),
        "eigen-werkgever": _("Own employer"),
        "nog-geen-resultaat": _("No result yet"),
        "uitval-overig": _("Out of work or other"),
    }


def phase_labels() -> dict[str, str]:
    from action_research.models import InvolvementPhase

    return {phase.value: str(phase.label) for phase in InvolvementPhase}


@dataclass
class Figure:
    """One indicator block: a heading, its table, optionally a chart of the same numbers."""

    key: str
    title: str
    table: Table
    chart: str = ""
    explanation: str = ""


@dataclass
class Evaluation:
    title: str
    n_trajectories: int
    n_projects: int
    figures: list[Figure] = field(default_factory=list)
    suppressed: bool = True

    def figure(self, key: str) -> Figure:
        return next(figure for figure in self.figures if figure.key == key)


@dataclass(frozen=True)
class Rows:
    """The rows of a figure's table: each group (a project, the programme) with the projects
    it sums, its name and link, and whether small numbers are hidden."""

    groups: dict[Any, list[Any]]
    names: dict[Any, str]
    links: dict[Any, str] = field(default_factory=dict)
    suppressed: bool = True

    @property
    def units(self) -> list[Any]:
        """Every project that some group sums, once, in order."""
        return list(dict.fromkeys(unit for members in self.groups.values() for unit in members))


# --- entry points -------------------------------------------------------------------------------


def programme_dashboard(*, viewer: Any) -> Evaluation:
    """The programme dashboard. Raises PermissionDenied for anyone but programme staff, the
    committee and observers. The same for all of them: aggregates only, small numbers hidden."""
    if not permissions.can_view_programme(viewer):
        raise PermissionDenied
    key = f"evaluation:programme:{research_data_version()}:{get_language()}"
    result = cache.get(key)
    if result is None:
        result = _programme()
        cache.set(key, result, CACHE_SECONDS)
    # Network activity and lessons change without research records changing: counted afresh
    # (a few grouped queries).
    result.figures.extend([_activity_figure(), _lessons_figure()])
    return result


@dataclass
class AnnualReport:
    year: int
    years: list[int]
    evaluation: Evaluation
    lessons: list[Any]
    generated: datetime.date


def report_years() -> list[int]:
    """The years an annual report can cover: from the first inclusion (or the programme's
    start) up to this year."""
    first = Trajectory.objects.filter(is_deleted=False).aggregate(first=Min("included_on"))
    start = (first["first"] or PROGRAMME_START).year
    return list(range(max(start, PROGRAMME_START.year), timezone.localdate().year + 1))


def annual_report(*, viewer: Any, year: int) -> AnnualReport:
    """The programme's figures for one year (trajectories included, process periods starting
    and experience-expert input given in that year; network activity and lessons of that year).
    Same audience and small-number rules as the dashboard; 404 for a year outside the
    programme."""
    if not permissions.can_view_programme(viewer):
        raise PermissionDenied
    years = report_years()
    if year not in years:
        raise Http404
    key = f"evaluation:annual:{year}:{research_data_version()}:{get_language()}"
    result = cache.get(key)
    if result is None:
        result = _programme(year=year)
        cache.set(key, result, CACHE_SECONDS)
    start, end = datetime.date(year, 1, 1), datetime.date(year + 1, 1, 1)
    result.figures.extend([_activity_figure(start, end), _lessons_figure(start, end)])
    from learning_network.selectors import confirmed_lessons

    return AnnualReport(
        year=year,
        years=years,
        evaluation=result,
        lessons=list(confirmed_lessons(start=start, end=end)),
        generated=timezone.localdate(),
    )


def project_evaluation(*, viewer: Any, slug: str) -> tuple[Consortium, Evaluation]:
    """One consortium's project against the programme. 404 for a consortium the viewer may not
    see (so it is not even confirmed to exist); small numbers hidden outside the consortium."""
    consortium = Consortium.objects.filter(slug=slug).first()
    if consortium is None or not permissions.can_view_project(viewer, consortium):
        raise Http404
    whole = permissions.sees_small_numbers(viewer, consortium)
    key = (
        f"evaluation:project:{consortium.pk}:{int(whole)}:{research_data_version()}:"
        f"{get_language()}"
    )
    result = cache.get(key)
    if result is None:
        result = _project(consortium, suppressed=not whole)
        cache.set(key, result, CACHE_SECONDS)
    return consortium, result


# --- the programme ------------------------------------------------------------------------------


def _programme(year: int | None = None) -> Evaluation:
    """Every figure of the programme; with `year`, only the trajectories included, the process
    periods starting and the experience-expert input given in that year."""
    projects = frames.projects()
    trajectories, weeks = frames.trajectory_counts()
    periods = frames.process()
    inputs = frames.expert_inputs()
    if year is not None:
        trajectories = trajectories[trajectories["year"] == year]
        weeks = weeks[weeks["year"] == year]
        periods = periods[periods["period_start"].dt.year == year]
        inputs = inputs[inputs["date"].dt.year == year]
    labels = dict(zip(projects["project"], projects["consortium_name"], strict=True))
    links = {
        row.project: reverse("evaluation:project", args=[row.consortium_slug])
        for row in projects.itertuples()
    }
    groups: dict[Any, list[Any]] = {PROGRAMME: list(projects["project"])}
    groups.update({project: [project] for project in projects["project"]})
    theme_groups = _theme_groups(projects)
    names = {PROGRAMME: _("Programme"), **labels}

    evaluation = Evaluation(
        title=_("Programme dashboard")
        if year is None
        else _("Annual report %(year)s") % {"year": year},
        n_trajectories=int(trajectories["n"].sum()),
        n_projects=len(projects),
    )
    # The outcome tables per project and per theme share their cells (a theme of one project
    # repeats that project's row), so they are audited together and shown with one pattern.
    categories = list(outcomes.OUTCOME_GROUPS)
    outcome_counts = outcomes.outcome_counts(trajectories, by=["project"]).reindex(
        list(projects["project"]), fill_value=0
    )
    theme_keys: dict[Any, list[Any]] = {
        ("theme", theme): members for theme, members in theme_groups.items()
    }
    outcome_status = suppress_groups(
        outcome_counts[categories],
        {**groups, **theme_keys},
        {**{c: [c] for c in categories}, "n": categories},
    )
    rows = Rows(groups, names, links)
    evaluation.figures = [
        _outcome_figure(trajectories, rows, status=outcome_status),
        _outcome_theme_figure(outcome_counts, theme_keys, outcome_status),
        _inclusions_figure(trajectories, list(projects["project"]), suppressed=True),
        *_sustained_figures(trajectories, rows),
        _start_week_figure(weeks, rows),
        *_process_share_figures(periods, rows),
        _delivery_figure(periods, rows),
        _involvement_figure(inputs, list(projects["project"])),
    ]
    return evaluation


def _theme_groups(projects: pd.DataFrame) -> dict[str, list[int]]:
    themes: dict[str, list[int]] = {}
    for row in projects.itertuples():
        for theme in row.themes:
            themes.setdefault(theme, []).append(row.project)
    return dict(sorted(themes.items()))


# --- one project ---------------------------------------------------------------------------------


def _project(consortium: Consortium, *, suppressed: bool) -> Evaluation:
    projects = frames.projects()
    mine = projects[projects["consortium"] == consortium.pk]
    evaluation = Evaluation(title=consortium.name, n_trajectories=0, n_projects=len(mine))
    evaluation.suppressed = suppressed
    if mine.empty:
        return evaluation
    project = int(mine["project"].iloc[0])
    everyone = list(projects["project"])
    trajectories, weeks = frames.trajectory_counts()
    periods = frames.process()
    inputs = frames.expert_inputs()
    own = trajectories[trajectories["project"] == project]
    evaluation.n_trajectories = int(own["n"].sum())
    rows = Rows({project: [project]}, {project: consortium.name}, suppressed=suppressed)
    own_periods = periods[periods["project"] == project]
    evaluation.figures = [
        _outcome_figure(own, rows, median_of=trajectories),
        _outcomes_over_time_figure(own, suppressed=suppressed),
        _inclusions_figure(own, [project], suppressed=suppressed),
        *_sustained_figures(own, rows, median_of=trajectories),
        _start_week_figure(weeks[weeks["project"] == project], rows, median_of=weeks),
        *_process_share_figures(own_periods, rows, median_of=periods),
        _delivery_figure(own_periods, rows),
        _involvement_figure(inputs, [project], everyone=everyone, all_inputs=inputs),
    ]
    return evaluation


# --- figures ------------------------------------------------------------------------------------


def _statuses(
    counts: pd.DataFrame,
    groups: dict[Any, list[Any]],
    measures: dict[str, list[str]],
    *,
    suppressed: bool,
) -> pd.DataFrame:
    if suppressed:
        return suppress_groups(counts, groups, measures)
    return pd.DataFrame(
        [[Status.SHOWN] * len(measures) for _group in groups],
        index=pd.Index(list(groups), dtype=object),
        columns=list(measures),
        dtype=object,
    )


def _median_row(label: str, cells: list[Cell]) -> Row:
    return Row(label, cells, reference=True)


def _outcome_figure(
    trajectories: pd.DataFrame,
    rows: Rows,
    *,
    median_of: pd.DataFrame | None = None,
    status: pd.DataFrame | None = None,
) -> Figure:
    labels = outcome_labels()
    categories = list(outcomes.OUTCOME_GROUPS)
    counts = outcomes.outcome_counts(trajectories, by=["project"]).reindex(
        rows.units,
        fill_value=0,
    )
    if status is None:
        measures = {**{c: [c] for c in categories}, "n": categories}
        status = _statuses(counts[categories], rows.groups, measures, suppressed=rows.suppressed)
    table = Table(
        caption=_("Outcome of the trajectories"),
        headers=[_("Group"), *labels.values(), _("Trajectories (n)")],
        note=suppression_note() if rows.suppressed else "",
    )
    chart_series: list[tuple[str, list[float | None]]] = []
    for group, members in rows.groups.items():
        sums = counts.loc[members, categories].sum()
        n = int(sums.sum())
        n_status = status.at[group, "n"]
        cells = []
        for category in categories:
            cell_status = status.at[group, category]
            share = sums[category] / n if n and n_status is Status.SHOWN else None
            cells.append(
                percent(share, cell_status, n=int(sums[category]))
                if share is not None or cell_status is not Status.SHOWN
                else count(int(sums[category]), cell_status)
            )
        table.rows.append(
            Row(rows.names[group], [*cells, count(n, n_status)], rows.links.get(group, ""))
        )
        if len(chart_series) == 0:
            chart_series.append((rows.names[group], [cell.value for cell in cells]))
    if median_of is not None:
        per_project = outcomes.outcome_shares(outcomes.outcome_counts(median_of, by=["project"]))
        medians = [outcomes.project_median(per_project[c]) for c in categories]
        table.rows.append(
            _median_row(
                _("Programme median of the projects"),
                [*(percent(value) for value in medians), Cell("")],
            )
        )
    reference = [outcomes.REFERENCE_2016[c] for c in categories]
    table.rows.append(
        Row(
            _("Reference 2016 (n = %(n)s)") % {"n": outcomes.REFERENCE_2016_N},
            [*(percent(value) for value in reference), count(outcomes.REFERENCE_2016_N)],
            reference=True,
        )
    )
    chart_series.append((_("2016"), [value * 100 for value in reference]))
    title = _("Outcome of the trajectories, next to the 2016 reference")
    chart = charts.bar_chart(
        title=title,
        description=_("The same numbers are in the table below the chart."),
        categories=list(labels.values()),
        series=chart_series,
    )
    return Figure(
        "outcomes",
        title,
        table,
        chart,
        _(
            "Share of all included trajectories per outcome, in the four groups of the 2016 "
            "study (Panteia/SEO/De Beleidsonderzoekers, 408 trajectories)."
        ),
    )


def _outcomes_over_time_figure(trajectories: pd.DataFrame, *, suppressed: bool) -> Figure:
    """One project's outcomes per inclusion year: does the approach do better as it matures?
    The years and their total are audited together, so no year can be worked out from the
    total."""
    labels = outcome_labels()
    categories = list(outcomes.OUTCOME_GROUPS)
    counts = outcomes.outcome_counts(trajectories, by=["year"])
    years = [int(year) for year in counts.index]
    groups: dict[Any, list[Any]] = {year: [year] for year in years}
    groups[PROGRAMME] = years
    measures = {**{c: [c] for c in categories}, "n": categories}
    status = _statuses(counts[categories], groups, measures, suppressed=suppressed)
    table = Table(
        caption=_("Outcome per year of inclusion"),
        headers=[_("Year of inclusion"), *labels.values(), _("Trajectories (n)")],
        note=suppression_note() if suppressed else "",
    )
    series: dict[str, list[float | None]] = {category: [] for category in categories}
    for group, members in groups.items():
        sums = counts.loc[members, categories].sum() if members else counts[categories].sum()
        n = int(sums.sum())
        n_status = status.at[group, "n"]
        cells = [
            percent(
                sums[c] / n if n and n_status is Status.SHOWN else None,
                status.at[group, c],
                n=int(sums[c]),
            )
            for c in categories
        ]
        label = _("All years") if group == PROGRAMME else str(group)
        table.rows.append(Row(label, [*cells, count(n, n_status)]))
        if group != PROGRAMME:
            for category, cell in zip(categories, cells, strict=True):
                series[category].append(cell.value)
    title = _("Outcome per year of inclusion")
    chart = (
        charts.bar_chart(
            title=title,
            description=_("The same numbers are in the table below the chart."),
            categories=[str(year) for year in years],
            series=[(labels[c], series[c]) for c in categories],
            horizontal=False,
        )
        if len(years) > 1
        else ""
    )
    return Figure(
        "outcomes-over-time",
        title,
        table,
        chart,
        _(
            "The trajectories of each year, by their outcome so far: recent years have more "
            "trajectories still running."
        ),
    )


def _outcome_theme_figure(
    counts: pd.DataFrame, theme_keys: dict[Any, list[int]], status: pd.DataFrame
) -> Figure:
    labels = outcome_labels()
    categories = list(outcomes.OUTCOME_GROUPS)
    table = Table(
        caption=_("Outcome per theme"),
        headers=[_("Theme"), *labels.values(), _("Trajectories (n)")],
        note=_("A project can work on more than one theme, so the rows overlap. ")
        + suppression_note(),
    )
    for key, members in theme_keys.items():
        sums = counts.loc[members, categories].sum()
        n = int(sums.sum())
        n_status = status.at[key, "n"]
        cells = [
            percent(
                sums[c] / n if n and n_status is Status.SHOWN else None,
                status.at[key, c],
                n=int(sums[c]),
            )
            for c in categories
        ]
        table.rows.append(Row(key[1], [*cells, count(n, n_status)]))
    return Figure("themes", _("Outcome per theme"), table)


def _inclusions_figure(
    trajectories: pd.DataFrame, projects: list[int], *, suppressed: bool
) -> Figure:
    per_year = outcomes.inclusions_per_year(trajectories, by=["project"])["n"]
    years = sorted({int(year) for _project, year in per_year.index}) if len(per_year) else []
    counts = (
        per_year.unstack("year", fill_value=0).reindex(index=projects, columns=years, fill_value=0)
        if years
        else pd.DataFrame(index=projects)
    )
    counts.columns = [str(year) for year in counts.columns]
    groups: dict[Any, list[Any]] = {PROGRAMME: projects, **{p: [p] for p in projects}}
    measures = {**{str(y): [str(y)] for y in years}, "n": [str(y) for y in years]}
    status = (
        _statuses(counts, groups, measures, suppressed=suppressed)
        if years
        else pd.DataFrame(index=list(groups))
    )
    table = Table(
        caption=_("Trajectories included per year"),
        headers=[_("Year"), _("Trajectories (n)")],
        note=suppression_note() if suppressed else "",
    )
    values: list[float | None] = []
    for year in years:
        total = int(counts[str(year)].sum())
        cell = count(total, status.at[PROGRAMME, str(year)])
        values.append(cell.value)
        table.rows.append(Row(str(year), [cell]))
    title = _("Trajectories included per year")
    chart = (
        charts.bar_chart(
            title=title,
            description=_("The same numbers are in the table below the chart."),
            categories=[str(year) for year in years],
            series=[(_("Trajectories"), values)],
            unit="",
            horizontal=False,
        )
        if years
        else ""
    )
    return Figure("inclusions", title, table, chart)


def _share_table(
    per_project: pd.DataFrame,
    part: str,
    rest: str,
    rows: Rows,
    *,
    caption: str,
    headers: list[str],
    median: float | None = None,
) -> Table:
    """A share per group (`part` of `part` + `rest`, summed over the group's projects) with its
    total, both audited for small numbers; optionally the programme median of the projects."""
    units = rows.units
    result = per_project.reindex(units, fill_value=0)
    status = _statuses(
        result[[part, rest]].astype("int64"),
        rows.groups,
        {part: [part], "total": [part, rest]},
        suppressed=rows.suppressed,
    )
    table = Table(caption, headers, note=suppression_note() if rows.suppressed else "")
    for group, members in rows.groups.items():
        numerator = int(result.loc[members, part].sum())
        total = numerator + int(result.loc[members, rest].sum())
        total_status = status.at[group, "total"]
        share = numerator / total if total and total_status is Status.SHOWN else None
        table.rows.append(
            Row(
                rows.names[group],
                [percent(share, status.at[group, part], n=numerator), count(total, total_status)],
                rows.links.get(group, ""),
            )
        )
    if median is not None:
        table.rows.append(
            _median_row(_("Programme median of the projects"), [percent(median), Cell("")])
        )
    return table


def _sustained_figures(
    trajectories: pd.DataFrame,
    rows: Rows,
    *,
    median_of: pd.DataFrame | None = None,
) -> list[Figure]:
    figures = []
    for months in (6, 12):
        title = _("Still at work %(months)s months after going back to work") % {"months": months}
        median = (
            outcomes.project_median(
                outcomes.sustained_work(median_of, months, by=["project"])["share"]
            )
            if median_of is not None
            else None
        )
        table = _share_table(
            outcomes.sustained_work(trajectories, months, by=["project"]),
            "working",
            "not_working",
            rows,
            caption=title,
            headers=[_("Group"), _("Still at work"), _("Followed up (n)")],
            median=median,
        )
        figures.append(
            Figure(
                f"sustained-{months}",
                title,
                table,
                explanation=_(
                    "Of the employees who went back to work (new or own employer) and whose "
                    "follow-up is recorded: the share still working."
                ),
            )
        )
    return figures


def _start_week_figure(
    weeks: pd.DataFrame,
    rows: Rows,
    *,
    median_of: pd.DataFrame | None = None,
) -> Figure:
    units = rows.units
    counts = weeks.groupby("project")["n"].sum().reindex(units, fill_value=0).to_frame("known")
    status = _statuses(
        counts.astype("int64"), rows.groups, {"n": ["known"]}, suppressed=rows.suppressed
    )
    table = Table(
        caption=_("Week of sickness in which the 2nd track started (median)"),
        headers=[_("Group"), _("Median week"), _("Known (n)")],
        note=suppression_note() if rows.suppressed else "",
    )
    per_project = outcomes.start_week(weeks, by=["project"])
    for group, members in rows.groups.items():
        if len(members) == 1:  # one project: its own row of the grouped result
            result = (
                per_project.loc[members[0]]
                if members[0] in per_project.index
                else pd.Series({"n": 0, "median": float("nan")})
            )
        else:
            subset = weeks[weeks["project"].isin(members)]
            result = outcomes.start_week(subset).iloc[0]
        n_status = status.at[group, "n"]
        table.rows.append(
            Row(
                rows.names[group],
                [
                    number(result["median"], 0, n_status),
                    count(int(result["n"]), n_status),
                ],
                rows.links.get(group, ""),
            )
        )
    if median_of is not None:
        per_project = outcomes.start_week(median_of, by=["project"])["median"]
        table.rows.append(
            _median_row(
                _("Programme median of the projects"),
                [number(outcomes.project_median(per_project)), Cell("")],
            )
        )
    return Figure(
        "start-week",
        table.caption,
        table,
        explanation=_(
            "The programme wants the 2nd track to start earlier: a lower week is better. Week "
            "26 is about half a year of sickness."
        ),
    )


def _process_share_figures(
    periods: pd.DataFrame,
    rows: Rows,
    *,
    median_of: pd.DataFrame | None = None,
) -> list[Figure]:
    """Reach and drop-out: a share of people per group, from the process evaluation."""
    indicators = [
        (
            "reach",
            process.reach,
            "included",
            "not_included",
            _("Reach: included of those eligible"),
            [_("Group"), _("Reach"), _("Eligible (n)")],
        ),
        (
            "dropout",
            process.dropout,
            "dropouts",
            "stayed",
            _("Drop-out: stopped of those included"),
            [_("Group"), _("Drop-out"), _("Included (n)")],
        ),
    ]
    figures = []
    for key, indicator, part, rest, caption, headers in indicators:
        median = (
            outcomes.project_median(indicator(median_of, by=["project"])["share"])
            if median_of is not None
            else None
        )
        table = _share_table(
            indicator(periods, by=["project"]),
            part,
            rest,
            rows,
            caption=caption,
            headers=headers,
            median=median,
        )
        figures.append(Figure(key, caption, table))
    return figures


def _delivery_figure(periods: pd.DataFrame, rows: Rows) -> Figure:
    columns = {
        "dose_delivered": _("Dose delivered"),
        "dose_received": _("Dose received"),
        "fidelity": _("Fidelity"),
    }
    table = Table(
        caption=_("Dose and fidelity (mean percentage, weighted by people included)"),
        headers=[_("Group"), *columns.values(), _("Periods (n)")],
    )
    per_project = {c: process.delivery(periods, c, by=["project"])["mean"] for c in columns}
    for group, members in rows.groups.items():
        if len(members) == 1:  # one project: its own row of the grouped result
            means = [per_project[c].get(members[0], float("nan")) for c in columns]
        else:
            subset = periods[periods["project"].isin(members)]
            means = [process.delivery(subset, c).iloc[0]["mean"] for c in columns]
        periods_n = int(periods["project"].isin(members).sum())
        table.rows.append(
            Row(
                rows.names[group],
                [*(number(mean) for mean in means), count(periods_n)],
                rows.links.get(group, ""),
            )
        )
    return Figure(
        "delivery",
        table.caption,
        table,
        explanation=_(
            "Percentages of what was planned, as the projects report them per period; they "
            "describe the work, not people, so they are shown in full."
        ),
    )


def _involvement_figure(
    inputs: pd.DataFrame,
    projects: list[int],
    *,
    everyone: list[int] | None = None,
    all_inputs: pd.DataFrame | None = None,
) -> Figure:
    labels = phase_labels()
    result = involvement.involvement_per_phase(inputs, projects)
    headers = [_("Phase"), _("Inputs (n)"), _("Projects with input")]
    table = Table(caption=_("Experience-expert involvement per phase"), headers=headers)
    for phase, row in result.iterrows():
        table.rows.append(
            Row(
                labels.get(str(phase), str(phase)),
                [count(int(row["inputs"])), percent(row["share"], n=int(row["projects"]))],
            )
        )
    if everyone is not None and all_inputs is not None:
        programme = involvement.involvement_per_phase(all_inputs, everyone)
        table.headers.append(_("All projects with input"))
        table.rows = [
            Row(row.label, [*row.cells, percent(programme.iloc[index]["share"])])
            for index, row in enumerate(table.rows)
        ]
    return Figure("involvement", table.caption, table)


def _projects_figure(projects: pd.DataFrame) -> Figure:
    """Projects per theme and phase (projects, not people: shown in full)."""
    from action_research.models import ProjectPhase

    phases = [(phase.value, str(phase.label)) for phase in ProjectPhase]
    table = Table(
        caption=_("Projects by theme and phase"),
        headers=[_("Theme"), *(label for _value, label in phases), _("Projects (n)")],
    )
    exploded = projects.explode("themes")
    for theme in sorted(exploded["themes"].dropna().unique()):
        rows = exploded[exploded["themes"] == theme]
        cells = [count(int((rows["phase"] == value).sum())) for value, _label in phases]
        table.rows.append(Row(str(theme), [*cells, count(len(rows))]))
    cells = [count(int((projects["phase"] == value).sum())) for value, _label in phases]
    table.rows.append(Row(_("All projects"), [*cells, count(len(projects))]))
    return Figure(
        "projects",
        table.caption,
        table,
        explanation=_("A project can work on more than one theme, so the theme rows overlap."),
    )


def _activity_figure(
    start: datetime.date | None = None, end: datetime.date | None = None
) -> Figure:
    from learning_network.selectors import network_activity

    table = Table(
        caption=_("Activity in the learning networks"),
        headers=[
            _("Learning network"),
            _("Threads (n)"),
            _("Posts (n)"),
            _("People who wrote (n)"),
            _("Meetings (n)"),
            _("Confirmed lessons (n)"),
        ],
    )
    for row in network_activity(start=start, end=end):
        table.rows.append(
            Row(
                row["network"],
                [count(row[key]) for key in ("threads", "posts", "writers", "meetings", "lessons")],
            )
        )
    return Figure(
        "activity",
        table.caption,
        table,
        explanation=(
            _("Since each network started.")
            if start is None
            else _("In %(year)s.") % {"year": start.year}
        )
        + " "
        + _("Counts of contributions, not of employees: shown in full."),
    )


def _lessons_figure(start: datetime.date | None = None, end: datetime.date | None = None) -> Figure:
    from learning_network.models import LessonKind
    from learning_network.selectors import confirmed_lesson_counts

    counts = confirmed_lesson_counts(start=start, end=end)
    table = Table(
        caption=_("Confirmed lessons of the learning networks, by kind"),
        headers=[_("Kind"), _("Lessons (n)")],
    )
    for kind in LessonKind:
        table.rows.append(Row(str(kind.label), [count(counts[kind.value])]))
    return Figure("lessons", table.caption, table)


# --- exports -------------------------------------------------------------------------------------

# Which workspace section each dataset belongs to (who may read it inside the consortium).
DATASET_SECTIONS = {
    "trajecten": "trajectories",
    "procesevaluatie": "process",
    "kosten": "costs",
    "inbreng": "experts",
}


def dataset_labels() -> dict[str, str]:
    return {
        "trajecten": _("Trajectories"),
        "procesevaluatie": _("Process evaluation"),
        "kosten": _("Costs"),
        "inbreng": _("Experience-expert input"),
    }


def programme_export(*, viewer: Any, dataset: str) -> exports.Export:
    """Every consortium's records of one dataset, pseudonymised. PermissionDenied unless the
    viewer is programme staff; KeyError for an unknown dataset."""
    if not permissions.can_export_programme(viewer):
        raise PermissionDenied
    projects = list(
        Project.objects.filter(is_deleted=False).order_by("pk").values_list("pk", flat=True)
    )
    labels = exports.project_numbers(projects)
    return exports.build(dataset, projects=projects, labels=labels, pseudonymised=True)


def project_exports_for(*, viewer: Any, consortium: Consortium) -> list[str]:
    """The datasets of its own project the viewer may export (none outside the consortium,
    except for programme staff; experience experts only what the consortium shares)."""
    from action_research import permissions as workspace_permissions
    from action_research.services import project_of

    project = project_of(consortium)
    if project is None:
        return []
    return [
        dataset
        for dataset, section in DATASET_SECTIONS.items()
        if workspace_permissions.can_read_section(viewer, consortium, project, section)
    ]


def project_export(*, viewer: Any, slug: str, dataset: str) -> exports.Export:
    """One dataset of a consortium's own project, whole. 404 for a consortium the viewer may not
    see; PermissionDenied for a dataset of a section the viewer may not read."""
    from action_research.services import project_of

    consortium = Consortium.objects.filter(slug=slug).first()
    if consortium is None or not permissions.can_view_project(viewer, consortium):
        raise Http404
    if dataset not in project_exports_for(viewer=viewer, consortium=consortium):
        raise PermissionDenied
    project = project_of(consortium)
    assert project is not None  # noqa: S101 - project_exports_for is empty without one
    return exports.build(
        dataset, projects=[project.pk], labels={project.pk: consortium.slug}, pseudonymised=False
    )


def bundle_workspace(*, viewer: Any, slug: str) -> Any:
    """The workspace a project bundle is made of: programme staff only (they hand it to the
    independent evaluators); 404 for an unknown consortium."""
    from action_research.selectors import workspace_get

    if not permissions.can_export_programme(viewer):
        raise PermissionDenied
    return workspace_get(viewer=viewer, slug=slug)
