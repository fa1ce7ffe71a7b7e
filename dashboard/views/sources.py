"""Data and sources: every series with its coverage and provenance, the whole table as CSV, licences."""

import streamlit as st

from dashboard import controls, data, export, provenance

tr = controls.translator()
loaded = data.load(tr)
manifest = loaded.manifest

st.title(tr.t("Data and sources"))
if manifest.get("built_from"):
    # In words, in every language; the build's own record (paths, files) is the table's "release" column.
    st.info(
        tr.t(
            "These figures were copied from the sources' published data into an offline data pack and read from "
            "there, not fetched live: they are real figures, and the table below names the release each series "
            "was copied from. Lead with each series' last year of data."
        )
    )
for key, source in manifest.get("sources", {}).items():
    st.markdown(provenance.source_line(tr, source, provenance.stated_dates(manifest, key)))
flows = provenance.flows_line(tr, manifest.get("flows")) if data.offers_flows() else None
if flows:
    st.markdown(flows)

catalog = provenance.catalog_rows(tr, manifest)
shown = provenance.headed(tr, catalog)
st.caption(tr.t("The table scrolls sideways: swipe or scroll it to see every column."))
st.dataframe(
    shown,
    hide_index=True,
    width="stretch",
    column_config={shown.columns[-1]: st.column_config.LinkColumn(tr.t("Upstream page"))},
)
failed = catalog[catalog["status"] != "ok"]
if len(failed):
    st.warning(tr.t("{count} series did not refresh last time; their last good figures are shown.", count=len(failed)))
# Files are made when a button is clicked, not on every rerun of the page.
st.download_button(
    tr.t("Download the whole table (CSV)"),
    lambda: export.to_csv_bytes(export.headed(loaded.table)),
    tr.t("kca-energy-data.csv"),
    "text/csv",
    key="all_csv",
    on_click="ignore",
)
st.download_button(
    tr.t("Download the catalog (CSV)"),
    lambda: export.to_csv_bytes(shown),
    tr.t("kca-energy-catalog.csv"),
    "text/csv",
    key="catalog_csv",
    on_click="ignore",
)
