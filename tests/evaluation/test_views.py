"""The evaluation pages: who sees what, small numbers hidden outside the consortium, caching."""

from __future__ import annotations

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.action_research.helpers import client_for, make_trajectory
from tests.conftest import World

pytestmark = pytest.mark.django_db

PLACED = {
    "outcome": "plaatsing-2e-spoor",
    "outcome_date": datetime.date(2026, 3, 1),
    "placement_kind": "vast",
}
OWN = {"outcome": "terugkeer-eigen-werkgever", "outcome_date": datetime.date(2026, 2, 1)}


def _fill(world: World) -> None:
    """A: 12 trajectories, 3 placed with a new employer (a small cell). B: 20, 10 placed."""
    for _ in range(3):
        make_trajectory(world, **PLACED)
    for _ in range(9):
        make_trajectory(world, **OWN)
    for _ in range(10):
        make_trajectory(world, actor=world.member_b, consortium=world.consortium_b, **PLACED)
    for _ in range(10):
        make_trajectory(world, actor=world.member_b, consortium=world.consortium_b)


def _row(html: str, label: str) -> list[str]:
    """The cells of the first table row headed `label` (in the outcomes table)."""
    match = re.search(
        rf"<th scope=\"row\">(?:<a [^>]*>)?{re.escape(label)}(?:</a>)?</th>(.*?)</tr>",
        html,
        re.DOTALL,
    )
    assert match, f"no row {label!r}"
    return [cell.strip() for cell in re.findall(r"<td[^>]*>(.*?)</td>", match.group(1))]


def test_the_dashboard_hides_a_small_cell_and_what_would_give_it_away(world: World) -> None:
    _fill(world)

    html = client_for(world.staff).get(reverse("evaluation:dashboard")).content.decode()

    # A: 3 new employer (< 5); own employer must go too, or 12 - 9 would give the 3 away.
    a_row = _row(html, world.consortium_a.name)
    assert a_row[0] == "&lt; 5"
    assert a_row[1] == "x"
    assert a_row[4] == "12"
    # The programme row stays whole: 13 of 32 with a new employer. B's 10 would give A's 3
    # away (13 - 10), so B's new-employer cell is hidden as well.
    assert _row(html, "Programma")[0] == "41 % (13)"
    assert _row(html, world.consortium_b.name)[0] == "x"
    assert "Referentie 2016 (n = 408)" in html


def test_the_chart_never_draws_a_hidden_number(world: World) -> None:
    _fill(world)

    html = client_for(world.committee).get(reverse("evaluation:dashboard")).content.decode()

    chart = html[html.index("<svg") : html.index("</svg>")]
    assert "<title>" in chart
    assert 'role="img"' in chart
    assert "Programma" in chart  # the programme series, not a project's


def test_an_observer_sees_the_programme_aggregates(world: World) -> None:
    _fill(world)

    response = client_for(world.observer).get(reverse("evaluation:dashboard"))

    assert response.status_code == 200
    assert "Uitkomst van de trajecten" in response.content.decode()


def test_consortium_members_see_their_own_small_numbers_whole(world: World) -> None:
    _fill(world)
    url = reverse("evaluation:project", args=[world.consortium_a.slug])

    own = client_for(world.member_a).get(url).content.decode()
    staff = client_for(world.staff).get(url).content.decode()

    assert _row(own, world.consortium_a.name)[:2] == ["25 % (3)", "75 % (9)"]
    assert _row(staff, world.consortium_a.name)[:2] == ["&lt; 5", "x"]


def test_another_consortium_gets_404_for_a_project_page(world: World) -> None:
    url = reverse("evaluation:project", args=[world.consortium_a.slug])

    assert client_for(world.member_b).get(url).status_code == 404
    assert client_for(world.observer).get(url).status_code == 403


def test_a_new_trajectory_shows_at_once_although_the_figures_are_cached(world: World) -> None:
    _fill(world)
    client = client_for(world.staff)
    client.get(reverse("evaluation:dashboard"))

    make_trajectory(world, **PLACED)
    make_trajectory(world, **PLACED)
    html = client.get(reverse("evaluation:dashboard")).content.decode()

    assert _row(html, world.consortium_a.name)[0] == "36 % (5)"
    assert _row(html, world.consortium_a.name)[4] == "14"


def test_the_dashboard_works_without_any_records(world: World) -> None:
    response = client_for(world.staff).get(reverse("evaluation:dashboard"))

    assert response.status_code == 200
    assert "Programmadashboard" in response.content.decode()


def test_the_main_navigation_links_the_dashboard_only_for_those_who_may_see_it(
    world: World,
) -> None:
    url = reverse("evaluation:dashboard")

    assert url in client_for(world.committee).get(reverse("accounts:dashboard")).content.decode()
    assert url not in client_for(world.member_a).get(reverse("accounts:dashboard")).content.decode()


def test_a_theme_of_one_project_shows_the_same_hidden_cells_as_that_project(world: World) -> None:
    from action_research.services import project_of
    from tests.factories import ThemeFactory

    _fill(world)
    project_of(world.consortium_a).themes.set([ThemeFactory(name="Rouwverwerking")])

    html = client_for(world.staff).get(reverse("evaluation:dashboard")).content.decode()

    themes = html[html.index('id="fig-themes"') :]
    assert _row(themes, "Rouwverwerking") == _row(html, world.consortium_a.name)


