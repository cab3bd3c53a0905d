"""Learning networks in a real browser: a reply reaches the other readers live within a second
and exactly once (also after a lost connection), every page passes axe, the main tasks work with
the keyboard only, and replying works without JavaScript.

Every page here also fails on a script error: an uncaught exception or an error in the console.
"""

from __future__ import annotations

import functools
import random
import re
import string
import time
from collections.abc import Callable

import pytest
from playwright.sync_api import Locator, Page, expect

from tests.browser.conftest import BAD_REQUEST, Visitor, axe_violations, tab_to

NETWORK = "/leernetwerken/leernetwerk-goede-dialoog/"
FIRST_CONVERSATION = "Het eerste gesprek over werk buiten de eigen werkgever: wanneer?"
WELCOME = "Welkom in het leernetwerk Goede dialoog"
WITH_HIDDEN_POST = "Wat als de werknemer het niet eens is met het tweede spoor?"
COORDINATOR = "coordinator@demo.tweedespoor.nl"  # Marieke Jansen, moderator of the network
PRACTITIONER = "praktijk@demo.tweedespoor.nl"  # Fatima Yilmaz, member through her consortium
EXPERT = "ervaringsdeskundige@demo.tweedespoor.nl"  # Johan, member of Rouwverwerking
STAFF = "programmastaf@demo.tweedespoor.nl"  # programme staff (two-step sign-in)

REPLY_FORM = "form[data-reply-form]"
REPLY_BOX = "form[data-reply-form] textarea[name=body]"
REPLY_BUTTON = "form[data-reply-form] button[type=submit]"
POSTS = "[data-posts] article.post"

# Keeps every live socket of the page and every frame it received, so a test can drop the
# connection and see what arrived how. It watches; it changes nothing the page does.
SOCKET_SPY = """(() => {
  const Native = window.WebSocket;
  window.__networkSockets = [];
  window.__networkFrames = [];
  window.WebSocket = class extends Native {
    constructor(...args) {
      super(...args);
      if (String(args[0]).includes("/ws/leernetwerken/")) {
        window.__networkSockets.push(this);
        this.addEventListener("message", (event) => {
          try { window.__networkFrames.push(JSON.parse(event.data)); } catch (error) {}
        });
      }
    }
  };
})();"""

# Loses the first post.created frame whose text holds LOST_WORD before the page (or the spy)
# sees it, as a server process cut off from Redis for a moment would.
LOST_WORD = "zoekgeraakt"
LOSSY_SOCKET = """(() => {
  const add = WebSocket.prototype.addEventListener;
  let lostEvent = null;
  const isLost = (event) => {
    if (!lostEvent && String(event.data).includes('"type":"post.created"')
        && String(event.data).includes("LOST_WORD")) { lostEvent = event; }
    return event === lostEvent;
  };
  WebSocket.prototype.addEventListener = function (type, listener, options) {
    if (type !== "message" || !String(this.url).includes("/ws/leernetwerken/")) {
      return add.call(this, type, listener, options);
    }
    return add.call(this, type, (event) => {
      if (!isLost(event)) { listener.call(this, event); }
    }, options);
  };
})();""".replace("LOST_WORD", LOST_WORD)

# Elements that carry the hidden attribute but are displayed all the same (a class that sets
# `display` wins over the browser's own [hidden] rule).
SHOWN_THOUGH_HIDDEN = """() => [...document.querySelectorAll("main [hidden]")]
  .filter((element) => getComputedStyle(element).display !== "none")
  .map((element) => element.outerHTML.slice(0, 100))"""

# Chromium reports this itself when a test provokes it on purpose.
OFFLINE_SOCKET = re.compile(r"WebSocket connection to .* failed: .*ERR_INTERNET_DISCONNECTED")


@pytest.fixture
def visit(visit: Callable[..., Visitor]) -> Callable[..., Visitor]:
    """The shared `visit`, with every page's sockets watched (SOCKET_SPY)."""
    return functools.partial(visit, init_script=SOCKET_SPY)


