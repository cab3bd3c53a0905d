"""The experience-expert panel's review rounds in a real browser, on the demo site: a panel member
gives advice by keyboard only at 200 % zoom (with the autosave surviving a lost connection), and
every panel page each role opens has no axe violations.

Shared state: only the first test changes anything. It sends panel@'s advice in the open demo
round (“Concept: folder …”), in which panel@ had not started; no other test touches that advice
(the last test only reads its form). The other tests read the demo rounds as seeded, so they do
not depend on the order. Round ids are not fixed: each test finds its round by its title.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable

from playwright.sync_api import Page, expect

from tests.browser.conftest import Visitor, axe_violations, tab_to

PANEL_MEMBER = "panel@demo.tweedespoor.nl"  # Sanne; invited to the answered and the open round
STAFF = "programmastaf@demo.tweedespoor.nl"  # signs in with the demo TOTP code
COMMITTEE = "commissie@demo.tweedespoor.nl"
COORDINATOR = "coordinator@demo.tweedespoor.nl"  # Samen Verder Noord

PANEL = "/panel/"
ANSWERED = "Plan van aanpak uitvoeringsfase: de Overstapcoach"  # Samen Verder Noord answered it
SUMMARISED = "Subsidieaanvraag verlenging: Het Goede Gesprek"  # closed, with a summary
OPEN = "Concept: folder ‘Wat is het 2e spoor?’ voor werknemers"  # panel@ has not started
REQUESTED = "Projectplan ontwikkelfase: proefplaatsen in Zeeland"  # waits for programme staff
REQUEST_FORM = "/consortia/samen-verder-noord/paneladvies/aanvragen/"

# While the context is offline, Chromium logs the autosave's failed request as a console error.
OFFLINE_REQUEST = re.compile(r"Failed to load resource: net::ERR_INTERNET_DISCONNECTED")

FOCUS_STYLE = """() => {
  const el = document.activeElement;
  const style = getComputedStyle(el);
  return {
    tag: el.tagName, name: el.name || el.id || (el.innerText || '').trim().slice(0, 40),
    outline: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2,
    shadow: style.boxShadow !== 'none',
  };
}"""

ADVICE = {
    "works": "Korte zinnen. De foto van een gewone werkplek maakt het minder eng.",
    "worries": "- Het woord re-integratie is moeilijk.\n- Er staat geen telefoonnummer op.",
    "answer_1": "Bijna. Ik moest spoor twee twee keer lezen.",
    "conditions": "Zet er een telefoonnummer van een ervaringsdeskundige op.",
}
OFFLINE_COMMENT = "Dit typte ik in de trein, zonder verbinding."


def _round_path(page: Page, title: str) -> str:
    """The path of the round's link on the panel's start page (the advice form, for a round that
    asks the viewer's advice; the round page otherwise)."""
    page.goto(PANEL)
    href = page.locator("main").get_by_role("link", name=title, exact=True).get_attribute("href")
    assert href, title
    return href


def _round_pk(path: str) -> int:
    found = re.search(r"/panel/rondes/(\d+)/", path)
    assert found, path
    return int(found.group(1))


def _assert_no_horizontal_scroll(page: Page) -> None:
    """WCAG 1.4.10: at 200 % (640 CSS pixels wide) the page reflows instead of scrolling."""
    scroll_width, inner_width = page.evaluate(
        "[document.documentElement.scrollWidth, window.innerWidth]"
    )
    assert scroll_width <= inner_width, f"{page.url} scrolls sideways: {scroll_width}"


def _assert_focus_visible(page: Page) -> None:
    """The focused element shows a focus indicator and is scrolled into view."""
    state = page.evaluate(FOCUS_STYLE)
    assert state["outline"] or state["shadow"], state
    expect(page.locator(":focus")).to_be_in_viewport()


def _type_line_by_line(page: Page, text: str) -> None:
    """Types into the focused textarea; Enter starts a new line, as it does for a person."""
    for number, line in enumerate(text.split("\n")):
        if number:
            page.keyboard.press("Enter")
        page.keyboard.type(line)


def _stored_drafts(page: Page) -> dict[str, dict]:
    """The autosave's backups on this device: localStorage keys `tsp-panel-advice-…`."""
    stored = page.evaluate(
        """() => Object.fromEntries(Object.keys(localStorage)
            .filter(key => key.startsWith('tsp-panel-advice-'))
            .map(key => [key, localStorage.getItem(key)]))"""
    )
    return {key: json.loads(value) for key, value in stored.items()}


def _wait_until_the_server_has_it(page: Page) -> None:
    """The autosave saved everything typed: the time of the save is shown, and the device's
    backup is gone (the script forgets it only after a save with nothing typed since)."""
    page.wait_for_function(
        """() => {
            const form = document.getElementById('advice-form');
            return localStorage.getItem(form.dataset.storageKey) === null
                && document.getElementById('autosave-status').textContent.trim() !== ''
                && document.getElementById('autosave-time').textContent.trim() !== '';
        }""",
        timeout=25_000,
    )


def _message(page: Page, name: str) -> str:
    """One of the autosave's status texts, as the form carries it (translated or not)."""
    text = page.locator("#advice-form").get_attribute(f"data-msg-{name}")
    assert text, name
    return text


def _fill_in_the_advice_by_keyboard(page: Page) -> None:
    tab_to(page, "textarea[name=works]")
    _assert_focus_visible(page)
    page.keyboard.type(ADVICE["works"])
    page.keyboard.press("Tab")
    expect(page.locator("textarea[name=worries]")).to_be_focused()
    _type_line_by_line(page, ADVICE["worries"])
    tab_to(page, "textarea[name=answer_1]", limit=3)  # past "what is missing", left empty
    page.keyboard.type(ADVICE["answer_1"])
    # The radio group is one stop: with nothing chosen, Tab reaches its first option; the arrow
    # keys choose.
    tab_to(page, "input[name=recommendation][value=steun]", limit=5)
    _assert_focus_visible(page)
    page.keyboard.press("ArrowDown")
    conditional = page.locator("input[name=recommendation][value=steun-onder-voorwaarden]")
    expect(conditional).to_be_focused()
    expect(conditional).to_be_checked()
    page.keyboard.press("Tab")
    expect(page.locator("textarea[name=conditions]")).to_be_focused()
    page.keyboard.type(ADVICE["conditions"])


def _assert_the_advice_is_there(page: Page) -> None:
    for name, text in ADVICE.items():
        expect(page.locator(f"textarea[name={name}]")).to_have_value(text)
    expect(
        page.locator("input[name=recommendation][value=steun-onder-voorwaarden]")
    ).to_be_checked()


def _the_autosave_survives_a_lost_connection(visitor: Visitor, pk: int) -> None:
    """Offline, the text typed stays on the device and the status says so; back online, the
    server gets it, and it is still there after a reload."""
    page = visitor.page
    tab_to(page, "textarea[name=comments]", limit=80)
    visitor.context.set_offline(True)
    page.keyboard.type(OFFLINE_COMMENT)
    page.wait_for_timeout(3_000)  # the autosave tries 2 s after typing stops
    expect(page.locator("#autosave-status")).to_have_text(_message(page, "offline"))
    drafts = _stored_drafts(page)
    assert list(drafts) == [page.locator("#advice-form").get_attribute("data-storage-key")]
    (key,) = drafts
    assert key.startswith(f"tsp-panel-advice-{pk}-")
    assert drafts[key]["fields"]["comments"] == OFFLINE_COMMENT
    assert drafts[key]["fields"]["works"] == ADVICE["works"]

    visitor.context.set_offline(False)
    _wait_until_the_server_has_it(page)
    expect(page.locator("#autosave-status")).to_have_text(_message(page, "saving"))
    page.reload()
    assert _stored_drafts(page) == {}  # so what the form shows came from the server
    expect(page.locator("textarea[name=comments]")).to_have_value(OFFLINE_COMMENT)
    _assert_the_advice_is_there(page)


def test_a_panel_member_gives_advice_by_keyboard_only_at_200_percent_zoom(
    visit: Callable[..., Visitor],
) -> None:
    visitor = visit(PANEL_MEMBER, zoom=True)
    page = visitor.page
    page.goto(PANEL)
    assert axe_violations(page) == []
    _assert_no_horizontal_scroll(page)

    tab_to(page, page.locator("main").get_by_role("link", name=OPEN, exact=True), limit=80)
    _assert_focus_visible(page)
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/panel/rondes/\d+/advies/$"))
    pk = _round_pk(page.url)
    expect(page.locator("textarea[name=works]")).to_have_value("")  # panel@ had not started
    assert axe_violations(page) == []
    _assert_no_horizontal_scroll(page)

    _fill_in_the_advice_by_keyboard(page)
    _wait_until_the_server_has_it(page)
    page.reload()
    assert _stored_drafts(page) == {}  # so what the form shows came from the server
    _assert_the_advice_is_there(page)
    _assert_no_horizontal_scroll(page)

    _the_autosave_survives_a_lost_connection(visitor, pk)

    tab_to(page, "button[name=send]", limit=80)
    _assert_focus_visible(page)
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(rf"/panel/rondes/{pk}/$"))
    expect(page.locator(".messages .message--success")).to_be_visible()
    expect(page.locator("main")).to_contain_text(ADVICE["works"])
    assert axe_violations(page) == []
    _assert_no_horizontal_scroll(page)
    visitor.assert_no_script_errors(OFFLINE_REQUEST)


