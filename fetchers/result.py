"""What a fetch returns, what a refresh makes of each series (its status and update), and the check every
fetched table passes on its way out."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import NamedTuple

import pandas as pd

from catalog import schema
from fetchers.errors import BadResponse


class Fetched(NamedTuple):
    """Tidy rows for the series asked, the source's own last-updated date, the request without secrets, and
    the rows the source sent for an asked series that could not be stored (series id -> why, with examples)."""

    table: pd.DataFrame
    last_updated: str | None
    request: str
    refused: dict[str, str] = {}  # noqa: RUF012 - never mutated: each fetch builds its own


class Refusals:
    """Rows an answer sent for a series we asked that are neither a figure nor a documented "no figure" marker.

    Each is counted against its series (with the first few as examples), so that a refresh fails that series
    and says why, instead of storing the rest as if nothing had been sent.
    """

    EXAMPLES = 3

    def __init__(self) -> None:
        self.count: dict[str, int] = {}
        self.examples: dict[str, list[str]] = {}
        self.skipped = 0  # rows of series, combinations or countries not asked for: said in the log, not refused

    def add(self, series_id: str, what: str) -> None:
        self.count[series_id] = self.count.get(series_id, 0) + 1
        found = self.examples.setdefault(series_id, [])
        if len(found) < self.EXAMPLES:
            found.append(what)

    def summary(self) -> dict[str, str]:
        """Series id -> "refused N row(s) the source sent for it, e.g. ..."."""
        return {
            sid: f"refused {n:,} row(s) the source sent for it, e.g. {'; '.join(self.examples[sid])}"
            for sid, n in self.count.items()
        }


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
