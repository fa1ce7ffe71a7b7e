"""Data and sources: every series with its coverage and provenance, the whole table as CSV, licences."""

import streamlit as st

from dashboard import data, export, provenance

loaded = data.load()
manifest = loaded.manifest

st.title("Data and sources")
if manifest.get("built_from"):
    st.info(f"These figures come from an {manifest['built_from']}. Lead with each series' last year of data.")
for key, source in manifest.get("sources", {}).items():
    st.markdown(provenance.source_line(source, provenance.stated_dates(manifest, key)))

catalog = provenance.catalog_rows(manifest)
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
