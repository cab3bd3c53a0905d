"""The history guard (no write to a research record escapes its history), the append-only
history itself, and soft delete and restore of any record, by service and over HTTP."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from action_research import selectors, services
from action_research.models import (
    RECORD_TYPES,
    CostItem,
    HistoryBypassError,
    ProcessEvaluation,
    RecordChange,
    ResearchRecord,
    ResearchRecordQuerySet,
    Trajectory,
)
from tests.action_research.helpers import (
    client_for,
    db_state,
    history_actions,
    make_cost,
    make_process,
    make_trajectory,
    url,
)
from tests.conftest import World

pytestmark = pytest.mark.django_db


@pytest.fixture
def records(world: World) -> dict[str, ResearchRecord]:
    """One live record of every research-record type in consortium A, made through services."""
    cycle = services.cycle_create(
        actor=world.member_a,
        consortium=world.consortium_a,
        data={
            "period_start": datetime.date(2026, 2, 2),
            "plan_question": "Werkt een kennismakingsgesprek?",
            "plan_change": "Een gesprek in week 30.",
        },
    )
    attachment = services.attachment_add(
        actor=world.member_a,
        cycle=cycle,
        upload=SimpleUploadedFile("verslag.txt", b"Verslag van de bijeenkomst.\n"),
    )
    expert = services.expert_create(
        actor=world.member_a,
        consortium=world.consortium_a,
        data={"label": "Ervaringsdeskundige A", "levels": {"voorbereiding": 3}},
    )
    expert_input = services.expert_input_create(
        actor=world.member_a,
        consortium=world.consortium_a,
        data={
            "phase": "voorbereiding",
            "date": datetime.date(2026, 1, 20),
            "channel": "overleg",
            "expert": expert,
            "brought_in": "Begin het gesprek op de werkplek.",
        },
    )
    made: dict[str, ResearchRecord] = {
        "cycle": cycle,
        "cycleattachment": attachment,
        "processevaluation": make_process(world),
        "trajectory": make_trajectory(world),
        "costitem": make_cost(world),
        "expert": expert,
        "expertinput": expert_input,
    }
    made["project"] = cycle.project
    assert set(made) == set(RECORD_TYPES)
    return made


def _fresh(record: ResearchRecord) -> ResearchRecord:
    return type(record).objects.get(pk=record.pk)


# --- the guard --------------------------------------------------------------------------------


@pytest.mark.parametrize("record_type", sorted(RECORD_TYPES))
def test_the_base_manager_refuses_bulk_writes_too(world: World, record_type: str) -> None:
    """Django's internal manager (_base_manager) must not be a way around the history."""
    model = RECORD_TYPES[record_type]
    with pytest.raises(HistoryBypassError):
        model._base_manager.filter(pk=0).update(version=99)
    with pytest.raises(HistoryBypassError):
        RecordChange._base_manager.filter(pk=0).update(reason="x")


def test_every_record_type_has_the_guarded_queryset_as_its_default_manager() -> None:
    assert len(RECORD_TYPES) >= 8
    for name, model in RECORD_TYPES.items():
        assert issubclass(model, ResearchRecord), name
        assert isinstance(model._default_manager.all(), ResearchRecordQuerySet), name
        assert isinstance(model.objects.all(), ResearchRecordQuerySet), name


@pytest.mark.parametrize("record_type", sorted(RECORD_TYPES))
def test_queryset_update_of_a_record_type_is_refused_and_nothing_changes(
    records: dict[str, ResearchRecord], record_type: str
) -> None:
    model = RECORD_TYPES[record_type]
    before = db_state()
    with pytest.raises(HistoryBypassError):
        model.objects.filter(pk=records[record_type].pk).update(version=99)
    with pytest.raises(HistoryBypassError):
        model.objects.all().update(is_deleted=True)
    assert db_state() == before


