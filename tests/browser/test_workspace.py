"""Consortium workspaces in a real browser: every page passes axe, and the main tasks (logging a
cycle, importing a file, recording a follow-up) work with the keyboard only."""

from __future__ import annotations

import re
from pathlib import Path

from playwright.sync_api import Page, expect

from tests.browser.conftest import axe_violations, sign_in

W = "/consortia/samen-verder-noord/werkruimte/"

STATIC_PAGES = [
    W,
    W + "project/",
    W + "activiteit/",
    W + "verwijderd/",
    W + "cycli/1/",
    W + "procesevaluatie/",
    W + "procesevaluatie/nieuw/",
    W + "trajecten/",
    W + "trajecten/?uitkomst=plaatsing-2e-spoor",
    W + "trajecten/nieuw/",
    W + "trajecten/opvolging/",
    W + "trajecten/codes/",
    W + "kosten/",
    W + "kosten/nieuw/",
    W + "ervaringsdeskundigheid/",
    W + "ervaringsdeskundigheid/deskundigen/nieuw/",
    W + "ervaringsdeskundigheid/inbreng/nieuw/",
    W + "ervaringsdeskundigheid/gripp2/",
    W + "gegevens/",
    W + "gegevens/importeren/trajecten/",
    W + "gegevens/codeboek/trajecten/",
    W + "gegevens/codeboek/cycli/",
]


def _axe_all(page: Page, paths: list[str]) -> dict[str, list[str]]:
    found = {}
    for path in paths:
        response = page.goto(path)
        assert response is not None
        assert response.status == 200, path
        violations = axe_violations(page)
        if violations:
            found[path] = violations
    return found


def _first_link(page: Page, list_path: str, pattern: str, within: str = "table") -> str:
    page.goto(list_path)
    href = page.locator(f"main {within} a[href*='{pattern}']").first.get_attribute("href")
    assert href, pattern
    return href


def test_every_workspace_page_has_no_axe_violations(page: Page) -> None:
    sign_in(page, "coordinator@demo.tweedespoor.nl")
    found = _axe_all(page, STATIC_PAGES)
    # Pages of single records, reached from their lists.
    trajectory = _first_link(page, W + "trajecten/", "/trajecten/TS-")
    period = _first_link(page, W + "procesevaluatie/", "/procesevaluatie/")
    history = _first_link(page, W + "activiteit/", "/geschiedenis/", within=".activity")
    batch = _first_link(page, W + "gegevens/", "/importen/")
    expert = _first_link(page, W + "ervaringsdeskundigheid/", "/deskundigen/")
    cost = _first_link(page, W + "kosten/", "/kosten/")
    found |= _axe_all(
        page,
        [
            trajectory,
            trajectory + "bewerken/",
            period,
            period + "bewerken/",
            history,
            batch,
            expert,
            cost,
        ],
    )
    assert found == {}


def test_workspace_forms_with_errors_have_no_axe_violations(page: Page, tmp_path: Path) -> None:
    sign_in(page, "coordinator@demo.tweedespoor.nl")
    # Impossible numbers in the process evaluation: more invited than eligible.
    page.goto(W + "procesevaluatie/nieuw/")
    page.locator("#id_period").fill("2019-Q1")
    page.locator("#id_eligible").fill("10")
    page.locator("#id_invited").fill("25")
    page.get_by_role("button", name="Periode opslaan").click()
    page.wait_for_load_state()
    expect(page.locator("#error-summary")).to_be_focused()
    expect(page.locator("#id_period_errors")).to_be_visible()
    assert axe_violations(page) == []
    for path in (
        W + "trajecten/nieuw/",
        W + "kosten/nieuw/",
        W + "ervaringsdeskundigheid/inbreng/nieuw/",
    ):
        page.goto(path)
        page.get_by_role("button", name="Opslaan").click()
        page.wait_for_load_state()
        expect(page.locator("#error-summary")).to_be_focused()
        assert axe_violations(page) == [], path
    # A rejected import shows every problem in a table.
    bad = tmp_path / "kosten.csv"
    bad.write_text(
        "periode,categorie,betaler,omschrijving,bedrag_eur\n2026-Q5,koffie,werknemer,Mail jan@voorbeeld.nl,-3\n",
        encoding="utf-8",
    )
    page.goto(W + "gegevens/importeren/kosten/")
    page.locator("#id_file").set_input_files(str(bad))
    page.get_by_role("button", name="Importeren", exact=True).click()
    page.wait_for_load_state()
    expect(page.locator("#error-summary")).to_be_focused()
    # every cell in the row is reported: period, category, personal data and the negative amount
    assert page.locator("table.import-errors tbody tr").count() >= 4
    assert axe_violations(page) == []


