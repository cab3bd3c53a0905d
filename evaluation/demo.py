"""Demo cost-benefit analyses: a base case per filled workspace, a second scenario for two of
them, and one changed assumption so that the history shows something."""

from __future__ import annotations

from action_research.demo import record_keeper
from action_research.models import Project
from evaluation import services
from evaluation.models import CostBenefitAnalysis, default_assumptions

BASE_NOTES = (
    "Basisscenario met de standaardaannames van het programma. De aantallen trajecten, "
    "uitkomsten en kosten komen uit de werkruimte."
)
WIDE_NOTES = (
    "Ruime schatting voor het gesprek met de sectorfondsen: langere horizon en het cao-loon "
    "van de deelnemende werkgevers."
)


def seed_analyses() -> int:
    """An analysis for every project with trajectories that has none yet; returns how many."""
    made = 0
    projects = Project.objects.filter(is_deleted=False, trajectories__isnull=False).distinct()
    for index, project in enumerate(projects.order_by("consortium__name")):
        if CostBenefitAnalysis.objects.filter(project=project).exists():
            continue
        keeper = record_keeper(project.consortium)
        if keeper is None:
            continue
        services.analysis_create(
            actor=keeper,
            consortium=project.consortium,
            data={
                "title": "Basisscenario 2026",
                "method": "frictiekosten",
                "notes": BASE_NOTES,
                "published": True,  # on the toolbox page of the consortium's approach
            },
        )
        made += 1
        if index % 2:
            continue
        # A second scenario, then a later correction of its horizon (kept in its history).
        assumptions = default_assumptions()
        assumptions["weekly_wage"] |= {
            "value": 820,
            "low": 700,
            "high": 950,
            "source": "Gemiddeld cao-loon van de deelnemende werkgevers (opgave consortium, 2026).",
        }
        assumptions["horizon"] |= {"value": 3, "low": 2, "high": 5}
        wide = services.analysis_create(
            actor=keeper,
            consortium=project.consortium,
            data={
                "title": "Ruime schatting (human capital)",
                "method": "human-capital",
                "notes": WIDE_NOTES,
                "assumptions": assumptions,
            },
        )
        changed = {
            **wide.assumptions,
            "horizon": {**wide.assumptions["horizon"], "value": 4, "high": 5},
        }
        services.analysis_update(
            actor=keeper, analysis=wide, data={"assumptions": changed}, version=wide.version
        )
        made += 1
    return made
