"""Overview: headline figures, the claims checked against the data, and Korea's dependence over time."""

import streamlit as st

from dashboard import charts, claims, data, render

loaded = data.load()
sel = st.session_state["_selection"]
table = loaded.table

st.title("Korea's energy needs and Central Asia's supply")
st.caption(
    "Each figure gives its year: most series end between 2013 and 2020; GDP, population and oil reach 2023–2025."
)
metrics = [  # (metric, divide by, format)
    (claims.latest(table, "dependence_total_energy_pct", "KOR", "Korea: net energy imports, % of use", "%"), 1, ".1f"),
    (claims.latest(table, "fossil_share_pct", "KOR", "Korea: fossil share of energy use, %", "%"), 1, ".1f"),
    (claims.latest(table, "gdp_usd", "KOR", "Korea: GDP, trillion US$", ""), 1e12, ".2f"),
    (claims.latest(table, "population", "KOR", "Korea: population, million", ""), 1e6, ".1f"),
    (claims.region_total(table, "petroleum_production", "Central Asia: oil output, thousand b/d", ""), 1, ",.0f"),
    (claims.region_total(table, "gas_production", "Central Asia: dry gas output, bcf", ""), 1, ",.0f"),
    (claims.region_total(table, "coal_production", "Central Asia: coal output, million short tons", ""), 1e3, ",.1f"),
]
columns = st.columns(4)
for i, (m, factor, fmt) in enumerate(metrics):
    value = "no data" if m.value is None else format(m.value / factor, fmt)
    delta = None if m.change is None else f"{format(m.change / factor, '+' + fmt)} on {m.year - 1}"
    columns[i % 4].metric(f"{m.label} ({m.year})" if m.year else m.label, value, delta, delta_color="off")

st.subheader("Claims and the data")
for claim in claims.claims(table):
    verdict = ":green-badge[Agrees]" if claim.agrees else ":red-badge[Differs]"
    with st.container(border=True):
        st.markdown(f"**{claim.statement}** — {verdict}")
        st.write(f"The data: {claim.data_says}")
        st.caption(f"Source: {claim.source}; year {claim.year}.")

wb, eia = loaded.entry("energy_imports_net_pct"), loaded.entry("dependence_total_energy_pct")
rows = charts.handover_rows(
    charts.drawn_rows(table, "energy_imports_net_pct", ["KOR"], sel.years),
    charts.drawn_rows(table, "dependence_total_energy_pct", ["KOR"], sel.years),
)
render.banner([wb, eia])
render.chart(
    charts.dependence_with_handover, rows, [wb, eia], key="overview_dependence", years=sel.years, events=sel.events
)
