"""Process-evaluation indicators over the process frame (one row per project and period).

Columns: `project`, `period_start` (datetime64), `eligible`, `invited`, `included`, `dropouts`
(nullable integers), `dose_delivered`, `dose_received`, `fidelity` (percentages, NaN when not
reported). Periods that did not report the numbers an indicator needs are left out of it.
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd


def _grouped_sums(frame: pd.DataFrame, columns: list[str], by: Sequence[str]) -> pd.DataFrame:
    complete = frame.dropna(subset=columns)
    if by:
        sums = complete.groupby(list(by))[columns].sum()
        periods = complete.groupby(list(by)).size().rename("periods")
        return sums.join(periods).astype("int64")
    sums = complete[columns].sum().to_frame().T
    sums["periods"] = len(complete)
    return sums.astype("int64")


def reach(process: pd.DataFrame, by: Sequence[str] = ()) -> pd.DataFrame:
    """Reach: included / eligible, pooled over the periods that report both.

    Pooled (sum over sum) rather than the mean of period percentages, so a large period weighs
    as much as its people. Columns `eligible`, `included`, `not_included`, `periods`, `share`.
    """
    sums = _grouped_sums(process, ["eligible", "included"], by)
    sums["not_included"] = sums["eligible"] - sums["included"]
    sums["share"] = sums["included"] / sums["eligible"].where(sums["eligible"] > 0)
    return sums[["eligible", "included", "not_included", "periods", "share"]]


def dropout(process: pd.DataFrame, by: Sequence[str] = ()) -> pd.DataFrame:
    """Drop-out: drop-outs / included, pooled over the periods that report both.
    Columns `included`, `dropouts`, `stayed`, `periods`, `share`."""
    sums = _grouped_sums(process, ["included", "dropouts"], by)
    sums["stayed"] = sums["included"] - sums["dropouts"]
    sums["share"] = sums["dropouts"] / sums["included"].where(sums["included"] > 0)
    return sums[["included", "dropouts", "stayed", "periods", "share"]]


def delivery(process: pd.DataFrame, column: str, by: Sequence[str] = ()) -> pd.DataFrame:
    """Dose delivered, dose received or fidelity (`column`): the mean of the reported period
    percentages, each period weighted by its number included (1 when it reports none).
    Columns `periods` and `mean` (a percentage, NaN when no period reported it)."""
    reported = process[process[column].notna()].assign(
        weight=lambda f: f["included"].fillna(1).clip(lower=1).astype("float64"),
        weighted=lambda f: f[column].astype("float64") * f["weight"],
    )
    if by:
        grouped = reported.groupby(list(by))
        result = pd.DataFrame(
            {
                "periods": grouped.size().astype("int64"),
                "mean": grouped["weighted"].sum() / grouped["weight"].sum(),
            }
        )
        return result
    weight = reported["weight"].sum()
    return pd.DataFrame(
        {
            "periods": [len(reported)],
            "mean": [reported["weighted"].sum() / weight if weight else float("nan")],
        }
    )