@pytest.mark.parametrize("record_type", sorted(RECORD_TYPES))
def test_bulk_create_and_bulk_update_of_a_record_type_are_refused_and_nothing_changes(
    records: dict[str, ResearchRecord], record_type: str
) -> None:
    model = RECORD_TYPES[record_type]
    record = _fresh(records[record_type])
    before = db_state()
    with pytest.raises(HistoryBypassError):
        model.objects.bulk_create([model()])
    record.version = 99
    with pytest.raises(HistoryBypassError):
        model.objects.bulk_update([record], ["version"])
    assert db_state() == before


@pytest.mark.parametrize("record_type", sorted(RECORD_TYPES))
def test_queryset_delete_of_a_record_type_is_refused_and_nothing_is_deleted(
    records: dict[str, ResearchRecord], record_type: str
) -> None:
    model = RECORD_TYPES[record_type]
    before = db_state()
    with pytest.raises(HistoryBypassError):
        model.objects.filter(pk=records[record_type].pk).delete()
    with pytest.raises(HistoryBypassError):
        model.objects.all().delete()
    assert db_state() == before


@pytest.mark.parametrize("record_type", sorted(RECORD_TYPES))
def test_saving_or_deleting_an_instance_directly_is_refused_and_nothing_changes(
    records: dict[str, ResearchRecord], record_type: str
) -> None:
    model = RECORD_TYPES[record_type]
    record = _fresh(records[record_type])
    before = db_state()
    record.version = 99
    with pytest.raises(HistoryBypassError):
        record.save()
    with pytest.raises(HistoryBypassError):
        record.save(update_fields=["version"])
    with pytest.raises(HistoryBypassError):
        record.delete()
    with pytest.raises(HistoryBypassError):
        model().save()
    with pytest.raises(HistoryBypassError):
        model.objects.create()
    assert db_state() == before
    assert _fresh(record).version == records[record_type].version


def test_history_rows_are_never_changed_or_removed(records: dict[str, ResearchRecord]) -> None:
    change = RecordChange.objects.order_by("pk").first()
    assert change is not None
    before = db_state()
    snapshot = list(RecordChange.objects.values_list("pk", "action", "changes", "actor_id"))
    with pytest.raises(HistoryBypassError):
        RecordChange.objects.filter(pk=change.pk).update(action="deleted")
    with pytest.raises(HistoryBypassError):
        RecordChange.objects.all().delete()
    change.action = "deleted"
    with pytest.raises(HistoryBypassError):
        change.save()
    with pytest.raises(HistoryBypassError):
        change.delete()
    with pytest.raises(HistoryBypassError):
        RecordChange.objects.bulk_update([change], ["action"])
    with pytest.raises(HistoryBypassError):
        RecordChange.objects.create(
            record_type="trajectory",
            record_id=1,
            consortium=change.consortium,
            action="created",
            actor=change.actor,
        )
    assert db_state() == before
    assert list(RecordChange.objects.values_list("pk", "action", "changes", "actor_id")) == snapshot


# --- soft delete and restore through the services ----------------------------------------------


def _alive_in_lists(world: World, record: ResearchRecord) -> bool:
    ws = selectors.workspace_get(viewer=world.coordinator_a, slug=world.consortium_a.slug)
    lists: dict[type[ResearchRecord], Any] = {
        ProcessEvaluation: selectors.process_evaluations(ws),
        CostItem: selectors.costs(ws),
        Trajectory: selectors.trajectories(ws),
    }
    return record.pk in [item.pk for item in lists[type(record)]]


MAKERS = {
    "processevaluation": make_process,
    "costitem": make_cost,
    "trajectory": make_trajectory,
}


