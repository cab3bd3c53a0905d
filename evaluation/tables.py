"""Figures as the pages show them: tables of display cells with suppression applied, each with
its n. A chart never shows what its table hides."""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from django.utils.formats import number_format
from django.utils.translation import gettext as _

from evaluation.analysis.suppression import Status


@dataclass(frozen=True)
class Cell:
    text: str
    status: Status = Status.SHOWN
    value: float | None = None  # what a chart may draw; None when hidden or blank


@dataclass(frozen=True)
class Row:
    label: str
    cells: list[Cell]
    href: str = ""
    reference: bool = False  # a reference row (the 2016 study), not programme data


@dataclass
class Table:
    caption: str
    headers: list[str]
    rows: list[Row] = field(default_factory=list)
    note: str = ""

    @property
    def suppressed(self) -> bool:
        return any(cell.status is not Status.SHOWN for row in self.rows for cell in row.cells)


def hidden(status: Status) -> Cell:
    return Cell("< 5" if status is Status.PRIMARY else "x", status)


def count(value: int, status: Status = Status.SHOWN) -> Cell:
    if status is not Status.SHOWN:
        return hidden(status)
    return Cell(number_format(value, force_grouping=True), value=float(value))


def percent(share: float | None, status: Status = Status.SHOWN, *, n: int | None = None) -> Cell:
    """A share as a percentage, with its count when given: '30 % (12)'."""
    if status is not Status.SHOWN:
        return hidden(status)
    if share is None or (isinstance(share, float) and math.isnan(share)):
        return Cell("–")
    text = f"{number_format(round(share * 100), 0)} %"
    if n is not None:
        text += f" ({number_format(n, force_grouping=True)})"
    return Cell(text, value=share * 100)


def number(value: float | None, decimals: int = 0, status: Status = Status.SHOWN) -> Cell:
    if status is not Status.SHOWN:
        return hidden(status)
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return Cell("–")
    return Cell(number_format(value, decimals, force_grouping=True), value=float(value))


def suppression_note() -> str:
    return _(
        "“< 5”: fewer than 5, not shown to protect privacy. “x”: not shown, because it would "
        "let a hidden number be worked out from the totals."
    )
