"""Derived series, checked against hand computation on tiny tables."""

from __future__ import annotations

import pandas as pd
import pytest

from cache import store
from catalog import derived, fuels, schema
from catalog.countries import CENTRAL_ASIA
from catalog.schema import DERIVED


def tidy(rows) -> pd.DataFrame:
    frame = pd.DataFrame(rows, columns=["series", "country", "year", "value"]).assign(source="eia", unit="u")
    return schema.conform(frame)


@pytest.fixture(scope="module")
def snapshot_table() -> pd.DataFrame:
    """The committed snapshot's table."""
    return store.load(store.DEFAULT_DIR)[0]


@pytest.fixture
def table() -> pd.DataFrame:
    return tidy(
        [
            ("prod", "KOR", 2000, 10.0),
            ("cons", "KOR", 2000, 110.0),
            ("prod", "TKM", 2000, 80.0),
            ("cons", "TKM", 2000, 20.0),
            ("prod", "KGZ", 2000, 1.0),
            ("cons", "KGZ", 2000, 0.0),
            ("prod", "UZB", 2001, 5.0),
        ]
    )  # no consumption: no derived figure


def test_net_exports_are_production_less_consumption(table):
    out = derived.net_exports(table, ("prod",), ("cons",), "net", "u").set_index("country")["value"]
    assert out.to_dict() == {"KGZ": 1.0, "KOR": -100.0, "TKM": 60.0}


def test_several_inputs_are_summed_only_where_each_has_a_figure():
    table = tidy(
        [
            ("coal_p", "KOR", 2000, 1.0),
            ("gas_p", "KOR", 2000, 2.0),
            ("coal_c", "KOR", 2000, 30.0),
            ("gas_c", "KOR", 2000, 70.0),
            ("coal_p", "KOR", 2001, 1.0),  # 2001 lacks gas: no fossil figure rather than a coal-only one
            ("coal_c", "KOR", 2001, 30.0),
            ("gas_c", "KOR", 2001, 70.0),
        ]
    )
    out = derived.import_dependence(table, ("coal_p", "gas_p"), ("coal_c", "gas_c"), "dep").set_index("year")
    assert out["value"].to_dict() == {2000: pytest.approx(97.0)}


def test_import_dependence_is_negative_for_exporters_and_skips_zero_consumption(table):
    out = derived.import_dependence(table, ("prod",), ("cons",), "dep").set_index("country")["value"]
    assert out["KOR"] == pytest.approx(100 / 110 * 100)
    assert out["TKM"] == pytest.approx(-300.0)
    assert "KGZ" not in out


def test_coverage_counts_only_complete_years_where_korea_imports():
    net = tidy(
        [
            ("net", "KOR", 2000, -100.0),
            ("net", "TKM", 2000, 60.0),
            ("net", "KGZ", 2000, -10.0),
            ("net", "KOR", 2001, -100.0),
            ("net", "TKM", 2001, 70.0),  # KGZ missing in 2001
            ("net", "KOR", 2002, 5.0),
            ("net", "TKM", 2002, 70.0),
            ("net", "KGZ", 2002, 1.0),
        ]
    )  # KOR exports
    out = derived.coverage(net, ["TKM", "KGZ"], "KOR", "cov", "CA5").set_index("year")["value"]
    assert out.to_dict() == {2000: 50.0}


def test_the_page_computes_the_five_s_coverage_exactly_as_the_refresh_stored_it(snapshot_table):
    """One computation per figure: a chosen set of exporters goes through the function the refresh stores with."""
    from dashboard import chart_rows

    stored = snapshot_table[snapshot_table["series"].str.startswith("coverage_")]
    assert not stored.empty
    for fuel in fuels.FUELS:
        for measure in fuel.measures:
            sid = fuel.coverage_id(measure)
            mine = stored[stored["series"] == sid].set_index("year")["value"]
            page = chart_rows.coverage_rows(
                snapshot_table, fuel.net_exports_id(measure), sid, list(CENTRAL_ASIA), (1900, 2200)
            ).set_index("year")["value"]
            # The page's rows hold a null for a year without a figure (the drawn line breaks there).
            pd.testing.assert_series_equal(page.dropna(), mine, check_names=False, check_index_type=False)


def test_compute_gives_back_every_stored_derived_series(snapshot_table):
    fetched = snapshot_table[snapshot_table["source"] != DERIVED]
    again = derived.compute(fetched)
    stored = snapshot_table[snapshot_table["source"] == DERIVED].reset_index(drop=True)
    pd.testing.assert_frame_equal(again.reset_index(drop=True), stored)
