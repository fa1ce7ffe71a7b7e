"""What a fetch returns, what a refresh makes of each series (its status and update), and the check every
fetched table passes on its way out."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import NamedTuple

import pandas as pd

from cache import schema
from fetchers.errors import BadResponse


class Fetched(NamedTuple):
    """Tidy rows for the series asked, the source's own last-updated date, and the request without secrets."""

    table: pd.DataFrame
    last_updated: str | None
    request: str


# What a refresh did to a series; the manifest records OK for the first two, else the status itself.
UPDATED, UNCHANGED, FAILED, SKIPPED = "updated", "unchanged", "failed", "skipped"
FRESH = (UPDATED, UNCHANGED)
OK = "ok"


@dataclass
class Update:
    """One series' result before it is merged: new rows, or None to keep the old ones."""

    status: str
    reason: str = ""
    rows: pd.DataFrame | None = None
    request: str | None = None
    last_updated: str | None = None


def combine(tables: Sequence[pd.DataFrame], source: str) -> pd.DataFrame:
    """The pages' rows as one tidy table, exact repeats dropped; BadResponse if a country-year has two values."""
    table = schema.conform(pd.concat(tables, ignore_index=True)).drop_duplicates().reset_index(drop=True)
    clash = table[table.duplicated(subset=schema.SORT_KEY, keep=False)]
    if len(clash):
        row = clash.iloc[0]
        problem = f"sent two different values of {row['series']} for {row['country']} {row['year']}"
        raise BadResponse(source, problem, str(row["series"]))
    return table
