"""Refresh the cache: fetch what is new, keep the last good rows of whatever fails, recompute derived series.

One refresh holds the cache's lock from first read to last write, so two never interleave. Series that
fail or are skipped keep their previous rows and say why in the manifest. When nothing changed, the files
are left byte-identical (store.write compares bytes), so a scheduled job that commits them commits nothing.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import numpy as np
import pandas as pd
import requests

import catalog
from cache import store
from cache.errors import CorruptCache
from catalog import DERIVED, EIA, WORLDBANK, Series, derived, schema
from catalog import trade as trade_asks
from catalog.trade import COMTRADE
from fetchers import checks, comtrade, eia, trade_refresh, worldbank
from fetchers.errors import FetchError
from fetchers.manifest import build_manifest
from fetchers.redaction import scrub
from fetchers.result import FAILED, FRESH, OK, SKIPPED, UNCHANGED, UPDATED, Update

log = logging.getLogger(__name__)

DEADLINE = 900.0  # seconds a whole refresh may take (`--deadline`): a scheduled job must end on its own


@dataclass(frozen=True)
class Outcome:
    """What a refresh did to one series."""

    series: str
    source: str
    status: str  # updated | unchanged | failed | skipped
    reason: str = ""
    rows: int = 0
    last_year: int | None = None

    @property
    def fresh(self) -> bool:
        return self.status in FRESH


@dataclass
class Settings:
    """Where to read and write, and which APIs to ask (base URLs, the EIA key)."""

    cache_dir: Path
    worldbank_url: str = field(default_factory=worldbank.base_url)
    eia_url: str = field(default_factory=eia.base_url)
    eia_key: str | None = field(default_factory=eia.api_key, repr=False)
    force: bool = False
    note: str | None = None  # "built from" note for data that did not come from the live APIs
    releases: dict[str, str] = field(default_factory=dict)  # series code -> release, from an offline pack
    deadline: float = DEADLINE  # seconds for the whole refresh
    accept_shrink: bool = False  # let a new release drop more than a tenth of a series' country-years
    comtrade_url: str = field(default_factory=comtrade.base_url)
    comtrade: bool = field(default_factory=trade_refresh.enabled)  # COMTRADE=off leaves the source out

    def __post_init__(self) -> None:
        self.stop_at = time.monotonic() + self.deadline


def select(source: str | None = None, series_ids: Sequence[str] = ()) -> list[Series]:
    """The fetchable series to refresh; a derived id selects its inputs. KeyError names an unknown id."""
    chosen: list[Series] = []
    for sid in series_ids:
        s = catalog.get(sid)
        chosen += [catalog.get(i) for i in s.inputs] if s.inputs else [s]
    pool = chosen or [s for s in catalog.CATALOG if s.source in (WORLDBANK, EIA)]
    unique = {s.id: s for s in pool if source is None or s.source == source}
    return list(unique.values())


def _previous(directory: Path) -> tuple[pd.DataFrame, dict]:
    """The last good table and manifest. A damaged or missing manifest costs its provenance, never the figures:
    a readable table is kept whole, so a source that fails or is skipped this time loses nothing."""
    try:
        return store.load(directory)
    except CorruptCache as err:
        if not (directory / store.MANIFEST_FILE).exists() and not (directory / store.TABLE_FILE).exists():
            return schema.empty(), {}  # a new cache
        try:
            table = store.salvage_table(directory)
        except CorruptCache as table_err:
            log.warning("%s %s Starting from an empty table.", err, table_err)
            return schema.empty(), {}
        log.warning("%s Keeping the %s rows of the table; their provenance starts anew.", err, f"{len(table):,}")
        return table, {}


def _fetch_database(
    database: str,
    group: list[Series],
    settings: Settings,
    session: requests.Session,
    old: dict,
    progress: Callable[[str], None],
) -> tuple[dict[str, Update], str | None]:
    """One World Bank database's series: a date check when nothing may be new, else its batches."""
    updates: dict[str, Update] = {}
    known = old.get("sources", {}).get(WORLDBANK, {}).get("last_updated", {}).get(database)
    entries, date = old.get("series", {}), known
    if not settings.force and known and all(entries.get(s.id, {}).get("status") == OK for s in group):
        progress(f"World Bank database {database}: checking last-updated date")
        try:
            current = worldbank.last_updated(
                database, group[0], session, settings.worldbank_url, stop_at=settings.stop_at
            )
        except FetchError as err:
            return {s.id: Update(FAILED, err.problem) for s in group}, date
        if current == known:
            reason = f"the World Bank's date is still {known}"
            return {s.id: Update(UNCHANGED, reason) for s in group}, date
    for batch in worldbank.batches(group):
        progress(f"World Bank database {database}: {len(batch)} indicators")
        try:
            got = worldbank.fetch(batch, session, settings.worldbank_url, stop_at=settings.stop_at)
        except FetchError as err:
            updates.update({s.id: Update(FAILED, err.problem) for s in batch})
            continue
        for s in batch:
            if s.id in got.refused:  # the last good rows stay, and the status says why
                updates[s.id] = Update(FAILED, f"{WORLDBANK} series {s.id}: {got.refused[s.id]}")
                continue
            rows = got.table[got.table["series"] == s.id]
            updates[s.id] = Update(UPDATED, rows=rows, request=got.request, last_updated=got.last_updated)
        date = got.last_updated or date
    return updates, date


