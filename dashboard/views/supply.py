"""Supply and demand: Korea's net imports beside the chosen exporters' net exports, and the coverage share."""

import streamlit as st

from catalog import fuels, units
from catalog.countries import CENTRAL_ASIA, KOREA, SUPPLIERS, SUPPLIERS_GROUP
from dashboard import chart_rows, charts, controls, data, measures, notes, render, state
from dashboard.i18n import N_

MEASURE_LABELS = {fuels.PHYSICAL: N_("Physical units"), fuels.ENERGY: N_("Energy content (quad Btu)")}
FLOW_LABELS = {"production": N_("Production"), "consumption": N_("Consumption"), "net_exports": N_("Net exports")}

tr = controls.translator()
loaded = data.load(tr)
sel = st.session_state["_selection"]

st.title(tr.t("Supply and demand"))
fuel = fuels.BY_ID[
    controls.pick(
        tr,
        tr.t("Fuel"),
        state.FUELS,
        param="fuel",
        format_func=lambda f: tr.fuel_label(fuels.BY_ID[f]),
        horizontal=True,
    )
]
measure = controls.pick(
    tr,
    tr.t("Measure"),
    fuel.measures,
    param="measure",
    # EIA's total energy is measured in quad Btu only: energy content, whatever the record calls its measure.
    format_func=lambda m: (
        f"{tr.t(MEASURE_LABELS[m])}: {tr.unit(fuel.measure(m).short_unit)}"
        if m == fuels.PHYSICAL and fuel.measure(m).unit != units.QBTU
        else tr.t(MEASURE_LABELS[fuels.ENERGY])
    ),
    horizontal=True,
    fallback_quietly=True,  # all fossil fuels and total energy have one measure each
)
exporters = controls.choose(
    tr,
    tr.t("Exporting countries"),
    state.EXPORTERS,
    param="exporters",
    format_func=tr.country,
    default=CENTRAL_ASIA,  # the five; Qatar alone, Australia alone or any other set is a choice away
)
net_id, share_id = fuel.net_exports_id(measure), fuel.coverage_id(measure)
entry, share = loaded.entry(net_id, tr), loaded.entry(share_id, tr)
render.banner(tr, [entry])
for other in (m for m in fuel.measures if m != measure):
    further = notes.further_measure(
        tr,
        tr.t(MEASURE_LABELS[measure]),
        entry.get("last_year"),
        tr.t(MEASURE_LABELS[other]),
        loaded.entry(fuel.net_exports_id(other), tr).get("last_year"),
    )
    if further:
        st.caption(further)
if not exporters:
    st.info(tr.t("Choose at least one exporting country."))
    st.stop()
rows = data.memo(loaded, chart_rows.supply_rows, net_id, tuple(exporters), sel.years)
missing = notes.missing_exporters(
    tr, data.memo(loaded, chart_rows.missing_exporters, net_id, tuple(exporters), sel.years)
)
if missing:
    st.caption(missing)
# A supplier's oil in kb/d ends in 2019, coal in short tons 2017-2018: say so rather than show a short line bare.
lasts = data.memo(loaded, chart_rows.last_years, net_id, (KOREA, *exporters))
early = notes.ends_early(tr, lasts, tr.t(MEASURE_LABELS[measure]))
if early:
    st.caption(early)
render.chart(charts.supply_demand, rows, [entry], key="supply", years=sel.years, events=sel.events, tr=tr)
st.caption(
    tr.t(
        "Net exports and net imports here are production minus consumption, not recorded trade: stock changes, "
        "losses and statistical differences fall into them. EIA's recorded exports and imports are on Central "
        "Asia's resources, and can differ widely."
    )
)
if fuel.id == fuels.PETROLEUM.id:
    oil = notes.oil_in_two_measures(tr, data.memo(loaded, measures.oil_in_two_measures))
    if oil:
        st.caption(oil)
repeated = data.memo(loaded, chart_rows.carried_forward, fuel.measure(measure).consumption, (KOREA, *exporters))
if repeated:
    st.caption(notes.carried_forward(tr, repeated))
cover = data.memo(loaded, chart_rows.coverage_rows, net_id, share_id, tuple(exporters), sel.years)
st.caption(
    tr.t(
        "Coverage counts a year only when every chosen exporter and Korea have figures; a net importer among "
        "the exporters lowers the sum."
    )
)
render.chart(charts.coverage, cover, [share], key="coverage", years=sel.years, events=sel.events, tr=tr)
if data.offers_flows():
    st.caption(
        tr.t(
            "A surplus is not a flow: coverage weighs totals, and the fuel does not follow it. Where Korea's LNG, "
            "crude and coal come from, and where the five states' fuel goes, is on the [Trade page](trade)."
        )
    )

st.subheader(tr.t("Central Asia beside the world's suppliers"))
# Off by default, like "compare with" elsewhere: the default view stays as it was, and as quick.
if not controls.flag(
    tr.t("Show Russia, Qatar, Australia, the United States and Saudi Arabia beside the five"),
    param=SUPPLIERS_GROUP,
    help=tr.t("Production, consumption or net exports of the chosen fuel, as shares of the world"),
):
    st.stop()
flow = controls.pick(
    tr, tr.t("Flow"), state.FLOWS, param="flow", format_func=lambda f: tr.t(FLOW_LABELS[f]), horizontal=True
)
shares = data.memo(loaded, chart_rows.supplier_rows, fuel.id, measure, flow, SUPPLIERS, sel.years)
inputs = [loaded.entry(s, tr) for s in chart_rows.flow_ids(fuel, measure, flow)]
st.caption(notes.world_share(tr, flow))
early = notes.ends_early(tr, chart_rows.ends(shares), tr.t(MEASURE_LABELS[measure]))
if early:
    st.caption(early)
title = tr.t(
    "{flow}, {fuel}: Central Asia and the world's suppliers",
    flow=tr.t(FLOW_LABELS[flow]),
    fuel=charts.supply_subject(tr, loaded.entry(fuel.net_exports_id(measure), tr)),
)
render.chart(
    charts.suppliers, shares, inputs, key=SUPPLIERS_GROUP, years=sel.years, events=sel.events, title=title, tr=tr
)
year = chart_rows.supplier_year(shares)
if year is not None:
    ranked = data.memo(loaded, chart_rows.supplier_ranking, fuel.id, measure, flow, SUPPLIERS, year)
    # Summed series (all fossil fuels) have no entry of their own: the ranking names what it sums.
    one = len(chart_rows.flow_ids(fuel, measure, flow)) == 1 or flow == "net_exports"
    about = {**inputs[0], "title": title} if one else {**inputs[0], "source": "derived", "title": title, "code": ""}
    render.chart(charts.ranking, ranked, [about], key="suppliers_ranking", year=year, tr=tr)
if measure == fuels.ENERGY or fuel.id == fuels.TOTAL_ENERGY.id:
    st.caption(notes.eia_split(tr))
