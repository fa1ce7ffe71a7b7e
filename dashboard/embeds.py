"""The charts another site may frame (views/embed.py), each by a name in the link: `embed?embed=true&chart=NAME`.

Each draws one chart as its page does, without the table, downloads or citation, and says which page holds the
full view. Page code: it draws with render.chart.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import streamlit as st

from catalog import fuels
from catalog.countries import CENTRAL_ASIA, KOREA
from catalog.trade import KOREA_FUELS
from dashboard import chart_rows, charts, data, layout, render, state, trade_charts, trade_rows
from dashboard.i18n import Translator


@dataclass(frozen=True)
class Embed:
    page: str  # the full view's url_path
    draw: Callable[[Translator, data.Data, object, dict], None]
    needs_flows: bool = False


def _two_measures(tr: Translator, loaded: data.Data, sel, values: dict) -> None:
    wb, eia = (loaded.entry(sid, tr) for sid in layout.TWO_MEASURES)
    rows = data.memo(loaded, chart_rows.two_measures_table, KOREA, sel.years)
    render.chart(charts.dependence_two_measures, rows, [wb, eia], key="embed", years=sel.years, tr=tr, embed=True)


def _by_fuel(tr: Translator, loaded: data.Data, sel, values: dict) -> None:
    entries = [loaded.entry(fuels.BY_ID[f].dependence_id, tr) for f in layout.BY_FUEL]
    rows = data.memo(loaded, chart_rows.by_fuel_rows, KOREA, sel.years)
    render.chart(charts.dependence_by_fuel, rows, entries, key="embed", years=sel.years, tr=tr, embed=True)


def _coverage(tr: Translator, loaded: data.Data, sel, values: dict) -> None:
    fuel = fuels.BY_ID.get(str(values.get("fuel")), fuels.GAS)
    measure = str(values.get("measure")) if values.get("measure") in fuel.measures else fuel.measures[0]
    net, share = fuel.net_exports_id(measure), fuel.coverage_id(measure)
    rows = data.memo(loaded, chart_rows.coverage_rows, net, share, tuple(CENTRAL_ASIA), sel.years)
    entry = loaded.entry(share, tr)
    render.chart(charts.coverage, rows, [entry], key="embed", years=sel.years, tr=tr, embed=True)


def _trade(tr: Translator, loaded: data.Data, sel, values: dict) -> None:
    flows = data.flows(loaded)
    if not isinstance(flows, data.Flows):
        st.info(tr.t("This site does not show UN Comtrade's trade flows."))
        return
    commodity = str(values.get("imports")) if values.get("imports") in KOREA_FUELS else KOREA_FUELS[0]
    rows = data.memo(loaded, trade_rows.origin_shares, commodity, sel.years, on=flows)
    last = int(rows["year"].max()) if len(rows) else None
    title = tr.t("Korea's imports by origin: {fuel}", fuel=tr.commodity(commodity))
    entry = trade_charts.source_entry(flows.entry, (commodity,), title, last)
    render.chart(trade_charts.origins, rows, [entry], key="embed", tr=tr, words=trade_charts.worded, embed=True)


# By the names a link may give (state.EMBED_CHARTS, which checks them), in the same order.
EMBEDS = dict(
    zip(
        state.EMBED_CHARTS,
        (
            Embed("overview", _two_measures),
            Embed("dependence", _by_fuel),
            Embed("supply", _coverage),
            Embed("trade", _trade, needs_flows=True),
        ),
        strict=True,
    )
)
DEFAULT = state.EMBED_CHARTS[0]
