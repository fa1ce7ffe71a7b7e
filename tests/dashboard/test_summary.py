"""The 'latest figures' table: each country's last figure in the chosen years, said the way a reader says it."""

from __future__ import annotations

import pandas as pd
import pytest

from catalog import schema
from dashboard import i18n, summary

EN = i18n.ENGLISH


@pytest.fixture
def table() -> pd.DataFrame:
    rows = [("gas", "KOR", y, 10.0 * y) for y in (2000, 2001, 2002)]
    rows += [("gas", "KAZ", 2000, 5.0), ("gas", "KAZ", 2001, None)]  # KAZ's 2001 is missing: 2000 is its last
    rows += [("lpi", "KOR", 2018, 3.6), ("coverage", "CA5", 2001, 12.5)]
    frame = pd.DataFrame(rows, columns=["series", "country", "year", "value"]).assign(source="eia", unit="bcf")
    return schema.conform(frame)


def test_each_country_gets_its_own_last_year_with_a_figure(table):
    rows = summary.latest(table, ["gas"], ["KOR", "KAZ"], (2000, 2002)).set_index("country")
    assert rows.loc["KOR", "year"] == 2002 and rows.loc["KOR", "value"] == 20020.0
    assert rows.loc["KAZ", "year"] == 2000 and rows.loc["KAZ", "value"] == 5.0
    assert list(summary.latest(table, ["gas"], ["KOR"], (2000, 2001))["year"]) == [2001]  # the range is respected


def test_the_latest_rows_keep_the_tidy_schema(table):
    assert list(summary.latest(table, ["gas", "lpi"], ["KOR"], (1990, 2020)).columns) == list(schema.COLUMNS)
    assert summary.latest(table, ["gas"], ["TJK"], (1990, 2020)).empty


@pytest.mark.parametrize(
    "value, said",
    [
        (51_744_876, "51.7 mn"),
        (1.81e12, "1.81 trn"),
        (2.5e9, "2.5 bn"),
        (2150.4, "2,150"),
        (0.04291, "0.0429"),
        (-3.2e6, "-3.2 mn"),
        (6.46e-05, "0.0000646"),  # never an exponent a reader has to decode
        (12.0, "12"),
        (0.0, "0"),
        (999.6, "1,000"),
    ],
)
def test_figures_are_said_compactly(value, said):
    assert summary.compact(EN, value) == said


def test_the_glance_table_has_a_line_per_series_and_a_column_per_country(table):
    rows = summary.latest(table, ["gas", "lpi"], ["KOR", "KAZ"], (1990, 2020))
    grid = summary.glance(EN, rows, {"gas": "Gas production"}, ["gas", "lpi"], ["KOR", "KAZ"])
    assert list(grid.columns) == ["Indicator", "South Korea", "Kazakhstan", "Unit"]
    assert list(grid["Indicator"]) == ["Gas production", "lpi"]  # an untitled series shows its id
    assert grid.loc[0, "Kazakhstan"] == "5 (2000)"
    assert grid.loc[1, "Kazakhstan"] == ""  # no figure: blank, never zero


def test_a_region_column_appears_only_when_it_has_figures(table):
    rows = summary.latest(table, ["gas"], ["KOR", "CA5"], (1990, 2020))
    without = summary.glance(EN, rows, {}, ["gas"], ["KOR", "CA5"])
    assert "Central Asia (5)" not in without.columns
    rows = summary.latest(table, ["coverage"], ["KOR", "CA5"], (1990, 2020))
    assert summary.glance(EN, rows, {}, ["coverage"], ["KOR", "CA5"]).loc[0, "Central Asia (5)"] == "12.5 (2001)"
