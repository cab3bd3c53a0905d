"""axe-core (WCAG 2.1 AA + best practice) finds nothing on any page of the demo site."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import LiveSite, axe_violations, login_slot, sign_in

PUBLIC_PAGES = [
    "/",
    "/over-het-programma/",
    "/privacy/",
    "/toegankelijkheid/",
    "/gereedschapskist/",
    "/gereedschapskist/?thema=verlaging-van-drempels&niveau=3",
    "/gereedschapskist/?q=zzzzonbekend",
    "/gereedschapskist/proefplaatsing-no-riskpolis/",
    "/gereedschapskist/rouwbegeleiding-afscheid-eigen-werkgever/",
    "/gereedschapskist/werkervaringsplaatsen-mkb-netwerk/",  # results per setting
    "/gereedschapskist/keuzehulp/",
    "/gereedschapskist/keuzehulp/?rol=werkgever&periode=6-13&klacht=psychische-klachten&omvang=klein",
    "/gereedschapskist/keuzehulp/?periode=onzin",
    "/gereedschapskist/vergelijk/?aanpak=snuffelstage-meeloopdagen&aanpak=detachering-met-terugvalgarantie&aanpak=proefplaatsing-no-riskpolis",
    "/gereedschapskist/vergelijk/?aanpak=snuffelstage-meeloopdagen",
    "/projecten/",
    "/projecten/samen-verder-noord/",
    "/nieuws/",
    "/nieuws/eerste-aanpakken-in-de-gereedschapskist/",
    "/accounts/login/",
    "/accounts/signup/",
    "/accounts/password/reset/",
    "/uitnodiging/geen-geldige-uitnodiging/",
    "/deze-pagina-bestaat-niet/",
]

COORDINATOR_PAGES = [
    "/mijn/",
    "/mijn/profiel/",
    "/consortia/",
    "/consortia/samen-verder-noord/",
    "/consortia/samen-verder-noord/uitnodigen/",
    "/consortia/samen-verder-noord/werkruimte/",
    "/consortia/samen-verder-noord/werkruimte/cycli/nieuw/",
    "/consortia/samen-verder-noord/werkruimte/cycli/2/",
    "/consortia/samen-verder-noord/werkruimte/cycli/2/bewerken/",
    "/consortia/samen-verder-noord/aanpakken/",
    "/consortia/samen-verder-noord/aanpakken/nieuw/",
    "/accounts/email/",
    "/accounts/password/change/",
    "/accounts/2fa/",
]


@pytest.mark.parametrize("path", PUBLIC_PAGES)
def test_public_page_has_no_axe_violations(page: Page, path: str) -> None:
    page.goto(path)
    assert axe_violations(page) == []


def test_an_earlier_version_of_an_approach_has_no_axe_violations(page: Page) -> None:
    page.goto("/gereedschapskist/eigen-regiebudget/")
    page.locator("ol.versions a").first.click()
    page.wait_for_url(re.compile(r"/versie/\d+/$"))
    assert axe_violations(page) == []


def test_signed_in_pages_have_no_axe_violations(page: Page) -> None:
    sign_in(page, "coordinator@demo.tweedespoor.nl")
    found = {}
    for path in COORDINATOR_PAGES:
        response = page.goto(path)
        assert response is not None
        assert response.status == 200, path
        violations = axe_violations(page)
        if violations:
            found[path] = violations
    assert found == {}


def test_pages_with_form_errors_have_no_axe_violations(page: Page, live_site: LiveSite) -> None:
    login_slot()  # a refused attempt counts too
    page.goto("/accounts/login/")
    page.get_by_label("E-mail").fill("niet-een-adres")
    page.get_by_label("Wachtwoord").fill("fout")
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()
    assert axe_violations(page) == []

    sign_in(page, "coordinator@demo.tweedespoor.nl")
    page.goto("/consortia/samen-verder-noord/uitnodigen/")
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()
    assert page.locator("[aria-invalid=true]").count() > 0
    assert axe_violations(page) == []

    page.goto("/consortia/samen-verder-noord/werkruimte/cycli/nieuw/")
    page.locator("#id_plan_question").fill("Bel 06-12345678")
    page.get_by_role("button", name="Cyclus opslaan").click()
    page.wait_for_load_state()
    expect(page.locator("#error-summary")).to_be_focused()
    assert axe_violations(page) == []


def test_two_step_pages_have_no_axe_violations(page: Page) -> None:
    sign_in(page, "onderzoeker@demo.tweedespoor.nl")
    assert "/accounts/2fa/authenticate" not in page.url
    for path in ["/accounts/2fa/", "/mijn/"]:
        page.goto(path)
        assert axe_violations(page) == [], path


def test_the_axe_check_itself_reports_violations(page: Page) -> None:
    """Guards the guard: a page with known faults must not pass."""
    page.set_content(
        '<html lang="nl"><head><title>fout</title></head>'
        '<body><main><h1>Fout</h1><img src="x.png"><input></main></body></html>'
    )
    found = " ".join(axe_violations(page))
    assert "image-alt" in found
    assert "label" in found


def test_draft_preview_and_draft_form_errors_have_no_axe_violations(page: Page) -> None:
    sign_in(page, "coordinator@demo.tweedespoor.nl")
    page.goto("/consortia/samen-verder-noord/aanpakken/")
    page.locator("details summary").first.click()  # the review history, opened
    assert axe_violations(page) == []
    page.get_by_role("link", name=re.compile("^Voorbeeld")).first.click()
    page.wait_for_url(re.compile(r"/voorbeeld/$"))
    assert axe_violations(page) == []
    page.goto("/consortia/samen-verder-noord/aanpakken/nieuw/")
    page.get_by_role("button", name="Concept opslaan").click()
    page.wait_for_load_state()
    expect(page.locator("#error-summary")).to_be_focused()
    assert axe_violations(page) == []


def test_reopening_and_restoring_cycles_have_no_axe_violations(page: Page) -> None:
    sign_in(page, "coordinator@demo.tweedespoor.nl")
    page.goto("/consortia/samen-verder-noord/werkruimte/cycli/1/")
    page.get_by_role("link", name="Deze cyclus heropenen").click()
    page.get_by_role("button", name="Heropenen").click()  # without a reason: an error
    page.wait_for_load_state()
    expect(page.locator("#error-summary")).to_be_focused()
    assert axe_violations(page) == []
    page.goto("/consortia/samen-verder-noord/werkruimte/cycli/2/")
    page.get_by_role("button", name="Van de tijdlijn halen").click()
    page.wait_for_url(re.compile(r"/werkruimte/$"))
    expect(page.locator("#deleted-heading")).to_be_visible()
    assert axe_violations(page) == []
    page.get_by_role("button", name=re.compile("^Terugzetten")).first.click()
    page.wait_for_url(re.compile(r"/werkruimte/$"))
    expect(page.locator("#deleted-heading")).to_have_count(0)
