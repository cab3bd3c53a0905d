"""Every indicator on small hand-made frames, with the values worked out by hand."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from evaluation.analysis import involvement, outcomes, process


def _trajectories(rows: list[tuple[int, str, str, float | None, object, object]]) -> pd.DataFrame:
    """One row per trajectory, counted once (`n` = 1), as `evaluation.frames` shapes them."""
    frame = pd.DataFrame(
        rows,
        columns=[
            "project",
            "included_on",
            "outcome",
            "second_track_week",
            "working_at_6_months",
            "working_at_12_months",
        ],
    )
    return frame.assign(
        year=pd.to_datetime(frame["included_on"]).dt.year,
        second_track_week=frame["second_track_week"].astype("float64"),
        working_at_6_months=frame["working_at_6_months"].astype("boolean"),
        working_at_12_months=frame["working_at_12_months"].astype("boolean"),
        n=1,
    )


def _weeks(trajectories: pd.DataFrame) -> pd.DataFrame:
    """The start weeks frame: trajectories with a known week."""
    known = trajectories[trajectories["second_track_week"].notna()]
    return known[["project", "year", "second_track_week", "n"]]


NA = pd.NA
TRAJECTORIES = _trajectories(
    [
        (1, "2023-02-01", "plaatsing-2e-spoor", 30, True, True),
        (1, "2023-05-01", "plaatsing-2e-spoor", 40, True, False),
        (1, "2024-01-10", "terugkeer-eigen-werkgever", 50, False, NA),
        (1, "2024-03-01", "lopend", None, NA, NA),
        (2, "2024-04-01", "ontslag", 60, NA, NA),
        (2, "2024-06-01", "wia-instroom", 80, NA, NA),
        (2, "2025-01-01", "plaatsing-2e-spoor", 20, NA, NA),
        (2, "2025-02-01", "anders", None, NA, NA),
    ]
)


def test_outcome_counts_put_every_outcome_in_its_2016_group() -> None:
    counts = outcomes.outcome_counts(TRAJECTORIES)

    assert counts.iloc[0].to_dict() == {
        "nieuwe-werkgever": 3,
        "eigen-werkgever": 1,
        "nog-geen-resultaat": 1,
        "uitval-overig": 3,
        "n": 8,
    }


def test_outcome_counts_per_project_list_every_group_even_when_empty() -> None:
    counts = outcomes.outcome_counts(TRAJECTORIES, by=["project"])

    assert counts.loc[2].to_dict() == {
        "nieuwe-werkgever": 1,
        "eigen-werkgever": 0,
        "nog-geen-resultaat": 0,
        "uitval-overig": 3,
        "n": 4,
    }
    assert list(counts.index) == [1, 2]


def test_outcome_shares_divide_by_n_and_leave_empty_groups_blank() -> None:
    counts = outcomes.outcome_counts(TRAJECTORIES, by=["project"])
    counts.loc[3] = [0, 0, 0, 0, 0]

    shares = outcomes.outcome_shares(counts)

    assert shares.loc[1].tolist() == [0.5, 0.25, 0.25, 0.0]
    assert shares.loc[3].isna().all()


def test_an_unknown_outcome_is_an_error_not_a_silent_gap() -> None:
    frame = TRAJECTORIES.assign(outcome=["weet-niet", *TRAJECTORIES["outcome"][1:]])

    with pytest.raises(ValueError, match="weet-niet"):
        outcomes.outcome_counts(frame)


def test_the_2016_reference_adds_up_to_the_whole() -> None:
    assert sum(outcomes.REFERENCE_2016.values()) == pytest.approx(1.0)
    assert outcomes.REFERENCE_2016_N == 408


def test_sustained_work_counts_only_recorded_follow_ups_of_work_outcomes() -> None:
    six = outcomes.sustained_work(TRAJECTORIES, 6)
    twelve = outcomes.sustained_work(TRAJECTORIES, 12, by=["project"])

    # At 6 months: three work outcomes with a follow-up, two still working.
    assert six.iloc[0].to_dict() == {
        "working": 2,
        "not_working": 1,
        "n": 3,
        "share": pytest.approx(2 / 3),
    }
    # At 12 months only project 1 has follow-ups: one of two.
    assert twelve.loc[1, ["working", "n"]].tolist() == [1, 2]
    assert 2 not in twelve.index


def test_start_week_is_the_median_of_the_known_weeks() -> None:
    programme = outcomes.start_week(_weeks(TRAJECTORIES))
    per_project = outcomes.start_week(_weeks(TRAJECTORIES), by=["project"])

    assert programme.iloc[0].tolist() == [6, 45.0]  # 20 30 40 50 60 80
    assert per_project.loc[1].tolist() == [3, 40.0]
    assert per_project.loc[2].tolist() == [3, 60.0]


def test_start_week_of_no_known_weeks_is_blank() -> None:
    result = outcomes.start_week(_weeks(TRAJECTORIES).iloc[0:0])

    assert result.iloc[0]["n"] == 0
    assert math.isnan(result.iloc[0]["median"])


def test_inclusions_per_year() -> None:
    result = outcomes.inclusions_per_year(TRAJECTORIES)

    assert result["n"].to_dict() == {2023: 2, 2024: 4, 2025: 2}


def test_a_counted_row_weighs_as_many_trajectories_as_its_count() -> None:
    # The same 8 trajectories, with the first two rows folded into one of n = 2 where equal,
    # and project 1's placements counted 3 times over.
    counted = TRAJECTORIES.assign(n=[3, 3, 1, 1, 1, 1, 1, 1])
    expanded = TRAJECTORIES.loc[TRAJECTORIES.index.repeat(counted["n"])].assign(n=1)

    for function in (outcomes.outcome_counts, outcomes.inclusions_per_year):
        pd.testing.assert_frame_equal(
            function(counted, by=["project"]), function(expanded, by=["project"])
        )
    pd.testing.assert_frame_equal(
        outcomes.sustained_work(counted, 6, by=["project"]),
        outcomes.sustained_work(expanded, 6, by=["project"]),
    )
    # weeks 30 x3, 40 x3, 50, 60, 80, 20: ten known, the middle two are 40 and 40
    assert outcomes.start_week(_weeks(counted)).iloc[0].tolist() == [10, 40.0]
    assert (
        outcomes.start_week(_weeks(counted)).iloc[0].tolist()
        == outcomes.start_week(_weeks(expanded)).iloc[0].tolist()
    )


@pytest.mark.parametrize(
    "weeks",
    [[1], [1, 2], [5, 1, 3], [2, 2, 9, 9], [10, 20, 20, 30, 40, 40, 40]],
)
def test_the_weighted_median_equals_pandas_median_of_the_repeated_weeks(weeks: list[int]) -> None:
    repeated = pd.DataFrame({"project": 1, "year": 2025, "second_track_week": weeks, "n": 1})
    counted = repeated.groupby(["project", "year", "second_track_week"], as_index=False)["n"].sum()

    assert outcomes.start_week(counted).iloc[0]["median"] == pd.Series(weeks).median()


def test_project_median_leaves_projects_without_a_value_out() -> None:
    assert outcomes.project_median(pd.Series([0.1, None, 0.5, 0.3])) == pytest.approx(0.3)
    assert math.isnan(outcomes.project_median(pd.Series([None], dtype="float64")))


PROCESS = pd.DataFrame(
    {
        "project": [1, 1, 2, 2],
        "eligible": pd.array([40, 20, 10, None], dtype="Int64"),
        "included": pd.array([30, 10, 5, 8], dtype="Int64"),
        "dropouts": pd.array([3, None, 1, 2], dtype="Int64"),
        "fidelity": [80.0, 60.0, None, 90.0],
    }
)


def test_reach_pools_the_periods_that_report_both_numbers() -> None:
    programme = process.reach(PROCESS)
    per_project = process.reach(PROCESS, by=["project"])

    # (30 + 10 + 5) / (40 + 20 + 10); the last period has no eligible number.
    assert programme.iloc[0][["eligible", "included", "periods"]].tolist() == [70, 45, 3]
    assert programme.iloc[0]["share"] == pytest.approx(45 / 70)
    assert per_project.loc[2, "share"] == pytest.approx(0.5)


def test_dropout_pools_drop_outs_over_included() -> None:
    result = process.dropout(PROCESS, by=["project"])

    assert result.loc[1, ["included", "dropouts", "periods"]].tolist() == [30, 3, 1]
    assert result.loc[2, "share"] == pytest.approx(3 / 13)


def test_fidelity_weighs_each_period_by_its_people() -> None:
    result = process.delivery(PROCESS, "fidelity")

    # (80*30 + 60*10 + 90*8) / (30 + 10 + 8)
    assert result.iloc[0]["mean"] == pytest.approx((2400 + 600 + 720) / 48)
    assert result.iloc[0]["periods"] == 3


def test_involvement_per_phase_counts_inputs_and_projects() -> None:
    inputs = pd.DataFrame(
        {
            "project": [1, 1, 2, 3],
            "phase": ["voorbereiding", "voorbereiding", "uitvoering", "uitvoering"],
        }
    )

    result = involvement.involvement_per_phase(inputs, projects=[1, 2, 4])

    assert result.loc["voorbereiding"].tolist() == [2, 1, pytest.approx(1 / 3)]
    assert result.loc["uitvoering"].tolist() == [1, 1, pytest.approx(1 / 3)]  # 3 is not counted
    assert result.loc["evaluatie"].tolist() == [0, 0, 0.0]
    assert list(result.index) == list(involvement.PHASES)
