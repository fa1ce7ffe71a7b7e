"""Key findings follow the table: each appears with the data it rests on and disappears without it."""

from __future__ import annotations

import pandas as pd
import pytest

from catalog import schema
from dashboard import findings, i18n
from dashboard.phrases import say

EN = i18n.ENGLISH


def text(found: findings.Finding) -> str:
    """The finding as an English page shows it."""
    return say(EN, found.text)


CA = ("KAZ", "UZB", "TKM", "KGZ", "TJK")


def tidy(rows) -> pd.DataFrame:
    frame = pd.DataFrame(rows, columns=["series", "country", "year", "value"]).assign(source="derived", unit="u")
    return schema.conform(frame)


def test_dependence_gives_the_latest_figure_and_the_one_a_span_before():
    table = tidy([("dependence_fossil_pct", "KOR", y, 90.0 + (y - 2010)) for y in range(2010, 2019)])
    found = findings.dependence(table)
    assert found.year == 2018 and "98.0%" in text(found) and "92.0% in 2012" in text(found)
    assert findings.dependence(table[table["series"] != "dependence_fossil_pct"]) is None


def test_coverage_names_the_reference_year_and_a_peak_between():
    values = {2015: 110.0, 2016: 120.0, 2017: 130.0, 2018: 100.0, 2019: 95.0, 2020: 90.0, 2021: 80.0}
    table = tidy([("coverage_gas_pct", "CA5", y, v) for y, v in values.items()])
    found = findings.coverage(table, "gas", "physical")
    assert found.year == 2021 and "80% of Korea's net imports" in text(found) and "in bcf" in text(found)
    assert "110% in 2015" in text(found) and "130% at the peak in 2017" in text(found)
    assert findings.coverage(table, "petroleum", "energy") is None  # no petroleum figures: no sentence


def test_the_coverage_peak_is_the_whole_series_peak_the_chart_draws_not_one_since_the_reference():
    # Gas in the snapshot: 1,062% in 1992, 125% in 2015, 122% since 2017; the words said 122%.
    values = {1992: 1062.3, 1993: 876.0, 2015: 125.0, 2017: 114.0, 2019: 122.0, 2023: 77.0}
    table = tidy([("coverage_gas_pct", "CA5", y, v) for y, v in values.items()])
    said = text(findings.coverage(table, "gas", "physical"))
    assert "1,062% at the peak in 1992" in said and "114% in 2017" in said


def test_the_largest_exporter_needs_every_state_in_its_year():
    series = "net_exports_fossil_energy"
    rows = [(series, c, 2020, v) for c, v in zip(CA, (4.0, -0.5, 1.5, -0.1, -0.2), strict=True)]
    rows += [(series, "KAZ", 2021, 5.0)]  # 2021 lacks four states: 2020 is the year that counts
    found = findings.largest_exporter(tidy(rows))
    assert found.year == 2020 and text(found).startswith("Kazakhstan") and "4.00 of the 5.50 quad Btu" in text(found)
    assert findings.largest_exporter(tidy(rows[1:])) is None


@pytest.mark.parametrize("last, side", [(-40.0, "net importer"), (40.0, None)])
def test_a_state_that_changed_side_is_named_only_when_it_did(last, side):
    rows = [("net_exports_gas", "UZB", y, 100.0) for y in range(2015, 2022)] + [("net_exports_gas", "UZB", 2022, last)]
    found = findings.changed_side(tidy(rows))
    if side is None:
        assert found is None
    else:
        assert found.year == 2022 and f"Uzbekistan became a {side} of dry natural gas in 2022" in text(found)
        assert "40.0 bcf more than it produced" in text(found)


def test_a_change_across_a_gap_in_the_years_is_not_a_change_of_side():
    rows = [("net_exports_gas", "TKM", 2010, -5.0), ("net_exports_gas", "TKM", 2015, 50.0)]
    assert findings.changed_side(tidy(rows)) is None


def test_findings_leave_out_what_the_table_cannot_support():
    assert findings.findings(tidy([("population", "KOR", 2020, 1.0)])) == []
    table = tidy([("dependence_fossil_pct", "KOR", 2023, 99.8)])
    assert [f.series for f in findings.findings(table)] == [("dependence_fossil_pct",)]


def test_peers_dependence_names_each_peer_in_the_last_year_all_four_have():
    rows = [
        ("dependence_fossil_pct", c, y, v + y - 2020)
        for c, v in zip(("KOR", "JPN", "TWN", "CHN"), (90, 80, 95, 20), strict=True)
        for y in (2020, 2021)
    ]
    table = tidy(rows[:-1])  # China lacks 2021: the sentence falls back to 2020, the last year all four have
    found = findings.peers_dependence(table)
    assert found.year == 2020
    assert all(f"{v}.0%" in text(found) for v in (90, 80, 95, 20))
    assert findings.peers_dependence(table[table["country"] != "TWN"]) is None


def test_world_gas_share_sums_the_five_over_the_world():
    rows = [("gas_production", c, 2023, v) for c, v in zip(CA, (10.0, 20.0, 30.0, 0.0, 0.0), strict=True)]
    table = tidy([*rows, ("gas_production", "WLD", 2023, 1200.0)])
    found = findings.world_gas_share(table)
    assert found.year == 2023 and "5.00%" in text(found) and "60 of 1,200" in text(found)
    assert findings.world_gas_share(table[table["country"] != "WLD"]) is None


@pytest.mark.parametrize(("five", "word"), [(100.0, "less than"), (5000.0, "Qatar exported")])
def test_suppliers_gas_sets_the_five_beside_each_supplier(five, word):
    rows = [("net_exports_gas", c, 2023, five / 5) for c in CA]
    rows += [
        ("net_exports_gas", c, 2023, v)
        for c, v in zip(("QAT", "AUS", "USA", "RUS"), (4000.0, 3000.0, 5000.0, 4500.0), strict=True)
    ]
    found = findings.suppliers_gas(tidy(rows))
    assert word in text(found) and "4,000" in text(found) and f"{five:,.0f}" in text(found)


def test_a_finding_is_codes_and_numbers_until_a_page_words_it():
    table = tidy([("dependence_fossil_pct", "KOR", y, v) for y, v in ((2012, 92.0), (2018, 98.0))])
    found = findings.dependence(table)
    russian, korean = say(i18n.translator("ru"), found.text), say(i18n.translator("ko"), found.text)
    assert "98.0%" in text(found) and "98,0\u00a0%" in russian and "98.0%" in korean
    assert len({text(found), russian, korean}) == 3  # one finding, three languages
