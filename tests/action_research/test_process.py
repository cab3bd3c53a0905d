"""Process evaluation per period: impossible numbers refused at the field that is wrong, periods
normalised and never overlapping, adaptations and own indicators kept, optimistic locking."""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from decimal import Decimal
from typing import Any

import pytest
from django.core.exceptions import ValidationError

from accounts.models import ConsortiumRole
from action_research import selectors, services
from action_research.models import ProcessEvaluation, RecordChange
from tests.action_research.helpers import PROCESS, client_for, db_state, make_process, url
from tests.conftest import World
from tests.factories import MembershipFactory

pytestmark = pytest.mark.django_db

IMPOSSIBLE = [
    ({"invited": 41}, "invited"),  # eligible is 40
    ({"included": 33}, "included"),  # invited is 32
    ({"invited": None, "included": 41}, "included"),  # more than eligible, nobody invited
    ({"dropouts": 22}, "dropouts"),  # included is 21
    ({"dose_delivered": Decimal("100.5")}, "dose_delivered"),
    ({"dose_delivered": Decimal("-0.1")}, "dose_delivered"),
    ({"dose_received": Decimal("101")}, "dose_received"),
    ({"fidelity": Decimal("-5")}, "fidelity"),
    ({"fidelity": Decimal("150")}, "fidelity"),
    ({"satisfaction_mean": Decimal("0.5")}, "satisfaction_mean"),
    ({"satisfaction_mean": Decimal("10.5")}, "satisfaction_mean"),
    ({"satisfaction_n": None}, "satisfaction_n"),  # a mean mark without respondents
    ({"satisfaction_n": 0}, "satisfaction_n"),
    ({"satisfaction_n": 22}, "satisfaction_n"),  # more respondents than included
    ({"dropout_reasons": ""}, "dropout_reasons"),  # 2 drop-outs without reasons
    ({"dropout_reasons": "   "}, "dropout_reasons"),
    ({"period": "2026-Q5"}, "period"),
    ({"period": "volgend jaar"}, "period"),
    ({"period": "2019"}, "period"),
    ({"period": "2026-H3"}, "period"),
    ({"period": ""}, "period"),
]

PERSONAL = [
    ({"notes": "Werknemer met BSN 111222333 stopte."}, "notes"),
    ({"recruitment": "Aanmelden via coach@voorbeeld.nl."}, "recruitment"),
    ({"context_barriers": "Bel de coach op 06-12345678."}, "context_barriers"),
    ({"dropout_reasons": "Mevrouw (BSN 111222333) verhuisde."}, "dropout_reasons"),
    ({"adaptations": [{"what": "Gesprek via 06-12345678", "why": "Sneller"}]}, "adaptations"),
    (
        {"adaptations": [{"what": "Ander tijdstip", "why": "Vroeg van jan@voorbeeld.nl"}]},
        "adaptations",
    ),
    (
        {"custom_indicators": [{"name": "BSN 111222333", "unit": "", "value": 1.0}]},
        "custom_indicators",
    ),
]


def _assert_refused_at(world: World, overrides: dict[str, Any], field: str) -> None:
    """The service refuses the values, names the field, and nothing in the database changes."""
    before = db_state()
    with pytest.raises(ValidationError) as error:
        make_process(world, **overrides)
    assert field in error.value.message_dict
    assert db_state() == before


@pytest.mark.parametrize(("overrides", "field"), IMPOSSIBLE)
def test_an_impossible_number_is_refused_at_its_field_and_nothing_is_saved(
    world: World, overrides: dict[str, Any], field: str
) -> None:
    _assert_refused_at(world, overrides, field)


def test_invited_more_than_eligible_is_refused_and_nothing_is_saved(world: World) -> None:
    with pytest.raises(ValidationError) as error:
        make_process(world, eligible=10, invited=11, included=5, satisfaction_n=5)
    assert list(error.value.message_dict) == ["invited"]
    assert ProcessEvaluation.objects.count() == 0
    assert RecordChange.objects.count() == 0


