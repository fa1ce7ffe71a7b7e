"""The units the series are measured in, each written once: the catalog's series, the derived series and the
shares a page computes (a share of the world) all name their unit from here."""

from __future__ import annotations

PCT_OF_GDP = "% of GDP"
BILLION_CUBIC_FEET = "billion cubic feet"
BILLION_KWH = "billion kWh"
MILLION_KILOWATTS = "million kilowatts"
QBTU = "quadrillion Btu"
THOUSAND_BARRELS_PER_DAY = "thousand barrels per day"
THOUSAND_SHORT_TONS = "thousand short tons"
CURRENT_USD = "current US$"
PEOPLE = "people"
LPI_SCALE = "index, 1 (low) to 5 (high)"

# Derived series.
PCT_OF_CONSUMPTION = "% of consumption"
PCT_OF_KOREA_NET_IMPORTS = "% of Korea's net imports"
# Shares a page computes from the stored figures (chart_rows): of the world's total, production or consumption.
PCT_OF_WORLD = "% of world"
PCT_OF_WORLD_PRODUCTION = "% of world production"
PCT_OF_WORLD_CONSUMPTION = "% of world consumption"
# The Trade page's: shares of a reporter's stated World total, weights as shown (the store keeps Comtrade's kg),
# and the Herfindahl–Hirschman index of supplier concentration.
PCT_OF_IMPORTS_BY_WEIGHT = "% of imports by weight"
TONNES = "tonnes"
MILLION_TONNES = "million tonnes"
HHI = "HHI (0–10,000)"
COMPUTED_ON_PAGE = (
    PCT_OF_WORLD,
    PCT_OF_WORLD_PRODUCTION,
    PCT_OF_WORLD_CONSUMPTION,
    PCT_OF_IMPORTS_BY_WEIGHT,
    TONNES,
    MILLION_TONNES,
    HHI,
)

# A figure divided by population in a unit that reads well: (factor, unit per person). "0.0001 tcf per person" is
# 100 million cubic feet divided by a million people; "98,000 cubic feet per person" is the same figure as one says it.
PER_PERSON = {
    "trillion cubic feet": (1e12, "cubic feet per person"),
    BILLION_CUBIC_FEET: (1e9, "cubic feet per person"),
    "billion barrels": (1e9, "barrels per person"),
    BILLION_KWH: (1e9, "kWh per person"),
    MILLION_KILOWATTS: (1e9, "watts per person"),
    QBTU: (1e9, "million Btu per person"),
    THOUSAND_SHORT_TONS: (1e3, "short tons per person"),
    "million short tons": (1e6, "short tons per person"),
    "kt": (1e3, "tonnes per person"),
    "Mt CO2e": (1e6, "tonnes CO2e per person"),
    CURRENT_USD: (1.0, "current US$ per person"),
}

# The short forms a legend or a ranking uses.
SHORT = {
    QBTU: "quad Btu",
    THOUSAND_BARRELS_PER_DAY: "kb/d",
    BILLION_CUBIC_FEET: "bcf",
    THOUSAND_SHORT_TONS: "kst",
}
