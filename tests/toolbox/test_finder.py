"""The toolbox finder: filters combine, search works within filters, bad input is ignored clearly."""

from __future__ import annotations

from typing import Any

import pytest
from django.http import QueryDict
from django.test import Client

from toolbox.models import ApproachPage
from toolbox.selectors import approach_search

pytestmark = pytest.mark.django_db


def _titles(toolbox: Any, query: str) -> set[str]:
    result = approach_search(index=toolbox, params=QueryDict(query))
    return {page.title for page in result.page.object_list}


def _count(toolbox: Any, query: str) -> int:
    return approach_search(index=toolbox, params=QueryDict(query)).count


def test_without_filters_all_live_approaches_are_listed(toolbox: Any) -> None:
    assert _count(toolbox, "") == 14


def test_filters_combine_with_and_across_and_or_within(toolbox: Any) -> None:
    only_grief = _count(toolbox, "thema=rouwverwerking")
    only_own_direction = _count(toolbox, "thema=eigen-regie")
    either = _count(toolbox, "thema=rouwverwerking&thema=eigen-regie")
    assert either >= max(only_grief, only_own_direction)
    both_with_cancer = _titles(toolbox, "thema=rouwverwerking&werknemers=kanker&week=100")
    assert both_with_cancer == {"Een ervaringsdeskundige loopbaancoach na kanker"}


def test_week_of_sickness_selects_approaches_whose_range_contains_it(toolbox: Any) -> None:
    early = _titles(toolbox, "week=8")
    assert "Gesprekshulp: het tweede spoor bespreekbaar maken" in early
    assert "Detachering met terugvalgarantie" not in early  # starts in week 34


def test_sector_filter_keeps_approaches_for_every_sector(toolbox: Any) -> None:
    titles = _titles(toolbox, "sector=zorg")
    assert "Zorgorganisaties bemiddelen langdurig zieke medewerkers onderling" in titles
    assert "Het kansrijkheidsgesprek rond week 26" in titles  # no sector = all sectors
    assert "Taakherschikking in kleine horecabedrijven" not in titles


def test_evidence_level_and_cost_limits(toolbox: Any) -> None:
    strong = _titles(toolbox, "niveau=4")
    assert strong == {"Zorgorganisaties bemiddelen langdurig zieke medewerkers onderling"}
    cheap = _titles(toolbox, "kosten=600")
    assert cheap == {
        "Gesprekshulp: het tweede spoor bespreekbaar maken",
        "Het inkomstenplaatje bij een WIA-prognose",
        "Snuffelstages en meeloopdagen in technische beroepen",
    }


def test_search_finds_words_in_summary_and_steps_within_filters(toolbox: Any) -> None:
    assert "Detachering met terugvalgarantie" in _titles(toolbox, "q=detachering")
    assert _titles(toolbox, "q=detachering&thema=creativiteit") == set()


ABSURD_QUERIES = [
    "week=abc",
    "week=-4",
    "week=999",
    "niveau=9",
    "niveau=1.5",
    "kosten=-5",
    "kosten=NaN",
    "kosten=1e400",
    "thema=bestaat-niet",
    "sector=" + "x" * 500,
    "q=" + "zoek " * 200,
    "q=%3Cscript%3Ealert(1)%3C/script%3E",
    "pagina=9999",
    "pagina=-1",
    "q=%00%01",
    'q="',
    "q=*",
    "q=AND%20OR%20NOT",
    "q=(((",
    "q=NEAR(a%20b)",
    "q=%E2%80%AE%F0%9F%92%A5",
]


def test_absurd_query_strings_give_a_clear_page_not_an_error(toolbox: Any) -> None:
    client = Client()
    problems = []
    for query in ABSURD_QUERIES:
        response = client.get(f"/gereedschapskist/?{query}")
        html = response.content.decode()
        if response.status_code != 200 or 'id="finder-results"' not in html:
            problems.append(f"{query[:40]}: {response.status_code}")
        if "<script>alert(1)" in html:
            problems.append(f"{query[:40]}: script echoed")
    assert problems == []


def test_ignored_filters_are_reported(toolbox: Any) -> None:
    result = approach_search(index=toolbox, params=QueryDict("week=abc&thema=nope"))
    assert len(result.filters.ignored) == 2
    assert result.count == 14


def test_no_results_page_explains_what_to_do(toolbox: Any) -> None:
    html = Client().get("/gereedschapskist/?q=xyzzyquux").content.decode()
    assert "no-results" in html


def test_filters_survive_in_pagination_links(toolbox: Any) -> None:
    result = approach_search(index=toolbox, params=QueryDict("thema=eigen-regie&week=30"))
    assert result.page_url(2) == "?thema=eigen-regie&week=30&pagina=2"


def test_drafts_and_private_approaches_are_never_listed(toolbox: Any) -> None:
    from wagtail.models import PageViewRestriction

    from toolbox.models import ApproachPage

    draft = ApproachPage.objects.get(slug="eigen-regiebudget")
    draft.unpublish()
    private = ApproachPage.objects.get(slug="regionale-vacaturepool")
    PageViewRestriction.objects.create(page=private, restriction_type="login")
    titles = _titles(toolbox, "")
    assert draft.title not in titles
    assert private.title not in titles
    assert Client().get("/gereedschapskist/eigen-regiebudget/").status_code == 404


def test_cached_search_results_follow_publication_and_unpublication(toolbox: Any) -> None:
    def budget_found() -> bool:
        return any("regiebudget" in title.lower() for title in _titles(toolbox, "q=opzegtermijn"))

    assert not budget_found()  # and the empty result is now cached
    approach = ApproachPage.objects.get(slug="eigen-regiebudget")
    approach.summary = "Een budget dat ook tijdens de opzegtermijn te gebruiken is."
    approach.save_revision().publish()
    assert budget_found()
    ApproachPage.objects.get(slug="eigen-regiebudget").unpublish()
    assert not budget_found()


def test_a_repeated_search_is_answered_from_the_cache(toolbox: Any) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    approach_search(index=toolbox, params=QueryDict("q=werkgever"))
    with CaptureQueriesContext(connection) as queries:
        result = approach_search(index=toolbox, params=QueryDict("q=werkgever"))
    assert result.count > 0
    assert not any("MATCH" in q["sql"] or "tsquery" in q["sql"] for q in queries.captured_queries)
