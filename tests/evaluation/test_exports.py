"""Exports for the evaluators read back with their labels; scopes hold; bad requests change
nothing and say so."""

from __future__ import annotations

import csv
import datetime
import io
import tempfile
from pathlib import Path
from typing import Any

import pandas as pd
import pyreadstat
import pytest
from django.urls import reverse

from tests.action_research.helpers import client_for, make_process, make_trajectory
from tests.conftest import World

pytestmark = pytest.mark.django_db

PLACED = {
    "outcome": "plaatsing-2e-spoor",
    "outcome_date": datetime.date(2026, 3, 1),
    "placement_kind": "vast",
}
OTHER = {
    "outcome": "anders",
    "outcome_date": datetime.date(2026, 4, 1),
    "outcome_note": "Verhuisd naar het buitenland",
}


def _fill(world: World) -> None:
    make_trajectory(world, **PLACED)
    make_trajectory(world, **OTHER)
    make_trajectory(world)
    make_trajectory(world, actor=world.member_b, consortium=world.consortium_b, **PLACED)


def _read(content: bytes, suffix: str) -> tuple[pd.DataFrame, Any]:
    with tempfile.TemporaryDirectory() as directory:
        path = Path(directory) / f"file.{suffix}"
        path.write_bytes(content)
        reader = pyreadstat.read_sav if suffix == "sav" else pyreadstat.read_dta
        return reader(str(path))


def _programme(world: World, dataset: str, file_format: str) -> bytes:
    response = client_for(world.staff).get(
        reverse("evaluation:export", args=[dataset, file_format])
    )
    assert response.status_code == 200
    assert response["Content-Disposition"].endswith(f'.{file_format}"')
    return response.content


def test_the_spss_file_reads_back_with_variable_and_value_labels(world: World) -> None:
    _fill(world)

    frame, meta = _read(_programme(world, "trajecten", "sav"), "sav")

    assert len(frame) == 4
    assert sorted(set(frame["project"])) == ["P01", "P02"]
    labels = dict(zip(meta.column_names, meta.column_labels, strict=True))
    assert labels["uitkomst"] == "Uitkomst van het traject tot nu toe."
    outcome_labels = meta.variable_value_labels["uitkomst"]
    placed = next(
        n for n, label in outcome_labels.items() if label.startswith("plaatsing-2e-spoor")
    )
    assert (frame["uitkomst"] == placed).sum() == 2
    assert meta.variable_value_labels["werkzaam_na_6_maanden"] == {1.0: "ja", 0.0: "nee"}
    assert frame["inclusiedatum"].iloc[0] == datetime.date(2025, 9, 15)


def test_the_stata_file_reads_back_with_labels_cut_to_eighty_characters(world: World) -> None:
    _fill(world)

    frame, meta = _read(_programme(world, "trajecten", "dta"), "dta")

    assert len(frame) == 4
    assert all(len(label) <= 80 for label in meta.column_labels)
    assert "uitkomst" in meta.variable_value_labels
    assert all(len(name) <= 32 for name in meta.column_names)


def test_the_programme_export_is_pseudonymised(world: World) -> None:
    _fill(world)

    content = _programme(world, "trajecten", "csv").decode()
    header = next(csv.reader(io.StringIO(content)))

    assert header[0] == "project"
    assert "uitkomst_toelichting" not in header  # free text could identify someone
    assert "Verhuisd" not in content
    assert world.consortium_a.name not in content
    assert world.consortium_a.slug not in content


def test_csv_and_xlsx_hold_the_same_rows(world: World) -> None:
    _fill(world)

    from_csv = pd.read_csv(io.BytesIO(_programme(world, "trajecten", "csv")))
    from_xlsx = pd.read_excel(io.BytesIO(_programme(world, "trajecten", "xlsx")), sheet_name=0)

    assert list(from_csv["pseudoniem"]) == list(from_xlsx["pseudoniem"])
    assert len(from_csv) == 4


