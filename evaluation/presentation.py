"""A cost-benefit analysis as its page shows it: tables of display cells and tornado charts."""

from __future__ import annotations

from typing import Any

from django.utils.formats import number_format
from django.utils.translation import gettext as _

from evaluation import charts
from evaluation.analysis import costbenefit
from evaluation.analysis.suppression import THRESHOLD, Status
from evaluation.models import CostBenefitAnalysis, Method
from evaluation.selectors.costbenefit import AnalysisView, PublishedAnalysis
from evaluation.tables import Cell, Row, Table, count, number, percent
from evaluation.texts import (
    assumption_labels,
    item_labels,
    method_explanations,
    party_labels,
    unit_label,
)

SENSITIVITY_BARS = 10  # the chart shows the widest swings; the table shows them all


def money(value: float | None) -> Cell:
    """An amount in euros, Dutch style: '€ 1.250', with a minus sign before the euro sign for
    negatives; no line break inside."""
    if value is None:
        return Cell("–")
    rounded = round(value)
    text = f"€\u00a0{number_format(abs(rounded), 0, force_grouping=True)}"
    return Cell(f"\u2212{text}" if rounded < 0 else text, value=value)


def amount(value: float, unit: str) -> str:
    """An assumption's value with its unit: '20 %', '€ 770', '12 weeks'."""
    text = number_format(value, 0 if float(value).is_integer() else 1, force_grouping=True)
    if unit == "EUR":
        return f"€\u00a0{text}"
    if unit == "%":
        return f"{text}\u00a0%"
    return f"{text}\u00a0{unit_label(unit)}"


def cost_benefit(view: AnalysisView) -> dict[str, Any]:
    """The page's tables and charts (only the facts when the result is withheld)."""
    facts = view.facts
    context: dict[str, Any] = {
        "facts_table": _facts_table(view),
        "assumptions_table": assumptions_table(view.analysis),
        "method_explanation": method_explanations()[view.analysis.method],
        "history": history(view),
    }
    result = view.result
    if result is None:
        return context
    per_party = party_table(result, facts)
    parties = party_labels()
    labels = item_labels()
    items = Table(
        caption=_("Benefits per party, line by line"),
        headers=[_("Party"), _("Benefit"), _("Amount")],
        rows=[
            Row(parties[item.party], [Cell(labels[item.key]), money(item.amount)])
            for item in result.items
        ],
    )
    societal = Table(
        caption=_("Societal perspective (transfers between parties cancel out)"),
        headers=[_("Item"), _("Amount")],
        rows=[
            Row(_("Production gained by the additional placements"), [money(result.production)]),
            Row(_("Costs of all parties"), [money(-result.total_costs)]),
            Row(_("Societal net result"), [money(result.societal_net)]),
            Row(
                _("Per placement at a new employer"),
                [money(costbenefit.per_placement(result.societal_net, facts))],
            ),
        ],
    )
    context |= {
        "party_table": per_party,
        "items_table": items,
        "societal_table": societal,
        "societal_net": money(result.societal_net).text,
        "employer_net": money(result.net(costbenefit.CURRENT_EMPLOYER)).text,
        "sensitivity": [
            _sensitivity(
                view.societal,
                base=result.societal_net,
                key="maatschappij",
                measure=_("the societal net result"),
            ),
            _sensitivity(
                view.employer,
                base=result.net(costbenefit.CURRENT_EMPLOYER),
                key="werkgever",
                measure=_("the current employer's net result"),
            ),
        ],
    }
    return context


def party_table(result: costbenefit.Result, facts: costbenefit.Facts) -> Table:
    """Costs, benefits and net result per party, and per measured placement."""
    parties = party_labels()
    per_party = Table(
        caption=_("Net result per party (costs from the records, benefits estimated)"),
        headers=[_("Party"), _("Costs"), _("Benefits"), _("Net"), _("Net per placement")],
        note=_("Placements: placements at a new employer as recorded (n = %(n)s).")
        % {"n": facts.placed},
    )
    for party in costbenefit.PARTIES:
        net = result.net(party)
        per_party.rows.append(
            Row(
                parties[party],
                [
                    money(result.costs.get(party, 0.0)),
                    money(result.benefits(party)),
                    money(net),
                    money(costbenefit.per_placement(net, facts)),
                ],
            )
        )
    total = result.net_all_parties
    per_party.rows.append(
        Row(
            _("All parties together"),
            [
                money(result.total_costs),
                money(sum(result.benefits(party) for party in costbenefit.PARTIES)),
                money(total),
                money(costbenefit.per_placement(total, facts)),
            ],
        )
    )

    return per_party


def _facts_table(view: AnalysisView) -> Table:
    facts = view.facts
    hide = view.withheld
    week = facts.placement_week
    rows = [
        Row(_("Trajectories included"), [_count(facts.included, hide)]),
        Row(_("Finished (not still running)"), [_count(facts.finished, hide)]),
        Row(_("Placed at a new employer"), [_count(facts.placed, hide)]),
    ]
    if not hide and view.result is not None:
        rows += [
            Row(
                _("Additional placements compared with the reference"),
                [number(view.result.additional_placements, 1)],
            ),
            Row(
                _("Mean week of sickness at placement"),
                [number(week, 0) if week is not None else Cell(_("no dates recorded"))],
            ),
            Row(
                _("Placements through trial placement or secondment"),
                [percent(facts.trial_share)],
            ),
        ]
    return Table(
        caption=_("Figures from the workspace, as recorded today"),
        headers=[_("Figure"), _("Value")],
        rows=rows,
    )


