"""The access policy covers every route, and every route answers each role as declared."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from config.access_policy import (
    PREFIX_POLICY,
    URL_POLICY,
    WEBSOCKET_POLICY,
    rule_for_url,
    rule_for_websocket,
)
from config.routing import websocket_urlpatterns
from tests.conftest import World
from tests.routes import walk

PERSONAS = [
    "anonymous",
    "outsider",
    "member_a",
    "coordinator_a",
    "member_b",
    "panel",
    "committee",
    "observer",
    "staff",
]
LOGIN = "login"  # expected: a 302 redirect to the login page


def test_every_url_pattern_has_an_access_declaration() -> None:
    undeclared = [
        f"{route.name or '(unnamed)'} -> /{route.route}"
        for route in walk()
        if rule_for_url(route.name, route.route) is None
    ]
    assert undeclared == [], "Routes without an access-policy declaration:\n" + "\n".join(
        undeclared
    )


def test_every_websocket_route_has_an_access_declaration() -> None:
    undeclared = [
        str(p.pattern) for p in websocket_urlpatterns if rule_for_websocket(p.name) is None
    ]
    assert undeclared == []


def test_policy_declares_no_stale_routes() -> None:
    """A declaration whose route no longer exists hides mistakes; every entry must resolve."""
    names = {route.name for route in walk()}
    stale = sorted(set(URL_POLICY) - names)
    # Only DEBUG-only routes may be declared without existing in the test configuration.
    assert stale == [], f"Declared but not routed: {stale}"
    routes = [route.route for route in walk()]
    for prefix in PREFIX_POLICY:
        if prefix == "media/":
            continue  # served only with DEBUG on
        assert any(r.startswith(prefix) for r in routes), prefix
    assert set(WEBSOCKET_POLICY) == {p.name for p in websocket_urlpatterns}


def _all(code: int | str) -> dict[str, int | str]:
    return dict.fromkeys(PERSONAS, code)


def _signed_in(code: int | str = 200) -> dict[str, int | str]:
    return {**_all(code), "anonymous": LOGIN}


def _anonymous_only(anonymous: int = 200, signed_in: int = 302) -> dict[str, int | str]:
    return {**_all(signed_in), "anonymous": anonymous}


# Who may see consortia at all: their members, programme staff and the committee.
_CONSORTIA_LIST = {
    "anonymous": LOGIN,
    "outsider": 403,
    "member_a": 200,
    "coordinator_a": 200,
    "member_b": 200,
    "panel": 403,
    "committee": 200,
    "observer": 403,
    "staff": 200,
}
# One consortium's page: its own members only (others get 404), staff and committee.
_CONSORTIUM_A = {**_CONSORTIA_LIST, "member_b": 404}


def _invitation_to_a(world: World) -> int:
    from accounts import services

    invitation, _token = services.invitation_create(
        actor=world.staff,
        email="kandidaat@voorbeeld.nl",
        consortium=world.consortium_a,
        consortium_role="practitioner",
    )
    return invitation.pk


# Only the consortium's coordinators and programme staff may invite; others in A get 403 (the
# view's check), members of B get 404 (the selector), everyone else 403 (the policy).
_INVITE_TO_A = {**_CONSORTIUM_A, "member_a": 403, "committee": 403}
# Withdrawing: POST; a member of A who may not manage it gets 404 for the invitation itself.
_REVOKE_IN_A = {**_INVITE_TO_A, "member_a": 404, "coordinator_a": 302, "staff": 302}

POST = "POST"


def _approach_draft_of_a(world: World) -> int:
    from tests.factories import approach_draft_data, toolbox_index
    from toolbox import services

    toolbox_index()
    data, steps = approach_draft_data()
    page = services.approach_draft_create(
        actor=world.coordinator_a, consortium=world.consortium_a, data=data, steps=steps
    )
    return page.pk


def _cycle_of_a(world: World) -> int:
    import datetime

    from action_research import services

    cycle = services.cycle_create(
        actor=world.coordinator_a,
        consortium=world.consortium_a,
        data={
            "period_start": datetime.date(2026, 1, 5),
            "plan_question": "Helpt een gesprek in week 8?",
            "plan_change": "Het gesprek eerder voeren.",
        },
    )
    return cycle.number


def _closed_cycle_of_a(world: World) -> int:
    from action_research import services
    from action_research.models import Cycle

    number = _cycle_of_a(world)
    cycle = Cycle.objects.get(project__consortium=world.consortium_a, number=number)
    services.cycle_close(actor=world.coordinator_a, cycle=cycle)
    return number


def _deleted_cycle_of_a(world: World) -> int:
    from action_research import services
    from action_research.models import Cycle

    number = _cycle_of_a(world)
    cycle = Cycle.objects.get(project__consortium=world.consortium_a, number=number)
    services.cycle_delete(actor=world.coordinator_a, cycle=cycle)
    return number


# A's workspace: its members and programme staff; B's members 404; the committee 403.
_WORKSPACE_A = {**_CONSORTIUM_A, "committee": 403}


def _analysis_of_a(world: World) -> int:
    """A new cost-benefit analysis of A's project (one per call: removal tests use one up)."""
    from evaluation import services

    return services.analysis_create(
        actor=world.coordinator_a,
        consortium=world.consortium_a,
        data={"title": "Basisscenario", "method": "frictiekosten"},
    ).pk