@pytest.mark.parametrize(("overrides", "field"), PERSONAL)
def test_personal_data_in_free_text_or_an_adaptation_is_refused_and_nothing_is_saved(
    world: World, overrides: dict[str, Any], field: str
) -> None:
    _assert_refused_at(world, overrides, field)


def test_equal_numbers_at_the_limits_are_accepted(world: World) -> None:
    evaluation = make_process(
        world,
        eligible=21,
        invited=21,
        included=21,
        dropouts=21,
        dose_delivered=Decimal("0"),
        dose_received=Decimal("100"),
        fidelity=Decimal("100"),
        satisfaction_mean=Decimal("1"),
        satisfaction_n=21,
    )
    assert evaluation.pk is not None
    evaluation = make_process(
        world, period="2026-Q2", satisfaction_mean=Decimal("10"), dropouts=0, dropout_reasons=""
    )
    assert evaluation.satisfaction_mean == Decimal("10")


@pytest.mark.parametrize(
    ("typed", "code", "start", "end"),
    [
        ("2026-k3", "2026-Q3", datetime.date(2026, 7, 1), datetime.date(2026, 9, 30)),
        ("K3 2026", "2026-Q3", datetime.date(2026, 7, 1), datetime.date(2026, 9, 30)),
        ("2026q4", "2026-Q4", datetime.date(2026, 10, 1), datetime.date(2026, 12, 31)),
        ("H2 2025", "2025-H2", datetime.date(2025, 7, 1), datetime.date(2025, 12, 31)),
        ("2025-h1", "2025-H1", datetime.date(2025, 1, 1), datetime.date(2025, 6, 30)),
        (" 2024 ", "2024", datetime.date(2024, 1, 1), datetime.date(2024, 12, 31)),
        ("2026 - K3", "2026-Q3", datetime.date(2026, 7, 1), datetime.date(2026, 9, 30)),
        ("kw 3 2026", "2026-Q3", datetime.date(2026, 7, 1), datetime.date(2026, 9, 30)),
    ],
)
def test_period_spellings_are_normalised(
    world: World, typed: str, code: str, start: datetime.date, end: datetime.date
) -> None:
    evaluation = make_process(world, period=typed)
    evaluation.refresh_from_db()
    assert (evaluation.period, evaluation.period_start, evaluation.period_end) == (code, start, end)
    created = RecordChange.objects.get(record_id=evaluation.pk, record_type="processevaluation")
    assert created.changes["period"] == [None, code]


@pytest.mark.parametrize("period", ["2026", "2026-H1", "2026-Q2", "2026-k2", "Q2 2026"])
def test_a_period_overlapping_a_recorded_one_is_refused_and_nothing_is_saved(
    world: World, period: str
) -> None:
    make_process(world, period="2026-Q2")
    before = db_state()
    with pytest.raises(ValidationError) as error:
        make_process(world, period=period)
    assert "period" in error.value.message_dict
    assert db_state() == before


def test_neighbouring_periods_do_not_overlap(world: World) -> None:
    make_process(world, period="2026-Q2")
    make_process(world, period="2026-Q3")
    make_process(world, period="2026-Q1")
    make_process(world, period="2025")
    assert ProcessEvaluation.objects.count() == 4


def test_a_removed_period_may_be_recorded_again(world: World) -> None:
    removed = services.record_delete(actor=world.member_a, record=make_process(world))
    again = make_process(world)
    assert again.pk != removed.pk
    assert again.period == removed.period


def test_changing_a_period_into_an_overlapping_one_is_refused(world: World) -> None:
    make_process(world, period="2026-Q1")
    second = make_process(world, period="2026-Q2")
    before = db_state()
    with pytest.raises(ValidationError) as error:
        services.process_evaluation_update(
            actor=world.member_a,
            evaluation=second,
            data={**PROCESS, "period": "2026-H1"},
            version=second.version,
        )
    assert "period" in error.value.message_dict
    assert db_state() == before


