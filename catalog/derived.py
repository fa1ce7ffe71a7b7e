"""Series computed from other series of the tidy table: their declarations and formulas, table in, tidy rows out.

The refresh stores every series of DERIVED_SERIES through `compute`; the dashboard calls the same functions for
selections the catalog does not store (coverage by a chosen set of exporting countries).

The inputs are laid side by side once (`Inputs`) and every derived series is arithmetic on those columns:
a refresh computes all of them in one pass and puts the table in canonical form once, since a pivot or a
`schema.conform` per series cost more than the downloads.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from catalog import fuels, schema, units
from catalog.countries import CENTRAL_ASIA, CENTRAL_ASIA_COMBINED, KOREA
from catalog.schema import DERIVED
from catalog.series import EIA_CITATION, Series


class Inputs:
    """Input series side by side: one row per (country, year), one float column per series id (NaN = none)."""

    def __init__(self, table: pd.DataFrame, ids: Sequence[str]) -> None:
        ids = list(dict.fromkeys(ids))
        rows = table.loc[table["series"].isin(ids), ["country", "year", "series", "value"]]
        # Plain object keys: every index operation on Arrow-backed strings costs a conversion.
        rows = rows.astype({"country": object, "series": object})
        wide = rows.set_index(["country", "year", "series"])["value"].unstack("series").reindex(columns=ids)
        self.country = wide.index.get_level_values("country").to_numpy()
        self.year = wide.index.get_level_values("year").to_numpy()
        self.columns = {i: wide[i].to_numpy(dtype=float) for i in ids}

    def sides(self, production: Sequence[str], consumption: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
        """Summed production and consumption; NaN wherever an input lacks a figure (a missing one is no zero)."""
        prod = sum((self.columns[i] for i in production), np.zeros(len(self.year)))
        cons = sum((self.columns[i] for i in consumption), np.zeros(len(self.year)))
        return prod, cons

    def rows(self, values: np.ndarray, series_id: str, unit: str) -> pd.DataFrame:
        """Schema columns where `values` is a figure, not yet in canonical form."""
        keep = ~np.isnan(values)
        return _frame(self.country[keep], self.year[keep], values[keep], series_id, unit)


def _frame(country: np.ndarray, year: np.ndarray, value: np.ndarray, series_id: str, unit: str) -> pd.DataFrame:
    return pd.DataFrame(
        {"source": DERIVED, "series": series_id, "country": country, "year": year, "value": value, "unit": unit}
    )


def net_exports_rows(inputs: Inputs, production: Sequence[str], consumption: Sequence[str], series_id: str, unit: str):
    """net_exports on prepared inputs, rows not yet in canonical form (see `net_exports`)."""
    prod, cons = inputs.sides(production, consumption)
    return inputs.rows(prod - cons, series_id, unit)


def dependence_rows(inputs: Inputs, production: Sequence[str], consumption: Sequence[str], series_id: str, unit: str):
    """import_dependence on prepared inputs, rows not yet in canonical form (see `import_dependence`)."""
    prod, cons = inputs.sides(production, consumption)
    with np.errstate(invalid="ignore", divide="ignore"):
        value = np.where(cons > 0, (cons - prod) / cons * 100, np.nan)
    return inputs.rows(value, series_id, unit)


def coverage_rows(
    net: pd.DataFrame, exporters: Sequence[str], importer: str, series_id: str, country: str, unit: str
) -> pd.DataFrame:
    """coverage on one net-exports series' rows in any order, rows not yet in canonical form (see `coverage`)."""
    countries, years, values = (net[c].to_numpy() for c in ("country", "year", "value"))
    every = np.unique(years)
    by_country = {}
    for c in [*exporters, importer]:
        mine = countries == c
        column = np.full(len(every), np.nan)
        column[np.searchsorted(every, years[mine])] = values[mine]
        by_country[c] = column
    if not exporters:
        return schema.empty()
    imports = -by_country[importer]
    supply = sum((by_country[c] for c in exporters), np.zeros(len(every)))  # NaN where any exporter lacks one
    with np.errstate(invalid="ignore", divide="ignore"):
        share = np.where(imports > 0, supply / imports * 100, np.nan)
    keep = ~np.isnan(share)
    return _frame(np.full(keep.sum(), country, dtype=object), every[keep], share[keep], series_id, unit)


def net_exports(
    table: pd.DataFrame, production: Sequence[str], consumption: Sequence[str], series_id: str, unit: str
) -> pd.DataFrame:
    """Production less consumption, per country and year where every input is known."""
    inputs = Inputs(table, [*production, *consumption])
    return schema.conform(net_exports_rows(inputs, production, consumption, series_id, unit))


