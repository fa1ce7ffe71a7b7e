"""Cooperation areas: the six areas of the Korea–Central Asia agenda, each with its indicators."""

import streamlit as st

from cache.schema import CENTRAL_ASIA_COMBINED, TOPICS
from dashboard import chart_rows, charts, controls, data, export, layout, render, state, summary

loaded = data.load()
sel = st.session_state["_selection"]

st.title("Cooperation areas")
area = controls.pick("Area", state.AREAS, param="area", format_func=TOPICS.get, horizontal=True)
series = layout.area(loaded.manifest, area)
if not series:
    st.info(
        f"No cited series for {TOPICS[area].lower()} is in our catalog yet: the World Bank and EIA "
        "packs we draw on have none. Korea is the reference in every other area."
    )
    st.stop()
render.banner([loaded.entry(s) for s in series])
titles = {sid: loaded.entry(sid).get("title", sid) for sid in series}
# Derived regional series (coverage, combined net exports) are stored under the region's own code.
shown = [*sel.countries, CENTRAL_ASIA_COMBINED]

st.subheader("Latest figures")
st.caption(
    f"Each country's last figure from {sel.years[0]} to {sel.years[1]}, with its year; South Korea is the reference."
)
latest = data.memo(loaded, summary.latest, tuple(series), tuple(shown), sel.years)
st.dataframe(
    summary.glance(latest, titles, series, shown),
    hide_index=True,
    width="stretch",
    height="content",  # every indicator at once; on a phone the countries scroll beside the pinned names
    column_config={"Indicator": st.column_config.TextColumn(pinned=True)},
)
render.downloads(f"{area}-latest-figures", "latest", csv=lambda: export.to_csv_bytes(latest))

st.subheader("Over time")
chosen = controls.pick("Indicator", series, param="series", format_func=titles.get, fallback_quietly=True)
rows = data.memo(loaded, chart_rows.drawn_rows, chosen, tuple(shown), sel.years)
render.chart(charts.time_series, rows, [loaded.entry(chosen)], key=chosen, years=sel.years, events=sel.events)
st.caption("South Korea is drawn thicker, as the reference.")
