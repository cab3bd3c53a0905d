"""What the cost-benefit pages call things: assumptions, units, parties and benefit lines."""

from __future__ import annotations

from django.utils.translation import gettext as _

from cms_core.vocabularies import PayingParty


def assumption_labels() -> dict[str, str]:
    return {
        "reference_rate": _("Placed at a new employer without the project (reference)"),
        "weekly_wage": _("Gross weekly wage"),
        "employer_charges": _("Employer's charges on top of the wage"),
        "continuation": _("Wage continued during sickness"),
        "insured_share": _("Share of wage continuation insured"),
        "sanction_risk": _("Lower risk of a wage sanction"),
        "benefit_probability": _("Chance of a benefit without placement"),
        "replacement": _("Benefit as a share of the wage"),
        "erd_share": _("Employers carrying their own WGA risk"),
        "horizon": _("Time horizon"),
        "recruitment": _("Recruitment costs saved by the new employer"),
        "trial_weeks": _("Length of a trial placement or secondment"),
        "trial_productivity": _("Productivity during the trial placement"),
        "relapse": _("Chance of falling ill again within 5 years"),
        "relapse_weeks": _("Length of that sickness"),
        "discount_rate": _("Discount rate per year"),
        "friction_weeks": _("Friction period"),
        "elasticity": _("Elasticity of working time"),
    }


def unit_label(unit: str) -> str:
    return {"%": "%", "EUR": _("euro"), "weeks": _("weeks"), "years": _("years")}[unit]


def party_labels() -> dict[str, str]:
    return {party.value: str(party.label) for party in PayingParty}


def item_labels() -> dict[str, str]:
    return {
        "wage_continuation": _("Wage continuation no longer paid"),
        "wga_own_risk": _("WGA benefit not paid as own-risk bearer"),
        "benefits_avoided": _("Benefits UWV does not pay"),
        "income": _("Wage instead of wage continuation or benefit"),
        "recruitment": _("Recruitment costs saved"),
        "trial_placement": _("Work during trial placement or secondment, unpaid"),
        "no_risk_policy": _("No-riskpolis: wage refunded after falling ill again"),
        "wage_sanction": _("Lower risk of a wage sanction"),
    }


def method_explanations() -> dict[str, str]:
    return {
        "human-capital": _(
            "Human-capital method: the additional placements' production counts over the whole "
            "horizon, at the labour cost (wage plus employer's charges)."
        ),
        "frictiekosten": _(
            "Friction-cost method: production counts only for the friction period, in which "
            "the job would otherwise stay empty, times the elasticity of working time."
        ),
    }
