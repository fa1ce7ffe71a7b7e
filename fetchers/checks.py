"""A bad answer fails its series, never the data: each fetched series is checked before anything is written.

A well-formed answer can still be wrong: empty where the last good table has figures, absurd values,
two values for one year, or a sudden loss of most country-years. Each check gives a plain-words problem;
the refresh then keeps the series' last good rows and marks it failed.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from cache import schema
from fetchers.catalog import Series

SHRINK_LIMIT = 0.10  # share of a series' country-years a new release may drop before it needs --accept-shrink


def problem(s: Series, new: pd.DataFrame, old: pd.DataFrame, *, accept_shrink: bool = False) -> str | None:
    """What is wrong with a series' new rows against its last good ones, or None when they may replace them."""
    if new.empty:
        return f"the answer has no figures, where the last good table has {len(old)}" if len(old) else None
    if new[["country", "year", "value", "unit"]].isna().any().any():
        return "the answer has rows without a country, year, value or unit"
    values = new["value"].to_numpy(dtype=float)
    if not np.isfinite(values).all():
        return "the answer has values that are not finite numbers"
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
    before = set(zip(old["country"], old["year"], strict=True))
    lost = before - set(zip(new["country"], new["year"], strict=True))
    if not accept_shrink and before and len(lost) > SHRINK_LIMIT * len(before):
        return (
            f"the answer would drop {len(lost)} of the {len(before)} country-years held (more than a tenth); "
            "if the source withdrew them on purpose, refresh again with --accept-shrink"
        )
    return None