def _cba(world: World, name: str, *, analysis: bool = True) -> str:
    args: list[Any] = [world.consortium_a.slug]
    if analysis:
        args.append(_analysis_of_a(world))
    return reverse(f"evaluation:{name}", args=args)


_WRITE_IN_A = {**_WORKSPACE_A, "member_a": 302, "coordinator_a": 302, "staff": 302}
# Restoring: coordinators and staff only; a practitioner of A gets 403 from the view.
_RESTORE_IN_A = {**_WRITE_IN_A, "member_a": 403}


def _process_of_a(world: World, *, deleted: bool = False) -> int:
    from action_research import services
    from action_research.models import ProcessEvaluation

    n = ProcessEvaluation.objects.count()  # each call records a later quarter
    evaluation = services.process_evaluation_create(
        actor=world.coordinator_a,
        consortium=world.consortium_a,
        data={
            "period": f"{2021 + n // 4}-Q{n % 4 + 1}",
            "eligible": 10,
            "invited": 8,
            "included": 6,
        },
    )
    if deleted:
        services.record_delete(actor=world.coordinator_a, record=evaluation)
    return evaluation.pk


def _trajectory_of_a(world: World) -> str:
    import datetime

    from action_research import services

    trajectory = services.trajectory_create(
        actor=world.coordinator_a,
        consortium=world.consortium_a,
        data={
            "included_on": datetime.date(2025, 3, 3),
            "sickness_week_at_inclusion": 30,
            "condition_category": "psychisch",
            "employer_size": "klein",
            "sector": "zorg",
            "outcome": "lopend",
        },
    )
    return trajectory.code


def _cost_of_a(world: World) -> int:
    from decimal import Decimal

    from action_research import services
    from action_research.models import CostItem

    cost = services.cost_create(
        actor=world.coordinator_a,
        consortium=world.consortium_a,
        data={
            "period": "2025",
            "category": "begeleiding",
            "payer": "huidige-werkgever",
            "description": f"Coaching {CostItem.objects.count()}",
            "amount": Decimal("500"),
        },
    )
    return cost.pk


def _expert_of_a(world: World) -> int:
    from action_research import services
    from action_research.models import Expert

    expert = services.expert_create(
        actor=world.coordinator_a,
        consortium=world.consortium_a,
        data={
            "label": f"Ervaringsdeskundige {Expert.objects.count() + 1}",
            "levels": {"ontwikkeling": 3},
        },
    )
    return expert.pk


def _input_of_a(world: World) -> int:
    import datetime

    from action_research import services

    item = services.expert_input_create(
        actor=world.coordinator_a,
        consortium=world.consortium_a,
        data={
            "phase": "ontwikkeling",
            "date": datetime.date(2025, 6, 1),
            "channel": "overleg",
            "brought_in": "Begin het gesprek met wat de werknemer nog wel kan.",
        },
    )
    return item.pk


def _attachment_of_a(world: World) -> tuple[int, int]:
    from django.core.files.uploadedfile import SimpleUploadedFile

    from action_research import services
    from action_research.models import Cycle

    number = _cycle_of_a(world)
    cycle = Cycle.objects.get(project__consortium=world.consortium_a, number=number)
    attachment = services.attachment_add(
        actor=world.coordinator_a,
        cycle=cycle,
        upload=SimpleUploadedFile("verslag.txt", b"Verslag van de bijeenkomst.", "text/plain"),
    )
    return number, attachment.pk


def _import_of_a(world: World) -> int:
    from action_research import services

    result = services.records_import(
        actor=world.coordinator_a,
        consortium=world.consortium_a,
        kind="procesevaluatie",
        filename="proces.csv",
        content=b"periode,in_aanmerking\n2024-H1,12\n",
    )
    return result.batch.pk


def _ws(world: World, name: str, *args: object) -> str:
    return reverse(f"action_research:{name}", args=[world.consortium_a.slug, *args])


# Coordinators' pages in A: the project, removed records (a practitioner of A gets 403).
_MANAGE_IN_A = {**_WORKSPACE_A, "member_a": 403}
# A POST whose form is empty: past the access checks the view answers 400 (nothing saved).
_EMPTY_POST_IN_A = {**_WORKSPACE_A, "member_a": 400, "coordinator_a": 400, "staff": 400}


# Drafting approaches for A: its members (not observers: the view), staff; B's members get 404.
_DRAFT_FOR_A = {**_CONSORTIUM_A, "committee": 403}
_SUBMIT_IN_A = {**_DRAFT_FOR_A, "member_a": 302, "coordinator_a": 302, "staff": 302}


