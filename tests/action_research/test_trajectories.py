"""Pseudonymised trajectories: issued codes with a check character, impossible outcomes refused,
follow-ups at 6 and 12 months when they are due, and nothing of another consortium."""

from __future__ import annotations

import csv
import datetime
import io
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from accounts.models import ConsortiumRole
from action_research import pseudonyms, selectors, services
from action_research.models import PseudonymCode, RecordChange, Trajectory, add_months
from tests.action_research.helpers import (
    TRAJECTORY,
    client_for,
    db_state,
    issue_codes,
    make_trajectory,
    url,
)
from tests.conftest import World
from tests.factories import MembershipFactory

pytestmark = pytest.mark.django_db

DAY = datetime.timedelta(days=1)


def _today() -> datetime.date:
    return timezone.localdate()


def _ended(world: World, outcome: str, outcome_date: datetime.date, **overrides: Any) -> Trajectory:
    """A trajectory included 60 days before its outcome."""
    extra: dict[str, Any] = {"placement_kind": "vast"} if outcome == "plaatsing-2e-spoor" else {}
    return make_trajectory(
        world,
        included_on=outcome_date - 60 * DAY,
        outcome=outcome,
        outcome_date=outcome_date,
        **{**extra, **overrides},
    )


# --- codes --------------------------------------------------------------------------------------


def test_issued_codes_are_well_formed_unique_and_belong_to_the_consortium(world: World) -> None:
    codes = issue_codes(world.member_a, world.consortium_a, 200)
    assert len(codes) == len(set(codes)) == 200
    assert all(pseudonyms.is_well_formed(code) for code in codes)
    assert all(code.startswith("TS-") and len(code) == 10 for code in codes)
    assert set(
        PseudonymCode.objects.filter(consortium=world.consortium_a).values_list("code", flat=True)
    ) == set(codes)
    more = issue_codes(world.member_a, world.consortium_a, 5)
    assert not set(more) & set(codes)


def test_a_single_changed_character_makes_a_code_fail_its_check(world: World) -> None:
    for code in issue_codes(world.member_a, world.consortium_a, 5):
        for position in range(len(pseudonyms.PREFIX), len(code)):
            for char in pseudonyms.ALPHABET:
                if char != code[position]:
                    typo = code[:position] + char + code[position + 1 :]
                    assert not pseudonyms.is_well_formed(typo), typo


@pytest.mark.parametrize("count", [0, -1, 5001])
def test_asking_for_too_few_or_too_many_codes_is_refused(world: World, count: int) -> None:
    before = db_state()
    with pytest.raises(ValidationError) as error:
        issue_codes(world.member_a, world.consortium_a, count)
    assert "count" in error.value.message_dict
    assert db_state() == before


def test_observers_and_other_consortia_cannot_be_issued_codes(world: World) -> None:
    observer = MembershipFactory(consortium=world.consortium_a, role=ConsortiumRole.OBSERVER).user
    before = db_state()
    for intruder in (observer, world.member_b, world.observer):
        with pytest.raises(PermissionError):
            issue_codes(intruder, world.consortium_a, 1)
    assert db_state() == before


def test_a_trajectory_takes_an_unused_issued_code(world: World) -> None:
    first, second = issue_codes(world.member_a, world.consortium_a, 2)
    chosen = make_trajectory(world, code=second)
    assert chosen.code == second
    automatic = make_trajectory(world)
    assert automatic.code == first  # the oldest unused one
    fresh = make_trajectory(world)  # none left: a new one is issued
    assert pseudonyms.is_well_formed(fresh.code)
    assert PseudonymCode.objects.filter(code=fresh.code, consortium=world.consortium_a).exists()
    assert services.unused_codes(world.consortium_a) == []


def test_a_code_typed_in_lower_case_with_spaces_is_taken(world: World) -> None:
    (code,) = issue_codes(world.member_a, world.consortium_a, 1)
    typed = " " + code.lower().replace("-", " - ") + " "
    assert make_trajectory(world, code=typed).code == code


