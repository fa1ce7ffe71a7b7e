"""Central Asia's resources: production, exports, reserves, rents; a ranking for the latest common year."""

import streamlit as st

from catalog import units
from catalog.countries import COUNTRIES, UNITED_STATES
from catalog.schema import EIA
from dashboard import chart_rows, charts, controls, data, layout, maps, measures, notes, render

tr = controls.translator()
loaded = data.load(tr)
sel = st.session_state["_selection"]

st.title(tr.t("Central Asia's resources"))
indicators = layout.explorer(loaded.manifest)
series = controls.pick(
    tr,
    tr.t("Indicator"),
    indicators,
    param="indicator",
    format_func=lambda s: loaded.entry(s, tr)["title"],
    default=layout.explorer_default(loaded.manifest, indicators),
)
entry = loaded.entry(series, tr)
render.banner(tr, [entry])
rows = data.memo(loaded, chart_rows.drawn_rows, series, tuple(sel.countries), sel.years)
unit = loaded.manifest["series"].get(series, {}).get("unit", "")
options = st.columns(3)
with options[0]:
    per_person = controls.flag(
        tr.t("Per person"), param="pc", allowed=chart_rows.allows_per_capita(unit), help=tr.t("Divided by population")
    )
if per_person:
    rows = data.memo(loaded, chart_rows.per_capita_rows, series, tuple(sel.countries), sel.years)
with options[1]:
    world = controls.flag(
        tr.t("Share of the world"),
        param="share",
        allowed=not per_person and data.memo(loaded, chart_rows.has_world, series, unit),
        help=tr.t("Each country's figure as a share of the world's in the same year"),
    )
if world:
    rows = data.memo(loaded, chart_rows.world_share_rows, series, tuple(sel.countries), sel.years)
with options[2]:
    log = controls.flag(
        tr.t("Log scale"),
        param="log",
        allowed=chart_rows.spans_orders_of_magnitude(rows["value"]),
        help=tr.t("For figures that span orders of magnitude"),
    )
if log:
    rows, lost = chart_rows.on_log_scale(rows)
    if lost:
        st.caption(notes.left_out_on_log(tr, lost))
render.chart(charts.time_series, rows, [entry], key="series", years=sel.years, events=sel.events, log=log, tr=tr)
if series in layout.TRADE_BESIDE_NET:  # recorded trade beside production minus consumption: say which is which
    net, sign = layout.TRADE_BESIDE_NET[series]
    found = data.memo(loaded, measures.trade_beside_net, series, net, sign, tuple(sel.countries))
    differ = notes.trade_beside_net(tr, found, sign, unit)
    if differ:
        st.caption(differ)
repeated = data.memo(loaded, chart_rows.carried_forward, (series,), tuple(sel.countries))
if repeated and entry.get("source") == EIA:  # the note is about EIA's practice
    st.caption(notes.carried_forward(tr, repeated))

year = data.memo(loaded, chart_rows.latest_common_year, series, tuple(sel.countries), sel.years)
if year is None:
    st.info(tr.t("No year in the selected range has a figure for every selected country, so there is no ranking."))
else:
    ranked = data.memo(loaded, chart_rows.year_rows, series, tuple(sel.countries), year)
    if per_person:  # the ranking and the map show what the lines show
        ranked = chart_rows.per_capita(ranked, loaded.table)
        entry = {**entry, "unit": charts.unit_words(tr, chart_rows.per_person_unit(unit)[1])}
    st.subheader(tr.t("Ranking in {year}, the latest year every selected country has a figure", year=tr.year(year)))
    render.chart(charts.ranking, ranked, [entry], key="ranking", year=year, tr=tr)
    # The map is of the region: Korea and the five (the peers and suppliers are in the ranking).
    region = tuple(c for c in sel.countries if c in COUNTRIES)
    if region:
        render.chart(maps.region_map, ranked, [entry], key="map", year=year, countries=region, tr=tr)
if UNITED_STATES in sel.countries and entry.get("unit") == units.QBTU:
    st.caption(notes.eia_split(tr))
