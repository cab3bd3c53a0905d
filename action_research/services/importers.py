"""Matching the rows of an import to records, per kind: what is new, what changed, what is wrong.

Each importer sees the parsed rows of one file and the records already there (one query per
kind, not per row), checks the rules between rows (duplicate codes, overlapping periods, the
same cost twice) and validates each record as a form would. Nothing is written here.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from accounts.models import Consortium
from action_research import history, pseudonyms
from action_research.models import (
    CostItem,
    ImportKind,
    ProcessEvaluation,
    Project,
    PseudonymCode,
    ResearchRecord,
    Trajectory,
)
from action_research.models.process import overlap_message
from action_research.periods import parse_period
from action_research.services.common import check_privacy
from action_research.transfer.schemas import Schema
from action_research.transfer.values import text

MAX_REPORTED_ERRORS = 500


@dataclass(frozen=True)
class RowError:
    row: int | None  # as the spreadsheet numbers it (header = 1); None for the file itself
    column: str
    value: str
    message: str


@dataclass
class Problems:
    items: list[RowError] = field(default_factory=list)
    total: int = 0

    def add(self, row: int | None, column: str, value: Any, message: str) -> None:
        self.total += 1
        if len(self.items) < MAX_REPORTED_ERRORS:
            self.items.append(RowError(row, column, text(value)[:80], message))

    def add_validation(
        self, row: int, error: ValidationError, schema: Schema, cells: dict[str, Any]
    ) -> None:
        columns = {column.field: column.name for column in schema.columns}
        for name, messages in error.message_dict.items():
            column = columns.get(name, "")
            for message in messages:
                self.add(row, column, cells.get(column, ""), message)


def validate_row(
    record: ResearchRecord, row: int, schema: Schema, cells: dict[str, Any], problems: Problems
) -> bool:
    try:
        check_privacy(record.free_texts())
        # Uniqueness and relations are checked for the whole file at once by the importers;
        # Django would ask the database once per row and relation.
        record.full_clean(
            exclude=[f.name for f in record._meta.fields if f.is_relation],
            validate_unique=False,
            validate_constraints=False,
        )
    except ValidationError as error:
        problems.add_validation(row, error, schema, cells)
        return False
    return True


@dataclass
class Plan:
    """What an import would do: the new records, the changed ones (with their state before),
    and how many rows matched a record exactly. Problems go to `problems`."""

    schema: Schema
    problems: Problems
    new: list[ResearchRecord] = field(default_factory=list)
    changed: list[tuple[ResearchRecord, dict[str, Any]]] = field(default_factory=list)
    unchanged: int = 0

    def take(
        self,
        record: ResearchRecord,
        values: dict[str, Any],
        row: int,
        cells: dict[str, Any],
        *,
        new: bool,
    ) -> None:
        """Put a valid row's values on its record (an existing or a `new` one) and file it."""
        before = {} if new else history.snapshot(record)
        for name, value in values.items():
            if name != "code":
                setattr(record, name, value)
        if not validate_row(record, row, self.schema, cells, self.problems):
            return
        if new:
            self.new.append(record)
        elif history.diff(before, history.snapshot(record)):
            self.changed.append((record, before))
        else:
            self.unchanged += 1


def _import_trajectories(
    consortium: Consortium,
    project: Project,
    schema: Schema,
    parsed: list[tuple[int, dict[str, Any], dict[str, Any]]],
    problems: Problems,
) -> Plan:
    codes = {pseudonyms.normalise(values["code"]) for _row, _cells, values in parsed}
    issued = set(
        PseudonymCode.objects.filter(consortium=consortium, code__in=codes).values_list(
            "code", flat=True
        )
    )
    existing = {t.code: t for t in Trajectory.objects.filter(code__in=codes)}
    plan = Plan(schema, problems)
    first_row: dict[str, int] = {}
    for row, cells, values in parsed:
        code = pseudonyms.normalise(values["code"])
        raw = cells.get("pseudoniem", "")
        if not pseudonyms.is_well_formed(code):
            problems.add(
                row,
                "pseudoniem",
                raw,
                _(
                    "Not a valid code: codes look like TS-4K7P2QG and end in a check character; check for a typing error."
                ),
            )
            continue
        if code not in issued:
            problems.add(row, "pseudoniem", raw, _("This code was not issued to your consortium."))
            continue
        if code in first_row:
            problems.add(
                row,
                "pseudoniem",
                raw,
                _("This code is also in row %(row)s; each trajectory appears once.")
                % {"row": first_row[code]},
            )
            continue
        first_row[code] = row
        record = existing.get(code)
        if record is not None and record.is_deleted:
            problems.add(
                row,
                "pseudoniem",
                raw,
                _("This trajectory was removed; ask a coordinator to restore it first."),
            )
            continue
        if record is not None and record.project_id != project.pk:
            problems.add(row, "pseudoniem", raw, _("This code was not issued to your consortium."))
            continue
        plan.take(
            record or Trajectory(code=code, project=project), values, row, cells, new=record is None
        )
    return plan