def _fetch_worldbank(
    series: list[Series],
    settings: Settings,
    session: requests.Session,
    old: dict,
    progress: Callable[[str], None],
    pool: ThreadPoolExecutor,
) -> Callable[[], tuple[dict[str, Update], dict[str, str]]]:
    """Start every database's fetch at once (each waits on the network); the returned call collects them."""
    dates = dict(old.get("sources", {}).get(WORLDBANK, {}).get("last_updated", {}))
    futures = {
        database: pool.submit(
            _fetch_database, database, [s for s in series if s.database == database], settings, session, old, progress
        )
        for database in sorted({s.database for s in series})
    }

    def collect() -> tuple[dict[str, Update], dict[str, str]]:
        updates: dict[str, Update] = {}
        for database, future in futures.items():
            try:
                got, date = future.result()
            except Exception as err:  # noqa: BLE001 - one database's surprise never costs the others their answers
                reason = _unexpected(WORLDBANK, err)
                got, date = {s.id: Update(FAILED, reason) for s in series if s.database == database}, None
            updates.update(got)
            if date:
                dates[database] = date
        return updates, dates

    return collect


def _unexpected(source: str, err: Exception) -> str:
    """A failure no check foresaw, named by its type only: its text may hold a URL, and with it the key."""
    log.error("%s: unexpected %s while fetching; its series keep their last good figures", source, type(err).__name__)
    return f"{source} stopped on an unexpected error ({type(err).__name__}); the last good figures are kept"


def _fetch_eia(
    series: list[Series], settings: Settings, session: requests.Session, progress: Callable[[str], None]
) -> dict[str, Update]:
    if not series:
        return {}
    if not settings.eia_key:
        reason = f"{eia.KEY_ENV} is not set; EIA series kept as they were"
        return {s.id: Update(SKIPPED, reason) for s in series}
    progress(f"EIA: {len(series)} series")
    try:
        got = eia.fetch(series, session, settings.eia_url, settings.eia_key, stop_at=settings.stop_at)
    except FetchError as err:
        return {s.id: Update(FAILED, err.problem) for s in series}
    except Exception as err:  # noqa: BLE001 - a fault of ours or an answer no check foresaw: this source only
        return {s.id: Update(FAILED, _unexpected(EIA, err)) for s in series}
    return {
        s.id: Update(FAILED, f"{EIA} series {s.id}: {got.refused[s.id]}")
        if s.id in got.refused
        else Update(UPDATED, rows=got.table[got.table["series"] == s.id], request=got.request)
        for s in series
    }


def _checked_derived(rows: pd.DataFrame, old: pd.DataFrame) -> tuple[pd.DataFrame, dict[str, str]]:
    """Derived rows within their series' plausible range; a series with a value outside keeps its last good rows.

    Inputs that pass their own checks can still combine into nonsense (a coverage of 9e28% over a near-zero
    import): such a series is not stored anew, and the manifest says why.
    """
    refused: dict[str, str] = {}
    for s in catalog.DERIVED_SERIES:
        low, high = s.bounds
        mine = rows[rows["series"] == s.id]
        outside = mine[(mine["value"] < low) | (mine["value"] > high)]
        if len(outside):
            row = outside.iloc[0]
            refused[s.id] = (
                f"derived series {s.id}: {len(outside)} value(s) outside {low:g} to {high:g} {s.unit}, e.g. "
                f"{row['value']:g} for {row['country']} {row['year']}; the last good figures are kept"
            )
            log.error("%s", refused[s.id])
    if not refused:
        return rows, refused
    kept = old[old["series"].isin(list(refused))]
    return pd.concat([rows[~rows["series"].isin(list(refused))], kept], ignore_index=True), refused


