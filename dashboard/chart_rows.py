"""Table to table: the rows each chart draws, picked and reshaped from the tidy table. No Streamlit, no Altair.

Every chart builder in charts.py draws exactly the rows one of these returns, so a page can offer the same
numbers as a table and a CSV. Missing years are kept as nulls so lines break at gaps. Rows carry codes and the
catalog's English units: a line's `name` is a country code, a fuel id or an English label (marked with N_), and
`charts.worded` puts them into the reader's language at the edge.
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from catalog import derived, fuels, schema, units
from catalog.countries import CENTRAL_ASIA, CENTRAL_ASIA_COMBINED, KOREA, WORLD
from catalog.schema import DERIVED
from catalog.series import POPULATION
from dashboard import layout
from dashboard.i18n import N_

# Labels of lines that are no country or fuel, and the unit of a figure divided by population.
KOREA_NET_IMPORTS = N_("South Korea: net imports")
EXPORTERS_NET_EXPORTS = N_("Chosen exporters: combined net exports")
EXPORTERS_OVER_KOREA = N_("Chosen exporters / Korea")
PER_PERSON = N_("{unit} per person")


def drawn_rows(table: pd.DataFrame, series: str, countries: Sequence[str], years: tuple[int, int]) -> pd.DataFrame:
    """The rows one series' line chart draws: selected countries and years, missing years as null values."""
    rows = table[(table["series"] == series) & table["country"].isin(countries) & table["year"].between(*years)]
    if rows.empty:
        return rows.assign(name=pd.Series(dtype="string"))
    present = [c for c in countries if c in set(rows["country"])]
    first, last = int(rows["year"].min()), int(rows["year"].max())
    grid = pd.MultiIndex.from_product([present, range(first, last + 1)], names=["country", "year"])
    full = rows.set_index(["country", "year"])[["value"]].reindex(grid).reset_index()
    full["series"], full["unit"] = series, rows["unit"].iloc[0]
    full["name"] = full["country"]
    return full[["series", "country", "name", "year", "value", "unit"]]


def per_person_unit(unit: str) -> tuple[float, str]:
    """(factor, unit) of a figure divided by population: a unit that reads well where the catalog names one
    (units.PER_PERSON: bcf -> cubic feet per person), else '<unit> per person'."""
    return units.PER_PERSON.get(unit, (1.0, PER_PERSON.format(unit=unit)))


def per_capita(rows: pd.DataFrame, table: pd.DataFrame) -> pd.DataFrame:
    """Divide values by the same country's and year's population, in a unit per person that reads well."""
    population = table[table["series"] == POPULATION.id].set_index(["country", "year"])["value"]
    keys = pd.MultiIndex.from_frame(rows[["country", "year"]])
    unit = str(rows["unit"].iloc[0]) if len(rows) else ""
    factor, per_person = per_person_unit(unit)
    out = rows.assign(value=rows["value"].to_numpy() * factor / population.reindex(keys).to_numpy())
    return out.assign(unit=per_person)


def per_capita_rows(table: pd.DataFrame, series: str, countries: Sequence[str], years: tuple[int, int]) -> pd.DataFrame:
    """drawn_rows of a series divided by population (see per_capita)."""
    return per_capita(drawn_rows(table, series, countries, years), table)


def allows_per_capita(unit: str) -> bool:
    """Absolute units can be divided by population; shares, indices and per-person units cannot."""
    return not any(word in unit for word in ("%", "index", "per ", "per,"))


def spans_orders_of_magnitude(values: pd.Series, ratio: float = 100.0) -> bool:
    """True when the largest positive value is at least `ratio` times the smallest: a log scale helps."""
    positive = values[values > 0]
    return len(positive) > 1 and positive.max() / positive.min() >= ratio


def on_log_scale(rows: pd.DataFrame) -> tuple[pd.DataFrame, dict[str, int]]:
    """Rows a log scale can draw: a figure at or below zero becomes a gap (Vega draws no chart at all with one),
    and how many each country lost, for the note that says so."""
    low = rows["value"] <= 0
    lost = rows.loc[low, "country"].value_counts()
    return rows.assign(value=rows["value"].mask(low)), {str(c): int(n) for c, n in lost.items()}