def test_reach_is_included_as_a_share_of_eligible(world: World) -> None:
    assert make_process(world).reach_pct == Decimal("52.5")  # 21 of 40
    small = make_process(
        world, period="2026-Q2", eligible=3, invited=3, included=1, satisfaction_n=1, dropouts=1
    )
    assert small.reach_pct == Decimal("33.3")
    unknown = make_process(world, period="2026-Q3", eligible=None, invited=None, included=None)
    assert unknown.reach_pct is None
    nobody = make_process(
        world,
        period="2026-Q4",
        eligible=0,
        invited=0,
        included=0,
        dropouts=0,
        satisfaction_mean=None,
        satisfaction_n=None,
    )
    assert nobody.reach_pct is None


def test_a_change_is_kept_with_old_and_new_values(world: World) -> None:
    evaluation = make_process(world)
    services.process_evaluation_update(
        actor=world.coordinator_a,
        evaluation=evaluation,
        data={**PROCESS, "included": 25, "adaptations": [{"what": "Kortere intake", "why": ""}]},
        version=evaluation.version,
    )
    change = RecordChange.objects.filter(
        record_type="processevaluation", record_id=evaluation.pk, action="changed"
    ).get()
    assert change.actor == world.coordinator_a
    assert change.changes == {
        "included": [21, 25],
        "adaptations": [[], [{"what": "Kortere intake", "why": ""}]],
    }


def test_a_second_editor_with_a_stale_version_saves_nothing(world: World) -> None:
    evaluation = make_process(world)
    read_version = evaluation.version
    services.process_evaluation_update(
        actor=world.member_a,
        evaluation=evaluation,
        data={**PROCESS, "included": 22},
        version=read_version,
    )
    before = db_state()
    with pytest.raises(services.StaleEditError):
        services.process_evaluation_update(
            actor=world.coordinator_a,
            evaluation=evaluation,
            data={**PROCESS, "included": 30},
            version=read_version,
        )
    assert db_state() == before
    evaluation.refresh_from_db()
    assert evaluation.included == 22


def test_another_consortium_and_an_observer_cannot_record_a_period(world: World) -> None:
    evaluation = make_process(world)
    before = db_state()
    with pytest.raises(PermissionError):
        services.process_evaluation_update(
            actor=world.member_b, evaluation=evaluation, data=PROCESS, version=evaluation.version
        )
    with pytest.raises(PermissionError):
        services.process_evaluation_create(
            actor=world.observer, consortium=world.consortium_a, data=PROCESS
        )
    assert db_state() == before


# --- through the form ---------------------------------------------------------------------------


def _post(
    fields: dict[str, Any],
    adaptations: Sequence[dict[str, str]] = (),
    indicators: Sequence[dict[str, str]] = (),
    *,
    version: int | None = None,
    initial: int = 0,
) -> dict[str, str]:
    """A POST of the period form with its two formsets (and their management forms); `initial`
    rows of each formset are the record's existing ones, as the edit page renders them."""
    data = {name: "" if value is None else str(value) for name, value in fields.items()}
    for prefix, rows in (("aanpassing", adaptations), ("indicator", indicators)):
        data |= {
            f"{prefix}-TOTAL_FORMS": str(len(rows)),
            f"{prefix}-INITIAL_FORMS": str(min(initial, len(rows))),
            f"{prefix}-MIN_NUM_FORMS": "0",
            f"{prefix}-MAX_NUM_FORMS": "1000",
        }
        for index, row in enumerate(rows):
            data |= {f"{prefix}-{index}-{key}": value for key, value in row.items()}
    if version is not None:
        data["version"] = str(version)
    return data


FORM = {
    "period": "2026-Q1",
    "eligible": "40",
    "invited": "32",
    "included": "21",
    "dose_delivered": "85",
    "dose_received": "70,5",
    "fidelity": "80",
    "satisfaction_mean": "7,6",
    "satisfaction_n": "18",
    "dropouts": "2",
    "dropout_reasons": "Terugval in gezondheid.",
}


