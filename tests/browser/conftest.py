"""Browser tests: Debian's Chromium, driven by Playwright, against the real ASGI server.

One server per test session, started the way `make run` starts it (migrate, seed_demo,
uvicorn) on a fresh SQLite file, so these tests see the demo content a newcomer sees.
Mail goes to files, which the tests read for verification codes and invitation links.
"""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from collections import deque
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from email import message_from_bytes
from email.message import EmailMessage
from email.policy import default as default_policy
from pathlib import Path

import pytest
from playwright.sync_api import Browser, BrowserContext, Locator, Page, sync_playwright

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
DEMO_PASSWORD = "Tweede-spoor-demo-2026"
DEMO_TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark the browser tests, and run them after all others: while the session's browser is
    open, Playwright's sync API keeps its event loop set as running in the main thread, and
    pytest-asyncio cannot start an async test's loop after that."""
    browser_tests = [item for item in items if "tests/browser/" in str(item.path)]
    for item in browser_tests:
        item.add_marker(pytest.mark.browser)
    chosen = set(browser_tests)
    items[:] = [item for item in items if item not in chosen] + browser_tests


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass
class LiveSite:
    url: str
    mail_dir: Path

    def mails_to(self, address: str) -> list[EmailMessage]:
        """Every mail sent to the address so far, oldest first."""
        found = []
        for path in sorted(self.mail_dir.glob("*.log"), key=lambda p: p.stat().st_mtime):
            # The file backend writes one or more messages per file, separated by a line of dashes.
            for chunk in path.read_bytes().split(b"-" * 79):
                message = message_from_bytes(chunk.strip(), policy=default_policy)
                if chunk.strip() and address in str(message.get("To", "")):
                    assert isinstance(message, EmailMessage)
                    found.append(message)
        return found

    def last_mail_text(self, address: str, timeout: float = 10.0) -> str:
        """The plain-text body of the newest mail to the address (waits for it to arrive)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            mails = self.mails_to(address)
            if mails:
                body = mails[-1].get_body(preferencelist=("plain",))
                assert body is not None
                return str(body.get_content())  # type: ignore[attr-defined]
            time.sleep(0.2)
        raise AssertionError(f"No mail to {address} within {timeout} s")


@pytest.fixture(scope="session")
def live_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveSite]:
    work = tmp_path_factory.mktemp("live-site")
    mail_dir = work / "mail"
    mail_dir.mkdir()
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "DATABASE_URL", "REDIS_URL"))
    }
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "config.settings.dev",
            "DATABASE_URL": f"sqlite:///{work / 'db.sqlite3'}",
            "DJANGO_EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
            "DJANGO_EMAIL_FILE_PATH": str(mail_dir),
            "DJANGO_MEDIA_ROOT": str(work / "media"),
            "DJANGO_LOG_LEVEL": "ERROR",
        }
    )
    redis_url = os.environ.get("REDIS_URL")
    if redis_url:
        # On the services run the server uses Redis too, in a database of its own, emptied first:
        # cached pages and sessions of an earlier run belong to another database.
        env["REDIS_URL"] = re.sub(r"/\d+$", "", redis_url) + "/3"
        import redis

        redis.Redis.from_url(env["REDIS_URL"]).flushdb()
    manage = [sys.executable, str(ROOT / "manage.py")]
    for command in (["migrate", "--noinput"], ["seed_demo", "--quiet-accounts"]):
        subprocess.run([*manage, *command], cwd=ROOT, env=env, check=True, capture_output=True)
    port = _free_port()
    log = (work / "server.log").open("w")
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "uvicorn",
            "--app-dir",
            "site",
            "config.asgi:application",
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
            "--ws-per-message-deflate",  # as in production (README)
            "false",
        ],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while True:
        try:
            with urllib.request.urlopen(f"{url}/health/", timeout=2) as response:
                if response.status == 200:
                    break
        except OSError:
            pass
        if server.poll() is not None or time.monotonic() > deadline:
            server.kill()
            raise RuntimeError((work / "server.log").read_text())
        time.sleep(0.2)
    try:
        yield LiveSite(url=url, mail_dir=mail_dir)
    finally:
        server.terminate()
        server.wait(timeout=10)
        log.close()


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser: Browser, live_site: LiveSite) -> Iterator[Page]:
    context = browser.new_context(
        base_url=live_site.url, locale="nl-NL", viewport={"width": 1280, "height": 900}
    )
    context.set_default_timeout(10_000)
    tab = context.new_page()
    yield tab
    context.close()


def totp_code(secret: str = DEMO_TOTP_SECRET) -> str:
    """The current code an authenticator app would show for the secret."""
    from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value

    return format_hotp_value(hotp_value(secret, int(time.time()) // 30))


# (secret, 30-second window) of every code a sign-in of this test run has sent.
_SENT_TOTP_WINDOWS: set[tuple[str, int]] = set()


def fresh_totp_code(secret: str = DEMO_TOTP_SECRET) -> str:
    """A code no earlier sign-in of this run has sent. allauth refuses a code it has already
    accepted (replay protection), and the demo accounts share one secret, so a second sign-in
    within the same 30-second window waits for the next one."""
    window = int(time.time()) // 30
    if (secret, window) in _SENT_TOTP_WINDOWS:
        time.sleep(30 - time.time() % 30 + 0.5)
        window = int(time.time()) // 30
    _SENT_TOTP_WINDOWS.add((secret, window))
    return totp_code(secret)


_LOGIN_POSTS: deque[float] = deque()


def _login_limit() -> tuple[int, float]:
    """allauth's limit on sign-in attempts per address, e.g. "30/m/ip" -> (30, 60.0)."""
    from django.conf import settings

    match = re.match(r"(\d+)/(\d*)([smhd])/ip", settings.ACCOUNT_RATE_LIMITS["login"])
    assert match, settings.ACCOUNT_RATE_LIMITS["login"]
    unit = {"s": 1, "m": 60, "h": 3600, "d": 86400}[match[3]]
    return int(match[1]), int(match[2] or 1) * unit


