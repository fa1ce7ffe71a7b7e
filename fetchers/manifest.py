"""Build the manifest (provenance of every series) from a refresh's results; format in cache/README.md."""

from __future__ import annotations

import re
from typing import Any

import pandas as pd

import catalog
from catalog import DERIVED, EIA, WORLDBANK, Series
from catalog import series as declared
from fetchers.result import FRESH, OK, SKIPPED, UNCHANGED, UPDATED, Update

SOURCES = {
    WORLDBANK: {
        "name": "World Bank, World Development Indicators",
        "url": "https://data.worldbank.org/",
        "api": "https://api.worldbank.org/v2",
        "license": declared.WB_LICENSE,
        "attribution": declared.WB_ATTRIBUTION,
    },
    EIA: {
        "name": "U.S. Energy Information Administration, International Energy Statistics",
        "url": declared.EIA_CITATION,
        "api": "https://api.eia.gov/v2/international",
        "license": declared.EIA_LICENSE,
        "attribution": declared.EIA_ATTRIBUTION,
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
        "kind": s.kind or None,
        "fuel": s.fuel or None,
        "measure": s.measure or None,
    }


def coverage(table: pd.DataFrame) -> dict[str, dict[str, Any]]:
    """Per series: row count, first and last year, and per-country [first, last, rows], in one pass."""
    keys = table[["series", "country", "year"]].astype({"series": object, "country": object})
    per_country = keys.groupby(["series", "country"], sort=True)["year"].agg(["min", "max", "size"])
    out: dict[str, dict[str, Any]] = {}
    for (series, country), (first, last, rows) in zip(per_country.index, per_country.to_numpy(), strict=True):
        entry = out.setdefault(series, {"rows": 0, "first_year": int(first), "last_year": int(last), "years": {}})
        entry["rows"] += int(rows)
        entry["first_year"], entry["last_year"] = (
            min(entry["first_year"], int(first)),
            max(entry["last_year"], int(last)),
        )
        entry["years"][country] = [int(first), int(last), int(rows)]
    return out


def _held(stats: dict[str, dict[str, Any]], series_id: str) -> dict[str, Any]:
    return stats.get(series_id) or {"rows": 0, "first_year": None, "last_year": None, "years": {}}


def vintage(s: Series, update: Update, note: str | None, stamp: str, releases: dict[str, str]) -> str:
    """The release a freshly fetched series comes from, in plain words.

    The World Bank states its database's last-updated date; EIA's data calls state none, so what is known
    is the fetch date. Built from the offline pack, the stand-in's dates are placeholders: the pack's own
    record of each series' release is named instead.
    """
    if note:
        return f"{releases.get(s.code, 'release not recorded in the offline pack')}; offline pack"
    if s.source == WORLDBANK:
        when = f"last updated {update.last_updated}" if update.last_updated else "no last-updated date given"
        return f"World Bank WDI (database {s.database}), {when}"
    return f"EIA API v2, fetched {stamp[:10]} (EIA states no release date for its data)"


_DATE = re.compile(r"\b(\d{4}-\d{2}-\d{2})\b")


def released(s: Series, update: Update, note: str | None, releases: dict[str, str]) -> str | None:
    """The date the source released these figures, where it is known (ISO), for a reader's source line.

    The World Bank states its database's last-updated date; EIA's data calls state none. Built from the offline
    pack, the pack's record of the series' release names one where the copy carried it ("report generated
    2026-01-12"), the first date it gives.
    """
    if note:
        found = _DATE.search(releases.get(s.code, ""))
        return found.group(1) if found else None
    return update.last_updated if s.source == WORLDBANK else None


def build_manifest(
    table: pd.DataFrame,
    old_table: pd.DataFrame,
    old: dict,
    updates: dict[str, Update],
    wb_dates: dict[str, str],
    note: str | None,
    stamp: str,
    releases: dict[str, str] | None = None,
) -> dict[str, Any]:
    """The new manifest: updated series get new provenance, the others keep theirs."""
    old_entries = old.get("series", {})
    entries: dict[str, dict] = {}
    held = coverage(table)
    for s in catalog.CATALOG:
        if s.source == DERIVED:
            continue
        prev = old_entries.get(s.id, {})
        entry = {**describe(s), **_held(held, s.id)}
        carried = {
            k: prev.get(k) for k in ("fetched_at", "last_updated", "request", "built_from", "vintage", "released")
        }
        update = updates.get(s.id)
        if update is None:
            status, reason = (prev.get("status"), prev.get("reason", "")) if prev else (SKIPPED, "not fetched yet")
        else:
            status, reason = (OK, "") if update.status in FRESH else (update.status, update.reason)
            if update.status == UPDATED:
                carried = {
                    "fetched_at": stamp,
                    # A stand-in's date is no source's date: kept only in `sources` for incremental refresh.
                    "last_updated": None if note else update.last_updated,
                    "request": update.request,
                    "built_from": note,
                    "vintage": vintage(s, update, note, stamp, releases or {}),
                    "released": released(s, update, note, releases or {}),
                }
            elif update.status == UNCHANGED and update.rows is not None:
                # Same figures: fetched_at keeps the time they were first fetched.
                carried["request"] = update.request
                carried["last_updated"] = None if note else update.last_updated or carried["last_updated"]
                # The same figures fetched again are vouched for by this fetch (a live API's date, or the pack's
                # own record), whatever gave them first; a live fetch that changes nothing keeps the manifest's
                # bytes, so a scheduled job has nothing to commit.
                if note or carried["built_from"] or not carried["vintage"] or s.source == WORLDBANK:
                    carried.update(
                        built_from=note,
                        vintage=vintage(s, update, note, stamp, releases or {}),
                        released=released(s, update, note, releases or {}),
                    )
        entries[s.id] = {**entry, **carried, "status": status, "reason": reason}
    for s in catalog.DERIVED_SERIES:
        entries[s.id] = _derived_entry(s, _held(held, s.id), entries)
    sources = {k: dict(v) for k, v in SOURCES.items()}
    sources[WORLDBANK]["last_updated"] = dict(sorted(wb_dates.items()))
    manifest: dict[str, Any] = {"sources": sources, "series": entries}
    notes = sorted({e["built_from"] for e in entries.values() if e.get("built_from")})
    if notes:
        manifest["built_from"] = "; ".join(notes)
    return manifest


def _derived_entry(s: Series, held: dict[str, Any], entries: dict[str, dict]) -> dict[str, Any]:
    inputs = [entries[i] for i in s.inputs]
    bad = [i for i, e in zip(s.inputs, inputs, strict=True) if e["status"] != OK]
    stamps = [e["fetched_at"] for e in inputs if e.get("fetched_at")]
    notes = {e.get("built_from") for e in inputs} - {None}
    return {
        **describe(s),
        **held,
        "fetched_at": max(stamps) if stamps else None,
        "last_updated": None,
        "request": None,
        "built_from": "; ".join(sorted(notes)) or None,
        "vintage": _inputs_vintage(s, entries),
        # A release date only where every input shares one: a mix of releases has no one date.
        "released": _common({entries[i].get("released") for i in s.inputs}),
        "status": OK if not bad else entries[bad[0]]["status"],
        "reason": "" if not bad else f"input {', '.join(bad)} did not refresh: {entries[bad[0]]['reason']}",
    }


def _common(values: set) -> str | None:
    return next(iter(values)) if len(values) == 1 else None


def _inputs_vintage(s: Series, entries: dict[str, dict]) -> str | None:
    """One vintage when every input shares it, else each input's own (a derived series mixes releases)."""
    named = {i: entries[i].get("vintage") for i in s.inputs if entries[i].get("vintage")}
    if len(set(named.values())) <= 1:
        return next(iter(named.values()), None)
    return "; ".join(f"{i}: {v}" for i, v in named.items())