def test_without_javascript_a_panel_member_reads_what_was_done_with_each_point(
    visit: Callable[..., Visitor],
) -> None:
    from action_research.demo.panel import ANSWERS

    reader = visit(PANEL_MEMBER, javascript=False)
    page = reader.page
    path = _round_path(page, ANSWERED)
    page.goto(path)
    points = page.locator("main ol.advice-points > li")
    expect(points).to_have_count(6)  # panel@'s two worries, one missing point, a condition, …
    intervision = next(reason for _response, reason in ANSWERS if "intervisie" in reason)
    expect(points.filter(has_text=intervision)).to_have_count(1)
    for _response, reason in ANSWERS[:6]:  # panel@'s advice is the first of the round
        expect(page.locator("main")).to_contain_text(reason)

    # axe itself needs JavaScript (its timers never run in a context without it), so it checks
    # the same page, which has no script of its own, in a context with JavaScript.
    checker = visit(PANEL_MEMBER)
    checker.page.goto(path)
    expect(checker.page.locator("main")).to_contain_text(intervision)
    assert axe_violations(checker.page) == []
    checker.assert_no_script_errors()


def test_the_pages_programme_staff_run_rounds_on_have_no_axe_violations(
    visit: Callable[..., Visitor],
) -> None:
    staff = visit(STAFF)
    page = staff.page
    request = _round_path(page, REQUESTED)
    assert axe_violations(page) == [], PANEL
    expect(page.locator("main").get_by_role("link", name=REQUESTED, exact=True)).to_be_visible()

    page.goto(request)
    decline = page.locator(f"main form[action='/panel/rondes/{_round_pk(request)}/afwijzen/']")
    expect(decline.locator("textarea[name=reason]")).to_be_visible()
    expect(
        page.locator(f"main a[href$='/panel/rondes/{_round_pk(request)}/bewerken/']")
    ).to_be_visible()
    assert axe_violations(page) == [], request

    page.goto("/panel/rondes/nieuw/")
    expect(page.locator("main form input[name=title]")).to_be_visible()
    expect(page.locator("main form input[name=invitees]").first).to_be_visible()
    assert axe_violations(page) == [], page.url

    summarised = _round_path(page, SUMMARISED)
    page.goto(summarised)
    summary = page.locator(
        f"main form[action='/panel/rondes/{_round_pk(summarised)}/samenvatting/']"
    )
    expect(summary.locator("textarea[name=summary]")).to_be_visible()
    assert axe_violations(page) == [], summarised
    staff.assert_no_script_errors()


