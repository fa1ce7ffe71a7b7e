"""Key findings: the current story in a few sentences, computed from the table on every refresh, never typed in.

Each finding is a template filled with figures from the cached table, with its year and source, kept as codes and
numbers (dashboard/phrases.py) until the page words it. A finding whose inputs are missing is left out rather
than guessed.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from catalog import fuels
from catalog.countries import (
    AUSTRALIA,
    CENTRAL_ASIA,
    CENTRAL_ASIA_COMBINED,
    KOREA,
    PEERS,
    QATAR,
    RUSSIA,
    UNITED_STATES,
    WORLD,
)
from dashboard.chart_rows import latest_common_year
from dashboard.i18n import N_
from dashboard.phrases import Country, FuelName, Msg, Num, Pct, Unit

REFERENCE_SPAN = 6  # years back from the latest figure that a change is measured against
EIA = N_("U.S. EIA International Energy Statistics")


@dataclass(frozen=True)
class Finding:
    """One sentence of the current story, the year it rests on, and where its figures come from."""

    text: Msg
    year: int
    source: Msg
    series: tuple[str, ...]


def _series(table: pd.DataFrame, series: str, country: str) -> pd.Series:
    rows = table[(table["series"] == series) & (table["country"] == country)]
    return rows.set_index("year")["value"].sort_index()


def _reference(values: pd.Series) -> tuple[int, float] | None:
    """The figure REFERENCE_SPAN years before the latest, or the nearest earlier one that exists."""
    earlier = values[values.index <= values.index.max() - REFERENCE_SPAN]
    return (int(earlier.index.max()), float(earlier.iloc[-1])) if len(earlier) else None


def dependence(table: pd.DataFrame) -> Finding | None:
    """Korea's latest fossil-fuel import dependence and its change since the reference year."""
    values = _series(table, fuels.FOSSIL.dependence_id, KOREA)
    if values.empty:
        return None
    year, value = int(values.index.max()), float(values.iloc[-1])
    ref = _reference(values)
    if ref:
        text = Msg(
            "Net imports met {share} of South Korea's consumption of coal, gas and petroleum in {year} "
            "(energy content; {then} in {then_year}).",
            share=Pct(value),
            year=year,
            then=Pct(ref[1]),
            then_year=ref[0],
        )
    else:
        text = Msg(
            "Net imports met {share} of South Korea's consumption of coal, gas and petroleum in {year} "
            "(energy content).",
            share=Pct(value),
            year=year,
        )
    return Finding(text, year, _derived(), (fuels.FOSSIL.dependence_id,))


def _derived() -> Msg:
    return Msg("{source}, derived", source=Msg(EIA))


def coverage(table: pd.DataFrame, fuel: str, measure: str) -> Finding | None:
    """How much of Korea's net imports of a fuel the five states' combined net exports equal, then and now."""
    record = fuels.BY_ID[fuel]
    series = record.coverage_id(measure)
    values = _series(table, series, CENTRAL_ASIA_COMBINED)
    if values.empty:
        return None
    year, value = int(values.index.max()), float(values.iloc[-1])
    if measure == fuels.PHYSICAL:
        unit = Msg("in {unit}", unit=Unit(record.measure(measure).short_unit))
    else:
        unit = Msg("in energy content")
    fields = {"fuel": FuelName(record.id), "share": Pct(value, ".0f"), "year": year, "unit": unit}
    ref = _reference(values)
    # The peak of the whole series, as the chart draws it (gas: 1,062% in 1992), not of the years since `ref`.
    peak_year = int(values.idxmax()) if ref else None
    if ref and peak_year not in (year, ref[0]):
        text = Msg(
            "The five Central Asian states' combined net exports of {fuel} equalled {share} of Korea's net imports "
            "of it in {year}, measured {unit} ({then} in {then_year}; {peak} at the peak in {peak_year}).",
            then=Pct(ref[1], ".0f"),
            then_year=ref[0],
            peak=Pct(values[peak_year], ",.0f"),
            peak_year=peak_year,
            **fields,
        )
    elif ref:
        text = Msg(
            "The five Central Asian states' combined net exports of {fuel} equalled {share} of Korea's net imports "
            "of it in {year}, measured {unit} ({then} in {then_year}).",
            then=Pct(ref[1], ".0f"),
            then_year=ref[0],
            **fields,
        )
    else:
        text = Msg(
            "The five Central Asian states' combined net exports of {fuel} equalled {share} of Korea's net imports "
            "of it in {year}, measured {unit}.",
            **fields,
        )
    return Finding(text, year, _derived(), (series,))


def largest_exporter(table: pd.DataFrame) -> Finding | None:
    """The five states' largest net exporter of all fossil fuels in the latest year all five have a figure."""
    series = fuels.FOSSIL.net_exports_id(fuels.ENERGY)
    year = latest_common_year(table, series, CENTRAL_ASIA)
    if year is None:
        return None
    rows = table[(table["series"] == series) & table["country"].isin(CENTRAL_ASIA)]
    latest = rows[rows["year"] == year].set_index("country")["value"]
    leader = str(latest.idxmax())
    exports = latest[latest > 0].sum()
    if latest[leader] <= 0:
        return None
    text = Msg(
        "{country} is the region's largest net exporter of fossil fuels: {value} of the {total} quad Btu of net "
        "exports of the region's exporting states in {year}.",
        country=Country(leader),
        value=Num(latest[leader], ".2f"),
        total=Num(exports, ".2f"),
        year=year,
    )
    return Finding(text, year, _derived(), (series,))


