"""Shared fixtures. Sockets other than loopback are refused for the whole run (pytest-socket)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from testkit.fakeapi import SHARED, load_fakeapi
from testkit.harness import page_urls, wait_until_drawn

ROOT = Path(__file__).resolve().parent.parent
FAKEAPI = SHARED / "fakeapi" / "fakeapi.py"
NO_SHARED = f"needs the offline data pack and fake API at {SHARED} (../shared beside the project)"
FAKE_KEY = "test-key"
# Every Comtrade server a test talks to is a local one: no pause between calls (fetchers/limits.py), in this process
# and in the refresh processes the tests start, which inherit it.
os.environ["COMTRADE_PACE"] = "0"


@pytest.fixture(scope="session")
def fakeapi_module():
    if not FAKEAPI.exists():
        pytest.skip(NO_SHARED)
    return load_fakeapi()


@pytest.fixture
def fake_api(fakeapi_module) -> Iterator:
    """A well-behaved fake World Bank + EIA API on a free loopback port."""
    api = fakeapi_module.FakeApi(port=0, eia_keys=(FAKE_KEY,)).start()
    yield api
    api.stop()


@pytest.fixture(scope="session")
def snapshot_dir() -> Path:
    """The committed snapshot."""
    return ROOT / "cache" / "data"


@pytest.fixture
def snapshot_copy(tmp_path, snapshot_dir) -> Path:
    """A writable copy of the committed snapshot."""
    target = tmp_path / "cache"
    shutil.copytree(snapshot_dir, target, ignore=shutil.ignore_patterns(".*"))
    return target


def refresh_worldbank(api_url: str, cache_dir: Path) -> None:
    """Run the scheduled job's World Bank refresh in its own process, against the fake API at api_url."""
    env = {
        **os.environ,
        "WORLDBANK_API_URL": f"{api_url}/worldbank/v2",
        "EIA_API_URL": f"{api_url}/eia/v2",
        "COMTRADE_API_URL": f"{api_url}/comtrade/public/v1",
        "EIA_API_KEY": FAKE_KEY,
        "PYTHONPATH": str(ROOT),
    }
    command = [sys.executable, "-m", "fetchers", "refresh", "--source", "worldbank", "--cache-dir", str(cache_dir)]
    subprocess.run(command, env=env, cwd=ROOT, check=True, capture_output=True, timeout=120)


def open_sources_page(browser, url: str, timeout_ms: float = 30000):
    """A new page on the app's Data and sources page, found through its navigation, drawn."""
    page = browser.new_page()
    sources = [u for u in page_urls(page, url) if u.split("?")[0].rstrip("/").endswith("/sources")]
    assert sources, "no Data and sources page in the navigation"
    page.goto(sources[0])
    wait_until_drawn(page, timeout_ms=timeout_ms)
    return page