def test_the_consortium_finds_its_answers_prefilled_and_reaches_save_by_keyboard(
    visit: Callable[..., Visitor],
) -> None:
    from action_research.demo.panel import ANSWERS

    coordinator = visit(COORDINATOR)
    page = coordinator.page
    round_path = _round_path(page, ANSWERED)
    page.goto(round_path)
    answer_link = page.locator(f"main a[href='{round_path}reactie/']")
    tab_to(page, answer_link, limit=120)
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(rf"{round_path}reactie/$"))
    assert axe_violations(page) == []

    reasons = page.locator("main form textarea[name^=reason_]")
    expect(reasons).to_have_count(len(ANSWERS))
    assert sorted(reasons.evaluate_all("els => els.map(el => el.value)")) == sorted(
        reason for _response, reason in ANSWERS
    )
    checked = page.locator("main form input[type=radio][name^=response_]:checked")
    assert sorted(checked.evaluate_all("els => els.map(el => el.value)")) == sorted(
        response for response, _reason in ANSWERS
    )

    save = page.locator("main form button[type=submit]")
    tab_to(page, save, limit=200)
    _assert_focus_visible(page)
    coordinator.assert_no_script_errors()


def test_the_committee_reads_the_advice_without_the_real_names(
    visit: Callable[..., Visitor],
) -> None:
    from accounts.demo import PANEL_MEMBERS

    committee = visit(COMMITTEE)
    page = committee.page
    summarised = _round_path(page, SUMMARISED)
    page.goto(summarised)
    expect(page.locator("main article.advice")).to_have_count(3)
    assert axe_violations(page) == [], summarised

    answered = _round_path(page, ANSWERED)
    page.goto(answered)
    advice = page.locator("main article.advice")
    expect(advice).to_have_count(3)
    # One member sent this advice with "without my name": a number, not a name.
    expect(
        advice.locator("h3", has_text=re.compile(r"^(panellid|panel member) \d+$"))
    ).to_have_count(1)
    text = page.locator("body").inner_text()
    for real_name in ["Sanne Visser", *(full for _mailbox, _display, full in PANEL_MEMBERS)]:
        assert real_name not in text, real_name
    assert "@demo.tweedespoor.nl" not in page.locator("main").inner_text()
    assert axe_violations(page) == [], answered
    committee.assert_no_script_errors()


