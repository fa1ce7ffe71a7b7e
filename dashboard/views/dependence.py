"""Korea's import dependence: two measures side by side, by fuel, fuel imports, fossil and renewable shares."""

import streamlit as st

from catalog import fuels
from catalog.countries import KOREA, PEERS_GROUP, UNITED_STATES, WORLDBANK_COUNTRIES
from catalog.schema import WORLDBANK
from dashboard import chart_rows, charts, controls, data, layout, measures, notes, render

tr = controls.translator()
loaded = data.load(tr)
sel = st.session_state["_selection"]

st.title(tr.t("Korea's import dependence"))
wb, eia = (loaded.entry(sid, tr) for sid in layout.TWO_MEASURES)
rows = data.memo(loaded, chart_rows.two_measures_table, KOREA, sel.years)
fuel_entries = [loaded.entry(fuels.BY_ID[fuel].dependence_id, tr) for fuel in layout.BY_FUEL]
render.banner(tr, [wb, eia, *fuel_entries])
render.chart(
    charts.dependence_two_measures, rows, [wb, eia], key="two_measures", years=sel.years, events=sel.events, tr=tr
)

st.subheader(tr.t("By fuel"))
rows = data.memo(loaded, chart_rows.by_fuel_rows, KOREA, sel.years)
render.chart(charts.dependence_by_fuel, rows, fuel_entries, key="by_fuel", years=sel.years, events=sel.events, tr=tr)
oil = notes.oil_in_two_measures(tr, data.memo(loaded, measures.oil_in_two_measures))
if oil:
    st.caption(oil)
st.caption(tr.t("Central Asia's side of each fuel, its net exports, is on the Supply and demand page."))

st.subheader(tr.t("Korea beside its peers"))
beside = [KOREA, *sel.compared]
if not sel.compared:
    st.caption(
        tr.t(
            "Choose Korea's peers (Japan, Taiwan, China), other suppliers or the world under “Compare with” to "
            "draw their dependence beside Korea's: [compare with Korea's peers]({link})",
            link="dependence?compare=peers",
        )
    )
else:
    # One chart and a picker, not one chart per measure: each chart costs every rerun of the page its rebuild.
    series = controls.pick(
        tr,
        tr.t("Dependence on"),
        layout.PEER_DEPENDENCE,
        param="peer",
        format_func=lambda s: loaded.entry(s, tr)["title"],
    )
    entry = loaded.entry(series, tr)
    rows = data.memo(loaded, chart_rows.drawn_rows, series, tuple(beside), sel.years)
    render.chart(charts.time_series, rows, [entry], key=PEERS_GROUP, years=sel.years, events=sel.events, tr=tr)
    missing_wb = [c for c in beside if c not in WORLDBANK_COUNTRIES]
    if entry.get("source") == WORLDBANK and missing_wb:
        st.caption(
            tr.t("The World Bank publishes no figures for {names}.", names=", ".join(map(tr.country, missing_wb)))
        )
    if UNITED_STATES in beside:
        st.caption(notes.eia_split(tr))

st.subheader(tr.t("Fuel in trade, and the energy mix, beside Central Asia"))
for series in layout.DEPENDENCE_CONTEXT:
    entry = loaded.entry(series, tr)
    rows = data.memo(loaded, chart_rows.drawn_rows, series, tuple(sel.countries), sel.years)
    render.chart(charts.time_series, rows, [entry], key=series, years=sel.years, events=sel.events, tr=tr)
