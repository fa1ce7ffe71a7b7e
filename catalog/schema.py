"""The one tidy schema, used end to end: one row = one figure of one series for one country and year."""

from __future__ import annotations

from typing import Literal

import numpy as np
import pandas as pd

COLUMNS = ("source", "series", "country", "year", "value", "unit")
DTYPES = {
    "source": "string",
    "series": "string",
    "country": "string",
    "year": "int32",
    "value": "float64",
    "unit": "string",
}
SORT_KEY = ["series", "country", "year"]

# The vocabulary of the `source` column: the two APIs, and what a refresh computes from their figures.
WORLDBANK = "worldbank"
EIA = "eia"
DERIVED = "derived"
Source = Literal["worldbank", "eia", "derived"]

# The span a stored figure can have: WDI begins in 1960, nothing of ours is dated past next year, and no figure
# comes near 1e15 (world GDP is ~1e14 current US$). A table outside it is damaged, however well formed.
YEARS = (1900, 2200)
MAX_MAGNITUDE = 1e15


def check_span(df: pd.DataFrame) -> None:
    """ValueError unless every year is a whole number within YEARS and every value finite and below MAX_MAGNITUDE.

    Run on a table as read, before `conform` casts the years to int32 (which would wrap 2**32 + 3000 to 3000).
    """
    years = pd.to_numeric(df["year"], errors="coerce").to_numpy(dtype=float)
    if not ((years >= YEARS[0]) & (years <= YEARS[1]) & (years == np.floor(years))).all():
        raise ValueError(f"years outside {YEARS[0]}–{YEARS[1]}")
    values = pd.to_numeric(df["value"], errors="coerce").to_numpy(dtype=float)
    known = values[~np.isnan(values)]
    if not (np.isfinite(known) & (np.abs(known) < MAX_MAGNITUDE)).all():
        raise ValueError(f"values that are not finite or not below {MAX_MAGNITUDE:g}")


def empty() -> pd.DataFrame:
    """A table with the schema and no rows."""
    return conform(pd.DataFrame({c: [] for c in COLUMNS}))


def conform(df: pd.DataFrame) -> pd.DataFrame:
    """Cast to the schema's dtypes, drop missing values, sort, and reset the index (canonical form)."""
    missing = [c for c in COLUMNS if c not in df.columns]
    if missing:
        raise ValueError(f"table lacks columns {missing}")
    out = df.loc[:, list(COLUMNS)].dropna(subset=["value"]).astype(DTYPES)
    return out.sort_values(SORT_KEY, kind="stable").reset_index(drop=True)


def validate(df: pd.DataFrame) -> None:
    """Raise ValueError unless df has the schema's columns and dtypes, no missing values, no duplicates."""
    if tuple(df.columns) != COLUMNS:
        raise ValueError(f"columns are {tuple(df.columns)}, expected {COLUMNS}")
    wrong = {c: str(df[c].dtype) for c, t in DTYPES.items() if str(df[c].dtype) != t}
    if wrong:
        raise ValueError(f"wrong dtypes: {wrong}")
    if df.isna().any().any():
        raise ValueError("table has missing values")
    if df.duplicated(subset=SORT_KEY).any():
        raise ValueError("table has more than one value for a series, country and year")