def test_the_consortiums_request_form_has_no_axe_violations(
    visit: Callable[..., Visitor],
) -> None:
    coordinator = visit(COORDINATOR)
    page = coordinator.page
    page.goto(REQUEST_FORM)
    expect(page.locator("main form input[name=title]")).to_be_visible()
    expect(page.locator("main form input[type=file][name=document]")).to_be_visible()
    assert axe_violations(page) == []
    coordinator.assert_no_script_errors()


def test_every_help_text_on_the_advice_form_is_linked_to_its_field(
    visit: Callable[..., Visitor],
) -> None:
    """Reads the open round's advice form only; it changes nothing."""
    page = visit(PANEL_MEMBER).page
    page.goto(_round_path(page, OPEN))
    expect(page.locator("#advice-form")).to_be_visible()
    dangling = page.evaluate(
        """() => [...document.querySelectorAll('[aria-describedby]')].flatMap(el =>
            el.getAttribute('aria-describedby').split(/\\s+/).filter(Boolean)
              .filter(id => !document.getElementById(id)).map(id => `${el.id} → ${id}`))"""
    )
    unlinked = page.evaluate(
        """() => [...document.querySelectorAll('#advice-form .form-field__help')]
            .filter(help => !document.querySelector(`[aria-describedby~="${help.id}"]`))
            .map(help => help.id)"""
    )
    assert (dangling, unlinked) == ([], [])
