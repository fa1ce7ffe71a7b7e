"""Bilateral fuel trade from UN Comtrade, declared once: the commodities, the reporters' codes, what is asked, and
the shape of the flows table.

Comtrade names countries by M49 number (Taiwan reports as 490, "Other Asia, nes"); the store names them by our
ISO codes, like every other table. A partner without a row is "no recorded trade", never a measured zero, and the
partner "World" is kept as the reporter states it.
"""

from __future__ import annotations

import os
from dataclasses import dataclass

from catalog import countries as c

COMTRADE = "comtrade"
ENABLED_ENV = "COMTRADE"  # "off" (or 0, false, no) leaves the source out: no flows fetched, stored or shown


def enabled() -> bool:
    """$COMTRADE is not off: the source is in, as it is by default (the refresh fetches it, the pages show it)."""
    return os.environ.get(ENABLED_ENV, "on").strip().lower() not in ("0", "off", "false", "no")


LICENSE = "UN Comtrade terms of use (not an open licence)"
ATTRIBUTION = "UN Comtrade Database, United Nations Statistics Division"
CITATION = "https://comtradeplus.un.org/"

# HS codes, each with what it is in words.
COAL, CRUDE, LNG, PIPELINE_GAS, OIL_SHALE = "2701", "2709", "271111", "271121", "271410"
COMMODITIES = {
    COAL: "Coal (HS 2701)",
    CRUDE: "Crude petroleum oils (HS 2709)",
    LNG: "Liquefied natural gas (HS 271111)",
    PIPELINE_GAS: "Natural gas in the gaseous state (HS 271121)",
    OIL_SHALE: "Bituminous or oil shale and tar sands (HS 271410)",
}
# What a legend or a sentence calls each (the HS code is in the chart's source line).
SHORT = {
    COAL: "Coal",
    CRUDE: "Crude oil",
    LNG: "LNG",
    PIPELINE_GAS: "Gas, gaseous state",
    OIL_SHALE: "Oil shale and tar sands",
}
# Korea's imports drawn on the Trade page, in order: its three seaborne fuels.
KOREA_FUELS = (LNG, CRUDE, COAL)
IMPORTS, EXPORTS = "M", "X"
YEARS = (2008, 2017)  # what the pack, and so the committed snapshot, holds

# M49 codes of the reporters we ask for, by our country code; the partner World is 0.
M49 = {
    c.KOREA: 410,
    c.JAPAN: 392,
    c.CHINA: 156,
    c.TAIWAN: 490,
    c.KAZAKHSTAN: 398,
    c.UZBEKISTAN: 860,
    c.TURKMENISTAN: 795,
    c.KYRGYZSTAN: 417,
    c.TAJIKISTAN: 762,
}
WORLD_PARTNER = 0


@dataclass(frozen=True)
class Ask:
    """One question put to Comtrade: these reporters' flow of the commodities with these partners (None: all)."""

    id: str
    title: str
    reporters: tuple[str, ...]
    flow: str
    partners: tuple[str, ...] | None = None


ASKS: tuple[Ask, ...] = (
    Ask("korea_imports", "South Korea's imports by origin", (c.KOREA,), IMPORTS),
    Ask("central_asia_exports", "The five states' exports by destination", c.CENTRAL_ASIA, EXPORTS),
    # Mirror data: Turkmenistan and Tajikistan never report, Uzbekistan rarely; their trade is seen from the
    # partner's side.
    Ask(
        "mirror_imports",
        "China's, Japan's and Taiwan's imports from the five states",
        (c.CHINA, c.JAPAN, c.TAIWAN),
        IMPORTS,
        c.CENTRAL_ASIA,
    ),
)

# The flows table: one row = one reporter's flow of one commodity with one partner in one year.
FLOW_COLUMNS = (
    "ask",
    "reporter",
    "partner",
    "partner_name",
    "commodity",
    "flow",
    "year",
    "weight_kg",
    "weight_basis",
    "value_usd",
)
FLOW_DTYPES = {
    "ask": "string",
    "reporter": "string",
    "partner": "string",
    "partner_name": "string",
    "commodity": "string",
    "flow": "string",
    "year": "int32",
    "weight_kg": "float64",
    "weight_basis": "string",
    "value_usd": "float64",
}
FLOW_KEY = ["ask", "reporter", "flow", "commodity", "partner", "year"]
# Where a weight comes from: the net weight, or the quantity where that is missing and counted in kilograms
# (Korea's 2017 coal World row); a row with neither has no weight.
NET_WEIGHT, QUANTITY_KG = "netWgt", "qty"
KILOGRAMS = 8  # Comtrade's qtyUnitCode for kg
