"""Imports of trajectories, process evaluation and costs from CSV or XLSX: all rows or none.

A file is read, every cell parsed, every row checked as the forms check a single record (privacy
included) and against the other rows and the records already there. One problem anywhere
rejects the whole file with a per-row, per-column list, and nothing is written. Rows are
matched to existing records by their key (pseudonym code, period, or period + category + payer
+ description + trajectory), so uploading the same file again changes nothing. Accepted files
write through `action_research.history`: one history entry per created or changed record,
linked to the import.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from accounts.models import Consortium, User
from action_research import history, pseudonyms
from action_research.models import (
    CostItem,
    ImportBatch,
    ImportKind,
    ProcessEvaluation,
    Project,
    PseudonymCode,
    ResearchRecord,
    Section,
    Trajectory,
)
from action_research.models.process import overlap_message
from action_research.periods import parse_period
from action_research.services.common import (
    check_may_write,
    check_privacy,
    project_get_or_create,
    project_of,
)
from action_research.transfer.files import FileRejected, read_table
from action_research.transfer.schemas import IMPORT_SCHEMAS, Column, Schema
from action_research.transfer.values import text

MAX_REPORTED_ERRORS = 500
SECTIONS: dict[str, str] = {
    ImportKind.TRAJECTORIES: Section.TRAJECTORIES,
    ImportKind.PROCESS: Section.PROCESS,
    ImportKind.COSTS: Section.COSTS,
}
MODELS: dict[str, type[ResearchRecord]] = {
    ImportKind.TRAJECTORIES: Trajectory,
    ImportKind.PROCESS: ProcessEvaluation,
    ImportKind.COSTS: CostItem,
}


@dataclass(frozen=True)
class RowError:
    row: int | None  # as the spreadsheet numbers it (header = 1); None for the file itself
    column: str
    value: str
    message: str


class ImportRejected(Exception):
    """Nothing was imported; `errors` says where and why (at most 500 of `total`)."""

    def __init__(self, errors: list[RowError], total: int) -> None:
        super().__init__(f"{total} problem(s)")
        self.errors = errors
        self.total = total


@dataclass
class ImportResult:
    batch: ImportBatch
    earlier: ImportBatch | None  # the same file was imported before


@dataclass
class _Problems:
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


def _check_headers(table_headers: list[str], schema: Schema, problems: _Problems) -> list[Column]:
    """The importable columns the file has, in file order; problems for the header row."""
    known = {column.name: column for column in schema.columns}
    seen: set[str] = set()
    for header in table_headers:
        if not header:
            continue
        if header in seen:
            problems.add(1, header, header, _("This column appears twice."))
        seen.add(header)
        if header not in known:
            problems.add(
                1,
                header,
                header,
                _("Unknown column. The columns are: %(columns)s.")
                % {"columns": ", ".join(c.name for c in schema.columns if c.importable)},
            )
    for column in schema.columns:
        if column.required and column.name not in seen:
            problems.add(1, column.name, "", _("This column is missing; it is required."))
    return [known[h] for h in table_headers if h in known and known[h].importable]


def _validate(
    record: ResearchRecord, row: int, schema: Schema, cells: dict[str, Any], problems: _Problems
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


@transaction.atomic
def records_import(
    *, actor: User, consortium: Consortium, kind: str, filename: str, content: bytes
) -> ImportResult:
    """Import a file of `kind` into the consortium's project. Raises ImportRejected (nothing
    written), PermissionError."""
    schema = IMPORT_SCHEMAS[kind]
    check_may_write(actor, consortium, project_of(consortium), SECTIONS[kind])
    problems = _Problems()
    try:
        table = read_table(filename, content)
    except FileRejected as rejected:
        raise ImportRejected([RowError(None, "", "", rejected.message)], 1) from rejected
    columns = _check_headers(table.headers, schema, problems)
    if problems.total:
        raise ImportRejected(problems.items, problems.total)
    position = {h: i for i, h in enumerate(table.headers) if h}

    parsed: list[tuple[int, dict[str, Any], dict[str, Any]]] = []  # (row, cells, values)
    for row, cells_list in table.rows:
        cells = {
            c.name: (cells_list[position[c.name]] if position[c.name] < len(cells_list) else None)
            for c in columns
        }
        values: dict[str, Any] = {}
        ok = True
        for column in columns:
            try:
                values[column.field] = column.parse(cells[column.name])
            except (ValueError, ValidationError) as error:
                message = error.messages[0] if isinstance(error, ValidationError) else str(error)
                problems.add(row, column.name, cells[column.name], message)
                ok = False
        if not ok:
            # The row is refused already; still say where it holds personal data, so that one
            # round of corrections is enough.
            texts = [
                (c.field, values[c.field])
                for c in columns
                if c.kind == "text" and values.get(c.field)
            ]
            try:
                check_privacy(texts)
            except ValidationError as error:
                problems.add_validation(row, error, schema, cells)
        if ok:
            parsed.append((row, cells, values))

    # Created here so that rows validate against it; a rejected file rolls it back with the rest.
    project = project_get_or_create(actor=actor, consortium=consortium)
    importer = _IMPORTERS[kind]
    new, changed, unchanged = importer(consortium, project, schema, parsed, problems)
    if problems.total:
        raise ImportRejected(problems.items, problems.total)

    digest = hashlib.sha256(content).hexdigest()
    earlier = (
        ImportBatch.objects.filter(consortium=consortium, kind=kind, sha256=digest)
        .order_by("-at")
        .first()
    )
    batch = ImportBatch.objects.create(
        consortium=consortium,
        kind=kind,
        filename=filename[:255],
        sha256=digest,
        size=len(content),
        rows=len(table.rows),
        created=len(new),
        changed=len(changed),
        unchanged=unchanged,
        actor=actor,
    )
    history.bulk_save_new(new, actor=actor, batch=batch)
    history.bulk_save_changes(
        changed, [c.field for c in columns if c.field != "code"], actor=actor, batch=batch
    )
    return ImportResult(batch=batch, earlier=earlier)


Plan = tuple[list[ResearchRecord], list[tuple[ResearchRecord, dict[str, Any]]], int]


def _apply(
    record: ResearchRecord,
    values: dict[str, Any],
    row: int,
    schema: Schema,
    cells: dict[str, Any],
    problems: _Problems,
    new: list[ResearchRecord],
    changed: list[tuple[ResearchRecord, dict[str, Any]]],
    *,
    is_new: bool,
) -> int:
    """Put the row's values on the record and check it; 1 when it turns out unchanged."""
    before = {} if is_new else history.snapshot(record)
    for name, value in values.items():
        if name != "code":
            setattr(record, name, value)
    if not _validate(record, row, schema, cells, problems):
        return 0
    if is_new:
        new.append(record)
        return 0
    if history.diff(before, history.snapshot(record)):
        changed.append((record, before))
        return 0
    return 1