def _import_process(
    consortium: Consortium,
    project: Project,
    schema: Schema,
    parsed: list[tuple[int, dict[str, Any], dict[str, Any]]],
    problems: Problems,
) -> Plan:
    existing = {
        p.period: p for p in ProcessEvaluation.objects.filter(project=project, is_deleted=False)
    }
    plan = Plan(schema, problems)
    periods: dict[str, tuple[int | None, Any]] = {
        code: (None, parse_period(code)) for code in existing
    }
    for row, cells, values in parsed:
        period = parse_period(values["period"])
        clash = next(
            (
                (other_row, code)
                for code, (other_row, other) in periods.items()
                if other.overlaps(period) and (code != period.code or other_row is not None)
            ),
            None,
        )
        if clash is not None:
            other_row, code = clash
            if other_row is None:  # a period already recorded
                message = overlap_message(code)
            elif code == period.code:
                message = _("This period is also in row %(row)s.") % {"row": other_row}
            else:
                message = _("This period overlaps with %(other)s in row %(row)s.") % {
                    "other": code,
                    "row": other_row,
                }
            problems.add(row, "periode", cells.get("periode", ""), message)
            continue
        periods[period.code] = (row, period)
        record = existing.get(period.code)
        plan.take(
            record or ProcessEvaluation(project=project), values, row, cells, new=record is None
        )
    return plan


def _import_costs(
    consortium: Consortium,
    project: Project,
    schema: Schema,
    parsed: list[tuple[int, dict[str, Any], dict[str, Any]]],
    problems: Problems,
) -> Plan:
    codes = {
        pseudonyms.normalise(values["trajectory"])
        for _r, _c, values in parsed
        if values.get("trajectory")
    }
    trajectories = {
        t.code: t
        for t in Trajectory.objects.filter(project=project, is_deleted=False, code__in=codes)
    }
    existing: dict[tuple[str, ...], CostItem] = {}
    for item in CostItem.objects.filter(project=project, is_deleted=False).select_related(
        "trajectory"
    ):
        existing[item.key()] = item
    plan = Plan(schema, problems)
    seen: dict[tuple[str, ...], int] = {}
    for row, cells, values in parsed:
        code = values.get("trajectory")
        if code:
            trajectory = trajectories.get(pseudonyms.normalise(code))
            if trajectory is None:
                problems.add(
                    row,
                    "pseudoniem",
                    cells.get("pseudoniem", ""),
                    _("Your project has no trajectory with this code."),
                )
                continue
            values = {**values, "trajectory": trajectory}
        probe = CostItem(
            **{
                k: v
                for k, v in values.items()
                if k in ("period", "category", "payer", "description", "trajectory")
            }
        )
        key = probe.key()
        if key in seen:
            problems.add(
                row,
                "omschrijving",
                cells.get("omschrijving", ""),
                _("The same cost is also in row %(row)s.") % {"row": seen[key]},
            )
            continue
        seen[key] = row
        record = existing.get(key)
        plan.take(record or CostItem(project=project), values, row, cells, new=record is None)
    return plan


IMPORTERS: dict[str, Callable[..., Plan]] = {
    ImportKind.TRAJECTORIES: _import_trajectories,
    ImportKind.PROCESS: _import_process,
    ImportKind.COSTS: _import_costs,
}
