"""Cost-benefit of a project per paying party, with the 2nd track's own mechanisms.

Generic absence calculators count avoided absence days. A 2nd-track trajectory moves money
between parties in ways they miss, and this module names each of them:

- the current employer stops paying wages (wage continuation, up to week 104 of sickness) once
  the employee works elsewhere; with a documented 2nd track, the risk of a wage sanction (up to
  52 more weeks of wages) falls;
- an employer that carries its own WGA risk (eigenrisicodrager) pays the disability benefit
  itself; otherwise UWV does (society);
- the new employer saves recruitment costs, gets work during a trial placement or secondment
  without paying for it, and is covered by the no-riskpolis when the employee falls ill again
  (UWV pays);
- the employee earns a wage instead of a benefit.

The effect is counted against the 2016 reference: only placements beyond the reference share of
finished trajectories count as caused by the project. Two perspectives are given:

- per party: cash flows, transfers included (costs from the cost records, benefits as above);
- society: production gained by the additional placements, valued by the named method
  (human capital: the whole horizon; friction cost: the friction period times the elasticity),
  minus every cost. Transfers between parties cancel out there.

Every number an analysis uses is an `Assumption` with a default, a range and a source; the
sensitivity analysis varies each over its range, one at a time.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

# Paying parties in display order (cms_core.vocabularies.PayingParty values).
PARTIES = ("huidige-werkgever", "nieuwe-werkgever", "werknemer", "verzekeraar", "samenleving")
CURRENT_EMPLOYER, NEW_EMPLOYER, EMPLOYEE, INSURER, SOCIETY = PARTIES

WAGE_CONTINUATION_WEEKS = 104  # BW 7:629
WAGE_SANCTION_WEEKS = 52  # Wet WIA art. 25 lid 9
WEEKS_PER_YEAR = 52

HUMAN_CAPITAL = "human-capital"
FRICTION_COST = "frictiekosten"
METHODS = (HUMAN_CAPITAL, FRICTION_COST)


@dataclass(frozen=True)
class Assumption:
    """One uncertain number: its default, the range the sensitivity analysis tries, the hard
    limits an analysis may set it within, its unit ('%', 'EUR', 'weeks', 'years') and source."""

    key: str
    default: float
    low: float
    high: float
    minimum: float
    maximum: float
    unit: str
    source: str


# Sources are kept in Dutch: they are shown as typed, and analysts replace them with their own.
ASSUMPTIONS: tuple[Assumption, ...] = (
    Assumption(
        "reference_rate", 20, 15, 25, 0, 100, "%",
        "Panteia/SEO/De Beleidsonderzoekers (2016), n = 408: 20 % van de 2e-spoortrajecten "
        "eindigt in werk bij een nieuwe werkgever.",
    ),
    Assumption(
        "weekly_wage", 770, 600, 1000, 0, 10000, "EUR",
        "Aanname: bruto weekloon rond het mediane jaarloon van werknemers (CBS, circa € 40.000) "
        "gedeeld door 52.",
    ),
    Assumption(
        "employer_charges", 30, 20, 40, 0, 100, "%",
        "Aanname: werkgeverslasten (premies, pensioen) bovenop het brutoloon.",
    ),
    Assumption(
        "continuation", 85, 70, 100, 70, 100, "%",
        "BW 7:629: ten minste 70 % van het loon gedurende 104 weken; veel cao's vullen het "
        "eerste jaar aan tot 100 %.",
    ),
    Assumption(
        "insured_share", 0, 0, 50, 0, 100, "%",
        "Aanname: deel van de loondoorbetaling dat een verzuimverzekeraar draagt (0 als de "
        "werkgevers het risico zelf dragen).",
    ),
    Assumption(
        "sanction_risk", 10, 0, 20, 0, 100, "%",
        "Aanname: zoveel kleiner is de kans op een loonsanctie van tot 52 weken (Wet WIA art. 25 "
        "lid 9) door een vastgelegd 2e-spoortraject.",
    ),
    Assumption(
        "benefit_probability", 50, 30, 70, 0, 100, "%",
        "Aanname: kans dat de werknemer zonder plaatsing na 104 weken een uitkering krijgt "
        "(WGA of WW).",
    ),
    Assumption(
        "replacement", 70, 60, 75, 0, 100, "%",
        "Wet WIA: de loongerelateerde WGA-uitkering is 75 % van het loon in de eerste twee "
        "maanden en daarna 70 %.",
    ),
    Assumption(
        "erd_share", 40, 20, 60, 0, 100, "%",
        "Aanname: deel van de werkgevers dat eigenrisicodrager is voor de WGA en de uitkering "
        "tot 10 jaar zelf betaalt.",
    ),
    Assumption(
        "horizon", 2, 1, 5, 0.5, 10, "years",
        "Aanname: tijdshorizon van de analyse, gerekend vanaf de plaatsing.",
    ),
    Assumption(
        "recruitment", 5000, 2500, 10000, 0, 100000, "EUR",
        "Aanname: wervingskosten die de nieuwe werkgever voor een vacature bespaart.",
    ),
    Assumption(
        "trial_weeks", 12, 4, 26, 0, 52, "weeks",
        "Aanname: duur van een proefplaatsing (UWV: tot 6 maanden) of detachering.",
    ),
    Assumption(
        "trial_productivity", 50, 25, 75, 0, 100, "%",
        "Aanname: productiviteit tijdens de proefplaatsing, waarvoor de nieuwe werkgever geen "
        "loon betaalt.",
    ),
    Assumption(
        "relapse", 25, 10, 40, 0, 100, "%",
        "Aanname: kans dat de werknemer binnen 5 jaar opnieuw ziek wordt; de no-riskpolis "
        "(Ziektewet art. 29b) vergoedt de nieuwe werkgever dan het loon.",
    ),
    Assumption(
        "relapse_weeks", 13, 4, 26, 0, 104, "weeks",
        "Aanname: duur van die nieuwe uitval.",
    ),
    Assumption(
        "discount_rate", 2.25, 0, 4, 0, 10, "%",
        "Werkgroep discontovoet (2020): standaarddiscontovoet van 2,25 % per jaar voor "
        "maatschappelijke kosten-batenanalyses.",
    ),
    Assumption(
        "friction_weeks", 12, 8, 16, 0, 52, "weeks",
        "Kostenhandleiding Zorginstituut Nederland: frictieperiode van ongeveer 12 weken "
        "(frictiekostenmethode).",
    ),
    Assumption(
        "elasticity", 80, 60, 100, 0, 100, "%",
        "Kostenhandleiding Zorginstituut Nederland: elasticiteit van arbeidstijd 0,8 "
        "(frictiekostenmethode).",
    ),
)  # fmt: skip
ASSUMPTION_KEYS = tuple(assumption.key for assumption in ASSUMPTIONS)
BY_KEY = {assumption.key: assumption for assumption in ASSUMPTIONS}
# Assumptions that only the friction-cost method reads.
FRICTION_ONLY = frozenset({"friction_weeks", "elasticity"})


def default_values() -> dict[str, float]:
    return {assumption.key: float(assumption.default) for assumption in ASSUMPTIONS}


@dataclass(frozen=True)
class Facts:
    """What the records say about one project.

    `placement_week`: mean week of sickness at which the placed employees started with the new
    employer (None when no placement has a date). `trial_share`: share of placements that went
    through a secondment or work-experience placement. `costs`: recorded costs per party (EUR).
    """

    included: int
    finished: int
    placed: int
    placement_week: float | None
    trial_share: float
    costs: Mapping[str, float]


@dataclass(frozen=True)
class Item:
    """One benefit line: to which party, what for (a key the page names), how much."""

    party: str
    key: str
    amount: float


@dataclass
class Result:
    additional_placements: float
    items: list[Item] = field(default_factory=list)
    costs: dict[str, float] = field(default_factory=dict)
    production: float = 0.0

    def benefits(self, party: str) -> float:
        return sum(item.amount for item in self.items if item.party == party)

    def net(self, party: str) -> float:
        return self.benefits(party) - self.costs.get(party, 0.0)

    @property
    def total_costs(self) -> float:
        return sum(self.costs.values())

    @property
    def net_all_parties(self) -> float:
        return sum(self.net(party) for party in PARTIES)

    @property
    def societal_net(self) -> float:
        """Production gained minus every cost: the societal perspective (transfers cancel)."""
        return self.production - self.total_costs


def _complete(values: Mapping[str, float]) -> dict[str, float]:
    missing = [key for key in ASSUMPTION_KEYS if key not in values]
    if missing:
        raise ValueError(f"missing assumptions: {missing}")
    return {key: float(values[key]) for key in ASSUMPTION_KEYS}


def compute(facts: Facts, values: Mapping[str, float], method: str) -> Result:
    """The cost-benefit result of a project under these assumption values.

    Percentages are given as percentages (20 means 20 %). Benefits per additional placement run
    over the horizon from the placement: first the weeks of wage continuation that remain until
    week 104, then (the rest of the horizon) the weeks in which the employee would have had a
    benefit; those weeks, and the production of the societal perspective, are discounted to the
    placement. One-off amounts (recruitment, trial placement, the no-riskpolis refund, the wage
    sanction) and the recorded costs are not discounted. The wage-sanction benefit applies to
    every included trajectory.
    """
    if method not in METHODS:
        raise ValueError(f"unknown method: {method}")
    v = _complete(values)
    pct = {key: v[key] / 100 for key in v}
    wage = v["weekly_wage"]
    labour_cost = wage * (1 + pct["employer_charges"])
    horizon = v["horizon"] * WEEKS_PER_YEAR
    extra = facts.placed - facts.finished * pct["reference_rate"]

    remaining_weeks = 0.0
    if facts.placement_week is not None:
        remaining_weeks = min(horizon, max(0.0, WAGE_CONTINUATION_WEEKS - facts.placement_week))
    # Weeks weighed by their present value: flows further from the placement count for less.
    remaining = present_weeks(0.0, remaining_weeks, pct["discount_rate"])
    after = present_weeks(remaining_weeks, horizon, pct["discount_rate"])
    benefit_paid = pct["benefit_probability"] * pct["replacement"] * wage  # per week, expected
    continuation = labour_cost * pct["continuation"]  # per week, employer's cost
    trial_value = facts.trial_share * v["trial_weeks"] * labour_cost * pct["trial_productivity"]
    no_risk = pct["relapse"] * v["relapse_weeks"] * wage * pct["continuation"]

    per_placement = [
        Item(
            CURRENT_EMPLOYER,
            "wage_continuation",
            remaining * continuation * (1 - pct["insured_share"]),
        ),
        Item(INSURER, "wage_continuation", remaining * continuation * pct["insured_share"]),
        Item(CURRENT_EMPLOYER, "wga_own_risk", after * benefit_paid * pct["erd_share"]),
        Item(SOCIETY, "benefits_avoided", after * benefit_paid * (1 - pct["erd_share"])),
        Item(
            EMPLOYEE,
            "income",
            remaining * wage * (1 - pct["continuation"]) + after * (wage - benefit_paid),
        ),
        Item(NEW_EMPLOYER, "recruitment", v["recruitment"]),
        Item(NEW_EMPLOYER, "trial_placement", trial_value),
        Item(NEW_EMPLOYER, "no_risk_policy", no_risk),
        Item(SOCIETY, "no_risk_policy", -no_risk),
    ]
    items = [Item(item.party, item.key, item.amount * extra) for item in per_placement]

    # A sanction makes the employer pay up to 52 more weeks of wages, in which UWV pays no
    # benefit and the employee keeps the continued wage instead of a benefit.
    sanction_weeks = facts.included * pct["sanction_risk"] * WAGE_SANCTION_WEEKS
    items += [
        Item(CURRENT_EMPLOYER, "wage_sanction", sanction_weeks * continuation),
        Item(SOCIETY, "wage_sanction", -sanction_weeks * benefit_paid),
        Item(
            EMPLOYEE, "wage_sanction", -sanction_weeks * (wage * pct["continuation"] - benefit_paid)
        ),
    ]

    if method == HUMAN_CAPITAL:
        production = extra * present_weeks(0.0, horizon, pct["discount_rate"]) * labour_cost
    else:
        friction = present_weeks(0.0, min(v["friction_weeks"], horizon), pct["discount_rate"])
        production = extra * friction * labour_cost * pct["elasticity"]
    costs = {party: float(facts.costs.get(party, 0.0)) for party in PARTIES}
    return Result(additional_placements=extra, items=items, costs=costs, production=production)


def present_weeks(start: float, end: float, rate: float) -> float:
    """The weeks from `start` to `end` (counted from the placement), each weighed by its
    present value at `rate` a year (0.0225 for 2.25 %): simply `end - start` at rate 0. Week t
    is worth (1 + rate) ** (-t / 52) of a week now."""
    if end <= start:
        return 0.0
    if rate == 0:
        return end - start
    weekly = (1 + rate) ** (-1 / WEEKS_PER_YEAR)
    return float(weekly**start * (1 - weekly ** (end - start)) / (1 - weekly))


def per_placement(amount: float, facts: Facts) -> float | None:
    """An amount per measured placement at a new employer; None without placements."""
    return amount / facts.placed if facts.placed else None


@dataclass(frozen=True)
class Swing:
    """The result with one assumption at the low and at the high end of its range."""

    key: str
    low_value: float
    high_value: float
    at_low: float
    at_high: float

    @property
    def width(self) -> float:
        return abs(self.at_high - self.at_low)


def sensitivity(
    facts: Facts,
    values: Mapping[str, float],
    ranges: Mapping[str, tuple[float, float]],
    method: str,
    measure: str = "",
) -> list[Swing]:
    """One-way sensitivity: every assumption at the ends of its range, the others at their
    values; widest swing first. `measure` is a party (its net) or, when empty, the societal net.
    Assumptions the method does not read are left out."""
    base = _complete(values)

    def outcome(result: Result) -> float:
        return result.net(measure) if measure else result.societal_net

    swings = []
    for key in ASSUMPTION_KEYS:
        if method == HUMAN_CAPITAL and key in FRICTION_ONLY:
            continue
        low, high = ranges[key]
        at_low = outcome(compute(facts, {**base, key: low}, method))
        at_high = outcome(compute(facts, {**base, key: high}, method))
        swings.append(Swing(key, low, high, at_low, at_high))
    return sorted(swings, key=lambda swing: (-swing.width, ASSUMPTION_KEYS.index(swing.key)))
