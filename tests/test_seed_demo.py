"""seed_demo loads realistic demo content, one account per role, and is idempotent."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.test import Client
from wagtail.models import Revision

from accounts.models import Consortium, Membership, Organisation, User
from accounts.permissions import programme_roles, requires_mfa
from accounts.roles import Role
from cms_core.models import Theme
from home.models import HomePage

pytestmark = pytest.mark.django_db


def _seed() -> str:
    out = StringIO()
    call_command("seed_demo", "--force", stdout=out)
    return out.getvalue()


def test_seed_demo_creates_themes_consortia_pages_and_role_accounts() -> None:
    output = _seed()
    assert Theme.objects.filter(is_priority=True).count() == 6
    assert Theme.objects.filter(slug="overig").exists()
    assert Consortium.objects.count() == 17
    assert Organisation.objects.count() >= 30
    assert HomePage.objects.live().count() == 1
    for role in Role:
        assert any(role in programme_roles(user) for user in User.objects.all()), role
    assert "Tweede-spoor-demo-2026" in output
    assert "programmastaf@demo.tweedespoor.nl" in output


def test_seed_demo_is_idempotent() -> None:
    _seed()
    counts = (User.objects.count(), Membership.objects.count(), Consortium.objects.count())
    revisions = Revision.objects.count()
    _seed()
    assert (User.objects.count(), Membership.objects.count(), Consortium.objects.count()) == counts
    # Seeding again publishes nothing new: no empty versions in the approaches' change logs.
    assert Revision.objects.count() == revisions


def test_the_demo_shows_an_approach_with_two_published_versions() -> None:
    from toolbox.models import ApproachPage
    from toolbox.selectors import approach_versions

    _seed()
    approach = ApproachPage.objects.get(slug="kansrijkheidsgesprek-week-26")
    versions = approach_versions(approach=approach)
    assert len(versions) == 2
    assert approach.evidence_level == 3
    first = approach.revisions.get(pk=versions[-1]["revision_id"]).as_object()
    assert first.evidence_level == 2


def test_every_consortium_has_a_coordinator_and_organisations() -> None:
    _seed()
    for consortium in Consortium.objects.all():
        assert consortium.memberships.filter(role="coordinator").exists(), consortium
        assert consortium.organisations.count() >= 2, consortium
        assert consortium.themes.exists(), consortium


def test_demo_accounts_that_need_mfa_have_it_so_they_can_sign_in() -> None:
    from allauth.mfa.models import Authenticator

    _seed()
    for user in User.objects.all():
        if requires_mfa(user):
            assert Authenticator.objects.filter(user=user, type="totp").exists(), user.email


def test_demo_home_page_is_served() -> None:
    _seed()
    response = Client().get("/")
    assert response.status_code == 200
    assert "re-integratie" in response.content.decode()


def test_seed_demo_refuses_without_debug_unless_forced() -> None:
    with pytest.raises(CommandError):
        call_command("seed_demo", stdout=StringIO())


def test_the_demo_has_drafts_in_the_editorial_workflow() -> None:
    from toolbox.models import ApproachPage
    from toolbox.selectors import approach_row

    _seed()
    _seed()  # idempotent: no second copy, no second workflow
    drafts = ApproachPage.objects.filter(live=False, consortium__slug="samen-verder-noord")
    statuses = sorted(approach_row(page).status for page in drafts)
    assert statuses == ["in_review", "needs_changes"]


def test_the_demo_has_action_research_cycles_that_follow_on_each_other() -> None:
    from action_research.models import Cycle
    from action_research.selectors import cycle_timeline, workspace_get

    _seed()
    _seed()  # idempotent
    coordinator = User.objects.get(email="coordinator@demo.tweedespoor.nl")
    timeline = cycle_timeline(workspace_get(viewer=coordinator, slug="samen-verder-noord"))
    assert len(timeline) == 4
    assert [entry.carried_forward for entry in timeline] == [False, True, True, True]
    assert [entry.cycle.status for entry in timeline] == [
        "gesloten",
        "gesloten",
        "gesloten",
        "open",
    ]
    assert Cycle.objects.filter(project__consortium__slug="het-goede-gesprek").count() == 3


def test_the_demo_fills_several_workspaces_through_the_history() -> None:
    from action_research.models import ImportBatch, Project, RecordChange, Trajectory
    from action_research.selectors import follow_ups_due, participation_matrix, workspace_get

    _seed()
    counts = {
        project.consortium.slug: (
            project.cycles.count(),
            project.process_evaluations.count(),
            project.trajectories.count(),
            project.cost_items.count(),
            project.expert_inputs.count(),
        )
        for project in Project.objects.select_related("consortium")
    }
    assert len(counts) >= 5
    for slug, (cycles, periods, trajectories, costs, inputs) in counts.items():
        assert 3 <= cycles <= 6, slug
        assert periods >= 3, slug
        assert 30 <= trajectories <= 80, slug
        assert costs > 0, slug
        assert inputs > 0, slug
    # realistic outcome mixes: every finished kind occurs, and some are still running
    outcomes = set(Trajectory.objects.values_list("outcome", flat=True))
    assert {
        "lopend",
        "plaatsing-2e-spoor",
        "terugkeer-eigen-werkgever",
        "ziek-uit-dienst",
    } <= outcomes
    # every demo record was written with its history, imports included
    assert RecordChange.objects.filter(record_type="trajectory", batch__isnull=False).count() == (
        Trajectory.objects.count()
    )
    assert ImportBatch.objects.filter(kind="trajecten").count() == len(counts)
    coordinator = User.objects.get(email="coordinator@demo.tweedespoor.nl")
    workspace = workspace_get(viewer=coordinator, slug="samen-verder-noord")
    assert follow_ups_due(workspace)  # the demo shows follow-ups that are due
    assert participation_matrix(workspace).complete
    other = workspace_get(
        viewer=User.objects.get(email="zorg-voor-elkaar.coordinator@demo.tweedespoor.nl"),
        slug="zorg-voor-elkaar",
    )
    assert not participation_matrix(other).complete  # and a workspace with a gap to fill


def test_the_demo_networks_have_meetings_lessons_and_a_shared_file() -> None:
    from learning_network.models import Lesson, Meeting, PostAttachment
    from toolbox.models import ApproachPage

    _seed()
    _seed()  # idempotent: nothing twice
    assert Meeting.objects.count() == 3
    past = Meeting.objects.exclude(minutes="").get()
    assert past.attendees.count() >= 5
    assert past.threads.count() == 2
    assert set(Lesson.objects.values_list("status", flat=True)) == {
        "voorgesteld",
        "bevestigd",
        "afgewezen",
    }
    assert PostAttachment.objects.count() == 1
    approach = ApproachPage.objects.live().get(slug="gesprekshulp-tweede-spoor")
    page = Client().get(approach.url).content.decode()
    assert "Leg in het eerste gesprek uit welke rechten niet veranderen" in page


def test_the_demo_has_cost_benefit_analyses_with_a_changed_assumption() -> None:
    from action_research.models import RecordChange
    from evaluation.models import CostBenefitAnalysis
    from evaluation.selectors.costbenefit import analysis_view

    _seed()
    _seed()  # idempotent: nothing twice
    analyses = CostBenefitAnalysis.objects.alive()
    assert analyses.filter(title="Basisscenario 2026").count() == 5
    assert set(analyses.values_list("method", flat=True)) == {"frictiekosten", "human-capital"}
    wide = analyses.filter(method="human-capital").select_related("project__consortium").first()
    assert wide is not None
    assert RecordChange.objects.filter(record_id=wide.pk, action="changed").exists()
    coordinator = User.objects.filter(
        memberships__consortium=wide.project.consortium, memberships__role="coordinator"
    ).first()
    view = analysis_view(viewer=coordinator, slug=wide.project.consortium.slug, pk=wide.pk)
    assert view.result is not None
    assert view.facts.placed >= 5
    assert view.result.costs["huidige-werkgever"] > 0
    # the base case is shown on the toolbox page of the consortium's approach
    from toolbox.models import ApproachPage

    approach = ApproachPage.objects.live().get(slug="werkervaringsplaatsen-mkb-netwerk")
    assert (
        "Gemeten in het project: Basisscenario 2026" in Client().get(approach.url).content.decode()
    )
