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
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from accounts.models import Consortium, User
from action_research import history
from action_research.models import (
    ImportBatch,
    ImportKind,
    Section,
)
from action_research.services.common import (
    check_may_write,
    check_privacy,
    project_get_or_create,
    project_of,
)
from action_research.services.importers import IMPORTERS, Problems, RowError
from action_research.transfer.files import FileRejected, read_table
from action_research.transfer.schemas import IMPORT_SCHEMAS, Column, Schema

SECTIONS: dict[str, str] = {
    ImportKind.TRAJECTORIES: Section.TRAJECTORIES,
    ImportKind.PROCESS: Section.PROCESS,
    ImportKind.COSTS: Section.COSTS,
}


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


def _check_headers(table_headers: list[str], schema: Schema, problems: Problems) -> list[Column]:
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


@transaction.atomic
def records_import(
    *, actor: User, consortium: Consortium, kind: str, filename: str, content: bytes
) -> ImportResult:
    """Import a file of `kind` into the consortium's project. Raises ImportRejected (nothing
    written), PermissionError."""
    schema = IMPORT_SCHEMAS[kind]
    check_may_write(actor, consortium, project_of(consortium), SECTIONS[kind])
    problems = Problems()
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
    importer = IMPORTERS[kind]
    plan = importer(consortium, project, schema, parsed, problems)
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
        created=len(plan.new),
        changed=len(plan.changed),
        unchanged=plan.unchanged,
        actor=actor,
    )
    history.bulk_save_new(plan.new, actor=actor, batch=batch)
    history.bulk_save_changes(
        plan.changed, [c.field for c in columns if c.field != "code"], actor=actor, batch=batch
    )
    return ImportResult(batch=batch, earlier=earlier)


__all__ = ["ImportRejected", "ImportResult", "RowError", "records_import"]
