"""Everything works by keyboard alone, and the keyboard focus is always visible."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect

from tests.browser.conftest import DEMO_PASSWORD, login_slot

FOCUS_STYLE = """() => {
  const el = document.activeElement;
  const style = getComputedStyle(el);
  return {
    tag: el.tagName, text: (el.innerText || el.value || el.name || '').trim().slice(0, 40),
    outline: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2,
    shadow: style.boxShadow !== 'none',
    visible: el.getBoundingClientRect().width > 0 && el.getBoundingClientRect().height > 0,
  };
}"""


def test_the_first_tab_reaches_the_skip_link_which_moves_focus_to_the_content(page: Page) -> None:
    page.goto("/gereedschapskist/")
    page.keyboard.press("Tab")
    skip = page.locator("a.skip-link")
    expect(skip).to_be_focused()
    expect(skip).to_be_in_viewport()
    page.keyboard.press("Enter")
    expect(page.locator("main#main-content")).to_be_focused()
    # The next Tab continues inside the content, not back in the header.
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.closest('main') !== null")


def test_every_focus_stop_on_the_home_page_shows_a_visible_focus_indicator(page: Page) -> None:
    page.goto("/")
    seen = 0
    for _ in range(40):
        page.keyboard.press("Tab")
        state = page.evaluate(FOCUS_STYLE)
        if state["tag"] == "BODY":
            break
        seen += 1
        assert state["visible"], state
        assert state["outline"] or state["shadow"], state
    assert seen >= 8


def test_a_member_signs_in_and_out_with_the_keyboard_only(page: Page) -> None:
    login_slot()
    page.goto("/accounts/login/")
    page.locator("main").focus()
    # Tab until the e-mail field has focus, as a keyboard user would.
    for _ in range(10):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.type") == "email":
            break
    page.keyboard.type("coordinator@demo.tweedespoor.nl")
    page.keyboard.press("Tab")
    page.keyboard.type(DEMO_PASSWORD)
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/mijn/$"))
    expect(page.get_by_role("heading", level=1)).to_contain_text("Marieke")


def test_the_toolbox_filters_work_with_the_keyboard_only(page: Page) -> None:
    page.goto("/gereedschapskist/")
    theme = page.locator("input[name=thema][value=rouwverwerking]")
    theme.focus()
    page.keyboard.press("Space")
    expect(theme).to_be_checked()
    page.locator("#finder-q").focus()
    page.keyboard.type("afscheid")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"thema=rouwverwerking"))
    results = page.locator("#finder-results .approach-list > li")
    expect(results.first).to_be_visible()
    expect(page.locator("#finder-results")).to_contain_text("Rouwbegeleiding")
    # After the search, focus is on the results heading and the next Tab reaches the first result.
    expect(page.locator("#results-heading")).to_be_focused()
    page.wait_for_timeout(600)  # a pending type-ahead update must not steal the focus
    expect(page.locator("#results-heading")).to_be_focused()
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.tagName") == "A"


def test_the_guided_finder_and_the_comparison_work_with_the_keyboard_only(page: Page) -> None:
    page.goto("/gereedschapskist/")
    page.get_by_role("link", name=re.compile("vier vragen")).focus()
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/keuzehulp/$"))
    # Radio groups: Tab into a group, arrow keys choose within it.
    page.locator("input[name=rol]").first.focus()
    page.keyboard.press("Space")
    page.keyboard.press("Tab")  # to the next group: the sickness period
    page.keyboard.press("ArrowDown")  # 6 to 13 weeks
    expect(page.locator("input[name=periode][value='6-13']")).to_be_checked()
    page.keyboard.press("Enter")  # submits the form
    page.wait_for_url(re.compile(r"periode=6-13"))
    heading = page.locator("#guide-results-heading")
    expect(heading).to_be_visible()
    expect(page.locator(".guide__results .reasons").first).to_be_visible()

    # Tick two approaches in the listing and compare them.
    page.goto("/gereedschapskist/")
    for slug in ("snuffelstage-meeloopdagen", "eigen-regiebudget"):
        page.locator(f"#compare-{slug}").focus()
        page.keyboard.press("Space")
    page.get_by_role("button", name=re.compile("Vergelijk de gekozen")).focus()
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/vergelijk/\?"))
    expect(page.locator("table.compare th[scope=col]")).to_have_count(2)


def test_an_approach_prints_without_navigation_and_saves_as_pdf(page: Page) -> None:
    page.goto("/gereedschapskist/werkervaringsplaatsen-mkb-netwerk/")
    page.emulate_media(media="print")
    expect(page.locator(".site-nav")).to_be_hidden()
    expect(page.locator(".breadcrumbs")).to_be_hidden()
    expect(page.locator("article.approach h1")).to_be_visible()
    expect(page.locator("#steps-heading")).to_be_visible()
    pdf = page.pdf(format="A4")
    assert pdf.startswith(b"%PDF")
    assert len(pdf) > 20_000


def test_a_coordinator_logs_a_cycle_with_the_keyboard_only(page: Page) -> None:
    from tests.browser.conftest import sign_in

    sign_in(page, "coordinator@demo.tweedespoor.nl")
    page.goto("/consortia/samen-verder-noord/werkruimte/")
    page.get_by_role("link", name="Een nieuwe cyclus vastleggen").focus()
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/cycli/nieuw/$"))
    expect(page.locator("#id_period_start")).not_to_have_value("")  # today, as a date field
    page.locator("#id_plan_question").focus()
    page.keyboard.type("Helpt een vast aanspreekpunt bij de nieuwe werkgever?")
    page.keyboard.press("Tab")  # to the intended change
    page.keyboard.press("Control+A")
    page.keyboard.type("Eén coach als vast aanspreekpunt.")
    page.keyboard.press("Tab")  # to what was done
    page.keyboard.type("De coach belde elke week.")
    page.get_by_role("button", name="Cyclus opslaan").focus()
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/cycli/\d+/$"))
    expect(page.locator("h1")).to_contain_text("Cyclus")
    expect(page.locator("main")).to_contain_text("Helpt een vast aanspreekpunt")
    expect(page.locator("#history-heading")).to_be_visible()
