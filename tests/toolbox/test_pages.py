"""Approach and news pages: model rules, rendering, citation, feed and sitemap."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase

from home.models import HomePage
from toolbox.models import ApproachPage, NewsIndexPage, NewsPage, ToolboxIndexPage


class TestToolboxTree(WagtailPageTestCase):
    def test_approaches_live_only_in_the_toolbox(self) -> None:
        self.assertAllowedParentPageTypes(ApproachPage, {ToolboxIndexPage})
        self.assertAllowedSubpageTypes(ToolboxIndexPage, {ApproachPage})

    def test_toolbox_and_news_index_sit_under_the_home_page(self) -> None:
        self.assertAllowedParentPageTypes(ToolboxIndexPage, {HomePage})
        self.assertAllowedParentPageTypes(NewsIndexPage, {HomePage})
        self.assertAllowedParentPageTypes(NewsPage, {NewsIndexPage})
        assert Page not in ToolboxIndexPage.allowed_parent_page_models()


@pytest.mark.django_db
def test_week_range_must_run_forward(toolbox: Any) -> None:
    approach = ApproachPage.objects.get(slug="eigen-regiebudget")
    approach.week_from, approach.week_to = 40, 20
    with pytest.raises(ValidationError) as error:
        approach.full_clean()
    assert "week_to" in error.value.error_dict


@pytest.mark.django_db
def test_weeks_beyond_the_wage_continuation_period_are_refused(toolbox: Any) -> None:
    approach = ApproachPage.objects.get(slug="eigen-regiebudget")
    approach.week_to = 300
    with pytest.raises(ValidationError):
        approach.full_clean()


@pytest.mark.django_db
def test_approach_page_shows_assessment_panel_check_costs_and_citation(toolbox: Any) -> None:
    response = Client().get("/gereedschapskist/werkervaringsplaatsen-mkb-netwerk/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Werkervaringsplaatsen via een regionaal MKB-netwerk" in html
    assert "12 mei 2026" in html or "12 May 2026" in html  # panel check date
    assert "Samen Verder Noord" in html  # provenance: the consortium
    assert "Modelovereenkomst werkervaringsplaats" in html  # materials
    assert 'id="cite-heading"' in html
    assert "/gereedschapskist/werkervaringsplaatsen-mkb-netwerk/" in html


@pytest.mark.django_db
def test_approach_page_has_schema_org_metadata(toolbox: Any) -> None:
    html = Client().get("/gereedschapskist/detachering-met-terugvalgarantie/").content.decode()
    block = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    assert block is not None
    data = json.loads(block.group(1))
    assert data["@type"] == "HowTo"
    assert data["name"] == "Detachering met terugvalgarantie"
    assert len(data["step"]) == 3


@pytest.mark.django_db
def test_every_published_version_is_listed(toolbox: Any) -> None:
    approach = ApproachPage.objects.get(slug="eigen-regiebudget")
    approach.save_revision().publish()
    html = Client().get("/gereedschapskist/eigen-regiebudget/").content.decode()
    assert html.count("<time datetime=") >= 2
    assert html.count("/gereedschapskist/eigen-regiebudget/versie/") >= 2


@pytest.mark.django_db
def test_news_index_lists_items_newest_first_and_feed_has_them(toolbox: Any) -> None:
    html = Client().get("/nieuws/").content.decode()
    assert html.index("Eerste aanpakken") < html.index("Werkgeversdag")
    feed = Client().get("/feeds/nieuws/")
    assert feed.status_code == 200
    assert feed["Content-Type"].startswith("application/atom+xml")
    assert feed.content.decode().count("<entry>") == 4


@pytest.mark.django_db
def test_sitemap_lists_approaches_and_not_drafts(toolbox: Any) -> None:
    ApproachPage.objects.get(slug="eigen-regiebudget").unpublish()
    xml = Client().get("/sitemap.xml").content.decode()
    assert "/gereedschapskist/detachering-met-terugvalgarantie/" in xml
    assert "/gereedschapskist/eigen-regiebudget/" not in xml


@pytest.mark.django_db
def test_main_menu_leads_to_the_toolbox(toolbox: Any) -> None:
    html = Client().get("/").content.decode()
    assert 'href="/gereedschapskist/"' in html
    assert 'href="/nieuws/"' in html


@pytest.mark.django_db
def test_results_per_setting_show_variation_and_suppress_small_counts(toolbox: Any) -> None:
    html = Client().get("/gereedschapskist/werkervaringsplaatsen-mkb-netwerk/").content.decode()
    table = html.split('id="results-heading"')[1].split("</section>")[0]
    assert "Bouw en installatie" in table
    assert ">18<" in table
    assert "9 (50%)" in table  # 9 of 18 placed
    # 4 trajectories in business services: the count is suppressed and nothing derived from it.
    row = table.split("Zakelijke dienstverlening")[1].split("</tr>")[0]
    assert "&lt; 5" in row
    assert "%" not in row
    assert ">4<" not in row
    assert ">2<" not in row
    # 9 started in micro firms, 4 placed: the count 9 shows, the 4 and its percentage do not.
    micro = table.split("Micro (minder dan 10 werknemers)")[1].split("</tr>")[0]
    assert ">9<" in micro
    assert "44%" not in micro


@pytest.mark.django_db
def test_results_per_setting_refuse_impossible_counts() -> None:
    from wagtail.blocks import StructBlockValidationError

    from toolbox.models import ResultBlock

    block = ResultBlock()
    value = block.to_python(
        {
            "dimension": "sector",
            "setting": "Zorg",
            "source": "",
            "started": 5,
            "placed": 8,
            "sustained": 9,
        }
    )
    with pytest.raises(StructBlockValidationError) as error:
        block.clean(value)
    assert set(error.value.block_errors) == {"placed", "sustained"}


@pytest.mark.django_db
def test_an_approach_without_results_has_no_results_section(toolbox: Any) -> None:
    html = Client().get("/gereedschapskist/eigen-regiebudget/").content.decode()
    assert 'id="results-heading"' not in html
