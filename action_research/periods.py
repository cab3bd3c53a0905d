"""Reporting periods of process evaluation and costs: a year, a half year or a quarter.

Codes are normalised to `2026`, `2026-H1` or `2026-Q3`; Dutch spellings (`2026-K3`, `K3 2026`)
are accepted on input.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

_YEAR_FIRST = re.compile(r"^(\d{4})(?:\s*[-/ ]?\s*([QKH])W?\s*([1-4]))?$")
_PART_FIRST = re.compile(r"^([QKH])W?\s*([1-4])\s*[-/ ]?\s*(\d{4})$")
FIRST_YEAR, LAST_YEAR = 2020, 2035


@dataclass(frozen=True)
class Period:
    code: str
    start: datetime.date
    end: datetime.date

    def overlaps(self, other: Period) -> bool:
        return self.start <= other.end and other.start <= self.end


def _last_day(year: int, month: int) -> datetime.date:
    if month == 12:
        return datetime.date(year, 12, 31)
    return datetime.date(year, month + 1, 1) - datetime.timedelta(days=1)


def parse_period(text: str) -> Period:
    """The period a code names. Raises ValidationError with a message that shows the forms."""
    raw = " ".join(str(text or "").split()).upper()
    match = _YEAR_FIRST.match(raw)
    if match:
        year, part, number = match.groups()
    else:
        match = _PART_FIRST.match(raw)
        if not match:
            raise ValidationError(
                _(
                    "Write the period as a year (2026), a half year (2026-H1) or a quarter (2026-Q1)."
                ),
                code="period_format",
            )
        part, number, year = match.groups()
    year_value = int(year)
    if not FIRST_YEAR <= year_value <= LAST_YEAR:
        raise ValidationError(
            _("The year must lie between %(first)s and %(last)s."),
            code="period_year",
            params={"first": FIRST_YEAR, "last": LAST_YEAR},
        )
    if part is None:
        return Period(year, datetime.date(year_value, 1, 1), datetime.date(year_value, 12, 31))
    index = int(number)
    if part == "H":
        if index > 2:
            raise ValidationError(_("A year has two halves: H1 and H2."), code="period_half")
        first_month = 1 + 6 * (index - 1)
        return Period(
            f"{year}-H{index}",
            datetime.date(year_value, first_month, 1),
            _last_day(year_value, first_month + 5),
        )
    first_month = 1 + 3 * (index - 1)  # Q and its Dutch spelling K (kwartaal)
    return Period(
        f"{year}-Q{index}",
        datetime.date(year_value, first_month, 1),
        _last_day(year_value, first_month + 2),
    )


def apply_period(record: object) -> ValidationError | None:
    """Put the normalised code and dates of `record.period` on the record (a process evaluation
    or a cost); the error instead when the code cannot be read.

    Called before field validation, so that a spelling like "2026 - K3" is not refused for its
    length before it is read.
    """
    raw = getattr(record, "period", "")
    if not raw:
        return None
    try:
        period = parse_period(raw)
    except ValidationError as error:
        return error
    record.period, record.period_start, record.period_end = period.code, period.start, period.end  # type: ignore[attr-defined]
    return None