def _unique(prefix: str) -> str:
    """A text nobody else posted (letters only, so it never looks like personal data)."""
    return f"{prefix} {''.join(random.choices(string.ascii_lowercase, k=10))}"


def _thread_url(page: Page, title: str, network: str = NETWORK) -> str:
    page.goto(network)
    href = page.locator("main [data-threads] a", has_text=title).first.get_attribute("href")
    assert href, title
    return href


def _label(page: Page, name: str) -> str:
    value = page.locator("#live-discussion").get_attribute(f"data-label-{name}")
    assert value, name
    return value


def _wait_until_live(page: Page) -> None:
    expect(page.locator("[data-live-status]")).to_have_text(_label(page, "online"))


def _posts_with(page: Page, text: str) -> Locator:
    return page.locator(POSTS, has_text=text)


def _frames(page: Page, kind: str, text: str) -> list[dict]:
    """The frames of a type the page received whose post contains the text."""
    frames = page.evaluate("window.__networkFrames")
    found = []
    for frame in frames:
        posts = frame.get("posts", []) + ([frame["post"]] if "post" in frame else [])
        if frame["type"] == kind and any(text in post.get("body", "") for post in posts):
            found.append(frame)
    return found


def _wait_for_frame(page: Page, kind: str, text: str, timeout: float = 10_000) -> None:
    page.wait_for_function(
        """([kind, text]) => window.__networkFrames.some((frame) => frame.type === kind &&
             [...(frame.posts || []), ...(frame.post ? [frame.post] : [])]
               .some((post) => (post.body || "").includes(text)))""",
        arg=[kind, text],
        timeout=timeout,
    )


def _page_problems(page: Page) -> list[str]:
    return axe_violations(page) + page.evaluate(SHOWN_THOUGH_HIDDEN)


def _check_all(page: Page, paths: list[str]) -> dict[str, list[str]]:
    found = {}
    for path in paths:
        response = page.goto(path)
        assert response is not None
        assert response.status == 200, path
        problems = _page_problems(page)
        if problems:
            found[path] = problems
    return found


def test_a_reply_typed_with_the_keyboard_reaches_another_reader_within_a_second(
    visit: Callable[..., Visitor],
) -> None:
    writer = visit(COORDINATOR)
    reader = visit(PRACTITIONER)
    thread = _thread_url(writer.page, FIRST_CONVERSATION)
    for visitor in (writer, reader):
        visitor.page.goto(thread)
        _wait_until_live(visitor.page)
        visitor.page.evaluate("window.__sameDocument = true")  # gone after any reload
    text = _unique("Wij voeren het gesprek nu in week 20; reactie")

    page = writer.page
    page.locator("#antwoord").focus()  # the Reply section, where the skip to it lands
    tab_to(page, REPLY_BOX, limit=15)
    page.keyboard.type(text)
    # Who is typing shows for the others while the writer types.
    expect(reader.page.locator("[data-typing]")).to_contain_text("Marieke Jansen")
    page.keyboard.press("Tab")  # past the optional files, to the button
    expect(page.locator("#antwoord input[type=file]")).to_be_focused()
    page.keyboard.press("Tab")
    expect(page.locator(REPLY_BUTTON)).to_be_focused()
    started = time.monotonic()
    page.keyboard.press("Enter")
    _posts_with(reader.page, text).wait_for(timeout=1_000)
    elapsed = time.monotonic() - started
    assert elapsed < 1.0, f"the reply took {elapsed:.2f} s to reach the other reader"

    # The writer's box is emptied and the post is theirs to see, both over the socket.
    expect(page.locator(REPLY_BOX)).to_have_value("")
    expect(_posts_with(page, text)).to_have_count(1)
    # Both pages have the acknowledgement and the broadcast: nothing else is on its way.
    _wait_for_frame(page, "post.ack", text)
    _wait_for_frame(page, "post.created", text)
    _wait_for_frame(reader.page, "post.created", text)
    for visitor in (writer, reader):
        expect(_posts_with(visitor.page, text)).to_have_count(1)
        assert visitor.page.evaluate("window.__sameDocument === true"), "the page was reloaded"
    post_id = _frames(reader.page, "post.created", text)[0]["post"]["id"]
    new_post = reader.page.locator(f"article#bericht-{post_id}")
    expect(new_post).to_contain_text(text)
    expect(new_post).to_have_accessible_name("Marieke Jansen")  # its heading, the author
    expect(new_post).to_have_class(re.compile(r"\bpost--new\b"))
    # Screen-reader users hear about it: the writer that it was sent, the reader who wrote.
    expect(reader.page.locator("[data-announcer]")).to_contain_text("Marieke Jansen")
    expect(page.locator("[data-announcer]")).to_have_text(_label(page, "sent"))
    # The post built from the template is as accessible as the ones the server rendered.
    assert _page_problems(reader.page) == []
    writer.assert_no_script_errors()
    reader.assert_no_script_errors()


