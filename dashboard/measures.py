"""Two measures of one thing, where they differ: recorded trade beside production minus consumption, and oil in
barrels a day beside oil in energy content. Pure: the figures a note under a chart names (notes.py words them)."""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from catalog import fuels
from catalog.countries import KOREA


def trade_beside_net(
    table: pd.DataFrame, trade_series: str, net_series: str, sign: int, countries: Sequence[str]
) -> tuple[str, int, float, float] | None:
    """(country, year, recorded trade, net exports) where the two differ most (by more than a tenth of the larger)
    among `countries` on the same side (sign +1: net exporters beside their exports, -1: net importers beside their
    imports), in the latest year each has both; None where they agree or never meet."""
    wanted = table[table["series"].isin((trade_series, net_series)) & table["country"].isin(countries)]
    both = wanted.pivot_table(index=["country", "year"], columns="series", values="value", aggfunc="first")
    if trade_series not in both or net_series not in both:
        return None
    both = both.dropna(subset=[trade_series, net_series]).reset_index()
    both = both[both[net_series] * sign > 0]
    if both.empty:
        return None
    latest = both.sort_values("year").groupby("country").tail(1)
    gap = (latest[trade_series].abs() - latest[net_series].abs()).abs()
    larger = latest[[trade_series, net_series]].abs().max(axis=1)
    latest = latest.assign(gap=gap)[gap > 0.1 * larger]
    if latest.empty:
        return None
    top = latest.sort_values("gap", ascending=False).iloc[0]
    return str(top["country"]), int(top["year"]), float(top[trade_series]), float(top[net_series])


def oil_in_two_measures(table: pd.DataFrame, country: str = KOREA) -> tuple[int, float, float, float] | None:
    """(year, production in kb/d, net import dependence in kb/d, in energy content) for the latest year with all:
    EIA counts refinery gain and other liquids as production in barrels, not in its quad-Btu split."""
    fuel = fuels.PETROLEUM
    physical, energy = fuel.measure(fuels.PHYSICAL), fuel.measure(fuels.ENERGY)
    ids = (physical.production[0], physical.consumption[0], fuel.dependence_id)
    rows = table[table["series"].isin(ids) & (table["country"] == country)]
    wide = rows.pivot_table(index="year", columns="series", values="value", aggfunc="first").dropna()
    if wide.empty or len(wide.columns) < len(ids) or energy.unit == physical.unit:
        return None
    year = int(wide.index.max())
    produced, used = float(wide.loc[year, ids[0]]), float(wide.loc[year, ids[1]])
    if used <= 0:
        return None
    return year, produced, (used - produced) / used * 100, float(wide.loc[year, ids[2]])
