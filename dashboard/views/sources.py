"""Data and sources: every series with its coverage and provenance, the whole table as CSV, licences."""

import pandas as pd
import streamlit as st

from dashboard import data, export

loaded = data.load()
manifest = loaded.manifest

st.title("Data and sources")
if manifest.get("built_from"):
    st.info(f"These figures come from an {manifest['built_from']}. Lead with each series' last year of data.")
for source in manifest.get("sources", {}).values():
    # Built from the offline pack, the stand-in's dates are placeholders: each series names its release instead.
    stated = {} if manifest.get("built_from") else source.get("last_updated", {})
    dates = ", ".join(f"database {db}: {d}" for db, d in stated.items())
    st.markdown(
        f"**{source['name']}** — licence: {source['license']}; credit: “{source['attribution']}”. "
        f"[{source['url']}]({source['url']})" + (f"  \nSource last updated: {dates}" if dates else "")
    )

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
catalog = pd.DataFrame(rows)
st.dataframe(
    catalog, hide_index=True, width="stretch", column_config={"page": st.column_config.LinkColumn("Upstream page")}
)
failed = catalog[catalog["status"] != "ok"]
if len(failed):
    st.warning(f"{len(failed)} series did not refresh last time; their last good figures are shown.")
# Files are made when a button is clicked, not on every rerun of the page.
st.download_button(
    "Download the whole table (CSV)",
    lambda: export.to_csv_bytes(loaded.table),
    "kca-energy-data.csv",
    "text/csv",
    key="all_csv",
    on_click="ignore",
)
st.download_button(
    "Download the catalog (CSV)",
    lambda: export.to_csv_bytes(catalog),
    "kca-energy-catalog.csv",
    "text/csv",
    key="catalog_csv",
    on_click="ignore",
)
