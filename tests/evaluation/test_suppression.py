"""Small-cell suppression: primary below 5, secondary so nothing is recovered by subtraction."""

from __future__ import annotations

import numpy as np
import pandas as pd

from evaluation.analysis.suppression import Aggregate, Status, suppress, suppress_groups

S, P, X = Status.SHOWN, Status.PRIMARY, Status.SECONDARY


def _row(cells: list[int]) -> tuple[list[int], list[Aggregate]]:
    """One published row: each cell and its total."""
    aggregates = [Aggregate(frozenset({i})) for i in range(len(cells))]
    return cells, [*aggregates, Aggregate(frozenset(range(len(cells))), total=True)]


def test_counts_from_one_to_four_are_suppressed_and_zero_and_five_are_not() -> None:
    counts = [0, 1, 4, 5]
    aggregates = [Aggregate(frozenset({i})) for i in range(4)]

    assert suppress(counts, aggregates) == [S, P, P, S]


def test_a_lone_small_cell_in_a_row_with_its_total_takes_the_next_smallest_cell_with_it() -> None:
    counts, aggregates = _row([3, 20, 12, 40])

    # 3 = 75 - 20 - 12 - 40 unless a second cell goes: the smallest other one (12).
    assert suppress(counts, aggregates) == [P, S, X, S, S]


def test_secondary_suppression_prefers_a_nonzero_cell_over_a_zero() -> None:
    counts, aggregates = _row([2, 0, 9, 30])

    assert suppress(counts, aggregates) == [P, S, X, S, S]


def test_two_small_cells_in_a_row_protect_each_other() -> None:
    counts, aggregates = _row([2, 3, 9, 30])

    assert suppress(counts, aggregates) == [P, P, S, S, S]


def test_a_total_below_five_is_suppressed_with_its_cells() -> None:
    counts, aggregates = _row([1, 0, 2])

    assert suppress(counts, aggregates) == [P, S, P, P]


def test_a_column_total_forces_suppression_in_a_second_row() -> None:
    # Two projects x two outcomes, with project totals and programme totals per outcome.
    table = pd.DataFrame({"a": [2, 10], "b": [20, 30]}, index=["p1", "p2"])
    groups = {"programme": ["p1", "p2"], "p1": ["p1"], "p2": ["p2"]}
    measures = {"a": ["a"], "b": ["b"], "n": ["a", "b"]}

    status = suppress_groups(table, groups, measures)

    # p1.a (2) is primary. Row p1: b goes too (or a = n - b). Column a: p2.a goes (or
    # p1.a = programme.a - p2.a). Then every equation holds two hidden cells.
    assert status.loc["p1", "a"] is P
    assert status.loc["p1", "b"] is X
    assert status.loc["p2", "a"] is X
    assert status.loc["p2", "b"] is X  # p2 row: a hidden alone would be n - b
    assert status.loc["programme"].tolist() == [S, S, S]


def test_a_theme_holding_a_single_project_gives_nothing_away() -> None:
    table = pd.DataFrame({"a": [3, 10, 12], "b": [20, 30, 25]}, index=["p1", "p2", "p3"])
    groups = {
        "programme": ["p1", "p2", "p3"],
        "p1": ["p1"],
        "p2": ["p2"],
        "p3": ["p3"],
        "theme-x": ["p1"],  # the same numbers as p1, published in another table
        "theme-y": ["p1", "p2"],
    }
    measures = {"a": ["a"], "b": ["b"], "n": ["a", "b"]}

    status = suppress_groups(table, groups, measures)

    assert status.loc["theme-x", "a"] is P
    assert _nothing_recoverable(table, groups, measures, status)


def _nothing_recoverable(
    table: pd.DataFrame,
    groups: dict[str, list[str]],
    measures: dict[str, list[str]],
    status: pd.DataFrame,
) -> bool:
    """Brute check: no hidden number lies in the span of the shown ones."""
    columns = list(table.columns)
    units = list(table.index)
    forms, hidden = [], []
    for group, members in groups.items():
        for measure, parts in measures.items():
            form = np.zeros(len(units) * len(columns))
            for unit in members:
                for part in parts:
                    form[units.index(unit) * len(columns) + columns.index(part)] = 1
            (forms if status.loc[group, measure] is S else hidden).append(form)
    shown = np.array(forms).reshape(len(forms), len(units) * len(columns))
    rank = np.linalg.matrix_rank(shown) if len(forms) else 0
    return all(np.linalg.matrix_rank(np.vstack([shown, form])) > rank for form in hidden)


def test_random_tables_never_leak_a_suppressed_number() -> None:
    rng = np.random.default_rng(2016)
    for _ in range(40):
        units = [f"p{i}" for i in range(rng.integers(1, 7))]
        table = pd.DataFrame(
            rng.choice([0, 1, 2, 3, 4, 6, 9, 15, 40], size=(len(units), 4)),
            index=units,
            columns=["a", "b", "c", "d"],
        )
        groups = {"programme": units, **{u: [u] for u in units}, "pair": units[:2]}
        measures = {**{c: [c] for c in table.columns}, "n": list(table.columns)}

        status = suppress_groups(table, groups, measures)

        assert _nothing_recoverable(table, groups, measures, status)
        for group, members in groups.items():
            for measure, parts in measures.items():
                value = int(table.loc[members, parts].to_numpy().sum())
                if 0 < value < 5:
                    assert status.loc[group, measure] is P


def test_suppression_is_deterministic() -> None:
    counts, aggregates = _row([3, 7, 7, 40])

    assert suppress(counts, aggregates) == suppress(counts, aggregates)
