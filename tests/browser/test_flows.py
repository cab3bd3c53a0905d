"""The account journeys, end to end in a real browser against the real ASGI server."""

from __future__ import annotations

import re
import uuid

from playwright.sync_api import Browser, Page, expect

from tests.browser.conftest import (
    LiveSite,
    axe_violations,
    fresh_totp_code,
    login_slot,
    sign_in,
    totp_code,
)

NEW_PASSWORD = "Bruggen-bouwen-2026!"


def _link(text: str) -> str:
    match = re.search(r"https?://\S+", text)
    assert match, text
    return match.group(0)


def test_a_visitor_signs_up_confirms_the_email_address_and_lands_on_the_start_page(
    page: Page, live_site: LiveSite
) -> None:
    email = f"nieuw-{uuid.uuid4().hex[:8]}@voorbeeld.nl"
    page.goto("/accounts/signup/")
    page.locator("input[name=email]").fill(email)
    page.locator("input[name=display_name]").fill("Ria")
    page.locator("input[name=password1]").fill(NEW_PASSWORD)
    page.locator("input[name=password2]").fill(NEW_PASSWORD)
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(re.compile(r"/accounts/confirm-email/"))
    assert axe_violations(page) == []

    link = _link(live_site.last_mail_text(email))
    page.goto(link.replace("http://127.0.0.1:8000", live_site.url))
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(re.compile(r"/mijn/$"))
    expect(page.get_by_role("heading", level=1)).to_contain_text("Ria")


def test_sign_up_with_a_mismatched_password_shows_the_error_at_the_field(page: Page) -> None:
    page.goto("/accounts/signup/")
    page.locator("input[name=email]").fill(f"fout-{uuid.uuid4().hex[:8]}@voorbeeld.nl")
    page.locator("input[name=password1]").fill(NEW_PASSWORD)
    page.locator("input[name=password2]").fill(NEW_PASSWORD + "x")
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()
    assert "/accounts/signup/" in page.url
    expect(page.locator("input[name=password2]")).to_have_attribute("aria-invalid", "true")


def test_programme_staff_need_the_one_time_code_and_a_wrong_code_is_refused(page: Page) -> None:
    login_slot()
    page.goto("/accounts/login/")
    page.locator("input[name=login]").fill("programmastaf@demo.tweedespoor.nl")
    page.locator("input[name=password]").fill("Tweede-spoor-demo-2026")
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(re.compile(r"/accounts/2fa/authenticate/"))
    assert axe_violations(page) == []
    page.locator("input[name=code]").fill("000000" if totp_code() != "000000" else "111111")
    page.locator("main form button[type=submit]:not([form])").click()
    page.wait_for_load_state()
    assert "/accounts/2fa/authenticate/" in page.url
    expect(page.locator("input[name=code]")).to_have_attribute("aria-invalid", "true")
    page.locator("input[name=code]").fill(fresh_totp_code())
    page.locator("main form button[type=submit]:not([form])").click()
    page.wait_for_url(re.compile(r"/mijn/$"))


def test_an_invited_researcher_creates_an_account_sets_up_two_step_verification_and_the_coordinator_hears_it_live(
    browser: Browser, page: Page, live_site: LiveSite
) -> None:
    # The coordinator invites a researcher and keeps the start page open.
    email = f"onderzoeker-{uuid.uuid4().hex[:8]}@voorbeeld.nl"
    sign_in(page, "coordinator@demo.tweedespoor.nl")
    page.goto("/consortia/samen-verder-noord/uitnodigen/")
    page.locator("input[name=email]").fill(email)
    page.locator("select[name=consortium_role]").select_option("researcher")
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()
    expect(page.locator("main")).to_contain_text(email)
    page.goto("/mijn/")
    page.wait_for_function(
        "() => performance.getEntriesByType('resource').some(e => e.name.includes('live-notices'))"
    )
    page.wait_for_timeout(500)  # the socket opens after the script runs

    # The invitee follows the link in a browser of their own.
    invitee_context = browser.new_context(base_url=live_site.url, locale="nl-NL")
    invitee = invitee_context.new_page()
    link = _link(live_site.last_mail_text(email))
    invitee.goto(link.replace("http://127.0.0.1:8000", live_site.url))
    assert axe_violations(invitee) == []
    invitee.locator("input[name=full_name]").fill("Lotte van Dijk")
    invitee.locator("input[name=password1]").fill(NEW_PASSWORD)
    invitee.locator("input[name=password2]").fill(NEW_PASSWORD)
    invitee.locator("main form button[type=submit]").click()

    # Researchers must use two-step verification before anything else.
    invitee.wait_for_url(re.compile(r"/accounts/2fa/totp/activate/"))
    assert axe_violations(invitee) == []
    secret = invitee.locator("#authenticator_secret").input_value()
    invitee.locator("input[name=code]").fill(totp_code(secret))
    invitee.locator("main form button[type=submit]").click()
    invitee.wait_for_load_state()
    assert "/accounts/2fa/totp/activate/" not in invitee.url
    invitee.goto("/mijn/")
    assert invitee.url.endswith("/mijn/")
    expect(invitee.locator("main")).to_contain_text("Samen Verder Noord")
    invitee_context.close()

    # The coordinator sees the acceptance without reloading.
    expect(page.locator("#live-notices")).to_contain_text("Lotte van Dijk")


def test_a_coordinator_drafts_an_approach_and_submits_it_for_review(page: Page) -> None:
    title = f"Proefplaatsing in de zorg {uuid.uuid4().hex[:6]}"
    sign_in(page, "coordinator@demo.tweedespoor.nl")
    page.goto("/consortia/samen-verder-noord/aanpakken/")
    page.get_by_role("link", name="Een nieuwe aanpak beschrijven").click()
    page.get_by_label("Naam van de aanpak").fill(title)
    page.get_by_label("Samenvatting in eenvoudige taal").fill(
        "De werknemer werkt eerst een paar weken op proef bij een zorgorganisatie."
    )
    page.get_by_label("Welk probleem lost de aanpak op?").fill("Werkgevers durven niet.")
    page.get_by_label("Verlaging van drempels").check()
    page.get_by_label("Vanaf ziekteweek").fill("40")
    page.get_by_label("Tot en met ziekteweek").fill("80")
    page.locator("input[name='stap-0-title']").fill("Proefplaats zoeken")
    page.locator("textarea[name='stap-0-description']").fill("De coach zoekt een plek.")
    page.locator("input[name='stap-0-actors'][value='re-integratiebedrijf']").check()
    page.get_by_label("Wat is bekend over of het werkt?").fill("Drie trajecten.")
    page.get_by_label("Wat is er nodig om het te laten werken?").fill("Een no-riskpolis.")
    page.get_by_role("button", name="Concept opslaan").click()
    page.wait_for_url(re.compile(r"/aanpakken/$"))
    section = page.locator("section.approach-row", has_text=title)
    expect(section).to_contain_text("Concept")
    section.get_by_role("button", name=re.compile("Indienen ter beoordeling")).click()
    page.wait_for_url(re.compile(r"/aanpakken/$"))
    section = page.locator("section.approach-row", has_text=title)
    expect(section).to_contain_text("Wordt beoordeeld")
    expect(section).to_contain_text("Advies ervaringsdeskundigenpanel")
    # The public does not see it.
    slug = title.lower().replace(" ", "-")
    response = page.goto(f"/gereedschapskist/{slug}/")
    assert response is not None
    assert response.status == 404
