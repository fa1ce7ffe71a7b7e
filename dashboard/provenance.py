"""What the Data and sources page says about each source and series, from the manifest: pure, no Streamlit."""

from __future__ import annotations

import re

import pandas as pd

from dashboard.i18n import N_, Translator
from dashboard.style import plain


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


def flows_line(tr: Translator, entry: dict | None) -> str | None:
    """The third source, UN Comtrade, from the manifest's `flows` entry: its terms, credit and retrieval date, and
    what is held; None when the cache holds no flows (the source is left out)."""
    if not entry:
        return None
    asks = entry.get("asks") or {}
    years = [y for a in asks.values() if isinstance(a, dict) for y in (a.get("first_year"), a.get("last_year")) if y]
    # Worded first: the extractor misses a message whose fields are themselves translated calls.
    name, terms = plain(tr.t(str(entry.get("attribution", "")))), plain(tr.pt("license", str(entry.get("license", ""))))
    date, rows = plain(entry.get("retrieved") or str(entry.get("fetched_at") or "")[:10]), int(entry.get("rows") or 0)
    return tr.t(
        "**{name}** — terms: {terms}; credit: “{credit}”, retrieved {date}. {rows} flows of bilateral trade in "
        "fuels ({first}–{last}) are stored and drawn on the Trade page; only what a chart draws is offered as a "
        "download, never the raw trade table.",
        name=name,
        terms=terms,
        credit=plain(entry.get("attribution", "")),
        date=date,
        rows=tr.num(rows, ",d"),
        first=min(years) if years else "–",
        last=max(years) if years else "–",
    )


_WEB = re.compile(r"https://[A-Za-z0-9.\-]+(/[A-Za-z0-9._~/%\-]*)?")


def source_line(tr: Translator, source: dict, dates: dict[str, str]) -> str:
    """A source's licence, credit, page and (where stated) last-updated dates, as one markdown paragraph."""
    # The credit is quoted as the licence asks for it, in the source's words.
    # Every part comes from the manifest: shown as plain text, and the page linked only when it is a web page.
    url = str(source["url"])
    name, license = plain(tr.t(source["name"])), plain(tr.pt("license", source["license"]))
    text = tr.t(
        "**{name}** — licence: {license}; credit: “{credit}”. [{url}]({url})",
        name=name,
        license=license,
        credit=plain(source["attribution"]),
        url=url if _WEB.fullmatch(url) else plain(url),
    )
    if not _WEB.fullmatch(url):
        text = text.replace(f"[{plain(url)}]({plain(url)})", plain(url))
    stated = ", ".join(tr.t("database {db}: {date}", db=plain(db), date=plain(d)) for db, d in dates.items())
    return text + ("  \n" + tr.t("Source last updated: {dates}", dates=stated) if stated else "")


def catalog_rows(tr: Translator, manifest: dict) -> pd.DataFrame:
    """One line per series: what it is, its coverage, its release and fetch, and whether it refreshed."""
    rows = []
    for sid, e in manifest["series"].items():
        years = "; ".join(f"{c} {y[0]}–{y[1]}" for c, y in e.get("years", {}).items())
        rows.append(
            {
                "id": sid,
                "title": tr.series_title(sid, e.get("title")),
                "source": e.get("source"),
                "code": e.get("code"),
                "unit": tr.unit(e.get("unit")),
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


# The catalog's column headers on the page and in its CSV (the keys are what the code reads).
CATALOG_HEADERS = {
    "id": N_("id"),
    "title": N_("title"),
    "source": N_("source"),
    "code": N_("code"),
    "unit": N_("unit"),
    "last year": N_("last year"),
    "years by country": N_("years by country"),
    "release": N_("release"),
    "source updated": N_("source updated"),
    "fetched": N_("fetched"),
    "status": N_("status"),
    "reason": N_("reason"),
    "page": N_("page"),
}


def headed(tr: Translator, catalog: pd.DataFrame) -> pd.DataFrame:
    """The catalog with its headers in the current language (the same frame in English)."""
    return tr.headed(catalog, CATALOG_HEADERS)
