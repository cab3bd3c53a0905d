"""Action-research cycles: carry-forward, privacy, history of every change, optimistic locking."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from accounts.models import ConsortiumRole
from action_research import selectors, services
from action_research.models import Cycle, RecordChange
from tests.conftest import World
from tests.factories import MembershipFactory

pytestmark = pytest.mark.django_db

DATA = {
    "period_start": datetime.date(2026, 2, 2),
    "period_end": datetime.date(2026, 3, 27),
    "plan_question": "Kiezen werknemers eerder voor ander werk na een kennismakingsgesprek?",
    "plan_change": "Een kennismakingsgesprek met een nieuwe werkgever in week 30.",
    "act": "De re-integratiecoach plande vier gesprekken.",
    "observe": "Drie van de vier werknemers gingen meelopen.",
    "constructs": ["bereik", "dosis"],
    "reflect_learned": "Het gesprek moet op de werkplek plaatsvinden.",
    "reflect_next": "Gesprekken op de werkplek van de nieuwe werkgever.",
    "participant_roles": ["werkgever", "werknemer", "professional"],
}


def _timeline(world: World) -> list[selectors.cycles.TimelineEntry]:
    workspace = selectors.workspace_get(viewer=world.coordinator_a, slug=world.consortium_a.slug)
    return selectors.cycle_timeline(workspace)


def _cycle(world: World, **overrides: Any) -> Cycle:
    return services.cycle_create(
        actor=world.coordinator_a, consortium=world.consortium_a, data={**DATA, **overrides}
    )


def test_cycles_are_numbered_linked_and_the_next_step_is_carried_forward(world: World) -> None:
    first = _cycle(world)
    initial = services.next_cycle_initial(world.consortium_a)
    assert initial["plan_change"] == DATA["reflect_next"]
    second = _cycle(world, plan_change=initial["plan_change"], reflect_next="")
    assert (first.number, second.number) == (1, 2)
    assert second.previous == first
    timeline = _timeline(world)
    assert [entry.carried_forward for entry in timeline] == [False, True]


def test_every_change_is_kept_with_who_when_and_old_to_new(world: World) -> None:
    cycle = _cycle(world)
    services.cycle_update(
        actor=world.member_a,
        cycle=cycle,
        data={**DATA, "observe": "Twee van de vier werknemers gingen meelopen."},
        version=cycle.version,
    )
    changes = list(RecordChange.objects.filter(record_type="cycle", record_id=cycle.pk))
    assert [c.action for c in changes] == ["changed", "created"]
    assert changes[0].actor == world.member_a
    assert changes[0].changes == {
        "observe": [
            "Drie van de vier werknemers gingen meelopen.",
            "Twee van de vier werknemers gingen meelopen.",
        ]
    }
    client = Client()
    client.force_login(world.coordinator_a)
    html = client.get(
        reverse("action_research:cycle_detail", args=[world.consortium_a.slug, cycle.number])
    ).content.decode()
    assert "<del>Drie van de vier" in html
    assert "<ins>Twee van de vier" in html


def test_a_second_editor_cannot_silently_overwrite_the_first(world: World) -> None:
    cycle = _cycle(world)
    read_version = cycle.version
    services.cycle_update(
        actor=world.member_a,
        cycle=cycle,
        data={**DATA, "act": "Eerste wijziging."},
        version=read_version,
    )
    with pytest.raises(services.StaleEditError):
        services.cycle_update(
            actor=world.coordinator_a,
            cycle=cycle,
            data={**DATA, "act": "Tweede wijziging over de eerste heen."},
            version=read_version,
        )
    cycle.refresh_from_db()
    assert cycle.act == "Eerste wijziging."
    assert (
        RecordChange.objects.filter(
            record_type="cycle", record_id=cycle.pk, action="changed"
        ).count()
        == 1
    )

    # Through the form: a clear message, status 409, nothing saved.
    client = Client()
    client.force_login(world.coordinator_a)
    url = reverse("action_research:cycle_edit", args=[world.consortium_a.slug, cycle.number])
    post = {
        **{k: v for k, v in DATA.items() if not isinstance(v, list)},
        "act": "Nog een poging.",
        "version": str(read_version),
    }
    response = client.post(url, post)
    assert response.status_code == 409
    assert (
        "Iemand anders" in response.content.decode() or "Someone else" in response.content.decode()
    )
    cycle.refresh_from_db()
    assert cycle.act == "Eerste wijziging."


@pytest.mark.parametrize(
    ("field", "text"),
    [
        ("observe", "Mevrouw (BSN 111222333) ging meelopen."),
        ("act", "Mail de coach op coach@voorbeeld.nl."),
        ("reflect_learned", "Bel 06-12345678 voor het verslag."),
    ],
)
def test_personal_data_in_a_cycle_is_refused_and_nothing_is_saved(
    world: World, field: str, text: str
) -> None:
    with pytest.raises(ValidationError) as error:
        _cycle(world, **{field: text})
    assert field in error.value.message_dict
    assert Cycle.objects.count() == 0
    assert RecordChange.objects.count() == 0


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"plan_question": ""}, "plan_question"),
        ({"period_start": "gisteren"}, "period_start"),
        ({"period_start": "2026-05-01", "period_end": "2026-04-01"}, "period_end"),
        ({"participant_roles": ["directeur"]}, "participant_roles"),
        ({"constructs": ["<script>"]}, "constructs"),
        ({"plan_change": "x" * 5000}, "plan_change"),
        ({"observe": "Bel 0612345678 even."}, "observe"),
    ],
)
def test_bad_cycle_input_gives_a_clear_error_and_saves_nothing(
    world: World, overrides: dict[str, Any], field: str
) -> None:
    post: dict[str, Any] = {
        "period_start": "2026-02-02",
        "plan_question": "Werkt het?",
        "plan_change": "Iets anders doen.",
    }
    post.update(overrides)
    client = Client()
    client.force_login(world.member_a)
    response = client.post(
        reverse("action_research:cycle_create", args=[world.consortium_a.slug]), post
    )
    assert response.status_code == 400
    assert f"id_{field}_errors" in response.content.decode()
    assert Cycle.objects.count() == 0
    assert RecordChange.objects.count() == 0


def test_a_member_logs_a_cycle_through_the_form(world: World) -> None:
    client = Client()
    client.force_login(world.member_a)
    url = reverse("action_research:cycle_create", args=[world.consortium_a.slug])
    response = client.post(
        url,
        {
            "period_start": "2026-02-02",
            "plan_question": "Werkt het?",
            "plan_change": "Iets anders doen.",
            "participant_roles": ["werkgever", "ervaringsdeskundige"],
        },
    )
    assert response.status_code == 302
    cycle = Cycle.objects.get()
    assert cycle.participant_roles == ["werkgever", "ervaringsdeskundige"]
    workspace = client.get(reverse("action_research:workspace", args=[world.consortium_a.slug]))
    assert "Werkt het?" in workspace.content.decode()


def test_a_consortium_observer_reads_but_does_not_write(world: World) -> None:
    observer = MembershipFactory(consortium=world.consortium_a, role=ConsortiumRole.OBSERVER).user
    cycle = _cycle(world)
    client = Client()
    client.force_login(observer)
    slug = world.consortium_a.slug
    assert client.get(reverse("action_research:workspace", args=[slug])).status_code == 200
    assert client.get(reverse("action_research:cycle_create", args=[slug])).status_code == 403
    edit = reverse("action_research:cycle_edit", args=[slug, cycle.number])
    assert client.post(edit, {"plan_question": "Gewijzigd"}).status_code == 403
    with pytest.raises(PermissionError):
        services.cycle_update(actor=observer, cycle=cycle, data=DATA, version=cycle.version)


def test_another_consortium_cannot_reach_these_cycles_even_through_its_own_address(
    world: World,
) -> None:
    cycle = _cycle(world)
    client = Client()
    client.force_login(world.member_b)
    for slug in (world.consortium_a.slug, world.consortium_b.slug):
        url = reverse("action_research:cycle_detail", args=[slug, cycle.number])
        assert client.get(url).status_code == 404
    with pytest.raises(PermissionError):
        services.cycle_update(actor=world.member_b, cycle=cycle, data=DATA, version=cycle.version)


def test_a_closed_cycle_reopens_only_with_a_reason_kept_in_its_history(world: World) -> None:
    cycle = services.cycle_close(actor=world.member_a, cycle=_cycle(world))
    assert cycle.status == "gesloten"
    client = Client()
    client.force_login(world.member_a)
    url = reverse("action_research:cycle_reopen", args=[world.consortium_a.slug, cycle.number])
    for bad in ("", "   ", "x" * 600, "Bel de coach op 06-12345678"):
        response = client.post(url, {"reason": bad})
        assert response.status_code == 400, bad
        assert "id_reason_errors" in response.content.decode()
    cycle.refresh_from_db()
    assert cycle.status == "gesloten"
    response = client.post(url, {"reason": "De werkgever wil nog een gesprek."})
    assert response.status_code == 302
    cycle.refresh_from_db()
    assert cycle.status == "open"
    reopened = RecordChange.objects.get(record_type="cycle", record_id=cycle.pk, action="reopened")
    assert reopened.reason == "De werkgever wil nog een gesprek."
    assert reopened.actor == world.member_a


def test_a_removed_cycle_leaves_the_timeline_and_only_a_coordinator_restores_it(
    world: World,
) -> None:
    cycle = _cycle(world)
    services.cycle_delete(actor=world.member_a, cycle=cycle)
    assert _timeline(world) == []
    assert Cycle.objects.filter(pk=cycle.pk).exists()  # soft: nothing is lost
    with pytest.raises(PermissionError):
        services.cycle_restore(actor=world.member_a, cycle=cycle)
    client = Client()
    client.force_login(world.coordinator_a)
    workspace = reverse("action_research:workspace", args=[world.consortium_a.slug])
    assert "deleted-heading" in client.get(workspace).content.decode()
    response = client.post(
        reverse("action_research:cycle_restore", args=[world.consortium_a.slug, cycle.number])
    )
    assert response.status_code == 302
    assert len(_timeline(world)) == 1
    actions = list(
        RecordChange.objects.filter(record_type="cycle", record_id=cycle.pk).values_list(
            "action", flat=True
        )
    )
    assert actions == ["restored", "deleted", "created"]
    # A removed cycle's pages are gone for everyone until it is restored.
    services.cycle_delete(actor=world.member_a, cycle=cycle)
    detail = reverse("action_research:cycle_detail", args=[world.consortium_a.slug, cycle.number])
    assert client.get(detail).status_code == 404
