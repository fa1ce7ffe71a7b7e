"""The dashboard's one loader: the cached table and manifest, reloaded when a refresh replaces the files."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import streamlit as st

from cache import store
from cache.errors import CacheError


@dataclass(frozen=True)
class Data:
    """The tidy table and its manifest, as one consistent pair."""

    table: pd.DataFrame
    manifest: dict

    def entry(self, series: str) -> dict:
        return self.manifest["series"].get(series, {"title": series, "unit": "", "source": "", "code": series})

    def rows(self, series: str) -> pd.DataFrame:
        return self.table[self.table["series"] == series]


@st.cache_data(max_entries=2, show_spinner=False)
def _load(directory: str, version: str) -> tuple[pd.DataFrame, dict]:
    """Parse the cache once per version of its files; a failure raises, so nothing bad is ever cached."""
    return store.load(Path(directory))


def load() -> Data:
    """The cached data; on a missing or corrupt cache, one clear message with the rebuild command, then stop."""
    directory = store.cache_dir()
    try:
        # Two stat calls a rerun are how a refresh (even one that only changes the manifest) is noticed
        # without a restart; store.load checks the pair against the manifest's checksum.
        table, manifest = _load(str(directory), store.version(directory))
    except CacheError as err:
        st.error(str(err))
        st.stop()
    if table.empty:
        st.error(f"The data cache in {directory} holds no figures. Rebuild it with: make snapshot or make refresh.")
        st.stop()
    return Data(table, manifest)
