"""Consortium drafts and the editorial workflow: panel advice → committee → staff publication."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from wagtail.models import PageLogEntry, Revision, TaskState, WorkflowState

from accounts.models import ConsortiumRole
from tests.conftest import World
from tests.factories import MembershipFactory, approach_draft_data, toolbox_index
from toolbox import selectors, services
from toolbox.models import ApproachPage
from toolbox.workflow import TASKS, WORKFLOW_NAME

pytestmark = pytest.mark.django_db


@pytest.fixture
def index(world: World, home_page: Any) -> Any:
    return toolbox_index()


def _draft(world: World, **overrides: Any) -> ApproachPage:
    data, steps = approach_draft_data(**overrides)
    return services.approach_draft_create(
        actor=world.member_a, consortium=world.consortium_a, data=data, steps=steps
    )


def _act(page: ApproachPage, user: Any, action: str, comment: str = "") -> None:
    """What the Wagtail admin's workflow action does for a reviewer."""
    page.refresh_from_db()
    state = page.current_workflow_state
    assert state is not None
    task_state = state.current_task_state
    task = task_state.task.specific
    allowed = [name for name, _label, _modal in task.get_actions(page, user)]
    if action not in allowed:
        raise PermissionError(f"{user} may not {action} {task.name}")
    task.on_action(task_state, user, action, comment=comment)


def _through_panel(world: World, page: ApproachPage, summary: str = "Duidelijk.") -> None:
    """The panel's step is a review round: staff take on the round the step asked for, the
    panel advises, staff summarise, the consortium answers every point; the handled round
    approves the step with the summary as its comment."""
    import datetime

    from django.utils import timezone

    from action_research.models import AdvicePoint, ReviewRound
    from action_research.services import panel_advice, panel_rounds

    requested = ReviewRound.objects.get(approach=page, status="aangevraagd")
    review_round = panel_rounds.round_open(
        actor=world.staff,
        review_round=requested,
        data={"deadline": timezone.localdate() + datetime.timedelta(days=14)},
        questions=requested.questions,
        invitees=[world.panel],
    )
    panel_advice.advice_save(
        actor=world.panel,
        review_round=review_round,
        data={"worries": "Het afscheid van de eigen werkgever mag meer aandacht krijgen."},
        answers=["Ja."],
        version=None,
    )
    panel_advice.advice_save(
        actor=world.panel,
        review_round=review_round,
        data={"recommendation": "steun"},
        answers=["Ja."],
        version=1,
        submit=True,
    )
    panel_rounds.round_close(actor=world.staff, review_round=review_round)
    panel_rounds.round_summarise(actor=world.staff, review_round=review_round, summary=summary)
    panel_advice.points_answer(
        actor=world.coordinator_a,
        review_round=review_round,
        answers={
            point.pk: ("overgenomen", "Staat er nu in.")
            for point in AdvicePoint.objects.filter(advice__invitation__round=review_round)
        },
    )


def _current_task(page: ApproachPage) -> str:
    page.refresh_from_db()
    state = page.current_workflow_state
    return state.current_task_state.task.name if state and state.current_task_state else ""


def test_the_workflow_has_the_three_steps_in_order_and_covers_the_toolbox(index: Any) -> None:
    workflow = index.get_workflow()
    assert workflow is not None
    assert workflow.name == WORKFLOW_NAME
    assert [t.name for t in workflow.tasks] == [name for name, _role in TASKS]


def test_a_member_drafts_an_approach_that_the_public_never_sees(world: World, index: Any) -> None:
    page = _draft(world)
    assert not page.live
    assert page.get_parent().pk == index.pk
    assert page.consortium == world.consortium_a
    assert page.owner == world.member_a
    revision = page.get_latest_revision()
    assert revision.user == world.member_a
    # Plain text became escaped paragraphs.
    assert page.problem.startswith("<p>Het gesprek komt vaak te laat.</p>")
    assert Client().get(f"/gereedschapskist/{page.slug}/").status_code == 404
    assert selectors.approach_row(page).status == "draft"


