"""Trade: where Korea's fuel comes from and where Central Asia's goes, from UN Comtrade's bilateral flows."""

import streamlit as st

from catalog import trade
from dashboard import controls, data, render, trade_charts, trade_findings, trade_notes, trade_rows
from dashboard.phrases import say
from dashboard.style import plain

tr = controls.translator()
loaded = data.load(tr)
sel = st.session_state["_selection"]

st.title(tr.t("Trade: where Korea's fuel comes from"))
flows = data.flows(loaded)
if flows is None:  # the navigation offers no Trade page then; a bookmarked link lands here
    st.info(tr.t("This site does not show UN Comtrade's trade flows."))
    st.stop()
if isinstance(flows, data.Unavailable):
    st.error(tr.t("The stored trade flows cannot be read right now; every other page still works."))
    st.stop()

found = data.memo(loaded, trade_findings.findings, on=flows)
st.subheader(tr.t("Key findings"))
st.markdown("\n".join(f"- {say(tr, f.text)} :gray[({say(tr, f.source)}, {f.year})]" for f in found))
render.brief_findings([f"{say(tr, f.text)} ({say(tr, f.source)}, {f.year})" for f in found])
retrieved = plain(trade_notes.retrieved(flows.entry))
st.caption(
    tr.t(
        "UN Comtrade's figures are what each country reports to the United Nations, under the UN's terms of use "
        "(not an open licence); retrieved {date}. A partner without a row is no recorded trade, not a zero.",
        date=retrieved,
    )
)


def source(commodities: tuple[str, ...], title: str, rows) -> dict:
    last = int(rows["year"].max()) if len(rows) else None
    return trade_charts.source_entry(flows.entry, commodities, title, last)


st.subheader(tr.t("Korea's imports by origin"))
commodity = controls.pick(
    tr, tr.t("Fuel"), trade.KOREA_FUELS, param="imports", format_func=tr.commodity, horizontal=True
)
rows = data.memo(loaded, trade_rows.origin_shares, commodity, sel.years, on=flows)
entry = source((commodity,), tr.t("Korea's imports by origin: {fuel}", fuel=tr.commodity(commodity)), rows)
hidden = ("order", "partner_name")
render.chart(trade_charts.origins, rows, [entry], key="origins", tr=tr, words=trade_charts.worded, hidden=hidden)
for note in (
    trade_notes.five_states(tr, rows, commodity),
    trade_notes.weights(tr, flows.table, commodity, sel.years),
    trade_notes.shortfalls(tr, rows),
):
    if note:
        st.caption(note)

st.subheader(tr.t("How concentrated Korea's suppliers are"))
rows = data.memo(loaded, trade_rows.concentration, sel.years, on=flows)
entry = source(trade.KOREA_FUELS, tr.t("Concentration of Korea's fuel suppliers"), rows)
render.chart(trade_charts.concentration, rows, [entry], key="concentration", tr=tr, words=trade_charts.worded)
st.caption(
    tr.t(
        "The Herfindahl–Hirschman index sums the squares of every supplier's share in percent: 10,000 when one "
        "country supplies everything, 2,500 for four equal suppliers. Lower means a supply spread over more "
        "countries."
    )
)

st.subheader(tr.t("Gas by pipeline: what HS 271121 can show"))
rows = data.memo(loaded, trade_rows.gas_states, sel.years, on=flows)
entry = source((trade.LNG, trade.PIPELINE_GAS), tr.t("Korea's gas imports: liquefied and gaseous"), rows)
render.chart(trade_charts.gas_states, rows, [entry], key="gas_states", tr=tr, words=trade_charts.worded)
st.caption(
    tr.t(
        "HS 271121 counts natural gas imported in the gaseous state, however it travels; pipeline gas falls under "
        "it, but the code does not name a route. Korea's figures are tonnes a year against tens of millions of "
        "tonnes of LNG: no pipeline-sized flow arrives."
    )
)

st.subheader(tr.t("Where the five states' fuel goes"))
commodity = controls.pick(
    tr, tr.t("Fuel"), trade_rows.EXPORT_FUELS, param="exports", format_func=tr.commodity, horizontal=True
)
rows = data.memo(loaded, trade_rows.routes, commodity, sel.years, on=flows)
entry = source(
    (commodity,), tr.t("The five states' exports by destination: {fuel}", fuel=tr.commodity(commodity)), rows
)
render.chart(
    trade_charts.routes, rows, [entry], key="routes", tr=tr, words=trade_charts.worded, hidden=("destination_name",)
)
st.caption(
    tr.t(
        "Turkmenistan and Tajikistan never report to UN Comtrade and Uzbekistan rarely: their trade is seen only "
        "in their partners' reports (China's and Japan's here; Taiwan reports none from them). Russia does not "
        "report in these data, so flows to Russia are seen only where an exporter reports them. The routes drawn "
        "are every one a partner reports, every one to Korea, and the largest others."
    )
)