# Learning networks: a network that consortium A takes part in as a whole (B does not), with a
# thread and a post by a practitioner of A and an open report on it; built once per world.
def _network_objects(world: World) -> Any:
    cached = getattr(world, "_network_objects", None)
    if cached is not None:
        return cached
    from types import SimpleNamespace

    from learning_network import services as ln

    network = ln.network_create(
        actor=world.staff, data={"name": "Leernetwerk Toegang", "kind": "thema"}
    )
    ln.network_consortium_add(actor=world.staff, network=network, consortium=world.consortium_a)
    thread = ln.thread_create(
        actor=world.member_a,
        network=network,
        category=network.categories.get(),
        title="Eerste gesprek",
        body="Wanneer voeren jullie het eerste gesprek?",
        files=[SimpleUploadedFile("gespreksleidraad.pdf", b"%PDF-1.4\nleidraad")],
    )
    post = thread.posts.get()
    flag = ln.post_flag(actor=world.coordinator_a, post=post, reason="Graag even naar kijken.")
    starts = timezone.now() + datetime.timedelta(days=7)
    meeting = ln.meeting_create(
        actor=world.staff,
        network=network,
        data={
            "title": "Leerbijeenkomst",
            "starts_at": starts,
            "ends_at": starts + datetime.timedelta(hours=2),
            "online_url": "https://meet.example.nl/leerbijeenkomst",
        },
        agenda="Welkom",
    )
    lesson = ln.lesson_propose(
        actor=world.member_a,
        network=network,
        kind="succesfactor",
        text="Begin het gesprek met wat iemand nog wel kan.",
        post=post,
    )
    cached = SimpleNamespace(
        network=network, thread=thread, post=post, flag=flag, meeting=meeting, lesson=lesson
    )
    world._network_objects = cached  # type: ignore[attr-defined]
    return cached


def _ln(world: World, name: str, *args: object) -> str:
    objects = _network_objects(world)
    values = {
        "thread": objects.thread.pk,
        "post": objects.post.pk,
        "flag": objects.flag.pk,
        "meeting": objects.meeting.pk,
        "lesson": objects.lesson.pk,
        "attachment": objects.post.attachments.get().pk,
    }
    return reverse(
        f"learning_network:{name}",
        args=[objects.network.slug, *(values.get(str(a), a) for a in args)],
    )


# Members of the network (A's members, staff): 200; everyone else 404, the network's existence
# is not even confirmed.
_NETWORK_A = {
    **_all(404),
    "anonymous": LOGIN,
    "member_a": 200,
    "coordinator_a": 200,
    "staff": 200,
}
_MODERATE_A = {**_NETWORK_A, "member_a": 403, "coordinator_a": 403}  # the view's check


def _panel_round_of_a(world: World, stage: str = "open") -> int:
    """A review round on A's plan with the panel persona invited, at the given stage:
    requested, open, sent (the panel sent advice), summarised (closed with a summary)."""
    from action_research.services import panel_advice, panel_rounds

    plan = SimpleUploadedFile("plan.pdf", b"%PDF-1.4 plan", content_type="application/pdf")
    if stage == "requested":
        return panel_rounds.round_request(
            actor=world.coordinator_a,
            consortium=world.consortium_a,
            data={"title": "Projectplan uitvoeringsfase"},
            questions=["Is het plan duidelijk?"],
            document=plan,
        ).pk
    review_round = panel_rounds.round_create(
        actor=world.staff,
        data={
            "title": "Projectplan uitvoeringsfase",
            "subject_kind": "plan",
            "deadline": timezone.localdate() + datetime.timedelta(days=14),
        },
        questions=["Is het plan duidelijk?"],
        invitees=[world.panel],
        consortium=world.consortium_a,
        document=plan,
    )
    if stage == "open":
        return review_round.pk
    panel_advice.advice_save(
        actor=world.panel,
        review_round=review_round,
        data={"worries": "Het tempo is hoog.", "recommendation": "steun"},
        answers=["Ja."],
        version=None,
        submit=True,
    )
    if stage == "sent":
        return review_round.pk
    panel_rounds.round_close(actor=world.staff, review_round=review_round)
    panel_rounds.round_summarise(
        actor=world.staff, review_round=review_round, summary="Het panel steunt het plan."
    )
    return review_round.pk


def _panel_round_on_approach_of_a(world: World) -> int:
    """An open round on A's draft approach (the toolbox workflow's panel step)."""
    from action_research.services import panel_rounds
    from toolbox.models import ApproachPage

    approach = ApproachPage.objects.get(pk=_approach_draft_of_a(world))
    requested = panel_rounds.round_request_for_approach(
        approach=approach, requested_by=world.coordinator_a
    )
    return panel_rounds.round_open(
        actor=world.staff,
        review_round=requested,
        data={"deadline": timezone.localdate() + datetime.timedelta(days=14)},
        questions=requested.questions,
        invitees=[world.panel],
    ).pk


def _panel(world: World, name: str, stage: str = "open") -> str:
    return reverse(f"action_research:{name}", args=[_panel_round_of_a(world, stage)])


