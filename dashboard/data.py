"""The dashboard's one loader: the cached table and manifest, reloaded when a refresh replaces the files."""

from __future__ import annotations

from collections.abc import Callable, Hashable
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

import pandas as pd
import streamlit as st

from cache import store
from cache.errors import CacheError

T = TypeVar("T")


@dataclass(frozen=True)
class Data:
    """The tidy table and its manifest, as one consistent pair, shared read-only by every session."""

    table: pd.DataFrame
    manifest: dict
    version: str = ""

    def entry(self, series: str) -> dict:
        return self.manifest["series"].get(series, {"title": series, "unit": "", "source": "", "code": series})


# cache_resource, not cache_data: one shared object rather than a copy unpickled for every rerun of every
# session, which cost ~10 ms a rerun. Nothing in the dashboard mutates the table.
@st.cache_resource(max_entries=2, show_spinner=False)
def _load(directory: str, version: str) -> Data:
    """Parse the cache once per version of its files; a failure raises, so nothing bad is ever cached."""
    table, manifest = store.load(Path(directory))
    return Data(table, manifest, version)


def load() -> Data:
    """The cached data; on a missing or corrupt cache, one clear message with the rebuild command, then stop."""
    directory = store.cache_dir()
    try:
        # Two stat calls a rerun are how a refresh (even one that only changes the manifest) is noticed
        # without a restart; store.load checks the pair against the manifest's checksum.
        loaded = _load(str(directory), store.version(directory))
    except CacheError as err:
        st.error(str(err))
        st.stop()
    if loaded.table.empty:
        st.error(f"The data cache in {directory} holds no figures. Rebuild it with: make snapshot or make refresh.")
        st.stop()
    return loaded


# Shared across sessions: a popular view (the default one above all) is computed once for everyone.
@st.cache_resource(max_entries=1024, show_spinner=False)
def _memo(version: str, name: str, args: tuple, _fn: Callable[..., T], _table: pd.DataFrame) -> T:
    return _fn(_table, *args)


def memo(loaded: Data, fn: Callable[..., T], *args: Hashable) -> T:
    """`fn(table, *args)` for a pure `fn`, computed once per version of the cache and distinct `args`, and
    shared by every viewer: treat the result as read-only."""
    return _memo(loaded.version, f"{fn.__module__}.{fn.__qualname__}", args, fn, loaded.table)
