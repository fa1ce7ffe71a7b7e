"""Key findings follow the table: each appears with the data it rests on and disappears without it."""

from __future__ import annotations

import pandas as pd
import pytest

from cache import schema
from dashboard import findings

CA = ("KAZ", "UZB", "TKM", "KGZ", "TJK")


def tidy(rows) -> pd.DataFrame:
    frame = pd.DataFrame(rows, columns=["series", "country", "year", "value"]).assign(source="derived", unit="u")
    return schema.conform(frame)


def test_dependence_gives_the_latest_figure_and_the_one_a_span_before():
    table = tidy([("dependence_fossil_pct", "KOR", y, 90.0 + (y - 2010)) for y in range(2010, 2019)])
    found = findings.dependence(table)
    assert found.year == 2018 and "98.0%" in found.text and "92.0% in 2012" in found.text
    assert findings.dependence(table[table["series"] != "dependence_fossil_pct"]) is None


def test_coverage_names_the_reference_year_and_a_peak_between():
    values = {2015: 110.0, 2016: 120.0, 2017: 130.0, 2018: 100.0, 2019: 95.0, 2020: 90.0, 2021: 80.0}
    table = tidy([("coverage_gas_pct", "CA5", y, v) for y, v in values.items()])
    found = findings.coverage(table, "gas", "physical")
    assert found.year == 2021 and "80% of Korea's net imports" in found.text and "in bcf" in found.text
    assert "110% in 2015" in found.text and "130% at the peak in 2017" in found.text
    assert findings.coverage(table, "petroleum", "energy") is None  # no petroleum figures: no sentence


def test_the_largest_exporter_needs_every_state_in_its_year():
    series = "net_exports_fossil_energy"
    rows = [(series, c, 2020, v) for c, v in zip(CA, (4.0, -0.5, 1.5, -0.1, -0.2), strict=True)]
    rows += [(series, "KAZ", 2021, 5.0)]  # 2021 lacks four states: 2020 is the year that counts
    found = findings.largest_exporter(tidy(rows))
    assert found.year == 2020 and found.text.startswith("Kazakhstan") and "4.00 of the 5.50 quad Btu" in found.text
    assert findings.largest_exporter(tidy(rows[1:])) is None


@pytest.mark.parametrize("last, side", [(-40.0, "net importer"), (40.0, None)])
def test_a_state_that_changed_side_is_named_only_when_it_did(last, side):
    rows = [("net_exports_gas", "UZB", y, 100.0) for y in range(2015, 2022)] + [("net_exports_gas", "UZB", 2022, last)]
    found = findings.changed_side(tidy(rows))
    if side is None:
        assert found is None
    else:
        assert found.year == 2022 and f"Uzbekistan became a {side} of dry natural gas in 2022" in found.text
        assert "40.0 bcf more than it produced" in found.text


def test_a_change_across_a_gap_in_the_years_is_not_a_change_of_side():
    rows = [("net_exports_gas", "TKM", 2010, -5.0), ("net_exports_gas", "TKM", 2015, 50.0)]
    assert findings.changed_side(tidy(rows)) is None


def test_findings_leave_out_what_the_table_cannot_support():
    assert findings.findings(tidy([("population", "KOR", 2020, 1.0)])) == []
    table = tidy([("dependence_fossil_pct", "KOR", 2023, 99.8)])
    assert [f.series for f in findings.findings(table)] == [("dependence_fossil_pct",)]
