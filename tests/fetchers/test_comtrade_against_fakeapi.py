"""The Comtrade client against ../shared/fakeapi, real HTTP: a full fetch returns exactly the pack's rows for the asks,
in the five calls the module docstring counts, also when the server is flaky."""

from __future__ import annotations

import csv
import math

import pytest

from catalog import trade
from catalog.countries import WORLD
from fetchers import comtrade
from fetchers.http import make_session
from tests.conftest import SHARED

pytestmark = pytest.mark.integration

PACK = SHARED / "data" / "comtrade" / "observations.csv"
FROM_M49 = {str(code): ours for ours, code in trade.M49.items()}


def expected() -> dict[tuple, tuple]:
    """FLOW_KEY -> (weight, basis, value) of every pack row an ask asks for, by the weight rules of the issue."""
    with open(PACK, newline="") as f:
        pack = list(csv.DictReader(f))
    first, last = trade.YEARS
    found = {}
    for ask in trade.ASKS:
        partners = None if ask.partners is None else {str(trade.M49[c]) for c in ask.partners}
        for r in pack:
            reporter = FROM_M49.get(r["reporterCode"])
            if reporter not in ask.reporters or r["flowCode"] != ask.flow or r["cmdCode"] not in trade.COMMODITIES:
                continue
            if not first <= int(r["refYear"]) <= last or partners is not None and r["partnerCode"] not in partners:
                continue
            partner = WORLD if r["partnerCode"] == str(trade.WORLD_PARTNER) else r["partnerISO"].strip()
            if r["netWgt"]:
                weight = (float(r["netWgt"]), trade.NET_WEIGHT)
            elif r["qty"] and r["qtyUnitCode"] == str(trade.KILOGRAMS):
                weight = (float(r["qty"]), trade.QUANTITY_KG)
            else:
                weight = (math.nan, "")
            key = (ask.id, reporter, r["flowCode"], r["cmdCode"], partner, int(r["refYear"]))
            found[key] = (*weight, float(r["primaryValue"]))
    return found


def got_rows(table) -> dict[tuple, tuple]:
    return {
        (r.ask, r.reporter, r.flow, r.commodity, r.partner, r.year): (r.weight_kg, r.weight_basis, r.value_usd)
        for r in table.itertuples()
    }


def test_a_full_fetch_returns_exactly_the_packs_rows_for_the_asks_in_five_calls(fake_api):
    got = comtrade.fetch(make_session(), f"{fake_api.url}/comtrade/public/v1")
    assert fake_api.stats()["by_route"] == {"comtrade": 5}  # the fewest the cap allows (fetchers/comtrade.py)
    assert got.refused == {} and len(got.request.splitlines()) == 5 and "127.0.0.1" not in got.request
    assert got.table.groupby("ask").size().to_dict() == {
        "korea_imports": 907,
        "central_asia_exports": 732,
        "mirror_imports": 57,
    }
    assert got_rows(got.table) == expected() and len(got.table) == len(expected()) == 1696
    # The weight rule at work: Korea's 2017 coal World row has no net weight, only a quantity in kilograms.
    coal = got.table.query("ask == 'korea_imports' and commodity == @trade.COAL and partner == @WORLD and year == 2017")
    assert coal[["weight_kg", "weight_basis"]].values.tolist() == [[148262000000.0, trade.QUANTITY_KG]]


def test_partner_names_are_comtrades_english_ones(fake_api):
    table = comtrade.fetch(make_session(), f"{fake_api.url}/comtrade/public/v1").table
    names = dict(zip(table["partner"], table["partner_name"], strict=True))
    assert names[WORLD] == "World" and names["QAT"] == "Qatar" and names["S19"] == "Other Asia, nes"
    assert "S19" not in set(table["reporter"])  # Taiwan reports as 490, stored as ours


def test_a_flaky_server_still_gives_every_row(fakeapi_module):
    api = fakeapi_module.FakeApi(port=0, faults=["500:0.2", "truncate:0.2", "html200:0.1", "reset:0.1"], seed=7)
    api.start()
    try:
        got = comtrade.fetch(make_session(), f"{api.url}/comtrade/public/v1")
    finally:
        api.stop()
    assert len(got.table) == 1696 and got.refused == {}
