"""Korea's import dependence: two measures side by side, by fuel, fuel imports, fossil and renewable shares."""

import streamlit as st

from cache.schema import KOREA, WORLDBANK_COUNTRIES
from dashboard import chart_rows, charts, controls, data, i18n, layout, notes, render
from dashboard.i18n import t

loaded = data.load()
sel = st.session_state["_selection"]

st.title(t("Korea's import dependence"))
wb, eia = loaded.entry("energy_imports_net_pct"), loaded.entry("dependence_total_energy_pct")
rows = data.memo(loaded, chart_rows.two_measures_table, KOREA, sel.years)
fuels = [loaded.entry(f"dependence_{fuel}_pct") for fuel in layout.BY_FUEL]
render.banner([wb, eia, *fuels])
render.chart(charts.dependence_two_measures, rows, [wb, eia], key="two_measures", years=sel.years, events=sel.events)

st.subheader(t("By fuel"))
rows = data.memo(loaded, chart_rows.by_fuel_rows, KOREA, sel.years)
render.chart(charts.dependence_by_fuel, rows, fuels, key="by_fuel", years=sel.years, events=sel.events)
st.caption(t("Central Asia's side of each fuel, its net exports, is on the Supply and demand page."))

st.subheader(t("Korea beside its peers"))
beside = [KOREA, *sel.compared]
if not sel.compared:
    st.caption(
        t(
            "Choose Korea's peers (Japan, Taiwan, China), other suppliers or the world under “Compare with” to "
            "draw their dependence beside Korea's: [compare with Korea's peers]({link})",
            link="dependence?compare=peers",
        )
    )
else:
    # One chart and a picker, not one chart per measure: each chart costs every rerun of the page its rebuild.
    series = controls.pick(
        t("Dependence on"), layout.PEER_DEPENDENCE, param="peer", format_func=lambda s: loaded.entry(s)["title"]
    )
    entry = loaded.entry(series)
    rows = data.memo(loaded, chart_rows.drawn_rows, series, tuple(beside), sel.years)
    render.chart(charts.time_series, rows, [entry], key="peers", years=sel.years, events=sel.events)
    missing_wb = [c for c in beside if c not in WORLDBANK_COUNTRIES]
    if entry.get("source") == "worldbank" and missing_wb:
        st.caption(
            t("The World Bank publishes no figures for {names}.", names=", ".join(map(i18n.country, missing_wb)))
        )
    if "USA" in beside:
        st.caption(notes.eia_split())

st.subheader(t("Fuel in trade, and the energy mix, beside Central Asia"))
for series in layout.DEPENDENCE_CONTEXT:
    entry = loaded.entry(series)
    rows = data.memo(loaded, chart_rows.drawn_rows, series, tuple(sel.countries), sel.years)
    render.chart(charts.time_series, rows, [entry], key=series, years=sel.years, events=sel.events)