def test_the_draft_form_turns_markup_into_text_not_html(world: World, index: Any) -> None:
    page = _draft(world, summary="<script>alert(1)</script> Gewoon <b>vet</b>")
    html = Client()
    html.force_login(world.member_a)
    preview = html.get(
        reverse("toolbox:approach_preview", args=[world.consortium_a.slug, page.pk])
    ).content.decode()
    assert "<script>alert(1)</script>" not in preview
    assert "&lt;script&gt;" in preview


def test_personal_data_in_a_draft_is_refused_and_nothing_is_saved(world: World, index: Any) -> None:
    before = ApproachPage.objects.count()
    with pytest.raises(ValidationError) as error:
        _draft(world, summary="Bel Jan op 06-12345678 of mail jan@voorbeeld.nl.")
    assert "summary" in error.value.message_dict
    assert ApproachPage.objects.count() == before


def test_the_whole_workflow_from_draft_to_publication(world: World, index: Any) -> None:
    page = _draft(world)
    services.approach_draft_submit(actor=world.member_a, approach=page)
    assert _current_task(page) == "Advies ervaringsdeskundigenpanel"
    assert selectors.approach_row(page).status == "in_review"

    # Nobody approves the panel's step by hand: it is a review round.
    for anyone in (world.panel, world.staff, world.committee, world.member_a, world.member_b):
        with pytest.raises(PermissionError):
            _act(page, anyone, "approve")
    _through_panel(world, page, summary="Begrijpelijk geschreven.")
    assert _current_task(page) == "Beoordeling programmacommissie"

    with pytest.raises(PermissionError):
        _act(page, world.panel, "approve")
    _act(page, world.committee, "approve", comment="Niveau 2 klopt.")
    assert _current_task(page) == "Publicatie door programmastaf"
    assert Client().get(f"/gereedschapskist/{page.slug}/").status_code == 404  # not yet

    with pytest.raises(PermissionError):
        _act(page, world.committee, "approve")
    _act(page, world.staff, "approve")
    page.refresh_from_db()
    assert page.live
    assert Client().get(f"/gereedschapskist/{page.slug}/").status_code == 200
    # Every step is on record, with its comment.
    history = selectors.approach_row(page).history
    assert [(h.task, h.status) for h in reversed(history)] == [
        ("Advies ervaringsdeskundigenpanel", "approved"),
        ("Beoordeling programmacommissie", "approved"),
        ("Publicatie door programmastaf", "approved"),
    ]
    assert "Begrijpelijk geschreven." in [h.comment for h in history]
    assert PageLogEntry.objects.filter(page=page, action="wagtail.publish").exists()


def test_a_rejected_step_returns_the_draft_with_the_reason_and_resubmission_resumes_there(
    world: World, index: Any
) -> None:
    page = _draft(world)
    services.approach_draft_submit(actor=world.member_a, approach=page)
    _through_panel(world, page)
    _act(page, world.committee, "reject", comment="Onderbouw het bewijsniveau met cijfers.")
    page.refresh_from_db()
    row = selectors.approach_row(page)
    assert row.status == "needs_changes"
    assert row.history[0].comment == "Onderbouw het bewijsniveau met cijfers."

    client = Client()
    client.force_login(world.member_a)
    listing = client.get(reverse("toolbox:consortium_approaches", args=[world.consortium_a.slug]))
    assert "Onderbouw het bewijsniveau met cijfers." in listing.content.decode()

    data, steps = approach_draft_data(evidence_summary="Twaalf trajecten, acht geplaatst.")
    services.approach_draft_update(actor=world.member_a, approach=page, data=data, steps=steps)
    services.approach_draft_submit(actor=world.member_a, approach=page)
    assert _current_task(page) == "Beoordeling programmacommissie"  # not back to the panel


