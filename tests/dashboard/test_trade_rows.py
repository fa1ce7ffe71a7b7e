"""The Trade page's rows: shares of the reporter's stated World row, the five named, gaps said, nothing invented."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from cache import flows as stored_flows
from catalog import trade
from dashboard import trade_rows
from tests.dashboard.flow_rows import flow, korea, table

ALL = (2000, 2030)


@pytest.fixture
def lng() -> pd.DataFrame:
    """Korea's LNG: World 100 t in 2016 and 2017; Qatar, Australia, Kazakhstan and two small partners."""
    return table(
        korea("WLD", trade.LNG, 2016, 100_000, name="World"),
        korea("QAT", trade.LNG, 2016, 60_000, name="Qatar"),
        korea("AUS", trade.LNG, 2016, 40_000, name="Australia"),
        korea("WLD", trade.LNG, 2017, 100_000, name="World"),
        korea("QAT", trade.LNG, 2017, 50_000, name="Qatar"),
        korea("AUS", trade.LNG, 2017, 30_000, name="Australia"),
        korea("KAZ", trade.LNG, 2017, 500, name="Kazakhstan"),
        korea("OMN", trade.LNG, 2017, 9_500, name="Oman"),
        # 10% of 2017's World row is with no partner
    )


def test_shares_are_of_the_reporters_world_row_and_the_remainder_is_drawn_as_not_allocated(lng):
    rows = trade_rows.origin_shares(lng, trade.LNG, ALL)
    in_2017 = rows[rows["year"] == 2017].set_index("partner")["value"]
    assert in_2017["QAT"] == pytest.approx(50.0)
    assert in_2017["KAZ"] == pytest.approx(0.5)
    assert in_2017[trade_rows.UNALLOCATED] == pytest.approx(10.0)
    assert trade_rows.UNALLOCATED not in set(rows.loc[rows["year"] == 2016, "partner"])  # 2016 adds up
    assert trade_rows.shortfalls(rows) == [(2017, pytest.approx(10.0))]
    # Every bar reaches its World row: the shares of a year sum to 100.
    assert rows.groupby("year")["value"].sum().to_numpy() == pytest.approx([100.0, 100.0])


def test_the_five_are_named_and_stacked_first_however_small_and_the_rest_summed(lng, monkeypatch):
    monkeypatch.setattr(trade_rows, "NAMED", 1)  # name only the largest supplier
    rows = trade_rows.origin_shares(lng, trade.LNG, ALL)
    in_2017 = rows[rows["year"] == 2017]
    assert list(in_2017["partner"]) == ["KAZ", "QAT", trade_rows.OTHER, trade_rows.UNALLOCATED]
    other = in_2017.set_index("partner").loc[trade_rows.OTHER]
    assert other["value"] == pytest.approx(39.5)  # Australia and Oman
    assert other["weight_t"] == pytest.approx(39.5)


def test_a_partner_without_a_row_is_absent_never_a_zero(lng):
    rows = trade_rows.origin_shares(lng, trade.LNG, ALL)
    assert "KAZ" not in set(rows.loc[rows["year"] == 2016, "partner"])
    assert (rows["value"] > 0).all()


def test_a_year_without_a_world_weight_has_no_shares():
    flows = table(
        korea("QAT", trade.LNG, 2017, 5_000), korea("WLD", trade.LNG, 2016, 1_000), korea("QAT", trade.LNG, 2016, 1_000)
    )
    rows = trade_rows.origin_shares(flows, trade.LNG, ALL)
    assert set(rows["year"]) == {2016}


def test_the_herfindahl_hirschman_index_is_the_sum_of_squared_percentage_shares(lng):
    rows = trade_rows.concentration(lng, ALL)
    hhi = rows[rows["commodity"] == trade.LNG].set_index("year")["value"]
    assert hhi[2016] == pytest.approx(60**2 + 40**2)
    assert hhi[2017] == pytest.approx(50**2 + 30**2 + 0.5**2 + 9.5**2)
    assert trade_rows.hhi(pd.Series([100.0])) == 10_000