def test_the_presence_line_names_who_is_reading(visit: Callable[..., Visitor]) -> None:
    first = visit(COORDINATOR)
    second = visit(PRACTITIONER)
    thread = _thread_url(first.page, FIRST_CONVERSATION)
    for visitor in (first, second):
        visitor.page.goto(thread)
        _wait_until_live(visitor.page)
    presence = second.page.locator("[data-presence]")
    label = presence.get_attribute("data-label-here")
    assert label
    expect(presence).to_be_visible()
    expect(presence).to_have_text(re.compile(rf"^{re.escape(label)} .*Marieke Jansen"))
    expect(presence).to_contain_text("Fatima Yilmaz")
    # On the network page the line names who is anywhere in the network.
    first.page.goto(NETWORK)
    _wait_until_live(first.page)
    presence = first.page.locator("[data-presence]")
    label = presence.get_attribute("data-label-here")
    assert label
    expect(presence).to_have_text(re.compile(rf"^{re.escape(label)} .*Fatima Yilmaz"))
    first.assert_no_script_errors()
    second.assert_no_script_errors()


def test_after_a_lost_connection_the_reader_catches_up_without_duplicates(
    visit: Callable[..., Visitor],
) -> None:
    writer = visit(COORDINATOR)
    reader = visit(PRACTITIONER)
    thread = _thread_url(writer.page, FIRST_CONVERSATION)
    for visitor in (writer, reader):
        visitor.page.goto(thread)
        _wait_until_live(visitor.page)
    reader.page.evaluate("window.__sameDocument = true")

    # The reader's connection drops, and their network stays down while the writer posts.
    # (Going offline first would leave the open socket waiting for its closing handshake.)
    reader.page.evaluate(
        """() => new Promise((closed) => {
             const socket = window.__networkSockets.at(-1);
             socket.addEventListener("close", closed);
             socket.close();
           })"""
    )
    reader.context.set_offline(True)  # well before the first retry, half a second at the soonest
    expect(reader.page.locator("[data-live-status]")).to_have_text(_label(reader.page, "offline"))

    text = _unique("Na een verbroken verbinding; reactie")
    writer.page.locator(REPLY_BOX).fill(text)
    writer.page.locator(REPLY_BUTTON).click()
    expect(writer.page.locator(REPLY_BOX)).to_have_value("")
    expect(_posts_with(writer.page, text)).to_have_count(1)
    reader.page.wait_for_timeout(1_000)  # a broadcast would have arrived by now
    expect(_posts_with(reader.page, text)).to_have_count(0)

    reader.context.set_offline(False)
    # The client retries with backoff; after the reconnection it asks for what it missed.
    _posts_with(reader.page, text).wait_for(timeout=30_000)
    _wait_until_live(reader.page)
    assert _frames(reader.page, "catch_up", text), "the post did not come with the catch-up"
    assert _frames(reader.page, "post.created", text) == []
    expect(_posts_with(reader.page, text)).to_have_count(1)
    expect(reader.page.locator("[data-announcer]")).to_contain_text("Marieke Jansen")

    # Another reply after the reconnection arrives live again, once; the missed one stays once.
    later = _unique("Na het herstel; reactie")
    writer.page.locator(REPLY_BOX).fill(later)
    writer.page.locator(REPLY_BUTTON).click()
    _posts_with(reader.page, later).wait_for(timeout=5_000)
    _wait_for_frame(reader.page, "post.created", later)
    for visitor in (writer, reader):
        expect(_posts_with(visitor.page, text)).to_have_count(1)
        expect(_posts_with(visitor.page, later)).to_have_count(1)
    assert reader.page.evaluate("window.__sameDocument === true"), "the page was reloaded"
    writer.assert_no_script_errors()
    reader.assert_no_script_errors(OFFLINE_SOCKET)


