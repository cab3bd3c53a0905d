"""Experience-expert involvement per phase, over the inputs frame (one row per input:
`project`, `phase`) and the list of projects that count."""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

PHASES = ("voorbereiding", "ontwikkeling", "uitvoering", "evaluatie", "verspreiding")


def involvement_per_phase(inputs: pd.DataFrame, projects: Sequence[int]) -> pd.DataFrame:
    """Per phase (every phase, in project order): the number of inputs, the number of
    projects with at least one input in that phase, and their share of `projects`."""
    relevant = inputs[inputs["project"].isin(projects)]
    grouped = relevant.groupby("phase")
    result = pd.DataFrame(
        {"inputs": grouped.size(), "projects": grouped["project"].nunique()}
    ).reindex(list(PHASES), fill_value=0)
    result = result.astype("int64")
    result["share"] = result["projects"] / len(projects) if projects else float("nan")
    result.index.name = "phase"
    return result
