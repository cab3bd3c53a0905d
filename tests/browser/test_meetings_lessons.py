"""Meetings and lessons of the learning networks in a real browser: every page and every form with
errors passes axe, a member signs up for a meeting and proposes a lesson with the keyboard only,
a moderator confirms it with the keyboard, after which the public toolbox shows it without the
proposer's name, and a post's file downloads for members only.

Like the other browser tests these run against the session's `live_site` (the ASGI server on the
demo content of `seed_demo`, see `learning_network/demo.py` and `demo_gatherings.py`); the test
process never touches a database. That site is shared by every browser test of the session, in
any order: the tests here read the state they find, leave it as they found it (the sign-up) or
add only what nobody else looks for (a lesson with a text of its own).
"""

from __future__ import annotations

import random
import re
import string
from collections.abc import Callable
from typing import Any
from urllib.parse import parse_qs, urlsplit

from django.utils import translation
from django.utils.translation import gettext
from playwright.sync_api import Locator, Page, expect

from learning_network.models import LessonKind, LessonStatus
from tests.browser.conftest import BAD_REQUEST, Visitor, axe_violations

NETWORKS = "/leernetwerken/"
NETWORK_NAME = "Leernetwerk Goede dialoog"
NETWORK = "/leernetwerken/leernetwerk-goede-dialoog/"
MEETINGS = NETWORK + "bijeenkomsten/"
LESSONS = NETWORK + "lessen/"
PROPOSE = LESSONS + "voorstellen/"
NOORD = "/leernetwerken/regionaal-leernetwerk-noord-nederland/"
NOORD_MEETING = "Regiobijeenkomst Noord-Nederland"

COORDINATOR = "coordinator@demo.tweedespoor.nl"  # Marieke Jansen, moderator of Goede dialoog
MODERATOR_NAME = "Marieke Jansen"
PRACTITIONER = "praktijk@demo.tweedespoor.nl"  # Fatima Yilmaz, member through her consortium
EXPERT = "ervaringsdeskundige@demo.tweedespoor.nl"  # member through Samen Verder Noord
EXPERT_NAME, EXPERT_FULL_NAME = "Johan", "Johan de Wit"
PANEL = "panel@demo.tweedespoor.nl"  # member by name; not signed up for the online intervision
PANEL_NAME = "Ervaringsdeskundige Sanne"

UPCOMING = "Online intervisie: gesprekken die vastlopen"
UPCOMING_ONLINE = "https://meet.example.nl/goede-dialoog-intervisie"
PAST = "Leerbijeenkomst: het eerste gesprek over het tweede spoor"
PAST_MINUTES = "Aanwezig: 23 deelnemers uit 9 projecten, waarvan 4 ervaringsdeskundigen."
FIRST_CONVERSATION = "Het eerste gesprek over werk buiten de eigen werkgever: wanneer?"
RIGHTS_CONVERSATION = "Wat als de werknemer het niet eens is met het tweede spoor?"
FOLDER_POST = "Hierbij de tekst van onze folder over je rechten in het tweede spoor"
FOLDER_FILE = "folder-rechten-tweede-spoor.txt"
EXPERT_POST = "Als ervaringsdeskundige: voor mij voelde het eerste gesprek als ontslag."

# The demo lessons: two confirmed ones from the past meeting, one still proposed (by panel), one
# not confirmed in the Noord-Nederland network.
CONFIRMED_SUCCESS = "Begin het eerste gesprek over het tweede spoor met wat de werknemer nog"
CONFIRMED_CONDITION = "Leg in het eerste gesprek uit welke rechten niet veranderen"
PROPOSED_BOTTLENECK = "Plannen van aanpak noemen zelden wat een werknemer kan doen"
NOT_CONFIRMED_NOORD = "Een regionale vacaturepool werkt als werkgevers uit verschillende"
CONVERSATION_HELP = "gesprekshulp-tweede-spoor"  # both confirmed lessons link here
CHANCES_TALK = "kansrijkheidsgesprek-week-26"  # the confirmed success factor links here
VACANCY_POOL = "regionale-vacaturepool"  # the lesson that was not confirmed links here

