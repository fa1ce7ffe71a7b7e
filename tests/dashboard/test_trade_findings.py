"""What the flows say, as the Trade page and the Overview word it: the last year's leaders, the five's share, the HHI
then and now, where the region's gas goes, and the texts' "no pipelines" beside HS 271121."""

from __future__ import annotations

import pytest

from catalog import trade
from dashboard import trade_findings
from dashboard.i18n import translator
from dashboard.phrases import say
from tests.dashboard.flow_rows import flow, korea, table

EN, KO, RU = translator("en"), translator("ko"), translator("ru")


@pytest.fixture
def flows():
    return table(
        korea("WLD", trade.LNG, 2016, 100_000, name="World"),
        korea("QAT", trade.LNG, 2016, 100_000, name="Qatar"),
        korea("WLD", trade.LNG, 2017, 200_000, name="World"),
        korea("QAT", trade.LNG, 2017, 120_000, name="Qatar"),
        korea("AUS", trade.LNG, 2017, 80_000, name="Australia"),
        korea("WLD", trade.CRUDE, 2017, 1_000_000, name="World"),
        korea("SAU", trade.CRUDE, 2017, 900_000, name="Saudi Arabia"),
        korea("KAZ", trade.CRUDE, 2017, 100_000, name="Kazakhstan"),
        korea("WLD", trade.PIPELINE_GAS, 2017, 20, name="World", basis="qty"),
        flow("mirror_imports", "CHN", "TKM", trade.PIPELINE_GAS, 2017, 24.5e9, name="Turkmenistan"),
        flow("mirror_imports", "CHN", "UZB", trade.PIPELINE_GAS, 2017, 2.6e9, name="Uzbekistan"),
    )


def test_the_largest_two_suppliers_of_each_fuel_with_their_shares_in_the_last_year(flows):
    found = [say(EN, f.text) for f in trade_findings.largest_suppliers(flows)]
    assert found[0] == (
        "LNG: Korea's imports in 2017 came first from Qatar (60.0% by weight), then from Australia (40.0%)."
    )
    assert "Saudi Arabia (90.0% by weight), then from Kazakhstan (10.0%)" in found[1]
    assert len(found) == 2  # coal has no rows: no finding, never a zero


def test_the_five_s_share_and_no_recorded_trade_where_there_is_none(flows):
    text = say(EN, trade_findings.five_states_share(flows).text)
    assert text == (
        "The five Central Asian states' share of Korea's imports by weight in 2017: LNG: no recorded imports from "
        "them; Crude oil: 10.0% (Kazakhstan)."
    )


def test_concentration_then_and_now(flows):
    text = say(EN, trade_findings.concentration(flows).text)
    assert "LNG: 10,000 (2016) → 5,200 (2017)" in text  # 60² + 40²


def test_where_the_region_s_gas_goes_as_china_reports_it(flows):
    text = say(EN, trade_findings.gas_destinations(flows).text)
    assert "24.5 million tonnes from Turkmenistan, 2.6 million tonnes from Uzbekistan" in text
    assert "Russia does not report" in text


def test_no_pipelines_agrees_when_gaseous_state_imports_are_negligible_beside_lng(flows):
    [claim] = trade_findings.no_pipelines(flows)
    assert claim.agrees and claim.year == 2017
    assert "0 tonnes in 2017, against 200 tonnes of LNG" in say(EN, claim.data_says)


def test_no_pipelines_differs_when_a_pipeline_sized_flow_arrives(flows):
    bigger = table(
        korea("WLD", trade.LNG, 2017, 1e9, name="World"), korea("WLD", trade.PIPELINE_GAS, 2017, 5e8, name="World")
    )
    [claim] = trade_findings.no_pipelines(bigger)
    assert not claim.agrees


@pytest.mark.parametrize("tr", [KO, RU], ids=["ko", "ru"])
def test_findings_read_in_korean_and_russian_with_partner_names_from_cldr(flows, tr):
    text = " ".join(say(tr, f.text) for f in trade_findings.findings(flows))
    assert {"ko": "카타르", "ru": "Катар"}[tr.lang] in text
    assert "Qatar" not in text


def test_no_flows_no_findings():
    empty = table(korea("QAT", trade.LNG, 2017, 1.0))  # no World row: no share can be taken
    assert trade_findings.findings(empty) == [] and trade_findings.no_pipelines(empty) == []
