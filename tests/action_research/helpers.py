"""Builders shared by the workspace tests: clients, records made through the services, state."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

from django.test import Client
from django.urls import reverse

from accounts.models import Consortium, User
from action_research import services
from action_research.models import (
    RECORD_TYPES,
    CostItem,
    ImportBatch,
    ProcessEvaluation,
    PseudonymCode,
    RecordChange,
    Trajectory,
)
from tests.conftest import World

TRAJECTORY: dict[str, Any] = {
    "included_on": datetime.date(2025, 9, 15),
    "sickness_week_at_inclusion": 38,
    "second_track_week": 40,
    "condition_category": "psychisch",
    "employer_size": "middel",
    "sector": "zorg",
    "outcome": "lopend",
}

PROCESS: dict[str, Any] = {
    "period": "2026-Q1",
    "eligible": 40,
    "invited": 32,
    "included": 21,
    "dose_delivered": Decimal("85"),
    "dose_received": Decimal("70"),
    "fidelity": Decimal("80"),
    "satisfaction_mean": Decimal("7.6"),
    "satisfaction_n": 18,
    "dropouts": 2,
    "dropout_reasons": "Terugval in gezondheid; verhuisd naar een andere regio.",
}

COST: dict[str, Any] = {
    "period": "2026-Q1",
    "category": "begeleiding",
    "payer": "huidige-werkgever",
    "description": "Loopbaancoaching",
    "amount": Decimal("1250.00"),
    "quantity": Decimal("10"),
    "unit": "uren",
}


def url(name: str, *args: Any) -> str:
    return reverse(f"action_research:{name}", args=args)


def client_for(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def issue_codes(actor: User, consortium: Consortium, count: int = 1) -> list[str]:
    return services.codes_issue(actor=actor, consortium=consortium, count=count)


def make_trajectory(
    world: World,
    *,
    actor: User | None = None,
    consortium: Consortium | None = None,
    code: str = "",
    **overrides: Any,
) -> Trajectory:
    return services.trajectory_create(
        actor=actor or world.member_a,
        consortium=consortium or world.consortium_a,
        data={**TRAJECTORY, **overrides},
        code=code,
    )


def make_process(world: World, *, actor: User | None = None, **overrides: Any) -> ProcessEvaluation:
    return services.process_evaluation_create(
        actor=actor or world.member_a,
        consortium=world.consortium_a,
        data={**PROCESS, **overrides},
    )


def make_cost(world: World, *, actor: User | None = None, **overrides: Any) -> CostItem:
    return services.cost_create(
        actor=actor or world.member_a, consortium=world.consortium_a, data={**COST, **overrides}
    )


def db_state() -> dict[str, Any]:
    """Every research record's (pk, version, is_deleted), and how many history rows, imports
    and codes there are: equal before and after means nothing was written."""
    state: dict[str, Any] = {
        name: sorted(model.objects.values_list("pk", "version", "is_deleted"))
        for name, model in RECORD_TYPES.items()
    }
    state["recordchange"] = RecordChange.objects.count()
    state["importbatch"] = ImportBatch.objects.count()
    state["pseudonymcode"] = PseudonymCode.objects.count()
    return state


def history_actions(record: Any) -> list[str]:
    """The record's history, newest first, as its actions."""
    return list(
        RecordChange.objects.filter(
            record_type=record.record_type(), record_id=record.pk
        ).values_list("action", flat=True)
    )