def test_a_period_is_recorded_through_the_form_with_adaptations_and_own_indicators(
    world: World,
) -> None:
    client = client_for(world.member_a)
    response = client.post(
        url("process_create", world.consortium_a.slug),
        _post(
            FORM,
            adaptations=[
                {"what": "Intake op de werkplek", "why": "Werknemers kwamen niet naar kantoor"},
                {"what": "", "why": ""},  # an empty row is ignored
            ],
            indicators=[
                {"name": "Meeloopdagen", "unit": "dagen", "value": "14"},
                {"name": "Gesprekken", "unit": "", "value": "3,5"},
            ],
        ),
    )
    assert response.status_code == 302
    evaluation = ProcessEvaluation.objects.get()
    assert response["Location"] == url("process_detail", world.consortium_a.slug, evaluation.pk)
    assert evaluation.dose_received == Decimal("70.5")
    assert evaluation.satisfaction_mean == Decimal("7.6")
    assert evaluation.adaptations == [
        {"what": "Intake op de werkplek", "why": "Werknemers kwamen niet naar kantoor"}
    ]
    assert evaluation.custom_indicators == [
        {"name": "Meeloopdagen", "unit": "dagen", "value": 14.0},
        {"name": "Gesprekken", "unit": "", "value": 3.5},
    ]
    created = RecordChange.objects.get(record_type="processevaluation", record_id=evaluation.pk)
    assert created.actor == world.member_a
    assert created.changes["adaptations"] == [None, evaluation.adaptations]
    assert created.changes["custom_indicators"] == [None, evaluation.custom_indicators]
    detail = client.get(response["Location"])
    assert detail.status_code == 200
    assert "Intake op de werkplek" in detail.content.decode()
    assert "Meeloopdagen" in detail.content.decode()


def test_numbers_with_trailing_zeros_or_thousand_separators_are_accepted(world: World) -> None:
    response = client_for(world.member_a).post(
        url("process_create", world.consortium_a.slug),
        _post(
            {**FORM, "eligible": "1000", "satisfaction_mean": "7,60", "fidelity": "80,00"},
            indicators=[{"name": "Uren", "unit": "uren", "value": "1.250,50"}],
        ),
    )
    assert response.status_code == 302
    evaluation = ProcessEvaluation.objects.get()
    assert (evaluation.satisfaction_mean, evaluation.fidelity) == (Decimal("7.6"), Decimal("80"))
    assert evaluation.custom_indicators == [{"name": "Uren", "unit": "uren", "value": 1250.5}]


def test_changing_adaptations_through_the_form_is_kept_in_history(world: World) -> None:
    evaluation = make_process(
        world,
        adaptations=[{"what": "Intake op de werkplek", "why": ""}],
        custom_indicators=[{"name": "Meeloopdagen", "unit": "dagen", "value": 14.0}],
    )
    client = client_for(world.coordinator_a)
    edit = url("process_edit", world.consortium_a.slug, evaluation.pk)
    assert client.get(edit).status_code == 200
    response = client.post(
        edit,
        _post(
            FORM,
            adaptations=[
                {"what": "Intake op de werkplek", "why": ""},
                {"what": "Tweede gesprek met de nieuwe werkgever", "why": "Op verzoek"},
            ],
            indicators=[{"name": "Meeloopdagen", "unit": "dagen", "value": "16"}],
            version=evaluation.version,
            initial=1,
        ),
    )
    assert response.status_code == 302
    evaluation.refresh_from_db()
    assert evaluation.version == 2
    change = RecordChange.objects.get(
        record_type="processevaluation", record_id=evaluation.pk, action="changed"
    )
    assert change.changes["adaptations"] == [
        [{"what": "Intake op de werkplek", "why": ""}],
        [
            {"what": "Intake op de werkplek", "why": ""},
            {"what": "Tweede gesprek met de nieuwe werkgever", "why": "Op verzoek"},
        ],
    ]
    assert change.changes["custom_indicators"] == [
        [{"name": "Meeloopdagen", "unit": "dagen", "value": 14.0}],
        [{"name": "Meeloopdagen", "unit": "dagen", "value": 16.0}],
    ]
    assert change.changes["dose_received"] == ["70", "70.5"]


