"""Cost-benefit analyses as their pages show them: the project's facts, the result per party,
the sensitivity analysis and the history of the assumptions."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Q, QuerySet, Sum
from django.http import Http404

from accounts.models import Consortium
from action_research.models import CostItem, Outcome, PlacementKind, Project, RecordChange
from action_research.models import Trajectory as TrajectoryModel
from evaluation import permissions
from evaluation.analysis import costbenefit
from evaluation.analysis.suppression import THRESHOLD
from evaluation.models import CostBenefitAnalysis

TRIAL_KINDS = (PlacementKind.SECONDMENT, PlacementKind.WORK_EXPERIENCE)


def project_facts(project: Project) -> costbenefit.Facts:
    """Counts, placement week, trial share and costs per party from the project's alive records
    (three grouped queries and one over the placements)."""
    trajectories = TrajectoryModel.objects.filter(project=project, is_deleted=False).order_by()
    counts = trajectories.aggregate(
        included=Count("pk"),
        finished=Count("pk", filter=~Q(outcome=Outcome.RUNNING)),
        placed=Count("pk", filter=Q(outcome=Outcome.PLACED)),
        trial=Count("pk", filter=Q(outcome=Outcome.PLACED, placement_kind__in=TRIAL_KINDS)),
    )
    weeks = [
        week_at_inclusion + (outcome_date - included_on).days / 7
        for week_at_inclusion, included_on, outcome_date in trajectories.filter(
            outcome=Outcome.PLACED, outcome_date__isnull=False
        ).values_list("sickness_week_at_inclusion", "included_on", "outcome_date")
    ]
    costs = {
        payer: float(total)
        for payer, total in CostItem.objects.filter(project=project, is_deleted=False)
        .order_by()
        .values_list("payer")
        .annotate(total=Sum("amount"))
    }
    placed = counts["placed"]
    return costbenefit.Facts(
        included=counts["included"],
        finished=counts["finished"],
        placed=placed,
        placement_week=sum(weeks) / len(weeks) if weeks else None,
        trial_share=counts["trial"] / placed if placed else 0.0,
        costs=costs,
    )


def is_small(facts: costbenefit.Facts) -> bool:
    """Whether a count the result is built on lies between 1 and 4: outside the consortium the
    result would then reveal it (the assumptions are shown, so it can be worked back)."""
    counts = (
        facts.included,
        facts.finished,
        facts.included - facts.finished,
        facts.placed,
        facts.finished - facts.placed,
    )
    return any(0 < value < THRESHOLD for value in counts)


@dataclass
class AnalysisView:
    analysis: CostBenefitAnalysis
    consortium: Consortium
    facts: costbenefit.Facts
    withheld: bool  # small numbers, viewer outside the consortium: no result shown
    result: costbenefit.Result | None = None
    societal: list[costbenefit.Swing] = field(default_factory=list)
    employer: list[costbenefit.Swing] = field(default_factory=list)
    history: list[RecordChange] = field(default_factory=list)
    can_edit: bool = False


def _consortium(viewer: Any, slug: str) -> tuple[Consortium, Project | None]:
    consortium = Consortium.objects.filter(slug=slug).first()
    if consortium is None or not permissions.can_view_cost_benefit(viewer, consortium):
        raise Http404
    return consortium, Project.objects.filter(consortium=consortium, is_deleted=False).first()


def analyses_for(*, viewer: Any, slug: str) -> tuple[Consortium, QuerySet[CostBenefitAnalysis]]:
    """A consortium's analyses, newest first. 404 for a consortium the viewer may not see."""
    consortium, _project = _consortium(viewer, slug)
    analyses = CostBenefitAnalysis.objects.alive().filter(project__consortium=consortium)
    return consortium, analyses.order_by("-created_at", "-pk")


def analysis_get(*, viewer: Any, slug: str, pk: int) -> tuple[Consortium, CostBenefitAnalysis]:
    consortium, _project = _consortium(viewer, slug)
    analysis = (
        CostBenefitAnalysis.objects.alive()
        .filter(project__consortium=consortium, pk=pk)
        .select_related("project")
        .first()
    )
    if analysis is None:
        raise Http404
    return consortium, analysis


def analysis_view(*, viewer: Any, slug: str, pk: int) -> AnalysisView:
    """One analysis worked out on the project's current records."""
    consortium, analysis = analysis_get(viewer=viewer, slug=slug, pk=pk)
    facts = project_facts(analysis.project)
    withheld = is_small(facts) and not permissions.sees_small_numbers(viewer, consortium)
    view = AnalysisView(
        analysis=analysis,
        consortium=consortium,
        facts=facts,
        withheld=withheld,
        can_edit=permissions.can_edit_cost_benefit(viewer, consortium),
        history=list(
            RecordChange.objects.filter(
                record_type=CostBenefitAnalysis.record_type(), record_id=analysis.pk
            )
            .select_related("actor")
            .order_by("-at", "-pk")
        ),
    )
    if not withheld:
        values, ranges = analysis.values(), analysis.ranges()
        view.result = costbenefit.compute(facts, values, analysis.method)
        view.societal = costbenefit.sensitivity(facts, values, ranges, analysis.method)
        view.employer = costbenefit.sensitivity(
            facts, values, ranges, analysis.method, measure=costbenefit.CURRENT_EMPLOYER
        )
    return view


@dataclass
class PublishedAnalysis:
    analysis: CostBenefitAnalysis
    facts: costbenefit.Facts
    result: costbenefit.Result


def published_for_consortium(consortium_id: int | None) -> list[PublishedAnalysis]:
    """The analyses a consortium shows on the toolbox page of the approach it developed (a
    public page), newest first. One built on a count below 5 is left out: the page shows its
    assumptions, so the count could be worked back from the result."""
    if consortium_id is None:
        return []
    analyses = (
        CostBenefitAnalysis.objects.alive()
        .filter(published=True, project__consortium_id=consortium_id, project__is_deleted=False)
        .select_related("project")
        .order_by("-updated_at", "-pk")
    )
    shown = []
    facts_of: dict[int, costbenefit.Facts] = {}
    for analysis in analyses:
        if analysis.project_id not in facts_of:
            facts_of[analysis.project_id] = project_facts(analysis.project)
        facts = facts_of[analysis.project_id]
        if is_small(facts):
            continue
        result = costbenefit.compute(facts, analysis.values(), analysis.method)
        shown.append(PublishedAnalysis(analysis, facts, result))
    return shown


def published_analyses(*, consortium_id: int | None) -> list[dict[str, Any]]:
    """The published analyses as the approach page shows them (see `published_for_consortium`)."""
    from evaluation import presentation

    return presentation.published(published_for_consortium(consortium_id))
