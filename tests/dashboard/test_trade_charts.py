"""The Trade page's chart builders are pure: rows in, a schema-valid Vega-Lite spec out (tested through to_dict)."""

from __future__ import annotations

import pytest

from catalog import trade
from dashboard import style, trade_charts, trade_rows
from dashboard.i18n import translator
from tests.dashboard.flow_rows import flow, korea, table

ALL = (2000, 2030)
EN, KO = translator("en"), translator("ko")
FLOWS_ENTRY = {"retrieved": "2026-12-04", "fetched_at": "2026-12-04T17:42:57Z"}


@pytest.fixture
def flows():
    return table(
        korea("WLD", trade.LNG, 2017, 100_000, name="World"),
        korea("QAT", trade.LNG, 2017, 60_000, name="Qatar"),
        korea("OMN", trade.LNG, 2017, 39_000, name="Oman"),
        korea("KAZ", trade.LNG, 2017, 1_000, name="Kazakhstan"),
        korea("WLD", trade.LNG, 2016, 50_000, name="World"),
        korea("QAT", trade.LNG, 2016, 50_000, name="Qatar"),
        korea("WLD", trade.PIPELINE_GAS, 2017, 40, name="World", basis="qty"),
        flow("central_asia_exports", "KAZ", "CHN", trade.PIPELINE_GAS, 2017, 8e8, name="China"),
        flow("mirror_imports", "CHN", "KAZ", trade.PIPELINE_GAS, 2017, 8.1e8, name="Kazakhstan"),
        flow("mirror_imports", "CHN", "TKM", trade.PIPELINE_GAS, 2017, 2.4e10, name="Turkmenistan"),
    )


def entry(title="A title"):
    return trade_charts.source_entry(FLOWS_ENTRY, (trade.LNG,), title, 2017)


def build(builder, rows, tr=EN) -> dict:
    return builder(trade_charts.worded(rows, tr), entry(), tr=tr).to_dict()  # validates against the schema


def scale_of(spec: dict, channel: str = "color") -> dict:
    return next(layer["encoding"][channel]["scale"] for layer in spec["layer"] if channel in layer["encoding"])


def test_the_source_line_credits_un_comtrade_with_the_hs_code_last_year_and_retrieval_date(flows):
    spec = build(trade_charts.origins, trade_rows.origin_shares(flows, trade.LNG, ALL))
    line = spec["title"]["subtitle"][-1]
    assert line == (
        "Source: UN Comtrade Database, United Nations Statistics Division (HS 271111) · data to 2017 · "
        "retrieved 2026-12-04"
    )


def test_origins_stack_shares_with_the_five_in_their_dashboard_colours(flows):
    spec = build(trade_charts.origins, trade_rows.origin_shares(flows, trade.LNG, ALL))
    scale = scale_of(spec)
    colours = dict(zip(scale["domain"], scale["range"], strict=True))
    assert colours["Kazakhstan"] == style.COUNTRY_COLORS["KAZ"]
    assert colours["Qatar"] == style.COUNTRY_COLORS["QAT"]
    assert colours["Oman"] == style.TRADE_PARTNERS[0]  # drawn nowhere else: the trade palette
    assert scale["domain"][0] == "Kazakhstan"  # the five first, at the foot of each bar
    assert spec["layer"][0]["encoding"]["y"]["stack"] == "zero"


def test_partner_names_follow_the_language(flows):
    spec = build(trade_charts.origins, trade_rows.origin_shares(flows, trade.LNG, ALL), KO)
    assert {"카타르", "오만", "카자흐스탄"} <= set(scale_of(spec)["domain"])


def test_routes_give_both_reports_of_a_route_one_colour_and_dash_the_mirror(flows):
    rows = trade_rows.routes(flows, trade.PIPELINE_GAS, ALL)
    spec = build(trade_charts.routes, rows)
    colours = dict(zip(scale_of(spec)["domain"], scale_of(spec)["range"], strict=True))
    dashes = dict(zip(scale_of(spec, "strokeDash")["domain"], scale_of(spec, "strokeDash")["range"], strict=True))
    own, mirror = "Kazakhstan → China, reported by Kazakhstan", "Kazakhstan → China, reported by China"
    assert colours[own] == colours[mirror]
    assert dashes[own] == [1, 0] and dashes[mirror] != [1, 0]
    assert colours["Turkmenistan → China, reported by China"] != colours[own]


def test_concentration_and_gas_states_draw_the_fuels_in_their_dashboard_colours(flows):
    spec = build(trade_charts.concentration, trade_rows.concentration(flows, ALL))
    assert scale_of(spec)["range"][0] == style.BY_FUEL["gas"][0]  # LNG in gas's colour
    gas = build(trade_charts.gas_states, trade_rows.gas_states(flows, ALL))
    y = next(layer["encoding"]["y"] for layer in gas["layer"])
    assert y["scale"]["type"] == "log"
    assert "logarithmic" in gas["title"]["subtitle"][0]


def test_every_trade_chart_has_a_description(flows):
    for builder, rows in (
        (trade_charts.origins, trade_rows.origin_shares(flows, trade.LNG, ALL)),
        (trade_charts.concentration, trade_rows.concentration(flows, ALL)),
        (trade_charts.gas_states, trade_rows.gas_states(flows, ALL)),
        (trade_charts.routes, trade_rows.routes(flows, trade.PIPELINE_GAS, ALL)),
    ):
        assert build(builder, rows, KO)["description"]
