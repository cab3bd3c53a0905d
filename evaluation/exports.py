"""Research data for the independent evaluators: CSV, XLSX, SPSS (.sav) and Stata (.dta) with
variable and value labels, and one codebook for all four.

The columns are the workspace's own (`action_research.transfer.schemas`), defined once. Two
scopes: programme staff export every consortium *pseudonymised* (a project number P01… instead
of the consortium, and no free-text columns, which could identify someone); a consortium exports
its own project whole. SPSS and Stata get numbers for every list value (1, 2, …; yes = 1,
no = 0) with the label of each, so the files open ready to analyse.
"""

from __future__ import annotations

import csv
import dataclasses
import datetime
import io
import tempfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

import pandas as pd
import pyreadstat
from django.db.models import Model, QuerySet
from django.utils.translation import gettext as _

from action_research.models import CostItem, ExpertInput, ProcessEvaluation, Trajectory
from action_research.transfer.files import write_csv, write_xlsx
from action_research.transfer.schemas import EXPORT_SCHEMAS, Column, Schema
from cms_core.spreadsheet import safe_cell

# The datasets, by the name in their URL and file name, with how their records are read.
DATASETS: dict[str, tuple[type[Model], tuple[str, ...], tuple[str, ...]]] = {
    "trajecten": (Trajectory, (), ("included_on", "code")),
    "procesevaluatie": (ProcessEvaluation, (), ("period_start",)),
    "kosten": (CostItem, ("trajectory",), ("period_start", "category", "payer", "pk")),
    "inbreng": (ExpertInput, ("expert", "cycle"), ("date", "pk")),
}
FORMATS = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "sav": "application/x-spss-sav",
    "dta": "application/x-stata-dta",
}
STATA_LABEL_MAX = 80  # Stata cuts variable labels at 80 characters


@dataclass(frozen=True)
class Export:
    dataset: str
    schema: Schema
    records: QuerySet[Any]


def project_numbers(project_ids: Sequence[int]) -> dict[int, str]:
    """Stable pseudonyms for projects in a programme-wide export: P01, P02, … by project id."""
    return {pk: f"P{index:02d}" for index, pk in enumerate(sorted(project_ids), start=1)}


def build(
    dataset: str, *, projects: Sequence[int], labels: dict[int, str], pseudonymised: bool
) -> Export:
    """The export of one dataset over `projects`, each named by `labels` (a project number when
    pseudonymised, else the consortium). Raises KeyError for an unknown dataset."""
    model, related, order = DATASETS[dataset]
    base = EXPORT_SCHEMAS[dataset]
    columns = [c for c in base.columns if not (pseudonymised and c.kind == "text")]
    project_column = Column(
        "project",
        "project_id",
        "text",
        _("Project number in this export (the same number in every file of one export).")
        if pseudonymised
        else _("The consortium whose project this is."),
        importable=False,
        export=lambda record: labels[record.project_id],
    )
    schema = dataclasses.replace(base, columns=(project_column, *columns), key=())
    records = (
        model._default_manager.filter(
            project_id__in=list(projects), is_deleted=False, project__is_deleted=False
        )
        .select_related(*related)
        .order_by("project_id", *order)
    )
    return Export(dataset, schema, records)


def write(export: Export, file_format: str) -> bytes:
    """The export as a file. Raises KeyError for an unknown format."""
    if file_format == "csv":
        return write_csv(export.schema, export.records.iterator(2000))
    if file_format == "xlsx":
        return write_xlsx(export.schema, export.records.iterator(2000))
    if file_format in ("sav", "dta"):
        return _statistical(export.schema, export.records.iterator(2000), file_format)
    raise KeyError(file_format)


# --- SPSS and Stata ----------------------------------------------------------------------------


def _choice_codes(column: Column) -> dict[str, int]:
    assert column.choices is not None  # noqa: S101 - only called for choice columns
    return {value: index for index, value in enumerate(column.choices.values, start=1)}


