"""Fixtures for the fetcher tests: scripted servers on loopback (testkit.servers) and retries without waits."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from testkit.servers import Scripted, running


@pytest.fixture
def server() -> Iterator[Scripted]:
    with running() as scripted:
        yield scripted


@pytest.fixture
def other_server() -> Iterator[Scripted]:
    """A second server: another origin (another port), e.g. where a hostile redirect points."""
    with running() as scripted:
        yield scripted


@pytest.fixture(autouse=True)
def fast_backoff(monkeypatch):
    """Retries wait a few milliseconds in unit tests, not seconds."""
    monkeypatch.setattr("fetchers.http.BACKOFF", 0.001)