def test_codes_of_another_consortium_used_codes_and_typos_are_refused(world: World) -> None:
    (other,) = issue_codes(world.member_b, world.consortium_b, 1)
    (used,) = issue_codes(world.member_a, world.consortium_a, 1)
    make_trajectory(world, code=used)
    (good,) = issue_codes(world.member_a, world.consortium_a, 1)
    typo = good[:-1] + next(c for c in pseudonyms.ALPHABET if c != good[-1])
    never_issued = pseudonyms.new_code()
    while PseudonymCode.objects.filter(code=never_issued).exists():  # pragma: no cover
        never_issued = pseudonyms.new_code()
    before = db_state()
    for code in (other, used, typo, "TS-123", "geen code", never_issued):
        with pytest.raises(ValidationError) as error:
            make_trajectory(world, code=code)
        assert "code" in error.value.message_dict, code
    assert db_state() == before
    assert services.unused_codes(world.consortium_a) == [good]


# --- validation ---------------------------------------------------------------------------------


def _invalid_cases() -> list[tuple[str, dict[str, Any], str]]:
    today = _today()
    done = add_months(today, -7)
    return [
        ("inclusion in the future", {"included_on": today + DAY}, "included_on"),
        ("inclusion before 2021", {"included_on": datetime.date(2020, 12, 31)}, "included_on"),
        ("sickness week 157", {"sickness_week_at_inclusion": 157}, "sickness_week_at_inclusion"),
        ("2nd track week 157", {"second_track_week": 157}, "second_track_week"),
        ("running with a date", {"outcome_date": today - DAY}, "outcome_date"),
        ("running with a kind", {"placement_kind": "vast"}, "placement_kind"),
        ("running with follow-up", {"working_at_6_months": True}, "working_at_6_months"),
        ("ended without a date", {"outcome": "ontslag"}, "outcome_date"),
        (
            "outcome before inclusion",
            {"outcome": "ontslag", "outcome_date": datetime.date(2025, 9, 1)},
            "outcome_date",
        ),
        (
            "outcome in the future",
            {"outcome": "ontslag", "outcome_date": today + DAY},
            "outcome_date",
        ),
        (
            "placement without kind",
            {"outcome": "plaatsing-2e-spoor", "outcome_date": done},
            "placement_kind",
        ),
        (
            "kind on a non-placement",
            {
                "outcome": "terugkeer-eigen-werkgever",
                "outcome_date": done,
                "placement_kind": "vast",
            },
            "placement_kind",
        ),
        ("other without a note", {"outcome": "anders", "outcome_date": done}, "outcome_note"),
        (
            "other with only spaces",
            {"outcome": "anders", "outcome_date": done, "outcome_note": "   "},
            "outcome_note",
        ),
        (
            "follow-up after dismissal",
            {"outcome": "ontslag", "outcome_date": done, "working_at_6_months": True},
            "working_at_6_months",
        ),
        (
            "follow-up after WIA",
            {"outcome": "wia-instroom", "outcome_date": done, "working_at_12_months": False},
            "working_at_12_months",
        ),
        (
            "12-month follow-up before it is due",
            {
                "outcome": "terugkeer-eigen-werkgever",
                "outcome_date": done,
                "working_at_12_months": True,
            },
            "working_at_12_months",
        ),
        (
            "6-month follow-up before it is due",
            {
                "outcome": "terugkeer-eigen-werkgever",
                "outcome_date": today - 30 * DAY,
                "working_at_6_months": True,
            },
            "working_at_6_months",
        ),
        ("unknown health problem", {"condition_category": "griep"}, "condition_category"),
        ("unknown sector", {"sector": "ruimtevaart"}, "sector"),
        (
            "personal data in the note",
            {"outcome": "anders", "outcome_date": done, "outcome_note": "Mail jan@voorbeeld.nl"},
            "outcome_note",
        ),
        (
            "a BSN in the note",
            {"outcome": "anders", "outcome_date": done, "outcome_note": "BSN 111222333"},
            "outcome_note",
        ),
    ]


@pytest.mark.parametrize(
    ("case", "field"), [(case, field) for case, _overrides, field in _invalid_cases()]
)
def test_an_impossible_trajectory_is_refused_at_its_field_and_nothing_is_saved(
    world: World, case: str, field: str
) -> None:
    overrides = next(o for c, o, _f in _invalid_cases() if c == case)
    before = db_state()
    with pytest.raises(ValidationError) as error:
        make_trajectory(world, **overrides)
    assert field in error.value.message_dict, error.value.message_dict
    assert db_state() == before


