"""Public project pages: what the programme publishes about a consortium, never who is in it."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from tests.conftest import World

pytestmark = pytest.mark.django_db


def test_the_project_page_shows_public_facts_and_no_people(world: World, home_page: Any) -> None:
    consortium = world.consortium_a
    consortium.short_description = "Werkgevers in Groningen helpen elkaar met werkplekken."
    consortium.budget = 480000
    consortium.save()
    html = Client().get(f"/projecten/{consortium.slug}/").content.decode()
    assert consortium.name in html
    assert "Werkgevers in Groningen" in html
    for person in (world.member_a, world.coordinator_a, world.researcher_a):
        assert person.email not in html
        assert person.public_name not in html
        if person.full_name:
            assert person.full_name not in html
    assert "480" not in html  # the budget is not published here


def test_the_project_page_lists_only_published_approaches(world: World, toolbox: Any) -> None:
    from toolbox.models import ApproachPage

    approach = ApproachPage.objects.filter(consortium__isnull=False).first()
    slug = approach.consortium.slug
    html = Client().get(f"/projecten/{slug}/").content.decode()
    assert approach.title in html
    approach.unpublish()
    html = Client().get(f"/projecten/{slug}/").content.decode()
    assert approach.title not in html


def test_an_approach_links_to_the_project_it_came_from(toolbox: Any) -> None:
    html = Client().get("/gereedschapskist/werkervaringsplaatsen-mkb-netwerk/").content.decode()
    assert 'href="/projecten/samen-verder-noord/"' in html


@pytest.mark.parametrize("slug", ["bestaat-niet", "a" * 300, "%3Cscript%3E"])
def test_an_unknown_project_is_404(home_page: Any, slug: str) -> None:
    assert Client().get(f"/projecten/{slug}/").status_code == 404


def test_the_project_list_names_every_consortium(world: World, home_page: Any) -> None:
    html = Client().get("/projecten/").content.decode()
    assert world.consortium_a.name in html
    assert world.consortium_b.name in html
