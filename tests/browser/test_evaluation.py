"""The evaluation pages in a real browser, on the demo site: no axe violations, charts with a
text alternative next to their table, and the figures reachable by keyboard only (the table of
contents jumps to each figure; each scrollable table takes focus)."""

from __future__ import annotations

from collections.abc import Callable

from playwright.sync_api import expect

from tests.browser.conftest import Visitor, axe_violations, tab_to

DASHBOARD = "/evaluatie/"
COMMITTEE = "commissie@demo.tweedespoor.nl"
STAFF = "programmastaf@demo.tweedespoor.nl"  # signs in with the demo TOTP code
EXPORTS = "/evaluatie/export/"
COORDINATOR = "coordinator@demo.tweedespoor.nl"  # Samen Verder Noord
OWN_PROJECT = "/evaluatie/projecten/samen-verder-noord/"


def test_the_dashboard_and_a_project_page_have_no_axe_violations(
    visit: Callable[..., Visitor],
) -> None:
    committee = visit(COMMITTEE)
    for path in (DASHBOARD, OWN_PROJECT):
        committee.page.goto(path)
        expect(committee.page.locator("h1")).to_be_visible()
        assert axe_violations(committee.page) == [], path
    coordinator = visit(COORDINATOR)
    coordinator.page.goto(OWN_PROJECT)
    assert axe_violations(coordinator.page) == []
    committee.assert_no_script_errors()
    coordinator.assert_no_script_errors()


def test_every_chart_has_a_title_and_a_table_with_the_same_figures(
    visit: Callable[..., Visitor],
) -> None:
    page = visit(COMMITTEE).page
    page.goto(DASHBOARD)

    charts = page.locator("svg.chart[role=img]")
    assert charts.count() >= 2
    for index in range(charts.count()):
        chart = charts.nth(index)
        assert chart.locator("title").text_content()
        caption = chart.evaluate(
            "svg => svg.closest('section').querySelector('table caption').textContent"
        )
        assert caption


def test_the_figures_are_reached_with_the_keyboard_only(visit: Callable[..., Visitor]) -> None:
    page = visit(COMMITTEE).page
    page.goto(DASHBOARD)
    toc = page.locator("nav.evaluation-toc a")
    target = toc.filter(has_text="Bereik")

    # Tab to the table-of-contents link for reach, then follow it with Enter.
    for _ in range(80):
        page.keyboard.press("Tab")
        if target.evaluate("link => link === document.activeElement"):
            break
    else:
        raise AssertionError("the link to the reach figure was never focused")
    page.keyboard.press("Enter")
    expect(page).to_have_url(f"{page.url.split('#')[0].split('?')[0]}#fig-reach")

    # The table of that figure takes focus, so it scrolls by keyboard on a narrow screen.
    region = page.locator("#fig-reach").locator("xpath=..").locator(".table-wrapper")
    for _ in range(10):
        page.keyboard.press("Tab")
        if region.evaluate("el => el === document.activeElement"):
            break
    else:
        raise AssertionError("the table of the reach figure never took focus")


def test_the_export_page_has_no_axe_violations_and_its_files_download_by_keyboard(
    visit: Callable[..., Visitor],
) -> None:
    staff = visit(STAFF)
    page = staff.page
    page.goto(EXPORTS)
    assert axe_violations(page) == []
    link = page.get_by_role("link", name="Trajecten als SAV")

    link.focus()
    with page.expect_download() as download:
        page.keyboard.press("Enter")

    assert download.value.suggested_filename.startswith("trajecten-")
    assert download.value.suggested_filename.endswith(".sav")
    page.goto(OWN_PROJECT)
    assert axe_violations(page) == []
    staff.assert_no_script_errors()


COST_BENEFITS = "/evaluatie/projecten/samen-verder-noord/kosten-baten/"


def test_a_cost_benefit_analysis_is_set_up_and_read_by_keyboard_without_axe_violations(
    visit: Callable[..., Visitor],
) -> None:
    coordinator = visit(COORDINATOR)
    page = coordinator.page
    page.goto(COST_BENEFITS)
    assert axe_violations(page) == []

    tab_to(page, page.get_by_role("link", name="Nieuwe analyse"), limit=120)
    page.keyboard.press("Enter")
    expect(page.locator("h1")).to_have_text("Nieuwe kosten-batenanalyse")
    assert axe_violations(page) == []
    tab_to(page, page.get_by_label("Titel"), limit=120)
    page.keyboard.type("Scenario met korte horizon")
    horizon = page.get_by_role("group", name="Tijdshorizon").get_by_label("Waarde (jaar)")
    tab_to(page, horizon, limit=200)
    page.keyboard.press("Control+A")
    page.keyboard.type("1")
    tab_to(page, page.locator("main form button[type=submit]"), limit=200)
    page.keyboard.press("Enter")

    expect(page.locator("h1")).to_have_text("Scenario met korte horizon")
    charts = page.locator("svg.chart[role=img]")
    expect(charts).to_have_count(2)
    assert charts.first.locator("title").text_content()
    assert "1\u00a0jaar" in page.locator("#cap-assumptions").locator("xpath=..").inner_text()
    assert axe_violations(page) == []
    coordinator.assert_no_script_errors()


def test_the_measured_result_on_the_approach_page_has_no_axe_violations(
    visit: Callable[..., Visitor],
) -> None:
    visitor = visit(None)
    page = visitor.page
    page.goto("/gereedschapskist/werkervaringsplaatsen-mkb-netwerk/")

    expect(
        page.get_by_role("heading", name="Gemeten in het project: Basisscenario 2026")
    ).to_be_visible()
    page.get_by_text("De aannames van deze berekening, met hun bronnen").click()
    assert axe_violations(page) == []
    visitor.assert_no_script_errors()


def test_the_annual_report_has_no_axe_violations_and_a_print_button_for_the_keyboard(
    visit: Callable[..., Visitor],
) -> None:
    committee = visit(COMMITTEE)
    page = committee.page
    page.goto(DASHBOARD)
    tab_to(page, page.get_by_role("link", name="Jaarverslagen", exact=False), limit=120)
    page.keyboard.press("Enter")

    expect(page.locator("h1")).to_contain_text("Jaarverslag")
    assert page.locator("#lessons-list").is_visible()
    assert axe_violations(page) == []
    button = page.get_by_role("button", name="Afdrukken of als pdf bewaren")
    expect(button).to_be_visible()  # shown by site.js; without JavaScript it stays hidden
    page.evaluate("window.print = () => { window.printed = true; }")
    tab_to(page, button, limit=120)
    page.keyboard.press("Enter")
    assert page.evaluate("window.printed === true")
    committee.assert_no_script_errors()