def test_a_member_imports_costs_with_the_keyboard_only(page: Page, tmp_path: Path) -> None:
    upload = tmp_path / "kosten-kwartaal.csv"
    upload.write_text(
        "periode;categorie;betaler;omschrijving;bedrag_eur;aantal;eenheid\n"
        "2026-Q1;scholing;verzekeraar;Cursus heftruck rijden;1.450,00;1;stuks\n"
        "2026-Q1;werkplekaanpassing;nieuwe-werkgever;Aangepaste bureaustoel;385,50;;\n",
        encoding="utf-8",
    )
    # Playwright intercepts file dialogs only once a listener exists; registering it late can
    # miss the first dialog, so register it before anything happens.
    page.on("filechooser", lambda _chooser: None)
    sign_in(page, "coordinator@demo.tweedespoor.nl")
    page.goto(W + "gegevens/")
    page.get_by_role("link", name=re.compile("^Bestand uploaden.*kosten")).focus()
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/importeren/kosten/$"))
    page.get_by_role("link", name="Codeboek", exact=True).focus()
    page.keyboard.press("Tab")  # from the last link before the form to the file field
    expect(page.locator("#id_file")).to_be_focused()
    with page.expect_file_chooser() as chooser:
        page.keyboard.press("Space")  # opens the file dialog
    chooser.value.set_files(str(upload))
    page.keyboard.press("Tab")  # to the Import button
    expect(page.get_by_role("button", name="Importeren", exact=True)).to_be_focused()
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/importen/\d+/$"))
    expect(page.locator("main dl")).to_contain_text("2")  # two new records
    expect(page.locator("main")).to_contain_text("Cursus heftruck rijden")
    assert axe_violations(page) == []
    # The same file again changes nothing, and the page says so.
    page.goto(W + "gegevens/importeren/kosten/")
    page.locator("#id_file").set_input_files(str(upload))
    page.get_by_role("button", name="Importeren", exact=True).click()
    page.wait_for_url(re.compile(r"/importen/\d+/$"))
    expect(page.locator("main .message")).to_be_visible()


def test_a_member_records_a_follow_up_with_the_keyboard_only(page: Page) -> None:
    sign_in(page, "coordinator@demo.tweedespoor.nl")
    page.goto(W + "trajecten/opvolging/")
    status = page.locator("main p[role=status]")
    before = int(re.search(r"\d+", status.inner_text()).group())  # type: ignore[union-attr]
    first_yes = page.locator("main form.follow-up-form input[value=ja]").first  # due now
    first_yes.focus()
    page.keyboard.press("Space")
    expect(first_yes).to_be_checked()
    page.keyboard.press("Tab")  # out of the radio group, onto the button of the same row
    assert page.evaluate("document.activeElement.tagName") == "BUTTON"
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/trajecten/opvolging/"))
    expect(page.locator(".message--success")).to_be_visible()
    if before > 1:
        expect(status).not_to_contain_text(str(before))


def test_an_experience_expert_sees_only_what_the_consortium_shares(page: Page) -> None:
    sign_in(page, "ervaringsdeskundige@demo.tweedespoor.nl")
    page.goto(W)
    nav = page.locator("nav.workspace-nav")
    expect(nav).to_contain_text("Procesevaluatie")
    expect(nav).not_to_contain_text("Trajecten")
    expect(nav).not_to_contain_text("Kosten")
    assert axe_violations(page) == []
    response = page.goto(W + "trajecten/")
    assert response is not None
    assert response.status == 403
    page.goto(W + "ervaringsdeskundigheid/")
    expect(page.locator("table.matrix")).to_be_visible()
    assert axe_violations(page) == []