def changed_side(table: pd.DataFrame) -> Finding | None:
    """The most recent year a Central Asian state turned from net exporter to net importer of a fuel, or back."""
    found = []
    for fuel, measure in (
        (fuels.GAS.id, fuels.PHYSICAL),
        (fuels.PETROLEUM.id, fuels.ENERGY),
        (fuels.COAL.id, fuels.ENERGY),
    ):
        record = fuels.BY_ID[fuel]
        series = record.net_exports_id(measure)
        for country in CENTRAL_ASIA:
            values = _series(table, series, country)
            signs = values.gt(0)
            consecutive = values.index.to_series().diff().eq(1)
            flips = values.index[(signs != signs.shift()) & consecutive]
            if len(flips):
                year = int(flips.max())
                found.append((year, country, record, measure, float(values[year]), series))
    if not found:
        return None
    year, country, record, measure, value, series = max(found, key=lambda f: f[0])
    fields = {
        "country": Country(country),
        "fuel": FuelName(record.id),
        "year": year,
        "amount": Num(abs(value), ",.1f"),
        "unit": Unit(record.measure(measure).short_unit),
        "before": year - 1,
    }
    if value < 0:
        text = Msg(
            "{country} became a net importer of {fuel} in {year}: it consumed {amount} {unit} more than it "
            "produced, after a surplus in {before}.",
            **fields,
        )
    else:
        text = Msg(
            "{country} became a net exporter of {fuel} in {year}: it produced {amount} {unit} more than it "
            "consumed, after a deficit in {before}.",
            **fields,
        )
    return Finding(text, year, _derived(), (series,))


def _year_values(table: pd.DataFrame, series: str, countries: list[str]) -> tuple[int, pd.Series] | None:
    """The latest year every given country has a figure of the series, and those figures by country."""
    year = latest_common_year(table, series, countries)
    if year is None:
        return None
    rows = table[(table["series"] == series) & table["country"].isin(countries) & (table["year"] == year)]
    return year, rows.set_index("country")["value"]


def peers_dependence(table: pd.DataFrame) -> Finding | None:
    """Korea's fossil-fuel import dependence beside Japan's, Taiwan's and China's in the same year."""
    series = fuels.FOSSIL.dependence_id
    found = _year_values(table, series, [KOREA, *PEERS])
    if found is None:
        return None
    year, values = found
    text = Msg(
        "Beside its peers in {year}: net imports met {kor} of South Korea's consumption of fossil fuels, {jpn} "
        "of Japan's, {twn} of Taiwan's and {chn} of China's (energy content).",
        year=year,
        **{c.lower(): Pct(values[c]) for c in (KOREA, *PEERS)},
    )
    return Finding(text, year, _derived(), (series,))


def world_gas_share(table: pd.DataFrame) -> Finding | None:
    """The five states' share of the world's dry natural gas production, in bcf."""
    series = fuels.GAS.measure(fuels.PHYSICAL).production[0]
    found = _year_values(table, series, [*CENTRAL_ASIA, WORLD])
    if found is None:
        return None
    year, values = found
    five = float(values[list(CENTRAL_ASIA)].sum())
    text = Msg(
        "The five Central Asian states produced {share} of the world's dry natural gas in {year}: {five} of "
        "{world} billion cubic feet.",
        share=Pct(five / values[WORLD] * 100, ".2f"),
        year=year,
        five=Num(five, ",.0f"),
        world=Num(values[WORLD], ",.0f"),
    )
    return Finding(text, year, Msg(EIA), (series,))


# The suppliers Korea buys its gas from, in the order the sentence names them.
GAS_SUPPLIERS = (QATAR, AUSTRALIA, UNITED_STATES, RUSSIA)


def suppliers_gas(table: pd.DataFrame) -> Finding | None:
    """The five states' combined net gas exports beside Qatar's, Australia's, the United States' and Russia's."""
    series = fuels.GAS.net_exports_id(fuels.PHYSICAL)
    found = _year_values(table, series, [*CENTRAL_ASIA, *GAS_SUPPLIERS])
    if found is None:
        return None
    year, values = found
    five = float(values[list(CENTRAL_ASIA)].sum())
    fields = {
        "five": Num(five, ",.0f"),
        "year": year,
        **{c.lower(): Num(values[c], ",.0f") for c in GAS_SUPPLIERS},
    }
    if five < float(values[list(GAS_SUPPLIERS)].min()):
        text = Msg(
            "Together the five exported, net, {five} billion cubic feet of dry natural gas in {year}: less than "
            "Qatar ({qat}), Australia ({aus}), the United States ({usa}) or Russia ({rus}) alone.",
            **fields,
        )
    else:
        text = Msg(
            "Together the five exported, net, {five} billion cubic feet of dry natural gas in {year}; Qatar "
            "exported {qat}, Australia {aus}, the United States {usa} and Russia {rus}.",
            **fields,
        )
    return Finding(text, year, _derived(), (series,))


def findings(table: pd.DataFrame) -> list[Finding]:
    """The key findings that the table supports, most important first."""
    candidates = (
        dependence(table),
        peers_dependence(table),
        coverage(table, fuels.GAS.id, fuels.PHYSICAL),
        world_gas_share(table),
        suppliers_gas(table),
        coverage(table, fuels.PETROLEUM.id, fuels.ENERGY),
        largest_exporter(table),
        changed_side(table),
    )
    return [f for f in candidates if f is not None]
