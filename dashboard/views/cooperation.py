"""Cooperation areas: the six areas of the Korea–Central Asia agenda, each with its indicators."""

import streamlit as st

from cache.schema import TOPICS
from dashboard import charts, controls, data, render, state

loaded = data.load()
sel = st.session_state["_selection"]
table = loaded.table

st.title("Cooperation areas")
area = controls.pick("Area", state.AREAS, param="area", format_func=TOPICS.get, horizontal=True)
series = [sid for sid, e in loaded.manifest["series"].items() if area in e.get("topics", []) and e.get("rows")]
if not series:
    st.info(
        f"No cited series for {TOPICS[area].lower()} is in our catalog yet: the World Bank and EIA "
        "packs we draw on have none. Korea is the reference in every other area."
    )
    st.stop()
render.banner([loaded.entry(s) for s in series])
st.caption("South Korea is drawn thicker, as the reference.")
for sid in series:
    entry = loaded.entry(sid)
    rows = charts.drawn_rows(table, sid, sel.countries, sel.years)
    render.chart(charts.time_series, rows, [entry], key=sid, years=sel.years, events=sel.events)
