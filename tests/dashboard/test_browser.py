"""End to end: a real `streamlit run` on the committed snapshot, in real headless Chromium."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from bench.harness import (
    DESKTOP,
    EXCEPTION,
    PHONE,
    chromium,
    chromium_path,
    page_urls,
    streamlit_server,
    wait_until_drawn,
)

pytestmark = pytest.mark.browser
SCREENSHOTS = Path(__file__).resolve().parents[2] / "artifacts" / "screenshots"


@pytest.fixture(scope="module")
def browser():
    if chromium_path() is None:
        if os.environ.get("CI") == "true":
            pytest.fail("CI=true but no Chromium at /usr/bin/chromium: .ci/run must install it")
        pytest.skip("no Chromium found (apt-get install chromium); browser tests skipped")
    with chromium() as b:
        yield b


@pytest.fixture(scope="module")
def server():
    with streamlit_server() as url:
        yield url


def test_every_page_draws_its_charts_without_an_exception_at_desktop_and_phone_width(browser, server):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    context = browser.new_context(viewport=DESKTOP)
    urls = page_urls(context.new_page(), server)
    assert len(urls) >= 6, urls
    drawn = {}
    for url in urls:
        name = url.rstrip("/").rsplit("/", 1)[-1] if url.rstrip("/") != server else "overview"
        for label, viewport in (("desktop", DESKTOP), ("phone", PHONE)):
            page = browser.new_context(viewport=viewport).new_page()
            page.goto(url)
            drawn[(name, label)] = wait_until_drawn(page)
            assert page.locator(EXCEPTION).count() == 0, f"exception on {name} ({label})"
            page.screenshot(path=str(SCREENSHOTS / f"{name or 'overview'}-{label}.png"), full_page=True)
            page.context.close()
    charted = [key for key, n in drawn.items() if n > 0]
    assert len(charted) >= 2 * 5, f"pages without charts: {[k for k, n in drawn.items() if n == 0]}"