def test_a_frame_lost_on_an_open_connection_is_caught_up_from_the_gap_in_event_numbers(
    visit: Callable[..., Visitor],
) -> None:
    writer = visit(COORDINATOR)
    reader = visit(PRACTITIONER, init_script=LOSSY_SOCKET + SOCKET_SPY)
    thread = _thread_url(writer.page, FIRST_CONVERSATION)
    for visitor in (writer, reader):
        visitor.page.goto(thread)
        _wait_until_live(visitor.page)
    reader.page.evaluate("window.__sameDocument = true")

    lost = _unique(f"Dit bericht raakt {LOST_WORD}; reactie")
    writer.page.locator(REPLY_BOX).fill(lost)
    writer.page.locator(REPLY_BUTTON).click()
    expect(_posts_with(writer.page, lost)).to_have_count(1)
    reader.page.wait_for_timeout(1_000)  # it would have arrived by now
    expect(_posts_with(reader.page, lost)).to_have_count(0)

    # The next reply skips an event number: the reader asks for what it missed.
    next_one = _unique("Het volgende bericht; reactie")
    writer.page.locator(REPLY_BOX).fill(next_one)
    writer.page.locator(REPLY_BUTTON).click()
    _posts_with(reader.page, next_one).wait_for(timeout=5_000)
    _posts_with(reader.page, lost).wait_for(timeout=10_000)
    assert _frames(reader.page, "catch_up", lost), "the lost post did not come with a catch-up"
    assert _frames(reader.page, "post.created", lost) == []
    for text in (lost, next_one):
        expect(_posts_with(reader.page, text)).to_have_count(1)
    # In order: the lost post stands before the one that came after it.
    texts = reader.page.locator(POSTS).all_inner_texts()
    assert [i for i, t in enumerate(texts) if lost in t] < [
        i for i, t in enumerate(texts) if next_one in t
    ]
    assert reader.page.evaluate("window.__sameDocument === true"), "the page was reloaded"
    writer.assert_no_script_errors()
    reader.assert_no_script_errors()