# A round on A's plan: staff, the invited panel member, the committee and A's members; B's
# members get 404, others 403 (the policy).
_ROUND_OF_A = {**_CONSORTIUM_A, "panel": 200}
_PANEL_ONLY = {**_all(403), "anonymous": LOGIN, "panel": 200}
_STAFF_PAGE = {**_all(403), "anonymous": LOGIN, "staff": 200}  # the policy's check
_OWN_POST_A = {**_NETWORK_A, "coordinator_a": 403, "staff": 403}  # authors edit their own
_POST_HISTORY_A = {**_NETWORK_A, "coordinator_a": 403}  # the author and the moderators
_FOLLOW_IN_A = {**_NETWORK_A, "member_a": 302, "coordinator_a": 302, "staff": 302}
_LIFT_IN_A = {**_MODERATE_A, "staff": 302}


# (url builder, expected status per persona[, method]). Every declared URL name appears here.
MATRIX: dict[str, tuple[Any, ...]] = {
    "health": (lambda w: reverse("health"), _all(200)),
    "robots_txt": (lambda w: reverse("robots_txt"), _all(200)),
    "sitemap": (lambda w: reverse("sitemap"), _all(200)),
    "toolbox:news_feed": (lambda w: reverse("toolbox:news_feed"), _all(200)),
    "set_language": (lambda w: reverse("set_language"), _all(302)),  # GET redirects back
    "wagtail_serve": (lambda w: "/over-het-programma/", _all(200)),
    "wagtaildocs_serve": (lambda w: "/documents/999999/missing.pdf", _all(404)),
    "wagtaildocs_authenticate_with_password": (
        lambda w: "/_util/authenticate_with_password/999999/",
        _all(404),
    ),
    "wagtailcore_authenticate_with_password": (
        lambda w: "/_util/authenticate_with_password/999999/999999/",
        _all(404),
    ),
    "wagtailadmin_login_redirect": (lambda w: "/admin/login/", _all(302)),
    "wagtailcore_login_redirect": (lambda w: "/_util/login/", _all(302)),
    "wagtailcore_login": (lambda w: "/_util/login/", _all(302)),  # shadowed by the redirect
    "account_confirm_login_code": (
        lambda w: reverse("account_confirm_login_code"),
        _all(302),  # no login-by-code stage pending
    ),
    "accounts:dashboard": (lambda w: reverse("accounts:dashboard"), _signed_in()),
    "accounts:profile": (lambda w: reverse("accounts:profile"), _signed_in()),
    "accounts:consortium_list": (lambda w: reverse("accounts:consortium_list"), _CONSORTIA_LIST),
    "accounts:consortium_detail": (
        lambda w: reverse("accounts:consortium_detail", args=[w.consortium_a.slug]),
        _CONSORTIUM_A,
    ),
    "accounts:consortium_invite": (
        lambda w: reverse("accounts:consortium_invite", args=[w.consortium_a.slug]),
        _INVITE_TO_A,
    ),
    "accounts:invitation_revoke": (
        lambda w: reverse(
            "accounts:invitation_revoke", args=[w.consortium_a.slug, _invitation_to_a(w)]
        ),
        _REVOKE_IN_A,
        POST,
    ),
    "toolbox:consortium_approaches": (
        lambda w: reverse("toolbox:consortium_approaches", args=[w.consortium_a.slug]),
        _CONSORTIUM_A,
    ),
    "toolbox:approach_create": (
        lambda w: reverse("toolbox:approach_create", args=[w.consortium_a.slug]),
        _DRAFT_FOR_A,
    ),
    "toolbox:approach_edit": (
        lambda w: reverse(
            "toolbox:approach_edit", args=[w.consortium_a.slug, _approach_draft_of_a(w)]
        ),
        _DRAFT_FOR_A,
    ),
    "toolbox:approach_preview": (
        lambda w: reverse(
            "toolbox:approach_preview", args=[w.consortium_a.slug, _approach_draft_of_a(w)]
        ),
        _CONSORTIUM_A,
    ),
    "toolbox:approach_submit": (
        lambda w: reverse(
            "toolbox:approach_submit", args=[w.consortium_a.slug, _approach_draft_of_a(w)]
        ),
        _SUBMIT_IN_A,
        POST,
    ),
    "action_research:workspace": (
        lambda w: reverse("action_research:workspace", args=[w.consortium_a.slug]),
        _WORKSPACE_A,
    ),
    "action_research:cycle_create": (
        lambda w: reverse("action_research:cycle_create", args=[w.consortium_a.slug]),
        _WORKSPACE_A,
    ),
    "action_research:cycle_detail": (
        lambda w: reverse(
            "action_research:cycle_detail", args=[w.consortium_a.slug, _cycle_of_a(w)]
        ),
        _WORKSPACE_A,
    ),
    "action_research:cycle_edit": (
        lambda w: reverse("action_research:cycle_edit", args=[w.consortium_a.slug, _cycle_of_a(w)]),
        _WORKSPACE_A,
    ),
    "action_research:cycle_close": (
        lambda w: reverse(
            "action_research:cycle_close", args=[w.consortium_a.slug, _cycle_of_a(w)]
        ),
        _WRITE_IN_A,
        POST,
    ),
    "action_research:cycle_reopen": (
        lambda w: reverse(
            "action_research:cycle_reopen", args=[w.consortium_a.slug, _closed_cycle_of_a(w)]
        ),
        _WORKSPACE_A,
    ),
    "action_research:cycle_delete": (
        lambda w: reverse(
            "action_research:cycle_delete", args=[w.consortium_a.slug, _cycle_of_a(w)]
        ),
        _WRITE_IN_A,
        POST,
    ),
    "action_research:cycle_restore": (
        lambda w: reverse(
            "action_research:cycle_restore", args=[w.consortium_a.slug, _deleted_cycle_of_a(w)]
        ),
        _RESTORE_IN_A,
        POST,
    ),
    "action_research:project_edit": (lambda w: _ws(w, "project_edit"), _MANAGE_IN_A),
    "action_research:activity": (lambda w: _ws(w, "activity"), _WORKSPACE_A),
    "action_research:record_history": (
        lambda w: _ws(w, "record_history", "processevaluation", _process_of_a(w)),
        _WORKSPACE_A,
    ),
    "action_research:removed": (lambda w: _ws(w, "removed"), _MANAGE_IN_A),
    "action_research:record_delete": (
        lambda w: _ws(w, "record_delete", "processevaluation", _process_of_a(w)),
        _WRITE_IN_A,
        POST,
    ),
    "action_research:record_restore": (
        lambda w: _ws(w, "record_restore", "processevaluation", _process_of_a(w, deleted=True)),
        _RESTORE_IN_A,
        POST,
    ),
    "action_research:attachment_add": (
        lambda w: _ws(w, "attachment_add", _cycle_of_a(w)),
        _EMPTY_POST_IN_A,
        POST,
    ),
    "action_research:attachment_download": (
        lambda w: _ws(w, "attachment_download", *_attachment_of_a(w)),
        _WORKSPACE_A,
    ),
    "action_research:process_list": (lambda w: _ws(w, "process_list"), _WORKSPACE_A),
    "action_research:process_create": (lambda w: _ws(w, "process_create"), _WORKSPACE_A),
    "action_research:process_detail": (
        lambda w: _ws(w, "process_detail", _process_of_a(w)),
        _WORKSPACE_A,
    ),
    "action_research:process_edit": (
        lambda w: _ws(w, "process_edit", _process_of_a(w)),
        _WORKSPACE_A,
    ),
    "action_research:trajectory_list": (lambda w: _ws(w, "trajectory_list"), _WORKSPACE_A),
    "action_research:trajectory_create": (lambda w: _ws(w, "trajectory_create"), _WORKSPACE_A),
    "action_research:follow_ups": (lambda w: _ws(w, "follow_ups"), _WORKSPACE_A),
    "action_research:codes": (lambda w: _ws(w, "codes"), _WORKSPACE_A),
    "action_research:codes_download": (lambda w: _ws(w, "codes_download"), _WORKSPACE_A),
    "action_research:trajectory_detail": (
        lambda w: _ws(w, "trajectory_detail", _trajectory_of_a(w)),
        _WORKSPACE_A,
    ),
    "action_research:trajectory_edit": (
        lambda w: _ws(w, "trajectory_edit", _trajectory_of_a(w)),
        _WORKSPACE_A,
    ),
    "action_research:trajectory_follow_up": (
        lambda w: _ws(w, "trajectory_follow_up", _trajectory_of_a(w)),
        _WRITE_IN_A,
        POST,
    ),
    "action_research:cost_list": (lambda w: _ws(w, "cost_list"), _WORKSPACE_A),
    "action_research:cost_create": (lambda w: _ws(w, "cost_create"), _WORKSPACE_A),
    "action_research:cost_edit": (lambda w: _ws(w, "cost_edit", _cost_of_a(w)), _WORKSPACE_A),
    "action_research:expert_overview": (lambda w: _ws(w, "expert_overview"), _WORKSPACE_A),
    "action_research:expert_create": (lambda w: _ws(w, "expert_create"), _WORKSPACE_A),
    "action_research:expert_edit": (
        lambda w: _ws(w, "expert_edit", _expert_of_a(w)),
        _WORKSPACE_A,
    ),
    "action_research:expert_input_create": (
        lambda w: _ws(w, "expert_input_create"),
        _WORKSPACE_A,
    ),
    "action_research:expert_input_edit": (
        lambda w: _ws(w, "expert_input_edit", _input_of_a(w)),
        _WORKSPACE_A,
    ),
    "action_research:gripp2": (lambda w: _ws(w, "gripp2"), _WORKSPACE_A),
    "action_research:transfer": (lambda w: _ws(w, "transfer"), _WORKSPACE_A),
    "action_research:import_upload": (lambda w: _ws(w, "import_upload", "trajecten"), _WORKSPACE_A),
    "action_research:import_detail": (
        lambda w: _ws(w, "import_detail", _import_of_a(w)),
        _WORKSPACE_A,
    ),
    "action_research:import_template": (
        lambda w: _ws(w, "import_template", "kosten", "xlsx"),
        _WORKSPACE_A,
    ),
    "action_research:codebook": (lambda w: _ws(w, "codebook", "trajecten"), _WORKSPACE_A),
    "action_research:export": (lambda w: _ws(w, "export", "trajecten", "xlsx"), _WORKSPACE_A),
    # the experience-expert panel's review rounds
    "action_research:panel": (
        lambda w: reverse("action_research:panel"),
        {**_CONSORTIA_LIST, "panel": 200},
    ),
    "action_research:panel_round": (lambda w: _panel(w, "panel_round"), _ROUND_OF_A),
    "action_research:panel_document": (lambda w: _panel(w, "panel_document"), _ROUND_OF_A),
    "action_research:panel_approach": (
        lambda w: reverse(
            "action_research:panel_approach", args=[_panel_round_on_approach_of_a(w)]
        ),
        _ROUND_OF_A,
    ),
    # a summarised round's advice as CSV: staff, the committee, A's members (the round shares
    # the advice with its consortium); B's members 404; the panel 403 (the policy)
    "action_research:panel_advice_export": (
        lambda w: _panel(w, "panel_advice_export", "summarised"),
        {**_CONSORTIUM_A},
    ),
    "action_research:panel_round_create": (
        lambda w: reverse("action_research:panel_round_create"),
        _STAFF_PAGE,
    ),
    "action_research:panel_round_edit": (lambda w: _panel(w, "panel_round_edit"), _STAFF_PAGE),
    # POSTs without a reason or summary: staff get the form back (400), nothing changes
    "action_research:panel_round_decline": (
        lambda w: _panel(w, "panel_round_decline", "requested"),
        {**_STAFF_PAGE, "staff": 400},
        POST,
    ),
    "action_research:panel_round_close": (
        lambda w: _panel(w, "panel_round_close"),
        {**_STAFF_PAGE, "staff": 302},
        POST,
    ),
    "action_research:panel_round_summary": (
        lambda w: _panel(w, "panel_round_summary", "sent"),
        {**_STAFF_PAGE, "staff": 400},
        POST,
    ),
    "action_research:panel_advice": (lambda w: _panel(w, "panel_advice"), _PANEL_ONLY),
    "action_research:panel_advice_autosave": (
        lambda w: _panel(w, "panel_advice_autosave"),
        _PANEL_ONLY,
        POST,
    ),
    "action_research:panel_advice_withdraw": (
        lambda w: _panel(w, "panel_advice_withdraw", "sent"),
        {**_PANEL_ONLY, "panel": 302},
        POST,
    ),
    # asking for a round: A's coordinators and researchers, and staff (a practitioner 403)
    "action_research:panel_request": (
        lambda w: reverse("action_research:panel_request", args=[w.consortium_a.slug]),
        {**_CONSORTIUM_A, "member_a": 403, "committee": 403},
    ),
    # answering the advice: A's coordinators and researchers only; staff do not answer for them
    "action_research:panel_answer": (
        lambda w: _panel(w, "panel_answer", "summarised"),
        {**_all(403), "anonymous": LOGIN, "coordinator_a": 200, "member_b": 404},
    ),
    "learning_network:list": (lambda w: reverse("learning_network:list"), _signed_in()),
    "learning_network:notifications": (
        lambda w: reverse("learning_network:notifications"),
        _signed_in(),
    ),
    "learning_network:create": (lambda w: reverse("learning_network:create"), _STAFF_PAGE),
    # evaluation: programme aggregates for staff, committee and observers; one project's
    # figures for its own members, staff and the committee (another consortium: 404)
    "evaluation:dashboard": (
        lambda w: reverse("evaluation:dashboard"),
        {**_all(403), "anonymous": LOGIN, "staff": 200, "committee": 200, "observer": 200},
    ),
    "evaluation:annual_reports": (
        lambda w: reverse("evaluation:annual_reports"),
        {**_all(403), "anonymous": LOGIN, "staff": 302, "committee": 302, "observer": 302},
    ),
    "evaluation:annual_report": (
        lambda w: reverse("evaluation:annual_report", args=[timezone.localdate().year]),
        {**_all(403), "anonymous": LOGIN, "staff": 200, "committee": 200, "observer": 200},
    ),
    "evaluation:project": (
        lambda w: reverse("evaluation:project", args=[w.consortium_a.slug]),
        _CONSORTIUM_A,
    ),
    "evaluation:exports": (lambda w: reverse("evaluation:exports"), _STAFF_PAGE),
    "evaluation:export": (
        lambda w: reverse("evaluation:export", args=["trajecten", "csv"]),
        _STAFF_PAGE,
    ),
    "evaluation:codebook": (lambda w: reverse("evaluation:codebook"), _STAFF_PAGE),
    "evaluation:project_bundle": (
        lambda w: reverse("evaluation:project_bundle", args=[w.consortium_a.slug]),
        _STAFF_PAGE,
    ),
    # A's trajectories: A's members and staff; B's members 404; the committee and observers 403
    "evaluation:project_export": (
        lambda w: (
            _trajectory_of_a(w),
            reverse("evaluation:project_export", args=[w.consortium_a.slug, "trajecten", "sav"]),
        )[1],
        {**_CONSORTIUM_A, "committee": 403},
    ),
    # A's cost-benefit analyses: read by A's members, staff and the committee; set up and
    # changed by A's record keepers and staff; B's members 404
    "evaluation:cost_benefits": (lambda w: _cba(w, "cost_benefits", analysis=False), _CONSORTIUM_A),
    "evaluation:cost_benefit": (lambda w: _cba(w, "cost_benefit"), _CONSORTIUM_A),
    "evaluation:cost_benefit_create": (
        lambda w: _cba(w, "cost_benefit_create", analysis=False),
        _WORKSPACE_A,
    ),
    "evaluation:cost_benefit_edit": (lambda w: _cba(w, "cost_benefit_edit"), _WORKSPACE_A),
    "evaluation:cost_benefit_delete": (lambda w: _cba(w, "cost_benefit_delete"), _WRITE_IN_A, POST),
    "learning_network:network": (lambda w: _ln(w, "network"), _NETWORK_A),
    "learning_network:search": (lambda w: _ln(w, "search") + "?q=gesprek", _NETWORK_A),
    "learning_network:thread_create": (lambda w: _ln(w, "thread_create"), _NETWORK_A),
    "learning_network:thread": (lambda w: _ln(w, "thread", "thread"), _NETWORK_A),
    "learning_network:thread_follow": (
        lambda w: _ln(w, "thread_follow", "thread"),
        _FOLLOW_IN_A,
        POST,
    ),
    "learning_network:thread_moderate": (
        lambda w: _ln(w, "thread_moderate", "thread"),
        _MODERATE_A,
    ),
    "learning_network:post_edit": (lambda w: _ln(w, "post_edit", "post"), _OWN_POST_A),
    "learning_network:post_history": (
        lambda w: _ln(w, "post_history", "post"),
        _POST_HISTORY_A,
    ),
    "learning_network:post_flag": (lambda w: _ln(w, "post_flag", "post"), _NETWORK_A),
    "learning_network:attachment": (
        lambda w: _ln(w, "attachment", "post", "attachment"),
        _NETWORK_A,
    ),
    "learning_network:post_hide": (lambda w: _ln(w, "post_hide", "post"), _MODERATE_A),
    "learning_network:post_restore": (lambda w: _ln(w, "post_restore", "post"), _MODERATE_A),
    "learning_network:moderation": (lambda w: _ln(w, "moderation"), _MODERATE_A),
    "learning_network:flag_dismiss": (lambda w: _ln(w, "flag_dismiss", "flag"), _MODERATE_A),
    "learning_network:member_mute": (
        lambda w: _ln(w, "member_mute", w.member_a.pk),
        _MODERATE_A,
    ),
    "learning_network:mute_lift": (
        lambda w: _ln(w, "mute_lift", w.member_a.pk),
        _LIFT_IN_A,
        POST,
    ),
    "learning_network:moderation_log": (lambda w: _ln(w, "moderation_log"), _NETWORK_A),
    "learning_network:moderation_log_export": (
        lambda w: _ln(w, "moderation_log_export"),
        _STAFF_PAGE,
    ),
    "learning_network:meetings": (lambda w: _ln(w, "meetings"), _NETWORK_A),
    "learning_network:meeting_create": (lambda w: _ln(w, "meeting_create"), _MODERATE_A),
    "learning_network:meeting": (lambda w: _ln(w, "meeting", "meeting"), _NETWORK_A),
    "learning_network:meeting_edit": (lambda w: _ln(w, "meeting_edit", "meeting"), _MODERATE_A),
    "learning_network:meeting_minutes": (
        lambda w: _ln(w, "meeting_minutes", "meeting"),
        _MODERATE_A,
    ),
    "learning_network:meeting_sign_up": (
        lambda w: _ln(w, "meeting_sign_up", "meeting"),
        _FOLLOW_IN_A,
        POST,
    ),
    "learning_network:meeting_calendar": (
        lambda w: _ln(w, "meeting_calendar", "meeting"),
        _NETWORK_A,
    ),
    "learning_network:lessons": (lambda w: _ln(w, "lessons"), _NETWORK_A),
    "learning_network:lesson_propose": (
        lambda w: _ln(w, "lesson_propose") + f"?bericht={_network_objects(w).post.pk}",
        _NETWORK_A,
    ),
    "learning_network:lesson_edit": (lambda w: _ln(w, "lesson_edit", "lesson"), _OWN_POST_A),
    "learning_network:lesson_decide": (
        lambda w: _ln(w, "lesson_decide", "lesson"),
        _MODERATE_A,
    ),
    "learning_network:manage": (lambda w: _ln(w, "manage"), _STAFF_PAGE),
    "learning_network:remove": (
        lambda w: _ln(w, "remove"),
        {**_STAFF_PAGE, "staff": 302},
        POST,
    ),
    "accounts:invitation_accept": (
        lambda w: reverse("accounts:invitation_accept", args=["not-a-real-token"]),
        _all(404),
    ),
    "accounts:project_list": (lambda w: reverse("accounts:project_list"), _all(200)),
    "accounts:project_detail": (
        lambda w: reverse("accounts:project_detail", args=[w.consortium_b.slug]),
        _all(200),
    ),
    "account_login": (lambda w: reverse("account_login"), _anonymous_only()),
    "account_logout": (lambda w: reverse("account_logout"), {**_all(200), "anonymous": 302}),
    "account_inactive": (lambda w: reverse("account_inactive"), _all(200)),
    "account_signup": (lambda w: reverse("account_signup"), _anonymous_only()),
    "account_email_verification_sent": (
        lambda w: reverse("account_email_verification_sent"),
        _all(200),
    ),
    "account_confirm_email": (
        lambda w: reverse("account_confirm_email", args=["bad-key"]),
        _all(200),
    ),
    "account_reset_password": (lambda w: reverse("account_reset_password"), _all(200)),
    "account_reset_password_done": (lambda w: reverse("account_reset_password_done"), _all(200)),
    "account_reset_password_from_key": (
        lambda w: reverse("account_reset_password_from_key", args=["0", "bad-key"]),
        _all(200),
    ),
    "account_reset_password_from_key_done": (
        lambda w: reverse("account_reset_password_from_key_done"),
        _all(200),
    ),
    "mfa_authenticate": (lambda w: reverse("mfa_authenticate"), _all(302)),
    "account_reauthenticate": (lambda w: reverse("account_reauthenticate"), _signed_in()),
    "account_email": (lambda w: reverse("account_email"), _signed_in()),
    "account_change_password": (lambda w: reverse("account_change_password"), _signed_in()),
    "account_set_password": (lambda w: reverse("account_set_password"), _signed_in(302)),
    "mfa_index": (lambda w: reverse("mfa_index"), _signed_in()),
    "mfa_reauthenticate": (
        lambda w: reverse("mfa_reauthenticate"),
        {**_signed_in(302), "staff": 200},  # without a second factor: password reauthentication
    ),
    # A forced login has not "recently authenticated": allauth asks for reauthentication (302).
    "mfa_activate_totp": (lambda w: reverse("mfa_activate_totp"), _signed_in(302)),
    "mfa_deactivate_totp": (
        lambda w: reverse("mfa_deactivate_totp"),
        {**_signed_in(404), "staff": 302},
    ),
    "mfa_view_recovery_codes": (lambda w: reverse("mfa_view_recovery_codes"), _signed_in(404)),
    "mfa_generate_recovery_codes": (
        lambda w: reverse("mfa_generate_recovery_codes"),
        _signed_in(302),
    ),
    "mfa_download_recovery_codes": (
        lambda w: reverse("mfa_download_recovery_codes"),
        _signed_in(404),
    ),
}