def test_possible_outcomes_are_accepted(world: World) -> None:
    today = _today()
    placed = _ended(world, "plaatsing-2e-spoor", add_months(today, -13), working_at_6_months=True)
    placed = services.trajectory_update(
        actor=world.member_a,
        trajectory=placed,
        data={
            **TRAJECTORY,
            "included_on": placed.included_on,
            "outcome": placed.outcome,
            "outcome_date": placed.outcome_date,
            "placement_kind": "tijdelijk",
            "working_at_6_months": True,
            "working_at_12_months": False,
        },
        version=placed.version,
    )
    assert (placed.working_at_6_months, placed.working_at_12_months) == (True, False)
    other = _ended(world, "anders", today, outcome_note="Verhuisd naar het buitenland")
    assert other.outcome == "anders"
    week = make_trajectory(
        world, sickness_week_at_inclusion=156, included_on=datetime.date(2021, 1, 1)
    )
    assert week.sickness_week_at_inclusion == 156


def test_a_trajectory_code_never_changes_on_update(world: World) -> None:
    trajectory = make_trajectory(world)
    changed = services.trajectory_update(
        actor=world.member_a,
        trajectory=trajectory,
        data={**TRAJECTORY, "code": "TS-0000000", "sickness_week_at_inclusion": 40},
        version=trajectory.version,
    )
    assert changed.code == trajectory.code
    change = RecordChange.objects.get(
        record_type="trajectory", record_id=trajectory.pk, action="changed"
    )
    assert change.changes == {"sickness_week_at_inclusion": [38, 40]}


# --- follow-ups ---------------------------------------------------------------------------------


def test_follow_ups_due_lists_due_and_overdue_ones_only(world: World) -> None:
    today = _today()
    overdue = _ended(world, "plaatsing-2e-spoor", add_months(today, -7))
    soon = _ended(world, "terugkeer-eigen-werkgever", add_months(today, -6) + 10 * DAY)
    _ended(world, "plaatsing-2e-spoor", add_months(today, -2))  # 6 months lies 4 months ahead
    _ended(world, "plaatsing-2e-spoor", add_months(today, -6) + 40 * DAY)  # beyond 30 days
    _ended(world, "ontslag", add_months(today, -13))  # no follow-up after a dismissal
    make_trajectory(world)  # running
    half_done = _ended(
        world, "terugkeer-eigen-werkgever", add_months(today, -13), working_at_6_months=True
    )
    _ended(
        world,
        "plaatsing-2e-spoor",
        add_months(today, -14),
        working_at_6_months=True,
        working_at_12_months=True,
    )
    removed = _ended(world, "plaatsing-2e-spoor", add_months(today, -8))
    services.record_delete(actor=world.member_a, record=removed)

    ws = selectors.workspace_get(viewer=world.member_a, slug=world.consortium_a.slug)
    due = selectors.follow_ups_due(ws)
    expected = [
        (half_done.code, 12, add_months(half_done.outcome_date, 12), True),
        (overdue.code, 6, add_months(overdue.outcome_date, 6), True),
        (soon.code, 6, add_months(soon.outcome_date, 6), False),
    ]
    assert [(item.code, item.months, item.due, item.overdue) for item in due] == sorted(
        expected, key=lambda entry: (entry[2], entry[0])
    )
    assert selectors.follow_ups_due_count(ws) == 3


def test_the_follow_ups_page_records_a_follow_up_with_history(world: World) -> None:
    today = _today()
    trajectory = _ended(world, "plaatsing-2e-spoor", add_months(today, -7))
    slug = world.consortium_a.slug
    client = client_for(world.member_a)
    page = client.get(url("follow_ups", slug))
    assert page.status_code == 200
    assert url("trajectory_follow_up", slug, trajectory.code) in page.content.decode()

    response = client.post(
        url("trajectory_follow_up", slug, trajectory.code),
        {
            "months": "6",
            "working": "ja",
            "version": str(trajectory.version),
            "next": url("follow_ups", slug),
        },
    )
    assert response.status_code == 302
    assert response["Location"] == url("follow_ups", slug)
    trajectory.refresh_from_db()
    assert trajectory.working_at_6_months is True
    change = RecordChange.objects.get(
        record_type="trajectory", record_id=trajectory.pk, action="changed"
    )
    assert change.actor == world.member_a
    assert change.changes == {"working_at_6_months": [None, True]}
    page = client.get(url("follow_ups", slug))
    assert url("trajectory_follow_up", slug, trajectory.code) not in page.content.decode()


