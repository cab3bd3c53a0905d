"""Cost-benefit: the arithmetic per party on a hand-computed example, the sensitivity analysis,
the facts read from the records, and the analysis pages (access, bad input, history)."""

from __future__ import annotations

import datetime
import re
from decimal import Decimal
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation

from action_research.models import RecordChange
from evaluation import services
from evaluation.analysis import costbenefit
from evaluation.analysis.costbenefit import Facts
from evaluation.forms import AnalysisForm
from evaluation.models import CostBenefitAnalysis, default_assumptions
from evaluation.selectors.costbenefit import project_facts
from tests.action_research.helpers import client_for, make_cost, make_trajectory
from tests.conftest import World

FACTS = Facts(
    included=100,
    finished=80,
    placed=30,
    placement_week=64,
    trial_share=0.5,
    costs={"huidige-werkgever": 50_000, "nieuwe-werkgever": 2_000, "samenleving": 10_000},
)
VALUES = {
    "reference_rate": 20,
    "weekly_wage": 1000,
    "employer_charges": 25,
    "continuation": 80,
    "insured_share": 10,
    "sanction_risk": 10,
    "benefit_probability": 50,
    "replacement": 70,
    "erd_share": 40,
    "horizon": 1,
    "recruitment": 5000,
    "trial_weeks": 10,
    "trial_productivity": 50,
    "relapse": 20,
    "relapse_weeks": 10,
    "discount_rate": 0,  # the example below is worked out undiscounted; see the discount test
    "friction_weeks": 12,
    "elasticity": 80,
}


# --- the arithmetic (worked out by hand) --------------------------------------------------------
#
# additional placements: 30 - 80 x 20 % = 14; labour cost 1,000 x 1.25 = 1,250 a week;
# horizon 52 weeks: 40 of remaining wage continuation (104 - 64), then 12 with a benefit;
# expected benefit 50 % x 70 % x 1,000 = 350 a week; continued wage 1,250 x 80 % = 1,000 a week.
# Per additional placement: current employer 40 x 1,000 x 90 % = 36,000 (insurer 4,000) plus
# WGA own risk 12 x 350 x 40 % = 1,680; UWV 12 x 350 x 60 % = 2,520; employee
# 40 x 1,000 x 20 % + 12 x 650 = 15,800; new employer 5,000 recruitment, trial
# 50 % x 10 x 1,250 x 50 % = 3,125 and no-riskpolis 20 % x 10 x 1,000 x 80 % = 1,600 (which UWV
# pays). Wage sanction over the 100 included: 100 x 10 % x 52 = 520 weeks: employer 520,000, UWV
# -520 x 350 = -182,000, employee -520 x (800 - 350) = -234,000.


def test_the_net_result_per_party_matches_the_hand_computed_example() -> None:
    result = costbenefit.compute(FACTS, VALUES, costbenefit.FRICTION_COST)

    assert result.additional_placements == pytest.approx(14)
    assert result.benefits("huidige-werkgever") == pytest.approx(504_000 + 23_520 + 520_000)
    assert result.net("huidige-werkgever") == pytest.approx(997_520)
    assert result.net("verzekeraar") == pytest.approx(56_000)
    assert result.net("nieuwe-werkgever") == pytest.approx(70_000 + 43_750 + 22_400 - 2_000)
    assert result.net("werknemer") == pytest.approx(221_200 - 234_000)
    assert result.net("samenleving") == pytest.approx(35_280 - 22_400 - 182_000 - 10_000)
    assert result.net_all_parties == pytest.approx(995_750)
    assert costbenefit.per_placement(result.net("huidige-werkgever"), FACTS) == pytest.approx(
        997_520 / 30
    )


def test_the_method_decides_the_production_counted_for_society() -> None:
    friction = costbenefit.compute(FACTS, VALUES, costbenefit.FRICTION_COST)
    human_capital = costbenefit.compute(FACTS, VALUES, costbenefit.HUMAN_CAPITAL)

    # friction: 14 x 12 weeks x 1,250 x 80 %; human capital: 14 x 52 weeks x 1,250
    assert friction.production == pytest.approx(168_000)
    assert friction.societal_net == pytest.approx(168_000 - 62_000)
    assert human_capital.production == pytest.approx(910_000)
    assert human_capital.societal_net == pytest.approx(848_000)
    # the parties' cash flows do not depend on the method
    assert human_capital.net("huidige-werkgever") == friction.net("huidige-werkgever")