def test_a_consortium_exports_its_own_records_whole(world: World) -> None:
    _fill(world)
    make_process(world)
    url = reverse("evaluation:project_export", args=[world.consortium_a.slug, "trajecten", "csv"])

    content = client_for(world.member_a).get(url).content.decode()
    rows = list(csv.DictReader(io.StringIO(content)))

    assert len(rows) == 3
    assert {row["project"] for row in rows} == {world.consortium_a.slug}
    assert "Verhuisd naar het buitenland" in content
    process = client_for(world.member_a).get(
        reverse(
            "evaluation:project_export",
            args=[world.consortium_a.slug, "procesevaluatie", "sav"],
        )
    )
    assert len(_read(process.content, "sav")[0]) == 1


def test_another_consortium_and_the_committee_cannot_export_a_project(world: World) -> None:
    _fill(world)
    url = reverse("evaluation:project_export", args=[world.consortium_a.slug, "trajecten", "csv"])

    assert client_for(world.member_b).get(url).status_code == 404
    assert client_for(world.committee).get(url).status_code == 403


def test_the_codebook_lists_every_variable_with_its_numbers(world: World) -> None:
    response = client_for(world.staff).get(reverse("evaluation:codebook"))
    rows = list(csv.reader(io.StringIO(response.content.decode())))

    assert rows[0][0] == "gegevensset"
    datasets = {row[0] for row in rows[1:]}
    assert datasets == {"trajecten", "procesevaluatie", "kosten", "inbreng"}
    outcome = next(row for row in rows if row[0] == "trajecten" and row[1] == "uitkomst")
    assert "1 = lopend" in outcome[5]


@pytest.mark.parametrize(
    "path",
    [
        "/evaluatie/export/trajecten.pdf",
        "/evaluatie/export/namen.csv",
        "/evaluatie/export/trajecten",
        "/evaluatie/projecten/samen-verder-noord/export/trajecten.exe",
    ],
)
def test_an_unknown_dataset_or_format_is_not_found(world: World, path: str) -> None:
    assert client_for(world.staff).get(path, follow=True).status_code == 404


def test_an_empty_programme_still_exports_readable_files(world: World) -> None:
    for file_format in ("sav", "dta"):
        frame, meta = _read(_programme(world, "kosten", file_format), file_format)
        assert len(frame) == 0
        assert "categorie" in meta.column_names


def test_a_single_running_trajectory_exports_to_spss_and_stata(world: World) -> None:
    make_trajectory(world)  # no outcome date, no follow-ups: whole columns empty
    for file_format in ("sav", "dta"):
        url = reverse(
            "evaluation:project_export", args=[world.consortium_a.slug, "trajecten", file_format]
        )
        frame, _meta = _read(client_for(world.member_a).get(url).content, file_format)
        assert len(frame) == 1
        assert frame["uitkomstdatum"].isna().all()


def test_the_project_bundle_holds_data_codebook_and_texts(world: World) -> None:
    import zipfile

    from action_research import services
    from tests.action_research.test_cycles import DATA as CYCLE

    _fill(world)
    make_process(world, recruitment="Via de arbodienst, na het eerste gesprek.")
    services.cycle_create(actor=world.coordinator_a, consortium=world.consortium_a, data=CYCLE)
    url = reverse("evaluation:project_bundle", args=[world.consortium_a.slug])

    response = client_for(world.staff).get(url)
    archive = zipfile.ZipFile(io.BytesIO(response.content))

    names = set(archive.namelist())
    assert {f"gegevens/trajecten.{f}" for f in ("csv", "xlsx", "sav", "dta")} <= names
    assert "gegevens/codeboek.csv" in names
    assert "Via de arbodienst" in archive.read("teksten/procesevaluatie.txt").decode()
    assert "Cyclus 1" in archive.read("teksten/cycli.txt").decode()
    assert "GRIPP2" in archive.read("teksten/ervaringsdeskundigheid-gripp2-sf.txt").decode()
    trajectories = pd.read_csv(archive.open("gegevens/trajecten.csv"))
    assert len(trajectories) == 3  # A's own, B's left out
    assert "Verhuisd naar het buitenland" in set(trajectories["uitkomst_toelichting"].dropna())


def test_only_programme_staff_download_a_project_bundle(world: World) -> None:
    url = reverse("evaluation:project_bundle", args=[world.consortium_a.slug])

    assert client_for(world.coordinator_a).get(url).status_code == 403
    assert (
        client_for(world.staff)
        .get(reverse("evaluation:project_bundle", args=["bestaat-niet"]))
        .status_code
        == 404
    )
