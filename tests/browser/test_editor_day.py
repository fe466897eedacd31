"""An editor's day in a real browser: upload versions, read the conflicts, settle one."""

from __future__ import annotations

import json
import os
import re
import shutil

import pytest
from playwright.sync_api import Page, expect

from articles.formats import read_file
from articles.models import Story
from articles.services import article_add, story_create
from reconcile.models import Discrepancy
from reconcile.services import story_reconcile
from tests.conftest import DEMO_DIR, ROOT
from tests.e2e.worker import celery_worker

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TITLE = "Port Elinor ferry fire"
KILLED = "People killed: 4 in 3 articles, 5 in 1 article"
BUSY = re.compile("Queued|Extracting|Waiting for the other articles|Aligning")
DOCS_SCREENSHOT = ROOT / "docs" / "screenshot.png"


@pytest.fixture
def processed_story(desk, editor) -> Story:
    """The demo versions, reconciled through the same services the worker calls."""
    story = story_create(desk=desk, title=TITLE, user=editor)
    for path in sorted(DEMO_DIR.glob("*.txt")):
        text = read_file(path.name, path.read_bytes(), max_bytes=1_000_000)
        article_add(
            story=story, body=text.body, title=text.title, filename=path.name, enqueue=False
        )
    story_reconcile(story=story)
    return story


def open_conflict(page: Page, summary: str) -> None:
    page.locator(f'a.hl[aria-label$="{summary}"]').first.click()
    expect(page.locator("#panel h2")).to_have_text(summary)


def test_uploaded_versions_show_side_by_side_with_their_conflicts(page, log_in, editor, shot):
    log_in(editor)
    page.get_by_label("Title").fill(TITLE)
    page.get_by_role("button", name="Create story").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE)
    shot("story created")

    add = page.locator("details.add-articles")
    if not add.evaluate("details => details.open"):
        add.locator("summary").click()
    paths = sorted(DEMO_DIR.glob("*.txt"))
    page.locator("input[name=files]").set_input_files(paths)
    shot("files chosen")

    polls: list[str] = []
    page.on("request", lambda r: "/status/" in r.url and polls.append(r.url))
    with celery_worker() as (_, log):
        page.get_by_role("button", name="Upload", exact=True).click()
        expect(page.locator(".messages")).to_contain_text(f"Added {len(paths)} articles.")
        shot("uploaded, processing")
        # No reload from the test: htmx polls the status, then HX-Refresh redraws the page.
        done = page.locator("#status .badge", has_text="Done")
        try:
            expect(done).to_have_count(len(paths), timeout=120_000)
            expect(page.locator("a.hl").first).to_be_visible(timeout=10_000)
        except AssertionError as exc:
            status = page.locator("#status").inner_text()
            raise AssertionError(f"{exc}\n{status}\nworker log:\n{''.join(log)}") from exc
    expect(page.locator("#status .badge", has_text=BUSY)).to_have_count(0)
    assert polls, "the status table never polled for updates"
    shot("processed")

    expect(page.locator("article.column")).to_have_count(len(paths))
    for path in paths:
        expect(page.locator("article.column .meta", has_text=path.name)).to_have_count(1)
    highlights = page.locator("a.hl")
    assert highlights.count() >= 4
    expect(page.locator(".conflicts")).to_contain_text(KILLED)
    expect(page.locator(f'a.hl[aria-label$="{KILLED}"]')).to_have_count(len(paths))

    open_conflict(page, KILLED)
    expect(page.locator("#panel .versions li")).to_have_count(len(paths))
    expect(page.locator("#panel .versions")).to_contain_text("gives 4 (3 articles)")
    expect(page.locator("#panel .versions")).to_contain_text("gives 5 (1 article)")
    assert re.search(r"\?d=\d+$", page.url), page.url
    picture = shot("conflict panel open")
    if os.environ.get("UPDATE_DOCS_SCREENSHOT"):
        shutil.copyfile(picture, DOCS_SCREENSHOT)


