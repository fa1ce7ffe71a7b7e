"""Overview: headline figures, the claims checked against the data, and Korea's dependence over time."""

import streamlit as st

from cache.schema import KOREA
from dashboard import charts, claims, data, render

loaded = data.load()
sel = st.session_state["_selection"]

st.title("Korea's energy needs and Central Asia's supply")
st.caption(
    "Each figure gives its year. Energy production, consumption and the dependence derived from them reach 2023; "
    "GDP and population 2023–2024; petroleum 2024–2025; trade in gas and coal, and reserves, end 2016–2020."
)
for group, metrics in data.memo(loaded, claims.headlines).items():  # the same for every selection
    st.markdown(f"**{group}**")
    columns = st.columns(4)
    for column, (m, factor, fmt, about) in zip(columns, metrics, strict=False):
        value = "no data" if m.value is None else f"{format(m.value / factor, fmt)} {m.unit}"
        delta = None if m.change is None else f"{format(m.change / factor, '+' + fmt)} on {m.year - 1}"
        label = f"{m.label} ({m.year})" if m.year else m.label
        column.metric(label, value, delta, delta_color="off", help=about)

st.subheader("Claims and the data")
for claim in data.memo(loaded, claims.claims):
    verdict = ":green-badge[Agrees]" if claim.agrees else ":red-badge[Differs]"
    with st.container(border=True):
        st.markdown(f"**{claim.statement}** — {verdict}")
        st.write(f"The data: {claim.data_says}")
        st.caption(f"Source: {claim.source}; year {claim.year}.")

wb, eia = loaded.entry("energy_imports_net_pct"), loaded.entry("dependence_total_energy_pct")
rows = charts.two_measures_rows(
    data.memo(loaded, charts.drawn_rows, "energy_imports_net_pct", (KOREA,), sel.years),
    data.memo(loaded, charts.drawn_rows, "dependence_total_energy_pct", (KOREA,), sel.years),
)
render.banner([wb, eia])
render.chart(
    charts.dependence_two_measures, rows, [wb, eia], key="overview_dependence", years=sel.years, events=sel.events
)
