"""Imports and exports of trajectories, process evaluation and costs: all rows or none, the same
file twice changes nothing, every problem named by row and column, formulas neutralised."""

from __future__ import annotations

import csv
import datetime
import io
from collections.abc import Sequence
from decimal import Decimal
from typing import Any

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from accounts.models import ConsortiumRole, User
from action_research import pseudonyms, services
from action_research.models import (
    CostItem,
    ImportBatch,
    ProcessEvaluation,
    PseudonymCode,
    RecordChange,
    Trajectory,
    add_months,
)
from action_research.transfer import files, values
from action_research.transfer.schemas import IMPORT_SCHEMAS
from tests.action_research.helpers import (
    client_for,
    db_state,
    issue_codes,
    make_cost,
    make_process,
    make_trajectory,
    url,
)
from tests.conftest import World
from tests.factories import MembershipFactory

pytestmark = pytest.mark.django_db

Rows = Sequence[Sequence[Any]]

TRAJECTORY_HEADER = [
    "pseudoniem",
    "inclusiedatum",
    "ziekteweek_bij_inclusie",
    "aandoening",
    "omvang_werkgever",
    "sector",
    "uitkomst",
    "uitkomstdatum",
    "soort_plaatsing",
    "uitkomst_toelichting",
]
PROCESS_HEADER = [
    "periode",
    "in_aanmerking",
    "uitgenodigd",
    "geincludeerd",
    "dosis_geleverd_pct",
    "tevredenheid_gemiddeld",
    "tevredenheid_n",
    "uitval",
    "uitval_redenen",
]
COST_HEADER = [
    "periode",
    "categorie",
    "betaler",
    "omschrijving",
    "bedrag_eur",
    "aantal",
    "eenheid",
    "pseudoniem",
]
FORMULAS = ["=cmd|' /C calc'!A0", "+1+1", "@SUM(A1)", "-2+3", '=HYPERLINK("x")']


def _csv(rows: Rows, *, delimiter: str = ",", bom: bool = False) -> bytes:
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n").writerows(rows)
    return ("\ufeff" if bom else "").encode() + buffer.getvalue().encode("utf-8")


def _xlsx(rows: Rows, *, title: str = "gegevens") -> bytes:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = title
    for row in rows:
        sheet.append(list(row))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _import(
    world: World, kind: str, filename: str, content: bytes, actor: User | None = None
) -> services.ImportResult:
    return services.records_import(
        actor=actor or world.member_a,
        consortium=world.consortium_a,
        kind=kind,
        filename=filename,
        content=content,
    )


def _rejected(world: World, kind: str, filename: str, content: bytes) -> services.ImportRejected:
    """The import's refusal; asserts that nothing at all was written."""
    before = db_state()
    with pytest.raises(services.ImportRejected) as error:
        _import(world, kind, filename, content)
    assert db_state() == before
    assert error.value.total >= 1
    assert all(problem.message for problem in error.value.errors)
    return error.value


def _where(rejected: services.ImportRejected) -> list[tuple[int | None, str]]:
    return [(problem.row, problem.column) for problem in rejected.errors]


def _trajectory_rows(codes: Sequence[str]) -> list[list[Any]]:
    return [
        TRAJECTORY_HEADER,
        [codes[0], "2025-09-15", "38", "psychisch", "middel", "zorg", "lopend", "", "", ""],
        [
            codes[1],
            "12-1-2026",
            "30",
            "bewegingsapparaat",
            "klein",
            "bouw",
            "plaatsing-2e-spoor",
            "2026-03-02",
            "tijdelijk",
            "",
        ],
    ]


def _codes(world: World, count: int = 2) -> list[str]:
    return issue_codes(world.member_a, world.consortium_a, count)


# --- good files ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("delimiter", "bom"), [(",", False), (";", False), (";", True), (",", True), ("\t", False)]
)
def test_a_good_csv_creates_every_record_with_one_history_entry_each(
    world: World, delimiter: str, bom: bool
) -> None:
    codes = _codes(world)
    content = _csv(_trajectory_rows(codes), delimiter=delimiter, bom=bom)
    result = _import(world, "trajecten", "trajecten.csv", content)
    batch = result.batch
    assert result.earlier is None
    assert (batch.kind, batch.filename, batch.rows) == ("trajecten", "trajecten.csv", 2)
    assert (batch.created, batch.changed, batch.unchanged) == (2, 0, 0)
    assert (batch.actor, batch.size, batch.consortium) == (
        world.member_a,
        len(content),
        world.consortium_a,
    )
    first, second = (Trajectory.objects.get(code=code) for code in codes)
    assert (first.included_on, first.outcome, first.outcome_date) == (
        datetime.date(2025, 9, 15),
        "lopend",
        None,
    )
    assert (second.included_on, second.placement_kind) == (datetime.date(2026, 1, 12), "tijdelijk")
    entries = RecordChange.objects.filter(record_type="trajectory")
    assert entries.count() == 2
    assert {entry.record_id for entry in entries} == {first.pk, second.pk}
    assert all(e.batch == batch and e.action == "created" for e in entries)
    assert all(e.actor == world.member_a for e in entries)
    assert entries.get(record_id=first.pk).changes["code"] == [None, first.code]


