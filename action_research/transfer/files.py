"""Files in and out: reading an uploaded CSV or XLSX into rows, writing exports and templates.

Uploads are refused as a whole, with a message that says what to do, when they are too large,
empty, not UTF-8 (CSV), not a real spreadsheet (XLSX) or have too many rows. XLSX files are read
with openpyxl in read-only mode; defusedxml (installed) guards it against XML bombs.
"""

from __future__ import annotations

import csv
import datetime
import io
import re
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _
from openpyxl import Workbook, load_workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font

from action_research import pseudonyms
from action_research.transfer.schemas import Schema
from cms_core.spreadsheet import safe_cell

MAX_IMPORT_BYTES = 15 * 1024 * 1024
MAX_IMPORT_ROWS = 50_000
DATA_SHEET = "gegevens"
CODEBOOK_SHEET = "codeboek"
EXAMPLE_SHEET = "voorbeeld"


class FileRejected(Exception):
    """The file as a whole cannot be read; the message says why and what to do."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass
class Table:
    headers: list[str]  # normalised: lower case, underscores
    rows: list[tuple[int, list[Any]]]  # (row number as the spreadsheet shows it, cells)


def normalise_header(header: Any) -> str:
    return re.sub(r"[\s\-]+", "_", str(header or "").strip().lower())


def read_table(filename: str, content: bytes) -> Table:
    """The header and the non-empty rows of an uploaded CSV or XLSX file. Raises FileRejected."""
    if not content:
        raise FileRejected(_("The file is empty."))
    if len(content) > MAX_IMPORT_BYTES:
        raise FileRejected(
            _("The file is larger than %(mb)s MB. Split it into smaller files.")
            % {"mb": MAX_IMPORT_BYTES // (1024 * 1024)}
        )
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else ""
    if extension == "xlsx":
        headers, rows = _read_xlsx(content)
    elif extension in ("csv", "txt"):
        headers, rows = _read_csv(content)
    elif extension in ("xls", "ods", "numbers"):
        raise FileRejected(
            _("Files of kind .%(ext)s cannot be read. Save the file as .xlsx or as CSV (UTF-8).")
            % {"ext": extension}
        )
    else:
        raise FileRejected(_("Upload a .xlsx or .csv file."))
    if not any(headers):
        raise FileRejected(_("The first row must hold the column names; it is empty."))
    if not rows:
        raise FileRejected(_("The file has column names but no rows below them."))
    return Table(headers=[normalise_header(h) for h in headers], rows=rows)


def _trimmed(cells: Iterable[Any]) -> list[Any]:
    values = list(cells)
    while values and (
        values[-1] is None or (isinstance(values[-1], str) and not values[-1].strip())
    ):
        values.pop()
    return values


def _collect(lines: Iterable[Iterable[Any]]) -> tuple[list[Any], list[tuple[int, list[Any]]]]:
    headers: list[Any] = []
    rows: list[tuple[int, list[Any]]] = []
    for number, cells in enumerate(lines, start=1):
        values = _trimmed(cells)
        if number == 1:
            headers = values
            continue
        if not values:
            continue  # spreadsheets keep empty rows at the end; they are not data
        if len(rows) >= MAX_IMPORT_ROWS:
            raise FileRejected(
                _("The file has more than %(max)s rows. Split it into smaller files.")
                % {"max": f"{MAX_IMPORT_ROWS:,}".replace(",", ".")}
            )
        rows.append((number, values))
    return headers, rows


def _read_xlsx(content: bytes) -> tuple[list[Any], list[tuple[int, list[Any]]]]:
    if not content.startswith(b"PK\x03\x04"):
        raise FileRejected(_("This is not an .xlsx file (its content is of another kind)."))
    try:
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as error:
        raise FileRejected(_("The .xlsx file is damaged or not a spreadsheet.")) from error
    try:
        sheet = (
            workbook[DATA_SHEET] if DATA_SHEET in workbook.sheetnames else workbook.worksheets[0]
        )
        return _collect(sheet.iter_rows(values_only=True))
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as error:
        raise FileRejected(_("The .xlsx file is damaged or not a spreadsheet.")) from error
    finally:
        workbook.close()


def _read_csv(content: bytes) -> tuple[list[Any], list[tuple[int, list[Any]]]]:
    if content.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise FileRejected(
            _(
                "The file is saved as UTF-16. Save it as “CSV UTF-8 (comma delimited)” and "
                "upload it again."
            )
        )
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise FileRejected(
            _(
                "The file is not saved as UTF-8 (found an unreadable character on line "
                "%(line)s). In Excel choose Save as → “CSV UTF-8 (comma delimited)” and "
                "upload it again."
            )
            % {"line": content[: error.start].count(b"\n") + 1}
        ) from error
    if "\x00" in text:
        raise FileRejected(_("The file holds binary data; it is not a CSV file."))
    first_line = text.split("\n", 1)[0]
    delimiter = max((";", ",", "\t"), key=first_line.count)
    try:
        return _collect(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    except csv.Error as error:
        raise FileRejected(
            _("The CSV file cannot be read: %(error)s") % {"error": error}
        ) from error


# --- Writing ------------------------------------------------------------------------------------


def _csv_value(value: Any) -> Any:
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return format(value, "f")
    return safe_cell(value)


def write_csv(schema: Schema, records: Iterable[Any]) -> bytes:
    """RFC 4180 CSV (comma, decimal point, UTF-8): for R, SPSS, pandas; formulas neutralised."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([column.name for column in schema.columns])
    for record in records:
        writer.writerow([_csv_value(column.value_of(record)) for column in schema.columns])
    return buffer.getvalue().encode("utf-8")


