"""What a series is, declared once: the ground floor that fetchers/, cache/ and dashboard/ all stand on.

`catalog.schema` (the tidy table), `catalog.countries` (codes and groups), `catalog.topics`, `catalog.units`,
`catalog.series` (every fetched series), `catalog.fuels` and `catalog.derived` (the series computed from them and
their formulas). This package imports none of the others. `catalog.CATALOG` lists every series, `catalog.get(id)`
finds one.
"""

from __future__ import annotations

from catalog.derived import COVERAGE, DEPENDENCE, DERIVED_SERIES, NET_EXPORTS
from catalog.schema import DERIVED, EIA, WORLDBANK, Source
from catalog.series import EIA_SERIES, WORLDBANK_SERIES, Series

CATALOG: tuple[Series, ...] = WORLDBANK_SERIES + EIA_SERIES + DERIVED_SERIES
BY_ID: dict[str, Series] = {s.id: s for s in CATALOG}

__all__ = [
    "BY_ID",
    "CATALOG",
    "COVERAGE",
    "DEPENDENCE",
    "DERIVED",
    "DERIVED_SERIES",
    "EIA",
    "EIA_SERIES",
    "NET_EXPORTS",
    "WORLDBANK",
    "WORLDBANK_SERIES",
    "Series",
    "Source",
    "get",
]


def get(series_id: str) -> Series:
    """The catalog entry for an id; KeyError names the id."""
    return BY_ID[series_id]