def test_a_good_xlsx_creates_process_evaluations(world: World) -> None:
    content = _xlsx(
        [
            PROCESS_HEADER,
            ["2026-Q1", 40, 32, 21, 85, 7.6, 18, 2, "Terugval in gezondheid."],
            [],  # an empty row in between is not data
            ["2026-k2", 35, 30, 22, 90.5, None, None, 0, None],
        ]
    )
    batch = _import(world, "procesevaluatie", "proces.xlsx", content).batch
    assert (batch.created, batch.changed, batch.rows) == (2, 0, 2)
    q1, q2 = ProcessEvaluation.objects.order_by("period_start")
    assert (q1.period, q1.eligible, q1.satisfaction_mean, q1.dose_delivered) == (
        "2026-Q1",
        40,
        Decimal("7.6"),
        Decimal("85"),
    )
    assert (q2.period, q2.dose_delivered, q2.satisfaction_n) == ("2026-Q2", Decimal("90.5"), None)
    assert RecordChange.objects.filter(record_type="processevaluation", batch=batch).count() == 2


def test_a_good_cost_file_with_dutch_amounts_and_a_trajectory_code(world: World) -> None:
    trajectory = make_trajectory(world)
    content = _csv(
        [
            COST_HEADER,
            [
                "2026-Q1",
                "begeleiding",
                "huidige-werkgever",
                "Loopbaancoaching",
                "1.250,50",
                "10",
                "uren",
                "",
            ],
            [
                "2026",
                "proefplaatsing",
                "samenleving",
                "No-riskpolis",
                "€ 0",
                "",
                "",
                trajectory.code.lower(),
            ],
            ["2026-Q2", "Scholing", "Werknemer", "Cursus", "99.95", "1", "stuks", ""],
        ],
        delimiter=";",
    )
    batch = _import(world, "kosten", "kosten.csv", content).batch
    assert batch.created == 3
    course, coaching, policy = CostItem.objects.order_by("description")
    assert (coaching.amount, coaching.quantity, coaching.unit) == (
        Decimal("1250.50"),
        Decimal("10"),
        "uren",
    )
    assert (policy.amount, policy.trajectory) == (Decimal("0"), trajectory)
    assert (course.category, course.payer) == ("scholing", "werknemer")


@pytest.mark.parametrize(
    ("cell", "number"),
    [
        ("1.250,50", "1250.5"),
        ("1,250.50", "1250.5"),
        ("1250,50", "1250.5"),
        # a point before groups of three digits separates thousands, as Dutch users write them
        ("€ 1.250", "1250"),
        ("12.345.678,9", "12345678.9"),
        ("1.25", "1.25"),  # otherwise a point is a decimal point, as in the international notation
        ("1,25", "1.25"),
        ("-3", "-3"),
        ("7,60", "7.6"),  # trailing zeros are not decimal places the field lacks
        ("100,00", "100"),
        ("0", "0"),
        (85.0, "85"),
        (1250.5, "1250.5"),
        (12, "12"),
    ],
)
def test_numbers_are_read_in_either_notation_without_trailing_zeros(cell: Any, number: str) -> None:
    parsed = values.decimal(cell)
    assert parsed == Decimal(number)
    assert str(parsed) == number


@pytest.mark.parametrize(
    "cell", ["veel", "1,2,3", "1.2.3,4", "1.25.0", "12,34,5.6", "NaN", "Infinity", "", True]
)
def test_what_is_not_a_number_is_refused(cell: Any) -> None:
    with pytest.raises(ValueError, match=r"."):
        values.decimal(cell)


# --- the same file again, a changed row ---------------------------------------------------------


@pytest.mark.parametrize("extension", ["csv", "xlsx"])
def test_uploading_the_same_file_again_changes_nothing(world: World, extension: str) -> None:
    rows = _trajectory_rows(_codes(world))
    content = _csv(rows) if extension == "csv" else _xlsx(rows)
    first = _import(world, "trajecten", f"t.{extension}", content).batch
    changes = RecordChange.objects.count()
    versions = list(Trajectory.objects.values_list("version", flat=True))
    again = _import(world, "trajecten", f"t.{extension}", content)
    assert again.earlier == first
    assert (again.batch.created, again.batch.changed, again.batch.unchanged) == (0, 0, 2)
    assert RecordChange.objects.count() == changes
    assert list(Trajectory.objects.values_list("version", flat=True)) == versions