def test_fewer_placements_than_the_reference_give_a_negative_effect() -> None:
    facts = Facts(10, 80, 10, 60, 0.0, {"huidige-werkgever": 1_000})

    result = costbenefit.compute(facts, VALUES, costbenefit.HUMAN_CAPITAL)

    assert result.additional_placements == pytest.approx(-6)
    assert result.production < 0
    assert result.societal_net == pytest.approx(-6 * 52 * 1250 - 1_000)


def test_without_a_placement_date_no_wage_continuation_is_counted_as_saved() -> None:
    facts = Facts(100, 80, 30, None, 0.5, {})

    result = costbenefit.compute(facts, VALUES, costbenefit.FRICTION_COST)

    lines = {(item.party, item.key): item.amount for item in result.items}
    assert lines[("huidige-werkgever", "wage_continuation")] == 0
    # the whole horizon (52 weeks) is then benefit time: 52 x 350 x 40 % x 14
    assert lines[("huidige-werkgever", "wga_own_risk")] == pytest.approx(52 * 140 * 14)
    assert costbenefit.per_placement(1.0, Facts(0, 0, 0, None, 0.0, {})) is None


def test_weeks_further_from_the_placement_are_discounted() -> None:
    by_hand = sum(1.10 ** (-week / 52) for week in range(52))

    assert costbenefit.present_weeks(0, 52, 0.10) == pytest.approx(by_hand)
    assert costbenefit.present_weeks(10, 52, 0.10) == pytest.approx(
        sum(1.10 ** (-week / 52) for week in range(10, 52))
    )
    assert costbenefit.present_weeks(0, 40, 0) == 40
    assert costbenefit.present_weeks(30, 20, 0.1) == 0
    discounted = costbenefit.compute(
        FACTS, {**VALUES, "discount_rate": 10}, costbenefit.HUMAN_CAPITAL
    )
    # human capital: 14 additional placements x 1,250 a week over the discounted 52 weeks
    assert discounted.production == pytest.approx(14 * 1250 * by_hand)
    # one-off amounts are not discounted
    lines = {(item.party, item.key): item.amount for item in discounted.items}
    assert lines[("nieuwe-werkgever", "recruitment")] == pytest.approx(14 * 5000)


def test_a_missing_assumption_or_unknown_method_is_refused() -> None:
    with pytest.raises(ValueError, match="horizon"):
        costbenefit.compute(
            FACTS, {k: v for k, v in VALUES.items() if k != "horizon"}, "frictiekosten"
        )
    with pytest.raises(ValueError, match="method"):
        costbenefit.compute(FACTS, VALUES, "natte-vinger")


def test_sensitivity_varies_one_assumption_at_a_time_widest_first() -> None:
    ranges = {item.key: (item.low, item.high) for item in costbenefit.ASSUMPTIONS}

    swings = costbenefit.sensitivity(FACTS, VALUES, ranges, costbenefit.FRICTION_COST)

    by_key = {swing.key: swing for swing in swings}
    # reference 15 %: 18 additional x 12 x 1,000 = 216,000 - 62,000; 25 %: 10 x 12,000 - 62,000
    assert by_key["reference_rate"].at_low == pytest.approx(154_000)
    assert by_key["reference_rate"].at_high == pytest.approx(58_000)
    # transfers do not move the societal result
    assert by_key["erd_share"].width == 0
    widths = [swing.width for swing in swings]
    assert widths == sorted(widths, reverse=True)
    assert len(swings) == len(costbenefit.ASSUMPTIONS)


def test_sensitivity_under_human_capital_leaves_out_the_friction_assumptions() -> None:
    ranges = {item.key: (item.low, item.high) for item in costbenefit.ASSUMPTIONS}

    swings = costbenefit.sensitivity(
        FACTS, VALUES, ranges, costbenefit.HUMAN_CAPITAL, measure="huidige-werkgever"
    )

    keys = {swing.key for swing in swings}
    assert not keys & costbenefit.FRICTION_ONLY
    # the employer's net moves with the share of employers carrying their own WGA risk
    erd = next(swing for swing in swings if swing.key == "erd_share")
    assert erd.at_high - erd.at_low == pytest.approx(12 * 350 * 14 * (0.60 - 0.20))


def test_every_default_lies_in_its_range_and_has_a_source() -> None:
    for item in costbenefit.ASSUMPTIONS:
        assert item.minimum <= item.low <= item.default <= item.high <= item.maximum, item.key
        assert item.source.strip(), item.key


