"""The flows part of a refresh: ask UN Comtrade, check the answer against the last good flows, say what happened.

A failed or refused fetch keeps the last good flows, and the manifest's `flows` entry says why; a deployment that
leaves the source out (COMTRADE=off) stores no flows at all (the UN's terms are not an open licence).
"""

from __future__ import annotations

import logging

import pandas as pd
import requests

from cache import flows, store
from cache.errors import CorruptCache
from catalog import trade
from fetchers import checks, comtrade
from fetchers.errors import FetchError
from fetchers.result import FAILED, OK, SKIPPED, UNCHANGED, UPDATED

log = logging.getLogger(__name__)

ENABLED_ENV = trade.ENABLED_ENV
SERIES = "trade_flows"  # how the refresh's summary names the flows


enabled = trade.enabled


def previous(directory) -> tuple[pd.DataFrame | None, dict]:
    """The last good flows and their manifest entry; (None, {}) for a cache that holds none or cannot be read."""
    try:
        table, manifest = store.load_flows(directory)
    except CorruptCache as err:
        log.warning("%s The flows start anew.", err)
        return None, {}
    entry = manifest.get("flows")
    return (table, dict(entry)) if entry else (None, {})


def shrinks(new: pd.DataFrame, old: pd.DataFrame | None) -> str | None:
    """Why new flows may not replace the old: an ask that loses more than checks.SHRINK_LIMIT of its rows."""
    if old is None:
        return None
    for ask in trade.ASKS:
        before = int((old["ask"] == ask.id).sum())
        after = int((new["ask"] == ask.id).sum())
        if before and before - after > checks.SHRINK_LIMIT * before:
            return (
                f"the answer would drop {before - after} of the {before} flows of {ask.id} (more than a tenth); "
                "if the source withdrew them on purpose, refresh again with --accept-shrink"
            )
    return None


def _same(new: pd.DataFrame, old: pd.DataFrame | None) -> bool:
    return old is not None and flows.to_bytes(new) == flows.to_bytes(old)


def refresh(
    session: requests.Session,
    url: str,
    old: pd.DataFrame | None,
    old_entry: dict,
    stamp: str,
    *,
    stop_at: float | None,
    accept_shrink: bool = False,
) -> tuple[pd.DataFrame | None, dict, str, str]:
    """(flows to store, their manifest entry, status, reason): new flows if they pass, else the last good."""
    try:
        got = comtrade.fetch(session, url, stop_at=stop_at)
    except FetchError as err:
        return old, _entry(old_entry, old, FAILED, err.problem), FAILED, err.problem
    except Exception as err:  # noqa: BLE001 - a surprise here never costs the series their refresh
        reason = f"{trade.COMTRADE} stopped on an unexpected error ({type(err).__name__}); the last good flows are kept"
        log.error("%s", reason)
        return old, _entry(old_entry, old, FAILED, reason), FAILED, reason
    if got.refused:
        reason = "; ".join(f"{trade.COMTRADE} {ask}: {why}" for ask, why in got.refused.items())
        return old, _entry(old_entry, old, FAILED, reason), FAILED, reason
    problem = None if accept_shrink else shrinks(got.table, old)
    if problem:
        return old, _entry(old_entry, old, FAILED, problem), FAILED, problem
    if _same(got.table, old):
        # The files stay byte-identical, unless the last refresh had failed: then the entry says "ok" again.
        entry = old_entry if old_entry.get("status") == OK else _entry(old_entry, old, UNCHANGED, "")
        return old, entry, UNCHANGED, "the source sent the same flows"
    entry = _entry({}, got.table, UPDATED, "", fetched_at=stamp, request=got.request)
    return got.table, entry, UPDATED, ""


def left_out() -> tuple[None, dict, str, str]:
    """What a refresh stores when the deployment leaves the source out: no flows, and nothing about them."""
    return None, {}, SKIPPED, f"{ENABLED_ENV}=off leaves UN Comtrade out; no flows are stored"


def _entry(base: dict, table: pd.DataFrame | None, status: str, reason: str, **new: str) -> dict:
    """The manifest's `flows` entry: provenance, the UN's terms, and what each ask holds."""
    if table is None:
        return {}
    entry = {
        **base,
        **new,
        "source": trade.COMTRADE,
        "title": "Bilateral trade in fuels",
        "license": trade.LICENSE,
        "attribution": trade.ATTRIBUTION,
        "citation": trade.CITATION,
        "status": OK if status in (UPDATED, UNCHANGED) else status,
        "reason": reason or None,
        "asks": {ask.id: _held(table, ask) for ask in trade.ASKS},
    }
    if new.get("fetched_at"):
        entry["retrieved"] = new["fetched_at"][:10]  # the pack states no release date: the retrieval date is cited
    return entry


def _held(table: pd.DataFrame, ask: trade.Ask) -> dict:
    rows = table[table["ask"] == ask.id]
    years = rows["year"]
    return {
        "title": ask.title,
        "rows": len(rows),
        "first_year": int(years.min()) if len(rows) else None,
        "last_year": int(years.max()) if len(rows) else None,
    }