@pytest.mark.parametrize("record_type", sorted(MAKERS))
def test_a_removed_record_leaves_its_list_and_a_coordinator_restores_it_with_history(
    world: World, record_type: str
) -> None:
    record = MAKERS[record_type](world)
    assert _alive_in_lists(world, record)

    removed = services.record_delete(actor=world.member_a, record=record)
    assert removed.is_deleted
    assert not _alive_in_lists(world, record)
    assert type(record).objects.filter(pk=record.pk).exists()  # soft: nothing is lost
    deleted = RecordChange.objects.get(
        record_type=record_type, record_id=record.pk, action="deleted"
    )
    assert deleted.actor == world.member_a
    assert deleted.changes == {"is_deleted": [False, True]}

    restored = services.record_restore(actor=world.coordinator_a, record=removed)
    assert not restored.is_deleted
    assert _alive_in_lists(world, record)
    entry = RecordChange.objects.get(
        record_type=record_type, record_id=record.pk, action="restored"
    )
    assert entry.actor == world.coordinator_a
    assert entry.changes == {"is_deleted": [True, False]}
    assert history_actions(record) == ["restored", "deleted", "created"]


@pytest.mark.parametrize("record_type", sorted(MAKERS))
def test_a_practitioner_cannot_restore_and_nothing_changes(world: World, record_type: str) -> None:
    record = services.record_delete(actor=world.member_a, record=MAKERS[record_type](world))
    before = db_state()
    with pytest.raises(PermissionError):
        services.record_restore(actor=world.member_a, record=record)
    with pytest.raises(PermissionError):
        services.record_restore(actor=world.member_b, record=record)
    assert db_state() == before
    assert not _alive_in_lists(world, record)


def test_programme_staff_restore_a_removed_record(world: World) -> None:
    record = services.record_delete(actor=world.member_a, record=make_cost(world))
    services.record_restore(actor=world.staff, record=record)
    assert _alive_in_lists(world, record)
    assert history_actions(record)[0] == "restored"


def test_another_consortium_and_an_observer_cannot_remove_a_record(world: World) -> None:
    record = make_cost(world)
    before = db_state()
    for intruder in (world.member_b, world.observer, world.committee):
        with pytest.raises(PermissionError):
            services.record_delete(actor=intruder, record=record)
    assert db_state() == before


def test_a_process_period_taken_meanwhile_cannot_be_restored_and_nothing_changes(
    world: World,
) -> None:
    first = services.record_delete(actor=world.member_a, record=make_process(world))
    make_process(world, period="2026")  # overlaps 2026-Q1
    before = db_state()
    with pytest.raises(ValidationError) as error:
        services.record_restore(actor=world.coordinator_a, record=first)
    assert "period" in error.value.message_dict
    assert db_state() == before
    assert ProcessEvaluation.objects.get(pk=first.pk).is_deleted


def test_a_cost_recorded_again_meanwhile_cannot_be_restored(world: World) -> None:
    first = services.record_delete(actor=world.member_a, record=make_cost(world))
    make_cost(world)
    before = db_state()
    with pytest.raises(ValidationError) as error:
        services.record_restore(actor=world.coordinator_a, record=first)
    assert "description" in error.value.message_dict
    assert db_state() == before


def test_removing_a_record_twice_is_a_stale_edit_and_writes_nothing(world: World) -> None:
    record = make_cost(world)
    services.record_delete(actor=world.member_a, record=record)
    before = db_state()
    with pytest.raises(services.StaleEditError):
        services.record_delete(actor=world.member_a, record=record)
    assert db_state() == before


# --- the same over HTTP ------------------------------------------------------------------------


def test_removing_through_the_page_takes_the_record_out_of_its_list(world: World) -> None:
    evaluation = make_process(world)
    slug = world.consortium_a.slug
    detail = url("process_detail", slug, evaluation.pk)
    client = client_for(world.member_a)
    assert detail in client.get(url("process_list", slug)).content.decode()

    response = client.post(
        url("record_delete", slug, "processevaluation", evaluation.pk),
        {"next": url("process_list", slug)},
    )
    assert response.status_code == 302
    assert response["Location"] == url("process_list", slug)
    assert detail not in client.get(url("process_list", slug)).content.decode()
    assert client.get(detail).status_code == 404
    assert history_actions(evaluation) == ["deleted", "created"]