# Third-party areas declared by prefix: one representative URL each.
PREFIX_MATRIX: dict[str, tuple[str, dict[str, int | str]]] = {
    "admin/": (
        "/admin/",
        # Wagtail sends those without admin access to login; the panel and the committee
        # review toolbox drafts there (workflow tasks)
        {**_all(302), "anonymous": LOGIN, "staff": 200, "panel": 200, "committee": 200},
    ),
}


def test_matrix_covers_every_declared_route() -> None:
    assert set(MATRIX) == set(URL_POLICY)
    assert set(PREFIX_MATRIX) == set(PREFIX_POLICY) - {"media/"}


def _client_for(world: World, persona: str) -> Client:
    client = Client()
    user = world.personas()[persona]
    if user is not None:
        client.force_login(user)
    return client


def _mismatch(response: Any, expected: int | str, label: str) -> str | None:
    """A description of how the response differs from the expectation, or None if it matches."""
    if expected == LOGIN:
        location = response.get("Location", "")
        if response.status_code != 302 or not location.startswith("/accounts/login/"):
            return f"{label}: expected login redirect, got {response.status_code} {location}"
        return None
    if response.status_code != expected:
        return f"{label}: expected {expected}, got {response.status_code}"
    return None


@pytest.mark.django_db
@pytest.mark.parametrize("persona", PERSONAS)
def test_access_matrix(world: World, home_page: Any, persona: str) -> None:
    client = _client_for(world, persona)
    problems = []
    for name, (build_url, expected, *method) in MATRIX.items():
        url = build_url(world)
        response = client.post(url) if method == [POST] else client.get(url)
        problems.append(_mismatch(response, expected[persona], f"{name} ({url})"))
    for prefix, (url, expected) in PREFIX_MATRIX.items():
        problems.append(_mismatch(client.get(url), expected[persona], f"{prefix} ({url})"))
    assert [p for p in problems if p] == []
