"""The Data and sources page states a source's own date only for figures fetched under it, never a stand-in's."""

from __future__ import annotations

from dashboard import i18n, provenance

EN = i18n.ENGLISH

SOURCE = {"name": "World Bank", "license": "CC BY 4.0", "attribution": "World Bank", "url": "https://x.org"}


def manifest(**entry) -> dict:
    series = {"gdp_usd": {"source": "worldbank", "database": "2", "title": "GDP", "years": {"KOR": [1990, 2023, 34]}}}
    series["gdp_usd"].update(entry)
    return {"sources": {"worldbank": {**SOURCE, "last_updated": {"2": "2025-07-01"}}}, "series": series}


def test_a_pack_built_snapshot_states_no_source_date():
    built = manifest(last_updated=None, built_from="offline data pack", vintage="WDI release of 2024; offline pack")
    assert provenance.stated_dates(built, "worldbank") == {}
    assert "last updated" not in provenance.source_line(EN, SOURCE, {})


def test_a_live_refresh_states_the_sources_own_date():
    live = manifest(last_updated="2025-07-01", built_from=None)
    assert provenance.stated_dates(live, "worldbank") == {"2": "2025-07-01"}
    assert "database 2: 2025-07-01" in provenance.source_line(EN, SOURCE, {"2": "2025-07-01"})


def test_the_catalog_table_names_each_series_release_and_coverage():
    rows = provenance.catalog_rows(EN, manifest(vintage="WDI release of 2024; offline pack", last_year=2023))
    row = rows.iloc[0]
    assert row["release"] == "WDI release of 2024; offline pack" and row["years by country"] == "KOR 1990–2023"