def test_weights_leave_the_store_in_kilograms_and_are_drawn_in_tonnes():
    flows = table(
        korea("WLD", trade.LNG, 2017, 37_537_095_000),
        korea("WLD", trade.PIPELINE_GAS, 2017, 39_617, basis="qty"),
    )
    rows = trade_rows.gas_states(flows, ALL).set_index("commodity")
    assert rows.loc[trade.LNG, "value"] == pytest.approx(37_537_095)
    assert rows.loc[trade.PIPELINE_GAS, "value"] == pytest.approx(39.617)
    assert rows.loc[trade.PIPELINE_GAS, "weight_basis"] == "qty"
    assert set(rows["unit"]) == {"tonnes"}


def test_a_weight_from_the_quantity_is_named():
    flows = table(korea("WLD", trade.COAL, 2017, 1e9, basis="qty", name="World"), korea("AUS", trade.COAL, 2017, 1e8))
    assert trade_rows.weight_bases(flows, trade.COAL, ALL) == [("WLD", "World", 2017)]


def test_a_missing_year_breaks_the_concentration_line():
    flows = table(
        *(korea("WLD", trade.CRUDE, y, 100.0) for y in (2010, 2012)),
        *(korea("SAU", trade.CRUDE, y, 100.0) for y in (2010, 2012)),
    )
    rows = trade_rows.concentration(flows, ALL)
    crude = rows[rows["commodity"] == trade.CRUDE].set_index("year")["value"]
    assert list(crude.index) == [2010, 2011, 2012]
    assert math.isnan(crude[2011])


def routes_table() -> pd.DataFrame:
    return table(
        flow("central_asia_exports", "KAZ", "RUS", trade.PIPELINE_GAS, 2017, 9e9, name="Russian Federation"),
        flow("central_asia_exports", "KAZ", "CHN", trade.PIPELINE_GAS, 2017, 8e8, name="China"),
        flow("central_asia_exports", "KAZ", "KOR", trade.PIPELINE_GAS, 2017, 10.0, name="Rep. of Korea"),
        flow("central_asia_exports", "KAZ", "WLD", trade.PIPELINE_GAS, 2017, 1e10, name="World"),
        flow("mirror_imports", "CHN", "KAZ", trade.PIPELINE_GAS, 2017, 8.1e8, name="Kazakhstan"),
        flow("mirror_imports", "CHN", "TKM", trade.PIPELINE_GAS, 2015, 2.0e10, name="Turkmenistan"),
        flow("mirror_imports", "CHN", "TKM", trade.PIPELINE_GAS, 2017, 2.4e10, name="Turkmenistan"),
    )


def test_routes_show_each_report_of_a_route_and_never_the_world_row():
    rows = trade_rows.routes(routes_table(), trade.PIPELINE_GAS, ALL)
    keys = set(rows["name"])
    assert {"KAZ>CHN@KAZ", "KAZ>CHN@CHN", "TKM>CHN@CHN", "KAZ>RUS@KAZ"} <= keys
    assert not any(">WLD@" in k for k in keys)
    mirror = rows[rows["name"] == "TKM>CHN@CHN"].set_index("year")
    assert mirror.loc[2017, "value"] == pytest.approx(24.0)  # million tonnes
    assert mirror.loc[2017, "report"] == trade_rows.MIRROR
    assert math.isnan(mirror.loc[2016, "value"])  # a gap breaks the line instead of joining 2015 to 2017


def test_routes_keep_those_a_partner_reports_and_those_to_korea_before_larger_ones(monkeypatch):
    monkeypatch.setattr(trade_rows, "ROUTES", 1)
    keys = set(trade_rows.routes(routes_table(), trade.PIPELINE_GAS, ALL)["name"])
    assert "KAZ>KOR@KAZ" in keys  # 10 kg, but to Korea
    assert "TKM>CHN@CHN" in keys
    assert "KAZ>RUS@KAZ" not in keys  # the largest own report, beyond ROUTES


def test_no_rows_give_empty_tables_with_the_columns_a_chart_reads():
    empty = stored_flows.empty()
    assert trade_rows.origin_shares(empty, trade.LNG, ALL).empty
    assert "value" in trade_rows.routes(empty, trade.CRUDE, ALL).columns
