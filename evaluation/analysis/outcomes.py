"""Outcome indicators over the trajectories frame: one documented function per indicator.

The trajectories frame counts (alive) trajectories: each row stands for `n` trajectories that
share `project`, `year` (of inclusion), `outcome` (the `Outcome` values), `working_at_6_months`
and `working_at_12_months` (True/False/NA: NA while not recorded). The database groups them
(`evaluation.frames`), so 140,000 trajectories arrive as a few thousand rows; a frame with one
row per trajectory and `n` = 1 is just as valid. The start weeks frame counts the same way per
`project`, `year` and known `second_track_week`. Grouping columns (`by`) are passed through.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

# The four outcome groups of the 2016 reference study, in display order, with the outcomes
# (action_research.models.Outcome values) that fall in each.
OUTCOME_GROUPS: dict[str, tuple[str, ...]] = {
    "nieuwe-werkgever": ("plaatsing-2e-spoor",),
    "eigen-werkgever": ("terugkeer-eigen-werkgever",),
    "nog-geen-resultaat": ("lopend",),
    "uitval-overig": ("ziek-uit-dienst", "ontslag", "wia-instroom", "anders"),
}
GROUP_OF_OUTCOME = {
    outcome: group for group, outcomes in OUTCOME_GROUPS.items() for outcome in outcomes
}

# Panteia/SEO/De Beleidsonderzoekers (2016): outcomes of 408 2nd-track trajectories.
REFERENCE_2016 = {
    "nieuwe-werkgever": 0.20,
    "eigen-werkgever": 0.17,
    "nog-geen-resultaat": 0.24,
    "uitval-overig": 0.39,
}
REFERENCE_2016_N = 408

WORK_OUTCOMES = ("plaatsing-2e-spoor", "terugkeer-eigen-werkgever")


def outcome_counts(trajectories: pd.DataFrame, by: Sequence[str] = ()) -> pd.DataFrame:
    """Trajectories per outcome group: one row per group of `by` (one row when `by` is empty),
    one column per outcome group (every group present, zero where none), plus `n`."""
    groups = trajectories["outcome"].map(GROUP_OF_OUTCOME)
    if groups.isna().any():
        unknown = sorted(set(trajectories.loc[groups.isna(), "outcome"]))
        raise ValueError(f"unknown outcomes: {unknown}")
    frame = trajectories.assign(group=pd.Categorical(groups, categories=list(OUTCOME_GROUPS)))
    if by:
        counts = (
            frame.groupby([*by, "group"], observed=False)["n"].sum().unstack("group", fill_value=0)
        )
    else:
        counts = frame.groupby("group", observed=False)["n"].sum().to_frame().T
        counts = counts.reset_index(drop=True)
    counts = counts.reindex(columns=list(OUTCOME_GROUPS), fill_value=0).astype("int64")
    counts.columns = pd.Index(list(OUTCOME_GROUPS))
    counts["n"] = counts.sum(axis=1)
    return counts


def outcome_shares(counts: pd.DataFrame) -> pd.DataFrame:
    """The share of each outcome group in `n` (from `outcome_counts`); NaN where n is 0."""
    shares = counts[list(OUTCOME_GROUPS)].div(counts["n"].where(counts["n"] > 0), axis=0)
    return shares.astype("float64")


def sustained_work(trajectories: pd.DataFrame, months: int, by: Sequence[str] = ()) -> pd.DataFrame:
    """Still working `months` (6 or 12) after going back to work (new or own employer).

    Counted over trajectories with a work outcome whose follow-up at `months` is recorded:
    `n` of them, `working` still at work, `not_working` the rest, `share` = working / n.
    """
    column = f"working_at_{months}_months"
    followed = trajectories[
        trajectories["outcome"].isin(WORK_OUTCOMES) & trajectories[column].notna()
    ]
    followed = followed.assign(working=followed["n"].where(followed[column].astype(bool), 0))
    if by:
        result = followed.groupby(list(by))[["working", "n"]].sum()
    else:
        result = pd.DataFrame(
            {"working": [int(followed["working"].sum())], "n": [int(followed["n"].sum())]}
        )
    result = result.astype("int64")
    result["not_working"] = result["n"] - result["working"]
    result["share"] = result["working"] / result["n"].where(result["n"] > 0)
    return result[["working", "not_working", "n", "share"]]


def start_week(weeks: pd.DataFrame, by: Sequence[str] = ()) -> pd.DataFrame:
    """The median week of sickness in which the 2nd track started ("start earlier"), over the
    trajectories where it is known (the start weeks frame): `n` and `median` (NaN when n is 0).
    The median of the trajectories, not of the rows: each week counts `n` times."""
    if by:
        grouped = weeks.groupby(list(by))
        n = grouped["n"].sum().astype("int64")
        medians = (
            grouped[["second_track_week", "n"]].apply(_weighted_median)
            if len(weeks)
            else pd.Series(index=n.index, dtype="float64")
        )
        return pd.DataFrame({"n": n, "median": medians.astype("float64")})
    return pd.DataFrame({"n": [int(weeks["n"].sum())], "median": [_weighted_median(weeks)]})


def _weighted_median(frame: pd.DataFrame) -> float:
    """The median of `second_track_week` repeated `n` times (the mean of the middle two when
    their number is even), without repeating anything."""
    counts = frame.groupby("second_track_week")["n"].sum()
    counts = counts[counts > 0].sort_index()
    total = int(counts.sum())
    if total == 0:
        return float("nan")
    cumulative = counts.cumsum().to_numpy()
    values = counts.index.to_numpy(dtype="float64")
    lower = values[np.searchsorted(cumulative, (total + 1) // 2)]  # the ((total + 1) // 2)th
    upper = values[np.searchsorted(cumulative, total // 2 + 1)]  # the (total // 2 + 1)th
    return float((lower + upper) / 2) if total % 2 == 0 else float(lower)


def inclusions_per_year(trajectories: pd.DataFrame, by: Sequence[str] = ()) -> pd.DataFrame:
    """Trajectories included per calendar year: one row per year (and group of `by`), `n`."""
    counts = trajectories.groupby([*by, "year"])["n"].sum()
    return counts.astype("int64").to_frame()


def project_median(per_project: pd.Series) -> float:
    """The programme median of a per-project indicator (projects without a value left out)."""
    values = per_project.dropna()
    return float(values.median()) if len(values) else float("nan")