def test_uploading_the_same_process_and_cost_files_again_changes_nothing(world: World) -> None:
    process = _csv(
        [PROCESS_HEADER, ["2026-Q1", "40", "32", "21", "85,0", "7,60", "18", "2", "Verhuisd."]]
    )
    costs = _csv(
        [COST_HEADER, ["2026-Q1", "begeleiding", "werknemer", "Coaching", "1.250,50", "", "", ""]]
    )
    _import(world, "procesevaluatie", "p.csv", process)
    _import(world, "kosten", "k.csv", costs)
    changes = RecordChange.objects.count()
    for kind, name, content in (("procesevaluatie", "p.csv", process), ("kosten", "k.csv", costs)):
        batch = _import(world, kind, name, content).batch
        assert (batch.created, batch.changed, batch.unchanged) == (0, 0, 1)
    assert RecordChange.objects.count() == changes


def test_a_changed_row_gives_one_changed_entry_with_old_and_new(world: World) -> None:
    codes = _codes(world)
    rows = _trajectory_rows(codes)
    _import(world, "trajecten", "t.csv", _csv(rows))
    rows[1][6:8] = ["ontslag", "2026-04-01"]
    result = _import(world, "trajecten", "t.csv", _csv(rows))
    assert result.earlier is None  # a different file
    batch = result.batch
    assert (batch.created, batch.changed, batch.unchanged) == (0, 1, 1)
    trajectory = Trajectory.objects.get(code=codes[0])
    assert (trajectory.outcome, trajectory.version) == ("ontslag", 2)
    change = RecordChange.objects.get(action="changed")
    assert (change.record_id, change.batch, change.actor) == (trajectory.pk, batch, world.member_a)
    assert change.changes == {
        "outcome": ["lopend", "ontslag"],
        "outcome_date": [None, "2026-04-01"],
    }


def test_a_changed_process_period_keeps_the_old_value_in_history(world: World) -> None:
    make_process(world)
    content = _csv(
        [
            ["periode", "in_aanmerking", "uitgenodigd", "geincludeerd", "tevredenheid_n"],
            ["2026-Q1", "40", "32", "25", "18"],
        ]
    )
    batch = _import(world, "procesevaluatie", "p.csv", content).batch
    assert (batch.created, batch.changed) == (0, 1)
    change = RecordChange.objects.get(action="changed")
    assert change.changes == {"included": [21, 25]}
    assert ProcessEvaluation.objects.get().dose_delivered == Decimal("85")  # not in the file


# --- one bad row rejects the whole file ---------------------------------------------------------


@pytest.mark.parametrize(
    ("column", "value"),
    [
        ("aandoening", "griep"),
        ("sector", "ruimtevaart"),
        ("inclusiedatum", "31-2-2026"),
        ("inclusiedatum", "gisteren"),
        ("inclusiedatum", "2030-01-01"),  # in the future
        ("inclusiedatum", "2019-05-01"),  # before the programme
        ("ziekteweek_bij_inclusie", "200"),
        ("ziekteweek_bij_inclusie", "12,5"),
        ("ziekteweek_bij_inclusie", "-1"),
        ("ziekteweek_bij_inclusie", ""),
        ("uitkomst_toelichting", "Bel 06-12345678"),
        ("uitkomst_toelichting", "BSN 111222333"),
        ("uitkomst_toelichting", "jan@voorbeeld.nl"),
        ("uitkomst_toelichting", "x" * 201),
        ("soort_plaatsing", "vast"),  # on a running trajectory
        ("uitkomstdatum", "2025-10-01"),  # on a running trajectory
    ],
)
def test_one_bad_trajectory_row_rejects_the_whole_file(
    world: World, column: str, value: str
) -> None:
    rows = _trajectory_rows(_codes(world))
    rows[2] = list(rows[1])  # the third row (row 3) repeats the second with another code
    rows[2][0] = _codes(world, 1)[0]
    rows[2][TRAJECTORY_HEADER.index(column)] = value
    rejected = _rejected(world, "trajecten", "t.csv", _csv(rows))
    assert (3, column) in _where(rejected)
    assert all(row == 3 for row, _column in _where(rejected))


