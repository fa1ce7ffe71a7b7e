"""Supply and demand: Korea's net imports beside the chosen exporters' net exports, and the coverage share."""

import streamlit as st

from cache import fuels
from dashboard import chart_rows, charts, controls, data, notes, render, state

MEASURE_LABELS = {fuels.PHYSICAL: "Physical units", fuels.ENERGY: "Energy content (quad Btu)"}

loaded = data.load()
sel = st.session_state["_selection"]

st.title("Supply and demand")
fuel = fuels.BY_ID[
    controls.pick("Fuel", state.FUELS, param="fuel", format_func=lambda f: fuels.BY_ID[f].label, horizontal=True)
]
measure = controls.pick(
    "Measure",
    fuel.measures,
    param="measure",
    format_func=lambda m: (
        f"{MEASURE_LABELS[m]}: {fuel.measure(m).short_unit}" if m == fuels.PHYSICAL else MEASURE_LABELS[m]
    ),
    horizontal=True,
    fallback_quietly=True,  # all fossil fuels and total energy have one measure each
)
exporters = controls.choose(
    "Exporting countries", state.EXPORTERS, param="exporters", format_func=charts.COUNTRY_NAMES.get
)
net_id, share_id = fuel.net_exports_id(measure), fuel.coverage_id(measure)
entry, share = loaded.entry(net_id), loaded.entry(share_id)
render.banner([entry])
for other in (m for m in fuel.measures if m != measure):
    further = notes.further_measure(
        MEASURE_LABELS[measure],
        entry.get("last_year"),
        MEASURE_LABELS[other],
        loaded.entry(fuel.net_exports_id(other)).get("last_year"),
    )
    if further:
        st.caption(further)
if not exporters:
    st.info("Choose at least one exporting country.")
    st.stop()
rows = data.memo(loaded, chart_rows.supply_rows, net_id, tuple(exporters), sel.years)
missing = notes.missing_exporters(data.memo(loaded, chart_rows.missing_exporters, net_id, tuple(exporters), sel.years))
if missing:
    st.caption(missing)
render.chart(charts.supply_demand, rows, [entry], key="supply", years=sel.years, events=sel.events)
cover = data.memo(loaded, chart_rows.coverage_rows, net_id, share_id, tuple(exporters), sel.years)
st.caption(
    "Coverage counts a year only when every chosen exporter and Korea have figures; a net importer among "
    "the exporters lowers the sum."
)
render.chart(charts.coverage, cover, [share], key="coverage", years=sel.years, events=sel.events)
