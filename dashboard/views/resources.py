"""Central Asia's resources: production, exports, reserves, rents; a ranking for the latest common year."""

import streamlit as st

from cache.schema import COUNTRIES
from dashboard import chart_rows, charts, controls, data, i18n, layout, maps, notes, render
from dashboard.i18n import t

loaded = data.load()
sel = st.session_state["_selection"]

st.title(t("Central Asia's resources"))
series = controls.pick(
    t("Indicator"), layout.explorer(loaded.manifest), param="indicator", format_func=lambda s: loaded.entry(s)["title"]
)
entry = loaded.entry(series)
render.banner([entry])
rows = data.memo(loaded, chart_rows.drawn_rows, series, tuple(sel.countries), sel.years)
unit = loaded.manifest["series"].get(series, {}).get("unit", "")
options = st.columns(3)
with options[0]:
    per_person = controls.flag(
        t("Per person"), param="pc", allowed=chart_rows.allows_per_capita(unit), help=t("Divided by population")
    )
if per_person:
    rows = data.memo(loaded, chart_rows.per_capita_rows, series, tuple(sel.countries), sel.years)
with options[1]:
    world = controls.flag(
        t("Share of the world"),
        param="share",
        allowed=not per_person and data.memo(loaded, chart_rows.has_world, series, unit),
        help=t("Each country's figure as a share of the world's in the same year"),
    )
if world:
    rows = data.memo(loaded, chart_rows.world_share_rows, series, tuple(sel.countries), sel.years)
with options[2]:
    log = controls.flag(
        t("Log scale"),
        param="log",
        allowed=chart_rows.spans_orders_of_magnitude(rows["value"]),
        help=t("For figures that span orders of magnitude"),
    )
render.chart(charts.time_series, rows, [entry], key="series", years=sel.years, events=sel.events, log=log)

year = data.memo(loaded, chart_rows.latest_common_year, series, tuple(sel.countries), sel.years)
if year is None:
    st.info(t("No year in the selected range has a figure for every selected country, so there is no ranking."))
else:
    ranked = data.memo(loaded, chart_rows.year_rows, series, tuple(sel.countries), year)
    st.subheader(t("Ranking in {year}, the latest year every selected country has a figure", year=i18n.year(year)))
    render.chart(charts.ranking, ranked, [entry], key="ranking", year=year)
    # The map is of the region: Korea and the five (the peers and suppliers are in the ranking).
    region = tuple(c for c in sel.countries if c in COUNTRIES)
    if region:
        render.chart(maps.region_map, ranked, [entry], key="map", year=year, countries=region)
if "USA" in sel.countries and entry.get("unit") == "quadrillion Btu":
    st.caption(notes.eia_split())
