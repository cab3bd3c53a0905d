"""Small-cell suppression for every aggregate shown outside a consortium.

A published table is a set of aggregates: each one is the sum of some *atoms* (the finest counts,
e.g. trajectories of one project with one outcome). An aggregate with 0 < n < 5 is suppressed
(primary). A suppressed aggregate must not be recoverable from the ones still shown, so the
auditor checks exact linear disclosure: a suppressed aggregate `q` can be computed from the
shown aggregates `P` exactly when `q` lies in the row space of `P`. While one can, the smallest
shown aggregate it is computed from is suppressed as well (secondary), preferring detail cells
over totals and narrow groups over the programme. This covers subtraction from a row or column total, from the programme total,
and from overlapping groupings (a theme that holds one project equals that project's row).

Zero cells stay visible: a published zero tells nothing a suppressed neighbour could leak.
"""

from __future__ import annotations

import enum
from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

THRESHOLD = 5


class Status(enum.IntEnum):
    SHOWN = 0
    PRIMARY = 1  # n below the threshold: shown as "< 5"
    SECONDARY = 2  # would give a suppressed cell away: shown as "x"


@dataclass(frozen=True)
class Aggregate:
    """One published number: the sum of the atoms at `atoms`; `total` marks margins."""

    atoms: frozenset[int]
    total: bool = False


def suppress(
    atom_counts: Sequence[int] | np.ndarray,
    aggregates: Sequence[Aggregate],
    *,
    threshold: int = THRESHOLD,
) -> list[Status]:
    """The status of each aggregate, in order.

    Deterministic: the same counts and aggregates always give the same pattern.
    """
    counts = np.asarray(atom_counts, dtype=np.int64)
    if not aggregates:
        return []
    forms = np.zeros((len(aggregates), len(counts)), dtype=np.float64)
    for row, aggregate in enumerate(aggregates):
        forms[row, list(aggregate.atoms)] = 1.0
    values = forms @ counts
    status = [
        Status.PRIMARY if 0 < value < threshold else Status.SHOWN for value in values.tolist()
    ]
    while True:
        leak = _first_disclosed(forms, status)
        if leak is None:
            return status
        partner = _partner(forms, values, aggregates, status, leak)
        if partner is None:  # pragma: no cover - a form in the span overlaps some shown form
            raise RuntimeError("suppression found no aggregate to hide a disclosed one with")
        status[partner] = Status.SECONDARY


def _first_disclosed(forms: np.ndarray, status: list[Status]) -> int | None:
    """The first suppressed aggregate that the shown ones determine exactly, if any."""
    shown = forms[[row for row, s in enumerate(status) if s is Status.SHOWN]]
    hidden = [row for row, s in enumerate(status) if s is not Status.SHOWN]
    if not hidden:
        return None
    if len(shown) == 0:
        return None
    # An orthonormal basis of the shown forms' row space; a hidden form inside it is disclosed.
    _u, singular, vt = np.linalg.svd(shown, full_matrices=False)
    basis = vt[singular > singular.max() * max(shown.shape) * np.finfo(float).eps]
    for row in hidden:
        form = forms[row]
        residual = form - basis.T @ (basis @ form)
        if np.linalg.norm(residual) < 1e-9 * max(1.0, float(np.linalg.norm(form))):
            return row
    return None


def _partner(
    forms: np.ndarray,
    values: np.ndarray,
    aggregates: Sequence[Aggregate],
    status: list[Status],
    leak: int,
) -> int | None:
    """The shown aggregate to suppress next: one the disclosure of `leak` is computed from
    (a non-zero coefficient in `leak` = sum of coefficient x shown aggregate); detail cells
    before totals and narrow aggregates before broad ones (so programme figures stay), non-zero
    before zero, then the smallest value, then the first."""
    shown_rows = [row for row, s in enumerate(status) if s is Status.SHOWN]
    coefficients, *_ = np.linalg.lstsq(forms[shown_rows].T, forms[leak], rcond=None)
    used = [row for row, c in zip(shown_rows, coefficients, strict=True) if abs(c) > 1e-9]
    if not used:
        return None
    return min(
        used,
        key=lambda row: (
            aggregates[row].total,
            len(aggregates[row].atoms),
            values[row] == 0,
            values[row],
            row,
        ),
    )


def suppress_groups(
    counts: pd.DataFrame,
    groups: Mapping[Hashable, Sequence[Hashable]],
    measures: Mapping[str, Sequence[str]],
    *,
    threshold: int = THRESHOLD,
) -> pd.DataFrame:
    """Suppression for tables published per group, all audited together.

    `counts` holds the atoms: one row per unit (e.g. a project), one column per disjoint part
    (e.g. an outcome category). Each group (the programme, a project, a theme: any list of unit
    labels, overlapping or not) publishes, for every measure, the sum of the measure's columns
    over its units. The result has one row per group and one column per measure, holding the
    `Status` of each published number.
    """
    units = list(counts.index)
    columns = list(counts.columns)
    position = {unit: index for index, unit in enumerate(units)}
    aggregates: list[Aggregate] = []
    keys: list[tuple[Hashable, str]] = []
    for group, members in groups.items():
        rows = [position[unit] for unit in members if unit in position]
        for measure, parts in measures.items():
            cols = [columns.index(part) for part in parts]
            atoms = frozenset(row * len(columns) + col for row in rows for col in cols)
            aggregates.append(Aggregate(atoms, total=len(parts) > 1))
            keys.append((group, measure))
    statuses = suppress(counts.to_numpy(dtype=np.int64).ravel(), aggregates, threshold=threshold)
    table = pd.DataFrame(
        [[Status.SHOWN] * len(measures) for _ in groups],
        index=pd.Index(list(groups), dtype=object),
        columns=list(measures),
        dtype=object,
    )
    for (group, measure), status in zip(keys, statuses, strict=True):
        table.at[group, measure] = status
    return table