def test_a_draft_cannot_be_changed_while_it_is_being_reviewed(world: World, index: Any) -> None:
    page = _draft(world)
    services.approach_draft_submit(actor=world.member_a, approach=page)
    revisions = Revision.page_revisions.filter(object_id=str(page.pk)).count()
    data, steps = approach_draft_data(title="Stiekem gewijzigd")
    with pytest.raises(services.ApproachDraftError) as error:
        services.approach_draft_update(actor=world.member_a, approach=page, data=data, steps=steps)
    assert error.value.reason == "in_review"
    with pytest.raises(services.ApproachDraftError):
        services.approach_draft_submit(actor=world.member_a, approach=page)
    assert Revision.page_revisions.filter(object_id=str(page.pk)).count() == revisions
    assert WorkflowState.objects.filter(object_id=str(page.pk)).count() == 1


def test_improving_a_published_approach_keeps_the_published_version_until_approved(
    world: World, index: Any
) -> None:
    page = _draft(world)
    services.approach_draft_submit(actor=world.member_a, approach=page)
    _through_panel(world, page)
    for reviewer in (world.committee, world.staff):
        _act(page, reviewer, "approve")
    page.refresh_from_db()
    data, steps = approach_draft_data(title="Samen het gesprek voorbereiden (herzien)")
    services.approach_draft_update(actor=world.member_a, approach=page, data=data, steps=steps)
    page.refresh_from_db()
    assert page.title == "Samen het gesprek voorbereiden"  # the live version is unchanged
    assert selectors.approach_row(page).status == "published_with_changes"
    public = Client().get(f"/gereedschapskist/{page.slug}/").content.decode()
    assert "(herzien)" not in public
    services.approach_draft_submit(actor=world.member_a, approach=page)
    _through_panel(world, page)
    for reviewer in (world.committee, world.staff):
        _act(page, reviewer, "approve")
    page.refresh_from_db()
    assert page.title == "Samen het gesprek voorbereiden (herzien)"
    assert len(selectors.approach_versions(approach=page)) == 2


def test_a_consortium_observer_may_read_but_not_draft(world: World, index: Any) -> None:
    observer = MembershipFactory(consortium=world.consortium_a, role=ConsortiumRole.OBSERVER).user
    client = Client()
    client.force_login(observer)
    slug = world.consortium_a.slug
    assert client.get(reverse("toolbox:consortium_approaches", args=[slug])).status_code == 200
    assert client.get(reverse("toolbox:approach_create", args=[slug])).status_code == 403
    page = _draft(world)
    assert client.post(reverse("toolbox:approach_submit", args=[slug, page.pk])).status_code == 403
    assert WorkflowState.objects.count() == 0


def test_a_member_of_another_consortium_gets_404_for_this_ones_drafts(
    world: World, index: Any
) -> None:
    page = _draft(world)
    client = Client()
    client.force_login(world.member_b)
    a = world.consortium_a.slug
    b = world.consortium_b.slug
    for url in (
        reverse("toolbox:approach_edit", args=[a, page.pk]),
        reverse("toolbox:approach_preview", args=[a, page.pk]),
        # A's draft through B's own address: still not found.
        reverse("toolbox:approach_edit", args=[b, page.pk]),
        reverse("toolbox:approach_preview", args=[b, page.pk]),
    ):
        assert client.get(url).status_code == 404, url
    assert client.post(reverse("toolbox:approach_submit", args=[b, page.pk])).status_code == 404
    assert TaskState.objects.count() == 0


# --- The draft form through HTTP ----------------------------------------------------------------


