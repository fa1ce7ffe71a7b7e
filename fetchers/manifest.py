"""Build the manifest (provenance of every series) from a refresh's results; format in cache/README.md."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pandas as pd

from fetchers import catalog
from fetchers.catalog import DERIVED, EIA, WORLDBANK, Series

if TYPE_CHECKING:
    from fetchers.refresh import Update

SOURCES = {
    WORLDBANK: {
        "name": "World Bank, World Development Indicators",
        "url": "https://data.worldbank.org/",
        "api": "https://api.worldbank.org/v2",
        "license": catalog.WB_LICENSE,
        "attribution": catalog.WB_ATTRIBUTION,
    },
    EIA: {
        "name": "U.S. Energy Information Administration, International Energy Statistics",
        "url": catalog.EIA_CITATION,
        "api": "https://api.eia.gov/v2/international",
        "license": catalog.EIA_LICENSE,
        "attribution": catalog.EIA_ATTRIBUTION,
    },
}


def describe(s: Series) -> dict[str, Any]:
    """The catalog's fields of a series, as the manifest carries them."""
    return {
        "title": s.title,
        "unit": s.unit,
        "description": s.description,
        "source": s.source,
        "code": s.code,
        "database": s.database or None,
        "topics": list(s.topics),
        "citation": s.citation,
        "countries": list(s.countries),
        "license": s.license,
        "attribution": s.attribution,
        "inputs": list(s.inputs) or None,
    }


def coverage(rows: pd.DataFrame) -> dict[str, Any]:
    """Row count, first and last year, and per-country [first, last, rows] of a series' rows."""
    if rows.empty:
        return {"rows": 0, "first_year": None, "last_year": None, "years": {}}
    years = {c: [int(g["year"].min()), int(g["year"].max()), len(g)] for c, g in rows.groupby("country")}
    return {
        "rows": len(rows),
        "first_year": int(rows["year"].min()),
        "last_year": int(rows["year"].max()),
        "years": years,
    }


def build_manifest(
    table: pd.DataFrame,
    old_table: pd.DataFrame,
    old: dict,
    updates: dict[str, Update],
    wb_dates: dict[str, str],
    note: str | None,
    stamp: str,
) -> dict[str, Any]:
    """The new manifest: updated series get new provenance, the others keep theirs."""
    old_entries = old.get("series", {})
    entries: dict[str, dict] = {}
    for s in catalog.CATALOG:
        if s.source == DERIVED:
            continue
        prev = old_entries.get(s.id, {})
        rows = table[table["series"] == s.id]
        entry = {**describe(s), **coverage(rows)}
        carried = {k: prev.get(k) for k in ("fetched_at", "last_updated", "request", "built_from")}
        update = updates.get(s.id)
        if update is None:
            status, reason = (prev.get("status"), prev.get("reason", "")) if prev else ("skipped", "not fetched yet")
        else:
            status, reason = ("ok", "") if update.status in ("updated", "unchanged") else (update.status, update.reason)
            if update.status == "updated":
                carried = {
                    "fetched_at": stamp,
                    "last_updated": update.last_updated,
                    "request": update.request,
                    "built_from": note,
                }
            elif update.status == "unchanged" and update.rows is not None:
                # Same figures: fetched_at keeps the time they were first fetched.
                carried["request"] = update.request
                carried["last_updated"] = update.last_updated or carried["last_updated"]
        entries[s.id] = {**entry, **carried, "status": status, "reason": reason}
    for s in catalog.DERIVED_SERIES:
        entries[s.id] = _derived_entry(s, table, entries)
    sources = {k: dict(v) for k, v in SOURCES.items()}
    sources[WORLDBANK]["last_updated"] = dict(sorted(wb_dates.items()))
    manifest: dict[str, Any] = {"sources": sources, "series": entries}
    notes = sorted({e["built_from"] for e in entries.values() if e.get("built_from")})
    if notes:
        manifest["built_from"] = "; ".join(notes)
    return manifest


def _derived_entry(s: Series, table: pd.DataFrame, entries: dict[str, dict]) -> dict[str, Any]:
    inputs = [entries[i] for i in s.inputs]
    bad = [i for i, e in zip(s.inputs, inputs, strict=True) if e["status"] != "ok"]
    stamps = [e["fetched_at"] for e in inputs if e.get("fetched_at")]
    notes = {e.get("built_from") for e in inputs} - {None}
    return {
        **describe(s),
        **coverage(table[table["series"] == s.id]),
        "fetched_at": max(stamps) if stamps else None,
        "last_updated": None,
        "request": None,
        "built_from": "; ".join(sorted(notes)) or None,
        "status": "ok" if not bad else entries[bad[0]]["status"],
        "reason": "" if not bad else f"input {', '.join(bad)} did not refresh: {entries[bad[0]]['reason']}",
    }