def latest_common_year(
    table: pd.DataFrame, series: str, countries: Sequence[str], years: tuple[int, int] | None = None
) -> int | None:
    """The last year (within `years`, if given) in which every given country has a figure of the series."""
    rows = table[(table["series"] == series) & table["country"].isin(countries)]
    if years is not None:
        rows = rows[rows["year"].between(*years)]
    per_year = rows.groupby("year")["country"].nunique()
    common = per_year[per_year == len(set(countries))]
    return int(common.index.max()) if len(common) else None


def year_rows(table: pd.DataFrame, series: str, countries: Sequence[str], year: int) -> pd.DataFrame:
    """One series' rows for the given countries in one year (what a ranking or a map of that year draws)."""
    return table[(table["series"] == series) & table["country"].isin(countries) & (table["year"] == year)]


def two_measures_rows(wb: pd.DataFrame, eia: pd.DataFrame) -> pd.DataFrame:
    """Korea's World Bank and EIA-derived dependence series, each in full, labelled by measure."""
    labels = list(layout.TWO_MEASURES_LABELS)
    return pd.concat([wb.assign(name=labels[0]), eia.assign(name=labels[1])], ignore_index=True)


def two_measures_table(table: pd.DataFrame, country: str, years: tuple[int, int]) -> pd.DataFrame:
    """The rows of the two-measures chart for one country, straight from the table."""
    return two_measures_rows(
        drawn_rows(table, layout.TWO_MEASURES[0], [country], years),
        drawn_rows(table, layout.TWO_MEASURES[1], [country], years),
    )


def by_fuel_rows(table: pd.DataFrame, country: str, years: tuple[int, int]) -> pd.DataFrame:
    """One country's net import dependence for each fuel of layout.BY_FUEL, named by fuel."""
    frames = [drawn_rows(table, fuels.BY_ID[f].dependence_id, [country], years).assign(name=f) for f in layout.BY_FUEL]
    return pd.concat(frames, ignore_index=True)


def supply_rows(table: pd.DataFrame, series: str, exporters: Sequence[str], years: tuple[int, int]) -> pd.DataFrame:
    """Korea's net imports and the chosen exporters' combined net exports (one net-exports series), by year."""
    net = table[(table["series"] == series) & table["year"].between(*years)]
    korea = net[net["country"] == KOREA].assign(value=lambda d: -d["value"], name=KOREA_NET_IMPORTS)
    # A year counts only when every chosen exporter is known, also one with no figure at all in these years.
    together = combined(net, series, exporters, CENTRAL_ASIA_COMBINED)
    together = together.assign(name=EXPORTERS_NET_EXPORTS)
    unit = net["unit"].iloc[0] if len(net) else ""
    columns = ["year", "value", "country", "name"]
    out = pd.concat([gaps_as_nulls(korea[columns]), gaps_as_nulls(together[columns])], ignore_index=True)
    return out.assign(unit=unit, series=series).sort_values(["name", "year"], ignore_index=True)


def gaps_as_nulls(line: pd.DataFrame, figures: Sequence[str] = ()) -> pd.DataFrame:
    """One line's rows with a null value (and null `figures`) for each year missing inside its span, so the drawn
    line breaks there (Vega joins the points it is given: 2019 to 2023 in a straight line over three years without
    figures); the line's other columns are its own in every row."""
    if len(line) < 2:
        return line
    years = pd.RangeIndex(int(line["year"].min()), int(line["year"].max()) + 1, name="year")
    full = line.set_index("year").reindex(years)
    for column in line.columns.drop(["year", "value", *figures]):
        full[column] = line[column].iloc[0]
    return full.reset_index().astype({"year": line["year"].dtype})[list(line.columns)]


def missing_exporters(
    table: pd.DataFrame, series: str, exporters: Sequence[str], years: tuple[int, int]
) -> dict[str, list[int]]:
    """The years (within `years`, where some chosen exporter has a figure) each exporter lacks one."""
    rows = table[(table["series"] == series) & table["year"].between(*years)]
    known = set(rows.loc[rows["country"].isin(exporters), "year"])  # not before 1992, when none of them existed
    out = {}
    for country in exporters:
        lacking = sorted(known - set(rows.loc[rows["country"] == country, "year"]))
        if lacking:
            out[country] = lacking
    return out