def _form_post(**overrides: Any) -> dict[str, Any]:
    post: dict[str, Any] = {
        "title": "Werkplekbezoek bij de nieuwe werkgever",
        "summary": "De werknemer bezoekt een werkplek voordat hij kiest.",
        "problem": "Werknemers weten niet hoe het werk eruitziet.",
        "themes": [],
        "week_from": "30",
        "week_to": "60",
        "evidence_level": "1",
        "evidence_summary": "Nog geen onderzoek.",
        "outcome_measures": "",
        "cost_estimate_eur": "",
        "business_case": "",
        "implementation_conditions": "Een werkgever die meedoet.",
        "contact": "",
        "stap-TOTAL_FORMS": "3",
        "stap-INITIAL_FORMS": "0",
        "stap-MIN_NUM_FORMS": "1",
        "stap-MAX_NUM_FORMS": "12",
        "stap-0-title": "Bezoek plannen",
        "stap-0-description": "De re-integratiecoach belt de nieuwe werkgever.",
        "stap-0-actors": ["re-integratiebedrijf"],
    }
    post.update(overrides)
    return post


def test_a_member_creates_a_draft_through_the_form(world: World, index: Any) -> None:
    from cms_core.models import Theme

    theme = Theme.objects.create(name="Verlaging van drempels", slug="verlaging-van-drempels")
    client = Client()
    client.force_login(world.member_a)
    url = reverse("toolbox:approach_create", args=[world.consortium_a.slug])
    response = client.post(url, _form_post(themes=[str(theme.pk)]))
    assert response.status_code == 302
    page = ApproachPage.objects.get(title="Werkplekbezoek bij de nieuwe werkgever")
    assert page.slug == "werkplekbezoek-bij-de-nieuwe-werkgever"
    assert [b.value["title"] for b in page.steps] == ["Bezoek plannen"]
    # Editing shows the saved values again.
    edit = client.get(reverse("toolbox:approach_edit", args=[world.consortium_a.slug, page.pk]))
    assert "De re-integratiecoach belt de nieuwe werkgever." in edit.content.decode()


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"title": ""}, "title"),
        ({"title": "x" * 500}, "title"),
        ({"week_from": "veertig"}, "week_from"),
        ({"week_from": "50", "week_to": "10"}, "week_to"),
        ({"week_to": "300"}, "week_to"),
        ({"evidence_level": "9"}, "evidence_level"),
        ({"cost_estimate_eur": "-5"}, "cost_estimate_eur"),
        ({"themes": ["999999"]}, "themes"),
        ({"summary": "Mail ons op piet@voorbeeld.nl"}, "summary"),
        ({"stap-0-title": "", "stap-0-description": "", "stap-0-actors": []}, None),
        ({"stap-0-actors": ["directeur"]}, None),
        ({"stap-TOTAL_FORMS": "5000"}, None),
    ],
)
def test_bad_draft_input_gives_a_clear_error_and_saves_nothing(
    world: World, index: Any, overrides: dict[str, Any], field: str | None
) -> None:
    from cms_core.models import Theme

    theme = Theme.objects.create(name="Eigen regie", slug="eigen-regie")
    post = _form_post(themes=[str(theme.pk)])
    post.update(overrides)
    client = Client()
    client.force_login(world.member_a)
    before = (ApproachPage.objects.count(), Revision.objects.count())
    response = client.post(reverse("toolbox:approach_create", args=[world.consortium_a.slug]), post)
    assert response.status_code == 400
    html = response.content.decode()
    assert 'id="error-summary"' in html or "message--error" in html or "form-field__errors" in html
    if field:
        assert f"id_{field}_errors" in html
    assert (ApproachPage.objects.count(), Revision.objects.count()) == before