def test_only_coordinators_see_removed_records_and_restore_them_over_http(world: World) -> None:
    trajectory = services.record_delete(actor=world.member_a, record=make_trajectory(world))
    slug = world.consortium_a.slug
    restore = url("record_restore", slug, "trajectory", trajectory.pk)

    practitioner = client_for(world.member_a)
    assert practitioner.get(url("removed", slug)).status_code == 403
    before = db_state()
    assert practitioner.post(restore).status_code == 403
    assert db_state() == before

    coordinator = client_for(world.coordinator_a)
    page = coordinator.get(url("removed", slug))
    assert page.status_code == 200
    assert restore in page.content.decode()
    assert url("record_history", slug, "trajectory", trajectory.pk) in page.content.decode()

    response = coordinator.post(restore)
    assert response.status_code == 302
    assert response["Location"] == url("removed", slug)
    assert not Trajectory.objects.get(pk=trajectory.pk).is_deleted
    assert restore not in coordinator.get(url("removed", slug)).content.decode()
    assert history_actions(trajectory) == ["restored", "deleted", "created"]


def test_a_refused_restore_over_http_changes_nothing(world: World) -> None:
    first = services.record_delete(actor=world.member_a, record=make_process(world))
    make_process(world, period="2026-H1")
    before = db_state()
    response = client_for(world.coordinator_a).post(
        url("record_restore", world.consortium_a.slug, "processevaluation", first.pk)
    )
    assert response.status_code == 302
    assert db_state() == before


def test_the_history_page_shows_every_entry_of_a_removed_record(world: World) -> None:
    cost = make_cost(world)
    services.cost_update(
        actor=world.coordinator_a,
        cost=cost,
        data={"description": "Loopbaancoaching in groepen"},
        version=cost.version,
    )
    services.record_delete(actor=world.member_a, record=cost)
    response = client_for(world.coordinator_a).get(
        url("record_history", world.consortium_a.slug, "costitem", cost.pk)
    )
    assert response.status_code == 200
    html = response.content.decode()
    changes = RecordChange.objects.filter(record_type="costitem", record_id=cost.pk)
    assert [c.action for c in changes] == ["deleted", "changed", "created"]
    for change in changes:
        assert f'datetime="{timezone.localtime(change.at).isoformat()}"' in html
    assert "<del>Loopbaancoaching</del>" in html
    assert "<ins>Loopbaancoaching in groepen</ins>" in html
    assert world.member_a.public_name in html


def test_another_consortium_gets_404_for_the_history_and_the_remove_button(world: World) -> None:
    cost = make_cost(world)
    client = client_for(world.member_b)
    before = db_state()
    for slug in (world.consortium_a.slug, world.consortium_b.slug):
        assert client.get(url("record_history", slug, "costitem", cost.pk)).status_code == 404
        assert client.post(url("record_delete", slug, "costitem", cost.pk)).status_code == 404
    assert db_state() == before


def test_next_pointing_to_another_site_is_not_followed(world: World) -> None:
    cost = make_cost(world)
    slug = world.consortium_a.slug
    for target in ("https://evil.example/", "//evil.example/", "https:evil.example"):
        record = make_cost(world, description=f"Coaching {target}")
        response = client_for(world.member_a).post(
            url("record_delete", slug, "costitem", record.pk), {"next": target}
        )
        assert response.status_code == 302
        assert "evil.example" not in response["Location"]
        assert response["Location"] == url("workspace", slug)
    assert not CostItem.objects.get(pk=cost.pk).is_deleted


def test_a_project_cannot_be_removed_over_http(world: World, records: dict[str, Any]) -> None:
    project = records["project"]
    before = db_state()
    response = client_for(world.coordinator_a).post(
        url("record_delete", world.consortium_a.slug, "project", project.pk)
    )
    assert response.status_code == 403
    assert db_state() == before
