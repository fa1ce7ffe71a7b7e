"""Flows rows as the store holds them (cache/flows.py), for the Trade page's tests: small tables written by hand."""

from __future__ import annotations

import pandas as pd

from cache import flows as stored_flows
from catalog import trade


def flow(ask, reporter, partner, commodity, year, kg, name=None, basis="netWgt", usd=1.0, direction=None):
    return {
        "ask": ask,
        "reporter": reporter,
        "partner": partner,
        "partner_name": name or partner,
        "commodity": commodity,
        "flow": direction or (trade.EXPORTS if ask == "central_asia_exports" else trade.IMPORTS),
        "year": year,
        "weight_kg": kg,
        "weight_basis": basis,
        "value_usd": usd,
    }


def korea(partner, commodity, year, kg, **kw):
    return flow("korea_imports", "KOR", partner, commodity, year, kg, **kw)


def table(*rows) -> pd.DataFrame:
    return stored_flows.conform(pd.DataFrame(list(rows)))