FORM_BUTTON = "main form.form button[type=submit]"
LESSON_ITEMS = "main .lesson-list > li"

# The element with focus, and whether it shows a focus indicator (as in test_keyboard.py).
FOCUS_STATE = """() => {
  let element = document.activeElement;
  while (element.shadowRoot && element.shadowRoot.activeElement) {
    element = element.shadowRoot.activeElement;  // inside a web component (Wagtail's userbar)
  }
  const style = getComputedStyle(element);
  const box = element.getBoundingClientRect();
  return {
    tag: element.tagName,
    text: (element.innerText || element.value || element.name || "").trim().slice(0, 40),
    outline: style.outlineStyle !== "none" && parseFloat(style.outlineWidth) >= 2,
    shadow: style.boxShadow !== "none",
    visible: box.width > 0 && box.height > 0,
  };
}"""

# --- helpers --------------------------------------------------------------------------------------


def _label(choice: Any) -> str:
    """A choice's label as the Dutch site shows it (no database: the translation catalogue)."""
    with translation.override("nl"):
        return str(choice.label)


def _dutch(message: str) -> str:
    with translation.override("nl"):
        return gettext(message)


def _unique(prefix: str) -> str:
    """A text nobody else wrote (letters only, so it never looks like personal data)."""
    return f"{prefix} {''.join(random.choices(string.ascii_lowercase, k=10))}"


def _link(page: Page, path: str, text: str, scope: str = "main") -> str:
    """The address of the link with the text on the page at the path."""
    page.goto(path)
    link = page.locator(f"{scope} a", has_text=text).first
    href = link.get_attribute("href")
    assert href, f"no link {text!r} on {path}"
    return href


def _meeting_url(page: Page, title: str) -> str:
    return _link(page, MEETINGS, title, ".meeting-list")


def _thread_url(page: Page, title: str) -> str:
    return _link(page, NETWORK, title, "main [data-threads]")


def _post_id(page: Page, thread: str, text: str) -> str:
    page.goto(thread)
    post_id = page.locator("[data-posts] article.post", has_text=text).first.get_attribute(
        "data-post-id"
    )
    assert post_id, text
    return post_id


def _lesson(page: Page, text: str) -> Locator:
    """The lesson with the text in the list of lessons (the page must show that list)."""
    return page.locator(LESSON_ITEMS, has_text=text)


def _lesson_id(page: Page, text: str) -> str:
    page.goto(LESSONS)
    item_id = _lesson(page, text).get_attribute("id")
    assert item_id, text
    assert item_id.startswith("les-"), item_id
    return item_id.removeprefix("les-")


def _approach_url(page: Page, slug: str) -> str:
    """The address of a public approach page, as the toolbox index links to it."""
    page.goto("/gereedschapskist/")
    href = page.locator(f"main a[href$='/{slug}/']").first.get_attribute("href")
    assert href, slug
    return href


def _check(page: Page, path: str) -> list[str]:
    response = page.goto(path)
    assert response is not None
    assert response.status == 200, path
    return axe_violations(page)


def _submit_with_errors(page: Page) -> None:
    """Submit the form; it answers 400 with the error summary, which gets the focus."""
    with page.expect_response(lambda r: r.request.method == "POST") as answer:
        page.locator(FORM_BUTTON).click()
    assert answer.value.status == 400
    page.wait_for_load_state()
    expect(page.locator("#error-summary")).to_be_focused()


def _focused(page: Page, selector: str) -> bool:
    """Whether the element with focus matches the CSS selector."""
    return bool(page.evaluate("(css) => document.activeElement.matches(css)", selector))


def _assert_focus_visible(page: Page) -> None:
    state = page.evaluate(FOCUS_STATE)
    assert state["visible"], state
    assert state["outline"] or state["shadow"], state


