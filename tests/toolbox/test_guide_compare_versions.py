"""The guided finder, the side-by-side comparison and the citable URL of every published version."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.http import QueryDict
from django.test import Client

from toolbox.models import ApproachPage
from toolbox.selectors import approach_versions, guided_finder

pytestmark = pytest.mark.django_db

GUIDE = "/gereedschapskist/keuzehulp/"
COMPARE = "/gereedschapskist/vergelijk/"


# --- Guided finder ------------------------------------------------------------------------------


def test_the_guide_without_answers_asks_four_plain_questions_and_shows_no_results(
    toolbox: Any,
) -> None:
    response = Client().get(GUIDE)
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count("<fieldset") == 4
    for name in ("rol", "periode", "klacht", "omvang"):
        assert f'name="{name}"' in html
    assert "guide-results-heading" not in html


def test_every_guided_match_meets_every_answer_and_says_why(toolbox: Any) -> None:
    result = guided_finder(
        index=toolbox, params=QueryDict("periode=6-13&klacht=psychische-klachten&omvang=klein")
    )
    assert result.matches, "the demo has approaches for early psychological complaints"
    for match in result.matches:
        approach = match.approach
        assert approach.week_from <= 13
        assert approach.week_to >= 6
        groups = {g.code for g in approach.employee_groups.all()}
        assert not groups or "psychische-klachten" in groups
        sizes = {s.code for s in approach.employer_sizes.all()}
        assert not sizes or "klein" in sizes
        assert len(match.reasons) == 3
        assert not match.misses
    for near in result.near:
        assert len(near.misses) == 1
    # Every live approach that meets all answers is offered (the demo has fewer than ten).
    expected = {
        a.pk
        for a in ApproachPage.objects.live()
        if a.week_from <= 13
        and a.week_to >= 6
        and (
            not a.employee_groups.exists()
            or a.employee_groups.filter(code="psychische-klachten").exists()
        )
        and (not a.employer_sizes.exists() or a.employer_sizes.filter(code="klein").exists())
    }
    assert {m.approach.pk for m in result.matches} == expected


def test_the_guide_tells_an_employer_in_how_many_steps_they_take_part(toolbox: Any) -> None:
    result = guided_finder(index=toolbox, params=QueryDict("rol=werkgever&periode=26-52"))
    assert result.matches
    for match in result.matches:
        steps = [b.value for b in match.approach.steps]
        mine = sum(1 for step in steps if "werkgever" in step["actors"])
        if mine:
            assert f"{mine} " in match.role_note
            assert f"{len(steps)} " in match.role_note
        else:
            assert match.role_note


def test_the_guide_page_lists_matches_with_reasons_and_a_link_to_the_full_filters(
    toolbox: Any,
) -> None:
    response = Client().get(GUIDE + "?periode=52-104&klacht=kanker", HTTP_ACCEPT_LANGUAGE="nl")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Een ervaringsdeskundige loopbaancoach na kanker" in html
    assert 'class="reasons"' in html
    assert "/gereedschapskist/?werknemers=kanker&amp;week=78" in html
    assert "checked" in html  # the answers stay chosen


@pytest.mark.parametrize(
    "query",
    [
        "periode=999",
        "klacht=%3Cscript%3Ealert(1)%3C/script%3E",
        "rol=directeur&omvang=reusachtig",
        "periode=" + "x" * 5000,
        "klacht=%00",
    ],
)
def test_unknown_guide_answers_are_skipped_with_a_message_not_an_error(
    toolbox: Any, query: str
) -> None:
    response = Client().get(GUIDE + "?" + query)
    assert response.status_code == 200
    html = response.content.decode()
    assert "message--warning" in html
    assert "<script>alert(1)" not in html
    assert "guide-results-heading" not in html  # nothing valid was answered


# --- Compare ------------------------------------------------------------------------------------


def test_two_approaches_are_compared_side_by_side_in_the_order_asked(toolbox: Any) -> None:
    response = Client().get(
        COMPARE + "?aanpak=snuffelstage-meeloopdagen&aanpak=detachering-met-terugvalgarantie"
    )
    assert response.status_code == 200
    html = response.content.decode()
    first = html.index("Snuffelstages en meeloopdagen")
    second = html.index("Detachering met terugvalgarantie")
    assert first < second
    assert html.count('<th scope="col">') == 2
    for row in ("Bewijsniveau", "Stappen: wie doet wat"):
        assert row in html or row.lower() in html.lower()
    assert 'name="robots" content="noindex"' in html


def test_compare_shows_the_costs_per_party_row_by_row(toolbox: Any) -> None:
    response = Client().get(
        COMPARE + "?aanpak=proefplaatsing-no-riskpolis&aanpak=detachering-met-terugvalgarantie"
    )
    html = response.content.decode()
    rows = re.findall(r'<tr><th scope="row">([^<]+)</th>', html)
    assert any(":" in row for row in rows)  # "Kosten voor: …" rows, one per paying party
    assert html.count("€") >= 2


@pytest.mark.parametrize(
    ("query", "shown"),
    [
        ("", 0),
        ("aanpak=eigen-regiebudget", 0),
        ("aanpak=eigen-regiebudget&aanpak=eigen-regiebudget", 0),  # the same one twice
        ("aanpak=eigen-regiebudget&aanpak=bestaat-niet", 0),
        ("aanpak=%3Cb%3E&aanpak=" + "y" * 3000, 0),
    ],
)
def test_compare_with_fewer_than_two_known_approaches_explains_and_shows_no_table(
    toolbox: Any, query: str, shown: int
) -> None:
    response = Client().get(COMPARE + "?" + query)
    assert response.status_code == 400
    html = response.content.decode()
    assert "message--error" in html
    assert "<table" not in html
    assert "<b>" not in html


def test_compare_takes_at_most_three_and_says_so(toolbox: Any) -> None:
    slugs = [
        "eigen-regiebudget",
        "snuffelstage-meeloopdagen",
        "regionale-vacaturepool",
        "taakherschikking-horeca",
    ]
    response = Client().get(COMPARE + "?" + "&".join(f"aanpak={s}" for s in slugs))
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count('<th scope="col">') == 3
    assert "Taakherschikking in kleine horecabedrijven" not in html
    assert "message--warning" in html


def test_compare_never_shows_an_unpublished_approach(toolbox: Any) -> None:
    draft = ApproachPage.objects.get(slug="regionale-vacaturepool")
    draft.unpublish()
    response = Client().get(
        COMPARE
        + "?aanpak=regionale-vacaturepool&aanpak=eigen-regiebudget&aanpak=snuffelstage-meeloopdagen"
    )
    html = response.content.decode()
    assert html.count('<th scope="col">') == 2
    assert "regionale-vacaturepool" in html  # named in the "not found" message only
    assert 'href="/gereedschapskist/regionale-vacaturepool/"' not in html


def test_the_index_offers_the_guide_and_a_compare_choice_per_approach(toolbox: Any) -> None:
    html = Client().get("/gereedschapskist/").content.decode()
    assert 'href="/gereedschapskist/keuzehulp/"' in html
    assert 'action="/gereedschapskist/vergelijk/"' in html
    assert html.count('form="compare-form"') == 14


def test_an_approach_cannot_take_the_address_of_a_toolbox_sub_page(toolbox: Any) -> None:
    approach = ApproachPage.objects.get(slug="eigen-regiebudget")
    approach.slug = "keuzehulp"
    with pytest.raises(ValidationError) as error:
        approach.full_clean()
    assert "slug" in error.value.error_dict


# --- Versions -----------------------------------------------------------------------------------


def test_every_published_version_keeps_its_own_citable_url(toolbox: Any) -> None:
    approach = ApproachPage.objects.get(slug="eigen-regiebudget")
    first_revision = approach.live_revision_id
    approach.title = "Eigen-regiebudget (herzien)"
    approach.save_revision().publish()
    approach.refresh_from_db()
    versions = approach_versions(approach=approach)
    assert [v["revision_id"] for v in versions] == [approach.live_revision_id, first_revision]

    client = Client()
    current = client.get("/gereedschapskist/eigen-regiebudget/").content.decode()
    assert f"/gereedschapskist/eigen-regiebudget/versie/{approach.live_revision_id}/" in current
    old = client.get(f"/gereedschapskist/eigen-regiebudget/versie/{first_revision}/")
    assert old.status_code == 200
    html = old.content.decode()
    assert "<h1" in html
    assert "Eigen-regiebudget (herzien)" not in html.split("<h1")[1][:200]
    assert 'name="robots" content="noindex"' in html
    assert 'href="/gereedschapskist/eigen-regiebudget/"' in html  # to the current version
    # The citation on the old version names the old version's URL.
    assert f"versie/{first_revision}/" in html.split('class="cite__text"')[1][:600]


def test_drafts_and_other_pages_revisions_have_no_version_url(toolbox: Any) -> None:
    approach = ApproachPage.objects.get(slug="eigen-regiebudget")
    approach.title = "Nog niet gepubliceerd concept"
    draft = approach.save_revision()  # saved, never published
    other = ApproachPage.objects.get(slug="snuffelstage-meeloopdagen").live_revision_id
    client = Client()
    for revision_id in (draft.pk, other, 999999):
        response = client.get(f"/gereedschapskist/eigen-regiebudget/versie/{revision_id}/")
        assert response.status_code == 404
        assert "Nog niet gepubliceerd concept" not in response.content.decode()
    assert client.get("/gereedschapskist/eigen-regiebudget/versie/abc/").status_code == 404
