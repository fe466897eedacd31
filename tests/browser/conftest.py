"""A real headless Chromium (Debian's, not a Playwright download) per test module."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tests.conftest import ROOT

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
VIEWPORT = {"width": 1600, "height": 1000}
OUTPUT = ROOT / "test-output" / "browser"


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    report = yield
    setattr(item, f"report_{report.when}", report)
    return report


@pytest.fixture(scope="module")
def browser():
    if not CHROMIUM.exists():
        # A failure, not a skip: a suite that passes without its browser tests on a
        # machine set up by hand hides the missing step.
        pytest.fail(
            f"{CHROMIUM} is not installed: browser tests need Debian's chromium "
            "(apt-get install chromium chromium-driver, as scripts/install-system-deps.sh does)"
        )
    from playwright.sync_api import sync_playwright

    # Playwright's sync API keeps an asyncio loop in this thread, and Django then
    # refuses ORM calls from it (fixtures, the flush after each test). Those calls are
    # plain synchronous ones, so lift the guard, but only while a browser is running.
    with pytest.MonkeyPatch.context() as env, sync_playwright() as playwright:
        env.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        chromium = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser, request):
    """A fresh context (no cookies) at the screenshot size; fails on any page error."""
    context = browser.new_context(viewport=VIEWPORT, accept_downloads=True)
    context.set_default_timeout(10_000)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    yield page
    failed = getattr(request.node, "report_call", None)
    if failed is not None and failed.failed:
        OUTPUT.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=OUTPUT / f"{_slug(request.node.name)}-FAILED.png", full_page=True)
    context.close()
    assert not errors, f"JavaScript errors on the page: {errors}"


@pytest.fixture
def shot(page, request) -> Callable[[str], Path]:
    """shot("uploaded") saves test-output/browser/<test>/01-uploaded.png."""
    folder = OUTPUT / _slug(request.node.name)
    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.glob("*.png"):
        old.unlink()
    taken: list[Path] = []

    def take(step: str, *, full_page: bool = False) -> Path:
        path = folder / f"{len(taken) + 1:02d}-{_slug(step)}.png"
        page.screenshot(path=path, full_page=full_page)
        taken.append(path)
        return path

    return take


@pytest.fixture
def log_in(page, live_server) -> Iterator[Callable]:
    def log_in_as(user) -> None:
        page.goto(f"{live_server.url}/login/")
        page.get_by_label("Username").fill(user.get_username())
        page.get_by_label("Password").fill("pw-" + user.get_username())
        page.get_by_role("button", name="Log in").click()
        page.wait_for_url(f"{live_server.url}/")

    yield log_in_as


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