def test_highlights_are_links_a_keyboard_can_reach(
    page, live_server, log_in, editor, processed_story, shot
):
    log_in(editor)
    page.goto(f"{live_server.url}/stories/{processed_story.pk}/")
    highlights = page.locator("a.hl")
    assert highlights.count() >= 4
    for label in highlights.evaluate_all("links => links.map(a => a.getAttribute('aria-label'))"):
        assert label and re.match(r"\w+ conflict \((high|medium|low)\): .+", label), label
    for href in highlights.evaluate_all("links => links.map(a => a.getAttribute('href'))"):
        assert re.fullmatch(r"/stories/\d+/\?d=\d+", href), "works without JavaScript too"

    first = highlights.first
    first.focus()
    expect(first).to_be_focused()
    page.keyboard.press("Tab")
    expect(highlights.nth(1)).to_be_focused()
    page.keyboard.press("Shift+Tab")
    expect(first).to_be_focused()
    shot("highlight focused")

    summary = first.get_attribute("aria-label").split(": ", 1)[1]
    page.keyboard.press("Enter")
    expect(page.locator("#panel h2")).to_have_text(summary)
    expect(page.locator("#panel .versions li").first).to_be_visible()
    shot("panel opened with the keyboard")


def test_resolving_a_conflict_survives_a_reload_and_reaches_the_report(
    page, live_server, log_in, editor, processed_story, shot
):
    log_in(editor)
    page.goto(f"{live_server.url}/stories/{processed_story.pk}/")
    open_conflict(page, KILLED)
    discrepancy = Discrepancy.objects.get(story=processed_story, summary=KILLED)

    form = page.locator("#panel form#resolve-form")
    expect(form).to_be_visible()
    expect(form.locator("input[name=choice]")).to_have_count(3)  # 4, 5 and "__custom__"
    expect(form.locator('input[name=choice][value="__custom__"]')).to_have_count(1)
    expect(form.locator("input[name=custom_value]")).to_have_count(1)
    form.locator('input[name=choice][value="4"]').check()
    form.locator("select[name=verdict]").select_option("verified")
    note = "Police confirmed four dead at the 14:00 briefing."
    evidence = "https://police.example.org/briefings/ferry-fire"
    form.locator("textarea[name=note]").fill(note)
    form.locator("textarea[name=evidence]").fill(evidence)
    shot("resolution filled in")
    form.get_by_role("button", name="Save resolution").click()

    panel = page.locator("#panel")
    expect(panel).to_contain_text("Resolved")
    expect(panel.locator("ol.history li")).not_to_have_count(0)
    shot("resolved")
    discrepancy.refresh_from_db()
    assert discrepancy.status == Discrepancy.Status.RESOLVED
    assert (discrepancy.resolved_value, discrepancy.verdict) == ("4", "verified")

    page.goto(f"{page.url.split('?')[0]}?d={discrepancy.pk}")
    expect(panel).to_contain_text("Resolved")
    expect(panel).to_contain_text(note)
    expect(panel.locator("ol.history li")).not_to_have_count(0)
    shot("resolution after a reload")

    link = page.locator(".exports a", has_text=re.compile(r"^\s*(Report \()?JSON\)?\s*$"))
    with page.expect_download() as download:
        link.click()
    report = json.loads(download.value.path().read_text(encoding="utf-8"))
    [found] = [d for d in report["discrepancies"] if d["summary"] == KILLED]
    assert found["status"] == "resolved"
    assert found["resolution"]["value"] == "4"
    assert found["resolution"]["verdict"] == "verified"
    assert found["resolution"]["note"] == note
    assert found["resolution"]["evidence"] == [evidence]


def test_coverage_opens_in_place_apart_from_the_conflicts(
    page, live_server, log_in, editor, processed_story
):
    log_in(editor)
    page.goto(f"{live_server.url}/stories/{processed_story.pk}/")
    box = page.locator("details.coverage")
    box.locator("summary").click()
    expect(box.locator(".coverage-body")).to_contain_text("Information, not a conflict.")
    expect(page.locator("header.topbar")).to_have_count(1)  # still the one story page
    assert box.locator(".coverage-body h1").count() == 0, "a fragment, not a page in a page"
