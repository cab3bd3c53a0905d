"""Costs per category and paying party."""

from __future__ import annotations

from typing import Any

from accounts.models import Consortium, User
from action_research.models import CostItem
from action_research.services.common import record_create, record_update

COST_FIELDS = (
    "period",
    "category",
    "payer",
    "description",
    "amount",
    "quantity",
    "unit",
    "trajectory",
)


def cost_create(*, actor: User, consortium: Consortium, data: dict[str, Any]) -> CostItem:
    """Record a cost. Raises ValidationError; nothing is saved."""
    return record_create(
        actor=actor, consortium=consortium, record=CostItem(), data=data, fields=COST_FIELDS
    )


def cost_update(*, actor: User, cost: CostItem, data: dict[str, Any], version: int) -> CostItem:
    """Change a cost; StaleEditError when it changed since `version` was read."""
    return record_update(actor=actor, record=cost, data=data, version=version, fields=COST_FIELDS)
