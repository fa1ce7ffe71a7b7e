"""Shared fixtures. Sockets other than loopback are refused for the whole run (pytest-socket)."""

from __future__ import annotations

import importlib.util
import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("KCA_SHARED_DIR", ROOT.parent / "shared"))
FAKEAPI = SHARED / "fakeapi" / "fakeapi.py"
NO_SHARED = f"needs the offline data pack and fake API at {SHARED} (../shared beside the project)"
FAKE_KEY = "test-key"


def load_fakeapi():
    """The fakeapi module from ../shared, imported by path (it is not a package)."""
    spec = importlib.util.spec_from_file_location("fakeapi", FAKEAPI)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


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
