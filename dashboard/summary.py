"""Latest figures at a glance: each country's last known figure of each series within the selected years."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence

import pandas as pd

from catalog.countries import COUNTRIES
from catalog.schema import COLUMNS
from dashboard import i18n
from dashboard.i18n import Translator


def latest(
    table: pd.DataFrame, series: Sequence[str], countries: Sequence[str], years: tuple[int, int]
) -> pd.DataFrame:
    """Tidy rows, one per series and country that has a figure in the range: the last year's figure."""
    rows = table[table["series"].isin(series) & table["country"].isin(countries) & table["year"].between(*years)]
    rows = rows.dropna(subset=["value"])
    if rows.empty:
        return rows[list(COLUMNS)].reset_index(drop=True)
    last = rows.loc[rows.groupby(["series", "country"], observed=True)["year"].idxmax()]
    return last[list(COLUMNS)].reset_index(drop=True)


def compact(tr: Translator, value: float) -> str:
    """A figure as a reader says it: 51.7 mn, 1.81 trn, 2,150, 0.0429, 0.0000646 (in Korean and Russian, their way)."""
    if tr.lang != i18n.SOURCE:
        return tr.compact(value)
    size = abs(value)
    for threshold, word in ((1e12, "trn"), (1e9, "bn"), (1e6, "mn")):
        if size >= threshold:
            return f"{value / threshold:.3g} {word}"
    if size >= 1000:
        return f"{value:,.0f}"
    if size == 0:
        return "0"
    # Three significant digits in plain decimals, never an exponent: 0.0000646, not 6.46e-05.
    decimals = max(0, 2 - math.floor(math.log10(size)))
    return f"{value:.{decimals}f}".rstrip("0").rstrip(".") if decimals else f"{value:,.0f}"


def glance(
    tr: Translator, rows: pd.DataFrame, titles: Mapping[str, str], series: Sequence[str], countries: Sequence[str]
) -> pd.DataFrame:
    """One line per series (in the given order), one column per country: 'figure (year)'; blank where none."""
    cells = {(r.series, r.country): f"{compact(tr, r.value)} ({r.year})" for r in rows.itertuples(index=False)}
    indicator, unit = tr.t("Indicator"), tr.t("Unit")
    units = rows.drop_duplicates("series").set_index("series")["unit"].to_dict()
    countries = [
        c for c in countries if c in COUNTRIES or c in set(rows["country"])
    ]  # a region only when it has figures
    return pd.DataFrame(
        [
            {
                indicator: titles.get(sid, sid),
                **{tr.country(c): cells.get((sid, c), "") for c in countries},
                unit: tr.unit(units.get(sid, "")),  # last: on a phone the figures come right after the names
            }
            for sid in series
        ]
    )