@pytest.mark.parametrize(
    ("column", "value"),
    [
        ("uitgenodigd", "41"),  # more than eligible
        ("geincludeerd", "33"),  # more than invited
        ("uitval", "22"),  # more than included
        ("dosis_geleverd_pct", "101"),
        ("tevredenheid_gemiddeld", "11"),
        ("tevredenheid_n", ""),  # a mark without respondents
        ("uitval_redenen", ""),  # drop-outs without reasons
        ("uitval_redenen", "Mail coach@voorbeeld.nl"),
        ("periode", "2026-Q5"),
        ("periode", "2019"),
        ("in_aanmerking", "veel"),
    ],
)
def test_one_bad_process_row_rejects_the_whole_file(world: World, column: str, value: str) -> None:
    good = ["2026-Q1", "40", "32", "21", "85", "7,6", "18", "2", "Verhuisd."]
    bad = ["2026-Q2", *good[1:]]
    bad[PROCESS_HEADER.index(column)] = value
    rejected = _rejected(world, "procesevaluatie", "p.csv", _csv([PROCESS_HEADER, good, bad]))
    assert (3, column) in _where(rejected)


@pytest.mark.parametrize(
    ("column", "value"),
    [
        ("bedrag_eur", "-5"),
        ("bedrag_eur", "10.000.000,01"),
        ("bedrag_eur", "veel"),
        ("categorie", "snoep"),
        ("betaler", "gemeente"),
        ("eenheid", ""),  # a quantity without unit
        ("omschrijving", "Gebeld met 06-12345678"),
        ("omschrijving", ""),
        ("pseudoniem", "TS-AAAAAAA"),
    ],
)
def test_one_bad_cost_row_rejects_the_whole_file(world: World, column: str, value: str) -> None:
    good = ["2026-Q1", "begeleiding", "werknemer", "Coaching", "100", "2", "uren", ""]
    bad = ["2026-Q2", *good[1:]]
    bad[COST_HEADER.index(column)] = value
    rejected = _rejected(world, "kosten", "k.csv", _csv([COST_HEADER, good, bad]))
    assert (3, column) in _where(rejected)


def test_every_problem_in_a_file_is_listed_with_row_column_and_value(world: World) -> None:
    codes = _codes(world, 3)
    rows = _trajectory_rows(codes)
    rows.append([codes[2], "2025-09-15", "38", "griep", "reus", "zorg", "lopend", "", "", ""])
    rejected = _rejected(world, "trajecten", "t.csv", _csv(rows))
    assert [(p.row, p.column, p.value) for p in rejected.errors] == [
        (4, "aandoening", "griep"),
        (4, "omvang_werkgever", "reus"),
    ]
    assert rejected.total == 2


def test_an_existing_record_is_not_changed_when_another_row_is_bad(world: World) -> None:
    codes = _codes(world)
    rows = _trajectory_rows(codes)
    _import(world, "trajecten", "t.csv", _csv(rows))
    rows[1][2] = "40"  # would be a change
    rows[2][3] = "griep"  # but this row is bad
    rejected = _rejected(world, "trajecten", "t.csv", _csv(rows))
    assert _where(rejected) == [(3, "aandoening")]
    assert Trajectory.objects.get(code=codes[0]).sickness_week_at_inclusion == 38


# --- wrong columns, wrong files -----------------------------------------------------------------


def test_a_missing_required_column_is_named_and_nothing_is_saved(world: World) -> None:
    rows = [
        [cell for i, cell in enumerate(row) if i != 5] for row in _trajectory_rows(_codes(world))
    ]
    assert (1, "sector") in _where(_rejected(world, "trajecten", "t.csv", _csv(rows)))


def test_an_unknown_column_is_named_and_nothing_is_saved(world: World) -> None:
    rows = [[*row, "Jansen"] for row in _trajectory_rows(_codes(world))]
    rows[0][-1] = "naam"
    assert _where(_rejected(world, "trajecten", "t.csv", _csv(rows))) == [(1, "naam")]


def test_a_duplicated_column_is_named_and_nothing_is_saved(world: World) -> None:
    rows = [[*row, row[5]] for row in _trajectory_rows(_codes(world))]
    assert _where(_rejected(world, "trajecten", "t.csv", _csv(rows))) == [(1, "sector")]


def test_headers_are_matched_regardless_of_case_and_spaces(world: World) -> None:
    rows = _trajectory_rows(_codes(world))
    rows[0] = [name.replace("_", " ").upper() for name in rows[0]]
    assert _import(world, "trajecten", "t.csv", _csv(rows)).batch.created == 2


def _file_problem(rejected: services.ImportRejected) -> None:
    assert len(rejected.errors) == 1
    assert (rejected.errors[0].row, rejected.errors[0].column) == (None, "")


