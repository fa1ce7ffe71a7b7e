"""The catalog names every series of both data packs, once, with what a chart needs to cite it."""

from __future__ import annotations

import csv
import json
import re

import pytest

import catalog
from catalog import topics
from fetchers import eia
from tests.conftest import NO_SHARED, SHARED

DATA = SHARED / "data"


def test_ids_are_unique_and_safe_in_urls():
    ids = [s.id for s in catalog.CATALOG]
    assert len(ids) == len(set(ids))
    assert all(re.fullmatch(r"[a-z0-9_]+", i) for i in ids)


@pytest.mark.skipif(not DATA.exists(), reason=NO_SHARED)
def test_every_world_bank_indicator_of_the_pack_is_declared():
    codes = {i["id"] for i in json.loads((DATA / "worldbank" / "indicators.json").read_text())}
    assert codes == {s.code for s in catalog.WORLDBANK_SERIES}


@pytest.mark.skipif(not DATA.exists(), reason=NO_SHARED)
def test_every_eia_combination_of_the_pack_is_declared():
    with open(DATA / "eia" / "observations.csv", newline="") as f:
        combos = {(r["product_id"], r["activity_id"], r["unit"]) for r in csv.DictReader(f)}
    assert combos == {eia.facets(s) for s in catalog.EIA_SERIES}


def test_the_archived_co2_series_lives_in_source_57():
    assert catalog.get("co2_emissions_kt").database == "57"
    assert {s.database for s in catalog.WORLDBANK_SERIES} == {"2", "57"}


def test_derived_series_name_inputs_that_exist():
    for s in catalog.DERIVED_SERIES:
        assert s.inputs and all(i in catalog.BY_ID for i in s.inputs)


def test_every_series_is_cited_and_topically_placed():
    for s in catalog.CATALOG:
        assert s.citation.startswith("https://") and s.title and s.unit
        assert s.topics and set(s.topics) <= set(topics.TOPICS)


@pytest.mark.parametrize("area", [a for a in topics.COOPERATION_AREAS if a != "education"])
def test_each_cooperation_area_but_education_has_series(area):
    assert any(area in s.topics for s in catalog.CATALOG)


def test_education_has_no_series_in_the_packs_and_none_is_invented():
    assert not any("education" in s.topics for s in catalog.CATALOG)


def test_each_cooperation_area_holds_the_series_that_measure_it():
    areas = {a: {s.id for s in catalog.CATALOG if a in s.topics} for a in topics.COOPERATION_AREAS}
    assert areas["transport"] == {"logistics_performance", "trade_pct_gdp"}  # not coal or crude trade
    assert {"renewable_share_pct", "renewable_electricity_pct", "capacity_solar", "capacity_wind"} <= areas["energy"]
    assert all(s.startswith(("renewable", "hydro", "capacity")) for s in areas["energy"])
    assert areas["industry"] == {"industry_pct_gdp", "fuel_exports_pct"}
    assert areas["climate"] == {"co2_emissions_kt", "co2_emissions_mt", "pm25_exposure", "forest_area_pct"}
    assert areas["health"] == {"physicians_per_1000"}