def test_a_follow_up_of_no_is_kept_as_false(world: World) -> None:
    trajectory = _ended(world, "terugkeer-eigen-werkgever", add_months(_today(), -7))
    response = client_for(world.member_a).post(
        url("trajectory_follow_up", world.consortium_a.slug, trajectory.code),
        {"months": "6", "working": "nee", "version": str(trajectory.version)},
    )
    assert response.status_code == 302
    trajectory.refresh_from_db()
    assert trajectory.working_at_6_months is False


@pytest.mark.parametrize(
    "post",
    [
        {"months": "12", "working": "ja"},  # not due yet
        {"months": "9", "working": "ja"},
        {"months": "6"},
        {"months": "6", "working": "misschien"},
        {"months": "6", "working": "ja", "version": "1", "stale": "yes"},
    ],
)
def test_a_bad_follow_up_post_changes_nothing(world: World, post: dict[str, str]) -> None:
    trajectory = _ended(world, "plaatsing-2e-spoor", add_months(_today(), -7))
    if post.pop("stale", None):
        services.trajectory_follow_up(
            actor=world.member_a, trajectory=trajectory, months=6, working=False, version=1
        )
    post.setdefault("version", str(trajectory.version))
    before = db_state()
    response = client_for(world.member_a).post(
        url("trajectory_follow_up", world.consortium_a.slug, trajectory.code), post
    )
    assert response.status_code == 302
    assert db_state() == before


def test_follow_up_at_other_than_6_or_12_months_is_refused(world: World) -> None:
    trajectory = _ended(world, "plaatsing-2e-spoor", add_months(_today(), -7))
    before = db_state()
    with pytest.raises(ValidationError) as error:
        services.trajectory_follow_up(
            actor=world.member_a, trajectory=trajectory, months=9, working=True, version=1
        )
    assert "months" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        services.trajectory_follow_up(
            actor=world.member_a, trajectory=trajectory, months=12, working=True, version=1
        )
    assert "working_at_12_months" in error.value.message_dict
    assert db_state() == before


# --- codes over HTTP ----------------------------------------------------------------------------


def test_the_codes_page_issues_codes(world: World) -> None:
    client = client_for(world.member_a)
    codes_url = url("codes", world.consortium_a.slug)
    assert client.get(codes_url).status_code == 200
    response = client.post(codes_url, {"count": "5"})
    assert response.status_code == 302
    assert response["Location"] == codes_url
    codes = list(PseudonymCode.objects.filter(consortium=world.consortium_a))
    assert len(codes) == 5
    assert all(code.issued_by == world.member_a for code in codes)
    html = client.get(codes_url).content.decode()
    assert all(code.code in html for code in codes)


@pytest.mark.parametrize("count", ["0", "501", "-3", "vijf", ""])
def test_the_codes_page_refuses_a_bad_count(world: World, count: str) -> None:
    before = db_state()
    response = client_for(world.member_a).post(
        url("codes", world.consortium_a.slug), {"count": count}
    )
    assert response.status_code == 400
    assert "id_count_errors" in response.content.decode()
    assert db_state() == before


def test_a_consortium_observer_sees_the_codes_but_cannot_have_codes_issued(world: World) -> None:
    observer = MembershipFactory(consortium=world.consortium_a, role=ConsortiumRole.OBSERVER).user
    client = client_for(observer)
    codes_url = url("codes", world.consortium_a.slug)
    assert client.get(codes_url).status_code == 200
    before = db_state()
    assert client.post(codes_url, {"count": "5"}).status_code == 403
    assert db_state() == before


def test_the_codes_download_lists_only_unused_codes_of_the_own_consortium(world: World) -> None:
    own = issue_codes(world.member_a, world.consortium_a, 3)
    other = issue_codes(world.member_b, world.consortium_b, 2)
    make_trajectory(world, code=own[1])
    response = client_for(world.member_a).get(url("codes_download", world.consortium_a.slug))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    assert "no-store" in response["Cache-Control"]
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8"))))
    assert rows[0] == ["pseudoniem", "sleutel_alleen_in_eigen_administratie"]
    assert sorted(row[0] for row in rows[1:]) == sorted([own[0], own[2]])
    assert not set(other) & {row[0] for row in rows}
    response = client_for(world.member_b).get(url("codes_download", world.consortium_a.slug))
    assert response.status_code == 404


