"""Series computed from other series of the tidy table: pure functions, table in, tidy rows out.

The refresh stores the derived series named in the catalog; the dashboard calls the same functions for
selections the catalog does not store (coverage by a chosen set of exporting countries).
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from cache import schema

DERIVED = "derived"


def _paired(table: pd.DataFrame, production: Sequence[str], consumption: Sequence[str]) -> pd.DataFrame:
    """One row per country and year with every input: columns country, year, prod, cons.

    Several ids on a side are summed (all fossil fuels), and only where each of them has a figure, so a
    missing input never shows as a smaller total.
    """
    production, consumption = list(production), list(consumption)
    inputs = [*production, *consumption]
    wide = table[table["series"].isin(inputs)].pivot_table(
        index=["country", "year"], columns="series", values="value", aggfunc="first"
    )
    if any(i not in wide for i in inputs):
        return pd.DataFrame(columns=["country", "year", "prod", "cons"])
    wide = wide.dropna(subset=inputs)
    paired = pd.DataFrame({"prod": wide[production].sum(axis=1), "cons": wide[consumption].sum(axis=1)})
    return paired.reset_index()[["country", "year", "prod", "cons"]]


def _tidy(frame: pd.DataFrame, series_id: str, unit: str) -> pd.DataFrame:
    out = frame.assign(source=DERIVED, series=series_id, unit=unit)
    return schema.conform(out)


def net_exports(
    table: pd.DataFrame, production: Sequence[str], consumption: Sequence[str], series_id: str, unit: str
) -> pd.DataFrame:
    """Production less consumption, per country and year where both are known."""
    paired = _paired(table, production, consumption)
    return _tidy(paired.assign(value=paired["prod"] - paired["cons"]), series_id, unit)


def import_dependence(
    table: pd.DataFrame,
    production: Sequence[str],
    consumption: Sequence[str],
    series_id: str,
    unit: str = "% of consumption",
) -> pd.DataFrame:
    """(consumption − production) / consumption in %, where consumption > 0; negative = net exporter."""
    paired = _paired(table, production, consumption)
    paired = paired[paired["cons"] > 0]
    value = (paired["cons"] - paired["prod"]) / paired["cons"] * 100
    return _tidy(paired.assign(value=value), series_id, unit)


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
    wide = net.pivot_table(index="year", columns="country", values="value", aggfunc="first")
    needed = [*exporters, importer]
    if not exporters or any(c not in wide for c in needed):
        return schema.empty()
    wide = wide.dropna(subset=needed)
    imports = -wide[importer]
    wide = wide[imports > 0]
    value = wide[list(exporters)].sum(axis=1) / imports[imports > 0] * 100
    frame = pd.DataFrame({"year": value.index, "value": value.to_numpy(), "country": country})
    return _tidy(frame, series_id, unit)
