"""Korea's import dependence: two sources joined, dependence by fuel, fuel imports, fossil and renewable shares."""

import streamlit as st

from dashboard import charts, data, render

loaded = data.load()
sel = st.session_state["_selection"]
table = loaded.table

st.title("Korea's import dependence")
wb, eia = loaded.entry("energy_imports_net_pct"), loaded.entry("dependence_total_energy_pct")
rows = charts.handover_rows(
    charts.drawn_rows(table, "energy_imports_net_pct", ["KOR"], sel.years),
    charts.drawn_rows(table, "dependence_total_energy_pct", ["KOR"], sel.years),
)
render.banner([wb, eia])
render.chart(charts.dependence_with_handover, rows, [wb, eia], key="handover", years=sel.years, events=sel.events)

st.subheader("By fuel, and beside Central Asia")
for series in (
    "dependence_petroleum_pct",
    "dependence_gas_pct",
    "dependence_coal_pct",
    "fuel_imports_pct",
    "fossil_share_pct",
    "renewable_share_pct",
):
    entry = loaded.entry(series)
    rows = charts.drawn_rows(table, series, sel.countries, sel.years)
    render.chart(charts.time_series, rows, [entry], key=series, years=sel.years, events=sel.events)