def value_labels(column: Column) -> dict[int | float, str] | None:
    """The numbers SPSS and Stata get for a column's values, with their labels (None: none)."""
    if column.kind == "choice" and column.choices is not None:
        return {
            _choice_codes(column)[value]: f"{value} – {label}"
            for value, label in column.choices.choices
        }
    if column.kind == "boolean":
        return {1: _("yes"), 0: _("no")}
    return None


def _statistical_value(column: Column, record: Any, codes: dict[str, int] | None) -> Any:
    value = column.export(record) if column.export else getattr(record, column.field)
    if column.kind == "boolean":
        return float("nan") if value is None else float(bool(value))
    if column.kind == "choice":
        return float("nan") if value in (None, "") else float(codes[value])  # type: ignore[index]
    if column.kind in ("integer", "decimal"):
        return float("nan") if value is None else float(value)
    if column.kind == "date":
        return value if isinstance(value, datetime.date) else None
    if isinstance(value, list):
        value = ", ".join(str(item) for item in value)
    if isinstance(value, Decimal):
        value = format(value, "f")
    return "" if value is None else str(safe_cell(value))


def statistical_frame(schema: Schema, records: Iterable[Any]) -> pd.DataFrame:
    """The records as the DataFrame the SPSS and Stata files are written from."""
    codes = {c.name: _choice_codes(c) for c in schema.columns if c.kind == "choice"}
    rows = [
        [_statistical_value(c, record, codes.get(c.name)) for c in schema.columns]
        for record in records
    ]
    frame = pd.DataFrame(rows, columns=[c.name for c in schema.columns])
    for column in schema.columns:
        if column.kind in ("boolean", "choice", "integer", "decimal"):
            frame[column.name] = frame[column.name].astype("float64")
        elif column.kind == "date":
            dates = pd.to_datetime(frame[column.name])
            # Dates go out as dates; a column without any stays a (missing) datetime, because
            # pyreadstat infers an object column's type from its first value.
            frame[column.name] = dates.dt.date.astype("object") if dates.notna().any() else dates
        else:
            frame[column.name] = frame[column.name].astype("object")
    return frame


def _statistical(schema: Schema, records: Iterable[Any], file_format: str) -> bytes:
    frame = statistical_frame(schema, records)
    labels: list[str | None] = [str(c.definition) for c in schema.columns]
    if file_format == "dta":
        labels = [(label or "")[:STATA_LABEL_MAX] for label in labels]
    value_sets: dict[str, dict[int | float, str]] = {
        c.name: v for c in schema.columns if (v := value_labels(c)) is not None
    }
    # pyreadstat writes to a path only; the file lives just long enough to be read back.
    with tempfile.TemporaryDirectory() as directory:
        path = Path(directory) / f"export.{file_format}"
        if file_format == "sav":
            pyreadstat.write_sav(
                frame,
                path,
                column_labels=labels,
                variable_value_labels=value_sets,
                variable_measure={
                    c.name: "nominal" if c.kind in ("choice", "boolean") else "scale"
                    for c in schema.columns
                    if c.kind in ("choice", "boolean", "integer", "decimal")
                },
            )
        else:
            pyreadstat.write_dta(
                frame, path, column_labels=labels, variable_value_labels=value_sets, version=15
            )
        return path.read_bytes()


# --- codebook ----------------------------------------------------------------------------------


def codebook_rows(schema: Schema) -> list[list[str]]:
    """One row per variable: name, meaning, kind, allowed values, and the numbers in SPSS/Stata."""
    rows = []
    for column in schema.columns:
        labels = value_labels(column)
        numbers = "; ".join(f"{n} = {label}" for n, label in labels.items()) if labels else ""
        rows.append(
            [column.name, str(column.definition), column.kind_label, column.allowed, numbers]
        )
    return rows


def codebook_csv(exports: Iterable[Export]) -> bytes:
    """The codebook of every dataset in one CSV (a `dataset` column first)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(
        [
            _("dataset"),
            _("column"),
            _("meaning"),
            _("kind"),
            _("allowed values"),
            _("numbers in SPSS and Stata"),
        ]
    )
    for export in exports:
        for row in codebook_rows(export.schema):
            writer.writerow([export.dataset, *(safe_cell(value) for value in row)])
    return buffer.getvalue().encode("utf-8")