def _bold(sheet: Any, value: str) -> WriteOnlyCell:
    cell = WriteOnlyCell(sheet, value=value)
    cell.font = Font(bold=True)
    return cell


def _xlsx_cell(sheet: Any, value: Any) -> Any:
    if isinstance(value, datetime.date):
        cell = WriteOnlyCell(sheet, value=value)
        cell.number_format = "yyyy-mm-dd"
        return cell
    if isinstance(value, Decimal):
        return float(value)
    return safe_cell(value)


def _codebook_sheet(workbook: Workbook, schema: Schema) -> None:
    sheet = workbook.create_sheet(CODEBOOK_SHEET)
    sheet.append([_bold(sheet, str(h)) for h in codebook_header()])
    for row in codebook_rows(schema):
        sheet.append([safe_cell(value) for value in row])


def write_xlsx(schema: Schema, records: Iterable[Any]) -> bytes:
    """A workbook with the data (sheet 'gegevens') and the codebook; formulas neutralised."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(DATA_SHEET)
    sheet.freeze_panes = "A2"
    sheet.append([_bold(sheet, column.name) for column in schema.columns])
    for record in records:
        sheet.append([_xlsx_cell(sheet, column.value_of(record)) for column in schema.columns])
    _codebook_sheet(workbook, schema)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def codebook_header() -> list[str]:
    return [_("column"), _("meaning"), _("kind"), _("required"), _("allowed values")]


def codebook_rows(schema: Schema) -> list[list[str]]:
    return [
        [
            column.name,
            str(column.definition),
            column.kind_label,
            _("yes") if column.required else _("no"),
            column.allowed,
        ]
        for column in schema.columns
        if column.importable or not schema.importable
    ]


def example_rows(schema: Schema) -> list[list[Any]]:
    """Two filled-in rows that pass the import, for the template's example sheet."""
    code_a = pseudonyms.PREFIX + "4K7P2Q" + pseudonyms._check_character("4K7P2Q")
    code_b = pseudonyms.PREFIX + "9XMB3D" + pseudonyms._check_character("9XMB3D")
    examples: dict[str, list[dict[str, Any]]] = {
        "trajecten": [
            {
                "pseudoniem": code_a,
                "inclusiedatum": "2025-09-15",
                "ziekteweek_bij_inclusie": 38,
                "week_start_2e_spoor": 40,
                "aandoening": "psychisch",
                "omvang_werkgever": "middel",
                "sector": "zorg",
                "uitkomst": "plaatsing-2e-spoor",
                "uitkomstdatum": "2026-02-02",
                "soort_plaatsing": "tijdelijk",
                "werkzaam_na_6_maanden": "ja",
            },
            {
                "pseudoniem": code_b,
                "inclusiedatum": "2026-01-12",
                "ziekteweek_bij_inclusie": 30,
                "aandoening": "bewegingsapparaat",
                "omvang_werkgever": "klein",
                "sector": "bouw",
                "uitkomst": "lopend",
            },
        ],
        "procesevaluatie": [
            {
                "periode": "2026-Q1",
                "in_aanmerking": 40,
                "uitgenodigd": 32,
                "geincludeerd": 21,
                "dosis_geleverd_pct": "85",
                "dosis_ontvangen_pct": "70",
                "trouw_pct": "80",
                "tevredenheid_gemiddeld": "7,6",
                "tevredenheid_n": 18,
                "uitval": 2,
                "uitval_redenen": "Terugval in gezondheid; verhuisd naar een andere regio.",
            },
            {"periode": "2026-Q2", "in_aanmerking": 35, "uitgenodigd": 30, "geincludeerd": 22},
        ],
        "kosten": [
            {
                "periode": "2026-Q1",
                "categorie": "begeleiding",
                "betaler": "huidige-werkgever",
                "omschrijving": "Loopbaancoaching",
                "bedrag_eur": "1.250,00",
                "aantal": 10,
                "eenheid": "uren",
            },
            {
                "periode": "2026-Q1",
                "categorie": "proefplaatsing",
                "betaler": "samenleving",
                "omschrijving": "No-riskpolis tijdens proefplaatsing",
                "bedrag_eur": "0",
                "pseudoniem": code_a,
            },
        ],
    }
    return [
        [row.get(c.name, "") for c in schema.columns if c.importable]
        for row in examples.get(schema.kind, [])
    ]


def template_xlsx(schema: Schema) -> bytes:
    """An empty import file with the column names, an example sheet and the codebook."""
    workbook = Workbook(write_only=True)
    columns = [c for c in schema.columns if c.importable]
    sheet = workbook.create_sheet(DATA_SHEET)
    sheet.freeze_panes = "A2"
    sheet.append([_bold(sheet, column.name) for column in columns])
    example = workbook.create_sheet(EXAMPLE_SHEET)
    example.append([_bold(example, column.name) for column in columns])
    for row in example_rows(schema):
        example.append(row)
    _codebook_sheet(workbook, schema)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def template_csv(schema: Schema) -> bytes:
    """The column names of an import, as a CSV file to fill in."""
    return (",".join(c.name for c in schema.columns if c.importable) + "\r\n").encode("utf-8")


def codebook_csv(schema: Schema) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(codebook_header())
    writer.writerows([[safe_cell(v) for v in row] for row in codebook_rows(schema)])
    return buffer.getvalue().encode("utf-8")
