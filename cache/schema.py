"""The one tidy schema, used end to end: one row = one figure of one series for one country and year."""

from __future__ import annotations

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

# The vocabulary of the `country` column and of the manifest's `topics`, shared by writer and reader.
KOREA = "KOR"
CENTRAL_ASIA = ("KAZ", "UZB", "TKM", "KGZ", "TJK")
# Korea's peers: island-like importers of its region. The other suppliers: the exporters Korea buys from.
PEERS = ("JPN", "TWN", "CHN")
SUPPLIERS = ("RUS", "QAT", "AUS", "USA", "SAU")
# The world is one code everywhere (store, URL, legends): the World Bank's WLD (EIA's WORL is stored as WLD).
WORLD = "WLD"
# The default view: Korea and the five.
COUNTRIES = (KOREA, *CENTRAL_ASIA)
# Every country the catalog asks for, in display order.
ALL_COUNTRIES = (*COUNTRIES, *PEERS, *SUPPLIERS, WORLD)
# The World Bank publishes no figures for Taiwan (it is not among the API's countries: asked, it answers error 120).
WORLDBANK_COUNTRIES = tuple(c for c in ALL_COUNTRIES if c != "TWN")
# Country groups, declared once: the "compare with" control, the colours and the findings read these.
GROUPS: dict[str, tuple[str, ...]] = {
    "korea": (KOREA,),
    "central_asia": CENTRAL_ASIA,
    "peers": PEERS,
    "suppliers": SUPPLIERS,
    "world": (WORLD,),
}
GROUP_NAMES = {
    "korea": "South Korea",
    "central_asia": "Central Asia",
    "peers": "Korea's peers",
    "suppliers": "Other suppliers",
    "world": "World",
}
# Pseudo-country for figures about the five Central Asian states taken together.
CENTRAL_ASIA_COMBINED = "CA5"

COUNTRY_NAMES = {
    "KOR": "South Korea",
    "KAZ": "Kazakhstan",
    "UZB": "Uzbekistan",
    "TKM": "Turkmenistan",
    "KGZ": "Kyrgyzstan",
    "TJK": "Tajikistan",
    "JPN": "Japan",
    "TWN": "Taiwan",
    "CHN": "China",
    "RUS": "Russia",
    "QAT": "Qatar",
    "AUS": "Australia",
    "USA": "United States",
    "SAU": "Saudi Arabia",
    WORLD: "World",
    CENTRAL_ASIA_COMBINED: "Central Asia (5)",
}

# Topics group series for the dashboard's pages.
TOPICS = {
    "dependence": "Korea's import dependence",
    "resources": "Central Asia's resources",
    "economy": "Economy",
    "power": "Electricity and energy use",
    "transport": "Transport and logistics",
    "energy": "Energy",
    "industry": "Industry",
    "climate": "Climate change",
    "health": "Health",
    "education": "Education and culture",
}
COOPERATION_AREAS = ("transport", "energy", "industry", "climate", "health", "education")


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