def _skip_to_content(page: Page) -> None:
    """The first Tab reaches the skip link; Enter moves the focus to the main content."""
    page.keyboard.press("Tab")
    expect(page.locator("a.skip-link")).to_be_focused()
    _assert_focus_visible(page)
    page.keyboard.press("Enter")
    expect(page.locator("main#main-content")).to_be_focused()


def _tab_to(page: Page, selector: str, limit: int = 60, key: str = "Tab") -> None:
    """Press Tab (or Shift+Tab) until the element has focus, as a keyboard user would; every
    stop on the way shows a visible focus indicator."""
    for _ in range(limit):
        page.keyboard.press(key)
        if page.evaluate("document.activeElement === document.body"):
            raise AssertionError(f"{selector} not reached: the focus left the page")
        _assert_focus_visible(page)
        if _focused(page, selector):
            return
    raise AssertionError(f"{selector} not reached with {limit} presses of {key}")


def _press_and_wait(page: Page, key: str) -> None:
    """Press the key on the focused control, which submits a form or follows a link."""
    with page.expect_navigation():
        page.keyboard.press(key)
    page.wait_for_load_state()


# --- axe ------------------------------------------------------------------------------------------


def test_meeting_and_lesson_pages_have_no_axe_violations(visit: Callable[..., Visitor]) -> None:
    member = visit(PRACTITIONER)
    page = member.page
    found: dict[str, list[str]] = {}

    # The network the demo made, at the address these tests use.
    page.goto(NETWORKS)
    expect(page.locator("main a", has_text=NETWORK_NAME).first).to_have_attribute("href", NETWORK)

    found[MEETINGS] = _check(page, MEETINGS)
    expect(page.locator(f"main a[href='{MEETINGS}nieuw/']")).to_have_count(0)  # a member
    upcoming, past = _meeting_url(page, UPCOMING), _meeting_url(page, PAST)
    expect(page.locator("main .meeting-list").first.locator("a", has_text=UPCOMING)).to_be_visible()
    expect(page.locator("main .meeting-list").last.locator("a", has_text=PAST)).to_be_visible()

    # A meeting to come: the online link, the sign-up (or cancel) button and the calendar.
    found[upcoming] = _check(page, upcoming)
    expect(page.get_by_role("heading", level=1)).to_have_text(UPCOMING)
    expect(page.locator(f"main a[href='{UPCOMING_ONLINE}']")).to_be_visible()
    sign_up = page.locator(f"main form[action='{upcoming}aanmelden/']")
    expect(sign_up.locator("button[type=submit]")).to_be_visible()
    expect(page.locator(f"main a[href='{upcoming}agenda.ics']")).to_be_visible()
    expect(page.locator("section[aria-labelledby=aanmeldingen-kop]")).to_contain_text(
        "Fatima Yilmaz"
    )

    # A past meeting: minutes, the linked threads and its lessons; no sign-up any more.
    found[past] = _check(page, past)
    expect(page.locator("section[aria-labelledby=verslag-kop]")).to_contain_text(PAST_MINUTES)
    threads = page.locator("section[aria-labelledby=gesprekken-kop] li a")
    expect(threads).to_have_count(2)  # in the order of their last post, which other tests change
    for title in (FIRST_CONVERSATION, RIGHTS_CONVERSATION):
        expect(threads.filter(has_text=title)).to_have_count(1)
    lessons = page.locator("section[aria-labelledby=lessen-kop]")
    expect(lessons).to_contain_text(CONFIRMED_SUCCESS)
    expect(lessons).to_contain_text(CONFIRMED_CONDITION)
    expect(page.locator("main form[action$='/aanmelden/']")).to_have_count(0)

    # The lessons, all and filtered, as a member.
    found[LESSONS] = _check(page, LESSONS)
    for text in (CONFIRMED_SUCCESS, CONFIRMED_CONDITION, PROPOSED_BOTTLENECK):
        expect(_lesson(page, text)).to_have_count(1)
    expect(page.locator(LESSON_ITEMS, has_text=NOT_CONFIRMED_NOORD)).to_have_count(0)
    confirmed = f"{LESSONS}?status={LessonStatus.CONFIRMED}&soort={LessonKind.SUCCESS_FACTOR}"
    found[confirmed] = _check(page, confirmed)
    expect(_lesson(page, CONFIRMED_SUCCESS)).to_have_count(1)
    expect(_lesson(page, CONFIRMED_CONDITION)).to_have_count(0)
    expect(_lesson(page, PROPOSED_BOTTLENECK)).to_have_count(0)
    for badge in page.locator(f"{LESSON_ITEMS} .badge").all():
        expect(badge).to_have_text(_label(LessonStatus.CONFIRMED))
    expect(page.locator("#id_status option:checked")).to_have_text(_label(LessonStatus.CONFIRMED))
    expect(page.locator("#id_soort option:checked")).to_have_text(_label(LessonKind.SUCCESS_FACTOR))
    proposed = f"{LESSONS}?status={LessonStatus.PROPOSED}&soort={LessonKind.BOTTLENECK}"
    found[proposed] = _check(page, proposed)
    expect(_lesson(page, PROPOSED_BOTTLENECK).locator(".badge")).to_have_text(
        _label(LessonStatus.PROPOSED)
    )
    expect(_lesson(page, CONFIRMED_SUCCESS)).to_have_count(0)

    # Proposing from a post (which the form quotes), from a thread and from a meeting.
    thread = _thread_url(page, FIRST_CONVERSATION)
    post_id = _post_id(page, thread, FOLDER_POST)
    thread_id = thread.rstrip("/").rsplit("/", 1)[1]
    past_id = past.rstrip("/").rsplit("/", 1)[1]
    from_post = f"{PROPOSE}?bericht={post_id}"
    found[from_post] = _check(page, from_post)
    source = page.locator("main form.form .lesson-source")
    expect(source).to_contain_text(FIRST_CONVERSATION)
    expect(source.locator("blockquote")).to_contain_text(FOLDER_POST)
    expect(source.locator("input[name=bericht]")).to_have_value(post_id)
    from_thread = f"{PROPOSE}?gesprek={thread_id}"
    found[from_thread] = _check(page, from_thread)
    expect(page.locator("main .lesson-source")).to_contain_text(FIRST_CONVERSATION)
    from_meeting = f"{PROPOSE}?bijeenkomst={past_id}"
    found[from_meeting] = _check(page, from_meeting)
    expect(page.locator("main .lesson-source")).to_contain_text(PAST)

    # The moderator sees the decision links, the decision pages and the meeting forms.
    moderator = visit(COORDINATOR)
    page = moderator.page
    found[f"{LESSONS} (moderator)"] = _check(page, LESSONS)
    decide = _lesson(page, PROPOSED_BOTTLENECK).locator("a[href$='/beoordelen/']")
    withdraw = _lesson(page, CONFIRMED_SUCCESS).locator("a[href$='/beoordelen/']")
    decide_path, withdraw_path = decide.get_attribute("href"), withdraw.get_attribute("href")
    assert decide_path
    assert withdraw_path
    found[decide_path] = _check(page, decide_path)
    expect(page.locator("main input[name=decision]")).to_have_count(2)
    expect(page.locator("#id_text")).to_have_value(re.compile(re.escape(PROPOSED_BOTTLENECK)))
    found[withdraw_path] = _check(page, withdraw_path)
    expect(page.locator("main blockquote")).to_contain_text(CONFIRMED_SUCCESS)
    expect(page.locator("main #id_reason")).to_be_visible()
    found[f"{past} (moderator)"] = _check(page, past)
    expect(page.locator(f"main a[href='{past}verslag/']")).to_be_visible()
    expect(page.locator(f"main a[href='{past}bewerken/']")).to_be_visible()
    page.goto(MEETINGS)
    expect(page.locator(f"main a[href='{MEETINGS}nieuw/']")).to_be_visible()
    for path in (MEETINGS + "nieuw/", upcoming + "bewerken/", past + "verslag/"):
        found[path] = _check(page, path)
        expect(page.locator(FORM_BUTTON)).to_be_visible()
    expect(page.locator("#id_minutes")).to_have_value(re.compile(re.escape(PAST_MINUTES)))
    # In Noord-Nederland the coordinator is a member, not a moderator: no planning, no deciding.
    found[NOORD + "bijeenkomsten/"] = _check(page, NOORD + "bijeenkomsten/")
    expect(page.locator("main .meeting-list a", has_text=NOORD_MEETING)).to_be_visible()
    expect(page.locator(f"main a[href='{NOORD}bijeenkomsten/nieuw/']")).to_have_count(0)
    found[NOORD + "lessen/"] = _check(page, NOORD + "lessen/")
    not_confirmed = _lesson(page, NOT_CONFIRMED_NOORD)
    expect(not_confirmed.locator(".badge")).to_have_text(_label(LessonStatus.REJECTED))
    expect(not_confirmed).to_contain_text("nog te vroeg")  # the moderator's note
    expect(page.locator("main a[href$='/beoordelen/']")).to_have_count(0)

    # The public approach pages, for anyone: confirmed lessons only, without names.
    visitor = visit(None)
    help_page = _approach_url(visitor.page, CONVERSATION_HELP)
    found[help_page] = _check(visitor.page, help_page)
    public = visitor.page.locator("section[aria-labelledby=lessons-heading]")
    expect(public).to_contain_text(CONFIRMED_SUCCESS)
    expect(public).to_contain_text(CONFIRMED_CONDITION)
    main = visitor.page.locator("main")
    for text in (PROPOSED_BOTTLENECK, NOT_CONFIRMED_NOORD, "Fatima Yilmaz", MODERATOR_NAME):
        expect(main).not_to_contain_text(text)
    pool = _approach_url(visitor.page, VACANCY_POOL)
    found[pool] = _check(visitor.page, pool)
    expect(visitor.page.locator("main article")).to_be_visible()
    expect(visitor.page.locator("main")).not_to_contain_text(NOT_CONFIRMED_NOORD)

    assert {path: problems for path, problems in found.items() if problems} == {}
    for person in (member, moderator, visitor):
        person.assert_no_script_errors()


