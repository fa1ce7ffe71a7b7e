"""A bad answer fails its series, never the data: each fetched series is checked before anything is written.

A well-formed answer can still be wrong: empty where the last good table has figures, absurd values,
two values for one year, or a sudden loss of most country-years. Each check gives a plain-words problem;
the refresh then keeps the series' last good rows and marks it failed.
"""

from __future__ import annotations

from datetime import date

import numpy as np
import pandas as pd

from catalog import Series, schema, series

SHRINK_LIMIT = 0.10  # share of a series' country-years a new release may drop before it needs --accept-shrink
FIRST_YEAR = 1960  # WDI's first year; EIA's international series begin in 1980
MAGNITUDE = 100.0  # how far (as a factor) a release may move a series' figures, at the median, from the last good
# Series whose figures are never zero or negative (a country always has people and an economy); production,
# exports, capacity or nuclear can be zero for real.
POSITIVE = frozenset({series.POPULATION.id, series.GDP_USD.id, series.GDP_PER_CAPITA_USD.id})


def problem(s: Series, new: pd.DataFrame, old: pd.DataFrame, *, accept_shrink: bool = False) -> str | None:
    """What is wrong with a series' new rows against its last good ones, or None when they may replace them."""
    if new.empty:
        return f"the answer has no figures, where the last good table has {len(old)}" if len(old) else None
    if new[["country", "year", "value", "unit"]].isna().any().any():
        return "the answer has rows without a country, year, value or unit"
    values = new["value"].to_numpy(dtype=float)
    if not np.isfinite(values).all():
        return "the answer has values that are not finite numbers"
    years = new["year"].to_numpy()
    last = date.today().year + 1
    if (years < FIRST_YEAR).any() or (years > last).any():
        wrong = new[(new["year"] < FIRST_YEAR) | (new["year"] > last)].iloc[0]
        return f"the answer has years outside {FIRST_YEAR}–{last}, e.g. {wrong['year']} for {wrong['country']}"
    if s.id in POSITIVE and (values <= 0).any():
        row = new[new["value"] <= 0].iloc[0]
        return f"the answer has {row['value']:g} for {row['country']} {row['year']}, where only positive figures exist"
    low, high = s.bounds
    outside = new[(new["value"] < low) | (new["value"] > high)]
    if len(outside):
        row = outside.iloc[0]
        return (
            f"{len(outside)} value(s) outside the plausible range {low:g} to {high:g} {s.unit}, "
            f"e.g. {row['value']:g} for {row['country']} {row['year']}"
        )
    clash = new[new.duplicated(subset=schema.SORT_KEY, keep=False)]
    if len(clash) and clash.groupby(schema.SORT_KEY)["value"].nunique().gt(1).any():
        row = clash.iloc[0]
        return f"the answer has two different values for {row['country']} {row['year']}"
    moved = _magnitude(new, old)
    if moved:
        return moved
    before = set(zip(old["country"], old["year"], strict=True))
    lost = before - set(zip(new["country"], new["year"], strict=True))
    if not accept_shrink and before and len(lost) > SHRINK_LIMIT * len(before):
        return (
            f"the answer would drop {len(lost)} of the {len(before)} country-years held (more than a tenth); "
            "if the source withdrew them on purpose, refresh again with --accept-shrink"
        )
    return None


def _magnitude(new: pd.DataFrame, old: pd.DataFrame) -> str | None:
    """Figures orders of magnitude from the last good ones for the same countries and years (another indicator's
    rows under this one's code, or a unit changed without a word); revisions move figures by a few per cent."""
    both = new.merge(old, on=["country", "year"], suffixes=("", "_old"))
    both = both[(both["value"] != 0) & (both["value_old"] != 0)]
    if both.empty:
        return None
    ratio = np.abs(both["value"].to_numpy(dtype=float) / both["value_old"].to_numpy(dtype=float))
    factor = float(np.median(ratio))
    if factor > MAGNITUDE or factor < 1 / MAGNITUDE:
        row = both.iloc[0]
        return (
            f"the answer's figures are {factor:.3g} times the last good ones at the median (e.g. {row['value']:g} "
            f"against {row['value_old']:g} for {row['country']} {row['year']}): another series, or another unit"
        )
    return None