def run(
    selected: Sequence[Series],
    settings: Settings,
    session: requests.Session | None = None,
    progress: Callable[[str], None] = lambda _: None,
    now: datetime | None = None,
    trade: bool = False,
) -> list[Outcome]:
    """Refresh the selected series (and with `trade`, UN Comtrade's flows) into settings.cache_dir; return what
    happened to each. Flows not asked for this time stay as they were."""
    from fetchers.http import make_session

    session = session or make_session()
    stamp = (now or datetime.now(UTC)).strftime("%Y-%m-%dT%H:%M:%SZ")
    directory = settings.cache_dir
    with store.lock(directory):
        old_table, old_manifest = _previous(directory)
        old_flows, old_flows_entry = trade_refresh.previous(directory)
        # The sources and the World Bank's databases are fetched side by side: each mostly waits on the network.
        with ThreadPoolExecutor(max_workers=4) as pool:
            worldbank_done = _fetch_worldbank(
                [s for s in selected if s.source == WORLDBANK], settings, session, old_manifest, progress, pool
            )
            trade_done = pool.submit(_trade, trade, settings, session, old_flows, old_flows_entry, stamp, progress)
            eia_updates = _fetch_eia([s for s in selected if s.source == EIA], settings, session, progress)
            wb_updates, wb_dates = worldbank_done()
            flows_table, flows_entry, flows_status, flows_reason = trade_done.result()
        updates = {**wb_updates, **eia_updates}
        known = old_manifest.get("series", {})
        for s in selected:
            u, old = updates[s.id], old_table[old_table["series"] == s.id]
            found = None if u.rows is None else checks.problem(s, u.rows, old, accept_shrink=settings.accept_shrink)
            if found:  # the last good rows stay
                u.status, u.reason, u.rows = FAILED, f"{s.source} series {s.id}: {found}", None
            elif u.rows is not None and s.id in known and _same(u.rows, old):
                u.status, u.reason = UNCHANGED, "the source sent the same figures"
        for u in updates.values():  # a last net: no reason leaves the fetchers with the key in it
            u.reason = scrub(u.reason, (settings.eia_key,))
        replaced = {sid for sid, u in updates.items() if u.rows is not None}
        fetched = old_table[~old_table["series"].isin(replaced) & (old_table["source"] != DERIVED)]
        fresh_rows = [u.rows for u in updates.values() if u.rows is not None]
        base = schema.conform(pd.concat([fetched, *fresh_rows], ignore_index=True))
        computed, implausible = _checked_derived(derived.compute(base), old_table)
        table = schema.conform(pd.concat([base, computed], ignore_index=True))
        manifest = build_manifest(
            table, old_table, old_manifest, updates, wb_dates, settings.note, stamp, settings.releases
        )
        for sid, reason in implausible.items():  # kept as before, and the status says why
            manifest["series"][sid].update(status=FAILED, reason=reason)
        if flows_entry:
            manifest["flows"] = flows_entry
        progress("writing the cache")
        store.write(directory, table, manifest, flows_table)
    outcomes = [_outcome(s, updates[s.id], table) for s in selected]
    if trade:
        rows = 0 if flows_table is None else len(flows_table)
        last = int(flows_table["year"].max()) if rows else None
        outcomes.append(Outcome(trade_refresh.SERIES, COMTRADE, flows_status, flows_reason, rows, last))
    return outcomes


def _trade(asked: bool, settings: Settings, session, old, old_entry: dict, stamp: str, progress):
    """The flows to store: fetched when asked, none when the deployment leaves the source out, else the old."""
    if not settings.comtrade:
        return trade_refresh.left_out()
    if not asked:
        return old, old_entry, UNCHANGED, "not asked this time"
    progress(f"UN Comtrade: {len(trade_asks.ASKS)} asks")
    return trade_refresh.refresh(
        session, settings.comtrade_url, old, old_entry, stamp, stop_at=settings.stop_at,
        accept_shrink=settings.accept_shrink,
    )  # fmt: skip


def _same(new: pd.DataFrame, old: pd.DataFrame) -> bool:
    """Equal figures: both are slices of canonical tables (sorted alike), so their columns compare as arrays."""
    columns = ("country", "year", "value", "unit")
    return len(new) == len(old) and all(np.array_equal(new[c].to_numpy(), old[c].to_numpy()) for c in columns)


def _outcome(s: Series, update: Update, table: pd.DataFrame) -> Outcome:
    rows = table[table["series"] == s.id]
    last = int(rows["year"].max()) if len(rows) else None
    return Outcome(s.id, s.source, update.status, update.reason, len(rows), last)