def test_meeting_and_lesson_forms_with_errors_have_no_axe_violations(
    visit: Callable[..., Visitor],
) -> None:
    moderator = visit(COORDINATOR)
    page = moderator.page
    problems: dict[str, list[str]] = {}

    # A meeting that ends before it starts: refused, and nothing is planned.
    title = _unique("Regiobijeenkomst die eindigt voor ze begint")
    page.goto(MEETINGS + "nieuw/")
    page.locator("#id_title").fill(title)
    page.locator("#id_starts_at").fill("2030-05-01T14:00")
    page.locator("#id_ends_at").fill("2030-05-01T13:00")
    page.locator("#id_location").fill("Utrecht")
    page.locator("#id_agenda").fill("Welkom\n\nAfspraken")
    _submit_with_errors(page)
    expect(page.locator("#error-summary a[href='#id_ends_at']")).to_be_visible()
    ends_at = page.locator("#id_ends_at")
    expect(ends_at).to_have_attribute("aria-invalid", "true")
    expect(ends_at).to_have_attribute("aria-describedby", re.compile(r"\bid_ends_at_errors\b"))
    expect(page.locator("#id_ends_at_errors")).to_be_visible()
    expect(page.locator("#id_title")).to_have_value(title)  # nothing typed is lost
    problems["meeting form"] = axe_violations(page)
    page.goto(MEETINGS)
    expect(page.locator("main .meeting-list a", has_text=UPCOMING)).to_be_visible()
    expect(page.locator("main")).not_to_contain_text(title)

    # Not confirming a lesson without saying why: refused, and the lesson stays proposed.
    lesson_id = _lesson_id(page, PROPOSED_BOTTLENECK)
    page.goto(f"{LESSONS}{lesson_id}/beoordelen/")
    page.locator("input[name=decision][value=afwijzen]").check()
    _submit_with_errors(page)
    expect(page.locator("#error-summary a[href='#id_note']")).to_be_visible()
    expect(page.locator("#id_note")).to_have_attribute(
        "aria-describedby", re.compile(r"\bid_note_errors\b")
    )
    expect(page.locator("input[name=decision][value=afwijzen]")).to_be_checked()
    problems["decision form"] = axe_violations(page)
    page.goto(f"{LESSONS}?status={LessonStatus.PROPOSED}")
    expect(page.locator(f"#les-{lesson_id} .badge")).to_have_text(_label(LessonStatus.PROPOSED))

    # A lesson from a post with an e-mail address in it: the quoted post stays shown.
    member = visit(PRACTITIONER)
    page = member.page
    post_id = _post_id(page, _thread_url(page, FIRST_CONVERSATION), FOLDER_POST)
    page.goto(f"{PROPOSE}?bericht={post_id}")
    source = page.locator("main form.form .lesson-source")
    expect(source.locator("blockquote")).to_contain_text(FOLDER_POST)
    page.locator("#id_kind").select_option(LessonKind.SUCCESS_FACTOR.value)
    text = "Vraag de werknemer om te mailen naar jan.jansen@example.nl voor de folder."
    page.locator("#id_text").fill(text)
    _submit_with_errors(page)
    expect(page.locator("#error-summary a[href='#id_text']")).to_be_visible()
    expect(page.locator("#id_text_errors")).to_be_visible()
    expect(page.locator("#id_text")).to_have_attribute("aria-invalid", "true")
    expect(page.locator("#id_text")).to_have_value(text)
    expect(source.locator("blockquote")).to_contain_text(FOLDER_POST)
    expect(source.locator("input[name=bericht]")).to_have_value(post_id)
    expect(page.locator("#id_kind")).to_have_value(LessonKind.SUCCESS_FACTOR.value)
    problems["lesson form"] = axe_violations(page)
    page.goto(LESSONS)
    expect(page.locator("main")).not_to_contain_text("jan.jansen@example.nl")

    assert {form: found for form, found in problems.items() if found} == {}
    moderator.assert_no_script_errors(BAD_REQUEST)
    member.assert_no_script_errors(BAD_REQUEST)