def test_the_admin_lets_nobody_approve_the_panels_step_by_hand(world: World, index: Any) -> None:
    page = _draft(world)
    services.approach_draft_submit(actor=world.member_a, approach=page)
    page.refresh_from_db()
    task_state = page.current_workflow_state.current_task_state
    url = reverse("wagtailadmin_pages:workflow_action", args=[page.pk, "approve", task_state.pk])
    for persona in (world.panel, world.committee, world.staff, world.member_a):
        client = Client()
        client.force_login(persona)
        response = client.post(url, {"comment": "mag niet"})
        assert response.status_code in (302, 403), persona
        task_state.refresh_from_db()
        assert task_state.status == TaskState.STATUS_IN_PROGRESS
    _through_panel(world, page, summary="Duidelijk voor werknemers.")
    task_state.refresh_from_db()
    assert task_state.status == TaskState.STATUS_APPROVED
    assert task_state.comment == "Duidelijk voor werknemers."
    assert task_state.finished_by == world.staff  # who summarised the panel's advice
    assert _current_task(page) == "Beoordeling programmacommissie"


def test_the_panels_step_asks_for_a_round_and_a_declined_request_returns_the_draft(
    world: World, index: Any
) -> None:
    from action_research.models import ReviewRound, RoundStatus
    from action_research.services import panel_rounds

    page = _draft(world)
    services.approach_draft_submit(actor=world.member_a, approach=page)
    requested = ReviewRound.objects.get(approach=page)
    assert requested.status == RoundStatus.REQUESTED
    assert requested.consortium == world.consortium_a
    assert requested.requested_by == world.member_a
    assert requested.subject_kind == "aanpak"

    panel_rounds.round_decline(
        actor=world.staff, review_round=requested, reason="Eerst de stappen uitschrijven."
    )
    page.refresh_from_db()
    row = selectors.approach_row(page)
    assert row.status == "needs_changes"
    assert row.history[0].comment == "Eerst de stappen uitschrijven."

    services.approach_draft_submit(actor=world.member_a, approach=page)
    assert _current_task(page) == "Advies ervaringsdeskundigenpanel"
    assert ReviewRound.objects.filter(approach=page, status=RoundStatus.REQUESTED).count() == 1


def test_the_page_shows_the_panels_check_only_for_the_summary_it_approved(
    world: World, index: Any
) -> None:
    page = _draft(world)
    services.approach_draft_submit(actor=world.member_a, approach=page)
    _through_panel(world, page)
    for reviewer in (world.committee, world.staff):
        _act(page, reviewer, "approve")
    page.refresh_from_db()
    checked = selectors.panel_check_date(approach=page)
    assert checked is not None
    html = Client().get(f"/gereedschapskist/{page.slug}/").content.decode()
    assert "ervaringsdeskundigenpanel" in html.split('class="badge badge--panel"')[1][:300]

    # Staff change the summary in the admin afterwards: the panel did not see this text.
    page.summary = "Een nieuwe samenvatting die het panel nooit heeft gelezen."
    page.save_revision(user=world.staff).publish()
    page.refresh_from_db()
    assert selectors.panel_check_date(approach=page) is None
    html = Client().get(f"/gereedschapskist/{page.slug}/").content.decode()
    assert 'class="badge badge--panel"' not in html


def test_the_start_page_tells_each_role_what_waits_for_it(world: World, index: Any) -> None:
    page = _draft(world)
    services.approach_draft_submit(actor=world.member_a, approach=page)

    def start_page(user: Any) -> str:
        client = Client()
        client.force_login(user)
        return client.get(reverse("accounts:dashboard")).content.decode()

    from action_research.models import ReviewRound

    edit_url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    requested = ReviewRound.objects.get(approach=page)
    round_url = reverse("action_research:panel_round", args=[requested.pk])
    assert round_url in start_page(world.staff)  # take on the panel's round
    assert edit_url not in start_page(world.committee)  # not their step yet
    _through_panel(world, page)
    assert edit_url in start_page(world.committee)
    assert round_url not in start_page(world.staff)
    _act(page, world.committee, "reject", comment="Graag cijfers.")
    listing = reverse("toolbox:consortium_approaches", args=[world.consortium_a.slug])
    assert listing in start_page(world.member_a)
    assert listing in start_page(world.coordinator_a)
    assert listing not in start_page(world.member_b)
    assert "Samen het gesprek voorbereiden" not in start_page(world.member_b)
