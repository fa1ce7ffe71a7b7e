"""The dashboard's one loader: the cached table and manifest, reloaded when a refresh replaces the files.

A cache that cannot be read is remembered too, per version of its files (`store.version`), so a broken
manifest is parsed once and a persistent checksum mismatch waits out the store's retries once, not on
every rerun of every viewer; the next refresh (or any fix) changes the version and is read at once.
Viewers see what is wrong and what the operator runs; the server log gets the full message with paths.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Hashable
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

import pandas as pd
import streamlit as st

from cache import store
from cache.errors import REBUILD, REBUILD_HINT, CacheError
from catalog import trade
from dashboard import i18n
from dashboard.i18n import Translator

T = TypeVar("T")
log = logging.getLogger(__name__)
EMPTY = f"The data cache holds no figures. For the site's operator: {REBUILD}"


@dataclass(frozen=True)
class Data:
    """The tidy table and its manifest, as one consistent pair, shared read-only by every session."""

    table: pd.DataFrame
    manifest: dict
    version: str = ""

    def entry(self, series: str, tr: Translator) -> dict:
        """The series' manifest entry, its title and unit in `tr`'s language."""
        found = self.manifest["series"].get(series, {"title": series, "unit": "", "source": "", "code": series})
        return tr.entry(series, found)


@dataclass(frozen=True)
class Unavailable:
    """Why there is nothing to show, in words fit for any viewer (no server paths)."""

    message: str


# cache_resource, not cache_data: one shared object rather than a copy unpickled for every rerun of every
# session, which cost ~10 ms a rerun. Nothing in the dashboard mutates the table.
@st.cache_resource(max_entries=2, show_spinner=False)
def _load(directory: str, version: str) -> Data | Unavailable:
    """Parse the cache once per version of its files; a failure too is kept only for that version."""
    try:
        table, manifest = store.load(Path(directory))
    except CacheError as err:
        log.error("%s", err)  # once per version of the files, with the paths the page does not show
        return Unavailable(err.public)
    if table.empty:
        log.error("The data cache in %s holds no figures.", directory)
        return Unavailable(EMPTY)
    return Data(table, manifest, version)


def load(tr: Translator) -> Data:
    """The cached data; on a missing or corrupt cache, one clear message with the rebuild command, then stop."""
    directory = store.cache_dir()
    # Two stat calls a rerun are how a refresh (even one that only changes the manifest) is noticed
    # without a restart; store.load checks the pair against the manifest's checksum.
    loaded = _load(str(directory), store.version(directory))
    if isinstance(loaded, Unavailable):
        st.error(_public(loaded.message, tr))
        st.stop()
    return loaded


def _public(message: str, tr: Translator) -> str:
    """A cache error for viewers. In Korean and Russian it says what is wrong in general words (the English
    detail names a file and a problem the store words) and gives the operator's commands as typed."""
    if tr.lang == i18n.SOURCE:
        return message
    return tr.t(
        "The data cache cannot be read right now. For the site's operator, rebuild it with: {commands}.",
        commands=REBUILD_HINT,
    )


@dataclass(frozen=True)
class Flows:
    """The flows table (bilateral trade, UN Comtrade) and its manifest entry: terms, credit, retrieval date."""

    table: pd.DataFrame
    entry: dict


@st.cache_resource(max_entries=2, show_spinner=False)
def _flows(directory: str, version: str) -> Flows | Unavailable | None:
    try:
        table, manifest = store.load_flows(Path(directory))
    except CacheError as err:
        log.error("%s", err)
        return Unavailable(err.public)
    entry = manifest.get("flows")
    return Flows(table, entry) if entry and len(table) else None


def offers_flows() -> bool:
    """Whether the Trade page is offered: UN Comtrade is not left out, and the cache's manifest names flows."""
    if not trade.enabled():
        return False
    directory = store.cache_dir()
    loaded = _load(str(directory), store.version(directory))
    return isinstance(loaded, Data) and bool(loaded.manifest.get("flows"))


def flows(loaded: Data) -> Flows | Unavailable | None:
    """The stored trade flows; None where the deployment leaves UN Comtrade out (COMTRADE=off) or the cache holds
    none, Unavailable when the flows file cannot be read (the series still can)."""
    if not trade.enabled():
        return None
    directory = store.cache_dir()
    return _flows(str(directory), store.version(directory))


# Shared across sessions: a popular view (the default one above all) is computed once for everyone.
@st.cache_resource(max_entries=1024, show_spinner=False)
def _memo(version: str, name: str, args: tuple, _fn: Callable[..., T], _table: pd.DataFrame) -> T:
    return _fn(_table, *args)


def memo(loaded: Data, fn: Callable[..., T], *args: Hashable, on: Flows | None = None) -> T:
    """`fn(table, *args)` for a pure `fn`, computed once per version of the cache and distinct `args`, and
    shared by every viewer: treat the result as read-only. A function that words its result takes the translator
    among `args`, which makes the language part of the key. `on=flows` hands `fn` the flows table instead."""
    table = loaded.table if on is None else on.table
    return _memo(loaded.version, f"{fn.__module__}.{fn.__qualname__}", args, fn, table)
