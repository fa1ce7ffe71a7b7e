"""Cooperation areas: the six areas of the Korea–Central Asia agenda, each with its indicators."""

import streamlit as st

from cache.schema import CENTRAL_ASIA_COMBINED
from dashboard import chart_rows, charts, controls, data, export, i18n, layout, render, state, summary
from dashboard.i18n import t

loaded = data.load()
sel = st.session_state["_selection"]

st.title(t("Cooperation areas"))
area = controls.pick(t("Area"), state.AREAS, param="area", format_func=i18n.topic, horizontal=True)
series = layout.area(loaded.manifest, area)
if not series:
    st.info(
        t(
            "No cited series for {area} is in our catalog yet: the World Bank and EIA "
            "packs we draw on have none. Korea is the reference in every other area.",
            area=i18n.topic(area).lower(),
        )
    )
    st.stop()
render.banner([loaded.entry(s) for s in series])
titles = {sid: loaded.entry(sid).get("title", sid) for sid in series}
# Derived regional series (coverage, combined net exports) are stored under the region's own code.
shown = [*sel.countries, CENTRAL_ASIA_COMBINED]

st.subheader(t("Latest figures"))
st.caption(
    t(
        "Each country's last figure from {first} to {last}, with its year; South Korea is the reference.",
        first=sel.years[0],
        last=sel.years[1],
    )
)
latest = data.memo(loaded, summary.latest, tuple(series), tuple(shown), sel.years)
st.dataframe(
    summary.glance(latest, titles, series, shown),
    hide_index=True,
    width="stretch",
    height="content",  # every indicator at once; on a phone the countries scroll beside the pinned names
    column_config={t("Indicator"): st.column_config.TextColumn(pinned=True)},
)
name = export.safe_filename(t("{area} latest figures", area=i18n.topic(area)))
render.downloads(name, "latest", csv=lambda: export.to_csv_bytes(export.headed(latest)))

st.subheader(t("Over time"))
chosen = controls.pick(t("Indicator"), series, param="series", format_func=titles.get, fallback_quietly=True)
rows = data.memo(loaded, chart_rows.drawn_rows, chosen, tuple(shown), sel.years)
render.chart(charts.time_series, rows, [loaded.entry(chosen)], key=chosen, years=sel.years, events=sel.events)
st.caption(t("South Korea is drawn thicker, as the reference."))
