"""A refresh that lands while the site is up shows on the next rerun, without a restart."""

from __future__ import annotations

import os
import shutil

import pytest

from testkit.harness import chromium, chromium_path, streamlit_server, wait_until_drawn
from tests.conftest import FAKE_KEY, open_sources_page, refresh_worldbank

pytestmark = [pytest.mark.browser, pytest.mark.integration]
NEW_DATE = "2026-10-31"


def test_a_refresh_in_another_process_is_shown_on_the_next_rerun(fakeapi_module, snapshot_dir, tmp_path):
    if chromium_path() is None:
        if os.environ.get("CI") == "true":
            pytest.fail("CI=true but no Chromium at /usr/bin/chromium")
        pytest.skip("no Chromium found (apt-get install chromium)")
    cache = tmp_path / "cache"
    shutil.copytree(snapshot_dir, cache, ignore=shutil.ignore_patterns(".*"))
    api = fakeapi_module.FakeApi(port=0, eia_keys=(FAKE_KEY,), wb_lastupdated=NEW_DATE).start()
    try:
        with streamlit_server(cache_dir=cache) as url, chromium() as browser:
            page = open_sources_page(browser, url)
            assert NEW_DATE not in page.content()

            refresh_worldbank(api.url, cache)

            page.reload()  # the next rerun of a viewer's page
            wait_until_drawn(page)
            assert NEW_DATE in page.content()
    finally:
        api.stop()