# --- the annual report ----------------------------------------------------------------------------


def _confirmed_lesson(world: World, text: str, decided: datetime.datetime) -> None:
    from learning_network import services as network_services
    from learning_network.models import Lesson
    from tests.learning_network.helpers import build_network

    net = build_network(world)
    lesson = network_services.lesson_propose(
        actor=net.member, network=net.network, kind="succesfactor", text=text
    )
    network_services.lesson_decide(actor=net.moderator, lesson=lesson, confirm=True)
    Lesson.objects.filter(pk=lesson.pk).update(decided_at=decided)  # back-date the decision


def test_the_annual_report_counts_only_that_years_trajectories_and_lessons(
    world: World,
) -> None:
    for _ in range(6):
        make_trajectory(world, included_on=datetime.date(2025, 3, 1), **OWN)
    for _ in range(7):
        make_trajectory(world, included_on=datetime.date(2026, 1, 10))
    _confirmed_lesson(
        world,
        "Begin met wat iemand nog wel kan.",
        datetime.datetime(2025, 6, 1, 12, tzinfo=datetime.UTC),
    )

    client = client_for(world.committee)
    report_2025 = client.get(reverse("evaluation:annual_report", args=[2025])).content.decode()
    report_2026 = client.get(reverse("evaluation:annual_report", args=[2026])).content.decode()

    assert "Jaarverslag 2025" in report_2025
    assert "In 2025 zijn 6 trajecten opgenomen" in report_2025
    assert "In 2026 zijn 7 trajecten opgenomen" in report_2026
    assert "Begin met wat iemand nog wel kan." in report_2025
    assert "Begin met wat iemand nog wel kan." not in report_2026
    assert "geen lessen bevestigd" in report_2026
    # one project with 6 own-employer returns: shown; its 0 new-employer cell stays 0
    assert _row(report_2025, world.consortium_a.name)[1] == "100 % (6)"


def test_the_annual_report_hides_small_numbers_and_refuses_other_years(world: World) -> None:
    for _ in range(3):
        make_trajectory(world, included_on=datetime.date(2026, 2, 1), **PLACED)
    for _ in range(9):
        make_trajectory(world, included_on=datetime.date(2026, 2, 1), **OWN)
    client = client_for(world.staff)

    html = client.get(reverse("evaluation:annual_report", args=[2026])).content.decode()
    assert _row(html, world.consortium_a.name)[0] == "&lt; 5"
    assert client.get(reverse("evaluation:annual_report", args=[2019])).status_code == 404
    future = timezone.localdate().year + 1
    assert client.get(reverse("evaluation:annual_report", args=[future])).status_code == 404
    latest = client.get(reverse("evaluation:annual_reports"))
    assert latest["Location"].endswith(f"/jaarverslag/{future - 1}/")


def test_a_consortium_member_gets_no_annual_report(world: World) -> None:
    response = client_for(world.member_a).get(reverse("evaluation:annual_report", args=[2026]))

    assert response.status_code == 403


# --- counted frames and the project over time -----------------------------------------------------


def test_the_counted_frames_add_up_to_the_records(world: World) -> None:
    from evaluation import frames

    for week in (20, 20, 30):
        make_trajectory(
            world,
            included_on=datetime.date(2025, 5, 1),
            second_track_week=week,
            working_at_6_months=True,
            **PLACED,
        )
    make_trajectory(world, included_on=datetime.date(2026, 1, 5), second_track_week=None)
    make_trajectory(world, actor=world.member_b, consortium=world.consortium_b)

    outcome_counts, week_counts = frames.trajectory_counts()

    assert int(outcome_counts["n"].sum()) == 5
    placed = outcome_counts[outcome_counts["outcome"] == "plaatsing-2e-spoor"]
    assert placed[["year", "n"]].values.tolist() == [[2025, 3]]
    assert placed["working_at_6_months"].tolist() == [True]
    running = outcome_counts[outcome_counts["year"] == 2026]
    assert running["working_at_6_months"].isna().all()
    mine = week_counts[week_counts["project"] == placed["project"].iloc[0]]
    assert sorted(mine[["second_track_week", "n"]].values.tolist()) == [[20.0, 2], [30.0, 1]]


def test_the_project_page_shows_outcomes_per_year_of_inclusion(world: World) -> None:
    for year in (2025, 2026):
        for _ in range(5):
            make_trajectory(world, included_on=datetime.date(year, 1, 15), **OWN)
    for _ in range(2):
        make_trajectory(world, included_on=datetime.date(2026, 1, 15), **PLACED)
    url = reverse("evaluation:project", args=[world.consortium_a.slug])

    inside = client_for(world.member_a).get(url).content.decode()
    outside = client_for(world.committee).get(url).content.decode()

    table = inside[inside.index('id="cap-outcomes-over-time"') :]
    assert _row(table, "2025")[1] == "100 % (5)"
    assert _row(table, "2026")[0] == "29 % (2)"
    table = outside[outside.index('id="cap-outcomes-over-time"') :]
    assert _row(table, "2026")[0] == "&lt; 5"
    # and the total of all years does not give the 2 away
    assert _row(table, "Alle jaren")[0] in ("&lt; 5", "x")
