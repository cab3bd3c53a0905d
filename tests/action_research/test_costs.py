"""Costs per category and paying party: impossible amounts and duplicates refused, Dutch number
notation in the form, exact totals."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from django.core.exceptions import ValidationError

from action_research import selectors, services
from action_research.models import CostCategory, CostItem, RecordChange
from cms_core.vocabularies import PayingParty
from tests.action_research.helpers import (
    COST,
    client_for,
    db_state,
    make_cost,
    make_trajectory,
    url,
)
from tests.conftest import World

pytestmark = pytest.mark.django_db


def test_a_cost_is_recorded_with_its_history(world: World) -> None:
    trajectory = make_trajectory(world)
    cost = make_cost(world, period="2026-k1", trajectory=trajectory)
    cost.refresh_from_db()
    assert cost.period == "2026-Q1"
    assert cost.amount == Decimal("1250.00")
    assert cost.trajectory_code == trajectory.code
    created = RecordChange.objects.get(record_type="costitem", record_id=cost.pk)
    assert created.action == "created"
    assert created.actor == world.member_a
    assert created.changes["amount"] == [None, "1250"]
    assert created.changes["trajectory_code"] == [None, trajectory.code]


def _bad_cases(world: World) -> list[tuple[dict[str, Any], str]]:
    other = make_trajectory(world, actor=world.member_b, consortium=world.consortium_b)
    return [
        ({"amount": Decimal("-0.01")}, "amount"),
        ({"amount": Decimal("10000000.01")}, "amount"),
        ({"amount": Decimal("25000000")}, "amount"),
        ({"amount": None}, "amount"),
        ({"quantity": Decimal("10"), "unit": ""}, "unit"),
        ({"quantity": None, "unit": "uren"}, "quantity"),
        ({"quantity": Decimal("0")}, "quantity"),
        ({"trajectory": other}, "trajectory"),
        ({"period": "2026-Q5"}, "period"),
        ({"period": "binnenkort"}, "period"),
        ({"category": "snoep"}, "category"),
        ({"payer": "gemeente"}, "payer"),
        ({"unit": "liters"}, "unit"),
        ({"description": ""}, "description"),
        ({"description": "Coaching door jan@voorbeeld.nl"}, "description"),
        ({"description": "Reiskosten BSN 111222333"}, "description"),
    ]


@pytest.mark.parametrize("case", range(16))
def test_an_impossible_cost_is_refused_at_its_field_and_nothing_is_saved(
    world: World, case: int
) -> None:
    overrides, field = _bad_cases(world)[case]
    before = db_state()
    with pytest.raises(ValidationError) as error:
        make_cost(world, **overrides)
    assert field in error.value.message_dict, error.value.message_dict
    assert db_state() == before


def test_the_largest_and_the_smallest_amounts_are_accepted(world: World) -> None:
    assert make_cost(world, amount=Decimal("10000000")).amount == Decimal("10000000")
    assert make_cost(world, amount=Decimal("0"), description="No-riskpolis").amount == 0


@pytest.mark.parametrize(
    "description",
    ["Loopbaancoaching", "loopbaancoaching", "  Loopbaancoaching ", "LOOPBAANCOACHING"],
)
def test_the_same_cost_twice_is_refused_and_nothing_is_saved(
    world: World, description: str
) -> None:
    make_cost(world)
    before = db_state()
    with pytest.raises(ValidationError) as error:
        make_cost(world, description=description, amount=Decimal("99"))
    assert "description" in error.value.message_dict
    assert db_state() == before


def test_costs_that_differ_in_period_category_payer_description_or_trajectory_are_kept(
    world: World,
) -> None:
    trajectory = make_trajectory(world)
    make_cost(world)
    make_cost(world, period="2026-Q2")
    make_cost(world, category="scholing")
    make_cost(world, payer="samenleving")
    make_cost(world, description="Loopbaancoaching, tweede ronde")
    make_cost(world, trajectory=trajectory)
    assert CostItem.objects.count() == 6
    with pytest.raises(ValidationError):
        make_cost(world, trajectory=trajectory)


def test_changing_a_cost_into_a_duplicate_is_refused(world: World) -> None:
    make_cost(world)
    second = make_cost(world, description="Intake")
    before = db_state()
    with pytest.raises(ValidationError) as error:
        services.cost_update(actor=world.member_a, cost=second, data=COST, version=second.version)
    assert "description" in error.value.message_dict
    assert db_state() == before


def test_a_stale_cost_edit_saves_nothing(world: World) -> None:
    cost = make_cost(world)
    services.cost_update(
        actor=world.member_a, cost=cost, data={"amount": Decimal("1300")}, version=1
    )
    before = db_state()
    with pytest.raises(services.StaleEditError):
        services.cost_update(
            actor=world.coordinator_a, cost=cost, data={"amount": Decimal("1400")}, version=1
        )
    assert db_state() == before


# --- totals ---------------------------------------------------------------------------------------


def _workspace(world: World) -> selectors.Workspace:
    return selectors.workspace_get(viewer=world.member_a, slug=world.consortium_a.slug)


def test_totals_are_exact_sums_per_category_and_payer(world: World) -> None:
    make_cost(world, amount=Decimal("1250.00"))
    make_cost(world, amount=Decimal("0.10"), description="Koffie")
    make_cost(world, amount=Decimal("0.20"), payer="samenleving")
    make_cost(world, amount=Decimal("333.33"), category="scholing", quantity=None, unit="")
    make_cost(world, amount=Decimal("0.01"), category="scholing", period="2026-Q2")
    removed = make_cost(world, amount=Decimal("5000"), description="Dubbel ingevoerd")
    services.record_delete(actor=world.member_a, record=removed)
    make_trajectory(world, actor=world.member_b, consortium=world.consortium_b)
    services.cost_create(actor=world.member_b, consortium=world.consortium_b, data=COST)

    totals = selectors.cost_totals(_workspace(world))
    guidance, training = str(CostCategory.GUIDANCE.label), str(CostCategory.TRAINING.label)
    assert totals.payers == [
        ("huidige-werkgever", str(PayingParty.CURRENT_EMPLOYER.label)),
        ("samenleving", str(PayingParty.SOCIETY.label)),
    ]
    assert totals.rows == [
        (guidance, [Decimal("1250.10"), Decimal("0.20")], Decimal("1250.30")),
        (training, [Decimal("333.34"), Decimal("0")], Decimal("333.34")),
    ]
    assert totals.per_payer == [Decimal("1583.44"), Decimal("0.20")]
    assert totals.total == Decimal("1583.64")

    q2 = selectors.cost_totals(_workspace(world), period="2026-Q2")
    assert q2.payers == [("huidige-werkgever", str(PayingParty.CURRENT_EMPLOYER.label))]
    assert q2.rows == [(training, [Decimal("0.01")], Decimal("0.01"))]
    assert q2.total == Decimal("0.01")


def test_totals_of_an_empty_workspace_are_zero(world: World) -> None:
    totals = selectors.cost_totals(_workspace(world))
    assert (totals.payers, totals.rows, totals.per_payer, totals.total) == ([], [], [], 0)


def test_the_cost_list_filters_by_period(world: World) -> None:
    q1 = make_cost(world)
    q2 = make_cost(world, period="2026-Q2")
    slug = world.consortium_a.slug
    client = client_for(world.member_a)
    everything = client.get(url("cost_list", slug)).content.decode()
    assert url("record_history", slug, "costitem", q1.pk) in everything
    assert url("record_history", slug, "costitem", q2.pk) in everything
    response = client.get(url("cost_list", slug), {"periode": "2026-Q2"})
    assert response.status_code == 200
    html = response.content.decode()
    assert url("record_history", slug, "costitem", q2.pk) in html
    assert url("record_history", slug, "costitem", q1.pk) not in html
    unknown = client.get(url("cost_list", slug), {"periode": "1999"}).content.decode()
    assert url("record_history", slug, "costitem", q1.pk) in unknown


# --- through the form ---------------------------------------------------------------------------

FORM = {
    "period": "2026-Q1",
    "category": "begeleiding",
    "payer": "huidige-werkgever",
    "description": "Loopbaancoaching",
    "amount": "1.250,50",
    "quantity": "10,5",
    "unit": "uren",
}


@pytest.mark.parametrize(
    ("typed", "amount"),
    [
        ("1.250,50", Decimal("1250.50")),
        ("1250,50", Decimal("1250.50")),
        ("1250.5", Decimal("1250.50")),
        ("€ 1.250,50", Decimal("1250.50")),
        ("0", Decimal("0")),
    ],
)
def test_amounts_are_typed_in_dutch_or_international_notation(
    world: World, typed: str, amount: Decimal
) -> None:
    response = client_for(world.member_a).post(
        url("cost_create", world.consortium_a.slug), {**FORM, "amount": typed}
    )
    assert response.status_code == 302
    cost = CostItem.objects.get()
    assert cost.amount == amount
    assert cost.quantity == Decimal("10.5")


def test_a_cost_is_recorded_and_changed_through_the_form(world: World) -> None:
    trajectory = make_trajectory(world)
    client = client_for(world.member_a)
    slug = world.consortium_a.slug
    response = client.post(
        url("cost_create", slug),
        {**FORM, "period": "2026-k1", "trajectory": trajectory.code.lower()},
    )
    assert response.status_code == 302
    assert response["Location"] == url("cost_list", slug)
    cost = CostItem.objects.get()
    assert (cost.period, cost.amount, cost.trajectory) == (
        "2026-Q1",
        Decimal("1250.50"),
        trajectory,
    )

    edit = url("cost_edit", slug, cost.pk)
    page = client.get(edit)
    assert page.status_code == 200
    assert "1250,50" in page.content.decode()  # shown in Dutch notation
    response = client.post(
        edit, {**FORM, "amount": "1300", "trajectory": "", "version": str(cost.version)}
    )
    assert response.status_code == 302
    change = RecordChange.objects.get(record_type="costitem", record_id=cost.pk, action="changed")
    assert change.changes == {
        "amount": ["1250.5", "1300"],
        "trajectory_code": [trajectory.code, ""],
    }


def test_saving_a_cost_unchanged_writes_no_history(world: World) -> None:
    cost = make_cost(world, amount=Decimal("1250.50"), quantity=Decimal("10.5"))
    before = db_state()
    response = client_for(world.member_a).post(
        url("cost_edit", world.consortium_a.slug, cost.pk),
        {**FORM, "amount": "1250,5", "version": str(cost.version)},
    )
    assert response.status_code == 302
    assert db_state() == before


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"amount": "-5"}, "amount"),
        ({"amount": "10000000,01"}, "amount"),
        ({"amount": "12.345.678,00"}, "amount"),
        ({"amount": "12,345"}, "amount"),  # more than two decimals
        ({"amount": "veel"}, "amount"),
        ({"amount": ""}, "amount"),
        ({"unit": ""}, "unit"),
        ({"quantity": ""}, "quantity"),
        ({"period": "2026-Q5"}, "period"),
        ({"category": "snoep"}, "category"),
        ({"description": "Bel 06-12345678"}, "description"),
        ({"trajectory": "TS-AAAAAAA"}, "trajectory"),
    ],
)
def test_bad_cost_input_in_the_form_is_shown_at_its_field_and_nothing_is_saved(
    world: World, overrides: dict[str, str], field: str
) -> None:
    before = db_state()
    response = client_for(world.member_a).post(
        url("cost_create", world.consortium_a.slug), {**FORM, **overrides}
    )
    assert response.status_code == 400
    assert f"id_{field}_errors" in response.content.decode()
    assert db_state() == before


def test_a_trajectory_code_of_another_consortium_is_refused_in_the_form(world: World) -> None:
    other = make_trajectory(world, actor=world.member_b, consortium=world.consortium_b)
    before = db_state()
    response = client_for(world.member_a).post(
        url("cost_create", world.consortium_a.slug), {**FORM, "trajectory": other.code}
    )
    assert response.status_code == 400
    assert "id_trajectory_errors" in response.content.decode()
    assert db_state() == before


def test_a_duplicate_cost_in_the_form_is_refused_at_the_description(world: World) -> None:
    make_cost(world)
    before = db_state()
    response = client_for(world.member_a).post(
        url("cost_create", world.consortium_a.slug), {**FORM, "description": "loopbaancoaching"}
    )
    assert response.status_code == 400
    assert "id_description_errors" in response.content.decode()
    assert db_state() == before


def test_another_consortium_gets_404_for_a_cost(world: World) -> None:
    cost = make_cost(world)
    client = client_for(world.member_b)
    before = db_state()
    for slug in (world.consortium_a.slug, world.consortium_b.slug):
        assert client.get(url("cost_edit", slug, cost.pk)).status_code == 404
        post = {**FORM, "version": "1"}
        assert client.post(url("cost_edit", slug, cost.pk), post).status_code == 404
    assert db_state() == before