def _import_trajectories(
    consortium: Consortium,
    project: Project,
    schema: Schema,
    parsed: list[tuple[int, dict[str, Any], dict[str, Any]]],
    problems: _Problems,
) -> Plan:
    codes = {pseudonyms.normalise(values["code"]) for _row, _cells, values in parsed}
    issued = set(
        PseudonymCode.objects.filter(consortium=consortium, code__in=codes).values_list(
            "code", flat=True
        )
    )
    existing = {t.code: t for t in Trajectory.objects.filter(code__in=codes)}
    new: list[ResearchRecord] = []
    changed: list[tuple[ResearchRecord, dict[str, Any]]] = []
    unchanged = 0
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
        is_new = record is None
        if record is None:
            record = Trajectory(code=code, project=project)
        unchanged += _apply(
            record, values, row, schema, cells, problems, new, changed, is_new=is_new
        )
    return new, changed, unchanged


def _import_process(
    consortium: Consortium,
    project: Project,
    schema: Schema,
    parsed: list[tuple[int, dict[str, Any], dict[str, Any]]],
    problems: _Problems,
) -> Plan:
    existing = {
        p.period: p for p in ProcessEvaluation.objects.filter(project=project, is_deleted=False)
    }
    new: list[ResearchRecord] = []
    changed: list[tuple[ResearchRecord, dict[str, Any]]] = []
    unchanged = 0
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
            message = (
                _("This period is also in row %(row)s.") % {"row": other_row}
                if other_row is not None and code == period.code
                else _("This period overlaps with %(other)s in row %(row)s.")
                % {"other": code, "row": other_row}
                if other_row is not None
                else overlap_message(code)
            )
            problems.add(row, "periode", cells.get("periode", ""), message)
            continue
        periods[period.code] = (row, period)
        record = existing.get(period.code)
        is_new = record is None
        if record is None:
            record = ProcessEvaluation(project=project)
        unchanged += _apply(
            record, values, row, schema, cells, problems, new, changed, is_new=is_new
        )
    return new, changed, unchanged


def _import_costs(
    consortium: Consortium,
    project: Project,
    schema: Schema,
    parsed: list[tuple[int, dict[str, Any], dict[str, Any]]],
    problems: _Problems,
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
    new: list[ResearchRecord] = []
    changed: list[tuple[ResearchRecord, dict[str, Any]]] = []
    unchanged = 0
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
        is_new = record is None
        if record is None:
            record = CostItem(project=project)
        unchanged += _apply(
            record, values, row, schema, cells, problems, new, changed, is_new=is_new
        )
    return new, changed, unchanged


_IMPORTERS: dict[str, Callable[..., Plan]] = {
    ImportKind.TRAJECTORIES: _import_trajectories,
    ImportKind.PROCESS: _import_process,
    ImportKind.COSTS: _import_costs,
}

__all__ = ["ImportRejected", "ImportResult", "RowError", "records_import"]