# --- keyboard only --------------------------------------------------------------------------------


def test_a_member_signs_up_for_a_meeting_and_cancels_with_the_keyboard_only(
    visit: Callable[..., Visitor],
) -> None:
    member = visit(PANEL)
    page = member.page
    meeting = _meeting_url(page, UPCOMING)
    form = f"main form[action='{meeting}aanmelden/']"
    button = f"{form} button[type=submit]"
    attend = page.locator(f"{form} input[name=attend]")
    attendees = page.locator("section[aria-labelledby=aanmeldingen-kop]")

    page.goto(meeting)
    was_signed_up = attend.input_value() == "0"
    if was_signed_up:  # by an earlier test against the same site: cancel first, by keyboard
        page.locator(button).focus()
        _press_and_wait(page, "Enter")
    expect(attend).to_have_value("1")
    expect(attendees).not_to_contain_text(PANEL_NAME)

    # From the list of meetings to the meeting, by keyboard.
    page.goto(MEETINGS)
    _skip_to_content(page)
    _tab_to(page, f"main .meeting-list a[href='{meeting}']")
    _press_and_wait(page, "Enter")
    expect(page).to_have_url(re.compile(rf"{re.escape(meeting)}$"))

    _skip_to_content(page)
    _tab_to(page, button)
    # Past the button and back again, with Shift+Tab.
    page.keyboard.press("Tab")
    _assert_focus_visible(page)
    _tab_to(page, button, limit=3, key="Shift+Tab")
    _press_and_wait(page, "Space")
    expect(page).to_have_url(re.compile(rf"{re.escape(meeting)}$"))
    expect(page.locator("main .message--success")).to_have_text(
        _dutch("You are signed up for this meeting.")
    )
    expect(attendees.locator("li", has_text=PANEL_NAME)).to_have_count(1)
    expect(attend).to_have_value("0")  # the same button now cancels the sign-up
    assert axe_violations(page) == []

    # The list says so too.
    page.goto(MEETINGS)
    item = page.locator("main .meeting-list__item", has=page.locator(f"a[href='{meeting}']"))
    expect(item.locator(".badge--new")).to_be_visible()

    # Cancelling again, by keyboard, leaves the meeting as it was found.
    page.goto(meeting)
    _skip_to_content(page)
    _tab_to(page, button)
    _press_and_wait(page, "Enter")
    expect(page.locator("main .message--success")).to_have_text(
        _dutch("You are no longer signed up for this meeting.")
    )
    expect(attendees).not_to_contain_text(PANEL_NAME)
    expect(attend).to_have_value("1")
    if was_signed_up:
        page.locator(button).focus()
        _press_and_wait(page, "Enter")
        expect(attend).to_have_value("0")
    member.assert_no_script_errors()


