"""Cooperation areas: the six areas of the Korea–Central Asia agenda, each with its indicators."""

import streamlit as st

from catalog.countries import CENTRAL_ASIA_COMBINED
from dashboard import chart_rows, charts, controls, data, export, layout, render, state, summary

tr = controls.translator()
loaded = data.load(tr)
sel = st.session_state["_selection"]

st.title(tr.t("Cooperation areas"))
area = controls.pick(tr, tr.t("Area"), state.AREAS, param="area", format_func=tr.topic, horizontal=True)
series = layout.area(loaded.manifest, area)
if not series:
    st.info(
        tr.t(
            "No cited series for {area} is in our catalog yet: the World Bank and EIA "
            "packs we draw on have none. Korea is the reference in every other area.",
            area=tr.topic(area).lower(),
        )
    )
    st.stop()
render.banner(tr, [loaded.entry(s, tr) for s in series])
titles = {sid: loaded.entry(sid, tr).get("title", sid) for sid in series}
# Derived regional series (coverage, combined net exports) are stored under the region's own code.
shown = [*sel.countries, CENTRAL_ASIA_COMBINED]

st.subheader(tr.t("Latest figures"))
st.caption(
    tr.t(
        "Each country's last figure from {first} to {last}, with its year; South Korea is the reference.",
        first=sel.years[0],
        last=sel.years[1],
    )
)
latest = data.memo(loaded, summary.latest, tuple(series), tuple(shown), sel.years)
st.dataframe(
    summary.glance(tr, latest, titles, series, shown),
    hide_index=True,
    width="stretch",
    height="content",  # every indicator at once; on a phone the countries scroll beside the pinned names
    column_config={tr.t("Indicator"): st.column_config.TextColumn(pinned=True)},
)
name = export.safe_filename(tr.t("{area} latest figures", area=tr.topic(area)))
render.downloads(name, "latest", csv=lambda: export.to_csv_bytes(export.headed(latest)))

st.subheader(tr.t("Over time"))
chosen = controls.pick(tr, tr.t("Indicator"), series, param="series", format_func=titles.get, fallback_quietly=True)
rows = data.memo(loaded, chart_rows.drawn_rows, chosen, tuple(shown), sel.years)
render.chart(
    charts.time_series, rows, [loaded.entry(chosen, tr)], key=chosen, years=sel.years, events=sel.events, tr=tr
)
st.caption(tr.t("South Korea is drawn thicker, as the reference."))