def import_dependence(
    table: pd.DataFrame,
    production: Sequence[str],
    consumption: Sequence[str],
    series_id: str,
    unit: str = units.PCT_OF_CONSUMPTION,
) -> pd.DataFrame:
    """(consumption − production) / consumption in %, where consumption > 0; negative = net exporter.

    Several ids on a side are summed (all fossil fuels), and only where each of them has a figure.
    """
    inputs = Inputs(table, [*production, *consumption])
    return schema.conform(dependence_rows(inputs, production, consumption, series_id, unit))


def coverage(
    net: pd.DataFrame,
    exporters: Sequence[str],
    importer: str,
    series_id: str,
    country: str,
    unit: str = "% of net imports",
) -> pd.DataFrame:
    """Exporters' summed net exports as % of the importer's net imports, by year.

    `net` holds one net-exports series. A year counts only when every exporter and the importer have a
    figure and the importer is a net importer, so a missing country never shows as a smaller share.
    """
    return schema.conform(coverage_rows(net, exporters, importer, series_id, country, unit))


# The kinds of derived series, each computed by the function of that name above.
DEPENDENCE, NET_EXPORTS, COVERAGE = "dependence", "net_exports", "coverage"


def _declare(fuel: fuels.Fuel, kind: str, measure: str) -> Series:
    """The catalog entry of a fuel's derived series; its id is the one the fuel writes out."""
    m = fuel.measure(measure)
    name = fuel.name
    content = " in energy content (EIA's quad-Btu split)" if measure == fuels.ENERGY else ""
    common = {
        "source": DERIVED,
        "citation": EIA_CITATION,
        "inputs": (*m.production, *m.consumption),
        "kind": kind,
        "fuel": fuel.id,
        "measure": measure,
    }
    if kind == DEPENDENCE:
        return Series(
            id=fuel.dependence_id,
            code="(consumption - production) / consumption",
            unit=units.PCT_OF_CONSUMPTION,
            title=f"Net import dependence, {name}",
            description=f"(Consumption - production) / consumption of {name}{content}, from EIA figures; "
            "negative means a net exporter.",
            topics=("dependence",),
            **common,
        )
    suffix = ", energy content" if measure == fuels.ENERGY and m.unit == units.QBTU and fuel.physical else ""
    if kind == NET_EXPORTS:
        return Series(
            id=m.net_exports,
            code="production - consumption",
            unit=m.unit,
            title=f"Net exports, {name}{suffix}",
            description=f"Production less consumption of {name}{content}, from EIA figures; "
            "negative means net imports.",
            topics=("resources",),
            **common,
        )
    return Series(
        id=m.coverage,
        code="sum(Central Asia net exports) / Korea net imports",
        unit=units.PCT_OF_KOREA_NET_IMPORTS,
        title=f"Central Asia's net exports as a share of Korea's net imports, {name}{suffix}",
        description=f"Sum of the five Central Asian states' net exports of {name}{content} (a net importer "
        "counts against the sum) divided by South Korea's net imports, from EIA figures.",
        topics=("dependence", "resources"),
        countries=(CENTRAL_ASIA_COMBINED,),
        **common,
    )


def _declare_all() -> tuple[Series, ...]:
    out: list[Series] = []
    for fuel in fuels.FUELS:
        out.append(_declare(fuel, DEPENDENCE, fuel.dependence_measure()))
        for measure in (fuels.PHYSICAL, fuels.ENERGY):
            if measure in fuel.measures:
                out += [_declare(fuel, NET_EXPORTS, measure), _declare(fuel, COVERAGE, measure)]
    return tuple(out)


DERIVED_SERIES: tuple[Series, ...] = _declare_all()


def compute(table: pd.DataFrame) -> pd.DataFrame:
    """Every series of DERIVED_SERIES from the fetched rows of `table`, in one pass, in canonical form."""
    inputs = Inputs(table, [i for s in DERIVED_SERIES for i in s.inputs])
    parts, net = [], {}
    for s in DERIVED_SERIES:
        m = fuels.BY_ID[s.fuel].measure(s.measure)
        if s.kind == DEPENDENCE:
            parts.append(dependence_rows(inputs, m.production, m.consumption, s.id, s.unit))
        elif s.kind == NET_EXPORTS:
            net[s.id] = net_exports_rows(inputs, m.production, m.consumption, s.id, s.unit)
    for s in DERIVED_SERIES:
        if s.kind == COVERAGE:
            rows = net[fuels.BY_ID[s.fuel].net_exports_id(s.measure)]
            parts.append(coverage_rows(rows, CENTRAL_ASIA, KOREA, s.id, s.countries[0], s.unit))
    return schema.conform(pd.concat([*parts, *net.values()], ignore_index=True))