def test_a_lesson_proposed_and_confirmed_with_the_keyboard_reaches_the_public_toolbox(
    visit: Callable[..., Visitor],
) -> None:
    text = _unique("Zeg in het eerste gesprek dat de werknemer elke stap mag bespreken; les")
    anonymous = visit(None)
    approach = _approach_url(anonymous.page, CHANCES_TALK)
    anonymous.page.goto(approach)  # rendered (and cached) before the lesson exists
    approach_title = anonymous.page.get_by_role("heading", level=1).inner_text().strip()
    expect(anonymous.page.locator("main")).not_to_contain_text(text)

    # The member follows "Propose as lesson" under their post on the thread page.
    member = visit(EXPERT)
    page = member.page
    thread = _thread_url(page, FIRST_CONVERSATION)
    post_id = _post_id(page, thread, EXPERT_POST)
    page.goto(thread)
    _skip_to_content(page)
    _tab_to(page, f"#bericht-{post_id} a[data-action=les]", limit=150)
    _press_and_wait(page, "Enter")
    expect(page).to_have_url(re.compile(rf"/lessen/voorstellen/\?bericht={post_id}$"))
    expect(page.locator("main .lesson-source blockquote")).to_contain_text(EXPERT_POST)

    _skip_to_content(page)
    _tab_to(page, "#id_kind")
    kind = page.locator("#id_kind")
    for _ in range(len(LessonKind.values)):  # the arrow keys change a closed select's choice
        if kind.input_value() == LessonKind.SUCCESS_FACTOR:
            break
        page.keyboard.press("ArrowDown")
    expect(kind).to_have_value(LessonKind.SUCCESS_FACTOR.value)
    page.keyboard.press("Tab")
    expect(page.locator("#id_text")).to_be_focused()
    _assert_focus_visible(page)
    page.keyboard.type(text)
    box_id = page.locator("main label", has_text=re.compile(rf"^{re.escape(approach_title)}$"))
    box = f"#{box_id.get_attribute('for')}"
    _tab_to(page, box)
    expect(page.locator(box)).to_have_attribute("name", "approaches")
    page.keyboard.press("Space")
    expect(page.locator(box)).to_be_checked()
    _tab_to(page, FORM_BUTTON, limit=30)
    _press_and_wait(page, "Enter")
    expect(page).to_have_url(re.compile(r"/lessen/#les-\d+$"))
    lesson_id = page.url.rsplit("-", 1)[1]
    lesson = page.locator(f"#les-{lesson_id}")
    expect(lesson).to_contain_text(text)
    expect(lesson.locator(".badge")).to_have_text(_label(LessonStatus.PROPOSED))
    expect(lesson).to_contain_text(_label(LessonKind.SUCCESS_FACTOR))
    expect(lesson.locator(f"a[href='{thread}#bericht-{post_id}']")).to_be_visible()
    expect(lesson.locator(f"a[href='{approach}']")).to_have_text(approach_title)
    expect(page.locator("main .message--success")).to_be_visible()
    # It shows among the proposed lessons, and is not public yet.
    page.goto(f"{LESSONS}?status={LessonStatus.PROPOSED}")
    expect(page.locator(f"#les-{lesson_id}")).to_contain_text(text)
    anonymous.page.goto(approach)
    expect(anonymous.page.locator("main")).not_to_contain_text(text)

    # A moderator confirms it from the list of lessons, by keyboard.
    moderator = visit(COORDINATOR)
    page = moderator.page
    page.goto(LESSONS)
    _skip_to_content(page)
    _tab_to(page, f"#les-{lesson_id} a[href$='/lessen/{lesson_id}/beoordelen/']")
    _press_and_wait(page, "Enter")
    expect(page).to_have_url(re.compile(rf"/lessen/{lesson_id}/beoordelen/$"))
    expect(page.locator("#id_text")).to_have_value(text)
    expect(page.locator(box)).to_be_checked()
    _skip_to_content(page)
    confirm = "input[name=decision][value=bevestigen]"
    _tab_to(page, "input[name=decision]", limit=80)
    if not _focused(page, confirm):
        page.keyboard.press("ArrowUp")
    page.keyboard.press("Space")
    expect(page.locator(confirm)).to_be_checked()
    expect(page.locator(confirm)).to_be_focused()
    _tab_to(page, FORM_BUTTON, limit=10)
    _press_and_wait(page, "Enter")
    expect(page).to_have_url(re.compile(rf"/lessen/#les-{lesson_id}$"))
    expect(page.locator(f"#les-{lesson_id} .badge")).to_have_text(_label(LessonStatus.CONFIRMED))

    # The public approach page shows it at once, without who proposed or confirmed it.
    anonymous.page.goto(approach)
    public = anonymous.page.locator("section[aria-labelledby=lessons-heading]")
    expect(public.locator("li", has_text=text)).to_contain_text(_label(LessonKind.SUCCESS_FACTOR))
    expect(public.locator("li", has_text=text)).to_contain_text(NETWORK_NAME)
    main = anonymous.page.locator("main")
    for name in (EXPERT_FULL_NAME, MODERATOR_NAME):
        expect(main).not_to_contain_text(name)
    expect(main).not_to_contain_text(re.compile(rf"\b{EXPERT_NAME}\b"))
    assert axe_violations(anonymous.page) == []
    for person in (anonymous, member, moderator):
        person.assert_no_script_errors()


