"""What the Data and sources page says about each source and series, from the manifest: pure, no Streamlit."""

from __future__ import annotations

import pandas as pd


def stated_dates(manifest: dict, source: str) -> dict[str, str]:
    """A source's own last-updated date per database, only where a series held now was fetched under it.

    A snapshot built from the offline pack carries the stand-in's placeholder dates (kept for incremental
    refreshes) and no per-series date, so nothing is stated; after a live refresh the real date shows.
    """
    dates = manifest.get("sources", {}).get(source, {}).get("last_updated", {}) or {}
    live = {
        str(e.get("database"))
        for e in manifest["series"].values()
        if e.get("source") == source and e.get("last_updated") and not e.get("built_from")
    }
    return {db: date for db, date in dates.items() if db in live}


def source_line(source: dict, dates: dict[str, str]) -> str:
    """A source's licence, credit, page and (where stated) last-updated dates, as one markdown paragraph."""
    text = (
        f"**{source['name']}** — licence: {source['license']}; credit: “{source['attribution']}”. "
        f"[{source['url']}]({source['url']})"
    )
    stated = ", ".join(f"database {db}: {d}" for db, d in dates.items())
    return text + (f"  \nSource last updated: {stated}" if stated else "")


def catalog_rows(manifest: dict) -> pd.DataFrame:
    """One line per series: what it is, its coverage, its release and fetch, and whether it refreshed."""
    rows = []
    for sid, e in manifest["series"].items():
        years = "; ".join(f"{c} {y[0]}–{y[1]}" for c, y in e.get("years", {}).items())
        rows.append(
            {
                "id": sid,
                "title": e.get("title"),
                "source": e.get("source"),
                "code": e.get("code"),
                "unit": e.get("unit"),
                "last year": e.get("last_year"),
                "years by country": years,
                "release": e.get("vintage"),
                "source updated": e.get("last_updated"),
                "fetched": e.get("fetched_at"),
                "status": e.get("status"),
                "reason": e.get("reason"),
                "page": e.get("citation"),
            }
        )
    return pd.DataFrame(rows)