def _count(value: int, hide: bool) -> Cell:
    """A count, shown as "< 5" outside the consortium when it lies between 1 and 4."""
    return count(value, Status.PRIMARY if hide and 0 < value < THRESHOLD else Status.SHOWN)


def assumptions_table(analysis: CostBenefitAnalysis) -> Table:
    labels = assumption_labels()
    table = Table(
        caption=_("Assumptions of this analysis"),
        headers=[_("Assumption"), _("Value"), _("Range"), _("Source")],
    )
    method = analysis.method
    for item in costbenefit.ASSUMPTIONS:
        if method == costbenefit.HUMAN_CAPITAL and item.key in costbenefit.FRICTION_ONLY:
            continue
        entry = analysis.assumptions[item.key]
        table.rows.append(
            Row(
                labels[item.key],
                [
                    Cell(amount(entry["value"], item.unit)),
                    Cell(f"{amount(entry['low'], item.unit)} – {amount(entry['high'], item.unit)}"),
                    Cell(entry["source"]),
                ],
            )
        )
    return table


def _sensitivity(
    swings: list[costbenefit.Swing], *, base: float, key: str, measure: str
) -> dict[str, Any]:
    labels = assumption_labels()
    units = {item.key: item.unit for item in costbenefit.ASSUMPTIONS}
    table = Table(
        caption=_("Sensitivity of %(measure)s, one assumption at a time") % {"measure": measure},
        headers=[_("Assumption"), _("Low"), _("Result at low"), _("High"), _("Result at high")],
        rows=[
            Row(
                labels[swing.key],
                [
                    Cell(amount(swing.low_value, units[swing.key])),
                    money(swing.at_low),
                    Cell(amount(swing.high_value, units[swing.key])),
                    money(swing.at_high),
                ],
            )
            for swing in swings
        ],
        note=_("Result with every assumption at its value: %(base)s.") % {"base": money(base).text},
    )
    shown = [swing for swing in swings if swing.width > 0][:SENSITIVITY_BARS]
    chart = ""
    if shown:
        widest = shown[0]
        chart = charts.tornado_chart(
            title=_("Sensitivity of %(measure)s") % {"measure": measure},
            description=_(
                "Tornado chart: per assumption the result at the low and at the high end of its "
                "range, widest first. Widest: %(label)s, from %(low)s to %(high)s. The table "
                "below has every value."
            )
            % {
                "label": labels[widest.key],
                "low": money(widest.at_low).text,
                "high": money(widest.at_high).text,
            },
            labels=[labels[swing.key] for swing in shown],
            at_low=[swing.at_low for swing in shown],
            at_high=[swing.at_high for swing in shown],
            base=base,
            low_label=_("low end of the range"),
            high_label=_("high end of the range"),
            unit_label=_("thousands of euros"),
        )
    return {"key": key, "measure": measure, "table": table, "chart": chart}


def history(view: AnalysisView) -> list[dict[str, Any]]:
    """The analysis's changes as `action_research/_history.html` shows them; a changed
    assumption is named one by one ('Time horizon, value: 2 → 3')."""
    labels = assumption_labels()
    units = {item.key: item.unit for item in costbenefit.ASSUMPTIONS}
    parts = {"value": _("value"), "low": _("low"), "high": _("high"), "source": _("source")}
    field_labels = {"title": _("Title"), "method": _("Method"), "notes": _("Notes")}
    methods = dict(Method.choices)
    entries = []
    for change in view.history:
        fields: list[tuple[str, str, str]] = []
        for name, (old, new) in change.changes.items():
            if name == "assumptions":
                for key, entry in (new or {}).items():
                    before = (old or {}).get(key, {})
                    for part, label in parts.items():
                        if before.get(part) != entry.get(part):
                            show = (
                                str
                                if part == "source"
                                else lambda value, key=key: amount(float(value), units[key])
                            )
                            fields.append(
                                (
                                    f"{labels.get(key, key)}, {label}",
                                    show(before[part]) if part in before else "",
                                    show(entry[part]),
                                )
                            )
            elif name == "method":
                fields.append(
                    (field_labels[name], str(methods.get(old, "")), str(methods.get(new, "")))
                )
            else:
                fields.append((str(field_labels.get(name, name)), str(old or ""), str(new or "")))
        entries.append({"change": change, "fields": fields})
    return entries


def published(analyses: list[PublishedAnalysis]) -> list[dict[str, Any]]:
    """What the toolbox page of an approach shows of each published analysis."""
    explanations = method_explanations()
    return [
        {
            "analysis": item.analysis,
            "method_explanation": explanations[item.analysis.method],
            "party_table": party_table(item.result, item.facts),
            "societal_net": money(item.result.societal_net).text,
            "placed": item.facts.placed,
            "expected": number(item.facts.placed - item.result.additional_placements, 1).text,
            "assumptions_table": assumptions_table(item.analysis),
            "key": f"measured-{item.analysis.pk}",
        }
        for item in analyses
    ]