def login_slot() -> None:
    """Call before every sign-in attempt: waits, when needed, until one more attempt stays within
    the server's limit per address. Every test signs in from 127.0.0.1, and a fast run would
    otherwise be refused with 429, as any client sending that many would be."""
    count, seconds = _login_limit()
    while True:
        now = time.monotonic()
        while _LOGIN_POSTS and now - _LOGIN_POSTS[0] > seconds + 1:
            _LOGIN_POSTS.popleft()
        if len(_LOGIN_POSTS) < count - 1:
            _LOGIN_POSTS.append(now)
            return
        time.sleep(seconds + 1.1 - (now - _LOGIN_POSTS[0]))


def sign_in(page: Page, email: str, password: str = DEMO_PASSWORD) -> None:
    """Sign in through the login form; answers the two-step check with the demo TOTP code."""
    login_slot()
    page.goto("/accounts/login/")
    page.get_by_label("E-mail").fill(email)
    page.get_by_label("Wachtwoord").fill(password)
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()
    if "/accounts/2fa/authenticate" in page.url:
        page.locator("input[name=code]").fill(fresh_totp_code())
        page.locator("main form button[type=submit]:not([form])").click()
        page.wait_for_load_state()


def tab_to(page: Page, target: str | Locator, limit: int = 60) -> None:
    """Press Tab until the element (a selector or a locator) has focus, as a keyboard user
    would; fails when `limit` presses do not reach it."""
    locator = page.locator(target) if isinstance(target, str) else target
    for _ in range(limit):
        page.keyboard.press("Tab")
        if locator.evaluate("(element) => element === document.activeElement"):
            return
    raise AssertionError(f"{target} not reached with {limit} presses of Tab")


def axe_violations(page: Page) -> list[str]:
    """axe-core's WCAG 2.1 AA rules on the current page: one line per violation and node."""
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(
        page,
        options={
            "runOnly": {
                "type": "tag",
                "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"],
            }
        },
    )
    lines = []
    for violation in results.response["violations"]:
        for node in violation["nodes"]:
            lines.append(f"{violation['id']}: {node['target']} – {violation['help']}")
    return lines


# Chromium reports this itself when a form answers with its errors (status 400).
BAD_REQUEST = re.compile(r"Failed to load resource: the server responded with a status of 400")


@dataclass
class Visitor:
    """One person in a browser context of their own: signed in, or anonymous."""

    context: BrowserContext
    page: Page
    script_errors: list[str] = field(default_factory=list)

    def assert_no_script_errors(self, *allowed: re.Pattern[str]) -> None:
        unexpected = [
            error
            for error in self.script_errors
            if not any(pattern.search(error) for pattern in allowed)
        ]
        assert unexpected == []


@pytest.fixture
def visit(browser: Browser, live_site: LiveSite) -> Iterator[Callable[..., Visitor]]:
    """Opens a new browser context on the demo site, signed in as the given account (None:
    anonymous), recording script errors; optionally without JavaScript or with a script that
    runs before every page's own."""
    contexts: list[BrowserContext] = []

    def open_as(
        email: str | None,
        *,
        javascript: bool = True,
        init_script: str | None = None,
        zoom: bool = False,
    ) -> Visitor:
        # zoom: the 1280 by 900 window at 200 % (WCAG 1.4.4 and 1.4.10): half the CSS pixels,
        # each drawn twice as large.
        context = browser.new_context(
            base_url=live_site.url,
            locale="nl-NL",
            viewport={"width": 640, "height": 450} if zoom else {"width": 1280, "height": 900},
            device_scale_factor=2 if zoom else None,
            java_script_enabled=javascript,
            accept_downloads=True,
        )
        contexts.append(context)
        context.set_default_timeout(10_000)
        if init_script:
            context.add_init_script(init_script)
        page = context.new_page()
        visitor = Visitor(context=context, page=page)
        page.on("pageerror", lambda error: visitor.script_errors.append(f"pageerror: {error}"))
        page.on(
            "console",
            lambda message: (
                visitor.script_errors.append(f"console: {message.text}")
                if message.type == "error"
                else None
            ),
        )
        if email is not None:
            sign_in(page, email)
            assert "/accounts/login/" not in page.url, email
        return visitor

    yield open_as
    for context in contexts:
        context.close()
