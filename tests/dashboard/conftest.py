"""Fixtures for the dashboard tests: a fresh Streamlit cache per test, and the app under AppTest."""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from cache import store

APP = str(Path(__file__).resolve().parents[2] / "dashboard" / "app.py")
PAGES = ("overview", "dependence", "resources", "supply", "cooperation", "trade", "sources")


@pytest.fixture(autouse=True)
def clear_streamlit_caches():
    """The data cache is shared across tests in one run: start each test empty."""
    st.cache_data.clear()
    st.cache_resource.clear()
    yield
    st.cache_data.clear()


@pytest.fixture(scope="session")
def snapshot():
    """The committed snapshot's table and manifest."""
    return store.load(store.DEFAULT_DIR)


@pytest.fixture
def open_page(monkeypatch) -> Callable[..., AppTest]:
    """Run the app on a page with the given query parameters and (optionally) another cache folder."""

    def run(page: str = "overview", params: dict | None = None, cache_dir: Path | None = None) -> AppTest:
        if cache_dir is not None:
            monkeypatch.setenv("CACHE_DIR", str(cache_dir))
        at = AppTest.from_file(APP, default_timeout=30)
        for key, value in (params or {}).items():
            at.query_params[key] = value
        if page != "overview":
            at.switch_page(f"views/{page}.py")  # open the page directly, as a shared link does
        return at.run()

    return run


@pytest.fixture
def cache_copy(tmp_path) -> Path:
    """A writable copy of the committed snapshot."""
    target = tmp_path / "cache"
    shutil.copytree(store.DEFAULT_DIR, target, ignore=shutil.ignore_patterns(".*"))
    return target


def keyed(elements, param: str):
    """The widget of `param` among `elements`: its key (controls.widget_key) also carries the language, the labels of
    options that follow another choice, and the URL's history, after the parameter's name."""
    return next(e for e in elements if re.split(r"[.~@]", e.key or "")[0] == f"w_{param}")
