"""Supply and demand: Korea's net imports beside the chosen exporters' net exports, and the coverage share."""

import streamlit as st

from dashboard import charts, controls, data, render, state

FUEL_LABELS = {
    "petroleum": "Oil (petroleum and other liquids)",
    "gas": "Dry natural gas",
    "coal": "Coal",
    "total_energy": "Total energy",
}

loaded = data.load()
sel = st.session_state["_selection"]

st.title("Supply and demand")
fuel = controls.pick("Fuel", state.FUELS, param="fuel", format_func=FUEL_LABELS.get, horizontal=True)
exporters = controls.choose(
    "Exporting countries", state.EXPORTERS, param="exporters", format_func=charts.COUNTRY_NAMES.get
)
entry, share = loaded.entry(f"net_exports_{fuel}"), loaded.entry(f"coverage_{fuel}_pct")
render.banner([entry])
if not exporters:
    st.info("Choose at least one exporting country.")
    st.stop()
rows = data.memo(loaded, charts.supply_rows, fuel, tuple(exporters), sel.years)
render.chart(charts.supply_demand, rows, [entry], key="supply", years=sel.years, events=sel.events)
cover = data.memo(loaded, charts.coverage_rows, fuel, tuple(exporters), sel.years)
st.caption(
    "Coverage counts a year only when every chosen exporter and Korea have figures; a net importer among "
    "the exporters lowers the sum."
)
render.chart(charts.coverage, cover, [share], key="coverage", years=sel.years, events=sel.events)