def test_every_learning_network_page_has_no_axe_violations(visit: Callable[..., Visitor]) -> None:
    coordinator = visit(COORDINATOR)
    page = coordinator.page
    first = _thread_url(page, FIRST_CONVERSATION)
    welcome = _thread_url(page, WELCOME)
    hidden = _thread_url(page, WITH_HIDDEN_POST)
    locked = _thread_url(
        page,
        "Vacaturepool Groningen: wie doet mee?",
        "/leernetwerken/regionaal-leernetwerk-noord-nederland/",
    )
    page.goto(first)
    post_id = page.locator(POSTS).first.get_attribute("data-post-id")
    page.goto(NETWORK)
    category_link = page.locator("main .category-nav a", has_text="Gespreksvoering").get_attribute(
        "href"
    )
    found = _check_all(
        page,
        [
            "/leernetwerken/",
            NETWORK,
            NETWORK + (category_link or ""),
            first,
            welcome,  # pinned
            hidden,  # a hidden post, with its text for the moderator
            locked,  # locked: the coordinator is a member there, not a moderator
            NETWORK + "nieuw-gesprek/",
            NETWORK + "zoeken/",
            NETWORK + "zoeken/?q=tweede+spoor",
            NETWORK + "zoeken/?q=zzzgeenresultaat",
            NETWORK + "moderatie/",
            NETWORK + "moderatielog/",
            f"{NETWORK}berichten/{post_id}/melden/",
            "/leernetwerken/meldingen/",
        ],
    )
    page.goto(NETWORK + "zoeken/?q=tweede+spoor")
    expect(page.locator("main ol.search-results > li").first).to_be_visible()
    page.goto(NETWORK + "moderatie/")
    expect(page.locator("main section.panel").first).to_be_visible()  # the seeded report

    # A member with a mention waiting, and a member of a network with a pseudonymous category.
    practitioner = visit(PRACTITIONER)
    found |= _check_all(practitioner.page, ["/leernetwerken/", "/leernetwerken/meldingen/"])
    expect(practitioner.page.locator("main .notice-list li").first).to_be_visible()
    expert = visit(EXPERT)
    rouw = "/leernetwerken/leernetwerk-rouwverwerking/"
    found |= _check_all(
        expert.page,
        [
            rouw,
            _thread_url(expert.page, "Afscheid van mijn collega's", rouw),
            rouw + "nieuw-gesprek/",
        ],
    )
    expect(expert.page.locator("main input[name=pseudonymous]")).to_be_visible()
    # Programme staff set networks up.
    staff = visit(STAFF)
    found |= _check_all(staff.page, ["/leernetwerken/nieuw/", NETWORK + "beheer/"])
    assert found == {}
    for visitor in (coordinator, practitioner, expert, staff):
        visitor.assert_no_script_errors()


def test_forms_with_errors_have_no_axe_violations(visit: Callable[..., Visitor]) -> None:
    coordinator = visit(COORDINATOR)
    page = coordinator.page
    thread = _thread_url(page, FIRST_CONVERSATION)

    # Over the live connection, an empty reply is refused in the form, without a reload.
    page.goto(thread)
    _wait_until_live(page)
    page.locator(REPLY_BUTTON).click()
    live_error = page.locator(f"{REPLY_FORM} [data-live-error]")
    expect(live_error).to_be_visible()
    expect(live_error).not_to_have_text("")
    assert _page_problems(page) == []

    # Without the live connection the form goes to the server, which answers with the summary.
    failing = visit(COORDINATOR)
    failing.page.route_web_socket(re.compile(r"/ws/leernetwerken/"), lambda socket: socket.close())
    failing.page.goto(thread)
    with failing.page.expect_response(lambda r: r.request.method == "POST") as answer:
        failing.page.locator(REPLY_BUTTON).click()
    assert answer.value.status == 400
    failing.page.wait_for_load_state()
    expect(failing.page.locator("#error-summary")).to_be_focused()
    expect(failing.page.locator("#error-summary a[href='#id_body']")).to_be_visible()
    expect(failing.page.locator("#id_body")).to_have_attribute(
        "aria-describedby", re.compile(r"\bid_body_errors\b")
    )
    assert _page_problems(failing.page) == []

    # Starting a thread and reporting a post without filling in anything.
    page.goto(thread)
    post_id = page.locator(POSTS).first.get_attribute("data-post-id")
    for path in (NETWORK + "nieuw-gesprek/", f"{NETWORK}berichten/{post_id}/melden/"):
        page.goto(path)
        page.locator("main form.form button[type=submit]").click()
        page.wait_for_load_state()
        expect(page.locator("#error-summary")).to_be_focused()
        assert _page_problems(page) == [], path
    coordinator.assert_no_script_errors(BAD_REQUEST)
    failing.assert_no_script_errors(BAD_REQUEST)