# --- facts from the records ---------------------------------------------------------------------


def _placed(world: World, week: int = 40, days: int = 70, kind: str = "vast", **extra: Any) -> None:
    included = datetime.date(2025, 9, 15)
    make_trajectory(
        world,
        sickness_week_at_inclusion=week,
        included_on=included,
        outcome="plaatsing-2e-spoor",
        outcome_date=included + datetime.timedelta(days=days),
        placement_kind=kind,
        **extra,
    )


@pytest.mark.django_db
def test_the_facts_come_from_the_alive_records_of_the_project(world: World) -> None:
    _placed(world, week=40, days=70)  # placed in week 50
    _placed(world, week=50, days=84, kind="detachering")  # week 62
    make_trajectory(
        world, outcome="terugkeer-eigen-werkgever", outcome_date=datetime.date(2026, 1, 5)
    )
    make_trajectory(world)  # still running
    make_trajectory(world, actor=world.member_b, consortium=world.consortium_b)  # not A's
    make_cost(world, amount=Decimal("1000.00"))
    make_cost(world, amount=Decimal("250.50"), description="Tweede kostenpost")
    make_cost(world, payer="nieuwe-werkgever", amount=Decimal("400.00"))

    from action_research.models import Project

    facts = project_facts(Project.objects.get(consortium=world.consortium_a))

    assert (facts.included, facts.finished, facts.placed) == (4, 3, 2)
    assert facts.placement_week == pytest.approx(56)
    assert facts.trial_share == pytest.approx(0.5)
    assert facts.costs == {"huidige-werkgever": pytest.approx(1250.5), "nieuwe-werkgever": 400}


# --- the service and form -----------------------------------------------------------------------


def _analysis(world: World, **data: Any) -> CostBenefitAnalysis:
    return services.analysis_create(
        actor=world.coordinator_a,
        consortium=world.consortium_a,
        data={"title": "Basisscenario 2026", "method": "frictiekosten", **data},
    )


def _form_data(analysis: CostBenefitAnalysis | None = None, **changes: Any) -> dict[str, Any]:
    initial = AnalysisForm.initial_for(analysis)
    data = {name: str(value) for name, value in initial.items() if value is not None} | {
        "title": "Basisscenario 2026",
        "method": "frictiekosten",
        "notes": "",
    }
    if analysis is not None:
        data["title"] = analysis.title
    return data | changes


@pytest.mark.django_db
def test_a_new_analysis_starts_from_the_sourced_defaults_and_is_kept_in_history(
    world: World,
) -> None:
    analysis = _analysis(world)

    assert analysis.assumptions == default_assumptions()
    change = RecordChange.objects.get(record_type="costbenefitanalysis", record_id=analysis.pk)
    assert change.action == "created"
    assert change.consortium_id == world.consortium_a.pk


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("horizon__value", "12", "10"),  # above the hard maximum of 10 years
        ("reference_rate__value", "30", "laag ≤ waarde ≤ hoog"),  # outside its own range
        ("weekly_wage__low", "veel", "getal"),
        ("continuation__value", "60", "70"),  # the law's minimum
        ("erd_share__source", "", "verplicht"),
        ("title", "", "verplicht"),
        ("method", "natte-vinger", "keuze"),
    ],
)
def test_the_form_refuses_bad_input_with_a_clear_message(
    field: str, value: str, message: str
) -> None:
    with translation.override("nl"):
        form = AnalysisForm(_form_data(**{field: value}))
        assert not form.is_valid()
        errors = " ".join(str(error) for errors in form.errors.values() for error in errors)
    assert message in errors


@pytest.mark.django_db
def test_personal_data_in_the_notes_or_a_source_is_refused_and_nothing_saved(
    world: World,
) -> None:
    assumptions = default_assumptions()
    assumptions["weekly_wage"]["source"] = "Navraag bij j.devries@voorbeeld.nl"

    with pytest.raises(ValidationError):
        _analysis(world, notes="Gebeld met 06-12345678")
    with pytest.raises(ValidationError):
        _analysis(world, assumptions=assumptions)
    assert not CostBenefitAnalysis.objects.exists()


@pytest.mark.django_db
def test_an_incomplete_set_of_assumptions_is_refused(world: World) -> None:
    assumptions = default_assumptions()
    del assumptions["horizon"]

    with pytest.raises(ValidationError, match=r"assumption|aanname"):
        _analysis(world, assumptions=assumptions)


