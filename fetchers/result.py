"""What every source module's fetch() returns."""

from __future__ import annotations

from typing import NamedTuple

import pandas as pd


class Fetched(NamedTuple):
    """Tidy rows for the series asked, the source's own last-updated date, and the request without secrets."""

    table: pd.DataFrame
    last_updated: str | None
    request: str