def test_a_member_starts_a_thread_with_the_keyboard_only(visit: Callable[..., Visitor]) -> None:
    author = visit(PRACTITIONER)
    watcher = visit(COORDINATOR)  # sees the new thread appear on the network page
    watcher.page.goto(NETWORK)
    _wait_until_live(watcher.page)
    title = _unique("Het gesprek in week 26 als verkenning")
    body = "Wij plannen het eerste gesprek nu als verkenning. Wie doet dat ook zo?"

    page = author.page
    page.goto(NETWORK)
    page.locator("main a[href$='/nieuw-gesprek/']").focus()
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/nieuw-gesprek/$"))
    page.locator("main").focus()
    tab_to(page, "#id_title", limit=15)
    page.keyboard.type(title)
    page.keyboard.press("Tab")
    category = page.locator("#id_category")
    expect(category).to_be_focused()
    for _ in range(10):  # the arrow keys change a closed select's choice
        if category.evaluate("(select) => select.selectedOptions[0].text") == "Gespreksvoering":
            break
        page.keyboard.press("ArrowDown")
    expect(category.locator("option:checked")).to_have_text("Gespreksvoering")
    page.keyboard.press("Tab")
    expect(page.locator("#id_body")).to_be_focused()
    page.keyboard.type(body)
    page.keyboard.press("Tab")
    expect(page.locator("#id_attachments")).to_be_focused()  # optional files come next
    page.keyboard.press("Tab")
    expect(page.locator("main form.form button[type=submit]")).to_be_focused()
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/gesprekken/\d+/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text(title)
    expect(page.locator("main .message--success")).to_be_visible()
    expect(page.locator(POSTS)).to_have_count(1)
    expect(page.locator(POSTS).first).to_contain_text(body)
    expect(page.locator("#live-discussion > p.muted").first).to_contain_text("Gespreksvoering")
    assert _page_problems(page) == []

    # The other member's network page lists it live, once, and announces it.
    row = watcher.page.locator("[data-threads] tr", has_text=title)
    expect(row).to_have_count(1)
    expect(row.locator("a")).to_have_attribute("href", re.compile(r"/gesprekken/\d+/$"))
    expect(watcher.page.locator("[data-announcer]")).to_contain_text(title)
    author.assert_no_script_errors()
    watcher.assert_no_script_errors()


def test_replying_works_without_javascript(visit: Callable[..., Visitor]) -> None:
    writer = visit(PRACTITIONER, javascript=False)
    reader = visit(COORDINATOR)
    thread = _thread_url(reader.page, FIRST_CONVERSATION)
    reader.page.goto(thread)
    _wait_until_live(reader.page)

    page = writer.page
    page.goto(thread)
    # Without the script the page says new posts come with a reload.
    status = page.locator("[data-live-status]")
    expect(status).not_to_have_text(_label(page, "online"))
    expect(status).not_to_have_text("")

    # An empty reply comes back with the error summary, the field's error linked to it.
    with page.expect_response(lambda r: r.request.method == "POST") as answer:
        page.locator(REPLY_BUTTON).click()
    assert answer.value.status == 400
    page.wait_for_load_state()
    expect(page.locator("#error-summary a[href='#id_body']")).to_be_visible()
    expect(page.locator("#id_body_errors")).to_be_visible()

    text = _unique("Zonder JavaScript geplaatst; reactie")
    page.locator(REPLY_BOX).fill(text)
    with page.expect_response(lambda r: r.request.method == "POST") as answer:
        page.locator(REPLY_BUTTON).click()
    assert answer.value.status == 302
    location = answer.value.headers["location"]
    match = re.search(r"/gesprekken/\d+/#bericht-(\d+)$", location)
    assert match, location
    page.wait_for_load_state()
    expect(page).to_have_url(re.compile(rf"#bericht-{match.group(1)}$"))
    expect(page.locator(f"article#bericht-{match.group(1)}")).to_contain_text(text)
    expect(_posts_with(page, text)).to_have_count(1)
    expect(page.locator("main .message--success")).to_be_visible()
    expect(page.locator(REPLY_BOX)).to_have_value("")

    # A reply over plain HTTP reaches the live readers too, once.
    _posts_with(reader.page, text).wait_for(timeout=5_000)
    _wait_for_frame(reader.page, "post.created", text)
    expect(_posts_with(reader.page, text)).to_have_count(1)
    writer.assert_no_script_errors(BAD_REQUEST)
    reader.assert_no_script_errors()
