"""Reads of costs: the list and the totals per category and paying party."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import QuerySet, Sum

from action_research.models import CostCategory, CostItem
from action_research.selectors.common import Workspace, records_of
from cms_core.vocabularies import PayingParty


def costs(workspace: Workspace, *, period: str = "") -> QuerySet[CostItem]:
    items = records_of(workspace, CostItem).select_related("trajectory")
    if period:
        items = items.filter(period=period)
    return items.order_by("period_start", "period", "category", "payer", "pk")


@dataclass
class CostTotals:
    payers: list[tuple[str, str]]  # (code, label) of the parties that paid anything
    rows: list[tuple[str, list[Decimal], Decimal]]  # (category label, per payer, row total)
    per_payer: list[Decimal]
    total: Decimal


def cost_totals(workspace: Workspace, *, period: str = "") -> CostTotals:
    """Sums per category (rows) and paying party (columns), with row and column totals."""
    sums: dict[tuple[str, str], Decimal] = defaultdict(Decimal)
    for row in (
        costs(workspace, period=period)
        .order_by()
        .values("category", "payer")
        .annotate(amount=Sum("amount"))
    ):
        sums[(row["category"], row["payer"])] = row["amount"] or Decimal(0)
    payers = [(p.value, str(p.label)) for p in PayingParty if any(k[1] == p.value for k in sums)]
    rows = []
    for category in CostCategory:
        values = [sums.get((category.value, code), Decimal(0)) for code, _label in payers]
        if any(values):
            rows.append((str(category.label), values, sum(values, Decimal(0))))
    per_payer = [
        sum((sums.get((c, code), Decimal(0)) for c in CostCategory.values), Decimal(0))
        for code, _l in payers
    ]
    return CostTotals(
        payers=payers, rows=rows, per_payer=per_payer, total=sum(per_payer, Decimal(0))
    )


def cost_periods(workspace: Workspace) -> list[str]:
    return list(
        records_of(workspace, CostItem)
        .order_by("period_start", "period")
        .values_list("period", flat=True)
        .distinct()
    )