def coverage_rows(
    table: pd.DataFrame, net_series: str, series: str, exporters: Sequence[str], years: tuple[int, int]
) -> pd.DataFrame:
    """Chosen exporters' combined net exports as % of Korea's net imports (catalog.derived.coverage)."""
    net = table[table["series"] == net_series]
    unit = units.PCT_OF_KOREA_NET_IMPORTS
    rows = derived.coverage(net, list(exporters), KOREA, series, CENTRAL_ASIA_COMBINED, unit)
    rows = rows[rows["year"].between(*years)]
    return gaps_as_nulls(rows.assign(name=EXPORTERS_OVER_KOREA))


def world_share(rows: pd.DataFrame, table: pd.DataFrame, world_series: str | None = None) -> pd.DataFrame:
    """Values as % of the world's figure of the same year (of `world_series`, else the rows' own series)."""
    series = world_series or (str(rows["series"].iloc[0]) if len(rows) else "")
    world = table[(table["series"] == series) & (table["country"] == WORLD)].set_index("year")["value"]
    shares = rows["value"].to_numpy() / world.reindex(rows["year"]).to_numpy() * 100
    return rows.assign(value=shares, unit=units.PCT_OF_WORLD)  # the caller may name the base more closely


def world_share_rows(
    table: pd.DataFrame, series: str, countries: Sequence[str], years: tuple[int, int]
) -> pd.DataFrame:
    """drawn_rows of a series as shares of the world's figure; the world itself is left out (it is 100%)."""
    return world_share(drawn_rows(table, series, [c for c in countries if c != WORLD], years), table)


def has_world(table: pd.DataFrame, series: str, unit: str) -> bool:
    """A share of the world makes sense: an absolute unit, and the world has figures of the series."""
    return allows_per_capita(unit) and bool(((table["series"] == series) & (table["country"] == WORLD)).any())


def combined(table: pd.DataFrame, series: str, members: Sequence[str], code: str) -> pd.DataFrame:
    """The members' summed figures under one code, only in years every member has one (a gap is no zero)."""
    rows = table[(table["series"] == series) & table["country"].isin(members)]
    wide = rows.pivot_table(index="year", columns="country", values="value").reindex(columns=list(members)).dropna()
    unit = rows["unit"].iloc[0] if len(rows) else ""
    return pd.DataFrame(
        {"source": DERIVED, "series": series, "country": code, "year": wide.index.astype("int32"),
         "value": wide.sum(axis=1).to_numpy(), "unit": unit}
    )  # fmt: skip


# What a supplier's flow of a fuel is divided by for its share of the world: net exports by world production,
# since the world's own net exports are zero but for statistical differences.
WORLD_BASE = {"production": "production", "consumption": "consumption", "net_exports": "production"}
SHARE_UNITS = {"production": units.PCT_OF_WORLD_PRODUCTION, "consumption": units.PCT_OF_WORLD_CONSUMPTION}


def flow_table(table: pd.DataFrame, fuel: str, measure: str, flow: str) -> pd.DataFrame:
    """A fuel's production, consumption or net exports in one measure, every country, under one series id.

    Where the measure sums several series (all fossil fuels), a country-year counts only when each has a figure.
    """
    record = fuels.BY_ID[fuel]
    m = record.measure(measure)
    ids = _flow_series(record, measure, flow)
    if len(ids) == 1:
        return table[table["series"] == ids[0]]
    series = f"{fuel}_{flow}_{measure}"
    rows = table[table["series"].isin(ids)]
    wide = rows.pivot_table(index=["country", "year"], columns="series", values="value").reindex(columns=list(ids))
    summed = wide.dropna().sum(axis=1).rename("value").reset_index()
    return summed.assign(source=DERIVED, series=series, unit=m.unit)[list(schema.COLUMNS)]


