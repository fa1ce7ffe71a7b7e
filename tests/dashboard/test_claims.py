"""Claims are checked against the data with the figures, the year and the source; agreement can fail."""

from __future__ import annotations

from types import SimpleNamespace

import pandas as pd
import pytest

from catalog import schema
from dashboard import claims, i18n
from dashboard.phrases import say

EN = i18n.ENGLISH


def worded(found: list[claims.Claim]) -> list[SimpleNamespace]:
    """Claims as an English page shows them."""
    return [
        SimpleNamespace(
            statement=say(EN, c.statement), data_says=say(EN, c.data_says), source=say(EN, c.source),
            agrees=c.agrees, year=c.year,
        )
        for c in found
    ]  # fmt: skip


def tidy(rows) -> pd.DataFrame:
    frame = pd.DataFrame(rows, columns=["series", "country", "year", "value"]).assign(source="x", unit="u")
    return schema.conform(frame)


@pytest.mark.parametrize(
    "share, agrees", [pytest.param(99.8, True, id="agrees"), pytest.param(90.0, False, id="differs")]
)
def test_the_98_percent_claim_is_checked_on_the_latest_fossil_dependence(share, agrees):
    table = tidy([("dependence_fossil_pct", "KOR", 2017, 99.5), ("dependence_fossil_pct", "KOR", 2023, share)])
    claim = next(c for c in worded(claims.claims(table)) if "98%" in c.statement)
    assert claim.year == 2023 and claim.agrees is agrees
    assert f"{share:.1f}%" in claim.data_says


def test_without_the_fossil_series_the_98_percent_claim_is_left_out():
    assert not any("98%" in c.statement for c in worded(claims.claims(tidy([("population", "KOR", 2021, 51.7e6)]))))


@pytest.mark.parametrize(
    "population, agrees", [pytest.param(51.7e6, True, id="agrees"), pytest.param(48.0e6, False, id="differs")]
)
def test_the_population_claim_agrees_only_with_a_close_figure(population, agrees):
    found = {c.statement: c for c in worded(claims.claims(tidy([("population", "KOR", 2021, population)])))}
    claim = next(c for s, c in found.items() if "population" in s)
    assert claim.agrees is agrees and claim.year == 2021 and "SP.POP.TOTL" in claim.source
    assert f"{population / 1e6:.2f}" in claim.data_says


def test_the_turkmen_gas_claim_checks_reserves_and_net_exports():
    countries = ("KAZ", "UZB", "TKM", "KGZ", "TJK")
    reserves = [("gas_reserves", c, 2020, 350.0 if c == "TKM" else 10.0) for c in countries]
    exports = [("net_exports_gas", c, 2017, 5.0 if c == "TKM" else 50.0) for c in countries]
    claim = worded(claims.claims(tidy(reserves + exports)))[-1]
    assert "Turkmenistan" in claim.statement
    assert not claim.agrees  # it leads on reserves but not on net exports here
    assert "reserves 2020: Turkmenistan leads" in claim.data_says


def test_metrics_give_the_year_and_the_change():
    table = tidy([("gdp_usd", "KOR", 2022, 10.0), ("gdp_usd", "KOR", 2023, 12.0)])
    metric = claims.latest(table, "gdp_usd", "KOR", "GDP", "US$")
    assert (metric.value, metric.year, metric.change) == (12.0, 2023, 2.0)
    total = claims.region_total(tidy([("x", c, 2000, 1.0) for c in ("KAZ", "UZB", "TKM", "KGZ", "TJK")]), "x", "", "")
    assert (total.value, total.year) == (5.0, 2000)


def test_a_unit_too_wide_for_a_metric_box_moves_into_its_label():
    metric = claims.Metric("{year} · Oil output{unit}", 2480.0, 2025, 250.0, "kb/d")
    tr = i18n.translator("ko")
    korean = claims.card(tr, metric, 1, ",.0f", "Petroleum and other liquids production")
    korean_unit = tr.unit("kb/d")
    english = claims.card(EN, metric, 1, ",.0f", "Petroleum and other liquids production")
    assert english.value == "2,480 kb/d" and english.label == "2025 · Oil output"
    # 천 배럴/일 would be cut off after the figure: the label carries it instead.
    assert korean.value == "2,480" and korean.label.endswith(f"({korean_unit})") and korean_unit != "kb/d"


def test_a_figure_without_a_year_keeps_a_readable_label():
    metric = claims.Metric("{year} · Oil output{unit}", None, None, None, "kb/d")
    card = claims.card(EN, metric, 1, ",.0f", "Petroleum and other liquids production")
    assert card.value == "no data" and card.label == f"{claims.NO_YEAR} · Oil output"
    assert "{" not in card.label
