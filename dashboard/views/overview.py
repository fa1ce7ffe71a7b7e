"""Overview: the key findings, headline figures, Korea's dependence drawn, and the claims checked against the data."""

import streamlit as st

from catalog.countries import KOREA
from dashboard import chart_rows, charts, claims, controls, data, findings, layout, render, trade_findings
from dashboard.phrases import say

tr = controls.translator()
loaded = data.load(tr)
sel = st.session_state["_selection"]

st.title(tr.t("Korea's energy needs and Central Asia's supply"))
st.subheader(tr.t("Key findings"))
found = data.memo(loaded, findings.findings)  # codes and numbers, shared by every language
flows = data.flows(loaded)
traded = flows if isinstance(flows, data.Flows) else None  # None where UN Comtrade is left out or unreadable
if traded:  # what the trade records say beside the coverage share: the five's part of Korea's imports
    found = [*found, *filter(None, [data.memo(loaded, trade_findings.five_states_share, on=traded)])]
st.markdown("\n".join(f"- {say(tr, f.text)} :gray[({say(tr, f.source)}, {f.year})]" for f in found))
render.brief_findings([f"{say(tr, f.text)} ({say(tr, f.source)}, {f.year})" for f in found])
st.caption(
    tr.t(
        "Computed from the cached figures at every refresh. Energy production, consumption and the dependence "
        "derived from them reach 2023; GDP and population 2023–2024; petroleum 2024–2025; trade in gas and coal, "
        "and reserves, end 2016–2020."
    )
)
for group, cards in data.memo(loaded, claims.headline_cards, tr).items():  # the same for every selection
    st.markdown(f"**{group}**")
    size = claims.per_row(cards)
    for start in range(0, len(cards), size):
        for column, card in zip(st.columns(size), cards[start : start + size], strict=False):
            column.metric(card.label, card.value, card.delta, delta_color="off", delta_arrow=card.arrow, help=card.help)

wb, eia = (loaded.entry(sid, tr) for sid in layout.TWO_MEASURES)
rows = data.memo(loaded, chart_rows.two_measures_table, KOREA, sel.years)
render.banner(tr, [wb, eia])
render.chart(
    charts.dependence_two_measures,
    rows,
    [wb, eia],
    key="overview_dependence",
    years=sel.years,
    events=sel.events,
    tr=tr,
)

st.subheader(tr.t("Claims and the data"))
said = data.memo(loaded, claims.claims)
for claim in [*said, *(data.memo(loaded, trade_findings.no_pipelines, on=traded) if traded else [])]:
    verdict = ":green-badge[" + tr.t("Agrees") + "]" if claim.agrees else ":red-badge[" + tr.t("Differs") + "]"
    source = tr.t("Source: {source}; year {year}.", source=say(tr, claim.source), year=claim.year)
    says = tr.t("The data: {says}", says=say(tr, claim.data_says))
    # One element a claim, not three: each element costs every page open its rendering.
    st.container(border=True).markdown(
        f"**{say(tr, claim.statement)}** — {verdict}\n\n{says}\n\n:gray[:small[{source}]]"
    )