def supplier_rows(
    table: pd.DataFrame, fuel: str, measure: str, flow: str, suppliers: Sequence[str], years: tuple[int, int]
) -> pd.DataFrame:
    """The five combined (CA5) and each supplier: one flow of a fuel as a share of the world, by year."""
    rows = _with_five(flow_table(table, fuel, measure, flow))
    series = str(rows["series"].iloc[0]) if len(rows) else ""
    drawn = drawn_rows(rows, series, [CENTRAL_ASIA_COMBINED, *suppliers], years)
    base = flow_table(table, fuel, measure, WORLD_BASE[flow])
    shares = world_share(drawn, base, str(base["series"].iloc[0]) if len(base) else "")
    return shares.assign(unit=SHARE_UNITS[WORLD_BASE[flow]])


def _with_five(rows: pd.DataFrame) -> pd.DataFrame:
    """One series' rows with the five's combined figure (CA5) added."""
    series = str(rows["series"].iloc[0]) if len(rows) else ""
    return pd.concat([combined(rows, series, CENTRAL_ASIA, CENTRAL_ASIA_COMBINED), rows], ignore_index=True)


def supplier_year(shares: pd.DataFrame) -> int | None:
    """The latest year every drawn supplier has a share (what the ranking beside the lines shows)."""
    known = shares.dropna(subset=["value"])
    per_year = known.groupby("year")["country"].nunique()
    common = per_year[per_year == shares["country"].nunique()]
    return int(common.index.max()) if len(common) else None


def supplier_ranking(
    table: pd.DataFrame, fuel: str, measure: str, flow: str, suppliers: Sequence[str], year: int
) -> pd.DataFrame:
    """The five combined and each supplier in one year, in the measure's own unit (what a ranking draws)."""
    rows = _with_five(flow_table(table, fuel, measure, flow))
    return rows[rows["country"].isin([CENTRAL_ASIA_COMBINED, *suppliers]) & (rows["year"] == year)]


def _flow_series(fuel: fuels.Fuel, measure: str, flow: str) -> tuple[str, ...]:
    """The stored series of a fuel's production, consumption or net exports in a measure (several are summed)."""
    if flow == "net_exports":
        return (fuel.net_exports_id(measure),)
    m = fuel.measure(measure)
    return m.production if flow == "production" else m.consumption


def flow_ids(fuel: fuels.Fuel, measure: str, flow: str) -> list[str]:
    """The stored series a supplier chart rests on: the flow's and its world base's (for their source lines)."""
    return list(dict.fromkeys([*_flow_series(fuel, measure, flow), *_flow_series(fuel, measure, WORLD_BASE[flow])]))


def last_years(table: pd.DataFrame, series: str, countries: Sequence[str]) -> dict[str, int | None]:
    """Each country's last year with a figure of the series (None: no figure at all)."""
    rows = table[(table["series"] == series) & table["country"].isin(countries)]
    found = rows.groupby("country")["year"].max()
    return {c: (int(found[c]) if c in found.index else None) for c in countries}


def carried_forward(table: pd.DataFrame, series: Sequence[str], countries: Sequence[str]) -> dict[str, int]:
    """Country -> last year, where a series' last figure repeats the year before's to the last digit: EIA carries a
    figure forward (petroleum consumption 2024 for four of the five), which is no measured change."""
    rows = table[table["series"].isin(list(series)) & table["country"].isin(countries)]
    found: dict[str, int] = {}
    for (_, country), values in rows.sort_values("year").groupby(["series", "country"], sort=False):
        years, figures = values["year"].to_numpy(), values["value"].to_numpy()
        if len(years) > 1 and years[-1] == years[-2] + 1 and figures[-1] == figures[-2] and figures[-1] != 0:
            found[str(country)] = int(years[-1])
    return {c: found[c] for c in countries if c in found}


def ends(rows: pd.DataFrame) -> dict[str, int | None]:
    """Each drawn line's last year with a value (rows as drawn: missing years are null)."""
    known = rows.dropna(subset=["value"]).groupby("country")["year"].max()
    return {c: (int(known[c]) if c in known.index else None) for c in dict.fromkeys(rows["country"])}