# --- pages --------------------------------------------------------------------------------------


def test_the_trajectory_list_filters_by_outcome(world: World) -> None:
    running = make_trajectory(world)
    dismissed = _ended(world, "ontslag", _today() - 10 * DAY)
    slug = world.consortium_a.slug
    client = client_for(world.member_a)
    everything = client.get(url("trajectory_list", slug)).content.decode()
    assert running.code in everything
    assert dismissed.code in everything
    filtered = client.get(url("trajectory_list", slug), {"uitkomst": "ontslag"})
    assert filtered.status_code == 200
    html = filtered.content.decode()
    assert url("trajectory_detail", slug, dismissed.code) in html
    assert url("trajectory_detail", slug, running.code) not in html
    unknown = client.get(url("trajectory_list", slug), {"uitkomst": "<script>"}).content.decode()
    assert url("trajectory_detail", slug, running.code) in unknown  # an unknown filter shows all


def test_another_consortium_gets_404_for_a_trajectory_even_under_its_own_address(
    world: World,
) -> None:
    trajectory = make_trajectory(world)
    client = client_for(world.member_b)
    for slug in (world.consortium_a.slug, world.consortium_b.slug):
        assert client.get(url("trajectory_detail", slug, trajectory.code)).status_code == 404
        assert client.get(url("trajectory_edit", slug, trajectory.code)).status_code == 404
    before = db_state()
    response = client.post(
        url("trajectory_follow_up", world.consortium_b.slug, trajectory.code),
        {"months": "6", "working": "ja", "version": "1"},
    )
    assert response.status_code == 404
    with pytest.raises(PermissionError):
        services.trajectory_update(
            actor=world.member_b, trajectory=trajectory, data=TRAJECTORY, version=1
        )
    assert db_state() == before


def test_a_trajectory_is_recorded_through_the_form_under_a_chosen_code(world: World) -> None:
    first, second = issue_codes(world.member_a, world.consortium_a, 2)
    client = client_for(world.member_a)
    slug = world.consortium_a.slug
    page = client.get(url("trajectory_create", slug)).content.decode()
    assert first in page
    assert second in page
    response = client.post(
        url("trajectory_create", slug),
        {
            "code": second,
            "included_on": "2025-09-15",
            "sickness_week_at_inclusion": "38",
            "condition_category": "psychisch",
            "employer_size": "middel",
            "sector": "zorg",
            "outcome": "lopend",
        },
    )
    assert response.status_code == 302
    assert response["Location"] == url("trajectory_detail", slug, second)
    trajectory = Trajectory.objects.get()
    assert trajectory.code == second
    created = RecordChange.objects.get(record_type="trajectory", record_id=trajectory.pk)
    assert created.actor == world.member_a
    assert client.get(response["Location"]).status_code == 200


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"outcome": "ontslag"}, "outcome_date"),
        ({"included_on": "2020-06-01"}, "included_on"),
        ({"sickness_week_at_inclusion": "200"}, "sickness_week_at_inclusion"),
        ({"outcome": "anders", "outcome_date": "2025-10-01"}, "outcome_note"),
        (
            {"outcome": "anders", "outcome_date": "2025-10-01", "outcome_note": "06-12345678"},
            "outcome_note",
        ),
        ({"code": "TS-AAAAAAA"}, "code"),
    ],
)
def test_bad_trajectory_input_in_the_form_is_shown_at_its_field_and_nothing_is_saved(
    world: World, overrides: dict[str, str], field: str
) -> None:
    issue_codes(world.member_a, world.consortium_a, 1)
    post = {
        "included_on": "2025-09-15",
        "sickness_week_at_inclusion": "38",
        "condition_category": "psychisch",
        "employer_size": "middel",
        "sector": "zorg",
        "outcome": "lopend",
        **overrides,
    }
    before = db_state()
    response = client_for(world.member_a).post(
        url("trajectory_create", world.consortium_a.slug), post
    )
    assert response.status_code == 400
    assert f"id_{field}_errors" in response.content.decode()
    assert db_state() == before