# --- files ----------------------------------------------------------------------------------------


def test_a_posts_file_downloads_for_members_and_sends_others_to_sign_in(
    visit: Callable[..., Visitor],
) -> None:
    member = visit(PANEL)
    page = member.page
    thread = _thread_url(page, FIRST_CONVERSATION)
    post_id = _post_id(page, thread, FOLDER_POST)
    link = page.locator(f"#bericht-{post_id} .post__files a", has_text=FOLDER_FILE)
    expect(link).to_have_attribute(
        "href", re.compile(rf"^{re.escape(NETWORK)}berichten/{post_id}/bijlagen/\d+/$")
    )
    href = link.get_attribute("href")
    assert href
    with page.expect_download() as download_info:
        link.click()
    download = download_info.value
    assert download.suggested_filename == FOLDER_FILE
    assert download.failure() is None
    assert (
        download.path()
        .read_text(encoding="utf-8")
        .startswith("Tweede spoor: wat verandert er voor jou")
    )
    member.assert_no_script_errors()

    anonymous = visit(None)
    response = anonymous.page.goto(href)
    assert response is not None
    assert response.status == 200
    login = urlsplit(anonymous.page.url)
    assert login.path == "/accounts/login/", anonymous.page.url
    assert parse_qs(login.query)["next"] == [href]
    expect(anonymous.page.locator("main")).not_to_contain_text("Wat niet verandert")