FORM_ERRORS = [
    ({"invited": "41"}, "invited"),
    ({"included": "33"}, "included"),
    ({"dropouts": "22"}, "dropouts"),
    ({"dose_delivered": "100,5"}, "dose_delivered"),
    ({"dose_received": "-1"}, "dose_received"),
    ({"fidelity": "150"}, "fidelity"),
    ({"satisfaction_mean": "0,5"}, "satisfaction_mean"),
    ({"satisfaction_mean": "10,5"}, "satisfaction_mean"),
    ({"satisfaction_n": ""}, "satisfaction_n"),
    ({"satisfaction_n": "22"}, "satisfaction_n"),
    ({"dropout_reasons": ""}, "dropout_reasons"),
    ({"period": "2026-Q5"}, "period"),
    ({"period": "volgend jaar"}, "period"),
    ({"period": "2019"}, "period"),
    ({"period": ""}, "period"),
    ({"eligible": "veertig"}, "eligible"),
    ({"notes": "Mevrouw (BSN 111222333) stopte."}, "notes"),
    ({"recruitment": "Via coach@voorbeeld.nl"}, "recruitment"),
    ({"context_facilitators": "Bel 06-12345678"}, "context_facilitators"),
]


@pytest.mark.parametrize(("overrides", "field"), FORM_ERRORS)
def test_bad_input_in_the_form_is_shown_at_its_field_and_nothing_is_saved(
    world: World, overrides: dict[str, str], field: str
) -> None:
    before = db_state()
    response = client_for(world.member_a).post(
        url("process_create", world.consortium_a.slug), _post({**FORM, **overrides})
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert f"id_{field}_errors" in html
    assert 'id="error-summary"' in html
    assert db_state() == before


def test_an_overlapping_period_in_the_form_is_refused_at_the_period(world: World) -> None:
    make_process(world, period="2026-Q2")
    before = db_state()
    response = client_for(world.member_a).post(
        url("process_create", world.consortium_a.slug), _post({**FORM, "period": "2026"})
    )
    assert response.status_code == 400
    assert "id_period_errors" in response.content.decode()
    assert db_state() == before


@pytest.mark.parametrize(
    ("adaptations", "indicators", "error_id"),
    [
        ([{"what": "Bel 06-12345678 voor een afspraak", "why": ""}], [], "error-summary"),
        ([{"what": "Later starten", "why": "Vraag van jan@voorbeeld.nl"}], [], "error-summary"),
        ([{"what": "", "why": "Zonder wat"}], [], "id_aanpassing-0-what_errors"),
        ([], [{"name": "Meeloopdagen", "unit": "", "value": ""}], "id_indicator-0-value_errors"),
        ([], [{"name": "", "unit": "", "value": "3"}], "id_indicator-0-name_errors"),
        ([], [{"name": "Dagen", "unit": "", "value": "veel"}], "id_indicator-0-value_errors"),
    ],
)
def test_a_bad_adaptation_or_indicator_is_refused_and_nothing_is_saved(
    world: World,
    adaptations: list[dict[str, str]],
    indicators: list[dict[str, str]],
    error_id: str,
) -> None:
    before = db_state()
    response = client_for(world.member_a).post(
        url("process_create", world.consortium_a.slug), _post(FORM, adaptations, indicators)
    )
    assert response.status_code == 400
    assert error_id in response.content.decode()
    assert db_state() == before


def test_two_indicators_with_one_name_are_refused(world: World) -> None:
    before = db_state()
    response = client_for(world.member_a).post(
        url("process_create", world.consortium_a.slug),
        _post(
            FORM,
            indicators=[
                {"name": "Meeloopdagen", "unit": "", "value": "1"},
                {"name": "meeloopdagen", "unit": "", "value": "2"},
            ],
        ),
    )
    assert response.status_code == 400
    assert 'id="error-summary"' in response.content.decode()
    assert db_state() == before


def test_the_form_without_formset_management_data_saves_nothing(world: World) -> None:
    before = db_state()
    response = client_for(world.member_a).post(url("process_create", world.consortium_a.slug), FORM)
    assert response.status_code == 400
    assert db_state() == before


def test_a_stale_edit_through_the_form_gives_409_and_saves_nothing(world: World) -> None:
    evaluation = make_process(world)
    read_version = evaluation.version
    services.process_evaluation_update(
        actor=world.member_a,
        evaluation=evaluation,
        data={**PROCESS, "included": 22},
        version=read_version,
    )
    before = db_state()
    response = client_for(world.coordinator_a).post(
        url("process_edit", world.consortium_a.slug, evaluation.pk),
        _post({**FORM, "included": "30"}, version=read_version),
    )
    assert response.status_code == 409
    assert 'id="error-summary"' in response.content.decode()
    assert db_state() == before
    evaluation.refresh_from_db()
    assert evaluation.included == 22


def test_a_consortium_observer_reads_the_periods_but_cannot_record_one(world: World) -> None:
    evaluation = make_process(world)
    observer = MembershipFactory(consortium=world.consortium_a, role=ConsortiumRole.OBSERVER).user
    client = client_for(observer)
    slug = world.consortium_a.slug
    assert client.get(url("process_list", slug)).status_code == 200
    assert client.get(url("process_detail", slug, evaluation.pk)).status_code == 200
    before = db_state()
    assert client.get(url("process_create", slug)).status_code == 403
    assert client.post(url("process_create", slug), _post(FORM)).status_code == 403
    edit = url("process_edit", slug, evaluation.pk)
    assert client.post(edit, _post(FORM, version=1)).status_code == 403
    assert db_state() == before


def test_another_consortium_gets_404_for_a_period(world: World) -> None:
    evaluation = make_process(world)
    client = client_for(world.member_b)
    for slug in (world.consortium_a.slug, world.consortium_b.slug):
        assert client.get(url("process_detail", slug, evaluation.pk)).status_code == 404


def test_cycle_observations_of_the_period_feed_its_process_evaluation(world: World) -> None:
    def cycle(
        start: datetime.date, end: datetime.date | None, observe: str, constructs: list[str]
    ) -> None:
        services.cycle_create(
            actor=world.member_a,
            consortium=world.consortium_a,
            data={
                "period_start": start,
                "period_end": end,
                "plan_question": "Werkt het?",
                "plan_change": "Iets anders doen.",
                "observe": observe,
                "constructs": constructs,
            },
        )

    cycle(
        datetime.date(2026, 1, 5),
        datetime.date(2026, 2, 27),
        "Acht van de tien werkgevers deden mee.",
        ["bereik", "context"],
    )
    cycle(datetime.date(2026, 3, 2), None, "De coach sloeg de tweede sessie over.", ["trouw"])
    cycle(datetime.date(2025, 9, 1), datetime.date(2025, 11, 28), "Buiten de periode.", ["bereik"])
    cycle(datetime.date(2026, 2, 2), datetime.date(2026, 3, 27), "Niet getagd.", [])
    evaluation = make_process(world, period="2026-Q1")
    workspace = selectors.workspace_get(viewer=world.member_a, slug=world.consortium_a.slug)
    groups = {
        code: [c.observe for c in cycles]
        for code, _label, cycles in selectors.cycle_observations(workspace, evaluation)
    }
    assert groups == {  # in the order of the constructs; cycles outside the period left out
        "bereik": ["Acht van de tien werkgevers deden mee."],
        "trouw": ["De coach sloeg de tweede sessie over."],
        "context": ["Acht van de tien werkgevers deden mee."],
    }
    assert list(groups) == ["bereik", "trouw", "context"]
    page = client_for(world.member_a).get(
        url("process_detail", world.consortium_a.slug, evaluation.pk)
    )
    assert "De coach sloeg de tweede sessie over." in page.content.decode()
    assert "Buiten de periode." not in page.content.decode()