@pytest.mark.django_db
def test_another_consortium_cannot_write_an_analysis_of_a(world: World) -> None:
    with pytest.raises(PermissionError):
        services.analysis_create(
            actor=world.member_b, consortium=world.consortium_a, data={"title": "Overname"}
        )


# --- the pages ----------------------------------------------------------------------------------


def _fill(world: World, placed: int) -> None:
    for _ in range(placed):
        _placed(world)
    for _ in range(10):
        make_trajectory(world, outcome="ziek-uit-dienst", outcome_date=datetime.date(2026, 1, 5))
    make_cost(world, amount=Decimal("12000.00"))


@pytest.mark.django_db
def test_the_consortium_sees_its_result_with_a_sensitivity_chart(world: World) -> None:
    _fill(world, placed=6)
    analysis = _analysis(world)

    html = (
        client_for(world.member_a)
        .get(reverse("evaluation:cost_benefit", args=[world.consortium_a.slug, analysis.pk]))
        .content.decode()
    )

    assert "Maatschappelijk saldo" in html
    assert html.count('class="chart"') == 2  # society and the current employer
    assert "Panteia/SEO" in html  # the source of the reference share
    assert "Huidige werkgever" in html


@pytest.mark.django_db
def test_a_result_built_on_fewer_than_5_is_withheld_outside_the_consortium(
    world: World,
) -> None:
    _fill(world, placed=3)
    analysis = _analysis(world)
    url = reverse("evaluation:cost_benefit", args=[world.consortium_a.slug, analysis.pk])

    inside = client_for(world.member_a).get(url).content.decode()
    outside = client_for(world.committee).get(url).content.decode()

    assert 'class="chart"' in inside
    assert 'class="chart"' not in outside
    assert "niet getoond" in outside
    facts = outside[outside.index('id="cap-facts"') :]
    assert re.search(r"<td class=\"numeric\">&lt; 5</td>", facts)


@pytest.mark.django_db
def test_changing_an_assumption_is_kept_in_history_and_shown_by_name(world: World) -> None:
    analysis = _analysis(world)
    url = reverse("evaluation:cost_benefit_edit", args=[world.consortium_a.slug, analysis.pk])

    response = client_for(world.coordinator_a).post(
        url, _form_data(analysis, horizon__value="3", horizon__high="5")
    )

    assert response.status_code == 302
    analysis.refresh_from_db()
    assert analysis.assumptions["horizon"]["value"] == 3
    assert analysis.version == 2
    html = client_for(world.coordinator_a).get(response["Location"]).content.decode()
    assert "Tijdshorizon, waarde" in html


@pytest.mark.django_db
def test_a_bad_edit_answers_400_and_changes_nothing(world: World) -> None:
    analysis = _analysis(world)
    url = reverse("evaluation:cost_benefit_edit", args=[world.consortium_a.slug, analysis.pk])

    response = client_for(world.coordinator_a).post(
        url, _form_data(analysis, reference_rate__low="40")
    )

    assert response.status_code == 400
    analysis.refresh_from_db()
    assert analysis.version == 1
    assert analysis.assumptions == default_assumptions()


@pytest.mark.django_db
def test_a_stale_edit_answers_409_and_keeps_the_other_change(world: World) -> None:
    analysis = _analysis(world)
    url = reverse("evaluation:cost_benefit_edit", args=[world.consortium_a.slug, analysis.pk])
    first = _form_data(analysis, title="Eerste versie")
    client_for(world.coordinator_a).post(url, first)

    response = client_for(world.member_a).post(url, _form_data(analysis, title="Tweede versie"))

    assert response.status_code == 409
    analysis.refresh_from_db()
    assert analysis.title == "Eerste versie"


@pytest.mark.django_db
def test_another_consortium_gets_404_on_every_analysis_page_of_a(world: World) -> None:
    analysis = _analysis(world)
    slug = world.consortium_a.slug
    client = client_for(world.member_b)

    for name, args in (
        ("cost_benefits", [slug]),
        ("cost_benefit", [slug, analysis.pk]),
        ("cost_benefit_edit", [slug, analysis.pk]),
        ("cost_benefit_create", [slug]),
    ):
        assert client.get(reverse(f"evaluation:{name}", args=args)).status_code == 404, name
    response = client.post(reverse("evaluation:cost_benefit_delete", args=[slug, analysis.pk]))
    assert response.status_code == 404
    assert CostBenefitAnalysis.objects.alive().count() == 1


