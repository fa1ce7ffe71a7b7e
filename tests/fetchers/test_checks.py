"""A well-formed answer can still be nonsense: each check names what is wrong, and a good release passes."""

from __future__ import annotations

import pandas as pd
import pytest

import catalog
from catalog import schema
from fetchers import checks


def rows(series: str, values: dict[tuple[str, int], float]) -> pd.DataFrame:
    frame = pd.DataFrame(
        [("worldbank", series, c, y, v, catalog.get(series).unit) for (c, y), v in values.items()],
        columns=list(schema.COLUMNS),
    )
    return schema.conform(frame)


OLD = rows("population", {("KOR", 2020): 51.8e6, ("KOR", 2021): 51.7e6, ("KAZ", 2021): 19.0e6})


def test_a_revision_of_a_few_per_cent_passes():
    new = rows("population", {("KOR", 2020): 51.9e6, ("KOR", 2021): 51.6e6, ("KAZ", 2021): 19.2e6})
    assert checks.problem(catalog.get("population"), new, OLD) is None


def test_figures_orders_of_magnitude_from_the_last_good_ones_are_refused():
    gdp_as_population = rows("population", {("KOR", 2020): 1.6e12, ("KOR", 2021): 1.8e12, ("KAZ", 2021): 1.9e11})
    found = checks.problem(catalog.get("gdp_usd"), gdp_as_population, OLD.assign(series="gdp_usd"))
    assert found and "times the last good ones" in found


@pytest.mark.parametrize("year", [0, 1066, 9999])
def test_a_year_outside_the_sources_span_is_refused(year):
    new = rows("population", {("KOR", year): 51.8e6})
    assert "years outside" in checks.problem(catalog.get("population"), new, OLD)


@pytest.mark.parametrize(("series", "value", "refused"), [("population", 0.0, True), ("gdp_usd", -1.0, True),
                                                          ("capacity_solar", 0.0, False)])  # fmt: skip
def test_only_quantities_that_cannot_be_zero_must_be_positive(series, value, refused):
    new = rows("population", {("KOR", 2021): value}).assign(series=series)
    found = checks.problem(catalog.get(series), new, OLD.iloc[0:0])
    assert bool(found and "only positive" in found) == refused


def test_a_derived_series_out_of_its_range_keeps_its_last_good_rows_and_says_why():
    from fetchers.refresh import _checked_derived

    def coverage(value: float) -> pd.DataFrame:
        frame = pd.DataFrame(
            [("derived", "coverage_gas_pct", "CA5", 2023, value, "% of Korea's net imports"),
             ("derived", "dependence_gas_pct", "KOR", 2023, 99.0, "% of consumption")],
            columns=list(schema.COLUMNS),
        )  # fmt: skip
        return schema.conform(frame)

    good, absurd = coverage(77.0), coverage(9e28)
    rows, refused = _checked_derived(absurd, good)
    assert list(refused) == ["coverage_gas_pct"] and "outside" in refused["coverage_gas_pct"]
    assert rows.set_index("series")["value"].to_dict() == {"coverage_gas_pct": 77.0, "dependence_gas_pct": 99.0}
    rows, refused = _checked_derived(good, coverage(50.0))
    assert refused == {} and rows["value"].tolist() == good["value"].tolist()