@pytest.mark.parametrize(
    ("filename", "content"),
    [
        ("t.csv", "periode;in_aanmerking\n2026-Q1;40\ncaf\u00e9;1\n".encode("latin-1")),
        ("t.csv", "periode,in_aanmerking\n2026-Q1,40\n".encode("utf-16")),
        ("t.csv", b""),
        ("t.xlsx", b""),
        ("t.csv", b"periode,in_aanmerking\r\n"),
        ("t.csv", b"\r\n\r\n"),
        ("t.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100),
        ("t.ods", b"PK\x03\x04"),
        ("t.xlsx", b"periode,in_aanmerking\n2026-Q1,40\n"),  # a CSV named .xlsx
        ("t.xlsx", b"PK\x03\x04 not really a zip"),
        ("t.pdf", b"%PDF-1.4"),
        ("zonder-extensie", b"periode\n2026\n"),
        ("t.csv", b"periode,in_aanmerking\n2026-Q1,\x0040\n"),
    ],
)
def test_a_file_that_cannot_be_read_is_rejected_as_a_whole(
    world: World, filename: str, content: bytes
) -> None:
    _file_problem(_rejected(world, "procesevaluatie", filename, content))


def test_a_header_only_xlsx_is_rejected(world: World) -> None:
    _file_problem(_rejected(world, "procesevaluatie", "t.xlsx", _xlsx([PROCESS_HEADER, [], []])))


def test_a_file_over_15_mb_is_rejected(world: World) -> None:
    header = b"periode,in_aanmerking\n"
    row = b"2026,1\n"
    content = header + row * ((files.MAX_IMPORT_BYTES - len(header)) // len(row) + 1)
    assert len(content) > files.MAX_IMPORT_BYTES
    _file_problem(_rejected(world, "procesevaluatie", "groot.csv", content))


# --- codes, periods and costs across the rows of one file ---------------------------------------


def test_trajectory_codes_must_be_issued_to_the_consortium_and_unique_in_the_file(
    world: World,
) -> None:
    (own,) = _codes(world, 1)
    (other,) = issue_codes(world.member_b, world.consortium_b, 1)
    never = pseudonyms.new_code()  # well formed, but never issued
    while PseudonymCode.objects.filter(code=never).exists():  # pragma: no cover
        never = pseudonyms.new_code()
    row = ["2025-09-15", "38", "psychisch", "middel", "zorg", "lopend", "", "", ""]
    rows = [
        TRAJECTORY_HEADER,
        [own, *row],
        [own.lower(), *row],  # the same code again
        [other, *row],
        [never, *row],
        ["TS-123", *row],
    ]
    rejected = _rejected(world, "trajecten", "t.csv", _csv(rows))
    assert _where(rejected) == [
        (3, "pseudoniem"),
        (4, "pseudoniem"),
        (5, "pseudoniem"),
        (6, "pseudoniem"),
    ]
    assert "2" in rejected.errors[0].message  # names the row where the code first appears


def test_a_removed_trajectory_is_not_brought_back_by_an_import(world: World) -> None:
    codes = _codes(world)
    rows = _trajectory_rows(codes)
    _import(world, "trajecten", "t.csv", _csv(rows))
    services.record_delete(actor=world.member_a, record=Trajectory.objects.get(code=codes[0]))
    assert _where(_rejected(world, "trajecten", "t.csv", _csv(rows))) == [(2, "pseudoniem")]


@pytest.mark.parametrize(
    ("first", "second"),
    [("2026", "2026-Q2"), ("2026-Q2", "2026-H1"), ("2026-Q1", "2026-q1"), ("K3 2026", "2026-Q3")],
)
def test_overlapping_periods_in_one_file_are_refused(world: World, first: str, second: str) -> None:
    rows = [["periode", "in_aanmerking"], [first, "10"], [second, "12"]]
    rejected = _rejected(world, "procesevaluatie", "p.csv", _csv(rows))
    assert _where(rejected) == [(3, "periode")]
    assert "2" in rejected.errors[0].message


def test_a_period_overlapping_a_recorded_one_is_refused(world: World) -> None:
    make_process(world, period="2026-Q2")
    rows = [["periode", "in_aanmerking"], ["2026-Q3", "10"], ["2026-H1", "12"]]
    assert _where(_rejected(world, "procesevaluatie", "p.csv", _csv(rows))) == [(3, "periode")]


def test_the_same_cost_twice_in_one_file_is_refused(world: World) -> None:
    row = ["2026-Q1", "begeleiding", "werknemer", "Coaching", "100", "", "", ""]
    same = ["2026-Q1", "begeleiding", "werknemer", "  coaching ", "250", "", "", ""]
    rows = [COST_HEADER, row, ["2026-Q2", *row[1:]], same]
    rejected = _rejected(world, "kosten", "k.csv", _csv(rows))
    assert _where(rejected) == [(4, "omschrijving")]


def test_a_cost_for_a_trajectory_of_another_consortium_is_refused(world: World) -> None:
    other = make_trajectory(world, actor=world.member_b, consortium=world.consortium_b)
    row = ["2026-Q1", "begeleiding", "werknemer", "Coaching", "100", "", "", other.code]
    assert _where(_rejected(world, "kosten", "k.csv", _csv([COST_HEADER, row]))) == [
        (2, "pseudoniem")
    ]


def test_an_existing_cost_is_matched_and_changed_not_duplicated(world: World) -> None:
    cost = make_cost(world, quantity=None, unit="")
    row = ["2026-Q1", "begeleiding", "huidige-werkgever", "loopbaancoaching", "1300", "", "", ""]
    batch = _import(world, "kosten", "k.csv", _csv([COST_HEADER, row])).batch
    assert (batch.created, batch.changed) == (0, 1)
    cost.refresh_from_db()
    assert cost.amount == Decimal("1300")
    assert cost.description == "loopbaancoaching"


# --- who may import -----------------------------------------------------------------------------


def test_observers_experts_and_other_consortia_cannot_import(world: World) -> None:
    content = _csv(_trajectory_rows(_codes(world)))
    observer = MembershipFactory(consortium=world.consortium_a, role=ConsortiumRole.OBSERVER).user
    expert = MembershipFactory(
        consortium=world.consortium_a, role=ConsortiumRole.EXPERIENCE_EXPERT
    ).user
    before = db_state()
    for intruder in (observer, expert, world.member_b, world.observer):
        with pytest.raises(PermissionError):
            _import(world, "trajecten", "t.csv", content, actor=intruder)
    assert db_state() == before


# --- over HTTP ----------------------------------------------------------------------------------


def test_a_practitioner_uploads_a_file_and_sees_what_it_changed(world: World) -> None:
    codes = _codes(world)
    client = client_for(world.member_a)
    slug = world.consortium_a.slug
    upload = url("import_upload", slug, "trajecten")
    assert client.get(upload).status_code == 200
    content = _csv(_trajectory_rows(codes))
    response = client.post(upload, {"file": SimpleUploadedFile("trajecten.csv", content)})
    assert response.status_code == 302
    batch = ImportBatch.objects.get()
    assert response["Location"] == url("import_detail", slug, batch.pk)
    detail = client.get(response["Location"])
    assert detail.status_code == 200
    assert all(code in detail.content.decode() for code in codes)

    again = client.post(upload, {"file": SimpleUploadedFile("trajecten.csv", content)})
    assert again.status_code == 302
    assert ImportBatch.objects.count() == 2
    assert ImportBatch.objects.order_by("-pk")[0].created == 0
    assert client.get(again["Location"]).status_code == 200
    assert client_for(world.member_b).get(response["Location"]).status_code == 404


def test_a_bad_file_over_http_shows_the_error_table_with_status_400(world: World) -> None:
    rows = _trajectory_rows(_codes(world))
    rows[2][3] = "griep"
    before = db_state()
    response = client_for(world.member_a).post(
        url("import_upload", world.consortium_a.slug, "trajecten"),
        {"file": SimpleUploadedFile("trajecten.csv", _csv(rows))},
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert 'id="error-summary"' in html
    assert "import-errors" in html
    assert "<td>3</td><td>aandoening</td><td>griep</td>" in html
    assert db_state() == before


def test_an_upload_without_a_file_or_over_15_mb_is_refused_by_the_form(world: World) -> None:
    upload = url("import_upload", world.consortium_a.slug, "kosten")
    client = client_for(world.member_a)
    before = db_state()
    response = client.post(upload, {"bestand": ""})  # the form sent without choosing a file
    assert response.status_code == 400
    assert "id_file_errors" in response.content.decode()
    big = SimpleUploadedFile("groot.csv", b"x" * (files.MAX_IMPORT_BYTES + 1))
    response = client.post(upload, {"file": big})
    assert response.status_code == 400
    assert "id_file_errors" in response.content.decode()
    assert db_state() == before


def test_a_consortium_observer_gets_403_on_upload(world: World) -> None:
    observer = MembershipFactory(consortium=world.consortium_a, role=ConsortiumRole.OBSERVER).user
    client = client_for(observer)
    upload = url("import_upload", world.consortium_a.slug, "trajecten")
    content = _csv(_trajectory_rows(_codes(world)))
    before = db_state()
    assert client.get(upload).status_code == 403
    assert client.post(upload, {"file": SimpleUploadedFile("t.csv", content)}).status_code == 403
    assert db_state() == before
    assert client.get(url("transfer", world.consortium_a.slug)).status_code == 200
    export = url("export", world.consortium_a.slug, "trajecten", "csv")
    assert client.get(export).status_code == 200  # observers read


def test_an_unknown_import_kind_is_404(world: World) -> None:
    client = client_for(world.member_a)
    assert (
        client.get(url("import_upload", world.consortium_a.slug, "salarissen")).status_code == 404
    )
    assert client.get(url("codebook", world.consortium_a.slug, "salarissen")).status_code == 404
    assert (
        client.get(url("export", world.consortium_a.slug, "salarissen", "csv")).status_code == 404
    )


# --- exports ------------------------------------------------------------------------------------


def _template_header(kind: str) -> list[str]:
    return files.template_csv(IMPORT_SCHEMAS[kind]).decode().strip().split(",")


def _read_csv(content: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(content.decode("utf-8"))))


def _read_xlsx(content: bytes, sheet: str = "gegevens") -> list[list[Any]]:
    workbook = openpyxl.load_workbook(io.BytesIO(content))
    return [list(row) for row in workbook[sheet].iter_rows(values_only=True)]


def _export(world: World, kind: str, extension: str, user: User | None = None) -> bytes:
    response = client_for(user or world.member_a).get(
        url("export", world.consortium_a.slug, kind, extension)
    )
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    assert f'.{extension}"' in response["Content-Disposition"]
    assert "no-store" in response["Cache-Control"]
    return response.content


def test_exported_trajectories_read_back_with_the_columns_of_the_template(world: World) -> None:
    today = timezone.localdate()
    outcome_date = add_months(today, -7)
    placed = make_trajectory(
        world,
        included_on=outcome_date - datetime.timedelta(days=90),
        outcome="plaatsing-2e-spoor",
        outcome_date=outcome_date,
        placement_kind="vast",
        working_at_6_months=True,
    )
    running = make_trajectory(world, included_on=today)
    make_trajectory(world, actor=world.member_b, consortium=world.consortium_b)
    header = _template_header("trajecten")

    rows = _read_csv(_export(world, "trajecten", "csv"))
    assert rows[0] == header
    by_code = {row[0]: dict(zip(header, row, strict=True)) for row in rows[1:]}
    assert set(by_code) == {placed.code, running.code}
    assert by_code[placed.code]["inclusiedatum"] == placed.included_on.isoformat()
    assert by_code[placed.code]["uitkomstdatum"] == outcome_date.isoformat()
    assert by_code[placed.code]["werkzaam_na_6_maanden"] == "ja"
    assert by_code[placed.code]["werkzaam_na_12_maanden"] == ""
    assert by_code[running.code]["uitkomst"] == "lopend"

    sheet = _read_xlsx(_export(world, "trajecten", "xlsx"))
    assert list(sheet[0]) == header
    cells = {row[0]: dict(zip(header, row, strict=True)) for row in sheet[1:]}
    assert set(cells) == {placed.code, running.code}
    assert cells[placed.code]["inclusiedatum"].date() == placed.included_on
    assert cells[placed.code]["ziekteweek_bij_inclusie"] == 38
    assert cells[placed.code]["soort_plaatsing"] == "vast"
    template = _read_xlsx(_template_xlsx(world, "trajecten"))
    assert template[0] == sheet[0]


def test_an_export_holds_no_records_of_another_consortium(world: World) -> None:
    make_cost(world)
    services.cost_create(
        actor=world.member_b,
        consortium=world.consortium_b,
        data={**_cost_data(), "description": "Alleen van B"},
    )
    rows = _read_csv(_export(world, "kosten", "csv"))
    assert [row[3] for row in rows[1:]] == ["Loopbaancoaching"]
    response = client_for(world.member_b).get(
        url("export", world.consortium_a.slug, "kosten", "csv")
    )
    assert response.status_code == 404


def _cost_data() -> dict[str, Any]:
    return {
        "period": "2026-Q1",
        "category": "begeleiding",
        "payer": "werknemer",
        "description": "Coaching",
        "amount": Decimal("100"),
    }


@pytest.mark.parametrize("text", FORMULAS)
def test_formula_like_text_is_exported_with_a_leading_apostrophe(world: World, text: str) -> None:
    cost = make_cost(world, description=text)
    trajectory = make_trajectory(
        world, outcome="anders", outcome_date=datetime.date(2025, 10, 1), outcome_note=text
    )
    cost_csv = _read_csv(_export(world, "kosten", "csv"))
    assert cost_csv[1][3] == "'" + text
    trajectory_csv = _read_csv(_export(world, "trajecten", "csv"))
    note = _template_header("trajecten").index("uitkomst_toelichting")
    assert trajectory_csv[1][note] == "'" + text

    for kind, expected_cell in (("kosten", (1, 3)), ("trajecten", (1, note))):
        content = _export(world, kind, "xlsx")
        workbook = openpyxl.load_workbook(io.BytesIO(content))
        for sheet in workbook.worksheets:
            for row in sheet.iter_rows():
                for cell in row:
                    assert cell.data_type != "f", (sheet.title, cell.coordinate, cell.value)
        rows = _read_xlsx(content)
        assert rows[expected_cell[0]][expected_cell[1]] == "'" + text

    # what was exported imports back to the same text, unchanged
    changes = RecordChange.objects.count()
    for kind in ("kosten", "trajecten"):
        for extension in ("csv", "xlsx"):
            batch = _import(world, kind, f"x.{extension}", _export(world, kind, extension)).batch
            assert (batch.created, batch.changed) == (0, 0)
    assert RecordChange.objects.count() == changes
    cost.refresh_from_db()
    trajectory.refresh_from_db()
    assert (cost.description, trajectory.outcome_note) == (text, text)


def test_formula_like_text_in_the_codebook_download_is_neutralised(world: World) -> None:
    response = client_for(world.member_a).get(
        url("codebook", world.consortium_a.slug, "kosten"), {"formaat": "csv"}
    )
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    rows = _read_csv(response.content)
    assert [row[0] for row in rows[1:]] == _template_header("kosten")
    assert not any(cell.startswith(("=", "+", "@")) for row in rows for cell in row)
    page = client_for(world.member_a).get(url("codebook", world.consortium_a.slug, "kosten"))
    assert page.status_code == 200


@pytest.mark.parametrize("extension", ["csv", "xlsx"])
def test_an_exported_file_imported_again_changes_nothing(world: World, extension: str) -> None:
    make_trajectory(world)
    make_trajectory(
        world,
        included_on=add_months(timezone.localdate(), -9),
        outcome="plaatsing-2e-spoor",
        outcome_date=add_months(timezone.localdate(), -7),
        placement_kind="detachering",
        working_at_6_months=False,
        second_track_week=None,
    )
    make_process(world, dose_received=Decimal("70.5"), adaptations=[{"what": "Kort", "why": ""}])
    make_process(
        world,
        period="2026-H2",
        eligible=None,
        invited=None,
        included=None,
        satisfaction_mean=None,
        satisfaction_n=None,
        dropouts=None,
    )
    make_cost(world, amount=Decimal("1250.50"), quantity=Decimal("10.25"))
    make_cost(world, amount=Decimal("0.01"), description="Koffie", quantity=None, unit="")
    make_cost(world, amount=Decimal("10000000"), description="Gebouw", quantity=None, unit="")
    state = db_state()
    for kind in ("trajecten", "procesevaluatie", "kosten"):
        content = _export(world, kind, extension)
        batch = _import(world, kind, f"{kind}.{extension}", content).batch
        assert (batch.created, batch.changed) == (0, 0), kind
        assert batch.unchanged == batch.rows
    after = db_state()
    assert after.pop("importbatch") == state.pop("importbatch") + 3
    assert after == state


# --- templates ----------------------------------------------------------------------------------


def _template_xlsx(world: World, kind: str) -> bytes:
    response = client_for(world.member_a).get(
        url("import_template", world.consortium_a.slug, kind, "xlsx")
    )
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    return response.content


def test_the_csv_template_holds_the_import_columns(world: World) -> None:
    response = client_for(world.member_a).get(
        url("import_template", world.consortium_a.slug, "procesevaluatie", "csv")
    )
    assert response.status_code == 200
    header = response.content.decode().strip().split(",")
    assert header == [c.name for c in IMPORT_SCHEMAS["procesevaluatie"].columns if c.importable]
    assert "aanpassingen" not in header


@pytest.mark.parametrize("kind", ["trajecten", "procesevaluatie", "kosten"])
def test_the_template_examples_import_without_errors(world: World, kind: str) -> None:
    workbook = openpyxl.load_workbook(io.BytesIO(_template_xlsx(world, kind)))
    assert workbook.sheetnames == ["gegevens", "voorbeeld", "codeboek"]
    header = [cell.value for cell in workbook["gegevens"][1]]
    assert header == _template_header(kind)
    examples = [list(row) for row in workbook["voorbeeld"].iter_rows(values_only=True)]
    assert examples[0] == header
    assert len(examples) == 3

    # The example codes, issued to the consortium; costs refer to an example trajectory.
    trajectory_examples = files.example_rows(IMPORT_SCHEMAS["trajecten"])
    for row in trajectory_examples:
        PseudonymCode.objects.create(
            code=row[0], consortium=world.consortium_a, issued_by=world.member_a
        )
    if kind == "kosten":
        _import(
            world,
            "trajecten",
            "t.xlsx",
            _xlsx([_template_header("trajecten"), *trajectory_examples]),
        )
    batch = _import(world, kind, "voorbeeld.xlsx", _xlsx(examples)).batch
    assert (batch.created, batch.rows) == (2, 2)