@pytest.mark.django_db
def test_the_committee_reads_but_cannot_change_an_analysis(world: World) -> None:
    analysis = _analysis(world)
    client = client_for(world.committee)

    edit = reverse("evaluation:cost_benefit_edit", args=[world.consortium_a.slug, analysis.pk])
    page = reverse("evaluation:cost_benefit", args=[world.consortium_a.slug, analysis.pk])

    assert client.get(page).status_code == 200
    assert client.get(edit).status_code == 403
    assert edit not in client.get(page).content.decode()
    assert edit in client_for(world.coordinator_a).get(page).content.decode()


@pytest.mark.django_db
def test_removing_an_analysis_is_soft_and_kept_in_history(world: World) -> None:
    analysis = _analysis(world)

    response = client_for(world.coordinator_a).post(
        reverse("evaluation:cost_benefit_delete", args=[world.consortium_a.slug, analysis.pk])
    )

    assert response.status_code == 302
    analysis.refresh_from_db()
    assert analysis.is_deleted
    assert RecordChange.objects.filter(record_id=analysis.pk, action="deleted").exists()


def test_amounts_are_written_the_dutch_way_without_a_line_break() -> None:
    from evaluation.presentation import amount, money

    with translation.override("nl"):
        assert money(-80_831.4).text == "\u2212€\u00a080.831"
        assert money(1250).text == "€\u00a01.250"
        assert money(None).text == "–"
        assert amount(12, "weeks") == "12\u00a0weken"
        assert amount(0.5, "years") == "0,5\u00a0jaar"
        assert amount(20, "%") == "20\u00a0%"


# --- published on the approach's toolbox page ---------------------------------------------------


def _demo_project(placed: int) -> tuple[Any, Any, Any]:
    """A demo consortium that developed an approach, with a coordinator and trajectories."""
    from accounts.models import Consortium, ConsortiumRole
    from action_research import services as research_services
    from tests.action_research.helpers import TRAJECTORY
    from tests.factories import MembershipFactory
    from toolbox.models import ApproachPage

    consortium = Consortium.objects.get(slug="samen-verder-noord")
    coordinator = MembershipFactory(consortium=consortium, role=ConsortiumRole.COORDINATOR).user
    outcomes = [
        {
            "outcome": "plaatsing-2e-spoor",
            "outcome_date": datetime.date(2026, 1, 5),
            "placement_kind": "vast",
        }
    ] * placed + [{"outcome": "ziek-uit-dienst", "outcome_date": datetime.date(2026, 1, 5)}] * 10
    for outcome in outcomes:
        research_services.trajectory_create(
            actor=coordinator, consortium=consortium, data={**TRAJECTORY, **outcome}, code=""
        )
    approach = ApproachPage.objects.live().filter(consortium=consortium).first()
    return consortium, coordinator, approach


@pytest.mark.django_db
def test_a_published_analysis_shows_on_the_public_approach_page(toolbox: Any) -> None:
    from django.test import Client

    consortium, coordinator, approach = _demo_project(placed=6)
    analysis = services.analysis_create(
        actor=coordinator,
        consortium=consortium,
        data={"title": "Basisscenario 2026", "method": "frictiekosten", "notes": "Intern"},
    )
    assert "Gemeten in het project" not in Client().get(approach.url).content.decode()

    services.analysis_update(
        actor=coordinator, analysis=analysis, data={"published": True}, version=analysis.version
    )

    page = Client().get(approach.url).content.decode()
    assert "Gemeten in het project: Basisscenario 2026" in page
    assert "Huidige werkgever" in page
    assert "Panteia/SEO" in page  # the assumptions with their sources
    assert "Intern" not in page  # never the notes
    change = RecordChange.objects.filter(record_id=analysis.pk, action="changed").get()
    assert change.changes["published"] == [False, True]


@pytest.mark.django_db
def test_a_published_analysis_built_on_fewer_than_5_stays_off_the_public_page(
    toolbox: Any,
) -> None:
    from django.test import Client

    consortium, coordinator, approach = _demo_project(placed=3)
    services.analysis_create(
        actor=coordinator,
        consortium=consortium,
        data={"title": "Basisscenario 2026", "method": "frictiekosten", "published": True},
    )

    assert "Gemeten in het project" not in Client().get(approach.url).content.decode()
