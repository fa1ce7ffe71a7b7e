"""The Docker image as a host runs it: read-only, unprivileged, under a path prefix, with the cache mounted.

The image is built before the suite (by .ci/run, or `docker build -t NAME .`; the build reaches PyPI and no
test may reach the network) and named in KCA_DOCKER_IMAGE.
"""

from __future__ import annotations

import io
import json
import os
import shutil
import subprocess
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from pypdf import PdfReader

from testkit.harness import EXCEPTION, chromium, free_port, page_urls, wait_until_drawn
from tests.conftest import FAKE_KEY, open_sources_page, refresh_worldbank

IMAGE = os.environ.get("KCA_DOCKER_IMAGE")
PREFIX = "energy"
NEW_DATE = "2026-10-31"
pytestmark = [
    pytest.mark.browser,
    pytest.mark.integration,
    pytest.mark.skipif(
        not IMAGE,
        reason="set KCA_DOCKER_IMAGE to an image built from this Dockerfile (.ci/run builds one when it can "
        "start a Docker engine)",
    ),
]


def docker(*args: str, check: bool = True) -> str:
    done = subprocess.run(["docker", *args], capture_output=True, text=True, timeout=120, check=False)
    if check and done.returncode != 0:
        raise AssertionError(f"docker {args[0]} failed: {done.stderr.strip()[-2000:]}")
    return done.stdout.strip()


@pytest.fixture
def mounted_cache(snapshot_dir) -> Iterator[Path]:
    """A copy of the snapshot that the container's own user (not the test's) can read."""
    folder = Path(tempfile.mkdtemp(prefix="kca-docker-"))
    folder.chmod(0o755)
    cache = folder / "cache"
    shutil.copytree(snapshot_dir, cache, ignore=shutil.ignore_patterns(".*"))
    yield cache
    shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture
def container(mounted_cache) -> Iterator[tuple[str, str]]:
    """The image running read-only on a free port under /energy/, until it reports healthy: (name, url)."""
    port = free_port()
    name = f"kca-test-{port}"
    docker(
        "run", "-d", "--name", name, "--network", "host", "--read-only",
        "-e", f"STREAMLIT_SERVER_PORT={port}", "-e", "STREAMLIT_SERVER_ADDRESS=127.0.0.1",
        "-e", f"STREAMLIT_SERVER_BASE_URL_PATH={PREFIX}",
        "-v", f"{mounted_cache}:/app/cache/data:ro", "--health-interval", "1s", IMAGE,
    )  # fmt: skip
    try:
        deadline = time.monotonic() + 90
        while (health := docker("inspect", "-f", "{{.State.Health.Status}}", name)) != "healthy":
            running = docker("inspect", "-f", "{{.State.Running}}", name) == "true"
            if not running or health == "unhealthy" or time.monotonic() > deadline:
                pytest.fail(f"container {health}, running={running}:\n{docker('logs', name, check=False)}")
            time.sleep(1)
        yield name, f"http://127.0.0.1:{port}/{PREFIX}/"
    finally:
        docker("rm", "-f", name, check=False)


def test_the_image_runs_as_an_unprivileged_user_with_no_secret_and_reports_healthy(container):
    name, _ = container
    assert docker("exec", name, "id", "-u") != "0"
    state = json.loads(docker("inspect", name))[0]
    assert state["Config"]["User"] not in ("", "root", "0")
    assert not [v for v in state["Config"]["Env"] if v.startswith("EIA_API_KEY")]
    # The check asked the port and prefix given at run time, not the image's defaults (8501, no prefix).
    assert state["State"]["Health"]["Log"][-1]["ExitCode"] == 0


def test_every_page_draws_from_the_mounted_cache_under_the_prefix(container):
    _, url = container
    with chromium() as browser:
        page = browser.new_page()
        urls = page_urls(page, url)
        assert len(urls) > 1 and all(f"/{PREFIX}/" in u for u in urls), urls
        charts = 0
        for page_url in urls:
            page.goto(page_url)
            charts += wait_until_drawn(page, timeout_ms=60000)
            assert page.locator(EXCEPTION).count() == 0, page_url
        assert charts > 0


def test_a_refresh_on_the_host_is_shown_by_the_running_container(container, mounted_cache, fakeapi_module):
    _, url = container
    api = fakeapi_module.FakeApi(port=0, eia_keys=(FAKE_KEY,), wb_lastupdated=NEW_DATE).start()
    try:
        with chromium() as browser:
            page = open_sources_page(browser, url, timeout_ms=60000)
            assert NEW_DATE not in page.content()

            refresh_worldbank(api.url, mounted_cache)

            page.reload()
            wait_until_drawn(page, timeout_ms=60000)
            assert NEW_DATE in page.content()
    finally:
        api.stop()


def test_the_image_makes_the_brief_the_tests_make_with_its_hangul_font_embedded(container):
    """The image's Typst and fonts (Noto CJK, installed in the Dockerfile) give the PDF the tests check."""
    _, url = container
    with chromium() as browser:
        page = browser.new_context(accept_downloads=True).new_page()
        page.goto(f"{url}?lang=ko")
        wait_until_drawn(page, timeout_ms=60000)
        page.get_by_text("이 페이지 인용하기 또는 PDF로 받기").click()  # the sidebar's expander
        # Clicked while the rerun that draws it still runs, the button can ask for a file that rerun's end replaces.
        wait_until_drawn(page, timeout_ms=60000)
        with page.expect_download(timeout=60000) as download:
            page.get_by_role("button", name="요약 보고서 내려받기(PDF)").click()
        data = Path(download.value.path()).read_bytes()
    reader = PdfReader(io.BytesIO(data))
    assert 1 <= len(reader.pages) <= 2
    text = "".join(p.extract_text() for p in reader.pages)
    assert "주요 결과" in text and "인용 방법" in text and f"/{PREFIX}?lang=ko" in text
    fonts = {
        str(font.get_object()["/BaseFont"]) for p in reader.pages for font in p["/Resources"].get("/Font", {}).values()
    }
    assert any("NotoSansCJKkr" in f for f in fonts), fonts
