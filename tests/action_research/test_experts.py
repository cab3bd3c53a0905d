"""Experience-expert involvement: levels per phase, the participation matrix, inputs, the GRIPP2
report, and which sections the consortium shares with its experience experts."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from accounts.models import ConsortiumRole, User
from action_research import selectors, services
from action_research.models import Expert, ExpertInput, InvolvementLevel, RecordChange
from tests.action_research.helpers import (
    COST,
    PROCESS,
    client_for,
    db_state,
    make_cost,
    make_process,
    make_trajectory,
    url,
)
from tests.conftest import World
from tests.factories import MembershipFactory

pytestmark = pytest.mark.django_db

INPUT: dict[str, Any] = {
    "phase": "voorbereiding",
    "date": datetime.date(2026, 1, 20),
    "channel": "overleg",
    "brought_in": "Begin het gesprek op de werkplek, niet op kantoor.",
}


def _expert(world: World, label: str = "Ervaringsdeskundige A", **levels: int) -> Expert:
    return services.expert_create(
        actor=world.member_a,
        consortium=world.consortium_a,
        data={"label": label, "background": "Via de patiëntenvereniging", "levels": levels},
    )


def _input(world: World, **overrides: Any) -> ExpertInput:
    return services.expert_input_create(
        actor=world.member_a, consortium=world.consortium_a, data={**INPUT, **overrides}
    )


def _workspace(world: World, viewer: User | None = None) -> selectors.Workspace:
    return selectors.workspace_get(viewer=viewer or world.member_a, slug=world.consortium_a.slug)


def _set_phase(world: World, phase: str) -> None:
    services.project_update(
        actor=world.coordinator_a,
        consortium=world.consortium_a,
        data={"phase": phase},
        version=None,
    )


# --- experts ------------------------------------------------------------------------------------


def test_an_expert_is_kept_with_a_level_per_phase_and_its_history(world: World) -> None:
    expert = _expert(world, voorbereiding=3, ontwikkeling=5)
    expert.refresh_from_db()
    assert expert.levels == {"voorbereiding": 3, "ontwikkeling": 5}
    assert expert.level_in("ontwikkeling") == 5
    assert expert.level_in("uitvoering") is None
    changed = services.expert_update(
        actor=world.coordinator_a,
        expert=expert,
        data={"label": expert.label, "levels": {"voorbereiding": 4}},
        version=expert.version,
    )
    assert changed.levels == {"voorbereiding": 4}
    change = RecordChange.objects.get(record_type="expert", record_id=expert.pk, action="changed")
    assert change.changes == {
        "levels": [{"voorbereiding": 3, "ontwikkeling": 5}, {"voorbereiding": 4}]
    }


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"levels": {"maanlanding": 3}}, "levels"),
        ({"levels": {"voorbereiding": 6}}, "levels"),
        ({"levels": {"voorbereiding": 0}}, "levels"),
        ({"levels": {"voorbereiding": "drie"}}, "levels"),
        ({"levels": ["voorbereiding"]}, "levels"),
        ({"label": ""}, "label"),
        ({"label": "Jan (jan@voorbeeld.nl)"}, "label"),
        ({"background": "Bereikbaar op 06-12345678"}, "background"),
    ],
)
def test_an_impossible_expert_is_refused_and_nothing_is_saved(
    world: World, data: dict[str, Any], field: str
) -> None:
    before = db_state()
    with pytest.raises(ValidationError) as error:
        services.expert_create(
            actor=world.member_a,
            consortium=world.consortium_a,
            data={"label": "Ervaringsdeskundige A", "levels": {}, **data},
        )
    assert field in error.value.message_dict
    assert db_state() == before


@pytest.mark.parametrize(
    "label", ["Ervaringsdeskundige A", "ervaringsdeskundige a", " ERVARINGSDESKUNDIGE A"]
)
def test_a_second_expert_with_the_same_label_is_refused(world: World, label: str) -> None:
    _expert(world)
    before = db_state()
    with pytest.raises(ValidationError) as error:
        _expert(world, label=label)
    assert "label" in error.value.message_dict
    assert db_state() == before


def test_a_label_of_a_removed_expert_may_be_used_again(world: World) -> None:
    services.record_delete(actor=world.member_a, record=_expert(world))
    assert _expert(world).label == "Ervaringsdeskundige A"


def test_an_expert_is_added_through_the_form(world: World) -> None:
    client = client_for(world.member_a)
    slug = world.consortium_a.slug
    assert client.get(url("expert_create", slug)).status_code == 200
    response = client.post(
        url("expert_create", slug),
        {
            "label": "Ervaringsdeskundige B",
            "background": "Eigen 2e-spoortraject in 2022",
            "level_voorbereiding": "2",
            "level_ontwikkeling": "5",
            "level_uitvoering": "",
        },
    )
    assert response.status_code == 302
    assert response["Location"] == url("expert_overview", slug)
    assert Expert.objects.get().levels == {"voorbereiding": 2, "ontwikkeling": 5}


@pytest.mark.parametrize(
    ("post", "field"),
    [
        ({"label": "Ervaringsdeskundige A"}, "label"),  # taken
        ({"label": ""}, "label"),
        ({"level_voorbereiding": "9"}, "level_voorbereiding"),
        ({"background": "BSN 111222333"}, "background"),
    ],
)
def test_bad_expert_input_in_the_form_is_shown_at_its_field_and_nothing_is_saved(
    world: World, post: dict[str, str], field: str
) -> None:
    _expert(world)
    before = db_state()
    response = client_for(world.member_a).post(
        url("expert_create", world.consortium_a.slug), {"label": "Ervaringsdeskundige B", **post}
    )
    assert response.status_code == 400
    assert f"id_{field}_errors" in response.content.decode()
    assert db_state() == before


# --- the participation matrix -------------------------------------------------------------------


def test_the_phases_reached_follow_the_project_phase_and_missing_ones_are_named(
    world: World,
) -> None:
    _expert(world, voorbereiding=3)
    _expert(world, label="Ervaringsdeskundige B", voorbereiding=5, evaluatie=2)

    matrix = selectors.participation_matrix(_workspace(world))  # development phase
    assert [c.phase for c in matrix.phases if c.reached] == ["voorbereiding", "ontwikkeling"]
    assert [c.phase for c in matrix.missing] == ["ontwikkeling"]
    assert not matrix.complete
    assert [c.involved for c in matrix.phases] == [2, 0, 0, 1, 0]
    assert matrix.phases[0].highest == str(InvolvementLevel.CO_PRODUCING.label)

    _set_phase(world, "uitvoeringsfase")
    matrix = selectors.participation_matrix(_workspace(world))
    assert [c.phase for c in matrix.missing] == ["ontwikkeling", "uitvoering"]

    _set_phase(world, "afgerond")
    matrix = selectors.participation_matrix(_workspace(world))
    assert all(c.reached for c in matrix.phases)
    assert [c.phase for c in matrix.missing] == ["ontwikkeling", "uitvoering", "verspreiding"]

    _expert(world, label="Ervaringsdeskundige C", ontwikkeling=1, uitvoering=2, verspreiding=4)
    matrix = selectors.participation_matrix(_workspace(world))
    assert matrix.missing == []
    assert matrix.complete


def test_the_matrix_shows_levels_per_expert_and_inputs_per_phase(world: World) -> None:
    a = _expert(world, voorbereiding=3)
    b = _expert(world, label="Ervaringsdeskundige B", voorbereiding=5, ontwikkeling=1)
    removed = _expert(world, label="Ervaringsdeskundige C", uitvoering=5)
    services.record_delete(actor=world.member_a, record=removed)
    _input(world, expert=a)
    _input(world)
    _input(world, phase="ontwikkeling")
    matrix = selectors.participation_matrix(_workspace(world))
    labels = dict(InvolvementLevel.choices)
    assert matrix.rows == [
        (a, [str(labels[3]), "", "", "", ""]),
        (b, [str(labels[5]), str(labels[1]), "", "", ""]),
    ]
    assert [c.highest for c in matrix.phases] == [str(labels[5]), str(labels[1]), "", "", ""]
    assert [c.inputs for c in matrix.phases] == [2, 1, 0, 0, 0]
    assert [c.involved for c in matrix.phases] == [2, 1, 0, 0, 0]  # the removed expert not


# --- inputs -------------------------------------------------------------------------------------


def test_an_input_is_recorded_anonymously_or_linked_to_an_expert_and_a_cycle(
    world: World,
) -> None:
    cycle = services.cycle_create(
        actor=world.member_a,
        consortium=world.consortium_a,
        data={
            "period_start": datetime.date(2026, 1, 5),
            "plan_question": "Werkt het?",
            "plan_change": "Iets anders doen.",
        },
    )
    expert = _expert(world, voorbereiding=3)
    anonymous = _input(world)
    assert anonymous.expert is None
    assert anonymous.expert_label == ""
    linked = _input(
        world,
        expert=expert,
        cycle=cycle,
        response="deels-overgenomen",
        done_with_it="Het tweede gesprek vindt op de werkplek plaats.",
    )
    assert (linked.expert_label, linked.cycle_number) == (expert.label, cycle.number)
    created = RecordChange.objects.get(record_type="expertinput", record_id=linked.pk)
    assert created.changes["expert_label"] == [None, expert.label]
    assert created.changes["cycle_number"] == [None, cycle.number]
    page = client_for(world.member_a).get(url("cycle_detail", world.consortium_a.slug, 1))
    assert 'id="inputs-heading"' in page.content.decode()
    assert INPUT["brought_in"] in page.content.decode()


def _bad_inputs(world: World) -> list[tuple[dict[str, Any], str]]:
    other_expert = services.expert_create(
        actor=world.member_b, consortium=world.consortium_b, data={"label": "Deskundige B"}
    )
    other_cycle = services.cycle_create(
        actor=world.member_b,
        consortium=world.consortium_b,
        data={
            "period_start": datetime.date(2026, 1, 5),
            "plan_question": "Werkt het?",
            "plan_change": "Iets anders doen.",
        },
    )
    return [
        ({"response": "overgenomen"}, "done_with_it"),
        ({"response": "niet-overgenomen", "done_with_it": "  "}, "done_with_it"),
        ({"response": "misschien", "done_with_it": "x"}, "response"),
        ({"phase": "maanlanding"}, "phase"),
        ({"channel": "telepathie"}, "channel"),
        ({"date": timezone.localdate() + datetime.timedelta(days=2)}, "date"),
        ({"brought_in": ""}, "brought_in"),
        ({"brought_in": "Mail mij op jan@voorbeeld.nl"}, "brought_in"),
        ({"done_with_it": "Gebeld op 06-12345678"}, "done_with_it"),
        ({"expert": other_expert}, "expert"),
        ({"cycle": other_cycle}, "cycle"),
    ]


@pytest.mark.parametrize("case", range(11))
def test_an_impossible_input_is_refused_and_nothing_is_saved(world: World, case: int) -> None:
    overrides, field = _bad_inputs(world)[case]
    before = db_state()
    with pytest.raises(ValidationError) as error:
        _input(world, **overrides)
    assert field in error.value.message_dict, error.value.message_dict
    assert db_state() == before


def test_saying_what_was_done_with_an_input_is_kept_in_history(world: World) -> None:
    item = _input(world)
    services.expert_input_update(
        actor=world.coordinator_a,
        expert_input=item,
        data={**INPUT, "response": "overgenomen", "done_with_it": "Zo gedaan vanaf cyclus 2."},
        version=item.version,
    )
    change = RecordChange.objects.get(
        record_type="expertinput", record_id=item.pk, action="changed"
    )
    assert change.changes == {
        "response": ["open", "overgenomen"],
        "done_with_it": ["", "Zo gedaan vanaf cyclus 2."],
    }


def test_the_gripp2_report_and_its_text_download_hold_the_logged_inputs(world: World) -> None:
    services.project_update(
        actor=world.coordinator_a,
        consortium=world.consortium_a,
        data={"involvement_aim": "Ervaringsdeskundigen denken mee in elke fase."},
        version=None,
    )
    expert = _expert(world, voorbereiding=4)
    _input(world, expert=expert)
    _input(
        world,
        phase="ontwikkeling",
        brought_in="Gebruik geen vakjargon in de uitnodiging.",
        response="overgenomen",
        done_with_it="De uitnodiging is herschreven.",
    )
    client = client_for(world.member_a)
    page = client.get(url("gripp2", world.consortium_a.slug))
    assert page.status_code == 200
    html = page.content.decode()
    assert INPUT["brought_in"] in html
    assert "Gebruik geen vakjargon in de uitnodiging." in html

    download = client.get(url("gripp2", world.consortium_a.slug), {"formaat": "tekst"})
    assert download.status_code == 200
    assert download["Content-Type"].startswith("text/plain")
    assert download["Content-Disposition"].startswith("attachment;")
    assert f"gripp2-sf-{world.consortium_a.slug}.txt" in download["Content-Disposition"]
    text = download.content.decode("utf-8")
    assert INPUT["brought_in"] in text
    assert "Gebruik geen vakjargon in de uitnodiging." in text
    assert "De uitnodiging is herschreven." in text
    assert "Ervaringsdeskundigen denken mee in elke fase." in text

    report = selectors.gripp2_report(_workspace(world))
    assert report.experts == 1
    assert report.anonymous_inputs == 1
    assert [len(items) for _label, items in report.inputs_by_phase] == [1, 1]


def test_another_consortium_gets_404_for_the_gripp2_report(world: World) -> None:
    _input(world)
    client = client_for(world.member_b)
    assert client.get(url("gripp2", world.consortium_a.slug)).status_code == 404
    assert client.get(url("expert_overview", world.consortium_a.slug)).status_code == 404


# --- what experience experts and observers of the consortium see --------------------------------


def _member(world: World, role: str) -> User:
    return MembershipFactory(consortium=world.consortium_a, role=role).user


def _status(user: User, name: str, *args: Any) -> int:
    return client_for(user).get(url(name, *args)).status_code


def test_experience_experts_see_the_shared_sections_only_until_more_is_shared(
    world: World,
) -> None:
    make_trajectory(world)
    make_cost(world)
    make_process(world)
    expert = _member(world, ConsortiumRole.EXPERIENCE_EXPERT)
    slug = world.consortium_a.slug
    for name in ("workspace", "expert_overview", "process_list", "gripp2", "activity"):
        assert _status(expert, name, slug) == 200, name
    assert _status(expert, "export", slug, "procesevaluatie", "csv") == 200
    for name, args in [
        ("trajectory_list", ()),
        ("cost_list", ()),
        ("follow_ups", ()),
        ("codes", ()),
        ("codes_download", ()),
        ("export", ("trajecten", "csv")),
        ("export", ("trajecten", "xlsx")),
        ("export", ("kosten", "csv")),
        ("export", ("kosten", "xlsx")),
        ("import_upload", ("trajecten",)),
        ("import_template", ("kosten", "xlsx")),
    ]:
        assert _status(expert, name, slug, *args) == 403, name
    with pytest.raises(PermissionError):
        make_trajectory(world, actor=expert)

    services.project_update(
        actor=world.coordinator_a,
        consortium=world.consortium_a,
        data={"shared_with_experts": ["cycles", "process", "experts", "trajectories"]},
        version=None,
    )
    assert _status(expert, "trajectory_list", slug) == 200
    assert _status(expert, "export", slug, "trajecten", "csv") == 200
    assert _status(expert, "export", slug, "trajecten", "xlsx") == 200
    assert _status(expert, "cost_list", slug) == 403
    assert _status(expert, "export", slug, "kosten", "csv") == 403
    assert make_trajectory(world, actor=expert).pk is not None


def test_the_coordinator_shares_sections_through_the_project_form(world: World) -> None:
    expert = _member(world, ConsortiumRole.EXPERIENCE_EXPERT)
    slug = world.consortium_a.slug
    assert _status(expert, "cost_list", slug) == 403
    assert client_for(expert).get(url("project_edit", slug)).status_code == 403
    coordinator = client_for(world.coordinator_a)
    assert coordinator.get(url("project_edit", slug)).status_code == 200
    response = coordinator.post(
        url("project_edit", slug),
        {
            "title": world.consortium_a.name,
            "phase": "ontwikkelfase",
            "shared_with_experts": ["experts", "costs"],
        },
    )
    assert response.status_code == 302
    assert _status(expert, "cost_list", slug) == 200
    assert _status(expert, "process_list", slug) == 403  # no longer shared
    assert _status(expert, "expert_overview", slug) == 200
    project = services.project_of(world.consortium_a)
    assert project is not None
    change = RecordChange.objects.get(record_type="project", record_id=project.pk, action="changed")
    assert change.changes == {
        "shared_with_experts": [["cycles", "process", "experts"], ["experts", "costs"]]
    }


def test_an_unknown_section_cannot_be_shared(world: World) -> None:
    before = db_state()
    with pytest.raises(ValidationError) as error:
        services.project_update(
            actor=world.coordinator_a,
            consortium=world.consortium_a,
            data={"shared_with_experts": ["trajectories", "salarissen"]},
            version=None,
        )
    assert "shared_with_experts" in error.value.message_dict
    assert db_state() == before


def test_only_coordinators_change_what_is_shared(world: World) -> None:
    expert = _member(world, ConsortiumRole.EXPERIENCE_EXPERT)
    before = db_state()
    for someone in (world.member_a, expert, world.member_b):
        with pytest.raises(PermissionError):
            services.project_update(
                actor=someone,
                consortium=world.consortium_a,
                data={"shared_with_experts": ["trajectories", "costs"]},
                version=None,
            )
    response = client_for(world.member_a).post(
        url("project_edit", world.consortium_a.slug),
        {"title": "Gekaapt", "phase": "ontwikkelfase", "shared_with_experts": ["costs"]},
    )
    assert response.status_code == 403
    assert db_state() == before


def test_an_experience_expert_adds_input_in_a_shared_section(world: World) -> None:
    expert = _member(world, ConsortiumRole.EXPERIENCE_EXPERT)
    item = services.expert_input_create(actor=expert, consortium=world.consortium_a, data=INPUT)
    assert RecordChange.objects.get(record_type="expertinput", record_id=item.pk).actor == expert


def test_a_consortium_observer_reads_but_gets_403_on_every_form(world: World) -> None:
    evaluation = make_process(world)
    cost = make_cost(world)
    trajectory = make_trajectory(world)
    expert_record = _expert(world, voorbereiding=2)
    observer = _member(world, ConsortiumRole.OBSERVER)
    slug = world.consortium_a.slug
    for name in (
        "workspace",
        "expert_overview",
        "process_list",
        "trajectory_list",
        "cost_list",
        "gripp2",
        "follow_ups",
    ):
        assert _status(observer, name, slug) == 200, name
    assert _status(observer, "trajectory_detail", slug, trajectory.code) == 200
    forms = [
        ("expert_create", (), {"label": "Ervaringsdeskundige Z"}),
        ("expert_edit", (expert_record.pk,), {"label": "Z", "version": "1"}),
        ("expert_input_create", (), {k: str(v) for k, v in INPUT.items()}),
        ("process_create", (), {"period": "2026-Q3"}),
        ("process_edit", (evaluation.pk,), {**PROCESS, "version": "1"}),
        ("trajectory_create", (), {"included_on": "2025-09-15"}),
        ("trajectory_edit", (trajectory.code,), {"version": "1"}),
        ("cost_create", (), {**COST, "amount": "5"}),
        ("cost_edit", (cost.pk,), {**COST, "version": "1"}),
        ("cycle_create", (), {"plan_question": "?"}),
    ]
    client = client_for(observer)
    before = db_state()
    for name, args, post in forms:
        target = url(name, slug, *args)
        assert client.get(target).status_code == 403, name
        assert client.post(target, post).status_code == 403, name
    assert client.post(url("record_delete", slug, "costitem", cost.pk)).status_code == 403
    assert db_state() == before


def test_the_activity_of_an_experience_expert_leaves_out_what_is_not_shared(world: World) -> None:
    from tests.action_research.helpers import make_cost, make_process, make_trajectory

    make_trajectory(world)
    _input(world)
    make_process(world)
    make_cost(world)
    expert = _member(world, ConsortiumRole.EXPERIENCE_EXPERT)
    seen = selectors.activity(_workspace(world, expert), limit=8)
    types = [change.record_type for change in seen]
    assert "trajectory" not in types
    assert "costitem" not in types
    assert {"expertinput", "processevaluation"} <= set(types)
    assert [c.at for c in seen] == sorted((c.at for c in seen), reverse=True)
    # the same, paged through the activity page, and a filter on a hidden type shows nothing
    page = client_for(expert).get(url("activity", world.consortium_a.slug))
    assert page.status_code == 200
    assert "/geschiedenis/trajectory/" not in page.content.decode()
    hidden = client_for(expert).get(url("activity", world.consortium_a.slug) + "?soort=trajectory")
    assert "/geschiedenis/trajectory/" not in hidden.content.decode()
    # a coordinator sees everything, newest first
    everything = selectors.activity(_workspace(world, world.coordinator_a), limit=50)
    assert {"trajectory", "costitem"} <= {c.record_type for c in everything}
